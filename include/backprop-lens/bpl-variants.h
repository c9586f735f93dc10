/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-variants.h: a different worksheet for each student. A variant is the
 * same network (shape, activations, loss, η, training settings) with new
 * "nice" numbers, decimals of a chosen length drawn from a seed: the inputs
 * and targets of one sample, every weight and every bias.
 *
 * A variant is never a degenerate exercise: every asked parameter has a
 * gradient of at least BPL_VARIANTS_MIN_GRADIENT, no output equals its
 * target, no sigmoid, tanh or softmax is saturated, every ReLU on an asked
 * parameter's paths is active, and the given values are all different from
 * each other (one-hot targets aside). The students' variants differ from
 * each other, in the numbers and in the first asked parameter's gradient.
 *
 * A seed gives the same variants on every machine (bpl-random.h), and a
 * student's variant does not depend on how many students there are. */
#pragma once

#include <glib.h>

#include "bpl-network.h"

G_BEGIN_DECLS

#define BPL_VARIANTS_MAX_STUDENTS 500
#define BPL_VARIANTS_MIN_DECIMALS 1
#define BPL_VARIANTS_MAX_DECIMALS 4
#define BPL_VARIANTS_DEFAULT_DECIMALS 2
/* A student's name in a names list: at most this many characters. */
#define BPL_VARIANTS_MAX_NAME 80
/* |∂E_total/∂p| of every asked parameter is at least this. */
#define BPL_VARIANTS_MIN_GRADIENT 1e-4

typedef struct {
  guint64         seed;      /* default 1 */
  int             decimals;  /* digits after the point of every given value, 1 to 4 (default 2) */
  guint           sample;    /* the sample of @network whose inputs and targets are redrawn
                              * (default 0); a variant holds it alone */
  const BplParam *params;    /* the parameters the worksheet asks about (default none) */
  guint           n_params;
} BplVariantOptions;

void       bpl_variant_options_init (BplVariantOptions *options);

/* @n_students (1 to BPL_VARIANTS_MAX_STUDENTS) variants of @network, as a
 * GPtrArray of BplNetwork (freed with it), student 1 first. Each has the one
 * sample, no test samples, no optimiser state and no steps taken, and keeps
 * @network's name. Errors: BPL_ERROR_LIMIT for too many students, or a
 * network with more given values than the decimals have different nice
 * numbers; BPL_ERROR_INVALID for a bad sample, parameter or decimals, or
 * when no non-degenerate variant turns up (a network whose gradients vanish
 * whatever its numbers). */
GPtrArray *bpl_variants_new         (const BplNetwork        *network,
                                     guint                    n_students,
                                     const BplVariantOptions *options,
                                     GError                 **error);

/* A names list: one student a line, UTF-8, spaces around a name and blank
 * lines ignored, a leading byte order mark and CRLF line ends allowed; at
 * most BPL_VARIANTS_MAX_STUDENTS names of at most BPL_VARIANTS_MAX_NAME
 * characters, none twice. @display_name names the file in errors
 * ("class.txt: line 4: …"). */
GStrv      bpl_variants_parse_names (const char  *text,
                                     gsize        length,
                                     const char  *display_name,
                                     GError     **error);

/* Writes each variant into @dir (made if missing) as student-01.json,
 * student-02.json, … (three digits from 100 students on), named inside
 * "<network> · <student>" after @names (NULL: "Student 1", …), so that the
 * window and `explain` open a student's exercise. Errors: BPL_ERROR_IO. */
gboolean   bpl_variants_save        (GPtrArray          *variants,
                                     const char *const  *names,
                                     const char         *dir,
                                     GError            **error);

/* "Student 7", the label of a student without a name (from 0). */
char      *bpl_variants_student_label (guint student);

G_END_DECLS

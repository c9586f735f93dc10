/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-worksheet.h: a printable worksheet (A4 or US Letter) of the backward
 * pass.
 *
 * Page 1 holds the diagram, the given values (inputs, targets, η, weights,
 * biases) and the forward values; then, for each selected parameter, the
 * derivation table in the worked example's order: the sum over outputs, the
 * chain rule along each path, every factor, the products, the gradient and
 * the new value. With blanks, every computed number, or every formula the
 * chain rule asks for, or both, is a line to write on, and an answer key
 * with every value and formula follows the questions or goes to a file of
 * its own. */
#pragma once

#include <glib.h>

#include "bpl-network.h"
#include "bpl-render.h"
#include "bpl-variants.h"

G_BEGIN_DECLS

/* More selected parameters than this are refused (BPL_ERROR_LIMIT). */
#define BPL_WORKSHEET_MAX_PARAMS 32

/* What the student's sheet leaves for them to write in. */
typedef enum {
  BPL_WORKSHEET_BLANKS_NONE     = 0,       /* everything worked out */
  BPL_WORKSHEET_BLANKS_NUMBERS  = 1 << 0,  /* every computed number */
  BPL_WORKSHEET_BLANKS_FORMULAS = 1 << 1,  /* the chain along each path, each derivative's formula */
  BPL_WORKSHEET_BLANKS_BOTH     = BPL_WORKSHEET_BLANKS_NUMBERS | BPL_WORKSHEET_BLANKS_FORMULAS,
} BplWorksheetBlanks;

typedef enum {
  BPL_PAPER_A4,      /* 210 × 297 mm */
  BPL_PAPER_LETTER,  /* US Letter, 8.5 × 11 in */
} BplPaper;

typedef struct {
  guint               sample;   /* the sample the forward pass and derivations use (default 0) */
  BplWorksheetBlanks  blanks;   /* what the questions leave blank (default none: no answer key) */
  BplPaper            paper;    /* default A4; bpl_paper_get_default () gives the locale's */
  const char         *answer_key_path; /* with blanks: the answer key goes to this PDF instead
                                        * of after the questions (default NULL) */
  int                 digits;   /* significant digits of the numbers (default 11) */
  const BplStyle     *style;    /* the diagram's colours, or NULL for the light palette */
} BplWorksheetOptions;

void     bpl_worksheet_options_init (BplWorksheetOptions *options);

/* The paper of the locale's LC_PAPER (US Letter in the United States,
 * Canada, …) where the C library says, A4 elsewhere. The program must have
 * called setlocale (). */
BplPaper bpl_paper_get_default      (void);

/* Writes the worksheet for @params (n_params of them, at most
 * BPL_WORKSHEET_MAX_PARAMS; none gives the first page alone) as a PDF to
 * @path, and the answer key to options->answer_key_path if set, each
 * atomically and reproducibly (a fixed creation date). @options may be NULL
 * for the defaults. Errors: BPL_ERROR_INVALID for a sample or parameter the
 * network lacks, or an answer key file without blanks or at @path itself;
 * BPL_ERROR_LIMIT; BPL_ERROR_IO naming the file. */
gboolean bpl_worksheet_export (const BplNetwork          *network,
                               const BplParam            *params,
                               guint                      n_params,
                               const BplWorksheetOptions *options,
                               const char                *path,
                               GError                   **error);

/* More students than this in a class set are refused (BPL_ERROR_LIMIT). */
#define BPL_WORKSHEET_MAX_STUDENTS 500

/* One student's copy in a class set. */
typedef struct {
  const BplNetwork *network;  /* the student's variant (bpl-variants.h) */
  const char       *student;  /* the name or number their pages are headed with */
} BplWorksheetStudent;

/* A class set: a worksheet for each of @n_students students (1 to
 * BPL_WORKSHEET_MAX_STUDENTS; every network of the same shape), one after
 * the other in the PDF at @path, each headed with the student on every
 * page, its pages numbered on their own and its name line filled in. With
 * blanks, one answer key for the class: a table of every student's
 * gradients and new values, then each student's full key, a student a
 * page; after every worksheet, or at options->answer_key_path. Errors as
 * bpl_worksheet_export (). */
gboolean bpl_worksheet_export_class (const BplWorksheetStudent *students,
                                     guint                      n_students,
                                     const BplParam            *params,
                                     guint                      n_params,
                                     const BplWorksheetOptions *options,
                                     const char                *path,
                                     GError                   **error);

/* The class set of @n_students variants of @network: draws them
 * (bpl_variants_new () with @variant_options; its sample is options->sample,
 * its parameters @params) and writes them with bpl_worksheet_export_class (),
 * each student headed with @names[i], or "Student i" where @names is NULL
 * (it has n_students names otherwise). The command line and the window both
 * make a class set through here. Returns the variants, student 1 first (to
 * save, say), or NULL with the error. */
GPtrArray *bpl_worksheet_export_variants (const BplNetwork          *network,
                                          const BplParam            *params,
                                          guint                      n_params,
                                          const BplVariantOptions   *variant_options,
                                          guint                      n_students,
                                          const char *const         *names,
                                          const BplWorksheetOptions *options,
                                          const char                *path,
                                          GError                   **error);

G_END_DECLS

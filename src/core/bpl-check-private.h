/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-check-private.h: what the answer check's files share: the check
 * itself, and the working of a quantity done again, right or with one of
 * the mistakes students make. */
#pragma once

#include "bpl-check.h"
#include "bpl-forward.h"

G_BEGIN_DECLS

/* Neuron or output fields of a variant: none, or every one. */
#define BPL_CHECK_NO    (-1)
#define BPL_CHECK_EVERY (-2)

/* One way of working a quantity out. Every field at its "no" value is the
 * right working; each mistake sets one of them. */
typedef struct
{
  BplMistake mistake;
  guint      sample;
  gint       slope_as_out;       /* neuron whose out stands for f'(net), EVERY, or NO */
  gint       flip_error;         /* output whose ∂E/∂out has its sign flipped, EVERY, or NO */
  gint       weight;             /* weight replaced in ∂net/∂out and the δ sums, or NO */
  gint       weight_by;          /* … by this one */
  gboolean   param_for_input;    /* the parameter's value typed for ∂net/∂p */
  gint       skip_path;          /* path left out of a sum, or NO */
  gint       skip_output;        /* output whose paths are all left out, or NO */
  gint       skip_fed;           /* a neuron a shared bias feeds, left out, or NO */
  gint       skip_term_neuron;   /* δ of this neuron … */
  gint       skip_term_up;       /* … with the term through this neuron left out */
  gint       only_output;        /* the sum of one output's paths, or NO */
  double     eta;                /* the learning rate used for the new value */
  int        round_significant;  /* intermediate values rounded to this many significant digits, or 0 */
  int        round_decimals;     /* … or to this many decimals, or -1 */
  /* Mistakes that need no working out. */
  gboolean   negated;            /* the value with its sign flipped */
  gboolean   coarser;            /* the value rounded at 10^coarse_exponent */
  int        coarse_exponent;
  gboolean   off_by_one;         /* one unit off in the last digit typed */
} BplCheckVariant;

struct _BplCheck
{
  BplNetwork    *network;
  BplDerivation *derivation;
  BplForward    *forward;      /* of the selected sample */
  BplForward    *scratch;      /* of another sample, for wrong-sample */
  double        *delta;        /* scratch: δ of every neuron */
  GPtrArray     *quantities;   /* BplCheckQuantity */
  gboolean      *recomputed;   /* per quantity: the working done again agrees with the derivation */
  guint          min_digits;
};

void     bpl_check_variant_init (const BplCheck  *self,
                                 BplCheckVariant *variant);
/* @quantity worked out again as @variant says. */
double   bpl_check_recompute    (BplCheck               *self,
                                 const BplCheckQuantity *quantity,
                                 const BplCheckVariant  *variant);
/* The index of @quantity in the check. */
guint    bpl_check_index_of     (const BplCheck         *self,
                                 const BplCheckQuantity *quantity);
/* The quantity of @kind for @neuron (OUTPUT_SUM, DELTA), or NULL. */
const BplCheckQuantity *bpl_check_find (const BplCheck *self,
                                        BplCheckKind    kind,
                                        gint            neuron);

/* The typed answer with its last @exponent − answer's exponent digits, which
 * must be zeros, dropped, matches @value: rounded too far, then padded. */
gboolean bpl_answer_value_matches_coarser (const BplAnswerValue *self,
                                           double                value,
                                           int                   exponent);
/* One unit more or less in the last digit would match @value. */
gboolean bpl_answer_value_off_by_one      (const BplAnswerValue *self,
                                           double                value);

/* A translated @template whose %s, or %N$s in a translation that reorders
 * them, are replaced by the arguments: BplExpr that this takes and frees. */
BplExpr *_bpl_check_say (const char *template, ...);

G_END_DECLS

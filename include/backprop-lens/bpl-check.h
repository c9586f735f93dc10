/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-check.h: a learner's answers to the backward pass, checked.
 *
 * For one parameter and sample, every quantity the derivation works out is
 * named as `explain` prints it: the factors (∂out_h2/∂net_h2), the product
 * along each path (∂E_o1/∂w3), the sum over several paths to one output
 * (∂E_o1/∂b1), the gradient (∂E_total/∂w3), the error terms (δ_h2) and the
 * new value (w3⁺). A learner types a number for a name; it is judged to the
 * precision typed, and a wrong one gets a diagnosis: the mistake students
 * make that gives that number, found by working the quantity out again
 * with the mistake made. A hint reveals the working one step at a time.
 *
 * Names may be typed in ASCII: d for ∂, delta_ for δ_, + for ⁺
 * (dout_h2/dnet_h2, delta_h2, w3+); spaces and underscores and the case of
 * letters do not matter. As in the worked example, δ_h2 may also be written
 * ∂E_total/∂net_h2 and ∂E_o1/∂out_o1 ∂E_total/∂out_o1. */
#pragma once

#include <glib.h>

#include "bpl-derivation.h"
#include "bpl-expr.h"
#include "bpl-network.h"

G_BEGIN_DECLS

/* A number as the learner typed it. Its precision is the place of its last
 * digit: "0.2406" is 2406 × 10⁻⁴, "2.406e-1" the same, "0.2400" is
 * 2400 × 10⁻⁴ with four significant digits. */
typedef struct {
  char     *text;        /* as typed, without the blanks around it */
  double    value;
  gboolean  negative;
  char     *digits;      /* every digit typed, leading zeros dropped: "2406", "2400", "" for zero */
  int       exponent;    /* value = ±digits × 10^exponent */
  guint     significant; /* strlen (digits) */
  gboolean  scientific;  /* typed with a power of ten (e-3, ×10⁻³) */
} BplAnswerValue;

/* Most digits a value may have, and the largest power of ten. */
#define BPL_ANSWER_MAX_DIGITS 40
#define BPL_ANSWER_MAX_EXPONENT 330

/* Reads a number whatever the locale: an optional sign (+, -, −), digits
 * with a decimal point, and an optional power of ten (e-3, E+2, ×10⁻³,
 * ×10^-3, *10^-3, x10^-3). A comma, a second point, NaN or infinity is refused with
 * a message that says why. */
gboolean    bpl_answer_value_parse   (BplAnswerValue *self,
                                      const char     *text,
                                      GError        **error);
void        bpl_answer_value_clear   (BplAnswerValue *self);
/* "NAME=VALUE": the name (blanks around it dropped) and the value. */
gboolean    bpl_answer_parse         (const char     *argument,
                                      char          **name,
                                      BplAnswerValue *value,
                                      GError        **error);

/* TRUE when @value, rounded or truncated to the place of the answer's last
 * digit, is what was typed: 0.24061341725 matches "0.2406" (rounded and
 * truncated), "0.24061" and "0.24061341724" (truncated), not "0.2407". A
 * value exactly halfway matches both neighbours. Decimal arithmetic on the
 * value to 15 significant digits, so that no boundary case depends on
 * binary rounding: 0.3 is 0.30000 to five decimals, not 0.29999. A typed
 * number that reads back as the very double matches whatever its digits. */
gboolean    bpl_answer_value_matches (const BplAnswerValue *self,
                                      double                value);
/* @value at the answer's precision, written the way it was typed (decimals
 * or a power of ten), with at least @min_significant significant digits. */
char       *bpl_answer_value_format  (const BplAnswerValue *self,
                                      double                value,
                                      guint                 min_significant);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BplAnswerValue, bpl_answer_value_clear)

typedef enum {
  BPL_CHECK_FACTOR,      /* one factor of the chain rule: ∂out_h2/∂net_h2 */
  BPL_CHECK_PATH,        /* the product along one path: ∂E_o1/∂w3, ∂E_o1/∂b1 through h1 */
  BPL_CHECK_OUTPUT_SUM,  /* the sum of the paths to one output, when there are several: ∂E_o1/∂b1 */
  BPL_CHECK_GRADIENT,    /* ∂E_total/∂w3 */
  BPL_CHECK_DELTA,       /* δ_h2 */
  BPL_CHECK_NEW_VALUE,   /* w3⁺ */
} BplCheckKind;

typedef struct {
  BplCheckKind kind;
  char        *name;    /* as explain prints it: "∂out_h2/∂net_h2", "δ_h2", "w3⁺" */
  char        *ascii;   /* the same in ASCII: "dout_h2/dnet_h2", "delta_h2", "w3+" */
  BplExpr     *symbol;
  double       value;   /* the derivation's value */
  gint         path;    /* PATH, and FACTOR: the (first) path it is on; else -1 */
  gint         factor;  /* FACTOR: its index on that path; else -1 */
  gint         neuron;  /* FACTOR, DELTA, OUTPUT_SUM: the neuron it belongs to; else -1 */
} BplCheckQuantity;

typedef enum {
  BPL_MISTAKE_NONE,
  BPL_MISTAKE_OUTPUT_FOR_DERIVATIVE, /* out used where the activation's derivative belongs */
  BPL_MISTAKE_SIGN_FLIPPED,          /* target − out for out − target, or −(the value) */
  BPL_MISTAKE_MISSING_PATH,          /* a term left out of a sum over paths or outputs */
  BPL_MISTAKE_LEARNING_RATE,         /* η forgotten or applied twice in the new value */
  BPL_MISTAKE_WRONG_WEIGHT,          /* another weight in ∂net/∂out (or w for ∂net/∂w) */
  BPL_MISTAKE_WRONG_SAMPLE,          /* the value for another sample */
  BPL_MISTAKE_ROUNDING,              /* too few digits, rounded too far or wrongly */
  BPL_MISTAKE_UNKNOWN,
} BplMistake;

/* "output-for-derivative", …, "unknown" ("none" for NONE). */
const char *bpl_mistake_to_string (BplMistake mistake);

typedef struct {
  const BplCheckQuantity *quantity;
  gboolean    correct;
  BplMistake  mistake;   /* NONE when correct */
  double      expected;
  char       *diagnosis; /* a sentence naming the symbols and numbers; NULL when correct */
} BplVerdict;

void        bpl_verdict_free (BplVerdict *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplVerdict, bpl_verdict_free)

typedef struct _BplCheck BplCheck;

/* An answer needs this many significant digits unless it is exact. */
#define BPL_CHECK_DEFAULT_MIN_DIGITS 3

/* The quantities of @param on @sample (the network is copied). NULL with an
 * error for a parameter or sample the network does not have. */
BplCheck   *bpl_check_new            (const BplNetwork *network,
                                      BplParam          param,
                                      guint             sample,
                                      GError          **error);
void        bpl_check_free           (BplCheck *self);

const BplDerivation    *bpl_check_get_derivation (const BplCheck *self);
guint                   bpl_check_get_n_quantities (const BplCheck *self);
/* In the order of the derivation: the gradient, the path products, the
 * sums per output, the factors, the δs, the new value. */
const BplCheckQuantity *bpl_check_get_quantity   (const BplCheck *self,
                                                  guint           index);
/* By name, in either spelling. Unknown: NULL and an error that lists the
 * names there are. */
const BplCheckQuantity *bpl_check_lookup         (const BplCheck *self,
                                                  const char     *name,
                                                  GError        **error);
/* Every name, comma-separated: the gradient, the new value, the sums per
 * output and the δs, then the factors and the paths; at most @max (0 for
 * all), then "and N more". */
char                   *bpl_check_dup_names      (const BplCheck *self,
                                                  guint           max);

/* Fewest significant digits an answer needs (1 to 17; default
 * BPL_CHECK_DEFAULT_MIN_DIGITS). An answer equal to the value, such as
 * 0.05 for i1, needs no more digits than it has. */
void        bpl_check_set_min_digits (BplCheck *self,
                                      guint     min_digits);
guint       bpl_check_get_min_digits (const BplCheck *self);

/* Judges @answer for @quantity. Correct: the value rounded or truncated to
 * the answer's last digit is what was typed, with at least min-digits
 * significant digits (or exactly the value). Otherwise the first mistake,
 * in the order of BplMistake, whose working gives the typed number is
 * named, with a sentence in @style (BPL_EXPR_TEXT or BPL_EXPR_MARKUP). A
 * working gives the number when it gives it exactly, or at the precision
 * typed while differing from the right value by more than 1.5 units of
 * the last digit typed; an answer with fewer than min-digits significant
 * digits is matched only exactly (any of hundreds of workings could give
 * one or two digits by chance). */
BplVerdict *bpl_check_judge          (BplCheck               *self,
                                      const BplCheckQuantity *quantity,
                                      const BplAnswerValue   *answer,
                                      BplExprStyle            style);

/* Hints reveal the working of @quantity one step at a time: what it is
 * made of, then each part's formula, then that part's numbers. The last
 * hint puts in every number but never states the quantity's own value
 * unless the quantity is one given number (a weight or an input). */
guint       bpl_check_get_n_hints    (const BplCheck         *self,
                                      const BplCheckQuantity *quantity);
/* Hint @index (from 0), numbers at @digits significant digits. */
char       *bpl_check_dup_hint       (const BplCheck         *self,
                                      const BplCheckQuantity *quantity,
                                      guint                   index,
                                      BplExprStyle            style,
                                      int                     digits);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplCheck, bpl_check_free)

G_END_DECLS

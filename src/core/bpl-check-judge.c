/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-check-judge.c: is a typed number right, and if not, which mistake
 * gives it? Each mistake students make is tried in turn: the quantity is
 * worked out again with that mistake made (every place it could be made,
 * one at a time) and compared with the answer at the precision typed. The
 * first that agrees is named, in a sentence with the symbols and numbers
 * of this derivation. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "bpl-check-private.h"
#include "bpl-derivation-private.h"

/* Ways of making one mistake tried per quantity, at most: on a large
 * network the places a weight could be confused are many, and each try
 * works the quantity out again. */
#define MAX_CANDIDATES 1024
/* Intermediate values rounded to 1…this many digits or decimals. */
#define MAX_ROUNDING 12

typedef struct
{
  BplCheck               *check;
  const BplNetwork       *net;
  const BplDerivation    *d;
  const BplCheckQuantity *q;
  const BplAnswerValue   *answer;
  gboolean                recomputed;
  GArray                 *candidates;  /* BplCheckVariant */
  BplCheckVariant         overflow;    /* where candidates beyond the cap go */
  int                     digits;      /* of the numbers in a diagnosis */
  BplExprStyle            style;
} Judge;

static BplCheckVariant *
candidate (Judge *j, BplMistake mistake)
{
  BplCheckVariant v;

  bpl_check_variant_init (j->check, &v);
  v.mistake = mistake;
  if (j->candidates->len >= MAX_CANDIDATES)
    {
      j->overflow = v;
      return &j->overflow;
    }
  g_array_append_val (j->candidates, v);
  return &g_array_index (j->candidates, BplCheckVariant, j->candidates->len - 1);
}

static const BplFactor *
own_factor (const Judge *j)
{
  if (j->q->kind != BPL_CHECK_FACTOR)
    return NULL;
  return &j->d->paths[j->q->path].factors[j->q->factor];
}

/* The paths the quantity adds up or multiplies along. */
static gboolean
path_in_working (const Judge *j, guint p)
{
  switch (j->q->kind)
    {
    case BPL_CHECK_PATH:
      return (gint) p == j->q->path;
    case BPL_CHECK_OUTPUT_SUM:
      return j->d->paths[p].output == (guint) j->q->neuron;
    case BPL_CHECK_GRADIENT:
    case BPL_CHECK_NEW_VALUE:
      return TRUE;
    case BPL_CHECK_FACTOR:
    case BPL_CHECK_DELTA:
    default:
      return FALSE;
    }
}

/* Output for derivative: the quantity's own slope, or one of those in its
 * working, or every one. */
static void
candidates_output_for_derivative (Judge *j)
{
  const BplFactor *f = own_factor (j);
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);

  if (f != NULL)
    {
      if (f->kind == BPL_FACTOR_OUT_WRT_NET)
        candidate (j, BPL_MISTAKE_OUTPUT_FOR_DERIVATIVE)->slope_as_out = f->neuron;
      return;
    }
  if (j->q->kind == BPL_CHECK_DELTA)
    candidate (j, BPL_MISTAKE_OUTPUT_FOR_DERIVATIVE)->slope_as_out = j->q->neuron;
  candidate (j, BPL_MISTAKE_OUTPUT_FOR_DERIVATIVE)->slope_as_out = BPL_CHECK_EVERY;
  for (guint p = 0; p < j->d->n_paths; p++)
    if (path_in_working (j, p))
      for (guint i = 0; i < j->d->paths[p].n_neurons; i++)
        {
          guint n = j->d->paths[p].neurons[i];

          if (g_hash_table_add (seen, GUINT_TO_POINTER (n + 1)))
            candidate (j, BPL_MISTAKE_OUTPUT_FOR_DERIVATIVE)->slope_as_out = (gint) n;
        }
}

static void
candidates_sign_flipped (Judge *j)
{
  const BplFactor *f = own_factor (j);
  guint first = bpl_network_get_layer_start (j->net, bpl_network_get_n_layers (j->net) - 1);

  if (f != NULL && f->kind == BPL_FACTOR_ERROR_WRT_OUT)
    candidate (j, BPL_MISTAKE_SIGN_FLIPPED)->flip_error = f->neuron;
  else if (j->q->kind == BPL_CHECK_PATH)
    candidate (j, BPL_MISTAKE_SIGN_FLIPPED)->flip_error = (gint) j->d->paths[j->q->path].output;
  else if (j->q->kind == BPL_CHECK_OUTPUT_SUM || (j->q->kind == BPL_CHECK_DELTA && j->q->neuron >= (gint) first))
    candidate (j, BPL_MISTAKE_SIGN_FLIPPED)->flip_error = j->q->neuron;
  else if (f == NULL)
    {
      candidate (j, BPL_MISTAKE_SIGN_FLIPPED)->flip_error = BPL_CHECK_EVERY;
      if (j->q->kind != BPL_CHECK_DELTA)
        for (guint o = first; o < j->d->n_neurons; o++)
          if (j->d->neuron_on_path[o])
            candidate (j, BPL_MISTAKE_SIGN_FLIPPED)->flip_error = (gint) o;
    }
  candidate (j, BPL_MISTAKE_SIGN_FLIPPED)->negated = TRUE;
}

static guint
paths_to (const BplDerivation *d, guint output)
{
  guint n = 0;

  for (guint p = 0; p < d->n_paths; p++)
    n += d->paths[p].output == output ? 1 : 0;
  return n;
}

/* A term left out: an output's paths, a neuron a shared bias feeds, one
 * path; in a δ, one term of its sum. */
static void
candidates_missing_path (Judge *j)
{
  const BplNetwork *net = j->net;
  const BplDerivation *d = j->d;
  guint first = bpl_network_get_layer_start (net, bpl_network_get_n_layers (net) - 1);

  switch (j->q->kind)
    {
    case BPL_CHECK_GRADIENT:
    case BPL_CHECK_NEW_VALUE:
      if (d->n_paths_total < 2)
        return;
      /* The sums per output exist when every path is listed. */
      for (guint o = first; o < d->n_neurons && !d->paths_truncated; o++)
        if (d->neuron_on_path[o] && paths_to (d, o) > 1)
          candidate (j, BPL_MISTAKE_MISSING_PATH)->skip_output = (gint) o;
      if (d->param.kind == BPL_PARAM_BIAS)
        {
          guint n_fed = 0;

          for (guint n = 0; n < d->n_neurons; n++)
            n_fed += bpl_network_get_neuron_bias (net, n) == (gint) d->param.index ? 1 : 0;
          for (guint n = 0; n < d->n_neurons && n_fed > 1; n++)
            if (bpl_network_get_neuron_bias (net, n) == (gint) d->param.index)
              candidate (j, BPL_MISTAKE_MISSING_PATH)->skip_fed = (gint) n;
        }
      for (guint p = 0; p < d->n_paths; p++)
        candidate (j, BPL_MISTAKE_MISSING_PATH)->skip_path = (gint) p;
      break;

    case BPL_CHECK_OUTPUT_SUM:
      for (guint p = 0; p < d->n_paths; p++)
        if (path_in_working (j, p))
          candidate (j, BPL_MISTAKE_MISSING_PATH)->skip_path = (gint) p;
      break;

    case BPL_CHECK_DELTA:
      {
        guint l = bpl_network_get_neuron_layer (net, (guint) j->q->neuron);

        if (l + 1 >= bpl_network_get_n_layers (net) || bpl_network_get_layer_size (net, l + 1) < 2)
          return;
        for (guint k = 0; k < bpl_network_get_layer_size (net, l + 1); k++)
          {
            BplCheckVariant *v = candidate (j, BPL_MISTAKE_MISSING_PATH);

            v->skip_term_neuron = j->q->neuron;
            v->skip_term_up = (gint) (bpl_network_get_layer_start (net, l + 1) + k);
          }
      }
      break;

    case BPL_CHECK_FACTOR:
    case BPL_CHECK_PATH:
    default:
      break;
    }
}

static void
candidates_learning_rate (Judge *j)
{
  double eta = j->d->learning_rate;

  if (j->q->kind != BPL_CHECK_NEW_VALUE || eta == 1.0)
    return;
  candidate (j, BPL_MISTAKE_LEARNING_RATE)->eta = 1.0;
  if (eta != 0.0)
    candidate (j, BPL_MISTAKE_LEARNING_RATE)->eta = eta * eta;
}

/* The weights a learner confuses with @weight: those from the same neuron
 * to another (w5 for w7: both leave h1), then those into the same neuron
 * from another (w6 for w5: both enter o1). */
static void
add_weight_swaps (Judge *j, guint weight, GHashTable *seen)
{
  const BplNetwork *net = j->net;
  guint source = bpl_network_get_weight_source (net, weight);
  guint target = bpl_network_get_weight_target (net, weight);
  guint layer = bpl_network_get_neuron_layer (net, target);
  guint start = bpl_network_get_weight_start (net, layer);
  guint end = start + bpl_network_get_layer_size (net, layer) * bpl_network_get_layer_size (net, layer - 1);

  if (!g_hash_table_add (seen, GUINT_TO_POINTER (weight + 1)))
    return;
  for (int pass = 0; pass < 2; pass++)
    for (guint b = start; b < end; b++)
      {
        gboolean same = pass == 0 ? bpl_network_get_weight_source (net, b) == source
                                  : bpl_network_get_weight_target (net, b) == target;
        BplCheckVariant *v;

        if (b == weight || !same || bpl_network_get_weight (net, b) == bpl_network_get_weight (net, weight))
          continue;
        v = candidate (j, BPL_MISTAKE_WRONG_WEIGHT);
        v->weight = (gint) weight;
        v->weight_by = (gint) b;
      }
}

static void
candidates_wrong_weight (Judge *j)
{
  const BplFactor *f = own_factor (j);
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);

  if (f != NULL)
    {
      if (f->kind == BPL_FACTOR_NET_WRT_OUT && f->weight >= 0)
        add_weight_swaps (j, (guint) f->weight, seen);
      else if (f->kind == BPL_FACTOR_NET_WRT_PARAM)
        candidate (j, BPL_MISTAKE_WRONG_WEIGHT)->param_for_input = TRUE;
      return;
    }
  if (j->q->kind == BPL_CHECK_DELTA)
    {
      guint n = (guint) j->q->neuron;
      guint l = bpl_network_get_neuron_layer (j->net, n);

      for (guint k = 0; l + 1 < bpl_network_get_n_layers (j->net) && k < bpl_network_get_layer_size (j->net, l + 1); k++)
        add_weight_swaps (j, (guint) bpl_network_find_weight (j->net, n, bpl_network_get_layer_start (j->net, l + 1) + k),
                          seen);
      return;
    }
  for (guint p = 0; p < j->d->n_paths; p++)
    if (path_in_working (j, p))
      for (guint i = 0; i < j->d->paths[p].n_factors; i++)
        if (j->d->paths[p].factors[i].kind == BPL_FACTOR_NET_WRT_OUT && j->d->paths[p].factors[i].weight >= 0)
          add_weight_swaps (j, (guint) j->d->paths[p].factors[i].weight, seen);
  candidate (j, BPL_MISTAKE_WRONG_WEIGHT)->param_for_input = TRUE;
}

static void
candidates_wrong_sample (Judge *j)
{
  for (guint s = 0; s < bpl_network_get_n_samples (j->net); s++)
    if (s != j->d->sample)
      candidate (j, BPL_MISTAKE_WRONG_SAMPLE)->sample = s;
}

static void
candidates_rounding (Judge *j)
{
  gsize n = strlen (j->answer->digits);

  /* Rounding is a matter of the last digits: with too few, none is named. */
  if (j->answer->significant < j->check->min_digits)
    return;
  for (gsize drop = 1; drop < n; drop++)
    {
      BplCheckVariant *v = candidate (j, BPL_MISTAKE_ROUNDING);

      v->coarser = TRUE;
      v->coarse_exponent = j->answer->exponent + (int) drop;
    }
  for (int r = 1; r <= MAX_ROUNDING; r++)
    candidate (j, BPL_MISTAKE_ROUNDING)->round_significant = r;
  for (int r = 0; r <= MAX_ROUNDING; r++)
    candidate (j, BPL_MISTAKE_ROUNDING)->round_decimals = r;
  candidate (j, BPL_MISTAKE_ROUNDING)->off_by_one = TRUE;
}

/* A mistake explains the answer when its working gives exactly the number
 * typed (w5 = 0.4 typed for w7), or gives it at the precision typed while
 * differing from the right value by more than a slip in the last digit (a
 * weight swap that moves a gradient by 1e-9 does not explain an answer one
 * unit off). With fewer digits than a check needs, only the exact kind
 * counts: among hundreds of ways to go wrong, some would give one or two
 * digits by chance. */
static gboolean
mistake_matches (const Judge *j, double value)
{
  double unit = pow (10.0, j->answer->exponent);

  if (!isfinite (value))
    return FALSE;
  if (value == j->answer->value || fabs (value - j->answer->value) <= 1e-12 * fabs (value))
    return TRUE;
  if (j->answer->significant < j->check->min_digits || fabs (value - j->q->value) <= 1.5 * unit)
    return FALSE;
  return bpl_answer_value_matches (j->answer, value);
}

static gboolean
variant_matches (Judge *j, const BplCheckVariant *v, double *value)
{
  *value = NAN;
  if (v->negated)
    {
      *value = -j->q->value;
      return mistake_matches (j, *value);
    }
  if (v->coarser)
    return bpl_answer_value_matches_coarser (j->answer, j->q->value, v->coarse_exponent);
  if (v->off_by_one)
    return bpl_answer_value_off_by_one (j->answer, j->q->value);
  if (!j->recomputed)
    return FALSE;
  *value = bpl_check_recompute (j->check, j->q, v);
  return mistake_matches (j, *value);
}

/* Sentences. A diagnosis is built as a formula, so that names and numbers
 * come out in the style asked for (plain text or Pango markup). */

static BplExpr *
e_text (const char *text)
{
  return bpl_expr_text (bpl_expr_new (), text);
}

/* A number in prose at the sentence's digits: 0.4, −0.00025209 (no
 * brackets, which a number after an operator in a formula gets). */
static BplExpr *
e_number (const Judge *j, double value)
{
  g_autofree char *text = j->style == BPL_EXPR_MARKUP ? bpl_format_number_display (value, j->digits)
                                                       : bpl_format_number (value, j->digits);

  return e_text (text);
}

/* A number in words: "2", for counts in prose. */
static BplExpr *
e_count (guint n)
{
  g_autofree char *text = g_strdup_printf ("%u", n);
  return e_text (text);
}

static BplExpr *
e_param_name (const char *name)
{
  BplExpr *e = bpl_expr_new ();

  bpl_expr_param_name (e, name);
  return e;
}

static BplExpr *
e_out (const Judge *j, guint neuron)
{
  BplExpr *e = bpl_expr_new ();

  bpl_expr_out (e, j->net, neuron);
  return e;
}

static BplExpr *
e_target (const Judge *j, guint output)
{
  return bpl_expr_name (bpl_expr_new (), "target", bpl_network_get_neuron_name (j->net, output));
}

static BplExpr *
e_slope_symbol (const Judge *j, guint neuron)
{
  const char *name = bpl_network_get_neuron_name (j->net, neuron);

  return bpl_expr_derivative (bpl_expr_new (), "out", name, "net", name);
}

static BplExpr *
e_slope_formula (const Judge *j, guint neuron)
{
  BplExpr *formula = bpl_expr_new ();
  g_autoptr (BplExpr) numbers = bpl_expr_new ();

  bpl_expr_slope (formula, numbers, j->net, neuron, j->check->forward->net[neuron],
                  j->check->forward->out[neuron]);
  return formula;
}

static BplExpr *
e_error_symbol (const Judge *j, guint output)
{
  const char *name = bpl_network_get_neuron_name (j->net, output);

  return bpl_expr_derivative (bpl_expr_new (), "E", name, "out", name);
}

/* @value at @digits significant digits, whatever the sentence's digits. */
static BplExpr *
e_digits (double value, int digits)
{
  g_autofree char *text = bpl_format_number_display (value, CLAMP (digits, 1, 17));

  return e_text (text);
}

/* Text whose minus signs are typeset (plain text spells them "-"). */
static BplExpr *
e_minus_text (const char *text)
{
  GString *s = g_string_new (NULL);
  BplExpr *e;

  for (const char *p = text; *p; p++)
    if (*p == '-')
      g_string_append (s, "−");
    else
      g_string_append_c (s, *p);
  e = e_text (s->str);
  g_string_free (s, TRUE);
  return e;
}

/* What was typed, as typed. */
static BplExpr *
e_given (const Judge *j)
{
  return e_minus_text (j->answer->text);
}

/* @value to the answer's precision (at least the digits a check needs),
 * with a typeset minus (plain text spells it "-"). */
static BplExpr *
e_value (const Judge *j, double value)
{
  g_autofree char *text = bpl_answer_value_format (j->answer, value, j->check->min_digits);

  return e_minus_text (text);
}

#define say(...) _bpl_check_say (__VA_ARGS__)

/* A translated @template whose %s are each replaced by the next argument,
 * a BplExpr that this takes and frees. A translation may reorder them as
 * %1$s, %2$s…, as printf does. */
#define SAY_MAX_ARGS 16
BplExpr *
_bpl_check_say (const char *template, ...)
{
  BplExpr *e = bpl_expr_new ();
  BplExpr *args[SAY_MAX_ARGS] = { NULL };
  guint n_args = _bpl_count_directives (template), sequential = 0;
  const char *p;
  int index;
  gsize length;
  va_list ap;

  g_return_val_if_fail (n_args <= SAY_MAX_ARGS, e);
  va_start (ap, template);
  for (guint i = 0; i < n_args; i++)
    args[i] = va_arg (ap, BplExpr *);
  va_end (ap);

  sequential = 0;
  for (p = template; *p != '\0';)
    {
      const char *next = _bpl_next_directive (p, &index, &length);
      g_autofree char *literal = g_strndup (p, next != NULL ? (gsize) (next - p) : strlen (p));

      if (*literal != '\0')
        bpl_expr_text (e, literal);
      if (next == NULL)
        break;
      bpl_expr_append (e, args[index >= 0 ? (guint) index : sequential++]);
      p = next + length;
    }
  for (guint i = 0; i < n_args; i++)
    bpl_expr_free (args[i]);
  return e;
}

/* "A = B + C", the sum of the paths to @output, or NULL. */
static BplExpr *
paths_sum (const Judge *j, guint output)
{
  BplExpr *sum = bpl_expr_new ();
  gboolean any = FALSE;

  for (guint p = 0; p < j->d->n_paths; p++)
    if (j->d->paths[p].output == output)
      {
        if (any)
          bpl_expr_text (sum, " + ");
        bpl_expr_append (sum, j->d->paths[p].symbol);
        any = TRUE;
      }
  return sum;
}

/* The formula of the quantity, by names, or NULL when it says nothing more. */
static BplExpr *
own_formula (const Judge *j)
{
  const BplDerivation *d = j->d;

  switch (j->q->kind)
    {
    case BPL_CHECK_FACTOR:
      {
        const BplFactor *f = own_factor (j);
        g_autofree char *text = bpl_expr_render (f->formula, BPL_EXPR_TEXT, 17);
        g_autofree char *number = bpl_format_number (f->value, 17);

        return g_str_equal (text, number) ? NULL : bpl_expr_copy (f->formula);
      }
    case BPL_CHECK_OUTPUT_SUM:
      return paths_sum (j, (guint) j->q->neuron);
    case BPL_CHECK_GRADIENT:
      return bpl_expr_copy (d->paths_truncated ? d->factored : d->sum);
    case BPL_CHECK_DELTA:
      for (guint i = 0; i < d->n_deltas; i++)
        if (d->deltas[i].neuron == (guint) j->q->neuron)
          return bpl_expr_copy (d->deltas[i].formula);
      return NULL;
    case BPL_CHECK_NEW_VALUE:
      {
        BplExpr *e = e_param_name (d->name);

        bpl_expr_text (e, " − η·");
        bpl_expr_append (e, d->gradient_symbol);
        bpl_expr_text (e, " = ");
        bpl_expr_append (e, d->update_substitution);
        return e;
      }
    case BPL_CHECK_PATH:
    default:
      return NULL;
    }
}

/* "∂E_total/∂w3 = ∂E_o1/∂w3 + ∂E_o2/∂w3 = 0.0004977." */
static BplExpr *
e_expected (const Judge *j)
{
  BplExpr *e = bpl_expr_copy (j->q->symbol);
  g_autoptr (BplExpr) formula = own_formula (j);
  g_autoptr (BplExpr) value = e_value (j, j->q->value);

  bpl_expr_text (e, " = ");
  if (formula != NULL)
    {
      bpl_expr_append (e, formula);
      bpl_expr_text (e, " = ");
    }
  bpl_expr_append (e, value);
  bpl_expr_text (e, ".");
  return e;
}

static const char *
activation_name (const Judge *j, guint neuron)
{
  switch (bpl_network_get_activation (j->net, bpl_network_get_neuron_layer (j->net, neuron)))
    {
    case BPL_ACTIVATION_SIGMOID:
      return _("sigmoid");
    case BPL_ACTIVATION_TANH:
      return _("tanh");
    case BPL_ACTIVATION_RELU:
      return _("ReLU");
    case BPL_ACTIVATION_LINEAR:
    default:
      return _("linear activation");
    }
}

/* The neuron whose slope a learner meets first in the working. */
static guint
first_slope_neuron (const Judge *j)
{
  if (j->q->kind == BPL_CHECK_DELTA)
    return (guint) j->q->neuron;
  for (guint p = 0; p < j->d->n_paths; p++)
    if (path_in_working (j, p))
      return j->d->paths[p].neurons[0];
  return j->d->n_paths > 0 ? j->d->paths[0].neurons[0] : (guint) MAX (j->d->target, 0);
}

static BplExpr *
describe_output_for_derivative (const Judge *j, const BplCheckVariant *v)
{
  guint n = v->slope_as_out >= 0 ? (guint) v->slope_as_out : first_slope_neuron (j);
  const BplForward *fw = j->check->forward;
  double slope = bpl_activation_slope (bpl_network_get_activation (j->net, bpl_network_get_neuron_layer (j->net, n)),
                                       fw->net[n], fw->out[n]);

  if (own_factor (j) != NULL)
    /* Translators: "You typed out_h2 = 0.5969; ∂out_h2/∂net_h2 is the
     * sigmoid’s derivative out_h2(1 − out_h2) = 0.2406." */
    return say (_("You typed %s = %s; %s is the %s’s derivative %s = %s."), e_out (j, n), e_given (j),
                e_slope_symbol (j, n), e_text (activation_name (j, n)), e_slope_formula (j, n), e_value (j, slope));
  if (v->slope_as_out == BPL_CHECK_EVERY)
    return say (_("You typed %s, which uses each neuron’s output where its activation’s derivative belongs "
                  "(%s = %s where %s = %s = %s belongs). %s"),
                e_given (j), e_out (j, n), e_number (j, fw->out[n]), e_slope_symbol (j, n), e_slope_formula (j, n),
                e_number (j, slope), e_expected (j));
  return say (_("You typed %s, which uses %s = %s where %s belongs: that factor is the %s’s derivative %s = %s. %s"),
              e_given (j), e_out (j, n), e_number (j, fw->out[n]), e_slope_symbol (j, n),
              e_text (activation_name (j, n)), e_slope_formula (j, n), e_number (j, slope), e_expected (j));
}

static BplExpr *
describe_sign_flipped (const Judge *j, const BplCheckVariant *v)
{
  if (v->negated)
    return say (_("You typed %s: the right size with the wrong sign. %s"), e_given (j), e_expected (j));
  if (v->flip_error == BPL_CHECK_EVERY)
    return say (_("You typed %s, which uses target − out where ∂E/∂out has out − target, for every output: "
                  "the sign is flipped. %s"),
                e_given (j), e_expected (j));
  {
    guint o = (guint) v->flip_error;

    if (own_factor (j) != NULL)
      return say (_("You typed %s, which is %s − %s: the sign is flipped. %s"), e_given (j), e_target (j, o),
                  e_out (j, o), e_expected (j));
    return say (_("You typed %s, which uses %s with its sign flipped (%s − %s where %s − %s belongs). %s"),
                e_given (j), e_error_symbol (j, o), e_target (j, o), e_out (j, o), e_out (j, o), e_target (j, o),
                e_expected (j));
  }
}

static double
quantity_value (const Judge *j, BplCheckKind kind, gint neuron, double otherwise)
{
  const BplCheckQuantity *q = bpl_check_find (j->check, kind, neuron);

  return q != NULL ? q->value : otherwise;
}

/* The term left out, and its value. */
static BplExpr *
missing_term (const Judge *j, const BplCheckVariant *v, double *value)
{
  const BplDerivation *d = j->d;

  if (v->skip_output >= 0)
    {
      const BplCheckQuantity *sum = bpl_check_find (j->check, BPL_CHECK_OUTPUT_SUM, v->skip_output);

      g_assert (sum != NULL);
      *value = sum->value;
      return bpl_expr_copy (sum->symbol);
    }
  if (v->skip_fed >= 0)
    {
      BplExpr *e = bpl_expr_name (bpl_expr_new (), "δ", bpl_network_get_neuron_name (j->net, (guint) v->skip_fed));

      *value = quantity_value (j, BPL_CHECK_DELTA, v->skip_fed, 0.0);
      bpl_expr_text (e, "·1");
      return e;
    }
  if (v->skip_term_neuron >= 0)
    {
      gint w = bpl_network_find_weight (j->net, (guint) v->skip_term_neuron, (guint) v->skip_term_up);
      BplExpr *e = e_param_name (bpl_network_get_weight_name (j->net, (guint) w));

      *value = bpl_network_get_weight (j->net, (guint) w) * quantity_value (j, BPL_CHECK_DELTA, v->skip_term_up, 0.0);
      bpl_expr_text (e, "·");
      bpl_expr_name (e, "δ", bpl_network_get_neuron_name (j->net, (guint) v->skip_term_up));
      return e;
    }
  *value = d->paths[v->skip_path].product;
  return bpl_expr_copy (d->paths[v->skip_path].symbol);
}

static BplExpr *
describe_missing_path (const Judge *j, const BplCheckVariant *v)
{
  double value;
  BplExpr *term = missing_term (j, v, &value);

  return say (_("You typed %s, which leaves %s = %s out of the sum. %s"), e_given (j), term, e_number (j, value),
              e_expected (j));
}

static BplExpr *
describe_learning_rate (const Judge *j, const BplCheckVariant *v)
{
  if (v->eta == 1.0)
    return say (_("You typed %s, which is %s − %s, without η = %s. %s"), e_given (j), e_param_name (j->d->name),
                bpl_expr_copy (j->d->gradient_symbol), e_number (j, j->d->learning_rate), e_expected (j));
  return say (_("You typed %s, which applies η = %s twice (%s − η²·%s). %s"), e_given (j),
              e_number (j, j->d->learning_rate), e_param_name (j->d->name), bpl_expr_copy (j->d->gradient_symbol),
              e_expected (j));
}

static BplExpr *
describe_wrong_weight (const Judge *j, const BplCheckVariant *v)
{
  const BplFactor *f = own_factor (j);

  if (v->param_for_input)
    {
      const BplFactor *input = f;

      if (input == NULL && j->d->n_paths > 0)
        input = &j->d->paths[0].factors[0];
      if (input == NULL)
        return say (_("You typed %s; %s"), e_given (j), e_expected (j));
      if (f != NULL && j->d->param.kind == BPL_PARAM_BIAS)
        return say (_("You typed %s = %s; %s is what multiplies %s in %s: 1."), e_param_name (j->d->name),
                    e_given (j), bpl_expr_copy (f->symbol), e_param_name (j->d->name),
                    bpl_expr_name (bpl_expr_new (), "net", bpl_network_get_neuron_name (j->net, (guint) f->neuron)));
      if (f != NULL)
        return say (_("You typed %s = %s; %s is what multiplies %s in %s: %s = %s."), e_param_name (j->d->name),
                    e_given (j), bpl_expr_copy (f->symbol), e_param_name (j->d->name),
                    bpl_expr_name (bpl_expr_new (), "net", bpl_network_get_neuron_name (j->net, (guint) f->neuron)),
                    bpl_expr_copy (f->formula), e_value (j, f->value));
      return say (_("You typed %s, which uses %s = %s where %s = %s belongs. %s"), e_given (j),
                  e_param_name (j->d->name), e_number (j, j->d->value), bpl_expr_copy (input->symbol),
                  bpl_expr_copy (input->formula), e_expected (j));
    }
  {
    guint right = (guint) v->weight;
    guint wrong = (guint) v->weight_by;
    const char *from = bpl_network_get_neuron_name (j->net, bpl_network_get_weight_source (j->net, right));
    const char *to = bpl_network_get_neuron_name (j->net, bpl_network_get_weight_target (j->net, right));

    if (f != NULL)
      return say (_("You typed %s = %s; %s is the weight from %s to %s, %s = %s."),
                  e_param_name (bpl_network_get_weight_name (j->net, wrong)), e_given (j), bpl_expr_copy (f->symbol),
                  e_param_name (from), e_param_name (to), e_param_name (bpl_network_get_weight_name (j->net, right)),
                  e_value (j, f->value));
    return say (_("You typed %s, which uses %s = %s where %s = %s belongs (the weight from %s to %s). %s"),
                e_given (j), e_param_name (bpl_network_get_weight_name (j->net, wrong)),
                e_number (j, bpl_network_get_weight (j->net, wrong)),
                e_param_name (bpl_network_get_weight_name (j->net, right)),
                e_number (j, bpl_network_get_weight (j->net, right)), e_param_name (from), e_param_name (to),
                e_expected (j));
  }
}

static BplExpr *
describe_rounding (const Judge *j, const BplCheckVariant *v)
{
  if (v->coarser)
    {
      int magnitude = j->q->value != 0 ? (int) floor (log10 (fabs (j->q->value))) : 0;
      guint kept = (guint) MAX (magnitude - v->coarse_exponent + 1, 1);

      return say (_("You typed %s, which is %s cut to %s significant digits, then filled up with zeros. "
                    "To the digits typed, %s"),
                  e_given (j), bpl_expr_copy (j->q->symbol), e_count (kept), e_expected (j));
    }
  if (v->round_significant > 0)
    return say (_("You typed %s, which is what intermediate values rounded to %s significant digits give. "
                  "Worked out unrounded, %s"),
                e_given (j), e_count ((guint) v->round_significant), e_expected (j));
  if (v->round_decimals >= 0)
    return say (_("You typed %s, which is what intermediate values rounded to %s decimals give. "
                  "Worked out unrounded, %s"),
                e_given (j), e_count ((guint) v->round_decimals), e_expected (j));
  /* Off by one in the last digit: two digits more show which way it rounds. */
  return say (_("You typed %s, one unit off in the last digit: %s = %s, which rounds to %s."), e_given (j),
              bpl_expr_copy (j->q->symbol), e_digits (j->q->value, (int) j->answer->significant + 2),
              e_value (j, j->q->value));
}

static BplExpr *
describe (const Judge *j, const BplCheckVariant *v)
{
  switch (v->mistake)
    {
    case BPL_MISTAKE_OUTPUT_FOR_DERIVATIVE:
      return describe_output_for_derivative (j, v);
    case BPL_MISTAKE_SIGN_FLIPPED:
      return describe_sign_flipped (j, v);
    case BPL_MISTAKE_MISSING_PATH:
      return describe_missing_path (j, v);
    case BPL_MISTAKE_LEARNING_RATE:
      return describe_learning_rate (j, v);
    case BPL_MISTAKE_WRONG_WEIGHT:
      return describe_wrong_weight (j, v);
    case BPL_MISTAKE_WRONG_SAMPLE:
      {
        g_autofree char *other = g_strdup_printf ("%u", v->sample + 1);
        g_autofree char *selected = g_strdup_printf ("%u", j->d->sample + 1);

        return say (_("You typed %s, which is %s for sample %s; for sample %s, the one selected, %s"),
                    e_given (j), bpl_expr_copy (j->q->symbol), e_text (other), e_text (selected), e_expected (j));
      }
    case BPL_MISTAKE_ROUNDING:
      return describe_rounding (j, v);
    case BPL_MISTAKE_NONE:
    case BPL_MISTAKE_UNKNOWN:
    default:
      return say (_("You typed %s; %s"), e_given (j), e_expected (j));
    }
}

/* Right to the digits typed, or wrong, but in too few digits to say more. */
static BplExpr *
describe_too_few_digits (const Judge *j, gboolean right)
{
  g_autofree char *typed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u significant digit",
                                                         "%u significant digits", j->answer->significant),
                                            j->answer->significant);
  g_autofree char *needed = g_strdup_printf ("%u", j->check->min_digits);

  if (right)
    return say (_("You typed %s, %s; give at least %s: %s"), e_given (j), e_text (typed), e_text (needed),
                e_expected (j));
  return say (_("You typed %s, %s: too few to tell what went wrong; give at least %s. %s"), e_given (j),
              e_text (typed), e_text (needed), e_expected (j));
}

typedef void (*Candidates) (Judge *j);

BplVerdict *
bpl_check_judge (BplCheck *self, const BplCheckQuantity *quantity, const BplAnswerValue *answer, BplExprStyle style)
{
  static const Candidates mistakes[] = {
    candidates_output_for_derivative,
    candidates_sign_flipped,
    candidates_missing_path,
    candidates_learning_rate,
    candidates_wrong_weight,
    candidates_wrong_sample,
    candidates_rounding,
  };
  g_autoptr (BplVerdict) verdict = g_new0 (BplVerdict, 1);
  g_autoptr (BplExpr) sentence = NULL;
  Judge j = { 0 };
  double expected;

  g_return_val_if_fail (self != NULL && quantity != NULL && answer != NULL && answer->digits != NULL, NULL);

  expected = quantity->value;
  verdict->quantity = quantity;
  verdict->expected = expected;
  j.check = self;
  j.net = self->network;
  j.d = self->derivation;
  j.q = quantity;
  j.answer = answer;
  j.style = style;
  j.recomputed = self->recomputed[bpl_check_index_of (self, quantity)];
  /* Numbers in the sentence: as many digits as were typed, or as a check needs. */
  j.digits = (int) MAX (MAX (answer->significant, self->min_digits), 4);

  /* The value itself (0.05 for i1), or the value at the precision typed. */
  if (answer->value == expected || fabs (answer->value - expected) <= 1e-13 * fabs (expected))
    {
      verdict->correct = TRUE;
      return g_steal_pointer (&verdict);
    }
  if (bpl_answer_value_matches (answer, expected))
    {
      if (answer->significant >= self->min_digits)
        {
          verdict->correct = TRUE;
          return g_steal_pointer (&verdict);
        }
      verdict->mistake = BPL_MISTAKE_ROUNDING;
      sentence = describe_too_few_digits (&j, TRUE);
    }

  j.candidates = g_array_new (FALSE, FALSE, sizeof (BplCheckVariant));
  for (guint m = 0; m < G_N_ELEMENTS (mistakes) && sentence == NULL; m++)
    {
      g_array_set_size (j.candidates, 0);
      mistakes[m] (&j);
      for (guint c = 0; c < j.candidates->len && sentence == NULL; c++)
        {
          const BplCheckVariant *v = &g_array_index (j.candidates, BplCheckVariant, c);
          double value;

          if (variant_matches (&j, v, &value))
            {
              verdict->mistake = v->mistake;
              sentence = describe (&j, v);
            }
        }
    }
  g_array_unref (j.candidates);

  if (sentence == NULL && answer->significant < self->min_digits)
    {
      verdict->mistake = BPL_MISTAKE_UNKNOWN;
      sentence = describe_too_few_digits (&j, FALSE);
    }
  if (sentence == NULL)
    {
      BplCheckVariant unknown;

      bpl_check_variant_init (self, &unknown);
      unknown.mistake = BPL_MISTAKE_UNKNOWN;
      verdict->mistake = BPL_MISTAKE_UNKNOWN;
      sentence = describe (&j, &unknown);
    }
  verdict->diagnosis = bpl_expr_render (sentence, style, j.digits);
  return g_steal_pointer (&verdict);
}

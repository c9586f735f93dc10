/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-check.c: the quantities of one derivation a learner can be asked
 * for, their names in both spellings, and the hints. Judging an answer is
 * in bpl-check-judge.c, working a quantity out again in
 * bpl-check-recompute.c. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "bpl-check-private.h"
#include "bpl-derivation-private.h"
#include "bpl-error.h"

const char *
bpl_mistake_to_string (BplMistake mistake)
{
  switch (mistake)
    {
    case BPL_MISTAKE_NONE:
      return "none";
    case BPL_MISTAKE_OUTPUT_FOR_DERIVATIVE:
      return "output-for-derivative";
    case BPL_MISTAKE_SIGN_FLIPPED:
      return "sign-flipped";
    case BPL_MISTAKE_MISSING_PATH:
      return "missing-path";
    case BPL_MISTAKE_LEARNING_RATE:
      return "learning-rate";
    case BPL_MISTAKE_WRONG_WEIGHT:
      return "wrong-weight";
    case BPL_MISTAKE_WRONG_SAMPLE:
      return "wrong-sample";
    case BPL_MISTAKE_ROUNDING:
      return "rounding";
    case BPL_MISTAKE_UNKNOWN:
    default:
      return "unknown";
    }
}

void
bpl_verdict_free (BplVerdict *self)
{
  if (self == NULL)
    return;
  g_free (self->diagnosis);
  g_free (self);
}

static void
quantity_free (gpointer data)
{
  BplCheckQuantity *q = data;

  g_free (q->name);
  g_free (q->ascii);
  g_clear_pointer (&q->symbol, bpl_expr_free);
  g_free (q);
}

/* ∂ → d, δ → delta, ⁺ → +: the name as it can be typed on any keyboard. */
static char *
ascii_name (const char *name)
{
  static const struct { const char *utf8; const char *ascii; } map[] = {
    { "∂", "d" }, { "δ", "delta" }, { "⁺", "+" }, { "−", "-" },
  };
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p;)
    {
      gboolean matched = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (map) && !matched; i++)
        if (g_str_has_prefix (p, map[i].utf8))
          {
            g_string_append (out, map[i].ascii);
            p += strlen (map[i].utf8);
            matched = TRUE;
          }
      if (!matched)
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* What lookup compares: the ASCII spelling without blanks or underscores,
 * in lower case, so that dE_total/dw3, de_total/dw3 and dEtotal/dw3 are
 * one name. */
static char *
lookup_key (const char *name)
{
  g_autofree char *ascii = ascii_name (name);
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    if (*p != ' ' && *p != '\t' && *p != '_')
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

static BplCheckQuantity *
quantity_add (BplCheck *self, BplCheckKind kind, const BplExpr *symbol, double value)
{
  BplCheckQuantity *q = g_new0 (BplCheckQuantity, 1);

  q->kind = kind;
  q->symbol = bpl_expr_copy (symbol);
  q->name = bpl_expr_render (symbol, BPL_EXPR_TEXT, 17);
  q->ascii = ascii_name (q->name);
  q->value = value;
  q->path = -1;
  q->factor = -1;
  q->neuron = -1;
  g_ptr_array_add (self->quantities, q);
  return q;
}

static gboolean
has_name (const BplCheck *self, const char *name)
{
  for (guint i = 0; i < self->quantities->len; i++)
    if (g_str_equal (((BplCheckQuantity *) g_ptr_array_index (self->quantities, i))->name, name))
      return TRUE;
  return FALSE;
}

static guint
n_outputs_on_path (const BplDerivation *d, const BplNetwork *net)
{
  guint first = bpl_network_get_layer_start (net, bpl_network_get_n_layers (net) - 1);
  guint n = 0;

  for (guint o = first; o < d->n_neurons; o++)
    n += d->neuron_on_path[o] ? 1 : 0;
  return n;
}

/* The order one works them out in: the factors, each path's product, the
 * sums per output, the gradient, the δs, the new value. */
static void
collect_quantities (BplCheck *self)
{
  const BplDerivation *d = self->derivation;
  const BplNetwork *net = self->network;
  guint first_out = bpl_network_get_layer_start (net, bpl_network_get_n_layers (net) - 1);
  guint n_outputs = n_outputs_on_path (d, net);
  char base[16];
  const char *sub;

  for (guint p = 0; p < d->n_paths; p++)
    for (guint i = 0; i < d->paths[p].n_factors; i++)
      {
        const BplFactor *f = &d->paths[p].factors[i];
        g_autofree char *name = bpl_expr_render (f->symbol, BPL_EXPR_TEXT, 17);
        BplCheckQuantity *q;

        if (has_name (self, name))
          continue;
        q = quantity_add (self, BPL_CHECK_FACTOR, f->symbol, f->value);
        q->path = (gint) p;
        q->factor = (gint) i;
        q->neuron = f->neuron;
      }

  for (guint p = 0; p < d->n_paths; p++)
    {
      BplCheckQuantity *q = quantity_add (self, BPL_CHECK_PATH, d->paths[p].symbol, d->paths[p].product);

      q->path = (gint) p;
    }

  /* Several paths to one output: the sum over them has a name of its own
   * (∂E_o1/∂b1 in ∂E_total/∂b1 = ∂E_o1/∂b1 + ∂E_o2/∂b1), when every path
   * is listed. */
  bpl_split_name (d->name, base, sizeof base, &sub);
  if (n_outputs > 0 && d->n_paths_total > n_outputs && !d->paths_truncated)
    for (guint o = first_out; o < d->n_neurons; o++)
      {
        g_autoptr (BplExpr) symbol = NULL;
        BplCheckQuantity *q;
        double sum = 0;

        if (!d->neuron_on_path[o])
          continue;
        for (guint p = 0; p < d->n_paths; p++)
          if (d->paths[p].output == o)
            sum += d->paths[p].product;
        symbol = bpl_expr_derivative (bpl_expr_new (), "E", bpl_network_get_neuron_name (net, o), base, sub);
        q = quantity_add (self, BPL_CHECK_OUTPUT_SUM, symbol, sum);
        q->neuron = (gint) o;
      }

  quantity_add (self, BPL_CHECK_GRADIENT, d->gradient_symbol, d->gradient);

  for (guint i = 0; i < d->n_deltas; i++)
    {
      BplCheckQuantity *q = quantity_add (self, BPL_CHECK_DELTA, d->deltas[i].symbol, d->deltas[i].value);

      q->neuron = (gint) d->deltas[i].neuron;
    }

  {
    g_autoptr (BplExpr) symbol = bpl_expr_name (bpl_expr_new (), base, sub);

    bpl_expr_text (symbol, "⁺");
    quantity_add (self, BPL_CHECK_NEW_VALUE, symbol, d->new_value);
  }
}

/* The working done again must give the derivation's numbers; where it does
 * not (a network feature it does not model), only the mistakes that need no
 * working are diagnosed. */
static void
verify_recompute (BplCheck *self)
{
  BplCheckVariant right;

  bpl_check_variant_init (self, &right);
  self->recomputed = g_new0 (gboolean, MAX (self->quantities->len, 1));
  for (guint i = 0; i < self->quantities->len; i++)
    {
      const BplCheckQuantity *q = g_ptr_array_index (self->quantities, i);
      double again = bpl_check_recompute (self, q, &right);

      self->recomputed[i] = isfinite (again)
                            && fabs (again - q->value) <= 1e-9 * MAX (fabs (again), fabs (q->value)) + 1e-300;
    }
}

BplCheck *
bpl_check_new (const BplNetwork *network, BplParam param, guint sample, GError **error)
{
  g_autoptr (BplCheck) self = NULL;

  g_return_val_if_fail (network != NULL, NULL);

  self = g_new0 (BplCheck, 1);
  self->network = bpl_network_copy (network);
  self->min_digits = BPL_CHECK_DEFAULT_MIN_DIGITS;
  self->quantities = g_ptr_array_new_with_free_func (quantity_free);
  self->derivation = bpl_derivation_new (self->network, param, sample, error);
  if (self->derivation == NULL)
    return NULL;
  self->forward = bpl_forward_new (self->network);
  bpl_forward_compute (self->forward, self->network, sample);
  self->scratch = bpl_forward_new (self->network);
  self->delta = g_new0 (double, bpl_network_get_n_neurons (self->network));

  collect_quantities (self);
  verify_recompute (self);
  return g_steal_pointer (&self);
}

void
bpl_check_free (BplCheck *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->quantities, g_ptr_array_unref);
  g_clear_pointer (&self->derivation, bpl_derivation_free);
  g_clear_pointer (&self->forward, bpl_forward_free);
  g_clear_pointer (&self->scratch, bpl_forward_free);
  g_clear_pointer (&self->network, bpl_network_free);
  g_free (self->delta);
  g_free (self->recomputed);
  g_free (self);
}

const BplDerivation *
bpl_check_get_derivation (const BplCheck *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->derivation;
}

guint
bpl_check_get_n_quantities (const BplCheck *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->quantities->len;
}

const BplCheckQuantity *
bpl_check_get_quantity (const BplCheck *self, guint index)
{
  g_return_val_if_fail (self != NULL && index < self->quantities->len, NULL);
  return g_ptr_array_index (self->quantities, index);
}

guint
bpl_check_index_of (const BplCheck *self, const BplCheckQuantity *quantity)
{
  guint index = 0;

  if (!g_ptr_array_find (self->quantities, quantity, &index))
    g_return_val_if_reached (0);
  return index;
}

const BplCheckQuantity *
bpl_check_find (const BplCheck *self, BplCheckKind kind, gint neuron)
{
  for (guint i = 0; i < self->quantities->len; i++)
    {
      const BplCheckQuantity *q = g_ptr_array_index (self->quantities, i);

      if (q->kind == kind && (neuron < 0 || q->neuron == neuron))
        return q;
    }
  return NULL;
}

void
bpl_check_set_min_digits (BplCheck *self, guint min_digits)
{
  g_return_if_fail (self != NULL);
  self->min_digits = CLAMP (min_digits, 1, 17);
}

guint
bpl_check_get_min_digits (const BplCheck *self)
{
  g_return_val_if_fail (self != NULL, BPL_CHECK_DEFAULT_MIN_DIGITS);
  return self->min_digits;
}

/* Other spellings the worked example uses: δ_h2 is ∂E_total/∂net_h2,
 * ∂E_o1/∂out_o1 is ∂E_total/∂out_o1 (no other output's error depends on
 * out_o1), and ∂E_total/∂w3 may be ∂E/∂w3. */
static char *
alias_key (const BplCheck *self, const BplCheckQuantity *q)
{
  g_autoptr (BplExpr) alias = NULL;
  g_autofree char *text = NULL;
  char base[16];
  const char *sub;

  switch (q->kind)
    {
    case BPL_CHECK_DELTA:
      alias = bpl_expr_derivative (bpl_expr_new (), "E", "total", "net",
                                   bpl_network_get_neuron_name (self->network, (guint) q->neuron));
      break;
    case BPL_CHECK_GRADIENT:
      bpl_split_name (self->derivation->name, base, sizeof base, &sub);
      alias = bpl_expr_derivative (bpl_expr_new (), "E", NULL, base, sub);
      break;
    case BPL_CHECK_FACTOR:
      {
        const char *output = bpl_network_get_neuron_name (self->network, (guint) q->neuron);

        if (self->derivation->paths[q->path].factors[q->factor].kind != BPL_FACTOR_ERROR_WRT_OUT)
          return NULL;
        alias = bpl_expr_derivative (bpl_expr_new (), "E", "total", "out", output);
      }
      break;
    case BPL_CHECK_PATH:
    case BPL_CHECK_OUTPUT_SUM:
    case BPL_CHECK_NEW_VALUE:
    default:
      return NULL;
    }
  text = bpl_expr_render (alias, BPL_EXPR_TEXT, 17);
  return lookup_key (text);
}

char *
bpl_check_dup_names (const BplCheck *self, guint max)
{
  /* The few first, the many (factors, paths) last, so that a short list
   * still shows the gradient, the new value and the δs. */
  static const BplCheckKind order[] = {
    BPL_CHECK_GRADIENT, BPL_CHECK_NEW_VALUE, BPL_CHECK_OUTPUT_SUM, BPL_CHECK_DELTA, BPL_CHECK_FACTOR, BPL_CHECK_PATH,
  };
  GString *out;
  guint n;
  guint shown = 0;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  n = self->quantities->len;
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    for (guint i = 0; i < n && (max == 0 || shown < max); i++)
      {
        const BplCheckQuantity *q = g_ptr_array_index (self->quantities, i);

        if (q->kind != order[k])
          continue;
        if (shown > 0)
          g_string_append (out, ", ");
        g_string_append (out, q->name);
        shown++;
      }
  if (shown < n)
    g_string_append_printf (out, _(" and %u more"), n - shown);
  return g_string_free (out, FALSE);
}

const BplCheckQuantity *
bpl_check_lookup (const BplCheck *self, const char *name, GError **error)
{
  g_autofree char *key = NULL;
  g_autofree char *names = NULL;

  g_return_val_if_fail (self != NULL && name != NULL, NULL);

  key = lookup_key (name);
  for (guint i = 0; i < self->quantities->len; i++)
    {
      const BplCheckQuantity *q = g_ptr_array_index (self->quantities, i);
      g_autofree char *own = lookup_key (q->name);
      g_autofree char *alias = alias_key (self, q);

      if (g_str_equal (own, key) || (alias != NULL && g_str_equal (alias, key)))
        return q;
    }

  names = bpl_check_dup_names (self, 60);
  g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
               _("“%s” is not worked out for %s (sample %u); the names are: %s. In ASCII, d stands for ∂, "
                 "delta_ for δ_ and + for ⁺ (dout_h2/dnet_h2, delta_h2, w3+)"),
               name, self->derivation->name, self->derivation->sample + 1, names);
  return NULL;
}

/* Hints: each is a chain of expressions, printed joined by " = ", each
 * link rendered on its own (so that a negative value reads -0.25, not
 * (-0.25) as after an operator). */

static GPtrArray *
chain (const BplExpr *first, ...)
{
  GPtrArray *links = g_ptr_array_new_with_free_func ((GDestroyNotify) bpl_expr_free);
  const BplExpr *next = first;
  va_list args;

  va_start (args, first);
  for (; next != NULL; next = va_arg (args, const BplExpr *))
    g_ptr_array_add (links, bpl_expr_copy (next));
  va_end (args);
  return links;
}

static BplExpr *
number_expr (double value)
{
  return bpl_expr_number (bpl_expr_new (), value);
}

/* A factor's formula, then its numbers (and, as part of a larger whole,
 * its value). */
static void
factor_hints (GPtrArray *hints, const BplFactor *f, gboolean with_value)
{
  g_autoptr (BplExpr) value = number_expr (f->value);
  gboolean one_number = f->substitution == NULL || bpl_expr_get_n_terms (f->substitution) <= 1;

  if (f->expansion != NULL)
    g_ptr_array_add (hints, chain (f->symbol, f->expansion, f->formula, NULL));
  else
    g_ptr_array_add (hints, chain (f->symbol, f->formula, NULL));
  if (one_number)
    g_ptr_array_add (hints, chain (f->symbol, f->formula, value, NULL));
  else if (with_value)
    g_ptr_array_add (hints, chain (f->symbol, f->formula, f->substitution, value, NULL));
  else
    g_ptr_array_add (hints, chain (f->symbol, f->formula, f->substitution, NULL));
}

static GPtrArray *
collect_hints (const BplCheck *self, const BplCheckQuantity *q)
{
  const BplDerivation *d = self->derivation;
  GPtrArray *hints = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  switch (q->kind)
    {
    case BPL_CHECK_FACTOR:
      factor_hints (hints, &d->paths[q->path].factors[q->factor], FALSE);
      break;

    case BPL_CHECK_PATH:
      {
        const BplPath *path = &d->paths[q->path];
        g_autoptr (BplExpr) product = bpl_expr_new ();

        for (guint i = 0; i < path->n_factors; i++)
          {
            if (i > 0)
              bpl_expr_text (product, "·");
            bpl_expr_text (product, "(");
            bpl_expr_append (product, path->factors[i].symbol);
            bpl_expr_text (product, ")");
          }
        g_ptr_array_add (hints, chain (path->symbol, product, NULL));
        for (guint i = 0; i < path->n_factors; i++)
          factor_hints (hints, &path->factors[i], TRUE);
      }
      break;

    case BPL_CHECK_OUTPUT_SUM:
      {
        g_autoptr (BplExpr) sum = bpl_expr_new ();
        gboolean any = FALSE;

        for (guint p = 0; p < d->n_paths; p++)
          if (d->paths[p].output == (guint) q->neuron)
            {
              if (any)
                bpl_expr_text (sum, " + ");
              bpl_expr_append (sum, d->paths[p].symbol);
              any = TRUE;
            }
        g_ptr_array_add (hints, chain (q->symbol, sum, NULL));
        for (guint p = 0; p < d->n_paths; p++)
          if (d->paths[p].output == (guint) q->neuron)
            {
              g_autoptr (BplExpr) value = number_expr (d->paths[p].product);

              g_ptr_array_add (hints, chain (d->paths[p].symbol, value, NULL));
            }
      }
      break;

    case BPL_CHECK_GRADIENT:
      if (d->paths_truncated)
        {
          g_ptr_array_add (hints, chain (d->gradient_symbol, d->factored, NULL));
          g_ptr_array_add (hints, chain (d->gradient_symbol, d->factored, d->factored_substitution, NULL));
          break;
        }
      g_ptr_array_add (hints, chain (d->gradient_symbol, d->sum, NULL));
      /* Each term of that sum: a sum per output, or a path. */
      if (bpl_check_find (self, BPL_CHECK_OUTPUT_SUM, -1) != NULL)
        {
          for (guint i = 0; i < self->quantities->len; i++)
            {
              const BplCheckQuantity *s = g_ptr_array_index (self->quantities, i);
              g_autoptr (BplExpr) value = NULL;

              if (s->kind != BPL_CHECK_OUTPUT_SUM)
                continue;
              value = number_expr (s->value);
              g_ptr_array_add (hints, chain (s->symbol, value, NULL));
            }
        }
      else
        for (guint p = 0; p < d->n_paths; p++)
          {
            g_autoptr (BplExpr) value = number_expr (d->paths[p].product);

            g_ptr_array_add (hints, chain (d->paths[p].symbol, value, NULL));
          }
      break;

    case BPL_CHECK_DELTA:
      for (guint i = 0; i < d->n_deltas; i++)
        if (d->deltas[i].neuron == (guint) q->neuron)
          {
            g_ptr_array_add (hints, chain (d->deltas[i].symbol, d->deltas[i].formula, NULL));
            g_ptr_array_add (hints, chain (d->deltas[i].symbol, d->deltas[i].formula,
                                           d->deltas[i].substitution, NULL));
          }
      break;

    case BPL_CHECK_NEW_VALUE:
      {
        g_autoptr (BplExpr) gradient = number_expr (d->gradient);

        g_ptr_array_add (hints, chain (d->update, NULL));
        g_ptr_array_add (hints, chain (d->gradient_symbol, gradient, NULL));
        g_ptr_array_add (hints, chain (q->symbol, d->update_substitution, NULL));
      }
      break;

    default:
      break;
    }
  return hints;
}

guint
bpl_check_get_n_hints (const BplCheck *self, const BplCheckQuantity *quantity)
{
  g_autoptr (GPtrArray) hints = NULL;

  g_return_val_if_fail (self != NULL && quantity != NULL, 0);
  hints = collect_hints (self, quantity);
  return hints->len;
}

char *
bpl_check_dup_hint (const BplCheck *self, const BplCheckQuantity *quantity, guint index, BplExprStyle style,
                    int digits)
{
  g_autoptr (GPtrArray) hints = NULL;
  GPtrArray *links;
  GString *out;

  g_return_val_if_fail (self != NULL && quantity != NULL, NULL);
  hints = collect_hints (self, quantity);
  g_return_val_if_fail (index < hints->len, NULL);
  links = g_ptr_array_index (hints, index);
  out = g_string_new (NULL);
  for (guint i = 0; i < links->len; i++)
    {
      g_autofree char *text = bpl_expr_render (g_ptr_array_index (links, i), style, digits);

      if (i > 0)
        g_string_append (out, " = ");
      g_string_append (out, text);
    }
  return g_string_free (out, FALSE);
}

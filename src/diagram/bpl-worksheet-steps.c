/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-worksheet-steps.c: the derivation of one parameter as a table, in the
 * worked example's order (the same steps as bpl-derivation-report.c, each
 * with its description, typeset formula and value). Blank numbers: formulas
 * keep their names and every computed number is a line to write on. Blank
 * formulas: the chain along each path and each factor's derivative are lines
 * after their symbols, and nothing that would give them away (the numbers
 * substituted) is printed. */
#include "config.h"

#include "bpl-worksheet-private.h"

#include <glib/gi18n-lib.h>
#include "bpl-expr.h"

/* More paths than this make a worksheet of hundreds of pages: the rest of
 * the gradient then comes from the error terms δ (the factored form). */
#define MAX_PATHS_SHOWN 16

typedef struct
{
  BplSheetTable *table;
  guint          step;
  gboolean       blank_numbers;
  gboolean       blank_formulas;
  gboolean       key;  /* no descriptions: they are on the questions */
  int            digits;
} Steps;

static void
add_step (Steps      *steps,
          const char *what,
          const char *formula,
          const char *value,
          gboolean    writing)
{
  g_autofree char *number = g_strdup_printf ("%u", ++steps->step);
  const char *row[] = { number, what, formula, value };
  const char *key_row[] = { number, formula, value };

  if (steps->key)
    {
      bpl_sheet_table_add_row (steps->table, key_row, FALSE);
      return;
    }
  bpl_sheet_table_add_row (steps->table, row,
                           writing && (steps->blank_numbers || steps->blank_formulas));
}

static char *
render (const Steps   *steps,
        const BplExpr *expr)
{
  return bpl_expr_render (expr, BPL_EXPR_MARKUP, steps->digits);
}

/* Expressions joined by " = ", skipping NULL ones. */
static char *
chain (const Steps          *steps,
       const BplExpr *const *exprs,
       gsize                 n_exprs)
{
  GString *s = g_string_new (NULL);

  for (gsize i = 0; i < n_exprs; i++)
    {
      g_autofree char *markup = NULL;

      if (exprs[i] == NULL)
        continue;
      markup = render (steps, exprs[i]);
      if (s->len > 0)
        g_string_append (s, " = ");
      g_string_append (s, markup);
    }
  return g_string_free (s, FALSE);
}
#define CHAIN(steps, ...) \
  chain (steps, (const BplExpr *const[]) { __VA_ARGS__ }, \
         sizeof ((const BplExpr *const[]) { __VA_ARGS__ }) / sizeof (const BplExpr *))

static char *
value_or_blank (const Steps *steps,
                double       value)
{
  if (steps->blank_numbers)
    return g_strdup (BPL_WORKSHEET_BLANK);
  return bpl_worksheet_number_markup (value, steps->digits);
}

static char *
capitalised (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  if (g_ascii_islower (escaped[0]))
    escaped[0] = g_ascii_toupper (escaped[0]);
  return g_steal_pointer (&escaped);
}

/* "w₃ → h₂ → o₁", the route as every output names it. */
static char *
route_markup (const BplDerivation *d,
              const BplNetwork    *network,
              const BplPath       *path)
{
  g_autoptr (BplExpr) route = bpl_derivation_path_route (d, network, path);

  return bpl_expr_render (route, BPL_EXPR_MARKUP, 3);
}

/* The factors' symbols multiplied: (∂net_h2/∂w3)·(∂out_h2/∂net_h2)·… */
static BplExpr *
product_of_symbols (const BplPath *path)
{
  BplExpr *e = bpl_expr_new ();

  for (guint i = 0; i < path->n_factors; i++)
    {
      if (i > 0)
        bpl_expr_text (e, "·");
      bpl_expr_text (e, "(");
      bpl_expr_append (e, path->factors[i].symbol);
      bpl_expr_text (e, ")");
    }
  return e;
}

/* The factors' values multiplied, or a blank for each. */
static char *
product_of_values (const Steps   *steps,
                   const BplPath *path)
{
  g_autoptr (BplExpr) product = bpl_expr_new ();
  GString *s;

  if (!steps->blank_numbers)
    {
      /* One expression, so a negative factor is bracketed as in the report. */
      for (guint i = 0; i < path->n_factors; i++)
        {
          if (i > 0)
            bpl_expr_text (product, " · ");
          bpl_expr_number (product, path->factors[i].value);
        }
      return render (steps, product);
    }

  s = g_string_new (NULL);
  for (guint i = 0; i < path->n_factors; i++)
    {
      if (i > 0)
        g_string_append (s, " · ");
      g_string_append (s, BPL_WORKSHEET_INLINE_BLANK);
    }
  return g_string_free (s, FALSE);
}

/* "∂out_h2/∂net_h2 = ______", or for a product of @n_parts factors
 * "∂E_o1/∂w3 = ____ · ____ · ____": lines to write by hand after @left
 * (markup). */
static char *
formula_blank (const char *left,
               guint       n_parts)
{
  GString *s = g_string_new (left);

  g_string_append (s, " = ");
  if (n_parts <= 1)
    g_string_append (s, BPL_WORKSHEET_FORMULA_BLANK);
  for (guint i = 0; n_parts > 1 && i < n_parts; i++)
    g_string_append_printf (s, "%s" BPL_WORKSHEET_INLINE_BLANK, i > 0 ? " · " : "");
  return g_string_free (s, FALSE);
}

/* The core's sentences write names as "out_o1" and "∂E_total":
 * subscripts here, as the formulas have them. */
static char *
prose_markup (const char *text)
{
  static GRegex *name = NULL;
  g_autofree char *escaped = capitalised (text);

  if (g_once_init_enter (&name))
    g_once_init_leave (&name, g_regex_new ("([A-Za-zηδ]+)_([A-Za-z0-9]+)", G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_replace (name, escaped, -1, 0, "\\1<sub>\\2</sub>", 0, NULL);
}

/* The core's working beyond the chain rule (softmax's collapse when
 * @collapse, else the penalty, the mini-batch mean and the optimiser's
 * state), each a row. Blank numbers drop the chain's last link, the
 * numbers put in; blank formulas leave a line after the symbol. */
static void
add_derivation_steps (Steps               *steps,
                      const BplDerivation *d,
                      gboolean             collapse,
                      const char          *group)
{
  gboolean grouped = FALSE;

  for (guint i = 0; i < d->n_steps; i++)
    {
      const BplDerivationStep *ds = &d->steps[i];
      g_autofree char *what = NULL;
      g_autofree char *formula = NULL;
      g_autofree char *value = NULL;
      guint n_chain = ds->n_chain;

      if ((ds->kind == BPL_STEP_SOFTMAX_COLLAPSE) != collapse || n_chain == 0)
        continue;
      if (!grouped)
        bpl_sheet_table_add_group (steps->table, group);
      grouped = TRUE;
      what = prose_markup (ds->title);
      if (steps->blank_formulas)
        {
          g_autofree char *symbol = render (steps, ds->chain[0]);

          formula = formula_blank (symbol, 1);
        }
      else
        {
          GString *f = g_string_new (NULL);

          if (steps->blank_numbers && n_chain >= 3)
            n_chain--;
          for (guint k = 0; k < n_chain; k++)
            {
              g_autofree char *markup = render (steps, ds->chain[k]);

              g_string_append_printf (f, "%s%s", k > 0 ? " = " : "", markup);
            }
          formula = g_string_free (f, FALSE);
        }
      value = value_or_blank (steps, ds->value);
      add_step (steps, what, formula, value, TRUE);
    }
}

/* "1 = 1" says nothing, and a blank for it would ask nothing. */
static gboolean
is_just_number (const BplExpr *formula,
                double         value)
{
  g_autofree char *text = bpl_expr_render (formula, BPL_EXPR_TEXT, 17);
  g_autofree char *number = bpl_format_number (value, 17);

  return g_str_equal (text, number);
}

/* A factor shared by several paths is asked for once. */
static gboolean
factor_seen (GPtrArray       *seen,
             const BplFactor *factor)
{
  g_autofree char *key = bpl_expr_render (factor->symbol, BPL_EXPR_TEXT, 3);

  for (guint i = 0; i < seen->len; i++)
    if (g_str_equal (g_ptr_array_index (seen, i), key))
      return TRUE;
  g_ptr_array_add (seen, g_steal_pointer (&key));
  return FALSE;
}

static void
add_factor (Steps           *steps,
            const BplFactor *f)
{
  g_autofree char *what = capitalised (f->description);
  /* A formula that is a number is a question too when formulas are. */
  gboolean given = !steps->blank_formulas && is_just_number (f->formula, f->value);
  /* The substitution holds computed numbers (an answer, not a question) and
   * shows the formula's shape. */
  const BplExpr *substitution = !steps->blank_numbers && !steps->blank_formulas
                                && f->substitution != NULL
                                && bpl_expr_get_n_terms (f->substitution) > 1
                                  ? f->substitution : NULL;
  g_autofree char *formula = NULL;
  g_autofree char *value = given ? bpl_worksheet_number_markup (f->value, steps->digits)
                                 : value_or_blank (steps, f->value);

  if (steps->blank_formulas)
    {
      /* The expansion says what to differentiate; the derivative is asked. */
      g_autofree char *left = CHAIN (steps, f->symbol, f->expansion);

      formula = formula_blank (left, 1);
    }
  else
    formula = CHAIN (steps, f->symbol, f->expansion, f->formula, substitution);

  add_step (steps, what, formula, value, !given);
}

/* δ_h2 = (w6·δ_o1 + w8·δ_o2)·out_h2(1 − out_h2) */
static void
add_delta (Steps            *steps,
           const BplNetwork *network,
           const BplDelta   *delta)
{
  g_autofree char *neuron = g_markup_escape_text (
    bpl_network_get_neuron_name (network, delta->neuron), -1);
  g_autofree char *what = g_strdup_printf (_("Error term of %s: ∂E<sub>total</sub>/∂net<sub>%s</sub>"),
                                           neuron, neuron);
  g_autofree char *formula = NULL;
  g_autofree char *value = value_or_blank (steps, delta->value);

  if (steps->blank_formulas)
    {
      g_autofree char *left = render (steps, delta->symbol);

      formula = formula_blank (left, 1);
    }
  else
    formula = CHAIN (steps, delta->symbol, delta->formula,
                     steps->blank_numbers ? NULL : delta->substitution);

  add_step (steps, what, formula, value, TRUE);
}

static BplSheetTable *
derivation_table (Steps                steps,
                  const BplDerivation *d,
                  const BplNetwork    *network)
{
  /* Description and formula share a row's width; the key's formulas take it all. */
  /* The value column holds 0.00044859423681 (an Adam moment) on one line. */
  static const double fractions[] = { 0.055, 0.305, 0.435, 0.205 };
  static const double key_fractions[] = { 0.055, 0.745, 0.20 };
  const char *header[] = { "#", _("Step"), _("Formula"), _("Value") };
  const char *key_header[] = { "#", _("Formula"), _("Value") };
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *param = bpl_format_split_name (d->name, BPL_EXPR_MARKUP);
  guint n_shown = MIN (d->n_paths, MAX_PATHS_SHOWN);
  gboolean truncated = n_shown < d->n_paths_total;

  if (steps.key)
    {
      steps.table = bpl_sheet_table_new (G_N_ELEMENTS (key_fractions), key_fractions);
      bpl_sheet_table_set_header (steps.table, key_header);
    }
  else
    {
      steps.table = bpl_sheet_table_new (G_N_ELEMENTS (fractions), fractions);
      bpl_sheet_table_set_header (steps.table, header);
    }

  bpl_sheet_table_add_group (steps.table, _("The gradient, split by output error"));
  {
    g_autofree char *what = NULL;
    g_autofree char *formula = CHAIN (&steps, d->gradient_symbol, d->sum);

    if (d->n_paths_total == 1)
      what = g_strdup_printf (_("%s reaches E<sub>total</sub> through one output error only"),
                              param);
    else
      what = g_strdup_printf (_("The impact of %s on E<sub>total</sub>: the sum over the "
                                "output errors"), param);

    add_step (&steps, what, formula, NULL, FALSE);
  }

  bpl_sheet_table_add_group (steps.table, _("The chain rule along each path"));
  for (guint p = 0; p < n_shown; p++)
    {
      const BplPath *path = &d->paths[p];
      g_autoptr (BplExpr) product = product_of_symbols (path);
      g_autofree char *route = route_markup (d, network, path);
      g_autofree char *output = g_markup_escape_text (
        bpl_network_get_neuron_name (network, path->output), -1);
      g_autofree char *what = g_strdup_printf (_("Impact of %s on E<sub>%s</sub>, along %s"),
                                               param, output, route);
      g_autofree char *formula = NULL;

      /* The chain rule itself is a formula to find: a line per factor. */
      if (steps.blank_formulas)
        {
          g_autofree char *symbol = render (&steps, path->symbol);

          formula = formula_blank (symbol, path->n_factors);
        }
      else
        formula = CHAIN (&steps, path->symbol, product);

      add_step (&steps, what, formula, NULL, steps.blank_formulas);
    }

  bpl_sheet_table_add_group (steps.table, _("Each factor"));
  for (guint p = 0; p < n_shown; p++)
    for (guint i = 0; i < d->paths[p].n_factors; i++)
      if (!factor_seen (seen, &d->paths[p].factors[i]))
        add_factor (&steps, &d->paths[p].factors[i]);

  bpl_sheet_table_add_group (steps.table, truncated
                                            ? _("Multiply along each path listed")
                                            : _("Multiply along each path, then add the paths"));
  for (guint p = 0; p < n_shown; p++)
    {
      const BplPath *path = &d->paths[p];
      g_autofree char *route = route_markup (d, network, path);
      g_autofree char *what = g_strdup_printf (_("Multiply the factors along %s"), route);
      g_autofree char *symbol = render (&steps, path->symbol);
      g_autofree char *values = product_of_values (&steps, path);
      g_autofree char *formula = g_strconcat (symbol, " = ", values, NULL);
      g_autofree char *value = value_or_blank (&steps, path->product);

      add_step (&steps, what, formula, value, TRUE);
    }

  if (truncated)
    {
      /* xgettext cannot read G_GUINT64_FORMAT inside a message: format it apart. */
      g_autofree char *total = g_strdup_printf ("%" G_GUINT64_FORMAT, d->n_paths_total);
      g_autofree char *group = g_strdup_printf (_("Only %u of the %s paths are listed: the error "
                                                  "terms δ add up all of them, from the outputs "
                                                  "back"), n_shown, total);

      bpl_sheet_table_add_group (steps.table, group);
      for (guint i = 0; i < d->n_deltas; i++)
        add_delta (&steps, network, &d->deltas[i]);
    }

  {
    g_autoptr (BplExpr) sum = bpl_expr_new ();
    g_autofree char *formula = NULL;
    g_autofree char *value = value_or_blank (&steps, d->gradient);

    for (guint p = 0; p < n_shown && !steps.blank_numbers; p++)
      {
        if (p > 0)
          bpl_expr_text (sum, " + ");
        bpl_expr_number (sum, d->paths[p].product);
      }
    if (truncated)
      formula = CHAIN (&steps, d->gradient_symbol, d->factored);
    else if (n_shown == 1)
      /* A sum of one term is its value, in the value column: not twice. */
      formula = CHAIN (&steps, d->gradient_symbol, d->sum);
    else
      formula = CHAIN (&steps, d->gradient_symbol, d->sum, steps.blank_numbers ? NULL : sum);
    add_step (&steps, truncated ? _("The gradient, from the error term")
                      : n_shown == 1 ? _("The gradient: the one path’s product")
                                     : _("Add the paths"),
              formula, value, TRUE);
  }

  add_derivation_steps (&steps, d, TRUE, _("Softmax with cross-entropy: the error terms collapse"));
  add_derivation_steps (&steps, d, FALSE, _("What the training step uses"));

  switch (bpl_network_get_optimizer (network))
    {
    case BPL_OPTIMIZER_MOMENTUM:
      bpl_sheet_table_add_group (steps.table, _("One step of gradient descent with momentum"));
      break;
    case BPL_OPTIMIZER_ADAM:
      bpl_sheet_table_add_group (steps.table, _("One step of Adam"));
      break;
    case BPL_OPTIMIZER_SGD:
    default:
      bpl_sheet_table_add_group (steps.table, _("One step of gradient descent"));
      break;
    }
  {
    g_autofree char *what = NULL;
    g_autofree char *formula = CHAIN (&steps, d->update,
                                      steps.blank_numbers ? NULL : d->update_substitution);
    g_autofree char *value = value_or_blank (&steps, d->new_value);

    /* The same words as the window and the CLI when a step does otherwise. */
    what = bpl_derivation_dup_update_note (d, network, BPL_EXPR_MARKUP, steps.digits);
    if (what == NULL && bpl_network_get_optimizer (network) == BPL_OPTIMIZER_ADAM)
      what = g_strdup_printf (_("The new %s: a step of m̂/(√v̂ + ε) against the gradient, scaled by "
                                "the learning rate η"), param);
    else if (what == NULL && bpl_network_get_optimizer (network) == BPL_OPTIMIZER_MOMENTUM)
      what = g_strdup_printf (_("The new %s: a step along the velocity v, scaled by the learning "
                                "rate η"), param);
    else if (what == NULL)
      what = g_strdup_printf (_("The new %s: a step against the gradient, scaled by the "
                                "learning rate η"), param);
    add_step (&steps, what, formula, value, TRUE);
  }

  return steps.table;
}

BplSheetTable *
bpl_worksheet_derivation_table (const BplDerivation *d,
                                const BplNetwork    *network,
                                BplWorksheetBlanks   blanks,
                                int                  digits)
{
  Steps steps = {
    .blank_numbers = (blanks & BPL_WORKSHEET_BLANKS_NUMBERS) != 0,
    .blank_formulas = (blanks & BPL_WORKSHEET_BLANKS_FORMULAS) != 0,
    .digits = digits,
  };

  return derivation_table (steps, d, network);
}

BplSheetTable *
bpl_worksheet_key_table (const BplDerivation *d,
                         const BplNetwork    *network,
                         int                  digits)
{
  Steps steps = { .key = TRUE, .digits = digits };

  return derivation_table (steps, d, network);
}

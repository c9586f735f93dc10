/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The derivation as the worked example's numbered steps, in plain text,
 * Markdown or LaTeX. Steps are gathered once as structured data (a title, a
 * description, a chain of equal expressions) and each format prints them. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bpl-derivation-private.h"
#include "bpl-network.h"

typedef struct
{
  char      *title;
  char      *description;  /* or NULL */
  GPtrArray *chain;        /* BplExpr: printed joined by " = " */
} Step;

static void
step_free (gpointer data)
{
  Step *step = data;
  g_free (step->title);
  g_free (step->description);
  g_ptr_array_unref (step->chain);
  g_free (step);
}

static Step *
step_add (GPtrArray *steps, char *title, char *description)
{
  Step *step = g_new0 (Step, 1);
  step->title = title;
  step->description = description;
  step->chain = g_ptr_array_new_with_free_func ((GDestroyNotify) bpl_expr_free);
  g_ptr_array_add (steps, step);
  return step;
}

static void
chain_add (Step *step, const BplExpr *expr)
{
  if (expr != NULL)
    g_ptr_array_add (step->chain, bpl_expr_copy (expr));
}

static void
chain_add_number (Step *step, double value)
{
  g_ptr_array_add (step->chain, bpl_expr_number (bpl_expr_new (), value));
}

/* a·b·c… of the factors' symbols, or of their values. */
static BplExpr *
product_expr (const BplPath *path, gboolean values)
{
  BplExpr *e = bpl_expr_new ();
  for (guint i = 0; i < path->n_factors; i++)
    {
      if (i > 0)
        bpl_expr_text (e, "·");
      if (values)
        bpl_expr_number (e, path->factors[i].value);
      else
        {
          bpl_expr_text (e, "(");
          bpl_expr_append (e, path->factors[i].symbol);
          bpl_expr_text (e, ")");
        }
    }
  return e;
}

/* "1 = 1" says nothing: a formula that is already its value ends there. */
static gboolean
is_just_number (const BplExpr *formula, double value)
{
  g_autofree char *text = bpl_expr_render (formula, BPL_EXPR_TEXT, 17);
  g_autofree char *number = bpl_format_number (value, 17);
  return g_str_equal (text, number);
}

/* A factor is listed once even when several paths share it. */
static gboolean
factor_seen (GPtrArray *seen, const BplFactor *f)
{
  g_autofree char *key = bpl_expr_render (f->symbol, BPL_EXPR_TEXT, 3);
  for (guint i = 0; i < seen->len; i++)
    if (g_str_equal (g_ptr_array_index (seen, i), key))
      return TRUE;
  g_ptr_array_add (seen, g_steal_pointer (&key));
  return FALSE;
}

/* The derivation's own steps of the given kinds, as they are. */
static void
add_derivation_steps (GPtrArray *steps, const BplDerivation *d, gboolean collapse)
{
  for (guint i = 0; i < d->n_steps; i++)
    {
      const BplDerivationStep *ds = &d->steps[i];
      Step *step;
      if ((ds->kind == BPL_STEP_SOFTMAX_COLLAPSE) != collapse)
        continue;
      step = step_add (steps, g_strdup (ds->title), g_strdup (ds->description));
      for (guint k = 0; k < ds->n_chain; k++)
        chain_add (step, ds->chain[k]);
      chain_add_number (step, ds->value);
    }
}

static char *
path_route (const BplDerivation *d, const BplNetwork *net, const BplPath *path)
{
  GString *s = g_string_new (d->name);
  for (guint i = 0; i < path->n_neurons; i++)
    g_string_append_printf (s, " → %s", bpl_network_get_neuron_name (net, path->neurons[i]));
  return g_string_free (s, FALSE);
}

static GPtrArray *
collect_steps (const BplDerivation *d, const BplNetwork *net)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func (step_free);
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  Step *step;

  step = step_add (steps, g_strdup_printf (_("%s’s impact on E_total: the sum of its impact on each output error"),
                                           d->name),
                   NULL);
  chain_add (step, d->gradient_symbol);
  chain_add (step, d->sum);

  for (guint p = 0; p < d->n_paths; p++)
    {
      const BplPath *path = &d->paths[p];
      g_autoptr (BplExpr) product = product_expr (path, FALSE);
      g_autofree char *route = path_route (d, net, path);
      step = step_add (steps, g_strdup_printf (_("%s’s impact on E_%s by the chain rule, along %s"), d->name,
                                               bpl_network_get_neuron_name (net, path->output), route),
                       NULL);
      chain_add (step, path->symbol);
      chain_add (step, product);
    }

  for (guint p = 0; p < d->n_paths; p++)
    for (guint i = 0; i < d->paths[p].n_factors; i++)
      {
        const BplFactor *f = &d->paths[p].factors[i];
        g_autofree char *symbol = NULL;
        if (factor_seen (seen, f))
          continue;
        symbol = bpl_expr_render (f->symbol, BPL_EXPR_TEXT, 3);
        step = step_add (steps, g_steal_pointer (&symbol), g_strdup (f->description));
        chain_add (step, f->symbol);
        chain_add (step, f->expansion);
        chain_add (step, f->formula);
        if (f->substitution != NULL && bpl_expr_get_n_terms (f->substitution) > 1)
          chain_add (step, f->substitution);
        if (!is_just_number (f->formula, f->value))
          chain_add_number (step, f->value);
      }

  for (guint p = 0; p < d->n_paths; p++)
    {
      const BplPath *path = &d->paths[p];
      g_autoptr (BplExpr) values = product_expr (path, TRUE);
      g_autofree char *route = path_route (d, net, path);
      step = step_add (steps, g_strdup_printf (_("Multiply the factors along %s"), route), NULL);
      chain_add (step, path->symbol);
      chain_add (step, values);
      chain_add_number (step, path->product);
    }

  step = step_add (steps, g_strdup_printf (_("Add the paths: ∂E_total/∂%s"), d->name),
                   d->paths_truncated
                     ? g_strdup_printf (_("only %u of %" G_GUINT64_FORMAT " paths are listed; the gradient "
                                          "below comes from all of them (factored form)"),
                                        d->n_paths, d->n_paths_total)
                     : NULL);
  chain_add (step, d->gradient_symbol);
  if (!d->paths_truncated)
    {
      g_autoptr (BplExpr) sum = bpl_expr_new ();
      for (guint p = 0; p < d->n_paths; p++)
        {
          if (p > 0)
            bpl_expr_text (sum, " + ");
          bpl_expr_number (sum, d->paths[p].product);
        }
      chain_add (step, sum);
    }
  else
    chain_add (step, d->factored);
  chain_add_number (step, d->gradient);

  add_derivation_steps (steps, d, TRUE);
  if (d->n_deltas > 0)
    {
      /* δ first, output layer down, then the gradient that uses them. */
      for (guint i = 0; i < d->n_deltas; i++)
        {
          const BplDelta *delta = &d->deltas[i];
          g_autofree char *symbol = bpl_expr_render (delta->symbol, BPL_EXPR_TEXT, 3);
          step = step_add (steps, g_strdup_printf (_("Error term %s = ∂E_total/∂net_%s"), symbol,
                                                   bpl_network_get_neuron_name (net, delta->neuron)),
                           NULL);
          chain_add (step, delta->symbol);
          chain_add (step, delta->formula);
          chain_add (step, delta->substitution);
          chain_add_number (step, delta->value);
        }
      step = step_add (steps, g_strdup (_("The same gradient in factored form")),
                       g_strdup (_("with the error terms δ, computed once per neuron from the outputs backwards")));
      chain_add (step, d->gradient_symbol);
      chain_add (step, d->factored);
      chain_add_number (step, d->gradient);
    }

  step = step_add (steps, g_strdup (_("Check against a finite difference")),
                   g_strdup (_("nudge the parameter up and down a little and see how E_total changes")));
  {
    g_autoptr (BplExpr) check = bpl_expr_text (bpl_expr_new (), "(E_total(p + h) − E_total(p − h))/2h ≈ ");
    bpl_expr_number (check, d->numerical_gradient);
    chain_add (step, check);
  }

  add_derivation_steps (steps, d, FALSE);
  step = step_add (steps, g_strdup_printf (_("The new %s"), d->name),
                   d->param.kind == BPL_PARAM_BIAS && !bpl_network_get_update_biases (net)
                     ? g_strdup_printf (_("the value gradient descent gives; this network keeps its biases "
                                          "fixed (update_biases is false), so training leaves %s as it is"),
                                        d->name)
                     : NULL);
  chain_add (step, d->update);
  chain_add (step, d->update_substitution);
  chain_add_number (step, d->new_value);

  return steps;
}

static void
print_text (GString *out, GPtrArray *steps, int digits)
{
  for (guint i = 0; i < steps->len; i++)
    {
      Step *step = g_ptr_array_index (steps, i);
      g_string_append_printf (out, "%u. %s\n", i + 1, step->title);
      if (step->description != NULL)
        g_string_append_printf (out, "   %s\n", step->description);
      g_string_append (out, "   ");
      for (guint k = 0; k < step->chain->len; k++)
        {
          g_autofree char *s = bpl_expr_render (g_ptr_array_index (step->chain, k), BPL_EXPR_TEXT, digits);
          if (k > 0)
            g_string_append (out, " = ");
          g_string_append (out, s);
        }
      g_string_append (out, "\n\n");
    }
}

/* Math inside a Markdown table cell: a pipe would end the cell. */
static char *
latex_chain (Step *step, int digits)
{
  GString *s = g_string_new (NULL);
  for (guint k = 0; k < step->chain->len; k++)
    {
      g_autofree char *e = bpl_expr_render (g_ptr_array_index (step->chain, k), BPL_EXPR_LATEX, digits);
      if (k > 0)
        g_string_append (s, " = ");
      g_string_append (s, e);
    }
  return g_string_free (s, FALSE);
}

static void
print_markdown (GString *out, GPtrArray *steps, int digits)
{
  g_string_append_printf (out, "| %s | %s | %s |\n|---|---|---|\n", _("Step"), _("Description"), _("Formula"));
  for (guint i = 0; i < steps->len; i++)
    {
      Step *step = g_ptr_array_index (steps, i);
      g_autofree char *math = latex_chain (step, digits);
      g_string_append_printf (out, "| %u | %s%s%s | $%s$ |\n", i + 1, step->title,
                              step->description ? ": " : "", step->description ? step->description : "",
                              math);
    }
}

static void
append_latex_prose (GString *out, const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (*p == '_' )
        g_string_append (out, "\\_");
      else if (g_str_has_prefix (p, "∂"))
        {
          g_string_append (out, "$\\partial$");
          p += strlen ("∂") - 1;
        }
      else if (g_str_has_prefix (p, "→"))
        {
          g_string_append (out, "$\\to$");
          p += strlen ("→") - 1;
        }
      else if (strchr ("%$&#{}", *p))
        g_string_append_printf (out, "\\%c", *p);
      else
        g_string_append_c (out, *p);
    }
}

static void
print_latex (GString *out, GPtrArray *steps, int digits)
{
  g_string_append (out, "\\begin{enumerate}\n");
  for (guint i = 0; i < steps->len; i++)
    {
      Step *step = g_ptr_array_index (steps, i);
      g_autofree char *math = latex_chain (step, digits);
      g_string_append (out, "  \\item ");
      append_latex_prose (out, step->title);
      if (step->description != NULL)
        {
          g_string_append (out, ": ");
          append_latex_prose (out, step->description);
        }
      g_string_append_printf (out, "\n  \\[ %s \\]\n", math);
    }
  g_string_append (out, "\\end{enumerate}\n");
}

char *
bpl_derivation_to_report (const BplDerivation *self, const BplNetwork *network, BplReportFormat format,
                          int digits)
{
  g_autoptr (GPtrArray) steps = NULL;
  GString *out = g_string_new (NULL);
  g_autofree char *heading = NULL;

  g_return_val_if_fail (self != NULL && network != NULL, NULL);

  if (self->source >= 0)
    heading = g_strdup_printf (_("Backward pass for %s (%s → %s), sample %u"), self->name,
                               bpl_network_get_neuron_name (network, (guint) self->source),
                               bpl_network_get_neuron_name (network, (guint) self->target), self->sample + 1);
  else
    heading = g_strdup_printf (_("Backward pass for %s, sample %u"), self->name, self->sample + 1);

  steps = collect_steps (self, network);
  switch (format)
    {
    case BPL_REPORT_MARKDOWN:
      g_string_append_printf (out, "## %s\n\n", heading);
      print_markdown (out, steps, digits);
      break;
    case BPL_REPORT_LATEX:
      g_string_append (out, "\\subsection*{");
      append_latex_prose (out, heading);
      g_string_append (out, "}\n");
      print_latex (out, steps, digits);
      break;
    case BPL_REPORT_TEXT:
    default:
      g_string_append_printf (out, "%s\n\n", heading);
      print_text (out, steps, digits);
      break;
    }
  return g_string_free (out, FALSE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-graph-view-text.c: what the graph view writes under its canvas: the
 * step of the pass shown, and a parameter's sum over paths against the δ
 * recursion. Pure functions of the graph and its walk. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bpl-graph-view-private.h"

/* Paths listed one by one before "and N more". */
#define MAX_PATHS_LISTED 8

static const char *
gate_words (const BplGraphStep *step,
            BplGraphDirection   direction)
{
  if (direction == BPL_GRAPH_FORWARD)
    return _("Forward: the node computes its value from its inputs");
  if (step->root)
    return _("The start: ∂E<sub>total</sub>/∂E<sub>total</sub> = 1");
  switch (step->gate)
    {
    case BPL_GATE_ADD:
      return _("Add gate: passes the gradient on unchanged");
    case BPL_GATE_MUL:
      return _("Multiply gate: each input gets the gradient times the other input");
    case BPL_GATE_ACTIVATION:
      return _("Activation: scales the gradient by its derivative");
    case BPL_GATE_LOSS:
      return _("Error term: starts an output's chain with ∂E<sub>o</sub>/∂out<sub>o</sub>");
    case BPL_GATE_SOFTMAX:
      return _("Softmax: couples the outputs, every net gets a share of the gradient");
    case BPL_GATE_GROUP:
      return _("The rest of a layer, grouped");
    case BPL_GATE_LEAF:
    default:
      return _("Leaf: the gradient stops here");
    }
}

/* With a typeset minus, as the derivation panel writes numbers. */
char *
_bpl_graph_view_number (double value,
                        int    digits)
{
  return bpl_format_number_display (value, digits);
}

/* A factor of a product: a negative one in brackets, "0.5 × (−0.2171)". */
static char *
factor_number (double value,
               int    digits)
{
  g_autofree char *text = _bpl_graph_view_number (value, digits);

  return value < 0 ? g_strdup_printf ("(%s)", text) : g_steal_pointer (&text);
}

/* "upstream 0.04137 × local 0.2406 = 0.009954 → net_h2", a line per input. */
static void
append_flows (const BplGraph     *graph,
              GString            *s,
              const BplGraphStep *step,
              int                 digits)
{
  for (guint i = 0; i < step->n_outgoing; i++)
    {
      const BplGraphFlow *flow = &step->outgoing[i];
      g_autofree char *to = bpl_graph_format_name (graph->nodes[flow->node].name, BPL_EXPR_MARKUP);
      g_autofree char *up = factor_number (step->upstream, digits);
      g_autofree char *local = factor_number (flow->local, digits);
      g_autofree char *grad = _bpl_graph_view_number (flow->gradient, digits);

      if (isnan (flow->local))
        /* Translators: the gradient a group of inputs gets */
        g_string_append_printf (s, _("\n→ %s gets %s"), to, grad);
      else
        /* Translators: upstream gradient × local gradient = what the input gets */
        g_string_append_printf (s, _("\nupstream %s × local %s = <b>%s</b> → %s"), up, local, grad, to);
    }
}

char *
_bpl_graph_view_step_markup (const BplGraph     *graph,
                             const BplGraphWalk *walk,
                             gint                position,
                             int                 digits,
                             gboolean            focus_default)
{
  const BplGraphStep *step;
  g_autofree char *sentence = NULL;
  g_autofree char *node = NULL;
  GString *s;

  if (graph == NULL)
    return g_strdup ("");
  if (walk == NULL)
    return g_strdup (focus_default
                     ? _("Select a weight, bias or neuron to see its part of the graph; shown is the first output’s. Play the backward pass to see each gradient computed node by node.")
                     : _("Every node shows its value and its gradient ∂E<sub>total</sub>/∂node. Play the backward pass to see each gradient computed node by node, or the forward pass for the values."));
  if (position < 0)
    return g_strdup (walk->direction == BPL_GRAPH_BACKWARD
                     ? _("The backward pass starts at E<sub>total</sub> with the gradient 1 and visits each node once all of its users have passed their gradients back. Press Step (→) or Play.")
                     : _("The forward pass computes each operation from its inputs, from the leaves to E<sub>total</sub>. Press Step (→) or Play."));
  step = &walk->steps[position];
  node = bpl_graph_format_name (graph->nodes[step->node].name, BPL_EXPR_MARKUP);
  sentence = bpl_expr_render (step->sentence, BPL_EXPR_MARKUP, digits);
  s = g_string_new (NULL);
  g_string_append_printf (s, "<b>%s</b> · %s\n%s", node, gate_words (step, walk->direction), sentence);
  if (walk->direction == BPL_GRAPH_BACKWARD)
    append_flows (graph, s, step, digits);
  return g_string_free (s, FALSE);
}

char *
_bpl_graph_view_paths_markup (const BplGraph   *graph,
                              const BplNetwork *network,
                              int               digits,
                              gboolean         *shown)
{
  g_autoptr (BplDerivation) derivation = NULL;
  g_autoptr (BplPathCount) count = NULL;
  GString *s;

  *shown = graph != NULL && graph->focus == BPL_GRAPH_PARAM;
  if (!*shown)
    return g_strdup ("");
  derivation = bpl_derivation_new_full (network, graph->param, graph->sample, MAX_PATHS_LISTED, NULL);
  count = bpl_path_count_new (network, graph->param);
  s = g_string_new (NULL);
  if (derivation != NULL)
    {
      g_autofree char *sum = bpl_expr_render (derivation->gradient_symbol, BPL_EXPR_MARKUP, digits);

      /* Translators: heading of the list of a parameter's paths */
      g_string_append_printf (s, _("<b>Sum over paths</b>: %s is the sum of each path’s product"), sum);
      for (guint p = 0; p < derivation->n_paths; p++)
        {
          const BplPath *path = &derivation->paths[p];
          g_autofree char *symbol = bpl_expr_render (path->symbol, BPL_EXPR_MARKUP, digits);
          g_autofree char *product = _bpl_graph_view_number (path->product, digits);
          GString *factors = g_string_new (NULL);

          for (guint f = 0; f < path->n_factors; f++)
            {
              g_autofree char *v = factor_number (path->factors[f].value, digits);

              g_string_append_printf (factors, "%s%s", f > 0 ? " · " : "", v);
            }
          g_string_append_printf (s, "\n  %s = %s = <b>%s</b>", symbol, factors->str, product);
          g_string_free (factors, TRUE);
        }
      if (derivation->n_paths_total > derivation->n_paths)
        {
          g_autofree char *more = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                                   derivation->n_paths_total - derivation->n_paths);
          /* Translators: %s is a number of paths not listed */
          g_string_append_printf (s, _("\n  … and %s more paths"), more);
        }
      {
        g_autofree char *total = _bpl_graph_view_number (derivation->gradient, digits);

        g_string_append_printf (s, "\n  Σ = <b>%s</b>", total);
      }
      g_string_append_printf (s, _("\n<b>The δ recursion</b> computes each δ = ∂E<sub>total</sub>/∂net once and reuses it:"));
      for (guint d = 0; d < derivation->n_deltas; d++)
        {
          const BplDelta *delta = &derivation->deltas[d];
          g_autofree char *symbol = bpl_expr_render (delta->symbol, BPL_EXPR_MARKUP, digits);
          g_autofree char *formula = bpl_expr_render (delta->formula, BPL_EXPR_MARKUP, digits);
          g_autofree char *value = _bpl_graph_view_number (delta->value, digits);

          if (d == 8 && derivation->n_deltas > 9)
            {
              g_string_append_printf (s, _("\n  … %u δ in all"), derivation->n_deltas);
              break;
            }
          g_string_append_printf (s, "\n  %s = %s = <b>%s</b>", symbol, formula, value);
        }
      if (derivation->factored != NULL)
        {
          g_autofree char *factored = bpl_expr_render (derivation->factored, BPL_EXPR_MARKUP, digits);
          g_autofree char *gradient = _bpl_graph_view_number (derivation->gradient, digits);

          g_string_append_printf (s, "\n  %s = %s = <b>%s</b>", sum, factored, gradient);
        }
    }
  if (count != NULL)
    {
      g_autofree char *paths = g_markup_escape_text (count->path_formula, -1);
      g_autofree char *deltas = g_markup_escape_text (count->delta_formula, -1);
      g_autofree char *np = g_strdup_printf ("%" G_GUINT64_FORMAT, count->path_multiplications);
      g_autofree char *nd = g_strdup_printf ("%" G_GUINT64_FORMAT, count->delta_multiplications);

      /* Translators: the multiplications of the two ways, then how each count comes about */
      g_string_append_printf (s, _("\n<b>Multiplications</b>: %s%s over paths, %s with δ\n  over paths: %s\n  with δ: %s"),
                              count->saturated ? _("more than ") : "", np, nd, paths, deltas);
    }
  return g_string_free (s, FALSE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-worksheet-values.c: the worksheet's first tables: what is given (the
 * sample, η, every weight and bias) and the forward pass (net and out of
 * each neuron, the output errors, E_total). */
#include "config.h"

#include "bpl-worksheet-private.h"

#include <glib/gi18n-lib.h>

#include "bpl-derivation.h"
#include "bpl-diagram-text-private.h"
#include "bpl-expr.h"
#include "bpl-forward.h"

#define GIVEN_COLUMNS 4

char *
bpl_worksheet_number_markup (double value,
                             int    digits)
{
  g_autofree char *number = bpl_format_number_display (value, digits);

  return g_markup_escape_text (number, -1);
}

/* "w<sub>3</sub> = 0.25": @name_markup is markup already. */
static char *
given_cell_markup (const char *name_markup,
                   double      value,
                   int         digits)
{
  g_autofree char *number = bpl_worksheet_number_markup (value, digits);

  return g_strdup_printf ("%s = %s", name_markup, number);
}

/* Cells flow into rows of GIVEN_COLUMNS. */
static void
add_cells (BplSheetTable *table,
           GPtrArray     *cells)
{
  for (guint i = 0; i < cells->len; i += GIVEN_COLUMNS)
    {
      const char *row[GIVEN_COLUMNS] = { NULL };

      for (guint c = 0; c < GIVEN_COLUMNS && i + c < cells->len; c++)
        row[c] = g_ptr_array_index (cells, i + c);
      bpl_sheet_table_add_row (table, row, FALSE);
    }
  g_ptr_array_set_size (cells, 0);
}

/* The penalty's λ and the optimiser's numbers, beside η: a student works
 * the update out from them. */
static void
add_training_cells (const BplNetwork *network,
                    GPtrArray        *cells,
                    int               digits)
{
  BplOptimizerSettings o;

  if (bpl_network_get_regularization (network) != BPL_REGULARIZATION_NONE)
    g_ptr_array_add (cells, given_cell_markup ("λ", bpl_network_get_regularization_strength (network), digits));
  bpl_network_get_optimizer_settings (network, &o);
  if (o.kind == BPL_OPTIMIZER_MOMENTUM)
    g_ptr_array_add (cells, given_cell_markup ("μ", o.momentum, digits));
  if (o.kind == BPL_OPTIMIZER_ADAM)
    {
      g_ptr_array_add (cells, given_cell_markup ("β<sub>1</sub>", o.beta1, digits));
      g_ptr_array_add (cells, given_cell_markup ("β<sub>2</sub>", o.beta2, digits));
      g_ptr_array_add (cells, given_cell_markup ("ε", o.epsilon, digits));
    }
}

/* What the optimiser has accumulated, once a step has: momentum's
 * velocity, or Adam's m and v, of every weight and bias, and Adam's t. */
static void
add_optimizer_state (const BplNetwork *network,
                     BplSheetTable    *table,
                     GPtrArray        *cells,
                     int               digits)
{
  BplOptimizer kind = bpl_network_get_optimizer (network);
  guint nw = bpl_network_get_n_weights (network);
  guint n = nw + bpl_network_get_n_biases (network);

  if (kind == BPL_OPTIMIZER_SGD || !bpl_network_has_optimizer_state (network))
    return;
  bpl_sheet_table_add_group (table, kind == BPL_OPTIMIZER_ADAM ? _("Adam’s moments before step t")
                                                               : _("Velocities before this step"));
  /* t counts this step too, as the bias correction 1 − β₁ᵗ does. */
  if (kind == BPL_OPTIMIZER_ADAM)
    g_ptr_array_add (cells, given_cell_markup ("t", (double) bpl_network_get_optimizer_step (network) + 1, digits));
  for (guint i = 0; i < n; i++)
    {
      const char *param = i < nw ? bpl_network_get_weight_name (network, i)
                                 : bpl_network_get_bias_name (network, i - nw);
      g_autofree char *sub = g_markup_escape_text (param, -1);
      g_autofree char *first = g_strdup_printf ("%s<sub>%s</sub>", kind == BPL_OPTIMIZER_ADAM ? "m" : "v", sub);

      g_ptr_array_add (cells, given_cell_markup (first, bpl_network_get_optimizer_moment1 (network)[i], digits));
      if (kind == BPL_OPTIMIZER_ADAM)
        {
          g_autofree char *second = g_strdup_printf ("v<sub>%s</sub>", sub);

          g_ptr_array_add (cells, given_cell_markup (second, bpl_network_get_optimizer_moment2 (network)[i], digits));
        }
    }
  add_cells (table, cells);
}

BplSheetTable *
bpl_worksheet_given_table (const BplNetwork *network,
                           guint             sample,
                           int               digits)
{
  static const double fractions[GIVEN_COLUMNS] = { 0.25, 0.25, 0.25, 0.25 };
  BplSheetTable *table = bpl_sheet_table_new (GIVEN_COLUMNS, fractions);
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  const double *input = bpl_network_get_input (network, sample);
  const double *target = bpl_network_get_target (network, sample);
  guint n_inputs = bpl_network_get_n_inputs (network);
  guint n_outputs = bpl_network_get_n_outputs (network);
  guint first_output = bpl_network_get_n_neurons (network) - n_outputs;
  g_autofree char *group = NULL;

  group = bpl_network_get_regularization (network) != BPL_REGULARIZATION_NONE
            || bpl_network_get_optimizer (network) != BPL_OPTIMIZER_SGD
            ? g_strdup_printf (_("Sample %u and training settings"), sample + 1)
            : g_strdup_printf (_("Sample %u and learning rate"), sample + 1);
  bpl_sheet_table_add_group (table, group);
  for (guint i = 0; i < n_inputs; i++)
    {
      g_autofree char *name = bpl_format_split_name (bpl_network_get_neuron_name (network, i),
                                                     BPL_EXPR_MARKUP);

      g_ptr_array_add (cells, given_cell_markup (name, input[i], digits));
    }
  for (guint o = 0; o < n_outputs; o++)
    {
      g_autofree char *escaped = g_markup_escape_text (
        bpl_network_get_neuron_name (network, first_output + o), -1);
      g_autofree char *name = g_strdup_printf ("target<sub>%s</sub>", escaped);

      g_ptr_array_add (cells, given_cell_markup (name, target[o], digits));
    }
  g_ptr_array_add (cells, given_cell_markup ("η", bpl_network_get_learning_rate (network),
                                             digits));
  add_training_cells (network, cells, digits);
  add_cells (table, cells);

  bpl_sheet_table_add_group (table, _("Weights"));
  for (guint w = 0; w < bpl_network_get_n_weights (network); w++)
    {
      g_autofree char *name = bpl_format_split_name (bpl_network_get_weight_name (network, w),
                                                     BPL_EXPR_MARKUP);

      g_ptr_array_add (cells, given_cell_markup (name, bpl_network_get_weight (network, w),
                                                 digits));
    }
  add_cells (table, cells);

  add_optimizer_state (network, table, cells, digits);

  if (bpl_network_get_n_biases (network) > 0)
    {
      bpl_sheet_table_add_group (table, _("Biases"));
      for (guint b = 0; b < bpl_network_get_n_biases (network); b++)
        {
          g_autofree char *name = bpl_format_split_name (bpl_network_get_bias_name (network, b),
                                                         BPL_EXPR_MARKUP);

          g_ptr_array_add (cells, given_cell_markup (name, bpl_network_get_bias (network, b),
                                                     digits));
        }
      add_cells (table, cells);
    }

  return table;
}

static char *
join_markup (const BplExpr *first,
             const BplExpr *second,
             int            digits)
{
  g_autofree char *a = bpl_expr_render (first, BPL_EXPR_MARKUP, digits);
  g_autofree char *b = second != NULL ? bpl_expr_render (second, BPL_EXPR_MARKUP, digits) : NULL;

  return b != NULL ? g_strconcat (a, " = ", b, NULL) : g_steal_pointer (&a);
}

static char *
value_cell (double   value,
            gboolean blanks,
            int      digits)
{
  if (blanks)
    return g_strdup (BPL_WORKSHEET_BLANK);
  return bpl_worksheet_number_markup (value, digits);
}

/* E_o1 = ½(target_o1 − out_o1)², or the cross-entropy. */
static char *
error_formula (const BplNetwork *network,
               const char       *output)
{
  g_autofree char *o = g_markup_escape_text (output, -1);

  if (bpl_network_get_loss (network) == BPL_LOSS_CROSS_ENTROPY)
    return g_strdup_printf ("E<sub>%s</sub> = −(target<sub>%s</sub>·ln out<sub>%s</sub> + "
                            "(1 − target<sub>%s</sub>)·ln(1 − out<sub>%s</sub>))",
                            o, o, o, o, o);
  return g_strdup_printf ("E<sub>%s</sub> = ½(target<sub>%s</sub> − out<sub>%s</sub>)²", o, o, o);
}

BplSheetTable *
bpl_worksheet_forward_table (const BplNetwork *network,
                             guint             sample,
                             gboolean          blanks,
                             int               digits)
{
  static const double fractions[] = { 0.12, 0.64, 0.24 };
  const char *header[] = { _("Neuron"), _("Formula"), _("Value") };
  BplSheetTable *table = bpl_sheet_table_new (G_N_ELEMENTS (fractions), fractions);
  g_autoptr (BplForward) forward = bpl_forward_new (network);
  guint n_neurons = bpl_network_get_n_neurons (network);
  guint n_outputs = bpl_network_get_n_outputs (network);
  guint first = bpl_network_get_n_inputs (network);
  g_autoptr (GString) total = g_string_new ("E<sub>total</sub> = ");

  bpl_forward_compute (forward, network, sample);
  bpl_sheet_table_set_header (table, header);

  for (guint n = first; n < n_neurons; n++)
    {
      g_autoptr (BplNeuronComputation) c = bpl_neuron_computation_new (network, n, sample);
      g_autofree char *name = bpl_format_split_name (bpl_network_get_neuron_name (network, n),
                                                     BPL_EXPR_MARKUP);
      g_autofree char *bold_name = g_strdup_printf ("<b>%s</b>", name);
      /* With blanks the numbers substituted are partly computed: leave them out. */
      g_autofree char *net = join_markup (c->net_formula, blanks ? NULL : c->net_substitution,
                                          digits);
      g_autofree char *out = join_markup (c->out_formula, blanks ? NULL : c->out_substitution,
                                          digits);
      g_autofree char *net_value = value_cell (c->net, blanks, digits);
      g_autofree char *out_value = value_cell (c->out, blanks, digits);
      const char *net_row[] = { bold_name, net, net_value };
      const char *out_row[] = { NULL, out, out_value };

      /* A neuron's net and out go on one page. */
      bpl_sheet_table_add_row (table, net_row, blanks);
      bpl_sheet_table_keep_with_next (table);
      bpl_sheet_table_add_row (table, out_row, blanks);
    }

  for (guint o = 0; o < n_outputs; o++)
    {
      const char *output = bpl_network_get_neuron_name (network, n_neurons - n_outputs + o);
      g_autofree char *name = bpl_format_split_name (output, BPL_EXPR_MARKUP);
      g_autofree char *bold_name = g_strdup_printf ("<b>%s</b>", name);
      g_autofree char *formula = error_formula (network, output);
      g_autofree char *value = value_cell (forward->error[o], blanks, digits);
      g_autofree char *escaped = g_markup_escape_text (output, -1);
      const char *row[] = { bold_name, formula, value };

      bpl_sheet_table_add_row (table, row, blanks);
      g_string_append_printf (total, "%sE<sub>%s</sub>", o > 0 ? " + " : "", escaped);
    }

  {
    g_autofree char *value = value_cell (forward->total_error, blanks, digits);
    const char *row[] = { NULL, total->str, value };

    bpl_sheet_table_add_row (table, row, blanks);
  }
  return table;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-forward.c: `backprop-lens-cli forward`: net and out of every neuron,
 * each output's error and E_total for one sample, and the test error when
 * the network has test samples. */
#include "config.h"

#include "bpl-cli.h"

#include <glib/gi18n.h>
#include <math.h>

enum { FORMAT_TEXT, FORMAT_JSON };

/* Beyond this many weights the written-out sums would bury the table. */
#define MAX_COMPUTATION_WEIGHTS 64

static const char *const formats[] = { "text", "json", NULL };

static char *
layer_label (const BplNetwork *network, guint layer)
{
  guint n_layers = bpl_network_get_n_layers (network);

  if (layer == 0)
    return g_strdup (_("input"));
  if (layer + 1 == n_layers)
    return g_strdup (_("output"));
  if (n_layers == 3)
    return g_strdup (_("hidden"));
  return g_strdup_printf (_("hidden %u"), layer);
}

static char *
forward_json (const BplNetwork *network, const BplForward *forward, guint sample, double test_error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  guint n_neurons = bpl_network_get_n_neurons (network);
  guint n_outputs = bpl_network_get_n_outputs (network);
  guint first_output = n_neurons - n_outputs;
  const double *target = bpl_network_get_target (network, sample);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "network");
  json_builder_add_string_value (builder, bpl_network_get_name (network));
  json_builder_set_member_name (builder, "sample");
  json_builder_add_int_value (builder, sample + 1);

  json_builder_set_member_name (builder, "neurons");
  json_builder_begin_array (builder);
  for (guint n = 0; n < n_neurons; n++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, bpl_network_get_neuron_name (network, n));
      json_builder_set_member_name (builder, "layer");
      json_builder_add_int_value (builder, bpl_network_get_neuron_layer (network, n));
      json_builder_set_member_name (builder, "net");
      json_builder_add_double_value (builder, forward->net[n]);
      json_builder_set_member_name (builder, "out");
      json_builder_add_double_value (builder, forward->out[n]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "outputs");
  json_builder_begin_array (builder);
  for (guint o = 0; o < n_outputs; o++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder,
                                     bpl_network_get_neuron_name (network, first_output + o));
      json_builder_set_member_name (builder, "out");
      json_builder_add_double_value (builder, forward->out[first_output + o]);
      json_builder_set_member_name (builder, "target");
      json_builder_add_double_value (builder, target[o]);
      json_builder_set_member_name (builder, "error");
      json_builder_add_double_value (builder, forward->error[o]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "total_error");
  json_builder_add_double_value (builder, forward->total_error);
  /* The mean error over the test samples, null without them. */
  json_builder_set_member_name (builder, "test_error");
  if (isnan (test_error))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, test_error);
  /* The penalty λ·R (0 without one) and what training minimises on this
   * sample: E_total + λ·R. */
  json_builder_set_member_name (builder, "penalty");
  json_builder_add_double_value (builder, bpl_network_get_penalty (network));
  json_builder_set_member_name (builder, "objective");
  json_builder_add_double_value (builder, forward->total_error + bpl_network_get_penalty (network));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return bpl_cli_json_to_string (root);
}

/* "net_h1 = w1·i1 + w2·i2 + b1·1 = 0.15·0.05 + … = 0.3775": how each value
 * came about, which is what a student checks by hand. */
static void
append_computations (GString *out, const BplNetwork *network, guint sample, int digits)
{
  guint n_neurons = bpl_network_get_n_neurons (network);
  guint first = bpl_network_get_layer_size (network, 0);

  if (bpl_network_get_n_weights (network) > MAX_COMPUTATION_WEIGHTS)
    {
      g_string_append_printf (out,
                              _("\n(The computation of each value is written out for networks "
                                "of up to %u weights.)\n"),
                              MAX_COMPUTATION_WEIGHTS);
      return;
    }

  g_string_append_printf (out, "\n%s\n", _("How each value is computed:"));
  for (guint n = first; n < n_neurons; n++)
    {
      g_autoptr (BplNeuronComputation) computation
          = bpl_neuron_computation_new (network, n, sample);
      g_autofree char *net_value = bpl_format_number (computation->net, digits);
      g_autofree char *out_value = bpl_format_number (computation->out, digits);

      if (computation->net_formula != NULL)
        {
          g_autofree char *formula
              = bpl_expr_render (computation->net_formula, BPL_EXPR_TEXT, digits);

          g_string_append_printf (out, "  %s", formula);
          if (computation->net_substitution != NULL)
            {
              g_autofree char *numbers
                  = bpl_expr_render (computation->net_substitution, BPL_EXPR_TEXT, digits);

              g_string_append_printf (out, " = %s", numbers);
            }
          g_string_append_printf (out, " = %s\n", net_value);
        }
      if (computation->out_formula != NULL)
        {
          g_autofree char *formula
              = bpl_expr_render (computation->out_formula, BPL_EXPR_TEXT, digits);

          g_string_append_printf (out, "  %s", formula);
          if (computation->out_substitution != NULL)
            {
              g_autofree char *numbers
                  = bpl_expr_render (computation->out_substitution, BPL_EXPR_TEXT, digits);

              g_string_append_printf (out, " = %s", numbers);
            }
          g_string_append_printf (out, " = %s\n", out_value);
        }
    }
}

static char *
forward_text (const BplNetwork *network, const BplForward *forward, guint sample, double test_error,
              int digits)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (BplCliTable) neurons = bpl_cli_table_new (4);
  g_autoptr (BplCliTable) outputs = bpl_cli_table_new (4);
  guint n_neurons = bpl_network_get_n_neurons (network);
  guint n_outputs = bpl_network_get_n_outputs (network);
  guint first_output = n_neurons - n_outputs;
  const double *target = bpl_network_get_target (network, sample);
  g_autofree char *total = bpl_format_number (forward->total_error, digits);

  g_string_append_printf (out, _("Forward pass of “%s”, sample %u of %u\n\n"),
                          bpl_network_get_name (network), sample + 1,
                          bpl_network_get_n_samples (network));

  bpl_cli_table_add_row (neurons, _("neuron"), _("layer"), _("net"), _("out"));
  for (guint n = 0; n < n_neurons; n++)
    {
      char **cells = g_new0 (char *, 5);

      cells[0] = g_strdup (bpl_network_get_neuron_name (network, n));
      cells[1] = layer_label (network, bpl_network_get_neuron_layer (network, n));
      cells[2] = bpl_format_number (forward->net[n], digits);
      cells[3] = bpl_format_number (forward->out[n], digits);
      bpl_cli_table_take_row (neurons, cells);
    }
  bpl_cli_table_print (neurons, out);
  g_string_append_c (out, '\n');

  bpl_cli_table_add_row (outputs, _("output"), _("target"), _("out"), _("E_o"));
  for (guint o = 0; o < n_outputs; o++)
    {
      char **cells = g_new0 (char *, 5);

      cells[0] = g_strdup (bpl_network_get_neuron_name (network, first_output + o));
      cells[1] = bpl_format_number (target[o], digits);
      cells[2] = bpl_format_number (forward->out[first_output + o], digits);
      cells[3] = bpl_format_number (forward->error[o], digits);
      bpl_cli_table_take_row (outputs, cells);
    }
  bpl_cli_table_print (outputs, out);

  g_string_append_printf (out, "\nE_total = %s\n", total);
  if (!isnan (test_error))
    {
      guint n_test = bpl_network_get_n_test_samples (network);
      g_autofree char *test = bpl_format_number (test_error, digits);

      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "Test error (mean E_total over %u test sample) = %s\n",
                                           "Test error (mean E_total over %u test samples) = %s\n",
                                           n_test),
                              n_test, test);
    }
  if (bpl_network_get_regularization (network) != BPL_REGULARIZATION_NONE)
    {
      double penalty = bpl_network_get_penalty (network);
      g_autofree char *p = bpl_format_number (penalty, digits);
      g_autofree char *lambda = bpl_format_number (bpl_network_get_regularization_strength (network), digits);
      g_autofree char *objective = bpl_format_number (forward->total_error + penalty, digits);
      g_string_append_printf (out, _("λ·R = %s (%s, λ = %s), E_total + λ·R = %s\n"), p,
                              bpl_network_get_regularization (network) == BPL_REGULARIZATION_L1 ? "R = Σ|w|"
                                                                                                 : "R = ½Σw²",
                              lambda, objective);
    }

  append_computations (out, network, sample, digits);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

int
bpl_cli_forward (int argc, char **argv)
{
  g_auto (BplCliCommon) common = {
    .flags = BPL_CLI_WITH_SAMPLE | BPL_CLI_WITH_DIGITS,
    .sample_help = N_("Sample to run, from 1 (default 1)"),
    .digits_help = N_("Significant digits of text numbers, 1 to 17 (default 11)"),
  };
  g_autofree char *format_name = NULL;
  int format;
  int status;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, N_("Output format: text or json"),
      N_("FORMAT") },
    { NULL }
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (BplNetwork) network = NULL;
  g_autoptr (BplForward) forward = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  guint sample;
  double test_error;

  context = bpl_cli_context_new (
      NULL, entries, &common,
      _("Runs the forward pass on one sample: the net input and output of every neuron,\nthe "
        "error E_o of every output and the total error E_total."),
      _("Text shows a table of neurons and outputs, then how each value is computed.\nJSON "
        "numbers are at full precision.\n\nExample:\n  backprop-lens-cli forward --format json"));
  bpl_cli_context_add_choices (context, "--format", formats);

  if (!bpl_cli_parse_options (context, &argc, &argv) || !bpl_cli_check_no_arguments (argc, argv))
    return BPL_CLI_EXIT_USAGE;
  format = bpl_cli_parse_choice ("--format", format_name, formats);
  if (format < 0)
    return BPL_CLI_EXIT_USAGE;

  network = bpl_cli_common_load (&common, &status);
  if (network == NULL)
    return status;
  sample = (guint) common.sample - 1;

  forward = bpl_forward_new (network);
  test_error = bpl_network_mean_test_error (network, forward);
  bpl_forward_compute (forward, network, sample);

  if (format == FORMAT_JSON)
    text = forward_json (network, forward, sample, test_error);
  else
    text = forward_text (network, forward, sample, test_error, common.digits);

  if (!bpl_cli_write_output (NULL, text, &error))
    {
      bpl_cli_print_gerror (error);
      return BPL_CLI_EXIT_BAD_INPUT;
    }
  return BPL_CLI_EXIT_OK;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-explain.c: `backprop-lens-cli explain PARAM`: the chain rule of one
 * weight or bias, as the worked example writes it out. The core writes the
 * text, Markdown and LaTeX reports; the JSON is built here from the
 * derivation's structure. */
#include "config.h"

#include "bpl-cli.h"

#include <glib/gi18n.h>

enum { FORMAT_TEXT, FORMAT_MARKDOWN, FORMAT_LATEX, FORMAT_JSON };
static const char *const formats[] = { "text", "markdown", "latex", "json", NULL };

static void
add_expr (JsonBuilder *builder, const char *member, const BplExpr *expr, int digits)
{
  json_builder_set_member_name (builder, member);
  if (expr == NULL)
    {
      json_builder_add_null_value (builder);
    }
  else
    {
      g_autofree char *text = bpl_expr_render (expr, BPL_EXPR_TEXT, digits);

      json_builder_add_string_value (builder, text);
    }
}

static void
add_double (JsonBuilder *builder, const char *member, double value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_double_value (builder, value);
}

static void
add_names (JsonBuilder *builder, const char *member, const gboolean *on, guint n,
           const char *(*name_of) (const BplNetwork *, guint), const BplNetwork *network)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; on != NULL && i < n; i++)
    if (on[i])
      json_builder_add_string_value (builder, name_of (network, i));
  json_builder_end_array (builder);
}

static const char *const factor_kinds[] = { "net-wrt-param", "out-wrt-net", "net-wrt-out", "error-wrt-out",
                                             "softmax" };
static const char *const step_kinds[] = { "softmax-collapse", "regularization", "batch", "optimizer" };

static void
add_factor (JsonBuilder *builder, const BplFactor *factor, const BplNetwork *network, int digits)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, factor_kinds[factor->kind]);
  if (factor->kind == BPL_FACTOR_SOFTMAX)
    bpl_cli_json_add_neuron_name (builder, "net_of", network, factor->net_neuron);
  add_expr (builder, "symbol", factor->symbol, digits);
  add_expr (builder, "expansion", factor->expansion, digits);
  add_expr (builder, "formula", factor->formula, digits);
  add_expr (builder, "substitution", factor->substitution, digits);
  add_double (builder, "value", factor->value);
  json_builder_set_member_name (builder, "description");
  if (factor->description != NULL)
    json_builder_add_string_value (builder, factor->description);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

/* The step the new value comes from: its k, samples (from 1), each one's
 * ∂E_total/∂p, and the gradient g the optimiser is given. */
static void
add_next_step (JsonBuilder *builder, const BplDerivation *d, const BplNetwork *network)
{
  BplOptimizerSettings o;

  bpl_network_get_optimizer_settings (network, &o);
  json_builder_set_member_name (builder, "next_step");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "k");
  json_builder_add_int_value (builder, (gint64) MIN (d->step, (guint64) G_MAXINT64));
  json_builder_set_member_name (builder, "samples");
  json_builder_begin_array (builder);
  for (guint j = 0; j < d->n_batch; j++)
    json_builder_add_int_value (builder, d->batch_samples[j] + 1);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "gradients");
  json_builder_begin_array (builder);
  for (guint j = 0; j < d->n_batch; j++)
    json_builder_add_double_value (builder, d->batch_gradients[j]);
  json_builder_end_array (builder);
  add_double (builder, "gradient", d->step_gradient);
  json_builder_set_member_name (builder, "optimizer");
  json_builder_add_string_value (builder, bpl_optimizer_to_string (o.kind));
  json_builder_end_object (builder);
}

/* The derivation's own steps (softmax, penalty, batch, optimiser). */
static void
add_steps (JsonBuilder *builder, const BplDerivation *d, const BplNetwork *network, int digits)
{
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < d->n_steps; i++)
    {
      const BplDerivationStep *step = &d->steps[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, step_kinds[step->kind]);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, step->title);
      json_builder_set_member_name (builder, "description");
      if (step->description != NULL)
        json_builder_add_string_value (builder, step->description);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "chain");
      json_builder_begin_array (builder);
      for (guint k = 0; k < step->n_chain; k++)
        {
          g_autofree char *text = bpl_expr_render (step->chain[k], BPL_EXPR_TEXT, digits);
          json_builder_add_string_value (builder, text);
        }
      json_builder_end_array (builder);
      add_double (builder, "value", step->value);
      bpl_cli_json_add_neuron_name (builder, "neuron", network, step->neuron);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static char *
explain_json (const BplDerivation *d, const BplNetwork *network, int digits)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "parameter");
  json_builder_add_string_value (builder, d->name);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, d->param.kind == BPL_PARAM_WEIGHT ? "weight" : "bias");
  bpl_cli_json_add_neuron_name (builder, "from", network, d->source);
  bpl_cli_json_add_neuron_name (builder, "to", network, d->target);
  json_builder_set_member_name (builder, "sample");
  json_builder_add_int_value (builder, d->sample + 1);
  add_double (builder, "value", d->value);
  add_double (builder, "learning_rate", d->learning_rate);
  /* gradient is what the penalty makes of it, ∂(E_total + λ·R)/∂p; the
   * paths add up to data_gradient, ∂E_total/∂p. */
  add_double (builder, "gradient", d->objective_gradient);
  add_double (builder, "new_value", d->new_value);
  add_double (builder, "numerical_gradient", d->numerical_objective_gradient);
  add_double (builder, "data_gradient", d->gradient);
  add_double (builder, "penalty_gradient", d->penalty_gradient);
  /* new_value is p − η·∂E/∂p; this says when a training step does otherwise. */
  {
    g_autofree char *note = bpl_derivation_dup_update_note (d, network, BPL_EXPR_TEXT, digits);

    json_builder_set_member_name (builder, "update_note");
    if (note != NULL)
      json_builder_add_string_value (builder, note);
    else
      json_builder_add_null_value (builder);
  }
  add_expr (builder, "sum", d->sum, digits);
  add_expr (builder, "factored", d->factored, digits);
  add_expr (builder, "update", d->update, digits);
  add_expr (builder, "update_substitution", d->update_substitution, digits);
  add_next_step (builder, d, network);
  add_steps (builder, d, network, digits);

  json_builder_set_member_name (builder, "paths");
  json_builder_begin_array (builder);
  for (guint p = 0; p < d->n_paths; p++)
    {
      const BplPath *path = &d->paths[p];

      json_builder_begin_object (builder);
      bpl_cli_json_add_neuron_name (builder, "output", network, (gint) path->output);
      add_expr (builder, "symbol", path->symbol, digits);
      json_builder_set_member_name (builder, "neurons");
      json_builder_begin_array (builder);
      for (guint n = 0; n < path->n_neurons; n++)
        json_builder_add_string_value (builder,
                                       bpl_network_get_neuron_name (network, path->neurons[n]));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "factors");
      json_builder_begin_array (builder);
      for (guint f = 0; f < path->n_factors; f++)
        add_factor (builder, &path->factors[f], network, digits);
      json_builder_end_array (builder);
      add_double (builder, "product", path->product);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "paths_total");
  json_builder_add_int_value (builder, (gint64) MIN (d->n_paths_total, (guint64) G_MAXINT64));
  json_builder_set_member_name (builder, "paths_truncated");
  json_builder_add_boolean_value (builder, d->paths_truncated);

  json_builder_set_member_name (builder, "deltas");
  json_builder_begin_array (builder);
  for (guint i = 0; i < d->n_deltas; i++)
    {
      const BplDelta *delta = &d->deltas[i];

      json_builder_begin_object (builder);
      bpl_cli_json_add_neuron_name (builder, "neuron", network, (gint) delta->neuron);
      add_expr (builder, "symbol", delta->symbol, digits);
      add_expr (builder, "formula", delta->formula, digits);
      add_expr (builder, "substitution", delta->substitution, digits);
      add_double (builder, "value", delta->value);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "path_set");
  json_builder_begin_object (builder);
  add_names (builder, "neurons", d->neuron_on_path, d->n_neurons, bpl_network_get_neuron_name,
             network);
  add_names (builder, "weights", d->weight_on_path, d->n_weights, bpl_network_get_weight_name,
             network);
  add_names (builder, "biases", d->bias_on_path, d->n_biases, bpl_network_get_bias_name,
             network);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return bpl_cli_json_to_string (root);
}

int
bpl_cli_explain (int argc, char **argv)
{
  g_auto (BplCliCommon) common = {
    .flags = BPL_CLI_WITH_SAMPLE | BPL_CLI_WITH_DIGITS,
    .sample_help = N_("Sample to derive on, from 1 (default 1)"),
    .digits_help = N_("Significant digits of the numbers shown, 1 to 17 (default 11)"),
  };
  g_autofree char *format_name = NULL;
  int format;
  int status;
  int max_paths = BPL_DERIVATION_MAX_PATHS;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: text, markdown, latex or json"), N_("FORMAT") },
    { "paths", 0, 0, G_OPTION_ARG_INT, &max_paths,
      N_("Paths to list one by one, 0 to 256 (default 256); the gradient and the δ form always "
         "cover them all, and 0 leaves the δ form alone"), N_("N") },
    { NULL }
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (BplNetwork) network = NULL;
  g_autoptr (BplDerivation) derivation = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  int digits;
  BplParam param;

  context = bpl_cli_context_new (
      _("PARAM"), entries, &common,
      _("Explains the gradient of one parameter (PARAM: a weight w1, w2, … or a bias b1, …)\nby "
        "the chain rule: for each path to an output error, every factor with its\nformula and "
        "value; their sum ∂E_total/∂PARAM; and the new value after the next\ntraining step, "
        "PARAM⁺ = PARAM − η·∂E_total/∂PARAM, or what the network's penalty,\nmini-batch and "
        "optimiser make of it, each worked out."),
      _("JSON numbers are at full precision; --digits sets the digits of the text, Markdown\nand "
        "LaTeX reports and of the numbers inside JSON formula strings. In JSON, gradient\nis "
        "∂(E_total + λ·R)/∂PARAM for the sample; the paths add up to data_gradient,\n∂E_total/∂PARAM.\n\n"
        "Examples:\n"
        "  backprop-lens-cli explain w3\n"
        "  backprop-lens-cli explain --format markdown w5 > w5.md\n"
        "  backprop-lens-cli explain --network deep.json --paths 2 w1\n"
        "  backprop-lens-cli explain --network xor.json --sample 2 b1"));
  bpl_cli_context_add_choices (context, "--format", formats);

  if (!bpl_cli_parse_options (context, &argc, &argv))
    return BPL_CLI_EXIT_USAGE;
  if (argc < 2)
    {
      bpl_cli_error ("explain", _("missing PARAM (a weight such as w3 or a bias such as b1)"));
      g_printerr (_("Try “backprop-lens-cli explain --help”.\n"));
      return BPL_CLI_EXIT_USAGE;
    }
  if (argc > 2)
    {
      bpl_cli_error ("explain", _("unexpected argument “%s” (one PARAM at a time)"), argv[2]);
      return BPL_CLI_EXIT_USAGE;
    }
  format = bpl_cli_parse_choice ("--format", format_name, formats);
  if (format < 0)
    return BPL_CLI_EXIT_USAGE;
  if (max_paths < 0 || max_paths > BPL_DERIVATION_MAX_PATHS)
    {
      bpl_cli_error ("explain", _("--paths %d is out of range (expected 0 to %d paths)"), max_paths,
                     BPL_DERIVATION_MAX_PATHS);
      return BPL_CLI_EXIT_USAGE;
    }

  network = bpl_cli_common_load (&common, &status);
  if (network == NULL)
    return status;
  digits = common.digits;

  /* A name the network does not have is a bad value, not bad usage. */
  if (!bpl_network_parse_param (network, argv[1], &param, &error))
    {
      bpl_cli_print_gerror (error);
      return BPL_CLI_EXIT_BAD_INPUT;
    }

  derivation = bpl_derivation_new_full (network, param, (guint) common.sample - 1, (guint) max_paths, &error);
  if (derivation == NULL)
    {
      bpl_cli_print_gerror (error);
      return BPL_CLI_EXIT_BAD_INPUT;
    }

  switch (format)
    {
    case FORMAT_JSON:
      text = explain_json (derivation, network, digits);
      break;
    case FORMAT_MARKDOWN:
      text = bpl_derivation_to_report (derivation, network, BPL_REPORT_MARKDOWN, digits);
      break;
    case FORMAT_LATEX:
      text = bpl_derivation_to_report (derivation, network, BPL_REPORT_LATEX, digits);
      break;
    case FORMAT_TEXT:
    default:
      text = bpl_derivation_to_report (derivation, network, BPL_REPORT_TEXT, digits);
      break;
    }

  if (!bpl_cli_write_output (NULL, text, &error))
    {
      bpl_cli_print_gerror (error);
      return BPL_CLI_EXIT_BAD_INPUT;
    }
  if (!g_str_has_suffix (text, "\n"))
    g_print ("\n");
  return BPL_CLI_EXIT_OK;
}

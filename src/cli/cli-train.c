/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-train.c: `backprop-lens-cli train --steps N`: takes N training steps,
 * reports every parameter before and after, the mean error and the test
 * error (when the network has test samples); --output
 * saves the trained network. */
#include "config.h"

#include "bpl-cli.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>

enum { FORMAT_TEXT, FORMAT_JSON };
static const char *const formats[] = { "text", "json", NULL };

static void
add_doubles (JsonBuilder *builder, const char *member, const double *values, guint n)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    json_builder_add_double_value (builder, values[i]);
  json_builder_end_array (builder);
}

/* "member": @value, or null when there are no test samples (NaN). */
static void
add_test_error (JsonBuilder *builder, const char *member, double value)
{
  json_builder_set_member_name (builder, member);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

/* E_total and the objective, the mean error plus the penalty λ·R. */
typedef struct
{
  double error;
  double objective;
  double test_error;  /* NaN without test samples */
} Figures;

static Figures
figures_of (const BplNetwork *network, BplForward *scratch)
{
  Figures f;

  f.error = bpl_network_mean_error (network, scratch);
  f.objective = f.error + bpl_network_get_penalty (network);
  f.test_error = bpl_network_mean_test_error (network, scratch);
  return f;
}

/* "mini-batches of 2" */
static char *
describe_mode (const BplNetwork *network)
{
  if (bpl_network_get_training (network) == BPL_TRAINING_MINI_BATCH)
    return g_strdup_printf (_("mini-batches of %u"), bpl_network_get_batch_size (network));
  return g_strdup (bpl_training_mode_to_string (bpl_network_get_training (network)));
}

/* ", Adam β₁ = 0.9, …, L2 penalty λ = 0.01": the optimiser and penalty
 * beyond plain gradient descent. */
static char *
describe_optimizer (const BplNetwork *network, int digits)
{
  g_autoptr (GString) s = g_string_new (NULL);
  BplOptimizerSettings o;

  bpl_network_get_optimizer_settings (network, &o);
  if (o.kind == BPL_OPTIMIZER_MOMENTUM)
    {
      g_autofree char *mu = bpl_format_number (o.momentum, digits);
      g_string_append_printf (s, _(", momentum μ = %s"), mu);
    }
  else if (o.kind == BPL_OPTIMIZER_ADAM)
    {
      g_autofree char *b1 = bpl_format_number (o.beta1, digits);
      g_autofree char *b2 = bpl_format_number (o.beta2, digits);
      g_autofree char *eps = bpl_format_number (o.epsilon, digits);
      g_string_append_printf (s, _(", Adam β₁ = %s, β₂ = %s, ε = %s"), b1, b2, eps);
    }
  if (bpl_network_get_regularization (network) != BPL_REGULARIZATION_NONE)
    {
      g_autofree char *lambda = bpl_format_number (bpl_network_get_regularization_strength (network), digits);
      g_string_append_printf (s, _(", %s penalty λ = %s"),
                              bpl_network_get_regularization (network) == BPL_REGULARIZATION_L1 ? "L1" : "L2",
                              lambda);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
train_json (const BplNetwork *network, gint64 steps, Figures before, Figures after, const char *output_path)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  BplOptimizerSettings o;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "network");
  json_builder_add_string_value (builder, bpl_network_get_name (network));
  json_builder_set_member_name (builder, "steps");
  json_builder_add_int_value (builder, steps);
  json_builder_set_member_name (builder, "training");
  json_builder_add_string_value (builder,
                                 bpl_training_mode_to_string (bpl_network_get_training (network)));
  json_builder_set_member_name (builder, "batch_size");
  json_builder_add_int_value (builder, bpl_network_get_samples_per_step (network));
  json_builder_set_member_name (builder, "learning_rate");
  json_builder_add_double_value (builder, bpl_network_get_learning_rate (network));
  bpl_network_get_optimizer_settings (network, &o);
  json_builder_set_member_name (builder, "optimizer");
  json_builder_add_string_value (builder, bpl_optimizer_to_string (o.kind));
  json_builder_set_member_name (builder, "regularization");
  json_builder_add_string_value (builder,
                                 bpl_regularization_to_string (bpl_network_get_regularization (network)));
  json_builder_set_member_name (builder, "regularization_strength");
  json_builder_add_double_value (builder, bpl_network_get_regularization (network) == BPL_REGULARIZATION_NONE
                                            ? 0.0
                                            : bpl_network_get_regularization_strength (network));
  add_doubles (builder, "weights", bpl_network_get_weights (network),
               bpl_network_get_n_weights (network));
  add_doubles (builder, "biases", bpl_network_get_biases (network),
               bpl_network_get_n_biases (network));
  /* total_error is the mean data error over all samples; objective adds
   * the penalty λ·R, what training minimises. */
  json_builder_set_member_name (builder, "initial_total_error");
  json_builder_add_double_value (builder, before.error);
  json_builder_set_member_name (builder, "total_error");
  json_builder_add_double_value (builder, after.error);
  json_builder_set_member_name (builder, "initial_objective");
  json_builder_add_double_value (builder, before.objective);
  json_builder_set_member_name (builder, "objective");
  json_builder_add_double_value (builder, after.objective);
  add_test_error (builder, "initial_test_error", before.test_error);
  add_test_error (builder, "test_error", after.test_error);
  json_builder_set_member_name (builder, "output");
  if (output_path != NULL)
    json_builder_add_string_value (builder, output_path);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return bpl_cli_json_to_string (root);
}

static void
add_param_row (BplCliTable *table, const char *name, double before, double after,
               gboolean fixed, int digits)
{
  char **cells = g_new0 (char *, 5);

  cells[0] = g_strdup (name);
  cells[1] = bpl_format_number (before, digits);
  cells[2] = bpl_format_number (after, digits);
  if (fixed)
    cells[3] = g_strdup (_("(fixed)"));
  else
    cells[3] = bpl_format_number (after - before, digits);
  bpl_cli_table_take_row (table, cells);
}

static char *
train_text (const BplNetwork *before, const BplNetwork *after, gint64 steps, Figures f0, Figures f1,
            const char *output_path, int digits)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (BplCliTable) table = bpl_cli_table_new (4);
  gboolean update_biases = bpl_network_get_update_biases (after);
  guint n_samples = bpl_network_get_n_samples (after);
  g_autofree char *eta = bpl_format_number (bpl_network_get_learning_rate (after), digits);
  g_autofree char *e0 = bpl_format_number (f0.error, digits);
  g_autofree char *e1 = bpl_format_number (f1.error, digits);
  g_autofree char *mode = describe_mode (after);
  g_autofree char *how = describe_optimizer (after, digits);

  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE, "Trained “%s” for %" PRId64
                                       " step (%s, η = %s%s",
                                       "Trained “%s” for %" PRId64 " steps (%s, η = %s%s",
                                       (gulong) steps),
                          bpl_network_get_name (after), steps, mode, eta, how);
  if (bpl_network_get_n_biases (after) > 0)
    g_string_append (out, update_biases ? _(", biases trained") : _(", biases fixed"));
  g_string_append (out, ")\n\n");

  bpl_cli_table_add_row (table, _("parameter"), _("before"), _("after"), _("change"));
  for (guint w = 0; w < bpl_network_get_n_weights (after); w++)
    add_param_row (table, bpl_network_get_weight_name (after, w),
                   bpl_network_get_weight (before, w), bpl_network_get_weight (after, w), FALSE,
                   digits);
  for (guint b = 0; b < bpl_network_get_n_biases (after); b++)
    add_param_row (table, bpl_network_get_bias_name (after, b), bpl_network_get_bias (before, b),
                   bpl_network_get_bias (after, b), !update_biases, digits);
  bpl_cli_table_print (table, out);

  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "\nE_total (mean over %u sample): %s before, %s after\n",
                                       "\nE_total (mean over %u samples): %s before, %s after\n",
                                       n_samples),
                          n_samples, e0, e1);
  if (!isnan (f1.test_error))
    {
      guint n_test = bpl_network_get_n_test_samples (after);
      g_autofree char *t0 = bpl_format_number (f0.test_error, digits);
      g_autofree char *t1 = bpl_format_number (f1.test_error, digits);

      g_string_append_printf (out,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "Test error (mean over %u test sample): %s before, %s after\n",
                                           "Test error (mean over %u test samples): %s before, %s after\n",
                                           n_test),
                              n_test, t0, t1);
    }
  if (bpl_network_get_regularization (after) != BPL_REGULARIZATION_NONE)
    {
      g_autofree char *o0 = bpl_format_number (f0.objective, digits);
      g_autofree char *o1 = bpl_format_number (f1.objective, digits);
      g_string_append_printf (out, _("Objective E_total + λ·R: %s before, %s after\n"), o0, o1);
    }
  if (output_path != NULL)
    g_string_append_printf (out, _("Trained network saved to %s\n"), output_path);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

int
bpl_cli_train (int argc, char **argv)
{
  g_auto (BplCliCommon) common = {
    .flags = BPL_CLI_WITH_DIGITS,
    .network_help = N_("Network file to start from (default: the built-in worked example)"),
    .digits_help = N_("Significant digits of text numbers, 1 to 17 (default 11)"),
  };
  g_autofree char *output_path = NULL;
  g_autofree char *format_name = NULL;
  gint64 steps = G_MININT64; /* unset */
  int format;
  int status;
  const GOptionEntry entries[] = {
    { "steps", 's', 0, G_OPTION_ARG_INT64, &steps, N_("Number of training steps (required)"),
      N_("N") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Report format on standard output: text or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path,
      N_("Also save the trained network as a network file (the report still goes to standard "
         "output)"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (BplNetwork) network = NULL;
  g_autoptr (BplNetwork) before = NULL;
  g_autoptr (BplTrainer) trainer = NULL;
  g_autoptr (BplForward) scratch = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  guint64 done = 0;
  Figures before_figures, after_figures;

  context = bpl_cli_context_new (
      NULL, entries, &common,
      _("Takes N training steps and reports every weight and bias before and after,\nand E_total "
        "(the mean over the samples) before and after. The network file says\nhow a step trains: "
        "online, batch or mini-batch, a penalty λ·R, plain gradient\ndescent, momentum or Adam."),
      _("The report goes to standard output. --output FILE writes the trained network\n"
        "(a network file that --network and the app can open) atomically; the file\n"
        "given with --network is never changed unless it is also the --output.\n"
        "If a step would give a value that is not finite, training stops with\n"
        "exit status 1, names the step, and nothing is saved.\n\n"
        "Examples:\n"
        "  backprop-lens-cli train --steps 1\n"
        "  backprop-lens-cli train --network xor.json --steps 10000 --output trained.json"));
  bpl_cli_context_add_choices (context, "--format", formats);

  if (!bpl_cli_parse_options (context, &argc, &argv) || !bpl_cli_check_no_arguments (argc, argv))
    return BPL_CLI_EXIT_USAGE;
  if (steps <= 0 || steps > BPL_CLI_MAX_STEPS)
    {
      if (steps == G_MININT64)
        bpl_cli_error ("train", _("--steps N is required, a positive whole number"));
      else
        bpl_cli_error ("train",
                       _("--steps %" PRId64 " is out of range (expected 1 to %"
                         PRId64 ")"),
                       steps, BPL_CLI_MAX_STEPS);
      g_printerr (_("Try “backprop-lens-cli train --help”.\n"));
      return BPL_CLI_EXIT_USAGE;
    }
  format = bpl_cli_parse_choice ("--format", format_name, formats);
  if (format < 0)
    return BPL_CLI_EXIT_USAGE;

  network = bpl_cli_common_load (&common, &status);
  if (network == NULL)
    return status;

  before = bpl_network_copy (network);
  scratch = bpl_forward_new (network);
  trainer = bpl_trainer_new (network);
  before_figures = figures_of (network, scratch);

  if (!bpl_trainer_train (trainer, network, (guint64) steps, &done, &error))
    {
      /* The core's message names the step in the network's own count. */
      bpl_cli_error ("train",
                     _("stopped after %" PRIu64 " of %" PRId64 " steps: %s"),
                     done, steps, error->message);
      if (output_path != NULL)
        g_printerr (_("Nothing was saved to %s.\n"), output_path);
      return BPL_CLI_EXIT_BAD_INPUT;
    }
  after_figures = figures_of (network, scratch);

  /* Save before reporting, so that a report on stdout means the file is there. */
  if (output_path != NULL && !bpl_network_save_to_file (network, output_path, &error))
    {
      bpl_cli_print_file_error (output_path, error);
      return BPL_CLI_EXIT_BAD_INPUT;
    }

  if (format == FORMAT_JSON)
    text = train_json (network, steps, before_figures, after_figures, output_path);
  else
    text = train_text (before, network, steps, before_figures, after_figures, output_path,
                       common.digits);

  if (!bpl_cli_write_output (NULL, text, &error))
    {
      bpl_cli_print_gerror (error);
      return BPL_CLI_EXIT_BAD_INPUT;
    }
  return BPL_CLI_EXIT_OK;
}

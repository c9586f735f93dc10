/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-dataset.c: `backprop-lens-cli dataset`: generates a data set (--kind)
 * or imports one from a CSV file (--csv), splits it into training and test
 * samples, and writes a network file whose samples and test samples are
 * the data: the network of --network, or a new one that suits the data. */
#include "config.h"

#include "bpl-cli.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

enum { FORMAT_TEXT, FORMAT_JSON };
static const char *const formats[] = { "text", "json", NULL };
static const char *const kinds[] = { "circle", "xor", "gauss", "spiral", "plane", "sine", NULL };

#define DEFAULT_POINTS 200
#define DEFAULT_SEED 1

typedef struct
{
  char    *kind_name;
  char    *csv_path;
  char   **input_lists;   /* each "a,b": names split at commas */
  char   **target_lists;
  gboolean one_hot;
  int      points;        /* G_MININT: not given */
  char    *noise_text;
  char    *fraction_text;
  gint64   seed;          /* G_MININT64: not given */
  char    *output_path;
  char    *format_name;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->kind_name);
  g_free (o->csv_path);
  g_strfreev (o->input_lists);
  g_strfreev (o->target_lists);
  g_free (o->noise_text);
  g_free (o->fraction_text);
  g_free (o->output_path);
  g_free (o->format_name);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static gboolean
usage_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

static gboolean
usage_error (const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  bpl_cli_error ("dataset", "%s", message);
  g_printerr (_("Try “backprop-lens-cli dataset --help”.\n"));
  return FALSE;
}

/* A number from @low to @high (@high itself only if @high_included). */
static gboolean
parse_number (const char *option, const char *text, double low, double high, gboolean high_included,
              double *out)
{
  char *end = NULL;
  double v;

  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v))
    return usage_error (_("%s “%s” is not a number"), option, text);
  if (v < low || v > high || (!high_included && v == high))
    return usage_error (high_included ? _("%s %g is out of range (expected %g to %g)")
                                      : _("%s %g is out of range (expected at least %g and less than %g)"),
                        option, v, low, high);
  *out = v;
  return TRUE;
}

/* "--inputs a,b --inputs c" → a, b, c; no empty name, none twice. */
static char **
parse_names (const char *option, char **lists)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint l = 0; lists != NULL && lists[l] != NULL; l++)
    {
      g_auto (GStrv) parts = g_strsplit (lists[l], ",", -1);
      for (guint p = 0; parts[p] != NULL; p++)
        {
          char *name = g_strstrip (parts[p]);
          if (*name == '\0')
            {
              usage_error (_("%s “%s” has an empty column name"), option, lists[l]);
              return NULL;
            }
          g_ptr_array_add (names, g_strdup (name));
        }
    }
  if (names->len == 0)
    {
      usage_error (_("%s NAMES is required with --csv: the header's names of the columns, separated by commas"),
                   option);
      return NULL;
    }
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static gboolean
chosen_twice (char **inputs, char **targets)
{
  char **lists[] = { inputs, targets };

  for (guint a = 0; a < 2; a++)
    for (guint i = 0; lists[a][i] != NULL; i++)
      for (guint b = a; b < 2; b++)
        for (guint j = (b == a ? i + 1 : 0); lists[b][j] != NULL; j++)
          if (g_str_equal (lists[a][i], lists[b][j]))
            return !usage_error (_("column “%s” is chosen twice; each column is an input, a target or neither"),
                                 lists[a][i]);
  return FALSE;
}

/* The data from --kind; every problem is the command line's. */
static BplDataset *
generate (const Options *o, int kind, double noise, double fraction, guint64 seed, const BplNetwork *network)
{
  g_autoptr (GError) error = NULL;
  BplDatasetOptions options;
  BplDataset *dataset;

  bpl_dataset_options_init (&options);
  options.kind = (BplDatasetKind) kind;
  options.n_points = o->points == G_MININT ? DEFAULT_POINTS : (guint) o->points;
  options.noise = noise;
  options.test_fraction = fraction;
  options.seed = seed;
  /* A network with two outputs takes the classes one-hot. */
  options.one_hot = o->one_hot || (network != NULL && bpl_dataset_kind_is_classification (options.kind) &&
                                   bpl_network_get_n_outputs (network) == 2);

  dataset = bpl_dataset_generate (&options, &error);
  if (dataset == NULL)
    usage_error ("%s", error->message);
  return dataset;
}

/* The data from --csv; problems are the file's. */
static BplDataset *
import (const Options *o, char **inputs, char **targets, double fraction, guint64 seed)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BplDataset) dataset = NULL;

  dataset = bpl_csv_import_file (o->csv_path, (const char *const *) inputs, (const char *const *) targets,
                                 o->one_hot, &error);
  if (dataset == NULL || !bpl_dataset_split (dataset, fraction, seed, &error))
    {
      bpl_cli_print_file_error (o->csv_path, error);
      return NULL;
    }
  return g_steal_pointer (&dataset);
}

static char *
layers_text (const BplNetwork *network)
{
  GString *s = g_string_new (NULL);

  for (guint l = 0; l < bpl_network_get_n_layers (network); l++)
    g_string_append_printf (s, "%s%u", l ? "-" : "", bpl_network_get_layer_size (network, l));
  return g_string_free (s, FALSE);
}

/* "i1 = x, i2 = y": which neuron takes or gives which column. */
static char *
neurons_text (const BplNetwork *network, guint layer, char **names)
{
  GString *s = g_string_new (NULL);
  guint first = bpl_network_get_layer_start (network, layer);

  for (guint k = 0; names[k] != NULL; k++)
    g_string_append_printf (s, "%s%s = %s", k ? ", " : "", bpl_network_get_neuron_name (network, first + k),
                            names[k]);
  return g_string_free (s, FALSE);
}

static char *
report_text (const Options *o, const BplDataset *dataset, const BplNetwork *network, gboolean new_network,
             guint64 seed)
{
  g_autoptr (GString) out = g_string_new (NULL);
  guint n_layers = bpl_network_get_n_layers (network);
  g_autofree char *layers = layers_text (network);
  g_autofree char *inputs = neurons_text (network, 0, dataset->input_names);
  g_autofree char *outputs = neurons_text (network, n_layers - 1, dataset->target_names);
  gboolean one_hot = o->one_hot || (o->kind_name != NULL && dataset->n_targets == 2);

  g_string_append_printf (out, _("Wrote %s: %u training and %u test samples"), o->output_path,
                          dataset->n_samples, dataset->n_test_samples);
  if (o->kind_name != NULL)
    g_string_append_printf (out, _(" of %s data (noise %s, seed %" PRIu64 ")\n"), o->kind_name,
                            o->noise_text != NULL ? o->noise_text : "0", seed);
  else
    g_string_append_printf (out, _(" from %s\n"), o->csv_path);
  g_string_append_printf (out, _("Inputs: %s\n"), inputs);
  g_string_append_printf (out, one_hot ? _("Outputs: %s (one-hot classes)\n") : _("Outputs: %s\n"), outputs);
  if (new_network)
    g_string_append_printf (out, _("Network: a new %s network (tanh hidden layers, %s outputs, %s), random "
                                   "weights from seed %" PRIu64 "\n"),
                            layers, bpl_activation_to_string (bpl_network_get_activation (network, n_layers - 1)),
                            bpl_loss_to_string (bpl_network_get_loss (network)), seed);
  else
    g_string_append_printf (out, _("Network: “%s”, %s\n"), bpl_network_get_name (network), layers);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_names (JsonBuilder *builder, const char *member, char **names)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; names[i] != NULL; i++)
    json_builder_add_string_value (builder, names[i]);
  json_builder_end_array (builder);
}

static char *
report_json (const Options *o, const char *network_path, const BplDataset *dataset, const BplNetwork *network,
             guint64 seed)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "output");
  json_builder_add_string_value (builder, o->output_path);
  json_builder_set_member_name (builder, "kind");
  if (o->kind_name != NULL)
    json_builder_add_string_value (builder, o->kind_name);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "csv");
  if (o->csv_path != NULL)
    json_builder_add_string_value (builder, o->csv_path);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, (gint64) seed);
  json_builder_set_member_name (builder, "samples");
  json_builder_add_int_value (builder, dataset->n_samples);
  json_builder_set_member_name (builder, "test_samples");
  json_builder_add_int_value (builder, dataset->n_test_samples);
  add_names (builder, "inputs", dataset->input_names);
  add_names (builder, "targets", dataset->target_names);
  json_builder_set_member_name (builder, "classification");
  json_builder_add_boolean_value (builder, dataset->classification);
  json_builder_set_member_name (builder, "network");
  if (network_path != NULL)
    json_builder_add_string_value (builder, network_path);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "layers");
  json_builder_begin_array (builder);
  for (guint l = 0; l < bpl_network_get_n_layers (network); l++)
    json_builder_add_int_value (builder, bpl_network_get_layer_size (network, l));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return bpl_cli_json_to_string (root);
}

/* Checks the options that do not need a file: FALSE after a usage error. */
static gboolean
check_options (Options *o, int *kind, double *noise, double *fraction, guint64 *seed, int *format)
{
  *noise = 0;
  *fraction = 0;
  *seed = DEFAULT_SEED;

  if ((o->kind_name == NULL) == (o->csv_path == NULL))
    return usage_error (o->kind_name == NULL ? _("give --kind KIND to generate data or --csv FILE to import it")
                                             : _("--kind and --csv are alternatives: give one of them"));
  if (o->output_path == NULL)
    return usage_error (_("--output FILE is required: the network file to write"));
  *format = bpl_cli_parse_choice ("--format", o->format_name, formats);
  if (*format < 0)
    return FALSE;

  if (o->kind_name != NULL)
    {
      *kind = bpl_cli_parse_choice ("--kind", o->kind_name, kinds);
      if (*kind < 0)
        return FALSE;
      if (o->input_lists != NULL || o->target_lists != NULL)
        return usage_error (_("--inputs and --targets choose the columns of a --csv file; generated data has "
                              "its own"));
      if (o->points != G_MININT && (o->points < 1 || o->points > BPL_DATASET_MAX_POINTS))
        return usage_error (_("--points %d is out of range (expected 1 to %d)"), o->points, BPL_DATASET_MAX_POINTS);
      if (o->noise_text != NULL && !parse_number ("--noise", o->noise_text, 0, 1, TRUE, noise))
        return FALSE;
      if (o->one_hot && !bpl_dataset_kind_is_classification ((BplDatasetKind) *kind))
        return usage_error (_("--one-hot is for the classes of circle, xor, gauss and spiral; %s is a regression "
                              "problem"), o->kind_name);
    }
  else
    {
      if (o->points != G_MININT || o->noise_text != NULL)
        return usage_error (_("--points and --noise are for generated data (--kind), not --csv"));
    }

  if (o->fraction_text != NULL && !parse_number ("--test-fraction", o->fraction_text, 0, 1, FALSE, fraction))
    return FALSE;
  if (o->seed != G_MININT64)
    {
      if (o->seed < 0)
        return usage_error (_("--seed %" PRId64 " is out of range (expected 0 or more)"), o->seed);
      *seed = (guint64) o->seed;
    }
  return TRUE;
}

int
bpl_cli_dataset (int argc, char **argv)
{
  g_auto (BplCliCommon) common = {
    .network_help = N_("Network file whose samples the data replaces (default: a new network that suits the "
                       "data)"),
  };
  g_auto (Options) o = { .points = G_MININT, .seed = G_MININT64 };
  const GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &o.kind_name,
      N_("Generate data: circle, xor, gauss, spiral (classes), plane or sine (regression)"), N_("KIND") },
    { "points", 'p', 0, G_OPTION_ARG_INT, &o.points, N_("Number of points to generate, 1 to 4096 (default 200)"),
      N_("N") },
    { "noise", 0, 0, G_OPTION_ARG_STRING, &o.noise_text, N_("Noise of generated data, 0 to 1 (default 0)"),
      N_("X") },
    { "csv", 'c', 0, G_OPTION_ARG_FILENAME, &o.csv_path, N_("Import data from a CSV file with a header row"),
      N_("FILE") },
    { "inputs", 'i', 0, G_OPTION_ARG_STRING_ARRAY, &o.input_lists,
      N_("The CSV columns that are inputs, by name, separated by commas"), N_("NAMES") },
    { "targets", 't', 0, G_OPTION_ARG_STRING_ARRAY, &o.target_lists,
      N_("The CSV columns that are targets, by name, separated by commas"), N_("NAMES") },
    { "one-hot", 0, 0, G_OPTION_ARG_NONE, &o.one_hot,
      N_("One target per class: a CSV class column, or generated classes as two targets"), NULL },
    { "test-fraction", 0, 0, G_OPTION_ARG_STRING, &o.fraction_text,
      N_("Share of the points held out as test samples, at least 0 and less than 1 (default 0)"), N_("F") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &o.seed,
      N_("Seed of the generated points, the split and a new network's weights (default 1)"), N_("S") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output_path, N_("The network file to write (required)"),
      N_("FILE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &o.format_name,
      N_("Report format on standard output: text or json"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (BplNetwork) network = NULL;
  g_autoptr (BplDataset) dataset = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) inputs = NULL;
  g_auto (GStrv) targets = NULL;
  g_autofree char *text = NULL;
  int kind = 0, format = 0;
  double noise, fraction;
  guint64 seed;

  context = bpl_cli_context_new (
      NULL, entries, &common,
      _("Writes a network file whose samples are a data set: generated (--kind) or\n"
        "imported from a CSV file (--csv), with a share held out as test samples."),
      _("Generated inputs lie in [-1, 1]. Classes give target 1 or 0, or with --one-hot\n"
        "(or a --network with two outputs) the targets (1, 0) for class 0 and (0, 1) for\n"
        "class 1. The same --seed gives the same file again.\n\n"
        "A CSV file needs a header row; --inputs and --targets name its columns. With\n"
        "--one-hot, the one target column holds class labels and each class gets an\n"
        "output, in the order of the labels (by value when all are numbers).\n\n"
        "Without --network, a new network suits the data: inputs-4-4-targets, tanh\n"
        "hidden layers, sigmoid outputs with cross-entropy for classes (every target\n"
        "0 or 1), linear outputs with squared error otherwise. A --network must take\n"
        "as many inputs and give as many outputs as the data has; its file is not\n"
        "changed unless it is also the --output.\n\n"
        "Examples:\n"
        "  backprop-lens-cli dataset --kind spiral --points 300 --noise 0.1 --test-fraction 0.2 \\\n"
        "      --output spiral.json\n"
        "  backprop-lens-cli dataset --kind xor --network xor.json --output xor-data.json\n"
        "  backprop-lens-cli dataset --csv iris.csv --inputs sepal_length,sepal_width \\\n"
        "      --targets species --one-hot --test-fraction 0.3 --output iris.json"));
  bpl_cli_context_add_choices (context, "--kind", kinds);
  bpl_cli_context_add_choices (context, "--format", formats);

  if (!bpl_cli_parse_options (context, &argc, &argv) || !bpl_cli_check_no_arguments (argc, argv))
    return BPL_CLI_EXIT_USAGE;
  if (!check_options (&o, &kind, &noise, &fraction, &seed, &format))
    return BPL_CLI_EXIT_USAGE;
  if (o.csv_path != NULL)
    {
      inputs = parse_names ("--inputs", o.input_lists);
      if (inputs == NULL)
        return BPL_CLI_EXIT_USAGE;
      targets = parse_names ("--targets", o.target_lists);
      if (targets == NULL || chosen_twice (inputs, targets))
        return BPL_CLI_EXIT_USAGE;
      if (o.one_hot && g_strv_length (targets) != 1)
        {
          usage_error (_("--one-hot takes one target column of class labels, not %u"), g_strv_length (targets));
          return BPL_CLI_EXIT_USAGE;
        }
    }

  if (common.network_path != NULL)
    {
      network = bpl_cli_load_network (common.network_path);
      if (network == NULL)
        return BPL_CLI_EXIT_BAD_INPUT;
    }

  if (o.kind_name != NULL)
    {
      dataset = generate (&o, kind, noise, fraction, seed, network);
      if (dataset == NULL)
        return BPL_CLI_EXIT_USAGE;
    }
  else
    {
      dataset = import (&o, inputs, targets, fraction, seed);
      if (dataset == NULL)
        return BPL_CLI_EXIT_BAD_INPUT;
    }

  if (network != NULL)
    {
      if (!bpl_dataset_apply (dataset, network, &error))
        {
          bpl_cli_print_file_error (common.network_path, error);
          return BPL_CLI_EXIT_BAD_INPUT;
        }
    }
  else
    {
      network = bpl_dataset_new_network (dataset, seed, &error);
      if (network == NULL)
        {
          bpl_cli_print_file_error (o.csv_path != NULL ? o.csv_path : o.output_path, error);
          return BPL_CLI_EXIT_BAD_INPUT;
        }
    }

  /* Saved before the report, so that a report means the file is there. */
  if (!bpl_network_save_to_file (network, o.output_path, &error))
    {
      bpl_cli_print_file_error (o.output_path, error);
      return BPL_CLI_EXIT_BAD_INPUT;
    }

  if (format == FORMAT_JSON)
    text = report_json (&o, common.network_path, dataset, network, seed);
  else
    text = report_text (&o, dataset, network, common.network_path == NULL, seed);
  if (!bpl_cli_write_output (NULL, text, &error))
    {
      bpl_cli_print_gerror (error);
      return BPL_CLI_EXIT_BAD_INPUT;
    }
  return BPL_CLI_EXIT_OK;
}

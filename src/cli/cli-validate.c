/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-validate.c: `backprop-lens-cli validate FILE…`: loads each network file
 * and says what it holds, or exactly what is wrong with it. */
#include "config.h"

#include "bpl-cli.h"

#include <glib/gi18n.h>

static char *
describe (const BplNetwork *network)
{
  g_autoptr (GString) out = g_string_new (_("layers ["));
  guint n_weights = bpl_network_get_n_weights (network);
  guint n_biases = bpl_network_get_n_biases (network);
  guint n_samples = bpl_network_get_n_samples (network);

  for (guint l = 0; l < bpl_network_get_n_layers (network); l++)
    g_string_append_printf (out, l > 0 ? ", %u" : "%u", bpl_network_get_layer_size (network, l));
  g_string_append (out, "], ");
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u weight", "%u weights", n_weights),
                          n_weights);
  g_string_append (out, ", ");
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u bias", "%u biases", n_biases),
                          n_biases);
  g_string_append (out, ", ");
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u sample", "%u samples", n_samples),
                          n_samples);
  if (bpl_network_get_n_test_samples (network) > 0)
    {
      guint n_test = bpl_network_get_n_test_samples (network);

      g_string_append (out, ", ");
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u test sample", "%u test samples", n_test),
                              n_test);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
validate_one (const char *path)
{
  g_autoptr (BplNetwork) network = bpl_cli_load_network (path);
  g_autofree char *summary = NULL;

  if (network == NULL)
    return FALSE;

  summary = describe (network);
  g_print (_("%s: valid (%s)\n"), path, summary);
  return TRUE;
}

int
bpl_cli_validate (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  gboolean all_valid = TRUE;

  context = bpl_cli_options_new (_("FILE…"), NULL,
                                 _("Checks network files: prints “FILE: valid (layers […], N "
                                   "weights, …)” for a good\nfile, or the problem (file, field "
                                   "and what was expected) on standard error."),
                                 _("Exit status 0 when every file is valid, 1 when any is "
                                   "not.\n\nExample:\n  backprop-lens-cli validate "
                                   "data/networks/*.json"));

  if (!bpl_cli_parse_options (context, &argc, &argv))
    return BPL_CLI_EXIT_USAGE;
  if (argc < 2)
    {
      bpl_cli_error ("validate", _("missing FILE"));
      g_printerr (_("Try “backprop-lens-cli validate --help”.\n"));
      return BPL_CLI_EXIT_USAGE;
    }

  for (int i = 1; i < argc; i++)
    if (!validate_one (argv[i]))
      all_valid = FALSE;

  return all_valid ? BPL_CLI_EXIT_OK : BPL_CLI_EXIT_BAD_INPUT;
}

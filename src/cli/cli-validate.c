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

/* "lesson “w3 by hand”: selects w3, hides train, locks weights and biases,
 * practice mode" */
static char *
describe_lesson (const BplLesson *lesson)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GString) hidden = g_string_new (NULL);
  g_autoptr (GString) locked = g_string_new (NULL);

  if (lesson->title != NULL)
    g_string_append_printf (out, _("lesson “%s”"), lesson->title);
  else
    g_string_append (out, _("lesson without a title"));
  if (lesson->select != NULL)
    g_string_append_printf (out, _(": selects %s"), lesson->select);
  for (guint i = 0; i < BPL_LESSON_N_HIDDEN; i++)
    if (lesson->hidden & bpl_lesson_hidden_nth (i))
      g_string_append_printf (hidden, "%s%s", hidden->len ? ", " : "", bpl_lesson_hidden_to_string (bpl_lesson_hidden_nth (i)));
  for (guint i = 0; i < BPL_LESSON_N_LOCKED; i++)
    if (lesson->locked & bpl_lesson_locked_nth (i))
      g_string_append_printf (locked, "%s%s", locked->len ? ", " : "", bpl_lesson_locked_to_string (bpl_lesson_locked_nth (i)));
  if (hidden->len > 0)
    g_string_append_printf (out, _("; hides %s"), hidden->str);
  if (locked->len > 0)
    g_string_append_printf (out, _("; locks %s"), locked->str);
  if (lesson->view != BPL_LESSON_VIEW_DEFAULT)
    g_string_append_printf (out, _("; view %s"), bpl_lesson_view_to_string (lesson->view));
  if (lesson->practice)
    g_string_append (out, _("; starts practice mode"));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
validate_one (const char *path)
{
  g_autoptr (BplNetwork) network = bpl_cli_load_network (path);
  g_autofree char *summary = NULL;
  const char * const *warnings;

  if (network == NULL)
    return FALSE;

  summary = describe (network);
  g_print (_("%s: valid (%s)\n"), path, summary);
  if (bpl_network_get_lesson (network) != NULL)
    {
      g_autofree char *lesson = describe_lesson (bpl_network_get_lesson (network));
      g_print ("%s: %s\n", path, lesson);
    }
  /* Left out but not refused: the network opens. */
  warnings = bpl_network_get_load_warnings (network);
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    g_printerr (_("warning: %s\n"), warnings[i]);
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

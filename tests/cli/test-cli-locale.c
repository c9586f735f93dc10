/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-locale: backprop-lens-cli's JSON, network files and TikZ are the
 * same whatever the locale: run under LC_ALL=de_DE.UTF-8 (and the other
 * locales that write 0,25; LANGUAGE=en keeps the words in English) it
 * prints exactly what it prints under C. The
 * core's own writers are checked in-process with LC_NUMERIC switched, as
 * the window runs them. A locale that is not installed skips its test
 * (scripts/install-deps.sh generates them). */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "backprop-lens.h"
#include "test-util.h"

/* The commands whose output a script reads back: each writes stdout or,
 * where it names @OUT, that file. */
static const char *const commands[][12] = {
  { "forward", "--format", "json", NULL },
  { "explain", "--format", "json", "w3", NULL },
  { "explain", "--format", "latex", "--network", "@XOR", "b1", NULL },
  { "train", "--steps", "3", "--format", "json", NULL },
  { "train", "--steps", "2", "--output", "@OUT", NULL },
  { "layout", "--format", "json", "--width", "800.5", NULL },
  { "graph", "--format", "json", "--select", "w3", NULL },
  { "graph", "--format", "tikz", "--select", "w3", NULL },
  { "graph", "--format", "dot", "--select", "w3", NULL },
  { "check", "--format", "json", "--select", "w3", "w3+=0.2498", NULL },
  { "dataset", "--kind", "spiral", "--points", "20", "--noise", "0.1", "--test-fraction", "0.25",
    "--output", "@OUT", NULL },
  { "render", "--select", "w3", "--scale", "1.5", "--output", "@OUT.svg", NULL },
};

static char *
run (const char *const *command, const char *locale)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *output_path = NULL;
  GString *result = g_string_new (NULL);
  int status;

  g_ptr_array_add (argv, g_strdup (BPL_CLI_PATH));
  for (guint i = 0; command[i] != NULL; i++)
    {
      if (g_str_has_prefix (command[i], "@OUT"))
        {
          g_autofree char *name = g_strdup_printf ("out%s", command[i] + 4);
          output_path = bpl_test_tmp_path (name);
          g_ptr_array_add (argv, g_strdup (output_path));
        }
      else if (g_str_equal (command[i], "@XOR"))
        g_ptr_array_add (argv, g_test_build_filename (G_TEST_DIST, "..", "data", "networks", "xor.json", NULL));
      else
        g_ptr_array_add (argv, g_strdup (command[i]));
    }
  g_ptr_array_add (argv, NULL);

  /* The words stay English (LANGUAGE names no catalogue): the numbers,
   * not the translations, are compared. */
  g_setenv ("LC_ALL", locale, TRUE);
  g_setenv ("LANGUAGE", "en", TRUE);
  status = bpl_test_run_argv ((const char *const *) argv->pdata, &out, &err);
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LANGUAGE");
  if (status != 0)
    g_error ("%s under %s: exit %d: %s", command[0], locale, status, err);
  g_string_append (result, out);
  if (output_path != NULL)
    {
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (output_path, &contents, NULL, NULL));
      g_string_append (result, contents);
      g_unlink (output_path);
    }
  return g_string_free (result, FALSE);
}

static gboolean
locale_installed (const char *name)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  gboolean found = setlocale (LC_ALL, name) != NULL;

  setlocale (LC_ALL, saved);
  if (!found)
    {
      g_autofree char *why = g_strdup_printf ("locale %s is not installed (scripts/install-deps.sh generates it)", name);
      g_test_skip (why);
    }
  return found;
}

static void
test_cli_output (gconstpointer data)
{
  const char *locale = data;

  if (!locale_installed (locale))
    return;
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      g_autofree char *in_c = run (commands[c], "C");
      g_autofree char *in_locale = run (commands[c], locale);

      g_test_message ("%s %s under %s", commands[c][0], commands[c][1], locale);
      g_assert_cmpstr (in_locale, ==, in_c);
    }
}

/* The window runs the core with the user's LC_NUMERIC: what it writes for
 * files and TeX must not follow it. */
static void
test_core_writers (gconstpointer data)
{
  const char *locale = data;
  g_autoptr(BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr(BplGraph) graph = bpl_graph_new (network, 0, NULL);
  g_autofree char *file_c = NULL, *tikz_c = NULL, *dot_c = NULL;
  g_autofree char *file_l = NULL, *tikz_l = NULL, *dot_l = NULL;

  if (!locale_installed (locale))
    return;
  g_assert_nonnull (graph);
  setlocale (LC_NUMERIC, "C");
  file_c = bpl_network_to_data (network, NULL);
  tikz_c = bpl_graph_to_tikz (graph, 4);
  dot_c = bpl_graph_to_dot (graph, 4);
  setlocale (LC_NUMERIC, locale);
  file_l = bpl_network_to_data (network, NULL);
  tikz_l = bpl_graph_to_tikz (graph, 4);
  dot_l = bpl_graph_to_dot (graph, 4);
  setlocale (LC_NUMERIC, "C");
  g_assert_cmpstr (file_l, ==, file_c);
  g_assert_cmpstr (dot_l, ==, dot_c);
  g_assert_cmpstr (tikz_l, ==, tikz_c);
  /* A file written in the locale reads back as the same network. */
  setlocale (LC_NUMERIC, locale);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BplNetwork) back = bpl_network_load_from_data (file_l, strlen (file_l), "x.json", &error);

    g_assert_no_error (error);
    g_assert_true (bpl_network_equal (back, network));
  }
  setlocale (LC_NUMERIC, "C");
}

int
main (int argc, char *argv[])
{
  static const char *const locales[] = { "de_DE.UTF-8", "fr_FR.UTF-8", "es_ES.UTF-8", "pt_BR.UTF-8" };

  g_test_init (&argc, &argv, NULL);
  bpl_test_tmp_dir_new ("bpl-test-locale-XXXXXX");
  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      g_autofree char *cli = g_strdup_printf ("/cli/locale/%.5s/output", locales[i]);
      g_autofree char *core = g_strdup_printf ("/cli/locale/%.5s/core-writers", locales[i]);

      g_test_add_data_func (cli, locales[i], test_cli_output);
      g_test_add_data_func (core, locales[i], test_core_writers);
    }
  {
    int status = g_test_run ();

    bpl_test_tmp_dir_remove ();
    return status;
  }
}

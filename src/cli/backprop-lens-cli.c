/* SPDX-License-Identifier: GPL-3.0-or-later */
/* backprop-lens-cli.c: the command table and dispatch. Each command lives in
 * its own cli-<command>.c and parses its own options. */
#include "config.h"

#include "bpl-cli.h"

#include "backprop-lens-diagram.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
  const char *name;
  const char *summary;
  int (*run) (int argc, char **argv);
  gboolean draws;   /* uses the diagram's fonts */
} BplCliCommand;

static const BplCliCommand commands[] = {
  { "forward", N_("Forward pass: net and out of every neuron, each output's error, E_total"),
    bpl_cli_forward },
  { "explain", N_("The chain rule of one weight or bias: every factor, the gradient, the new value"),
    bpl_cli_explain },
  { "check", N_("Judge a learner's numbers for one parameter's backward pass and name each mistake"),
    bpl_cli_check },
  { "train", N_("Take training steps and report the weights, biases and mean error"),
    bpl_cli_train },
  { "validate", N_("Check network files and say what is wrong with them"), bpl_cli_validate },
  { "dataset", N_("Write a network file whose samples are generated data or a CSV file's rows"),
    bpl_cli_dataset },
  { "render", N_("Draw the network diagram to PNG, SVG or PDF"), bpl_cli_render, TRUE },
  { "layout", N_("Print the diagram's layout (positions of neurons, edges, labels) as JSON"),
    bpl_cli_layout, TRUE },
  { "worksheet", N_("Write a printable PDF worksheet of the backward pass (blanks, answer key)"),
    bpl_cli_worksheet, TRUE },
  { "animate", N_("Write a training step, Play or the backward pass as a GIF, WebM or MP4 animation"),
    bpl_cli_animate, TRUE },
  { "graph", N_("The computational graph: each operation's value and gradient (text, DOT, TikZ, JSON)"),
    bpl_cli_graph },
};

/* Said by --help and by the manual page (--dump-help-json). */
static const char *const description =
  N_("Backprop Lens shows how backpropagation computes each gradient of a small neural\n"
     "network, step by step. Without --network FILE, commands use the built-in 2-2-2\n"
     "worked example.");
static const struct
{
  int         status;
  const char *meaning;
} exit_statuses[] = {
  { BPL_CLI_EXIT_OK, N_("success") },
  { BPL_CLI_EXIT_BAD_INPUT, N_("bad input (a file or value)") },
  { BPL_CLI_EXIT_USAGE, N_("usage error") },
};

static void
print_help (FILE *stream)
{
  g_autoptr (GString) exits = g_string_new (NULL);

  fprintf (stream, "%s\n", _("Usage:\n  backprop-lens-cli COMMAND [OPTION…]"));
  fprintf (stream, "\n%s\n\n", _(description));
  fprintf (stream, "%s\n", _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Options:\n"
                               "  -h, --help     Show this help\n"
                               "  --version      Show the version"));
  fprintf (stream, "\n%s\n", _("Run “backprop-lens-cli COMMAND --help” for a command's options."));
  for (gsize i = 0; i < G_N_ELEMENTS (exit_statuses); i++)
    g_string_append_printf (exits, "%s%d %s", i > 0 ? ", " : "", exit_statuses[i].status,
                            _(exit_statuses[i].meaning));
  /* Translators: %s is a list such as "0 success, 1 bad input (a file or value), 2 usage error" */
  fprintf (stream, "\n");
  fprintf (stream, _("Exit status: %s."), exits->str);
  fprintf (stream, "\n");
}

static const BplCliCommand *
find_command (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

/* --dump-help-json: every command's --help as data, for the manual page and
 * the shell completions (docs/meson.build). Each command runs in describe
 * mode and stops where it would parse its options. */
static int
dump_help_json (void)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "program");
  json_builder_add_string_value (builder, "backprop-lens-cli");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, _(description));
  json_builder_set_member_name (builder, "exit_status");
  json_builder_begin_array (builder);
  for (gsize i = 0; i < G_N_ELEMENTS (exit_statuses); i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "status");
      json_builder_add_int_value (builder, exit_statuses[i].status);
      json_builder_set_member_name (builder, "meaning");
      json_builder_add_string_value (builder, _(exit_statuses[i].meaning));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "commands");
  json_builder_begin_array (builder);
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      char *argv[] = { (char *) commands[i].name, NULL };

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, commands[i].name);
      json_builder_set_member_name (builder, "summary");
      json_builder_add_string_value (builder, _(commands[i].summary));
      json_builder_set_member_name (builder, "help");
      bpl_cli_begin_command (commands[i].name);
      bpl_cli_describe_begin (builder);
      commands[i].run (1, argv);
      if (!bpl_cli_describe_end ())
        {
          /* Said, and left to the tests (tests/docs): the build goes on. */
          bpl_cli_error (NULL, "--dump-help-json: the command “%s” does not describe its options "
                         "(build its context with bpl_cli_options_new)", commands[i].name);
          json_builder_add_null_value (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = bpl_cli_json_to_string (root);
  fputs (text, stdout);
  return BPL_CLI_EXIT_OK;
}

/* --list-parameters [FILE]: the weights' and biases' names, one a line,
 * for the shell completions. Quiet on a bad file: a completion shows
 * nothing rather than an error in the middle of the command line. */
static int
list_parameters (const char *path)
{
  g_autoptr (BplNetwork) network = NULL;

  if (path != NULL)
    network = bpl_network_load_from_file (path, NULL);
  else
    network = bpl_network_new_worked_example ();
  if (network == NULL)
    return BPL_CLI_EXIT_BAD_INPUT;
  for (guint i = 0; i < bpl_network_get_n_weights (network); i++)
    g_print ("%s\n", bpl_network_get_weight_name (network, i));
  for (guint i = 0; i < bpl_network_get_n_biases (network); i++)
    g_print ("%s\n", bpl_network_get_bias_name (network, i));
  return BPL_CLI_EXIT_OK;
}

int
main (int argc, char **argv)
{
  const BplCliCommand *command;

  setlocale (LC_ALL, "");
  /* Numbers are read back by scripts and tests: always a decimal point. */
  setlocale (LC_NUMERIC, "C");
  /* An uninstalled build (tests, screenshots) names its catalogues here. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("BPL_LOCALEDIR") != NULL ? g_getenv ("BPL_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_help (stderr);
      return BPL_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || (g_str_equal (argv[1], "help") && argc == 2))
    {
      print_help (stdout);
      return BPL_CLI_EXIT_OK;
    }

  /* Hidden: for the build (manual page, completions) and the completions. */
  if (g_str_equal (argv[1], "--dump-help-json") && argc == 2)
    return dump_help_json ();
  if (g_str_equal (argv[1], "--list-parameters") && argc <= 3)
    return list_parameters (argv[2]);

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("backprop-lens-cli %s\n", PACKAGE_VERSION);
      return BPL_CLI_EXIT_OK;
    }

  /* "help COMMAND" is "COMMAND --help". */
  if (g_str_equal (argv[1], "help"))
    {
      char *help_argv[] = { argv[2], (char *) "--help", NULL };

      command = find_command (argv[2]);
      if (command == NULL)
        {
          bpl_cli_error (NULL, _("unknown command “%s”; run “backprop-lens-cli --help”"),
                         argv[2]);
          return BPL_CLI_EXIT_USAGE;
        }
      bpl_cli_begin_command (command->name);
      return command->run (2, help_argv);
    }

  command = find_command (argv[1]);
  if (command == NULL)
    {
      if (argv[1][0] == '-')
        bpl_cli_error (NULL, _("unknown option “%s”; a command comes first (run “backprop-lens-cli --help”)"),
                       argv[1]);
      else
        bpl_cli_error (NULL, _("unknown command “%s”; run “backprop-lens-cli --help”"), argv[1]);
      return BPL_CLI_EXIT_USAGE;
    }

  /* Before any text is measured: see bpl_diagram_use_own_font_config (). */
  if (command->draws)
    bpl_diagram_use_own_font_config ();
  bpl_cli_begin_command (command->name);
  return command->run (argc - 1, argv + 1);
}

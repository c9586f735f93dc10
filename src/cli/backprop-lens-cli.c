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

static void
print_help (FILE *stream)
{
  fprintf (stream, "%s\n", _("Usage:\n  backprop-lens-cli COMMAND [OPTION…]"));
  fprintf (stream, "\n%s\n\n",
           _("Backprop Lens shows how backpropagation computes each gradient of a small neural\n"
             "network, step by step. Without --network FILE, commands use the built-in 2-2-2\n"
             "worked example."));
  fprintf (stream, "%s\n", _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Options:\n"
                               "  -h, --help     Show this help\n"
                               "  --version      Show the version"));
  fprintf (stream, "\n%s\n", _("Run “backprop-lens-cli COMMAND --help” for a command's options."));
  fprintf (stream, "\n%s\n", _("Exit status: 0 success, 1 bad input (a file or value), 2 usage error."));
}

static const BplCliCommand *
find_command (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
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

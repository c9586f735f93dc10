/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-cli-args: parameter names and command-line values. The input is a
 * command line, one argument per line; the first byte picks the command.
 * Every command must answer with an exit status, never crash. Options that
 * write files or run long (--output, render, train) are left out: they are
 * covered by the CLI tests, and a fuzzer must not write where it likes. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "bpl-cli.h"
#include "fuzz-target.h"

static gboolean
allowed (const char *arg)
{
  /* GOption's help exits the process: --help…, and -h or -? alone or
   * grouped with other short options (-xh). */
  gboolean short_group = arg[0] == '-' && arg[1] != '-';

  if (short_group && (strchr (arg, 'h') != NULL || strchr (arg, '?') != NULL || strchr (arg, 'o') != NULL))
    return FALSE;
  return !g_str_has_prefix (arg, "--output") && !g_str_has_prefix (arg, "--help");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const struct { const char *name; int (*run) (int, char **); } commands[] = {
    { "explain", bpl_cli_explain },
    { "forward", bpl_cli_forward },
    { "layout", bpl_cli_layout },
    { "validate", bpl_cli_validate },
  };
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  guint pick;
  int status;

  if (size < 1 || size > 4096)
    return 0;
  pick = data[0] % G_N_ELEMENTS (commands);
  text = g_strndup ((const char *) data + 1, size - 1);
  lines = g_strsplit (text, "\n", 64);

  g_ptr_array_add (argv, (char *) commands[pick].name);
  for (guint i = 0; lines[i] != NULL; i++)
    if (allowed (lines[i]))
      g_ptr_array_add (argv, lines[i]);
  g_ptr_array_add (argv, NULL);

  bpl_cli_begin_command (commands[pick].name);
  status = commands[pick].run ((int) argv->len - 1, (char **) argv->pdata);
  g_assert (status == BPL_CLI_EXIT_OK || status == BPL_CLI_EXIT_BAD_INPUT || status == BPL_CLI_EXIT_USAGE);
  return 0;
}

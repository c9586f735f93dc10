/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-cli.h: what every backprop-lens-cli command shares. One command a file
 * (cli-forward.c, cli-explain.c, …), each `int bpl_cli_<command> (int argc,
 * char **argv)` with argv[0] the command name, returning an exit status. */
#pragma once

#include <glib.h>

#include "backprop-lens.h"

G_BEGIN_DECLS

enum {
  BPL_CLI_EXIT_OK = 0,
  BPL_CLI_EXIT_BAD_INPUT = 1,  /* a bad file or value: message on stderr naming it */
  BPL_CLI_EXIT_USAGE = 2,      /* bad command line */
};

/* Parses @context over argc/argv; on failure prints "backprop-lens-cli
 * COMMAND: <problem>" and a hint to --help on stderr and returns FALSE
 * (the command then exits with BPL_CLI_EXIT_USAGE). */
gboolean    bpl_cli_parse_options  (GOptionContext *context,
                                    int            *argc,
                                    char         ***argv);
/* Loads --network FILE, or the built-in worked example when @path is NULL.
 * On failure prints the error (it names the file) and returns NULL. */
BplNetwork *bpl_cli_load_network   (const char *path);
/* Checks --sample N against the network; prints an error and returns FALSE. */
gboolean    bpl_cli_check_sample   (const BplNetwork *network, int sample);
/* Prints "backprop-lens-cli COMMAND: message" on stderr. */
void        bpl_cli_error          (const char *command, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* Writes @text to @path atomically, or to stdout when @path is NULL or "-". */
gboolean    bpl_cli_write_output   (const char *path, const char *text, GError **error);

int bpl_cli_forward  (int argc, char **argv);
int bpl_cli_explain  (int argc, char **argv);
int bpl_cli_train    (int argc, char **argv);
int bpl_cli_validate (int argc, char **argv);
int bpl_cli_render   (int argc, char **argv);
int bpl_cli_layout   (int argc, char **argv);

G_END_DECLS

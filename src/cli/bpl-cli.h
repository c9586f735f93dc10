/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-cli.h: what every backprop-lens-cli command shares. One command a file
 * (cli-forward.c, cli-explain.c, …), each `int bpl_cli_<command> (int argc,
 * char **argv)` with argv[0] the command name, returning an exit status. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "backprop-lens.h"
#include "bpl-worksheet.h"

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
/* Checks --sample N against the network; prints an error and returns FALSE.
 * Samples are numbered from 1 on the command line, like every other name
 * (w1, h1, o1); the core numbers them from 0. */
gboolean    bpl_cli_check_sample   (const BplNetwork *network, int sample);
/* Prints "backprop-lens-cli COMMAND: message" on stderr. */
void        bpl_cli_error          (const char *command, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* Writes @text to @path atomically, or to stdout when @path is NULL or "-". */
gboolean    bpl_cli_write_output   (const char *path, const char *text, GError **error);

/* Text shows numbers at this many significant digits unless --digits. */
#define BPL_CLI_DEFAULT_DIGITS 11
#define BPL_CLI_MIN_DIGITS 1
#define BPL_CLI_MAX_DIGITS 17
/* More steps than this in one `train` call is refused as a usage error. */
#define BPL_CLI_MAX_STEPS G_GINT64_CONSTANT (1000000000)

/* Values shown on the diagram (render, layout) have this many digits. */
#define BPL_CLI_DIAGRAM_DIGITS 4

/* Which of the shared options a command takes; every command takes --network. */
typedef enum
{
  BPL_CLI_WITH_SAMPLE = 1 << 0,
  BPL_CLI_WITH_DIGITS = 1 << 1,
} BplCliCommonFlags;

/* The options most commands share: --network FILE, --sample N, --digits N.
 * The command sets flags, the help of the options it takes (each says what
 * the option means to that command; network_help NULL for the usual
 * wording) and the default digits (0 for BPL_CLI_DEFAULT_DIGITS); parsing
 * fills in the rest. */
typedef struct
{
  BplCliCommonFlags flags;
  const char       *network_help;
  const char       *sample_help;
  const char       *digits_help;

  char             *network_path; /* NULL: the built-in worked example */
  int               sample;       /* from 1, as the user counts */
  int               digits;
} BplCliCommon;

/* A context for the current command with @common's options and @entries
 * (NULL-terminated; may be NULL), listed as --network, --sample, @entries,
 * --digits. @parameter_string, @summary and @description are translated. */
GOptionContext *bpl_cli_context_new          (const char         *parameter_string,
                                              const GOptionEntry *entries,
                                              BplCliCommon       *common,
                                              const char         *summary,
                                              const char         *description);
/* A context for the current command with @entries alone (NULL-terminated;
 * may be NULL), for a command without the shared options. Every command's
 * context comes from here or bpl_cli_context_new(): that is how the manual
 * page and the shell completions learn its options. */
GOptionContext *bpl_cli_options_new          (const char         *parameter_string,
                                              const GOptionEntry *entries,
                                              const char         *summary,
                                              const char         *description);
/* The values @option ("--format") takes, as bpl_cli_parse_choice() is given
 * them, for the manual page and the shell completions. */
void            bpl_cli_context_add_choices  (GOptionContext     *context,
                                              const char         *option,
                                              const char *const  *names);
/* Describe mode (backprop-lens-cli --dump-help-json): while a builder is
 * set, bpl_cli_parse_options() adds the command's usage, summary,
 * description and options to it as an object, and returns FALSE without
 * parsing. bpl_cli_describe_end() says whether the command did. */
void            bpl_cli_describe_begin       (JsonBuilder        *builder);
gboolean        bpl_cli_describe_end         (void);
gboolean        bpl_cli_describing           (void);
gboolean        bpl_cli_describe_context     (GOptionContext     *context);
/* Refuses positional arguments after parsing: prints a usage error naming
 * the first and returns FALSE. */
gboolean        bpl_cli_check_no_arguments   (int    argc,
                                              char **argv);
/* Checks --digits, loads --network and checks --sample, as @common's flags
 * say. Returns the network, or NULL with *exit_status set to
 * BPL_CLI_EXIT_USAGE (bad --digits) or BPL_CLI_EXIT_BAD_INPUT, the message
 * printed. */
BplNetwork     *bpl_cli_common_load          (const BplCliCommon *common,
                                              int                *exit_status);
void            bpl_cli_common_clear         (BplCliCommon *common);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BplCliCommon, bpl_cli_common_clear)

/* Sets the program name to "backprop-lens-cli COMMAND" so that --help and
 * every message name the command. Call before building the context. */
void        bpl_cli_begin_command  (const char *command);
/* The command set by bpl_cli_begin_command(), for messages. */
const char *bpl_cli_get_command    (void);
/* Checks --digits; prints a usage error and returns FALSE when out of range. */
gboolean    bpl_cli_check_digits   (int digits);
/* Finds @value in the NULL-terminated @names (--format text|json…) and
 * returns its index, or prints a usage error and returns -1. @value NULL
 * (the option not given) is the first name. "--format json" turns
 * translation off for the rest of the command: JSON stays English. */
int         bpl_cli_parse_choice   (const char         *option,
                                    const char         *value,
                                    const char * const *names);
/* Prints the network's load error on stderr for the current command. */
void        bpl_cli_print_gerror   (const GError *error);
/* Prints @error about the file @path, naming the file if the message does not. */
void        bpl_cli_print_file_error (const char   *path,
                                      const GError *error);

/* JSON text of @root, two-space indented, doubles at full precision
 * ("%.17g", always with a fraction or exponent) and non-finite numbers as
 * null. json-glib 1.6's generator writes 1e+20 as "1e+20.0", which is not
 * JSON, so the CLI prints its own. Ends with a newline. */
char       *bpl_cli_json_to_string (JsonNode *root);
/* Adds a member "name": the neuron's name, or null when @neuron < 0. */
void        bpl_cli_json_add_neuron_name (JsonBuilder      *builder,
                                          const char       *member,
                                          const BplNetwork *network,
                                          gint              neuron);

/* Prints rows of cells as aligned columns into @out. The first row is the
 * header; NULL cells are empty. add_row copies exactly n_columns strings. */
typedef struct _BplCliTable BplCliTable;
BplCliTable *bpl_cli_table_new      (guint n_columns);
void         bpl_cli_table_add_row  (BplCliTable *self, ...);
/* Takes ownership of the strings in @cells (n_columns of them). */
void         bpl_cli_table_take_row (BplCliTable *self, char **cells);
void         bpl_cli_table_print    (BplCliTable *self, GString *out);
void         bpl_cli_table_free     (BplCliTable *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplCliTable, bpl_cli_table_free)

/* The whole graph of @sample, or the part @select names (a parameter's
 * paths, or a neuron; BPL_GRAPH_DEFAULT_PER_LAYER neurons a layer). A whole
 * graph of more than @max_nodes (0: any) is refused. Prints the problem and
 * returns NULL with *exit_status BPL_CLI_EXIT_BAD_INPUT. */
BplGraph   *bpl_cli_graph_new      (const BplNetwork *network,
                                    guint             sample,
                                    const char       *select,
                                    guint             per_layer,
                                    guint             max_nodes,
                                    int              *exit_status);
/* A whole graph larger than this is not drawn (render, TikZ), nor listed
 * (text, DOT, JSON: a network of 65,536 weights would take gigabytes). */
#define BPL_CLI_GRAPH_MAX_DRAWN 2000
#define BPL_CLI_GRAPH_MAX_LISTED 20000

/* worksheet's class set: G_MININT, G_MININT64 or NULL where not given. */
typedef struct {
  int      students;
  gint64   seed;
  int      decimals;
  char    *names_path;
  char    *variants_dir;
} BplCliClass;

/* FALSE (after a message) for options out of range or without a class. */
gboolean bpl_cli_class_check     (const BplCliClass *class);
/* Draws the variants and writes the class set; an exit status. */
int      bpl_cli_worksheet_class (const BplNetwork          *network,
                                  const BplParam            *params,
                                  guint                      n_params,
                                  const BplWorksheetOptions *options,
                                  const BplCliClass         *class,
                                  const char                *output);

int bpl_cli_forward  (int argc, char **argv);
int bpl_cli_explain  (int argc, char **argv);
int bpl_cli_train    (int argc, char **argv);
int bpl_cli_validate (int argc, char **argv);
int bpl_cli_render   (int argc, char **argv);
int bpl_cli_layout   (int argc, char **argv);
int bpl_cli_worksheet (int argc, char **argv);
int bpl_cli_dataset  (int argc, char **argv);
int bpl_cli_check    (int argc, char **argv);
int bpl_cli_graph    (int argc, char **argv);
int bpl_cli_animate  (int argc, char **argv);

G_END_DECLS

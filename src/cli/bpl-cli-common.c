/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-cli-common.c: option parsing, network loading, messages and output
 * that every backprop-lens-cli command shares. */
#include "config.h"

#include "bpl-cli.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static char *current_command;

void
bpl_cli_begin_command (const char *command)
{
  g_autofree char *prgname = NULL;

  g_free (current_command);
  current_command = g_strdup (command);
  prgname = g_strdup_printf ("backprop-lens-cli %s", command);
  /* GOptionContext prints g_get_prgname() in "Usage:". */
  g_set_prgname (prgname);
}

const char *
bpl_cli_get_command (void)
{
  return current_command != NULL ? current_command : "";
}

void
bpl_cli_error (const char *command, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (command != NULL && *command != '\0')
    g_printerr ("backprop-lens-cli %s: %s\n", command, message);
  else
    g_printerr ("backprop-lens-cli: %s\n", message);
}

static void
print_usage_hint (const char *command)
{
  g_printerr (_("Try “backprop-lens-cli %s --help”.\n"), command);
}

gboolean
bpl_cli_parse_options (GOptionContext *context, int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;

  if (current_command == NULL && *argc > 0)
    bpl_cli_begin_command ((*argv)[0]);
  if (bpl_cli_describing ())
    {
      /* --dump-help-json: the options, not a run. */
      bpl_cli_describe_context (context);
      return FALSE;
    }

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      bpl_cli_error (bpl_cli_get_command (), "%s", error->message);
      print_usage_hint (bpl_cli_get_command ());
      return FALSE;
    }

  return TRUE;
}

gboolean
bpl_cli_check_digits (int digits)
{
  if (digits < BPL_CLI_MIN_DIGITS || digits > BPL_CLI_MAX_DIGITS)
    {
      bpl_cli_error (bpl_cli_get_command (),
                     _("--digits %d is out of range (expected %d to %d significant digits)"),
                     digits, BPL_CLI_MIN_DIGITS, BPL_CLI_MAX_DIGITS);
      print_usage_hint (bpl_cli_get_command ());
      return FALSE;
    }
  return TRUE;
}

/* JSON is read by programs: its texts (descriptions, notes) stay English in
 * every locale, like its keys. In the C locale gettext translates nothing,
 * whatever LANGUAGE says. */
static void
untranslated_messages (void)
{
  setlocale (LC_MESSAGES, "C");
}

int
bpl_cli_parse_choice (const char *option, const char *value, const char *const *names)
{
  g_autoptr (GString) expected = g_string_new (NULL);
  guint n = g_strv_length ((char **) names);

  /* An option not given is the first choice, the default. */
  for (guint i = 0; i < n; i++)
    if (value == NULL ? i == 0 : g_strcmp0 (value, names[i]) == 0)
      {
        if (g_str_equal (option, "--format") && g_str_equal (names[i], "json"))
          untranslated_messages ();
        return (int) i;
      }

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (expected, i + 1 == n ? _(" or ") : ", ");
      g_string_append (expected, names[i]);
    }
  bpl_cli_error (bpl_cli_get_command (), _("unknown %s “%s” (expected %s)"), option, value,
                 expected->str);
  print_usage_hint (bpl_cli_get_command ());
  return -1;
}

void
bpl_cli_print_gerror (const GError *error)
{
  bpl_cli_error (bpl_cli_get_command (), "%s", error->message);
}

void
bpl_cli_print_file_error (const char *path, const GError *error)
{
  g_autofree char *basename = g_path_get_basename (path);

  /* Every bad-input message names the file; the core's do already, but
   * make sure of it for any that might not. */
  if (strstr (error->message, basename) != NULL)
    bpl_cli_print_gerror (error);
  else
    bpl_cli_error (bpl_cli_get_command (), "%s: %s", path, error->message);
}

BplNetwork *
bpl_cli_load_network (const char *path)
{
  g_autoptr (BplNetwork) network = NULL;
  g_autoptr (GError) error = NULL;

  if (path == NULL)
    return bpl_network_new_worked_example ();

  network = bpl_network_load_from_file (path, &error);
  if (network != NULL && !bpl_network_check (network, &error))
    g_clear_pointer (&network, bpl_network_free);

  if (network == NULL)
    {
      bpl_cli_print_file_error (path, error);
      return NULL;
    }

  return g_steal_pointer (&network);
}

gboolean
bpl_cli_check_sample (const BplNetwork *network, int sample)
{
  guint n_samples = bpl_network_get_n_samples (network);

  if (sample < 1 || (guint) sample > n_samples)
    {
      bpl_cli_error (bpl_cli_get_command (),
                     g_dngettext (GETTEXT_PACKAGE,
                                  "--sample %d is out of range: “%s” has %u sample (1 to %u)",
                                  "--sample %d is out of range: “%s” has %u samples (1 to %u)",
                                  n_samples),
                     sample, bpl_network_get_name (network), n_samples, n_samples);
      return FALSE;
    }
  return TRUE;
}

/* Shared options */

GOptionContext *
bpl_cli_context_new (const char         *parameter_string,
                     const GOptionEntry *entries,
                     BplCliCommon       *common,
                     const char         *summary,
                     const char         *description)
{
  g_autoptr (GArray) all = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  const GOptionEntry network = {
    "network", 'n', 0, G_OPTION_ARG_FILENAME, &common->network_path,
    common->network_help != NULL ? common->network_help
                                 : N_("Network file (default: the built-in worked example)"),
    N_("FILE")
  };
  const GOptionEntry sample = {
    "sample", 's', 0, G_OPTION_ARG_INT, &common->sample, common->sample_help, N_("N")
  };
  const GOptionEntry digits = {
    "digits", 'd', 0, G_OPTION_ARG_INT, &common->digits, common->digits_help, N_("N")
  };

  /* Their help says what they are for in this command, and the default. */
  g_assert (!(common->flags & BPL_CLI_WITH_SAMPLE) || common->sample_help != NULL);
  g_assert (!(common->flags & BPL_CLI_WITH_DIGITS) || common->digits_help != NULL);

  common->sample = 1;
  if (common->digits == 0)
    common->digits = BPL_CLI_DEFAULT_DIGITS;

  /* --help lists what to compute first and how to print it last. */
  g_array_append_val (all, network);
  if (common->flags & BPL_CLI_WITH_SAMPLE)
    g_array_append_val (all, sample);
  for (guint i = 0; entries != NULL && entries[i].long_name != NULL; i++)
    g_array_append_val (all, entries[i]);
  if (common->flags & BPL_CLI_WITH_DIGITS)
    g_array_append_val (all, digits);

  /* The group copies the entries; the strings are static. */
  return bpl_cli_options_new (parameter_string, (const GOptionEntry *) all->data, summary, description);
}

gboolean
bpl_cli_check_no_arguments (int argc, char **argv)
{
  if (argc > 1)
    {
      bpl_cli_error (bpl_cli_get_command (), _("unexpected argument “%s”"), argv[1]);
      return FALSE;
    }
  return TRUE;
}

BplNetwork *
bpl_cli_common_load (const BplCliCommon *common, int *exit_status)
{
  g_autoptr (BplNetwork) network = NULL;

  *exit_status = BPL_CLI_EXIT_USAGE;
  if ((common->flags & BPL_CLI_WITH_DIGITS) && !bpl_cli_check_digits (common->digits))
    return NULL;

  *exit_status = BPL_CLI_EXIT_BAD_INPUT;
  network = bpl_cli_load_network (common->network_path);
  if (network == NULL)
    return NULL;
  if ((common->flags & BPL_CLI_WITH_SAMPLE) && !bpl_cli_check_sample (network, common->sample))
    return NULL;

  *exit_status = BPL_CLI_EXIT_OK;
  return g_steal_pointer (&network);
}

void
bpl_cli_common_clear (BplCliCommon *common)
{
  g_clear_pointer (&common->network_path, g_free);
}

gboolean
bpl_cli_write_output (const char *path, const char *text, GError **error)
{
  if (path == NULL || g_strcmp0 (path, "-") == 0)
    {
      /* A full disk or a closed pipe must not pass as success. */
      if (fputs (text, stdout) == EOF || fflush (stdout) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, BPL_ERROR, BPL_ERROR_IO, _("standard output: %s"),
                       g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }

  /* g_file_set_contents writes a temporary file and renames it over @path. */
  if (!g_file_set_contents (path, text, -1, error))
    return FALSE;
  return TRUE;
}

/* Tables */

struct _BplCliTable
{
  guint      n_columns;
  GPtrArray *rows; /* of char ** (n_columns cells each) */
};

BplCliTable *
bpl_cli_table_new (guint n_columns)
{
  BplCliTable *self = g_new0 (BplCliTable, 1);

  self->n_columns = n_columns;
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return self;
}

void
bpl_cli_table_take_row (BplCliTable *self, char **cells)
{
  g_ptr_array_add (self->rows, cells);
}

void
bpl_cli_table_add_row (BplCliTable *self, ...)
{
  char **cells = g_new0 (char *, self->n_columns + 1);
  va_list args;

  va_start (args, self);
  for (guint i = 0; i < self->n_columns; i++)
    cells[i] = g_strdup (va_arg (args, const char *));
  va_end (args);

  /* g_strfreev stops at the first NULL: keep empty cells as "". */
  for (guint i = 0; i < self->n_columns; i++)
    if (cells[i] == NULL)
      cells[i] = g_strdup ("");
  bpl_cli_table_take_row (self, cells);
}

void
bpl_cli_table_print (BplCliTable *self, GString *out)
{
  g_autofree glong *width = g_new0 (glong, self->n_columns);

  for (guint r = 0; r < self->rows->len; r++)
    {
      char **cells = g_ptr_array_index (self->rows, r);

      for (guint c = 0; c < self->n_columns && cells[c] != NULL; c++)
        width[c] = MAX (width[c], g_utf8_strlen (cells[c], -1));
    }

  for (guint r = 0; r < self->rows->len; r++)
    {
      char **cells = g_ptr_array_index (self->rows, r);
      GString *line = g_string_new (NULL);

      for (guint c = 0; c < self->n_columns && cells[c] != NULL; c++)
        {
          g_string_append (line, cells[c]);
          if (c + 1 < self->n_columns)
            for (glong pad = g_utf8_strlen (cells[c], -1); pad < width[c] + 3; pad++)
              g_string_append_c (line, ' ');
        }
      /* No trailing blanks from empty last cells. */
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_string_append_c (line, '\n');
      g_string_append (out, line->str);
      g_string_free (line, TRUE);
    }
}

void
bpl_cli_table_free (BplCliTable *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->rows);
  g_free (self);
}

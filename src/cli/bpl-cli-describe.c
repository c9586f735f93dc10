/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-cli-describe.c: what each command's --help says, as data. Every
 * command builds its GOptionContext with bpl_cli_options_new() (directly
 * or through bpl_cli_context_new()), which keeps its entries here; the
 * hidden `backprop-lens-cli --dump-help-json` runs each command of the
 * table in describe mode, where bpl_cli_parse_options() writes that down
 * instead of parsing. The manual page and the shell completions are
 * generated from it (docs/meson.build), so they cannot disagree with --help,
 * and a new command is in them as soon as it is in the table. */
#include "config.h"

#include "bpl-cli.h"

#include <glib/gi18n.h>

typedef struct
{
  GOptionContext *context;
  char           *parameter_string;
  char           *summary;
  char           *description;
  GArray         *entries;  /* of GOptionEntry, strings owned by @strings */
  GPtrArray      *strings;
  GHashTable     *choices;  /* "--format" → GStrv */
} Described;

/* Only the latest context: each command run builds one. */
static Described *last;
static JsonBuilder *describe_builder;
static gboolean described_current;

static void
described_free (Described *d)
{
  if (d == NULL)
    return;
  g_free (d->parameter_string);
  g_free (d->summary);
  g_free (d->description);
  g_array_unref (d->entries);
  g_ptr_array_unref (d->strings);
  g_hash_table_unref (d->choices);
  g_free (d);
}

static const char *
keep (Described *d, const char *text)
{
  char *copy = g_strdup (text);

  if (copy != NULL)
    g_ptr_array_add (d->strings, copy);
  return copy;
}

GOptionContext *
bpl_cli_options_new (const char         *parameter_string,
                     const GOptionEntry *entries,
                     const char         *summary,
                     const char         *description)
{
  GOptionContext *context = g_option_context_new (parameter_string);
  Described *d = g_new0 (Described, 1);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, description);

  d->context = context;
  d->parameter_string = g_strdup (parameter_string);
  d->summary = g_strdup (summary);
  d->description = g_strdup (description);
  d->entries = g_array_new (FALSE, TRUE, sizeof (GOptionEntry));
  d->strings = g_ptr_array_new_with_free_func (g_free);
  d->choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  for (guint i = 0; entries != NULL && entries[i].long_name != NULL; i++)
    {
      GOptionEntry e = entries[i];

      e.long_name = keep (d, e.long_name);
      e.description = keep (d, e.description);
      e.arg_description = keep (d, e.arg_description);
      e.arg_data = NULL;
      g_array_append_val (d->entries, e);
    }
  described_free (last);
  last = d;
  return context;
}

void
bpl_cli_context_add_choices (GOptionContext     *context,
                             const char         *option,
                             const char *const  *names)
{
  g_return_if_fail (last != NULL && last->context == context);
  g_return_if_fail (g_str_has_prefix (option, "--"));

  g_hash_table_replace (last->choices, g_strdup (option), g_strdupv ((char **) names));
}

static const char *
arg_kind (GOptionArg arg)
{
  switch (arg)
    {
    case G_OPTION_ARG_NONE:
      return "none";
    case G_OPTION_ARG_FILENAME:
    case G_OPTION_ARG_FILENAME_ARRAY:
      return "file";
    case G_OPTION_ARG_INT:
    case G_OPTION_ARG_INT64:
      return "integer";
    case G_OPTION_ARG_DOUBLE:
      return "number";
    case G_OPTION_ARG_STRING:
    case G_OPTION_ARG_STRING_ARRAY:
    case G_OPTION_ARG_CALLBACK:
    default:
      return "string";
    }
}

static void
add_string (JsonBuilder *b, const char *member, const char *value)
{
  json_builder_set_member_name (b, member);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
bpl_cli_describe_begin (JsonBuilder *builder)
{
  g_clear_object (&describe_builder);
  describe_builder = builder != NULL ? g_object_ref (builder) : NULL;
  described_current = FALSE;
}

gboolean
bpl_cli_describe_end (void)
{
  gboolean described = described_current;

  g_clear_object (&describe_builder);
  described_current = FALSE;
  return described;
}

gboolean
bpl_cli_describing (void)
{
  return describe_builder != NULL;
}

/* Writes the current command's options into the builder: an object with
 * usage, summary, description and options. */
gboolean
bpl_cli_describe_context (GOptionContext *context)
{
  JsonBuilder *b = describe_builder;

  if (last == NULL || last->context != context)
    return FALSE;
  json_builder_begin_object (b);
  add_string (b, "usage", last->parameter_string);
  add_string (b, "summary", last->summary);
  add_string (b, "description", last->description);
  json_builder_set_member_name (b, "options");
  json_builder_begin_array (b);
  for (guint i = 0; i < last->entries->len; i++)
    {
      const GOptionEntry *e = &g_array_index (last->entries, GOptionEntry, i);
      g_autofree char *long_option = g_strdup_printf ("--%s", e->long_name);
      const char *const *choices = g_hash_table_lookup (last->choices, long_option);
      char short_name[2] = { e->short_name, '\0' };

      if (e->flags & G_OPTION_FLAG_HIDDEN)
        continue;
      json_builder_begin_object (b);
      add_string (b, "long", e->long_name);
      add_string (b, "short", e->short_name != 0 ? short_name : NULL);
      json_builder_set_member_name (b, "argument");
      json_builder_add_string_value (b, (e->flags & G_OPTION_FLAG_NO_ARG) ? "none" : arg_kind (e->arg));
      add_string (b, "argument_name", e->arg != G_OPTION_ARG_NONE ? e->arg_description : NULL);
      json_builder_set_member_name (b, "optional_argument");
      json_builder_add_boolean_value (b, (e->flags & G_OPTION_FLAG_OPTIONAL_ARG) != 0);
      json_builder_set_member_name (b, "repeatable");
      json_builder_add_boolean_value (b, e->arg == G_OPTION_ARG_STRING_ARRAY
                                           || e->arg == G_OPTION_ARG_FILENAME_ARRAY);
      add_string (b, "help", e->description);
      json_builder_set_member_name (b, "choices");
      json_builder_begin_array (b);
      for (guint k = 0; choices != NULL && choices[k] != NULL; k++)
        json_builder_add_string_value (b, choices[k]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  described_current = TRUE;
  return TRUE;
}

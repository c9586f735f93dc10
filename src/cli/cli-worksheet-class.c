/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-worksheet-class.c: `backprop-lens-cli worksheet --students N`: a
 * variant of the exercise for each student (the core draws them), one PDF
 * for the class and one answer key, and with --variants each student's
 * network file, so that `explain` can work out any student's answers. */
#include "config.h"

#include "bpl-cli.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <inttypes.h>

#include "backprop-lens-diagram.h"

static gboolean
read_names (const char *path,
            GStrv      *names)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *display = g_path_get_basename (path);
  gsize length;

  if (!g_file_get_contents (path, &text, &length, &error))
    {
      bpl_cli_error ("worksheet", "%s", error->message);
      return FALSE;
    }
  *names = bpl_variants_parse_names (text, length, display, &error);
  if (*names == NULL)
    {
      bpl_cli_print_gerror (error);
      return FALSE;
    }
  return TRUE;
}

gboolean
bpl_cli_class_check (const BplCliClass *class)
{
  gboolean wanted = class->students != G_MININT || class->names_path != NULL;

  if (!wanted && (class->seed != G_MININT64 || class->decimals != G_MININT
                  || class->variants_dir != NULL))
    {
      bpl_cli_error ("worksheet", _("--seed, --decimals and --variants are for a class set: give "
                                    "--students N or --names FILE too"));
      return FALSE;
    }
  if (class->students != G_MININT
      && (class->students < 1 || class->students > BPL_VARIANTS_MAX_STUDENTS))
    {
      bpl_cli_error ("worksheet", _("--students %d is out of range (expected 1 to %d)"),
                     class->students, BPL_VARIANTS_MAX_STUDENTS);
      return FALSE;
    }
  if (class->seed != G_MININT64 && class->seed < 0)
    {
      bpl_cli_error ("worksheet", _("--seed %" PRId64 " is out of range (expected 0 or "
                                    "more)"), class->seed);
      return FALSE;
    }
  if (class->decimals != G_MININT
      && (class->decimals < BPL_VARIANTS_MIN_DECIMALS
          || class->decimals > BPL_VARIANTS_MAX_DECIMALS))
    {
      bpl_cli_error ("worksheet", _("--decimals %d is out of range (expected %d to %d)"),
                     class->decimals, BPL_VARIANTS_MIN_DECIMALS, BPL_VARIANTS_MAX_DECIMALS);
      return FALSE;
    }
  return TRUE;
}

int
bpl_cli_worksheet_class (const BplNetwork          *network,
                         const BplParam            *params,
                         guint                      n_params,
                         const BplWorksheetOptions *options,
                         const BplCliClass         *class,
                         const char                *output)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) variants = NULL;
  g_auto (GStrv) names = NULL;
  BplVariantOptions variant_options;
  guint n_students;

  if (class->names_path != NULL && !read_names (class->names_path, &names))
    return BPL_CLI_EXIT_BAD_INPUT;
  n_students = names != NULL ? g_strv_length (names) : (guint) class->students;
  if (names != NULL && class->students != G_MININT && (guint) class->students != n_students)
    {
      bpl_cli_error ("worksheet", _("--students %d, but %s names %u: give one of them"),
                     class->students, class->names_path, n_students);
      return BPL_CLI_EXIT_USAGE;
    }

  bpl_variant_options_init (&variant_options);
  if (class->seed != G_MININT64)
    variant_options.seed = (guint64) class->seed;
  if (class->decimals != G_MININT)
    variant_options.decimals = class->decimals;
  variants = bpl_worksheet_export_variants (network, params, n_params, &variant_options,
                                            n_students, (const char *const *) names, options,
                                            output, &error);
  if (variants == NULL)
    {
      bpl_cli_print_gerror (error);
      return BPL_CLI_EXIT_BAD_INPUT;
    }
  if (class->variants_dir != NULL
      && !bpl_variants_save (variants, (const char *const *) names, class->variants_dir, &error))
    {
      bpl_cli_print_gerror (error);
      return BPL_CLI_EXIT_BAD_INPUT;
    }
  return BPL_CLI_EXIT_OK;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-worksheet.c: `backprop-lens-cli worksheet`: a printable A4 PDF with the
 * diagram, the given and forward values and, for each selected parameter,
 * the derivation table; with --blanks, a worksheet to fill in by hand and an
 * answer key. The diagram layer lays it out, as it does for the window. */
#include "config.h"

#include "bpl-cli.h"

#include <glib/gi18n.h>

#include "backprop-lens-diagram.h"

static const char *const themes[] = {
  "light", "dark", "high-contrast", "high-contrast-dark", NULL
};

/* --select w3 --select b1, or --select w3,b1; each parameter once. */
static gboolean
parse_selection (const BplNetwork *network,
                 char            **selects,
                 GArray           *params)
{
  for (guint i = 0; selects != NULL && selects[i] != NULL; i++)
    {
      g_auto (GStrv) names = g_strsplit (selects[i], ",", -1);

      for (guint k = 0; names[k] != NULL; k++)
        {
          g_autoptr (GError) error = NULL;
          const char *name = g_strstrip (names[k]);
          gboolean duplicate = FALSE;
          BplParam param;

          if (*name == '\0')
            continue;
          if (!bpl_network_parse_param (network, name, &param, &error))
            {
              bpl_cli_error ("worksheet", "--select: %s", error->message);
              return FALSE;
            }
          for (guint j = 0; j < params->len; j++)
            {
              const BplParam *p = &g_array_index (params, BplParam, j);

              duplicate |= p->kind == param.kind && p->index == param.index;
            }
          if (!duplicate)
            g_array_append_val (params, param);
        }
    }
  return TRUE;
}

int
bpl_cli_worksheet (int argc, char **argv)
{
  g_auto (BplCliCommon) common = {
    .flags = BPL_CLI_WITH_SAMPLE | BPL_CLI_WITH_DIGITS,
    .sample_help = N_("Sample the forward and backward pass use, from 1 (default 1)"),
    .digits_help = N_("Significant digits of the numbers, 1 to 17 (default 11)"),
  };
  g_auto (GStrv) selects = NULL;
  g_autofree char *theme_name = NULL;
  g_autofree char *output = NULL;
  gboolean blanks = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "select", 0, 0, G_OPTION_ARG_STRING_ARRAY, &selects,
      N_("A parameter to derive (w3, b1, …); repeat it or separate with commas for more, "
         "up to 32 (default w1)"), N_("PARAM") },
    { "blanks", 'b', 0, G_OPTION_ARG_NONE, &blanks,
      N_("Blank lines for every computed value, and an answer key at the end"), NULL },
    { "theme", 't', 0, G_OPTION_ARG_STRING, &theme_name,
      N_("Colours of the diagram: light, dark, high-contrast or high-contrast-dark (default "
         "light)"), N_("THEME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("PDF file to write"), N_("FILE") },
    { NULL }
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (BplNetwork) network = NULL;
  g_autoptr (GArray) params = g_array_new (FALSE, FALSE, sizeof (BplParam));
  g_autoptr (GError) error = NULL;
  g_autofree char *lower = NULL;
  BplWorksheetOptions options;
  BplStyle style;
  int theme;

  context = bpl_cli_context_new (
      NULL, entries, &common,
      _("Writes a printable A4 worksheet (PDF): the network diagram, the given values, the\n"
        "forward pass and, for each selected parameter, the backward pass as a table of\nsteps — "
        "the sum over outputs, the chain rule along each path, every factor\nwith its formula "
        "and value, the gradient and the new value. Without --select\nthe worksheet derives w1."),
      _("With --blanks every computed number is a line to fill in by hand, and answer-key\npages "
        "with every value follow the questions.\n\n"
        "Examples:\n"
        "  backprop-lens-cli worksheet --select w3 --output w3.pdf\n"
        "  backprop-lens-cli worksheet --select w3 --select b1 --blanks --output class.pdf\n"
        "  backprop-lens-cli worksheet --network deep.json --select w1,w20 --output deep.pdf"));

  if (!bpl_cli_parse_options (context, &argc, &argv) || !bpl_cli_check_no_arguments (argc, argv))
    return BPL_CLI_EXIT_USAGE;
  if (output == NULL)
    {
      bpl_cli_error ("worksheet", _("--output FILE.pdf is required"));
      return BPL_CLI_EXIT_USAGE;
    }
  lower = g_ascii_strdown (output, -1);
  if (!g_str_has_suffix (lower, ".pdf"))
    {
      bpl_cli_error ("worksheet", _("%s: a worksheet is a PDF: the name must end in .pdf"),
                     output);
      return BPL_CLI_EXIT_USAGE;
    }
  theme = bpl_cli_parse_choice ("--theme", theme_name, themes);
  if (theme < 0)
    return BPL_CLI_EXIT_USAGE;

  network = bpl_cli_common_load (&common, &status);
  if (network == NULL)
    return status;

  if (!parse_selection (network, selects, params))
    return BPL_CLI_EXIT_BAD_INPUT;
  if (params->len == 0)
    {
      BplParam first = { BPL_PARAM_WEIGHT, 0 };

      g_array_append_val (params, first);
    }
  if (params->len > BPL_WORKSHEET_MAX_PARAMS)
    {
      bpl_cli_error ("worksheet", _("%u parameters selected; a worksheet holds at most %d"),
                     params->len, BPL_WORKSHEET_MAX_PARAMS);
      return BPL_CLI_EXIT_USAGE;
    }

  bpl_style_init_builtin (&style, (BplTheme) theme);
  bpl_worksheet_options_init (&options);
  options.sample = (guint) common.sample - 1;
  options.blanks = blanks;
  options.digits = common.digits;
  options.style = &style;

  if (!bpl_worksheet_export (network, (const BplParam *) params->data, params->len, &options,
                             output, &error))
    {
      bpl_cli_print_gerror (error);
      return BPL_CLI_EXIT_BAD_INPUT;
    }
  return BPL_CLI_EXIT_OK;
}

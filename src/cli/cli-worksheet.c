/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-worksheet.c: `backprop-lens-cli worksheet`: a printable PDF (A4 or US
 * Letter) with the diagram, the given and forward values and, for each
 * selected parameter, the derivation table; with --blanks, a worksheet to
 * fill in by hand and an answer key, after it or in a file of its own. The
 * diagram layer lays it out, as it does for the window. */
#include "config.h"

#include "bpl-cli.h"

#include <glib/gi18n.h>

#include "backprop-lens-diagram.h"

static const char *const themes[] = {
  "light", "dark", "high-contrast", "high-contrast-dark", NULL
};
static const char *const blank_kinds[] = { "numbers", "formulas", "both", NULL };
static const BplWorksheetBlanks blank_values[] = {
  BPL_WORKSHEET_BLANKS_NUMBERS, BPL_WORKSHEET_BLANKS_FORMULAS, BPL_WORKSHEET_BLANKS_BOTH,
};
static const char *const papers[] = { "a4", "letter", NULL };
static const BplPaper paper_values[] = { BPL_PAPER_A4, BPL_PAPER_LETTER };

/* --blanks takes an optional value, which GOption passes only to a
 * callback; reset at the start of every run, as a process may run several. */
static char    *blanks_value;
static gboolean blanks_bare;

static gboolean
parse_blanks (const char  *option_name,
              const char  *value,
              gpointer     data,
              GError     **error)
{
  g_free (blanks_value);
  /* --blanks alone asks for the numbers, as it did before it took a value. */
  blanks_value = g_strdup (value != NULL ? value : blank_kinds[0]);
  blanks_bare = value == NULL;
  return TRUE;
}

static gboolean
is_pdf_name (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".pdf");
}

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
  g_autofree char *paper_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *answer_key = NULL;
  g_autofree char *blanks_name = NULL;
  BplCliClass class = {
    .students = G_MININT, .seed = G_MININT64, .decimals = G_MININT,
  };
  g_autofree char *names_path = NULL;
  g_autofree char *variants_dir = NULL;
  gboolean is_class;
  int status;
  const GOptionEntry entries[] = {
    { "select", 0, 0, G_OPTION_ARG_STRING_ARRAY, &selects,
      N_("A parameter to derive (w3, b1, …); repeat it or separate with commas for more, "
         "up to 32 (default w1)"), N_("PARAM") },
    { "blanks", 'b', G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, parse_blanks,
      N_("Lines to fill in by hand: numbers (every computed number; --blanks alone), formulas "
         "(the chain rule and each derivative) or both; then an answer key"),
      N_("[WHAT]") },
    { "answer-key", 0, 0, G_OPTION_ARG_FILENAME, &answer_key,
      N_("With --blanks: write the answer key to this PDF instead of after the questions"),
      N_("FILE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_name,
      N_("Paper size: a4 or letter (default: the locale's, else a4)"), N_("PAPER") },
    { "theme", 't', 0, G_OPTION_ARG_STRING, &theme_name,
      N_("Colours of the diagram: light, dark, high-contrast or high-contrast-dark (default "
         "light)"), N_("THEME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("PDF file to write"), N_("FILE") },
    { "students", 0, 0, G_OPTION_ARG_INT, &class.students,
      N_("A class set: a worksheet for each of N students, each with numbers of its own "
         "(1 to 500)"), N_("N") },
    { "names", 0, 0, G_OPTION_ARG_FILENAME, &names_path,
      N_("A class set for the students named in FILE, one a line, their names on their pages"),
      N_("FILE") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &class.seed,
      N_("Seed of the students' numbers: the same seed, the same worksheets (default 1)"),
      N_("S") },
    { "decimals", 0, 0, G_OPTION_ARG_INT, &class.decimals,
      N_("Decimals of the students' given values, 1 to 4 (default 2)"), N_("D") },
    { "variants", 0, 0, G_OPTION_ARG_FILENAME, &variants_dir,
      N_("Also write each student's network to DIR (student-01.json, …)"), N_("DIR") },
    { NULL }
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (BplNetwork) network = NULL;
  g_autoptr (GArray) params = g_array_new (FALSE, FALSE, sizeof (BplParam));
  g_autoptr (GError) error = NULL;
  BplWorksheetOptions options;
  BplStyle style;
  BplPaper paper = bpl_paper_get_default ();
  int theme, blanks = -1;

  context = bpl_cli_context_new (
      NULL, entries, &common,
      _("Writes a printable worksheet (PDF, A4 or US Letter): the network diagram, the given\n"
        "values, the forward pass and, for each selected parameter, the backward pass as a\n"
        "table of steps — the sum over outputs, the chain rule along each path, every factor\n"
        "with its formula and value, the gradient and the new value. Without --select the\n"
        "worksheet derives w1."),
      _("With --blanks every computed number is a line to fill in by hand; --blanks=formulas\n"
        "asks for the chain rule along each path and each derivative's formula instead, and\n"
        "--blanks=both for both. Answer-key pages with every value and formula follow the\n"
        "questions, or go to their own file with --answer-key.\n\n"
        "Examples:\n"
        "  backprop-lens-cli worksheet --select w3 --output w3.pdf\n"
        "  backprop-lens-cli worksheet --select w3 --select b1 --blanks --output class.pdf\n"
        "  backprop-lens-cli worksheet --select w1,w5 --blanks=both --paper letter \\\n"
        "      --answer-key key.pdf --output class.pdf\n"
        "  backprop-lens-cli worksheet --network deep.json --select w1,w20 --output deep.pdf\n\n"
        "A class set (--students N or --names FILE) gives each student a variant: the same\n"
        "network with other inputs, targets, weights and biases, numbers of --decimals D\n"
        "decimals drawn from --seed S, never a degenerate exercise (a vanishing gradient, an\n"
        "output at its target, a saturated neuron). Each student's pages carry their name or\n"
        "number; --blanks is numbers unless given. The class's answer key lists every\n"
        "student's answers, then each student's key; `explain` on a file that --variants\n"
        "writes gives the same numbers.\n"
        "  backprop-lens-cli worksheet --select w3 --students 30 --seed 7 \\\n"
        "      --answer-key key.pdf --variants class/ --output class.pdf\n"
        "  backprop-lens-cli worksheet --select w5 --names class.txt --decimals 3 --output set.pdf"));
  bpl_cli_context_add_choices (context, "--blanks", blank_kinds);
  bpl_cli_context_add_choices (context, "--paper", papers);
  bpl_cli_context_add_choices (context, "--theme", themes);

  g_clear_pointer (&blanks_value, g_free);
  blanks_bare = FALSE;
  if (!bpl_cli_parse_options (context, &argc, &argv))
    return BPL_CLI_EXIT_USAGE;
  blanks_name = g_steal_pointer (&blanks_value);
  /* "--blanks formulas" as well as "--blanks=formulas": the command takes
   * no other argument for the word to be. */
  if (blanks_bare && argc == 2 && g_strv_contains (blank_kinds, argv[1]))
    {
      g_free (blanks_name);
      blanks_name = g_strdup (argv[1]);
      argc = 1;
    }
  if (!bpl_cli_check_no_arguments (argc, argv))
    return BPL_CLI_EXIT_USAGE;
  class.names_path = names_path;
  class.variants_dir = variants_dir;
  if (!bpl_cli_class_check (&class))
    return BPL_CLI_EXIT_USAGE;
  is_class = class.students != G_MININT || class.names_path != NULL;
  /* A class set is for the students to work out: blank numbers unless asked otherwise. */
  if (is_class && blanks_name == NULL)
    blanks_name = g_strdup (blank_kinds[0]);
  if (output == NULL)
    {
      bpl_cli_error ("worksheet", _("--output FILE.pdf is required"));
      return BPL_CLI_EXIT_USAGE;
    }
  if (!is_pdf_name (output) || (answer_key != NULL && !is_pdf_name (answer_key)))
    {
      bpl_cli_error ("worksheet", _("%s: a worksheet is a PDF: the name must end in .pdf"),
                     is_pdf_name (output) ? answer_key : output);
      return BPL_CLI_EXIT_USAGE;
    }
  theme = bpl_cli_parse_choice ("--theme", theme_name, themes);
  if (theme < 0)
    return BPL_CLI_EXIT_USAGE;
  if (blanks_name != NULL)
    {
      blanks = bpl_cli_parse_choice ("--blanks", blanks_name, blank_kinds);
      if (blanks < 0)
        return BPL_CLI_EXIT_USAGE;
    }
  if (paper_name != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (paper_name, -1);
      int choice = bpl_cli_parse_choice ("--paper", lower, papers);

      if (choice < 0)
        return BPL_CLI_EXIT_USAGE;
      paper = paper_values[choice];
    }
  if (answer_key != NULL && blanks < 0)
    {
      bpl_cli_error ("worksheet", _("--answer-key needs --blanks: without blanks the worksheet "
                                    "shows every answer"));
      return BPL_CLI_EXIT_USAGE;
    }
  if (answer_key != NULL && g_strcmp0 (answer_key, output) == 0)
    {
      bpl_cli_error ("worksheet", _("%s: the answer key needs a file of its own, not the "
                                    "worksheet's"), answer_key);
      return BPL_CLI_EXIT_USAGE;
    }

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
  options.blanks = blanks >= 0 ? blank_values[blanks] : BPL_WORKSHEET_BLANKS_NONE;
  options.paper = paper;
  options.answer_key_path = answer_key;
  options.digits = common.digits;
  options.style = &style;

  if (is_class)
    return bpl_cli_worksheet_class (network, (const BplParam *) params->data, params->len,
                                    &options, &class, output);
  if (!bpl_worksheet_export (network, (const BplParam *) params->data, params->len, &options,
                             output, &error))
    {
      bpl_cli_print_gerror (error);
      return BPL_CLI_EXIT_BAD_INPUT;
    }
  return BPL_CLI_EXIT_OK;
}

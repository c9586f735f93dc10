/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-check.c: `backprop-lens-cli check --select PARAM NAME=VALUE…`: judges
 * a learner's numbers for the backward pass of one parameter, each to the
 * precision typed, and names the mistake behind a wrong one. The core does
 * the judging; this reads the command line and prints the verdicts. */
#include "config.h"

#include "bpl-cli.h"

#include <glib/gi18n.h>

enum { FORMAT_TEXT, FORMAT_JSON };
static const char *const formats[] = { "text", "json", NULL };

typedef struct
{
  char          *name;
  BplAnswerValue value;
  BplVerdict    *verdict;
} Answer;

static void
answer_clear (gpointer data)
{
  Answer *a = data;

  g_free (a->name);
  bpl_answer_value_clear (&a->value);
  g_clear_pointer (&a->verdict, bpl_verdict_free);
}

static char *
check_text (GArray *answers)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < answers->len; i++)
    {
      const Answer *a = &g_array_index (answers, Answer, i);
      const BplVerdict *v = a->verdict;

      if (v->correct)
        g_string_append_printf (out, "✓ %s = %s\n", v->quantity->name, a->value.text);
      else
        g_string_append_printf (out, "✗ %s = %s (%s): %s\n", v->quantity->name, a->value.text,
                                bpl_mistake_to_string (v->mistake), v->diagnosis);
    }
  return g_string_free (out, FALSE);
}

static char *
check_json (GArray *answers, const BplCheck *check, const BplNetwork *network)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  const BplDerivation *d = bpl_check_get_derivation (check);
  gint64 n_correct = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "parameter");
  json_builder_add_string_value (builder, bpl_network_get_param_name (network, d->param));
  json_builder_set_member_name (builder, "sample");
  json_builder_add_int_value (builder, d->sample + 1);
  json_builder_set_member_name (builder, "min_digits");
  json_builder_add_int_value (builder, bpl_check_get_min_digits (check));
  json_builder_set_member_name (builder, "answers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < answers->len; i++)
    {
      const Answer *a = &g_array_index (answers, Answer, i);
      const BplVerdict *v = a->verdict;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, v->quantity->name);
      json_builder_set_member_name (builder, "given");
      json_builder_add_double_value (builder, a->value.value);
      /* As typed: the digits say the precision it was judged to. */
      json_builder_set_member_name (builder, "typed");
      json_builder_add_string_value (builder, a->value.text);
      json_builder_set_member_name (builder, "expected");
      json_builder_add_double_value (builder, v->expected);
      json_builder_set_member_name (builder, "correct");
      json_builder_add_boolean_value (builder, v->correct);
      if (!v->correct)
        {
          json_builder_set_member_name (builder, "mistake");
          json_builder_add_string_value (builder, bpl_mistake_to_string (v->mistake));
          json_builder_set_member_name (builder, "diagnosis");
          json_builder_add_string_value (builder, v->diagnosis);
        }
      json_builder_end_object (builder);
      n_correct += v->correct ? 1 : 0;
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "correct");
  json_builder_add_int_value (builder, n_correct);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, answers->len);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return bpl_cli_json_to_string (root);
}

int
bpl_cli_check (int argc, char **argv)
{
  g_auto (BplCliCommon) common = {
    .flags = BPL_CLI_WITH_SAMPLE,
    .sample_help = N_("Sample the answers are for, from 1 (default 1)"),
  };
  g_autofree char *format_name = NULL;
  g_autofree char *select = NULL;
  int min_digits = BPL_CHECK_DEFAULT_MIN_DIGITS;
  const GOptionEntry entries[] = {
    { "select", 0, 0, G_OPTION_ARG_STRING, &select,
      N_("The weight or bias whose backward pass the answers work out (w3, b1, …)"), N_("PARAM") },
    { "min-digits", 0, 0, G_OPTION_ARG_INT, &min_digits,
      N_("Fewest significant digits an answer needs unless it is exact, 1 to 17 (default 3)"), N_("N") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, N_("Output format: text or json"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (BplNetwork) network = NULL;
  g_autoptr (BplCheck) check = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) answers = g_array_new (FALSE, TRUE, sizeof (Answer));
  g_autofree char *text = NULL;
  BplParam param;
  int format;
  int status;

  g_array_set_clear_func (answers, answer_clear);
  context = bpl_cli_context_new (
      _("NAME=VALUE…"), entries, &common,
      _("Checks a learner's numbers for the backward pass of one parameter. NAME is a\nquantity as "
        "“explain” prints it: a factor (∂out_h2/∂net_h2), a path's product\n(∂E_o1/∂w3), the gradient "
        "(∂E_total/∂w3), an error term (δ_h2) or the new value\n(w3⁺). In ASCII, d stands for ∂, "
        "delta_ for δ_ and + for ⁺: dout_h2/dnet_h2,\ndelta_h2, w3+. Blanks, underscores and case "
        "do not matter in names."),
      _("An answer is right when the value, rounded or truncated to the last digit typed,\nis what "
        "was typed (0.2406 and 0.24061 for 0.2406134…) and it has at least\n--min-digits significant "
        "digits, unless it is the value exactly (0.05 for i1).\nValues take a decimal point whatever "
        "the locale, and a power of ten (2.406e-1).\nA wrong answer is diagnosed: output-for-derivative, "
        "sign-flipped, missing-path,\nlearning-rate, wrong-weight, wrong-sample, rounding or unknown.\n\n"
        "Exit status 0 when the answers could be judged, right or wrong; 1 for a bad\nnetwork file, "
        "sample or parameter; 2 for a bad command line, an answer that is\nnot NAME=VALUE or a NAME "
        "the derivation does not have.\n\n"
        "Examples:\n"
        "  backprop-lens-cli check --select w3 dout_h2/dnet_h2=0.2406 w3+=0.2498\n"
        "  backprop-lens-cli check --select w5 --format json 'dE_total/dw5=0.0822'\n"
        "  backprop-lens-cli check --network deep.json --sample 2 --select b1 delta_h1=0.01"));
  bpl_cli_context_add_choices (context, "--format", formats);

  if (!bpl_cli_parse_options (context, &argc, &argv))
    return BPL_CLI_EXIT_USAGE;
  format = bpl_cli_parse_choice ("--format", format_name, formats);
  if (format < 0)
    return BPL_CLI_EXIT_USAGE;
  if (select == NULL)
    {
      bpl_cli_error ("check", _("missing --select PARAM (the weight or bias the answers are for)"));
      g_printerr (_("Try “backprop-lens-cli check --help”.\n"));
      return BPL_CLI_EXIT_USAGE;
    }
  if (min_digits < 1 || min_digits > 17)
    {
      bpl_cli_error ("check", _("--min-digits %d is out of range (expected 1 to 17)"), min_digits);
      return BPL_CLI_EXIT_USAGE;
    }
  if (argc < 2)
    {
      bpl_cli_error ("check", _("no answers: give NAME=VALUE, for example dout_h2/dnet_h2=0.2406"));
      g_printerr (_("Try “backprop-lens-cli check --help”.\n"));
      return BPL_CLI_EXIT_USAGE;
    }

  /* Every answer is read before any file, so that a typing slip is a
   * usage error whatever the network. */
  for (int i = 1; i < argc; i++)
    {
      Answer a = { 0 };

      if (!bpl_answer_parse (argv[i], &a.name, &a.value, &error))
        {
          bpl_cli_error ("check", "%s", error->message);
          return BPL_CLI_EXIT_USAGE;
        }
      g_array_append_val (answers, a);
    }

  network = bpl_cli_common_load (&common, &status);
  if (network == NULL)
    return status;
  /* As in explain: a parameter the network does not have is bad input. */
  if (!bpl_network_parse_param (network, select, &param, &error))
    {
      bpl_cli_error ("check", "--select: %s", error->message);
      return BPL_CLI_EXIT_BAD_INPUT;
    }
  check = bpl_check_new (network, param, (guint) common.sample - 1, &error);
  if (check == NULL)
    {
      bpl_cli_print_gerror (error);
      return BPL_CLI_EXIT_BAD_INPUT;
    }
  bpl_check_set_min_digits (check, (guint) min_digits);

  for (guint i = 0; i < answers->len; i++)
    {
      Answer *a = &g_array_index (answers, Answer, i);
      const BplCheckQuantity *q = bpl_check_lookup (check, a->name, &error);

      if (q == NULL)
        {
          bpl_cli_error ("check", "%s", error->message);
          return BPL_CLI_EXIT_USAGE;
        }
      a->verdict = bpl_check_judge (check, q, &a->value, BPL_EXPR_TEXT);
    }

  text = format == FORMAT_JSON ? check_json (answers, check, network) : check_text (answers);
  if (!bpl_cli_write_output (NULL, text, &error))
    {
      bpl_cli_print_gerror (error);
      return BPL_CLI_EXIT_BAD_INPUT;
    }
  return BPL_CLI_EXIT_OK;
}

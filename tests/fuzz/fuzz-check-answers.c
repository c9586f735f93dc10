/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-check-answers: learners' answers, NAME=VALUE one a line, against the
 * worked example; the first byte picks the parameter. A line is refused
 * with a message or read into a finite number whose digits say its
 * precision; a number matches itself at its own precision; a name is found
 * or refused with the list of names; a verdict is right with no diagnosis,
 * or wrong with one, in plain text and in well-formed markup. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "backprop-lens.h"
#include "fuzz-target.h"

#define N_PARAMS 10

static BplCheck *
check_for (guint pick)
{
  static BplCheck *checks[N_PARAMS];

  if (checks[pick] == NULL)
    {
      g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
      BplParam param = pick < 8 ? (BplParam) { BPL_PARAM_WEIGHT, pick } : (BplParam) { BPL_PARAM_BIAS, pick - 8 };

      checks[pick] = bpl_check_new (network, param, 0, NULL);
      g_assert (checks[pick] != NULL);
    }
  return checks[pick];
}

static void
assert_value (const BplAnswerValue *v)
{
  g_assert (isfinite (v->value));
  g_assert (v->text != NULL && v->digits != NULL);
  g_assert (strlen (v->digits) == v->significant);
  g_assert (v->significant <= BPL_ANSWER_MAX_DIGITS);
  g_assert (v->digits[0] != '0');
  for (const char *p = v->digits; *p; p++)
    g_assert (g_ascii_isdigit (*p));
  g_assert (v->negative == (strchr (v->text, '-') == v->text || g_str_has_prefix (v->text, "−")));

  /* A number agrees with itself to its own last digit, when a double holds
   * its digits. */
  if (v->significant <= 15 && (v->value == 0 || (fabs (v->value) > 1e-290 && fabs (v->value) < 1e290)))
    g_assert (bpl_answer_value_matches (v, v->value));

  /* Written out again, it reads back. */
  {
    g_autofree char *shown = bpl_answer_value_format (v, v->value, 1);
    g_auto (BplAnswerValue) again = { 0 };

    g_assert (bpl_answer_value_parse (&again, shown, NULL));
  }
}

static void
assert_markup (const char *markup)
{
  static const GMarkupParser nothing = { 0 };
  g_autofree char *wrapped = g_strconcat ("<markup>", markup, "</markup>", NULL);
  g_autoptr (GMarkupParseContext) parser = g_markup_parse_context_new (&nothing, 0, NULL, NULL);

  g_assert (g_markup_parse_context_parse (parser, wrapped, -1, NULL));
  g_assert (g_markup_parse_context_end_parse (parser, NULL));
}

static void
judge_line (BplCheck *check, const char *line)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_auto (BplAnswerValue) value = { 0 };
  const BplCheckQuantity *q;

  if (!bpl_answer_parse (line, &name, &value, &error))
    {
      g_assert (error != NULL && error->domain == BPL_ERROR && *error->message != '\0');
      g_assert (name == NULL);
      return;
    }
  g_assert_no_error (error);
  assert_value (&value);

  q = bpl_check_lookup (check, name, &error);
  if (q == NULL)
    {
      g_assert (error != NULL && strstr (error->message, "the names are: ") != NULL);
      return;
    }
  for (int style = 0; style < 2; style++)
    {
      g_autoptr (BplVerdict) verdict = bpl_check_judge (check, q, &value, style == 0 ? BPL_EXPR_TEXT
                                                                                      : BPL_EXPR_MARKUP);

      g_assert (verdict->quantity == q);
      g_assert (verdict->expected == q->value);
      if (verdict->correct)
        g_assert (verdict->mistake == BPL_MISTAKE_NONE && verdict->diagnosis == NULL);
      else
        {
          g_assert (verdict->mistake > BPL_MISTAKE_NONE && verdict->mistake <= BPL_MISTAKE_UNKNOWN);
          g_assert (verdict->diagnosis != NULL && g_utf8_validate (verdict->diagnosis, -1, NULL));
          g_assert (g_str_has_prefix (verdict->diagnosis, "You typed "));
          if (style == 1)
            assert_markup (verdict->diagnosis);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  BplCheck *check;

  if (size < 1 || size > 4096)
    return 0;
  check = check_for (data[0] % N_PARAMS);
  text = g_strndup ((const char *) data + 1, size - 1);
  lines = g_strsplit (text, "\n", 32);
  for (guint i = 0; lines[i] != NULL; i++)
    judge_line (check, lines[i]);
  return 0;
}

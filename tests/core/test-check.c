/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-check.c: answers checked to the precision typed, and every mistake
 * the check diagnoses, driven on the worked example (w3, w5, b1, w1), on
 * the deeper network (data/networks/deep.json, several paths per output)
 * and on a second sample. The mistaken numbers are worked out here, by
 * hand from the forward values, not by the code under test. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "backprop-lens.h"
#include "bpl-check-private.h"
#include "bpl-test-util.h"

/* Neurons of the 2-2-2 worked example. */
enum { I1, I2, H1, H2, O1, O2 };

static BplParam
weight (guint number)
{
  return (BplParam) { BPL_PARAM_WEIGHT, number - 1 };
}

static BplParam
bias (guint number)
{
  return (BplParam) { BPL_PARAM_BIAS, number - 1 };
}

static BplCheck *
check_new (const BplNetwork *network, BplParam param, guint sample)
{
  g_autoptr (GError) error = NULL;
  BplCheck *check = bpl_check_new (network, param, sample, &error);

  g_assert_no_error (error);
  g_assert_nonnull (check);
  return check;
}

static BplCheck *
worked_check (BplParam param)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();

  return check_new (network, param, 0);
}

static BplNetwork *
deep_network (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("BPL_SOURCE_ROOT"), "data", "networks", "deep.json", NULL);
  g_autoptr (GError) error = NULL;
  BplNetwork *network = bpl_network_load_from_file (path, &error);

  g_assert_no_error (error);
  return network;
}

static const BplCheckQuantity *
lookup (BplCheck *check, const char *name)
{
  g_autoptr (GError) error = NULL;
  const BplCheckQuantity *q = bpl_check_lookup (check, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (q);
  return q;
}

static BplVerdict *
judge_style (BplCheck *check, const char *name, const char *typed, BplExprStyle style)
{
  g_autoptr (GError) error = NULL;
  g_auto (BplAnswerValue) answer = { 0 };
  const BplCheckQuantity *q = lookup (check, name);

  g_assert_true (bpl_answer_value_parse (&answer, typed, &error));
  g_assert_no_error (error);
  return bpl_check_judge (check, q, &answer, style);
}

static BplVerdict *
judge (BplCheck *check, const char *name, const char *typed)
{
  return judge_style (check, name, typed, BPL_EXPR_TEXT);
}

/* @value as a learner would type it, to @significant digits. */
static char *
typed (double value, int significant)
{
  char format[16];
  char buf[64];

  g_snprintf (format, sizeof format, "%%.%dg", significant);
  g_ascii_formatd (buf, sizeof buf, format, value);
  return g_strdup (buf);
}

static void
assert_correct (BplCheck *check, const char *name, const char *answer)
{
  g_autoptr (BplVerdict) v = judge (check, name, answer);

  if (!v->correct)
    g_error ("%s = %s should be right (%.17g); judged %s: %s", name, answer, v->expected,
             bpl_mistake_to_string (v->mistake), v->diagnosis);
  g_assert_cmpint (v->mistake, ==, BPL_MISTAKE_NONE);
  g_assert_null (v->diagnosis);
}

/* Judges NAME = ANSWER wrong with @mistake and a diagnosis that contains
 * every string after @mistake, up to a NULL. */
static void
assert_mistake (BplCheck *check, const char *name, const char *answer, BplMistake mistake, ...)
{
  g_autoptr (BplVerdict) v = judge (check, name, answer);
  const char *needle;
  va_list args;

  g_test_message ("%s = %s: %s: %s", name, answer, bpl_mistake_to_string (v->mistake),
                  v->diagnosis != NULL ? v->diagnosis : "(right)");
  if (v->correct || v->mistake != mistake)
    g_error ("%s = %s: expected %s, judged %s: %s", name, answer, bpl_mistake_to_string (mistake),
             v->correct ? "right" : bpl_mistake_to_string (v->mistake), v->diagnosis ? v->diagnosis : "");
  g_assert_nonnull (v->diagnosis);
  va_start (args, mistake);
  while ((needle = va_arg (args, const char *)) != NULL)
    if (strstr (v->diagnosis, needle) == NULL)
      g_error ("%s = %s: the diagnosis does not say “%s”: %s", name, answer, needle, v->diagnosis);
  va_end (args);
}

/* Names */

static void
test_names (void)
{
  static const char *const w3_names[] = {
    "∂net_h2/∂w3", "∂out_h2/∂net_h2", "∂net_o1/∂out_h2", "∂out_o1/∂net_o1", "∂E_o1/∂out_o1",
    "∂net_o2/∂out_h2", "∂out_o2/∂net_o2", "∂E_o2/∂out_o2", "∂E_o1/∂w3", "∂E_o2/∂w3", "∂E_total/∂w3",
    "δ_o1", "δ_o2", "δ_h2", "w3⁺",
  };
  g_autoptr (BplCheck) check = worked_check (weight (3));
  const BplDerivation *d = bpl_check_get_derivation (check);

  g_assert_cmpuint (bpl_check_get_n_quantities (check), ==, G_N_ELEMENTS (w3_names));
  for (guint i = 0; i < G_N_ELEMENTS (w3_names); i++)
    g_assert_cmpstr (bpl_check_get_quantity (check, i)->name, ==, w3_names[i]);

  /* Each spelling of a name, and the values the derivation has. */
  g_assert_cmpstr (lookup (check, "dout_h2/dnet_h2")->name, ==, "∂out_h2/∂net_h2");
  g_assert_cmpstr (lookup (check, "dout_h2/dnet_h2")->ascii, ==, "dout_h2/dnet_h2");
  g_assert_cmpstr (lookup (check, "DOUT_H2 / DNET_H2")->name, ==, "∂out_h2/∂net_h2");
  g_assert_cmpstr (lookup (check, "d outh2/d neth2")->name, ==, "∂out_h2/∂net_h2");
  g_assert_cmpstr (lookup (check, "dE_total/dw3")->name, ==, "∂E_total/∂w3");
  g_assert_cmpstr (lookup (check, "dE/dw3")->name, ==, "∂E_total/∂w3");
  g_assert_cmpstr (lookup (check, "delta_h2")->name, ==, "δ_h2");
  g_assert_cmpstr (lookup (check, "δ_h2")->name, ==, "δ_h2");
  g_assert_cmpstr (lookup (check, "dE_total/dnet_h2")->name, ==, "δ_h2");
  g_assert_cmpstr (lookup (check, "w3+")->name, ==, "w3⁺");
  g_assert_cmpstr (lookup (check, "w3⁺")->ascii, ==, "w3+");
  g_assert_cmpstr (lookup (check, "dE_o2/dw3")->name, ==, "∂E_o2/∂w3");
  /* The worked example's ∂E_total/∂out_o1: only E_o1 depends on out_o1. */
  g_assert_cmpstr (lookup (check, "dE_total/dout_o1")->name, ==, "∂E_o1/∂out_o1");
  g_assert_cmpstr (lookup (check, "∂E_total/∂out_o2")->name, ==, "∂E_o2/∂out_o2");

  g_assert_cmpfloat (lookup (check, "dE_total/dw3")->value, ==, d->gradient);
  g_assert_cmpfloat (lookup (check, "w3+")->value, ==, d->new_value);
  g_assert_cmpfloat (lookup (check, "dE_o1/dw3")->value, ==, d->paths[0].product);
  g_assert_cmpfloat (lookup (check, "dout_h2/dnet_h2")->value, ==, d->paths[0].factors[1].value);
  g_assert_cmpint (lookup (check, "dout_h2/dnet_h2")->kind, ==, BPL_CHECK_FACTOR);
  g_assert_cmpint (lookup (check, "dE_o1/dw3")->kind, ==, BPL_CHECK_PATH);
  g_assert_cmpint (lookup (check, "delta_o1")->kind, ==, BPL_CHECK_DELTA);
  g_assert_cmpint (lookup (check, "w3+")->kind, ==, BPL_CHECK_NEW_VALUE);
}

static void
test_names_other_params (void)
{
  g_autoptr (BplCheck) w5 = worked_check (weight (5));
  g_autoptr (BplCheck) b1 = worked_check (bias (1));

  g_assert_cmpstr (lookup (w5, "dnet_o1/dw5")->name, ==, "∂net_o1/∂w5");
  g_assert_cmpstr (lookup (w5, "dE_total/dw5")->name, ==, "∂E_total/∂w5");
  /* b1 reaches each output twice: the paths and their sums have names. */
  g_assert_cmpstr (lookup (b1, "dE_o1/db1 through h1")->name, ==, "∂E_o1/∂b1 through h1");
  g_assert_cmpstr (lookup (b1, "dE_o1/db1throughh2")->name, ==, "∂E_o1/∂b1 through h2");
  g_assert_cmpint (lookup (b1, "dE_o1/db1")->kind, ==, BPL_CHECK_OUTPUT_SUM);
  assert_close (lookup (b1, "dE_o1/db1")->value,
                lookup (b1, "dE_o1/db1 through h1")->value + lookup (b1, "dE_o1/db1 through h2")->value, 1e-15, 0);
  g_assert_cmpstr (lookup (b1, "dnet_h1/db1")->name, ==, "∂net_h1/∂b1");
}

static void
test_unknown_name (void)
{
  g_autoptr (BplCheck) check = worked_check (weight (3));
  g_autoptr (GError) error = NULL;

  g_assert_null (bpl_check_lookup (check, "out_h2", &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  /* Says what was asked, for which parameter, and every name there is. */
  g_assert_nonnull (strstr (error->message, "“out_h2”"));
  g_assert_nonnull (strstr (error->message, "w3"));
  for (guint i = 0; i < bpl_check_get_n_quantities (check); i++)
    g_assert_nonnull (strstr (error->message, bpl_check_get_quantity (check, i)->name));
  g_assert_nonnull (strstr (error->message, "delta_"));
  g_clear_error (&error);

  /* A name of another parameter's working is not in this one. */
  g_assert_null (bpl_check_lookup (check, "dnet_o1/dw5", &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
}

/* The working done again, without a mistake, is the derivation's. */
static void
assert_recompute_agrees (const BplNetwork *network)
{
  guint n_params = bpl_network_get_n_weights (network) + bpl_network_get_n_biases (network);

  for (guint s = 0; s < bpl_network_get_n_samples (network); s++)
    for (guint i = 0; i < n_params; i++)
      {
        BplParam param = i < bpl_network_get_n_weights (network)
                           ? (BplParam) { BPL_PARAM_WEIGHT, i }
                           : (BplParam) { BPL_PARAM_BIAS, i - bpl_network_get_n_weights (network) };
        g_autoptr (BplCheck) check = check_new (network, param, s);
        BplCheckVariant right;

        bpl_check_variant_init (check, &right);
        for (guint k = 0; k < bpl_check_get_n_quantities (check); k++)
          {
            const BplCheckQuantity *q = bpl_check_get_quantity (check, k);

            assert_close (bpl_check_recompute (check, q, &right), q->value, 1e-9, 1e-300);
            g_assert_true (check->recomputed[k]);
          }
      }
}

static void
test_recompute_agrees (void)
{
  static const BplActivation activations[] = {
    BPL_ACTIVATION_SIGMOID, BPL_ACTIVATION_TANH, BPL_ACTIVATION_RELU, BPL_ACTIVATION_LINEAR,
  };
  static const guint sizes[] = { 2, 3, 2, 2 };
  g_autoptr (BplNetwork) worked = bpl_network_new_worked_example ();
  g_autoptr (BplNetwork) deep = deep_network ();
  g_autoptr (BplNetwork) cross = bpl_network_new_worked_example ();

  assert_recompute_agrees (worked);
  assert_recompute_agrees (deep);
  bpl_network_set_loss (cross, BPL_LOSS_CROSS_ENTROPY);
  assert_recompute_agrees (cross);

  for (guint a = 0; a < G_N_ELEMENTS (activations); a++)
    for (BplBiasMode mode = BPL_BIAS_PER_LAYER; mode <= BPL_BIAS_NONE; mode++)
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (BplNetwork) net = bpl_network_new (sizes, G_N_ELEMENTS (sizes), mode, &error);
        GRand *rand = g_rand_new_with_seed (a * 10 + mode);

        g_assert_no_error (error);
        for (guint w = 0; w < bpl_network_get_n_weights (net); w++)
          bpl_network_set_weight (net, w, g_rand_double_range (rand, -1, 1));
        for (guint b = 0; b < bpl_network_get_n_biases (net); b++)
          bpl_network_set_bias (net, b, g_rand_double_range (rand, -1, 1));
        for (guint l = 1; l < G_N_ELEMENTS (sizes); l++)
          bpl_network_set_activation (net, l, activations[(a + l) % G_N_ELEMENTS (activations)]);
        bpl_network_set_input (net, 0, 0, 0.3);
        bpl_network_set_input (net, 0, 1, -0.7);
        bpl_network_set_target (net, 0, 0, 0.2);
        bpl_network_set_target (net, 0, 1, 0.6);
        assert_recompute_agrees (net);
        g_rand_free (rand);
      }
}

/* Reading numbers */

static void
test_parse_values (void)
{
  static const struct {
    const char *text;
    double      value;
    const char *digits;
    int         exponent;
    gboolean    scientific;
  } cases[] = {
    { "0.2406", 0.2406, "2406", -4, FALSE },
    { " 0.2400 ", 0.24, "2400", -4, FALSE },
    { "-0.2171", -0.2171, "2171", -4, FALSE },
    { "−0.2171", -0.2171, "2171", -4, FALSE },
    { "+.5", 0.5, "5", -1, FALSE },
    { "12", 12, "12", 0, FALSE },
    { "0.0005", 0.0005, "5", -4, FALSE },
    { "0", 0, "", 0, FALSE },
    { "0.000", 0, "", -3, FALSE },
    { "2.406e-1", 0.2406, "2406", -4, TRUE },
    { "2.406E-01", 0.2406, "2406", -4, TRUE },
    { "4.977e+2", 497.7, "4977", -1, TRUE },
    { "5e3", 5000, "5", 3, TRUE },
    { "4.9771×10⁻⁴", 4.9771e-4, "49771", -8, TRUE },
    { "4.9771 × 10^-4", 4.9771e-4, "49771", -8, TRUE },
    { "4.9771*10^-4", 4.9771e-4, "49771", -8, TRUE },
    { "1.5x10^2", 150, "15", 1, TRUE },
    { "3.0×10²", 300, "30", 1, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (BplAnswerValue) v = { 0 };
      g_autoptr (GError) error = NULL;
      g_autofree char *trimmed = g_strstrip (g_strdup (cases[i].text));

      g_test_message ("%s", cases[i].text);
      g_assert_true (bpl_answer_value_parse (&v, cases[i].text, &error));
      g_assert_no_error (error);
      assert_close (v.value, cases[i].value, 1e-15, 0);
      g_assert_cmpstr (v.digits, ==, cases[i].digits);
      g_assert_cmpint (v.exponent, ==, cases[i].exponent);
      g_assert_cmpuint (v.significant, ==, strlen (cases[i].digits));
      g_assert_cmpint (v.scientific, ==, cases[i].scientific);
      g_assert_cmpint (v.negative, ==, cases[i].value < 0);
      g_assert_cmpstr (v.text, ==, trimmed);
    }
}

static void
test_parse_errors (void)
{
  static const struct { const char *text; const char *says; } cases[] = {
    { "", "no value" },
    { "   ", "no value" },
    { "abc", "not a number" },
    { "0,2406", "point, not a comma" },
    { "1.2.3", "not a number" },
    { "--1", "not a number" },
    { "1e", "not a number" },
    { "1e+", "not a number" },
    { ".", "not a number" },
    { "-", "not a number" },
    { "nan", "not a number" },
    { "inf", "not a number" },
    { "0x10", "not a number" },
    { "1 2", "not a number" },
    { "1e999", "out of range" },
    { "1e-999", "out of range" },
    { "1×10^", "not a number" },
    { "1×10", "not a number" },
    { "1x10", "not a number" },
    { "12345678901234567890123456789012345678901", "more than 40 digits" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (BplAnswerValue) v = { 0 };
      g_autoptr (GError) error = NULL;

      g_test_message ("“%s”", cases[i].text);
      g_assert_false (bpl_answer_value_parse (&v, cases[i].text, &error));
      g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("“%s”: expected “%s” in: %s", cases[i].text, cases[i].says, error->message);
    }
}

static void
test_parse_answers (void)
{
  g_autofree char *name = NULL;
  g_auto (BplAnswerValue) v = { 0 };
  g_autoptr (GError) error = NULL;

  g_assert_true (bpl_answer_parse (" dE_o1/db1 through h1 = -1.5e-3 ", &name, &v, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "dE_o1/db1 through h1");
  g_assert_cmpfloat (v.value, ==, -1.5e-3);
  bpl_answer_value_clear (&v);
  g_clear_pointer (&name, g_free);

  g_assert_false (bpl_answer_parse ("dout_h2/dnet_h2", &name, &v, &error));
  g_assert_nonnull (strstr (error->message, "NAME=VALUE"));
  g_clear_error (&error);
  g_assert_false (bpl_answer_parse ("=0.24", &name, &v, &error));
  g_assert_nonnull (strstr (error->message, "no name"));
  g_clear_error (&error);
  g_assert_false (bpl_answer_parse ("w3+=", &name, &v, &error));
  g_assert_nonnull (strstr (error->message, "w3+: no value"));
  g_clear_error (&error);
  g_assert_false (bpl_answer_parse ("w3+=0.2498=1", &name, &v, &error));
  g_assert_nonnull (strstr (error->message, "not a number"));
  g_assert_null (name);
}

/* The precision rule, on the decimal digits of the double itself. */
static void
test_precision_rule (void)
{
  static const struct { double value; const char *typed; gboolean matches; } cases[] = {
    { 0.24061341724921839, "0.2406", TRUE },        /* rounded and truncated */
    { 0.24061341724921839, "0.24061", TRUE },
    { 0.24061341724921839, "0.240613417249", TRUE },
    { 0.24061341724921839, "0.24061341725", TRUE },  /* rounded */
    { 0.24061341724921839, "0.24061341724", TRUE },  /* truncated, as the worked example prints it */
    { 0.24061341724921839, "0.2407", FALSE },
    { 0.24061341724921839, "0.2405", FALSE },
    { 0.24061341724921839, "0.24061341726", FALSE },
    { 0.24061341724921839, "2.406e-1", TRUE },
    { 0.24061341724921839, "2.4061341724921839e-1", TRUE },
    { 0.24061341724921839, "-0.2406", FALSE },
    { 0.7413650695523157, "0.7414", TRUE },          /* rounded up */
    { 0.7413650695523157, "0.7413", TRUE },          /* truncated */
    { 0.7413650695523157, "0.7412", FALSE },
    { 0.7413650695523157, "0.7415", FALSE },
    { -0.21707153467853746, "-0.2171", TRUE },
    { -0.21707153467853746, "−0.2170", TRUE },
    { -0.21707153467853746, "0.2171", FALSE },
    { -0.21707153467853746, "-0.21707153469", FALSE }, /* the example's, from rounded inputs */
    { 0.125, "0.12", TRUE },                          /* exactly halfway: both neighbours */
    { 0.125, "0.13", TRUE },
    { 0.125, "0.11", FALSE },
    { 0.125, "0.14", FALSE },
    { 0.3, "0.3", TRUE },                             /* 0.29999999999999998889… */
    { 0.3, "0.30000", TRUE },
    { 0.3, "0.29999", FALSE },
    { 0.0099542547052, "0.00995", TRUE },
    { 0.0099542547052, "0.01", TRUE },
    { 0.0099542547052, "0.0100", TRUE },
    { 0.0099542547052, "0.0099", TRUE },
    { 0.0099542547052, "0.0101", FALSE },
    { 0.0099542547052, "0.0098", FALSE },
    { 0.00002, "0.0000", TRUE },                      /* zero to four decimals, either sign */
    { -0.00002, "0.0000", TRUE },
    { -0.00002, "-0.0000", TRUE },
    { 0, "0", TRUE },
    { 0, "-0.0", TRUE },
    { 0, "0.1", FALSE },
    { 4977.123, "5e3", TRUE },
    { 4977.123, "4.97e3", TRUE },
    { 4977.123, "4.98e3", TRUE },
    { 4977.123, "4.99e3", FALSE },
    { 1e-300, "1e-300", TRUE },
    { 1.7976931348623157e308, "1.797693e308", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (BplAnswerValue) v = { 0 };

      g_assert_true (bpl_answer_value_parse (&v, cases[i].typed, NULL));
      if (bpl_answer_value_matches (&v, cases[i].value) != cases[i].matches)
        g_error ("%.17g against “%s”: expected %s", cases[i].value, cases[i].typed,
                 cases[i].matches ? "a match" : "no match");
    }

  /* Not a number never matches. */
  {
    g_auto (BplAnswerValue) v = { 0 };

    g_assert_true (bpl_answer_value_parse (&v, "1", NULL));
    g_assert_false (bpl_answer_value_matches (&v, NAN));
    g_assert_false (bpl_answer_value_matches (&v, INFINITY));
  }
}

static void
test_format (void)
{
  static const struct { const char *typed; double value; guint min; const char *shown; } cases[] = {
    { "0.5969", 0.24061341724921839, 3, "0.2406" },
    { "0.24", 0.24061341724921839, 3, "0.241" },
    { "0.25", 0.05, 3, "0.05" },         /* exact: no zeros added for min digits */
    { "2.406e-1", 0.24061341724921839, 3, "2.406e-1" },
    { "0.0005", 0.00049771273526, 3, "0.000498" },
    { "-0.7414", 0.7413650695523157, 3, "0.7414" },
    { "0.1", -0.00001, 0, "0.0" },         /* no sign on a zero */
    { "0.1", -0.00001, 1, "-0.00001" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (BplAnswerValue) v = { 0 };
      g_autofree char *shown = NULL;

      g_assert_true (bpl_answer_value_parse (&v, cases[i].typed, NULL));
      shown = bpl_answer_value_format (&v, cases[i].value, cases[i].min);
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

/* Numbers read and written the same in a locale with a decimal comma. */
static void
test_locale (void)
{
  static const char *const comma_locales[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8", "nl_NL.UTF-8" };
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  const char *found = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (comma_locales) && found == NULL; i++)
    found = setlocale (LC_NUMERIC, comma_locales[i]);
  if (found == NULL)
    {
      g_test_skip ("no locale with a decimal comma is installed");
      return;
    }
  {
    g_auto (BplAnswerValue) v = { 0 };
    g_autofree char *shown = NULL;
    g_autoptr (BplCheck) check = worked_check (weight (3));

    g_assert_true (bpl_answer_value_parse (&v, "0.2406", NULL));
    g_assert_cmpfloat (v.value, ==, 0.2406);
    shown = bpl_answer_value_format (&v, 0.24061341724921839, 3);
    g_assert_cmpstr (shown, ==, "0.2406");
    assert_correct (check, "dout_h2/dnet_h2", "0.2406");
    assert_mistake (check, "dout_h2/dnet_h2", "0.5969", BPL_MISTAKE_OUTPUT_FOR_DERIVATIVE, "= 0.2406.", NULL);
  }
  setlocale (LC_NUMERIC, saved);
}

/* Right answers, to the precision typed. */
static void
test_correct (void)
{
  g_autoptr (BplCheck) check = worked_check (weight (3));

  assert_correct (check, "dout_h2/dnet_h2", "0.2406");
  assert_correct (check, "dout_h2/dnet_h2", "0.24061");
  assert_correct (check, "dout_h2/dnet_h2", "0.24061341724"); /* the worked example's, truncated */
  assert_correct (check, "dout_h2/dnet_h2", "2.406e-1");
  assert_correct (check, "dE_o2/dout_o2", "-0.21707153468");
  assert_correct (check, "dE_o2/dout_o2", "−0.2171");
  assert_correct (check, "dE_total/dw3", "0.000497713");
  assert_correct (check, "dE_total/dw3", "4.977×10⁻⁴");
  assert_correct (check, "delta_h2", "0.00995");
  assert_correct (check, "w3+", "0.24975114363");
  assert_correct (check, "w3+", "0.2498");
  assert_correct (check, "w3+", "0.2497");
  /* Exact values need no more digits than they have. */
  assert_correct (check, "dnet_h2/dw3", "0.05");
  assert_correct (check, "dnet_h2/dw3", "5e-2");
  assert_correct (check, "dnet_o1/dout_h2", "0.45");
}

static void
test_min_digits (void)
{
  g_autoptr (BplCheck) check = worked_check (weight (3));

  g_assert_cmpuint (bpl_check_get_min_digits (check), ==, BPL_CHECK_DEFAULT_MIN_DIGITS);
  assert_mistake (check, "dout_h2/dnet_h2", "0.24", BPL_MISTAKE_ROUNDING,
                  "You typed 0.24, 2 significant digits; give at least 3", "∂out_h2/∂net_h2 = ", "0.241.", NULL);
  assert_mistake (check, "dE_total/dw3", "0.0005", BPL_MISTAKE_ROUNDING, "1 significant digit;", "0.000498",
                  NULL);
  bpl_check_set_min_digits (check, 2);
  assert_correct (check, "dout_h2/dnet_h2", "0.24");
  bpl_check_set_min_digits (check, 5);
  assert_mistake (check, "dout_h2/dnet_h2", "0.2406", BPL_MISTAKE_ROUNDING, "give at least 5", "0.24061", NULL);
  assert_correct (check, "dnet_h2/dw3", "0.05");
}

/* Mistakes */

static void
test_output_for_derivative (void)
{
  g_autoptr (BplCheck) check = worked_check (weight (3));
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  g_autoptr (BplForward) fw = bpl_forward_new (net);
  const double *out;
  g_autofree char *gradient = NULL;
  g_autofree char *delta = NULL;
  g_autofree char *path = NULL;
  g_autofree char *new_value = NULL;
  double g;

  bpl_forward_compute (fw, net, 0);
  out = fw->out;

  /* The issue's own example, word for word. */
  assert_mistake (check, "dout_h2/dnet_h2", "0.5969", BPL_MISTAKE_OUTPUT_FOR_DERIVATIVE,
                  "You typed out_h2 = 0.5969; ∂out_h2/∂net_h2 is the sigmoid’s derivative out_h2(1 - out_h2) = 0.2406.",
                  NULL);

  /* δ_o1 = (out_o1 − target_o1)·out_o1. */
  delta = typed ((out[O1] - 0.01) * out[O1], 4);
  assert_mistake (check, "delta_o1", delta, BPL_MISTAKE_OUTPUT_FOR_DERIVATIVE, "uses out_o1 = 0.7514",
                  "∂out_o1/∂net_o1", "out_o1(1 - out_o1) = 0.1868", "δ_o1 = ", NULL);

  /* A path with out_h2 for its slope, the rest right. */
  path = typed (0.05 * out[H2] * 0.45 * out[O1] * (1 - out[O1]) * (out[O1] - 0.01), 5);
  assert_mistake (check, "dE_o1/dw3", path, BPL_MISTAKE_OUTPUT_FOR_DERIVATIVE, "uses out_h2", "∂out_h2/∂net_h2",
                  "∂E_o1/∂w3 = ", NULL);

  /* The gradient with every slope an out. */
  g = 0.05 * out[H2] * (0.45 * out[O1] * (out[O1] - 0.01) + 0.55 * out[O2] * (out[O2] - 0.99));
  gradient = typed (g, 6);
  assert_mistake (check, "dE_total/dw3", gradient, BPL_MISTAKE_OUTPUT_FOR_DERIVATIVE,
                  "each neuron’s output where its activation’s derivative belongs", "out_h2 = 0.596884",
                  "∂E_total/∂w3 = ∂E_o1/∂w3 + ∂E_o2/∂w3 = ", NULL);
  /* …and carried into the new value. */
  new_value = typed (0.25 - 0.5 * g, 6);
  assert_mistake (check, "w3+", new_value, BPL_MISTAKE_OUTPUT_FOR_DERIVATIVE, "w3⁺ = w3 - η * ∂E_total/∂w3", NULL);

  /* tanh: the derivative is 1 − out². */
  {
    g_autoptr (BplNetwork) deep = deep_network ();
    g_autoptr (BplCheck) c = check_new (deep, weight (1), 0);
    g_autoptr (BplForward) f = bpl_forward_new (deep);
    g_autofree char *out_h1 = NULL;

    bpl_forward_compute (f, deep, 0);
    out_h1 = typed (f->out[3], 5);
    assert_mistake (c, "dout_h1/dnet_h1", out_h1, BPL_MISTAKE_OUTPUT_FOR_DERIVATIVE,
                    "tanh’s derivative 1 - out_h1²", NULL);
  }
}

static void
test_sign_flipped (void)
{
  g_autoptr (BplCheck) w3 = worked_check (weight (3));
  g_autoptr (BplCheck) w5 = worked_check (weight (5));
  const BplDerivation *d3 = bpl_check_get_derivation (w3);
  g_autofree char *gradient = NULL;
  g_autofree char *flipped_o2 = NULL;
  g_autofree char *path = NULL;

  assert_mistake (w3, "dE_o1/dout_o1", "-0.7414", BPL_MISTAKE_SIGN_FLIPPED, "which is target_o1 - out_o1",
                  "∂E_o1/∂out_o1 = out_o1 - target_o1 = 0.7414", NULL);
  assert_mistake (w3, "dE_o2/dout_o2", "0.2171", BPL_MISTAKE_SIGN_FLIPPED, "target_o2 - out_o2", NULL);

  /* target − out for o2 only: the first path right, the second negated. */
  flipped_o2 = typed (d3->paths[0].product - d3->paths[1].product, 6);
  assert_mistake (w3, "dE_total/dw3", flipped_o2, BPL_MISTAKE_SIGN_FLIPPED, "uses ∂E_o2/∂out_o2 with its sign flipped",
                  "target_o2 - out_o2 where out_o2 - target_o2 belongs", NULL);

  /* Any answer equal to the value negated. */
  gradient = typed (-bpl_check_get_derivation (w5)->gradient, 4);
  assert_mistake (w5, "dE_total/dw5", gradient, BPL_MISTAKE_SIGN_FLIPPED, "∂E_total/∂w5 = ", "0.08217", NULL);
  path = typed (-d3->paths[0].product, 5);
  assert_mistake (w3, "dE_o1/dw3", path, BPL_MISTAKE_SIGN_FLIPPED, "sign flipped", NULL);
}

static void
test_missing_path (void)
{
  g_autoptr (BplCheck) w3 = worked_check (weight (3));
  g_autoptr (BplCheck) b1 = worked_check (bias (1));
  const BplDerivation *db = bpl_check_get_derivation (b1);
  g_autofree char *one_path_out = NULL;
  g_autofree char *o2_one_path = NULL;
  g_autofree char *o1_only = NULL;
  g_autofree char *delta = NULL;
  g_autofree char *new_value = NULL;
  guint through_h2_to_o2 = G_MAXUINT;
  guint through_h1_to_o2 = G_MAXUINT;

  assert_mistake (w3, "dE_total/dw3", "0.00074980", BPL_MISTAKE_MISSING_PATH, "leaves ∂E_o2/∂w3 = -0.00025209",
                  "∂E_total/∂w3 = ∂E_o1/∂w3 + ∂E_o2/∂w3 = 0.00049771", NULL);

  /* b1: one of four paths left out. */
  for (guint p = 0; p < db->n_paths; p++)
    if (db->paths[p].output == O2)
      {
        if (db->paths[p].neurons[0] == H2)
          through_h2_to_o2 = p;
        else
          through_h1_to_o2 = p;
      }
  g_assert_cmpuint (through_h2_to_o2, <, db->n_paths);
  g_assert_cmpuint (through_h1_to_o2, <, db->n_paths);
  one_path_out = typed (db->gradient - db->paths[through_h2_to_o2].product, 6);
  assert_mistake (b1, "dE_total/db1", one_path_out, BPL_MISTAKE_MISSING_PATH, "leaves ∂E_o2/∂b1 through h2 = ",
                  NULL);
  /* … and out of the sum for o2 alone. */
  o2_one_path = typed (db->paths[through_h1_to_o2].product, 6);
  assert_mistake (b1, "dE_o2/db1", o2_one_path, BPL_MISTAKE_MISSING_PATH, "leaves ∂E_o2/∂b1 through h2", NULL);
  /* … and a whole output's sum. */
  o1_only = typed (lookup (b1, "dE_o1/db1")->value, 6);
  assert_mistake (b1, "dE_total/db1", o1_only, BPL_MISTAKE_MISSING_PATH, "leaves ∂E_o2/∂b1 = ", NULL);

  /* δ_h2 without the term w8·δ_o2. */
  delta = typed (0.45 * lookup (w3, "delta_o1")->value * lookup (w3, "dout_h2/dnet_h2")->value, 5);
  assert_mistake (w3, "delta_h2", delta, BPL_MISTAKE_MISSING_PATH, "leaves w8 * δ_o2 = ",
                  "δ_h2 = (w6 * δ_o1 + w8 * δ_o2) * out_h2(1 - out_h2)", NULL);

  /* A path missing from the gradient, carried into the new value. */
  new_value = typed (0.25 - 0.5 * bpl_check_get_derivation (w3)->paths[0].product, 7);
  assert_mistake (w3, "w3+", new_value, BPL_MISTAKE_MISSING_PATH, "leaves ∂E_o2/∂w3", "w3⁺ = ", NULL);
}

/* The deeper network: w1 reaches each output along four paths. */
static void
test_missing_path_deep (void)
{
  g_autoptr (BplNetwork) deep = deep_network ();
  g_autoptr (BplCheck) check = check_new (deep, weight (1), 0);
  const BplDerivation *d = bpl_check_get_derivation (check);

  g_assert_cmpuint (d->n_paths, ==, 8);
  for (guint p = 0; p < d->n_paths; p++)
    {
      g_autofree char *without = typed (d->gradient - d->paths[p].product, 8);
      g_autofree char *symbol = bpl_expr_render (d->paths[p].symbol, BPL_EXPR_TEXT, 3);
      g_autofree char *leaves = g_strdup_printf ("leaves %s = ", symbol);
      g_autoptr (BplExpr) sum_symbol = bpl_expr_derivative (bpl_expr_new (), "E",
                                                            bpl_network_get_neuron_name (deep, d->paths[p].output),
                                                            "w", "1");
      g_autofree char *sum_name = bpl_expr_render (sum_symbol, BPL_EXPR_TEXT, 3);
      double sum = lookup (check, sum_name)->value;
      g_autofree char *sum_without = typed (sum - d->paths[p].product, 8);

      /* "∂E_o2/∂w1 through h1, h7": which path, by its neurons. */
      g_assert_nonnull (strstr (symbol, " through h1, h"));
      assert_mistake (check, "dE_total/dw1", without, BPL_MISTAKE_MISSING_PATH, leaves, "∂E_total/∂w1 = ", NULL);
      assert_mistake (check, sum_name, sum_without, BPL_MISTAKE_MISSING_PATH, leaves, NULL);
    }
}

static void
test_learning_rate (void)
{
  g_autoptr (BplCheck) check = worked_check (weight (3));
  double g = bpl_check_get_derivation (check)->gradient;
  g_autofree char *forgot = typed (0.25 - g, 6);
  g_autofree char *twice = typed (0.25 - 0.25 * g, 6);

  assert_mistake (check, "w3+", forgot, BPL_MISTAKE_LEARNING_RATE, "w3 - ∂E_total/∂w3, without η = 0.5",
                  "w3⁺ = w3 - η * ∂E_total/∂w3 = 0.25 - 0.5 * 0.000497713 = 0.249751", NULL);
  assert_mistake (check, "w3+", twice, BPL_MISTAKE_LEARNING_RATE, "applies η = 0.5 twice", NULL);

  /* With η = 1 neither is a mistake of its own, and η = 0.5 is not η. */
  {
    g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
    g_autoptr (BplCheck) one = NULL;

    bpl_network_set_learning_rate (net, 1.0);
    one = check_new (net, weight (3), 0);
    assert_correct (one, "w3+", "0.2495");
    assert_mistake (one, "w3+", "0.2498", BPL_MISTAKE_UNKNOWN, NULL);
  }
}

static void
test_wrong_weight (void)
{
  g_autoptr (BplCheck) w1 = worked_check (weight (1));
  g_autoptr (BplCheck) w3 = worked_check (weight (3));
  g_autofree char *delta = NULL;

  /* ∂net_o2/∂out_h1 is w7; w5 also leaves h1, w8 also enters o2. */
  assert_mistake (w1, "dnet_o2/dout_h1", "0.4", BPL_MISTAKE_WRONG_WEIGHT,
                  "You typed w5 = 0.4; ∂net_o2/∂out_h1 is the weight from h1 to o2, w7 = 0.5.", NULL);
  assert_mistake (w1, "dnet_o2/dout_h1", "0.55", BPL_MISTAKE_WRONG_WEIGHT, "You typed w8 = 0.55", "w7 = 0.5",
                  NULL);

  /* δ_h1 with w5 where w7 belongs. */
  delta = typed ((0.4 * lookup (w1, "delta_o1")->value + 0.4 * lookup (w1, "delta_o2")->value)
                 * lookup (w1, "dout_h1/dnet_h1")->value, 6);
  assert_mistake (w1, "delta_h1", delta, BPL_MISTAKE_WRONG_WEIGHT, "uses w5 = 0.4 where w7 = 0.5 belongs",
                  "the weight from h1 to o2", "δ_h1 = ", NULL);

  /* The weight itself for ∂net/∂w, the bias for ∂net/∂b. */
  assert_mistake (w3, "dnet_h2/dw3", "0.25", BPL_MISTAKE_WRONG_WEIGHT,
                  "You typed w3 = 0.25; ∂net_h2/∂w3 is what multiplies w3 in net_h2: i1 = 0.05.", NULL);
  {
    g_autoptr (BplCheck) b1 = worked_check (bias (1));

    assert_mistake (b1, "dnet_h2/db1", "0.35", BPL_MISTAKE_WRONG_WEIGHT,
                    "You typed b1 = 0.35; ∂net_h2/∂b1 is what multiplies b1 in net_h2: 1.", NULL);
  }
}

/* A mistake that moves the value by less than a slip in the last digit
 * does not explain a slip: w5 = 0.500006 is not why 0.50001 was typed for
 * w7 = 0.5. Given exactly, it is. */
static void
test_mistake_must_stand_out (void)
{
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  g_autoptr (BplCheck) check = NULL;

  bpl_network_set_weight (net, 4, 0.500006);
  check = check_new (net, weight (1), 0);
  assert_mistake (check, "dnet_o2/dout_h1", "0.50001", BPL_MISTAKE_ROUNDING, "one unit off", NULL);
  assert_mistake (check, "dnet_o2/dout_h1", "0.500006", BPL_MISTAKE_WRONG_WEIGHT, "You typed w5 = 0.500006", NULL);
}

static void
test_wrong_sample (void)
{
  static const double input[] = { 1.0, -1.0 };
  static const double target[] = { 0.5, 0.25 };
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  g_autoptr (BplCheck) check = NULL;
  g_autoptr (BplCheck) other = NULL;
  g_autoptr (BplNetwork) deep = deep_network ();
  g_autoptr (BplCheck) deep_second = check_new (deep, weight (5), 1);
  g_autoptr (BplCheck) deep_first = check_new (deep, weight (5), 0);
  g_autofree char *slope = NULL;
  g_autofree char *gradient = NULL;

  bpl_network_add_sample (net, input, target);
  check = check_new (net, weight (3), 0);
  other = check_new (net, weight (3), 1);

  slope = typed (lookup (other, "dout_h2/dnet_h2")->value, 5);
  assert_mistake (check, "dout_h2/dnet_h2", slope, BPL_MISTAKE_WRONG_SAMPLE,
                  "is ∂out_h2/∂net_h2 for sample 2; for sample 1, the one selected, ∂out_h2/∂net_h2 = ", NULL);

  gradient = typed (lookup (deep_first, "dE_total/dw5")->value, 6);
  assert_mistake (deep_second, "dE_total/dw5", gradient, BPL_MISTAKE_WRONG_SAMPLE, "for sample 1; for sample 2",
                  NULL);
}

static void
test_rounding (void)
{
  g_autoptr (BplCheck) check = worked_check (weight (3));
  const BplDerivation *d = bpl_check_get_derivation (check);
  g_autofree char *slope = NULL;
  g_autofree char *gradient = NULL;
  double sum = 0;

  /* Rounded too far, then filled up with zeros. */
  assert_mistake (check, "dout_h2/dnet_h2", "0.2400", BPL_MISTAKE_ROUNDING, "cut to 3 significant digits",
                  "= 0.2406.", NULL);
  /* One off in the last digit; the worked example's own −0.21707153469. */
  assert_mistake (check, "dout_h2/dnet_h2", "0.2407", BPL_MISTAKE_ROUNDING, "one unit off in the last digit",
                  "0.240613", "rounds to 0.2406", NULL);
  assert_mistake (check, "dE_o2/dout_o2", "-0.21707153469", BPL_MISTAKE_ROUNDING, "one unit off", NULL);

  /* out_h2 rounded to 0.5969 first: 0.5969·(1 − 0.5969). */
  slope = typed (0.5969 * (1 - 0.5969), 8);
  assert_mistake (check, "dout_h2/dnet_h2", slope, BPL_MISTAKE_ROUNDING,
                  "intermediate values rounded to 4 significant digits", "Worked out unrounded", NULL);

  /* The gradient from factors and products rounded to 4 significant digits. */
  for (guint p = 0; p < d->n_paths; p++)
    {
      double product = 1;

      for (guint i = 0; i < d->paths[p].n_factors; i++)
        {
          g_autofree char *f = typed (d->paths[p].factors[i].value, 4);
          product *= g_ascii_strtod (f, NULL);
        }
      {
        g_autofree char *rounded = typed (product, 4);
        sum += g_ascii_strtod (rounded, NULL);
      }
    }
  gradient = typed (sum, 10);
  assert_mistake (check, "dE_total/dw3", gradient, BPL_MISTAKE_ROUNDING,
                  "intermediate values rounded to 4 significant digits", NULL);
}

static void
test_unknown (void)
{
  g_autoptr (BplCheck) check = worked_check (weight (3));

  assert_mistake (check, "dout_h2/dnet_h2", "0.3172", BPL_MISTAKE_UNKNOWN,
                  "You typed 0.3172; ∂out_h2/∂net_h2 = out_h2(1 - out_h2) = 0.2406.", NULL);
  /* Too few digits to tell: 0.6 is out_h2 = 0.5969 to one digit, but so
   * would many a number be. */
  assert_mistake (check, "dout_h2/dnet_h2", "0.6", BPL_MISTAKE_UNKNOWN,
                  "You typed 0.6, 1 significant digit: too few to tell what went wrong; give at least 3.", NULL);
  assert_mistake (check, "w3+", "7.5", BPL_MISTAKE_UNKNOWN, "w3⁺ = w3 - η * ∂E_total/∂w3", NULL);
}

/* The app shows diagnoses as Pango markup: names with subscripts, escaped. */
static void
test_markup (void)
{
  g_autoptr (BplCheck) check = worked_check (weight (3));
  g_autoptr (BplVerdict) v = judge_style (check, "dout_h2/dnet_h2", "0.5969", BPL_EXPR_MARKUP);
  g_autoptr (BplVerdict) n = judge_style (check, "dE_o1/dout_o1", "-0.7414", BPL_EXPR_MARKUP);
  g_autoptr (GMarkupParseContext) parser = NULL;
  g_autofree char *wrapped = g_strconcat ("<markup>", n->diagnosis, "</markup>", NULL);
  static const GMarkupParser nothing = { 0 };
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (strstr (v->diagnosis, "out<sub>h2</sub> = 0.5969"));
  g_assert_nonnull (strstr (v->diagnosis, "(1 − out<sub>h2</sub>)"));
  /* A typeset minus in what was typed, and well-formed markup. */
  g_assert_nonnull (strstr (n->diagnosis, "−0.7414"));
  parser = g_markup_parse_context_new (&nothing, 0, NULL, NULL);
  g_assert_true (g_markup_parse_context_parse (parser, wrapped, -1, &error));
  g_assert_no_error (error);
}

/* Hints */

static void
test_hints (void)
{
  g_autoptr (BplCheck) check = worked_check (weight (3));
  const BplCheckQuantity *slope = lookup (check, "dout_h2/dnet_h2");
  const BplCheckQuantity *path = lookup (check, "dE_o1/dw3");
  const BplCheckQuantity *update = lookup (check, "w3+");
  const BplCheckQuantity *gradient = lookup (check, "dE_total/dw3");
  const BplCheckQuantity *delta = lookup (check, "delta_h2");
  g_autofree char *h = NULL;

  /* A factor: its formula, then its numbers, never its value. */
  g_assert_cmpuint (bpl_check_get_n_hints (check, slope), ==, 2);
  h = bpl_check_dup_hint (check, slope, 0, BPL_EXPR_TEXT, 4);
  g_assert_cmpstr (h, ==, "∂out_h2/∂net_h2 = out_h2(1 - out_h2)");
  g_clear_pointer (&h, g_free);
  h = bpl_check_dup_hint (check, slope, 1, BPL_EXPR_TEXT, 4);
  g_assert_cmpstr (h, ==, "∂out_h2/∂net_h2 = out_h2(1 - out_h2) = 0.5969(1 - 0.5969)");
  g_clear_pointer (&h, g_free);

  /* A path: the chain, then one factor at a time, formula then numbers. */
  g_assert_cmpuint (bpl_check_get_n_hints (check, path), ==, 1 + 2 * 5);
  h = bpl_check_dup_hint (check, path, 0, BPL_EXPR_TEXT, 4);
  g_assert_cmpstr (h, ==, "∂E_o1/∂w3 = (∂net_h2/∂w3) * (∂out_h2/∂net_h2) * (∂net_o1/∂out_h2) * "
                          "(∂out_o1/∂net_o1) * (∂E_o1/∂out_o1)");
  g_clear_pointer (&h, g_free);
  h = bpl_check_dup_hint (check, path, 1, BPL_EXPR_TEXT, 4);
  g_assert_cmpstr (h, ==, "∂net_h2/∂w3 = ∂(w3 * i1 + w4 * i2 + b1 * 1)/∂w3 = i1");
  g_clear_pointer (&h, g_free);
  h = bpl_check_dup_hint (check, path, 2, BPL_EXPR_TEXT, 4);
  g_assert_cmpstr (h, ==, "∂net_h2/∂w3 = i1 = 0.05");
  g_clear_pointer (&h, g_free);
  h = bpl_check_dup_hint (check, path, 4, BPL_EXPR_TEXT, 4);
  g_assert_cmpstr (h, ==, "∂out_h2/∂net_h2 = out_h2(1 - out_h2) = 0.5969(1 - 0.5969) = 0.2406");
  g_clear_pointer (&h, g_free);
  /* Every hint of the path keeps its product back. */
  for (guint i = 0; i < bpl_check_get_n_hints (check, path); i++)
    {
      g_autofree char *hint = bpl_check_dup_hint (check, path, i, BPL_EXPR_TEXT, 4);

      g_assert_null (strstr (hint, "0.0007498"));
    }

  g_assert_cmpuint (bpl_check_get_n_hints (check, gradient), ==, 3);
  h = bpl_check_dup_hint (check, gradient, 0, BPL_EXPR_TEXT, 4);
  g_assert_cmpstr (h, ==, "∂E_total/∂w3 = ∂E_o1/∂w3 + ∂E_o2/∂w3");
  g_clear_pointer (&h, g_free);
  h = bpl_check_dup_hint (check, gradient, 2, BPL_EXPR_TEXT, 4);
  g_assert_cmpstr (h, ==, "∂E_o2/∂w3 = -0.0002521");
  g_clear_pointer (&h, g_free);

  g_assert_cmpuint (bpl_check_get_n_hints (check, delta), ==, 2);
  h = bpl_check_dup_hint (check, delta, 0, BPL_EXPR_TEXT, 4);
  g_assert_cmpstr (h, ==, "δ_h2 = (w6 * δ_o1 + w8 * δ_o2) * out_h2(1 - out_h2)");
  g_clear_pointer (&h, g_free);

  g_assert_cmpuint (bpl_check_get_n_hints (check, update), ==, 3);
  h = bpl_check_dup_hint (check, update, 0, BPL_EXPR_TEXT, 4);
  g_assert_cmpstr (h, ==, "w3⁺ = w3 - η * ∂E_total/∂w3");
  g_clear_pointer (&h, g_free);
  h = bpl_check_dup_hint (check, update, 2, BPL_EXPR_TEXT, 4);
  g_assert_cmpstr (h, ==, "w3⁺ = 0.25 - 0.5 * 0.0004977");
  g_clear_pointer (&h, g_free);
  h = bpl_check_dup_hint (check, update, 0, BPL_EXPR_MARKUP, 4);
  g_assert_cmpstr (h, ==, "w<sub>3</sub>⁺ = w<sub>3</sub> − η·∂E<sub>total</sub>/∂w<sub>3</sub>");
  g_clear_pointer (&h, g_free);

  /* Sums per output: each path of b1 to o1 in turn. */
  {
    g_autoptr (BplCheck) b1 = worked_check (bias (1));
    const BplCheckQuantity *sum = lookup (b1, "dE_o1/db1");

    g_assert_cmpuint (bpl_check_get_n_hints (b1, sum), ==, 3);
    h = bpl_check_dup_hint (b1, sum, 0, BPL_EXPR_TEXT, 4);
    g_assert_cmpstr (h, ==, "∂E_o1/∂b1 = ∂E_o1/∂b1 through h1 + ∂E_o1/∂b1 through h2");
    g_clear_pointer (&h, g_free);
  }
}

/* Every quantity of several parameters, typed right, is right; negated
 * (when not zero), it is wrong with a diagnosis. */
static void
test_every_quantity (void)
{
  g_autoptr (BplNetwork) deep = deep_network ();
  const BplParam params[] = { weight (1), weight (20), weight (33), bias (1), bias (3) };

  for (guint i = 0; i < G_N_ELEMENTS (params); i++)
    {
      g_autoptr (BplCheck) check = check_new (deep, params[i], 1);

      for (guint k = 0; k < bpl_check_get_n_quantities (check); k++)
        {
          const BplCheckQuantity *q = bpl_check_get_quantity (check, k);
          g_autofree char *right = typed (q->value, 9);
          g_autofree char *wrong = typed (-q->value, 9);
          g_autofree char *odd = typed (q->value * 1.37 + 0.011, 9);

          assert_correct (check, q->ascii, right);
          if (q->value != 0)
            assert_mistake (check, q->name, wrong, BPL_MISTAKE_SIGN_FLIPPED, q->name, NULL);
          {
            g_autoptr (BplVerdict) v = judge (check, q->name, odd);

            g_assert_false (v->correct);
            g_assert_nonnull (v->diagnosis);
            g_assert_nonnull (strstr (v->diagnosis, q->name));
          }
        }
    }
}

/* A translation may put the diagnosis's parts in another order with
 * %N$s, as printf allows: each part lands where its number says. */
static void
test_say_reorders (void)
{
  static const struct { const char *template; const char *text; } cases[] = {
    { "%s typed, %s expected", "a typed, b expected" },
    { "%2$s expected, %1$s typed", "b expected, a typed" },
    { "%2$s: %1$s, %2$s", "b: a, b" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BplExpr) e = _bpl_check_say (cases[i].template,
                                             bpl_expr_text (bpl_expr_new (), "a"),
                                             bpl_expr_text (bpl_expr_new (), "b"));
      g_autofree char *text = bpl_expr_render (e, BPL_EXPR_TEXT, 4);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/check/names", test_names);
  g_test_add_func ("/check/names-other-params", test_names_other_params);
  g_test_add_func ("/check/unknown-name", test_unknown_name);
  g_test_add_func ("/check/recompute-agrees", test_recompute_agrees);
  g_test_add_func ("/check/parse-values", test_parse_values);
  g_test_add_func ("/check/parse-errors", test_parse_errors);
  g_test_add_func ("/check/parse-answers", test_parse_answers);
  g_test_add_func ("/check/precision-rule", test_precision_rule);
  g_test_add_func ("/check/format", test_format);
  g_test_add_func ("/check/locale", test_locale);
  g_test_add_func ("/check/correct", test_correct);
  g_test_add_func ("/check/min-digits", test_min_digits);
  g_test_add_func ("/check/mistake/output-for-derivative", test_output_for_derivative);
  g_test_add_func ("/check/mistake/sign-flipped", test_sign_flipped);
  g_test_add_func ("/check/mistake/missing-path", test_missing_path);
  g_test_add_func ("/check/mistake/missing-path-deep", test_missing_path_deep);
  g_test_add_func ("/check/mistake/learning-rate", test_learning_rate);
  g_test_add_func ("/check/mistake/wrong-weight", test_wrong_weight);
  g_test_add_func ("/check/mistake/wrong-sample", test_wrong_sample);
  g_test_add_func ("/check/mistake/must-stand-out", test_mistake_must_stand_out);
  g_test_add_func ("/check/mistake/rounding", test_rounding);
  g_test_add_func ("/check/mistake/unknown", test_unknown);
  g_test_add_func ("/check/markup", test_markup);
  g_test_add_func ("/check/hints", test_hints);
  g_test_add_func ("/check/every-quantity", test_every_quantity);
  g_test_add_func ("/check/say-reorders", test_say_reorders);

  return g_test_run ();
}

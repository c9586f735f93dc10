/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-number-text: numbers typed and shown in the locale's way. The rules
 * are checked with the separators given (no locale needed), then with the
 * real locales where they are installed (scripts/install-deps.sh generates
 * them); a missing locale skips its test. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "backprop-lens.h"
#include "bpl-number-text.h"

typedef struct
{
  const char *text;
  double      value;    /* when accepted */
  const char *refusal;  /* NULL: accepted */
} Case;

static void
check_cases (const char *decimal, const char *group, const Case *cases, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      double value = -12345;
      gboolean ok = bpl_number_text_parse_with (cases[i].text, decimal, group, &value, &error);

      g_test_message ("“%s” with decimal “%s”, group “%s”", cases[i].text, decimal, group);
      if (cases[i].refusal == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpfloat (value, ==, cases[i].value);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
          g_assert_cmpstr (error->message, ==, cases[i].refusal);
          g_assert_cmpfloat (value, ==, -12345);
        }
    }
}

/* German, Spanish, Brazilian Portuguese: 0,25 and 1.000,5. */
static void
test_comma_locale (void)
{
  static const Case cases[] = {
    { "0,25", 0.25, NULL },
    { " −0,5 ", -0.5, NULL },
    { "-1,5e-3", -1.5e-3, NULL },
    { "2", 2, NULL },
    { ",5", 0.5, NULL },
    /* The point from habit, where it cannot be a thousands separator. */
    { "0.25", 0.25, NULL },
    { "0.250", 0.25, NULL },
    { "1.5", 1.5, NULL },
    { "12.3456", 12.3456, NULL },
    { "1.000e2", 100, NULL },
    /* Thousands separators the locale's way. */
    { "1.000,5", 1000.5, NULL },
    { "1.000.000", 1e6, NULL },
    { "1.234.567,25", 1234567.25, NULL },
    /* A thousand or one? */
    { "1.000", 0, "“1.000” could be 1 or 1000; type one of them" },
    { "-12.345", 0, "“-12.345” could be -12,345 or -12345; type one of them" },
    { "1,5,0", 0, "“1,5,0” has more than one “,”; a number has one decimal separator" },
    { "1,000.5", 0, "“1,000.5” mixes “.” and “,”; type one decimal separator and no thousands separators" },
    { "1.00.0", 0, "“1.00.0” has more than one “.”; type one decimal separator and no thousands separators" },
    { "1.0,5.0", 0, "“1.0,5.0” mixes “.” and “,”; type one decimal separator and no thousands separators" },
    { "", 0, "type a number" },
    { "   ", 0, "type a number" },
    { "abc", 0, "“abc” is not a number" },
    { "0x10", 0, "“0x10” is not a number" },
    { "12abc", 0, "“12abc” is not a number" },
    { "1e", 0, "“1e” is not a number" },
    { "e5", 0, "“e5” is not a number" },
    { ",", 0, "“,” is not a number" },
    { "1-2", 0, "“1-2” is not a number" },
  };

  check_cases (",", ".", cases, G_N_ELEMENTS (cases));
}

/* English and C: 0.25; a comma is a decimal one only where it cannot be a
 * thousands separator. */
static void
test_point_locale (void)
{
  static const Case cases[] = {
    { "0.25", 0.25, NULL },
    { "0.25e-1", 0.025, NULL },
    { "0,25", 0.25, NULL },
    { "1,5", 1.5, NULL },
    { "1,000", 0, "“1,000” could be 1 or 1000; type one of them" },
    { "1,000,000", 0, "“1,000,000” has more than one “,”; type one decimal separator and no thousands separators" },
    { "1.5.0", 0, "“1.5.0” has more than one “.”; a number has one decimal separator" },
    { "1,000.5", 0, "“1,000.5” mixes “.” and “,”; type one decimal separator and no thousands separators" },
  };
  /* en_US groups with ",": then 1,000,000 is a million. */
  static const Case english[] = {
    { "1,000,000", 1e6, NULL },
    { "1,000.5", 1000.5, NULL },
    { "1,000", 0, "“1,000” could be 1 or 1000; type one of them" },
  };

  check_cases (".", "", cases, G_N_ELEMENTS (cases));
  check_cases (".", NULL, cases, 4);
  check_cases (".", ",", english, G_N_ELEMENTS (english));
}

/* French groups with a narrow no-break space. */
static void
test_space_group (void)
{
  static const Case cases[] = {
    { "1\u202f000,5", 1000.5, NULL },
    { "1\u202f000\u202f000", 1e6, NULL },
    { "0,25", 0.25, NULL },
  };

  check_cases (",", "\u202f", cases, G_N_ELEMENTS (cases));
  /* A space that is not the locale's is no separator at all. */
  {
    g_autoptr(GError) error = NULL;
    double v;

    g_assert_false (bpl_number_text_parse_with ("1 000", ",", "\u202f", &v, &error));
    g_assert_cmpstr (error->message, ==, "“1 000” is not a number");
  }
}

static gboolean
use_locale (const char *name)
{
  if (setlocale (LC_NUMERIC, name) == NULL)
    {
      g_autofree char *why = g_strdup_printf ("locale %s is not installed (scripts/install-deps.sh generates it)", name);
      g_test_skip (why);
      return FALSE;
    }
  return TRUE;
}

/* The real locales: shown and read back the same, with their separator. */
static void
test_real_locale (gconstpointer data)
{
  const char *name = data;
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *shown = NULL;
  g_autoptr(GError) error = NULL;
  double v = 0;

  if (!use_locale (name))
    return;
  g_assert_cmpstr (bpl_number_text_decimal_separator (), ==, ",");
  shown = bpl_number_text_format (-0.25, 11);
  g_assert_cmpstr (shown, ==, "-0,25");
  g_assert_true (bpl_number_text_parse (shown, &v, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (v, ==, -0.25);
  g_assert_true (bpl_number_text_parse ("0.5", &v, NULL));
  g_assert_cmpfloat (v, ==, 0.5);
  g_assert_false (bpl_number_text_parse ("1,5,0", &v, NULL));
  /* The core's own text stays with the point. */
  {
    g_autofree char *core = bpl_format_number (-0.25, 11);
    g_assert_cmpstr (core, ==, "-0.25");
  }
  setlocale (LC_NUMERIC, saved);
}

static void
test_c_locale (void)
{
  g_autofree char *shown = NULL;

  setlocale (LC_NUMERIC, "C");
  g_assert_cmpstr (bpl_number_text_decimal_separator (), ==, ".");
  shown = bpl_number_text_format (0.1 + 0.2, 11);
  g_assert_cmpstr (shown, ==, "0.3");
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/number-text/comma", test_comma_locale);
  g_test_add_func ("/number-text/point", test_point_locale);
  g_test_add_func ("/number-text/space-group", test_space_group);
  g_test_add_func ("/number-text/c", test_c_locale);
  g_test_add_data_func ("/number-text/locale/de_DE", "de_DE.UTF-8", test_real_locale);
  g_test_add_data_func ("/number-text/locale/fr_FR", "fr_FR.UTF-8", test_real_locale);
  g_test_add_data_func ("/number-text/locale/es_ES", "es_ES.UTF-8", test_real_locale);
  g_test_add_data_func ("/number-text/locale/pt_BR", "pt_BR.UTF-8", test_real_locale);
  return g_test_run ();
}

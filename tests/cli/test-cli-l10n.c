/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-l10n: backprop-lens-cli in the student's language. Run once per
 * catalogue with LANGUAGE, LC_ALL and BPL_LOCALEDIR set (tests/cli/
 * meson.build). The help, the derivation's texts and the core's errors come
 * out translated; JSON stays English, with its numbers as JSON writes them;
 * numbers in text keep the decimal point. Skips when the system lacks the
 * language's locale. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "test-util.h"

/* The catalogue's translation of @english, asserted to differ from it. */
static const char *translated (const char *english) G_GNUC_FORMAT (1);

static const char *
translated (const char *english)
{
  const char *text = g_dgettext (GETTEXT_PACKAGE, english);

  g_assert_cmpstr (text, !=, english);
  return text;
}

static void
test_help (void)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (bpl_test_run (BPL_CLI_PATH, &out, NULL, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, translated ("Commands:")));
}

/* The factors' descriptions in text, and the numbers with a point. */
static void
test_explain_text (void)
{
  g_autofree char *out = NULL;
  g_autofree char *expected = g_strdup_printf (
      translated ("how much the output of %s changes with respect to its total net input"), "h2");

  g_assert_cmpint (bpl_test_run (BPL_CLI_PATH, &out, NULL, "explain", "w3", NULL), ==, 0);
  g_assert_nonnull (strstr (out, expected));
  g_assert_nonnull (strstr (out, "0.24061341725"));
}

/* JSON is for programs: the same English texts in every locale. */
static void
test_explain_json (void)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonObject) root = NULL;
  JsonObject *factor;

  g_assert_cmpint (bpl_test_run (BPL_CLI_PATH, &out, NULL, "explain", "--format", "json", "w3", NULL), ==, 0);
  root = bpl_test_parse_object (out);
  factor = json_array_get_object_element (
      json_object_get_array_member (json_array_get_object_element (json_object_get_array_member (root, "paths"), 0),
                                    "factors"), 1);
  g_assert_cmpstr (json_object_get_string_member (factor, "description"), ==,
                   "how much the output of h2 changes with respect to its total net input");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "value"), 0.25, 1e-15);
}

/* A message of the core, through the CLI's error line. */
static void
test_core_error (void)
{
  g_autofree char *err = NULL;
  g_autofree char *expected = g_strdup_printf (
      translated ("no parameter “%s”: this network has weights w1…w%u and biases b1…b%u"), "w99", 8u, 2u);

  g_assert_cmpint (bpl_test_run (BPL_CLI_PATH, NULL, &err, "explain", "w99", NULL), !=, 0);
  g_assert_nonnull (strstr (err, expected));
}

int
main (int argc, char *argv[])
{
  const char *locale;

  g_test_init (&argc, &argv, NULL);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("BPL_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  locale = setlocale (LC_ALL, "");
  if (locale == NULL || g_str_equal (locale, "C") || g_str_has_prefix (locale, "C."))
    {
      g_print ("1..0 # SKIP the locale %s is not installed\n", g_getenv ("LC_ALL"));
      return 0;
    }

  g_test_add_func ("/cli-l10n/help", test_help);
  g_test_add_func ("/cli-l10n/explain-text", test_explain_text);
  g_test_add_func ("/cli-l10n/explain-json", test_explain_json);
  g_test_add_func ("/cli-l10n/core-error", test_core_error);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-i18n: the window in the student's language. Run once per catalogue
 * with LANGUAGE and LC_ALL set to it (tests/app/meson.build); the catalogue
 * comes from the build tree. The title, the subtitle, the training buttons
 * and the side panel's pages show the catalogue's words, not the English
 * ones. Skips when the system lacks the language's locale. */
#include "config.h"

#include "app-test-util.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "bpl-window-private.h"

typedef BplAppFixture Fixture;

/* @shown is the catalogue's translation of @english, and that differs from
 * the English: the catalogue is loaded and has the message. */
static void
assert_translated (const char *shown,
                   const char *english)
{
  const char *expected = g_dgettext (GETTEXT_PACKAGE, english);

  g_test_message ("“%s” → “%s”", english, shown);
  g_assert_cmpstr (expected, !=, english);
  g_assert_cmpstr (shown, ==, expected);
}

static const char *
button_label (GtkWidget  *window,
              const char *action)
{
  GtkWidget *button = bpl_app_test_find_actionable (window, action);
  GtkWidget *child;

  g_assert_nonnull (button);
  child = gtk_button_get_child (GTK_BUTTON (button));
  if (ADW_IS_BUTTON_CONTENT (child))
    return adw_button_content_get_label (ADW_BUTTON_CONTENT (child));
  return gtk_button_get_label (GTK_BUTTON (button));
}

static void
test_window (Fixture      *f,
             gconstpointer data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkStack *stack;
  GtkMenuButton *train = NULL;
  g_autoptr(GPtrArray) menus = NULL;

  /* The built-in example's name is its title until it is saved. */
  assert_translated (gtk_window_get_title (GTK_WINDOW (window)), "Worked example");
  assert_translated (adw_window_title_get_subtitle (f->window->window_title), "Built-in example");

  assert_translated (button_label (window, "win.step"), "_Step");
  assert_translated (button_label (window, "win.play"), "_Play");
  assert_translated (button_label (window, "win.reset"), "_Reset");
  menus = bpl_app_test_find_all (window, GTK_TYPE_MENU_BUTTON);
  for (guint i = 0; i < menus->len && train == NULL; i++)
    if (gtk_menu_button_get_label (g_ptr_array_index (menus, i)) != NULL)
      train = g_ptr_array_index (menus, i);
  g_assert_nonnull (train);
  assert_translated (gtk_menu_button_get_label (train), "_Train");

  stack = f->window->side_stack;
  assert_translated (gtk_stack_page_get_title (gtk_stack_get_page (stack, gtk_stack_get_child_by_name (stack, "derivation"))),
                     "Derivation");
  assert_translated (gtk_stack_page_get_title (gtk_stack_get_page (stack, gtk_stack_get_child_by_name (stack, "parameters"))),
                     "Parameters");
}

int
main (int argc, char *argv[])
{
  const char *locale;

  /* The window's texts come from the catalogue built in the tree. */
  bindtextdomain (GETTEXT_PACKAGE, BPL_TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  locale = setlocale (LC_ALL, "");
  if (locale == NULL || g_str_equal (locale, "C") || g_str_has_prefix (locale, "C."))
    {
      g_print ("1..0 # SKIP the locale %s is not installed (scripts/install-deps.sh generates it)\n",
               g_getenv ("LC_ALL"));
      return 0;
    }
  if (!bpl_app_test_init (&argc, &argv))
    return 0;

  g_test_add ("/i18n/window", Fixture, NULL, bpl_app_fixture_set_up, test_window,
              bpl_app_fixture_tear_down);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-furniture: what a lecturer meets in the first hour. The title names
 * the file; Open Recent lists what opened, with its folder; Ctrl+W closes
 * and asks; a submenu's item leaves the keyboard working and a menu is not
 * covered by its button's tooltip; the loss plot's labels fit; presentation
 * mode gives the side panel back; the recovery question's dates cannot be
 * misread; every menu capitalises alike. */
#include "config.h"

#include "app-test-util.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bpl-application.h"
#include "bpl-architecture-window.h"
#include "bpl-loss-plot.h"
#include "bpl-preferences-window.h"
#include "bpl-file-names.h"
#include "bpl-recovery-dialog.h"
#include "bpl-window-private.h"

static char *tmp_dir;

typedef BplAppFixture Fixture;

/* Answers the one dialog over @window with @response, and closes it. */
static void
answer_dialog (GtkWindow  *window,
               const char *response)
{
  g_autoptr(GPtrArray) dialogs = NULL;

  bpl_app_test_iterate (5);
  dialogs = bpl_app_test_dialogs_over (GTK_WINDOW (window));
  g_assert_cmpuint (dialogs->len, ==, 1);
  adw_message_dialog_response (g_ptr_array_index (dialogs, 0), response);
  gtk_window_destroy (g_ptr_array_index (dialogs, 0));
  bpl_app_test_iterate (5);
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static void
write_network (const char       *path,
               const BplNetwork *network)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bpl_network_save_to_file (network, path, &error));
  g_assert_no_error (error);
}

/* Title */

/* A folder as GNOME Text Editor writes it: ~ for the home folder, and only
 * for the home folder (/home/ann2 is not in /home/ann). */
static void
test_folder (void)
{
  const char *home = g_get_home_dir ();
  g_autofree char *in_home = g_build_filename (home, "Lectures", "xor.json", NULL);
  g_autofree char *at_home = g_build_filename (home, "xor.json", NULL);
  g_autofree char *beside = g_strconcat (home, "2", G_DIR_SEPARATOR_S, "xor.json", NULL);
  g_autofree char *beside_dir = g_strconcat (home, "2", NULL);
  g_autoptr(GFile) f1 = g_file_new_for_path (in_home);
  g_autoptr(GFile) f2 = g_file_new_for_path (at_home);
  g_autoptr(GFile) f3 = g_file_new_for_path (beside);
  g_autofree char *d1 = bpl_file_dup_folder_name (f1);
  g_autofree char *d2 = bpl_file_dup_folder_name (f2);
  g_autofree char *d3 = bpl_file_dup_folder_name (f3);

  g_assert_cmpstr (d1, ==, "~/Lectures");
  g_assert_cmpstr (d2, ==, "~");
  g_assert_cmpstr (d3, ==, beside_dir);
}

/* The title is the file's name, not the network's, with the folder below;
 * before there is a file it is the example's name. */
static void
test_title (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = tmp_path ("lesson 3.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Worked example");
  g_assert_cmpstr (adw_window_title_get_subtitle (f->window->window_title), ==, "Built-in example");

  /* The file keeps the network's own name inside: the title does not show it. */
  write_network (path, network);
  g_assert_true (bpl_window_open_file (f->window, file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "lesson 3.json");
  g_assert_cmpstr (adw_window_title_get_title (f->window->window_title), ==, "lesson 3.json");
  g_assert_cmpstr (adw_window_title_get_subtitle (f->window->window_title), ==, tmp_dir);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.step", NULL));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "• lesson 3.json");
  subtitle = g_strdup_printf ("%s — unsaved changes", tmp_dir);
  g_assert_cmpstr (adw_window_title_get_subtitle (f->window->window_title), ==, subtitle);

  /* The question before closing names the file as the title does. */
  gtk_window_close (GTK_WINDOW (f->window));
  {
    g_autoptr(GPtrArray) dialogs = NULL;

    bpl_app_test_iterate (5);
    dialogs = bpl_app_test_dialogs_over (GTK_WINDOW (f->window));
    g_assert_cmpuint (dialogs->len, ==, 1);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (g_ptr_array_index (dialogs, 0)), "“lesson 3.json”"));
  }
  answer_dialog (GTK_WINDOW (f->window), "cancel");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-example", "s", "xor"));
  answer_dialog (GTK_WINDOW (f->window), "discard");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "XOR");
  g_unlink (path);
}

/* Open Recent */

/* The Open Recent item that opens @file, or -1; its label in @label. */
static int
find_recent (Fixture  *f,
             GFile    *file,
             char    **label)
{
  g_autofree char *uri = g_file_get_uri (file);
  GMenuModel *section = G_MENU_MODEL (f->window->recent_section);

  for (int i = 0; i < g_menu_model_get_n_items (section); i++)
    {
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (section, i, "target", G_VARIANT_TYPE_STRING);

      if (target != NULL && g_strcmp0 (g_variant_get_string (target, NULL), uri) == 0)
        {
          if (label != NULL)
            g_menu_model_get_item_attribute (section, i, "label", "s", label);
          return i;
        }
    }
  return -1;
}

/* Lets the recent-files list settle (it is written and re-read in idles),
 * until @file is listed or not as @listed says, for at most two seconds. */
static gboolean
wait_recent (Fixture  *f,
             GFile    *file,
             gboolean  listed)
{
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      if ((find_recent (f, file, NULL) >= 0) == listed)
        return TRUE;
      g_usleep (1000);
    }
  return FALSE;
}

/* Only networks that opened are listed, as name and folder; one that no
 * longer opens leaves the list. */
static void
test_recent (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *good_path = tmp_path ("lesson_4.json");
  g_autofree char *broken_path = tmp_path ("broken.json");
  g_autoptr(GFile) good = g_file_new_for_path (good_path);
  g_autoptr(GFile) broken = g_file_new_for_path (broken_path);
  g_autofree char *broken_uri = g_file_get_uri (broken);
  g_autoptr(BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *expected = NULL;

  write_network (good_path, network);
  g_assert_true (g_file_set_contents (broken_path, "{ \"format\": ", -1, NULL));

  /* GTK's file chooser adds whatever it returns to the recent files, before
   * the window tries to open it. */
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), broken_uri);
  g_assert_false (bpl_window_open_file (f->window, broken, &error));
  answer_dialog (GTK_WINDOW (f->window), "close");
  g_assert_false (_bpl_window_is_recent (broken));
  g_assert_false (wait_recent (f, broken, TRUE));

  g_assert_true (bpl_window_open_file (f->window, good, NULL));
  g_assert_true (_bpl_window_is_recent (good));
  g_assert_true (wait_recent (f, good, TRUE));
  find_recent (f, good, &label);
  /* Its underscore doubled: menu labels take mnemonics. */
  expected = g_strdup_printf ("lesson__4.json — %s", tmp_dir);
  g_assert_cmpstr (label, ==, expected);

  /* The file breaks; choosing it again refuses and drops it from the list. */
  g_assert_true (g_file_set_contents (good_path, "[]", -1, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-path", "s", good_path));
  answer_dialog (GTK_WINDOW (f->window), "close");
  g_assert_false (_bpl_window_is_recent (good));
  g_assert_true (wait_recent (f, good, FALSE));

  g_unlink (good_path);
  g_unlink (broken_path);
}

/* Ctrl+W */

/* Ctrl+W closes the window the way its close button does: asking first
 * when there is unsaved work. */
static void
test_close_shortcut (void)
{
  g_autoptr(BplApplication) app = bpl_application_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) actions = NULL;
  BplWindow *window;

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), "<Control>w");
  g_assert_true (g_strv_contains ((const char * const *) actions, "window.close"));

  window = bpl_window_new (GTK_APPLICATION (app));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  bpl_app_test_iterate (20);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL));
  answer_dialog (GTK_WINDOW (window), "cancel");
  g_assert_nonnull (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL));
  answer_dialog (GTK_WINDOW (window), "discard");
  g_assert_null (window);
}

/* Help */

static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (model, i, "action", "s", &name) && g_str_equal (name, action))
        return TRUE;
      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          if (menu_has_action (link, action))
            return TRUE;
        }
    }
  return FALSE;
}

/* Every action of the main menu's file is an item of its own: two labels
 * in one <item> keep only the last, and the first item is gone from the
 * menu (Export Animation… was, after a merge). */
static void
test_menu_items (Fixture       *f,
                 gconstpointer  data)
{
  GMenuModel *menu = gtk_menu_button_get_menu_model (f->window->main_menu_button);
  const char *const actions[] = {
    "win.open", "win.save", "win.save-as", "win.save-as-lesson", "win.export", "win.export-worksheet",
    "win.export-animation", "win.export-data", "win.copy-image", "win.architecture", "win.practice",
    "win.new-dataset", "win.import-csv", "win.presentation", "win.data-view", "win.heat-maps",
    "win.show-side-panel", "win.high-contrast", "app.preferences", "app.help", "app.about", NULL
  };

  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_test_message ("%s", actions[i]);
      g_assert_true (menu_has_action (menu, actions[i]));
    }
}

/* Help in the main menu opens the installed teacher's guide, or the one
 * online when there is none. */
static void
test_help (void)
{
  g_autoptr(BplApplication) app = bpl_application_new ();
  g_autoptr(GError) error = NULL;
  BplWindow *window;
  g_autofree char *dir = g_build_filename (tmp_dir, "guide", NULL);
  g_autofree char *index = g_build_filename (dir, "index.html", NULL);
  g_autofree char *expected = g_filename_to_uri (index, NULL, NULL);
  g_autofree char *uri = NULL;
  g_autofree char *online = NULL;

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "help"));
  window = bpl_window_new (GTK_APPLICATION (app));
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (window->main_menu_button), "app.help"));
  gtk_window_destroy (GTK_WINDOW (window));

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (index, "<html></html>", -1, NULL));
  g_setenv ("BPL_GUIDE_DIR", dir, TRUE);
  uri = bpl_application_dup_help_uri ();
  g_assert_cmpstr (uri, ==, expected);

  g_unlink (index);
  online = bpl_application_dup_help_uri ();
  g_assert_true (g_str_has_prefix (online, "https://"));
  g_assert_true (g_str_has_suffix (online, "docs/guide/index.md"));
  g_unsetenv ("BPL_GUIDE_DIR");
  g_rmdir (dir);
}

/* Menus */

static gboolean
is_model_button (GtkWidget     *widget,
                 gconstpointer  text)
{
  g_autofree char *label = NULL;

  if (!G_TYPE_CHECK_INSTANCE_TYPE (widget, g_type_from_name ("GtkModelButton")))
    return FALSE;
  g_object_get (widget, "text", &label, NULL);
  return g_strcmp0 (label, text) == 0;
}

/* The model button in @widget's tree labelled @text, or NULL. */
static GtkWidget *
find_model_button (GtkWidget  *widget,
                   const char *text)
{
  return bpl_app_test_find (widget, is_model_button, text);
}

static void
wait_mapped (GtkWidget *widget,
             gboolean   mapped)
{
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  while (gtk_widget_get_mapped (widget) != mapped && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  bpl_app_test_iterate (10);
  g_assert_cmpint (gtk_widget_get_mapped (widget), ==, mapped);
}

/* An item of a submenu (New From Example › XOR) leaves the keyboard focus
 * in the window, on the diagram, not on the closed menu's hidden page where
 * Space and every shortcut went nowhere. */
static void
test_submenu_focus (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (f->window->main_menu_button));
  GtkWidget *item;
  GtkWidget *focus;

  gtk_menu_button_popup (f->window->main_menu_button);
  wait_mapped (popover, TRUE);
  item = find_model_button (popover, "New From Example");
  g_assert_nonnull (item);
  gtk_widget_activate (item);
  bpl_app_test_iterate (20);
  item = find_model_button (popover, "XOR");
  g_assert_nonnull (item);
  g_assert_true (gtk_widget_get_mapped (item));
  gtk_widget_activate (item);
  wait_mapped (popover, FALSE);

  g_assert_cmpuint (bpl_network_get_n_samples (bpl_document_get_network (f->document)), ==, 4);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_get_mapped (focus));
  g_assert_true (focus == GTK_WIDGET (f->window->diagram));
  /* The keys reach the window again: Space is a step. */
  g_assert_true (gtk_widget_activate_action (focus, "win.step", NULL));
  g_assert_cmpuint (bpl_network_get_steps (bpl_document_get_network (f->document)), ==, 1);
}

/* The tooltip of what opened @popover goes while it is open, and comes back. */
static void
assert_tooltip_hidden_while_open (GtkWidget *popover,
                                  void     (*open) (GtkWidget *owner))
{
  GtkWidget *owner = gtk_widget_get_parent (popover);

  g_assert_true (gtk_widget_get_has_tooltip (owner));
  open (owner);
  wait_mapped (popover, TRUE);
  g_assert_false (gtk_widget_get_has_tooltip (owner));
  gtk_popover_popdown (GTK_POPOVER (popover));
  wait_mapped (popover, FALSE);
  g_assert_true (gtk_widget_get_has_tooltip (owner));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (owner), !=, NULL);
}

static void
open_menu_button (GtkWidget *owner)
{
  gtk_menu_button_popup (GTK_MENU_BUTTON (owner));
}

static void
open_drop_down (GtkWidget *owner)
{
  g_signal_emit_by_name (owner, "activate");
}

/* The Train button's tooltip does not cover the menu's first item, nor an
 * activation drop-down's its first choice. */
static void
test_menu_tooltip (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *drop;
  GtkWidget *popup = NULL;

  assert_tooltip_hidden_while_open (GTK_WIDGET (gtk_menu_button_get_popover (f->window->train_menu_button)),
                                    open_menu_button);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.architecture", NULL));
  bpl_app_test_wait_until_mapped (GTK_WIDGET (f->window->architecture_window));
  drop = bpl_app_test_find_child (GTK_WIDGET (f->window->architecture_window), GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (drop);
  for (GtkWidget *c = gtk_widget_get_first_child (drop); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_POPOVER (c))
      popup = c;
  g_assert_nonnull (popup);
  assert_tooltip_hidden_while_open (popup, open_drop_down);
}

/* Header capitalisation, as the GNOME HIG asks of menu items and choices:
 * every word capitalised but articles, short conjunctions and prepositions
 * of three letters or fewer inside; a mnemonic's underscore is no letter. */
static gboolean
is_header_case (const char *label)
{
  static const char *const small[] = { "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet",
                                       "as", "at", "by", "in", "of", "on", "per", "to", "up", "via", NULL };
  g_auto(GStrv) plain = g_strsplit (label, "_", -1);
  g_autofree char *joined = g_strjoinv ("", plain);
  g_auto(GStrv) words = g_strsplit (joined, " ", -1);
  guint n = g_strv_length (words);

  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) parts = g_strsplit (words[i], "-", -1);

      if (i > 0 && i + 1 < n && g_strv_contains (small, words[i]))
        continue;
      for (guint p = 0; parts[p] != NULL; p++)
        {
          gunichar c = g_utf8_get_char (parts[p]);

          if (*parts[p] != '\0' && g_unichar_isalpha (c) && !g_unichar_isupper (c))
            return FALSE;
        }
    }
  return TRUE;
}

static void
check_menu (GMenuModel *model,
            GMenuModel *skip,
            guint      *n_checked)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;
      const char *link_name;
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (model, i, "label", "s", &label))
        {
          if (!is_header_case (label))
            g_error ("menu item “%s” is not in header capitalisation", label);
          (*n_checked)++;
        }
      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_get_next (links, &link_name, &link))
        {
          /* Open Recent lists file names as they are. */
          if (link != skip)
            check_menu (link, skip, n_checked);
          g_object_unref (link);
        }
    }
}

/* Every choice of every drop-down and combo row in @widget's tree. */
static void
check_choices (GtkWidget *widget,
               guint     *n_checked)
{
  GListModel *model = NULL;

  if (GTK_IS_DROP_DOWN (widget))
    model = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));
  else if (ADW_IS_COMBO_ROW (widget))
    model = adw_combo_row_get_model (ADW_COMBO_ROW (widget));
  if (model != NULL && GTK_IS_STRING_LIST (model))
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        const char *text = gtk_string_list_get_string (GTK_STRING_LIST (model), i);

        if (!is_header_case (text))
          g_error ("choice “%s” is not in header capitalisation", text);
        (*n_checked)++;
      }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    check_choices (c, n_checked);
}

/* "Sigmoid" next to "Tanh", "Squared Error" next to "Cross-Entropy": the
 * menus, the architecture editor's choices and the preferences alike. */
static void
test_capitalisation (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *prefs;
  guint n = 0;

  g_assert_true (is_header_case ("Copy Derivation as _Markdown"));
  g_assert_false (is_header_case ("tanh"));
  g_assert_false (is_header_case ("Squared error"));
  g_assert_false (is_header_case ("Cross-entropy"));

  check_menu (gtk_menu_button_get_menu_model (f->window->main_menu_button),
              G_MENU_MODEL (f->window->recent_section), &n);
  check_menu (gtk_menu_button_get_menu_model (f->window->train_menu_button), NULL, &n);
  g_assert_cmpuint (n, >=, 20);

  /* With a hidden layer of each kind of row. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.architecture", NULL));
  bpl_app_test_iterate (10);
  g_assert_nonnull (f->window->architecture_window);
  n = 0;
  check_choices (GTK_WIDGET (f->window->architecture_window), &n);
  /* Two layers' activations (5 each), loss 2, biases 3, mode 3, order 2,
   * penalty 3, optimiser 3. */
  g_assert_cmpuint (n, ==, 26);

  prefs = bpl_preferences_window_new ();
  n = 0;
  check_choices (prefs, &n);
  g_assert_cmpuint (n, >, 0);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* Presentation mode */

/* F9 hides the side panel for the talk; leaving presentation mode gives it
 * back as it was before, shown or hidden. */
static void
test_presentation_panel (Fixture       *f,
                         gconstpointer  data)
{
  gboolean shown;

  g_assert_true (gtk_widget_get_visible (f->window->side_box));
  g_object_set (f->window, "presentation", TRUE, NULL);
  g_object_set (f->window, "show-side-panel", FALSE, NULL);
  g_assert_false (gtk_widget_get_visible (f->window->side_box));
  g_object_set (f->window, "presentation", FALSE, NULL);
  g_assert_true (gtk_widget_get_visible (f->window->side_box));
  g_object_get (f->window, "show-side-panel", &shown, NULL);
  g_assert_true (shown);

  /* Hidden before: hidden after, whatever happened during the talk. */
  g_object_set (f->window, "show-side-panel", FALSE, NULL);
  g_object_set (f->window, "presentation", TRUE, NULL);
  g_object_set (f->window, "show-side-panel", TRUE, NULL);
  g_object_set (f->window, "presentation", FALSE, NULL);
  g_assert_false (gtk_widget_get_visible (f->window->side_box));
}

/* The loss plot */

/* Waits for the loss plot's next frame and returns its y labels. */
static const char * const *
drawn_labels (Fixture *f,
              double  *leftmost)
{
  bpl_app_test_iterate (5);
  gtk_widget_queue_draw (GTK_WIDGET (f->window->loss_plot));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window->loss_plot));
  bpl_app_test_iterate (5);
  return bpl_loss_plot_get_drawn_labels (f->window->loss_plot, leftmost);
}

/* A tiny loss, 3.07×10⁻⁵: every label whole inside the widget (the margin
 * is measured, not 78 px), and four of them where the plot is tall enough. */
static void
test_loss_plot_labels (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = tmp_path ("tiny-loss.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BplNetwork) network = bpl_network_new_worked_example ();
  const char * const *labels;
  double left;

  bpl_network_set_target (network, 0, 0, 0.7592);
  bpl_network_set_target (network, 0, 1, 0.7729);
  write_network (path, network);
  g_assert_true (bpl_window_open_file (f->window, file, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.train", "t", (guint64) 20));
  gtk_paned_set_position (f->window->vpaned, 300);

  for (int log_scale = 0; log_scale <= 1; log_scale++)
    {
      g_object_set (f->session, "log-scale", log_scale, NULL);
      labels = drawn_labels (f, &left);
      g_assert_nonnull (labels);
      g_assert_cmpuint (g_strv_length ((GStrv) labels), >=, 4);
      g_assert_cmpfloat (left, >=, 0);
      /* Each whole: 3×10⁻⁵, not .081×10⁻⁵. */
      for (guint i = 0; labels[i] != NULL; i++)
        {
          g_test_message ("%s: %s", log_scale ? "log" : "linear", labels[i]);
          g_assert_true (g_ascii_isdigit (labels[i][0]));
        }
      g_assert_nonnull (strstr (labels[1], "×10⁻⁵"));
    }
  g_unlink (path);
}

/* Recovery */

/* Never "12/02/26", which reads either way round. */
static void
test_recovery_time (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 12, 3, 9, 30, 0);
  g_autoptr(GDateTime) earlier = g_date_time_new_local (2026, 12, 3, 8, 5, 0);
  g_autoptr(GDateTime) yesterday = g_date_time_new_local (2026, 12, 2, 14, 5, 0);
  g_autoptr(GDateTime) before = g_date_time_new_local (2026, 11, 30, 14, 5, 0);
  g_autoptr(GDateTime) utc = g_date_time_to_utc (earlier);
  g_autofree char *a = bpl_recovery_format_time (earlier, now);
  g_autofree char *b = bpl_recovery_format_time (yesterday, now);
  g_autofree char *c = bpl_recovery_format_time (before, now);
  g_autofree char *d = bpl_recovery_format_time (utc, now);

  g_assert_cmpstr (a, ==, "today at 08:05");
  g_assert_cmpstr (b, ==, "yesterday at 14:05");
  g_assert_cmpstr (c, ==, "on Monday 30 November 2026 at 14:05");
  /* Copies record UTC: shown in local time. */
  g_assert_cmpstr (d, ==, a);
}

/* The question after a crash says when, and where the file is. */
static void
test_recovery_dialog (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "recovery", NULL);
  g_autofree char *copy = g_build_filename (dir, "window-1-1.json", NULL);
  g_autofree char *original_path = tmp_path ("lesson 5.json");
  g_autoptr(GFile) original = g_file_new_for_path (original_path);
  g_autoptr(BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *dialog;
  const char *body;

  g_assert_true (bpl_recovery_write (network, original, copy, &error));
  g_assert_no_error (error);
  dialog = bpl_recovery_dialog_offer (f->window, dir);
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_test_message ("%s", body);
  expected = g_markup_printf_escaped ("from “lesson 5.json” in %s, last changed today at ", tmp_dir);
  g_assert_nonnull (strstr (body, expected));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!bpl_app_test_init (&argc, &argv))
    return 0;
  tmp_dir = g_dir_make_tmp ("bpl-furniture-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/app/furniture/folder", test_folder);
  g_test_add_func ("/app/furniture/close-shortcut", test_close_shortcut);
  g_test_add_func ("/app/furniture/recovery-time", test_recovery_time);
  BPL_APP_TEST_ADD ("/app/furniture/title", test_title);
  BPL_APP_TEST_ADD ("/app/furniture/recent", test_recent);
  BPL_APP_TEST_ADD ("/app/furniture/submenu-focus", test_submenu_focus);
  BPL_APP_TEST_ADD ("/app/furniture/menu-tooltip", test_menu_tooltip);
  BPL_APP_TEST_ADD ("/app/furniture/capitalisation", test_capitalisation);
  g_test_add_func ("/app/furniture/help", test_help);
  BPL_APP_TEST_ADD ("/app/furniture/menu-items", test_menu_items);
  BPL_APP_TEST_ADD ("/app/furniture/presentation-panel", test_presentation_panel);
  BPL_APP_TEST_ADD ("/app/furniture/loss-plot-labels", test_loss_plot_labels);
  BPL_APP_TEST_ADD ("/app/furniture/recovery-dialog", test_recovery_dialog);

  status = g_test_run ();
  if (status == 0)
    g_rmdir (tmp_dir);
  return status;
}

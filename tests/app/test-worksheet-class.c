/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-worksheet-class: Export Worksheet's class set: off to start with; a
 * number of students, or a names list whose mistakes keep Export off and
 * are said under it; the seed and decimals; the export itself, the same
 * bytes as bpl_worksheet_export_variants () gives for those settings. */
#include "config.h"

#include "app-test-util.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bpl-window-private.h"
#include "bpl-worksheet-dialog.h"

typedef BplAppFixture Fixture;

static BplWorksheetDialog *
open_worksheet_dialog (Fixture *f)
{
  g_autoptr (GList) toplevels = NULL;

  bpl_app_test_activate (GTK_WIDGET (f->window), "win.export-worksheet", NULL);
  bpl_app_test_iterate (5);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (BPL_IS_WORKSHEET_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  g_assert_not_reached ();
}

static gboolean
is_labelled (GtkWidget     *widget,
             gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
has_error_text (GtkWidget     *widget,
                gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget)
         && gtk_widget_has_css_class (widget, "error")
         && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static char *
pdf_text (const char *path)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *argv[] = { "pdftotext", path, "-", NULL };
  char *text = NULL;
  int status;

  if (pdftotext == NULL)
    return NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text,
                               NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return text;
}

/* BPL_TEST_SAVE_DIR=DIR keeps a picture of the dialog, to look at. */
static void
save_picture (GtkWidget  *widget,
              const char *name)
{
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  int w, h;

  if (g_getenv ("BPL_TEST_SAVE_DIR") == NULL)
    return;
  /* Scrolled to the end, where the class set is. */
  {
    GtkWidget *scrolled = bpl_app_test_find_child (widget, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

    for (int i = 0; i < 10; i++)
      {
        bpl_app_test_iterate (5);
        g_usleep (30000);
      }
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  }
  for (int i = 0; i < 20; i++)
    {
      bpl_app_test_iterate (5);
      g_usleep (20000);
    }
  gtk_test_widget_wait_for_draw (widget);
  paintable = gtk_widget_paintable_new (widget);
  w = gdk_paintable_get_intrinsic_width (paintable);
  h = gdk_paintable_get_intrinsic_height (paintable);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  gsk_render_node_unref (node);
  path = g_build_filename (g_getenv ("BPL_TEST_SAVE_DIR"), name, NULL);
  gdk_texture_save_to_png (texture, path);
  g_test_message ("saved %s", path);
}

static void
test_class_set (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("bpl-class-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "class.pdf", NULL);
  g_autofree char *key_path = g_build_filename (dir, "class-answers.pdf", NULL);
  g_autofree char *direct = g_build_filename (dir, "direct.pdf", NULL);
  g_autofree char *direct_key = g_build_filename (dir, "direct-answers.pdf", NULL);
  g_autofree char *a = NULL, *b = NULL, *key_a = NULL, *key_b = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GPtrArray) variants = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) names = NULL;
  gsize len_a, len_b, len_key_a, len_key_b;
  const char *list[] = { "Ada Lovelace", "Alan Turing", "Grace Hopper", NULL };
  BplParam w3 = { BPL_PARAM_WEIGHT, 2 };
  BplVariantOptions variant_options;
  BplWorksheetOptions options;
  BplWorksheetDialog *dialog;
  GtkWidget *export_button;
  gboolean separate_key;
  guint n_students = 0;

  bpl_session_set_selection (f->session, (BplHit) { BPL_HIT_WEIGHT, 2 });
  dialog = open_worksheet_dialog (f);
  export_button = bpl_app_test_find (GTK_WIDGET (dialog), is_labelled, "_Export…");
  g_assert_nonnull (export_button);

  /* Off to start with: one worksheet, as before. */
  g_assert_false (bpl_worksheet_dialog_get_class (dialog, &n_students, NULL, &variant_options));
  g_assert_cmpuint (n_students, ==, 30);
  g_assert_cmpuint (variant_options.seed, ==, 1);
  g_assert_cmpint (variant_options.decimals, ==, 2);

  bpl_worksheet_dialog_set_class (dialog, TRUE);
  bpl_worksheet_dialog_set_students (dialog, 4);
  bpl_worksheet_dialog_set_seed (dialog, 7);
  bpl_worksheet_dialog_set_decimals (dialog, 3);
  g_assert_true (bpl_worksheet_dialog_get_class (dialog, &n_students, &names, &variant_options));
  g_assert_cmpuint (n_students, ==, 4);
  g_assert_null (names);
  g_assert_cmpuint (variant_options.seed, ==, 7);
  g_assert_cmpint (variant_options.decimals, ==, 3);
  g_assert_true (gtk_widget_is_sensitive (export_button));

  /* A names list sets the count; a name twice is refused, said, and Export waits. */
  bpl_worksheet_dialog_set_names (dialog, "Ada Lovelace\nAlan Turing\nAda Lovelace\n");
  g_assert_true (bpl_worksheet_dialog_get_class (dialog, &n_students, NULL, NULL));
  g_assert_cmpuint (n_students, ==, 0);
  g_assert_false (gtk_widget_is_sensitive (export_button));
  g_assert_nonnull (bpl_app_test_find (GTK_WIDGET (dialog), has_error_text, "line 3"));
  g_assert_false (bpl_worksheet_dialog_export (dialog, path, NULL, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  bpl_worksheet_dialog_set_names (dialog, "Ada Lovelace\n  Alan Turing\n\nGrace Hopper\n");
  g_assert_true (bpl_worksheet_dialog_get_class (dialog, &n_students, &names, NULL));
  g_assert_cmpuint (n_students, ==, 3);
  g_assert_cmpstrv (names, list);
  g_assert_true (gtk_widget_is_sensitive (export_button));
  g_assert_null (bpl_app_test_find (GTK_WIDGET (dialog), has_error_text, ""));
  save_picture (GTK_WIDGET (dialog), "worksheet-class-dialog.png");

  /* The export: the same bytes as the library gives for these settings,
   * and each student's network beside them. */
  bpl_worksheet_dialog_set_separate_key (dialog, TRUE);
  bpl_worksheet_dialog_set_save_networks (dialog, TRUE);
  bpl_worksheet_dialog_get_options (dialog, &options, &separate_key);
  g_assert_true (separate_key);
  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
  g_assert_true (bpl_worksheet_dialog_export (dialog, path, key_path, &error));
  g_assert_no_error (error);
  options.answer_key_path = direct_key;
  variants = bpl_worksheet_export_variants (bpl_session_get_network (f->session), &w3, 1,
                                            &variant_options, 3, list, &options, direct, &error);
  g_unsetenv ("SOURCE_DATE_EPOCH");
  g_assert_no_error (error);
  g_assert_nonnull (variants);
  g_assert_true (g_file_get_contents (path, &a, &len_a, NULL));
  g_assert_true (g_file_get_contents (direct, &b, &len_b, NULL));
  g_assert_cmpmem (a, len_a, b, len_b);
  g_assert_true (g_file_get_contents (key_path, &key_a, &len_key_a, NULL));
  g_assert_true (g_file_get_contents (direct_key, &key_b, &len_key_b, NULL));
  g_assert_cmpmem (key_a, len_key_a, key_b, len_key_b);

  {
    g_autofree char *folder = bpl_worksheet_dialog_networks_folder (path);
    g_autofree char *expected = g_build_filename (dir, "class-networks", NULL);

    g_assert_cmpstr (folder, ==, expected);
    for (guint s = 0; s < 3; s++)
      {
        g_autofree char *file = g_strdup_printf ("student-%02u.json", s + 1);
        g_autofree char *network_path = g_build_filename (folder, file, NULL);
        g_autoptr (BplNetwork) back = bpl_network_load_from_file (network_path, &error);

        g_assert_no_error (error);
        bpl_network_set_name (back, bpl_network_get_name (variants->pdata[s]));
        g_assert_true (bpl_network_equal (back, variants->pdata[s]));
        g_unlink (network_path);
      }
    g_rmdir (folder);
  }

  text = pdf_text (path);
  if (text != NULL)
    {
      g_assert_nonnull (strstr (text, "Name: Ada Lovelace"));
      g_assert_nonnull (strstr (text, "Name: Grace Hopper"));
      g_assert_null (strstr (text, "Answer key"));
      g_free (text);
      text = pdf_text (key_path);
      g_assert_nonnull (strstr (text, "Class answer key"));
      g_assert_nonnull (strstr (text, "Answer key: Alan Turing"));
    }
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_unlink (path);
  g_unlink (key_path);
  g_unlink (direct);
  g_unlink (direct_key);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (!bpl_app_test_init (&argc, &argv))
    return 0;

  BPL_APP_TEST_ADD ("/app/worksheet-class/class-set", test_class_set);

  return g_test_run ();
}

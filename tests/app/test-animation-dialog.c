/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-animation-dialog.c: Export Animation (issue 14) in the window: the
 * window's selection, sample and digits; the export in its thread with a
 * progress bar; Cancel, which leaves no file; a document that exporting
 * never changes; choices that cannot be written explained. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "app-test-util.h"
#include "bpl-animation-dialog.h"
#include "bpl-document.h"
#include "bpl-session.h"

static BplAnimationDialog *
open_dialog (BplAppFixture *f)
{
  g_autoptr (GList) toplevels = NULL;

  bpl_app_test_activate (GTK_WIDGET (f->window), "win.export-animation", NULL);
  bpl_app_test_iterate (5);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (BPL_IS_ANIMATION_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  g_assert_not_reached ();
}

static void
on_report (BplAnimationDialog *dialog,
           const char         *message,
           char              **out)
{
  g_free (*out);
  *out = g_strdup (message);
}

/* Runs the main loop until @dialog's export stops (or @dialog is gone). */
static void
wait_for_export (BplAnimationDialog **dialog)
{
  gint64 end = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (*dialog != NULL && bpl_animation_dialog_is_running (*dialog)
         && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (*dialog == NULL || !bpl_animation_dialog_is_running (*dialog));
}

/* Play of two steps of w3's network as a GIF: the options are the
 * window's, the file is written, the dialog closes with a report, and the
 * document is as it was. */
static void
test_export (BplAppFixture *f,
             gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("bpl-animation-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "play.gif", NULL);
  g_autofree char *report = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (BplNetwork) before = NULL;
  BplAnimationDialog *dialog;
  BplAnimationOptions options;
  BplMediaFormat format;
  gsize length;

  bpl_app_test_select (f, "w3");
  before = bpl_network_copy (bpl_document_get_network (f->document));
  dialog = open_dialog (f);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "report", G_CALLBACK (on_report), &report);

  bpl_animation_dialog_set_kind (dialog, BPL_ANIMATION_PLAY);
  bpl_animation_dialog_set_steps (dialog, 2);
  bpl_animation_dialog_set_format (dialog, BPL_MEDIA_GIF);
  bpl_animation_dialog_set_size (dialog, 640, 360);
  bpl_animation_dialog_set_fps (dialog, 10);
  bpl_animation_dialog_get_options (dialog, &options, &format);
  g_assert_cmpint (options.kind, ==, BPL_ANIMATION_PLAY);
  g_assert_cmpuint (options.n_steps, ==, 2);
  g_assert_cmpstr (options.select, ==, "w3");
  g_assert_cmpuint (options.width, ==, 640);
  g_assert_cmpfloat (options.fps, ==, 10);
  g_assert_cmpint (format, ==, BPL_MEDIA_GIF);

  g_assert_true (bpl_animation_dialog_start (dialog, path));
  g_assert_true (bpl_animation_dialog_is_running (dialog));
  wait_for_export (&dialog);
  /* Finished, it closes (in the main loop, after the worker's result). */
  {
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (dialog != NULL && g_get_monotonic_time () < end)
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
  }
  g_assert_null (dialog);
  g_assert_cmpstr (report, ==, "Animation saved as play.gif");
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "GIF89a"));

  /* The animation trained a copy. */
  g_assert_true (bpl_network_equal (bpl_document_get_network (f->document), before));
  g_assert_false (bpl_document_get_modified (f->document));
  g_assert_false (bpl_document_get_can_undo (f->document));

  g_unlink (path);
  g_rmdir (dir);
}

/* Cancel while the frames are written: the export stops, no file and no
 * temporary file is left, and the dialog stays open to try again. */
static void
test_cancel (BplAppFixture *f,
             gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("bpl-animation-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "long.gif", NULL);
  g_autoptr (GDir) listing = NULL;
  BplAnimationDialog *dialog = open_dialog (f);
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  bpl_animation_dialog_set_kind (dialog, BPL_ANIMATION_PLAY);
  bpl_animation_dialog_set_steps (dialog, 200);
  bpl_animation_dialog_set_size (dialog, 640, 360);
  g_assert_true (bpl_animation_dialog_start (dialog, path));
  /* Some frames written, shown on the progress bar. */
  while (bpl_animation_dialog_get_progress (dialog) == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat (bpl_animation_dialog_get_progress (dialog), >, 0);
  g_assert_cmpfloat (bpl_animation_dialog_get_progress (dialog), <, 1);
  bpl_animation_dialog_cancel (dialog);
  wait_for_export (&dialog);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (bpl_animation_dialog_get_status (dialog), "Cancelled"));
  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));

  /* Destroyed mid-export (its window closed, the application quitting):
   * the export stops and leaves nothing either. */
  g_assert_true (bpl_animation_dialog_start (dialog, path));
  end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (bpl_animation_dialog_get_progress (dialog) == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  gtk_window_destroy (GTK_WINDOW (dialog));
  end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (dialog != NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (dialog);
  g_dir_rewind (listing);
  g_assert_null (g_dir_read_name (listing));
  g_rmdir (dir);
  bpl_app_test_iterate (5);
}

static gboolean
is_labelled (GtkWidget     *widget,
             gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* The walk's steps are the selection's backward pass; a GIF at 60 frames a
 * second is refused with the reason before any file is chosen. */
static void
test_choices (BplAppFixture *f,
              gconstpointer  data)
{
  BplAnimationDialog *dialog;
  BplAnimationOptions options;
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr (BplGraph) full = bpl_graph_new (network, 0, NULL);
  g_autoptr (BplGraph) graph = bpl_graph_new_for_param (full, network,
                                                        (BplParam) { BPL_PARAM_WEIGHT, 2 },
                                                        BPL_GRAPH_DEFAULT_PER_LAYER);
  g_autoptr (BplGraphWalk) walk = bpl_graph_walk_new (graph, BPL_GRAPH_BACKWARD);
  GtkWidget *export_button;

  bpl_app_test_select (f, "w3");
  dialog = open_dialog (f);
  bpl_animation_dialog_set_kind (dialog, BPL_ANIMATION_WALK);
  bpl_animation_dialog_get_options (dialog, &options, NULL);
  g_assert_cmpuint (options.n_steps, ==, walk->n_steps);
  bpl_animation_dialog_set_steps (dialog, 1000);
  bpl_animation_dialog_get_options (dialog, &options, NULL);
  g_assert_cmpuint (options.n_steps, ==, walk->n_steps);

  export_button = bpl_app_test_find (GTK_WIDGET (dialog), is_labelled, "_Export…");
  g_assert_nonnull (export_button);
  g_assert_true (gtk_widget_get_sensitive (export_button));
  bpl_animation_dialog_set_format (dialog, BPL_MEDIA_GIF);
  bpl_animation_dialog_set_fps (dialog, 60);
  g_assert_nonnull (strstr (bpl_animation_dialog_get_status (dialog), "A GIF plays at most 50"));
  g_assert_false (gtk_widget_get_sensitive (export_button));
  g_assert_false (bpl_animation_dialog_start (dialog, "/nonexistent/x.gif"));
  g_assert_false (bpl_animation_dialog_is_running (dialog));
  bpl_animation_dialog_set_fps (dialog, 30);
  g_assert_true (gtk_widget_get_sensitive (export_button));
  g_assert_nonnull (strstr (bpl_animation_dialog_get_status (dialog), "frames"));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  bpl_app_test_iterate (5);
  g_assert_null (dialog);
}

int
main (int argc, char **argv)
{
  if (!bpl_app_test_init (&argc, &argv))
    return 0;
  BPL_APP_TEST_ADD ("/animation-dialog/export", test_export);
  BPL_APP_TEST_ADD ("/animation-dialog/cancel", test_cancel);
  BPL_APP_TEST_ADD ("/animation-dialog/choices", test_choices);
  return g_test_run ();
}

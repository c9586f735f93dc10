/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-recovery: recovery copies of a document's unsaved work, without a
 * display: written a little after a change, and while changes keep coming,
 * deleted once the work is saved, and restored as unsaved work. */
#include "config.h"

#include <glib/gstdio.h>

#include "bpl-recovery.h"

static char *tmp_dir;

static gboolean
wait_for_file (const char *path,
               gboolean    exists,
               guint       ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_file_test (path, G_FILE_TEST_EXISTS) != exists && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return g_file_test (path, G_FILE_TEST_EXISTS) == exists;
}

/* A change is copied after the debounce delay; saving deletes the copy. */
static void
test_copy_after_change (void)
{
  BplDocument *document = bpl_document_new ();
  BplRecovery *recovery = bpl_recovery_new (document);
  g_autofree char *saved = g_build_filename (tmp_dir, "saved.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (saved);
  g_autofree char *path = g_strdup (bpl_recovery_get_path (recovery));
  g_autoptr(BplNetwork) copy = NULL;

  bpl_recovery_set_delays (recovery, 100, 1000);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  bpl_document_set_param (document, (BplParam) { BPL_PARAM_WEIGHT, 2 }, 0.125);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (wait_for_file (path, TRUE, 2000));
  copy = bpl_network_load_from_file (path, NULL);
  g_assert_true (bpl_network_equal (copy, bpl_document_get_live_network (document)));

  g_assert_true (bpl_document_save_file (document, file, NULL));
  g_assert_true (wait_for_file (path, FALSE, 1000));

  g_assert_finalize_object (recovery);
  g_assert_finalize_object (document);
  g_unlink (saved);
}

static gboolean
change_again (gpointer data)
{
  BplDocument *document = data;

  g_assert_true (bpl_document_step (document, NULL));
  return G_SOURCE_CONTINUE;
}

/* While changes keep coming (Play), a copy is still written within the
 * maximum delay, though each change puts the debounce off again. */
static void
test_copy_during_changes (void)
{
  BplDocument *document = bpl_document_new ();
  BplRecovery *recovery = bpl_recovery_new (document);
  g_autofree char *path = g_strdup (bpl_recovery_get_path (recovery));
  gint64 start = g_get_monotonic_time ();
  guint source;

  bpl_recovery_set_delays (recovery, 200, 600);
  source = g_timeout_add (20, change_again, document);
  g_assert_true (wait_for_file (path, TRUE, 3000));
  g_test_message ("copy during changes after %.2f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2000 * 1000);
  g_source_remove (source);

  /* Discarded on purpose: no copy remains. */
  bpl_recovery_discard (recovery);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_finalize_object (recovery);
  g_assert_finalize_object (document);
}

/* Runs the main loop for @ms: timeouts fire, background writes finish. */
static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/* Copies are written in the background; whichever finishes last, the file
 * ends as the newest state asked for, and a discard is never undone by a
 * write still in flight. */
static void
test_background_order (void)
{
  for (guint round = 0; round < 20; round++)
    {
      BplDocument *document = bpl_document_new ();
      BplRecovery *recovery = bpl_recovery_new (document);
      g_autofree char *path = g_strdup (bpl_recovery_get_path (recovery));
      g_autoptr(BplNetwork) copy = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start;

      bpl_recovery_set_delays (recovery, 1, 1);
      bpl_document_set_param (document, (BplParam) { BPL_PARAM_WEIGHT, 2 }, 0.125);
      /* The delay passes: a background write of w3 = 0.125 starts. */
      start = g_get_monotonic_time ();
      while (g_get_monotonic_time () < start + 5000)
        g_main_context_iteration (NULL, FALSE);
      bpl_document_set_param (document, (BplParam) { BPL_PARAM_WEIGHT, 2 }, 0.375);
      g_assert_true (bpl_recovery_flush (recovery, &error));
      g_assert_no_error (error);
      run_for (50);
      copy = bpl_network_load_from_file (path, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat (bpl_network_get_weight (copy, 2), ==, 0.375);

      /* Another background write, then the work is discarded at once; the
       * recovery object goes without waiting for the write. */
      bpl_document_set_param (document, (BplParam) { BPL_PARAM_WEIGHT, 2 }, 0.5);
      start = g_get_monotonic_time ();
      while (g_get_monotonic_time () < start + 5000)
        g_main_context_iteration (NULL, FALSE);
      bpl_recovery_discard (recovery);
      g_assert_finalize_object (recovery);
      run_for (50);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_assert_finalize_object (document);
    }
}

/* A copy restores as unsaved work on its original file. */
static void
test_restore (void)
{
  BplDocument *document = bpl_document_new ();
  g_autofree char *dir = g_build_filename (tmp_dir, "scan", NULL);
  g_autofree char *copy = g_build_filename (dir, "window-1-1.json", NULL);
  g_autoptr(GFile) original = g_file_new_for_path ("/lessons/xor.json");
  g_autoptr(BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  bpl_network_set_weight (network, 2, 0.5);
  g_assert_true (bpl_recovery_write (network, original, copy, &error));
  g_assert_no_error (error);
  items = bpl_recovery_scan (dir);
  g_assert_cmpuint (items->len, ==, 1);
  bpl_recovery_restore (document, g_ptr_array_index (items, 0));
  g_assert_true (bpl_document_get_modified (document));
  g_assert_true (g_file_equal (bpl_document_get_file (document), original));
  g_assert_true (bpl_network_equal (bpl_document_get_network (document), network));
  g_assert_finalize_object (document);
  g_unlink (copy);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *recovery_dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("bpl-recovery-XXXXXX", NULL);
  recovery_dir = g_build_filename (tmp_dir, "recovery", NULL);
  g_setenv ("BPL_RECOVERY_DIR", recovery_dir, TRUE);

  g_test_add_func ("/app/recovery/copy-after-change", test_copy_after_change);
  g_test_add_func ("/app/recovery/copy-during-changes", test_copy_during_changes);
  g_test_add_func ("/app/recovery/background-order", test_background_order);
  g_test_add_func ("/app/recovery/restore", test_restore);

  status = g_test_run ();
  g_rmdir (recovery_dir);
  g_rmdir (tmp_dir);
  return status;
}

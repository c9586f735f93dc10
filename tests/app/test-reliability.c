/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-reliability: no lost work and no wrong numbers in the window:
 * recovery copies, failed saves, bad files, exploding training. */
#include "config.h"

#include "app-test-util.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "bpl-recovery-dialog.h"
#include "bpl-window.h"

static char *tmp_dir;      /* everything this test writes */
static char *recovery_dir; /* $BPL_RECOVERY_DIR */

typedef BplAppFixture Fixture;

/* Asserts that one error dialog is up whose text names @name, and closes it. */
static void
assert_error_dialog (BplWindow  *window,
                     const char *name)
{
  g_autoptr(GPtrArray) dialogs = bpl_app_test_dialogs_over (GTK_WINDOW (window));
  AdwMessageDialog *dialog;
  g_autofree char *text = NULL;

  g_assert_cmpuint (dialogs->len, ==, 1);
  dialog = g_ptr_array_index (dialogs, 0);
  text = g_strconcat (adw_message_dialog_get_heading (dialog), "\n",
                      adw_message_dialog_get_body (dialog), NULL);
  g_test_message ("dialog: %s", text);
  if (name != NULL)
    g_assert_nonnull (strstr (text, name));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  bpl_app_test_iterate (5);
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static gboolean
network_is_finite (const BplNetwork *network)
{
  for (guint w = 0; w < bpl_network_get_n_weights (network); w++)
    if (!isfinite (bpl_network_get_weight (network, w)))
      return FALSE;
  for (guint b = 0; b < bpl_network_get_n_biases (network); b++)
    if (!isfinite (bpl_network_get_bias (network, b)))
      return FALSE;
  return TRUE;
}

/* Recovery */

static void
test_recovery_copy (Fixture       *f,
                    gconstpointer  data)
{
  BplRecovery *recovery = bpl_window_get_recovery (f->window);
  const char *path = bpl_recovery_get_path (recovery);
  g_autofree char *saved = tmp_path ("recovery-copy.json");
  g_autoptr(BplNetwork) copy = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, end;

  g_assert_true (g_str_has_prefix (path, recovery_dir));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  bpl_document_set_param (f->document, (BplParam) { BPL_PARAM_WEIGHT, 2 }, 0.125);
  g_assert_true (bpl_document_get_modified (f->document));
  /* Not at once (debounced), but within the debounce delay and a margin. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  start = g_get_monotonic_time ();
  end = start + (BPL_RECOVERY_DEBOUNCE_MS + 3000) * 1000;
  while (!g_file_test (path, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_test_message ("recovery copy after %.2f s", (g_get_monotonic_time () - start) / 1e6);

  /* It holds the unsaved network exactly. */
  copy = bpl_network_load_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (bpl_network_equal (copy, bpl_document_get_network (f->document)));

  /* Saved: the copy goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-to", "s", saved));
  g_assert_false (bpl_document_get_modified (f->document));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Dirty again, copied now; a window closed on purpose leaves nothing. */
  bpl_document_set_param (f->document, (BplParam) { BPL_PARAM_WEIGHT, 1 }, 0.5);
  g_assert_true (bpl_recovery_flush (recovery, &error));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  bpl_document_undo (f->document);
  g_assert_false (bpl_document_get_modified (f->document));
  g_assert_true (bpl_recovery_flush (recovery, &error));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  bpl_document_set_param (f->document, (BplParam) { BPL_PARAM_WEIGHT, 2 }, 0.75);
  g_assert_true (bpl_recovery_flush (recovery, &error));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  {
    g_autofree char *kept = g_strdup (path);

    gtk_window_destroy (GTK_WINDOW (f->window)); /* as after "Discard" */
    bpl_app_test_iterate (10);
    g_assert_false (g_file_test (kept, G_FILE_TEST_EXISTS));
    f->window = bpl_window_new (NULL);
    f->document = bpl_window_get_document (f->window);
    f->session = bpl_window_get_session (f->window);
    gtk_window_present (GTK_WINDOW (f->window));
  }
  g_unlink (saved);
}

static void
test_recovery_offer (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(BplNetwork) lost = bpl_network_new_worked_example ();
  g_autofree char *original_path = tmp_path ("lesson 3.json");
  g_autoptr(GFile) original = g_file_new_for_path (original_path);
  g_autofree char *crashed = g_build_filename (recovery_dir, "window-1-1.json", NULL);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  const char *body;

  /* Nothing left behind: nothing asked. */
  g_assert_null (bpl_recovery_dialog_offer (f->window, recovery_dir));

  /* What a crashed window left: trained values, not round numbers. */
  bpl_network_set_weight (lost, 0, 0.1 + 1e-13);
  bpl_network_set_weight (lost, 7, -1.0 / 3.0);
  bpl_network_set_learning_rate (lost, 0.25);
  bpl_network_set_name (lost, "Lesson <3> & more");
  g_assert_true (bpl_recovery_write (lost, original, crashed, &error));
  g_assert_no_error (error);

  dialog = bpl_recovery_dialog_offer (f->window, recovery_dir);
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "Lesson &lt;3&gt; &amp; more"));
  g_assert_nonnull (strstr (body, "lesson 3.json"));

  /* Closing the question keeps the copy for next time. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "later");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (g_file_test (crashed, G_FILE_TEST_EXISTS));

  dialog = bpl_recovery_dialog_offer (f->window, recovery_dir);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "recover");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Exactly the lost network, unsaved, on its original file. */
  g_assert_true (bpl_network_equal (bpl_document_get_network (f->document), lost));
  g_assert_true (bpl_document_get_modified (f->document));
  g_assert_true (g_file_equal (bpl_document_get_file (f->document), original));
  /* The title names the file it will be saved to, marked as unsaved. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "• lesson 3.json");
  /* The old copy is gone; the window keeps its own. */
  g_assert_false (g_file_test (crashed, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (bpl_recovery_get_path (bpl_window_get_recovery (f->window)),
                              G_FILE_TEST_EXISTS));

  /* Discard deletes. */
  g_assert_true (bpl_recovery_write (lost, NULL, crashed, &error));
  dialog = bpl_recovery_dialog_offer (f->window, recovery_dir);
  g_assert_nonnull (dialog);
  /* The window's own copy is offered too (it is a file in the folder). */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_false (g_file_test (crashed, G_FILE_TEST_EXISTS));

  /* A broken file in the folder is not offered (and not deleted). */
  g_assert_true (g_file_set_contents (crashed, "{ \"format\": ", -1, NULL));
  g_assert_null (bpl_recovery_dialog_offer (f->window, recovery_dir));
  g_assert_true (g_file_test (crashed, G_FILE_TEST_EXISTS));
  g_unlink (crashed);
}

/* Saving */

static void
test_save_fails (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *good = tmp_path ("good.json");
  g_autofree char *blocker = tmp_path ("not-a-folder");
  g_autofree char *bad = g_build_filename (blocker, "net.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-to", "s", good));
  g_assert_false (bpl_document_get_modified (f->document));
  g_assert_true (g_file_get_contents (good, &before, &before_len, NULL));
  g_assert_true (g_file_set_contents (blocker, "a file, not a folder", -1, NULL));

  bpl_document_set_param (f->document, (BplParam) { BPL_PARAM_WEIGHT, 0 }, 0.875);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-to", "s", bad));
  assert_error_dialog (f->window, "net.json");
  g_assert_true (bpl_document_get_modified (f->document));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  /* The document's file is still the good one, whole. */
  g_assert_true (g_file_get_contents (good, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);

  /* A read-only folder (root may write anywhere: then it is not tested). */
  if (geteuid () != 0)
    {
      g_autofree char *ro = tmp_path ("read-only");
      g_autofree char *inside = g_build_filename (ro, "good.json", NULL);
      g_autofree char *kept = NULL;
      gsize kept_len;

      g_assert_cmpint (g_mkdir (ro, 0755), ==, 0);
      g_assert_true (g_file_set_contents (inside, before, before_len, NULL));
      g_assert_cmpint (g_chmod (ro, 0555), ==, 0);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-to", "s", inside));
      assert_error_dialog (f->window, "good.json");
      g_assert_true (bpl_document_get_modified (f->document));
      g_assert_true (g_file_get_contents (inside, &kept, &kept_len, NULL));
      g_assert_cmpmem (before, before_len, kept, kept_len);
      g_chmod (ro, 0755);
      g_unlink (inside);
      g_rmdir (ro);
    }
  else
    g_test_message ("running as root: read-only folder not tested");

  g_unlink (good);
  g_unlink (blocker);
}

/* Opening bad files */

/* The worked example's file with the member that @replacement names (its
 * "key": …) replaced by @replacement. */
static char *
example_with (const char *replacement)
{
  g_autoptr(BplNetwork) example = bpl_network_new_worked_example ();
  g_autofree char *text = bpl_network_to_data (example, NULL);
  g_autofree char *key = g_strndup (replacement, strchr (replacement + 1, '"') - replacement + 1);
  char *start = strstr (text, key);
  char *end;

  g_assert_nonnull (start);
  end = strchr (start, '\n');
  if (end[-1] == ',')
    end--;
  return g_strdup_printf ("%.*s%s%s", (int) (start - text), text, replacement, end);
}

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  static const struct
  {
    const char *name;
    const char *contents; /* NULL: special */
  } cases[] = {
    { "empty.json", "" },
    { "not-json.json", "this is not JSON {" },
    { "truncated.json", "{ \"format\": \"backprop-lens-network\", \"version\": 1, \"layers\": [2, 2" },
    { "not-utf8.json", "{ \"format\": \"backprop-lens-network\", \"name\": \"\xff\xfe\" }" },
    { "wrong-types.json", "{ \"format\": \"backprop-lens-network\", \"version\": 1, \"layers\": \"two\" }" },
    /* The worked example with one thing wrong (see example_with). */
    { "sizes.json", "\"weights\": [0.15, 0.2, 0.25]" },
    { "infinite.json", "\"weights\": [1e999, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55]" },
    { "absurd.json", "\"weights\": [1e300, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55]" },
    { "huge-layers.json", "\"layers\": [2, 100000, 2]" },
    { "array.json", "[1, 2, 3]" },
    { "a folder", NULL },
    { "missing.json", NULL },
    { "too-big.json", NULL },
    { "unreadable.json", NULL },
  };
  g_autoptr(BplNetwork) current = NULL;

  /* Something other than the example, so "kept" means kept. */
  bpl_document_set_param (f->document, (BplParam) { BPL_PARAM_WEIGHT, 4 }, -0.3125);
  current = bpl_network_copy (bpl_document_get_network (f->document));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = tmp_path (cases[i].name);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;

      if (cases[i].contents != NULL && cases[i].contents[0] == '"')
        {
          g_autofree char *text = example_with (cases[i].contents);
          g_assert_true (g_file_set_contents (path, text, -1, NULL));
        }
      else if (cases[i].contents != NULL)
        g_assert_true (g_file_set_contents (path, cases[i].contents, -1, NULL));
      else if (g_str_equal (cases[i].name, "a folder"))
        g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
      else if (g_str_equal (cases[i].name, "too-big.json"))
        {
          FILE *fp = fopen (path, "w");
          g_assert_nonnull (fp);
          /* Sparse: the size is checked before anything is read. */
          g_assert_cmpint (ftruncate (fileno (fp), (off_t) BPL_FILE_MAX_SIZE + 1), ==, 0);
          fclose (fp);
        }
      else if (g_str_equal (cases[i].name, "unreadable.json"))
        {
          if (geteuid () == 0)
            {
              g_test_message ("running as root: unreadable file not tested");
              continue;
            }
          g_assert_true (g_file_set_contents (path, "{}", -1, NULL));
          g_assert_cmpint (g_chmod (path, 0), ==, 0);
        }

      g_assert_false (bpl_window_open_file (f->window, file, &error));
      g_assert_nonnull (error);
      g_test_message ("%s: %s", cases[i].name, error->message);
      assert_error_dialog (f->window, cases[i].name);
      g_assert_true (bpl_network_equal (bpl_document_get_network (f->document), current));
      g_assert_true (bpl_document_get_modified (f->document));

      if (g_str_equal (cases[i].name, "a folder"))
        g_rmdir (path);
      else
        g_unlink (path);
    }
}

/* Numerical faults */

static void
test_exploding (Fixture       *f,
                gconstpointer  data)
{
  static const guint layers_11[] = { 1, 1 };
  g_autoptr(BplNetwork) before = NULL;
  BplNetwork *net;
  gint64 end;

  /* η = 100 on the worked example: saturates, stays finite. */
  bpl_document_set_learning_rate (f->document, 100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.train", "t",
                                             (guint64) 10000));
  g_assert_true (network_is_finite (bpl_document_get_network (f->document)));
  g_assert_true (isfinite (bpl_document_get_mean_error (f->document)));
  bpl_app_test_close_dialogs (GTK_WINDOW (f->window));

  /* Linear 1-1 at η = 1e6: every step multiplies w by about −1e6, so
   * training overflows within a few dozen steps. Train 10,000 stops with a
   * message at the last finite state. */
  net = bpl_network_new (layers_11, 2, BPL_BIAS_NONE, NULL);
  bpl_network_set_activation (net, 1, BPL_ACTIVATION_LINEAR);
  bpl_network_set_learning_rate (net, 1e6);
  bpl_network_set_weight (net, 0, 1.0);
  bpl_network_set_input (net, 0, 0, 1.0);
  bpl_network_set_target (net, 0, 0, 0.5);
  bpl_document_set_network (f->document, net, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.train", "t",
                                             (guint64) 10000));
  g_assert_true (network_is_finite (bpl_document_get_network (f->document)));
  g_assert_cmpuint (bpl_network_get_steps (bpl_document_get_network (f->document)), <, 10000);
  assert_error_dialog (f->window, "finite");

  /* Play: stops by itself, with the same message, every weight finite. */
  bpl_document_undo (f->document);
  before = bpl_network_copy (bpl_document_get_network (f->document));
  g_object_set (f->window, "playing", TRUE, NULL);
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    {
      gboolean playing;

      g_main_context_iteration (NULL, TRUE);
      g_object_get (f->window, "playing", &playing, NULL);
      if (!playing)
        break;
    }
  {
    gboolean playing;
    g_object_get (f->window, "playing", &playing, NULL);
    g_assert_false (playing);
  }
  g_assert_true (network_is_finite (bpl_document_get_network (f->document)));
  assert_error_dialog (f->window, "finite");

  /* The stopped network is never saved with a non-finite value; a finite
   * one is. */
  {
    g_autofree char *path = tmp_path ("after-explosion.json");
    g_autoptr(BplNetwork) reloaded = NULL;

    g_autoptr(GError) error = NULL;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-to", "s", path));
    if (g_file_test (path, G_FILE_TEST_EXISTS))
      {
        reloaded = bpl_network_load_from_file (path, &error);
        g_assert_no_error (error);
        g_assert_true (network_is_finite (reloaded));
        g_unlink (path);
      }
    else
      {
        /* Refused (values beyond what a file may hold): said so. */
        assert_error_dialog (f->window, "after-explosion.json");
        g_assert_true (bpl_document_get_modified (f->document));
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!bpl_app_test_init (&argc, &argv))
    return 0;
  tmp_dir = g_dir_make_tmp ("bpl-reliability-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  recovery_dir = g_build_filename (tmp_dir, "recovery", NULL);
  g_setenv ("BPL_RECOVERY_DIR", recovery_dir, TRUE);

  BPL_APP_TEST_ADD ("/app/reliability/recovery-copy", test_recovery_copy);
  BPL_APP_TEST_ADD ("/app/reliability/recovery-offer", test_recovery_offer);
  BPL_APP_TEST_ADD ("/app/reliability/save-fails", test_save_fails);
  BPL_APP_TEST_ADD ("/app/reliability/bad-files", test_bad_files);
  BPL_APP_TEST_ADD ("/app/reliability/exploding", test_exploding);

  status = g_test_run ();

  if (status == 0)
    {
      g_rmdir (recovery_dir);
      g_rmdir (tmp_dir);
    }
  return status;
}

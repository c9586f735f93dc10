/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-dataset-dialog: New Data Set in the window: generated points into
 * this network or a new one, a CSV file's columns chosen, and every
 * problem shown in the dialog with the document left as it was. */
#include "config.h"

#include <glib/gstdio.h>

#include "app-test-util.h"
#include "bpl-dataset-dialog.h"

static BplDatasetDialog *
open_dialog (BplAppFixture *f)
{
  g_autoptr(GList) toplevels = NULL;

  bpl_app_test_activate (GTK_WIDGET (f->window), "win.new-dataset", NULL);
  bpl_app_test_iterate (20);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (BPL_IS_DATASET_DIALOG (l->data)
        && gtk_window_get_transient_for (GTK_WINDOW (l->data)) == GTK_WINDOW (f->window))
      return BPL_DATASET_DIALOG (l->data);
  g_assert_not_reached ();
}

static const BplNetwork *
network (BplAppFixture *f)
{
  return bpl_document_get_network (f->document);
}

/* A spiral into the worked example's own layers (two outputs: one-hot),
 * one undo step; then a new network that suits it. */
static void
test_generated (BplAppFixture *f,
                gconstpointer  data)
{
  BplDatasetDialog *dialog = open_dialog (f);
  GtkWidget *keep;
  double w1 = bpl_network_get_weight (network (f), 0);

  bpl_dataset_dialog_set_source (dialog, BPL_DATASET_SPIRAL);
  g_assert_null (bpl_dataset_dialog_get_problem (dialog));
  g_assert_true (bpl_dataset_dialog_create (dialog));
  g_assert_cmpuint (bpl_network_get_n_samples (network (f)), ==, 160);
  g_assert_cmpuint (bpl_network_get_n_test_samples (network (f)), ==, 40);
  g_assert_cmpfloat (bpl_network_get_weight (network (f), 0), ==, w1);
  g_assert_cmpuint (bpl_network_get_n_outputs (network (f)), ==, 2);

  bpl_app_test_activate (GTK_WIDGET (f->window), "win.undo", NULL);
  g_assert_cmpuint (bpl_network_get_n_samples (network (f)), ==, 1);
  g_assert_cmpuint (bpl_network_get_n_test_samples (network (f)), ==, 0);

  /* Keep off: a new network, 2-4-4-2 with tanh hidden layers. */
  keep = bpl_app_test_find_child (GTK_WIDGET (dialog), GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (keep), FALSE);
  g_assert_true (bpl_dataset_dialog_create (dialog));
  g_assert_cmpuint (bpl_network_get_n_layers (network (f)), ==, 4);
  g_assert_cmpint (bpl_network_get_activation (network (f), 1), ==, BPL_ACTIVATION_TANH);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static GFile *
write_csv (const char *name,
           const char *text)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return g_file_new_for_path (path);
}

/* A CSV file: its columns chosen in the dialog; a text column is a
 * problem as a target and a class as a class; three classes do not fit
 * the worked example, so a new network is made. A bad file is refused
 * with its line, and the file chosen before stays. */
static void
test_csv (BplAppFixture *f,
          gconstpointer  data)
{
  BplDatasetDialog *dialog = open_dialog (f);
  g_autoptr(GFile) good = write_csv ("bpl-test-flowers.csv",
                                     "x,y,species\n0.1,0.2,rose\n0.3,0.1,tulip\n-0.5,0.9,iris\n"
                                     "0.7,-0.2,rose\n0.2,0.2,tulip\n");
  g_autoptr(GFile) bad = write_csv ("bpl-test-broken.csv", "x,\"y\n1,2\n");
  g_autoptr(GFile) bad_row = write_csv ("bpl-test-row.csv", "x,y\n1,2\n3,\"4\n");
  const char *problem;

  g_assert_true (bpl_dataset_dialog_load_csv (dialog, good));
  problem = bpl_dataset_dialog_get_problem (dialog);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "line 2"));
  g_assert_nonnull (strstr (problem, "rose"));

  bpl_dataset_dialog_set_column (dialog, 2, BPL_CSV_COLUMN_CLASS);
  g_assert_null (bpl_dataset_dialog_get_problem (dialog));

  g_assert_false (bpl_dataset_dialog_load_csv (dialog, bad));
  g_assert_nonnull (strstr (bpl_dataset_dialog_get_problem (dialog), "bpl-test-broken.csv"));
  /* Nothing lost: the flowers are still the source, as Create shows. */
  g_assert_true (bpl_dataset_dialog_create (dialog));
  g_assert_cmpuint (bpl_network_get_n_outputs (network (f)), ==, 3);

  /* A bad row: the file opens, the problem names the line, and Create
   * leaves the document as it is. */
  g_assert_true (bpl_dataset_dialog_load_csv (dialog, bad_row));
  g_assert_nonnull (strstr (bpl_dataset_dialog_get_problem (dialog), "line 3"));
  g_assert_false (bpl_dataset_dialog_create (dialog));
  g_assert_cmpuint (bpl_network_get_n_outputs (network (f)), ==, 3);
  g_assert_cmpuint (bpl_network_get_n_samples (network (f)) + bpl_network_get_n_test_samples (network (f)), ==, 5);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_file_delete (good, NULL, NULL);
  g_file_delete (bad, NULL, NULL);
  g_file_delete (bad_row, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  if (!bpl_app_test_init (&argc, &argv))
    return 0;
  BPL_APP_TEST_ADD ("/app/dataset-dialog/generated", test_generated);
  BPL_APP_TEST_ADD ("/app/dataset-dialog/csv", test_csv);
  return g_test_run ();
}

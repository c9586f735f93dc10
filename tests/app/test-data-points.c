/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-data-points: the data view's model, without a display (issue 12).
 * Adding, moving and removing a point, a sample or a test sample, is one
 * undo step each; the session's data view state stays valid as the
 * network changes, a data set opens with the data view shown, and the
 * heat-map it keeps is the forward pass's and follows every change. */
#include "config.h"

#include <math.h>

#include "bpl-session.h"

static BplNetwork *
plane_network (guint n_points)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BplDataset) data = NULL;
  BplDatasetOptions options;

  bpl_dataset_options_init (&options);
  options.kind = BPL_DATASET_XOR;
  options.n_points = n_points;
  options.test_fraction = 0.25;
  data = bpl_dataset_generate (&options, &error);
  g_assert_no_error (error);
  {
    BplNetwork *network = bpl_dataset_new_network (data, 7, &error);

    g_assert_no_error (error);
    return network;
  }
}

static void
test_points_undo (void)
{
  g_autoptr (BplDocument) document = bpl_document_new ();
  const double in[] = { 0.3, -0.4 }, target[] = { 1 }, moved[] = { -0.5, 0.25 };
  const BplNetwork *network;
  guint n, n_test, index = G_MAXUINT;

  bpl_document_set_network (document, plane_network (40), NULL);
  network = bpl_document_get_network (document);
  n = bpl_network_get_n_samples (network);
  n_test = bpl_network_get_n_test_samples (network);
  g_assert_cmpuint (n_test, ==, 10);

  /* A training point, then a test point: one undo step each. */
  g_assert_true (bpl_document_add_point (document, FALSE, in, target, &index));
  g_assert_cmpuint (index, ==, n);
  g_assert_true (bpl_document_add_point (document, TRUE, in, target, &index));
  network = bpl_document_get_network (document);
  g_assert_cmpuint (index, ==, n_test);
  g_assert_cmpuint (bpl_network_get_n_samples (network), ==, n + 1);
  g_assert_cmpuint (bpl_network_get_n_test_samples (network), ==, n_test + 1);
  bpl_document_undo (document);
  network = bpl_document_get_network (document);
  g_assert_cmpuint (bpl_network_get_n_test_samples (network), ==, n_test);
  g_assert_cmpuint (bpl_network_get_n_samples (network), ==, n + 1);

  /* A move sets both coordinates in one step. */
  g_assert_true (bpl_document_move_point (document, FALSE, n, moved, NULL));
  network = bpl_document_get_network (document);
  g_assert_cmpfloat (bpl_network_get_input (network, n)[0], ==, -0.5);
  g_assert_cmpfloat (bpl_network_get_input (network, n)[1], ==, 0.25);
  bpl_document_undo (document);
  network = bpl_document_get_network (document);
  g_assert_cmpfloat (bpl_network_get_input (network, n)[0], ==, 0.3);
  g_assert_cmpfloat (bpl_network_get_input (network, n)[1], ==, -0.4);
  g_assert_true (bpl_document_move_point (document, TRUE, 0, moved, target));
  network = bpl_document_get_network (document);
  g_assert_cmpfloat (bpl_network_get_test_input (network, 0)[1], ==, 0.25);

  /* Removing; out of range and non-finite refused with nothing changed. */
  g_assert_true (bpl_document_remove_point (document, TRUE, 0));
  g_assert_true (bpl_document_remove_point (document, FALSE, n));
  network = bpl_document_get_network (document);
  g_assert_cmpuint (bpl_network_get_n_samples (network), ==, n);
  g_assert_cmpuint (bpl_network_get_n_test_samples (network), ==, n_test - 1);
  g_assert_false (bpl_document_remove_point (document, TRUE, 99));
  g_assert_false (bpl_document_move_point (document, FALSE, 0, (double[]) { NAN, 0 }, NULL));
  g_assert_false (bpl_document_move_point (document, FALSE, 999, moved, NULL));
  bpl_document_undo (document);
  bpl_document_undo (document);
  network = bpl_document_get_network (document);
  g_assert_cmpuint (bpl_network_get_n_samples (network), ==, n + 1);
  g_assert_cmpuint (bpl_network_get_n_test_samples (network), ==, n_test);
}

static void
test_session_state (void)
{
  g_autoptr (BplDocument) document = bpl_document_new ();
  g_autoptr (BplSession) session = bpl_session_new (document);
  const BplHeatmap *heatmap;
  g_autoptr (BplForward) forward = NULL;
  g_autoptr (BplNetwork) probe = NULL;

  /* The worked example: one sample, so no data view of its own accord. */
  g_assert_false (bpl_session_get_data_view (session));
  g_assert_cmpint (bpl_session_get_data_output (session), ==, -1);
  bpl_session_set_data_output (session, 1);
  g_assert_cmpint (bpl_session_get_data_output (session), ==, 1);
  bpl_session_set_data_output (session, 7);
  g_assert_cmpint (bpl_session_get_data_output (session), ==, -1);
  bpl_session_set_data_output (session, 1);

  /* A data set opens with the data view; output 2 of 1 is no more. */
  bpl_document_set_network (document, plane_network (60), NULL);
  g_assert_true (bpl_session_get_data_view (session));
  g_assert_cmpint (bpl_session_get_data_output (session), ==, -1);

  /* The kept heat-map is the forward pass at its grid points... */
  heatmap = bpl_session_get_heatmap (session);
  g_assert_nonnull (heatmap);
  probe = bpl_network_copy (bpl_session_get_network (session));
  forward = bpl_forward_new (probe);
  bpl_network_set_input (probe, 0, 0, bpl_heatmap_x (heatmap, 5));
  bpl_network_set_input (probe, 0, 1, bpl_heatmap_y (heatmap, 9));
  bpl_forward_compute (forward, probe, 0);
  g_assert_cmpfloat (bpl_heatmap_get_plane (heatmap, 7)[9 * heatmap->cols + 5], ==, forward->out[7]);
  /* ... and follows a step. */
  {
    double before = bpl_heatmap_get_plane (heatmap, 7)[0];

    g_assert_true (bpl_document_step (document, NULL));
    heatmap = bpl_session_get_heatmap (session);
    g_assert_cmpfloat (bpl_heatmap_get_plane (heatmap, 7)[0], !=, before);
  }
}

/* The loss series keeps the test error beside the training error; NaN
 * for a network without test samples; undo brings back both. */
static void
test_test_error_series (void)
{
  g_autoptr (BplDocument) document = bpl_document_new ();
  g_autoptr (BplForward) scratch = NULL;
  guint n;

  g_assert_true (isnan (bpl_document_get_loss_test_values (document)[0]));
  bpl_document_set_network (document, plane_network (40), NULL);
  g_assert_true (bpl_document_train (document, 50, NULL, NULL));
  n = bpl_document_get_n_loss_points (document);
  g_assert_cmpuint (n, >, 1);
  scratch = bpl_forward_new (bpl_document_get_network (document));
  g_assert_cmpfloat (bpl_document_get_loss_test_values (document)[n - 1], ==,
                     bpl_network_mean_test_error (bpl_document_get_network (document), scratch));
  g_assert_cmpfloat (bpl_document_get_loss_test_values (document)[0], !=,
                     bpl_document_get_loss_test_values (document)[n - 1]);
  bpl_document_undo (document);
  g_assert_cmpuint (bpl_document_get_n_loss_points (document), ==, 1);
  g_assert_true (isfinite (bpl_document_get_loss_test_values (document)[0]));
  bpl_document_redo (document);
  g_assert_cmpuint (bpl_document_get_n_loss_points (document), ==, n);
  g_assert_cmpfloat (bpl_document_get_loss_test_values (document)[n - 1], ==,
                     bpl_network_mean_test_error (bpl_document_get_network (document), scratch));
}

/* New Data Set…: the network kept where the data fits it, a new one where
 * not; one undo step either way; a refusal leaves everything as it was. */
static void
test_use_dataset (void)
{
  g_autoptr (BplDocument) document = bpl_document_new ();
  g_autoptr (BplDataset) circle = NULL;
  g_autoptr (BplDataset) sine = NULL;
  g_autoptr (GError) error = NULL;
  BplDatasetOptions options;
  double w0;

  bpl_document_set_network (document, plane_network (40), NULL);
  w0 = bpl_network_get_weight (bpl_document_get_network (document), 0);
  bpl_dataset_options_init (&options);
  options.n_points = 50;
  options.test_fraction = 0.2;
  circle = bpl_dataset_generate (&options, &error);
  g_assert_no_error (error);
  g_assert_true (bpl_document_use_dataset (document, circle, TRUE, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bpl_network_get_n_samples (bpl_document_get_network (document)), ==, 40);
  g_assert_cmpuint (bpl_network_get_n_test_samples (bpl_document_get_network (document)), ==, 10);
  g_assert_cmpfloat (bpl_network_get_weight (bpl_document_get_network (document), 0), ==, w0);

  options.kind = BPL_DATASET_SINE;
  sine = bpl_dataset_generate (&options, &error);
  g_assert_true (bpl_document_use_dataset (document, sine, TRUE, 3, &error));
  g_assert_cmpuint (bpl_network_get_n_inputs (bpl_document_get_network (document)), ==, 1);
  bpl_document_undo (document);
  g_assert_cmpuint (bpl_network_get_n_inputs (bpl_document_get_network (document)), ==, 2);
  g_assert_cmpuint (bpl_network_get_n_samples (bpl_document_get_network (document)), ==, 40);
  bpl_document_undo (document);
  g_assert_cmpuint (bpl_network_get_n_samples (bpl_document_get_network (document)), ==, 30);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/app/data-points/undo", test_points_undo);
  g_test_add_func ("/app/data-points/session", test_session_state);
  g_test_add_func ("/app/data-points/test-error-series", test_test_error_series);
  g_test_add_func ("/app/data-points/use-dataset", test_use_dataset);
  return g_test_run ();
}

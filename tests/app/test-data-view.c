/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-data-view: the data view in the window (issue 12). The spiral
 * example opens with it shown; a click on a point makes that sample the
 * one shown and its derivation follows; a click on empty space adds a
 * point of the chosen class, a drag moves one and Delete removes it, each
 * one undo step; it exports as on screen; Neuron Heat-Maps puts a picture
 * in every neuron of the diagram; and it follows Play. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "app-test-util.h"
#include "bpl-data-view-widget.h"
#include "bpl-dataset-dialog.h"

static BplDataViewWidget *
open_spiral (BplAppFixture *f)
{
  BplDataViewWidget *view;

  bpl_app_test_activate (GTK_WIDGET (f->window), "win.new-example", g_variant_new_string ("spiral"));
  bpl_app_test_iterate (10);
  view = BPL_DATA_VIEW_WIDGET (bpl_app_test_find_child (GTK_WIDGET (f->window),
                                                         BPL_TYPE_DATA_VIEW_WIDGET));
  g_assert_nonnull (view);
  g_assert_true (bpl_session_get_data_view (f->session));
  bpl_app_test_wait_until_mapped (GTK_WIDGET (view));
  g_assert_nonnull (bpl_data_view_widget_get_layout (view));
  return view;
}

static void
test_pick_point (BplAppFixture *f,
                 gconstpointer  data)
{
  BplDataViewWidget *view = open_spiral (f);
  const BplDataViewLayout *layout = bpl_data_view_widget_get_layout (view);
  const BplNetwork *network = bpl_session_get_network (f->session);
  BplDataPoint hit;
  double px, py;

  g_assert_cmpuint (bpl_network_get_n_samples (network), ==, 240);
  g_assert_true (bpl_data_view_point_position (layout, network,
                                               (BplDataPoint) { BPL_DATA_POINT_SAMPLE, 17 }, &px, &py));
  hit = bpl_data_view_hit_test (layout, network, px, py);
  g_assert_cmpint (hit.kind, ==, BPL_DATA_POINT_SAMPLE);
  bpl_data_view_widget_click_at (view, px, py);
  /* (The layout is made again as the values shown change.) */
  g_assert_cmpuint (bpl_session_get_sample (f->session), ==, hit.index);
  g_assert_cmpint (bpl_data_view_widget_get_picked (view).kind, ==, BPL_DATA_POINT_SAMPLE);
  /* Its derivation: the selected weight's gradient is on that sample. */
  bpl_app_test_select (f, "w3");
  bpl_app_test_iterate (5);
  g_assert_cmpuint (bpl_session_get_sample (f->session), ==,
                    bpl_data_view_widget_get_picked (view).index);
  /* The diagram shows that sample's inputs. */
  g_assert_cmpfloat (bpl_session_get_forward (f->session)->out[0], ==,
                     bpl_network_get_input (network, bpl_session_get_sample (f->session))[0]);
}

static void
test_edit_points (BplAppFixture *f,
                  gconstpointer  data)
{
  BplDataViewWidget *view = open_spiral (f);
  const BplDataViewLayout *layout = bpl_data_view_widget_get_layout (view);
  const BplNetwork *network;
  double px, py, x, y;
  guint n;

  /* Empty space, a corner of the plot: a point of class 1 is added. */
  bpl_session_set_point_class (f->session, 1);
  bpl_data_view_to_canvas (layout, 0.95, -0.95, &px, &py);
  g_assert_cmpint (bpl_data_view_hit_test (layout, bpl_session_get_network (f->session), px, py).kind,
                   ==, BPL_DATA_POINT_NONE);
  bpl_data_view_widget_click_at (view, px, py);
  network = bpl_session_get_network (f->session);
  n = bpl_network_get_n_samples (network);
  g_assert_cmpuint (n, ==, 241);
  g_assert_cmpfloat_with_epsilon (bpl_network_get_input (network, n - 1)[0], 0.95, 1e-9);
  g_assert_cmpfloat (bpl_network_get_target (network, n - 1)[0], ==, 1);
  g_assert_cmpuint (bpl_session_get_sample (f->session), ==, n - 1);

  /* A drag moves it, in one undo step. */
  layout = bpl_data_view_widget_get_layout (view);
  bpl_data_view_to_canvas (layout, 0.95, -0.95, &px, &py);
  bpl_data_view_from_canvas (layout, px - 40, py - 30, &x, &y);
  g_assert_true (bpl_data_view_widget_drag (view, px, py, px - 40, py - 30));
  network = bpl_session_get_network (f->session);
  g_assert_cmpfloat_with_epsilon (bpl_network_get_input (network, n - 1)[0], x, 1e-9);
  g_assert_cmpfloat_with_epsilon (bpl_network_get_input (network, n - 1)[1], y, 1e-9);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.undo", NULL);
  network = bpl_session_get_network (f->session);
  g_assert_cmpfloat_with_epsilon (bpl_network_get_input (network, n - 1)[0], 0.95, 1e-9);

  /* Delete removes the point picked; undo brings it back. */
  g_assert_true (bpl_data_view_widget_remove_picked (view));
  g_assert_cmpuint (bpl_network_get_n_samples (bpl_session_get_network (f->session)), ==, 240);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.undo", NULL);
  g_assert_cmpuint (bpl_network_get_n_samples (bpl_session_get_network (f->session)), ==, 241);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.undo", NULL);
  g_assert_cmpuint (bpl_network_get_n_samples (bpl_session_get_network (f->session)), ==, 240);

  /* A test point: picked, moved, removed, undone. */
  layout = bpl_data_view_widget_get_layout (view);
  network = bpl_session_get_network (f->session);
  g_assert_true (bpl_data_view_point_position (layout, network,
                                               (BplDataPoint) { BPL_DATA_POINT_TEST, 3 }, &px, &py));
  bpl_data_view_widget_click_at (view, px, py);
  if (bpl_data_view_widget_get_picked (view).kind == BPL_DATA_POINT_TEST)
    {
      g_assert_true (bpl_data_view_widget_remove_picked (view));
      g_assert_cmpuint (bpl_network_get_n_test_samples (bpl_session_get_network (f->session)), ==, 59);
      bpl_app_test_activate (GTK_WIDGET (f->window), "win.undo", NULL);
      g_assert_cmpuint (bpl_network_get_n_test_samples (bpl_session_get_network (f->session)), ==, 60);
    }
}

static void
test_export_and_toggles (BplAppFixture *f,
                         gconstpointer  data)
{
  BplDataViewWidget *view = open_spiral (f);
  g_autofree char *dir = g_dir_make_tmp ("bpl-data-view-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "data.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "data.pdf", NULL);
  g_autofree char *bytes = NULL;
  guint draws;

  bpl_app_test_activate (GTK_WIDGET (f->window), "win.export-data-to", g_variant_new_string (png));
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.export-data-to", g_variant_new_string (pdf));
  g_assert_true (g_file_get_contents (png, &bytes, NULL, NULL));
  g_assert_true (g_str_has_prefix (bytes + 1, "PNG"));
  g_clear_pointer (&bytes, g_free);
  g_assert_true (g_file_get_contents (pdf, &bytes, NULL, NULL));
  g_assert_true (g_str_has_prefix (bytes, "%PDF"));
  g_unlink (png);
  g_unlink (pdf);
  g_rmdir (dir);

  /* Neuron heat-maps: the diagram's base is drawn again, with them. */
  gtk_widget_queue_draw (GTK_WIDGET (f->diagram));
  bpl_app_test_iterate (10);
  draws = bpl_diagram_widget_get_n_base_draws (f->diagram);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.heat-maps", NULL);
  g_assert_true (bpl_session_get_heat_maps (f->session));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->diagram));
  bpl_app_test_iterate (10);
  g_assert_cmpuint (bpl_diagram_widget_get_n_base_draws (f->diagram), >, draws);
  {
    BplRenderState state;

    bpl_diagram_widget_get_render_state (f->diagram, &state);
    g_assert_true (state.heatmap == bpl_session_get_heatmap (f->session));
  }

  /* Discretize and the view itself are toggles too. */
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.discretize", NULL);
  g_assert_true (bpl_session_get_discretize (f->session));
  bpl_app_test_iterate (5);
  g_assert_true (bpl_data_view_widget_get_layout (view)->discretize);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.data-view", NULL);
  bpl_app_test_iterate (5);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view)));
}

/* Play: the heat-map follows each step. */
static void
test_follows_training (BplAppFixture *f,
                       gconstpointer  data)
{
  open_spiral (f);
  {
    double before = bpl_heatmap_get_plane (bpl_session_get_heatmap (f->session), 18)[0];

    bpl_app_test_activate (GTK_WIDGET (f->window), "win.train", g_variant_new_uint64 (1000));
    bpl_app_test_iterate (10);
    g_assert_cmpfloat (bpl_heatmap_get_plane (bpl_session_get_heatmap (f->session), 18)[0], !=, before);
  }
}

/* Opening a file with the graph view in the stack: the data view gets
 * its share (the stack's natural width once left it none). */
static void
test_toggle_from_file (BplAppFixture *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("BPL_SOURCE_ROOT"), "data", "networks", "spiral.json", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GtkWidget *view;

  g_assert_true (bpl_window_open_file (f->window, file, NULL));
  bpl_app_test_iterate (10);
  view = bpl_app_test_find_child (GTK_WIDGET (f->window), BPL_TYPE_DATA_VIEW_WIDGET);
  /* A 2-input network with samples opens with the data view, a fair share
   * of the width beside the diagram; off and on, it comes back so. */
  g_assert_true (bpl_session_get_data_view (f->session));
  bpl_app_test_wait_until_mapped (view);
  g_assert_cmpint (gtk_widget_get_width (view), >, 200);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.data-view", NULL);
  bpl_app_test_iterate (10);
  g_assert_false (gtk_widget_get_visible (view));
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.data-view", NULL);
  bpl_app_test_wait_until_mapped (view);
  g_assert_cmpint (gtk_widget_get_width (view), >, 200);
}

int
main (int argc, char **argv)
{
  if (!bpl_app_test_init (&argc, &argv))
    return 0;
  BPL_APP_TEST_ADD ("/app/data-view/pick-point", test_pick_point);
  BPL_APP_TEST_ADD ("/app/data-view/edit-points", test_edit_points);
  BPL_APP_TEST_ADD ("/app/data-view/export-and-toggles", test_export_and_toggles);
  BPL_APP_TEST_ADD ("/app/data-view/follows-training", test_follows_training);
  BPL_APP_TEST_ADD ("/app/data-view/toggle-from-file", test_toggle_from_file);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-large: issue 10 in the window. A large network's diagram keeps its
 * base layer between frames; the side panel builds a bounded number of
 * rows; the digits example shows its images. */
#include "config.h"

#include "app-test-util.h"

#include <string.h>

#include "bpl-session.h"

typedef BplAppFixture Fixture;

static BplNetwork *
large_network (void)
{
  static const guint layers[] = { 256, 128, 128, 64, 10 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (10);
  BplNetwork *network = bpl_network_new (layers, G_N_ELEMENTS (layers), BPL_BIAS_PER_NEURON, &error);

  g_assert_no_error (error);
  for (guint w = 0; w < bpl_network_get_n_weights (network); w++)
    bpl_network_set_weight (network, w, g_rand_double_range (rand, -0.15, 0.15));
  for (guint i = 0; i < 256; i++)
    bpl_network_set_input (network, 0, i, g_rand_double (rand));
  bpl_network_set_learning_rate (network, 0.1);
  return network;
}

static void
draw (Fixture *f)
{
  gtk_widget_queue_draw (GTK_WIDGET (f->diagram));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->diagram));
  bpl_app_test_iterate (5);
}

/* Hover and selection draw over a kept base: its 58k edges are drawn again
 * only when values change, and once for the dimmed look of a selection. */
static void
test_base_kept (Fixture       *f,
                gconstpointer  data)
{
  guint first;

  bpl_document_set_network (f->document, large_network (), NULL);
  draw (f);
  first = bpl_diagram_widget_get_n_base_draws (f->diagram);
  g_assert_cmpuint (first, >=, 1);

  bpl_session_set_hover (f->session, (BplHit) { BPL_HIT_WEIGHT, 57000 });
  draw (f);
  bpl_session_set_hover (f->session, (BplHit) { BPL_HIT_NEURON, 300 });
  draw (f);
  g_assert_cmpuint (bpl_diagram_widget_get_n_base_draws (f->diagram), ==, first);

  /* The dimmed base once, then kept for every selection, and the plain one
   * kept for none. */
  bpl_app_test_select (f, "w1");
  draw (f);
  g_assert_cmpuint (bpl_diagram_widget_get_n_base_draws (f->diagram), ==, first + 1);
  bpl_app_test_select (f, "w40000");
  draw (f);
  bpl_app_test_select (f, "b3");
  draw (f);
  bpl_session_set_selection (f->session, (BplHit) { BPL_HIT_NONE, 0 });
  draw (f);
  bpl_app_test_select (f, "w5");
  draw (f);
  g_assert_cmpuint (bpl_diagram_widget_get_n_base_draws (f->diagram), ==, first + 1);

  /* A Step changes the values: the base is drawn again, the layout kept
   * (a network this large is laid out by its shape alone). */
  {
    const BplLayout *layout = bpl_diagram_widget_get_layout (f->diagram);

    g_assert_true (layout->by_shape);
    bpl_app_test_activate (GTK_WIDGET (f->window), "win.step", NULL);
    draw (f);
    g_assert_true (bpl_diagram_widget_get_layout (f->diagram) == layout);
  }
  g_assert_cmpuint (bpl_diagram_widget_get_n_base_draws (f->diagram), >, first + 1);

  /* A new size (the data view opens beside it): the kept image was of the
   * old one and would be stretched, so the base is drawn again. */
  {
    guint before = bpl_diagram_widget_get_n_base_draws (f->diagram);
    double width = bpl_diagram_widget_get_layout (f->diagram)->width;

    bpl_session_set_data_view (f->session, TRUE);
    bpl_app_test_iterate (5);
    draw (f);
    g_assert_cmpfloat (bpl_diagram_widget_get_layout (f->diagram)->width, <, width);
    g_assert_cmpuint (bpl_diagram_widget_get_n_base_draws (f->diagram), >, before);
  }
}

static guint
count_rows (Fixture *f)
{
  g_autoptr (GPtrArray) rows = bpl_app_test_find_all (GTK_WIDGET (f->parameters), ADW_TYPE_ACTION_ROW);
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    n += gtk_widget_get_visible (g_ptr_array_index (rows, i));
  return n;
}

/* The parameters page made a row, a spin button and a sparkline for each
 * of 58k weights. Now a few of each list, and the selection's own. */
static void
test_parameters_bounded (Fixture       *f,
                         gconstpointer  data)
{
  GtkSpinButton *spin;

  bpl_document_set_network (f->document, large_network (), NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-panel", "s", "parameters"));
  bpl_app_test_wait_until_mapped (GTK_WIDGET (f->parameters));
  g_assert_true (bpl_parameters_panel_get_built (f->parameters));
  g_assert_cmpuint (count_rows (f), <, 250);
  g_assert_null (bpl_parameters_panel_get_spin (f->parameters, "w40000"));

  /* Selected in the diagram: there to edit, and edited. */
  bpl_app_test_select (f, "w40000");
  spin = bpl_parameters_panel_get_spin (f->parameters, "w40000");
  g_assert_nonnull (spin);
  gtk_spin_button_set_value (spin, 0.625);
  g_assert_cmpfloat (bpl_network_get_weight (bpl_document_get_network (f->document), 39999), ==, 0.625);
  /* Another selection takes its place. */
  bpl_app_test_select (f, "b300");
  g_assert_null (bpl_parameters_panel_get_spin (f->parameters, "w40000"));
  g_assert_nonnull (bpl_parameters_panel_get_spin (f->parameters, "b300"));
  g_assert_cmpuint (count_rows (f), <, 250);
  /* One of the listed ones is edited where it is listed. */
  bpl_app_test_select (f, "w2");
  g_assert_null (bpl_parameters_panel_get_spin (f->parameters, "b300"));
  g_assert_nonnull (bpl_parameters_panel_get_spin (f->parameters, "w2"));
}

/* The digits example: 8×8 inputs, its image and the neurons' weights as
 * images, and a click on a pixel of a neuron's image selects that weight. */
static void
test_digits (Fixture       *f,
             gconstpointer  data)
{
  const BplLayout *layout;
  const BplRect *image;
  BplHit hit;

  /* New From Example has it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-example", "s", "digits"));
  bpl_app_test_iterate (10);
  g_assert_cmpuint (bpl_network_get_n_inputs (bpl_document_get_network (f->document)), ==, 64);
  draw (f);
  layout = bpl_diagram_widget_get_layout (f->diagram);
  g_assert_nonnull (layout);
  g_assert_cmpuint (layout->image_side, ==, 8);
  g_assert_cmpfloat (layout->input_image.width, >, 0);
  image = &layout->neuron_images[64];
  g_assert_cmpfloat (image->width, >, 0);
  hit = bpl_diagram_widget_select_at (f->diagram, image->x + image->width * 2.5 / 8,
                                      image->y + image->height * 0.5 / 8);
  g_assert_cmpint (hit.kind, ==, BPL_HIT_WEIGHT);
  g_assert_cmpuint (hit.index, ==, 2);
  g_assert_cmpint (bpl_session_get_selection (f->session).kind, ==, BPL_HIT_WEIGHT);
  g_assert_cmpuint (bpl_session_get_selection (f->session).index, ==, 2);
}

/* The weights into a layer as a matrix: a click on a cell selects that
 * weight, and the diagram shows its path when switched back. */
static void
test_matrix_view (Fixture       *f,
                  gconstpointer  data)
{
  const BplMatrixLayout *matrix;
  BplRect cell;
  BplHit hit;

  bpl_document_set_network (f->document, large_network (), NULL);
  draw (f);
  g_assert_cmpuint (bpl_diagram_widget_get_matrix_layer (f->diagram), ==, 0);
  g_assert_null (bpl_diagram_widget_get_matrix (f->diagram));

  bpl_app_test_activate (GTK_WIDGET (f->diagram), "diagram.view", g_variant_new_int32 (2));
  draw (f);
  matrix = bpl_diagram_widget_get_matrix (f->diagram);
  g_assert_nonnull (matrix);
  g_assert_cmpuint (matrix->layer, ==, 2);
  g_assert_true (bpl_matrix_layout_cell (matrix, 40000, &cell));
  hit = bpl_diagram_widget_select_at (f->diagram, cell.x + cell.width / 2, cell.y + cell.height / 2);
  g_assert_cmpint (hit.kind, ==, BPL_HIT_WEIGHT);
  g_assert_cmpuint (hit.index, ==, 40000);
  g_assert_cmpuint (bpl_session_get_selection (f->session).index, ==, 40000);
  /* Its derivation is in the panel, as for a click in the diagram. */
  bpl_app_test_iterate (10);
  {
    g_autofree char *text = bpl_derivation_panel_dup_text (f->derivation);

    g_assert_nonnull (strstr (text, "w40001"));
  }

  bpl_app_test_activate (GTK_WIDGET (f->diagram), "diagram.view", g_variant_new_int32 (0));
  draw (f);
  g_assert_null (bpl_diagram_widget_get_matrix (f->diagram));

  /* An output's weight: one path, open; its net input of 64 terms written
   * short, keeping the weight's own term, the one that is differentiated. */
  bpl_app_test_select (f, "w57950");
  {
    g_autofree char *text = bpl_derivation_panel_dup_text (f->derivation);
    const char *expansion = strstr (text, "∂neto10/∂w57950 = ∂(");

    g_assert_nonnull (expansion);
    g_assert_nonnull (strstr (expansion, " + … + w57950·out"));
    g_assert_true (strstr (expansion, "\n") > strstr (expansion, " + … + w57950·out"));
  }
}

/* The architecture editor builds 3Blue1Brown's 784-16-16-10: a layer of
 * 784 was refused at 256; 1,024 is the most. */
static void
test_wide_layers (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (bpl_document_set_layer_size (f->document, 0, 784, &error));
  g_assert_no_error (error);
  g_assert_true (bpl_document_set_layer_size (f->document, 1, 16, &error));
  g_assert_cmpuint (bpl_network_get_n_inputs (bpl_document_get_network (f->document)), ==, 784);
  g_assert_false (bpl_document_set_layer_size (f->document, 1, BPL_MAX_LAYER_SIZE + 1, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
  draw (f);
  g_assert_cmpuint (bpl_diagram_widget_get_layout (f->diagram)->image_side, ==, 28);
}

static guint n_frames;

static void
count_frame (GdkFrameClock *clock,
             gpointer       user_data)
{
  n_frames++;
}

/* Play on the large network keeps drawing frames, and a click during Play
 * selects at once and shows its derivation while training goes on. */
static void
test_play_responsive (Fixture       *f,
                      gconstpointer  data)
{
  GdkFrameClock *clock;
  gulong handler;
  gint64 end;
  g_autofree char *text = NULL;
  const BplNeuronLayout *o1;

  bpl_document_set_network (f->document, large_network (), NULL);
  draw (f);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->diagram));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (count_frame), NULL);
  n_frames = 0;
  g_object_set (f->window, "playing", TRUE, NULL);
  end = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_test_message ("%u frames in 1 s of Play, %" G_GUINT64_FORMAT " steps", n_frames,
                  bpl_network_get_steps (bpl_document_get_network (f->document)));
  g_assert_cmpuint (n_frames, >=, 5);
  g_assert_cmpuint (bpl_network_get_steps (bpl_document_get_network (f->document)), >, 0);

  /* A click on o1 while playing: selected at once, its computation shown
   * within a few frames, and Play goes on. */
  o1 = &bpl_diagram_widget_get_layout (f->diagram)->neurons[bpl_network_get_n_neurons (bpl_document_get_network (f->document)) - 10];
  bpl_app_test_activate (GTK_WIDGET (f->diagram), "diagram.select-at", g_variant_new ("(dd)", o1->x, o1->y));
  g_assert_cmpint (bpl_session_get_selection (f->session).kind, ==, BPL_HIT_NEURON);
  n_frames = 0;
  while (n_frames < 3)
    g_main_context_iteration (NULL, TRUE);
  text = bpl_derivation_panel_dup_text (f->derivation);
  g_assert_nonnull (strstr (text, "o1"));
  {
    gboolean playing;

    g_object_get (f->window, "playing", &playing, NULL);
    g_assert_true (playing);
  }
  g_object_set (f->window, "playing", FALSE, NULL);
  g_signal_handler_disconnect (clock, handler);
}

int
main (int   argc,
      char *argv[])
{
  if (!bpl_app_test_init (&argc, &argv))
    return 0;
  BPL_APP_TEST_ADD ("/large/base-kept", test_base_kept);
  BPL_APP_TEST_ADD ("/large/parameters-bounded", test_parameters_bounded);
  BPL_APP_TEST_ADD ("/large/digits", test_digits);
  BPL_APP_TEST_ADD ("/large/play-responsive", test_play_responsive);
  BPL_APP_TEST_ADD ("/large/matrix-view", test_matrix_view);
  BPL_APP_TEST_ADD ("/large/wide-layers", test_wide_layers);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-heatmap.c: issue 12's frame of Play with the data view open. On a
 * 2-8-8-1 tanh network with 500 points, and on the worked example's
 * shape: the grid forward pass of every neuron, the data view drawn at the
 * widget's size (its heat-map scaled up by Cairo) and the 17 neurons' small
 * heat-maps, against the target of 8 ms a frame; and, for comparison, one
 * plain forward pass per pixel of the plot, as a naive heat-map would. */
#include "config.h"

#include <cairo.h>
#include <locale.h>
#include <math.h>

#include "backprop-lens-diagram.h"

#define FRAMES 60
#define TARGET_US 8000.0
#define VIEW_SIDE 480.0
#define TILE 36.0

static double
median (double *v, guint n)
{
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && v[j - 1] > v[j]; j--)
      {
        double t = v[j];
        v[j] = v[j - 1];
        v[j - 1] = t;
      }
  return v[n / 2];
}

static BplNetwork *
spiral_network (const guint *sizes, guint n_layers, BplActivation activation, guint n_points)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BplDataset) data = NULL;
  BplDatasetOptions options;
  BplNetwork *network = bpl_network_new (sizes, n_layers, BPL_BIAS_PER_NEURON, &error);
  g_autoptr (GRand) rand = g_rand_new_with_seed (12);

  g_assert_no_error (error);
  bpl_dataset_options_init (&options);
  options.kind = BPL_DATASET_SPIRAL;
  options.n_points = n_points;
  options.noise = 0.1;
  options.test_fraction = 0.2;
  data = bpl_dataset_generate (&options, &error);
  g_assert_no_error (error);
  for (guint l = 1; l < n_layers; l++)
    bpl_network_set_activation (network, l, activation);
  for (guint w = 0; w < bpl_network_get_n_weights (network); w++)
    bpl_network_set_weight (network, w, g_rand_double_range (rand, -1.5, 1.5));
  if (sizes[n_layers - 1] == 1)
    {
      bpl_dataset_apply (data, network, &error);
      g_assert_no_error (error);
    }
  return network;
}

static gboolean
bench (const char *what, BplNetwork *network)
{
  double compute_us[FRAMES], view_us[FRAMES], tiles_us[FRAMES], naive_us[5];
  g_autoptr (BplDataViewLayout) layout = bpl_data_view_layout_new (network, NULL, VIEW_SIDE, VIEW_SIDE);
  g_autoptr (BplHeatmap) heatmap = NULL;
  g_autoptr (BplForward) forward = bpl_forward_new (network);
  cairo_surface_t *view = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, VIEW_SIDE, VIEW_SIDE);
  cairo_surface_t *diagram = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
  guint n_in = bpl_network_get_n_inputs (network), n_neurons = bpl_network_get_n_neurons (network);
  guint px_w = (guint) ceil (layout->plot.width), px_h = (guint) ceil (layout->plot.height);
  double c, v, t, naive, frame;
  BplStyle style;

  bpl_style_init_builtin (&style, BPL_THEME_LIGHT);
  heatmap = bpl_data_view_update_heatmap (layout, network, NULL);
  for (guint i = 0; i < FRAMES; i++)
    {
      gint64 t0, t1, t2;
      cairo_t *cr;

      /* A training step changes a weight each frame. */
      bpl_network_set_weight (network, i % bpl_network_get_n_weights (network),
                              bpl_network_get_weight (network, i % bpl_network_get_n_weights (network)) * 0.999);
      t0 = g_get_monotonic_time ();
      heatmap = bpl_data_view_update_heatmap (layout, network, heatmap);
      t1 = g_get_monotonic_time ();
      cr = cairo_create (view);
      bpl_render_data_view (cr, network, layout, heatmap, &style, NULL);
      cairo_destroy (cr);
      cairo_surface_flush (view);
      t2 = g_get_monotonic_time ();
      cr = cairo_create (diagram);
      for (guint n = n_in; n < n_neurons; n++)
        {
          BplRect rect = { 10 + (n % 8) * (TILE + 4), 10 + (n / 8) * (TILE + 4), TILE, TILE };

          bpl_render_neuron_heatmap (cr, network, heatmap, n, &rect, &style);
        }
      cairo_destroy (cr);
      cairo_surface_flush (diagram);
      compute_us[i] = t1 - t0;
      view_us[i] = t2 - t1;
      tiles_us[i] = g_get_monotonic_time () - t2;
    }
  /* The naive way: a forward pass for every pixel of the plot. */
  for (guint i = 0; i < G_N_ELEMENTS (naive_us); i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double sink = 0;

      for (guint y = 0; y < px_h; y++)
        for (guint x = 0; x < px_w; x++)
          {
            double in_x, in_y;

            bpl_data_view_from_canvas (layout, layout->plot.x + x + 0.5, layout->plot.y + y + 0.5,
                                       &in_x, &in_y);
            bpl_network_set_input (network, 0, 0, in_x);
            if (n_in == 2)
              bpl_network_set_input (network, 0, 1, in_y);
            bpl_forward_compute (forward, network, 0);
            sink += forward->out[n_neurons - 1];
          }
      naive_us[i] = g_get_monotonic_time () - t0;
      if (sink == 12345.678)
        g_print (" ");
    }
  c = median (compute_us, FRAMES);
  v = median (view_us, FRAMES);
  t = median (tiles_us, FRAMES);
  naive = median (naive_us, G_N_ELEMENTS (naive_us));
  frame = c + v + t;
  g_print ("%s: grid %u×%u for a %u×%u plot in a %.0f×%.0f view, %u neurons: grid forward pass "
           "%.0f µs + data view drawn %.0f µs + %u neuron heat-maps %.0f µs = %.0f µs a frame "
           "(median of %d); target < %.0f µs. Naive, one forward pass per pixel of the plot: "
           "%.0f µs, %.0f× the grid pass and %.1f× the whole frame\n",
           what, layout->grid_cols, layout->grid_rows, px_w, px_h, VIEW_SIDE, VIEW_SIDE,
           n_neurons - n_in, c, v, n_neurons - n_in, t, frame, FRAMES, TARGET_US, naive, naive / c,
           naive / frame);
  cairo_surface_destroy (view);
  cairo_surface_destroy (diagram);
  return frame < TARGET_US;
}

int
main (void)
{
  const guint deep[] = { 2, 8, 8, 1 }, worked[] = { 2, 2, 2 };
  g_autoptr (BplNetwork) a = NULL;
  g_autoptr (BplNetwork) b = NULL;
  gboolean ok;

  /* "×" and "µ" would print as "?" in the C locale. */
  setlocale (LC_ALL, "");
  a = spiral_network (deep, 4, BPL_ACTIVATION_TANH, 500);
  ok = bench ("2-8-8-1 tanh, 500 points", a);
  b = bpl_network_new_worked_example ();
  ok = bench ("worked example 2-2-2 sigmoid", b) && ok;
  if (!ok)
    g_printerr ("a frame missed the target of %.0f µs\n", TARGET_US);
  (void) worked;
  return ok ? 0 : 1;
}

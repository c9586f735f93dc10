/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-graph.c: the computational graph of w3's paths in the worked
 * example, built, laid out and drawn as the window would draw one frame of
 * the backward pass, against issue 13's target: well under a frame, 4 ms.
 * Then a frame of the walk as the window's graph view plays it: graph,
 * walk and layout kept, the canvas drawn at the next step (the worked
 * example, and a weight of the 64-16-16-10 softmax digits network). */
#include "config.h"

#include <cairo.h>
#include <locale.h>
#include <math.h>

#include "backprop-lens-diagram.h"

#define FRAMES 300
#define TARGET_US 4000.0

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

/* Builds the graph (whole, then w3's part), its backward walk and layout,
 * and draws the frame at @step; returns FALSE when the median misses. */
static gboolean
bench (const char *what, const BplNetwork *network, BplParam param, gboolean whole)
{
  double build_us[FRAMES], layout_us[FRAMES], render_us[FRAMES];
  cairo_surface_t *surface = NULL;
  BplStyle style;
  double b, l, r;

  bpl_style_init_builtin (&style, BPL_THEME_LIGHT);
  for (guint i = 0; i < FRAMES; i++)
    {
      gint64 t0 = g_get_monotonic_time (), t1, t2;
      g_autoptr (BplGraph) full = bpl_graph_new (network, 0, NULL);
      g_autoptr (BplGraph) part = whole ? NULL
                                        : bpl_graph_new_for_param (full, network, param,
                                                                   BPL_GRAPH_DEFAULT_PER_LAYER);
      const BplGraph *graph = whole ? full : part;
      g_autoptr (BplGraphWalk) walk = bpl_graph_walk_new (graph, BPL_GRAPH_BACKWARD);
      g_autoptr (BplGraphLayout) layout = NULL;
      BplGraphRenderState state;
      cairo_t *cr;

      t1 = g_get_monotonic_time ();
      layout = bpl_graph_layout_new (graph, NULL);
      t2 = g_get_monotonic_time ();
      if (surface == NULL)
        surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (layout->width),
                                              (int) ceil (layout->height));
      bpl_graph_render_state_init (&state);
      state.walk = walk;
      state.position = (gint) (i % walk->n_steps);
      cr = cairo_create (surface);
      bpl_graph_render (cr, graph, layout, &style, &state);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      build_us[i] = t1 - t0;
      layout_us[i] = t2 - t1;
      render_us[i] = g_get_monotonic_time () - t2;
    }
  b = median (build_us, FRAMES);
  l = median (layout_us, FRAMES);
  r = median (render_us, FRAMES);
  g_print ("%s, %d×%d: build and walk %.0f µs + layout %.0f µs + render %.0f µs = %.0f µs "
           "(median of %d frames, each at another step of the backward pass); target < %.0f µs, "
           "%.1f%% of a 16 ms frame\n",
           what, cairo_image_surface_get_width (surface), cairo_image_surface_get_height (surface),
           b, l, r, b + l + r, FRAMES, TARGET_US, (b + l + r) / 160.0);
  cairo_surface_destroy (surface);
  return b + l + r < TARGET_US;
}

/* Play in the window: the graph, its walk and layout are built once (when
 * the selection or the values change); a step draws the canvas again, a
 * CANVAS_W × CANVAS_H area (the 1400×900 window's) with the graph fitted
 * but not below the view's least scale, 0.7 (then it scrolls). */
#define CANVAS_W 860
#define CANVAS_H 350
static gboolean
bench_walk (const char *what, const BplNetwork *network, BplParam param)
{
  double render_us[FRAMES];
  g_autoptr (BplGraph) full = bpl_graph_new (network, 0, NULL);
  g_autoptr (BplGraph) graph = bpl_graph_new_for_param (full, network, param, BPL_GRAPH_DEFAULT_PER_LAYER);
  g_autoptr (BplGraphWalk) walk = bpl_graph_walk_new (graph, BPL_GRAPH_BACKWARD);
  g_autoptr (BplGraphLayout) layout = bpl_graph_layout_new (graph, NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, CANVAS_W, CANVAS_H);
  BplStyle style;
  double r, scale, x, y;

  bpl_graph_layout_fit (layout, CANVAS_W, CANVAS_H, &scale, &x, &y);
  scale = MAX (scale, 0.7);

  bpl_style_init_builtin (&style, BPL_THEME_LIGHT);
  for (guint i = 0; i < FRAMES; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      BplGraphRenderState state;
      cairo_t *cr;

      bpl_graph_render_state_init (&state);
      state.walk = walk;
      state.position = (gint) (i % walk->n_steps);
      state.selection = bpl_graph_find_param (graph, param);
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_translate (cr, 0, (CANVAS_H - layout->height * scale) / 2);
      cairo_scale (cr, scale, scale);
      bpl_graph_render (cr, graph, layout, &style, &state);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      render_us[i] = g_get_monotonic_time () - t0;
    }
  r = median (render_us, FRAMES);
  g_print ("walk frame, %s: %u nodes, %u steps, on a %d×%d canvas at scale %.2f: render %.0f µs "
           "(median of %d frames, layout kept); target < %.0f µs, %.1f%% of a 16 ms frame\n",
           what, graph->n_nodes, walk->n_steps, CANVAS_W, CANVAS_H, scale, r, FRAMES, TARGET_US,
           r / 160.0);
  cairo_surface_destroy (surface);
  return r < TARGET_US;
}

int
main (int argc, char **argv)
{
  g_autoptr (BplNetwork) worked = bpl_network_new_worked_example ();
  BplParam w3 = { BPL_PARAM_WEIGHT, 2 };
  gboolean ok;

  /* "×" and "µ" would print as "?" in the C locale. */
  setlocale (LC_ALL, "");
  ok = bench ("worked example, w3's paths", worked, w3, FALSE);
  /* For comparison: the whole graph, 33 nodes (not part of the target). */
  bench ("worked example, whole graph", worked, w3, TRUE);
  ok = bench_walk ("worked example, w3's paths", worked, w3) && ok;
  if (argc > 1)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (BplNetwork) digits = bpl_network_load_from_file (argv[1], &error);

      if (digits == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      /* w100: into h2 of the first hidden layer, on paths through 16 + 10 neurons. */
      ok = bench_walk ("digits 64-16-16-10 (softmax), w100's paths", digits,
                       (BplParam) { BPL_PARAM_WEIGHT, 99 }) && ok;
    }
  if (!ok)
    g_printerr ("w3's graph missed the target of %.0f µs a frame\n", TARGET_US);
  return ok ? 0 : 1;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-data-view.c: the data view (issue 12). Its layout maps inputs to the
 * canvas and back, hit-tests points, and the picture says what the network
 * computes: a pixel at a known input point has the colour of the class
 * the network gives there, in the window's render and in what
 * `backprop-lens-cli render --view data` writes, whose plot and range
 * `layout --view data` reports. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "backprop-lens-diagram.h"
#include "diagram-test-util.h"
#include "test-util.h"

#define run(out, err, ...) bpl_test_run (BPL_CLI_PATH, out, err, __VA_ARGS__)

/* A 2-1 sigmoid network that says class 1 right of x = 0 (o1 = σ(6x)),
 * with a training point in two corners and a test point in a third. */
static BplNetwork *
right_half_network (void)
{
  const guint sizes[] = { 2, 1 };
  g_autoptr (GError) error = NULL;
  BplNetwork *network = bpl_network_new (sizes, 2, BPL_BIAS_PER_NEURON, &error);
  const double in2[] = { 0.8, -0.8 }, t2[] = { 1 };
  const double inputs[] = { 0.9, 0.9, -0.9, -0.9 }, targets[] = { 1, 0 };

  g_assert_no_error (error);
  bpl_network_set_weight (network, 0, 6);
  bpl_network_set_weight (network, 1, 0);
  bpl_network_set_samples (network, inputs, targets, 2);
  bpl_network_add_test_sample (network, in2, t2);
  return network;
}

/* The colour at (px, py) of an RGB24/ARGB32 surface. */
static void
pixel_at (cairo_surface_t *surface,
          double           px,
          double           py,
          double           rgb[3])
{
  guint8 *data;
  int stride, x = (int) floor (px), y = (int) floor (py);
  guint32 p;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  p = ((guint32 *) (void *) (data + y * stride))[x];
  rgb[0] = ((p >> 16) & 0xff) / 255.0;
  rgb[1] = ((p >> 8) & 0xff) / 255.0;
  rgb[2] = (p & 0xff) / 255.0;
}

/* How much @rgb leans from the background towards @c: the cosine of the
 * two directions, so that a pale shade of a colour counts as that colour
 * in every style. */
static double
leaning (const double    rgb[3],
         const BplColor *c,
         const BplColor *background)
{
  double p[3] = { rgb[0] - background->r, rgb[1] - background->g, rgb[2] - background->b };
  double d[3] = { c->r - background->r, c->g - background->g, c->b - background->b };
  double dot = p[0] * d[0] + p[1] * d[1] + p[2] * d[2];

  return dot / (sqrt (p[0] * p[0] + p[1] * p[1] + p[2] * p[2]) * sqrt (d[0] * d[0] + d[1] * d[1] + d[2] * d[2]) + 1e-12);
}

/* At each of these input points the picture is nearer the colour of the
 * class the forward pass gives there than the other's. */
static void
assert_classes (cairo_surface_t         *surface,
                const BplNetwork        *network,
                double                   layout_width,
                double                   plot_x,
                double                   plot_y,
                double                   plot_w,
                double                   plot_h,
                double                   x_min,
                double                   x_max,
                double                   y_min,
                double                   y_max,
                const BplStyle          *style)
{
  const double points[][2] = { { 0.5, 0.3 }, { -0.5, 0.3 }, { 0.3, -0.6 }, { -0.7, -0.2 },
                               { 0.15, 0.5 }, { -0.15, 0.5 } };
  double device = cairo_image_surface_get_width (surface) / layout_width;
  g_autoptr (BplNetwork) probe = bpl_network_copy (network);
  g_autoptr (BplForward) forward = bpl_forward_new (probe);

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      double px = plot_x + (points[i][0] - x_min) / (x_max - x_min) * plot_w;
      double py = plot_y + (y_max - points[i][1]) / (y_max - y_min) * plot_h;
      double rgb[3];
      gboolean one;

      bpl_network_set_input (probe, 0, 0, points[i][0]);
      bpl_network_set_input (probe, 0, 1, points[i][1]);
      bpl_forward_compute (forward, probe, 0);
      one = forward->out[bpl_network_get_n_neurons (probe) - 1] > 0.5;
      pixel_at (surface, px * device, py * device, rgb);
      if (one)
        g_assert_cmpfloat (leaning (rgb, &style->positive, &style->background), >,
                           leaning (rgb, &style->negative, &style->background));
      else
        g_assert_cmpfloat (leaning (rgb, &style->negative, &style->background), >,
                           leaning (rgb, &style->positive, &style->background));
    }
}

static void
test_layout (void)
{
  g_autoptr (BplNetwork) network = right_half_network ();
  g_autoptr (BplDataViewLayout) layout = bpl_data_view_layout_new (network, NULL, 500, 400);
  BplDataPoint hit;
  double px, py, x, y;

  g_assert_cmpuint (layout->n_inputs, ==, 2);
  /* Data in [−1, 1] is shown on that square and a tenth more. */
  g_assert_cmpfloat_with_epsilon (layout->x_min, -1.2, 1e-12);
  g_assert_cmpfloat_with_epsilon (layout->y_max, 1.2, 1e-12);
  g_assert_cmpfloat (layout->plot.x, >=, 0);
  g_assert_cmpfloat (layout->plot.y + layout->plot.height, <=, 400);
  g_assert_cmpfloat (layout->plot.x + layout->plot.width, <=, 500);
  g_assert_cmpfloat (layout->legend.y + layout->legend.height, <=, 400);
  g_assert_cmpfloat_with_epsilon (layout->plot.width, layout->plot.height, 1e-9);

  bpl_data_view_to_canvas (layout, 0.25, -0.5, &px, &py);
  bpl_data_view_from_canvas (layout, px, py, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, -0.5, 1e-12);
  g_assert_true (bpl_data_view_in_plot (layout, px, py));
  g_assert_false (bpl_data_view_in_plot (layout, 1, 1));

  /* A click on a point, a little off it, and in empty space. */
  g_assert_true (bpl_data_view_point_position (layout, network,
                                               (BplDataPoint) { BPL_DATA_POINT_SAMPLE, 1 }, &px, &py));
  hit = bpl_data_view_hit_test (layout, network, px + 2, py - 2);
  g_assert_cmpint (hit.kind, ==, BPL_DATA_POINT_SAMPLE);
  g_assert_cmpuint (hit.index, ==, 1);
  bpl_data_view_to_canvas (layout, 0.8, -0.8, &px, &py);
  hit = bpl_data_view_hit_test (layout, network, px, py);
  g_assert_cmpint (hit.kind, ==, BPL_DATA_POINT_TEST);
  g_assert_cmpuint (hit.index, ==, 0);
  bpl_data_view_to_canvas (layout, 0, 0, &px, &py);
  g_assert_cmpint (bpl_data_view_hit_test (layout, network, px, py).kind, ==, BPL_DATA_POINT_NONE);
  g_assert_cmpint (bpl_data_view_hit_test (layout, network, NAN, py).kind, ==, BPL_DATA_POINT_NONE);

  g_assert_cmpuint (bpl_data_view_target_class (layout, network, bpl_network_get_target (network, 0)),
                    ==, 1);
  g_assert_cmpuint (bpl_data_view_target_class (layout, network, bpl_network_get_target (network, 1)),
                    ==, 0);
}

/* The render in process, in each style, with and without a kept heat-map:
 * the class colours where the network puts the classes. */
static void
test_render_classes (void)
{
  static const BplTheme themes[] = { BPL_THEME_LIGHT, BPL_THEME_DARK, BPL_THEME_HIGH_CONTRAST_DARK };
  g_autoptr (BplNetwork) network = right_half_network ();

  for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
    for (guint discretize = 0; discretize <= 1; discretize++)
      {
        BplDataViewOptions options;
        g_autoptr (BplDataViewLayout) layout = NULL;
        g_autoptr (BplHeatmap) heatmap = NULL;
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 500, 400);
        cairo_t *cr = cairo_create (surface);
        BplStyle style;

        bpl_style_init_builtin (&style, themes[t]);
        bpl_data_view_options_init (&options, network);
        options.discretize = discretize;
        layout = bpl_data_view_layout_new (network, &options, 500, 400);
        if (discretize)
          heatmap = bpl_data_view_update_heatmap (layout, network, NULL);
        bpl_render_data_view (cr, network, layout, heatmap, &style, NULL);
        g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
        assert_classes (surface, network, 500, layout->plot.x, layout->plot.y, layout->plot.width,
                        layout->plot.height, layout->x_min, layout->x_max, layout->y_min,
                        layout->y_max, &style);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
      }
}

/* Three inputs: a note, no plot, no crash; one input: a curve. */
static void
test_other_shapes (void)
{
  const guint three[] = { 3, 2, 1 }, one[] = { 1, 3, 1 };
  g_autoptr (BplNetwork) wide = diagram_test_network (three, 3, BPL_BIAS_PER_LAYER, 1);
  g_autoptr (BplNetwork) line = diagram_test_network (one, 3, BPL_BIAS_PER_LAYER, 2);
  g_autoptr (BplDataViewLayout) a = bpl_data_view_layout_new (wide, NULL, 300, 200);
  g_autoptr (BplDataViewLayout) b = bpl_data_view_layout_new (line, NULL, 300, 200);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 300, 200);
  cairo_t *cr = cairo_create (surface);
  BplStyle style;

  bpl_style_init_builtin (&style, BPL_THEME_LIGHT);
  g_assert_cmpuint (a->n_inputs, ==, 0);
  bpl_render_data_view (cr, wide, a, NULL, &style, NULL);
  g_assert_cmpuint (b->n_inputs, ==, 1);
  g_assert_cmpuint (b->grid_rows, ==, 1);
  bpl_render_data_view (cr, line, b, NULL, &style, NULL);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* `render --view data` and `layout --view data`: the pixel at a known
 * input point, found through the layout's plot and range, has the class
 * colour; SVG and PDF are written; wrong options are refused. */
static void
test_cli (void)
{
  g_autoptr (BplNetwork) network = right_half_network ();
  g_autofree char *net = bpl_test_tmp_path ("half.json");
  g_autofree char *png = bpl_test_tmp_path ("half.png");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *root, *plot;
  cairo_surface_t *surface;
  BplStyle style;

  g_assert_true (bpl_network_save_to_file (network, net, &error));
  g_assert_no_error (error);
  g_assert_cmpint (run (&out, NULL, "layout", "--network", net, "--view", "data", "--width", "640",
                        "--height", "480", "--format", "json", NULL), ==, 0);
  root = bpl_test_parse_object (out);
  plot = json_object_get_object_member (root, "plot");
  g_assert_cmpstr (json_object_get_string_member (root, "view"), ==, "data");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "x_min"), -1.2, 1e-9);

  g_assert_cmpint (run (NULL, NULL, "render", "--network", net, "--view", "data", "--width", "640",
                        "--height", "480", "--scale", "2", "--output", png, NULL), ==, 0);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1280);
  bpl_style_init_builtin (&style, BPL_THEME_LIGHT);
  assert_classes (surface, network, 640, json_object_get_double_member (plot, "x"),
                  json_object_get_double_member (plot, "y"),
                  json_object_get_double_member (plot, "width"),
                  json_object_get_double_member (plot, "height"),
                  json_object_get_double_member (root, "x_min"),
                  json_object_get_double_member (root, "x_max"),
                  json_object_get_double_member (root, "y_min"),
                  json_object_get_double_member (root, "y_max"), &style);
  cairo_surface_destroy (surface);
  json_object_unref (root);

  {
    const char *names[] = { "half.svg", "half.pdf" };
    const char *prefixes[] = { "<?xml", "%PDF" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = bpl_test_tmp_path (names[i]);
        g_autofree char *data = NULL;

        g_assert_cmpint (run (NULL, NULL, "render", "--network", net, "--view", "data",
                              "--discretize", "--theme", "dark", "--output", path, NULL), ==, 0);
        g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
        g_assert_true (g_str_has_prefix (data, prefixes[i]));
      }
  }
  g_assert_cmpint (run (NULL, &err, "render", "--network", net, "--view", "data", "--show", "class",
                        "--output", png, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "two or more outputs"));
  g_assert_cmpint (run (NULL, &err, "render", "--network", net, "--view", "data", "--show", "i1",
                        "--output", png, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "an output neuron (o1 … o1)"));
  g_assert_cmpint (run (NULL, &err, "layout", "--discretize", "--format", "json", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "need --view data"));
}

/* The neurons' pictures: i1 (x) is positive on the right, i2 (y) at the
 * top; a hidden neuron's is its own output; the diagram draws one in each
 * neuron only when asked to. */
static void
test_neuron_heatmaps (void)
{
  g_autoptr (BplNetwork) network = right_half_network ();
  g_autoptr (BplHeatmap) heatmap = bpl_data_view_heatmap_new (network, 16);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 40, 40);
  cairo_t *cr = cairo_create (surface);
  BplRect rect = { 0, 0, 40, 40 };
  BplStyle style;
  double rgb[3];

  bpl_style_init_builtin (&style, BPL_THEME_LIGHT);
  g_assert_cmpfloat_with_epsilon (heatmap->x_min, -1.2, 1e-12);
  bpl_render_neuron_heatmap (cr, network, heatmap, 1, &rect, &style);
  pixel_at (surface, 20, 4, rgb);
  g_assert_cmpfloat (leaning (rgb, &style.positive, &style.background), >,
                     leaning (rgb, &style.negative, &style.background));
  pixel_at (surface, 20, 36, rgb);
  g_assert_cmpfloat (leaning (rgb, &style.negative, &style.background), >,
                     leaning (rgb, &style.positive, &style.background));
  bpl_render_neuron_heatmap (cr, network, heatmap, 2, &rect, &style);
  pixel_at (surface, 36, 20, rgb);
  g_assert_cmpfloat (leaning (rgb, &style.positive, &style.background), >,
                     leaning (rgb, &style.negative, &style.background));
  pixel_at (surface, 4, 20, rgb);
  g_assert_cmpfloat (leaning (rgb, &style.negative, &style.background), >,
                     leaning (rgb, &style.positive, &style.background));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  /* In the diagram: the output neuron's circle, right of its centre, is
   * blue with the pictures and not without. */
  {
    g_autoptr (BplLayout) layout = bpl_layout_new (network, 600, 400, NULL);
    const BplNeuronLayout *o1 = &layout->neurons[2];
    BplRenderState state;

    for (guint with = 0; with <= 1; with++)
      {
        surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 400);
        cr = cairo_create (surface);
        bpl_render_state_init (&state);
        state.heatmap = with ? heatmap : NULL;
        bpl_render (cr, network, NULL, layout, &style, &state);
        pixel_at (surface, o1->x + o1->radius * 0.8, o1->y, rgb);
        if (with)
          g_assert_cmpfloat (leaning (rgb, &style.positive, &style.background), >, 0.5);
        else
          g_assert_cmpfloat (fabs (rgb[0] - rgb[2]), <, 0.05);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
      }
  }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  bpl_test_tmp_dir_new ("bpl-data-view-XXXXXX");
  g_test_add_func ("/diagram/data-view/layout", test_layout);
  g_test_add_func ("/diagram/data-view/render-classes", test_render_classes);
  g_test_add_func ("/diagram/data-view/other-shapes", test_other_shapes);
  g_test_add_func ("/diagram/data-view/cli", test_cli);
  g_test_add_func ("/diagram/data-view/neuron-heatmaps", test_neuron_heatmaps);
  status = g_test_run ();
  bpl_test_tmp_dir_remove ();
  return status;
}

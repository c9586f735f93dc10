/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-layers.c: the diagram as a base and an overlay (what a window keeps
 * and what it redraws each frame) makes the one-pass picture; a large
 * network's edges drawn into pixels match cairo's; images of inputs and
 * weights. Whole pictures are compared only with pictures drawn on the same
 * machine, in the same fonts. */
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diagram-test-util.h"
#include "bpl-raster-private.h"

typedef struct {
  guint  n_pixels;
  guint  n_differ;     /* by more than 8/255 in a channel */
  guint  max_diff;     /* in 1/255 */
  double mean_diff;
} Diff;

static cairo_surface_t *
new_image (int width, int height)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  return image;
}

static Diff
compare (cairo_surface_t *a, cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);
  const guint8 *pa, *pb;
  Diff d = { (guint) (w * h), 0, 0, 0 };
  double total = 0;

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  pa = cairo_image_surface_get_data (a);
  pb = cairo_image_surface_get_data (b);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint most = 0;

        for (int ch = 0; ch < 4; ch++)
          {
            guint va = pa[y * stride + 4 * x + ch], vb = pb[y * stride + 4 * x + ch];
            guint diff = va > vb ? va - vb : vb - va;

            most = MAX (most, diff);
            total += diff;
          }
        d.max_diff = MAX (d.max_diff, most);
        d.n_differ += most > 8;
      }
  d.mean_diff = total / (4.0 * w * h);
  return d;
}

/* One pass, and base then overlay, at @scale: they must agree but for a
 * few anti-aliased pixels where an overlay's line meets the base's. */
static void
assert_layers_compose (const BplNetwork     *network,
                       const BplLayout      *layout,
                       const BplStyle       *style,
                       const BplRenderState *state,
                       double                scale,
                       const char           *what)
{
  g_autoptr (BplForward) forward = bpl_forward_new (network);
  int w = (int) ceil (layout->width * scale), h = (int) ceil (layout->height * scale);
  cairo_surface_t *one = new_image (w, h), *two = new_image (w, h);
  cairo_t *cr;
  Diff d;

  bpl_forward_compute (forward, network, state != NULL ? state->sample : 0);
  cairo_surface_set_device_scale (one, scale, scale);
  cairo_surface_set_device_scale (two, scale, scale);

  cr = cairo_create (one);
  bpl_render (cr, network, forward, layout, style, state);
  cairo_destroy (cr);

  cr = cairo_create (two);
  bpl_render_layer (cr, network, forward, layout, style, state, BPL_RENDER_BASE);
  bpl_render_layer (cr, network, forward, layout, style, state, BPL_RENDER_OVERLAY);
  cairo_destroy (cr);

  d = compare (one, two);
  g_test_message ("%s: %u of %u pixels differ (most by %u/255), mean difference %.4f/255",
                  what, d.n_differ, d.n_pixels, d.max_diff, d.mean_diff);
  if (d.n_differ > d.n_pixels / 1000 || d.mean_diff > 0.05)
    {
      g_autofree char *a = g_strdup_printf ("%s/layers-one.png", g_get_tmp_dir ());
      g_autofree char *b = g_strdup_printf ("%s/layers-two.png", g_get_tmp_dir ());

      cairo_surface_write_to_png (one, a);
      cairo_surface_write_to_png (two, b);
      g_error ("%s: base and overlay differ from one pass in %u of %u pixels (mean %.4f/255); "
               "see %s and %s", what, d.n_differ, d.n_pixels, d.mean_diff, a, b);
    }
  cairo_surface_destroy (one);
  cairo_surface_destroy (two);
}

static BplHit
hit (BplHitKind kind, guint index)
{
  return (BplHit) { kind, index };
}

static void
check_states (const BplNetwork *network,
              const BplLayout  *layout,
              const BplHit     *selections,
              guint             n_selections,
              const char       *name)
{
  static const BplTheme themes[] = { BPL_THEME_LIGHT, BPL_THEME_HIGH_CONTRAST_DARK };
  g_autofree double *previous = g_new (double, MAX (bpl_network_get_n_weights (network), 1));
  g_autofree double *previous_biases = g_new (double, MAX (bpl_network_get_n_biases (network), 1));

  /* A step's change: every value was a little different. */
  for (guint w = 0; w < bpl_network_get_n_weights (network); w++)
    previous[w] = bpl_network_get_weight (network, w) - 0.125;
  for (guint b = 0; b < bpl_network_get_n_biases (network); b++)
    previous_biases[b] = bpl_network_get_bias (network, b) + 0.25;

  for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
    for (guint s = 0; s < n_selections; s++)
      for (guint variant = 0; variant < 4; variant++)
        {
          g_autofree char *what = g_strdup_printf ("%s, theme %u, selection %u, variant %u", name,
                                                   themes[t], s, variant);
          BplRenderState state;
          BplStyle style;

          bpl_style_init_builtin (&style, themes[t]);
          bpl_render_state_init (&state);
          state.selection = selections[s];
          switch (variant)
            {
            case 1:
              /* Hover and a factor pointed at in the panel. */
              state.hover = hit (BPL_HIT_WEIGHT, bpl_network_get_n_weights (network) - 1);
              state.emphasis = hit (BPL_HIT_NEURON, bpl_network_get_n_neurons (network) - 1);
              break;
            case 2:
              /* A step's change, half shown. */
              state.previous_weights = previous;
              state.previous_biases = previous_biases;
              state.change_progress = 0.5;
              break;
            case 3:
              state.hover = hit (BPL_HIT_NEURON, 0);
              break;
            default:
              break;
            }
          assert_layers_compose (network, layout, &style, &state, variant == 3 ? 2.0 : 1.0, what);
        }
}

/* The worked example in every state the window draws: selection, hover,
 * emphasis, a step's change, in light and high contrast, at 1× and 2×. */
static void
test_compose_worked_example (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr (BplLayout) layout = bpl_layout_new (network, 1200, 800, NULL);
  const BplHit selections[] = {
    hit (BPL_HIT_NONE, 0), hit (BPL_HIT_WEIGHT, 2), hit (BPL_HIT_WEIGHT, 7),
    hit (BPL_HIT_BIAS, 0), hit (BPL_HIT_NEURON, 2),
  };

  /* Negative weights are dashed: the overlay must hide the base's copy
   * between its dashes. */
  bpl_network_set_weight (network, 4, -0.4);
  check_states (network, layout, selections, G_N_ELEMENTS (selections), "worked example");
}

static void
test_compose_shapes (void)
{
  static const struct {
    guint layers[5], n_layers;
    BplBiasMode bias_mode;
    double width, height;
  } cases[] = {
    { { 3, 4, 4, 2 }, 4, BPL_BIAS_PER_LAYER, 800, 600 },
    { { 16, 32, 32, 8 }, 4, BPL_BIAS_PER_NEURON, 1600, 1000 },
    /* Collapsed columns, an input image, neuron images. */
    { { 64, 16, 16, 10 }, 4, BPL_BIAS_PER_NEURON, 1600, 1000 },
    { { 784, 16, 16, 10 }, 4, BPL_BIAS_PER_LAYER, 1200, 800 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (BplNetwork) network =
        diagram_test_network (cases[i].layers, cases[i].n_layers, cases[i].bias_mode, i + 3);
      g_autoptr (BplLayout) layout = bpl_layout_new (network, cases[i].width, cases[i].height, NULL);
      guint n_weights = bpl_network_get_n_weights (network);
      const BplHit selections[] = {
        hit (BPL_HIT_NONE, 0), hit (BPL_HIT_WEIGHT, 0), hit (BPL_HIT_WEIGHT, n_weights / 2),
        hit (BPL_HIT_WEIGHT, n_weights - 1), hit (BPL_HIT_BIAS, 0),
        hit (BPL_HIT_NEURON, bpl_network_get_n_inputs (network) + 1),
      };
      g_autofree char *name = g_strdup_printf ("shape %u", i);

      check_states (network, layout, selections, G_N_ELEMENTS (selections), name);
    }
}

/* The same question asked of every edge and label one by one, as the hit
 * test did before it had a grid. */
static BplHit
hit_test_slowly (const BplLayout *layout, double x, double y)
{
  BplHit found = hit (BPL_HIT_NONE, 0);
  double best = 5.0;

  for (guint w = layout->n_weights; w-- > 0;)
    {
      const BplRect *r = &layout->weights[w].label;

      if (layout->weights[w].label_shown && x >= r->x && x <= r->x + r->width && y >= r->y
          && y <= r->y + r->height)
        return hit (BPL_HIT_WEIGHT, w);
    }
  for (guint b = 0; b < layout->n_biases; b++)
    {
      const BplBiasLayout *bl = &layout->biases[b];
      const BplRect *r = &bl->label;

      if ((bl->radius > 0 && hypot (x - bl->x, y - bl->y) <= bl->radius + 2)
          || (bl->label_shown && x >= r->x && x <= r->x + r->width && y >= r->y
              && y <= r->y + r->height))
        return hit (BPL_HIT_BIAS, b);
    }
  for (guint n = 0; n < layout->n_neurons; n++)
    {
      const BplNeuronLayout *nl = &layout->neurons[n];
      const BplRect *r = &nl->extra_box;

      if (!nl->hidden && (hypot (x - nl->x, y - nl->y) <= nl->radius + 2
                          || (r->width > 0 && x >= r->x && x <= r->x + r->width && y >= r->y
                              && y <= r->y + r->height)))
        return hit (BPL_HIT_NEURON, n);
    }
  if (bpl_image_pixel_at (&layout->input_image, layout->image_side, x, y) >= 0)
    return hit (BPL_HIT_NEURON, (guint) bpl_image_pixel_at (&layout->input_image,
                                                            layout->image_side, x, y));
  for (guint n = 0; n < layout->n_neurons; n++)
    {
      gint pixel = bpl_image_pixel_at (&layout->neuron_images[n], layout->image_side, x, y);
      guint n_inputs = layout->image_side * layout->image_side;

      if (pixel >= 0)
        return hit (BPL_HIT_WEIGHT, (n - n_inputs) * n_inputs + (guint) pixel);
    }
  for (guint w = 0; w < layout->n_weights; w++)
    {
      const BplWeightLayout *wl = &layout->weights[w];
      double dx = wl->x2 - wl->x1, dy = wl->y2 - wl->y1, len2 = dx * dx + dy * dy;
      double t = len2 > 0 ? CLAMP (((x - wl->x1) * dx + (y - wl->y1) * dy) / len2, 0, 1) : 0;
      double d = hypot (x - (wl->x1 + t * dx), y - (wl->y1 + t * dy));

      if (!wl->hidden && d <= best)
        {
          best = d;
          found = hit (BPL_HIT_WEIGHT, w);
        }
    }
  return found;
}

/* Issue 10: a click on a 58k-edge network asked every edge. The grid must
 * find just what asking every edge finds, everywhere. */
static void
test_hit_grid (void)
{
  static const struct {
    guint layers[5], n_layers;
    double width, height;
  } cases[] = {
    { { 2, 2, 2 }, 3, 800, 600 },
    { { 3, 4, 4, 2 }, 4, 400, 300 },
    { { 16, 32, 32, 8 }, 4, 1600, 1000 },
    { { 64, 16, 16, 10 }, 4, 1200, 800 },
    { { 256, 128, 128, 64, 10 }, 5, 1600, 1000 },
  };
  g_autoptr (GRand) rand = g_rand_new_with_seed (10);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (BplNetwork) network =
        diagram_test_network (cases[i].layers, cases[i].n_layers, BPL_BIAS_PER_LAYER, i);
      g_autoptr (BplLayout) layout = bpl_layout_new (network, cases[i].width, cases[i].height, NULL);
      guint tries = 3000, on_edges = 0;

      for (guint t = 0; t < tries; t++)
        {
          double x, y;
          BplHit fast, slow;

          /* Half the points on or near an edge, where edges crowd. */
          if (t % 2 == 0)
            {
              const BplWeightLayout *wl =
                &layout->weights[g_rand_int_range (rand, 0, (gint32) layout->n_weights)];
              double along = g_rand_double (rand);

              x = wl->x1 + along * (wl->x2 - wl->x1) + g_rand_double_range (rand, -6, 6);
              y = wl->y1 + along * (wl->y2 - wl->y1) + g_rand_double_range (rand, -6, 6);
            }
          else
            {
              x = g_rand_double_range (rand, -10, layout->width + 10);
              y = g_rand_double_range (rand, -10, layout->height + 10);
            }
          fast = bpl_layout_hit_test (layout, x, y);
          slow = hit_test_slowly (layout, x, y);
          if (fast.kind != slow.kind || fast.index != slow.index)
            g_error ("case %u at (%g, %g): the grid finds %d %u, every edge %d %u", i, x, y,
                     fast.kind, fast.index, slow.kind, slow.index);
          on_edges += fast.kind == BPL_HIT_WEIGHT;
        }
      g_assert_cmpuint (on_edges, >, tries / 10);
    }
}

/* 784 and 64 inputs are images: the shown sample's, and each first-layer
 * neuron's weights, whose pixels are hit as that input and that weight. */
static void
test_images (void)
{
  static const guint digits[] = { 64, 16, 16, 10 };
  static const guint mnist[] = { 784, 16, 16, 10 };
  static const guint not_square[] = { 63, 16, 10 };
  static const guint small[] = { 16, 8, 2 };
  g_autoptr (BplNetwork) network = diagram_test_network (digits, 4, BPL_BIAS_PER_NEURON, 1);
  g_autoptr (BplLayout) layout = bpl_layout_new (network, 1600, 1000, NULL);
  g_autoptr (BplNetwork) big = diagram_test_network (mnist, 4, BPL_BIAS_PER_LAYER, 2);
  g_autoptr (BplLayout) big_layout = bpl_layout_new (big, 1600, 1000, NULL);
  g_autoptr (BplNetwork) odd = diagram_test_network (not_square, 3, BPL_BIAS_PER_LAYER, 3);
  g_autoptr (BplLayout) odd_layout = bpl_layout_new (odd, 1600, 1000, NULL);
  g_autoptr (BplNetwork) tiny = diagram_test_network (small, 3, BPL_BIAS_PER_LAYER, 4);
  g_autoptr (BplLayout) tiny_layout = bpl_layout_new (tiny, 1600, 1000, NULL);
  const BplRect *image = &layout->input_image;
  double cell;
  BplHit h;

  g_assert_cmpuint (layout->image_side, ==, 8);
  g_assert_cmpfloat (image->width, >=, 24);
  g_assert_cmpfloat (image->width, ==, image->height);
  /* Pixel (row 2, column 5): input 2·8 + 5 = i22. */
  cell = image->width / 8;
  h = bpl_layout_hit_test (layout, image->x + 5.5 * cell, image->y + 2.5 * cell);
  g_assert_cmpint (h.kind, ==, BPL_HIT_NEURON);
  g_assert_cmpuint (h.index, ==, 21);
  /* The image is left of the input column. */
  for (guint n = 0; n < 64; n++)
    if (!layout->neurons[n].hidden)
      g_assert_cmpfloat (layout->neurons[n].x - layout->neurons[n].radius, >, image->x + image->width);

  /* Each neuron of the first hidden layer shows its 64 weights. */
  for (guint n = 64; n < 80; n++)
    {
      const BplRect *r = &layout->neuron_images[n];
      BplHit pixel;

      g_assert_cmpfloat (r->width, >=, 16);
      pixel = bpl_layout_hit_test (layout, r->x + r->width * 7.5 / 8, r->y + r->height * 0.5 / 8);
      g_assert_cmpint (pixel.kind, ==, BPL_HIT_WEIGHT);
      g_assert_cmpuint (bpl_network_get_weight_target (network, pixel.index), ==, n);
      g_assert_cmpuint (bpl_network_get_weight_source (network, pixel.index), ==, 7);
    }
  for (guint n = 80; n < layout->n_neurons; n++)
    g_assert_cmpfloat (layout->neuron_images[n].width, ==, 0);

  /* 28 × 28, and the input column shows few of its 784. */
  g_assert_cmpuint (big_layout->image_side, ==, 28);
  g_assert_cmpfloat (big_layout->input_image.width, >=, 28);
  g_assert_cmpfloat (big_layout->ellipses[0].radius, >, 0);
  g_assert_cmpuint (big_layout->ellipses[0].n_hidden, >, 700);

  /* 63 inputs are no image; nor are 16, which read better as neurons. */
  g_assert_cmpuint (odd_layout->image_side, ==, 0);
  g_assert_cmpfloat (odd_layout->input_image.width, ==, 0);
  g_assert_cmpuint (tiny_layout->image_side, ==, 0);
}

/* A column of more neurons than fit: its first and last, and an ellipsis
 * that stands for the rest and says how many. */
static void
test_collapse (void)
{
  static const guint layers[] = { 10, 300, 5 };
  g_autoptr (BplNetwork) network = diagram_test_network (layers, 3, BPL_BIAS_PER_NEURON, 5);
  g_autoptr (BplLayout) layout = bpl_layout_new (network, 1200, 800, NULL);
  g_autofree char *json = bpl_layout_to_json (layout, network);
  const BplEllipsisLayout *e = &layout->ellipses[1];
  guint shown = 0, first = bpl_network_get_layer_start (network, 1);

  g_assert_cmpfloat (layout->ellipses[0].radius, ==, 0);
  g_assert_cmpfloat (layout->ellipses[2].radius, ==, 0);
  g_assert_cmpfloat (e->radius, >, 0);
  for (guint n = first; n < first + 300; n++)
    shown += !layout->neurons[n].hidden;
  g_assert_cmpuint (shown + e->n_hidden, ==, 300);
  /* The first and the last neurons are shown, in order, the ellipsis
   * between them. */
  g_assert_false (layout->neurons[first].hidden);
  g_assert_false (layout->neurons[first + 299].hidden);
  g_assert_true (layout->neurons[e->first_hidden].hidden);
  g_assert_false (layout->neurons[e->first_hidden - 1].hidden);
  g_assert_false (layout->neurons[e->first_hidden + e->n_hidden].hidden);
  g_assert_cmpfloat (layout->neurons[e->first_hidden - 1].y, <, e->y);
  g_assert_cmpfloat (layout->neurons[e->first_hidden + e->n_hidden].y, >, e->y);
  /* Shown neurons are far enough apart to tell and to click. */
  g_assert_cmpfloat (layout->neurons[first + 1].y - layout->neurons[first].y, >=, 16);
  g_assert_nonnull (strstr (json, "\"ellipsis\""));
  g_assert_nonnull (strstr (json, "\"hidden\" : true"));
}

/* The lines drawn into pixels put as much ink where cairo's strokes do. */
static void
test_raster_lines (void)
{
  static const double lines[][5] = {
    /* x1, y1, x2, y2, width */
    { 10.3, 20.7, 190.2, 60.1, 0.6 },
    { 15, 5, 40, 195, 1.3 },
    { 180, 190, 20, 30, 2.4 },
    { 5.5, 100.5, 195.5, 100.5, 1 },
  };
  BplColor blue = { 0.1, 0.3, 0.9, 1 };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    for (guint dashed = 0; dashed < 2; dashed++)
      {
        cairo_surface_t *ours = new_image (200, 200), *theirs = new_image (200, 200);
        cairo_t *cr = cairo_create (theirs);
        double ink_ours = 0, ink_theirs = 0, on = dashed ? 6 : 0, off = dashed ? 4 : 0;
        BplRaster raster;
        cairo_surface_t *target;

        cairo_set_source_rgba (cr, blue.r, blue.g, blue.b, 0.7);
        cairo_set_line_width (cr, lines[i][4]);
        if (dashed)
          cairo_set_dash (cr, (double[]) { on, off }, 2, 0);
        cairo_move_to (cr, lines[i][0], lines[i][1]);
        cairo_line_to (cr, lines[i][2], lines[i][3]);
        cairo_stroke (cr);
        cairo_destroy (cr);

        cr = cairo_create (ours);
        target = bpl_raster_begin (cr, &raster, NULL, TRUE);
        g_assert_nonnull (target);
        bpl_raster_line (&raster, lines[i][0], lines[i][1], lines[i][2], lines[i][3], lines[i][4],
                         &blue, 0.7, on, off);
        bpl_raster_end (cr, target, &raster);
        cairo_destroy (cr);

        cairo_surface_flush (ours);
        cairo_surface_flush (theirs);
        for (int y = 0; y < 200; y++)
          for (int x = 0; x < 200; x++)
            {
              ink_ours += cairo_image_surface_get_data (ours)[y * cairo_image_surface_get_stride (ours) + 4 * x + 3];
              ink_theirs += cairo_image_surface_get_data (theirs)[y * cairo_image_surface_get_stride (theirs) + 4 * x + 3];
            }
        g_test_message ("line %u%s: ink %g, cairo's %g", i, dashed ? " dashed" : "", ink_ours,
                        ink_theirs);
        g_assert_cmpfloat (ink_theirs, >, 0);
        g_assert_cmpfloat (fabs (ink_ours - ink_theirs) / ink_theirs, <, 0.06);
        cairo_surface_destroy (ours);
        cairo_surface_destroy (theirs);
      }
}

/* The matrix view: a cell is its weight, rows by destination neuron and
 * columns by source, as the weights are numbered. */
static void
test_matrix (void)
{
  static const guint layers[] = { 5, 3, 2 };
  g_autoptr (BplNetwork) network = diagram_test_network (layers, 3, BPL_BIAS_PER_LAYER, 6);
  g_autoptr (BplMatrixLayout) first = bpl_matrix_layout_new (network, 1, 800, 600);
  g_autoptr (BplMatrixLayout) second = bpl_matrix_layout_new (network, 2, 800, 600);
  g_autoptr (BplMatrixLayout) big = NULL;
  static const guint big_layers[] = { 256, 128, 10 };
  g_autoptr (BplNetwork) big_network = diagram_test_network (big_layers, 3, BPL_BIAS_PER_LAYER, 7);
  BplStyle style;
  BplRenderState state;
  cairo_surface_t *image = new_image (800, 600);
  cairo_t *cr;

  g_assert_null (bpl_matrix_layout_new (network, 0, 800, 600));
  g_assert_null (bpl_matrix_layout_new (network, 3, 800, 600));
  g_assert_cmpuint (first->n_rows, ==, 3);
  g_assert_cmpuint (first->n_cols, ==, 5);
  g_assert_cmpuint (second->first_weight, ==, 15);
  for (guint w = 0; w < 15; w++)
    {
      BplRect cell;
      BplHit h;

      g_assert_true (bpl_matrix_layout_cell (first, w, &cell));
      h = bpl_matrix_layout_hit_test (first, cell.x + cell.width / 2, cell.y + cell.height / 2);
      g_assert_cmpint (h.kind, ==, BPL_HIT_WEIGHT);
      g_assert_cmpuint (h.index, ==, w);
      /* Its row is its destination neuron, its column its source. */
      g_assert_cmpuint (bpl_network_get_weight_target (network, w), ==,
                        first->first_row_neuron + (guint) ((cell.y - first->grid.y) / first->cell_height + 0.5));
      g_assert_cmpuint (bpl_network_get_weight_source (network, w), ==,
                        first->first_col_neuron + (guint) ((cell.x - first->grid.x) / first->cell_width + 0.5));
    }
  g_assert_false (bpl_matrix_layout_cell (first, 15, NULL));
  g_assert_cmpint (bpl_matrix_layout_hit_test (first, first->grid.x - 1, first->grid.y + 1).kind, ==,
                   BPL_HIT_NONE);
  g_assert_cmpint (bpl_matrix_layout_hit_test (first, NAN, 10).kind, ==, BPL_HIT_NONE);
  /* Large cells mark negative weights; the grid, the legend and the names
   * stay on the canvas. */
  g_assert_true (first->marks);
  g_assert_cmpfloat (first->legend.x, >=, first->grid.x + first->grid.width);
  g_assert_cmpfloat (first->legend.x + first->legend.width, <=, 800);
  g_assert_cmpfloat (first->grid.x - first->row_label_width, >=, 0);

  /* 128 × 256 in 1200 × 800: every cell a pixel or more, names thinned. */
  big = bpl_matrix_layout_new (big_network, 1, 1200, 800);
  g_assert_cmpfloat (big->cell_width, >=, 1);
  g_assert_cmpfloat (big->grid.x + big->grid.width, <=, big->legend.x);
  g_assert_cmpuint (big->col_step, >, 1);

  /* Drawn with a weight selected: its cell outlined in the accent. */
  bpl_style_init_builtin (&style, BPL_THEME_LIGHT);
  bpl_render_state_init (&state);
  state.selection = hit (BPL_HIT_WEIGHT, 7);
  cr = cairo_create (image);
  bpl_render_matrix (cr, network, first, &style, &state);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  {
    BplRect cell;
    const guint8 *p;
    int x, y;

    bpl_matrix_layout_cell (first, 7, &cell);
    cairo_surface_flush (image);
    x = (int) (cell.x - 1);
    y = (int) (cell.y + cell.height / 2);
    p = cairo_image_surface_get_data (image) + y * cairo_image_surface_get_stride (image) + 4 * x;
    /* Accent 0x3584e4: B, G, R in memory. */
    g_assert_cmpint (abs (p[0] - 0xe4) + abs (p[1] - 0x84) + abs (p[2] - 0x35), <, 60);
  }
  cairo_surface_destroy (image);
}

/* The shipped digits example: 8×8 images in, drawn as an image, and a
 * classifier worth showing (README.md gives its figures). */
static void
test_digits_example (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("BPL_SOURCE_ROOT"), "data", "networks",
                                            "digits.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BplNetwork) network = bpl_network_load_from_file (path, &error);
  g_autoptr (BplForward) forward = NULL;
  g_autoptr (BplLayout) layout = NULL;
  guint right = 0, n_test;

  g_assert_no_error (error);
  g_assert_cmpuint (bpl_network_get_n_layers (network), ==, 4);
  g_assert_cmpuint (bpl_network_get_n_inputs (network), ==, 64);
  g_assert_cmpuint (bpl_network_get_n_outputs (network), ==, 10);
  g_assert_cmpuint (bpl_network_get_n_samples (network), >=, 200);
  n_test = bpl_network_get_n_test_samples (network);
  g_assert_cmpuint (n_test, >=, 100);

  /* The held-out digits: 85% or more classified right. */
  forward = bpl_forward_new (network);
  for (guint s = 0; s < n_test; s++)
    {
      const double *target = bpl_network_get_test_target (network, s);
      guint first_output = bpl_network_get_n_neurons (network) - 10, best = 0, digit = 0;

      bpl_forward_compute_test (forward, network, s);
      for (guint o = 0; o < 10; o++)
        {
          if (forward->out[first_output + o] > forward->out[first_output + best])
            best = o;
          if (target[o] == 1)
            digit = o;
        }
      right += best == digit;
    }
  g_test_message ("digits.json classifies %u of %u test samples right", right, n_test);
  g_assert_cmpuint (right * 100, >=, 85 * n_test);

  layout = bpl_layout_new (network, 1200, 800, NULL);
  g_assert_cmpuint (layout->image_side, ==, 8);
  g_assert_cmpfloat (layout->input_image.width, >, 0);
  g_assert_cmpfloat (layout->neuron_images[64].width, >, 0);

  /* At this size no output has room for its number: each circle is filled
   * by its output instead, the predicted digit darkest. */
  {
    guint first_output = bpl_network_get_n_neurons (network) - 10, best = 0, worst = 0;
    cairo_surface_t *image = new_image (1200, 800);
    cairo_t *cr = cairo_create (image);
    BplRenderState state;
    BplStyle style;
    double shade[10];

    bpl_forward_compute (forward, network, 0);
    for (guint o = 0; o < 10; o++)
      {
        const BplNeuronLayout *nl = &layout->neurons[first_output + o];

        g_assert_cmpfloat (nl->value_box.width, ==, 0);
        if (forward->out[first_output + o] > forward->out[first_output + best])
          best = o;
        if (forward->out[first_output + o] < forward->out[first_output + worst])
          worst = o;
      }
    bpl_style_init_builtin (&style, BPL_THEME_LIGHT);
    bpl_render_state_init (&state);
    bpl_render (cr, network, forward, layout, &style, &state);
    cairo_destroy (cr);
    cairo_surface_flush (image);
    for (guint o = 0; o < 10; o++)
      {
        const BplNeuronLayout *nl = &layout->neurons[first_output + o];
        const guint8 *px = cairo_image_surface_get_data (image)
                           + (gsize) lround (nl->y) * cairo_image_surface_get_stride (image)
                           + 4 * (gsize) lround (nl->x);

        shade[o] = 1 - (px[0] + px[1] + px[2]) / (3 * 255.0);
      }
    g_test_message ("out %.3f shaded %.2f; out %.3f shaded %.2f", forward->out[first_output + best],
                    shade[best], forward->out[first_output + worst], shade[worst]);
    g_assert_cmpfloat (shade[best], >, 0.6);
    g_assert_cmpfloat (shade[worst], <, 0.1);
    cairo_surface_destroy (image);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/diagram/layers/compose-worked-example", test_compose_worked_example);
  g_test_add_func ("/diagram/layers/compose-shapes", test_compose_shapes);
  g_test_add_func ("/diagram/layers/hit-grid", test_hit_grid);
  g_test_add_func ("/diagram/layers/images", test_images);
  g_test_add_func ("/diagram/layers/collapse", test_collapse);
  g_test_add_func ("/diagram/layers/raster-lines", test_raster_lines);
  g_test_add_func ("/diagram/layers/matrix", test_matrix);
  g_test_add_func ("/diagram/layers/digits-example", test_digits_example);
  return g_test_run ();
}

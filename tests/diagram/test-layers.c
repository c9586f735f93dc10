/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-layers.c: the diagram as a base and an overlay (what a window keeps
 * and what it redraws each frame) makes the one-pass picture; a large
 * network's edges drawn into pixels match cairo's; images of inputs and
 * weights. Whole pictures are compared only with pictures drawn on the same
 * machine, in the same fonts. */
#include "config.h"

#include <cairo.h>
#include <math.h>
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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/diagram/layers/compose-worked-example", test_compose_worked_example);
  g_test_add_func ("/diagram/layers/compose-shapes", test_compose_shapes);
  return g_test_run ();
}

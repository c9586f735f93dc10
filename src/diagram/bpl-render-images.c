/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-render-images.c: inputs and weights as pictures. An input layer of
 * 8×8 or 28×28 is an image, and a neuron's weights from it are one too:
 * blue where a bright input pushes the neuron up, orange where it pushes it
 * down (3Blue1Brown's way of showing what a neuron looks for). */
#include "config.h"

#include "bpl-render.h"

#include <math.h>
#include <string.h>

BplColor
bpl_style_diverging (const BplStyle *style,
                     double          value,
                     double          max_abs)
{
  const BplColor *end;
  double t;

  g_return_val_if_fail (style != NULL, (BplColor) { 0 });

  if (!isfinite (value))
    return style->error;
  end = value < 0 ? &style->negative : &style->positive;
  t = max_abs > 0 ? CLAMP (fabs (value) / max_abs, 0, 1) : 0;
  /* From the background, so that 0 is no colour in every style. */
  return (BplColor) { style->background.r + (end->r - style->background.r) * t,
                      style->background.g + (end->g - style->background.g) * t,
                      style->background.b + (end->b - style->background.b) * t,
                      1.0 };
}

static guint32
pixel_of (const BplColor *c)
{
  return 0xff000000u | ((guint32) lround (CLAMP (c->r, 0, 1) * 255) << 16)
         | ((guint32) lround (CLAMP (c->g, 0, 1) * 255) << 8)
         | (guint32) lround (CLAMP (c->b, 0, 1) * 255);
}

/* @pixels (side × side, opaque) scaled into @rect, each a sharp square. */
static void
paint_pixels (cairo_t       *cr,
              const guint32 *pixels,
              guint          side,
              const BplRect *rect)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) side, (int) side);
  cairo_pattern_t *pattern;
  guint8 *data;
  int stride;

  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      return;
    }
  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (guint row = 0; row < side; row++)
    memcpy (data + row * stride, pixels + row * side, side * sizeof (guint32));
  cairo_surface_mark_dirty (image);

  cairo_save (cr);
  cairo_rectangle (cr, rect->x, rect->y, rect->width, rect->height);
  cairo_clip (cr);
  cairo_translate (cr, rect->x, rect->y);
  cairo_scale (cr, rect->width / side, rect->height / side);
  pattern = cairo_pattern_create_for_surface (image);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_set_source (cr, pattern);
  cairo_paint (cr);
  cairo_pattern_destroy (pattern);
  cairo_restore (cr);
  cairo_surface_destroy (image);
}

void
bpl_render_input_image (cairo_t          *cr,
                        const BplNetwork *network,
                        guint             sample,
                        guint             side,
                        const BplRect    *rect,
                        const BplStyle   *style)
{
  const double *input;
  g_autofree guint32 *pixels = NULL;
  double lo = 0, hi = 1;

  g_return_if_fail (cr != NULL && network != NULL && rect != NULL && style != NULL);
  g_return_if_fail (side * side == bpl_network_get_n_inputs (network));
  g_return_if_fail (sample < bpl_network_get_n_samples (network));

  if (side == 0 || rect->width <= 0 || rect->height <= 0)
    return;
  input = bpl_network_get_input (network, sample);
  /* Inputs in [0, 1] as they are; a wider range is scaled to fit. */
  for (guint i = 0; i < side * side; i++)
    if (isfinite (input[i]))
      {
        lo = MIN (lo, input[i]);
        hi = MAX (hi, input[i]);
      }
  pixels = g_new (guint32, side * side);
  for (guint i = 0; i < side * side; i++)
    {
      double grey = isfinite (input[i]) ? (input[i] - lo) / (hi - lo) : 0;
      BplColor c = { grey, grey, grey, 1 };

      pixels[i] = isfinite (input[i]) ? pixel_of (&c) : pixel_of (&style->error);
    }
  paint_pixels (cr, pixels, side, rect);
}

void
bpl_render_weight_image (cairo_t          *cr,
                         const BplNetwork *network,
                         guint             neuron,
                         guint             side,
                         const BplRect    *rect,
                         const BplStyle   *style)
{
  g_autofree guint32 *pixels = NULL;
  guint n_inputs = side * side;
  double max_abs = 0;
  gint first;

  g_return_if_fail (cr != NULL && network != NULL && rect != NULL && style != NULL);
  g_return_if_fail (n_inputs == bpl_network_get_n_inputs (network));
  g_return_if_fail (neuron >= n_inputs && neuron < bpl_network_get_n_neurons (network));
  g_return_if_fail (bpl_network_get_neuron_layer (network, neuron) == 1);

  if (side == 0 || rect->width <= 0 || rect->height <= 0)
    return;
  first = bpl_network_find_weight (network, 0, neuron);
  g_return_if_fail (first >= 0);
  /* Each neuron on its own scale: the pattern is what tells. */
  for (guint k = 0; k < n_inputs; k++)
    {
      double w = bpl_network_get_weight (network, (guint) first + k);

      if (isfinite (w))
        max_abs = MAX (max_abs, fabs (w));
    }
  pixels = g_new (guint32, n_inputs);
  for (guint k = 0; k < n_inputs; k++)
    {
      BplColor c = bpl_style_diverging (style, bpl_network_get_weight (network, (guint) first + k),
                                        max_abs);

      pixels[k] = pixel_of (&c);
    }
  paint_pixels (cr, pixels, side, rect);
}

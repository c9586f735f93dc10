/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-data-view-render.c: drawing the data view and the neurons' small
 * heat-maps (see bpl-data-view.h). The heat-map is an image of the grid,
 * one pixel a grid point, that Cairo scales onto the plot with a bilinear
 * filter: a fraction of the forward passes a pixel each would take, and
 * smooth where the classes meet. */
#include "config.h"

#include "bpl-data-view.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "bpl-data-view-private.h"
#include "bpl-diagram-text-private.h"
#include "bpl-export-private.h"
#include "bpl-expr.h"

/* How strongly the heat-map colours the plane at full confidence: the
 * points, in full colour, stay clear of it. */
#define HEAT_STRENGTH 0.62
#define DISCRETE_STRENGTH 0.45

static BplColor
mix (const BplColor *a,
     const BplColor *b,
     double          t)
{
  return (BplColor) { a->r + (b->r - a->r) * t, a->g + (b->g - a->g) * t,
                      a->b + (b->b - a->b) * t, 1.0 };
}

static guint32
pixel_of (const BplColor *c)
{
  /* + 0.5 and a cast: lround is a library call, and this runs for every
   * pixel of every heat-map. */
  return 0xff000000u | ((guint32) (CLAMP (c->r, 0, 1) * 255 + 0.5) << 16)
         | ((guint32) (CLAMP (c->g, 0, 1) * 255 + 0.5) << 8)
         | (guint32) (CLAMP (c->b, 0, 1) * 255 + 0.5);
}

static void
set_color (cairo_t        *cr,
           const BplColor *color,
           double          alpha)
{
  cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a * alpha);
}

/* Class @k of a softmax layer: the first two are the positive and negative
 * colours (as target 1 and 0 of one output), then the GNOME palette's
 * green, purple, yellow, brown and red, lighter in a dark style. */
static BplColor
class_color (const BplStyle *style,
             guint           k)
{
  static const guint32 light[] = { 0x26a269, 0x813d9c, 0xc88800, 0x865e3c, 0xc01c28 };
  static const guint32 dark[] = { 0x57e389, 0xc061cb, 0xf8e45c, 0xcdab8f, 0xff7b63 };
  gboolean is_dark = style->background.r + style->background.g + style->background.b < 1.5;
  guint32 rgb;

  if (k == 0)
    return style->positive;
  if (k == 1)
    return style->negative;
  rgb = (is_dark ? dark : light)[(k - 2) % G_N_ELEMENTS (light)];
  return (BplColor) { ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                      (rgb & 0xff) / 255.0, 1 };
}

/* The full colour of a value of the shown output: the negative colour at
 * value_min, the positive at value_max. */
static BplColor
value_color (const BplStyle          *style,
             const BplDataViewLayout *layout,
             double                   value)
{
  double mid = (layout->value_min + layout->value_max) / 2;
  double half = (layout->value_max - layout->value_min) / 2;

  return bpl_style_diverging (style, value - mid, half);
}

/* The heat-map's colour at one grid point. */
static BplColor
heat_color (const BplStyle          *style,
            const BplDataViewLayout *layout,
            const double            *outputs,
            guint                    n_outputs,
            gsize                    plane_stride)
{
  if (layout->argmax)
    {
      guint best = 0;
      double confidence;
      BplColor c;

      for (guint o = 1; o < n_outputs; o++)
        if (outputs[o * plane_stride] > outputs[best * plane_stride])
          best = o;
      c = class_color (style, best);
      /* From an even split (no colour) to certainty (full). */
      confidence = (outputs[best * plane_stride] - 1.0 / n_outputs) / (1.0 - 1.0 / n_outputs);
      if (!isfinite (confidence))
        return style->error;
      return mix (&style->background, &c,
                  layout->discretize ? DISCRETE_STRENGTH
                                     : HEAT_STRENGTH * CLAMP (confidence, 0, 1));
    }
  else
    {
      double v = outputs[layout->output * plane_stride];
      double mid = (layout->value_min + layout->value_max) / 2;
      BplColor c;

      if (!isfinite (v))
        return style->error;
      if (layout->discretize)
        {
          BplColor end = v >= mid ? style->positive : style->negative;

          return mix (&style->background, &end, DISCRETE_STRENGTH);
        }
      c = value_color (style, layout, v);
      return mix (&style->background, &c, HEAT_STRENGTH);
    }
}

BplHeatmap *
bpl_data_view_update_heatmap (const BplDataViewLayout *layout,
                              const BplNetwork        *network,
                              BplHeatmap              *heatmap)
{
  g_return_val_if_fail (layout != NULL && network != NULL, heatmap);

  if (layout->n_inputs == 0)
    return heatmap;
  if (heatmap != NULL
      && (heatmap->cols != layout->grid_cols || heatmap->rows != layout->grid_rows
          || heatmap->n_neurons != bpl_network_get_n_neurons (network)))
    g_clear_pointer (&heatmap, bpl_heatmap_free);
  if (heatmap == NULL)
    heatmap = bpl_heatmap_new (network, layout->grid_cols, layout->grid_rows);
  if (layout->n_inputs == 2)
    bpl_heatmap_set_range (heatmap, layout->x_min, layout->x_max, layout->y_min, layout->y_max);
  else
    bpl_heatmap_set_range (heatmap, layout->x_min, layout->x_max, -1, 1);
  bpl_heatmap_compute (heatmap, network);
  return heatmap;
}

static void
draw_heat (cairo_t                 *cr,
           const BplNetwork        *network,
           const BplDataViewLayout *layout,
           const BplHeatmap        *heatmap,
           const BplStyle          *style)
{
  guint cols = heatmap->cols, rows = heatmap->rows, n_outputs = bpl_network_get_n_outputs (network);
  gsize n_points = (gsize) cols * rows;
  const double *outputs = bpl_heatmap_get_plane (
      heatmap, bpl_network_get_layer_start (network, bpl_network_get_n_layers (network) - 1));
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) cols, (int) rows);
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
  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < cols; c++)
      {
        BplColor color = heat_color (style, layout, outputs + r * cols + c, n_outputs, n_points);

        ((guint32 *) (void *) (data + r * stride))[c] = pixel_of (&color);
      }
  cairo_surface_mark_dirty (image);

  cairo_save (cr);
  cairo_rectangle (cr, layout->plot.x, layout->plot.y, layout->plot.width, layout->plot.height);
  cairo_clip (cr);
  cairo_translate (cr, layout->plot.x, layout->plot.y);
  cairo_scale (cr, layout->plot.width / cols, layout->plot.height / rows);
  pattern = cairo_pattern_create_for_surface (image);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_BILINEAR);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_NONE);
  cairo_set_source (cr, pattern);
  cairo_paint (cr);
  cairo_pattern_destroy (pattern);
  cairo_restore (cr);
  cairo_surface_destroy (image);
}

/* One input: the shown output as a curve over x. */
static void
draw_curve (cairo_t                 *cr,
            const BplNetwork        *network,
            const BplDataViewLayout *layout,
            const BplHeatmap        *heatmap,
            const BplStyle          *style)
{
  guint out = bpl_network_get_layer_start (network, bpl_network_get_n_layers (network) - 1)
              + layout->output;
  const double *plane = bpl_heatmap_get_plane (heatmap, out);
  gboolean pen_down = FALSE;

  cairo_save (cr);
  cairo_rectangle (cr, layout->plot.x, layout->plot.y, layout->plot.width, layout->plot.height);
  cairo_clip (cr);
  for (guint c = 0; c < heatmap->cols; c++)
    {
      double px, py;

      if (!isfinite (plane[c]))
        {
          pen_down = FALSE;
          continue;
        }
      bpl_data_view_to_canvas (layout, bpl_heatmap_x (heatmap, c), plane[c], &px, &py);
      /* Far off the plot, a value still draws a line towards it. */
      py = CLAMP (py, layout->plot.y - layout->plot.height, layout->plot.y + 2 * layout->plot.height);
      if (pen_down)
        cairo_line_to (cr, px, py);
      else
        cairo_move_to (cr, px, py);
      pen_down = TRUE;
    }
  set_color (cr, &style->accent, 1);
  cairo_set_line_width (cr, style->high_contrast ? 3 : 2.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_restore (cr);
}

typedef struct {
  cairo_t              *cr;
  PangoLayout          *pl;
  PangoFontDescription *font;
} Text;

static void
draw_text (Text           *t,
           const char     *markup,
           const BplRect  *box,
           double          align,
           const BplColor *color)
{
  pango_layout_set_font_description (t->pl, t->font);
  pango_layout_set_markup (t->pl, markup, -1);
  bpl_diagram_show_in_box (t->cr, t->pl, box, align, color);
}

static void
draw_plain (Text           *t,
            const char     *text,
            const BplRect  *box,
            double          align,
            const BplColor *color)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  draw_text (t, markup, box, align, color);
}

static char *
neuron_markup (const BplNetwork *network,
               guint             neuron)
{
  return bpl_format_split_name (bpl_network_get_neuron_name (network, neuron), BPL_EXPR_MARKUP);
}

static guint
output_neuron (const BplNetwork        *network,
               const BplDataViewLayout *layout)
{
  return bpl_network_get_layer_start (network, bpl_network_get_n_layers (network) - 1)
         + (layout->argmax ? 0 : layout->output);
}

static char *
title_markup (const BplNetwork        *network,
              const BplDataViewLayout *layout)
{
  g_autofree char *out = neuron_markup (network, output_neuron (network, layout));
  g_autofree char *x = neuron_markup (network, 0);
  g_autofree char *y = layout->n_inputs == 2 ? neuron_markup (network, 1) : NULL;
  guint n_out = bpl_network_get_n_outputs (network);

  if (layout->n_inputs == 1)
    /* Translators: "o₁ as a function of i₁" */
    return g_strdup_printf (C_("data view", "%s as a function of %s"), out, x);
  if (layout->argmax)
    {
      g_autofree char *last = neuron_markup (network, output_neuron (network, layout) + n_out - 1);

      /* Translators: "The class (the largest of o₁ … o₃) over i₁ and i₂" */
      return g_strdup_printf (C_("data view", "The class (the largest of %s … %s) over %s and %s"),
                              out, last, x, y);
    }
  /* Translators: "o₁ over i₁ and i₂" */
  return g_strdup_printf (C_("data view", "%s over %s and %s"), out, x, y);
}

static void
draw_axes (Text                    *t,
           const BplNetwork        *network,
           const BplDataViewLayout *layout,
           const BplStyle          *style)
{
  cairo_t *cr = t->cr;
  const BplRect *p = &layout->plot;
  double tick_len = layout->font_size * 0.35, line_h = layout->legend.height;
  BplColor quiet = style->foreground;

  if (!style->high_contrast)
    quiet.a *= 0.8;
  set_color (cr, &style->foreground, style->high_contrast ? 1 : 0.6);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, p->x - 0.5, p->y - 0.5, p->width + 1, p->height + 1);
  cairo_stroke (cr);

  for (double v = ceil (layout->x_min / layout->x_tick) * layout->x_tick;
       v <= layout->x_max + layout->x_tick * 1e-9; v += layout->x_tick)
    {
      g_autofree char *text = _bpl_data_view_tick_text (v, layout->x_tick);
      double px;
      BplRect box;

      bpl_data_view_to_canvas (layout, v, layout->y_min, &px, NULL);
      set_color (cr, &style->foreground, style->high_contrast ? 1 : 0.6);
      cairo_move_to (cr, px, p->y + p->height);
      cairo_rel_line_to (cr, 0, tick_len);
      cairo_stroke (cr);
      box = (BplRect) { px - 40, p->y + p->height + tick_len, 80, line_h };
      draw_plain (t, text, &box, 0.5, &quiet);
    }
  for (double v = ceil (layout->y_min / layout->y_tick) * layout->y_tick;
       v <= layout->y_max + layout->y_tick * 1e-9; v += layout->y_tick)
    {
      g_autofree char *text = _bpl_data_view_tick_text (v, layout->y_tick);
      double py;
      double left = layout->y_label.x + layout->y_label.width;
      BplRect box;

      bpl_data_view_to_canvas (layout, layout->x_min, v, NULL, &py);
      set_color (cr, &style->foreground, style->high_contrast ? 1 : 0.6);
      cairo_move_to (cr, p->x, py);
      cairo_rel_line_to (cr, -tick_len, 0);
      cairo_stroke (cr);
      box = (BplRect) { left, py - line_h / 2, p->x - tick_len - 2 - left, line_h };
      draw_plain (t, text, &box, 1, &quiet);
    }
  {
    g_autofree char *x = neuron_markup (network, 0);
    g_autofree char *y = layout->n_inputs == 2 ? neuron_markup (network, 1)
                                               : neuron_markup (network, output_neuron (network, layout));
    BplRect y_box = { layout->y_label.x, p->y + p->height / 2 - line_h / 2, layout->y_label.width + 8,
                      line_h };

    draw_text (t, x, &layout->x_label, 0.5, &style->foreground);
    draw_text (t, y, &y_box, 0, &style->foreground);
  }
}

/* A point's colour: its class's, or for a value its shade on the scale,
 * in 16 steps a side so that points share a few colours. */
static BplColor
point_color (const BplNetwork        *network,
             const BplDataViewLayout *layout,
             const BplStyle          *style,
             const double            *target)
{
  double mid = (layout->value_min + layout->value_max) / 2;
  double half = (layout->value_max - layout->value_min) / 2;
  double v;

  if (layout->argmax)
    return class_color (style, bpl_data_view_target_class (layout, network, target));
  v = isfinite (target[layout->output]) ? (target[layout->output] - mid) / half : 0;
  v = round (CLAMP (v, -1, 1) * 16) / 16;
  return value_color (style, layout, mid + v * half);
}

static void
stroke_point (cairo_t        *cr,
              const BplStyle *style,
              const BplColor *fill,
              gboolean        test)
{
  if (test)
    {
      /* A ring of the class colour inside one of the foreground. */
      set_color (cr, &style->foreground, style->high_contrast ? 1 : 0.85);
      cairo_set_line_width (cr, 4);
      cairo_stroke_preserve (cr);
      set_color (cr, fill, 1);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
  else
    {
      /* Filled, in a thin line of the foreground. */
      set_color (cr, fill, 1);
      cairo_fill_preserve (cr);
      set_color (cr, &style->foreground, style->high_contrast ? 1 : 0.85);
      cairo_set_line_width (cr, style->high_contrast ? 1.5 : 1);
      cairo_stroke (cr);
    }
}

/* One point drawn once into an image at the target's resolution, to be
 * copied to each point of its colour: a fill and a stroke a point cost
 * Cairo tens of microseconds, a copy one or two. */
static cairo_surface_t *
point_sprite (cairo_t                 *cr,
              const BplDataViewLayout *layout,
              const BplStyle          *style,
              const BplColor          *fill,
              gboolean                 test,
              double                  *half)
{
  double sx, sy, side;
  cairo_surface_t *sprite;
  cairo_t *scr;

  cairo_surface_get_device_scale (cairo_get_target (cr), &sx, &sy);
  *half = ceil (layout->point_radius + 3);
  side = 2 * *half;
  sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (side * sx),
                                       (int) ceil (side * sy));
  cairo_surface_set_device_scale (sprite, sx, sy);
  scr = cairo_create (sprite);
  cairo_arc (scr, *half, *half, layout->point_radius, 0, 2 * G_PI);
  stroke_point (scr, style, fill, test);
  cairo_destroy (scr);
  return sprite;
}

/* Every point of @kind. On an image (the window, a PNG) each colour's point
 * is drawn once and copied; in SVG and PDF each is a circle. */
static void
draw_points (cairo_t                 *cr,
             const BplNetwork        *network,
             const BplDataViewLayout *layout,
             const BplStyle          *style,
             BplDataPointKind         kind)
{
  gboolean test = kind == BPL_DATA_POINT_TEST;
  guint n = test ? bpl_network_get_n_test_samples (network) : bpl_network_get_n_samples (network);
  gboolean image = cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE;
  cairo_matrix_t matrix;
  /* The sprites made so far: a few colours, in any order. */
  guint32 sprite_rgb[8];
  cairo_surface_t *sprites[8] = { NULL };
  guint n_sprites = 0, next = 0;
  double half = 0;

  /* Copies only where user space is the device's, scaled and shifted. */
  cairo_get_matrix (cr, &matrix);
  image = image && matrix.xy == 0 && matrix.yx == 0 && matrix.xx > 0 && matrix.yy > 0;
  for (guint i = 0; i < n; i++)
    {
      const double *target = test ? bpl_network_get_test_target (network, i)
                                  : bpl_network_get_target (network, i);
      BplColor c = point_color (network, layout, style, target);
      cairo_surface_t *sprite;
      double px, py;

      if (!bpl_data_view_point_position (layout, network, (BplDataPoint) { kind, i }, &px, &py))
        continue;
      if (!image)
        {
          cairo_new_path (cr);
          cairo_arc (cr, px, py, layout->point_radius, 0, 2 * G_PI);
          stroke_point (cr, style, &c, test);
          continue;
        }
      {
        guint32 rgb = pixel_of (&c);
        guint k;

        for (k = 0; k < n_sprites && sprite_rgb[k] != rgb; k++)
          ;
        if (k == n_sprites)
          {
            k = n_sprites < G_N_ELEMENTS (sprites) ? n_sprites++ : next++ % G_N_ELEMENTS (sprites);
            g_clear_pointer (&sprites[k], cairo_surface_destroy);
            sprites[k] = point_sprite (cr, layout, style, &c, test, &half);
            sprite_rgb[k] = rgb;
          }
        sprite = sprites[k];
      }
      /* On whole device pixels, so that the copy is a plain one. */
      {
        double dx = px - half, dy = py - half;

        cairo_user_to_device (cr, &dx, &dy);
        dx = round (dx);
        dy = round (dy);
        cairo_device_to_user (cr, &dx, &dy);
        cairo_set_source_surface (cr, sprite, dx, dy);
        cairo_rectangle (cr, dx, dy, 2 * half, 2 * half);
        cairo_fill (cr);
      }
    }
  for (guint k = 0; k < n_sprites; k++)
    cairo_surface_destroy (sprites[k]);
}

static void
ring (cairo_t                 *cr,
      const BplNetwork        *network,
      const BplDataViewLayout *layout,
      BplDataPoint             point,
      const BplColor          *color)
{
  double px, py;

  if (!bpl_data_view_point_position (layout, network, point, &px, &py))
    return;
  cairo_new_path (cr);
  cairo_arc (cr, px, py, layout->point_radius + 3.5, 0, 2 * G_PI);
  set_color (cr, color, 1);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
}

/* A swatch and its text, from @x; returns where the next one goes. */
static double
legend_item (Text           *t,
             double          x,
             const BplRect  *row,
             const BplColor *fill,
             gboolean        hollow,
             const char     *markup,
             const BplStyle *style)
{
  cairo_t *cr = t->cr;
  double r = row->height * 0.3, w, h;
  BplRect box;

  pango_layout_set_font_description (t->pl, t->font);
  pango_layout_set_markup (t->pl, markup, -1);
  {
    PangoRectangle logical;

    pango_layout_get_extents (t->pl, NULL, &logical);
    /* An item that does not fit whole is left out, not cut. */
    if (x + 2 * r + 4 + (double) logical.width / PANGO_SCALE > row->x + row->width)
      return row->x + row->width;
  }
  cairo_new_path (cr);
  cairo_arc (cr, x + r, row->y + row->height / 2, r, 0, 2 * G_PI);
  if (hollow)
    {
      set_color (cr, &style->foreground, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
  else
    {
      set_color (cr, fill, 1);
      cairo_fill_preserve (cr);
      set_color (cr, &style->foreground, 0.85);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  pango_layout_set_font_description (t->pl, t->font);
  pango_layout_set_markup (t->pl, markup, -1);
  {
    PangoRectangle logical;

    pango_layout_get_extents (t->pl, NULL, &logical);
    w = (double) logical.width / PANGO_SCALE;
    h = row->height;
  }
  box = (BplRect) { x + 2 * r + 4, row->y, MAX (0, MIN (w, row->x + row->width - x - 2 * r - 4)), h };
  bpl_diagram_show_in_box (cr, t->pl, &box, 0, &style->foreground);
  return box.x + w + row->height;
}

static void
draw_legend (Text                    *t,
             const BplNetwork        *network,
             const BplDataViewLayout *layout,
             const BplStyle          *style)
{
  const BplRect *row = &layout->legend;
  double x = row->x;

  if (layout->argmax)
    {
      guint n = MIN (bpl_network_get_n_outputs (network), 10);

      for (guint k = 0; k < n; k++)
        {
          g_autofree char *name = neuron_markup (network, output_neuron (network, layout) + k);
          BplColor c = class_color (style, k);

          x = legend_item (t, x, row, &c, FALSE, name, style);
        }
    }
  else
    {
      g_autofree char *name = neuron_markup (network, output_neuron (network, layout));
      g_autofree char *lo = bpl_format_number_display (layout->value_min, 3);
      g_autofree char *hi = bpl_format_number_display (layout->value_max, 3);
      g_autofree char *lo_m = g_strdup_printf ("%s = %s", name, lo);
      g_autofree char *hi_m = g_strdup_printf ("%s = %s", name, hi);

      x = legend_item (t, x, row, &style->negative, FALSE, lo_m, style);
      x = legend_item (t, x, row, &style->positive, FALSE, hi_m, style);
    }
  {
    g_autofree char *train = g_markup_escape_text (C_("data view", "training"), -1);
    g_autofree char *test = g_markup_escape_text (C_("data view", "test"), -1);

    x = legend_item (t, x + row->height, row, &style->neuron_fill, FALSE, train, style);
    if (bpl_network_get_n_test_samples (network) > 0)
      legend_item (t, x, row, NULL, TRUE, test, style);
  }
}

static void
draw_note (Text                    *t,
           const BplNetwork        *network,
           const BplDataViewLayout *layout,
           const BplStyle          *style)
{
  g_autofree char *note = g_strdup_printf (
      C_("data view", "The data view shows networks of one or two inputs; this one has %u."),
      bpl_network_get_n_inputs (network));
  BplRect box = { 0, layout->height / 2 - layout->legend.height, layout->width,
                  2 * layout->legend.height };

  draw_plain (t, note, &box, 0.5, &style->foreground);
}

void
bpl_render_data_view (cairo_t                 *cr,
                      const BplNetwork        *network,
                      const BplDataViewLayout *layout,
                      const BplHeatmap        *heatmap,
                      const BplStyle          *style,
                      const BplDataViewState  *state)
{
  g_autoptr (BplHeatmap) own = NULL;
  PangoContext *pango;
  Text t;

  g_return_if_fail (cr != NULL && network != NULL && layout != NULL && style != NULL);

  if (layout->n_inputs > 0
      && (heatmap == NULL || heatmap->n_neurons != bpl_network_get_n_neurons (network)
          || heatmap->x_min != layout->x_min || heatmap->x_max != layout->x_max
          || (layout->n_inputs == 2
              && (heatmap->y_min != layout->y_min || heatmap->y_max != layout->y_max))))
    {
      own = bpl_data_view_update_heatmap (layout, network, NULL);
      heatmap = own;
    }

  cairo_save (cr);
  set_color (cr, &style->background, 1);
  cairo_paint (cr);

  bpl_diagram_text_lock ();
  pango = bpl_diagram_context_new (cr);
  t.cr = cr;
  t.pl = pango_layout_new (pango);
  t.font = bpl_diagram_font_new (BPL_FONT_SMALL, layout->font_size);

  if (layout->n_inputs == 0)
    draw_note (&t, network, layout, style);
  else
    {
      g_autofree char *title = title_markup (network, layout);

      if (layout->n_inputs == 2)
        draw_heat (cr, network, layout, heatmap, style);
      else
        {
          /* The middle of the output's scale: where the classes divide. */
          double py;

          bpl_data_view_to_canvas (layout, 0, (layout->value_min + layout->value_max) / 2, NULL, &py);
          set_color (cr, &style->dim, 0.6);
          cairo_set_line_width (cr, 1);
          cairo_move_to (cr, layout->plot.x, py);
          cairo_rel_line_to (cr, layout->plot.width, 0);
          cairo_stroke (cr);
        }
      pango_font_description_set_weight (t.font, PANGO_WEIGHT_BOLD);
      draw_text (&t, title, &layout->title, 0, &style->foreground);
      pango_font_description_set_weight (t.font, PANGO_WEIGHT_NORMAL);
      draw_axes (&t, network, layout, style);
      draw_legend (&t, network, layout, style);
    }
  pango_font_description_free (t.font);
  g_object_unref (t.pl);
  g_object_unref (pango);
  bpl_diagram_text_unlock ();

  if (layout->n_inputs > 0)
    {
      /* No clip: the range holds every point, and a clip would make each
       * point's fill many times slower. */
      if (layout->n_inputs == 1)
        draw_curve (cr, network, layout, heatmap, style);
      draw_points (cr, network, layout, style, BPL_DATA_POINT_SAMPLE);
      draw_points (cr, network, layout, style, BPL_DATA_POINT_TEST);
      if (state != NULL && state->hover.kind != BPL_DATA_POINT_NONE)
        ring (cr, network, layout, state->hover, &style->hover);
      if (state != NULL && state->selected.kind != BPL_DATA_POINT_NONE)
        ring (cr, network, layout, state->selected, &style->accent);
    }
  cairo_restore (cr);
}

/* The middle and half the width of neuron @neuron's colour scale. */
static void
neuron_scale (const BplNetwork *network,
              guint             neuron,
              double            max_abs,
              double           *mid,
              double           *half)
{
  guint layer = bpl_network_get_neuron_layer (network, neuron);

  switch (layer == 0 ? BPL_ACTIVATION_LINEAR : bpl_network_get_activation (network, layer))
    {
    case BPL_ACTIVATION_SIGMOID:
    case BPL_ACTIVATION_SOFTMAX:
      *mid = 0.5;
      *half = 0.5;
      return;
    case BPL_ACTIVATION_TANH:
      *mid = 0;
      *half = 1;
      return;
    case BPL_ACTIVATION_RELU:
    case BPL_ACTIVATION_LINEAR:
    default:
      *mid = 0;
      *half = max_abs > 0 ? max_abs : 1;
      return;
    }
}

BplColor
bpl_data_view_neuron_color (const BplStyle   *style,
                            const BplNetwork *network,
                            guint             neuron,
                            double            value,
                            double            max_abs)
{
  double mid, half;

  g_return_val_if_fail (style != NULL && network != NULL, (BplColor) { 0 });

  neuron_scale (network, neuron, max_abs, &mid, &half);
  return bpl_style_diverging (style, value - mid, half);
}

void
bpl_render_neuron_heatmap (cairo_t          *cr,
                           const BplNetwork *network,
                           const BplHeatmap *heatmap,
                           guint             neuron,
                           const BplRect    *rect,
                           const BplStyle   *style)
{
  guint cols, rows;
  const double *plane;
  double max_abs = 0, mid, half;
  cairo_surface_t *image;
  cairo_pattern_t *pattern;
  guint8 *data;
  int stride;

  g_return_if_fail (cr != NULL && network != NULL && heatmap != NULL && rect != NULL);
  g_return_if_fail (neuron < heatmap->n_neurons);

  cols = heatmap->cols;
  rows = heatmap->rows;
  plane = bpl_heatmap_get_plane (heatmap, neuron);
  for (gsize p = 0; p < (gsize) cols * rows; p++)
    if (isfinite (plane[p]))
      max_abs = MAX (max_abs, fabs (plane[p]));
  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) cols, (int) rows);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      return;
    }
  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  neuron_scale (network, neuron, max_abs, &mid, &half);
  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < cols; c++)
      {
        BplColor color = bpl_style_diverging (style, plane[r * cols + c] - mid, half);

        ((guint32 *) (void *) (data + r * stride))[c] = pixel_of (&color);
      }
  cairo_surface_mark_dirty (image);

  cairo_save (cr);
  cairo_rectangle (cr, rect->x, rect->y, rect->width, rect->height);
  cairo_save (cr);
  cairo_clip_preserve (cr);
  cairo_translate (cr, rect->x, rect->y);
  cairo_scale (cr, rect->width / cols, rect->height / rows);
  pattern = cairo_pattern_create_for_surface (image);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_BILINEAR);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
  cairo_set_source (cr, pattern);
  cairo_paint (cr);
  cairo_pattern_destroy (pattern);
  cairo_restore (cr);
  set_color (cr, &style->foreground, style->high_contrast ? 1 : 0.5);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_restore (cr);
  cairo_surface_destroy (image);
}

typedef struct
{
  const BplNetwork        *network;
  const BplDataViewLayout *layout;
  const BplStyle          *style;
  const BplDataViewState  *state;
} DataDrawing;

static void
draw_data_view (cairo_t  *cr,
                gpointer  user_data)
{
  const DataDrawing *d = user_data;

  bpl_render_data_view (cr, d->network, d->layout, NULL, d->style, d->state);
}

gboolean
bpl_export_data_view (const BplNetwork        *network,
                      const BplDataViewLayout *layout,
                      const BplStyle          *style,
                      const BplDataViewState  *state,
                      double                   scale,
                      BplExportFormat          format,
                      const char              *path,
                      GError                 **error)
{
  DataDrawing drawing = { network, layout, style, state };
  const char *name;

  g_return_val_if_fail (network != NULL && layout != NULL && style != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = bpl_network_get_name (network);
  return bpl_export_drawing (draw_data_view, &drawing, layout->width, layout->height, scale,
                             style->background.a >= 1.0, name != NULL ? name : "Network", format,
                             path, error);
}

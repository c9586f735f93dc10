/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-render.c: draws a laid-out diagram into any cairo_t: the window's
 * snapshot and every export go through here, in one pass or as a base and
 * an overlay (see bpl_render_layer ()). */
#include "config.h"

#include "bpl-render.h"

#include "bpl-data-view.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "bpl-diagram-text-private.h"
#include "bpl-expr.h"
#include "bpl-layout-private.h"
#include "bpl-raster-private.h"

/* Edges of a large network (layout->many_edges) are sorted into this many
 * steps of |w|, weakest first. */
#define STRENGTH_STEPS 1024
/* Drawn into pixels, they go this many rows at a time (see
 * draw_dense_edges ()). */
#define RASTER_BAND_ROWS 48

typedef enum {
  LOOK_NORMAL,
  LOOK_DIMMED,
  LOOK_PATH,
  LOOK_SELECTED,
  LOOK_HOVER,
  LOOK_EMPHASIS,
} Look;

typedef struct {
  cairo_t              *cr;
  const BplNetwork     *network;
  const BplForward     *forward;
  const BplLayout      *layout;
  const BplStyle       *style;
  const BplRenderState *state;

  PangoContext         *pango;
  PangoLayout          *pl;
  PangoFontDescription *fonts[BPL_N_FONTS];
  PangoFontDescription *small_bold;
  PangoFontDescription *neuron_name;   /* at the layout's neuron text scale */
  PangoFontDescription *neuron_value;
  double                font_sizes[BPL_N_FONTS];

  gboolean              has_selection;
  gboolean             *neuron_on;
  gboolean             *weight_on;
  gboolean             *bias_on;

  GArray               *was_boxes;  /* BplRect: "was 0.25" notes placed so far */
  BplRect               visible;    /* the clip's extents, in user space */

  double                line_width;
  double                max_abs_weight;
  double                max_abs_bias;

  BplRenderLayer        layer;
  Look                  base_look;  /* NORMAL, or DIMMED when something is selected */
  gboolean              animating;  /* a step's change is shown: labels in the overlay */
  gboolean              raster;     /* many edges are drawn through a BplRaster */
  gboolean             *bias_redrawn; /* overlay: knobs of neurons drawn again */
  guint8               *weight_looks; /* each weight's Look, worked out once */
  GArray               *lit[4];       /* the weights of each lit pass, once found */
} Ctx;

void
bpl_render_state_init (BplRenderState *state)
{
  g_return_if_fail (state != NULL);

  state->selection = (BplHit) { BPL_HIT_NONE, 0 };
  state->hover = (BplHit) { BPL_HIT_NONE, 0 };
  state->emphasis = (BplHit) { BPL_HIT_NONE, 0 };
  state->previous_weights = NULL;
  state->previous_biases = NULL;
  state->change_progress = 1.0;
  state->sample = 0;
  state->heatmap = NULL;
}

static gboolean
hit_is (BplHit     hit,
        BplHitKind kind,
        guint      index)
{
  return hit.kind == kind && hit.index == index;
}

static gboolean
hit_valid (const Ctx *c,
           BplHit     hit)
{
  switch (hit.kind)
    {
    case BPL_HIT_WEIGHT:
      return hit.index < c->layout->n_weights;
    case BPL_HIT_BIAS:
      return hit.index < c->layout->n_biases;
    case BPL_HIT_NEURON:
      return hit.index < c->layout->n_neurons;
    case BPL_HIT_NONE:
    default:
      return FALSE;
    }
}

/* What the selection lights up: a parameter's chain-rule path set, or what
 * feeds a selected neuron. */
static void
compute_selection (Ctx *c)
{
  BplHit sel = c->state->selection;
  const BplLayout *layout = c->layout;

  c->neuron_on = g_new0 (gboolean, MAX (layout->n_neurons, 1));
  c->weight_on = g_new0 (gboolean, MAX (layout->n_weights, 1));
  c->bias_on = g_new0 (gboolean, MAX (layout->n_biases, 1));

  if (!hit_valid (c, sel))
    return;

  c->has_selection = TRUE;
  if (sel.kind == BPL_HIT_WEIGHT || sel.kind == BPL_HIT_BIAS)
    {
      BplParam param = { sel.kind == BPL_HIT_WEIGHT ? BPL_PARAM_WEIGHT : BPL_PARAM_BIAS,
                         sel.index };

      bpl_network_get_path_set (c->network, param, c->neuron_on, c->weight_on, c->bias_on);
    }
  else
    {
      gint bias = bpl_network_get_neuron_bias (c->network, sel.index);

      c->neuron_on[sel.index] = TRUE;
      for (guint w = 0; w < layout->n_weights; w++)
        if (bpl_network_get_weight_target (c->network, w) == sel.index)
          {
            c->weight_on[w] = TRUE;
            c->neuron_on[bpl_network_get_weight_source (c->network, w)] = TRUE;
          }
      if (bias >= 0 && (guint) bias < layout->n_biases)
        c->bias_on[bias] = TRUE;
    }
}

static Look
look_for (const Ctx  *c,
          BplHitKind  kind,
          guint       index,
          gboolean    on_path)
{
  if (hit_is (c->state->emphasis, kind, index))
    return LOOK_EMPHASIS;
  if (hit_is (c->state->selection, kind, index))
    return LOOK_SELECTED;
  if (hit_is (c->state->hover, kind, index))
    return LOOK_HOVER;
  if (c->has_selection)
    return on_path ? LOOK_PATH : LOOK_DIMMED;
  return LOOK_NORMAL;
}

static void
set_color (cairo_t        *cr,
           const BplColor *color,
           double          alpha)
{
  cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a * alpha);
}

/* Draws @markup in @box, aligned horizontally by @align (0 left, 0.5 centre,
 * 1 right) and centred vertically; text wider than the box (an exponent,
 * "NaN") shrinks to fit rather than spill over its neighbours. */
static void
draw_text (Ctx                        *c,
           const PangoFontDescription *font,
           const char     *markup,
           const BplRect  *box,
           double          align,
           const BplColor *color)
{
  /* Ink may leave the box: text taller than its box, accents, overhangs. */
  double margin = box->height + 8;
  BplRect reach = { box->x - margin, box->y - margin, box->width + 2 * margin,
                    box->height + 2 * margin };

  /* Text out of sight is skipped: laying out markup is most of a frame's
   * work, and an export draws a PNG in bands (see bpl-export.c). */
  if (!bpl_rect_intersects (&reach, &c->visible, 0))
    return;

  pango_layout_set_font_description (c->pl, font);
  pango_layout_set_markup (c->pl, markup, -1);
  bpl_diagram_show_in_box (c->cr, c->pl, box, align, color);
}

static void
rounded_rect (cairo_t       *cr,
              const BplRect *r,
              double         radius)
{
  radius = MIN (radius, MIN (r->width, r->height) / 2);
  cairo_new_path (cr);
  cairo_arc (cr, r->x + r->width - radius, r->y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, r->x + r->width - radius, r->y + r->height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, r->x + radius, r->y + r->height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, r->x + radius, r->y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static const BplColor *
sign_color (const Ctx *c,
            double     value)
{
  if (!isfinite (value))
    return &c->style->error;
  return value < 0 ? &c->style->negative : &c->style->positive;
}

/* One edge: colour by sign, dashed when negative, width by look. */
static void
stroke_edge (Ctx   *c,
             double x1,
             double y1,
             double x2,
             double y2,
             double value,
             double max_abs,
             double width_factor,
             Look   look)
{
  cairo_t *cr = c->cr;
  double lw = c->line_width * width_factor;
  double alpha = 1.0;
  const BplColor *color = sign_color (c, value);
  /* The widest stroke below (the emphasis glow) is at most 7 × lw + 9. */
  double reach = 7 * lw * (c->layout->options.width_by_magnitude ? 3 : 1) + 12;
  BplRect box = { MIN (x1, x2) - reach, MIN (y1, y2) - reach, fabs (x2 - x1) + 2 * reach,
                  fabs (y2 - y1) + 2 * reach };

  /* Out of sight (a band of an export): Cairo would draw nothing, but only
   * after stroking the line. */
  if (!bpl_rect_intersects (&box, &c->visible, 0))
    return;

  if (c->layout->options.width_by_magnitude && isfinite (value) && max_abs > 0)
    lw *= 0.5 + 2.5 * fabs (value) / max_abs;
  if (c->layout->many_edges && look == LOOK_NORMAL)
    alpha = 0.55;

  switch (look)
    {
    case LOOK_DIMMED:
      color = &c->style->dim;
      if (!c->style->high_contrast)
        alpha = c->layout->many_edges ? 0.35 : 0.8;
      break;
    case LOOK_PATH:
      color = &c->style->accent;
      lw = MAX (lw * 2.2, 2.5);
      break;
    case LOOK_SELECTED:
      color = &c->style->accent;
      lw = MAX (lw * 3.2, 4.0);
      break;
    case LOOK_HOVER:
      color = &c->style->hover;
      lw = MAX (lw * 2.0, 2.5);
      break;
    case LOOK_EMPHASIS:
      /* A soft glow under a strong line: the one factor the reader points at. */
      cairo_save (cr);
      set_color (cr, &c->style->accent, 0.3);
      cairo_set_line_width (cr, MAX (lw * 7, 9));
      cairo_move_to (cr, x1, y1);
      cairo_line_to (cr, x2, y2);
      cairo_stroke (cr);
      cairo_restore (cr);
      color = &c->style->accent;
      lw = MAX (lw * 3, 3.5);
      break;
    case LOOK_NORMAL:
    default:
      break;
    }

  cairo_save (cr);
  set_color (cr, color, alpha);
  cairo_set_line_width (cr, lw);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  if (!isfinite (value) || value < 0)
    {
      double dashes[] = { MAX (4 * lw, 6), MAX (2.5 * lw, 4) };

      cairo_set_dash (cr, dashes, 2, 0);
    }
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x2, y2);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The width of a neuron's or bias node's outline in @look (stroke_circle). */
static double
outline_width (const Ctx *c,
               Look       look)
{
  double lw = c->style->high_contrast ? 2.5 : 1.6;

  switch (look)
    {
    case LOOK_PATH:
    case LOOK_HOVER:
      return lw * 1.8;
    case LOOK_SELECTED:
      return lw * 2.6;
    case LOOK_EMPHASIS:
      return lw * 2.4;
    default:
      return lw;
    }
}

static void
clip_out_circle (cairo_t *cr,
                 double   x,
                 double   y,
                 double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc_negative (cr, x, y, radius, 2 * G_PI, 0);
}

/* How much of a circle the overlay's edges keep out of: one the overlay
 * draws again covers them itself, as in one pass, anti-aliasing and all;
 * under one it leaves, they stop at its outline's outer edge. */
static double
clip_radius (const Ctx *c,
             double     radius,
             Look       look)
{
  if (look != c->base_look)
    return MAX (radius - 1, 0);
  return radius + outline_width (c, look) / 2 + 0.5;
}

/* Every circle, inside out, on @cr's path. */
static void
node_circles (Ctx     *c,
              cairo_t *cr)
{
  for (guint n = 0; n < c->layout->n_neurons; n++)
    {
      const BplNeuronLayout *nl = &c->layout->neurons[n];

      Look look = look_for (c, BPL_HIT_NEURON, n, c->neuron_on[n]);

      if (!nl->hidden)
        clip_out_circle (cr, nl->x, nl->y, clip_radius (c, nl->radius, look));
    }
  for (guint b = 0; b < c->layout->n_biases; b++)
    {
      const BplBiasLayout *bl = &c->layout->biases[b];

      if (bl->radius > 0)
        clip_out_circle (cr, bl->x, bl->y,
                         clip_radius (c, bl->radius, look_for (c, BPL_HIT_BIAS, b, c->bias_on[b])));
    }
}

/* The overlay's edges go under the neurons and bias nodes, as in one pass,
 * though the base drew those first: a clip leaves out every circle. */
static void
begin_under_nodes (Ctx *c)
{
  if (c->layer != BPL_RENDER_OVERLAY)
    return;
  cairo_save (c->cr);
  cairo_new_path (c->cr);
  cairo_rectangle (c->cr, c->visible.x, c->visible.y, c->visible.width, c->visible.height);
  node_circles (c, c->cr);
  cairo_set_fill_rule (c->cr, CAIRO_FILL_RULE_WINDING);
  cairo_clip (c->cr);
}

static void
end_under_nodes (Ctx *c)
{
  if (c->layer == BPL_RENDER_OVERLAY)
    cairo_restore (c->cr);
}

/* The same for lines drawn into an image first: the circles taken out. */
static void
cut_out_nodes (Ctx     *c,
               cairo_t *cr)
{
  cairo_new_path (cr);
  node_circles (c, cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_fill (cr);
}

/* Whether an edge drawn in @look was drawn below in the base look too: in
 * the overlay, or in one pass when every edge of a large network is. */
static gboolean
drawn_in_base (const Ctx *c,
               Look       look)
{
  if (look == LOOK_NORMAL || look == LOOK_DIMMED)
    return FALSE;
  return c->layer == BPL_RENDER_OVERLAY || c->layout->many_edges;
}

/* A dashed edge drawn over its own base-look copy would show that copy
 * between its dashes: the copy goes first, under a stroke of background. */
static void
erase_edge (Ctx    *c,
            double  x1,
            double  y1,
            double  x2,
            double  y2,
            double  width)
{
  cairo_save (c->cr);
  set_color (c->cr, &c->style->background, 1.0);
  cairo_set_line_width (c->cr, width + 2);
  cairo_set_line_cap (c->cr, CAIRO_LINE_CAP_BUTT);
  cairo_move_to (c->cr, x1, y1);
  cairo_line_to (c->cr, x2, y2);
  cairo_stroke (c->cr);
  cairo_restore (c->cr);
}

/* How a large network's edge is drawn (NN-SVG's way): the stronger |w|,
 * the wider and the more opaque, so that the weights that matter stand out
 * of thousands. */
static void
dense_style (const Ctx        *c,
             double            value,
             Look              look,
             double           *width,
             const BplColor  **color,
             double           *alpha)
{
  gboolean hc = c->style->high_contrast;
  double f = !isfinite (value) ? 1.0 : c->max_abs_weight > 0 ? fabs (value) / c->max_abs_weight : 0;
  double lw = hc ? 1.2 : 0.8;

  *color = sign_color (c, value);
  *width = lw * (0.5 + 2.0 * f);
  *alpha = hc ? 0.4 + 0.6 * f : 0.12 + 0.88 * f;
  switch (look)
    {
    case LOOK_DIMMED:
      *color = &c->style->dim;
      if (!hc)
        *alpha *= 0.5;
      break;
    case LOOK_PATH:
      /* Thin, as the base's: a first layer's weight lights thousands. */
      *color = &c->style->accent;
      *width = lw * (0.7 + 1.5 * f);
      *alpha = 0.35 + 0.65 * f;
      break;
    default:
      break;
    }
}

/* A negative (or broken) weight's edge is dashed: on, off; 0 for solid. */
static void
dense_dashes (double  value,
              double  width,
              double *on,
              double *off)
{
  *on = *off = 0;
  if (!isfinite (value) || value < 0)
    {
      *on = MAX (4 * width, 6);
      *off = MAX (2.5 * width, 4);
    }
}

/* The width of @value's edge in the base pass, to erase it. */
static double
base_width (const Ctx *c,
            double     value)
{
  double width, alpha;
  const BplColor *color;

  if (c->layout->many_edges)
    {
      dense_style (c, value, c->base_look, &width, &color, &alpha);
      return width;
    }
  width = c->line_width;
  if (c->layout->options.width_by_magnitude && isfinite (value) && c->max_abs_weight > 0)
    width *= 0.5 + 2.5 * fabs (value) / c->max_abs_weight;
  return width;
}

/* The neuron an edge to @n is drawn to: @n, or the first its ellipsis
 * stands for. */
static guint
shown_end (const Ctx *c,
           guint      n)
{
  if (!c->layout->neurons[n].hidden)
    return n;
  return c->layout->ellipses[bpl_network_get_neuron_layer (c->network, n)].first_hidden;
}

static double
strength (double value)
{
  return isfinite (value) ? fabs (value) : G_MAXDOUBLE;
}

/* The weights a pass draws, by number: in the base pass every edge that is
 * drawn at all; else those of look @pass, where edges to the same ellipsis
 * are one edge (the strongest of them). */
static GArray *
collect_weight_edges (const Ctx *c,
                      Look       pass,
                      gboolean   base)
{
  const double *weights = bpl_network_get_weights (c->network);
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GHashTable) ends = NULL;

  for (guint w = 0; w < c->layout->n_weights; w++)
    {
      const BplWeightLayout *wl = &c->layout->weights[w];
      gpointer position;
      guint64 key;

      if (base ? wl->hidden : c->weight_looks[w] != pass)
        continue;
      /* An edge to an ellipsis shows only what the reader follows. */
      if (wl->hidden && (pass == LOOK_NORMAL || pass == LOOK_DIMMED))
        continue;
      if (wl->hidden)
        {
          key = ((guint64) shown_end (c, bpl_network_get_weight_source (c->network, w)) << 32)
                | shown_end (c, bpl_network_get_weight_target (c->network, w));
          if (ends == NULL)
            ends = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
          if (g_hash_table_lookup_extended (ends, &key, NULL, &position))
            {
              guint *kept = &g_array_index (edges, guint, GPOINTER_TO_UINT (position));

              if (strength (weights[w]) > strength (weights[*kept]))
                *kept = w;
              continue;
            }
          g_hash_table_insert (ends, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (edges->len));
        }
      g_array_append_val (edges, w);
    }
  return edges;
}

/* Weakest first, so the strongest end up on top; the same strength in
 * order of number. */
static void
sort_by_strength (const Ctx *c,
                  GArray    *edges)
{
  const double *weights = bpl_network_get_weights (c->network);
  g_autofree guint *counts = g_new0 (guint, STRENGTH_STEPS + 1);
  g_autofree guint *sorted = g_new (guint, MAX (edges->len, 1));
  g_autofree guint *steps = g_new (guint, MAX (edges->len, 1));

  for (guint i = 0; i < edges->len; i++)
    {
      double v = weights[g_array_index (edges, guint, i)];
      double f = !isfinite (v) ? 1.0 : c->max_abs_weight > 0 ? fabs (v) / c->max_abs_weight : 0;

      steps[i] = (guint) (CLAMP (f, 0, 1) * (STRENGTH_STEPS - 1));
      counts[steps[i] + 1]++;
    }
  for (guint k = 0; k < STRENGTH_STEPS; k++)
    counts[k + 1] += counts[k];
  for (guint i = 0; i < edges->len; i++)
    sorted[counts[steps[i]]++] = g_array_index (edges, guint, i);
  memcpy (edges->data, sorted, sizeof (guint) * edges->len);
}

static void cut_out_nodes (Ctx *c, cairo_t *cr);

/* Many edges in their dense look: into pixels where the target has them,
 * else as cairo strokes, the same lines in the same order. The overlay's
 * go under the neurons (@under_nodes). */
static void
draw_dense_edges (Ctx      *c,
                  GArray   *edges,
                  Look      look,
                  gboolean  under_nodes)
{
  const double *weights = bpl_network_get_weights (c->network);
  cairo_surface_t *image = NULL;
  BplRaster raster;
  BplRect extent = { 0 };

  if (c->raster)
    {
      double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;

      /* Only as large an image as the edges need: a path is often small. */
      for (guint i = 0; i < edges->len; i++)
        {
          const BplWeightLayout *wl = &c->layout->weights[g_array_index (edges, guint, i)];

          x1 = MIN (x1, MIN (wl->x1, wl->x2));
          y1 = MIN (y1, MIN (wl->y1, wl->y2));
          x2 = MAX (x2, MAX (wl->x1, wl->x2));
          y2 = MAX (y2, MAX (wl->y1, wl->y2));
        }
      extent = (BplRect) { x1 - 4, y1 - 4, x2 - x1 + 8, y2 - y1 + 8 };
      image = bpl_raster_begin (c->cr, &raster, &extent, !under_nodes);
    }

  if (image != NULL)
    {
      /* A band of rows at a time, each line in the same order in every
       * band: the same picture, its pixels in the cache. */
      int height = raster.height;

      for (int top = 0; top < height; top += RASTER_BAND_ROWS)
        {
          double band_y1, band_y2;

          raster.top = top;
          raster.bottom = MIN (top + RASTER_BAND_ROWS, height);
          bpl_raster_band_extent (&raster, &band_y1, &band_y2);
          for (guint i = 0; i < edges->len; i++)
            {
              guint w = g_array_index (edges, guint, i);
              const BplWeightLayout *wl = &c->layout->weights[w];
              double width, alpha, on, off;
              const BplColor *color;

              dense_style (c, weights[w], look, &width, &color, &alpha);
              if (MAX (wl->y1, wl->y2) + width < band_y1 || MIN (wl->y1, wl->y2) - width > band_y2)
                continue;
              dense_dashes (weights[w], width, &on, &off);
              bpl_raster_line (&raster, wl->x1, wl->y1, wl->x2, wl->y2, width, color, alpha, on,
                               off);
            }
        }
      if (under_nodes)
        {
          cairo_t *cut;

          /* The circles out of the image: as a clip would, but only
           * where the lines are. */
          cairo_matrix_t to_pixels;

          cairo_matrix_init (&to_pixels, raster.scale, 0, 0, raster.scale, raster.dx, raster.dy);
          cairo_surface_mark_dirty (image);
          cut = cairo_create (image);
          cairo_set_matrix (cut, &to_pixels);
          cut_out_nodes (c, cut);
          cairo_destroy (cut);
        }
      bpl_raster_end (c->cr, image, &raster);
      return;
    }

  for (guint i = 0; i < edges->len; i++)
    {
      guint w = g_array_index (edges, guint, i);
      const BplWeightLayout *wl = &c->layout->weights[w];
      double width, alpha, on, off;
      const BplColor *color;
      BplRect box;

      dense_style (c, weights[w], look, &width, &color, &alpha);
      box = (BplRect) { MIN (wl->x1, wl->x2) - width, MIN (wl->y1, wl->y2) - width,
                        fabs (wl->x2 - wl->x1) + 2 * width, fabs (wl->y2 - wl->y1) + 2 * width };
      if (!bpl_rect_intersects (&box, &c->visible, 0))
        continue;
      dense_dashes (weights[w], width, &on, &off);
      cairo_save (c->cr);
      set_color (c->cr, color, alpha);
      cairo_set_line_width (c->cr, width);
      cairo_set_line_cap (c->cr, CAIRO_LINE_CAP_BUTT);
      if (on > 0)
        {
          double dashes[] = { on, off };

          cairo_set_dash (c->cr, dashes, 2, 0);
        }
      cairo_move_to (c->cr, wl->x1, wl->y1);
      cairo_line_to (c->cr, wl->x2, wl->y2);
      cairo_stroke (c->cr);
      cairo_restore (c->cr);
    }
}

/* The weights' edges of one look, or (@base) every drawn edge in the base
 * look. */
static void
draw_weight_edges (Ctx      *c,
                   Look      pass,
                   gboolean  base,
                   gboolean  erase)
{
  const double *weights = bpl_network_get_weights (c->network);
  g_autoptr (GArray) edges = NULL;
  Look look = base ? c->base_look : pass;
  guint lit = pass - LOOK_PATH;

  /* A lit pass is found once, for its erasing and its drawing. */
  if (!base && pass >= LOOK_PATH && lit < G_N_ELEMENTS (c->lit))
    {
      if (c->lit[lit] == NULL)
        c->lit[lit] = collect_weight_edges (c, pass, FALSE);
      edges = g_array_ref (c->lit[lit]);
    }
  else
    edges = collect_weight_edges (c, pass, base);

  if (edges->len == 0)
    return;
  if (c->layout->many_edges && (look == LOOK_NORMAL || look == LOOK_DIMMED || look == LOOK_PATH))
    {
      /* Translucent, over their base copies in one pass too. */
      if (erase)
        return;
      sort_by_strength (c, edges);
      draw_dense_edges (c, edges, look, c->layer == BPL_RENDER_OVERLAY);
      return;
    }
  begin_under_nodes (c);
  for (guint i = 0; i < edges->len; i++)
    {
      guint w = g_array_index (edges, guint, i);
      const BplWeightLayout *wl = &c->layout->weights[w];

      if (!erase)
        stroke_edge (c, wl->x1, wl->y1, wl->x2, wl->y2, weights[w], c->max_abs_weight, 1.0, look);
      else if (drawn_in_base (c, look) && !wl->hidden
               && (!isfinite (weights[w]) || weights[w] < 0))
        erase_edge (c, wl->x1, wl->y1, wl->x2, wl->y2, base_width (c, weights[w]));
    }
  end_under_nodes (c);
}

/* Shared bias nodes feed every neuron of their layer: b·1. */
static void
draw_bias_edges (Ctx      *c,
                 Look      pass,
                 gboolean  base,
                 gboolean  erase)
{
  /* Per-neuron biases have no node to draw an edge from. */
  if (bpl_network_get_bias_mode (c->network) != BPL_BIAS_PER_LAYER)
    return;
  begin_under_nodes (c);
  for (guint n = 0; n < c->layout->n_neurons; n++)
    {
      gint b = bpl_network_get_neuron_bias (c->network, n);
      const BplBiasLayout *bl;
      const BplNeuronLayout *nl = &c->layout->neurons[n];
      double dx, dy, len, value, x1, y1, x2, y2;
      Look look;

      /* Per-neuron biases have no node to draw an edge from. */
      if (b < 0 || (guint) b >= c->layout->n_biases || c->layout->biases[b].radius <= 0
          || bpl_network_get_bias_mode (c->network) != BPL_BIAS_PER_LAYER)
        continue;
      bl = &c->layout->biases[b];
      look = look_for (c, BPL_HIT_BIAS, b, c->bias_on[b] && c->neuron_on[n]);
      /* A hidden neuron's edge is drawn once, to its ellipsis, with the
       * first it stands for. */
      if (nl->hidden && shown_end (c, n) != n)
        continue;
      if (base)
        look = c->base_look;
      else if (look != pass)
        continue;
      dx = nl->x - bl->x;
      dy = nl->y - bl->y;
      len = hypot (dx, dy);
      if (len <= nl->radius + bl->radius)
        continue;
      x1 = bl->x + dx / len * bl->radius;
      y1 = bl->y + dy / len * bl->radius;
      x2 = nl->x - dx / len * nl->radius;
      y2 = nl->y - dy / len * nl->radius;
      value = bpl_network_get_bias (c->network, b);
      if (!erase)
        stroke_edge (c, x1, y1, x2, y2, value, c->max_abs_bias, 0.8, look);
      else if (drawn_in_base (c, look) && (!isfinite (value) || value < 0))
        {
          double width = c->line_width * 0.8;

          if (c->layout->options.width_by_magnitude && isfinite (value) && c->max_abs_bias > 0)
            width *= 0.5 + 2.5 * fabs (value) / c->max_abs_bias;
          erase_edge (c, x1, y1, x2, y2, width);
        }
    }
  end_under_nodes (c);
}

static void
stroke_circle (Ctx            *c,
               double          x,
               double          y,
               double          radius,
               const BplColor *fill,
               Look            look)
{
  cairo_t *cr = c->cr;
  double lw = c->style->high_contrast ? 2.5 : 1.6;
  const BplColor *outline = &c->style->foreground;

  cairo_new_path (cr);
  if (look == LOOK_EMPHASIS)
    {
      set_color (cr, &c->style->accent, 0.3);
      cairo_arc (cr, x, y, radius + 6, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  set_color (cr, fill, 1.0);
  cairo_fill_preserve (cr);
  switch (look)
    {
    case LOOK_DIMMED:
      outline = &c->style->dim;
      break;
    case LOOK_PATH:
      /* A tint of the accent inside, so the path reads as one shape. */
      set_color (cr, &c->style->accent, 0.14);
      cairo_fill_preserve (cr);
      outline = &c->style->accent;
      lw *= 1.8;
      break;
    case LOOK_SELECTED:
      set_color (cr, &c->style->accent, 0.25);
      cairo_fill_preserve (cr);
      outline = &c->style->accent;
      lw *= 2.6;
      break;
    case LOOK_HOVER:
      outline = &c->style->hover;
      lw *= 1.8;
      break;
    case LOOK_EMPHASIS:
      set_color (cr, &c->style->accent, 0.2);
      cairo_fill_preserve (cr);
      outline = &c->style->accent;
      lw *= 2.4;
      break;
    case LOOK_NORMAL:
    default:
      break;
    }
  set_color (cr, outline, 1.0);
  cairo_set_line_width (cr, lw);
  cairo_stroke (cr);
}

static const BplColor *
text_color (const Ctx *c,
            Look       look)
{
  return look == LOOK_DIMMED ? &c->style->dim : &c->style->foreground;
}

static gboolean
forward_usable (const Ctx *c)
{
  return c->forward != NULL && c->forward->n_neurons == c->layout->n_neurons
         && c->forward->n_outputs == c->layout->n_outputs;
}

static void
draw_outputs_extras (Ctx      *c,
                     guint     n,
                     Look      look)
{
  const BplNeuronLayout *nl = &c->layout->neurons[n];
  guint first_output = c->layout->n_neurons - c->layout->n_outputs;
  guint o = n - first_output;
  int digits = c->layout->options.digits;
  g_autofree char *target_number = NULL;
  g_autofree char *error_number = NULL;
  g_autofree char *target = NULL;
  g_autofree char *error = NULL;
  const BplColor *error_color;
  gboolean error_bold = FALSE;
  PangoRectangle logical;
  double line_h;
  BplRect line;

  if (nl->extra_box.width <= 0)
    return;

  if (c->state->sample < bpl_network_get_n_samples (c->network))
    target_number = bpl_format_number_display (bpl_network_get_target (c->network, c->state->sample)[o],
                                       digits);
  else
    target_number = g_strdup ("–");
  error_number = forward_usable (c) ? bpl_format_number_display (c->forward->error[o], digits)
                                    : g_strdup ("–");
  target = bpl_diagram_target_markup (target_number);
  error = bpl_diagram_error_markup (bpl_network_get_neuron_name (c->network, n), error_number);

  pango_layout_set_font_description (c->pl, c->fonts[BPL_FONT_SMALL]);
  pango_layout_set_markup (c->pl, target, -1);
  pango_layout_get_extents (c->pl, NULL, &logical);
  line_h = (double) logical.height / PANGO_SCALE;

  error_color = text_color (c, look);
  if (look == LOOK_PATH || look == LOOK_EMPHASIS || look == LOOK_SELECTED)
    {
      /* The errors the selected parameter moves: where the chain rule ends. */
      error_color = &c->style->accent;
      error_bold = TRUE;
    }
  if (forward_usable (c) && !isfinite (c->forward->error[o]))
    error_color = &c->style->error;

  line = nl->extra_box;
  if (nl->extra_box.height >= 2 * line_h - 0.5)
    {
      line.height = line_h;
      draw_text (c, c->fonts[BPL_FONT_SMALL], target, &line, 0, text_color (c, look));
      line.y += line_h;
      line.height = nl->extra_box.height - line_h;
    }
  draw_text (c, error_bold ? c->small_bold : c->fonts[BPL_FONT_SMALL], error, &line, 0,
             error_color);
}

/* What a drawing step draws: everything in its own look (one pass), all
 * in the base look (the base), or what differs from the base (the
 * overlay). */
typedef enum {
  PART_ALL,
  PART_BASE,
  PART_CHANGED,
} Part;

/* The look @part draws a thing of look @look in; FALSE to leave it out.
 * @again: the overlay draws it over the base all the same. */
static gboolean
part_look (const Ctx *c,
           Part       part,
           Look      *look,
           gboolean   again)
{
  switch (part)
    {
    case PART_BASE:
      *look = c->base_look;
      return TRUE;
    case PART_CHANGED:
      return *look != c->base_look || again;
    case PART_ALL:
    default:
      return TRUE;
    }
}

/* A neuron's output as a shade from 0 to 1, where its number does not fit
 * (3Blue1Brown's picture of a network): the activation's own range, or for
 * an unbounded one the largest |out| in the layer. */
static double
output_shade (const Ctx *c,
              guint      n)
{
  const BplNetwork *network = c->network;
  guint layer = bpl_network_get_neuron_layer (network, n);
  double out = c->forward->out[n], top = 0;

  if (!isfinite (out))
    return 0;
  if (layer == 0)
    {
      for (guint k = 0; k < bpl_network_get_layer_size (network, 0); k++)
        top = MAX (top, fabs (c->forward->out[k]));
      return top > 0 ? CLAMP (fabs (out) / top, 0, 1) : 0;
    }
  switch (bpl_network_get_activation (network, layer))
    {
    case BPL_ACTIVATION_SIGMOID:
    case BPL_ACTIVATION_SOFTMAX:
      return CLAMP (out, 0, 1);
    case BPL_ACTIVATION_TANH:
      return CLAMP (fabs (out), 0, 1);
    default:
      {
        guint start = bpl_network_get_layer_start (network, layer);

        for (guint k = 0; k < bpl_network_get_layer_size (network, layer); k++)
          top = MAX (top, fabs (c->forward->out[start + k]));
        return top > 0 ? CLAMP (fabs (out) / top, 0, 1) : 0;
      }
    }
}

/* Neuron @n's output over the input plane inside its circle, washed with
 * the neuron's fill so that its name and value stay legible on it. */
static gboolean
draw_neuron_heat (Ctx   *c,
                  guint  n,
                  Look   look)
{
  const BplNeuronLayout *nl = &c->layout->neurons[n];
  const BplHeatmap *heatmap = c->state->heatmap;
  double lw = c->style->high_contrast ? 2.5 : 1.6;
  BplRect rect = { nl->x - nl->radius, nl->y - nl->radius, 2 * nl->radius, 2 * nl->radius };

  if (heatmap == NULL || heatmap->n_neurons != c->layout->n_neurons || nl->radius < 8)
    return FALSE;
  cairo_save (c->cr);
  cairo_new_path (c->cr);
  cairo_arc (c->cr, nl->x, nl->y, nl->radius - lw / 2, 0, 2 * G_PI);
  cairo_clip (c->cr);
  bpl_render_neuron_heatmap (c->cr, c->network, heatmap, n, &rect, c->style);
  set_color (c->cr, &c->style->neuron_fill, look == LOOK_DIMMED ? 0.7 : 0.4);
  cairo_paint (c->cr);
  cairo_restore (c->cr);
  return TRUE;
}

static void
draw_neurons (Ctx  *c,
              Part  part)
{
  guint first_output = c->layout->n_neurons - c->layout->n_outputs;

  for (guint n = 0; n < c->layout->n_neurons; n++)
    {
      const BplNeuronLayout *nl = &c->layout->neurons[n];
      Look look = look_for (c, BPL_HIT_NEURON, n, c->neuron_on[n]);

      if (nl->hidden || !part_look (c, part, &look, FALSE))
        continue;
      /* Over the base: a per-neuron bias's knob on its outline is drawn
       * again over it, and its target and error go first (the circle
       * covers the rest). */
      if (part == PART_CHANGED && bpl_network_get_bias_mode (c->network) == BPL_BIAS_PER_NEURON
          && bpl_network_get_neuron_bias (c->network, n) >= 0)
        c->bias_redrawn[bpl_network_get_neuron_bias (c->network, n)] = TRUE;
      if (part == PART_CHANGED && n >= first_output && nl->extra_box.width > 0)
        {
          set_color (c->cr, &c->style->background, 1.0);
          cairo_rectangle (c->cr, nl->extra_box.x - 2, nl->extra_box.y - 2,
                           nl->extra_box.width + 4, nl->extra_box.height + 4);
          cairo_fill (c->cr);
        }
      stroke_circle (c, nl->x, nl->y, nl->radius, &c->style->neuron_fill, look);
      /* Its picture over the input plane; else, with no room for its
       * number, the circle is filled by the number instead. */
      if (!draw_neuron_heat (c, n, look) && nl->value_box.width <= 0 && nl->name_box.width <= 0
          && forward_usable (c))
        {
          set_color (c->cr, &c->style->foreground, 0.85 * output_shade (c, n));
          cairo_new_path (c->cr);
          cairo_arc (c->cr, nl->x, nl->y, MAX (nl->radius - 2.5, 0), 0, 2 * G_PI);
          cairo_fill (c->cr);
        }

      if (nl->name_box.width > 0)
        {
          g_autofree char *name =
            bpl_format_split_name (bpl_network_get_neuron_name (c->network, n), BPL_EXPR_MARKUP);

          draw_text (c, c->neuron_name, name, &nl->name_box, 0.5, text_color (c, look));
        }
      if (nl->value_box.width > 0 && forward_usable (c))
        {
          double out = c->forward->out[n];
          g_autofree char *value = bpl_format_number_display (out, c->layout->options.digits);
          g_autofree char *markup = g_markup_escape_text (value, -1);

          draw_text (c, c->neuron_value, markup, &nl->value_box, 0.5,
                     isfinite (out) ? text_color (c, look) : &c->style->error);
        }
      if (n >= first_output)
        draw_outputs_extras (c, n, look);
    }
}

/* Whether @r lies on the canvas and clear of every circle and every piece of
 * text the diagram draws (but the label it belongs to, @own). */
static gboolean
rect_is_clear (const Ctx     *c,
               const BplRect *r,
               const BplRect *own)
{
  const BplLayout *layout = c->layout;
  const double gap = 2;

  if (r->x < 0 || r->y < 0 || r->x + r->width > layout->width || r->y + r->height > layout->height)
    return FALSE;
  for (guint n = 0; n < layout->n_neurons; n++)
    {
      const BplNeuronLayout *nl = &layout->neurons[n];
      BplRect circle = { nl->x - nl->radius, nl->y - nl->radius, 2 * nl->radius, 2 * nl->radius };

      if (bpl_rect_intersects (r, &circle, gap)
          || (nl->extra_box.width > 0 && bpl_rect_intersects (r, &nl->extra_box, gap)))
        return FALSE;
    }
  for (guint w = 0; w < layout->n_weights; w++)
    {
      const BplRect *label = &layout->weights[w].label;
      gboolean drawn = layout->weights[w].label_shown || c->weight_on[w]
                       || hit_is (c->state->selection, BPL_HIT_WEIGHT, w)
                       || hit_is (c->state->hover, BPL_HIT_WEIGHT, w);

      if (drawn && label != own && bpl_rect_intersects (r, label, gap))
        return FALSE;
    }
  for (guint b = 0; b < layout->n_biases; b++)
    {
      const BplBiasLayout *bl = &layout->biases[b];
      BplRect node = { bl->x - bl->radius, bl->y - bl->radius, 2 * bl->radius, 2 * bl->radius };

      if ((&bl->label != own && bpl_rect_intersects (r, &bl->label, gap))
          || (bl->radius > 0 && bpl_rect_intersects (r, &node, gap)))
        return FALSE;
    }
  if (layout->total_error_box.width > 0 && bpl_rect_intersects (r, &layout->total_error_box, gap))
    return FALSE;
  for (guint l = 0; l < layout->n_layers; l++)
    if (layout->layer_boxes[l].width > 0 && bpl_rect_intersects (r, &layout->layer_boxes[l], gap))
      return FALSE;
  for (guint i = 0; c->was_boxes != NULL && i < c->was_boxes->len; i++)
    if (bpl_rect_intersects (r, &g_array_index (c->was_boxes, BplRect, i), gap))
      return FALSE;
  return TRUE;
}

/* While a step is animated, the value before it: a small "was 0.25" just
 * above or below the label, only where it covers nothing else. The label
 * itself keeps its box, so the animation never overlaps its neighbours. */
static void
draw_was_note (Ctx            *c,
               const BplRect  *box,
               const char     *old_number,
               const BplColor *text_rgba)
{
  g_autofree char *text = g_strdup_printf (C_("diagram", "was %s"), old_number);
  g_autofree char *markup = g_markup_escape_text (text, -1);
  PangoRectangle logical;
  BplRect note;
  BplColor color = *text_rgba;
  double fade;

  pango_layout_set_font_description (c->pl, c->fonts[BPL_FONT_SMALL]);
  pango_layout_set_markup (c->pl, markup, -1);
  pango_layout_get_extents (c->pl, NULL, &logical);
  note.width = (double) logical.width / PANGO_SCALE + 2 * BPL_LABEL_PAD_X;
  note.height = (double) logical.height / PANGO_SCALE;
  note.x = box->x + (box->width - note.width) / 2;

  /* Above first (it reads as a note on the label), else below. */
  note.y = box->y - note.height;
  if (!rect_is_clear (c, &note, box))
    {
      note.y = box->y + box->height;
      if (!rect_is_clear (c, &note, box))
        return;
    }
  if (c->was_boxes == NULL)
    c->was_boxes = g_array_new (FALSE, FALSE, sizeof (BplRect));
  g_array_append_val (c->was_boxes, note);

  /* It fades out over the last third of the animation. */
  fade = CLAMP ((1.0 - c->state->change_progress) * 3, 0, 1);
  set_color (c->cr, &c->style->background, 0.88 * fade);
  rounded_rect (c->cr, &note, MIN (note.height / 2, 5));
  cairo_fill (c->cr);
  if (!c->style->high_contrast)
    color.a *= 0.75;
  color.a *= fade;
  {
    BplRect inner = { note.x + BPL_LABEL_PAD_X, note.y, note.width - 2 * BPL_LABEL_PAD_X,
                      note.height };
    draw_text (c, c->fonts[BPL_FONT_SMALL], markup, &inner, 0.5, &color);
  }
}

/* A label on a pill of the background colour, so edges passing under it do
 * not cut through the text. */
static void
draw_label (Ctx           *c,
            const BplRect *box,
            const char    *name,
            double         value,
            const double  *previous,
            Look           look)
{
  cairo_t *cr = c->cr;
  int digits = c->layout->options.digits;
  g_autofree char *markup = NULL;
  g_autofree char *old_number = NULL;
  BplRect pill = *box;
  BplRect text;
  const BplColor *color = text_color (c, look);
  double corner = MIN (box->height / 2, 6);

  /* While a step is animated, a changed value is drawn bold in its own box
   * (in the pill's text colour, so it reads on every pill, the selected
   * one's accent fill included) with the old value noted beside it. */
  if (previous != NULL && c->state->change_progress < 1.0)
    {
      g_autofree char *new_number = bpl_format_number_display (value, digits);

      old_number = bpl_format_number_display (*previous, digits);
      if (g_str_equal (old_number, new_number))
        g_clear_pointer (&old_number, g_free);
    }
  markup = bpl_diagram_param_label (name, value, digits, old_number != NULL);

  switch (look)
    {
    case LOOK_SELECTED:
      /* The selected parameter: the one solid label on the canvas. */
      set_color (cr, &c->style->accent, 1.0);
      rounded_rect (cr, &pill, corner);
      cairo_fill (cr);
      color = &c->style->background;
      break;
    case LOOK_PATH:
    case LOOK_EMPHASIS:
      set_color (cr, &c->style->background, 1.0);
      rounded_rect (cr, &pill, corner);
      cairo_fill_preserve (cr);
      set_color (cr, &c->style->accent, look == LOOK_EMPHASIS ? 0.35 : 0.16);
      cairo_fill_preserve (cr);
      set_color (cr, &c->style->accent, 1.0);
      cairo_set_line_width (cr, look == LOOK_EMPHASIS ? 2.0 : 1.2);
      cairo_stroke (cr);
      break;
    case LOOK_HOVER:
      set_color (cr, &c->style->background, 1.0);
      rounded_rect (cr, &pill, corner);
      cairo_fill_preserve (cr);
      set_color (cr, &c->style->hover, 1.0);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      break;
    case LOOK_DIMMED:
    case LOOK_NORMAL:
    default:
      set_color (cr, &c->style->background, 0.88);
      rounded_rect (cr, &pill, corner);
      cairo_fill (cr);
      break;
    }

  if (!isfinite (value))
    color = &c->style->error;
  text = (BplRect) { pill.x + BPL_LABEL_PAD_X, pill.y + BPL_LABEL_PAD_Y,
                     pill.width - 2 * BPL_LABEL_PAD_X, pill.height - 2 * BPL_LABEL_PAD_Y };
  draw_text (c, c->fonts[BPL_FONT_LABEL], markup, &text, 0.5, color);
  if (old_number != NULL)
    draw_was_note (c, box, old_number, text_color (c, look));
}

/* Labels are drawn in three tiers, so that each lies over what it names and
 * under what matters more: the labels off the path under the path's edges,
 * the path's labels over them, and what the reader points at over all. */
typedef enum {
  TIER_BACK,    /* normal and dimmed */
  TIER_PATH,    /* on the selection's chain-rule path */
  TIER_FRONT,   /* selected, hovered, emphasised */
  TIER_BASE,    /* the base layer: every shown label, in the base look */
} Tier;

static Tier
tier_of (Look look)
{
  switch (look)
    {
    case LOOK_NORMAL:
    case LOOK_DIMMED:
      return TIER_BACK;
    case LOOK_PATH:
      return TIER_PATH;
    case LOOK_SELECTED:
    case LOOK_HOVER:
    case LOOK_EMPHASIS:
    default:
      return TIER_FRONT;
    }
}

static void
draw_labels (Ctx  *c,
             Tier  tier)
{
  const double *weights = bpl_network_get_weights (c->network);
  const double *biases = bpl_network_get_biases (c->network);
  const double *previous_weights = c->state->previous_weights;
  const double *previous_biases = c->state->previous_biases;

  for (guint w = 0; w < c->layout->n_weights; w++)
    {
      const BplWeightLayout *wl = &c->layout->weights[w];
      Look look = c->weight_looks[w];

      if (tier == TIER_BASE)
        look = c->base_look;
      /* Hidden labels give way, except for what the reader is pointing at. */
      else if (tier_of (look) != tier)
        continue;
      if (!wl->label_shown && tier != TIER_FRONT)
        continue;
      draw_label (c, &wl->label, bpl_network_get_weight_name (c->network, w), weights[w],
                  previous_weights != NULL ? &previous_weights[w] : NULL, look);
    }
  for (guint b = 0; b < c->layout->n_biases; b++)
    {
      const BplBiasLayout *bl = &c->layout->biases[b];
      Look look = look_for (c, BPL_HIT_BIAS, b, c->bias_on[b]);

      if (tier == TIER_BASE)
        look = c->base_look;
      else if (tier_of (look) != tier)
        continue;
      if (!bl->label_shown && tier != TIER_FRONT)
        continue;
      draw_label (c, &bl->label, bpl_network_get_bias_name (c->network, b), biases[b],
                  previous_biases != NULL ? &previous_biases[b] : NULL, look);
    }
}

/* Shared bias nodes (the bias as a weight on a constant input of 1), or the
 * knobs of per-neuron biases whose labels gave way. */
static void
draw_bias_nodes (Ctx  *c,
                 Part  part)
{
  for (guint b = 0; b < c->layout->n_biases; b++)
    {
      const BplBiasLayout *bl = &c->layout->biases[b];
      Look look = look_for (c, BPL_HIT_BIAS, b, c->bias_on[b]);

      if (bl->radius <= 0 || !part_look (c, part, &look, c->bias_redrawn != NULL && c->bias_redrawn[b]))
        continue;
      stroke_circle (c, bl->x, bl->y, bl->radius, &c->style->bias_fill, look);
      if (bpl_network_get_bias_mode (c->network) == BPL_BIAS_PER_LAYER)
        {
          BplRect one = { bl->x - bl->radius, bl->y - bl->radius, 2 * bl->radius,
                          2 * bl->radius };

          draw_text (c, c->fonts[BPL_FONT_VALUE], "1", &one, 0.5, text_color (c, look));
        }
    }
}

static void
draw_captions (Ctx *c)
{
  BplColor caption = c->style->foreground;

  /* Quieter than the values: it names the columns, it is not data. */
  if (!c->style->high_contrast)
    caption.a *= 0.65;
  for (guint l = 0; l < c->layout->n_layers; l++)
    if (c->layout->layer_boxes[l].width > 0)
      {
        g_autofree char *text = bpl_diagram_layer_caption (c->network, l,
                                                           c->layout->caption_lines);
        g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
        guint n = g_strv_length (lines);
        BplRect line = c->layout->layer_boxes[l];

        /* Each line centred on the column: the name, then the activation. */
        line.height /= MAX (n, 1);
        for (guint i = 0; i < n; i++)
          {
            g_autofree char *markup = g_markup_escape_text (lines[i], -1);

            draw_text (c, c->fonts[BPL_FONT_SMALL], markup, &line, 0.5, &caption);
            line.y += line.height;
          }
      }
}

static void
draw_total_error (Ctx *c)
{
  const BplRect *box = &c->layout->total_error_box;
  g_autofree char *number = NULL;
  g_autofree char *markup = NULL;
  gboolean finite = TRUE;

  if (box->width <= 0)
    return;
  if (forward_usable (c))
    {
      number = bpl_format_number_display (c->forward->total_error, c->layout->options.digits);
      finite = isfinite (c->forward->total_error);
    }
  else
    number = g_strdup ("–");
  markup = bpl_diagram_total_markup (number, c->state->sample,
                                     bpl_network_get_n_samples (c->network));
  draw_text (c, c->fonts[BPL_FONT_TOTAL], markup, box, 1.0,
             finite ? &c->style->foreground : &c->style->error);
}

/* The strongest look among the neurons an ellipsis stands for. */
static Look
ellipsis_look (const Ctx *c,
               guint      layer)
{
  static const Look ranks[] = { LOOK_EMPHASIS, LOOK_SELECTED, LOOK_HOVER, LOOK_PATH };
  const BplEllipsisLayout *e = &c->layout->ellipses[layer];
  guint best = G_N_ELEMENTS (ranks);

  for (guint n = e->first_hidden; n < e->first_hidden + e->n_hidden; n++)
    {
      Look look = look_for (c, BPL_HIT_NEURON, n, c->neuron_on[n]);

      for (guint r = 0; r < best; r++)
        if (look == ranks[r])
          best = r;
    }
  return best < G_N_ELEMENTS (ranks) ? ranks[best] : c->base_look;
}

/* "⋮" and "776 more" between a collapsed column's first and last neurons. */
static void
draw_ellipses (Ctx  *c,
               Part  part)
{
  for (guint l = 0; l < c->layout->n_layers; l++)
    {
      const BplEllipsisLayout *e = &c->layout->ellipses[l];
      Look look;
      const BplColor *color;
      g_autofree char *text = NULL;
      g_autofree char *markup = NULL;
      double dot;
      BplRect inner;

      if (e->radius <= 0)
        continue;
      look = ellipsis_look (c, l);
      if (!part_look (c, part, &look, FALSE))
        continue;
      color = text_color (c, look);
      if (look == LOOK_PATH || look == LOOK_SELECTED || look == LOOK_EMPHASIS)
        color = &c->style->accent;
      else if (look == LOOK_HOVER)
        color = &c->style->hover;

      /* Over the base, the dots it drew go first. */
      if (part == PART_CHANGED)
        {
          set_color (c->cr, &c->style->background, 1.0);
          cairo_new_path (c->cr);
          cairo_arc (c->cr, e->x, e->y, e->radius, 0, 2 * G_PI);
          cairo_fill (c->cr);
        }
      dot = MAX (1.3, e->radius * 0.2);
      set_color (c->cr, color, 1.0);
      for (int i = -1; i <= 1; i++)
        {
          cairo_new_path (c->cr);
          cairo_arc (c->cr, e->x, e->y + i * (e->radius - dot), dot, 0, 2 * G_PI);
          cairo_fill (c->cr);
        }

      /* The count on a pill, as the labels are. */
      rounded_rect (c->cr, &e->label, MIN (e->label.height / 2, 6));
      if (look == c->base_look)
        {
          set_color (c->cr, &c->style->background, 0.88);
          cairo_fill (c->cr);
        }
      else
        {
          set_color (c->cr, &c->style->background, 1.0);
          cairo_fill_preserve (c->cr);
          set_color (c->cr, color, 1.0);
          cairo_set_line_width (c->cr, 1.2);
          cairo_stroke (c->cr);
        }
      text = bpl_diagram_more_text (e->n_hidden);
      markup = g_markup_escape_text (text, -1);
      inner = (BplRect) { e->label.x + BPL_LABEL_PAD_X, e->label.y + BPL_LABEL_PAD_Y,
                          e->label.width - 2 * BPL_LABEL_PAD_X,
                          e->label.height - 2 * BPL_LABEL_PAD_Y };
      draw_text (c, c->fonts[BPL_FONT_SMALL], markup, &inner, 0.5, color);
    }
}

/* The input image and the neurons' weight images, each framed. */
static void
draw_images (Ctx *c)
{
  const BplLayout *layout = c->layout;
  BplColor frame = c->style->foreground;

  if (layout->image_side == 0)
    return;
  frame.a *= c->style->high_contrast ? 1.0 : 0.45;
  for (guint n = 0; n <= layout->n_neurons; n++)
    {
      const BplRect *r = n < layout->n_neurons ? &layout->neuron_images[n] : &layout->input_image;

      if (r->width <= 0 || !bpl_rect_intersects (r, &c->visible, 2))
        continue;
      if (n < layout->n_neurons)
        bpl_render_weight_image (c->cr, c->network, n, layout->image_side, r, c->style);
      else if (c->state->sample < bpl_network_get_n_samples (c->network))
        bpl_render_input_image (c->cr, c->network, c->state->sample, layout->image_side, r,
                                c->style);
      set_color (c->cr, &frame, 1.0);
      cairo_set_line_width (c->cr, 1);
      cairo_rectangle (c->cr, r->x - 0.5, r->y - 0.5, r->width + 1, r->height + 1);
      cairo_stroke (c->cr);
    }
}

/* A pixel of an image outlined: the input or the weight a hit points at. */
static void
mark_pixel (Ctx            *c,
            const BplRect  *image,
            guint           pixel,
            const BplColor *color)
{
  guint side = c->layout->image_side;
  double cell = image->width / side;
  double grow = MAX (0, (5 - cell) / 2);

  if (image->width <= 0 || pixel >= side * side)
    return;
  set_color (c->cr, color, 1.0);
  cairo_set_line_width (c->cr, 2);
  cairo_rectangle (c->cr, image->x + (pixel % side) * cell - grow - 1,
                   image->y + (pixel / side) * cell - grow - 1, cell + 2 * grow + 2,
                   cell + 2 * grow + 2);
  cairo_stroke (c->cr);
}

/* Where the selected, hovered or emphasised weight or neuron is in the
 * images: the input it reads, the weight's pixel, the neuron's image. */
static void
draw_image_marks (Ctx *c)
{
  const BplLayout *layout = c->layout;
  guint n_inputs = layout->image_side * layout->image_side;
  const BplHit hits[] = { c->state->selection, c->state->hover, c->state->emphasis };
  const BplColor *colors[] = { &c->style->accent, &c->style->hover, &c->style->accent };

  if (layout->image_side == 0)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (hits); i++)
    {
      if (!hit_valid (c, hits[i]))
        continue;
      if (hits[i].kind == BPL_HIT_WEIGHT
          && bpl_network_get_weight_source (c->network, hits[i].index) < n_inputs)
        {
          guint w = hits[i].index;

          mark_pixel (c, &layout->neuron_images[bpl_network_get_weight_target (c->network, w)],
                      bpl_network_get_weight_source (c->network, w), colors[i]);
          mark_pixel (c, &layout->input_image, bpl_network_get_weight_source (c->network, w),
                      colors[i]);
        }
      else if (hits[i].kind == BPL_HIT_NEURON && hits[i].index < n_inputs)
        mark_pixel (c, &layout->input_image, hits[i].index, colors[i]);
      else if (hits[i].kind == BPL_HIT_NEURON && layout->neuron_images[hits[i].index].width > 0)
        {
          const BplRect *r = &layout->neuron_images[hits[i].index];

          set_color (c->cr, colors[i], 1.0);
          cairo_set_line_width (c->cr, 2);
          cairo_rectangle (c->cr, r->x - 2, r->y - 2, r->width + 4, r->height + 4);
          cairo_stroke (c->cr);
        }
    }
}

/* The edges that hover, selection and emphasis light up, back to front. */
static void
draw_lit_edges (Ctx *c)
{
  static const Look passes[] = { LOOK_PATH, LOOK_SELECTED, LOOK_HOVER, LOOK_EMPHASIS };

  /* Dashed edges hide their base copies first, all of them, so that no
   * hiding takes from a lit edge drawn before. */
  for (guint i = 0; i < G_N_ELEMENTS (passes); i++)
    {
      draw_bias_edges (c, passes[i], FALSE, TRUE);
      draw_weight_edges (c, passes[i], FALSE, TRUE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (passes); i++)
    {
      draw_bias_edges (c, passes[i], FALSE, FALSE);
      draw_weight_edges (c, passes[i], FALSE, FALSE);
    }
}

static void
draw_all (Ctx *c)
{
  /* Back to front: plain edges, then the path over them, then what the
   * reader points at. A large network's edges are all drawn plain first,
   * as its base layer has them. */
  if (c->layout->many_edges)
    {
      draw_bias_edges (c, c->base_look, TRUE, FALSE);
      draw_weight_edges (c, c->base_look, TRUE, FALSE);
    }
  else
    {
      draw_bias_edges (c, LOOK_NORMAL, FALSE, FALSE);
      draw_bias_edges (c, LOOK_DIMMED, FALSE, FALSE);
      draw_weight_edges (c, LOOK_NORMAL, FALSE, FALSE);
      draw_weight_edges (c, LOOK_DIMMED, FALSE, FALSE);
    }
  draw_labels (c, TIER_BACK);
  draw_images (c);
  draw_lit_edges (c);

  draw_labels (c, TIER_PATH);
  draw_neurons (c, PART_ALL);
  draw_ellipses (c, PART_ALL);
  draw_bias_nodes (c, PART_ALL);
  draw_image_marks (c);
  draw_labels (c, TIER_FRONT);
  draw_total_error (c);
  draw_captions (c);
}

static void
draw_base (Ctx *c)
{
  draw_bias_edges (c, c->base_look, TRUE, FALSE);
  draw_weight_edges (c, c->base_look, TRUE, FALSE);
  if (!c->animating)
    draw_labels (c, TIER_BASE);
  draw_images (c);
  draw_neurons (c, PART_BASE);
  draw_ellipses (c, PART_BASE);
  draw_bias_nodes (c, PART_BASE);
  draw_total_error (c);
  draw_captions (c);
}

static void
draw_overlay (Ctx *c)
{
  c->bias_redrawn = g_new0 (gboolean, MAX (c->layout->n_biases, 1));
  if (c->animating)
    draw_labels (c, TIER_BACK);
  draw_lit_edges (c);
  draw_labels (c, TIER_PATH);
  draw_neurons (c, PART_CHANGED);
  draw_ellipses (c, PART_CHANGED);
  draw_bias_nodes (c, PART_CHANGED);
  draw_image_marks (c);
  draw_labels (c, TIER_FRONT);
}

static gboolean
state_animating (const BplRenderState *state)
{
  return (state->previous_weights != NULL || state->previous_biases != NULL)
         && state->change_progress < 1.0;
}

guint
bpl_render_base_key (const BplLayout      *layout,
                     const BplRenderState *state)
{
  Ctx c = { 0 };

  g_return_val_if_fail (layout != NULL, 0);
  g_return_val_if_fail (state != NULL, 0);

  c.layout = layout;
  return (hit_valid (&c, state->selection) ? 1 : 0) | (state_animating (state) ? 2 : 0)
         | (state->sample << 2);
}

void
bpl_render (cairo_t              *cr,
            const BplNetwork     *network,
            const BplForward     *forward,
            const BplLayout      *layout,
            const BplStyle       *style,
            const BplRenderState *state)
{
  bpl_render_layer (cr, network, forward, layout, style, state, BPL_RENDER_ALL);
}

void
bpl_render_layer (cairo_t              *cr,
                  const BplNetwork     *network,
                  const BplForward     *forward,
                  const BplLayout      *layout,
                  const BplStyle       *style,
                  const BplRenderState *state,
                  BplRenderLayer        layer)
{
  BplRenderState default_state;
  Ctx c = { 0 };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (network != NULL);
  g_return_if_fail (layout != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (bpl_network_get_n_neurons (network) == layout->n_neurons
                    && bpl_network_get_n_weights (network) == layout->n_weights
                    && bpl_network_get_n_biases (network) == layout->n_biases);

  if (state == NULL)
    {
      bpl_render_state_init (&default_state);
      state = &default_state;
    }

  c.cr = cr;
  c.network = network;
  c.forward = forward;
  c.layout = layout;
  c.style = style;
  c.state = state;
  c.layer = layer;
  c.animating = state_animating (state);
  c.raster = layout->many_edges && bpl_raster_suits (cr);

  for (guint w = 0; w < layout->n_weights; w++)
    if (isfinite (bpl_network_get_weight (network, w)))
      c.max_abs_weight = MAX (c.max_abs_weight, fabs (bpl_network_get_weight (network, w)));
  for (guint b = 0; b < layout->n_biases; b++)
    if (isfinite (bpl_network_get_bias (network, b)))
      c.max_abs_bias = MAX (c.max_abs_bias, fabs (bpl_network_get_bias (network, b)));

  /* Lines thicken a little with the text, and more in high contrast. */
  c.line_width = (style->high_contrast ? 2.2 : 1.5)
                 * CLAMP (bpl_diagram_font_size (layout, BPL_FONT_VALUE) / 15.0, 0.8, 1.4);
  if (layout->many_edges)
    c.line_width = style->high_contrast ? 1.2 : 0.8;

  cairo_save (cr);
  {
    double x1, y1, x2, y2;

    cairo_clip_extents (cr, &x1, &y1, &x2, &y2);
    c.visible = (BplRect) { x1, y1, x2 - x1, y2 - y1 };
  }

  /* The font map is shared: see bpl-diagram-text.c. */
  bpl_diagram_text_lock ();
  c.pango = bpl_diagram_context_new (cr);
  c.pl = pango_layout_new (c.pango);
  for (guint f = 0; f < BPL_N_FONTS; f++)
    {
      c.font_sizes[f] = bpl_diagram_font_size (layout, f);
      c.fonts[f] = bpl_diagram_font_new (f, c.font_sizes[f]);
    }
  c.small_bold = pango_font_description_copy (c.fonts[BPL_FONT_SMALL]);
  pango_font_description_set_weight (c.small_bold, PANGO_WEIGHT_BOLD);
  c.neuron_name = bpl_diagram_font_new (BPL_FONT_NAME, c.font_sizes[BPL_FONT_NAME]
                                                       * layout->neuron_text_scale);
  c.neuron_value = bpl_diagram_font_new (BPL_FONT_VALUE, c.font_sizes[BPL_FONT_VALUE]
                                                         * layout->neuron_text_scale);
  compute_selection (&c);
  c.base_look = c.has_selection ? LOOK_DIMMED : LOOK_NORMAL;
  c.weight_looks = g_new (guint8, MAX (layout->n_weights, 1));
  for (guint w = 0; w < layout->n_weights; w++)
    c.weight_looks[w] = c.has_selection ? (c.weight_on[w] ? LOOK_PATH : LOOK_DIMMED) : LOOK_NORMAL;
  {
    const BplHit lit[] = { state->hover, state->selection, state->emphasis };
    const Look looks[] = { LOOK_HOVER, LOOK_SELECTED, LOOK_EMPHASIS };

    /* As look_for () has them: emphasis over selection over hover. */
    for (guint i = 0; i < G_N_ELEMENTS (lit); i++)
      if (lit[i].kind == BPL_HIT_WEIGHT && lit[i].index < layout->n_weights)
        c.weight_looks[lit[i].index] = looks[i];
  }

  if (layer != BPL_RENDER_OVERLAY)
    {
      set_color (cr, &style->background, 1.0);
      cairo_paint (cr);
    }
  switch (layer)
    {
    case BPL_RENDER_BASE:
      draw_base (&c);
      break;
    case BPL_RENDER_OVERLAY:
      draw_overlay (&c);
      break;
    case BPL_RENDER_ALL:
    default:
      draw_all (&c);
      break;
    }

  for (guint f = 0; f < BPL_N_FONTS; f++)
    pango_font_description_free (c.fonts[f]);
  pango_font_description_free (c.small_bold);
  pango_font_description_free (c.neuron_name);
  pango_font_description_free (c.neuron_value);
  g_object_unref (c.pl);
  g_object_unref (c.pango);
  bpl_diagram_text_unlock ();
  g_free (c.neuron_on);
  g_free (c.weight_on);
  g_free (c.bias_on);
  g_free (c.bias_redrawn);
  g_free (c.weight_looks);
  for (guint i = 0; i < G_N_ELEMENTS (c.lit); i++)
    if (c.lit[i] != NULL)
      g_array_unref (c.lit[i]);
  if (c.was_boxes != NULL)
    g_array_unref (c.was_boxes);

  cairo_restore (cr);
}

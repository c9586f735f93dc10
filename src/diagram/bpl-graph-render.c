/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-graph-render.c: draws a laid-out computational graph into any
 * cairo_t, as bpl-render.c draws the network: the window and every export
 * go through here. */
#include "config.h"

#include "bpl-graph-view.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "bpl-diagram-text-private.h"
#include "bpl-export-private.h"
#include "bpl-graph-view-private.h"
#include "bpl-layout-private.h"

typedef enum {
  LOOK_NORMAL,
  LOOK_PATH,       /* on the selected parameter's paths */
  LOOK_HOVER,
  LOOK_SELECTED,
  LOOK_CURRENT,    /* the walk's node now */
} Look;

/* What the walk's current step moves along an edge. */
typedef enum {
  FLOW_NONE,
  FLOW_OUT,        /* backward: what an input gets; forward: an input's value */
  FLOW_ARRIVING,   /* backward: a user's gradient arriving */
} Flow;

typedef struct {
  cairo_t                   *cr;
  const BplGraph            *graph;
  const BplGraphLayout      *layout;
  const BplStyle            *style;
  const BplGraphRenderState *state;
  const BplGraphStep        *step;      /* the walk's current step, or NULL */
  PangoContext              *pango;
  PangoLayout               *pl;
  PangoFontDescription      *fonts[BPL_GRAPH_N_FONTS];
  Flow                      *flow;      /* per edge */
  double                    *flow_value;
  BplRect                    visible;
  double                     line_width;
} Ctx;

void
bpl_graph_render_state_init (BplGraphRenderState *state)
{
  g_return_if_fail (state != NULL);

  state->selection = -1;
  state->hover = -1;
  state->walk = NULL;
  state->position = -1;
}

static void
set_color (cairo_t *cr, const BplColor *color, double alpha)
{
  cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a * alpha);
}

static void
rounded_rect (cairo_t *cr, const BplRect *r, double radius)
{
  radius = MIN (radius, MIN (r->width, r->height) / 2);
  cairo_new_path (cr);
  cairo_arc (cr, r->x + r->width - radius, r->y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, r->x + r->width - radius, r->y + r->height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, r->x + radius, r->y + r->height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, r->x + radius, r->y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* @layout in @box, aligned by @align (0 left, 0.5 centre, 1 right) and
 * centred vertically, in @color; shrunk to fit if wider (an exponent, NaN). */
static void
show_layout (Ctx *c, PangoLayout *layout, const BplRect *box, double align, const BplColor *color)
{
  double margin = box->height + 8;
  BplRect reach = { box->x - margin, box->y - margin, box->width + 2 * margin, box->height + 2 * margin };

  /* Out of sight (a band of a PNG export): skipped. */
  if (!bpl_rect_intersects (&reach, &c->visible, 0))
    return;

  bpl_diagram_show_in_box (c->cr, layout, box, align, color);
}

/* @a with @amount of @b over it: one fill where a tint would take two. */
static BplColor
mix (const BplColor *a, const BplColor *b, double amount)
{
  return (BplColor) { a->r + (b->r - a->r) * amount, a->g + (b->g - a->g) * amount,
                      a->b + (b->b - a->b) * amount, a->a };
}

static const BplColor *
quiet_color (const Ctx *c)
{
  return c->style->high_contrast ? &c->style->foreground : &c->style->dim;
}

/* The edges, flows and looks of the walk's current step. */
static void
compute_walk (Ctx *c)
{
  const BplGraphRenderState *state = c->state;
  const BplGraphWalk *walk = state->walk;

  c->flow = g_new0 (Flow, MAX (c->graph->n_edges, 1));
  c->flow_value = g_new0 (double, MAX (c->graph->n_edges, 1));
  if (walk == NULL || state->position < 0 || (guint) state->position >= walk->n_steps
      || walk->n_nodes != c->graph->n_nodes)
    return;

  c->step = &walk->steps[state->position];
  for (guint i = 0; i < c->step->n_outgoing; i++)
    {
      const BplGraphFlow *f = &c->step->outgoing[i];

      c->flow[f->edge] = FLOW_OUT;
      c->flow_value[f->edge] = walk->direction == BPL_GRAPH_BACKWARD ? f->gradient : f->value;
    }
  for (guint i = 0; i < c->step->n_arrivals; i++)
    {
      const BplGraphFlow *f = &c->step->arrivals[i];

      c->flow[f->edge] = FLOW_ARRIVING;
      c->flow_value[f->edge] = f->gradient;
    }
}

static Look
node_look (const Ctx *c, guint n)
{
  if (c->step != NULL && c->step->node == n)
    return LOOK_CURRENT;
  if (c->state->selection == (gint) n)
    return LOOK_SELECTED;
  if (c->state->hover == (gint) n)
    return LOOK_HOVER;
  if (c->graph->focus == BPL_GRAPH_PARAM && c->graph->nodes[n].on_path)
    return LOOK_PATH;
  return LOOK_NORMAL;
}

static void
edge_path (cairo_t *cr, const BplGraphEdgeLayout *el)
{
  cairo_new_path (cr);
  cairo_move_to (cr, el->points[0], el->points[1]);
  for (guint i = 0; i + 1 < el->n_points; i++)
    {
      const double *a = &el->points[2 * i], *b = &el->points[2 * i + 2];

      if (i % 2 == 1)
        cairo_line_to (cr, b[0], b[1]);
      else
        {
          double mx = (a[0] + b[0]) / 2;

          cairo_curve_to (cr, mx, a[1], mx, b[1], b[0], b[1]);
        }
    }
}

/* A small arrowhead at (x, y) pointing right (@dir 1) or left (−1). */
static void
arrowhead (cairo_t *cr, double x, double y, double dir, double size)
{
  cairo_new_path (cr);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - dir * size * 1.6, y - size);
  cairo_line_to (cr, x - dir * size * 1.6, y + size);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static gboolean
edge_visible (const Ctx *c, const BplGraphEdgeLayout *el, double reach)
{
  double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;
  BplRect box;

  for (guint i = 0; i < el->n_points; i++)
    {
      x1 = MIN (x1, el->points[2 * i]);
      x2 = MAX (x2, el->points[2 * i]);
      y1 = MIN (y1, el->points[2 * i + 1]);
      y2 = MAX (y2, el->points[2 * i + 1]);
    }
  box = (BplRect) { x1 - reach, y1 - reach, x2 - x1 + 2 * reach, y2 - y1 + 2 * reach };
  return bpl_rect_intersects (&box, &c->visible, 0);
}

static void
draw_edge (Ctx *c, guint e, gboolean strong)
{
  const BplGraphEdgeLayout *el = &c->layout->edges[e];
  const BplGraphEdge *edge = &c->graph->edges[e];
  cairo_t *cr = c->cr;
  Flow flow = c->flow[e];
  const BplColor *color = quiet_color (c);
  double lw = c->line_width, alpha = c->style->high_contrast ? 1.0 : 0.75;
  gboolean backward = c->state->walk != NULL && c->state->walk->direction == BPL_GRAPH_BACKWARD;
  Look from = node_look (c, edge->from), to = node_look (c, edge->to);

  if ((flow != FLOW_NONE) != strong || !edge_visible (c, el, 12))
    return;

  if (flow == FLOW_OUT)
    {
      color = &c->style->accent;
      lw = MAX (lw * 2.4, 3.0);
      alpha = 1.0;
    }
  else if (flow == FLOW_ARRIVING)
    {
      /* What arrives in the foreground colour, what goes out in the accent:
       * apart in every palette. */
      color = &c->style->foreground;
      lw = MAX (lw * 1.6, 2.0);
      alpha = 1.0;
    }
  else if ((from == LOOK_PATH || from == LOOK_SELECTED) && (to == LOOK_PATH || to == LOOK_CURRENT))
    {
      /* The chain from the selected parameter to E_total. */
      color = &c->style->accent;
      lw *= 1.6;
      alpha = 1.0;
    }
  else if (from == LOOK_SELECTED || to == LOOK_SELECTED || from == LOOK_HOVER || to == LOOK_HOVER)
    {
      color = from == LOOK_HOVER || to == LOOK_HOVER ? &c->style->hover : &c->style->accent;
      lw *= 1.6;
      alpha = 1.0;
    }

  cairo_save (cr);
  set_color (cr, color, alpha);
  cairo_set_line_width (cr, lw);
  /* An edge to or from a group (its box is dashed) stays in the
   * background. Not dashed itself: Cairo strokes a dashed curve piece by
   * piece, a third of a frame for a handful of edges. */
  if (flow == FLOW_NONE && (c->graph->nodes[edge->from].op == BPL_GRAPH_OP_GROUP
                            || c->graph->nodes[edge->to].op == BPL_GRAPH_OP_GROUP))
    alpha *= 0.6;
  edge_path (cr, el);
  cairo_stroke (cr);
  /* Values flow forward into the target; in the backward pass, the
   * gradient the step moves flows back to the input. */
  if (flow != FLOW_NONE && backward)
    arrowhead (cr, flow == FLOW_OUT ? el->points[0] : el->points[2 * el->n_points - 2],
               flow == FLOW_OUT ? el->points[1] : el->points[2 * el->n_points - 1], -1,
               MAX (lw * 1.4, 4));
  else
    arrowhead (cr, el->points[2 * el->n_points - 2], el->points[2 * el->n_points - 1], 1,
               MAX (lw * 1.4, 3.5));
  cairo_restore (cr);
}

/* The number a flowing edge carries, on a pill of the background colour. */
static void
draw_flow_label (Ctx *c, guint e)
{
  const BplGraphEdgeLayout *el = &c->layout->edges[e];
  g_autofree char *number = bpl_format_number_display (c->flow_value[e], c->layout->options.digits);
  g_autofree char *markup = g_markup_escape_text (number, -1);
  const BplColor *border = c->flow[e] == FLOW_OUT ? &c->style->accent : &c->style->foreground;
  double x = c->flow[e] == FLOW_OUT ? el->tail_x : el->head_x;
  double y = c->flow[e] == FLOW_OUT ? el->tail_y : el->head_y;
  double w, h;
  BplRect pill, text;

  bpl_diagram_measure (c->pl, c->fonts[BPL_GRAPH_FONT_TEXT], markup, &w, &h);
  pill = (BplRect) { x - w / 2 - BPL_LABEL_PAD_X, y - h / 2 - BPL_LABEL_PAD_Y,
                     w + 2 * BPL_LABEL_PAD_X, h + 2 * BPL_LABEL_PAD_Y };
  set_color (c->cr, &c->style->background, 1.0);
  rounded_rect (c->cr, &pill, MIN (pill.height / 2, 6));
  cairo_fill_preserve (c->cr);
  set_color (c->cr, border, 1.0);
  cairo_set_line_width (c->cr, 1.5);
  cairo_stroke (c->cr);
  text = (BplRect) { pill.x + BPL_LABEL_PAD_X, pill.y + BPL_LABEL_PAD_Y, w, h };
  pango_layout_set_font_description (c->pl, c->fonts[BPL_GRAPH_FONT_TEXT]);
  pango_layout_set_markup (c->pl, markup, -1);
  show_layout (c, c->pl, &text, 0.5, isfinite (c->flow_value[e]) ? &c->style->foreground : &c->style->error);
}

/* "value 0.5969": the word quiet on the left, the number on the right, or
 * "–" while a walk has not reached it; not finite, in the error colour. */
static void
draw_number_line (Ctx *c, const BplRect *box, PangoLayout *word, PangoLayout *number, double value,
                  gboolean known)
{
  show_layout (c, word, box, 0.0, quiet_color (c));
  show_layout (c, known ? number : c->layout->text->unknown, box, 1.0,
               !known || isfinite (value) ? &c->style->foreground : &c->style->error);
}

/* A node's words and numbers, as the layout shaped them. */
static void
draw_node_text (Ctx *c, guint n)
{
  const BplGraphNode *node = &c->graph->nodes[n];
  const BplGraphNodeLayout *nl = &c->layout->nodes[n];
  const BplGraphText *text = c->layout->text;
  const BplGraphWalk *walk = c->state->walk;
  gboolean forward = walk != NULL && walk->direction == BPL_GRAPH_FORWARD;

  if (node->op == BPL_GRAPH_OP_GROUP)
    {
      show_layout (c, text->name[n], &nl->title_box, 0.5, &c->style->foreground);
      show_layout (c, text->summary[n], &nl->value_box, 0.5, quiet_color (c));
      return;
    }
  /* "σ  out_h2": the operation quiet on the left, the name on the right. */
  if (text->symbol[node->op] != NULL)
    {
      show_layout (c, text->symbol[node->op], &nl->title_box, 0.0, quiet_color (c));
      show_layout (c, text->name[n], &nl->title_box, 1.0, &c->style->foreground);
    }
  else
    show_layout (c, text->name[n], &nl->title_box, 0.5, &c->style->foreground);
  draw_number_line (c, &nl->value_box, text->value_word, text->value[n], node->value,
                    !forward || bpl_graph_walk_known (walk, c->state->position, n));
  draw_number_line (c, &nl->gradient_box, text->gradient_word, text->gradient[n], node->gradient,
                    walk == NULL || (!forward && bpl_graph_walk_known (walk, c->state->position, n)));
}

static void
draw_node (Ctx *c, guint n)
{
  const BplGraphNode *node = &c->graph->nodes[n];
  const BplGraphNodeLayout *nl = &c->layout->nodes[n];
  cairo_t *cr = c->cr;
  Look look = node_look (c, n);
  gboolean group = node->op == BPL_GRAPH_OP_GROUP;
  gboolean leaf = bpl_graph_node_is_leaf (node);
  double lw = c->style->high_contrast ? 2.4 : 1.4;
  const BplColor *outline = &c->style->foreground;
  const BplColor *base = group ? &c->style->background : leaf ? &c->style->bias_fill
                                                             : &c->style->neuron_fill;
  BplColor fill = *base;
  BplRect reach = { nl->box.x - 12, nl->box.y - 12, nl->box.width + 24, nl->box.height + 24 };
  double corner = 7.0 * c->layout->options.font_scale;

  if (!bpl_rect_intersects (&reach, &c->visible, 0))
    return;

  switch (look)
    {
    case LOOK_CURRENT:
      {
        /* A soft glow: the node the walk is at. */
        BplRect glow = { nl->box.x - 6, nl->box.y - 6, nl->box.width + 12, nl->box.height + 12 };

        set_color (cr, &c->style->accent, 0.3);
        rounded_rect (cr, &glow, corner + 6);
        cairo_fill (cr);
        fill = mix (base, &c->style->accent, 0.22);
        outline = &c->style->accent;
        lw *= 2.4;
      }
      break;
    case LOOK_SELECTED:
      fill = mix (base, &c->style->accent, 0.25);
      outline = &c->style->accent;
      lw *= 2.4;
      break;
    case LOOK_HOVER:
      {
        /* The pointer's node, or the one a hovered derivation factor
         * names: a ring around it, so it stands out of the path too. */
        BplRect ring = { nl->box.x - 4, nl->box.y - 4, nl->box.width + 8, nl->box.height + 8 };

        set_color (cr, &c->style->hover, 1.0);
        rounded_rect (cr, &ring, corner + 4);
        cairo_set_line_width (cr, 3.0);
        cairo_stroke (cr);
        fill = mix (base, &c->style->accent, 0.18);
        outline = &c->style->accent;
        lw *= 1.8;
      }
      break;
    case LOOK_PATH:
      fill = mix (base, &c->style->accent, 0.10);
      outline = &c->style->accent;
      lw *= 1.5;
      break;
    case LOOK_NORMAL:
    default:
      break;
    }
  if (n == c->graph->root && look == LOOK_NORMAL)
    lw *= 1.8;
  if (group)
    {
      double dashes[] = { 5, 3 };

      rounded_rect (cr, &nl->box, corner);
      set_color (cr, &fill, 1.0);
      cairo_fill_preserve (cr);
      set_color (cr, outline, 1.0);
      cairo_set_line_width (cr, lw);
      if (group)
        cairo_set_dash (cr, dashes, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  else
    {
      /* The outline as the rim of a filled box under a filled box: two
       * fills cost half of a fill and a stroke. */
      BplRect outer = { nl->box.x - lw / 2, nl->box.y - lw / 2, nl->box.width + lw, nl->box.height + lw };
      BplRect inner = { nl->box.x + lw / 2, nl->box.y + lw / 2, nl->box.width - lw, nl->box.height - lw };

      rounded_rect (cr, &outer, corner + lw / 2);
      set_color (cr, outline, 1.0);
      cairo_fill (cr);
      rounded_rect (cr, &inner, MAX (corner - lw / 2, 0));
      set_color (cr, &fill, 1.0);
      cairo_fill (cr);
    }

  draw_node_text (c, n);
}

void
bpl_graph_render (cairo_t                   *cr,
                  const BplGraph            *graph,
                  const BplGraphLayout      *layout,
                  const BplStyle            *style,
                  const BplGraphRenderState *state)
{
  BplGraphRenderState default_state;
  Ctx c = { 0 };

  g_return_if_fail (cr != NULL);
  g_return_if_fail (graph != NULL);
  g_return_if_fail (layout != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (graph->n_nodes == layout->n_nodes && graph->n_edges == layout->n_edges);

  if (state == NULL)
    {
      bpl_graph_render_state_init (&default_state);
      state = &default_state;
    }
  c.cr = cr;
  c.graph = graph;
  c.layout = layout;
  c.style = style;
  c.state = state;
  c.line_width = (style->high_contrast ? 2.0 : 1.3) * CLAMP (layout->options.font_scale, 0.8, 1.6);

  cairo_save (cr);
  {
    double x1, y1, x2, y2;

    cairo_clip_extents (cr, &x1, &y1, &x2, &y2);
    c.visible = (BplRect) { x1, y1, x2 - x1, y2 - y1 };
  }

  /* The font map is shared with measuring: see bpl-diagram-text.c. */
  bpl_diagram_text_lock ();
  c.pango = bpl_diagram_context_new (cr);
  c.pl = pango_layout_new (c.pango);
  for (guint f = 0; f < BPL_GRAPH_N_FONTS; f++)
    c.fonts[f] = _bpl_graph_font_new (&layout->options, f);
  compute_walk (&c);

  set_color (cr, &style->background, 1.0);
  cairo_paint (cr);

  /* Plain edges, the nodes over them, then what the walk moves on top. */
  for (guint e = 0; e < graph->n_edges; e++)
    draw_edge (&c, e, FALSE);
  for (guint n = 0; n < graph->n_nodes; n++)
    draw_node (&c, n);
  for (guint e = 0; e < graph->n_edges; e++)
    draw_edge (&c, e, TRUE);
  for (guint e = 0; e < graph->n_edges; e++)
    if (c.flow[e] != FLOW_NONE)
      draw_flow_label (&c, e);

  for (guint f = 0; f < BPL_GRAPH_N_FONTS; f++)
    pango_font_description_free (c.fonts[f]);
  g_object_unref (c.pl);
  g_object_unref (c.pango);
  bpl_diagram_text_unlock ();
  g_free (c.flow);
  g_free (c.flow_value);
  cairo_restore (cr);
}

/* Export */

typedef struct
{
  const BplGraph            *graph;
  const BplGraphLayout      *layout;
  const BplStyle            *style;
  const BplGraphRenderState *state;
  double                     width, height;
} GraphDrawing;

void
_bpl_graph_render_fitted (cairo_t                   *cr,
                          const BplGraph            *graph,
                          const BplGraphLayout      *layout,
                          const BplStyle            *style,
                          const BplGraphRenderState *state,
                          double                     width,
                          double                     height)
{
  double scale, x, y;

  /* The canvas first, then the graph fitted into it. */
  set_color (cr, &style->background, 1.0);
  cairo_paint (cr);
  bpl_graph_layout_fit (layout, width, height, &scale, &x, &y);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, layout->width, layout->height);
  cairo_clip (cr);
  bpl_graph_render (cr, graph, layout, style, state);
  cairo_restore (cr);
}

static void
draw_graph (cairo_t *cr, gpointer user_data)
{
  const GraphDrawing *d = user_data;

  _bpl_graph_render_fitted (cr, d->graph, d->layout, d->style, d->state, d->width, d->height);
}

gboolean
bpl_graph_export (const BplGraph            *graph,
                  const BplGraphLayout      *layout,
                  const BplStyle            *style,
                  const BplGraphRenderState *state,
                  double                     width,
                  double                     height,
                  double                     scale,
                  BplExportFormat            format,
                  const char                *path,
                  GError                   **error)
{
  GraphDrawing drawing;

  g_return_val_if_fail (graph != NULL && layout != NULL && style != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (width <= 0 || height <= 0)
    {
      width = ceil (layout->width);
      height = ceil (layout->height);
    }
  drawing = (GraphDrawing) { graph, layout, style, state, width, height };
  return bpl_export_drawing (draw_graph, &drawing, width, height, scale, style->background.a >= 1.0,
                             C_("graph", "Computational graph"), format, path, error);
}

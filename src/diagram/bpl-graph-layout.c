/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-graph-layout.c: where each node of the computational graph goes:
 * columns from bpl_graph_arrange (), boxes measured in the diagram's font,
 * each node placed level with its neighbours where the order allows, and
 * edges that pass through the columns they cross in their own slots. */
#include "config.h"

#include "bpl-graph-view.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "bpl-diagram-text-private.h"
#include "bpl-graph-view-private.h"

/* The nominal canvas the diagram's font sizes are taken for: 14 px text,
 * names in 18 px bold. */
#define NOMINAL_SIDE 600.0
#define MARGIN 20.0
/* Room for an edge's number between two columns. */
#define COLUMN_GAP 92.0
#define NODE_GAP 14.0
/* An edge crossing a column keeps this much room in it. */
#define DUMMY_HEIGHT 8.0
#define SUMMARY_WIDTH 190.0

void
bpl_graph_layout_options_init (BplGraphLayoutOptions *options)
{
  g_return_if_fail (options != NULL);

  options->digits = 4;
  options->font_scale = 1.0;
}

double
_bpl_graph_font_size (const BplGraphLayoutOptions *options, BplGraphFont font)
{
  return bpl_diagram_font_size_for (NOMINAL_SIDE, NOMINAL_SIDE, options->font_scale,
                                    font == BPL_GRAPH_FONT_NAME ? BPL_FONT_NAME : BPL_FONT_VALUE);
}

PangoFontDescription *
_bpl_graph_font_new (const BplGraphLayoutOptions *options, BplGraphFont font)
{
  return bpl_diagram_font_new (font == BPL_GRAPH_FONT_NAME ? BPL_FONT_NAME : BPL_FONT_VALUE,
                               _bpl_graph_font_size (options, font));
}

const char *
_bpl_graph_value_word (void)
{
  return C_("graph", "value");
}

char *
_bpl_graph_symbol_markup (BplGraphOp op)
{
  const char *symbol = bpl_graph_op_symbol (op);
  g_autofree char *escaped = NULL;

  if (*symbol == '\0')
    return g_strdup ("");
  /* In the name's font, not bold. */
  escaped = g_markup_escape_text (symbol, -1);
  return g_strdup_printf ("<span weight=\"normal\">%s</span>", escaped);
}

const char *
_bpl_graph_gradient_word (void)
{
  /* micrograd's word for ∂E_total/∂node. */
  return C_("graph", "grad");
}

double
_bpl_graph_summary_width (const BplGraphLayoutOptions *options)
{
  return SUMMARY_WIDTH * CLAMP (options->font_scale, 0.5, 4.0);
}

/* Measured sizes of one node's lines. */
typedef struct
{
  double title_h, line_h, summary_h;
  double width;
} Measure;

static double
extents (PangoLayout *layout, double *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
  return (double) logical.width / PANGO_SCALE;
}

/* A text shaped once, measured now and drawn by every frame. */
static PangoLayout *
shape (PangoContext *context, const PangoFontDescription *font, const char *markup)
{
  PangoLayout *layout = pango_layout_new (context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static PangoLayout *
shape_number (PangoContext *context, const PangoFontDescription *font, double value, int digits)
{
  g_autofree char *number = bpl_format_number_display (value, digits);
  g_autofree char *markup = g_markup_escape_text (number, -1);

  return shape (context, font, markup);
}

/* The texts every node shares: the words, "–", each operation's symbol. */
static void
shape_shared (BplGraphText *text, PangoContext *context, PangoFontDescription **fonts)
{
  text->value_word = shape (context, fonts[BPL_GRAPH_FONT_TEXT], _bpl_graph_value_word ());
  text->gradient_word = shape (context, fonts[BPL_GRAPH_FONT_TEXT], _bpl_graph_gradient_word ());
  text->unknown = shape (context, fonts[BPL_GRAPH_FONT_TEXT], "–");
  for (guint op = 0; op < BPL_GRAPH_N_OPS; op++)
    {
      g_autofree char *symbol = _bpl_graph_symbol_markup ((BplGraphOp) op);

      if (*symbol != '\0')
        text->symbol[op] = shape (context, fonts[BPL_GRAPH_FONT_NAME], symbol);
    }
}

static Measure
shape_node (BplGraphText *text, PangoContext *context, PangoFontDescription **fonts,
            const BplGraphNode *node, guint n, const BplGraphLayoutOptions *options,
            double word_w, double template_w)
{
  g_autofree char *name = bpl_graph_format_name (node->name, BPL_EXPR_MARKUP);
  Measure m = { 0 };
  double title_w;

  text->name[n] = shape (context, fonts[BPL_GRAPH_FONT_NAME], name);
  title_w = extents (text->name[n], &m.title_h);
  if (node->op == BPL_GRAPH_OP_GROUP)
    {
      g_autofree char *summary = g_markup_escape_text (node->summary, -1);
      PangoLayout *layout = shape (context, fonts[BPL_GRAPH_FONT_TEXT], summary);

      pango_layout_set_width (layout, (int) (_bpl_graph_summary_width (options) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      text->summary[n] = layout;
      m.width = MAX (title_w, extents (layout, &m.summary_h));
    }
  else
    {
      double number_w;

      text->value[n] = shape_number (context, fonts[BPL_GRAPH_FONT_TEXT], node->value, options->digits);
      text->gradient[n] = shape_number (context, fonts[BPL_GRAPH_FONT_TEXT], node->gradient,
                                        options->digits);
      if (text->symbol[node->op] != NULL)
        {
          double h;

          title_w += BPL_GRAPH_GAP + extents (text->symbol[node->op], &h);
          m.title_h = MAX (m.title_h, h);
        }
      number_w = MAX (extents (text->value[n], &m.line_h), extents (text->gradient[n], NULL));
      number_w = MAX (number_w, template_w);
      m.width = MAX (title_w, word_w + BPL_GRAPH_GAP + number_w);
    }
  return m;
}

/* Shapes and measures every node's text, with the measuring lock held:
 * the layouts share its font map. */
static Measure *
shape_all (BplGraphLayout *self, const BplGraph *g)
{
  const BplGraphLayoutOptions *options = &self->options;
  BplGraphText *text = g_new0 (BplGraphText, 1);
  Measure *measures = g_new0 (Measure, MAX (g->n_nodes, 1));
  PangoFontDescription *fonts[BPL_GRAPH_N_FONTS];
  PangoContext *context;
  double word_w, template_w;

  for (guint f = 0; f < BPL_GRAPH_N_FONTS; f++)
    fonts[f] = _bpl_graph_font_new (options, f);
  context = pango_layout_get_context (bpl_diagram_measure_begin ());
  text->n_nodes = g->n_nodes;
  text->name = g_new0 (PangoLayout *, MAX (g->n_nodes, 1));
  text->value = g_new0 (PangoLayout *, MAX (g->n_nodes, 1));
  text->gradient = g_new0 (PangoLayout *, MAX (g->n_nodes, 1));
  text->summary = g_new0 (PangoLayout *, MAX (g->n_nodes, 1));
  shape_shared (text, context, fonts);
  word_w = MAX (extents (text->value_word, NULL), extents (text->gradient_word, NULL));
  /* Numbers as wide as any the node may show: its own, or "−0.0000". */
  {
    g_autofree char *wide = bpl_diagram_value_template (options->digits, FALSE);
    g_autoptr (PangoLayout) layout = shape (context, fonts[BPL_GRAPH_FONT_TEXT], wide);

    template_w = extents (layout, NULL);
  }
  for (guint n = 0; n < g->n_nodes; n++)
    measures[n] = shape_node (text, context, fonts, &g->nodes[n], n, options, word_w, template_w);
  bpl_diagram_measure_end ();
  for (guint f = 0; f < BPL_GRAPH_N_FONTS; f++)
    pango_font_description_free (fonts[f]);
  self->text = text;
  return measures;
}

static void
text_free (BplGraphText *text)
{
  if (text == NULL)
    return;
  /* Pango objects are used under the text lock only. */
  bpl_diagram_text_lock ();
  g_clear_object (&text->value_word);
  g_clear_object (&text->gradient_word);
  g_clear_object (&text->unknown);
  for (guint op = 0; op < BPL_GRAPH_N_OPS; op++)
    g_clear_object (&text->symbol[op]);
  for (guint n = 0; n < text->n_nodes; n++)
    {
      g_clear_object (&text->name[n]);
      g_clear_object (&text->value[n]);
      g_clear_object (&text->gradient[n]);
      g_clear_object (&text->summary[n]);
    }
  bpl_diagram_text_unlock ();
  g_free (text->name);
  g_free (text->value);
  g_free (text->gradient);
  g_free (text->summary);
  g_free (text);
}

/* A node's inputs arrive one under the other, in the order their sources
 * stand, so that they do not cross at the node. */
static double
arrival_y (const BplGraphLayout *self, const BplGraph *g, guint edge, const double *source_y)
{
  const BplGraphNode *to = &g->nodes[g->edges[edge].to];
  const BplRect *box = &self->nodes[to->id].box;
  guint rank = 0;

  if (to->n_inputs < 2)
    return box->y + box->height / 2;
  for (guint i = 0; i < to->n_inputs; i++)
    {
      guint other = to->inputs[i];

      if (source_y[other] < source_y[edge] || (source_y[other] == source_y[edge] && other < edge))
        rank++;
    }
  return box->y + box->height * (0.2 + 0.6 * rank / (to->n_inputs - 1));
}

BplGraphLayout *
bpl_graph_layout_new (const BplGraph *g, const BplGraphLayoutOptions *options)
{
  BplGraphLayout *self;
  g_autoptr (BplGraphArrangement) a = NULL;
  BplGraphLayoutOptions defaults;
  g_autofree Measure *measures = NULL;
  g_autofree double *column_x = NULL, *column_w = NULL;
  g_autofree double *source_y = NULL;
  g_autofree double *height = NULL, *center = NULL;
  guint n_items;
  double min_top = G_MAXDOUBLE, max_bottom = -G_MAXDOUBLE;

  g_return_val_if_fail (g != NULL, NULL);

  if (options == NULL)
    {
      bpl_graph_layout_options_init (&defaults);
      options = &defaults;
    }

  self = g_new0 (BplGraphLayout, 1);
  self->options = *options;
  self->options.digits = CLAMP (self->options.digits, 1, 17);
  if (!(self->options.font_scale > 0) || !isfinite (self->options.font_scale))
    self->options.font_scale = 1.0;
  options = &self->options;
  self->n_nodes = g->n_nodes;
  self->n_edges = g->n_edges;
  self->nodes = g_new0 (BplGraphNodeLayout, MAX (g->n_nodes, 1));
  self->edges = g_new0 (BplGraphEdgeLayout, MAX (g->n_edges, 1));

  a = bpl_graph_arrange (g);
  self->n_columns = a->n_columns;
  self->crossings = a->crossings;

  /* Every node's text, shaped once: measured here, drawn by each frame. */
  measures = shape_all (self, g);

  /* Columns as wide as their widest node. */
  column_x = g_new0 (double, MAX (a->n_columns, 1));
  column_w = g_new0 (double, MAX (a->n_columns, 1));
  for (guint c = 0; c < a->n_columns; c++)
    column_w[c] = 24.0 * options->font_scale;
  for (guint n = 0; n < g->n_nodes; n++)
    column_w[a->column[n]] = MAX (column_w[a->column[n]], measures[n].width + 2 * BPL_GRAPH_PAD_X);
  for (guint c = 0; c < a->n_columns; c++)
    column_x[c] = c == 0 ? MARGIN : column_x[c - 1] + column_w[c - 1] + COLUMN_GAP * options->font_scale;

  /* Heights, then where each item goes up and down. */
  n_items = g->n_nodes + a->n_dummies;
  height = g_new (double, MAX (n_items, 1));
  center = g_new (double, MAX (n_items, 1));
  for (guint n = 0; n < g->n_nodes; n++)
    {
      const Measure *m = &measures[n];

      height[n] = 2 * BPL_GRAPH_PAD_Y + m->title_h
                  + (g->nodes[n].op == BPL_GRAPH_OP_GROUP ? m->summary_h : 2 * m->line_h);
    }
  for (guint d = 0; d < a->n_dummies; d++)
    height[g->n_nodes + d] = DUMMY_HEIGHT;
  bpl_graph_arrangement_place (a, g, height, NODE_GAP, center);

  for (guint i = 0; i < n_items; i++)
    {
      min_top = MIN (min_top, center[i] - height[i] / 2);
      max_bottom = MAX (max_bottom, center[i] + height[i] / 2);
    }
  if (n_items == 0)
    min_top = max_bottom = 0;

  /* Boxes. */
  for (guint n = 0; n < g->n_nodes; n++)
    {
      BplGraphNodeLayout *nl = &self->nodes[n];
      const Measure *m = &measures[n];
      double x = column_x[a->column[n]], w = column_w[a->column[n]];
      double top = center[n] - height[n] / 2 - min_top + MARGIN;
      double inner = w - 2 * BPL_GRAPH_PAD_X;

      nl->column = a->column[n];
      nl->box = (BplRect) { x, top, w, height[n] };
      nl->title_box = (BplRect) { x + BPL_GRAPH_PAD_X, top + BPL_GRAPH_PAD_Y, inner, m->title_h };
      if (g->nodes[n].op == BPL_GRAPH_OP_GROUP)
        nl->value_box = (BplRect) { x + BPL_GRAPH_PAD_X, top + BPL_GRAPH_PAD_Y + m->title_h, inner,
                                    m->summary_h };
      else
        {
          nl->value_box = (BplRect) { x + BPL_GRAPH_PAD_X, top + BPL_GRAPH_PAD_Y + m->title_h, inner,
                                      m->line_h };
          nl->gradient_box = (BplRect) { x + BPL_GRAPH_PAD_X, nl->value_box.y + m->line_h, inner,
                                         m->line_h };
        }
    }

  /* Edges: out of the source's right side, level through each column they
   * cross, into the target's left side. */
  source_y = g_new (double, MAX (g->n_edges, 1));
  for (guint e = 0; e < g->n_edges; e++)
    {
      guint span = a->column[g->edges[e].to] - a->column[g->edges[e].from];

      source_y[e] = span > 1 ? center[g->n_nodes + a->edge_first[e] + span - 2]
                             : center[g->edges[e].from];
    }
  for (guint e = 0; e < g->n_edges; e++)
    {
      BplGraphEdgeLayout *el = &self->edges[e];
      const BplRect *from = &self->nodes[g->edges[e].from].box;
      const BplRect *to = &self->nodes[g->edges[e].to].box;
      guint span = a->column[g->edges[e].to] - a->column[g->edges[e].from];
      guint k = 0;

      el->n_points = 2 + 2 * (span - 1);
      el->points = g_new (double, 2 * el->n_points);
      el->points[k++] = from->x + from->width;
      el->points[k++] = from->y + from->height / 2;
      for (guint d = 0; d + 1 < span; d++)
        {
          guint c = a->column[g->edges[e].from] + 1 + d;
          double y = center[g->n_nodes + a->edge_first[e] + d] - min_top + MARGIN;

          el->points[k++] = column_x[c];
          el->points[k++] = y;
          el->points[k++] = column_x[c] + column_w[c];
          el->points[k++] = y;
        }
      el->points[k++] = to->x;
      el->points[k++] = arrival_y (self, g, e, source_y);
      el->tail_x = (el->points[0] + el->points[2]) / 2;
      el->tail_y = (el->points[1] + el->points[3]) / 2;
      el->head_x = (el->points[k - 4] + el->points[k - 2]) / 2;
      el->head_y = (el->points[k - 3] + el->points[k - 1]) / 2;
    }

  self->width = (a->n_columns > 0 ? column_x[a->n_columns - 1] + column_w[a->n_columns - 1] : 0) + MARGIN;
  self->height = max_bottom - min_top + 2 * MARGIN;

  return self;
}

void
bpl_graph_layout_free (BplGraphLayout *self)
{
  if (self == NULL)
    return;
  for (guint e = 0; e < self->n_edges; e++)
    g_free (self->edges[e].points);
  text_free (self->text);
  g_free (self->edges);
  g_free (self->nodes);
  g_free (self);
}

void
bpl_graph_layout_fit (const BplGraphLayout *self, double width, double height, double *scale,
                      double *x, double *y)
{
  double s = 1.0;

  g_return_if_fail (self != NULL);

  if (self->width > 0 && self->height > 0 && width > 0 && height > 0)
    s = MIN (1.0, MIN (width / self->width, height / self->height));
  if (scale != NULL)
    *scale = s;
  if (x != NULL)
    *x = (width - self->width * s) / 2;
  if (y != NULL)
    *y = (height - self->height * s) / 2;
}

/* Hit-testing */

#define EDGE_TOLERANCE 5.0
#define BOX_TOLERANCE 2.0
#define CURVE_SAMPLES 16

static double
segment_distance (double x, double y, double x1, double y1, double x2, double y2)
{
  double dx = x2 - x1, dy = y2 - y1;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((x - x1) * dx + (y - y1) * dy) / len2 : 0;

  t = CLAMP (t, 0.0, 1.0);
  return hypot (x - (x1 + t * dx), y - (y1 + t * dy));
}

/* The curve from (x0, y0) to (x1, y1) that leaves and arrives level, as
 * the render draws it: a cubic with its control points halfway across. */
static void
curve_point (double x0, double y0, double x1, double y1, double t, double *x, double *y)
{
  double mx = (x0 + x1) / 2;
  double u = 1 - t;

  *x = u * u * u * x0 + 3 * u * u * t * mx + 3 * u * t * t * mx + t * t * t * x1;
  *y = u * u * u * y0 + 3 * u * u * t * y0 + 3 * u * t * t * y1 + t * t * t * y1;
}

static double
edge_distance (const BplGraphEdgeLayout *el, double x, double y)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i + 1 < el->n_points; i++)
    {
      const double *a = &el->points[2 * i], *b = &el->points[2 * i + 2];

      /* Between columns a curve; through a column a straight line. */
      if (i % 2 == 1)
        best = MIN (best, segment_distance (x, y, a[0], a[1], b[0], b[1]));
      else
        {
          double px = a[0], py = a[1];

          for (guint s = 1; s <= CURVE_SAMPLES; s++)
            {
              double qx, qy;

              curve_point (a[0], a[1], b[0], b[1], (double) s / CURVE_SAMPLES, &qx, &qy);
              best = MIN (best, segment_distance (x, y, px, py, qx, qy));
              px = qx;
              py = qy;
            }
        }
    }
  return best;
}

BplGraphHit
bpl_graph_layout_hit_test (const BplGraphLayout *self, double x, double y)
{
  BplGraphHit hit = { BPL_GRAPH_HIT_NONE, 0 };
  double best = EDGE_TOLERANCE;

  g_return_val_if_fail (self != NULL, hit);

  if (!isfinite (x) || !isfinite (y))
    return hit;

  for (guint n = 0; n < self->n_nodes; n++)
    {
      const BplRect *b = &self->nodes[n].box;

      if (x >= b->x - BOX_TOLERANCE && x <= b->x + b->width + BOX_TOLERANCE
          && y >= b->y - BOX_TOLERANCE && y <= b->y + b->height + BOX_TOLERANCE)
        return (BplGraphHit) { BPL_GRAPH_HIT_NODE, n };
    }
  for (guint e = 0; e < self->n_edges; e++)
    {
      double d = edge_distance (&self->edges[e], x, y);

      if (d <= best)
        {
          best = d;
          hit = (BplGraphHit) { BPL_GRAPH_HIT_EDGE, e };
        }
    }
  return hit;
}

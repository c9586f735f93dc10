/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-graph-view.h: the computational graph drawn: a layout in columns from
 * left to right, one render function for the window and every export, and
 * hit-testing as a pure function of the layout. The drawing follows the
 * network diagram's conventions: its fonts, its palettes (BplStyle: light,
 * dark, high contrast, or the window's theme), names with subscripts. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "bpl-graph.h"
#include "bpl-layout.h"
#include "bpl-render.h"

G_BEGIN_DECLS

typedef struct {
  int    digits;       /* significant digits of values and gradients (default 4) */
  double font_scale;   /* 1.0; larger for presentation */
} BplGraphLayoutOptions;

void bpl_graph_layout_options_init (BplGraphLayoutOptions *options);

typedef struct {
  BplRect box;            /* the node's rounded rectangle */
  BplRect title_box;      /* the operation's symbol and the node's name */
  BplRect value_box;      /* "value 0.5933"; a group: its summary, over both lines */
  BplRect gradient_box;   /* "grad 0.009954" */
  guint   column;
} BplGraphNodeLayout;

typedef struct {
  guint   n_points;       /* at least 2 */
  double *points;         /* x, y pairs: out of the source's right side,
                           * through each column it crosses, into the
                           * target's left side; joined by curves that
                           * leave and arrive level */
  double  tail_x, tail_y; /* the middle of its first stretch: where the
                           * gradient an input gets is labelled */
  double  head_x, head_y; /* the middle of its last stretch */
} BplGraphEdgeLayout;

typedef struct _BplGraphText BplGraphText;

typedef struct {
  double                 width, height;
  BplGraphLayoutOptions  options;
  guint                  n_nodes, n_edges, n_columns;
  BplGraphNodeLayout    *nodes;
  BplGraphEdgeLayout    *edges;
  guint64                crossings;   /* edge crossings the ordering left */
  BplGraphText          *text;        /* private: the nodes' text, shaped once */
} BplGraphLayout;

/* The graph at its natural size in logical pixels: columns by depth, order
 * within columns by the barycentre heuristic (bpl_graph_arrange ()), boxes
 * measured in the diagram's font. */
BplGraphLayout *bpl_graph_layout_new  (const BplGraph              *graph,
                                       const BplGraphLayoutOptions *options);
void            bpl_graph_layout_free (BplGraphLayout *self);

/* How to show @self on a @width×@height canvas: the scale (at most 1, so
 * text is never drawn larger than measured) and the offset that centre it. */
void            bpl_graph_layout_fit  (const BplGraphLayout *self,
                                       double                width,
                                       double                height,
                                       double               *scale,
                                       double               *x,
                                       double               *y);

typedef enum {
  BPL_GRAPH_HIT_NONE,
  BPL_GRAPH_HIT_NODE,
  BPL_GRAPH_HIT_EDGE,
} BplGraphHitKind;

typedef struct {
  BplGraphHitKind kind;
  guint           index;   /* node or edge */
} BplGraphHit;

/* What is at (x, y) in the layout's coordinates: a node's box, or an edge
 * within a few pixels (the nearest), or nothing. */
BplGraphHit     bpl_graph_layout_hit_test (const BplGraphLayout *self, double x, double y);

typedef struct {
  gint                selection;  /* a node, or -1 */
  gint                hover;      /* a node, or -1 */
  const BplGraphWalk *walk;       /* NULL: every number shown */
  gint                position;   /* the walk's step now shown; -1 before the first */
} BplGraphRenderState;

void bpl_graph_render_state_init (BplGraphRenderState *state);

/* Draws the graph into @cr in the layout's coordinates, background first.
 * During a walk, the numbers not yet known are left out, the current node
 * stands out, and the edges its step moves numbers along carry them: in
 * the backward pass, the gradients that arrived from its users and what
 * each input gets; in the forward pass, the inputs' values. */
void bpl_graph_render (cairo_t                   *cr,
                       const BplGraph            *graph,
                       const BplGraphLayout      *layout,
                       const BplStyle            *style,
                       const BplGraphRenderState *state);

/* Writes the graph to a PNG (at @scale), SVG or PDF through the diagram's
 * export: @width×@height logical pixels with the graph fitted and centred,
 * or the layout's own size when they are 0. Writes atomically. */
gboolean bpl_graph_export (const BplGraph            *graph,
                           const BplGraphLayout      *layout,
                           const BplStyle            *style,
                           const BplGraphRenderState *state,
                           double                     width,
                           double                     height,
                           double                     scale,
                           BplExportFormat            format,
                           const char                *path,
                           GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplGraphLayout, bpl_graph_layout_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-graph-view.h: the computational graph of the sample shown, in the
 * window beside the network diagram: the part that matters for the
 * selection (a parameter's paths, one neuron expanded, the rest grouped),
 * the backward or forward pass played out step by step, and the sum over
 * paths against the δ recursion. It follows the session both ways: a click
 * on a node selects its parameter or neuron, the selection picks the part
 * shown, a factor hovered in the derivation panel lights its node, and
 * the pass and its step are the session's "graph-walk" and "graph-step".
 *
 * Actions (each a button, each reachable by keyboard):
 *   graph.walk ('off' | 'backward' | 'forward'), graph.play (toggle),
 *   graph.step (→), graph.back (←), graph.start (Home), graph.end (End),
 *   graph.select-at ((dd) in widget coordinates of the canvas),
 *   graph.select-node (s, a node's name such as "w3·i1"). */
#pragma once

#include <backprop-lens/backprop-lens-diagram.h>

#include "bpl-view.h"

G_BEGIN_DECLS

#define BPL_TYPE_GRAPH_VIEW (bpl_graph_view_get_type ())
G_DECLARE_FINAL_TYPE (BplGraphView, bpl_graph_view, BPL, GRAPH_VIEW, BplView)

GtkWidget            *bpl_graph_view_new             (void);

/* What is shown now (built on demand; NULL without a session). */
const BplGraph       *bpl_graph_view_get_graph       (BplGraphView *self);
const BplGraphLayout *bpl_graph_view_get_layout      (BplGraphView *self);
/* The pass played out, or NULL when every number is shown. */
const BplGraphWalk   *bpl_graph_view_get_walk        (BplGraphView *self);
/* The canvas's render state: selection, hover (or the emphasised
 * factor's node), the walk and its step. */
void                  bpl_graph_view_get_render_state (BplGraphView        *self,
                                                       BplGraphRenderState *state);
/* The node the derivation's hovered factor names, or -1. */
gint                  bpl_graph_view_get_emphasis_node (BplGraphView *self);
/* The step's explanation under the canvas, as plain text. */
char                 *bpl_graph_view_get_step_text   (BplGraphView *self);
/* The sum over paths against the δ recursion, as plain text ("" without
 * a parameter selected). */
char                 *bpl_graph_view_get_paths_text  (BplGraphView *self);

/* Where @node's box centre is on the canvas (graph.select-at's
 * coordinates); FALSE before the canvas has a size. */
gboolean              bpl_graph_view_get_node_point  (BplGraphView *self,
                                                      guint         node,
                                                      double       *x,
                                                      double       *y);

gboolean              bpl_graph_view_get_playing     (BplGraphView *self);
void                  bpl_graph_view_set_playing     (BplGraphView *self,
                                                      gboolean      playing);
/* Time between two steps of Play (default 900 ms; 0: one a frame). */
void                  bpl_graph_view_set_play_interval (BplGraphView *self,
                                                        gint64        microseconds);
/* Frames Play has drawn since it started (tests, benchmarks). */
guint                 bpl_graph_view_get_play_frames (BplGraphView *self);

void                  bpl_graph_view_set_digits      (BplGraphView *self,
                                                      int           digits);
/* Larger text for presentation mode. */
void                  bpl_graph_view_set_font_scale  (BplGraphView *self,
                                                      double        font_scale);

/* Draws what the canvas shows into @cr, @width × @height logical pixels,
 * background first: the one render function of the window and its
 * exports. */
void                  bpl_graph_view_render          (BplGraphView *self,
                                                      cairo_t      *cr,
                                                      double        width,
                                                      double        height);

/* Writes the graph shown, at the step shown, to @path: .png (at @scale),
 * .svg and .pdf as drawn; .dot (Graphviz) and .tex (TikZ) as the CLI's
 * `graph --format dot|tikz` writes them. */
gboolean              bpl_graph_view_export_to_path  (BplGraphView *self,
                                                      const char   *path,
                                                      double        scale,
                                                      GError      **error);
/* The graph as shown, at its own size, as an image at @scale (for the
 * clipboard). NULL without a graph. */
GdkTexture           *bpl_graph_view_render_texture  (BplGraphView *self,
                                                      double        scale);
/* Whether @path ends in an extension bpl_graph_view_export_to_path ()
 * writes. */
gboolean              bpl_graph_view_can_export      (const char *path);

G_END_DECLS

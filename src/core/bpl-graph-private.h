/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-graph-private.h: what the graph's files share inside the core. */
#pragma once

#include "bpl-graph.h"

G_BEGIN_DECLS

/* Fills @self's nodes and edges from the arrays (taking them) and each
 * node's inputs and outputs from the edges. */
void     _bpl_graph_take_arrays   (BplGraph *self,
                                   GArray   *nodes,
                                   GArray   *edges);

/* E_total of the full graph @self evaluated with @node's value replaced by
 * @value, everything downstream recomputed: a finite difference at the level
 * of one node, for tests. */
double   _bpl_graph_total_with    (const BplGraph *self,
                                   guint           node,
                                   double          value);

/* TRUE when @edge is a sigmoid's input and its user a cross-entropy error
 * term: together they pass back out − target, which stays finite where the
 * two local gradients are 0 and ∞. */
gboolean _bpl_graph_sigmoid_feeds_cross_entropy (const BplGraph *self,
                                                 guint           sigmoid);

/* The product one step passes back along @edge: local × upstream, or the
 * fused form above when that is not finite. Sets *@fused. */
double   _bpl_graph_pass_back     (const BplGraph *self,
                                   guint           node,
                                   guint           slot,
                                   double          local,
                                   double          upstream,
                                   gboolean       *fused);

void     _bpl_graph_node_clear    (BplGraphNode *node);

/* Whether @node is a cross-entropy after a softmax: −t·ln out. */
gboolean _bpl_graph_is_categorical (const BplGraph *self, const BplGraphNode *node);

G_END_DECLS

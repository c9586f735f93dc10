/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-graph.h: the computational graph of a network for one sample, one
 * level below the derivation: every multiply, add, activation and error term
 * is a node with its value and its gradient ∂E_total/∂node.
 *
 * The graph computes its values by evaluating its own nodes in order and its
 * gradients by its own reverse walk (each node passes local gradient ×
 * upstream gradient to its inputs), independently of the training code's
 * backward pass, so the two can be compared.
 *
 * Nodes of the worked example, as the derivation names them: the leaves i1,
 * w3, b1, target_o1; the products w3·i1; the sums net_h2 (= w3·i1 + w4·i2 +
 * b1); the activations out_h2; the error terms E_o1 and the total E_total.
 *
 * A big network's graph is too large to draw: a subgraph keeps the nodes on a
 * parameter's paths, or around one neuron, and stands for the rest with group
 * nodes ("h1…h8: 64 products, 8 sums, 8 sigmoids"). */
#pragma once

#include <glib.h>

#include "bpl-derivation.h"
#include "bpl-expr.h"
#include "bpl-network.h"

G_BEGIN_DECLS

/* What a node computes. New operations (a regularisation term, say) add
 * a kind here and a case in each switch of bpl-graph.c; nothing else in the
 * graph's structure assumes two inputs or one output neuron. */
typedef enum {
  BPL_GRAPH_OP_INPUT,          /* i1: leaf */
  BPL_GRAPH_OP_WEIGHT,         /* w3: leaf, a parameter */
  BPL_GRAPH_OP_BIAS,           /* b1: leaf, a parameter */
  BPL_GRAPH_OP_TARGET,         /* target_o1: leaf */
  BPL_GRAPH_OP_MUL,            /* w3·i1 = w3 × i1 */
  BPL_GRAPH_OP_ADD,            /* net_h2 = Σ products + b1; E_total = Σ E_o */
  BPL_GRAPH_OP_SIGMOID,        /* out_h2 = σ(net_h2) */
  BPL_GRAPH_OP_TANH,
  BPL_GRAPH_OP_RELU,
  BPL_GRAPH_OP_IDENTITY,       /* a linear layer's out = net */
  BPL_GRAPH_OP_SOFTMAX,        /* out_o2 = e^net_o2 / Σ_k e^net_ok: every net of
                                * its layer is an input, in the layer's order */
  BPL_GRAPH_OP_SQUARED_ERROR,  /* E_o1 = ½(target_o1 − out_o1)² */
  BPL_GRAPH_OP_CROSS_ENTROPY,  /* E_o1 = −t·ln out − (1 − t)·ln(1 − out); after a
                                * softmax, categorical: E_o1 = −t·ln out */
  BPL_GRAPH_OP_GROUP,          /* a subgraph's stand-in for nodes left out */
  BPL_GRAPH_N_OPS
} BplGraphOp;

/* CS231n's names for how a node passes the gradient back. */
typedef enum {
  BPL_GATE_LEAF,        /* nothing to pass on: the gradient stops here */
  BPL_GATE_ADD,         /* distributes: every input gets the gradient unchanged */
  BPL_GATE_MUL,         /* swaps: each input gets the gradient × the other input */
  BPL_GATE_ACTIVATION,  /* scales by the activation's derivative */
  BPL_GATE_LOSS,        /* starts the chain of an output: ∂E_o/∂out_o */
  BPL_GATE_GROUP,       /* a group of nodes left out of a subgraph */
  BPL_GATE_SOFTMAX,     /* couples: every net of the layer gets the gradient ×
                         * ∂out_k/∂net_j = out_k(δ_kj − out_j) */
} BplGateKind;

typedef struct {
  guint       id;
  BplGraphOp  op;
  char       *name;       /* "w3·i1", "net_h2", "E_total"; a group: "h1…h8" */
  double      value;      /* NaN for a group */
  double      gradient;   /* ∂E_total/∂node; NaN for a group */
  guint      *inputs;     /* edge ids, in the order the operation takes them */
  guint       n_inputs;
  guint      *outputs;    /* edge ids to the nodes that use this one */
  guint       n_outputs;

  /* What it belongs to, for linking with the diagram and the derivation. */
  gint        neuron;     /* the neuron whose net/out it is or that a product,
                           * a per-neuron bias or an error term feeds; -1 */
  gint        weight;     /* a weight leaf, or the weight of a product; -1 */
  gint        bias;       /* a bias leaf; -1 */
  guint       stage;      /* 0 inputs, l for layer l's nodes, n_layers for the
                           * error terms and targets, n_layers + 1 for E_total */
  gboolean    on_path;    /* in a parameter's subgraph: on a chain from it to E_total */

  /* In a subgraph: the full graph's node, or -1 for a group. */
  gint        full_id;
  guint       backward_rank; /* its place in the full graph's backward pass */
  /* A group: the full graph's nodes it stands for, and what they are. */
  guint      *members;
  guint       n_members;
  char       *summary;    /* "64 products, 8 sums, 8 sigmoids" */
} BplGraphNode;

typedef struct {
  guint  id;
  guint  from;            /* the input */
  guint  to;              /* the node that uses it */
  guint  slot;            /* which of to's inputs */
  guint  n_merged;        /* edges of the full graph it stands for (1 but for groups) */
  double value;           /* what flows forward: from's value (a sum when merged) */
  double local;           /* ∂to/∂from; NaN when merged */
  double gradient;        /* what flows back to from: local × ∂E_total/∂to (a sum when merged) */
} BplGraphEdge;

typedef enum {
  BPL_GRAPH_WHOLE,
  BPL_GRAPH_PARAM,        /* a parameter's paths */
  BPL_GRAPH_NEURON,       /* one neuron expanded */
} BplGraphFocus;

typedef struct {
  guint          n_nodes;
  BplGraphNode  *nodes;   /* in a topological order: inputs before their users */
  guint          n_edges;
  BplGraphEdge  *edges;
  guint          root;    /* E_total */
  guint          sample;
  guint          n_groups;

  BplGraphFocus  focus;
  BplParam       param;   /* focus PARAM */
  guint          neuron;  /* focus NEURON */
  guint          full_n_nodes;
} BplGraph;

/* Neurons of a layer a subgraph shows one by one before it groups the rest:
 * enough to see gradients fan in and out, few enough to draw. */
#define BPL_GRAPH_DEFAULT_PER_LAYER 3

/* The whole graph of @network on @sample. Fails only for a sample out of
 * range. */
BplGraph   *bpl_graph_new            (const BplNetwork *network,
                                      guint             sample,
                                      GError          **error);
/* The nodes on @param's paths to E_total and the factors they multiply in,
 * at most @per_layer neurons of a layer (0: no limit), the rest grouped by
 * layer. */
BplGraph   *bpl_graph_new_for_param  (const BplGraph *full,
                                      const BplNetwork *network,
                                      BplParam        param,
                                      guint           per_layer);
/* @neuron's products, sum and activation, the nodes feeding it, the products
 * that use its output, and E_total; at most @per_layer inputs and users
 * shown one by one (0: no limit); the rest grouped by layer. */
BplGraph   *bpl_graph_new_for_neuron (const BplGraph *full,
                                      const BplNetwork *network,
                                      guint           neuron,
                                      guint           per_layer);
void        bpl_graph_free           (BplGraph *self);

/* The node that stands for the full graph's @full_id in @self (itself or
 * its group), or -1. */
gint        bpl_graph_find_full      (const BplGraph *self, guint full_id);
/* The node of a parameter (its leaf), of a neuron (its out; an input's
 * leaf), or -1 when @self does not show it. */
gint        bpl_graph_find_param     (const BplGraph *self, BplParam param);
gint        bpl_graph_find_neuron    (const BplGraph *self, guint neuron);
gint        bpl_graph_find_name      (const BplGraph *self, const char *name);
/* The node whose local gradient a derivation's factor is: ∂net_h2/∂w3 and
 * ∂net_o1/∂out_h2 are products (w3·i1, w6·out_h2), ∂out_h2/∂net_h2 the
 * activation, ∂E_o1/∂out_o1 the error term, a bias's ∂net/∂b its sum; -1
 * when @self does not show it. For lighting the node a hovered factor
 * names. */
gint        bpl_graph_find_factor    (const BplGraph *self, const BplFactor *factor);

gboolean    bpl_graph_node_is_leaf   (const BplGraphNode *node);
BplGateKind bpl_graph_op_gate        (BplGraphOp op);
/* "mul", "add", "sigmoid", … (as the JSON says); and the symbol drawn in a
 * node ("×", "+", "σ", …; "" for leaves). */
const char *bpl_graph_op_to_string   (BplGraphOp op);
const char *bpl_graph_op_symbol      (BplGraphOp op);
/* A node name ("w3·i1", "out_h2", "E_total") with subscripts in @style. */
char       *bpl_graph_format_name    (const char *name, BplExprStyle style);
/* Appends it to an expression as names with subscripts. */
void        bpl_graph_expr_name      (BplExpr *expr, const char *name);

/* Walks */

typedef enum {
  BPL_GRAPH_FORWARD,
  BPL_GRAPH_BACKWARD,
} BplGraphDirection;

/* Something that moves along one edge at a step. */
typedef struct {
  guint  edge;
  guint  node;            /* the other end: an input, or (arriving) a user */
  double value;           /* the input's value (forward) */
  double local;           /* ∂this/∂input (backward; NaN when merged) */
  double gradient;        /* local × upstream: what the input gets (backward) */
} BplGraphFlow;

typedef struct {
  guint         node;
  BplGateKind   gate;
  gboolean      root;       /* E_total: the backward pass starts with 1 */
  gboolean      fused;      /* a saturated sigmoid with cross-entropy: the
                             * product is out − target, as the training uses */
  double        value;
  double        upstream;   /* backward: ∂E_total/∂node */
  BplGraphFlow *arrivals;   /* backward: the gradients from its users, which add up */
  guint         n_arrivals;
  BplGraphFlow *outgoing;   /* backward: to each input; forward: the inputs read */
  guint         n_outgoing;
  BplExpr      *sentence;   /* what happens, in words and numbers */
} BplGraphStep;

/* The forward pass (one step per operation, leaves are given) or the
 * backward pass (one step per node, E_total first; a node comes once every
 * user has passed its gradient back). Stepping back is step i − 1. */
typedef struct {
  BplGraphDirection direction;
  BplGraphStep     *steps;
  guint             n_steps;
  gint             *step_of_node;  /* per node: its step, or -1 (a group; a
                                    * leaf of the forward pass) */
  guint             n_nodes;
} BplGraphWalk;

BplGraphWalk *bpl_graph_walk_new  (const BplGraph   *graph,
                                   BplGraphDirection direction);
void          bpl_graph_walk_free (BplGraphWalk *self);
/* Whether @node's number is known after step @position (-1: before the
 * first): its value (forward; leaves always) or its gradient (backward). */
gboolean      bpl_graph_walk_known (const BplGraphWalk *self,
                                    gint                position,
                                    guint               node);

/* Sum over paths against the δ recursion */

/* What ∂E_total/∂p costs written out as the derivation writes it: every
 * path's product of chain-rule factors, summed (the sum over paths), or the
 * error terms δ = ∂E_total/∂net computed once per neuron, layer by layer
 * from the outputs, and reused (backpropagation). Counted are the
 * multiplications that combine factors; each factor's own value (out·(1 −
 * out), a weight) is needed by both and not counted. Counts saturate at
 * G_MAXUINT64. */
typedef struct {
  BplParam param;
  guint64  n_paths;
  guint    factors_per_path;
  guint64  path_multiplications;   /* n_paths × (factors_per_path − 1), one
                                    * less each for σ with cross-entropy */
  guint64  path_additions;         /* n_paths − 1 */
  guint64  n_deltas;               /* δ the recursion computes */
  guint64  delta_multiplications;
  gboolean saturated;
  char    *path_formula;           /* how the count comes about, in words and numbers */
  char    *delta_formula;
} BplPathCount;

BplPathCount *bpl_path_count_new  (const BplNetwork *network, BplParam param);
void          bpl_path_count_free (BplPathCount *self);

/* Columns and order */

/* Where the nodes go, in columns from left to right: a node's column is one
 * after its latest input, and a leaf stands just before its first user. An
 * edge across several columns passes a dummy slot in each column between.
 * The order within columns reduces crossings (barycentre heuristic). */
typedef struct {
  guint   n_columns;
  guint  *column;          /* per node */
  guint  *slot;            /* per node: its place in its column */
  guint  *column_size;     /* per column: nodes and dummies */
  guint  *edge_first;      /* per edge: its first dummy in dummy_slot */
  guint  *dummy_slot;      /* per dummy: its place, columns from + 1 … to − 1 */
  guint   n_dummies;
  guint64 crossings;       /* edge crossings that remain */
  guint64 initial_crossings; /* with nodes in id order, for comparison */
} BplGraphArrangement;

BplGraphArrangement *bpl_graph_arrange      (const BplGraph *graph);
/* Where each item goes up and down: @height and @center hold the nodes,
 * then the dummies (n_nodes + n_dummies). Each column keeps its order, its
 * items @gap apart; each item is placed as level with its neighbours in
 * the columns beside it as that allows, so chains run straight. Columns
 * are centred on 0 before; the result is in the units of @height. */
void                 bpl_graph_arrangement_place (const BplGraphArrangement *self,
                                                  const BplGraph            *graph,
                                                  const double              *height,
                                                  double                     gap,
                                                  double                    *center);
void                 bpl_graph_arrangement_free (BplGraphArrangement *self);

/* Text exports. Numbers at @digits significant digits. */

/* Graphviz: one box per node with its name, value and gradient, left to
 * right (`dot -Tpdf`). */
char       *bpl_graph_to_dot   (const BplGraph *graph, int digits);
/* A LaTeX document that pdflatex compiles with TikZ alone (article,
 * geometry and tikz; the page is the picture's size). The one tikzpicture
 * places the nodes as bpl_graph_arrange () does and can be copied into
 * slides. */
char       *bpl_graph_to_tikz  (const BplGraph *graph, int digits);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplGraph, bpl_graph_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplGraphWalk, bpl_graph_walk_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplPathCount, bpl_path_count_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplGraphArrangement, bpl_graph_arrangement_free)

G_END_DECLS

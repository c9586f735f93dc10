/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-graph.c: the whole computational graph of a network: built, evaluated
 * node by node, and differentiated by its own reverse walk. */
#include "config.h"

#include "bpl-graph.h"

#include <glib/gi18n-lib.h>

#include <math.h>
#include <string.h>

#include "bpl-error.h"
#include "bpl-forward.h"
#include "bpl-graph-private.h"
#include "bpl-network-private.h"
#include "bpl-passes-private.h"

/* What the builder remembers to find nodes again. */
typedef struct
{
  const BplNetwork *net;
  GArray *nodes;       /* BplGraphNode */
  GArray *edges;       /* BplGraphEdge */
  guint  *out_id;      /* per neuron: its out node (an input's leaf) */
  guint  *net_id;      /* per neuron: its sum */
  guint  *mul_id;      /* per weight: its product */
  guint  *weight_id;   /* per weight: its leaf */
  guint  *bias_id;     /* per bias: its leaf */
  guint  *target_id;   /* per output */
  guint  *error_id;    /* per output */
  guint   total_id;
} Builder;

gboolean
bpl_graph_node_is_leaf (const BplGraphNode *node)
{
  switch (node->op)
    {
    case BPL_GRAPH_OP_INPUT:
    case BPL_GRAPH_OP_WEIGHT:
    case BPL_GRAPH_OP_BIAS:
    case BPL_GRAPH_OP_TARGET:
      return TRUE;
    case BPL_GRAPH_OP_GROUP:
      return node->n_inputs == 0;
    case BPL_GRAPH_OP_MUL:
    case BPL_GRAPH_OP_ADD:
    case BPL_GRAPH_OP_SIGMOID:
    case BPL_GRAPH_OP_TANH:
    case BPL_GRAPH_OP_RELU:
    case BPL_GRAPH_OP_IDENTITY:
    case BPL_GRAPH_OP_SOFTMAX:
    case BPL_GRAPH_OP_SQUARED_ERROR:
    case BPL_GRAPH_OP_CROSS_ENTROPY:
    case BPL_GRAPH_N_OPS:
    default:
      return FALSE;
    }
}

BplGateKind
bpl_graph_op_gate (BplGraphOp op)
{
  switch (op)
    {
    case BPL_GRAPH_OP_MUL:
      return BPL_GATE_MUL;
    case BPL_GRAPH_OP_ADD:
      return BPL_GATE_ADD;
    case BPL_GRAPH_OP_SIGMOID:
    case BPL_GRAPH_OP_TANH:
    case BPL_GRAPH_OP_RELU:
    case BPL_GRAPH_OP_IDENTITY:
      return BPL_GATE_ACTIVATION;
    case BPL_GRAPH_OP_SOFTMAX:
      return BPL_GATE_SOFTMAX;
    case BPL_GRAPH_OP_SQUARED_ERROR:
    case BPL_GRAPH_OP_CROSS_ENTROPY:
      return BPL_GATE_LOSS;
    case BPL_GRAPH_OP_GROUP:
      return BPL_GATE_GROUP;
    case BPL_GRAPH_OP_INPUT:
    case BPL_GRAPH_OP_WEIGHT:
    case BPL_GRAPH_OP_BIAS:
    case BPL_GRAPH_OP_TARGET:
    case BPL_GRAPH_N_OPS:
    default:
      return BPL_GATE_LEAF;
    }
}

static const struct
{
  const char *name;
  const char *symbol;
} op_names[BPL_GRAPH_N_OPS] = {
  [BPL_GRAPH_OP_INPUT] = { "input", "" },
  [BPL_GRAPH_OP_WEIGHT] = { "weight", "" },
  [BPL_GRAPH_OP_BIAS] = { "bias", "" },
  [BPL_GRAPH_OP_TARGET] = { "target", "" },
  [BPL_GRAPH_OP_MUL] = { "mul", "×" },
  [BPL_GRAPH_OP_ADD] = { "add", "+" },
  [BPL_GRAPH_OP_SIGMOID] = { "sigmoid", "σ" },
  [BPL_GRAPH_OP_TANH] = { "tanh", "tanh" },
  [BPL_GRAPH_OP_RELU] = { "relu", "ReLU" },
  [BPL_GRAPH_OP_IDENTITY] = { "identity", "id" },
  [BPL_GRAPH_OP_SOFTMAX] = { "softmax", "softmax" },
  [BPL_GRAPH_OP_SQUARED_ERROR] = { "squared-error", "½(t − o)²" },
  [BPL_GRAPH_OP_CROSS_ENTROPY] = { "cross-entropy", "CE" },
  [BPL_GRAPH_OP_GROUP] = { "group", "…" },
};

const char *
bpl_graph_op_to_string (BplGraphOp op)
{
  g_return_val_if_fail (op < BPL_GRAPH_N_OPS, "");
  return op_names[op].name;
}

const char *
bpl_graph_op_symbol (BplGraphOp op)
{
  g_return_val_if_fail (op < BPL_GRAPH_N_OPS, "");
  return op_names[op].symbol;
}

/* One factor of a name: "out_h2" → out, h2; "w3" → w, 3; "E_total" → E,
 * total; anything else as it is. */
static void
append_factor (BplExpr *expr, const char *factor)
{
  const char *underscore = strchr (factor, '_');
  const char *digits = factor;
  g_autofree char *base = NULL;

  if (underscore != NULL && underscore > factor && underscore[1] != '\0')
    {
      base = g_strndup (factor, underscore - factor);
      bpl_expr_name (expr, base, underscore + 1);
      return;
    }
  while (*digits != '\0' && !g_ascii_isdigit (*digits))
    digits++;
  for (const char *p = digits; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      digits = factor + strlen (factor);
  if (digits == factor || *digits == '\0')
    {
      bpl_expr_text (expr, factor);
      return;
    }
  base = g_strndup (factor, digits - factor);
  bpl_expr_name (expr, base, digits);
}

void
bpl_graph_expr_name (BplExpr *expr, const char *name)
{
  g_auto (GStrv) factors = NULL;

  g_return_if_fail (expr != NULL && name != NULL);

  /* "w3·i1" is two names; a group's "h1…h8" or "h1, h3" keeps its
   * separators as text. */
  factors = g_strsplit (name, "·", -1);
  for (guint i = 0; factors[i] != NULL; i++)
    {
      g_auto (GStrv) parts = g_strsplit (factors[i], "…", -1);

      if (i > 0)
        bpl_expr_text (expr, "·");
      for (guint j = 0; parts[j] != NULL; j++)
        {
          g_auto (GStrv) items = g_strsplit (parts[j], ", ", -1);

          if (j > 0)
            bpl_expr_text (expr, "…");
          for (guint k = 0; items[k] != NULL; k++)
            {
              if (k > 0)
                bpl_expr_text (expr, ", ");
              if (items[k][0] != '\0')
                append_factor (expr, items[k]);
            }
        }
    }
}

char *
bpl_graph_format_name (const char *name, BplExprStyle style)
{
  g_autoptr (BplExpr) expr = bpl_expr_new ();

  g_return_val_if_fail (name != NULL, NULL);

  if (style == BPL_EXPR_TEXT)
    return g_strdup (name);
  bpl_graph_expr_name (expr, name);
  return bpl_expr_render (expr, style, 4);
}

/* Building */

static guint
add_node (Builder *b, BplGraphOp op, char *name, gint neuron, guint stage)
{
  BplGraphNode node = {
    .id = b->nodes->len,
    .op = op,
    .name = name,
    .value = NAN,
    .gradient = 0.0,
    .neuron = neuron,
    .weight = -1,
    .bias = -1,
    .stage = stage,
    .full_id = -1,
  };

  g_array_append_val (b->nodes, node);
  return node.id;
}

static void
add_edge (Builder *b, guint from, guint to, guint slot)
{
  BplGraphEdge edge = {
    .id = b->edges->len,
    .from = from,
    .to = to,
    .slot = slot,
    .n_merged = 1,
    .value = NAN,
    .local = NAN,
    .gradient = 0.0,
  };

  g_array_append_val (b->edges, edge);
}

#define NODE(b, id) (&g_array_index ((b)->nodes, BplGraphNode, (id)))

/* No default case: an activation or loss added to the network model makes
 * the compiler point here, where the graph needs its operation. */
static gboolean
activation_op (BplActivation activation, BplGraphOp *op)
{
  switch (activation)
    {
    case BPL_ACTIVATION_SIGMOID:
      *op = BPL_GRAPH_OP_SIGMOID;
      return TRUE;
    case BPL_ACTIVATION_TANH:
      *op = BPL_GRAPH_OP_TANH;
      return TRUE;
    case BPL_ACTIVATION_RELU:
      *op = BPL_GRAPH_OP_RELU;
      return TRUE;
    case BPL_ACTIVATION_LINEAR:
      *op = BPL_GRAPH_OP_IDENTITY;
      return TRUE;
    case BPL_ACTIVATION_SOFTMAX:
      /* A softmax node takes every net of its layer (build_layer ()). */
      *op = BPL_GRAPH_OP_SOFTMAX;
      return TRUE;
    }
  return FALSE;
}

static gboolean
loss_op (BplLoss loss, BplGraphOp *op)
{
  switch (loss)
    {
    case BPL_LOSS_SQUARED_ERROR:
      *op = BPL_GRAPH_OP_SQUARED_ERROR;
      return TRUE;
    case BPL_LOSS_CROSS_ENTROPY:
      *op = BPL_GRAPH_OP_CROSS_ENTROPY;
      return TRUE;
    }
  return FALSE;
}

/* Whether every layer's activation and the loss have an operation here. */
static gboolean
check_supported (const BplNetwork *net, GError **error)
{
  BplGraphOp op;

  for (guint l = 1; l < net->n_layers; l++)
    if (!activation_op (net->activation[l], &op))
      {
        g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                     _("the computational graph has no operation for the activation of layer %u (%s)"),
                     l, bpl_activation_to_string (net->activation[l]));
        return FALSE;
      }
  if (!loss_op (net->loss, &op))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("the computational graph has no operation for the loss %s"),
                   bpl_loss_to_string (net->loss));
      return FALSE;
    }
  return TRUE;
}

/* The source of a product as the derivation names it: i1, or out_h1. */
static const char *
source_name (Builder *b, guint neuron)
{
  return NODE (b, b->out_id[neuron])->name;
}

/* Layer l: for each neuron its weights and products, its bias, its sum and
 * its activation, in the order the forward pass computes them. */
static void
build_layer (Builder *b, guint l)
{
  const BplNetwork *net = b->net;
  guint n_prev = net->layer_size[l - 1];
  gint shared = -1;

  if (net->bias_mode == BPL_BIAS_PER_LAYER && net->layer_size[l] > 0)
    {
      gint bias = net->neuron_bias[net->layer_start[l]];

      if (bias >= 0)
        {
          shared = (gint) add_node (b, BPL_GRAPH_OP_BIAS, g_strdup (net->bias_names[bias]), -1, l);
          NODE (b, shared)->bias = bias;
          NODE (b, shared)->value = net->biases[bias];
          b->bias_id[bias] = (guint) shared;
        }
    }

  for (guint j = 0; j < net->layer_size[l]; j++)
    {
      guint n = net->layer_start[l] + j;
      const char *name = net->neuron_names[n];
      gint bias = net->neuron_bias[n];
      guint sum, out, slot = 0;
      g_autofree guint *products = g_new (guint, MAX (n_prev, 1));

      for (guint k = 0; k < n_prev; k++)
        {
          guint w = net->weight_start[l] + j * n_prev + k;
          guint source = net->layer_start[l - 1] + k;
          guint leaf = add_node (b, BPL_GRAPH_OP_WEIGHT, g_strdup (net->weight_names[w]), (gint) n, l);
          guint mul;

          NODE (b, leaf)->weight = (gint) w;
          NODE (b, leaf)->value = net->weights[w];
          b->weight_id[w] = leaf;
          mul = add_node (b, BPL_GRAPH_OP_MUL,
                          g_strdup_printf ("%s·%s", net->weight_names[w], source_name (b, source)),
                          (gint) n, l);
          NODE (b, mul)->weight = (gint) w;
          b->mul_id[w] = mul;
          add_edge (b, leaf, mul, 0);
          add_edge (b, b->out_id[source], mul, 1);
          products[k] = mul;
        }
      if (bias >= 0 && shared < 0)
        {
          guint leaf = add_node (b, BPL_GRAPH_OP_BIAS, g_strdup (net->bias_names[bias]), (gint) n, l);

          NODE (b, leaf)->bias = bias;
          NODE (b, leaf)->value = net->biases[bias];
          b->bias_id[bias] = leaf;
        }

      /* Σ w·in first and the bias last, in the forward pass's order. */
      sum = add_node (b, BPL_GRAPH_OP_ADD, g_strdup_printf ("net_%s", name), (gint) n, l);
      for (guint k = 0; k < n_prev; k++)
        add_edge (b, products[k], sum, slot++);
      if (bias >= 0)
        add_edge (b, b->bias_id[bias], sum, slot++);
      b->net_id[n] = sum;

      if (net->activation[l] == BPL_ACTIVATION_SOFTMAX)
        continue;
      {
        BplGraphOp op = BPL_GRAPH_OP_IDENTITY;

        activation_op (net->activation[l], &op);
        out = add_node (b, op, g_strdup_printf ("out_%s", name), (gint) n, l);
      }
      add_edge (b, sum, out, 0);
      b->out_id[n] = out;
    }

  /* A softmax couples its layer: each out takes every net, so the outs
   * come after all of the layer's sums. */
  if (net->activation[l] == BPL_ACTIVATION_SOFTMAX)
    for (guint j = 0; j < net->layer_size[l]; j++)
      {
        guint n = net->layer_start[l] + j;
        guint out = add_node (b, BPL_GRAPH_OP_SOFTMAX, g_strdup_printf ("out_%s", net->neuron_names[n]),
                              (gint) n, l);

        for (guint k = 0; k < net->layer_size[l]; k++)
          add_edge (b, b->net_id[net->layer_start[l] + k], out, k);
        b->out_id[n] = out;
      }
}

static void
build_errors (Builder *b)
{
  const BplNetwork *net = b->net;
  guint L = net->n_layers;
  guint first = net->layer_start[L - 1];
  BplGraphOp op = BPL_GRAPH_OP_SQUARED_ERROR;

  loss_op (net->loss, &op);

  for (guint o = 0; o < net->layer_size[L - 1]; o++)
    {
      const char *name = net->neuron_names[first + o];
      guint target = add_node (b, BPL_GRAPH_OP_TARGET, g_strdup_printf ("target_%s", name),
                               (gint) (first + o), L);
      guint error = add_node (b, op, g_strdup_printf ("E_%s", name), (gint) (first + o), L);

      b->target_id[o] = target;
      b->error_id[o] = error;
      add_edge (b, b->out_id[first + o], error, 0);
      add_edge (b, target, error, 1);
    }

  b->total_id = add_node (b, BPL_GRAPH_OP_ADD, g_strdup ("E_total"), -1, L + 1);
  for (guint o = 0; o < net->layer_size[L - 1]; o++)
    add_edge (b, b->error_id[o], b->total_id, o);
}

/* The backward pass's order: E_total, each error term with its target, then
 * layer by layer from the outputs, each neuron's activation, sum, products
 * with their weights and its bias, a shared bias after its whole layer,
 * and the inputs last. Every node comes after all of its users, so its
 * gradient is complete when its turn comes. */
static void
rank_backward (Builder *b)
{
  const BplNetwork *net = b->net;
  guint L = net->n_layers;
  guint rank = 0;

#define RANK(id) (NODE (b, (id))->backward_rank = rank++)
  RANK (b->total_id);
  for (guint o = 0; o < net->layer_size[L - 1]; o++)
    {
      RANK (b->error_id[o]);
      RANK (b->target_id[o]);
    }
  for (guint l = L - 1; l >= 1; l--)
    {
      guint n_prev = net->layer_size[l - 1];
      gint shared = -1;
      /* Every softmax out uses every net of its layer: all of them first. */
      gboolean coupled = net->activation[l] == BPL_ACTIVATION_SOFTMAX;

      for (guint j = 0; coupled && j < net->layer_size[l]; j++)
        RANK (b->out_id[net->layer_start[l] + j]);
      for (guint j = 0; j < net->layer_size[l]; j++)
        {
          guint n = net->layer_start[l] + j;
          gint bias = net->neuron_bias[n];

          if (!coupled)
            RANK (b->out_id[n]);
          RANK (b->net_id[n]);
          for (guint k = 0; k < n_prev; k++)
            {
              guint w = net->weight_start[l] + j * n_prev + k;

              RANK (b->mul_id[w]);
              RANK (b->weight_id[w]);
            }
          if (bias >= 0 && net->bias_mode == BPL_BIAS_PER_LAYER)
            shared = bias;
          else if (bias >= 0)
            RANK (b->bias_id[bias]);
        }
      if (shared >= 0)
        RANK (b->bias_id[shared]);
    }
  for (guint i = 0; i < net->layer_size[0]; i++)
    RANK (b->out_id[i]);
#undef RANK
  g_assert (rank == b->nodes->len);
}

void
_bpl_graph_take_arrays (BplGraph *self, GArray *nodes, GArray *edges)
{
  self->n_nodes = nodes->len;
  self->nodes = (BplGraphNode *) (void *) g_array_free (nodes, FALSE);
  self->n_edges = edges->len;
  self->edges = (BplGraphEdge *) (void *) g_array_free (edges, FALSE);

  for (guint e = 0; e < self->n_edges; e++)
    {
      self->nodes[self->edges[e].to].n_inputs++;
      self->nodes[self->edges[e].from].n_outputs++;
    }
  for (guint n = 0; n < self->n_nodes; n++)
    {
      BplGraphNode *node = &self->nodes[n];

      node->inputs = g_new (guint, MAX (node->n_inputs, 1));
      node->outputs = g_new (guint, MAX (node->n_outputs, 1));
      node->n_inputs = 0;
      node->n_outputs = 0;
    }
  /* Edges were made in slot order: inputs keep it. */
  for (guint e = 0; e < self->n_edges; e++)
    {
      BplGraphNode *to = &self->nodes[self->edges[e].to];
      BplGraphNode *from = &self->nodes[self->edges[e].from];

      to->inputs[to->n_inputs++] = e;
      from->outputs[from->n_outputs++] = e;
    }
}

/* Evaluation */

static double
input_value (const BplGraph *self, const double *values, const BplGraphNode *node, guint slot)
{
  return values[self->edges[node->inputs[slot]].from];
}

/* The net that feeds a sigmoid output, for cross-entropy computed from net
 * (as the forward pass does: finite where out rounds to 0 or 1). */
static gboolean
sigmoid_net (const BplGraph *self, const double *values, guint out, double *net)
{
  const BplGraphNode *node = &self->nodes[out];

  if (node->op != BPL_GRAPH_OP_SIGMOID || node->n_inputs != 1)
    return FALSE;
  *net = input_value (self, values, node, 0);
  return TRUE;
}

/* ln Σ_k e^net_k over a softmax node's inputs, and its own net. */
static double
softmax_lse (const BplGraph *self, const double *values, const BplGraphNode *node, double *own)
{
  double max = -INFINITY, sum = 0.0;

  for (guint i = 0; i < node->n_inputs; i++)
    max = MAX (max, input_value (self, values, node, i));
  for (guint i = 0; i < node->n_inputs; i++)
    {
      const BplGraphNode *net = &self->nodes[self->edges[node->inputs[i]].from];

      sum += exp (input_value (self, values, node, i) - max);
      if (own != NULL && net->neuron == node->neuron)
        *own = input_value (self, values, node, i);
    }
  return max + log (sum);
}

gboolean
_bpl_graph_is_categorical (const BplGraph *self, const BplGraphNode *node)
{
  return node->op == BPL_GRAPH_OP_CROSS_ENTROPY && node->n_inputs == 2
         && self->nodes[self->edges[node->inputs[0]].from].op == BPL_GRAPH_OP_SOFTMAX;
}

/* @stable: cross-entropy from the sigmoid's net, as the forward pass computes
 * it; otherwise from out, as the node is defined (for finite differences of
 * out itself). */
static double
evaluate (const BplGraph *self, const double *values, const BplGraphNode *node, gboolean stable)
{
  switch (node->op)
    {
    case BPL_GRAPH_OP_MUL:
      return input_value (self, values, node, 0) * input_value (self, values, node, 1);
    case BPL_GRAPH_OP_ADD:
      {
        double s = 0.0;
        for (guint i = 0; i < node->n_inputs; i++)
          s += input_value (self, values, node, i);
        return s;
      }
    case BPL_GRAPH_OP_SIGMOID:
      return bpl_activate (BPL_ACTIVATION_SIGMOID, input_value (self, values, node, 0));
    case BPL_GRAPH_OP_TANH:
      return bpl_activate (BPL_ACTIVATION_TANH, input_value (self, values, node, 0));
    case BPL_GRAPH_OP_RELU:
      return bpl_activate (BPL_ACTIVATION_RELU, input_value (self, values, node, 0));
    case BPL_GRAPH_OP_IDENTITY:
      return input_value (self, values, node, 0);
    case BPL_GRAPH_OP_SOFTMAX:
      {
        double own = NAN;
        double lse = softmax_lse (self, values, node, &own);

        return exp (own - lse);
      }
    case BPL_GRAPH_OP_SQUARED_ERROR:
      {
        double out = input_value (self, values, node, 0);
        double target = input_value (self, values, node, 1);
        return 0.5 * (target - out) * (target - out);
      }
    case BPL_GRAPH_OP_CROSS_ENTROPY:
      {
        double out = input_value (self, values, node, 0);
        double target = input_value (self, values, node, 1);
        double net;

        if (_bpl_graph_is_categorical (self, node))
          {
            /* −t·ln out, with ln out = net − ln Σ e^net from the softmax's
             * inputs when @stable, as the forward pass computes it. */
            const BplGraphNode *softmax = &self->nodes[self->edges[node->inputs[0]].from];

            if (target == 0)
              return 0.0;
            if (stable)
              {
                double lse = softmax_lse (self, values, softmax, &net);

                return -target * (net - lse);
              }
            return -target * log (out);
          }
        if (stable && sigmoid_net (self, values, self->edges[node->inputs[0]].from, &net))
          return target * bpl_softplus (-net) + (1.0 - target) * bpl_softplus (net);
        return -(target * log (out) + (1.0 - target) * log1p (-out));
      }
    case BPL_GRAPH_OP_INPUT:
    case BPL_GRAPH_OP_WEIGHT:
    case BPL_GRAPH_OP_BIAS:
    case BPL_GRAPH_OP_TARGET:
    case BPL_GRAPH_OP_GROUP:
    case BPL_GRAPH_N_OPS:
    default:
      return values[node->id];
    }
}

static void
evaluate_all (const BplGraph *self, double *values)
{
  for (guint n = 0; n < self->n_nodes; n++)
    if (!bpl_graph_node_is_leaf (&self->nodes[n]))
      values[n] = evaluate (self, values, &self->nodes[n], TRUE);
}

double
_bpl_graph_total_with (const BplGraph *self, guint node, double value)
{
  g_autofree double *values = g_new (double, self->n_nodes);

  g_return_val_if_fail (self->focus == BPL_GRAPH_WHOLE, NAN);

  for (guint n = 0; n < self->n_nodes; n++)
    values[n] = self->nodes[n].value;
  values[node] = value;
  for (guint n = node + 1; n < self->n_nodes; n++)
    if (!bpl_graph_node_is_leaf (&self->nodes[n]))
      values[n] = evaluate (self, values, &self->nodes[n], FALSE);
  return values[self->root];
}

/* Local gradients: ∂node/∂(input @slot) */
static double
local_gradient (const BplGraph *self, const BplGraphNode *node, guint slot)
{
#define IN(s) (self->nodes[self->edges[node->inputs[(s)]].from].value)
  switch (node->op)
    {
    case BPL_GRAPH_OP_MUL:
      /* The other input: the swap. */
      return IN (1 - slot);
    case BPL_GRAPH_OP_ADD:
      return 1.0;
    case BPL_GRAPH_OP_SIGMOID:
      return node->value * (1.0 - node->value);
    case BPL_GRAPH_OP_TANH:
      return 1.0 - node->value * node->value;
    case BPL_GRAPH_OP_RELU:
      return IN (0) > 0 ? 1.0 : 0.0;
    case BPL_GRAPH_OP_IDENTITY:
      return 1.0;
    case BPL_GRAPH_OP_SOFTMAX:
      {
        /* ∂out_k/∂net_j = out_k(δ_kj − out_j): the Jacobian's row k. */
        const BplGraphNode *net = &self->nodes[self->edges[node->inputs[slot]].from];
        double lse = 0.0, max = -INFINITY, sum = 0.0, out_j;

        for (guint i = 0; i < node->n_inputs; i++)
          max = MAX (max, IN (i));
        for (guint i = 0; i < node->n_inputs; i++)
          sum += exp (IN (i) - max);
        lse = max + log (sum);
        out_j = exp (IN (slot) - lse);
        return node->value * ((net->neuron == node->neuron ? 1.0 : 0.0) - out_j);
      }
    case BPL_GRAPH_OP_SQUARED_ERROR:
      /* ½(t − o)²: o − t for out, t − o for the target. */
      return slot == 0 ? IN (0) - IN (1) : IN (1) - IN (0);
    case BPL_GRAPH_OP_CROSS_ENTROPY:
      {
        double out = IN (0), target = IN (1);
        const BplGraphNode *producer = &self->nodes[self->edges[node->inputs[0]].from];

        if (_bpl_graph_is_categorical (self, node))
          {
            /* −t·ln out: −t/out for out, −ln out for the target. */
            if (slot == 0)
              return target == 0 ? 0.0 : -target / out;
            return -log (out);
          }
        if (slot == 0)
          return (out - target) / (out * (1.0 - out));
        /* ∂E/∂t = ln((1 − out)/out), which is −net for a sigmoid. */
        if (producer->op == BPL_GRAPH_OP_SIGMOID)
          return -self->nodes[self->edges[producer->inputs[0]].from].value;
        return log1p (-out) - log (out);
      }
    case BPL_GRAPH_OP_INPUT:
    case BPL_GRAPH_OP_WEIGHT:
    case BPL_GRAPH_OP_BIAS:
    case BPL_GRAPH_OP_TARGET:
    case BPL_GRAPH_OP_GROUP:
    case BPL_GRAPH_N_OPS:
    default:
      g_assert_not_reached ();
    }
#undef IN
}

gboolean
_bpl_graph_sigmoid_feeds_cross_entropy (const BplGraph *self, guint sigmoid)
{
  const BplGraphNode *node = &self->nodes[sigmoid];

  return node->op == BPL_GRAPH_OP_SIGMOID && node->n_outputs == 1
         && self->nodes[self->edges[node->outputs[0]].to].op == BPL_GRAPH_OP_CROSS_ENTROPY;
}

/* A softmax whose out feeds only a categorical cross-entropy. */
static gboolean
softmax_feeds_cross_entropy (const BplGraph *self, guint softmax)
{
  const BplGraphNode *node = &self->nodes[softmax];

  return node->op == BPL_GRAPH_OP_SOFTMAX && node->n_outputs == 1
         && _bpl_graph_is_categorical (self, &self->nodes[self->edges[node->outputs[0]].to]);
}

double
_bpl_graph_pass_back (const BplGraph *self, guint node, guint slot, double local, double upstream,
                      gboolean *fused)
{
  double product = local * upstream;

  *fused = FALSE;
  if (!isfinite (product) && softmax_feeds_cross_entropy (self, node))
    {
      /* out_k rounded to 0 under a target: −t/out_k is infinite, but
       * out_k(δ_kj − out_j) cancels it: ∂E_k/∂net_j = −t_k(δ_kj − out_j),
       * times E_k's own gradient. Only the whole graph has every net. */
      const BplGraphNode *out = &self->nodes[node];
      const BplGraphNode *error = &self->nodes[self->edges[out->outputs[0]].to];
      double target = self->nodes[self->edges[error->inputs[1]].from].value;

      *fused = TRUE;
      if (self->focus == BPL_GRAPH_WHOLE)
        {
          const BplGraphNode *net = &self->nodes[self->edges[out->inputs[slot]].from];
          double max = -INFINITY, sum = 0.0, out_j;

          for (guint i = 0; i < out->n_inputs; i++)
            max = MAX (max, self->nodes[self->edges[out->inputs[i]].from].value);
          for (guint i = 0; i < out->n_inputs; i++)
            sum += exp (self->nodes[self->edges[out->inputs[i]].from].value - max);
          out_j = exp (net->value - max - log (sum));
          product = error->gradient * -target * ((net->neuron == out->neuron ? 1.0 : 0.0) - out_j);
        }
      return product;
    }
  if (!isfinite (product) && _bpl_graph_sigmoid_feeds_cross_entropy (self, node))
    {
      /* σ' = out(1 − out) cancels the cross-entropy's denominator:
       * ∂E_o/∂net_o = out − target, times E_o's own gradient. */
      const BplGraphNode *out = &self->nodes[node];
      const BplGraphEdge *to_error = &self->edges[out->outputs[0]];
      const BplGraphNode *error = &self->nodes[to_error->to];
      double target = self->nodes[self->edges[error->inputs[1]].from].value;

      *fused = TRUE;
      product = error->gradient * (out->value - target);
    }
  return product;
}

/* The reverse walk: E_total's gradient is 1; each node, once all of its
 * users are done, passes local gradient × its gradient to each input, where
 * contributions add up. */
static void
backpropagate (BplGraph *self)
{
  g_autofree guint *order = g_new (guint, self->n_nodes);

  for (guint n = 0; n < self->n_nodes; n++)
    {
      self->nodes[n].gradient = 0.0;
      order[self->nodes[n].backward_rank] = n;
    }
  self->nodes[self->root].gradient = 1.0;

  for (guint r = 0; r < self->n_nodes; r++)
    {
      BplGraphNode *node = &self->nodes[order[r]];

      for (guint i = 0; i < node->n_inputs; i++)
        {
          BplGraphEdge *edge = &self->edges[node->inputs[i]];
          gboolean fused;

          /* A user not yet done would leave this gradient incomplete. */
          g_assert (self->nodes[edge->from].backward_rank > r);
          edge->value = self->nodes[edge->from].value;
          edge->local = local_gradient (self, node, edge->slot);
          edge->gradient = _bpl_graph_pass_back (self, node->id, edge->slot, edge->local, node->gradient,
                                                 &fused);
          self->nodes[edge->from].gradient += edge->gradient;
        }
    }
}

BplGraph *
bpl_graph_new (const BplNetwork *net, guint sample, GError **error)
{
  g_autoptr (BplGraph) self = NULL;
  g_autofree double *values = NULL;
  Builder b = { 0 };
  guint L;
  const double *input, *target;

  g_return_val_if_fail (net != NULL, NULL);

  if (sample >= net->n_samples)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "sample %u does not exist: the network has %u sample",
                                "sample %u does not exist: the network has %u samples", net->n_samples),
                   sample + 1, net->n_samples);
      return NULL;
    }

  if (!check_supported (net, error))
    return NULL;

  L = net->n_layers;
  b.net = net;
  b.nodes = g_array_new (FALSE, FALSE, sizeof (BplGraphNode));
  b.edges = g_array_new (FALSE, FALSE, sizeof (BplGraphEdge));
  b.out_id = g_new (guint, net->n_neurons);
  b.net_id = g_new (guint, net->n_neurons);
  b.mul_id = g_new (guint, MAX (net->n_weights, 1));
  b.weight_id = g_new (guint, MAX (net->n_weights, 1));
  b.bias_id = g_new (guint, MAX (net->n_biases, 1));
  b.target_id = g_new (guint, net->layer_size[L - 1]);
  b.error_id = g_new (guint, net->layer_size[L - 1]);

  input = bpl_network_get_input (net, sample);
  target = bpl_network_get_target (net, sample);
  for (guint i = 0; i < net->layer_size[0]; i++)
    {
      guint leaf = add_node (&b, BPL_GRAPH_OP_INPUT, g_strdup (net->neuron_names[i]), (gint) i, 0);

      NODE (&b, leaf)->value = input[i];
      b.out_id[i] = leaf;
    }
  for (guint l = 1; l < L; l++)
    build_layer (&b, l);
  build_errors (&b);
  for (guint o = 0; o < net->layer_size[L - 1]; o++)
    NODE (&b, b.target_id[o])->value = target[o];
  rank_backward (&b);

  self = g_new0 (BplGraph, 1);
  self->root = b.total_id;
  self->sample = sample;
  self->focus = BPL_GRAPH_WHOLE;
  _bpl_graph_take_arrays (self, b.nodes, b.edges);
  self->full_n_nodes = self->n_nodes;
  for (guint n = 0; n < self->n_nodes; n++)
    self->nodes[n].full_id = (gint) n;

  values = g_new (double, self->n_nodes);
  for (guint n = 0; n < self->n_nodes; n++)
    values[n] = self->nodes[n].value;
  evaluate_all (self, values);
  for (guint n = 0; n < self->n_nodes; n++)
    self->nodes[n].value = values[n];
  backpropagate (self);

  g_free (b.out_id);
  g_free (b.net_id);
  g_free (b.mul_id);
  g_free (b.weight_id);
  g_free (b.bias_id);
  g_free (b.target_id);
  g_free (b.error_id);
  return g_steal_pointer (&self);
}

void
_bpl_graph_node_clear (BplGraphNode *node)
{
  g_clear_pointer (&node->name, g_free);
  g_clear_pointer (&node->inputs, g_free);
  g_clear_pointer (&node->outputs, g_free);
  g_clear_pointer (&node->members, g_free);
  g_clear_pointer (&node->summary, g_free);
}

void
bpl_graph_free (BplGraph *self)
{
  if (self == NULL)
    return;
  for (guint n = 0; n < self->n_nodes; n++)
    _bpl_graph_node_clear (&self->nodes[n]);
  g_free (self->nodes);
  g_free (self->edges);
  g_free (self);
}

/* Finding nodes */

gint
bpl_graph_find_full (const BplGraph *self, guint full_id)
{
  g_return_val_if_fail (self != NULL, -1);

  if (self->focus == BPL_GRAPH_WHOLE)
    return full_id < self->n_nodes ? (gint) full_id : -1;
  for (guint n = 0; n < self->n_nodes; n++)
    {
      const BplGraphNode *node = &self->nodes[n];

      if (node->full_id == (gint) full_id)
        return (gint) n;
      for (guint m = 0; m < node->n_members; m++)
        if (node->members[m] == full_id)
          return (gint) n;
    }
  return -1;
}

gint
bpl_graph_find_param (const BplGraph *self, BplParam param)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint n = 0; n < self->n_nodes; n++)
    {
      const BplGraphNode *node = &self->nodes[n];

      if ((param.kind == BPL_PARAM_WEIGHT && node->op == BPL_GRAPH_OP_WEIGHT
           && node->weight == (gint) param.index)
          || (param.kind == BPL_PARAM_BIAS && node->op == BPL_GRAPH_OP_BIAS
              && node->bias == (gint) param.index))
        return (gint) n;
    }
  return -1;
}

gint
bpl_graph_find_neuron (const BplGraph *self, guint neuron)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint n = 0; n < self->n_nodes; n++)
    {
      const BplGraphNode *node = &self->nodes[n];

      if (node->neuron == (gint) neuron
          && (node->op == BPL_GRAPH_OP_INPUT || bpl_graph_op_gate (node->op) == BPL_GATE_ACTIVATION
              || node->op == BPL_GRAPH_OP_SOFTMAX))
        return (gint) n;
    }
  return -1;
}

gint
bpl_graph_find_name (const BplGraph *self, const char *name)
{
  g_return_val_if_fail (self != NULL && name != NULL, -1);

  for (guint n = 0; n < self->n_nodes; n++)
    if (self->nodes[n].op != BPL_GRAPH_OP_GROUP && g_str_equal (self->nodes[n].name, name))
      return (gint) n;
  return -1;
}

gint
bpl_graph_find_factor (const BplGraph *self, const BplFactor *factor)
{
  g_return_val_if_fail (self != NULL && factor != NULL, -1);

  for (guint n = 0; n < self->n_nodes; n++)
    {
      const BplGraphNode *node = &self->nodes[n];
      gboolean match = FALSE;

      switch (factor->kind)
        {
        case BPL_FACTOR_NET_WRT_PARAM:
          match = factor->weight >= 0 ? node->op == BPL_GRAPH_OP_MUL && node->weight == factor->weight
                                      : node->op == BPL_GRAPH_OP_ADD && node->neuron == factor->neuron;
          break;
        case BPL_FACTOR_NET_WRT_OUT:
          match = node->op == BPL_GRAPH_OP_MUL && node->weight == factor->weight;
          break;
        case BPL_FACTOR_OUT_WRT_NET:
          match = (bpl_graph_op_gate (node->op) == BPL_GATE_ACTIVATION || node->op == BPL_GRAPH_OP_SOFTMAX)
                  && node->neuron == factor->neuron;
          break;
        case BPL_FACTOR_SOFTMAX:
          /* ∂out_o2/∂net_o1: the softmax of o2. */
          match = node->op == BPL_GRAPH_OP_SOFTMAX && node->neuron == factor->neuron;
          break;
        case BPL_FACTOR_ERROR_WRT_OUT:
          match = bpl_graph_op_gate (node->op) == BPL_GATE_LOSS && node->neuron == factor->neuron;
          break;
        default:
          break;
        }
      if (match)
        return (gint) n;
    }
  return -1;
}

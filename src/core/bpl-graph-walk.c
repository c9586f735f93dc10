/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-graph-walk.c: the forward and backward passes as sequences of steps,
 * pure data with a sentence each, for a view to play and step through. */
#include "config.h"

#include "bpl-graph.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "bpl-graph-private.h"

static void
name (BplExpr *e, const BplGraphNode *node)
{
  if (node->op == BPL_GRAPH_OP_GROUP)
    {
      /* "the rest of h1…h8" */
      bpl_expr_text (e, _("the rest of "));
      bpl_graph_expr_name (e, node->name);
    }
  else
    bpl_graph_expr_name (e, node->name);
}

static void
text (BplExpr *e, const char *s)
{
  bpl_expr_text (e, s);
}

static void
number (BplExpr *e, double value)
{
  bpl_expr_number (e, value);
}

static void
flow_list_end (BplExpr *e, guint i, guint n)
{
  if (i + 2 < n)
    text (e, ", ");
  else if (i + 2 == n)
    text (e, n > 2 ? _(", and ") : _(" and "));
}

/* f'(net) as the derivation writes it. */
static void
slope_formula (BplExpr *e, const BplGraph *g, const BplGraphNode *node)
{
  const BplGraphNode *in = &g->nodes[g->edges[node->inputs[0]].from];

  switch (node->op)
    {
    case BPL_GRAPH_OP_SIGMOID:
      name (e, node);
      text (e, "(1 − ");
      name (e, node);
      text (e, ")");
      break;
    case BPL_GRAPH_OP_TANH:
      text (e, "1 − ");
      name (e, node);
      text (e, "²");
      break;
    case BPL_GRAPH_OP_RELU:
      text (e, _("1 if "));
      name (e, in);
      text (e, _(" > 0, else 0"));
      break;
    case BPL_GRAPH_OP_IDENTITY:
    default:
      text (e, "1");
      break;
    }
}

static const char *
activation_words (BplGraphOp op)
{
  switch (op)
    {
    case BPL_GRAPH_OP_SIGMOID:
      return "σ";
    case BPL_GRAPH_OP_TANH:
      return "tanh";
    case BPL_GRAPH_OP_RELU:
      return "ReLU";
    case BPL_GRAPH_OP_IDENTITY:
    default:
      return "";
    }
}

/* A softmax node's own net: net_o2 for out_o2. */
static void
softmax_own (BplExpr *e, const BplGraph *g, const BplGraphNode *node)
{
  for (guint i = 0; i < node->n_inputs; i++)
    if (g->nodes[g->edges[node->inputs[i]].from].neuron == node->neuron)
      name (e, &g->nodes[g->edges[node->inputs[i]].from]);
}

/* net_h2 = w3·i1 + w4·i2 + b1, E_total = E_o1 + E_o2, with the inputs' names. */
static void
definition (BplExpr *e, const BplGraph *g, const BplGraphNode *node)
{
  name (e, node);
  /* A product's name says what it is: w3·i1. */
  if (node->op == BPL_GRAPH_OP_MUL)
    return;
  text (e, " = ");
  switch (node->op)
    {
    case BPL_GRAPH_OP_ADD:
      for (guint i = 0; i < node->n_inputs; i++)
        {
          if (i > 0)
            text (e, " + ");
          name (e, &g->nodes[g->edges[node->inputs[i]].from]);
        }
      break;
    case BPL_GRAPH_OP_SIGMOID:
    case BPL_GRAPH_OP_TANH:
    case BPL_GRAPH_OP_RELU:
      text (e, activation_words (node->op));
      text (e, "(");
      name (e, &g->nodes[g->edges[node->inputs[0]].from]);
      text (e, ")");
      break;
    case BPL_GRAPH_OP_IDENTITY:
      name (e, &g->nodes[g->edges[node->inputs[0]].from]);
      break;
    case BPL_GRAPH_OP_SOFTMAX:
      /* exp(net_o2) / (exp(net_o1) + exp(net_o2) + …) */
      text (e, "exp(");
      softmax_own (e, g, node);
      text (e, ") / (");
      for (guint i = 0; i < node->n_inputs; i++)
        {
          if (i > 0)
            text (e, " + ");
          text (e, "exp(");
          name (e, &g->nodes[g->edges[node->inputs[i]].from]);
          text (e, ")");
        }
      text (e, ")");
      break;
    case BPL_GRAPH_OP_SQUARED_ERROR:
      text (e, "½(");
      name (e, &g->nodes[g->edges[node->inputs[1]].from]);
      text (e, " − ");
      name (e, &g->nodes[g->edges[node->inputs[0]].from]);
      text (e, ")²");
      break;
    case BPL_GRAPH_OP_CROSS_ENTROPY:
      text (e, "−");
      name (e, &g->nodes[g->edges[node->inputs[1]].from]);
      text (e, "·ln ");
      name (e, &g->nodes[g->edges[node->inputs[0]].from]);
      if (_bpl_graph_is_categorical (g, node))
        break;
      text (e, " − (1 − ");
      name (e, &g->nodes[g->edges[node->inputs[1]].from]);
      text (e, ")·ln(1 − ");
      name (e, &g->nodes[g->edges[node->inputs[0]].from]);
      text (e, ")");
      break;
    case BPL_GRAPH_OP_INPUT:
    case BPL_GRAPH_OP_WEIGHT:
    case BPL_GRAPH_OP_BIAS:
    case BPL_GRAPH_OP_TARGET:
    case BPL_GRAPH_OP_GROUP:
    case BPL_GRAPH_N_OPS:
    default:
      g_assert_not_reached ();
    }
}

/* The same with numbers, from what flows along the input edges. */
static void
definition_numbers (BplExpr *e, const BplGraph *g, const BplGraphNode *node)
{
#define IN(i) (g->edges[node->inputs[(i)]].value)
  switch (node->op)
    {
    case BPL_GRAPH_OP_MUL:
      number (e, IN (0));
      text (e, " × ");
      number (e, IN (1));
      break;
    case BPL_GRAPH_OP_ADD:
      for (guint i = 0; i < node->n_inputs; i++)
        {
          if (i > 0)
            text (e, " + ");
          number (e, IN (i));
        }
      break;
    case BPL_GRAPH_OP_SIGMOID:
    case BPL_GRAPH_OP_TANH:
    case BPL_GRAPH_OP_RELU:
      text (e, activation_words (node->op));
      text (e, "(");
      number (e, IN (0));
      text (e, ")");
      break;
    case BPL_GRAPH_OP_IDENTITY:
      number (e, IN (0));
      break;
    case BPL_GRAPH_OP_SOFTMAX:
      text (e, "exp(");
      for (guint i = 0; i < node->n_inputs; i++)
        if (g->nodes[g->edges[node->inputs[i]].from].neuron == node->neuron)
          number (e, IN (i));
      text (e, ") / (");
      for (guint i = 0; i < node->n_inputs; i++)
        {
          if (i > 0)
            text (e, " + ");
          text (e, "exp(");
          number (e, IN (i));
          text (e, ")");
        }
      text (e, ")");
      break;
    case BPL_GRAPH_OP_SQUARED_ERROR:
      text (e, "½(");
      number (e, IN (1));
      text (e, " − ");
      number (e, IN (0));
      text (e, ")²");
      break;
    case BPL_GRAPH_OP_CROSS_ENTROPY:
      text (e, "−");
      number (e, IN (1));
      text (e, "·ln ");
      number (e, IN (0));
      if (_bpl_graph_is_categorical (g, node))
        break;
      text (e, " − (1 − ");
      number (e, IN (1));
      text (e, ")·ln(1 − ");
      number (e, IN (0));
      text (e, ")");
      break;
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

/* Forward: "net_h2 = w3·i1 + w4·i2 + b1 = 0.0125 + 0.03 + 0.35 = 0.3925". */
static void
forward_step (const BplGraph *g, const BplGraphNode *node, BplGraphStep *step)
{
  BplExpr *e = bpl_expr_new ();

  step->outgoing = g_new0 (BplGraphFlow, MAX (node->n_inputs, 1));
  step->n_outgoing = node->n_inputs;
  for (guint i = 0; i < node->n_inputs; i++)
    {
      const BplGraphEdge *edge = &g->edges[node->inputs[i]];

      step->outgoing[i] = (BplGraphFlow) { edge->id, edge->from, edge->value, edge->local, NAN };
    }

  definition (e, g, node);
  text (e, " = ");
  definition_numbers (e, g, node);
  text (e, " = ");
  number (e, node->value);
  switch (bpl_graph_op_gate (node->op))
    {
    case BPL_GATE_MUL:
      text (e, _(": a product of a weight and what it weighs."));
      break;
    case BPL_GATE_ADD:
      text (e, node->id == g->root ? _(": the total error, the sum of the output errors.")
                                   : _(": the net input, the weighted inputs and the bias added up."));
      break;
    case BPL_GATE_ACTIVATION:
      text (e, _(": the neuron's output."));
      break;
    case BPL_GATE_SOFTMAX:
      text (e, _(": the neuron's output, its share of the layer's exp(net)."));
      break;
    case BPL_GATE_LOSS:
      text (e, _(": the error of this output."));
      break;
    case BPL_GATE_LEAF:
    case BPL_GATE_GROUP:
    default:
      text (e, ".");
      break;
    }
  step->sentence = e;
}

/* "out_h2 is used 2 times, so the gradients coming back add up: a + b = c." */
static void
arrivals_sentence (BplExpr *e, const BplGraph *g, const BplGraphNode *node, const BplGraphStep *step)
{
  if (step->n_arrivals < 2)
    return;
  name (e, node);
  text (e, _(" is used in more than one place, so the gradients that come back add up: "));
  for (guint i = 0; i < step->n_arrivals; i++)
    {
      if (i > 0)
        text (e, " + ");
      number (e, step->arrivals[i].gradient);
    }
  text (e, " = ");
  number (e, step->upstream);
  text (e, ". ");
}

/* "x gets 0.1385 × 0.5969 = 0.0827" */
static void
outgoing_product (BplExpr *e, const BplGraph *g, const BplGraphStep *step, guint i)
{
  const BplGraphFlow *f = &step->outgoing[i];

  name (e, &g->nodes[f->node]);
  text (e, _(" gets "));
  if (!isnan (f->local))
    {
      number (e, step->upstream);
      text (e, " × ");
      number (e, f->local);
      text (e, " = ");
    }
  number (e, f->gradient);
}

static void
backward_sentence (const BplGraph *g, const BplGraphNode *node, BplGraphStep *step)
{
  BplExpr *e = bpl_expr_new ();

  if (step->root)
    {
      text (e, _("Start at "));
      name (e, node);
      text (e, ": ∂");
      name (e, node);
      text (e, "/∂");
      name (e, node);
      text (e, " = 1. ");
    }
  else
    arrivals_sentence (e, g, node, step);

  switch (step->gate)
    {
    case BPL_GATE_ADD:
      definition (e, g, node);
      text (e, _(" is an add gate: it passes its gradient "));
      number (e, step->upstream);
      text (e, _(" on unchanged to each input ("));
      for (guint i = 0; i < step->n_outgoing; i++)
        {
          name (e, &g->nodes[step->outgoing[i].node]);
          flow_list_end (e, i, step->n_outgoing);
        }
      text (e, ").");
      break;

    case BPL_GATE_MUL:
      text (e, _("The product "));
      definition (e, g, node);
      text (e, _(" is a multiply gate: it swaps its inputs, each gets the upstream gradient times the "
                 "other's value: "));
      for (guint i = 0; i < step->n_outgoing; i++)
        {
          outgoing_product (e, g, step, i);
          flow_list_end (e, i, step->n_outgoing);
        }
      text (e, ".");
      break;

    case BPL_GATE_ACTIVATION:
      definition (e, g, node);
      if (step->fused)
        {
          const BplGraphNode *error = &g->nodes[g->edges[node->outputs[0]].to];

          text (e, _(" with cross-entropy: out(1 − out) cancels the error's denominator, so "));
          name (e, &g->nodes[step->outgoing[0].node]);
          text (e, _(" gets ∂"));
          name (e, error);
          text (e, "/∂");
          name (e, &g->nodes[step->outgoing[0].node]);
          text (e, " = ");
          number (e, step->outgoing[0].gradient);
          text (e, ".");
          break;
        }
      if (node->op == BPL_GRAPH_OP_IDENTITY)
        text (e, _(" is linear: its derivative is 1, so it passes the gradient on unchanged: "));
      else if (node->op == BPL_GRAPH_OP_RELU)
        text (e, step->outgoing[0].local > 0
                   ? _(" lets the gradient through, as its input is above 0: ")
                   : _(" blocks the gradient, as its input is not above 0: "));
      else
        {
          text (e, _(" scales the gradient by its derivative "));
          slope_formula (e, g, node);
          text (e, " = ");
          number (e, step->outgoing[0].local);
          text (e, ": ");
        }
      outgoing_product (e, g, step, 0);
      text (e, ".");
      break;

    case BPL_GATE_SOFTMAX:
      definition (e, g, node);
      if (step->fused)
        {
          /* out_k rounded to 0: the product is taken whole. */
          text (e, _(" with cross-entropy: its out rounds to 0, where −t/out is infinite, but "
                     "out_k(δ_kj − out_j) cancels the out, so each net gets −t_k(δ_kj − out_j): "));
          for (guint i = 0; i < step->n_outgoing; i++)
            {
              name (e, &g->nodes[step->outgoing[i].node]);
              text (e, _(" gets "));
              number (e, step->outgoing[i].gradient);
              flow_list_end (e, i, step->n_outgoing);
            }
          text (e, ".");
          break;
        }
      text (e, _(" is a softmax: it couples the layer, so every net gets the gradient times ∂"));
      bpl_expr_name (e, "out", "k");
      text (e, "/∂");
      bpl_expr_name (e, "net", "j");
      text (e, ", ");
      bpl_expr_name (e, "out", "k");
      text (e, "(1 − ");
      bpl_expr_name (e, "out", "k");
      text (e, _(") for its own net and −"));
      bpl_expr_name (e, "out", "k");
      text (e, "·");
      bpl_expr_name (e, "out", "j");
      text (e, _(" for the others: "));
      for (guint i = 0; i < step->n_outgoing; i++)
        {
          outgoing_product (e, g, step, i);
          flow_list_end (e, i, step->n_outgoing);
        }
      text (e, ".");
      break;

    case BPL_GATE_LOSS:
      {
        const BplGraphNode *out = &g->nodes[step->outgoing[0].node];

        definition (e, g, node);
        text (e, _(": its local gradient is ∂"));
        name (e, node);
        text (e, "/∂");
        name (e, out);
        text (e, " = ");
        if (_bpl_graph_is_categorical (g, node))
          {
            text (e, "−");
            name (e, &g->nodes[step->outgoing[1].node]);
            text (e, "/");
            name (e, out);
          }
        else if (node->op == BPL_GRAPH_OP_CROSS_ENTROPY)
          {
            text (e, "(");
            name (e, out);
            text (e, " − ");
            name (e, &g->nodes[step->outgoing[1].node]);
            text (e, ")/(");
            name (e, out);
            text (e, "(1 − ");
            name (e, out);
            text (e, "))");
          }
        else
          {
            name (e, out);
            text (e, " − ");
            name (e, &g->nodes[step->outgoing[1].node]);
          }
        text (e, " = ");
        number (e, step->outgoing[0].local);
        text (e, ". ");
        for (guint i = 0; i < step->n_outgoing; i++)
          {
            outgoing_product (e, g, step, i);
            flow_list_end (e, i, step->n_outgoing);
          }
        text (e, ".");
      }
      break;

    case BPL_GATE_LEAF:
      name (e, node);
      switch (node->op)
        {
        case BPL_GRAPH_OP_WEIGHT:
        case BPL_GRAPH_OP_BIAS:
          text (e, node->op == BPL_GRAPH_OP_WEIGHT ? _(" is a weight, a leaf: the gradient stops here: ∂")
                                                   : _(" is a bias, a leaf: the gradient stops here: ∂"));
          bpl_expr_name (e, "E", "total");
          text (e, "/∂");
          name (e, node);
          text (e, " = ");
          number (e, step->upstream);
          text (e, _(", the gradient a training step uses."));
          break;
        case BPL_GRAPH_OP_INPUT:
          text (e, _(" is an input, a leaf: its gradient "));
          number (e, step->upstream);
          text (e, _(" trains nothing."));
          break;
        case BPL_GRAPH_OP_TARGET:
          text (e, _(" is a target, a leaf: its gradient "));
          number (e, step->upstream);
          text (e, _(" trains nothing."));
          break;
        default:
          text (e, ".");
          break;
        }
      break;

    case BPL_GATE_GROUP:
    default:
      g_assert_not_reached ();
    }
  step->sentence = e;
}

static void
backward_step (const BplGraph *g, const BplGraphNode *node, BplGraphStep *step)
{
  step->root = node->id == g->root;
  step->upstream = node->gradient;
  step->arrivals = g_new0 (BplGraphFlow, MAX (node->n_outputs, 1));
  step->n_arrivals = node->n_outputs;
  for (guint o = 0; o < node->n_outputs; o++)
    {
      const BplGraphEdge *edge = &g->edges[node->outputs[o]];

      step->arrivals[o] = (BplGraphFlow) { edge->id, edge->to, edge->value, edge->local,
                                           edge->gradient };
    }
  step->outgoing = g_new0 (BplGraphFlow, MAX (node->n_inputs, 1));
  step->n_outgoing = node->n_inputs;
  for (guint i = 0; i < node->n_inputs; i++)
    {
      const BplGraphEdge *edge = &g->edges[node->inputs[i]];
      gboolean fused = FALSE;

      /* In a subgraph the full graph's numbers are copied; the fused form
       * shows where local × upstream is not finite. */
      if (edge->n_merged == 1)
        (void) _bpl_graph_pass_back (g, node->id, edge->slot, edge->local, node->gradient, &fused);
      step->fused = step->fused || fused;
      step->outgoing[i] = (BplGraphFlow) { edge->id, edge->from, edge->value, edge->local,
                                           edge->gradient };
    }
  backward_sentence (g, node, step);
}

static gint
compare_rank (gconstpointer a, gconstpointer b, gpointer data)
{
  const BplGraph *g = data;
  guint ra = g->nodes[*(const guint *) a].backward_rank;
  guint rb = g->nodes[*(const guint *) b].backward_rank;

  return ra < rb ? -1 : ra > rb;
}

BplGraphWalk *
bpl_graph_walk_new (const BplGraph *graph, BplGraphDirection direction)
{
  BplGraphWalk *self;
  g_autoptr (GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));

  g_return_val_if_fail (graph != NULL, NULL);

  for (guint n = 0; n < graph->n_nodes; n++)
    {
      const BplGraphNode *node = &graph->nodes[n];

      if (node->op == BPL_GRAPH_OP_GROUP)
        continue;
      if (direction == BPL_GRAPH_FORWARD && bpl_graph_node_is_leaf (node))
        continue;
      g_array_append_val (order, n);
    }
  /* Forward: the nodes' own order, which is the forward pass's. Backward:
   * the full graph's reverse walk, E_total first. */
  if (direction == BPL_GRAPH_BACKWARD)
    g_array_sort_with_data (order, compare_rank, (gpointer) graph);

  self = g_new0 (BplGraphWalk, 1);
  self->direction = direction;
  self->n_nodes = graph->n_nodes;
  self->step_of_node = g_new (gint, MAX (graph->n_nodes, 1));
  for (guint n = 0; n < graph->n_nodes; n++)
    self->step_of_node[n] = -1;
  self->n_steps = order->len;
  self->steps = g_new0 (BplGraphStep, MAX (order->len, 1));
  for (guint i = 0; i < order->len; i++)
    {
      guint n = g_array_index (order, guint, i);
      const BplGraphNode *node = &graph->nodes[n];
      BplGraphStep *step = &self->steps[i];

      step->node = n;
      step->gate = bpl_graph_op_gate (node->op);
      step->value = node->value;
      self->step_of_node[n] = (gint) i;
      if (direction == BPL_GRAPH_FORWARD)
        forward_step (graph, node, step);
      else
        backward_step (graph, node, step);
    }
  return self;
}

void
bpl_graph_walk_free (BplGraphWalk *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_steps; i++)
    {
      g_free (self->steps[i].arrivals);
      g_free (self->steps[i].outgoing);
      g_clear_pointer (&self->steps[i].sentence, bpl_expr_free);
    }
  g_free (self->steps);
  g_free (self->step_of_node);
  g_free (self);
}

gboolean
bpl_graph_walk_known (const BplGraphWalk *self, gint position, guint node)
{
  gint step;

  g_return_val_if_fail (self != NULL && node < self->n_nodes, FALSE);

  step = self->step_of_node[node];
  if (step < 0)
    return self->direction == BPL_GRAPH_FORWARD;
  return step <= position;
}

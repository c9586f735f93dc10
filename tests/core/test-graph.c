/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-graph.c: the computational graph. Its values against the forward
 * pass, and its own reverse walk's gradients against the training code's
 * backpropagation (∂E/∂w of every weight leaf, ∂E/∂b, δ of every net node,
 * ∂E/∂out), against finite differences of the parameters and of every node,
 * on seeded random networks of every activation, loss and bias mode; the
 * worked example's numbers; the walks, subgraphs, path counts, the column
 * arrangement, and the DOT and TikZ exports (drawn by Graphviz and compiled
 * by pdflatex when they are installed). */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "backprop-lens.h"
#include "bpl-graph-private.h"
#include "bpl-test-util.h"

#define SEED 20250301

typedef struct
{
  const guint *sizes;
  guint        n_layers;
} Shape;

static const guint shape_11[] = { 1, 1 };
static const guint shape_222[] = { 2, 2, 2 };
static const guint shape_231[] = { 2, 3, 1 };
static const guint shape_3442[] = { 3, 4, 4, 2 };
static const guint shape_45323[] = { 4, 5, 3, 2, 3 };
static const Shape shapes[] = {
  { shape_11, 2 }, { shape_222, 3 }, { shape_231, 3 }, { shape_3442, 4 }, { shape_45323, 5 },
};

static const BplBiasMode bias_modes[] = { BPL_BIAS_PER_LAYER, BPL_BIAS_PER_NEURON, BPL_BIAS_NONE };
static const BplActivation activations[] = {
  BPL_ACTIVATION_SIGMOID, BPL_ACTIVATION_TANH, BPL_ACTIVATION_RELU, BPL_ACTIVATION_LINEAR,
};

/* TRUE when no relu neuron's net is within 1e-3 of its kink for any sample:
 * finite differences across the kink would measure neither side. */
static gboolean
clear_of_kinks (const BplNetwork *net)
{
  g_autoptr (BplForward) fw = bpl_forward_new (net);

  for (guint s = 0; s < bpl_network_get_n_samples (net); s++)
    {
      bpl_forward_compute (fw, net, s);
      for (guint n = bpl_network_get_n_inputs (net); n < bpl_network_get_n_neurons (net); n++)
        if (bpl_network_get_activation (net, bpl_network_get_neuron_layer (net, n)) == BPL_ACTIVATION_RELU
            && fabs (fw->net[n]) < 1e-3)
          return FALSE;
    }
  return TRUE;
}

/* @shape with uniform random parameters and two samples; the activation of
 * layer l is @acts[(l − 1) % n_acts]. */
static BplNetwork *
random_network (GRand *rand, const Shape *shape, BplBiasMode mode, const BplActivation *acts,
                guint n_acts, BplLoss loss)
{
  for (guint attempt = 0; attempt < 1000; attempt++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (BplNetwork) net = bpl_network_new (shape->sizes, shape->n_layers, mode, &error);
      double input[BPL_MAX_LAYER_SIZE], target[BPL_MAX_LAYER_SIZE];

      g_assert_no_error (error);
      for (guint l = 1; l < shape->n_layers; l++)
        bpl_network_set_activation (net, l, acts[(l - 1) % n_acts]);
      if (loss == BPL_LOSS_CROSS_ENTROPY)
        bpl_network_set_activation (net, shape->n_layers - 1, BPL_ACTIVATION_SIGMOID);
      bpl_network_set_loss (net, loss);
      for (guint w = 0; w < bpl_network_get_n_weights (net); w++)
        bpl_network_set_weight (net, w, g_rand_double_range (rand, -1.0, 1.0));
      for (guint b = 0; b < bpl_network_get_n_biases (net); b++)
        bpl_network_set_bias (net, b, g_rand_double_range (rand, -0.5, 0.5));
      for (guint s = 0; s < 2; s++)
        {
          for (guint i = 0; i < shape->sizes[0]; i++)
            input[i] = g_rand_double_range (rand, -1.0, 1.0);
          for (guint o = 0; o < shape->sizes[shape->n_layers - 1]; o++)
            target[o] = g_rand_double_range (rand, 0.05, 0.95);
          if (s == 0)
            {
              for (guint i = 0; i < shape->sizes[0]; i++)
                bpl_network_set_input (net, 0, i, input[i]);
              for (guint o = 0; o < shape->sizes[shape->n_layers - 1]; o++)
                bpl_network_set_target (net, 0, o, target[o]);
            }
          else
            bpl_network_add_sample (net, input, target);
        }
      g_assert_true (bpl_network_check (net, NULL));
      if (clear_of_kinks (net))
        return g_steal_pointer (&net);
    }
  g_assert_not_reached ();
  return NULL;
}

/* Calls @check on a network of every shape, bias mode, activation (each on
 * its own and all four mixed) and loss. */
static void
for_each_network (void (*check) (const BplNetwork *net, const char *what))
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (SEED);

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (guint m = 0; m < G_N_ELEMENTS (bias_modes); m++)
      for (guint a = 0; a <= G_N_ELEMENTS (activations); a++)
        for (guint loss = 0; loss < 2; loss++)
          {
            gboolean mixed = a == G_N_ELEMENTS (activations);
            g_autoptr (BplNetwork) net = random_network (rand, &shapes[s], bias_modes[m],
                                                         mixed ? activations : &activations[a],
                                                         mixed ? G_N_ELEMENTS (activations) : 1,
                                                         loss == 0 ? BPL_LOSS_SQUARED_ERROR
                                                                   : BPL_LOSS_CROSS_ENTROPY);
            g_autofree char *what = g_strdup_printf ("shape %u, %s biases, %s, %s", s,
                                                     bpl_bias_mode_to_string (bias_modes[m]),
                                                     mixed ? "mixed" : bpl_activation_to_string (activations[a]),
                                                     loss == 0 ? "squared error" : "cross-entropy");

            check (net, what);
          }
}

static const BplGraphNode *
node_named (const BplGraph *g, const char *name)
{
  gint id = bpl_graph_find_name (g, name);

  if (id < 0)
    g_error ("no node %s", name);
  return &g->nodes[id];
}

/* The worked example */

static void
test_worked_structure (void)
{
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  g_autoptr (GError) error = NULL;
  g_autoptr (BplGraph) g = bpl_graph_new (net, 0, &error);
  guint count[BPL_GRAPH_N_OPS] = { 0 };
  const char *const names[] = { "i1", "i2", "w1", "w3", "w3·i1", "w4·i2", "b1", "net_h2", "out_h2",
                                "w6·out_h2", "net_o1", "out_o1", "target_o1", "E_o1", "E_total" };

  g_assert_no_error (error);
  for (guint n = 0; n < g->n_nodes; n++)
    count[g->nodes[n].op]++;
  g_assert_cmpuint (count[BPL_GRAPH_OP_INPUT], ==, 2);
  g_assert_cmpuint (count[BPL_GRAPH_OP_WEIGHT], ==, 8);
  g_assert_cmpuint (count[BPL_GRAPH_OP_MUL], ==, 8);
  g_assert_cmpuint (count[BPL_GRAPH_OP_BIAS], ==, 2);
  g_assert_cmpuint (count[BPL_GRAPH_OP_ADD], ==, 5);
  g_assert_cmpuint (count[BPL_GRAPH_OP_SIGMOID], ==, 4);
  g_assert_cmpuint (count[BPL_GRAPH_OP_TARGET], ==, 2);
  g_assert_cmpuint (count[BPL_GRAPH_OP_SQUARED_ERROR], ==, 2);
  g_assert_cmpuint (g->n_nodes, ==, 33);
  /* 8 products × 2, 4 sums × 3, 4 activations, 2 errors × 2, E_total 2. */
  g_assert_cmpuint (g->n_edges, ==, 38);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpint (bpl_graph_find_name (g, names[i]), >=, 0);
  g_assert_cmpstr (g->nodes[g->root].name, ==, "E_total");

  /* net_h2 = w3·i1 + w4·i2 + b1, in that order; w3·i1 = w3 × i1. */
  {
    const BplGraphNode *sum = node_named (g, "net_h2");
    const BplGraphNode *mul = node_named (g, "w3·i1");

    g_assert_cmpuint (sum->n_inputs, ==, 3);
    g_assert_cmpstr (g->nodes[g->edges[sum->inputs[0]].from].name, ==, "w3·i1");
    g_assert_cmpstr (g->nodes[g->edges[sum->inputs[1]].from].name, ==, "w4·i2");
    g_assert_cmpstr (g->nodes[g->edges[sum->inputs[2]].from].name, ==, "b1");
    g_assert_cmpstr (g->nodes[g->edges[mul->inputs[0]].from].name, ==, "w3");
    g_assert_cmpstr (g->nodes[g->edges[mul->inputs[1]].from].name, ==, "i1");
    g_assert_cmpint (mul->weight, ==, 2);
    g_assert_cmpint (mul->neuron, ==, 3);
  }

  /* Finding nodes by what they stand for. */
  g_assert_cmpstr (g->nodes[bpl_graph_find_param (g, (BplParam) { BPL_PARAM_WEIGHT, 2 })].name, ==, "w3");
  g_assert_cmpstr (g->nodes[bpl_graph_find_param (g, (BplParam) { BPL_PARAM_BIAS, 1 })].name, ==, "b2");
  g_assert_cmpstr (g->nodes[bpl_graph_find_neuron (g, 3)].name, ==, "out_h2");
  g_assert_cmpstr (g->nodes[bpl_graph_find_neuron (g, 0)].name, ==, "i1");

  /* The sample is checked. */
  g_assert_null (bpl_graph_new (net, 1, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
}

/* The numbers the worked example prints, from the graph's own evaluation and
 * reverse walk (../shared/reference/worked-example.txt). */
static void
test_worked_numbers (void)
{
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  g_autoptr (BplGraph) g = bpl_graph_new (net, 0, NULL);

  assert_shown (node_named (g, "net_h1")->value, "0.3775");
  assert_shown (node_named (g, "out_h1")->value, "0.593269992");
  assert_shown (node_named (g, "out_h2")->value, "0.596884378");
  assert_shown (node_named (g, "out_o1")->value, "0.75136507");
  assert_shown (node_named (g, "E_o1")->value, "0.274811083");
  assert_shown (node_named (g, "E_o2")->value, "0.023560026");
  assert_shown (node_named (g, "E_total")->value, "0.298371109");

  /* ∂E_total/∂out_o1 = 0.74136507, ∂E_total/∂net_o1 = δ_o1 = 0.138498562. */
  assert_shown (node_named (g, "out_o1")->gradient, "0.74136507");
  assert_shown (node_named (g, "net_o1")->gradient, "0.138498562");
  assert_shown (node_named (g, "w5")->gradient, "0.082167041");
  assert_shown (node_named (g, "w6")->gradient, "0.0826676278");
  assert_shown (node_named (g, "w7")->gradient, "-0.0226025405");
  /* ∂E_total/∂out_h1 = 0.036350306, and w1's gradient 0.000438568. */
  assert_shown (node_named (g, "out_h1")->gradient, "0.036350306");
  assert_shown (node_named (g, "w1")->gradient, "0.000438568");
  assert_shown (node_named (g, "w3")->gradient, "0.000497713");
  g_assert_cmpfloat (node_named (g, "E_total")->gradient, ==, 1.0);
  g_assert_cmpfloat (node_named (g, "E_o2")->gradient, ==, 1.0);
}

/* Gradients on random networks */

static const BplDelta *
find_delta (const BplDerivation *d, guint neuron)
{
  for (guint i = 0; i < d->n_deltas; i++)
    if (d->deltas[i].neuron == neuron)
      return &d->deltas[i];
  return NULL;
}

static void
check_gradients (const BplNetwork *net, const char *what)
{
  guint n_weights = bpl_network_get_n_weights (net);
  guint n_biases = bpl_network_get_n_biases (net);
  guint n_neurons = bpl_network_get_n_neurons (net);
  guint n_in = bpl_network_get_n_inputs (net);
  guint first_out = n_neurons - bpl_network_get_n_outputs (net);
  g_autofree double *wg = g_new0 (double, MAX (n_weights, 1));
  g_autofree double *bg = g_new0 (double, MAX (n_biases, 1));
  g_autoptr (BplForward) fw = bpl_forward_new (net);
  gboolean softmax = bpl_network_get_activation (net, bpl_network_get_n_layers (net) - 1)
                     == BPL_ACTIVATION_SOFTMAX;
  /* A softmax's δ add up to 0 with cross-entropy (Σ out − t): a shared
   * bias's gradient is 0 but for rounding, which the two sums do apart. */
  double zero = softmax ? 1e-15 : 1e-16;

  g_test_message ("%s", what);
  for (guint s = 0; s < bpl_network_get_n_samples (net); s++)
    {
      g_autoptr (BplGraph) g = bpl_graph_new (net, s, NULL);
      g_autofree double *delta = g_new0 (double, n_neurons);
      const double *target = bpl_network_get_target (net, s);

      bpl_network_gradient (net, s, fw, wg, bg);

      /* Values: the forward pass's, to the last bit. */
      for (guint n = 0; n < g->n_nodes; n++)
        {
          const BplGraphNode *node = &g->nodes[n];

          if (node->op == BPL_GRAPH_OP_ADD && node->neuron >= 0)
            g_assert_cmpfloat (node->value, ==, fw->net[node->neuron]);
          else if (bpl_graph_op_gate (node->op) == BPL_GATE_ACTIVATION)
            g_assert_cmpfloat (node->value, ==, fw->out[node->neuron]);
          else if (node->op == BPL_GRAPH_OP_SOFTMAX)
            assert_close (node->value, fw->out[node->neuron], 1e-15, 1e-300);
          else if (bpl_graph_op_gate (node->op) == BPL_GATE_LOSS)
            assert_close (node->value, fw->error[node->neuron - first_out], 1e-14, 1e-300);
        }
      assert_close (g->nodes[g->root].value, fw->total_error, 1e-14, 1e-300);

      /* Parameter leaves: the training code's backpropagation and finite
       * differences. */
      for (guint w = 0; w < n_weights; w++)
        {
          BplParam p = { BPL_PARAM_WEIGHT, w };
          double graph = g->nodes[bpl_graph_find_param (g, p)].gradient;

          assert_close (graph, wg[w], 1e-12, zero);
          assert_close (graph, bpl_network_numerical_gradient (net, p, s), 1e-6, 1e-9);
        }
      for (guint b = 0; b < n_biases; b++)
        {
          BplParam p = { BPL_PARAM_BIAS, b };
          double graph = g->nodes[bpl_graph_find_param (g, p)].gradient;

          assert_close (graph, bg[b], 1e-12, zero);
          assert_close (graph, bpl_network_numerical_gradient (net, p, s), 1e-6, 1e-9);
        }

      /* δ of every neuron as the derivation shows it (from the derivation of
       * a weight into it, whose δ list starts there). */
      for (guint n = n_in; n < n_neurons; n++)
        {
          guint l = bpl_network_get_neuron_layer (net, n);
          guint w = bpl_network_get_weight_start (net, l)
                    + (n - bpl_network_get_layer_start (net, l)) * bpl_network_get_layer_size (net, l - 1);
          g_autoptr (BplDerivation) d = bpl_derivation_new_full (net, (BplParam) { BPL_PARAM_WEIGHT, w }, s, 0, NULL);
          const BplDelta *dd = find_delta (d, n);
          gint sum = -1;

          g_assert_nonnull (dd);
          delta[n] = dd->value;
          for (guint k = 0; k < g->n_nodes; k++)
            if (g->nodes[k].op == BPL_GRAPH_OP_ADD && g->nodes[k].neuron == (gint) n)
              sum = (gint) k;
          g_assert_cmpint (sum, >=, 0);
          assert_close (g->nodes[sum].gradient, dd->value, 1e-12, zero);
        }

      /* ∂E/∂out: Σ w·δ over the next layer, or ∂E_o/∂out_o at an output. */
      for (guint n = n_in; n < n_neurons; n++)
        {
          double expected = 0.0, scale = 0.0;
          double out = fw->out[n];

          if (n >= first_out)
            {
              double t = target[n - first_out];

              if (softmax && bpl_network_get_loss (net) == BPL_LOSS_CROSS_ENTROPY)
                expected = t == 0 ? 0.0 : -t / out;
              else
                expected = bpl_network_get_loss (net) == BPL_LOSS_CROSS_ENTROPY
                             ? (out - t) / (out * (1.0 - out)) : out - t;
              scale = fabs (expected);
            }
          else
            {
              guint l = bpl_network_get_neuron_layer (net, n);

              for (guint j = 0; j < bpl_network_get_layer_size (net, l + 1); j++)
                {
                  guint up = bpl_network_get_layer_start (net, l + 1) + j;
                  double term = bpl_network_get_weight (net, (guint) bpl_network_find_weight (net, n, up))
                                * delta[up];

                  expected += term;
                  scale += fabs (term);
                }
            }
          assert_close (g->nodes[bpl_graph_find_neuron (g, n)].gradient, expected, 1e-12,
                        1e-15 * scale + 1e-300);
        }

      /* Every node, by a finite difference of its own value: E_total
       * recomputed downstream of it. */
      for (guint n = 0; n < g->n_nodes; n++)
        {
          const BplGraphNode *node = &g->nodes[n];
          double v = node->value;
          double h = 1e-5 * MAX (1.0, fabs (v));
          double d1 = (_bpl_graph_total_with (g, n, v + h) - _bpl_graph_total_with (g, n, v - h)) / (2 * h);
          double d2 = (_bpl_graph_total_with (g, n, v + h / 2) - _bpl_graph_total_with (g, n, v - h / 2)) / h;
          double numerical = (4 * d2 - d1) / 3;

          if (!isfinite (node->gradient))
            g_error ("%s: %s has gradient %g", what, node->name, node->gradient);
          assert_close (node->gradient, numerical, 1e-6, 1e-9);
        }
    }
}

static void
test_random_gradients (void)
{
  for_each_network (check_gradients);
}

/* Softmax outputs couple the layer: each out node takes every net, with
 * the Jacobian out_k(δ_kj − out_j) as its local gradients; with
 * cross-entropy (−t·ln out) and with squared error, every activation below
 * it and every bias mode. Checked as above: the training code's
 * backpropagation, finite differences of every parameter and every node,
 * the derivation's δ; and the walks and subgraphs. */
static void
for_each_softmax_network (void (*check) (const BplNetwork *net, const char *what))
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (SEED + 1);

  for (guint s = 1; s < G_N_ELEMENTS (shapes); s++)
    for (guint m = 0; m < G_N_ELEMENTS (bias_modes); m++)
      for (guint a = 0; a < G_N_ELEMENTS (activations); a++)
        for (guint loss = 0; loss < 2; loss++)
          {
            g_autoptr (BplNetwork) net = random_network (rand, &shapes[s], bias_modes[m], &activations[a], 1,
                                                         BPL_LOSS_SQUARED_ERROR);
            guint L = shapes[s].n_layers, n_out = shapes[s].sizes[L - 1];
            g_autofree char *what = g_strdup_printf ("softmax, shape %u, %s biases, %s, %s", s,
                                                     bpl_bias_mode_to_string (bias_modes[m]),
                                                     bpl_activation_to_string (activations[a]),
                                                     loss == 0 ? "squared error" : "cross-entropy");

            bpl_network_set_activation (net, L - 1, BPL_ACTIVATION_SOFTMAX);
            bpl_network_set_loss (net, loss == 0 ? BPL_LOSS_SQUARED_ERROR : BPL_LOSS_CROSS_ENTROPY);
            /* Targets that sum to 1: one-hot for the first sample, spread
             * for the second. */
            for (guint p = 0; p < bpl_network_get_n_samples (net); p++)
              {
                double sum = 0.0, t[BPL_MAX_LAYER_SIZE];

                for (guint o = 0; o < n_out; o++)
                  sum += t[o] = p == 0 ? (o == 1 % n_out) : g_rand_double_range (rand, 0.1, 1.0);
                for (guint o = 0; o < n_out; o++)
                  bpl_network_set_target (net, p, o, t[o] / sum);
              }
            g_assert_true (bpl_network_check (net, NULL));
            check (net, what);
          }
}

static void
check_softmax_path_count (const BplNetwork *net, const char *what)
{
  for (guint w = 0; w < bpl_network_get_n_weights (net); w++)
    {
      BplParam p = { BPL_PARAM_WEIGHT, w };
      g_autoptr (BplPathCount) pc = bpl_path_count_new (net, p);
      g_autoptr (BplDerivation) d = bpl_derivation_new (net, p, 0, NULL);

      g_assert_cmpuint (pc->n_paths, ==, d->n_paths_total);
      if (d->n_paths > 0)
        g_assert_cmpuint (pc->factors_per_path, ==, d->paths[0].n_factors);
      g_assert_cmpuint (pc->delta_multiplications, <=, pc->path_multiplications);
    }
}

static void check_walks (const BplNetwork *net, const char *what);
static void check_walks_of (const BplGraph *g, const char *what);

static void
check_softmax_subgraphs (const BplNetwork *net, const char *what)
{
  g_autoptr (BplGraph) full = bpl_graph_new (net, 0, NULL);

  for (guint w = 0; w < bpl_network_get_n_weights (net); w++)
    {
      g_autoptr (BplGraph) sub = bpl_graph_new_for_param (full, net, (BplParam) { BPL_PARAM_WEIGHT, w }, 2);

      check_walks_of (sub, what);
    }
  for (guint n = 0; n < bpl_network_get_n_neurons (net); n++)
    {
      g_autoptr (BplGraph) sub = bpl_graph_new_for_neuron (full, net, n, 2);

      check_walks_of (sub, what);
    }
}

static void
test_softmax (void)
{
  g_autoptr (BplNetwork) net = NULL;
  g_autoptr (BplGraph) g = NULL;
  g_autoptr (GError) error = NULL;
  const BplGraphNode *out_o2;

  for_each_softmax_network (check_gradients);
  for_each_softmax_network (check_walks);
  for_each_softmax_network (check_softmax_subgraphs);

  /* The example: out_o2 takes net_o1, net_o2 and net_o3, and its local
   * gradients are a row of the Jacobian. */
  {
    g_autofree char *path = g_build_filename (g_getenv ("BPL_SOURCE_ROOT"), "data", "networks", "softmax.json",
                                              NULL);

    net = bpl_network_load_from_file (path, &error);
    g_assert_no_error (error);
  }
  g = bpl_graph_new (net, 0, &error);
  g_assert_no_error (error);
  out_o2 = node_named (g, "out_o2");
  g_assert_cmpint (out_o2->op, ==, BPL_GRAPH_OP_SOFTMAX);
  g_assert_cmpuint (bpl_graph_op_gate (out_o2->op), ==, BPL_GATE_SOFTMAX);
  g_assert_cmpuint (out_o2->n_inputs, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const BplGraphEdge *e = &g->edges[out_o2->inputs[i]];
      const char *nets[] = { "net_o1", "net_o2", "net_o3" };
      const char *outs[] = { "out_o1", "out_o2", "out_o3" };
      double out_j = node_named (g, outs[i])->value;

      g_assert_cmpstr (g->nodes[e->from].name, ==, nets[i]);
      assert_close (e->local, out_o2->value * ((i == 1) - out_j), 1e-15, 1e-300);
    }
  g_assert_cmpstr (bpl_graph_op_to_string (BPL_GRAPH_OP_SOFTMAX), ==, "softmax");

  /* Saturated: out_o2 rounds to 0 under its target 1, so −t/out is
   * infinite; the nets still get −t(δ_kj − out_j), finite, as the training
   * code's out − target. */
  {
    g_autoptr (BplGraph) sat = NULL;
    g_autoptr (BplGraphWalk) back = NULL;
    g_autoptr (BplForward) fw = bpl_forward_new (net);
    guint n_weights = bpl_network_get_n_weights (net);
    g_autofree double *wg = g_new0 (double, n_weights);
    double bg = 0;
    const BplGraphStep *step;
    g_autofree char *text = NULL;

    /* o2's weights far below the others'. */
    for (guint w = 0; w < n_weights; w++)
      bpl_network_set_weight (net, w, w >= 9 && w < 12 ? -400.0 : 400.0);
    sat = bpl_graph_new (net, 0, &error);
    g_assert_no_error (error);
    bpl_network_gradient (net, 0, fw, wg, &bg);
    g_assert_cmpfloat (node_named (sat, "out_o2")->value, ==, 0.0);
    g_assert_true (isinf (node_named (sat, "out_o2")->gradient));
    g_assert_true (isfinite (node_named (sat, "E_o2")->value));
    for (guint w = 0; w < n_weights; w++)
      {
        double graph = sat->nodes[bpl_graph_find_param (sat, (BplParam) { BPL_PARAM_WEIGHT, w })].gradient;

        g_assert_true (isfinite (graph));
        assert_close (graph, wg[w], 1e-12, 1e-12);
      }
    back = bpl_graph_walk_new (sat, BPL_GRAPH_BACKWARD);
    step = &back->steps[back->step_of_node[bpl_graph_find_name (sat, "out_o2")]];
    g_assert_true (step->fused);
    text = bpl_expr_render (step->sentence, BPL_EXPR_TEXT, 5);
    g_assert_nonnull (strstr (text, "cancels"));
  }

  /* Paths through a softmax go on to every output, as the derivation
   * enumerates them: w1 feeds h1, which reaches 3 nets, each 3 outs. */
  for_each_softmax_network (check_softmax_path_count);
  {
    g_autoptr (BplPathCount) w1 = bpl_path_count_new (net, (BplParam) { BPL_PARAM_WEIGHT, 0 });

    g_assert_cmpuint (w1->n_paths, ==, 9);
    g_assert_nonnull (strstr (w1->path_formula, "3 softmax outputs"));
    /* Cross-entropy: δ_o = out − target, no multiplication. */
    g_assert_cmpuint (w1->delta_multiplications, ==, 0 + 1 * (3 + 1) + 1);
  }
}

/* The walks on random networks: the backward pass meets every node after
 * all of its users, what arrives adds up to its gradient, and what goes out
 * is local × upstream; the forward pass meets every input before its user. */
static void
check_walks_of (const BplGraph *g, const char *what)
{
  g_autoptr (BplGraphWalk) back = bpl_graph_walk_new (g, BPL_GRAPH_BACKWARD);
  g_autoptr (BplGraphWalk) fwd = bpl_graph_walk_new (g, BPL_GRAPH_FORWARD);
  guint n_groups = 0, n_leaves = 0;

  for (guint n = 0; n < g->n_nodes; n++)
    {
      n_groups += g->nodes[n].op == BPL_GRAPH_OP_GROUP;
      n_leaves += g->nodes[n].op != BPL_GRAPH_OP_GROUP && bpl_graph_node_is_leaf (&g->nodes[n]);
    }
  g_assert_cmpuint (back->n_steps, ==, g->n_nodes - n_groups);
  g_assert_cmpuint (fwd->n_steps, ==, g->n_nodes - n_groups - n_leaves);
  g_assert_cmpuint (back->steps[0].node, ==, g->root);
  g_assert_true (back->steps[0].root);
  g_assert_cmpfloat (back->steps[0].upstream, ==, 1.0);

  for (guint i = 0; i < back->n_steps; i++)
    {
      const BplGraphStep *step = &back->steps[i];
      const BplGraphNode *node = &g->nodes[step->node];
      double sum = 0.0, scale = 0.0;
      g_autofree char *sentence = bpl_expr_render (step->sentence, BPL_EXPR_TEXT, 5);

      g_assert_cmpint (back->step_of_node[step->node], ==, (gint) i);
      g_assert_cmpuint (step->gate, ==, bpl_graph_op_gate (node->op));
      g_assert_cmpfloat (step->upstream, ==, node->gradient);
      g_assert_true (g_utf8_validate (sentence, -1, NULL));
      g_assert_cmpuint (strlen (sentence), >, 20);
      for (guint a = 0; a < step->n_arrivals; a++)
        {
          gint user_step = back->step_of_node[step->arrivals[a].node];

          /* A group's share arrives too, though the group is no step. */
          g_assert_true (user_step < (gint) i);
          g_assert_true (user_step >= 0 || g->nodes[step->arrivals[a].node].op == BPL_GRAPH_OP_GROUP);
          sum += step->arrivals[a].gradient;
          scale += fabs (step->arrivals[a].gradient);
        }
      if (!step->root)
        {
          if (!(fabs (sum - step->upstream) <= 1e-14 * scale + 1e-300))
            g_error ("%s: %s: arrivals add up to %.17g, not %.17g", what, node->name, sum, step->upstream);
        }
      for (guint o = 0; o < step->n_outgoing; o++)
        {
          const BplGraphFlow *f = &step->outgoing[o];

          g_assert_cmpuint (g->edges[f->edge].to, ==, step->node);
          if (!isnan (f->local) && !step->fused)
            g_assert_cmpfloat (f->gradient, ==, f->local * step->upstream);
        }
      /* Known from its own step on; stepping back is one index less. */
      g_assert_false (bpl_graph_walk_known (back, (gint) i - 1, step->node));
      g_assert_true (bpl_graph_walk_known (back, (gint) i, step->node));
    }

  for (guint i = 0; i < fwd->n_steps; i++)
    {
      const BplGraphStep *step = &fwd->steps[i];
      const BplGraphNode *node = &g->nodes[step->node];

      g_assert_cmpuint (step->n_outgoing, ==, node->n_inputs);
      for (guint o = 0; o < step->n_outgoing; o++)
        {
          gint input_step = fwd->step_of_node[step->outgoing[o].node];

          g_assert_true (input_step < (gint) i);
          g_assert_true (bpl_graph_walk_known (fwd, (gint) i - 1, step->outgoing[o].node));
        }
      g_assert_false (bpl_graph_walk_known (fwd, (gint) i - 1, step->node));
    }
}

static void
check_walks (const BplNetwork *net, const char *what)
{
  g_autoptr (BplGraph) g = bpl_graph_new (net, 1, NULL);

  check_walks_of (g, what);
}

static void
test_random_walks (void)
{
  for_each_network (check_walks);
}

/* The backward pass of the worked example, gate by gate as CS231n names them. */
static void
test_worked_walk (void)
{
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  g_autoptr (BplGraph) g = bpl_graph_new (net, 0, NULL);
  g_autoptr (BplGraphWalk) back = bpl_graph_walk_new (g, BPL_GRAPH_BACKWARD);
  g_autoptr (BplGraphWalk) fwd = bpl_graph_walk_new (g, BPL_GRAPH_FORWARD);
  const char *const order[] = { "E_total", "E_o1", "target_o1", "E_o2", "target_o2", "out_o1",
                                "net_o1", "w5·out_h1", "w5" };
  const BplGraphStep *step;
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (g->nodes[back->steps[i].node].name, ==, order[i]);

  step = &back->steps[back->step_of_node[bpl_graph_find_name (g, "E_total")]];
  text = bpl_expr_render (step->sentence, BPL_EXPR_TEXT, 5);
  g_assert_cmpuint (step->gate, ==, BPL_GATE_ADD);
  g_assert_nonnull (strstr (text, "add gate"));
  g_assert_nonnull (strstr (text, "unchanged"));
  g_clear_pointer (&text, g_free);

  /* w3·i1: the swap. w3 gets δ_h2 × i1 = the derivation's ∂E_total/∂w3. */
  step = &back->steps[back->step_of_node[bpl_graph_find_name (g, "w3·i1")]];
  text = bpl_expr_render (step->sentence, BPL_EXPR_TEXT, 8);
  g_assert_cmpuint (step->gate, ==, BPL_GATE_MUL);
  g_assert_cmpstr (g->nodes[step->outgoing[0].node].name, ==, "w3");
  g_assert_cmpfloat (step->outgoing[0].local, ==, 0.05);
  g_assert_cmpfloat (step->outgoing[1].local, ==, 0.25);
  assert_shown (step->upstream, "0.00995425471");
  assert_shown (step->outgoing[0].gradient, "0.000497712735");
  g_assert_nonnull (strstr (text, "multiply gate"));
  g_assert_nonnull (strstr (text, "swaps"));
  g_assert_nonnull (strstr (text, "w3 gets 0.0099542547 × 0.05 = 0.00049771274"));
  g_clear_pointer (&text, g_free);

  /* out_h2: used twice, so the gradients add up; σ scales by out(1 − out). */
  step = &back->steps[back->step_of_node[bpl_graph_find_name (g, "out_h2")]];
  text = bpl_expr_render (step->sentence, BPL_EXPR_TEXT, 8);
  g_assert_cmpuint (step->gate, ==, BPL_GATE_ACTIVATION);
  g_assert_cmpuint (step->n_arrivals, ==, 2);
  g_assert_nonnull (strstr (text, "add up"));
  g_assert_nonnull (strstr (text, "out_h2(1 - out_h2) = 0.24061342"));
  g_clear_pointer (&text, g_free);

  /* The error term starts each output's chain: out − target. */
  step = &back->steps[back->step_of_node[bpl_graph_find_name (g, "E_o1")]];
  g_assert_cmpuint (step->gate, ==, BPL_GATE_LOSS);
  assert_shown (step->outgoing[0].gradient, "0.74136507");

  /* A weight leaf: the gradient stops, the number the derivation gives. */
  step = &back->steps[back->step_of_node[bpl_graph_find_name (g, "w3")]];
  text = bpl_expr_render (step->sentence, BPL_EXPR_MARKUP, 5);
  g_assert_cmpuint (step->gate, ==, BPL_GATE_LEAF);
  g_assert_nonnull (strstr (text, "∂E<sub>total</sub>/∂w<sub>3</sub> = 0.00049771"));
  g_clear_pointer (&text, g_free);

  /* Forward: the first product, and the total last. */
  text = bpl_expr_render (fwd->steps[0].sentence, BPL_EXPR_TEXT, 5);
  g_assert_cmpstr (g->nodes[fwd->steps[0].node].name, ==, "w1·i1");
  g_assert_true (g_str_has_prefix (text, "w1 * i1 = 0.15 × 0.05 = 0.0075"));
  g_clear_pointer (&text, g_free);
  text = bpl_expr_render (fwd->steps[fwd->n_steps - 1].sentence, BPL_EXPR_TEXT, 9);
  g_assert_true (g_str_has_prefix (text, "E_total = E_o1 + E_o2 = 0.274811083 + 0.0235600256 = 0.298371109"));
}

/* Sigmoid with cross-entropy, saturated: out rounds to 1 and the local
 * gradients are ∞ and 0; the pair passes back out − target, as training does. */
static void
test_saturated_cross_entropy (void)
{
  const guint sizes[] = { 1, 1 };
  g_autoptr (BplNetwork) net = bpl_network_new (sizes, 2, BPL_BIAS_NONE, NULL);
  g_autoptr (BplForward) fw = bpl_forward_new (net);
  g_autoptr (BplGraph) g = NULL;
  g_autoptr (BplGraphWalk) back = NULL;
  g_autofree char *text = NULL;
  double wg, bg;
  const BplGraphStep *step;

  bpl_network_set_loss (net, BPL_LOSS_CROSS_ENTROPY);
  bpl_network_set_weight (net, 0, 50.0);
  bpl_network_set_input (net, 0, 0, 1.0);
  bpl_network_set_target (net, 0, 0, 0.0);
  g = bpl_graph_new (net, 0, NULL);
  back = bpl_graph_walk_new (g, BPL_GRAPH_BACKWARD);
  bpl_network_gradient (net, 0, fw, &wg, &bg);

  g_assert_cmpfloat (node_named (g, "out_o1")->value, ==, 1.0);
  g_assert_true (isinf (node_named (g, "out_o1")->gradient));
  /* E = softplus(50) stays finite, as the forward pass computes it. */
  g_assert_cmpfloat (node_named (g, "E_o1")->value, ==, fw->total_error);
  g_assert_true (isfinite (node_named (g, "E_o1")->value));
  g_assert_cmpfloat (node_named (g, "net_o1")->gradient, ==, 1.0);
  g_assert_cmpfloat (node_named (g, "w1")->gradient, ==, wg);

  step = &back->steps[back->step_of_node[bpl_graph_find_name (g, "out_o1")]];
  g_assert_true (step->fused);
  text = bpl_expr_render (step->sentence, BPL_EXPR_TEXT, 5);
  g_assert_nonnull (strstr (text, "cross-entropy"));
}

/* Every factor of a derivation is a local gradient of a node of the graph:
 * the panel's numbers and the graph's are the same numbers. */
static void
check_factors (const BplNetwork *net, const char *what)
{
  g_autoptr (BplGraph) full = bpl_graph_new (net, 0, NULL);

  for (guint k = 0; k < bpl_network_get_n_weights (net) + bpl_network_get_n_biases (net); k++)
    {
      BplParam p = k < bpl_network_get_n_weights (net)
                     ? (BplParam) { BPL_PARAM_WEIGHT, k }
                     : (BplParam) { BPL_PARAM_BIAS, k - bpl_network_get_n_weights (net) };
      g_autoptr (BplDerivation) d = bpl_derivation_new_full (net, p, 0, 8, NULL);
      g_autoptr (BplGraph) sub = bpl_graph_new_for_param (full, net, p, 0);

      for (guint i = 0; i < d->n_paths; i++)
        for (guint f = 0; f < d->paths[i].n_factors; f++)
          {
            const BplFactor *factor = &d->paths[i].factors[f];
            gint n = bpl_graph_find_factor (sub, factor);
            const BplGraphNode *node;
            double local = NAN;

            if (n < 0)
              g_error ("%s: no node for a factor of %s", what, d->name);
            node = &sub->nodes[n];
            switch (factor->kind)
              {
              case BPL_FACTOR_NET_WRT_PARAM:
                /* w3·i1's local gradient for w3 (i1), or a sum's for a bias (1). */
                local = factor->weight >= 0 ? sub->edges[node->inputs[0]].local : 1.0;
                break;
              case BPL_FACTOR_NET_WRT_OUT:
                local = sub->edges[node->inputs[1]].local;
                break;
              case BPL_FACTOR_OUT_WRT_NET:
              case BPL_FACTOR_ERROR_WRT_OUT:
                local = sub->edges[node->inputs[0]].local;
                break;
              default:
                g_assert_not_reached ();
              }
            g_assert_cmpfloat (local, ==, factor->value);
          }
    }
}

static void
test_random_factors (void)
{
  for_each_network (check_factors);
}

/* Subgraphs */

/* Every full node is kept or in exactly one group; kept nodes keep their
 * numbers; what arrives at a kept node adds up to its gradient; the order
 * is topological. */
static void
check_subgraph (const BplGraph *full, const BplGraph *sub, const char *what)
{
  g_autofree guint *seen = g_new0 (guint, full->n_nodes);

  g_assert_cmpuint (sub->full_n_nodes, ==, full->n_nodes);
  g_assert_cmpstr (sub->nodes[sub->root].name, ==, "E_total");
  for (guint n = 0; n < sub->n_nodes; n++)
    {
      const BplGraphNode *node = &sub->nodes[n];

      g_assert_cmpuint (node->id, ==, n);
      if (node->op == BPL_GRAPH_OP_GROUP)
        {
          g_assert_cmpint (node->full_id, ==, -1);
          g_assert_cmpuint (node->n_members, >, 0);
          g_assert_nonnull (node->summary);
          g_assert_cmpuint (strlen (node->summary), >, 0);
          for (guint m = 0; m < node->n_members; m++)
            seen[node->members[m]]++;
        }
      else
        {
          const BplGraphNode *orig = &full->nodes[node->full_id];
          double sum = 0.0, scale = 0.0;

          seen[node->full_id]++;
          g_assert_cmpstr (node->name, ==, orig->name);
          g_assert_cmpfloat (node->value, ==, orig->value);
          g_assert_cmpfloat (node->gradient, ==, orig->gradient);
          g_assert_cmpint (bpl_graph_find_full (sub, (guint) node->full_id), ==, (gint) n);
          for (guint o = 0; o < node->n_outputs; o++)
            {
              sum += sub->edges[node->outputs[o]].gradient;
              scale += fabs (sub->edges[node->outputs[o]].gradient);
            }
          if (n != sub->root && !(fabs (sum - node->gradient) <= 1e-14 * scale + 1e-300))
            g_error ("%s: %s: %.17g arrives, gradient %.17g", what, node->name, sum, node->gradient);
        }
      for (guint i = 0; i < node->n_inputs; i++)
        {
          g_assert_cmpuint (sub->edges[node->inputs[i]].from, <, n);
          g_assert_cmpuint (sub->edges[node->inputs[i]].slot, ==, i);
        }
    }
  for (guint n = 0; n < full->n_nodes; n++)
    g_assert_cmpuint (seen[n], ==, 1);
  check_walks_of (sub, what);
}

static void
check_subgraphs (const BplNetwork *net, const char *what)
{
  g_autoptr (BplGraph) full = bpl_graph_new (net, 0, NULL);

  for (guint k = 0; k < 2; k++)
    {
      guint per_layer = k == 0 ? 0 : 2;

      for (guint w = 0; w < bpl_network_get_n_weights (net); w++)
        {
          BplParam p = { BPL_PARAM_WEIGHT, w };
          g_autoptr (BplGraph) sub = bpl_graph_new_for_param (full, net, p, per_layer);
          gint leaf = bpl_graph_find_param (sub, p);

          g_assert_cmpint (leaf, >=, 0);
          g_assert_true (sub->nodes[leaf].on_path);
          g_assert_cmpuint (sub->focus, ==, BPL_GRAPH_PARAM);
          check_subgraph (full, sub, what);
        }
      for (guint b = 0; b < bpl_network_get_n_biases (net); b++)
        {
          BplParam p = { BPL_PARAM_BIAS, b };
          g_autoptr (BplGraph) sub = bpl_graph_new_for_param (full, net, p, per_layer);

          g_assert_cmpint (bpl_graph_find_param (sub, p), >=, 0);
          check_subgraph (full, sub, what);
        }
      for (guint n = 0; n < bpl_network_get_n_neurons (net); n++)
        {
          g_autoptr (BplGraph) sub = bpl_graph_new_for_neuron (full, net, n, per_layer);

          g_assert_cmpint (bpl_graph_find_neuron (sub, n), >=, 0);
          g_assert_cmpuint (sub->focus, ==, BPL_GRAPH_NEURON);
          check_subgraph (full, sub, what);
        }
    }
}

static void
test_random_subgraphs (void)
{
  for_each_network (check_subgraphs);
}

static gboolean
has_node (const BplGraph *g, const char *name)
{
  return bpl_graph_find_name (g, name) >= 0;
}

static void
test_worked_subgraphs (void)
{
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  g_autoptr (BplGraph) full = bpl_graph_new (net, 0, NULL);
  g_autoptr (BplGraph) w3 = bpl_graph_new_for_param (full, net, (BplParam) { BPL_PARAM_WEIGHT, 2 }, 3);
  g_autoptr (BplGraph) h1 = bpl_graph_new_for_neuron (full, net, 2, 3);
  const char *const on_w3[] = { "w3", "i1", "w3·i1", "net_h2", "out_h2", "w6", "w6·out_h2", "w8",
                                "w8·out_h2", "net_o1", "net_o2", "out_o1", "out_o2", "target_o1",
                                "target_o2", "E_o1", "E_o2", "E_total" };
  const char *const off_w3[] = { "w1", "w4·i2", "net_h1", "out_h1", "w5·out_h1", "b1", "b2", "i2" };
  const char *const on_h1[] = { "w1", "w2", "i1", "i2", "w1·i1", "w2·i2", "b1", "net_h1", "out_h1",
                                "w5·out_h1", "w7·out_h1", "w5", "w7", "net_o1", "net_o2", "E_total" };
  gboolean found = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (on_w3); i++)
    g_assert_true (has_node (w3, on_w3[i]));
  for (guint i = 0; i < G_N_ELEMENTS (off_w3); i++)
    g_assert_false (has_node (w3, off_w3[i]));
  g_assert_cmpuint (w3->n_nodes, ==, G_N_ELEMENTS (on_w3) + w3->n_groups);
  g_assert_true (w3->nodes[bpl_graph_find_name (w3, "out_o1")].on_path);
  g_assert_false (w3->nodes[bpl_graph_find_name (w3, "w6")].on_path);
  /* net_o1 = w6·out_h2 + the rest (w5·out_h1 and b2). */
  {
    const BplGraphNode *net_o1 = node_named (w3, "net_o1");
    const BplGraphEdge *rest = &w3->edges[net_o1->inputs[1]];

    g_assert_cmpuint (net_o1->n_inputs, ==, 2);
    g_assert_cmpstr (w3->nodes[w3->edges[net_o1->inputs[0]].from].name, ==, "w6·out_h2");
    g_assert_cmpuint (w3->nodes[rest->from].op, ==, BPL_GRAPH_OP_GROUP);
    g_assert_cmpuint (rest->n_merged, ==, 2);
    assert_close (rest->value, 0.4 * node_named (full, "out_h1")->value + 0.6, 1e-15, 0);
  }
  for (guint n = 0; n < w3->n_nodes; n++)
    if (w3->nodes[n].op == BPL_GRAPH_OP_GROUP && g_str_equal (w3->nodes[n].name, "h1, h2"))
      {
        g_assert_cmpstr (w3->nodes[n].summary, ==, "3 products, 1 sum, 1 sigmoid, 3 weights, 1 bias");
        found = TRUE;
      }
  g_assert_true (found);

  for (guint i = 0; i < G_N_ELEMENTS (on_h1); i++)
    g_assert_true (has_node (h1, on_h1[i]));
  g_assert_false (has_node (h1, "w3·i1"));
  g_assert_false (has_node (h1, "out_o1"));
}

/* A wide network: the layers above show three neurons each and group the
 * rest, "h…: n products, …". */
static void
test_wide_subgraph (void)
{
  const guint sizes[] = { 16, 32, 32, 8 };
  g_autoptr (BplNetwork) net = bpl_network_new (sizes, 4, BPL_BIAS_PER_NEURON, NULL);
  g_autoptr (BplGraph) full = bpl_graph_new (net, 0, NULL);
  g_autoptr (BplGraph) w1 = bpl_graph_new_for_param (full, net, (BplParam) { BPL_PARAM_WEIGHT, 0 },
                                                     BPL_GRAPH_DEFAULT_PER_LAYER);
  g_autoptr (BplGraph) h40 = bpl_graph_new_for_neuron (full, net, 16 + 32 + 7,
                                                       BPL_GRAPH_DEFAULT_PER_LAYER);
  guint on_path_groups = 0;

  check_subgraph (full, w1, "16-32-32-8, w1");
  check_subgraph (full, h40, "16-32-32-8, h40");
  /* w1, i1, w1·i1, net_h1, out_h1; 3 kept neurons in each layer above with
   * 3 products and 3 weights each (one from out_h1 in layer 2); errors,
   * targets, E_total. */
  g_assert_cmpuint (w1->n_nodes - w1->n_groups, <, 60);
  g_assert_true (has_node (w1, "w513·out_h1"));
  g_assert_false (has_node (w1, "out_h36"));
  for (guint n = 0; n < w1->n_nodes; n++)
    if (w1->nodes[n].op == BPL_GRAPH_OP_GROUP && w1->nodes[n].on_path)
      {
        on_path_groups++;
        if (g_str_equal (w1->nodes[n].name, "h36…h64"))
          g_assert_cmpstr (w1->nodes[n].summary, ==, "29 products, 29 sums, 29 sigmoids");
      }
  g_assert_cmpuint (on_path_groups, >=, 3);
  g_assert_cmpuint (h40->n_nodes - h40->n_groups, <, 30);
}

/* Sum over paths against the δ recursion */

/* Multiplications counted while computing ∂E/∂p both ways, written out here
 * independently of the core's formula. */
typedef struct
{
  const BplNetwork *net;
  const BplForward *fw;
  const double     *target;
  guint64           mults;
  gboolean          fused;
} Counter;

static double
slope (const Counter *c, guint n)
{
  guint l = bpl_network_get_neuron_layer (c->net, n);

  return bpl_activation_slope (bpl_network_get_activation (c->net, l), c->fw->net[n], c->fw->out[n]);
}

static double
error_slope (const Counter *c, guint o)
{
  guint first = bpl_network_get_n_neurons (c->net) - bpl_network_get_n_outputs (c->net);
  double out = c->fw->out[o], t = c->target[o - first];

  return bpl_network_get_loss (c->net) == BPL_LOSS_CROSS_ENTROPY ? (out - t) / (out * (1 - out)) : out - t;
}

/* Σ over chains from @n to an output of the product of their factors.
 * @product holds the factors so far and @mults the multiplications that
 * made it: each path is counted as if multiplied out on its own, which is
 * what the sum over paths does. */
static double
sum_paths (Counter *c, guint n, double product, guint64 mults)
{
  guint L = bpl_network_get_n_layers (c->net);
  guint l = bpl_network_get_neuron_layer (c->net, n);
  double sum = 0;

  if (l == L - 1)
    {
      guint first = bpl_network_get_n_neurons (c->net) - bpl_network_get_n_outputs (c->net);

      if (c->fused)
        {
          c->mults += mults + 1;
          return product * (c->fw->out[n] - c->target[n - first]);
        }
      c->mults += mults + 2;
      return product * slope (c, n) * error_slope (c, n);
    }
  for (guint j = 0; j < bpl_network_get_layer_size (c->net, l + 1); j++)
    {
      guint up = bpl_network_get_layer_start (c->net, l + 1) + j;
      double w = bpl_network_get_weight (c->net, (guint) bpl_network_find_weight (c->net, n, up));

      sum += sum_paths (c, up, product * slope (c, n) * w, mults + 2);
    }
  return sum;
}

static void
check_path_count (const BplNetwork *net, BplParam param)
{
  g_autoptr (BplPathCount) pc = bpl_path_count_new (net, param);
  g_autoptr (BplForward) fw = bpl_forward_new (net);
  g_autoptr (BplDerivation) d = bpl_derivation_new (net, param, 0, NULL);
  guint L = bpl_network_get_n_layers (net);
  guint n_neurons = bpl_network_get_n_neurons (net);
  g_autofree double *delta = g_new0 (double, n_neurons);
  g_autofree gboolean *needed = g_new0 (gboolean, n_neurons);
  Counter c = { net, fw, bpl_network_get_target (net, 0), 0,
                bpl_network_get_loss (net) == BPL_LOSS_CROSS_ENTROPY
                  && bpl_network_get_activation (net, L - 1) == BPL_ACTIVATION_SIGMOID };
  double by_paths = 0, by_deltas = 0;
  guint first_layer = 0;
  guint64 n_deltas = 0;

  bpl_forward_compute (fw, net, 0);
  g_assert_cmpuint (pc->n_paths, ==, d->n_paths_total);
  g_assert_false (pc->saturated);
  if (d->n_paths > 0)
    g_assert_cmpuint (pc->factors_per_path, ==, d->paths[0].n_factors);
  g_assert_nonnull (strstr (pc->path_formula, "="));
  g_assert_nonnull (strstr (pc->delta_formula, "="));

  /* Sum over paths, from each neuron the parameter feeds (the first factor
   * ∂net/∂p is the product's start, no multiplication). */
  for (guint n = 0; n < n_neurons; n++)
    {
      gboolean fed = param.kind == BPL_PARAM_WEIGHT ? n == bpl_network_get_weight_target (net, param.index)
                                                    : bpl_network_get_neuron_bias (net, n) == (gint) param.index;
      double first;

      if (!fed)
        continue;
      first_layer = bpl_network_get_neuron_layer (net, n);
      needed[n] = TRUE;
      first = param.kind == BPL_PARAM_WEIGHT ? fw->out[bpl_network_get_weight_source (net, param.index)] : 1.0;
      by_paths += sum_paths (&c, n, first, 0);
    }
  g_assert_cmpuint (c.mults, ==, pc->path_multiplications);
  assert_close (by_paths, d->gradient, 1e-12, 1e-16);

  /* δ recursion: each needed δ once, from the outputs down. */
  c.mults = 0;
  for (guint l = L - 1; l >= first_layer && l > 0; l--)
    for (guint j = 0; j < bpl_network_get_layer_size (net, l); j++)
      {
        guint n = bpl_network_get_layer_start (net, l) + j;
        guint first = n_neurons - bpl_network_get_n_outputs (net);

        if (l == first_layer && !needed[n])
          continue;
        n_deltas++;
        if (l == L - 1)
          {
            if (c.fused)
              delta[n] = fw->out[n] - c.target[n - first];
            else
              {
                delta[n] = error_slope (&c, n) * slope (&c, n);
                c.mults++;
              }
          }
        else
          {
            double s = 0;

            for (guint k = 0; k < bpl_network_get_layer_size (net, l + 1); k++)
              {
                guint up = bpl_network_get_layer_start (net, l + 1) + k;

                s += bpl_network_get_weight (net, (guint) bpl_network_find_weight (net, n, up)) * delta[up];
                c.mults++;
              }
            delta[n] = s * slope (&c, n);
            c.mults++;
          }
      }
  for (guint n = 0; n < n_neurons; n++)
    if (needed[n])
      {
        by_deltas += delta[n] * (param.kind == BPL_PARAM_WEIGHT
                                   ? fw->out[bpl_network_get_weight_source (net, param.index)] : 1.0);
        c.mults++;
      }
  g_assert_cmpuint (n_deltas, ==, pc->n_deltas);
  g_assert_cmpuint (c.mults, ==, pc->delta_multiplications);
  assert_close (by_deltas, d->gradient, 1e-12, 1e-16);
}

static void
test_path_counts (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (SEED + 1);
  g_autoptr (BplNetwork) worked = bpl_network_new_worked_example ();
  g_autoptr (BplPathCount) w3 = bpl_path_count_new (worked, (BplParam) { BPL_PARAM_WEIGHT, 2 });
  g_autoptr (BplPathCount) b1 = bpl_path_count_new (worked, (BplParam) { BPL_PARAM_BIAS, 0 });

  /* w3: 2 paths of 5 factors, 8 multiplications; δ_o1, δ_o2 (1 each), δ_h2
   * (2 + 1), δ_h2·i1: 6. */
  g_assert_cmpuint (w3->n_paths, ==, 2);
  g_assert_cmpuint (w3->factors_per_path, ==, 5);
  g_assert_cmpuint (w3->path_multiplications, ==, 8);
  g_assert_cmpuint (w3->path_additions, ==, 1);
  g_assert_cmpuint (w3->n_deltas, ==, 3);
  g_assert_cmpuint (w3->delta_multiplications, ==, 6);
  g_assert_true (g_str_has_prefix (w3->path_formula, "1 × 2 = 2 paths"));
  g_assert_true (g_str_has_prefix (w3->delta_formula, "2 × 1 + 1 × (2 + 1) + 1 = 6"));
  /* b1 feeds h1 and h2: 4 paths, 16; δ of all four neurons, 2 + 6 + 2 = 10. */
  g_assert_cmpuint (b1->n_paths, ==, 4);
  g_assert_cmpuint (b1->path_multiplications, ==, 16);
  g_assert_cmpuint (b1->delta_multiplications, ==, 10);

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (guint m = 0; m < G_N_ELEMENTS (bias_modes); m++)
      for (guint loss = 0; loss < 2; loss++)
        {
          g_autoptr (BplNetwork) net = random_network (rand, &shapes[s], bias_modes[m], activations,
                                                       G_N_ELEMENTS (activations),
                                                       loss ? BPL_LOSS_CROSS_ENTROPY : BPL_LOSS_SQUARED_ERROR);

          for (guint w = 0; w < bpl_network_get_n_weights (net); w++)
            check_path_count (net, (BplParam) { BPL_PARAM_WEIGHT, w });
          for (guint b = 0; b < bpl_network_get_n_biases (net); b++)
            check_path_count (net, (BplParam) { BPL_PARAM_BIAS, b });
        }

  /* Deep and wide: the sum over paths grows as the product of the layer
   * sizes, the recursion as their sum of products. */
  {
    const guint sizes[] = { 8, 16, 16, 16, 16, 4 };
    g_autoptr (BplNetwork) deep = bpl_network_new (sizes, 6, BPL_BIAS_PER_LAYER, NULL);
    g_autoptr (BplPathCount) w1 = bpl_path_count_new (deep, (BplParam) { BPL_PARAM_WEIGHT, 0 });

    g_assert_cmpuint (w1->n_paths, ==, 16 * 16 * 16 * 4);
    g_assert_cmpuint (w1->path_multiplications, ==, 16 * 16 * 16 * 4 * 10);
    /* 4 outputs × 1, 16 × (4 + 1), twice 16 × (16 + 1), h1 × (16 + 1), δ_h1·i1. */
    g_assert_cmpuint (w1->delta_multiplications, ==, 4 + 16 * 5 + 2 * 16 * 17 + 17 + 1);
    g_assert_cmpuint (w1->delta_multiplications, <, w1->path_multiplications / 100);
  }
  /* Counts that do not fit say so. */
  {
    const guint sizes[] = { 1, 256, 16, 256, 16, 256, 16, 256, 16, 256, 16, 256, 16, 256, 16, 2 };
    g_autoptr (GError) error = NULL;
    g_autoptr (BplNetwork) huge = bpl_network_new (sizes, G_N_ELEMENTS (sizes), BPL_BIAS_NONE, &error);
    g_autoptr (BplPathCount) w1 = NULL;

    g_assert_no_error (error);
    w1 = bpl_path_count_new (huge, (BplParam) { BPL_PARAM_WEIGHT, 0 });
    g_assert_true (w1->saturated);
    g_assert_cmpuint (w1->n_paths, ==, G_MAXUINT64);
    g_assert_cmpuint (w1->path_multiplications, ==, G_MAXUINT64);
    g_assert_false (w1->delta_multiplications == G_MAXUINT64);
    g_assert_nonnull (strstr (w1->path_formula, "or more"));
  }
}

/* Columns and order */

static void
check_arrangement (const BplGraph *g)
{
  g_autoptr (BplGraphArrangement) a = bpl_graph_arrange (g);
  g_autofree gboolean *taken = NULL;
  guint total = 0;

  for (guint c = 0; c < a->n_columns; c++)
    total += a->column_size[c];
  g_assert_cmpuint (total, ==, g->n_nodes + a->n_dummies);
  taken = g_new0 (gboolean, total);
  for (guint e = 0; e < g->n_edges; e++)
    g_assert_cmpuint (a->column[g->edges[e].to], >, a->column[g->edges[e].from]);
  /* Every slot of every column is taken once. */
  for (guint n = 0; n < g->n_nodes; n++)
    {
      guint before = 0;

      g_assert_cmpuint (a->slot[n], <, a->column_size[a->column[n]]);
      for (guint c = 0; c < a->column[n]; c++)
        before += a->column_size[c];
      g_assert_false (taken[before + a->slot[n]]);
      taken[before + a->slot[n]] = TRUE;
    }
  for (guint e = 0; e < g->n_edges; e++)
    for (guint k = 0; k + 1 < a->column[g->edges[e].to] - a->column[g->edges[e].from]; k++)
      {
        guint c = a->column[g->edges[e].from] + 1 + k, before = 0;

        for (guint i = 0; i < c; i++)
          before += a->column_size[i];
        g_assert_false (taken[before + a->dummy_slot[a->edge_first[e] + k]]);
        taken[before + a->dummy_slot[a->edge_first[e] + k]] = TRUE;
      }
  g_assert_cmpuint (a->crossings, <=, a->initial_crossings);

  /* Placed up and down: each column in its order, nothing overlapping. */
  {
    guint n_items = g->n_nodes + a->n_dummies;
    g_autofree double *height = g_new (double, MAX (n_items, 1));
    g_autofree double *center = g_new (double, MAX (n_items, 1));
    g_autofree guint *column = g_new (guint, MAX (n_items, 1));
    g_autofree guint *slot = g_new (guint, MAX (n_items, 1));

    for (guint i = 0; i < n_items; i++)
      height[i] = i < g->n_nodes ? 1.0 + (i % 3) * 0.5 : 0.2;
    bpl_graph_arrangement_place (a, g, height, 0.4, center);
    for (guint n = 0; n < g->n_nodes; n++)
      {
        column[n] = a->column[n];
        slot[n] = a->slot[n];
      }
    for (guint e = 0; e < g->n_edges; e++)
      for (guint k = 0; k + 1 < a->column[g->edges[e].to] - a->column[g->edges[e].from]; k++)
        {
          guint d = g->n_nodes + a->edge_first[e] + k;

          column[d] = a->column[g->edges[e].from] + 1 + k;
          slot[d] = a->dummy_slot[a->edge_first[e] + k];
        }
    for (guint i = 0; i < n_items; i++)
      for (guint j = 0; j < n_items; j++)
        if (column[i] == column[j] && slot[i] + 1 == slot[j])
          g_assert_cmpfloat (center[j] - center[i], >=, (height[i] + height[j]) / 2 + 0.4 - 1e-9);
  }
}

static void
test_arrangement (void)
{
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  g_autoptr (BplGraph) full = bpl_graph_new (net, 0, NULL);
  g_autoptr (BplGraph) w3 = bpl_graph_new_for_param (full, net, (BplParam) { BPL_PARAM_WEIGHT, 2 }, 3);
  g_autoptr (BplGraphArrangement) a = bpl_graph_arrange (full);
  g_autoptr (BplGraphArrangement) b = bpl_graph_arrange (w3);

  check_arrangement (full);
  check_arrangement (w3);
  /* Leaves stand just before their users: w6 beside w6·out_h2. */
  g_assert_cmpuint (a->column[bpl_graph_find_name (full, "w6")] + 1, ==,
                    a->column[bpl_graph_find_name (full, "w6·out_h2")]);
  g_assert_cmpuint (a->column[bpl_graph_find_name (full, "E_total")] + 1, ==, a->n_columns);
  g_assert_cmpuint (a->n_columns, ==, 9);
  /* The barycentre heuristic removes most crossings of the id order. */
  g_test_message ("worked example: %" G_GUINT64_FORMAT " crossings, %" G_GUINT64_FORMAT " in id order",
                  a->crossings, a->initial_crossings);
  g_test_message ("w3's paths: %" G_GUINT64_FORMAT " crossings, %" G_GUINT64_FORMAT " in id order",
                  b->crossings, b->initial_crossings);
  g_assert_cmpuint (a->crossings * 2, <, a->initial_crossings);
  g_assert_cmpuint (b->crossings, <, b->initial_crossings);
  g_assert_cmpuint (b->crossings, <=, 1);

  {
    g_autoptr (GRand) rand = g_rand_new_with_seed (SEED + 2);

    for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
      {
        g_autoptr (BplNetwork) r = random_network (rand, &shapes[s], BPL_BIAS_PER_LAYER, activations, 1,
                                                   BPL_LOSS_SQUARED_ERROR);
        g_autoptr (BplGraph) g = bpl_graph_new (r, 0, NULL);
        g_autoptr (BplGraph) p = bpl_graph_new_for_param (g, r, (BplParam) { BPL_PARAM_WEIGHT, 0 }, 2);
        g_autoptr (BplGraph) h = bpl_graph_new_for_neuron (g, r, bpl_network_get_n_inputs (r), 2);

        check_arrangement (g);
        check_arrangement (p);
        check_arrangement (h);
      }
  }
}

/* Exports */

static char *
write_temporary (const char *name, const char *contents, char **dir)
{
  g_autoptr (GError) error = NULL;
  char *path;

  *dir = g_dir_make_tmp ("bpl-graph-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, name, NULL);
  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  return path;
}

static void
remove_dir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_dot (void)
{
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  g_autoptr (BplGraph) full = bpl_graph_new (net, 0, NULL);
  g_autoptr (BplGraph) w3 = bpl_graph_new_for_param (full, net, (BplParam) { BPL_PARAM_WEIGHT, 2 }, 3);
  g_autofree char *dot_program = g_find_program_in_path ("dot");

  for (guint k = 0; k < 2; k++)
    {
      const BplGraph *g = k == 0 ? full : w3;
      g_autofree char *dot = bpl_graph_to_dot (g, 4);
      g_autofree char *dir = NULL;
      g_autofree char *path = NULL;
      g_autofree char *out = NULL, *err = NULL;
      g_autoptr (GError) error = NULL;
      int status;
      guint arrows = 0;

      g_assert_nonnull (strstr (dot, "digraph"));
      g_assert_nonnull (strstr (dot, "rankdir=LR"));
      for (const char *p = dot; (p = strstr (p, " -> ")) != NULL; p++)
        arrows++;
      g_assert_cmpuint (arrows, ==, g->n_edges);
      g_assert_nonnull (strstr (dot, "w<sub>3</sub>"));
      g_assert_nonnull (strstr (dot, "grad 0.0004977"));

      if (dot_program == NULL)
        {
          g_test_message ("Graphviz is not installed: the DOT is not drawn");
          continue;
        }
      path = write_temporary ("graph.dot", dot, &dir);
      {
        const char *argv[] = { dot_program, "-Tsvg", path, NULL };

        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                     &err, &status, &error));
      }
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL) || strstr (err, "Error") != NULL
          || strstr (err, "Warning") != NULL)
        g_error ("dot: %s", err);
      g_assert_nonnull (strstr (out, "<svg"));
      remove_dir (dir);
    }
}

static void
compile_tikz (const char *tex)
{
  g_autofree char *pdflatex = g_find_program_in_path ("pdflatex");
  g_autofree char *kpsewhich = g_find_program_in_path ("kpsewhich");
  g_autofree char *found = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = -1;

  if (pdflatex == NULL || kpsewhich == NULL)
    {
      g_test_skip ("pdflatex is not installed (Debian: texlive-latex-base)");
      return;
    }
  {
    const char *argv[] = { kpsewhich, "tikz.sty", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &found, NULL,
                  &status, NULL);
  }
  if (found == NULL || *g_strstrip (found) == '\0')
    {
      g_test_skip ("TikZ is not installed (Debian: texlive-pictures)");
      return;
    }

  path = write_temporary ("graph.tex", tex, &dir);
  {
    const char *argv[] = { pdflatex, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
                           "graph.tex", NULL };

    g_assert_true (g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                                 &status, &error));
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      const char *bang = strstr (out, "\n!");

      g_error ("pdflatex failed: %.600s", bang != NULL ? bang : out);
    }
  /* One page: the picture fits the page made for it. */
  g_assert_nonnull (strstr (out, "(1 page"));
  remove_dir (dir);
}

static void
test_tikz (void)
{
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  g_autoptr (BplGraph) full = bpl_graph_new (net, 0, NULL);
  g_autoptr (BplGraph) w3 = bpl_graph_new_for_param (full, net, (BplParam) { BPL_PARAM_WEIGHT, 2 }, 3);
  g_autofree char *tex_full = bpl_graph_to_tikz (full, 4);
  g_autofree char *tex_w3 = bpl_graph_to_tikz (w3, 4);
  guint nodes = 0;

  for (const char *p = tex_full; (p = strstr (p, "\\node[")) != NULL; p++)
    nodes++;
  g_assert_cmpuint (nodes, ==, full->n_nodes);
  g_assert_nonnull (strstr (tex_full, "\\begin{tikzpicture}"));
  g_assert_nonnull (strstr (tex_w3, "w_{3} \\cdot i_{1}"));
  /* ASCII only: pdflatex takes every symbol as a command. */
  for (const char *p = tex_full; *p; p++)
    g_assert_cmpint ((guchar) *p, <, 0x80);

  compile_tikz (tex_full);
  compile_tikz (tex_w3);

  /* Every operation and loss, and a wide network's groups. */
  {
    const guint sizes[] = { 16, 32, 32, 8 };
    g_autoptr (GRand) rand = g_rand_new_with_seed (SEED + 3);
    const Shape shape = { sizes, 4 };
    g_autoptr (BplNetwork) wide = random_network (rand, &shape, BPL_BIAS_PER_NEURON, activations,
                                                  G_N_ELEMENTS (activations), BPL_LOSS_CROSS_ENTROPY);
    g_autoptr (BplGraph) g = bpl_graph_new (wide, 0, NULL);
    g_autoptr (BplGraph) sub = bpl_graph_new_for_param (g, wide, (BplParam) { BPL_PARAM_WEIGHT, 0 }, 2);
    g_autofree char *tex = bpl_graph_to_tikz (sub, 4);

    compile_tikz (tex);
  }
}

/* Names as the derivation writes them, in every style. */
static void
test_names (void)
{
  g_autofree char *a = bpl_graph_format_name ("w3·out_h2", BPL_EXPR_MARKUP);
  g_autofree char *b = bpl_graph_format_name ("E_total", BPL_EXPR_LATEX);
  g_autofree char *c = bpl_graph_format_name ("h1…h8", BPL_EXPR_MARKUP);
  g_autofree char *d = bpl_graph_format_name ("h1, h3", BPL_EXPR_MARKUP);
  g_autofree char *e = bpl_graph_format_name ("target_o1", BPL_EXPR_TEXT);

  g_assert_cmpstr (a, ==, "w<sub>3</sub>·out<sub>h2</sub>");
  g_assert_cmpstr (b, ==, "E_{\\mathrm{total}}");
  g_assert_cmpstr (c, ==, "h<sub>1</sub>…h<sub>8</sub>");
  g_assert_cmpstr (d, ==, "h<sub>1</sub>, h<sub>3</sub>");
  g_assert_cmpstr (e, ==, "target_o1");
  g_assert_cmpstr (bpl_graph_op_to_string (BPL_GRAPH_OP_CROSS_ENTROPY), ==, "cross-entropy");
  g_assert_cmpstr (bpl_graph_op_symbol (BPL_GRAPH_OP_MUL), ==, "×");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/graph/worked-example/structure", test_worked_structure);
  g_test_add_func ("/core/graph/worked-example/numbers", test_worked_numbers);
  g_test_add_func ("/core/graph/worked-example/walk", test_worked_walk);
  g_test_add_func ("/core/graph/worked-example/subgraphs", test_worked_subgraphs);
  g_test_add_func ("/core/graph/random/gradients", test_random_gradients);
  g_test_add_func ("/core/graph/random/walks", test_random_walks);
  g_test_add_func ("/core/graph/random/subgraphs", test_random_subgraphs);
  g_test_add_func ("/core/graph/random/factors", test_random_factors);
  g_test_add_func ("/core/graph/softmax", test_softmax);
  g_test_add_func ("/core/graph/cross-entropy-saturated", test_saturated_cross_entropy);
  g_test_add_func ("/core/graph/wide-subgraph", test_wide_subgraph);
  g_test_add_func ("/core/graph/path-counts", test_path_counts);
  g_test_add_func ("/core/graph/arrangement", test_arrangement);
  g_test_add_func ("/core/graph/names", test_names);
  g_test_add_func ("/core/graph/dot", test_dot);
  g_test_add_func ("/core/graph/tikz", test_tikz);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-softmax.c: softmax outputs with categorical cross-entropy and with
 * squared error. The forward pass against the definition written out here,
 * the gradient against finite differences, logits of ±1000, and the files
 * and networks that must be refused. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "backprop-lens.h"
#include "bpl-test-random.h"
#include "bpl-test-util.h"

#define SEED 20250301

static const guint shape_23[] = { 2, 3 };
static const guint shape_233[] = { 2, 3, 3 };
static const guint shape_3422[] = { 3, 4, 2, 2 };
static const guint shape_4553[] = { 4, 5, 5, 3 };

typedef struct
{
  const guint *sizes;
  guint        n_layers;
} Shape;

static const Shape shapes[] = {
  { shape_23, 2 }, { shape_233, 3 }, { shape_3422, 4 }, { shape_4553, 4 },
};

static const BplBiasMode bias_modes[] = { BPL_BIAS_PER_LAYER, BPL_BIAS_PER_NEURON, BPL_BIAS_NONE };
static const BplActivation hidden_acts[] = { BPL_ACTIVATION_SIGMOID, BPL_ACTIVATION_TANH, BPL_ACTIVATION_RELU,
                                             BPL_ACTIVATION_LINEAR };
static const BplLoss losses[] = { BPL_LOSS_CROSS_ENTROPY, BPL_LOSS_SQUARED_ERROR };

static BplNetwork *
softmax_network (GRand *rand, const Shape *shape, BplBiasMode mode, BplActivation hidden, BplLoss loss,
                 gboolean one_hot)
{
  BplActivation acts[BPL_MAX_LAYERS];

  for (guint l = 0; l < BPL_MAX_LAYERS; l++)
    acts[l] = hidden;
  acts[shape->n_layers - 2] = BPL_ACTIVATION_SOFTMAX;
  return bpl_test_random_network (rand, shape->sizes, shape->n_layers, mode, acts, loss, 3, one_hot);
}

/* out_k = e^net_k/Σ e^net_j and E from the definitions, written naively
 * (the logits here are small). */
static void
test_forward (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (SEED);

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (guint l = 0; l < G_N_ELEMENTS (losses); l++)
      {
        g_autoptr (BplNetwork) net = softmax_network (rand, &shapes[s], BPL_BIAS_PER_NEURON,
                                                      BPL_ACTIVATION_TANH, losses[l], FALSE);
        g_autoptr (BplForward) fw = bpl_forward_new (net);
        guint n_out = bpl_network_get_n_outputs (net);
        guint first = bpl_network_get_n_neurons (net) - n_out;

        for (guint sample = 0; sample < bpl_network_get_n_samples (net); sample++)
          {
            const double *t = bpl_network_get_target (net, sample);
            double z = 0.0, sum_out = 0.0, e = 0.0;

            bpl_forward_compute (fw, net, sample);
            for (guint o = 0; o < n_out; o++)
              z += exp (fw->net[first + o]);
            for (guint o = 0; o < n_out; o++)
              {
                double out = exp (fw->net[first + o]) / z;
                double e_o = losses[l] == BPL_LOSS_CROSS_ENTROPY ? -t[o] * log (out)
                                                                  : 0.5 * (t[o] - out) * (t[o] - out);
                assert_close (fw->out[first + o], out, 1e-14, 0);
                assert_close (fw->error[o], e_o, 1e-13, 1e-16);
                sum_out += fw->out[first + o];
                e += e_o;
              }
            assert_close (sum_out, 1.0, 1e-15, 0);
            assert_close (fw->total_error, e, 1e-13, 0);
          }
      }
}

/* Backpropagation through the softmax Jacobian against central differences,
 * for every hidden activation, bias mode and loss. */
static void
test_gradients (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (SEED + 1);

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (guint a = 0; a < G_N_ELEMENTS (hidden_acts); a++)
      for (guint m = 0; m < G_N_ELEMENTS (bias_modes); m++)
        for (guint l = 0; l < G_N_ELEMENTS (losses); l++)
          {
            g_autoptr (BplNetwork) net = softmax_network (rand, &shapes[s], bias_modes[m], hidden_acts[a],
                                                          losses[l], (s + a) % 2 == 0);
            guint nw = bpl_network_get_n_weights (net), nb = bpl_network_get_n_biases (net);
            g_autofree double *wg = g_new0 (double, MAX (nw, 1));
            g_autofree double *bg = g_new0 (double, MAX (nb, 1));
            g_autoptr (BplForward) fw = bpl_forward_new (net);

            for (guint sample = 0; sample < bpl_network_get_n_samples (net); sample++)
              {
                bpl_network_gradient (net, sample, fw, wg, bg);
                for (guint i = 0; i < nw + nb; i++)
                  {
                    BplParam p = { i < nw ? BPL_PARAM_WEIGHT : BPL_PARAM_BIAS, i < nw ? i : i - nw };
                    double analytic = i < nw ? wg[i] : bg[i - nw];
                    double numeric = bpl_test_central_difference (net, p, sample);

                    /* relu kinks are where no difference is accurate. */
                    if (hidden_acts[a] == BPL_ACTIVATION_RELU && fabs (analytic - numeric) > 1e-6)
                      continue;
                    assert_close (analytic, numeric, 1e-7, 1e-10);
                  }
              }
          }
}

/* Π of the layer sizes after @layer, times the outputs again: each output's
 * net reaches every output. */
static guint64
expected_paths (const BplNetwork *net, guint layer, guint n_fed)
{
  guint64 n = n_fed;
  for (guint l = layer + 1; l < bpl_network_get_n_layers (net); l++)
    n *= bpl_network_get_layer_size (net, l);
  return n * bpl_network_get_n_outputs (net);
}

/* The derivation of every parameter: the softmax factors are the Jacobian
 * written out here, the paths multiply out and add up to the gradient,
 * every output is on the path set, and cross-entropy explains its
 * collapsed δ = out − target. */
static void
test_derivation (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (SEED + 3);

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (guint m = 0; m < G_N_ELEMENTS (bias_modes); m++)
      for (guint l = 0; l < G_N_ELEMENTS (losses); l++)
        {
          g_autoptr (BplNetwork) net = softmax_network (rand, &shapes[s], bias_modes[m], BPL_ACTIVATION_TANH,
                                                        losses[l], m == 0);
          guint nw = bpl_network_get_n_weights (net), nb = bpl_network_get_n_biases (net);
          guint L = bpl_network_get_n_layers (net);
          guint first = bpl_network_get_layer_start (net, L - 1);
          guint n_out = bpl_network_get_n_outputs (net);
          g_autofree double *wg = g_new0 (double, MAX (nw, 1));
          g_autofree double *bg = g_new0 (double, MAX (nb, 1));
          g_autoptr (BplForward) fw = bpl_forward_new (net);
          guint sample = 1;

          bpl_network_gradient (net, sample, fw, wg, bg);
          for (guint i = 0; i < nw + nb; i++)
            {
              BplParam p = { i < nw ? BPL_PARAM_WEIGHT : BPL_PARAM_BIAS, i < nw ? i : i - nw };
              g_autoptr (BplDerivation) d = bpl_derivation_new (net, p, sample, NULL);
              guint layer = p.kind == BPL_PARAM_WEIGHT
                              ? bpl_network_get_neuron_layer (net, bpl_network_get_weight_target (net, p.index))
                              : bpl_network_get_bias_layer (net, p.index);
              guint n_fed = 0, n_collapse = 0, n_output_deltas = 0;
              double sum = 0.0, scale = 0.0;

              for (guint n = 0; n < bpl_network_get_n_neurons (net); n++)
                if (p.kind == BPL_PARAM_WEIGHT ? n == bpl_network_get_weight_target (net, p.index)
                                               : bpl_network_get_neuron_bias (net, n) == (gint) p.index)
                  n_fed++;
              g_assert_cmpfloat (d->gradient, ==, i < nw ? wg[i] : bg[i - nw]);
              g_assert_cmpuint (d->n_paths_total, ==, expected_paths (net, layer, n_fed));
              for (guint o = first; o < first + n_out; o++)
                g_assert_true (d->neuron_on_path[o]);
              if (d->paths_truncated)
                continue;
              g_assert_cmpuint (d->n_paths, ==, d->n_paths_total);
              for (guint k = 0; k < d->n_paths; k++)
                {
                  const BplPath *path = &d->paths[k];
                  const BplFactor *sm = &path->factors[path->n_factors - 2];
                  double product = 1.0;
                  guint j;

                  g_assert_cmpuint (path->neurons[path->n_neurons - 1], ==, path->output);
                  g_assert_cmpint (path->factors[path->n_factors - 1].kind, ==, BPL_FACTOR_ERROR_WRT_OUT);
                  g_assert_cmpint (sm->kind, ==, BPL_FACTOR_SOFTMAX);
                  g_assert_cmpint (sm->neuron, ==, (gint) path->output);
                  j = (guint) sm->net_neuron;
                  g_assert_cmpuint (j, >=, first);
                  /* ∂out_k/∂net_j = out_k(δ_kj − out_j). */
                  assert_close (sm->value, fw->out[path->output] * ((j == path->output) - fw->out[j]), 1e-15,
                                1e-300);
                  for (guint f = 0; f < path->n_factors; f++)
                    product *= path->factors[f].value;
                  assert_close (path->product, product, 1e-13, 1e-300);
                  sum += path->product;
                  scale += fabs (path->product);
                }
              assert_close (sum, d->gradient, 0, 1e-13 * MAX (scale, 1e-300));

              for (guint k = 0; k < d->n_deltas; k++)
                if (d->deltas[k].neuron >= first)
                  n_output_deltas++;
              /* A parameter that feeds an output uses only that output's δ. */
              g_assert_cmpuint (n_output_deltas, ==, layer == L - 1 ? n_fed : n_out);
              for (guint k = 0; k < d->n_steps; k++)
                if (d->steps[k].kind == BPL_STEP_SOFTMAX_COLLAPSE)
                  {
                    const BplDerivationStep *step = &d->steps[k];
                    guint o = (guint) step->neuron;
                    g_autofree char *last = bpl_expr_render (step->chain[step->n_chain - 2], BPL_EXPR_TEXT, 6);
                    g_autofree char *expected = g_strdup_printf ("out_%s - target_%s",
                                                                 bpl_network_get_neuron_name (net, o),
                                                                 bpl_network_get_neuron_name (net, o));
                    g_assert_cmpstr (last, ==, expected);
                    g_assert_cmpfloat (step->value, ==,
                                       fw->out[o] - bpl_network_get_target (net, sample)[o - first]);
                    n_collapse++;
                  }
              g_assert_cmpuint (n_collapse, ==, losses[l] == BPL_LOSS_CROSS_ENTROPY ? n_output_deltas : 0);
            }
        }
}

/* A 1-3 linear-input softmax whose logits are exactly @logits. */
static BplNetwork *
logit_network (const double logits[3], const double target[3], BplLoss loss)
{
  static const guint sizes[] = { 1, 3 };
  BplNetwork *net = bpl_network_new (sizes, 2, BPL_BIAS_PER_NEURON, NULL);

  bpl_network_set_activation (net, 1, BPL_ACTIVATION_SOFTMAX);
  bpl_network_set_loss (net, loss);
  bpl_network_set_update_biases (net, TRUE);
  bpl_network_set_input (net, 0, 0, 1.0);
  for (guint o = 0; o < 3; o++)
    {
      bpl_network_set_weight (net, o, logits[o]);
      bpl_network_set_target (net, 0, o, target[o]);
    }
  g_assert_true (bpl_network_check (net, NULL));
  return net;
}

/* Logits of ±1000: e^1000 overflows, yet out, E, δ, the gradient and a
 * training step stay finite and right. */
static void
test_large_logits (void)
{
  static const double logits[3] = { 1000.0, -1000.0, 0.0 };
  static const double targets[][3] = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 }, { 0.25, 0.5, 0.25 } };

  for (guint c = 0; c < G_N_ELEMENTS (targets); c++)
    for (guint l = 0; l < G_N_ELEMENTS (losses); l++)
      {
        g_autoptr (BplNetwork) net = logit_network (logits, targets[c], losses[l]);
        g_autoptr (BplForward) fw = bpl_forward_new (net);
        g_autoptr (BplTrainer) trainer = bpl_trainer_new (net);
        g_autoptr (GError) error = NULL;
        double wg[3], bg[3];
        double expected = 0.0;

        bpl_forward_compute (fw, net, 0);
        g_assert_cmpfloat (fw->out[1], ==, 1.0);
        g_assert_cmpfloat (fw->out[2], ==, 0.0);
        g_assert_cmpfloat (fw->out[3], >=, 0.0);
        g_assert_cmpfloat (fw->out[3], <, 1e-300);
        /* ln out_k = net_k − 1000 (up to e^−1000): E = −Σ t_k (net_k − 1000). */
        for (guint o = 0; o < 3; o++)
          expected += losses[l] == BPL_LOSS_CROSS_ENTROPY
                        ? -targets[c][o] * (logits[o] - 1000.0)
                        : 0.5 * (targets[c][o] - fw->out[1 + o]) * (targets[c][o] - fw->out[1 + o]);
        g_assert_true (isfinite (fw->total_error));
        assert_close (fw->total_error, expected, 1e-15, 0);

        bpl_network_gradient (net, 0, fw, wg, bg);
        for (guint o = 0; o < 3; o++)
          {
            g_assert_true (isfinite (wg[o]) && isfinite (bg[o]));
            if (losses[l] == BPL_LOSS_CROSS_ENTROPY)
              g_assert_cmpfloat (bg[o], ==, fw->out[1 + o] - targets[c][o]);
          }

        bpl_network_set_learning_rate (net, 0.1);
        for (guint i = 0; i < 6; i++)
          {
            BplParam p = { i < 3 ? BPL_PARAM_WEIGHT : BPL_PARAM_BIAS, i % 3 };
            g_autoptr (BplDerivation) d = bpl_derivation_new (net, p, 0, NULL);
            g_assert_true (isfinite (d->gradient) && isfinite (d->new_value));
            for (guint k = 0; k < d->n_paths; k++)
              g_assert_true (isfinite (d->paths[k].product));
            for (guint k = 0; k < d->n_deltas; k++)
              g_assert_true (isfinite (d->deltas[k].value));
            assert_close (d->gradient, i < 3 ? wg[i] : bg[i - 3], 1e-15, 0);
          }

        bpl_network_set_learning_rate (net, 0.1);
        g_assert_true (bpl_trainer_step (trainer, net, &error));
        g_assert_no_error (error);
        g_assert_true (bpl_network_check (net, NULL));
      }
}

static void
expect_check_refusal (const BplNetwork *net, const char *message)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (bpl_network_check (net, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_cmpstr (error->message, ==, message);
}

/* Softmax belongs to the output layer; its targets are a distribution. */
static void
test_check (void)
{
  static const double in[2] = { 0.5, 0.5 };
  static const double t_09[3] = { 0.2, 0.3, 0.4 };
  static const double t_neg[3] = { 1.5, -0.5, 0.0 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (SEED + 2);
  g_autoptr (BplNetwork) net = softmax_network (rand, &shapes[1], BPL_BIAS_PER_LAYER, BPL_ACTIVATION_SIGMOID,
                                                BPL_LOSS_CROSS_ENTROPY, TRUE);

  g_assert_true (bpl_network_check (net, NULL));
  bpl_network_add_sample (net, in, t_09);
  expect_check_refusal (net, "samples[3].target: a softmax layer's targets must sum to 1, found 0.9");
  bpl_network_remove_sample (net, 3);
  bpl_network_add_sample (net, in, t_neg);
  expect_check_refusal (net, "samples[3].target: a softmax layer's targets are probabilities from 0 to 1, "
                             "found 1.5");
  bpl_network_remove_sample (net, 3);
  g_assert_true (bpl_network_check (net, NULL));

  bpl_network_set_activation (net, 1, BPL_ACTIVATION_SOFTMAX);
  expect_check_refusal (net, "activation: softmax is for the output layer only, but layer 2 (hidden) uses it");
  bpl_network_set_activation (net, 1, BPL_ACTIVATION_RELU);
  bpl_network_set_activation (net, 2, BPL_ACTIVATION_TANH);
  expect_check_refusal (net, "loss: cross-entropy needs sigmoid or softmax outputs, but the output layer "
                             "uses tanh");
}

static const char softmax_json[] =
  "{ \"format\": \"backprop-lens-network\", \"version\": %d, \"layers\": [2, 3],\n"
  "  \"activation\": \"softmax\", \"loss\": \"cross-entropy\", \"bias_mode\": \"none\",\n"
  "  \"learning_rate\": 0.5, \"weights\": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],\n"
  "  \"samples\": [ { \"input\": [1, 0], \"target\": [1, 0, 0] },\n"
  "               { \"input\": [0, 1], \"target\": [0, 0.5, 0.5] },\n"
  "               { \"input\": [1, 1], \"target\": %s } ] }";

static void
expect_file_refusal (const char *data, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BplNetwork) net = bpl_network_load_from_data (data, strlen (data), "file.json", &error);

  g_assert_null (net);
  g_assert_error (error, BPL_ERROR, BPL_ERROR_FORMAT);
  g_test_message ("%s", error->message);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_file (void)
{
  g_autoptr (GError) error = NULL;

  {
    g_autofree char *good = g_strdup_printf (softmax_json, 2, "[0, 0, 1]");
    g_autoptr (BplNetwork) net = bpl_network_load_from_data (good, strlen (good), "file.json", &error);
    g_autofree char *saved = NULL;
    g_autoptr (BplNetwork) again = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (bpl_network_get_activation (net, 1), ==, BPL_ACTIVATION_SOFTMAX);
    saved = bpl_network_to_data (net, NULL);
    g_assert_nonnull (strstr (saved, "\"activation\": \"softmax\""));
    g_assert_nonnull (strstr (saved, "\"version\": 2,"));
    again = bpl_network_load_from_data (saved, strlen (saved), "again.json", &error);
    g_assert_no_error (error);
    g_assert_true (bpl_network_equal (net, again));
  }
  {
    g_autofree char *bad = g_strdup_printf (softmax_json, 2, "[0.2, 0.3, 0.4]");
    expect_file_refusal (bad, "file.json: samples[2].target: a softmax layer's targets must sum to 1, found 0.9");
  }
  {
    g_autofree char *v1 = g_strdup_printf (softmax_json, 1, "[0, 0, 1]");
    expect_file_refusal (v1, "file.json: activation: softmax needs \"version\": 2 (this file says version 1)");
  }
  {
    const char *hidden = "{ \"format\": \"backprop-lens-network\", \"version\": 2, \"layers\": [2, 2, 2],"
                         " \"activation\": [\"softmax\", \"softmax\"], \"loss\": \"squared-error\","
                         " \"bias_mode\": \"none\", \"learning_rate\": 0.5, \"weights\": [0, 0, 0, 0, 0, 0, 0, 0],"
                         " \"samples\": [ { \"input\": [1, 0], \"target\": [1, 0] } ] }";
    expect_file_refusal (hidden, "file.json: activation[0]: softmax is for the output layer only; layer 2 is hidden");
  }
  {
    const char *all = "{ \"format\": \"backprop-lens-network\", \"version\": 2, \"layers\": [2, 2, 2],"
                      " \"activation\": \"softmax\", \"loss\": \"squared-error\","
                      " \"bias_mode\": \"none\", \"learning_rate\": 0.5, \"weights\": [0, 0, 0, 0, 0, 0, 0, 0],"
                      " \"samples\": [ { \"input\": [1, 0], \"target\": [1, 0] } ] }";
    expect_file_refusal (all, "file.json: activation: softmax is for the output layer only; give one name per "
                              "layer, such as [\"sigmoid\", \"softmax\"]");
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/softmax/forward", test_forward);
  g_test_add_func ("/core/softmax/gradients", test_gradients);
  g_test_add_func ("/core/softmax/derivation", test_derivation);
  g_test_add_func ("/core/softmax/large-logits", test_large_logits);
  g_test_add_func ("/core/softmax/check", test_check);
  g_test_add_func ("/core/softmax/file", test_file);

  return g_test_run ();
}

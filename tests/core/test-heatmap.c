/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-heatmap.c: the grid evaluator gives, at every grid point and for
 * every neuron, exactly what the forward pass gives on that input, for
 * tanh, sigmoid, relu and softmax layers and for one input; and a second
 * computation after the weights change allocates nothing new. */
#include "config.h"

#include "backprop-lens.h"

static BplNetwork *
make_network (const guint   *sizes,
              guint          n_layers,
              BplActivation  hidden,
              BplActivation  output,
              guint64        seed)
{
  g_autoptr (GError) error = NULL;
  BplNetwork *network = bpl_network_new (sizes, n_layers, BPL_BIAS_PER_NEURON, &error);
  g_autoptr (GRand) rand = g_rand_new_with_seed ((guint32) seed);

  g_assert_no_error (error);
  for (guint l = 1; l < n_layers; l++)
    bpl_network_set_activation (network, l, l + 1 == n_layers ? output : hidden);
  for (guint w = 0; w < bpl_network_get_n_weights (network); w++)
    bpl_network_set_weight (network, w, g_rand_double_range (rand, -2, 2));
  for (guint b = 0; b < bpl_network_get_n_biases (network); b++)
    bpl_network_set_bias (network, b, g_rand_double_range (rand, -1, 1));
  if (output == BPL_ACTIVATION_SOFTMAX)
    {
      guint n_out = sizes[n_layers - 1];

      bpl_network_set_loss (network, BPL_LOSS_CROSS_ENTROPY);
      for (guint o = 0; o < n_out; o++)
        bpl_network_set_target (network, 0, o, o == 0 ? 1 : 0);
    }
  return network;
}

static void
assert_matches_forward (BplHeatmap *heatmap,
                        BplNetwork *network)
{
  g_autoptr (BplForward) forward = bpl_forward_new (network);
  guint n_in = bpl_network_get_n_inputs (network);

  bpl_heatmap_compute (heatmap, network);
  for (guint r = 0; r < heatmap->rows; r++)
    for (guint c = 0; c < heatmap->cols; c++)
      {
        bpl_network_set_input (network, 0, 0, bpl_heatmap_x (heatmap, c));
        if (n_in == 2)
          bpl_network_set_input (network, 0, 1, bpl_heatmap_y (heatmap, r));
        bpl_forward_compute (forward, network, 0);
        for (guint n = 0; n < bpl_network_get_n_neurons (network); n++)
          {
            double v = bpl_heatmap_get_plane (heatmap, n)[r * heatmap->cols + c];

            if (v != forward->out[n])
              g_error ("neuron %u at (%u, %u): grid %.17g, forward pass %.17g", n, c, r, v,
                       forward->out[n]);
          }
      }
}

static void
test_tanh (void)
{
  const guint sizes[] = { 2, 8, 8, 1 };
  g_autoptr (BplNetwork) network = make_network (sizes, 4, BPL_ACTIVATION_TANH,
                                                 BPL_ACTIVATION_TANH, 1);
  g_autoptr (BplHeatmap) heatmap = bpl_heatmap_new (network, 13, 7);

  g_assert_nonnull (heatmap);
  g_assert_cmpuint (heatmap->n_neurons, ==, 19);
  assert_matches_forward (heatmap, network);
  /* Another range, and new weights: the same buffers, the new numbers. */
  {
    double *out = heatmap->out;

    bpl_heatmap_set_range (heatmap, -3, 0.5, 2, 4);
    bpl_network_set_weight (network, 5, 1.75);
    assert_matches_forward (heatmap, network);
    g_assert_true (out == heatmap->out);
  }
}

static void
test_sigmoid_relu (void)
{
  const guint sizes[] = { 2, 3, 2 };
  g_autoptr (BplNetwork) network = make_network (sizes, 3, BPL_ACTIVATION_RELU,
                                                 BPL_ACTIVATION_SIGMOID, 2);
  g_autoptr (BplHeatmap) heatmap = bpl_heatmap_new (network, 9, 9);

  assert_matches_forward (heatmap, network);
}

static void
test_softmax (void)
{
  const guint sizes[] = { 2, 4, 3 };
  g_autoptr (BplNetwork) network = make_network (sizes, 3, BPL_ACTIVATION_TANH,
                                                 BPL_ACTIVATION_SOFTMAX, 3);
  g_autoptr (BplHeatmap) heatmap = bpl_heatmap_new (network, 6, 5);

  assert_matches_forward (heatmap, network);
}

static void
test_one_input (void)
{
  const guint sizes[] = { 1, 5, 1 };
  g_autoptr (BplNetwork) network = make_network (sizes, 3, BPL_ACTIVATION_TANH,
                                                 BPL_ACTIVATION_LINEAR, 4);
  g_autoptr (BplHeatmap) heatmap = bpl_heatmap_new (network, 50, 40);

  g_assert_cmpuint (heatmap->rows, ==, 1);
  /* The grid's points are the centres of its cells. */
  g_assert_cmpfloat_with_epsilon (bpl_heatmap_x (heatmap, 0), -1 + 1.0 / 50, 1e-15);
  g_assert_cmpfloat_with_epsilon (bpl_heatmap_x (heatmap, 49), 1 - 1.0 / 50, 1e-15);
  assert_matches_forward (heatmap, network);
}

static void
test_too_many_inputs (void)
{
  const guint sizes[] = { 3, 2, 1 };
  g_autoptr (BplNetwork) network = make_network (sizes, 3, BPL_ACTIVATION_TANH,
                                                 BPL_ACTIVATION_TANH, 5);

  g_assert_null (bpl_heatmap_new (network, 10, 10));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/heatmap/tanh", test_tanh);
  g_test_add_func ("/core/heatmap/sigmoid-relu", test_sigmoid_relu);
  g_test_add_func ("/core/heatmap/softmax", test_softmax);
  g_test_add_func ("/core/heatmap/one-input", test_one_input);
  g_test_add_func ("/core/heatmap/too-many-inputs", test_too_many_inputs);
  return g_test_run ();
}

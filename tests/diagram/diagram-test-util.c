/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "diagram-test-util.h"

BplNetwork *
diagram_test_network (const guint *layers,
                      guint        n_layers,
                      BplBiasMode  bias_mode,
                      guint32      seed)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  BplNetwork *network = bpl_network_new (layers, n_layers, bias_mode, &error);

  g_assert_no_error (error);
  for (guint w = 0; w < bpl_network_get_n_weights (network); w++)
    bpl_network_set_weight (network, w, g_rand_double_range (rand, -1, 1));
  for (guint b = 0; b < bpl_network_get_n_biases (network); b++)
    bpl_network_set_bias (network, b, g_rand_double_range (rand, -1, 1));
  for (guint i = 0; i < bpl_network_get_n_inputs (network); i++)
    bpl_network_set_input (network, 0, i, g_rand_double (rand));
  for (guint o = 0; o < bpl_network_get_n_outputs (network); o++)
    bpl_network_set_target (network, 0, o, g_rand_double (rand));
  return network;
}

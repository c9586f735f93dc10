/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-test-random.h: seeded random networks for the tests of softmax,
 * regularisation, mini-batches and optimisers, and a central difference
 * of the objective that does not use the core's own. */
#pragma once

#include <glib.h>
#include <math.h>

#include "backprop-lens.h"

G_BEGIN_DECLS

/* A network of @sizes with the given activation per non-input layer and
 * loss, uniform random parameters and @n_samples samples. Targets are in
 * (0, 1); for a softmax output they are normalised to sum to 1 (one-hot
 * when @one_hot). */
static inline BplNetwork *
bpl_test_random_network (GRand *rand, const guint *sizes, guint n_layers, BplBiasMode mode,
                         const BplActivation *activations, BplLoss loss, guint n_samples, gboolean one_hot)
{
  g_autoptr (GError) error = NULL;
  BplNetwork *net = bpl_network_new (sizes, n_layers, mode, &error);
  guint n_in, n_out;
  gboolean softmax;

  g_assert_no_error (error);
  n_in = bpl_network_get_n_inputs (net);
  n_out = bpl_network_get_n_outputs (net);
  for (guint l = 1; l < n_layers; l++)
    bpl_network_set_activation (net, l, activations[l - 1]);
  softmax = activations[n_layers - 2] == BPL_ACTIVATION_SOFTMAX;
  bpl_network_set_loss (net, loss);
  bpl_network_set_learning_rate (net, g_rand_double_range (rand, 0.1, 0.5));
  for (guint w = 0; w < bpl_network_get_n_weights (net); w++)
    bpl_network_set_weight (net, w, g_rand_double_range (rand, -1.0, 1.0));
  for (guint b = 0; b < bpl_network_get_n_biases (net); b++)
    bpl_network_set_bias (net, b, g_rand_double_range (rand, -0.5, 0.5));
  for (guint s = 0; s < n_samples; s++)
    {
      double input[BPL_MAX_LAYER_SIZE], target[BPL_MAX_LAYER_SIZE], sum = 0.0;

      for (guint i = 0; i < n_in; i++)
        input[i] = g_rand_double_range (rand, -1.0, 1.0);
      for (guint o = 0; o < n_out; o++)
        {
          target[o] = one_hot ? 0.0 : g_rand_double_range (rand, 0.05, 0.95);
          sum += target[o];
        }
      if (one_hot)
        target[g_rand_int_range (rand, 0, (gint32) n_out)] = 1.0;
      else if (softmax)
        for (guint o = 0; o < n_out; o++)
          target[o] /= sum;
      if (s == 0)
        {
          for (guint i = 0; i < n_in; i++)
            bpl_network_set_input (net, 0, i, input[i]);
          for (guint o = 0; o < n_out; o++)
            bpl_network_set_target (net, 0, o, target[o]);
        }
      else
        bpl_network_add_sample (net, input, target);
    }
  g_assert_true (bpl_network_check (net, NULL));
  return net;
}

/* E_total of @sample with @param set to @value, on a copy. */
static inline double
bpl_test_error_with (const BplNetwork *net, BplParam param, double value, guint sample)
{
  g_autoptr (BplNetwork) copy = bpl_network_copy (net);
  g_autoptr (BplForward) fw = bpl_forward_new (net);

  bpl_network_set_param (copy, param, value);
  bpl_forward_compute (fw, copy, sample);
  return fw->total_error;
}

/* A central difference of E_total of one sample, with Richardson's
 * extrapolation, independent of the core's own. */
static inline double
bpl_test_central_difference (const BplNetwork *net, BplParam param, guint sample)
{
  double p = bpl_network_get_param (net, param);
  double h = 1e-3 * MAX (1.0, fabs (p));
  double d1 = (bpl_test_error_with (net, param, p + h, sample) - bpl_test_error_with (net, param, p - h, sample)) /
              (2 * h);
  double d2 = (bpl_test_error_with (net, param, p + h / 2, sample) -
               bpl_test_error_with (net, param, p - h / 2, sample)) / h;

  return (4 * d2 - d1) / 3;
}

G_END_DECLS

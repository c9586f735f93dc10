/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-passes-private.h: the forward and backward passes as inline loops over
 * the network's storage, shared by the forward pass, the gradient and the
 * training step so that all three compute exactly the same numbers. */
#pragma once

#include <math.h>

#include "bpl-forward.h"
#include "bpl-network-private.h"

G_BEGIN_DECLS

/* Numerically stable for large |net|: exp never overflows. */
static inline double
bpl_sigmoid (double net)
{
  if (net >= 0)
    return 1.0 / (1.0 + exp (-net));
  else
    {
      double e = exp (net);
      return e / (1.0 + e);
    }
}

static inline double
bpl_activate_inline (BplActivation activation, double net)
{
  switch (activation)
    {
    case BPL_ACTIVATION_SIGMOID:
      return bpl_sigmoid (net);
    case BPL_ACTIVATION_TANH:
      return tanh (net);
    case BPL_ACTIVATION_RELU:
      return net > 0 ? net : 0.0;
    case BPL_ACTIVATION_LINEAR:
    default:
      return net;
    }
}

/* ∂out/∂net, from out (sigmoid, tanh) or net (relu: 0 where net ≤ 0). */
static inline double
bpl_slope_inline (BplActivation activation, double net, double out)
{
  switch (activation)
    {
    case BPL_ACTIVATION_SIGMOID:
      return out * (1.0 - out);
    case BPL_ACTIVATION_TANH:
      return 1.0 - out * out;
    case BPL_ACTIVATION_RELU:
      return net > 0 ? 1.0 : 0.0;
    case BPL_ACTIVATION_LINEAR:
    default:
      return 1.0;
    }
}

/* log(1 + e^x) without overflow. */
static inline double
bpl_softplus (double x)
{
  return (x > 0 ? x : 0.0) + log1p (exp (-fabs (x)));
}

/* out = f(net) over a whole layer: the activation is chosen once per layer,
 * not per neuron, which keeps the hot loop branch-free. */
static inline void
bpl_activate_layer (BplActivation activation, const double *net, double *out, guint n)
{
  switch (activation)
    {
    case BPL_ACTIVATION_SIGMOID:
      for (guint j = 0; j < n; j++)
        out[j] = bpl_sigmoid (net[j]);
      break;
    case BPL_ACTIVATION_TANH:
      for (guint j = 0; j < n; j++)
        out[j] = tanh (net[j]);
      break;
    case BPL_ACTIVATION_RELU:
      for (guint j = 0; j < n; j++)
        out[j] = net[j] > 0 ? net[j] : 0.0;
      break;
    case BPL_ACTIVATION_LINEAR:
    default:
      for (guint j = 0; j < n; j++)
        out[j] = net[j];
      break;
    }
}

/* net and out of every neuron for one input vector. Sums Σ w·in first and
 * adds the bias last, in the worked example's order. */
static inline void
bpl_pass_forward (const BplNetwork *self, const double *input, double *net, double *out)
{
  guint n_in = self->layer_size[0];

  for (guint i = 0; i < n_in; i++)
    net[i] = out[i] = input[i];

  for (guint l = 1; l < self->n_layers; l++)
    {
      guint n_prev = self->layer_size[l - 1];
      guint start = self->layer_start[l];
      const double *prev = out + self->layer_start[l - 1];
      const double *w = self->weights + self->weight_start[l];
      const gint *bias = self->neuron_bias + start;

      for (guint j = 0; j < self->layer_size[l]; j++, w += n_prev)
        {
          double s = 0.0;
          for (guint k = 0; k < n_prev; k++)
            s += w[k] * prev[k];
          if (bias[j] >= 0)
            s += self->biases[bias[j]];
          net[start + j] = s;
        }
      bpl_activate_layer (self->activation[l], net + start, out + start, self->layer_size[l]);
    }
}

/* E_o of one output. Cross-entropy is computed from net through softplus so
 * it stays finite when out rounds to exactly 0 or 1. */
static inline double
bpl_output_error (const BplNetwork *self, double net, double out, double target)
{
  if (self->loss == BPL_LOSS_CROSS_ENTROPY && self->activation[self->n_layers - 1] == BPL_ACTIVATION_SIGMOID)
    return target * bpl_softplus (-net) + (1.0 - target) * bpl_softplus (net);
  if (self->loss == BPL_LOSS_CROSS_ENTROPY)
    return -(target * log (out) + (1.0 - target) * log1p (-out));
  return 0.5 * (target - out) * (target - out);
}

/* ∂E_o/∂out_o. */
static inline double
bpl_output_error_slope (const BplNetwork *self, double out, double target)
{
  if (self->loss == BPL_LOSS_CROSS_ENTROPY)
    return (out - target) / (out * (1.0 - out));
  return out - target;
}

/* δ_o = ∂E/∂net_o of every output. Sigmoid with cross-entropy simplifies to
 * out − target, which stays finite at out = 0 or 1. */
static inline void
bpl_pass_output_deltas (const BplNetwork *self, const double *net, const double *out,
                        const double *target, double *delta)
{
  guint L = self->n_layers;
  BplActivation act = self->activation[L - 1];
  guint first = self->layer_start[L - 1];

  for (guint o = 0; o < self->layer_size[L - 1]; o++)
    {
      guint n = first + o;
      if (self->loss == BPL_LOSS_CROSS_ENTROPY && act == BPL_ACTIVATION_SIGMOID)
        delta[n] = out[n] - target[o];
      else
        delta[n] = bpl_output_error_slope (self, out[n], target[o]) *
                   bpl_slope_inline (act, net[n], out[n]);
    }
}

/* δ of layer l − 1 from δ of layer l through the weights into layer l,
 * taken from @weights (the network's, or a step's new ones). */
static inline void
bpl_pass_hidden_deltas (const BplNetwork *self, const double *weights, guint l, const double *net,
                        const double *out, double *delta)
{
  guint n_prev = self->layer_size[l - 1];
  guint prev_start = self->layer_start[l - 1];
  const double *w = weights + self->weight_start[l];
  const double *d = delta + self->layer_start[l];
  BplActivation act = self->activation[l - 1];

  for (guint k = 0; k < n_prev; k++)
    {
      double s = 0.0;
      for (guint j = 0; j < self->layer_size[l]; j++)
        s += w[j * n_prev + k] * d[j];
      delta[prev_start + k] = s * bpl_slope_inline (act, net[prev_start + k], out[prev_start + k]);
    }
}

G_END_DECLS

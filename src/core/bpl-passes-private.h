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
    case BPL_ACTIVATION_SOFTMAX:
      /* A layer function: one neuron's out needs the whole layer
       * (bpl_activate_layer). */
      return NAN;
    case BPL_ACTIVATION_LINEAR:
    default:
      return net;
    }
}

/* ∂out/∂net, from out (sigmoid, tanh) or net (relu: 0 where net ≤ 0).
 * For softmax this is the Jacobian's diagonal ∂out_k/∂net_k = out_k(1 − out_k);
 * the off-diagonal −out_k·out_j is bpl_softmax_slope. */
static inline double
bpl_slope_inline (BplActivation activation, double net, double out)
{
  switch (activation)
    {
    case BPL_ACTIVATION_SIGMOID:
    case BPL_ACTIVATION_SOFTMAX:
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

/* ∂out_k/∂net_j of a softmax layer: out_k(δ_kj − out_j), δ_kj = 1 when
 * k = j. */
static inline double
bpl_softmax_slope (double out_k, double out_j, gboolean same)
{
  return same ? out_k * (1.0 - out_k) : -out_k * out_j;
}

/* ln Σ e^net over a layer, shifted by the largest net so that no exp
 * overflows: logits of ±1000 stay finite. */
static inline double
bpl_log_sum_exp (const double *net, guint n)
{
  double m = net[0], sum = 0.0;

  for (guint j = 1; j < n; j++)
    m = net[j] > m ? net[j] : m;
  for (guint j = 0; j < n; j++)
    sum += exp (net[j] - m);
  return m + log (sum);
}

/* out = e^net / Σ e^net, shifted by the largest net (as PyTorch does). */
static inline void
bpl_softmax_layer (const double *net, double *out, guint n)
{
  double m = net[0], sum = 0.0;

  for (guint j = 1; j < n; j++)
    m = net[j] > m ? net[j] : m;
  for (guint j = 0; j < n; j++)
    {
      out[j] = exp (net[j] - m);
      sum += out[j];
    }
  for (guint j = 0; j < n; j++)
    out[j] /= sum;
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
    case BPL_ACTIVATION_SOFTMAX:
      bpl_softmax_layer (net, out, n);
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

/* TRUE for the output layers whose δ is out − target exactly: sigmoid or
 * softmax with cross-entropy. */
static inline gboolean
bpl_output_collapses (const BplNetwork *self)
{
  BplActivation act = self->activation[self->n_layers - 1];
  return self->loss == BPL_LOSS_CROSS_ENTROPY &&
         (act == BPL_ACTIVATION_SIGMOID || act == BPL_ACTIVATION_SOFTMAX);
}

/* E_o of every output into @error (n_outputs), and their sum, from the
 * output layer's net and out. Cross-entropy is computed from net (through
 * softplus, or log-sum-exp for softmax) so it stays finite when out
 * rounds to exactly 0 or 1. */
static inline double
bpl_pass_output_errors (const BplNetwork *self, const double *net, const double *out, const double *target,
                        double *error)
{
  guint n_out = self->layer_size[self->n_layers - 1];
  BplActivation act = self->activation[self->n_layers - 1];
  double total = 0.0;

  if (self->loss == BPL_LOSS_CROSS_ENTROPY && act == BPL_ACTIVATION_SOFTMAX)
    {
      /* E_o = −target_o·ln out_o, with ln out_o = net_o − ln Σ e^net. */
      double lse = bpl_log_sum_exp (net, n_out);
      for (guint o = 0; o < n_out; o++)
        {
          error[o] = target[o] == 0 ? 0.0 : -target[o] * (net[o] - lse);
          total += error[o];
        }
      return total;
    }
  for (guint o = 0; o < n_out; o++)
    {
      if (self->loss == BPL_LOSS_CROSS_ENTROPY && act == BPL_ACTIVATION_SIGMOID)
        error[o] = target[o] * bpl_softplus (-net[o]) + (1.0 - target[o]) * bpl_softplus (net[o]);
      else if (self->loss == BPL_LOSS_CROSS_ENTROPY)
        error[o] = -(target[o] * log (out[o]) + (1.0 - target[o]) * log1p (-out[o]));
      else
        error[o] = 0.5 * (target[o] - out[o]) * (target[o] - out[o]);
      total += error[o];
    }
  return total;
}

/* ∂E_o/∂out_o: categorical cross-entropy's −target/out with softmax
 * outputs, binary cross-entropy's (out − target)/(out(1 − out)) else. */
static inline double
bpl_output_error_slope (const BplNetwork *self, double out, double target)
{
  if (self->loss == BPL_LOSS_CROSS_ENTROPY && self->activation[self->n_layers - 1] == BPL_ACTIVATION_SOFTMAX)
    return target == 0 ? 0.0 : -target / out;
  if (self->loss == BPL_LOSS_CROSS_ENTROPY)
    return (out - target) / (out * (1.0 - out));
  return out - target;
}

/* δ of a softmax output layer with squared error, which sums over every
 * output its net reaches: δ_j = Σ_k (out_k − target_k)·out_k(δ_kj − out_j)
 * = out_j·((out_j − target_j) − Σ_k (out_k − target_k)·out_k). Out of line:
 * the common outputs' loop below stays small enough to inline. */
static G_GNUC_NO_INLINE void
bpl_pass_softmax_squared_error_deltas (const double *out, const double *target, double *delta, guint n_out)
{
  double s = 0.0;

  for (guint k = 0; k < n_out; k++)
    s += (out[k] - target[k]) * out[k];
  for (guint o = 0; o < n_out; o++)
    delta[o] = out[o] * ((out[o] - target[o]) - s);
}

/* δ_o = ∂E/∂net_o of every output. Sigmoid or softmax with cross-entropy
 * simplifies to out − target, which stays finite at out = 0 or 1 (softmax:
 * because the targets sum to 1). Always inlined, as it was when it was
 * smaller: a call here costs the training step some 5 %. */
G_ALWAYS_INLINE static inline void
bpl_pass_output_deltas (const BplNetwork *self, const double *net, const double *out,
                        const double *target, double *delta)
{
  guint L = self->n_layers;
  BplActivation act = self->activation[L - 1];
  guint first = self->layer_start[L - 1];
  guint n_out = self->layer_size[L - 1];

  if (G_UNLIKELY (act == BPL_ACTIVATION_SOFTMAX))
    {
      if (self->loss == BPL_LOSS_CROSS_ENTROPY)
        for (guint o = 0; o < n_out; o++)
          delta[first + o] = out[first + o] - target[o];
      else
        bpl_pass_softmax_squared_error_deltas (out + first, target, delta + first, n_out);
      return;
    }
  /* The loop as it was before softmax: what the worked example runs. */
  for (guint o = 0; o < n_out; o++)
    {
      guint n = first + o;
      if (self->loss == BPL_LOSS_CROSS_ENTROPY && act == BPL_ACTIVATION_SIGMOID)
        delta[n] = out[n] - target[o];
      else
        delta[n] = (self->loss == BPL_LOSS_CROSS_ENTROPY ? (out[n] - target[o]) / (out[n] * (1.0 - out[n]))
                                                          : out[n] - target[o]) *
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

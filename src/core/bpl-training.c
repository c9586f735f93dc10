/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <float.h>
#include <inttypes.h>
#include <string.h>

#include "bpl-error.h"
#include "bpl-passes-private.h"
#include "bpl-training.h"
#include "bpl-training-private.h"

/* The workspace for one shape. Per-sample slots hold net, out and δ for the
 * samples of one step: one slot online, every sample in batch mode. They
 * grow only when samples are added, never during a step of the same size.
 *
 * A step writes the new parameters (and the optimiser's new state) into
 * the trainer's second buffers and, if every value is in range, swaps them
 * with the network's: the old values are then the "previous" ones, nothing
 * is copied, and a refused step has not touched the network at all. */
struct _BplTrainer
{
  guint   n_neurons;
  guint   n_weights;
  guint   n_biases;
  guint   n_slots;
  double *net;            /* n_slots × n_neurons */
  double *out;
  double *delta;
  double *previous_weights; /* the spare buffer: new values during a step */
  double *previous_biases;
  double *spare_moment1;    /* the optimiser's new state during a step */
  double *spare_moment2;
  double *bias_gradient;    /* n_biases: one layer's bias gradients */
  /* β and βᵗ of the last Adam bias correction, for β₁ and β₂. */
  struct
  {
    double  beta;
    guint64 t;
    double  power;
  } powers[2];
};

BplTrainer *
bpl_trainer_new (const BplNetwork *network)
{
  BplTrainer *self;

  g_return_val_if_fail (network != NULL, NULL);

  self = g_new0 (BplTrainer, 1);
  self->n_neurons = network->n_neurons;
  self->n_weights = network->n_weights;
  self->n_biases = network->n_biases;
  self->previous_weights = g_new0 (double, MAX (self->n_weights, 1));
  self->previous_biases = g_new0 (double, MAX (self->n_biases, 1));
  self->spare_moment1 = g_new0 (double, self->n_weights + self->n_biases + 1);
  self->spare_moment2 = g_new0 (double, self->n_weights + self->n_biases + 1);
  self->bias_gradient = g_new0 (double, MAX (self->n_biases, 1));
  return self;
}

void
bpl_trainer_free (BplTrainer *self)
{
  if (self == NULL)
    return;
  g_free (self->net);
  g_free (self->out);
  g_free (self->delta);
  g_free (self->previous_weights);
  g_free (self->previous_biases);
  g_free (self->spare_moment1);
  g_free (self->spare_moment2);
  g_free (self->bias_gradient);
  g_free (self);
}

static void
ensure_slots (BplTrainer *self, guint n_slots)
{
  gsize n;

  if (n_slots <= self->n_slots)
    return;
  n = (gsize) n_slots * self->n_neurons;
  self->net = g_renew (double, self->net, n);
  self->out = g_renew (double, self->out, n);
  self->delta = g_renew (double, self->delta, n);
  self->n_slots = n_slots;
}

const double *
bpl_trainer_get_previous_weights (const BplTrainer *self)
{
  return self->previous_weights;
}

const double *
bpl_trainer_get_previous_biases (const BplTrainer *self)
{
  return self->previous_biases;
}

/* Finds the first new parameter of layer l that left the allowed range. */
static void
find_bad (const BplTrainer *self, const BplNetwork *net, guint l, BplParam *bad)
{
  for (guint w = net->weight_start[l]; w < net->weight_start[l + 1]; w++)
    if (!(fabs (self->previous_weights[w]) <= BPL_MAX_ABS_VALUE))
      {
        *bad = (BplParam) { BPL_PARAM_WEIGHT, w };
        return;
      }
  for (guint b = 0; b < net->n_biases; b++)
    if (!(fabs (self->previous_biases[b]) <= BPL_MAX_ABS_VALUE))
      {
        *bad = (BplParam) { BPL_PARAM_BIAS, b };
        return;
      }
}

/* Adam's bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ for one step. */
typedef struct
{
  double bc1;
  double bc2;
} Corrections;

/* One parameter through the optimiser into the spare buffers: its state
 * from the network's, its new value returned. FALSE in *ok when the value
 * leaves the range or the state is no longer finite. */
G_ALWAYS_INLINE static inline double
apply (BplTrainer *self, const BplNetwork *net, const BplOptimizer kind, guint i, double p, double g,
       const Corrections *c, gboolean *ok)
{
  double m1 = net->moment1[i], m2 = net->moment2[i];
  double p_new = bpl_optimizer_apply (net, kind, p, g, &m1, &m2, c->bc1, c->bc2);

  self->spare_moment1[i] = m1;
  self->spare_moment2[i] = m2;
  /* & rather than &&: one test for all three, no branch per parameter. */
  *ok &= (fabs (p_new) <= BPL_MAX_ABS_VALUE) & (fabs (m1) <= DBL_MAX) & (fabs (m2) <= DBL_MAX);
  return p_new;
}

/* Adam's 1 − βᵗ. Once βᵗ is below 2⁻⁶⁰ it stays below for every later t,
 * and 1 − βᵗ rounds to exactly 1: pow, the dearest part of a small step,
 * is then skipped with the very same result. */
static double
correction (BplTrainer *self, guint which, double beta, guint64 t)
{
  if (self->powers[which].beta == beta && self->powers[which].t <= t && self->powers[which].power < 0x1p-60)
    return 1.0;
  self->powers[which].beta = beta;
  self->powers[which].t = t;
  self->powers[which].power = pow (beta, (double) t);
  return 1.0 - self->powers[which].power;
}

/* update_layer for a penalty or an optimiser other than plain SGD: each
 * parameter's gradient g (the mean of δ·in, plus λ·∂R/∂w for a weight) goes
 * through the optimiser. Returns FALSE, naming the first parameter that
 * left the range in *bad, if any did. Inlined once for each optimiser and
 * with or without a penalty, so that no loop decides them per parameter. */
G_ALWAYS_INLINE static inline gboolean
update_layer_with (BplTrainer *self, const BplNetwork *net, guint l, guint n_slots, const Corrections *c,
                   const BplOptimizer kind, const gboolean penalised, BplParam *bad)
{
  guint n_prev = net->layer_size[l - 1];
  guint start = net->layer_start[l];
  const double *in = self->out + net->layer_start[l - 1];
  const double *delta = self->delta + start;
  guint first_weight = net->weight_start[l];
  gboolean all_ok = TRUE;

  for (guint j = 0; j < net->layer_size[l]; j++)
    for (guint k = 0; k < n_prev; k++)
      {
        guint i = first_weight + j * n_prev + k;
        double w = net->weights[i];
        double g = delta[j] * in[k];
        gboolean ok = TRUE;

        if (n_slots > 1)
          {
            for (guint s = 1; s < n_slots; s++)
              {
                gsize base = (gsize) s * self->n_neurons;
                g += delta[base + j] * in[base + k];
              }
            g /= n_slots;
          }
        if (penalised)
          g += bpl_penalty_slope (net, w);
        self->previous_weights[i] = apply (self, net, kind, i, w, g, c, &ok);
        if (G_UNLIKELY (!ok) && all_ok)
          {
            *bad = (BplParam) { BPL_PARAM_WEIGHT, i };
            all_ok = FALSE;
          }
      }

  if (net->update_biases && net->n_biases > 0)
    {
      /* A shared bias sums δ over every neuron of the layer it feeds; its
       * gradient is whole before the optimiser sees it. A layer's biases
       * are consecutive, neuron by neuron. */
      for (guint j = 0; j < net->layer_size[l]; j++)
        self->bias_gradient[net->neuron_bias[start + j]] = 0.0;
      for (guint j = 0; j < net->layer_size[l]; j++)
        for (guint s = 0; s < n_slots; s++)
          self->bias_gradient[net->neuron_bias[start + j]] += delta[(gsize) s * self->n_neurons + j];
      for (guint j = 0; j < net->layer_size[l]; j++)
        {
          gint b = net->neuron_bias[start + j];
          gboolean ok = TRUE;
          if (j > 0 && b == net->neuron_bias[start + j - 1])
            continue;
          self->previous_biases[b] = apply (self, net, kind, net->n_weights + (guint) b, net->biases[b],
                                            self->bias_gradient[b] / n_slots, c, &ok);
          if (G_UNLIKELY (!ok) && all_ok)
            {
              *bad = (BplParam) { BPL_PARAM_BIAS, (guint) b };
              all_ok = FALSE;
            }
        }
    }
  return all_ok;
}

/* Not inlined into the step: plain gradient descent keeps the small code
 * it had. */
static G_GNUC_NO_INLINE gboolean
update_layer_general (BplTrainer *self, const BplNetwork *net, guint l, guint n_slots, const Corrections *c,
                      BplParam *bad)
{
  gboolean penalised = net->regularization != BPL_REGULARIZATION_NONE;

  switch (net->optimizer.kind)
    {
    case BPL_OPTIMIZER_ADAM:
      return penalised ? update_layer_with (self, net, l, n_slots, c, BPL_OPTIMIZER_ADAM, TRUE, bad)
                       : update_layer_with (self, net, l, n_slots, c, BPL_OPTIMIZER_ADAM, FALSE, bad);
    case BPL_OPTIMIZER_MOMENTUM:
      return penalised ? update_layer_with (self, net, l, n_slots, c, BPL_OPTIMIZER_MOMENTUM, TRUE, bad)
                       : update_layer_with (self, net, l, n_slots, c, BPL_OPTIMIZER_MOMENTUM, FALSE, bad);
    case BPL_OPTIMIZER_SGD:
    default:
      return update_layer_with (self, net, l, n_slots, c, BPL_OPTIMIZER_SGD, TRUE, bad);
    }
}

/* New weights into layer l (and new biases of layer l when they are trained)
 * from the mean over slots of δ·in, written into the spare buffers. Returns
 * FALSE, naming the first value that left the range in *bad, if any did. */
static gboolean
update_layer (BplTrainer *self, const BplNetwork *net, guint l, guint n_slots, double scale, BplParam *bad)
{
  guint n_prev = net->layer_size[l - 1];
  guint start = net->layer_start[l];
  const double *in = self->out + net->layer_start[l - 1];
  const double *delta = self->delta + start;
  const double *w = net->weights + net->weight_start[l];
  double *w_new = self->previous_weights + net->weight_start[l];
  gboolean in_range = TRUE; /* finite and within ±BPL_MAX_ABS_VALUE */

  if (n_slots == 1)
    {
      for (guint j = 0; j < net->layer_size[l]; j++, w += n_prev, w_new += n_prev)
        {
          double step = scale * delta[j];
          for (guint k = 0; k < n_prev; k++)
            {
              w_new[k] = w[k] - step * in[k];
              in_range &= fabs (w_new[k]) <= BPL_MAX_ABS_VALUE;
            }
        }
    }
  else
    {
      for (guint j = 0; j < net->layer_size[l]; j++, w += n_prev, w_new += n_prev)
        for (guint k = 0; k < n_prev; k++)
          {
            double g = 0.0;
            for (guint s = 0; s < n_slots; s++)
              {
                gsize base = (gsize) s * self->n_neurons;
                g += delta[base + j] * in[base + k];
              }
            w_new[k] = w[k] - scale * g;
            in_range &= fabs (w_new[k]) <= BPL_MAX_ABS_VALUE;
          }
    }

  if (net->update_biases && net->n_biases > 0)
    {
      /* A shared bias sums δ over every neuron it feeds; the spare biases
       * start from the current values (see bpl_trainer_step). */
      for (guint j = 0; j < net->layer_size[l]; j++)
        {
          gint b = net->neuron_bias[start + j];
          double g = 0.0;
          for (guint s = 0; s < n_slots; s++)
            g += delta[(gsize) s * self->n_neurons + j];
          self->previous_biases[b] -= scale * g;
          in_range &= fabs (self->previous_biases[b]) <= BPL_MAX_ABS_VALUE;
        }
    }

  if (G_UNLIKELY (!in_range))
    {
      find_bad (self, net, l, bad);
      return FALSE;
    }
  return TRUE;
}

static void
swap (double **a, double **b)
{
  double *t = *a;
  *a = *b;
  *b = t;
}

gboolean
bpl_trainer_step (BplTrainer *self, BplNetwork *net, GError **error)
{
  guint L, n_in, n_out, n_slots, first_sample;
  double scale;
  gboolean ok = TRUE;
  gboolean general, stateful;
  Corrections corrections = { 1.0, 1.0 };
  BplParam bad = { 0, 0 };

  g_return_val_if_fail (self != NULL && net != NULL, FALSE);
  g_return_val_if_fail (self->n_neurons == net->n_neurons && self->n_weights == net->n_weights &&
                        self->n_biases == net->n_biases, FALSE);

  stateful = net->optimizer.kind != BPL_OPTIMIZER_SGD;
  general = stateful || net->regularization != BPL_REGULARIZATION_NONE;
  if (G_UNLIKELY (stateful))
    {
      if (net->update_order == BPL_UPDATE_OUTPUT_FIRST)
        {
          g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                       _("output-first update order works with plain gradient descent (sgd) only, not %s"),
                       bpl_optimizer_to_string (net->optimizer.kind));
          return FALSE;
        }
      if (net->optimizer.kind == BPL_OPTIMIZER_ADAM)
        {
          /* t counts from 1 at the first step, as torch.optim.Adam does. */
          guint64 t = net->optimizer_steps + 1;
          corrections.bc1 = correction (self, 0, net->optimizer.beta1, t);
          corrections.bc2 = correction (self, 1, net->optimizer.beta2, t);
        }
      /* Fixed biases keep their state; every other entry is written. */
      if (!net->update_biases && net->n_biases > 0)
        {
          memcpy (self->spare_moment1 + net->n_weights, net->moment1 + net->n_weights,
                  sizeof (double) * net->n_biases);
          memcpy (self->spare_moment2 + net->n_weights, net->moment2 + net->n_weights,
                  sizeof (double) * net->n_biases);
        }
    }

  L = net->n_layers;
  n_in = net->layer_size[0];
  n_out = net->layer_size[L - 1];
  /* Step k takes samples (k·b + j) mod S, j = 0…b − 1. */
  n_slots = bpl_network_step_size (net);
  /* η over the batch, divided once a step rather than once a layer. */
  scale = net->learning_rate / n_slots;
  first_sample = bpl_network_first_sample (net, net->steps);
  ensure_slots (self, n_slots);
  for (guint b = 0; b < net->n_biases; b++)
    self->previous_biases[b] = net->biases[b];

  for (guint s = 0; s < n_slots; s++)
    {
      gsize base = (gsize) s * self->n_neurons;
      gsize sample = first_sample + s;
      if (G_UNLIKELY (sample >= net->n_samples))
        sample %= net->n_samples;
      bpl_pass_forward (net, net->inputs + sample * n_in, self->net + base, self->out + base);
      bpl_pass_output_deltas (net, self->net + base, self->out + base, net->targets + sample * n_out,
                              self->delta + base);
    }

  /* Walking down from the output layer: δ of layer l − 1 computed through
   * the new weights of layer l is the output-first rule; through the old
   * ones, the simultaneous rule. */
  for (guint l = L - 1; l >= 1; l--)
    {
      const double *through = net->weights;

      if (G_LIKELY (!general))
        ok = update_layer (self, net, l, n_slots, scale, &bad) && ok;
      else
        ok = update_layer_general (self, net, l, n_slots, &corrections, &bad) && ok;
      if (net->update_order == BPL_UPDATE_OUTPUT_FIRST)
        through = self->previous_weights;
      if (l >= 2)
        for (guint s = 0; s < n_slots; s++)
          {
            gsize base = (gsize) s * self->n_neurons;
            bpl_pass_hidden_deltas (net, through, l, self->net + base, self->out + base, self->delta + base);
          }
    }

  if (G_UNLIKELY (!ok))
    {
      /* The network was not touched; "previous" means no change. */
      memcpy (self->previous_weights, net->weights, sizeof (double) * net->n_weights);
      for (guint b = 0; b < net->n_biases; b++)
        self->previous_biases[b] = net->biases[b];
      g_set_error (error, BPL_ERROR, BPL_ERROR_NOT_FINITE,
                   _("training step %" PRIu64 " would make %s diverge beyond ±%g or to NaN "
                   "(is the learning rate %g too large?); the network was kept as it was before "
                   "that step"),
                   net->steps + 1, bpl_network_get_param_name (net, bad), BPL_MAX_ABS_VALUE, net->learning_rate);
      return FALSE;
    }

  swap (&net->weights, &self->previous_weights);
  if (net->update_biases)
    swap (&net->biases, &self->previous_biases);
  if (stateful)
    {
      swap (&net->moment1, &self->spare_moment1);
      swap (&net->moment2, &self->spare_moment2);
      if (net->optimizer.kind == BPL_OPTIMIZER_ADAM)
        net->optimizer_steps++;
    }
  net->steps++;
  return TRUE;
}

gboolean
bpl_trainer_train (BplTrainer *self, BplNetwork *network, guint64 n_steps, guint64 *n_done,
                   GError **error)
{
  guint64 done = 0;
  gboolean ok = TRUE;

  while (done < n_steps)
    {
      if (!bpl_trainer_step (self, network, error))
        {
          ok = FALSE;
          break;
        }
      done++;
    }
  if (n_done != NULL)
    *n_done = done;
  return ok;
}

double *
bpl_network_deltas (const BplNetwork *net, const BplForward *forward, guint sample)
{
  double *delta = g_new0 (double, net->n_neurons);

  bpl_pass_output_deltas (net, forward->net, forward->out, bpl_network_get_target (net, sample), delta);
  for (guint l = net->n_layers - 1; l >= 2; l--)
    bpl_pass_hidden_deltas (net, net->weights, l, forward->net, forward->out, delta);
  return delta;
}

void
bpl_network_gradient (const BplNetwork *net, guint sample, BplForward *forward,
                      double *weight_gradient, double *bias_gradient)
{
  g_autofree double *delta = NULL;

  g_return_if_fail (net != NULL && forward != NULL);
  g_return_if_fail (sample < net->n_samples);

  bpl_forward_compute (forward, net, sample);
  delta = bpl_network_deltas (net, forward, sample);

  for (guint l = 1; l < net->n_layers; l++)
    for (guint j = 0; j < net->layer_size[l]; j++)
      for (guint k = 0; k < net->layer_size[l - 1]; k++)
        weight_gradient[net->weight_start[l] + j * net->layer_size[l - 1] + k] =
          delta[net->layer_start[l] + j] * forward->out[net->layer_start[l - 1] + k];

  if (net->n_biases > 0)
    {
      memset (bias_gradient, 0, sizeof (double) * net->n_biases);
      for (guint n = 0; n < net->n_neurons; n++)
        if (net->neuron_bias[n] >= 0)
          bias_gradient[net->neuron_bias[n]] += delta[n];
    }
}

/* E_total of @copy with @param set to @value. */
static double
error_at (BplNetwork *copy, BplForward *forward, BplParam param, guint sample, double value)
{
  bpl_network_set_param (copy, param, value);
  bpl_forward_compute (forward, copy, sample);
  return forward->total_error;
}

double
bpl_network_numerical_gradient (const BplNetwork *network, BplParam param, guint sample)
{
  g_autoptr (BplNetwork) copy = bpl_network_copy (network);
  g_autoptr (BplForward) forward = bpl_forward_new (network);
  double p = bpl_network_get_param (network, param);
  double h = 1e-4 * MAX (1.0, fabs (p));
  double d1, d2;

  /* Central differences at h and h/2, combined (Richardson) so the h² error
   * cancels: accurate to about 1e-12 relative without a tiny, noisy h. */
  d1 = (error_at (copy, forward, param, sample, p + h) - error_at (copy, forward, param, sample, p - h)) / (2 * h);
  d2 = (error_at (copy, forward, param, sample, p + h / 2) - error_at (copy, forward, param, sample, p - h / 2)) / h;
  return (4 * d2 - d1) / 3;
}

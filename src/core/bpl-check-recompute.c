/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-check-recompute.c: a quantity of the derivation worked out again,
 * the way a learner works it: factor by factor, path by path, δ by δ, with
 * at most one mistake made (BplCheckVariant). The right working reproduces
 * the derivation's numbers; bpl_check_new() checks that it does. Only the
 * network's public model is used (forward values, weights, activations,
 * loss), so a mistake changes exactly the step it belongs to. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bpl-check-private.h"

typedef struct
{
  BplCheck              *check;
  const BplNetwork      *net;
  const BplDerivation   *d;
  const BplCheckVariant *v;
  const BplForward      *fw;
  const double          *target;
  guint                  first_output;
} Work;

void
bpl_check_variant_init (const BplCheck *self, BplCheckVariant *v)
{
  memset (v, 0, sizeof *v);
  v->mistake = BPL_MISTAKE_NONE;
  v->sample = self->derivation->sample;
  v->slope_as_out = BPL_CHECK_NO;
  v->flip_error = BPL_CHECK_NO;
  v->weight = BPL_CHECK_NO;
  v->weight_by = BPL_CHECK_NO;
  v->skip_path = BPL_CHECK_NO;
  v->skip_output = BPL_CHECK_NO;
  v->skip_fed = BPL_CHECK_NO;
  v->skip_term_neuron = BPL_CHECK_NO;
  v->skip_term_up = BPL_CHECK_NO;
  v->only_output = BPL_CHECK_NO;
  v->eta = self->derivation->learning_rate;
  v->round_decimals = -1;
}

/* An intermediate value as the learner wrote it down. Each step rounds
 * what it takes in (out values, factors, the terms it adds, the δs and
 * the gradient it uses), not what it gives: the quantity asked for comes
 * out of rounded intermediates at full length. */
static double
rounded (const Work *w, double x)
{
  int decimals;
  double scale;

  if (w->v->round_significant > 0 && x != 0 && isfinite (x))
    decimals = w->v->round_significant - 1 - (int) floor (log10 (fabs (x)));
  else if (w->v->round_decimals >= 0)
    decimals = w->v->round_decimals;
  else
    return x;
  if (!isfinite (x) || decimals > 300 || decimals < -300)
    return x;
  scale = pow (10.0, decimals);
  return round (x * scale) / scale;
}

static gboolean
is_input (const Work *w, guint neuron)
{
  return neuron < bpl_network_get_n_inputs (w->net);
}

/* out of a neuron; an input is given, not worked out. */
static double
out_of (const Work *w, guint neuron)
{
  double out = w->fw->out[neuron];

  return is_input (w, neuron) ? out : rounded (w, out);
}

static double
slope_of (const Work *w, guint neuron)
{
  BplActivation act = bpl_network_get_activation (w->net, bpl_network_get_neuron_layer (w->net, neuron));

  if (w->v->slope_as_out == BPL_CHECK_EVERY || w->v->slope_as_out == (gint) neuron)
    return out_of (w, neuron);
  return bpl_activation_slope (act, w->fw->net[neuron], out_of (w, neuron));
}

static gboolean
flipped (const Work *w, guint output)
{
  return w->v->flip_error == BPL_CHECK_EVERY || w->v->flip_error == (gint) output;
}

/* ∂E_o/∂out_o */
static double
error_slope (const Work *w, guint output)
{
  double out = out_of (w, output);
  double target = w->target[output - w->first_output];
  double slope = bpl_network_get_loss (w->net) == BPL_LOSS_CROSS_ENTROPY ? (out - target) / (out * (1.0 - out))
                                                                         : out - target;

  return flipped (w, output) ? -slope : slope;
}

/* Cross-entropy after a sigmoid: ∂E/∂out·∂out/∂net is out − target, which
 * the derivation uses as one number (two factors would be 0·∞ once the
 * sigmoid saturates). Not when the learner put out for the slope. */
static gboolean
simplified_output (const Work *w, guint output)
{
  guint last = bpl_network_get_n_layers (w->net) - 1;

  return bpl_network_get_loss (w->net) == BPL_LOSS_CROSS_ENTROPY
         && bpl_network_get_activation (w->net, last) == BPL_ACTIVATION_SIGMOID
         && w->v->slope_as_out != BPL_CHECK_EVERY && w->v->slope_as_out != (gint) output;
}

static double
simplified_delta (const Work *w, guint output)
{
  double d = out_of (w, output) - w->target[output - w->first_output];

  return flipped (w, output) ? -d : d;
}

static gboolean
output_counts (const Work *w, guint output)
{
  return (w->v->only_output == BPL_CHECK_NO || w->v->only_output == (gint) output)
         && w->v->skip_output != (gint) output;
}

static double
weight_of (const Work *w, guint weight)
{
  if (w->v->weight == (gint) weight)
    return bpl_network_get_weight (w->net, (guint) w->v->weight_by);
  return bpl_network_get_weight (w->net, weight);
}

/* ∂net_t/∂p for a neuron t the parameter feeds. */
static double
input_of (const Work *w)
{
  if (w->v->param_for_input)
    return w->d->value;
  if (w->d->param.kind == BPL_PARAM_WEIGHT)
    return out_of (w, (guint) w->d->source);
  return 1.0;
}

static double
factor_value (const Work *w, const BplFactor *f)
{
  switch (f->kind)
    {
    case BPL_FACTOR_NET_WRT_PARAM:
      return input_of (w);
    case BPL_FACTOR_OUT_WRT_NET:
      return slope_of (w, (guint) f->neuron);
    case BPL_FACTOR_NET_WRT_OUT:
      return weight_of (w, (guint) f->weight);
    case BPL_FACTOR_ERROR_WRT_OUT:
      return error_slope (w, (guint) f->neuron);
    default:
      /* A kind this working does not know: the derivation's number. */
      return f->value;
    }
}

static double
path_product (const Work *w, guint p)
{
  const BplPath *path = &w->d->paths[p];
  guint n = path->n_factors;
  double product = 1.0;

  if (!output_counts (w, path->output) || w->v->skip_path == (gint) p
      || (w->v->skip_fed != BPL_CHECK_NO && path->neurons[0] == (guint) w->v->skip_fed))
    return 0.0;
  if (simplified_output (w, path->output) && n >= 2)
    {
      for (guint i = 0; i + 2 < n; i++)
        product *= rounded (w, factor_value (w, &path->factors[i]));
      return product * rounded (w, simplified_delta (w, path->output));
    }
  for (guint i = 0; i < n; i++)
    product *= rounded (w, factor_value (w, &path->factors[i]));
  return product;
}

/* δ of every neuron from the outputs down, into the check's scratch. */
static void
compute_deltas (const Work *w)
{
  const BplNetwork *net = w->net;
  double *delta = w->check->delta;
  guint last = bpl_network_get_n_layers (net) - 1;

  for (guint o = w->first_output; o < bpl_network_get_n_neurons (net); o++)
    {
      if (!output_counts (w, o))
        delta[o] = 0.0;
      else if (simplified_output (w, o))
        delta[o] = simplified_delta (w, o);
      else
        delta[o] = rounded (w, error_slope (w, o)) * rounded (w, slope_of (w, o));
    }
  for (guint l = last; l >= 2; l--)
    {
      guint start = bpl_network_get_layer_start (net, l - 1);
      guint up_start = bpl_network_get_layer_start (net, l);
      guint n_prev = bpl_network_get_layer_size (net, l - 1);
      guint first_weight = bpl_network_get_weight_start (net, l);

      for (guint n = start; n < start + n_prev; n++)
        {
          double sum = 0.0;

          for (guint k = up_start; k < up_start + bpl_network_get_layer_size (net, l); k++)
            {
              /* Weights go by destination, then source (bpl-network.h). */
              guint weight = first_weight + (k - up_start) * n_prev + (n - start);

              if (w->v->skip_term_neuron == (gint) n && w->v->skip_term_up == (gint) k)
                continue;
              sum += weight_of (w, weight) * rounded (w, delta[k]);
            }
          delta[n] = rounded (w, sum) * rounded (w, slope_of (w, n));
        }
    }
}

static gboolean
is_fed (const Work *w, guint neuron)
{
  if (w->d->param.kind == BPL_PARAM_WEIGHT)
    return (gint) neuron == w->d->target;
  return bpl_network_get_neuron_bias (w->net, neuron) == (gint) w->d->param.index;
}

/* ∂E_total/∂p as the worked example adds it up, path by path; with too
 * many paths to list, from the δs. */
static double
gradient (const Work *w)
{
  double sum = 0.0;

  if (!w->d->paths_truncated)
    {
      for (guint p = 0; p < w->d->n_paths; p++)
        sum += rounded (w, path_product (w, p));
      return sum;
    }

  compute_deltas (w);
  for (guint n = 0; n < bpl_network_get_n_neurons (w->net); n++)
    if (is_fed (w, n) && w->v->skip_fed != (gint) n)
      sum += rounded (w, w->check->delta[n]) * input_of (w);
  if (w->v->skip_path != BPL_CHECK_NO)
    {
      BplCheckVariant all = *w->v;
      Work whole = *w;

      all.skip_path = BPL_CHECK_NO;
      whole.v = &all;
      sum -= path_product (&whole, (guint) w->v->skip_path);
    }
  return sum;
}

/* p⁺ as the next training step makes it. Gradient descent on the shown
 * sample alone is worked again from this variant's gradient; a step on
 * other samples takes their gradient as the derivation gives it (only η can
 * be mistaken then); an optimiser's update is taken as it is, so none of
 * the mistakes here is said to explain an answer to it. */
static double
new_value (BplCheck *self, const Work *w, const BplCheckVariant *v)
{
  const BplDerivation *d = self->derivation;
  BplOptimizerSettings optimizer;

  bpl_network_get_optimizer_settings (self->network, &optimizer);
  if (optimizer.kind != BPL_OPTIMIZER_SGD)
    return d->new_value;
  if (d->n_batch == 1 && d->batch_samples[0] == d->sample)
    return d->value - v->eta * rounded (w, gradient (w) + d->penalty_gradient);
  return d->value - v->eta * rounded (w, d->step_gradient);
}

double
bpl_check_recompute (BplCheck *self, const BplCheckQuantity *q, const BplCheckVariant *v)
{
  Work w = {
    .check = self,
    .net = self->network,
    .d = self->derivation,
    .v = v,
    .fw = self->forward,
    .first_output = bpl_network_get_layer_start (self->network, bpl_network_get_n_layers (self->network) - 1),
  };
  BplCheckVariant one_output;

  g_return_val_if_fail (v->sample < bpl_network_get_n_samples (self->network), NAN);

  if (v->sample != self->derivation->sample)
    {
      bpl_forward_compute (self->scratch, self->network, v->sample);
      w.fw = self->scratch;
    }
  w.target = bpl_network_get_target (self->network, v->sample);

  switch (q->kind)
    {
    case BPL_CHECK_FACTOR:
      return factor_value (&w, &self->derivation->paths[q->path].factors[q->factor]);

    case BPL_CHECK_PATH:
      {
        /* A path's own product: leaving it out of a sum is not its mistake. */
        one_output = *v;
        one_output.skip_path = BPL_CHECK_NO;
        w.v = &one_output;
        return path_product (&w, (guint) q->path);
      }

    case BPL_CHECK_OUTPUT_SUM:
      one_output = *v;
      one_output.only_output = q->neuron;
      w.v = &one_output;
      return gradient (&w);

    case BPL_CHECK_GRADIENT:
      return gradient (&w);

    case BPL_CHECK_DELTA:
      compute_deltas (&w);
      return self->delta[q->neuron];

    case BPL_CHECK_NEW_VALUE:
      return new_value (self, &w, v);

    default:
      g_return_val_if_reached (NAN);
    }
}

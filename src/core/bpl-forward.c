/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-forward.h"
#include "bpl-passes-private.h"

BplForward *
bpl_forward_new (const BplNetwork *network)
{
  BplForward *self;

  g_return_val_if_fail (network != NULL, NULL);

  self = g_new0 (BplForward, 1);
  self->n_neurons = network->n_neurons;
  self->n_outputs = network->layer_size[network->n_layers - 1];
  self->net = g_new0 (double, self->n_neurons);
  self->out = g_new0 (double, self->n_neurons);
  self->error = g_new0 (double, self->n_outputs);
  return self;
}

void
bpl_forward_free (BplForward *self)
{
  if (self == NULL)
    return;
  g_free (self->net);
  g_free (self->out);
  g_free (self->error);
  g_free (self);
}

void
bpl_forward_compute (BplForward *self, const BplNetwork *network, guint sample)
{
  guint first;
  const double *target;

  g_return_if_fail (self != NULL && network != NULL);
  g_return_if_fail (self->n_neurons == network->n_neurons &&
                    self->n_outputs == network->layer_size[network->n_layers - 1]);
  g_return_if_fail (sample < network->n_samples);

  bpl_pass_forward (network, bpl_network_get_input (network, sample), self->net, self->out);

  first = network->layer_start[network->n_layers - 1];
  target = bpl_network_get_target (network, sample);
  self->total_error = bpl_pass_output_errors (network, self->net + first, self->out + first, target, self->error);
}

double
bpl_network_mean_error (const BplNetwork *network, BplForward *scratch)
{
  double sum = 0.0;

  g_return_val_if_fail (network != NULL && scratch != NULL, NAN);

  for (guint s = 0; s < network->n_samples; s++)
    {
      bpl_forward_compute (scratch, network, s);
      sum += scratch->total_error;
    }
  return sum / network->n_samples;
}

double
bpl_network_objective (const BplNetwork *network, BplForward *scratch)
{
  return bpl_network_mean_error (network, scratch) + bpl_network_get_penalty (network);
}

double
bpl_activate (BplActivation activation, double net)
{
  return bpl_activate_inline (activation, net);
}

double
bpl_activation_slope (BplActivation activation, double net, double out)
{
  return bpl_slope_inline (activation, net, out);
}

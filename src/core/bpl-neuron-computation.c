/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The forward computation of one neuron, with names and with numbers. */
#include "config.h"

#include "bpl-derivation-private.h"
#include "bpl-forward.h"
#include "bpl-network-private.h"

/* Beyond this many outputs a softmax's denominator is written Σₖ e^net_ok. */
#define MAX_WRITTEN_OUT_TERMS 8

static void
append_exp_net (BplExpr *e, const char *name, double net_value, gboolean numbers)
{
  bpl_expr_text (e, "e");
  bpl_expr_sup_begin (e);
  if (numbers)
    bpl_expr_number (e, net_value);
  else
    bpl_expr_name (e, "net", name);
  bpl_expr_sup_end (e);
}

void
bpl_expr_softmax (BplExpr *e, const BplNetwork *net, const double *net_values, guint neuron, gboolean numbers)
{
  guint l = net->n_layers - 1;
  guint first = net->layer_start[l], n = net->layer_size[l];

  append_exp_net (e, net->neuron_names[neuron], net_values[neuron], numbers);
  bpl_expr_text (e, "/(");
  if (n > MAX_WRITTEN_OUT_TERMS && !numbers)
    {
      bpl_expr_text (e, "Σₖ e");
      bpl_expr_sup_begin (e);
      bpl_expr_name (e, "net", "ok");
      bpl_expr_sup_end (e);
    }
  else
    for (guint k = 0; k < n; k++)
      {
        if (k > 0)
          bpl_expr_text (e, " + ");
        if (k == MAX_WRITTEN_OUT_TERMS - 1 && n > MAX_WRITTEN_OUT_TERMS)
          {
            bpl_expr_text (e, "… + ");
            k = n - 1;
          }
        append_exp_net (e, net->neuron_names[first + k], net_values[first + k], numbers);
      }
  bpl_expr_text (e, ")");
}

static void
append_activation (BplExpr *e, BplActivation act, const char *name, double net_value, gboolean numbers)
{
  static const char *const before[] = { "1/(1 + e", "tanh(", "max(0, ", "" };
  static const char *const after[] = { ")", ")", ")", "" };

  g_return_if_fail ((guint) act < G_N_ELEMENTS (before));

  bpl_expr_text (e, before[act]);
  /* The sigmoid's exponent is raised, as the worked example writes it. */
  if (act == BPL_ACTIVATION_SIGMOID)
    {
      bpl_expr_sup_begin (e);
      bpl_expr_text (e, "−");
    }
  if (numbers)
    bpl_expr_number (e, net_value);
  else
    bpl_expr_name (e, "net", name);
  if (act == BPL_ACTIVATION_SIGMOID)
    bpl_expr_sup_end (e);
  if (*after[act])
    bpl_expr_text (e, after[act]);
}

BplNeuronComputation *
bpl_neuron_computation_new (const BplNetwork *net, guint neuron, guint sample)
{
  g_autoptr (BplForward) forward = NULL;
  BplNeuronComputation *self;
  const char *name;
  guint l;

  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (neuron < net->n_neurons, NULL);
  g_return_val_if_fail (sample < net->n_samples, NULL);

  forward = bpl_forward_new (net);
  bpl_forward_compute (forward, net, sample);
  name = net->neuron_names[neuron];
  l = bpl_network_get_neuron_layer (net, neuron);

  self = g_new0 (BplNeuronComputation, 1);
  self->neuron = neuron;
  self->net = forward->net[neuron];
  self->out = forward->out[neuron];
  self->n_weights = net->n_weights;
  self->weight_in = g_new0 (gboolean, MAX (net->n_weights, 1));
  self->bias = net->neuron_bias[neuron];
  self->net_formula = bpl_expr_new ();
  self->net_substitution = bpl_expr_new ();
  self->out_formula = bpl_expr_new ();
  self->out_substitution = bpl_expr_new ();

  if (l == 0)
    {
      /* An input's value is given, not computed. */
      bpl_expr_out (self->net_formula, net, neuron);
      bpl_expr_number (self->net_substitution, self->net);
      bpl_expr_out (self->out_formula, net, neuron);
      bpl_expr_number (self->out_substitution, self->out);
      return self;
    }

  bpl_expr_name (self->net_formula, "net", name);
  bpl_expr_text (self->net_formula, " = ");
  bpl_expr_net_sum (self->net_formula, net, neuron);
  {
    guint j = neuron - net->layer_start[l];
    guint n_prev = net->layer_size[l - 1];
    for (guint k = 0; k < n_prev; k++)
      {
        guint w = net->weight_start[l] + j * n_prev + k;
        self->weight_in[w] = TRUE;
        if (k > 0)
          bpl_expr_text (self->net_substitution, " + ");
        bpl_expr_number (self->net_substitution, net->weights[w]);
        bpl_expr_text (self->net_substitution, "·");
        bpl_expr_number (self->net_substitution, forward->out[net->layer_start[l - 1] + k]);
      }
    if (self->bias >= 0)
      {
        bpl_expr_text (self->net_substitution, " + ");
        bpl_expr_number (self->net_substitution, net->biases[self->bias]);
        bpl_expr_text (self->net_substitution, "·1");
      }
  }

  bpl_expr_name (self->out_formula, "out", name);
  bpl_expr_text (self->out_formula, " = ");
  if (net->activation[l] == BPL_ACTIVATION_SOFTMAX)
    {
      bpl_expr_softmax (self->out_formula, net, forward->net, neuron, FALSE);
      bpl_expr_softmax (self->out_substitution, net, forward->net, neuron, TRUE);
    }
  else
    {
      append_activation (self->out_formula, net->activation[l], name, self->net, FALSE);
      append_activation (self->out_substitution, net->activation[l], name, self->net, TRUE);
    }
  return self;
}

void
bpl_neuron_computation_free (BplNeuronComputation *self)
{
  if (self == NULL)
    return;
  bpl_expr_free (self->net_formula);
  bpl_expr_free (self->net_substitution);
  bpl_expr_free (self->out_formula);
  bpl_expr_free (self->out_substitution);
  g_free (self->weight_in);
  g_free (self);
}

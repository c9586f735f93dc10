/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-graph-paths.c: what ∂E_total/∂p costs as a sum over paths (Colah's
 * picture: every path's product, added up) and as the δ recursion that
 * backpropagation runs (each neuron's δ once, reused by every path through
 * it): the reason backprop is fast, in two numbers. */
#include "config.h"

#include "bpl-graph.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "bpl-network-private.h"

static guint64
mul_sat (guint64 a, guint64 b, gboolean *saturated)
{
  if (a != 0 && b > G_MAXUINT64 / a)
    {
      *saturated = TRUE;
      return G_MAXUINT64;
    }
  return a * b;
}

static guint64
add_sat (guint64 a, guint64 b, gboolean *saturated)
{
  if (b > G_MAXUINT64 - a)
    {
      *saturated = TRUE;
      return G_MAXUINT64;
    }
  return a + b;
}

BplPathCount *
bpl_path_count_new (const BplNetwork *net, BplParam param)
{
  BplPathCount *self;
  guint L, l, fed = 0, len;
  gboolean fused, softmax;
  guint per_path;
  GString *paths_text, *delta_text;
  const char *pname;
  guint64 cost;

  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail ((param.kind == BPL_PARAM_WEIGHT && param.index < net->n_weights)
                          || (param.kind == BPL_PARAM_BIAS && param.index < net->n_biases),
                        NULL);

  self = g_new0 (BplPathCount, 1);
  self->param = param;
  pname = bpl_network_get_param_name (net, param);
  L = net->n_layers;
  if (param.kind == BPL_PARAM_WEIGHT)
    {
      l = bpl_network_get_neuron_layer (net, bpl_network_get_weight_target (net, param.index));
      fed = 1;
    }
  else
    {
      l = bpl_network_get_bias_layer (net, param.index);
      for (guint n = 0; n < net->n_neurons; n++)
        if (net->neuron_bias[n] == (gint) param.index)
          fed++;
    }
  len = L - l;
  /* σ with cross-entropy: the derivation multiplies by out − target in
   * place of the last two factors. */
  fused = net->loss == BPL_LOSS_CROSS_ENTROPY && net->activation[L - 1] == BPL_ACTIVATION_SIGMOID;
  /* A softmax couples the outputs: a path that reaches net_oj goes on to
   * every out_ok (∂out_ok/∂net_oj in place of f′). */
  softmax = net->activation[L - 1] == BPL_ACTIVATION_SOFTMAX;

  /* Sum over paths: every chain from a neuron p feeds to an output. */
  paths_text = g_string_new (NULL);
  self->n_paths = fed;
  g_string_append_printf (paths_text, "%u", fed);
  for (guint m = l + 1; m < L; m++)
    {
      self->n_paths = mul_sat (self->n_paths, net->layer_size[m], &self->saturated);
      g_string_append_printf (paths_text, " × %u", net->layer_size[m]);
    }
  if (softmax)
    {
      self->n_paths = mul_sat (self->n_paths, net->layer_size[L - 1], &self->saturated);
      g_string_append_printf (paths_text, _(" × %u softmax outputs"), net->layer_size[L - 1]);
    }
  self->factors_per_path = 2 * len + 1;
  per_path = self->factors_per_path - 1 - (fused ? 1 : 0);
  self->path_multiplications = mul_sat (self->n_paths, per_path, &self->saturated);
  self->path_additions = self->n_paths - 1;
  self->path_formula = g_strdup_printf (
      _("%s = %" PRIu64 " paths (the neurons %s feeds × the size of each layer above) "
        "× %u multiplications each (%u factors: 2 per neuron on the chain and ∂E_o/∂out_o%s) "
        "= %" PRIu64 "%s"),
      paths_text->str, self->n_paths, pname, per_path, self->factors_per_path,
      fused ? _("; σ with cross-entropy takes the last two as out − target") : "",
      self->path_multiplications, self->saturated ? _(" or more") : "");
  g_string_free (paths_text, TRUE);

  /* δ recursion: each needed δ once, from the outputs down to layer l. */
  delta_text = g_string_new (NULL);
  for (guint m = L - 1; m >= l; m--)
    {
      guint64 needed = m == l ? fed : net->layer_size[m];
      /* An output's δ: ∂E_o/∂out_o·f′(net), 1; out − target, 0 (σ or
       * softmax with cross-entropy); softmax with squared error sums
       * (out_k − t_k)·∂out_k/∂net_j over the outputs. */
      guint64 each = m == L - 1 ? (fused || (softmax && net->loss == BPL_LOSS_CROSS_ENTROPY)
                                     ? 0 : softmax ? net->layer_size[L - 1] : 1)
                                : (guint64) net->layer_size[m + 1] + 1;

      self->n_deltas = add_sat (self->n_deltas, needed, &self->saturated);
      cost = mul_sat (needed, each, &self->saturated);
      self->delta_multiplications = add_sat (self->delta_multiplications, cost, &self->saturated);
      if (delta_text->len > 0)
        g_string_append (delta_text, " + ");
      if (m == L - 1)
        g_string_append_printf (delta_text, "%" G_GUINT64_FORMAT " × %" G_GUINT64_FORMAT, needed, each);
      else
        g_string_append_printf (delta_text, "%" G_GUINT64_FORMAT " × (%u + 1)", needed,
                                net->layer_size[m + 1]);
    }
  /* Then ∂E/∂w = δ·out, or ∂E/∂b = Σ δ·1 over the neurons it feeds. */
  cost = fed;
  self->delta_multiplications = add_sat (self->delta_multiplications, cost, &self->saturated);
  g_string_append_printf (delta_text, " + %u", fed);
  self->delta_formula = g_strdup_printf (
      _("%s = %" PRIu64 "%s: %" PRIu64 " δ, each once: an output's δ = "
        "∂E_o/∂out_o·f′(net) (%s), a hidden neuron's δ = (Σ w·δ over the next layer)·f′(net) "
        "(one per neuron there, and 1), then %s"),
      delta_text->str, self->delta_multiplications, self->saturated ? _(" or more") : "",
      self->n_deltas, fused ? _("0: out − target") : "1",
      param.kind == BPL_PARAM_WEIGHT ? _("δ·out (1)") : _("δ·1 for each neuron the bias feeds"));
  g_string_free (delta_text, TRUE);
  return self;
}

void
bpl_path_count_free (BplPathCount *self)
{
  if (self == NULL)
    return;
  g_free (self->path_formula);
  g_free (self->delta_formula);
  g_free (self);
}

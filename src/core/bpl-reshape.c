/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-reshape.h"

#include <string.h>

static double
draw (GRand *rand)
{
  return g_rand_double_range (rand, -BPL_RESHAPE_INIT_RANGE, BPL_RESHAPE_INIT_RANGE);
}

static void
push_double (GArray *words,
             double  value)
{
  guint32 halves[2];

  G_STATIC_ASSERT (sizeof halves == sizeof value);
  memcpy (halves, &value, sizeof halves);
  g_array_append_vals (words, halves, 2);
}

/* The random sequence of one edit: started from the seed, the old network
 * (shape, weights, biases) and the new shape, so that a second edit does
 * not replay the numbers of the first. */
static GRand *
edit_rand (guint32           seed,
           const BplNetwork *old,
           const guint      *sizes,
           const gint       *old_layer_of,
           guint             n_layers,
           BplBiasMode       bias_mode)
{
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 word;

  g_array_append_val (words, seed);
  for (guint l = 0; l < bpl_network_get_n_layers (old); l++)
    {
      word = bpl_network_get_layer_size (old, l);
      g_array_append_val (words, word);
    }
  for (guint w = 0; w < bpl_network_get_n_weights (old); w++)
    push_double (words, bpl_network_get_weight (old, w));
  for (guint b = 0; b < bpl_network_get_n_biases (old); b++)
    push_double (words, bpl_network_get_bias (old, b));
  for (guint l = 0; l < n_layers; l++)
    {
      guint32 pair[2] = { sizes[l], (guint32) old_layer_of[l] };
      g_array_append_vals (words, pair, 2);
    }
  word = (guint32) bias_mode;
  g_array_append_val (words, word);
  return g_rand_new_with_seed_array ((const guint32 *) (void *) words->data, words->len);
}

/* The old neuron @new_neuron continues, or -1. */
static gint
old_neuron (const BplNetwork *old,
            const BplNetwork *network,
            const gint       *old_layer_of,
            guint             new_neuron)
{
  guint layer = bpl_network_get_neuron_layer (network, new_neuron);
  guint j = new_neuron - bpl_network_get_layer_start (network, layer);
  gint old_layer = old_layer_of[layer];

  if (old_layer < 0 || j >= bpl_network_get_layer_size (old, (guint) old_layer))
    return -1;
  return (gint) (bpl_network_get_layer_start (old, (guint) old_layer) + j);
}

/* @from's first values into @to, zero past them. */
static void
fit_values (const double *from,
            guint         n_from,
            double       *to,
            guint         n_to)
{
  for (guint i = 0; i < n_to; i++)
    to[i] = i < n_from ? from[i] : 0;
}

BplNetwork *
bpl_reshape_network (const BplNetwork *old,
                     const guint      *sizes,
                     const gint       *old_layer_of,
                     guint             n_layers,
                     BplBiasMode       bias_mode,
                     guint32           seed,
                     GError          **error)
{
  g_autoptr(BplNetwork) network = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree gboolean *bias_set = NULL;
  guint n_old_layers = bpl_network_get_n_layers (old);
  guint n_in, n_out, old_in, old_out;

  g_return_val_if_fail (old != NULL, NULL);
  g_return_val_if_fail (n_layers >= 2, NULL);

  for (guint l = 0; l < n_layers; l++)
    g_return_val_if_fail (old_layer_of[l] < (gint) n_old_layers, NULL);

  network = bpl_network_new (sizes, n_layers, bias_mode, error);
  if (network == NULL)
    return NULL;
  rand = edit_rand (seed, old, sizes, old_layer_of, n_layers, bias_mode);

  bpl_network_set_name (network, bpl_network_get_name (old));
  /* The class's lesson goes on with the network in its new shape. */
  bpl_network_set_lesson (network, bpl_network_get_lesson (old));
  /* Every training setting (the batch size, the penalty and the optimiser
   * too); the optimiser starts afresh, as a new model's would: its state
   * belonged to the old parameters. */
  bpl_network_copy_training_settings (network, old);
  bpl_network_set_steps (network, bpl_network_get_steps (old));
  for (guint l = 1; l < n_layers; l++)
    bpl_network_set_activation (network, l,
                                old_layer_of[l] > 0 ? bpl_network_get_activation (old, (guint) old_layer_of[l])
                                                    : BPL_ACTIVATION_SIGMOID);

  /* Weights */
  for (guint w = 0; w < bpl_network_get_n_weights (network); w++)
    {
      gint src = old_neuron (old, network, old_layer_of, bpl_network_get_weight_source (network, w));
      gint dst = old_neuron (old, network, old_layer_of, bpl_network_get_weight_target (network, w));
      gint old_w = src >= 0 && dst >= 0 ? bpl_network_find_weight (old, (guint) src, (guint) dst) : -1;

      bpl_network_set_weight (network, w, old_w >= 0 ? bpl_network_get_weight (old, (guint) old_w) : draw (rand));
    }

  /* Biases: kept through the neurons they feed, the rest drawn. */
  bias_set = g_new0 (gboolean, MAX (bpl_network_get_n_biases (network), 1));
  for (guint n = bpl_network_get_n_inputs (network); n < bpl_network_get_n_neurons (network); n++)
    {
      gint b = bpl_network_get_neuron_bias (network, n);
      gint on = old_neuron (old, network, old_layer_of, n);
      gint ob = on >= 0 ? bpl_network_get_neuron_bias (old, (guint) on) : -1;

      if (b < 0 || ob < 0 || bias_set[b])
        continue;
      bpl_network_set_bias (network, (guint) b, bpl_network_get_bias (old, (guint) ob));
      bias_set[b] = TRUE;
    }
  for (guint b = 0; b < bpl_network_get_n_biases (network); b++)
    if (!bias_set[b])
      bpl_network_set_bias (network, b, draw (rand));

  /* Samples and test samples: inputs and targets kept where the shape
   * keeps them, zero where it adds some. */
  n_in = bpl_network_get_n_inputs (network);
  n_out = bpl_network_get_n_outputs (network);
  old_in = bpl_network_get_n_inputs (old);
  old_out = bpl_network_get_n_outputs (old);
  {
    g_autofree double *in = g_new0 (double, n_in);
    g_autofree double *out = g_new0 (double, n_out);

    for (guint s = 0; s < bpl_network_get_n_samples (old); s++)
      {
        fit_values (bpl_network_get_input (old, s), old_in, in, n_in);
        fit_values (bpl_network_get_target (old, s), old_out, out, n_out);
        if (s == 0)
          {
            for (guint i = 0; i < n_in; i++)
              bpl_network_set_input (network, 0, i, in[i]);
            for (guint o = 0; o < n_out; o++)
              bpl_network_set_target (network, 0, o, out[o]);
          }
        else
          bpl_network_add_sample (network, in, out);
      }
    for (guint s = 0; s < bpl_network_get_n_test_samples (old); s++)
      {
        fit_values (bpl_network_get_test_input (old, s), old_in, in, n_in);
        fit_values (bpl_network_get_test_target (old, s), old_out, out, n_out);
        bpl_network_add_test_sample (network, in, out);
      }
  }
  return g_steal_pointer (&network);
}

void
bpl_reshape_randomize (BplNetwork *network,
                       guint32     seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  g_return_if_fail (network != NULL);

  for (guint w = 0; w < bpl_network_get_n_weights (network); w++)
    bpl_network_set_weight (network, w, draw (rand));
  for (guint b = 0; b < bpl_network_get_n_biases (network); b++)
    bpl_network_set_bias (network, b, draw (rand));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-reshape.c: a network of a new shape from an old one, as the
 * architecture editor makes it: kept values are kept, new ones are drawn,
 * reproducibly and each a number of its own. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "backprop-lens.h"

#define SEED 42

/* The old network with layer @layer set to @size neurons. */
static BplNetwork *
resize (const BplNetwork *old,
        guint             layer,
        guint             size,
        guint32           seed)
{
  guint sizes[BPL_MAX_LAYERS];
  gint map[BPL_MAX_LAYERS];
  guint n_layers = bpl_network_get_n_layers (old);
  g_autoptr (GError) error = NULL;
  BplNetwork *network;

  for (guint l = 0; l < n_layers; l++)
    {
      sizes[l] = bpl_network_get_layer_size (old, l);
      map[l] = (gint) l;
    }
  sizes[layer] = size;
  network = bpl_reshape_network (old, sizes, map, n_layers, bpl_network_get_bias_mode (old), seed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (network);
  return network;
}

/* The same seed gives the same new weights; kept weights are kept. */
static void
test_reproducible (void)
{
  g_autoptr (BplNetwork) worked = bpl_network_new_worked_example ();
  guint sizes[] = { 2, 3, 2 };
  gint map[] = { 0, 1, 2 };
  g_autoptr (BplNetwork) a = bpl_reshape_network (worked, sizes, map, 3, BPL_BIAS_PER_LAYER, 7, NULL);
  g_autoptr (BplNetwork) b = bpl_reshape_network (worked, sizes, map, 3, BPL_BIAS_PER_LAYER, 7, NULL);
  g_autoptr (BplNetwork) c = bpl_reshape_network (worked, sizes, map, 3, BPL_BIAS_PER_LAYER, 8, NULL);
  guint same_sizes[] = { 2, 2, 2 };
  g_autoptr (BplNetwork) same = bpl_reshape_network (worked, same_sizes, map, 3, BPL_BIAS_PER_LAYER, 7, NULL);
  guint too_big[] = { 2, BPL_MAX_LAYER_SIZE + 1, 2 };
  g_autoptr (GError) error = NULL;

  g_assert_true (bpl_network_equal (a, b));
  g_assert_false (bpl_network_equal (a, c));
  g_assert_true (bpl_network_equal (same, worked));
  g_assert_null (bpl_reshape_network (worked, too_big, map, 3, BPL_BIAS_PER_LAYER, 7, &error));
  g_assert_nonnull (error);
}

/* Issue 17: "+" twice on the hidden layer gave h3 and h4 the same weights
 * (w5 = w7, w6 = w8, w11 = w12, w15 = w16), because every edit restarted
 * the random sequence. Each neuron must start different, and training must
 * then keep them apart. */
static void
test_added_neurons_differ (void)
{
  g_autoptr (BplNetwork) worked = bpl_network_new_worked_example ();
  g_autoptr (BplNetwork) three = resize (worked, 1, 3, SEED);
  g_autoptr (BplNetwork) four = resize (three, 1, 4, SEED);
  g_autoptr (BplNetwork) again = NULL;
  g_autoptr (BplTrainer) trainer = NULL;
  g_autoptr (BplForward) forward = NULL;
  guint h3 = 4, h4 = 5;

  g_assert_cmpstr (bpl_network_get_neuron_name (four, h3), ==, "h3");
  g_assert_cmpstr (bpl_network_get_neuron_name (four, h4), ==, "h4");
  /* Into h3 and h4 from each input, and out of them to each output. */
  for (guint other = 0; other < bpl_network_get_n_neurons (four); other++)
    {
      gint into3 = bpl_network_find_weight (four, other, h3);
      gint into4 = bpl_network_find_weight (four, other, h4);
      gint from3 = bpl_network_find_weight (four, h3, other);
      gint from4 = bpl_network_find_weight (four, h4, other);

      if (into3 >= 0)
        g_assert_cmpfloat (bpl_network_get_weight (four, (guint) into3), !=,
                           bpl_network_get_weight (four, (guint) into4));
      if (from3 >= 0)
        g_assert_cmpfloat (bpl_network_get_weight (four, (guint) from3), !=,
                           bpl_network_get_weight (four, (guint) from4));
    }
  /* h3's weights were drawn in the first edit and are kept by the second. */
  g_assert_cmpfloat (bpl_network_get_weight (four, (guint) bpl_network_find_weight (four, 0, h3)), ==,
                     bpl_network_get_weight (three, (guint) bpl_network_find_weight (three, 0, h3)));

  trainer = bpl_trainer_new (four);
  g_assert_true (bpl_trainer_train (trainer, four, 10000, NULL, NULL));
  forward = bpl_forward_new (four);
  bpl_forward_compute (forward, four, 0);
  g_assert_cmpfloat (forward->out[h3], !=, forward->out[h4]);

  /* Still reproducible: the same two edits give the same network. */
  {
    g_autoptr (BplNetwork) three_again = resize (worked, 1, 3, SEED);
    g_autoptr (BplNetwork) four_again = NULL;

    g_assert_true (bpl_network_equal (three_again, three));
    four_again = resize (three_again, 1, 4, SEED);
    again = resize (three, 1, 4, SEED);
    g_assert_true (bpl_network_equal (again, four_again));
  }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Issue 17: a saved 8-8-8-8 network held the same run of numbers six times.
 * Grown one neuron at a time and one layer at a time, every drawn weight
 * and bias is a number of its own. */
static void
test_no_repeated_runs (void)
{
  g_autoptr (BplNetwork) worked = bpl_network_new_worked_example ();
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  BplNetwork *network;
  guint sizes[] = { 2, 2, 2 };
  gint map[] = { 0, 1, 2 };

  /* Per-neuron biases, every value drawn, so that nothing is kept twice. */
  network = bpl_reshape_network (worked, sizes, map, 3, BPL_BIAS_PER_NEURON, SEED, NULL);
  g_assert_nonnull (network);
  bpl_reshape_randomize (network, SEED);
  for (guint layer = 0; layer < 3; layer++)
    for (guint size = 3; size <= 8; size++)
      {
        BplNetwork *bigger = resize (network, layer, size, SEED);
        bpl_network_free (network);
        network = bigger;
      }
  {
    guint big[] = { 8, 8, 8, 8 };
    gint big_map[] = { 0, 1, -1, 2 };
    BplNetwork *deeper = bpl_reshape_network (network, big, big_map, 4, BPL_BIAS_PER_NEURON, SEED, NULL);
    g_assert_nonnull (deeper);
    bpl_network_free (network);
    network = deeper;
  }

  g_assert_cmpuint (bpl_network_get_n_weights (network), ==, 3 * 64);
  for (guint w = 0; w < bpl_network_get_n_weights (network); w++)
    {
      double v = bpl_network_get_weight (network, w);
      g_array_append_val (values, v);
    }
  for (guint b = 0; b < bpl_network_get_n_biases (network); b++)
    {
      double v = bpl_network_get_bias (network, b);
      g_array_append_val (values, v);
    }
  g_array_sort (values, compare_doubles);
  for (guint i = 1; i < values->len; i++)
    g_assert_cmpfloat (g_array_index (values, double, i - 1), !=, g_array_index (values, double, i));
  bpl_network_free (network);
}

/* A new shape keeps the held-out test samples, padded like the samples:
 * a data set must not vanish when a hidden layer grows. */
static void
test_keeps_test_samples (void)
{
  g_autoptr (BplNetwork) worked = bpl_network_new_worked_example ();
  const double in[] = { 0.3, -0.7 };
  const double target[] = { 0.2, 0.8 };
  g_autoptr (BplNetwork) wider = NULL;
  g_autoptr (BplNetwork) more_inputs = NULL;

  bpl_network_add_test_sample (worked, in, target);
  wider = resize (worked, 1, 4, SEED);
  g_assert_cmpuint (bpl_network_get_n_test_samples (wider), ==, 1);
  g_assert_cmpfloat (bpl_network_get_test_input (wider, 0)[1], ==, -0.7);
  g_assert_cmpfloat (bpl_network_get_test_target (wider, 0)[1], ==, 0.8);

  more_inputs = resize (worked, 0, 3, SEED);
  g_assert_cmpuint (bpl_network_get_n_test_samples (more_inputs), ==, 1);
  g_assert_cmpfloat (bpl_network_get_test_input (more_inputs, 0)[0], ==, 0.3);
  g_assert_cmpfloat (bpl_network_get_test_input (more_inputs, 0)[2], ==, 0);
}

/* Issue 10: a layer of 784 inputs (28×28 images) was refused, the limit
 * being 256. Up to BPL_MAX_LAYER_SIZE is taken, while the weights stay
 * within BPL_MAX_WEIGHTS. */
static void
test_wide_layers (void)
{
  g_autoptr (BplNetwork) worked = bpl_network_new_worked_example ();
  g_autoptr (BplNetwork) images = resize (worked, 0, 784, SEED);
  g_autoptr (BplNetwork) widest = resize (worked, 1, BPL_MAX_LAYER_SIZE, SEED);
  guint sizes[] = { 784, 100, 2 };
  gint map[] = { 0, 1, 2 };
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (bpl_network_get_n_inputs (images), ==, 784);
  g_assert_cmpuint (bpl_network_get_n_weights (images), ==, 784 * 2 + 2 * 2);
  /* The kept inputs of the sample are kept, the new ones are 0. */
  g_assert_cmpfloat (bpl_network_get_input (images, 0)[1], ==, 0.1);
  g_assert_cmpfloat (bpl_network_get_input (images, 0)[783], ==, 0);
  g_assert_cmpuint (bpl_network_get_layer_size (widest, 1), ==, BPL_MAX_LAYER_SIZE);
  /* 78,600 weights: too many, and said so. */
  g_assert_null (bpl_reshape_network (worked, sizes, map, 3, BPL_BIAS_PER_LAYER, SEED, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
}

/* A new shape keeps every training setting (a mini-batch of 3, L2 with its
 * λ, Adam with its β₁, β₂, ε) and starts the optimiser afresh. */
static void
test_keeps_training_settings (void)
{
  g_autoptr (BplNetwork) old = bpl_network_new_worked_example ();
  g_autoptr (BplTrainer) trainer = NULL;
  g_autoptr (BplNetwork) grown = NULL;
  BplOptimizerSettings adam = { BPL_OPTIMIZER_ADAM, BPL_DEFAULT_MOMENTUM, 0.8, 0.99, 1e-6 };
  BplOptimizerSettings got;
  /* Copies: adding a sample moves the network's own arrays. */
  double input[2], target[2];

  memcpy (input, bpl_network_get_input (old, 0), sizeof input);
  memcpy (target, bpl_network_get_target (old, 0), sizeof target);
  bpl_network_add_sample (old, input, target);
  bpl_network_add_sample (old, input, target);
  bpl_network_set_batch_size (old, 3);
  bpl_network_set_regularization (old, BPL_REGULARIZATION_L2, 0.01);
  bpl_network_set_optimizer_settings (old, &adam);
  trainer = bpl_trainer_new (old);
  g_assert_true (bpl_trainer_step (trainer, old, NULL));
  g_assert_true (bpl_network_has_optimizer_state (old));

  grown = resize (old, 1, 3, SEED);
  g_assert_cmpuint (bpl_network_get_batch_size (grown), ==, 3);
  g_assert_cmpint (bpl_network_get_regularization (grown), ==, BPL_REGULARIZATION_L2);
  g_assert_cmpfloat (bpl_network_get_regularization_strength (grown), ==, 0.01);
  bpl_network_get_optimizer_settings (grown, &got);
  g_assert_cmpint (got.kind, ==, BPL_OPTIMIZER_ADAM);
  g_assert_cmpfloat (got.beta1, ==, 0.8);
  g_assert_cmpfloat (got.beta2, ==, 0.99);
  g_assert_cmpfloat (got.epsilon, ==, 1e-6);
  g_assert_false (bpl_network_has_optimizer_state (grown));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/reshape/reproducible", test_reproducible);
  g_test_add_func ("/core/reshape/added-neurons-differ", test_added_neurons_differ);
  g_test_add_func ("/core/reshape/no-repeated-runs", test_no_repeated_runs);
  g_test_add_func ("/core/reshape/keeps-test-samples", test_keeps_test_samples);
  g_test_add_func ("/core/reshape/wide-layers", test_wide_layers);
  g_test_add_func ("/core/reshape/keeps-training-settings", test_keeps_training_settings);
  return g_test_run ();
}

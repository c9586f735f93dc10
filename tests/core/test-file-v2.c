/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-file-v2.c: version 2 of the network file. Softmax, the penalty,
 * mini-batches, the optimiser and its state round-trip exactly (a loaded
 * network trains on exactly as the saved one would); a network without
 * them is still written as version 1; every new field is refused clearly
 * when it is wrong, or when a version-1 file uses it. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "backprop-lens.h"
#include "bpl-test-random.h"

#define SEED 20250303

static BplNetwork *
round_trip (const BplNetwork *net, int expected_version)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = bpl_network_to_data (net, NULL);
  g_autofree char *version = g_strdup_printf ("\"version\": %d,", expected_version);
  BplNetwork *again = bpl_network_load_from_data (data, strlen (data), "again.json", &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (data, version));
  if (!bpl_network_equal (net, again))
    g_error ("not the same after a round trip:\n%s", data);
  return again;
}

/* Every new setting, with the optimiser's state after some steps: the
 * loaded network is equal, and trains on to exactly the same values. */
static void
test_round_trip (void)
{
  static const guint sizes[] = { 3, 4, 3 };
  static const BplActivation softmax[] = { BPL_ACTIVATION_TANH, BPL_ACTIVATION_SOFTMAX };
  static const BplActivation sigmoid[] = { BPL_ACTIVATION_RELU, BPL_ACTIVATION_SIGMOID };
  static const BplBiasMode modes[] = { BPL_BIAS_PER_LAYER, BPL_BIAS_PER_NEURON, BPL_BIAS_NONE };
  const BplOptimizerSettings optimizers[] = {
    { BPL_OPTIMIZER_SGD, BPL_DEFAULT_MOMENTUM, BPL_DEFAULT_BETA1, BPL_DEFAULT_BETA2, BPL_DEFAULT_EPSILON },
    { BPL_OPTIMIZER_MOMENTUM, 0.7, BPL_DEFAULT_BETA1, BPL_DEFAULT_BETA2, BPL_DEFAULT_EPSILON },
    { BPL_OPTIMIZER_ADAM, BPL_DEFAULT_MOMENTUM, 0.85, 0.995, 1e-7 },
  };
  g_autoptr (GRand) rand = g_rand_new_with_seed (SEED);

  for (guint o = 0; o < G_N_ELEMENTS (optimizers); o++)
    for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
      for (guint variant = 0; variant < 4; variant++)
        {
          gboolean use_softmax = variant % 2 == 0;
          g_autoptr (BplNetwork) net = bpl_test_random_network (
              rand, sizes, 3, modes[m], use_softmax ? softmax : sigmoid,
              use_softmax ? BPL_LOSS_CROSS_ENTROPY : BPL_LOSS_SQUARED_ERROR, 5, FALSE);
          g_autoptr (BplNetwork) again = NULL;
          g_autoptr (BplTrainer) t1 = bpl_trainer_new (net);
          g_autoptr (BplTrainer) t2 = bpl_trainer_new (net);
          gboolean v2 = use_softmax || o > 0 || variant >= 2;

          bpl_network_set_optimizer_settings (net, &optimizers[o]);
          bpl_network_set_learning_rate (net, 0.01);
          bpl_network_set_update_biases (net, m != 1);
          if (variant >= 2)
            {
              bpl_network_set_batch_size (net, variant == 2 ? 2 : 7);
              bpl_network_set_regularization (net, variant == 2 ? BPL_REGULARIZATION_L1 : BPL_REGULARIZATION_L2,
                                              g_rand_double_range (rand, 0.001, 0.1));
            }
          /* Before any step, and after some. */
          g_clear_pointer (&again, bpl_network_free);
          again = round_trip (net, v2 ? 2 : 1);
          g_assert_true (bpl_trainer_train (t1, net, 7, NULL, NULL));
          g_clear_pointer (&again, bpl_network_free);
          again = round_trip (net, v2 ? 2 : 1);
          g_assert_cmpint (bpl_network_has_optimizer_state (again), ==, o > 0);

          /* The loaded network starts counting steps afresh, like any
           * loaded file; the optimiser's t carries on. */
          bpl_network_set_steps (again, bpl_network_get_steps (net));
          g_assert_true (bpl_trainer_train (t1, net, 5, NULL, NULL));
          g_assert_true (bpl_trainer_train (t2, again, 5, NULL, NULL));
          g_assert_true (bpl_network_equal (net, again));
        }
}

/* State beyond the parameters' ±1e9 (Adam's v is a mean of g²) is saved
 * and read back. */
static void
test_large_state (void)
{
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  g_autoptr (BplNetwork) again = NULL;
  BplOptimizerSettings adam = { BPL_OPTIMIZER_ADAM, 0.9, 0.9, 0.999, 1e-8 };
  double m[10], v[10];

  for (guint i = 0; i < 10; i++)
    {
      m[i] = -1e30 * (i + 1);
      v[i] = 1e250 / (i + 1);
    }
  bpl_network_set_optimizer_settings (net, &adam);
  bpl_network_set_optimizer_state (net, 12345, m, v);
  g_assert_true (bpl_network_check (net, NULL));
  again = round_trip (net, 2);
  g_assert_cmpuint (bpl_network_get_optimizer_step (again), ==, 12345);
}

/* Version 1 unless something only version 2 has is used. */
static void
test_version_1_when_possible (void)
{
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  g_autoptr (BplNetwork) again = NULL;
  BplOptimizerSettings adam = { BPL_OPTIMIZER_ADAM, 0.9, 0.9, 0.999, 1e-8 };
  BplOptimizerSettings sgd = { BPL_OPTIMIZER_SGD, 0.9, 0.9, 0.999, 1e-8 };
  g_autofree char *data = NULL;

  again = round_trip (net, 1);
  g_clear_pointer (&again, bpl_network_free);
  bpl_network_set_training (net, BPL_TRAINING_BATCH);
  again = round_trip (net, 1);
  g_assert_cmpint (bpl_network_get_training (again), ==, BPL_TRAINING_BATCH);
  g_clear_pointer (&again, bpl_network_free);

  /* Adam, then back to SGD: nothing of it is left to write. */
  bpl_network_set_optimizer_settings (net, &adam);
  again = round_trip (net, 2);
  g_clear_pointer (&again, bpl_network_free);
  bpl_network_set_optimizer_settings (net, &sgd);
  bpl_network_set_regularization (net, BPL_REGULARIZATION_NONE, 0.5);
  again = round_trip (net, 1);
  data = bpl_network_to_data (net, NULL);
  g_assert_null (strstr (data, "optimizer"));
  g_assert_null (strstr (data, "regularization"));
  g_assert_null (strstr (data, "batch_size"));
}

static const char good_v2[] =
  "{ \"format\": \"backprop-lens-network\", \"version\": 2, \"layers\": [2, 2, 1],\n"
  "  \"activation\": \"sigmoid\", \"loss\": \"squared-error\", \"bias_mode\": \"per-neuron\",\n"
  "  \"learning_rate\": 0.1, \"weights\": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], \"biases\": [0.1, 0.2, 0.3],\n"
  "  \"samples\": [ { \"input\": [0, 0], \"target\": [0] }, { \"input\": [1, 1], \"target\": [1] } ]\n"
  "  %s }";

static BplNetwork *
load_with (int version, const char *extra, GError **error)
{
  g_autofree char *data = g_strdup_printf (good_v2, extra);
  char *v = strstr (data, "\"version\": 2");

  v[strlen ("\"version\": ")] = (char) ('0' + version);
  return bpl_network_load_from_data (data, strlen (data), "file.json", error);
}

static void
expect_refusal (const char *extra, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BplNetwork) net = load_with (2, extra, &error);

  g_assert_null (net);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_cmpstr (error->message, ==, message);
}

/* The fields as the README writes them, and their defaults. */
static void
test_read (void)
{
  g_autoptr (GError) error = NULL;
  BplOptimizerSettings o;

  {
    g_autoptr (BplNetwork) net = load_with (2, ", \"training\": \"mini-batch\", \"batch_size\": 3, "
                                               "\"regularization\": {\"kind\": \"l2\", \"strength\": 0.01}, "
                                               "\"optimizer\": {\"kind\": \"adam\"}", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (bpl_network_get_batch_size (net), ==, 3);
    g_assert_cmpint (bpl_network_get_regularization (net), ==, BPL_REGULARIZATION_L2);
    g_assert_cmpfloat (bpl_network_get_regularization_strength (net), ==, 0.01);
    bpl_network_get_optimizer_settings (net, &o);
    g_assert_cmpint (o.kind, ==, BPL_OPTIMIZER_ADAM);
    g_assert_cmpfloat (o.beta1, ==, 0.9);
    g_assert_cmpfloat (o.beta2, ==, 0.999);
    g_assert_cmpfloat (o.epsilon, ==, 1e-8);
  }
  {
    g_autoptr (BplNetwork) net = load_with (2, ", \"batch_size\": 1, \"optimizer\": {\"kind\": \"momentum\", "
                                               "\"momentum\": 0.5}, \"optimizer_state\": {\"velocity\": "
                                               "{\"weights\": [1, 2, 3, 4, 5, 6], \"biases\": [7, 8, 9]}}",
                                            &error);
    g_assert_no_error (error);
    g_assert_cmpint (bpl_network_get_training (net), ==, BPL_TRAINING_ONLINE);
    bpl_network_get_optimizer_settings (net, &o);
    g_assert_cmpfloat (o.momentum, ==, 0.5);
    g_assert_cmpfloat (bpl_network_get_optimizer_moment1 (net)[8], ==, 9.0);
  }
}

static void
test_refuse (void)
{
  static const struct { const char *extra; const char *message; } cases[] = {
    { ", \"regularization\": \"l2\"",
      "file.json: regularization: expected an object such as {\"kind\": \"l2\", \"strength\": 0.01}, found a string" },
    { ", \"regularization\": {\"strength\": 0.1}", "file.json: regularization.kind: missing; give none, l1 or l2" },
    { ", \"regularization\": {\"kind\": \"l3\"}", "file.json: regularization.kind: “l3” is not one of none, l1, l2" },
    { ", \"regularization\": {\"kind\": \"l1\"}", "file.json: regularization.strength: missing; l1 needs the strength λ" },
    { ", \"regularization\": {\"kind\": \"l2\", \"strength\": -1}",
      "file.json: regularization.strength: must be 0 or more, found -1" },
    { ", \"regularization\": {\"kind\": \"l2\", \"strength\": \"big\"}",
      "file.json: regularization.strength: expected a number, found a string" },
    { ", \"batch_size\": 0", "file.json: batch_size: expected a whole number from 1 to 4096, found 0" },
    { ", \"batch_size\": 1.5", "file.json: batch_size: expected a whole number from 1 to 4096, found 1.5" },
    { ", \"batch_size\": 5000", "file.json: batch_size: expected a whole number from 1 to 4096, found 5000" },
    { ", \"batch_size\": \"2\"", "file.json: batch_size: expected a whole number from 1 to 4096, found a string" },
    { ", \"training\": \"online\", \"batch_size\": 2",
      "file.json: batch_size: 2 disagrees with \"training\": \"online\", which takes one sample a step" },
    { ", \"training\": \"batch\", \"batch_size\": 2",
      "file.json: batch_size: \"training\": \"batch\" takes every sample a step; give \"training\": \"mini-batch\" "
      "with a batch size, or leave batch_size out" },
    { ", \"training\": \"mini-batch\"",
      "file.json: training: \"mini-batch\" needs \"batch_size\", the number of samples a step takes" },
    { ", \"optimizer\": \"adam\"",
      "file.json: optimizer: expected an object such as {\"kind\": \"adam\"}, found a string" },
    { ", \"optimizer\": {}", "file.json: optimizer.kind: missing; give sgd, momentum or adam" },
    { ", \"optimizer\": {\"kind\": \"rmsprop\"}",
      "file.json: optimizer.kind: “rmsprop” is not one of sgd, momentum, adam" },
    { ", \"optimizer\": {\"kind\": \"momentum\", \"momentum\": 1}",
      "file.json: optimizer: the momentum μ must be at least 0 and below 1, not 1" },
    { ", \"optimizer\": {\"kind\": \"adam\", \"beta1\": \"0.9\"}",
      "file.json: optimizer.beta1: expected a number, found a string" },
    { ", \"optimizer\": {\"kind\": \"adam\", \"epsilon\": 0}",
      "file.json: optimizer: ε (epsilon) must be above 0 and at most 1, not 0" },
    { ", \"optimizer\": {\"kind\": \"adam\"}, \"update_order\": \"output-first\"",
      "file.json: update_order: output-first updates a layer before the next one's gradient is taken, which only "
      "plain gradient descent defines; adam needs \"simultaneous\"" },
    { ", \"optimizer_state\": {\"velocity\": {}}",
      "file.json: optimizer_state: plain gradient descent (sgd) keeps no state" },
    { ", \"optimizer\": {\"kind\": \"momentum\"}, \"optimizer_state\": {}",
      "file.json: optimizer_state.velocity: expected an object such as {\"weights\": […], \"biases\": […]}, found null" },
    { ", \"optimizer\": {\"kind\": \"momentum\"}, \"optimizer_state\": {\"velocity\": {\"weights\": [1, 2]}}",
      "file.json: optimizer_state.velocity.weights: layers [2, 2, 1] need 6 values, one per weight, found 2" },
    { ", \"optimizer\": {\"kind\": \"momentum\"}, \"optimizer_state\": {\"velocity\": "
      "{\"weights\": [1, 2, 3, 4, 5, 6]}}",
      "file.json: optimizer_state.velocity.biases: expected an array of numbers, found null" },
    { ", \"optimizer\": {\"kind\": \"adam\"}, \"optimizer_state\": {\"t\": -1}",
      "file.json: optimizer_state.t: expected Adam's step count, a whole number 0 or more, found a fraction or a "
      "negative number" },
    { ", \"optimizer\": {\"kind\": \"adam\"}, \"optimizer_state\": {\"t\": 2, \"m\": {\"weights\": [1, 2, 3, 4, 5, "
      "6], \"biases\": [1, 2, \"x\"]}}",
      "file.json: optimizer_state.m.biases[2]: expected a number, found a string" },
    { ", \"optimizer\": {\"kind\": \"adam\"}, \"optimizer_state\": {\"t\": 2, \"m\": {\"weights\": [1, 2, 3, 4, 5, "
      "6], \"biases\": [1, 2, 1e999]}}",
      "file.json: optimizer_state.m.biases[2]: inf is not a finite number" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    expect_refusal (cases[i].extra, cases[i].message);
}

/* What only version 2 has, in a version-1 file, is refused, not ignored. */
static void
test_version_1_refuses (void)
{
  static const struct { const char *extra; const char *message; } cases[] = {
    { ", \"regularization\": {\"kind\": \"l2\", \"strength\": 0.01}",
      "file.json: regularization: a penalty needs \"version\": 2 (this file says version 1)" },
    { ", \"batch_size\": 2", "file.json: batch_size: a batch size needs \"version\": 2 (this file says version 1)" },
    { ", \"training\": \"mini-batch\", \"batch_size\": 2",
      "file.json: training: mini-batch needs \"version\": 2 (this file says version 1)" },
    { ", \"optimizer\": {\"kind\": \"sgd\"}",
      "file.json: optimizer: an optimiser needs \"version\": 2 (this file says version 1)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (BplNetwork) net = load_with (1, cases[i].extra, &error);
      g_assert_null (net);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/file-v2/round-trip", test_round_trip);
  g_test_add_func ("/core/file-v2/large-state", test_large_state);
  g_test_add_func ("/core/file-v2/version-1-when-possible", test_version_1_when_possible);
  g_test_add_func ("/core/file-v2/read", test_read);
  g_test_add_func ("/core/file-v2/refuse", test_refuse);
  g_test_add_func ("/core/file-v2/version-1-refuses", test_version_1_refuses);

  return g_test_run ();
}

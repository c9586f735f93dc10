/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-network.c: naming as in the worked example, parameter names, weight
 * lookup, path sets and the limits of bpl_network_new. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "backprop-lens.h"

static void
test_worked_example_names (void)
{
  static const char *const weights[][3] = {
    { "w1", "i1", "h1" }, { "w2", "i2", "h1" }, { "w3", "i1", "h2" }, { "w4", "i2", "h2" },
    { "w5", "h1", "o1" }, { "w6", "h2", "o1" }, { "w7", "h1", "o2" }, { "w8", "h2", "o2" },
  };
  static const char *const neurons[] = { "i1", "i2", "h1", "h2", "o1", "o2" };
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();

  g_assert_cmpuint (bpl_network_get_n_neurons (net), ==, 6);
  g_assert_cmpuint (bpl_network_get_n_weights (net), ==, 8);
  g_assert_cmpuint (bpl_network_get_n_biases (net), ==, 2);
  for (guint n = 0; n < 6; n++)
    {
      guint parsed;
      g_assert_cmpstr (bpl_network_get_neuron_name (net, n), ==, neurons[n]);
      g_assert_true (bpl_network_parse_neuron (net, neurons[n], &parsed));
      g_assert_cmpuint (parsed, ==, n);
    }
  for (guint w = 0; w < 8; w++)
    {
      guint src = bpl_network_get_weight_source (net, w);
      guint dst = bpl_network_get_weight_target (net, w);
      g_assert_cmpstr (bpl_network_get_weight_name (net, w), ==, weights[w][0]);
      g_assert_cmpstr (bpl_network_get_neuron_name (net, src), ==, weights[w][1]);
      g_assert_cmpstr (bpl_network_get_neuron_name (net, dst), ==, weights[w][2]);
      g_assert_cmpint (bpl_network_find_weight (net, src, dst), ==, (gint) w);
    }
  /* Per-layer: b1 feeds h1 and h2, b2 feeds o1 and o2. */
  g_assert_cmpstr (bpl_network_get_bias_name (net, 0), ==, "b1");
  g_assert_cmpstr (bpl_network_get_bias_name (net, 1), ==, "b2");
  g_assert_cmpint (bpl_network_get_neuron_bias (net, 0), ==, -1);
  g_assert_cmpint (bpl_network_get_neuron_bias (net, 2), ==, 0);
  g_assert_cmpint (bpl_network_get_neuron_bias (net, 3), ==, 0);
  g_assert_cmpint (bpl_network_get_neuron_bias (net, 4), ==, 1);
  g_assert_cmpint (bpl_network_get_neuron_bias (net, 5), ==, 1);
  g_assert_cmpuint (bpl_network_get_bias_layer (net, 0), ==, 1);
  g_assert_cmpuint (bpl_network_get_bias_layer (net, 1), ==, 2);

  /* Not adjacent, or backwards. */
  g_assert_cmpint (bpl_network_find_weight (net, 0, 4), ==, -1);
  g_assert_cmpint (bpl_network_find_weight (net, 2, 0), ==, -1);
  g_assert_cmpint (bpl_network_find_weight (net, 2, 3), ==, -1);

  /* The worked example's values. */
  g_assert_cmpfloat (bpl_network_get_weight (net, 2), ==, 0.25);
  g_assert_cmpfloat (bpl_network_get_bias (net, 1), ==, 0.60);
  g_assert_cmpfloat (bpl_network_get_learning_rate (net), ==, 0.5);
  g_assert_false (bpl_network_get_update_biases (net));
  g_assert_cmpfloat (bpl_network_get_input (net, 0)[1], ==, 0.10);
  g_assert_cmpfloat (bpl_network_get_target (net, 0)[1], ==, 0.99);
}

static void
test_deep_names (void)
{
  static const guint sizes[] = { 3, 4, 2, 3, 2 };
  g_autoptr (GError) error = NULL;
  g_autoptr (BplNetwork) net = bpl_network_new (sizes, 5, BPL_BIAS_PER_NEURON, &error);
  static const char *const expected[] = {
    "i1", "i2", "i3", "h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "h9", "o1", "o2",
  };
  guint w = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (bpl_network_get_n_neurons (net), ==, G_N_ELEMENTS (expected));
  for (guint n = 0; n < G_N_ELEMENTS (expected); n++)
    g_assert_cmpstr (bpl_network_get_neuron_name (net, n), ==, expected[n]);

  /* Weights layer by layer, by destination then source. */
  g_assert_cmpuint (bpl_network_get_n_weights (net), ==, 3 * 4 + 4 * 2 + 2 * 3 + 3 * 2);
  for (guint l = 1; l < 5; l++)
    {
      g_assert_cmpuint (bpl_network_get_weight_start (net, l), ==, w);
      for (guint j = 0; j < sizes[l]; j++)
        for (guint k = 0; k < sizes[l - 1]; k++, w++)
          {
            guint src = bpl_network_get_layer_start (net, l - 1) + k;
            guint dst = bpl_network_get_layer_start (net, l) + j;
            g_autofree char *name = g_strdup_printf ("w%u", w + 1);
            g_assert_cmpuint (bpl_network_get_weight_source (net, w), ==, src);
            g_assert_cmpuint (bpl_network_get_weight_target (net, w), ==, dst);
            g_assert_cmpint (bpl_network_find_weight (net, src, dst), ==, (gint) w);
            g_assert_cmpstr (bpl_network_get_weight_name (net, w), ==, name);
          }
    }

  /* Per-neuron biases: one per non-input neuron, in neuron order. */
  g_assert_cmpuint (bpl_network_get_n_biases (net), ==, 11);
  for (guint n = 3; n < 14; n++)
    {
      gint b = bpl_network_get_neuron_bias (net, n);
      g_autofree char *name = g_strdup_printf ("b%u", n - 2);
      g_assert_cmpint (b, ==, (gint) n - 3);
      g_assert_cmpstr (bpl_network_get_bias_name (net, (guint) b), ==, name);
      g_assert_cmpuint (bpl_network_get_bias_layer (net, (guint) b), ==, bpl_network_get_neuron_layer (net, n));
    }

  /* Per-layer: one per non-input layer. */
  {
    g_autoptr (BplNetwork) pl = bpl_network_new (sizes, 5, BPL_BIAS_PER_LAYER, NULL);
    g_autoptr (BplNetwork) none = bpl_network_new (sizes, 5, BPL_BIAS_NONE, NULL);
    g_assert_cmpuint (bpl_network_get_n_biases (pl), ==, 4);
    g_assert_cmpint (bpl_network_get_neuron_bias (pl, 7), ==, 1);
    g_assert_cmpint (bpl_network_get_neuron_bias (pl, 13), ==, 3);
    g_assert_cmpstr (bpl_network_get_bias_name (pl, 3), ==, "b4");
    g_assert_cmpuint (bpl_network_get_n_biases (none), ==, 0);
    for (guint n = 0; n < 14; n++)
      g_assert_cmpint (bpl_network_get_neuron_bias (none, n), ==, -1);
  }
}

static void
test_parse_param (void)
{
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  static const struct { const char *name; BplParamKind kind; guint index; } good[] = {
    { "w1", BPL_PARAM_WEIGHT, 0 }, { "w3", BPL_PARAM_WEIGHT, 2 }, { "w8", BPL_PARAM_WEIGHT, 7 },
    { "W3", BPL_PARAM_WEIGHT, 2 }, { "b1", BPL_PARAM_BIAS, 0 }, { "b2", BPL_PARAM_BIAS, 1 },
    { "B2", BPL_PARAM_BIAS, 1 },
  };
  static const char *const bad[] = {
    "w0", "w9", "x1", "w", "w3x", "", "b0", "b3", "3", "w-1", "w+3", " w3", "w3 ", "w 3", "w03x", "ww3",
    "w18446744073709551617", "w4294967299", "h1", "i1", "o1", "w3\n", "w٣",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      BplParam p = { 0 };
      g_assert_true (bpl_network_parse_param (net, good[i].name, &p, &error));
      g_assert_no_error (error);
      g_assert_cmpint (p.kind, ==, good[i].kind);
      g_assert_cmpuint (p.index, ==, good[i].index);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      BplParam p = { 0 };
      g_assert_false (bpl_network_parse_param (net, bad[i], &p, &error));
      g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
      g_test_message ("%s", error->message);
      /* The message says what exists. */
      g_assert_nonnull (strstr (error->message, "w1…w8"));
      g_assert_nonnull (strstr (error->message, "b1…b2"));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }

  /* Very long and not UTF-8: refused, and the message stays short and valid. */
  {
    g_autofree char *longname = g_strnfill (100000, '9');
    g_autoptr (GError) error = NULL;
    BplParam p;
    longname[0] = 'w';
    g_assert_false (bpl_network_parse_param (net, longname, &p, &error));
    g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
    g_assert_cmpuint (strlen (error->message), <, 400);
    g_clear_error (&error);

    g_assert_false (bpl_network_parse_param (net, "w\xff\xfe", &p, &error));
    g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
    g_test_message ("%s", error->message);
    g_clear_error (&error);

    g_assert_false (bpl_network_parse_param (net, "\xc3", &p, &error));
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
  }

  /* Without biases the message says so. */
  {
    static const guint sizes[] = { 2, 1 };
    g_autoptr (BplNetwork) none = bpl_network_new (sizes, 2, BPL_BIAS_NONE, NULL);
    g_autoptr (GError) error = NULL;
    BplParam p;
    g_assert_false (bpl_network_parse_param (none, "b1", &p, &error));
    g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "no biases"));
    g_assert_true (bpl_network_parse_param (none, "w2", &p, NULL));
    g_assert_false (bpl_network_parse_param (none, "w3", &p, NULL));
  }

  /* Names read back. */
  for (guint w = 0; w < bpl_network_get_n_weights (net); w++)
    {
      BplParam p;
      g_assert_true (bpl_network_parse_param (net, bpl_network_get_weight_name (net, w), &p, NULL));
      g_assert_cmpstr (bpl_network_get_param_name (net, p), ==, bpl_network_get_weight_name (net, w));
    }
}

static void
test_parse_neuron (void)
{
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  guint n = 99;

  g_assert_true (bpl_network_parse_neuron (net, "H2", &n));
  g_assert_cmpuint (n, ==, 3);
  g_assert_false (bpl_network_parse_neuron (net, "h3", &n));
  g_assert_false (bpl_network_parse_neuron (net, "o0", &n));
  g_assert_false (bpl_network_parse_neuron (net, "", &n));
  g_assert_false (bpl_network_parse_neuron (net, NULL, &n));
  g_assert_false (bpl_network_parse_neuron (net, "w1", &n));
}

static guint
count_true (const gboolean *v, guint n)
{
  guint c = 0;
  for (guint i = 0; i < n; i++)
    c += v[i] ? 1 : 0;
  return c;
}

static void
test_path_sets (void)
{
  static const guint sizes[] = { 2, 3, 3, 2 };
  g_autoptr (BplNetwork) net = bpl_network_new (sizes, 4, BPL_BIAS_PER_LAYER, NULL);
  g_autoptr (BplNetwork) we = bpl_network_new_worked_example ();
  guint nn = bpl_network_get_n_neurons (net), nw = bpl_network_get_n_weights (net);
  gboolean neurons[32], weights[64], biases[8];

  /* w1 (i1→h1): i1, h1, then all of the next layers and the weights from h1 on. */
  bpl_network_get_path_set (net, (BplParam) { BPL_PARAM_WEIGHT, 0 }, neurons, weights, biases);
  g_assert_true (neurons[0] && !neurons[1] && neurons[2] && !neurons[3] && !neurons[4]);
  g_assert_cmpuint (count_true (neurons, nn), ==, 2 + 3 + 2);
  g_assert_cmpuint (count_true (weights, nw), ==, 1 + 3 + 6);
  g_assert_true (weights[0]);
  g_assert_true (weights[6] && weights[9] && weights[12]); /* h1→h4, h1→h5, h1→h6 */
  g_assert_false (weights[7]);
  g_assert_cmpuint (count_true (biases, 3), ==, 0);

  /* b2 (the second hidden layer's bias): h4…h6, o1, o2, and every weight between. */
  bpl_network_get_path_set (net, (BplParam) { BPL_PARAM_BIAS, 1 }, neurons, weights, biases);
  g_assert_cmpuint (count_true (neurons, nn), ==, 3 + 2);
  g_assert_true (neurons[5] && neurons[6] && neurons[7] && neurons[8] && neurons[9]);
  g_assert_cmpuint (count_true (weights, nw), ==, 6);
  g_assert_true (biases[1] && !biases[0] && !biases[2]);

  /* An output weight: its two neurons only. */
  bpl_network_get_path_set (net, (BplParam) { BPL_PARAM_WEIGHT, nw - 1 }, neurons, weights, biases);
  g_assert_cmpuint (count_true (neurons, nn), ==, 2);
  g_assert_cmpuint (count_true (weights, nw), ==, 1);

  /* The worked example's b1 feeds both hidden neurons. */
  bpl_network_get_path_set (we, (BplParam) { BPL_PARAM_BIAS, 0 }, neurons, weights, biases);
  g_assert_cmpuint (count_true (neurons, 6), ==, 4);
  g_assert_false (neurons[0] || neurons[1]);
  g_assert_cmpuint (count_true (weights, 8), ==, 4);
}

static void
test_limits (void)
{
  /* The widest layer fits, and so do all the weights there may be. */
  static const guint ok_max[] = { BPL_MAX_WEIGHTS / BPL_MAX_LAYER_SIZE, BPL_MAX_LAYER_SIZE };
  static const guint digits[] = { 784, 16, 16, 10 };
  static const guint zero[] = { 2, 0, 2 };
  static const guint too_wide[] = { 2, BPL_MAX_LAYER_SIZE + 1, 2 };
  static const guint too_many_weights[] = { 256, 256, 256 };
  static const guint huge[] = { 2, G_MAXUINT, 2 };
  guint many[BPL_MAX_LAYERS + 1];
  g_autoptr (GError) error = NULL;
  BplNetwork *net;

  for (guint i = 0; i < G_N_ELEMENTS (many); i++)
    many[i] = 1;

  net = bpl_network_new (ok_max, 2, BPL_BIAS_PER_NEURON, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bpl_network_get_n_weights (net), ==, BPL_MAX_WEIGHTS);
  bpl_network_free (net);
  /* 3Blue1Brown's digit classifier: 28×28 inputs. */
  net = bpl_network_new (digits, 4, BPL_BIAS_PER_NEURON, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bpl_network_get_n_weights (net), ==, 12960);
  bpl_network_free (net);

  net = bpl_network_new (many, BPL_MAX_LAYERS, BPL_BIAS_PER_LAYER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bpl_network_get_n_layers (net), ==, BPL_MAX_LAYERS);
  bpl_network_free (net);

  g_assert_null (bpl_network_new (many, BPL_MAX_LAYERS + 1, BPL_BIAS_PER_LAYER, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_null (bpl_network_new (many, 1, BPL_BIAS_PER_LAYER, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
  g_clear_error (&error);
  g_assert_null (bpl_network_new (many, 0, BPL_BIAS_PER_LAYER, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
  g_clear_error (&error);
  g_assert_null (bpl_network_new (zero, 3, BPL_BIAS_PER_LAYER, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "layer 2"));
  g_clear_error (&error);
  g_assert_null (bpl_network_new (too_wide, 3, BPL_BIAS_PER_LAYER, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
  g_clear_error (&error);
  g_assert_null (bpl_network_new (huge, 3, BPL_BIAS_PER_LAYER, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
  g_clear_error (&error);
  g_assert_null (bpl_network_new (too_many_weights, 3, BPL_BIAS_PER_LAYER, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "131072"));
}

static void
test_defaults_copy_equal (void)
{
  static const guint sizes[] = { 2, 3, 1 };
  g_autoptr (BplNetwork) net = bpl_network_new (sizes, 3, BPL_BIAS_PER_NEURON, NULL);
  g_autoptr (BplNetwork) copy = NULL;
  const double in[2] = { 1, 2 }, t[1] = { 0.5 };

  g_assert_cmpuint (bpl_network_get_n_samples (net), ==, 1);
  g_assert_cmpfloat (bpl_network_get_learning_rate (net), ==, 0.5);
  g_assert_cmpint (bpl_network_get_activation (net, 1), ==, BPL_ACTIVATION_SIGMOID);
  g_assert_cmpint (bpl_network_get_loss (net), ==, BPL_LOSS_SQUARED_ERROR);
  for (guint w = 0; w < bpl_network_get_n_weights (net); w++)
    g_assert_cmpfloat (bpl_network_get_weight (net, w), ==, 0.0);
  g_assert_true (bpl_network_check (net, NULL));

  copy = bpl_network_copy (net);
  g_assert_true (bpl_network_equal (net, copy));
  bpl_network_set_weight (copy, 4, -0.0);
  g_assert_false (bpl_network_equal (net, copy)); /* bit for bit */
  bpl_network_set_weight (copy, 4, 0.0);
  g_assert_true (bpl_network_equal (net, copy));
  g_assert_cmpuint (bpl_network_add_sample (copy, in, t), ==, 1);
  g_assert_false (bpl_network_equal (net, copy));
  g_assert_cmpuint (bpl_network_get_n_samples (copy), ==, 2);
  g_assert_cmpfloat (bpl_network_get_input (copy, 1)[1], ==, 2.0);
  bpl_network_remove_sample (copy, 0);
  g_assert_cmpfloat (bpl_network_get_target (copy, 0)[0], ==, 0.5);
  g_assert_true (bpl_network_same_shape (net, copy));

  /* check() names the field. */
  {
    g_autoptr (GError) error = NULL;
    bpl_network_set_bias (copy, 2, INFINITY);
    g_assert_false (bpl_network_check (copy, &error));
    g_assert_error (error, BPL_ERROR, BPL_ERROR_NOT_FINITE);
    g_assert_true (g_str_has_prefix (error->message, "b3 "));
  }

  /* Enum names round-trip. */
  for (int a = BPL_ACTIVATION_SIGMOID; a <= BPL_ACTIVATION_LINEAR; a++)
    {
      BplActivation back;
      g_assert_true (bpl_activation_from_string (bpl_activation_to_string (a), &back));
      g_assert_cmpint (back, ==, a);
    }
  {
    BplLoss l;
    BplUpdateOrder o;
    g_assert_false (bpl_activation_from_string ("Sigmoid", &(BplActivation) { 0 }));
    g_assert_false (bpl_activation_from_string (NULL, &(BplActivation) { 0 }));
    g_assert_true (bpl_loss_from_string ("cross-entropy", &l));
    g_assert_cmpint (l, ==, BPL_LOSS_CROSS_ENTROPY);
    g_assert_true (bpl_update_order_from_string ("output-first", &o));
    g_assert_cmpint (o, ==, BPL_UPDATE_OUTPUT_FIRST);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/network/worked-example-names", test_worked_example_names);
  g_test_add_func ("/core/network/deep-names", test_deep_names);
  g_test_add_func ("/core/network/parse-param", test_parse_param);
  g_test_add_func ("/core/network/parse-neuron", test_parse_neuron);
  g_test_add_func ("/core/network/path-sets", test_path_sets);
  g_test_add_func ("/core/network/limits", test_limits);
  g_test_add_func ("/core/network/defaults-copy-equal", test_defaults_copy_equal);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-variants.c: the students' variants: reproducible from the seed and
 * independent of the class size, nice (a whole number of units of the last
 * decimal), never degenerate, different between students; the network's
 * shape and settings kept; the names list; errors. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "backprop-lens.h"

/* w3 of student 1, seed 1, 2 decimals. */
#define PINNED_W3 0.12

static BplNetwork *
load (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("BPL_SOURCE_ROOT"), "data", "networks",
                                            name, NULL);
  g_autoptr (GError) error = NULL;
  BplNetwork *network = bpl_network_load_from_file (path, &error);

  g_assert_no_error (error);
  return network;
}

static GPtrArray *
variants (const BplNetwork *network,
          guint             n,
          guint64           seed,
          int               decimals,
          const char       *param)
{
  g_autoptr (GError) error = NULL;
  BplVariantOptions options;
  BplParam p;
  GPtrArray *result;

  bpl_variant_options_init (&options);
  options.seed = seed;
  options.decimals = decimals;
  if (param != NULL)
    {
      g_assert_true (bpl_network_parse_param (network, param, &p, NULL));
      options.params = &p;
      options.n_params = 1;
    }
  result = bpl_variants_new (network, n, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->len, ==, n);
  return result;
}

/* @value is k/10^decimals exactly, 0.05 ≤ |value| < 1. */
static void
assert_nice (double value,
             int    decimals)
{
  double units = pow (10, decimals);
  double k = round (value * units);

  g_assert_cmpfloat (k / units, ==, value);
  g_assert_cmpfloat (fabs (value), >=, 0.05);
  g_assert_cmpfloat (fabs (k), <, units);
}

/* Every given value nice, all different (one-hot targets aside). */
static void
assert_nice_and_distinct (const BplNetwork *v,
                          int               decimals,
                          gboolean          one_hot)
{
  g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (double));
  const double *input = bpl_network_get_input (v, 0);
  const double *target = bpl_network_get_target (v, 0);

  for (guint i = 0; i < bpl_network_get_n_inputs (v); i++)
    g_array_append_val (all, input[i]);
  for (guint o = 0; !one_hot && o < bpl_network_get_n_outputs (v); o++)
    g_array_append_val (all, target[o]);
  g_array_append_vals (all, bpl_network_get_weights (v), bpl_network_get_n_weights (v));
  g_array_append_vals (all, bpl_network_get_biases (v), bpl_network_get_n_biases (v));
  for (guint i = 0; i < all->len; i++)
    {
      assert_nice (g_array_index (all, double, i), decimals);
      for (guint j = 0; j < i; j++)
        g_assert_cmpfloat (g_array_index (all, double, i), !=, g_array_index (all, double, j));
    }
  if (one_hot)
    {
      double sum = 0;

      for (guint o = 0; o < bpl_network_get_n_outputs (v); o++)
        {
          g_assert_true (target[o] == 0 || target[o] == 1);
          sum += target[o];
        }
      g_assert_cmpfloat (sum, ==, 1);
    }
}

/* A fair exercise: the gradient is there, outputs are off their targets, no
 * squashing neuron is saturated, every ReLU on the path is on. */
static void
assert_fair (const BplNetwork *v,
             const char       *param)
{
  g_autoptr (BplForward) forward = bpl_forward_new (v);
  guint n_neurons = bpl_network_get_n_neurons (v);
  guint n_outputs = bpl_network_get_n_outputs (v);
  BplDerivation *d;
  BplParam p;

  bpl_forward_compute (forward, v, 0);
  for (guint o = 0; o < n_outputs; o++)
    g_assert_cmpfloat (fabs (forward->out[n_neurons - n_outputs + o]
                             - bpl_network_get_target (v, 0)[o]), >=, 0.01);
  for (guint n = bpl_network_get_n_inputs (v); n < n_neurons; n++)
    {
      BplActivation a = bpl_network_get_activation (v, bpl_network_get_neuron_layer (v, n));
      double out = forward->out[n];

      if (a == BPL_ACTIVATION_SIGMOID || a == BPL_ACTIVATION_SOFTMAX)
        g_assert_cmpfloat (out * (1 - out), >=, 0.02);
      else if (a == BPL_ACTIVATION_TANH)
        g_assert_cmpfloat (1 - out * out, >=, 0.05);
    }
  g_assert_true (bpl_network_parse_param (v, param, &p, NULL));
  d = bpl_derivation_new (v, p, 0, NULL);
  g_assert_cmpfloat (fabs (d->gradient), >=, BPL_VARIANTS_MIN_GRADIENT);
  for (guint n = bpl_network_get_n_inputs (v); n < n_neurons; n++)
    if (d->neuron_on_path[n]
        && bpl_network_get_activation (v, bpl_network_get_neuron_layer (v, n))
             == BPL_ACTIVATION_RELU)
      g_assert_cmpfloat (forward->net[n], >, 0);
  /* Cross-entropy's E_o = −t·log out is 0 for a target of 0 whatever the
   * numbers: its paths carry nothing in every variant. */
  for (guint i = 0; i < d->n_paths; i++)
    if (bpl_network_get_loss (v) == BPL_LOSS_SQUARED_ERROR)
      g_assert_cmpfloat (d->paths[i].product, !=, 0);
  bpl_derivation_free (d);
}

static double
gradient_of (const BplNetwork *v,
             const char       *param)
{
  BplParam p;
  BplDerivation *d;
  double g;

  g_assert_true (bpl_network_parse_param (v, param, &p, NULL));
  d = bpl_derivation_new (v, p, 0, NULL);
  g = d->gradient;
  bpl_derivation_free (d);
  return g;
}

static void
test_reproducible (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr (GPtrArray) a = variants (network, 30, 7, 2, "w3");
  g_autoptr (GPtrArray) b = variants (network, 30, 7, 2, "w3");
  g_autoptr (GPtrArray) small = variants (network, 5, 7, 2, "w3");
  g_autoptr (GPtrArray) other = variants (network, 5, 8, 2, "w3");

  for (guint i = 0; i < a->len; i++)
    g_assert_true (bpl_network_equal (a->pdata[i], b->pdata[i]));
  /* Student 3 is the same in a class of 5 and of 30. */
  for (guint i = 0; i < small->len; i++)
    g_assert_true (bpl_network_equal (a->pdata[i], small->pdata[i]));
  /* Another seed, other numbers. */
  for (guint i = 0; i < other->len; i++)
    g_assert_false (bpl_network_equal (a->pdata[i], other->pdata[i]));

  /* The first student of seed 1, pinned: the same on every machine. */
  {
    g_autoptr (GPtrArray) one = variants (network, 1, 1, 2, "w3");
    g_autofree char *json = bpl_network_to_data (one->pdata[0], NULL);

    g_test_message ("seed 1, student 1: %s", json);
    g_assert_cmpfloat (bpl_network_get_weight (one->pdata[0], 2), ==, PINNED_W3);
  }
}

static void
test_worked_example (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr (GPtrArray) class = variants (network, 30, 2026, 2, "w3");
  g_autoptr (GHashTable) gradients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < class->len; i++)
    {
      BplNetwork *v = class->pdata[i];
      g_autofree char *g = g_strdup_printf ("%.3e", gradient_of (v, "w3"));

      /* The same exercise: shape, activations, η, the biases left alone. */
      g_assert_true (bpl_network_same_shape (v, network));
      g_assert_cmpfloat (bpl_network_get_learning_rate (v), ==, 0.5);
      g_assert_false (bpl_network_get_update_biases (v));
      g_assert_cmpuint (bpl_network_get_n_samples (v), ==, 1);
      g_assert_cmpuint (bpl_network_get_n_test_samples (v), ==, 0);
      g_assert_cmpstr (bpl_network_get_name (v), ==, bpl_network_get_name (network));
      /* The worked example's values are all positive, and so are a variant's. */
      for (guint w = 0; w < bpl_network_get_n_weights (v); w++)
        g_assert_cmpfloat (bpl_network_get_weight (v, w), >, 0);
      assert_nice_and_distinct (v, 2, FALSE);
      assert_fair (v, "w3");
      g_assert_true (bpl_network_check (v, NULL));
      /* Different between students, down to the answer. */
      g_assert_false (g_hash_table_contains (gradients, g));
      g_hash_table_add (gradients, g_steal_pointer (&g));
      for (guint j = 0; j < i; j++)
        g_assert_false (bpl_network_equal (v, class->pdata[j]));
    }
}

static void
test_decimals (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();

  for (int decimals = 2; decimals <= BPL_VARIANTS_MAX_DECIMALS; decimals++)
    {
      g_autoptr (GPtrArray) class = variants (network, 10, 3, decimals, "w1");

      for (guint i = 0; i < class->len; i++)
        {
          assert_nice_and_distinct (class->pdata[i], decimals, FALSE);
          assert_fair (class->pdata[i], "w1");
        }
    }
}

/* Softmax: one-hot targets; ReLU hidden neurons on the path are on. */
static void
test_softmax_and_relu (void)
{
  g_autoptr (BplNetwork) network = load ("softmax.json");
  const char *params[] = { "w1", "w5", "w10", "w15" };

  for (guint p = 0; p < G_N_ELEMENTS (params); p++)
    {
      g_autoptr (GPtrArray) class = variants (network, 12, 11, 2, params[p]);

      for (guint i = 0; i < class->len; i++)
        {
          assert_nice_and_distinct (class->pdata[i], 2, TRUE);
          assert_fair (class->pdata[i], params[p]);
        }
    }
}

/* Signed weights stay signed; tanh and a deeper network. */
static void
test_deep_and_xor (void)
{
  const char *files[] = { "deep.json", "xor.json" };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autoptr (BplNetwork) network = load (files[f]);
      g_autoptr (GPtrArray) class = variants (network, 8, 5, 2, "w1");
      gboolean negative = FALSE;

      for (guint i = 0; i < class->len; i++)
        {
          BplNetwork *v = class->pdata[i];

          assert_nice_and_distinct (v, 2, FALSE);
          assert_fair (v, "w1");
          for (guint w = 0; w < bpl_network_get_n_weights (v); w++)
            negative |= bpl_network_get_weight (v, w) < 0;
        }
      g_assert_true (negative);
    }
}

static void
test_no_params (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr (GPtrArray) class = variants (network, 3, 1, 2, NULL);

  for (guint i = 0; i < class->len; i++)
    assert_nice_and_distinct (class->pdata[i], 2, FALSE);
}

static void
test_errors (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr (BplNetwork) digits = load ("digits.json");
  BplVariantOptions options;
  BplParam bad = { BPL_PARAM_WEIGHT, 8 };
  GError *error = NULL;

  bpl_variant_options_init (&options);
  g_assert_null (bpl_variants_new (network, 0, &options, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
  g_clear_error (&error);
  g_assert_null (bpl_variants_new (network, BPL_VARIANTS_MAX_STUDENTS + 1, &options, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
  g_clear_error (&error);

  options.decimals = 0;
  g_assert_null (bpl_variants_new (network, 3, &options, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  g_clear_error (&error);
  options.decimals = 5;
  g_assert_null (bpl_variants_new (network, 3, &options, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  g_clear_error (&error);

  /* One decimal has 9 positive values; the worked example gives 14. */
  options.decimals = 1;
  g_assert_null (bpl_variants_new (network, 3, &options, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "more decimals"));
  g_clear_error (&error);
  options.decimals = 2;
  g_assert_null (bpl_variants_new (digits, 3, &options, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
  g_clear_error (&error);

  options.params = &bad;
  options.n_params = 1;
  g_assert_null (bpl_variants_new (network, 3, &options, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "w9"));
  g_clear_error (&error);
  options.n_params = 0;
  options.sample = 1;
  g_assert_null (bpl_variants_new (network, 3, &options, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  g_clear_error (&error);
}

static void
test_names (void)
{
  const char good[] = "\xef\xbb\xbf  Ada Lovelace \r\n\nAlan Turing\r\n  \nGrace Hopper";
  const char twice[] = "Ada\nAlan\nAda\n";
  const char control[] = "Ada\nAl\x01" "an\n";
  g_autofree char *long_name = g_strnfill (BPL_VARIANTS_MAX_NAME + 1, 'x');
  g_auto (GStrv) names = NULL;
  GError *error = NULL;

  names = bpl_variants_parse_names (good, strlen (good), "class.txt", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, 3);
  g_assert_cmpstr (names[0], ==, "Ada Lovelace");
  g_assert_cmpstr (names[1], ==, "Alan Turing");
  g_assert_cmpstr (names[2], ==, "Grace Hopper");

  g_assert_null (bpl_variants_parse_names (twice, strlen (twice), "class.txt", &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "class.txt: line 3"));
  g_clear_error (&error);
  g_assert_null (bpl_variants_parse_names (control, strlen (control), "class.txt", &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_null (bpl_variants_parse_names ("a\0b", 3, "class.txt", &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_null (bpl_variants_parse_names ("\xff\xfe", 2, "class.txt", &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_null (bpl_variants_parse_names (" \n\n", 3, "class.txt", &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (bpl_variants_parse_names (long_name, strlen (long_name), "class.txt", &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
  g_clear_error (&error);

  {
    g_autofree char *label = bpl_variants_student_label (6);

    g_assert_cmpstr (label, ==, "Student 7");
  }
}

/* Each student's network as a file: the same network back, named after the student. */
static void
test_save (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr (GPtrArray) class = variants (network, 3, 9, 2, "w3");
  g_autofree char *dir = g_dir_make_tmp ("bpl-variants-XXXXXX", NULL);
  g_autofree char *blocker = g_build_filename (dir, "blocker", NULL);
  g_autofree char *inside = g_build_filename (blocker, "class", NULL);
  const char *names[] = { "Ada", "Alan", "Grace", NULL };
  GError *error = NULL;

  g_assert_true (bpl_variants_save (class, names, dir, &error));
  g_assert_no_error (error);
  for (guint s = 0; s < class->len; s++)
    {
      g_autofree char *file = g_strdup_printf ("student-%02u.json", s + 1);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autofree char *title = g_strdup_printf ("Worked example · %s", names[s]);
      g_autoptr (BplNetwork) back = bpl_network_load_from_file (path, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (bpl_network_get_name (back), ==, title);
      bpl_network_set_name (back, bpl_network_get_name (class->pdata[s]));
      g_assert_true (bpl_network_equal (back, class->pdata[s]));
      g_unlink (path);
    }

  /* A folder that cannot be made is said so. */
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  g_assert_false (bpl_variants_save (class, NULL, inside, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "cannot be made"));
  g_clear_error (&error);
  g_unlink (blocker);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/variants/reproducible", test_reproducible);
  g_test_add_func ("/variants/worked-example", test_worked_example);
  g_test_add_func ("/variants/decimals", test_decimals);
  g_test_add_func ("/variants/softmax-and-relu", test_softmax_and_relu);
  g_test_add_func ("/variants/deep-and-xor", test_deep_and_xor);
  g_test_add_func ("/variants/no-params", test_no_params);
  g_test_add_func ("/variants/errors", test_errors);
  g_test_add_func ("/variants/names", test_names);
  g_test_add_func ("/variants/save", test_save);

  return g_test_run ();
}

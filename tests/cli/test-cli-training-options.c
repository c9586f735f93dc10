/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-training-options.c: backprop-lens-cli with softmax outputs, a
 * penalty, mini-batches and optimisers. explain's JSON keeps its shape
 * (gradient is ∂(E_total + λ·R)/∂p, the paths add up to the data part,
 * new_value is the next step's); train reports total_error and objective;
 * forward the penalty; every format works. Compared with the core in
 * process and with finite differences. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "backprop-lens.h"
#include "test-util.h"

#define run_cli(out, err, ...) bpl_test_run (BPL_CLI_PATH, out, err, __VA_ARGS__)

/* XOR with Adam, L2 and mini-batches of 3, after some steps (so the
 * optimiser has a state), and a softmax classifier with momentum. */
static const char adam_json[] =
  "{ \"format\": \"backprop-lens-network\", \"version\": 2, \"name\": \"adam\", \"layers\": [2, 3, 1],\n"
  "  \"activation\": [\"tanh\", \"sigmoid\"], \"loss\": \"cross-entropy\", \"bias_mode\": \"per-neuron\",\n"
  "  \"update_biases\": true, \"training\": \"mini-batch\", \"batch_size\": 3, \"learning_rate\": 0.05,\n"
  "  \"regularization\": { \"kind\": \"l2\", \"strength\": 0.01 },\n"
  "  \"optimizer\": { \"kind\": \"adam\", \"beta1\": 0.9, \"beta2\": 0.999, \"epsilon\": 1e-8 },\n"
  "  \"weights\": [0.5, -0.4, 0.3, 0.6, -0.7, 0.8, 0.2, -0.3, 0.9], \"biases\": [0.1, -0.1, 0.2, 0.05],\n"
  "  \"samples\": [ { \"input\": [0, 0], \"target\": [0] }, { \"input\": [0, 1], \"target\": [1] },\n"
  "               { \"input\": [1, 0], \"target\": [1] }, { \"input\": [1, 1], \"target\": [0] } ] }\n";

static const char softmax_json[] =
  "{ \"format\": \"backprop-lens-network\", \"version\": 2, \"name\": \"softmax\", \"layers\": [2, 3, 3],\n"
  "  \"activation\": [\"sigmoid\", \"softmax\"], \"loss\": \"cross-entropy\", \"bias_mode\": \"per-layer\",\n"
  "  \"learning_rate\": 0.5, \"optimizer\": { \"kind\": \"momentum\", \"momentum\": 0.9 },\n"
  "  \"regularization\": { \"kind\": \"l1\", \"strength\": 0.001 },\n"
  "  \"weights\": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5],\n"
  "  \"biases\": [0.1, 0.2],\n"
  "  \"samples\": [ { \"input\": [1, 0], \"target\": [0, 1, 0] }, { \"input\": [0, 1], \"target\": [0, 0, 1] } ] }\n";

#define assert_contains(haystack, needle)                                                  \
  G_STMT_START                                                                             \
  {                                                                                        \
    if (strstr ((haystack), (needle)) == NULL)                                             \
      g_error ("expected “%s” in:\n%s", (needle), (haystack));                            \
  }                                                                                        \
  G_STMT_END

/* @json trained @steps steps in process, saved as @name; returns it. */
static BplNetwork *
prepare (const char *name, const char *json, guint64 steps)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = bpl_test_tmp_path (name);
  BplNetwork *net = bpl_network_load_from_data (json, strlen (json), name, &error);
  g_autoptr (BplTrainer) trainer = NULL;

  g_assert_no_error (error);
  trainer = bpl_trainer_new (net);
  g_assert_true (bpl_trainer_train (trainer, net, steps, NULL, &error));
  g_assert_no_error (error);
  bpl_network_set_steps (net, 0); /* as the CLI will see it after loading */
  g_assert_true (bpl_network_save_to_file (net, path, &error));
  g_assert_no_error (error);
  return net;
}

/* E_sample + λR of @net with @p at @v. */
static double
objective_at (const BplNetwork *net, BplParam p, double v, guint sample)
{
  g_autoptr (BplNetwork) copy = bpl_network_copy (net);
  g_autoptr (BplForward) fw = bpl_forward_new (net);

  bpl_network_set_param (copy, p, v);
  bpl_forward_compute (fw, copy, sample);
  return fw->total_error + bpl_network_get_penalty (copy);
}

static void
check_explain_json (const char *name, const BplNetwork *net, const char *param_name, guint sample)
{
  g_autofree char *path = bpl_test_tmp_path (name);
  g_autofree char *sample_arg = g_strdup_printf ("%u", sample + 1);
  g_autofree char *out = NULL;
  g_autoptr (JsonObject) root = NULL;
  g_autoptr (BplNetwork) stepped = bpl_network_copy (net);
  g_autoptr (BplTrainer) trainer = bpl_trainer_new (net);
  BplParam p;
  JsonArray *paths;
  double v, h, numeric, sum = 0.0, scale = 0.0;

  g_assert_true (bpl_network_parse_param (net, param_name, &p, NULL));
  g_assert_cmpint (run_cli (&out, NULL, "explain", "--network", path, "--sample", sample_arg, "--format", "json",
                            param_name, NULL), ==, 0);
  root = bpl_test_parse_object (out);

  /* gradient: ∂(E_sample + λR)/∂p, against a central difference. */
  v = bpl_network_get_param (net, p);
  h = 1e-5;
  numeric = (objective_at (net, p, v + h, sample) - objective_at (net, p, v - h, sample)) / (2 * h);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "gradient"), numeric, 1e-8);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "numerical_gradient"), numeric, 1e-8);
  g_assert_cmpfloat (json_object_get_double_member (root, "gradient"), ==,
                     json_object_get_double_member (root, "data_gradient") +
                       json_object_get_double_member (root, "penalty_gradient"));

  /* The paths multiply out and add up to the data part. */
  paths = json_object_get_array_member (root, "paths");
  for (guint k = 0; k < json_array_get_length (paths); k++)
    {
      JsonObject *path_obj = json_array_get_object_element (paths, k);
      JsonArray *factors = json_object_get_array_member (path_obj, "factors");
      double product = 1.0;
      for (guint f = 0; f < json_array_get_length (factors); f++)
        product *= json_object_get_double_member (json_array_get_object_element (factors, f), "value");
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (path_obj, "product"), product,
                                      1e-14 * MAX (1.0, fabs (product)));
      sum += product;
      scale += fabs (product);
    }
  g_assert_cmpfloat_with_epsilon (sum, json_object_get_double_member (root, "data_gradient"),
                                  1e-13 * MAX (scale, 1.0));

  /* new_value is what the next step makes of the parameter. */
  g_assert_true (bpl_trainer_step (trainer, stepped, NULL));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "new_value"),
                                  bpl_network_get_param (stepped, p), 1e-15);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (root, "next_step"), "samples")), ==,
                    bpl_network_get_samples_per_step (net));
}

static guint
count_steps (JsonObject *root, const char *kind)
{
  JsonArray *steps = json_object_get_array_member (root, "steps");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (steps); i++)
    n += g_str_equal (json_object_get_string_member (json_array_get_object_element (steps, i), "kind"), kind);
  return n;
}

static void
test_explain (void)
{
  g_autoptr (BplNetwork) adam = prepare ("adam.json", adam_json, 5);
  g_autoptr (BplNetwork) softmax = prepare ("softmax.json", softmax_json, 3);
  g_autofree char *adam_path = bpl_test_tmp_path ("adam.json");
  g_autofree char *softmax_path = bpl_test_tmp_path ("softmax.json");
  static const char *const formats[] = { "text", "markdown", "latex" };

  for (guint i = 0; i < bpl_network_get_n_weights (adam); i += 2)
    check_explain_json ("adam.json", adam, bpl_network_get_weight_name (adam, i), i % 4);
  check_explain_json ("adam.json", adam, "b4", 1);
  for (guint i = 0; i < bpl_network_get_n_weights (softmax); i += 3)
    check_explain_json ("softmax.json", softmax, bpl_network_get_weight_name (softmax, i), i % 2);
  check_explain_json ("softmax.json", softmax, "b2", 0);

  /* The steps beyond the chain rule, as JSON and in every report. */
  {
    g_autofree char *out = NULL;
    g_autoptr (JsonObject) root = NULL;
    g_assert_cmpint (run_cli (&out, NULL, "explain", "--network", adam_path, "--format", "json", "w5", NULL), ==, 0);
    root = bpl_test_parse_object (out);
    g_assert_cmpuint (count_steps (root, "regularization"), ==, 1);
    g_assert_cmpuint (count_steps (root, "batch"), ==, 1);
    g_assert_cmpuint (count_steps (root, "optimizer"), ==, 4);
    assert_contains (json_object_get_string_member (root, "update"), "m̂_w5/(√v̂_w5 + ε)");
  }
  {
    g_autofree char *out = NULL;
    g_autoptr (JsonObject) root = NULL;
    JsonArray *factors;
    g_assert_cmpint (run_cli (&out, NULL, "explain", "--network", softmax_path, "--format", "json", "w1", NULL),
                     ==, 0);
    root = bpl_test_parse_object (out);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "paths")), ==, 9);
    g_assert_cmpuint (count_steps (root, "softmax-collapse"), ==, 3);
    g_assert_cmpuint (count_steps (root, "optimizer"), ==, 1);
    factors = json_object_get_array_member (json_array_get_object_element (
                                              json_object_get_array_member (root, "paths"), 1), "factors");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (factors, 3), "kind"), ==,
                     "softmax");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (factors, 3), "net_of"), ==,
                     "o1");
  }
  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *a = NULL;
      g_autofree char *s = NULL;
      g_assert_cmpint (run_cli (&a, NULL, "explain", "--network", adam_path, "--format", formats[f], "w5", NULL), ==,
                       0);
      assert_contains (a, "Adam: the first moment of w5 with its bias corrected");
      /* LaTeX sets the prose's symbols in math, as pdflatex needs. */
      assert_contains (a, g_str_equal (formats[f], "latex") ? "The penalty $\\lambda$$\\cdot$R adds w5's own term"
                                                            : "The penalty λ·R adds w5’s own term");
      assert_contains (a, "The next step averages the gradient over samples");
      g_assert_cmpint (run_cli (&s, NULL, "explain", "--network", softmax_path, "--format", formats[f], "w7", NULL),
                       ==, 0);
      assert_contains (s, "Momentum: the velocity of w7");
      /* Markdown and LaTeX set names with subscripts as math. */
      assert_contains (s, g_str_equal (formats[f], "text") ? "collapses to out_o1" : "collapses to $\\mathrm{out}_{o1}$");
    }
}

/* train: the same parameters as training in process; total_error is the
 * mean data error, objective adds λ·R; the saved file trains on alike. */
static void
test_train (void)
{
  g_autoptr (BplNetwork) net = prepare ("train.json", adam_json, 0);
  g_autofree char *path = bpl_test_tmp_path ("train.json");
  g_autofree char *saved_path = bpl_test_tmp_path ("trained.json");
  g_autoptr (BplTrainer) trainer = bpl_trainer_new (net);
  g_autoptr (BplForward) fw = bpl_forward_new (net);
  g_autoptr (BplNetwork) saved = NULL;
  g_autoptr (JsonObject) root = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  JsonArray *weights;
  double error_after;

  g_assert_cmpint (run_cli (&out, NULL, "train", "--network", path, "--steps", "200", "--format", "json",
                            "--output", saved_path, NULL), ==, 0);
  root = bpl_test_parse_object (out);
  g_assert_true (bpl_trainer_train (trainer, net, 200, NULL, NULL));
  error_after = bpl_network_mean_error (net, fw);
  g_assert_cmpfloat (json_object_get_double_member (root, "total_error"), ==, error_after);
  g_assert_cmpfloat (json_object_get_double_member (root, "objective"), ==,
                     error_after + bpl_network_get_penalty (net));
  g_assert_cmpfloat (json_object_get_double_member (root, "objective"), >,
                     json_object_get_double_member (root, "total_error"));
  g_assert_cmpfloat (json_object_get_double_member (root, "objective"), <,
                     json_object_get_double_member (root, "initial_objective"));
  g_assert_cmpstr (json_object_get_string_member (root, "optimizer"), ==, "adam");
  g_assert_cmpint (json_object_get_int_member (root, "batch_size"), ==, 3);
  weights = json_object_get_array_member (root, "weights");
  for (guint i = 0; i < bpl_network_get_n_weights (net); i++)
    g_assert_cmpfloat (json_array_get_double_element (weights, i), ==, bpl_network_get_weight (net, i));

  /* The saved file holds the optimiser's state: it is this network. */
  saved = bpl_network_load_from_file (saved_path, &error);
  g_assert_no_error (error);
  bpl_network_set_name (saved, bpl_network_get_name (net));
  g_assert_true (bpl_network_equal (saved, net));
  g_assert_cmpuint (bpl_network_get_optimizer_step (saved), ==, 200);

  g_assert_cmpint (run_cli (&text, NULL, "train", "--network", path, "--steps", "3", NULL), ==, 0);
  assert_contains (text, "(mini-batches of 3, η = 0.05, Adam β₁ = 0.9, β₂ = 0.999, ε = 1e-08, L2 penalty λ = 0.01, "
                         "biases trained)");
  assert_contains (text, "Objective E_total + λ·R: ");
}

static void
test_forward (void)
{
  g_autoptr (BplNetwork) net = prepare ("forward.json", softmax_json, 0);
  g_autofree char *path = bpl_test_tmp_path ("forward.json");
  g_autoptr (JsonObject) root = NULL;
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  JsonArray *outputs;
  double sum = 0.0;

  g_assert_cmpint (run_cli (&out, NULL, "forward", "--network", path, "--format", "json", NULL), ==, 0);
  root = bpl_test_parse_object (out);
  outputs = json_object_get_array_member (root, "outputs");
  for (guint o = 0; o < json_array_get_length (outputs); o++)
    sum += json_object_get_double_member (json_array_get_object_element (outputs, o), "out");
  g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-15);
  g_assert_cmpfloat (json_object_get_double_member (root, "penalty"), ==, bpl_network_get_penalty (net));
  g_assert_cmpfloat (json_object_get_double_member (root, "objective"), ==,
                     json_object_get_double_member (root, "total_error") + bpl_network_get_penalty (net));

  g_assert_cmpint (run_cli (&text, NULL, "forward", "--network", path, NULL), ==, 0);
  assert_contains (text, "out_o1 = e^(net_o1)/(e^(net_o1) + e^(net_o2) + e^(net_o3))");
  assert_contains (text, "λ·R = ");
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  bpl_test_tmp_dir_new ("bpl-cli-options-XXXXXX");

  g_test_add_func ("/cli/training-options/explain", test_explain);
  g_test_add_func ("/cli/training-options/train", test_train);
  g_test_add_func ("/cli/training-options/forward", test_forward);

  status = g_test_run ();
  bpl_test_tmp_dir_remove ();
  return status;
}

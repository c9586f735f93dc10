/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli.c: runs the built backprop-lens-cli as a user would and checks
 * every command, format and exit status. Expected numbers come from the
 * worked example (../shared/reference/worked-example.txt) and, at full
 * precision, from the core computing the same thing in this process. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "backprop-lens.h"
#include "test-util.h"

/* Runs the built backprop-lens-cli with the arguments up to a NULL. */
#define run_cli(out, err, ...) bpl_test_run (BPL_CLI_PATH, out, err, __VA_ARGS__)

/* Same network, a second sample. */
static const char two_samples_json[] =
  "{ \"format\": \"backprop-lens-network\", \"version\": 1, \"layers\": [2, 2, 2],\n"
  "  \"activation\": \"sigmoid\", \"loss\": \"squared-error\", \"bias_mode\": \"per-layer\",\n"
  "  \"learning_rate\": 0.5,\n"
  "  \"weights\": [0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55], \"biases\": [0.35, 0.60],\n"
  "  \"samples\": [{ \"input\": [0.05, 0.10], \"target\": [0.01, 0.99] },\n"
  "              { \"input\": [1.0, -1.0], \"target\": [0.5, 0.25] }] }\n";

/* One weight short. */
static const char broken_json[] =
  "{ \"format\": \"backprop-lens-network\", \"version\": 1, \"layers\": [2, 2, 2],\n"
  "  \"activation\": \"sigmoid\", \"loss\": \"squared-error\", \"bias_mode\": \"per-layer\",\n"
  "  \"learning_rate\": 0.5,\n"
  "  \"weights\": [0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50], \"biases\": [0.35, 0.60],\n"
  "  \"samples\": [{ \"input\": [0.05, 0.10], \"target\": [0.01, 0.99] }] }\n";

/* A name that is not an activation. */
static const char bad_activation_json[] =
  "{ \"format\": \"backprop-lens-network\", \"version\": 1, \"layers\": [1, 1],\n"
  "  \"activation\": \"x\", \"loss\": \"squared-error\", \"bias_mode\": \"none\",\n"
  "  \"learning_rate\": 0.5, \"weights\": [0.5], \"biases\": [],\n"
  "  \"samples\": [{ \"input\": [1], \"target\": [0] }] }\n";

static const char not_json[] = "{ \"format\": \"backprop-lens-network\", \"layers\": [2, 2";

/* A linear 1-1 network that diverges: each step multiplies w by about
 * 1 − η·x² = −1e27, so within a dozen steps a value overflows. */
static const char overflow_json[] =
  "{ \"format\": \"backprop-lens-network\", \"version\": 1, \"layers\": [1, 1],\n"
  "  \"activation\": \"linear\", \"loss\": \"squared-error\", \"bias_mode\": \"none\",\n"
  "  \"learning_rate\": 1e9, \"weights\": [1e9], \"biases\": [],\n"
  "  \"samples\": [{ \"input\": [1e9], \"target\": [0] }] }\n";

static BplNetwork *
load_tmp_network (const char *name)
{
  g_autofree char *path = bpl_test_tmp_path (name);
  g_autoptr (GError) error = NULL;
  BplNetwork *network = bpl_network_load_from_file (path, &error);

  g_assert_no_error (error);
  return network;
}

#define assert_contains(haystack, needle)                                                  \
  G_STMT_START                                                                             \
  {                                                                                        \
    if (strstr ((haystack), (needle)) == NULL)                                             \
      g_error ("expected “%s” in:\n%s", (needle), (haystack));                            \
  }                                                                                        \
  G_STMT_END

/* General */

static void
test_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *const commands[] = { "forward", "explain", "train", "validate", "render", "layout",
                                   "worksheet", NULL };

  g_assert_cmpint (run_cli (&out, NULL, "--help", NULL), ==, 0);
  for (guint i = 0; commands[i] != NULL; i++)
    assert_contains (out, commands[i]);
  g_clear_pointer (&out, g_free);

  /* Every command has its own --help with a summary. */
  for (guint i = 0; commands[i] != NULL; i++)
    {
      g_autofree char *help = NULL;

      g_assert_cmpint (run_cli (&help, NULL, commands[i], "--help", NULL), ==, 0);
      assert_contains (help, "Usage:");
      assert_contains (help, commands[i]);
      g_assert_cmpuint (strlen (help), >, 200);
    }

  g_assert_cmpint (run_cli (&out, NULL, "--version", NULL), ==, 0);
  assert_contains (out, "backprop-lens-cli ");
  assert_contains (out, PACKAGE_VERSION);
}

static void
test_usage_errors (void)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (NULL, NULL, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, &err, "frobnicate", NULL), ==, 2);
  assert_contains (err, "frobnicate");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, "--frobnicate", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, &err, "forward", "--no-such-option", NULL), ==, 2);
  assert_contains (err, "backprop-lens-cli forward");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "forward", "--format", "xml", NULL), ==, 2);
  assert_contains (err, "xml");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, "forward", "--sample", "two", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "forward", "extra", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "forward", "--digits", "0", NULL), ==, 2);
}

static void
test_bad_network (void)
{
  const char *const commands[] = { "forward", "train", "explain", NULL };
  const char *const files[] = { "broken.json", "not-json.json", "missing.json", NULL };

  for (guint c = 0; commands[c] != NULL; c++)
    for (guint f = 0; files[f] != NULL; f++)
      {
        g_autofree char *path = bpl_test_tmp_path (files[f]);
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;
        int status;

        if (g_str_equal (commands[c], "train"))
          status = run_cli (&out, &err, "train", "--network", path, "--steps", "1", NULL);
        else if (g_str_equal (commands[c], "explain"))
          status = run_cli (&out, &err, "explain", "--network", path, "w3", NULL);
        else
          status = run_cli (&out, &err, commands[c], "--network", path, NULL);

        g_assert_cmpint (status, ==, 1);
        assert_contains (err, files[f]);
        g_assert_cmpstr (out, ==, "");
      }
}

/* forward */

static void
test_forward_text (void)
{
  const char *const names[] = { "i1", "i2", "h1", "h2", "o1", "o2" };
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (&out, NULL, "forward", NULL), ==, 0);
  /* The worked example's forward values, to the digits it shows. */
  assert_contains (out, "0.3775");
  assert_contains (out, "0.593269992");
  assert_contains (out, "0.3925");
  assert_contains (out, "0.59688437826");
  assert_contains (out, "1.105905967");
  assert_contains (out, "1.224921404");
  assert_contains (out, "0.7729284653");
  assert_contains (out, "E_total = 0.29837110876");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    assert_contains (out, names[i]);
  g_clear_pointer (&out, g_free);

  /* The worked example rounds out_o1 to 8 digits. */
  g_assert_cmpint (run_cli (&out, NULL, "forward", "--digits", "8", NULL), ==, 0);
  assert_contains (out, "0.75136507");
  assert_contains (out, "0.29837111");
}

static void
test_forward_json (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr (BplForward) forward = bpl_forward_new (network);
  g_autoptr (JsonObject) root = NULL;
  g_autofree char *out = NULL;
  JsonArray *neurons, *outputs;

  g_assert_cmpint (run_cli (&out, NULL, "forward", "--format", "json", NULL), ==, 0);
  root = bpl_test_parse_object (out);
  bpl_forward_compute (forward, network, 0);

  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "total_error"),
                                  0.29837110876, 1e-11);
  /* Full precision: the printed numbers read back to the very same doubles. */
  g_assert_cmpfloat (json_object_get_double_member (root, "total_error"), ==,
                     forward->total_error);

  neurons = json_object_get_array_member (root, "neurons");
  g_assert_cmpuint (json_array_get_length (neurons), ==, 6);
  for (guint n = 0; n < 6; n++)
    {
      JsonObject *neuron = json_array_get_object_element (neurons, n);

      g_assert_cmpstr (json_object_get_string_member (neuron, "name"), ==,
                       bpl_network_get_neuron_name (network, n));
      g_assert_cmpint (json_object_get_int_member (neuron, "layer"), ==,
                       bpl_network_get_neuron_layer (network, n));
      g_assert_cmpfloat (json_object_get_double_member (neuron, "net"), ==, forward->net[n]);
      g_assert_cmpfloat (json_object_get_double_member (neuron, "out"), ==, forward->out[n]);
    }

  outputs = json_object_get_array_member (root, "outputs");
  g_assert_cmpuint (json_array_get_length (outputs), ==, 2);
  for (guint o = 0; o < 2; o++)
    {
      JsonObject *output = json_array_get_object_element (outputs, o);

      g_assert_cmpstr (json_object_get_string_member (output, "name"), ==, o == 0 ? "o1" : "o2");
      g_assert_cmpfloat (json_object_get_double_member (output, "target"), ==,
                         o == 0 ? 0.01 : 0.99);
      g_assert_cmpfloat (json_object_get_double_member (output, "error"), ==, forward->error[o]);
    }
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (
                                      json_array_get_object_element (neurons, 4), "out"),
                                  0.75136507, 1e-8);
}

static void
test_forward_sample (void)
{
  g_autoptr (BplNetwork) network = load_tmp_network ("two-samples.json");
  g_autoptr (BplForward) forward = bpl_forward_new (network);
  g_autofree char *path = bpl_test_tmp_path ("two-samples.json");
  g_autoptr (JsonObject) root = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (&out, NULL, "forward", "--network", path, "--sample", "2",
                            "--format", "json", NULL),
                   ==, 0);
  root = bpl_test_parse_object (out);
  bpl_forward_compute (forward, network, 1);
  g_assert_cmpfloat (json_object_get_double_member (root, "total_error"), ==,
                     forward->total_error);
  g_clear_pointer (&out, g_free);

  /* Out of range is a bad value (1), not bad usage. */
  g_assert_cmpint (run_cli (&out, &err, "forward", "--network", path, "--sample", "3", NULL), ==,
                   1);
  assert_contains (err, "--sample");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, "forward", "--sample", "0", NULL), ==, 1);
  g_assert_cmpint (run_cli (NULL, NULL, "forward", "--sample", "-1", NULL), ==, 1);
}


/* Values json-glib 1.6 would print as "1e+18.0" must still be JSON. */
static void
test_forward_json_large (void)
{
  g_autofree char *path = bpl_test_tmp_path ("overflow.json");
  g_autoptr (JsonObject) root = NULL;
  g_autofree char *out = NULL;
  JsonArray *neurons;

  g_assert_cmpint (run_cli (&out, NULL, "forward", "--network", path, "--format", "json", NULL),
                   ==, 0);
  root = bpl_test_parse_object (out);
  neurons = json_object_get_array_member (root, "neurons");
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (neurons, 1),
                                                    "net"),
                     ==, 1e18);
  g_assert_cmpfloat (json_object_get_double_member (root, "total_error"), ==, 0.5 * 1e36);
}

/* A full disk must not pass for success. */
static void
test_write_error (void)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_stdout_file_path (launcher, "/dev/full");
  process = g_subprocess_launcher_spawn (launcher, &error, BPL_CLI_PATH, "forward", NULL);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
}

/* 1-16-16-16-2: w1 reaches the outputs along 16·16·2 = 512 chains, more than
 * are enumerated; the gradient is still exact. */
static void
test_explain_truncated (void)
{
  const guint layers[] = { 1, 16, 16, 16, 2 };
  g_autoptr (BplNetwork) network = bpl_network_new (layers, G_N_ELEMENTS (layers),
                                                    BPL_BIAS_PER_LAYER, NULL);
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  g_autoptr (BplDerivation) derivation = NULL;
  g_autoptr (JsonObject) root = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = bpl_test_tmp_path ("wide.json");
  g_autofree char *out = NULL;
  BplParam w1 = { BPL_PARAM_WEIGHT, 0 };

  g_assert_nonnull (network);
  for (guint w = 0; w < bpl_network_get_n_weights (network); w++)
    bpl_network_set_weight (network, w, g_rand_double_range (rand, -1, 1));
  bpl_network_set_input (network, 0, 0, 0.5);
  bpl_network_set_target (network, 0, 0, 0.25);
  bpl_network_set_target (network, 0, 1, 0.75);
  g_assert_true (bpl_network_save_to_file (network, path, &error));
  g_assert_no_error (error);

  g_assert_cmpint (run_cli (&out, NULL, "explain", "--network", path, "--format", "json", "w1",
                            NULL),
                   ==, 0);
  root = bpl_test_parse_object (out);
  derivation = bpl_derivation_new (network, w1, 0, NULL);
  g_assert_nonnull (derivation);

  g_assert_true (json_object_get_boolean_member (root, "paths_truncated"));
  g_assert_cmpint (json_object_get_int_member (root, "paths_total"), ==, 512);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "paths")), ==,
                    BPL_DERIVATION_MAX_PATHS);
  g_assert_cmpfloat (json_object_get_double_member (root, "gradient"), ==, derivation->gradient);
  g_clear_pointer (&out, g_free);

  /* The text report still works and ends with the new value. */
  g_assert_cmpint (run_cli (&out, NULL, "explain", "--network", path, "w1", NULL), ==, 0);
  assert_contains (out, "w1");
}

/* --paths N lists only the first N paths; the gradient and the δ form are
 * still complete, and 0 leaves the δ form alone. */
static void
test_explain_paths (void)
{
  g_autoptr (JsonObject) root = NULL;
  g_autoptr (JsonObject) full = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (&out, NULL, "explain", "--format", "json", "w3", NULL), ==, 0);
  full = bpl_test_parse_object (out);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "explain", "--paths", "1", "--format", "json", "w3", NULL), ==, 0);
  root = bpl_test_parse_object (out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "paths")), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "paths_total"), ==, 2);
  g_assert_true (json_object_get_boolean_member (root, "paths_truncated"));
  g_assert_cmpfloat (json_object_get_double_member (root, "gradient"), ==,
                     json_object_get_double_member (full, "gradient"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "deltas")), ==,
                    json_array_get_length (json_object_get_array_member (full, "deltas")));
  g_clear_pointer (&out, g_free);

  /* No paths: no chain and no factor, the δs and the gradient from them. */
  g_assert_cmpint (run_cli (&out, NULL, "explain", "--paths", "0", "b1", NULL), ==, 0);
  g_assert_null (strstr (out, "Multiply the factors"));
  g_assert_null (strstr (out, "∂out_h1/∂net_h1"));
  assert_contains (out, "δ_h1 * 1 + δ_h2 * 1");
  assert_contains (out, "0.018725609395");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (NULL, NULL, "explain", "--paths", "257", "w3", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "explain", "--paths", "-1", "w3", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "explain", "--paths", "all", "w3", NULL), ==, 2);
}

/* explain */

static void
test_explain_w3_text (void)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (&out, NULL, "explain", "w3", NULL), ==, 0);
  /* Every factor on both branches, the gradient and the new value, to the
   * digits the worked example shows (it truncates some 11th digits). */
  assert_contains (out, "0.05");
  assert_contains (out, "0.2406134172");
  assert_contains (out, "0.45");
  assert_contains (out, "0.55");
  assert_contains (out, "0.17551005282");
  assert_contains (out, "-0.2170715346");
  assert_contains (out, "0.00049771273");
  assert_contains (out, "0.24975114363");
  /* Both output branches. */
  assert_contains (out, "E_o1");
  assert_contains (out, "E_o2");
  assert_contains (out, "w6");
  assert_contains (out, "w8");
  g_clear_pointer (&out, g_free);

  /* The factors of the o1 branch the worked example rounds to 9 digits. */
  g_assert_cmpint (run_cli (&out, NULL, "explain", "--digits", "9", "w3", NULL), ==, 0);
  assert_contains (out, "0.186815602");
  assert_contains (out, "0.74136507");
}

static void
test_explain_formats (void)
{
  const char *const formats[] = { "text", "markdown", "latex", NULL };

  for (guint i = 0; formats[i] != NULL; i++)
    {
      g_autofree char *out = NULL;

      g_assert_cmpint (run_cli (&out, NULL, "explain", "--format", formats[i], "w3", NULL), ==, 0);
      assert_contains (out, "0.24975114363");
      assert_contains (out, "0.17551005282");
    }
}

/* Issue 17: b1's new value is what gradient descent would give, but this
 * network does not train its biases: the text says so before the formula. */
static void
test_explain_fixed_bias (void)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (&out, NULL, "explain", "b1", NULL), ==, 0);
  assert_contains (out, "Biases are not updated in this network (update_biases is off), so a training "
                        "step leaves b1 at 0.35; if they were, b1⁺ would be:\n"
                        "   b1⁺ = b1 - η * ∂E_total/∂b1 = 0.35 - 0.5 * 0.018725609395 = 0.3406371953\n");
}

static void
test_explain_digits (void)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (&out, NULL, "explain", "--digits", "3", "w3", NULL), ==, 0);
  g_assert_null (strstr (out, "0.24975114363"));
  assert_contains (out, "0.241");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (&out, NULL, "explain", "--digits", "17", "w3", NULL), ==, 0);
  assert_contains (out, "0.2497511436");

  g_assert_cmpint (run_cli (NULL, NULL, "explain", "--digits", "0", "w3", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "explain", "--digits", "18", "w3", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "explain", "--digits", "many", "w3", NULL), ==, 2);
}

static void
assert_factors (JsonObject *path, const char *output, const double *values, const double *tolerance)
{
  JsonArray *factors = json_object_get_array_member (path, "factors");

  g_assert_cmpstr (json_object_get_string_member (path, "output"), ==, output);
  g_assert_cmpuint (json_array_get_length (factors), ==, 5);
  for (guint f = 0; f < 5; f++)
    {
      JsonObject *factor = json_array_get_object_element (factors, f);

      g_assert_nonnull (json_object_get_string_member (factor, "symbol"));
      g_assert_nonnull (json_object_get_string_member (factor, "formula"));
      g_assert_true (json_object_has_member (factor, "description"));
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (factor, "value"), values[f],
                                      tolerance[f]);
    }
}

static gboolean
array_has_string (JsonArray *array, const char *str)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), str) == 0)
      return TRUE;
  return FALSE;
}

static void
test_explain_w3_json (void)
{
  /* The worked example's factors, to the digits it prints (its 11th digit
   * is sometimes truncated rather than rounded: 2 units of tolerance). */
  const double o1_values[] = { 0.05, 0.24061341724, 0.45, 0.186815602, 0.74136507 };
  const double o1_tolerance[] = { 1e-15, 2e-11, 1e-15, 1e-9, 1e-8 };
  const double o2_values[] = { 0.05, 0.24061341724, 0.55, 0.17551005282, -0.21707153469 };
  const double o2_tolerance[] = { 1e-15, 2e-11, 1e-15, 2e-11, 2e-11 };
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr (BplDerivation) derivation = NULL;
  g_autoptr (JsonObject) root = NULL;
  g_autofree char *out = NULL;
  JsonArray *paths, *deltas;
  JsonObject *path_set;
  BplParam w3 = { BPL_PARAM_WEIGHT, 2 };
  double sum = 0;

  g_assert_cmpint (run_cli (&out, NULL, "explain", "--format", "json", "w3", NULL), ==, 0);
  root = bpl_test_parse_object (out);
  derivation = bpl_derivation_new (network, w3, 0, NULL);
  g_assert_nonnull (derivation);

  g_assert_cmpstr (json_object_get_string_member (root, "parameter"), ==, "w3");
  g_assert_cmpstr (json_object_get_string_member (root, "from"), ==, "i1");
  g_assert_cmpstr (json_object_get_string_member (root, "to"), ==, "h2");
  g_assert_cmpfloat (json_object_get_double_member (root, "value"), ==, 0.25);
  g_assert_cmpfloat (json_object_get_double_member (root, "learning_rate"), ==, 0.5);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "new_value"),
                                  0.24975114363, 1e-11);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "gradient"),
                                  0.00049771273526, 1e-14);
  g_assert_cmpfloat (json_object_get_double_member (root, "gradient"), ==, derivation->gradient);
  g_assert_cmpfloat (json_object_get_double_member (root, "new_value"), ==,
                     derivation->new_value);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "numerical_gradient"),
                                  derivation->gradient, 1e-9);
  g_assert_true (json_object_get_null_member (root, "update_note"));

  paths = json_object_get_array_member (root, "paths");
  g_assert_cmpuint (json_array_get_length (paths), ==, 2);
  assert_factors (json_array_get_object_element (paths, 0), "o1", o1_values, o1_tolerance);
  assert_factors (json_array_get_object_element (paths, 1), "o2", o2_values, o2_tolerance);
  for (guint p = 0; p < 2; p++)
    sum += json_object_get_double_member (json_array_get_object_element (paths, p), "product");
  g_assert_cmpfloat_with_epsilon (sum, derivation->gradient, 1e-17);
  g_assert_cmpint (json_object_get_int_member (root, "paths_total"), ==, 2);
  g_assert_false (json_object_get_boolean_member (root, "paths_truncated"));

  deltas = json_object_get_array_member (root, "deltas");
  g_assert_cmpuint (json_array_get_length (deltas), ==, derivation->n_deltas);
  g_assert_cmpuint (json_array_get_length (deltas), >, 0);

  path_set = json_object_get_object_member (root, "path_set");
  g_assert_true (array_has_string (json_object_get_array_member (path_set, "neurons"), "h2"));
  g_assert_true (array_has_string (json_object_get_array_member (path_set, "neurons"), "o1"));
  g_assert_true (array_has_string (json_object_get_array_member (path_set, "neurons"), "o2"));
  g_assert_false (array_has_string (json_object_get_array_member (path_set, "neurons"), "h1"));
  g_assert_true (array_has_string (json_object_get_array_member (path_set, "weights"), "w3"));
  g_assert_true (array_has_string (json_object_get_array_member (path_set, "weights"), "w6"));
  g_assert_true (array_has_string (json_object_get_array_member (path_set, "weights"), "w8"));
  g_assert_false (array_has_string (json_object_get_array_member (path_set, "weights"), "w5"));
}

static void
test_explain_bias_json (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr (BplDerivation) derivation = NULL;
  g_autoptr (JsonObject) root = NULL;
  g_autofree char *out = NULL;
  BplParam b1 = { BPL_PARAM_BIAS, 0 };
  JsonArray *paths;
  double sum = 0;

  g_assert_cmpint (run_cli (&out, NULL, "explain", "--format", "json", "b1", NULL), ==, 0);
  root = bpl_test_parse_object (out);
  derivation = bpl_derivation_new (network, b1, 0, NULL);
  g_assert_nonnull (derivation);

  g_assert_cmpstr (json_object_get_string_member (root, "parameter"), ==, "b1");
  /* A shared bias feeds h1 and h2: no single "from" or "to". */
  g_assert_true (json_object_get_null_member (root, "from"));
  g_assert_true (json_object_get_null_member (root, "to"));
  g_assert_cmpfloat (json_object_get_double_member (root, "value"), ==, 0.35);
  g_assert_cmpfloat (json_object_get_double_member (root, "gradient"), ==, derivation->gradient);
  /* new_value is what the formula gives; the note says a step keeps b1. */
  g_assert_true (g_str_has_prefix (json_object_get_string_member (root, "update_note"),
                                   "Biases are not updated in this network (update_biases is off)"));
  /* b1 → h1 or h2 → o1 or o2: four chains, summing to the gradient. */
  paths = json_object_get_array_member (root, "paths");
  g_assert_cmpuint (json_array_get_length (paths), ==, 4);
  for (guint p = 0; p < 4; p++)
    sum += json_object_get_double_member (json_array_get_object_element (paths, p), "product");
  g_assert_cmpfloat_with_epsilon (sum, derivation->gradient, 1e-16);
}

static void
test_explain_network_file (void)
{
  g_autofree char *path = bpl_test_tmp_path ("worked.json");
  g_autofree char *from_file = NULL;
  g_autofree char *built_in = NULL;
  g_autoptr (JsonObject) a = NULL;
  g_autoptr (JsonObject) b = NULL;

  g_assert_cmpint (run_cli (&from_file, NULL, "explain", "--network", path, "--format", "json",
                            "w5", NULL),
                   ==, 0);
  g_assert_cmpint (run_cli (&built_in, NULL, "explain", "--format", "json", "w5", NULL), ==, 0);
  a = bpl_test_parse_object (from_file);
  b = bpl_test_parse_object (built_in);
  g_assert_cmpfloat (json_object_get_double_member (a, "gradient"), ==,
                     json_object_get_double_member (b, "gradient"));
  g_assert_cmpfloat (json_object_get_double_member (a, "new_value"), ==,
                     json_object_get_double_member (b, "new_value"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "paths")), ==, 1);
}

static void
test_explain_usage (void)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (NULL, &err, "explain", NULL), ==, 2);
  assert_contains (err, "PARAM");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, "explain", "w3", "w4", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "explain", "--format", "html", "w3", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "explain", "--bogus", "w3", NULL), ==, 2);
  /* Names the network does not have are bad values. */
  g_assert_cmpint (run_cli (NULL, &err, "explain", "w9", NULL), ==, 1);
  assert_contains (err, "w9");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, NULL, "explain", "b3", NULL), ==, 1);
  g_assert_cmpint (run_cli (NULL, NULL, "explain", "x1", NULL), ==, 1);
  g_assert_cmpint (run_cli (NULL, NULL, "explain", "--sample", "2", "w3", NULL), ==, 1);
}

/* train */

static void
test_train_one_step_json (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr (BplTrainer) trainer = bpl_trainer_new (network);
  g_autoptr (BplForward) scratch = bpl_forward_new (network);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) root = NULL;
  g_autofree char *out = NULL;
  JsonArray *weights, *biases;

  g_assert_cmpint (run_cli (&out, NULL, "train", "--steps", "1", "--format", "json", NULL), ==, 0);
  root = bpl_test_parse_object (out);
  g_assert_true (bpl_trainer_step (trainer, network, &error));
  g_assert_no_error (error);

  g_assert_cmpint (json_object_get_int_member (root, "steps"), ==, 1);
  weights = json_object_get_array_member (root, "weights");
  g_assert_cmpuint (json_array_get_length (weights), ==, 8);
  for (guint w = 0; w < 8; w++)
    g_assert_cmpfloat (json_array_get_double_element (weights, w), ==,
                       bpl_network_get_weight (network, w));
  g_assert_cmpfloat_with_epsilon (json_array_get_double_element (weights, 2), 0.24975114363,
                                  1e-11);

  /* The worked example keeps its biases fixed. */
  biases = json_object_get_array_member (root, "biases");
  g_assert_cmpuint (json_array_get_length (biases), ==, 2);
  g_assert_cmpfloat (json_array_get_double_element (biases, 0), ==, 0.35);
  g_assert_cmpfloat (json_array_get_double_element (biases, 1), ==, 0.6);

  g_assert_cmpfloat (json_object_get_double_member (root, "total_error"), ==,
                     bpl_network_mean_error (network, scratch));
  g_assert_cmpfloat (json_object_get_double_member (root, "total_error"), <, 0.29837110876);
}

/* `train` follows the file's update order. With output-first, 10,000 steps
 * of the worked example give the outputs the tutorial's author published
 * (its code updates the output layer first), which the simultaneous rule
 * of its own text does not; the weights equal the core's, step for step. */
static void
test_train_update_order (void)
{
  g_autoptr (BplNetwork) expected = bpl_network_new_worked_example ();
  g_autoptr (BplNetwork) simultaneous = bpl_network_new_worked_example ();
  g_autoptr (BplTrainer) trainer = bpl_trainer_new (expected);
  g_autoptr (BplTrainer) trainer_s = bpl_trainer_new (simultaneous);
  g_autoptr (BplNetwork) saved = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) forward = NULL;
  g_autofree char *text = NULL;
  g_autofree char *input = bpl_test_tmp_path ("output-first.json");
  g_autofree char *output = bpl_test_tmp_path ("output-first-trained.json");
  g_autofree char *out = NULL;
  JsonArray *outputs;

  bpl_network_set_update_order (expected, BPL_UPDATE_OUTPUT_FIRST);
  text = bpl_network_to_data (expected, NULL);
  g_assert_nonnull (strstr (text, "\"update_order\": \"output-first\""));
  bpl_test_write_file ("output-first.json", text);

  g_assert_cmpint (run_cli (NULL, NULL, "train", "--network", input, "--steps", "10000", "--output", output,
                            NULL),
                   ==, 0);
  g_assert_true (bpl_trainer_train (trainer, expected, 10000, NULL, &error));
  g_assert_no_error (error);
  saved = load_tmp_network ("output-first-trained.json");
  g_assert_cmpint (bpl_network_get_update_order (saved), ==, BPL_UPDATE_OUTPUT_FIRST);
  for (guint w = 0; w < 8; w++)
    g_assert_cmpfloat (bpl_network_get_weight (saved, w), ==, bpl_network_get_weight (expected, w));

  g_assert_cmpint (run_cli (&out, NULL, "forward", "--network", output, "--format", "json", NULL), ==, 0);
  forward = bpl_test_parse_object (out);
  outputs = json_object_get_array_member (forward, "outputs");
  /* Published: o1 = 0.015912196, o2 = 0.984065734. */
  g_assert_cmpfloat_with_epsilon (
    json_object_get_double_member (json_array_get_object_element (outputs, 0), "out"), 0.015912196, 5e-10);
  g_assert_cmpfloat_with_epsilon (
    json_object_get_double_member (json_array_get_object_element (outputs, 1), "out"), 0.984065734, 5e-10);

  /* The simultaneous rule lands elsewhere: the option matters. */
  g_assert_true (bpl_trainer_train (trainer_s, simultaneous, 10000, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr (BplForward) f = bpl_forward_new (simultaneous);
    bpl_forward_compute (f, simultaneous, 0);
    g_assert_cmpfloat (fabs (f->out[4] - 0.015912196), >, 1e-6);
  }
}

static void
test_train_text (void)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (&out, NULL, "train", "--steps", "1", NULL), ==, 0);
  assert_contains (out, "0.24975114363");
  assert_contains (out, "0.29837110876");
  for (guint w = 1; w <= 8; w++)
    {
      g_autofree char *name = g_strdup_printf ("w%u", w);

      assert_contains (out, name);
    }
}

static void
test_train_output (void)
{
  g_autoptr (BplNetwork) expected = load_tmp_network ("two-samples.json");
  g_autoptr (BplTrainer) trainer = bpl_trainer_new (expected);
  g_autoptr (BplNetwork) saved = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *input = bpl_test_tmp_path ("two-samples.json");
  g_autofree char *output = bpl_test_tmp_path ("trained.json");
  g_autofree char *out = NULL;
  guint64 done = 0;

  g_assert_cmpint (run_cli (&out, NULL, "train", "--network", input, "--steps", "25", "--output",
                            output, NULL),
                   ==, 0);
  assert_contains (out, "w8");

  g_assert_true (bpl_trainer_train (trainer, expected, 25, &done, &error));
  g_assert_no_error (error);
  saved = load_tmp_network ("trained.json");
  for (guint w = 0; w < bpl_network_get_n_weights (expected); w++)
    g_assert_cmpfloat (bpl_network_get_weight (saved, w), ==, bpl_network_get_weight (expected, w));
  for (guint b = 0; b < bpl_network_get_n_biases (expected); b++)
    g_assert_cmpfloat (bpl_network_get_bias (saved, b), ==, bpl_network_get_bias (expected, b));

  /* The input file is not touched. */
  {
    g_autoptr (BplNetwork) original = load_tmp_network ("two-samples.json");

    g_assert_cmpfloat (bpl_network_get_weight (original, 0), ==, 0.15);
  }
}

static void
test_train_refused (void)
{
  g_autofree char *input = bpl_test_tmp_path ("overflow.json");
  g_autofree char *output = bpl_test_tmp_path ("overflow-trained.json");
  g_autoptr (BplNetwork) network = load_tmp_network ("overflow.json");
  g_autoptr (BplTrainer) trainer = bpl_trainer_new (network);
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;
  guint64 done = 0;

  /* The same refusal in process, for the step number. */
  g_assert_false (bpl_trainer_train (trainer, network, 100, &done, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_NOT_FINITE);
  g_assert_cmpuint (done, <, 100);
  expected = g_strdup_printf ("stopped after %" G_GUINT64_FORMAT " of 100 steps", done);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "train", "--network", input, "--steps", "100",
                            "--output", output, NULL),
                   ==, 1);
  assert_contains (err, expected);
  assert_contains (err, "trained.json");
  g_assert_cmpstr (out, ==, "");
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

static void
test_train_usage (void)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (NULL, &err, "train", NULL), ==, 2);
  assert_contains (err, "--steps");
  g_assert_cmpint (run_cli (NULL, NULL, "train", "--steps", "0", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "train", "--steps", "-3", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "train", "--steps", "ten", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "train", "--steps", "1", "--format", "csv", NULL), ==, 2);
}

/* validate */

static void
test_validate_good (void)
{
  g_autofree char *path = bpl_test_tmp_path ("worked.json");
  g_autofree char *two = bpl_test_tmp_path ("two-samples.json");
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpint (run_cli (&out, NULL, "validate", path, NULL), ==, 0);
  expected = g_strdup_printf ("%s: valid (layers [2, 2, 2], 8 weights, 2 biases, 1 sample)\n",
                              path);
  g_assert_cmpstr (out, ==, expected);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (&out, NULL, "validate", two, NULL), ==, 0);
  assert_contains (out, "2 samples");
}

static void
test_validate_bad (void)
{
  g_autofree char *good = bpl_test_tmp_path ("worked.json");
  g_autofree char *broken = bpl_test_tmp_path ("broken.json");
  g_autofree char *not = bpl_test_tmp_path ("not-json.json");
  g_autofree char *missing = bpl_test_tmp_path ("missing.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "validate", broken, NULL), ==, 1);
  assert_contains (err, "broken.json");
  assert_contains (err, "weights");
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (NULL, &err, "validate", not, NULL), ==, 1);
  assert_contains (err, "not-json.json");
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (NULL, &err, "validate", missing, NULL), ==, 1);
  assert_contains (err, "missing.json");
  g_clear_pointer (&err, g_free);


  /* One bad file among good ones fails the whole run, and each is reported. */
  g_assert_cmpint (run_cli (&out, &err, "validate", good, broken, NULL), ==, 1);
  assert_contains (out, "worked.json: valid");
  assert_contains (err, "broken.json");

  g_assert_cmpint (run_cli (NULL, NULL, "validate", NULL), ==, 2);
}

/* A lesson is reported; a wrong lesson field is a warning that names it,
 * and the file is still valid. */
static void
test_validate_lesson (void)
{
  static const char lesson_json[] =
    "{\"format\":\"backprop-lens-network\",\"version\":1,\"layers\":[2,2,2],\"activation\":\"sigmoid\","
    "\"loss\":\"squared-error\",\"bias_mode\":\"per-layer\",\"learning_rate\":0.5,"
    "\"weights\":[0.15,0.2,0.25,0.3,0.4,0.45,0.5,0.55],\"biases\":[0.35,0.6],"
    "\"samples\":[{\"input\":[0.05,0.1],\"target\":[0.01,0.99]}],"
    "\"lesson\":{\"title\":\"w3 by hand\",\"select\":\"w3\",\"hidden\":[\"train\",\"trian\"],"
    "\"locked\":[\"weights\"],\"practice\":true}}";
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  bpl_test_write_file ("lesson.json", lesson_json);
  path = bpl_test_tmp_path ("lesson.json");
  g_assert_cmpint (run_cli (&out, &err, "validate", path, NULL), ==, 0);
  assert_contains (out, "lesson.json: valid");
  assert_contains (out, "lesson “w3 by hand”: selects w3; hides train; locks weights; starts practice mode");
  assert_contains (err, "warning: ");
  assert_contains (err, "lesson.hidden[1]: “trian” is not a part that can be hidden");
}

/* A message quotes a bad name and nothing past its end (no bytes read
 * beyond the string, shown as U+FFFD). */
static void
assert_clean_message (const char *err, const char *name)
{
  g_autofree char *quoted = g_strdup_printf ("%s”", name);

  g_assert_true (g_utf8_validate (err, -1, NULL));
  g_assert_null (strstr (err, "\xef\xbf\xbd"));
  assert_contains (err, quoted);
}

static void
test_explain_unknown_param_message (void)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (NULL, &err, "explain", "w9", NULL), ==, 1);
  assert_clean_message (err, "w9");
}

static void
test_validate_unknown_name_message (void)
{
  g_autofree char *path = bpl_test_tmp_path ("bad-activation.json");
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (NULL, &err, "validate", path, NULL), ==, 1);
  assert_contains (err, "bad-activation.json");
  assert_contains (err, "activation");
  assert_clean_message (err, "x");
}

/* Worksheet */

/* What to leave blank, the paper and the answer key's file: each wrong
 * value is a usage error that names it, and nothing is written. */
static void
test_worksheet_usage (void)
{
  g_autofree char *pdf = bpl_test_tmp_path ("sheet.pdf");
  g_autofree char *key = bpl_test_tmp_path ("key.pdf");
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (NULL, &err, "worksheet", "--blanks=answers", "--output", pdf, NULL),
                   ==, 2);
  assert_contains (err, "answers");
  assert_contains (err, "formulas");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "worksheet", "--paper", "legal", "--output", pdf, NULL),
                   ==, 2);
  assert_contains (err, "legal");
  assert_contains (err, "letter");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "worksheet", "--answer-key", key, "--output", pdf, NULL),
                   ==, 2);
  assert_contains (err, "--blanks");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "worksheet", "--blanks", "--answer-key", pdf, "--output",
                            pdf, NULL), ==, 2);
  assert_contains (err, "file of its own");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "worksheet", "--blanks", "--answer-key", "key.txt",
                            "--output", pdf, NULL), ==, 2);
  assert_contains (err, "key.txt");
  g_clear_pointer (&err, g_free);
  /* The word after --blanks is its value only where nothing else can be. */
  g_assert_cmpint (run_cli (NULL, &err, "worksheet", "--blanks", "both", "extra", "--output", pdf,
                            NULL), ==, 2);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (key, G_FILE_TEST_EXISTS));

  g_assert_cmpint (run_cli (NULL, NULL, "worksheet", "--blanks", "formulas", "--answer-key", key,
                            "--output", pdf, NULL), ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (key, G_FILE_TEST_EXISTS));
  g_unlink (pdf);
  g_unlink (key);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  bpl_test_tmp_dir_new ("bpl-test-cli-XXXXXX");
  bpl_test_write_file ("worked.json", bpl_test_worked_json);
  bpl_test_write_file ("two-samples.json", two_samples_json);
  bpl_test_write_file ("broken.json", broken_json);
  bpl_test_write_file ("not-json.json", not_json);
  bpl_test_write_file ("bad-activation.json", bad_activation_json);
  bpl_test_write_file ("overflow.json", overflow_json);

  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/bad-network", test_bad_network);
  g_test_add_func ("/cli/forward/text", test_forward_text);
  g_test_add_func ("/cli/forward/json", test_forward_json);
  g_test_add_func ("/cli/forward/sample", test_forward_sample);
  g_test_add_func ("/cli/forward/json-large", test_forward_json_large);
  g_test_add_func ("/cli/forward/write-error", test_write_error);
  g_test_add_func ("/cli/explain/w3-text", test_explain_w3_text);
  g_test_add_func ("/cli/explain/formats", test_explain_formats);
  g_test_add_func ("/cli/explain/digits", test_explain_digits);
  g_test_add_func ("/cli/explain/fixed-bias", test_explain_fixed_bias);
  g_test_add_func ("/cli/explain/w3-json", test_explain_w3_json);
  g_test_add_func ("/cli/explain/b1-json", test_explain_bias_json);
  g_test_add_func ("/cli/explain/network-file", test_explain_network_file);
  g_test_add_func ("/cli/explain/truncated", test_explain_truncated);
  g_test_add_func ("/cli/explain/paths", test_explain_paths);
  g_test_add_func ("/cli/explain/usage", test_explain_usage);
  g_test_add_func ("/cli/explain/unknown-param-message", test_explain_unknown_param_message);
  g_test_add_func ("/cli/train/one-step-json", test_train_one_step_json);
  g_test_add_func ("/cli/train/text", test_train_text);
  g_test_add_func ("/cli/train/update-order", test_train_update_order);
  g_test_add_func ("/cli/train/output", test_train_output);
  g_test_add_func ("/cli/train/refused", test_train_refused);
  g_test_add_func ("/cli/train/usage", test_train_usage);
  g_test_add_func ("/cli/validate/good", test_validate_good);
  g_test_add_func ("/cli/validate/bad", test_validate_bad);
  g_test_add_func ("/cli/validate/unknown-name-message", test_validate_unknown_name_message);
  g_test_add_func ("/cli/validate/lesson", test_validate_lesson);
  g_test_add_func ("/cli/worksheet/usage", test_worksheet_usage);

  status = g_test_run ();
  bpl_test_tmp_dir_remove ();
  return status;
}

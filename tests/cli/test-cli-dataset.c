/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-dataset.c: runs the built backprop-lens-cli's `dataset` command
 * as a user would (generated data, CSV import, a given network, every bad
 * input and usage), and the test error that `train` and `forward` report.
 * Expected files and numbers come from the core doing the same in this
 * process. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "backprop-lens.h"
#include "test-util.h"

#define run_cli(out, err, ...) bpl_test_run (BPL_CLI_PATH, out, err, __VA_ARGS__)
#define NAMES(...) ((const char *const[]) { __VA_ARGS__, NULL })

#define assert_contains(haystack, needle)                                                  \
  G_STMT_START                                                                             \
  {                                                                                        \
    if (strstr ((haystack), (needle)) == NULL)                                             \
      g_error ("expected “%s” in:\n%s", (needle), (haystack));                            \
  }                                                                                        \
  G_STMT_END

static const char iris_csv[] =
  "sepal_length,sepal_width,petal_length,species\n"
  "5.1,3.5,1.4,setosa\n"
  "7.0,3.2,4.7,versicolor\n"
  "6.3,3.3,6.0,virginica\n"
  "4.9,3.0,1.4,setosa\n"
  "6.4,3.2,4.5,versicolor\n"
  "5.8,2.7,5.1,virginica\n"
  "5.0,3.6,1.4,setosa\n"
  "5.7,2.8,4.1,versicolor\n";

static BplNetwork *
load (const char *path)
{
  g_autoptr (GError) error = NULL;
  BplNetwork *network = bpl_network_load_from_file (path, &error);

  g_assert_no_error (error);
  return network;
}

static char *
read_text (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *help = NULL;
  const char *const options[] = { "--kind", "--points", "--noise", "--csv", "--inputs", "--targets", "--one-hot",
                                  "--test-fraction", "--seed", "--network", "--output", "--format", NULL };

  g_assert_cmpint (run_cli (&out, NULL, "--help", NULL), ==, 0);
  assert_contains (out, "dataset");
  g_assert_cmpint (run_cli (&help, NULL, "dataset", "--help", NULL), ==, 0);
  assert_contains (help, "Usage:");
  assert_contains (help, "backprop-lens-cli dataset");
  for (guint i = 0; options[i] != NULL; i++)
    assert_contains (help, options[i]);
}

/* The file the CLI writes is the core's data set in the core's new
 * network, bit for bit. */
static void
test_generate (void)
{
  g_autofree char *path = bpl_test_tmp_path ("spiral.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (BplNetwork) written = NULL;
  g_autoptr (BplNetwork) expected = NULL;
  g_autoptr (BplDataset) dataset = NULL;
  g_autoptr (GError) error = NULL;
  BplDatasetOptions options;

  g_assert_cmpint (run_cli (&out, &err, "dataset", "--kind", "spiral", "--points", "300", "--noise", "0.1",
                            "--test-fraction", "0.2", "--seed", "5", "--output", path, NULL),
                   ==, 0);
  g_assert_cmpstr (err, ==, "");
  assert_contains (out, "240 training and 60 test samples of spiral data (noise 0.1, seed 5)");
  assert_contains (out, "Inputs: i1 = x, i2 = y");
  assert_contains (out, "a new 2-4-4-1 network");

  bpl_dataset_options_init (&options);
  options.kind = BPL_DATASET_SPIRAL;
  options.n_points = 300;
  options.noise = 0.1;
  options.test_fraction = 0.2;
  options.seed = 5;
  dataset = bpl_dataset_generate (&options, &error);
  g_assert_no_error (error);
  expected = bpl_dataset_new_network (dataset, 5, &error);
  g_assert_no_error (error);
  written = load (path);
  g_assert_cmpuint (bpl_network_get_n_samples (written), ==, 240);
  g_assert_cmpuint (bpl_network_get_n_test_samples (written), ==, 60);
  g_assert_true (bpl_network_equal (written, expected));
}

static void
test_reproducible (void)
{
  g_autofree char *a = bpl_test_tmp_path ("a.json");
  g_autofree char *b = bpl_test_tmp_path ("b.json");
  g_autofree char *c = bpl_test_tmp_path ("c.json");
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;
  g_autofree char *text_c = NULL;

  g_assert_cmpint (run_cli (NULL, NULL, "dataset", "--kind", "gauss", "--noise", "0.5", "--test-fraction", "0.3",
                            "--output", a, NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "dataset", "--kind", "gauss", "--noise", "0.5", "--test-fraction", "0.3",
                            "--seed", "1", "--output", b, NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "dataset", "--kind", "gauss", "--noise", "0.5", "--test-fraction", "0.3",
                            "--seed", "2", "--output", c, NULL), ==, 0);
  text_a = read_text (a);
  text_b = read_text (b);
  text_c = read_text (c);
  /* The default seed is 1. */
  g_assert_cmpstr (text_a, ==, text_b);
  g_assert_cmpstr (text_a, !=, text_c);
}

static void
test_every_kind (void)
{
  const char *const kinds[] = { "circle", "xor", "gauss", "spiral", "plane", "sine" };
  const char *const losses[] = { "cross-entropy", "cross-entropy", "cross-entropy", "cross-entropy",
                                 "squared-error", "squared-error" };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *name = g_strdup_printf ("%s.json", kinds[k]);
      g_autofree char *path = bpl_test_tmp_path (name);
      g_autofree char *out = NULL;
      g_autoptr (JsonObject) report = NULL;
      g_autoptr (BplNetwork) net = NULL;
      JsonArray *layers;

      g_assert_cmpint (run_cli (&out, NULL, "dataset", "--kind", kinds[k], "--points", "40", "--format", "json",
                                "--test-fraction", "0.25", "--output", path, NULL),
                       ==, 0);
      report = bpl_test_parse_object (out);
      g_assert_cmpstr (json_object_get_string_member (report, "output"), ==, path);
      g_assert_cmpstr (json_object_get_string_member (report, "kind"), ==, kinds[k]);
      g_assert_true (json_object_get_null_member (report, "csv"));
      g_assert_true (json_object_get_null_member (report, "network"));
      g_assert_cmpint (json_object_get_int_member (report, "samples"), ==, 30);
      g_assert_cmpint (json_object_get_int_member (report, "test_samples"), ==, 10);
      g_assert_cmpint (json_object_get_int_member (report, "seed"), ==, 1);
      g_assert_cmpint (json_object_get_boolean_member (report, "classification"), ==, k < 4);
      layers = json_object_get_array_member (report, "layers");
      g_assert_cmpint (json_array_get_int_element (layers, 0), ==, k == 5 ? 1 : 2);
      g_assert_cmpint (json_array_get_int_element (layers, 3), ==, 1);

      net = load (path);
      g_assert_cmpstr (bpl_loss_to_string (bpl_network_get_loss (net)), ==, losses[k]);
      g_assert_cmpuint (bpl_network_get_n_inputs (net), ==, k == 5 ? 1 : 2);
    }
}

/* --network keeps the network and replaces its samples; two outputs take
 * the classes one-hot; a network that does not fit is refused. */
static void
test_network (void)
{
  g_autofree char *xor_path = g_build_filename (g_getenv ("BPL_SOURCE_ROOT"), "data", "networks", "xor.json", NULL);
  g_autofree char *worked_path = bpl_test_tmp_path ("worked.json");
  g_autofree char *out_path = bpl_test_tmp_path ("xor-data.json");
  g_autofree char *hot_path = bpl_test_tmp_path ("hot.json");
  g_autofree char *refused_path = bpl_test_tmp_path ("refused.json");
  g_autofree char *before = read_text (xor_path);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (BplNetwork) xor = load (xor_path);
  g_autoptr (BplNetwork) written = NULL;
  g_autoptr (BplNetwork) hot = NULL;

  g_assert_cmpint (run_cli (&out, NULL, "dataset", "--kind", "xor", "--points", "50", "--test-fraction", "0.2",
                            "--network", xor_path, "--output", out_path, NULL),
                   ==, 0);
  assert_contains (out, "Network: “XOR”, 2-3-1");
  written = load (out_path);
  g_assert_cmpuint (bpl_network_get_n_samples (written), ==, 40);
  g_assert_cmpuint (bpl_network_get_n_test_samples (written), ==, 10);
  g_assert_cmpmem (bpl_network_get_weights (written), sizeof (double) * 9, bpl_network_get_weights (xor),
                   sizeof (double) * 9);
  g_assert_cmpfloat (bpl_network_get_learning_rate (written), ==, 2);
  /* The --network file is not touched. */
  after = read_text (xor_path);
  g_assert_cmpstr (before, ==, after);

  bpl_test_write_file ("worked.json", bpl_test_worked_json);
  g_assert_cmpint (run_cli (&out, NULL, "dataset", "--kind", "circle", "--points", "10", "--network",
                            worked_path, "--output", hot_path, NULL),
                   ==, 0);
  hot = load (hot_path);
  for (guint s = 0; s < bpl_network_get_n_samples (hot); s++)
    {
      const double *t = bpl_network_get_target (hot, s);
      g_assert_cmpfloat (t[0] + t[1], ==, 1.0);
      g_assert_true (t[0] == 0.0 || t[0] == 1.0);
    }
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (&out, &err, "dataset", "--kind", "sine", "--network", xor_path, "--output",
                            refused_path, NULL),
                   ==, 1);
  assert_contains (err, "xor.json");
  assert_contains (err, "the data has 1 input and 1 target, but the network takes 2 inputs and gives 1 output");
  g_assert_cmpstr (out, ==, "");
  g_assert_false (g_file_test (refused_path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);

  /* One target asked for, two outputs given. */
  g_assert_cmpint (run_cli (NULL, &err, "dataset", "--kind", "circle", "--one-hot", "--network", xor_path,
                            "--output", refused_path, NULL),
                   ==, 1);
  assert_contains (err, "the data has 2 inputs and 2 targets, but the network takes 2 inputs and gives 1 output");
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (NULL, &err, "dataset", "--kind", "circle", "--network", "missing.json", "--output",
                            refused_path, NULL),
                   ==, 1);
  assert_contains (err, "missing.json");
  g_assert_false (g_file_test (refused_path, G_FILE_TEST_EXISTS));
}

static void
test_csv (void)
{
  g_autofree char *csv = bpl_test_tmp_path ("iris.csv");
  g_autofree char *path = bpl_test_tmp_path ("iris.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (JsonObject) report = NULL;
  g_autoptr (BplNetwork) net = NULL;
  g_autoptr (BplDataset) expected = NULL;
  g_autoptr (GError) error = NULL;
  JsonArray *targets;

  bpl_test_write_file ("iris.csv", iris_csv);
  g_assert_cmpint (run_cli (&out, &err, "dataset", "--csv", csv, "--inputs", "sepal_length, sepal_width",
                            "--inputs", "petal_length", "--targets", "species", "--one-hot", "--test-fraction", "0.25",
                            "--seed", "3", "--format", "json", "--output", path, NULL),
                   ==, 0);
  g_assert_cmpstr (err, ==, "");
  report = bpl_test_parse_object (out);
  g_assert_cmpstr (json_object_get_string_member (report, "csv"), ==, csv);
  g_assert_true (json_object_get_null_member (report, "kind"));
  g_assert_cmpint (json_object_get_int_member (report, "samples"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (report, "test_samples"), ==, 2);
  targets = json_object_get_array_member (report, "targets");
  g_assert_cmpuint (json_array_get_length (targets), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (targets, 0), ==, "setosa");
  g_assert_cmpstr (json_array_get_string_element (targets, 2), ==, "virginica");

  expected = bpl_csv_import (iris_csv, strlen (iris_csv), "iris.csv",
                             NAMES ("sepal_length", "sepal_width", "petal_length"), NAMES ("species"), TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (bpl_dataset_split (expected, 0.25, 3, &error));
  net = load (path);
  g_assert_cmpstr (bpl_network_get_name (net), ==, "iris");
  g_assert_cmpuint (bpl_network_get_n_inputs (net), ==, 3);
  g_assert_cmpuint (bpl_network_get_n_outputs (net), ==, 3);
  g_assert_cmpmem (bpl_network_get_input (net, 0), sizeof (double) * 18, expected->inputs, sizeof (double) * 18);
  g_assert_cmpmem (bpl_network_get_target (net, 0), sizeof (double) * 18, expected->targets, sizeof (double) * 18);
  g_assert_cmpmem (bpl_network_get_test_input (net, 0), sizeof (double) * 6, expected->test_inputs,
                   sizeof (double) * 6);
  g_clear_pointer (&out, g_free);

  /* Text names each output's class. */
  g_assert_cmpint (run_cli (&out, NULL, "dataset", "--csv", csv, "--inputs", "sepal_length", "--targets", "species",
                            "--one-hot", "--output", path, NULL),
                   ==, 0);
  assert_contains (out, "8 training and 0 test samples from");
  assert_contains (out, "Outputs: o1 = setosa, o2 = versicolor, o3 = virginica (one-hot classes)");
  assert_contains (out, "Inputs: i1 = sepal_length");
  g_clear_pointer (&out, g_free);

  /* Numeric targets: a linear network. */
  g_assert_cmpint (run_cli (&out, NULL, "dataset", "--csv", csv, "--inputs", "sepal_length", "--targets",
                            "petal_length", "--output", path, NULL),
                   ==, 0);
  g_clear_pointer (&net, bpl_network_free);
  net = load (path);
  g_assert_cmpint (bpl_network_get_activation (net, 3), ==, BPL_ACTIVATION_LINEAR);
  g_assert_cmpfloat (bpl_network_get_target (net, 1)[0], ==, 4.7);
}

/* Every bad CSV: exit 1, the file, line and column on stderr, nothing on
 * stdout, no file written. */
static void
test_csv_errors (void)
{
  const struct { const char *text; const char *message; } cases[] = {
    { "", "bad.csv: the file is empty" },
    { "a,b\n1,\"2\n3,4\n", "bad.csv: line 2, column 2 (b): the quoted field that starts here is never closed" },
    { "a,b\n1,2\n3\n", "bad.csv: line 3, column 2 (b): missing: this row has 1 field, the header 2" },
    { "a,b\n1,2\n3,x\n", "bad.csv: line 3, column 2 (b): “x” is not a number" },
    { "a,b\n1,2\nnan,4\n", "bad.csv: line 3, column 1 (a): “nan” is not a finite number" },
    { "a,c\n1,2\n", "bad.csv: line 1: no column “b” in the header; its columns are a, c" },
  };
  g_autofree char *csv = bpl_test_tmp_path ("bad.csv");
  g_autofree char *path = bpl_test_tmp_path ("bad.json");

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      bpl_test_write_file ("bad.csv", cases[c].text);
      g_assert_cmpint (run_cli (&out, &err, "dataset", "--csv", csv, "--inputs", "a", "--targets", "b", "--output",
                                path, NULL),
                       ==, 1);
      assert_contains (err, cases[c].message);
      g_assert_cmpstr (out, ==, "");
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }

  /* A file too short for its test fraction, and a missing file. */
  {
    g_autofree char *err = NULL;
    bpl_test_write_file ("bad.csv", "a,b\n1,2\n");
    g_assert_cmpint (run_cli (NULL, &err, "dataset", "--csv", csv, "--inputs", "a", "--targets", "b",
                              "--test-fraction", "0.5", "--output", path, NULL),
                     ==, 1);
    assert_contains (err, "bad.csv: a test fraction of 0.5 of 1 point leaves no point to train on");
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (NULL, &err, "dataset", "--csv", "no-such.csv", "--inputs", "a", "--targets", "b",
                              "--output", path, NULL),
                     ==, 1);
    assert_contains (err, "no-such.csv");
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
}

static void
test_usage (void)
{
  const char *const bad[][16] = {
    { "dataset", "--output", "x.json" },
    { "dataset", "--kind", "circle", "--csv", "a.csv", "--output", "x.json" },
    { "dataset", "--kind", "circle" },
    { "dataset", "--kind", "moons", "--output", "x.json" },
    { "dataset", "--kind", "circle", "--points", "0", "--output", "x.json" },
    { "dataset", "--kind", "circle", "--points", "4097", "--output", "x.json" },
    { "dataset", "--kind", "circle", "--points", "many", "--output", "x.json" },
    { "dataset", "--kind", "circle", "--noise", "1.5", "--output", "x.json" },
    { "dataset", "--kind", "circle", "--noise", "-0.1", "--output", "x.json" },
    { "dataset", "--kind", "circle", "--noise", "nan", "--output", "x.json" },
    { "dataset", "--kind", "circle", "--noise", "0.1x", "--output", "x.json" },
    { "dataset", "--kind", "circle", "--test-fraction", "1", "--output", "x.json" },
    { "dataset", "--kind", "circle", "--test-fraction", "-0.2", "--output", "x.json" },
    { "dataset", "--kind", "circle", "--points", "1", "--test-fraction", "0.5", "--output", "x.json" },
    { "dataset", "--kind", "circle", "--seed", "-1", "--output", "x.json" },
    { "dataset", "--kind", "circle", "--inputs", "a", "--output", "x.json" },
    { "dataset", "--kind", "plane", "--one-hot", "--output", "x.json" },
    { "dataset", "--kind", "circle", "--format", "xml", "--output", "x.json" },
    { "dataset", "--kind", "circle", "--output", "x.json", "extra" },
    { "dataset", "--csv", "a.csv", "--targets", "b", "--output", "x.json" },
    { "dataset", "--csv", "a.csv", "--inputs", "a", "--output", "x.json" },
    { "dataset", "--csv", "a.csv", "--inputs", "a,,c", "--targets", "b", "--output", "x.json" },
    { "dataset", "--csv", "a.csv", "--inputs", "a,b", "--targets", "b", "--output", "x.json" },
    { "dataset", "--csv", "a.csv", "--inputs", "a", "--targets", "b,c", "--one-hot", "--output", "x.json" },
    { "dataset", "--csv", "a.csv", "--inputs", "a", "--targets", "b", "--points", "5", "--output", "x.json" },
    { "dataset", "--csv", "a.csv", "--inputs", "a", "--targets", "b", "--noise", "0", "--output", "x.json" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (bad); c++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = bpl_test_run_argv ((const char *const[]) { BPL_CLI_PATH, bad[c][0], bad[c][1], bad[c][2],
                                                              bad[c][3], bad[c][4], bad[c][5], bad[c][6], bad[c][7],
                                                              bad[c][8], bad[c][9], bad[c][10], bad[c][11], NULL },
                                      &out, &err);
      if (status != 2)
        g_error ("case %u (%s %s %s …): exit %d, expected 2; stderr: %s", c, bad[c][1], bad[c][2], bad[c][3], status,
                 err);
      assert_contains (err, "backprop-lens-cli dataset");
      g_assert_cmpstr (out, ==, "");
    }
  g_assert_false (g_file_test ("x.json", G_FILE_TEST_EXISTS));
}

static void
test_unwritable_output (void)
{
  g_autofree char *path = bpl_test_tmp_path ("no-such-folder/out.json");
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (&out, &err, "dataset", "--kind", "xor", "--output", path, NULL), ==, 1);
  assert_contains (err, "out.json");
  g_assert_cmpstr (out, ==, "");
}

/* `train` and `forward` report the test error of a network with test
 * samples, as the core computes it, and null without them. */
static void
test_train_and_forward_test_error (void)
{
  g_autofree char *path = bpl_test_tmp_path ("circle-test.json");
  g_autofree char *out = NULL;
  g_autoptr (JsonObject) report = NULL;
  g_autoptr (BplNetwork) net = NULL;
  g_autoptr (BplForward) scratch = NULL;
  g_autoptr (BplTrainer) trainer = NULL;
  g_autoptr (GError) error = NULL;
  double initial;

  g_assert_cmpint (run_cli (NULL, NULL, "dataset", "--kind", "circle", "--points", "60", "--test-fraction", "0.25",
                            "--output", path, NULL),
                   ==, 0);
  net = load (path);
  scratch = bpl_forward_new (net);
  trainer = bpl_trainer_new (net);
  initial = bpl_network_mean_test_error (net, scratch);

  g_assert_cmpint (run_cli (&out, NULL, "forward", "--network", path, "--format", "json", NULL), ==, 0);
  report = bpl_test_parse_object (out);
  g_assert_cmpfloat (json_object_get_double_member (report, "test_error"), ==, initial);
  g_clear_pointer (&report, json_object_unref);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (&out, NULL, "forward", "--network", path, NULL), ==, 0);
  assert_contains (out, "Test error (mean E_total over 15 test samples) = ");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (&out, NULL, "train", "--network", path, "--steps", "500", "--format", "json", NULL), ==, 0);
  report = bpl_test_parse_object (out);
  g_assert_true (bpl_trainer_train (trainer, net, 500, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (json_object_get_double_member (report, "initial_test_error"), ==, initial);
  g_assert_cmpfloat (json_object_get_double_member (report, "test_error"), ==,
                     bpl_network_mean_test_error (net, scratch));
  g_assert_cmpfloat (json_object_get_double_member (report, "test_error"), !=, initial);
  g_clear_pointer (&report, json_object_unref);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (&out, NULL, "train", "--network", path, "--steps", "1", NULL), ==, 0);
  assert_contains (out, "Test error (mean over 15 test samples): ");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (&out, NULL, "validate", path, NULL), ==, 0);
  assert_contains (out, ": valid (layers [2, 4, 4, 1], 28 weights, 9 biases, 45 samples, 15 test samples)\n");
  g_clear_pointer (&out, g_free);

  /* Without test samples: null, and no line. */
  g_assert_cmpint (run_cli (&out, NULL, "train", "--steps", "1", "--format", "json", NULL), ==, 0);
  report = bpl_test_parse_object (out);
  g_assert_true (json_object_get_null_member (report, "test_error"));
  g_assert_true (json_object_get_null_member (report, "initial_test_error"));
  g_clear_pointer (&report, json_object_unref);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "forward", "--format", "json", NULL), ==, 0);
  report = bpl_test_parse_object (out);
  g_assert_true (json_object_get_null_member (report, "test_error"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "train", "--steps", "1", NULL), ==, 0);
  g_assert_null (strstr (out, "Test error"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "forward", NULL), ==, 0);
  g_assert_null (strstr (out, "Test error"));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  bpl_test_tmp_dir_new ("bpl-test-cli-dataset-XXXXXX");

  g_test_add_func ("/cli/dataset/help", test_help);
  g_test_add_func ("/cli/dataset/generate", test_generate);
  g_test_add_func ("/cli/dataset/reproducible", test_reproducible);
  g_test_add_func ("/cli/dataset/every-kind", test_every_kind);
  g_test_add_func ("/cli/dataset/network", test_network);
  g_test_add_func ("/cli/dataset/csv", test_csv);
  g_test_add_func ("/cli/dataset/csv-errors", test_csv_errors);
  g_test_add_func ("/cli/dataset/usage", test_usage);
  g_test_add_func ("/cli/dataset/unwritable-output", test_unwritable_output);
  g_test_add_func ("/cli/test-error", test_train_and_forward_test_error);

  status = g_test_run ();
  bpl_test_tmp_dir_remove ();
  return status;
}

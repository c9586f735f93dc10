/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-test-samples.c: test samples beside the samples: the API, copy and
 * equality, the checks, the file's "test_samples" (exact round trip, every
 * refusal naming the field), the test error, and that training never reads
 * them. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "backprop-lens.h"
#include "test-util.h"

/* The worked example with two test samples. */
static BplNetwork *
worked_with_tests (void)
{
  static const double in[] = { 0.2, 0.3, -1.0, 0.5 };
  static const double out[] = { 0.1, 0.9, 0.6, 0.4 };
  BplNetwork *net = bpl_network_new_worked_example ();

  bpl_network_set_test_samples (net, in, out, 2);
  return net;
}

static void
test_api (void)
{
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  g_autoptr (BplNetwork) copy = NULL;
  const double in[] = { 1.5, -2.5 }, out[] = { 0.25, 0.75 };
  const double in2[] = { 3, 4 }, out2[] = { 0, 1 };

  g_assert_cmpuint (bpl_network_get_n_test_samples (net), ==, 0);
  g_assert_cmpuint (bpl_network_add_test_sample (net, in, out), ==, 0);
  g_assert_cmpuint (bpl_network_add_test_sample (net, in2, out2), ==, 1);
  g_assert_cmpuint (bpl_network_get_n_test_samples (net), ==, 2);
  g_assert_cmpfloat (bpl_network_get_test_input (net, 0)[1], ==, -2.5);
  g_assert_cmpfloat (bpl_network_get_test_target (net, 1)[1], ==, 1.0);
  /* The samples are not touched. */
  g_assert_cmpuint (bpl_network_get_n_samples (net), ==, 1);
  g_assert_cmpfloat (bpl_network_get_input (net, 0)[0], ==, 0.05);

  bpl_network_set_test_input (net, 1, 0, 7.0);
  bpl_network_set_test_target (net, 1, 0, 0.5);
  g_assert_cmpfloat (bpl_network_get_test_input (net, 1)[0], ==, 7.0);
  g_assert_cmpfloat (bpl_network_get_test_target (net, 1)[0], ==, 0.5);

  /* Copies carry them; equality compares them. */
  copy = bpl_network_copy (net);
  g_assert_cmpuint (bpl_network_get_n_test_samples (copy), ==, 2);
  g_assert_true (bpl_network_equal (net, copy));
  bpl_network_set_test_target (copy, 0, 0, 0.26);
  g_assert_false (bpl_network_equal (net, copy));
  bpl_network_set_test_target (copy, 0, 0, 0.25);
  g_assert_true (bpl_network_equal (net, copy));
  bpl_network_remove_test_sample (copy, 0);
  g_assert_false (bpl_network_equal (net, copy));
  g_assert_cmpuint (bpl_network_get_n_test_samples (copy), ==, 1);
  g_assert_cmpfloat (bpl_network_get_test_input (copy, 0)[0], ==, 7.0);
  bpl_network_remove_test_sample (copy, 0);
  g_assert_cmpuint (bpl_network_get_n_test_samples (copy), ==, 0);

  /* Replacing all of them, from the network's own arrays too. */
  bpl_network_set_test_samples (net, bpl_network_get_test_input (net, 1), bpl_network_get_test_target (net, 1), 1);
  g_assert_cmpuint (bpl_network_get_n_test_samples (net), ==, 1);
  g_assert_cmpfloat (bpl_network_get_test_input (net, 0)[0], ==, 7.0);
  bpl_network_set_test_samples (net, NULL, NULL, 0);
  g_assert_cmpuint (bpl_network_get_n_test_samples (net), ==, 0);
}

static void
test_set_samples (void)
{
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  const double in[] = { 1, 2, 3, 4, 5, 6 }, out[] = { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6 };

  bpl_network_set_samples (net, in, out, 3);
  g_assert_cmpuint (bpl_network_get_n_samples (net), ==, 3);
  g_assert_cmpfloat (bpl_network_get_input (net, 2)[1], ==, 6);
  g_assert_cmpfloat (bpl_network_get_target (net, 1)[0], ==, 0.3);
  g_assert_true (bpl_network_check (net, NULL));
}

static void
test_check (void)
{
  g_autoptr (BplNetwork) net = worked_with_tests ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_strdup (bpl_test_tmp_dir_new ("bpl-test-test-samples-XXXXXX"));
  g_autofree char *path = bpl_test_tmp_path ("nan.json");

  g_assert_true (bpl_network_check (net, &error));
  g_assert_no_error (error);

  bpl_network_set_test_input (net, 1, 0, NAN);
  g_assert_false (bpl_network_check (net, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_NOT_FINITE);
  g_assert_cmpstr (error->message, ==, "test sample 2: input 1 is NaN, not a finite number");
  g_clear_error (&error);

  /* Not saved either. */
  g_assert_false (bpl_network_save_to_file (net, path, &error));
  g_assert_nonnull (strstr (error->message, "test sample 2"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  bpl_network_set_test_input (net, 1, 0, 0.0);
  bpl_network_set_test_target (net, 0, 1, 2e9);
  g_assert_false (bpl_network_check (net, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
  g_assert_cmpstr (error->message, ==, "test sample 1: target 2 is 2e+09, beyond the ±1e+09 a network may hold");
  g_clear_error (&error);

  /* What a sample must satisfy, a test sample must too. */
  bpl_network_set_test_target (net, 0, 1, 1.5);
  g_assert_true (bpl_network_check (net, NULL));
  bpl_network_set_loss (net, BPL_LOSS_CROSS_ENTROPY);
  g_assert_false (bpl_network_check (net, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "test_samples: "));
  g_assert_nonnull (strstr (error->message, "1.5"));
  g_assert_nonnull (strstr (error->message, "cross-entropy"));

  bpl_test_tmp_dir_remove ();
}

static BplNetwork *
load (const char *text, GError **error)
{
  return bpl_network_load_from_data (text, strlen (text), "data.json", error);
}

static void
test_file_round_trip (void)
{
  static const double awkward[] = { 0.1, 1.0 / 3, -0.0, 1e-300, 1e9, -1e9, 5e-324, 0.30000000000000004 };
  g_autoptr (BplNetwork) net = worked_with_tests ();
  g_autoptr (BplNetwork) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (awkward); i++)
    {
      double in[2] = { awkward[i], -awkward[i] }, out[2] = { awkward[i], 0.5 };
      bpl_network_add_test_sample (net, in, out);
    }
  text = bpl_network_to_data (net, NULL);
  g_assert_nonnull (strstr (text, "\"test_samples\": [\n    { \"input\": [0.2, 0.3], \"target\": [0.1, 0.9] },"));
  back = load (text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bpl_network_get_n_test_samples (back), ==, 2 + G_N_ELEMENTS (awkward));
  g_assert_true (bpl_network_equal (net, back));
  /* −0 keeps its sign: equal compares bits. */
  g_assert_true (signbit (bpl_network_get_test_input (back, 4)[0]));
  again = bpl_network_to_data (back, NULL);
  g_assert_cmpstr (text, ==, again);
}

/* A network without test samples is written as before: no new key. */
static void
test_file_absent_and_empty (void)
{
  g_autoptr (BplNetwork) worked = bpl_network_new_worked_example ();
  g_autoptr (BplNetwork) net = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = bpl_network_to_data (worked, NULL);
  g_autofree char *empty = NULL;

  g_assert_null (strstr (text, "test_samples"));
  net = load (bpl_test_worked_json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bpl_network_get_n_test_samples (net), ==, 0);
  g_clear_pointer (&net, bpl_network_free);

  /* An empty array is none. */
  {
    const char *end = strrchr (bpl_test_worked_json, '}');
    empty = g_strdup_printf ("%.*s, \"test_samples\": [] }", (int) (end - bpl_test_worked_json),
                             bpl_test_worked_json);
  }
  net = load (empty, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bpl_network_get_n_test_samples (net), ==, 0);
  g_assert_true (bpl_network_equal (net, worked));
}

/* The worked example with "test_samples": @value (JSON text). */
static char *
with_test_samples (const char *value)
{
  const char *end = strrchr (bpl_test_worked_json, '}');

  return g_strdup_printf ("%.*s, \"test_samples\": %s }", (int) (end - bpl_test_worked_json), bpl_test_worked_json,
                          value);
}

static void
test_file_refused (void)
{
  const struct { const char *value; BplError code; const char *message; } cases[] = {
    { "{}", BPL_ERROR_FORMAT, "data.json: test_samples: expected an array of {\"input\": […], \"target\": […]}, "
                              "found an object" },
    { "[1]", BPL_ERROR_FORMAT, "data.json: test_samples[0]: expected {\"input\": […], \"target\": […]}, found "
                               "a number" },
    { "[{ \"input\": [1], \"target\": [0, 1] }]", BPL_ERROR_FORMAT,
      "data.json: test_samples[0].input: layers [2, 2, 2] need 2 input values, found 1" },
    { "[{ \"input\": [1, 2] }]", BPL_ERROR_FORMAT,
      "data.json: test_samples[0].target: expected an array of numbers, found null" },
    { "[{ \"input\": [1, 2], \"target\": [0, \"x\"] }]", BPL_ERROR_FORMAT,
      "data.json: test_samples[0].target[1]: expected a number, found a string" },
    { "[{ \"input\": [1, 2], \"target\": [0, 1] }, { \"input\": [1e10, 2], \"target\": [0, 1] }]",
      BPL_ERROR_LIMIT, "data.json: test_samples[1].input[0]: 1e+10 is outside the allowed range of ±1e+09" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *text = with_test_samples (cases[c].value);
      g_autoptr (GError) error = NULL;
      g_autoptr (BplNetwork) net = load (text, &error);

      g_assert_null (net);
      g_assert_error (error, BPL_ERROR, (gint) cases[c].code);
      g_assert_cmpstr (error->message, ==, cases[c].message);
    }

  /* A cross-entropy network refuses a test target outside [0, 1]. */
  {
    g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
    g_autoptr (GError) error = NULL;
    g_autoptr (BplNetwork) back = NULL;
    g_autofree char *text = NULL;
    char *at;
    const double in[] = { 0, 0 }, out[] = { 0.5, 0.75 };

    bpl_network_set_loss (net, BPL_LOSS_CROSS_ENTROPY);
    bpl_network_add_test_sample (net, in, out);
    text = bpl_network_to_data (net, NULL);
    at = strstr (text, "0.75");
    g_assert_nonnull (at);
    memcpy (at, "1.75", 4);
    back = load (text, &error);
    g_assert_null (back);
    g_assert_true (g_str_has_prefix (error->message, "data.json: test_samples: "));
    g_assert_nonnull (strstr (error->message, "cross-entropy"));
  }
}

static void
test_file_too_many (void)
{
  GString *many = g_string_new ("[");
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BplNetwork) net = NULL;

  for (guint s = 0; s <= BPL_MAX_SAMPLES; s++)
    g_string_append_printf (many, "%s{ \"input\": [0, 0], \"target\": [0, 0] }", s ? ", " : "");
  g_string_append_c (many, ']');
  text = with_test_samples (many->str);
  g_string_free (many, TRUE);
  net = load (text, &error);
  g_assert_null (net);
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
  g_assert_cmpstr (error->message, ==, "data.json: test_samples: a network holds at most 4096 test samples, found 4097");
}

/* The test error is the mean error over the test samples, computed as a
 * network whose samples they were would compute it. */
static void
test_mean_test_error (void)
{
  g_autoptr (BplNetwork) net = worked_with_tests ();
  g_autoptr (BplNetwork) as_samples = bpl_network_copy (net);
  g_autoptr (BplForward) forward = bpl_forward_new (net);
  g_autoptr (BplForward) expected = bpl_forward_new (net);
  double by_hand = 0;

  bpl_network_set_samples (as_samples, bpl_network_get_test_input (net, 0), bpl_network_get_test_target (net, 0), 2);
  for (guint s = 0; s < 2; s++)
    {
      bpl_forward_compute_test (forward, net, s);
      bpl_forward_compute (expected, as_samples, s);
      g_assert_cmpmem (forward->out, sizeof (double) * 6, expected->out, sizeof (double) * 6);
      g_assert_cmpfloat (forward->total_error, ==, expected->total_error);
      /* ½Σ(target − out)² by hand. */
      {
        double e = 0;
        for (guint o = 0; o < 2; o++)
          e += 0.5 * pow (bpl_network_get_test_target (net, s)[o] - forward->out[4 + o], 2);
        g_assert_cmpfloat_with_epsilon (forward->total_error, e, 1e-15);
        by_hand += e / 2;
      }
    }
  g_assert_cmpfloat (bpl_network_mean_test_error (net, forward), ==, bpl_network_mean_error (as_samples, expected));
  g_assert_cmpfloat_with_epsilon (bpl_network_mean_test_error (net, forward), by_hand, 1e-15);

  /* None: NaN. The sample's error is untouched by it. */
  bpl_network_set_test_samples (net, NULL, NULL, 0);
  g_assert_true (isnan (bpl_network_mean_test_error (net, forward)));
  g_assert_cmpfloat_with_epsilon (bpl_network_mean_error (net, forward), 0.29837110876, 1e-11);
}

/* Training reads the samples only: test samples change no step. */
static void
test_training_ignores_them (void)
{
  const BplTrainingMode modes[] = { BPL_TRAINING_ONLINE, BPL_TRAINING_BATCH };

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autoptr (BplNetwork) plain = bpl_network_new_worked_example ();
      g_autoptr (BplNetwork) with = worked_with_tests ();
      g_autoptr (BplTrainer) t1 = bpl_trainer_new (plain);
      g_autoptr (BplTrainer) t2 = bpl_trainer_new (with);
      g_autoptr (GError) error = NULL;
      const double in[] = { 1, -1 }, out[] = { 0.3, 0.7 };

      bpl_network_add_sample (plain, in, out);
      bpl_network_add_sample (with, in, out);
      bpl_network_set_training (plain, modes[m]);
      bpl_network_set_training (with, modes[m]);
      g_assert_true (bpl_trainer_train (t1, plain, 25, NULL, &error));
      g_assert_true (bpl_trainer_train (t2, with, 25, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpmem (bpl_network_get_weights (plain), sizeof (double) * 8, bpl_network_get_weights (with),
                       sizeof (double) * 8);
      g_assert_cmpuint (bpl_network_get_n_test_samples (with), ==, 2);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/test-samples/api", test_api);
  g_test_add_func ("/core/test-samples/set-samples", test_set_samples);
  g_test_add_func ("/core/test-samples/check", test_check);
  g_test_add_func ("/core/test-samples/file/round-trip", test_file_round_trip);
  g_test_add_func ("/core/test-samples/file/absent-and-empty", test_file_absent_and_empty);
  g_test_add_func ("/core/test-samples/file/refused", test_file_refused);
  g_test_add_func ("/core/test-samples/file/too-many", test_file_too_many);
  g_test_add_func ("/core/test-samples/mean-test-error", test_mean_test_error);
  g_test_add_func ("/core/test-samples/training-ignores-them", test_training_ignores_them);

  return g_test_run ();
}

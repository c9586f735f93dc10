/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-check.c: `backprop-lens-cli check` run as a teacher grading
 * homework would: text and JSON verdicts, the mistakes named, and the exit
 * status for right and wrong answers (0), bad files (1) and bad command
 * lines (2). Expected values come from the core in this process. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "backprop-lens.h"
#include "test-util.h"

#define run_cli(out, err, ...) bpl_test_run (BPL_CLI_PATH, out, err, __VA_ARGS__)

/* The worked example with a second sample. */
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

#define assert_contains(haystack, needle)                                       \
  G_STMT_START                                                                  \
  {                                                                             \
    if (strstr ((haystack), (needle)) == NULL)                                  \
      g_error ("expected “%s” in:\n%s", (needle), (haystack));                 \
  }                                                                             \
  G_STMT_END

static double
core_value (const BplNetwork *network, BplParam param, guint sample, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BplCheck) check = bpl_check_new (network, param, sample, &error);
  const BplCheckQuantity *q;

  g_assert_no_error (error);
  q = bpl_check_lookup (check, name, &error);
  g_assert_no_error (error);
  return q->value;
}

static void
test_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *help = NULL;

  g_assert_cmpint (run_cli (&out, NULL, "--help", NULL), ==, 0);
  assert_contains (out, "check");
  g_assert_cmpint (run_cli (&help, NULL, "check", "--help", NULL), ==, 0);
  assert_contains (help, "NAME=VALUE");
  assert_contains (help, "--select");
  assert_contains (help, "--min-digits");
  assert_contains (help, "output-for-derivative");
  assert_contains (help, "dout_h2/dnet_h2");
}

/* One line an answer: ✓ or ✗, the name as explain prints it, what was
 * typed and, when wrong, the mistake and its diagnosis. */
static void
test_text (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_cmpint (run_cli (&out, &err, "check", "--select", "w3", "dout_h2/dnet_h2=0.2406",
                            "dout_h2/dnet_h2=0.5969", "dE_total/dw3 = 0.00074980", "w3+=0.249502", "delta_h2=0.00995",
                            NULL),
                   ==, 0);
  g_assert_cmpstr (err, ==, "");
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_cmpstr (lines[0], ==, "✓ ∂out_h2/∂net_h2 = 0.2406");
  g_assert_cmpstr (lines[1], ==, "✗ ∂out_h2/∂net_h2 = 0.5969 (output-for-derivative): You typed out_h2 = 0.5969; "
                                 "∂out_h2/∂net_h2 is the sigmoid’s derivative out_h2(1 - out_h2) = 0.2406.");
  g_assert_true (g_str_has_prefix (lines[2], "✗ ∂E_total/∂w3 = 0.00074980 (missing-path): "));
  assert_contains (lines[2], "leaves ∂E_o2/∂w3 = -0.00025209 out of the sum");
  g_assert_true (g_str_has_prefix (lines[3], "✗ w3⁺ = 0.249502 (learning-rate): "));
  assert_contains (lines[3], "without η = 0.5");
  g_assert_cmpstr (lines[4], ==, "✓ δ_h2 = 0.00995");
  g_assert_cmpstr (lines[5], ==, "");
}

static void
test_json (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  BplParam w3 = { BPL_PARAM_WEIGHT, 2 };
  g_autofree char *out = NULL;
  g_autoptr (JsonObject) root = NULL;
  JsonArray *answers;
  JsonObject *right;
  JsonObject *wrong;

  g_assert_cmpint (run_cli (&out, NULL, "check", "--select", "w3", "--format", "json", "w3⁺=0.2498",
                            "dE_o1/dout_o1=-0.7414", NULL),
                   ==, 0);
  root = bpl_test_parse_object (out);
  g_assert_cmpstr (json_object_get_string_member (root, "parameter"), ==, "w3");
  g_assert_cmpint (json_object_get_int_member (root, "sample"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "correct"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "total"), ==, 2);
  answers = json_object_get_array_member (root, "answers");
  g_assert_cmpuint (json_array_get_length (answers), ==, 2);

  right = json_array_get_object_element (answers, 0);
  g_assert_cmpstr (json_object_get_string_member (right, "name"), ==, "w3⁺");
  g_assert_cmpfloat (json_object_get_double_member (right, "given"), ==, 0.2498);
  g_assert_cmpstr (json_object_get_string_member (right, "typed"), ==, "0.2498");
  /* Full precision, the core's own number. */
  g_assert_cmpfloat (json_object_get_double_member (right, "expected"), ==, core_value (network, w3, 0, "w3+"));
  g_assert_true (json_object_get_boolean_member (right, "correct"));
  g_assert_false (json_object_has_member (right, "mistake"));
  g_assert_false (json_object_has_member (right, "diagnosis"));

  wrong = json_array_get_object_element (answers, 1);
  g_assert_cmpstr (json_object_get_string_member (wrong, "name"), ==, "∂E_o1/∂out_o1");
  g_assert_cmpfloat (json_object_get_double_member (wrong, "given"), ==, -0.7414);
  g_assert_cmpfloat (json_object_get_double_member (wrong, "expected"), ==,
                     core_value (network, w3, 0, "dE_o1/dout_o1"));
  g_assert_false (json_object_get_boolean_member (wrong, "correct"));
  g_assert_cmpstr (json_object_get_string_member (wrong, "mistake"), ==, "sign-flipped");
  assert_contains (json_object_get_string_member (wrong, "diagnosis"), "target_o1 - out_o1");
}

/* --network, --sample: a value of the other sample is named as such. */
static void
test_network_and_sample (void)
{
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *answer = NULL;
  g_autoptr (BplNetwork) network = NULL;
  g_autoptr (GError) error = NULL;
  BplParam w3 = { BPL_PARAM_WEIGHT, 2 };
  char value[64];

  bpl_test_tmp_dir_new ("bpl-check-XXXXXX");
  bpl_test_write_file ("two.json", two_samples_json);
  path = bpl_test_tmp_path ("two.json");
  network = bpl_network_load_from_file (path, &error);
  g_assert_no_error (error);

  g_ascii_formatd (value, sizeof value, "%.6g", core_value (network, w3, 0, "dout_h2/dnet_h2"));
  answer = g_strdup_printf ("dout_h2/dnet_h2=%s", value);
  g_assert_cmpint (run_cli (&out, NULL, "check", "--network", path, "--sample", "2", "--select", "w3", answer, NULL),
                   ==, 0);
  assert_contains (out, "(wrong-sample)");
  assert_contains (out, "for sample 1; for sample 2, the one selected");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (&out, NULL, "check", "--network", path, "--sample", "1", "--select", "w3", answer, NULL),
                   ==, 0);
  g_assert_true (g_str_has_prefix (out, "✓ "));
  bpl_test_tmp_dir_remove ();
}

static void
test_min_digits (void)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (&out, NULL, "check", "--select", "w3", "dout_h2/dnet_h2=0.24", NULL), ==, 0);
  assert_contains (out, "(rounding): You typed 0.24, 2 significant digits; give at least 3");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, NULL, "check", "--select", "w3", "--min-digits", "2", "dout_h2/dnet_h2=0.24", NULL),
                   ==, 0);
  g_assert_cmpstr (out, ==, "✓ ∂out_h2/∂net_h2 = 0.24\n");
}

static void
assert_status (int expected, const char *needle, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) BPL_CLI_PATH);
  g_ptr_array_add (argv, (char *) "check");
  va_start (args, needle);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_cmpint (bpl_test_run_argv ((const char *const *) argv->pdata, &out, &err), ==, expected);
  /* Nothing judged when the command line or a file is bad. */
  g_assert_cmpstr (out, ==, "");
  assert_contains (err, "backprop-lens-cli check: ");
  assert_contains (err, needle);
}

static void
test_exit_status (void)
{
  g_autofree char *broken = NULL;

  /* Wrong answers are judged: status 0. */
  {
    g_autofree char *out = NULL;

    g_assert_cmpint (run_cli (&out, NULL, "check", "--select", "w3", "dout_h2/dnet_h2=0.9", NULL), ==, 0);
    assert_contains (out, "✗ ");
  }

  /* A bad command line: 2. */
  assert_status (2, "is not NAME=VALUE", "--select", "w3", "dout_h2/dnet_h2", NULL);
  assert_status (2, "“abc” is not a number", "--select", "w3", "dout_h2/dnet_h2=abc", NULL);
  assert_status (2, "not a comma", "--select", "w3", "w3+=0,2498", NULL);
  assert_status (2, "no name before", "--select", "w3", "=0.2", NULL);
  assert_status (2, "missing --select", "dout_h2/dnet_h2=0.2406", NULL);
  assert_status (2, "no answers", "--select", "w3", NULL);
  assert_status (2, "unknown --format", "--select", "w3", "--format", "xml", "w3+=0.2498", NULL);
  assert_status (2, "--min-digits 0 is out of range", "--select", "w3", "--min-digits", "0", "w3+=0.2498", NULL);
  /* An unknown name lists the names there are. */
  assert_status (2, "“out_h2” is not worked out for w3 (sample 1); the names are: ∂E_total/∂w3, w3⁺, δ_o1, δ_o2, "
                 "δ_h2, ∂net_h2/∂w3, ", "--select", "w3", "out_h2=0.5969", NULL);
  assert_status (2, "∂E_o1/∂w3, ∂E_o2/∂w3. In ASCII", "--select", "w3", "out_h2=0.5969", NULL);
  /* A typing slip is found before any file is read. */
  assert_status (2, "is not NAME=VALUE", "--network", "/nonexistent/net.json", "--select", "w3", "x", NULL);

  /* A bad file, sample or parameter: 1. */
  assert_status (1, "/nonexistent/net.json", "--network", "/nonexistent/net.json", "--select", "w3", "w3+=0.2",
                 NULL);
  bpl_test_tmp_dir_new ("bpl-check-XXXXXX");
  bpl_test_write_file ("broken.json", broken_json);
  broken = bpl_test_tmp_path ("broken.json");
  assert_status (1, "broken.json: weights", "--network", broken, "--select", "w3", "w3+=0.2", NULL);
  bpl_test_tmp_dir_remove ();
  assert_status (1, "--sample 2 is out of range", "--sample", "2", "--select", "w3", "w3+=0.2", NULL);
  assert_status (1, "--select: no parameter “w99”", "--select", "w99", "w3+=0.2", NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/check/help", test_help);
  g_test_add_func ("/cli/check/text", test_text);
  g_test_add_func ("/cli/check/json", test_json);
  g_test_add_func ("/cli/check/network-and-sample", test_network_and_sample);
  g_test_add_func ("/cli/check/min-digits", test_min_digits);
  g_test_add_func ("/cli/check/exit-status", test_exit_status);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-file.c: the network file. Round trips keep every value bit for bit;
 * every kind of broken input is refused with a BPL_ERROR whose message names
 * the file and the field; saving is atomic. */
#include "config.h"

#include <errno.h>
#include <float.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "backprop-lens.h"
#include "bpl-test-util.h"
#include "test-util.h"

static const char *tmp_dir;

/* The worked example, the file every refusal below breaks in one place. */
static const char *const good_json = bpl_test_worked_json;

/* good_json with member @name set to the JSON text @value, or removed when
 * @value is NULL. */
static char *
with_member (const char *name, const char *value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = json_from_string (good_json, &error);
  JsonObject *obj;

  g_assert_no_error (error);
  obj = json_node_get_object (root);
  if (value == NULL)
    json_object_remove_member (obj, name);
  else
    {
      JsonNode *node = json_from_string (value, &error);
      g_assert_no_error (error);
      json_object_set_member (obj, name, node);
    }
  return json_to_string (root, FALSE);
}

/* Loads @data as "broken.json" and checks the refusal: domain, code, and a
 * message that starts with the file name and names @field. */
static void
expect_refusal_len (const char *data, gsize length, BplError code, const char *field)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BplNetwork) net = bpl_network_load_from_data (data, length, "broken.json", &error);

  g_assert_null (net);
  g_assert_error (error, BPL_ERROR, (gint) code);
  g_test_message ("%s", error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_true (g_str_has_prefix (error->message, "broken.json: "));
  /* In the app's words, never json-glib's ("<data>:1:89: Parse error: …"). */
  g_assert_null (strstr (error->message, "<data>"));
  g_assert_null (strstr (error->message, "Parse error"));
  if (field != NULL)
    {
      g_autofree char *prefix = g_strdup_printf ("broken.json: %s", field);
      if (!g_str_has_prefix (error->message, prefix))
        g_error ("“%s” does not name the field %s", error->message, field);
    }
}

static void
expect_refusal (const char *data, BplError code, const char *field)
{
  expect_refusal_len (data, strlen (data), code, field);
}

/* good_json with the first @old replaced by @new, as text (json-glib would
 * not write 1e999 back as written). */
static void
expect_text_refusal (const char *old, const char *new, BplError code, const char *field)
{
  const char *at = strstr (good_json, old);
  g_autofree char *data = NULL;

  g_assert_nonnull (at);
  data = g_strdup_printf ("%.*s%s%s", (int) (at - good_json), good_json, new, at + strlen (old));
  expect_refusal (data, code, field);
}

static void
expect_member_refusal (const char *name, const char *value, BplError code, const char *field)
{
  g_autofree char *data = with_member (name, value);
  expect_refusal (data, code, field);
}

/* Round trips ------------------------------------------------------------ */

static void
assert_round_trip (const BplNetwork *net)
{
  g_autoptr (GError) error = NULL;
  gsize length;
  g_autofree char *data = bpl_network_to_data (net, &length);
  g_autofree char *path = g_build_filename (tmp_dir, "round-trip.json", NULL);
  g_autoptr (BplNetwork) from_data = bpl_network_load_from_data (data, length, "round-trip.json", &error);
  g_autoptr (BplNetwork) from_file = NULL;
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (from_data);
  g_assert_true (bpl_network_equal (net, from_data));
  again = bpl_network_to_data (from_data, NULL);
  g_assert_cmpstr (again, ==, data);

  g_assert_true (bpl_network_save_to_file (net, path, &error));
  g_assert_no_error (error);
  from_file = bpl_network_load_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (bpl_network_equal (net, from_file));
  g_assert_cmpint (bpl_network_get_update_order (from_file), ==, bpl_network_get_update_order (net));
  g_assert_cmpint (bpl_network_get_training (from_file), ==, bpl_network_get_training (net));
}

static void
test_round_trip_worked_example (void)
{
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  g_autoptr (BplNetwork) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;

  assert_round_trip (net);

  /* The file is the built-in network. */
  loaded = bpl_network_load_from_data (good_json, strlen (good_json), "worked-example.json", &error);
  g_assert_no_error (error);
  g_assert_true (bpl_network_equal (net, loaded));

  /* Shortest exact form: 0.15, not 0.14999999999999999. */
  data = bpl_network_to_data (net, NULL);
  g_assert_nonnull (strstr (data, "[0.15, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55]"));
}

static char *
networks_dir (void)
{
  const char *root = g_getenv ("BPL_SOURCE_ROOT");
  if (root != NULL)
    return g_build_filename (root, "data", "networks", NULL);
  return g_test_build_filename (G_TEST_DIST, "..", "data", "networks", NULL);
}

static void
test_round_trip_shipped (void)
{
  g_autofree char *dir_path = networks_dir ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, &error);
  const char *name;
  guint n = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr (BplNetwork) net = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      net = bpl_network_load_from_file (path, &error);
      g_assert_no_error (error);
      g_test_message ("%s: %s", name, bpl_network_get_name (net));
      assert_round_trip (net);
      n++;
    }
  g_assert_cmpuint (n, >=, 3);

  /* The shipped worked example is the built-in one. */
  {
    g_autofree char *path = g_build_filename (dir_path, "worked-example.json", NULL);
    g_autoptr (BplNetwork) net = bpl_network_load_from_file (path, &error);
    g_autoptr (BplNetwork) builtin = bpl_network_new_worked_example ();
    g_assert_no_error (error);
    g_assert_true (bpl_network_equal (net, builtin));
  }
}

static void
test_round_trip_awkward (void)
{
  static const guint shape[] = { 3, 4, 2 };
  static const double awkward[] = {
    0.1 + 0.2, 1e-300, -0.0, 0.1, 1.0 / 3.0, -1e-300, 5e-324, DBL_MIN, DBL_EPSILON, 123456789.123456789,
    1e9, -1e9, 2.0 / 3.0, 0.30000000000000004, 1e-7, -123.456e-10, 9007199254740993.0 / 1e7,
  };
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);

  for (guint mode = BPL_BIAS_PER_LAYER; mode <= BPL_BIAS_NONE; mode++)
    for (guint round = 0; round < 4; round++)
      {
        g_autoptr (BplNetwork) net = bpl_network_new (shape, 3, mode, NULL);
        double in[3], t[2];
        guint k = 0;

        for (guint w = 0; w < bpl_network_get_n_weights (net); w++, k++)
          bpl_network_set_weight (net, w, round == 0 ? awkward[k % G_N_ELEMENTS (awkward)]
                                                     : g_rand_double_range (rand, -5, 5));
        for (guint b = 0; b < bpl_network_get_n_biases (net); b++, k++)
          bpl_network_set_bias (net, b, awkward[k % G_N_ELEMENTS (awkward)]);
        for (guint i = 0; i < 3; i++)
          in[i] = awkward[(k + i) % G_N_ELEMENTS (awkward)];
        for (guint o = 0; o < 2; o++)
          t[o] = g_rand_double (rand);
        bpl_network_add_sample (net, in, t);
        bpl_network_set_activation (net, 1, round % 2 ? BPL_ACTIVATION_TANH : BPL_ACTIVATION_RELU);
        bpl_network_set_activation (net, 2, BPL_ACTIVATION_SIGMOID);
        bpl_network_set_loss (net, round == 3 ? BPL_LOSS_CROSS_ENTROPY : BPL_LOSS_SQUARED_ERROR);
        bpl_network_set_learning_rate (net, 0.1 + 0.2);
        bpl_network_set_update_biases (net, round % 2);
        bpl_network_set_training (net, round % 2 ? BPL_TRAINING_BATCH : BPL_TRAINING_ONLINE);
        bpl_network_set_update_order (net, round >= 2 ? BPL_UPDATE_OUTPUT_FIRST : BPL_UPDATE_SIMULTANEOUS);
        bpl_network_set_name (net, round == 0 ? "quote \" backslash \\ tab \t newline \n bell \a ünïcödé ∂"
                                              : "plain");
        assert_round_trip (net);
      }
}

/* Refusals ------------------------------------------------------------- */

static void
test_empty (void)
{
  expect_refusal ("", BPL_ERROR_PARSE, NULL);
  expect_refusal_len (NULL, 0, BPL_ERROR_PARSE, NULL);
  /* Only white space: json-glib finds no root value. */
  expect_refusal ("   \n\t ", BPL_ERROR_FORMAT, NULL);
}

static void
test_truncated (void)
{
  for (gsize len = 1; len < strlen (good_json) - 2; len += 7)
    expect_refusal_len (good_json, len, BPL_ERROR_PARSE, NULL);
}

static void
test_not_json (void)
{
  expect_refusal ("hello", BPL_ERROR_PARSE, NULL);
  expect_refusal ("{ format: backprop-lens-network }", BPL_ERROR_PARSE, NULL);
  expect_refusal ("{\"a\": 1,}", BPL_ERROR_PARSE, NULL);
  expect_refusal ("\x89PNG\r\n\x1a\n", BPL_ERROR_PARSE, NULL);
}

static char *
refusal_message (const char *data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BplNetwork) net = bpl_network_load_from_data (data, strlen (data), "broken.json", &error);

  g_assert_null (net);
  g_assert_error (error, BPL_ERROR, BPL_ERROR_PARSE);
  return g_strdup (error->message);
}

/* Issue 17: a truncated file was refused with json-glib's raw text,
 * "<data>:1:89: Parse error: unexpected number `0.200', expected character
 * `,'", which points at the token before the mistake. The message names the
 * line and column of the mistake itself, in the app's words. */
static void
test_syntax_message (void)
{
  static const struct
  {
    const char *data;
    const char *message;
  } cases[] = {
    /* A comma missing between two numbers on one long line. */
    { "{\"format\": \"backprop-lens-network\", \"version\": 1, \"weights\": [0.15 0.200]}",
      "broken.json: line 1, column 68: the JSON is not valid (expected ',' or ']' after a value in a list, "
      "found the number 0.200)" },
    /* Cut short in the middle of a list. */
    { "{\n  \"layers\": [2, 2",
      "broken.json: line 2, column 18: the JSON is not valid (expected ',' or ']' after a value in a list, "
      "found the end of the file: is the file cut short?)" },
    /* Cut short in the middle of a string. */
    { "{\n  \"name\": \"Worked ex",
      "broken.json: line 2, column 11: the JSON is not valid (a string starts here and is never closed "
      "with \": is the file cut short?)" },
    { "{\n  \"weights\": [0.15,\n  ]\n}",
      "broken.json: line 2, column 19: the JSON is not valid (a comma before ']': remove the last comma)" },
    { "{\"a\" 1}",
      "broken.json: line 1, column 6: the JSON is not valid (expected ':' after the member name, found the "
      "number 1)" },
    { "{\"a\": tru}",
      "broken.json: line 1, column 7: the JSON is not valid (expected a value: a number, a string, an object, "
      "a list, true, false or null, found the word tru)" },
    /* Columns count characters, not bytes. */
    { "{\"ünïcödé\": 1 2}",
      "broken.json: line 1, column 15: the JSON is not valid (expected ',' or '}' after a member of an "
      "object, found the number 2)" },
    { "{\"learning_rate\": 095}",
      "broken.json: line 1, column 19: the JSON is not valid (095 is not a number: a number does not start "
      "with 0)" },
    { "{\"a\": 1}\n  x",
      "broken.json: line 2, column 3: the JSON is not valid (unexpected text after the end of the document)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = refusal_message (cases[i].data);
      g_assert_cmpstr (message, ==, cases[i].message);
    }
}

static void
test_not_utf8 (void)
{
  g_autofree char *data = g_strdup (good_json);
  char *name = strstr (data, "Worked");

  name[0] = (char) 0xff;
  expect_refusal (data, BPL_ERROR_PARSE, NULL);
  name[0] = (char) 0xc3; /* a lead byte without its continuation */
  expect_refusal (data, BPL_ERROR_PARSE, NULL);
}

static void
test_nul_inside (void)
{
  g_autofree char *data = g_strdup (good_json);
  gsize length = strlen (data);

  data[length / 2] = '\0';
  expect_refusal_len (data, length, BPL_ERROR_PARSE, NULL);
}

static void
test_root_not_object (void)
{
  expect_refusal ("[1, 2, 3]", BPL_ERROR_FORMAT, NULL);
  expect_refusal ("42", BPL_ERROR_FORMAT, NULL);
  expect_refusal ("\"backprop-lens-network\"", BPL_ERROR_FORMAT, NULL);
  expect_refusal ("null", BPL_ERROR_FORMAT, NULL);
  expect_refusal ("true", BPL_ERROR_FORMAT, NULL);
}

static void
test_format_and_version (void)
{
  expect_member_refusal ("format", "\"backprop-lens-layout\"", BPL_ERROR_FORMAT, "format");
  expect_member_refusal ("format", "\"\"", BPL_ERROR_FORMAT, "format");
  expect_member_refusal ("version", "3", BPL_ERROR_VERSION, "version");
  expect_member_refusal ("version", "1000000000000", BPL_ERROR_VERSION, "version");
  expect_member_refusal ("version", "\"1\"", BPL_ERROR_FORMAT, "version");
  expect_member_refusal ("version", "1.5", BPL_ERROR_FORMAT, "version");
  expect_member_refusal ("version", "0", BPL_ERROR_FORMAT, "version");
  expect_member_refusal ("version", "-1", BPL_ERROR_FORMAT, "version");
  expect_member_refusal ("version", "true", BPL_ERROR_FORMAT, "version");
  expect_member_refusal ("version", "null", BPL_ERROR_FORMAT, "version");

  /* A newer file says so. */
  {
    g_autofree char *data = with_member ("version", "3");
    g_autoptr (GError) error = NULL;
    g_assert_null (bpl_network_load_from_data (data, strlen (data), "broken.json", &error));
    g_assert_nonnull (strstr (error->message, "newer"));
  }
}

static void
test_missing_fields (void)
{
  static const char *const required[] = {
    "format", "version", "layers", "activation", "loss", "bias_mode", "learning_rate", "weights", "biases",
    "samples",
  };

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      g_autofree char *data = with_member (required[i], NULL);
      g_autoptr (GError) error = NULL;
      expect_refusal (data, BPL_ERROR_FORMAT, required[i]);
      g_assert_null (bpl_network_load_from_data (data, strlen (data), "broken.json", &error));
      g_assert_nonnull (strstr (error->message, "missing"));
    }

  /* Without biases, "biases" may be left out. */
  {
    g_autofree char *data = with_member ("bias_mode", "\"none\"");
    g_autoptr (GError) error = NULL;
    g_autoptr (JsonNode) root = json_from_string (data, NULL);
    g_autofree char *without = NULL;
    g_autoptr (BplNetwork) net = NULL;
    json_object_remove_member (json_node_get_object (root), "biases");
    without = json_to_string (root, FALSE);
    net = bpl_network_load_from_data (without, strlen (without), "ok.json", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (bpl_network_get_n_biases (net), ==, 0);
    /* …but biases given for bias_mode none must be empty. */
    expect_refusal (data, BPL_ERROR_FORMAT, "biases");
  }
}

static void
test_wrong_types (void)
{
  static const struct { const char *member, *value, *field; BplError code; } cases[] = {
    { "format", "1", "format", BPL_ERROR_FORMAT },
    { "format", "[\"backprop-lens-network\"]", "format", BPL_ERROR_FORMAT },
    { "name", "5", "name", BPL_ERROR_FORMAT },
    { "name", "null", "name", BPL_ERROR_FORMAT },
    { "layers", "\"2, 2, 2\"", "layers", BPL_ERROR_FORMAT },
    { "layers", "{\"a\": 2}", "layers", BPL_ERROR_FORMAT },
    { "layers", "[2, \"2\", 2]", "layers", BPL_ERROR_FORMAT },
    { "layers", "[2, [2], 2]", "layers", BPL_ERROR_FORMAT },
    { "activation", "5", "activation", BPL_ERROR_FORMAT },
    { "activation", "\"softmax\"", "activation", BPL_ERROR_FORMAT },
    { "activation", "[\"sigmoid\"]", "activation", BPL_ERROR_FORMAT },
    { "activation", "[\"sigmoid\", 1]", "activation[1]", BPL_ERROR_FORMAT },
    { "activation", "[\"sigmoid\", \"Tanh\"]", "activation[1]", BPL_ERROR_FORMAT },
    { "loss", "[]", "loss", BPL_ERROR_FORMAT },
    { "loss", "\"mse\"", "loss", BPL_ERROR_FORMAT },
    { "bias_mode", "{}", "bias_mode", BPL_ERROR_FORMAT },
    { "bias_mode", "\"per-weight\"", "bias_mode", BPL_ERROR_FORMAT },
    { "update_biases", "\"yes\"", "update_biases", BPL_ERROR_FORMAT },
    { "update_biases", "1", "update_biases", BPL_ERROR_FORMAT },
    { "training", "1", "training", BPL_ERROR_FORMAT },
    { "training", "\"mini-batch\"", "training", BPL_ERROR_FORMAT },
    { "update_order", "\"random\"", "update_order", BPL_ERROR_FORMAT },
    { "learning_rate", "\"0.5\"", "learning_rate", BPL_ERROR_FORMAT },
    { "learning_rate", "false", "learning_rate", BPL_ERROR_FORMAT },
    { "learning_rate", "[0.5]", "learning_rate", BPL_ERROR_FORMAT },
    { "learning_rate", "-0.5", "learning_rate", BPL_ERROR_FORMAT },
    { "weights", "{}", "weights", BPL_ERROR_FORMAT },
    { "weights", "0.15", "weights", BPL_ERROR_FORMAT },
    { "weights", "[0.15, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, true]", "weights[7]", BPL_ERROR_FORMAT },
    { "weights", "[0.15, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, null]", "weights[7]", BPL_ERROR_FORMAT },
    { "weights", "[0.15, 0.2, 0.25, 0.3, \"0.4\", 0.45, 0.5, 0.55]", "weights[4]", BPL_ERROR_FORMAT },
    { "weights", "[0.15, 0.2, 0.25, 0.3, [0.4], 0.45, 0.5, 0.55]", "weights[4]", BPL_ERROR_FORMAT },
    { "biases", "0.35", "biases", BPL_ERROR_FORMAT },
    { "biases", "[0.35, false]", "biases[1]", BPL_ERROR_FORMAT },
    { "samples", "{}", "samples", BPL_ERROR_FORMAT },
    { "samples", "[1]", "samples[0]", BPL_ERROR_FORMAT },
    { "samples", "[{\"input\": \"x\", \"target\": [0.01, 0.99]}]", "samples[0].input", BPL_ERROR_FORMAT },
    { "samples", "[{\"input\": [0.05, 0.1]}]", "samples[0].target", BPL_ERROR_FORMAT },
    { "samples", "[{\"input\": [0.05, true], \"target\": [0.01, 0.99]}]", "samples[0].input[1]", BPL_ERROR_FORMAT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    expect_member_refusal (cases[i].member, cases[i].value, cases[i].code, cases[i].field);
}

static void
test_layers (void)
{
  expect_member_refusal ("layers", "[]", BPL_ERROR_LIMIT, "layers");
  expect_member_refusal ("layers", "[2]", BPL_ERROR_LIMIT, "layers");
  expect_member_refusal ("layers", "[2, 0, 2]", BPL_ERROR_LIMIT, "layers");
  expect_member_refusal ("layers", "[2, 1.5, 2]", BPL_ERROR_LIMIT, "layers");
  expect_member_refusal ("layers", "[2, -2, 2]", BPL_ERROR_LIMIT, "layers");
  expect_member_refusal ("layers", "[2, 1025, 2]", BPL_ERROR_LIMIT, "layers");
  expect_member_refusal ("layers", "[2, 1e300, 2]", BPL_ERROR_LIMIT, "layers");
  expect_member_refusal ("layers", "[2, 4294967298, 2]", BPL_ERROR_LIMIT, "layers");
  expect_member_refusal ("layers", "[2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]", BPL_ERROR_LIMIT, "layers");
  /* 256·256 + 256·256 weights: beyond BPL_MAX_WEIGHTS. */
  expect_member_refusal ("layers", "[256, 256, 256]", BPL_ERROR_LIMIT, "layers");
  /* 16 layers is the limit, not beyond it: the refusal is about weights. */
  expect_member_refusal ("layers", "[2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]", BPL_ERROR_FORMAT, "weights");
}

static void
test_counts (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *seven = with_member ("weights", "[0.15, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5]");
  g_autoptr (BplNetwork) net = bpl_network_load_from_data (seven, strlen (seven), "broken.json", &error);

  g_assert_null (net);
  g_assert_error (error, BPL_ERROR, BPL_ERROR_FORMAT);
  g_assert_cmpstr (error->message, ==, "broken.json: weights: layers [2, 2, 2] need 8 weights, found 7");

  expect_member_refusal ("weights", "[]", BPL_ERROR_FORMAT, "weights");
  expect_member_refusal ("weights", "[0.15, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6]", BPL_ERROR_FORMAT,
                         "weights");
  expect_member_refusal ("biases", "[0.35]", BPL_ERROR_FORMAT, "biases");
  expect_member_refusal ("biases", "[0.35, 0.6, 0.1]", BPL_ERROR_FORMAT, "biases");
  expect_member_refusal ("samples", "[{\"input\": [0.05], \"target\": [0.01, 0.99]}]", BPL_ERROR_FORMAT,
                         "samples[0].input");
  expect_member_refusal ("samples", "[{\"input\": [0.05, 0.1], \"target\": [0.01, 0.99, 0.5]}]",
                         BPL_ERROR_FORMAT, "samples[0].target");
  expect_member_refusal ("samples",
                         "[{\"input\": [0.05, 0.1], \"target\": [0.01, 0.99]}, {\"input\": [1], \"target\": [1, 1]}]",
                         BPL_ERROR_FORMAT, "samples[1].input");
  expect_member_refusal ("samples", "[]", BPL_ERROR_LIMIT, "samples");
  expect_member_refusal ("activation", "[\"sigmoid\", \"tanh\", \"relu\"]", BPL_ERROR_FORMAT, "activation");

  {
    g_autofree char *data = with_member ("biases", "[0.35]");
    g_clear_error (&error);
    g_assert_null (bpl_network_load_from_data (data, strlen (data), "broken.json", &error));
    g_assert_cmpstr (error->message, ==, "broken.json: biases: layers [2, 2, 2] with bias_mode per-layer need 2 biases, found 1");
  }
  {
    g_autofree char *data = with_member ("samples", "[{\"input\": [0.05], \"target\": [0.01, 0.99]}]");
    g_clear_error (&error);
    g_assert_null (bpl_network_load_from_data (data, strlen (data), "broken.json", &error));
    g_assert_cmpstr (error->message, ==, "broken.json: samples[0].input: layers [2, 2, 2] need 2 input values, found 1");
  }
}

static void
test_too_many_samples (void)
{
  GString *samples = g_string_new ("[");
  g_autofree char *data = NULL;

  for (guint i = 0; i <= BPL_MAX_SAMPLES; i++)
    g_string_append_printf (samples, "%s{\"input\": [0, 1], \"target\": [1, 0]}", i ? ", " : "");
  g_string_append_c (samples, ']');
  data = with_member ("samples", samples->str);
  g_string_free (samples, TRUE);
  expect_refusal (data, BPL_ERROR_LIMIT, "samples");
}

static void
test_absurd_numbers (void)
{
  g_autofree char *data = NULL;

  /* Out of double range: json-glib reads ±infinity, which is refused. */
  expect_text_refusal ("0.15,", "1e999,", BPL_ERROR_LIMIT, "weights[0]");
  expect_text_refusal ("0.20,", "-1e400,", BPL_ERROR_LIMIT, "weights[1]");
  expect_text_refusal ("0.5,", "1e999,", BPL_ERROR_LIMIT, "learning_rate");
  expect_text_refusal ("0.35,", "1e10,", BPL_ERROR_LIMIT, "biases[0]");
  expect_text_refusal ("[0.05,", "[1e999,", BPL_ERROR_LIMIT, "samples[0].input[0]");
  /* Underflow is a number, 0. */
  {
    const char *at = strstr (good_json, "0.15,");
    g_autofree char *tiny = g_strdup_printf ("%.*s1e-99999,%s", (int) (at - good_json), good_json, at + 5);
    g_autoptr (GError) error = NULL;
    g_autoptr (BplNetwork) net = bpl_network_load_from_data (tiny, strlen (tiny), "tiny.json", &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (bpl_network_get_weight (net, 0), ==, 0.0);
  }

  /* NaN and Infinity are not JSON; quoted, they are strings. */
  data = g_strdup (good_json);
  memcpy (strstr (data, "0.5,"), "NaN,", 4);
  expect_refusal (data, BPL_ERROR_PARSE, NULL);
  expect_member_refusal ("learning_rate", "\"NaN\"", BPL_ERROR_FORMAT, "learning_rate");
  expect_member_refusal ("weights", "[\"Infinity\", 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55]", BPL_ERROR_FORMAT,
                         "weights[0]");
  expect_member_refusal ("weights", "[\"-inf\", 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55]", BPL_ERROR_FORMAT,
                         "weights[0]");
  {
    g_autofree char *inf = g_strdup (good_json);
    char *p = strstr (inf, "0.15,");
    memcpy (p, "-Inf,", 5);
    expect_refusal (inf, BPL_ERROR_PARSE, NULL);
  }
}

static void
test_inconsistent (void)
{
  /* Cross-entropy needs sigmoid outputs and targets in [0, 1]. */
  {
    g_autofree char *data = with_member ("loss", "\"cross-entropy\"");
    g_autoptr (JsonNode) root = json_from_string (data, NULL);
    g_autofree char *tanh_out = NULL;
    g_autofree char *big_target = NULL;
    JsonObject *obj = json_node_get_object (root);

    json_object_set_member (obj, "activation", json_from_string ("[\"sigmoid\", \"tanh\"]", NULL));
    tanh_out = json_to_string (root, FALSE);
    expect_refusal (tanh_out, BPL_ERROR_FORMAT, "loss");
    json_object_set_member (obj, "activation", json_from_string ("\"sigmoid\"", NULL));
    json_object_set_member (obj, "samples", json_from_string ("[{\"input\": [0, 0], \"target\": [0, 2]}]", NULL));
    big_target = json_to_string (root, FALSE);
    expect_refusal (big_target, BPL_ERROR_FORMAT, "samples");
  }
}

/* A second document after the first: refused before json-glib, which
 * would leak the first one (valgrind over the fuzz corpus found "[][]"). */
static void
test_trailing_text (void)
{
  g_autofree char *twice = g_strconcat (bpl_test_worked_json, "\n{}", NULL);
  g_autofree char *spaces = g_strconcat (bpl_test_worked_json, " \n\t ", NULL);
  g_autoptr (BplNetwork) net = NULL;

  expect_refusal ("[][]", BPL_ERROR_PARSE, NULL);
  expect_refusal (twice, BPL_ERROR_PARSE, NULL);
  /* Trailing white space is fine. */
  net = bpl_network_load_from_data (spaces, strlen (spaces), "spaces.json", NULL);
  g_assert_nonnull (net);
}

/* Within the size limit, but so many values that json-glib's tree would
 * take hundreds of megabytes: refused before parsing, quickly. */
static void
test_too_many_values (void)
{
  GString *text = g_string_new ("{\"format\": \"backprop-lens-network\", \"version\": 1, \"weights\": [");
  g_autofree char *data = NULL;
  gint64 start;

  for (guint i = 0; i < BPL_FILE_MAX_VALUES + 10; i++)
    g_string_append (text, "0,");
  g_string_append (text, "0]}");
  data = g_string_free (text, FALSE);
  g_assert_cmpuint (strlen (data), <, BPL_FILE_MAX_SIZE);
  start = g_get_monotonic_time ();
  expect_refusal (data, BPL_ERROR_LIMIT, NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

static void
test_deep_nesting (void)
{
  gsize n = 100000;
  g_autofree char *deep = g_malloc (n + 1);
  g_autofree char *in_object = NULL;
  gint64 start;

  memset (deep, '[', n);
  deep[n] = '\0';
  start = g_get_monotonic_time ();
  expect_refusal (deep, BPL_ERROR_LIMIT, NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);

  /* Inside a valid-looking document, and with objects. */
  in_object = g_strdup_printf ("{\"format\": \"backprop-lens-network\", \"weights\": %s", deep);
  expect_refusal (in_object, BPL_ERROR_LIMIT, NULL);
  /* {"{"{"…: every other brace is outside a string. */
  for (gsize i = 0; i < n; i += 2)
    memcpy (deep + i, "{\"", 2);
  expect_refusal (deep, BPL_ERROR_LIMIT, NULL);
  for (gsize i = 0; i + 5 < n; i += 5)
    memcpy (deep + i, "{\"a\":", 5);
  expect_refusal (deep, BPL_ERROR_LIMIT, NULL);

  /* Brackets inside strings do not count. */
  {
    GString *name = g_string_new ("\"");
    g_autofree char *data = NULL;
    g_autoptr (BplNetwork) net = NULL;
    g_autoptr (GError) error = NULL;
    for (guint i = 0; i < 1000; i++)
      g_string_append (name, "[{");
    g_string_append (name, "\\\"]\"");
    data = with_member ("name", name->str);
    g_string_free (name, TRUE);
    net = bpl_network_load_from_data (data, strlen (data), "ok.json", &error);
    g_assert_no_error (error);
  }
}

static void
test_huge_file (void)
{
  gsize size = 20 * 1024 * 1024;
  g_autofree char *data = g_malloc (size);
  g_autofree char *path = g_build_filename (tmp_dir, "huge.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (BplNetwork) net = NULL;

  memset (data, ' ', size);
  memcpy (data, good_json, strlen (good_json));
  expect_refusal_len (data, size, BPL_ERROR_LIMIT, NULL);

  g_assert_true (g_file_set_contents (path, data, (gssize) size, &error));
  g_assert_no_error (error);
  net = bpl_network_load_from_file (path, &error);
  g_assert_null (net);
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_unlink (path);
}

static void
test_not_a_file (void)
{
  g_autofree char *missing = g_build_filename (tmp_dir, "no-such-network.json", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_null (bpl_network_load_from_file (tmp_dir, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_IO);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, tmp_dir));
  g_assert_nonnull (strstr (error->message, "folder"));
  g_clear_error (&error);

  g_assert_null (bpl_network_load_from_file (missing, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_IO);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, missing));
  g_clear_error (&error);

  g_assert_null (bpl_network_load_from_file ("/dev/null", &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "/dev/null"));
}

static void
test_unreadable (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "unreadable.json", NULL);
  g_autoptr (GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root can read a file whatever its mode");
      return;
    }
  g_assert_true (g_file_set_contents (path, good_json, -1, NULL));
  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  g_assert_null (bpl_network_load_from_file (path, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_IO);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_chmod (path, 0644);
  g_unlink (path);
}

static void
test_defaults_and_unknown_keys (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = json_from_string (good_json, NULL);
  JsonObject *obj = json_node_get_object (root);
  g_autofree char *data = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "my-network.v2.json", NULL);
  g_autoptr (BplNetwork) net = NULL;
  g_autoptr (BplNetwork) from_file = NULL;
  g_autoptr (BplNetwork) builtin = bpl_network_new_worked_example ();

  json_object_remove_member (obj, "name");
  json_object_remove_member (obj, "training");
  json_object_remove_member (obj, "update_biases");
  json_object_set_member (obj, "comment", json_from_string ("\"for the lesson on Monday\"", NULL));
  json_object_set_member (obj, "future", json_from_string ("{\"a\": [1, 2, {\"b\": null}]}", NULL));
  json_object_set_member (obj, "x-colour", json_from_string ("7", NULL));
  data = json_to_string (root, TRUE);

  net = bpl_network_load_from_data (data, strlen (data), "lessons/my-network.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bpl_network_get_name (net), ==, "my-network");
  g_assert_cmpint (bpl_network_get_training (net), ==, BPL_TRAINING_ONLINE);
  g_assert_false (bpl_network_get_update_biases (net));
  g_assert_cmpint (bpl_network_get_update_order (net), ==, BPL_UPDATE_SIMULTANEOUS);
  g_assert_cmpuint (bpl_network_get_steps (net), ==, 0);
  bpl_network_set_name (net, "Worked example");
  g_assert_true (bpl_network_equal (net, builtin));

  g_assert_true (g_file_set_contents (path, data, -1, NULL));
  from_file = bpl_network_load_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bpl_network_get_name (from_file), ==, "my-network.v2");
  g_unlink (path);

  /* An integer where a number goes is a number. */
  {
    g_autofree char *ints = with_member ("weights", "[0, 1, -1, 2, 0, 0, 0, 0]");
    g_autoptr (BplNetwork) n2 = bpl_network_load_from_data (ints, strlen (ints), "ints.json", &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (bpl_network_get_weight (n2, 2), ==, -1.0);
  }
}

/* Saving ---------------------------------------------------------------- */

static char *
read_all (const char *path)
{
  char *data = NULL;
  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  return data;
}

static void
test_save_read_only_dir (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "read-only", NULL);
  g_autofree char *path = g_build_filename (dir, "net.json", NULL);
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root can write into a read-only folder");
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (bpl_network_save_to_file (net, path, &error));
  g_assert_no_error (error);
  before = read_all (path);

  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  bpl_network_set_weight (net, 0, 42.0);
  g_assert_false (bpl_network_save_to_file (net, path, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_IO);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, dir));
  g_chmod (dir, 0755);

  after = read_all (path);
  g_assert_cmpstr (after, ==, before);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_save_parent_not_a_folder (void)
{
  g_autofree char *file = g_build_filename (tmp_dir, "plain-file", NULL);
  g_autofree char *path = g_build_filename (file, "net.json", NULL);
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  g_autoptr (GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (file, "not a folder", -1, NULL));
  g_assert_false (bpl_network_save_to_file (net, path, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_IO);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, file));
  after = read_all (file);
  g_assert_cmpstr (after, ==, "not a folder");
  g_unlink (file);
}

static void
test_save_not_finite (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "nan.json", NULL);
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (bpl_network_save_to_file (net, path, &error));
  before = read_all (path);

  bpl_network_set_weight (net, 3, NAN);
  g_assert_false (bpl_network_save_to_file (net, path, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_NOT_FINITE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "w4 is NaN"));
  g_clear_error (&error);

  bpl_network_set_weight (net, 3, 0.3);
  bpl_network_set_bias (net, 1, INFINITY);
  g_assert_false (bpl_network_save_to_file (net, path, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_NOT_FINITE);
  g_assert_nonnull (strstr (error->message, "b2 is ∞"));
  g_clear_error (&error);

  /* Finite but beyond the range a file may hold: it would not open again. */
  bpl_network_set_bias (net, 1, 3e12);
  g_assert_false (bpl_network_save_to_file (net, path, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "b2 is 3e+12"));

  after = read_all (path);
  g_assert_cmpstr (after, ==, before);
  g_unlink (path);
}

int
main (int argc, char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = bpl_test_tmp_dir_new ("bpl-test-file-XXXXXX");

  g_test_add_func ("/core/file/round-trip/worked-example", test_round_trip_worked_example);
  g_test_add_func ("/core/file/round-trip/shipped", test_round_trip_shipped);
  g_test_add_func ("/core/file/round-trip/awkward-values", test_round_trip_awkward);
  g_test_add_func ("/core/file/refuse/empty", test_empty);
  g_test_add_func ("/core/file/refuse/truncated", test_truncated);
  g_test_add_func ("/core/file/refuse/not-json", test_not_json);
  g_test_add_func ("/core/file/refuse/not-utf8", test_not_utf8);
  g_test_add_func ("/core/file/refuse/syntax-message", test_syntax_message);
  g_test_add_func ("/core/file/refuse/nul-inside", test_nul_inside);
  g_test_add_func ("/core/file/refuse/root-not-object", test_root_not_object);
  g_test_add_func ("/core/file/refuse/format-and-version", test_format_and_version);
  g_test_add_func ("/core/file/refuse/missing-fields", test_missing_fields);
  g_test_add_func ("/core/file/refuse/wrong-types", test_wrong_types);
  g_test_add_func ("/core/file/refuse/layers", test_layers);
  g_test_add_func ("/core/file/refuse/counts", test_counts);
  g_test_add_func ("/core/file/refuse/too-many-samples", test_too_many_samples);
  g_test_add_func ("/core/file/refuse/absurd-numbers", test_absurd_numbers);
  g_test_add_func ("/core/file/refuse/inconsistent", test_inconsistent);
  g_test_add_func ("/core/file/refuse/deep-nesting", test_deep_nesting);
  g_test_add_func ("/core/file/refuse/too-many-values", test_too_many_values);
  g_test_add_func ("/core/file/refuse/trailing-text", test_trailing_text);
  g_test_add_func ("/core/file/refuse/huge-file", test_huge_file);
  g_test_add_func ("/core/file/refuse/not-a-file", test_not_a_file);
  g_test_add_func ("/core/file/refuse/unreadable", test_unreadable);
  g_test_add_func ("/core/file/defaults-and-unknown-keys", test_defaults_and_unknown_keys);
  g_test_add_func ("/core/file/save/read-only-folder", test_save_read_only_dir);
  g_test_add_func ("/core/file/save/parent-not-a-folder", test_save_parent_not_a_folder);
  g_test_add_func ("/core/file/save/not-finite", test_save_not_finite);

  ret = g_test_run ();
  bpl_test_tmp_dir_remove ();
  return ret;
}

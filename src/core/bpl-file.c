/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The network file: reading with json-glib behind guards against hostile
 * input (size, UTF-8, nesting depth are checked before the parser runs),
 * writing by hand so numbers take their shortest exact form (0.15, not
 * 0.14999999999999999) and every value round-trips. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "bpl-error.h"
#include "bpl-file.h"
#include "bpl-file-private.h"
#include "bpl-lesson-private.h"
#include "bpl-json-check-private.h"
#include "bpl-network-private.h"

typedef struct
{
  const char *source;  /* display name for messages */
  GError    **error;
} Reader;

static gboolean G_GNUC_PRINTF (4, 5)
fail (Reader *r, BplError code, const char *field, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (field != NULL)
    g_set_error (r->error, BPL_ERROR, code, "%s: %s: %s", r->source, field, message);
  else
    g_set_error (r->error, BPL_ERROR, code, "%s: %s", r->source, message);
  return FALSE;
}

static const char *
node_kind (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("an array");
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return _("true/false");
    case G_TYPE_STRING:
      return _("a string");
    default:
      return _("a number");
    }
}

static gboolean
is_number (JsonNode *node)
{
  GType t;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  t = json_node_get_value_type (node);
  return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
}

static gboolean
read_number (Reader *r, JsonNode *node, const char *field, double *out)
{
  double v;

  if (!is_number (node))
    return fail (r, BPL_ERROR_FORMAT, field, _("expected a number, found %s"), node_kind (node));
  v = json_node_get_double (node);
  if (!isfinite (v) || fabs (v) > BPL_MAX_ABS_VALUE)
    return fail (r, BPL_ERROR_LIMIT, field, _("%g is outside the allowed range of ±%g"), v, BPL_MAX_ABS_VALUE);
  *out = v;
  return TRUE;
}

/* A required member, or an error naming it. */
static JsonNode *
member (Reader *r, JsonObject *obj, const char *name, gboolean required)
{
  JsonNode *node = json_object_get_member (obj, name);
  if (node == NULL && required)
    fail (r, BPL_ERROR_FORMAT, name, _("missing; a network file needs it"));
  return node;
}

static gboolean
read_string (Reader *r, JsonNode *node, const char *field, const char **out)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (r, BPL_ERROR_FORMAT, field, _("expected a string, found %s"), node_kind (node));
  *out = json_node_get_string (node);
  return TRUE;
}

/* An array of exactly @expected numbers; @why explains the count and
 * @one/@many name what is counted: "layers [2, 2, 2] need 8 weights". */
static gboolean
read_numbers (Reader *r, JsonNode *node, const char *field, guint expected, const char *why,
              const char *one, const char *many, double *out)
{
  JsonArray *array;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return fail (r, BPL_ERROR_FORMAT, field, _("expected an array of numbers, found %s"), node_kind (node));
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n != expected)
    return fail (r, BPL_ERROR_FORMAT, field, _("%s need %u %s, found %u"), why, expected,
                 expected == 1 ? one : many, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item = g_strdup_printf ("%s[%u]", field, i);
      if (!read_number (r, json_array_get_element (array, i), item, &out[i]))
        return FALSE;
    }
  return TRUE;
}

#define DEFINE_ENUM_READER(Type, prefix, expected)                                              \
  static gboolean read_##prefix (Reader *r, JsonNode *node, const char *field, Type *out)       \
  {                                                                                             \
    const char *s;                                                                              \
    if (!read_string (r, node, field, &s))                                                      \
      return FALSE;                                                                             \
    if (!bpl_##prefix##_from_string (s, out))                                                   \
      {                                                                                         \
        g_autofree char *shown = bpl_shorten_for_message (s, 40);                               \
        return fail (r, BPL_ERROR_FORMAT, field, _("“%s” is not one of %s"), shown, expected);     \
      }                                                                                         \
    return TRUE;                                                                                \
  }

DEFINE_ENUM_READER (BplActivation, activation, "sigmoid, tanh, relu, linear, softmax")
DEFINE_ENUM_READER (BplLoss, loss, "squared-error, cross-entropy")
DEFINE_ENUM_READER (BplBiasMode, bias_mode, "per-layer, per-neuron, none")
DEFINE_ENUM_READER (BplTrainingMode, training_mode, "online, batch, mini-batch")
DEFINE_ENUM_READER (BplUpdateOrder, update_order, "simultaneous, output-first")
DEFINE_ENUM_READER (BplRegularization, regularization, "none, l1, l2")
DEFINE_ENUM_READER (BplOptimizer, optimizer, "sgd, momentum, adam")

static char *
layers_text (const guint *sizes, guint n)
{
  GString *s = g_string_new (_("layers ["));
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%u", i ? ", " : "", sizes[i]);
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

static gboolean
read_layers (Reader *r, JsonNode *node, guint *sizes, guint *n_layers)
{
  JsonArray *array;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return fail (r, BPL_ERROR_FORMAT, "layers", _("expected an array of layer sizes such as [2, 2, 2], found %s"),
                 node_kind (node));
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n < 2 || n > BPL_MAX_LAYERS)
    return fail (r, BPL_ERROR_LIMIT, "layers", _("a network needs between 2 and %d layers, found %u"),
                 BPL_MAX_LAYERS, n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      double v;
      if (!is_number (item))
        return fail (r, BPL_ERROR_FORMAT, "layers", _("layer %u: expected a whole number, found %s"), i + 1,
                     node_kind (item));
      v = json_node_get_double (item);
      if (v != floor (v) || v < 1 || v > BPL_MAX_LAYER_SIZE)
        return fail (r, BPL_ERROR_LIMIT, "layers", _("layer %u: %g neurons; each layer needs a whole number "
                     "from 1 to %d"), i + 1, v, BPL_MAX_LAYER_SIZE);
      sizes[i] = (guint) v;
    }
  *n_layers = n;
  return TRUE;
}

static gboolean
read_samples (Reader *r, JsonNode *node, BplNetwork *net)
{
  JsonArray *array;
  guint n, n_in = net->layer_size[0], n_out = net->layer_size[net->n_layers - 1];
  g_autofree char *shape = layers_text (net->layer_size, net->n_layers);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return fail (r, BPL_ERROR_FORMAT, "samples",
                 _("expected an array of {\"input\": […], \"target\": […]}, found %s"), node_kind (node));
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n < 1 || n > BPL_MAX_SAMPLES)
    return fail (r, BPL_ERROR_LIMIT, "samples", _("a network needs between 1 and %d samples, found %u"),
                 BPL_MAX_SAMPLES, n);

  g_free (net->inputs);
  g_free (net->targets);
  net->inputs = g_new0 (double, (gsize) n * n_in);
  net->targets = g_new0 (double, (gsize) n * n_out);
  net->n_samples = n;
  for (guint s = 0; s < n; s++)
    {
      JsonNode *item = json_array_get_element (array, s);
      g_autofree char *field_in = g_strdup_printf ("samples[%u].input", s);
      g_autofree char *field_out = g_strdup_printf ("samples[%u].target", s);
      JsonObject *obj;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_autofree char *field = g_strdup_printf ("samples[%u]", s);
          return fail (r, BPL_ERROR_FORMAT, field, _("expected {\"input\": […], \"target\": […]}, found %s"),
                       node_kind (item));
        }
      obj = json_node_get_object (item);
      if (!read_numbers (r, json_object_get_member (obj, "input"), field_in, n_in, shape, _("input value"),
                         "input values", net->inputs + (gsize) s * n_in) ||
          !read_numbers (r, json_object_get_member (obj, "target"), field_out, n_out, shape, _("target value"),
                         "target values", net->targets + (gsize) s * n_out))
        return FALSE;
    }
  return TRUE;
}

/* "test_samples": like "samples" (the same shape and value rules), but
 * there may be none. */
static gboolean
read_test_samples (Reader *r, JsonNode *node, BplNetwork *net)
{
  JsonArray *array;
  guint n, n_in = net->layer_size[0], n_out = net->layer_size[net->n_layers - 1];
  g_autofree char *shape = layers_text (net->layer_size, net->n_layers);
  g_autofree double *inputs = NULL;
  g_autofree double *targets = NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (r, BPL_ERROR_FORMAT, "test_samples",
                 _("expected an array of {\"input\": […], \"target\": […]}, found %s"), node_kind (node));
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n > BPL_MAX_SAMPLES)
    return fail (r, BPL_ERROR_LIMIT, "test_samples", _("a network holds at most %d test samples, found %u"),
                 BPL_MAX_SAMPLES, n);

  inputs = g_new0 (double, (gsize) MAX (n, 1) * n_in);
  targets = g_new0 (double, (gsize) MAX (n, 1) * n_out);
  for (guint s = 0; s < n; s++)
    {
      JsonNode *item = json_array_get_element (array, s);
      g_autofree char *field_in = g_strdup_printf ("test_samples[%u].input", s);
      g_autofree char *field_out = g_strdup_printf ("test_samples[%u].target", s);
      JsonObject *obj;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_autofree char *field = g_strdup_printf ("test_samples[%u]", s);
          return fail (r, BPL_ERROR_FORMAT, field, _("expected {\"input\": […], \"target\": […]}, found %s"),
                       node_kind (item));
        }
      obj = json_node_get_object (item);
      if (!read_numbers (r, json_object_get_member (obj, "input"), field_in, n_in, shape, _("input value"),
                         "input values", inputs + (gsize) s * n_in) ||
          !read_numbers (r, json_object_get_member (obj, "target"), field_out, n_out, shape, _("target value"),
                         "target values", targets + (gsize) s * n_out))
        return FALSE;
    }
  bpl_network_set_test_samples (net, inputs, targets, n);
  return TRUE;
}

/* Nesting depth and number of values outside strings, before json-glib sees
 * the text: a parser we did not write recurses on depth and allocates per
 * value. Text after the closing bracket of the document is refused here
 * too: json-glib 1.6 leaks the document it parsed when more follows
 * ("[][]", found by valgrind over the fuzz corpus). */
static gboolean
check_structure (Reader *r, const char *data, gsize length)
{
  int depth = 0;
  gsize separators = 0;
  gboolean in_string = FALSE;
  gboolean closed = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];
      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (closed && !g_ascii_isspace (c))
        {
          guint line, column;

          bpl_json_position (data, length, i, &line, &column);
          return fail (r, BPL_ERROR_PARSE, NULL, _("line %u, column %u: the JSON is not valid (unexpected "
                       "text after the end of the document)"), line, column);
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > BPL_FILE_MAX_DEPTH)
            return fail (r, BPL_ERROR_LIMIT, NULL, _("nested more than %d levels deep; a network file is "
                         "at most 4 levels deep"), BPL_FILE_MAX_DEPTH);
        }
      else if (c == ']' || c == '}')
        closed = --depth == 0;
      else if (c == ',' && ++separators >= (gsize) BPL_FILE_MAX_VALUES)
        return fail (r, BPL_ERROR_LIMIT, NULL, _("more than %d values; a network file may hold at most that many"),
                     BPL_FILE_MAX_VALUES);
    }
  return TRUE;
}

/* json-glib knows its line and column only while it reports an error. */
static void
on_parse_error (JsonParser   *parser,
                const GError *error,
                gpointer      data)
{
  guint *position = data;

  position[0] = json_parser_get_current_line (parser);
  position[1] = json_parser_get_current_pos (parser);
}

static gboolean require_version_2 (Reader *r, double version, const char *field, const char *what);

/* "training": "online" (b = 1), "batch" (every sample) or "mini-batch",
 * and "batch_size": b. Either may be left out; given both, they agree. */
static gboolean
read_batch_size (Reader *r, JsonObject *root, double version, BplNetwork *net)
{
  JsonNode *node = json_object_get_member (root, "training");
  BplTrainingMode mode = BPL_TRAINING_ONLINE;
  gboolean has_mode = node != NULL;
  double b;

  if (has_mode && !read_training_mode (r, node, "training", &mode))
    return FALSE;
  if (mode == BPL_TRAINING_MINI_BATCH && !require_version_2 (r, version, "training", "mini-batch"))
    return FALSE;
  node = json_object_get_member (root, "batch_size");
  if (node != NULL && !require_version_2 (r, version, "batch_size", _("a batch size")))
    return FALSE;
  if (node == NULL)
    {
      if (mode == BPL_TRAINING_MINI_BATCH)
        return fail (r, BPL_ERROR_FORMAT, "training", _("\"mini-batch\" needs \"batch_size\", the number of "
                     "samples a step takes"));
      net->batch_size = mode == BPL_TRAINING_BATCH ? 0 : 1;
      return TRUE;
    }
  if (!is_number (node))
    return fail (r, BPL_ERROR_FORMAT, "batch_size", _("expected a whole number from 1 to %d, found %s"),
                 BPL_MAX_SAMPLES, node_kind (node));
  b = json_node_get_double (node);
  if (b != floor (b) || b < 1 || b > BPL_MAX_SAMPLES)
    return fail (r, BPL_ERROR_LIMIT, "batch_size", _("expected a whole number from 1 to %d, found %g"),
                 BPL_MAX_SAMPLES, b);
  if (has_mode && mode == BPL_TRAINING_ONLINE && b != 1)
    return fail (r, BPL_ERROR_FORMAT, "batch_size", _("%g disagrees with \"training\": \"online\", which takes "
                 "one sample a step"), b);
  if (has_mode && mode == BPL_TRAINING_BATCH)
    return fail (r, BPL_ERROR_FORMAT, "batch_size", _("\"training\": \"batch\" takes every sample a step; give "
                 "\"training\": \"mini-batch\" with a batch size, or leave batch_size out"));
  net->batch_size = (guint) b;
  return TRUE;
}

/* Version 2: softmax, the penalty, mini-batches and the optimiser. A
 * version-1 file that uses one is refused rather than read as something
 * it does not say. */
static gboolean
require_version_2 (Reader *r, double version, const char *field, const char *what)
{
  if (version >= 2)
    return TRUE;
  return fail (r, BPL_ERROR_FORMAT, field, _("%s needs \"version\": 2 (this file says version 1)"), what);
}

/* A member of an object that must be an object, or NULL with an error. */
static JsonObject *
read_object (Reader *r, JsonNode *node, const char *field, const char *example)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (r, BPL_ERROR_FORMAT, field, _("expected an object such as %s, found %s"), example, node_kind (node));
      return NULL;
    }
  return json_node_get_object (node);
}

/* A number in a settings object; @fallback when it is left out. */
static gboolean
read_setting (Reader *r, JsonObject *obj, const char *parent, const char *name, double fallback, double *out)
{
  JsonNode *node = json_object_get_member (obj, name);
  g_autofree char *field = g_strdup_printf ("%s.%s", parent, name);

  if (node == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  return read_number (r, node, field, out);
}

/* "regularization": {"kind": "l2", "strength": 0.01} */
static gboolean
read_penalty (Reader *r, JsonObject *root, double version, BplNetwork *net)
{
  JsonNode *node = json_object_get_member (root, "regularization");
  JsonObject *obj;

  if (node == NULL)
    return TRUE;
  if (!require_version_2 (r, version, "regularization", _("a penalty")))
    return FALSE;
  obj = read_object (r, node, "regularization", "{\"kind\": \"l2\", \"strength\": 0.01}");
  if (obj == NULL)
    return FALSE;
  node = json_object_get_member (obj, "kind");
  if (node == NULL)
    return fail (r, BPL_ERROR_FORMAT, "regularization.kind", _("missing; give none, l1 or l2"));
  if (!read_regularization (r, node, "regularization.kind", &net->regularization))
    return FALSE;
  if (net->regularization == BPL_REGULARIZATION_NONE)
    return TRUE;
  node = json_object_get_member (obj, "strength");
  if (node == NULL)
    return fail (r, BPL_ERROR_FORMAT, "regularization.strength", _("missing; %s needs the strength λ"),
                 bpl_regularization_to_string (net->regularization));
  if (!read_number (r, node, "regularization.strength", &net->regularization_strength))
    return FALSE;
  if (net->regularization_strength < 0)
    return fail (r, BPL_ERROR_FORMAT, "regularization.strength", _("must be 0 or more, found %g"),
                 net->regularization_strength);
  return TRUE;
}

/* {"weights": […], "biases": […]}: one array of the optimiser's state,
 * any finite numbers (Adam's v may exceed the parameters' range). */
static gboolean
read_state_arrays (Reader *r, JsonObject *state, const char *name, const char *shape, BplNetwork *net,
                   double *out)
{
  g_autofree char *field = g_strdup_printf ("optimizer_state.%s", name);
  JsonObject *obj = read_object (r, json_object_get_member (state, name), field,
                                 "{\"weights\": […], \"biases\": […]}");
  const char *parts[] = { "weights", "biases" };
  guint counts[] = { net->n_weights, net->n_biases };

  if (obj == NULL)
    return FALSE;
  for (guint p = 0; p < 2; p++)
    {
      g_autofree char *item_field = g_strdup_printf ("%s.%s", field, parts[p]);
      JsonNode *node = json_object_get_member (obj, parts[p]);
      JsonArray *array;

      if (node == NULL && counts[p] == 0)
        continue;
      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        return fail (r, BPL_ERROR_FORMAT, item_field, _("expected an array of numbers, found %s"), node_kind (node));
      array = json_node_get_array (node);
      if (json_array_get_length (array) != counts[p])
        return fail (r, BPL_ERROR_FORMAT, item_field, _("%s need %u values, one per %s, found %u"), shape,
                     counts[p], p == 0 ? _("weight") : _("bias"), json_array_get_length (array));
      for (guint i = 0; i < counts[p]; i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          g_autofree char *element = g_strdup_printf ("%s[%u]", item_field, i);
          double v;
          if (!is_number (item))
            return fail (r, BPL_ERROR_FORMAT, element, _("expected a number, found %s"), node_kind (item));
          v = json_node_get_double (item);
          if (!isfinite (v))
            return fail (r, BPL_ERROR_LIMIT, element, _("%g is not a finite number"), v);
          out[(p == 0 ? 0 : net->n_weights) + i] = v;
        }
    }
  return TRUE;
}

/* "optimizer": {"kind": "adam", "beta1": 0.9, …} and, once it has trained,
 * "optimizer_state": {"t": 3, "m": {…}, "v": {…}} or {"velocity": {…}}. */
static gboolean
read_optimizer_settings (Reader *r, JsonObject *root, double version, const char *shape, BplNetwork *net)
{
  JsonNode *node = json_object_get_member (root, "optimizer");
  BplOptimizerSettings *o = &net->optimizer;
  JsonObject *obj, *state;

  if (node != NULL)
    {
      if (!require_version_2 (r, version, "optimizer", _("an optimiser")))
        return FALSE;
      obj = read_object (r, node, "optimizer", "{\"kind\": \"adam\"}");
      if (obj == NULL)
        return FALSE;
      node = json_object_get_member (obj, "kind");
      if (node == NULL)
        return fail (r, BPL_ERROR_FORMAT, "optimizer.kind", _("missing; give sgd, momentum or adam"));
      if (!read_optimizer (r, node, "optimizer.kind", &o->kind) ||
          !read_setting (r, obj, "optimizer", "momentum", BPL_DEFAULT_MOMENTUM, &o->momentum) ||
          !read_setting (r, obj, "optimizer", "beta1", BPL_DEFAULT_BETA1, &o->beta1) ||
          !read_setting (r, obj, "optimizer", "beta2", BPL_DEFAULT_BETA2, &o->beta2) ||
          !read_setting (r, obj, "optimizer", "epsilon", BPL_DEFAULT_EPSILON, &o->epsilon))
        return FALSE;
    }

  node = json_object_get_member (root, "optimizer_state");
  if (node == NULL)
    return TRUE;
  if (!require_version_2 (r, version, "optimizer_state", _("an optimiser's state")))
    return FALSE;
  if (o->kind == BPL_OPTIMIZER_SGD)
    return fail (r, BPL_ERROR_FORMAT, "optimizer_state", _("plain gradient descent (sgd) keeps no state"));
  state = read_object (r, node, "optimizer_state", o->kind == BPL_OPTIMIZER_ADAM
                                                     ? "{\"t\": 3, \"m\": {…}, \"v\": {…}}"
                                                     : "{\"velocity\": {…}}");
  if (state == NULL)
    return FALSE;
  if (o->kind == BPL_OPTIMIZER_MOMENTUM)
    return read_state_arrays (r, state, "velocity", shape, net, net->moment1);

  node = json_object_get_member (state, "t");
  {
    double t = node != NULL && is_number (node) ? json_node_get_double (node) : -1;
    /* 2⁵³: every count up to it is exact in a double. */
    if (t != floor (t) || t < 0 || t > 9007199254740992.0)
      return fail (r, BPL_ERROR_FORMAT, "optimizer_state.t", _("expected Adam's step count, a whole number 0 or "
                   "more, found %s"), node != NULL && is_number (node) ? _("a fraction or a negative number")
                                                                       : node_kind (node));
    net->optimizer_steps = (guint64) t;
  }
  return read_state_arrays (r, state, "m", shape, net, net->moment1) &&
         read_state_arrays (r, state, "v", shape, net, net->moment2);
}

static char *
default_name (const char *display_name)
{
  g_autofree char *base = g_path_get_basename (display_name ? display_name : "network");
  char *dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_utf8_make_valid (base, -1);
}

BplNetwork *
bpl_network_load_from_data (const char *data, gsize length, const char *display_name, GError **error)
{
  Reader r = { display_name ? display_name : "network", error };
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) parse_error = NULL;
  g_autoptr (BplNetwork) net = NULL;
  g_autofree char *shape = NULL;
  JsonObject *root;
  JsonNode *node;
  guint sizes[BPL_MAX_LAYERS];
  guint n_layers = 0;
  BplBiasMode bias_mode;
  const char *format;
  double version;
  guint parse_position[2] = { 1, 1 };

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    return fail (&r, BPL_ERROR_PARSE, NULL, _("the file is empty")), NULL;
  if (length > BPL_FILE_MAX_SIZE)
    return fail (&r, BPL_ERROR_LIMIT, NULL, _("%zu bytes is larger than the %d MiB a network "
                 "file may have"), length, BPL_FILE_MAX_SIZE / (1024 * 1024)), NULL;
  if (!g_utf8_validate_len (data, length, NULL))
    return fail (&r, BPL_ERROR_PARSE, NULL, _("not a text file (not valid UTF-8)")), NULL;
  if (!check_structure (&r, data, length))
    return NULL;

  parser = json_parser_new_immutable ();
  g_signal_connect (parser, "error", G_CALLBACK (on_parse_error), parse_position);
  if (!json_parser_load_from_data (parser, data, (gssize) length, &parse_error))
    {
      g_autofree char *mistake = NULL;

      /* Where the mistake is, in our words; json-glib's position when
       * the checker finds nothing it objects to. */
      if (bpl_json_find_mistake (data, length, &mistake))
        return fail (&r, BPL_ERROR_PARSE, NULL, "%s", mistake), NULL;
      return fail (&r, BPL_ERROR_PARSE, NULL, _("line %u, column %u: the JSON is not valid"), parse_position[0],
                   parse_position[1]), NULL;
    }
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail (&r, BPL_ERROR_FORMAT, NULL, _("expected a JSON object with \"format\": \"%s\", found %s"),
                 BPL_FILE_FORMAT_NAME, node_kind (node)), NULL;
  root = json_node_get_object (node);

  node = member (&r, root, "format", TRUE);
  if (node == NULL || !read_string (&r, node, "format", &format))
    return NULL;
  if (!g_str_equal (format, BPL_FILE_FORMAT_NAME))
    return fail (&r, BPL_ERROR_FORMAT, "format", _("expected \"%s\"; this is not a Backprop Lens network"),
                 BPL_FILE_FORMAT_NAME), NULL;

  node = member (&r, root, "version", TRUE);
  if (node == NULL)
    return NULL;
  version = is_number (node) ? json_node_get_double (node) : 0;
  if (version != floor (version) || version < 1)
    return fail (&r, BPL_ERROR_FORMAT, "version", _("expected a whole number such as 1")), NULL;
  if (version > BPL_FILE_FORMAT_VERSION)
    return fail (&r, BPL_ERROR_VERSION, "version", _("this file is version %.0f; this Backprop Lens reads "
                 "versions 1 to %d: a newer Backprop Lens wrote it"), version, BPL_FILE_FORMAT_VERSION), NULL;

  node = member (&r, root, "layers", TRUE);
  if (node == NULL || !read_layers (&r, node, sizes, &n_layers))
    return NULL;
  shape = layers_text (sizes, n_layers);

  node = member (&r, root, "bias_mode", TRUE);
  if (node == NULL || !read_bias_mode (&r, node, "bias_mode", &bias_mode))
    return NULL;

  {
    g_autoptr (GError) shape_error = NULL;
    net = bpl_network_new (sizes, n_layers, bias_mode, &shape_error);
    if (net == NULL)
      return fail (&r, BPL_ERROR_LIMIT, "layers", "%s", shape_error->message), NULL;
  }

  node = json_object_get_member (root, "name");
  if (node != NULL)
    {
      const char *name;
      if (!read_string (&r, node, "name", &name))
        return NULL;
      bpl_network_set_name (net, name);
    }
  else
    {
      g_autofree char *name = default_name (display_name);
      bpl_network_set_name (net, name);
    }

  node = member (&r, root, "activation", TRUE);
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      if (json_array_get_length (array) != n_layers - 1)
        return fail (&r, BPL_ERROR_FORMAT, "activation", _("%s need %u names, one per non-input layer, found %u"),
                     shape, n_layers - 1, json_array_get_length (array)), NULL;
      for (guint l = 1; l < n_layers; l++)
        {
          g_autofree char *field = g_strdup_printf ("activation[%u]", l - 1);
          if (!read_activation (&r, json_array_get_element (array, l - 1), field, &net->activation[l]))
            return NULL;
          if (net->activation[l] == BPL_ACTIVATION_SOFTMAX && l + 1 < n_layers)
            return fail (&r, BPL_ERROR_FORMAT, field, _("softmax is for the output layer only; layer %u is "
                         "hidden"), l + 1), NULL;
        }
    }
  else
    {
      BplActivation act;
      if (!read_activation (&r, node, "activation", &act))
        return NULL;
      if (act == BPL_ACTIVATION_SOFTMAX && n_layers > 2)
        return fail (&r, BPL_ERROR_FORMAT, "activation", _("softmax is for the output layer only; give one "
                     "name per layer, such as [\"sigmoid\", \"softmax\"]")), NULL;
      for (guint l = 1; l < n_layers; l++)
        net->activation[l] = act;
    }

  if (net->activation[n_layers - 1] == BPL_ACTIVATION_SOFTMAX &&
      !require_version_2 (&r, version, "activation", "softmax"))
    return NULL;

  node = member (&r, root, "loss", TRUE);
  if (node == NULL || !read_loss (&r, node, "loss", &net->loss))
    return NULL;

  node = json_object_get_member (root, "update_biases");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return fail (&r, BPL_ERROR_FORMAT, "update_biases", _("expected true or false, found %s"),
                     node_kind (node)), NULL;
      net->update_biases = json_node_get_boolean (node);
    }

  if (!read_batch_size (&r, root, version, net) || !read_penalty (&r, root, version, net) ||
      !read_optimizer_settings (&r, root, version, shape, net))
    return NULL;
  node = json_object_get_member (root, "update_order");
  if (node != NULL && !read_update_order (&r, node, "update_order", &net->update_order))
    return NULL;

  node = member (&r, root, "learning_rate", TRUE);
  if (node == NULL || !read_number (&r, node, "learning_rate", &net->learning_rate))
    return NULL;
  if (net->learning_rate < 0)
    return fail (&r, BPL_ERROR_FORMAT, "learning_rate", _("must be 0 or more, found %g"), net->learning_rate), NULL;

  {
    g_autofree char *why = g_strdup_printf ("%s", shape);
    node = member (&r, root, "weights", TRUE);
    if (node == NULL || !read_numbers (&r, node, "weights", net->n_weights, why, _("weight"), _("weights"), net->weights))
      return NULL;
  }

  node = json_object_get_member (root, "biases");
  if (node != NULL || net->n_biases > 0)
    {
      g_autofree char *why = g_strdup_printf (_("%s with bias_mode %s"), shape, bpl_bias_mode_to_string (bias_mode));
      if (node == NULL)
        return fail (&r, BPL_ERROR_FORMAT, "biases",
                     g_dngettext (GETTEXT_PACKAGE, "missing; %s need %u bias", "missing; %s need %u biases",
                                  net->n_biases),
                     why, net->n_biases), NULL;
      if (!read_numbers (&r, node, "biases", net->n_biases, why, _("bias"), _("biases"), net->biases))
        return NULL;
    }

  node = member (&r, root, "samples", TRUE);
  if (node == NULL || !read_samples (&r, node, net))
    return NULL;

  node = json_object_get_member (root, "test_samples");
  if (node != NULL && !read_test_samples (&r, node, net))
    return NULL;

  {
    g_autoptr (GError) check_error = NULL;
    if (!bpl_network_check (net, &check_error))
      return fail (&r, BPL_ERROR_FORMAT, NULL, "%s", check_error->message), NULL;
  }

  /* Last, and never a refusal: a lesson only adds to a good network. */
  node = json_object_get_member (root, "lesson");
  if (node != NULL)
    {
      g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (BplLesson) lesson = _bpl_lesson_read (node, net, r.source, warnings);

      bpl_network_set_lesson (net, lesson);
      g_ptr_array_add (warnings, NULL);
      bpl_network_set_load_warnings (net, (const char * const *) warnings->pdata);
    }

  return g_steal_pointer (&net);
}

gboolean
_bpl_file_read (const char *path, gsize max_size, const char *kind, char **data, gsize *length, char **display,
                GError **error)
{
  g_autofree char *name = g_filename_display_name (path);
  g_autoptr (GError) read_error = NULL;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, BPL_ERROR, BPL_ERROR_IO, "%s: %s", name, g_strerror (saved));
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_IO, _("%s: is a folder, not a %s"), name, kind);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_IO, _("%s: is not a regular file"), name);
      return FALSE;
    }
  if ((guint64) st.st_size > max_size)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT, _("%s: %" PRIu64 " bytes is larger than the "
                   "%zu MiB a %s may have"), name, (guint64) st.st_size,
                   max_size / (1024 * 1024), kind);
      return FALSE;
    }
  if (!g_file_get_contents (path, data, length, &read_error))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_IO, "%s", read_error->message);
      return FALSE;
    }
  *display = g_steal_pointer (&name);
  return TRUE;
}

BplNetwork *
bpl_network_load_from_file (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  g_autofree char *display = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!_bpl_file_read (path, BPL_FILE_MAX_SIZE, _("network file"), &data, &length, &display, error))
    return NULL;
  return bpl_network_load_from_data (data, length, display, error);
}

/* The shortest decimal that reads back as exactly the same double. */
static void
append_number (GString *out, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];
      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  /* "-0" reads back as the integer 0 and loses its sign; "-0.0" is the
   * double −0. */
  if (v == 0 && signbit (v))
    g_strlcpy (buf, "-0.0", sizeof buf);
  g_string_append (out, buf);
}

static void
append_numbers (GString *out, const double *values, gsize n)
{
  g_string_append_c (out, '[');
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      append_number (out, values[i]);
    }
  g_string_append_c (out, ']');
}

static void
append_json_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++)
    {
      unsigned char c = (unsigned char) *p;
      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

/* ",\n  "test_samples": […]" after the samples, when there are any: files
 * without them stay as they were. */
static void
append_test_samples (GString *out, const BplNetwork *net)
{
  guint n = bpl_network_get_n_test_samples (net);

  if (n == 0)
    return;
  g_string_append (out, ",\n  \"test_samples\": [\n");
  for (guint s = 0; s < n; s++)
    {
      g_string_append (out, "    { \"input\": ");
      append_numbers (out, bpl_network_get_test_input (net, s), net->layer_size[0]);
      g_string_append (out, ", \"target\": ");
      append_numbers (out, bpl_network_get_test_target (net, s), net->layer_size[net->n_layers - 1]);
      g_string_append_printf (out, " }%s\n", s + 1 < n ? "," : "");
    }
  g_string_append (out, "  ]");
}

/* A file is version 1 unless it uses something only version 2 has, so
 * that an older Backprop Lens still opens what it can read. */
static gboolean
needs_version_2 (const BplNetwork *net)
{
  return net->activation[net->n_layers - 1] == BPL_ACTIVATION_SOFTMAX ||
         bpl_network_get_training (net) == BPL_TRAINING_MINI_BATCH ||
         net->regularization != BPL_REGULARIZATION_NONE || net->optimizer.kind != BPL_OPTIMIZER_SGD;
}

/* ,\n  "name": <number> */
static void
append_member_number (GString *out, const char *name, double v)
{
  g_string_append_printf (out, ", \"%s\": ", name);
  append_number (out, v);
}

/* The penalty and the optimiser, each only when it is not the default. */
static void
append_settings_v2 (GString *out, const BplNetwork *net)
{
  const BplOptimizerSettings *o = &net->optimizer;

  if (net->regularization != BPL_REGULARIZATION_NONE)
    {
      g_string_append_printf (out, ",\n  \"regularization\": { \"kind\": \"%s\"",
                              bpl_regularization_to_string (net->regularization));
      append_member_number (out, "strength", net->regularization_strength);
      g_string_append (out, " }");
    }
  if (o->kind != BPL_OPTIMIZER_SGD)
    {
      g_string_append_printf (out, ",\n  \"optimizer\": { \"kind\": \"%s\"", bpl_optimizer_to_string (o->kind));
      if (o->kind == BPL_OPTIMIZER_MOMENTUM)
        append_member_number (out, "momentum", o->momentum);
      else
        {
          append_member_number (out, "beta1", o->beta1);
          append_member_number (out, "beta2", o->beta2);
          append_member_number (out, "epsilon", o->epsilon);
        }
      g_string_append (out, " }");
    }
}

/*   "m": { "weights": […], "biases": […] } */
static void
append_state_arrays (GString *out, const char *name, const BplNetwork *net, const double *values)
{
  g_string_append_printf (out, "    \"%s\": {\n      \"weights\": ", name);
  append_numbers (out, values, net->n_weights);
  g_string_append (out, ",\n      \"biases\": ");
  append_numbers (out, values + net->n_weights, net->n_biases);
  g_string_append (out, "\n    }");
}

/* The optimiser's state, once a step has made one. */
static void
append_state (GString *out, const BplNetwork *net)
{
  if (net->optimizer.kind == BPL_OPTIMIZER_SGD || !bpl_network_has_optimizer_state (net))
    return;
  g_string_append (out, ",\n  \"optimizer_state\": {\n");
  if (net->optimizer.kind == BPL_OPTIMIZER_MOMENTUM)
    append_state_arrays (out, "velocity", net, net->moment1);
  else
    {
      g_string_append_printf (out, "    \"t\": %" G_GUINT64_FORMAT ",\n", net->optimizer_steps);
      append_state_arrays (out, "m", net, net->moment1);
      g_string_append (out, ",\n");
      append_state_arrays (out, "v", net, net->moment2);
    }
  g_string_append (out, "\n  }");
}

char *
bpl_network_to_data (const BplNetwork *net, gsize *length)
{
  GString *out = g_string_new ("{\n");
  gboolean uniform = TRUE;

  g_return_val_if_fail (net != NULL, NULL);

  g_string_append_printf (out, "  \"format\": \"%s\",\n  \"version\": %d,\n  \"name\": ",
                          BPL_FILE_FORMAT_NAME, needs_version_2 (net) ? 2 : 1);
  append_json_string (out, net->name);
  g_string_append (out, ",\n  \"layers\": [");
  for (guint l = 0; l < net->n_layers; l++)
    g_string_append_printf (out, "%s%u", l ? ", " : "", net->layer_size[l]);
  g_string_append (out, "],\n  \"activation\": ");
  for (guint l = 2; l < net->n_layers; l++)
    uniform = uniform && net->activation[l] == net->activation[1];
  if (uniform)
    g_string_append_printf (out, "\"%s\"", bpl_activation_to_string (net->activation[1]));
  else
    {
      g_string_append_c (out, '[');
      for (guint l = 1; l < net->n_layers; l++)
        g_string_append_printf (out, "%s\"%s\"", l > 1 ? ", " : "", bpl_activation_to_string (net->activation[l]));
      g_string_append_c (out, ']');
    }
  g_string_append_printf (out, ",\n  \"loss\": \"%s\",\n  \"bias_mode\": \"%s\",\n  \"update_biases\": %s,\n"
                          "  \"training\": \"%s\",\n",
                          bpl_loss_to_string (net->loss), bpl_bias_mode_to_string (net->bias_mode),
                          net->update_biases ? "true" : "false",
                          bpl_training_mode_to_string (bpl_network_get_training (net)));
  if (bpl_network_get_training (net) == BPL_TRAINING_MINI_BATCH)
    g_string_append_printf (out, "  \"batch_size\": %u,\n", net->batch_size);
  g_string_append_printf (out, "  \"update_order\": \"%s\",\n  \"learning_rate\": ",
                          bpl_update_order_to_string (net->update_order));
  append_number (out, net->learning_rate);
  append_settings_v2 (out, net);
  g_string_append (out, ",\n  \"weights\": ");
  append_numbers (out, net->weights, net->n_weights);
  g_string_append (out, ",\n  \"biases\": ");
  append_numbers (out, net->biases, net->n_biases);
  append_state (out, net);
  g_string_append (out, ",\n  \"samples\": [\n");
  for (guint s = 0; s < net->n_samples; s++)
    {
      g_string_append (out, "    { \"input\": ");
      append_numbers (out, bpl_network_get_input (net, s), net->layer_size[0]);
      g_string_append (out, ", \"target\": ");
      append_numbers (out, bpl_network_get_target (net, s), net->layer_size[net->n_layers - 1]);
      g_string_append_printf (out, " }%s\n", s + 1 < net->n_samples ? "," : "");
    }
  g_string_append (out, "  ]");
  append_test_samples (out, net);
  if (net->lesson != NULL)
    _bpl_lesson_append_json (out, net->lesson);
  g_string_append (out, "\n}\n");

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

gboolean
bpl_network_save_to_file (const BplNetwork *net, const char *path, GError **error)
{
  g_autofree char *data = NULL;
  g_autoptr (GError) write_error = NULL;
  gsize length;

  g_return_val_if_fail (net != NULL && path != NULL, FALSE);

  {
    g_autoptr (GError) check_error = NULL;
    if (!bpl_network_check (net, &check_error))
      {
        g_autofree char *display = g_filename_display_name (path);
        g_set_error (error, BPL_ERROR, check_error->code, "%s: not saved: %s", display, check_error->message);
        return FALSE;
      }
  }

  data = bpl_network_to_data (net, &length);
  /* Written beside the target and renamed over it: a failed save leaves the
   * old file whole. */
  if (!g_file_set_contents_full (path, data, (gssize) length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0666,
                                 &write_error))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_IO, "%s", write_error->message);
      return FALSE;
    }
  return TRUE;
}

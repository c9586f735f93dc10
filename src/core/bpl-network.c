/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "bpl-error.h"
#include "bpl-network-private.h"

/* Enum names as they appear in network files. */
static const char *const activation_names[] = { "sigmoid", "tanh", "relu", "linear", "softmax" };
static const char *const loss_names[] = { "squared-error", "cross-entropy" };
static const char *const bias_mode_names[] = { "per-layer", "per-neuron", "none" };
static const char *const training_names[] = { "online", "batch", "mini-batch" };
static const char *const update_order_names[] = { "simultaneous", "output-first" };
static const char *const regularization_names[] = { "none", "l1", "l2" };
static const char *const optimizer_names[] = { "sgd", "momentum", "adam" };

static gboolean
lookup_name (const char *const *names, guint n_names, const char *str, int *out)
{
  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < n_names; i++)
    if (g_str_equal (names[i], str))
      {
        *out = (int) i;
        return TRUE;
      }
  return FALSE;
}

#define DEFINE_ENUM_STRINGS(Type, prefix, names)                                  \
  const char *prefix##_to_string (Type value)                                     \
  {                                                                               \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (names), NULL);            \
    return names[value];                                                          \
  }                                                                               \
  gboolean prefix##_from_string (const char *str, Type *out)                      \
  {                                                                               \
    int v;                                                                        \
    if (!lookup_name (names, G_N_ELEMENTS (names), str, &v))                      \
      return FALSE;                                                               \
    *out = (Type) v;                                                              \
    return TRUE;                                                                  \
  }

DEFINE_ENUM_STRINGS (BplActivation, bpl_activation, activation_names)
DEFINE_ENUM_STRINGS (BplLoss, bpl_loss, loss_names)
DEFINE_ENUM_STRINGS (BplBiasMode, bpl_bias_mode, bias_mode_names)
DEFINE_ENUM_STRINGS (BplTrainingMode, bpl_training_mode, training_names)
DEFINE_ENUM_STRINGS (BplUpdateOrder, bpl_update_order, update_order_names)
DEFINE_ENUM_STRINGS (BplRegularization, bpl_regularization, regularization_names)
DEFINE_ENUM_STRINGS (BplOptimizer, bpl_optimizer, optimizer_names)

/* Index tables and names follow from the shape and bias mode alone. */
/* "w1" … "w65536" in one block of text, for a network copied at every
 * training step (its undo): 58k names one by one cost more than the step. */
static char **
numbered_names (char    letter,
                guint   n,
                char  **text)
{
  char **names = g_new0 (char *, n + 1);
  char *p = *text = g_malloc ((gsize) n * 8 + 1);

  for (guint i = 0; i < n; i++)
    {
      char digits[12];
      guint len = 0;

      for (guint v = i + 1; v > 0; v /= 10)
        digits[len++] = (char) ('0' + v % 10);
      names[i] = p;
      *p++ = letter;
      while (len > 0)
        *p++ = digits[--len];
      *p++ = '\0';
    }
  return names;
}

static void
build_index (BplNetwork *self)
{
  guint L = self->n_layers;
  guint n_hidden_seen = 0;

  self->layer_start = g_new0 (guint, L + 1);
  self->weight_start = g_new0 (guint, L + 1);
  for (guint l = 0; l < L; l++)
    self->layer_start[l + 1] = self->layer_start[l] + self->layer_size[l];
  self->n_neurons = self->layer_start[L];
  self->weight_start[1] = 0;
  for (guint l = 1; l < L; l++)
    self->weight_start[l + 1] = self->weight_start[l] + self->layer_size[l] * self->layer_size[l - 1];
  self->n_weights = self->weight_start[L];

  switch (self->bias_mode)
    {
    case BPL_BIAS_PER_LAYER:
      self->n_biases = L - 1;
      break;
    case BPL_BIAS_PER_NEURON:
      self->n_biases = self->n_neurons - self->layer_size[0];
      break;
    case BPL_BIAS_NONE:
    default:
      self->n_biases = 0;
      break;
    }

  self->neuron_bias = g_new (gint, self->n_neurons);
  for (guint l = 0; l < L; l++)
    for (guint j = 0; j < self->layer_size[l]; j++)
      {
        guint n = self->layer_start[l] + j;
        if (l == 0 || self->bias_mode == BPL_BIAS_NONE)
          self->neuron_bias[n] = -1;
        else if (self->bias_mode == BPL_BIAS_PER_LAYER)
          self->neuron_bias[n] = (gint) l - 1;
        else
          self->neuron_bias[n] = (gint) (n - self->layer_size[0]);
      }

  self->neuron_names = g_new0 (char *, self->n_neurons + 1);
  for (guint l = 0; l < L; l++)
    for (guint j = 0; j < self->layer_size[l]; j++)
      {
        guint n = self->layer_start[l] + j;
        if (l == 0)
          self->neuron_names[n] = g_strdup_printf ("i%u", j + 1);
        else if (l == L - 1)
          self->neuron_names[n] = g_strdup_printf ("o%u", j + 1);
        else
          self->neuron_names[n] = g_strdup_printf ("h%u", ++n_hidden_seen);
      }
  self->weight_names = numbered_names ('w', self->n_weights, &self->weight_name_text);
  self->bias_names = g_new0 (char *, self->n_biases + 1);
  for (guint b = 0; b < self->n_biases; b++)
    self->bias_names[b] = g_strdup_printf ("b%u", b + 1);
}

BplNetwork *
bpl_network_new (const guint *layer_sizes,
                 guint        n_layers,
                 BplBiasMode  bias_mode,
                 GError     **error)
{
  g_autoptr (BplNetwork) self = NULL;
  guint64 n_weights = 0;

  g_return_val_if_fail (layer_sizes != NULL || n_layers == 0, NULL);
  g_return_val_if_fail ((guint) bias_mode <= BPL_BIAS_NONE, NULL);

  if (n_layers < 2 || n_layers > BPL_MAX_LAYERS)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT,
                   _("a network needs between 2 and %d layers, not %u"), BPL_MAX_LAYERS, n_layers);
      return NULL;
    }
  for (guint l = 0; l < n_layers; l++)
    {
      if (layer_sizes[l] < 1 || layer_sizes[l] > BPL_MAX_LAYER_SIZE)
        {
          g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT,
                       _("layer %u has %u neurons; each layer needs between 1 and %d"),
                       l + 1, layer_sizes[l], BPL_MAX_LAYER_SIZE);
          return NULL;
        }
      if (l > 0)
        n_weights += (guint64) layer_sizes[l] * layer_sizes[l - 1];
    }
  if (n_weights > BPL_MAX_WEIGHTS)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT,
                   _("the network would have %" PRIu64 " weights; at most %d are allowed"),
                   n_weights, BPL_MAX_WEIGHTS);
      return NULL;
    }

  self = g_new0 (BplNetwork, 1);
  self->name = g_strdup ("Untitled network");
  self->n_layers = n_layers;
  self->layer_size = g_memdup2 (layer_sizes, sizeof (guint) * n_layers);
  self->bias_mode = bias_mode;
  build_index (self);

  self->activation = g_new0 (BplActivation, n_layers);
  for (guint l = 0; l < n_layers; l++)
    self->activation[l] = BPL_ACTIVATION_SIGMOID;
  self->loss = BPL_LOSS_SQUARED_ERROR;
  self->update_biases = FALSE;
  self->batch_size = 1;
  self->update_order = BPL_UPDATE_SIMULTANEOUS;
  self->learning_rate = 0.5;
  self->weights = g_new0 (double, MAX (self->n_weights, 1));
  self->biases = g_new0 (double, MAX (self->n_biases, 1));
  self->optimizer = (BplOptimizerSettings) { BPL_OPTIMIZER_SGD, BPL_DEFAULT_MOMENTUM, BPL_DEFAULT_BETA1,
                                             BPL_DEFAULT_BETA2, BPL_DEFAULT_EPSILON };
  self->moment1 = g_new0 (double, self->n_weights + self->n_biases + 1);
  self->moment2 = g_new0 (double, self->n_weights + self->n_biases + 1);
  self->n_samples = 1;
  self->inputs = g_new0 (double, layer_sizes[0]);
  self->targets = g_new0 (double, layer_sizes[n_layers - 1]);

  return g_steal_pointer (&self);
}

BplNetwork *
bpl_network_new_worked_example (void)
{
  static const guint layers[] = { 2, 2, 2 };
  static const double weights[] = { 0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55 };
  BplNetwork *self = bpl_network_new (layers, 3, BPL_BIAS_PER_LAYER, NULL);

  g_assert (self != NULL);
  bpl_network_set_name (self, "Worked example");
  memcpy (self->weights, weights, sizeof weights);
  self->biases[0] = 0.35;
  self->biases[1] = 0.60;
  self->inputs[0] = 0.05;
  self->inputs[1] = 0.10;
  self->targets[0] = 0.01;
  self->targets[1] = 0.99;
  return self;
}

const BplLesson *
bpl_network_get_lesson (const BplNetwork *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->lesson;
}

void
bpl_network_set_lesson (BplNetwork *self, const BplLesson *lesson)
{
  g_return_if_fail (self != NULL);

  if (lesson == self->lesson)
    return;
  g_clear_pointer (&self->lesson, bpl_lesson_free);
  if (lesson != NULL)
    self->lesson = bpl_lesson_copy (lesson);
}

const char * const *
bpl_network_get_load_warnings (const BplNetwork *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->load_warnings;
}

void
bpl_network_set_load_warnings (BplNetwork *self, const char * const *warnings)
{
  g_return_if_fail (self != NULL);

  if (warnings == (const char * const *) self->load_warnings)
    return;
  g_clear_pointer (&self->load_warnings, g_strfreev);
  if (warnings != NULL && warnings[0] != NULL)
    self->load_warnings = g_strdupv ((char **) warnings);
}

BplNetwork *
bpl_network_copy (const BplNetwork *self)
{
  BplNetwork *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = bpl_network_new (self->layer_size, self->n_layers, self->bias_mode, NULL);
  g_assert (copy != NULL);
  bpl_network_set_name (copy, self->name);
  memcpy (copy->activation, self->activation, sizeof (BplActivation) * self->n_layers);
  copy->loss = self->loss;
  copy->update_biases = self->update_biases;
  copy->batch_size = self->batch_size;
  copy->update_order = self->update_order;
  copy->learning_rate = self->learning_rate;
  copy->regularization = self->regularization;
  copy->regularization_strength = self->regularization_strength;
  copy->optimizer = self->optimizer;
  memcpy (copy->moment1, self->moment1, sizeof (double) * (self->n_weights + self->n_biases));
  memcpy (copy->moment2, self->moment2, sizeof (double) * (self->n_weights + self->n_biases));
  copy->optimizer_steps = self->optimizer_steps;
  memcpy (copy->weights, self->weights, sizeof (double) * self->n_weights);
  memcpy (copy->biases, self->biases, sizeof (double) * self->n_biases);
  copy->n_samples = self->n_samples;
  g_free (copy->inputs);
  g_free (copy->targets);
  copy->inputs = g_memdup2 (self->inputs, sizeof (double) * self->n_samples * self->layer_size[0]);
  copy->targets = g_memdup2 (self->targets,
                             sizeof (double) * self->n_samples * self->layer_size[self->n_layers - 1]);
  copy->steps = self->steps;
  _bpl_network_copy_test_samples (copy, self);
  bpl_network_set_lesson (copy, self->lesson);
  bpl_network_set_load_warnings (copy, (const char * const *) self->load_warnings);
  return copy;
}

void
bpl_network_copy_training_settings (BplNetwork *dst, const BplNetwork *src)
{
  g_return_if_fail (dst != NULL && src != NULL);

  dst->loss = src->loss;
  dst->update_biases = src->update_biases;
  dst->batch_size = src->batch_size;
  dst->update_order = src->update_order;
  dst->learning_rate = src->learning_rate;
  dst->regularization = src->regularization;
  dst->regularization_strength = src->regularization_strength;
  dst->optimizer = src->optimizer;
  bpl_network_reset_optimizer (dst);
}

void
bpl_network_free (BplNetwork *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_clear_pointer (&self->lesson, bpl_lesson_free);
  g_strfreev (self->load_warnings);
  g_free (self->layer_size);
  g_free (self->layer_start);
  g_free (self->weight_start);
  g_free (self->activation);
  g_free (self->weights);
  g_free (self->biases);
  g_free (self->moment1);
  g_free (self->moment2);
  g_free (self->neuron_bias);
  g_free (self->inputs);
  g_free (self->targets);
  _bpl_network_free_test_samples (self);
  g_strfreev (self->neuron_names);
  /* Its names point into one block. */
  g_free (self->weight_names);
  g_free (self->weight_name_text);
  g_strfreev (self->bias_names);
  g_free (self);
}

gboolean
bpl_network_same_shape (const BplNetwork *a, const BplNetwork *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);
  return a->n_layers == b->n_layers && a->bias_mode == b->bias_mode &&
         memcmp (a->layer_size, b->layer_size, sizeof (guint) * a->n_layers) == 0;
}

/* Bitwise comparison of doubles, so a round trip is checked exactly. */
static gboolean
doubles_equal (const double *a, const double *b, gsize n)
{
  return n == 0 || memcmp (a, b, sizeof (double) * n) == 0;
}

gboolean
bpl_network_equal (const BplNetwork *a, const BplNetwork *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  if (!bpl_network_same_shape (a, b))
    return FALSE;
  if (!_bpl_network_test_samples_equal (a, b))
    return FALSE;
  return g_strcmp0 (a->name, b->name) == 0 && bpl_lesson_equal (a->lesson, b->lesson) &&
         memcmp (a->activation + 1, b->activation + 1, sizeof (BplActivation) * (a->n_layers - 1)) == 0 &&
         a->loss == b->loss && a->update_biases == b->update_biases &&
         a->batch_size == b->batch_size && a->update_order == b->update_order &&
         a->learning_rate == b->learning_rate && a->n_samples == b->n_samples &&
         a->regularization == b->regularization &&
         (a->regularization == BPL_REGULARIZATION_NONE ||
          a->regularization_strength == b->regularization_strength) &&
         a->optimizer.kind == b->optimizer.kind &&
         (a->optimizer.kind != BPL_OPTIMIZER_MOMENTUM || a->optimizer.momentum == b->optimizer.momentum) &&
         (a->optimizer.kind != BPL_OPTIMIZER_ADAM ||
          (a->optimizer.beta1 == b->optimizer.beta1 && a->optimizer.beta2 == b->optimizer.beta2 &&
           a->optimizer.epsilon == b->optimizer.epsilon)) &&
         a->optimizer_steps == b->optimizer_steps &&
         doubles_equal (a->moment1, b->moment1, a->n_weights + a->n_biases) &&
         doubles_equal (a->moment2, b->moment2, a->n_weights + a->n_biases) &&
         doubles_equal (a->weights, b->weights, a->n_weights) &&
         doubles_equal (a->biases, b->biases, a->n_biases) &&
         doubles_equal (a->inputs, b->inputs, (gsize) a->n_samples * a->layer_size[0]) &&
         doubles_equal (a->targets, b->targets, (gsize) a->n_samples * a->layer_size[a->n_layers - 1]);
}

const char *
bpl_network_get_name (const BplNetwork *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->name;
}

void
bpl_network_set_name (BplNetwork *self, const char *name)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (name != NULL);
  if (self->name != name)
    {
      /* A parser's escapes can yield invalid UTF-8 (a lone surrogate
       * \ud800); a name is shown and saved, so it must be valid. */
      char *valid = g_utf8_make_valid (name, -1);
      g_free (self->name);
      self->name = valid;
    }
}

guint bpl_network_get_n_layers (const BplNetwork *self) { return self->n_layers; }
guint bpl_network_get_n_neurons (const BplNetwork *self) { return self->n_neurons; }
guint bpl_network_get_n_inputs (const BplNetwork *self) { return self->layer_size[0]; }
guint bpl_network_get_n_outputs (const BplNetwork *self) { return self->layer_size[self->n_layers - 1]; }
guint bpl_network_get_n_weights (const BplNetwork *self) { return self->n_weights; }
guint bpl_network_get_n_biases (const BplNetwork *self) { return self->n_biases; }
guint bpl_network_get_n_samples (const BplNetwork *self) { return self->n_samples; }

guint
bpl_network_get_layer_size (const BplNetwork *self, guint layer)
{
  g_return_val_if_fail (layer < self->n_layers, 0);
  return self->layer_size[layer];
}

guint
bpl_network_get_layer_start (const BplNetwork *self, guint layer)
{
  g_return_val_if_fail (layer <= self->n_layers, 0);
  return self->layer_start[layer];
}

guint
bpl_network_get_neuron_layer (const BplNetwork *self, guint neuron)
{
  g_return_val_if_fail (neuron < self->n_neurons, 0);
  for (guint l = 0; l + 1 < self->n_layers; l++)
    if (neuron < self->layer_start[l + 1])
      return l;
  return self->n_layers - 1;
}

guint
bpl_network_get_weight_start (const BplNetwork *self, guint layer)
{
  g_return_val_if_fail (layer >= 1 && layer <= self->n_layers, 0);
  return self->weight_start[layer];
}

/* The layer a weight feeds: the l with weight_start[l] <= w < weight_start[l + 1]. */
static guint
weight_layer (const BplNetwork *self, guint weight)
{
  guint l = 1;
  while (weight >= self->weight_start[l + 1])
    l++;
  return l;
}

guint
bpl_network_get_weight_source (const BplNetwork *self, guint weight)
{
  guint l;

  g_return_val_if_fail (weight < self->n_weights, 0);
  l = weight_layer (self, weight);
  return self->layer_start[l - 1] + (weight - self->weight_start[l]) % self->layer_size[l - 1];
}

guint
bpl_network_get_weight_target (const BplNetwork *self, guint weight)
{
  guint l;

  g_return_val_if_fail (weight < self->n_weights, 0);
  l = weight_layer (self, weight);
  return self->layer_start[l] + (weight - self->weight_start[l]) / self->layer_size[l - 1];
}

gint
bpl_network_find_weight (const BplNetwork *self, guint source, guint target)
{
  guint ls, lt;

  g_return_val_if_fail (source < self->n_neurons && target < self->n_neurons, -1);
  ls = bpl_network_get_neuron_layer (self, source);
  lt = bpl_network_get_neuron_layer (self, target);
  if (lt != ls + 1)
    return -1;
  return (gint) (self->weight_start[lt] +
                 (target - self->layer_start[lt]) * self->layer_size[ls] +
                 (source - self->layer_start[ls]));
}

gint
bpl_network_get_neuron_bias (const BplNetwork *self, guint neuron)
{
  g_return_val_if_fail (neuron < self->n_neurons, -1);
  return self->neuron_bias[neuron];
}

guint
bpl_network_get_bias_layer (const BplNetwork *self, guint bias)
{
  g_return_val_if_fail (bias < self->n_biases, 0);
  if (self->bias_mode == BPL_BIAS_PER_LAYER)
    return bias + 1;
  return bpl_network_get_neuron_layer (self, bias + self->layer_size[0]);
}

const char *
bpl_network_get_neuron_name (const BplNetwork *self, guint neuron)
{
  g_return_val_if_fail (neuron < self->n_neurons, NULL);
  return self->neuron_names[neuron];
}

const char *
bpl_network_get_weight_name (const BplNetwork *self, guint weight)
{
  g_return_val_if_fail (weight < self->n_weights, NULL);
  return self->weight_names[weight];
}

const char *
bpl_network_get_bias_name (const BplNetwork *self, guint bias)
{
  g_return_val_if_fail (bias < self->n_biases, NULL);
  return self->bias_names[bias];
}

const char *
bpl_network_get_param_name (const BplNetwork *self, BplParam param)
{
  if (param.kind == BPL_PARAM_WEIGHT)
    return bpl_network_get_weight_name (self, param.index);
  return bpl_network_get_bias_name (self, param.index);
}

char *
bpl_shorten_for_message (const char *text, glong max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  GString *out = g_string_new (NULL);
  glong n = 0;

  /* Control characters (a stray newline) are shown, not obeyed. */
  for (const char *p = valid; *p != '\0' && n < max_chars; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_iscntrl (c))
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_unichar (out, c);
    }
  if (g_utf8_strlen (valid, -1) > max_chars)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

/* Parses "<letter><1-based number>" with nothing else around it. */
static gboolean
parse_numbered (const char *name, char letter, guint limit, guint *index)
{
  guint64 n;
  const char *digits;
  char *end = NULL;

  if (name == NULL || g_ascii_tolower (name[0]) != letter)
    return FALSE;
  digits = name + 1;
  if (!g_ascii_isdigit (digits[0]))
    return FALSE;
  n = g_ascii_strtoull (digits, &end, 10);
  if (*end != '\0' || n < 1 || n > limit)
    return FALSE;
  *index = (guint) (n - 1);
  return TRUE;
}

gboolean
bpl_network_parse_param (const BplNetwork *self,
                         const char       *name,
                         BplParam         *out,
                         GError          **error)
{
  guint index;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (parse_numbered (name, 'w', self->n_weights, &index))
    {
      *out = (BplParam) { BPL_PARAM_WEIGHT, index };
      return TRUE;
    }
  if (parse_numbered (name, 'b', self->n_biases, &index))
    {
      *out = (BplParam) { BPL_PARAM_BIAS, index };
      return TRUE;
    }

  {
    g_autofree char *shown = bpl_shorten_for_message (name, 40);
    if (self->n_biases > 0)
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("no parameter “%s”: this network has weights w1…w%u and biases b1…b%u"),
                   shown, self->n_weights, self->n_biases);
    else
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("no parameter “%s”: this network has weights w1…w%u and no biases"),
                   shown, self->n_weights);
  }
  return FALSE;
}

gboolean
bpl_network_parse_neuron (const BplNetwork *self, const char *name, guint *out)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (name == NULL)
    return FALSE;
  for (guint n = 0; n < self->n_neurons; n++)
    if (g_ascii_strcasecmp (self->neuron_names[n], name) == 0)
      {
        *out = n;
        return TRUE;
      }
  return FALSE;
}

BplActivation
bpl_network_get_activation (const BplNetwork *self, guint layer)
{
  g_return_val_if_fail (layer >= 1 && layer < self->n_layers, BPL_ACTIVATION_SIGMOID);
  return self->activation[layer];
}

void
bpl_network_set_activation (BplNetwork *self, guint layer, BplActivation activation)
{
  g_return_if_fail (layer >= 1 && layer < self->n_layers);
  g_return_if_fail ((guint) activation <= BPL_ACTIVATION_SOFTMAX);
  self->activation[layer] = activation;
}

BplLoss bpl_network_get_loss (const BplNetwork *self) { return self->loss; }
BplBiasMode bpl_network_get_bias_mode (const BplNetwork *self) { return self->bias_mode; }
gboolean bpl_network_get_update_biases (const BplNetwork *self) { return self->update_biases; }
BplUpdateOrder bpl_network_get_update_order (const BplNetwork *self) { return self->update_order; }
double bpl_network_get_learning_rate (const BplNetwork *self) { return self->learning_rate; }
guint64 bpl_network_get_steps (const BplNetwork *self) { return self->steps; }
const double *bpl_network_get_weights (const BplNetwork *self) { return self->weights; }
const double *bpl_network_get_biases (const BplNetwork *self) { return self->biases; }

void
bpl_network_set_loss (BplNetwork *self, BplLoss loss)
{
  g_return_if_fail ((guint) loss <= BPL_LOSS_CROSS_ENTROPY);
  self->loss = loss;
}

void
bpl_network_set_update_biases (BplNetwork *self, gboolean update)
{
  self->update_biases = !!update;
}

BplTrainingMode
bpl_network_get_training (const BplNetwork *self)
{
  return self->batch_size == 1 ? BPL_TRAINING_ONLINE
         : self->batch_size == 0 ? BPL_TRAINING_BATCH
                                 : BPL_TRAINING_MINI_BATCH;
}

void
bpl_network_set_training (BplNetwork *self, BplTrainingMode mode)
{
  g_return_if_fail ((guint) mode <= BPL_TRAINING_MINI_BATCH);
  switch (mode)
    {
    case BPL_TRAINING_ONLINE:
      self->batch_size = 1;
      break;
    case BPL_TRAINING_BATCH:
      self->batch_size = 0;
      break;
    case BPL_TRAINING_MINI_BATCH:
    default:
      if (self->batch_size <= 1)
        self->batch_size = 2;
      break;
    }
}

guint
bpl_network_get_batch_size (const BplNetwork *self)
{
  return self->batch_size;
}

void
bpl_network_set_batch_size (BplNetwork *self, guint batch_size)
{
  g_return_if_fail (batch_size <= BPL_MAX_SAMPLES);
  self->batch_size = batch_size;
}

guint
bpl_network_get_samples_per_step (const BplNetwork *self)
{
  return bpl_network_step_size (self);
}

void
bpl_network_get_step_samples (const BplNetwork *self, guint64 step, guint *samples)
{
  guint first = bpl_network_first_sample (self, step);

  for (guint j = 0; j < bpl_network_step_size (self); j++)
    samples[j] = (guint) ((first + (guint64) j) % self->n_samples);
}

void
bpl_network_set_update_order (BplNetwork *self, BplUpdateOrder order)
{
  g_return_if_fail ((guint) order <= BPL_UPDATE_OUTPUT_FIRST);
  self->update_order = order;
}

void
bpl_network_set_learning_rate (BplNetwork *self, double eta)
{
  self->learning_rate = eta;
}

BplRegularization
bpl_network_get_regularization (const BplNetwork *self)
{
  return self->regularization;
}

double
bpl_network_get_regularization_strength (const BplNetwork *self)
{
  return self->regularization_strength;
}

void
bpl_network_set_regularization (BplNetwork *self, BplRegularization kind, double strength)
{
  g_return_if_fail ((guint) kind <= BPL_REGULARIZATION_L2);
  self->regularization = kind;
  self->regularization_strength = strength;
}

double
bpl_network_get_penalty (const BplNetwork *self)
{
  double r = 0.0;

  switch (self->regularization)
    {
    case BPL_REGULARIZATION_L2:
      for (guint w = 0; w < self->n_weights; w++)
        r += self->weights[w] * self->weights[w];
      return self->regularization_strength * 0.5 * r;
    case BPL_REGULARIZATION_L1:
      for (guint w = 0; w < self->n_weights; w++)
        r += fabs (self->weights[w]);
      return self->regularization_strength * r;
    case BPL_REGULARIZATION_NONE:
    default:
      return 0.0;
    }
}

double
bpl_network_get_penalty_gradient (const BplNetwork *self, guint weight)
{
  g_return_val_if_fail (weight < self->n_weights, NAN);
  return bpl_penalty_slope (self, self->weights[weight]);
}

BplOptimizer
bpl_network_get_optimizer (const BplNetwork *self)
{
  return self->optimizer.kind;
}

void
bpl_network_get_optimizer_settings (const BplNetwork *self, BplOptimizerSettings *out)
{
  *out = self->optimizer;
}

void
bpl_network_set_optimizer_settings (BplNetwork *self, const BplOptimizerSettings *settings)
{
  g_return_if_fail (settings != NULL && (guint) settings->kind <= BPL_OPTIMIZER_ADAM);
  if (settings->kind != self->optimizer.kind)
    bpl_network_reset_optimizer (self);
  self->optimizer = *settings;
}

const double *
bpl_network_get_optimizer_moment1 (const BplNetwork *self)
{
  return self->moment1;
}

const double *
bpl_network_get_optimizer_moment2 (const BplNetwork *self)
{
  return self->moment2;
}

guint64
bpl_network_get_optimizer_step (const BplNetwork *self)
{
  return self->optimizer_steps;
}

void
bpl_network_set_optimizer_state (BplNetwork *self, guint64 t, const double *moment1, const double *moment2)
{
  gsize n = self->n_weights + self->n_biases;

  self->optimizer_steps = t;
  if (moment1 != NULL)
    memcpy (self->moment1, moment1, sizeof (double) * n);
  else
    memset (self->moment1, 0, sizeof (double) * n);
  if (moment2 != NULL)
    memcpy (self->moment2, moment2, sizeof (double) * n);
  else
    memset (self->moment2, 0, sizeof (double) * n);
}

gboolean
bpl_network_has_optimizer_state (const BplNetwork *self)
{
  if (self->optimizer_steps > 0)
    return TRUE;
  for (guint i = 0; i < self->n_weights + self->n_biases; i++)
    if (self->moment1[i] != 0 || self->moment2[i] != 0)
      return TRUE;
  return FALSE;
}

void
bpl_network_reset_optimizer (BplNetwork *self)
{
  bpl_network_set_optimizer_state (self, 0, NULL, NULL);
}

void
bpl_network_set_steps (BplNetwork *self, guint64 steps)
{
  self->steps = steps;
}

guint
bpl_network_get_current_sample (const BplNetwork *self)
{
  return bpl_network_first_sample (self, self->steps);
}

double
bpl_network_get_weight (const BplNetwork *self, guint weight)
{
  g_return_val_if_fail (weight < self->n_weights, NAN);
  return self->weights[weight];
}

void
bpl_network_set_weight (BplNetwork *self, guint weight, double value)
{
  g_return_if_fail (weight < self->n_weights);
  self->weights[weight] = value;
}

double
bpl_network_get_bias (const BplNetwork *self, guint bias)
{
  g_return_val_if_fail (bias < self->n_biases, NAN);
  return self->biases[bias];
}

void
bpl_network_set_bias (BplNetwork *self, guint bias, double value)
{
  g_return_if_fail (bias < self->n_biases);
  self->biases[bias] = value;
}

double
bpl_network_get_param (const BplNetwork *self, BplParam param)
{
  if (param.kind == BPL_PARAM_WEIGHT)
    return bpl_network_get_weight (self, param.index);
  return bpl_network_get_bias (self, param.index);
}

void
bpl_network_set_param (BplNetwork *self, BplParam param, double value)
{
  if (param.kind == BPL_PARAM_WEIGHT)
    bpl_network_set_weight (self, param.index, value);
  else
    bpl_network_set_bias (self, param.index, value);
}

const double *
bpl_network_get_input (const BplNetwork *self, guint sample)
{
  g_return_val_if_fail (sample < self->n_samples, NULL);
  return self->inputs + (gsize) sample * self->layer_size[0];
}

const double *
bpl_network_get_target (const BplNetwork *self, guint sample)
{
  g_return_val_if_fail (sample < self->n_samples, NULL);
  return self->targets + (gsize) sample * self->layer_size[self->n_layers - 1];
}

void
bpl_network_set_input (BplNetwork *self, guint sample, guint i, double value)
{
  g_return_if_fail (sample < self->n_samples && i < self->layer_size[0]);
  self->inputs[(gsize) sample * self->layer_size[0] + i] = value;
}

void
bpl_network_set_target (BplNetwork *self, guint sample, guint o, double value)
{
  guint n_out = self->layer_size[self->n_layers - 1];

  g_return_if_fail (sample < self->n_samples && o < n_out);
  self->targets[(gsize) sample * n_out + o] = value;
}

guint
bpl_network_add_sample (BplNetwork *self, const double *input, const double *target)
{
  guint n_in = self->layer_size[0];
  guint n_out = self->layer_size[self->n_layers - 1];
  guint s = self->n_samples;

  g_return_val_if_fail (input != NULL && target != NULL, 0);
  g_return_val_if_fail (self->n_samples < BPL_MAX_SAMPLES, 0);

  self->inputs = g_renew (double, self->inputs, (gsize) (s + 1) * n_in);
  self->targets = g_renew (double, self->targets, (gsize) (s + 1) * n_out);
  memcpy (self->inputs + (gsize) s * n_in, input, sizeof (double) * n_in);
  memcpy (self->targets + (gsize) s * n_out, target, sizeof (double) * n_out);
  self->n_samples = s + 1;
  return s;
}

void
bpl_network_remove_sample (BplNetwork *self, guint sample)
{
  guint n_in = self->layer_size[0];
  guint n_out = self->layer_size[self->n_layers - 1];
  guint after;

  g_return_if_fail (sample < self->n_samples);
  g_return_if_fail (self->n_samples > 1);

  after = self->n_samples - sample - 1;
  memmove (self->inputs + (gsize) sample * n_in, self->inputs + (gsize) (sample + 1) * n_in,
           sizeof (double) * after * n_in);
  memmove (self->targets + (gsize) sample * n_out, self->targets + (gsize) (sample + 1) * n_out,
           sizeof (double) * after * n_out);
  self->n_samples--;
}

void
bpl_network_get_path_set (const BplNetwork *self,
                          BplParam          param,
                          gboolean         *neuron_on_path,
                          gboolean         *weight_on_path,
                          gboolean         *bias_on_path)
{
  guint first_layer;

  g_return_if_fail (self != NULL);

  memset (neuron_on_path, 0, sizeof (gboolean) * self->n_neurons);
  memset (weight_on_path, 0, sizeof (gboolean) * self->n_weights);
  if (self->n_biases > 0)
    memset (bias_on_path, 0, sizeof (gboolean) * self->n_biases);

  /* Seed: the neurons the parameter feeds directly. */
  if (param.kind == BPL_PARAM_WEIGHT)
    {
      g_return_if_fail (param.index < self->n_weights);
      weight_on_path[param.index] = TRUE;
      neuron_on_path[bpl_network_get_weight_source (self, param.index)] = TRUE;
      neuron_on_path[bpl_network_get_weight_target (self, param.index)] = TRUE;
      first_layer = weight_layer (self, param.index);
    }
  else
    {
      g_return_if_fail (param.index < self->n_biases);
      bias_on_path[param.index] = TRUE;
      for (guint n = 0; n < self->n_neurons; n++)
        if (self->neuron_bias[n] == (gint) param.index)
          neuron_on_path[n] = TRUE;
      first_layer = bpl_network_get_bias_layer (self, param.index);
    }

  /* Everything downstream of a marked neuron is on a path to an output:
   * the network is fully connected, so every later neuron is reached. */
  for (guint l = first_layer + 1; l < self->n_layers; l++)
    for (guint j = 0; j < self->layer_size[l]; j++)
      for (guint k = 0; k < self->layer_size[l - 1]; k++)
        {
          guint src = self->layer_start[l - 1] + k;
          if (neuron_on_path[src])
            {
              neuron_on_path[self->layer_start[l] + j] = TRUE;
              weight_on_path[self->weight_start[l] + j * self->layer_size[l - 1] + k] = TRUE;
            }
        }

  /* A softmax output's net changes every output: the chain rule goes on
   * from it to each of their errors. */
  if (self->activation[self->n_layers - 1] == BPL_ACTIVATION_SOFTMAX)
    for (guint n = self->layer_start[self->n_layers - 1]; n < self->n_neurons; n++)
      neuron_on_path[n] = TRUE;
}

/* NaN fails every comparison, so one test catches NaN, ±∞ and the too large. */
static inline gboolean
in_range (double v)
{
  return fabs (v) <= BPL_MAX_ABS_VALUE;
}

static gboolean
check_value (double v, const char *what, GError **error)
{
  if (in_range (v))
    return TRUE;
  if (!isfinite (v))
    g_set_error (error, BPL_ERROR, BPL_ERROR_NOT_FINITE, _("%s is %s, not a finite number"), what,
                 isnan (v) ? "NaN" : v > 0 ? "∞" : "−∞");
  else
    g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT, _("%s is %g, beyond the ±%g a network may hold"), what, v,
                 BPL_MAX_ABS_VALUE);
  return FALSE;
}

static gboolean
check_samples (const BplNetwork *self, const double *values, guint per_sample, const char *kind,
               GError **error)
{
  for (guint s = 0; s < self->n_samples; s++)
    for (guint i = 0; i < per_sample; i++)
      if (!in_range (values[(gsize) s * per_sample + i]))
        {
          g_autofree char *what = g_strdup_printf (_("sample %u: %s %u"), s + 1, kind, i + 1);
          return check_value (values[(gsize) s * per_sample + i], what, error);
        }
  return TRUE;
}

/* A value in [0, 1). */
static gboolean
check_fraction (double v, const char *what, GError **error)
{
  if (v >= 0 && v < 1)
    return TRUE;
  g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID, _("optimizer: %s must be at least 0 and below 1, not %g"), what, v);
  return FALSE;
}

static gboolean
check_optimizer (const BplNetwork *self, GError **error)
{
  const BplOptimizerSettings *o = &self->optimizer;

  switch (o->kind)
    {
    case BPL_OPTIMIZER_MOMENTUM:
      if (!check_fraction (o->momentum, _("the momentum μ"), error))
        return FALSE;
      break;
    case BPL_OPTIMIZER_ADAM:
      if (!check_fraction (o->beta1, "β₁ (beta1)", error) || !check_fraction (o->beta2, "β₂ (beta2)", error))
        return FALSE;
      if (!(o->epsilon > 0 && o->epsilon <= 1))
        {
          g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                       _("optimizer: ε (epsilon) must be above 0 and at most 1, not %g"), o->epsilon);
          return FALSE;
        }
      break;
    case BPL_OPTIMIZER_SGD:
    default:
      break;
    }
  if (o->kind != BPL_OPTIMIZER_SGD && self->update_order == BPL_UPDATE_OUTPUT_FIRST)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("update_order: output-first updates a layer before the next one's gradient is taken, which "
                   "only plain gradient descent defines; %s needs \"simultaneous\""),
                   bpl_optimizer_to_string (o->kind));
      return FALSE;
    }
  /* The state may grow beyond ±BPL_MAX_ABS_VALUE (Adam's v is a mean of g²)
   * but must stay finite, so it can be saved. */
  for (guint i = 0; i < self->n_weights + self->n_biases; i++)
    if (!isfinite (self->moment1[i]) || !isfinite (self->moment2[i]))
      {
        g_set_error (error, BPL_ERROR, BPL_ERROR_NOT_FINITE, _("optimizer: the state of %s is not finite"),
                     i < self->n_weights ? self->weight_names[i] : self->bias_names[i - self->n_weights]);
        return FALSE;
      }
  return TRUE;
}

gboolean
bpl_network_check (const BplNetwork *self, GError **error)
{
  guint n_out = self->layer_size[self->n_layers - 1];

  if (!check_value (self->learning_rate, _("the learning rate η"), error))
    return FALSE;
  if (self->learning_rate < 0)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID, _("the learning rate η must be 0 or more, not %g"),
                   self->learning_rate);
      return FALSE;
    }
  if (!check_optimizer (self, error))
    return FALSE;
  if (self->regularization != BPL_REGULARIZATION_NONE &&
      !check_value (self->regularization_strength, _("the regularisation strength λ"), error))
    return FALSE;
  if (self->regularization != BPL_REGULARIZATION_NONE && self->regularization_strength < 0)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("regularization: the strength λ must be 0 or more, not %g"), self->regularization_strength);
      return FALSE;
    }
  for (guint w = 0; w < self->n_weights; w++)
    if (!check_value (self->weights[w], self->weight_names[w], error))
      return FALSE;
  for (guint b = 0; b < self->n_biases; b++)
    if (!check_value (self->biases[b], self->bias_names[b], error))
      return FALSE;
  if (!check_samples (self, self->inputs, self->layer_size[0], _("input"), error) ||
      !check_samples (self, self->targets, n_out, _("target"), error))
    return FALSE;

  for (guint l = 1; l + 1 < self->n_layers; l++)
    if (self->activation[l] == BPL_ACTIVATION_SOFTMAX)
      {
        g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                     _("activation: softmax is for the output layer only, but layer %u (hidden) uses it"), l + 1);
        return FALSE;
      }

  if (self->activation[self->n_layers - 1] == BPL_ACTIVATION_SOFTMAX)
    for (guint s = 0; s < self->n_samples; s++)
      {
        const double *t = self->targets + (gsize) s * n_out;
        double sum = 0.0;
        for (guint o = 0; o < n_out; o++)
          {
            if (t[o] < 0 || t[o] > 1)
              {
                g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                             _("samples[%u].target: a softmax layer's targets are probabilities from 0 to 1, "
                             "found %g"), s, t[o]);
                return FALSE;
              }
            sum += t[o];
          }
        /* The collapsed δ = out − target of softmax with cross-entropy
         * holds because the targets sum to 1. */
        if (!(fabs (sum - 1.0) <= BPL_SOFTMAX_TARGET_TOLERANCE))
          {
            g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                         _("samples[%u].target: a softmax layer's targets must sum to 1, found %.15g"), s, sum);
            return FALSE;
          }
      }

  if (self->loss == BPL_LOSS_CROSS_ENTROPY)
    {
      BplActivation act = self->activation[self->n_layers - 1];
      if (act != BPL_ACTIVATION_SIGMOID && act != BPL_ACTIVATION_SOFTMAX)
        {
          g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                       _("loss: cross-entropy needs sigmoid or softmax outputs, but the output layer uses %s"),
                       bpl_activation_to_string (act));
          return FALSE;
        }
      for (gsize i = 0; i < (gsize) self->n_samples * n_out; i++)
        if (self->targets[i] < 0 || self->targets[i] > 1)
          {
            g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                         _("samples: target %g of sample %zu is outside [0, 1], "
                         "which cross-entropy needs"),
                         self->targets[i], i / n_out + 1);
            return FALSE;
          }
    }
  if (!_bpl_network_check_test_samples (self, error))
    return FALSE;
  return TRUE;
}

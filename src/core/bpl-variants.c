/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-variants.c: the students' variants of a network. Each student has a
 * stream of random numbers of its own, from the seed and the student's
 * number, and draws whole sets of values from it until one is neither
 * degenerate nor the same exercise as an earlier student's. */
#include "config.h"

#include "bpl-variants.h"

#include <errno.h>
#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bpl-derivation.h"
#include "bpl-error.h"
#include "bpl-file.h"
#include "bpl-forward.h"
#include "bpl-random.h"

/* Draws for one student before giving up: a network that fails this often
 * fails for a reason of its shape (a gradient that always vanishes). */
#define MAX_ATTEMPTS 2000
/* Saturation: the slope out(1 − out) of a sigmoid or softmax and 1 − out²
 * of a tanh stay above these. */
#define MIN_SIGMOID_SLOPE 0.02
#define MIN_TANH_SLOPE 0.05
/* An output this close to its target would leave nothing to learn. */
#define MIN_OUTPUT_ERROR 0.01
/* Two students' gradients of the first asked parameter differ in these
 * significant digits. */
#define GRADIENT_DIGITS 4

/* Where a kind of value lies: a whole number of units (10^−decimals) whose
 * magnitude is from Drawer.lowest (0.05, or 0.1 with one decimal) to
 * units − 1, so below 1; negative too where @signed_. */
typedef struct
{
  gboolean signed_;
} Range;

typedef struct
{
  const BplNetwork        *network;
  const BplVariantOptions *options;
  gint64                   units;     /* 10^decimals */
  gint64                   lowest;    /* the smallest magnitude, in units */
  Range                    inputs;
  Range                    params;    /* weights and biases */
  Range                    targets;
  gboolean                 one_hot;   /* softmax outputs: one target 1, the others 0 */
  GHashTable              *used;      /* the values drawn for this variant, in units */
  GPtrArray               *signatures; /* earlier students' values, as text */
  GHashTable              *gradients; /* earlier students' first gradients, as text */
} Drawer;

void
bpl_variant_options_init (BplVariantOptions *options)
{
  g_return_if_fail (options != NULL);

  options->seed = 1;
  options->decimals = BPL_VARIANTS_DEFAULT_DECIMALS;
  options->sample = 0;
  options->params = NULL;
  options->n_params = 0;
}

char *
bpl_variants_student_label (guint student)
{
  return g_strdup_printf (_("Student %u"), student + 1);
}

static gboolean
any_negative (const double *values,
              guint         n)
{
  for (guint i = 0; i < n; i++)
    if (values[i] < 0)
      return TRUE;
  return FALSE;
}

/* A value of @range not drawn yet in this variant. */
static double
draw_value (Drawer      *d,
            BplRandom   *random,
            const Range *range)
{
  gint64 k;

  do
    {
      k = d->lowest + (gint64) bpl_random_below (random, (guint64) (d->units - d->lowest));
      if (range->signed_ && bpl_random_below (random, 2) == 1)
        k = -k;
    }
  while (g_hash_table_contains (d->used, &k));
  g_hash_table_add (d->used, g_memdup2 (&k, sizeof k));
  /* Two exact integers: the quotient is the double nearest to k/10^d, the
   * one a network file says as "0.15". */
  return (double) k / (double) d->units;
}

/* One candidate: the sample's inputs and targets, every weight and bias. */
static BplNetwork *
draw_candidate (Drawer    *d,
                BplRandom *random)
{
  const BplNetwork *network = d->network;
  guint n_inputs = bpl_network_get_n_inputs (network);
  guint n_outputs = bpl_network_get_n_outputs (network);
  g_autofree double *input = g_new (double, n_inputs);
  g_autofree double *target = g_new (double, n_outputs);
  BplNetwork *variant = bpl_network_copy (network);

  g_hash_table_remove_all (d->used);
  for (guint i = 0; i < n_inputs; i++)
    input[i] = draw_value (d, random, &d->inputs);
  if (d->one_hot)
    {
      guint hot = (guint) bpl_random_below (random, n_outputs);

      for (guint o = 0; o < n_outputs; o++)
        target[o] = o == hot ? 1.0 : 0.0;
    }
  else
    for (guint o = 0; o < n_outputs; o++)
      target[o] = draw_value (d, random, &d->targets);
  for (guint w = 0; w < bpl_network_get_n_weights (network); w++)
    bpl_network_set_weight (variant, w, draw_value (d, random, &d->params));
  for (guint b = 0; b < bpl_network_get_n_biases (network); b++)
    bpl_network_set_bias (variant, b, draw_value (d, random, &d->params));

  bpl_network_set_samples (variant, input, target, 1);
  bpl_network_set_test_samples (variant, NULL, NULL, 0);
  bpl_network_set_steps (variant, 0);
  bpl_network_reset_optimizer (variant);
  return variant;
}

/* No saturated squashing neuron, no ReLU at its kink, no output at its
 * target. */
static gboolean
forward_is_fair (const Drawer     *d,
                 const BplNetwork *variant,
                 const BplForward *forward)
{
  guint n_neurons = bpl_network_get_n_neurons (variant);
  guint n_outputs = bpl_network_get_n_outputs (variant);
  const double *target = bpl_network_get_target (variant, 0);

  for (guint n = bpl_network_get_n_inputs (variant); n < n_neurons; n++)
    {
      BplActivation activation = bpl_network_get_activation (
        variant, bpl_network_get_neuron_layer (variant, n));
      double out = forward->out[n];
      double net = forward->net[n];

      switch (activation)
        {
        case BPL_ACTIVATION_SIGMOID:
        case BPL_ACTIVATION_SOFTMAX:
          if (out * (1 - out) < MIN_SIGMOID_SLOPE)
            return FALSE;
          break;
        case BPL_ACTIVATION_TANH:
          if (1 - out * out < MIN_TANH_SLOPE)
            return FALSE;
          break;
        case BPL_ACTIVATION_RELU:
          if (fabs (net) < 0.5 / (double) d->units)
            return FALSE;
          break;
        case BPL_ACTIVATION_LINEAR:
        default:
          break;
        }
    }
  for (guint o = 0; o < n_outputs; o++)
    if (fabs (forward->out[n_neurons - n_outputs + o] - target[o]) < MIN_OUTPUT_ERROR)
      return FALSE;
  return TRUE;
}

/* Every asked parameter has a gradient worth computing, and every path it
 * has carries some of it: no ReLU on a path is off. */
static gboolean
gradients_are_fair (const Drawer     *d,
                    const BplNetwork *variant,
                    const BplForward *forward,
                    double           *first_gradient)
{
  guint n_neurons = bpl_network_get_n_neurons (variant);

  for (guint i = 0; i < d->options->n_params; i++)
    {
      g_autoptr (GError) error = NULL;
      BplDerivation *derivation = bpl_derivation_new_full (variant, d->options->params[i], 0, 0,
                                                           &error);
      gboolean fair;

      if (derivation == NULL)
        return FALSE;
      fair = isfinite (derivation->gradient)
             && fabs (derivation->gradient) >= BPL_VARIANTS_MIN_GRADIENT;
      for (guint n = bpl_network_get_n_inputs (variant); fair && n < n_neurons; n++)
        if (derivation->neuron_on_path[n]
            && bpl_network_get_activation (variant, bpl_network_get_neuron_layer (variant, n))
                 == BPL_ACTIVATION_RELU)
          fair = forward->net[n] > 0;
      if (i == 0)
        *first_gradient = derivation->gradient;
      bpl_derivation_free (derivation);
      if (!fair)
        return FALSE;
    }
  return TRUE;
}

/* The given values as text: two variants with the same are the same exercise. */
static char *
signature (const BplNetwork *variant)
{
  GString *s = g_string_new (NULL);
  const double *input = bpl_network_get_input (variant, 0);
  const double *target = bpl_network_get_target (variant, 0);
  const double *weights = bpl_network_get_weights (variant);
  const double *biases = bpl_network_get_biases (variant);

  for (guint i = 0; i < bpl_network_get_n_inputs (variant); i++)
    g_string_append_printf (s, "%.17g ", input[i]);
  for (guint o = 0; o < bpl_network_get_n_outputs (variant); o++)
    g_string_append_printf (s, "%.17g ", target[o]);
  for (guint w = 0; w < bpl_network_get_n_weights (variant); w++)
    g_string_append_printf (s, "%.17g ", weights[w]);
  for (guint b = 0; b < bpl_network_get_n_biases (variant); b++)
    g_string_append_printf (s, "%.17g ", biases[b]);
  return g_string_free (s, FALSE);
}

static gboolean
is_new (const Drawer *d,
        const char   *values)
{
  for (guint i = 0; i < d->signatures->len; i++)
    if (g_str_equal (g_ptr_array_index (d->signatures, i), values))
      return FALSE;
  return TRUE;
}

static BplNetwork *
draw_student (Drawer  *d,
              guint    student,
              GError **error)
{
  g_autoptr (BplForward) forward = bpl_forward_new (d->network);
  BplRandom random;

  /* A stream of the student's own: student 3's variant is the same in a
   * class of 5 and of 30. */
  bpl_random_init (&random, d->options->seed
                              ^ (G_GUINT64_CONSTANT (0xd1b54a32d192ed03) * (student + 1)));
  for (guint attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
    {
      g_autoptr (BplNetwork) variant = draw_candidate (d, &random);
      g_autofree char *values = NULL;
      g_autofree char *gradient_text = NULL;
      double gradient = 0;

      bpl_forward_compute (forward, variant, 0);
      if (!forward_is_fair (d, variant, forward)
          || !gradients_are_fair (d, variant, forward, &gradient)
          || !bpl_network_check (variant, NULL))
        continue;
      values = signature (variant);
      gradient_text = g_strdup_printf ("%.*e", GRADIENT_DIGITS - 1, gradient);
      if (!is_new (d, values)
          || (d->options->n_params > 0 && g_hash_table_contains (d->gradients, gradient_text)))
        continue;
      g_ptr_array_add (d->signatures, g_steal_pointer (&values));
      if (d->options->n_params > 0)
        g_hash_table_add (d->gradients, g_steal_pointer (&gradient_text));
      return g_steal_pointer (&variant);
    }
  g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
               _("no fair variant for student %u in %d tries: with these decimals the "
                 "network's outputs saturate, meet their targets or its gradients vanish; "
                 "try more decimals or ask about another parameter"),
               student + 1, MAX_ATTEMPTS);
  return NULL;
}

/* How many different values of a kind the decimals allow, and how many
 * distinct values the network needs. */
static gboolean
check_room (const Drawer *d,
            GError      **error)
{
  const BplNetwork *network = d->network;
  guint64 n_values = bpl_network_get_n_inputs (network) + bpl_network_get_n_weights (network)
                     + bpl_network_get_n_biases (network)
                     + (d->one_hot ? 0 : bpl_network_get_n_outputs (network));
  gboolean all_signed = d->inputs.signed_ && d->params.signed_
                        && (d->one_hot || d->targets.signed_);
  guint64 room = (guint64) (d->units - d->lowest) * (all_signed ? 2 : 1);

  /* Kinds of one sign are drawn from the positive values alone: with no
   * more values than room, every draw finds one left. */
  if (n_values > room)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT,
                   _("the network has %" PRIu64 " values to give (inputs, targets, "
                     "weights and biases), all different, and numbers of %d decimals offer only "
                     "%" PRIu64 ": use more decimals or a smaller network"),
                   n_values, d->options->decimals, room);
      return FALSE;
    }
  return TRUE;
}

static void
drawer_init (Drawer                  *d,
             const BplNetwork        *network,
             const BplVariantOptions *options)
{
  guint n_layers = bpl_network_get_n_layers (network);
  BplActivation output = bpl_network_get_activation (network, n_layers - 1);
  const double *target = bpl_network_get_target (network, options->sample);

  d->network = network;
  d->options = options;
  d->units = 1;
  for (int i = 0; i < options->decimals; i++)
    d->units *= 10;
  /* Nothing smaller than the worked example's 0.05: a tiny weight makes a
   * tiny gradient, and a number hard to tell from nought. */
  d->lowest = MAX (1, d->units / 20);
  /* A variant keeps its network's signs: all-positive values stay so (as
   * in the worked example), values of either sign are drawn of either. */
  d->inputs.signed_ = any_negative (bpl_network_get_input (network, options->sample),
                                    bpl_network_get_n_inputs (network));
  d->params.signed_ = any_negative (bpl_network_get_weights (network),
                                    bpl_network_get_n_weights (network))
                      || any_negative (bpl_network_get_biases (network),
                                       bpl_network_get_n_biases (network));
  d->one_hot = output == BPL_ACTIVATION_SOFTMAX;
  /* Targets an output can reach: (0, 1) for sigmoid and ReLU outputs, and
   * for cross-entropy; (−1, 1) for tanh; a linear output's like its own. */
  d->targets.signed_ = output == BPL_ACTIVATION_TANH
                       || (output == BPL_ACTIVATION_LINEAR
                           && bpl_network_get_loss (network) != BPL_LOSS_CROSS_ENTROPY
                           && any_negative (target, bpl_network_get_n_outputs (network)));
  d->used = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  d->signatures = g_ptr_array_new_with_free_func (g_free);
  d->gradients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
drawer_clear (Drawer *d)
{
  g_hash_table_unref (d->used);
  g_ptr_array_unref (d->signatures);
  g_hash_table_unref (d->gradients);
}

GPtrArray *
bpl_variants_new (const BplNetwork        *network,
                  guint                    n_students,
                  const BplVariantOptions *options,
                  GError                 **error)
{
  g_autoptr (GPtrArray) variants = NULL;
  BplVariantOptions defaults;
  Drawer d = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (network != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      bpl_variant_options_init (&defaults);
      options = &defaults;
    }
  if (n_students < 1 || n_students > BPL_VARIANTS_MAX_STUDENTS)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT,
                   _("a class has 1 to %d students, not %u"), BPL_VARIANTS_MAX_STUDENTS,
                   n_students);
      return NULL;
    }
  if (options->decimals < BPL_VARIANTS_MIN_DECIMALS
      || options->decimals > BPL_VARIANTS_MAX_DECIMALS)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("the values have %d to %d decimals, not %d"), BPL_VARIANTS_MIN_DECIMALS,
                   BPL_VARIANTS_MAX_DECIMALS, options->decimals);
      return NULL;
    }
  if (options->sample >= bpl_network_get_n_samples (network))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("sample %u does not exist: the network has %u"), options->sample + 1,
                   bpl_network_get_n_samples (network));
      return NULL;
    }
  for (guint i = 0; i < options->n_params; i++)
    {
      const BplParam *p = &options->params[i];
      guint n = p->kind == BPL_PARAM_WEIGHT ? bpl_network_get_n_weights (network)
                                            : bpl_network_get_n_biases (network);

      if (p->index >= n)
        {
          g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                       _("%s%u does not exist: the network has %u"),
                       p->kind == BPL_PARAM_WEIGHT ? "w" : "b", p->index + 1, n);
          return NULL;
        }
    }

  drawer_init (&d, network, options);
  if (!check_room (&d, error))
    {
      drawer_clear (&d);
      return NULL;
    }
  variants = g_ptr_array_new_with_free_func ((GDestroyNotify) bpl_network_free);
  for (guint s = 0; ok && s < n_students; s++)
    {
      BplNetwork *variant = draw_student (&d, s, error);

      if (variant == NULL)
        ok = FALSE;
      else
        g_ptr_array_add (variants, variant);
    }
  drawer_clear (&d);
  return ok ? g_steal_pointer (&variants) : NULL;
}

GStrv
bpl_variants_parse_names (const char  *text,
                          gsize        length,
                          const char  *display_name,
                          GError     **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto (GStrv) lines = NULL;
  g_auto (GStrv) names = NULL;
  g_autofree char *copy = NULL;
  guint n = 0;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (memchr (text, '\0', length) != NULL || !g_utf8_validate_len (text, length, NULL))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_PARSE,
                   _("%s: a names list is UTF-8 text, one name a line"), display_name);
      return NULL;
    }
  copy = g_strndup (text, length);
  lines = g_strsplit (g_str_has_prefix (copy, "\xef\xbb\xbf") ? copy + 3 : copy, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *name = g_strstrip (lines[i]);

      if (*name == '\0')
        continue;
      if (g_utf8_strlen (name, -1) > BPL_VARIANTS_MAX_NAME)
        {
          g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT,
                       _("%s: line %u: a name has at most %d characters"), display_name, i + 1,
                       BPL_VARIANTS_MAX_NAME);
          return NULL;
        }
      for (const char *c = name; *c != '\0'; c = g_utf8_next_char (c))
        if (g_unichar_iscntrl (g_utf8_get_char (c)))
          {
            g_set_error (error, BPL_ERROR, BPL_ERROR_PARSE,
                         _("%s: line %u: a name has no control characters"), display_name,
                         i + 1);
            return NULL;
          }
      if (g_hash_table_contains (seen, name))
        {
          g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                       _("%s: line %u: “%s” is in the list twice: add an initial to tell "
                         "them apart"), display_name, i + 1, name);
          return NULL;
        }
      if (++n > BPL_VARIANTS_MAX_STUDENTS)
        {
          g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT,
                       _("%s: more than %d names"), display_name, BPL_VARIANTS_MAX_STUDENTS);
          return NULL;
        }
      g_hash_table_add (seen, name);
      g_strv_builder_add (builder, name);
    }
  if (n == 0)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID, _("%s: the list has no names"),
                   display_name);
      return NULL;
    }
  names = g_strv_builder_end (builder);
  return g_steal_pointer (&names);
}

gboolean
bpl_variants_save (GPtrArray          *variants,
                   const char *const  *names,
                   const char         *dir,
                   GError            **error)
{
  int width;

  g_return_val_if_fail (variants != NULL, FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  width = variants->len >= 100 ? 3 : 2;
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, BPL_ERROR, BPL_ERROR_IO, _("%s: the folder cannot be made: %s"), dir,
                   g_strerror (saved));
      return FALSE;
    }
  for (guint s = 0; s < variants->len; s++)
    {
      g_autoptr (BplNetwork) copy = bpl_network_copy (variants->pdata[s]);
      g_autofree char *file = g_strdup_printf ("student-%0*u.json", width, s + 1);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autofree char *label = names != NULL ? g_strdup (names[s])
                                             : bpl_variants_student_label (s);
      const char *network_name = bpl_network_get_name (copy);
      g_autofree char *title = g_strdup_printf ("%s · %s",
                                                network_name != NULL && *network_name != '\0'
                                                  ? network_name : _("Network"),
                                                label);

      bpl_network_set_name (copy, title);
      if (!bpl_network_save_to_file (copy, path, error))
        return FALSE;
    }
  return TRUE;
}

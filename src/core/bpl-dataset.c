/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Data set generators after TensorFlow Playground's (scaled from its
 * [−6, 6] to [−1, 1], so that the numbers a student reads stay small), the
 * seeded train/test split, and putting a data set into a network. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include <math.h>
#include <string.h>

#include "bpl-dataset.h"
#include "bpl-error.h"
#include "bpl-file.h"
#include "bpl-network-private.h"
#include "bpl-random.h"

/* The learning rate of a new network for a data set: the 2-4-4-1 tanh
 * network learns the circle and the gauss data in a few thousand online
 * steps at this rate without diverging. */
#define DEFAULT_LEARNING_RATE 0.1
#define DEFAULT_HIDDEN_SIZE 4
/* Any constant: the split's random stream differs from the points'. */
#define SPLIT_STREAM G_GUINT64_CONSTANT (0x5851f42d4c957f2d)

static const char *const kind_names[] = { "circle", "xor", "gauss", "spiral", "plane", "sine" };
static const char *const kind_titles[] = { "Circle", "XOR", "Gauss", "Spiral", "Plane", "Sine" };

const char *
bpl_dataset_kind_to_string (BplDatasetKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
bpl_dataset_kind_from_string (const char *str, BplDatasetKind *out)
{
  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (str, kind_names[i]))
      {
        *out = (BplDatasetKind) i;
        return TRUE;
      }
  return FALSE;
}

guint
bpl_dataset_kind_get_n_inputs (BplDatasetKind kind)
{
  return kind == BPL_DATASET_SINE ? 1 : 2;
}

gboolean
bpl_dataset_kind_is_classification (BplDatasetKind kind)
{
  return kind <= BPL_DATASET_SPIRAL;
}

void
bpl_dataset_options_init (BplDatasetOptions *options)
{
  g_return_if_fail (options != NULL);
  *options = (BplDatasetOptions) {
    .kind = BPL_DATASET_CIRCLE,
    .n_points = 200,
    .noise = 0.0,
    .test_fraction = 0.0,
    .seed = 1,
    .one_hot = FALSE,
  };
}

static char **
make_names (const char *const *names, guint n, const char *prefix)
{
  char **out = g_new0 (char *, n + 1);
  gboolean ended = names == NULL;

  /* Names given up to the list's end, numbered ones after it. */
  for (guint i = 0; i < n; i++)
    {
      ended = ended || names[i] == NULL;
      out[i] = !ended ? g_strdup (names[i]) : g_strdup_printf ("%s%u", prefix, i + 1);
    }
  return out;
}

BplDataset *
bpl_dataset_new (const char        *name,
                 guint              n_inputs,
                 guint              n_targets,
                 const char *const *input_names,
                 const char *const *target_names)
{
  BplDataset *self;

  g_return_val_if_fail (n_inputs >= 1 && n_targets >= 1, NULL);

  self = g_new0 (BplDataset, 1);
  self->name = g_strdup (name != NULL ? name : "Data");
  self->n_inputs = n_inputs;
  self->n_targets = n_targets;
  self->input_names = make_names (input_names, n_inputs, "x");
  self->target_names = make_names (target_names, n_targets, "t");
  return self;
}

void
bpl_dataset_free (BplDataset *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_strfreev (self->input_names);
  g_strfreev (self->target_names);
  g_free (self->inputs);
  g_free (self->targets);
  g_free (self->test_inputs);
  g_free (self->test_targets);
  g_free (self);
}

void
bpl_dataset_add (BplDataset *self, const double *input, const double *target)
{
  guint s;

  g_return_if_fail (self != NULL && input != NULL && target != NULL);

  s = self->n_samples;
  /* Doubling, so that reading thousands of rows is not quadratic. */
  if ((s & (s - 1)) == 0)
    {
      gsize capacity = MAX (2 * (gsize) s, 8);
      self->inputs = g_renew (double, self->inputs, capacity * self->n_inputs);
      self->targets = g_renew (double, self->targets, capacity * self->n_targets);
    }
  memcpy (self->inputs + (gsize) s * self->n_inputs, input, sizeof (double) * self->n_inputs);
  memcpy (self->targets + (gsize) s * self->n_targets, target, sizeof (double) * self->n_targets);
  self->n_samples = s + 1;
}

gboolean
bpl_dataset_split (BplDataset *self, double test_fraction, guint64 seed, GError **error)
{
  g_autofree guint *order = NULL;
  g_autofree gboolean *is_test = NULL;
  g_autofree double *inputs = NULL;
  g_autofree double *targets = NULL;
  guint n, n_test, n_train, train = 0, test;
  BplRandom random;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!(test_fraction >= 0.0 && test_fraction < 1.0))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("the test fraction must be at least 0 and less than 1, not %g"), test_fraction);
      return FALSE;
    }
  n = self->n_samples;
  n_test = (guint) floor (test_fraction * n + 0.5);
  if (n_test == 0)
    return TRUE;
  if (n_test >= n)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "a test fraction of %g of %u point leaves no point to train on",
                                "a test fraction of %g of %u points leaves no point to train on", n),
                   test_fraction, n);
      return FALSE;
    }
  n_train = n - n_test;

  /* The first n_test places of a partial Fisher–Yates shuffle. */
  bpl_random_init (&random, seed);
  order = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    order[i] = i;
  for (guint i = 0; i < n_test; i++)
    {
      guint j = i + (guint) bpl_random_below (&random, n - i);
      guint t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  is_test = g_new0 (gboolean, n);
  for (guint i = 0; i < n_test; i++)
    is_test[order[i]] = TRUE;

  inputs = g_new (double, (gsize) n_train * self->n_inputs);
  targets = g_new (double, (gsize) n_train * self->n_targets);
  test = self->n_test_samples;
  self->test_inputs = g_renew (double, self->test_inputs, (gsize) (test + n_test) * self->n_inputs);
  self->test_targets = g_renew (double, self->test_targets, (gsize) (test + n_test) * self->n_targets);
  for (guint s = 0; s < n; s++)
    {
      const double *in = self->inputs + (gsize) s * self->n_inputs;
      const double *out = self->targets + (gsize) s * self->n_targets;
      if (is_test[s])
        {
          memcpy (self->test_inputs + (gsize) test * self->n_inputs, in, sizeof (double) * self->n_inputs);
          memcpy (self->test_targets + (gsize) test * self->n_targets, out, sizeof (double) * self->n_targets);
          test++;
        }
      else
        {
          memcpy (inputs + (gsize) train * self->n_inputs, in, sizeof (double) * self->n_inputs);
          memcpy (targets + (gsize) train * self->n_targets, out, sizeof (double) * self->n_targets);
          train++;
        }
    }
  g_free (self->inputs);
  g_free (self->targets);
  self->inputs = g_steal_pointer (&inputs);
  self->targets = g_steal_pointer (&targets);
  self->n_samples = n_train;
  self->n_test_samples = test;
  return TRUE;
}

/* Generators. Each point is drawn from its own calls to @random in a fixed
 * order, so a seed always gives the same points. Classes alternate, class 1
 * first, so that both are even in number and mixed in the training order. */

/* A coordinate's label noise: TensorFlow Playground moves the point by up
 * to radius · noise (its noise runs to 0.5) to decide its label and draws
 * it where it was; scaled to our radius 1 and noise up to 1, that is up to
 * noise / 2. */
static double
label_shift (BplRandom *random, double noise)
{
  return bpl_random_range (random, -1.0, 1.0) * 0.5 * noise;
}

static void
point_circle (BplRandom *random, guint i, double noise, double *xy, guint *label)
{
  double r = (i % 2 == 0) ? bpl_random_range (random, 0.0, 0.5) : bpl_random_range (random, 0.7, 1.0);
  double angle = bpl_random_range (random, 0.0, 2 * G_PI);
  double nx, ny;

  xy[0] = r * cos (angle);
  xy[1] = r * sin (angle);
  nx = xy[0] + label_shift (random, noise);
  ny = xy[1] + label_shift (random, noise);
  *label = sqrt (nx * nx + ny * ny) < 0.5 ? 1 : 0;
}

static void
point_xor (BplRandom *random, guint i, double noise, double *xy, guint *label)
{
  double nx, ny;

  /* Kept 0.05 off the axes, as the Playground pads its quadrants. */
  for (guint c = 0; c < 2; c++)
    {
      double magnitude = bpl_random_range (random, 0.05, 1.0);
      xy[c] = bpl_random_below (random, 2) ? magnitude : -magnitude;
    }
  nx = xy[0] + label_shift (random, noise);
  ny = xy[1] + label_shift (random, noise);
  *label = (nx >= 0) != (ny >= 0) ? 1 : 0;
}

static void
point_gauss (BplRandom *random, guint i, double noise, double *xy, guint *label)
{
  /* The Playground's variance 0.5 to 4 on its scale of 5 to our 1. */
  double deviation = sqrt (0.5 + 3.5 * noise) / 5.0;
  double centre = (i % 2 == 0) ? 0.4 : -0.4;

  /* Drawn again until inside [−1, 1]², so the range holds at any noise. */
  do
    {
      xy[0] = centre + deviation * bpl_random_normal (random);
      xy[1] = centre + deviation * bpl_random_normal (random);
    }
  while (fabs (xy[0]) > 1.0 || fabs (xy[1]) > 1.0);
  *label = i % 2 == 0 ? 1 : 0;
}

static void
point_spiral (BplRandom *random, guint i, guint n_points, double noise, double *xy, guint *label)
{
  guint per_arm = (n_points + 1) / 2;
  /* From 1, not 0 as in the Playground: its first points of both arms lie
   * on the origin with opposite labels. */
  guint k = i / 2 + 1;
  double r = 0.9 * k / per_arm;
  double t = 1.75 * 2 * G_PI * k / per_arm + (i % 2 == 0 ? 0.0 : G_PI);

  /* Radius at most 0.9 plus a shift of at most 0.1: inside [−1, 1]. */
  xy[0] = r * sin (t) + bpl_random_range (random, -1.0, 1.0) * 0.1 * noise;
  xy[1] = r * cos (t) + bpl_random_range (random, -1.0, 1.0) * 0.1 * noise;
  *label = i % 2 == 0 ? 1 : 0;
}

/* Regression: the value plus up to ±noise/2. */
static void
point_plane (BplRandom *random, double noise, double *xy, double *z)
{
  xy[0] = bpl_random_range (random, -1.0, 1.0);
  xy[1] = bpl_random_range (random, -1.0, 1.0);
  *z = (xy[0] + xy[1]) / 2.0 + bpl_random_range (random, -0.5, 0.5) * noise;
}

static void
point_sine (BplRandom *random, double noise, double *x, double *y)
{
  *x = bpl_random_range (random, -1.0, 1.0);
  *y = sin (G_PI * *x) + bpl_random_range (random, -0.5, 0.5) * noise;
}

BplDataset *
bpl_dataset_generate (const BplDatasetOptions *options, GError **error)
{
  static const char *const xy[] = { "x", "y", NULL };
  static const char *const class_one[] = { "class", NULL };
  static const char *const class_two[] = { "class 0", "class 1", NULL };
  static const char *const plane_target[] = { "z", NULL };
  static const char *const sine_target[] = { "y", NULL };
  g_autoptr (BplDataset) self = NULL;
  gboolean classification;
  const char *const *target_names;
  guint n_targets;
  BplRandom random;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail ((guint) options->kind < G_N_ELEMENTS (kind_names), NULL);

  classification = bpl_dataset_kind_is_classification (options->kind);
  if (options->n_points < 1 || options->n_points > BPL_DATASET_MAX_POINTS)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT, _("a data set has 1 to %d points, not %u"),
                   BPL_DATASET_MAX_POINTS, options->n_points);
      return NULL;
    }
  if (!(options->noise >= 0.0 && options->noise <= 1.0))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID, _("the noise must be from 0 to 1, not %g"), options->noise);
      return NULL;
    }
  if (options->one_hot && !classification)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("%s is a regression problem; one-hot targets are for the classes of circle, xor, gauss "
                   "and spiral"), kind_names[options->kind]);
      return NULL;
    }

  if (classification)
    {
      n_targets = options->one_hot ? 2 : 1;
      target_names = options->one_hot ? class_two : class_one;
    }
  else
    {
      n_targets = 1;
      target_names = options->kind == BPL_DATASET_PLANE ? plane_target : sine_target;
    }
  self = bpl_dataset_new (kind_titles[options->kind], bpl_dataset_kind_get_n_inputs (options->kind), n_targets,
                          xy, target_names);
  self->classification = classification;

  bpl_random_init (&random, options->seed);
  for (guint i = 0; i < options->n_points; i++)
    {
      double input[2] = { 0, 0 };
      double target[2] = { 0, 0 };
      guint label = 0;

      switch (options->kind)
        {
        case BPL_DATASET_CIRCLE:
          point_circle (&random, i, options->noise, input, &label);
          break;
        case BPL_DATASET_XOR:
          point_xor (&random, i, options->noise, input, &label);
          break;
        case BPL_DATASET_GAUSS:
          point_gauss (&random, i, options->noise, input, &label);
          break;
        case BPL_DATASET_SPIRAL:
          point_spiral (&random, i, options->n_points, options->noise, input, &label);
          break;
        case BPL_DATASET_PLANE:
          point_plane (&random, options->noise, input, &target[0]);
          break;
        case BPL_DATASET_SINE:
        default:
          point_sine (&random, options->noise, &input[0], &target[0]);
          break;
        }
      if (classification && options->one_hot)
        target[label] = 1.0;
      else if (classification)
        target[0] = label;
      bpl_dataset_add (self, input, target);
    }

  /* The split has a stream of its own: the same points whatever the fraction. */
  if (!bpl_dataset_split (self, options->test_fraction, options->seed ^ SPLIT_STREAM, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* "1 input", "3 targets": a count and what it counts, for messages. */
typedef enum { INPUTS, TARGETS, OUTPUTS } Counted;

static char *
count_of (guint n, Counted what)
{
  switch (what)
    {
    case INPUTS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u input", "%u inputs", n), n);
    case TARGETS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u target", "%u targets", n), n);
    case OUTPUTS:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u output", "%u outputs", n), n);
    }
}

gboolean
bpl_dataset_fits (const BplDataset *self, const BplNetwork *network, GError **error)
{
  guint n_in, n_out;

  g_return_val_if_fail (self != NULL && network != NULL, FALSE);

  n_in = bpl_network_get_n_inputs (network);
  n_out = bpl_network_get_n_outputs (network);
  if (n_in == self->n_inputs && n_out == self->n_targets)
    return TRUE;
  {
    g_autofree char *data_in = count_of (self->n_inputs, INPUTS);
    g_autofree char *data_out = count_of (self->n_targets, TARGETS);
    g_autofree char *net_in = count_of (n_in, INPUTS);
    g_autofree char *net_out = count_of (n_out, OUTPUTS);

    g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                 _("the data has %s and %s, but the network takes %s and gives %s"), data_in, data_out, net_in,
                 net_out);
  }
  return FALSE;
}

gboolean
bpl_dataset_apply (const BplDataset *self, BplNetwork *network, GError **error)
{
  g_autoptr (BplNetwork) trial = NULL;

  g_return_val_if_fail (self != NULL && network != NULL, FALSE);

  if (!bpl_dataset_fits (self, network, error))
    return FALSE;
  if (self->n_samples < 1 || self->n_samples > BPL_MAX_SAMPLES)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT, _("a network needs 1 to %d training samples, the data has %u"),
                   BPL_MAX_SAMPLES, self->n_samples);
      return FALSE;
    }
  if (self->n_test_samples > BPL_MAX_SAMPLES)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT, _("a network holds at most %d test samples, the data has %u"),
                   BPL_MAX_SAMPLES, self->n_test_samples);
      return FALSE;
    }

  /* The network must still open once saved: the file's reader refuses
   * more than BPL_FILE_MAX_VALUES values. A generous count of the saved
   * file's values (each sample's numbers, and every parameter) stays
   * below it. */
  {
    guint64 points = (guint64) self->n_samples + self->n_test_samples;
    guint64 values = points * (self->n_inputs + self->n_targets + 2) + bpl_network_get_n_weights (network) +
                     bpl_network_get_n_biases (network) + 64;
    if (values >= BPL_FILE_MAX_VALUES)
      {
        g_autofree char *points_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " point",
                                                                     "%" PRIu64 " points", (gulong) points),
                                                        points);
        g_autofree char *inputs_text = count_of (self->n_inputs, INPUTS);
        g_autofree char *targets_text = count_of (self->n_targets, TARGETS);

        g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT,
                     _("%s of %s and %s are more values than a network file may hold (%d in all); use fewer "
                       "points or columns"), points_text, inputs_text, targets_text, BPL_FILE_MAX_VALUES);
        return FALSE;
      }
  }

  /* Tried on a copy, so that a refusal leaves @network whole. */
  trial = bpl_network_copy (network);
  bpl_network_set_samples (trial, self->inputs, self->targets, self->n_samples);
  bpl_network_set_test_samples (trial, self->test_inputs, self->test_targets, self->n_test_samples);
  if (!bpl_network_check (trial, error))
    return FALSE;

  bpl_network_set_samples (network, self->inputs, self->targets, self->n_samples);
  bpl_network_set_test_samples (network, self->test_inputs, self->test_targets, self->n_test_samples);
  return TRUE;
}

BplNetwork *
bpl_dataset_new_network (const BplDataset *self, guint64 seed, GError **error)
{
  g_autoptr (BplNetwork) network = NULL;
  guint sizes[4];
  BplRandom random;

  g_return_val_if_fail (self != NULL, NULL);

  sizes[0] = self->n_inputs;
  sizes[1] = DEFAULT_HIDDEN_SIZE;
  sizes[2] = DEFAULT_HIDDEN_SIZE;
  sizes[3] = self->n_targets;
  network = bpl_network_new (sizes, G_N_ELEMENTS (sizes), BPL_BIAS_PER_NEURON, error);
  if (network == NULL)
    return NULL;

  bpl_network_set_name (network, self->name);
  bpl_network_set_activation (network, 1, BPL_ACTIVATION_TANH);
  bpl_network_set_activation (network, 2, BPL_ACTIVATION_TANH);
  if (self->classification)
    {
      bpl_network_set_activation (network, 3, BPL_ACTIVATION_SIGMOID);
      bpl_network_set_loss (network, BPL_LOSS_CROSS_ENTROPY);
    }
  else
    {
      bpl_network_set_activation (network, 3, BPL_ACTIVATION_LINEAR);
      bpl_network_set_loss (network, BPL_LOSS_SQUARED_ERROR);
    }
  bpl_network_set_update_biases (network, TRUE);
  bpl_network_set_training (network, BPL_TRAINING_ONLINE);
  bpl_network_set_learning_rate (network, DEFAULT_LEARNING_RATE);

  /* Glorot-uniform: ±√(6 / (fan-in + fan-out)) keeps tanh layers out of
   * saturation at the start. */
  bpl_random_init (&random, seed);
  for (guint l = 1; l < G_N_ELEMENTS (sizes); l++)
    {
      double limit = sqrt (6.0 / (sizes[l - 1] + sizes[l]));
      for (guint w = bpl_network_get_weight_start (network, l); w < bpl_network_get_weight_start (network, l + 1); w++)
        bpl_network_set_weight (network, w, bpl_random_range (&random, -limit, limit));
    }

  if (!bpl_dataset_apply (self, network, error))
    return NULL;
  return g_steal_pointer (&network);
}

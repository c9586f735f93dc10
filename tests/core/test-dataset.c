/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-dataset.c: the seeded random numbers, the data set generators, the
 * train/test split, and putting a data set into a network. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "backprop-lens.h"

static const BplDatasetKind all_kinds[] = {
  BPL_DATASET_CIRCLE, BPL_DATASET_XOR, BPL_DATASET_GAUSS, BPL_DATASET_SPIRAL, BPL_DATASET_PLANE, BPL_DATASET_SINE,
};

static BplDataset *
generate (BplDatasetKind kind, guint n_points, double noise, double test_fraction, guint64 seed, gboolean one_hot)
{
  g_autoptr (GError) error = NULL;
  BplDatasetOptions options;
  BplDataset *dataset;

  bpl_dataset_options_init (&options);
  options.kind = kind;
  options.n_points = n_points;
  options.noise = noise;
  options.test_fraction = test_fraction;
  options.seed = seed;
  options.one_hot = one_hot;
  dataset = bpl_dataset_generate (&options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

/* The generator's first outputs, computed independently (a Python
 * transcription of the reference xoshiro256** and splitmix64 code): the
 * same seed gives the same data on every machine. */
static void
test_random_reference (void)
{
  static const struct { guint64 seed; guint64 out[3]; } cases[] = {
    { 0, { G_GUINT64_CONSTANT (0x99ec5f36cb75f2b4), G_GUINT64_CONSTANT (0xbf6e1f784956452a),
           G_GUINT64_CONSTANT (0x1a5f849d4933e6e0) } },
    { 1, { G_GUINT64_CONSTANT (0xb3f2af6d0fc710c5), G_GUINT64_CONSTANT (0x853b559647364cea),
           G_GUINT64_CONSTANT (0x92f89756082a4514) } },
    { 12345, { G_GUINT64_CONSTANT (0xbe6a36374160d49b), G_GUINT64_CONSTANT (0x214aaa0637a688c6),
               G_GUINT64_CONSTANT (0xf69d16de9954d388) } },
  };
  BplRandom random;

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      bpl_random_init (&random, cases[c].seed);
      for (guint i = 0; i < 3; i++)
        g_assert_cmphex (bpl_random_next (&random), ==, cases[c].out[i]);
    }

  /* 53 bits into [0, 1): the same Python transcription. */
  bpl_random_init (&random, 1);
  g_assert_cmpfloat (bpl_random_double (&random), ==, 0.7029218331588505);
  g_assert_cmpfloat (bpl_random_double (&random), ==, 0.5204366199388569);
}

static void
test_random_ranges (void)
{
  guint counts[3] = { 0, 0, 0 };
  double sum = 0, sum_sq = 0;
  const guint n = 60000;
  BplRandom random;

  bpl_random_init (&random, 42);
  for (guint i = 0; i < n; i++)
    {
      double u = bpl_random_double (&random);
      double r = bpl_random_range (&random, -2.0, 3.0);
      guint64 b = bpl_random_below (&random, 3);

      g_assert_cmpfloat (u, >=, 0.0);
      g_assert_cmpfloat (u, <, 1.0);
      g_assert_cmpfloat (r, >=, -2.0);
      g_assert_cmpfloat (r, <, 3.0);
      g_assert_cmpuint (b, <, 3);
      counts[b]++;
      g_assert_cmpuint (bpl_random_below (&random, 1), ==, 0);
    }
  /* Each of three about a third: within 5 standard deviations. */
  for (guint k = 0; k < 3; k++)
    g_assert_cmpfloat (fabs (counts[k] - n / 3.0), <, 5 * sqrt (n * (1 / 3.0) * (2 / 3.0)));

  for (guint i = 0; i < n; i++)
    {
      double z = bpl_random_normal (&random);
      sum += z;
      sum_sq += z * z;
    }
  g_assert_cmpfloat (fabs (sum / n), <, 0.02);
  g_assert_cmpfloat (fabs (sum_sq / n - 1.0), <, 0.03);
}

static void
test_kind_names (void)
{
  static const char *const names[] = { "circle", "xor", "gauss", "spiral", "plane", "sine" };
  BplDatasetKind kind;

  for (guint k = 0; k < G_N_ELEMENTS (all_kinds); k++)
    {
      g_assert_cmpstr (bpl_dataset_kind_to_string (all_kinds[k]), ==, names[k]);
      g_assert_true (bpl_dataset_kind_from_string (names[k], &kind));
      g_assert_cmpint (kind, ==, all_kinds[k]);
      g_assert_cmpuint (bpl_dataset_kind_get_n_inputs (kind), ==, kind == BPL_DATASET_SINE ? 1 : 2);
      g_assert_cmpint (bpl_dataset_kind_is_classification (kind), ==, k < 4);
    }
  g_assert_false (bpl_dataset_kind_from_string ("Circle", &kind));
  g_assert_false (bpl_dataset_kind_from_string ("", &kind));
  g_assert_false (bpl_dataset_kind_from_string (NULL, &kind));
}

/* Every value of the training and the test points. */
static double *
all_values (const BplDataset *d, gboolean inputs, guint *n_out)
{
  guint per = inputs ? d->n_inputs : d->n_targets;
  gsize n_train = (gsize) d->n_samples * per, n_test = (gsize) d->n_test_samples * per;
  double *values = g_new (double, n_train + n_test + 1);

  memcpy (values, inputs ? d->inputs : d->targets, sizeof (double) * n_train);
  if (n_test > 0)
    memcpy (values + n_train, inputs ? d->test_inputs : d->test_targets, sizeof (double) * n_test);
  *n_out = (guint) (n_train + n_test);
  return values;
}

static void
test_reproducible (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (all_kinds); k++)
    {
      g_autoptr (BplDataset) a = generate (all_kinds[k], 150, 0.3, 0.2, 99, FALSE);
      g_autoptr (BplDataset) b = generate (all_kinds[k], 150, 0.3, 0.2, 99, FALSE);
      g_autoptr (BplDataset) other = generate (all_kinds[k], 150, 0.3, 0.2, 100, FALSE);

      g_assert_cmpuint (a->n_samples, ==, 120);
      g_assert_cmpuint (a->n_test_samples, ==, 30);
      g_assert_cmpmem (a->inputs, sizeof (double) * 120 * a->n_inputs, b->inputs, sizeof (double) * 120 * b->n_inputs);
      g_assert_cmpmem (a->targets, sizeof (double) * 120, b->targets, sizeof (double) * 120);
      g_assert_cmpmem (a->test_inputs, sizeof (double) * 30 * a->n_inputs, b->test_inputs,
                       sizeof (double) * 30 * b->n_inputs);
      g_assert_true (memcmp (a->inputs, other->inputs, sizeof (double) * 120 * a->n_inputs) != 0);
    }
}

/* Splitting picks points, it does not change them: the points with a test
 * fraction are those without, and the training points keep their order. */
static void
test_split_keeps_points (void)
{
  g_autoptr (BplDataset) whole = generate (BPL_DATASET_GAUSS, 101, 0.5, 0.0, 5, FALSE);
  g_autoptr (BplDataset) split = generate (BPL_DATASET_GAUSS, 101, 0.5, 0.3, 5, FALSE);
  guint train = 0, test = 0;

  g_assert_cmpuint (whole->n_samples, ==, 101);
  g_assert_cmpuint (whole->n_test_samples, ==, 0);
  /* round(0.3 · 101) = 30 */
  g_assert_cmpuint (split->n_test_samples, ==, 30);
  g_assert_cmpuint (split->n_samples, ==, 71);

  for (guint s = 0; s < whole->n_samples; s++)
    {
      const double *p = whole->inputs + 2 * s;
      if (train < split->n_samples && memcmp (p, split->inputs + 2 * train, 2 * sizeof (double)) == 0)
        {
          g_assert_cmpfloat (whole->targets[s], ==, split->targets[train]);
          train++;
        }
      else
        {
          g_assert_cmpuint (test, <, split->n_test_samples);
          g_assert_cmpmem (p, 2 * sizeof (double), split->test_inputs + 2 * test, 2 * sizeof (double));
          g_assert_cmpfloat (whole->targets[s], ==, split->test_targets[test]);
          test++;
        }
    }
  g_assert_cmpuint (train, ==, split->n_samples);
  g_assert_cmpuint (test, ==, split->n_test_samples);
}

static void
test_ranges (void)
{
  const double noises[] = { 0.0, 0.5, 1.0 };

  for (guint k = 0; k < G_N_ELEMENTS (all_kinds); k++)
    for (guint n = 0; n < G_N_ELEMENTS (noises); n++)
      {
        g_autoptr (BplDataset) d = generate (all_kinds[k], 400, noises[n], 0.25, 3, FALSE);
        g_autofree double *inputs = NULL;
        g_autofree double *targets = NULL;
        guint n_in, n_out;

        inputs = all_values (d, TRUE, &n_in);
        targets = all_values (d, FALSE, &n_out);
        g_assert_cmpuint (n_in, ==, 400 * bpl_dataset_kind_get_n_inputs (all_kinds[k]));
        g_assert_cmpuint (n_out, ==, 400);
        g_assert_cmpuint (d->n_targets, ==, 1);
        g_assert_cmpint (d->classification, ==, bpl_dataset_kind_is_classification (all_kinds[k]));
        for (guint i = 0; i < n_in; i++)
          {
            g_assert_cmpfloat (inputs[i], >=, -1.0);
            g_assert_cmpfloat (inputs[i], <=, 1.0);
          }
        for (guint i = 0; i < n_out; i++)
          {
            if (d->classification)
              g_assert_true (targets[i] == 0.0 || targets[i] == 1.0);
            else
              {
                /* The value in [−1, 1] plus at most ±noise/2. */
                g_assert_cmpfloat (fabs (targets[i]), <=, 1.0 + noises[n] / 2);
              }
          }
      }
}

static guint
count_ones (const BplDataset *d)
{
  guint ones = 0;

  for (guint s = 0; s < d->n_samples; s++)
    ones += d->targets[s] == 1.0;
  return ones;
}

/* Without noise each label follows the kind's rule exactly. */
static void
test_noise_free_labels (void)
{
  g_autoptr (BplDataset) circle = generate (BPL_DATASET_CIRCLE, 300, 0, 0, 11, FALSE);
  g_autoptr (BplDataset) xor = generate (BPL_DATASET_XOR, 300, 0, 0, 11, FALSE);
  g_autoptr (BplDataset) gauss = generate (BPL_DATASET_GAUSS, 300, 0, 0, 11, FALSE);
  g_autoptr (BplDataset) spiral = generate (BPL_DATASET_SPIRAL, 300, 0, 0, 11, FALSE);
  g_autoptr (BplDataset) plane = generate (BPL_DATASET_PLANE, 300, 0, 0, 11, FALSE);
  g_autoptr (BplDataset) sine = generate (BPL_DATASET_SINE, 300, 0, 0, 11, FALSE);

  for (guint s = 0; s < 300; s++)
    {
      const double *p = circle->inputs + 2 * s;
      double r = hypot (p[0], p[1]);

      /* Inside 0.5, or in the ring from 0.7 to 1. */
      g_assert_true (r < 0.5 || (r >= 0.7 - 1e-12 && r <= 1.0 + 1e-12));
      g_assert_cmpfloat (circle->targets[s], ==, r < 0.5 ? 1.0 : 0.0);

      p = xor->inputs + 2 * s;
      g_assert_cmpfloat (fabs (p[0]), >=, 0.05);
      g_assert_cmpfloat (fabs (p[1]), >=, 0.05);
      g_assert_cmpfloat (xor->targets[s], ==, (p[0] > 0) != (p[1] > 0) ? 1.0 : 0.0);

      /* Classes alternate, class 1 first. */
      g_assert_cmpfloat (gauss->targets[s], ==, s % 2 == 0 ? 1.0 : 0.0);
      g_assert_cmpfloat (spiral->targets[s], ==, s % 2 == 0 ? 1.0 : 0.0);
      p = spiral->inputs + 2 * s;
      /* The arms: radius 0.9·k/150 for the k-th point of each, from 1 so
       * that no two points of different classes coincide at the origin. */
      g_assert_cmpfloat_with_epsilon (hypot (p[0], p[1]), 0.9 * (s / 2 + 1) / 150.0, 1e-12);

      p = plane->inputs + 2 * s;
      g_assert_cmpfloat (plane->targets[s], ==, (p[0] + p[1]) / 2);
      g_assert_cmpfloat (sine->targets[s], ==, sin (G_PI * sine->inputs[s]));
    }

  /* The Gaussian clouds sit on their own sides of y = −x. */
  {
    guint wrong = 0;
    for (guint s = 0; s < 300; s++)
      wrong += (gauss->inputs[2 * s] + gauss->inputs[2 * s + 1] > 0) != (gauss->targets[s] == 1.0);
    g_assert_cmpuint (wrong, <=, 3);
  }

  /* No point of one class on a point of the other. */
  for (guint s = 0; s < 300; s++)
    for (guint t = s + 1; t < 300; t += 2)
      g_assert_false (spiral->inputs[2 * s] == spiral->inputs[2 * t] &&
                      spiral->inputs[2 * s + 1] == spiral->inputs[2 * t + 1]);

  /* Balanced classes. */
  g_assert_cmpuint (count_ones (circle), ==, 150);
  g_assert_cmpuint (count_ones (gauss), ==, 150);
  g_assert_cmpuint (count_ones (spiral), ==, 150);
  g_assert_cmpuint (count_ones (xor), >, 110);
  g_assert_cmpuint (count_ones (xor), <, 190);
}

/* Noise flips labels of the circle near its edge and spreads the clouds. */
static void
test_noise_matters (void)
{
  g_autoptr (BplDataset) clean = generate (BPL_DATASET_CIRCLE, 400, 0, 0, 8, FALSE);
  g_autoptr (BplDataset) noisy = generate (BPL_DATASET_CIRCLE, 400, 1, 0, 8, FALSE);
  g_autoptr (BplDataset) sine = generate (BPL_DATASET_SINE, 400, 0.5, 0, 8, FALSE);
  guint flipped = 0;
  double off = 0;

  for (guint s = 0; s < 400; s++)
    {
      double r = hypot (noisy->inputs[2 * s], noisy->inputs[2 * s + 1]);
      flipped += noisy->targets[s] != (r < 0.5 ? 1.0 : 0.0);
      off = MAX (off, fabs (sine->targets[s] - sin (G_PI * sine->inputs[s])));
    }
  g_assert_cmpuint (flipped, >, 10);
  g_assert_cmpuint (count_ones (clean), ==, 200);
  g_assert_cmpfloat (off, >, 0.1);
  g_assert_cmpfloat (off, <=, 0.25);
}

/* One-hot: the same points, the label as (1, 0) or (0, 1). */
static void
test_one_hot (void)
{
  g_autoptr (BplDataset) one = generate (BPL_DATASET_SPIRAL, 80, 0.2, 0.25, 4, FALSE);
  g_autoptr (BplDataset) two = generate (BPL_DATASET_SPIRAL, 80, 0.2, 0.25, 4, TRUE);

  g_assert_cmpuint (two->n_targets, ==, 2);
  g_assert_cmpstr (two->target_names[0], ==, "class 0");
  g_assert_cmpstr (two->target_names[1], ==, "class 1");
  g_assert_cmpstr (one->target_names[0], ==, "class");
  g_assert_cmpstr (one->input_names[0], ==, "x");
  g_assert_cmpstr (one->input_names[1], ==, "y");
  g_assert_true (two->classification);
  g_assert_cmpmem (one->inputs, sizeof (double) * 2 * one->n_samples, two->inputs,
                   sizeof (double) * 2 * two->n_samples);
  for (guint s = 0; s < one->n_samples; s++)
    {
      g_assert_cmpfloat (two->targets[2 * s + 1], ==, one->targets[s]);
      g_assert_cmpfloat (two->targets[2 * s], ==, 1.0 - one->targets[s]);
    }
  for (guint s = 0; s < one->n_test_samples; s++)
    g_assert_cmpfloat (two->test_targets[2 * s + 1], ==, one->test_targets[s]);
}

static void
test_options_refused (void)
{
  const struct { guint n_points; double noise; double fraction; BplDatasetKind kind; gboolean one_hot;
                 const char *message; } cases[] = {
    { 0, 0, 0, BPL_DATASET_CIRCLE, FALSE, "1 to 4096 points, not 0" },
    { 4097, 0, 0, BPL_DATASET_CIRCLE, FALSE, "1 to 4096 points, not 4097" },
    { 10, -0.1, 0, BPL_DATASET_CIRCLE, FALSE, "noise must be from 0 to 1" },
    { 10, 1.5, 0, BPL_DATASET_CIRCLE, FALSE, "noise must be from 0 to 1" },
    { 10, NAN, 0, BPL_DATASET_CIRCLE, FALSE, "noise must be from 0 to 1" },
    { 10, 0, 1.0, BPL_DATASET_CIRCLE, FALSE, "test fraction must be at least 0 and less than 1" },
    { 10, 0, -0.5, BPL_DATASET_CIRCLE, FALSE, "test fraction" },
    { 10, 0, NAN, BPL_DATASET_CIRCLE, FALSE, "test fraction" },
    { 1, 0, 0.5, BPL_DATASET_CIRCLE, FALSE, "leaves no point to train on" },
    { 10, 0, 0.96, BPL_DATASET_CIRCLE, FALSE, "leaves no point to train on" },
    { 10, 0, 0, BPL_DATASET_SINE, TRUE, "sine is a regression problem" },
    { 10, 0, 0, BPL_DATASET_PLANE, TRUE, "plane is a regression problem" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (BplDataset) d = NULL;
      BplDatasetOptions options;

      bpl_dataset_options_init (&options);
      options.kind = cases[c].kind;
      options.n_points = cases[c].n_points;
      options.noise = cases[c].noise;
      options.test_fraction = cases[c].fraction;
      options.one_hot = cases[c].one_hot;
      d = bpl_dataset_generate (&options, &error);
      g_assert_null (d);
      g_assert_nonnull (error);
      g_assert_true (error->domain == BPL_ERROR);
      if (strstr (error->message, cases[c].message) == NULL)
        g_error ("case %u: expected “%s” in “%s”", c, cases[c].message, error->message);
    }

  /* The largest data set, and one point (all of it for training). */
  {
    g_autoptr (BplDataset) big = generate (BPL_DATASET_SPIRAL, 4096, 1, 0.5, 1, TRUE);
    g_autoptr (BplDataset) one = generate (BPL_DATASET_SINE, 1, 1, 0.4, 1, FALSE);
    g_assert_cmpuint (big->n_samples + big->n_test_samples, ==, 4096);
    g_assert_cmpuint (one->n_samples, ==, 1);
    g_assert_cmpuint (one->n_test_samples, ==, 0);
  }
}

/* Names given or not, and points added one by one (growing past the first
 * allocation). */
static void
test_new_and_add (void)
{
  static const char *const in_names[] = { "a", NULL };
  g_autoptr (BplDataset) d = bpl_dataset_new (NULL, 3, 2, in_names, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (d->name, ==, "Data");
  g_assert_cmpstr (d->input_names[0], ==, "a");
  g_assert_cmpstr (d->input_names[1], ==, "x2");
  g_assert_cmpstr (d->input_names[2], ==, "x3");
  g_assert_null (d->input_names[3]);
  g_assert_cmpstr (d->target_names[0], ==, "t1");
  g_assert_cmpstr (d->target_names[1], ==, "t2");
  for (guint s = 0; s < 100; s++)
    {
      double in[3] = { s, s + 0.5, -(double) s };
      double out[2] = { s * 2.0, 1.0 };
      bpl_dataset_add (d, in, out);
    }
  g_assert_cmpuint (d->n_samples, ==, 100);
  for (guint s = 0; s < 100; s++)
    {
      g_assert_cmpfloat (d->inputs[3 * s + 1], ==, s + 0.5);
      g_assert_cmpfloat (d->targets[2 * s], ==, s * 2.0);
    }

  g_assert_true (bpl_dataset_split (d, 0.1, 7, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (d->n_samples, ==, 90);
  g_assert_cmpuint (d->n_test_samples, ==, 10);
  /* Both keep the order they had. */
  for (guint s = 1; s < d->n_samples; s++)
    g_assert_cmpfloat (d->inputs[3 * s], >, d->inputs[3 * (s - 1)]);
  for (guint s = 1; s < d->n_test_samples; s++)
    g_assert_cmpfloat (d->test_inputs[3 * s], >, d->test_inputs[3 * (s - 1)]);
  for (guint s = 0; s < d->n_test_samples; s++)
    g_assert_cmpfloat (d->test_targets[2 * s], ==, 2 * d->test_inputs[3 * s]);
}

static BplNetwork *
network_of (const guint *layers, guint n_layers)
{
  g_autoptr (GError) error = NULL;
  BplNetwork *net = bpl_network_new (layers, n_layers, BPL_BIAS_PER_NEURON, &error);

  g_assert_no_error (error);
  return net;
}

static void
test_apply (void)
{
  static const guint fits[] = { 2, 3, 1 };
  static const guint wrong[] = { 2, 3, 2 };
  g_autoptr (BplDataset) d = generate (BPL_DATASET_PLANE, 50, 0.5, 0.2, 2, FALSE);
  g_autoptr (BplNetwork) net = network_of (fits, 3);
  g_autoptr (BplNetwork) other = network_of (wrong, 3);
  g_autoptr (BplNetwork) before = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (bpl_dataset_fits (d, net, &error));
  g_assert_no_error (error);
  g_assert_true (bpl_dataset_apply (d, net, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bpl_network_get_n_samples (net), ==, 40);
  g_assert_cmpuint (bpl_network_get_n_test_samples (net), ==, 10);
  for (guint s = 0; s < 40; s++)
    {
      g_assert_cmpmem (bpl_network_get_input (net, s), 2 * sizeof (double), d->inputs + 2 * s, 2 * sizeof (double));
      g_assert_cmpfloat (bpl_network_get_target (net, s)[0], ==, d->targets[s]);
    }
  for (guint s = 0; s < 10; s++)
    {
      g_assert_cmpmem (bpl_network_get_test_input (net, s), 2 * sizeof (double), d->test_inputs + 2 * s,
                       2 * sizeof (double));
      g_assert_cmpfloat (bpl_network_get_test_target (net, s)[0], ==, d->test_targets[s]);
    }

  /* Two outputs for one target: refused, and nothing changed. */
  before = bpl_network_copy (other);
  g_assert_false (bpl_dataset_apply (d, other, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "the data has 2 inputs and 1 target, but the network takes 2 inputs "
                                            "and gives 2 outputs"));
  g_assert_true (bpl_network_equal (before, other));
  g_clear_error (&error);

  /* Cross-entropy needs targets in [0, 1]; the plane's go below 0. */
  bpl_network_set_loss (other, BPL_LOSS_CROSS_ENTROPY);
  g_clear_pointer (&before, bpl_network_free);
  {
    g_autoptr (BplNetwork) ce = network_of (fits, 3);
    bpl_network_set_loss (ce, BPL_LOSS_CROSS_ENTROPY);
    before = bpl_network_copy (ce);
    g_assert_false (bpl_dataset_apply (d, ce, &error));
    g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "cross-entropy"));
    g_assert_true (bpl_network_equal (before, ce));
  }
}

static BplDataset *
wide_dataset (guint n_inputs, guint n_points)
{
  BplDataset *d = bpl_dataset_new ("wide", n_inputs, 1, NULL, NULL);
  g_autofree double *in = g_new (double, n_inputs);
  double out = 0.123456789012345;

  for (guint i = 0; i < n_inputs; i++)
    in[i] = -0.123456789012345 * (i + 1);
  for (guint s = 0; s < n_points; s++)
    bpl_dataset_add (d, in, &out);
  return d;
}

/* A network whose data went in must open again once saved: the reader
 * refuses more than BPL_FILE_MAX_VALUES values, so apply refuses first. */
static void
test_apply_file_limit (void)
{
  g_autoptr (GError) error = NULL;
  /* 4096 · (70 + 1) = 290,816 numbers: close to the limit, still fine. */
  g_autoptr (BplDataset) fits = wide_dataset (70, 4096);
  g_autoptr (BplDataset) too_many = wide_dataset (80, 4096);
  g_autoptr (BplNetwork) net = bpl_dataset_new_network (fits, 1, &error);
  g_autoptr (BplNetwork) back = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_assert_no_error (error);
  text = bpl_network_to_data (net, &length);
  back = bpl_network_load_from_data (text, length, "wide.json", &error);
  g_assert_no_error (error);
  g_assert_true (bpl_network_equal (net, back));

  g_assert_null (bpl_dataset_new_network (too_many, 1, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "4096 points of 80 inputs and 1 target are more values than a network "
                                            "file may hold (300000 in all)"));
}

static void
test_new_network (void)
{
  g_autoptr (BplDataset) circle = generate (BPL_DATASET_CIRCLE, 100, 0, 0.2, 6, FALSE);
  g_autoptr (BplDataset) sine = generate (BPL_DATASET_SINE, 100, 0, 0.2, 6, FALSE);
  g_autoptr (BplDataset) hot = generate (BPL_DATASET_XOR, 100, 0, 0.2, 6, TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (BplNetwork) a = bpl_dataset_new_network (circle, 6, &error);
  g_autoptr (BplNetwork) b = bpl_dataset_new_network (circle, 6, &error);
  g_autoptr (BplNetwork) c = bpl_dataset_new_network (circle, 7, &error);
  g_autoptr (BplNetwork) s = bpl_dataset_new_network (sine, 6, &error);
  g_autoptr (BplNetwork) h = bpl_dataset_new_network (hot, 6, &error);
  g_autoptr (BplForward) forward = NULL;
  g_autoptr (BplTrainer) trainer = NULL;
  double before, after;

  g_assert_no_error (error);
  g_assert_cmpstr (bpl_network_get_name (a), ==, "Circle");
  g_assert_cmpuint (bpl_network_get_n_layers (a), ==, 4);
  g_assert_cmpuint (bpl_network_get_layer_size (a, 0), ==, 2);
  g_assert_cmpuint (bpl_network_get_layer_size (a, 1), ==, 4);
  g_assert_cmpuint (bpl_network_get_layer_size (a, 2), ==, 4);
  g_assert_cmpuint (bpl_network_get_layer_size (a, 3), ==, 1);
  g_assert_cmpint (bpl_network_get_activation (a, 1), ==, BPL_ACTIVATION_TANH);
  g_assert_cmpint (bpl_network_get_activation (a, 2), ==, BPL_ACTIVATION_TANH);
  g_assert_cmpint (bpl_network_get_activation (a, 3), ==, BPL_ACTIVATION_SIGMOID);
  g_assert_cmpint (bpl_network_get_loss (a), ==, BPL_LOSS_CROSS_ENTROPY);
  g_assert_cmpint (bpl_network_get_bias_mode (a), ==, BPL_BIAS_PER_NEURON);
  g_assert_true (bpl_network_get_update_biases (a));
  g_assert_cmpuint (bpl_network_get_n_samples (a), ==, 80);
  g_assert_cmpuint (bpl_network_get_n_test_samples (a), ==, 20);
  g_assert_true (bpl_network_check (a, NULL));

  /* Glorot-uniform, the same for the same seed. */
  g_assert_true (bpl_network_equal (a, b));
  g_assert_false (bpl_network_equal (a, c));
  for (guint w = 0; w < bpl_network_get_n_weights (a); w++)
    {
      guint layer = bpl_network_get_neuron_layer (a, bpl_network_get_weight_target (a, w));
      double limit = sqrt (6.0 / (bpl_network_get_layer_size (a, layer - 1) + bpl_network_get_layer_size (a, layer)));
      g_assert_cmpfloat (fabs (bpl_network_get_weight (a, w)), <=, limit);
      g_assert_cmpfloat (bpl_network_get_weight (a, w), !=, 0.0);
    }
  for (guint k = 0; k < bpl_network_get_n_biases (a); k++)
    g_assert_cmpfloat (bpl_network_get_bias (a, k), ==, 0.0);

  g_assert_cmpuint (bpl_network_get_layer_size (s, 0), ==, 1);
  g_assert_cmpint (bpl_network_get_activation (s, 3), ==, BPL_ACTIVATION_LINEAR);
  g_assert_cmpint (bpl_network_get_loss (s), ==, BPL_LOSS_SQUARED_ERROR);
  g_assert_cmpuint (bpl_network_get_n_outputs (h), ==, 2);

  /* It learns the circle: training and test error both fall far. */
  forward = bpl_forward_new (a);
  trainer = bpl_trainer_new (a);
  before = bpl_network_mean_test_error (a, forward);
  g_assert_true (bpl_trainer_train (trainer, a, 20000, NULL, &error));
  g_assert_no_error (error);
  after = bpl_network_mean_test_error (a, forward);
  g_assert_cmpfloat (after, <, before / 4);
  g_assert_cmpfloat (bpl_network_mean_error (a, forward), <, 0.05);
  {
    guint right = 0;
    for (guint t = 0; t < bpl_network_get_n_test_samples (a); t++)
      {
        bpl_forward_compute_test (forward, a, t);
        right += (forward->out[10] > 0.5) == (bpl_network_get_test_target (a, t)[0] == 1.0);
      }
    g_test_message ("test error %g → %g, %u of 20 test points right", before, after, right);
    g_assert_cmpuint (right, >=, 18);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/random/reference", test_random_reference);
  g_test_add_func ("/core/random/ranges", test_random_ranges);
  g_test_add_func ("/core/dataset/kind-names", test_kind_names);
  g_test_add_func ("/core/dataset/reproducible", test_reproducible);
  g_test_add_func ("/core/dataset/split-keeps-points", test_split_keeps_points);
  g_test_add_func ("/core/dataset/ranges", test_ranges);
  g_test_add_func ("/core/dataset/noise-free-labels", test_noise_free_labels);
  g_test_add_func ("/core/dataset/noise-matters", test_noise_matters);
  g_test_add_func ("/core/dataset/one-hot", test_one_hot);
  g_test_add_func ("/core/dataset/options-refused", test_options_refused);
  g_test_add_func ("/core/dataset/new-and-add", test_new_and_add);
  g_test_add_func ("/core/dataset/apply", test_apply);
  g_test_add_func ("/core/dataset/apply-file-limit", test_apply_file_limit);
  g_test_add_func ("/core/dataset/new-network", test_new_network);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-axis: the loss plot's ticks. Nice values (1, 2, 2.5, 5 × 10ᵏ,
 * decades), as many as fit, labels that tell them apart. Pure arithmetic:
 * no display needed. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bpl-axis.h"

/* The labels of @axis joined by " | ". */
static char *
labels (const BplAxis *axis)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < axis->n_ticks; i++)
    {
      g_autofree char *label = bpl_axis_format_tick (axis, i);

      if (i > 0)
        g_string_append (out, " | ");
      g_string_append (out, label);
    }
  return g_string_free (out, FALSE);
}

/* Labels 20 px apart at least, on an axis @length px long. */
static void
assert_labels (double      lo,
               double      hi,
               gboolean    log_scale,
               double      length,
               const char *expected)
{
  BplAxis axis;
  g_autofree char *text = NULL;

  bpl_axis_init (&axis, lo, hi, log_scale, length, 20);
  text = labels (&axis);
  g_test_message ("%s [%g, %g] on %g px: %s", log_scale ? "log" : "linear", lo, hi, length, text);
  g_assert_cmpstr (text, ==, expected);
}

/* The worked example at step 0 on a linear axis: 0 to 0.2984, widened to
 * the next tick so that the top is labelled. */
static void
test_linear (void)
{
  BplAxis axis;

  assert_labels (0, 0.29837, FALSE, 65, "0 | 0.1 | 0.2 | 0.3");
  bpl_axis_init (&axis, 0, 0.29837, FALSE, 65, 20);
  g_assert_cmpfloat_with_epsilon (axis.hi, 0.3, 1e-12);
  g_assert_cmpfloat (axis.lo, ==, 0);
  assert_labels (0, 0.29837, FALSE, 140, "0 | 0.05 | 0.1 | 0.15 | 0.2 | 0.25 | 0.3");
  /* 2.5 steps need two digits: 0.75, not 0.8. */
  assert_labels (0, 1, FALSE, 84, "0 | 0.25 | 0.5 | 0.75 | 1");
  /* The value: tiny losses keep their exponent. */
  assert_labels (0, 3.081e-5, FALSE, 84, "0 | 1×10⁻⁵ | 2×10⁻⁵ | 3×10⁻⁵ | 4×10⁻⁵");
  /* Large values in full. */
  assert_labels (0, 1450, FALSE, 65, "0 | 500 | 1000 | 1500");
  /* No room for two labels: none. */
  bpl_axis_init (&axis, 0, 1, FALSE, 15, 20);
  g_assert_cmpuint (axis.n_ticks, ==, 0);
}

/* One decade (0.09435 to 0.9435, the first step's log axis): decades alone
 * give one tick; 1-2-5 more, widened to its end ticks where they fit. */
static void
test_log_decade (void)
{
  BplAxis axis;

  assert_labels (0.09435, 0.9435, TRUE, 120, "0.05 | 0.1 | 0.2 | 0.5 | 1");
  bpl_axis_init (&axis, 0.09435, 0.9435, TRUE, 120, 20);
  g_assert_cmpfloat (axis.lo, ==, 0.05);
  g_assert_cmpfloat (axis.hi, ==, 1);
  assert_labels (0.09435, 0.9435, TRUE, 70, "0.1 | 0.2 | 0.5");
  assert_labels (0.09435, 0.9435, TRUE, 50, "0.1 | 0.3");
  /* XOR after 1,000 steps on a 65 px plot: one tick inside the range, three
   * once widened to 0.05 and 0.2. */
  assert_labels (0.0534, 0.1487, TRUE, 65, "0.05 | 0.1 | 0.2");
}

/* Less than a decade: even steps, with the digits they need. */
static void
test_log_narrow (void)
{
  assert_labels (0.1407, 0.1487, TRUE, 90, "0.142 | 0.144 | 0.146 | 0.148");
  assert_labels (0.1407, 0.1487, TRUE, 65, "0.1425 | 0.145 | 0.1475");
}

/* Many decades: every decade, or every second from the first in range. */
static void
test_log_decades (void)
{
  assert_labels (3e-6, 0.3, TRUE, 120, "1×10⁻⁵ | 0.0001 | 0.001 | 0.01 | 0.1");
  assert_labels (3e-6, 0.3, TRUE, 60, "1×10⁻⁵ | 0.001 | 0.1");
  assert_labels (1e-300, 1, TRUE, 65, "1×10⁻³⁰⁰ | 1×10⁻²⁰⁰ | 1×10⁻¹⁰⁰ | 1");
}

/* For any range: labels never closer than asked, ascending, inside the
 * axis, a linear axis covering what it was given, and no label twice. */
static void
test_properties (void)
{
  GRand *rand = g_rand_new_with_seed (17);

  for (int i = 0; i < 20000; i++)
    {
      gboolean log_scale = i % 2;
      double a = pow (10, g_rand_double_range (rand, -12, 6));
      double lo = log_scale ? a * g_rand_double_range (rand, 0.01, 1)
                            : (i % 4 == 0 ? 0 : a * g_rand_double_range (rand, 0, 0.99));
      double hi = a * g_rand_double_range (rand, 1.0001, i % 3 == 0 ? 1.2 : 1e4);
      double gap = g_rand_double_range (rand, 10, 30);
      double length = g_rand_double_range (rand, 3 * gap, 600);
      BplAxis axis;
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      /* Whatever was there before, every tick gets its digits. */
      memset (&axis, 0xff, sizeof axis);
      bpl_axis_init (&axis, lo, hi, log_scale, length, gap);
      g_assert_cmpuint (axis.n_ticks, <=, BPL_AXIS_MAX_TICKS);
      for (guint t = 0; t < axis.n_ticks; t++)
        g_assert_cmpint (axis.digits[t], >=, 1);
      if (!log_scale)
        {
          g_assert_cmpuint (axis.n_ticks, >=, 2);
          g_assert_cmpfloat (axis.lo, <=, lo);
          g_assert_cmpfloat (axis.hi, >=, hi * (1 - 1e-12));
        }
      else
        {
          g_assert_cmpuint (axis.n_ticks, >=, 1);
          g_assert_cmpfloat (axis.lo, <=, lo);
          g_assert_cmpfloat (axis.hi, >=, hi);
          g_assert_cmpfloat (log10 (axis.hi / axis.lo), <=, 1.5 * log10 (hi / lo) * (1 + 1e-9));
        }
      for (guint t = 0; t < axis.n_ticks; t++)
        {
          char *label = bpl_axis_format_tick (&axis, t);
          double f = bpl_axis_fraction (&axis, log_scale, axis.ticks[t]);

          g_assert_cmpfloat (f, >=, -1e-9);
          g_assert_cmpfloat (f, <=, 1 + 1e-9);
          if (t > 0)
            g_assert_cmpfloat ((f - bpl_axis_fraction (&axis, log_scale, axis.ticks[t - 1])) * length, >=, gap);
          if (g_hash_table_contains (seen, label))
            g_error ("[%g, %g] %s: label %s twice", lo, hi, log_scale ? "log" : "linear", label);
          g_hash_table_add (seen, label);
        }
    }
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/axis/linear", test_linear);
  g_test_add_func ("/app/axis/log-decade", test_log_decade);
  g_test_add_func ("/app/axis/log-narrow", test_log_narrow);
  g_test_add_func ("/app/axis/log-decades", test_log_decades);
  g_test_add_func ("/app/axis/properties", test_properties);

  return g_test_run ();
}

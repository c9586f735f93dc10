/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The training trace: every step's values in bounded memory. */
#include "config.h"

#include <glib.h>

#include "bpl-trace.h"

/* Values that say which step they belong to. */
static void
record_step (BplTrace *trace, guint64 step)
{
  double weights[3] = { (double) step, step + 0.25, step + 0.5 };
  double bias = step + 0.75;

  bpl_trace_record (trace, step, weights, 3, &bias, 1);
}

static void
check_entries (const BplTrace *trace)
{
  guint64 previous = 0;

  for (guint i = 0; i < bpl_trace_get_length (trace); i++)
    {
      guint64 step;
      const double *v = bpl_trace_get (trace, i, &step);

      if (i > 0)
        g_assert_cmpuint (step, >, previous);
      g_assert_cmpfloat (v[0], ==, (double) step);
      g_assert_cmpfloat (v[2], ==, step + 0.5);
      g_assert_cmpfloat (v[3], ==, step + 0.75);
      previous = step;
    }
}

static void
test_recent_in_full (void)
{
  g_autoptr (BplTrace) trace = bpl_trace_new (4, 1 << 20, 100, 100);
  guint64 step;

  for (guint64 s = 0; s < 50; s++)
    record_step (trace, s);
  g_assert_cmpuint (bpl_trace_get_length (trace), ==, 50);
  check_entries (trace);
  bpl_trace_get (trace, 49, &step);
  g_assert_cmpuint (step, ==, 49);
}

static void
test_bounded (void)
{
  g_autoptr (BplTrace) trace = bpl_trace_new (4, 1 << 20, 100, 10);
  guint64 first, last;

  for (guint64 s = 0; s <= 100000; s++)
    record_step (trace, s);
  g_test_message ("100,001 steps kept as %u entries", bpl_trace_get_length (trace));
  g_assert_cmpuint (bpl_trace_get_length (trace), <=, 100 + 2 * 10 * 100 / 100 + 100);
  check_entries (trace);
  /* The first step and the newest are always there; the recent ones in full. */
  bpl_trace_get (trace, 0, &first);
  bpl_trace_get (trace, bpl_trace_get_length (trace) - 1, &last);
  g_assert_cmpuint (first, ==, 0);
  g_assert_cmpuint (last, ==, 100000);
  bpl_trace_get (trace, bpl_trace_get_length (trace) - 100, &last);
  g_assert_cmpuint (last, ==, 100000 - 99);
}

static void
test_truncate (void)
{
  g_autoptr (BplTrace) trace = bpl_trace_new (4, 1 << 20, 10, 10);
  guint64 last;

  for (guint64 s = 0; s < 500; s++)
    record_step (trace, s);
  bpl_trace_truncate (trace, 495);
  bpl_trace_get (trace, bpl_trace_get_length (trace) - 1, &last);
  g_assert_cmpuint (last, ==, 494);
  /* Back past every recent entry into the thinned ones. */
  bpl_trace_truncate (trace, 100);
  check_entries (trace);
  bpl_trace_get (trace, bpl_trace_get_length (trace) - 1, &last);
  g_assert_cmpuint (last, <, 100);
  record_step (trace, 100);
  check_entries (trace);
  bpl_trace_truncate (trace, 0);
  g_assert_cmpuint (bpl_trace_get_length (trace), ==, 0);
}

/* A small budget bounds the recent ring below its entry count. */
static void
test_budget (void)
{
  g_autoptr (BplTrace) trace = bpl_trace_new (4, 40, 1000, 10);

  for (guint64 s = 0; s < 1000; s++)
    record_step (trace, s);
  check_entries (trace);
  g_assert_cmpuint (bpl_trace_get_length (trace), <, 1000);
}

static void
assert_traces_equal (const BplTrace *a, const BplTrace *b, guint width)
{
  g_assert_cmpuint (bpl_trace_get_length (a), ==, bpl_trace_get_length (b));
  for (guint i = 0; i < bpl_trace_get_length (a); i++)
    {
      guint64 step_a, step_b;
      const double *va = bpl_trace_get (a, i, &step_a);
      const double *vb = bpl_trace_get (b, i, &step_b);

      g_assert_cmpuint (step_a, ==, step_b);
      g_assert_cmpmem (va, sizeof (double) * width, vb, sizeof (double) * width);
    }
}

/* A copy (what an undo step keeps) is the same trace, goes on exactly as
 * the original does, and is independent of it. */
static void
test_copy (void)
{
  g_autoptr (BplTrace) trace = bpl_trace_new (4, 1 << 20, 100, 10);
  g_autoptr (BplTrace) short_copy = NULL;
  g_autoptr (BplTrace) copy = NULL;
  guint64 last;

  for (guint64 s = 0; s < 5; s++)
    record_step (trace, s);
  short_copy = bpl_trace_copy (trace);
  assert_traces_equal (trace, short_copy, 4);
  /* A short trace's copy holds no more than its entries need. */
  g_assert_cmpuint (bpl_trace_get_size (short_copy), <, bpl_trace_get_size (trace));

  for (guint64 s = 5; s < 3000; s++)
    record_step (trace, s);
  copy = bpl_trace_copy (trace);
  assert_traces_equal (trace, copy, 4);
  for (guint64 s = 3000; s < 5000; s++)
    {
      record_step (trace, s);
      record_step (copy, s);
      record_step (short_copy, s);
    }
  assert_traces_equal (trace, copy, 4);
  check_entries (short_copy);
  bpl_trace_get (short_copy, bpl_trace_get_length (short_copy) - 100, &last);
  g_assert_cmpuint (last, ==, 4900);

  /* Truncating the copy leaves the original alone. */
  bpl_trace_truncate (copy, 10);
  bpl_trace_get (trace, bpl_trace_get_length (trace) - 1, &last);
  g_assert_cmpuint (last, ==, 4999);
  check_entries (copy);
  check_entries (trace);
}

/* Copies share entries: counted together, a trace and its copy hold the
 * entries once; what they go on to record is their own. */
static void
test_copies_share (void)
{
  g_autoptr (BplTrace) trace = bpl_trace_new (1000, 1 << 20, 100, 100);
  g_autoptr (BplTrace) copy = NULL;
  double values[1000] = { 0 };
  gsize alone, together;
  guint mark;

  for (guint64 s = 0; s < 300; s++)
    bpl_trace_record (trace, s, values, 1000, NULL, 0);
  copy = bpl_trace_copy (trace);
  alone = bpl_trace_get_size (trace);
  mark = bpl_trace_next_mark ();
  together = bpl_trace_count_unshared (trace, mark) + bpl_trace_count_unshared (copy, mark);
  g_assert_cmpuint (together, <, alone + alone / 20);

  values[0] = 1;
  bpl_trace_record (copy, 300, values, 1000, NULL, 0);
  mark = bpl_trace_next_mark ();
  together = bpl_trace_count_unshared (trace, mark) + bpl_trace_count_unshared (copy, mark);
  g_assert_cmpuint (together, >, alone);
  {
    guint64 step;

    g_assert_cmpfloat (bpl_trace_get (copy, bpl_trace_get_length (copy) - 1, &step)[0], ==, 1);
    g_assert_cmpfloat (bpl_trace_get (trace, bpl_trace_get_length (trace) - 1, &step)[0], ==, 0);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/trace/recent-in-full", test_recent_in_full);
  g_test_add_func ("/core/trace/bounded", test_bounded);
  g_test_add_func ("/core/trace/truncate", test_truncate);
  g_test_add_func ("/core/trace/budget", test_budget);
  g_test_add_func ("/core/trace/copy", test_copy);
  g_test_add_func ("/core/trace/copies-share", test_copies_share);
  return g_test_run ();
}

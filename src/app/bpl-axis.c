/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-axis.h"

#include <math.h>
#include <string.h>

#include <backprop-lens/backprop-lens.h>

/* Rounding slack: 0.3/0.1 is 2.9999999999999996. */
#define SLACK 1e-9

/* Significant digits that tell @value apart from its neighbours @step away:
 * down to the last significant digit of @step (0.25 has two). */
static int
digits_for (double value,
            double step,
            int    step_digits)
{
  int value_exp, last;

  if (value == 0)
    return 1;
  value_exp = (int) floor (log10 (fabs (value)) + SLACK);
  last = (int) floor (log10 (step) + SLACK) - (step_digits - 1);
  /* 1500, not 1.5×10³: whole numbers below a million in full. */
  if (value_exp >= 0 && value_exp < 6)
    return MAX (value_exp - last + 1, value_exp + 1);
  return MAX (1, value_exp - last + 1);
}

/* Step @n of 1, 2, 2.5, 5 × 10ᵏ, from a thousandth of @range up. */
static double
nth_step (double  range,
          guint   n,
          int    *step_digits)
{
  static const double mantissas[] = { 1, 2, 2.5, 5 };
  int first = (int) floor (log10 (range)) - 3;

  *step_digits = n % 4 == 2 ? 2 : 1;
  return mantissas[n % 4] * pow (10, first + (int) (n / 4));
}

/* Multiples of step @n in [lo, hi]; @widen rounds the range out to whole
 * steps. FALSE for more than the axis holds. */
static gboolean
even_ticks (BplAxis  *c,
            double    lo,
            double    hi,
            gboolean  widen,
            guint     n)
{
  int step_digits;
  double step = nth_step (hi - lo, n, &step_digits);
  double first = widen ? floor (lo / step + SLACK) : ceil (lo / step - SLACK);
  double last = widen ? ceil (hi / step - SLACK) : floor (hi / step + SLACK);

  if (last - first + 1 > BPL_AXIS_MAX_TICKS)
    return FALSE;
  c->lo = widen ? first * step : lo;
  c->hi = widen ? last * step : hi;
  c->n_ticks = 0;
  for (double k = first; k <= last; k++)
    {
      c->ticks[c->n_ticks] = k * step;
      c->digits[c->n_ticks] = digits_for (k * step, step, step_digits);
      c->n_ticks++;
    }
  return TRUE;
}

/* Every @every-th decade (counted from the first in range), or the
 * mantissas @m within each decade; @widen runs from the last at or below
 * @lo to the first at or above @hi. FALSE for more than the axis holds or
 * no such ends. */
static gboolean
log_ticks (BplAxis      *c,
           double        lo,
           double        hi,
           int           every,
           const double *m,
           guint         n_m,
           gboolean      widen)
{
  int anchor = (int) ceil (log10 (lo) - SLACK);
  int d0 = (int) floor (log10 (lo)) - every - 1;
  int d1 = (int) ceil (log10 (hi)) + every + 1;
  double below = 0, above = 0;

  c->n_ticks = 0;
  for (int d = d0; d <= d1; d++)
    for (guint i = 0; i < n_m; i++)
      {
        double value = m[i] * pow (10, d);

        if (every > 1 && (d - anchor) % every != 0)
          continue;
        if (value < lo * (1 - SLACK))
          below = value;
        else if (value > hi * (1 + SLACK))
          {
            if (above == 0)
              above = value;
          }
        else if (c->n_ticks == BPL_AXIS_MAX_TICKS)
          return FALSE;
        else
          {
            c->ticks[c->n_ticks] = value;
            c->digits[c->n_ticks] = 1;
            c->n_ticks++;
          }
      }
  c->lo = lo;
  c->hi = hi;
  if (!widen)
    return TRUE;
  /* The ends: unless already a tick, the next one out. */
  if (c->n_ticks == 0 || c->ticks[0] > lo * (1 + SLACK))
    {
      if (below == 0 || c->n_ticks == BPL_AXIS_MAX_TICKS)
        return FALSE;
      memmove (c->ticks + 1, c->ticks, c->n_ticks * sizeof (double));
      memmove (c->digits + 1, c->digits, c->n_ticks * sizeof (int));
      c->ticks[0] = below;
      c->digits[0] = 1;
      c->n_ticks++;
    }
  if (c->ticks[c->n_ticks - 1] < hi * (1 - SLACK))
    {
      if (above == 0 || c->n_ticks == BPL_AXIS_MAX_TICKS)
        return FALSE;
      c->ticks[c->n_ticks] = above;
      c->digits[c->n_ticks] = 1;
      c->n_ticks++;
    }
  c->lo = c->ticks[0];
  c->hi = c->ticks[c->n_ticks - 1];
  return TRUE;
}

double
bpl_axis_fraction (const BplAxis *axis,
                   gboolean       log_scale,
                   double         value)
{
  if (log_scale)
    return (log10 (value) - log10 (axis->lo)) / (log10 (axis->hi) - log10 (axis->lo));
  return (value - axis->lo) / (axis->hi - axis->lo);
}

/* Labels @min_gap apart at least, on an axis @length long. */
static gboolean
fits (const BplAxis *c,
      gboolean       log_scale,
      double         length,
      double         min_gap)
{
  if (c->n_ticks == 0)
    return FALSE;
  for (guint i = 1; i < c->n_ticks; i++)
    if ((bpl_axis_fraction (c, log_scale, c->ticks[i]) - bpl_axis_fraction (c, log_scale, c->ticks[i - 1])) * length
        < min_gap)
      return FALSE;
  return TRUE;
}

/* A log axis widened to its end ticks may grow by half at most: the
 * curve keeps most of the height. */
#define MAX_LOG_WIDENING 1.5

static gboolean
acceptable (const BplAxis *c,
            gboolean       log_scale,
            double         lo,
            double         hi,
            double         length,
            double         min_gap)
{
  if (log_scale && (c->lo <= 0 || log10 (c->hi / c->lo) > MAX_LOG_WIDENING * log10 (hi / lo)))
    return FALSE;
  return fits (c, log_scale, length, min_gap);
}

/* The finest even steps that fit, widened to whole steps or not; FALSE if
 * none do. */
static gboolean
finest_even (BplAxis  *axis,
             double    lo,
             double    hi,
             gboolean  log_scale,
             gboolean  widen,
             double    length,
             double    min_gap)
{
  for (guint n = 0; n < 48; n++)
    {
      BplAxis c;

      if (even_ticks (&c, lo, hi, widen, n) && acceptable (&c, log_scale, lo, hi, length, min_gap))
        {
          *axis = c;
          return TRUE;
        }
    }
  return FALSE;
}

/* Decades or mantissas, or within about a decade even steps; widened to
 * their end ticks where that labels more of the axis. The most ticks win;
 * on a tie the range as given, then the decades. */
static void
init_log (BplAxis *axis,
          double   lo,
          double   hi,
          double   length,
          double   min_gap)
{
  static const double m1[] = { 1 }, m13[] = { 1, 3 }, m125[] = { 1, 2, 5 }, m1235[] = { 1, 2, 3, 5 };
  static const struct
  {
    int every;
    const double *m;
    guint n_m;
  } candidates[] = {
    { 1, m1235, 4 }, { 1, m125, 3 }, { 1, m13, 2 }, { 1, m1, 1 }, { 2, m1, 1 }, { 5, m1, 1 },
    { 10, m1, 1 }, { 20, m1, 1 }, { 50, m1, 1 }, { 100, m1, 1 }, { 200, m1, 1 }, { 500, m1, 1 },
  };

  axis->n_ticks = 0;
  for (int widen = 0; widen <= 1; widen++)
    {
      BplAxis c;

      for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
        if (log_ticks (&c, lo, hi, candidates[i].every, candidates[i].m, candidates[i].n_m, widen)
            && c.n_ticks > axis->n_ticks && acceptable (&c, TRUE, lo, hi, length, min_gap))
          *axis = c;
      if (axis->n_ticks < 4 && finest_even (&c, lo, hi, TRUE, widen, length, min_gap)
          && c.n_ticks > axis->n_ticks)
        *axis = c;
    }
}

void
bpl_axis_init (BplAxis  *axis,
               double    lo,
               double    hi,
               gboolean  log_scale,
               double    length,
               double    min_gap)
{
  g_return_if_fail (axis != NULL);

  axis->lo = lo;
  axis->hi = hi;
  axis->n_ticks = 0;
  if (!isfinite (lo) || !isfinite (hi) || !(lo < hi) || (log_scale && lo <= 0) || !(length > 0))
    return;
  min_gap = MAX (min_gap, 1);
  if (log_scale)
    init_log (axis, lo, hi, length, min_gap);
  else
    finest_even (axis, lo, hi, FALSE, TRUE, length, min_gap);
  if (axis->n_ticks == 0)
    {
      axis->lo = lo;
      axis->hi = hi;
    }
}

char *
bpl_axis_format_tick (const BplAxis *axis,
                      guint          i)
{
  g_return_val_if_fail (axis != NULL && i < axis->n_ticks, NULL);

  return bpl_format_number_display (axis->ticks[i], axis->digits[i]);
}

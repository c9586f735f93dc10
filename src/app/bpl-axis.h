/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-axis.h: nice tick values for a plot axis, linear or logarithmic.
 * Pure arithmetic: the loss plot measures its labels and asks for as many
 * ticks as fit. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BPL_AXIS_MAX_TICKS 16

typedef struct
{
  double lo;                             /* the axis range in data units; a */
  double hi;                             /* linear one widened to its ticks */
  guint n_ticks;
  double ticks[BPL_AXIS_MAX_TICKS];      /* in data units, ascending */
  int digits[BPL_AXIS_MAX_TICKS];        /* significant digits each label needs */
} BplAxis;

/* Ticks for an axis @length pixels long whose labels need @min_gap pixels
 * each: as many as fit, at 1, 2, 2.5 or 5 × 10ᵏ steps (linear), or at
 * decades, 1-2-5 mantissas or, within about a decade, even steps (log). A
 * linear range is widened to whole steps; a log range (@lo > 0) is kept.
 * @lo < @hi. No ticks at all when none fit. */
void  bpl_axis_init        (BplAxis  *axis,
                            double    lo,
                            double    hi,
                            gboolean  log_scale,
                            double    length,
                            double    min_gap);
/* Where @value lies on @axis: 0 at lo, 1 at hi (log10 on a log axis). */
double bpl_axis_fraction   (const BplAxis *axis,
                            gboolean       log_scale,
                            double         value);
/* Tick @i as a student writes it: 0.25, 3×10⁻⁵. */
char *bpl_axis_format_tick (const BplAxis *axis,
                            guint          i);

G_END_DECLS

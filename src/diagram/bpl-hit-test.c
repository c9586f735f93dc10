/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-hit-test.c: what is under a point; a pure function of the layout, so
 * the window's clicks and the tests ask the same question. */
#include "config.h"

#include "bpl-layout.h"

#include <math.h>

/* How close to an edge a pointer must be to pick it. */
#define EDGE_TOLERANCE 5.0
/* A little slack around circles, for imprecise pointers. */
#define CIRCLE_TOLERANCE 2.0

static gboolean
rect_contains (const BplRect *r,
               double         x,
               double         y)
{
  return r->width > 0 && r->height > 0
         && x >= r->x && x <= r->x + r->width && y >= r->y && y <= r->y + r->height;
}

static double
segment_distance (double x,
                  double y,
                  double x1,
                  double y1,
                  double x2,
                  double y2)
{
  double dx = x2 - x1, dy = y2 - y1;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((x - x1) * dx + (y - y1) * dy) / len2 : 0;

  t = CLAMP (t, 0.0, 1.0);
  return hypot (x - (x1 + t * dx), y - (y1 + t * dy));
}

BplHit
bpl_layout_hit_test (const BplLayout *self,
                     double           x,
                     double           y)
{
  BplHit hit = { BPL_HIT_NONE, 0 };
  double best = EDGE_TOLERANCE;

  g_return_val_if_fail (self != NULL, hit);

  if (!isfinite (x) || !isfinite (y))
    return hit;

  /* Labels first: they sit on top of edges. Only shown labels can be hit;
   * hidden ones are not where the user sees anything. */
  for (guint w = self->n_weights; w-- > 0;)
    if (self->weights[w].label_shown && rect_contains (&self->weights[w].label, x, y))
      return (BplHit) { BPL_HIT_WEIGHT, w };

  for (guint b = 0; b < self->n_biases; b++)
    {
      const BplBiasLayout *bl = &self->biases[b];

      if ((bl->radius > 0 && hypot (x - bl->x, y - bl->y) <= bl->radius + CIRCLE_TOLERANCE)
          || (bl->label_shown && rect_contains (&bl->label, x, y)))
        return (BplHit) { BPL_HIT_BIAS, b };
    }

  for (guint n = 0; n < self->n_neurons; n++)
    {
      const BplNeuronLayout *nl = &self->neurons[n];

      if (hypot (x - nl->x, y - nl->y) <= nl->radius + CIRCLE_TOLERANCE
          || rect_contains (&nl->extra_box, x, y))
        return (BplHit) { BPL_HIT_NEURON, n };
    }

  /* The nearest edge within reach: where edges cross, the closer one wins. */
  for (guint w = 0; w < self->n_weights; w++)
    {
      const BplWeightLayout *wl = &self->weights[w];
      double d = segment_distance (x, y, wl->x1, wl->y1, wl->x2, wl->y2);

      if (d <= best)
        {
          best = d;
          hit = (BplHit) { BPL_HIT_WEIGHT, w };
        }
    }

  return hit;
}

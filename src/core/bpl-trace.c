/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bpl-trace.h"

struct _BplTrace
{
  guint    width;
  gsize    budget;
  guint    recent;
  guint    thinned;

  /* A ring of recent entries, allocated as it fills (a copy holds only
   * what it needs)... */
  guint    ring_capacity;
  guint    ring_alloc;
  guint    ring_head;   /* the oldest ring entry */
  guint    ring_len;
  double  *ring_values;
  guint64 *ring_steps;
  /* ...and older ones thinned to every stride-th step. */
  GArray  *thin_steps;  /* guint64 */
  GArray  *thin_values; /* double */
  guint64  thin_stride;
};

BplTrace *
bpl_trace_new (guint width, gsize budget, guint recent, guint thinned)
{
  BplTrace *self = g_new0 (BplTrace, 1);

  self->budget = budget;
  self->recent = MAX (recent, 2);
  self->thinned = thinned;
  self->thin_steps = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->thin_values = g_array_new (FALSE, FALSE, sizeof (double));
  bpl_trace_reset (self, width);
  return self;
}

void
bpl_trace_free (BplTrace *self)
{
  if (self == NULL)
    return;
  g_free (self->ring_values);
  g_free (self->ring_steps);
  g_array_unref (self->thin_steps);
  g_array_unref (self->thin_values);
  g_free (self);
}

BplTrace *
bpl_trace_copy (const BplTrace *self)
{
  BplTrace *copy = g_new0 (BplTrace, 1);

  *copy = *self;
  copy->ring_alloc = MAX (self->ring_len, 1);
  copy->ring_head = 0;
  copy->ring_values = g_new (double, (gsize) copy->ring_alloc * self->width);
  copy->ring_steps = g_new (guint64, copy->ring_alloc);
  for (guint i = 0; i < self->ring_len; i++)
    {
      guint from = (self->ring_head + i) % self->ring_alloc;

      copy->ring_steps[i] = self->ring_steps[from];
      memcpy (copy->ring_values + (gsize) i * self->width, self->ring_values + (gsize) from * self->width,
              sizeof (double) * self->width);
    }
  copy->thin_steps = g_array_copy (self->thin_steps);
  copy->thin_values = g_array_copy (self->thin_values);
  return copy;
}

gsize
bpl_trace_get_size (const BplTrace *self)
{
  return sizeof (BplTrace)
         + (gsize) self->ring_alloc * (sizeof (guint64) + sizeof (double) * self->width)
         + self->thin_steps->len * (sizeof (guint64) + sizeof (double) * self->width);
}

/* Moves the ring into @alloc slots, oldest entry first. */
static void
ring_resize (BplTrace *self, guint alloc)
{
  double *values = g_new (double, (gsize) alloc * self->width);
  guint64 *steps = g_new (guint64, alloc);

  g_assert (alloc >= self->ring_len);
  for (guint i = 0; i < self->ring_len; i++)
    {
      guint from = (self->ring_head + i) % self->ring_alloc;

      steps[i] = self->ring_steps[from];
      memcpy (values + (gsize) i * self->width, self->ring_values + (gsize) from * self->width,
              sizeof (double) * self->width);
    }
  g_free (self->ring_values);
  g_free (self->ring_steps);
  self->ring_values = values;
  self->ring_steps = steps;
  self->ring_alloc = alloc;
  self->ring_head = 0;
}

void
bpl_trace_reset (BplTrace *self, guint width)
{
  self->width = MAX (width, 1);
  /* Half the budget for recent entries, half for the thinned trace. */
  self->ring_capacity = (guint) CLAMP (self->budget / 2 / self->width, 2, self->recent);
  self->ring_alloc = MIN (self->ring_capacity, 16);
  g_free (self->ring_values);
  g_free (self->ring_steps);
  self->ring_values = g_new (double, (gsize) self->ring_alloc * self->width);
  self->ring_steps = g_new (guint64, self->ring_alloc);
  self->ring_head = 0;
  self->ring_len = 0;
  g_array_set_size (self->thin_steps, 0);
  g_array_set_size (self->thin_values, 0);
  self->thin_stride = 1;
}

/* When the thinned trace is full, keeps every other stride: k doubles. It
 * holds at most @thinned entries, and never more than half the budget. */
static void
thin (BplTrace *self)
{
  guint limit = (guint) CLAMP (self->budget / 2 / self->width, 2, MAX (self->thinned, 2));
  guint j = 0;

  if (self->thin_steps->len <= limit)
    return;
  self->thin_stride *= 2;
  for (guint i = 0; i < self->thin_steps->len; i++)
    {
      guint64 step = g_array_index (self->thin_steps, guint64, i);

      if (step % self->thin_stride != 0 && i != 0)
        continue;
      g_array_index (self->thin_steps, guint64, j) = step;
      memmove (&g_array_index (self->thin_values, double, (gsize) j * self->width),
               &g_array_index (self->thin_values, double, (gsize) i * self->width),
               sizeof (double) * self->width);
      j++;
    }
  g_array_set_size (self->thin_steps, j);
  g_array_set_size (self->thin_values, (gsize) j * self->width);
}

void
bpl_trace_record (BplTrace *self, guint64 step, const double *weights, guint n_weights, const double *biases,
                  guint n_biases)
{
  double *dest;
  guint slot;

  g_return_if_fail (n_weights + n_biases <= self->width);

  if (self->ring_len == self->ring_capacity)
    {
      /* The oldest recent entry moves to the thinned trace if it falls on the stride. */
      guint64 old_step = self->ring_steps[self->ring_head];

      if (old_step % self->thin_stride == 0 || self->thin_steps->len == 0)
        {
          g_array_append_val (self->thin_steps, old_step);
          g_array_append_vals (self->thin_values, self->ring_values + (gsize) self->ring_head * self->width,
                               self->width);
          thin (self);
        }
      self->ring_head = (self->ring_head + 1) % self->ring_alloc;
      self->ring_len--;
    }
  else if (self->ring_len == self->ring_alloc)
    ring_resize (self, MIN (self->ring_capacity, 2 * self->ring_alloc));
  slot = (self->ring_head + self->ring_len) % self->ring_alloc;
  self->ring_steps[slot] = step;
  dest = self->ring_values + (gsize) slot * self->width;
  memcpy (dest, weights, sizeof (double) * n_weights);
  if (n_biases > 0)
    memcpy (dest + n_weights, biases, sizeof (double) * n_biases);
  self->ring_len++;
}

void
bpl_trace_truncate (BplTrace *self, guint64 step)
{
  while (self->ring_len > 0
         && self->ring_steps[(self->ring_head + self->ring_len - 1) % self->ring_alloc] >= step)
    self->ring_len--;
  /* Thinned entries are all older than recent ones. */
  if (self->ring_len == 0)
    {
      guint n = self->thin_steps->len;

      while (n > 0 && g_array_index (self->thin_steps, guint64, n - 1) >= step)
        n--;
      g_array_set_size (self->thin_steps, n);
      g_array_set_size (self->thin_values, (gsize) n * self->width);
    }
}

guint
bpl_trace_get_length (const BplTrace *self)
{
  return self->thin_steps->len + self->ring_len;
}

const double *
bpl_trace_get (const BplTrace *self, guint index, guint64 *step)
{
  g_return_val_if_fail (index < bpl_trace_get_length (self), NULL);

  if (index < self->thin_steps->len)
    {
      *step = g_array_index (self->thin_steps, guint64, index);
      return &g_array_index (self->thin_values, double, (gsize) index * self->width);
    }
  index = (self->ring_head + index - self->thin_steps->len) % self->ring_alloc;
  *step = self->ring_steps[index];
  return self->ring_values + (gsize) index * self->width;
}

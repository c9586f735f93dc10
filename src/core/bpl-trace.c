/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bpl-trace.h"

/* One step's values. Entries never change once recorded, so a copy of a
 * trace (each undo step keeps one) shares them instead of copying: on a
 * large network an entry is half a megabyte and a trace holds dozens. */
typedef struct
{
  gatomicrefcount ref;
  guint           mark;   /* bpl_trace_count_unshared () */
  guint64         step;
  double          values[];
} Entry;

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
  Entry  **ring;
  /* ...and older ones thinned to every stride-th step. */
  GPtrArray *thin;      /* Entry */
  guint64  thin_stride;
};

static gsize
entry_size (guint width)
{
  return sizeof (Entry) + sizeof (double) * width;
}

static Entry *
entry_ref (Entry *entry)
{
  g_atomic_ref_count_inc (&entry->ref);
  return entry;
}

static void
entry_unref (gpointer data)
{
  Entry *entry = data;

  if (g_atomic_ref_count_dec (&entry->ref))
    g_free (entry);
}

static Entry *
ring_at (const BplTrace *self, guint i)
{
  return self->ring[(self->ring_head + i) % self->ring_alloc];
}

static void
clear_entries (BplTrace *self)
{
  for (guint i = 0; i < self->ring_len; i++)
    entry_unref (ring_at (self, i));
  self->ring_len = 0;
  self->ring_head = 0;
  g_ptr_array_set_size (self->thin, 0);
}

BplTrace *
bpl_trace_new (guint width, gsize budget, guint recent, guint thinned)
{
  BplTrace *self = g_new0 (BplTrace, 1);

  self->budget = budget;
  self->recent = MAX (recent, 2);
  self->thinned = thinned;
  self->thin = g_ptr_array_new_with_free_func (entry_unref);
  bpl_trace_reset (self, width);
  return self;
}

void
bpl_trace_free (BplTrace *self)
{
  if (self == NULL)
    return;
  clear_entries (self);
  g_free (self->ring);
  g_ptr_array_unref (self->thin);
  g_free (self);
}

BplTrace *
bpl_trace_copy (const BplTrace *self)
{
  BplTrace *copy = g_new0 (BplTrace, 1);

  *copy = *self;
  copy->ring_alloc = MAX (self->ring_len, 1);
  copy->ring_head = 0;
  copy->ring = g_new (Entry *, copy->ring_alloc);
  for (guint i = 0; i < self->ring_len; i++)
    copy->ring[i] = entry_ref (ring_at (self, i));
  copy->thin = g_ptr_array_new_full (self->thin->len, entry_unref);
  for (guint i = 0; i < self->thin->len; i++)
    g_ptr_array_add (copy->thin, entry_ref (g_ptr_array_index (self->thin, i)));
  return copy;
}

static gsize
own_size (const BplTrace *self)
{
  return sizeof (BplTrace) + sizeof (Entry *) * ((gsize) self->ring_alloc + self->thin->len);
}

gsize
bpl_trace_get_size (const BplTrace *self)
{
  return own_size (self) + entry_size (self->width) * ((gsize) self->ring_len + self->thin->len);
}

guint
bpl_trace_next_mark (void)
{
  static guint last;

  return (guint) g_atomic_int_add (&last, 1) + 1;
}

static gsize
count_entry (Entry *entry, guint width, guint mark)
{
  if (entry->mark == mark)
    return 0;
  entry->mark = mark;
  return entry_size (width);
}

gsize
bpl_trace_count_unshared (BplTrace *self, guint mark)
{
  gsize size = own_size (self);

  for (guint i = 0; i < self->ring_len; i++)
    size += count_entry (ring_at (self, i), self->width, mark);
  for (guint i = 0; i < self->thin->len; i++)
    size += count_entry (g_ptr_array_index (self->thin, i), self->width, mark);
  return size;
}

/* Moves the ring into @alloc slots, oldest entry first. */
static void
ring_resize (BplTrace *self, guint alloc)
{
  Entry **ring = g_new (Entry *, alloc);

  g_assert (alloc >= self->ring_len);
  for (guint i = 0; i < self->ring_len; i++)
    ring[i] = ring_at (self, i);
  g_free (self->ring);
  self->ring = ring;
  self->ring_alloc = alloc;
  self->ring_head = 0;
}

void
bpl_trace_reset (BplTrace *self, guint width)
{
  clear_entries (self);
  self->width = MAX (width, 1);
  /* Half the budget for recent entries, half for the thinned trace. */
  self->ring_capacity = (guint) CLAMP (self->budget / 2 / self->width, 2, self->recent);
  self->ring_alloc = MIN (self->ring_capacity, 16);
  g_free (self->ring);
  self->ring = g_new (Entry *, self->ring_alloc);
  self->thin_stride = 1;
}

/* When the thinned trace is full, keeps every other stride: k doubles. It
 * holds at most @thinned entries, and never more than half the budget. */
static void
thin (BplTrace *self)
{
  guint limit = (guint) CLAMP (self->budget / 2 / self->width, 2, MAX (self->thinned, 2));
  guint j = 0;

  if (self->thin->len <= limit)
    return;
  self->thin_stride *= 2;
  for (guint i = 0; i < self->thin->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->thin, i);

      if (entry->step % self->thin_stride != 0 && i != 0)
        {
          entry_unref (entry);
          continue;
        }
      self->thin->pdata[j++] = entry;
    }
  /* The dropped ones are unreferenced already: no free function for them. */
  self->thin->len = j;
}

void
bpl_trace_record (BplTrace *self, guint64 step, const double *weights, guint n_weights, const double *biases,
                  guint n_biases)
{
  Entry *entry = NULL;
  guint slot;

  g_return_if_fail (n_weights + n_biases <= self->width);

  if (self->ring_len == self->ring_capacity)
    {
      /* The oldest recent entry moves to the thinned trace if it falls on
       * the stride; if not, and nothing else holds it, it is reused. */
      Entry *oldest = self->ring[self->ring_head];

      if (oldest->step % self->thin_stride == 0 || self->thin->len == 0)
        {
          g_ptr_array_add (self->thin, oldest);
          thin (self);
        }
      else if (g_atomic_ref_count_compare (&oldest->ref, 1))
        entry = oldest;
      else
        entry_unref (oldest);
      self->ring_head = (self->ring_head + 1) % self->ring_alloc;
      self->ring_len--;
    }
  else if (self->ring_len == self->ring_alloc)
    ring_resize (self, MIN (self->ring_capacity, 2 * self->ring_alloc));
  if (entry == NULL)
    {
      entry = g_malloc (entry_size (self->width));
      g_atomic_ref_count_init (&entry->ref);
    }
  entry->mark = 0;
  entry->step = step;
  memcpy (entry->values, weights, sizeof (double) * n_weights);
  if (n_biases > 0)
    memcpy (entry->values + n_weights, biases, sizeof (double) * n_biases);
  slot = (self->ring_head + self->ring_len) % self->ring_alloc;
  self->ring[slot] = entry;
  self->ring_len++;
}

void
bpl_trace_truncate (BplTrace *self, guint64 step)
{
  while (self->ring_len > 0 && ring_at (self, self->ring_len - 1)->step >= step)
    {
      entry_unref (ring_at (self, self->ring_len - 1));
      self->ring_len--;
    }
  /* Thinned entries are all older than recent ones. */
  if (self->ring_len == 0)
    {
      guint n = self->thin->len;

      while (n > 0 && ((Entry *) g_ptr_array_index (self->thin, n - 1))->step >= step)
        n--;
      g_ptr_array_set_size (self->thin, n);
    }
}

guint
bpl_trace_get_length (const BplTrace *self)
{
  return self->thin->len + self->ring_len;
}

const double *
bpl_trace_get (const BplTrace *self, guint index, guint64 *step)
{
  const Entry *entry;

  g_return_val_if_fail (index < bpl_trace_get_length (self), NULL);

  if (index < self->thin->len)
    entry = g_ptr_array_index (self->thin, index);
  else
    entry = ring_at (self, index - self->thin->len);
  *step = entry->step;
  return entry->values;
}

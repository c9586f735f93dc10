/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-hit-test.c: what is under a point; a pure function of the layout, so
 * the window's clicks and the tests ask the same question. The edges and
 * the shown labels are filed in a grid when the layout is made, so a point
 * is checked against the few near it, not against 58k edges. */
#include "config.h"

#include "bpl-layout.h"

#include <math.h>

#include "bpl-layout-private.h"

/* How close to an edge a pointer must be to pick it. */
#define EDGE_TOLERANCE 5.0
/* A little slack around circles, for imprecise pointers. */
#define CIRCLE_TOLERANCE 2.0
/* Grid cells: at least this size, at most MAX_CELLS a side. */
#define CELL_SIZE 32.0
#define MAX_CELLS 256.0

typedef struct {
  double  cell;
  guint   cols, rows;
  guint  *starts;   /* per cell, into items; one more at the end */
  guint  *items;    /* weight × 2, + 1 for its label */
} Index;

typedef struct {
  guint cell, item;
} Entry;

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

static guint
cell_col (const Index *index,
          double       x)
{
  return (guint) CLAMP (floor (x / index->cell), 0, index->cols - 1.0);
}

static guint
cell_row (const Index *index,
          double       y)
{
  return (guint) CLAMP (floor (y / index->cell), 0, index->rows - 1.0);
}

static void
add_entry (GArray *entries,
           guint   cell,
           guint   item)
{
  Entry e = { cell, item };

  g_array_append_val (entries, e);
}

gpointer
bpl_layout_index_new (const BplLayout *layout)
{
  Index *index = g_new0 (Index, 1);
  g_autoptr (GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  guint n_cells;

  index->cell = MAX (CELL_SIZE, MAX (layout->width, layout->height) / MAX_CELLS);
  index->cols = (guint) ceil (layout->width / index->cell) + 1;
  index->rows = (guint) ceil (layout->height / index->cell) + 1;
  n_cells = index->cols * index->rows;

  for (guint w = 0; w < layout->n_weights; w++)
    {
      const BplWeightLayout *wl = &layout->weights[w];

      if (!wl->hidden && isfinite (wl->x1 + wl->y1 + wl->x2 + wl->y2))
        {
          /* Every cell the edge passes, sampled a quarter cell apart: a
           * query looks that much further. */
          double len = hypot (wl->x2 - wl->x1, wl->y2 - wl->y1);
          guint steps = (guint) ceil (len / (index->cell / 4)) + 1, last = G_MAXUINT;

          for (guint i = 0; i <= steps; i++)
            {
              double t = (double) i / steps;
              guint cell = cell_row (index, wl->y1 + t * (wl->y2 - wl->y1)) * index->cols
                           + cell_col (index, wl->x1 + t * (wl->x2 - wl->x1));

              if (cell != last)
                add_entry (entries, cell, 2 * w);
              last = cell;
            }
        }
      if (wl->label_shown && wl->label.width > 0 && wl->label.height > 0)
        for (guint row = cell_row (index, wl->label.y);
             row <= cell_row (index, wl->label.y + wl->label.height); row++)
          for (guint col = cell_col (index, wl->label.x);
               col <= cell_col (index, wl->label.x + wl->label.width); col++)
            add_entry (entries, row * index->cols + col, 2 * w + 1);
    }

  /* Filed by cell: a count, then each in its place. */
  index->starts = g_new0 (guint, n_cells + 1);
  index->items = g_new (guint, MAX (entries->len, 1));
  for (guint i = 0; i < entries->len; i++)
    index->starts[g_array_index (entries, Entry, i).cell + 1]++;
  for (guint c = 0; c < n_cells; c++)
    index->starts[c + 1] += index->starts[c];
  {
    g_autofree guint *fill = g_memdup2 (index->starts, sizeof (guint) * n_cells);

    for (guint i = 0; i < entries->len; i++)
      {
        const Entry *e = &g_array_index (entries, Entry, i);

        index->items[fill[e->cell]++] = e->item;
      }
  }
  return index;
}

void
bpl_layout_index_free (gpointer data)
{
  Index *index = data;

  if (index == NULL)
    return;
  g_free (index->starts);
  g_free (index->items);
  g_free (index);
}

gint
bpl_image_pixel_at (const BplRect *image,
                    guint          side,
                    double         x,
                    double         y)
{
  guint col, row;

  g_return_val_if_fail (image != NULL, -1);

  if (side == 0 || !rect_contains (image, x, y))
    return -1;
  col = (guint) MIN (floor ((x - image->x) / image->width * side), side - 1.0);
  row = (guint) MIN (floor ((y - image->y) / image->height * side), side - 1.0);
  return (gint) (row * side + col);
}

/* A shown weight label at (x, y): the last drawn, on top, wins. */
static gboolean
hit_label (const BplLayout *self,
           const Index     *index,
           double           x,
           double           y,
           BplHit          *hit)
{
  guint cell = cell_row (index, y) * index->cols + cell_col (index, x);
  gboolean found = FALSE;

  for (guint i = index->starts[cell]; i < index->starts[cell + 1]; i++)
    {
      guint item = index->items[i], w = item / 2;

      if ((item & 1) && (!found || w > hit->index) && rect_contains (&self->weights[w].label, x, y))
        {
          *hit = (BplHit) { BPL_HIT_WEIGHT, w };
          found = TRUE;
        }
    }
  return found;
}

/* The nearest edge within reach: where edges cross, the closer one wins
 * (the later one when they are as close). */
static BplHit
hit_edge (const BplLayout *self,
          const Index     *index,
          double           x,
          double           y)
{
  BplHit hit = { BPL_HIT_NONE, 0 };
  double best = EDGE_TOLERANCE, reach = EDGE_TOLERANCE + index->cell / 4;
  guint c1 = cell_col (index, x - reach), c2 = cell_col (index, x + reach);
  guint r1 = cell_row (index, y - reach), r2 = cell_row (index, y + reach);

  for (guint row = r1; row <= r2; row++)
    for (guint col = c1; col <= c2; col++)
      {
        guint cell = row * index->cols + col;

        for (guint i = index->starts[cell]; i < index->starts[cell + 1]; i++)
          {
            guint item = index->items[i], w = item / 2;
            const BplWeightLayout *wl = &self->weights[w];
            double d;

            if (item & 1)
              continue;
            d = segment_distance (x, y, wl->x1, wl->y1, wl->x2, wl->y2);
            if (d > best)
              continue;
            if (d < best || hit.kind == BPL_HIT_NONE || w > hit.index)
              {
                best = d;
                hit = (BplHit) { BPL_HIT_WEIGHT, w };
              }
          }
      }
  return hit;
}

BplHit
bpl_layout_hit_test (const BplLayout *self,
                     double           x,
                     double           y)
{
  BplHit hit = { BPL_HIT_NONE, 0 };
  const Index *index;
  gint pixel;

  g_return_val_if_fail (self != NULL, hit);

  if (!isfinite (x) || !isfinite (y))
    return hit;
  index = self->index;

  /* Labels first: they sit on top of edges. Only shown labels can be hit;
   * hidden ones are not where the user sees anything. */
  if (index != NULL && hit_label (self, index, x, y, &hit))
    return hit;

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

      if (nl->hidden)
        continue;
      if (hypot (x - nl->x, y - nl->y) <= nl->radius + CIRCLE_TOLERANCE
          || rect_contains (&nl->extra_box, x, y))
        return (BplHit) { BPL_HIT_NEURON, n };
    }

  /* A pixel of the input image is its input; one of a neuron's weight
   * image is that weight, the first layer's weights going by destination
   * neuron and then by input. */
  pixel = bpl_image_pixel_at (&self->input_image, self->image_side, x, y);
  if (pixel >= 0)
    return (BplHit) { BPL_HIT_NEURON, (guint) pixel };
  if (self->image_side > 0)
    {
      guint n_inputs = self->image_side * self->image_side;

      for (guint n = n_inputs; n < self->n_neurons; n++)
        {
          pixel = bpl_image_pixel_at (&self->neuron_images[n], self->image_side, x, y);
          if (pixel >= 0)
            return (BplHit) { BPL_HIT_WEIGHT, (n - n_inputs) * n_inputs + (guint) pixel };
        }
    }

  if (index != NULL)
    hit = hit_edge (self, index, x, y);
  return hit;
}

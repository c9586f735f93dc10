/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-graph-arrange.c: columns and the order within them, for every picture
 * of the graph (the diagram layer's layout and the TikZ export): the layered
 * drawing of Sugiyama et al. with the barycentre heuristic. Pure structure,
 * no sizes: those are the drawing's business. */
#include "config.h"

#include "bpl-graph.h"

#include <string.h>

/* Sweeps down and up; the best order seen is kept. Small graphs settle in a
 * few. */
#define MAX_SWEEPS 24

typedef struct
{
  guint upper, lower;   /* items in columns c and c + 1 */
} Segment;

typedef struct
{
  const BplGraph *graph;
  guint    n_items;       /* nodes, then dummies */
  guint   *column;        /* per item */
  guint   *pos;           /* per item */
  GArray **items;         /* per column: item ids in order */
  GArray **segments;      /* per column c: segments between c and c + 1 */
  guint    n_columns;
  /* Neighbours above (previous column) and below, as CSR lists. */
  guint   *up_start, *up;
  guint   *down_start, *down;
} Work;

static gint
compare_segments (gconstpointer a, gconstpointer b)
{
  const Segment *x = a, *y = b;

  if (x->upper != y->upper)
    return x->upper < y->upper ? -1 : 1;
  return x->lower < y->lower ? -1 : x->lower > y->lower;
}

/* Inversions of @v (merge sort): the crossings of segments sorted by upper end. */
static guint64
inversions (guint *v, guint *tmp, guint n)
{
  guint64 count = 0;
  guint mid, i, j, k;

  if (n < 2)
    return 0;
  mid = n / 2;
  count += inversions (v, tmp, mid);
  count += inversions (v + mid, tmp, n - mid);
  for (i = 0, j = mid, k = 0; i < mid || j < n;)
    {
      if (j >= n || (i < mid && v[i] <= v[j]))
        tmp[k++] = v[i++];
      else
        {
          count += mid - i;
          tmp[k++] = v[j++];
        }
    }
  memcpy (v, tmp, sizeof (guint) * n);
  return count;
}

static guint64
count_crossings (Work *w)
{
  guint64 total = 0;

  for (guint c = 0; c + 1 < w->n_columns; c++)
    {
      GArray *segs = w->segments[c];
      g_autofree Segment *sorted = g_new (Segment, MAX (segs->len, 1));
      g_autofree guint *lower = g_new (guint, MAX (segs->len, 1));
      g_autofree guint *tmp = g_new (guint, MAX (segs->len, 1));

      for (guint i = 0; i < segs->len; i++)
        {
          Segment s = g_array_index (segs, Segment, i);

          sorted[i] = (Segment) { w->pos[s.upper], w->pos[s.lower] };
        }
      qsort (sorted, segs->len, sizeof (Segment), compare_segments);
      for (guint i = 0; i < segs->len; i++)
        lower[i] = sorted[i].lower;
      total += inversions (lower, tmp, segs->len);
    }
  return total;
}

typedef struct
{
  guint  item;
  guint  place;   /* the old place, so that ties keep their order */
  double key;
} Keyed;

static gint
compare_keyed (gconstpointer a, gconstpointer b)
{
  const Keyed *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->place < y->place ? -1 : x->place > y->place;
}

/* Orders column @c by the mean place of each item's neighbours in the
 * column before (@down) or after; an item without any keeps its place. */
static void
order_column (Work *w, guint c, gboolean down)
{
  GArray *items = w->items[c];
  g_autofree Keyed *keyed = g_new (Keyed, MAX (items->len, 1));

  for (guint i = 0; i < items->len; i++)
    {
      guint item = g_array_index (items, guint, i);
      const guint *start = down ? w->up_start : w->down_start;
      const guint *list = down ? w->up : w->down;
      double sum = 0;
      guint n = start[item + 1] - start[item];

      for (guint k = start[item]; k < start[item + 1]; k++)
        sum += w->pos[list[k]];
      keyed[i] = (Keyed) { item, i, n > 0 ? sum / n : (double) i };
    }
  qsort (keyed, items->len, sizeof (Keyed), compare_keyed);
  for (guint i = 0; i < items->len; i++)
    {
      g_array_index (items, guint, i) = keyed[i].item;
      w->pos[keyed[i].item] = i;
    }
}

static void
assign_columns (const BplGraph *g, guint *column)
{
  /* Longest path from the leaves; ids are a topological order. */
  for (guint n = 0; n < g->n_nodes; n++)
    {
      const BplGraphNode *node = &g->nodes[n];

      column[n] = 0;
      for (guint i = 0; i < node->n_inputs; i++)
        column[n] = MAX (column[n], column[g->edges[node->inputs[i]].from] + 1);
    }
  /* A leaf stands just before its first user: w6 beside w6·out_h2, not
   * with the inputs. */
  for (guint n = 0; n < g->n_nodes; n++)
    {
      const BplGraphNode *node = &g->nodes[n];
      guint first = G_MAXUINT;

      if (node->n_inputs > 0 || node->n_outputs == 0)
        continue;
      for (guint o = 0; o < node->n_outputs; o++)
        first = MIN (first, column[g->edges[node->outputs[o]].to]);
      column[n] = first - 1;
    }
}

static void
build_neighbours (Work *w, const BplGraphArrangement *a)
{
  const BplGraph *g = w->graph;
  g_autofree guint *up_fill = NULL, *down_fill = NULL;

  w->up_start = g_new0 (guint, w->n_items + 1);
  w->down_start = g_new0 (guint, w->n_items + 1);
  /* Count, then fill: each edge is a chain from, dummies…, to. */
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint e = 0; e < g->n_edges; e++)
        {
          const BplGraphEdge *edge = &g->edges[e];
          guint span = a->column[edge->to] - a->column[edge->from];
          guint prev = edge->from;

          for (guint k = 1; k <= span; k++)
            {
              guint item = k < span ? g->n_nodes + a->edge_first[e] + (k - 1) : edge->to;

              if (pass == 0)
                {
                  w->down_start[prev + 1]++;
                  w->up_start[item + 1]++;
                }
              else
                {
                  Segment s = { prev, item };

                  w->down[down_fill[prev]++] = item;
                  w->up[up_fill[item]++] = prev;
                  g_array_append_val (w->segments[w->column[prev]], s);
                }
              prev = item;
            }
        }
      if (pass == 0)
        {
          for (guint i = 0; i < w->n_items; i++)
            {
              w->up_start[i + 1] += w->up_start[i];
              w->down_start[i + 1] += w->down_start[i];
            }
          w->up = g_new (guint, MAX (w->up_start[w->n_items], 1));
          w->down = g_new (guint, MAX (w->down_start[w->n_items], 1));
          up_fill = g_memdup2 (w->up_start, sizeof (guint) * w->n_items);
          down_fill = g_memdup2 (w->down_start, sizeof (guint) * w->n_items);
        }
    }
}

BplGraphArrangement *
bpl_graph_arrange (const BplGraph *g)
{
  BplGraphArrangement *a;
  Work w = { 0 };
  g_autofree guint *best = NULL;
  guint64 best_crossings;

  g_return_val_if_fail (g != NULL, NULL);

  a = g_new0 (BplGraphArrangement, 1);
  a->column = g_new (guint, MAX (g->n_nodes, 1));
  a->slot = g_new (guint, MAX (g->n_nodes, 1));
  a->edge_first = g_new (guint, MAX (g->n_edges, 1));
  assign_columns (g, a->column);
  for (guint n = 0; n < g->n_nodes; n++)
    a->n_columns = MAX (a->n_columns, a->column[n] + 1);
  for (guint e = 0; e < g->n_edges; e++)
    {
      guint span = a->column[g->edges[e].to] - a->column[g->edges[e].from];

      g_assert (span >= 1);
      a->edge_first[e] = a->n_dummies;
      a->n_dummies += span - 1;
    }
  a->dummy_slot = g_new (guint, MAX (a->n_dummies, 1));
  a->column_size = g_new0 (guint, MAX (a->n_columns, 1));

  w.graph = g;
  w.n_items = g->n_nodes + a->n_dummies;
  w.n_columns = a->n_columns;
  w.column = g_new (guint, MAX (w.n_items, 1));
  w.pos = g_new (guint, MAX (w.n_items, 1));
  w.items = g_new (GArray *, MAX (a->n_columns, 1));
  w.segments = g_new (GArray *, MAX (a->n_columns, 1));
  for (guint c = 0; c < a->n_columns; c++)
    {
      w.items[c] = g_array_new (FALSE, FALSE, sizeof (guint));
      w.segments[c] = g_array_new (FALSE, FALSE, sizeof (Segment));
    }
  /* First order: nodes by id, each dummy after them in its edge's order. */
  for (guint n = 0; n < g->n_nodes; n++)
    w.column[n] = a->column[n];
  for (guint e = 0; e < g->n_edges; e++)
    for (guint k = 0; k + 1 < a->column[g->edges[e].to] - a->column[g->edges[e].from]; k++)
      w.column[g->n_nodes + a->edge_first[e] + k] = a->column[g->edges[e].from] + 1 + k;
  for (guint i = 0; i < w.n_items; i++)
    {
      w.pos[i] = w.items[w.column[i]]->len;
      g_array_append_val (w.items[w.column[i]], i);
    }
  build_neighbours (&w, a);

  best = g_memdup2 (w.pos, sizeof (guint) * MAX (w.n_items, 1));
  best_crossings = a->initial_crossings = count_crossings (&w);
  for (guint sweep = 0; sweep < MAX_SWEEPS && best_crossings > 0; sweep++)
    {
      gboolean down = sweep % 2 == 0;
      guint64 crossings;

      if (down)
        for (guint c = 1; c < w.n_columns; c++)
          order_column (&w, c, TRUE);
      else
        for (guint c = w.n_columns - 1; c-- > 0;)
          order_column (&w, c, FALSE);
      crossings = count_crossings (&w);
      if (crossings < best_crossings)
        {
          best_crossings = crossings;
          memcpy (best, w.pos, sizeof (guint) * w.n_items);
        }
    }

  a->crossings = best_crossings;
  for (guint n = 0; n < g->n_nodes; n++)
    a->slot[n] = best[n];
  for (guint d = 0; d < a->n_dummies; d++)
    a->dummy_slot[d] = best[g->n_nodes + d];
  for (guint c = 0; c < a->n_columns; c++)
    a->column_size[c] = w.items[c]->len;

  for (guint c = 0; c < a->n_columns; c++)
    {
      g_array_unref (w.items[c]);
      g_array_unref (w.segments[c]);
    }
  g_free (w.items);
  g_free (w.segments);
  g_free (w.column);
  g_free (w.pos);
  g_free (w.up_start);
  g_free (w.up);
  g_free (w.down_start);
  g_free (w.down);
  return a;
}

void
bpl_graph_arrangement_free (BplGraphArrangement *self)
{
  if (self == NULL)
    return;
  g_free (self->column);
  g_free (self->slot);
  g_free (self->column_size);
  g_free (self->edge_first);
  g_free (self->dummy_slot);
  g_free (self);
}

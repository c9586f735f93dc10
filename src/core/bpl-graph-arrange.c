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
/* Rounds of placing each node level with its neighbours. */
#define PLACEMENT_ROUNDS 12

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

/* Placing: items are the nodes, then one dummy per column an edge crosses. */
typedef struct
{
  guint         n_items;
  const double *height;
  double        gap;
  double       *center;    /* y */
  GArray      **order;     /* per column: items top to bottom */
  /* Neighbours in the columns left and right, CSR. */
  guint        *left_start, *left;
  guint        *right_start, *right;
} Placement;

static void
link_items (Placement *p, const BplGraph *g, const BplGraphArrangement *a)
{
  g_autofree guint *left_fill = NULL, *right_fill = NULL;

  p->left_start = g_new0 (guint, p->n_items + 1);
  p->right_start = g_new0 (guint, p->n_items + 1);
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint e = 0; e < g->n_edges; e++)
        {
          guint span = a->column[g->edges[e].to] - a->column[g->edges[e].from];
          guint prev = g->edges[e].from;

          for (guint k = 1; k <= span; k++)
            {
              guint item = k < span ? g->n_nodes + a->edge_first[e] + k - 1 : g->edges[e].to;

              if (pass == 0)
                {
                  p->right_start[prev + 1]++;
                  p->left_start[item + 1]++;
                }
              else
                {
                  p->right[right_fill[prev]++] = item;
                  p->left[left_fill[item]++] = prev;
                }
              prev = item;
            }
        }
      if (pass == 0)
        {
          for (guint i = 0; i < p->n_items; i++)
            {
              p->left_start[i + 1] += p->left_start[i];
              p->right_start[i + 1] += p->right_start[i];
            }
          p->left = g_new (guint, MAX (p->left_start[p->n_items], 1));
          p->right = g_new (guint, MAX (p->right_start[p->n_items], 1));
          left_fill = g_memdup2 (p->left_start, sizeof (guint) * p->n_items);
          right_fill = g_memdup2 (p->right_start, sizeof (guint) * p->n_items);
        }
    }
}

/* Places column @c's items as near their desired centres as their order
 * and sizes allow (clusters of items that would overlap move together, to
 * the mean of what their members want). */
static void
settle_column (Placement *p, guint c, const double *desired)
{
  GArray *order = p->order[c];
  guint n = order->len;
  g_autofree guint *first = g_new (guint, MAX (n, 1));   /* per cluster: first item index */
  g_autofree double *top = g_new (double, MAX (n, 1));
  g_autofree double *height = g_new (double, MAX (n, 1));
  g_autofree double *sum = g_new (double, MAX (n, 1));    /* Σ of the tops its members want */
  g_autofree guint *count = g_new (guint, MAX (n, 1));
  guint n_clusters = 0;

  for (guint i = 0; i < n; i++)
    {
      guint item = g_array_index (order, guint, i);
      guint k = n_clusters++;

      first[k] = i;
      height[k] = p->height[item];
      sum[k] = desired[item] - p->height[item] / 2;
      count[k] = 1;
      top[k] = sum[k];
      while (k > 0 && top[k - 1] + height[k - 1] + p->gap > top[k])
        {
          double shift = height[k - 1] + p->gap;

          sum[k - 1] += sum[k] - count[k] * shift;
          count[k - 1] += count[k];
          height[k - 1] += p->gap + height[k];
          top[k - 1] = sum[k - 1] / count[k - 1];
          n_clusters--;
          k--;
        }
    }
  for (guint k = 0; k < n_clusters; k++)
    {
      double y = top[k];
      guint end = k + 1 < n_clusters ? first[k + 1] : n;

      for (guint i = first[k]; i < end; i++)
        {
          guint item = g_array_index (order, guint, i);

          p->center[item] = y + p->height[item] / 2;
          y += p->height[item] + p->gap;
        }
    }
}

/* The mean centre of an item's neighbours on the given sides, or its own. */
static double
neighbour_mean (const Placement *p, guint item, gboolean use_left, gboolean use_right)
{
  double sum = 0;
  guint n = 0;

  for (guint k = p->left_start[item]; use_left && k < p->left_start[item + 1]; k++, n++)
    sum += p->center[p->left[k]];
  for (guint k = p->right_start[item]; use_right && k < p->right_start[item + 1]; k++, n++)
    sum += p->center[p->right[k]];
  return n > 0 ? sum / n : p->center[item];
}

static void
place (Placement *p, guint n_columns)
{
  g_autofree double *desired = g_new (double, MAX (p->n_items, 1));

  /* Stacked first, each column centred on the same line. */
  for (guint c = 0; c < n_columns; c++)
    {
      double total = 0, y;

      for (guint i = 0; i < p->order[c]->len; i++)
        total += p->height[g_array_index (p->order[c], guint, i)] + (i > 0 ? p->gap : 0);
      y = -total / 2;
      for (guint i = 0; i < p->order[c]->len; i++)
        {
          guint item = g_array_index (p->order[c], guint, i);

          p->center[item] = y + p->height[item] / 2;
          y += p->height[item] + p->gap;
        }
    }

  /* Then level with the neighbours: sweeps right, left, and both ways. */
  for (guint round = 0; round < PLACEMENT_ROUNDS; round++)
    {
      gboolean last = round + 1 == PLACEMENT_ROUNDS;
      gboolean rightwards = round % 2 == 0;

      for (guint step = 0; step < n_columns; step++)
        {
          guint c = rightwards ? step : n_columns - 1 - step;

          for (guint i = 0; i < p->order[c]->len; i++)
            {
              guint item = g_array_index (p->order[c], guint, i);

              desired[item] = neighbour_mean (p, item, rightwards || last, !rightwards || last);
            }
          settle_column (p, c, desired);
        }
    }
}

void
bpl_graph_arrangement_place (const BplGraphArrangement *self,
                             const BplGraph            *g,
                             const double              *height,
                             double                     gap,
                             double                    *center)
{
  Placement p = { 0 };

  g_return_if_fail (self != NULL && g != NULL && height != NULL && center != NULL);

  p.n_items = g->n_nodes + self->n_dummies;
  p.height = height;
  p.gap = gap;
  p.center = center;
  p.order = g_new (GArray *, MAX (self->n_columns, 1));
  for (guint c = 0; c < self->n_columns; c++)
    {
      p.order[c] = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->column_size[c]);
      g_array_set_size (p.order[c], self->column_size[c]);
    }
  for (guint n = 0; n < g->n_nodes; n++)
    g_array_index (p.order[self->column[n]], guint, self->slot[n]) = n;
  for (guint e = 0; e < g->n_edges; e++)
    for (guint k = 0; k + 1 < self->column[g->edges[e].to] - self->column[g->edges[e].from]; k++)
      {
        guint d = self->edge_first[e] + k;

        g_array_index (p.order[self->column[g->edges[e].from] + 1 + k], guint, self->dummy_slot[d])
          = g->n_nodes + d;
      }
  link_items (&p, g, self);
  place (&p, self->n_columns);

  for (guint c = 0; c < self->n_columns; c++)
    g_array_unref (p.order[c]);
  g_free (p.order);
  g_free (p.left_start);
  g_free (p.left);
  g_free (p.right_start);
  g_free (p.right);
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-graph-select.c: the part of the graph that matters: a parameter's
 * paths, or one neuron, with the rest collapsed into group nodes, one per
 * layer (and, for a parameter, one for what lies on its paths but is not
 * shown one by one). */
#include "config.h"

#include "bpl-graph.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "bpl-graph-private.h"
#include "bpl-network-private.h"

/* Group nodes are keyed by stage, by whether they lie on the paths, and by
 * whether they lead to a kept node other than E_total: net_o1 kept, what
 * feeds it and what it feeds (out_o1) go to different groups, or the two
 * would be one node both before and after net_o1. */
#define GROUP_KEY(stage, on_path, feeds) ((stage) * 4 + ((on_path) ? 2 : 0) + ((feeds) ? 1 : 0))

typedef struct
{
  const BplGraph   *full;
  const BplNetwork *net;
  gboolean         *keep;     /* per full node */
  gboolean         *on_path;  /* per full node */
} Selection;

static void
selection_init (Selection *s, const BplGraph *full, const BplNetwork *net)
{
  s->full = full;
  s->net = net;
  s->keep = g_new0 (gboolean, full->n_nodes);
  s->on_path = g_new0 (gboolean, full->n_nodes);
}

static void
selection_clear (Selection *s)
{
  g_free (s->keep);
  g_free (s->on_path);
}

/* "h1", "h1, h2", "h1, h2, h3", "h1…h8": the neurons a group covers. */
static char *
group_name (const BplGraph *full, const BplNetwork *net, GArray *members)
{
  g_autofree gboolean *seen = g_new0 (gboolean, net->n_neurons);
  g_autoptr (GArray) neurons = g_array_new (FALSE, FALSE, sizeof (guint));
  GString *name = g_string_new (NULL);

  for (guint m = 0; m < members->len; m++)
    {
      const BplGraphNode *node = &full->nodes[g_array_index (members, guint, m)];

      if (node->neuron >= 0 && !seen[node->neuron])
        seen[node->neuron] = TRUE;
    }
  for (guint n = 0; n < net->n_neurons; n++)
    if (seen[n])
      g_array_append_val (neurons, n);

  if (neurons->len == 0)
    {
      /* Only shared biases: name them. */
      for (guint m = 0; m < members->len && m < 3; m++)
        g_string_append_printf (name, "%s%s", m > 0 ? ", " : "",
                                full->nodes[g_array_index (members, guint, m)].name);
      if (members->len > 3)
        g_string_append (name, ", …");
    }
  else if (neurons->len <= 3)
    for (guint i = 0; i < neurons->len; i++)
      g_string_append_printf (name, "%s%s", i > 0 ? ", " : "",
                              net->neuron_names[g_array_index (neurons, guint, i)]);
  else
    g_string_append_printf (name, "%s…%s", net->neuron_names[g_array_index (neurons, guint, 0)],
                            net->neuron_names[g_array_index (neurons, guint, neurons->len - 1)]);
  return g_string_free (name, FALSE);
}

static const char *
op_count_words (BplGraphOp op, guint64 n)
{
  switch (op)
    {
    case BPL_GRAPH_OP_MUL:
      return g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " product", "%" PRIu64 " products", n);
    case BPL_GRAPH_OP_ADD:
      return g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " sum", "%" PRIu64 " sums", n);
    case BPL_GRAPH_OP_SIGMOID:
      return g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " sigmoid", "%" PRIu64 " sigmoids", n);
    case BPL_GRAPH_OP_TANH:
      return "%" PRIu64 " tanh";
    case BPL_GRAPH_OP_RELU:
      return g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " ReLU", "%" PRIu64 " ReLUs", n);
    case BPL_GRAPH_OP_IDENTITY:
      return g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " identity", "%" PRIu64 " identities", n);
    case BPL_GRAPH_OP_SOFTMAX:
      return g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " softmax", "%" PRIu64 " softmaxes", n);
    case BPL_GRAPH_OP_SQUARED_ERROR:
    case BPL_GRAPH_OP_CROSS_ENTROPY:
      return g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " error term", "%" PRIu64 " error terms", n);
    case BPL_GRAPH_OP_WEIGHT:
      return g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " weight", "%" PRIu64 " weights", n);
    case BPL_GRAPH_OP_BIAS:
      return g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " bias", "%" PRIu64 " biases", n);
    case BPL_GRAPH_OP_INPUT:
      return g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " input", "%" PRIu64 " inputs", n);
    case BPL_GRAPH_OP_TARGET:
      return g_dngettext (GETTEXT_PACKAGE, "%" PRIu64 " target", "%" PRIu64 " targets", n);
    case BPL_GRAPH_OP_GROUP:
    case BPL_GRAPH_N_OPS:
    default:
      return "";
    }
}

/* "64 products, 8 sums, 8 sigmoids, 64 weights": operations first, in the
 * order the forward pass meets them, then the leaves. */
static char *
group_summary (const BplGraph *full, GArray *members)
{
  static const BplGraphOp order[] = {
    BPL_GRAPH_OP_MUL, BPL_GRAPH_OP_ADD, BPL_GRAPH_OP_SIGMOID, BPL_GRAPH_OP_TANH,
    BPL_GRAPH_OP_RELU, BPL_GRAPH_OP_IDENTITY, BPL_GRAPH_OP_SOFTMAX, BPL_GRAPH_OP_SQUARED_ERROR,
    BPL_GRAPH_OP_CROSS_ENTROPY, BPL_GRAPH_OP_WEIGHT, BPL_GRAPH_OP_BIAS, BPL_GRAPH_OP_INPUT,
    BPL_GRAPH_OP_TARGET,
  };
  guint64 count[BPL_GRAPH_N_OPS] = { 0 };
  GString *summary = g_string_new (NULL);

  for (guint m = 0; m < members->len; m++)
    count[full->nodes[g_array_index (members, guint, m)].op]++;
  count[BPL_GRAPH_OP_SQUARED_ERROR] += count[BPL_GRAPH_OP_CROSS_ENTROPY];
  count[BPL_GRAPH_OP_CROSS_ENTROPY] = 0;
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (count[order[i]] > 0)
      {
        if (summary->len > 0)
          g_string_append (summary, ", ");
        /* The format is the message's own: "%" PRIu64 " products". */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        g_string_append_printf (summary, op_count_words (order[i], count[order[i]]), count[order[i]]);
#pragma GCC diagnostic pop
      }
  return g_string_free (summary, FALSE);
}

typedef struct
{
  guint  vertex_from, vertex_to;
  guint  slot;
  guint  full_edge;
  guint  n_merged;
  double value, gradient;
} MergedEdge;

static gint
compare_edges (gconstpointer a, gconstpointer b)
{
  const MergedEdge *x = a, *y = b;

  if (x->vertex_to != y->vertex_to)
    return x->vertex_to < y->vertex_to ? -1 : 1;
  if (x->slot != y->slot)
    return x->slot < y->slot ? -1 : 1;
  return x->vertex_from < y->vertex_from ? -1 : x->vertex_from > y->vertex_from;
}

/* The kept nodes, a group per (stage, on the paths or not) for the rest,
 * and the edges between them, merged where several run between the same
 * two; in a topological order that keeps the full graph's where it can. */
static BplGraph *
build (const Selection *s, BplGraphFocus focus)
{
  const BplGraph *full = s->full;
  guint n_keys = GROUP_KEY (full->nodes[full->root].stage + 1, FALSE, FALSE) + 1;
  g_autofree gboolean *feeds = g_new0 (gboolean, full->n_nodes);
  g_autofree guint *vertex = g_new (guint, full->n_nodes);  /* full node → vertex */
  g_autofree gint *group_of_key = g_new (gint, n_keys);
  g_autoptr (GPtrArray) group_members = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr (GArray) vertex_full = g_array_new (FALSE, FALSE, sizeof (gint)); /* vertex → full id or -1 */
  g_autoptr (GArray) vertex_group = g_array_new (FALSE, FALSE, sizeof (gint)); /* vertex → group or -1 */
  g_autoptr (GArray) vertex_first = g_array_new (FALSE, FALSE, sizeof (guint)); /* lowest full id */
  g_autoptr (GHashTable) edge_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GArray) merged = g_array_new (FALSE, FALSE, sizeof (MergedEdge));
  g_autofree gint64 *keys = NULL;
  g_autofree guint *order = NULL;
  g_autofree guint *position = NULL;
  g_autofree guint *in_degree = NULL;
  GArray *nodes, *edges;
  BplGraph *self;
  guint n_vertices;

  for (guint k = 0; k < n_keys; k++)
    group_of_key[k] = -1;

  /* What leads to a kept node but E_total (ids are a topological order). */
  for (guint n = full->n_nodes; n-- > 0;)
    for (guint o = 0; o < full->nodes[n].n_outputs && !feeds[n]; o++)
      {
        guint to = full->edges[full->nodes[n].outputs[o]].to;

        feeds[n] = (s->keep[to] && to != full->root) || feeds[to];
      }

  /* Vertices, in the full graph's order: a group where its first member is. */
  for (guint n = 0; n < full->n_nodes; n++)
    {
      gint none = -1;

      if (s->keep[n])
        {
          gint id = (gint) n;

          vertex[n] = vertex_full->len;
          g_array_append_val (vertex_full, id);
          g_array_append_val (vertex_group, none);
          g_array_append_val (vertex_first, n);
        }
      else
        {
          guint key = GROUP_KEY (full->nodes[n].stage, s->on_path[n], feeds[n]);

          if (group_of_key[key] < 0)
            {
              gint group = (gint) group_members->len;

              group_of_key[key] = (gint) vertex_full->len;
              g_array_append_val (vertex_full, none);
              g_array_append_val (vertex_group, group);
              g_array_append_val (vertex_first, n);
              g_ptr_array_add (group_members, g_array_new (FALSE, FALSE, sizeof (guint)));
            }
          vertex[n] = (guint) group_of_key[key];
          g_array_append_val (g_ptr_array_index (group_members,
                                                 g_array_index (vertex_group, gint, vertex[n])),
                              n);
        }
    }
  n_vertices = vertex_full->len;

  /* Edges between vertices; the same pair once, with what it stands for. */
  keys = g_new (gint64, full->n_edges);
  for (guint e = 0; e < full->n_edges; e++)
    {
      const BplGraphEdge *edge = &full->edges[e];
      guint a = vertex[edge->from], b = vertex[edge->to];
      MergedEdge *m;
      gpointer found;

      if (a == b)
        continue;
      keys[e] = (gint64) a * n_vertices + b;
      found = g_hash_table_lookup (edge_index, &keys[e]);
      if (found == NULL)
        {
          MergedEdge fresh = { a, b, edge->slot, e, 0, 0.0, 0.0 };

          g_array_append_val (merged, fresh);
          g_hash_table_insert (edge_index, &keys[e], GUINT_TO_POINTER (merged->len));
          m = &g_array_index (merged, MergedEdge, merged->len - 1);
        }
      else
        m = &g_array_index (merged, MergedEdge, GPOINTER_TO_UINT (found) - 1);
      m->n_merged++;
      m->value += edge->value;
      m->gradient += edge->gradient;
      m->slot = MIN (m->slot, edge->slot);
    }
  /* A node's own inputs first, then the rest: net_o1 = w6·out_h2 + the rest. */
  for (guint i = 0; i < merged->len; i++)
    {
      MergedEdge *m = &g_array_index (merged, MergedEdge, i);

      if (g_array_index (vertex_full, gint, m->vertex_from) < 0)
        m->slot += G_MAXUINT / 2;
    }

  /* A topological order (Kahn), earliest full node first among the ready. */
  in_degree = g_new0 (guint, n_vertices);
  for (guint i = 0; i < merged->len; i++)
    in_degree[g_array_index (merged, MergedEdge, i).vertex_to]++;
  order = g_new (guint, n_vertices);
  position = g_new (guint, n_vertices);
  {
    g_autofree gboolean *done = g_new0 (gboolean, n_vertices);

    for (guint placed = 0; placed < n_vertices; placed++)
      {
        gint best = -1;

        for (guint v = 0; v < n_vertices; v++)
          if (!done[v] && in_degree[v] == 0
              && (best < 0 || g_array_index (vertex_first, guint, v)
                                < g_array_index (vertex_first, guint, (guint) best)))
            best = (gint) v;
        /* Edges only run from a stage to the same or a later one, and
         * within a stage a group never leads both to and from a kept node:
         * no node between two kept ones is left out (see GROUP_KEY). */
        g_assert (best >= 0);
        done[best] = TRUE;
        order[placed] = (guint) best;
        position[best] = placed;
        for (guint i = 0; i < merged->len; i++)
          if (g_array_index (merged, MergedEdge, i).vertex_from == (guint) best)
            in_degree[g_array_index (merged, MergedEdge, i).vertex_to]--;
      }
  }

  nodes = g_array_sized_new (FALSE, TRUE, sizeof (BplGraphNode), n_vertices);
  for (guint p = 0; p < n_vertices; p++)
    {
      guint v = order[p];
      gint full_id = g_array_index (vertex_full, gint, v);
      BplGraphNode node = { 0 };

      if (full_id >= 0)
        {
          const BplGraphNode *src = &full->nodes[full_id];

          node = *src;
          node.name = g_strdup (src->name);
          node.inputs = node.outputs = NULL;
          node.n_inputs = node.n_outputs = 0;
          node.full_id = full_id;
          node.on_path = s->on_path[full_id];
        }
      else
        {
          GArray *members = g_ptr_array_index (group_members, g_array_index (vertex_group, gint, v));

          node.op = BPL_GRAPH_OP_GROUP;
          node.name = group_name (full, s->net, members);
          node.summary = group_summary (full, members);
          node.n_members = members->len;
          node.members = g_memdup2 (members->data, sizeof (guint) * members->len);
          node.value = NAN;
          node.gradient = NAN;
          node.neuron = node.weight = node.bias = -1;
          node.stage = full->nodes[node.members[0]].stage;
          node.on_path = s->on_path[node.members[0]];
          node.full_id = -1;
          node.backward_rank = G_MAXUINT;
        }
      node.id = p;
      g_array_append_val (nodes, node);
    }

  for (guint i = 0; i < merged->len; i++)
    {
      MergedEdge *m = &g_array_index (merged, MergedEdge, i);

      m->vertex_from = position[m->vertex_from];
      m->vertex_to = position[m->vertex_to];
    }
  g_array_sort (merged, compare_edges);
  edges = g_array_sized_new (FALSE, TRUE, sizeof (BplGraphEdge), merged->len);
  for (guint i = 0, slot = 0; i < merged->len; i++)
    {
      const MergedEdge *m = &g_array_index (merged, MergedEdge, i);
      const BplGraphEdge *first = &full->edges[m->full_edge];
      BplGraphEdge edge;

      /* Slots count each node's inputs again from 0. */
      if (i > 0 && g_array_index (merged, MergedEdge, i - 1).vertex_to != m->vertex_to)
        slot = 0;
      edge = (BplGraphEdge) {
        .id = i,
        .from = m->vertex_from,
        .to = m->vertex_to,
        .slot = slot++,
        .n_merged = m->n_merged,
        .value = m->n_merged == 1 ? first->value : m->value,
        .local = m->n_merged == 1 ? first->local : NAN,
        .gradient = m->n_merged == 1 ? first->gradient : m->gradient,
      };

      g_array_append_val (edges, edge);
    }

  self = g_new0 (BplGraph, 1);
  self->sample = full->sample;
  self->focus = focus;
  self->full_n_nodes = full->n_nodes;
  _bpl_graph_take_arrays (self, nodes, edges);
  for (guint n = 0; n < self->n_nodes; n++)
    {
      if (self->nodes[n].op == BPL_GRAPH_OP_GROUP)
        self->n_groups++;
      if (self->nodes[n].full_id == (gint) full->root)
        self->root = n;
    }
  return self;
}

/* Full node ids of a product, its sum and so on, found by what they belong to. */
static void
keep_neuron_core (Selection *s, guint neuron)
{
  const BplGraph *full = s->full;

  for (guint n = 0; n < full->n_nodes; n++)
    {
      const BplGraphNode *node = &full->nodes[n];

      if (node->neuron != (gint) neuron)
        continue;
      switch (node->op)
        {
        case BPL_GRAPH_OP_ADD:
        case BPL_GRAPH_OP_SIGMOID:
        case BPL_GRAPH_OP_TANH:
        case BPL_GRAPH_OP_RELU:
        case BPL_GRAPH_OP_IDENTITY:
        case BPL_GRAPH_OP_SOFTMAX:
        case BPL_GRAPH_OP_SQUARED_ERROR:
        case BPL_GRAPH_OP_CROSS_ENTROPY:
        case BPL_GRAPH_OP_TARGET:
        case BPL_GRAPH_OP_INPUT:
          s->keep[n] = TRUE;
          break;
        case BPL_GRAPH_OP_BIAS:
        case BPL_GRAPH_OP_WEIGHT:
        case BPL_GRAPH_OP_MUL:
        case BPL_GRAPH_OP_GROUP:
        case BPL_GRAPH_N_OPS:
        default:
          break;
        }
    }
}

/* A kept product keeps both of its factors. */
static void
keep_product (Selection *s, guint mul)
{
  const BplGraph *full = s->full;
  const BplGraphNode *node = &full->nodes[mul];

  s->keep[mul] = TRUE;
  for (guint i = 0; i < node->n_inputs; i++)
    s->keep[full->edges[node->inputs[i]].from] = TRUE;
}

static gboolean
check_full (const BplGraph *full, const BplNetwork *net)
{
  g_return_val_if_fail (full != NULL && net != NULL, FALSE);
  g_return_val_if_fail (full->focus == BPL_GRAPH_WHOLE, FALSE);
  g_return_val_if_fail (full->n_nodes > 0 && full->nodes[0].op == BPL_GRAPH_OP_INPUT, FALSE);
  return TRUE;
}

BplGraph *
bpl_graph_new_for_param (const BplGraph *full, const BplNetwork *net, BplParam param,
                         guint per_layer)
{
  Selection s;
  gint leaf = -1;
  g_autofree gboolean *chain = NULL;
  BplGraph *self;

  if (!check_full (full, net))
    return NULL;
  leaf = bpl_graph_find_param (full, param);
  g_return_val_if_fail (leaf >= 0, NULL);

  selection_init (&s, full, net);

  /* On the paths: everything downstream of the parameter's leaf (ids are
   * in topological order). */
  s.on_path[leaf] = TRUE;
  for (guint n = (guint) leaf; n < full->n_nodes; n++)
    if (s.on_path[n])
      for (guint o = 0; o < full->nodes[n].n_outputs; o++)
        s.on_path[full->edges[full->nodes[n].outputs[o]].to] = TRUE;

  /* The neurons shown one by one: those the parameter feeds, then in each
   * layer above, at most @per_layer of them. */
  chain = g_new0 (gboolean, net->n_neurons);
  {
    guint first_layer = param.kind == BPL_PARAM_WEIGHT
                          ? bpl_network_get_neuron_layer (net, bpl_network_get_weight_target (net, param.index))
                          : bpl_network_get_bias_layer (net, param.index);

    for (guint l = first_layer; l < net->n_layers; l++)
      {
        guint shown = 0;

        for (guint j = 0; j < net->layer_size[l]; j++)
          {
            guint n = net->layer_start[l] + j;
            gboolean fed = l > first_layer
                           || (param.kind == BPL_PARAM_WEIGHT
                                 ? n == bpl_network_get_weight_target (net, param.index)
                                 : net->neuron_bias[n] == (gint) param.index);

            if (fed && (per_layer == 0 || shown < per_layer))
              {
                chain[n] = TRUE;
                shown++;
              }
          }
      }
  }

  s.keep[leaf] = TRUE;
  s.keep[full->root] = TRUE;
  for (guint n = 0; n < net->n_neurons; n++)
    if (chain[n])
      keep_neuron_core (&s, n);
  for (guint n = 0; n < full->n_nodes; n++)
    {
      const BplGraphNode *node = &full->nodes[n];
      guint source;

      if (node->op != BPL_GRAPH_OP_MUL || !chain[node->neuron])
        continue;
      source = (guint) full->nodes[full->edges[node->inputs[1]].from].neuron;
      /* The chain goes on through it, or it is the parameter's own. */
      if (chain[source] || node->weight == full->nodes[leaf].weight)
        keep_product (&s, n);
    }

  self = build (&s, BPL_GRAPH_PARAM);
  self->param = param;
  selection_clear (&s);
  return self;
}

BplGraph *
bpl_graph_new_for_neuron (const BplGraph *full, const BplNetwork *net, guint neuron,
                          guint per_layer)
{
  Selection s;
  BplGraph *self;
  guint shown_in = 0, shown_out = 0;
  gint out_node;

  if (!check_full (full, net))
    return NULL;
  g_return_val_if_fail (neuron < net->n_neurons, NULL);

  selection_init (&s, full, net);
  s.keep[full->root] = TRUE;
  keep_neuron_core (&s, neuron);
  out_node = bpl_graph_find_neuron (full, neuron);
  g_assert (out_node >= 0);

  for (guint n = 0; n < full->n_nodes; n++)
    {
      const BplGraphNode *node = &full->nodes[n];

      /* Its products, with their weights and sources, and its bias. */
      if (node->op == BPL_GRAPH_OP_MUL && node->neuron == (gint) neuron
          && (per_layer == 0 || shown_in < per_layer))
        {
          keep_product (&s, n);
          shown_in++;
        }
      for (guint o = 0; node->op == BPL_GRAPH_OP_BIAS && o < node->n_outputs; o++)
        if (full->nodes[full->edges[node->outputs[o]].to].neuron == (gint) neuron)
          s.keep[n] = TRUE;
    }

  /* The products that use its output, and the sums they feed: where its
   * gradient comes from. */
  for (guint o = 0; o < full->nodes[out_node].n_outputs; o++)
    {
      guint user = full->edges[full->nodes[out_node].outputs[o]].to;

      if (full->nodes[user].op != BPL_GRAPH_OP_MUL)
        continue;
      if (per_layer > 0 && shown_out >= per_layer)
        break;
      keep_product (&s, user);
      s.keep[full->edges[full->nodes[user].outputs[0]].to] = TRUE;
      shown_out++;
    }

  self = build (&s, BPL_GRAPH_NEURON);
  self->neuron = neuron;
  selection_clear (&s);
  return self;
}

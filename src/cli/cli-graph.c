/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-graph.c: `backprop-lens-cli graph`: the computational graph, every
 * operation with its value and gradient, as a table with the backward pass
 * step by step, as Graphviz DOT, as a TikZ picture, or as JSON. */
#include "config.h"

#include "bpl-cli.h"

#include <glib/gi18n.h>
#include <math.h>

enum { FORMAT_TEXT, FORMAT_DOT, FORMAT_TIKZ, FORMAT_JSON };
static const char *const formats[] = { "text", "dot", "tikz", "json", NULL };

/* --digits when not given: the table and JSON strings in full, pictures short. */
#define DIGITS_UNSET -1
#define PICTURE_DIGITS 4

static const char *
gate_name (BplGateKind gate)
{
  switch (gate)
    {
    case BPL_GATE_ADD:
      return "add";
    case BPL_GATE_MUL:
      return "multiply";
    case BPL_GATE_ACTIVATION:
      return "activation";
    case BPL_GATE_LOSS:
      return "loss";
    case BPL_GATE_GROUP:
      return "group";
    case BPL_GATE_SOFTMAX:
      return "softmax";
    case BPL_GATE_LEAF:
    default:
      return "leaf";
    }
}

static char *
describe_focus (const BplGraph *g, const BplNetwork *network)
{
  switch (g->focus)
    {
    case BPL_GRAPH_PARAM:
      return g_strdup_printf (_("the paths of %s"), bpl_network_get_param_name (network, g->param));
    case BPL_GRAPH_NEURON:
      return g_strdup_printf (_("neuron %s"), bpl_network_get_neuron_name (network, g->neuron));
    case BPL_GRAPH_WHOLE:
    default:
      return g_strdup (_("the whole network"));
    }
}

/* A group has no number of its own. */
static char *
number (double value, int digits)
{
  return isnan (value) ? g_strdup ("–") : bpl_format_number (value, digits);
}

static char *
graph_text (const BplGraph *g, const BplNetwork *network, int digits)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (BplCliTable) table = bpl_cli_table_new (6);
  g_autoptr (BplGraphWalk) walk = bpl_graph_walk_new (g, BPL_GRAPH_BACKWARD);
  g_autofree char *focus = describe_focus (g, network);

  g_string_append_printf (out, _("Computational graph of %s, sample %u: %u nodes (%u groups), %u edges\n\n"),
                          focus, g->sample + 1, g->n_nodes, g->n_groups, g->n_edges);
  bpl_cli_table_add_row (table, "id", "op", "name", "value", "gradient", "inputs");
  for (guint n = 0; n < g->n_nodes; n++)
    {
      const BplGraphNode *node = &g->nodes[n];
      char **cells = g_new0 (char *, 7);
      GString *inputs = g_string_new (NULL);

      for (guint i = 0; i < node->n_inputs; i++)
        g_string_append_printf (inputs, "%s%u", i > 0 ? ", " : "", g->edges[node->inputs[i]].from);
      cells[0] = g_strdup_printf ("%u", n);
      cells[1] = g_strdup (bpl_graph_op_to_string (node->op));
      cells[2] = g_strdup (node->name);
      cells[3] = number (node->value, digits);
      cells[4] = number (node->gradient, digits);
      cells[5] = g_string_free (inputs, FALSE);
      bpl_cli_table_take_row (table, cells);
    }
  bpl_cli_table_print (table, out);

  if (g->n_groups > 0)
    {
      g_string_append (out, _("\nGroups (what the part shown leaves out)\n"));
      for (guint n = 0; n < g->n_nodes; n++)
        if (g->nodes[n].op == BPL_GRAPH_OP_GROUP)
          g_string_append_printf (out, "  %u  %s: %s\n", n, g->nodes[n].name, g->nodes[n].summary);
    }

  g_string_append (out, _("\nBackward pass (local gradient × upstream gradient, node by node)\n"));
  for (guint i = 0; i < walk->n_steps; i++)
    {
      g_autofree char *sentence = bpl_expr_render (walk->steps[i].sentence, BPL_EXPR_TEXT, digits);

      g_string_append_printf (out, "%4u. %s\n", i + 1, sentence);
    }

  if (g->focus == BPL_GRAPH_PARAM)
    {
      g_autoptr (BplPathCount) count = bpl_path_count_new (network, g->param);
      const char *name = bpl_network_get_param_name (network, g->param);

      g_string_append_printf (out, _("\nMultiplications for ∂E_total/∂%s\n"), name);
      g_string_append_printf (out, _("  sum over paths: %s\n"), count->path_formula);
      g_string_append_printf (out, _("  δ recursion (backpropagation): %s\n"), count->delta_formula);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_double (JsonBuilder *builder, const char *member, double value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_double_value (builder, value);
}

static void
add_flows (JsonBuilder *builder, const char *member, const char *end, const BplGraphFlow *flows,
           guint n_flows)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_flows; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, end);
      json_builder_add_int_value (builder, flows[i].node);
      json_builder_set_member_name (builder, "edge");
      json_builder_add_int_value (builder, flows[i].edge);
      add_double (builder, "local", flows[i].local);
      add_double (builder, "gradient", flows[i].gradient);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static char *
graph_json (const BplGraph *g, const BplNetwork *network, int digits)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (BplGraphWalk) walk = bpl_graph_walk_new (g, BPL_GRAPH_BACKWARD);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sample");
  json_builder_add_int_value (builder, g->sample + 1);
  json_builder_set_member_name (builder, "focus");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, g->focus == BPL_GRAPH_PARAM    ? "parameter"
                                          : g->focus == BPL_GRAPH_NEURON ? "neuron"
                                                                         : "whole");
  json_builder_set_member_name (builder, "name");
  if (g->focus == BPL_GRAPH_PARAM)
    json_builder_add_string_value (builder, bpl_network_get_param_name (network, g->param));
  else if (g->focus == BPL_GRAPH_NEURON)
    json_builder_add_string_value (builder, bpl_network_get_neuron_name (network, g->neuron));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "root");
  json_builder_add_int_value (builder, g->root);

  json_builder_set_member_name (builder, "nodes");
  json_builder_begin_array (builder);
  for (guint n = 0; n < g->n_nodes; n++)
    {
      const BplGraphNode *node = &g->nodes[n];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, n);
      json_builder_set_member_name (builder, "op");
      json_builder_add_string_value (builder, bpl_graph_op_to_string (node->op));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, node->name);
      add_double (builder, "value", node->value);
      add_double (builder, "gradient", node->gradient);
      json_builder_set_member_name (builder, "inputs");
      json_builder_begin_array (builder);
      for (guint i = 0; i < node->n_inputs; i++)
        json_builder_add_int_value (builder, g->edges[node->inputs[i]].from);
      json_builder_end_array (builder);
      bpl_cli_json_add_neuron_name (builder, "neuron", network, node->neuron);
      json_builder_set_member_name (builder, "parameter");
      if (node->op == BPL_GRAPH_OP_WEIGHT)
        json_builder_add_string_value (builder, bpl_network_get_weight_name (network, (guint) node->weight));
      else if (node->op == BPL_GRAPH_OP_BIAS)
        json_builder_add_string_value (builder, bpl_network_get_bias_name (network, (guint) node->bias));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "on_path");
      json_builder_add_boolean_value (builder, node->on_path);
      if (node->op == BPL_GRAPH_OP_GROUP)
        {
          json_builder_set_member_name (builder, "summary");
          json_builder_add_string_value (builder, node->summary);
          json_builder_set_member_name (builder, "members");
          json_builder_add_int_value (builder, node->n_members);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "edges");
  json_builder_begin_array (builder);
  for (guint e = 0; e < g->n_edges; e++)
    {
      const BplGraphEdge *edge = &g->edges[e];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "from");
      json_builder_add_int_value (builder, edge->from);
      json_builder_set_member_name (builder, "to");
      json_builder_add_int_value (builder, edge->to);
      add_double (builder, "value", edge->value);
      add_double (builder, "local", edge->local);
      add_double (builder, "gradient", edge->gradient);
      json_builder_set_member_name (builder, "merged");
      json_builder_add_int_value (builder, edge->n_merged);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "backward");
  json_builder_begin_array (builder);
  for (guint i = 0; i < walk->n_steps; i++)
    {
      const BplGraphStep *step = &walk->steps[i];
      g_autofree char *sentence = bpl_expr_render (step->sentence, BPL_EXPR_TEXT, digits);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "node");
      json_builder_add_int_value (builder, step->node);
      json_builder_set_member_name (builder, "gate");
      json_builder_add_string_value (builder, gate_name (step->gate));
      add_double (builder, "upstream", step->upstream);
      add_flows (builder, "arriving", "from", step->arrivals, step->n_arrivals);
      add_flows (builder, "outgoing", "to", step->outgoing, step->n_outgoing);
      json_builder_set_member_name (builder, "sentence");
      json_builder_add_string_value (builder, sentence);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (g->focus == BPL_GRAPH_PARAM)
    {
      g_autoptr (BplPathCount) count = bpl_path_count_new (network, g->param);

      json_builder_set_member_name (builder, "multiplications");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "paths");
      json_builder_add_int_value (builder, (gint64) MIN (count->n_paths, (guint64) G_MAXINT64));
      json_builder_set_member_name (builder, "factors_per_path");
      json_builder_add_int_value (builder, count->factors_per_path);
      json_builder_set_member_name (builder, "sum_over_paths");
      json_builder_add_int_value (builder, (gint64) MIN (count->path_multiplications, (guint64) G_MAXINT64));
      json_builder_set_member_name (builder, "deltas");
      json_builder_add_int_value (builder, (gint64) MIN (count->n_deltas, (guint64) G_MAXINT64));
      json_builder_set_member_name (builder, "delta_recursion");
      json_builder_add_int_value (builder, (gint64) MIN (count->delta_multiplications, (guint64) G_MAXINT64));
      json_builder_set_member_name (builder, "saturated");
      json_builder_add_boolean_value (builder, count->saturated);
      json_builder_set_member_name (builder, "sum_over_paths_formula");
      json_builder_add_string_value (builder, count->path_formula);
      json_builder_set_member_name (builder, "delta_recursion_formula");
      json_builder_add_string_value (builder, count->delta_formula);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return bpl_cli_json_to_string (root);
}

int
bpl_cli_graph (int argc, char **argv)
{
  g_auto (BplCliCommon) common = {
    .flags = BPL_CLI_WITH_SAMPLE | BPL_CLI_WITH_DIGITS,
    .sample_help = N_("Sample whose values and gradients are shown, from 1 (default 1)"),
    .digits_help = N_("Significant digits, 1 to 17 (default 11 for text and the JSON's sentences, 4 "
                      "for DOT and TikZ)"),
    .digits = DIGITS_UNSET,
  };
  g_autofree char *select = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "select", 0, 0, G_OPTION_ARG_STRING, &select,
      N_("Show the paths of a parameter (w3, b1) or one neuron (h1), the rest grouped"), N_("NAME") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: text, dot, tikz or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("File to write (default: standard output)"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (BplNetwork) network = NULL;
  g_autoptr (BplGraph) graph = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  int format, status;

  context = bpl_cli_context_new (
      NULL, entries, &common,
      _("Prints the computational graph of the network for one sample: every product w·x,\n"
        "sum (net), activation (out), error term E_o and E_total, with its value and its\n"
        "gradient ∂E_total/∂node, and the backward pass as local gradient × upstream\n"
        "gradient, node by node."),
      _("DOT draws with Graphviz (dot -Tpdf graph.dot -o graph.pdf); TikZ is a LaTeX\n"
        "document that pdflatex compiles (packages amsmath and tikz). JSON lists the nodes\n"
        "(id, op, name, value, gradient, inputs), the edges (from, to) and the backward\n"
        "pass at full precision.\n\n"
        "Examples:\n"
        "  backprop-lens-cli graph --select w3\n"
        "  backprop-lens-cli graph --select w3 --format tikz --output w3.tex\n"
        "  backprop-lens-cli graph --format dot | dot -Tsvg > graph.svg\n"
        "  backprop-lens-cli graph --network deep.json --select h3 --format json"));
  bpl_cli_context_add_choices (context, "--format", formats);

  if (!bpl_cli_parse_options (context, &argc, &argv) || !bpl_cli_check_no_arguments (argc, argv))
    return BPL_CLI_EXIT_USAGE;
  format = bpl_cli_parse_choice ("--format", format_name, formats);
  if (format < 0)
    return BPL_CLI_EXIT_USAGE;
  if (common.digits == DIGITS_UNSET)
    common.digits = format == FORMAT_DOT || format == FORMAT_TIKZ ? PICTURE_DIGITS
                                                                  : BPL_CLI_DEFAULT_DIGITS;

  network = bpl_cli_common_load (&common, &status);
  if (network == NULL)
    return status;
  graph = bpl_cli_graph_new (network, (guint) common.sample - 1, select, BPL_GRAPH_DEFAULT_PER_LAYER,
                             format == FORMAT_TIKZ ? BPL_CLI_GRAPH_MAX_DRAWN : BPL_CLI_GRAPH_MAX_LISTED,
                             &status);
  if (graph == NULL)
    return status;

  switch (format)
    {
    case FORMAT_DOT:
      text = bpl_graph_to_dot (graph, common.digits);
      break;
    case FORMAT_TIKZ:
      text = bpl_graph_to_tikz (graph, common.digits);
      break;
    case FORMAT_JSON:
      text = graph_json (graph, network, common.digits);
      break;
    case FORMAT_TEXT:
    default:
      text = graph_text (graph, network, common.digits);
      break;
    }

  if (!bpl_cli_write_output (output, text, &error))
    {
      if (output != NULL)
        bpl_cli_print_file_error (output, error);
      else
        bpl_cli_print_gerror (error);
      return BPL_CLI_EXIT_BAD_INPUT;
    }
  return BPL_CLI_EXIT_OK;
}

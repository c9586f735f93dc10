/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-graph.c: `backprop-lens-cli graph` and `render --view graph` run
 * as a user would: every format, the numbers against the core in this
 * process, the files written, and the exit statuses of bad input (1) and
 * bad command lines (2). */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "backprop-lens.h"
#include "test-util.h"

#define run_cli(out, err, ...) bpl_test_run (BPL_CLI_PATH, out, err, __VA_ARGS__)

static const char broken_json[] =
  "{ \"format\": \"backprop-lens-network\", \"version\": 1, \"layers\": [2, 2, 2],\n"
  "  \"activation\": \"sigmoid\", \"loss\": \"squared-error\", \"bias_mode\": \"per-layer\",\n"
  "  \"learning_rate\": 0.5, \"weights\": [0.15], \"biases\": [0.35, 0.60],\n"
  "  \"samples\": [{ \"input\": [0.05, 0.10], \"target\": [0.01, 0.99] }] }\n";

static void
test_help (void)
{
  g_autofree char *out = NULL, *err = NULL, *top = NULL;

  g_assert_cmpint (run_cli (&out, &err, "graph", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--select"));
  g_assert_nonnull (strstr (out, "text, dot, tikz or json"));
  g_assert_nonnull (strstr (out, "--output"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, &err, "render", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--view"));
  g_assert_nonnull (strstr (out, "--step"));
  g_assert_cmpint (run_cli (&top, NULL, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (top, "  graph "));
}

static void
test_text (void)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "graph", "--select", "w3", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Computational graph of the paths of w3, sample 1"));
  g_assert_nonnull (strstr (out, "w3·i1"));
  g_assert_nonnull (strstr (out, "h1, h2: 3 products, 1 sum, 1 sigmoid, 3 weights, 1 bias"));
  /* The backward pass, the number the derivation gives, the two counts. */
  g_assert_nonnull (strstr (out, "multiply gate"));
  g_assert_nonnull (strstr (out, "∂E_total/∂w3 = 0.00049771273526"));
  g_assert_nonnull (strstr (out, "sum over paths: 1 × 2 = 2 paths"));
  g_assert_nonnull (strstr (out, "= 8"));
  g_assert_nonnull (strstr (out, "δ recursion (backpropagation): 2 × 1 + 1 × (2 + 1) + 1 = 6"));
  g_clear_pointer (&out, g_free);

  /* The whole graph; --digits; a neuron. */
  g_assert_cmpint (run_cli (&out, &err, "graph", "--digits", "4", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "the whole network, sample 1: 33 nodes (0 groups), 38 edges"));
  g_assert_nonnull (strstr (out, "0.2984"));
  g_assert_null (strstr (out, "Multiplications"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (&out, &err, "graph", "--select", "h1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Computational graph of neuron h1"));
}

static void
test_json (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  g_autoptr (BplGraph) full = bpl_graph_new (net, 0, NULL);
  g_autoptr (BplGraph) w3 = bpl_graph_new_for_param (full, net, (BplParam) { BPL_PARAM_WEIGHT, 2 },
                                                     BPL_GRAPH_DEFAULT_PER_LAYER);
  JsonObject *root, *mults;
  JsonArray *nodes, *edges, *backward;

  g_assert_cmpint (run_cli (&out, &err, "graph", "--select", "w3", "--format", "json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  nodes = json_object_get_array_member (root, "nodes");
  edges = json_object_get_array_member (root, "edges");
  backward = json_object_get_array_member (root, "backward");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "focus"), "name"),
                   ==, "w3");
  g_assert_cmpuint (json_array_get_length (nodes), ==, w3->n_nodes);
  g_assert_cmpuint (json_array_get_length (edges), ==, w3->n_edges);

  /* At full precision: the very numbers of the graph in this process. */
  for (guint n = 0; n < w3->n_nodes; n++)
    {
      JsonObject *node = json_array_get_object_element (nodes, n);

      g_assert_cmpint (json_object_get_int_member (node, "id"), ==, n);
      g_assert_cmpstr (json_object_get_string_member (node, "name"), ==, w3->nodes[n].name);
      g_assert_cmpstr (json_object_get_string_member (node, "op"), ==, bpl_graph_op_to_string (w3->nodes[n].op));
      if (w3->nodes[n].op == BPL_GRAPH_OP_GROUP)
        {
          g_assert_true (json_node_is_null (json_object_get_member (node, "value")));
          g_assert_cmpstr (json_object_get_string_member (node, "summary"), ==, w3->nodes[n].summary);
        }
      else
        {
          g_assert_cmpfloat (json_object_get_double_member (node, "value"), ==, w3->nodes[n].value);
          g_assert_cmpfloat (json_object_get_double_member (node, "gradient"), ==, w3->nodes[n].gradient);
        }
    }
  for (guint e = 0; e < w3->n_edges; e++)
    {
      JsonObject *edge = json_array_get_object_element (edges, e);

      g_assert_cmpint (json_object_get_int_member (edge, "from"), ==, w3->edges[e].from);
      g_assert_cmpint (json_object_get_int_member (edge, "to"), ==, w3->edges[e].to);
    }
  g_assert_cmpuint (json_array_get_length (backward), ==, w3->n_nodes - w3->n_groups);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (backward, 0), "gate"), ==, "add");
  mults = json_object_get_object_member (root, "multiplications");
  g_assert_cmpint (json_object_get_int_member (mults, "sum_over_paths"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (mults, "delta_recursion"), ==, 6);
}

static void
test_dot_tikz_files (void)
{
  g_autofree char *out = NULL, *err = NULL, *contents = NULL;
  g_autofree char *dot = bpl_test_tmp_path ("g.dot");
  g_autofree char *tex = bpl_test_tmp_path ("g.tex");

  g_assert_cmpint (run_cli (&out, &err, "graph", "--format", "dot", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "digraph \"computational graph\""));
  /* Pictures take 4 digits unless told otherwise. */
  g_assert_nonnull (strstr (out, "value 0.2984"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (&out, &err, "graph", "--select", "w3", "--format", "dot", "--output", dot, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_file_get_contents (dot, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "w<sub>3</sub>·i<sub>1</sub>"));
  g_clear_pointer (&contents, g_free);

  g_assert_cmpint (run_cli (NULL, &err, "graph", "--select", "w3", "--format", "tikz", "--output", tex,
                            "--digits", "6", NULL), ==, 0);
  g_assert_true (g_file_get_contents (tex, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\\begin{tikzpicture}"));
  g_assert_nonnull (strstr (contents, "0.000497713"));
}

static void
test_errors (void)
{
  g_autofree char *broken = bpl_test_tmp_path ("broken.json");
  g_autofree char *png = bpl_test_tmp_path ("x.png");
  char *err = NULL;

  bpl_test_write_file ("broken.json", broken_json);

  /* Bad command lines: 2. */
  g_assert_cmpint (run_cli (NULL, NULL, "graph", "--format", "svg", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "graph", "--digits", "0", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "graph", "w3", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "graph", "--frobnicate", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "render", "--view", "tree", "--output", png, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "render", "--step", "2", "--output", png, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "render", "--view", "graph", "--walk", "forward", "--output", png, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "render", "--view", "graph", "--walk", "sideways", "--step", "1",
                            "--output", png, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "render", "--view", "graph", "--width", "800", "--output", png, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, NULL, "render", "--view", "graph", "--width", "5", "--height", "5",
                            "--output", png, NULL), ==, 2);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));

  /* Bad input: 1, with a message that names it. */
  g_assert_cmpint (run_cli (NULL, &err, "graph", "--select", "w99", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no parameter or neuron “w99”"));
  g_assert_nonnull (strstr (err, "w1…w8, biases b1…b2 and neurons i1…i2, h1…h2, o1…o2"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "graph", "--select", "bad\nname", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“bad?name”"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "graph", "--sample", "2", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--sample 2 is out of range"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "graph", "--network", broken, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "broken.json"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "render", "--view", "graph", "--select", "w3", "--step", "99",
                            "--output", png, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "the backward pass of this graph has 18 steps"));
  g_clear_pointer (&err, g_free);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  {
    g_autofree char *nowhere = bpl_test_tmp_path ("no/such/g.dot");

    g_assert_cmpint (run_cli (NULL, &err, "graph", "--format", "dot", "--output", nowhere, NULL), ==, 1);
    g_assert_nonnull (strstr (err, "g.dot"));
    g_clear_pointer (&err, g_free);
  }
}

/* A big network's whole graph is not drawn; a part of it is. */
static void
test_big_network (void)
{
  const guint sizes[] = { 16, 32, 32, 32, 8 };
  g_autoptr (BplNetwork) net = bpl_network_new (sizes, 5, BPL_BIAS_PER_NEURON, NULL);
  g_autofree char *data = bpl_network_to_data (net, NULL);
  g_autofree char *path = bpl_test_tmp_path ("big.json");
  g_autofree char *png = bpl_test_tmp_path ("big.png");
  g_autofree char *err = NULL;

  bpl_test_write_file ("big.json", data);
  g_assert_cmpint (run_cli (NULL, &err, "render", "--view", "graph", "--network", path, "--output", png, NULL), ==, 1);
  {
    g_autoptr (BplGraph) whole = bpl_graph_new (net, 0, NULL);
    g_autofree char *expected = g_strdup_printf ("the whole graph has %u nodes, more than the 2000 this "
                                                 "output takes", whole->n_nodes);

    g_assert_nonnull (strstr (err, expected));
  }
  g_assert_nonnull (strstr (err, "--select"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &err, "graph", "--network", path, "--format", "tikz", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "more than the 2000"));
  g_assert_cmpint (run_cli (NULL, NULL, "graph", "--network", path, "--format", "json", NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "render", "--view", "graph", "--network", path, "--select", "w1",
                            "--output", png, NULL), ==, 0);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (run_cli (NULL, NULL, "graph", "--network", path, "--select", "h40", "--format", "json", NULL), ==, 0);

  /* The largest network a file may hold: its whole graph is not listed. */
  {
    const guint widest[] = { 256, 256 };
    g_autoptr (BplNetwork) huge = bpl_network_new (widest, 2, BPL_BIAS_PER_NEURON, NULL);
    g_autofree char *huge_data = bpl_network_to_data (huge, NULL);
    g_autofree char *huge_path = bpl_test_tmp_path ("huge.json");

    g_clear_pointer (&err, g_free);
    bpl_test_write_file ("huge.json", huge_data);
    g_assert_cmpint (run_cli (NULL, &err, "graph", "--network", huge_path, "--format", "json", NULL), ==, 1);
    g_assert_nonnull (strstr (err, "more than the 20000"));
    g_assert_cmpint (run_cli (NULL, NULL, "graph", "--network", huge_path, "--select", "w1000", NULL), ==, 0);
  }
}

static guint32
png_u32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
test_render_graph (void)
{
  const char *const files[] = { "w3.png", "w3.svg", "w3.pdf" };
  g_autofree char *slide = bpl_test_tmp_path ("slide.png");
  g_autofree char *contents = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = bpl_test_tmp_path (files[i]);

      g_assert_cmpint (run_cli (NULL, NULL, "render", "--view", "graph", "--select", "w3", "--output", path,
                                NULL), ==, 0);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
  /* One slide a step, at a slide's size, in the dark palette. */
  g_assert_cmpint (run_cli (NULL, NULL, "render", "--view", "graph", "--select", "w3", "--step", "16",
                            "--width", "1280", "--height", "720", "--theme", "dark", "--scale", "2",
                            "--output", slide, NULL), ==, 0);
  g_assert_true (g_file_get_contents (slide, &contents, NULL, NULL));
  g_assert_cmpuint (png_u32 ((guint8 *) contents + 16), ==, 2560);
  g_assert_cmpuint (png_u32 ((guint8 *) contents + 20), ==, 1440);
  g_assert_cmpint (run_cli (NULL, NULL, "render", "--view", "graph", "--walk", "forward", "--step", "1",
                            "--output", slide, NULL), ==, 0);
}

/* The softmax classifier and the digits network, which the graph once
 * refused: each output's softmax takes every net of its layer. */
static void
test_softmax (void)
{
  g_autofree char *softmax = g_build_filename (g_getenv ("BPL_SOURCE_ROOT"), "data", "networks", "softmax.json",
                                               NULL);
  g_autofree char *digits = g_build_filename (g_getenv ("BPL_SOURCE_ROOT"), "data", "networks", "digits.json",
                                              NULL);
  g_autofree char *png = bpl_test_tmp_path ("digits-graph.png");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (&out, &err, "graph", "--network", softmax, "--select", "w1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "softmax         out_o2"));
  g_assert_nonnull (strstr (out, "is a softmax: it couples the layer"));
  g_assert_nonnull (strstr (out, "3 softmax outputs"));
  g_assert_cmpint (run_cli (NULL, NULL, "render", "--view", "graph", "--network", digits, "--select", "w100",
                            "--step", "20", "--output", png, NULL), ==, 0);
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
  g_unlink (png);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  bpl_test_tmp_dir_new ("bpl-cli-graph-XXXXXX");

  g_test_add_func ("/cli/graph/help", test_help);
  g_test_add_func ("/cli/graph/text", test_text);
  g_test_add_func ("/cli/graph/json", test_json);
  g_test_add_func ("/cli/graph/dot-tikz-files", test_dot_tikz_files);
  g_test_add_func ("/cli/graph/errors", test_errors);
  g_test_add_func ("/cli/graph/big-network", test_big_network);
  g_test_add_func ("/cli/graph/render", test_render_graph);
  g_test_add_func ("/cli/graph/softmax", test_softmax);

  status = g_test_run ();
  bpl_test_tmp_dir_remove ();
  return status;
}

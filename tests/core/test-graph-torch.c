/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-graph-torch.c: every node of the computational graph, value and
 * gradient, against PyTorch's autograd on the same networks, to 1e-9. The
 * networks include softmax outputs with cross-entropy and with squared
 * error. The numbers are in graph-torch-reference.json, written by
 * torch-graph-reference.py, so the suite itself needs no PyTorch. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "backprop-lens.h"
#include "bpl-test-util.h"

static BplNetwork *
load_network (JsonObject *network_object, const char *name)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  BplNetwork *net;
  JsonArray *weights;

  json_node_set_object (node, network_object);
  text = json_to_string (node, FALSE);
  net = bpl_network_load_from_data (text, strlen (text), name, &error);
  g_assert_no_error (error);

  /* The file round-trips the reference's numbers exactly. */
  weights = json_object_get_array_member (network_object, "weights");
  g_assert_cmpuint (json_array_get_length (weights), ==, bpl_network_get_n_weights (net));
  for (guint w = 0; w < json_array_get_length (weights); w++)
    g_assert_cmpfloat (bpl_network_get_weight (net, w), ==, json_array_get_double_element (weights, w));
  return net;
}

static void
test_torch (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "graph-torch-reference.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *cases;
  guint checked = 0, softmax = 0;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  cases = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "cases");
  g_assert_cmpuint (json_array_get_length (cases), >=, 8);

  for (guint c = 0; c < json_array_get_length (cases); c++)
    {
      JsonObject *item = json_array_get_object_element (cases, c);
      const char *name = json_object_get_string_member (item, "name");
      guint sample = (guint) json_object_get_int_member (item, "sample") - 1;
      JsonObject *nodes = json_object_get_object_member (item, "nodes");
      g_autoptr (BplNetwork) net = load_network (json_object_get_object_member (item, "network"), name);
      g_autoptr (BplGraph) g = bpl_graph_new (net, sample, &error);

      g_assert_no_error (error);
      g_test_message ("%s, sample %u: %u nodes", name, sample + 1, g->n_nodes);
      /* The same nodes under the same names, no more, no fewer. */
      g_assert_cmpuint (json_object_get_size (nodes), ==, g->n_nodes);
      for (guint n = 0; n < g->n_nodes; n++)
        {
          const BplGraphNode *node = &g->nodes[n];
          JsonObject *ref;

          if (!json_object_has_member (nodes, node->name))
            g_error ("%s: PyTorch has no node %s", name, node->name);
          ref = json_object_get_object_member (nodes, node->name);
          assert_close (node->value, json_object_get_double_member (ref, "value"), 1e-9, 1e-12);
          assert_close (node->gradient, json_object_get_double_member (ref, "gradient"), 1e-9, 1e-12);
          checked++;
          softmax += node->op == BPL_GRAPH_OP_SOFTMAX;
        }
    }
  g_test_message ("%u nodes agree with PyTorch, %u of them softmax outputs", checked, softmax);
  /* Softmax with cross-entropy and with squared error are among them. */
  g_assert_cmpuint (softmax, >=, 3 * 2 + 4 * 2 + 2 * 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/graph/torch", test_torch);
  return g_test_run ();
}

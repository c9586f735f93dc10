/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's computational graph: shown instead of the diagram, linked
 * with the selection both ways and with the derivation's hovered factor,
 * its passes stepped and played, exported as shown. */
#include "config.h"

#include "app-test-util.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bpl-graph-view.h"
#include "bpl-window-private.h"

typedef BplAppFixture Fixture;

static BplGraphView *
show_graph (Fixture *f)
{
  BplGraphView *view = f->window->graph_view;

  bpl_app_test_activate (GTK_WIDGET (f->window), "win.canvas-view", g_variant_new_string ("graph"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->canvas_stack), ==, "graph");
  bpl_app_test_wait_until_mapped (GTK_WIDGET (view));
  /* The walk's keys work at once: the focus is on the canvas. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), GTK_WIDGET (view)));
  return view;
}

static const char *
node_name (BplGraphView *view,
           gint          node)
{
  g_assert_cmpint (node, >=, 0);
  return bpl_graph_view_get_graph (view)->nodes[node].name;
}

/* Ctrl+2 and Ctrl+1 switch; the whole worked example is shown when
 * nothing is selected. */
static void
test_switch (Fixture       *f,
             gconstpointer  data)
{
  BplGraphView *view = show_graph (f);
  const BplGraph *graph = bpl_graph_view_get_graph (view);

  g_assert_nonnull (graph);
  g_assert_cmpint (graph->focus, ==, BPL_GRAPH_WHOLE);
  g_assert_cmpuint (graph->n_nodes, ==, 33);
  g_assert_nonnull (bpl_graph_view_get_layout (view));
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.canvas-view", g_variant_new_string ("diagram"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->canvas_stack), ==, "diagram");
  /* An unknown view changes nothing. */
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.canvas-view", g_variant_new_string ("nonsense"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->canvas_stack), ==, "diagram");
}

/* The diagram's selection picks the part shown; a click on a node selects
 * its weight, bias or neuron in the session; a hovered factor lights its
 * node. */
static void
test_linking (Fixture       *f,
              gconstpointer  data)
{
  BplGraphView *view = show_graph (f);
  BplGraphRenderState state;
  const BplGraph *graph;

  bpl_app_test_select (f, "w3");
  graph = bpl_graph_view_get_graph (view);
  g_assert_cmpint (graph->focus, ==, BPL_GRAPH_PARAM);
  g_assert_cmpuint (graph->param.index, ==, 2);
  bpl_graph_view_get_render_state (view, &state);
  g_assert_cmpstr (node_name (view, state.selection), ==, "w3");
  g_assert_cmpint (state.hover, ==, -1);

  /* Hovering ∂net_o1/∂out_h2 = w6 lights the product w6·out_h2, not the leaf. */
  bpl_session_set_emphasis_factor (f->session, (BplHit) { BPL_HIT_WEIGHT, 5 }, BPL_FACTOR_NET_WRT_OUT);
  g_assert_cmpstr (node_name (view, bpl_graph_view_get_emphasis_node (view)), ==, "w6·out_h2");
  bpl_graph_view_get_render_state (view, &state);
  g_assert_cmpstr (node_name (view, state.hover), ==, "w6·out_h2");
  bpl_session_set_emphasis_factor (f->session, (BplHit) { BPL_HIT_NEURON, 3 }, BPL_FACTOR_OUT_WRT_NET);
  g_assert_cmpstr (node_name (view, bpl_graph_view_get_emphasis_node (view)), ==, "out_h2");
  bpl_session_set_emphasis_factor (f->session, (BplHit) { BPL_HIT_NEURON, 4 }, BPL_FACTOR_ERROR_WRT_OUT);
  g_assert_cmpstr (node_name (view, bpl_graph_view_get_emphasis_node (view)), ==, "E_o1");
  /* A δ row names a neuron only: its sum, whose gradient δ is. */
  bpl_session_set_emphasis (f->session, (BplHit) { BPL_HIT_NEURON, 3 });
  g_assert_cmpint (bpl_session_get_emphasis_factor (f->session), ==, -1);
  g_assert_cmpstr (node_name (view, bpl_graph_view_get_emphasis_node (view)), ==, "net_h2");
  bpl_session_set_emphasis (f->session, (BplHit) { BPL_HIT_NONE, 0 });
  g_assert_cmpint (bpl_graph_view_get_emphasis_node (view), ==, -1);

  /* A click on the product w6·out_h2 selects w6 (and the diagram and the
   * derivation follow the session); on out_h2, the neuron h2. */
  bpl_app_test_activate (GTK_WIDGET (view), "graph.select-node", g_variant_new_string ("w6·out_h2"));
  g_assert_true (bpl_hit_equal (bpl_session_get_selection (f->session), (BplHit) { BPL_HIT_WEIGHT, 5 }));
  g_assert_cmpuint (bpl_graph_view_get_graph (view)->param.index, ==, 5);
  bpl_app_test_activate (GTK_WIDGET (view), "graph.select-node", g_variant_new_string ("out_h2"));
  g_assert_true (bpl_hit_equal (bpl_session_get_selection (f->session), (BplHit) { BPL_HIT_NEURON, 3 }));
  graph = bpl_graph_view_get_graph (view);
  g_assert_cmpint (graph->focus, ==, BPL_GRAPH_NEURON);
  g_assert_cmpuint (graph->neuron, ==, 3);
  /* E_total stands for nothing to select: the selection stays. */
  bpl_app_test_activate (GTK_WIDGET (view), "graph.select-node", g_variant_new_string ("E_total"));
  g_assert_true (bpl_hit_equal (bpl_session_get_selection (f->session), (BplHit) { BPL_HIT_NEURON, 3 }));

  /* A click at a node's place on the canvas: net_h1 in b1's paths. */
  bpl_app_test_select (f, "b1");
  {
    gint node = bpl_graph_find_name (bpl_graph_view_get_graph (view), "net_h1");
    double x, y;

    g_assert_cmpint (node, >=, 0);
    g_assert_true (bpl_graph_view_get_node_point (view, node, &x, &y));
    bpl_app_test_activate (GTK_WIDGET (view), "graph.select-at", g_variant_new ("(dd)", x, y));
    g_assert_true (bpl_hit_equal (bpl_session_get_selection (f->session), (BplHit) { BPL_HIT_NEURON, 2 }));
  }
}

/* A class shortcut of @widget for the key without modifiers, or NULL. */
static GtkShortcut *
class_shortcut (GtkWidget *widget,
                guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, 0);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return g_steal_pointer (&shortcut);
        }
    }
  return NULL;
}

/* The backward pass, step by step: each step names its node and gate and
 * the numbers going through it; w3's gradient arrives with the digits the
 * derivation shows; Back, Start and End; the walk is view state. */
static void
test_walk (Fixture       *f,
           gconstpointer  data)
{
  BplGraphView *view = show_graph (f);
  const BplGraphWalk *walk;
  const double *gradients;
  g_autofree char *text = NULL;
  g_autofree char *w3_gradient = NULL;
  gboolean reached_w3 = FALSE;
  guint64 steps_before = bpl_document_get_steps (f->document);

  bpl_app_test_select (f, "w3");
  gradients = bpl_session_get_weight_gradients (f->session);
  w3_gradient = bpl_format_number (gradients[2], bpl_derivation_panel_get_digits (f->derivation));
  g_assert_null (bpl_graph_view_get_walk (view));

  /* Step starts the backward pass when every value is shown. */
  bpl_app_test_activate (GTK_WIDGET (view), "graph.step", NULL);
  g_assert_cmpint (bpl_session_get_graph_walk (f->session), ==, BPL_SESSION_WALK_BACKWARD);
  g_assert_cmpint (bpl_session_get_graph_step (f->session), ==, 0);
  walk = bpl_graph_view_get_walk (view);
  g_assert_nonnull (walk);
  text = bpl_graph_view_get_step_text (view);
  g_assert_nonnull (strstr (text, "Etotal"));
  g_clear_pointer (&text, g_free);

  for (guint i = 1; i < walk->n_steps; i++)
    {
      const BplGraphStep *step;

      bpl_app_test_activate (GTK_WIDGET (view), "graph.step", NULL);
      g_assert_cmpint (bpl_session_get_graph_step (f->session), ==, (gint) i);
      step = &walk->steps[i];
      text = bpl_graph_view_get_step_text (view);
      switch (step->gate)
        {
        case BPL_GATE_ADD:
          g_assert_nonnull (strstr (text, "Add gate: passes the gradient on unchanged"));
          break;
        case BPL_GATE_MUL:
          g_assert_nonnull (strstr (text, "Multiply gate"));
          /* The product going out: upstream × local = what the input gets. */
          g_assert_nonnull (strstr (text, "upstream"));
          g_assert_nonnull (strstr (text, "× local"));
          break;
        case BPL_GATE_ACTIVATION:
          g_assert_nonnull (strstr (text, "scales the gradient by its derivative"));
          break;
        default:
          break;
        }
      if (g_str_equal (bpl_graph_view_get_graph (view)->nodes[step->node].name, "w3"))
        {
          /* w3's gradient as the derivation panel writes it, and as the
           * backward pass of the training code has it. */
          g_assert_nonnull (strstr (text, w3_gradient));
          g_assert_cmpfloat_with_epsilon (step->upstream, gradients[2], 1e-15);
          reached_w3 = TRUE;
        }
      g_clear_pointer (&text, g_free);
    }
  g_assert_true (reached_w3);
  /* At the end, Step and End have nothing to do. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (view), "graph.step", NULL)
                  && bpl_session_get_graph_step (f->session) != (gint) walk->n_steps - 1);
  g_assert_cmpint (bpl_session_get_graph_step (f->session), ==, (gint) walk->n_steps - 1);

  bpl_app_test_activate (GTK_WIDGET (view), "graph.back", NULL);
  g_assert_cmpint (bpl_session_get_graph_step (f->session), ==, (gint) walk->n_steps - 2);
  bpl_app_test_activate (GTK_WIDGET (view), "graph.start", NULL);
  g_assert_cmpint (bpl_session_get_graph_step (f->session), ==, -1);
  bpl_app_test_activate (GTK_WIDGET (view), "graph.end", NULL);
  g_assert_cmpint (bpl_session_get_graph_step (f->session), ==, (gint) walk->n_steps - 1);

  /* The forward pass starts before its first step. */
  bpl_app_test_activate (GTK_WIDGET (view), "graph.walk", g_variant_new_string ("forward"));
  g_assert_cmpint (bpl_session_get_graph_walk (f->session), ==, BPL_SESSION_WALK_FORWARD);
  g_assert_cmpint (bpl_session_get_graph_step (f->session), ==, -1);
  g_assert_cmpint (bpl_graph_view_get_walk (view)->direction, ==, BPL_GRAPH_FORWARD);
  bpl_app_test_activate (GTK_WIDGET (view), "graph.walk", g_variant_new_string ("off"));
  g_assert_null (bpl_graph_view_get_walk (view));

  /* Walking is looking: nothing to undo, the network untouched. */
  g_assert_cmpuint (bpl_document_get_steps (f->document), ==, steps_before);
  g_assert_false (bpl_document_get_modified (f->document));

  /* The keys: → steps, ← back, Home and End, P plays; pressed as the
   * canvas's shortcuts do. */
  bpl_app_test_activate (GTK_WIDGET (view), "graph.walk", g_variant_new_string ("backward"));
  walk = bpl_graph_view_get_walk (view);
  {
    const struct { guint keyval; gint step; } keys[] = {
      { GDK_KEY_Right, 0 }, { GDK_KEY_Right, 1 }, { GDK_KEY_Left, 0 },
      { GDK_KEY_End, (gint) walk->n_steps - 1 }, { GDK_KEY_Home, -1 },
    };

    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      {
        g_autoptr(GtkShortcut) shortcut = class_shortcut (GTK_WIDGET (view), keys[k].keyval);

        g_assert_nonnull (shortcut);
        g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, GTK_WIDGET (view),
                                                     gtk_shortcut_get_arguments (shortcut)));
        g_assert_cmpint (bpl_session_get_graph_step (f->session), ==, keys[k].step);
      }
    g_assert_nonnull (class_shortcut (GTK_WIDGET (view), GDK_KEY_p));
  }
}

/* Play runs on the frame clock to the end of the pass, one step a frame
 * at interval 0, and stops there; pressed again, it pauses. */
static void
test_play (Fixture       *f,
           gconstpointer  data)
{
  BplGraphView *view = show_graph (f);
  const BplGraphWalk *walk;
  gint64 end;

  bpl_app_test_select (f, "w3");
  bpl_graph_view_set_play_interval (view, 0);
  bpl_app_test_activate (GTK_WIDGET (view), "graph.play", NULL);
  g_assert_true (bpl_graph_view_get_playing (view));
  walk = bpl_graph_view_get_walk (view);
  g_assert_nonnull (walk);
  g_assert_cmpint (bpl_session_get_graph_step (f->session), ==, 0);
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (bpl_graph_view_get_playing (view) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (bpl_graph_view_get_playing (view));
  g_assert_cmpint (bpl_session_get_graph_step (f->session), ==, (gint) walk->n_steps - 1);
  g_assert_cmpuint (bpl_graph_view_get_play_frames (view), >=, walk->n_steps - 1);

  /* Play at the end plays again from the start; Play again pauses. */
  bpl_graph_view_set_play_interval (view, 10 * G_USEC_PER_SEC);
  bpl_app_test_activate (GTK_WIDGET (view), "graph.play", NULL);
  g_assert_true (bpl_graph_view_get_playing (view));
  g_assert_cmpint (bpl_session_get_graph_step (f->session), ==, 0);
  bpl_app_test_iterate (5);
  g_assert_cmpint (bpl_session_get_graph_step (f->session), ==, 0);
  bpl_app_test_activate (GTK_WIDGET (view), "graph.play", NULL);
  g_assert_false (bpl_graph_view_get_playing (view));
  /* Step pauses too; and hiding the graph stops Play. */
  bpl_app_test_activate (GTK_WIDGET (view), "graph.play", NULL);
  g_assert_true (bpl_graph_view_get_playing (view));
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.canvas-view", g_variant_new_string ("diagram"));
  bpl_app_test_iterate (5);
  g_assert_false (bpl_graph_view_get_playing (view));
}

static char *
read_head (const char *path,
           gsize       n)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_strndup (contents, MIN (length, n));
}

/* Export while the graph is shown writes the graph as shown, in the
 * drawn formats and in DOT and TikZ; Copy Image copies it. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("bpl-graph-export-XXXXXX", NULL);
  const char *names[] = { "g.png", "g.svg", "g.pdf", "g.dot", "g.tex" };
  const char *heads[] = { "\x89PNG", "<?xml", "%PDF", "digraph", "\\documentclass" };
  BplGraphView *view = show_graph (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = g_build_filename (dir, "g.xyz", NULL);

  bpl_app_test_select (f, "w3");
  bpl_app_test_activate (GTK_WIDGET (view), "graph.end", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *head = NULL;

      bpl_app_test_activate (GTK_WIDGET (f->window), "win.export-to", g_variant_new_string (path));
      head = read_head (path, 2000);
      g_assert_true (g_str_has_prefix (head, heads[i]) || strstr (head, heads[i]) != NULL);
      if (i == 3)
        {
          g_autofree char *dot = read_head (path, 100000);

          /* The part shown: w3's paths, with groups, not the whole graph. */
          g_assert_nonnull (strstr (dot, "<B>w<sub>3</sub></B>"));
          g_assert_null (strstr (dot, "<B>w<sub>5</sub></B>"));
        }
      g_unlink (path);
    }
  /* The PNG is the graph's own size at the export scale, not the canvas's. */
  {
    g_autofree char *path = g_build_filename (dir, "size.png", NULL);
    g_autoptr(GdkTexture) texture = NULL;
    const BplGraphLayout *layout = bpl_graph_view_get_layout (view);

    g_assert_true (bpl_graph_view_export_to_path (view, path, 1, &error));
    g_assert_no_error (error);
    texture = gdk_texture_new_from_filename (path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (gdk_texture_get_width (texture), ==, (int) ceil (layout->width));
    g_unlink (path);
  }
  /* Copy Image copies the graph too, at twice its own size. */
  {
    GdkContentProvider *provider;
    GValue value = G_VALUE_INIT;
    const BplGraphLayout *layout = bpl_graph_view_get_layout (view);

    bpl_app_test_activate (GTK_WIDGET (f->window), "win.copy-image", NULL);
    provider = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (f->window)));
    g_assert_nonnull (provider);
    g_value_init (&value, GDK_TYPE_TEXTURE);
    g_assert_true (gdk_content_provider_get_value (provider, &value, NULL));
    g_assert_cmpint (gdk_texture_get_width (g_value_get_object (&value)), ==, (int) ceil (layout->width * 2));
    g_value_unset (&value);
  }
  g_assert_false (bpl_window_export_to_path (f->window, bad, 2, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, ".dot"));
  g_clear_error (&error);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  /* The diagram shown: DOT is not one of its formats. */
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.canvas-view", g_variant_new_string ("diagram"));
  {
    g_autofree char *path = g_build_filename (dir, "d.dot", NULL);

    g_assert_false (bpl_window_export_to_path (f->window, path, 2, &error));
    g_assert_nonnull (error);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  g_rmdir (dir);
}

/* The sum over paths against the δ recursion, with the core's counts. */
static void
test_paths (Fixture       *f,
            gconstpointer  data)
{
  BplGraphView *view = show_graph (f);
  g_autofree char *text = NULL;
  g_autoptr(BplPathCount) count = NULL;
  g_autofree char *np = NULL;
  g_autofree char *nd = NULL;

  text = bpl_graph_view_get_paths_text (view);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);
  bpl_app_test_select (f, "w1");
  count = bpl_path_count_new (bpl_session_get_network (f->session), (BplParam) { BPL_PARAM_WEIGHT, 0 });
  np = g_strdup_printf ("%" G_GUINT64_FORMAT " over paths", count->path_multiplications);
  nd = g_strdup_printf ("%" G_GUINT64_FORMAT " with δ", count->delta_multiplications);
  text = bpl_graph_view_get_paths_text (view);
  /* w1 reaches E_total along 2 paths, each product listed. */
  g_assert_nonnull (strstr (text, "Sum over paths"));
  g_assert_nonnull (strstr (text, "∂Eo1/∂w1"));
  g_assert_nonnull (strstr (text, "∂Eo2/∂w1"));
  g_assert_nonnull (strstr (text, "δh1"));
  g_assert_nonnull (strstr (text, np));
  g_assert_nonnull (strstr (text, nd));
}

/* A large network: the part that matters, the rest in labelled groups;
 * presentation mode enlarges its text. */
static void
test_large (Fixture       *f,
            gconstpointer  data)
{
  BplGraphView *view;
  const BplGraph *graph;
  guint n_groups = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-example", "s", "digits"));
  bpl_app_test_iterate (10);
  view = show_graph (f);
  graph = bpl_graph_view_get_graph (view);
  g_assert_nonnull (graph);
  /* Nothing selected: the first output's part, not 3,000 nodes. */
  g_assert_cmpint (graph->focus, ==, BPL_GRAPH_NEURON);
  g_assert_cmpuint (graph->n_nodes, <, 100);
  bpl_app_test_select (f, "w100");
  graph = bpl_graph_view_get_graph (view);
  g_assert_cmpint (graph->focus, ==, BPL_GRAPH_PARAM);
  g_assert_cmpuint (graph->n_nodes, <, 200);
  for (guint n = 0; n < graph->n_nodes; n++)
    if (graph->nodes[n].op == BPL_GRAPH_OP_GROUP)
      {
        g_assert_nonnull (graph->nodes[n].summary);
        n_groups++;
      }
  g_assert_cmpuint (n_groups, >, 0);
  bpl_app_test_activate (GTK_WIDGET (view), "graph.end", NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (view));
  /* Too big for the canvas at a legible size, it follows the node at
   * work: each step's node is on the canvas. */
  {
    const BplGraphWalk *walk = bpl_graph_view_get_walk (view);
    GtkWidget *canvas = gtk_widget_get_next_sibling (gtk_widget_get_first_child (GTK_WIDGET (view)));

    g_assert_true (GTK_IS_DRAWING_AREA (canvas));
    for (guint i = 0; i < walk->n_steps; i += 7)
      {
        double x, y;

        bpl_session_set_graph_step (f->session, (gint) i);
        g_assert_true (bpl_graph_view_get_node_point (view, walk->steps[i].node, &x, &y));
        g_assert_cmpfloat (x, >=, 0);
        g_assert_cmpfloat (x, <=, gtk_widget_get_width (canvas));
        g_assert_cmpfloat (y, >=, 0);
        g_assert_cmpfloat (y, <=, gtk_widget_get_height (canvas));
      }
  }

  g_assert_cmpfloat (bpl_graph_view_get_layout (view)->options.font_scale, ==, 1.0);
  g_object_set (f->window, "presentation", TRUE, NULL);
  g_assert_cmpfloat (bpl_graph_view_get_layout (view)->options.font_scale, >, 1.0);
  g_object_set (f->window, "presentation", FALSE, NULL);
}

int
main (int   argc,
      char *argv[])
{
  if (!bpl_app_test_init (&argc, &argv))
    return 0;

  BPL_APP_TEST_ADD ("/app/graph/switch", test_switch);
  BPL_APP_TEST_ADD ("/app/graph/linking", test_linking);
  BPL_APP_TEST_ADD ("/app/graph/walk", test_walk);
  BPL_APP_TEST_ADD ("/app/graph/play", test_play);
  BPL_APP_TEST_ADD ("/app/graph/export", test_export);
  BPL_APP_TEST_ADD ("/app/graph/paths", test_paths);
  BPL_APP_TEST_ADD ("/app/graph/large", test_large);
  return g_test_run ();
}

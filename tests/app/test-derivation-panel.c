/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-derivation-panel: where the Derivation panel opens and what it builds.
 * Another selection opens at the top, the same one recomputed keeps the
 * reader's place; the worked example's paths are worked out open as before;
 * many paths put the δ form first and list a few paths closed, their factors
 * built only when opened and the rest only when asked for; hovering a factor
 * still lights its edge. */
#include "config.h"

#include "app-test-util.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "bpl-derivation-panel.h"
#include "bpl-window.h"

typedef BplAppFixture Fixture;

static void
select_param (Fixture    *f,
              const char *name)
{
  BplParam param;

  g_assert_true (bpl_network_parse_param (bpl_document_get_network (f->document), name, &param, NULL));
  bpl_session_set_selection (f->session,
                             (BplHit) { param.kind == BPL_PARAM_WEIGHT ? BPL_HIT_WEIGHT : BPL_HIT_BIAS,
                                        param.index });
  bpl_app_test_iterate (20);
}

/* Every widget of @type in the panel's tree. */
static GPtrArray *
find_all (Fixture *f,
          GType    type)
{
  return bpl_app_test_find_all (GTK_WIDGET (f->derivation), type);
}

/* The derivation's scroller, around its title (the empty page has a
 * scroller of its own). */
static GtkAdjustment *
panel_vadjustment (Fixture *f)
{
  g_autoptr(GPtrArray) labels = find_all (f, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_str_has_prefix (gtk_label_get_text (g_ptr_array_index (labels, i)), "How "))
      {
        GtkWidget *scroller = gtk_widget_get_ancestor (g_ptr_array_index (labels, i), GTK_TYPE_SCROLLED_WINDOW);

        g_assert_nonnull (scroller);
        return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
      }
  g_assert_not_reached ();
  return NULL;
}

/* Lets the panel lay out and draw. */
static void
settle (Fixture *f)
{
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  bpl_app_test_iterate (20);
}

/* The rows built inside path sections, open or closed: what the panel paid
 * for up front. */
static guint
count_path_rows (Fixture *f)
{
  g_autoptr(GPtrArray) expanders = find_all (f, GTK_TYPE_EXPANDER);
  guint n = 0;

  for (guint i = 0; i < expanders->len; i++)
    {
      GtkWidget *child = gtk_expander_get_child (g_ptr_array_index (expanders, i));
      g_autoptr(GPtrArray) rows = NULL;

      if (child == NULL)
        continue;
      rows = bpl_app_test_find_all (child, GTK_TYPE_LIST_BOX_ROW);
      n += rows->len;
    }
  return n;
}

static GtkWidget *
show_all_button (Fixture *f)
{
  g_autoptr(GPtrArray) buttons = find_all (f, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), "derivation.show-all-paths") == 0)
      return g_ptr_array_index (buttons, i);
  return NULL;
}

static guint
count_substrings (const char *text,
                  const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* 8-8-8-8, sigmoid, one sample: w1 reaches 8·8 = 64 paths. */
static BplNetwork *
wide_network (void)
{
  static const guint layers[] = { 8, 8, 8, 8 };
  g_autoptr(GError) error = NULL;
  BplNetwork *net = bpl_network_new (layers, G_N_ELEMENTS (layers), BPL_BIAS_PER_LAYER, &error);

  g_assert_no_error (error);
  for (guint w = 0; w < bpl_network_get_n_weights (net); w++)
    bpl_network_set_weight (net, w, 0.5 * sin (1.0 + w));
  for (guint i = 0; i < 8; i++)
    {
      bpl_network_set_input (net, 0, i, 0.1 * (i + 1));
      bpl_network_set_target (net, 0, i, 0.05 + 0.1 * i);
    }
  return net;
}

/* A new selection opens at its top; an edit or a Step of the same one keeps
 * the place. Before, b1 opened wherever w3 had been scrolled to. */
static void
test_scroll (Fixture       *f,
             gconstpointer  data)
{
  GtkAdjustment *adj;
  double place;

  select_param (f, "w3");
  settle (f);
  adj = panel_vadjustment (f);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj), >, 300);
  gtk_adjustment_set_value (adj, 300);
  settle (f);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 300);

  select_param (f, "b1");
  settle (f);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0);

  /* The same selection recomputed: a Step, an edit, an undo. */
  gtk_adjustment_set_value (adj, 250);
  settle (f);
  place = gtk_adjustment_get_value (adj);
  g_assert_cmpfloat (place, ==, 250);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.step", NULL));
  settle (f);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, place);
  bpl_document_set_param (f->document, (BplParam) { BPL_PARAM_WEIGHT, 4 }, 0.125);
  settle (f);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, place);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  settle (f);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, place);

  /* A structural change that keeps the selection rebuilds the panel in
   * place: a second sample adds a line at the top, the place stays. */
  {
    static const double input[] = { 0.1, 0.2 }, target[] = { 0.3, 0.4 };
    g_autofree char *text = NULL;
    guint added;

    g_assert_true (bpl_document_add_sample (f->document, input, target, &added));
    bpl_session_set_sample (f->session, added);
    settle (f);
    text = bpl_derivation_panel_dup_text (f->derivation);
    g_assert_nonnull (strstr (text, "For sample 2 of 2"));
    g_assert_cmpfloat (fabs (gtk_adjustment_get_value (adj) - place), <, 1);
  }

  /* Back to w3 after b1: its top again, not b1's place. */
  select_param (f, "w3");
  settle (f);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0);

  /* Cleared and selected again: the top too. */
  gtk_adjustment_set_value (adj, 200);
  settle (f);
  bpl_session_set_selection (f->session, (BplHit) { BPL_HIT_NONE, 0 });
  select_param (f, "w3");
  settle (f);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0);
}

static GtkExpander *
path_expander (Fixture *f,
               guint    index)
{
  g_autoptr(GPtrArray) expanders = find_all (f, GTK_TYPE_EXPANDER);

  g_assert_cmpuint (index, <, expanders->len);
  return g_ptr_array_index (expanders, index);
}

/* The worked example works each path out open, before the δ form, as it
 * always did: every factor with its digits. */
static void
test_worked_example_open (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) expanders = NULL;
  g_autoptr(BplDerivation) d = NULL;
  const char *chain, *delta;

  select_param (f, "w3");
  expanders = find_all (f, GTK_TYPE_EXPANDER);
  g_assert_cmpuint (expanders->len, ==, 2);
  for (guint i = 0; i < expanders->len; i++)
    g_assert_true (gtk_expander_get_expanded (g_ptr_array_index (expanders, i)));
  g_assert_cmpuint (count_path_rows (f), ==, 2 * 5);
  g_assert_null (show_all_button (f));

  text = bpl_derivation_panel_dup_text (f->derivation);
  chain = strstr (text, "2. Chain rule along w3 → h2 → o1");
  delta = strstr (text, "The same with error terms δ");
  g_assert_nonnull (chain);
  g_assert_nonnull (strstr (text, "3. Chain rule along w3 → h2 → o2"));
  g_assert_nonnull (delta);
  g_assert_true (chain < delta);
  /* Sixty lines, as before, every factor of both paths among them. */
  g_assert_cmpuint (count_substrings (text, "\n"), ==, 60);
  d = bpl_derivation_new (bpl_document_get_network (f->document), (BplParam) { BPL_PARAM_WEIGHT, 2 }, 0, NULL);
  for (guint p = 0; p < d->n_paths; p++)
    for (guint k = 0; k < d->paths[p].n_factors; k++)
      {
        g_autofree char *v = bpl_format_number_display (d->paths[p].factors[k].value, 11);
        g_autofree char *line = g_strdup_printf ("= %s\n", v);
        g_autofree char *ends = g_strdup_printf (" = %s\n", v);
        g_assert_true (strstr (text, line) != NULL || strstr (text, ends) != NULL);
      }
  g_assert_nonnull (strstr (text, "= 0.59688437826(1 − 0.59688437826) = 0.24061341725\n"));
  g_assert_nonnull (strstr (text, "= 0.05 · 0.24061341725 · 0.45 · 0.18681560181 · 0.74136506955 = 0.00074980377444\n"));
  g_assert_nonnull (strstr (text, "∂Etotal/∂w3 = δh2·i1 = 0.0099542547052·0.05 = 0.00049771273526\n"));

  /* b1 reaches four paths: still few, still open. */
  select_param (f, "b1");
  g_clear_pointer (&expanders, g_ptr_array_unref);
  expanders = find_all (f, GTK_TYPE_EXPANDER);
  g_assert_cmpuint (expanders->len, ==, 4);
  for (guint i = 0; i < expanders->len; i++)
    g_assert_true (gtk_expander_get_expanded (g_ptr_array_index (expanders, i)));
}

/* Issue 10: a first-layer weight of a wide network has an error term for
 * every neuron after it, a long line each; the panel laid out hundreds of
 * them on every click. A few are listed, each sum written short, and all
 * of them when asked for. */
static void
test_many_deltas (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *all = NULL;
  const char *deltas, *note;

  bpl_document_set_network (f->document, wide_network (), NULL);
  select_param (f, "w1");
  settle (f);

  text = bpl_derivation_panel_dup_text (f->derivation);
  deltas = strstr (text, "Error terms δ\n");
  g_assert_nonnull (deltas);
  note = strstr (deltas, "… and 9 more error terms");
  g_assert_nonnull (note);
  /* The outputs' first, then the note, then the parameter's own. */
  g_assert_true (strstr (deltas, "δo7 = ") < note);
  g_assert_null (strstr (deltas, "δo8 = "));
  g_assert_null (strstr (deltas, "δh9 = "));
  g_assert_true (note < strstr (deltas, "δh1 = "));
  /* δh1's sum of 8 terms: its first 4, "…", its last. */
  g_assert_nonnull (strstr (deltas, "δh1 = (w65·δh9 + w73·δh10 + w81·δh11 + w89·δh12 + … + w121·δh16)·"));

  bpl_app_test_activate (GTK_WIDGET (f->derivation), "derivation.show-all-deltas", NULL);
  settle (f);
  all = bpl_derivation_panel_dup_text (f->derivation);
  deltas = strstr (all, "Error terms δ\n");
  g_assert_null (strstr (all, "more error terms"));
  g_assert_true (strstr (deltas, "δo8 = ") < strstr (deltas, "δh9 = "));
  g_assert_true (strstr (deltas, "δh9 = ") < strstr (deltas, "δh1 = "));
}

/* 64 paths: the δ form first, a few paths listed closed with nothing built
 * inside them, the rest listed only when asked for, a path's factors built
 * when it is opened and kept up to date while open. */
static void
test_many_paths (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) expanders = NULL;
  g_autoptr(BplDerivation) d = NULL;
  GtkWidget *button;
  GtkExpander *first;
  GtkAdjustment *adj;
  const char *deltas, *sum;

  bpl_document_set_network (f->document, wide_network (), NULL);
  select_param (f, "w1");
  settle (f);

  text = bpl_derivation_panel_dup_text (f->derivation);
  deltas = strstr (text, "Error terms δ\n");
  sum = strstr (text, "1. Sum over the outputs");
  g_assert_nonnull (deltas);
  g_assert_nonnull (sum);
  g_assert_true (deltas < sum);
  /* The compact form leads, then the δs, output layer first, down to δ_h1:
   * of 17, the first 7 and the parameter's own (see test_many_deltas). */
  g_assert_true (g_str_has_prefix (strstr (deltas, "∂Etotal/∂w1 = "), "∂Etotal/∂w1 = δh1·i1 = "));
  g_assert_true (strstr (deltas, "δo1 = ") < strstr (deltas, "δh1 = "));
  g_assert_true (strstr (deltas, "δh1 = ") < sum);
  g_assert_null (strstr (text, "The same with error terms δ"));

  expanders = find_all (f, GTK_TYPE_EXPANDER);
  g_assert_cmpuint (expanders->len, ==, 4);
  for (guint i = 0; i < expanders->len; i++)
    g_assert_false (gtk_expander_get_expanded (g_ptr_array_index (expanders, i)));
  g_assert_cmpuint (count_path_rows (f), ==, 0);
  g_assert_cmpuint (count_substrings (text, "Chain rule along"), ==, 4);
  g_assert_nonnull (strstr (text, "… and 60 more chains"));
  /* Well under the 846 lines of every path worked out. */
  g_assert_cmpuint (count_substrings (text, "\n"), <, 80);

  button = show_all_button (f);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Show All 64 Paths");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "derivation.show-all-paths");

  /* Opening a path builds its seven factors; they follow a Step. */
  first = g_ptr_array_index (expanders, 0);
  gtk_expander_set_expanded (first, TRUE);
  g_assert_cmpuint (count_path_rows (f), ==, 7);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.step", NULL));
  g_clear_pointer (&text, g_free);
  text = bpl_derivation_panel_dup_text (f->derivation);
  d = bpl_derivation_new (bpl_document_get_network (f->document), (BplParam) { BPL_PARAM_WEIGHT, 0 }, 0, NULL);
  {
    g_autofree char *product = bpl_format_number_display (d->paths[0].product, 11);
    g_autofree char *line = g_strdup_printf (" = %s\n", product);
    g_assert_nonnull (strstr (text, line));
  }
  g_assert_true (gtk_expander_get_expanded (first));
  g_assert_true (first == path_expander (f, 0));

  /* Every path listed, closed, in place: the open one stays open, and the
   * reader stays where they were. */
  settle (f);
  adj = panel_vadjustment (f);
  gtk_adjustment_set_value (adj, 400);
  settle (f);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 400);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->derivation), "derivation.show-all-paths", NULL));
  settle (f);
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 400);
  g_clear_pointer (&expanders, g_ptr_array_unref);
  expanders = find_all (f, GTK_TYPE_EXPANDER);
  g_assert_cmpuint (expanders->len, ==, 64);
  g_assert_true (g_ptr_array_index (expanders, 0) == first);
  g_assert_true (gtk_expander_get_expanded (first));
  for (guint i = 1; i < expanders->len; i++)
    g_assert_false (gtk_expander_get_expanded (g_ptr_array_index (expanders, i)));
  g_assert_cmpuint (count_path_rows (f), ==, 7);
  g_assert_null (show_all_button (f));
  g_clear_pointer (&text, g_free);
  text = bpl_derivation_panel_dup_text (f->derivation);
  g_assert_cmpuint (count_substrings (text, "Chain rule along"), ==, 64);
  g_assert_null (strstr (text, "more chains"));
  g_assert_nonnull (strstr (text, "65. Chain rule along w1 → h1 → h16 → o8"));
  /* Asked again, nothing changes. */
  gtk_widget_activate_action (GTK_WIDGET (f->derivation), "derivation.show-all-paths", NULL);
  g_assert_true (path_expander (f, 63) == g_ptr_array_index (expanders, 63));
  g_assert_true (gtk_expander_get_expanded (first));

  /* Another weight: closed again, a few paths only. */
  select_param (f, "w2");
  g_clear_pointer (&expanders, g_ptr_array_unref);
  expanders = find_all (f, GTK_TYPE_EXPANDER);
  g_assert_cmpuint (expanders->len, ==, 4);
  g_assert_cmpuint (count_path_rows (f), ==, 0);
}

/* Hovering a factor lights its weight; a δ row its neuron. */
static void
test_hover (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  gboolean saw_weight = FALSE, saw_neuron = FALSE;

  select_param (f, "w3");
  rows = find_all (f, GTK_TYPE_LIST_BOX_ROW);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (row);
      int weight = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "bpl-weight")) - 1;
      int neuron = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "bpl-neuron")) - 1;
      BplHit emphasis;

      for (guint k = 0; k < g_list_model_get_n_items (controllers); k++)
        {
          g_autoptr(GObject) c = g_list_model_get_item (controllers, k);
          if (GTK_IS_EVENT_CONTROLLER_MOTION (c))
            g_signal_emit_by_name (c, "enter", 1.0, 1.0);
        }
      emphasis = bpl_session_get_emphasis (f->session);
      if (weight >= 0)
        {
          g_assert_cmpint (emphasis.kind, ==, BPL_HIT_WEIGHT);
          g_assert_cmpuint (emphasis.index, ==, (guint) weight);
          saw_weight |= weight == 5;  /* w6, on the path through o1 */
        }
      else
        {
          g_assert_cmpint (neuron, >=, 0);
          g_assert_cmpint (emphasis.kind, ==, BPL_HIT_NEURON);
          g_assert_cmpuint (emphasis.index, ==, (guint) neuron);
          saw_neuron = TRUE;
        }
      for (guint k = 0; k < g_list_model_get_n_items (controllers); k++)
        {
          g_autoptr(GObject) c = g_list_model_get_item (controllers, k);
          if (GTK_IS_EVENT_CONTROLLER_MOTION (c))
            g_signal_emit_by_name (c, "leave");
        }
      g_assert_cmpint (bpl_session_get_emphasis (f->session).kind, ==, BPL_HIT_NONE);
    }
  g_assert_true (saw_weight);
  g_assert_true (saw_neuron);
}

int
main (int   argc,
      char *argv[])
{
  if (!bpl_app_test_init (&argc, &argv))
    return 0;

  BPL_APP_TEST_ADD ("/derivation-panel/scroll/new-selection-at-top", test_scroll);
  BPL_APP_TEST_ADD ("/derivation-panel/paths/worked-example-open", test_worked_example_open);
  BPL_APP_TEST_ADD ("/derivation-panel/paths/many", test_many_paths);
  BPL_APP_TEST_ADD ("/derivation-panel/deltas/many", test_many_deltas);
  BPL_APP_TEST_ADD ("/derivation-panel/hover", test_hover);

  return g_test_run ();
}

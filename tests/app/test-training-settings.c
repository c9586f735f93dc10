/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-training-settings: what a course covers after the first lecture,
 * in the window (issue 11). The architecture editor sets the optimiser,
 * the penalty and the batch size, each one undo step, and refuses what
 * does not go together in words that say why; undo, redo, the timeline
 * and Reset bring the optimiser's state back with the weights; the
 * derivation panel shows the core's steps and their numbers; the window
 * says which samples the next step takes. */
#include "config.h"

#include "app-test-util.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bpl-architecture-window.h"
#include "bpl-loss-plot.h"
#include "bpl-status-line.h"
#include "bpl-window-private.h"

typedef BplAppFixture Fixture;

static void
open_example (Fixture    *f,
              const char *name)
{
  const char *root = g_getenv ("BPL_SOURCE_ROOT");
  g_autofree char *file_name = g_strconcat (name, ".json", NULL);
  g_autofree char *path = g_build_filename (root != NULL ? root : ".", "data", "networks", file_name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (bpl_window_open_file (f->window, file, &error));
  g_assert_no_error (error);
  bpl_app_test_iterate (10);
}

static gboolean
row_titled (GtkWidget     *widget,
            gconstpointer  data)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

/* The editor's row titled @title. */
static GtkWidget *
editor_row (GtkWidget  *editor,
            const char *title)
{
  GtkWidget *row = bpl_app_test_find (editor, row_titled, title);

  g_assert_nonnull (row);
  return row;
}

/* The editor follows the document in an idle. */
static gboolean
row_visible (GtkWidget  *editor,
             const char *title)
{
  gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  while (!gtk_widget_get_visible (editor_row (editor, title)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  bpl_app_test_iterate (5);
  return gtk_widget_get_visible (editor_row (editor, title));
}

static GtkSpinButton *
editor_spin (GtkWidget  *editor,
             const char *title)
{
  return GTK_SPIN_BUTTON (bpl_app_test_find_child (editor_row (editor, title), GTK_TYPE_SPIN_BUTTON));
}

static GtkWidget *
open_editor (Fixture *f)
{
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.architecture", NULL);
  bpl_app_test_iterate (10);
  g_assert_true (BPL_IS_ARCHITECTURE_WINDOW (f->window->architecture_window));
  return GTK_WIDGET (f->window->architecture_window);
}

static const char *
refusal_text (GtkWidget *editor)
{
  GtkRevealer *revealer = GTK_REVEALER (bpl_app_test_find_child (editor, GTK_TYPE_REVEALER));

  if (!gtk_revealer_get_reveal_child (revealer))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (gtk_revealer_get_child (revealer)));
}

/* The state the optimiser keeps, compared as bpl_network_equal does. */
static void
assert_same_network (const BplNetwork *a,
                     const BplNetwork *b)
{
  g_assert_cmpuint (bpl_network_get_optimizer_step (a), ==, bpl_network_get_optimizer_step (b));
  g_assert_true (bpl_network_equal (a, b));
}

/* XOR switched to Adam + L2 in the editor, then Step, Undo, Redo, the
 * timeline and Reset, each with the optimiser's state of its weights. */
static void
test_adam_l2_in_window (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *editor;
  g_autoptr(BplNetwork) before = NULL;
  g_autoptr(BplNetwork) one = NULL;
  g_autoptr(BplNetwork) two = NULL;
  g_autoptr(BplNetwork) expected = NULL;
  g_autoptr(BplTrainer) trainer = NULL;
  const BplNetwork *net;

  open_example (f, "xor");
  editor = open_editor (f);
  adw_combo_row_set_selected (ADW_COMBO_ROW (editor_row (editor, "Optimiser")), 2);  /* Adam */
  adw_combo_row_set_selected (ADW_COMBO_ROW (editor_row (editor, "Penalty")), 2);    /* L2 */
  g_assert_true (row_visible (editor, "Strength λ"));
  /* λ starts where a penalty shows, not at 0. */
  g_assert_cmpfloat (bpl_network_get_regularization_strength (bpl_document_get_network (f->document)), >, 0);
  g_assert_true (row_visible (editor, "β₁"));
  g_assert_false (gtk_widget_get_visible (editor_row (editor, "Momentum μ")));
  gtk_spin_button_set_value (editor_spin (editor, "Strength λ"), 0.001);
  net = bpl_document_get_network (f->document);
  g_assert_cmpint (bpl_network_get_optimizer (net), ==, BPL_OPTIMIZER_ADAM);
  g_assert_cmpint (bpl_network_get_regularization (net), ==, BPL_REGULARIZATION_L2);
  g_assert_cmpfloat (bpl_network_get_regularization_strength (net), ==, 0.001);
  g_assert_null (refusal_text (editor));

  /* Each edit one undo step: λ, then L2, then Adam. */
  bpl_document_undo (f->document);
  g_assert_cmpfloat (bpl_network_get_regularization_strength (bpl_document_get_network (f->document)), !=, 0.001);
  bpl_document_undo (f->document);
  g_assert_cmpint (bpl_network_get_regularization (bpl_document_get_network (f->document)), ==, BPL_REGULARIZATION_NONE);
  bpl_document_undo (f->document);
  g_assert_cmpint (bpl_network_get_optimizer (bpl_document_get_network (f->document)), ==, BPL_OPTIMIZER_SGD);
  for (int i = 0; i < 3; i++)
    bpl_document_redo (f->document);
  g_assert_cmpfloat (bpl_network_get_regularization_strength (bpl_document_get_network (f->document)), ==, 0.001);
  before = bpl_document_dup_network (f->document);

  bpl_app_test_activate (GTK_WIDGET (f->window), "win.step", NULL);
  one = bpl_document_dup_network (f->document);
  g_assert_cmpuint (bpl_network_get_optimizer_step (one), ==, 1);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.step", NULL);
  two = bpl_document_dup_network (f->document);
  g_assert_cmpuint (bpl_network_get_optimizer_step (two), ==, 2);

  /* Save keeps the moments and t. */
  {
    g_autofree char *dir = g_dir_make_tmp ("bpl-settings-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "adam.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(BplNetwork) saved = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (bpl_document_save_file (f->document, file, &error));
    g_assert_no_error (error);
    saved = bpl_network_load_from_file (path, &error);
    g_assert_no_error (error);
    assert_same_network (saved, two);
    g_remove (path);
    g_rmdir (dir);
  }

  /* Undo and redo: the moments and t come back with the weights. */
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.undo", NULL);
  assert_same_network (bpl_document_get_network (f->document), one);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.redo", NULL);
  assert_same_network (bpl_document_get_network (f->document), two);

  /* The timeline: step 1 shown has step 1's moments, and a Step from
   * there is the step the core takes from step 1. */
  bpl_document_set_history_index (f->document, 1);
  g_assert_true (bpl_document_get_viewing_past (f->document));
  assert_same_network (bpl_document_get_network (f->document), one);
  bpl_document_set_history_index (f->document, 0);
  assert_same_network (bpl_document_get_network (f->document), before);
  bpl_document_set_history_index (f->document, 1);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.step", NULL);
  expected = bpl_network_copy (one);
  trainer = bpl_trainer_new (expected);
  g_assert_true (bpl_trainer_step (trainer, expected, NULL));
  assert_same_network (bpl_document_get_network (f->document), expected);

  /* Reset: the network before the first step, its optimiser fresh. */
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.reset", NULL);
  assert_same_network (bpl_document_get_network (f->document), before);
  g_assert_false (bpl_network_has_optimizer_state (bpl_document_get_network (f->document)));
}

/* What does not go together is refused, says why, and changes nothing. */
static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *editor;
  g_autoptr(BplNetwork) original = NULL;
  g_autoptr(GPtrArray) drops = NULL;
  g_autoptr(GError) error = NULL;
  BplOptimizerSettings adam = { BPL_OPTIMIZER_ADAM, BPL_DEFAULT_MOMENTUM, BPL_DEFAULT_BETA1,
                                BPL_DEFAULT_BETA2, BPL_DEFAULT_EPSILON };
  const char *text;

  open_example (f, "xor");
  editor = open_editor (f);
  original = bpl_document_dup_network (f->document);

  /* Softmax on the hidden layer (drop-down 0), then on XOR's one output:
   * its targets (0 for sample 1) do not sum to 1. */
  drops = bpl_app_test_find_all (editor, GTK_TYPE_DROP_DOWN);
  g_assert_cmpuint (drops->len, ==, 2);
  gtk_drop_down_set_selected (g_ptr_array_index (drops, 0), 4);
  text = refusal_text (editor);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "output layer only"));
  g_assert_nonnull (strstr (text, "hidden layer 1"));
  gtk_drop_down_set_selected (g_ptr_array_index (drops, 1), 4);
  text = refusal_text (editor);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "sample 1’s sum to 0"));
  /* The drop-down goes back to what the network has (in an idle). */
  {
    gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

    while (gtk_drop_down_get_selected (g_ptr_array_index (drops, 1)) != 0 && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
    g_assert_cmpuint (gtk_drop_down_get_selected (g_ptr_array_index (drops, 1)), ==, 0);
    g_assert_cmpuint (gtk_drop_down_get_selected (g_ptr_array_index (drops, 0)), ==, 0);
  }
  g_assert_true (bpl_network_equal (bpl_document_get_network (f->document), original));
  g_assert_false (bpl_document_get_can_undo (f->document));

  /* Output First, then Adam: refused, naming Simultaneous. */
  g_assert_true (bpl_document_set_update_order (f->document, BPL_UPDATE_OUTPUT_FIRST, NULL));
  g_assert_false (bpl_document_set_optimizer (f->document, &adam, &error));
  g_assert_nonnull (strstr (error->message, "Simultaneous"));
  g_assert_cmpint (bpl_network_get_optimizer (bpl_document_get_network (f->document)), ==, BPL_OPTIMIZER_SGD);
  adw_combo_row_set_selected (ADW_COMBO_ROW (editor_row (editor, "Optimiser")), 1);  /* Momentum */
  text = refusal_text (editor);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "Simultaneous with Momentum"));
  g_assert_cmpint (bpl_network_get_optimizer (bpl_document_get_network (f->document)), ==, BPL_OPTIMIZER_SGD);
  g_clear_error (&error);
  g_assert_false (bpl_document_set_regularization (f->document, BPL_REGULARIZATION_L1, -1, &error));
}

/* The panel shows each of the core's steps with its value, the
 * optimiser's update last, as `explain` does. */
static void
test_panel_steps (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(BplDerivation) d = NULL;
  g_autofree char *text = NULL;
  g_autofree char *new_value = NULL;
  int digits = bpl_derivation_panel_get_digits (f->derivation);
  BplParam w1 = { BPL_PARAM_WEIGHT, 0 };

  open_example (f, "xor-adam-l2");
  bpl_app_test_select (f, "w1");
  text = bpl_derivation_panel_dup_text (f->derivation);
  d = bpl_derivation_new (bpl_document_get_network (f->document), w1, bpl_session_get_sample (f->session), NULL);
  g_assert_cmpuint (d->n_steps, ==, 6);  /* penalty, batch, m, v, m̂, v̂ */
  for (guint i = 0; i < d->n_steps; i++)
    {
      g_autofree char *value = bpl_format_number_display (d->steps[i].value, digits);

      g_assert_nonnull (strstr (text, value));
    }
  g_assert_nonnull (strstr (text, "Adam: the first moment of w1"));
  g_assert_nonnull (strstr (text, "penalty"));
  /* The last line is the optimiser's update and its number. */
  new_value = bpl_format_number_display (d->new_value, digits);
  g_assert_nonnull (strstr (text, "m̂"));
  g_assert_nonnull (strstr (text, new_value));
  g_assert_true (g_strrstr (text, new_value) > strstr (text, "Adam: the second moment of w1 with its bias corrected"));
}

/* A mini-batch: the window and the panel say which samples the next step
 * takes, and the panel never calls it online. */
static void
test_mini_batch_note (Fixture       *f,
                      gconstpointer  data)
{
  BplStatusLine *status = BPL_STATUS_LINE (bpl_app_test_find_child (GTK_WIDGET (f->window), BPL_TYPE_STATUS_LINE));
  g_autofree char *text = NULL;

  open_example (f, "xor");
  g_assert_cmpstr (bpl_status_line_get_next_text (status), ==, "Next step: sample 1");
  g_assert_true (bpl_document_set_batch_size (f->document, 2, NULL));
  g_assert_cmpint (bpl_network_get_training (bpl_document_get_network (f->document)), ==, BPL_TRAINING_MINI_BATCH);
  g_assert_cmpstr (bpl_status_line_get_next_text (status), ==, "Next step: samples 1, 2");
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.step", NULL);
  g_assert_cmpstr (bpl_status_line_get_next_text (status), ==, "Next step: samples 3, 4");
  bpl_app_test_select (f, "w1");
  text = bpl_derivation_panel_dup_text (f->derivation);
  g_assert_nonnull (strstr (text, "Next step: samples 3, 4"));
  g_assert_nonnull (strstr (text, "mini-batch of 2"));
  g_assert_null (strstr (text, "online"));
  g_assert_true (bpl_document_set_batch_size (f->document, 0, NULL));
  g_assert_cmpstr (bpl_status_line_get_next_text (status), ==, "Next step: all 4 samples");

  /* Iris's mini-batches of 10: the core writes the mean short, and the
   * panel does not shorten it again (one "…" in the numbers, not two). */
  open_example (f, "iris");
  g_assert_cmpstr (bpl_status_line_get_next_text (status), ==, "Next step: samples 1–10");
  bpl_app_test_select (f, "w1");
  g_clear_pointer (&text, g_free);
  text = bpl_derivation_panel_dup_text (f->derivation);
  {
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
    gboolean found = FALSE;

    for (guint i = 0; lines[i] != NULL; i++)
      if (strstr (lines[i], "(1/10)") != NULL)
        {
          const char *numbers = strstr (lines[i], ") = (1/10)");
          guint n = 0;

          g_assert_nonnull (numbers);
          for (const char *p = strstr (numbers, "…"); p != NULL; p = strstr (p + 1, "…"))
            n++;
          g_assert_cmpuint (n, ==, 1);
          found = TRUE;
        }
    g_assert_true (found);
  }
}

/* Softmax: a hidden weight's panel says why δ collapses, and the diagram
 * lights every output its chains reach. */
static void
test_softmax_panel (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *text = NULL;

  const BplNetwork *net;
  guint n_params;

  open_example (f, "softmax");
  bpl_app_test_select (f, "w1");
  text = bpl_derivation_panel_dup_text (f->derivation);
  g_assert_nonnull (strstr (text, "Softmax with cross-entropy"));
  g_assert_nonnull (strstr (text, "collapses to out"));

  /* What the diagram lights (the network's path set) is exactly what the
   * chain rule's paths go through: every neuron of every route (o1 → o2
   * included) and every weight a factor comes from, and nothing else. */
  net = bpl_document_get_network (f->document);
  n_params = bpl_network_get_n_weights (net) + bpl_network_get_n_biases (net);
  for (guint i = 0; i < n_params; i++)
    {
      BplParam param = i < bpl_network_get_n_weights (net)
                         ? (BplParam) { BPL_PARAM_WEIGHT, i }
                         : (BplParam) { BPL_PARAM_BIAS, i - bpl_network_get_n_weights (net) };
      g_autoptr(BplDerivation) d = bpl_derivation_new (net, param, 0, NULL);
      g_autofree gboolean *neurons = g_new0 (gboolean, bpl_network_get_n_neurons (net));
      g_autofree gboolean *weights = g_new0 (gboolean, bpl_network_get_n_weights (net));
      g_autofree gboolean *biases = g_new0 (gboolean, MAX (bpl_network_get_n_biases (net), 1));
      g_autofree gboolean *used_neurons = g_new0 (gboolean, bpl_network_get_n_neurons (net));
      g_autofree gboolean *used_weights = g_new0 (gboolean, bpl_network_get_n_weights (net));

      bpl_network_get_path_set (net, param, neurons, weights, biases);
      if (param.kind == BPL_PARAM_WEIGHT)
        {
          used_weights[param.index] = TRUE;
          used_neurons[bpl_network_get_weight_source (net, param.index)] = TRUE;
        }
      for (guint p = 0; p < d->n_paths; p++)
        {
          for (guint k = 0; k < d->paths[p].n_neurons; k++)
            used_neurons[d->paths[p].neurons[k]] = TRUE;
          for (guint k = 0; k < d->paths[p].n_factors; k++)
            if (d->paths[p].factors[k].weight >= 0)
              used_weights[d->paths[p].factors[k].weight] = TRUE;
        }
      g_assert_false (d->paths_truncated);
      for (guint n = 0; n < bpl_network_get_n_neurons (net); n++)
        g_assert_cmpint (neurons[n], ==, used_neurons[n]);
      for (guint w = 0; w < bpl_network_get_n_weights (net); w++)
        g_assert_cmpint (weights[w], ==, used_weights[w]);
    }
}

/* The Parameters panel edits λ and Adam's numbers beside η, only those
 * that apply, each through the document. */
static void
test_parameters_panel (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *panel = GTK_WIDGET (f->parameters);
  GtkWidget *lambda, *beta2, *momentum;
  BplOptimizerSettings o;

  open_example (f, "xor-adam-l2");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-panel", "s", "parameters"));
  bpl_app_test_wait_until_mapped (panel);
  lambda = bpl_app_test_find (panel, row_titled, "λ");
  beta2 = bpl_app_test_find (panel, row_titled, "β<sub>2</sub>");
  momentum = bpl_app_test_find (panel, row_titled, "μ");
  g_assert_nonnull (lambda);
  g_assert_nonnull (beta2);
  g_assert_nonnull (momentum);
  g_assert_true (gtk_widget_get_visible (lambda));
  g_assert_true (gtk_widget_get_visible (beta2));
  g_assert_false (gtk_widget_get_visible (momentum));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (bpl_app_test_find_child (lambda, GTK_TYPE_SPIN_BUTTON)), 0.01);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (bpl_app_test_find_child (beta2, GTK_TYPE_SPIN_BUTTON)), 0.99);
  g_assert_cmpfloat (bpl_network_get_regularization_strength (bpl_document_get_network (f->document)), ==, 0.01);
  bpl_network_get_optimizer_settings (bpl_document_get_network (f->document), &o);
  g_assert_cmpfloat (o.beta2, ==, 0.99);
  /* β₂ = 1 would stop the mean moving: refused beside the field. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (bpl_app_test_find_child (beta2, GTK_TYPE_SPIN_BUTTON)), 1);
  g_assert_nonnull (bpl_parameters_panel_get_refusal (f->parameters));
  bpl_network_get_optimizer_settings (bpl_document_get_network (f->document), &o);
  g_assert_cmpfloat (o.beta2, ==, 0.99);

  /* Plain SGD without a penalty: neither row. */
  o.kind = BPL_OPTIMIZER_SGD;
  g_assert_true (bpl_document_set_optimizer (f->document, &o, NULL));
  g_assert_true (bpl_document_set_regularization (f->document, BPL_REGULARIZATION_NONE, 0, NULL));
  g_assert_false (gtk_widget_get_visible (lambda));
  g_assert_false (gtk_widget_get_visible (beta2));
}

/* With a penalty the loss plot draws the objective E + λR beside E, from
 * the penalty of each point's weights; without, E alone. */
static void
test_loss_plot_objective (Fixture       *f,
                          gconstpointer  data)
{
  BplLossPlot *plot = BPL_LOSS_PLOT (bpl_app_test_find_child (GTK_WIDGET (f->window), BPL_TYPE_LOSS_PLOT));
  guint n;

  open_example (f, "xor");
  g_assert_false (bpl_loss_plot_shows_objective (plot));
  open_example (f, "xor-adam-l2");
  g_assert_true (bpl_loss_plot_shows_objective (plot));
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.train", g_variant_new_uint64 (100));
  n = bpl_document_get_n_loss_points (f->document);
  g_assert_cmpuint (n, >, 1);
  g_assert_cmpfloat (bpl_document_get_loss_penalties (f->document)[n - 1], ==,
                     bpl_network_get_penalty (bpl_document_get_network (f->document)));
  g_assert_cmpfloat (bpl_document_get_loss_penalties (f->document)[0], >, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (plot));
}

/* The next step's samples never widen the window beyond a projector's
 * 800 px, in either mode: the note gives way. */
static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static void
test_narrow_window (Fixture       *f,
                    gconstpointer  data)
{
  open_example (f, "xor-adam-l2");
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.train", g_variant_new_uint64 (1000));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 600);
  for (guint presentation = 0; presentation < 2; presentation++)
    {
      int min;

      if (presentation)
        bpl_app_test_activate (GTK_WIDGET (f->window), "win.presentation", NULL);
      wait_ms (300);
      gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      g_test_message ("%s: minimum width %d", presentation ? "presentation" : "normal", min);
      g_assert_cmpint (min, <=, 800);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 800);
    }
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.presentation", NULL);
}

/* Softmax targets are edited one at a time: the panel says while their
 * sum is off, and refuses one outside [0, 1]. */
static void
test_softmax_targets (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *panel = GTK_WIDGET (f->parameters);
  g_autoptr(GPtrArray) groups = NULL;
  AdwPreferencesGroup *targets = NULL;

  open_example (f, "softmax");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-panel", "s", "parameters"));
  bpl_app_test_wait_until_mapped (panel);
  groups = bpl_app_test_find_all (panel, ADW_TYPE_PREFERENCES_GROUP);
  for (guint i = 0; i < groups->len; i++)
    if (g_strcmp0 (adw_preferences_group_get_title (g_ptr_array_index (groups, i)), "Inputs and Targets") == 0)
      targets = g_ptr_array_index (groups, i);
  g_assert_nonnull (targets);
  g_assert_null (strstr (adw_preferences_group_get_description (targets), "Softmax"));

  bpl_document_set_target (f->document, 0, 0, 1);  /* [1, 1, 0] */
  g_assert_nonnull (strstr (adw_preferences_group_get_description (targets), "sum to 2"));
  bpl_document_set_target (f->document, 0, 1, 0);  /* [1, 0, 0] */
  g_assert_null (strstr (adw_preferences_group_get_description (targets), "Softmax"));

  {
    GtkWidget *row = bpl_app_test_find (panel, row_titled, "target<sub>o1</sub>");
    GtkSpinButton *spin;

    g_assert_nonnull (row);
    spin = GTK_SPIN_BUTTON (bpl_app_test_find_child (row, GTK_TYPE_SPIN_BUTTON));
    gtk_spin_button_set_value (spin, 1.5);
    g_assert_nonnull (bpl_parameters_panel_get_refusal (f->parameters));
    g_assert_nonnull (strstr (bpl_parameters_panel_get_refusal (f->parameters), "softmax"));
    g_assert_cmpfloat (bpl_network_get_target (bpl_document_get_network (f->document), 0)[0], ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  if (!bpl_app_test_init (&argc, &argv))
    return 0;

  BPL_APP_TEST_ADD ("/training-settings/adam-l2-in-window", test_adam_l2_in_window);
  BPL_APP_TEST_ADD ("/training-settings/refusals", test_refusals);
  BPL_APP_TEST_ADD ("/training-settings/panel-steps", test_panel_steps);
  BPL_APP_TEST_ADD ("/training-settings/mini-batch-note", test_mini_batch_note);
  BPL_APP_TEST_ADD ("/training-settings/softmax-panel", test_softmax_panel);
  BPL_APP_TEST_ADD ("/training-settings/parameters-panel", test_parameters_panel);
  BPL_APP_TEST_ADD ("/training-settings/loss-plot-objective", test_loss_plot_objective);
  BPL_APP_TEST_ADD ("/training-settings/narrow-window", test_narrow_window);
  BPL_APP_TEST_ADD ("/training-settings/softmax-targets", test_softmax_targets);

  return g_test_run ();
}

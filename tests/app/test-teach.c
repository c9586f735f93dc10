/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-teach: the window's teaching tools through their actions: samples,
 * the architecture editor, update order, the gradient check, history,
 * presentation mode and worksheets. */
#include "config.h"

#include "app-test-util.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bpl-architecture-window.h"
#include "bpl-derivation-panel.h"
#include "bpl-diagram-widget.h"
#include "bpl-parameters-panel.h"
#include "bpl-window-private.h"
#include "bpl-worksheet-dialog.h"

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
}

/* Samples: pick, add, remove; each undoable. */
static void
test_samples (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *panel = bpl_app_test_find_child (GTK_WIDGET (f->window), BPL_TYPE_PARAMETERS_PANEL);
  g_autoptr(BplNetwork) original = NULL;
  const BplNetwork *net;
  guint out;
  double out0, out3;

  open_example (f, "xor");
  original = bpl_document_dup_network (f->document);
  net = bpl_document_get_network (f->document);
  g_assert_cmpuint (bpl_network_get_n_samples (net), ==, 4);
  out = bpl_network_get_n_neurons (net) - 1;

  g_assert_true (gtk_widget_activate_action (panel, "samples.select", "u", 0));
  out0 = bpl_session_get_forward (f->session)->out[out];
  g_assert_true (gtk_widget_activate_action (panel, "samples.select", "u", 3));
  g_assert_cmpuint (bpl_session_get_sample (f->session), ==, 3);
  out3 = bpl_session_get_forward (f->session)->out[out];
  g_assert_cmpfloat (out0, !=, out3);

  /* Add: a copy of the sample shown, which becomes the one shown. */
  g_assert_true (gtk_widget_activate_action (panel, "samples.add", NULL));
  net = bpl_document_get_network (f->document);
  g_assert_cmpuint (bpl_network_get_n_samples (net), ==, 5);
  g_assert_cmpuint (bpl_session_get_sample (f->session), ==, 4);
  g_assert_cmpfloat (bpl_session_get_forward (f->session)->out[out], ==, out3);
  bpl_document_set_input (f->document, bpl_session_get_sample (f->session), 0, 0.5);
  g_assert_cmpfloat (bpl_session_get_forward (f->session)->out[out], !=, out3);

  /* Remove the first; undo everything back to the file's samples. */
  g_assert_true (gtk_widget_activate_action (panel, "samples.remove", "u", 0));
  net = bpl_document_get_network (f->document);
  g_assert_cmpuint (bpl_network_get_n_samples (net), ==, 4);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.undo", NULL);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.undo", NULL);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.undo", NULL);
  g_assert_true (bpl_network_equal (bpl_document_get_network (f->document), original));

  /* The last sample cannot be removed. */
  for (int i = 0; i < 4; i++)
    bpl_document_remove_sample (f->document, 0);
  g_assert_cmpuint (bpl_network_get_n_samples (bpl_document_get_network (f->document)), ==, 1);
}

/* The editor changes the shape through its own widgets: each change one
 * undo step of the document, Play paused, a refusal said in the editor,
 * and the editor follows undo back to the worked example. */
static void
test_architecture (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(BplNetwork) worked = bpl_network_new_worked_example ();
  g_autoptr(GPtrArray) spins = NULL;
  g_autoptr(GPtrArray) combos = NULL;
  g_autoptr(GPtrArray) drops = NULL;
  GtkWidget *editor;
  GtkRevealer *refusal;
  gboolean playing;
  gint64 end;

  bpl_app_test_activate (GTK_WIDGET (f->window), "win.architecture", NULL);
  editor = GTK_WIDGET (f->window->architecture_window);
  g_assert_true (BPL_IS_ARCHITECTURE_WINDOW (editor));
  bpl_app_test_iterate (10);
  refusal = GTK_REVEALER (bpl_app_test_find_child (editor, GTK_TYPE_REVEALER));
  combos = bpl_app_test_find_all (editor, ADW_TYPE_COMBO_ROW);
  g_assert_cmpuint (combos->len, ==, 6);  /* loss, biases, training, update order, penalty, optimiser */

  /* The hidden layer's spin button, while Play runs: reshaped, paused. */
  g_object_set (f->window, "playing", TRUE, NULL);
  spins = bpl_app_test_find_all (editor, GTK_TYPE_SPIN_BUTTON);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 1), 3);
  g_object_get (f->window, "playing", &playing, NULL);
  g_assert_false (playing);
  g_assert_cmpuint (bpl_network_get_layer_size (bpl_document_get_network (f->document), 1), ==, 3);

  bpl_app_test_activate (editor, "arch.add-hidden-layer", NULL);
  bpl_app_test_iterate (10);
  g_assert_cmpuint (bpl_network_get_n_layers (bpl_document_get_network (f->document)), ==, 4);

  /* Refused: cross-entropy under a linear output layer, said in the editor.
   * The editor rebuilds its layer rows in an idle: wait for it, however
   * busy the machine. */
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  drops = bpl_app_test_find_all (editor, GTK_TYPE_DROP_DOWN);
  while (drops->len != 3 && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, TRUE);
      g_ptr_array_unref (drops);
      drops = bpl_app_test_find_all (editor, GTK_TYPE_DROP_DOWN);
    }
  g_assert_cmpuint (drops->len, ==, 3);
  gtk_drop_down_set_selected (g_ptr_array_index (drops, 2), 3);  /* Linear */
  g_assert_cmpint (bpl_network_get_activation (bpl_document_get_network (f->document), 3), ==,
                   BPL_ACTIVATION_LINEAR);
  g_assert_false (gtk_revealer_get_reveal_child (refusal));
  adw_combo_row_set_selected (g_ptr_array_index (combos, 0), 1);  /* Cross-Entropy */
  g_assert_true (gtk_revealer_get_reveal_child (refusal));
  g_assert_cmpint (bpl_network_get_loss (bpl_document_get_network (f->document)), ==, BPL_LOSS_SQUARED_ERROR);
  /* The row goes back to what the network has (in an idle). */
  end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (adw_combo_row_get_selected (g_ptr_array_index (combos, 0)) != 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (adw_combo_row_get_selected (g_ptr_array_index (combos, 0)), ==, 0);
  /* Sigmoid outputs take it, and the message goes. */
  gtk_drop_down_set_selected (g_ptr_array_index (drops, 2), 0);
  adw_combo_row_set_selected (g_ptr_array_index (combos, 0), 1);
  g_assert_false (gtk_revealer_get_reveal_child (refusal));
  g_assert_cmpint (bpl_network_get_loss (bpl_document_get_network (f->document)), ==, BPL_LOSS_CROSS_ENTROPY);

  /* Ctrl+Z in the editor is the document's undo, to the beginning. */
  while (bpl_document_get_can_undo (f->document))
    bpl_app_test_activate (editor, "arch.undo", NULL);
  g_assert_true (bpl_network_equal (bpl_document_get_network (f->document), worked));
  /* The editor followed the document back (in an idle): three layers,
   * three spin buttons for them again (and the batch size's, λ's, μ's,
   * β₁'s, β₂'s, ε's, the seed's and the weights'). */
  end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  do
    {
      g_main_context_iteration (NULL, FALSE);
      g_clear_pointer (&spins, g_ptr_array_unref);
      spins = bpl_app_test_find_all (editor, GTK_TYPE_SPIN_BUTTON);
    }
  while (spins->len != 11 && g_get_monotonic_time () < end);
  g_assert_cmpuint (spins->len, ==, 11);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (g_ptr_array_index (spins, 1)), ==, 2);
}

/* Output-first through the action trains like the core. */
static void
test_update_order (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(BplNetwork) expected = bpl_network_new_worked_example ();
  g_autoptr(BplTrainer) trainer = NULL;
  const BplNetwork *net;

  g_assert_true (bpl_document_set_update_order (f->document, BPL_UPDATE_OUTPUT_FIRST, NULL));
  net = bpl_document_get_network (f->document);
  g_assert_cmpint (bpl_network_get_update_order (net), ==, BPL_UPDATE_OUTPUT_FIRST);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.train", g_variant_new_uint64 (1000));

  bpl_network_set_update_order (expected, BPL_UPDATE_OUTPUT_FIRST);
  trainer = bpl_trainer_new (expected);
  g_assert_true (bpl_trainer_train (trainer, expected, 1000, NULL, NULL));
  net = bpl_document_get_network (f->document);
  for (guint w = 0; w < bpl_network_get_n_weights (net); w++)
    g_assert_cmpfloat (bpl_network_get_weight (net, w), ==, bpl_network_get_weight (expected, w));
  g_assert_true (bpl_network_equal (net, expected));
}

static double
number_after (const char *text,
              const char *prefix)
{
  const char *p = strstr (text, prefix);

  g_assert_nonnull (p);
  return g_ascii_strtod (p + strlen (prefix), NULL);
}

/* The gradient check sits beside the analytic gradient and agrees with it. */
static void
test_gradient_check (Fixture       *f,
                     gconstpointer  data)
{
  BplDerivationPanel *panel = BPL_DERIVATION_PANEL (bpl_app_test_find_child (GTK_WIDGET (f->window), BPL_TYPE_DERIVATION_PANEL));
  g_autofree char *text = NULL;
  double analytic, numerical;

  bpl_session_set_selection (f->session, (BplHit) { BPL_HIT_WEIGHT, 2 });
  text = bpl_derivation_panel_dup_text (panel);
  analytic = number_after (text, "Backpropagation: ");
  numerical = number_after (text, "Finite difference: ");
  g_assert_cmpfloat_with_epsilon (analytic, 0.00049771273526, 1e-13);
  g_assert_cmpfloat (fabs (analytic - numerical) / fabs (analytic), <, 1e-8);
  g_assert_nonnull (strstr (text, "Relative difference: "));

  /* A factor that is one value is not written twice… */
  g_assert_null (strstr (text, "= 0.05 = 0.05"));
  /* … each path's product shows the values multiplied, and δ is there. */
  g_assert_nonnull (strstr (text, "∂Eo1/∂w3 = 0.05 · 0.24061341725 · 0.45 · 0.18681560181 · 0.74136506955 = "));
  g_assert_nonnull (strstr (text, "· (−0.21707153468) = "));
  g_assert_nonnull (strstr (text, "0.00074980377444 − 0.00025209103918 = 0.00049771273526"));
  g_assert_nonnull (strstr (text, "δh2"));
}

/* Issue 17: the panel showed "b1⁺ = … = 0.3406371953" though a step leaves
 * b1 at 0.35 (update_biases is off). It says so, and what b1⁺ would be. */
static void
test_fixed_bias_panel (Fixture       *f,
                       gconstpointer  data)
{
  BplDerivationPanel *panel = BPL_DERIVATION_PANEL (bpl_app_test_find_child (GTK_WIDGET (f->window), BPL_TYPE_DERIVATION_PANEL));
  g_autofree char *text = NULL;

  bpl_session_set_selection (f->session, (BplHit) { BPL_HIT_BIAS, 0 });
  text = bpl_derivation_panel_dup_text (panel);
  g_assert_nonnull (strstr (text, "b1 stays 0.35 (biases are not updated)"));
  g_assert_null (strstr (text, "b1⁺ = b1 − η·∂Etotal/∂b1\n"));
  g_assert_nonnull (strstr (text, "Biases are not updated in this network (update_biases is off), so a "
                                  "training step leaves b1 at 0.35; if they were, b1⁺ would be:\n"
                                  "b1⁺ = b1 − η·∂Etotal/∂b1 = 0.35 − 0.5·0.018725609395 = 0.3406371953"));
  /* And it is true. */
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.step", NULL);
  g_assert_cmpfloat (bpl_network_get_bias (bpl_document_get_network (f->document), 0), ==, 0.35);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.undo", NULL);

  /* Trained biases: the update is promised, and made. */
  g_assert_true (bpl_document_set_update_biases (f->document, TRUE, NULL));
  bpl_session_set_selection (f->session, (BplHit) { BPL_HIT_BIAS, 0 });
  g_clear_pointer (&text, g_free);
  text = bpl_derivation_panel_dup_text (panel);
  g_assert_null (strstr (text, "stays"));
  g_assert_null (strstr (text, "Biases are not updated"));
  g_assert_nonnull (strstr (text, "b1⁺ = b1 − η·∂Etotal/∂b1 = 0.3406371953"));
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.step", NULL);
  g_assert_cmpfloat_with_epsilon (bpl_network_get_bias (bpl_document_get_network (f->document), 0),
                                  0.3406371953, 1e-10);
}

/* Issue 17: w5 has one path, and its gradient read "= 0.082167040564 =
 * 0.082167040564". */
static void
test_single_path_panel (Fixture       *f,
                        gconstpointer  data)
{
  BplDerivationPanel *panel = BPL_DERIVATION_PANEL (bpl_app_test_find_child (GTK_WIDGET (f->window), BPL_TYPE_DERIVATION_PANEL));
  g_autofree char *text = NULL;

  bpl_session_set_selection (f->session, (BplHit) { BPL_HIT_WEIGHT, 4 });
  text = bpl_derivation_panel_dup_text (panel);
  g_assert_null (strstr (text, "0.082167040564 = 0.082167040564"));
  g_assert_nonnull (strstr (text, "∂Etotal/∂w5 = 0.082167040564\n"));
}

/* History: scrub back to step 0, see the initial weights everywhere; a
 * step from there continues from there, and undo goes back. */
static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(BplNetwork) worked = bpl_network_new_worked_example ();
  g_autoptr(BplNetwork) after = NULL;
  BplParametersPanel *params = BPL_PARAMETERS_PANEL (bpl_app_test_find_child (GTK_WIDGET (f->window), BPL_TYPE_PARAMETERS_PANEL));
  BplDerivationPanel *deriv = BPL_DERIVATION_PANEL (bpl_app_test_find_child (GTK_WIDGET (f->window), BPL_TYPE_DERIVATION_PANEL));
  g_autofree char *text = NULL;

  for (int i = 0; i < 5; i++)
    bpl_app_test_activate (GTK_WIDGET (f->window), "win.step", NULL);
  g_assert_cmpuint (bpl_document_get_n_history (f->document), ==, 6);
  after = bpl_document_dup_network (f->document);

  bpl_session_set_selection (f->session, (BplHit) { BPL_HIT_WEIGHT, 2 });
  gtk_adjustment_set_value (bpl_timeline_get_adjustment (f->window->timeline), 0);
  g_assert_true (bpl_document_get_viewing_past (f->document));
  g_assert_cmpuint (bpl_network_get_steps (bpl_document_get_network (f->document)), ==, 0);
  for (guint w = 0; w < 8; w++)
    g_assert_cmpfloat (bpl_network_get_weight (bpl_document_get_network (f->document), w), ==,
                       bpl_network_get_weight (worked, w));
  g_assert_cmpfloat (gtk_spin_button_get_value (bpl_parameters_panel_get_spin (params, "w1")), ==, 0.15);
  text = bpl_derivation_panel_dup_text (deriv);
  g_assert_nonnull (strstr (text, "0.24975114363"));
  /* Scrubbing is a view, not an edit: nothing to undo was added. */

  bpl_app_test_activate (GTK_WIDGET (f->window), "win.history-latest", NULL);
  g_assert_false (bpl_document_get_viewing_past (f->document));
  g_assert_true (bpl_network_equal (bpl_document_get_network (f->document), after));

  /* Step from step 0: continues from there. */
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.history-view", g_variant_new_uint32 (0));
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.step", NULL);
  g_assert_false (bpl_document_get_viewing_past (f->document));
  g_assert_cmpuint (bpl_network_get_steps (bpl_document_get_network (f->document)), ==, 1);
  g_assert_cmpfloat_with_epsilon (bpl_network_get_weight (bpl_document_get_network (f->document), 2),
                                  0.24975114363, 1e-11);
  g_assert_cmpuint (bpl_document_get_n_history (f->document), ==, 2);
  /* One undo takes back the step and the continuing: back to step 5. */
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.undo", NULL);
  g_assert_true (bpl_network_equal (bpl_document_get_network (f->document), after));
}

/* The same through the widgets a student uses, with the parameters shown. */
static void
test_history_scrub_widgets (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(BplNetwork) worked = bpl_network_new_worked_example ();

  bpl_app_test_activate (GTK_WIDGET (f->window), "win.show-panel", g_variant_new_string ("parameters"));
  bpl_session_set_selection (f->session, (BplHit) { BPL_HIT_WEIGHT, 2 });
  for (int i = 0; i < 6; i++)
    {
      bpl_app_test_activate (GTK_WIDGET (f->window), "win.step", NULL);
      bpl_app_test_iterate (5);
    }
  gtk_adjustment_set_value (bpl_timeline_get_adjustment (f->window->timeline), 0);
  bpl_app_test_iterate (50);
  g_assert_true (bpl_document_get_viewing_past (f->document));
  for (guint w = 0; w < 8; w++)
    g_assert_cmpfloat (bpl_network_get_weight (bpl_document_get_network (f->document), w), ==,
                       bpl_network_get_weight (worked, w));
  g_assert_cmpuint (bpl_document_get_n_history (f->document), ==, 7);
}

/* Long runs keep bounded memory: recent steps in full, older ones thinned. */
static void
test_history_bounded (Fixture       *f,
                      gconstpointer  data)
{
  guint n;
  guint64 prev = 0;

  bpl_app_test_activate (GTK_WIDGET (f->window), "win.train", g_variant_new_uint64 (100000));
  n = bpl_document_get_n_history (f->document);
  g_assert_cmpuint (n, <=, 2100);
  g_assert_cmpuint (n, >=, 1000);
  g_assert_cmpuint (bpl_document_get_history_step (f->document, 0), ==, 0);
  g_assert_cmpuint (bpl_document_get_history_step (f->document, n - 1), ==, 100000);
  g_assert_cmpuint (bpl_document_get_history_step (f->document, n - 1000), ==, 100000 - 999);
  for (guint i = 1; i < n; i++)
    {
      guint64 s = bpl_document_get_history_step (f->document, i);
      g_assert_cmpuint (s, >, prev);
      prev = s;
    }
}

static void
test_presentation (Fixture       *f,
                   gconstpointer  data)
{
  BplDiagramWidget *diagram = BPL_DIAGRAM_WIDGET (bpl_app_test_find_child (GTK_WIDGET (f->window), BPL_TYPE_DIAGRAM_WIDGET));
  gboolean presentation;
  gboolean has_wm;
  gint64 end;

  bpl_app_test_activate (GTK_WIDGET (f->window), "win.presentation", NULL);
  g_object_get (f->window, "presentation", &presentation, NULL);
  g_assert_true (presentation);
  g_assert_cmpfloat_with_epsilon (bpl_diagram_widget_get_layout_options (diagram)->font_scale, 1.6, 1e-9);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f->window), "presentation"));
  g_assert_true (f->window->presentation);
  /* Full screen is the window manager's to grant: a bare Xvfb has none. */
  end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (!gtk_window_is_fullscreen (GTK_WINDOW (f->window)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  has_wm = gtk_window_is_fullscreen (GTK_WINDOW (f->window));
  if (!has_wm)
    g_test_message ("full screen asked for, but no window manager granted it");

  bpl_app_test_activate (GTK_WIDGET (f->window), "win.show-side-panel", NULL);
  g_assert_false (gtk_widget_get_visible (f->window->side_box));
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.high-contrast", NULL);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f->window), "bpl-high-contrast"));

  bpl_app_test_activate (GTK_WIDGET (f->window), "win.presentation", NULL);
  g_object_get (f->window, "presentation", &presentation, NULL);
  g_assert_false (presentation);
  g_assert_cmpfloat_with_epsilon (bpl_diagram_widget_get_layout_options (diagram)->font_scale, 1.0, 1e-9);
  g_assert_false (f->window->presentation);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (f->window), "presentation"));
  end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (gtk_window_is_fullscreen (GTK_WINDOW (f->window)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (gtk_window_is_fullscreen (GTK_WINDOW (f->window)));
  (void) has_wm;
}

/* The Export Worksheet dialog that the action opened. */
static BplWorksheetDialog *
open_worksheet_dialog (Fixture *f)
{
  g_autoptr (GList) toplevels = NULL;

  bpl_app_test_activate (GTK_WIDGET (f->window), "win.export-worksheet", NULL);
  bpl_app_test_iterate (5);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (BPL_IS_WORKSHEET_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  g_assert_not_reached ();
}

static gboolean
is_labelled (GtkWidget     *widget,
             gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* The button labelled @label in @widget's tree, or NULL. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  return bpl_app_test_find (widget, is_labelled, label);
}

/* The text of a PDF (NULL without pdftotext). */
static char *
pdf_text (const char *path)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *argv[] = { "pdftotext", path, "-", NULL };
  char *text = NULL;
  int status;

  if (pdftotext == NULL)
    return NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text,
                               NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return text;
}

/* Export Worksheet: the window's selection checked to start with, several
 * parameters, what to leave blank, the answer key in its own file, the
 * paper; the window's sample and digits. */
static void
test_worksheet (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("bpl-teach-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sheet.pdf", NULL);
  g_autofree char *key_path = g_build_filename (dir, "sheet-answers.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *key_text = NULL;
  g_autoptr (GArray) params = NULL;
  g_autoptr (GError) error = NULL;
  BplParam w1 = { BPL_PARAM_WEIGHT, 0 }, w3 = { BPL_PARAM_WEIGHT, 2 };
  BplParam w5 = { BPL_PARAM_WEIGHT, 4 }, b1 = { BPL_PARAM_BIAS, 0 };
  BplWorksheetOptions options;
  BplWorksheetDialog *dialog;
  GtkWidget *export_button;
  gboolean separate_key;

  /* No selection: w1, as on the command line. */
  dialog = open_worksheet_dialog (f);
  g_assert_true (bpl_worksheet_dialog_get_checked (dialog, w1));
  g_assert_false (bpl_worksheet_dialog_get_checked (dialog, w3));
  gtk_window_destroy (GTK_WINDOW (dialog));

  bpl_session_set_selection (f->session, (BplHit) { BPL_HIT_WEIGHT, 2 });
  dialog = open_worksheet_dialog (f);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (bpl_worksheet_dialog_get_checked (dialog, w3));
  g_assert_false (bpl_worksheet_dialog_get_checked (dialog, w1));
  bpl_worksheet_dialog_set_checked (dialog, b1, TRUE);
  bpl_worksheet_dialog_set_checked (dialog, w5, TRUE);
  params = bpl_worksheet_dialog_get_params (dialog);
  g_assert_cmpuint (params->len, ==, 3);
  g_assert_cmpuint (g_array_index (params, BplParam, 0).index, ==, 2);
  g_assert_cmpuint (g_array_index (params, BplParam, 1).index, ==, 4);
  g_assert_cmpint (g_array_index (params, BplParam, 2).kind, ==, BPL_PARAM_BIAS);

  /* Blanks by default, the key after the questions; its row only with blanks. */
  bpl_worksheet_dialog_get_options (dialog, &options, &separate_key);
  g_assert_cmpint (options.blanks, ==, BPL_WORKSHEET_BLANKS_NUMBERS);
  g_assert_false (separate_key);
  g_assert_cmpint (options.digits, ==,
                   bpl_derivation_panel_get_digits (f->window->derivation_panel));
  bpl_worksheet_dialog_set_blanks (dialog, BPL_WORKSHEET_BLANKS_NONE);
  bpl_worksheet_dialog_set_separate_key (dialog, TRUE);
  bpl_worksheet_dialog_get_options (dialog, &options, &separate_key);
  g_assert_false (separate_key);

  bpl_worksheet_dialog_set_blanks (dialog, BPL_WORKSHEET_BLANKS_FORMULAS);
  bpl_worksheet_dialog_set_paper (dialog, BPL_PAPER_LETTER);
  bpl_worksheet_dialog_get_options (dialog, &options, &separate_key);
  g_assert_cmpint (options.blanks, ==, BPL_WORKSHEET_BLANKS_FORMULAS);
  g_assert_cmpint (options.paper, ==, BPL_PAPER_LETTER);
  g_assert_true (separate_key);

  g_assert_true (bpl_worksheet_dialog_export (dialog, path, key_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (key_path, G_FILE_TEST_EXISTS));
  text = pdf_text (path);
  key_text = pdf_text (key_path);
  if (text != NULL)
    {
      /* A section for each checked parameter; formulas asked, the key apart. */
      g_assert_nonnull (strstr (text, "Find ∂Etotal/∂w3"));
      g_assert_nonnull (strstr (text, "Find ∂Etotal/∂w5"));
      g_assert_nonnull (strstr (text, "Find ∂Etotal/∂b1"));
      g_assert_null (strstr (text, "Find ∂Etotal/∂w1"));
      g_assert_null (strstr (text, "outh2(1 − outh2)"));
      g_assert_null (strstr (text, "Answer key"));
      g_assert_nonnull (strstr (key_text, "Answer key"));
      g_assert_nonnull (strstr (key_text, "outh2(1 − outh2)"));
    }
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* More than a worksheet holds: Export is refused. */
  open_example (f, "deep");
  dialog = open_worksheet_dialog (f);
  for (guint w = 0; w <= BPL_WORKSHEET_MAX_PARAMS; w++)
    bpl_worksheet_dialog_set_checked (dialog, (BplParam) { BPL_PARAM_WEIGHT, w }, TRUE);
  export_button = find_button (GTK_WIDGET (dialog), "_Export…");
  g_assert_nonnull (export_button);
  g_assert_false (gtk_widget_is_sensitive (export_button));
  bpl_worksheet_dialog_set_checked (dialog, w1, FALSE);
  g_assert_true (gtk_widget_is_sensitive (export_button));
  g_clear_pointer (&params, g_array_unref);
  params = bpl_worksheet_dialog_get_params (dialog);
  g_assert_cmpuint (params->len, ==, BPL_WORKSHEET_MAX_PARAMS);
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_unlink (path);
  g_unlink (key_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (!bpl_app_test_init (&argc, &argv))
    return 0;

  BPL_APP_TEST_ADD ("/app/teach/samples", test_samples);
  BPL_APP_TEST_ADD ("/app/teach/architecture", test_architecture);
  BPL_APP_TEST_ADD ("/app/teach/update-order", test_update_order);
  BPL_APP_TEST_ADD ("/app/teach/gradient-check", test_gradient_check);
  BPL_APP_TEST_ADD ("/app/teach/fixed-bias-panel", test_fixed_bias_panel);
  BPL_APP_TEST_ADD ("/app/teach/single-path-panel", test_single_path_panel);
  BPL_APP_TEST_ADD ("/app/teach/history", test_history);
  BPL_APP_TEST_ADD ("/app/teach/history-scrub-widgets", test_history_scrub_widgets);
  BPL_APP_TEST_ADD ("/app/teach/history-bounded", test_history_bounded);
  BPL_APP_TEST_ADD ("/app/teach/presentation", test_presentation);
  BPL_APP_TEST_ADD ("/app/teach/worksheet", test_worksheet);

  return g_test_run ();
}

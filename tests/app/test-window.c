/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window: the window as a student uses it, through the same entry
 * points as the pointer and the keyboard (actions, the click's hit-test). */
#include "config.h"

#include "app-test-util.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bpl-application.h"
#include "bpl-capture-keys.h"
#include "bpl-derivation-panel.h"
#include "bpl-diagram-widget.h"
#include "bpl-loss-plot.h"
#include "bpl-parameters-panel.h"
#include "bpl-window-private.h"

typedef BplAppFixture Fixture;

/* A point a quarter of the way along weight @w's edge: w2 and w3 cross at
 * their midpoints in the 2-2-2 layout, so the middle would be ambiguous. */
static void
point_on_edge (const BplLayout *layout,
               guint            w,
               double          *x,
               double          *y)
{
  const BplWeightLayout *e = &layout->weights[w];

  *x = e->x1 + 0.25 * (e->x2 - e->x1);
  *y = e->y1 + 0.25 * (e->y2 - e->y1);
}

static void
select_w3 (Fixture *f)
{
  const BplLayout *layout = bpl_diagram_widget_get_layout (f->diagram);
  double x, y;

  g_assert_nonnull (layout);
  point_on_edge (layout, 2, &x, &y);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->diagram), "diagram.select-at", "(dd)", x, y));
}

static void
test_build (Fixture       *f,
            gconstpointer  data)
{
  const BplLayout *layout = bpl_diagram_widget_get_layout (f->diagram);

  g_assert_nonnull (layout);
  g_assert_cmpuint (layout->n_weights, ==, 8);
  g_assert_cmpfloat (layout->width, ==, gtk_widget_get_width (GTK_WIDGET (f->diagram)));
  g_assert_cmpfloat (layout->height, ==, gtk_widget_get_height (GTK_WIDGET (f->diagram)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==,
                   bpl_network_get_name (bpl_document_get_network (f->document)));
  g_assert_false (bpl_document_get_modified (f->document));

  /* Nothing selected: the empty state names what to click. */
  {
    AdwStatusPage *status = ADW_STATUS_PAGE (bpl_app_test_find_child (GTK_WIDGET (f->derivation), ADW_TYPE_STATUS_PAGE));

    g_assert_nonnull (status);
    g_assert_cmpstr (adw_status_page_get_title (status), ==, "Select a Weight or Bias");
  }
}

/* The toggle button bound to the stateful action @action_name. */
static GtkToggleButton *
find_toggle (GtkWidget  *widget,
             const char *action_name)
{
  GtkWidget *found = bpl_app_test_find_actionable (widget, action_name);

  g_assert_true (found == NULL || GTK_IS_TOGGLE_BUTTON (found));
  return GTK_TOGGLE_BUTTON (found);
}

static gboolean
window_log_scale (Fixture *f)
{
  gboolean log_scale;

  g_object_get (f->session, "log-scale", &log_scale, NULL);
  return log_scale;
}

/* The Log Scale button is pressed exactly when the plot is logarithmic,
 * whether the button, the action or the setting changed it. */
static void
test_log_scale (Fixture       *f,
                gconstpointer  data)
{
  BplLossPlot *plot = BPL_LOSS_PLOT (bpl_app_test_find_child (GTK_WIDGET (f->window), BPL_TYPE_LOSS_PLOT));
  GtkToggleButton *button = find_toggle (GTK_WIDGET (f->window), "win.log-scale");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_assert_nonnull (plot);
  g_assert_nonnull (button);
  /* The plot starts logarithmic (the setting's default), pressed. */
  g_assert_true (bpl_loss_plot_get_log_scale (plot));
  g_assert_true (gtk_toggle_button_get_active (button));

  /* Changed elsewhere: the setting. */
  g_settings_set_boolean (settings, "log-scale", FALSE);
  bpl_app_test_iterate (5);
  g_assert_false (window_log_scale (f));
  g_assert_false (bpl_loss_plot_get_log_scale (plot));
  g_assert_false (gtk_toggle_button_get_active (button));

  /* The action, as the button's click activates it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.log-scale", NULL));
  bpl_app_test_iterate (5);
  g_assert_true (bpl_loss_plot_get_log_scale (plot));
  g_assert_true (gtk_toggle_button_get_active (button));
  g_assert_true (g_settings_get_boolean (settings, "log-scale"));

  /* The button itself, clicked. */
  g_signal_emit_by_name (button, "clicked");
  bpl_app_test_iterate (5);
  g_assert_false (bpl_loss_plot_get_log_scale (plot));
  g_assert_false (gtk_toggle_button_get_active (button));

  g_settings_reset (settings, "log-scale");
  bpl_app_test_iterate (5);
  g_assert_true (gtk_toggle_button_get_active (button));
}

static void
test_select_w3 (Fixture       *f,
                gconstpointer  data)
{
  BplHit sel;
  g_autofree char *text = NULL;

  select_w3 (f);
  sel = bpl_session_get_selection (f->session);
  g_assert_cmpint (sel.kind, ==, BPL_HIT_WEIGHT);
  g_assert_cmpuint (sel.index, ==, 2);

  text = bpl_derivation_panel_dup_text (f->derivation);
  g_assert_nonnull (strstr (text, "0.24975114363"));
  /* The path set: w3 reaches both outputs through h2, never through h1. */
  /* Named from the weight, as the CLI names it. */
  g_assert_nonnull (strstr (text, "Chain rule along w3 → h2 → o1"));
  g_assert_nonnull (strstr (text, "Chain rule along w3 → h2 → o2"));
  g_assert_null (strstr (text, "h1 →"));
  g_assert_nonnull (strstr (text, "0.24061341725"));  /* ∂out_h2/∂net_h2 */

  /* Escape, or a click on empty space, clears. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->diagram), "diagram.select-at", "(dd)", 2.0, 2.0));
  g_assert_cmpint (bpl_session_get_selection (f->session).kind, ==, BPL_HIT_NONE);
}

static void
test_step (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(BplNetwork) expected = bpl_network_copy (bpl_document_get_network (f->document));
  g_autoptr(BplTrainer) trainer = bpl_trainer_new (expected);
  const BplNetwork *network;

  g_assert_true (bpl_trainer_step (trainer, expected, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.step", NULL));
  network = bpl_document_get_network (f->document);
  g_assert_cmpuint (bpl_network_get_steps (network), ==, 1);
  for (guint w = 0; w < bpl_network_get_n_weights (network); w++)
    g_assert_cmpfloat (bpl_network_get_weight (network, w), ==, bpl_network_get_weight (expected, w));
  for (guint b = 0; b < bpl_network_get_n_biases (network); b++)
    g_assert_cmpfloat (bpl_network_get_bias (network, b), ==, bpl_network_get_bias (expected, b));
  g_assert_true (bpl_document_get_modified (f->document));

  /* Train 1,000 more, then Reset returns to before training. */
  {
    gint64 start = g_get_monotonic_time ();
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.train", "t", (guint64) 1000));
    g_test_message ("1,000 steps through win.train, views updated: %.2f ms",
                    (g_get_monotonic_time () - start) / 1000.0);
  }
  g_assert_cmpuint (bpl_network_get_steps (bpl_document_get_network (f->document)), ==, 1001);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reset", NULL));
  g_assert_cmpuint (bpl_network_get_steps (bpl_document_get_network (f->document)), ==, 0);
  g_assert_cmpfloat (bpl_network_get_weight (bpl_document_get_network (f->document), 2), ==, 0.25);

  {
    gint64 start = g_get_monotonic_time ();
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.train", "t", (guint64) 10000));
    g_test_message ("10,000 steps through win.train, views updated: %.2f ms",
                    (g_get_monotonic_time () - start) / 1000.0);
  }
}

static void
test_play (Fixture       *f,
           gconstpointer  data)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.play", NULL));
  while (bpl_network_get_steps (bpl_document_get_network (f->document)) < 300
         && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.play", NULL));
  g_assert_cmpuint (bpl_network_get_steps (bpl_document_get_network (f->document)), >=, 300);
  /* One undo step takes back the whole run. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_cmpuint (bpl_network_get_steps (bpl_document_get_network (f->document)), ==, 0);
}

static void
test_edit_spin (Fixture       *f,
                gconstpointer  data)
{
  GtkSpinButton *spin = bpl_parameters_panel_get_spin (f->parameters, "w3");
  const BplLayout *layout;
  double label_width_before;
  g_autoptr(BplDerivation) d = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (spin);
  select_w3 (f);
  layout = bpl_diagram_widget_get_layout (f->diagram);
  label_width_before = layout->weights[2].label.width;

  gtk_spin_button_set_value (spin, 0.125);
  g_assert_cmpfloat (bpl_network_get_weight (bpl_document_get_network (f->document), 2), ==, 0.125);

  /* The diagram lays out the new label, the derivation shows the new numbers. */
  layout = bpl_diagram_widget_get_layout (f->diagram);
  g_assert_cmpfloat (layout->weights[2].label.width, >, label_width_before);
  d = bpl_derivation_new (bpl_document_get_network (f->document), (BplParam) { BPL_PARAM_WEIGHT, 2 }, 0, NULL);
  expected = bpl_format_number (d->new_value, 11);
  text = bpl_derivation_panel_dup_text (f->derivation);
  g_assert_nonnull (strstr (text, expected));
  g_assert_null (strstr (text, "0.24975114363"));

  /* Undo and redo, the spin button following. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  g_assert_cmpfloat (bpl_network_get_weight (bpl_document_get_network (f->document), 2), ==, 0.25);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 0.25);
  g_clear_pointer (&text, g_free);
  text = bpl_derivation_panel_dup_text (f->derivation);
  g_assert_nonnull (strstr (text, "0.24975114363"));
  g_assert_false (bpl_document_get_modified (f->document));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
  g_assert_cmpfloat (bpl_network_get_weight (bpl_document_get_network (f->document), 2), ==, 0.125);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 0.125);
  g_assert_true (bpl_document_get_modified (f->document));
}

static char *
read_head (const char *path,
           gsize       n)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, n);
  return g_strndup (contents, n);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("bpl-test-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "d.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "d.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "d.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "d.txt", NULL);
  g_autofree char *tex = g_build_filename (dir, "d.tex", NULL);
  g_autofree char *tikz = NULL;
  g_autofree char *head = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  select_w3 (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-to", "s", png));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-to", "s", svg));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-to", "s", pdf));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export-to", "s", tex));

  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  /* Default scale 2×, at the diagram's size. */
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 2 * gtk_widget_get_width (GTK_WIDGET (f->diagram)));
  head = read_head (svg, 200);
  g_assert_nonnull (strstr (head, "<svg"));
  g_free (head);
  head = read_head (pdf, 5);
  g_assert_cmpstr (head, ==, "%PDF-");
  /* TikZ of what is on screen: w3 selected, its path lit up. */
  g_assert_true (g_file_get_contents (tex, &tikz, NULL, NULL));
  g_assert_nonnull (strstr (tikz, "\\begin{tikzpicture}"));
  g_assert_nonnull (strstr (tikz, "\\node[weight label, selected label]"));
  g_assert_nonnull (strstr (tikz, "{$w_{3} = 0.25$}"));

  g_assert_false (bpl_window_export_to_path (f->window, bad, 1, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  g_unlink (png);
  g_unlink (svg);
  g_unlink (pdf);
  g_unlink (tex);
  g_rmdir (dir);
}

static void
test_bad_file (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("bpl-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(BplNetwork) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  gtk_spin_button_set_value (bpl_parameters_panel_get_spin (f->parameters, "w1"), 0.5);
  before = bpl_network_copy (bpl_document_get_network (f->document));
  title = g_strdup (gtk_window_get_title (GTK_WINDOW (f->window)));

  g_assert_true (g_file_set_contents (path, "{\"format\": \"backprop-lens-network\", \"layers\": [2, 2", -1, NULL));
  g_assert_false (bpl_window_open_file (f->window, file, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "broken.json"));
  g_assert_true (bpl_network_equal (before, bpl_document_get_network (f->document)));
  g_assert_cmpstr (title, ==, gtk_window_get_title (GTK_WINDOW (f->window)));
  g_assert_true (bpl_document_get_modified (f->document));
  g_assert_true (bpl_document_get_can_undo (f->document));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_examples (Fixture       *f,
               gconstpointer  data)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-example", "s", "xor"));
  g_assert_cmpuint (bpl_network_get_n_samples (bpl_document_get_network (f->document)), ==, 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-example", "s", "deep"));
  g_assert_cmpuint (bpl_network_get_n_layers (bpl_document_get_network (f->document)), >, 3);
  g_assert_nonnull (bpl_parameters_panel_get_spin (f->parameters, "w1"));
  bpl_app_test_wait_until_mapped (GTK_WIDGET (f->diagram));
  g_assert_cmpuint (bpl_diagram_widget_get_layout (f->diagram)->n_weights, ==,
                    bpl_network_get_n_weights (bpl_document_get_network (f->document)));
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->diagram), "diagram.select", "s", "w3"));
  g_assert_cmpuint (bpl_session_get_selection (f->session).index, ==, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->diagram), "diagram.select", "s", "h1"));
  g_assert_cmpint (bpl_session_get_selection (f->session).kind, ==, BPL_HIT_NEURON);
  {
    g_autofree char *text = bpl_derivation_panel_dup_text (f->derivation);
    g_assert_nonnull (strstr (text, "0.3775"));  /* net_h1 */
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->diagram), "diagram.clear-selection", NULL));
  g_assert_cmpint (bpl_session_get_selection (f->session).kind, ==, BPL_HIT_NONE);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Answered dialogs go away on the next iterations. */
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

/* What a click on one of its buttons does: answer, then close. */
static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Unsaved changes are never lost silently: opening another file asks first,
 * Cancel keeps everything, Discard goes ahead. */
static void
test_unsaved (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *xor_path = g_build_filename (g_getenv ("BPL_SOURCE_ROOT"), "data", "networks", "xor.json", NULL);
  AdwMessageDialog *dialog;

  gtk_spin_button_set_value (bpl_parameters_panel_get_spin (f->parameters, "w1"), 0.5);
  g_assert_true (bpl_document_get_modified (f->document));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-path", "s", xor_path));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  answer (dialog, "cancel");
  g_assert_null (find_message_dialog ());
  g_assert_cmpfloat (bpl_network_get_weight (bpl_document_get_network (f->document), 0), ==, 0.5);
  g_assert_cmpuint (bpl_network_get_n_samples (bpl_document_get_network (f->document)), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-path", "s", xor_path));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  answer (dialog, "discard");
  g_assert_cmpuint (bpl_network_get_n_samples (bpl_document_get_network (f->document)), ==, 4);
  g_assert_false (bpl_document_get_modified (f->document));

  /* Closing a modified window asks too, and the window stays until answered. */
  gtk_spin_button_set_value (bpl_parameters_panel_get_spin (f->parameters, "w1"), 0.25);
  gtk_window_close (GTK_WINDOW (f->window));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  answer (dialog, "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
}

static char *
clipboard_text (GtkWidget *widget)
{
  GdkContentProvider *provider = gdk_clipboard_get_content (gtk_widget_get_clipboard (widget));
  GValue value = G_VALUE_INIT;
  char *text = NULL;

  g_assert_nonnull (provider);
  g_value_init (&value, G_TYPE_STRING);
  if (gdk_content_provider_get_value (provider, &value, NULL))
    text = g_value_dup_string (&value);
  g_value_unset (&value);
  return text;
}

static void
test_clipboard (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *markdown = NULL;
  g_autofree char *latex = NULL;
  GdkContentProvider *provider;
  GValue value = G_VALUE_INIT;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->diagram), "diagram.select", "s", "w3"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-derivation", "s", "markdown"));
  markdown = clipboard_text (GTK_WIDGET (f->window));
  g_assert_nonnull (markdown);
  g_assert_nonnull (strstr (markdown, "0.24975114363"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-derivation", "s", "latex"));
  latex = clipboard_text (GTK_WIDGET (f->window));
  g_assert_nonnull (latex);
  g_assert_nonnull (strstr (latex, "\\"));
  g_assert_cmpstr (markdown, !=, latex);
  /* The core's report, which test-report compiles with pdflatex. */
  {
    const BplNetwork *network = bpl_document_get_network (bpl_window_get_document (f->window));
    g_autoptr (BplDerivation) d = bpl_derivation_new (network, (BplParam) { BPL_PARAM_WEIGHT, 2 }, 0, NULL);
    g_autofree char *report = bpl_derivation_to_report (d, network, BPL_REPORT_LATEX, 11);

    g_assert_cmpstr (latex, ==, report);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-image", NULL));
  provider = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (f->window)));
  g_assert_nonnull (provider);
  g_value_init (&value, GDK_TYPE_TEXTURE);
  g_assert_true (gdk_content_provider_get_value (provider, &value, NULL));
  g_assert_cmpint (gdk_texture_get_width (g_value_get_object (&value)), ==,
                   2 * gtk_widget_get_width (GTK_WIDGET (f->diagram)));
  g_value_unset (&value);
}

/* Click to highlighted frame: the hit-test, the selection reaching every
 * view (derivation built), and the whole window drawn once. */
static void
test_latency (Fixture       *f,
              gconstpointer  data)
{
  GdkPaintable *paintable = gtk_widget_paintable_new (GTK_WIDGET (f->window));
  const BplLayout *layout = bpl_diagram_widget_get_layout (f->diagram);
  int width = gtk_widget_get_width (GTK_WIDGET (f->window));
  int height = gtk_widget_get_height (GTK_WIDGET (f->window));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  double worst = 0;

  for (guint w = 0; w < layout->n_weights; w++)
    {
      gint64 start = g_get_monotonic_time ();
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      GskRenderNode *node;
      cairo_t *cr;
      double x, y, ms;

      layout = bpl_diagram_widget_get_layout (f->diagram);
      point_on_edge (layout, w, &x, &y);
      bpl_diagram_widget_select_at (f->diagram, x, y);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      cr = cairo_create (surface);
      if (node != NULL)
        gsk_render_node_draw (node, cr);
      cairo_destroy (cr);
      g_clear_pointer (&node, gsk_render_node_unref);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      worst = MAX (worst, ms);
      g_assert_cmpuint (bpl_session_get_selection (f->session).index, ==, w);
    }
  g_test_message ("click to drawn frame, worst of %u weights: %.2f ms", layout->n_weights, worst);
  cairo_surface_destroy (surface);
  g_object_unref (paintable);
}

/* The visible GtkShortcutsWindow among the toplevels, or NULL. */
static GtkWindow *
shortcuts_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* The shortcuts window is built when first asked for, not with the main
 * window (that was 12 ms of every start-up), and opens from its action. */
static void
test_shortcuts (Fixture       *f,
                gconstpointer  data)
{
  GtkWindow *shortcuts;

  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)));
  g_assert_null (shortcuts_window ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL));
  bpl_app_test_iterate (5);
  shortcuts = shortcuts_window ();
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (f->window));
  gtk_window_close (shortcuts);
  bpl_app_test_iterate (5);
  g_assert_null (shortcuts_window ());
  /* Asked for again, the same window comes back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL));
  bpl_app_test_iterate (5);
  g_assert_true (shortcuts_window () == shortcuts);
}

/* Every shortcut the Keyboard Shortcuts window lists */

static BplApplication *app;

/* A class shortcut of @widget for the key, or NULL. */
static GtkShortcut *
class_shortcut (GtkWidget       *widget,
                guint            keyval,
                GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);

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

/* Whether the window (its class, its action map) or the application has
 * the action @detailed names. */
static gboolean
has_action (Fixture    *f,
            const char *detailed)
{
  g_autofree char *name = NULL;
  g_autoptr(GVariant) target = NULL;
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (f->window);
  const char *action_name, *property;
  const GVariantType *parameter_type;
  GType owner;

  g_assert_true (g_action_parse_detailed_name (detailed, &name, &target, NULL));
  if (g_str_has_prefix (name, "app."))
    return g_action_group_has_action (G_ACTION_GROUP (app), name + 4);
  if (g_str_has_prefix (name, "win.") && g_action_group_has_action (G_ACTION_GROUP (f->window), name + 4))
    return TRUE;
  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &action_name, &parameter_type, &property); i++)
    if (g_str_equal (action_name, name))
      return TRUE;
  return FALSE;
}

/* Activates the action the key is bound to, as the key does. */
static void
activate_detailed (Fixture    *f,
                   const char *detailed)
{
  g_autofree char *name = NULL;
  g_autoptr(GVariant) target = NULL;

  g_assert_true (g_action_parse_detailed_name (detailed, &name, &target, NULL));
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->window), name, target));
}

/* Each accelerator the shortcuts window lists is the application's, the
 * window's own (taken before the focus widget) or a class shortcut of the
 * diagram, for an action that exists; the ones a lecturer presses in class
 * are pressed here and do what they say. */
static void
test_shortcuts_listed (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/backproplens/BackpropLens/bpl-shortcuts-window.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  guint n_checked = 0;
  guint64 steps_before = bpl_document_get_steps (f->document);

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerators = NULL;
      g_auto(GStrv) accels = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerators, NULL);
      accels = g_strsplit (accelerators, " ", -1);
      for (guint i = 0; accels[i] != NULL; i++)
        {
          guint keyval;
          GdkModifierType mods;
          g_autofree char *accel = NULL;
          g_auto(GStrv) actions = NULL;
          const char *captured;
          g_autoptr(GtkShortcut) shortcut = NULL;

          g_assert_true (gtk_accelerator_parse (accels[i], &keyval, &mods));
          accel = gtk_accelerator_name (keyval, mods);
          actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), accel);
          captured = bpl_capture_keys_lookup (GTK_WIDGET (f->window), keyval, mods);
          shortcut = class_shortcut (GTK_WIDGET (f->diagram), keyval, mods);
          g_test_message ("%s: %s%s%s", accel, actions[0] != NULL ? actions[0] : "",
                          captured != NULL ? captured : "", shortcut != NULL ? "diagram shortcut" : "");
          if (actions[0] != NULL)
            for (guint a = 0; actions[a] != NULL; a++)
              g_assert_true (has_action (f, actions[a]));
          else if (captured != NULL)
            g_assert_true (has_action (f, captured));
          else
            g_assert_nonnull (shortcut);
          n_checked++;
        }
    }
  g_assert_cmpuint (n_checked, >=, 25);

  /* Pressed: Space, Ctrl+Z, Ctrl+Shift+Z, Ctrl+T, Ctrl+R, Alt+2, F9, F11. */
  activate_detailed (f, bpl_capture_keys_lookup (GTK_WIDGET (f->window), GDK_KEY_space, 0));
  g_assert_cmpuint (bpl_document_get_steps (f->document), ==, steps_before + 1);
  {
    g_auto(GStrv) undo = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), "<Control>z");
    g_auto(GStrv) redo = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), "<Control><Shift>z");
    g_auto(GStrv) train = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), "<Control>t");
    g_auto(GStrv) reset = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), "<Control>r");
    g_auto(GStrv) panel = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), "<Alt>2");

    activate_detailed (f, undo[0]);
    g_assert_cmpuint (bpl_document_get_steps (f->document), ==, steps_before);
    activate_detailed (f, redo[0]);
    g_assert_cmpuint (bpl_document_get_steps (f->document), ==, steps_before + 1);
    activate_detailed (f, train[0]);
    g_assert_cmpuint (bpl_document_get_steps (f->document), ==, steps_before + 1001);
    activate_detailed (f, reset[0]);
    g_assert_cmpuint (bpl_document_get_steps (f->document), ==, steps_before);
    activate_detailed (f, panel[0]);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->side_stack), ==, "parameters");
  }
  activate_detailed (f, bpl_capture_keys_lookup (GTK_WIDGET (f->window), GDK_KEY_F9, 0));
  g_assert_false (gtk_widget_get_visible (f->window->side_box));
  activate_detailed (f, bpl_capture_keys_lookup (GTK_WIDGET (f->window), GDK_KEY_F11, 0));
  g_assert_true (f->window->presentation);
  /* Escape leaves it, and only then is the window's. */
  activate_detailed (f, bpl_capture_keys_lookup (GTK_WIDGET (f->window), GDK_KEY_Escape, 0));
  g_assert_false (f->window->presentation);
  /* Hidden before the talk, hidden after; F9 brings it back. */
  g_assert_false (gtk_widget_get_visible (f->window->side_box));
  activate_detailed (f, bpl_capture_keys_lookup (GTK_WIDGET (f->window), GDK_KEY_F9, 0));
  g_assert_true (gtk_widget_get_visible (f->window->side_box));

  /* The diagram's keys: Right selects w1, Right again w2, Escape clears. */
  {
    g_autoptr(GtkShortcut) right = class_shortcut (GTK_WIDGET (f->diagram), GDK_KEY_Right, 0);
    g_autoptr(GtkShortcut) escape = class_shortcut (GTK_WIDGET (f->diagram), GDK_KEY_Escape, 0);

    g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (right), 0, GTK_WIDGET (f->diagram),
                                                 gtk_shortcut_get_arguments (right)));
    g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (right), 0, GTK_WIDGET (f->diagram),
                                                 gtk_shortcut_get_arguments (right)));
    g_assert_true (bpl_hit_equal (bpl_session_get_selection (f->session), (BplHit) { BPL_HIT_WEIGHT, 1 }));
    g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (escape), 0, GTK_WIDGET (f->diagram),
                                                 gtk_shortcut_get_arguments (escape)));
    g_assert_cmpint (bpl_session_get_selection (f->session).kind, ==, BPL_HIT_NONE);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!bpl_app_test_init (&argc, &argv))
    return 0;

  BPL_APP_TEST_ADD ("/app/window/build", test_build);
  BPL_APP_TEST_ADD ("/app/window/select-w3", test_select_w3);
  BPL_APP_TEST_ADD ("/app/window/step", test_step);
  BPL_APP_TEST_ADD ("/app/window/play", test_play);
  BPL_APP_TEST_ADD ("/app/window/edit-spin", test_edit_spin);
  BPL_APP_TEST_ADD ("/app/window/export", test_export);
  BPL_APP_TEST_ADD ("/app/window/bad-file", test_bad_file);
  BPL_APP_TEST_ADD ("/app/window/examples", test_examples);
  BPL_APP_TEST_ADD ("/app/window/keyboard", test_keyboard);
  BPL_APP_TEST_ADD ("/app/window/unsaved", test_unsaved);
  BPL_APP_TEST_ADD ("/app/window/clipboard", test_clipboard);
  BPL_APP_TEST_ADD ("/app/window/latency", test_latency);
  BPL_APP_TEST_ADD ("/app/window/log-scale", test_log_scale);
  BPL_APP_TEST_ADD ("/app/window/shortcuts", test_shortcuts);
  app = bpl_application_new ();
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  /* With the application's accelerators. */
  g_test_add ("/app/window/shortcuts-listed", BplAppFixture, app, bpl_app_fixture_set_up,
              test_shortcuts_listed, bpl_app_fixture_tear_down);

  status = g_test_run ();
  g_object_unref (app);
  return status;
}

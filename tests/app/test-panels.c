/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-panels: bad input and numerical faults in the side panels. A typed
 * value the network cannot hold is refused with a reason next to the field
 * and changes nothing; a value that overflowed is never shown as a plain
 * number; the Parameters page builds its rows when first shown; the mouse
 * wheel over a value scrolls the list and leaves the value alone. */
#include "config.h"

#include "app-test-util.h"

#include <adwaita.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "bpl-architecture-window.h"
#include "bpl-derivation-panel.h"
#include "bpl-parameters-panel.h"
#include "bpl-spin-button.h"
#include "bpl-window-private.h"

typedef BplAppFixture Fixture;

/* A warning icon the student can see: drawn, not merely built. */
static gboolean
shows_warning_icon (GtkWidget *widget)
{
  if (GTK_IS_IMAGE (widget)
      && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (widget)), "dialog-warning-symbolic") == 0
      && gtk_widget_is_drawable (widget))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (shows_warning_icon (c))
      return TRUE;
  return FALSE;
}

static void
show_parameters (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-panel", "s", "parameters"));
  bpl_app_test_wait_until_mapped (GTK_WIDGET (f->parameters));
}

/* Types @text into the spin button of @name as a student would, then
 * presses Enter (what activate and focus-out both do: update). */
static void
type_into (Fixture    *f,
           const char *name,
           const char *text)
{
  GtkSpinButton *spin = bpl_parameters_panel_get_spin (f->parameters, name);

  g_assert_nonnull (spin);
  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  gtk_spin_button_update (spin);
  bpl_app_test_iterate (2);
}

static void
test_typed_refused (Fixture       *f,
                    gconstpointer  data)
{
  static const struct
  {
    const char *field;
    const char *text;
    const char *reason;
  } cases[] = {
    { "w3", "abc", "w3: “abc” is not a number" },
    { "w3", "nan", "w3: NaN is not a number" },
    { "w3", "NaN", "w3: NaN is not a number" },
    { "w3", "inf", "w3: ∞ is not a finite number" },
    { "w3", "-Infinity", "w3: ∞ is not a finite number" },
    { "w3", "1e12", "w3: 1e12 is beyond ±1e9" },
    { "w3", "-2000000000", "w3: -2000000000 is beyond ±1e9" },
    { "w3", "1e999", "w3: 1e999 is beyond ±1e9" },
    { "w3", "1,000", "w3: “1,000” could be 1 or 1000; type one of them" },
    { "w3", "1,000,000", "w3: “1,000,000” has more than one “,”" },
    { "w3", "1.5.0", "w3: “1.5.0” has more than one “.”" },
    { "w3", "", "w3: type a number" },
    { "w3", "0x10", "w3: “0x10” is not a number" },
    { "b1", "12abc", "b1: “12abc” is not a number" },
    { "i1", "1e10", "i1: 1e10 is beyond ±1e9" },
    { "target_o1", "nan", "target of o1: NaN is not a number" },
    { "eta", "-0.5", "η: -0.5 is negative; the learning rate must be 0 or more" },
    { "eta", "−0.5", "η: −0.5 is negative" },
  };
  g_autoptr(BplNetwork) before = NULL;

  show_parameters (f);
  before = bpl_document_dup_network (f->document);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkSpinButton *spin = bpl_parameters_panel_get_spin (f->parameters, cases[i].field);
      double value = gtk_spin_button_get_value (spin);
      g_autofree char *shown = g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin)));
      const char *refusal;

      g_test_message ("%s ← “%s”", cases[i].field, cases[i].text);
      type_into (f, cases[i].field, cases[i].text);
      refusal = bpl_parameters_panel_get_refusal (f->parameters);
      g_assert_nonnull (refusal);
      if (!g_str_has_prefix (refusal, cases[i].reason))
        g_assert_cmpstr (refusal, ==, cases[i].reason);
      /* Nothing changed: not the document, not the value, and the text is
       * the value's again. */
      g_assert_true (bpl_network_equal (bpl_document_get_network (f->document), before));
      g_assert_false (bpl_document_get_can_undo (f->document));
      g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, value);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, shown);
      /* Said next to the field, and on the field itself. */
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (spin), "error"));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (spin)), ==, refusal);
    }

  /* A number with a decimal point goes in, and the reason goes away. */
  type_into (f, "w3", "0.25e-1");
  g_assert_cmpfloat (bpl_network_get_weight (bpl_document_get_network (f->document), 2), ==, 0.025);
  g_assert_null (bpl_parameters_panel_get_refusal (f->parameters));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (bpl_parameters_panel_get_spin (f->parameters, "w3")), "error"));
  /* The minus the derivation prints is a minus. */
  type_into (f, "w1", " −0.5 ");
  g_assert_cmpfloat (bpl_network_get_weight (bpl_document_get_network (f->document), 0), ==, -0.5);
  /* The range's ends themselves are fine, and the arrows reach them. */
  type_into (f, "b1", "-1e9");
  g_assert_cmpfloat (bpl_network_get_bias (bpl_document_get_network (f->document), 0), ==, -1e9);
  gtk_spin_button_set_value (bpl_parameters_panel_get_spin (f->parameters, "i1"), 1e9);
  g_assert_cmpfloat (bpl_network_get_input (bpl_document_get_network (f->document), 0)[0], ==, 1e9);
  type_into (f, "eta", "0");
  g_assert_cmpfloat (bpl_network_get_learning_rate (bpl_document_get_network (f->document)), ==, 0);
  g_assert_true (bpl_network_check (bpl_document_get_network (f->document), NULL));
}

static gboolean
row_subtitled (GtkWidget     *widget,
               gconstpointer  text)
{
  return ADW_IS_ACTION_ROW (widget)
         && g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), text) == 0;
}

/* In a locale that writes 0,5 (German here), the panel shows and takes
 * 0,5; a point typed from habit goes in where it cannot be a thousands
 * separator, and what could be read two ways is refused, saying so. */
static void
test_typed_locale (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  const BplNetwork *network;
  GtkSpinButton *eta;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("locale de_DE.UTF-8 is not installed (scripts/install-deps.sh generates it)");
      return;
    }
  show_parameters (f);
  eta = bpl_parameters_panel_get_spin (f->parameters, "eta");

  type_into (f, "eta", "0,25");
  network = bpl_document_get_network (f->document);
  g_assert_cmpfloat (bpl_network_get_learning_rate (network), ==, 0.25);
  type_into (f, "eta", "0,5");
  network = bpl_document_get_network (f->document);
  g_assert_cmpfloat (bpl_network_get_learning_rate (network), ==, 0.5);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (eta)), ==, "0,5");
  g_assert_null (bpl_parameters_panel_get_refusal (f->parameters));

  /* Every value is shown the locale's way. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bpl_parameters_panel_get_spin (f->parameters, "w1"))),
                   ==, "0,15");

  type_into (f, "w3", "0.3");
  g_assert_cmpfloat (bpl_network_get_weight (bpl_document_get_network (f->document), 2), ==, 0.3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bpl_parameters_panel_get_spin (f->parameters, "w3"))),
                   ==, "0,3");

  type_into (f, "w3", "1.000");
  g_assert_cmpstr (bpl_parameters_panel_get_refusal (f->parameters), ==,
                   "w3: “1.000” could be 1 or 1000; type one of them");
  type_into (f, "w3", "1,5,0");
  g_assert_cmpstr (bpl_parameters_panel_get_refusal (f->parameters), ==,
                   "w3: “1,5,0” has more than one “,”; a number has one decimal separator");
  g_assert_cmpfloat (bpl_network_get_weight (bpl_document_get_network (f->document), 2), ==, 0.3);
  /* A refusal's numbers are the locale's too. */
  type_into (f, "eta", "-0,5");
  g_assert_cmpstr (bpl_parameters_panel_get_refusal (f->parameters), ==,
                   "η: -0,5 is negative; the learning rate must be 0 or more");
  type_into (f, "w3", "2e9");
  g_assert_cmpstr (bpl_parameters_panel_get_refusal (f->parameters), ==, "w3: 2e9 is beyond ±1e9");
  /* The diagram's own editor (double-click on a weight) alike. */
  {
    GtkSpinButton *edit;

    bpl_app_test_select (f, "w3");
    bpl_app_test_activate (GTK_WIDGET (f->diagram), "diagram.edit", NULL);
    bpl_app_test_iterate (5);
    edit = GTK_SPIN_BUTTON (bpl_app_test_find_child (GTK_WIDGET (f->diagram), GTK_TYPE_SPIN_BUTTON));
    g_assert_nonnull (edit);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (edit)), ==, "0,3");
    gtk_editable_set_text (GTK_EDITABLE (edit), "0,35");
    gtk_spin_button_update (edit);
    bpl_app_test_iterate (2);
    g_assert_cmpfloat (bpl_network_get_weight (bpl_document_get_network (f->document), 2), ==, 0.35);
    gtk_editable_set_text (GTK_EDITABLE (edit), "1,5,0");
    gtk_spin_button_update (edit);
    g_assert_cmpfloat (bpl_network_get_weight (bpl_document_get_network (f->document), 2), ==, 0.35);
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (edit), "error"));
    /* Closed, as Esc would: no popover left over the next test's window. */
    gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (edit), GTK_TYPE_POPOVER)));
    bpl_app_test_iterate (5);
  }
  /* Play's speed, grouped the locale's way ("6.000 steps/s"), breaks its
   * two lines at a space, never after the slash: at every speed. */
  {
    GtkAdjustment *speed = f->window->speed_adjustment;
    gboolean grouped = FALSE;

    for (double v = gtk_adjustment_get_lower (speed); v <= gtk_adjustment_get_upper (speed); v++)
      {
        const char *text;
        PangoLayout *layout;

        gtk_adjustment_set_value (speed, v);
        bpl_app_test_iterate (5);
        text = gtk_label_get_text (f->window->speed_label);
        grouped |= strstr (text, ".000 steps/s") != NULL;
        layout = gtk_label_get_layout (f->window->speed_label);
        for (int i = 1; i < pango_layout_get_line_count (layout); i++)
          if (text[pango_layout_get_line_readonly (layout, i)->start_index - 1] == '/')
            g_error ("“%s” breaks after its slash", text);
      }
    g_assert_true (grouped);
  }
  /* The samples too, with a semicolon between the numbers. */
  type_into (f, "i1", "0,06");
  g_assert_nonnull (bpl_app_test_find (GTK_WIDGET (f->parameters), row_subtitled, "(0,06; 0,1) → (0,01; 0,99)"));

  setlocale (LC_NUMERIC, saved);
}

/* Cross-entropy needs targets in [0, 1]: a target outside is refused too. */
static void
test_typed_cross_entropy (Fixture       *f,
                          gconstpointer  data)
{
  BplNetwork *network = bpl_document_dup_network (f->document);
  g_autoptr(BplNetwork) before = NULL;

  bpl_network_set_loss (network, BPL_LOSS_CROSS_ENTROPY);
  g_assert_true (bpl_document_edit_network (f->document, network, NULL));
  before = bpl_document_dup_network (f->document);
  type_into (f, "target_o1", "1.5");
  g_assert_nonnull (bpl_parameters_panel_get_refusal (f->parameters));
  g_assert_nonnull (strstr (bpl_parameters_panel_get_refusal (f->parameters), "outside [0, 1]"));
  g_assert_true (bpl_network_equal (bpl_document_get_network (f->document), before));
  type_into (f, "target_o1", "0.75");
  g_assert_cmpfloat (bpl_network_get_target (bpl_document_get_network (f->document), 0)[0], ==, 0.75);
}

/* A legal network (every value within ±1e9) whose error overflows: linear
 * neurons, 8 wide and 16 layers deep, weights and inputs 1e9. The output is
 * about 3.5e157, finite; its square is not. */
static BplNetwork *
new_overflowing_network (void)
{
  guint sizes[16];
  BplNetwork *network;

  for (guint l = 0; l < G_N_ELEMENTS (sizes); l++)
    sizes[l] = 8;
  sizes[15] = 1;
  network = bpl_network_new (sizes, G_N_ELEMENTS (sizes), BPL_BIAS_PER_LAYER, NULL);
  g_assert_nonnull (network);
  for (guint l = 1; l < G_N_ELEMENTS (sizes); l++)
    bpl_network_set_activation (network, l, BPL_ACTIVATION_LINEAR);
  for (guint w = 0; w < bpl_network_get_n_weights (network); w++)
    bpl_network_set_weight (network, w, 1e9);
  for (guint i = 0; i < 8; i++)
    bpl_network_set_input (network, 0, i, 1e9);
  g_assert_true (bpl_network_check (network, NULL));
  return network;
}

static void
test_overflow_warned (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *status = NULL;

  g_assert_false (shows_warning_icon (GTK_WIDGET (f->derivation)));
  g_assert_true (bpl_document_edit_network (f->document, new_overflowing_network (), NULL));
  g_assert_true (isinf (bpl_document_get_mean_error (f->document)));
  /* w1: its chains multiply fourteen weights of 1e9 into the error. */
  bpl_session_set_selection (f->session, (BplHit) { BPL_HIT_WEIGHT, 0 });
  bpl_app_test_iterate (20);

  /* The derivation: ∞ shown, marked, and explained beside a warning icon. */
  text = bpl_derivation_panel_dup_text (f->derivation);
  /* The gradient itself stays finite (1.9e304); the finite difference of
   * E_total = ∞ is NaN, and no agreement is claimed. */
  g_assert_nonnull (strstr (text, "Finite difference: NaN"));
  g_assert_null (strstr (text, "they agree"));
  g_assert_true (shows_warning_icon (GTK_WIDGET (f->derivation)));

  /* The status line: E_total = ∞ with the icon beside it. */
  g_assert_true (shows_warning_icon (GTK_WIDGET (f->window->status_line)));
  status = g_strdup (bpl_status_line_get_text (f->window->status_line));
  g_assert_nonnull (strstr (status, "∞ (overflowed)"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (bpl_status_line_get_warning (f->window->status_line)));

  /* Back to a sane network: the warnings go. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  bpl_session_set_selection (f->session, (BplHit) { BPL_HIT_WEIGHT, 2 });
  bpl_app_test_iterate (20);
  g_assert_false (shows_warning_icon (GTK_WIDGET (f->derivation)));
  g_assert_false (shows_warning_icon (GTK_WIDGET (f->window->status_line)));
}

/* A value that skipped bpl_network_check (set on the network directly):
 * the Parameters page shows it as ∞ with its warning, not clamped to 1e9. */
static void
test_overflow_parameter (Fixture       *f,
                         gconstpointer  data)
{
  BplNetwork *network = bpl_network_new_worked_example ();
  GtkSpinButton *spin;

  bpl_network_set_weight (network, 2, INFINITY);
  bpl_network_set_bias (network, 0, NAN);
  bpl_document_set_network (f->document, network, NULL);
  show_parameters (f);

  spin = bpl_parameters_panel_get_spin (f->parameters, "w3");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "∞");
  g_assert_true (shows_warning_icon (gtk_widget_get_parent (GTK_WIDGET (spin))));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (spin)), "overflowed"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bpl_parameters_panel_get_spin (f->parameters, "b1"))), ==, "NaN");
  /* Confirming the text shown is no edit. */
  gtk_spin_button_update (spin);
  g_assert_true (isinf (bpl_network_get_weight (bpl_document_get_network (f->document), 2)));
  g_assert_null (bpl_parameters_panel_get_refusal (f->parameters));
  /* A finite value typed over it goes in, and the warning goes. */
  type_into (f, "w3", "0.5");
  g_assert_cmpfloat (bpl_network_get_weight (bpl_document_get_network (f->document), 2), ==, 0.5);
  g_assert_false (gtk_widget_is_drawable (gtk_widget_get_prev_sibling (GTK_WIDGET (spin))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "0.5");

  /* The derivation of a weight next to it shows NaN, warned. */
  bpl_session_set_selection (f->session, (BplHit) { BPL_HIT_WEIGHT, 0 });
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-panel", "s", "derivation"));
  bpl_app_test_wait_until_mapped (GTK_WIDGET (f->derivation));
  g_assert_true (shows_warning_icon (GTK_WIDGET (f->derivation)));
}

/* The Parameters page is hidden at start-up: its rows wait until it is
 * shown, and a network replaced while it is hidden waits too. */
static void
test_lazy_parameters (Fixture       *f,
                      gconstpointer  data)
{
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (f->parameters)));
  g_assert_false (bpl_parameters_panel_get_built (f->parameters));

  show_parameters (f);
  g_assert_true (bpl_parameters_panel_get_built (f->parameters));
  g_assert_nonnull (bpl_app_test_find_child (GTK_WIDGET (f->parameters), GTK_TYPE_SPIN_BUTTON));
  g_assert_cmpfloat (gtk_spin_button_get_value (bpl_parameters_panel_get_spin (f->parameters, "w1")), ==, 0.15);

  /* Replaced while shown: rebuilt at once. */
  bpl_document_set_network (f->document, bpl_network_new ((guint[]) { 2, 4, 4, 1 }, 4, BPL_BIAS_PER_LAYER, NULL), NULL);
  g_assert_true (bpl_parameters_panel_get_built (f->parameters));
  g_assert_nonnull (bpl_parameters_panel_get_spin (f->parameters, "w20"));

  /* Replaced while hidden: left until shown again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-panel", "s", "derivation"));
  bpl_app_test_wait_until_mapped (GTK_WIDGET (f->derivation));
  bpl_document_set_network (f->document, bpl_network_new_worked_example (), NULL);
  g_assert_false (bpl_parameters_panel_get_built (f->parameters));
  /* Training while hidden is fine with the rows not there. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.step", NULL));
  show_parameters (f);
  g_assert_true (bpl_parameters_panel_get_built (f->parameters));
  g_assert_null (bpl_parameters_panel_get_spin (f->parameters, "w20"));
  g_assert_cmpfloat (gtk_spin_button_get_value (bpl_parameters_panel_get_spin (f->parameters, "w1")), ==,
                     bpl_network_get_weight (bpl_document_get_network (f->document), 0));

  /* Asking for a spin button builds the rows even when hidden. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-panel", "s", "derivation"));
  bpl_document_set_network (f->document, bpl_network_new ((guint[]) { 2, 3, 1 }, 3, BPL_BIAS_PER_LAYER, NULL), NULL);
  g_assert_false (bpl_parameters_panel_get_built (f->parameters));
  g_assert_nonnull (bpl_parameters_panel_get_spin (f->parameters, "w1"));
  g_assert_true (bpl_parameters_panel_get_built (f->parameters));
}

/* Every spin button in @widget's tree, @widget included. */
static void
collect_spins (GtkWidget *widget,
               GPtrArray *spins)
{
  if (GTK_IS_SPIN_BUTTON (widget))
    g_ptr_array_add (spins, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_spins (c, spins);
}

/* The controller bpl_spin_button_scroll_when_focused added to @spin, or
 * NULL. The spin button holds it. */
static GtkEventController *
spin_scroll_controller (GtkSpinButton *spin)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (spin));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      GtkEventController *controller = g_list_model_get_item (controllers, i);

      g_object_unref (controller);
      if (g_strcmp0 (gtk_event_controller_get_name (controller), BPL_SPIN_SCROLL_CONTROLLER_NAME) == 0)
        return controller;
    }
  return NULL;
}

/* What a wheel turn over @spin does: the controller's handler, as GTK
 * would call it for a real event (which a test cannot make). */
static gboolean
scroll_over (GtkSpinButton *spin,
             double         dy)
{
  GtkEventController *controller = spin_scroll_controller (spin);
  gboolean handled = FALSE;

  g_assert_nonnull (controller);
  /* In the capture phase: before the spin button's own wheel handler. */
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (controller), ==, GTK_PHASE_CAPTURE);
  g_signal_emit_by_name (controller, "scroll", 0.0, dy, &handled);
  bpl_app_test_iterate (2);
  return handled;
}

static void
assert_all_spins_scroll_when_focused (GtkWidget *widget,
                                      guint      at_least)
{
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();

  collect_spins (widget, spins);
  g_assert_cmpuint (spins->len, >=, at_least);
  for (guint i = 0; i < spins->len; i++)
    g_assert_nonnull (spin_scroll_controller (g_ptr_array_index (spins, i)));
}

/* A student scrolling the Parameters list with the pointer over w1 must
 * not change w1: the list scrolls, the document stays unmodified. */
static void
test_scroll_unfocused (Fixture       *f,
                       gconstpointer  data)
{
  GtkSpinButton *spin;
  GtkAdjustment *vadj;
  GtkWidget *scroller;
  double top;

  show_parameters (f);
  assert_all_spins_scroll_when_focused (GTK_WIDGET (f->parameters), 15);
  spin = bpl_parameters_panel_get_spin (f->parameters, "w1");
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (spin), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scroller);
  vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  /* The list is longer than the panel: there is somewhere to scroll. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadj), >, gtk_adjustment_get_page_size (vadj));
  top = gtk_adjustment_get_value (vadj);
  gtk_widget_grab_focus (GTK_WIDGET (f->window->diagram));

  g_assert_true (scroll_over (spin, 1.0));
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 0.15);
  g_assert_cmpfloat (bpl_network_get_weight (bpl_document_get_network (f->document), 0), ==, 0.15);
  g_assert_false (bpl_document_get_modified (f->document));
  g_assert_false (bpl_document_get_can_undo (f->document));
  /* One wheel detent, as far as GtkScrolledWindow itself would go. */
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (vadj) - top,
                                  pow (gtk_adjustment_get_page_size (vadj), 2.0 / 3.0), 1e-6);
  /* And back up, no further than the top. */
  g_assert_true (scroll_over (spin, -100.0));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), ==, gtk_adjustment_get_lower (vadj));
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 0.15);

  /* Clicked into, the spin button has the wheel again. */
  gtk_widget_grab_focus (GTK_WIDGET (spin));
  g_assert_false (scroll_over (spin, 1.0));
}

/* Stepping w1 = 0.15 down fifteen times by 0.01 reaches 0, not the
 * −2.8×10⁻¹⁷ that fifteen binary subtractions leave. */
static void
test_steps_to_zero (Fixture       *f,
                    gconstpointer  data)
{
  GtkSpinButton *spin;
  double step;

  show_parameters (f);
  spin = bpl_parameters_panel_get_spin (f->parameters, "w1");
  step = gtk_adjustment_get_step_increment (gtk_spin_button_get_adjustment (spin));
  g_assert_cmpfloat (step, >, 0);
  for (int i = 0; i < (int) round (0.15 / step); i++)
    gtk_spin_button_spin (spin, GTK_SPIN_STEP_BACKWARD, 0);
  g_assert_cmpfloat (bpl_network_get_weight (bpl_document_get_network (f->document), 0), ==, 0.0);
}

/* The architecture editor scrolls too: the wheel must not change the seed
 * or reshape the network. */
static void
test_scroll_architecture (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *editor;
  GtkSpinButton *seed = NULL;
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(BplNetwork) worked = bpl_network_new_worked_example ();
  double value;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.architecture", NULL));
  editor = GTK_WIDGET (f->window->architecture_window);
  g_assert_nonnull (editor);
  bpl_app_test_wait_until_mapped (editor);
  /* Three layer sizes, the seed and the value for every weight. */
  assert_all_spins_scroll_when_focused (editor, 5);

  collect_spins (editor, spins);
  for (guint i = 0; i < spins->len; i++)
    /* The seed's range is a guint32's. */
    if (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (g_ptr_array_index (spins, i))) == G_MAXUINT32)
      seed = g_ptr_array_index (spins, i);
  g_assert_nonnull (seed);
  gtk_window_set_focus (GTK_WINDOW (editor), NULL);
  value = gtk_spin_button_get_value (seed);
  g_assert_true (scroll_over (seed, 1.0));
  g_assert_true (scroll_over (g_ptr_array_index (spins, 0), -1.0));
  g_assert_cmpfloat (gtk_spin_button_get_value (seed), ==, value);
  g_assert_false (bpl_document_get_can_undo (f->document));
  g_assert_true (bpl_network_equal (bpl_document_get_network (f->document), worked));
}

/* The row of the spin button of @name. */
static AdwActionRow *
row_of (Fixture    *f,
        const char *name)
{
  GtkSpinButton *spin = bpl_parameters_panel_get_spin (f->parameters, name);

  g_assert_nonnull (spin);
  return ADW_ACTION_ROW (gtk_widget_get_ancestor (GTK_WIDGET (spin), ADW_TYPE_ACTION_ROW));
}

/* The bias rows name their layer as the diagram's captions do. */
static void
test_bias_subtitles (Fixture       *f,
                     gconstpointer  data)
{
  show_parameters (f);
  g_assert_cmpstr (adw_action_row_get_subtitle (row_of (f, "b1")), ==, "Hidden layer");
  g_assert_cmpstr (adw_action_row_get_subtitle (row_of (f, "b2")), ==, "Output layer");

  bpl_document_set_network (f->document, bpl_network_new ((guint[]) { 2, 3, 3, 1 }, 4, BPL_BIAS_PER_LAYER, NULL), NULL);
  g_assert_cmpstr (adw_action_row_get_subtitle (row_of (f, "b1")), ==, "Hidden layer 1");
  g_assert_cmpstr (adw_action_row_get_subtitle (row_of (f, "b2")), ==, "Hidden layer 2");
  g_assert_cmpstr (adw_action_row_get_subtitle (row_of (f, "b3")), ==, "Output layer");

  /* One bias per neuron: each names its neuron. */
  bpl_document_set_network (f->document, bpl_network_new ((guint[]) { 2, 2, 1 }, 3, BPL_BIAS_PER_NEURON, NULL), NULL);
  for (guint b = 0; b < 3; b++)
    {
      const BplNetwork *network = bpl_document_get_network (f->document);
      AdwActionRow *row = row_of (f, bpl_network_get_bias_name (network, b));

      g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "Bias of "));
    }
}

static gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  name)
{
  return gtk_widget_has_css_class (widget, name);
}

static GtkWidget *
find_by_class (GtkWidget  *widget,
               const char *name)
{
  return bpl_app_test_find (widget, has_css_class, name);
}

/* Before the first step the sparkline has nothing to show and shows
 * nothing (it was a lone, unexplained dot); after, it says what it is. */
static void
test_sparkline_explained (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *sparkline;

  show_parameters (f);
  sparkline = find_by_class (GTK_WIDGET (row_of (f, "w1")), "sparkline");
  g_assert_nonnull (sparkline);
  g_assert_null (gtk_widget_get_tooltip_text (sparkline));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.step", NULL));
  bpl_app_test_iterate (5);
  sparkline = find_by_class (GTK_WIDGET (row_of (f, "w1")), "sparkline");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (sparkline), ==,
                   "w1 over the training history; the dot marks the step shown");
}

int
main (int   argc,
      char *argv[])
{
  if (!bpl_app_test_init (&argc, &argv))
    return 0;

  BPL_APP_TEST_ADD ("/panels/typed/refused", test_typed_refused);
  BPL_APP_TEST_ADD ("/panels/typed/cross-entropy", test_typed_cross_entropy);
  BPL_APP_TEST_ADD ("/panels/typed/locale", test_typed_locale);
  BPL_APP_TEST_ADD ("/panels/overflow/derivation-and-status", test_overflow_warned);
  BPL_APP_TEST_ADD ("/panels/overflow/parameter", test_overflow_parameter);
  BPL_APP_TEST_ADD ("/panels/lazy/parameters", test_lazy_parameters);
  BPL_APP_TEST_ADD ("/panels/scroll/unfocused", test_scroll_unfocused);
  BPL_APP_TEST_ADD ("/panels/scroll/architecture", test_scroll_architecture);
  BPL_APP_TEST_ADD ("/panels/steps/to-zero", test_steps_to_zero);
  BPL_APP_TEST_ADD ("/panels/wording/bias-subtitles", test_bias_subtitles);
  BPL_APP_TEST_ADD ("/panels/wording/sparkline", test_sparkline_explained);

  return g_test_run ();
}

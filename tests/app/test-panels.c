/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-panels: bad input and numerical faults in the side panels. A typed
 * value the network cannot hold is refused with a reason next to the field
 * and changes nothing; a value that overflowed is never shown as a plain
 * number; the Parameters page builds its rows when first shown. */
#include "config.h"

#include "app-test-util.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "bpl-derivation-panel.h"
#include "bpl-parameters-panel.h"
#include "bpl-window-private.h"

typedef struct
{
  BplWindow *window;
  BplDocument *document;
  BplDerivationPanel *derivation;
  BplParametersPanel *parameters;
} Fixture;

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
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = bpl_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  f->document = bpl_window_get_document (f->window);
  f->derivation = BPL_DERIVATION_PANEL (bpl_app_test_find_child (GTK_WIDGET (f->window), BPL_TYPE_DERIVATION_PANEL));
  f->parameters = BPL_PARAMETERS_PANEL (bpl_app_test_find_child (GTK_WIDGET (f->window), BPL_TYPE_PARAMETERS_PANEL));
  g_assert_nonnull (f->derivation);
  g_assert_nonnull (f->parameters);
  bpl_app_test_wait_until_mapped (GTK_WIDGET (f->derivation));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  bpl_app_test_iterate (10);
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
    { "w3", "0,25", "w3: write the decimal with a point: 0.25, not 0,25" },
    { "w3", "1,000,000", "w3: “1,000,000” is not a number" },
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
  GtkWidget *status_label;

  g_assert_false (shows_warning_icon (GTK_WIDGET (f->derivation)));
  g_assert_true (bpl_document_edit_network (f->document, new_overflowing_network (), NULL));
  g_assert_true (isinf (bpl_document_get_mean_error (f->document)));
  /* w1: its chains multiply fourteen weights of 1e9 into the error. */
  bpl_document_set_selection (f->document, (BplHit) { BPL_HIT_WEIGHT, 0 });
  bpl_app_test_iterate (20);

  /* The derivation: ∞ shown, marked, and explained beside a warning icon. */
  text = bpl_derivation_panel_dup_text (f->derivation);
  /* The gradient itself stays finite (1.9e304); the finite difference of
   * E_total = ∞ is NaN, and no agreement is claimed. */
  g_assert_nonnull (strstr (text, "Finite difference: NaN"));
  g_assert_null (strstr (text, "they agree"));
  g_assert_true (shows_warning_icon (GTK_WIDGET (f->derivation)));

  /* The status line: E_total = ∞ with the icon beside it. */
  status_label = gtk_widget_get_first_child (gtk_widget_get_parent (GTK_WIDGET (f->window->error_label)));
  g_assert_true (shows_warning_icon (gtk_widget_get_parent (GTK_WIDGET (f->window->error_label))));
  status = g_strdup (gtk_label_get_text (f->window->error_label));
  g_assert_nonnull (strstr (status, "∞ (overflowed)"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (f->window->error_warning)));
  (void) status_label;

  /* Back to a sane network: the warnings go. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  bpl_document_set_selection (f->document, (BplHit) { BPL_HIT_WEIGHT, 2 });
  bpl_app_test_iterate (20);
  g_assert_false (shows_warning_icon (GTK_WIDGET (f->derivation)));
  g_assert_false (shows_warning_icon (gtk_widget_get_parent (GTK_WIDGET (f->window->error_label))));
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
  bpl_document_set_selection (f->document, (BplHit) { BPL_HIT_WEIGHT, 0 });
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  adw_init ();

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/panels/typed/refused", test_typed_refused);
  ADD ("/panels/typed/cross-entropy", test_typed_cross_entropy);
  ADD ("/panels/overflow/derivation-and-status", test_overflow_warned);
  ADD ("/panels/overflow/parameter", test_overflow_parameter);
  ADD ("/panels/lazy/parameters", test_lazy_parameters);
#undef ADD

  return g_test_run ();
}

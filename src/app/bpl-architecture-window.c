/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-architecture-window.h"

#include <glib/gi18n.h>

#include "bpl-capture-keys.h"
#include "bpl-popover.h"
#include "bpl-spin-button.h"

struct _BplArchitectureWindow
{
  AdwWindow parent_instance;

  AdwPreferencesGroup *layers_group;
  GtkWidget *add_layer_button;
  AdwComboRow *loss_row;
  AdwComboRow *bias_row;
  GtkSwitch *update_biases_switch;
  AdwComboRow *training_row;
  AdwComboRow *order_row;
  GtkWidget *batch_size_row;
  GtkSpinButton *batch_size_spin;
  AdwComboRow *regularization_row;
  GtkWidget *lambda_row;
  GtkSpinButton *lambda_spin;
  AdwComboRow *optimizer_row;
  GtkWidget *momentum_row;
  GtkSpinButton *momentum_spin;
  GtkWidget *beta1_row;
  GtkSpinButton *beta1_spin;
  GtkWidget *beta2_row;
  GtkSpinButton *beta2_spin;
  GtkWidget *epsilon_row;
  GtkSpinButton *epsilon_spin;
  GtkSpinButton *seed_spin;
  GtkSpinButton *all_weights_spin;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;

  BplSession *session;
  BplDocument *document;
  GPtrArray *layer_rows;
  guint sync_idle;
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (BplArchitectureWindow, bpl_architecture_window, ADW_TYPE_WINDOW)

enum
{
  EDITING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const BplActivation activations[] = {
  BPL_ACTIVATION_SIGMOID, BPL_ACTIVATION_TANH, BPL_ACTIVATION_RELU, BPL_ACTIVATION_LINEAR,
  BPL_ACTIVATION_SOFTMAX,
};
static const BplLoss losses[] = { BPL_LOSS_SQUARED_ERROR, BPL_LOSS_CROSS_ENTROPY };
static const BplBiasMode bias_modes[] = { BPL_BIAS_PER_LAYER, BPL_BIAS_PER_NEURON, BPL_BIAS_NONE };
static const BplTrainingMode training_modes[] = { BPL_TRAINING_ONLINE, BPL_TRAINING_MINI_BATCH, BPL_TRAINING_BATCH };
/* λ when a penalty is first chosen. */
#define DEFAULT_STRENGTH 0.01

static const BplRegularization regularizations[] = {
  BPL_REGULARIZATION_NONE, BPL_REGULARIZATION_L1, BPL_REGULARIZATION_L2,
};
static const BplOptimizer optimizers[] = { BPL_OPTIMIZER_SGD, BPL_OPTIMIZER_MOMENTUM, BPL_OPTIMIZER_ADAM };
static const BplUpdateOrder update_orders[] = { BPL_UPDATE_SIMULTANEOUS, BPL_UPDATE_OUTPUT_FIRST };

static void queue_sync (BplArchitectureWindow *self);

/* Shows what the last edit refused, or nothing once one went through. */
static void
show_refusal (BplArchitectureWindow *self,
              const GError          *error)
{
  g_autofree char *text = NULL;

  /* Translators: %s says why, e.g. "cross-entropy needs sigmoid outputs" */
  if (error != NULL)
    text = g_strdup_printf (_("Not applied: %s"), error->message);
  gtk_label_set_text (self->error_label, text != NULL ? text : "");
  gtk_revealer_set_reveal_child (self->error_revealer, text != NULL);
}

/* Before every change from here (each one undo step of the document):
 * whoever trains pauses. */
static void
start_edit (BplArchitectureWindow *self)
{
  g_signal_emit (self, signals[EDITING], 0);
}

static void
on_layer_size_changed (GtkSpinButton         *spin,
                       BplArchitectureWindow *self)
{
  guint layer = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "bpl-layer"));
  g_autoptr(GError) error = NULL;

  if (self->updating)
    return;
  start_edit (self);
  bpl_document_set_layer_size (self->document, layer, (guint) gtk_spin_button_get_value_as_int (spin), &error);
  show_refusal (self, error);
  /* A refused change puts the spin button back. */
  queue_sync (self);
}

static void
on_activation_changed (GtkDropDown           *drop,
                       GParamSpec            *pspec,
                       BplArchitectureWindow *self)
{
  guint layer = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (drop), "bpl-layer"));
  guint selected = gtk_drop_down_get_selected (drop);
  g_autoptr(GError) error = NULL;

  if (self->updating || selected >= G_N_ELEMENTS (activations))
    return;
  start_edit (self);
  bpl_document_set_activation (self->document, layer, activations[selected], &error);
  show_refusal (self, error);
  /* A refused activation puts the drop-down back. */
  queue_sync (self);
}

static void
on_remove_layer_clicked (GtkButton             *button,
                         BplArchitectureWindow *self)
{
  guint layer = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "bpl-layer"));
  g_autoptr(GError) error = NULL;

  start_edit (self);
  bpl_document_remove_hidden_layer (self->document, layer, &error);
  show_refusal (self, error);
}

static const char *
activation_label (BplActivation activation)
{
  switch (activation)
    {
    case BPL_ACTIVATION_SIGMOID:
      return _("Sigmoid");
    case BPL_ACTIVATION_TANH:
      return _("Tanh");
    case BPL_ACTIVATION_RELU:
      return _("ReLU");
    case BPL_ACTIVATION_LINEAR:
      return _("Linear");
    case BPL_ACTIVATION_SOFTMAX:
      return _("Softmax");
    default:
      return "";
    }
}

static void
build_layer_rows (BplArchitectureWindow *self,
                  const BplNetwork      *network)
{
  guint n_layers = bpl_network_get_n_layers (network);
  const char *names[G_N_ELEMENTS (activations) + 1];

  for (guint i = 0; i < self->layer_rows->len; i++)
    adw_preferences_group_remove (self->layers_group, g_ptr_array_index (self->layer_rows, i));
  g_ptr_array_set_size (self->layer_rows, 0);

  for (guint i = 0; i < G_N_ELEMENTS (activations); i++)
    names[i] = activation_label (activations[i]);
  names[G_N_ELEMENTS (activations)] = NULL;

  for (guint l = 0; l < n_layers; l++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = gtk_spin_button_new_with_range (1, BPL_MAX_LAYER_SIZE, 1);
      g_autofree char *title = NULL;
      g_autofree char *spin_label = NULL;

      if (l == 0)
        title = g_strdup (_("Input Layer"));
      else if (l == n_layers - 1)
        title = g_strdup (_("Output Layer"));
      else if (n_layers == 3)
        title = g_strdup (_("Hidden Layer"));
      else
        title = g_strdup_printf (_("Hidden Layer %u"), l);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Neurons"));

      if (l > 0)
        {
          GtkWidget *drop = gtk_drop_down_new_from_strings (names);
          g_autofree char *drop_label = g_strdup_printf (_("Activation of %s"), title);

          gtk_widget_set_valign (drop, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (drop, _("Activation function"));
          for (GtkWidget *c = gtk_widget_get_first_child (drop); c != NULL; c = gtk_widget_get_next_sibling (c))
            if (GTK_IS_POPOVER (c))
              bpl_popover_hide_owner_tooltip (GTK_POPOVER (c));
          gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL, drop_label, -1);
          g_object_set_data (G_OBJECT (drop), "bpl-layer", GUINT_TO_POINTER (l));
          g_signal_connect (drop, "notify::selected", G_CALLBACK (on_activation_changed), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop);
          g_object_set_data (G_OBJECT (row), "bpl-drop", drop);
        }

      spin_label = g_strdup_printf (_("Neurons in %s"), title);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      bpl_spin_button_scroll_when_focused (GTK_SPIN_BUTTON (spin));
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, spin_label, -1);
      g_object_set_data (G_OBJECT (spin), "bpl-layer", GUINT_TO_POINTER (l));
      g_signal_connect (spin, "value-changed", G_CALLBACK (on_layer_size_changed), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      g_object_set_data (G_OBJECT (row), "bpl-spin", spin);

      if (l > 0 && l + 1 < n_layers)
        {
          GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
          g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), title);

          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (remove, remove_label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
          g_object_set_data (G_OBJECT (remove), "bpl-layer", GUINT_TO_POINTER (l));
          g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_layer_clicked), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
        }
      adw_preferences_group_add (self->layers_group, row);
      g_ptr_array_add (self->layer_rows, row);
    }
}

static guint
index_of (const int *values,
          guint      n,
          int        value)
{
  for (guint i = 0; i < n; i++)
    if (values[i] == value)
      return i;
  return 0;
}

#define INDEX_OF(array, value) index_of ((const int *) (array), G_N_ELEMENTS (array), (int) (value))

static void
set_spin (GtkSpinButton *spin,
          double         value)
{
  if (gtk_spin_button_get_value (spin) != value)
    gtk_spin_button_set_value (spin, value);
}

static void
sync_now (BplArchitectureWindow *self)
{
  const BplNetwork *network;
  BplOptimizerSettings optimizer;
  guint n_layers;

  if (self->document == NULL)
    return;
  network = bpl_document_get_network (self->document);
  n_layers = bpl_network_get_n_layers (network);

  self->updating = TRUE;
  if (self->layer_rows->len != n_layers)
    build_layer_rows (self, network);
  for (guint l = 0; l < n_layers; l++)
    {
      GtkWidget *row = g_ptr_array_index (self->layer_rows, l);
      GtkSpinButton *spin = g_object_get_data (G_OBJECT (row), "bpl-spin");
      GtkDropDown *drop = g_object_get_data (G_OBJECT (row), "bpl-drop");

      if (gtk_spin_button_get_value_as_int (spin) != (int) bpl_network_get_layer_size (network, l))
        gtk_spin_button_set_value (spin, bpl_network_get_layer_size (network, l));
      if (drop != NULL)
        gtk_drop_down_set_selected (drop, INDEX_OF (activations, bpl_network_get_activation (network, l)));
    }
  gtk_widget_set_sensitive (self->add_layer_button, n_layers < BPL_MAX_LAYERS);
  adw_combo_row_set_selected (self->loss_row, INDEX_OF (losses, bpl_network_get_loss (network)));
  adw_combo_row_set_selected (self->bias_row, INDEX_OF (bias_modes, bpl_network_get_bias_mode (network)));
  gtk_switch_set_active (self->update_biases_switch, bpl_network_get_update_biases (network));
  gtk_widget_set_sensitive (GTK_WIDGET (self->update_biases_switch),
                            bpl_network_get_bias_mode (network) != BPL_BIAS_NONE);
  adw_combo_row_set_selected (self->training_row, INDEX_OF (training_modes, bpl_network_get_training (network)));
  adw_combo_row_set_selected (self->order_row, INDEX_OF (update_orders, bpl_network_get_update_order (network)));
  gtk_widget_set_visible (self->batch_size_row, bpl_network_get_training (network) == BPL_TRAINING_MINI_BATCH);
  set_spin (self->batch_size_spin, MAX (bpl_network_get_batch_size (network), 2));
  adw_combo_row_set_selected (self->regularization_row,
                              INDEX_OF (regularizations, bpl_network_get_regularization (network)));
  gtk_widget_set_visible (self->lambda_row, bpl_network_get_regularization (network) != BPL_REGULARIZATION_NONE);
  set_spin (self->lambda_spin, bpl_network_get_regularization_strength (network));
  bpl_network_get_optimizer_settings (network, &optimizer);
  adw_combo_row_set_selected (self->optimizer_row, INDEX_OF (optimizers, optimizer.kind));
  gtk_widget_set_visible (self->momentum_row, optimizer.kind == BPL_OPTIMIZER_MOMENTUM);
  gtk_widget_set_visible (self->beta1_row, optimizer.kind == BPL_OPTIMIZER_ADAM);
  gtk_widget_set_visible (self->beta2_row, optimizer.kind == BPL_OPTIMIZER_ADAM);
  gtk_widget_set_visible (self->epsilon_row, optimizer.kind == BPL_OPTIMIZER_ADAM);
  set_spin (self->momentum_spin, optimizer.momentum);
  set_spin (self->beta1_spin, optimizer.beta1);
  set_spin (self->beta2_spin, optimizer.beta2);
  set_spin (self->epsilon_spin, optimizer.epsilon);
  if ((guint32) gtk_spin_button_get_value (self->seed_spin) != bpl_document_get_seed (self->document))
    gtk_spin_button_set_value (self->seed_spin, bpl_document_get_seed (self->document));
  self->updating = FALSE;
}

static gboolean
sync_idle (gpointer data)
{
  BplArchitectureWindow *self = data;

  self->sync_idle = 0;
  sync_now (self);
  return G_SOURCE_REMOVE;
}

/* The document changed (perhaps from inside one of our own signal
 * handlers): follow it once the handler has returned. */
static void
queue_sync (BplArchitectureWindow *self)
{
  if (self->sync_idle == 0)
    self->sync_idle = g_idle_add (sync_idle, self);
}

static void
on_combo_changed (AdwComboRow           *row,
                  GParamSpec            *pspec,
                  BplArchitectureWindow *self)
{
  guint i = adw_combo_row_get_selected (row);
  g_autoptr(GError) error = NULL;

  if (self->updating || i == GTK_INVALID_LIST_POSITION)
    return;
  start_edit (self);
  if (row == self->loss_row && i < G_N_ELEMENTS (losses))
    bpl_document_set_loss (self->document, losses[i], &error);
  else if (row == self->bias_row && i < G_N_ELEMENTS (bias_modes))
    bpl_document_set_bias_mode (self->document, bias_modes[i], &error);
  else if (row == self->training_row && i < G_N_ELEMENTS (training_modes))
    bpl_document_set_training (self->document, training_modes[i], &error);
  else if (row == self->order_row && i < G_N_ELEMENTS (update_orders))
    bpl_document_set_update_order (self->document, update_orders[i], &error);
  else if (row == self->regularization_row && i < G_N_ELEMENTS (regularizations))
    {
      double strength = bpl_network_get_regularization_strength (bpl_document_get_network (self->document));

      /* A penalty of strength 0 would change nothing: start where it
       * shows. None keeps λ for the next penalty chosen. */
      if (strength == 0 && regularizations[i] != BPL_REGULARIZATION_NONE)
        strength = DEFAULT_STRENGTH;
      bpl_document_set_regularization (self->document, regularizations[i], strength, &error);
    }
  else if (row == self->optimizer_row && i < G_N_ELEMENTS (optimizers))
    {
      BplOptimizerSettings settings;

      bpl_network_get_optimizer_settings (bpl_document_get_network (self->document), &settings);
      settings.kind = optimizers[i];
      bpl_document_set_optimizer (self->document, &settings, &error);
    }
  show_refusal (self, error);
  /* A refused change puts the row back. */
  queue_sync (self);
}

/* A number of the training settings: λ, μ, β₁, β₂, ε or the batch size. */
static void
on_setting_spin_changed (GtkSpinButton         *spin,
                         BplArchitectureWindow *self)
{
  const BplNetwork *network;
  double value = gtk_spin_button_get_value (spin);
  BplOptimizerSettings settings;
  g_autoptr(GError) error = NULL;

  if (self->updating)
    return;
  network = bpl_document_get_network (self->document);
  bpl_network_get_optimizer_settings (network, &settings);
  start_edit (self);
  if (spin == self->batch_size_spin)
    bpl_document_set_batch_size (self->document, (guint) gtk_spin_button_get_value_as_int (spin), &error);
  else if (spin == self->lambda_spin)
    bpl_document_set_regularization (self->document, bpl_network_get_regularization (network), value, &error);
  else
    {
      if (spin == self->momentum_spin)
        settings.momentum = value;
      else if (spin == self->beta1_spin)
        settings.beta1 = value;
      else if (spin == self->beta2_spin)
        settings.beta2 = value;
      else if (spin == self->epsilon_spin)
        settings.epsilon = value;
      bpl_document_set_optimizer (self->document, &settings, &error);
    }
  show_refusal (self, error);
  queue_sync (self);
}

static void
on_update_biases (GtkSwitch             *sw,
                  GParamSpec            *pspec,
                  BplArchitectureWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->updating)
    return;
  start_edit (self);
  bpl_document_set_update_biases (self->document, gtk_switch_get_active (sw), &error);
  show_refusal (self, error);
  queue_sync (self);
}

static void
on_seed_changed (GtkSpinButton         *spin,
                 BplArchitectureWindow *self)
{
  if (self->updating)
    return;
  bpl_document_set_seed (self->document, (guint32) gtk_spin_button_get_value (spin));
}

static void
add_hidden_layer_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  BplArchitectureWindow *self = BPL_ARCHITECTURE_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  start_edit (self);
  bpl_document_add_hidden_layer (self->document, &error);
  show_refusal (self, error);
}

static void
randomize_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BplArchitectureWindow *self = BPL_ARCHITECTURE_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  gtk_spin_button_update (self->seed_spin);
  start_edit (self);
  bpl_document_randomize_weights (self->document, &error);
  show_refusal (self, error);
}

static void
set_all_weights_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BplArchitectureWindow *self = BPL_ARCHITECTURE_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  gtk_spin_button_update (self->all_weights_spin);
  start_edit (self);
  bpl_document_set_all_weights (self->document, bpl_spin_button_get_tidy_value (self->all_weights_spin), &error);
  show_refusal (self, error);
}

/* Undo and redo work from the editor too: they are the document's. */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BplArchitectureWindow *self = BPL_ARCHITECTURE_WINDOW (widget);

  start_edit (self);
  if (g_str_equal (action_name, "arch.undo"))
    bpl_document_undo (self->document);
  else
    bpl_document_redo (self->document);
}

/* Ctrl+Z here is the document's undo, before a spin button's text takes it:
 * every change in the editor is already applied. */
static const BplCaptureKey capture_keys[] = {
  { GDK_KEY_z, GDK_CONTROL_MASK, "arch.undo", NULL },
  { GDK_KEY_Z, GDK_CONTROL_MASK, "arch.undo", NULL },
  { GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "arch.redo", NULL },
  { GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "arch.redo", NULL },
};

static void
bpl_architecture_window_dispose (GObject *object)
{
  BplArchitectureWindow *self = BPL_ARCHITECTURE_WINDOW (object);

  g_clear_handle_id (&self->sync_idle, g_source_remove);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), BPL_TYPE_ARCHITECTURE_WINDOW);

  G_OBJECT_CLASS (bpl_architecture_window_parent_class)->dispose (object);
}

static void
bpl_architecture_window_finalize (GObject *object)
{
  BplArchitectureWindow *self = BPL_ARCHITECTURE_WINDOW (object);

  g_clear_pointer (&self->layer_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (bpl_architecture_window_parent_class)->finalize (object);
}

static void
bpl_architecture_window_class_init (BplArchitectureWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bpl_architecture_window_dispose;
  object_class->finalize = bpl_architecture_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/backproplens/BackpropLens/bpl-architecture-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, layers_group);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, add_layer_button);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, loss_row);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, bias_row);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, update_biases_switch);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, training_row);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, order_row);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, batch_size_row);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, batch_size_spin);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, regularization_row);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, lambda_row);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, lambda_spin);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, optimizer_row);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, momentum_row);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, momentum_spin);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, beta1_row);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, beta1_spin);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, beta2_row);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, beta2_spin);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, epsilon_row);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, epsilon_spin);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, all_weights_spin);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, BplArchitectureWindow, error_label);

  gtk_widget_class_install_action (widget_class, "arch.add-hidden-layer", NULL, add_hidden_layer_action);
  gtk_widget_class_install_action (widget_class, "arch.randomize-weights", NULL, randomize_action);
  gtk_widget_class_install_action (widget_class, "arch.set-all-weights", NULL, set_all_weights_action);
  gtk_widget_class_install_action (widget_class, "arch.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "arch.redo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /* Before each edit from the editor: whoever trains pauses. */
  signals[EDITING] =
    g_signal_new ("editing", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bpl_architecture_window_init (BplArchitectureWindow *self)
{
  self->layer_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Scrolling the editor must not change the seed or reshape the network. */
  bpl_spin_button_scroll_when_focused (self->seed_spin);
  bpl_spin_button_scroll_when_focused (self->all_weights_spin);
  bpl_spin_button_use_locale_numbers (self->all_weights_spin, 6);

  g_signal_connect (self->loss_row, "notify::selected", G_CALLBACK (on_combo_changed), self);
  g_signal_connect (self->bias_row, "notify::selected", G_CALLBACK (on_combo_changed), self);
  g_signal_connect (self->training_row, "notify::selected", G_CALLBACK (on_combo_changed), self);
  g_signal_connect (self->order_row, "notify::selected", G_CALLBACK (on_combo_changed), self);
  g_signal_connect (self->regularization_row, "notify::selected", G_CALLBACK (on_combo_changed), self);
  g_signal_connect (self->optimizer_row, "notify::selected", G_CALLBACK (on_combo_changed), self);
  {
    GtkSpinButton *spins[] = {
      self->batch_size_spin, self->lambda_spin, self->momentum_spin,
      self->beta1_spin, self->beta2_spin, self->epsilon_spin,
    };

    for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
      {
        bpl_spin_button_scroll_when_focused (spins[i]);
        g_signal_connect (spins[i], "value-changed", G_CALLBACK (on_setting_spin_changed), self);
        /* 0.0001 and 1e-08 as a lecturer writes them, in the locale's way. */
        if (spins[i] != self->batch_size_spin)
          bpl_spin_button_use_locale_numbers (spins[i], 6);
      }
  }
  g_signal_connect (self->update_biases_switch, "notify::active", G_CALLBACK (on_update_biases), self);
  g_signal_connect (self->seed_spin, "value-changed", G_CALLBACK (on_seed_changed), self);

  bpl_capture_keys_add (GTK_WIDGET (self), capture_keys, G_N_ELEMENTS (capture_keys));
}

GtkWidget *
bpl_architecture_window_new (GtkWindow  *parent,
                             BplSession *session)
{
  BplArchitectureWindow *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BPL_IS_SESSION (session), NULL);

  self = g_object_new (BPL_TYPE_ARCHITECTURE_WINDOW,
                       "transient-for", parent,
                       "application", gtk_window_get_application (parent),
                       NULL);
  self->session = g_object_ref (session);
  self->document = g_object_ref (bpl_session_get_document (session));
  g_signal_connect_object (self->document, "values-changed", G_CALLBACK (queue_sync), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "network-replaced", G_CALLBACK (queue_sync), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "opened", G_CALLBACK (queue_sync), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::seed", G_CALLBACK (queue_sync), self, G_CONNECT_SWAPPED);
  sync_now (self);
  return GTK_WIDGET (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-window-teach.c: the window's teaching tools: architecture edits,
 * the history timeline, presentation mode and worksheets. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "bpl-architecture-window.h"
#include "bpl-reshape.h"
#include "bpl-window-private.h"
#include "bpl-worksheet-dialog.h"

#define PRESENTATION_FONT_SCALE 1.6

/* Edits */

gboolean
bpl_window_apply_network (BplWindow  *self,
                          BplNetwork *network)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (BPL_IS_WINDOW (self), FALSE);

  g_clear_pointer (&self->edit_error, g_free);
  g_object_set (self, "playing", FALSE, NULL);
  if (network == NULL)
    return FALSE;
  if (!bpl_document_edit_network (self->document, network, &error))
    {
      /* Translators: %s says why, e.g. "cross-entropy needs sigmoid outputs" */
      self->edit_error = g_strdup_printf (_("Not applied: %s"), error->message);
      bpl_window_toast (self, self->edit_error);
      return FALSE;
    }
  return TRUE;
}

const char *
bpl_window_get_edit_error (BplWindow *self)
{
  return self->edit_error;
}

guint32
bpl_window_get_seed (BplWindow *self)
{
  return self->seed;
}

/* A network of new layer sizes; @old_layer_of says which old layer each
 * new one continues. NULL (and the error toasted) beyond the limits. */
static BplNetwork *
reshape (BplWindow   *self,
         const guint *sizes,
         const gint  *old_layer_of,
         guint        n_layers,
         BplBiasMode  bias_mode)
{
  g_autoptr(BplNetwork) old = bpl_document_dup_network (self->document);
  g_autoptr(GError) error = NULL;
  BplNetwork *network;

  network = bpl_reshape_network (old, sizes, old_layer_of, n_layers, bias_mode, self->seed, &error);
  if (network == NULL)
    {
      g_clear_pointer (&self->edit_error, g_free);
      self->edit_error = g_strdup_printf (_("Not applied: %s"), error->message);
      bpl_window_toast (self, self->edit_error);
    }
  return network;
}

static void
current_shape (BplWindow *self,
               guint     *sizes,
               gint      *old_layer_of,
               guint     *n_layers)
{
  const BplNetwork *network = bpl_document_get_network (self->document);

  *n_layers = bpl_network_get_n_layers (network);
  for (guint l = 0; l < *n_layers; l++)
    {
      sizes[l] = bpl_network_get_layer_size (network, l);
      old_layer_of[l] = (gint) l;
    }
}

static void
set_layer_size_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);
  guint sizes[BPL_MAX_LAYERS];
  gint map[BPL_MAX_LAYERS];
  guint n_layers, layer, size;

  g_variant_get (parameter, "(uu)", &layer, &size);
  current_shape (self, sizes, map, &n_layers);
  if (layer >= n_layers || size < 1 || size > BPL_MAX_LAYER_SIZE || sizes[layer] == size)
    return;
  sizes[layer] = size;
  bpl_window_apply_network (self, reshape (self, sizes, map, n_layers,
                                           bpl_network_get_bias_mode (bpl_document_get_network (self->document))));
}

static void
add_hidden_layer_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);
  guint sizes[BPL_MAX_LAYERS + 1];
  gint map[BPL_MAX_LAYERS + 1];
  guint n_layers;

  current_shape (self, sizes, map, &n_layers);
  if (n_layers >= BPL_MAX_LAYERS)
    return;
  /* The new layer goes just before the output layer, as wide as the one before it. */
  sizes[n_layers] = sizes[n_layers - 1];
  map[n_layers] = map[n_layers - 1];
  sizes[n_layers - 1] = n_layers > 2 ? sizes[n_layers - 2] : 2;
  map[n_layers - 1] = -1;
  bpl_window_apply_network (self, reshape (self, sizes, map, n_layers + 1,
                                           bpl_network_get_bias_mode (bpl_document_get_network (self->document))));
}

static void
remove_hidden_layer_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);
  guint sizes[BPL_MAX_LAYERS];
  gint map[BPL_MAX_LAYERS];
  guint n_layers, layer = g_variant_get_uint32 (parameter);

  current_shape (self, sizes, map, &n_layers);
  if (layer == 0 || layer + 1 >= n_layers)
    return;
  for (guint l = layer; l + 1 < n_layers; l++)
    {
      sizes[l] = sizes[l + 1];
      map[l] = map[l + 1];
    }
  bpl_window_apply_network (self, reshape (self, sizes, map, n_layers - 1,
                                           bpl_network_get_bias_mode (bpl_document_get_network (self->document))));
}

static void
set_bias_mode_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);
  guint sizes[BPL_MAX_LAYERS];
  gint map[BPL_MAX_LAYERS];
  guint n_layers;
  BplBiasMode mode;

  if (!bpl_bias_mode_from_string (g_variant_get_string (parameter, NULL), &mode)
      || mode == bpl_network_get_bias_mode (bpl_document_get_network (self->document)))
    return;
  current_shape (self, sizes, map, &n_layers);
  bpl_window_apply_network (self, reshape (self, sizes, map, n_layers, mode));
}

static void
set_activation_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);
  g_autoptr(BplNetwork) network = bpl_document_dup_network (self->document);
  const char *name;
  guint layer;
  BplActivation activation;

  g_variant_get (parameter, "(u&s)", &layer, &name);
  if (layer == 0 || layer >= bpl_network_get_n_layers (network) || !bpl_activation_from_string (name, &activation))
    return;
  bpl_network_set_activation (network, layer, activation);
  bpl_window_apply_network (self, g_steal_pointer (&network));
}

static void
set_loss_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);
  g_autoptr(BplNetwork) network = bpl_document_dup_network (self->document);
  BplLoss loss;

  if (!bpl_loss_from_string (g_variant_get_string (parameter, NULL), &loss))
    return;
  bpl_network_set_loss (network, loss);
  bpl_window_apply_network (self, g_steal_pointer (&network));
}

static void
set_update_biases_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);
  g_autoptr(BplNetwork) network = bpl_document_dup_network (self->document);

  bpl_network_set_update_biases (network, g_variant_get_boolean (parameter));
  bpl_window_apply_network (self, g_steal_pointer (&network));
}

static void
set_training_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);
  g_autoptr(BplNetwork) network = bpl_document_dup_network (self->document);
  BplTrainingMode mode;

  if (!bpl_training_mode_from_string (g_variant_get_string (parameter, NULL), &mode))
    return;
  bpl_network_set_training (network, mode);
  bpl_window_apply_network (self, g_steal_pointer (&network));
}

static void
set_update_order_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);
  g_autoptr(BplNetwork) network = bpl_document_dup_network (self->document);
  BplUpdateOrder order;

  if (!bpl_update_order_from_string (g_variant_get_string (parameter, NULL), &order))
    return;
  bpl_network_set_update_order (network, order);
  bpl_window_apply_network (self, g_steal_pointer (&network));
}

static void
set_seed_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  BPL_WINDOW (widget)->seed = g_variant_get_uint32 (parameter);
}

static void
randomize_weights_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);
  g_autoptr(BplNetwork) network = bpl_document_dup_network (self->document);

  bpl_reshape_randomize (network, self->seed);
  bpl_window_apply_network (self, g_steal_pointer (&network));
}

static void
set_all_weights_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);
  g_autoptr(BplNetwork) network = bpl_document_dup_network (self->document);
  double value = g_variant_get_double (parameter);

  if (!isfinite (value))
    return;
  for (guint w = 0; w < bpl_network_get_n_weights (network); w++)
    bpl_network_set_weight (network, w, value);
  bpl_window_apply_network (self, g_steal_pointer (&network));
}

static void
architecture_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);

  if (self->architecture_window == NULL)
    {
      self->architecture_window = GTK_WINDOW (bpl_architecture_window_new (self));
      g_object_add_weak_pointer (G_OBJECT (self->architecture_window),
                                 (gpointer *) &self->architecture_window);
    }
  gtk_window_present (self->architecture_window);
}

/* History */

/* The timeline runs by step, as the loss plot's axis does: the entries
 * (every recent step, thinned older ones) sit at their steps. */
static void
update_history (BplWindow *self)
{
  guint n = bpl_document_get_n_history (self->document);
  guint index = bpl_document_get_view_index (self->document);
  gboolean past = bpl_document_get_viewing_past (self->document);
  guint64 first = bpl_document_get_history_step (self->document, 0);
  guint64 last = bpl_document_get_history_step (self->document, n - 1);
  guint64 shown = bpl_document_get_history_step (self->document, index);
  g_autofree char *step = g_strdup_printf ("%" G_GUINT64_FORMAT, shown);
  g_autofree char *text = NULL;

  self->history_updating = TRUE;
  gtk_adjustment_configure (self->history_adjustment, shown, first, last, 1,
                            MAX (1, (last - first) / 20), 0);
  self->history_updating = FALSE;
  if (past)
    /* Translators: %s is a step number */
    text = g_strdup_printf (_("Showing step %s"), step);
  else
    text = g_strdup_printf (_("Step %s (latest)"), step);
  gtk_label_set_text (self->history_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->history_label),
                               past ? _("A past step: Step, Train or an edit continues from here, and Undo goes back")
                                    : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.history-latest", past);
}

/* The entry nearest timeline position @value. The position is not snapped
 * to it, so that the arrow keys move on through thinned older steps. */
static guint
history_index_at (BplDocument *document,
                  double       value)
{
  guint n = bpl_document_get_n_history (document);
  guint lo = 0;
  guint hi = n;

  /* lo: the first entry with a step at or after @value. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((double) bpl_document_get_history_step (document, mid) < value)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == n)
    return n - 1;
  if (lo > 0 && value - (double) bpl_document_get_history_step (document, lo - 1)
                  < (double) bpl_document_get_history_step (document, lo) - value)
    lo--;
  return lo;
}

static void
on_history_scrubbed (BplWindow *self)
{
  if (self->history_updating)
    return;
  /* Training on while an older step is shown would move the timeline
   * under the pointer. */
  g_object_set (self, "playing", FALSE, NULL);
  bpl_document_view_history (self->document,
                             history_index_at (self->document, gtk_adjustment_get_value (self->history_adjustment)));
}

static void
on_history_continued (BplWindow *self,
                      guint64    step)
{
  g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, step);
  /* Translators: %s is a training step */
  g_autofree char *message = g_strdup_printf (_("Went on from step %s; the later steps were dropped, and Undo brings them back"), count);

  bpl_window_toast (self, message);
}

static void
history_latest_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);

  bpl_document_view_history (self->document, bpl_document_get_n_history (self->document) - 1);
}

static void
history_view_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);

  g_object_set (self, "playing", FALSE, NULL);
  bpl_document_view_history (self->document, g_variant_get_uint32 (parameter));
}

/* Presentation mode */

static void
apply_presentation (BplWindow *self)
{
  BplLayoutOptions options = *bpl_diagram_widget_get_layout_options (self->diagram);

  options.font_scale = self->presentation ? PRESENTATION_FONT_SCALE : 1.0;
  bpl_diagram_widget_set_layout_options (self->diagram, &options);
  if (self->presentation)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
      gtk_window_fullscreen (GTK_WINDOW (self));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
      gtk_window_unfullscreen (GTK_WINDOW (self));
    }
}

static void
change_presentation (GSimpleAction *action,
                     GVariant      *state,
                     gpointer       user_data)
{
  BplWindow *self = BPL_WINDOW (user_data);
  gboolean presentation = g_variant_get_boolean (state);

  if (presentation == self->presentation)
    return;
  /* F9 may hide the panel for the talk: leaving gives it back as it was. */
  if (presentation)
    self->side_panel_before_presentation = self->side_panel_visible;
  self->presentation = presentation;
  g_simple_action_set_state (action, state);
  apply_presentation (self);
  if (!presentation && self->side_panel_visible != self->side_panel_before_presentation)
    g_action_group_change_action_state (G_ACTION_GROUP (self), "show-side-panel",
                                        g_variant_new_boolean (self->side_panel_before_presentation));
}

static void
change_side_panel (GSimpleAction *action,
                   GVariant      *state,
                   gpointer       user_data)
{
  BplWindow *self = BPL_WINDOW (user_data);

  self->side_panel_visible = g_variant_get_boolean (state);
  g_simple_action_set_state (action, state);
  gtk_widget_set_visible (self->side_box, self->side_panel_visible);
}

static void
change_high_contrast (GSimpleAction *action,
                      GVariant      *state,
                      gpointer       user_data)
{
  BplWindow *self = BPL_WINDOW (user_data);

  self->high_contrast = g_variant_get_boolean (state);
  g_simple_action_set_state (action, state);
  /* bpl_style_init_from_widget () reads the class: the diagram takes the
   * high-contrast palette, style.css the rest of the window. */
  if (self->high_contrast)
    gtk_widget_add_css_class (GTK_WIDGET (self), "bpl-high-contrast");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "bpl-high-contrast");
  gtk_widget_queue_draw (GTK_WIDGET (self->diagram));
  gtk_widget_queue_draw (GTK_WIDGET (self->loss_plot));
}

static gboolean
on_key_pressed (BplWindow             *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  state &= gtk_accelerator_get_default_mod_mask ();
  if (state != 0)
    return FALSE;
  if (keyval == GDK_KEY_F9)
    {
      g_action_group_change_action_state (G_ACTION_GROUP (self), "show-side-panel",
                                          g_variant_new_boolean (!self->side_panel_visible));
      return TRUE;
    }
  if (keyval == GDK_KEY_F11 || (keyval == GDK_KEY_Escape && self->presentation))
    {
      g_action_group_change_action_state (G_ACTION_GROUP (self), "presentation",
                                          g_variant_new_boolean (keyval == GDK_KEY_F11 && !self->presentation));
      return TRUE;
    }
  return FALSE;
}

/* Worksheets */

static void
export_worksheet_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  /* A new dialog each time: it starts from the current selection. */
  gtk_window_present (GTK_WINDOW (bpl_worksheet_dialog_new (BPL_WINDOW (widget))));
}

/* Setup */

void
bpl_window_teach_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, BplWindow, side_box);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, history_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, history_label);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, history_live_button);

  gtk_widget_class_install_action (widget_class, "win.architecture", NULL, architecture_action);
  gtk_widget_class_install_action (widget_class, "win.set-layer-size", "(uu)", set_layer_size_action);
  gtk_widget_class_install_action (widget_class, "win.add-hidden-layer", NULL, add_hidden_layer_action);
  gtk_widget_class_install_action (widget_class, "win.remove-hidden-layer", "u", remove_hidden_layer_action);
  gtk_widget_class_install_action (widget_class, "win.set-activation", "(us)", set_activation_action);
  gtk_widget_class_install_action (widget_class, "win.set-loss", "s", set_loss_action);
  gtk_widget_class_install_action (widget_class, "win.set-bias-mode", "s", set_bias_mode_action);
  gtk_widget_class_install_action (widget_class, "win.set-update-biases", "b", set_update_biases_action);
  gtk_widget_class_install_action (widget_class, "win.set-training", "s", set_training_action);
  gtk_widget_class_install_action (widget_class, "win.set-update-order", "s", set_update_order_action);
  gtk_widget_class_install_action (widget_class, "win.set-seed", "u", set_seed_action);
  gtk_widget_class_install_action (widget_class, "win.randomize-weights", NULL, randomize_weights_action);
  gtk_widget_class_install_action (widget_class, "win.set-all-weights", "d", set_all_weights_action);
  gtk_widget_class_install_action (widget_class, "win.history-latest", NULL, history_latest_action);
  gtk_widget_class_install_action (widget_class, "win.history-view", "u", history_view_action);
  gtk_widget_class_install_action (widget_class, "win.export-worksheet", NULL, export_worksheet_action);
}

static const GActionEntry toggle_entries[] = {
  { "presentation", NULL, NULL, "false", change_presentation, { 0 } },
  { "show-side-panel", NULL, NULL, "true", change_side_panel, { 0 } },
  { "high-contrast", NULL, NULL, "false", change_high_contrast, { 0 } },
};

/* The menu shows F11 beside Presentation Mode and F9 beside Show Side
 * Panel; the keys themselves are caught
 * by on_key_pressed (), so it works before an application is set too. */
static void
on_application_set (BplWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  static const char *const presentation_accels[] = { "F11", NULL };
  static const char *const side_panel_accels[] = { "F9", NULL };

  if (app != NULL)
    {
      gtk_application_set_accels_for_action (app, "win.presentation", presentation_accels);
      gtk_application_set_accels_for_action (app, "win.show-side-panel", side_panel_accels);
    }
}

void
bpl_window_teach_init (BplWindow *self)
{
  GtkEventController *key;

  self->seed = 42;
  self->side_panel_visible = TRUE;
  g_action_map_add_action_entries (G_ACTION_MAP (self), toggle_entries, G_N_ELEMENTS (toggle_entries), self);

  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (on_key_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_set), NULL);
  g_signal_connect_object (self->history_adjustment, "value-changed", G_CALLBACK (on_history_scrubbed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "changed", G_CALLBACK (update_history), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "history-continued", G_CALLBACK (on_history_continued), self, G_CONNECT_SWAPPED);
  update_history (self);
}

void
bpl_window_teach_dispose (BplWindow *self)
{
  if (self->architecture_window != NULL)
    gtk_window_destroy (self->architecture_window);
  g_clear_pointer (&self->edit_error, g_free);
}

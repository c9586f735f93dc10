/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-preferences-window.h"

#include <glib/gi18n.h>

#include "bpl-spin-button.h"

struct _BplPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GtkSpinButton *precision_spin;
  GtkSpinButton *canvas_digits_spin;
  GtkSwitch *edge_width_switch;
  AdwComboRow *color_scheme_row;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (BplPreferencesWindow, bpl_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
on_scheme_selected (BplPreferencesWindow *self)
{
  if (self->settings != NULL)
    g_settings_set_enum (self->settings, "color-scheme", adw_combo_row_get_selected (self->color_scheme_row));
}

static void
bpl_preferences_window_dispose (GObject *object)
{
  BplPreferencesWindow *self = BPL_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BPL_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (bpl_preferences_window_parent_class)->dispose (object);
}

static void
bpl_preferences_window_class_init (BplPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bpl_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/backproplens/BackpropLens/bpl-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BplPreferencesWindow, precision_spin);
  gtk_widget_class_bind_template_child (widget_class, BplPreferencesWindow, canvas_digits_spin);
  gtk_widget_class_bind_template_child (widget_class, BplPreferencesWindow, edge_width_switch);
  gtk_widget_class_bind_template_child (widget_class, BplPreferencesWindow, color_scheme_row);
}

static void
bpl_preferences_window_init (BplPreferencesWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The preferences page scrolls: the wheel must not change the digits. */
  bpl_spin_button_scroll_when_focused (self->precision_spin);
  bpl_spin_button_scroll_when_focused (self->canvas_digits_spin);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return;
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "precision", self->precision_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "canvas-digits", self->canvas_digits_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "edge-width-by-magnitude", self->edge_width_switch, "active", G_SETTINGS_BIND_DEFAULT);
  adw_combo_row_set_selected (self->color_scheme_row, g_settings_get_enum (self->settings, "color-scheme"));
  g_signal_connect_object (self->color_scheme_row, "notify::selected",
                           G_CALLBACK (on_scheme_selected), self, G_CONNECT_SWAPPED);
}

GtkWidget *
bpl_preferences_window_new (void)
{
  return g_object_new (BPL_TYPE_PREFERENCES_WINDOW, NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-capture-keys.h"

#define CONTROLLER_NAME "bpl-capture-keys"
#define TABLE_KEY "bpl-capture-keys-table"

typedef struct
{
  const BplCaptureKey *keys;
  guint n_keys;
} KeyTable;

static const BplCaptureKey *
find_key (const KeyTable  *table,
          guint            keyval,
          GdkModifierType  modifiers)
{
  for (guint i = 0; i < table->n_keys; i++)
    if (table->keys[i].keyval == keyval && table->keys[i].modifiers == modifiers)
      return &table->keys[i];
  return NULL;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                KeyTable              *table)
{
  GtkWidget *window = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  const BplCaptureKey *key = find_key (table, keyval, state & gtk_accelerator_get_default_mod_mask ());

  if (key == NULL || (key->when != NULL && !key->when (window)))
    return FALSE;
  return gtk_widget_activate_action (window, key->action, NULL);
}

void
bpl_capture_keys_add (GtkWidget           *window,
                      const BplCaptureKey *keys,
                      guint                n_keys)
{
  GtkEventController *controller;
  KeyTable *table;

  g_return_if_fail (GTK_IS_WIDGET (window));

  table = g_new0 (KeyTable, 1);
  table->keys = keys;
  table->n_keys = n_keys;
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_static_name (controller, CONTROLLER_NAME);
  g_object_set_data_full (G_OBJECT (controller), TABLE_KEY, table, g_free);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), table);
  gtk_widget_add_controller (window, controller);
}

const char *
bpl_capture_keys_lookup (GtkWidget       *window,
                         guint            keyval,
                         GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (window), NULL);

  controllers = gtk_widget_observe_controllers (window);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      const KeyTable *table = g_object_get_data (G_OBJECT (controller), TABLE_KEY);
      const BplCaptureKey *key = table != NULL ? find_key (table, keyval, modifiers) : NULL;

      if (key != NULL)
        return key->action;
    }
  return NULL;
}

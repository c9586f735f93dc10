/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-capture-keys.h"

typedef struct
{
  const BplCaptureKey *keys;
  guint n_keys;
} KeyTable;

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                KeyTable              *table)
{
  GtkWidget *window = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  state &= gtk_accelerator_get_default_mod_mask ();
  for (guint i = 0; i < table->n_keys; i++)
    {
      const BplCaptureKey *key = &table->keys[i];

      if (key->keyval != keyval || key->modifiers != state)
        continue;
      if (key->when != NULL && !key->when (window))
        return FALSE;
      return gtk_widget_activate_action (window, key->action, NULL);
    }
  return FALSE;
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
  gtk_event_controller_set_static_name (controller, "bpl-capture-keys");
  g_signal_connect_data (controller, "key-pressed", G_CALLBACK (on_key_pressed), table,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_widget_add_controller (window, controller);
}

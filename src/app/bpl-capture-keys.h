/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-capture-keys.h: keys a window takes before its focus widget does
 * (Space steps even when a button has the focus; Ctrl+Z undoes the
 * document even in a spin button). Class shortcuts come after the focus
 * widget, so these are the only keys not declared with
 * gtk_widget_class_add_binding_action (): one table per window class.
 *
 * A key controller, not a capture-phase GtkShortcutController: it takes
 * the key's release too, so GtkWindow does not light the focus ring for a
 * key that was a command. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  guint keyval;
  GdkModifierType modifiers;
  const char *action;                 /* activated from the window */
  gboolean (*when) (GtkWidget *window); /* NULL: always */
} BplCaptureKey;

/* Adds to @window a controller for @keys (static: kept, not copied). */
void bpl_capture_keys_add (GtkWidget           *window,
                           const BplCaptureKey *keys,
                           guint                n_keys);

/* The action that @window's table gives @keyval with @modifiers, or NULL
 * (for tests and help). */
const char *bpl_capture_keys_lookup (GtkWidget       *window,
                                     guint            keyval,
                                     GdkModifierType  modifiers);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-architecture-window.h: the architecture editor: layers and neurons,
 * activations, loss, biases, training mode, update order and the initial
 * weights. Every change is one undo step of the session's document
 * (bpl-document.h's architecture edits); a refused one is said in the
 * editor. The editor follows the document, and emits "editing" before each
 * change it makes, so that the window can pause Play. */
#pragma once

#include <adwaita.h>

#include "bpl-session.h"

G_BEGIN_DECLS

#define BPL_TYPE_ARCHITECTURE_WINDOW (bpl_architecture_window_get_type ())
G_DECLARE_FINAL_TYPE (BplArchitectureWindow, bpl_architecture_window, BPL, ARCHITECTURE_WINDOW, AdwWindow)

GtkWidget *bpl_architecture_window_new (GtkWindow  *parent,
                                        BplSession *session);

G_END_DECLS

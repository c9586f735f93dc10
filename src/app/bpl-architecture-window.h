/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-architecture-window.h: the architecture editor: layers and neurons,
 * activations, loss, biases, training mode, update order and the initial
 * weights. Every change goes through a window action, so it is one undo
 * step of the window's document; the editor follows the document. */
#pragma once

#include <adwaita.h>

#include "bpl-window.h"

G_BEGIN_DECLS

#define BPL_TYPE_ARCHITECTURE_WINDOW (bpl_architecture_window_get_type ())
G_DECLARE_FINAL_TYPE (BplArchitectureWindow, bpl_architecture_window, BPL, ARCHITECTURE_WINDOW, AdwWindow)

GtkWidget *bpl_architecture_window_new (BplWindow *window);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-window.h: the main window: diagram, loss plot, training bar and the
 * derivation and parameter panels, all views of one session over one
 * document. */
#pragma once

#include <adwaita.h>

#include "bpl-document.h"
#include "bpl-recovery.h"
#include "bpl-session.h"

G_BEGIN_DECLS

#define BPL_TYPE_WINDOW (bpl_window_get_type ())
G_DECLARE_FINAL_TYPE (BplWindow, bpl_window, BPL, WINDOW, AdwApplicationWindow)

BplWindow   *bpl_window_new            (GtkApplication *application);
BplDocument *bpl_window_get_document   (BplWindow *self);
/* "session": what the window's views show of the document. */
BplSession  *bpl_window_get_session    (BplWindow *self);
/* The keeper of the document's recovery copy. */
BplRecovery *bpl_window_get_recovery   (BplWindow *self);
/* Loads @file; on failure keeps the network and shows the error. */
gboolean     bpl_window_open_file      (BplWindow *self,
                                        GFile     *file,
                                        GError   **error);
/* Writes the diagram as on screen; format from the extension. */
gboolean     bpl_window_export_to_path (BplWindow  *self,
                                        const char *path,
                                        double      scale,
                                        GError    **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-window.h: the main window: diagram, loss plot, training bar and the
 * derivation and parameter panels over one BplDocument. */
#pragma once

#include <adwaita.h>

#include "bpl-document.h"

G_BEGIN_DECLS

#define BPL_TYPE_WINDOW (bpl_window_get_type ())
G_DECLARE_FINAL_TYPE (BplWindow, bpl_window, BPL, WINDOW, AdwApplicationWindow)

BplWindow   *bpl_window_new          (GtkApplication *application);
BplDocument *bpl_window_get_document (BplWindow *self);
/* Loads @file; on failure keeps the network and shows the error. */
gboolean     bpl_window_open_file    (BplWindow *self,
                                      GFile     *file,
                                      GError   **error);
/* Writes the diagram as on screen; format from the extension. */
gboolean     bpl_window_export_to_path (BplWindow  *self,
                                        const char *path,
                                        double      scale,
                                        GError    **error);
void         bpl_window_show_error   (BplWindow  *self,
                                      const char *message);

G_END_DECLS

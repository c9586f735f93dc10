/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-preferences-window.h: the GSettings preferences. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BPL_TYPE_PREFERENCES_WINDOW (bpl_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (BplPreferencesWindow, bpl_preferences_window, BPL, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *bpl_preferences_window_new (void);

G_END_DECLS

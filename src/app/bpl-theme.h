/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-theme.h: the diagram's colours from the GTK theme's named colours. */
#pragma once

#include <gtk/gtk.h>

#include <backprop-lens/backprop-lens-diagram.h>

G_BEGIN_DECLS

/* Defines libadwaita's colour names (view_bg_color, accent_color, …) from
 * GTK's theme names, for themes without them (GTK_THEME=Adwaita:dark). */
void     bpl_theme_install_fallback_colors (GdkDisplay *display);

/* Fills @style from @widget's theme (accent_color, view_fg_color, …): dark
 * when the theme's colours are, high contrast when the system or the
 * window's own switch asks for it. */
void     bpl_style_init_from_widget (BplStyle  *style,
                                     GtkWidget *widget);

/* The system's high contrast, or the window's "bpl-high-contrast" class. */
gboolean bpl_theme_is_high_contrast (GtkWidget *widget);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-theme.h: the diagram's colours from the GTK theme's named colours. */
#pragma once

#include <gtk/gtk.h>

#include <backprop-lens/backprop-lens-diagram.h>

G_BEGIN_DECLS

/* Fills @style from @widget's theme (accent_color, view_fg_color, …), dark
 * and high contrast included. */
void bpl_style_init_from_widget (BplStyle  *style,
                                 GtkWidget *widget);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the GUI tests share: finding widgets and letting the main loop run. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The first widget of @type in @widget's tree, @widget included, or NULL. */
GtkWidget *bpl_app_test_find_child (GtkWidget *widget, GType type);
/* Runs @n main-loop iterations without blocking. */
void       bpl_app_test_iterate    (int n);
/* Waits (up to 5 s) until @widget is mapped, then lets a few frames pass. */
void       bpl_app_test_wait_until_mapped (GtkWidget *widget);

G_END_DECLS

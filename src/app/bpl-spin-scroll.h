/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-spin-scroll.h: spin buttons in a scrolled list that leave the mouse
 * wheel to the list unless they have the keyboard focus. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The name of the scroll controller that bpl_spin_button_scroll_when_focused
 * adds, for tests. */
#define BPL_SPIN_SCROLL_CONTROLLER_NAME "bpl-spin-scroll"

void bpl_spin_button_scroll_when_focused (GtkSpinButton *spin);

G_END_DECLS

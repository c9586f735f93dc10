/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-spin-button.h: what every spin button of the app needs: the mouse
 * wheel left to the scrolled list unless the button has the focus, and
 * values without the dust of repeated steps. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The name of the scroll controller that bpl_spin_button_scroll_when_focused
 * adds, for tests. */
#define BPL_SPIN_SCROLL_CONTROLLER_NAME "bpl-spin-scroll"

void   bpl_spin_button_scroll_when_focused (GtkSpinButton *spin);

/* The value, with what repeated − and + steps leave in binary swept away:
 * 0.05 − 5 × 0.01 is −3.5×10⁻¹⁸ in doubles, and a student means 0. */
double bpl_spin_button_get_tidy_value     (GtkSpinButton *spin);

/* Numbers in the locale's way (bpl-number-text.h): typed "0,25" or, where
 * not ambiguous, "0.25" in German; shown at @digits significant digits
 * with the locale's decimal separator. Text it cannot read is refused: the
 * spin button gets the "error" style and the reason as its tooltip, and
 * keeps its value. */
void   bpl_spin_button_use_locale_numbers (GtkSpinButton *spin,
                                           int            digits);

G_END_DECLS

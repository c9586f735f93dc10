/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-popover.h: popovers as GTK 4.8 should show them. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* While @popover is open, the tooltip of the button or drop-down that
 * opened it would lie over its first item (GTK 4.8 keeps it up): it goes,
 * and comes back when the popover closes. */
void bpl_popover_hide_owner_tooltip (GtkPopover *popover);

G_END_DECLS

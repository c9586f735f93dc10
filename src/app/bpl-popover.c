/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-popover.h"

static void
on_popover_visible (GtkPopover *popover)
{
  GtkWidget *owner = gtk_widget_get_parent (GTK_WIDGET (popover));
  gboolean open = gtk_widget_get_visible (GTK_WIDGET (popover));

  gtk_widget_set_has_tooltip (owner, !open && gtk_widget_get_tooltip_text (owner) != NULL);
  gtk_widget_trigger_tooltip_query (owner);
}

void
bpl_popover_hide_owner_tooltip (GtkPopover *popover)
{
  g_return_if_fail (GTK_IS_POPOVER (popover));
  g_signal_connect (popover, "notify::visible", G_CALLBACK (on_popover_visible), NULL);
}

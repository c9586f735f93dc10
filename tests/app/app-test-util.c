/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "app-test-util.h"

GtkWidget *
bpl_app_test_find_child (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = bpl_app_test_find_child (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

void
bpl_app_test_iterate (int n)
{
  for (int i = 0; i < n; i++)
    g_main_context_iteration (NULL, FALSE);
}

void
bpl_app_test_wait_until_mapped (GtkWidget *widget)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while ((gtk_widget_get_width (widget) <= 0 || !gtk_widget_get_mapped (widget)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  /* A few more frames for the first layout and paint. */
  bpl_app_test_iterate (20);
}

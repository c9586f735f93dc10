/* SPDX-License-Identifier: GPL-3.0-or-later */
/* minimal-window: the yardstick for start-up. A plain GtkWindow with a
 * label, in a GtkApplication like ours; prints the monotonic time of its
 * first painted frame and quits, exactly as backprop-lens does with
 * BPL_EXIT_AFTER_FIRST_FRAME=1. */
#include <gtk/gtk.h>

static void
on_after_paint (GdkFrameClock  *clock,
                GApplication   *app)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, app);
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_application_quit (app);
}

static void
on_realize (GtkWidget    *widget,
            GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                    G_CALLBACK (on_after_paint), app);
}

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);

  gtk_window_set_title (GTK_WINDOW (window), "Minimal");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 820);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Hello"));
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.backproplens.MinimalWindow",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}

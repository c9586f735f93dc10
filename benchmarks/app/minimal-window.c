/* SPDX-License-Identifier: GPL-3.0-or-later */
/* minimal-window: the yardstick for start-up. A plain GtkWindow with a
 * label, in a GtkApplication like ours, at the same default size as ours;
 * prints the monotonic time of its first painted frame and quits, exactly
 * as backprop-lens does with BPL_EXIT_AFTER_FIRST_FRAME=1.
 * G_MESSAGES_DEBUG=Minimal prints the same start-up phases as
 * G_MESSAGES_DEBUG=Bpl-App does for backprop-lens. */
#define G_LOG_DOMAIN "Minimal"
#include <gtk/gtk.h>

static gint64 startup_t0;

static void
log_phase (const char *phase)
{
  g_debug ("start-up: %s at %.1f ms", phase, (g_get_monotonic_time () - startup_t0) / 1000.0);
}

static void
on_after_paint (GdkFrameClock  *clock,
                GApplication   *app)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint, app);
  log_phase ("first frame painted");
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_application_quit (app);
}

static void
on_first_layout (GdkFrameClock *clock)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_layout, NULL);
  log_phase ("first frame laid out");
}

static void
on_first_paint (GdkFrameClock *clock)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint, NULL);
  log_phase ("first frame drawn and rendered");
}

static void
on_realize (GtkWidget    *widget,
            GApplication *app)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  log_phase ("window realized");
  g_signal_connect (clock, "layout", G_CALLBACK (on_first_layout), NULL);
  g_signal_connect (clock, "paint", G_CALLBACK (on_first_paint), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), app);
}

static void
on_startup (GtkApplication *app)
{
  log_phase ("GTK initialised");
}

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);

  log_phase ("activate");
  gtk_window_set_title (GTK_WINDOW (window), "Minimal");
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 820);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Hello"));
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), app);
  log_phase ("window built");
  gtk_window_present (GTK_WINDOW (window));
  log_phase ("window presented");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = NULL;

  startup_t0 = g_get_monotonic_time ();
  app = gtk_application_new ("io.github.backproplens.MinimalWindow", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "startup", G_CALLBACK (on_startup), NULL);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}

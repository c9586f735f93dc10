/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-training: training in the window: every view agrees with the
 * document after undo, redo and Reset; Play's speeds, from one step every
 * few seconds, and Pause After Each Step. */
#include "config.h"

#include "app-test-util.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "bpl-window-private.h"

typedef BplAppFixture Fixture;


static guint64
steps (Fixture *f)
{
  return bpl_network_get_steps (bpl_document_get_network (f->document));
}

/* What the window shows agrees with the document: title, Reset, Undo,
 * Redo, the status line and the timeline. */
static void
assert_views_agree (Fixture *f)
{
  const char *title = adw_window_title_get_title (f->window->window_title);
  guint n = bpl_document_get_n_history (f->document);
  g_autofree char *step = g_strdup_printf ("step %" G_GUINT64_FORMAT, steps (f));
  g_autofree char *latest = g_strdup_printf ("Step %" G_GUINT64_FORMAT " (latest)", steps (f));
  GtkWidget *reset = bpl_app_test_find_actionable (GTK_WIDGET (f->window), "win.reset");

  bpl_app_test_iterate (5);
  g_assert_cmpint (g_str_has_prefix (title, "• "), ==, bpl_document_get_modified (f->document));
  g_assert_nonnull (reset);
  g_assert_cmpint (gtk_widget_get_sensitive (reset), ==, bpl_document_get_can_reset (f->document));
  g_assert_nonnull (strstr (bpl_status_line_get_text (f->window->status_line), step));
  g_assert_cmpstr (bpl_timeline_get_text (f->window->timeline), ==, latest);
  /* The timeline runs by step, from the first kept to the latest. */
  g_assert_cmpfloat (gtk_adjustment_get_lower (bpl_timeline_get_adjustment (f->window->timeline)), ==,
                     bpl_document_get_history_step (f->document, 0));
  g_assert_cmpfloat (gtk_adjustment_get_upper (bpl_timeline_get_adjustment (f->window->timeline)), ==, steps (f));
  g_assert_cmpfloat (gtk_adjustment_get_value (bpl_timeline_get_adjustment (f->window->timeline)), ==, steps (f));
  g_assert_cmpuint (bpl_document_get_history_step (f->document, n - 1), ==, steps (f));
  g_assert_cmpuint (bpl_document_get_loss_steps (f->document)[bpl_document_get_n_loss_points (f->document) - 1],
                    ==, steps (f));
}

/* Issue 17 (3): w3 = 0.9, Step, Undo twice: Reset is off and the title clean. */
static void
test_reset_after_undo (Fixture       *f,
                       gconstpointer  data)
{
  bpl_document_set_param (f->document, (BplParam) { BPL_PARAM_WEIGHT, 2 }, 0.9);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.step", NULL);
  assert_views_agree (f);
  g_assert_true (bpl_document_get_can_reset (f->document));
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.undo", NULL);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.undo", NULL);
  assert_views_agree (f);
  g_assert_false (bpl_document_get_can_reset (f->document));
  g_assert_false (bpl_document_get_modified (f->document));
  g_assert_cmpfloat (bpl_network_get_weight (bpl_document_get_network (f->document), 2), ==, 0.25);
  /* Reset itself is one undo step. */
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.redo", NULL);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.redo", NULL);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.reset", NULL);
  assert_views_agree (f);
  g_assert_cmpfloat (bpl_network_get_weight (bpl_document_get_network (f->document), 2), ==, 0.9);
  g_assert_cmpuint (steps (f), ==, 0);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.undo", NULL);
  assert_views_agree (f);
  g_assert_cmpuint (steps (f), ==, 1);
}

static const char *
history_text (Fixture *f)
{
  return bpl_timeline_get_text (f->window->timeline);
}

/* Issue 17 (4): Train 1,000, Train 10,000, Undo, Redo: the timeline's middle
 * is the middle of the steps, as on the loss plot's axis, and every view
 * follows. */
static void
test_undo_redo_training (Fixture       *f,
                         gconstpointer  data)
{
  guint n_after, loss_after;
  guint64 step, previous;
  g_autofree char *showing = NULL;

  bpl_app_test_activate (GTK_WIDGET (f->window), "win.train", g_variant_new_uint64 (1000));
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.train", g_variant_new_uint64 (10000));
  n_after = bpl_document_get_n_history (f->document);
  loss_after = bpl_document_get_n_loss_points (f->document);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.undo", NULL);
  assert_views_agree (f);
  g_assert_cmpuint (bpl_document_get_n_history (f->document), ==, 1001);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.redo", NULL);
  assert_views_agree (f);
  g_assert_cmpuint (bpl_document_get_n_history (f->document), ==, n_after);
  g_assert_cmpuint (bpl_document_get_n_loss_points (f->document), ==, loss_after);

  gtk_adjustment_set_value (bpl_timeline_get_adjustment (f->window->timeline), 5500);
  bpl_app_test_iterate (5);
  step = steps (f);
  g_test_message ("the timeline's middle shows step %" G_GUINT64_FORMAT, step);
  g_assert_true (bpl_document_get_viewing_past (f->document));
  g_assert_cmpuint (step, >, 5000);
  g_assert_cmpuint (step, <, 6000);
  showing = g_strdup_printf ("Showing step %" G_GUINT64_FORMAT, step);
  g_assert_cmpstr (history_text (f), ==, showing);

  /* The arrow keys move on through the thinned older steps, never back. */
  previous = step;
  for (int i = 0; i < 200 && steps (f) == step; i++)
    {
      gtk_adjustment_set_value (bpl_timeline_get_adjustment (f->window->timeline),
                                gtk_adjustment_get_value (bpl_timeline_get_adjustment (f->window->timeline)) + 1);
      g_assert_cmpuint (steps (f), >=, previous);
      previous = steps (f);
    }
  g_assert_cmpuint (steps (f), >, step);

  /* The recent steps one by one, up to the latest. */
  gtk_adjustment_set_value (bpl_timeline_get_adjustment (f->window->timeline), 10999);
  g_assert_cmpuint (steps (f), ==, 10999);
  gtk_adjustment_set_value (bpl_timeline_get_adjustment (f->window->timeline), 11000);
  g_assert_false (bpl_document_get_viewing_past (f->document));
  g_assert_cmpstr (history_text (f), ==, "Step 11000 (latest)");
}

static void
set_speed (Fixture *f,
           double   per_second)
{
  GtkAdjustment *adjustment = f->window->speed_adjustment;

  for (double v = gtk_adjustment_get_lower (adjustment); v <= gtk_adjustment_get_upper (adjustment); v++)
    {
      gtk_adjustment_set_value (adjustment, v);
      if (fabs (g_settings_get_double (f->window->settings, "play-speed") - per_second) < 1e-9)
        return;
    }
  g_assert_not_reached ();
}

/* Runs the main loop for @seconds. */
static void
run_for (double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Runs the main loop until @f has taken @n steps, for at most @seconds. */
static void
run_until_steps (Fixture *f,
                 guint64  n,
                 double   seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (steps (f) < n && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* The speed says itself in words, from one step every 3 s up, and is kept
 * in the settings for the next window. */
static void
test_speed_label (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *every2 = _bpl_window_format_speed (0.5);
  g_autofree char *one = _bpl_window_format_speed (1);
  g_autofree char *sixty = _bpl_window_format_speed (60);
  BplWindow *second;

  g_assert_cmpstr (every2, ==, "1 step every 2 s");
  g_assert_cmpstr (one, ==, "1 step/s");
  g_assert_cmpstr (sixty, ==, "60 steps/s");

  gtk_adjustment_set_value (f->window->speed_adjustment, 0);
  g_assert_cmpstr (gtk_label_get_text (f->window->speed_label), ==, "1 step every 3 s");
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (f->window->settings, "play-speed"), 1.0 / 3, 1e-12);
  set_speed (f, 60);
  g_assert_cmpstr (gtk_label_get_text (f->window->speed_label), ==, "60 steps/s");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->window->speed_scale),
                                       GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, "60 steps/s");

  second = bpl_window_new (NULL);
  g_assert_cmpstr (gtk_label_get_text (second->speed_label), ==, "60 steps/s");
  gtk_window_destroy (GTK_WINDOW (second));
}

/* At one step every 3 s Play takes its first step at once, shows what it
 * changed, and the next only after 3 s; the window stays responsive. */
static void
test_play_slow (Fixture       *f,
                gconstpointer  data)
{
  gint64 worst = 0;
  gint64 end;

  gtk_adjustment_set_value (f->window->speed_adjustment, 0);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.play", NULL);
  /* At once: within a few frames. */
  run_until_steps (f, 1, 0.25);
  g_assert_cmpuint (steps (f), ==, 1);
  g_assert_nonnull (bpl_document_get_previous_weights (f->document));
  end = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    {
      gint64 start = g_get_monotonic_time ();

      g_main_context_iteration (NULL, FALSE);
      worst = MAX (worst, g_get_monotonic_time () - start);
    }
  g_test_message ("slowest main-loop iteration while playing slowly: %.1f ms", worst / 1000.0);
  g_assert_cmpuint (steps (f), ==, 1);
  g_assert_cmpint (worst, <, 500 * 1000);

  /* 2 steps/s: about 2 more in 1.25 s, not 60 a second. */
  set_speed (f, 2);
  run_for (1.25);
  g_assert_cmpuint (steps (f), >=, 2);
  g_assert_cmpuint (steps (f), <=, 5);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.play", NULL);
  /* The run is one undo step. */
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.undo", NULL);
  g_assert_cmpuint (steps (f), ==, 0);
}

/* Fast Play still trains many steps a frame and keeps frames coming. */
static void
test_play_fast (Fixture       *f,
                gconstpointer  data)
{
  gtk_adjustment_set_value (f->window->speed_adjustment, gtk_adjustment_get_upper (f->window->speed_adjustment));
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.play", NULL);
  run_for (0.5);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.play", NULL);
  g_test_message ("%" G_GUINT64_FORMAT " steps in 0.5 s at the fastest speed", steps (f));
  /* Under valgrind (meson test --setup valgrind) a step takes a hundred
   * times as long: it must still train, at whatever speed. */
  g_assert_cmpuint (steps (f), >, g_getenv ("BPL_UNDER_VALGRIND") != NULL ? 0 : 1000);
}

/* Pause After Each Step: Play takes one step, shown as Step shows it, and
 * pauses; the Play button is not left pressed. */
static void
test_pause_after_step (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *play = bpl_app_test_find_actionable (GTK_WIDGET (f->window), "win.play");
  gboolean playing = TRUE;

  g_assert_true (GTK_IS_TOGGLE_BUTTON (play));
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.pause-after-step", NULL);
  g_assert_true (g_settings_get_boolean (f->window->settings, "pause-after-step"));

  g_signal_emit_by_name (play, "clicked");
  bpl_app_test_iterate (20);
  g_assert_cmpuint (steps (f), ==, 1);
  g_object_get (f->window, "playing", &playing, NULL);
  g_assert_false (playing);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (play)));
  g_assert_nonnull (bpl_document_get_previous_weights (f->document));
  run_for (0.3);
  g_assert_cmpuint (steps (f), ==, 1);

  /* Ctrl+Space (Play) again: the next step. */
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.play", NULL);
  bpl_app_test_iterate (20);
  g_assert_cmpuint (steps (f), ==, 2);

  /* Turned on while playing, it pauses. */
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.pause-after-step", NULL);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.play", NULL);
  g_object_get (f->window, "playing", &playing, NULL);
  g_assert_true (playing);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.pause-after-step", NULL);
  g_object_get (f->window, "playing", &playing, NULL);
  g_assert_false (playing);
}

int
main (int   argc,
      char *argv[])
{
  if (!bpl_app_test_init (&argc, &argv))
    return 0;

  BPL_APP_TEST_ADD ("/app/training/reset-after-undo", test_reset_after_undo);
  BPL_APP_TEST_ADD ("/app/training/undo-redo-training", test_undo_redo_training);
  BPL_APP_TEST_ADD ("/app/training/speed-label", test_speed_label);
  BPL_APP_TEST_ADD ("/app/training/play-slow", test_play_slow);
  BPL_APP_TEST_ADD ("/app/training/play-fast", test_play_fast);
  BPL_APP_TEST_ADD ("/app/training/pause-after-step", test_pause_after_step);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-window.c: the window class: its document and session, the title
 * and the actions that follow the document, training (Step, Train, Play,
 * Reset, Undo, Redo) and the keys the window takes before the focus. */
#include "config.h"

#include "bpl-window.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bpl-capture-keys.h"
#include "bpl-file-names.h"
#include "bpl-window-private.h"

/* Play never spends more than this on training in one frame. */
#define PLAY_BUDGET_US 10000
/* Training gets what the frame leaves, the views' own work (a large
 * network's base image, the panels) measured on the frame before; at
 * least this much, so that a slow frame still trains. */
#define PLAY_MIN_BUDGET_US 1000
#define PLAY_FRAME_MARGIN_US 2000
/* At this speed or slower each step shows what changed, as Step does. */
#define PLAY_SHOW_CHANGE_SPEED 1.0

/* Play speeds in steps per second, slowest first: slow enough to talk over
 * each step, then one step a frame (60 a second), then as many a frame as
 * the time budget allows. The speed scale picks one. */
static const double play_speeds[] = {
  1.0 / 3, 1.0 / 2, 1, 2, 3, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 3000, 6000,
  12000, 30000, 60000, 120000, 300000, 600000, 1200000, 3000000, 6000000,
};

/* The session's view toggles, each a "win." action of the same name that
 * menu items and toggle buttons use. */
static const char *const session_toggles[] = { "log-scale", "data-view", "heat-maps", "discretize" };

G_DEFINE_FINAL_TYPE (BplWindow, bpl_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_SESSION,
  PROP_PLAYING,
  PROP_PAUSE_AFTER_STEP,
  PROP_PRESENTATION,
  PROP_SHOW_SIDE_PANEL,
  PROP_HIGH_CONTRAST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Messages */

void
_bpl_window_toast (BplWindow  *self,
                   const char *message)
{
  /* A toast's title is markup: a file name or a parse error may hold < or &. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_bpl_window_show_error_dialog (BplWindow  *self,
                               const char *heading,
                               const char *body)
{
  GtkWidget *dialog;

  g_return_if_fail (BPL_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Following the document */

/* As GNOME Text Editor: the file's name as the title, its folder below. */
static void
update_title (BplWindow *self)
{
  const char *name = bpl_document_get_title (self->document);
  gboolean modified = bpl_document_get_modified (self->document);
  GFile *file = bpl_document_get_file (self->document);
  g_autofree char *title = modified ? g_strdup_printf ("• %s", name) : g_strdup (name);
  g_autofree char *subtitle = NULL;

  if (file != NULL)
    {
      g_autofree char *folder = bpl_file_dup_folder_name (file);

      subtitle = modified ? g_strdup_printf (_("%s — unsaved changes"), folder) : g_steal_pointer (&folder);
    }
  else if (modified)
    subtitle = g_strdup (_("Unsaved changes"));
  else
    subtitle = g_strdup (_("Built-in example"));

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_undo_actions (BplWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", bpl_document_get_can_undo (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", bpl_document_get_can_redo (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset", bpl_document_get_can_reset (self->document));
}

static void
on_selection_changed (BplWindow *self)
{
  BplParam param;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-derivation",
                                 bpl_session_get_selected_param (self->session, &param));
}

static void
follow_document (BplWindow *self)
{
  g_signal_connect_object (self->document, "notify::title", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::modified", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::file", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::can-undo", G_CALLBACK (update_undo_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::can-redo", G_CALLBACK (update_undo_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::can-reset", G_CALLBACK (update_undo_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::selection", G_CALLBACK (on_selection_changed), self,
                           G_CONNECT_SWAPPED);
  update_title (self);
  update_undo_actions (self);
  on_selection_changed (self);
}

/* Play speeds */

static guint
speed_index (BplWindow *self)
{
  double value = round (gtk_adjustment_get_value (self->speed_adjustment));

  return (guint) CLAMP (value, 0, G_N_ELEMENTS (play_speeds) - 1);
}

static double
play_speed (BplWindow *self)
{
  return play_speeds[speed_index (self)];
}

/* The stop nearest @per_second, on a log scale. */
static guint
speed_index_for (double per_second)
{
  guint best = 0;

  for (guint i = 1; i < G_N_ELEMENTS (play_speeds); i++)
    if (fabs (log (play_speeds[i] / per_second)) < fabs (log (play_speeds[best] / per_second)))
      best = i;
  return best;
}

char *
_bpl_window_format_speed (double steps_per_second)
{
  if (steps_per_second < 1)
    {
      int seconds = (int) lround (1 / steps_per_second);

      /* Translators: Play's speed, e.g. "1 step every 3 s" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "1 step every %d s", "1 step every %d s", seconds),
                              seconds);
    }
  else
    {
      guint64 n = (guint64) llround (steps_per_second);
      /* Digits grouped as the locale groups them: 6,000 in English. */
      g_autofree char *count = g_strdup_printf ("%'" G_GUINT64_FORMAT, n);

      /* Translators: Play's speed, e.g. "60 steps/s" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s step/s", "%s steps/s", n), count);
    }
}

static void
update_speed_label (BplWindow *self)
{
  g_autofree char *text = _bpl_window_format_speed (play_speed (self));
  PangoAttrList *attrs = pango_attr_list_new ();

  /* Two lines break at a space, never in "steps/s": "6.000 steps/s" in
   * German is a character longer than "6000 steps/s" in C. */
  for (const char *slash = strchr (text, '/'); slash != NULL; slash = strchr (slash + 1, '/'))
    {
      PangoAttribute *keep = pango_attr_allow_breaks_new (FALSE);

      keep->start_index = (guint) (slash - text);
      keep->end_index = (guint) MIN (strlen (text), (gsize) (slash - text) + 2);
      pango_attr_list_insert (attrs, keep);
    }
  gtk_label_set_text (self->speed_label, text);
  gtk_label_set_attributes (self->speed_label, attrs);
  pango_attr_list_unref (attrs);
  /* A screen reader says the speed, not the scale's position. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->speed_scale),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
  if (self->settings != NULL)
    g_settings_set_double (self->settings, "play-speed", play_speed (self));
}

/* Play */

void
_bpl_window_stop_playing (BplWindow *self)
{
  gint64 seconds;

  if (!self->playing)
    return;
  self->playing = FALSE;
  if (self->play_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->play_tick);
  self->play_tick = 0;
  if (self->play_clock != NULL)
    g_clear_signal_handler (&self->play_after_paint, self->play_clock);
  g_clear_object (&self->play_clock);
  seconds = g_get_monotonic_time () - self->play_started;
  g_debug ("played %" G_GUINT64_FORMAT " steps in %u frames over %.2f s (%.1f frames/s)",
           self->play_steps, self->play_frames, seconds / 1e6, self->play_frames / MAX (1e-6, seconds / 1e6));
  adw_button_content_set_icon_name (self->play_content, "media-playback-start-symbolic");
  adw_button_content_set_label (self->play_content, _("_Play"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

/* A step the core refused: training stops and says why. */
static void
refuse (BplWindow    *self,
        const GError *error)
{
  g_autofree char *body = NULL;

  _bpl_window_stop_playing (self);
  if (g_error_matches (error, BPL_ERROR, BPL_ERROR_NOT_FINITE))
    {
      /* Exploding training: said where it can be read, not in a toast. */
      body = g_strdup_printf (_("%s\n\nThe network keeps the last values that were finite numbers. Lower the learning rate η, or undo, and train again."),
                              error->message);
      _bpl_window_show_error_dialog (self, _("Training Stopped"), body);
    }
  else
    _bpl_window_toast (self, error->message);
}

static gboolean
play_tick (GtkWidget     *widget,
           GdkFrameClock *clock,
           gpointer       user_data)
{
  BplWindow *self = BPL_WINDOW (widget);
  double speed = play_speed (self);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  g_autoptr(GError) error = NULL;
  guint64 wanted, done = 0;
  gint64 start, elapsed;
  gboolean ok;

  /* Steps are owed at the speed asked for, whatever the frame rate. */
  if (self->play_last_time != 0)
    self->play_owed += speed * (double) (now - self->play_last_time) / G_USEC_PER_SEC;
  self->play_last_time = now;
  if (self->play_owed < 1)
    return G_SOURCE_CONTINUE;

  /* Train in slices sized from the last frame's speed, within what the
   * frame has left once the views have drawn, so that input and drawing
   * never wait on training. */
  wanted = MIN ((guint64) self->play_owed, self->play_slice);
  start = g_get_monotonic_time ();
  if (wanted == 1 && speed <= PLAY_SHOW_CHANGE_SPEED)
    {
      ok = bpl_document_advance_one (self->document, &error);
      done = ok ? 1 : 0;
    }
  else
    ok = bpl_document_advance (self->document, wanted, &done, &error);
  if (!ok)
    {
      refuse (self, error);
      self->play_tick = 0;
      return G_SOURCE_REMOVE;
    }
  self->play_trained_at = g_get_monotonic_time ();
  elapsed = MAX (1, self->play_trained_at - start);
  /* What could not be trained in time is not owed any more. */
  self->play_owed = MIN (self->play_owed - (double) done, 1.0);
  {
    gint64 interval = 0, budget;

    gdk_frame_clock_get_refresh_info (clock, now, &interval, NULL);
    if (interval <= 0)
      interval = G_USEC_PER_SEC / 60;
    budget = CLAMP (interval - self->play_paint_us - PLAY_FRAME_MARGIN_US, PLAY_MIN_BUDGET_US,
                    PLAY_BUDGET_US);
    self->play_slice = CLAMP ((guint64) ((double) MAX (done, 1) * budget / elapsed), 1, 1000000);
  }
  self->play_frames++;
  self->play_steps += done;
  return G_SOURCE_CONTINUE;
}

/* How long the views took to lay out and paint the frame after training. */
static void
on_play_after_paint (GdkFrameClock *clock,
                     BplWindow     *self)
{
  if (self->play_trained_at != 0)
    self->play_paint_us = g_get_monotonic_time () - self->play_trained_at;
  self->play_trained_at = 0;
}

static void
start_playing (BplWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->playing)
    return;
  self->playing = TRUE;
  self->play_paint_us = 0;
  self->play_trained_at = 0;
  if (clock != NULL)
    {
      self->play_clock = g_object_ref (clock);
      self->play_after_paint = g_signal_connect_object (clock, "after-paint",
                                                        G_CALLBACK (on_play_after_paint), self, 0);
    }
  bpl_document_begin_play (self->document);
  /* The first step at once, then at the speed asked for. */
  self->play_owed = 1;
  self->play_last_time = 0;
  self->play_slice = 100;
  self->play_frames = 0;
  self->play_steps = 0;
  self->play_started = g_get_monotonic_time ();
  self->play_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), play_tick, NULL, NULL);
  adw_button_content_set_icon_name (self->play_content, "media-playback-pause-symbolic");
  adw_button_content_set_label (self->play_content, _("_Pause"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

/* Pause After Each Step: Play takes one step, shown as Step shows it, and
 * stays paused; the button follows the property, which stays FALSE. */
static void
play_one_step (BplWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
  if (!bpl_document_step (self->document, &error))
    refuse (self, error);
}

static void
set_playing (BplWindow *self,
             gboolean   playing)
{
  if (!playing)
    _bpl_window_stop_playing (self);
  else if (self->pause_after_step)
    play_one_step (self);
  else
    start_playing (self);
}

static void
set_pause_after_step (BplWindow *self,
                      gboolean   pause)
{
  pause = !!pause;
  if (self->pause_after_step == pause)
    return;
  self->pause_after_step = pause;
  if (pause)
    _bpl_window_stop_playing (self);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               pause ? _("One training step, then pause (Ctrl+Space)")
                                     : _("Train continuously (Ctrl+Space)"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSE_AFTER_STEP]);
}

/* Training actions */

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  _bpl_window_stop_playing (self);
  if (!bpl_document_step (self->document, &error))
    refuse (self, error);
}

static void
train_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  guint64 n = g_variant_get_uint64 (parameter);

  _bpl_window_stop_playing (self);
  if (!bpl_document_train (self->document, n, NULL, &error))
    refuse (self, error);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);

  _bpl_window_stop_playing (self);
  bpl_document_reset (self->document);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);

  _bpl_window_stop_playing (self);
  bpl_document_undo (self->document);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);

  _bpl_window_stop_playing (self);
  bpl_document_redo (self->document);
}

/* Panels and help */

static void
show_panel_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->side_stack, g_variant_get_string (parameter, NULL));
}

/* The side panel's width where the window has room. Its minimum is small
 * (it scrolls) so that the window fits a projector's 800 px, and GtkPaned
 * would give it no more than that: the handle moves to give it this width
 * whenever the window's width, or the other side's minimum, changes. */
#define SIDE_PANEL_WIDTH 380

static void
on_hpaned_limits (BplWindow *self)
{
  GtkWidget *side = gtk_paned_get_end_child (self->hpaned);
  int min_position, max_position, side_min;

  if (side == NULL || !gtk_widget_get_visible (side))
    return;
  g_object_get (self->hpaned, "min-position", &min_position, "max-position", &max_position, NULL);
  gtk_widget_measure (side, GTK_ORIENTATION_HORIZONTAL, -1, &side_min, NULL, NULL, NULL);
  /* The handle stays between the two minimum widths: GtkPaned 4.8 would
   * lay the side panel out past the window's edge. */
  gtk_paned_set_position (self->hpaned, CLAMP (max_position + side_min - SIDE_PANEL_WIDTH,
                                               min_position, max_position));
}

/* The keyboard shortcuts window, built the first time it is asked for.
 * GTK builds one with every application window from gtk/help-overlay.ui,
 * 12 ms of start-up for a window most sessions never open. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);

  if (self->shortcuts_window == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/backproplens/BackpropLens/bpl-shortcuts-window.ui");

      self->shortcuts_window = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_window_set_transient_for (self->shortcuts_window, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->shortcuts_window, TRUE);
    }
  gtk_window_present (self->shortcuts_window);
}

/* Keys the window takes before the focus widget does */

/* Space steps and Ctrl+Space plays, except where Space types text; before
 * GtkWindow's own Space binding (activate the focus widget) and a button's. */
static gboolean
focus_takes_no_text (GtkWidget *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus == NULL || !(GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus));
}

/* Escape leaves presentation mode, before the diagram clears its
 * selection; otherwise it goes on to the focus widget. */
static gboolean
presenting (GtkWidget *window)
{
  return BPL_WINDOW (window)->presentation;
}

/* The lecturer's keys work before a menu or a text field too. */
static const BplCaptureKey capture_keys[] = {
  { GDK_KEY_space, 0, "win.step", focus_takes_no_text },
  { GDK_KEY_KP_Space, 0, "win.step", focus_takes_no_text },
  { GDK_KEY_space, GDK_CONTROL_MASK, "win.play", focus_takes_no_text },
  { GDK_KEY_KP_Space, GDK_CONTROL_MASK, "win.play", focus_takes_no_text },
  { GDK_KEY_Escape, 0, "win.presentation", presenting },
  { GDK_KEY_F11, 0, "win.presentation", NULL },
  { GDK_KEY_F9, 0, "win.show-side-panel", NULL },
};

/* The data view takes two fifths of the width, as the window changes size,
 * until the user moves the divider: the canvas's natural width (the
 * graph's can be the whole screen's) would leave it none. */
static void
place_data_view (BplWindow *self)
{
  int max = 0;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->data_view)))
    {
      self->data_view_placed = FALSE;
      return;
    }
  g_object_get (self->data_paned, "max-position", &max, NULL);
  /* G_MAXINT until the pane is allocated. */
  if (self->data_view_placed || max <= 0 || max == G_MAXINT)
    return;
  self->placing_data_view = TRUE;
  gtk_paned_set_position (self->data_paned, (int) ((gint64) max * 3 / 5));
  self->placing_data_view = FALSE;
}

static void
on_data_paned_moved (BplWindow *self)
{
  /* The user's divider from now on. */
  if (!self->placing_data_view && gtk_widget_get_visible (GTK_WIDGET (self->data_view))
      && gtk_widget_get_mapped (GTK_WIDGET (self->data_view)))
    self->data_view_placed = TRUE;
}

static void
on_canvas_view_change_state (GSimpleAction *action,
                             GVariant      *state,
                             BplWindow     *self)
{
  const char *name = g_variant_get_string (state, NULL);

  if (gtk_stack_get_child_by_name (self->canvas_stack, name) != NULL)
    gtk_stack_set_visible_child_name (self->canvas_stack, name);
}

static void
on_canvas_view_shown (GtkStack      *stack,
                      GParamSpec    *pspec,
                      GSimpleAction *action)
{
  const char *name = gtk_stack_get_visible_child_name (stack);

  if (name != NULL)
    g_simple_action_set_state (action, g_variant_new_string (name));
  /* The keys go where the eyes go: the arrows step the graph's pass or
   * move the diagram's selection. */
  if (gtk_stack_get_visible_child (stack) != NULL)
    gtk_widget_grab_focus (gtk_stack_get_visible_child (stack));
}

gboolean
_bpl_window_shows_graph (BplWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->canvas_stack), "graph") == 0;
}

/* Settings */

static void
apply_settings (BplWindow *self)
{
  BplLayoutOptions options = *bpl_diagram_widget_get_layout_options (self->diagram);
  int precision = g_settings_get_int (self->settings, "precision");

  options.digits = g_settings_get_int (self->settings, "canvas-digits");
  options.width_by_magnitude = g_settings_get_boolean (self->settings, "edge-width-by-magnitude");
  bpl_diagram_widget_set_layout_options (self->diagram, &options);
  bpl_derivation_panel_set_digits (self->derivation_panel, precision);
  bpl_graph_view_set_digits (self->graph_view, precision);
  bpl_status_line_set_digits (self->status_line, precision);
  bpl_parameters_panel_set_digits (self->parameters_panel, MAX (precision - 1, 1));
}

/* The window's size, Play's speed and the session's view toggles come
 * from Settings and go back there. */
static void
load_settings (BplWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  gtk_adjustment_set_upper (self->speed_adjustment, G_N_ELEMENTS (play_speeds) - 1);
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), 1280, 820);
      gtk_adjustment_set_value (self->speed_adjustment, speed_index_for (6000));
      return;
    }
  self->settings = g_settings_new (APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_adjustment_set_value (self->speed_adjustment,
                            speed_index_for (g_settings_get_double (self->settings, "play-speed")));
  g_settings_bind (self->settings, "log-scale", self->session, "log-scale", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "pause-after-step", self, "pause-after-step", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (apply_settings), self, G_CONNECT_SWAPPED);
  apply_settings (self);
}

static void
save_size (BplWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

/* Closing */

static void
destroy_continuation (BplWindow *self,
                      gpointer   data)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
bpl_window_close_request (GtkWindow *window)
{
  BplWindow *self = BPL_WINDOW (window);

  save_size (self);
  _bpl_window_stop_playing (self);
  if (!self->close_confirmed && bpl_document_get_modified (self->document))
    {
      _bpl_window_confirm_discard (self, destroy_continuation, NULL, NULL);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (bpl_window_parent_class)->close_request (window);
}

/* Public */

BplDocument *
bpl_window_get_document (BplWindow *self)
{
  g_return_val_if_fail (BPL_IS_WINDOW (self), NULL);
  return self->document;
}

BplSession *
bpl_window_get_session (BplWindow *self)
{
  g_return_val_if_fail (BPL_IS_WINDOW (self), NULL);
  return self->session;
}

BplRecovery *
bpl_window_get_recovery (BplWindow *self)
{
  g_return_val_if_fail (BPL_IS_WINDOW (self), NULL);
  return self->recovery;
}

/* GObject */

static void
bpl_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BplWindow *self = BPL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_PAUSE_AFTER_STEP:
      g_value_set_boolean (value, self->pause_after_step);
      break;
    case PROP_PRESENTATION:
      g_value_set_boolean (value, self->presentation);
      break;
    case PROP_SHOW_SIDE_PANEL:
      g_value_set_boolean (value, self->side_panel_visible);
      break;
    case PROP_HIGH_CONTRAST:
      g_value_set_boolean (value, self->high_contrast);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bpl_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  BplWindow *self = BPL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_PAUSE_AFTER_STEP:
      set_pause_after_step (self, g_value_get_boolean (value));
      break;
    case PROP_PRESENTATION:
      _bpl_window_set_presentation (self, g_value_get_boolean (value));
      break;
    case PROP_SHOW_SIDE_PANEL:
      _bpl_window_set_side_panel_visible (self, g_value_get_boolean (value));
      break;
    case PROP_HIGH_CONTRAST:
      _bpl_window_set_high_contrast (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bpl_window_dispose (GObject *object)
{
  BplWindow *self = BPL_WINDOW (object);

  if (self->play_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->play_tick);
  self->play_tick = 0;
  if (self->play_clock != NULL)
    g_clear_signal_handler (&self->play_after_paint, self->play_clock);
  g_clear_object (&self->play_clock);
  _bpl_window_files_dispose (self);
  _bpl_window_teach_dispose (self);
  _bpl_window_lesson_dispose (self);
  if (self->shortcuts_window != NULL)
    gtk_window_destroy (g_steal_pointer (&self->shortcuts_window));
  gtk_widget_dispose_template (GTK_WIDGET (self), BPL_TYPE_WINDOW);
  /* GtkApplicationWindow keeps its actions past dispose: these hold the
   * session. */
  for (guint i = 0; i < G_N_ELEMENTS (session_toggles); i++)
    g_action_map_remove_action (G_ACTION_MAP (self), session_toggles[i]);
  /* Closed on purpose (saved, or the user chose Discard): no copy remains.
   * Only a crash leaves one behind. */
  if (self->recovery != NULL)
    bpl_recovery_discard (self->recovery);
  g_clear_object (&self->recovery);
  g_clear_object (&self->session);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bpl_window_parent_class)->dispose (object);
}

static GParamSpec *
boolean_property (const char *name,
                  gboolean    default_value)
{
  return g_param_spec_boolean (name, NULL, NULL, default_value,
                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
bpl_window_class_init (BplWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = bpl_window_dispose;
  object_class->get_property = bpl_window_get_property;
  object_class->set_property = bpl_window_set_property;
  window_class->close_request = bpl_window_close_request;

  /* What every view of the window shows: its widgets bind to it in the .ui. */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, BPL_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] = boolean_property ("playing", FALSE);
  /* Play takes one step, then pauses: the lecturer talks, then plays on. */
  properties[PROP_PAUSE_AFTER_STEP] = boolean_property ("pause-after-step", FALSE);
  properties[PROP_PRESENTATION] = boolean_property ("presentation", FALSE);
  properties[PROP_SHOW_SIDE_PANEL] = boolean_property ("show-side-panel", TRUE);
  properties[PROP_HIGH_CONTRAST] = boolean_property ("high-contrast", FALSE);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BPL_TYPE_DIAGRAM_WIDGET);
  g_type_ensure (BPL_TYPE_DATA_VIEW_WIDGET);
  g_type_ensure (BPL_TYPE_GRAPH_VIEW);
  g_type_ensure (BPL_TYPE_LOSS_PLOT);
  g_type_ensure (BPL_TYPE_STATUS_LINE);
  g_type_ensure (BPL_TYPE_TIMELINE);
  g_type_ensure (BPL_TYPE_DERIVATION_PANEL);
  g_type_ensure (BPL_TYPE_PARAMETERS_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/backproplens/BackpropLens/bpl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BplWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, hpaned);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, vpaned);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, canvas_stack);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, diagram);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, data_paned);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, data_view);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, graph_view);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, loss_plot);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, status_line);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, play_content);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, speed_scale);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, speed_adjustment);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, speed_label);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, side_box);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, derivation_panel);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, parameters_panel);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, main_menu_button);
  gtk_widget_class_bind_template_child (widget_class, BplWindow, train_menu_button);

  gtk_widget_class_install_action (widget_class, "win.step", NULL, step_action);
  gtk_widget_class_install_property_action (widget_class, "win.play", "playing");
  gtk_widget_class_install_property_action (widget_class, "win.pause-after-step", "pause-after-step");
  gtk_widget_class_install_action (widget_class, "win.train", "t", train_action);
  gtk_widget_class_install_action (widget_class, "win.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.show-panel", "s", show_panel_action);

  _bpl_window_files_class_init (widget_class);
  _bpl_window_teach_class_init (widget_class);
  _bpl_window_lesson_class_init (widget_class);
}

static void
bpl_window_init (BplWindow *self)
{
  gint64 t0 = g_get_monotonic_time ();

  /* Before the template: its views bind to the session as they are built. */
  self->document = bpl_document_new ();
  self->session = bpl_session_new (self->document);
  self->recovery = bpl_recovery_new (self->document);
  self->side_panel_visible = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (session_toggles); i++)
    {
      g_autoptr(GPropertyAction) action = g_property_action_new (session_toggles[i], self->session,
                                                                 session_toggles[i]);

      g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
    }

  /* The data view beside the diagram, when the session shows it. */
  g_object_bind_property (self->session, "data-view", self->data_view, "visible", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->data_view, "notify::visible", G_CALLBACK (place_data_view), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->data_paned, "notify::max-position", G_CALLBACK (place_data_view), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->data_paned, "notify::position", G_CALLBACK (on_data_paned_moved), self,
                           G_CONNECT_SWAPPED);
  /* "diagram" or "graph": what the canvas shows. An action of its own,
   * not a GPropertyAction, which would keep the stack and its views (and
   * so the session) alive. */
  {
    g_autoptr(GSimpleAction) action = g_simple_action_new_stateful ("canvas-view", G_VARIANT_TYPE_STRING,
                                                                    g_variant_new_string ("diagram"));

    g_signal_connect_object (action, "change-state", G_CALLBACK (on_canvas_view_change_state), self, 0);
    g_signal_connect_object (self->canvas_stack, "notify::visible-child-name",
                             G_CALLBACK (on_canvas_view_shown), action, 0);
    g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
  }

  load_settings (self);
  g_signal_connect_object (self->speed_adjustment, "value-changed", G_CALLBACK (update_speed_label), self,
                           G_CONNECT_SWAPPED);
  update_speed_label (self);
  bpl_capture_keys_add (GTK_WIDGET (self), capture_keys, G_N_ELEMENTS (capture_keys));
  follow_document (self);

  g_signal_connect_object (self->hpaned, "notify::min-position",
                           G_CALLBACK (on_hpaned_limits), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->hpaned, "notify::max-position",
                           G_CALLBACK (on_hpaned_limits), self, G_CONNECT_SWAPPED);

  _bpl_window_files_init (self);
  _bpl_window_teach_init (self);
  _bpl_window_lesson_init (self);
  g_debug ("window built in %.1f ms", (g_get_monotonic_time () - t0) / 1000.0);
  gtk_widget_grab_focus (GTK_WIDGET (self->diagram));
}

BplWindow *
bpl_window_new (GtkApplication *application)
{
  return g_object_new (BPL_TYPE_WINDOW, "application", application, NULL);
}

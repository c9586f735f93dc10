/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-animation-dialog.c: Export Animation. The frames are drawn and
 * encoded in a GTask's thread (the diagram's text holds its own lock, so
 * drawing off the main thread is safe); the thread stores how many frames
 * are done and a timer moves the progress bar. */
#include "config.h"

#include "bpl-animation-dialog.h"

#include <glib/gi18n.h>

#include "bpl-spin-button.h"
#include "bpl-file-chooser.h"

struct _BplAnimationDialog
{
  AdwWindow parent_instance;

  AdwComboRow *kind_row;
  GtkSpinButton *steps_spin;
  AdwActionRow *steps_row;
  GtkSpinButton *seconds_spin;
  AdwComboRow *size_row;
  AdwComboRow *fps_row;
  AdwComboRow *format_row;
  GtkLabel *status_label;
  GtkProgressBar *progress_bar;
  GtkWidget *export_button;
  GtkWidget *cancel_button;
  GtkWidget *form;

  BplNetwork *network;          /* the copy animated */
  guint sample;
  char *select;
  BplStyle style;
  BplLayoutOptions layout_options;
  guint walk_steps;             /* the selection's backward pass; 0 when it cannot be drawn */
  char *walk_error;

  GCancellable *cancellable;    /* while an export runs */
  gint frames_done;             /* written by the worker thread */
  gint n_frames;
  guint progress_timer;
  gboolean close_when_done;
  gboolean gone;                /* hidden or destroyed while an export ran */
  GApplication *held;           /* kept running until the export stops */
};

G_DEFINE_FINAL_TYPE (BplAnimationDialog, bpl_animation_dialog, ADW_TYPE_WINDOW)

enum
{
  REPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const guint sizes[][2] = { { 640, 360 }, { 854, 480 }, { 1280, 720 }, { 1920, 1080 } };
static const guint rates[] = { 10, 15, 24, 25, 30, 50, 60 };
static const BplMediaFormat formats[] = { BPL_MEDIA_GIF, BPL_MEDIA_WEBM, BPL_MEDIA_MP4 };

static BplAnimationKind
selected_kind (BplAnimationDialog *self)
{
  return (BplAnimationKind) adw_combo_row_get_selected (self->kind_row);
}

static BplMediaFormat
selected_format (BplAnimationDialog *self)
{
  return formats[MIN (adw_combo_row_get_selected (self->format_row), G_N_ELEMENTS (formats) - 1)];
}

void
bpl_animation_dialog_get_options (BplAnimationDialog  *self,
                                  BplAnimationOptions *options,
                                  BplMediaFormat      *format)
{
  guint size = MIN (adw_combo_row_get_selected (self->size_row), G_N_ELEMENTS (sizes) - 1);

  g_return_if_fail (BPL_IS_ANIMATION_DIALOG (self));

  bpl_animation_options_init (options);
  options->kind = selected_kind (self);
  options->n_steps = options->kind == BPL_ANIMATION_STEP
                       ? 1 : (guint) gtk_spin_button_get_value_as_int (self->steps_spin);
  options->step_seconds = gtk_spin_button_get_value (self->seconds_spin);
  options->fps = rates[MIN (adw_combo_row_get_selected (self->fps_row), G_N_ELEMENTS (rates) - 1)];
  options->width = sizes[size][0];
  options->height = sizes[size][1];
  options->sample = self->sample;
  options->select = self->select;
  options->digits = self->layout_options.digits;
  options->layout = &self->layout_options;
  if (format != NULL)
    *format = selected_format (self);
}

static void
set_status (BplAnimationDialog *self,
            const char         *text)
{
  gtk_label_set_label (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && *text != '\0');
}

/* How many steps the walk has, found once, when it is first chosen. */
static void
ensure_walk_steps (BplAnimationDialog *self)
{
  g_autoptr (BplAnimation) animation = NULL;
  g_autoptr (GError) error = NULL;
  BplAnimationOptions options;

  if (self->walk_steps > 0 || self->walk_error != NULL)
    return;
  bpl_animation_options_init (&options);
  options.kind = BPL_ANIMATION_WALK;
  options.sample = self->sample;
  options.select = self->select;
  options.width = 64;
  options.height = 64;
  animation = bpl_animation_new (self->network, &options, &self->style, &error);
  if (animation == NULL)
    self->walk_error = g_strdup (error->message);
  else
    self->walk_steps = bpl_animation_get_n_steps (animation);
}

/* Why the choices cannot be written (a message for the dialog), or NULL. */
static char *
check_choices (BplAnimationDialog *self)
{
  g_autoptr (GError) error = NULL;
  BplAnimationOptions options;
  BplMediaFormat format;

  bpl_animation_dialog_get_options (self, &options, &format);
  if (options.kind == BPL_ANIMATION_WALK && self->walk_error != NULL)
    return g_strdup (self->walk_error);
  if (!bpl_media_format_check (format, &error))
    return g_strdup (error->message);
  if (format == BPL_MEDIA_GIF && options.fps > BPL_MEDIA_GIF_MAX_FPS)
    return g_strdup_printf (_("A GIF plays at most %g frames a second: choose fewer, or a video"),
                            BPL_MEDIA_GIF_MAX_FPS);
  return NULL;
}

/* What the rows allow, and why Export is off when it is. */
static void
update (BplAnimationDialog *self)
{
  BplAnimationKind kind = selected_kind (self);
  gboolean running = self->cancellable != NULL;
  g_autofree char *problem = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->steps_row), kind != BPL_ANIMATION_STEP);
  if (kind == BPL_ANIMATION_WALK)
    {
      ensure_walk_steps (self);
      adw_action_row_set_subtitle (self->steps_row, _("The backward pass, one node a step"));
      gtk_spin_button_set_range (self->steps_spin, 1, MAX (1, self->walk_steps));
    }
  else
    {
      adw_action_row_set_subtitle (self->steps_row,
                                   kind == BPL_ANIMATION_PLAY ? _("Training steps, one after another")
                                                              : _("A step shows one training step"));
      gtk_spin_button_set_range (self->steps_spin, 1, BPL_ANIMATION_MAX_STEPS);
    }

  problem = check_choices (self);
  if (!running)
    {
      BplAnimationOptions options;

      bpl_animation_dialog_get_options (self, &options, NULL);
      if (problem != NULL)
        set_status (self, problem);
      else
        {
          /* The start (a walk: none) and each step, each held for its time. */
          guint segments = options.n_steps + (kind != BPL_ANIMATION_WALK);
          guint per_step = MAX (1, (guint) (options.step_seconds * options.fps + 0.5));
          g_autofree char *text = g_strdup_printf (_("%.1f seconds, %u frames"),
                                                   segments * per_step / options.fps,
                                                   segments * per_step);

          set_status (self, text);
        }
    }
  gtk_widget_set_sensitive (self->export_button, problem == NULL && !running);
  gtk_widget_set_sensitive (self->form, !running);
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), running ? _("_Stop") : _("_Cancel"));
}

static void
on_kind_changed (BplAnimationDialog *self)
{
  BplAnimationKind kind = selected_kind (self);

  /* The window's old → new lasts 2 s; a walk's step reads in 1. */
  gtk_spin_button_set_value (self->seconds_spin, kind == BPL_ANIMATION_WALK ? 1 : 2);
  if (kind == BPL_ANIMATION_WALK)
    {
      ensure_walk_steps (self);
      gtk_spin_button_set_value (self->steps_spin, MAX (1, self->walk_steps));
    }
  else if (kind == BPL_ANIMATION_PLAY)
    gtk_spin_button_set_value (self->steps_spin, 5);
  else
    gtk_spin_button_set_value (self->steps_spin, 1);
  update (self);
}

/* The export, in its thread */

typedef struct
{
  BplAnimation  *animation;
  BplMediaFormat format;
  char          *path;
  gint          *frames_done;
} ExportData;

static void
export_data_free (ExportData *data)
{
  bpl_animation_free (data->animation);
  g_free (data->path);
  g_free (data);
}

static void
on_frame_written (guint frames_done, guint n_frames, gpointer user_data)
{
  g_atomic_int_set ((gint *) user_data, (gint) frames_done);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;

  if (bpl_media_write_animation (data->animation, data->format, BPL_GIF_PALETTE_PER_FRAME,
                                 data->path, on_frame_written, data->frames_done, cancellable,
                                 &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
progress_tick (gpointer user_data)
{
  BplAnimationDialog *self = user_data;
  gint done = g_atomic_int_get (&self->frames_done);
  g_autofree char *text = g_strdup_printf (_("Frame %d of %d"), done, self->n_frames);

  gtk_progress_bar_set_fraction (self->progress_bar,
                                 self->n_frames > 0 ? (double) done / self->n_frames : 0);
  gtk_progress_bar_set_text (self->progress_bar, text);
  return G_SOURCE_CONTINUE;
}

static void
on_export_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  BplAnimationDialog *self = BPL_ANIMATION_DIALOG (source);
  g_autoptr (GError) error = NULL;
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autofree char *name = g_path_get_basename (data->path);
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (self->held != NULL)
    g_application_release (self->held);
  g_clear_object (&self->held);
  g_clear_handle_id (&self->progress_timer, g_source_remove);
  g_clear_object (&self->cancellable);
  if (self->gone)
    {
      /* Closed while it ran: close_request only hid it. */
      if (self->close_when_done)
        gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  progress_tick (self);
  update (self);
  if (ok)
    {
      g_autofree char *message = g_strdup_printf (_("Animation saved as %s"), name);

      g_signal_emit (self, signals[REPORT], 0, message);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_status (self, _("Cancelled: no file was written"));
  else
    set_status (self, error->message);
}

gboolean
bpl_animation_dialog_start (BplAnimationDialog *self,
                            const char         *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTask) task = NULL;
  g_autofree char *problem = NULL;
  BplAnimationOptions options;
  BplMediaFormat format;
  ExportData *data;
  BplAnimation *animation;

  g_return_val_if_fail (BPL_IS_ANIMATION_DIALOG (self), FALSE);
  g_return_val_if_fail (self->cancellable == NULL, FALSE);

  problem = check_choices (self);
  if (problem != NULL)
    {
      set_status (self, problem);
      return FALSE;
    }
  bpl_animation_dialog_get_options (self, &options, &format);
  animation = bpl_animation_new (self->network, &options, &self->style, &error);
  if (animation == NULL)
    {
      set_status (self, error->message);
      return FALSE;
    }
  self->n_frames = (gint) bpl_animation_get_n_frames (animation);
  self->frames_done = 0;
  self->cancellable = g_cancellable_new ();
  data = g_new0 (ExportData, 1);
  data->animation = animation;
  data->format = format;
  data->path = g_strdup (path);
  data->frames_done = &self->frames_done;

  /* The application waits for the thread: quitting mid-export must still
   * remove the temporary file. */
  self->held = g_application_get_default ();
  if (self->held != NULL)
    g_application_hold (g_object_ref (self->held));
  task = g_task_new (self, self->cancellable, on_export_done, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);
  g_task_run_in_thread (task, export_thread);

  set_status (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  progress_tick (self);
  self->progress_timer = g_timeout_add (100, progress_tick, self);
  update (self);
  return TRUE;
}

gboolean
bpl_animation_dialog_is_running (BplAnimationDialog *self)
{
  return self->cancellable != NULL;
}

double
bpl_animation_dialog_get_progress (BplAnimationDialog *self)
{
  return gtk_progress_bar_get_fraction (self->progress_bar);
}

const char *
bpl_animation_dialog_get_status (BplAnimationDialog *self)
{
  return gtk_label_get_label (self->status_label);
}

void
bpl_animation_dialog_cancel (BplAnimationDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* Export: the file first */

static void
on_file_chosen (GtkWindow      *parent,
                GFile          *file,
                GtkFileChooser *chooser,
                gpointer        user_data)
{
  BplAnimationDialog *self = BPL_ANIMATION_DIALOG (parent);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  BplMediaFormat format = selected_format (self);
  BplMediaFormat named;

  if (file == NULL)
    return;
  if (path == NULL)
    {
      set_status (self, _("Animations can only be saved as local files"));
      return;
    }
  /* The format row decides; a name without its extension gets it. */
  if (!bpl_media_format_from_path (path, &named, NULL) || named != format)
    {
      char *with_extension = g_strconcat (path, ".", bpl_media_format_extension (format), NULL);

      g_free (path);
      path = with_extension;
    }
  bpl_animation_dialog_start (self, path);
}

static void
export_clicked (BplAnimationDialog *self)
{
  BplMediaFormat format = selected_format (self);
  const char *extension = bpl_media_format_extension (format);
  g_autofree char *name = g_strdup_printf ("%s.%s",
                                           bpl_animation_kind_to_string (selected_kind (self)),
                                           extension);
  GtkFileChooser *chooser = bpl_file_chooser_new (GTK_WINDOW (self), _("Save Animation"),
                                                  GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  static const char *const mime_types[] = { "image/gif", "video/webm", "video/mp4" };
  static const char *const filter_names[] = { N_("GIF animations"), N_("WebM videos"),
                                              N_("MP4 videos") };

  bpl_file_chooser_add_filter (chooser, _(filter_names[format]), mime_types[format], extension,
                               NULL);
  gtk_file_chooser_set_current_name (chooser, name);
  bpl_file_chooser_ask (chooser, on_file_chosen, NULL, NULL);
}

static void
cancel_clicked (BplAnimationDialog *self)
{
  if (self->cancellable != NULL)
    bpl_animation_dialog_cancel (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* Closing while an export runs cancels it; the dialog goes when it has
 * stopped (the thread holds it until then). */
static gboolean
close_request (GtkWindow *window)
{
  BplAnimationDialog *self = BPL_ANIMATION_DIALOG (window);

  if (self->cancellable == NULL)
    return FALSE;
  self->close_when_done = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  return TRUE;
}

/* Unmapped while an export runs: closed, or destroyed with its window as
 * the application quits (gtk_window_destroy () unmaps it; the thread still
 * holds it). Stop the export; it removes its temporary file. */
static void
unmap (GtkWidget *widget)
{
  BplAnimationDialog *self = BPL_ANIMATION_DIALOG (widget);

  if (self->cancellable != NULL)
    {
      self->gone = TRUE;
      g_cancellable_cancel (self->cancellable);
    }
  GTK_WIDGET_CLASS (bpl_animation_dialog_parent_class)->unmap (widget);
}

/* Building */

static AdwComboRow *
combo_row (AdwPreferencesGroup *group,
           const char          *title,
           const char *const   *items)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr (GtkStringList) model = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

static GtkSpinButton *
spin_row (AdwPreferencesGroup *group,
          const char          *title,
          double               min,
          double               max,
          double               step,
          guint                digits,
          AdwActionRow       **row_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  /* 0,5 s where the locale writes it so. */
  if (digits > 0)
    bpl_spin_button_use_locale_numbers (GTK_SPIN_BUTTON (spin), (int) digits + 1);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  /* Its name for a screen reader: the row's title. (A labelled-by relation
   * to the row would hold the row from its own child in GTK 4.8, and the
   * dialog would never be freed.) */
  {
    g_autofree char *label = g_strdup (title);
    char *to = label;

    for (const char *from = title; *from != '\0'; from++)
      if (*from != '_')
        *to++ = *from;
    *to = '\0';
    gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
  adw_preferences_group_add (group, row);
  if (row_out != NULL)
    *row_out = ADW_ACTION_ROW (row);
  return GTK_SPIN_BUTTON (spin);
}

static void
build (BplAnimationDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *what = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *file = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *footer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  const char *kinds[] = { _("Step (old → new)"), _("Play"), _("Backward pass (graph)"), NULL };
  const char *size_names[] = { "640 × 360", "854 × 480", "1280 × 720", "1920 × 1080", NULL };
  const char *rate_names[] = { "10", "15", "24", "25", "30", "50", "60", NULL };
  const char *format_names[] = { _("GIF animation"), _("WebM video (VP8)"), _("MP4 video (H.264)"),
                                 NULL };

  gtk_window_set_title (GTK_WINDOW (self), _("Export Animation"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, -1);

  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  self->export_button = gtk_button_new_with_mnemonic (_("_Export…"));
  gtk_widget_add_css_class (self->export_button, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->cancel_button);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->export_button);
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (cancel_clicked), self);
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (export_clicked), self);
  gtk_box_append (GTK_BOX (box), header);

  adw_preferences_group_set_title (what, _("Animation"));
  self->kind_row = combo_row (what, _("_What"), kinds);
  self->steps_spin = spin_row (what, _("S_teps"), 1, BPL_ANIMATION_MAX_STEPS, 1, 0,
                               &self->steps_row);
  self->seconds_spin = spin_row (what, _("_Seconds a step"), 0.1, 60, 0.1, 1, NULL);
  gtk_spin_button_set_value (self->seconds_spin, 2);
  adw_preferences_group_set_title (file, _("File"));
  self->format_row = combo_row (file, _("_Format"), format_names);
  self->size_row = combo_row (file, _("Si_ze"), size_names);
  adw_combo_row_set_selected (self->size_row, 2);
  self->fps_row = combo_row (file, _("Frames a _second"), rate_names);
  adw_combo_row_set_selected (self->fps_row, 4);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), what);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), file);
  gtk_widget_set_vexpand (page, TRUE);
  self->form = page;
  gtk_box_append (GTK_BOX (box), page);

  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_label_set_xalign (self->status_label, 0);
  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress_bar, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_widget_set_margin_start (footer, 24);
  gtk_widget_set_margin_end (footer, 24);
  gtk_widget_set_margin_bottom (footer, 18);
  gtk_box_append (GTK_BOX (footer), GTK_WIDGET (self->status_label));
  gtk_box_append (GTK_BOX (footer), GTK_WIDGET (self->progress_bar));
  gtk_box_append (GTK_BOX (box), footer);

  adw_window_set_content (ADW_WINDOW (self), box);

  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_kind_changed), self);
  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->fps_row, "notify::selected", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->steps_spin, "value-changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->seconds_spin, "value-changed", G_CALLBACK (update), self);
}

static void
bpl_animation_dialog_finalize (GObject *object)
{
  BplAnimationDialog *self = BPL_ANIMATION_DIALOG (object);

  g_clear_handle_id (&self->progress_timer, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->network, bpl_network_free);
  g_free (self->select);
  g_free (self->walk_error);
  G_OBJECT_CLASS (bpl_animation_dialog_parent_class)->finalize (object);
}

static void
bpl_animation_dialog_class_init (BplAnimationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->finalize = bpl_animation_dialog_finalize;
  window_class->close_request = close_request;
  widget_class->unmap = unmap;

  signals[REPORT] = g_signal_new ("report", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
bpl_animation_dialog_init (BplAnimationDialog *self)
{
  build (self);
}

GtkWidget *
bpl_animation_dialog_new (GtkWindow              *parent,
                          BplSession             *session,
                          const BplStyle         *style,
                          const BplLayoutOptions *layout_options)
{
  BplAnimationDialog *self = g_object_new (BPL_TYPE_ANIMATION_DIALOG, "transient-for", parent,
                                           NULL);
  const BplNetwork *network = bpl_session_get_network (session);
  BplHit selection = bpl_session_get_selection (session);

  /* A copy: the document may change while the dialog is open, and the
   * export trains its own. */
  self->network = bpl_network_copy (network);
  self->sample = bpl_session_get_sample (session);
  self->style = *style;
  self->layout_options = *layout_options;
  if (selection.kind == BPL_HIT_WEIGHT)
    self->select = g_strdup (bpl_network_get_weight_name (network, selection.index));
  else if (selection.kind == BPL_HIT_BIAS)
    self->select = g_strdup (bpl_network_get_bias_name (network, selection.index));
  else if (selection.kind == BPL_HIT_NEURON)
    self->select = g_strdup (bpl_network_get_neuron_name (network, selection.index));
  on_kind_changed (self);
  return GTK_WIDGET (self);
}

void
bpl_animation_dialog_set_kind (BplAnimationDialog *self,
                               BplAnimationKind    kind)
{
  adw_combo_row_set_selected (self->kind_row, kind);
}

void
bpl_animation_dialog_set_steps (BplAnimationDialog *self,
                                guint               n_steps)
{
  gtk_spin_button_set_value (self->steps_spin, n_steps);
}

void
bpl_animation_dialog_set_format (BplAnimationDialog *self,
                                 BplMediaFormat      format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i] == format)
      adw_combo_row_set_selected (self->format_row, i);
}

void
bpl_animation_dialog_set_fps (BplAnimationDialog *self,
                              guint               fps)
{
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    if (rates[i] == fps)
      {
        adw_combo_row_set_selected (self->fps_row, i);
        return;
      }
  g_return_if_reached ();
}

void
bpl_animation_dialog_set_size (BplAnimationDialog *self,
                               guint               width,
                               guint               height)
{
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    if (sizes[i][0] == width && sizes[i][1] == height)
      {
        adw_combo_row_set_selected (self->size_row, i);
        return;
      }
  g_return_if_reached ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-window-teach.c: the window's teaching tools: the architecture
 * editor, the history timeline, presentation mode and worksheets. */
#include "config.h"

#include <glib/gi18n.h>

#include "bpl-animation-dialog.h"
#include "bpl-architecture-window.h"
#include "bpl-dataset-dialog.h"
#include "bpl-theme.h"
#include "bpl-window-private.h"
#include "bpl-worksheet-dialog.h"

#define PRESENTATION_FONT_SCALE 1.6

/* The architecture editor */

static void
architecture_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);

  if (self->architecture_window == NULL)
    {
      self->architecture_window = GTK_WINDOW (bpl_architecture_window_new (GTK_WINDOW (self), self->session));
      g_object_add_weak_pointer (G_OBJECT (self->architecture_window),
                                 (gpointer *) &self->architecture_window);
      /* An edit of the shape pauses Play, as every edit from a window does. */
      g_signal_connect_object (self->architecture_window, "editing", G_CALLBACK (_bpl_window_stop_playing),
                               self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (self->architecture_window);
}

/* History */

static void
on_history_continued (BplWindow *self,
                      guint64    step)
{
  g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, step);
  /* Translators: %s is a training step */
  g_autofree char *message = g_strdup_printf (_("Went on from step %s; the later steps were dropped, and Undo brings them back"), count);

  _bpl_window_toast (self, message);
}

static void
update_history_actions (BplWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.history-latest",
                                 bpl_document_get_viewing_past (self->document));
}

static void
history_latest_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);

  bpl_document_set_history_index (self->document, bpl_document_get_n_history (self->document) - 1);
}

/* Training on while an older step is shown would move the timeline under
 * the pointer. */
static void
history_view_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);

  _bpl_window_stop_playing (self);
  bpl_document_set_history_index (self->document, g_variant_get_uint32 (parameter));
}

/* Presentation mode */

static void
set_font_scale (BplWindow *self,
                double     font_scale)
{
  BplLayoutOptions options = *bpl_diagram_widget_get_layout_options (self->diagram);

  options.font_scale = font_scale;
  bpl_diagram_widget_set_layout_options (self->diagram, &options);
  bpl_data_view_widget_set_font_scale (self->data_view, font_scale);
  bpl_graph_view_set_font_scale (self->graph_view, font_scale);
}

static void
set_css_class (GtkWidget  *widget,
               const char *css_class,
               gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

void
_bpl_window_set_presentation (BplWindow *self,
                              gboolean   presentation)
{
  presentation = !!presentation;
  if (presentation == self->presentation)
    return;
  /* F9 may hide the panel for the talk: leaving gives it back as it was. */
  if (presentation)
    self->side_panel_before_presentation = self->side_panel_visible;
  self->presentation = presentation;
  set_font_scale (self, presentation ? PRESENTATION_FONT_SCALE : 1.0);
  set_css_class (GTK_WIDGET (self), "presentation", presentation);
  if (presentation)
    gtk_window_fullscreen (GTK_WINDOW (self));
  else
    gtk_window_unfullscreen (GTK_WINDOW (self));
  g_object_notify (G_OBJECT (self), "presentation");
  if (!presentation)
    _bpl_window_set_side_panel_visible (self, self->side_panel_before_presentation);
}

void
_bpl_window_set_side_panel_visible (BplWindow *self,
                                    gboolean   visible)
{
  visible = !!visible;
  if (visible == self->side_panel_visible)
    return;
  self->side_panel_visible = visible;
  gtk_widget_set_visible (self->side_box, visible);
  g_object_notify (G_OBJECT (self), "show-side-panel");
}

void
_bpl_window_set_high_contrast (BplWindow *self,
                               gboolean   high_contrast)
{
  high_contrast = !!high_contrast;
  if (high_contrast == self->high_contrast)
    return;
  self->high_contrast = high_contrast;
  /* bpl_style_init_from_widget () reads the class: the diagram takes the
   * high-contrast palette, style.css the rest of the window. */
  set_css_class (GTK_WIDGET (self), "bpl-high-contrast", high_contrast);
  gtk_widget_queue_draw (GTK_WIDGET (self->diagram));
  gtk_widget_queue_draw (GTK_WIDGET (self->graph_view));
  gtk_widget_queue_draw (GTK_WIDGET (self->loss_plot));
  g_object_notify (G_OBJECT (self), "high-contrast");
}

/* Worksheets */

static void
on_worksheet_report (BplWindow  *self,
                     const char *message)
{
  _bpl_window_toast (self, message);
}

static void
export_worksheet_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);
  GtkWidget *dialog;

  /* A new dialog each time: it starts from the current selection. */
  dialog = bpl_worksheet_dialog_new (GTK_WINDOW (self), self->session,
                                     bpl_derivation_panel_get_digits (self->derivation_panel));
  g_signal_connect_object (dialog, "report", G_CALLBACK (on_worksheet_report), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Animations */

static void
export_animation_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);
  GtkWidget *dialog;
  BplStyle style;

  /* The window's colours, digits and text size, the network as it is now. */
  bpl_style_init_from_widget (&style, GTK_WIDGET (self->diagram));
  dialog = bpl_animation_dialog_new (GTK_WINDOW (self), self->session, &style,
                                     bpl_diagram_widget_get_layout_options (self->diagram));
  g_signal_connect_object (dialog, "report", G_CALLBACK (on_worksheet_report), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Data sets */

static GtkWidget *
present_dataset_dialog (BplWindow *self)
{
  GtkWidget *dialog;

  _bpl_window_stop_playing (self);
  dialog = bpl_dataset_dialog_new (GTK_WINDOW (self), self->session);
  /* Its report is the window's toast, as a worksheet's is. */
  g_signal_connect_object (dialog, "report", G_CALLBACK (on_worksheet_report), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
new_dataset_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  present_dataset_dialog (BPL_WINDOW (widget));
}

/* The same dialog with a CSV file as the source, its file chooser open. */
static void
import_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkWidget *dialog = present_dataset_dialog (BPL_WINDOW (widget));

  bpl_dataset_dialog_set_source (BPL_DATASET_DIALOG (dialog), BPL_DATASET_DIALOG_CSV);
  gtk_widget_activate_action (dialog, "dataset.choose-file", NULL);
}

/* Setup */

void
_bpl_window_teach_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.architecture", NULL, architecture_action);
  gtk_widget_class_install_action (widget_class, "win.history-latest", NULL, history_latest_action);
  gtk_widget_class_install_action (widget_class, "win.history-view", "u", history_view_action);
  gtk_widget_class_install_action (widget_class, "win.export-worksheet", NULL, export_worksheet_action);
  gtk_widget_class_install_action (widget_class, "win.export-animation", NULL, export_animation_action);
  gtk_widget_class_install_action (widget_class, "win.new-dataset", NULL, new_dataset_action);
  gtk_widget_class_install_action (widget_class, "win.import-csv", NULL, import_csv_action);
  gtk_widget_class_install_property_action (widget_class, "win.presentation", "presentation");
  gtk_widget_class_install_property_action (widget_class, "win.show-side-panel", "show-side-panel");
  gtk_widget_class_install_property_action (widget_class, "win.high-contrast", "high-contrast");
}

void
_bpl_window_teach_init (BplWindow *self)
{
  g_signal_connect_object (self->document, "notify::viewing-past", G_CALLBACK (update_history_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "history-continued", G_CALLBACK (on_history_continued), self,
                           G_CONNECT_SWAPPED);
  update_history_actions (self);
}

void
_bpl_window_teach_dispose (BplWindow *self)
{
  if (self->architecture_window != NULL)
    gtk_window_destroy (self->architecture_window);
}

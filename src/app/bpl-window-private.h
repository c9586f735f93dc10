/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-window-private.h: the window's state, shared by bpl-window.c and
 * bpl-window-files.c (files, export, clipboard). */
#pragma once

#include "bpl-derivation-panel.h"
#include "bpl-diagram-widget.h"
#include "bpl-loss-plot.h"
#include "bpl-parameters-panel.h"
#include "bpl-window.h"

G_BEGIN_DECLS

struct _BplWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkPaned *hpaned;
  GtkPaned *vpaned;
  BplDiagramWidget *diagram;
  BplLossPlot *loss_plot;
  GtkLabel *error_label;
  GtkImage *error_warning;
  GtkWidget *play_button;
  AdwButtonContent *play_content;
  GtkWidget *speed_scale;
  GtkAdjustment *speed_adjustment;
  GtkLabel *speed_label;
  GtkStack *side_stack;
  BplDerivationPanel *derivation_panel;
  BplParametersPanel *parameters_panel;
  GMenu *recent_section;
  GtkMenuButton *main_menu_button;
  GtkMenuButton *train_menu_button;
  GtkWindow *shortcuts_window;  /* built when first shown */

  GSettings *settings;
  BplDocument *document;

  gboolean playing;
  gboolean pause_after_step;
  gboolean log_scale;
  guint play_tick;
  double play_owed;         /* steps due at the speed asked for */
  gint64 play_last_time;    /* frame time of the last tick, 0 before the first */
  guint64 play_slice;
  guint64 play_steps;
  guint play_frames;
  gint64 play_started;
  gboolean close_confirmed;

  /* bpl-window-teach.c: architecture, history, presentation, worksheets */
  GtkWidget *side_box;
  GtkAdjustment *history_adjustment;
  GtkLabel *history_label;
  GtkWidget *history_live_button;
  GtkWindow *architecture_window;
  guint32 seed;
  char *edit_error;
  gboolean history_updating;
  gboolean presentation;
  gboolean high_contrast;
  gboolean side_panel_visible;
  gboolean side_panel_before_presentation;
};

/* Calls @then (unless the user cancels) after making sure unsaved changes
 * are saved or knowingly discarded. */
typedef void (*BplWindowContinuation) (BplWindow *self,
                                       gpointer   data);
void bpl_window_confirm_discard (BplWindow             *self,
                                 BplWindowContinuation  then,
                                 gpointer               data,
                                 GDestroyNotify         destroy);

void bpl_window_files_class_init (GtkWidgetClass *widget_class);
void bpl_window_files_init       (BplWindow *self);
void bpl_window_files_dispose    (BplWindow *self);
void bpl_window_update_actions   (BplWindow *self);

void        bpl_window_teach_class_init (GtkWidgetClass *widget_class);
void        bpl_window_teach_init       (BplWindow *self);
void        bpl_window_teach_dispose    (BplWindow *self);
/* Replaces the network as one undo step; a refused edit is toasted and
 * kept as the edit error (NULL after an edit that went through). */
gboolean    bpl_window_apply_network    (BplWindow  *self,
                                         BplNetwork *network);
const char *bpl_window_get_edit_error   (BplWindow *self);
guint32     bpl_window_get_seed         (BplWindow *self);
/* Play's speed in words: "1 step every 2 s", "60 steps/s". */
char *bpl_window_format_speed    (double steps_per_second);
void bpl_window_toast            (BplWindow  *self,
                                  const char *message);
/* A file's folder as the title, Open Recent and the recovery question
 * name it: "~/Lectures" (bpl-window-files.c). */
char *bpl_window_file_folder       (GFile *file);
/* Whether @file is in Open Recent: opened or saved here. */
gboolean bpl_window_is_recent      (GFile *file);
/* The window's title: the file's name, or the network's before it has a
 * file ("Worked example"). */
char *bpl_window_dup_title         (BplWindow *self);
/* The tooltip of @popover's button or drop-down is hidden while it is open,
 * not left over the first item (bpl-window-files.c). */
void bpl_popover_hide_owner_tooltip (GtkPopover *popover);
/* An error the reader must be able to read at leisure (bpl-window-files.c). */
void bpl_window_show_error_dialog (BplWindow  *self,
                                   const char *heading,
                                   const char *body);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-window-private.h: the window's state, shared by the files that make
 * up the class: bpl-window.c (the class, training, title and shortcuts),
 * bpl-window-files.c (files, export, clipboard, menus) and
 * bpl-window-teach.c (architecture, history, presentation, worksheets).
 * bpl-window.c calls each part's class_init, init and dispose; the parts
 * call only the helpers declared here, never each other. */
#pragma once

#include "bpl-data-view-widget.h"
#include "bpl-derivation-panel.h"
#include "bpl-diagram-widget.h"
#include "bpl-graph-view.h"
#include "bpl-loss-plot.h"
#include "bpl-parameters-panel.h"
#include "bpl-recovery.h"
#include "bpl-status-line.h"
#include "bpl-timeline.h"
#include "bpl-window.h"

G_BEGIN_DECLS

struct _BplWindow
{
  AdwApplicationWindow parent_instance;

  /* The template's widgets */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle *window_title;
  GtkPaned *hpaned;
  GtkPaned *vpaned;
  GtkStack *canvas_stack;
  BplDiagramWidget *diagram;
  GtkPaned *data_paned;
  BplDataViewWidget *data_view;
  gboolean data_view_placed;   /* its divider moved by the user since it was shown */
  gboolean placing_data_view;
  BplGraphView *graph_view;
  BplLossPlot *loss_plot;
  BplStatusLine *status_line;
  BplTimeline *timeline;
  GtkWidget *play_button;
  AdwButtonContent *play_content;
  GtkWidget *speed_scale;
  GtkAdjustment *speed_adjustment;
  GtkLabel *speed_label;
  GtkWidget *side_box;
  GtkStack *side_stack;
  BplDerivationPanel *derivation_panel;
  BplParametersPanel *parameters_panel;
  GMenu *recent_section;
  GtkMenuButton *main_menu_button;
  GtkMenuButton *train_menu_button;
  GtkWindow *shortcuts_window;  /* built when first shown */

  GSettings *settings;
  BplDocument *document;
  BplSession *session;
  BplRecovery *recovery;

  /* Play */
  gboolean playing;
  gboolean pause_after_step;
  guint play_tick;
  double play_owed;         /* steps due at the speed asked for */
  gint64 play_last_time;    /* frame time of the last tick, 0 before the first */
  guint64 play_slice;
  gint64 play_trained_at;   /* when the last tick's training ended */
  gint64 play_paint_us;     /* how long the frame after it took to lay out and paint */
  GdkFrameClock *play_clock; /* whose after-paint measures that */
  gulong play_after_paint;
  guint64 play_steps;
  guint play_frames;
  gint64 play_started;
  gboolean close_confirmed;

  /* bpl-window-teach.c */
  GtkWindow *architecture_window;
  gboolean presentation;
  gboolean high_contrast;
  gboolean side_panel_visible;
  gboolean side_panel_before_presentation;

  /* bpl-window-lesson.c */
  GtkWidget *practice_panel;
  GtkStackPage *practice_page;
  GtkWidget *lesson_banner;
  GtkWidget *lesson_title;
  GtkWidget *lesson_instructions;
  GtkWidget *lesson_locks;
  GtkWidget *lesson_warnings_box;
  GtkWidget *lesson_warnings;
  BplLesson *lesson_applied;  /* what the window shows, to redo it only when it changes */
};

/* bpl-window.c */
void  _bpl_window_toast             (BplWindow  *self,
                                     const char *message);
/* An error the reader must be able to read at leisure: a dialog, not a
 * toast that goes away. */
void  _bpl_window_show_error_dialog (BplWindow  *self,
                                     const char *heading,
                                     const char *body);
/* Pauses Play (before an edit, a file or a past step replaces what it
 * trains). */
void  _bpl_window_stop_playing      (BplWindow *self);
/* Whether the computational graph is shown rather than the diagram. */
gboolean _bpl_window_shows_graph    (BplWindow *self);
/* Play's speed in words: "1 step every 2 s", "60 steps/s". */
char *_bpl_window_format_speed      (double steps_per_second);

/* bpl-window-files.c */
/* Calls @then (unless the user cancels) after making sure unsaved changes
 * are saved or knowingly discarded. */
typedef void (*BplWindowContinuation) (BplWindow *self,
                                       gpointer   data);
void      _bpl_window_confirm_discard   (BplWindow             *self,
                                         BplWindowContinuation  then,
                                         gpointer               data,
                                         GDestroyNotify         destroy);
/* Whether @file is in Open Recent: opened or saved here. */
gboolean  _bpl_window_is_recent         (GFile *file);
void      _bpl_window_files_class_init  (GtkWidgetClass *widget_class);
void      _bpl_window_files_init        (BplWindow *self);
void      _bpl_window_files_dispose     (BplWindow *self);

/* bpl-window-teach.c */
void      _bpl_window_teach_class_init  (GtkWidgetClass *widget_class);
void      _bpl_window_teach_init        (BplWindow *self);
void      _bpl_window_teach_dispose     (BplWindow *self);
void      _bpl_window_set_presentation  (BplWindow *self,
                                         gboolean   presentation);
void      _bpl_window_set_side_panel_visible (BplWindow *self,
                                              gboolean   visible);
void      _bpl_window_set_high_contrast (BplWindow *self,
                                         gboolean   high_contrast);

/* bpl-window-lesson.c: practice mode and lessons */
void      _bpl_window_lesson_class_init (GtkWidgetClass *widget_class);
void      _bpl_window_lesson_init       (BplWindow *self);
void      _bpl_window_lesson_dispose    (BplWindow *self);

G_END_DECLS

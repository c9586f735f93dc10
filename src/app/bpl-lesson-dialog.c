/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-lesson-dialog.h"

#include <glib/gi18n.h>

struct _BplLessonDialog
{
  AdwWindow parent_instance;

  AdwEntryRow *title_row;
  GtkTextView *instructions_view;
  AdwActionRow *select_row;
  GtkSwitch *select_switch;
  GtkSwitch *practice_switch;
  AdwPreferencesGroup *hidden_group;
  AdwPreferencesGroup *locked_group;
  GtkWidget *hidden_checks[BPL_LESSON_N_HIDDEN];
  GtkWidget *locked_checks[BPL_LESSON_N_LOCKED];

  char *selection;     /* the session's selection, or NULL */
  BplLessonView view;  /* kept from the lesson it started from */
};

G_DEFINE_FINAL_TYPE (BplLessonDialog, bpl_lesson_dialog, ADW_TYPE_WINDOW)

enum
{
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In the order of BplLessonHidden and BplLessonLocked. */
static const char *const hidden_titles[BPL_LESSON_N_HIDDEN] = {
  N_("Training: Step, Play, Train and Reset"),
  N_("Network Architecture…"),
  N_("The Derivation panel"),
  N_("The Parameters panel"),
  N_("The loss plot and timeline"),
};

static const char *const locked_titles[BPL_LESSON_N_LOCKED] = {
  N_("Weights"), N_("Biases"), N_("Inputs"), N_("Targets"), N_("Learning rate η"),
};

static GtkWidget *
add_check_row (AdwPreferencesGroup *group,
               const char          *title,
               const char          *name)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), name);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_preferences_group_add (group, row);
  return check;
}

BplLesson *
bpl_lesson_dialog_dup_lesson (BplLessonDialog *self)
{
  BplLesson *lesson = bpl_lesson_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->instructions_view);
  GtkTextIter start, end;
  g_autofree char *instructions = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (BPL_IS_LESSON_DIALOG (self), NULL);

  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  instructions = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  lesson->title = *title != '\0' ? g_steal_pointer (&title) : NULL;
  lesson->instructions = *instructions != '\0' ? g_steal_pointer (&instructions) : NULL;
  if (gtk_switch_get_active (self->select_switch) && self->selection != NULL)
    lesson->select = g_strdup (self->selection);
  lesson->view = self->view;
  lesson->practice = gtk_switch_get_active (self->practice_switch);
  for (guint i = 0; i < BPL_LESSON_N_HIDDEN; i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->hidden_checks[i])))
      lesson->hidden |= bpl_lesson_hidden_nth (i);
  for (guint i = 0; i < BPL_LESSON_N_LOCKED; i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->locked_checks[i])))
      lesson->locked |= bpl_lesson_locked_nth (i);
  return lesson;
}

void
bpl_lesson_dialog_set_lesson (BplLessonDialog *self,
                              const BplLesson *lesson)
{
  g_return_if_fail (BPL_IS_LESSON_DIALOG (self));
  g_return_if_fail (lesson != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), lesson->title != NULL ? lesson->title : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->instructions_view),
                            lesson->instructions != NULL ? lesson->instructions : "", -1);
  if (lesson->select != NULL)
    {
      g_free (self->selection);
      self->selection = g_strdup (lesson->select);
    }
  gtk_switch_set_active (self->select_switch, lesson->select != NULL);
  gtk_switch_set_active (self->practice_switch, lesson->practice);
  self->view = lesson->view;
  for (guint i = 0; i < BPL_LESSON_N_HIDDEN; i++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->hidden_checks[i]),
                                 (lesson->hidden & bpl_lesson_hidden_nth (i)) != 0);
  for (guint i = 0; i < BPL_LESSON_N_LOCKED; i++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->locked_checks[i]),
                                 (lesson->locked & bpl_lesson_locked_nth (i)) != 0);
}

static void
update_select_row (BplLessonDialog *self)
{
  g_autofree char *subtitle = NULL;

  if (self->selection != NULL)
    /* Translators: %s is a weight, bias or neuron: "w3" */
    subtitle = g_strdup_printf (_("%s is selected when the lesson opens"), self->selection);
  else
    subtitle = g_strdup (_("Nothing is selected now: click a weight first"));
  adw_action_row_set_subtitle (self->select_row, subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->select_row), self->selection != NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[CHOSEN], 0, NULL);
}

/* To a file named without the chooser (tests). */
static void
save_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_signal_emit (widget, signals[CHOSEN], 0, g_variant_get_string (parameter, NULL));
}

static void
bpl_lesson_dialog_finalize (GObject *object)
{
  BplLessonDialog *self = BPL_LESSON_DIALOG (object);

  g_free (self->selection);
  G_OBJECT_CLASS (bpl_lesson_dialog_parent_class)->finalize (object);
}

static void
bpl_lesson_dialog_class_init (BplLessonDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = bpl_lesson_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/backproplens/BackpropLens/bpl-lesson-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BplLessonDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, BplLessonDialog, instructions_view);
  gtk_widget_class_bind_template_child (widget_class, BplLessonDialog, select_row);
  gtk_widget_class_bind_template_child (widget_class, BplLessonDialog, select_switch);
  gtk_widget_class_bind_template_child (widget_class, BplLessonDialog, practice_switch);
  gtk_widget_class_bind_template_child (widget_class, BplLessonDialog, hidden_group);
  gtk_widget_class_bind_template_child (widget_class, BplLessonDialog, locked_group);

  gtk_widget_class_install_action (widget_class, "lesson.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "lesson.save-to", "s", save_to_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /* The path to save to, or NULL to ask for one. */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
bpl_lesson_dialog_init (BplLessonDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < BPL_LESSON_N_HIDDEN; i++)
    self->hidden_checks[i] = add_check_row (self->hidden_group, _(hidden_titles[i]),
                                            bpl_lesson_hidden_to_string (bpl_lesson_hidden_nth (i)));
  for (guint i = 0; i < BPL_LESSON_N_LOCKED; i++)
    self->locked_checks[i] = add_check_row (self->locked_group, _(locked_titles[i]),
                                            bpl_lesson_locked_to_string (bpl_lesson_locked_nth (i)));
}

GtkWidget *
bpl_lesson_dialog_new (GtkWindow  *parent,
                       BplSession *session)
{
  BplLessonDialog *self = g_object_new (BPL_TYPE_LESSON_DIALOG, "transient-for", parent, NULL);
  const BplLesson *lesson = bpl_document_get_lesson (bpl_session_get_document (session));
  const BplNetwork *network = bpl_session_get_network (session);
  BplHit hit = bpl_session_get_selection (session);
  BplParam param;

  if (bpl_session_get_selected_param (session, &param))
    self->selection = g_strdup (bpl_network_get_param_name (network, param));
  else if (hit.kind == BPL_HIT_NEURON)
    self->selection = g_strdup (bpl_network_get_neuron_name (network, hit.index));
  if (lesson != NULL)
    {
      g_autofree char *current = g_strdup (self->selection);

      bpl_lesson_dialog_set_lesson (self, lesson);
      /* The selection now, if any, over the one the lesson had. */
      if (current != NULL)
        {
          g_free (self->selection);
          self->selection = g_steal_pointer (&current);
        }
    }
  else
    gtk_switch_set_active (self->select_switch, self->selection != NULL);
  update_select_row (self);
  return GTK_WIDGET (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-window-lesson.c: practice mode (its page of the side panel, the
 * action that turns it on and the score when it ends) and lessons: the
 * banner with the title and instructions, the parts a lesson hides, what
 * it selects and starts on opening, and Save as Lesson. The locks hold in
 * the document (bpl-document-lesson.c); here they are shown. */
#include "config.h"

#include <glib/gi18n.h>

#include "bpl-lesson-dialog.h"
#include "bpl-practice-panel.h"
#include "bpl-window-private.h"

static BplPractice *
practice_of (BplWindow *self)
{
  return bpl_session_get_practice (self->session);
}

/* Practice mode */

static void
on_practice_active (BplWindow *self)
{
  BplPractice *practice = practice_of (self);
  guint n_blanks, n_first, n_hints;

  if (bpl_practice_get_active (practice))
    {
      _bpl_window_set_side_panel_visible (self, TRUE);
      gtk_stack_set_visible_child_name (self->side_stack, "practice");
      return;
    }
  /* The session's score, once something was tried. */
  bpl_practice_score (practice, &n_blanks, &n_first, &n_hints);
  if (n_blanks > 0)
    {
      g_autofree char *score = bpl_practice_format_score (n_blanks, n_first, n_hints);
      /* Translators: %s is "7 of 9 right first time, 2 hints" */
      g_autofree char *message = g_strdup_printf (_("Practice ended: %s"), score);

      _bpl_window_toast (self, message);
    }
}

/* The lesson's banner */

static void
build_banner (BplWindow *self)
{
  GtkWidget *content = adw_toast_overlay_get_child (self->toast_overlay);
  GtkWidget *header = gtk_widget_get_first_child (content);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-information-symbolic");
  GtkWidget *warning_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  self->lesson_banner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_add_css_class (self->lesson_banner, "lesson-banner");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->lesson_banner), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Lesson"), -1);
  gtk_widget_set_visible (self->lesson_banner, FALSE);

  self->lesson_title = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->lesson_title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->lesson_title), 0);
  gtk_widget_set_hexpand (self->lesson_title, TRUE);
  gtk_widget_add_css_class (self->lesson_title, "heading");
  gtk_box_append (GTK_BOX (top), icon);
  gtk_box_append (GTK_BOX (top), self->lesson_title);
  gtk_box_append (GTK_BOX (self->lesson_banner), top);

  self->lesson_instructions = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->lesson_instructions), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->lesson_instructions), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->lesson_instructions), 0);
  gtk_label_set_selectable (GTK_LABEL (self->lesson_instructions), TRUE);
  gtk_box_append (GTK_BOX (self->lesson_banner), self->lesson_instructions);

  self->lesson_locks = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->lesson_locks), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->lesson_locks), 0);
  gtk_widget_add_css_class (self->lesson_locks, "caption");
  gtk_box_append (GTK_BOX (self->lesson_banner), self->lesson_locks);

  self->lesson_warnings_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->lesson_warnings = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->lesson_warnings), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->lesson_warnings), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->lesson_warnings), 0);
  gtk_label_set_selectable (GTK_LABEL (self->lesson_warnings), TRUE);
  gtk_widget_set_hexpand (self->lesson_warnings, TRUE);
  gtk_widget_set_valign (warning_icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (warning_icon, "warning");
  gtk_box_append (GTK_BOX (self->lesson_warnings_box), warning_icon);
  gtk_box_append (GTK_BOX (self->lesson_warnings_box), self->lesson_warnings);
  gtk_box_append (GTK_BOX (self->lesson_banner), self->lesson_warnings_box);

  gtk_box_insert_child_after (GTK_BOX (content), self->lesson_banner, header);
}

static char *
locks_text (const BplLesson *lesson)
{
  static const char *const names[BPL_LESSON_N_LOCKED] = {
    N_("weights"), N_("biases"), N_("inputs"), N_("targets"), N_("learning rate"),
  };
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < BPL_LESSON_N_LOCKED; i++)
    if (lesson->locked & bpl_lesson_locked_nth (i))
      g_string_append_printf (list, "%s%s", list->len > 0 ? ", " : "", _(names[i]));
  if (list->len == 0)
    return NULL;
  /* Translators: %s lists what is locked: "weights, biases" */
  return g_strdup_printf (_("Locked by the lesson, so they stay as given: %s"), list->str);
}

static void
show_banner (BplWindow       *self,
             const BplLesson *lesson)
{
  const char * const *warnings = bpl_network_get_load_warnings (bpl_document_get_live_network (self->document));
  g_autofree char *locks = lesson != NULL ? locks_text (lesson) : NULL;
  gboolean has_warnings = warnings != NULL && warnings[0] != NULL;

  gtk_label_set_text (GTK_LABEL (self->lesson_title),
                      lesson == NULL ? _("This file’s lesson could not be read")
                      : lesson->title != NULL ? lesson->title : _("Lesson"));
  gtk_label_set_text (GTK_LABEL (self->lesson_instructions), lesson != NULL && lesson->instructions != NULL
                                                             ? lesson->instructions : "");
  gtk_widget_set_visible (self->lesson_instructions, lesson != NULL && lesson->instructions != NULL);
  gtk_label_set_text (GTK_LABEL (self->lesson_locks), locks != NULL ? locks : "");
  gtk_widget_set_visible (self->lesson_locks, locks != NULL);
  if (has_warnings)
    {
      g_autofree char *joined = g_strjoinv ("\n", (char **) warnings);
      /* Translators: followed by one line per problem, each naming the field */
      g_autofree char *text = g_strconcat (_("Parts of the lesson were left out; the network opened without them:"),
                                           "\n", joined, NULL);
      gtk_label_set_text (GTK_LABEL (self->lesson_warnings), text);
    }
  gtk_widget_set_visible (self->lesson_warnings_box, has_warnings);
  gtk_widget_set_visible (self->lesson_banner, lesson != NULL || has_warnings);
}

/* Hidden parts */

static gboolean
hides (BplWindow *self,
       guint      part)
{
  const BplLesson *lesson = bpl_document_get_lesson (self->document);

  return lesson != NULL && (lesson->hidden & part) != 0;
}

/* The window enables Reset as the document allows; a lesson without
 * training keeps it off. */
static void
enforce_training_hidden (BplWindow *self)
{
  if (hides (self, BPL_LESSON_HIDE_TRAIN))
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset", FALSE);
}

static void
apply_hidden (BplWindow *self)
{
  static const char *const training_actions[] = { "win.step", "win.play", "win.train" };
  gboolean train = !hides (self, BPL_LESSON_HIDE_TRAIN);
  GtkWidget *bar = gtk_widget_get_ancestor (self->play_button, GTK_TYPE_ACTION_BAR);
  GtkStackPage *page;

  if (!train)
    _bpl_window_stop_playing (self);
  gtk_widget_set_visible (bar, train);
  for (guint i = 0; i < G_N_ELEMENTS (training_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), training_actions[i], train);
  if (train)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset", bpl_document_get_can_reset (self->document));
  enforce_training_hidden (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.architecture", !hides (self, BPL_LESSON_HIDE_ARCHITECTURE));
  if (hides (self, BPL_LESSON_HIDE_ARCHITECTURE) && self->architecture_window != NULL)
    gtk_window_destroy (self->architecture_window);

  page = gtk_stack_get_page (self->side_stack, GTK_WIDGET (self->derivation_panel));
  gtk_stack_page_set_visible (page, !hides (self, BPL_LESSON_HIDE_DERIVATION));
  page = gtk_stack_get_page (self->side_stack, GTK_WIDGET (self->parameters_panel));
  gtk_stack_page_set_visible (page, !hides (self, BPL_LESSON_HIDE_PARAMETERS));
  gtk_widget_set_visible (gtk_paned_get_end_child (self->vpaned), !hides (self, BPL_LESSON_HIDE_LOSS_PLOT));
}

/* Applying a lesson */

static void
apply_view (BplWindow       *self,
            const BplLesson *lesson)
{
  const BplNetwork *network = bpl_document_get_network (self->document);
  BplHit hit = bpl_session_get_selection (self->session);
  int layer = 0;

  if (lesson->view == BPL_LESSON_VIEW_DEFAULT)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.canvas-view", "s",
                              lesson->view == BPL_LESSON_VIEW_GRAPH ? "graph" : "diagram");
  bpl_session_set_data_view (self->session, lesson->view == BPL_LESSON_VIEW_DATA);
  if (lesson->view == BPL_LESSON_VIEW_MATRIX)
    layer = hit.kind == BPL_HIT_WEIGHT
            ? (int) bpl_network_get_neuron_layer (network, bpl_network_get_weight_target (network, hit.index))
            : 1;
  gtk_widget_activate_action (GTK_WIDGET (self->diagram), "diagram.view", "i", layer);
}

static void
apply_selection (BplWindow       *self,
                 const BplLesson *lesson)
{
  const BplNetwork *network = bpl_document_get_network (self->document);
  BplParam param;
  guint neuron;

  if (lesson->select == NULL)
    return;
  if (bpl_network_parse_param (network, lesson->select, &param, NULL))
    bpl_session_set_selection (self->session, (BplHit) { param.kind == BPL_PARAM_WEIGHT ? BPL_HIT_WEIGHT : BPL_HIT_BIAS,
                                                         param.index });
  else if (bpl_network_parse_neuron (network, lesson->select, &neuron))
    bpl_session_set_selection (self->session, (BplHit) { BPL_HIT_NEURON, neuron });
}

/* The banner and what is hidden follow the document's lesson whenever it
 * changes (opened, saved as a lesson, undone). */
static void
apply_lesson (BplWindow *self)
{
  const BplLesson *lesson = bpl_document_get_lesson (self->document);

  g_clear_pointer (&self->lesson_applied, bpl_lesson_free);
  if (lesson != NULL)
    self->lesson_applied = bpl_lesson_copy (lesson);
  show_banner (self, lesson);
  apply_hidden (self);
}

static void
follow_lesson (BplWindow *self)
{
  if (!bpl_lesson_equal (bpl_document_get_lesson (self->document), self->lesson_applied))
    apply_lesson (self);
}

/* On opening, a lesson also selects, picks the view and starts practice. */
static void
on_opened (BplWindow *self)
{
  const BplLesson *lesson = bpl_document_get_lesson (self->document);

  apply_lesson (self);
  if (lesson == NULL)
    return;
  apply_selection (self, lesson);
  apply_view (self, lesson);
  if (lesson->practice)
    bpl_practice_set_active (practice_of (self), TRUE);
}

/* Save as Lesson */

static void
on_lesson_chosen (BplWindow       *self,
                  const char      *path,
                  BplLessonDialog *dialog)
{
  g_autoptr(BplLesson) lesson = bpl_lesson_dialog_dup_lesson (dialog);

  bpl_document_set_lesson (self->document, lesson);
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* What the class will see, at once. */
  on_opened (self);
  if (path != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.save-to", "s", path);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.save-as", NULL);
}

static void
save_as_lesson_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);
  GtkWidget *dialog = bpl_lesson_dialog_new (GTK_WINDOW (self), self->session);

  g_signal_connect_object (dialog, "chosen", G_CALLBACK (on_lesson_chosen), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Setup */

void
_bpl_window_lesson_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (BPL_TYPE_PRACTICE_PANEL);
  gtk_widget_class_install_action (widget_class, "win.save-as-lesson", NULL, save_as_lesson_action);
}

void
_bpl_window_lesson_init (BplWindow *self)
{
  BplPractice *practice = practice_of (self);
  g_autoptr(GPropertyAction) action = g_property_action_new ("practice", practice, "active");

  self->practice_panel = g_object_new (BPL_TYPE_PRACTICE_PANEL, "session", self->session, NULL);
  self->practice_page = gtk_stack_add_titled (self->side_stack, self->practice_panel, "practice", _("Practice"));
  g_object_bind_property (practice, "active", self->practice_page, "visible", G_BINDING_SYNC_CREATE);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
  g_signal_connect_object (practice, "notify::active", G_CALLBACK (on_practice_active), self, G_CONNECT_SWAPPED);

  build_banner (self);
  g_signal_connect_object (self->document, "opened", G_CALLBACK (on_opened), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "values-changed", G_CALLBACK (follow_lesson), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "network-replaced", G_CALLBACK (follow_lesson), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "notify::can-reset", G_CALLBACK (enforce_training_hidden), self,
                           G_CONNECT_SWAPPED);
  on_opened (self);
}

void
_bpl_window_lesson_dispose (BplWindow *self)
{
  /* GtkApplicationWindow keeps its actions past dispose: this one holds
   * the practice. */
  g_action_map_remove_action (G_ACTION_MAP (self), "practice");
  g_clear_pointer (&self->lesson_applied, bpl_lesson_free);
}

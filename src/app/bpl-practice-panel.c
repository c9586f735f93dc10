/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-practice-panel.h"

#include <adwaita.h>
#include <glib/gi18n.h>

/* A first-layer weight of a large network has hundreds of paths: the first
 * this many quantities are practised. */
#define MAX_ROWS 80
/* Significant digits of the numbers given and of the hints. */
#define DIGITS 6

typedef struct
{
  const BplCheckQuantity *quantity;
  GtkWidget *box;
  GtkWidget *entry;     /* NULL when the value is given */
  GtkWidget *icon;
  GtkWidget *feedback;
  GtkWidget *hint;
} Row;

struct _BplPracticePanel
{
  BplView parent_instance;

  GtkStack *stack;
  AdwStatusPage *status_page;
  GtkScrolledWindow *scroller;
  GtkLabel *heading;
  GtkFlowBox *blanks_box;
  GtkBox *rows_box;
  GtkLabel *more_label;
  GtkLabel *score_label;
  GtkWidget *hint_button;

  GtkWidget *blank_checks[5];
  BplPracticeExercise *exercise;  /* owned by the session's practice */
  GPtrArray *rows;                /* Row */
  Row *current;                   /* the row last focused: what Hint helps with */
  gboolean rebuilding;
  gboolean dirty;                 /* changed while practice mode was off */
};

G_DEFINE_FINAL_TYPE (BplPracticePanel, bpl_practice_panel, BPL_TYPE_VIEW)

static BplPractice *
practice_of (BplPracticePanel *self)
{
  BplSession *session = bpl_view_get_session (BPL_VIEW (self));

  return session != NULL ? bpl_session_get_practice (session) : NULL;
}

static Row *
find_row (BplPracticePanel *self,
          const char       *name)
{
  const BplCheckQuantity *q;

  if (self->exercise == NULL)
    return NULL;
  q = bpl_check_lookup (bpl_practice_exercise_get_check (self->exercise), name, NULL);
  for (guint i = 0; q != NULL && i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      if (row->quantity == q)
        return row;
    }
  return NULL;
}

static void
set_label (GtkWidget  *label,
           const char *markup)
{
  gtk_label_set_markup (GTK_LABEL (label), markup != NULL ? markup : "");
  gtk_widget_set_visible (label, markup != NULL && *markup != '\0');
}

/* The verdict as an icon, words and the box's description, so that colour
 * is never the only sign. */
static void
show_entry_state (BplPracticePanel *self,
                  Row              *row)
{
  BplPracticeEntry *entry = bpl_practice_exercise_get_entry (self->exercise, row->quantity);
  gboolean judged = entry->judged != NULL && *entry->judged != '\0';
  const char *state;

  gtk_widget_remove_css_class (row->entry, "success");
  gtk_widget_remove_css_class (row->entry, "error");
  gtk_widget_remove_css_class (row->feedback, "error");
  if (judged && entry->correct)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (row->icon), "object-select-symbolic");
      gtk_widget_add_css_class (row->entry, "success");
      state = _("Right");
      set_label (row->feedback, NULL);
    }
  else if (judged)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (row->icon), "window-close-symbolic");
      gtk_widget_add_css_class (row->entry, "error");
      gtk_widget_add_css_class (row->feedback, "error");
      state = entry->feedback_text != NULL && entry->mistake == BPL_MISTAKE_NONE ? _("Not a number") : _("Not right");
      set_label (row->feedback, entry->feedback);
    }
  else
    {
      gtk_image_clear (GTK_IMAGE (row->icon));
      state = NULL;
      set_label (row->feedback, NULL);
    }
  gtk_widget_set_visible (row->icon, state != NULL);
  gtk_widget_set_tooltip_text (row->icon, state);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->icon), GTK_ACCESSIBLE_PROPERTY_LABEL, state != NULL ? state : "", -1);
  {
    g_autofree char *description = state == NULL ? g_strdup ("")
                                   : entry->feedback_text != NULL ? g_strdup_printf ("%s: %s", state, entry->feedback_text)
                                   : g_strdup (state);
    gtk_accessible_update_property (GTK_ACCESSIBLE (row->entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  }
  set_label (row->hint, entry->hint);
}

static void
update_score (BplPracticePanel *self)
{
  guint n_blanks, n_correct, n_first, n_hints;
  g_autofree char *score = NULL;
  g_autofree char *text = NULL;

  if (self->exercise == NULL)
    return;
  bpl_practice_exercise_score (self->exercise, bpl_practice_get_blanks (practice_of (self)),
                               &n_blanks, &n_correct, &n_first, &n_hints);
  score = bpl_practice_format_score (n_blanks, n_first, n_hints);
  if (n_blanks == 0)
    text = g_strdup (_("Choose what to leave blank"));
  else if (n_correct == n_blanks)
    /* Translators: %s is "7 of 9 right first time, 2 hints" */
    text = g_strdup_printf (_("All done: %s"), score);
  else
    /* Translators: %s is "7 of 9 right first time, 2 hints", %u how many blanks are not right yet */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u to go", "%s · %u to go", n_blanks - n_correct),
                            score, n_blanks - n_correct);
  gtk_label_set_text (self->score_label, text);
}

static void
submit (BplPracticePanel *self,
        Row              *row)
{
  if (self->rebuilding || self->exercise == NULL)
    return;
  if (bpl_practice_exercise_submit (self->exercise, row->quantity, gtk_editable_get_text (GTK_EDITABLE (row->entry))))
    {
      show_entry_state (self, row);
      update_score (self);
    }
}

/* Enter on a right answer goes on to the next blank, as on paper. */
static void
focus_next_blank (BplPracticePanel *self,
                  Row              *row)
{
  gboolean after = FALSE;

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *other = g_ptr_array_index (self->rows, i);

      if (other == row)
        after = TRUE;
      else if (after && other->entry != NULL
               && !bpl_practice_exercise_get_entry (self->exercise, other->quantity)->correct)
        {
          gtk_widget_grab_focus (other->entry);
          return;
        }
    }
}

static void
on_entry_activate (GtkWidget *entry,
                   gpointer   user_data)
{
  BplPracticePanel *self = BPL_PRACTICE_PANEL (gtk_widget_get_ancestor (entry, BPL_TYPE_PRACTICE_PANEL));
  Row *row = user_data;

  if (self == NULL)
    return;
  submit (self, row);
  if (self->exercise != NULL && bpl_practice_exercise_get_entry (self->exercise, row->quantity)->correct)
    focus_next_blank (self, row);
}

static void
on_entry_leave (GtkEventControllerFocus *controller,
                gpointer                 user_data)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  BplPracticePanel *self = BPL_PRACTICE_PANEL (gtk_widget_get_ancestor (entry, BPL_TYPE_PRACTICE_PANEL));

  if (self != NULL)
    submit (self, user_data);
}

static void
on_entry_enter (GtkEventControllerFocus *controller,
                gpointer                 user_data)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  BplPracticePanel *self = BPL_PRACTICE_PANEL (gtk_widget_get_ancestor (entry, BPL_TYPE_PRACTICE_PANEL));

  if (self != NULL && !self->rebuilding)
    self->current = user_data;
}

/* Kept as typed, judged or not: nothing is lost by looking elsewhere. */
static void
on_entry_changed (GtkEditable *editable,
                  gpointer     user_data)
{
  BplPracticePanel *self = BPL_PRACTICE_PANEL (gtk_widget_get_ancestor (GTK_WIDGET (editable), BPL_TYPE_PRACTICE_PANEL));
  Row *row = user_data;
  BplPracticeEntry *entry;

  if (self == NULL || self->rebuilding || self->exercise == NULL)
    return;
  entry = bpl_practice_exercise_get_entry (self->exercise, row->quantity);
  g_free (entry->text);
  entry->text = g_strdup (gtk_editable_get_text (editable));
}

static GtkWidget *
wrapped_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_visible (label, FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static Row *
build_row (BplPracticePanel       *self,
           const BplCheckQuantity *q,
           gboolean                blank)
{
  Row *row = g_new0 (Row, 1);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *symbol = gtk_label_new (NULL);
  g_autofree char *markup = bpl_expr_render (q->symbol, BPL_EXPR_MARKUP, DIGITS);
  g_autofree char *equals = g_strconcat (markup, " =", NULL);

  row->quantity = q;
  row->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (row->box, "practice-row");
  gtk_label_set_markup (GTK_LABEL (symbol), equals);
  gtk_label_set_xalign (GTK_LABEL (symbol), 0);
  gtk_label_set_wrap (GTK_LABEL (symbol), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (symbol), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (symbol, TRUE);
  gtk_widget_add_css_class (symbol, "formula");
  gtk_box_append (GTK_BOX (line), symbol);

  if (blank)
    {
      BplPracticeEntry *entry = bpl_practice_exercise_get_entry (self->exercise, q);
      GtkEventController *focus = gtk_event_controller_focus_new ();

      row->entry = gtk_entry_new ();
      gtk_editable_set_width_chars (GTK_EDITABLE (row->entry), 8);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (row->entry), 12);
      gtk_entry_set_input_purpose (GTK_ENTRY (row->entry), GTK_INPUT_PURPOSE_NUMBER);
      gtk_widget_add_css_class (row->entry, "numbers");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, q->name, -1);
      gtk_editable_set_text (GTK_EDITABLE (row->entry), entry->text != NULL ? entry->text : "");
      g_signal_connect (row->entry, "activate", G_CALLBACK (on_entry_activate), row);
      g_signal_connect (row->entry, "changed", G_CALLBACK (on_entry_changed), row);
      g_signal_connect (focus, "leave", G_CALLBACK (on_entry_leave), row);
      g_signal_connect (focus, "enter", G_CALLBACK (on_entry_enter), row);
      gtk_widget_add_controller (row->entry, focus);
      gtk_widget_set_valign (row->entry, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (line), row->entry);
      row->icon = gtk_image_new ();
      gtk_widget_set_size_request (row->icon, 16, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
      gtk_box_append (GTK_BOX (line), row->icon);
    }
  else
    {
      g_autofree char *value = bpl_format_number_display (q->value, DIGITS);
      GtkWidget *given = gtk_label_new (value);

      gtk_label_set_selectable (GTK_LABEL (given), TRUE);
      gtk_widget_add_css_class (given, "numbers");
      gtk_box_append (GTK_BOX (line), given);
    }
  gtk_box_append (GTK_BOX (row->box), line);
  row->feedback = wrapped_label ("practice-feedback");
  gtk_box_append (GTK_BOX (row->box), row->feedback);
  row->hint = wrapped_label ("practice-hint");
  gtk_box_append (GTK_BOX (row->box), row->hint);
  if (blank)
    show_entry_state (self, row);
  return row;
}

/* A heading before each group: "Path 1", "The sum", "Error terms", "The
 * new value". */
static void
append_heading (BplPracticePanel *self,
                const char       *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (self->rows_box, label);
}

static const char *
group_of (const BplCheckQuantity *q,
          guint                   n_paths,
          char                  **path_heading)
{
  switch (q->kind)
    {
    case BPL_CHECK_FACTOR:
    case BPL_CHECK_PATH:
      /* Translators: %u numbers the chain-rule paths; %u is how many */
      *path_heading = g_strdup_printf (_("Path %u of %u"), (guint) q->path + 1, n_paths);
      return NULL;
    case BPL_CHECK_OUTPUT_SUM:
    case BPL_CHECK_GRADIENT:
      return _("The sum");
    case BPL_CHECK_DELTA:
      return _("Error terms");
    case BPL_CHECK_NEW_VALUE:
    default:
      return _("The new value");
    }
}

static void
clear_rows (BplPracticePanel *self)
{
  GtkWidget *child;

  self->current = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_box))) != NULL)
    gtk_box_remove (self->rows_box, child);
  g_ptr_array_set_size (self->rows, 0);
}

static void
rebuild (BplPracticePanel *self)
{
  BplSession *session = bpl_view_get_session (BPL_VIEW (self));
  BplPractice *practice = practice_of (self);
  g_autoptr (GPtrArray) order = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *last_heading = NULL;
  g_autofree char *gradient = NULL;
  g_autofree char *heading = NULL;
  const BplDerivation *d;
  BplParam param;
  guint blanks, shown = 0;

  /* Off or out of sight (another page, Play): built when next shown. */
  if (practice == NULL || !bpl_practice_get_active (practice) || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  self->dirty = FALSE;
  self->rebuilding = TRUE;
  clear_rows (self);
  self->exercise = NULL;

  if (!bpl_session_get_selected_param (session, &param))
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      self->rebuilding = FALSE;
      return;
    }
  self->exercise = bpl_practice_get_exercise (practice, bpl_session_get_network (session), param,
                                              bpl_session_get_sample (session), &error);
  if (self->exercise == NULL)
    {
      adw_status_page_set_description (self->status_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      self->rebuilding = FALSE;
      return;
    }

  d = bpl_check_get_derivation (bpl_practice_exercise_get_check (self->exercise));
  gradient = bpl_expr_render (d->gradient_symbol, BPL_EXPR_MARKUP, DIGITS);
  if (bpl_network_get_n_samples (bpl_session_get_network (session)) > 1)
    /* Translators: %s is ∂E_total/∂w3, %u the sample */
    heading = g_strdup_printf (_("Work out %s on sample %u"), gradient, bpl_session_get_sample (session) + 1);
  else
    /* Translators: %s is ∂E_total/∂w3 */
    heading = g_strdup_printf (_("Work out %s"), gradient);
  gtk_label_set_markup (self->heading, heading);

  blanks = bpl_practice_get_blanks (practice);
  order = bpl_practice_exercise_dup_order (self->exercise);
  for (guint i = 0; i < order->len && shown < MAX_ROWS; i++, shown++)
    {
      const BplCheckQuantity *q = g_ptr_array_index (order, i);
      g_autofree char *path_heading = NULL;
      const char *group = group_of (q, d->n_paths, &path_heading);
      const char *title = group != NULL ? group : path_heading;
      Row *row;

      if (g_strcmp0 (title, last_heading) != 0)
        {
          append_heading (self, title);
          g_free (last_heading);
          last_heading = g_strdup (title);
        }
      row = build_row (self, q, bpl_practice_blank_kind (blanks, q->kind));
      gtk_box_append (self->rows_box, row->box);
      g_ptr_array_add (self->rows, row);
    }
  if (shown < order->len)
    {
      /* Translators: %u of %u quantities */
      g_autofree char *more = g_strdup_printf (_("The first %u of its %u quantities are here: a parameter nearer the outputs has fewer paths."),
                                               shown, order->len);
      gtk_label_set_text (self->more_label, more);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->more_label), shown < order->len);
  update_score (self);
  gtk_stack_set_visible_child_name (self->stack, "practice");
  self->rebuilding = FALSE;
}

/* The blank kinds, with the learner's choice. */
static const struct
{
  BplPracticeBlanks flag;
  const char *label;
} blank_kinds[] = {
  { BPL_PRACTICE_BLANK_FACTORS, N_("Factors") },
  { BPL_PRACTICE_BLANK_PATHS, N_("Path products") },
  { BPL_PRACTICE_BLANK_SUMS, N_("Sums") },
  { BPL_PRACTICE_BLANK_DELTAS, N_("Error terms δ") },
  { BPL_PRACTICE_BLANK_NEW_VALUE, N_("New value") },
};

static void
on_blank_toggled (GtkCheckButton *check,
                  gpointer        user_data)
{
  BplPracticePanel *self = BPL_PRACTICE_PANEL (gtk_widget_get_ancestor (GTK_WIDGET (check), BPL_TYPE_PRACTICE_PANEL));
  BplPractice *practice;
  guint flag = GPOINTER_TO_UINT (user_data);
  guint blanks;

  if (self == NULL || (practice = practice_of (self)) == NULL)
    return;
  blanks = bpl_practice_get_blanks (practice);
  blanks = gtk_check_button_get_active (check) ? blanks | flag : blanks & ~flag;
  bpl_practice_set_blanks (practice, blanks);
}

static void
sync_blank_checks (BplPracticePanel *self)
{
  BplPractice *practice = practice_of (self);

  for (guint i = 0; i < G_N_ELEMENTS (blank_kinds); i++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->blank_checks[i]),
                                 practice != NULL && (bpl_practice_get_blanks (practice) & blank_kinds[i].flag));
}

static void
on_blanks_changed (BplPracticePanel *self)
{
  sync_blank_checks (self);
  rebuild (self);
}

static void
on_active_changed (BplPracticePanel *self)
{
  if (self->dirty || self->exercise == NULL)
    rebuild (self);
}

/* The row Hint helps with: the one last focused, else the first blank not
 * right yet. */
static Row *
hint_row (BplPracticePanel *self)
{
  if (self->current != NULL)
    {
      BplPracticeEntry *entry = bpl_practice_exercise_get_entry (self->exercise, self->current->quantity);
      if (!entry->correct)
        return self->current;
    }
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);
      if (row->entry != NULL && !bpl_practice_exercise_get_entry (self->exercise, row->quantity)->correct)
        return row;
    }
  return NULL;
}

static void
hint_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BplPracticePanel *self = BPL_PRACTICE_PANEL (widget);
  Row *row;

  if (self->exercise == NULL || (row = hint_row (self)) == NULL)
    return;
  if (bpl_practice_exercise_hint (self->exercise, row->quantity, DIGITS))
    {
      show_entry_state (self, row);
      update_score (self);
    }
  else
    {
      BplPracticeEntry *entry = bpl_practice_exercise_get_entry (self->exercise, row->quantity);
      g_autofree char *last = g_strconcat (entry->hint != NULL ? entry->hint : "", "\n",
                                           _("That was the last hint for this one."), NULL);
      set_label (row->hint, last);
    }
  self->current = row;
}

GtkWidget *
bpl_practice_panel_get_entry (BplPracticePanel *self,
                              const char       *name)
{
  Row *row;

  g_return_val_if_fail (BPL_IS_PRACTICE_PANEL (self), NULL);
  row = find_row (self, name);
  return row != NULL ? row->entry : NULL;
}

const char *
bpl_practice_panel_get_feedback (BplPracticePanel *self,
                                 const char       *name)
{
  Row *row;

  g_return_val_if_fail (BPL_IS_PRACTICE_PANEL (self), NULL);
  row = find_row (self, name);
  return row != NULL && gtk_widget_get_visible (row->feedback) ? gtk_label_get_label (GTK_LABEL (row->feedback)) : "";
}

const char *
bpl_practice_panel_get_hint (BplPracticePanel *self,
                             const char       *name)
{
  Row *row;

  g_return_val_if_fail (BPL_IS_PRACTICE_PANEL (self), NULL);
  row = find_row (self, name);
  return row != NULL && gtk_widget_get_visible (row->hint) ? gtk_label_get_label (GTK_LABEL (row->hint)) : "";
}

gboolean
bpl_practice_panel_get_correct (BplPracticePanel *self,
                                const char       *name)
{
  Row *row;

  g_return_val_if_fail (BPL_IS_PRACTICE_PANEL (self), FALSE);
  row = find_row (self, name);
  return row != NULL && row->entry != NULL && gtk_widget_get_visible (row->icon)
         && gtk_widget_has_css_class (row->entry, "success");
}

const char *
bpl_practice_panel_get_score (BplPracticePanel *self)
{
  g_return_val_if_fail (BPL_IS_PRACTICE_PANEL (self), NULL);
  return gtk_label_get_text (self->score_label);
}

static void
bpl_practice_panel_session_changed (BplView *view)
{
  BplPracticePanel *self = BPL_PRACTICE_PANEL (view);
  BplPractice *practice = practice_of (self);

  if (practice != NULL)
    {
      g_signal_connect_object (practice, "notify::blanks", G_CALLBACK (on_blanks_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (practice, "notify::active", G_CALLBACK (on_active_changed), self, G_CONNECT_SWAPPED);
    }
  sync_blank_checks (self);
  rebuild (self);
}

static void
bpl_practice_panel_map (GtkWidget *widget)
{
  BplPracticePanel *self = BPL_PRACTICE_PANEL (widget);

  GTK_WIDGET_CLASS (bpl_practice_panel_parent_class)->map (widget);
  if (self->dirty)
    rebuild (self);
}

static void
bpl_practice_panel_dispose (GObject *object)
{
  BplPracticePanel *self = BPL_PRACTICE_PANEL (object);

  self->rebuilding = TRUE;
  self->exercise = NULL;
  self->current = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), BPL_TYPE_PRACTICE_PANEL);
  G_OBJECT_CLASS (bpl_practice_panel_parent_class)->dispose (object);
}

static void
bpl_practice_panel_finalize (GObject *object)
{
  BplPracticePanel *self = BPL_PRACTICE_PANEL (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (bpl_practice_panel_parent_class)->finalize (object);
}

static void
bpl_practice_panel_class_init (BplPracticePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bpl_practice_panel_dispose;
  object_class->finalize = bpl_practice_panel_finalize;
  BPL_VIEW_CLASS (klass)->session_changed = bpl_practice_panel_session_changed;
  widget_class->map = bpl_practice_panel_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/backproplens/BackpropLens/bpl-practice-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, BplPracticePanel, stack);
  gtk_widget_class_bind_template_child (widget_class, BplPracticePanel, status_page);
  gtk_widget_class_bind_template_child (widget_class, BplPracticePanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, BplPracticePanel, heading);
  gtk_widget_class_bind_template_child (widget_class, BplPracticePanel, blanks_box);
  gtk_widget_class_bind_template_child (widget_class, BplPracticePanel, rows_box);
  gtk_widget_class_bind_template_child (widget_class, BplPracticePanel, more_label);
  gtk_widget_class_bind_template_child (widget_class, BplPracticePanel, score_label);
  gtk_widget_class_bind_template_child (widget_class, BplPracticePanel, hint_button);

  gtk_widget_class_install_action (widget_class, "practice.hint", NULL, hint_action);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
bpl_practice_panel_init (BplPracticePanel *self)
{
  GSignalGroup *signals = bpl_view_get_session_signals (BPL_VIEW (self));

  self->rows = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (blank_kinds); i++)
    {
      self->blank_checks[i] = gtk_check_button_new_with_label (_(blank_kinds[i].label));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->blank_checks[i]), TRUE);
      g_signal_connect (self->blank_checks[i], "toggled", G_CALLBACK (on_blank_toggled),
                        GUINT_TO_POINTER (blank_kinds[i].flag));
      gtk_flow_box_append (self->blanks_box, self->blank_checks[i]);
    }
  g_signal_group_connect_swapped (signals, "values-changed", G_CALLBACK (rebuild), self);
  g_signal_group_connect_swapped (signals, "network-replaced", G_CALLBACK (rebuild), self);
  g_signal_group_connect_swapped (signals, "notify::selection", G_CALLBACK (rebuild), self);
  g_signal_group_connect_swapped (signals, "notify::sample", G_CALLBACK (rebuild), self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-timeline.h"

#include <glib/gi18n.h>

struct _BplTimeline
{
  BplView parent_instance;

  GtkAdjustment *adjustment;
  GtkLabel *label;
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (BplTimeline, bpl_timeline, BPL_TYPE_VIEW)

/* The entries (every recent step, thinned older ones) sit at their steps. */
static void
update (BplTimeline *self)
{
  BplDocument *document = bpl_view_get_document (BPL_VIEW (self));
  guint n, index;
  gboolean past;
  guint64 first, last, shown;
  g_autofree char *step = NULL;
  g_autofree char *text = NULL;

  if (document == NULL)
    return;
  n = bpl_document_get_n_history (document);
  index = bpl_document_get_history_index (document);
  past = bpl_document_get_viewing_past (document);
  first = bpl_document_get_history_step (document, 0);
  last = bpl_document_get_history_step (document, n - 1);
  shown = bpl_document_get_history_step (document, index);
  step = g_strdup_printf ("%" G_GUINT64_FORMAT, shown);

  self->updating = TRUE;
  gtk_adjustment_configure (self->adjustment, shown, first, last, 1, MAX (1, (last - first) / 20), 0);
  self->updating = FALSE;
  if (past)
    /* Translators: %s is a step number */
    text = g_strdup_printf (_("Showing step %s"), step);
  else
    text = g_strdup_printf (_("Step %s (latest)"), step);
  gtk_label_set_text (self->label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->label),
                               past ? _("A past step: Step, Train or an edit continues from here, and Undo goes back")
                                    : NULL);
}

/* The entry nearest timeline position @value. The position is not snapped
 * to it, so that the arrow keys move on through thinned older steps. */
static guint
history_index_at (BplDocument *document,
                  double       value)
{
  guint n = bpl_document_get_n_history (document);
  guint lo = 0;
  guint hi = n;

  /* lo: the first entry with a step at or after @value. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((double) bpl_document_get_history_step (document, mid) < value)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == n)
    return n - 1;
  if (lo > 0 && value - (double) bpl_document_get_history_step (document, lo - 1)
                  < (double) bpl_document_get_history_step (document, lo) - value)
    lo--;
  return lo;
}

static void
on_scrubbed (BplTimeline *self)
{
  BplDocument *document = bpl_view_get_document (BPL_VIEW (self));
  guint index;

  if (self->updating || document == NULL)
    return;
  index = history_index_at (document, gtk_adjustment_get_value (self->adjustment));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.history-view", "u", index);
}

GtkAdjustment *
bpl_timeline_get_adjustment (BplTimeline *self)
{
  g_return_val_if_fail (BPL_IS_TIMELINE (self), NULL);
  return self->adjustment;
}

const char *
bpl_timeline_get_text (BplTimeline *self)
{
  g_return_val_if_fail (BPL_IS_TIMELINE (self), NULL);
  return gtk_label_get_text (self->label);
}

static void
bpl_timeline_session_changed (BplView *view)
{
  update (BPL_TIMELINE (view));
}

static void
bpl_timeline_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), BPL_TYPE_TIMELINE);
  /* The caption and the button are the template's too, though unnamed. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (bpl_timeline_parent_class)->dispose (object);
}

static void
bpl_timeline_class_init (BplTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bpl_timeline_dispose;
  BPL_VIEW_CLASS (klass)->session_changed = bpl_timeline_session_changed;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/backproplens/BackpropLens/bpl-timeline.ui");
  gtk_widget_class_bind_template_child (widget_class, BplTimeline, adjustment);
  gtk_widget_class_bind_template_child (widget_class, BplTimeline, label);
}

static void
bpl_timeline_init (BplTimeline *self)
{
  GSignalGroup *signals = bpl_view_get_session_signals (BPL_VIEW (self));

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);
  g_signal_connect_object (self->adjustment, "value-changed", G_CALLBACK (on_scrubbed), self, G_CONNECT_SWAPPED);
  /* The history grows and thins with every step: follow every change. */
  g_signal_group_connect_swapped (signals, "network-replaced", G_CALLBACK (update), self);
  g_signal_group_connect_swapped (signals, "values-changed", G_CALLBACK (update), self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-status-line.h"

#include <glib/gi18n.h>
#include <math.h>

struct _BplStatusLine
{
  BplView parent_instance;

  GtkWidget *warning;
  GtkWidget *label;
  GtkWidget *next_label;
  int digits;
};

G_DEFINE_FINAL_TYPE (BplStatusLine, bpl_status_line, BPL_TYPE_VIEW)

enum
{
  PROP_0,
  PROP_DIGITS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "3, 4", runs of three or more as "5–8", in the order taken (a wrap
 * gives "150, 1, 2"). */
static void
append_samples (GString     *out,
                const guint *samples,
                guint        n)
{
  for (guint i = 0; i < n;)
    {
      guint j = i;

      while (j + 1 < n && samples[j + 1] == samples[j] + 1)
        j++;
      if (out->len > 0)
        g_string_append (out, ", ");
      if (j >= i + 2)
        g_string_append_printf (out, "%u–%u", samples[i] + 1, samples[j] + 1);
      else
        {
          g_string_append_printf (out, "%u", samples[i] + 1);
          j = i;
        }
      i = j + 1;
    }
}

char *
bpl_format_next_step_samples (const BplNetwork *network)
{
  guint n = bpl_network_get_samples_per_step (network);
  guint n_samples = bpl_network_get_n_samples (network);
  g_autofree guint *samples = g_new (guint, MAX (n, 1));
  g_autoptr(GString) list = g_string_new (NULL);

  bpl_network_get_step_samples (network, bpl_network_get_steps (network), samples);
  if (bpl_network_get_training (network) == BPL_TRAINING_BATCH)
    /* Translators: what the next training step uses */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Next step: the sample", "Next step: all %u samples",
                                         n_samples), n_samples);
  append_samples (list, samples, n);
  if (n == 1)
    /* Translators: what the next training step uses, e.g. "Next step: sample 3" */
    return g_strdup_printf (_("Next step: sample %s"), list->str);
  /* Translators: what the next training step uses, e.g. "Next step: samples 3, 4" */
  return g_strdup_printf (_("Next step: samples %s"), list->str);
}

static void
update (BplStatusLine *self)
{
  BplDocument *document = bpl_view_get_document (BPL_VIEW (self));
  double error;
  g_autofree char *mean = NULL;
  g_autofree char *steps = NULL;
  g_autofree char *markup = NULL;

  if (document == NULL)
    return;
  error = bpl_document_get_mean_error (document);
  mean = bpl_format_number_display (error, self->digits);
  steps = g_strdup_printf ("%" G_GUINT64_FORMAT, bpl_document_get_steps (document));
  /* NaN or ∞ never passes for a number: the warning icon beside it says
   * why on hover, and the label says it overflowed. */
  if (!isfinite (error))
    {
      char *s = g_strdup_printf (_("%s (overflowed)"), mean);
      g_free (mean);
      mean = s;
    }
  if (bpl_document_get_n_samples (document) > 1)
    markup = g_strdup_printf (_("Mean E<sub>total</sub> = %s   ·   step %s"), mean, steps);
  else
    markup = g_strdup_printf (_("E<sub>total</sub> = %s   ·   step %s"), mean, steps);
  gtk_label_set_markup (GTK_LABEL (self->label), markup);
  if (bpl_document_get_n_samples (document) > 1)
    {
      g_autofree char *next = bpl_format_next_step_samples (bpl_document_get_network (document));

      gtk_label_set_text (GTK_LABEL (self->next_label), next);
      /* Cut short in a narrow window: whole on hover. */
      gtk_widget_set_tooltip_text (self->next_label, next);
    }
  gtk_widget_set_visible (self->next_label, bpl_document_get_n_samples (document) > 1);
  gtk_widget_set_visible (self->warning, !isfinite (error));
  if (isfinite (error))
    gtk_widget_remove_css_class (self->label, "warning");
  else
    gtk_widget_add_css_class (self->label, "warning");
}

void
bpl_status_line_set_digits (BplStatusLine *self,
                            int            digits)
{
  g_return_if_fail (BPL_IS_STATUS_LINE (self));

  digits = CLAMP (digits, 1, 17);
  if (self->digits == digits)
    return;
  self->digits = digits;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIGITS]);
}

const char *
bpl_status_line_get_text (BplStatusLine *self)
{
  g_return_val_if_fail (BPL_IS_STATUS_LINE (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->label));
}

const char *
bpl_status_line_get_next_text (BplStatusLine *self)
{
  g_return_val_if_fail (BPL_IS_STATUS_LINE (self), NULL);
  return gtk_label_get_text (GTK_LABEL (self->next_label));
}

GtkWidget *
bpl_status_line_get_warning (BplStatusLine *self)
{
  g_return_val_if_fail (BPL_IS_STATUS_LINE (self), NULL);
  return self->warning;
}

static void
bpl_status_line_session_changed (BplView *view)
{
  update (BPL_STATUS_LINE (view));
}

static void
bpl_status_line_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_DIGITS:
      g_value_set_int (value, BPL_STATUS_LINE (object)->digits);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bpl_status_line_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_DIGITS:
      bpl_status_line_set_digits (BPL_STATUS_LINE (object), g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bpl_status_line_dispose (GObject *object)
{
  BplStatusLine *self = BPL_STATUS_LINE (object);

  g_clear_pointer (&self->warning, gtk_widget_unparent);
  g_clear_pointer (&self->label, gtk_widget_unparent);
  g_clear_pointer (&self->next_label, gtk_widget_unparent);

  G_OBJECT_CLASS (bpl_status_line_parent_class)->dispose (object);
}

static void
bpl_status_line_class_init (BplStatusLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bpl_status_line_dispose;
  object_class->get_property = bpl_status_line_get_property;
  object_class->set_property = bpl_status_line_set_property;
  BPL_VIEW_CLASS (klass)->session_changed = bpl_status_line_session_changed;

  properties[PROP_DIGITS] =
    g_param_spec_int ("digits", NULL, NULL, 1, 17, 11,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "statusline");
}

static void
bpl_status_line_init (BplStatusLine *self)
{
  GSignalGroup *signals = bpl_view_get_document_signals (BPL_VIEW (self));

  self->digits = 11;
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 12);

  self->warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_set_visible (self->warning, FALSE);
  gtk_widget_set_tooltip_text (self->warning,
                               _("This value overflowed: training diverged or a value is too large. Lower the learning rate η, make large values smaller, or undo."));
  gtk_widget_add_css_class (self->warning, "warning");
  gtk_widget_set_parent (self->warning, GTK_WIDGET (self));

  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_label_set_selectable (GTK_LABEL (self->label), TRUE);
  gtk_widget_set_hexpand (self->label, TRUE);
  gtk_widget_add_css_class (self->label, "total-error");
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));

  /* Which samples Step takes next: online in turn, a mini-batch, all. */
  self->next_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->next_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->next_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->next_label, "dim-label");
  gtk_widget_set_parent (self->next_label, GTK_WIDGET (self));

  /* What it says is the document's: it follows those properties. */
  g_signal_group_connect_swapped (signals, "notify::mean-error", G_CALLBACK (update), self);
  g_signal_group_connect_swapped (signals, "notify::steps", G_CALLBACK (update), self);
  g_signal_group_connect_swapped (signals, "notify::n-samples", G_CALLBACK (update), self);
  /* A change of the batch size changes the next step's samples alone. */
  g_signal_group_connect_swapped (signals, "values-changed", G_CALLBACK (update), self);
  g_signal_group_connect_swapped (signals, "network-replaced", G_CALLBACK (update), self);
}

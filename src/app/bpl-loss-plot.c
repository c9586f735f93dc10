/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-loss-plot.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "bpl-theme.h"

struct _BplLossPlot
{
  GtkWidget parent_instance;

  BplDocument *document;
  gboolean log_scale;
};

G_DEFINE_FINAL_TYPE (BplLossPlot, bpl_loss_plot, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_LOG_SCALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
named_color (GtkWidget  *widget,
             const char *name,
             double      alpha,
             cairo_t    *cr)
{
  GdkRGBA rgba = { 0.5, 0.5, 0.5, 1 };

  gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &rgba);
  cairo_set_source_rgba (cr, rgba.red, rgba.green, rgba.blue, rgba.alpha * alpha);
}

/* Text and axes in the colour CSS gives the plot, as a label's text is:
 * it follows the style and the high-contrast switch, over the background
 * style.css gives the plot's box. */
static void
foreground_color (GtkWidget *widget,
                  double     alpha,
                  cairo_t   *cr)
{
  GdkRGBA rgba;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &rgba);
  cairo_set_source_rgba (cr, rgba.red, rgba.green, rgba.blue, rgba.alpha * alpha);
}
G_GNUC_END_IGNORE_DEPRECATIONS

static void
draw_text (cairo_t    *cr,
           GtkWidget  *widget,
           const char *text,
           double      x,
           double      y,
           double      xalign,
           double      yalign)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - xalign * w, y - yalign * h);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static double
transform (BplLossPlot *self,
           double       v)
{
  if (self->log_scale)
    return log10 (MAX (v, 1e-300));
  return v;
}

static void
bpl_loss_plot_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  BplLossPlot *self = BPL_LOSS_PLOT (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  const guint64 *steps;
  const double *values;
  guint n;
  double left = 78, right = 14, top = 10, bottom = 24;
  double pw, ph, ymin = INFINITY, ymax = -INFINITY;
  guint64 xmin, xmax;
  guint n_non_finite = 0;
  g_autofree char *label = NULL;
  cairo_t *cr;

  if (self->document == NULL || width < 60 || height < 40)
    return;

  n = bpl_document_get_n_loss_points (self->document);
  steps = bpl_document_get_loss_steps (self->document);
  values = bpl_document_get_loss_values (self->document);
  if (n == 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pw = width - left - right;
  ph = height - top - bottom;

  for (guint i = 0; i < n; i++)
    {
      double t = transform (self, values[i]);
      if (isfinite (t))
        {
          ymin = MIN (ymin, t);
          ymax = MAX (ymax, t);
        }
      else
        n_non_finite++;
    }
  if (!isfinite (ymin))
    ymin = 0, ymax = 1;
  if (!self->log_scale)
    ymin = MIN (ymin, 0);
  if (ymax - ymin < 1e-12)
    {
      ymax += self->log_scale ? 0.5 : MAX (fabs (ymax) * 0.1, 1e-6);
      ymin -= self->log_scale ? 0.5 : 0;
    }
  xmin = steps[0];
  xmax = MAX (steps[n - 1], xmin + 1);

  /* Frame and axis labels */
  foreground_color (widget, 0.15, cr);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, left + 0.5, top + 0.5, pw - 1, ph - 1);
  cairo_stroke (cr);

  foreground_color (widget, bpl_theme_is_high_contrast (widget) ? 1.0 : 0.7, cr);
  /* With no finite value there is no scale to label. */
  if (n_non_finite < n)
    {
      label = bpl_format_number_display (self->log_scale ? pow (10, ymax) : ymax, 4);
      draw_text (cr, widget, label, left - 6, top, 1, 0);
      g_free (label);
      label = bpl_format_number_display (self->log_scale ? pow (10, ymin) : ymin, 4);
      draw_text (cr, widget, label, left - 6, top + ph, 1, 1);
      g_free (label);
    }
  draw_text (cr, widget, self->log_scale ? _("E (log)") : _("E"), left - 6, top + ph / 2, 1, 0.5);
  label = g_strdup_printf ("%" G_GUINT64_FORMAT, xmin);
  draw_text (cr, widget, label, left, top + ph + 3, 0, 0);
  g_free (label);
  {
    g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, steps[n - 1]);
    /* Translators: the last training step on the plot's axis */
    label = g_strdup_printf (_("step %s"), count);
  }
  draw_text (cr, widget, label, left + pw, top + ph + 3, 1, 0);

  /* Points that overflowed are not drawn: say so, not leave a gap. */
  if (n_non_finite > 0)
    {
      g_autofree char *note = n_non_finite == n
        ? g_strdup (_("⚠ E_total overflowed (∞ or NaN): nothing to plot"))
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "⚠ %u point not drawn: E_total overflowed (∞ or NaN)",
                                        "⚠ %u points not drawn: E_total overflowed (∞ or NaN)", n_non_finite),
                           n_non_finite);
      named_color (widget, "warning_color", 1.0, cr);
      draw_text (cr, widget, note, left + pw / 2, top + ph / 2, 0.5, 0.5);
    }

  /* The curve */
  cairo_save (cr);
  cairo_rectangle (cr, left, top, pw, ph);
  cairo_clip (cr);
  named_color (widget, "accent_color", 1.0, cr);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < n; i++)
    {
      double t = transform (self, values[i]);
      double x = left + pw * (double) (steps[i] - xmin) / (double) (xmax - xmin);
      double y = top + ph - ph * (t - ymin) / (ymax - ymin);

      if (!isfinite (t))
        continue;
      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  if (n == 1)
    {
      double t = transform (self, values[0]);
      double y = top + ph - ph * (t - ymin) / (ymax - ymin);
      /* Whole inside the frame: the top of a linear axis is this value. */
      y = CLAMP (y, top + 3, top + ph - 3);
      cairo_arc (cr, left + 3, y, 3, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  else
    cairo_stroke (cr);

  /* A past step shown from the history: a marker where it is. */
  if (bpl_document_get_viewing_past (self->document))
    {
      const BplNetwork *shown = bpl_document_get_network (self->document);
      guint64 step = bpl_network_get_steps (shown);
      double x = left + pw * (double) (MAX (step, xmin) - xmin) / (double) (xmax - xmin);
      double t = transform (self, bpl_document_get_mean_error (self->document));
      double y = top + ph - ph * (t - ymin) / (ymax - ymin);

      foreground_color (widget, 0.6, cr);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, round (x) + 0.5, top);
      cairo_line_to (cr, round (x) + 0.5, top + ph);
      cairo_stroke (cr);
      if (isfinite (t))
        {
          named_color (widget, "accent_color", 1.0, cr);
          cairo_arc (cr, x, y, 4, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
  cairo_restore (cr);
  cairo_destroy (cr);
}

static void
bpl_loss_plot_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 90;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 400 : 150;
}

static void
update_accessible (BplLossPlot *self)
{
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;
  guint n;

  if (self->document == NULL)
    return;
  n = bpl_document_get_n_loss_points (self->document);
  value = bpl_format_number_display (bpl_document_get_mean_error (self->document), 6);
  {
    g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                              n > 0 ? bpl_document_get_loss_steps (self->document)[n - 1] : 0);
    text = g_strdup_printf (_("Total error %s after %s steps"), value, count);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
on_changed (BplLossPlot *self)
{
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
bpl_loss_plot_set_document (BplLossPlot *self,
                            BplDocument *document)
{
  g_return_if_fail (BPL_IS_LOSS_PLOT (self));

  if (self->document == document)
    return;
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "changed", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  on_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

BplDocument *
bpl_loss_plot_get_document (BplLossPlot *self)
{
  return self->document;
}

void
bpl_loss_plot_set_log_scale (BplLossPlot *self,
                             gboolean     log_scale)
{
  g_return_if_fail (BPL_IS_LOSS_PLOT (self));

  log_scale = !!log_scale;
  if (self->log_scale == log_scale)
    return;
  self->log_scale = log_scale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_SCALE]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
bpl_loss_plot_get_log_scale (BplLossPlot *self)
{
  return self->log_scale;
}

static void
bpl_loss_plot_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BplLossPlot *self = BPL_LOSS_PLOT (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_LOG_SCALE:
      g_value_set_boolean (value, self->log_scale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bpl_loss_plot_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BplLossPlot *self = BPL_LOSS_PLOT (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      bpl_loss_plot_set_document (self, g_value_get_object (value));
      break;
    case PROP_LOG_SCALE:
      bpl_loss_plot_set_log_scale (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bpl_loss_plot_dispose (GObject *object)
{
  BplLossPlot *self = BPL_LOSS_PLOT (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (bpl_loss_plot_parent_class)->dispose (object);
}

static void
bpl_loss_plot_class_init (BplLossPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bpl_loss_plot_dispose;
  object_class->get_property = bpl_loss_plot_get_property;
  object_class->set_property = bpl_loss_plot_set_property;
  widget_class->snapshot = bpl_loss_plot_snapshot;
  widget_class->measure = bpl_loss_plot_measure;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, BPL_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOG_SCALE] =
    g_param_spec_boolean ("log-scale", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "lossplot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bpl_loss_plot_init (BplLossPlot *self)
{
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Total error against training step"), -1);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

GtkWidget *
bpl_loss_plot_new (void)
{
  return g_object_new (BPL_TYPE_LOSS_PLOT, NULL);
}

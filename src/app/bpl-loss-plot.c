/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-loss-plot.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "bpl-axis.h"
#include "bpl-theme.h"

struct _BplLossPlot
{
  BplView parent_instance;

  gboolean log_scale;

  /* The y labels as last drawn and the leftmost edge of any, for tests. */
  GStrv drawn_labels;
  double drawn_labels_left;
};

G_DEFINE_FINAL_TYPE (BplLossPlot, bpl_loss_plot, BPL_TYPE_VIEW)

enum
{
  PROP_0,
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
draw_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y,
             double       xalign,
             double       yalign)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - xalign * w, y - yalign * h);
  pango_cairo_show_layout (cr, layout);
}

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

  draw_layout (cr, layout, x, y, xalign, yalign);
  g_object_unref (layout);
}

/* The y axis: ticks as many as fit, each label measured so that the margin
 * holds the widest (3.081×10⁻⁵ must not lose its first digit). */
typedef struct
{
  BplAxis axis;
  PangoLayout *labels[BPL_AXIS_MAX_TICKS];
  PangoLayout *title;
  int label_width;
  int label_height;
  int title_height;
} YAxis;

static void
y_axis_init (YAxis     *y,
             GtkWidget *widget,
             double     lo,
             double     hi,
             gboolean   log_scale,
             double     length,
             int        line_height)
{
  int w;

  y->label_height = line_height;
  y->title = gtk_widget_create_pango_layout (widget, log_scale ? _("E (log)") : _("E"));
  pango_layout_get_pixel_size (y->title, &w, &y->title_height);
  /* Rotated beside the labels, where it fits. */
  if (w > length)
    {
      g_clear_object (&y->title);
      y->title_height = 0;
    }

  /* Two pixels between neighbouring labels at least, and no more than
   * about seven ticks on a tall plot. */
  bpl_axis_init (&y->axis, lo, hi, log_scale, length, MAX (y->label_height + 2, length / 6));
  y->label_width = 0;
  for (guint i = 0; i < y->axis.n_ticks; i++)
    {
      g_autofree char *text = bpl_axis_format_tick (&y->axis, i);

      y->labels[i] = gtk_widget_create_pango_layout (widget, text);
      pango_layout_get_pixel_size (y->labels[i], &w, NULL);
      y->label_width = MAX (y->label_width, w);
    }
}

static void
y_axis_clear (YAxis *y)
{
  for (guint i = 0; i < y->axis.n_ticks; i++)
    g_clear_object (&y->labels[i]);
  g_clear_object (&y->title);
}

static double
transform (BplLossPlot *self,
           double       v)
{
  if (self->log_scale)
    return log10 (MAX (v, 1e-300));
  return v;
}

/* Where the plot is drawn, and the ranges it shows: y in the plot's own
 * (transformed) units. */
typedef struct
{
  double left, top, width, height;
  guint64 xmin, xmax;
  double ymin, ymax;
} Frame;

static double
frame_x (const Frame *f,
         guint64      step)
{
  return f->left + f->width * (double) (step - f->xmin) / (double) (f->xmax - f->xmin);
}

static double
frame_y (const Frame *f,
         double       t)
{
  return f->top + f->height - f->height * (t - f->ymin) / (f->ymax - f->ymin);
}

/* The range of the finite values, in plot units, and how many are not. */
static guint
value_range (BplLossPlot  *self,
             const double *values,
             guint         n,
             double       *ymin,
             double       *ymax)
{
  guint n_non_finite = 0;

  *ymin = INFINITY;
  *ymax = -INFINITY;
  for (guint i = 0; i < n; i++)
    {
      double t = transform (self, values[i]);

      if (isfinite (t))
        {
          *ymin = MIN (*ymin, t);
          *ymax = MAX (*ymax, t);
        }
      else
        n_non_finite++;
    }
  if (!isfinite (*ymin))
    *ymin = 0, *ymax = 1;
  if (!self->log_scale)
    *ymin = MIN (*ymin, 0);
  if (*ymax - *ymin < 1e-12)
    {
      *ymax += self->log_scale ? 0.5 : MAX (fabs (*ymax) * 0.1, 1e-6);
      *ymin -= self->log_scale ? 0.5 : 0;
    }
  return n_non_finite;
}

/* The margins hold the measured labels: half a label above the top tick, a
 * line of step numbers below, the widest tick label and the rotated axis
 * title on the left. With no finite value there is no scale to label. */
static void
lay_out_frame (BplLossPlot *self,
               Frame       *frame,
               YAxis       *axis,
               gboolean     labelled)
{
  GtkWidget *widget = GTK_WIDGET (self);
  PangoLayout *probe = gtk_widget_create_pango_layout (widget, "0");
  int line;

  pango_layout_get_pixel_size (probe, NULL, &line);
  g_object_unref (probe);
  frame->top = MAX (6, ceil (line / 2.0) + 1);
  frame->height = gtk_widget_get_height (widget) - frame->top - (line + 5);
  if (labelled)
    {
      y_axis_init (axis, widget, self->log_scale ? pow (10, frame->ymin) : frame->ymin,
                   self->log_scale ? pow (10, frame->ymax) : frame->ymax, self->log_scale, frame->height, line);
      /* The axis may run on to its end ticks. */
      frame->ymin = transform (self, axis->axis.lo);
      frame->ymax = transform (self, axis->axis.hi);
    }
  frame->left = 6 + (axis->title != NULL ? axis->title_height + 4 : 0)
                + (axis->label_width > 0 ? axis->label_width + 6 : 0);
  frame->width = gtk_widget_get_width (widget) - frame->left - 14;
}

static void
draw_frame_and_grid (BplLossPlot *self,
                     cairo_t     *cr,
                     const Frame *f,
                     const YAxis *axis)
{
  foreground_color (GTK_WIDGET (self), 0.15, cr);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, f->left + 0.5, f->top + 0.5, f->width - 1, f->height - 1);
  cairo_stroke (cr);

  foreground_color (GTK_WIDGET (self), 0.07, cr);
  for (guint i = 0; i < axis->axis.n_ticks; i++)
    {
      double ty = round (frame_y (f, transform (self, axis->axis.ticks[i])));

      cairo_move_to (cr, f->left + 1, ty + 0.5);
      cairo_line_to (cr, f->left + f->width - 1, ty + 0.5);
    }
  cairo_stroke (cr);
}

/* The tick labels and the axis title, kept as drawn for the tests. */
static void
draw_y_labels (BplLossPlot *self,
               cairo_t     *cr,
               const Frame *f,
               const YAxis *axis)
{
  GtkWidget *widget = GTK_WIDGET (self);

  foreground_color (widget, bpl_theme_is_high_contrast (widget) ? 1.0 : 0.7, cr);
  g_clear_pointer (&self->drawn_labels, g_strfreev);
  self->drawn_labels = g_new0 (char *, axis->axis.n_ticks + 1);
  self->drawn_labels_left = f->left;
  for (guint i = 0; i < axis->axis.n_ticks; i++)
    {
      double ty = frame_y (f, transform (self, axis->axis.ticks[i]));
      int w;

      draw_layout (cr, axis->labels[i], f->left - 6, ty, 1, 0.5);
      pango_layout_get_pixel_size (axis->labels[i], &w, NULL);
      self->drawn_labels[i] = g_strdup (pango_layout_get_text (axis->labels[i]));
      self->drawn_labels_left = MIN (self->drawn_labels_left, f->left - 6 - w);
    }
  if (axis->title != NULL)
    {
      cairo_save (cr);
      cairo_translate (cr, 6 + axis->title_height / 2.0, f->top + f->height / 2);
      cairo_rotate (cr, -G_PI / 2);
      pango_cairo_update_layout (cr, axis->title);
      draw_layout (cr, axis->title, 0, 0, 0.5, 0.5);
      cairo_restore (cr);
    }
}

/* The first step at the left, "step 1000" at the right. */
static void
draw_x_labels (BplLossPlot *self,
               cairo_t     *cr,
               const Frame *f,
               guint64      last)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autofree char *first = g_strdup_printf ("%" G_GUINT64_FORMAT, f->xmin);
  g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, last);
  /* Translators: the last training step on the plot's axis */
  g_autofree char *label = g_strdup_printf (_("step %s"), count);

  draw_text (cr, widget, first, f->left, f->top + f->height + 3, 0, 0);
  draw_text (cr, widget, label, f->left + f->width, f->top + f->height + 3, 1, 0);
}

/* Points that overflowed are not drawn: say so, not leave a gap. */
static void
draw_overflow_note (BplLossPlot *self,
                    cairo_t     *cr,
                    const Frame *f,
                    guint        n_non_finite,
                    guint        n)
{
  g_autofree char *note = NULL;

  if (n_non_finite == 0)
    return;
  if (n_non_finite == n)
    note = g_strdup (_("⚠ E_total overflowed (∞ or NaN): nothing to plot"));
  else
    note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "⚠ %u point not drawn: E_total overflowed (∞ or NaN)",
                                         "⚠ %u points not drawn: E_total overflowed (∞ or NaN)", n_non_finite),
                            n_non_finite);
  named_color (GTK_WIDGET (self), "warning_color", 1.0, cr);
  draw_text (cr, GTK_WIDGET (self), note, f->left + f->width / 2, f->top + f->height / 2, 0.5, 0.5);
}

typedef enum
{
  CURVE_DATA,       /* the data error: accent colour, solid */
  CURVE_OBJECTIVE,  /* with the penalty: text colour, dashed */
  CURVE_TEST,       /* the test error: warning colour, dotted */
} Curve;

/* Each curve differs from the others by its dashes, not its colour alone. */
static void
curve_style (BplLossPlot *self,
             cairo_t     *cr,
             Curve        curve)
{
  static const double dashed[] = { 6, 4 }, dotted[] = { 2, 3 };

  switch (curve)
    {
    case CURVE_OBJECTIVE:
      foreground_color (GTK_WIDGET (self), 0.75, cr);
      cairo_set_dash (cr, dashed, G_N_ELEMENTS (dashed), 0);
      break;
    case CURVE_TEST:
      named_color (GTK_WIDGET (self), "warning_color", 1.0, cr);
      cairo_set_dash (cr, dotted, G_N_ELEMENTS (dotted), 0);
      break;
    case CURVE_DATA:
    default:
      named_color (GTK_WIDGET (self), "accent_color", 1.0, cr);
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    }
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
}

/* Top right inside the frame, over a backdrop: which line is which, the
 * test error with its last value. */
static void
draw_legend (BplLossPlot *self,
             cairo_t     *cr,
             const Frame *f,
             gboolean     objective,
             const double *test_error)
{
  g_autofree char *test_name = NULL;
  const char *names[3];
  Curve curves[3];
  PangoLayout *layouts[3];
  guint n = 0;
  int w = 0, h = 0;
  double sample = 22, pad = 4, x, y;

  names[n] = _("E (data error)");
  curves[n++] = CURVE_DATA;
  if (objective)
    {
      names[n] = _("E + λR (objective)");
      curves[n++] = CURVE_OBJECTIVE;
    }
  if (test_error != NULL)
    {
      g_autofree char *number = bpl_format_number_display (*test_error, 4);

      /* Translators: the loss plot's legend: the test error and its last value. */
      test_name = g_strdup_printf (_("test error %s"), number);
      names[n] = test_name;
      curves[n++] = CURVE_TEST;
    }
  for (guint i = 0; i < n; i++)
    {
      int lw, lh;

      layouts[i] = gtk_widget_create_pango_layout (GTK_WIDGET (self), names[i]);
      pango_layout_get_pixel_size (layouts[i], &lw, &lh);
      w = MAX (w, lw);
      h = MAX (h, lh);
    }
  x = f->left + f->width - (sample + 6 + w + 2 * pad) - 4;
  y = f->top + 4;
  named_color (GTK_WIDGET (self), "view_bg_color", 0.85, cr);
  cairo_rectangle (cr, x, y, sample + 6 + w + 2 * pad, n * h + 2 * pad);
  cairo_fill (cr);
  for (guint i = 0; i < n; i++)
    {
      double ly = y + pad + i * h + h / 2.0;

      curve_style (self, cr, curves[i]);
      cairo_move_to (cr, x + pad, ly);
      cairo_line_to (cr, x + pad + sample, ly);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      foreground_color (GTK_WIDGET (self), 1.0, cr);
      draw_layout (cr, layouts[i], x + pad + sample + 6, ly, 0, 0.5);
      g_object_unref (layouts[i]);
    }
}

/* Inside the frame's clip. */
static void
draw_curve (BplLossPlot   *self,
            cairo_t       *cr,
            const Frame   *f,
            const guint64 *steps,
            const double  *values,
            guint          n,
            Curve          curve)
{
  curve_style (self, cr, curve);
  for (guint i = 0; i < n; i++)
    {
      double t = transform (self, values[i]);

      if (!isfinite (t))
        continue;
      if (i == 0)
        cairo_move_to (cr, frame_x (f, steps[i]), frame_y (f, t));
      else
        cairo_line_to (cr, frame_x (f, steps[i]), frame_y (f, t));
    }
  if (n == 1)
    {
      /* Whole inside the frame: the top of a linear axis is this value. */
      double y = CLAMP (frame_y (f, transform (self, values[0])), f->top + 3, f->top + f->height - 3);

      cairo_arc (cr, f->left + 3, y, 3, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  else
    cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/* A past step shown from the history: a marker where it is. */
static void
draw_past_marker (BplLossPlot *self,
                  cairo_t     *cr,
                  const Frame *f,
                  BplDocument *document)
{
  guint64 step = bpl_document_get_steps (document);
  double x = frame_x (f, MAX (step, f->xmin));
  double t = transform (self, bpl_document_get_mean_error (document));

  foreground_color (GTK_WIDGET (self), 0.6, cr);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, round (x) + 0.5, f->top);
  cairo_line_to (cr, round (x) + 0.5, f->top + f->height);
  cairo_stroke (cr);
  if (isfinite (t))
    {
      named_color (GTK_WIDGET (self), "accent_color", 1.0, cr);
      cairo_arc (cr, x, frame_y (f, t), 4, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
bpl_loss_plot_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  BplLossPlot *self = BPL_LOSS_PLOT (widget);
  BplDocument *document = bpl_view_get_document (BPL_VIEW (self));
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  const guint64 *steps;
  const double *values, *test_values;
  g_autofree double *both = NULL;
  guint n, n_non_finite;
  gboolean objective;
  Frame frame;
  YAxis axis = { 0 };
  cairo_t *cr;

  if (document == NULL || width < 60 || height < 40)
    return;
  n = bpl_document_get_n_loss_points (document);
  steps = bpl_document_get_loss_steps (document);
  values = bpl_document_get_loss_values (document);
  if (n == 0)
    return;
  n_non_finite = value_range (self, values, n, &frame.ymin, &frame.ymax);
  objective = bpl_loss_plot_shows_objective (self);
  if (objective)
    {
      /* The data error, then the objective: one range for both. */
      const double *penalties = bpl_document_get_loss_penalties (document);

      both = g_new (double, 2 * n);
      for (guint i = 0; i < n; i++)
        {
          both[i] = values[i];
          both[n + i] = values[i] + penalties[i];
        }
      value_range (self, both, 2 * n, &frame.ymin, &frame.ymax);
    }
  /* With test samples, the test error too (issue 12), on the same axis. */
  test_values = bpl_document_get_loss_test_values (document);
  if (isfinite (test_values[n - 1]))
    {
      double lo, hi;

      if (value_range (self, test_values, n, &lo, &hi) < n)
        {
          frame.ymin = MIN (frame.ymin, lo);
          frame.ymax = MAX (frame.ymax, hi);
        }
    }
  else
    test_values = NULL;
  frame.xmin = steps[0];
  frame.xmax = MAX (steps[n - 1], frame.xmin + 1);
  lay_out_frame (self, &frame, &axis, n_non_finite < n);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_frame_and_grid (self, cr, &frame, &axis);
  draw_y_labels (self, cr, &frame, &axis);
  y_axis_clear (&axis);
  draw_x_labels (self, cr, &frame, steps[n - 1]);
  draw_overflow_note (self, cr, &frame, n_non_finite, n);

  cairo_save (cr);
  cairo_rectangle (cr, frame.left, frame.top, frame.width, frame.height);
  cairo_clip (cr);
  if (objective)
    draw_curve (self, cr, &frame, steps, both + n, n, CURVE_OBJECTIVE);
  if (test_values != NULL)
    draw_curve (self, cr, &frame, steps, test_values, n, CURVE_TEST);
  draw_curve (self, cr, &frame, steps, values, n, CURVE_DATA);
  if (bpl_document_get_viewing_past (document))
    draw_past_marker (self, cr, &frame, document);
  cairo_restore (cr);
  if (objective || test_values != NULL)
    draw_legend (self, cr, &frame, objective, test_values != NULL ? &test_values[n - 1] : NULL);
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
  BplDocument *document = bpl_view_get_document (BPL_VIEW (self));
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;
  guint n;

  if (document == NULL)
    return;
  n = bpl_document_get_n_loss_points (document);
  value = bpl_format_number_display (bpl_document_get_mean_error (document), 6);
  {
    g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                              n > 0 ? bpl_document_get_loss_steps (document)[n - 1] : 0);
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
bpl_loss_plot_session_changed (BplView *view)
{
  on_changed (BPL_LOSS_PLOT (view));
}

gboolean
bpl_loss_plot_shows_objective (BplLossPlot *self)
{
  BplDocument *document;

  g_return_val_if_fail (BPL_IS_LOSS_PLOT (self), FALSE);

  document = bpl_view_get_document (BPL_VIEW (self));
  if (document == NULL || bpl_document_get_n_loss_points (document) == 0)
    return FALSE;
  /* With a penalty now, or one in the series plotted. */
  if (bpl_network_get_regularization (bpl_document_get_network (document)) != BPL_REGULARIZATION_NONE)
    return TRUE;
  for (guint i = 0; i < bpl_document_get_n_loss_points (document); i++)
    if (bpl_document_get_loss_penalties (document)[i] != 0)
      return TRUE;
  return FALSE;
}

const char * const *
bpl_loss_plot_get_drawn_labels (BplLossPlot *self,
                                double      *leftmost)
{
  g_return_val_if_fail (BPL_IS_LOSS_PLOT (self), NULL);

  if (leftmost != NULL)
    *leftmost = self->drawn_labels_left;
  return (const char * const *) self->drawn_labels;
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

  g_clear_pointer (&self->drawn_labels, g_strfreev);

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
  BPL_VIEW_CLASS (klass)->session_changed = bpl_loss_plot_session_changed;
  widget_class->snapshot = bpl_loss_plot_snapshot;
  widget_class->measure = bpl_loss_plot_measure;

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
  GSignalGroup *signals = bpl_view_get_session_signals (BPL_VIEW (self));

  /* The loss series and the point shown change with every change shown. */
  g_signal_group_connect_swapped (signals, "network-replaced", G_CALLBACK (on_changed), self);
  g_signal_group_connect_swapped (signals, "values-changed", G_CALLBACK (on_changed), self);
  g_binding_group_bind (bpl_view_get_session_bindings (BPL_VIEW (self)), "log-scale",
                        self, "log-scale", G_BINDING_SYNC_CREATE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Total error against training step"), -1);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

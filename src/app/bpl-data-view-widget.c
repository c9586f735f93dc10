/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-data-view-widget.c: the data view in the window (see
 * bpl-data-view-widget.h). Owns no drawing code: it asks the diagram layer
 * for a layout of its size and renders with the function the exports use,
 * from the heat-map the session keeps. */
#include "config.h"

#include "bpl-data-view-widget.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "bpl-theme.h"

/* Narrower than this, the bar leaves out its label "New points:". */
#define WIDE_BAR 440
/* A drag shorter than this is a click. */
#define DRAG_THRESHOLD 3.0

struct _BplDataViewWidget
{
  BplView parent_instance;

  double font_scale;
  BplDataViewLayout *layout;
  double layout_size[2];
  gint layout_output;
  gboolean layout_discretize;

  GtkWidget *bar;
  GtkWidget *output_switch;
  GtkStringList *output_names;
  GtkWidget *class_switch;
  GtkWidget *class_label;
  GtkStringList *class_names;
  GtkWidget *discretize_button;
  gboolean updating;

  BplDataPoint picked;
  BplDataPoint hover;
  /* A drag under way: the point and where it is shown. */
  BplDataPoint dragging;
  double drag_start[2];
  double drag_at[2];
};

G_DEFINE_FINAL_TYPE (BplDataViewWidget, bpl_data_view_widget, BPL_TYPE_VIEW)

static const BplDataPoint no_point = { BPL_DATA_POINT_NONE, 0 };

static BplSession *
session_of (BplDataViewWidget *self)
{
  return bpl_view_get_session (BPL_VIEW (self));
}

static double
bar_height (BplDataViewWidget *self)
{
  return gtk_widget_get_visible (self->bar) ? gtk_widget_get_height (self->bar) : 0;
}

static void
invalidate_layout (BplDataViewWidget *self)
{
  g_clear_pointer (&self->layout, bpl_data_view_layout_free);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const BplDataViewLayout *
bpl_data_view_widget_get_layout (BplDataViewWidget *self)
{
  BplSession *session = session_of (self);
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self)) - bar_height (self);
  BplDataViewOptions options;

  g_return_val_if_fail (BPL_IS_DATA_VIEW_WIDGET (self), NULL);

  if (session == NULL || width <= 0 || height <= 0)
    return NULL;
  if (self->layout != NULL && self->layout_size[0] == width && self->layout_size[1] == height
      && self->layout_output == bpl_session_get_data_output (session)
      && self->layout_discretize == bpl_session_get_discretize (session))
    return self->layout;
  g_clear_pointer (&self->layout, bpl_data_view_layout_free);
  bpl_data_view_options_init (&options, bpl_session_get_network (session));
  if (bpl_session_get_data_output (session) >= 0)
    options.output = (guint) bpl_session_get_data_output (session);
  options.discretize = bpl_session_get_discretize (session);
  options.font_scale = self->font_scale;
  self->layout = bpl_data_view_layout_new (bpl_session_get_network (session), &options, width, height);
  self->layout_size[0] = width;
  self->layout_size[1] = height;
  self->layout_output = bpl_session_get_data_output (session);
  self->layout_discretize = bpl_session_get_discretize (session);
  return self->layout;
}

void
bpl_data_view_widget_set_font_scale (BplDataViewWidget *self,
                                     double             font_scale)
{
  g_return_if_fail (BPL_IS_DATA_VIEW_WIDGET (self));

  if (self->font_scale == font_scale)
    return;
  self->font_scale = font_scale;
  invalidate_layout (self);
}

BplDataPoint
bpl_data_view_widget_get_picked (BplDataViewWidget *self)
{
  g_return_val_if_fail (BPL_IS_DATA_VIEW_WIDGET (self), no_point);
  return self->picked;
}

/* What is ringed: the point picked, else the sample shown. */
static void
get_state (BplDataViewWidget *self,
           BplDataViewState  *state)
{
  bpl_data_view_state_init (state);
  state->hover = self->hover;
  state->selected = self->picked;
  if (state->selected.kind == BPL_DATA_POINT_NONE && session_of (self) != NULL)
    state->selected = (BplDataPoint) { BPL_DATA_POINT_SAMPLE, bpl_session_get_sample (session_of (self)) };
}

/* The network as drawn: during a drag, with the point where it is shown. */
static BplNetwork *
network_with_drag (BplDataViewWidget       *self,
                   const BplDataViewLayout *layout)
{
  const BplNetwork *network = bpl_session_get_network (session_of (self));
  BplNetwork *copy;
  double x, y;

  if (self->dragging.kind == BPL_DATA_POINT_NONE)
    return NULL;
  copy = bpl_network_copy (network);
  bpl_data_view_from_canvas (layout, self->drag_at[0], self->drag_at[1], &x, &y);
  if (self->dragging.kind == BPL_DATA_POINT_SAMPLE && self->dragging.index < bpl_network_get_n_samples (copy))
    {
      bpl_network_set_input (copy, self->dragging.index, 0, x);
      if (layout->n_inputs == 2)
        bpl_network_set_input (copy, self->dragging.index, 1, y);
      else
        bpl_network_set_target (copy, self->dragging.index, layout->output, y);
    }
  else if (self->dragging.kind == BPL_DATA_POINT_TEST
           && self->dragging.index < bpl_network_get_n_test_samples (copy))
    {
      bpl_network_set_test_input (copy, self->dragging.index, 0, x);
      if (layout->n_inputs == 2)
        bpl_network_set_test_input (copy, self->dragging.index, 1, y);
      else
        bpl_network_set_test_target (copy, self->dragging.index, layout->output, y);
    }
  return copy;
}

/* Drawn into an image at the screen's scale, which becomes a texture: the
 * points are copied from a sprite there, many times faster than a cairo
 * node draws them. */
static void
bpl_data_view_widget_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  BplDataViewWidget *self = BPL_DATA_VIEW_WIDGET (widget);
  const BplDataViewLayout *layout = bpl_data_view_widget_get_layout (self);
  int scale = gtk_widget_get_scale_factor (widget);
  g_autoptr (BplNetwork) dragged = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  cairo_surface_t *surface;
  BplDataViewState state;
  BplStyle style;
  int width, height;
  cairo_t *cr;

  if (layout != NULL)
    {
      width = (int) ceil (layout->width * scale);
      height = (int) ceil (layout->height * scale);
      bpl_style_init_from_widget (&style, widget);
      get_state (self, &state);
      dragged = network_with_drag (self, layout);
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cairo_surface_set_device_scale (surface, scale, scale);
      cr = cairo_create (surface);
      bpl_render_data_view (cr, dragged != NULL ? dragged : bpl_session_get_network (session_of (self)),
                            layout, bpl_session_get_heatmap (session_of (self)), &style, &state);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                          (gsize) cairo_image_surface_get_stride (surface) * height,
                                          (GDestroyNotify) cairo_surface_destroy, surface);
      texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                        (gsize) cairo_image_surface_get_stride (surface));
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, bar_height (self)));
      gtk_snapshot_append_texture (snapshot, texture,
                                   &GRAPHENE_RECT_INIT (0, 0, layout->width, layout->height));
      gtk_snapshot_restore (snapshot);
    }
  gtk_widget_snapshot_child (widget, self->bar, snapshot);
}

static void
bpl_data_view_widget_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  BplDataViewWidget *self = BPL_DATA_VIEW_WIDGET (widget);
  int bar_min, bar_nat;

  gtk_widget_measure (self->bar, orientation, -1, &bar_min, &bar_nat, NULL, NULL);
  /* Narrower than its bar, the bar is cut at the right (the class chooser
   * last): the window must fit an 800×600 projector. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = MAX (bar_nat, 420);
    }
  else
    {
      *minimum = bar_min + 160;
      *natural = bar_nat + 420;
    }
}

static void
bpl_data_view_widget_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  BplDataViewWidget *self = BPL_DATA_VIEW_WIDGET (widget);
  int bar_min, bar_h;

  int bar_w;

  /* The label "New points:" goes first where room is short. */
  if (gtk_widget_get_visible (self->class_label) != (width >= WIDE_BAR))
    gtk_widget_set_visible (self->class_label, width >= WIDE_BAR);
  gtk_widget_measure (self->bar, GTK_ORIENTATION_HORIZONTAL, -1, &bar_w, NULL, NULL, NULL);
  gtk_widget_measure (self->bar, GTK_ORIENTATION_VERTICAL, MAX (width, bar_w), &bar_min, &bar_h, NULL,
                      NULL);
  gtk_widget_allocate (self->bar, MAX (width, bar_w), bar_h, -1, NULL);
  invalidate_layout (self);
}

/* Editing the points */

/* The target of a point added with the chosen class: that output 1 and
 * the others 0; with one output, its scale's top (class 1) or bottom. */
static void
chosen_target (BplDataViewWidget       *self,
               const BplDataViewLayout *layout,
               double                  *target)
{
  const BplNetwork *network = bpl_session_get_network (session_of (self));
  guint n_out = bpl_network_get_n_outputs (network);
  guint cls = bpl_session_get_point_class (session_of (self));

  for (guint o = 0; o < n_out; o++)
    target[o] = n_out > 1 ? (o == cls ? 1 : 0) : (cls == 1 ? layout->value_max : layout->value_min);
  if (n_out > 1 && layout->value_min < 0)
    for (guint o = 0; o < n_out; o++)
      target[o] = o == cls ? layout->value_max : layout->value_min;
}

static void
pick (BplDataViewWidget *self,
      BplDataPoint       point)
{
  self->picked = point;
  if (point.kind == BPL_DATA_POINT_SAMPLE)
    bpl_session_set_sample (session_of (self), point.index);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
bpl_data_view_widget_click_at (BplDataViewWidget *self,
                               double             x,
                               double             y)
{
  const BplDataViewLayout *layout;
  const BplNetwork *network;
  BplDataPoint hit;

  g_return_if_fail (BPL_IS_DATA_VIEW_WIDGET (self));

  layout = bpl_data_view_widget_get_layout (self);
  if (layout == NULL || layout->n_inputs == 0)
    return;
  network = bpl_session_get_network (session_of (self));
  hit = bpl_data_view_hit_test (layout, network, x, y);
  if (hit.kind != BPL_DATA_POINT_NONE)
    {
      pick (self, hit);
      return;
    }
  if (bpl_data_view_in_plot (layout, x, y))
    {
      double input[2], target[BPL_MAX_LAYER_SIZE];
      double px, py;
      guint index;

      bpl_data_view_from_canvas (layout, x, y, &px, &py);
      input[0] = px;
      input[1] = py;
      chosen_target (self, layout, target);
      /* A curve's point is where it is clicked: its input and its target. */
      if (layout->n_inputs == 1)
        target[layout->output] = py;
      if (bpl_document_add_point (bpl_view_get_document (BPL_VIEW (self)), FALSE, input, target,
                                  &index))
        pick (self, (BplDataPoint) { BPL_DATA_POINT_SAMPLE, index });
    }
}

gboolean
bpl_data_view_widget_drag (BplDataViewWidget *self,
                           double             x0,
                           double             y0,
                           double             x1,
                           double             y1)
{
  const BplDataViewLayout *layout;
  BplDataPoint hit;
  double input[2], target[1], x, y;

  g_return_val_if_fail (BPL_IS_DATA_VIEW_WIDGET (self), FALSE);

  layout = bpl_data_view_widget_get_layout (self);
  if (layout == NULL || layout->n_inputs == 0)
    return FALSE;
  hit = bpl_data_view_hit_test (layout, bpl_session_get_network (session_of (self)), x0, y0);
  if (hit.kind == BPL_DATA_POINT_NONE || hypot (x1 - x0, y1 - y0) < DRAG_THRESHOLD)
    return FALSE;
  /* Kept inside the plot, whatever the pointer does. */
  x1 = CLAMP (x1, layout->plot.x, layout->plot.x + layout->plot.width);
  y1 = CLAMP (y1, layout->plot.y, layout->plot.y + layout->plot.height);
  bpl_data_view_from_canvas (layout, x1, y1, &x, &y);
  input[0] = x;
  input[1] = y;
  if (layout->n_inputs == 1 && bpl_network_get_n_outputs (bpl_session_get_network (session_of (self))) > 1)
    return FALSE;
  target[0] = y;
  if (!bpl_document_move_point (bpl_view_get_document (BPL_VIEW (self)),
                                hit.kind == BPL_DATA_POINT_TEST, hit.index, input,
                                layout->n_inputs == 1 ? target : NULL))
    return FALSE;
  pick (self, hit);
  return TRUE;
}

gboolean
bpl_data_view_widget_remove_picked (BplDataViewWidget *self)
{
  BplDataPoint point;

  g_return_val_if_fail (BPL_IS_DATA_VIEW_WIDGET (self), FALSE);

  point = self->picked;
  if (point.kind == BPL_DATA_POINT_NONE && session_of (self) != NULL)
    point = (BplDataPoint) { BPL_DATA_POINT_SAMPLE, bpl_session_get_sample (session_of (self)) };
  if (point.kind == BPL_DATA_POINT_NONE
      || !bpl_document_remove_point (bpl_view_get_document (BPL_VIEW (self)),
                                     point.kind == BPL_DATA_POINT_TEST, point.index))
    return FALSE;
  self->picked = no_point;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

gboolean
bpl_data_view_widget_export (BplDataViewWidget *self,
                             const char        *path,
                             double             scale,
                             GError           **error)
{
  const BplDataViewLayout *layout;
  g_autoptr (BplDataViewLayout) own = NULL;
  BplDataViewState state;
  BplExportFormat format;
  BplStyle style;

  g_return_val_if_fail (BPL_IS_DATA_VIEW_WIDGET (self), FALSE);

  if (!bpl_export_format_from_path (path, &format, error))
    return FALSE;
  layout = bpl_data_view_widget_get_layout (self);
  /* Hidden: at the size it opens at, with what it would show. */
  if (layout == NULL)
    {
      BplDataViewOptions options;

      bpl_data_view_options_init (&options, bpl_session_get_network (session_of (self)));
      if (bpl_session_get_data_output (session_of (self)) >= 0)
        options.output = (guint) bpl_session_get_data_output (session_of (self));
      options.discretize = bpl_session_get_discretize (session_of (self));
      own = bpl_data_view_layout_new (bpl_session_get_network (session_of (self)), &options, 640, 600);
      layout = own;
    }
  bpl_style_init_from_widget (&style, GTK_WIDGET (self));
  get_state (self, &state);
  state.hover = no_point;
  return bpl_export_data_view (bpl_session_get_network (session_of (self)), layout, &style, &state,
                               format == BPL_EXPORT_PNG ? scale : 1.0, format, path, error);
}

/* Input */

static void
on_pressed (BplDataViewWidget *self,
            int                n_press,
            double             x,
            double             y)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  bpl_data_view_widget_click_at (self, x, y - bar_height (self));
}

static void
on_drag_begin (BplDataViewWidget *self,
               double             x,
               double             y,
               GtkGestureDrag    *gesture)
{
  const BplDataViewLayout *layout = bpl_data_view_widget_get_layout (self);

  y -= bar_height (self);
  self->dragging = no_point;
  if (layout == NULL)
    return;
  self->drag_start[0] = self->drag_at[0] = x;
  self->drag_start[1] = self->drag_at[1] = y;
  self->dragging = bpl_data_view_hit_test (layout, bpl_session_get_network (session_of (self)), x, y);
}

static void
on_drag_update (BplDataViewWidget *self,
                double             dx,
                double             dy)
{
  const BplDataViewLayout *layout = bpl_data_view_widget_get_layout (self);
  double px, py;

  if (self->dragging.kind == BPL_DATA_POINT_NONE || layout == NULL)
    return;
  /* Shown from the point's own place, so that it does not jump. */
  if (!bpl_data_view_point_position (layout, bpl_session_get_network (session_of (self)),
                                     self->dragging, &px, &py))
    return;
  self->drag_at[0] = CLAMP (self->drag_start[0] + dx, layout->plot.x, layout->plot.x + layout->plot.width);
  self->drag_at[1] = CLAMP (self->drag_start[1] + dy, layout->plot.y, layout->plot.y + layout->plot.height);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end (BplDataViewWidget *self,
             double             dx,
             double             dy)
{
  BplDataPoint dragging = self->dragging;

  self->dragging = no_point;
  if (dragging.kind != BPL_DATA_POINT_NONE)
    bpl_data_view_widget_drag (self, self->drag_start[0], self->drag_start[1],
                               self->drag_start[0] + dx, self->drag_start[1] + dy);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (BplDataViewWidget *self,
           double             x,
           double             y)
{
  const BplDataViewLayout *layout = bpl_data_view_widget_get_layout (self);
  BplDataPoint hit = no_point;

  if (layout != NULL)
    hit = bpl_data_view_hit_test (layout, bpl_session_get_network (session_of (self)), x,
                                  y - bar_height (self));
  if (hit.kind == self->hover.kind && hit.index == self->hover.index)
    return;
  self->hover = hit;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave (BplDataViewWidget *self)
{
  self->hover = no_point;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A point's numbers: its inputs, its target, what the network gives and
 * whether that is its class. */
static gboolean
on_query_tooltip (BplDataViewWidget *self,
                  int                x,
                  int                y,
                  gboolean           keyboard,
                  GtkTooltip        *tooltip)
{
  const BplDataViewLayout *layout = bpl_data_view_widget_get_layout (self);
  const BplNetwork *network;
  g_autoptr (BplForward) forward = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  BplDataPoint hit;
  const double *input, *target, *out;
  guint n_in, n_out, first;

  if (layout == NULL || keyboard)
    return FALSE;
  network = bpl_session_get_network (session_of (self));
  hit = bpl_data_view_hit_test (layout, network, x, y - bar_height (self));
  if (hit.kind == BPL_DATA_POINT_NONE)
    return FALSE;
  forward = bpl_forward_new (network);
  if (hit.kind == BPL_DATA_POINT_SAMPLE)
    {
      bpl_forward_compute (forward, network, hit.index);
      input = bpl_network_get_input (network, hit.index);
      target = bpl_network_get_target (network, hit.index);
      g_string_printf (text, _("Sample %u"), hit.index + 1);
    }
  else
    {
      bpl_forward_compute_test (forward, network, hit.index);
      input = bpl_network_get_test_input (network, hit.index);
      target = bpl_network_get_test_target (network, hit.index);
      g_string_printf (text, _("Test sample %u"), hit.index + 1);
    }
  n_in = bpl_network_get_n_inputs (network);
  n_out = bpl_network_get_n_outputs (network);
  first = bpl_network_get_n_neurons (network) - n_out;
  out = forward->out + first;
  for (guint i = 0; i < n_in; i++)
    {
      g_autofree char *v = bpl_format_number_display (input[i], 4);

      g_string_append_printf (text, "%s %s = %s", i == 0 ? ":" : ",",
                              bpl_network_get_neuron_name (network, i), v);
    }
  for (guint o = 0; o < MIN (n_out, 4); o++)
    {
      g_autofree char *t = bpl_format_number_display (target[o], 4);
      g_autofree char *v = bpl_format_number_display (out[o], 4);

      /* Translators: "o1 = 0.8312 (target 1)" */
      g_string_append_printf (text, _("\n%s = %s (target %s)"),
                              bpl_network_get_neuron_name (network, first + o), v, t);
    }
  if (bpl_data_view_target_class (layout, network, out) != bpl_data_view_target_class (layout, network, target))
    g_string_append_printf (text, "\n%s", _("Misclassified: click it, then a weight, for its derivation"));
  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

static gboolean
remove_binding (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  return bpl_data_view_widget_remove_picked (BPL_DATA_VIEW_WIDGET (widget));
}

/* The bar */

static char *
output_label (const BplNetwork *network,
              guint             o)
{
  guint first = bpl_network_get_layer_start (network, bpl_network_get_n_layers (network) - 1);

  return g_strdup (bpl_network_get_neuron_name (network, first + o));
}

/* The output switch: each output, and the class for two or more; the class
 * switch: what a click adds. */
static void
update_bar (BplDataViewWidget *self)
{
  BplSession *session = session_of (self);
  const BplNetwork *network = session != NULL ? bpl_session_get_network (session) : NULL;
  guint n_out = network != NULL ? bpl_network_get_n_outputs (network) : 0;
  g_autoptr (GPtrArray) outputs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) classes = g_ptr_array_new_with_free_func (g_free);
  gint shown;

  if (n_out > 1)
    g_ptr_array_add (outputs, g_strdup (_("Class")));
  for (guint o = 0; o < n_out; o++)
    g_ptr_array_add (outputs, output_label (network, o));
  g_ptr_array_add (outputs, NULL);
  if (n_out == 1)
    {
      /* Translators: the class of a point added, for one output. */
      g_ptr_array_add (classes, g_strdup (_("Class 0")));
      g_ptr_array_add (classes, g_strdup (_("Class 1")));
    }
  for (guint o = 0; n_out > 1 && o < n_out; o++)
    {
      g_autofree char *name = output_label (network, o);

      /* Translators: a point whose target has this output 1. */
      g_ptr_array_add (classes, g_strdup_printf (_("Class %s"), name));
    }
  g_ptr_array_add (classes, NULL);

  self->updating = TRUE;
  gtk_string_list_splice (self->output_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->output_names)),
                          (const char *const *) outputs->pdata);
  gtk_string_list_splice (self->class_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->class_names)),
                          (const char *const *) classes->pdata);
  shown = session != NULL ? bpl_session_get_data_output (session) : -1;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->output_switch),
                              n_out > 1 ? (guint) (shown + 1) : 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->class_switch),
                              session != NULL ? bpl_session_get_point_class (session) : 0);
  gtk_widget_set_visible (self->output_switch, n_out > 1);
  self->updating = FALSE;
}

static void
on_output_selected (BplDataViewWidget *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->output_switch));

  if (self->updating || session_of (self) == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  bpl_session_set_data_output (session_of (self), (gint) selected - 1);
}

static void
on_class_selected (BplDataViewWidget *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->class_switch));

  if (self->updating || session_of (self) == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  bpl_session_set_point_class (session_of (self), selected);
}

/* Following the session */

static void
on_network_replaced (BplDataViewWidget *self)
{
  self->picked = no_point;
  self->hover = no_point;
  self->dragging = no_point;
  invalidate_layout (self);
  update_bar (self);
}

static void
on_values_changed (BplDataViewWidget *self)
{
  /* The range follows the points; the layout is cheap to make again. */
  invalidate_layout (self);
}

static void
on_sample_changed (BplDataViewWidget *self)
{
  /* Another sample shown (the samples table, an arrow key): that one is
   * ringed now, not the point picked before. */
  if (self->picked.kind == BPL_DATA_POINT_SAMPLE
      && self->picked.index != bpl_session_get_sample (session_of (self)))
    self->picked = no_point;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
bpl_data_view_widget_session_changed (BplView *view)
{
  on_network_replaced (BPL_DATA_VIEW_WIDGET (view));
}

static void
bpl_data_view_widget_dispose (GObject *object)
{
  BplDataViewWidget *self = BPL_DATA_VIEW_WIDGET (object);

  g_clear_pointer (&self->bar, gtk_widget_unparent);
  g_clear_pointer (&self->layout, bpl_data_view_layout_free);

  G_OBJECT_CLASS (bpl_data_view_widget_parent_class)->dispose (object);
}

static void
bpl_data_view_widget_class_init (BplDataViewWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  BplViewClass *view_class = BPL_VIEW_CLASS (klass);

  object_class->dispose = bpl_data_view_widget_dispose;
  view_class->session_changed = bpl_data_view_widget_session_changed;
  widget_class->snapshot = bpl_data_view_widget_snapshot;
  widget_class->measure = bpl_data_view_widget_measure;
  widget_class->size_allocate = bpl_data_view_widget_size_allocate;

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, remove_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, remove_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_BackSpace, 0, remove_binding, NULL);

  gtk_widget_class_set_css_name (widget_class, "dataview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static GtkWidget *
bar_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
bpl_data_view_widget_init (BplDataViewWidget *self)
{
  GSignalGroup *signals = bpl_view_get_session_signals (BPL_VIEW (self));
  GBindingGroup *bindings = bpl_view_get_session_bindings (BPL_VIEW (self));
  GtkGesture *click, *drag;
  GtkEventController *motion;

  self->font_scale = 1.0;
  self->layout_output = -2;

  self->bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (self->bar, 8);
  gtk_widget_set_margin_end (self->bar, 8);
  gtk_widget_set_margin_top (self->bar, 6);
  self->output_names = gtk_string_list_new (NULL);
  self->output_switch = gtk_drop_down_new (G_LIST_MODEL (self->output_names), NULL);
  gtk_widget_set_tooltip_text (self->output_switch,
                               _("The output shown over the input plane, or the class: the largest output"));
  self->discretize_button = gtk_toggle_button_new_with_mnemonic (_("_Discretize"));
  gtk_widget_set_tooltip_text (self->discretize_button,
                               _("Class colours only, without the shades of the output"));
  self->class_names = gtk_string_list_new (NULL);
  self->class_switch = gtk_drop_down_new (G_LIST_MODEL (self->class_names), NULL);
  gtk_widget_set_tooltip_text (self->class_switch,
                               _("The class of a point added by a click on empty space"));
  gtk_box_append (GTK_BOX (self->bar), self->output_switch);
  gtk_box_append (GTK_BOX (self->bar), self->discretize_button);
  {
    GtkWidget *space = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

    gtk_widget_set_hexpand (space, TRUE);
    gtk_box_append (GTK_BOX (self->bar), space);
  }
  self->class_label = bar_label (_("New points:"));
  gtk_box_append (GTK_BOX (self->bar), self->class_label);
  gtk_box_append (GTK_BOX (self->bar), self->class_switch);
  gtk_widget_set_parent (self->bar, GTK_WIDGET (self));
  g_signal_connect_object (self->output_switch, "notify::selected", G_CALLBACK (on_output_selected),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->class_switch, "notify::selected", G_CALLBACK (on_class_selected),
                           self, G_CONNECT_SWAPPED);
  g_binding_group_bind (bindings, "discretize", self->discretize_button, "active",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  update_bar (self);

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What the network learned: its output over the input plane, "
                                    "with the samples"), -1);

  click = gtk_gesture_click_new ();
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  drag = gtk_gesture_drag_new ();
  g_signal_connect_object (drag, "drag-begin", G_CALLBACK (on_drag_begin), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-update", G_CALLBACK (on_drag_update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (drag, "drag-end", G_CALLBACK (on_drag_end), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "motion", G_CALLBACK (on_motion), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (on_leave), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_group_connect_swapped (signals, "network-replaced", G_CALLBACK (on_network_replaced), self);
  g_signal_group_connect_swapped (signals, "values-changed", G_CALLBACK (on_values_changed), self);
  g_signal_group_connect_swapped (signals, "notify::sample", G_CALLBACK (on_sample_changed), self);
  g_signal_group_connect_swapped (signals, "notify::data-output", G_CALLBACK (update_bar), self);
  g_signal_group_connect_swapped (signals, "notify::data-output", G_CALLBACK (invalidate_layout), self);
  g_signal_group_connect_swapped (signals, "notify::discretize", G_CALLBACK (invalidate_layout), self);
  g_signal_group_connect_swapped (signals, "notify::point-class", G_CALLBACK (update_bar), self);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

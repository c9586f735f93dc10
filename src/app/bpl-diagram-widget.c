/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-diagram-widget.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "bpl-spin-button.h"
#include "bpl-theme.h"

#define CHANGE_DURATION_US (2000 * 1000)

/* The diagram's base layer (bpl_render_layer ()), drawn once and kept as a
 * texture: for one key of the render state, at one scale and style. Two
 * are kept, so that selecting and clearing the selection (dimmed and plain
 * edges) draws neither again. The texture shares the image's pixels; the
 * image itself is kept for GTK's cairo renderer (see paint_base ()). */
typedef struct
{
  GdkTexture *texture;
  cairo_surface_t *image;
  guint key;
} Base;

#define N_BASES 2

/* The view switch's band at the bottom of the canvas. */
#define VIEW_SWITCH_BAND 44

struct _BplDiagramWidget
{
  BplView parent_instance;

  BplLayoutOptions options;
  BplLayout *layout;

  GtkWidget *edit_popover;
  GtkWidget *edit_label;
  GtkWidget *edit_spin;
  BplParam editing;
  gboolean updating_spin;

  guint change_tick;
  gint64 change_start;
  double change_progress;

  Base bases[N_BASES];          /* most recent first */
  BplStyle base_style;
  int base_scale;
  guint n_base_draws;           /* for tests: how often a base was drawn */

  /* The weight matrix view: the weights into layer matrix_layer (0: the
   * diagram), and the switch between them over the canvas. */
  guint matrix_layer;
  BplMatrixLayout *matrix;
  double matrix_size[2];        /* the canvas it was made for */
  GtkWidget *view_switch;
  GtkStringList *view_names;
  gboolean updating_switch;
};

G_DEFINE_FINAL_TYPE (BplDiagramWidget, bpl_diagram_widget, BPL_TYPE_VIEW)

static BplSession *
session_of (BplDiagramWidget *self)
{
  return bpl_view_get_session (BPL_VIEW (self));
}

/* Values, layout, style or scale changed: the kept base layers are stale. */
static void
clear_base (Base *base)
{
  g_clear_object (&base->texture);
  g_clear_pointer (&base->image, cairo_surface_destroy);
}

static void
invalidate_bases (BplDiagramWidget *self)
{
  for (guint i = 0; i < N_BASES; i++)
    clear_base (&self->bases[i]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
invalidate_layout (BplDiagramWidget *self)
{
  g_clear_pointer (&self->layout, bpl_layout_free);
  g_clear_pointer (&self->matrix, bpl_matrix_layout_free);
  invalidate_bases (self);
}

static const BplLayout *ensure_layout (BplDiagramWidget *self);

/* The matrix view's layout for the current size, or NULL in the diagram. */
static const BplMatrixLayout *
ensure_matrix (BplDiagramWidget *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->matrix_layer == 0 || session_of (self) == NULL || width <= 0 || height <= 0)
    return NULL;
  if (self->matrix != NULL && self->matrix_size[0] == width && self->matrix_size[1] == height
      && self->matrix->layer == self->matrix_layer)
    return self->matrix;
  g_clear_pointer (&self->matrix, bpl_matrix_layout_free);
  /* Its cells end above the view switch, in the bottom left corner. */
  self->matrix = bpl_matrix_layout_new (bpl_session_get_network (session_of (self)),
                                        self->matrix_layer, width,
                                        height > 160 ? height - VIEW_SWITCH_BAND : height);
  self->matrix_size[0] = width;
  self->matrix_size[1] = height;
  return self->matrix;
}

/* What is at (x, y) in the view shown. */
static BplHit
hit_at (BplDiagramWidget *self,
        double            x,
        double            y)
{
  const BplMatrixLayout *matrix = ensure_matrix (self);
  const BplLayout *layout;

  if (matrix != NULL)
    return bpl_matrix_layout_hit_test (matrix, x, y);
  layout = ensure_layout (self);
  if (layout == NULL)
    return (BplHit) { BPL_HIT_NONE, 0 };
  return bpl_layout_hit_test (layout, x, y);
}

static const BplLayout *
ensure_layout (BplDiagramWidget *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  if (session_of (self) == NULL || width <= 0 || height <= 0)
    return NULL;
  if (self->layout != NULL && self->layout->width == width && self->layout->height == height)
    return self->layout;
  g_clear_pointer (&self->layout, bpl_layout_free);
  /* A new size: the kept images are of the old one. */
  for (guint i = 0; i < N_BASES; i++)
    clear_base (&self->bases[i]);
  self->layout = bpl_layout_new_fitted (bpl_session_get_network (session_of (self)), width, height,
                                        &self->options);
  return self->layout;
}

const BplLayout *
bpl_diagram_widget_get_layout (BplDiagramWidget *self)
{
  g_return_val_if_fail (BPL_IS_DIAGRAM_WIDGET (self), NULL);
  return ensure_layout (self);
}

void
bpl_diagram_widget_get_render_state (BplDiagramWidget *self,
                                     BplRenderState   *state)
{
  BplSession *session = session_of (self);

  bpl_render_state_init (state);
  if (session == NULL)
    return;
  state->selection = bpl_session_get_selection (session);
  state->hover = bpl_session_get_hover (session);
  state->emphasis = bpl_session_get_emphasis (session);
  /* The forward pass is the shown sample's: its targets and its E_total. */
  state->sample = bpl_session_get_sample (session);
  /* Each neuron's picture of its output over the input plane (issue 12). */
  if (bpl_session_get_heat_maps (session))
    state->heatmap = bpl_session_get_heatmap (session);
  if (self->change_tick != 0)
    {
      state->previous_weights = bpl_document_get_previous_weights (bpl_session_get_document (session));
      state->previous_biases = bpl_document_get_previous_biases (bpl_session_get_document (session));
      state->change_progress = self->change_progress;
    }
}

/* The base layer for @state's key: kept, or drawn now into an image at
 * the screen's scale and kept as a texture. */
static const Base *
ensure_base (BplDiagramWidget     *self,
             const BplLayout      *layout,
             const BplStyle       *style,
             const BplRenderState *state,
             int                   scale)
{
  guint key = bpl_render_base_key (layout, state);
  int width = (int) ceil (layout->width * scale), height = (int) ceil (layout->height * scale);
  cairo_surface_t *surface;
  g_autoptr (GBytes) bytes = NULL;
  Base base;
  cairo_t *cr;

  if (scale != self->base_scale || memcmp (style, &self->base_style, sizeof *style) != 0)
    {
      for (guint i = 0; i < N_BASES; i++)
        clear_base (&self->bases[i]);
      self->base_scale = scale;
      self->base_style = *style;
    }
  for (guint i = 0; i < N_BASES; i++)
    if (self->bases[i].texture != NULL && self->bases[i].key == key)
      {
        /* The most recent first: the other is the one to give up. */
        base = self->bases[i];
        self->bases[i] = self->bases[0];
        self->bases[0] = base;
        return &self->bases[0];
      }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  bpl_render_layer (cr, bpl_session_get_network (session_of (self)),
                    bpl_session_get_forward (session_of (self)), layout, style, state,
                    BPL_RENDER_BASE);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  self->n_base_draws++;
  /* The texture holds the image's own pixels: cairo's ARGB32 is GDK's
   * default memory format. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  base.texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                         (gsize) cairo_image_surface_get_stride (surface));
  base.image = cairo_surface_reference (surface);
  base.key = key;
  clear_base (&self->bases[N_BASES - 1]);
  memmove (&self->bases[1], &self->bases[0], sizeof (Base) * (N_BASES - 1));
  self->bases[0] = base;
  return &self->bases[0];
}

/* GTK 4.8's cairo renderer converts a texture through floats on every
 * frame it draws (a 1600×1000 base: about 10 ms); a GL renderer uploads it
 * once. So under the cairo renderer the kept image is painted instead. */
static gboolean
renderer_is_cairo (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  return renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer);
}

/* The kept base, and over it what hover, selection and a step's change
 * light up: a frame costs the overlay, not the network's every edge. */
static void
bpl_diagram_widget_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  BplDiagramWidget *self = BPL_DIAGRAM_WIDGET (widget);
  const BplLayout *layout = ensure_layout (self);
  int scale = gtk_widget_get_scale_factor (widget);
  graphene_rect_t bounds;
  BplStyle style;
  BplRenderState state;
  const Base *base;
  cairo_t *cr;

  if (layout == NULL)
    return;

  bpl_style_init_from_widget (&style, widget);
  bpl_diagram_widget_get_render_state (self, &state);
  bounds = GRAPHENE_RECT_INIT (0, 0, layout->width, layout->height);
  if (ensure_matrix (self) != NULL)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      bpl_render_matrix (cr, bpl_session_get_network (session_of (self)), self->matrix, &style,
                         &state);
      cairo_destroy (cr);
      gtk_widget_snapshot_child (widget, self->view_switch, snapshot);
      return;
    }
  base = ensure_base (self, layout, &style, &state, scale);
  if (renderer_is_cairo (widget))
    {
      cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      cairo_set_source_surface (cr, base->image, 0, 0);
      cairo_paint (cr);
    }
  else
    {
      gtk_snapshot_append_texture (snapshot, base->texture, &bounds);
      cr = gtk_snapshot_append_cairo (snapshot, &bounds);
    }
  bpl_render_set_replay_scale (cr, scale);
  bpl_render_layer (cr, bpl_session_get_network (session_of (self)),
                    bpl_session_get_forward (session_of (self)), layout, &style, &state,
                    BPL_RENDER_OVERLAY);
  cairo_destroy (cr);
  gtk_widget_snapshot_child (widget, self->view_switch, snapshot);
}

guint
bpl_diagram_widget_get_n_base_draws (BplDiagramWidget *self)
{
  g_return_val_if_fail (BPL_IS_DIAGRAM_WIDGET (self), 0);
  return self->n_base_draws;
}

static void
bpl_diagram_widget_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 640;
    }
  else
    {
      *minimum = 200;
      *natural = 440;
    }
}

static void
bpl_diagram_widget_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  BplDiagramWidget *self = BPL_DIAGRAM_WIDGET (widget);
  int w;

  if (self->edit_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->edit_popover));
  /* The view switch in the bottom left corner, clear of the captions, the
   * outputs' targets and E_total. */
  /* Only where edges are too many to follow: the matrix is what to read. */
  {
    const BplLayout *layout = ensure_layout (self);

    gtk_widget_set_child_visible (self->view_switch,
                                  (layout != NULL && layout->many_edges) || self->matrix_layer > 0);
  }
  gtk_widget_measure (self->view_switch, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &w, NULL, NULL);
  w = MIN (w, MAX (width - 12, 1));
  gtk_widget_size_allocate (self->view_switch,
                            &(GtkAllocation) { 6, MAX (height - 40, 0), w, MIN (height, 34) }, -1);
}

/* Accessibility: the drawn parts have no accessible objects of their own in
 * GTK 4.8, so the widget's label and description follow the selection. */
static void
update_accessible (BplDiagramWidget *self)
{
  g_autofree char *text = NULL;

  if (session_of (self) != NULL)
    text = bpl_session_describe_hit (session_of (self), bpl_session_get_selection (session_of (self)), 6,
                                     BPL_EXPR_TEXT);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Network diagram"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text != NULL ? text : _("Nothing selected. Click a weight, bias or neuron, or use the arrow keys."),
                                  -1);
}

/* In-place editing */

static void
on_edit_value_changed (BplDiagramWidget *self,
                       GtkSpinButton    *spin)
{
  if (self->updating_spin || session_of (self) == NULL)
    return;
  bpl_document_set_param (bpl_view_get_document (BPL_VIEW (self)), self->editing,
                          bpl_spin_button_get_tidy_value (spin));
}

static void
on_edit_activate (BplDiagramWidget *self)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (self->edit_spin);

  gtk_spin_button_update (spin);
  on_edit_value_changed (self, spin);
  gtk_popover_popdown (GTK_POPOVER (self->edit_popover));
}

static void
on_edit_closed (BplDiagramWidget *self)
{
  /* No tooltip over the value being typed: back once the popover is gone. */
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
ensure_edit_popover (BplDiagramWidget *self)
{
  GtkWidget *box;

  if (self->edit_popover != NULL)
    return;
  self->edit_popover = gtk_popover_new ();
  gtk_widget_set_parent (self->edit_popover, GTK_WIDGET (self));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->edit_label = gtk_label_new (NULL);
  /* Room for a lesson's lock, said above the name. */
  gtk_label_set_wrap (GTK_LABEL (self->edit_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->edit_label), 24);
  gtk_label_set_xalign (GTK_LABEL (self->edit_label), 0);
  self->edit_spin = gtk_spin_button_new_with_range (-1e6, 1e6, 0.01);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (self->edit_spin), 10);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->edit_spin), 14);
  gtk_box_append (GTK_BOX (box), self->edit_label);
  gtk_box_append (GTK_BOX (box), self->edit_spin);
  gtk_popover_set_child (GTK_POPOVER (self->edit_popover), box);
  g_signal_connect_object (self->edit_spin, "value-changed",
                           G_CALLBACK (on_edit_value_changed), self, G_CONNECT_SWAPPED);
  bpl_spin_button_use_locale_numbers (GTK_SPIN_BUTTON (self->edit_spin), 11);
  /* GtkSpinButton has no activate signal before GTK 4.14: its text has. */
  g_signal_connect_object (gtk_editable_get_delegate (GTK_EDITABLE (self->edit_spin)), "activate",
                           G_CALLBACK (on_edit_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->edit_popover, "closed",
                           G_CALLBACK (on_edit_closed), self, G_CONNECT_SWAPPED);
}

gboolean
bpl_diagram_widget_edit_selection (BplDiagramWidget *self)
{
  const BplLayout *layout = ensure_layout (self);
  const BplNetwork *network;
  BplParam param;
  BplRect r;
  g_autofree char *markup = NULL;
  g_autofree char *lock = NULL;
  const char *name;

  g_return_val_if_fail (BPL_IS_DIAGRAM_WIDGET (self), FALSE);

  if (layout == NULL || !bpl_session_get_selected_param (session_of (self), &param))
    return FALSE;
  network = bpl_session_get_network (session_of (self));
  if (param.kind == BPL_PARAM_WEIGHT && ensure_matrix (self) != NULL
      && bpl_matrix_layout_cell (self->matrix, param.index, &r))
    ;
  else if (param.kind == BPL_PARAM_WEIGHT)
    {
      const BplWeightLayout *w = &layout->weights[param.index];
      r = w->label;
      if (r.width <= 0)
        r = (BplRect) { (w->x1 + w->x2) / 2 - 4, (w->y1 + w->y2) / 2 - 4, 8, 8 };
    }
  else
    r = layout->biases[param.index].label;

  ensure_edit_popover (self);
  self->editing = param;
  name = bpl_network_get_param_name (network, param);
  lock = bpl_document_dup_lock_message (bpl_view_get_document (BPL_VIEW (self)),
                                        param.kind == BPL_PARAM_WEIGHT ? BPL_LESSON_LOCK_WEIGHTS
                                                                       : BPL_LESSON_LOCK_BIASES);
  /* A lesson's lock: the value is shown, and why it cannot change. */
  if (lock != NULL)
    markup = g_markup_printf_escaped ("<small>%s</small>\n<b>%s</b> =", lock, name);
  else
    markup = g_markup_printf_escaped ("<b>%s</b> =", name);
  gtk_label_set_markup (GTK_LABEL (self->edit_label), markup);
  gtk_editable_set_editable (GTK_EDITABLE (self->edit_spin), lock == NULL);
  gtk_widget_set_sensitive (self->edit_spin, lock == NULL);
  self->updating_spin = TRUE;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->edit_spin),
                             bpl_network_get_param (network, param));
  self->updating_spin = FALSE;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->edit_popover),
                               &(GdkRectangle) { floor (r.x), floor (r.y),
                                                 MAX (1, ceil (r.width)), MAX (1, ceil (r.height)) });
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), FALSE);
  gtk_popover_popup (GTK_POPOVER (self->edit_popover));
  gtk_widget_grab_focus (self->edit_spin);
  return TRUE;
}

/* Input */

BplHit
bpl_diagram_widget_select_at (BplDiagramWidget *self,
                              double            x,
                              double            y)
{
  BplHit hit;

  hit.kind = BPL_HIT_NONE;
  hit.index = 0;
  g_return_val_if_fail (BPL_IS_DIAGRAM_WIDGET (self), hit);

  hit = hit_at (self, x, y);
  if (session_of (self) != NULL)
    bpl_session_set_selection (session_of (self), hit);
  return hit;
}

static void
on_click_pressed (BplDiagramWidget *self,
                  int               n_press,
                  double            x,
                  double            y,
                  GtkGestureClick  *gesture)
{
  BplHit hit;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  hit = bpl_diagram_widget_select_at (self, x, y);
  if (n_press == 2 && (hit.kind == BPL_HIT_WEIGHT || hit.kind == BPL_HIT_BIAS))
    bpl_diagram_widget_edit_selection (self);
}

static void
on_motion (BplDiagramWidget         *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  const BplLayout *layout = ensure_layout (self);
  BplHit before, hit;

  if (layout == NULL)
    return;
  before = bpl_session_get_hover (session_of (self));
  hit = hit_at (self, x, y);
  bpl_session_set_hover (session_of (self), hit);
  /* The tooltip names what is lit: where edges cross, a move of a pixel or
   * two changes which one, within the tooltip's own area. */
  if (hit.kind != before.kind || hit.index != before.index)
    gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

static void
on_leave (BplDiagramWidget         *self,
          GtkEventControllerMotion *motion)
{
  if (session_of (self) != NULL)
    bpl_session_set_hover (session_of (self), (BplHit) { BPL_HIT_NONE, 0 });
}

/* Moves the selection @delta parameters on, weights then biases; FALSE at
 * either end. */
static gboolean
move_selection (BplDiagramWidget *self,
                int               delta)
{
  BplSession *session = session_of (self);
  const BplNetwork *network = bpl_session_get_network (session);
  guint nw = bpl_network_get_n_weights (network);
  guint nb = bpl_network_get_n_biases (network);
  guint n = nw + nb;
  BplHit sel = bpl_session_get_selection (session);
  gint pos;

  if (n == 0)
    return FALSE;
  if (sel.kind == BPL_HIT_WEIGHT)
    pos = sel.index;
  else if (sel.kind == BPL_HIT_BIAS)
    pos = nw + sel.index;
  else
    pos = delta > 0 ? -1 : (gint) n;

  pos += delta;
  if (pos < 0 || pos >= (gint) n)
    return FALSE;
  if ((guint) pos < nw)
    bpl_session_set_selection (session, (BplHit) { BPL_HIT_WEIGHT, pos });
  else
    bpl_session_set_selection (session, (BplHit) { BPL_HIT_BIAS, pos - nw });
  return TRUE;
}

/* Keys: the arrows move the selection and keep the key ... */
static gboolean
move_binding (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  BplDiagramWidget *self = BPL_DIAGRAM_WIDGET (widget);

  if (session_of (self) == NULL)
    return FALSE;
  move_selection (self, g_variant_get_int32 (args));
  return TRUE;
}

/* ... while at either end, Tab leaves the diagram as usual. */
static gboolean
tab_binding (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  BplDiagramWidget *self = BPL_DIAGRAM_WIDGET (widget);

  return session_of (self) != NULL && move_selection (self, g_variant_get_int32 (args));
}

static gboolean
edit_binding (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  BplDiagramWidget *self = BPL_DIAGRAM_WIDGET (widget);

  return session_of (self) != NULL && bpl_diagram_widget_edit_selection (self);
}

static gboolean
on_query_tooltip (BplDiagramWidget *self,
                  int               x,
                  int               y,
                  gboolean          keyboard,
                  GtkTooltip       *tooltip)
{
  const BplLayout *layout = ensure_layout (self);
  BplHit hit;
  g_autofree char *text = NULL;

  if (layout == NULL)
    return FALSE;
  if (keyboard)
    hit = bpl_session_get_selection (session_of (self));
  else
    hit = hit_at (self, x, y);
  text = bpl_session_describe_hit (session_of (self), hit, 8, BPL_EXPR_MARKUP);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { x - 4, y - 4, 8, 8 });
  return TRUE;
}

/* Step animation: old → new for a moment after each step. */

static gboolean
change_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  BplDiagramWidget *self = BPL_DIAGRAM_WIDGET (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  self->change_progress = CLAMP ((double) (now - self->change_start) / CHANGE_DURATION_US, 0, 1);
  gtk_widget_queue_draw (widget);
  if (self->change_progress >= 1)
    {
      self->change_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_stepped (BplDiagramWidget *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  self->change_start = clock != NULL ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();
  self->change_progress = 0;
  if (self->change_tick == 0)
    self->change_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), change_tick_cb, NULL, NULL);
}

static void
stop_change (BplDiagramWidget *self)
{
  if (self->change_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->change_tick);
      self->change_tick = 0;
    }
  self->change_progress = 1;
}

/* Values changed: labels change width with them, so lay out again (but a
 * large network's layout is its shape's alone); the base shows them. */
static void
on_values_changed (BplDiagramWidget *self)
{
  if (bpl_document_get_previous_weights (bpl_view_get_document (BPL_VIEW (self))) == NULL)
    stop_change (self);
  if (self->layout != NULL && self->layout->by_shape)
    invalidate_bases (self);
  else
    invalidate_layout (self);
  update_accessible (self);
  if (self->edit_popover != NULL && gtk_widget_get_visible (self->edit_popover))
    {
      self->updating_spin = TRUE;
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->edit_spin),
                                 bpl_network_get_param (bpl_session_get_network (session_of (self)),
                                                        self->editing));
      self->updating_spin = FALSE;
    }
}

/* The view switch's entries: the diagram, then each layer's weights. */
static void
update_view_switch (BplDiagramWidget *self)
{
  const BplNetwork *network = session_of (self) != NULL ? bpl_session_get_network (session_of (self)) : NULL;
  guint n_layers = network != NULL ? bpl_network_get_n_layers (network) : 0;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (names, g_strdup (_("Network")));
  for (guint l = 1; l < n_layers; l++)
    {
      if (l + 1 == n_layers)
        g_ptr_array_add (names, g_strdup (_("Weights into the Output Layer")));
      else if (n_layers == 3)
        g_ptr_array_add (names, g_strdup (_("Weights into the Hidden Layer")));
      else
        g_ptr_array_add (names, g_strdup_printf (_("Weights into Hidden Layer %u"), l));
    }
  g_ptr_array_add (names, NULL);
  if (self->matrix_layer >= MAX (n_layers, 1))
    self->matrix_layer = 0;
  self->updating_switch = TRUE;
  gtk_string_list_splice (self->view_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->view_names)),
                          (const char *const *) names->pdata);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->view_switch), self->matrix_layer);
  self->updating_switch = FALSE;
}

static void
set_view (BplDiagramWidget *self,
          guint             matrix_layer)
{
  if (matrix_layer >= g_list_model_get_n_items (G_LIST_MODEL (self->view_names)))
    matrix_layer = 0;
  if (self->matrix_layer != matrix_layer)
    {
      self->matrix_layer = matrix_layer;
      g_clear_pointer (&self->matrix, bpl_matrix_layout_free);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  self->updating_switch = TRUE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->view_switch), matrix_layer);
  self->updating_switch = FALSE;
}

static void
on_view_selected (BplDiagramWidget *self)
{
  if (!self->updating_switch)
    set_view (self, gtk_drop_down_get_selected (GTK_DROP_DOWN (self->view_switch)));
}

/* Shows the network (0) or the weights into a layer as a matrix. */
static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  set_view (BPL_DIAGRAM_WIDGET (widget), (guint) MAX (g_variant_get_int32 (parameter), 0));
}

guint
bpl_diagram_widget_get_matrix_layer (BplDiagramWidget *self)
{
  g_return_val_if_fail (BPL_IS_DIAGRAM_WIDGET (self), 0);
  return self->matrix_layer;
}

const BplMatrixLayout *
bpl_diagram_widget_get_matrix (BplDiagramWidget *self)
{
  g_return_val_if_fail (BPL_IS_DIAGRAM_WIDGET (self), NULL);
  return ensure_matrix (self);
}

/* Another network, shape or samples: what was being edited is gone. */
static void
on_network_replaced (BplDiagramWidget *self)
{
  update_view_switch (self);
  stop_change (self);
  if (self->edit_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->edit_popover));
  invalidate_layout (self);
  update_accessible (self);
}

static void
on_selection_changed (BplDiagramWidget *self)
{
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
bpl_diagram_widget_session_changed (BplView *view)
{
  on_network_replaced (BPL_DIAGRAM_WIDGET (view));
}

void
bpl_diagram_widget_set_layout_options (BplDiagramWidget       *self,
                                       const BplLayoutOptions *options)
{
  g_return_if_fail (BPL_IS_DIAGRAM_WIDGET (self));

  self->options = *options;
  invalidate_layout (self);
}

const BplLayoutOptions *
bpl_diagram_widget_get_layout_options (BplDiagramWidget *self)
{
  return &self->options;
}

/* Actions, so that tests and keyboard users reach what the pointer does. */

static void
select_at_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  double x, y;

  g_variant_get (parameter, "(dd)", &x, &y);
  bpl_diagram_widget_select_at (BPL_DIAGRAM_WIDGET (widget), x, y);
}

static void
select_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BplSession *session = session_of (BPL_DIAGRAM_WIDGET (widget));
  const char *name = g_variant_get_string (parameter, NULL);
  BplHit hit = { BPL_HIT_NONE, 0 };
  BplParam param;
  guint neuron;

  if (session == NULL)
    return;
  if (bpl_network_parse_param (bpl_session_get_network (session), name, &param, NULL))
    hit = (BplHit) { param.kind == BPL_PARAM_WEIGHT ? BPL_HIT_WEIGHT : BPL_HIT_BIAS, param.index };
  else if (bpl_network_parse_neuron (bpl_session_get_network (session), name, &neuron))
    hit = (BplHit) { BPL_HIT_NEURON, neuron };
  bpl_session_set_selection (session, hit);
}

static void
clear_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BplSession *session = session_of (BPL_DIAGRAM_WIDGET (widget));

  if (session != NULL)
    bpl_session_set_selection (session, (BplHit) { BPL_HIT_NONE, 0 });
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  bpl_diagram_widget_edit_selection (BPL_DIAGRAM_WIDGET (widget));
}

static void
bpl_diagram_widget_dispose (GObject *object)
{
  BplDiagramWidget *self = BPL_DIAGRAM_WIDGET (object);

  stop_change (self);
  g_clear_pointer (&self->edit_popover, gtk_widget_unparent);
  g_clear_pointer (&self->view_switch, gtk_widget_unparent);
  g_clear_pointer (&self->layout, bpl_layout_free);
  g_clear_pointer (&self->matrix, bpl_matrix_layout_free);
  for (guint i = 0; i < N_BASES; i++)
    clear_base (&self->bases[i]);

  G_OBJECT_CLASS (bpl_diagram_widget_parent_class)->dispose (object);
}

static void
bpl_diagram_widget_class_init (BplDiagramWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  BplViewClass *view_class = BPL_VIEW_CLASS (klass);
  static const struct
  {
    guint keyval;
    GdkModifierType mods;
    GtkShortcutFunc func;
    int delta;
  } keys[] = {
    { GDK_KEY_Right, 0, move_binding, 1 },
    { GDK_KEY_Down, 0, move_binding, 1 },
    { GDK_KEY_KP_Right, 0, move_binding, 1 },
    { GDK_KEY_KP_Down, 0, move_binding, 1 },
    { GDK_KEY_Left, 0, move_binding, -1 },
    { GDK_KEY_Up, 0, move_binding, -1 },
    { GDK_KEY_KP_Left, 0, move_binding, -1 },
    { GDK_KEY_KP_Up, 0, move_binding, -1 },
    { GDK_KEY_Tab, 0, tab_binding, 1 },
    { GDK_KEY_KP_Tab, 0, tab_binding, 1 },
    { GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK, tab_binding, -1 },
    { GDK_KEY_Tab, GDK_SHIFT_MASK, tab_binding, -1 },
  };

  object_class->dispose = bpl_diagram_widget_dispose;
  view_class->session_changed = bpl_diagram_widget_session_changed;

  widget_class->snapshot = bpl_diagram_widget_snapshot;
  widget_class->measure = bpl_diagram_widget_measure;
  widget_class->size_allocate = bpl_diagram_widget_size_allocate;

  gtk_widget_class_install_action (widget_class, "diagram.select-at", "(dd)", select_at_action);
  gtk_widget_class_install_action (widget_class, "diagram.select", "s", select_action);
  gtk_widget_class_install_action (widget_class, "diagram.clear-selection", NULL, clear_selection_action);
  gtk_widget_class_install_action (widget_class, "diagram.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "diagram.view", "i", view_action);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_widget_class_add_binding (widget_class, keys[i].keyval, keys[i].mods, keys[i].func, "i", keys[i].delta);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "diagram.clear-selection", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, 0, edit_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, 0, edit_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_ISO_Enter, 0, edit_binding, NULL);

  gtk_widget_class_set_css_name (widget_class, "diagram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bpl_diagram_widget_init (BplDiagramWidget *self)
{
  GSignalGroup *signals = bpl_view_get_session_signals (BPL_VIEW (self));
  GtkGesture *click;
  GtkEventController *motion;

  bpl_layout_options_init (&self->options);
  self->change_progress = 1;

  self->view_names = gtk_string_list_new (NULL);
  /* The drop-down owns the list; the widget keeps a pointer to fill it. */
  self->view_switch = gtk_drop_down_new (G_LIST_MODEL (self->view_names), NULL);
  gtk_widget_set_tooltip_text (self->view_switch, _("Show the network, or the weights into a layer as a matrix"));
  gtk_widget_set_parent (self->view_switch, GTK_WIDGET (self));
  g_signal_connect_object (self->view_switch, "notify::selected", G_CALLBACK (on_view_selected),
                           self, G_CONNECT_SWAPPED);
  update_view_switch (self);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  click = gtk_gesture_click_new ();
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_click_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "motion", G_CALLBACK (on_motion), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (on_leave), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_group_connect_swapped (signals, "network-replaced", G_CALLBACK (on_network_replaced), self);
  g_signal_group_connect_swapped (signals, "values-changed", G_CALLBACK (on_values_changed), self);
  g_signal_group_connect_swapped (signals, "stepped", G_CALLBACK (on_stepped), self);
  g_signal_group_connect_swapped (signals, "notify::selection", G_CALLBACK (on_selection_changed), self);
  g_signal_group_connect_swapped (signals, "notify::hover", G_CALLBACK (gtk_widget_queue_draw), self);
  g_signal_group_connect_swapped (signals, "notify::emphasis", G_CALLBACK (gtk_widget_queue_draw), self);
  /* The neurons' pictures are in the kept base. */
  g_signal_group_connect_swapped (signals, "notify::heat-maps", G_CALLBACK (invalidate_bases), self);

  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  /* Colours come from the theme: redraw when it changes. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (invalidate_bases), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (invalidate_bases), self, G_CONNECT_SWAPPED);
  update_accessible (self);
}

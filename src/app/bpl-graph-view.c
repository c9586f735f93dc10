/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-graph-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "bpl-graph-view-private.h"
#include "bpl-theme.h"

/* A whole graph up to this many nodes is shown when nothing is selected
 * (the worked example has 33); a bigger one shows an output neuron's part. */
#define WHOLE_GRAPH_MAX_NODES 80
#define DEFAULT_PLAY_INTERVAL_US (900 * 1000)
/* A big graph is not shrunk below this: it scrolls instead, following
 * the node at work, so that its numbers stay legible. */
#define MIN_SCALE 0.7

struct _BplGraphView
{
  BplView parent_instance;

  GtkWidget *toolbar;
  GtkWidget *step_count;        /* "Step 3 of 18" */
  GtkWidget *play_button;
  GtkWidget *canvas;
  GtkWidget *step_label;        /* the step's explanation */
  GtkWidget *paths_expander;
  GtkWidget *paths_label;

  BplGraph *graph;              /* NULL: to build */
  BplGraphLayout *layout;
  BplGraphWalk *walk;           /* for walk_direction; NULL: to build */
  BplSessionWalk walk_kind;
  char *error;                  /* why there is no graph */
  gboolean focus_default;       /* nothing selected in a big network: o1's part */

  int digits;
  double font_scale;
  gint hover;                   /* the node under the pointer, or -1 */
  double pan_x, pan_y;          /* the layout's point shown in the middle
                                 * when scrolled by hand; -1: follow */

  gboolean text_stale;           /* hidden: the texts wait until shown */
  guint text_idle;
  char *paths;                  /* the paths' text for this graph, or NULL */

  gboolean playing;
  guint play_tick;
  gint64 play_interval;
  gint64 play_last;             /* frame time of the last step, 0 before */
  guint play_frames;
};

G_DEFINE_FINAL_TYPE (BplGraphView, bpl_graph_view, BPL_TYPE_VIEW)

enum
{
  PROP_0,
  PROP_WALK,
  PROP_PLAYING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static BplSession *
session_of (BplGraphView *self)
{
  return bpl_view_get_session (BPL_VIEW (self));
}

static void update_text (BplGraphView *self);

/* Building what is shown */

static void
invalidate_layout (BplGraphView *self)
{
  g_clear_pointer (&self->layout, bpl_graph_layout_free);
  gtk_widget_queue_draw (self->canvas);
}

static gboolean
text_idle_cb (gpointer data)
{
  BplGraphView *self = data;

  self->text_idle = 0;
  update_text (self);
  return G_SOURCE_REMOVE;
}

/* Brings the texts up to date now, rather than at idle. */
static void
flush_text (BplGraphView *self)
{
  if (self->text_idle != 0)
    {
      g_clear_handle_id (&self->text_idle, g_source_remove);
      update_text (self);
    }
}

static void
invalidate_graph (BplGraphView *self)
{
  g_clear_pointer (&self->walk, bpl_graph_walk_free);
  g_clear_pointer (&self->graph, bpl_graph_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->paths, g_free);
  self->hover = -1;
  self->pan_x = self->pan_y = -1;
  invalidate_layout (self);
  /* Once for however many changes come before the main loop is idle (Play
   * trains many steps a frame): the texts build the graph again. */
  if (self->text_idle == 0)
    self->text_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, text_idle_cb, self, NULL);
}

static BplGraph *
build_graph (BplGraphView *self)
{
  BplSession *session = session_of (self);
  const BplNetwork *network = bpl_session_get_network (session);
  g_autoptr (BplGraph) full = NULL;
  g_autoptr (GError) error = NULL;
  BplHit sel = bpl_session_get_selection (session);
  BplParam param;

  self->focus_default = FALSE;
  full = bpl_graph_new (network, bpl_session_get_sample (session), &error);
  if (full == NULL)
    {
      self->error = g_strdup_printf (_("No computational graph: %s"), error->message);
      return NULL;
    }
  if (bpl_session_get_selected_param (session, &param))
    return bpl_graph_new_for_param (full, network, param, BPL_GRAPH_DEFAULT_PER_LAYER);
  if (sel.kind == BPL_HIT_NEURON)
    return bpl_graph_new_for_neuron (full, network, sel.index, BPL_GRAPH_DEFAULT_PER_LAYER);
  if (full->n_nodes <= WHOLE_GRAPH_MAX_NODES)
    return g_steal_pointer (&full);
  self->focus_default = TRUE;
  return bpl_graph_new_for_neuron (full, network,
                                   bpl_network_get_n_neurons (network) - bpl_network_get_n_outputs (network),
                                   BPL_GRAPH_DEFAULT_PER_LAYER);
}

static const BplGraph *
ensure_graph (BplGraphView *self)
{
  if (self->graph == NULL && self->error == NULL && session_of (self) != NULL)
    self->graph = build_graph (self);
  return self->graph;
}

static const BplGraphWalk *
ensure_walk (BplGraphView *self)
{
  BplSessionWalk kind;
  const BplGraph *graph = ensure_graph (self);

  if (graph == NULL)
    return NULL;
  kind = bpl_session_get_graph_walk (session_of (self));
  if (self->walk != NULL && self->walk_kind == kind)
    return self->walk;
  g_clear_pointer (&self->walk, bpl_graph_walk_free);
  self->walk_kind = kind;
  if (kind != BPL_SESSION_WALK_NONE)
    self->walk = bpl_graph_walk_new (graph, kind == BPL_SESSION_WALK_FORWARD ? BPL_GRAPH_FORWARD
                                                                              : BPL_GRAPH_BACKWARD);
  return self->walk;
}

static const BplGraphLayout *
ensure_layout (BplGraphView *self)
{
  const BplGraph *graph = ensure_graph (self);
  BplGraphLayoutOptions options;

  if (graph == NULL)
    return NULL;
  if (self->layout != NULL)
    return self->layout;
  bpl_graph_layout_options_init (&options);
  options.font_scale = self->font_scale;
  self->layout = bpl_graph_layout_new (graph, &options);
  return self->layout;
}

const BplGraph *
bpl_graph_view_get_graph (BplGraphView *self)
{
  g_return_val_if_fail (BPL_IS_GRAPH_VIEW (self), NULL);
  return ensure_graph (self);
}

const BplGraphLayout *
bpl_graph_view_get_layout (BplGraphView *self)
{
  g_return_val_if_fail (BPL_IS_GRAPH_VIEW (self), NULL);
  return ensure_layout (self);
}

const BplGraphWalk *
bpl_graph_view_get_walk (BplGraphView *self)
{
  g_return_val_if_fail (BPL_IS_GRAPH_VIEW (self), NULL);
  return ensure_walk (self);
}

/* The step shown, kept within the pass (the graph may have changed under
 * it): -1 before the first. */
static gint
current_step (BplGraphView *self)
{
  const BplGraphWalk *walk = ensure_walk (self);
  gint step;

  if (walk == NULL)
    return -1;
  step = bpl_session_get_graph_step (session_of (self));
  return MIN (step, (gint) walk->n_steps - 1);
}

/* Linking */

gint
bpl_graph_view_get_emphasis_node (BplGraphView *self)
{
  const BplGraph *graph;
  BplHit hit;
  gint kind;

  g_return_val_if_fail (BPL_IS_GRAPH_VIEW (self), -1);

  graph = ensure_graph (self);
  if (graph == NULL)
    return -1;
  hit = bpl_session_get_emphasis (session_of (self));
  kind = bpl_session_get_emphasis_factor (session_of (self));
  if (hit.kind == BPL_HIT_NONE)
    return -1;
  if (kind >= 0)
    {
      BplFactor factor = {
        .kind = (BplFactorKind) kind,
        .weight = hit.kind == BPL_HIT_WEIGHT ? (gint) hit.index : -1,
        .neuron = hit.kind == BPL_HIT_NEURON ? (gint) hit.index : -1,
        .net_neuron = -1,
      };
      gint node = bpl_graph_find_factor (graph, &factor);

      if (node >= 0)
        return node;
    }
  /* A δ row: the neuron's sum, whose gradient δ is. */
  if (hit.kind == BPL_HIT_NEURON)
    {
      for (guint n = 0; n < graph->n_nodes; n++)
        if (graph->nodes[n].op == BPL_GRAPH_OP_ADD && graph->nodes[n].neuron == (gint) hit.index)
          return (gint) n;
      return bpl_graph_find_neuron (graph, hit.index);
    }
  if (hit.kind == BPL_HIT_WEIGHT)
    return bpl_graph_find_param (graph, (BplParam) { BPL_PARAM_WEIGHT, hit.index });
  return bpl_graph_find_param (graph, (BplParam) { BPL_PARAM_BIAS, hit.index });
}

static gint
selected_node (BplGraphView *self)
{
  const BplGraph *graph = ensure_graph (self);
  BplHit sel;

  if (graph == NULL)
    return -1;
  sel = bpl_session_get_selection (session_of (self));
  switch (sel.kind)
    {
    case BPL_HIT_WEIGHT:
      return bpl_graph_find_param (graph, (BplParam) { BPL_PARAM_WEIGHT, sel.index });
    case BPL_HIT_BIAS:
      return bpl_graph_find_param (graph, (BplParam) { BPL_PARAM_BIAS, sel.index });
    case BPL_HIT_NEURON:
      return bpl_graph_find_neuron (graph, sel.index);
    case BPL_HIT_NONE:
    default:
      return -1;
    }
}

void
bpl_graph_view_get_render_state (BplGraphView        *self,
                                 BplGraphRenderState *state)
{
  g_return_if_fail (BPL_IS_GRAPH_VIEW (self));

  bpl_graph_render_state_init (state);
  if (ensure_graph (self) == NULL)
    return;
  state->selection = selected_node (self);
  state->hover = self->hover >= 0 ? self->hover : bpl_graph_view_get_emphasis_node (self);
  state->walk = ensure_walk (self);
  state->position = current_step (self);
}

/* A node's part of the network, as the diagram selects it: a weight for a
 * weight or its product, a bias, a neuron for its input, sum, activation,
 * target or error term. */
static BplHit
node_hit (const BplGraphNode *node)
{
  if (node->op == BPL_GRAPH_OP_GROUP)
    return (BplHit) { BPL_HIT_NONE, 0 };
  if (node->weight >= 0)
    return (BplHit) { BPL_HIT_WEIGHT, (guint) node->weight };
  if (node->bias >= 0)
    return (BplHit) { BPL_HIT_BIAS, (guint) node->bias };
  if (node->neuron >= 0)
    return (BplHit) { BPL_HIT_NEURON, (guint) node->neuron };
  return (BplHit) { BPL_HIT_NONE, 0 };
}

static void
select_node (BplGraphView *self,
             gint          node)
{
  const BplGraph *graph = ensure_graph (self);
  BplHit hit = { BPL_HIT_NONE, 0 };

  if (graph == NULL)
    return;
  if (node >= 0)
    hit = node_hit (&graph->nodes[node]);
  /* E_total and groups stand for nothing to select: the selection stays. */
  if (node >= 0 && hit.kind == BPL_HIT_NONE)
    return;
  bpl_session_set_selection (session_of (self), hit);
}

/* Where a big graph is looked at: the node at work, else the selection,
 * else E_total for the backward pass, else the start; or where it was
 * scrolled to. */
static void
focus_point (BplGraphView *self,
             double       *x,
             double       *y)
{
  const BplGraphWalk *walk = ensure_walk (self);
  gint position = current_step (self);
  gint node = -1;

  if (walk != NULL && position >= 0)
    node = (gint) walk->steps[position].node;
  else if (walk != NULL && walk->direction == BPL_GRAPH_BACKWARD)
    node = (gint) self->graph->root;
  else if (walk == NULL)
    node = selected_node (self);
  if (node >= 0)
    {
      const BplRect *box = &self->layout->nodes[node].box;

      *x = box->x + box->width / 2;
      *y = box->y + box->height / 2;
    }
  else
    {
      *x = 0;
      *y = self->layout->height / 2;
    }
  if (self->pan_x >= 0)
    *x = self->pan_x;
  if (self->pan_y >= 0)
    *y = self->pan_y;
}

/* The graph fitted and centred in @width × @height, but never smaller
 * than MIN_SCALE: then it scrolls, following the node at work. */
static void
view_transform (BplGraphView *self,
                double        width,
                double        height,
                double       *scale,
                double       *x,
                double       *y)
{
  const BplGraphLayout *layout = self->layout;
  double fx, fy;

  bpl_graph_layout_fit (layout, width, height, scale, x, y);
  if (*scale >= MIN_SCALE)
    return;
  *scale = MIN_SCALE;
  focus_point (self, &fx, &fy);
  if (layout->width * MIN_SCALE <= width)
    *x = (width - layout->width * MIN_SCALE) / 2;
  else
    *x = CLAMP (width / 2 - fx * MIN_SCALE, width - layout->width * MIN_SCALE, 0);
  if (layout->height * MIN_SCALE <= height)
    *y = (height - layout->height * MIN_SCALE) / 2;
  else
    *y = CLAMP (height / 2 - fy * MIN_SCALE, height - layout->height * MIN_SCALE, 0);
}

static gboolean
canvas_transform (BplGraphView *self,
                  double       *scale,
                  double       *x,
                  double       *y)
{
  const BplGraphLayout *layout = ensure_layout (self);
  int width = gtk_widget_get_width (self->canvas), height = gtk_widget_get_height (self->canvas);

  if (layout == NULL || width <= 0 || height <= 0)
    return FALSE;
  view_transform (self, width, height, scale, x, y);
  return TRUE;
}

gboolean
bpl_graph_view_get_node_point (BplGraphView *self,
                               guint         node,
                               double       *x,
                               double       *y)
{
  double scale, ox, oy;
  const BplRect *box;

  g_return_val_if_fail (BPL_IS_GRAPH_VIEW (self), FALSE);

  if (!canvas_transform (self, &scale, &ox, &oy) || node >= self->graph->n_nodes)
    return FALSE;
  box = &self->layout->nodes[node].box;
  *x = ox + (box->x + box->width / 2) * scale;
  *y = oy + (box->y + box->height / 2) * scale;
  return TRUE;
}

/* The wheel or touchpad scrolls a big graph: up and down where it is
 * taller than the canvas, else sideways. */
static gboolean
on_scroll (BplGraphView *self,
           double        dx,
           double        dy)
{
  double scale, x, y;
  int width = gtk_widget_get_width (self->canvas), height = gtk_widget_get_height (self->canvas);
  gboolean wide, tall;

  if (!canvas_transform (self, &scale, &x, &y))
    return FALSE;
  wide = self->layout->width * scale > width;
  tall = self->layout->height * scale > height;
  if (!tall)
    {
      dx += dy;
      dy = 0;
    }
  if (wide && dx != 0)
    self->pan_x = CLAMP ((width / 2 - x) / scale + dx * 40 / scale,
                         width / 2 / scale, self->layout->width - width / 2 / scale);
  if (tall && dy != 0)
    self->pan_y = CLAMP ((height / 2 - y) / scale + dy * 40 / scale,
                         height / 2 / scale, self->layout->height - height / 2 / scale);
  gtk_widget_queue_draw (self->canvas);
  return wide || tall;
}

static gint
node_at (BplGraphView *self,
         double        x,
         double        y)
{
  double scale, ox, oy;
  BplGraphHit hit;

  if (!canvas_transform (self, &scale, &ox, &oy))
    return -1;
  hit = bpl_graph_layout_hit_test (self->layout, (x - ox) / scale, (y - oy) / scale);
  return hit.kind == BPL_GRAPH_HIT_NODE ? (gint) hit.index : -1;
}

static void
on_click_pressed (BplGraphView *self,
                  int           n_press,
                  double        x,
                  double        y)
{
  gtk_widget_grab_focus (self->canvas);
  if (session_of (self) != NULL)
    select_node (self, node_at (self, x, y));
}

static void
set_hover (BplGraphView *self,
           gint          node)
{
  if (node == self->hover)
    return;
  self->hover = node;
  gtk_widget_queue_draw (self->canvas);
}

static void
on_motion (BplGraphView *self,
           double        x,
           double        y)
{
  set_hover (self, node_at (self, x, y));
}

static void
on_leave (BplGraphView *self)
{
  set_hover (self, -1);
}

static gboolean
on_query_tooltip (BplGraphView *self,
                  int           x,
                  int           y,
                  gboolean      keyboard,
                  GtkTooltip   *tooltip)
{
  gint node = keyboard ? selected_node (self) : node_at (self, x, y);
  const BplGraphNode *n;
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  g_autofree char *gradient = NULL;
  g_autofree char *markup = NULL;

  if (node < 0)
    return FALSE;
  n = &self->graph->nodes[node];
  name = bpl_graph_format_name (n->name, BPL_EXPR_MARKUP);
  if (n->op == BPL_GRAPH_OP_GROUP)
    markup = g_strdup_printf ("<b>%s</b>\n%s", name, n->summary != NULL ? n->summary : "");
  else
    {
      value = _bpl_graph_view_number (n->value, self->digits);
      gradient = _bpl_graph_view_number (n->gradient, self->digits);
      /* Translators: a node of the computational graph: its name, value and gradient */
      markup = g_strdup_printf (_("<b>%s</b> = %s\n∂E<sub>total</sub>/∂%s = %s"), name, value, name, gradient);
    }
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

/* Drawing */

void
bpl_graph_view_render (BplGraphView *self,
                       cairo_t      *cr,
                       double        width,
                       double        height)
{
  const BplGraphLayout *layout;
  BplGraphRenderState state;
  BplStyle style;
  double scale, x, y;

  g_return_if_fail (BPL_IS_GRAPH_VIEW (self));

  bpl_style_init_from_widget (&style, GTK_WIDGET (self));
  cairo_set_source_rgba (cr, style.background.r, style.background.g, style.background.b, style.background.a);
  cairo_paint (cr);
  layout = ensure_layout (self);
  if (layout == NULL)
    return;
  bpl_graph_view_get_render_state (self, &state);
  view_transform (self, width, height, &scale, &x, &y);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  bpl_graph_render (cr, self->graph, layout, &style, &state);
  cairo_restore (cr);
}

static void
draw_canvas (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  bpl_graph_view_render (BPL_GRAPH_VIEW (data), cr, width, height);
}

static void
update_text (BplGraphView *self)
{
  const BplGraphWalk *walk;
  g_autofree char *step = NULL;
  gboolean shown = FALSE;
  gint position;

  if (session_of (self) == NULL)
    return;
  /* Hidden behind the diagram, the graph is not built for every training
   * step: the texts catch up when shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->text_stale = TRUE;
      return;
    }
  self->text_stale = FALSE;
  walk = ensure_walk (self);
  position = current_step (self);
  if (self->error != NULL)
    step = g_markup_escape_text (self->error, -1);
  else
    step = _bpl_graph_view_step_markup (self->graph, walk, position, self->digits, self->focus_default);
  gtk_label_set_markup (GTK_LABEL (self->step_label), step);
  if (walk != NULL)
    {
      /* Translators: the walk's step shown and its number of steps */
      g_autofree char *count = g_strdup_printf (_("Step %d of %u"), position + 1, walk->n_steps);

      gtk_label_set_text (GTK_LABEL (self->step_count), count);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->step_count), "");
  /* The paths are the graph's, not the step's: worked out once for it. */
  if (self->paths == NULL)
    {
      self->paths = _bpl_graph_view_paths_markup (ensure_graph (self), bpl_session_get_network (session_of (self)),
                                                  self->digits, &shown);
      gtk_label_set_markup (GTK_LABEL (self->paths_label), self->paths);
      gtk_widget_set_visible (self->paths_expander, shown);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "graph.back", walk != NULL && position >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "graph.start", walk != NULL && position >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "graph.step",
                                 self->graph != NULL && (walk == NULL || position + 1 < (gint) walk->n_steps));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "graph.end",
                                 self->graph != NULL && (walk == NULL || position + 1 < (gint) walk->n_steps));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Computational graph"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_label_get_text (GTK_LABEL (self->step_label)), -1);
}

char *
bpl_graph_view_get_step_text (BplGraphView *self)
{
  g_return_val_if_fail (BPL_IS_GRAPH_VIEW (self), NULL);
  flush_text (self);
  return g_strdup (gtk_label_get_text (GTK_LABEL (self->step_label)));
}

char *
bpl_graph_view_get_paths_text (BplGraphView *self)
{
  g_return_val_if_fail (BPL_IS_GRAPH_VIEW (self), NULL);
  flush_text (self);
  return g_strdup (gtk_label_get_text (GTK_LABEL (self->paths_label)));
}

/* Walking */

static void
set_step (BplGraphView *self,
          gint          step)
{
  bpl_session_set_graph_step (session_of (self), step);
}

/* Starts the backward pass when none is shown. */
static const BplGraphWalk *
ensure_walking (BplGraphView *self)
{
  if (session_of (self) == NULL || ensure_graph (self) == NULL)
    return NULL;
  if (bpl_session_get_graph_walk (session_of (self)) == BPL_SESSION_WALK_NONE)
    bpl_session_set_graph_walk (session_of (self), BPL_SESSION_WALK_BACKWARD);
  return ensure_walk (self);
}

static gboolean
advance (BplGraphView *self)
{
  const BplGraphWalk *walk = ensure_walking (self);
  gint position = current_step (self);

  if (walk == NULL || position + 1 >= (gint) walk->n_steps)
    return FALSE;
  set_step (self, position + 1);
  return TRUE;
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BplGraphView *self = BPL_GRAPH_VIEW (widget);

  bpl_graph_view_set_playing (self, FALSE);
  advance (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BplGraphView *self = BPL_GRAPH_VIEW (widget);

  bpl_graph_view_set_playing (self, FALSE);
  if (ensure_walk (self) != NULL)
    set_step (self, current_step (self) - 1);
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  BplGraphView *self = BPL_GRAPH_VIEW (widget);

  bpl_graph_view_set_playing (self, FALSE);
  if (ensure_walk (self) != NULL)
    set_step (self, -1);
}

static void
end_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  BplGraphView *self = BPL_GRAPH_VIEW (widget);
  const BplGraphWalk *walk;

  bpl_graph_view_set_playing (self, FALSE);
  walk = ensure_walking (self);
  if (walk != NULL)
    set_step (self, (gint) walk->n_steps - 1);
}

static gboolean
play_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  BplGraphView *self = BPL_GRAPH_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  self->play_frames++;
  /* The press took the first step: the interval counts from this frame. */
  if (self->play_last == 0)
    {
      self->play_last = now;
      return G_SOURCE_CONTINUE;
    }
  if (now - self->play_last < self->play_interval)
    return G_SOURCE_CONTINUE;
  self->play_last = now;
  if (!advance (self))
    {
      self->play_tick = 0;
      bpl_graph_view_set_playing (self, FALSE);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

gboolean
bpl_graph_view_get_playing (BplGraphView *self)
{
  g_return_val_if_fail (BPL_IS_GRAPH_VIEW (self), FALSE);
  return self->playing;
}

void
bpl_graph_view_set_playing (BplGraphView *self,
                            gboolean      playing)
{
  const BplGraphWalk *walk;

  g_return_if_fail (BPL_IS_GRAPH_VIEW (self));

  playing = !!playing;
  if (playing == self->playing)
    return;
  if (playing)
    {
      walk = ensure_walking (self);
      if (walk == NULL)
        return;
      /* Play at the end plays the pass again. */
      if (current_step (self) + 1 >= (gint) walk->n_steps)
        set_step (self, -1);
      self->play_last = 0;
      self->play_frames = 0;
      /* The first step at once: the press shows something happen. */
      advance (self);
      if (self->play_tick == 0)
        self->play_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), play_tick_cb, NULL, NULL);
    }
  else if (self->play_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->play_tick);
      self->play_tick = 0;
    }
  self->playing = playing;
  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

void
bpl_graph_view_set_play_interval (BplGraphView *self,
                                  gint64        microseconds)
{
  g_return_if_fail (BPL_IS_GRAPH_VIEW (self));
  self->play_interval = MAX (microseconds, 0);
}

guint
bpl_graph_view_get_play_frames (BplGraphView *self)
{
  g_return_val_if_fail (BPL_IS_GRAPH_VIEW (self), 0);
  return self->play_frames;
}

static void
select_at_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BplGraphView *self = BPL_GRAPH_VIEW (widget);
  double x, y;

  g_variant_get (parameter, "(dd)", &x, &y);
  if (session_of (self) != NULL)
    select_node (self, node_at (self, x, y));
}

static void
select_node_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BplGraphView *self = BPL_GRAPH_VIEW (widget);
  gint node;

  if (ensure_graph (self) == NULL)
    return;
  node = bpl_graph_find_name (self->graph, g_variant_get_string (parameter, NULL));
  if (node >= 0)
    select_node (self, node);
}

/* Settings */

void
bpl_graph_view_set_digits (BplGraphView *self,
                           int           digits)
{
  g_return_if_fail (BPL_IS_GRAPH_VIEW (self));

  digits = CLAMP (digits, 1, 17);
  if (digits == self->digits)
    return;
  self->digits = digits;
  g_clear_pointer (&self->paths, g_free);
  update_text (self);
}

void
bpl_graph_view_set_font_scale (BplGraphView *self,
                               double        font_scale)
{
  g_return_if_fail (BPL_IS_GRAPH_VIEW (self));

  if (font_scale == self->font_scale)
    return;
  self->font_scale = font_scale;
  invalidate_layout (self);
}

/* Export */

gboolean
bpl_graph_view_can_export (const char *path)
{
  return g_str_has_suffix (path, ".dot") || g_str_has_suffix (path, ".gv")
         || g_str_has_suffix (path, ".tex") || bpl_export_format_from_path (path, &(BplExportFormat) { 0 }, NULL);
}

gboolean
bpl_graph_view_export_to_path (BplGraphView *self,
                               const char   *path,
                               double        scale,
                               GError      **error)
{
  const BplGraph *graph;
  const BplGraphLayout *layout;
  BplGraphRenderState state;
  BplExportFormat format;
  BplStyle style;
  g_autofree char *text = NULL;

  g_return_val_if_fail (BPL_IS_GRAPH_VIEW (self), FALSE);

  graph = ensure_graph (self);
  layout = ensure_layout (self);
  if (graph == NULL)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID, "%s",
                   self->error != NULL ? self->error : _("No computational graph to export"));
      return FALSE;
    }
  /* The text formats are the CLI's, number for number. */
  if (g_str_has_suffix (path, ".dot") || g_str_has_suffix (path, ".gv"))
    text = bpl_graph_to_dot (graph, 4);
  else if (g_str_has_suffix (path, ".tex"))
    text = bpl_graph_to_tikz (graph, 4);
  if (text != NULL)
    {
      if (!g_file_set_contents (path, text, -1, error))
        return FALSE;
      return TRUE;
    }
  if (!bpl_export_format_from_path (path, &format, NULL))
    {
      g_autofree char *base = g_path_get_basename (path);

      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("“%s”: the graph is exported as .png, .svg, .pdf, .dot (Graphviz) or .tex (TikZ)"), base);
      return FALSE;
    }
  bpl_style_init_from_widget (&style, GTK_WIDGET (self));
  bpl_graph_view_get_render_state (self, &state);
  /* A file shows the selection and the step, not where the pointer was. */
  state.hover = -1;
  return bpl_graph_export (graph, layout, &style, &state, 0, 0, scale, format, path, error);
}

GdkTexture *
bpl_graph_view_render_texture (BplGraphView *self,
                               double        scale)
{
  const BplGraphLayout *layout;
  BplGraphRenderState state;
  BplStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GBytes) bytes = NULL;
  int width, height;

  g_return_val_if_fail (BPL_IS_GRAPH_VIEW (self), NULL);

  layout = ensure_layout (self);
  if (layout == NULL)
    return NULL;
  width = (int) ceil (layout->width * scale);
  height = (int) ceil (layout->height * scale);
  bpl_style_init_from_widget (&style, GTK_WIDGET (self));
  bpl_graph_view_get_render_state (self, &state);
  state.hover = -1;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  bpl_graph_render (cr, self->graph, layout, &style, &state);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  /* The texture holds the image's pixels: cairo's ARGB32 is GDK's default. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * height,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                 (gsize) cairo_image_surface_get_stride (surface));
}

/* Following the session */

static void
on_walk_changed (BplGraphView *self)
{
  self->pan_x = self->pan_y = -1;
  gtk_widget_queue_draw (self->canvas);
  update_text (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WALK]);
}

static void
on_step_changed (BplGraphView *self)
{
  self->pan_x = self->pan_y = -1;
  gtk_widget_queue_draw (self->canvas);
  update_text (self);
}

static void
on_emphasis_changed (BplGraphView *self)
{
  gtk_widget_queue_draw (self->canvas);
}

static void
on_graph_changed (BplGraphView *self)
{
  invalidate_graph (self);
}

static void
bpl_graph_view_session_changed (BplView *view)
{
  BplGraphView *self = BPL_GRAPH_VIEW (view);

  bpl_graph_view_set_playing (self, FALSE);
  invalidate_graph (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WALK]);
}

/* GObject */

static const char *const walk_names[] = { "off", "backward", "forward" };

static void
bpl_graph_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BplGraphView *self = BPL_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_WALK:
      g_value_set_string (value, walk_names[session_of (self) != NULL
                                            ? bpl_session_get_graph_walk (session_of (self))
                                            : BPL_SESSION_WALK_NONE]);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bpl_graph_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BplGraphView *self = BPL_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_WALK:
      for (guint i = 0; i < G_N_ELEMENTS (walk_names); i++)
        if (g_strcmp0 (g_value_get_string (value), walk_names[i]) == 0 && session_of (self) != NULL)
          {
            bpl_graph_view_set_playing (self, FALSE);
            bpl_session_set_graph_walk (session_of (self), (BplSessionWalk) i);
          }
      break;
    case PROP_PLAYING:
      bpl_graph_view_set_playing (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bpl_graph_view_map (GtkWidget *widget)
{
  BplGraphView *self = BPL_GRAPH_VIEW (widget);

  GTK_WIDGET_CLASS (bpl_graph_view_parent_class)->map (widget);
  if (self->text_stale)
    update_text (self);
}

static void
bpl_graph_view_unmap (GtkWidget *widget)
{
  /* Play shows steps to someone: not behind the diagram. */
  bpl_graph_view_set_playing (BPL_GRAPH_VIEW (widget), FALSE);
  GTK_WIDGET_CLASS (bpl_graph_view_parent_class)->unmap (widget);
}

/* Focus goes to the canvas, where the walk's keys are. */
static gboolean
bpl_graph_view_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (BPL_GRAPH_VIEW (widget)->canvas);
}

static void
bpl_graph_view_dispose (GObject *object)
{
  BplGraphView *self = BPL_GRAPH_VIEW (object);
  GtkWidget *child;

  bpl_graph_view_set_playing (self, FALSE);
  g_clear_handle_id (&self->text_idle, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->walk, bpl_graph_walk_free);
  g_clear_pointer (&self->layout, bpl_graph_layout_free);
  g_clear_pointer (&self->graph, bpl_graph_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->paths, g_free);

  G_OBJECT_CLASS (bpl_graph_view_parent_class)->dispose (object);
}

static void
bpl_graph_view_class_init (BplGraphViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  BplViewClass *view_class = BPL_VIEW_CLASS (klass);

  object_class->dispose = bpl_graph_view_dispose;
  object_class->get_property = bpl_graph_view_get_property;
  object_class->set_property = bpl_graph_view_set_property;
  view_class->session_changed = bpl_graph_view_session_changed;
  widget_class->map = bpl_graph_view_map;
  widget_class->grab_focus = bpl_graph_view_grab_focus;
  widget_class->unmap = bpl_graph_view_unmap;

  properties[PROP_WALK] =
    g_param_spec_string ("walk", NULL, NULL, "off",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "graph.walk", "walk");
  gtk_widget_class_install_property_action (widget_class, "graph.play", "playing");
  gtk_widget_class_install_action (widget_class, "graph.step", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "graph.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "graph.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "graph.end", NULL, end_action);
  gtk_widget_class_install_action (widget_class, "graph.select-at", "(dd)", select_at_action);
  gtk_widget_class_install_action (widget_class, "graph.select-node", "s", select_node_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "graph.step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "graph.step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "graph.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "graph.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "graph.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "graph.end", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, 0, "graph.play", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "graphview");
}

static GtkWidget *
tool_button (const char *icon,
             const char *action,
             const char *tooltip,
             gboolean    toggle)
{
  GtkWidget *button = toggle ? gtk_toggle_button_new () : gtk_button_new ();

  gtk_button_set_icon_name (GTK_BUTTON (button), icon);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  return button;
}

static GtkWidget *
walk_button (const char *label,
             const char *target,
             const char *tooltip)
{
  GtkWidget *button = gtk_toggle_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "graph.walk");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static void
build_toolbar (BplGraphView *self)
{
  GtkWidget *passes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  /* A flow box: in a narrow window (a projector's 800 px beside the side
   * panel) the controls go to a second row rather than push the panel. */
  self->toolbar = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->toolbar), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->toolbar), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->toolbar), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->toolbar), 3);
  gtk_widget_add_css_class (self->toolbar, "toolbar");
  gtk_widget_add_css_class (passes, "linked");
  gtk_widget_add_css_class (controls, "linked");
  gtk_box_append (GTK_BOX (passes), walk_button (_("All _Values"), "off", _("Every value and gradient at once")));
  gtk_box_append (GTK_BOX (passes), walk_button (_("_Backward Pass"), "backward",
                                                 _("The gradients, from E_total back to the leaves, node by node")));
  gtk_box_append (GTK_BOX (passes), walk_button (_("_Forward Pass"), "forward",
                                                 _("The values, from the leaves to E_total, operation by operation")));
  gtk_box_append (GTK_BOX (controls), tool_button ("media-skip-backward-symbolic", "graph.start",
                                                   _("To the Start (Home)"), FALSE));
  gtk_box_append (GTK_BOX (controls), tool_button ("go-previous-symbolic", "graph.back",
                                                   _("Step Back (←)"), FALSE));
  self->play_button = tool_button ("media-playback-start-symbolic", "graph.play",
                                   _("Play or Pause the Pass (P)"), TRUE);
  gtk_box_append (GTK_BOX (controls), self->play_button);
  gtk_box_append (GTK_BOX (controls), tool_button ("go-next-symbolic", "graph.step",
                                                   _("Step (→)"), FALSE));
  gtk_box_append (GTK_BOX (controls), tool_button ("media-skip-forward-symbolic", "graph.end",
                                                   _("To the End (End)"), FALSE));
  self->step_count = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->step_count, "numeric");
  gtk_widget_add_css_class (self->step_count, "dim-label");
  gtk_widget_set_valign (self->step_count, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (self->step_count, GTK_ALIGN_START);
  gtk_flow_box_append (GTK_FLOW_BOX (self->toolbar), passes);
  gtk_flow_box_append (GTK_FLOW_BOX (self->toolbar), controls);
  gtk_flow_box_append (GTK_FLOW_BOX (self->toolbar), self->step_count);
  /* Its wrappers are no stops for Tab: the buttons are. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->toolbar); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gtk_widget_set_focusable (child, FALSE);
      gtk_widget_set_halign (child, GTK_ALIGN_START);
    }
  gtk_widget_set_parent (self->toolbar, GTK_WIDGET (self));
}

static void
bpl_graph_view_init (BplGraphView *self)
{
  GSignalGroup *signals = bpl_view_get_session_signals (BPL_VIEW (self));
  GtkGesture *click;
  GtkEventController *motion, *scroll;
  GtkWidget *scroller;

  self->font_scale = 1.0;
  self->hover = -1;
  self->pan_x = self->pan_y = -1;
  self->digits = 11;
  self->play_interval = DEFAULT_PLAY_INTERVAL_US;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  build_toolbar (self);

  /* The walk's keys before the toolbar's flow box, whose arrows, Home and
   * End would move between its children: the view has no text to edit. */
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();
    static const struct { guint keyval; const char *action; } walk_keys[] = {
      { GDK_KEY_Right, "graph.step" }, { GDK_KEY_KP_Right, "graph.step" },
      { GDK_KEY_Left, "graph.back" }, { GDK_KEY_KP_Left, "graph.back" },
      { GDK_KEY_Home, "graph.start" }, { GDK_KEY_End, "graph.end" },
    };

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    for (guint i = 0; i < G_N_ELEMENTS (walk_keys); i++)
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                            gtk_shortcut_new (gtk_keyval_trigger_new (walk_keys[i].keyval, 0),
                                                              gtk_named_action_new (walk_keys[i].action)));
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }

  self->canvas = gtk_drawing_area_new ();
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->canvas), draw_canvas, self, NULL);
  gtk_widget_set_vexpand (self->canvas, TRUE);
  gtk_widget_set_size_request (self->canvas, 240, 60);
  gtk_widget_set_focusable (self->canvas, TRUE);
  gtk_widget_set_focus_on_click (self->canvas, TRUE);
  gtk_widget_set_has_tooltip (self->canvas, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Computational graph"), -1);
  gtk_widget_set_parent (self->canvas, GTK_WIDGET (self));
  g_signal_connect_object (self->canvas, "query-tooltip", G_CALLBACK (on_query_tooltip), self,
                           G_CONNECT_SWAPPED);

  click = gtk_gesture_click_new ();
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_click_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->canvas, GTK_EVENT_CONTROLLER (click));
  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "motion", G_CALLBACK (on_motion), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (on_leave), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->canvas, motion);
  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (on_scroll), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->canvas, scroll);

  /* The step's explanation and the paths, under the canvas; they scroll
   * rather than push the canvas out of a small window. */
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  /* At most some eight lines: the canvas keeps the rest. */
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 48);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 170);
  gtk_widget_add_css_class (scroller, "graph-text");
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

    gtk_widget_set_margin_start (box, 12);
    gtk_widget_set_margin_end (box, 12);
    gtk_widget_set_margin_top (box, 6);
    gtk_widget_set_margin_bottom (box, 6);
    self->step_label = gtk_label_new (NULL);
    gtk_label_set_wrap (GTK_LABEL (self->step_label), TRUE);
    gtk_label_set_wrap_mode (GTK_LABEL (self->step_label), PANGO_WRAP_WORD_CHAR);
    gtk_label_set_xalign (GTK_LABEL (self->step_label), 0);
    gtk_label_set_selectable (GTK_LABEL (self->step_label), TRUE);
    gtk_widget_set_focusable (self->step_label, FALSE);
    gtk_box_append (GTK_BOX (box), self->step_label);

    self->paths_expander = gtk_expander_new_with_mnemonic (_("Sum over _Paths or the δ Recursion"));
    self->paths_label = gtk_label_new (NULL);
    gtk_label_set_wrap (GTK_LABEL (self->paths_label), TRUE);
    gtk_label_set_wrap_mode (GTK_LABEL (self->paths_label), PANGO_WRAP_WORD_CHAR);
    gtk_label_set_xalign (GTK_LABEL (self->paths_label), 0);
    gtk_label_set_selectable (GTK_LABEL (self->paths_label), TRUE);
    gtk_widget_set_focusable (self->paths_label, FALSE);
    gtk_expander_set_child (GTK_EXPANDER (self->paths_expander), self->paths_label);
    gtk_box_append (GTK_BOX (box), self->paths_expander);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  }
  gtk_widget_set_parent (scroller, GTK_WIDGET (self));

  g_signal_group_connect_swapped (signals, "network-replaced", G_CALLBACK (on_graph_changed), self);
  g_signal_group_connect_swapped (signals, "values-changed", G_CALLBACK (on_graph_changed), self);
  g_signal_group_connect_swapped (signals, "notify::selection", G_CALLBACK (on_graph_changed), self);
  g_signal_group_connect_swapped (signals, "notify::emphasis", G_CALLBACK (on_emphasis_changed), self);
  g_signal_group_connect_swapped (signals, "notify::graph-walk", G_CALLBACK (on_walk_changed), self);
  g_signal_group_connect_swapped (signals, "notify::graph-step", G_CALLBACK (on_step_changed), self);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self->canvas, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (gtk_widget_queue_draw), self->canvas, G_CONNECT_SWAPPED);
}

GtkWidget *
bpl_graph_view_new (void)
{
  return g_object_new (BPL_TYPE_GRAPH_VIEW, NULL);
}

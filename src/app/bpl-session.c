/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-session.h"

#include <glib/gi18n.h>

struct _BplSession
{
  GObject parent_instance;

  BplDocument *document;

  BplHit selection;
  BplHit hover;
  BplHit emphasis;
  gint emphasis_factor;   /* the hovered factor's BplFactorKind, or -1 */
  guint sample;
  BplSessionWalk graph_walk;
  gint graph_step;
  gboolean log_scale;
  BplPractice *practice;
  /* The data view (issue 12): shown, its output (-1: the class), class
   * colours only, the class of points added; the neurons' pictures. */
  gboolean data_view;
  gint data_output;
  gboolean discretize;
  guint point_class;
  gboolean heat_maps;
  /* Every neuron's output over the input plane, for both; made when first
   * asked for after a change. */
  BplHeatmap *heatmap;
  gboolean heatmap_stale;

  /* The network shown on the sample shown. */
  BplForward *forward;
  double *weight_gradient;
  double *bias_gradient;
};

G_DEFINE_FINAL_TYPE (BplSession, bpl_session, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_SELECTION,
  PROP_HOVER,
  PROP_EMPHASIS,
  PROP_SAMPLE,
  PROP_LOG_SCALE,
  PROP_DATA_VIEW,
  PROP_DATA_OUTPUT,
  PROP_DISCRETIZE,
  PROP_POINT_CLASS,
  PROP_HEAT_MAPS,
  PROP_EMPHASIS_FACTOR,
  PROP_GRAPH_WALK,
  PROP_GRAPH_STEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  NETWORK_REPLACED,
  VALUES_CHANGED,
  STEPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Hits */

static BplHit *
hit_copy (const BplHit *hit)
{
  return g_memdup2 (hit, sizeof *hit);
}

G_DEFINE_BOXED_TYPE (BplHit, bpl_hit, hit_copy, g_free)

static const BplHit no_hit = { BPL_HIT_NONE, 0 };

gboolean
bpl_hit_equal (BplHit a,
               BplHit b)
{
  if (a.kind != b.kind)
    return FALSE;
  return a.kind == BPL_HIT_NONE || a.index == b.index;
}

static gboolean
hit_valid (BplSession *self,
           BplHit      hit)
{
  const BplNetwork *network = bpl_session_get_network (self);

  switch (hit.kind)
    {
    case BPL_HIT_NONE:
      return TRUE;
    case BPL_HIT_WEIGHT:
      return hit.index < bpl_network_get_n_weights (network);
    case BPL_HIT_BIAS:
      return hit.index < bpl_network_get_n_biases (network);
    case BPL_HIT_NEURON:
      return hit.index < bpl_network_get_n_neurons (network);
    default:
      return FALSE;
    }
}

/* Sets *@slot to @hit (nothing, if it does not exist) and notifies @prop. */
static gboolean
set_hit (BplSession *self,
         BplHit     *slot,
         BplHit      hit,
         guint       prop)
{
  if (!hit_valid (self, hit))
    hit = no_hit;
  if (bpl_hit_equal (hit, *slot))
    return FALSE;
  *slot = hit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

/* What views draw */

/* The forward pass and gradients of the network shown, on the sample
 * shown; @reshaped: in workspaces of its (new) shape. */
static void
compute (BplSession *self,
         gboolean    reshaped)
{
  const BplNetwork *network = bpl_session_get_network (self);

  if (reshaped || self->forward == NULL)
    {
      g_clear_pointer (&self->forward, bpl_forward_free);
      g_free (self->weight_gradient);
      g_free (self->bias_gradient);
      self->forward = bpl_forward_new (network);
      self->weight_gradient = g_new0 (double, MAX (bpl_network_get_n_weights (network), 1));
      self->bias_gradient = g_new0 (double, MAX (bpl_network_get_n_biases (network), 1));
    }
  bpl_network_gradient (network, self->sample, self->forward, self->weight_gradient, self->bias_gradient);
  if (reshaped)
    g_clear_pointer (&self->heatmap, bpl_heatmap_free);
  self->heatmap_stale = TRUE;
}

/* The grid of the kept heat-map: a point every few pixels of a data view
 * of a few hundred, which Cairo scales up. */
#define HEATMAP_SIDE 96
#define CURVE_POINTS 512

const BplHeatmap *
bpl_session_get_heatmap (BplSession *self)
{
  const BplNetwork *network;
  double x_min, x_max, y_min, y_max;

  g_return_val_if_fail (BPL_IS_SESSION (self), NULL);

  network = bpl_session_get_network (self);
  if (bpl_network_get_n_inputs (network) > 2)
    return NULL;
  if (self->heatmap == NULL)
    self->heatmap = bpl_heatmap_new (network, bpl_network_get_n_inputs (network) == 1 ? CURVE_POINTS
                                                                                     : HEATMAP_SIDE,
                                     HEATMAP_SIDE);
  if (self->heatmap_stale)
    {
      /* The range follows the points: one added or moved can widen it. */
      bpl_data_view_input_range (network, &x_min, &x_max, &y_min, &y_max);
      bpl_heatmap_set_range (self->heatmap, x_min, x_max, y_min, y_max);
      bpl_heatmap_compute (self->heatmap, network);
      self->heatmap_stale = FALSE;
    }
  return self->heatmap;
}

const BplNetwork *
bpl_session_get_network (BplSession *self)
{
  g_return_val_if_fail (BPL_IS_SESSION (self), NULL);
  return bpl_document_get_network (self->document);
}

const BplForward *
bpl_session_get_forward (BplSession *self)
{
  g_return_val_if_fail (BPL_IS_SESSION (self), NULL);
  return self->forward;
}

const double *
bpl_session_get_weight_gradients (BplSession *self)
{
  g_return_val_if_fail (BPL_IS_SESSION (self), NULL);
  return self->weight_gradient;
}

const double *
bpl_session_get_bias_gradients (BplSession *self)
{
  g_return_val_if_fail (BPL_IS_SESSION (self), NULL);
  return self->bias_gradient;
}

/* Following the document */

/* The shape or the samples changed: @fresh, a new network altogether. */
static void
follow_new_shape (BplSession *self,
                  gboolean    fresh)
{
  const BplNetwork *network = bpl_session_get_network (self);
  guint n_samples = bpl_network_get_n_samples (network);
  guint sample = fresh ? bpl_network_get_current_sample (network) : MIN (self->sample, n_samples - 1);

  g_object_freeze_notify (G_OBJECT (self));
  if (sample != self->sample)
    {
      self->sample = sample;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAMPLE]);
    }
  compute (self, TRUE);
  if (self->data_output >= (gint) bpl_network_get_n_outputs (network))
    bpl_session_set_data_output (self, -1);
  if (self->point_class >= MAX (bpl_network_get_n_outputs (network), 2))
    bpl_session_set_point_class (self, 0);
  /* A data set of a plane or a line opens with the picture of it. */
  if (fresh && bpl_network_get_n_inputs (network) <= 2
      && n_samples + bpl_network_get_n_test_samples (network) >= 20)
    bpl_session_set_data_view (self, TRUE);
  set_hit (self, &self->selection, fresh ? no_hit : self->selection, PROP_SELECTION);
  set_hit (self, &self->hover, no_hit, PROP_HOVER);
  set_hit (self, &self->emphasis, no_hit, PROP_EMPHASIS);
  g_signal_emit (self, signals[NETWORK_REPLACED], 0);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_opened (BplSession *self)
{
  follow_new_shape (self, TRUE);
}

static void
on_network_replaced (BplSession *self)
{
  follow_new_shape (self, FALSE);
}

static void
on_values_changed (BplSession *self)
{
  compute (self, FALSE);
  g_signal_emit (self, signals[VALUES_CHANGED], 0);
}

static void
on_stepped (BplSession *self)
{
  g_signal_emit (self, signals[STEPPED], 0);
}

/* View state */

BplDocument *
bpl_session_get_document (BplSession *self)
{
  g_return_val_if_fail (BPL_IS_SESSION (self), NULL);
  return self->document;
}

guint
bpl_session_get_sample (BplSession *self)
{
  g_return_val_if_fail (BPL_IS_SESSION (self), 0);
  return self->sample;
}

void
bpl_session_set_sample (BplSession *self,
                        guint       sample)
{
  g_return_if_fail (BPL_IS_SESSION (self));

  if (sample >= bpl_network_get_n_samples (bpl_session_get_network (self)) || sample == self->sample)
    return;
  self->sample = sample;
  compute (self, FALSE);
  g_signal_emit (self, signals[VALUES_CHANGED], 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAMPLE]);
}

BplHit
bpl_session_get_selection (BplSession *self)
{
  g_return_val_if_fail (BPL_IS_SESSION (self), no_hit);
  return self->selection;
}

void
bpl_session_set_selection (BplSession *self,
                           BplHit      hit)
{
  g_return_if_fail (BPL_IS_SESSION (self));

  g_object_freeze_notify (G_OBJECT (self));
  /* The factor hovered in the old derivation is gone with it. */
  if (set_hit (self, &self->selection, hit, PROP_SELECTION))
    set_hit (self, &self->emphasis, no_hit, PROP_EMPHASIS);
  g_object_thaw_notify (G_OBJECT (self));
}

BplHit
bpl_session_get_hover (BplSession *self)
{
  g_return_val_if_fail (BPL_IS_SESSION (self), no_hit);
  return self->hover;
}

void
bpl_session_set_hover (BplSession *self,
                       BplHit      hit)
{
  g_return_if_fail (BPL_IS_SESSION (self));
  set_hit (self, &self->hover, hit, PROP_HOVER);
}

BplHit
bpl_session_get_emphasis (BplSession *self)
{
  g_return_val_if_fail (BPL_IS_SESSION (self), no_hit);
  return self->emphasis;
}

void
bpl_session_set_emphasis (BplSession *self,
                          BplHit      hit)
{
  bpl_session_set_emphasis_factor (self, hit, -1);
}

gint
bpl_session_get_emphasis_factor (BplSession *self)
{
  g_return_val_if_fail (BPL_IS_SESSION (self), -1);
  return self->emphasis.kind != BPL_HIT_NONE ? self->emphasis_factor : -1;
}

void
bpl_session_set_emphasis_factor (BplSession *self,
                                 BplHit      hit,
                                 gint        factor_kind)
{
  g_return_if_fail (BPL_IS_SESSION (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->emphasis_factor != factor_kind)
    {
      self->emphasis_factor = factor_kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPHASIS_FACTOR]);
    }
  set_hit (self, &self->emphasis, hit, PROP_EMPHASIS);
  g_object_thaw_notify (G_OBJECT (self));
}

BplSessionWalk
bpl_session_get_graph_walk (BplSession *self)
{
  g_return_val_if_fail (BPL_IS_SESSION (self), BPL_SESSION_WALK_NONE);
  return self->graph_walk;
}

void
bpl_session_set_graph_walk (BplSession     *self,
                            BplSessionWalk  walk)
{
  g_return_if_fail (BPL_IS_SESSION (self));
  g_return_if_fail (walk <= BPL_SESSION_WALK_FORWARD);

  if (walk == self->graph_walk)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  self->graph_walk = walk;
  /* Another pass starts before its first step. */
  bpl_session_set_graph_step (self, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRAPH_WALK]);
  g_object_thaw_notify (G_OBJECT (self));
}

gint
bpl_session_get_graph_step (BplSession *self)
{
  g_return_val_if_fail (BPL_IS_SESSION (self), -1);
  return self->graph_step;
}

void
bpl_session_set_graph_step (BplSession *self,
                            gint        step)
{
  g_return_if_fail (BPL_IS_SESSION (self));

  step = MAX (step, -1);
  if (step == self->graph_step)
    return;
  self->graph_step = step;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRAPH_STEP]);
}

gboolean
bpl_session_get_selected_param (BplSession *self,
                                BplParam   *param)
{
  g_return_val_if_fail (BPL_IS_SESSION (self), FALSE);

  if (self->selection.kind == BPL_HIT_WEIGHT)
    param->kind = BPL_PARAM_WEIGHT;
  else if (self->selection.kind == BPL_HIT_BIAS)
    param->kind = BPL_PARAM_BIAS;
  else
    return FALSE;
  param->index = self->selection.index;
  return TRUE;
}

BplPractice *
bpl_session_get_practice (BplSession *self)
{
  g_return_val_if_fail (BPL_IS_SESSION (self), NULL);

  if (self->practice == NULL)
    self->practice = bpl_practice_new ();
  return self->practice;
}

static void
set_boolean (BplSession *self,
             gboolean   *slot,
             gboolean    value,
             guint       prop)
{
  value = !!value;
  if (*slot == value)
    return;
  *slot = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

gboolean
bpl_session_get_data_view (BplSession *self)
{
  g_return_val_if_fail (BPL_IS_SESSION (self), FALSE);
  return self->data_view;
}

void
bpl_session_set_data_view (BplSession *self,
                           gboolean    data_view)
{
  g_return_if_fail (BPL_IS_SESSION (self));
  set_boolean (self, &self->data_view, data_view, PROP_DATA_VIEW);
}

gboolean
bpl_session_get_heat_maps (BplSession *self)
{
  g_return_val_if_fail (BPL_IS_SESSION (self), FALSE);
  return self->heat_maps;
}

void
bpl_session_set_heat_maps (BplSession *self,
                           gboolean    heat_maps)
{
  g_return_if_fail (BPL_IS_SESSION (self));
  set_boolean (self, &self->heat_maps, heat_maps, PROP_HEAT_MAPS);
}

gboolean
bpl_session_get_discretize (BplSession *self)
{
  g_return_val_if_fail (BPL_IS_SESSION (self), FALSE);
  return self->discretize;
}

void
bpl_session_set_discretize (BplSession *self,
                            gboolean    discretize)
{
  g_return_if_fail (BPL_IS_SESSION (self));
  set_boolean (self, &self->discretize, discretize, PROP_DISCRETIZE);
}

gint
bpl_session_get_data_output (BplSession *self)
{
  g_return_val_if_fail (BPL_IS_SESSION (self), -1);
  return self->data_output;
}

void
bpl_session_set_data_output (BplSession *self,
                             gint        output)
{
  g_return_if_fail (BPL_IS_SESSION (self));

  if (output < -1 || output >= (gint) bpl_network_get_n_outputs (bpl_session_get_network (self)))
    output = -1;
  if (self->data_output == output)
    return;
  self->data_output = output;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_OUTPUT]);
}

guint
bpl_session_get_point_class (BplSession *self)
{
  g_return_val_if_fail (BPL_IS_SESSION (self), 0);
  return self->point_class;
}

void
bpl_session_set_point_class (BplSession *self,
                             guint       point_class)
{
  g_return_if_fail (BPL_IS_SESSION (self));

  if (self->point_class == point_class)
    return;
  self->point_class = point_class;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POINT_CLASS]);
}

gboolean
bpl_session_get_log_scale (BplSession *self)
{
  g_return_val_if_fail (BPL_IS_SESSION (self), FALSE);
  return self->log_scale;
}

void
bpl_session_set_log_scale (BplSession *self,
                           gboolean    log_scale)
{
  g_return_if_fail (BPL_IS_SESSION (self));

  log_scale = !!log_scale;
  if (self->log_scale == log_scale)
    return;
  self->log_scale = log_scale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_SCALE]);
}

char *
bpl_session_describe_hit (BplSession   *self,
                          BplHit        hit,
                          int           digits,
                          BplExprStyle  style)
{
  const BplNetwork *net;
  g_autofree char *value = NULL;
  g_autofree char *grad = NULL;
  g_autofree char *total = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (BPL_IS_SESSION (self), NULL);

  if (hit.kind == BPL_HIT_NONE || !hit_valid (self, hit))
    return NULL;
  net = bpl_session_get_network (self);
  total = bpl_format_name ("E", "total", style);
  switch (hit.kind)
    {
    case BPL_HIT_WEIGHT:
      {
        g_autofree char *src = bpl_format_split_name (
          bpl_network_get_neuron_name (net, bpl_network_get_weight_source (net, hit.index)), style);
        g_autofree char *dst = bpl_format_split_name (
          bpl_network_get_neuron_name (net, bpl_network_get_weight_target (net, hit.index)), style);

        name = bpl_format_split_name (bpl_network_get_weight_name (net, hit.index), style);
        value = bpl_format_number_display (bpl_network_get_weight (net, hit.index), digits);
        grad = bpl_format_number_display (self->weight_gradient[hit.index], digits);
        /* Translators: weight, source and target neuron, value, E_total, weight, gradient */
        return g_strdup_printf (_("Weight %s from %s to %s = %s\n∂%s/∂%s = %s"), name, src, dst,
                                value, total, name, grad);
      }
    case BPL_HIT_BIAS:
      name = bpl_format_split_name (bpl_network_get_bias_name (net, hit.index), style);
      value = bpl_format_number_display (bpl_network_get_bias (net, hit.index), digits);
      grad = bpl_format_number_display (self->bias_gradient[hit.index], digits);
      /* Translators: bias, value, E_total, bias, gradient */
      return g_strdup_printf (_("Bias %s = %s\n∂%s/∂%s = %s"), name, value, total, name, grad);
    case BPL_HIT_NEURON:
      {
        g_autofree char *net_value = bpl_format_number_display (self->forward->net[hit.index], digits);

        name = bpl_format_split_name (bpl_network_get_neuron_name (net, hit.index), style);
        value = bpl_format_number_display (self->forward->out[hit.index], digits);
        if (bpl_network_get_neuron_layer (net, hit.index) == 0)
          return g_strdup_printf (_("Input %s = %s"), name, value);
        return g_strdup_printf (_("Neuron %s: net = %s, out = %s"), name, net_value, value);
      }
    case BPL_HIT_NONE:
    default:
      return NULL;
    }
}

/* GObject */

static void
bpl_session_constructed (GObject *object)
{
  BplSession *self = BPL_SESSION (object);

  G_OBJECT_CLASS (bpl_session_parent_class)->constructed (object);

  g_assert (BPL_IS_DOCUMENT (self->document));
  self->sample = bpl_network_get_current_sample (bpl_session_get_network (self));
  compute (self, TRUE);
  g_signal_connect_object (self->document, "opened", G_CALLBACK (on_opened), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "network-replaced", G_CALLBACK (on_network_replaced), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "values-changed", G_CALLBACK (on_values_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document, "stepped", G_CALLBACK (on_stepped), self, G_CONNECT_SWAPPED);
}

static void
bpl_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BplSession *self = BPL_SESSION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_SELECTION:
      g_value_set_boxed (value, &self->selection);
      break;
    case PROP_HOVER:
      g_value_set_boxed (value, &self->hover);
      break;
    case PROP_EMPHASIS:
      g_value_set_boxed (value, &self->emphasis);
      break;
    case PROP_SAMPLE:
      g_value_set_uint (value, self->sample);
      break;
    case PROP_LOG_SCALE:
      g_value_set_boolean (value, self->log_scale);
      break;
    case PROP_DATA_VIEW:
      g_value_set_boolean (value, self->data_view);
      break;
    case PROP_DATA_OUTPUT:
      g_value_set_int (value, self->data_output);
      break;
    case PROP_DISCRETIZE:
      g_value_set_boolean (value, self->discretize);
      break;
    case PROP_POINT_CLASS:
      g_value_set_uint (value, self->point_class);
      break;
    case PROP_HEAT_MAPS:
      g_value_set_boolean (value, self->heat_maps);
      break;
    case PROP_EMPHASIS_FACTOR:
      g_value_set_int (value, bpl_session_get_emphasis_factor (self));
      break;
    case PROP_GRAPH_WALK:
      g_value_set_int (value, self->graph_walk);
      break;
    case PROP_GRAPH_STEP:
      g_value_set_int (value, self->graph_step);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static BplHit
hit_from_value (const GValue *value)
{
  const BplHit *hit = g_value_get_boxed (value);

  return hit != NULL ? *hit : no_hit;
}

static void
bpl_session_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  BplSession *self = BPL_SESSION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    case PROP_SELECTION:
      bpl_session_set_selection (self, hit_from_value (value));
      break;
    case PROP_HOVER:
      bpl_session_set_hover (self, hit_from_value (value));
      break;
    case PROP_EMPHASIS:
      bpl_session_set_emphasis (self, hit_from_value (value));
      break;
    case PROP_SAMPLE:
      bpl_session_set_sample (self, g_value_get_uint (value));
      break;
    case PROP_LOG_SCALE:
      bpl_session_set_log_scale (self, g_value_get_boolean (value));
      break;
    case PROP_DATA_VIEW:
      bpl_session_set_data_view (self, g_value_get_boolean (value));
      break;
    case PROP_DATA_OUTPUT:
      bpl_session_set_data_output (self, g_value_get_int (value));
      break;
    case PROP_DISCRETIZE:
      bpl_session_set_discretize (self, g_value_get_boolean (value));
      break;
    case PROP_POINT_CLASS:
      bpl_session_set_point_class (self, g_value_get_uint (value));
      break;
    case PROP_HEAT_MAPS:
      bpl_session_set_heat_maps (self, g_value_get_boolean (value));
      break;
    case PROP_EMPHASIS_FACTOR:
      bpl_session_set_emphasis_factor (self, self->emphasis, g_value_get_int (value));
      break;
    case PROP_GRAPH_WALK:
      bpl_session_set_graph_walk (self, g_value_get_int (value));
      break;
    case PROP_GRAPH_STEP:
      bpl_session_set_graph_step (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bpl_session_finalize (GObject *object)
{
  BplSession *self = BPL_SESSION (object);

  g_clear_object (&self->document);
  g_clear_pointer (&self->forward, bpl_forward_free);
  g_clear_pointer (&self->weight_gradient, g_free);
  g_clear_pointer (&self->bias_gradient, g_free);
  g_clear_pointer (&self->heatmap, bpl_heatmap_free);

  g_clear_object (&self->practice);
  G_OBJECT_CLASS (bpl_session_parent_class)->finalize (object);
}

static GParamSpec *
hit_property (const char *name)
{
  return g_param_spec_boxed (name, NULL, NULL, BPL_TYPE_HIT,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
bpl_session_class_init (BplSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = bpl_session_constructed;
  object_class->finalize = bpl_session_finalize;
  object_class->get_property = bpl_session_get_property;
  object_class->set_property = bpl_session_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, BPL_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTION] = hit_property ("selection");
  properties[PROP_HOVER] = hit_property ("hover");
  properties[PROP_EMPHASIS] = hit_property ("emphasis");
  properties[PROP_SAMPLE] =
    g_param_spec_uint ("sample", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOG_SCALE] =
    g_param_spec_boolean ("log-scale", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATA_VIEW] =
    g_param_spec_boolean ("data-view", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATA_OUTPUT] =
    g_param_spec_int ("data-output", NULL, NULL, -1, BPL_MAX_LAYER_SIZE - 1, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISCRETIZE] =
    g_param_spec_boolean ("discretize", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POINT_CLASS] =
    g_param_spec_uint ("point-class", NULL, NULL, 0, BPL_MAX_LAYER_SIZE - 1, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEAT_MAPS] =
    g_param_spec_boolean ("heat-maps", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMPHASIS_FACTOR] =
    g_param_spec_int ("emphasis-factor", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GRAPH_WALK] =
    g_param_spec_int ("graph-walk", NULL, NULL, BPL_SESSION_WALK_NONE, BPL_SESSION_WALK_FORWARD,
                      BPL_SESSION_WALK_NONE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GRAPH_STEP] =
    g_param_spec_int ("graph-step", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A new network, shape or samples: views rebuild. */
  signals[NETWORK_REPLACED] =
    g_signal_new ("network-replaced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Values shown changed (an edit, a step, a past step, another sample). */
  signals[VALUES_CHANGED] =
    g_signal_new ("values-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* One training step was taken: old → new can be shown. */
  signals[STEPPED] =
    g_signal_new ("stepped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bpl_session_init (BplSession *self)
{
  self->data_output = -1;
  self->emphasis_factor = -1;
  self->graph_step = -1;
}

BplSession *
bpl_session_new (BplDocument *document)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (document), NULL);
  return g_object_new (BPL_TYPE_SESSION, "document", document, NULL);
}

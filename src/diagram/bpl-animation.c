/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-animation.c: an animation's frames, each drawn by the render every
 * still export uses. A Step or Play is a run of segments: the start held
 * for one step's time, then each training step's old → new change over its
 * time, as the window animates it (BplRenderState's change_progress). A
 * walk holds each step of the graph's pass for its time. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "bpl-animation.h"

#include <math.h>
#include <string.h>

#include "bpl-error.h"
#include "bpl-forward.h"
#include "bpl-graph-view-private.h"
#include "bpl-graph-view.h"
#include "bpl-layout.h"
#include "bpl-training.h"

/* As `render --view graph`: a whole graph larger than this is not drawn. */
#define MAX_GRAPH_NODES 2000

struct _BplAnimation
{
  BplAnimationOptions options;
  BplLayoutOptions    layout_options;
  BplStyle            style;
  char               *select;
  BplHit              selection;     /* step, play */
  BplNetwork         *start;         /* the caller's network as it was */
  BplNetwork         *work;          /* trained along, frame by frame */
  BplTrainer         *trainer;
  guint               steps_done;    /* training steps taken on @work */
  double             *previous_weights;
  double             *previous_biases;
  BplLayout          *layout;        /* @work's, for its segment */
  BplForward         *forward;
  gint                laid_out_segment;

  BplGraph           *graph;         /* walk */
  BplGraphWalk       *walk;
  BplGraphLayout     *graph_layout;
  gint                graph_selection;

  guint               frames_per_step;
  guint               n_segments;
  cairo_surface_t    *surface;
  gint                drawn_segment; /* what @surface shows; -1 nothing yet */
  double              drawn_progress;
};

static const char *const kind_names[] = { "step", "play", "walk" };

const char *
bpl_animation_kind_to_string (BplAnimationKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
bpl_animation_kind_from_string (const char       *str,
                                BplAnimationKind *out)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (str, kind_names[i]))
      {
        *out = (BplAnimationKind) i;
        return TRUE;
      }
  return FALSE;
}

void
bpl_animation_options_init (BplAnimationOptions *options)
{
  *options = (BplAnimationOptions) {
    .kind = BPL_ANIMATION_STEP,
    .n_steps = 0,
    .step_seconds = 0,
    .fps = 30,
    .width = 1280,
    .height = 720,
    .sample = 0,
    .select = NULL,
    .digits = 4,
    .layout = NULL,
    .direction = BPL_GRAPH_BACKWARD,
  };
}

/* The part of the graph a walk shows, as `render --view graph` picks it. */
static gboolean
make_graph (BplAnimation     *self,
            const BplNetwork *network,
            GError          **error)
{
  g_autoptr (BplGraph) full = bpl_graph_new (network, self->options.sample, error);
  BplGraphLayoutOptions layout_options;
  BplParam param;
  guint neuron;

  if (full == NULL)
    return FALSE;
  if (self->select == NULL)
    {
      if (full->n_nodes > MAX_GRAPH_NODES)
        {
          g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT,
                       _("the whole graph has %u nodes, more than the %u an animation draws; "
                       "choose a part: a weight such as w1, a bias such as b1 or a neuron such as h1"),
                       full->n_nodes, MAX_GRAPH_NODES);
          return FALSE;
        }
      self->graph = g_steal_pointer (&full);
    }
  else if (bpl_network_parse_param (network, self->select, &param, NULL))
    self->graph = bpl_graph_new_for_param (full, network, param, BPL_GRAPH_DEFAULT_PER_LAYER);
  else if (bpl_network_parse_neuron (network, self->select, &neuron))
    self->graph = bpl_graph_new_for_neuron (full, network, neuron, BPL_GRAPH_DEFAULT_PER_LAYER);
  else
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("no parameter or neuron “%s” in this network"), self->select);
      return FALSE;
    }

  self->walk = bpl_graph_walk_new (self->graph, self->options.direction);
  if (self->options.n_steps == 0)
    self->options.n_steps = self->walk->n_steps;
  if (self->options.n_steps > self->walk->n_steps)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("%u steps of the %s pass asked for: this graph's has %u"),
                   self->options.n_steps,
                   self->options.direction == BPL_GRAPH_FORWARD ? "forward" : "backward",
                   self->walk->n_steps);
      return FALSE;
    }
  /* The selected parameter or neuron stands out, as in the diagram. */
  self->graph_selection = -1;
  if (self->graph->focus == BPL_GRAPH_PARAM)
    self->graph_selection = bpl_graph_find_param (self->graph, self->graph->param);
  else if (self->graph->focus == BPL_GRAPH_NEURON)
    self->graph_selection = bpl_graph_find_neuron (self->graph, self->graph->neuron);
  bpl_graph_layout_options_init (&layout_options);
  layout_options.digits = self->options.digits;
  self->graph_layout = bpl_graph_layout_new (self->graph, &layout_options);
  return TRUE;
}

static gboolean
check_options (const BplAnimationOptions *o,
               const BplNetwork          *network,
               GError                   **error)
{
  if (o->width < BPL_ANIMATION_MIN_SIDE || o->height < BPL_ANIMATION_MIN_SIDE
      || o->width > BPL_ANIMATION_MAX_SIDE || o->height > BPL_ANIMATION_MAX_SIDE)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT,
                   _("the size must be from %d to %d pixels a side, not %u×%u"),
                   BPL_ANIMATION_MIN_SIDE, BPL_ANIMATION_MAX_SIDE, o->width, o->height);
      return FALSE;
    }
  if (!isfinite (o->fps) || o->fps < 1 || o->fps > BPL_ANIMATION_MAX_FPS)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT,
                   _("the frame rate must be from 1 to %g frames a second, not %g"),
                   BPL_ANIMATION_MAX_FPS, o->fps);
      return FALSE;
    }
  if (!isfinite (o->step_seconds) || o->step_seconds < 0 || o->step_seconds > 60)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT,
                   _("a step is shown for 0 to 60 seconds, not %g"), o->step_seconds);
      return FALSE;
    }
  if (o->n_steps > BPL_ANIMATION_MAX_STEPS || (o->kind == BPL_ANIMATION_STEP && o->n_steps > 1))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT,
                   o->kind == BPL_ANIMATION_STEP ? "a step animation shows one step, not %u"
                                                 : "at most %u steps, not %u",
                   o->kind == BPL_ANIMATION_STEP ? o->n_steps : BPL_ANIMATION_MAX_STEPS,
                   o->n_steps);
      return FALSE;
    }
  if (o->digits < 1 || o->digits > 17)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("digits must be from 1 to 17, not %d"), o->digits);
      return FALSE;
    }
  if (o->sample >= bpl_network_get_n_samples (network))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("sample %u does not exist: the network has %u"), o->sample + 1,
                   bpl_network_get_n_samples (network));
      return FALSE;
    }
  return TRUE;
}

BplAnimation *
bpl_animation_new (const BplNetwork          *network,
                   const BplAnimationOptions *options,
                   const BplStyle            *style,
                   GError                   **error)
{
  g_autoptr (BplAnimation) self = NULL;
  guint64 n_frames;

  g_return_val_if_fail (network != NULL && options != NULL && style != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_options (options, network, error))
    return NULL;

  self = g_new0 (BplAnimation, 1);
  self->options = *options;
  self->style = *style;
  self->select = g_strdup (options->select);
  self->options.select = self->select;
  if (options->layout != NULL)
    self->layout_options = *options->layout;
  else
    {
      bpl_layout_options_init (&self->layout_options);
      self->layout_options.digits = options->digits;
    }
  self->options.layout = &self->layout_options;
  self->start = bpl_network_copy (network);
  self->laid_out_segment = -1;
  self->drawn_segment = -1;
  if (self->options.step_seconds == 0)
    self->options.step_seconds = options->kind == BPL_ANIMATION_WALK ? 1 : 2;
  self->frames_per_step = MAX (1, (guint) lround (self->options.step_seconds * self->options.fps));

  if (options->kind == BPL_ANIMATION_WALK)
    {
      if (!make_graph (self, network, error))
        return NULL;
      self->n_segments = self->options.n_steps;
    }
  else
    {
      BplParam param;
      guint neuron;

      if (options->kind == BPL_ANIMATION_STEP)
        self->options.n_steps = 1;
      else if (self->options.n_steps == 0)
        self->options.n_steps = 5;
      self->selection.kind = BPL_HIT_NONE;
      if (self->select != NULL)
        {
          if (bpl_network_parse_param (network, self->select, &param, NULL))
            {
              self->selection.kind = param.kind == BPL_PARAM_WEIGHT ? BPL_HIT_WEIGHT : BPL_HIT_BIAS;
              self->selection.index = param.index;
            }
          else if (bpl_network_parse_neuron (network, self->select, &neuron))
            {
              self->selection.kind = BPL_HIT_NEURON;
              self->selection.index = neuron;
            }
          else
            {
              g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                           _("no parameter or neuron “%s” in this network"), self->select);
              return NULL;
            }
        }
      self->work = bpl_network_copy (network);
      self->trainer = bpl_trainer_new (self->work);
      self->previous_weights = g_new0 (double, MAX (1, bpl_network_get_n_weights (network)));
      self->previous_biases = g_new0 (double, MAX (1, bpl_network_get_n_biases (network)));
      self->forward = bpl_forward_new (network);
      /* The start, then each step. */
      self->n_segments = self->options.n_steps + 1;
    }

  n_frames = (guint64) self->n_segments * self->frames_per_step;
  if (n_frames > BPL_ANIMATION_MAX_FRAMES)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT,
                   _("%" PRIu64 " frames is more than the %u an animation may have: "
                     "fewer steps, a shorter time a step or fewer frames a second"),
                   n_frames, BPL_ANIMATION_MAX_FRAMES);
      return NULL;
    }

  self->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) options->width,
                                              (int) options->height);
  if (cairo_surface_status (self->surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT, _("no memory for a %u×%u frame"),
                   options->width, options->height);
      return NULL;
    }
  return g_steal_pointer (&self);
}

void
bpl_animation_free (BplAnimation *self)
{
  if (self == NULL)
    return;
  g_free (self->select);
  g_clear_pointer (&self->start, bpl_network_free);
  g_clear_pointer (&self->work, bpl_network_free);
  g_clear_pointer (&self->trainer, bpl_trainer_free);
  g_free (self->previous_weights);
  g_free (self->previous_biases);
  g_clear_pointer (&self->layout, bpl_layout_free);
  g_clear_pointer (&self->forward, bpl_forward_free);
  g_clear_pointer (&self->graph_layout, bpl_graph_layout_free);
  g_clear_pointer (&self->walk, bpl_graph_walk_free);
  g_clear_pointer (&self->graph, bpl_graph_free);
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_free (self);
}

guint
bpl_animation_get_n_frames (const BplAnimation *self)
{
  return self->n_segments * self->frames_per_step;
}

guint
bpl_animation_get_n_steps (const BplAnimation *self)
{
  return self->options.n_steps;
}

double
bpl_animation_get_fps (const BplAnimation *self)
{
  return self->options.fps;
}

guint
bpl_animation_get_width (const BplAnimation *self)
{
  return self->options.width;
}

guint
bpl_animation_get_height (const BplAnimation *self)
{
  return self->options.height;
}

/* Brings @work to @n_steps training steps from the start, keeping the
 * values before the last one for its old → new. */
static gboolean
train_to (BplAnimation *self,
          guint         n_steps,
          GError      **error)
{
  if (n_steps < self->steps_done)
    {
      bpl_network_free (self->work);
      self->work = bpl_network_copy (self->start);
      self->steps_done = 0;
    }
  while (self->steps_done < n_steps)
    {
      if (!bpl_trainer_step (self->trainer, self->work, error))
        return FALSE;
      self->steps_done++;
    }
  if (n_steps > 0)
    {
      memcpy (self->previous_weights, bpl_trainer_get_previous_weights (self->trainer),
              bpl_network_get_n_weights (self->work) * sizeof (double));
      memcpy (self->previous_biases, bpl_trainer_get_previous_biases (self->trainer),
              bpl_network_get_n_biases (self->work) * sizeof (double));
    }
  return TRUE;
}

static void
clear_surface (cairo_t *cr)
{
  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_restore (cr);
}

static gboolean
draw_training (BplAnimation *self,
               cairo_t      *cr,
               guint         segment,
               double        progress,
               GError      **error)
{
  BplRenderState state;

  if ((gint) segment != self->laid_out_segment)
    {
      if (!train_to (self, segment, error))
        return FALSE;
      /* Labels change width with their values: lay out as a still export of
       * this network would (the window's fits presentation mode's text). */
      g_clear_pointer (&self->layout, bpl_layout_free);
      self->layout = bpl_layout_new_fitted (self->work, self->options.width, self->options.height,
                                            &self->layout_options);
      bpl_forward_compute (self->forward, self->work, self->options.sample);
      self->laid_out_segment = (gint) segment;
    }

  bpl_render_state_init (&state);
  state.selection = self->selection;
  state.sample = self->options.sample;
  if (segment > 0 && progress < 1.0)
    {
      state.previous_weights = self->previous_weights;
      state.previous_biases = self->previous_biases;
      state.change_progress = progress;
    }
  bpl_render (cr, self->work, self->forward, self->layout, &self->style, &state);
  return TRUE;
}

static void
draw_walk (BplAnimation *self,
           cairo_t      *cr,
           guint         segment)
{
  BplGraphRenderState state;

  bpl_graph_render_state_init (&state);
  state.selection = self->graph_selection;
  state.walk = self->walk;
  state.position = (gint) segment;
  _bpl_graph_render_fitted (cr, self->graph, self->graph_layout, &self->style, &state,
                            self->options.width, self->options.height);
}

cairo_surface_t *
bpl_animation_render_frame (BplAnimation *self,
                            guint         frame,
                            GError      **error)
{
  guint segment, in_segment;
  double progress;
  gboolean ok = TRUE;
  cairo_t *cr;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (frame < bpl_animation_get_n_frames (self), NULL);

  segment = frame / self->frames_per_step;
  in_segment = frame % self->frames_per_step;
  /* The start and a walk's steps are held; a training step's change runs
   * to done (1) at its segment's last frame. */
  if (self->options.kind == BPL_ANIMATION_WALK || segment == 0)
    progress = 1.0;
  else
    progress = (double) (in_segment + 1) / self->frames_per_step;

  /* A held frame is the one before it. */
  if ((gint) segment == self->drawn_segment && progress == self->drawn_progress)
    return self->surface;

  cr = cairo_create (self->surface);
  clear_surface (cr);
  if (self->options.kind == BPL_ANIMATION_WALK)
    draw_walk (self, cr, segment);
  else
    ok = draw_training (self, cr, segment, progress, error);
  cairo_destroy (cr);
  cairo_surface_flush (self->surface);
  if (!ok)
    {
      self->drawn_segment = -1;
      return NULL;
    }
  self->drawn_segment = (gint) segment;
  self->drawn_progress = progress;
  return self->surface;
}

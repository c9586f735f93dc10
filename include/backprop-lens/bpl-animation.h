/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-animation.h: the frames of an animation, for a GIF or a video: a
 * training Step as the window shows it (old → new), Play of N steps, or the
 * computational graph's backward (or forward) pass one step at a time. Each
 * frame is drawn by the one render function (bpl_render, bpl_graph_render)
 * at the animation's size, so the first and the last frame are the pictures
 * `render` writes of the start and the end. Cairo, no GTK. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "bpl-graph.h"
#include "bpl-network.h"
#include "bpl-render.h"

G_BEGIN_DECLS

typedef enum {
  BPL_ANIMATION_STEP,   /* one training step */
  BPL_ANIMATION_PLAY,   /* n_steps training steps, one after another */
  BPL_ANIMATION_WALK,   /* the computational graph's pass, step by step */
} BplAnimationKind;

const char *bpl_animation_kind_to_string   (BplAnimationKind kind);
gboolean    bpl_animation_kind_from_string (const char *str, BplAnimationKind *out);

#define BPL_ANIMATION_MIN_SIDE 16
#define BPL_ANIMATION_MAX_SIDE 4096
#define BPL_ANIMATION_MAX_FPS 60.0
#define BPL_ANIMATION_MAX_STEPS 1000
/* More frames than this (10 minutes at 60 fps) is refused. */
#define BPL_ANIMATION_MAX_FRAMES 36000

typedef struct {
  BplAnimationKind  kind;
  guint             n_steps;      /* play: training steps (default 5); walk: the pass's
                                   * first n_steps (0, the default: all); step: 1 */
  double            step_seconds; /* how long each step is shown (default 2, the
                                   * window's old → new; 1 for a walk) */
  double            fps;          /* frames a second (default 30) */
  guint             width, height;/* pixels (default 1280×720) */
  guint             sample;       /* the sample shown, from 0 */
  const char       *select;       /* "w3", "b1" (its path lit), "h1" (walk only: that
                                   * neuron's part of the graph), or NULL */
  int               digits;       /* significant digits shown (default 4) */
  const BplLayoutOptions *layout; /* the diagram's options (the window's, with
                                   * presentation mode's text size), or NULL
                                   * for the defaults with @digits */
  BplGraphDirection direction;    /* walk: backward (default) or forward */
} BplAnimationOptions;

void bpl_animation_options_init (BplAnimationOptions *options);

typedef struct _BplAnimation BplAnimation;

/* Checks @options against @network (the error says what is wrong) and takes
 * a copy of @network: training the animation never changes it. */
BplAnimation    *bpl_animation_new          (const BplNetwork          *network,
                                             const BplAnimationOptions *options,
                                             const BplStyle            *style,
                                             GError                   **error);
void             bpl_animation_free         (BplAnimation *self);

guint            bpl_animation_get_n_frames (const BplAnimation *self);
/* The steps shown: the training steps, or the walk's (all of them when
 * n_steps was 0). */
guint            bpl_animation_get_n_steps  (const BplAnimation *self);
double           bpl_animation_get_fps      (const BplAnimation *self);
guint            bpl_animation_get_width    (const BplAnimation *self);
guint            bpl_animation_get_height   (const BplAnimation *self);

/* Frame @frame (from 0) as an opaque CAIRO_FORMAT_ARGB32 image of the
 * animation's size, owned by @self and valid until the next call. Frames in
 * order are cheapest (training goes forward); going back starts again from
 * the copy. NULL with an error when a training step is refused (it would
 * diverge). Frame 0 is the start (before any step; a walk: its first step),
 * the last frame the end (after the last step, the change shown as done). */
cairo_surface_t *bpl_animation_render_frame (BplAnimation *self,
                                             guint         frame,
                                             GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplAnimation, bpl_animation_free)

G_END_DECLS

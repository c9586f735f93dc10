/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-layout.h: where everything of the diagram goes, for a canvas size in
 * logical pixels. A pure function of network, size and options: the window,
 * every export and `backprop-lens-cli layout` use the same layout, and
 * hit-testing is a function of it alone. Text is measured with PangoCairo at
 * a fixed resolution, so the window and the files agree. */
#pragma once

#include <glib.h>

#include "bpl-network.h"

G_BEGIN_DECLS

typedef struct {
  double x, y, width, height;
} BplRect;

typedef struct {
  int      digits;             /* significant digits of values on the canvas (default 4) */
  gboolean show_labels;        /* weight labels (default TRUE) */
  gboolean width_by_magnitude; /* edge width by |w| (default FALSE) */
  double   font_scale;         /* 1.0; larger for presentation */
} BplLayoutOptions;

void bpl_layout_options_init (BplLayoutOptions *options);

typedef struct {
  double  x, y, radius;        /* the circle */
  BplRect name_box;            /* "h₁" inside the circle */
  BplRect value_box;           /* out value below the name */
  BplRect extra_box;           /* outputs: target and E_o; per-neuron bias: its value; else empty */
} BplNeuronLayout;

typedef struct {
  double   x1, y1, x2, y2;     /* the edge segment, source circle to target circle */
  BplRect  label;              /* "w3 = 0.25" box (top-left corner + size) */
  gboolean label_shown;        /* FALSE when too dense: shown only for selection and hover */
} BplWeightLayout;

typedef struct {
  double   x, y, radius;       /* a shared bias node; per-neuron: the value's spot (radius 0),
                                * or a knob on top of the neuron when its label is hidden */
  BplRect  label;              /* "b1 = 0.35" */
  gboolean label_shown;        /* FALSE when too dense: shown only for selection and hover */
} BplBiasLayout;

typedef struct {
  double            width, height;
  BplLayoutOptions  options;
  guint             n_neurons, n_weights, n_biases, n_outputs;
  BplNeuronLayout  *neurons;
  BplWeightLayout  *weights;
  BplBiasLayout    *biases;
  BplRect           total_error_box;
  gboolean          dense;     /* labels give way: not every weight label is shown */
  double            neuron_text_scale; /* names and values in the neurons: 1, or smaller
                                        * where the columns are crowded */
  double            label_text_scale;  /* weight and bias labels: 1, or smaller where
                                        * presentation's larger size would lose one */
  guint             n_layers;
  BplRect          *layer_boxes; /* "Input layer" … above each column; empty if no room */
  guint             caption_lines; /* 1: "Hidden layer 1 · sigmoid"; 2: the activation
                                    * under the name; 0: no captions */
} BplLayout;

BplLayout *bpl_layout_new  (const BplNetwork       *network,
                            double                  width,
                            double                  height,
                            const BplLayoutOptions *options);
void       bpl_layout_free (BplLayout *self);

/* As bpl_layout_new (), with text as large as @options->font_scale asks but
 * no larger than loses nothing the normal size (font_scale 1) shows: neuron
 * names and values, targets and errors, captions, weight and bias labels.
 * The labels, which need room between the edges, may stay smaller than the
 * rest (label_text_scale). Presentation mode asks for large text; a
 * projector's low resolution must not cost the numbers. */
BplLayout *bpl_layout_new_fitted (const BplNetwork       *network,
                                  double                  width,
                                  double                  height,
                                  const BplLayoutOptions *options);

typedef enum {
  BPL_HIT_NONE,
  BPL_HIT_WEIGHT,
  BPL_HIT_BIAS,
  BPL_HIT_NEURON,
} BplHitKind;

typedef struct {
  BplHitKind kind;
  guint      index;   /* weight, bias or neuron number */
} BplHit;

/* What is at (x, y): a weight's edge (within a few pixels) or its label, a
 * bias node or label, a neuron, or nothing. */
BplHit     bpl_layout_hit_test (const BplLayout *self, double x, double y);

/* The layout as JSON (the shape `backprop-lens-cli layout` prints). */
char      *bpl_layout_to_json  (const BplLayout *self, const BplNetwork *network);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplLayout, bpl_layout_free)

G_END_DECLS

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
  double   x, y, radius;       /* the circle; a hidden neuron's are its layer's ellipsis's */
  BplRect  name_box;           /* "h₁" inside the circle */
  BplRect  value_box;          /* out value below the name */
  BplRect  extra_box;          /* outputs: target and E_o; per-neuron bias: its value; else empty */
  gboolean hidden;             /* in a column of more neurons than fit: the ellipsis stands
                                * for it, and it is neither drawn nor hit */
} BplNeuronLayout;

typedef struct {
  double   x1, y1, x2, y2;     /* the edge segment, source circle to target circle */
  BplRect  label;              /* "w3 = 0.25" box (top-left corner + size) */
  gboolean label_shown;        /* FALSE when too dense: shown only for selection and hover */
  gboolean hidden;             /* from or to a hidden neuron: drawn, to its ellipsis, only
                                * when selected or on the selection's path; never hit */
} BplWeightLayout;

/* A column of more neurons than fit shows its first and last neurons and,
 * between them, an ellipsis for the rest: "⋮" and "776 more". */
typedef struct {
  double   x, y, radius;       /* the "⋮"; radius 0 when the column shows every neuron */
  BplRect  label;              /* "776 more" */
  guint    first_hidden;       /* the first neuron it stands for (global number) */
  guint    n_hidden;
} BplEllipsisLayout;

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
  BplEllipsisLayout *ellipses;   /* per layer */
  guint             n_hidden_neurons;
  gboolean          many_edges;  /* too many edges to read one by one: their opacity and
                                  * width follow |w|, the strongest drawn last */
  gboolean          by_shape;    /* a large network's: made from its shape alone (every label
                                  * box on a template), so a change of values, a Step, leaves
                                  * it right */
  /* A square number of inputs (64 = 8×8, 784 = 28×28) is an image: */
  guint             image_side;  /* its side, or 0 */
  BplRect           input_image; /* the shown sample's inputs, left of the input column;
                                  * empty when there is no room */
  BplRect          *neuron_images; /* per neuron: a first hidden layer neuron's incoming
                                    * weights as an image beside it, else empty */
  gpointer          index;       /* private: where the edges are, for hit-testing */
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
 * bias node or label, a neuron, a pixel of the input image (its input
 * neuron) or of a neuron's weight image (that weight), or nothing. Edges
 * are found through a grid: the cost does not grow with their number. */
BplHit     bpl_layout_hit_test (const BplLayout *self, double x, double y);

/* The pixel of an image at (x, y) in @image, a square of @side × @side
 * pixels, row by row: -1 outside. */
gint       bpl_image_pixel_at  (const BplRect *image, guint side, double x, double y);

/* The layout as JSON (the shape `backprop-lens-cli layout` prints). */
char      *bpl_layout_to_json  (const BplLayout *self, const BplNetwork *network);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplLayout, bpl_layout_free)

G_END_DECLS

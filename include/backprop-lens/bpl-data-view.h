/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-data-view.h: what the network learned, beside the diagram. With two
 * inputs, an output (or the arg-max class of a softmax layer) as a heat-map
 * over the input plane, with the training points filled and the test
 * points outlined; with one input, the network's function as a curve
 * through the points. Laid out, drawn and hit-tested like the diagram: the
 * layout is a pure function of network, options and size, and the same
 * render draws the window and every export. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "bpl-heatmap.h"
#include "bpl-layout.h"
#include "bpl-network.h"
#include "bpl-render.h"

G_BEGIN_DECLS

/* The output chooser's "class": the arg-max of a softmax layer. */
#define BPL_DATA_VIEW_ARGMAX G_MAXUINT

typedef struct {
  guint    output;      /* output number from 0, or BPL_DATA_VIEW_ARGMAX (the default for a
                         * softmax output layer; otherwise output 0) */
  gboolean discretize;  /* class colours only, no shades of confidence */
  double   font_scale;  /* 1.0; larger for presentation */
} BplDataViewOptions;

void bpl_data_view_options_init (BplDataViewOptions *options,
                                 const BplNetwork   *network);

typedef enum {
  BPL_DATA_POINT_NONE,
  BPL_DATA_POINT_SAMPLE,  /* a training sample */
  BPL_DATA_POINT_TEST,    /* a test sample */
} BplDataPointKind;

typedef struct {
  BplDataPointKind kind;
  guint            index;
} BplDataPoint;

typedef struct {
  double   width, height;
  guint    n_inputs;     /* 1 or 2; 0: a network of more inputs, shown as a note */
  guint    output;       /* what is shown, as in the options, made valid */
  gboolean argmax;
  gboolean discretize;
  double   font_size;
  BplRect  title;        /* "o₁ over the input plane" */
  BplRect  plot;         /* the heat-map or the curve's frame */
  /* The part of the plane shown: with two inputs x is input 1 and y input
   * 2; with one, x is the input and y the output. */
  double   x_min, x_max, y_min, y_max;
  double   x_tick, y_tick;    /* a tick and a number every this much */
  /* The shown output's colour scale: the negative colour at value_min,
   * the background at the middle, the positive colour at value_max (the
   * activation's range, or the targets' for an unbounded one). */
  double   value_min, value_max;
  double   point_radius;
  BplRect  x_label, y_label;  /* the axes' names */
  BplRect  legend;       /* what the colours mean, right of or below the plot */
  guint    grid_cols, grid_rows; /* the heat-map's grid for this plot: Cairo scales it up */
} BplDataViewLayout;

BplDataViewLayout *bpl_data_view_layout_new  (const BplNetwork         *network,
                                              const BplDataViewOptions *options,
                                              double                    width,
                                              double                    height);
void               bpl_data_view_layout_free (BplDataViewLayout *self);

/* Input (or output) coordinates to the canvas and back. */
void bpl_data_view_to_canvas (const BplDataViewLayout *self,
                              double                   x,
                              double                   y,
                              double                  *px,
                              double                  *py);
void bpl_data_view_from_canvas (const BplDataViewLayout *self,
                                double                   px,
                                double                   py,
                                double                  *x,
                                double                  *y);

/* Where point @point of @network is drawn; FALSE when it is not. */
gboolean bpl_data_view_point_position (const BplDataViewLayout *self,
                                       const BplNetwork        *network,
                                       BplDataPoint             point,
                                       double                  *px,
                                       double                  *py);

/* The point under (px, py) (the nearest within its radius and a little),
 * or kind NONE. */
BplDataPoint bpl_data_view_hit_test (const BplDataViewLayout *self,
                                     const BplNetwork        *network,
                                     double                   px,
                                     double                   py);

/* TRUE when (px, py) is inside the plot. */
gboolean bpl_data_view_in_plot (const BplDataViewLayout *self,
                                double                   px,
                                double                   py);

/* The layout as JSON: size, plot, range, output shown. */
char *bpl_data_view_layout_to_json (const BplDataViewLayout *self);

/* The class of a target vector as the view colours it: for the arg-max view
 * the largest target's number; otherwise 1 when the shown output's target
 * is at or above the middle of its scale, else 0. */
guint bpl_data_view_target_class (const BplDataViewLayout *self,
                                  const BplNetwork        *network,
                                  const double            *target);

/* What the view draws beyond the network: the sample shown (outlined in
 * the accent colour) and the point under the pointer. */
typedef struct {
  BplDataPoint selected;
  BplDataPoint hover;
} BplDataViewState;

void bpl_data_view_state_init (BplDataViewState *state);

/* The part of the input plane the data view shows for @network's points:
 * [−1, 1]² and a tenth more when they lie in it, else their own range and
 * a tenth more. With one input, y_min and y_max are −1 and 1. */
void bpl_data_view_input_range (const BplNetwork *network,
                                double           *x_min,
                                double           *x_max,
                                double           *y_min,
                                double           *y_max);

/* A heat-map of @network over that range on a grid of @side × @side (one
 * row for one input), computed; NULL for more than two inputs. What the
 * window keeps for the data view and the neurons' pictures. */
BplHeatmap *bpl_data_view_heatmap_new (const BplNetwork *network,
                                       guint             side);

/* Draws the view. @heatmap may be NULL, or one of @network's shape over
 * the layout's range (any grid), already computed (the window keeps one
 * and computes it once a step); otherwise the render computes its own. */
void bpl_render_data_view (cairo_t                 *cr,
                           const BplNetwork        *network,
                           const BplDataViewLayout *layout,
                           const BplHeatmap        *heatmap,
                           const BplStyle          *style,
                           const BplDataViewState  *state);

/* Makes @heatmap's range and grid the layout's (a new one when @heatmap is
 * NULL or of another grid) and computes it. */
BplHeatmap *bpl_data_view_update_heatmap (const BplDataViewLayout *layout,
                                          const BplNetwork        *network,
                                          BplHeatmap              *heatmap);

/* The colour of a value of neuron @neuron on its scale: the background at
 * the middle of its activation's range (0 for tanh, ½ for sigmoid), the
 * positive colour above, the negative one below. @max_abs: for unbounded
 * activations, the largest |value| in view. */
BplColor bpl_data_view_neuron_color (const BplStyle   *style,
                                     const BplNetwork *network,
                                     guint             neuron,
                                     double            value,
                                     double            max_abs);

/* Neuron @neuron's plane of @heatmap as a small picture in @rect (the
 * diagram's neuron heat-maps), bilinearly scaled, with a thin frame. */
void bpl_render_neuron_heatmap (cairo_t          *cr,
                                const BplNetwork *network,
                                const BplHeatmap *heatmap,
                                guint             neuron,
                                const BplRect    *rect,
                                const BplStyle   *style);

/* Writes the view as PNG (at @scale), SVG or PDF, atomically. */
gboolean bpl_export_data_view (const BplNetwork        *network,
                               const BplDataViewLayout *layout,
                               const BplStyle          *style,
                               const BplDataViewState  *state,
                               double                   scale,
                               BplExportFormat          format,
                               const char              *path,
                               GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplDataViewLayout, bpl_data_view_layout_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-heatmap.h: every neuron's output over a grid of the input plane at
 * once, for the data view's heat-map and the diagram's neuron pictures
 * (TensorFlow Playground's signature). The grid is evaluated layer by layer
 * over all its points together, each neuron's plane contiguous, in buffers
 * made once: computing it again after a training step allocates nothing.
 *
 * A grid point (c, r) is the centre of cell c of @cols across [x_min,
 * x_max] and of cell r of @rows down from y_max: an image of cols × rows
 * pixels scaled onto the plot puts each value at its pixel's centre. With
 * one input the grid is one row along x (y is not used). */
#pragma once

#include <glib.h>

#include "bpl-network.h"

G_BEGIN_DECLS

/* A side of the grid: at most this many points. */
#define BPL_HEATMAP_MAX_SIDE 1024

typedef struct {
  guint   n_neurons;
  guint   cols, rows;     /* rows is 1 for a network of one input */
  double  x_min, x_max, y_min, y_max;
  /* out of neuron n at point (c, r): out[n·cols·rows + r·cols + c]; the
   * input neurons' planes hold the inputs themselves. */
  double *out;
  double *scratch;        /* net of one layer over the grid, and softmax rows */
} BplHeatmap;

/* A grid of @cols × @rows (1 to BPL_HEATMAP_MAX_SIDE; rows is taken as 1 for
 * a one-input network) for networks of @network's shape, over [−1, 1]².
 * NULL when the network has more than two inputs. */
BplHeatmap *bpl_heatmap_new        (const BplNetwork *network,
                                    guint             cols,
                                    guint             rows);
void        bpl_heatmap_free       (BplHeatmap *self);

/* The part of the input plane the grid covers (min < max, finite). */
void        bpl_heatmap_set_range  (BplHeatmap *self,
                                    double      x_min,
                                    double      x_max,
                                    double      y_min,
                                    double      y_max);

/* Runs the forward pass at every grid point; @network must have the shape
 * @self was made for. Allocates nothing; gives the same numbers as
 * bpl_forward_compute () on those inputs. */
void        bpl_heatmap_compute    (BplHeatmap       *self,
                                    const BplNetwork *network);

/* Neuron @neuron's plane, cols × rows values row by row from the top. */
const double *bpl_heatmap_get_plane (const BplHeatmap *self,
                                     guint             neuron);

/* The input of grid column @c (x) and row @r (y). */
double      bpl_heatmap_x          (const BplHeatmap *self,
                                    guint             c);
double      bpl_heatmap_y          (const BplHeatmap *self,
                                    guint             r);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplHeatmap, bpl_heatmap_free)

G_END_DECLS

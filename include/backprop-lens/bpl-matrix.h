/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-matrix.h: the weights between two layers at once, as a heat map: a
 * row for each neuron of the layer, a column for each neuron of the layer
 * before, each cell coloured by its weight on a scale from the negative
 * colour through the background (0) to the positive one. Where a network
 * has too many edges to follow one by one, this is where a teacher points.
 * Laid out, drawn and hit-tested like the diagram: the layout is a pure
 * function of network, layer and size, and a cell is a weight. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "bpl-layout.h"
#include "bpl-network.h"
#include "bpl-render.h"

G_BEGIN_DECLS

typedef struct {
  double   width, height;
  guint    layer;            /* the weights into this layer, 1 … n_layers − 1 */
  guint    n_rows, n_cols;   /* its neurons × the layer before's */
  guint    first_weight;     /* row r, column c is weight first_weight + r·n_cols + c:
                              * the weights' own order */
  guint    first_row_neuron; /* the neuron of row 0 (global number) */
  guint    first_col_neuron; /* the neuron of column 0 */
  BplRect  title;            /* "Weights into hidden layer 1" */
  BplRect  grid;             /* the cells */
  double   cell_width, cell_height;
  guint    row_step, col_step; /* every row_step-th row and col_step-th column named */
  double   row_label_width;  /* names right-aligned in this much left of the grid */
  double   col_label_height; /* names above the grid */
  BplRect  legend;           /* the colour scale, +max at the top, −max at the bottom */
  BplRect  legend_labels[3]; /* "+0.873", "0", "−0.873" */
  BplRect  sign_note;        /* "− negative", when cells are marked; else empty */
  gboolean marks;            /* cells large enough for a "−" on the negative ones, so that
                              * the sign never depends on colour alone */
} BplMatrixLayout;

/* NULL when @layer has no weights into it (0 or beyond the last layer). */
BplMatrixLayout *bpl_matrix_layout_new  (const BplNetwork *network,
                                         guint             layer,
                                         double            width,
                                         double            height);
void             bpl_matrix_layout_free (BplMatrixLayout *self);

/* The weight whose cell is at (x, y), or BPL_HIT_NONE. */
BplHit           bpl_matrix_layout_hit_test (const BplMatrixLayout *self,
                                             double                 x,
                                             double                 y);

/* Weight @weight's cell; FALSE when it is not in this matrix. */
gboolean         bpl_matrix_layout_cell     (const BplMatrixLayout *self,
                                             guint                  weight,
                                             BplRect               *cell);

/* Draws the matrix. @state's selection and hover are outlined when they
 * are weights of this matrix; its other fields are not used. */
void             bpl_render_matrix (cairo_t               *cr,
                                    const BplNetwork      *network,
                                    const BplMatrixLayout *layout,
                                    const BplStyle        *style,
                                    const BplRenderState  *state);

/* Writes it as PNG (at @scale), SVG or PDF, atomically. */
gboolean         bpl_export_matrix (const BplNetwork      *network,
                                    const BplMatrixLayout *layout,
                                    const BplStyle        *style,
                                    const BplRenderState  *state,
                                    double                 scale,
                                    BplExportFormat        format,
                                    const char            *path,
                                    GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplMatrixLayout, bpl_matrix_layout_free)

G_END_DECLS

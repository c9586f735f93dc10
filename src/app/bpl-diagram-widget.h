/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-diagram-widget.h: the network diagram. Owns no drawing code: it asks
 * the diagram layer for a layout of its own size and renders with the same
 * function every export uses. */
#pragma once

#include "bpl-view.h"

G_BEGIN_DECLS

#define BPL_TYPE_DIAGRAM_WIDGET (bpl_diagram_widget_get_type ())
G_DECLARE_FINAL_TYPE (BplDiagramWidget, bpl_diagram_widget, BPL, DIAGRAM_WIDGET, BplView)

void             bpl_diagram_widget_set_layout_options (BplDiagramWidget       *self,
                                                        const BplLayoutOptions *options);
const BplLayoutOptions *bpl_diagram_widget_get_layout_options (BplDiagramWidget *self);
/* The layout for the current size (NULL before the first allocation). */
const BplLayout *bpl_diagram_widget_get_layout         (BplDiagramWidget *self);
/* How many times a base layer was drawn (kept between frames): for tests. */
guint            bpl_diagram_widget_get_n_base_draws   (BplDiagramWidget *self);
/* The view shown: 0 for the network, else the layer whose incoming weights
 * are shown as a matrix (the "diagram.view" action switches), and its
 * layout (NULL in the network view). */
guint            bpl_diagram_widget_get_matrix_layer   (BplDiagramWidget *self);
const BplMatrixLayout *bpl_diagram_widget_get_matrix   (BplDiagramWidget *self);
/* What a click at (x, y) does: hit-test the layout and select. */
BplHit           bpl_diagram_widget_select_at          (BplDiagramWidget *self,
                                                        double            x,
                                                        double            y);
/* The render state as on screen (selection, hover, emphasis, step change). */
void             bpl_diagram_widget_get_render_state   (BplDiagramWidget *self,
                                                        BplRenderState   *state);
/* Opens the in-place editor of the selected weight or bias. */
gboolean         bpl_diagram_widget_edit_selection     (BplDiagramWidget *self);

G_END_DECLS

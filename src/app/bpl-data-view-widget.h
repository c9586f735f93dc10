/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-data-view-widget.h: what the network learned, beside the diagram
 * (issue 12): the data view of the diagram layer, live during Play, with
 * a bar to choose the output shown, class colours only, and the class of
 * points added. A click on a point shows that sample (its derivation
 * follows); a click on empty space adds a point, a drag moves one, Delete
 * removes it: each one undo step of the document. */
#pragma once

#include "bpl-view.h"

G_BEGIN_DECLS

#define BPL_TYPE_DATA_VIEW_WIDGET (bpl_data_view_widget_get_type ())
G_DECLARE_FINAL_TYPE (BplDataViewWidget, bpl_data_view_widget, BPL, DATA_VIEW_WIDGET, BplView)

/* Text size: 1, larger in presentation mode. */
void                     bpl_data_view_widget_set_font_scale (BplDataViewWidget *self,
                                                              double             font_scale);
/* The layout of the canvas below the bar (NULL before the first
 * allocation). Its coordinates are what click_at and drag take. */
const BplDataViewLayout *bpl_data_view_widget_get_layout     (BplDataViewWidget *self);
/* The point picked (shown ringed; Delete removes it). */
BplDataPoint             bpl_data_view_widget_get_picked     (BplDataViewWidget *self);
/* What a click at (x, y) does: pick the point there (a sample becomes the
 * sample shown) or add one of the chosen class in empty space. */
void                     bpl_data_view_widget_click_at       (BplDataViewWidget *self,
                                                              double             x,
                                                              double             y);
/* What a drag from (x0, y0) to (x1, y1) does: moves the point there. */
gboolean                 bpl_data_view_widget_drag           (BplDataViewWidget *self,
                                                              double             x0,
                                                              double             y0,
                                                              double             x1,
                                                              double             y1);
/* Removes the picked point; FALSE when there is none or it cannot go. */
gboolean                 bpl_data_view_widget_remove_picked  (BplDataViewWidget *self);
/* Writes the view as on screen to PNG (at @scale), SVG or PDF. */
gboolean                 bpl_data_view_widget_export         (BplDataViewWidget *self,
                                                              const char        *path,
                                                              double             scale,
                                                              GError           **error);

G_END_DECLS

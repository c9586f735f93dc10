/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-graph-view-private.h: what the graph's layout and render share, so
 * that what the layout measures is what the render draws. */
#pragma once

#include <pango/pangocairo.h>

#include "bpl-graph-view.h"

G_BEGIN_DECLS

/* Padding inside a node's box, and between its lines. */
#define BPL_GRAPH_PAD_X 9.0
#define BPL_GRAPH_PAD_Y 5.0
/* Between the operation's symbol and the name, and a line's word and number. */
#define BPL_GRAPH_GAP 8.0

typedef enum {
  BPL_GRAPH_FONT_NAME,    /* the node's name, bold */
  BPL_GRAPH_FONT_TEXT,    /* symbol, "value", "grad", numbers, summaries */
  BPL_GRAPH_N_FONTS
} BplGraphFont;

/* The diagram's sizes for a canvas of a fixed nominal size, times
 * @options->font_scale: the graph is laid out at its natural size. */
double                _bpl_graph_font_size (const BplGraphLayoutOptions *options,
                                            BplGraphFont                 font);
PangoFontDescription *_bpl_graph_font_new  (const BplGraphLayoutOptions *options,
                                            BplGraphFont                 font);
/* "value" and "grad", the words before a node's two numbers. */
const char           *_bpl_graph_value_word    (void);
const char           *_bpl_graph_gradient_word (void);
/* The widest a group's summary is before it wraps, in layout pixels. */
double                _bpl_graph_summary_width (const BplGraphLayoutOptions *options);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-graph-view-private.h: what the graph's layout and render share, so
 * that what the layout measures is what the render draws. */
#pragma once

#include <pango/pangocairo.h>

#include "bpl-graph-view.h"
#include "bpl-layout.h"

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
/* An operation's symbol as markup for the title line (the name's font, not
 * bold); "" for leaves. */
char                 *_bpl_graph_symbol_markup (BplGraphOp op);
/* The widest a group's summary is before it wraps, in layout pixels. */
double                _bpl_graph_summary_width (const BplGraphLayoutOptions *options);

/* The nodes' text, shaped once by the layout and drawn by every frame: a
 * walk played at the display's rate redraws the same words and numbers,
 * and shaping them was most of a frame. Used with the text lock held
 * (bpl_diagram_text_lock ()), as they share the measuring font map. */
struct _BplGraphText
{
  guint        n_nodes;
  PangoLayout *value_word;
  PangoLayout *gradient_word;
  PangoLayout *unknown;                   /* "–" */
  PangoLayout *symbol[BPL_GRAPH_N_OPS];   /* NULL for leaves */
  PangoLayout **name;                     /* per node */
  PangoLayout **value;                    /* per node; NULL for a group */
  PangoLayout **gradient;
  PangoLayout **summary;                  /* per group node */
};

/* The graph fitted and centred on a @width×@height canvas painted in the
 * background colour: what bpl_graph_export () draws, and each frame of an
 * animation of the walk. */
void _bpl_graph_render_fitted (cairo_t                   *cr,
                               const BplGraph            *graph,
                               const BplGraphLayout      *layout,
                               const BplStyle            *style,
                               const BplGraphRenderState *state,
                               double                     width,
                               double                     height);

G_END_DECLS

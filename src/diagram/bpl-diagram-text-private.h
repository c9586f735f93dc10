/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-diagram-text-private.h: text of the diagram, shared by layout and
 * render so that what the layout measures is what the render draws. */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "bpl-layout.h"
#include "bpl-network.h"
#include "bpl-render.h"

G_BEGIN_DECLS

/* One family for measuring and drawing: Cantarell is not installed
 * everywhere, and a box measured in one font cannot hold another. */
#define BPL_DIAGRAM_FONT_FAMILY "Cantarell, DejaVu Sans, sans-serif"
/* Fixed, so the window, every export and `layout` agree. */
#define BPL_DIAGRAM_DPI 96.0

typedef enum {
  BPL_FONT_NAME,    /* neuron names, bold */
  BPL_FONT_VALUE,   /* out values inside neurons */
  BPL_FONT_LABEL,   /* weight and bias labels */
  BPL_FONT_SMALL,   /* output target and error */
  BPL_FONT_TOTAL,   /* E_total, bold */
  BPL_N_FONTS
} BplFontRole;

/* Text sizes in px for a canvas: legible (≥ 11 px at 1×) and growing mildly
 * with the canvas. A pure function, so render recomputes what layout used. */
double        bpl_diagram_font_size       (const BplLayout *layout, BplFontRole role);
double        bpl_diagram_font_size_for   (double width, double height, double font_scale,
                                           BplFontRole role);
PangoFontDescription *bpl_diagram_font_new (BplFontRole role, double size);

/* Measuring holds a lock: one shared context (see the .c for why). */
PangoLayout  *bpl_diagram_measure_begin   (void);
void          bpl_diagram_measure_end     (void);
void          bpl_diagram_measure         (PangoLayout                *layout,
                                           const PangoFontDescription *font,
                                           const char                 *markup,
                                           double                     *width,
                                           double                     *height);

/* The lock that measuring holds. Hold it too from bpl_diagram_context_new ()
 * until the context and its layouts are freed: the font map is shared with
 * measuring, maybe from another thread. Recursive. */
void          bpl_diagram_text_lock       (void);
void          bpl_diagram_text_unlock     (void);

/* A context for drawing into @cr with the same font map, options and
 * resolution as measuring. Call with bpl_diagram_text_lock () held. */
PangoContext *bpl_diagram_context_new     (cairo_t *cr);

/* The texts themselves. Newly allocated; markup where it says so. */
/* "w<sub>3</sub> = 0.25"; the value bold for a step's change. */
char         *bpl_diagram_param_label     (const char *name, double value, int digits,
                                           gboolean bold_value);
char         *bpl_diagram_value_template  (int digits, gboolean small);
/* "776 more": what an ellipsis stands for. Plain text. */
char         *bpl_diagram_more_text       (guint n_hidden);
/* @number is formatted (bpl_format_number) or a template. */
char         *bpl_diagram_target_markup   (const char *number);
char         *bpl_diagram_error_markup    (const char *output_name, const char *number);
/* "E_total = …", or "E_total (sample 2) = …" when there are several. */
char         *bpl_diagram_total_markup    (const char *number, guint sample, guint n_samples);
/* "Input layer", "Hidden layer 2 · tanh", "Output layer · sigmoid": the
 * activation after the name, or on a line of its own when @lines is 2. */
char         *bpl_diagram_layer_caption   (const BplNetwork *network, guint layer, guint lines);

/* Label box padding around the text, so the label's background fits the box. */
#define BPL_LABEL_PAD_X 4.0
#define BPL_LABEL_PAD_Y 1.0

/* @pl, laid out, drawn in @box in @color: aligned by @align (0 left, 0.5
 * centre, 1 right), centred vertically, shrunk to fit if wider (down to
 * half size). The one way the diagram, the graph and the matrix set text
 * in a box. */
void          bpl_diagram_show_in_box     (cairo_t        *cr,
                                           PangoLayout    *pl,
                                           const BplRect  *box,
                                           double          align,
                                           const BplColor *color);

G_END_DECLS

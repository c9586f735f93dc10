/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-render.h: one render function for the window and for every export. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "bpl-forward.h"
#include "bpl-heatmap.h"
#include "bpl-layout.h"
#include "bpl-network.h"

G_BEGIN_DECLS

typedef struct {
  double r, g, b, a;
} BplColor;

/* Colours and font: the window fills it from the GTK theme (named colours),
 * the CLI from a built-in palette. */
typedef struct {
  BplColor background;
  BplColor foreground;      /* text, neuron outlines */
  BplColor dim;             /* de-emphasised text and edges when something is selected */
  BplColor accent;          /* selection path */
  BplColor hover;           /* hover highlight */
  BplColor positive;        /* edges of positive weights */
  BplColor negative;        /* edges of negative weights (also dashed) */
  BplColor neuron_fill;
  BplColor bias_fill;
  BplColor error;           /* output errors, warnings */
  gboolean high_contrast;   /* thicker lines, no dimming to low alpha */
  const char *font_family;  /* "Cantarell, DejaVu Sans, sans-serif" */
} BplStyle;

typedef enum {
  BPL_THEME_LIGHT,
  BPL_THEME_DARK,
  BPL_THEME_HIGH_CONTRAST,
  BPL_THEME_HIGH_CONTRAST_DARK,  /* white on black: high contrast in a dark style */
} BplTheme;

void     bpl_style_init_builtin (BplStyle *style, BplTheme theme);
gboolean bpl_theme_from_string  (const char *str, BplTheme *out);

/* What is selected and hovered; changed values for the step animation. */
typedef struct {
  BplHit        selection;        /* BPL_HIT_NONE for nothing */
  BplHit        hover;
  BplHit        emphasis;         /* a factor hovered in the derivation panel */
  const double *previous_weights; /* NULL, or the values before the last step */
  const double *previous_biases;
  double        change_progress;  /* 0…1 while old → new is shown; 1 = done */
  guint         sample;           /* whose targets the outputs show: the sample
                                   * @forward was computed for (default 0) */
  const BplHeatmap *heatmap;      /* NULL, or every neuron's output over the input
                                   * plane: each neuron shows its own inside its
                                   * circle (TensorFlow Playground's pictures) */
} BplRenderState;

void bpl_render_state_init (BplRenderState *state);

/* Draws the diagram into @cr (user space in the layout's logical pixels).
 * @forward may be NULL (no values shown). Text is drawn in the layout's font
 * (BPL_DIAGRAM_FONT_FAMILY: Cantarell, else DejaVu Sans), not
 * @style->font_family, because the layout measured its boxes in that font. */
void bpl_render (cairo_t              *cr,
                 const BplNetwork     *network,
                 const BplForward     *forward,
                 const BplLayout      *layout,
                 const BplStyle       *style,
                 const BplRenderState *state);

/* The diagram in two layers, for a view that redraws often: the base holds
 * what hover, selection and a step's animation leave as it is (the edges,
 * every one of a large network's; neurons, labels, captions) and can be
 * kept in an image; the overlay, drawn over it each frame, holds what they
 * change. Drawn one over the other they make what bpl_render () draws
 * (tests/diagram/test-render.c checks this, pixel by pixel). */
typedef enum {
  BPL_RENDER_ALL,
  BPL_RENDER_BASE,
  BPL_RENDER_OVERLAY,
} BplRenderLayer;

void bpl_render_layer (cairo_t              *cr,
                       const BplNetwork     *network,
                       const BplForward     *forward,
                       const BplLayout      *layout,
                       const BplStyle       *style,
                       const BplRenderState *state,
                       BplRenderLayer        layer);

/* For a target that records the drawing to replay it at @scale pixels per
 * unit (GTK's cairo nodes on a HiDPI screen): what the render draws into
 * pixels of its own (a large network's edges) is drawn at that resolution. */
void bpl_render_set_replay_scale (cairo_t *cr,
                                  double   scale);

/* What of @state the base layer depends on: whether something is selected
 * (the rest is dimmed), whether a step's change is shown (the labels move to
 * the overlay) and the sample shown. A kept base image stays right while
 * the key, the network's values, the forward pass, the layout and the style
 * stay the same. */
guint bpl_render_base_key (const BplLayout      *layout,
                           const BplRenderState *state);

/* The shown sample's inputs as a greyscale image, 0 black and 1 white
 * (wider ranges scaled to fit), a @side × @side square in @rect. */
void bpl_render_input_image  (cairo_t          *cr,
                              const BplNetwork *network,
                              guint             sample,
                              guint             side,
                              const BplRect    *rect,
                              const BplStyle   *style);

/* Neuron @neuron's incoming weights, from an input layer of @side × @side,
 * as an image: positive weights in the style's positive colour, negative
 * ones in its negative colour, the stronger the deeper, on the background
 * (3Blue1Brown's way of showing what a neuron looks for). */
void bpl_render_weight_image (cairo_t          *cr,
                              const BplNetwork *network,
                              guint             neuron,
                              guint             side,
                              const BplRect    *rect,
                              const BplStyle   *style);

/* The diverging colour of @value on a scale from −@max_abs to +@max_abs:
 * the background at 0, the negative or positive colour at the ends. */
BplColor bpl_style_diverging (const BplStyle *style,
                              double          value,
                              double          max_abs);

typedef enum {
  BPL_EXPORT_PNG,
  BPL_EXPORT_SVG,
  BPL_EXPORT_PDF,
  BPL_EXPORT_TIKZ,  /* a LaTeX document of a TikZ picture: the diagram only */
} BplExportFormat;

/* From the file name's extension (.png, .svg, .pdf, .tex). */
gboolean bpl_export_format_from_path (const char *path, BplExportFormat *out, GError **error);

/* Writes the diagram at @width×@height logical pixels (PNG at @scale). The
 * forward pass uses @sample. Writes atomically. */
gboolean bpl_export (const BplNetwork       *network,
                     guint                   sample,
                     const BplLayoutOptions *options,
                     const BplStyle         *style,
                     const BplRenderState   *state,
                     double                  width,
                     double                  height,
                     double                  scale,
                     BplExportFormat         format,
                     const char             *path,
                     GError                **error);

/* The same with a layout made by the caller (who may want to know, say,
 * whether it is dense): @layout's size is the diagram's. */
gboolean bpl_export_layout (const BplNetwork     *network,
                            const BplLayout      *layout,
                            guint                 sample,
                            const BplStyle       *style,
                            const BplRenderState *state,
                            double                scale,
                            BplExportFormat       format,
                            const char           *path,
                            GError              **error);

/* The diagram as a LaTeX document (pdflatex, amsmath and TikZ) whose page
 * is the canvas: each neuron, edge, label, caption and ellipsis where
 * @layout puts it, drawn in named styles and colours (@style's, or the
 * light palette for a dark one: the page is paper) that a lecture can
 * restyle; the selection's path in the style "on path". @forward may be
 * NULL (no values). The input and weight images are left out. */
char    *bpl_diagram_to_tikz (const BplNetwork     *network,
                              const BplForward     *forward,
                              const BplLayout      *layout,
                              const BplStyle       *style,
                              const BplRenderState *state);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-raster-private.h: thin antialiased lines drawn straight into an
 * ARGB32 image, for the thousands of edges of a large network. Cairo
 * strokes each line as a polygon and composites it over its bounding box:
 * about 40 µs for one long edge, two seconds for 58k of them. These lines
 * cost what their pixels cost. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "bpl-render.h"

G_BEGIN_DECLS

typedef struct {
  guint32 *data;     /* premultiplied ARGB32, as cairo's image surfaces */
  int      stride;   /* in pixels */
  int      width, height;
  /* user space → the image's pixels: x' = x·scale + dx */
  double   scale, dx, dy;
  int      x0, y0;   /* the image's first pixel in the target's */
  gboolean direct;   /* drawing into the target's own pixels */
  /* Lines are drawn only into rows top to bottom − 1: many lines drawn a
   * band of rows at a time keep their pixels in the processor's cache. */
  int      top, bottom;
} BplRaster;

/* The rows @raster's band covers, in user space. */
void bpl_raster_band_extent (const BplRaster *raster, double *y1, double *y2);

/* Whether @cr's target is best drawn through a BplRaster: a pixel target
 * (not PDF, PS or SVG, where lines must stay lines) under a transformation
 * that only scales and moves. */
gboolean bpl_raster_suits    (cairo_t *cr);

/* Pixels covering @cr's clip (within @limit, in user space, unless NULL)
 * to draw into: with @direct the target's own when it is an image clipped
 * to a rectangle, else a transparent image (of memory kept from one call to
 * the next: call under bpl_diagram_text_lock ()); NULL when @cr does not
 * suit or the clip is empty. Finish with bpl_raster_end (), which paints
 * the image. */
cairo_surface_t *bpl_raster_begin (cairo_t *cr, BplRaster *raster, const BplRect *limit,
                                   gboolean direct);
void             bpl_raster_end   (cairo_t *cr, cairo_surface_t *surface,
                                   const BplRaster *raster);

/* A line (x1, y1)–(x2, y2) in user space, @width wide, butt ends, in
 * @color at @alpha, over what is there. @dash_on > 0 dashes it: on for
 * @dash_on, off for @dash_off, starting at (x1, y1). */
void bpl_raster_line (BplRaster      *raster,
                      double          x1,
                      double          y1,
                      double          x2,
                      double          y2,
                      double          width,
                      const BplColor *color,
                      double          alpha,
                      double          dash_on,
                      double          dash_off);

G_END_DECLS

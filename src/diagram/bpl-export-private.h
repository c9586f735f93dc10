/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-export-private.h: what diagram and worksheet exports share. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "bpl-render.h"

G_BEGIN_DECLS

/* Writes a finished export to @path: into a temporary file renamed over it,
 * so a reader never sees half a file, but without waiting for the disk (an
 * export can be made again; a network file is saved durably instead). */
gboolean bpl_export_write (const char *path, GByteArray *bytes, GError **error);

/* When a PDF says it was made, for cairo's metadata ("2026-03-01T09:30:00Z"):
 * now, or SOURCE_DATE_EPOCH when it is set (seconds since 1970, the
 * reproducible-builds convention), so that a build can make the same file
 * twice. */
char    *bpl_export_pdf_date (void);

/* Draws into @cr, in user space of @width×@height logical pixels. */
typedef void (*BplExportDrawFunc) (cairo_t *cr, gpointer user_data);

/* The one way every drawing (diagram, computational graph) becomes a file:
 * a PNG at @scale drawn in bands, an SVG, or a PDF in points titled @title;
 * rendered into memory and written atomically. @opaque: the drawing paints
 * an opaque background first, so the PNG needs no alpha. */
gboolean bpl_export_drawing (BplExportDrawFunc  draw,
                             gpointer           user_data,
                             double             width,
                             double             height,
                             double             scale,
                             gboolean           opaque,
                             const char        *title,
                             BplExportFormat    format,
                             const char        *path,
                             GError           **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-png-private.h: PNG encoding tuned for diagrams. */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Appends @surface (ARGB32) as a PNG to @bytes. Returns FALSE on failure. */
gboolean bpl_png_encode (cairo_surface_t *surface, GByteArray *bytes);

G_END_DECLS

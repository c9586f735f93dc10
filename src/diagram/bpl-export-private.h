/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-export-private.h: what diagram and worksheet exports share. */
#pragma once

#include <glib.h>

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

G_END_DECLS

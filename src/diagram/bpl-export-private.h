/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-export-private.h: what diagram and worksheet exports share. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes a finished export to @path: into a temporary file renamed over it,
 * so a reader never sees half a file, but without waiting for the disk (an
 * export can be made again; a network file is saved durably instead). */
gboolean bpl_export_write (const char *path, GByteArray *bytes, GError **error);

G_END_DECLS

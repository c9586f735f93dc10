/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-file-private.h: reading a file the core parses (a network file, a
 * CSV file), shared by bpl-file.c and bpl-csv.c. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads @path whole into @data (@length bytes), refusing a folder, a
 * special file or one over @max_size bytes with a message that names the
 * file and, for a folder or a size, @kind ("network file"). @display gets
 * the name messages use. */
gboolean _bpl_file_read (const char  *path,
                         gsize        max_size,
                         const char  *kind,
                         char       **data,
                         gsize       *length,
                         char       **display,
                         GError     **error);

G_END_DECLS

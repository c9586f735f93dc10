/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-file-names.h: a file as the window names it to a person. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* "xor.json" */
char *bpl_file_dup_display_name (GFile *file);
/* Its folder as GNOME Text Editor writes it: "~/Lectures", "~", or the
 * full path outside the home folder. */
char *bpl_file_dup_folder_name  (GFile *file);

G_END_DECLS

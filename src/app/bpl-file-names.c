/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-file-names.h"

char *
bpl_file_dup_display_name (GFile *file)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  return path != NULL ? g_filename_display_basename (path) : g_file_get_parse_name (file);
}

char *
bpl_file_dup_folder_name (GFile *file)
{
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFile) home = NULL;
  g_autofree char *relative = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  parent = g_file_get_parent (file);
  if (parent == NULL)
    return g_file_get_parse_name (file);
  /* /home/ann2 is not in /home/ann. */
  home = g_file_new_for_path (g_get_home_dir ());
  if (g_file_equal (parent, home))
    return g_strdup ("~");
  relative = g_file_get_relative_path (home, parent);
  if (relative != NULL)
    {
      g_autofree char *display = g_filename_display_name (relative);
      return g_strconcat ("~/", display, NULL);
    }
  return g_file_get_parse_name (parent);
}

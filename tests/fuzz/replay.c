/* SPDX-License-Identifier: GPL-3.0-or-later */
/* replay: runs a fuzz target over every file of a corpus directory, so the
 * corpus is an ordinary test in every build (gcc, valgrind, sanitizers). */
#include "config.h"

#include <glib.h>
#include <stdio.h>

#include "fuzz-target.h"

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s CORPUS-DIRECTORY\n", argv[0]);
      return 2;
    }
  dir = g_dir_open (argv[1], 0, &error);
  if (dir == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  LLVMFuzzerInitialize (&argc, &argv);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (argv[1], g_ptr_array_index (names, i), NULL);
      g_autofree char *data = NULL;
      gsize length;

      if (!g_file_get_contents (path, &data, &length, &error))
        {
          fprintf (stderr, "%s: %s\n", (char *) g_ptr_array_index (names, i), error->message);
          return 1;
        }
      LLVMFuzzerTestOneInput ((const guint8 *) data, length);
      /* On stderr: the target sends stdout to /dev/null. */
      fprintf (stderr, "replayed %s\n", (char *) g_ptr_array_index (names, i));
    }
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "test-util.h"

#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

const char bpl_test_worked_json[] =
  "{\n"
  "  \"format\": \"backprop-lens-network\",\n"
  "  \"version\": 1,\n"
  "  \"name\": \"Worked example\",\n"
  "  \"layers\": [2, 2, 2],\n"
  "  \"activation\": \"sigmoid\",\n"
  "  \"loss\": \"squared-error\",\n"
  "  \"bias_mode\": \"per-layer\",\n"
  "  \"update_biases\": false,\n"
  "  \"training\": \"online\",\n"
  "  \"learning_rate\": 0.5,\n"
  "  \"weights\": [0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55],\n"
  "  \"biases\": [0.35, 0.60],\n"
  "  \"samples\": [{ \"input\": [0.05, 0.10], \"target\": [0.01, 0.99] }]\n"
  "}\n";

/* One folder per test program: every test in it writes there. */
static char *tmp_dir;

const char *
bpl_test_tmp_dir_new (const char *template)
{
  g_autoptr (GError) error = NULL;

  g_assert_null (tmp_dir);
  tmp_dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  return tmp_dir;
}

char *
bpl_test_tmp_path (const char *name)
{
  g_assert_nonnull (tmp_dir);
  return g_build_filename (tmp_dir, name, NULL);
}

void
bpl_test_write_file (const char *name, const char *contents)
{
  g_autofree char *path = bpl_test_tmp_path (name);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

void
bpl_test_tmp_dir_remove (void)
{
  g_autoptr (GDir) dir = g_dir_open (tmp_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = bpl_test_tmp_path (name);

      g_unlink (path);
    }
  g_rmdir (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
}

/* *@dest (NULL or an earlier output) freed and replaced. */
static void
replace_string (char **dest, char *value)
{
  g_free (*dest);
  *dest = value;
}

int
bpl_test_run_argv (const char *const *argv, char **out, char **err)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  int wait_status = 0;

  /* g_spawn_sync, not GSubprocess: GIO 2.74's communicate leaks a buffer
   * when a child writes a lot, which LeakSanitizer then reports. */
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &stdout_text, &stderr_text,
                &wait_status, &error);
  g_assert_no_error (error);
  /* A crash has no exit status to compare. */
  g_assert_true (WIFEXITED (wait_status));

  if (g_test_verbose ())
    g_test_message ("stdout:\n%s\nstderr:\n%s", stdout_text, stderr_text);

  /* Tests run one command after another into the same strings. */
  if (out != NULL)
    replace_string (out, g_steal_pointer (&stdout_text));
  if (err != NULL)
    replace_string (err, g_steal_pointer (&stderr_text));
  return WEXITSTATUS (wait_status);
}

int
bpl_test_run (const char *program, char **out, char **err, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) program);
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return bpl_test_run_argv ((const char *const *) argv->pdata, out, err);
}

JsonObject *
bpl_test_parse_object (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_cmpint (json_node_get_node_type (root), ==, JSON_NODE_OBJECT);
  return json_object_ref (json_node_get_object (root));
}

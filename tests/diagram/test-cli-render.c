/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-render.c: `backprop-lens-cli render` and `layout` as a user runs
 * them: exit statuses, file sizes, and layout JSON equal to the in-process
 * layout. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "diagram-test-util.h"
#include "test-util.h"

/* Runs the built backprop-lens-cli with the arguments up to a NULL. */
#define run(out, err, ...) bpl_test_run (BPL_CLI_PATH, out, err, __VA_ARGS__)

static const char *tmp_dir;

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
test_render_png_scale (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "slide.png", NULL);
  g_autofree char *data = NULL;
  gsize length;

  g_assert_cmpint (run (NULL, NULL, "render", "--select", "w3", "--scale", "2", "--output", path,
                        NULL), ==, 0);
  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpmem (data + 1, 3, "PNG", 3);
  g_assert_cmpuint (be32 ((guint8 *) data + 16), ==, 2400);
  g_assert_cmpuint (be32 ((guint8 *) data + 20), ==, 1600);
}

/* Issue 10: the weights into a layer as a heat map, in every format. */
static void
test_render_matrix (void)
{
  guint shape[] = { 8, 6, 3 };
  g_autoptr (BplNetwork) network = diagram_test_network (shape, 3, BPL_BIAS_PER_LAYER, 4);
  g_autofree char *net = g_build_filename (tmp_dir, "matrix.json", NULL);
  const char *names[] = { "m.png", "m.svg", "m.pdf" };
  const char *prefixes[] = { "\x89PNG", "<?xml", "%PDF" };
  g_autoptr (GError) error = NULL;

  g_assert_true (bpl_network_save_to_file (network, net, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (tmp_dir, names[i], NULL);
      g_autofree char *data = NULL;

      g_assert_cmpint (run (NULL, NULL, "render", "--network", net, "--view", "matrix", "--layer",
                            i == 0 ? "1" : "2", "--select", "w3", "--output", path, NULL), ==, 0);
      g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
      g_assert_true (g_str_has_prefix (data, prefixes[i]));
    }
  {
    g_autofree char *path = g_build_filename (tmp_dir, "bad.png", NULL);
    g_autofree char *err = NULL;

    /* A layer with no weights into it, and a view that does not exist. */
    g_assert_cmpint (run (NULL, &err, "render", "--network", net, "--view", "matrix", "--layer",
                          "3", "--output", path, NULL), ==, 1);
    g_assert_nonnull (strstr (err, "layers 1 to 2"));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (NULL, &err, "render", "--view", "graph3d", "--output", path, NULL), ==, 2);
  }
}

/* A 784-input network (3Blue1Brown's digit classifier) was refused; now
 * it draws, its input as an image. */
static void
test_render_784_inputs (void)
{
  guint shape[] = { 784, 16, 16, 10 };
  g_autoptr (BplNetwork) network = diagram_test_network (shape, 4, BPL_BIAS_PER_NEURON, 5);
  g_autofree char *net = g_build_filename (tmp_dir, "mnist.json", NULL);
  g_autofree char *png = g_build_filename (tmp_dir, "mnist.png", NULL);
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (bpl_network_save_to_file (network, net, &error));
  g_assert_no_error (error);
  g_assert_cmpint (run (NULL, NULL, "render", "--network", net, "--select", "w400", "--output",
                        png, NULL), ==, 0);
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run (&out, NULL, "layout", "--network", net, "--format", "json", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"input_image\""));
  g_assert_nonnull (strstr (out, "\"image_side\" : 28"));
}

static void
test_render_formats (void)
{
  const char *names[] = { "d.svg", "d.pdf", "d.PNG" };
  const char *prefixes[] = { "<?xml", "%PDF", "\x89PNG" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (tmp_dir, names[i], NULL);
      g_autofree char *data = NULL;

      g_assert_cmpint (run (NULL, NULL, "render", "--theme", "dark", "--width", "640", "--height",
                            "480", "--output", path, NULL), ==, 0);
      g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
      g_assert_true (g_str_has_prefix (data, prefixes[i]));
    }
}

/* A file cannot show a hidden label on hover: render says when it left
 * weight labels out, and only then. */
static void
test_render_dense_note (void)
{
  guint shape[] = { 6, 10, 10, 4 };
  g_autoptr (BplNetwork) network = diagram_test_network (shape, 4, BPL_BIAS_PER_LAYER, 3);
  g_autofree char *net = g_build_filename (tmp_dir, "dense.json", NULL);
  g_autofree char *png = g_build_filename (tmp_dir, "dense.png", NULL);
  g_autoptr (BplLayout) layout = bpl_layout_new (network, 600, 400, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *quiet_err = NULL;

  g_assert_true (layout->dense);
  g_assert_true (bpl_network_save_to_file (network, net, &error));
  g_assert_no_error (error);
  g_assert_cmpint (run (NULL, &err, "render", "--network", net, "--width", "600", "--height",
                        "400", "--output", png, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "weight labels left out"));
  {
    guint hidden = 0;
    g_autofree char *count = NULL;

    for (guint w = 0; w < layout->n_weights; w++)
      hidden += !layout->weights[w].label_shown;
    count = g_strdup_printf ("note: %u of %u weight labels", hidden, layout->n_weights);
    g_assert_nonnull (strstr (err, count));
  }
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));

  g_assert_cmpint (run (NULL, &quiet_err, "render", "--output", png, NULL), ==, 0);
  g_assert_null (strstr (quiet_err, "left out"));
}

static void
test_render_errors (void)
{
  g_autofree char *png = g_build_filename (tmp_dir, "e.png", NULL);
  g_autofree char *missing = g_build_filename (tmp_dir, "no", "dir", "e.png", NULL);
  g_autofree char *err = NULL;

  /* Usage errors: 2. */
  g_assert_cmpint (run (NULL, NULL, "render", NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, "render", "--output", "x.bmp", NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, "render", "--theme", "neon", "--output", png, NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, "render", "--width", "-5", "--output", png, NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, "render", "--scale", "0", "--output", png, NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, "render", "--digits", "40", "--output", png, NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, "render", "--output", png, "extra", NULL), ==, 2);
  /* Bad input: 1, with a message naming what was wrong. */
  g_assert_cmpint (run (NULL, &err, "render", "--select", "w99", "--output", png, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "w99"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, NULL, "render", "--sample", "3", "--output", png, NULL), ==, 1);
  g_assert_cmpint (run (NULL, &err, "render", "--network", "/nonexistent.json", "--output", png,
                        NULL), ==, 1);
  g_assert_nonnull (strstr (err, "nonexistent.json"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, &err, "render", "--output", missing, NULL), ==, 1);
  g_assert_nonnull (strstr (err, missing));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
}

static void
compare_layout_json (const char *json, const BplLayout *layout)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root;
  JsonArray *neurons, *weights, *biases;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpfloat (json_object_get_double_member (root, "width"), ==, layout->width);
  g_assert_cmpfloat (json_object_get_double_member (root, "height"), ==, layout->height);
  neurons = json_object_get_array_member (root, "neurons");
  weights = json_object_get_array_member (root, "weights");
  biases = json_object_get_array_member (root, "biases");
  g_assert_cmpuint (json_array_get_length (neurons), ==, layout->n_neurons);
  g_assert_cmpuint (json_array_get_length (weights), ==, layout->n_weights);
  g_assert_cmpuint (json_array_get_length (biases), ==, layout->n_biases);

  for (guint n = 0; n < layout->n_neurons; n++)
    {
      JsonObject *o = json_array_get_object_element (neurons, n);

      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "x"),
                                      layout->neurons[n].x, 1e-3);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "y"),
                                      layout->neurons[n].y, 1e-3);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "radius"),
                                      layout->neurons[n].radius, 1e-3);
    }
  for (guint w = 0; w < layout->n_weights; w++)
    {
      JsonObject *o = json_array_get_object_element (weights, w);
      JsonObject *label = json_object_get_object_member (o, "label");
      const BplWeightLayout *wl = &layout->weights[w];

      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "x1"), wl->x1, 1e-3);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "y2"), wl->y2, 1e-3);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (label, "x"), wl->label.x,
                                      1e-3);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (label, "width"),
                                      wl->label.width, 1e-3);
    }
  for (guint b = 0; b < layout->n_biases; b++)
    {
      JsonObject *o = json_array_get_object_element (biases, b);

      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "x"),
                                      layout->biases[b].x, 1e-3);
    }
}

static void
test_layout_matches (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr (BplLayout) default_layout = bpl_layout_new (network, 1200, 800, NULL);
  g_autoptr (BplLayout) small_layout = bpl_layout_new (network, 640, 480, NULL);
  g_autofree char *out = NULL;

  g_assert_cmpint (run (&out, NULL, "layout", "--format", "json", NULL), ==, 0);
  compare_layout_json (out, default_layout);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run (&out, NULL, "layout", "--width", "640", "--height", "480", "--format",
                        "json", NULL), ==, 0);
  compare_layout_json (out, small_layout);
}

static void
test_layout_file_and_errors (void)
{
  guint shape[] = { 3, 5, 2 };
  g_autoptr (BplNetwork) network = diagram_test_network (shape, 3, BPL_BIAS_PER_NEURON, 2);
  g_autoptr (BplLayout) layout = bpl_layout_new (network, 900, 600, NULL);
  g_autofree char *path = g_build_filename (tmp_dir, "net.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;

  g_assert_true (bpl_network_save_to_file (network, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (run (&out, NULL, "layout", "--network", path, "--width", "900", "--height",
                        "600", "--format", "json", NULL), ==, 0);
  compare_layout_json (out, layout);

  g_assert_cmpint (run (NULL, NULL, "layout", "--format", "xml", NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, "layout", "--width", "nan", NULL), ==, 2);
  g_assert_cmpint (run (NULL, NULL, "layout", "--network", "/nonexistent.json", NULL), ==, 1);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = bpl_test_tmp_dir_new ("bpl-cli-render-XXXXXX");

  g_test_add_func ("/diagram/cli/render-png-scale", test_render_png_scale);
  g_test_add_func ("/diagram/cli/render-formats", test_render_formats);
  g_test_add_func ("/diagram/cli/render-errors", test_render_errors);
  g_test_add_func ("/diagram/cli/render-dense-note", test_render_dense_note);
  g_test_add_func ("/diagram/cli/render-matrix", test_render_matrix);
  g_test_add_func ("/diagram/cli/render-784-inputs", test_render_784_inputs);
  g_test_add_func ("/diagram/cli/layout-matches", test_layout_matches);
  g_test_add_func ("/diagram/cli/layout-file-and-errors", test_layout_file_and_errors);

  status = g_test_run ();
  bpl_test_tmp_dir_remove ();
  return status;
}

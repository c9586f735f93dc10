/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-diagram-process.c: the whole `backprop-lens-cli render` process,
 * start to PNG on disk, against Graphviz `dot -Tpng` drawing the same graph
 * with the same labels (how micrograd users draw networks). */
#include "config.h"

#include <glib/gstdio.h>

#include "backprop-lens-diagram.h"

static double
median (double *v, guint n)
{
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && v[j - 1] > v[j]; j--)
      {
        double t = v[j];
        v[j] = v[j - 1];
        v[j - 1] = t;
      }
  return v[n / 2];
}

/* Median wall time of @argv in ms over @runs runs; -1 if it failed. */
static double
time_command (const char *const *argv, guint runs)
{
  double ms[16];

  g_assert (runs <= G_N_ELEMENTS (ms));
  for (guint i = 0; i < runs; i++)
    {
      g_autoptr (GError) error = NULL;
      int status = 0;
      gint64 t0 = g_get_monotonic_time ();

      /* Quiet: dot warns about large graphs, render notes hidden labels. */
      if (!g_spawn_sync (NULL, (char **) argv, NULL,
                         G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                         &status, &error)
          || !g_spawn_check_wait_status (status, &error))
        {
          g_printerr ("%s: %s\n", argv[0], error->message);
          return -1;
        }
      ms[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }
  return median (ms, runs);
}

/* The same graph for Graphviz: left to right, one rank per layer, every
 * neuron with name and value, every edge with "w3 = 0.25". */
static char *
network_to_dot (const BplNetwork *network)
{
  g_autoptr (BplForward) forward = bpl_forward_new (network);
  GString *dot = g_string_new ("digraph network {\n  rankdir=LR;\n  node [shape=circle];\n");

  bpl_forward_compute (forward, network, 0);
  for (guint n = 0; n < bpl_network_get_n_neurons (network); n++)
    {
      g_autofree char *value = bpl_format_number (forward->out[n], 4);

      g_string_append_printf (dot, "  %s [label=\"%s\\n%s\"];\n",
                              bpl_network_get_neuron_name (network, n),
                              bpl_network_get_neuron_name (network, n), value);
    }
  for (guint w = 0; w < bpl_network_get_n_weights (network); w++)
    {
      g_autofree char *value = bpl_format_number (bpl_network_get_weight (network, w), 4);

      g_string_append_printf (dot, "  %s -> %s [label=\"%s = %s\"];\n",
                              bpl_network_get_neuron_name (network,
                                                           bpl_network_get_weight_source (network, w)),
                              bpl_network_get_neuron_name (network,
                                                           bpl_network_get_weight_target (network, w)),
                              bpl_network_get_weight_name (network, w), value);
    }
  g_string_append (dot, "}\n");
  return g_string_free (dot, FALSE);
}

/* Returns whether the target is met: faster than dot (if installed) and
 * under @limit_ms. */
static gboolean
compare (const char *what, BplNetwork *network, const char *dir, guint runs, guint dot_runs,
         double limit_ms)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *net_path = g_build_filename (dir, "net.json", NULL);
  g_autofree char *png = g_build_filename (dir, "out.png", NULL);
  g_autofree char *dot_path = g_build_filename (dir, "net.dot", NULL);
  g_autofree char *dot_png = g_build_filename (dir, "dot.png", NULL);
  g_autofree char *dot = network_to_dot (network);
  g_autofree char *dot_exe = g_find_program_in_path ("dot");
  const char *render_argv[] = { BPL_CLI_PATH, "render", "--network", net_path, "--output", png,
                                NULL };
  const char *dot_argv[] = { "dot", "-Tpng", "-o", dot_png, dot_path, NULL };
  double ours, theirs = -1;

  if (!bpl_network_save_to_file (network, net_path, &error)
      || !g_file_set_contents (dot_path, dot, -1, &error))
    g_error ("%s", error->message);

  ours = time_command (render_argv, runs);
  if (dot_exe != NULL)
    theirs = time_command (dot_argv, dot_runs);

  g_print ("%s (%u weights): backprop-lens-cli render %.1f ms (median of %u)", what,
           bpl_network_get_n_weights (network), ours, runs);
  if (theirs >= 0 && ours <= theirs)
    g_print (", dot -Tpng %.1f ms (median of %u): %.2fx faster\n", theirs, dot_runs,
             theirs / ours);
  else if (theirs >= 0)
    g_print (", dot -Tpng %.1f ms (median of %u): %.2fx SLOWER\n", theirs, dot_runs,
             ours / theirs);
  else
    g_print (", Graphviz dot not installed\n");

  g_unlink (net_path);
  g_unlink (png);
  g_unlink (dot_path);
  g_unlink (dot_png);
  return ours >= 0 && ours < limit_ms && (theirs < 0 || ours < theirs);
}

int
main (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bpl-bench-XXXXXX", &error);
  g_autoptr (BplNetwork) worked = bpl_network_new_worked_example ();
  g_autoptr (BplNetwork) big = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (16);
  const guint shape[] = { 16, 32, 32, 32, 8 };
  gboolean met;

  g_assert_no_error (error);
  big = bpl_network_new (shape, G_N_ELEMENTS (shape), BPL_BIAS_PER_LAYER, &error);
  g_assert_no_error (error);
  for (guint w = 0; w < bpl_network_get_n_weights (big); w++)
    bpl_network_set_weight (big, w, g_rand_double_range (rand, -1, 1));
  for (guint b = 0; b < bpl_network_get_n_biases (big); b++)
    bpl_network_set_bias (big, b, g_rand_double_range (rand, -1, 1));

  met = compare ("worked example", worked, dir, 15, 15, G_MAXDOUBLE);
  /* The issue: "must also render in well under 5 s". */
  met = compare ("16-32-32-32-8", big, dir, 5, 1, 5000) && met;

  g_rmdir (dir);
  if (!met)
    g_print ("target missed: the render process must beat dot, and the large network take "
             "under 5 s\n");
  return met ? 0 : 1;
}

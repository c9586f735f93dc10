/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-tikz.c: the diagram as TikZ: a LaTeX document that pdflatex compiles
 * (skipped without pdflatex) for the worked example, a softmax network and
 * a large network with collapsed columns; its page the canvas; everything
 * where the layout puts it; every look a named style, so that a lecture can
 * restyle it; the selection's path; paper colours for a dark theme; the
 * export and `render --format tikz`. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "diagram-test-util.h"
#include "test-util.h"

#define run_cli(err, ...) bpl_test_run (BPL_CLI_PATH, NULL, err, __VA_ARGS__)

static BplNetwork *
load (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("BPL_SOURCE_ROOT"), "data", "networks",
                                            name, NULL);
  g_autoptr (GError) error = NULL;
  BplNetwork *network = bpl_network_load_from_file (path, &error);

  g_assert_no_error (error);
  return network;
}

/* The TikZ of @network at @width × @height, @select's path lit up. */
static char *
tikz_of (const BplNetwork *network,
         double            width,
         double            height,
         const char       *select,
         BplTheme          theme)
{
  g_autoptr (BplLayout) layout = bpl_layout_new (network, width, height, NULL);
  g_autoptr (BplForward) forward = bpl_forward_new (network);
  BplRenderState state;
  BplStyle style;

  bpl_forward_compute (forward, network, 0);
  bpl_render_state_init (&state);
  if (select != NULL)
    {
      BplParam param;

      g_assert_true (bpl_network_parse_param (network, select, &param, NULL));
      state.selection.kind = param.kind == BPL_PARAM_WEIGHT ? BPL_HIT_WEIGHT : BPL_HIT_BIAS;
      state.selection.index = param.index;
    }
  bpl_style_init_builtin (&style, theme);
  return bpl_diagram_to_tikz (network, forward, layout, &style, &state);
}

/* The picture's body: what follows the bounding box. */
static const char *
body_of (const char *tex)
{
  const char *body = strstr (tex, "\\useasboundingbox");

  g_assert_nonnull (body);
  return body;
}

/* The body draws in named styles only: no colour, width or font of its own. */
static void
assert_named_styles_only (const char *tex)
{
  const char *body = body_of (tex);
  const char *banned[] = { "draw=", "fill=", "text=", "font=", "line width=", "rgb", "color=" };

  for (guint i = 0; i < G_N_ELEMENTS (banned); i++)
    if (strstr (body, banned[i]) != NULL)
      g_error ("“%s” in the picture's body:\n%s", banned[i], strstr (body, banned[i]));
  /* pdflatex takes ASCII: comments aside, the document is. */
  for (const char *line = strstr (tex, "\\documentclass"); *line != '\0'; line++)
    g_assert_cmpint ((guchar) *line, <, 0x80);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Compiles @tex with pdflatex and returns pdfinfo's page size ("912 x 612
 * pts"), or NULL when pdflatex is missing (the test is then skipped). */
static char *
compile (const char *tex,
         const char *name)
{
  g_autofree char *pdflatex = g_find_program_in_path ("pdflatex");
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *dir = NULL;
  g_autofree char *tex_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *tex_name = g_strconcat (name, ".tex", NULL);
  g_autofree char *pdf_name = g_strconcat (name, ".pdf", NULL);
  g_autofree char *out = NULL, *err = NULL, *info = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimer) timer = g_timer_new ();
  g_auto (GStrv) lines = NULL;
  char *size = NULL;
  int status = -1;

  if (pdflatex == NULL)
    {
      g_test_skip ("pdflatex is not installed (Debian: texlive-latex-base, texlive-pictures)");
      return NULL;
    }
  dir = g_dir_make_tmp ("bpl-tikz-XXXXXX", &error);
  g_assert_no_error (error);
  tex_path = g_build_filename (dir, tex_name, NULL);
  pdf_path = g_build_filename (dir, pdf_name, NULL);
  g_assert_true (g_file_set_contents (tex_path, tex, -1, &error));
  {
    const char *argv[] = { pdflatex, "-interaction=nonstopmode", "-halt-on-error",
                           "-no-shell-escape", tex_name, NULL };

    g_assert_true (g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                 &err, &status, &error));
    g_assert_no_error (error);
  }
  g_test_message ("pdflatex %s: %.2f s", name, g_timer_elapsed (timer, NULL));
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("pdflatex failed on %s:\n%s", name, out);
  g_assert_true (g_file_test (pdf_path, G_FILE_TEST_IS_REGULAR));
  if (pdfinfo != NULL)
    {
      const char *argv[] = { "pdfinfo", pdf_path, NULL };

      g_assert_cmpint (bpl_test_run_argv (argv, &info, NULL), ==, 0);
      lines = g_strsplit (info, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        if (g_str_has_prefix (lines[i], "Pages:"))
          g_assert_cmpstr (g_strstrip (lines[i] + strlen ("Pages:")), ==, "1");
        else if (g_str_has_prefix (lines[i], "Page size:"))
          size = g_strdup (g_strstrip (lines[i] + strlen ("Page size:")));
    }
  {
    const char *argv[] = { "rm", "-rf", dir, NULL };

    g_assert_cmpint (bpl_test_run_argv (argv, NULL, NULL), ==, 0);
  }
  return size != NULL ? size : g_strdup ("");
}

static void
test_worked_example (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autofree char *tex = tikz_of (network, 1200, 800, "w3", BPL_THEME_LIGHT);
  g_autofree char *size = NULL;
  const char *body = body_of (tex);

  assert_named_styles_only (tex);
  /* Every neuron, edge, label; the outputs' targets and errors; E_total. */
  g_assert_cmpuint (count (body, "\\node[input neuron"), ==, 2);
  g_assert_cmpuint (count (body, "\\node[hidden neuron"), ==, 2);
  g_assert_cmpuint (count (body, "\\node[output neuron"), ==, 2);
  g_assert_cmpuint (count (body, "\\draw[weight"), ==, 8);
  g_assert_cmpuint (count (body, "\\draw[bias edge"), ==, 4);
  g_assert_cmpuint (count (body, "\\node[bias node"), ==, 2);
  g_assert_nonnull (strstr (body, "{$w_{1} = 0.15$}"));
  g_assert_nonnull (strstr (body, "{$b_{2} = 0.6$}"));
  g_assert_nonnull (strstr (body, "{$0.5933$}"));
  g_assert_nonnull (strstr (body, "target $0.01$"));
  g_assert_nonnull (strstr (body, "E_{o_{1}} = 0.2748"));
  g_assert_nonnull (strstr (body, "{$E_{\\mathrm{total}} = 0.2984$}"));
  g_assert_nonnull (strstr (body, "{Hidden layer $\\cdot$ sigmoid}"));
  /* w3's path: i1 → h2 → o1, o2; w3 itself selected. */
  g_assert_nonnull (strstr (body, "\\draw[weight, on path] (n0) -- (n3);"));
  g_assert_nonnull (strstr (body, "\\draw[weight, off path] (n0) -- (n2);"));
  g_assert_nonnull (strstr (body, "\\node[weight label, selected label]"));
  g_assert_cmpuint (count (body, "on path label"), ==, 2);
  g_assert_cmpuint (count (body, "neuron, on path"), ==, 4);
  /* Positions are the layout's, in its pixels. */
  {
    g_autoptr (BplLayout) layout = bpl_layout_new (network, 1200, 800, NULL);
    g_autofree char *at = g_strdup_printf ("(n3) at (%.1f, %.1f)", layout->neurons[3].x,
                                           layout->neurons[3].y);

    g_assert_nonnull (strstr (body, at));
  }

  size = compile (tex, "worked-example");
  if (size != NULL && *size != '\0')
    g_assert_true (g_str_has_prefix (size, "912 x 612 pts"));
}

/* Nothing selected: no path styles; a negative weight dashed by its style. */
static void
test_softmax (void)
{
  g_autoptr (BplNetwork) network = load ("softmax.json");
  g_autofree char *tex = NULL;
  g_autofree char *size = NULL;
  gboolean negative = FALSE;

  for (guint w = 0; w < bpl_network_get_n_weights (network); w++)
    negative |= bpl_network_get_weight (network, w) < 0;
  g_assert_true (negative);
  tex = tikz_of (network, 900, 600, NULL, BPL_THEME_LIGHT);
  assert_named_styles_only (tex);
  g_assert_null (strstr (body_of (tex), "path"));
  g_assert_nonnull (strstr (body_of (tex), "\\draw[negative weight]"));
  g_assert_nonnull (strstr (body_of (tex), "{Output layer $\\cdot$ softmax}"));
  size = compile (tex, "softmax");
  if (size != NULL && *size != '\0')
    g_assert_true (g_str_has_prefix (size, "687 x 462 pts"));
}

/* 64 inputs in a column of 8 and an ellipsis; a weight from a neuron the
 * ellipsis stands for is drawn to it when selected; edge strength by |w|. */
static void
test_large (void)
{
  g_autoptr (BplNetwork) network = load ("digits.json");
  g_autoptr (BplLayout) layout = bpl_layout_new (network, 1200, 800, NULL);
  g_autofree char *tex = tikz_of (network, 1200, 800, "w100", BPL_THEME_LIGHT);
  g_autofree char *size = NULL;
  g_autofree char *more = g_strdup_printf ("{%u more}", layout->ellipses[0].n_hidden);
  const char *body = body_of (tex);

  g_assert_true (layout->neurons[bpl_network_get_weight_source (network, 99)].hidden);
  g_assert_true (layout->many_edges);
  assert_named_styles_only (tex);
  g_assert_nonnull (strstr (body, "{$\\vdots$}"));
  g_assert_nonnull (strstr (body, more));
  g_assert_cmpuint (count (body, "\\node[input neuron"), ==, 64 - layout->ellipses[0].n_hidden);
  g_assert_nonnull (strstr (body, "strength="));
  g_assert_nonnull (strstr (body, "{$w_{100} = -2.667$}"));
  size = compile (tex, "digits");
  if (size != NULL && *size != '\0')
    g_assert_true (g_str_has_prefix (size, "912 x 612 pts"));
}

/* The benchmarks' 256-128-128-64-10 network, 57,984 weights: an edge of
 * the neurons an ellipsis stands for is drawn once to it, not once for
 * each of them; the document stays small enough for pdflatex. */
static void
test_very_large (void)
{
  const guint sizes[] = { 256, 128, 128, 64, 10 };
  g_autoptr (BplNetwork) network = diagram_test_network (sizes, G_N_ELEMENTS (sizes),
                                                         BPL_BIAS_PER_LAYER, 5);
  g_autofree char *tex = tikz_of (network, 1200, 800, "w5000", BPL_THEME_LIGHT);
  g_autofree char *size = NULL;
  guint n_drawn = count (body_of (tex), "\\draw[");

  g_test_message ("%u lines drawn, %zu bytes", n_drawn, strlen (tex));
  assert_named_styles_only (tex);
  g_assert_cmpuint (n_drawn, <, 3000);
  size = compile (tex, "very-large");
  if (size != NULL && *size != '\0')
    g_assert_true (g_str_has_prefix (size, "912 x 612 pts"));
}

/* A dark style's light ink would vanish on paper: the light palette instead. */
static void
test_dark_theme (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autofree char *dark = tikz_of (network, 900, 600, NULL, BPL_THEME_DARK);
  g_autofree char *light = tikz_of (network, 900, 600, NULL, BPL_THEME_LIGHT);

  g_assert_cmpstr (dark, ==, light);
  g_assert_nonnull (strstr (dark, "\\definecolor{bplbackground}{rgb}{1.000,1.000,1.000}"));
}

/* The export: .tex is TikZ, written as bpl_diagram_to_tikz gives it;
 * views without TikZ refuse it; the CLI's --format. */
static void
test_export_and_cli (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autofree char *path = bpl_test_tmp_path ("w.tex");
  g_autofree char *other = bpl_test_tmp_path ("w.txt");
  g_autofree char *written = NULL;
  g_autofree char *from_cli = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  BplExportFormat format;
  BplStyle style;

  g_assert_true (bpl_export_format_from_path ("Slide.TEX", &format, NULL));
  g_assert_cmpint (format, ==, BPL_EXPORT_TIKZ);
  bpl_style_init_builtin (&style, BPL_THEME_LIGHT);
  g_assert_true (bpl_export (network, 0, NULL, &style, NULL, 1200, 800, 1, BPL_EXPORT_TIKZ, path,
                             &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  expected = tikz_of (network, 1200, 800, NULL, BPL_THEME_LIGHT);
  g_assert_cmpstr (written, ==, expected);

  /* The CLI: by the name, or --format tikz whatever the name. */
  g_assert_cmpint (run_cli (NULL, "render", "--output", path, NULL), ==, 0);
  g_clear_pointer (&written, g_free);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, expected);
  g_assert_cmpint (run_cli (NULL, "render", "--format", "tikz", "--output", other, NULL), ==, 0);
  g_assert_true (g_file_get_contents (other, &from_cli, NULL, NULL));
  g_assert_cmpstr (from_cli, ==, expected);

  g_assert_cmpint (run_cli (&err, "render", "--view", "graph", "--output", path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "graph --format tikz"));
  g_assert_cmpint (run_cli (&err, "render", "--view", "matrix", "--format", "tikz", "--output",
                            path, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "TikZ is for the diagram"));
  g_assert_cmpint (run_cli (&err, "render", "--format", "eps", "--output", path, NULL), ==, 2);
  g_assert_cmpint (run_cli (&err, "render", "--output", "x.doc", NULL), ==, 2);
  g_assert_nonnull (strstr (err, ".tex"));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  bpl_test_tmp_dir_new ("bpl-test-tikz-XXXXXX");

  g_test_add_func ("/diagram/tikz/worked-example", test_worked_example);
  g_test_add_func ("/diagram/tikz/softmax", test_softmax);
  g_test_add_func ("/diagram/tikz/large", test_large);
  g_test_add_func ("/diagram/tikz/very-large", test_very_large);
  g_test_add_func ("/diagram/tikz/dark-theme", test_dark_theme);
  g_test_add_func ("/diagram/tikz/export-and-cli", test_export_and_cli);

  status = g_test_run ();
  bpl_test_tmp_dir_remove ();
  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-report.c: the derivation written out as text, Markdown and LaTeX:
 * LaTeX that pdflatex compiles with the preamble README names, Markdown
 * that writes every formula the same way, a sum of one term written once,
 * and an update that training does not make said so in every format. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "backprop-lens.h"

/* The preamble README documents for the LaTeX output. */
#define LATEX_PREAMBLE "\\documentclass{article}\n\\usepackage{amsmath}\n"

static BplNetwork *
network_of (const guint         *sizes,
            guint                n_layers,
            BplBiasMode          bias_mode,
            const BplActivation *activations,
            BplLoss              loss,
            double               scale)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (17);
  g_autoptr (GError) error = NULL;
  BplNetwork *net = bpl_network_new (sizes, n_layers, bias_mode, &error);

  g_assert_no_error (error);
  for (guint l = 1; l < n_layers; l++)
    bpl_network_set_activation (net, l, activations[l - 1]);
  bpl_network_set_loss (net, loss);
  for (guint w = 0; w < bpl_network_get_n_weights (net); w++)
    bpl_network_set_weight (net, w, scale * g_rand_double_range (rand, -1, 1));
  for (guint b = 0; b < bpl_network_get_n_biases (net); b++)
    bpl_network_set_bias (net, b, scale * g_rand_double_range (rand, -1, 1));
  for (guint i = 0; i < sizes[0]; i++)
    bpl_network_set_input (net, 0, i, g_rand_double_range (rand, -1, 1));
  for (guint o = 0; o < sizes[n_layers - 1]; o++)
    bpl_network_set_target (net, 0, o, g_rand_double_range (rand, 0.05, 0.95));
  return net;
}

static BplNetwork *
example (const char *name)
{
  const char *root = g_getenv ("BPL_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root != NULL ? root : ".", "data", "networks", name, NULL);
  g_autoptr (GError) error = NULL;
  BplNetwork *net = bpl_network_load_from_file (path, &error);

  g_assert_no_error (error);
  return net;
}

/* Networks that between them use every activation, both losses, every
 * bias mode, softmax, a penalty, mini-batches, both optimisers, the update notes and numbers written with powers of ten. */
static GPtrArray *
report_networks (void)
{
  static const guint sizes[] = { 2, 3, 2 };
  static const guint deep_sizes[] = { 2, 2, 2, 1 };
  static const BplActivation acts[][3] = {
    { BPL_ACTIVATION_TANH, BPL_ACTIVATION_SIGMOID },
    { BPL_ACTIVATION_RELU, BPL_ACTIVATION_LINEAR },
    { BPL_ACTIVATION_LINEAR, BPL_ACTIVATION_TANH },
    { BPL_ACTIVATION_RELU, BPL_ACTIVATION_SIGMOID },
  };
  static const BplActivation deep_acts[] = { BPL_ACTIVATION_RELU, BPL_ACTIVATION_TANH, BPL_ACTIVATION_SIGMOID };
  GPtrArray *nets = g_ptr_array_new_with_free_func ((GDestroyNotify) bpl_network_free);
  BplNetwork *net;

  g_ptr_array_add (nets, bpl_network_new_worked_example ());
  g_ptr_array_add (nets, example ("deep.json"));
  /* Softmax, its collapse and a momentum update; Adam with L2 and batches. */
  g_ptr_array_add (nets, example ("softmax.json"));
  g_ptr_array_add (nets, example ("xor-adam-l2.json"));
  g_ptr_array_add (nets, network_of (sizes, 3, BPL_BIAS_PER_NEURON, acts[0], BPL_LOSS_SQUARED_ERROR, 0.5));
  g_ptr_array_add (nets, network_of (sizes, 3, BPL_BIAS_PER_LAYER, acts[1], BPL_LOSS_SQUARED_ERROR, 0.5));
  g_ptr_array_add (nets, network_of (sizes, 3, BPL_BIAS_NONE, acts[2], BPL_LOSS_SQUARED_ERROR, 0.5));
  g_ptr_array_add (nets, network_of (sizes, 3, BPL_BIAS_PER_NEURON, acts[3], BPL_LOSS_CROSS_ENTROPY, 0.5));
  /* Saturated: tiny gradients, written 1.2 × 10^{-9}. */
  g_ptr_array_add (nets, network_of (sizes, 3, BPL_BIAS_PER_LAYER, acts[0], BPL_LOSS_SQUARED_ERROR, 40));
  net = network_of (deep_sizes, 4, BPL_BIAS_PER_NEURON, deep_acts, BPL_LOSS_CROSS_ENTROPY, 1);
  bpl_network_set_update_biases (net, TRUE);
  bpl_network_set_update_order (net, BPL_UPDATE_OUTPUT_FIRST);
  g_ptr_array_add (nets, net);
  return nets;
}

/* Every weight and bias of every network, in @format. */
static char *
all_reports (BplReportFormat format)
{
  g_autoptr (GPtrArray) nets = report_networks ();
  GString *out = g_string_new (NULL);

  for (guint n = 0; n < nets->len; n++)
    {
      const BplNetwork *net = g_ptr_array_index (nets, n);
      guint n_weights = bpl_network_get_n_weights (net);

      for (guint p = 0; p < n_weights + bpl_network_get_n_biases (net); p++)
        {
          BplParam param = p < n_weights ? (BplParam) { BPL_PARAM_WEIGHT, p }
                                         : (BplParam) { BPL_PARAM_BIAS, p - n_weights };
          g_autoptr (BplDerivation) d = bpl_derivation_new (net, param, 0, NULL);
          g_autofree char *report = NULL;

          g_assert_nonnull (d);
          report = bpl_derivation_to_report (d, net, format, 11);
          g_string_append (out, report);
        }
    }
  return g_string_free (out, FALSE);
}

static void
print_log_errors (const char *log)
{
  g_auto (GStrv) lines = g_strsplit (log, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] == '!')
      for (guint k = i; k < i + 6 && lines[k] != NULL; k++)
        g_printerr ("%s\n", lines[k]);
}

/* Issue 17: δ in text mode and ≈ outside math stopped pdflatex. */
static void
test_latex_compiles (void)
{
  g_autofree char *latex = all_reports (BPL_REPORT_LATEX);
  g_autofree char *pdflatex = g_find_program_in_path ("pdflatex");
  g_autofree char *dir = NULL;
  g_autofree char *tex = NULL;
  g_autofree char *document = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = -1;

  /* pdflatex reads UTF-8, but takes only the symbols a package sets up:
   * every symbol is written as a command, so the output is ASCII. */
  for (const char *p = latex; *p; p++)
    if ((guchar) *p >= 0x80)
      {
        g_autofree char *around = g_strndup (MAX (p - 60, latex), 120);
        g_error ("non-ASCII in the LaTeX output: …%s…", around);
      }
  /* δ_o1 is a formula, not δ\\_o1 in text. */
  g_assert_null (strstr (latex, "$\\delta$\\_"));

  if (pdflatex == NULL)
    {
      g_test_skip ("pdflatex is not installed (Debian: texlive-latex-base)");
      return;
    }

  dir = g_dir_make_tmp ("bpl-latex-XXXXXX", &error);
  g_assert_no_error (error);
  tex = g_build_filename (dir, "report.tex", NULL);
  document = g_strconcat (LATEX_PREAMBLE, "\\begin{document}\n", latex, "\\end{document}\n", NULL);
  g_assert_true (g_file_set_contents (tex, document, -1, &error));
  g_assert_no_error (error);
  {
    const char *argv[] = { pdflatex, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
                           "report.tex", NULL };
    g_assert_true (g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                                 &status, &error));
    g_assert_no_error (error);
  }
  if (!g_spawn_check_wait_status (status, NULL))
    print_log_errors (out);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  {
    g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  }

  {
    const char *const leftovers[] = { "report.tex", "report.pdf", "report.log", "report.aux", NULL };
    for (guint i = 0; leftovers[i] != NULL; i++)
      {
        g_autofree char *path = g_build_filename (dir, leftovers[i], NULL);
        g_unlink (path);
      }
    g_rmdir (dir);
  }
}

/* Issue 17: one step wrote E\_total(p + h), the others E_{\mathrm{total}}. */
static void
test_markdown_consistent (void)
{
  g_autofree char *markdown = all_reports (BPL_REPORT_MARKDOWN);

  g_assert_null (strstr (markdown, "E\\_total"));
  g_assert_null (strstr (markdown, "E_total"));
  g_assert_nonnull (strstr (markdown, "(E_{\\mathrm{total}}(w_{1} + h) - E_{\\mathrm{total}}(w_{1} - h))/2h"));
  /* Symbols in the prose are the formulas' own. */
  g_assert_nonnull (strstr (markdown, "Error term $\\delta _{o1} = \\partial E_{\\mathrm{total}}/\\partial \\mathrm{net}_{o1}$"));
  g_assert_null (strstr (markdown, "δ_o1"));
}

/* Issue 17: "= 0.082167040564 = 0.082167040564": w5 reaches E_total along
 * one path, and its one-term sum was written out and then added up. */
static void
test_single_term_sum (void)
{
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  g_autoptr (BplDerivation) w5 = bpl_derivation_new (net, (BplParam) { BPL_PARAM_WEIGHT, 4 }, 0, NULL);
  g_autoptr (BplDerivation) w3 = bpl_derivation_new (net, (BplParam) { BPL_PARAM_WEIGHT, 2 }, 0, NULL);
  const BplReportFormat formats[] = { BPL_REPORT_TEXT, BPL_REPORT_MARKDOWN, BPL_REPORT_LATEX };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *report = bpl_derivation_to_report (w5, net, formats[f], 11);
      g_autofree char *twice = g_strdup ("0.082167040564 = 0.082167040564");
      g_autofree char *many = bpl_derivation_to_report (w3, net, formats[f], 11);

      g_assert_null (strstr (report, twice));
      g_assert_null (strstr (report, "0.082167040564 \\\\\n      &= 0.082167040564"));
      g_assert_nonnull (strstr (report, "0.082167040564"));
      g_assert_null (strstr (report, "Add the paths"));
      /* Two paths are still added. */
      g_assert_nonnull (strstr (many, "Add the paths"));
    }
}

/* Issue 17: b1's derivation ended "b1⁺ = … = 0.3406371953" while a step
 * leaves b1 at 0.35 (update_biases is off). Every format says so. */
static void
test_update_note (void)
{
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  g_autoptr (BplDerivation) b1 = bpl_derivation_new (net, (BplParam) { BPL_PARAM_BIAS, 0 }, 0, NULL);
  g_autoptr (BplDerivation) w1 = bpl_derivation_new (net, (BplParam) { BPL_PARAM_WEIGHT, 0 }, 0, NULL);
  g_autofree char *text = bpl_derivation_to_report (b1, net, BPL_REPORT_TEXT, 11);
  g_autofree char *markdown = bpl_derivation_to_report (b1, net, BPL_REPORT_MARKDOWN, 11);
  g_autofree char *latex = bpl_derivation_to_report (b1, net, BPL_REPORT_LATEX, 11);
  g_autofree char *note = bpl_derivation_dup_update_note (b1, net, BPL_EXPR_TEXT, 11);
  g_autofree char *markup = bpl_derivation_dup_update_note (b1, net, BPL_EXPR_MARKUP, 11);

  g_assert_false (bpl_derivation_update_is_applied (b1, net));
  g_assert_true (bpl_derivation_update_is_applied (w1, net));
  g_assert_null (bpl_derivation_dup_update_note (w1, net, BPL_EXPR_TEXT, 11));
  g_assert_cmpstr (note, ==, "Biases are not updated in this network (update_biases is off), so a training "
                             "step leaves b1 at 0.35; if they were, b1⁺ would be:");
  g_assert_nonnull (strstr (markup, "b<sub>1</sub>"));
  g_assert_nonnull (strstr (text, note));
  g_assert_nonnull (strstr (text, "= 0.3406371953"));
  g_assert_nonnull (strstr (markdown, "Biases are not updated in this network (`update_biases` is off)"));
  g_assert_nonnull (strstr (latex, "(\\texttt{update\\_biases} is off), so a training step leaves $b_{1}$ at $0.35$"));

  /* Trained biases: no note. */
  bpl_network_set_update_biases (net, TRUE);
  g_assert_true (bpl_derivation_update_is_applied (b1, net));
  g_assert_null (bpl_derivation_dup_update_note (b1, net, BPL_EXPR_TEXT, 11));

  /* Output layer first: a hidden weight's step differs from w1⁺; an output
   * weight's does not. */
  bpl_network_set_update_order (net, BPL_UPDATE_OUTPUT_FIRST);
  {
    g_autofree char *hidden = bpl_derivation_dup_update_note (w1, net, BPL_EXPR_TEXT, 11);
    g_autoptr (BplDerivation) w5 = bpl_derivation_new (net, (BplParam) { BPL_PARAM_WEIGHT, 4 }, 0, NULL);
    g_autoptr (BplDerivation) b2 = bpl_derivation_new (net, (BplParam) { BPL_PARAM_BIAS, 1 }, 0, NULL);
    g_autoptr (BplTrainer) trainer = bpl_trainer_new (net);
    g_autoptr (BplNetwork) stepped = bpl_network_copy (net);

    g_assert_nonnull (hidden);
    g_assert_nonnull (strstr (hidden, "update_order is output-first"));
    g_assert_null (bpl_derivation_dup_update_note (w5, net, BPL_EXPR_TEXT, 11));
    g_assert_null (bpl_derivation_dup_update_note (b2, net, BPL_EXPR_TEXT, 11));
    /* The note is true: the step moves w1 elsewhere than w1⁺, w5 to w5⁺. */
    g_assert_true (bpl_trainer_step (trainer, stepped, NULL));
    g_assert_cmpfloat (bpl_network_get_weight (stepped, 0), !=, w1->new_value);
    g_assert_cmpfloat (bpl_network_get_weight (stepped, 4), ==, w5->new_value);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/report/latex-compiles", test_latex_compiles);
  g_test_add_func ("/core/report/markdown-consistent", test_markdown_consistent);
  g_test_add_func ("/core/report/single-term-sum", test_single_term_sum);
  g_test_add_func ("/core/report/update-note", test_update_note);
  return g_test_run ();
}

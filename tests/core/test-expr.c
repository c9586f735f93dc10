/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-expr.c: formulas as structured data, rendered as plain text, Pango
 * markup, Markdown and LaTeX; number formatting. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "backprop-lens.h"

static void
assert_render (const BplExpr *e, BplExprStyle style, int digits, const char *expected)
{
  g_autofree char *s = bpl_expr_render (e, style, digits);
  g_assert_cmpstr (s, ==, expected);
}

static void
test_names (void)
{
  g_autoptr (BplExpr) e = bpl_expr_new ();

  bpl_expr_derivative (e, "out", "h2", "net", "h2");
  assert_render (e, BPL_EXPR_TEXT, 11, "∂out_h2/∂net_h2");
  assert_render (e, BPL_EXPR_MARKUP, 11, "∂out<sub>h2</sub>/∂net<sub>h2</sub>");
  assert_render (e, BPL_EXPR_MARKDOWN, 11, "$\\partial \\mathrm{out}_{h2}/\\partial \\mathrm{net}_{h2}$");
  assert_render (e, BPL_EXPR_LATEX, 11, "\\partial \\mathrm{out}_{h2}/\\partial \\mathrm{net}_{h2}");

  {
    g_autoptr (BplExpr) w = bpl_expr_name (bpl_expr_new (), "w", "3");
    g_autoptr (BplExpr) total = bpl_expr_name (bpl_expr_new (), "E", "total");
    g_autoptr (BplExpr) plain = bpl_expr_name (bpl_expr_new (), "η", NULL);
    g_autoptr (BplExpr) delta = bpl_expr_name (bpl_expr_new (), "δ", "o1");

    assert_render (w, BPL_EXPR_TEXT, 11, "w3");
    assert_render (w, BPL_EXPR_MARKUP, 11, "w<sub>3</sub>");
    assert_render (w, BPL_EXPR_LATEX, 11, "w_{3}");
    assert_render (w, BPL_EXPR_MARKDOWN, 11, "$w_{3}$");
    assert_render (total, BPL_EXPR_TEXT, 11, "E_total");
    assert_render (total, BPL_EXPR_MARKUP, 11, "E<sub>total</sub>");
    assert_render (total, BPL_EXPR_LATEX, 11, "E_{\\mathrm{total}}");
    assert_render (plain, BPL_EXPR_TEXT, 11, "η");
    assert_render (plain, BPL_EXPR_LATEX, 11, "\\eta ");
    assert_render (delta, BPL_EXPR_TEXT, 11, "δ_o1");
    assert_render (delta, BPL_EXPR_LATEX, 11, "\\delta _{o1}");
  }

  {
    g_autofree char *a = bpl_format_name ("out", "h2", BPL_EXPR_TEXT);
    g_autofree char *b = bpl_format_name ("out", "h2", BPL_EXPR_MARKDOWN);
    g_autofree char *c = bpl_format_name ("w", "12", BPL_EXPR_TEXT);
    g_assert_cmpstr (a, ==, "out_h2");
    g_assert_cmpstr (b, ==, "$\\mathrm{out}_{h2}$");
    g_assert_cmpstr (c, ==, "w12");
  }
}

static void
test_formula (void)
{
  g_autoptr (BplExpr) e = bpl_expr_new ();

  bpl_expr_name (e, "out", "h2");
  bpl_expr_text (e, "(1 − ");
  bpl_expr_name (e, "out", "h2");
  bpl_expr_text (e, ")");
  assert_render (e, BPL_EXPR_TEXT, 11, "out_h2(1 - out_h2)");
  assert_render (e, BPL_EXPR_MARKUP, 11, "out<sub>h2</sub>(1 − out<sub>h2</sub>)");
  assert_render (e, BPL_EXPR_LATEX, 11, "\\mathrm{out}_{h2}(1 - \\mathrm{out}_{h2})");

  /* Neighbouring literals merge into one term. */
  g_assert_cmpuint (bpl_expr_get_n_terms (e), ==, 4);
  g_assert_cmpint (bpl_expr_get_term (e, 1)->kind, ==, BPL_TERM_TEXT);
  g_assert_cmpstr (bpl_expr_get_term (e, 1)->text, ==, "(1 − ");
  g_assert_cmpint (bpl_expr_get_term (e, 0)->kind, ==, BPL_TERM_NAME);
  g_assert_cmpstr (bpl_expr_get_term (e, 0)->text, ==, "out");
  g_assert_cmpstr (bpl_expr_get_term (e, 0)->sub, ==, "h2");

  {
    g_autoptr (BplExpr) p = bpl_expr_new ();
    g_autoptr (BplExpr) copy = NULL;
    bpl_expr_name (p, "w", "6");
    bpl_expr_text (p, "·");
    bpl_expr_name (p, "δ", "o1");
    assert_render (p, BPL_EXPR_TEXT, 11, "w6 * δ_o1");
    assert_render (p, BPL_EXPR_LATEX, 11, "w_{6} \\cdot \\delta _{o1}");
    copy = bpl_expr_copy (p);
    bpl_expr_append (copy, e);
    g_assert_cmpuint (bpl_expr_get_n_terms (copy), ==, bpl_expr_get_n_terms (p) + bpl_expr_get_n_terms (e));
    assert_render (copy, BPL_EXPR_TEXT, 11, "w6 * δ_o1out_h2(1 - out_h2)");
  }
}

/* The sigmoid's exponent is raised in every rich style, in brackets in text. */
static void
test_superscript (void)
{
  g_autoptr (BplExpr) e = bpl_expr_new ();

  bpl_expr_text (e, "1/(1 + e");
  bpl_expr_sup_begin (e);
  bpl_expr_text (e, "−");
  bpl_expr_name (e, "net", "h1");
  bpl_expr_sup_end (e);
  bpl_expr_text (e, ")");
  assert_render (e, BPL_EXPR_TEXT, 4, "1/(1 + e^(-net_h1))");
  assert_render (e, BPL_EXPR_MARKUP, 4, "1/(1 + e<sup>−net<sub>h1</sub></sup>)");
  assert_render (e, BPL_EXPR_LATEX, 4, "1/(1 + e^{-\\mathrm{net}_{h1}})");
}

static void
test_numbers (void)
{
  static const struct { double v; int digits; const char *text, *markup, *latex; } cases[] = {
    { 0.24061341724921839, 11, "0.24061341725", "0.24061341725", "0.24061341725" },
    { 0.25, 11, "0.25", "0.25", "0.25" },
    { -0.21707153467853746, 11, "-0.21707153468", "−0.21707153468", "-0.21707153468" },
    { 1.5e-05, 3, "1.5e-05", "1.5×10⁻⁵", "1.5 \\times 10^{-5}" },
    { -2.5e+20, 4, "-2.5e+20", "−2.5×10²⁰", "-2.5 \\times 10^{20}" },
    { 0.0, 11, "0", "0", "0" },
    { -0.0, 11, "0", "0", "0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (BplExpr) e = bpl_expr_number (bpl_expr_new (), cases[i].v);
      g_autofree char *md = g_strdup_printf ("$%s$", cases[i].latex);
      assert_render (e, BPL_EXPR_TEXT, cases[i].digits, cases[i].text);
      assert_render (e, BPL_EXPR_MARKUP, cases[i].digits, cases[i].markup);
      assert_render (e, BPL_EXPR_LATEX, cases[i].digits, cases[i].latex);
      assert_render (e, BPL_EXPR_MARKDOWN, cases[i].digits, md);
    }

  /* Non-finite values are spelled out, never printed as nan/inf. */
  {
    g_autoptr (BplExpr) nan_e = bpl_expr_number (bpl_expr_new (), NAN);
    g_autoptr (BplExpr) inf_e = bpl_expr_number (bpl_expr_new (), INFINITY);
    g_autoptr (BplExpr) ninf_e = bpl_expr_number (bpl_expr_new (), -INFINITY);
    assert_render (nan_e, BPL_EXPR_TEXT, 11, "NaN");
    assert_render (nan_e, BPL_EXPR_MARKUP, 11, "NaN");
    assert_render (inf_e, BPL_EXPR_TEXT, 11, "∞");
    assert_render (inf_e, BPL_EXPR_LATEX, 11, "\\infty");
    assert_render (inf_e, BPL_EXPR_MARKDOWN, 11, "$\\infty$");
    assert_render (ninf_e, BPL_EXPR_TEXT, 11, "-∞");
    assert_render (ninf_e, BPL_EXPR_LATEX, 11, "-\\infty");
    assert_render (ninf_e, BPL_EXPR_MARKUP, 11, "−∞");
  }

  /* A negative number after an operator is bracketed. */
  {
    g_autoptr (BplExpr) e = bpl_expr_new ();
    bpl_expr_number (e, 0.25);
    bpl_expr_text (e, " − ");
    bpl_expr_number (e, -0.5);
    bpl_expr_text (e, "·");
    bpl_expr_number (e, -1e-7);
    assert_render (e, BPL_EXPR_TEXT, 11, "0.25 - (-0.5) * (-1e-07)");
    assert_render (e, BPL_EXPR_MARKUP, 11, "0.25 − (−0.5)·(−1×10⁻⁷)");
    assert_render (e, BPL_EXPR_LATEX, 11, "0.25 - (-0.5) \\cdot (-1 \\times 10^{-7})");
  }
}

static void
test_escaping (void)
{
  g_autoptr (BplExpr) e = bpl_expr_new ();
  g_autofree char *markup = NULL;

  bpl_expr_text (e, "a < b & c > d ");
  bpl_expr_name (e, "x<y", "&1");
  bpl_expr_text (e, " 50% of $5 #1 {x} under_score");

  markup = bpl_expr_render (e, BPL_EXPR_MARKUP, 11);
  g_assert_cmpstr (markup, ==,
                   "a &lt; b &amp; c &gt; d x&lt;y<sub>&amp;1</sub> 50% of $5 #1 {x} under_score");
  /* It is valid Pango markup: GMarkup parses it. */
  {
    g_autofree char *wrapped = g_strdup_printf ("<markup>%s</markup>", markup);
    g_autoptr (GMarkupParseContext) ctx = NULL;
    static const GMarkupParser parser = { 0 };
    g_autoptr (GError) error = NULL;
    ctx = g_markup_parse_context_new (&parser, 0, NULL, NULL);
    g_assert_true (g_markup_parse_context_parse (ctx, wrapped, -1, &error));
    g_assert_no_error (error);
  }

  assert_render (e, BPL_EXPR_LATEX, 11,
                 "a < b \\& c > d \\mathrm{x<y}_{\\&1} 50\\% of \\$5 \\#1 \\{x\\} under\\_score");
  assert_render (e, BPL_EXPR_TEXT, 11, "a < b & c > d x<y_&1 50% of $5 #1 {x} under_score");
}

static void
test_format_number (void)
{
  static const struct { double v; int digits; const char *expected; } cases[] = {
    { 0.24975114363236958, 11, "0.24975114363" },
    { 0.24975114363236958, 17, "0.24975114363236958" },
    { 0.24975114363236958, 3, "0.25" },
    { 0.24975114363236958, 1, "0.2" },
    { 0.24975114363236958, 0, "0.2" },      /* clamped to 1 */
    { 0.24975114363236958, 99, "0.24975114363236958" }, /* clamped to 17 */
    { 0.00049771273526, 11, "0.00049771273526" },
    { 3.5084786e-05, 6, "3.50848e-05" },
    { 1e21, 11, "1e+21" },
    { 123456789.0, 5, "1.2346e+08" },
    { -0.0, 11, "0" },
    { 0.0, 3, "0" },
    { -1.0, 11, "-1" },
    { NAN, 11, "NaN" },
    { INFINITY, 11, "∞" },
    { -INFINITY, 11, "-∞" },
    { 5e-324, 3, "4.94e-324" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = bpl_format_number (cases[i].v, cases[i].digits);
      g_assert_cmpstr (s, ==, cases[i].expected);
    }
}

/* Names as typed: the trailing digits become the subscript. */
static void
test_split_names (void)
{
  static const struct {
    const char  *name;
    BplExprStyle style;
    const char  *expected;
  } cases[] = {
    { "w3", BPL_EXPR_MARKUP, "w<sub>3</sub>" },
    { "h12", BPL_EXPR_MARKUP, "h<sub>12</sub>" },
    { "h12", BPL_EXPR_LATEX, "h_{12}" },
    { "bias", BPL_EXPR_MARKUP, "bias" },
    { "x1y", BPL_EXPR_MARKUP, "x1y" },
    { "12", BPL_EXPR_MARKUP, "12" },
    { "a&b1", BPL_EXPR_MARKUP, "a&amp;b<sub>1</sub>" },
    { "out1", BPL_EXPR_TEXT, "out1" },
    { "", BPL_EXPR_MARKUP, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = bpl_format_split_name (cases[i].name, cases[i].style);
      g_assert_cmpstr (s, ==, cases[i].expected);
    }
}

/* For reading: the typeset minus of the formulas, and powers of ten. */
static void
test_format_number_display (void)
{
  static const struct {
    double      v;
    int         digits;
    const char *expected;
  } cases[] = {
    { -0.31, 4, "−0.31" },
    { 0.25, 4, "0.25" },
    { -1.25e-5, 3, "−1.25×10⁻⁵" },
    { 1e-7, 2, "1×10⁻⁷" },
    { 2.5e+20, 4, "2.5×10²⁰" },
    { -1.0e+100, 3, "−1×10¹⁰⁰" },
    { -INFINITY, 4, "−∞" },
    { NAN, 4, "NaN" },
    { -0.0, 4, "0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = bpl_format_number_display (cases[i].v, cases[i].digits);
      g_assert_cmpstr (s, ==, cases[i].expected);
    }
}

/* Formatting ignores the locale: a decimal point even where a comma is usual. */
static void
test_locale (void)
{
  const char *old = setlocale (LC_NUMERIC, NULL);
  g_autofree char *saved = g_strdup (old);
  g_autofree char *s = NULL;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL && setlocale (LC_NUMERIC, "fr_FR.UTF-8") == NULL)
    {
      g_test_skip ("no locale with a decimal comma installed");
      return;
    }
  s = bpl_format_number (0.5, 11);
  setlocale (LC_NUMERIC, saved);
  g_assert_cmpstr (s, ==, "0.5");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/expr/names", test_names);
  g_test_add_func ("/core/expr/formula", test_formula);
  g_test_add_func ("/core/expr/numbers", test_numbers);
  g_test_add_func ("/core/expr/superscript", test_superscript);
  g_test_add_func ("/core/expr/escaping", test_escaping);
  g_test_add_func ("/core/expr/format-number", test_format_number);
  g_test_add_func ("/core/expr/format-number-display", test_format_number_display);
  g_test_add_func ("/core/expr/split-names", test_split_names);
  g_test_add_func ("/core/expr/locale", test_locale);

  return g_test_run ();
}

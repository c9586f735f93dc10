/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-graph-export.c: the graph as Graphviz DOT and as a TikZ picture, the
 * two forms lecturers put into notes and slides. */
#include "config.h"

#include "bpl-graph.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* TikZ, in cm: the columns' spacing, the nodes' fixed width and the height
 * they are placed for (three lines of \footnotesize), so that the page can
 * be made the picture's size. */
#define TIKZ_DX 3.6
#define TIKZ_NODE_WIDTH 2.9
#define TIKZ_LINE_HEIGHT 0.42
#define TIKZ_CHARS_A_LINE 16
#define TIKZ_DUMMY_HEIGHT 0.2
#define TIKZ_GAP 0.45
#define TIKZ_MARGIN 1.0

static char *
dot_number (double value, int digits)
{
  g_autofree char *number = bpl_format_number_display (value, digits);

  return g_markup_escape_text (number, -1);
}

/* Graphviz's HTML-like labels take <SUB> and <B> as Pango markup writes them. */
static char *
dot_label (const BplGraphNode *node, int digits)
{
  g_autofree char *name = bpl_graph_format_name (node->name, BPL_EXPR_MARKUP);
  GString *label = g_string_new (NULL);
  const char *symbol = bpl_graph_op_symbol (node->op);

  if (node->op == BPL_GRAPH_OP_GROUP)
    {
      g_autofree char *summary = g_markup_escape_text (node->summary, -1);

      g_string_append_printf (label, "<B>%s</B><BR/>%s", name, summary);
      return g_string_free (label, FALSE);
    }
  if (*symbol != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (symbol, -1);

      g_string_append_printf (label, "%s  ", escaped);
    }
  {
    g_autofree char *value = dot_number (node->value, digits);
    g_autofree char *gradient = dot_number (node->gradient, digits);

    g_string_append_printf (label, "<B>%s</B><BR/>value %s<BR/>grad %s", name, value, gradient);
  }
  return g_string_free (label, FALSE);
}

char *
bpl_graph_to_dot (const BplGraph *graph, int digits)
{
  GString *dot = g_string_new (NULL);

  g_return_val_if_fail (graph != NULL, NULL);

  g_string_append (dot, "// The computational graph from Backprop Lens: each node's value and\n"
                        "// its gradient ∂E_total/∂node. Draw with: dot -Tpdf graph.dot -o graph.pdf\n");
  g_string_append (dot, "digraph \"computational graph\" {\n"
                        "  rankdir=LR;\n"
                        "  nodesep=0.25;\n"
                        "  ranksep=0.45;\n"
                        "  node [shape=box, style=rounded, fontname=\"Cantarell,DejaVu Sans,sans-serif\", "
                        "fontsize=11];\n"
                        "  edge [arrowsize=0.6];\n");
  for (guint n = 0; n < graph->n_nodes; n++)
    {
      const BplGraphNode *node = &graph->nodes[n];
      g_autofree char *label = dot_label (node, digits);
      const char *style = "";

      if (node->op == BPL_GRAPH_OP_GROUP)
        style = ", style=\"rounded,dashed\"";
      else if (bpl_graph_node_is_leaf (node))
        style = ", style=\"rounded,filled\", fillcolor=\"#f0efed\"";
      else if (n == graph->root)
        style = ", penwidth=2";
      g_string_append_printf (dot, "  n%u [label=<%s>%s];\n", n, label, style);
    }
  for (guint e = 0; e < graph->n_edges; e++)
    g_string_append_printf (dot, "  n%u -> n%u;\n", graph->edges[e].from, graph->edges[e].to);
  g_string_append (dot, "}\n");
  return g_string_free (dot, FALSE);
}

static char *
latex_number (double value, int digits)
{
  g_autoptr (BplExpr) expr = bpl_expr_number (bpl_expr_new (), value);

  return bpl_expr_render (expr, BPL_EXPR_LATEX, digits);
}

static char *
latex_text (const char *text)
{
  g_autoptr (BplExpr) expr = bpl_expr_text (bpl_expr_new (), text);

  return bpl_expr_render (expr, BPL_EXPR_LATEX, 4);
}

/* Text mode: only LaTeX's special characters need a backslash. */
static char *
latex_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (strchr ("{}%$&#_", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Three lines (name, value, gradient), or a group's name over its summary
 * as wrapped in the node's width. */
static double
tikz_node_height (const BplGraphNode *node)
{
  guint lines = 3;

  if (node->op == BPL_GRAPH_OP_GROUP)
    lines = 1 + (g_utf8_strlen (node->summary, -1) + TIKZ_CHARS_A_LINE - 1) / TIKZ_CHARS_A_LINE;
  return lines * TIKZ_LINE_HEIGHT + 0.1;
}

/* A coordinate or length with a decimal point whatever LC_NUMERIC says: the
 * window runs in the user's locale, and TeX reads 1,50cm as 1 and ",50cm". */
static const char *
tikz_length (char *buf, const char *format, double value)
{
  return g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, format, value);
}

char *
bpl_graph_to_tikz (const BplGraph *graph, int digits)
{
  char b1[G_ASCII_DTOSTR_BUF_SIZE], b2[G_ASCII_DTOSTR_BUF_SIZE], b3[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr (BplGraphArrangement) a = NULL;
  g_autofree double *heights = NULL, *y = NULL;
  GString *tex = g_string_new (NULL);
  double width, height, top = G_MAXDOUBLE, bottom = -G_MAXDOUBLE;
  guint n_items;

  g_return_val_if_fail (graph != NULL, NULL);

  a = bpl_graph_arrange (graph);
  /* Placed as the window places them: chains level where the order allows. */
  n_items = graph->n_nodes + a->n_dummies;
  heights = g_new (double, MAX (n_items, 1));
  y = g_new (double, MAX (n_items, 1));
  for (guint i = 0; i < n_items; i++)
    heights[i] = i < graph->n_nodes ? tikz_node_height (&graph->nodes[i]) : TIKZ_DUMMY_HEIGHT;
  bpl_graph_arrangement_place (a, graph, heights, TIKZ_GAP, y);
  for (guint i = 0; i < n_items; i++)
    {
      top = MIN (top, y[i] - heights[i] / 2);
      bottom = MAX (bottom, y[i] + heights[i] / 2);
    }
  /* The page: the picture, the margins, and room for a group's summary
   * that takes a line more than placed for. */
  width = (a->n_columns > 0 ? a->n_columns - 1 : 0) * TIKZ_DX + TIKZ_NODE_WIDTH + TIKZ_MARGIN + 0.3;
  height = (n_items > 0 ? bottom - top : 0) + TIKZ_MARGIN + 0.6;

  g_string_append (tex, "% The computational graph from Backprop Lens: each node's value and its\n"
                        "% gradient dE_total/d(node). Compiles with pdflatex; the tikzpicture can be\n"
                        "% copied into slides (it needs \\usepackage{amsmath,tikz}).\n");
  g_string_append (tex, "\\documentclass{article}\n");
  g_string_append_printf (tex, "\\usepackage[paperwidth=%scm,paperheight=%scm,margin=%scm]{geometry}\n",
                          tikz_length (b1, "%.2f", width), tikz_length (b2, "%.2f", height),
                          tikz_length (b3, "%.2f", TIKZ_MARGIN / 2));
  g_string_append (tex, "\\usepackage{amsmath}\n\\usepackage{tikz}\n\\pagestyle{empty}\n\\begin{document}\n"
                        "\\vspace*{\\fill}\n\\noindent\\hfill");
  g_string_append_printf (
      tex,
      "\\begin{tikzpicture}[\n"
      "  op/.style={draw, rounded corners=2pt, align=center, font=\\footnotesize, "
      "text width=%scm, inner sep=2pt},\n"
      "  leaf/.style={op, fill=black!6},\n"
      "  group/.style={op, dashed},\n"
      "  total/.style={op, very thick},\n"
      "  flow/.style={->, >=stealth, thin}]\n",
      tikz_length (b1, "%.2f", TIKZ_NODE_WIDTH - 0.1));

  for (guint n = 0; n < graph->n_nodes; n++)
    {
      const BplGraphNode *node = &graph->nodes[n];
      g_autofree char *name = bpl_graph_format_name (node->name, BPL_EXPR_LATEX);
      double x = a->column[n] * TIKZ_DX;
      const char *style = n == graph->root ? "total" : bpl_graph_node_is_leaf (node) ? "leaf" : "op";

      if (node->op == BPL_GRAPH_OP_GROUP)
        {
          g_autofree char *summary = latex_escape (node->summary);

          g_string_append_printf (tex, "  \\node[group] (n%u) at (%s, %s) {$%s$\\\\ %s};\n", n,
                                  tikz_length (b1, "%.3f", x), tikz_length (b2, "%.3f", -y[n]), name, summary);
        }
      else
        {
          const char *symbol = bpl_graph_op_symbol (node->op);
          g_autofree char *op = *symbol != '\0' ? latex_text (symbol) : g_strdup ("");
          g_autofree char *value = latex_number (node->value, digits);
          g_autofree char *gradient = latex_number (node->gradient, digits);

          g_string_append_printf (tex,
                                  "  \\node[%s] (n%u) at (%s, %s) {%s%s%s$\\mathbf{%s}$\\\\ "
                                  "value $%s$\\\\ grad $%s$};\n",
                                  style, n, tikz_length (b1, "%.3f", x), tikz_length (b2, "%.3f", -y[n]), *op != '\0' ? "$" : "", op,
                                  *op != '\0' ? "$\\quad " : "", name, value, gradient);
        }
    }
  for (guint e = 0; e < graph->n_edges; e++)
    {
      const BplGraphEdge *edge = &graph->edges[e];
      guint span = a->column[edge->to] - a->column[edge->from];

      g_string_append_printf (tex, "  \\draw[flow] (n%u.east)", edge->from);
      /* A long edge passes its dummy slots, as the drawing does. */
      for (guint k = 0; k + 1 < span; k++)
        {
          guint column = a->column[edge->from] + 1 + k;

          g_string_append_printf (tex, " to[out=0, in=180] (%s, %s)", tikz_length (b1, "%.3f", column * TIKZ_DX),
                                  tikz_length (b2, "%.3f", -y[graph->n_nodes + a->edge_first[e] + k]));
        }
      g_string_append_printf (tex, " to[out=0, in=180] (n%u.west);\n", edge->to);
    }
  g_string_append (tex, "\\end{tikzpicture}\\hfill\\null\n\\vspace*{\\fill}\n\\end{document}\n");
  return g_string_free (tex, FALSE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-tikz.c: the diagram as a TikZ picture in a LaTeX document that
 * pdflatex compiles as it is. Everything sits where the layout puts it for
 * the window and the other exports (one unit is a layout pixel, 0.75 pt),
 * and every kind of thing is drawn in a named style with named colours, so
 * that a lecture can restyle the picture without touching its body. The
 * input and weight images of a large network are left out. */
#include "config.h"

#include "bpl-render.h"

#include <math.h>
#include <string.h>

#include "bpl-diagram-text-private.h"
#include "bpl-expr.h"
#include "bpl-forward.h"

/* A layout pixel in big points (bp, 1/72 in): 96 pixels to the inch, as
 * the PDF export. */
#define PT_PER_PX 0.75
/* The page's margin around the picture, in big points. */
#define MARGIN_PT 6.0

typedef struct
{
  GString              *tex;
  const BplNetwork     *network;
  const BplForward     *forward;
  const BplLayout      *layout;
  const BplRenderState *state;
  int                   digits;
  gboolean             *neuron_on_path;
  gboolean             *weight_on_path;
  gboolean             *bias_on_path;
  gboolean              has_path;
} Tikz;

/* Text mode: LaTeX's special characters escaped, the middle dot typeset. */
static char *
latex_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_str_has_prefix (p, "·"))
        {
          g_string_append (out, "$\\cdot$");
          p += strlen ("·") - 1;
        }
      else if (*p == '\n')
        g_string_append (out, "\\\\ ");
      else if (*p == '\\')
        g_string_append (out, "\\textbackslash{}");
      else if (strchr ("~^", *p) != NULL)
        g_string_append_printf (out, "\\%c{}", *p);
      else
        {
          if (strchr ("{}%$&#_", *p) != NULL)
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

/* A comment line holds no line break. */
static char *
comment_text (const char *text)
{
  char *out = g_strdup (text);

  g_strdelimit (out, "\r\n", ' ');
  return out;
}

/* A math-mode number: 0.5933, -0.2171, 1.5\times 10^{-5}. */
static char *
number (double value,
        int    digits)
{
  g_autoptr (BplExpr) expr = bpl_expr_number (bpl_expr_new (), value);

  return bpl_expr_render (expr, BPL_EXPR_LATEX, digits);
}

static char *
name (const char *plain)
{
  return bpl_format_split_name (plain, BPL_EXPR_LATEX);
}

static void
define_color (GString        *tex,
              const char     *name,
              const BplColor *color)
{
  g_string_append_printf (tex, "\\definecolor{%s}{rgb}{%.3f,%.3f,%.3f}\n", name,
                          CLAMP (color->r, 0, 1), CLAMP (color->g, 0, 1), CLAMP (color->b, 0, 1));
}

/* The colours: the style's, but on paper: a dark style's would be light
 * ink on white, so the light palette stands in for it. */
static void
define_colors (GString        *tex,
               const BplStyle *screen)
{
  const BplColor *bg = &screen->background;
  BplStyle paper;

  if (0.2126 * bg->r + 0.7152 * bg->g + 0.0722 * bg->b < 0.5)
    bpl_style_init_builtin (&paper, screen->high_contrast ? BPL_THEME_HIGH_CONTRAST
                                                          : BPL_THEME_LIGHT);
  else
    paper = *screen;
  define_color (tex, "bplforeground", &paper.foreground);
  define_color (tex, "bplbackground", &paper.background);
  define_color (tex, "bplpositive", &paper.positive);
  define_color (tex, "bplnegative", &paper.negative);
  define_color (tex, "bplaccent", &paper.accent);
  define_color (tex, "bplneuron", &paper.neuron_fill);
  define_color (tex, "bplbias", &paper.bias_fill);
  define_color (tex, "bplerror", &paper.error);
  /* The outputs' errors, in the accent colour as on screen. */
  g_string_append (tex, "\\colorlet{bplerrortext}{bplaccent}\n");
}

/* A role's size on the canvas, in points. */
static double
size_pt (const BplLayout *layout,
         BplFontRole      role,
         double           scale)
{
  return bpl_diagram_font_size (layout, role) * (scale > 0 ? scale : 1) * PT_PER_PX;
}

/* \bplnamefont and the like: a size and a weight, as the window's. */
static void
font (GString    *tex,
      const char *macro,
      double      size,
      gboolean    bold)
{
  g_string_append_printf (tex, "\\newcommand{\\%s}{\\fontsize{%.1f}{%.1f}\\selectfont%s}\n",
                          macro, size, size * 1.2, bold ? "\\bfseries\\boldmath" : "");
}

static void
begin_document (Tikz           *t,
                const BplStyle *style)
{
  const BplLayout *layout = t->layout;
  const char *network_name = bpl_network_get_name (t->network);
  g_autofree char *title = comment_text (network_name != NULL && *network_name != '\0'
                                           ? network_name : "Network");
  double line = layout->many_edges ? 0.6 : 1.0;

  g_string_append_printf (
    t->tex,
    "%% %s: the network diagram from Backprop Lens. Compiles with pdflatex\n"
    "%% as it is. For slides or notes, copy the colours, the fonts and the\n"
    "%% tikzpicture (it needs \\usepackage{amsmath,tikz} and the background layer)\n"
    "%% and restyle it through its styles: neuron, input/hidden/output neuron,\n"
    "%% neuron name, neuron value, bias node, weight, negative weight, strength,\n"
    "%% bias edge, weight label, bias label, output info, layer\n"
    "%% caption, ellipsis, ellipsis label, total error; with a selection, on path,\n"
    "%% off path, off path text, on path label and selected label. One unit is a\n"
    "%% pixel of the window's layout (x=0.75bp); to shrink it, add\n"
    "%% [scale=0.8, every node/.append style={scale=0.8}].\n",
    title);
  g_string_append (t->tex, "\\documentclass{article}\n");
  g_string_append_printf (t->tex,
                          "\\usepackage[paperwidth=%.2fbp,paperheight=%.2fbp,margin=%.1fbp]"
                          "{geometry}\n",
                          layout->width * PT_PER_PX + 2 * MARGIN_PT,
                          layout->height * PT_PER_PX + 2 * MARGIN_PT, MARGIN_PT);
  /* fix-cm: Computer Modern at the sizes the layout measured. */
  g_string_append (t->tex, "\\usepackage{fix-cm}\n\\usepackage{amsmath}\n\\usepackage{tikz}\n\\pagestyle{empty}\n"
                           "\\pgfdeclarelayer{background}\n\\pgfsetlayers{background,main}\n");
  define_colors (t->tex, style);
  font (t->tex, "bplnamefont", size_pt (layout, BPL_FONT_NAME, layout->neuron_text_scale), TRUE);
  font (t->tex, "bplvaluefont", size_pt (layout, BPL_FONT_VALUE, layout->neuron_text_scale),
        FALSE);
  font (t->tex, "bpllabelfont", size_pt (layout, BPL_FONT_LABEL, 1), FALSE);
  font (t->tex, "bplsmallfont", size_pt (layout, BPL_FONT_SMALL, 1), FALSE);
  font (t->tex, "bpltotalfont", size_pt (layout, BPL_FONT_TOTAL, 1), TRUE);
  g_string_append (t->tex, "\\begin{document}\n\\noindent\n");
  g_string_append_printf (
    t->tex,
    "\\begin{tikzpicture}[x=%.2fbp, y=-%.2fbp,\n"
    "  neuron/.style={circle, draw=bplforeground, fill=bplneuron, line width=%.1fpt,\n"
    "    inner sep=0pt},\n"
    "  input neuron/.style={neuron},\n"
    "  hidden neuron/.style={neuron},\n"
    "  output neuron/.style={neuron},\n"
    "  neuron name/.style={text=bplforeground, inner sep=0pt, font=\\bplnamefont},\n"
    "  neuron value/.style={text=bplforeground, inner sep=0pt, font=\\bplvaluefont},\n"
    "  bias node/.style={circle, draw=bplforeground, fill=bplbias, line width=%.1fpt,\n"
    "    inner sep=0pt, font=\\bplsmallfont},\n"
    "  weight/.style={draw=bplpositive, line width=%.1fpt},\n"
    "  negative weight/.style={weight, draw=bplnegative, dash pattern=on 4pt off 2pt},\n"
    "  strength/.style={line width=0.3pt+1.5pt*#1, draw opacity=0.2+0.8*#1},\n"
    "  bias edge/.style={weight, line width=%.1fpt},\n"
    "  weight label/.style={fill=bplbackground, fill opacity=0.85, text opacity=1,\n"
    "    text=bplforeground, rounded corners=2pt, inner sep=1.5pt, font=\\bpllabelfont},\n"
    "  bias label/.style={weight label},\n"
    "  output info/.style={anchor=west, align=left, inner sep=0pt, text=bplforeground,\n"
    "    font=\\bplsmallfont},\n"
    "  layer caption/.style={text=bplforeground!65, align=center, font=\\bplsmallfont},\n"
    "  ellipsis/.style={text=bplforeground, font=\\bplnamefont},\n"
    "  ellipsis label/.style={text=bplforeground, fill=bplbackground, fill opacity=0.85,\n"
    "    text opacity=1, rounded corners=2pt, inner sep=1.5pt, font=\\bplsmallfont},\n"
    "  total error/.style={anchor=east, inner sep=0pt, text=bplforeground,\n"
    "    font=\\bpltotalfont},\n"
    "  on path/.style={draw=bplaccent, line width=%.1fpt},\n"
    "  off path/.style={draw=bplforeground!30},\n"
    "  off path text/.style={text=bplforeground!55},\n"
    "  on path label/.style={draw=bplaccent, line width=0.6pt, fill opacity=1},\n"
    "  selected label/.style={fill=bplaccent, text=bplbackground, fill opacity=1}]\n",
    PT_PER_PX, PT_PER_PX, line * 1.2, line * 0.75, line * 0.75, line * 0.6, line * 2.2);
  /* The page is the canvas: a label at its edge does not move it. */
  g_string_append_printf (t->tex, "  \\useasboundingbox (0, 0) rectangle (%.1f, %.1f);\n",
                          layout->width, layout->height);
}

/* With a selection: ", on path" or ", off path" (dimmed), as the window
 * shows the chain-rule path. */
static const char *
path_look (const Tikz *t,
           gboolean    on)
{
  if (!t->has_path)
    return "";
  return on ? ", on path" : ", off path";
}

static const char *
text_look (const Tikz *t,
           gboolean    on)
{
  return t->has_path && !on ? ", off path text" : "";
}

static const char *
neuron_style (const Tikz *t,
              guint       n)
{
  guint layer = bpl_network_get_neuron_layer (t->network, n);

  if (layer == 0)
    return "input neuron";
  if (layer + 1 == bpl_network_get_n_layers (t->network))
    return "output neuron";
  return "hidden neuron";
}

static void
write_captions (Tikz *t)
{
  for (guint l = 0; l < t->layout->n_layers && t->layout->caption_lines > 0; l++)
    {
      const BplRect *box = &t->layout->layer_boxes[l];
      g_autofree char *caption = NULL;
      g_autofree char *text = NULL;

      if (box->width <= 0)
        continue;
      caption = bpl_diagram_layer_caption (t->network, l, t->layout->caption_lines);
      text = latex_escape (caption);
      g_string_append_printf (t->tex, "  \\node[layer caption] at (%.1f, %.1f) {%s};\n",
                              box->x + box->width / 2, box->y + box->height / 2, text);
    }
}

/* Strength 0…1 of an edge in a network of many: |w| against the largest. */
static double
strength (double value,
          double max_abs)
{
  return max_abs > 0 && isfinite (value) ? fabs (value) / max_abs : 1;
}

static int
compare_magnitude (gconstpointer a,
                   gconstpointer b,
                   gpointer      weights)
{
  double wa = fabs (((const double *) weights)[*(const guint *) a]);
  double wb = fabs (((const double *) weights)[*(const guint *) b]);

  return (wa > wb) - (wa < wb);
}

static void
write_edges (Tikz *t)
{
  const BplLayout *layout = t->layout;
  const double *weights = bpl_network_get_weights (t->network);
  guint n_weights = bpl_network_get_n_weights (t->network);
  g_autofree guint *order = g_new (guint, MAX (n_weights, 1));
  gboolean by_strength = layout->many_edges || layout->options.width_by_magnitude;
  g_autoptr (GHashTable) drawn = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  double max_abs = 0;

  for (guint w = 0; w < n_weights; w++)
    {
      order[w] = w;
      if (isfinite (weights[w]))
        max_abs = MAX (max_abs, fabs (weights[w]));
    }
  /* Many edges: the strongest last, on top, as the window draws them. */
  if (layout->many_edges)
    g_qsort_with_data (order, (gint) n_weights, sizeof (guint), compare_magnitude,
                       (gpointer) weights);

  for (guint i = 0; i < n_weights; i++)
    {
      guint w = order[i];
      const BplWeightLayout *wl = &layout->weights[w];
      guint source = bpl_network_get_weight_source (t->network, w);
      guint target = bpl_network_get_weight_target (t->network, w);
      g_autofree char *extra = NULL;

      gboolean on = t->has_path && t->weight_on_path[w];
      const char *kind = weights[w] < 0 ? "negative weight" : "weight";

      /* An edge of a neuron an ellipsis stands for is drawn, to the
       * ellipsis, only on the selection's path, as in the window. */
      if (wl->hidden && !on)
        continue;
      if (by_strength)
        extra = g_strdup_printf ("%s, strength=%.2f", path_look (t, on),
                                 strength (weights[w], max_abs));
      else
        extra = g_strdup (path_look (t, on));
      if (wl->hidden)
        {
          g_autofree char *segment = g_strdup_printf ("(%.1f, %.1f) -- (%.1f, %.1f)", wl->x1,
                                                      wl->y1, wl->x2, wl->y2);

          /* The neurons an ellipsis stands for share its place: one line
           * each way, as the window draws. */
          if (g_hash_table_contains (drawn, segment))
            continue;
          g_string_append_printf (t->tex, "  \\draw[%s%s] %s;\n", kind, extra, segment);
          g_hash_table_add (drawn, g_steal_pointer (&segment));
        }
      else
        g_string_append_printf (t->tex, "  \\draw[%s%s] (n%u) -- (n%u);\n", kind, extra, source,
                                target);
    }

  /* A shared bias's edges, to each neuron it feeds. */
  for (guint n = 0; n < layout->n_neurons; n++)
    {
      gint b = bpl_network_get_neuron_bias (t->network, n);

      /* Per-neuron biases have no node: their value is their label. */
      if (b < 0 || (guint) b >= layout->n_biases || layout->biases[b].radius <= 0
          || layout->neurons[n].hidden
          || bpl_network_get_bias_mode (t->network) != BPL_BIAS_PER_LAYER)
        continue;
      g_string_append_printf (t->tex, "  \\draw[bias edge%s%s] (b%d) -- (n%u);\n",
                              bpl_network_get_bias (t->network, b) < 0 ? ", negative weight" : "",
                              path_look (t, t->has_path && t->bias_on_path[b]
                                              && t->neuron_on_path[n]),
                              b, n);
    }
}

static void
write_neurons (Tikz *t)
{
  const BplLayout *layout = t->layout;
  guint n_neurons = layout->n_neurons;
  guint first_output = n_neurons - bpl_network_get_n_outputs (t->network);

  for (guint n = 0; n < n_neurons; n++)
    {
      const BplNeuronLayout *nl = &layout->neurons[n];
      g_autofree char *label = name (bpl_network_get_neuron_name (t->network, n));
      gboolean on = t->has_path && t->neuron_on_path[n];

      if (nl->hidden)
        continue;
      g_string_append_printf (t->tex,
                              "  \\node[%s%s, minimum size=%.1fbp] (n%u) at (%.1f, %.1f) {};\n",
                              neuron_style (t, n), path_look (t, on),
                              nl->radius * 2 * PT_PER_PX, n, nl->x, nl->y);
      /* The name and the value where the layout measured them. */
      if (nl->name_box.width > 0)
        g_string_append_printf (t->tex, "  \\node[neuron name%s] at (%.1f, %.1f) {$%s$};\n",
                                text_look (t, on), nl->name_box.x + nl->name_box.width / 2,
                                nl->name_box.y + nl->name_box.height / 2, label);
      if (t->forward != NULL && nl->value_box.width > 0)
        {
          g_autofree char *out = number (t->forward->out[n], t->digits);

          g_string_append_printf (t->tex, "  \\node[neuron value%s] at (%.1f, %.1f) {$%s$};\n",
                                  text_look (t, on), nl->value_box.x + nl->value_box.width / 2,
                                  nl->value_box.y + nl->value_box.height / 2, out);
        }

      /* An output's target and error beside it. */
      if (n >= first_output && nl->extra_box.width > 0)
        {
          guint o = n - first_output;
          const double *target = bpl_network_get_target (t->network, t->state->sample);
          g_autofree char *target_text = number (target[o], t->digits);
          g_autofree char *error_text = t->forward != NULL
                                          ? number (t->forward->error[o], t->digits) : NULL;

          g_string_append_printf (t->tex,
                                  "  \\node[output info] at (%.1f, %.1f) {target $%s$",
                                  nl->extra_box.x, nl->extra_box.y + nl->extra_box.height / 2,
                                  target_text);
          if (error_text != NULL)
            g_string_append_printf (t->tex, "\\\\ \\textcolor{bplerrortext}{$E_{%s} = %s$}", label,
                                    error_text);
          g_string_append (t->tex, "};\n");
        }
    }
}

static void
write_biases (Tikz *t)
{
  const BplLayout *layout = t->layout;

  for (guint b = 0; b < layout->n_biases; b++)
    {
      const BplBiasLayout *bl = &layout->biases[b];

      if (bl->radius > 0 && bpl_network_get_bias_mode (t->network) == BPL_BIAS_PER_LAYER)
        g_string_append_printf (t->tex,
                                "  \\node[bias node%s, minimum size=%.1fbp] (b%u) at (%.1f, %.1f) "
                                "{1};\n",
                                path_look (t, t->has_path && t->bias_on_path[b]),
                                bl->radius * 2 * PT_PER_PX, b, bl->x, bl->y);
    }
}

static const char *
label_look (const Tikz *t,
            BplHitKind  kind,
            guint       index,
            gboolean    on)
{
  if (!t->has_path)
    return "";
  if (t->state->selection.kind == kind && t->state->selection.index == index)
    return ", selected label";
  return on ? ", on path label" : ", off path text";
}

/* Labels last, over the edges. */
static void
write_labels (Tikz *t)
{
  const BplLayout *layout = t->layout;
  guint n_weights = bpl_network_get_n_weights (t->network);

  for (guint w = 0; w < n_weights; w++)
    {
      const BplWeightLayout *wl = &layout->weights[w];
      g_autofree char *label = NULL;
      g_autofree char *value = NULL;

      gboolean selected = t->state->selection.kind == BPL_HIT_WEIGHT
                          && t->state->selection.index == w;

      /* A label that gave way shows for the selection, as on screen. */
      if (wl->label.width <= 0 || (!selected && (wl->hidden || !wl->label_shown)))
        continue;
      label = name (bpl_network_get_weight_name (t->network, w));
      value = number (bpl_network_get_weight (t->network, w), t->digits);
      g_string_append_printf (t->tex, "  \\node[weight label%s] at (%.1f, %.1f) {$%s = %s$};\n",
                              label_look (t, BPL_HIT_WEIGHT, w,
                                          t->has_path && t->weight_on_path[w]),
                              wl->label.x + wl->label.width / 2,
                              wl->label.y + wl->label.height / 2, label, value);
    }
  for (guint b = 0; b < layout->n_biases; b++)
    {
      const BplBiasLayout *bl = &layout->biases[b];
      g_autofree char *label = NULL;
      g_autofree char *value = NULL;

      gboolean selected = t->state->selection.kind == BPL_HIT_BIAS
                          && t->state->selection.index == b;

      if (bl->label.width <= 0 || (!bl->label_shown && !selected))
        continue;
      label = name (bpl_network_get_bias_name (t->network, b));
      value = number (bpl_network_get_bias (t->network, b), t->digits);
      g_string_append_printf (t->tex, "  \\node[bias label%s] at (%.1f, %.1f) {$%s = %s$};\n",
                              label_look (t, BPL_HIT_BIAS, b, t->has_path && t->bias_on_path[b]),
                              bl->label.x + bl->label.width / 2,
                              bl->label.y + bl->label.height / 2, label, value);
    }
}

static void
write_ellipses (Tikz *t)
{
  for (guint l = 0; l < t->layout->n_layers; l++)
    {
      const BplEllipsisLayout *e = &t->layout->ellipses[l];
      g_autofree char *more = NULL;
      g_autofree char *text = NULL;

      if (e->radius <= 0)
        continue;
      more = bpl_diagram_more_text (e->n_hidden);
      text = latex_escape (more);
      g_string_append_printf (t->tex, "  \\node[ellipsis] at (%.1f, %.1f) {$\\vdots$};\n",
                              e->x, e->y);
      g_string_append_printf (t->tex, "  \\node[ellipsis label] at (%.1f, %.1f) {%s};\n",
                              e->label.x + e->label.width / 2, e->label.y + e->label.height / 2,
                              text);
    }
}

static void
write_total (Tikz *t)
{
  const BplRect *box = &t->layout->total_error_box;
  g_autofree char *value = NULL;
  guint n_samples = bpl_network_get_n_samples (t->network);

  if (t->forward == NULL || box->width <= 0)
    return;
  value = number (t->forward->total_error, t->digits);
  if (n_samples > 1)
    g_string_append_printf (t->tex,
                            "  \\node[total error] at (%.1f, %.1f) "
                            "{$E_{\\mathrm{total}}$ (sample %u) $= %s$};\n",
                            box->x + box->width, box->y + box->height / 2,
                            t->state->sample + 1, value);
  else
    g_string_append_printf (t->tex,
                            "  \\node[total error] at (%.1f, %.1f) {$E_{\\mathrm{total}} = %s$};\n",
                            box->x + box->width, box->y + box->height / 2, value);
}

char *
bpl_diagram_to_tikz (const BplNetwork     *network,
                     const BplForward     *forward,
                     const BplLayout      *layout,
                     const BplStyle       *style,
                     const BplRenderState *state)
{
  g_autofree gboolean *neuron_on_path = NULL;
  g_autofree gboolean *weight_on_path = NULL;
  g_autofree gboolean *bias_on_path = NULL;
  BplRenderState defaults;
  Tikz t = { 0 };

  g_return_val_if_fail (network != NULL, NULL);
  g_return_val_if_fail (layout != NULL, NULL);
  g_return_val_if_fail (style != NULL, NULL);

  if (state == NULL)
    {
      bpl_render_state_init (&defaults);
      state = &defaults;
    }
  t.tex = g_string_new (NULL);
  t.network = network;
  t.forward = forward;
  t.layout = layout;
  t.state = state;
  t.digits = layout->options.digits;

  /* The selection's chain-rule path, as the window lights it up. */
  if (state->selection.kind == BPL_HIT_WEIGHT || state->selection.kind == BPL_HIT_BIAS)
    {
      BplParam param = { state->selection.kind == BPL_HIT_WEIGHT ? BPL_PARAM_WEIGHT
                                                                  : BPL_PARAM_BIAS,
                         state->selection.index };

      neuron_on_path = g_new0 (gboolean, MAX (bpl_network_get_n_neurons (network), 1));
      weight_on_path = g_new0 (gboolean, MAX (bpl_network_get_n_weights (network), 1));
      bias_on_path = g_new0 (gboolean, MAX (bpl_network_get_n_biases (network), 1));
      bpl_network_get_path_set (network, param, neuron_on_path, weight_on_path, bias_on_path);
      t.neuron_on_path = neuron_on_path;
      t.weight_on_path = weight_on_path;
      t.bias_on_path = bias_on_path;
      t.has_path = TRUE;
    }

  begin_document (&t, style);
  write_captions (&t);
  /* Nodes first, so that the edges can end at their borders; the edges
   * then go behind them. */
  write_neurons (&t);
  write_biases (&t);
  g_string_append (t.tex, "  \\begin{pgfonlayer}{background}\n");
  write_edges (&t);
  g_string_append (t.tex, "  \\end{pgfonlayer}\n");
  write_ellipses (&t);
  write_labels (&t);
  write_total (&t);
  g_string_append (t.tex, "\\end{tikzpicture}\n\\end{document}\n");
  return g_string_free (t.tex, FALSE);
}

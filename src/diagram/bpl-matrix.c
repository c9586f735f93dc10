/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-matrix.c: the weight matrix between two layers as a heat map (see
 * bpl-matrix.h). */
#include "config.h"

#include "bpl-matrix.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "bpl-diagram-text-private.h"
#include "bpl-expr.h"

/* A cell is at most this large: a 2×2 matrix is not a poster. */
#define MAX_CELL 48.0
/* Cells this large get lines between them and marks on negative weights. */
#define MARKED_CELL 8.0
#define LEGEND_BAR 16.0
#define DIGITS 4

static const guint label_steps[] = { 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000 };

/* Every @step-th row or column named: the smallest step whose names keep
 * clear of each other. */
static guint
label_step (double cell,
            double needed)
{
  for (guint i = 0; i < G_N_ELEMENTS (label_steps); i++)
    if (label_steps[i] * cell >= needed)
      return label_steps[i];
  return label_steps[G_N_ELEMENTS (label_steps) - 1];
}

static char *
title_text (const BplNetwork *network,
            guint             layer)
{
  g_autofree char *caption = bpl_diagram_layer_caption (network, layer, 1);
  g_auto (GStrv) parts = g_strsplit (caption, " · ", 2);
  guint first = bpl_network_get_layer_start (network, layer);
  gint w1 = bpl_network_find_weight (network, bpl_network_get_layer_start (network, layer - 1),
                                     first);
  guint n = bpl_network_get_layer_size (network, layer) * bpl_network_get_layer_size (network, layer - 1);
  g_autofree char *lower = g_utf8_strdown (parts[0], -1);

  /* "Weights into hidden layer 1: w1 … w16384, 128 × 128" */
  return g_strdup_printf (C_("matrix", "Weights into %s: %s … %s, %u × %u"), lower,
                          bpl_network_get_weight_name (network, (guint) w1),
                          bpl_network_get_weight_name (network, (guint) w1 + n - 1),
                          bpl_network_get_layer_size (network, layer),
                          bpl_network_get_layer_size (network, layer - 1));
}

static double
max_abs_weight (const BplNetwork      *network,
                const BplMatrixLayout *layout)
{
  double max_abs = 0;

  for (guint i = 0; i < layout->n_rows * layout->n_cols; i++)
    {
      double w = bpl_network_get_weight (network, layout->first_weight + i);

      if (isfinite (w))
        max_abs = MAX (max_abs, fabs (w));
    }
  return max_abs;
}

/* "+0.8734", "0", "−0.8734" */
static char *
legend_text (double max_abs,
             gint   sign)
{
  g_autofree char *number = NULL;

  if (sign == 0)
    return g_strdup ("0");
  number = bpl_format_number_display (max_abs, DIGITS);
  return g_strdup_printf ("%s%s", sign > 0 ? "+" : "−", number);
}

static char *
markup_name (const char *name)
{
  return bpl_format_split_name (name, BPL_EXPR_MARKUP);
}

BplMatrixLayout *
bpl_matrix_layout_new (const BplNetwork *network,
                       guint             layer,
                       double            width,
                       double            height)
{
  BplMatrixLayout *self;
  g_autoptr (PangoFontDescription) font = NULL;
  g_autoptr (PangoFontDescription) bold = NULL;
  g_autofree char *title = NULL;
  double fs, margin, gap, line_h = 0, name_w = 0, col_name_w = 0, legend_w = 0, title_w, title_h;
  double grid_x, grid_y, avail_w, avail_h;
  PangoLayout *pl;

  g_return_val_if_fail (network != NULL, NULL);

  if (layer == 0 || layer >= bpl_network_get_n_layers (network))
    return NULL;

  self = g_new0 (BplMatrixLayout, 1);
  self->width = isfinite (width) ? CLAMP (width, 16.0, 65536.0) : 16.0;
  self->height = isfinite (height) ? CLAMP (height, 16.0, 65536.0) : 16.0;
  self->layer = layer;
  self->n_rows = bpl_network_get_layer_size (network, layer);
  self->n_cols = bpl_network_get_layer_size (network, layer - 1);
  self->first_row_neuron = bpl_network_get_layer_start (network, layer);
  self->first_col_neuron = bpl_network_get_layer_start (network, layer - 1);
  self->first_weight = (guint) bpl_network_find_weight (network, self->first_col_neuron,
                                                        self->first_row_neuron);

  fs = bpl_diagram_font_size_for (self->width, self->height, 1.0, BPL_FONT_SMALL);
  font = bpl_diagram_font_new (BPL_FONT_SMALL, fs);
  bold = bpl_diagram_font_new (BPL_FONT_NAME, bpl_diagram_font_size_for (self->width, self->height,
                                                                         1.0, BPL_FONT_NAME));
  margin = CLAMP (0.035 * MIN (self->width, self->height), 12.0, 48.0);
  gap = fs * 0.5;
  title = title_text (network, layer);

  pl = bpl_diagram_measure_begin ();
  {
    g_autofree char *escaped = g_markup_escape_text (title, -1);

    bpl_diagram_measure (pl, bold, escaped, &title_w, &title_h);
  }
  /* The widest names of the rows and of the columns. */
  for (guint r = 0; r < self->n_rows; r++)
    {
      g_autofree char *m = markup_name (bpl_network_get_neuron_name (network, self->first_row_neuron + r));
      double w, h;

      bpl_diagram_measure (pl, font, m, &w, &h);
      name_w = MAX (name_w, w);
      line_h = MAX (line_h, h);
    }
  for (guint c = 0; c < self->n_cols; c++)
    {
      g_autofree char *m = markup_name (bpl_network_get_neuron_name (network, self->first_col_neuron + c));
      double w, h;

      bpl_diagram_measure (pl, font, m, &w, &h);
      col_name_w = MAX (col_name_w, w);
      line_h = MAX (line_h, h);
    }
  /* The legend's numbers: as wide as any value at its precision. */
  {
    g_autofree char *template = bpl_diagram_value_template (DIGITS, FALSE);
    g_autofree char *widest = g_strdup_printf ("+%s", template);
    double w, h;

    bpl_diagram_measure (pl, font, widest, &w, &h);
    legend_w = LEGEND_BAR + gap + w;
  }
  bpl_diagram_measure_end ();

  self->title = (BplRect) { margin, margin, MIN (title_w, self->width - 2 * margin), title_h };
  self->row_label_width = name_w;
  self->col_label_height = line_h;
  grid_x = margin + name_w + gap;
  grid_y = margin + title_h + gap + line_h + gap;
  avail_w = self->width - margin - grid_x - 2 * gap - legend_w;
  avail_h = self->height - margin - grid_y;
  self->cell_width = MIN (MAX (avail_w, 1) / self->n_cols, MAX_CELL);
  self->cell_height = MIN (MAX (avail_h, 1) / self->n_rows, MAX_CELL);
  self->grid = (BplRect) { grid_x, grid_y, self->cell_width * self->n_cols,
                           self->cell_height * self->n_rows };
  self->row_step = label_step (self->cell_height, line_h);
  self->col_step = label_step (self->cell_width, col_name_w + gap);
  self->marks = self->cell_width >= MARKED_CELL && self->cell_height >= MARKED_CELL;

  /* The scale right of the grid, as tall as it up to a comfortable bar. */
  {
    double bar_h = CLAMP (self->grid.height, MIN (avail_h, 4 * line_h), MAX (240.0, 4 * line_h));
    double x = self->grid.x + self->grid.width + 2 * gap;
    double label_x = x + LEGEND_BAR + gap, label_w = legend_w - LEGEND_BAR - gap;

    self->legend = (BplRect) { x, grid_y, LEGEND_BAR, bar_h };
    self->legend_labels[0] = (BplRect) { label_x, grid_y, label_w, line_h };
    self->legend_labels[1] = (BplRect) { label_x, grid_y + (bar_h - line_h) / 2, label_w, line_h };
    self->legend_labels[2] = (BplRect) { label_x, grid_y + bar_h - line_h, label_w, line_h };
    if (self->marks)
      self->sign_note = (BplRect) { x, grid_y + bar_h + gap,
                                    MAX (self->width - margin - x, 0), line_h };
  }
  return self;
}

void
bpl_matrix_layout_free (BplMatrixLayout *self)
{
  g_free (self);
}

BplHit
bpl_matrix_layout_hit_test (const BplMatrixLayout *self,
                            double                 x,
                            double                 y)
{
  BplHit hit = { BPL_HIT_NONE, 0 };
  guint row, col;

  g_return_val_if_fail (self != NULL, hit);

  if (!isfinite (x) || !isfinite (y) || x < self->grid.x || y < self->grid.y
      || x >= self->grid.x + self->grid.width || y >= self->grid.y + self->grid.height)
    return hit;
  col = MIN ((guint) ((x - self->grid.x) / self->cell_width), self->n_cols - 1);
  row = MIN ((guint) ((y - self->grid.y) / self->cell_height), self->n_rows - 1);
  return (BplHit) { BPL_HIT_WEIGHT, self->first_weight + row * self->n_cols + col };
}

gboolean
bpl_matrix_layout_cell (const BplMatrixLayout *self,
                        guint                  weight,
                        BplRect               *cell)
{
  guint i;

  g_return_val_if_fail (self != NULL, FALSE);

  if (weight < self->first_weight || weight - self->first_weight >= self->n_rows * self->n_cols)
    return FALSE;
  i = weight - self->first_weight;
  if (cell != NULL)
    *cell = (BplRect) { self->grid.x + (i % self->n_cols) * self->cell_width,
                        self->grid.y + (i / self->n_cols) * self->cell_height,
                        self->cell_width, self->cell_height };
  return TRUE;
}

typedef struct {
  cairo_t              *cr;
  PangoLayout          *pl;
  PangoFontDescription *font;
  PangoFontDescription *bold;
} Text;

static void
set_color (cairo_t        *cr,
           const BplColor *color,
           double          alpha)
{
  cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a * alpha);
}

/* @markup in @box: aligned by @align (0 left, 0.5 centre, 1 right),
 * centred vertically, shrunk to fit its width. */
static void
draw_text (Text                       *t,
           const PangoFontDescription *font,
           const char                 *markup,
           const BplRect              *box,
           double                      align,
           const BplColor             *color)
{
  pango_layout_set_font_description (t->pl, font);
  pango_layout_set_markup (t->pl, markup, -1);
  bpl_diagram_show_in_box (t->cr, t->pl, box, align, color);
}

static void
draw_cells (cairo_t               *cr,
            const BplNetwork      *network,
            const BplMatrixLayout *layout,
            const BplStyle        *style,
            double                 max_abs)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) layout->n_cols,
                                                       (int) layout->n_rows);
  cairo_pattern_t *pattern;
  guint8 *data;
  int stride;

  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      return;
    }
  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (guint r = 0; r < layout->n_rows; r++)
    for (guint c = 0; c < layout->n_cols; c++)
      {
        double w = bpl_network_get_weight (network, layout->first_weight + r * layout->n_cols + c);
        BplColor color = bpl_style_diverging (style, w, max_abs);

        ((guint32 *) (void *) (data + r * stride))[c] =
          ((guint32) lround (CLAMP (color.r, 0, 1) * 255) << 16)
          | ((guint32) lround (CLAMP (color.g, 0, 1) * 255) << 8)
          | (guint32) lround (CLAMP (color.b, 0, 1) * 255);
      }
  cairo_surface_mark_dirty (image);

  cairo_save (cr);
  cairo_rectangle (cr, layout->grid.x, layout->grid.y, layout->grid.width, layout->grid.height);
  cairo_clip (cr);
  cairo_translate (cr, layout->grid.x, layout->grid.y);
  cairo_scale (cr, layout->cell_width, layout->cell_height);
  pattern = cairo_pattern_create_for_surface (image);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_set_source (cr, pattern);
  cairo_paint (cr);
  cairo_pattern_destroy (pattern);
  cairo_restore (cr);
  cairo_surface_destroy (image);

  if (!layout->marks)
    return;
  /* Lines of the background between cells, and a "−" on each negative
   * weight, dark on a pale cell and pale on a dark one. */
  set_color (cr, &style->background, 1);
  cairo_set_line_width (cr, 1);
  for (guint c = 1; c < layout->n_cols; c++)
    {
      cairo_move_to (cr, layout->grid.x + c * layout->cell_width, layout->grid.y);
      cairo_rel_line_to (cr, 0, layout->grid.height);
    }
  for (guint r = 1; r < layout->n_rows; r++)
    {
      cairo_move_to (cr, layout->grid.x, layout->grid.y + r * layout->cell_height);
      cairo_rel_line_to (cr, layout->grid.width, 0);
    }
  cairo_stroke (cr);
  cairo_set_line_width (cr, MAX (1.5, MIN (layout->cell_width, layout->cell_height) * 0.08));
  for (guint r = 0; r < layout->n_rows; r++)
    for (guint c = 0; c < layout->n_cols; c++)
      {
        double w = bpl_network_get_weight (network, layout->first_weight + r * layout->n_cols + c);
        double strong = max_abs > 0 && isfinite (w) ? fabs (w) / max_abs : 1;
        double cx = layout->grid.x + (c + 0.5) * layout->cell_width;
        double cy = layout->grid.y + (r + 0.5) * layout->cell_height;
        double half = MIN (layout->cell_width, layout->cell_height) * 0.22;

        if (isfinite (w) && w >= 0)
          continue;
        if (strong > 0.5)
          set_color (cr, &style->background, 1);
        else
          set_color (cr, &style->foreground, 0.8);
        cairo_move_to (cr, cx - half, cy);
        cairo_line_to (cr, cx + half, cy);
        cairo_stroke (cr);
      }
}

static void
draw_legend (Text                  *t,
             const BplMatrixLayout *layout,
             const BplStyle        *style,
             double                 max_abs)
{
  cairo_t *cr = t->cr;
  const BplRect *bar = &layout->legend;
  cairo_pattern_t *gradient = cairo_pattern_create_linear (0, bar->y, 0, bar->y + bar->height);
  const BplColor *stops[] = { &style->positive, &style->background, &style->negative };

  for (guint i = 0; i < 3; i++)
    cairo_pattern_add_color_stop_rgb (gradient, i / 2.0, stops[i]->r, stops[i]->g, stops[i]->b);
  cairo_rectangle (cr, bar->x, bar->y, bar->width, bar->height);
  cairo_set_source (cr, gradient);
  cairo_fill_preserve (cr);
  cairo_pattern_destroy (gradient);
  set_color (cr, &style->foreground, style->high_contrast ? 1 : 0.5);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  for (gint i = 0; i < 3; i++)
    {
      g_autofree char *text = legend_text (max_abs, 1 - i);
      g_autofree char *markup = g_markup_escape_text (text, -1);

      draw_text (t, t->font, markup, &layout->legend_labels[i], 0, &style->foreground);
    }
  if (layout->sign_note.width > 0)
    {
      g_autofree char *markup = g_markup_escape_text (C_("matrix", "− negative"), -1);

      draw_text (t, t->font, markup, &layout->sign_note, 0, &style->foreground);
    }
}

static void
outline_cell (cairo_t               *cr,
              const BplMatrixLayout *layout,
              guint                  weight,
              const BplColor        *color)
{
  BplRect cell;
  double grow_x, grow_y;

  if (!bpl_matrix_layout_cell (layout, weight, &cell))
    return;
  /* At least 8 px across, however small the cells. */
  grow_x = MAX (0, (8 - cell.width) / 2) + 1;
  grow_y = MAX (0, (8 - cell.height) / 2) + 1;
  set_color (cr, color, 1);
  cairo_set_line_width (cr, 2);
  cairo_rectangle (cr, cell.x - grow_x, cell.y - grow_y, cell.width + 2 * grow_x,
                   cell.height + 2 * grow_y);
  cairo_stroke (cr);
}

/* Whether a lit cell is in row (or column) @row: 0 no, 1 yes, 2 one is
 * fewer than @step rows away (its name takes the place of this one's). */
static guint
lit_row (const BplMatrixLayout *layout,
         const BplHit          *hits,
         guint                  n_hits,
         guint                  row,
         guint                  step,
         gboolean               columns)
{
  guint near = 0;

  for (guint i = 0; i < n_hits; i++)
    {
      guint lit;

      if (hits[i].kind != BPL_HIT_WEIGHT || !bpl_matrix_layout_cell (layout, hits[i].index, NULL))
        continue;
      lit = columns ? (hits[i].index - layout->first_weight) % layout->n_cols
                    : (hits[i].index - layout->first_weight) / layout->n_cols;
      if (lit == row)
        return 1;
      if (lit + step > row && row + step > lit)
        near = 2;
    }
  return near;
}

static void
draw_names (Text                  *t,
            const BplNetwork      *network,
            const BplMatrixLayout *layout,
            const BplStyle        *style,
            const BplHit          *hits,
            guint                  n_hits)
{
  BplColor quiet = style->foreground;

  if (!style->high_contrast)
    quiet.a *= 0.75;
  /* Every row_step-th row's name, and a lit one's; so for columns. */
  for (guint r = 0; r < layout->n_rows; r++)
    {
      guint near = lit_row (layout, hits, n_hits, r, layout->row_step, FALSE);
      gboolean lit = near == 1;
      g_autofree char *m = NULL;
      BplRect box;

      if (!lit && (r % layout->row_step != 0 || near == 2))
        continue;
      m = markup_name (bpl_network_get_neuron_name (network, layout->first_row_neuron + r));
      box = (BplRect) { layout->grid.x - layout->row_label_width - 4,
                        layout->grid.y + (r + 0.5) * layout->cell_height - layout->col_label_height / 2,
                        layout->row_label_width, layout->col_label_height };
      draw_text (t, lit ? t->bold : t->font, m, &box, 1, lit ? &style->accent : &quiet);
    }
  for (guint c = 0; c < layout->n_cols; c++)
    {
      guint near = lit_row (layout, hits, n_hits, c, layout->col_step, TRUE);
      gboolean lit = near == 1;
      double slot = layout->col_step * layout->cell_width;
      g_autofree char *m = NULL;
      BplRect box;

      if (!lit && (c % layout->col_step != 0 || near == 2))
        continue;
      m = markup_name (bpl_network_get_neuron_name (network, layout->first_col_neuron + c));
      box = (BplRect) { layout->grid.x + (c + 0.5) * layout->cell_width - slot / 2,
                        layout->grid.y - layout->col_label_height - 2, slot,
                        layout->col_label_height };
      box.x = CLAMP (box.x, 0, MAX (0, layout->width - box.width));
      draw_text (t, lit ? t->bold : t->font, m, &box, 0.5, lit ? &style->accent : &quiet);
    }
}

void
bpl_render_matrix (cairo_t               *cr,
                   const BplNetwork      *network,
                   const BplMatrixLayout *layout,
                   const BplStyle        *style,
                   const BplRenderState  *state)
{
  BplHit hits[2] = { { BPL_HIT_NONE, 0 }, { BPL_HIT_NONE, 0 } };
  double max_abs;
  Text t;
  g_autofree char *title = NULL;
  g_autofree char *title_markup = NULL;
  PangoContext *pango;

  g_return_if_fail (cr != NULL && network != NULL && layout != NULL && style != NULL);
  g_return_if_fail (layout->layer < bpl_network_get_n_layers (network)
                    && layout->n_rows == bpl_network_get_layer_size (network, layout->layer)
                    && layout->n_cols == bpl_network_get_layer_size (network, layout->layer - 1));

  if (state != NULL)
    {
      hits[0] = state->selection;
      hits[1] = state->hover;
    }
  max_abs = max_abs_weight (network, layout);

  cairo_save (cr);
  set_color (cr, &style->background, 1);
  cairo_paint (cr);
  draw_cells (cr, network, layout, style, max_abs);

  bpl_diagram_text_lock ();
  pango = bpl_diagram_context_new (cr);
  t.cr = cr;
  t.pl = pango_layout_new (pango);
  t.font = bpl_diagram_font_new (BPL_FONT_SMALL,
                                 bpl_diagram_font_size_for (layout->width, layout->height, 1.0,
                                                            BPL_FONT_SMALL));
  t.bold = pango_font_description_copy (t.font);
  pango_font_description_set_weight (t.bold, PANGO_WEIGHT_BOLD);
  {
    g_autoptr (PangoFontDescription) title_font =
      bpl_diagram_font_new (BPL_FONT_NAME, bpl_diagram_font_size_for (layout->width, layout->height,
                                                                      1.0, BPL_FONT_NAME));

    title = title_text (network, layout->layer);
    title_markup = g_markup_escape_text (title, -1);
    draw_text (&t, title_font, title_markup, &layout->title, 0, &style->foreground);
  }
  draw_names (&t, network, layout, style, hits, G_N_ELEMENTS (hits));
  draw_legend (&t, layout, style, max_abs);
  pango_font_description_free (t.font);
  pango_font_description_free (t.bold);
  g_object_unref (t.pl);
  g_object_unref (pango);
  bpl_diagram_text_unlock ();

  if (hits[1].kind == BPL_HIT_WEIGHT)
    outline_cell (cr, layout, hits[1].index, &style->hover);
  if (hits[0].kind == BPL_HIT_WEIGHT)
    outline_cell (cr, layout, hits[0].index, &style->accent);
  cairo_restore (cr);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-data-view-layout.c: where the data view puts its plot, axes and
 * legend, the part of the plane it shows, and which point is where (see
 * bpl-data-view.h). */
#include "config.h"

#include "bpl-data-view.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "bpl-data-view-private.h"
#include "bpl-diagram-text-private.h"

/* The heat-map's grid: a point every this many pixels, Cairo fills in. */
#define GRID_PIXELS 4.0
#define MAX_GRID 160
#define CURVE_PIXELS 2.0
/* A point's radius, and how far beyond it a click still takes it. */
#define POINT_RADIUS 4.5
#define HIT_SLOP 3.0

void
bpl_data_view_options_init (BplDataViewOptions *options,
                            const BplNetwork   *network)
{
  g_return_if_fail (options != NULL);

  options->output = 0;
  if (network != NULL
      && bpl_network_get_activation (network, bpl_network_get_n_layers (network) - 1)
           == BPL_ACTIVATION_SOFTMAX)
    options->output = BPL_DATA_VIEW_ARGMAX;
  options->discretize = FALSE;
  options->font_scale = 1.0;
}

void
bpl_data_view_state_init (BplDataViewState *state)
{
  g_return_if_fail (state != NULL);

  state->selected = (BplDataPoint) { BPL_DATA_POINT_NONE, 0 };
  state->hover = (BplDataPoint) { BPL_DATA_POINT_NONE, 0 };
}

/* The range of coordinate @i of every sample's and test sample's input
 * (@of_target: of target @i). */
static void
data_bounds (const BplNetwork *network,
             guint             i,
             gboolean          of_target,
             double           *lo,
             double           *hi)
{
  *lo = G_MAXDOUBLE;
  *hi = -G_MAXDOUBLE;
  for (guint s = 0; s < bpl_network_get_n_samples (network); s++)
    {
      const double *v = of_target ? bpl_network_get_target (network, s)
                                  : bpl_network_get_input (network, s);

      *lo = MIN (*lo, v[i]);
      *hi = MAX (*hi, v[i]);
    }
  for (guint s = 0; s < bpl_network_get_n_test_samples (network); s++)
    {
      const double *v = of_target ? bpl_network_get_test_target (network, s)
                                  : bpl_network_get_test_input (network, s);

      *lo = MIN (*lo, v[i]);
      *hi = MAX (*hi, v[i]);
    }
}

/* Data inside [−1, 1] (the generators' square) is shown on it, so that a
 * point added or dragged there moves nothing else; other data on its own
 * range. Either way with a margin of a tenth. */
static void
input_range (const BplNetwork *network,
             guint             i,
             double           *lo,
             double           *hi)
{
  double pad;

  data_bounds (network, i, FALSE, lo, hi);
  if (*lo >= -1 && *hi <= 1)
    {
      *lo = -1;
      *hi = 1;
    }
  if (*hi - *lo < 1e-9)
    {
      *lo -= 1;
      *hi += 1;
    }
  pad = 0.1 * (*hi - *lo);
  *lo -= pad;
  *hi += pad;
}

void
_bpl_data_view_value_scale (const BplNetwork *network,
                            guint             output,
                            double           *lo,
                            double           *hi)
{
  guint last = bpl_network_get_n_layers (network) - 1;

  switch (bpl_network_get_activation (network, last))
    {
    case BPL_ACTIVATION_SIGMOID:
    case BPL_ACTIVATION_SOFTMAX:
      *lo = 0;
      *hi = 1;
      return;
    case BPL_ACTIVATION_TANH:
      *lo = -1;
      *hi = 1;
      return;
    case BPL_ACTIVATION_RELU:
    case BPL_ACTIVATION_LINEAR:
    default:
      data_bounds (network, output, TRUE, lo, hi);
      if (*hi - *lo < 1e-9)
        {
          *lo -= 1;
          *hi += 1;
        }
      return;
    }
}

void
bpl_data_view_input_range (const BplNetwork *network,
                           double           *x_min,
                           double           *x_max,
                           double           *y_min,
                           double           *y_max)
{
  double lo = -1, hi = 1;

  g_return_if_fail (network != NULL);

  if (bpl_network_get_n_inputs (network) >= 1)
    input_range (network, 0, &lo, &hi);
  *x_min = lo;
  *x_max = hi;
  lo = -1;
  hi = 1;
  if (bpl_network_get_n_inputs (network) == 2)
    input_range (network, 1, &lo, &hi);
  *y_min = lo;
  *y_max = hi;
}

BplHeatmap *
bpl_data_view_heatmap_new (const BplNetwork *network,
                           guint             side)
{
  BplHeatmap *heatmap;
  double x_min, x_max, y_min, y_max;

  g_return_val_if_fail (network != NULL, NULL);

  if (bpl_network_get_n_inputs (network) > 2)
    return NULL;
  side = CLAMP (side, 1, BPL_HEATMAP_MAX_SIDE);
  heatmap = bpl_heatmap_new (network, side, side);
  bpl_data_view_input_range (network, &x_min, &x_max, &y_min, &y_max);
  bpl_heatmap_set_range (heatmap, x_min, x_max, y_min, y_max);
  bpl_heatmap_compute (heatmap, network);
  return heatmap;
}

/* 1, 2 or 5 times a power of ten: about @n ticks over @span. */
static double
nice_step (double span,
           double n)
{
  double raw = span / MAX (n, 1), power = pow (10, floor (log10 (raw))), f = raw / power;

  if (f < 1.5)
    return power;
  if (f < 3.5)
    return 2 * power;
  if (f < 7.5)
    return 5 * power;
  return 10 * power;
}

char *
_bpl_data_view_tick_text (double value,
                          double step)
{
  int decimals = step >= 1 ? 0 : (int) MIN (12, ceil (-log10 (step) - 1e-9));
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[16];

  if (fabs (value) < step * 1e-6)
    value = 0;
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buffer, sizeof buffer, format, fabs (value));
  return g_strdup_printf ("%s%s", value < 0 ? "−" : "", buffer);
}

/* The widest of the numbers on an axis. */
static double
widest_tick (PangoLayout                *pl,
             const PangoFontDescription *font,
             double                      lo,
             double                      hi,
             double                      step,
             double                     *height)
{
  double widest = 0;

  for (double v = ceil (lo / step) * step; v <= hi + step * 1e-9; v += step)
    {
      g_autofree char *text = _bpl_data_view_tick_text (v, step);
      double w, h;

      bpl_diagram_measure (pl, font, text, &w, &h);
      widest = MAX (widest, w);
      *height = MAX (*height, h);
    }
  return widest;
}

BplDataViewLayout *
bpl_data_view_layout_new (const BplNetwork         *network,
                          const BplDataViewOptions *options,
                          double                    width,
                          double                    height)
{
  BplDataViewLayout *self;
  BplDataViewOptions defaults;
  g_autoptr (PangoFontDescription) font = NULL;
  guint n_outputs;
  double margin, gap, line_h = 0, tick_w, title_h = 0, avail_w, avail_h, left, top, scale;
  PangoLayout *pl;

  g_return_val_if_fail (network != NULL, NULL);

  if (options == NULL)
    {
      bpl_data_view_options_init (&defaults, network);
      options = &defaults;
    }
  self = g_new0 (BplDataViewLayout, 1);
  self->width = isfinite (width) ? CLAMP (width, 16.0, 65536.0) : 16.0;
  self->height = isfinite (height) ? CLAMP (height, 16.0, 65536.0) : 16.0;
  n_outputs = bpl_network_get_n_outputs (network);
  self->argmax = options->output == BPL_DATA_VIEW_ARGMAX && n_outputs > 1;
  self->output = self->argmax ? BPL_DATA_VIEW_ARGMAX
                              : options->output < n_outputs ? options->output : 0;
  self->discretize = options->discretize;
  self->n_inputs = bpl_network_get_n_inputs (network) <= 2 ? bpl_network_get_n_inputs (network) : 0;
  _bpl_data_view_value_scale (network, self->argmax ? 0 : self->output, &self->value_min,
                              &self->value_max);

  scale = isfinite (options->font_scale) ? CLAMP (options->font_scale, 0.5, 4.0) : 1.0;
  self->font_size = bpl_diagram_font_size_for (self->width, self->height, scale, BPL_FONT_SMALL);
  font = bpl_diagram_font_new (BPL_FONT_SMALL, self->font_size);
  margin = CLAMP (0.03 * MIN (self->width, self->height), 8.0, 32.0);
  gap = self->font_size * 0.5;
  self->point_radius = POINT_RADIUS * MAX (1.0, scale * 0.8);

  if (self->n_inputs == 2)
    {
      input_range (network, 0, &self->x_min, &self->x_max);
      input_range (network, 1, &self->y_min, &self->y_max);
    }
  else if (self->n_inputs == 1)
    {
      double lo, hi, pad;

      input_range (network, 0, &self->x_min, &self->x_max);
      data_bounds (network, self->output, TRUE, &lo, &hi);
      self->y_min = MIN (lo, self->value_min);
      self->y_max = MAX (hi, self->value_max);
      pad = 0.1 * (self->y_max - self->y_min);
      self->y_min -= pad;
      self->y_max += pad;
    }
  else
    {
      self->x_min = self->y_min = -1;
      self->x_max = self->y_max = 1;
    }

  pl = bpl_diagram_measure_begin ();
  {
    double w;

    bpl_diagram_measure (pl, font, "Xg", &w, &line_h);
    title_h = line_h;
  }
  self->x_tick = nice_step (self->x_max - self->x_min, 5);
  self->y_tick = nice_step (self->y_max - self->y_min, 5);
  tick_w = widest_tick (pl, font, self->y_min, self->y_max, self->y_tick, &line_h);
  bpl_diagram_measure_end ();

  /* Title on top; left of the plot the y name (turned) and the numbers;
   * below it the numbers, the x name and the legend. */
  self->title = (BplRect) { margin, margin, self->width - 2 * margin, title_h };
  left = margin + line_h + gap + tick_w + gap;
  top = margin + title_h + gap;
  avail_w = self->width - margin - left;
  avail_h = self->height - top - (gap + line_h + gap + line_h + gap + line_h + margin);
  avail_w = MAX (avail_w, 8);
  avail_h = MAX (avail_h, 8);
  /* On whole pixels: a crisp frame, and the heat-map's image and clip
   * aligned to the pixels. */
  if (self->n_inputs == 2)
    {
      double side = floor (MIN (avail_w, avail_h));

      self->plot = (BplRect) { round (left + (avail_w - side) / 2), round (top), side, side };
    }
  else
    self->plot = (BplRect) { round (left), round (top), floor (avail_w), floor (avail_h) };

  /* The y name and the numbers just left of the plot, wherever it is
   * centred; the title and the legend start where they do. */
  {
    double below = self->plot.y + self->plot.height + gap + line_h + gap;
    double name_x = self->plot.x - gap - tick_w - gap - line_h;

    self->x_label = (BplRect) { self->plot.x, below, self->plot.width, line_h };
    self->y_label = (BplRect) { name_x, self->plot.y, line_h, self->plot.height };
    self->title = (BplRect) { name_x, margin, self->width - margin - name_x, title_h };
    self->legend = (BplRect) { name_x, below + line_h + gap, self->width - margin - name_x, line_h };
  }
  if (self->n_inputs == 2)
    {
      self->grid_cols = (guint) CLAMP (ceil (self->plot.width / GRID_PIXELS), 8, MAX_GRID);
      self->grid_rows = (guint) CLAMP (ceil (self->plot.height / GRID_PIXELS), 8, MAX_GRID);
    }
  else
    {
      self->grid_cols = (guint) CLAMP (ceil (self->plot.width / CURVE_PIXELS), 8,
                                       BPL_HEATMAP_MAX_SIDE);
      self->grid_rows = 1;
    }
  return self;
}

void
bpl_data_view_layout_free (BplDataViewLayout *self)
{
  g_free (self);
}

void
bpl_data_view_to_canvas (const BplDataViewLayout *self,
                         double                   x,
                         double                   y,
                         double                  *px,
                         double                  *py)
{
  g_return_if_fail (self != NULL);

  if (px != NULL)
    *px = self->plot.x + (x - self->x_min) / (self->x_max - self->x_min) * self->plot.width;
  if (py != NULL)
    *py = self->plot.y + (self->y_max - y) / (self->y_max - self->y_min) * self->plot.height;
}

void
bpl_data_view_from_canvas (const BplDataViewLayout *self,
                           double                   px,
                           double                   py,
                           double                  *x,
                           double                  *y)
{
  g_return_if_fail (self != NULL);

  if (x != NULL)
    *x = self->x_min + (px - self->plot.x) / self->plot.width * (self->x_max - self->x_min);
  if (y != NULL)
    *y = self->y_max - (py - self->plot.y) / self->plot.height * (self->y_max - self->y_min);
}

gboolean
bpl_data_view_point_position (const BplDataViewLayout *self,
                              const BplNetwork        *network,
                              BplDataPoint             point,
                              double                  *px,
                              double                  *py)
{
  const double *input, *target;
  double y;

  g_return_val_if_fail (self != NULL && network != NULL, FALSE);

  if (self->n_inputs == 0)
    return FALSE;
  if (point.kind == BPL_DATA_POINT_SAMPLE && point.index < bpl_network_get_n_samples (network))
    {
      input = bpl_network_get_input (network, point.index);
      target = bpl_network_get_target (network, point.index);
    }
  else if (point.kind == BPL_DATA_POINT_TEST
           && point.index < bpl_network_get_n_test_samples (network))
    {
      input = bpl_network_get_test_input (network, point.index);
      target = bpl_network_get_test_target (network, point.index);
    }
  else
    return FALSE;
  y = self->n_inputs == 2 ? input[1] : target[self->output];
  bpl_data_view_to_canvas (self, input[0], y, px, py);
  return TRUE;
}

static void
nearest (const BplDataViewLayout *self,
         const BplNetwork        *network,
         BplDataPointKind         kind,
         guint                    n,
         double                   px,
         double                   py,
         double                  *best,
         BplDataPoint            *hit)
{
  for (guint i = 0; i < n; i++)
    {
      BplDataPoint p = { kind, i };
      double x, y, d;

      if (!bpl_data_view_point_position (self, network, p, &x, &y))
        continue;
      d = hypot (x - px, y - py);
      if (d <= *best)
        {
          *best = d;
          *hit = p;
        }
    }
}

BplDataPoint
bpl_data_view_hit_test (const BplDataViewLayout *self,
                        const BplNetwork        *network,
                        double                   px,
                        double                   py)
{
  BplDataPoint hit = { BPL_DATA_POINT_NONE, 0 };
  double best;

  g_return_val_if_fail (self != NULL && network != NULL, hit);

  if (!isfinite (px) || !isfinite (py))
    return hit;
  best = self->point_radius + HIT_SLOP;
  /* Test points are drawn over the samples: on a tie they win. */
  nearest (self, network, BPL_DATA_POINT_SAMPLE, bpl_network_get_n_samples (network), px, py,
           &best, &hit);
  nearest (self, network, BPL_DATA_POINT_TEST, bpl_network_get_n_test_samples (network), px, py,
           &best, &hit);
  return hit;
}

gboolean
bpl_data_view_in_plot (const BplDataViewLayout *self,
                       double                   px,
                       double                   py)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->n_inputs > 0 && px >= self->plot.x && py >= self->plot.y
         && px <= self->plot.x + self->plot.width && py <= self->plot.y + self->plot.height;
}

guint
bpl_data_view_target_class (const BplDataViewLayout *self,
                            const BplNetwork        *network,
                            const double            *target)
{
  g_return_val_if_fail (self != NULL && network != NULL && target != NULL, 0);

  if (self->argmax)
    {
      guint best = 0;

      for (guint o = 1; o < bpl_network_get_n_outputs (network); o++)
        if (target[o] > target[best])
          best = o;
      return best;
    }
  return target[self->output] >= (self->value_min + self->value_max) / 2 ? 1 : 0;
}

static void
add_number (JsonBuilder *b,
            const char  *key,
            double       value)
{
  /* As bpl-layout-json.c: json-glib 1.6 writes 1e-07 as "1e-07.0". */
  if (fabs (value) < 1e-9)
    value = 0;
  json_builder_set_member_name (b, key);
  json_builder_add_double_value (b, value);
}

char *
bpl_data_view_layout_to_json (const BplDataViewLayout *self)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "view");
  json_builder_add_string_value (b, "data");
  add_number (b, "width", self->width);
  add_number (b, "height", self->height);
  json_builder_set_member_name (b, "n_inputs");
  json_builder_add_int_value (b, self->n_inputs);
  json_builder_set_member_name (b, "output");
  if (self->argmax)
    json_builder_add_string_value (b, "argmax");
  else
    json_builder_add_int_value (b, self->output + 1);
  json_builder_set_member_name (b, "discretize");
  json_builder_add_boolean_value (b, self->discretize);
  json_builder_set_member_name (b, "plot");
  json_builder_begin_object (b);
  add_number (b, "x", self->plot.x);
  add_number (b, "y", self->plot.y);
  add_number (b, "width", self->plot.width);
  add_number (b, "height", self->plot.height);
  json_builder_end_object (b);
  add_number (b, "x_min", self->x_min);
  add_number (b, "x_max", self->x_max);
  add_number (b, "y_min", self->y_min);
  add_number (b, "y_max", self->y_max);
  add_number (b, "value_min", self->value_min);
  add_number (b, "value_max", self->value_max);
  json_builder_set_member_name (b, "grid");
  json_builder_begin_array (b);
  json_builder_add_int_value (b, self->grid_cols);
  json_builder_add_int_value (b, self->grid_rows);
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

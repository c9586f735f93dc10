/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-layout.c: where the diagram's parts go on a canvas. */
#include "config.h"

#include "bpl-layout.h"

#include <math.h>
#include <string.h>

#include "bpl-diagram-text-private.h"
#include "bpl-expr.h"
#include "bpl-layout-private.h"

/* Where along an edge (0 = source, 1 = target) a weight label may sit, best
 * first: near the source end, where the edges of one neuron fan apart. */
static const double label_positions[] = {
  0.26, 0.33, 0.19, 0.40, 0.47, 0.54, 0.61, 0.68, 0.75,
  /* Between those, when a crowded canvas leaves none of them free. */
  0.225, 0.295, 0.365, 0.435, 0.505, 0.575, 0.645, 0.715, 0.785, 0.155, 0.82,
};

/* A neuron's radius is at most this share of the distance between
 * neighbours in its column. */
#define MAX_RADIUS_SHARE 0.44

/* Neurons closer than this are dots too small to tell apart or to click: a
 * column of more than fit at this pitch shows its first and last neurons
 * and an ellipsis for the rest. */
#define MIN_PITCH 24.0
/* An input column beside its image shows no more than this: the image
 * shows the inputs, and an image's first and last pixels are its corners. */
#define IMAGE_COLUMN_SLOTS 9
/* Nor does any column of a network of more than LABEL_LIMIT weights show
 * more than this: 25 × 25 edges between two columns are as many as a
 * reader follows, and as many as a frame has time to light up. */
#define LARGE_COLUMN_SLOTS 25

/* More edges than this are not read one by one (see BplLayout.many_edges).
 * Nor are more weight labels than LABEL_LIMIT: beyond it each label box is
 * measured on a template of its name's length instead of its own text,
 * which at 58k weights took a second. */
#define MANY_EDGES 300
#define LABEL_LIMIT 4096
/* Beyond this many neurons, names are measured on templates too. */
#define NAME_LIMIT 512

/* A label hides what runs under it. It may hide this many label heights
 * of other edges in all (three edges crossing it at a slant, say), and of
 * any one edge at most MAX_HIDDEN_ALONG: an edge that runs along a label
 * could be the one it names. */
#define MAX_HIDDEN 4.0
#define MAX_HIDDEN_ALONG 2.0
/* Nor more of a short edge than this share: the rest must still show it,
 * and take a click. */
#define MAX_HIDDEN_SHARE 0.25

void
bpl_layout_options_init (BplLayoutOptions *options)
{
  g_return_if_fail (options != NULL);

  options->digits = 4;
  options->show_labels = TRUE;
  options->width_by_magnitude = FALSE;
  options->font_scale = 1.0;
}

void
bpl_layout_free (BplLayout *self)
{
  if (self == NULL)
    return;
  g_free (self->neurons);
  g_free (self->weights);
  g_free (self->biases);
  g_free (self->layer_boxes);
  g_free (self->ellipses);
  g_free (self->neuron_images);
  bpl_layout_index_free (self->index);
  g_free (self);
}

typedef struct {
  double w, h;
} Size;

/* Everything measured once, before placing. */
typedef struct {
  const BplNetwork *network;
  BplLayout        *layout;
  guint             n_layers;
  guint             max_layer_size;
  BplBiasMode       bias_mode;

  double            margin;
  Size             *names;          /* per neuron */
  Size              value;          /* the value template */
  Size             *extras;         /* per output: both lines */
  double            extra_line_h[2];
  Size              total;
  Size             *bias_labels;    /* per bias */
  Size             *weight_labels;  /* per weight */
  double            label_h;        /* one label line */
  Size             *captions[2];    /* per layer: on one line, on two */
  double            caption_h[2];
  Size              more[8];        /* "8 more", "88 more", …: an ellipsis's count */
} Measure;

static Size
measure (PangoLayout                *pl,
         const PangoFontDescription *font,
         const char                 *markup)
{
  Size s;

  bpl_diagram_measure (pl, font, markup, &s.w, &s.h);
  return s;
}

/* Whether some column may show fewer neurons than it has (see
 * column_slots ()). */
static gboolean
may_collapse (const Measure *m)
{
  return m->max_layer_size > floor (m->layout->height / MIN_PITCH)
         || (m->layout->image_side > 0 && bpl_network_get_n_inputs (m->network) > IMAGE_COLUMN_SLOTS)
         || (m->layout->n_weights > LABEL_LIMIT && m->max_layer_size > LARGE_COLUMN_SLOTS);
}

/* "w12345" → "w88888": a name of the same shape, to measure in its place. */
static char *
template_name (const char *name)
{
  char *shape = g_strdup (name);

  for (char *p = shape; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      *p = '8';
  return shape;
}

/* Sizes measured on templates, one for each shape of name: a letter and
 * so many digits ("h" and 3), which is all that tells the generated names
 * apart (w1…w65536, i1…i1024). Other names get none. */
typedef struct {
  Size     sizes[128][8];
  gboolean known[128][8];
} Shapes;

static Size *
shape_size (Shapes     *shapes,
            const char *name,
            gboolean   *known)
{
  guint len = strlen (name), digits = 0;

  for (const char *p = name + 1; *p != '\0'; p++)
    digits += g_ascii_isdigit (*p) ? 1 : 0;
  if (len < 2 || (guchar) name[0] >= 128 || digits + 1 != len || digits >= 8)
    return NULL;
  *known = shapes->known[(guchar) name[0]][digits];
  shapes->known[(guchar) name[0]][digits] = TRUE;
  return &shapes->sizes[(guchar) name[0]][digits];
}

static void
measure_all (Measure *m)
{
  const BplNetwork *net = m->network;
  BplLayout *layout = m->layout;
  int digits = layout->options.digits;
  g_autoptr (PangoFontDescription) name_font = NULL;
  g_autoptr (PangoFontDescription) value_font = NULL;
  g_autoptr (PangoFontDescription) label_font = NULL;
  g_autoptr (PangoFontDescription) small_font = NULL;
  g_autoptr (PangoFontDescription) total_font = NULL;
  g_autofree char *template = bpl_diagram_value_template (digits, FALSE);
  g_autofree char *small_template = bpl_diagram_value_template (digits, TRUE);
  g_autofree char *total_markup = NULL;
  g_autofree char *target_markup = NULL;
  g_autofree Shapes *name_shapes = layout->n_neurons > NAME_LIMIT ? g_new0 (Shapes, 1) : NULL;
  g_autofree Shapes *label_shapes = layout->n_weights > LABEL_LIMIT ? g_new0 (Shapes, 1) : NULL;
  g_autofree Shapes *bias_shapes = label_shapes != NULL ? g_new0 (Shapes, 1) : NULL;
  guint first_output = layout->n_neurons - layout->n_outputs;
  PangoLayout *pl;

  name_font = bpl_diagram_font_new (BPL_FONT_NAME, bpl_diagram_font_size (layout, BPL_FONT_NAME));
  value_font = bpl_diagram_font_new (BPL_FONT_VALUE, bpl_diagram_font_size (layout, BPL_FONT_VALUE));
  label_font = bpl_diagram_font_new (BPL_FONT_LABEL, bpl_diagram_font_size (layout, BPL_FONT_LABEL));
  small_font = bpl_diagram_font_new (BPL_FONT_SMALL, bpl_diagram_font_size (layout, BPL_FONT_SMALL));
  total_font = bpl_diagram_font_new (BPL_FONT_TOTAL, bpl_diagram_font_size (layout, BPL_FONT_TOTAL));

  m->names = g_new0 (Size, layout->n_neurons);
  m->extras = g_new0 (Size, MAX (layout->n_outputs, 1));
  m->bias_labels = g_new0 (Size, MAX (layout->n_biases, 1));
  m->weight_labels = g_new0 (Size, MAX (layout->n_weights, 1));

  pl = bpl_diagram_measure_begin ();

  for (guint n = 0; n < layout->n_neurons; n++)
    {
      const char *name = bpl_network_get_neuron_name (net, n);
      gboolean known = FALSE;
      Size *shape = layout->n_neurons > NAME_LIMIT ? shape_size (name_shapes, name, &known) : NULL;
      g_autofree char *shaped = shape != NULL ? template_name (name) : NULL;
      g_autofree char *markup = NULL;

      /* Names of one shape ("h" and three digits) measure alike. */
      if (known)
        {
          m->names[n] = *shape;
          continue;
        }
      markup = bpl_format_split_name (shaped != NULL ? shaped : name, BPL_EXPR_MARKUP);
      m->names[n] = measure (pl, name_font, markup);
      if (shape != NULL)
        *shape = m->names[n];
    }
  m->value = measure (pl, value_font, template);

  target_markup = bpl_diagram_target_markup (template);
  for (guint o = 0; o < layout->n_outputs; o++)
    {
      const char *name = bpl_network_get_neuron_name (net, first_output + o);
      g_autofree char *error_markup = bpl_diagram_error_markup (name, small_template);
      Size target = measure (pl, small_font, target_markup);
      Size error = measure (pl, small_font, error_markup);

      m->extras[o].w = MAX (target.w, error.w);
      m->extras[o].h = target.h + error.h;
      m->extra_line_h[0] = target.h;
      m->extra_line_h[1] = error.h;
    }

  /* The widest sample number: the render fills the box from the right. */
  total_markup = bpl_diagram_total_markup (small_template,
                                           MAX (bpl_network_get_n_samples (net), 1) - 1,
                                           bpl_network_get_n_samples (net));
  m->total = measure (pl, total_font, total_markup);

  for (guint b = 0; b < layout->n_biases; b++)
    {
      const char *name = bpl_network_get_bias_name (net, b);
      gboolean known = FALSE;
      Size *shape = label_shapes != NULL ? shape_size (bias_shapes, name, &known) : NULL;
      g_autofree char *markup = NULL;

      /* A large network's labels, biases' too, on templates: its layout
       * is then its shape's alone (layout->by_shape). */
      if (known)
        {
          m->bias_labels[b] = *shape;
          continue;
        }
      if (shape != NULL)
        {
          g_autofree char *shaped = template_name (name);
          g_autofree char *number = bpl_diagram_value_template (digits, FALSE);
          g_autofree char *name_markup = bpl_format_split_name (shaped, BPL_EXPR_MARKUP);

          markup = g_strdup_printf ("%s = %s", name_markup, number);
        }
      else
        markup = bpl_diagram_param_label (name, bpl_network_get_bias (net, b), digits, FALSE);
      m->bias_labels[b] = measure (pl, label_font, markup);
      m->bias_labels[b].w += 2 * BPL_LABEL_PAD_X;
      m->bias_labels[b].h += 2 * BPL_LABEL_PAD_Y;
      if (shape != NULL)
        *shape = m->bias_labels[b];
    }

  for (guint w = 0; w < layout->n_weights; w++)
    {
      const char *name = bpl_network_get_weight_name (net, w);
      gboolean known = FALSE;
      Size *shape = layout->n_weights > LABEL_LIMIT ? shape_size (label_shapes, name, &known) : NULL;
      g_autofree char *markup = NULL;

      if (known)
        {
          m->weight_labels[w] = *shape;
          continue;
        }
      if (shape != NULL)
        {
          /* As wide as the name's shape with the widest usual value. */
          g_autofree char *shaped = template_name (name);
          g_autofree char *number = bpl_diagram_value_template (digits, FALSE);
          g_autofree char *name_markup = bpl_format_split_name (shaped, BPL_EXPR_MARKUP);

          markup = g_strdup_printf ("%s = %s", name_markup, number);
        }
      else
        markup = bpl_diagram_param_label (name, bpl_network_get_weight (net, w), digits, FALSE);
      m->weight_labels[w] = measure (pl, label_font, markup);
      m->weight_labels[w].w += 2 * BPL_LABEL_PAD_X;
      m->weight_labels[w].h += 2 * BPL_LABEL_PAD_Y;
      if (shape != NULL)
        *shape = m->weight_labels[w];
    }

  /* The count of an ellipsis, for each number of digits, when a column may
   * need one. */
  for (guint d = 0; may_collapse (m) && d < G_N_ELEMENTS (m->more); d++)
    {
      g_autofree char *text = bpl_diagram_more_text ((guint) (pow (10, d + 1) - 1) / 9 * 8);
      g_autofree char *markup = g_markup_escape_text (text, -1);

      m->more[d] = measure (pl, small_font, markup);
      m->more[d].w += 2 * BPL_LABEL_PAD_X;
      m->more[d].h += 2 * BPL_LABEL_PAD_Y;
    }

  /* A label line as the labels are written: with the name's subscript. */
  m->label_h = measure (pl, label_font, "w<sub>1</sub> = 0").h + 2 * BPL_LABEL_PAD_Y;

  /* Each caption on one line ("Hidden layer 1 · sigmoid"), and on two,
   * the activation under the name, for narrower columns. */
  for (guint lines = 1; lines <= 2; lines++)
    {
      m->captions[lines - 1] = g_new0 (Size, MAX (m->n_layers, 1));
      for (guint l = 0; l < m->n_layers; l++)
        {
          g_autofree char *caption = bpl_diagram_layer_caption (net, l, lines);
          g_auto (GStrv) parts = g_strsplit (caption, "\n", -1);
          Size *size = &m->captions[lines - 1][l];

          for (guint i = 0; parts[i] != NULL; i++)
            {
              g_autofree char *markup = g_markup_escape_text (parts[i], -1);
              Size line = measure (pl, small_font, markup);

              size->w = MAX (size->w, line.w);
              size->h += line.h;
            }
          m->caption_h[lines - 1] = MAX (m->caption_h[lines - 1], size->h);
        }
    }

  bpl_diagram_measure_end ();
}

static void
measure_clear (Measure *m)
{
  g_free (m->names);
  g_free (m->extras);
  g_free (m->bias_labels);
  g_free (m->weight_labels);
  g_free (m->captions[0]);
  g_free (m->captions[1]);
}

static BplRect
rect_centered (double cx,
               double cy,
               Size   size)
{
  return (BplRect) { cx - size.w / 2, cy - size.h / 2, size.w, size.h };
}

static gboolean
rect_is_empty (const BplRect *r)
{
  return r->width <= 0 || r->height <= 0;
}

gboolean
bpl_rect_intersects (const BplRect *a,
                     const BplRect *b,
                     double         spacing)
{
  if (rect_is_empty (a) || rect_is_empty (b))
    return FALSE;
  return a->x < b->x + b->width + spacing && b->x < a->x + a->width + spacing
         && a->y < b->y + b->height + spacing && b->y < a->y + a->height + spacing;
}

static gboolean
rect_inside (const BplRect *r,
             double         width,
             double         height,
             double         inset)
{
  return r->x >= inset && r->y >= inset
         && r->x + r->width <= width - inset && r->y + r->height <= height - inset;
}

enum {
  CROWDED_TOTAL = 1 << 0,       /* E_total meets a bias in the shared row */
  CROWDED_BIAS_LABELS = 1 << 1, /* neighbouring bias labels meet */
  CROWDED_CAPTIONS = 1 << 2,    /* layer captions meet: on two lines */
  CROWDED_STAGGERED = 1 << 3,   /* bias labels meet even staggered: per-neuron ones
                                 * give way to a knob on the neuron, the label shown
                                 * for the selection and on hover */
  CROWDED_CAPTION_LINES = 1 << 4, /* captions meet even on two lines: leave them out */
  N_CROWDED = 5,
};

/* The smallest circle around a name over a value, with 2 px to spare, and
 * where the pair then sits: the wider line nearer the middle, where the
 * circle is widest. @shift is the pair's centre below the circle's. */
static double
text_radius (Size    name,
             Size    value,
             double *shift)
{
  double h = name.h + value.h, best = G_MAXDOUBLE;

  *shift = 0;
  for (int i = 0; i <= 40; i++)
    {
      double d = h * (i / 40.0 - 0.5);
      double top = d - h / 2, line = top + name.h, bottom = d + h / 2;
      double r = MAX (hypot (name.w / 2, MAX (fabs (top), fabs (line))),
                      hypot (value.w / 2, MAX (fabs (line), fabs (bottom))));

      if (r < best)
        {
          best = r;
          *shift = d;
        }
    }
  return best + 2;
}

/* How many neurons a column of @size shows over @span: all, or as many as
 * fit MIN_PITCH apart (counting the ellipsis), at least the first, the
 * ellipsis and the last. */
static guint
layer_slots (guint  size,
             double span)
{
  double fit = floor (span / MIN_PITCH);

  return (double) size <= fit ? size : (guint) MAX (fit, 3.0);
}

/* The slots of column @l: an input column beside its image shows fewer. */
static guint
column_slots (const BplLayout  *layout,
              const BplNetwork *network,
              guint             l,
              double            span)
{
  guint size = bpl_network_get_layer_size (network, l);
  guint slots = layer_slots (size, span);

  if (l == 0 && layout->input_image.width > 0 && size > IMAGE_COLUMN_SLOTS)
    slots = MIN (slots, IMAGE_COLUMN_SLOTS);
  if (layout->n_weights > LABEL_LIMIT && size > LARGE_COLUMN_SLOTS)
    slots = MIN (slots, LARGE_COLUMN_SLOTS);
  return slots;
}

/* The shown slot of the @k-th of @size neurons in a column of @slots: the
 * first ones at the top, the last ones at the bottom, and between them the
 * ellipsis's slot (returned for every hidden neuron, with *@hidden set). */
static guint
neuron_slot (guint     k,
             guint     size,
             guint     slots,
             gboolean *hidden)
{
  guint top = slots / 2, bottom = slots - 1 - top;

  *hidden = FALSE;
  if (slots >= size)
    return k;
  if (k < top)
    return k;
  if (k >= size - bottom)
    return top + 1 + (k - (size - bottom));
  *hidden = TRUE;
  return top;
}

/* Places neurons, biases, extras and E_total. @fixes are the CROWDED_ flags
 * of an earlier try to avoid: E_total in a row of its own, bias labels
 * staggered over two rows. Returns what is still crowded. */
static guint
place_nodes (Measure *m,
             guint    fixes)
{
  gboolean total_row = (fixes & CROWDED_TOTAL) != 0;
  /* Per-neuron bias labels hidden (CROWDED_STAGGERED) need no second row. */
  gboolean hide_bias_labels = (fixes & CROWDED_STAGGERED) != 0;
  gboolean stagger = (fixes & CROWDED_BIAS_LABELS) != 0 && !hide_bias_labels;
  /* A per-neuron bias's knob, when its label gives way. */
  double knob_r = CLAMP (bpl_diagram_font_size (m->layout, BPL_FONT_VALUE) * 0.3, 3.0, 6.0);
  BplLayout *layout = m->layout;
  const BplNetwork *net = m->network;
  double W = layout->width, H = layout->height, margin = m->margin;
  double gap = bpl_diagram_font_size (layout, BPL_FONT_VALUE) * 0.4;
  double top = margin, bottom, band = 0, s, extras_w = 0, r, r_text, r_name = 0, dx, x0;
  double bias_r = 0, max_name_w = 0, max_name_h = 0, avail, r_max, text_scale, shift = 0;
  guint first_output = layout->n_neurons - layout->n_outputs;
  gboolean show_values, show_names, extras_two_lines = TRUE, show_extras = TRUE;
  guint caption_lines = 0;
  guint crowded = 0;

  for (guint n = 0; n < layout->n_neurons; n++)
    {
      max_name_w = MAX (max_name_w, m->names[n].w);
      max_name_h = MAX (max_name_h, m->names[n].h);
    }

  /* Layer captions head the columns when the columns are wide enough for
   * them (judged before the radius is known: the gap between columns): on
   * one line, else on two. */
  for (guint lines = 1; lines <= 2 && caption_lines == 0; lines++)
    {
      double rough_dx = m->n_layers > 1 ? (W - 2 * margin) / (m->n_layers - 1) : W;
      double widest = 0;

      for (guint l = 0; l < m->n_layers; l++)
        widest = MAX (widest, m->captions[lines - 1][l].w);
      if (widest + gap < rough_dx * 0.8 && H - 2 * margin > (4 + 2 * lines) * m->caption_h[0]
          && (fixes & (lines == 1 ? CROWDED_CAPTIONS : CROWDED_CAPTION_LINES)) == 0)
        caption_lines = lines;
    }
  layout->caption_lines = caption_lines;
  if (caption_lines > 0)
    top += m->caption_h[caption_lines - 1] + gap;

  /* Per-neuron bias labels sit above their neuron; when neighbouring
   * columns are too close, every other layer has them below instead. */
  if (m->bias_mode == BPL_BIAS_PER_NEURON)
    top += m->label_h + 3;

  /* The bottom band: shared bias nodes with their labels under them, and
   * E_total at the right. */
  if (m->bias_mode == BPL_BIAS_PER_LAYER && layout->n_biases > 0)
    {
      bias_r = CLAMP (bpl_diagram_font_size (layout, BPL_FONT_VALUE) * 0.8, 8.0, 18.0);
      band = gap + 2 * bias_r + 3 + m->label_h * (stagger ? 2 : 1);
    }
  if (total_row || band == 0)
    band += m->total.h + gap;
  else
    band = MAX (band, m->total.h + gap);
  bottom = H - margin - band;
  if (m->bias_mode == BPL_BIAS_PER_NEURON && stagger)
    bottom -= m->label_h + 3;

  /* Captions never cost the neurons their names, nor their room. */
  if (caption_lines > 0)
    {
      double room = m->caption_h[caption_lines - 1] + gap;
      double name_pitch = (sqrt (pow (max_name_w / 2, 2) + pow (max_name_h / 2, 2)) + 1)
                          / MAX_RADIUS_SHARE;
      double pitch = (bottom - top) / layer_slots (MAX (m->max_layer_size, 1), bottom - top);
      double pitch_without = (bottom - top + room)
                             / layer_slots (MAX (m->max_layer_size, 1), bottom - top + room);

      if (pitch < 7 || (pitch < name_pitch && pitch_without >= name_pitch))
        {
          caption_lines = 0;
          layout->caption_lines = 0;
          top -= room;
        }
    }
  if (bottom - top < 8)
    bottom = top + 8;

  s = (bottom - top) / layer_slots (MAX (m->max_layer_size, 1), bottom - top);

  /* Inputs that make a square image: the shown sample's, left of the input
   * column, when there is room for a pixel or more each. */
  layout->input_image = (BplRect) { 0 };
  if (layout->image_side > 0)
    {
      double side = floor (MIN (0.3 * (bottom - top), 0.12 * (W - 2 * margin)));

      if (side >= MAX (24.0, layout->image_side))
        layout->input_image = (BplRect) { margin, (top + bottom - side) / 2, side, side };
    }
  /* The pitch of the fullest column as shown. */
  {
    guint most = 1;

    for (guint l = 0; l < m->n_layers; l++)
      most = MAX (most, column_slots (layout, net, l, bottom - top));
    s = (bottom - top) / most;
  }

  /* Output extras: two lines if they fit between outputs, one, or none. */
  {
    /* The outputs' own spacing: an output column is often shorter than the
     * longest column, with more room between its neurons. */
    double s_out = (bottom - top) / MAX (layout->n_outputs, 1);

    if (layout->n_outputs > 0 && m->extras[0].h > s_out * 0.95)
      extras_two_lines = FALSE;
    if (!extras_two_lines && m->extra_line_h[1] > s_out * 0.95)
      show_extras = FALSE;
  }
  for (guint o = 0; show_extras && o < layout->n_outputs; o++)
    extras_w = MAX (extras_w, m->extras[o].w);

  /* The radius: large enough for name and value, small enough to leave gaps
   * between neurons and room for the edges between columns. */
  r_text = sqrt (pow (MAX (max_name_w, m->value.w) / 2, 2)
                 + pow ((max_name_h + m->value.h) / 2, 2)) + 2;
  r_name = sqrt (pow (max_name_w / 2, 2) + pow (max_name_h / 2, 2)) + 1;
  r_max = MAX_RADIUS_SHARE * s;
  /* Per-neuron biases need room above each neuron: a label, or a knob. */
  if (m->bias_mode == BPL_BIAS_PER_NEURON)
    r_max = MIN (r_max, (s - (hide_bias_labels ? knob_r + 2 : m->label_h + 6)) / 2);
  avail = W - 2 * margin - (show_extras ? extras_w + gap : 0)
          - (layout->input_image.width > 0 ? layout->input_image.width + 2 * gap : 0);
  if (m->n_layers > 1)
    r_max = MIN (r_max, 0.2 * avail / ((m->n_layers - 1) + 0.35));
  else
    r_max = MIN (r_max, avail / 2);
  /* Columns too crowded for name and value at the canvas's text size: the
   * text inside the neurons gets smaller, down to what a small canvas uses
   * (text scales with its size: metrics are unhinted), before the values
   * give way. */
  text_scale = 1.0;
  if (r_text > r_max)
    {
      double smallest = bpl_diagram_font_size_for (300, 300, layout->options.font_scale,
                                                   BPL_FONT_VALUE)
                        / bpl_diagram_font_size (layout, BPL_FONT_VALUE);
      double tight = text_radius ((Size) { max_name_w, max_name_h }, m->value, &shift);
      double fits = (r_max - 2) / (tight - 2);

      if (fits >= smallest)
        {
          text_scale = MIN (fits, 1.0);
          r_text = (tight - 2) * text_scale + 2;
          r_name = (r_name - 1) * text_scale + 1;
          shift *= text_scale;
        }
      else
        shift = 0;
    }
  layout->neuron_text_scale = text_scale;
  r = MAX (MIN (r_text, r_max), 3.0);
  show_values = r >= r_text - 0.01;
  show_names = r >= r_name - 0.01;

  x0 = margin + r + (layout->input_image.width > 0 ? layout->input_image.width + 2 * gap : 0);
  if (m->n_layers > 1)
    dx = (W - margin - (show_extras ? extras_w + gap : 0) - r - x0) / (m->n_layers - 1);
  else
    {
      dx = 0;
      x0 = (W - (show_extras ? extras_w + gap : 0)) / 2;
    }

  layout->n_hidden_neurons = 0;
  for (guint l = 0; l < m->n_layers; l++)
    {
      guint size = bpl_network_get_layer_size (net, l);
      guint start = bpl_network_get_layer_start (net, l);
      guint slots = column_slots (layout, net, l, bottom - top);
      double step = (bottom - top) / MAX (slots, 1);
      BplEllipsisLayout *ellipsis = &layout->ellipses[l];

      *ellipsis = (BplEllipsisLayout) { 0 };
      if (slots < size)
        {
          guint digits = 1;
          Size more;

          for (guint n = size - slots + 1; n >= 10 && digits < G_N_ELEMENTS (m->more); n /= 10)
            digits++;
          more = m->more[digits - 1];
          ellipsis->first_hidden = start + slots / 2;
          ellipsis->n_hidden = size - slots + 1;
          ellipsis->x = x0 + l * dx;
          ellipsis->y = top + (slots / 2 + 0.5) * step;
          /* Three dots a little shorter than a neuron. */
          ellipsis->radius = MAX (MIN (r, 0.4 * step), 3.0);
          ellipsis->label = (BplRect) { ellipsis->x + ellipsis->radius + 2,
                                        ellipsis->y - more.h / 2, more.w, more.h };
          ellipsis->label.x = MIN (ellipsis->label.x, W - 2 - more.w);
          layout->n_hidden_neurons += ellipsis->n_hidden;
        }

      for (guint k = 0; k < size; k++)
        {
          BplNeuronLayout *nl = &layout->neurons[start + k];
          Size name = { m->names[start + k].w * text_scale, m->names[start + k].h * text_scale };
          Size value = { m->value.w * text_scale, m->value.h * text_scale };
          double content_h = (show_values ? value.h : 0) + name.h;
          gboolean hidden;
          guint slot = neuron_slot (k, size, slots, &hidden);

          nl->x = x0 + l * dx;
          nl->y = top + (slot + 0.5) * step;
          nl->radius = r;
          nl->name_box = (BplRect) { 0 };
          nl->value_box = (BplRect) { 0 };
          nl->extra_box = (BplRect) { 0 };
          nl->hidden = hidden;
          if (hidden)
            {
              /* What points at it points at the ellipsis. */
              nl->radius = ellipsis->radius;
              continue;
            }
          if (show_names)
            nl->name_box = (BplRect) { nl->x - name.w / 2, nl->y + shift - content_h / 2,
                                       name.w, name.h };
          if (show_values)
            nl->value_box = (BplRect) { nl->x - value.w / 2,
                                        nl->y + shift - content_h / 2 + name.h,
                                        value.w, value.h };
          if (show_extras && start + k >= first_output)
            {
              Size e = m->extras[start + k - first_output];

              if (!extras_two_lines)
                e.h = m->extra_line_h[1];
              nl->extra_box = (BplRect) { nl->x + r + gap, nl->y - e.h / 2, e.w, e.h };
            }
        }
    }

  /* The first layer after an image's: each neuron's incoming weights as an
   * image of its own, left of it where those weights arrive, when a pixel
   * of it gets a pixel or more. */
  if (layout->image_side > 0 && m->n_layers > 1)
    {
      guint start = bpl_network_get_layer_start (net, 1);
      guint size = bpl_network_get_layer_size (net, 1);
      double step = (bottom - top) / column_slots (layout, net, 1, bottom - top);
      double side = floor (MIN (MIN (0.75 * step, 0.3 * (dx - 2 * r)), 120.0));

      for (guint n = start; n < start + size; n++)
        {
          const BplNeuronLayout *nl = &layout->neurons[n];

          layout->neuron_images[n] = (BplRect) { 0 };
          if (!nl->hidden && side >= MAX (16.0, layout->image_side))
            layout->neuron_images[n] = (BplRect) { nl->x - r - gap - side, nl->y - side / 2,
                                                   side, side };
        }
    }

  for (guint l = 0; l < m->n_layers; l++)
    {
      Size cap = caption_lines > 0 ? m->captions[caption_lines - 1][l] : (Size) { 0, 0 };
      double x = CLAMP (x0 + l * dx - cap.w / 2, margin / 2, MAX (margin / 2, W - margin / 2 - cap.w));

      layout->layer_boxes[l] = caption_lines > 0 ? (BplRect) { x, margin, cap.w, cap.h }
                                                 : (BplRect) { 0 };
      /* Captions closer than a few word spaces read as one line. */
      if (l > 0 && bpl_rect_intersects (&layout->layer_boxes[l], &layout->layer_boxes[l - 1],
                                        4 * gap))
        crowded |= caption_lines == 1 ? CROWDED_CAPTIONS : CROWDED_CAPTION_LINES;
    }

  layout->total_error_box = (BplRect) { W - margin - m->total.w, H - margin - m->total.h,
                                        m->total.w, m->total.h };

  for (guint b = 0; b < layout->n_biases; b++)
    {
      BplBiasLayout *bl = &layout->biases[b];
      Size label = m->bias_labels[b];

      bl->label_shown = TRUE;
      if (m->bias_mode == BPL_BIAS_PER_LAYER)
        {
          guint l = bpl_network_get_bias_layer (net, b);
          double x = x0 + (l - 0.45) * dx;
          double y = H - margin - (total_row ? m->total.h + gap : 0) - m->label_h - 3 - bias_r
                     - (stagger ? m->label_h : 0);

          /* Keep the node between its two columns, clear of both. */
          x = CLAMP (x, x0 + (l - 1) * dx + r + bias_r, MAX (x0 + l * dx - r - bias_r,
                                                             x0 + (l - 1) * dx + r + bias_r));
          bl->x = x;
          bl->y = y;
          bl->radius = bias_r;
          bl->label = (BplRect) { x - label.w / 2,
                                  y + bias_r + 3 + (stagger && b % 2 == 1 ? m->label_h : 0),
                                  label.w, label.h };
          if (b > 0 && bpl_rect_intersects (&bl->label, &layout->biases[b - 1].label, 3))
            crowded |= CROWDED_BIAS_LABELS;
        }
      else
        {
          /* Per-neuron: the value above its neuron, where no edge arrives
           * (see the CROWDED_ flags for cramped canvases). */
          guint l = bpl_network_get_bias_layer (net, b);
          guint neuron = bpl_network_get_layer_start (net, l);

          for (guint n = neuron; n < bpl_network_get_layer_start (net, l) +
                                     bpl_network_get_layer_size (net, l); n++)
            if (bpl_network_get_neuron_bias (net, n) == (gint) b)
              neuron = n;
          if (layout->neurons[neuron].hidden)
            {
              /* Shown for the selection only, over its ellipsis. */
              const BplEllipsisLayout *e = &layout->ellipses[l];

              bl->x = e->x;
              bl->y = e->y;
              bl->radius = 0;
              bl->label = (BplRect) { CLAMP (e->x - label.w / 2, 2, MAX (2, W - 2 - label.w)),
                                      CLAMP (e->y - e->radius - 2 - label.h, 2,
                                             MAX (2, H - 2 - label.h)),
                                      label.w, label.h };
              bl->label_shown = FALSE;
              continue;
            }
          if (stagger && l % 2 == 0)
            bl->label = (BplRect) { layout->neurons[neuron].x - label.w / 2,
                                    layout->neurons[neuron].y + r + 3, label.w, label.h };
          else
            bl->label = (BplRect) { layout->neurons[neuron].x - label.w / 2,
                                    layout->neurons[neuron].y - r - 3 - label.h, label.w,
                                    label.h };
          if (hide_bias_labels)
            {
              /* A knob on the top of the neuron's outline stands for its
               * bias; the label above it is drawn only for the selection
               * and on hover. Neurons packed tighter than that have no
               * knob: the side panel has every value. */
              double knob = MIN (knob_r, r * 0.4);
              double step = (bottom - top)
                            / column_slots (layout, net, l, bottom - top);

              bl->radius = knob >= 1.5 && step - 2 * r >= knob + 2 ? knob : 0;
              bl->x = layout->neurons[neuron].x;
              bl->y = layout->neurons[neuron].y - r;
              bl->label.y = bl->y - bl->radius - 2 - label.h;
              bl->label.x = CLAMP (bl->label.x, 2, MAX (2, W - 2 - label.w));
              bl->label.y = CLAMP (bl->label.y, 2, MAX (2, H - 2 - label.h));
              bl->label_shown = FALSE;
              continue;
            }
          /* A label nearly touching the next neuron of its column could be
           * that neuron's: then knobs instead. */
          {
            gboolean above = !(stagger && l % 2 == 0);
            guint start = bpl_network_get_layer_start (net, l);
            guint size = bpl_network_get_layer_size (net, l);
            gint other = above ? (gint) neuron - 1 : (gint) neuron + 1;

            if (other >= (gint) start && other < (gint) (start + size)
                && !layout->neurons[other].hidden)
              {
                const BplNeuronLayout *nl = &layout->neurons[other];
                double room = above ? bl->label.y - (nl->y + nl->radius)
                                 : nl->y - nl->radius - (bl->label.y + bl->label.height);

                if (room < 3 + label.h / 2)
                  crowded |= CROWDED_STAGGERED;
              }
          }
          for (guint prev = b; prev-- > 0;)
            {
              if (bpl_network_get_bias_layer (net, prev) + 1 < l)
                break;
              if (!layout->biases[prev].label_shown)
                continue;
              if (bpl_rect_intersects (&bl->label, &layout->biases[prev].label, 3))
                crowded |= stagger ? CROWDED_STAGGERED : CROWDED_BIAS_LABELS;
            }
          /* An output's bias label must also keep clear of target and error. */
          for (guint n = first_output; l + 1 == m->n_layers && n < layout->n_neurons; n++)
            if (bpl_rect_intersects (&bl->label, &layout->neurons[n].extra_box, 3))
              crowded |= stagger ? CROWDED_STAGGERED : CROWDED_BIAS_LABELS;
          bl->x = bl->label.x + label.w / 2;
          bl->y = bl->label.y + label.h / 2;
          bl->radius = 0;
          if (neuron < first_output)
            layout->neurons[neuron].extra_box = bl->label;
        }

      if (!total_row)
        {
          BplRect node = { bl->x - bl->radius, bl->y - bl->radius, 2 * bl->radius, 2 * bl->radius };

          if (bpl_rect_intersects (&node, &layout->total_error_box, 4)
              || bpl_rect_intersects (&bl->label, &layout->total_error_box, 4))
            crowded |= CROWDED_TOTAL;
        }
    }

  return crowded;
}

static void
place_edges (Measure *m)
{
  BplLayout *layout = m->layout;

  for (guint w = 0; w < layout->n_weights; w++)
    {
      const BplNeuronLayout *a = &layout->neurons[bpl_network_get_weight_source (m->network, w)];
      const BplNeuronLayout *b = &layout->neurons[bpl_network_get_weight_target (m->network, w)];
      BplWeightLayout *wl = &layout->weights[w];
      double dx = b->x - a->x, dy = b->y - a->y, len = hypot (dx, dy);

      if (len < 1e-9)
        len = 1;
      wl->x1 = a->x + dx / len * a->radius;
      wl->y1 = a->y + dy / len * a->radius;
      wl->x2 = b->x - dx / len * b->radius;
      wl->y2 = b->y - dy / len * b->radius;
      wl->hidden = a->hidden || b->hidden;
    }
}

static BplRect
label_at (const BplWeightLayout *wl,
          Size                   size,
          double                 t)
{
  return rect_centered (wl->x1 + t * (wl->x2 - wl->x1), wl->y1 + t * (wl->y2 - wl->y1), size);
}

/* Boxes a label must keep clear of, found through a grid: a label of a
 * large network asks about its own few cells, not about every neuron. */
typedef struct {
  GArray  *rects;    /* BplRect */
  double   cell;
  guint    cols, rows;
  GArray **cells;    /* per cell: indices into rects; NULL: no grid, for a
                      * small network whose few boxes are quicker to scan */
} Obstacles;

static void
obstacles_cells (const Obstacles *o,
                 const BplRect   *r,
                 double           spacing,
                 guint           *c1,
                 guint           *r1,
                 guint           *c2,
                 guint           *r2)
{
  *c1 = (guint) CLAMP (floor ((r->x - spacing) / o->cell), 0, o->cols - 1);
  *r1 = (guint) CLAMP (floor ((r->y - spacing) / o->cell), 0, o->rows - 1);
  *c2 = (guint) CLAMP (floor ((r->x + r->width + spacing) / o->cell), 0, o->cols - 1);
  *r2 = (guint) CLAMP (floor ((r->y + r->height + spacing) / o->cell), 0, o->rows - 1);
}

static void
obstacles_add (Obstacles     *o,
               const BplRect *r)
{
  guint index = o->rects->len, c1, r1, c2, r2;

  if (rect_is_empty (r))
    return;
  g_array_append_val (o->rects, *r);
  if (o->cells == NULL)
    return;
  obstacles_cells (o, r, 0, &c1, &r1, &c2, &r2);
  for (guint row = r1; row <= r2; row++)
    for (guint col = c1; col <= c2; col++)
      {
        GArray **cell = &o->cells[row * o->cols + col];

        if (*cell == NULL)
          *cell = g_array_new (FALSE, FALSE, sizeof (guint));
        g_array_append_val (*cell, index);
      }
}

/* Back to the first @n boxes. */
static void
obstacles_truncate (Obstacles *o,
                    guint      n)
{
  g_array_set_size (o->rects, MIN (n, o->rects->len));
  for (guint i = 0; o->cells != NULL && i < o->cols * o->rows; i++)
    {
      GArray *cell = o->cells[i];
      guint kept = 0;

      for (guint j = 0; cell != NULL && j < cell->len; j++)
        if (g_array_index (cell, guint, j) < n)
          g_array_index (cell, guint, kept++) = g_array_index (cell, guint, j);
      if (cell != NULL)
        g_array_set_size (cell, kept);
    }
}

static gboolean
obstacles_meet (const Obstacles *o,
                const BplRect   *box,
                double           spacing)
{
  guint c1, r1, c2, r2;

  if (o->cells == NULL)
    {
      for (guint i = 0; i < o->rects->len; i++)
        if (bpl_rect_intersects (box, &g_array_index (o->rects, BplRect, i), spacing))
          return TRUE;
      return FALSE;
    }
  obstacles_cells (o, box, spacing, &c1, &r1, &c2, &r2);
  for (guint row = r1; row <= r2; row++)
    for (guint col = c1; col <= c2; col++)
      {
        GArray *cell = o->cells[row * o->cols + col];

        for (guint j = 0; cell != NULL && j < cell->len; j++)
          if (bpl_rect_intersects (box, &g_array_index (o->rects, BplRect,
                                                        g_array_index (cell, guint, j)),
                                   spacing))
            return TRUE;
      }
  return FALSE;
}

static void
obstacles_free (Obstacles *o)
{
  for (guint i = 0; o->cells != NULL && i < o->cols * o->rows; i++)
    if (o->cells[i] != NULL)
      g_array_unref (o->cells[i]);
  g_free (o->cells);
  g_array_unref (o->rects);
  g_free (o);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Obstacles, obstacles_free)

/* Everything a weight label must keep clear of. */
static Obstacles *
collect_obstacles (const BplLayout *layout)
{
  Obstacles *obstacles = g_new0 (Obstacles, 1);

  obstacles->rects = g_array_new (FALSE, FALSE, sizeof (BplRect));
  /* At most 128 cells a side, whatever the canvas. */
  obstacles->cell = MAX (48.0, MAX (layout->width, layout->height) / 128);
  obstacles->cols = (guint) ceil (layout->width / obstacles->cell) + 1;
  obstacles->rows = (guint) ceil (layout->height / obstacles->cell) + 1;
  if (layout->n_weights > LABEL_LIMIT)
    obstacles->cells = g_new0 (GArray *, obstacles->cols * obstacles->rows);

  for (guint n = 0; n < layout->n_neurons; n++)
    {
      const BplNeuronLayout *nl = &layout->neurons[n];
      BplRect circle = { nl->x - nl->radius - 2, nl->y - nl->radius - 2,
                         2 * nl->radius + 4, 2 * nl->radius + 4 };

      if (nl->hidden)
        continue;
      obstacles_add (obstacles, &circle);
      if (!rect_is_empty (&nl->extra_box))
        obstacles_add (obstacles, &nl->extra_box);
      if (!rect_is_empty (&layout->neuron_images[n]))
        obstacles_add (obstacles, &layout->neuron_images[n]);
    }
  for (guint l = 0; l < layout->n_layers; l++)
    {
      const BplEllipsisLayout *e = &layout->ellipses[l];
      BplRect dots = { e->x - e->radius - 2, e->y - e->radius - 2, 2 * e->radius + 4,
                       2 * e->radius + 4 };

      if (e->radius <= 0)
        continue;
      obstacles_add (obstacles, &dots);
      obstacles_add (obstacles, &e->label);
    }
  if (!rect_is_empty (&layout->input_image))
    obstacles_add (obstacles, &layout->input_image);
  for (guint b = 0; b < layout->n_biases; b++)
    {
      const BplBiasLayout *bl = &layout->biases[b];
      BplRect node = { bl->x - bl->radius - 2, bl->y - bl->radius - 2,
                       2 * bl->radius + 4, 2 * bl->radius + 4 };

      if (bl->radius > 0)
        obstacles_add (obstacles, &node);
      if (bl->label_shown)
        obstacles_add (obstacles, &bl->label);
    }
  obstacles_add (obstacles, &layout->total_error_box);
  for (guint l = 0; l < layout->n_layers; l++)
    if (!rect_is_empty (&layout->layer_boxes[l]))
      obstacles_add (obstacles, &layout->layer_boxes[l]);
  return obstacles;
}

/* How long a stretch of segment (x1, y1)–(x2, y2) runs inside @r
 * (Liang–Barsky clipping); 0 when it misses. */
static double
segment_length_inside (double         x1,
                       double         y1,
                       double         x2,
                       double         y2,
                       const BplRect *r)
{
  double t0 = 0, t1 = 1, dx = x2 - x1, dy = y2 - y1;
  const double p[4] = { -dx, dx, -dy, dy };
  const double q[4] = { x1 - r->x, r->x + r->width - x1, y1 - r->y, r->y + r->height - y1 };

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return 0;
          continue;
        }
      if (p[i] < 0)
        t0 = MAX (t0, q[i] / p[i]);
      else
        t1 = MIN (t1, q[i] / p[i]);
      if (t0 > t1)
        return 0;
    }
  return (t1 - t0) * hypot (dx, dy);
}

typedef struct {
  double x1, y1, x2, y2;
  guint  weight;               /* G_MAXUINT for a bias edge */
} Segment;

/* Every edge drawn: the weights', and those from shared bias nodes. */
static GArray *
collect_edges (Measure *m)
{
  const BplLayout *layout = m->layout;
  GArray *edges = g_array_sized_new (FALSE, FALSE, sizeof (Segment), layout->n_weights);

  for (guint w = 0; w < layout->n_weights; w++)
    {
      const BplWeightLayout *e = &layout->weights[w];
      Segment seg = { e->x1, e->y1, e->x2, e->y2, w };

      /* Not drawn: nothing for a label to hide. */
      if (!e->hidden)
        g_array_append_val (edges, seg);
    }
  for (guint n = 0; m->bias_mode == BPL_BIAS_PER_LAYER && n < layout->n_neurons; n++)
    {
      gint b = bpl_network_get_neuron_bias (m->network, n);
      Segment seg;

      if (b < 0 || (guint) b >= layout->n_biases || layout->biases[b].radius <= 0)
        continue;
      seg = (Segment) { layout->biases[b].x, layout->biases[b].y, layout->neurons[n].x,
                        layout->neurons[n].y, G_MAXUINT };
      g_array_append_val (edges, seg);
    }
  return edges;
}

/* How much of the other edges a label at @box would hide: the length of
 * each inside the box, added up, or G_MAXDOUBLE when it would hide too
 * much to be read as its own edge's (past @limit in all, or one edge along
 * more than MAX_HIDDEN_ALONG label heights, an edge running beside its
 * label, which the reader could take for the label's; or more than
 * MAX_HIDDEN_SHARE of an edge). */
static double
hidden_length (GArray        *edges,
               guint          w,
               const BplRect *box,
               double         limit)
{
  double total = 0;

  for (guint i = 0; i < edges->len; i++)
    {
      const Segment *e = &g_array_index (edges, Segment, i);
      double inside;

      /* Most edges are nowhere near: their extent tells at once. */
      if (e->weight == w || MAX (e->x1, e->x2) < box->x || MIN (e->x1, e->x2) > box->x + box->width
          || MAX (e->y1, e->y2) < box->y || MIN (e->y1, e->y2) > box->y + box->height)
        continue;
      inside = segment_length_inside (e->x1, e->y1, e->x2, e->y2, box);
      total += inside;
      if (inside > MAX_HIDDEN_ALONG * box->height
          || inside > MAX_HIDDEN_SHARE * hypot (e->x2 - e->x1, e->y2 - e->y1) || total > limit)
        return G_MAXDOUBLE;
    }
  return total;
}

static gboolean
box_is_free (const BplLayout *layout,
             const BplRect   *box,
             const Obstacles *obstacles)
{
  return rect_inside (box, layout->width, layout->height, 2)
         && !obstacles_meet (obstacles, box, 1);
}

/* A label that gives way is drawn only for the selection and on hover, at
 * the first spot along its edge clear of neurons, bias nodes and fixed text
 * (other labels are not drawn with it), kept on the canvas. */
static void
place_hidden_label (BplLayout       *layout,
                    guint            w,
                    Size             size,
                    const Obstacles *obstacles)
{
  BplWeightLayout *wl = &layout->weights[w];
  BplRect box = label_at (wl, size, label_positions[0]);

  for (guint c = 0; c < G_N_ELEMENTS (label_positions); c++)
    {
      BplRect candidate = label_at (wl, size, label_positions[c]);

      if (box_is_free (layout, &candidate, obstacles))
        {
          box = candidate;
          break;
        }
    }
  box.x = CLAMP (box.x, 2, MAX (2, layout->width - 2 - box.width));
  box.y = CLAMP (box.y, 2, MAX (2, layout->height - 2 - box.height));
  wl->label = box;
  wl->label_shown = FALSE;
}

/* Each label on its own edge, at the spot that hides least of the other
 * edges among those clear of neurons, fixed text and the labels placed
 * before it (the earlier in label_positions on a tie). A label gives way
 * only where it really would overlap: when no spot is clear, or every clear
 * one would hide more of other edges than MAX_HIDDEN label heights (about
 * as much as three edges crossing it), or one edge along it. The others
 * stay. Returns how many gave way. */
static guint
place_labels (Measure *m)
{
  BplLayout *layout = m->layout;
  g_autoptr (Obstacles) obstacles = collect_obstacles (layout);
  g_autoptr (GArray) edges = NULL;
  guint n_fixed = obstacles->rects->len, n_hidden = 0;
  double area = 0;

  /* More label than canvas: they cannot all fit, and the few that would
   * could not be told apart from the edges under them. */
  for (guint w = 0; w < layout->n_weights; w++)
    if (!layout->weights[w].hidden)
      area += m->weight_labels[w].w * m->weight_labels[w].h;
  if (area > layout->width * layout->height)
    {
      for (guint w = 0; w < layout->n_weights; w++)
        place_hidden_label (layout, w, m->weight_labels[w], obstacles);
      return layout->n_weights;
    }

  edges = collect_edges (m);
  for (guint w = 0; w < layout->n_weights; w++)
    {
      BplWeightLayout *wl = &layout->weights[w];
      double least = MAX_HIDDEN * m->weight_labels[w].h;
      gboolean found = FALSE;
      BplRect best = { 0 };

      /* An edge that is not drawn has no label to show. */
      if (wl->hidden)
        {
          wl->label_shown = FALSE;
          n_hidden++;
          continue;
        }

      for (guint c = 0; c < G_N_ELEMENTS (label_positions) && least > 0; c++)
        {
          BplRect box = label_at (wl, m->weight_labels[w], label_positions[c]);
          double hidden;

          if (!box_is_free (layout, &box, obstacles))
            continue;
          hidden = hidden_length (edges, w, &box, least);
          if (hidden < least || (!found && hidden <= least))
            {
              least = hidden;
              best = box;
              found = TRUE;
            }
        }
      if (found)
        {
          wl->label = best;
          wl->label_shown = TRUE;
          obstacles_add (obstacles, &best);
        }
      else
        n_hidden++;
    }

  /* Those that gave way keep clear of the fixed parts only: they are drawn
   * alone, over the rest. */
  obstacles_truncate (obstacles, n_fixed);
  for (guint w = 0; w < layout->n_weights; w++)
    if (!layout->weights[w].label_shown)
      place_hidden_label (layout, w, m->weight_labels[w], obstacles);
  return n_hidden;
}

/* Labels off: each drawn only for the selection and on hover. */
static void
place_labels_hidden (Measure *m)
{
  BplLayout *layout = m->layout;
  g_autoptr (Obstacles) obstacles = collect_obstacles (layout);

  for (guint w = 0; w < layout->n_weights; w++)
    place_hidden_label (layout, w, m->weight_labels[w], obstacles);
}

/* @label_scale: weight and bias labels at this share of the text size.
 * Without @weight_labels, no weight label is placed (a trial of the rest). */
static BplLayout *
layout_new (const BplNetwork       *network,
            double                  width,
            double                  height,
            const BplLayoutOptions *options,
            double                  label_scale,
            gboolean                weight_labels)
{
  BplLayout *layout;
  Measure m = { 0 };

  layout = g_new0 (BplLayout, 1);
  layout->label_text_scale = label_scale;
  layout->neuron_text_scale = 1.0;
  if (options != NULL)
    layout->options = *options;
  else
    bpl_layout_options_init (&layout->options);
  layout->options.digits = CLAMP (layout->options.digits, 1, 17);
  if (!(layout->options.font_scale > 0) || !isfinite (layout->options.font_scale))
    layout->options.font_scale = 1.0;

  /* A nonsense size is a programmer's mistake, but must not crash. */
  layout->width = isfinite (width) ? CLAMP (width, 16.0, 65536.0) : 16.0;
  layout->height = isfinite (height) ? CLAMP (height, 16.0, 65536.0) : 16.0;

  layout->n_neurons = bpl_network_get_n_neurons (network);
  layout->n_weights = bpl_network_get_n_weights (network);
  layout->n_biases = bpl_network_get_n_biases (network);
  layout->n_outputs = bpl_network_get_n_outputs (network);
  layout->neurons = g_new0 (BplNeuronLayout, MAX (layout->n_neurons, 1));
  layout->weights = g_new0 (BplWeightLayout, MAX (layout->n_weights, 1));
  layout->biases = g_new0 (BplBiasLayout, MAX (layout->n_biases, 1));
  layout->n_layers = bpl_network_get_n_layers (network);
  layout->layer_boxes = g_new0 (BplRect, MAX (layout->n_layers, 1));
  layout->ellipses = g_new0 (BplEllipsisLayout, MAX (layout->n_layers, 1));
  layout->neuron_images = g_new0 (BplRect, MAX (layout->n_neurons, 1));
  layout->many_edges = layout->n_weights > MANY_EDGES;
  layout->by_shape = layout->n_weights > LABEL_LIMIT;
  {
    guint n_inputs = bpl_network_get_n_inputs (network);
    guint side = (guint) lround (sqrt (n_inputs));

    /* 8×8 and up: fewer inputs read better as neurons. */
    layout->image_side = side >= 8 && side * side == n_inputs ? side : 0;
  }

  m.network = network;
  m.layout = layout;
  m.n_layers = bpl_network_get_n_layers (network);
  m.bias_mode = bpl_network_get_bias_mode (network);
  m.margin = CLAMP (0.035 * MIN (layout->width, layout->height), 12.0, 48.0);
  for (guint l = 0; l < m.n_layers; l++)
    m.max_layer_size = MAX (m.max_layer_size, bpl_network_get_layer_size (network, l));

  measure_all (&m);
  /* Try the compact arrangement first; make room only where it is crowded. */
  {
    guint fixes = 0, crowded;

    for (guint attempt = 0; attempt <= N_CROWDED; attempt++)
      {
        crowded = place_nodes (&m, fixes);
        if ((crowded & ~fixes) == 0)
          break;
        fixes |= crowded;
      }
  }
  place_edges (&m);

  if (!weight_labels)
    layout->dense = layout->n_weights > 0;
  else if (!layout->options.show_labels)
    place_labels_hidden (&m);
  else
    layout->dense = place_labels (&m) > 0;

  measure_clear (&m);
  layout->index = bpl_layout_index_new (layout);
  return layout;
}

BplLayout *
bpl_layout_new (const BplNetwork       *network,
                double                  width,
                double                  height,
                const BplLayoutOptions *options)
{
  g_return_val_if_fail (network != NULL, NULL);

  return layout_new (network, width, height, options, 1.0, TRUE);
}

/* What a layout shows, to compare sizes of text by: each kind apart. */
typedef struct {
  guint labels, names, values, extras, captions;
} Detail;

static Detail
shown_detail (const BplLayout *layout)
{
  Detail d = { 0 };

  for (guint w = 0; w < layout->n_weights; w++)
    d.labels += layout->weights[w].label_shown;
  for (guint b = 0; b < layout->n_biases; b++)
    d.labels += layout->biases[b].label_shown;
  for (guint n = 0; n < layout->n_neurons; n++)
    {
      const BplNeuronLayout *nl = &layout->neurons[n];

      d.names += nl->name_box.width > 0;
      d.values += nl->value_box.width > 0;
      d.extras += nl->extra_box.width > 0;
    }
  for (guint l = 0; l < layout->n_layers; l++)
    d.captions += layout->layer_boxes[l].width > 0;
  return d;
}

/* Whether @layout shows all of @wanted; its weight labels too unless
 * @nodes_only. */
static gboolean
shows_all (const BplLayout *layout,
           const Detail    *wanted,
           gboolean         nodes_only)
{
  Detail d = shown_detail (layout);

  if (nodes_only)
    d.labels = wanted->labels;
  return d.labels >= wanted->labels && d.names >= wanted->names && d.values >= wanted->values
         && d.extras >= wanted->extras && d.captions >= wanted->captions;
}

BplLayout *
bpl_layout_new_fitted (const BplNetwork       *network,
                       double                  width,
                       double                  height,
                       const BplLayoutOptions *options)
{
  BplLayoutOptions scaled;
  g_autoptr (BplLayout) normal = NULL;
  Detail wanted;

  g_return_val_if_fail (network != NULL, NULL);

  if (options != NULL)
    scaled = *options;
  else
    bpl_layout_options_init (&scaled);
  if (!(scaled.font_scale > 1.0))
    return bpl_layout_new (network, width, height, &scaled);

  scaled.font_scale = 1.0;
  normal = bpl_layout_new (network, width, height, &scaled);
  wanted = shown_detail (normal);

  /* Down from the size asked for, in steps of a tenth, to the first that
   * shows all the normal size does with the weight and bias labels at the
   * normal size; then the labels as large as they go, up to that size,
   * without one giving way. Names, values and captions grow even where the
   * labels, which need the room between the edges, cannot. */
  for (double scale = options->font_scale; scale > 1.0 + 1e-9; scale = MAX (scale - 0.1, 1.0))
    {
      BplLayout *layout, *small_labels;

      scaled.font_scale = scale;
      /* A quick trial first: whether the rest fits, the weight labels left
       * out, with them at the normal size. */
      layout = layout_new (network, width, height, &scaled, 1.0 / scale, FALSE);
      if (!shows_all (layout, &wanted, TRUE))
        {
          bpl_layout_free (layout);
          continue;
        }
      bpl_layout_free (layout);
      /* The labels at the normal size, then as large as they go. */
      small_labels = layout_new (network, width, height, &scaled, 1.0 / scale, TRUE);
      if (!shows_all (small_labels, &wanted, FALSE))
        {
          bpl_layout_free (small_labels);
          continue;
        }
      for (double labels = scale; labels > 1.0 + 1e-9; labels -= 0.1)
        {
          layout = layout_new (network, width, height, &scaled, labels / scale, TRUE);
          if (shows_all (layout, &wanted, FALSE))
            {
              bpl_layout_free (small_labels);
              return layout;
            }
          bpl_layout_free (layout);
        }
      return small_labels;
    }
  return g_steal_pointer (&normal);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-layout.c: layout invariants over many shapes and canvas sizes, and
 * hit-testing as a function of the layout. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "diagram-test-util.h"

typedef struct {
  guint layers[5];
  guint n_layers;
} Shape;

static const Shape shapes[] = {
  { { 1, 1, 1 }, 3 },
  { { 2, 2, 2 }, 3 },
  { { 1, 2 }, 2 },
  { { 3, 4, 2 }, 3 },
  { { 2, 3, 3, 3, 2 }, 5 },
  { { 4, 8, 8, 3 }, 4 },
  { { 8, 16, 4 }, 3 },
  { { 16, 32, 32, 8 }, 4 },
};

static const double sizes[][2] = {
  { 400, 300 }, { 640, 480 }, { 800, 600 }, { 1200, 800 }, { 1600, 1000 }, { 2560, 1440 },
};

static const BplBiasMode bias_modes[] = {
  BPL_BIAS_PER_LAYER, BPL_BIAS_PER_NEURON, BPL_BIAS_NONE,
};

static gboolean
rects_overlap (const BplRect *a, const BplRect *b)
{
  if (a->width <= 0 || a->height <= 0 || b->width <= 0 || b->height <= 0)
    return FALSE;
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}

static void
assert_rect_inside (const BplRect *r, const BplLayout *layout, const char *what, guint index)
{
  if (r->width <= 0 || r->height <= 0)
    return;
  if (r->x < -0.01 || r->y < -0.01 || r->x + r->width > layout->width + 0.01
      || r->y + r->height > layout->height + 0.01)
    g_error ("%s %u (%g,%g %g×%g) leaves the %g×%g canvas", what, index, r->x, r->y, r->width,
             r->height, layout->width, layout->height);
}

static BplRect
circle_box (double x, double y, double r)
{
  return (BplRect) { x - r, y - r, 2 * r, 2 * r };
}

/* Every text box that is drawn, other than names and values inside their
 * circles: they must not overlap each other. */
static GArray *
text_boxes (const BplLayout *layout)
{
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (BplRect));

  for (guint w = 0; w < layout->n_weights; w++)
    if (layout->weights[w].label_shown)
      g_array_append_val (boxes, layout->weights[w].label);
  for (guint b = 0; b < layout->n_biases; b++)
    if (layout->biases[b].label_shown)
      g_array_append_val (boxes, layout->biases[b].label);
  for (guint n = 0; n < layout->n_neurons; n++)
    {
      BplRect extra = layout->neurons[n].extra_box;
      gboolean is_bias_label = FALSE;

      if (layout->neurons[n].hidden)
        continue;
      /* A per-neuron bias label is also the neuron's extra box. */
      for (guint b = 0; b < layout->n_biases; b++)
        if (memcmp (&extra, &layout->biases[b].label, sizeof extra) == 0)
          is_bias_label = TRUE;
      if (!is_bias_label)
        g_array_append_val (boxes, extra);
    }
  g_array_append_val (boxes, layout->total_error_box);
  for (guint l = 0; l < layout->n_layers; l++)
    {
      g_array_append_val (boxes, layout->layer_boxes[l]);
      if (layout->ellipses[l].radius > 0)
        g_array_append_val (boxes, layout->ellipses[l].label);
    }
  return boxes;
}

static void
check_layout (const BplNetwork *network, const BplLayout *layout)
{
  g_autoptr (GArray) boxes = text_boxes (layout);
  double W = layout->width, H = layout->height;
  BplHit hit;

  /* Everything inside the canvas. */
  for (guint n = 0; n < layout->n_neurons; n++)
    {
      const BplNeuronLayout *nl = &layout->neurons[n];
      BplRect circle = circle_box (nl->x, nl->y, nl->radius);
      const BplEllipsisLayout *e =
        &layout->ellipses[bpl_network_get_neuron_layer (network, n)];

      /* A hidden neuron is where its ellipsis is, and has nothing of its own. */
      if (nl->hidden)
        {
          g_assert_cmpfloat (e->radius, >, 0);
          g_assert_cmpuint (n, >=, e->first_hidden);
          g_assert_cmpuint (n, <, e->first_hidden + e->n_hidden);
          g_assert_cmpfloat (nl->x, ==, e->x);
          g_assert_cmpfloat (nl->y, ==, e->y);
          g_assert_cmpfloat (nl->name_box.width + nl->value_box.width + nl->extra_box.width, ==, 0);
          continue;
        }
      g_assert_true (e->radius == 0 || n < e->first_hidden || n >= e->first_hidden + e->n_hidden);
      g_assert_cmpfloat (nl->radius, >, 0);
      assert_rect_inside (&circle, layout, "neuron", n);
      assert_rect_inside (&nl->name_box, layout, "neuron name", n);
      assert_rect_inside (&nl->value_box, layout, "neuron value", n);
      assert_rect_inside (&nl->extra_box, layout, "neuron extra", n);
    }
  for (guint w = 0; w < layout->n_weights; w++)
    assert_rect_inside (&layout->weights[w].label, layout, "weight label", w);
  for (guint b = 0; b < layout->n_biases; b++)
    {
      const BplBiasLayout *bl = &layout->biases[b];
      BplRect node = circle_box (bl->x, bl->y, bl->radius);

      assert_rect_inside (&node, layout, "bias node", b);
      assert_rect_inside (&bl->label, layout, "bias label", b);
    }
  assert_rect_inside (&layout->total_error_box, layout, "E_total", 0);
  g_assert_cmpfloat (layout->total_error_box.width, >, 0);

  for (guint l = 0; l < layout->n_layers; l++)
    {
      const BplEllipsisLayout *e = &layout->ellipses[l];
      BplRect dots = circle_box (e->x, e->y, e->radius);

      assert_rect_inside (&dots, layout, "ellipsis", l);
      assert_rect_inside (&e->label, layout, "ellipsis label", l);
    }

  /* Neurons do not overlap each other. */
  for (guint a = 0; a < layout->n_neurons; a++)
    for (guint b = a + 1; b < layout->n_neurons; b++)
      if (!layout->neurons[a].hidden && !layout->neurons[b].hidden)
        g_assert_cmpfloat (hypot (layout->neurons[a].x - layout->neurons[b].x,
                                layout->neurons[a].y - layout->neurons[b].y),
                         >=, layout->neurons[a].radius + layout->neurons[b].radius);

  /* No two drawn text boxes overlap, and none covers a neuron. */
  for (guint i = 0; i < boxes->len; i++)
    {
      const BplRect *a = &g_array_index (boxes, BplRect, i);

      for (guint j = i + 1; j < boxes->len; j++)
        if (rects_overlap (a, &g_array_index (boxes, BplRect, j)))
          {
            const BplRect *b = &g_array_index (boxes, BplRect, j);

            g_error ("text boxes %u (%g,%g %g×%g) and %u (%g,%g %g×%g) overlap on %g×%g, "
                     "%u neurons", i, a->x, a->y, a->width, a->height, j, b->x, b->y, b->width,
                     b->height, W, H, layout->n_neurons);
          }
      for (guint n = 0; n < layout->n_neurons; n++)
        {
          const BplNeuronLayout *nl = &layout->neurons[n];
          double cx = CLAMP (nl->x, a->x, a->x + a->width);

          if (nl->hidden)
            continue;
          double cy = CLAMP (nl->y, a->y, a->y + a->height);

          if (a->width > 0 && hypot (cx - nl->x, cy - nl->y) < nl->radius - 0.01)
            g_error ("text box %u covers neuron %u on %g×%g", i, n, W, H);
        }
    }

  /* Hit-testing: each neuron at its centre, each bias on its node and label,
   * each weight on its label and somewhere along the middle of its edge. */
  for (guint n = 0; n < layout->n_neurons; n++)
    {
      hit = bpl_layout_hit_test (layout, layout->neurons[n].x, layout->neurons[n].y);
      if (layout->neurons[n].hidden)
        {
          g_assert_false (hit.kind == BPL_HIT_NEURON && hit.index == n);
          continue;
        }
      g_assert_cmpint (hit.kind, ==, BPL_HIT_NEURON);
      g_assert_cmpuint (hit.index, ==, n);
    }
  for (guint b = 0; b < layout->n_biases; b++)
    {
      const BplRect *l = &layout->biases[b].label;

      /* Per-neuron bias labels give way on a crowded canvas, to a knob on
       * the neuron, unless neurons are packed too tight even for that. */
      if (layout->biases[b].label_shown)
        {
          hit = bpl_layout_hit_test (layout, l->x + l->width / 2, l->y + l->height / 2);
          g_assert_cmpint (hit.kind, ==, BPL_HIT_BIAS);
          g_assert_cmpuint (hit.index, ==, b);
        }
      if (layout->biases[b].radius > 0)
        {
          hit = bpl_layout_hit_test (layout, layout->biases[b].x, layout->biases[b].y);
          g_assert_cmpint (hit.kind, ==, BPL_HIT_BIAS);
          g_assert_cmpuint (hit.index, ==, b);
        }
    }
  for (guint w = 0; w < layout->n_weights; w++)
    {
      const BplWeightLayout *wl = &layout->weights[w];
      gboolean found = FALSE;

      /* An edge to an ellipsis is not drawn, and not hit, but it goes
       * there. */
      if (wl->hidden)
        {
          g_assert_true (layout->neurons[bpl_network_get_weight_source (network, w)].hidden
                         || layout->neurons[bpl_network_get_weight_target (network, w)].hidden);
          g_assert_false (wl->label_shown);
          continue;
        }
      if (wl->label_shown)
        {
          hit = bpl_layout_hit_test (layout, wl->label.x + wl->label.width / 2,
                                     wl->label.y + wl->label.height / 2);
          g_assert_cmpint (hit.kind, ==, BPL_HIT_WEIGHT);
          g_assert_cmpuint (hit.index, ==, w);
        }
      /* Where edges cross, the nearest wins: somewhere near the middle it
       * must be this one. */
      for (double t = 0.3; t <= 0.7 && !found; t += 0.02)
        {
          hit = bpl_layout_hit_test (layout, wl->x1 + t * (wl->x2 - wl->x1),
                                     wl->y1 + t * (wl->y2 - wl->y1));
          found = hit.kind == BPL_HIT_WEIGHT && hit.index == w;
        }
      if (!found)
        g_error ("weight %s cannot be hit on its edge on %g×%g",
                 bpl_network_get_weight_name (network, w), W, H);
    }

  /* Nothing in the empty margin. */
  hit = bpl_layout_hit_test (layout, 3, H / 2);
  g_assert_cmpint (hit.kind, ==, BPL_HIT_NONE);
  hit = bpl_layout_hit_test (layout, W / 2, 3);
  g_assert_cmpint (hit.kind, ==, BPL_HIT_NONE);
  hit = bpl_layout_hit_test (layout, W - 2, 2);
  g_assert_cmpint (hit.kind, ==, BPL_HIT_NONE);
  hit = bpl_layout_hit_test (layout, NAN, 10);
  g_assert_cmpint (hit.kind, ==, BPL_HIT_NONE);
}

static void
test_invariants (void)
{
  guint n_layouts = 0, n_dense = 0;

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (guint m = 0; m < G_N_ELEMENTS (bias_modes); m++)
      {
        g_autoptr (BplNetwork) network =
          diagram_test_network (shapes[s].layers, shapes[s].n_layers, bias_modes[m], s * 7 + m);

        for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
          {
            g_autoptr (BplLayout) layout =
              bpl_layout_new (network, sizes[z][0], sizes[z][1], NULL);

            check_layout (network, layout);
            n_layouts++;
            n_dense += layout->dense;
          }
      }
  g_test_message ("%u layouts checked, %u dense", n_layouts, n_dense);
}

static void
test_worked_example (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr (BplLayout) layout = bpl_layout_new (network, 1200, 800, NULL);
  const BplNeuronLayout *n = layout->neurons;
  guint w3 = 2;
  BplHit hit;

  /* Columns left to right, first neurons on top, every label shown. */
  g_assert_false (layout->dense);
  g_assert_cmpfloat (n[0].x, <, n[2].x);
  g_assert_cmpfloat (n[2].x, <, n[4].x);
  g_assert_cmpfloat (n[0].y, <, n[1].y);
  g_assert_cmpfloat_with_epsilon (n[0].x, n[1].x, 1e-9);
  for (guint w = 0; w < layout->n_weights; w++)
    g_assert_true (layout->weights[w].label_shown);
  /* The worked example puts labels near the source end. */
  for (guint w = 0; w < layout->n_weights; w++)
    {
      const BplWeightLayout *wl = &layout->weights[w];
      double cx = wl->label.x + wl->label.width / 2;

      g_assert_cmpfloat (cx - wl->x1, <, (wl->x2 - wl->x1) * 0.5);
    }
  /* Neuron texts are shown at this size: name and value. */
  for (guint i = 0; i < layout->n_neurons; i++)
    {
      g_assert_cmpfloat (n[i].name_box.width, >, 0);
      g_assert_cmpfloat (n[i].value_box.width, >, 0);
    }
  g_assert_cmpfloat (n[4].extra_box.width, >, 0);
  g_assert_cmpfloat (n[5].extra_box.width, >, 0);
  /* Shared biases as nodes under the columns. */
  g_assert_cmpuint (layout->n_biases, ==, 2);
  g_assert_cmpfloat (layout->biases[0].radius, >, 0);
  g_assert_cmpfloat (layout->biases[0].y, >, n[3].y);

  hit = bpl_layout_hit_test (layout, layout->weights[w3].label.x + 2,
                             layout->weights[w3].label.y + 2);
  g_assert_cmpint (hit.kind, ==, BPL_HIT_WEIGHT);
  g_assert_cmpuint (hit.index, ==, w3);
}

static void
test_text_sizes (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();

  for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
    {
      g_autoptr (BplLayout) layout = bpl_layout_new (network, sizes[z][0], sizes[z][1], NULL);
      double min_h = G_MAXDOUBLE;

      for (guint w = 0; w < layout->n_weights; w++)
        min_h = MIN (min_h, layout->weights[w].label.height);
      /* Labels of 11 px text at least (a line is taller than its size). */
      g_assert_cmpfloat (min_h, >=, 11);
      check_layout (network, layout);
    }
}

static void
test_pure (void)
{
  guint shape[] = { 3, 5, 2 };
  g_autoptr (BplNetwork) network = diagram_test_network (shape, 3, BPL_BIAS_PER_LAYER, 1);
  g_autoptr (BplLayout) a = bpl_layout_new (network, 900, 700, NULL);
  g_autoptr (BplLayout) b = bpl_layout_new (network, 900, 700, NULL);

  g_assert_cmpmem (a->neurons, a->n_neurons * sizeof (BplNeuronLayout), b->neurons,
                   b->n_neurons * sizeof (BplNeuronLayout));
  g_assert_cmpmem (a->weights, a->n_weights * sizeof (BplWeightLayout), b->weights,
                   b->n_weights * sizeof (BplWeightLayout));
  g_assert_cmpmem (a->biases, a->n_biases * sizeof (BplBiasLayout), b->biases,
                   b->n_biases * sizeof (BplBiasLayout));
}

static void
test_options (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  BplLayoutOptions options;
  g_autoptr (BplLayout) plain = NULL;
  g_autoptr (BplLayout) no_labels = NULL;
  g_autoptr (BplLayout) precise = NULL;
  g_autoptr (BplLayout) big = NULL;

  bpl_layout_options_init (&options);
  g_assert_cmpint (options.digits, ==, 4);
  g_assert_true (options.show_labels);
  plain = bpl_layout_new (network, 1200, 800, &options);

  options.show_labels = FALSE;
  no_labels = bpl_layout_new (network, 1200, 800, &options);
  for (guint w = 0; w < no_labels->n_weights; w++)
    g_assert_false (no_labels->weights[w].label_shown);
  check_layout (network, no_labels);

  /* More digits: wider value boxes. */
  bpl_layout_options_init (&options);
  options.digits = 9;
  precise = bpl_layout_new (network, 1200, 800, &options);
  g_assert_cmpfloat (precise->neurons[0].value_box.width, >, plain->neurons[0].value_box.width);
  check_layout (network, precise);

  /* Presentation scale: larger text. */
  bpl_layout_options_init (&options);
  options.font_scale = 1.5;
  big = bpl_layout_new (network, 1200, 800, &options);
  g_assert_cmpfloat (big->weights[0].label.height, >, plain->weights[0].label.height);
  check_layout (network, big);
}

static void
test_bad_sizes (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  const double bad[][2] = { { NAN, 100 }, { -5, -5 }, { 0, 0 }, { INFINITY, 300 }, { 20, 20 } };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (BplLayout) layout = bpl_layout_new (network, bad[i][0], bad[i][1], NULL);

      g_assert_nonnull (layout);
      g_assert_true (isfinite (layout->width) && layout->width > 0);
      g_assert_true (isfinite (layout->height) && layout->height > 0);
      for (guint n = 0; n < layout->n_neurons; n++)
        g_assert_true (isfinite (layout->neurons[n].x) && isfinite (layout->neurons[n].y));
      (void) bpl_layout_hit_test (layout, 5, 5);
    }
}

static void
test_dense (void)
{
  guint shape[] = { 16, 32, 32, 32, 8 };
  g_autoptr (BplNetwork) network = diagram_test_network (shape, 5, BPL_BIAS_PER_LAYER, 9);
  g_autoptr (BplLayout) layout = bpl_layout_new (network, 1200, 800, NULL);

  /* Labels give way rather than overlap, but every edge is still clickable. */
  g_assert_true (layout->dense);
  for (guint w = 0; w < layout->n_weights; w++)
    g_assert_false (layout->weights[w].label_shown);
  check_layout (network, layout);
}

static void
test_json (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr (BplLayout) layout = bpl_layout_new (network, 1000, 700, NULL);
  g_autofree char *json = bpl_layout_to_json (layout, network);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root, *w3, *label;
  JsonArray *neurons, *weights, *biases;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpfloat (json_object_get_double_member (root, "width"), ==, 1000);
  g_assert_cmpfloat (json_object_get_double_member (root, "height"), ==, 700);
  neurons = json_object_get_array_member (root, "neurons");
  weights = json_object_get_array_member (root, "weights");
  biases = json_object_get_array_member (root, "biases");
  g_assert_cmpuint (json_array_get_length (neurons), ==, 6);
  g_assert_cmpuint (json_array_get_length (weights), ==, 8);
  g_assert_cmpuint (json_array_get_length (biases), ==, 2);

  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (neurons, 2),
                                                  "name"), ==, "h1");
  w3 = json_array_get_object_element (weights, 2);
  g_assert_cmpstr (json_object_get_string_member (w3, "name"), ==, "w3");
  g_assert_cmpstr (json_object_get_string_member (w3, "from"), ==, "i1");
  g_assert_cmpstr (json_object_get_string_member (w3, "to"), ==, "h2");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (w3, "x1"), layout->weights[2].x1,
                                  1e-9);
  label = json_object_get_object_member (w3, "label");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (label, "width"),
                                  layout->weights[2].label.width, 1e-9);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (biases, 0),
                                                  "name"), ==, "b1");
}

/* Each layer's caption says which activation its neurons use; on one line
 * where the columns are wide, on two (the activation under the name) where
 * they are narrow, so that it is not the first thing to go. */
static void
test_captions (void)
{
  const guint layers[] = { 3, 4, 4, 2 };
  g_autoptr (BplNetwork) network = diagram_test_network (layers, G_N_ELEMENTS (layers),
                                                         BPL_BIAS_PER_LAYER, 2);
  g_autoptr (BplLayout) wide = NULL;
  g_autoptr (BplLayout) narrow = NULL;
  g_autofree char *json = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  const char *expected[] = { "Input layer", "Hidden layer 1 · tanh", "Hidden layer 2 · ReLU",
                             "Output layer · sigmoid" };
  JsonArray *captions;

  bpl_network_set_activation (network, 1, BPL_ACTIVATION_TANH);
  bpl_network_set_activation (network, 2, BPL_ACTIVATION_RELU);
  wide = bpl_layout_new (network, 1200, 800, NULL);
  g_assert_cmpuint (wide->caption_lines, ==, 1);
  json = bpl_layout_to_json (wide, network);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  captions = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "layers");
  g_assert_cmpuint (json_array_get_length (captions), ==, 4);
  for (guint l = 0; l < 4; l++)
    {
      JsonObject *layer = json_array_get_object_element (captions, l);

      g_assert_cmpstr (json_object_get_string_member (layer, "caption"), ==, expected[l]);
      g_assert_cmpfloat (wide->layer_boxes[l].width, >, 0);
    }
  check_layout (network, wide);

  narrow = bpl_layout_new (network, 540, 500, NULL);
  g_assert_cmpuint (narrow->caption_lines, ==, 2);
  for (guint l = 0; l < 4; l++)
    g_assert_cmpfloat (narrow->layer_boxes[l].width, >, 0);
  /* Two lines: twice as tall as the input layer's one. */
  g_assert_cmpfloat (narrow->layer_boxes[1].height, >, 1.8 * narrow->layer_boxes[0].height);
  check_layout (network, narrow);
}

/* Per-neuron biases on a crowded canvas: no label fits above every neuron,
 * so each bias is a knob resting on its neuron, which a click finds, and
 * its label is kept for the selection and hover. */
static void
test_bias_knobs (void)
{
  const guint layers[] = { 4, 8, 8, 3 };
  g_autoptr (BplNetwork) network = diagram_test_network (layers, G_N_ELEMENTS (layers),
                                                         BPL_BIAS_PER_NEURON, 9);
  g_autoptr (BplLayout) layout = bpl_layout_new (network, 800, 500, NULL);

  for (guint b = 0; b < layout->n_biases; b++)
    {
      const BplBiasLayout *bl = &layout->biases[b];
      guint n;
      BplHit hit;

      g_assert_false (bl->label_shown);
      g_assert_cmpfloat (bl->radius, >=, 3);
      g_assert_cmpfloat (bl->label.width, >, 0);
      /* On top of its neuron's outline. */
      for (n = 0; n < layout->n_neurons; n++)
        if (bpl_network_get_neuron_bias (network, n) == (gint) b)
          break;
      g_assert_cmpuint (n, <, layout->n_neurons);
      g_assert_cmpfloat_with_epsilon (hypot (bl->x - layout->neurons[n].x,
                                             bl->y - layout->neurons[n].y),
                                      layout->neurons[n].radius, 1e-9);
      g_assert_cmpfloat (bl->y, <, layout->neurons[n].y);
      hit = bpl_layout_hit_test (layout, bl->x, bl->y);
      g_assert_cmpint (hit.kind, ==, BPL_HIT_BIAS);
      g_assert_cmpuint (hit.index, ==, b);
      /* The hidden label is not a target: only what is drawn is. */
      hit = bpl_layout_hit_test (layout, bl->label.x + bl->label.width / 2,
                                 bl->label.y + 1);
      g_assert_false (hit.kind == BPL_HIT_BIAS && hit.index == b);
    }
}

/* A label gives way alone, and only where it would really overlap: a 3-4-2
 * shows every weight label on a large canvas (the CLI's 1600×1000 and the
 * window's diagram at that screen size), and nearly all on a small one. */
static void
test_labels_give_way_alone (void)
{
  const guint layers[] = { 3, 4, 2 };
  const struct {
    double width, height;
    guint  at_least;
  } canvases[] = {
    { 1600, 1000, 20 }, { 1210, 650, 20 }, { 770, 520, 17 },
  };

  for (guint m = 0; m < G_N_ELEMENTS (bias_modes); m++)
    for (guint seed = 1; seed <= 6; seed++)
      {
        g_autoptr (BplNetwork) network = diagram_test_network (layers, G_N_ELEMENTS (layers),
                                                               bias_modes[m], seed);

        for (guint z = 0; z < G_N_ELEMENTS (canvases); z++)
          {
            g_autoptr (BplLayout) layout = bpl_layout_new (network, canvases[z].width,
                                                           canvases[z].height, NULL);
            guint shown = 0;

            for (guint w = 0; w < layout->n_weights; w++)
              shown += layout->weights[w].label_shown;
            if (shown < canvases[z].at_least)
              g_error ("3-4-2 (bias mode %u, seed %u) on %g×%g shows %u of 20 weight labels",
                       m, seed, canvases[z].width, canvases[z].height, shown);
            g_assert_cmpint (layout->dense, ==, shown < layout->n_weights);
            check_layout (network, layout);
          }
      }
}

static void
assert_inside_circle (const BplNeuronLayout *nl,
                      const BplRect         *r)
{
  for (guint corner = 0; corner < 4; corner++)
    {
      double x = r->x + (corner & 1 ? r->width : 0);
      double y = r->y + (corner & 2 ? r->height : 0);

      g_assert_cmpfloat (hypot (x - nl->x, y - nl->y), <=, nl->radius + 0.01);
    }
}

/* Crowded columns: the text inside the neurons gets smaller, not the
 * values left out, as long as a small canvas's text size still fits. */
static void
test_crowded_values (void)
{
  const guint layers[] = { 8, 8, 8, 8 };
  const double canvases[][2] = { { 1600, 1000 }, { 1210, 650 } };
  g_autoptr (BplNetwork) network = diagram_test_network (layers, G_N_ELEMENTS (layers),
                                                         BPL_BIAS_PER_LAYER, 4);

  for (guint z = 0; z < G_N_ELEMENTS (canvases); z++)
    {
      g_autoptr (BplLayout) layout = bpl_layout_new (network, canvases[z][0], canvases[z][1], NULL);
      g_autoptr (BplLayout) roomy = bpl_layout_new (network, canvases[z][0], 4 * canvases[z][1],
                                                    NULL);

      for (guint n = 0; n < layout->n_neurons; n++)
        {
          const BplNeuronLayout *nl = &layout->neurons[n];

          g_assert_cmpfloat (nl->name_box.width, >, 0);
          g_assert_cmpfloat (nl->value_box.width, >, 0);
          assert_inside_circle (nl, &nl->name_box);
          assert_inside_circle (nl, &nl->value_box);
          g_assert_cmpfloat (nl->name_box.y + nl->name_box.height, <=, nl->value_box.y + 0.01);
          /* 11 px text at least (a line is taller than its size). */
          g_assert_cmpfloat (nl->value_box.height, >=, 11);
        }
      g_assert_cmpfloat (layout->neuron_text_scale, <=, 1.0);
      /* With room, the text is the canvas's size. */
      g_assert_cmpfloat (roomy->neuron_text_scale, ==, 1.0);
      check_layout (network, layout);
    }
}

/* An output column shorter than the longest one has more room between its
 * neurons: its target and error both show, on two lines. */
static void
test_output_extras (void)
{
  const guint layers[] = { 2, 8, 1 };
  g_autoptr (BplNetwork) network = diagram_test_network (layers, G_N_ELEMENTS (layers),
                                                         BPL_BIAS_PER_LAYER, 3);
  g_autoptr (BplLayout) layout = bpl_layout_new (network, 900, 300, NULL);
  const BplNeuronLayout *output = &layout->neurons[layout->n_neurons - 1];

  /* Two lines of the small text a caption is written in. */
  g_assert_cmpfloat (layout->layer_boxes[0].height, >, 0);
  g_assert_cmpfloat (output->extra_box.height, >, 1.8 * layout->layer_boxes[0].height);
  check_layout (network, layout);
}

/* Presentation mode's large text gives way before the numbers do. */
static void
test_fitted (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  BplLayoutOptions options;

  bpl_layout_options_init (&options);
  options.font_scale = 1.6;
  {
    /* A big canvas: the size asked for, all shown. */
    g_autoptr (BplLayout) layout = bpl_layout_new_fitted (network, 1800, 1100, &options);

    g_assert_cmpfloat (layout->options.font_scale, ==, 1.6);
  }
  for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
    {
      g_autoptr (BplLayout) plain = bpl_layout_new (network, sizes[z][0], sizes[z][1], NULL);
      g_autoptr (BplLayout) fitted = bpl_layout_new_fitted (network, sizes[z][0], sizes[z][1],
                                                            &options);

      g_assert_cmpfloat (fitted->options.font_scale, >=, 1.0);
      g_assert_cmpfloat (fitted->options.font_scale, <=, 1.6);
      g_assert_cmpint (fitted->dense, <=, plain->dense);
      for (guint n = 0; n < plain->n_neurons; n++)
        {
          g_assert_true (fitted->neurons[n].value_box.width > 0
                         || plain->neurons[n].value_box.width <= 0);
          g_assert_true (fitted->neurons[n].name_box.width > 0
                         || plain->neurons[n].name_box.width <= 0);
        }
      check_layout (network, fitted);
    }
}

static guint
labels_shown (const BplLayout *layout)
{
  guint shown = 0;

  for (guint w = 0; w < layout->n_weights; w++)
    shown += layout->weights[w].label_shown;
  return shown;
}

/* On a projector's small canvas, presentation's larger text still grows
 * where the weight labels cannot: names, values and captions as far as
 * they fit, the labels as far as none gives way; nothing the normal size
 * shows is lost. */
static void
test_fitted_labels_apart (void)
{
  const guint layers[] = { 3, 4, 2 };
  g_autoptr (BplNetwork) network = diagram_test_network (layers, G_N_ELEMENTS (layers),
                                                         BPL_BIAS_PER_LAYER, 1);
  BplLayoutOptions options;
  const double canvases[][2] = { { 790, 315 }, { 568, 315 }, { 889, 515 } };
  guint enlarged = 0;

  bpl_layout_options_init (&options);
  options.font_scale = 1.6;
  for (guint z = 0; z < G_N_ELEMENTS (canvases); z++)
    {
      g_autoptr (BplLayout) plain = bpl_layout_new (network, canvases[z][0], canvases[z][1], NULL);
      g_autoptr (BplLayout) fitted = bpl_layout_new_fitted (network, canvases[z][0],
                                                            canvases[z][1], &options);

      g_test_message ("%g×%g: text ×%.1f, labels ×%.1f", canvases[z][0], canvases[z][1],
                      fitted->options.font_scale,
                      fitted->options.font_scale * fitted->label_text_scale);
      g_assert_cmpfloat (fitted->label_text_scale, <=, 1.0);
      g_assert_cmpfloat (fitted->options.font_scale * fitted->label_text_scale, >=, 1.0 - 1e-9);
      g_assert_cmpuint (labels_shown (fitted), >=, labels_shown (plain));
      for (guint n = 0; n < plain->n_neurons; n++)
        {
          g_assert_true (fitted->neurons[n].value_box.width > 0
                         || plain->neurons[n].value_box.width <= 0);
          g_assert_true (fitted->neurons[n].name_box.width > 0
                         || plain->neurons[n].name_box.width <= 0);
        }
      enlarged += fitted->options.font_scale > 1.0;
      check_layout (network, fitted);
    }
  /* Each of these canvases has room for larger names and values. */
  g_assert_cmpuint (enlarged, ==, G_N_ELEMENTS (canvases));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diagram/layout/worked-example", test_worked_example);
  g_test_add_func ("/diagram/layout/invariants", test_invariants);
  g_test_add_func ("/diagram/layout/text-sizes", test_text_sizes);
  g_test_add_func ("/diagram/layout/pure", test_pure);
  g_test_add_func ("/diagram/layout/options", test_options);
  g_test_add_func ("/diagram/layout/bad-sizes", test_bad_sizes);
  g_test_add_func ("/diagram/layout/dense", test_dense);
  g_test_add_func ("/diagram/layout/json", test_json);
  g_test_add_func ("/diagram/layout/captions", test_captions);
  g_test_add_func ("/diagram/layout/bias-knobs", test_bias_knobs);
  g_test_add_func ("/diagram/layout/fitted", test_fitted);
  g_test_add_func ("/diagram/layout/labels-give-way-alone", test_labels_give_way_alone);
  g_test_add_func ("/diagram/layout/crowded-values", test_crowded_values);
  g_test_add_func ("/diagram/layout/output-extras", test_output_extras);
  g_test_add_func ("/diagram/layout/fitted-labels-apart", test_fitted_labels_apart);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-graph-view.c: the computational graph's layout (boxes apart and on
 * the canvas, columns left to right, edges from a right side to a left
 * side), hit-testing, fitting, rendering in every palette with a walk's
 * current step, and export to PNG, SVG and PDF. Pixels are sampled at
 * layout positions, never compared as whole images. */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "diagram-test-util.h"

static BplGraph *
worked_graph (BplGraph **full_out, const char *select)
{
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  BplGraph *full = bpl_graph_new (net, 0, NULL);
  BplParam param;
  guint neuron;

  if (select == NULL)
    {
      *full_out = NULL;
      return full;
    }
  *full_out = full;
  if (bpl_network_parse_param (net, select, &param, NULL))
    return bpl_graph_new_for_param (full, net, param, BPL_GRAPH_DEFAULT_PER_LAYER);
  g_assert_true (bpl_network_parse_neuron (net, select, &neuron));
  return bpl_graph_new_for_neuron (full, net, neuron, BPL_GRAPH_DEFAULT_PER_LAYER);
}

static gboolean
inside (const BplRect *inner, const BplRect *outer)
{
  return inner->x >= outer->x - 1e-9 && inner->y >= outer->y - 1e-9
         && inner->x + inner->width <= outer->x + outer->width + 1e-9
         && inner->y + inner->height <= outer->y + outer->height + 1e-9;
}

static void
check_layout (const BplGraph *g, const BplGraphLayout *l)
{
  BplRect canvas = { 0, 0, l->width, l->height };

  g_assert_cmpuint (l->n_nodes, ==, g->n_nodes);
  g_assert_cmpuint (l->n_edges, ==, g->n_edges);
  g_assert_cmpfloat (l->width, >, 0);
  g_assert_cmpfloat (l->height, >, 0);
  for (guint n = 0; n < l->n_nodes; n++)
    {
      const BplGraphNodeLayout *a = &l->nodes[n];

      g_assert_true (inside (&a->box, &canvas));
      g_assert_true (inside (&a->title_box, &a->box));
      g_assert_true (inside (&a->value_box, &a->box));
      if (g->nodes[n].op != BPL_GRAPH_OP_GROUP)
        g_assert_true (inside (&a->gradient_box, &a->box));
      for (guint m = n + 1; m < l->n_nodes; m++)
        {
          const BplGraphNodeLayout *b = &l->nodes[m];
          gboolean apart = a->box.x + a->box.width <= b->box.x || b->box.x + b->box.width <= a->box.x
                           || a->box.y + a->box.height <= b->box.y || b->box.y + b->box.height <= a->box.y;

          if (!apart)
            g_error ("%s and %s overlap", g->nodes[n].name, g->nodes[m].name);
          /* One column, one x. */
          if (a->column == b->column)
            g_assert_cmpfloat (a->box.x, ==, b->box.x);
          else if (a->column < b->column)
            g_assert_cmpfloat (a->box.x + a->box.width, <, b->box.x);
        }
    }
  for (guint e = 0; e < l->n_edges; e++)
    {
      const BplGraphEdgeLayout *el = &l->edges[e];
      const BplRect *from = &l->nodes[g->edges[e].from].box;
      const BplRect *to = &l->nodes[g->edges[e].to].box;

      g_assert_cmpuint (el->n_points, >=, 2);
      g_assert_cmpuint (el->n_points % 2, ==, 0);
      /* From the source's right side to the target's left side, left to right. */
      g_assert_cmpfloat (el->points[0], ==, from->x + from->width);
      g_assert_cmpfloat (el->points[1], >=, from->y);
      g_assert_cmpfloat (el->points[1], <=, from->y + from->height);
      g_assert_cmpfloat (el->points[2 * el->n_points - 2], ==, to->x);
      g_assert_cmpfloat (el->points[2 * el->n_points - 1], >=, to->y);
      g_assert_cmpfloat (el->points[2 * el->n_points - 1], <=, to->y + to->height);
      for (guint i = 0; i + 1 < el->n_points; i++)
        g_assert_cmpfloat (el->points[2 * i], <, el->points[2 * i + 2]);
      /* Through a column, an edge keeps clear of the boxes in it. */
      for (guint i = 1; i + 1 < el->n_points; i += 2)
        for (guint n = 0; n < l->n_nodes; n++)
          {
            const BplRect *b = &l->nodes[n].box;

            if (b->x == el->points[2 * i])
              g_assert_true (el->points[2 * i + 1] < b->y || el->points[2 * i + 1] > b->y + b->height);
          }
    }
}

static void
test_layout (void)
{
  const char *const selections[] = { NULL, "w3", "w5", "b1", "h1", "o2", "i1" };
  const guint wide[] = { 16, 32, 32, 8 };
  const guint deep[] = { 3, 4, 4, 4, 2 };
  g_autoptr (BplNetwork) wide_net = diagram_test_network (wide, 4, BPL_BIAS_PER_NEURON, 7);
  g_autoptr (BplNetwork) deep_net = diagram_test_network (deep, 5, BPL_BIAS_PER_LAYER, 8);

  for (guint i = 0; i < G_N_ELEMENTS (selections); i++)
    {
      g_autoptr (BplGraph) full = NULL;
      g_autoptr (BplGraph) g = worked_graph (&full, selections[i]);
      g_autoptr (BplGraphLayout) l = bpl_graph_layout_new (g, NULL);

      check_layout (g, l);
    }
  for (guint k = 0; k < 2; k++)
    {
      const BplNetwork *net = k == 0 ? wide_net : deep_net;
      g_autoptr (BplGraph) full = bpl_graph_new (net, 0, NULL);
      g_autoptr (BplGraph) w1 = bpl_graph_new_for_param (full, net, (BplParam) { BPL_PARAM_WEIGHT, 0 },
                                                         BPL_GRAPH_DEFAULT_PER_LAYER);
      g_autoptr (BplGraph) b1 = bpl_graph_new_for_param (full, net, (BplParam) { BPL_PARAM_BIAS, 0 },
                                                         BPL_GRAPH_DEFAULT_PER_LAYER);
      g_autoptr (BplGraph) h = bpl_graph_new_for_neuron (full, net, bpl_network_get_n_inputs (net) + 1,
                                                         BPL_GRAPH_DEFAULT_PER_LAYER);
      g_autoptr (BplGraphLayout) l1 = bpl_graph_layout_new (w1, NULL);
      g_autoptr (BplGraphLayout) l2 = bpl_graph_layout_new (b1, NULL);
      g_autoptr (BplGraphLayout) l3 = bpl_graph_layout_new (h, NULL);

      check_layout (w1, l1);
      check_layout (b1, l2);
      check_layout (h, l3);
    }
  {
    g_autoptr (BplGraph) g = bpl_graph_new (deep_net, 0, NULL);
    g_autoptr (BplGraphLayout) l = bpl_graph_layout_new (g, NULL);

    check_layout (g, l);
  }
}

/* The worked example's w3 graph reads left to right as the chain rule does,
 * and larger type makes a larger picture. */
static void
test_layout_worked (void)
{
  g_autoptr (BplGraph) full = NULL;
  g_autoptr (BplGraph) g = worked_graph (&full, "w3");
  g_autoptr (BplGraphLayout) l = bpl_graph_layout_new (g, NULL);
  BplGraphLayoutOptions big;
  g_autoptr (BplGraphLayout) large = NULL;
  const char *const chain[] = { "w3", "w3·i1", "net_h2", "out_h2", "w6·out_h2", "net_o1", "out_o1",
                                "E_o1", "E_total" };

  for (guint i = 0; i + 1 < G_N_ELEMENTS (chain); i++)
    g_assert_cmpuint (l->nodes[bpl_graph_find_name (g, chain[i])].column, <,
                      l->nodes[bpl_graph_find_name (g, chain[i + 1])].column);
  g_assert_cmpuint (l->n_columns, ==, 9);
  g_assert_cmpuint (l->crossings, <=, 1);
  /* Parallel chains are level: net_o1 beside out_o1, w8·out_h2 below w6·out_h2. */
  g_assert_cmpfloat (fabs (l->nodes[bpl_graph_find_name (g, "net_o1")].box.y
                           - l->nodes[bpl_graph_find_name (g, "out_o1")].box.y), <, 30);
  g_assert_cmpfloat (l->nodes[bpl_graph_find_name (g, "w6·out_h2")].box.y, <,
                     l->nodes[bpl_graph_find_name (g, "w8·out_h2")].box.y);

  bpl_graph_layout_options_init (&big);
  big.font_scale = 2.0;
  large = bpl_graph_layout_new (g, &big);
  check_layout (g, large);
  g_assert_cmpfloat (large->width, >, 1.6 * l->width);
  g_assert_cmpfloat (large->height, >, 1.6 * l->height);
}

static void
test_hit_test (void)
{
  g_autoptr (BplGraph) full = NULL;
  g_autoptr (BplGraph) g = worked_graph (&full, "w3");
  g_autoptr (BplGraphLayout) l = bpl_graph_layout_new (g, NULL);
  BplGraphHit hit;

  for (guint n = 0; n < l->n_nodes; n++)
    {
      const BplRect *b = &l->nodes[n].box;

      hit = bpl_graph_layout_hit_test (l, b->x + b->width / 2, b->y + b->height / 2);
      g_assert_cmpuint (hit.kind, ==, BPL_GRAPH_HIT_NODE);
      g_assert_cmpuint (hit.index, ==, n);
      hit = bpl_graph_layout_hit_test (l, b->x + 1, b->y + 1);
      g_assert_cmpuint (hit.kind, ==, BPL_GRAPH_HIT_NODE);
      g_assert_cmpuint (hit.index, ==, n);
    }
  /* An edge, in the middle of its first stretch (where the walk labels it). */
  for (guint e = 0; e < l->n_edges; e++)
    {
      hit = bpl_graph_layout_hit_test (l, l->edges[e].tail_x, l->edges[e].tail_y);
      g_assert_cmpuint (hit.kind, ==, BPL_GRAPH_HIT_EDGE);
      /* Where edges cross or meet, the nearest wins; it passes there too. */
      if (hit.index != e)
        g_assert_cmpuint (g->edges[hit.index].from, ==, g->edges[e].from);
    }
  hit = bpl_graph_layout_hit_test (l, -50, -50);
  g_assert_cmpuint (hit.kind, ==, BPL_GRAPH_HIT_NONE);
  hit = bpl_graph_layout_hit_test (l, NAN, 10);
  g_assert_cmpuint (hit.kind, ==, BPL_GRAPH_HIT_NONE);
}

static void
test_fit (void)
{
  g_autoptr (BplGraph) full = NULL;
  g_autoptr (BplGraph) g = worked_graph (&full, "w3");
  g_autoptr (BplGraphLayout) l = bpl_graph_layout_new (g, NULL);
  double scale, x, y;

  bpl_graph_layout_fit (l, l->width / 2, l->height * 4, &scale, &x, &y);
  g_assert_cmpfloat_with_epsilon (scale, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (x, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, (l->height * 4 - l->height * 0.5) / 2, 1e-9);
  /* Never larger than measured. */
  bpl_graph_layout_fit (l, l->width * 3, l->height * 3, &scale, &x, &y);
  g_assert_cmpfloat (scale, ==, 1.0);
  g_assert_cmpfloat_with_epsilon (x, l->width, 1e-9);
}

/* Renders into an image surface and returns it (the caller destroys it). */
static cairo_surface_t *
render (const BplGraph *g, const BplGraphLayout *l, BplTheme theme, const BplGraphRenderState *state)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (l->width),
                                                         (int) ceil (l->height));
  cairo_t *cr = cairo_create (surface);
  BplStyle style;

  bpl_style_init_builtin (&style, theme);
  bpl_graph_render (cr, g, l, &style, state);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint32
pixel (cairo_surface_t *surface, double x, double y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + (int) y * stride + 4 * (int) x) & 0xffffff;
}

static guint32
color_rgb (const BplColor *c)
{
  return ((guint32) lround (c->r * 255) << 16) | ((guint32) lround (c->g * 255) << 8)
         | (guint32) lround (c->b * 255);
}

/* How many pixels of @box differ between two renders. */
static guint
differing (cairo_surface_t *a, cairo_surface_t *b, const BplRect *box)
{
  guint n = 0;

  for (int y = (int) box->y; y < (int) (box->y + box->height); y++)
    for (int x = (int) box->x; x < (int) (box->x + box->width); x++)
      n += pixel (a, x, y) != pixel (b, x, y);
  return n;
}

static void
test_render (void)
{
  const BplTheme themes[] = { BPL_THEME_LIGHT, BPL_THEME_DARK, BPL_THEME_HIGH_CONTRAST };
  g_autoptr (BplGraph) full = NULL;
  g_autoptr (BplGraph) g = worked_graph (&full, "w3");
  g_autoptr (BplGraphLayout) l = bpl_graph_layout_new (g, NULL);
  g_autoptr (BplGraphWalk) walk = bpl_graph_walk_new (g, BPL_GRAPH_BACKWARD);

  for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
    {
      cairo_surface_t *plain, *stepped, *before;
      BplGraphRenderState state;
      BplStyle style;
      gint w3 = bpl_graph_find_name (g, "w3");
      gint total = bpl_graph_find_name (g, "E_total");
      gint mul = bpl_graph_find_name (g, "w3·i1");
      const BplGraphNodeLayout *w3l = &l->nodes[w3];

      bpl_style_init_builtin (&style, themes[t]);
      plain = render (g, l, themes[t], NULL);
      /* The background, and the boxes drawn over it. */
      g_assert_cmphex (pixel (plain, 2, 2), ==, color_rgb (&style.background));
      g_assert_cmphex (pixel (plain, w3l->box.x + w3l->box.width / 2, w3l->box.y + 2), !=,
                       color_rgb (&style.background));

      /* The step at w3·i1: it stands out, and w3's gradient is not known yet. */
      bpl_graph_render_state_init (&state);
      state.walk = walk;
      state.position = walk->step_of_node[mul];
      stepped = render (g, l, themes[t], &state);
      g_assert_cmpuint (differing (plain, stepped, &l->nodes[mul].box), >, 50);
      g_assert_cmpuint (differing (plain, stepped, &w3l->gradient_box), >, 10);
      /* E_total, done long before, looks as it does without a walk. */
      g_assert_cmpuint (differing (plain, stepped, &l->nodes[total].box), ==, 0);

      /* Before the first step nothing is known, not even E_total's 1. */
      state.position = -1;
      before = render (g, l, themes[t], &state);
      g_assert_cmpuint (differing (plain, before, &l->nodes[total].gradient_box), >, 5);
      g_assert_cmpuint (differing (plain, before, &l->nodes[total].value_box), ==, 0);

      cairo_surface_destroy (plain);
      cairo_surface_destroy (stepped);
      cairo_surface_destroy (before);
    }

  /* A selected node stands out; an out-of-range walk position shows all. */
  {
    BplGraphRenderState state;
    cairo_surface_t *plain = render (g, l, BPL_THEME_LIGHT, NULL);
    cairo_surface_t *selected, *beyond;
    gint net = bpl_graph_find_name (g, "net_o2");

    bpl_graph_render_state_init (&state);
    state.selection = net;
    selected = render (g, l, BPL_THEME_LIGHT, &state);
    g_assert_cmpuint (differing (plain, selected, &l->nodes[net].box), >, 50);
    state.selection = -1;
    state.walk = walk;
    state.position = (gint) walk->n_steps + 5;
    beyond = render (g, l, BPL_THEME_LIGHT, &state);
    g_assert_cmpuint (differing (plain, beyond, &(BplRect) { 0, 0, l->width - 1, l->height - 1 }), ==, 0);
    cairo_surface_destroy (plain);
    cairo_surface_destroy (selected);
    cairo_surface_destroy (beyond);
  }
}

/* The forward pass: values appear as their nodes are computed. */
static void
test_render_forward (void)
{
  g_autoptr (BplGraph) full = NULL;
  g_autoptr (BplGraph) g = worked_graph (&full, "w3");
  g_autoptr (BplGraphLayout) l = bpl_graph_layout_new (g, NULL);
  g_autoptr (BplGraphWalk) walk = bpl_graph_walk_new (g, BPL_GRAPH_FORWARD);
  BplGraphRenderState state;
  cairo_surface_t *first, *last;
  gint total = bpl_graph_find_name (g, "E_total");
  gint w3 = bpl_graph_find_name (g, "w3");

  bpl_graph_render_state_init (&state);
  state.walk = walk;
  state.position = 0;
  first = render (g, l, BPL_THEME_LIGHT, &state);
  state.position = (gint) walk->n_steps - 1;
  last = render (g, l, BPL_THEME_LIGHT, &state);
  g_assert_cmpuint (differing (first, last, &l->nodes[total].value_box), >, 5);
  /* A leaf's value is given from the start. */
  g_assert_cmpuint (differing (first, last, &l->nodes[w3].value_box), ==, 0);
  cairo_surface_destroy (first);
  cairo_surface_destroy (last);
}

static guint32
png_u32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
remove_dir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_export (void)
{
  g_autoptr (BplGraph) full = NULL;
  g_autoptr (BplGraph) g = worked_graph (&full, "w3");
  g_autoptr (BplGraphLayout) l = bpl_graph_layout_new (g, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bpl-graph-view-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "g.png", NULL);
  g_autofree char *fitted = g_build_filename (dir, "fitted.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "g.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "g.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  BplStyle style;

  bpl_style_init_builtin (&style, BPL_THEME_LIGHT);

  g_assert_true (bpl_graph_export (g, l, &style, NULL, 0, 0, 2.0, BPL_EXPORT_PNG, png, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  g_assert_cmpmem (contents + 1, 3, "PNG", 3);
  g_assert_cmpuint (png_u32 ((guint8 *) contents + 16), ==, (guint) ceil (ceil (l->width) * 2));
  g_assert_cmpuint (png_u32 ((guint8 *) contents + 20), ==, (guint) ceil (ceil (l->height) * 2));
  g_clear_pointer (&contents, g_free);

  /* A slide's size: the graph fitted and centred. */
  g_assert_true (bpl_graph_export (g, l, &style, NULL, 800, 450, 1.0, BPL_EXPORT_PNG, fitted, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (fitted, &contents, &length, NULL));
  g_assert_cmpuint (png_u32 ((guint8 *) contents + 16), ==, 800);
  g_assert_cmpuint (png_u32 ((guint8 *) contents + 20), ==, 450);
  g_clear_pointer (&contents, g_free);

  g_assert_true (bpl_graph_export (g, l, &style, NULL, 0, 0, 1.0, BPL_EXPORT_SVG, svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_clear_pointer (&contents, g_free);

  g_assert_true (bpl_graph_export (g, l, &style, NULL, 0, 0, 1.0, BPL_EXPORT_PDF, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_assert_nonnull (memmem (contents, length, "Computational graph", strlen ("Computational graph")));
  g_clear_pointer (&contents, g_free);

  /* Too large, and a folder that does not exist: errors, no file. */
  g_assert_false (bpl_graph_export (g, l, &style, NULL, 0, 0, 100.0, BPL_EXPORT_PNG, png, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
  g_clear_error (&error);
  {
    g_autofree char *nowhere = g_build_filename (dir, "no", "such", "g.pdf", NULL);

    g_assert_false (bpl_graph_export (g, l, &style, NULL, 0, 0, 1.0, BPL_EXPORT_PDF, nowhere, &error));
    g_assert_error (error, BPL_ERROR, BPL_ERROR_IO);
  }
  remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diagram/graph/layout", test_layout);
  g_test_add_func ("/diagram/graph/layout-worked", test_layout_worked);
  g_test_add_func ("/diagram/graph/hit-test", test_hit_test);
  g_test_add_func ("/diagram/graph/fit", test_fit);
  g_test_add_func ("/diagram/graph/render", test_render);
  g_test_add_func ("/diagram/graph/render-forward", test_render_forward);
  g_test_add_func ("/diagram/graph/export", test_export);
  return g_test_run ();
}

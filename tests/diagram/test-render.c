/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-render.c: rendering and export. Pixels are sampled at layout
 * positions, never compared as whole images: fonts differ between machines. */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "diagram-test-util.h"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("bpl-render-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static guint32
png_u32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
assert_png (const char *path, guint width, guint height)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  static const guint8 magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  g_assert_cmpuint (length, >, 33);
  g_assert_cmpmem (data, 8, magic, 8);
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  g_assert_cmpuint (png_u32 ((guint8 *) data + 16), ==, width);
  g_assert_cmpuint (png_u32 ((guint8 *) data + 20), ==, height);
}

static void
test_export_formats (Fixture *f, gconstpointer data)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr (GError) error = NULL;
  g_autofree char *png = g_build_filename (f->dir, "d.png", NULL);
  g_autofree char *png2 = g_build_filename (f->dir, "d2.png", NULL);
  g_autofree char *svg = g_build_filename (f->dir, "d.svg", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "d.pdf", NULL);
  g_autofree char *pdf_again = g_build_filename (f->dir, "again.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *contents_again = NULL;
  gsize length = 0, length_again = 0;
  g_autoptr (GMarkupParseContext) xml = NULL;
  static const GMarkupParser no_callbacks = { 0 };
  BplExportFormat format;
  BplStyle style;

  bpl_style_init_builtin (&style, BPL_THEME_LIGHT);

  g_assert_true (bpl_export_format_from_path (png, &format, NULL));
  g_assert_cmpint (format, ==, BPL_EXPORT_PNG);
  g_assert_true (bpl_export_format_from_path ("X.SVG", &format, NULL));
  g_assert_cmpint (format, ==, BPL_EXPORT_SVG);
  g_assert_false (bpl_export_format_from_path ("x.bmp", &format, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (bpl_export (network, 0, NULL, &style, NULL, 1200, 800, 1, BPL_EXPORT_PNG, png,
                             &error));
  g_assert_no_error (error);
  assert_png (png, 1200, 800);

  g_assert_true (bpl_export (network, 0, NULL, &style, NULL, 1200, 800, 2, BPL_EXPORT_PNG, png2,
                             &error));
  g_assert_no_error (error);
  assert_png (png2, 2400, 1600);

  g_assert_true (bpl_export (network, 0, NULL, &style, NULL, 1200, 800, 1, BPL_EXPORT_SVG, svg,
                             &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "width=\"1200px\""));
  /* Well-formed XML. */
  xml = g_markup_parse_context_new (&no_callbacks, 0, NULL, NULL);
  g_assert_true (g_markup_parse_context_parse (xml, contents, length, &error));
  g_assert_true (g_markup_parse_context_end_parse (xml, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);

  /* PDF, reproducible byte for byte with SOURCE_DATE_EPOCH (see pdf-date). */
  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
  g_assert_true (bpl_export (network, 0, NULL, &style, NULL, 1200, 800, 1, BPL_EXPORT_PDF, pdf,
                             &error));
  g_assert_no_error (error);
  g_assert_true (bpl_export (network, 0, NULL, &style, NULL, 1200, 800, 1, BPL_EXPORT_PDF,
                             pdf_again, &error));
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_file_get_contents (pdf_again, &contents_again, &length_again, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_assert_cmpmem (contents, length, contents_again, length_again);
  g_unsetenv ("SOURCE_DATE_EPOCH");
}

/* The creation date in a PDF's bytes, as a Unix time; cairo 1.16 writes
 * "/CreationDate (20231114221320Z)", later versions with a "D:". */
static gint64
pdf_creation_date (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  const char *at;
  int y, mo, d, h, mi, s;
  g_autoptr (GDateTime) when = NULL;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  /* The file holds binary streams: memmem, not a string search that
   * stops at the first zero byte. */
  at = memmem (data, length, "/CreationDate (", strlen ("/CreationDate ("));
  g_assert_nonnull (at);
  at += strlen ("/CreationDate (");
  if (g_str_has_prefix (at, "D:"))
    at += 2;
  g_assert_cmpint (sscanf (at, "%4d%2d%2d%2d%2d%2d", &y, &mo, &d, &h, &mi, &s), ==, 6);
  when = g_date_time_new_utc (y, mo, d, h, mi, s);
  g_assert_nonnull (when);
  g_assert_nonnull (memmem (data, length, "/ModDate (", strlen ("/ModDate (")));
  return g_date_time_to_unix (when);
}

/* Issue 17: every PDF said it was made on 2024-01-01. It says now, or
 * SOURCE_DATE_EPOCH when a reproducible build sets it. */
static void
test_export_pdf_date (Fixture *f, gconstpointer data)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autofree char *pdf = g_build_filename (f->dir, "dated.pdf", NULL);
  g_autoptr (GError) error = NULL;
  BplStyle style;
  gint64 before, after;

  bpl_style_init_builtin (&style, BPL_THEME_LIGHT);

  g_unsetenv ("SOURCE_DATE_EPOCH");
  before = g_get_real_time () / G_USEC_PER_SEC;
  g_assert_true (bpl_export (network, 0, NULL, &style, NULL, 400, 300, 1, BPL_EXPORT_PDF, pdf, &error));
  g_assert_no_error (error);
  after = g_get_real_time () / G_USEC_PER_SEC;
  g_assert_cmpint (pdf_creation_date (pdf), >=, before);
  g_assert_cmpint (pdf_creation_date (pdf), <=, after);

  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
  g_assert_true (bpl_export (network, 0, NULL, &style, NULL, 400, 300, 1, BPL_EXPORT_PDF, pdf, &error));
  g_assert_cmpint (pdf_creation_date (pdf), ==, 1700000000);

  /* Not a count of seconds: ignored, now again. */
  g_setenv ("SOURCE_DATE_EPOCH", "soon", TRUE);
  before = g_get_real_time () / G_USEC_PER_SEC;
  g_assert_true (bpl_export (network, 0, NULL, &style, NULL, 400, 300, 1, BPL_EXPORT_PDF, pdf, &error));
  g_assert_cmpint (pdf_creation_date (pdf), >=, before);
  g_unsetenv ("SOURCE_DATE_EPOCH");
}

static void
test_export_errors (Fixture *f, gconstpointer data)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr (GError) error = NULL;
  g_autofree char *missing_dir = g_build_filename (f->dir, "no", "such", "dir.png", NULL);
  g_autofree char *png = g_build_filename (f->dir, "d.png", NULL);
  BplStyle style;

  bpl_style_init_builtin (&style, BPL_THEME_DARK);

  g_assert_false (bpl_export (network, 0, NULL, &style, NULL, 400, 300, 1, BPL_EXPORT_PNG,
                              missing_dir, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, missing_dir));
  g_clear_error (&error);

  g_assert_false (bpl_export (network, 7, NULL, &style, NULL, 400, 300, 1, BPL_EXPORT_PNG, png,
                              &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  /* Samples are counted from 1 wherever a person reads them. */
  g_assert_nonnull (strstr (error->message, "sample 8 does not exist"));
  g_clear_error (&error);

  g_assert_false (bpl_export (network, 0, NULL, &style, NULL, NAN, 300, 1, BPL_EXPORT_PNG, png,
                              &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (bpl_export (network, 0, NULL, &style, NULL, 10000, 300, 4, BPL_EXPORT_PNG, png,
                              &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
  g_clear_error (&error);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
}

/* An image surface with the diagram drawn in it. */
static cairo_surface_t *
draw (const BplNetwork *network, const BplLayout *layout, const BplStyle *style,
      const BplRenderState *state)
{
  g_autoptr (BplForward) forward = bpl_forward_new (network);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) layout->width,
                                                         (int) layout->height);
  cairo_t *cr = cairo_create (surface);

  bpl_forward_compute (forward, network, 0);
  bpl_render (cr, network, forward, layout, style, state);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
pixel (cairo_surface_t *surface, double x, double y, double rgb[3])
{
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  int ix = CLAMP ((int) x, 0, cairo_image_surface_get_width (surface) - 1);
  int iy = CLAMP ((int) y, 0, cairo_image_surface_get_height (surface) - 1);
  guint32 p = *(const guint32 *) (data + iy * stride + ix * 4);

  rgb[0] = ((p >> 16) & 0xff) / 255.0;
  rgb[1] = ((p >> 8) & 0xff) / 255.0;
  rgb[2] = (p & 0xff) / 255.0;
}

/* The smallest distance to @color of any pixel within 2 px of (x, y): lines
 * are antialiased, so look at a small neighbourhood. */
static double
distance_near (cairo_surface_t *surface, double x, double y, const BplColor *color)
{
  double best = G_MAXDOUBLE;

  for (int dy = -2; dy <= 2; dy++)
    for (int dx = -2; dx <= 2; dx++)
      {
        double rgb[3];

        pixel (surface, x + dx, y + dy, rgb);
        best = MIN (best, fabs (rgb[0] - color->r) + fabs (rgb[1] - color->g)
                            + fabs (rgb[2] - color->b));
      }
  return best;
}

static void
edge_point (const BplLayout *layout, guint w, double t, double *x, double *y)
{
  const BplWeightLayout *wl = &layout->weights[w];

  *x = wl->x1 + t * (wl->x2 - wl->x1);
  *y = wl->y1 + t * (wl->y2 - wl->y1);
}

static void
test_selection_path (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr (BplLayout) layout = bpl_layout_new (network, 1200, 800, NULL);
  gboolean neuron_on[6], weight_on[8], bias_on[2];
  BplParam w3 = { BPL_PARAM_WEIGHT, 2 };
  BplRenderState state;
  BplStyle style;
  cairo_surface_t *plain, *selected;
  const double empty[][2] = { { 600, 120 }, { 300, 100 }, { 900, 680 }, { 6, 400 } };

  bpl_style_init_builtin (&style, BPL_THEME_LIGHT);
  bpl_render_state_init (&state);
  plain = draw (network, layout, &style, &state);
  state.selection = (BplHit) { BPL_HIT_WEIGHT, 2 };
  selected = draw (network, layout, &style, &state);

  bpl_network_get_path_set (network, w3, neuron_on, weight_on, bias_on);
  g_assert_true (weight_on[2] && weight_on[5] && weight_on[7]);

  for (guint w = 0; w < 8; w++)
    {
      double x, y;

      /* Past the labels (near the source) and the crossings (the middle). */
      edge_point (layout, w, 0.66, &x, &y);
      if (weight_on[w])
        {
          g_assert_cmpfloat (distance_near (selected, x, y, &style.accent), <, 0.15);
          g_assert_cmpfloat (distance_near (plain, x, y, &style.positive), <, 0.15);
        }
      else
        g_assert_cmpfloat (distance_near (selected, x, y, &style.accent), >, 0.3);
    }

  /* The outputs on the path: their rims in the accent colour. */
  for (guint n = 4; n < 6; n++)
    {
      const BplNeuronLayout *nl = &layout->neurons[n];

      g_assert_true (neuron_on[n]);
      g_assert_cmpfloat (distance_near (selected, nl->x, nl->y - nl->radius, &style.accent), <,
                         0.15);
    }
  /* h1 is not on w3's path: no accent on its rim. */
  g_assert_cmpfloat (distance_near (selected, layout->neurons[2].x,
                                    layout->neurons[2].y - layout->neurons[2].radius,
                                    &style.accent), >, 0.3);

  /* Empty space is untouched. */
  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      double a[3], b[3];

      g_assert_cmpint (bpl_layout_hit_test (layout, empty[i][0], empty[i][1]).kind, ==,
                       BPL_HIT_NONE);
      pixel (plain, empty[i][0], empty[i][1], a);
      pixel (selected, empty[i][0], empty[i][1], b);
      g_assert_cmpmem (a, sizeof a, b, sizeof b);
    }

  cairo_surface_destroy (plain);
  cairo_surface_destroy (selected);
}

static void
test_sign_colours (void)
{
  guint shape[] = { 2, 2, 1 };
  g_autoptr (BplNetwork) network = diagram_test_network (shape, 3, BPL_BIAS_NONE, 4);
  g_autoptr (BplLayout) layout = NULL;
  cairo_surface_t *surface;
  BplStyle style;

  bpl_network_set_weight (network, 0, 0.5);
  bpl_network_set_weight (network, 1, -0.5);
  layout = bpl_layout_new (network, 800, 600, NULL);
  bpl_style_init_builtin (&style, BPL_THEME_LIGHT);
  surface = draw (network, layout, &style, NULL);
  {
    double best_positive = G_MAXDOUBLE, best_negative = G_MAXDOUBLE;
    guint gaps = 0;

    for (double t = 0.5; t <= 0.8; t += 0.005)
      {
        double x, y, rgb[3];

        edge_point (layout, 0, t, &x, &y);
        best_positive = MIN (best_positive, distance_near (surface, x, y, &style.positive));
        g_assert_cmpfloat (distance_near (surface, x, y, &style.negative), >, 0.5);

        edge_point (layout, 1, t, &x, &y);
        best_negative = MIN (best_negative, distance_near (surface, x, y, &style.negative));
        pixel (surface, x, y, rgb);
        if (fabs (rgb[0] - style.background.r) + fabs (rgb[1] - style.background.g)
            + fabs (rgb[2] - style.background.b) < 0.1)
          gaps++;
      }
    g_assert_cmpfloat (best_positive, <, 0.4);
    g_assert_cmpfloat (best_negative, <, 0.4);
    /* Negative edges are dashed, so the sign never rests on colour alone. */
    g_assert_cmpuint (gaps, >, 3);
  }
  cairo_surface_destroy (surface);
}

static void
test_states_and_bad_values (void)
{
  guint shape[] = { 3, 4, 2 };
  g_autoptr (BplNetwork) network = diagram_test_network (shape, 3, BPL_BIAS_PER_NEURON, 5);
  g_autoptr (BplLayout) layout = NULL;
  double previous[20];
  double previous_biases[6];
  const BplTheme themes[] = { BPL_THEME_LIGHT, BPL_THEME_DARK, BPL_THEME_HIGH_CONTRAST };
  BplRenderState state;
  BplStyle style;

  for (guint w = 0; w < 20; w++)
    previous[w] = bpl_network_get_weight (network, w) + 0.01;
  for (guint b = 0; b < 6; b++)
    previous_biases[b] = bpl_network_get_bias (network, b);
  bpl_network_set_weight (network, 3, NAN);
  bpl_network_set_weight (network, 4, INFINITY);
  bpl_network_set_bias (network, 1, -INFINITY);
  layout = bpl_layout_new (network, 900, 600, NULL);

  for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
    {
      cairo_surface_t *surface;

      bpl_style_init_builtin (&style, themes[t]);
      bpl_render_state_init (&state);
      state.selection = (BplHit) { BPL_HIT_NEURON, 4 };
      state.hover = (BplHit) { BPL_HIT_WEIGHT, 3 };
      state.emphasis = (BplHit) { BPL_HIT_BIAS, 1 };
      state.previous_weights = previous;
      state.previous_biases = previous_biases;
      state.change_progress = 0.5;
      surface = draw (network, layout, &style, &state);
      cairo_surface_destroy (surface);

      /* Out-of-range hits are ignored, not trusted. */
      state.selection = (BplHit) { BPL_HIT_WEIGHT, 999 };
      state.hover = (BplHit) { BPL_HIT_NEURON, 999 };
      state.emphasis = (BplHit) { 42, 0 };
      state.sample = 99;
      surface = draw (network, layout, &style, &state);
      cairo_surface_destroy (surface);
    }

  /* Without a forward pass: no values, no crash. */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 600);
    cairo_t *cr = cairo_create (surface);

    bpl_render (cr, network, NULL, layout, &style, NULL);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
}

static void
test_themes (void)
{
  BplStyle light, dark;
  BplTheme theme;

  bpl_style_init_builtin (&light, BPL_THEME_LIGHT);
  bpl_style_init_builtin (&dark, BPL_THEME_DARK);
  g_assert_cmpfloat (light.background.r, >, dark.background.r);
  /* GNOME's accent colours. */
  g_assert_cmpfloat_with_epsilon (light.accent.r, 0x35 / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (dark.accent.r, 0x78 / 255.0, 1e-9);
  g_assert_true (bpl_theme_from_string ("high-contrast", &theme));
  g_assert_cmpint (theme, ==, BPL_THEME_HIGH_CONTRAST);
  /* High contrast in a dark style: light text on a dark canvas. */
  g_assert_true (bpl_theme_from_string ("high-contrast-dark", &theme));
  g_assert_cmpint (theme, ==, BPL_THEME_HIGH_CONTRAST_DARK);
  {
    BplStyle hc_dark;

    bpl_style_init_builtin (&hc_dark, theme);
    g_assert_true (hc_dark.high_contrast);
    g_assert_cmpfloat (hc_dark.foreground.r, >, hc_dark.background.r);
    g_assert_cmpfloat (hc_dark.positive.r, >, 0.9);
  }
  g_assert_false (bpl_theme_from_string ("neon", &theme));
  g_assert_false (bpl_theme_from_string (NULL, &theme));
}

/* A PNG export is drawn in bands (bpl-export.c). It must match the same
 * diagram drawn on one surface: no seams, no band drawn twice, dashes and
 * text in place. The one allowed difference is Cairo's: a glyph cut by a
 * band's edge is composited within its outline's box, which hinting can
 * overstep by a faint pixel. */
static void
test_png_bands (Fixture *f, gconstpointer data)
{
  static const struct {
    guint    layers[4];
    guint    n_layers;
    BplTheme theme;
    double   scale;
    BplHit   selection;
  } cases[] = {
    { { 2, 2, 2 }, 3, BPL_THEME_LIGHT, 1.0, { BPL_HIT_NONE, 0 } },
    { { 2, 2, 2 }, 3, BPL_THEME_DARK, 1.5, { BPL_HIT_WEIGHT, 2 } },
    { { 4, 8, 8, 3 }, 4, BPL_THEME_HIGH_CONTRAST, 2.0, { BPL_HIT_BIAS, 1 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (BplNetwork) network = diagram_test_network (cases[i].layers, cases[i].n_layers,
                                                             BPL_BIAS_PER_LAYER, 5 + i);
      g_autoptr (BplLayout) layout = bpl_layout_new (network, 1000, 700, NULL);
      g_autoptr (BplForward) forward = bpl_forward_new (network);
      g_autoptr (GError) error = NULL;
      g_autofree char *path = g_build_filename (f->dir, "bands.png", NULL);
      double scale = cases[i].scale;
      int width = (int) ceil (1000 * scale), height = (int) ceil (700 * scale);
      cairo_surface_t *whole = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cairo_surface_t *exported;
      BplRenderState state;
      BplStyle style;
      guint differing = 0;
      int largest = 0;
      cairo_t *cr;

      bpl_style_init_builtin (&style, cases[i].theme);
      bpl_render_state_init (&state);
      state.selection = cases[i].selection;
      bpl_forward_compute (forward, network, 0);
      cairo_surface_set_device_scale (whole, scale, scale);
      cr = cairo_create (whole);
      bpl_render (cr, network, forward, layout, &style, &state);
      cairo_destroy (cr);
      cairo_surface_flush (whole);

      g_assert_true (bpl_export (network, 0, NULL, &style, &state, 1000, 700, scale,
                                 BPL_EXPORT_PNG, path, &error));
      g_assert_no_error (error);
      exported = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (exported), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (exported), ==, width);
      g_assert_cmpint (cairo_image_surface_get_height (exported), ==, height);

      for (int y = 0; y < height; y++)
        {
          const guint8 *a = cairo_image_surface_get_data (whole)
                            + (gsize) y * cairo_image_surface_get_stride (whole);
          const guint8 *b = cairo_image_surface_get_data (exported)
                            + (gsize) y * cairo_image_surface_get_stride (exported);

          for (int x = 0; x < width; x++)
            {
              int d = 0;

              for (int k = 0; k < 4; k++)
                d = MAX (d, ABS ((int) a[4 * x + k] - (int) b[4 * x + k]));
              differing += d > 0;
              largest = MAX (largest, d);
            }
        }
      g_test_message ("case %u: %u of %d pixels differ, by at most %d", i, differing,
                      width * height, largest);
      g_assert_cmpuint (differing, <=, (guint) (width * height / 10000));
      g_assert_cmpint (largest, <=, 96);
      cairo_surface_destroy (exported);
      cairo_surface_destroy (whole);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/diagram/export/formats", Fixture, NULL, fixture_setup, test_export_formats,
              fixture_teardown);
  g_test_add ("/diagram/export/pdf-date", Fixture, NULL, fixture_setup, test_export_pdf_date,
              fixture_teardown);
  g_test_add ("/diagram/export/errors", Fixture, NULL, fixture_setup, test_export_errors,
              fixture_teardown);
  g_test_add ("/diagram/export/png-bands", Fixture, NULL, fixture_setup, test_png_bands,
              fixture_teardown);
  g_test_add_func ("/diagram/render/selection-path", test_selection_path);
  g_test_add_func ("/diagram/render/sign-colours", test_sign_colours);
  g_test_add_func ("/diagram/render/states-and-bad-values", test_states_and_bad_values);
  g_test_add_func ("/diagram/render/themes", test_themes);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The diagram's own PNG encoder: whatever it writes, libpng (through Cairo's
 * reader) must read back as the same pixels. */
#include "config.h"

#include <cairo.h>
#include <glib.h>
#include <string.h>

#include "bpl-png-private.h"

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         offset;
} Reader;

static cairo_status_t
read_bytes (void *closure, unsigned char *data, unsigned int length)
{
  Reader *r = closure;
  if (r->offset + length > r->length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, r->data + r->offset, length);
  r->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

/* A whole surface: RGB when every pixel is opaque, else RGBA, as the
 * export decides from its background. */
static gboolean
encode_surface (cairo_surface_t *surface, GByteArray *bytes)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  gboolean opaque = TRUE;
  const guint8 *data;
  BplPngEncoder *encoder;

  g_return_val_if_fail (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32, FALSE);

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  if (data == NULL || width <= 0 || height <= 0)
    return FALSE;

  /* A diagram on an opaque background needs no alpha channel. */
  for (int y = 0; y < height && opaque; y++)
    {
      const guint32 *src = (const guint32 *) (data + (gsize) y * stride);
      guint32 all = 0xffffffffu;
      /* AND of the row, without a branch per pixel: the compiler vectorises it. */
      for (int x = 0; x < width; x++)
        all &= src[x];
      opaque = (all >> 24) == 0xff;
    }

  encoder = bpl_png_encoder_new ((guint) width, (guint) height, !opaque);
  bpl_png_encoder_add_rows (encoder, data, (gsize) stride, (guint) height);
  return bpl_png_encoder_finish (encoder, bytes);
}

typedef void (*Painter) (cairo_surface_t *surface, GRand *rand);

static void
paint_flat (cairo_surface_t *surface, GRand *rand)
{
  cairo_t *cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0.98, 0.98, 0.97);
  cairo_paint (cr);
  cairo_destroy (cr);
}

/* Lines, circles and text over a flat background: what diagrams are. */
static void
paint_diagram_like (cairo_surface_t *surface, GRand *rand)
{
  cairo_t *cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  for (int i = 0; i < 40; i++)
    {
      cairo_set_source_rgb (cr, g_rand_double (rand), g_rand_double (rand), g_rand_double (rand));
      cairo_set_line_width (cr, g_rand_double_range (rand, 0.5, 4));
      cairo_move_to (cr, g_rand_double_range (rand, 0, 640), g_rand_double_range (rand, 0, 480));
      cairo_line_to (cr, g_rand_double_range (rand, 0, 640), g_rand_double_range (rand, 0, 480));
      cairo_stroke (cr);
      cairo_arc (cr, g_rand_double_range (rand, 0, 640), g_rand_double_range (rand, 0, 480), 20, 0, 6.3);
      cairo_stroke (cr);
    }
  cairo_move_to (cr, 20, 40);
  cairo_set_font_size (cr, 18);
  cairo_show_text (cr, "w3 = 0.25 ∂E/∂w3");
  cairo_destroy (cr);
}

/* Every byte different: nothing for the encoder to match. */
static void
paint_noise (cairo_surface_t *surface, GRand *rand)
{
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      ((guint32 *) (data + y * stride))[x] = 0xff000000u | (g_rand_int (rand) & 0xffffffu);
  cairo_surface_mark_dirty (surface);
}

static void
paint_translucent (cairo_surface_t *surface, GRand *rand)
{
  cairo_t *cr = cairo_create (surface);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
  cairo_set_source_rgba (cr, 0.2, 0.4, 0.9, 0.5);
  cairo_arc (cr, 100, 80, 60, 0, 6.3);
  cairo_fill (cr);
  cairo_destroy (cr);
}

static void
check_round_trip (Painter paint, int width, int height, int tolerance)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  Reader reader;
  cairo_surface_t *decoded;
  int max_diff = 0;

  paint (surface, rand);
  g_assert_true (encode_surface (surface, bytes));
  reader = (Reader) { bytes->data, bytes->len, 0 };
  decoded = cairo_image_surface_create_from_png_stream (read_bytes, &reader);
  g_assert_cmpint (cairo_surface_status (decoded), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (decoded), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (decoded), ==, height);

  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    {
      const guint8 *a = cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface);
      const guint8 *b = cairo_image_surface_get_data (decoded) + y * cairo_image_surface_get_stride (decoded);
      for (int i = 0; i < width * 4; i++)
        max_diff = MAX (max_diff, ABS ((int) a[i] - (int) b[i]));
    }
  g_test_message ("%dx%d: %u bytes, largest channel difference %d", width, height, bytes->len, max_diff);
  /* Opaque images are exact; premultiplied alpha rounds by at most one step. */
  g_assert_cmpint (max_diff, <=, tolerance);
  cairo_surface_destroy (decoded);
  cairo_surface_destroy (surface);
}

static void
test_flat (void)
{
  check_round_trip (paint_flat, 640, 480, 0);
  check_round_trip (paint_flat, 1, 1, 0);
  check_round_trip (paint_flat, 3, 700, 0);
}

static void
test_diagram_like (void)
{
  check_round_trip (paint_diagram_like, 640, 480, 0);
  check_round_trip (paint_diagram_like, 641, 479, 0);
}

static void
test_noise (void)
{
  check_round_trip (paint_noise, 300, 200, 0);
}

static void
test_translucent (void)
{
  check_round_trip (paint_translucent, 200, 160, 1);
}

/* Wider than deflate's 32 KiB window reaches one row up. */
static void
test_wide (void)
{
  check_round_trip (paint_diagram_like, 11000, 3, 0);
}

/* Bands of any height, and rows equal to the ones above (which take the
 * encoder's shortcut), give the bytes of a whole-image encode. */
static void
test_bands (void)
{
  static const guint band_heights[] = { 1, 2, 7, 64, 479, 480 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 480);
  g_autoptr (GByteArray) whole = g_byte_array_new ();
  const guint8 *data;
  int stride;

  paint_diagram_like (surface, rand);
  g_assert_true (encode_surface (surface, whole));
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);

  for (guint i = 0; i < G_N_ELEMENTS (band_heights); i++)
    {
      g_autoptr (GByteArray) banded = g_byte_array_new ();
      BplPngEncoder *encoder = bpl_png_encoder_new (640, 480, FALSE);

      for (guint y = 0; y < 480; y += band_heights[i])
        bpl_png_encoder_add_rows (encoder, data + (gsize) y * stride, (gsize) stride,
                                  MIN (band_heights[i], 480 - y));
      g_assert_true (bpl_png_encoder_finish (encoder, banded));
      g_assert_cmpmem (banded->data, banded->len, whole->data, whole->len);
    }
  cairo_surface_destroy (surface);
}

/* An encoder finished early fails instead of writing a short image. */
static void
test_missing_rows (void)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  guint32 row[4] = { 0xff000000u, 0xff000000u, 0xff000000u, 0xff000000u };
  BplPngEncoder *encoder = bpl_png_encoder_new (4, 3, FALSE);

  bpl_png_encoder_add_rows (encoder, (const guint8 *) row, sizeof row, 1);
  g_assert_false (bpl_png_encoder_finish (encoder, bytes));
  g_assert_cmpuint (bytes->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/diagram/png/flat", test_flat);
  g_test_add_func ("/diagram/png/diagram-like", test_diagram_like);
  g_test_add_func ("/diagram/png/noise", test_noise);
  g_test_add_func ("/diagram/png/translucent", test_translucent);
  g_test_add_func ("/diagram/png/wider-than-the-window", test_wide);
  g_test_add_func ("/diagram/png/bands", test_bands);
  g_test_add_func ("/diagram/png/missing-rows", test_missing_rows);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-raster.c: antialiased lines straight into pixels (see the header for
 * why). Coverage is exact for a box filter across the line and along its
 * major axis: a line half a pixel wide leaves half of each pixel it
 * crosses, as cairo's would. */
#include "config.h"

#include "bpl-raster-private.h"

#include <math.h>

/* A temporary image larger than this is not worth it: draw with cairo. */
#define MAX_RASTER_SIDE 16384

gboolean
bpl_raster_suits (cairo_t *cr)
{
  cairo_matrix_t m;

  switch (cairo_surface_get_type (cairo_get_group_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
    case CAIRO_SURFACE_TYPE_SCRIPT:
      return FALSE;
    default:
      break;
    }
  cairo_get_matrix (cr, &m);
  return m.xy == 0 && m.yx == 0 && m.xx > 0 && m.xx == m.yy;
}

cairo_surface_t *
bpl_raster_begin (cairo_t       *cr,
                  BplRaster     *raster,
                  const BplRect *limit)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  cairo_surface_t *image;
  cairo_matrix_t m;
  double ux1, uy1, ux2, uy2, sx = 1, sy = 1, ox = 0, oy = 0;
  double px1, py1, px2, py2;
  int x0, y0, w, h;

  if (!bpl_raster_suits (cr))
    return NULL;

  /* User space to the target's pixels: the matrix, then the surface's own
   * device scale and offset (a PNG band, a HiDPI window). */
  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_surface_get_device_offset (target, &ox, &oy);
  if (sx != sy || sx <= 0)
    return NULL;

  cairo_clip_extents (cr, &ux1, &uy1, &ux2, &uy2);
  if (limit != NULL)
    {
      ux1 = MAX (ux1, limit->x);
      uy1 = MAX (uy1, limit->y);
      ux2 = MIN (ux2, limit->x + limit->width);
      uy2 = MIN (uy2, limit->y + limit->height);
    }
  px1 = floor ((ux1 * m.xx + m.x0) * sx + ox);
  py1 = floor ((uy1 * m.yy + m.y0) * sy + oy);
  px2 = ceil ((ux2 * m.xx + m.x0) * sx + ox);
  py2 = ceil ((uy2 * m.yy + m.y0) * sy + oy);
  if (!(px2 - px1 >= 1 && py2 - py1 >= 1 && px2 - px1 <= MAX_RASTER_SIDE
        && py2 - py1 <= MAX_RASTER_SIDE))
    return NULL;
  x0 = (int) px1;
  y0 = (int) py1;
  w = (int) (px2 - px1);
  h = (int) (py2 - py1);

  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      return NULL;
    }
  cairo_surface_flush (image);
  raster->x0 = x0;
  raster->y0 = y0;
  raster->data = (guint32 *) (void *) cairo_image_surface_get_data (image);
  raster->stride = cairo_image_surface_get_stride (image) / 4;
  raster->width = w;
  raster->height = h;
  raster->scale = m.xx * sx;
  raster->dx = m.x0 * sx + ox - x0;
  raster->dy = m.y0 * sy + oy - y0;
  return image;
}

void
bpl_raster_end (cairo_t         *cr,
                cairo_surface_t *image,
                const BplRaster *raster)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  double sx = 1, sy = 1, ox = 0, oy = 0;

  if (image == NULL)
    return;
  cairo_surface_mark_dirty (image);
  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_surface_get_device_offset (target, &ox, &oy);
  /* The image's pixel (0, 0) is the target's pixel (x0, y0): painted one
   * to one. */
  cairo_surface_set_device_scale (image, sx, sy);
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_set_source_surface (cr, image, (raster->x0 - ox) / sx, (raster->y0 - oy) / sy);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (image);
}

static inline guint32
div255 (guint32 x)
{
  x += 128;
  return (x + (x >> 8)) >> 8;
}

/* @src premultiplied, 8 bits a channel; @k the coverage in 1/256ths. */
static inline void
blend (guint32 *p,
       guint32  src_a,
       guint32  src_r,
       guint32  src_g,
       guint32  src_b,
       guint32  k)
{
  guint32 d = *p;
  guint32 a = (src_a * k) >> 8, r = (src_r * k) >> 8, g = (src_g * k) >> 8, b = (src_b * k) >> 8;
  guint32 keep = 255 - a;

  *p = ((a + div255 ((d >> 24) * keep)) << 24)
       | ((r + div255 (((d >> 16) & 0xff) * keep)) << 16)
       | ((g + div255 (((d >> 8) & 0xff) * keep)) << 8)
       | (b + div255 ((d & 0xff) * keep));
}

/* How much of [0, s) a dash pattern of period @on + @off has on. */
static inline double
dash_on_length (double s,
                double on,
                double period)
{
  double cycles = floor (s / period);

  return cycles * on + MIN (s - cycles * period, on);
}

void
bpl_raster_line (BplRaster      *raster,
                 double          x1,
                 double          y1,
                 double          x2,
                 double          y2,
                 double          width,
                 const BplColor *color,
                 double          alpha,
                 double          dash_on,
                 double          dash_off)
{
  double s = raster->scale;
  double a = CLAMP (color->a * alpha, 0, 1);
  guint32 sa = (guint32) lround (a * 255), sr = (guint32) lround (CLAMP (color->r, 0, 1) * a * 255);
  guint32 sg = (guint32) lround (CLAMP (color->g, 0, 1) * a * 255);
  guint32 sb = (guint32) lround (CLAMP (color->b, 0, 1) * a * 255);
  double u1, v1, u2, v2, du, dv, slope, sec, half, len, period;
  int max_u, max_v, u_first, u_last;
  gboolean steep, reversed = FALSE, dashed = dash_on > 0 && dash_off > 0;

  if (sa == 0 || !(width > 0))
    return;

  x1 = x1 * s + raster->dx;
  y1 = y1 * s + raster->dy;
  x2 = x2 * s + raster->dx;
  y2 = y2 * s + raster->dy;
  width *= s;
  dash_on *= s;
  dash_off *= s;
  period = dash_on + dash_off;
  len = hypot (x2 - x1, y2 - y1);
  if (!isfinite (len) || len < 1e-6)
    return;

  /* Walk the major axis, u, one pixel at a time; v is the other. */
  steep = fabs (y2 - y1) > fabs (x2 - x1);
  u1 = steep ? y1 : x1;
  v1 = steep ? x1 : y1;
  u2 = steep ? y2 : x2;
  v2 = steep ? x2 : y2;
  if (u2 < u1)
    {
      double t;

      t = u1; u1 = u2; u2 = t;
      t = v1; v1 = v2; v2 = t;
      reversed = TRUE;
    }
  du = u2 - u1;
  dv = v2 - v1;
  slope = dv / du;
  sec = len / du;
  /* The line's cross-section along v: wider the more it slants. */
  half = width * sec / 2;
  max_u = steep ? raster->height : raster->width;
  max_v = steep ? raster->width : raster->height;

  u_first = (int) MAX (floor (u1), 0);
  u_last = (int) MIN (floor (u2), max_u - 1.0);
  for (int u = u_first; u <= u_last; u++)
    {
      double ua = MAX (u, u1), ub = MIN (u + 1.0, u2);
      double cu = ub - ua, uc, vc, va, vb;
      int v_first, v_last;

      if (cu <= 0)
        continue;
      if (dashed)
        {
          /* The stretch of the line in this pixel, measured along it from
           * where it starts, and how much of that the dashes have on. */
          double sa_ = (reversed ? u2 - ub : ua - u1) * sec;
          double sb_ = (reversed ? u2 - ua : ub - u1) * sec;

          cu *= (dash_on_length (sb_, dash_on, period) - dash_on_length (sa_, dash_on, period))
                / (sb_ - sa_);
          if (cu <= 0)
            continue;
        }
      uc = (ua + ub) / 2;
      vc = v1 + (uc - u1) * slope;
      va = vc - half;
      vb = vc + half;
      v_first = (int) MAX (floor (va), 0);
      v_last = (int) MIN (floor (vb), max_v - 1.0);
      for (int v = v_first; v <= v_last; v++)
        {
          double cv = MIN (v + 1.0, vb) - MAX ((double) v, va);
          guint32 k;
          guint32 *p;

          if (cv <= 0)
            continue;
          k = (guint32) (MIN (cv, 1.0) * cu * 256 + 0.5);
          if (k == 0)
            continue;
          p = steep ? &raster->data[u * raster->stride + v] : &raster->data[v * raster->stride + u];
          blend (p, sa, sr, sg, sb, MIN (k, 256));
        }
    }
}

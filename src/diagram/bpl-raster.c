/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-raster.c: antialiased lines straight into pixels (see the header for
 * why). Coverage is exact for a box filter across the line and along its
 * major axis: a line half a pixel wide leaves half of each pixel it
 * crosses, as cairo's would. */
#include "config.h"

#include "bpl-raster-private.h"

#include <math.h>
#include <string.h>

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

static const cairo_user_data_key_t replay_scale_key;

/* Pixels per unit of @target: its device scale, or for one that records
 * the scale it will be replayed at (bpl_render_set_replay_scale ()). */
static void
target_scale (cairo_surface_t *target,
              double          *sx,
              double          *sy)
{
  const double *replay = cairo_surface_get_user_data (target, &replay_scale_key);

  cairo_surface_get_device_scale (target, sx, sy);
  if (replay != NULL && cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    *sx = *sy = *replay;
}

/* Whether @cr's clip is one rectangle, or none: then its extents say
 * where drawing may go. */
static gboolean
clip_is_rectangle (cairo_t *cr)
{
  cairo_rectangle_list_t *list = cairo_copy_clip_rectangle_list (cr);
  gboolean one = list->status == CAIRO_STATUS_SUCCESS && list->num_rectangles <= 1;

  cairo_rectangle_list_destroy (list);
  return one;
}

void
bpl_render_set_replay_scale (cairo_t *cr,
                             double   scale)
{
  double *stored = g_new (double, 1);

  g_return_if_fail (cr != NULL);

  *stored = scale > 0 && isfinite (scale) ? scale : 1;
  cairo_surface_set_user_data (cairo_get_target (cr), &replay_scale_key, stored, g_free);
}

/* The pixels of images drawn into: kept from one drawing to the next, as
 * a fresh image as large as the canvas costs more in page faults than its
 * lines. Used under bpl_diagram_text_lock (), which a render holds. */
static guint32 *scratch;
static gsize scratch_size;

cairo_surface_t *
bpl_raster_begin (cairo_t       *cr,
                  BplRaster     *raster,
                  const BplRect *limit,
                  gboolean       direct)
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
  target_scale (target, &sx, &sy);
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

  /* Straight into the target when it is an image of its own (not a
   * group's) clipped to a rectangle, or to nothing: a fresh image the size
   * of the canvas costs more in page faults than its lines do. */
  if (direct && cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_IMAGE
      && cairo_image_surface_get_format (target) == CAIRO_FORMAT_ARGB32
      && target == cairo_get_target (cr) && clip_is_rectangle (cr))
    {
      int tw = cairo_image_surface_get_width (target), th = cairo_image_surface_get_height (target);

      x0 = CLAMP (x0, 0, tw);
      y0 = CLAMP (y0, 0, th);
      w = CLAMP (w, 0, tw - x0);
      h = CLAMP (h, 0, th - y0);
      if (w < 1 || h < 1)
        return NULL;
      cairo_surface_flush (target);
      raster->data = (guint32 *) (void *) (cairo_image_surface_get_data (target)
                                           + (gsize) y0 * cairo_image_surface_get_stride (target)
                                           + (gsize) x0 * 4);
      raster->stride = cairo_image_surface_get_stride (target) / 4;
      raster->width = w;
      raster->height = h;
      raster->scale = m.xx * sx;
      raster->dx = m.x0 * sx + ox - x0;
      raster->dy = m.y0 * sy + oy - y0;
      raster->x0 = x0;
      raster->y0 = y0;
      raster->top = 0;
      raster->bottom = h;
      raster->direct = TRUE;
      return cairo_surface_reference (target);
    }

  if ((gsize) w * h > scratch_size)
    {
      g_free (scratch);
      scratch_size = (gsize) w * h;
      scratch = g_new (guint32, scratch_size);
    }
  memset (scratch, 0, (gsize) w * h * 4);
  image = cairo_image_surface_create_for_data ((unsigned char *) scratch, CAIRO_FORMAT_ARGB32, w,
                                               h, w * 4);
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (image);
      return NULL;
    }
  raster->direct = FALSE;
  raster->x0 = x0;
  raster->y0 = y0;
  raster->data = scratch;
  raster->stride = w;
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
  target_scale (target, &sx, &sy);
  if (raster->direct)
    {
      cairo_surface_mark_dirty_rectangle (image, raster->x0, raster->y0, raster->width,
                                          raster->height);
      cairo_surface_destroy (image);
      return;
    }
  cairo_surface_mark_dirty (image);
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

/* @src (premultiplied ARGB) at @k/256 of its strength over @d: two
 * channels at a time, x/255 as (x + 128 + (x + 128)/256)/256. */
static inline guint32
blend (guint32 d,
       guint32 src,
       guint32 k)
{
  guint32 rb = (((src & 0x00ff00ffu) * k) >> 8) & 0x00ff00ffu;
  guint32 ag = (((src >> 8) & 0x00ff00ffu) * k) & 0xff00ff00u;
  guint32 s = rb | ag;
  guint32 keep = 255 - (s >> 24);
  guint32 drb = (d & 0x00ff00ffu) * keep + 0x00800080u;
  guint32 dag = ((d >> 8) & 0x00ff00ffu) * keep + 0x00800080u;

  drb = ((drb + ((drb >> 8) & 0x00ff00ffu)) >> 8) & 0x00ff00ffu;
  dag = (dag + ((dag >> 8) & 0x00ff00ffu)) & 0xff00ff00u;
  return s + (drb | dag);
}

void
bpl_raster_band_extent (const BplRaster *raster,
                        double          *y1,
                        double          *y2)
{
  *y1 = (raster->top - raster->dy) / raster->scale;
  *y2 = (raster->bottom - raster->dy) / raster->scale;
}

/* How much of [0, s) a dash pattern of period @on + @off has on. */
static inline double
dash_on_length (double s,
                double on,
                double period,
                double inv_period)
{
  double cycles = floor (s * inv_period);

  return cycles * on + MIN (s - cycles * period, on);
}

static inline int
fast_floor (double x)
{
  int i = (int) x;

  return i - (x < i);
}

/* ⌊x / 256⌋, for negative x too. */
static inline int
floor_div256 (int x)
{
  return x >= 0 ? x / 256 : -((-x + 255) / 256);
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
  guint32 src = ((guint32) lround (a * 255) << 24)
                | ((guint32) lround (CLAMP (color->r, 0, 1) * a * 255) << 16)
                | ((guint32) lround (CLAMP (color->g, 0, 1) * a * 255) << 8)
                | (guint32) lround (CLAMP (color->b, 0, 1) * a * 255);
  double u1, v1, u2, v2, du, dv, slope, sec, inv_sec, half, len, period, inv_period;
  int min_u, max_u, min_v, max_v, u_first, u_last, thick;
  gsize step_u, step_v;
  gboolean steep, reversed = FALSE, dashed = dash_on > 0 && dash_off > 0;

  if ((src >> 24) == 0 || !(width > 0))
    return;

  x1 = x1 * s + raster->dx;
  y1 = y1 * s + raster->dy;
  x2 = x2 * s + raster->dx;
  y2 = y2 * s + raster->dy;
  width *= s;
  dash_on *= s;
  dash_off *= s;
  period = dash_on + dash_off;
  inv_period = dashed ? 1 / period : 0;
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
  inv_sec = du / len;
  /* The line's cross-section along v: wider the more it slants. */
  half = width * sec / 2;
  step_u = steep ? (gsize) raster->stride : 1;
  step_v = steep ? 1 : (gsize) raster->stride;

  /* Only the band's rows: the line's stretch across them. */
  if (steep)
    {
      min_u = MAX (raster->top, 0);
      max_u = MIN (raster->bottom, raster->height);
      min_v = 0;
      max_v = raster->width;
    }
  else
    {
      min_u = 0;
      max_u = raster->width;
      min_v = MAX (raster->top, 0);
      max_v = MIN (raster->bottom, raster->height);
    }
  u_first = (int) MAX (floor (u1), min_u);
  u_last = (int) MIN (floor (u2), max_u - 1.0);
  if (!steep && fabs (slope) > 1e-9)
    {
      double ua = u1 + (min_v - half - 1 - v1) / slope, ub = u1 + (max_v + half + 1 - v1) / slope;

      u_first = (int) MAX (u_first, floor (MIN (ua, ub)));
      u_last = (int) MIN (u_last, ceil (MAX (ua, ub)));
    }
  /* Across the line in 1/256ths of a pixel: its cross-section is the same
   * all along. */
  thick = (int) (2 * half * 256 + 0.5);
  for (int u = u_first; u <= u_last; u++)
    {
      double ua = u, ub = u + 1.0, cu = 1;
      guint32 *row;
      int cu256, va, vb, v_first, v_last;

      /* The ends cover part of their pixels. */
      if (ua < u1 || ub > u2)
        {
          ua = MAX (ua, u1);
          ub = MIN (ub, u2);
          cu = ub - ua;
          if (cu <= 0)
            continue;
        }
      if (dashed)
        {
          /* The stretch of the line in this pixel, measured along it from
           * where it starts: of its (ub − ua)·sec, the dashes have so much
           * on. */
          double sa = (reversed ? u2 - ub : ua - u1) * sec;
          double sb = (reversed ? u2 - ua : ub - u1) * sec;

          cu = (dash_on_length (sb, dash_on, period, inv_period)
                - dash_on_length (sa, dash_on, period, inv_period)) * inv_sec;
          if (cu <= 0)
            continue;
        }
      cu256 = (int) (cu * 256 + 0.5);
      va = fast_floor ((v1 + ((ua + ub) / 2 - u1) * slope - half) * 256);
      vb = va + thick;
      v_first = floor_div256 (va);
      v_last = floor_div256 (vb);
      row = raster->data + (gsize) u * step_u;
      if (v_first == v_last)
        {
          /* Thinner than a pixel here: one pixel takes it all. */
          if (v_first >= min_v && v_first < max_v)
            {
              guint32 *p = row + (gsize) v_first * step_v;

              *p = blend (*p, src, (guint32) ((thick * cu256) >> 8));
            }
          continue;
        }
      /* Partly covered at both ends, wholly between. */
      if (v_first >= min_v && v_first < max_v)
        {
          guint32 *p = row + (gsize) v_first * step_v;

          *p = blend (*p, src, (guint32) (((256 - (va & 255)) * cu256) >> 8));
        }
      {
        int from = MAX (v_first + 1, min_v), to = MIN (v_last - 1, max_v - 1);

        for (int v = from; v <= to; v++)
          {
            guint32 *p = row + (gsize) v * step_v;

            *p = blend (*p, src, (guint32) cu256);
          }
      }
      if (v_last >= min_v && v_last < max_v)
        {
          guint32 *p = row + (gsize) v_last * step_v;

          *p = blend (*p, src, (guint32) (((vb & 255) * cu256) >> 8));
        }
    }
}

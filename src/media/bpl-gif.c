/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-gif.c: frames to an animated GIF with giflib. libimagequant picks each
 * frame's 256 colours (or one palette for all). A frame stores only the
 * rectangle that changed since the one before and is drawn over it, and
 * a frame the same as the one before lengthens that one's delay: a diagram
 * changes little from frame to frame, so the file stays small. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bpl-media-private.h"

#include <errno.h>
#include <gif_lib.h>
#include <libimagequant.h>
#include <math.h>
#include <string.h>

#include "bpl-error.h"

/* Mapping a pixel to a fixed palette: a diagram has few distinct colours,
 * so a small cache of the answers saves nearly every search. */
#define CACHE_SIZE 65536

typedef struct
{
  guint32 rgb;   /* 0xff000000 marks a filled slot */
  guint8  index;
} CacheSlot;

struct _BplGifWriter
{
  GifFileType    *gif;
  char           *path;
  guint           width, height;
  double          fps;
  liq_attr       *attr;
  ColorMapObject *global_map;   /* NULL: each frame has its own */
  CacheSlot      *cache;

  guint32        *previous;     /* the last frame's pixels; NULL before the first */
  guint           n_added;

  /* The frame waiting for its delay: it lasts until a different one comes. */
  gboolean        has_pending;
  guint           pending_first;
  guint           px, py, pw, ph;
  guint8         *indices;
  ColorMapObject *pending_map;
};

static gboolean
gif_error (BplGifWriter *self,
           int           code,
           GError      **error)
{
  /* giflib reports a failed write as a write error; errno says why. */
  int saved_errno = errno;

  if (code == E_GIF_ERR_WRITE_FAILED && saved_errno != 0)
    g_set_error (error, BPL_ERROR, BPL_ERROR_IO, _("%s: cannot write: %s"), self->path,
                 g_strerror (saved_errno));
  else
    g_set_error (error, BPL_ERROR, BPL_ERROR_IO, _("%s: cannot write the GIF: %s"), self->path,
                 GifErrorString (code));
  return FALSE;
}

void
_bpl_media_frame_to_rgba (cairo_surface_t *frame,
                          guint            x,
                          guint            y,
                          guint            width,
                          guint            height,
                          guint8          *rgba)
{
  const guint8 *data = cairo_image_surface_get_data (frame);
  int stride = cairo_image_surface_get_stride (frame);

  for (guint r = 0; r < height; r++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) (y + r) * stride) + x;

      for (guint c = 0; c < width; c++)
        {
          guint32 p = row[c];
          guint a = p >> 24;

          /* Cairo's pixels are premultiplied; frames are opaque, but stay
           * right for any. */
          *rgba++ = a == 0 ? 0 : (guint8) MIN (255, ((p >> 16) & 0xff) * 255 / a);
          *rgba++ = a == 0 ? 0 : (guint8) MIN (255, ((p >> 8) & 0xff) * 255 / a);
          *rgba++ = a == 0 ? 0 : (guint8) MIN (255, (p & 0xff) * 255 / a);
          *rgba++ = (guint8) a;
        }
    }
}

static ColorMapObject *
make_map (const liq_palette *palette)
{
  int size = 1 << MAX (1, GifBitSize ((int) palette->count));
  GifColorType colors[256] = { { 0 } };

  for (guint i = 0; i < palette->count; i++)
    colors[i] = (GifColorType) { palette->entries[i].r, palette->entries[i].g,
                                 palette->entries[i].b };
  return GifMakeMapObject (size, colors);
}

/* The nearest colour of the fixed global palette. */
static guint8
nearest (BplGifWriter *self,
         const guint8 *rgba)
{
  guint32 rgb = ((guint32) rgba[0] << 16) | ((guint32) rgba[1] << 8) | rgba[2];
  CacheSlot *slot = &self->cache[(rgb * 2654435761u) >> 16];
  guint best = 0, best_distance = G_MAXUINT;

  if (slot->rgb == (rgb | 0xff000000u))
    return slot->index;
  for (int i = 0; i < self->global_map->ColorCount; i++)
    {
      const GifColorType *c = &self->global_map->Colors[i];
      int dr = c->Red - rgba[0], dg = c->Green - rgba[1], db = c->Blue - rgba[2];
      guint distance = (guint) (2 * dr * dr + 4 * dg * dg + 3 * db * db);

      if (distance < best_distance)
        {
          best_distance = distance;
          best = (guint) i;
        }
    }
  *slot = (CacheSlot) { rgb | 0xff000000u, (guint8) best };
  return (guint8) best;
}

BplGifWriter *
_bpl_gif_writer_new (const char       *path,
                     guint             width,
                     guint             height,
                     double            fps,
                     BplGifPalette     palette,
                     cairo_surface_t **palette_frames,
                     guint             n_palette_frames,
                     GError          **error)
{
  BplGifWriter *self;
  /* Loop for ever, as a slide's animation does. */
  static const guint8 loop[] = { 1, 0, 0 };
  int code = 0;

  if (!isfinite (fps) || fps <= 0 || fps > BPL_MEDIA_GIF_MAX_FPS)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT,
                   _("%s: a GIF takes at most %g frames a second, not %g: its delays are whole "
                   "hundredths of a second, and browsers slow down shorter ones"),
                   path, BPL_MEDIA_GIF_MAX_FPS, fps);
      return NULL;
    }
  if (width > 65535 || height > 65535)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT, _("%s: a GIF is at most 65535 pixels a side"),
                   path);
      return NULL;
    }

  self = g_new0 (BplGifWriter, 1);
  self->path = g_strdup (path);
  self->width = width;
  self->height = height;
  self->fps = fps;
  self->attr = liq_attr_create ();
  /* Fast enough for a 720p frame in a few milliseconds; the diagram's flat
   * colours lose nothing to the faster search. */
  liq_set_speed (self->attr, 8);

  if (palette == BPL_GIF_PALETTE_GLOBAL && n_palette_frames > 0)
    {
      liq_histogram *histogram = liq_histogram_create (self->attr);
      liq_result *result = NULL;
      g_autofree guint8 *rgba = g_malloc ((gsize) width * height * 4);

      for (guint i = 0; i < n_palette_frames; i++)
        {
          liq_image *image;

          _bpl_media_frame_to_rgba (palette_frames[i], 0, 0, width, height, rgba);
          image = liq_image_create_rgba (self->attr, rgba, (int) width, (int) height, 0);
          liq_histogram_add_image (histogram, self->attr, image);
          liq_image_destroy (image);
        }
      if (liq_histogram_quantize (histogram, self->attr, &result) == LIQ_OK)
        {
          self->global_map = make_map (liq_get_palette (result));
          liq_result_destroy (result);
        }
      liq_histogram_destroy (histogram);
      if (self->global_map == NULL)
        {
          g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID, _("%s: no palette could be chosen"),
                       path);
          _bpl_gif_writer_free (self);
          return NULL;
        }
      self->cache = g_new0 (CacheSlot, CACHE_SIZE);
    }

  errno = 0;
  self->gif = EGifOpenFileName (path, FALSE, &code);
  if (self->gif == NULL)
    {
      gif_error (self, code, error);
      _bpl_gif_writer_free (self);
      return NULL;
    }
  EGifSetGifVersion (self->gif, TRUE);
  if (EGifPutScreenDesc (self->gif, (int) width, (int) height, 8, 0, self->global_map) == GIF_ERROR
      || EGifPutExtensionLeader (self->gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR
      || EGifPutExtensionBlock (self->gif, 11, "NETSCAPE2.0") == GIF_ERROR
      || EGifPutExtensionBlock (self->gif, sizeof loop, loop) == GIF_ERROR
      || EGifPutExtensionTrailer (self->gif) == GIF_ERROR)
    {
      gif_error (self, self->gif->Error, error);
      _bpl_gif_writer_free (self);
      return NULL;
    }
  return self;
}

/* Hundredths of a second from the start to frame @frame, rounded: a frame's
 * delay is the difference, so the delays add up to the right length. */
static int
centiseconds (const BplGifWriter *self,
              guint               frame)
{
  return (int) lround (frame * 100.0 / self->fps);
}

static gboolean
flush_pending (BplGifWriter *self,
               GError      **error)
{
  GraphicsControlBlock control = {
    .DisposalMode = DISPOSE_DO_NOT,
    .UserInputFlag = FALSE,
    .DelayTime = centiseconds (self, self->n_added) - centiseconds (self, self->pending_first),
    .TransparentColor = NO_TRANSPARENT_COLOR,
  };
  GifByteType extension[4];
  gsize n_extension;

  if (!self->has_pending)
    return TRUE;
  self->has_pending = FALSE;
  n_extension = EGifGCBToExtension (&control, extension);
  if (EGifPutExtension (self->gif, GRAPHICS_EXT_FUNC_CODE, (int) n_extension, extension) == GIF_ERROR
      || EGifPutImageDesc (self->gif, (int) self->px, (int) self->py, (int) self->pw,
                           (int) self->ph, FALSE, self->pending_map) == GIF_ERROR
      || EGifPutLine (self->gif, self->indices, (int) (self->pw * self->ph)) == GIF_ERROR)
    return gif_error (self, self->gif->Error, error);
  g_clear_pointer (&self->pending_map, GifFreeMapObject);
  return TRUE;
}

/* The rectangle where @frame differs from the last frame; FALSE when
 * nothing does. */
static gboolean
changed_rectangle (BplGifWriter    *self,
                   cairo_surface_t *frame,
                   guint           *x0,
                   guint           *y0,
                   guint           *x1,
                   guint           *y1)
{
  const guint8 *data = cairo_image_surface_get_data (frame);
  int stride = cairo_image_surface_get_stride (frame);
  guint w = self->width;

  *x0 = w;
  *y0 = self->height;
  *x1 = 0;
  *y1 = 0;
  for (guint y = 0; y < self->height; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);
      const guint32 *old = self->previous + (gsize) y * w;
      guint first, last;

      if (memcmp (row, old, w * 4) == 0)
        continue;
      for (first = 0; row[first] == old[first]; first++)
        ;
      for (last = w - 1; row[last] == old[last]; last--)
        ;
      *x0 = MIN (*x0, first);
      *x1 = MAX (*x1, last + 1);
      *y0 = MIN (*y0, y);
      *y1 = y + 1;
    }
  return *x1 > *x0;
}

gboolean
_bpl_gif_writer_add (BplGifWriter    *self,
                     cairo_surface_t *frame,
                     GError         **error)
{
  guint x0 = 0, y0 = 0, x1 = self->width, y1 = self->height;
  g_autofree guint8 *rgba = NULL;
  gsize n_pixels;

  g_return_val_if_fail (cairo_image_surface_get_width (frame) == (int) self->width, FALSE);
  g_return_val_if_fail (cairo_image_surface_get_height (frame) == (int) self->height, FALSE);

  if (self->previous != NULL && !changed_rectangle (self, frame, &x0, &y0, &x1, &y1))
    {
      /* The same picture: the pending frame lasts longer. */
      self->n_added++;
      return TRUE;
    }
  if (!flush_pending (self, error))
    return FALSE;

  self->px = x0;
  self->py = y0;
  self->pw = x1 - x0;
  self->ph = y1 - y0;
  n_pixels = (gsize) self->pw * self->ph;
  rgba = g_malloc (n_pixels * 4);
  _bpl_media_frame_to_rgba (frame, x0, y0, self->pw, self->ph, rgba);
  self->indices = g_realloc (self->indices, n_pixels);

  if (self->global_map != NULL)
    {
      for (gsize i = 0; i < n_pixels; i++)
        self->indices[i] = nearest (self, rgba + 4 * i);
    }
  else
    {
      liq_image *image = liq_image_create_rgba (self->attr, rgba, (int) self->pw, (int) self->ph, 0);
      liq_result *result = NULL;
      liq_error status = liq_image_quantize (image, self->attr, &result);

      if (status == LIQ_OK)
        {
          /* Dithering would speckle the flat fills and the text's edges. */
          liq_set_dithering_level (result, 0);
          status = liq_write_remapped_image (result, image, self->indices, n_pixels);
        }
      if (status == LIQ_OK)
        self->pending_map = make_map (liq_get_palette (result));
      if (result != NULL)
        liq_result_destroy (result);
      liq_image_destroy (image);
      if (status != LIQ_OK || self->pending_map == NULL)
        {
          g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                       _("%s: frame %u: its colours could not be chosen (libimagequant error %d)"),
                       self->path, self->n_added + 1, (int) status);
          return FALSE;
        }
    }

  /* Keep the frame to compare the next one with. */
  if (self->previous == NULL)
    self->previous = g_new (guint32, (gsize) self->width * self->height);
  {
    const guint8 *data = cairo_image_surface_get_data (frame);
    int stride = cairo_image_surface_get_stride (frame);

    for (guint y = y0; y < y1; y++)
      memcpy (self->previous + (gsize) y * self->width,
              data + (gsize) y * stride, (gsize) self->width * 4);
  }
  self->has_pending = TRUE;
  self->pending_first = self->n_added;
  self->n_added++;
  return TRUE;
}

gboolean
_bpl_gif_writer_finish (BplGifWriter *self,
                        GError      **error)
{
  int code = 0;
  GifFileType *gif = self->gif;

  if (!flush_pending (self, error))
    return FALSE;
  self->gif = NULL;
  errno = 0;
  if (EGifCloseFile (gif, &code) == GIF_ERROR)
    return gif_error (self, code, error);
  return TRUE;
}

void
_bpl_gif_writer_free (BplGifWriter *self)
{
  if (self == NULL)
    return;
  if (self->gif != NULL)
    EGifCloseFile (self->gif, NULL);
  if (self->attr != NULL)
    liq_attr_destroy (self->attr);
  g_clear_pointer (&self->global_map, GifFreeMapObject);
  g_clear_pointer (&self->pending_map, GifFreeMapObject);
  g_free (self->cache);
  g_free (self->previous);
  g_free (self->indices);
  g_free (self->path);
  g_free (self);
}

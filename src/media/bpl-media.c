/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-media.c: an animation to a file: the frames, one by one, into the
 * writer for the format, in a temporary file renamed over the target at
 * the end (removed on failure or cancel). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bpl-media.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "bpl-error.h"
#include "bpl-media-private.h"

static const struct {
  const char     *extension;
  BplMediaFormat  format;
} formats[] = {
  { ".gif", BPL_MEDIA_GIF },
  { ".webm", BPL_MEDIA_WEBM },
  { ".mp4", BPL_MEDIA_MP4 },
};

gboolean
bpl_media_format_from_path (const char      *path,
                            BplMediaFormat  *out,
                            GError         **error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_has_suffix (lower, formats[i].extension))
      {
        if (out != NULL)
          *out = formats[i].format;
        return TRUE;
      }
  g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
               _("%s: unknown file type: the name must end in .gif, .webm or .mp4"), path);
  return FALSE;
}

const char *
bpl_media_format_extension (BplMediaFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].extension + 1;
  g_return_val_if_reached (NULL);
}

gboolean
bpl_media_format_check (BplMediaFormat   format,
                        GError         **error)
{
  switch (format)
    {
    case BPL_MEDIA_GIF:
#ifdef HAVE_GIF
      return TRUE;
#else
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("this build writes no GIF: it was built without giflib and libimagequant "
                   "(-Dgif=disabled; Debian: libgif-dev, libimagequant-dev)"));
      return FALSE;
#endif
    case BPL_MEDIA_WEBM:
    case BPL_MEDIA_MP4:
#ifdef HAVE_GSTREAMER
      return _bpl_video_check (format, error);
#else
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("this build writes no video: it was built without GStreamer "
                   "(-Dvideo=disabled; Debian: libgstreamer1.0-dev, "
                   "libgstreamer-plugins-base1.0-dev)"));
      return FALSE;
#endif
    default:
      g_return_val_if_reached (FALSE);
    }
}

typedef struct
{
  BplMediaFormat  format;
#ifdef HAVE_GIF
  BplGifWriter   *gif;
#endif
#ifdef HAVE_GSTREAMER
  BplVideoWriter *video;
#endif
} Writer;

static gboolean
writer_open (Writer         *writer,
             BplAnimation   *animation,
             BplGifPalette   palette,
             const char     *path,
             GError        **error)
{
  G_GNUC_UNUSED guint width = bpl_animation_get_width (animation);
  G_GNUC_UNUSED guint height = bpl_animation_get_height (animation);
  G_GNUC_UNUSED double fps = bpl_animation_get_fps (animation);

  switch (writer->format)
    {
#ifdef HAVE_GIF
    case BPL_MEDIA_GIF:
      {
        cairo_surface_t *chosen[3] = { NULL, NULL, NULL };
        guint n_frames = bpl_animation_get_n_frames (animation);
        guint picks[3] = { 0, n_frames / 2, n_frames - 1 };
        guint n_chosen = 0;

        /* A global palette from the first, middle and last frames. */
        for (guint i = 0; palette == BPL_GIF_PALETTE_GLOBAL && i < G_N_ELEMENTS (picks); i++)
          {
            cairo_surface_t *frame = bpl_animation_render_frame (animation, picks[i], error);
            cairo_t *cr;

            if (frame == NULL)
              break;
            chosen[i] = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
            cr = cairo_create (chosen[i]);
            cairo_set_source_surface (cr, frame, 0, 0);
            cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
            cairo_paint (cr);
            cairo_destroy (cr);
            cairo_surface_flush (chosen[i]);
            n_chosen++;
          }
        if (palette != BPL_GIF_PALETTE_GLOBAL || n_chosen == G_N_ELEMENTS (picks))
          writer->gif = _bpl_gif_writer_new (path, width, height, fps, palette, chosen, n_chosen,
                                             error);
        for (guint i = 0; i < n_chosen; i++)
          cairo_surface_destroy (chosen[i]);
        return writer->gif != NULL;
      }
#endif
#ifdef HAVE_GSTREAMER
    case BPL_MEDIA_WEBM:
    case BPL_MEDIA_MP4:
      writer->video = _bpl_video_writer_new (writer->format, path, width, height, fps, error);
      return writer->video != NULL;
#endif
    default:
      return bpl_media_format_check (writer->format, error);
    }
}

static gboolean
writer_add (Writer          *writer,
            cairo_surface_t *frame,
            GError         **error)
{
#ifdef HAVE_GIF
  if (writer->gif != NULL)
    return _bpl_gif_writer_add (writer->gif, frame, error);
#endif
#ifdef HAVE_GSTREAMER
  if (writer->video != NULL)
    return _bpl_video_writer_add (writer->video, frame, error);
#endif
  g_return_val_if_reached (FALSE);
}

static gboolean
writer_finish (Writer  *writer,
               GError **error)
{
#ifdef HAVE_GIF
  if (writer->gif != NULL)
    return _bpl_gif_writer_finish (writer->gif, error);
#endif
#ifdef HAVE_GSTREAMER
  if (writer->video != NULL)
    return _bpl_video_writer_finish (writer->video, error);
#endif
  g_return_val_if_reached (FALSE);
}

static void
writer_clear (Writer *writer)
{
#ifdef HAVE_GIF
  g_clear_pointer (&writer->gif, _bpl_gif_writer_free);
#endif
#ifdef HAVE_GSTREAMER
  g_clear_pointer (&writer->video, _bpl_video_writer_free);
#endif
}

/* An empty temporary file beside @path, for the writer to fill: renaming it
 * over @path at the end needs the same file system. */
static char *
make_temporary (const char  *path,
                GError     **error)
{
  char *temporary = g_strconcat (path, ".XXXXXX", NULL);
  int fd = g_mkstemp_full (temporary, O_WRONLY, 0666);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, BPL_ERROR, BPL_ERROR_IO, _("%s: cannot write: %s"), path,
                   g_strerror (saved_errno));
      g_free (temporary);
      return NULL;
    }
  close (fd);
  return temporary;
}

gboolean
bpl_media_write_animation (BplAnimation         *animation,
                           BplMediaFormat        format,
                           BplGifPalette         palette,
                           const char           *path,
                           BplMediaProgressFunc  progress,
                           gpointer              user_data,
                           GCancellable         *cancellable,
                           GError              **error)
{
  g_autofree char *temporary = NULL;
  Writer writer = { .format = format };
  guint n_frames;
  gboolean ok;

  g_return_val_if_fail (animation != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!bpl_media_format_check (format, error))
    return FALSE;
  temporary = make_temporary (path, error);
  if (temporary == NULL)
    return FALSE;

  n_frames = bpl_animation_get_n_frames (animation);
  ok = writer_open (&writer, animation, palette, temporary, error);
  for (guint i = 0; ok && i < n_frames; i++)
    {
      cairo_surface_t *frame;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      frame = bpl_animation_render_frame (animation, i, error);
      ok = frame != NULL && writer_add (&writer, frame, error);
      if (ok && progress != NULL)
        progress (i + 1, n_frames, user_data);
    }
  if (ok)
    ok = writer_finish (&writer, error);
  writer_clear (&writer);

  if (ok && g_rename (temporary, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, BPL_ERROR, BPL_ERROR_IO, _("%s: cannot write: %s"), path,
                   g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (temporary);
  return ok;
}

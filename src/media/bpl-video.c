/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-video.c: frames to a WebM (VP8) or MP4 (H.264) file through
 * GStreamer: appsrc ! videoconvert ! encoder ! muxer ! filesink. The
 * encoder works in GStreamer's threads while the next frame is drawn. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bpl-media-private.h"

#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <math.h>
#include <string.h>

#include "bpl-error.h"

struct _BplVideoWriter
{
  GstElement *pipeline;
  GstAppSrc  *source;
  char       *path;
  guint       width, height;
  int         fps_n, fps_d;
  guint64     n_added;
};

typedef struct
{
  const char *element;
  const char *package;   /* Debian's */
} Plugin;

static const Plugin common_plugins[] = {
  { "appsrc", "gstreamer1.0-plugins-base" },
  { "videoconvert", "gstreamer1.0-plugins-base" },
  { "filesink", "libgstreamer1.0-0" },
};
static const Plugin webm_plugins[] = {
  { "vp8enc", "gstreamer1.0-plugins-good" },
  { "webmmux", "gstreamer1.0-plugins-good" },
};
static const Plugin mp4_plugins[] = {
  { "x264enc", "gstreamer1.0-plugins-ugly" },
  { "mp4mux", "gstreamer1.0-plugins-good" },
};

static gboolean
init_gstreamer (GError **error)
{
  static gsize done = 0;
  static GError *init_error = NULL;

  if (g_once_init_enter (&done))
    {
      gst_init_check (NULL, NULL, &init_error);
      g_once_init_leave (&done, 1);
    }
  if (init_error != NULL)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID, _("GStreamer does not start: %s"),
                   init_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_plugins (const Plugin *plugins,
               guint         n,
               const char   *what,
               GError      **error)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GstElementFactory) factory = gst_element_factory_find (plugins[i].element);

      if (factory == NULL)
        {
          g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                       _("%s needs GStreamer's “%s” element, which is not installed (Debian: "
                       "install %s)"), what, plugins[i].element, plugins[i].package);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
_bpl_video_check (BplMediaFormat format,
                  GError       **error)
{
  const char *what = format == BPL_MEDIA_MP4 ? "MP4 video" : "WebM video";

  if (!init_gstreamer (error))
    return FALSE;
  if (!check_plugins (common_plugins, G_N_ELEMENTS (common_plugins), what, error))
    return FALSE;
  if (format == BPL_MEDIA_MP4)
    return check_plugins (mp4_plugins, G_N_ELEMENTS (mp4_plugins), what, error);
  return check_plugins (webm_plugins, G_N_ELEMENTS (webm_plugins), what, error);
}

/* The first error on the pipeline's bus, if any, as a GError about @path. */
static gboolean
take_bus_error (BplVideoWriter *self,
                GstClockTime    timeout,
                gboolean        until_eos,
                GError        **error)
{
  g_autoptr (GstBus) bus = gst_element_get_bus (self->pipeline);
  GstMessageType types = GST_MESSAGE_ERROR | (until_eos ? GST_MESSAGE_EOS : 0);
  g_autoptr (GstMessage) message = gst_bus_timed_pop_filtered (bus, timeout, types);
  g_autoptr (GError) gst_error = NULL;
  g_autofree char *debug = NULL;

  if (message == NULL || GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
    return TRUE;
  gst_message_parse_error (message, &gst_error, &debug);
  g_debug ("%s: %s", self->path, debug != NULL ? debug : "");
  if (gst_error->domain == GST_RESOURCE_ERROR)
    g_set_error (error, BPL_ERROR, BPL_ERROR_IO, _("%s: cannot write: %s"), self->path,
                 gst_error->message);
  else
    g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID, _("%s: the video could not be made: %s"),
                 self->path, gst_error->message);
  return FALSE;
}

BplVideoWriter *
_bpl_video_writer_new (BplMediaFormat format,
                       const char    *path,
                       guint          width,
                       guint          height,
                       double         fps,
                       GError       **error)
{
  BplVideoWriter *self;
  g_autoptr (GError) parse_error = NULL;
  g_autoptr (GstCaps) caps = NULL;
  g_autoptr (GstElement) sink = NULL;
  const char *description;
  guint kbits;

  if (!_bpl_video_check (format, error))
    return NULL;
  /* H.264 in 4:2:0, which every player takes, halves the chroma both ways. */
  if (format == BPL_MEDIA_MP4 && (width % 2 != 0 || height % 2 != 0))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("%s: an MP4 video needs an even width and height, not %u×%u"), path, width,
                   height);
      return NULL;
    }

  self = g_new0 (BplVideoWriter, 1);
  self->path = g_strdup (path);
  self->width = width;
  self->height = height;
  gst_util_double_to_fraction (fps, &self->fps_n, &self->fps_d);

  /* A diagram is flat colour and sharp text that hardly moves: constant
   * quality, an upper bound on the rate for a frame that changes a lot,
   * and the fast settings of each encoder (the export must not take longer
   * than the animation plays). */
  kbits = (guint) CLAMP ((double) width * height * fps / 1000.0, 500, 20000);
  if (format == BPL_MEDIA_MP4)
    description = "appsrc name=source ! videoconvert ! video/x-raw,format=I420 "
                  "! x264enc name=encoder speed-preset=veryfast tune=stillimage bframes=0 pass=qual "
                  "quantizer=20 ! video/x-h264,profile=high ! mp4mux ! filesink name=sink";
  else
    description = "appsrc name=source ! videoconvert ! video/x-raw,format=I420 "
                  "! vp8enc name=encoder deadline=1 cpu-used=16 lag-in-frames=0 end-usage=vbr "
                  "min-quantizer=4 max-quantizer=40 threads=1 ! webmmux ! filesink name=sink";
  self->pipeline = gst_parse_launch (description, &parse_error);
  if (self->pipeline == NULL || parse_error != NULL)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID, _("%s: the video pipeline does not start: %s"),
                   path, parse_error != NULL ? parse_error->message : "unknown");
      _bpl_video_writer_free (self);
      return NULL;
    }
  if (format == BPL_MEDIA_MP4)
    {
      g_autoptr (GstElement) encoder = gst_bin_get_by_name (GST_BIN (self->pipeline), "encoder");

      g_object_set (encoder, "bitrate", kbits, NULL);
    }
  else
    {
      g_autoptr (GstElement) encoder = gst_bin_get_by_name (GST_BIN (self->pipeline), "encoder");

      g_object_set (encoder, "target-bitrate", (int) MIN (kbits * 1000u, (guint) G_MAXINT), NULL);
    }

  sink = gst_bin_get_by_name (GST_BIN (self->pipeline), "sink");
  g_object_set (sink, "location", path, NULL);
  self->source = GST_APP_SRC (gst_bin_get_by_name (GST_BIN (self->pipeline), "source"));
  caps = gst_caps_new_simple ("video/x-raw",
                              /* Cairo's ARGB32 words, in memory order. */
                              "format", G_TYPE_STRING,
                              G_BYTE_ORDER == G_LITTLE_ENDIAN ? "BGRx" : "xRGB",
                              "width", G_TYPE_INT, (int) width,
                              "height", G_TYPE_INT, (int) height,
                              "framerate", GST_TYPE_FRACTION, self->fps_n, self->fps_d,
                              NULL);
  /* block: a frame waits while the encoder is a few frames behind, so
   * memory stays bounded. */
  g_object_set (self->source, "caps", caps, "format", GST_FORMAT_TIME, "block", TRUE,
                "max-bytes", (guint64) width * height * 4 * 4, NULL);

  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      if (take_bus_error (self, 0, FALSE, error))
        g_set_error (error, BPL_ERROR, BPL_ERROR_IO, _("%s: cannot write the video"), path);
      _bpl_video_writer_free (self);
      return NULL;
    }
  return self;
}

gboolean
_bpl_video_writer_add (BplVideoWriter  *self,
                       cairo_surface_t *frame,
                       GError         **error)
{
  const guint8 *data = cairo_image_surface_get_data (frame);
  int stride = cairo_image_surface_get_stride (frame);
  gsize row_bytes = (gsize) self->width * 4;
  GstBuffer *buffer = gst_buffer_new_allocate (NULL, row_bytes * self->height, NULL);
  GstMapInfo map;
  GstClockTime start, end;

  if (!take_bus_error (self, 0, FALSE, error))
    {
      gst_buffer_unref (buffer);
      return FALSE;
    }
  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  for (guint y = 0; y < self->height; y++)
    memcpy (map.data + y * row_bytes, data + (gsize) y * stride, row_bytes);
  gst_buffer_unmap (buffer, &map);
  start = gst_util_uint64_scale (self->n_added, GST_SECOND * self->fps_d, self->fps_n);
  end = gst_util_uint64_scale (self->n_added + 1, GST_SECOND * self->fps_d, self->fps_n);
  GST_BUFFER_PTS (buffer) = start;
  GST_BUFFER_DURATION (buffer) = end - start;
  self->n_added++;
  if (gst_app_src_push_buffer (self->source, buffer) != GST_FLOW_OK)
    {
      if (take_bus_error (self, GST_SECOND, FALSE, error))
        g_set_error (error, BPL_ERROR, BPL_ERROR_IO, _("%s: the video stopped taking frames"),
                     self->path);
      return FALSE;
    }
  return TRUE;
}

gboolean
_bpl_video_writer_finish (BplVideoWriter *self,
                          GError        **error)
{
  gboolean ok;

  gst_app_src_end_of_stream (self->source);
  /* Wait for the muxer to write the file's end. */
  ok = take_bus_error (self, GST_CLOCK_TIME_NONE, TRUE, error);
  gst_element_set_state (self->pipeline, GST_STATE_NULL);
  return ok;
}

void
_bpl_video_writer_free (BplVideoWriter *self)
{
  if (self == NULL)
    return;
  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  g_clear_object (&self->source);
  g_clear_object (&self->pipeline);
  g_free (self->path);
  g_free (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-animate.c: animations (issue 14). The frame source against the
 * still export, pixel for pixel; then `backprop-lens-cli animate` as a user
 * runs it, each file decoded back (GIF with giflib, video with GStreamer)
 * and its first and last frames held against `render`'s stills; bad
 * options, unwritable files, and cancelling. A video test is skipped, with
 * the reason, when a GStreamer plugin it needs is missing. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#ifdef HAVE_GIF
#include <gif_lib.h>
#endif
#ifdef HAVE_GSTREAMER
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/video.h>
#endif

#include "backprop-lens-diagram.h"
#include "bpl-error.h"
#include "bpl-media.h"
#include "test-util.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)

#define run(out, err, ...) bpl_test_run (BPL_CLI_PATH, out, err, __VA_ARGS__)

static const char *tmp_dir;

typedef struct
{
  guint      width, height;
  GPtrArray *frames;      /* cairo_surface_t, opaque ARGB32 */
  double     seconds;     /* how long it plays */
} Decoded;

static void
decoded_clear (Decoded *d)
{
  g_clear_pointer (&d->frames, g_ptr_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Decoded, decoded_clear)

static cairo_surface_t *
load_png (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

/* How far two pictures of one size are apart: the mean difference of a
 * channel (0…255), and the share of pixels where some channel differs by
 * more than 64, as text or a line that moved or changed would. */
typedef struct
{
  double mean;
  double strong;
} Difference;

static Difference
compare (cairo_surface_t *a,
         cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  const guint8 *da = cairo_image_surface_get_data (a), *db = cairo_image_surface_get_data (b);
  int sa = cairo_image_surface_get_stride (a), sb = cairo_image_surface_get_stride (b);
  double sum = 0;
  guint64 strong = 0;

  g_assert_cmpint (w, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *pa = da + (gsize) y * sa + 4 * x, *pb = db + (gsize) y * sb + 4 * x;
        int most = 0;

        for (int c = 0; c < 3; c++)
          {
            int diff = ABS ((int) pa[c] - (int) pb[c]);

            sum += diff;
            most = MAX (most, diff);
          }
        strong += most > 64;
      }
  return (Difference) { sum / (3.0 * w * h), (double) strong / ((double) w * h) };
}

/* @frame is @still within a codec's tolerance, and the tolerance is tight
 * enough to tell @still from @other, a picture that differs from it only
 * in a few numbers. */
G_GNUC_UNUSED static void
assert_close (cairo_surface_t *frame,
              cairo_surface_t *still,
              cairo_surface_t *other,
              double           max_mean,
              double           max_strong,
              const char      *what)
{
  Difference d = compare (frame, still);
  Difference control = compare (frame, other);

  g_test_message ("%s: mean %.3f, strong %.5f; against the other still: mean %.3f, strong %.5f",
                  what, d.mean, d.strong, control.mean, control.strong);
  g_assert_cmpfloat (d.mean, <=, max_mean);
  g_assert_cmpfloat (d.strong, <=, max_strong);
  g_assert_cmpfloat (control.strong, >, max_strong);
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

/* `render` of the worked example (trained @steps steps), as the still. */
G_GNUC_UNUSED static cairo_surface_t *
still (guint       steps,
       const char *size_w,
       const char *size_h,
       const char *select)
{
  g_autofree char *png = tmp_path ("still.png");
  g_autofree char *net = tmp_path ("trained.json");
  g_autofree char *n = g_strdup_printf ("%u", steps);

  if (steps > 0)
    g_assert_cmpint (run (NULL, NULL, "train", "--steps", n, "--output", net, NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "render", "--width", size_w, "--height", size_h, "--select",
                        select, "--output", png, steps == 0 ? NULL : "--network", net, NULL), ==, 0);
  return load_png (png);
}

/* Frame source */

static BplAnimation *
worked_animation (BplAnimationKind kind,
                  guint            n_steps,
                  const char      *select,
                  BplNetwork     **network_out)
{
  BplNetwork *network = bpl_network_new_worked_example ();
  BplAnimationOptions options;
  BplStyle style;
  BplAnimation *animation;
  g_autoptr (GError) error = NULL;

  bpl_style_init_builtin (&style, BPL_THEME_LIGHT);
  bpl_animation_options_init (&options);
  options.kind = kind;
  options.n_steps = n_steps;
  options.fps = 10;
  options.step_seconds = 0.5;
  options.width = 480;
  options.height = 320;
  options.select = select;
  animation = bpl_animation_new (network, &options, &style, &error);
  g_assert_no_error (error);
  *network_out = network;
  return animation;
}

/* Frame 0 and the last frame are exactly the still export of the start and
 * of the end: the same render at the same size. */
static void
test_frames_are_stills (void)
{
  g_autoptr (BplNetwork) network = NULL;
  g_autoptr (BplNetwork) before = NULL;
  g_autoptr (BplAnimation) animation = worked_animation (BPL_ANIMATION_PLAY, 3, "w3", &network);
  g_autoptr (BplNetwork) trained = bpl_network_copy (network);
  g_autoptr (BplTrainer) trainer = bpl_trainer_new (trained);
  g_autofree char *png = tmp_path ("export.png");
  g_autoptr (GError) error = NULL;
  BplLayoutOptions layout_options;
  BplRenderState state;
  BplStyle style;
  guint n = bpl_animation_get_n_frames (animation);
  cairo_surface_t *frame;

  /* The start held for a step's time, then three steps of 0.5 s at 10 fps. */
  g_assert_cmpuint (n, ==, 4 * 5);
  before = bpl_network_copy (network);
  bpl_style_init_builtin (&style, BPL_THEME_LIGHT);
  bpl_layout_options_init (&layout_options);
  bpl_render_state_init (&state);
  state.selection = (BplHit) { BPL_HIT_WEIGHT, 2 };

  g_assert_true (bpl_export (network, 0, &layout_options, &style, &state, 480, 320, 1,
                             BPL_EXPORT_PNG, png, &error));
  g_assert_no_error (error);
  {
    g_autoptr (cairo_surface_t) expected = load_png (png);

    frame = bpl_animation_render_frame (animation, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (compare (frame, expected).mean, ==, 0);
  }

  for (guint i = 0; i < 3; i++)
    g_assert_true (bpl_trainer_step (trainer, trained, NULL));
  g_assert_true (bpl_export (trained, 0, &layout_options, &style, &state, 480, 320, 1,
                             BPL_EXPORT_PNG, png, &error));
  {
    g_autoptr (cairo_surface_t) expected = load_png (png);
    Difference d;

    frame = bpl_animation_render_frame (animation, n - 1, &error);
    g_assert_no_error (error);
    d = compare (frame, expected);
    g_assert_cmpfloat (d.mean, ==, 0);
    /* A frame mid-step shows the change (old values noted): not the still. */
    frame = bpl_animation_render_frame (animation, n - 4, &error);
    g_assert_cmpfloat (compare (frame, expected).strong, >, 0);
    /* Back to the start: trained again from the copy, the same picture. */
    frame = bpl_animation_render_frame (animation, n - 1, &error);
    g_assert_cmpfloat (compare (frame, expected).mean, ==, 0);
  }
  frame = bpl_animation_render_frame (animation, 0, &error);
  g_assert_no_error (error);
  /* The animation trains a copy: the network it was made from is as it was. */
  g_assert_true (bpl_network_equal (network, before));
}

/* The window's diagram options (presentation mode's larger text): frame 0
 * is what Export Diagram writes with them. */
static void
test_layout_options (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr (BplAnimation) animation = NULL;
  g_autoptr (BplLayout) layout = NULL;
  g_autofree char *png = tmp_path ("presentation.png");
  g_autoptr (GError) error = NULL;
  BplLayoutOptions layout_options;
  BplAnimationOptions options;
  BplStyle style;

  bpl_style_init_builtin (&style, BPL_THEME_DARK);
  bpl_layout_options_init (&layout_options);
  layout_options.font_scale = 1.6;
  layout_options.digits = 3;
  bpl_animation_options_init (&options);
  options.width = 800;
  options.height = 600;
  options.fps = 5;
  options.layout = &layout_options;
  animation = bpl_animation_new (network, &options, &style, &error);
  g_assert_no_error (error);

  layout = bpl_layout_new_fitted (network, 800, 600, &layout_options);
  g_assert_true (bpl_export_layout (network, layout, 0, &style, NULL, 1, BPL_EXPORT_PNG, png,
                                    &error));
  {
    g_autoptr (cairo_surface_t) expected = load_png (png);
    cairo_surface_t *frame = bpl_animation_render_frame (animation, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (compare (frame, expected).mean, ==, 0);
  }
}

static void
test_bad_options (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  BplAnimationOptions options;
  BplStyle style;
  g_autoptr (GError) error = NULL;
  BplAnimation *animation;

  bpl_style_init_builtin (&style, BPL_THEME_LIGHT);
  bpl_animation_options_init (&options);
  options.kind = BPL_ANIMATION_WALK;
  options.n_steps = 500;
  options.select = "w3";
  animation = bpl_animation_new (network, &options, &style, &error);
  g_assert_null (animation);
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "backward pass"));
  g_clear_error (&error);

  bpl_animation_options_init (&options);
  options.select = "w99";
  g_assert_null (bpl_animation_new (network, &options, &style, &error));
  g_assert_nonnull (strstr (error->message, "w99"));
  g_clear_error (&error);

  bpl_animation_options_init (&options);
  options.fps = 0;
  g_assert_null (bpl_animation_new (network, &options, &style, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
}

/* Cancelling stops between frames and leaves neither the file nor the
 * temporary one; an unwritable folder is an I/O error naming the file. */
static void
cancel_after_three (guint frames_done, guint n_frames, gpointer user_data)
{
  if (frames_done == 3)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (void)
{
  g_autoptr (BplNetwork) network = NULL;
  g_autoptr (BplAnimation) animation = worked_animation (BPL_ANIMATION_PLAY, 2, NULL, &network);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = tmp_path ("cancel");
  g_autofree char *path = g_build_filename (dir, "play.gif", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) listing = NULL;

  if (!bpl_media_format_check (BPL_MEDIA_GIF, &error))
    {
      g_test_skip (error->message);
      return;
    }
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_false (bpl_media_write_animation (animation, BPL_MEDIA_GIF, BPL_GIF_PALETTE_PER_FRAME,
                                             path, cancel_after_three, cancellable, cancellable,
                                             &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));
  g_rmdir (dir);
  g_clear_error (&error);

  g_assert_false (bpl_media_write_animation (animation, BPL_MEDIA_GIF, BPL_GIF_PALETTE_PER_FRAME,
                                             "/nonexistent-folder/play.gif", NULL, NULL, NULL,
                                             &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent-folder/play.gif: cannot write"));
}

/* GIF */

#ifdef HAVE_GIF
static void
decode_gif (const char *path,
            Decoded    *out)
{
  int code = 0;
  GifFileType *gif = DGifOpenFileName (path, &code);
  cairo_surface_t *canvas;
  guint centiseconds = 0;

  g_assert_nonnull (gif);
  g_assert_cmpint (DGifSlurp (gif), ==, GIF_OK);
  out->width = (guint) gif->SWidth;
  out->height = (guint) gif->SHeight;
  out->frames = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  canvas = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, gif->SWidth, gif->SHeight);
  for (int i = 0; i < gif->ImageCount; i++)
    {
      const SavedImage *image = &gif->SavedImages[i];
      const GifImageDesc *desc = &image->ImageDesc;
      const ColorMapObject *map = desc->ColorMap != NULL ? desc->ColorMap : gif->SColorMap;
      GraphicsControlBlock control = { .DisposalMode = DISPOSAL_UNSPECIFIED,
                                       .TransparentColor = NO_TRANSPARENT_COLOR };
      guint8 *data = cairo_image_surface_get_data (canvas);
      int stride = cairo_image_surface_get_stride (canvas);
      cairo_surface_t *copy;
      cairo_t *cr;

      DGifSavedExtensionToGCB (gif, i, &control);
      centiseconds += (guint) control.DelayTime;
      g_assert_nonnull (map);
      g_assert_false (desc->Interlace);
      cairo_surface_flush (canvas);
      for (int y = 0; y < desc->Height; y++)
        for (int x = 0; x < desc->Width; x++)
          {
            int index = image->RasterBits[y * desc->Width + x];
            const GifColorType *c = &map->Colors[index];

            if (index == control.TransparentColor)
              continue;
            *(guint32 *) (data + (gsize) (desc->Top + y) * stride + 4 * (desc->Left + x))
              = 0xff000000u | ((guint32) c->Red << 16) | ((guint32) c->Green << 8) | c->Blue;
          }
      cairo_surface_mark_dirty (canvas);
      copy = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, gif->SWidth, gif->SHeight);
      cr = cairo_create (copy);
      cairo_set_source_surface (cr, canvas, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
      g_ptr_array_add (out->frames, copy);
    }
  out->seconds = centiseconds / 100.0;
  cairo_surface_destroy (canvas);
  DGifCloseFile (gif, NULL);
}
#endif

/* One step as the window plays it: 2 s of change after the start held
 * for 2 s, at 10 frames a second; a frame the same as the one before only
 * lengthens its delay. */
static void
test_step_gif (void)
{
#ifdef HAVE_GIF
  g_autofree char *path = tmp_path ("step.gif");
  g_auto (Decoded) gif = { 0 };
  g_autoptr (cairo_surface_t) first = NULL;
  g_autoptr (cairo_surface_t) last = NULL;

  g_assert_cmpint (run (NULL, NULL, "animate", "--what", "step", "--select", "w3", "--fps", "10",
                        "--width", "640", "--height", "400", "--output", path, NULL), ==, 0);
  decode_gif (path, &gif);
  g_assert_cmpuint (gif.width, ==, 640);
  g_assert_cmpuint (gif.height, ==, 400);
  g_assert_cmpfloat_with_epsilon (gif.seconds, 4.0, 0.011);
  g_assert_cmpuint (gif.frames->len, >, 2);
  g_assert_cmpuint (gif.frames->len, <=, 40);
  first = still (0, "640", "400", "w3");
  last = still (1, "640", "400", "w3");
  assert_close (gif.frames->pdata[0], first, last, 1.0, 0.002, "step.gif, first frame");
  assert_close (gif.frames->pdata[gif.frames->len - 1], last, first, 1.0, 0.002,
                "step.gif, last frame");
#else
  g_test_skip ("built without GIF export (-Dgif=disabled)");
#endif
}

/* One palette for all frames: still close to the stills. */
static void
test_play_gif_global (void)
{
#ifdef HAVE_GIF
  g_autofree char *path = tmp_path ("play.gif");
  g_auto (Decoded) gif = { 0 };
  g_autoptr (cairo_surface_t) first = NULL;
  g_autoptr (cairo_surface_t) last = NULL;

  g_assert_cmpint (run (NULL, NULL, "animate", "--what", "play", "--steps", "3", "--seconds", "0.5",
                        "--fps", "10", "--palette", "global", "--width", "480", "--height", "320",
                        "--select", "w1", "--output", path, NULL), ==, 0);
  decode_gif (path, &gif);
  g_assert_cmpfloat_with_epsilon (gif.seconds, 2.0, 0.011);
  first = still (0, "480", "320", "w1");
  last = still (3, "480", "320", "w1");
  assert_close (gif.frames->pdata[0], first, last, 1.5, 0.004, "play.gif, first frame");
  assert_close (gif.frames->pdata[gif.frames->len - 1], last, first, 1.5, 0.004,
                "play.gif, last frame");
#else
  g_test_skip ("built without GIF export (-Dgif=disabled)");
#endif
}

/* Video */

#ifdef HAVE_GSTREAMER
/* NULL when every element decoding @format needs is installed, else why not. */
static char *
video_decoders_missing (BplMediaFormat format)
{
  const char *webm[] = { "uridecodebin", "matroskademux", "vp8dec", "videoconvert", "appsink" };
  const char *mp4[] = { "uridecodebin", "qtdemux", "avdec_h264", "videoconvert", "appsink" };
  const char **names = format == BPL_MEDIA_MP4 ? mp4 : webm;
  g_autoptr (GError) error = NULL;

  if (!bpl_media_format_check (format, &error))
    return g_strdup (error->message);
  for (guint i = 0; i < G_N_ELEMENTS (webm); i++)
    {
      g_autoptr (GstElementFactory) factory = gst_element_factory_find (names[i]);

      if (factory == NULL)
        return g_strdup_printf ("GStreamer's “%s” is not installed to decode the video "
                                "(Debian: gstreamer1.0-plugins-good, gstreamer1.0-libav)",
                                names[i]);
    }
  return NULL;
}

static void
decode_video (const char *path,
              Decoded    *out)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *description = g_strdup_printf (
      "uridecodebin uri=%s ! videoconvert ! video/x-raw,format=BGRx ! appsink name=sink sync=false",
      uri);
  g_autoptr (GError) error = NULL;
  g_autoptr (GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr (GstElement) sink = NULL;
  GstSample *sample;

  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  out->frames = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=,
                   GST_STATE_CHANGE_FAILURE);
  while ((sample = gst_app_sink_pull_sample (GST_APP_SINK (sink))) != NULL)
    {
      GstBuffer *buffer = gst_sample_get_buffer (sample);
      GstVideoInfo info;
      GstVideoFrame frame;
      cairo_surface_t *surface;

      g_assert_true (gst_video_info_from_caps (&info, gst_sample_get_caps (sample)));
      out->width = (guint) GST_VIDEO_INFO_WIDTH (&info);
      out->height = (guint) GST_VIDEO_INFO_HEIGHT (&info);
      g_assert_true (gst_video_frame_map (&frame, &info, buffer, GST_MAP_READ));
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) out->width,
                                            (int) out->height);
      for (guint y = 0; y < out->height; y++)
        {
          guint32 *row = (guint32 *) (cairo_image_surface_get_data (surface)
                                      + (gsize) y * cairo_image_surface_get_stride (surface));

          memcpy (row, (guint8 *) GST_VIDEO_FRAME_PLANE_DATA (&frame, 0)
                         + (gsize) y * GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0),
                  out->width * 4);
          for (guint x = 0; x < out->width; x++)
            row[x] |= 0xff000000u;
        }
      cairo_surface_mark_dirty (surface);
      gst_video_frame_unmap (&frame);
      g_ptr_array_add (out->frames, surface);
      if (GST_BUFFER_PTS_IS_VALID (buffer) && GST_BUFFER_DURATION_IS_VALID (buffer))
        out->seconds = (double) (GST_BUFFER_PTS (buffer) + GST_BUFFER_DURATION (buffer)) / GST_SECOND;
      gst_sample_unref (sample);
    }
  {
    g_autoptr (GstBus) bus = gst_element_get_bus (pipeline);
    g_autoptr (GstMessage) message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);

    g_assert_null (message);
  }
  gst_element_set_state (pipeline, GST_STATE_NULL);
}
#endif

/* Play of 3 steps as WebM: every frame there, the right length, and the
 * first and last frames close to the stills. */
static void
test_play_webm (void)
{
#ifdef HAVE_GSTREAMER
  g_autofree char *missing = video_decoders_missing (BPL_MEDIA_WEBM);
  g_autofree char *path = tmp_path ("play.webm");
  g_auto (Decoded) video = { 0 };
  g_autoptr (cairo_surface_t) first = NULL;
  g_autoptr (cairo_surface_t) last = NULL;

  if (missing != NULL)
    {
      g_test_skip (missing);
      return;
    }
  g_assert_cmpint (run (NULL, NULL, "animate", "--what", "play", "--steps", "3", "--seconds", "0.5",
                        "--fps", "10", "--width", "640", "--height", "400", "--select", "w3",
                        "--output", path, NULL), ==, 0);
  decode_video (path, &video);
  g_assert_cmpuint (video.width, ==, 640);
  g_assert_cmpuint (video.height, ==, 400);
  g_assert_cmpuint (video.frames->len, ==, 4 * 5);
  g_assert_cmpfloat_with_epsilon (video.seconds, 2.0, 0.001);
  first = still (0, "640", "400", "w3");
  last = still (3, "640", "400", "w3");
  assert_close (video.frames->pdata[0], first, last, 3.5, 0.002, "play.webm, first frame");
  assert_close (video.frames->pdata[video.frames->len - 1], last, first, 3.5, 0.002,
                "play.webm, last frame");
#else
  g_test_skip ("built without video export (-Dvideo=disabled)");
#endif
}

/* The backward pass of w3's graph as MP4: a step a second at 4 fps; the
 * first frame is `render --view graph --step 1`, the last the final step. */
static void
test_walk_mp4 (void)
{
#ifdef HAVE_GSTREAMER
  g_autofree char *missing = video_decoders_missing (BPL_MEDIA_MP4);
  g_autofree char *path = tmp_path ("walk.mp4");
  g_autofree char *png = tmp_path ("walk.png");
  g_autofree char *out = NULL;
  g_auto (Decoded) video = { 0 };
  g_autoptr (cairo_surface_t) first = NULL;
  g_autoptr (cairo_surface_t) last = NULL;
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr (BplGraph) full = bpl_graph_new (network, 0, NULL);
  g_autoptr (BplGraph) graph = bpl_graph_new_for_param (full, network,
                                                        (BplParam) { BPL_PARAM_WEIGHT, 2 },
                                                        BPL_GRAPH_DEFAULT_PER_LAYER);
  g_autoptr (BplGraphWalk) walk = bpl_graph_walk_new (graph, BPL_GRAPH_BACKWARD);
  g_autofree char *n = g_strdup_printf ("%u", walk->n_steps);

  if (missing != NULL)
    {
      g_test_skip (missing);
      return;
    }
  g_assert_cmpint (run (NULL, NULL, "animate", "--what", "walk", "--select", "w3", "--fps", "4",
                        "--width", "960", "--height", "540", "--output", path, NULL), ==, 0);
  decode_video (path, &video);
  g_assert_cmpuint (video.width, ==, 960);
  g_assert_cmpuint (video.height, ==, 540);
  g_assert_cmpuint (video.frames->len, ==, walk->n_steps * 4);
  g_assert_cmpfloat_with_epsilon (video.seconds, walk->n_steps, 0.001);
  g_assert_cmpint (run (NULL, NULL, "render", "--view", "graph", "--select", "w3", "--step", "1",
                        "--width", "960", "--height", "540", "--output", png, NULL), ==, 0);
  first = load_png (png);
  g_assert_cmpint (run (NULL, NULL, "render", "--view", "graph", "--select", "w3", "--step", n,
                        "--width", "960", "--height", "540", "--output", png, NULL), ==, 0);
  last = load_png (png);
  assert_close (video.frames->pdata[0], first, last, 3.5, 0.002, "walk.mp4, first frame");
  assert_close (video.frames->pdata[video.frames->len - 1], last, first, 3.5, 0.002,
                "walk.mp4, last frame");
#else
  g_test_skip ("built without video export (-Dvideo=disabled)");
#endif
}

/* The command line: every mistake a clear message and its exit status. */
static void
test_cli_errors (void)
{
  g_autofree char *gif = tmp_path ("x.gif");
  g_autofree char *mp4 = tmp_path ("x.mp4");
  g_autofree char *err = NULL;
  static const struct {
    const char *args[8];
    int         status;
    const char *message;
  } cases[] = {
    { { "--output", "x.avi" }, 2, "must end in .gif, .webm or .mp4" },
    { { "--what", "dance", "--output", "GIF" }, 2, "unknown --what “dance”" },
    { { "--fps", "55", "--output", "GIF" }, 2, "from 1 to 50 for a GIF" },
    { { "--fps", "0", "--output", "MP4" }, 2, "--fps must be from 1 to 60" },
    { { "--width", "641", "--output", "MP4" }, 2, "even --width and --height" },
    { { "--width", "8", "--output", "GIF" }, 2, "from 16 to 4096" },
    { { "--what", "step", "--steps", "3", "--output", "GIF" }, 2, "--what play --steps 3" },
    { { "--seconds", "0", "--output", "GIF" }, 2, "--seconds must be above 0" },
    { { "--palette", "global", "--output", "MP4" }, 2, "--palette is for a GIF" },
    { { "--walk", "forward", "--output", "GIF" }, 2, "--walk needs --what walk" },
    { { "--select", "w42", "--output", "GIF" }, 1, "w42" },
    { { "--what", "walk", "--select", "w3", "--steps", "999", "--output", "GIF" }, 1,
      "backward pass" },
    { { "--output" }, 2, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[16] = { BPL_CLI_PATH, "animate" };
      guint n = 2;

      for (guint j = 0; j < G_N_ELEMENTS (cases[i].args) && cases[i].args[j] != NULL; j++)
        argv[n++] = g_str_equal (cases[i].args[j], "GIF")   ? gif
                    : g_str_equal (cases[i].args[j], "MP4") ? mp4
                                                            : cases[i].args[j];
      g_test_message ("case %u", i);
      g_assert_cmpint (bpl_test_run_argv (argv, NULL, &err), ==, cases[i].status);
      if (cases[i].message != NULL)
        g_assert_nonnull (strstr (err, cases[i].message));
      g_assert_false (g_file_test (gif, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (mp4, G_FILE_TEST_EXISTS));
    }

  /* An unwritable place: exit 1, the file named, nothing left behind. */
  g_assert_cmpint (run (NULL, &err, "animate", "--output", "/nonexistent-folder/a.gif", NULL), ==, 1);
  if (bpl_media_format_check (BPL_MEDIA_GIF, NULL))
    g_assert_nonnull (strstr (err, "/nonexistent-folder/a.gif: cannot write"));
  else
    g_assert_nonnull (strstr (err, "this build writes no GIF"));

  g_assert_cmpint (run (NULL, &err, "animate", "--help", NULL), ==, 0);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
#ifdef HAVE_GSTREAMER
  gst_init (NULL, NULL);
#endif
  bpl_diagram_use_own_font_config ();
  tmp_dir = bpl_test_tmp_dir_new ("bpl-animate-XXXXXX");

  g_test_add_func ("/animate/frames-are-stills", test_frames_are_stills);
  g_test_add_func ("/animate/layout-options", test_layout_options);
  g_test_add_func ("/animate/bad-options", test_bad_options);
  g_test_add_func ("/animate/cancel", test_cancel);
  g_test_add_func ("/animate/step-gif", test_step_gif);
  g_test_add_func ("/animate/play-gif-global", test_play_gif_global);
  g_test_add_func ("/animate/play-webm", test_play_webm);
  g_test_add_func ("/animate/walk-mp4", test_walk_mp4);
  g_test_add_func ("/animate/cli-errors", test_cli_errors);
  status = g_test_run ();
  bpl_test_tmp_dir_remove ();
  return status;
}

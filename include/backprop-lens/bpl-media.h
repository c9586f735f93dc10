/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-media.h: an animation's frames (bpl-animation.h) written as an
 * animated GIF (giflib, colours chosen by libimagequant) or a video (WebM:
 * VP8; MP4: H.264) through GStreamer. GLib and Cairo, no GTK: the CLI and
 * the window's export share it. */
#pragma once

#include <gio/gio.h>

#include "bpl-animation.h"

G_BEGIN_DECLS

typedef enum {
  BPL_MEDIA_GIF,
  BPL_MEDIA_WEBM,
  BPL_MEDIA_MP4,
} BplMediaFormat;

/* Each frame with its own 256 colours (the default: the best picture), or
 * one palette for the whole GIF, chosen from its first, middle and last
 * frames (a smaller file; colours only in other frames come out nearest). */
typedef enum {
  BPL_GIF_PALETTE_PER_FRAME,
  BPL_GIF_PALETTE_GLOBAL,
} BplGifPalette;

/* Frame delays in a GIF are whole hundredths of a second, and browsers
 * slow down delays under 0.02 s: a GIF takes at most this many frames a
 * second. */
#define BPL_MEDIA_GIF_MAX_FPS 50.0

/* From the file name's extension: .gif, .webm or .mp4. */
gboolean    bpl_media_format_from_path (const char      *path,
                                        BplMediaFormat  *out,
                                        GError         **error);
const char *bpl_media_format_extension (BplMediaFormat format);

/* Whether this build and this system can write @format: giflib and
 * libimagequant compiled in for GIF; GStreamer compiled in and its encoder,
 * muxer and converter plugins installed for video. The error names what is
 * missing (the Debian package to install). */
gboolean    bpl_media_format_check     (BplMediaFormat   format,
                                        GError         **error);

/* Called after each frame is written, in the writing thread. */
typedef void (*BplMediaProgressFunc) (guint    frames_done,
                                      guint    n_frames,
                                      gpointer user_data);

/* Writes every frame of @animation to @path as @format (@palette: GIF
 * only), into a temporary file beside it renamed over @path at the end: a
 * failed or cancelled export leaves no partial file and @path as it was.
 * Checks @cancellable between frames (G_IO_ERROR_CANCELLED). */
gboolean    bpl_media_write_animation  (BplAnimation         *animation,
                                        BplMediaFormat        format,
                                        BplGifPalette         palette,
                                        const char           *path,
                                        BplMediaProgressFunc  progress,
                                        gpointer              user_data,
                                        GCancellable         *cancellable,
                                        GError              **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-media-private.h: the writers behind bpl_media_write_animation (). Each
 * writes straight to the path it is given (the caller's temporary file) and
 * takes opaque CAIRO_FORMAT_ARGB32 frames of its size. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "bpl-media.h"

G_BEGIN_DECLS

typedef struct _BplGifWriter BplGifWriter;

/* @palette_frames (global palette only): the frames the palette is chosen
 * from; they may be freed after the call. */
BplGifWriter *_bpl_gif_writer_new    (const char       *path,
                                      guint             width,
                                      guint             height,
                                      double            fps,
                                      BplGifPalette     palette,
                                      cairo_surface_t **palette_frames,
                                      guint             n_palette_frames,
                                      GError          **error);
gboolean      _bpl_gif_writer_add    (BplGifWriter     *self,
                                      cairo_surface_t  *frame,
                                      GError          **error);
gboolean      _bpl_gif_writer_finish (BplGifWriter     *self,
                                      GError          **error);
/* Closes the file whether finished or not; the caller removes it. */
void          _bpl_gif_writer_free   (BplGifWriter     *self);

typedef struct _BplVideoWriter BplVideoWriter;

BplVideoWriter *_bpl_video_writer_new    (BplMediaFormat    format,
                                          const char       *path,
                                          guint             width,
                                          guint             height,
                                          double            fps,
                                          GError          **error);
gboolean        _bpl_video_writer_add    (BplVideoWriter   *self,
                                          cairo_surface_t  *frame,
                                          GError          **error);
gboolean        _bpl_video_writer_finish (BplVideoWriter   *self,
                                          GError          **error);
void            _bpl_video_writer_free   (BplVideoWriter   *self);
gboolean        _bpl_video_check         (BplMediaFormat    format,
                                          GError          **error);

/* An opaque Cairo frame's pixels as R, G, B, A bytes, the rectangle (@x,
 * @y, @width, @height) of it, into @rgba (4 × @width × @height bytes). */
void            _bpl_media_frame_to_rgba (cairo_surface_t  *frame,
                                          guint             x,
                                          guint             y,
                                          guint             width,
                                          guint             height,
                                          guint8           *rgba);

G_END_DECLS

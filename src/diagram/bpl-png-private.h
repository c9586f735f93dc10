/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-png-private.h: PNG encoding tuned for diagrams. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A PNG, a band of rows at a time: new, add all @height rows (Cairo
 * ARGB32, premultiplied), then finish, which appends the PNG to @bytes and
 * frees the encoder (FALSE if rows are missing). Without @alpha, the alpha
 * of every pixel is taken to be opaque. */
typedef struct _BplPngEncoder BplPngEncoder;

BplPngEncoder *bpl_png_encoder_new      (guint width, guint height, gboolean alpha);
void           bpl_png_encoder_add_rows (BplPngEncoder *self, const guint8 *data, gsize stride,
                                         guint n_rows);
gboolean       bpl_png_encoder_finish   (BplPngEncoder *self, GByteArray *bytes);
void           bpl_png_encoder_free     (BplPngEncoder *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplPngEncoder, bpl_png_encoder_free)

G_END_DECLS

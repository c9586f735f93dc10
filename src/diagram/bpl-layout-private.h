/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-layout-private.h: geometry helpers shared inside the diagram layer. */
#pragma once

#include "bpl-layout.h"

G_BEGIN_DECLS

/* TRUE when @a and @b come closer than @spacing; empty rectangles never do. */
gboolean bpl_rect_intersects (const BplRect *a, const BplRect *b, double spacing);

/* Where the drawn edges and shown labels are, for hit-testing: made with
 * the layout, a function of it alone. */
gpointer bpl_layout_index_new  (const BplLayout *layout);
void     bpl_layout_index_free (gpointer index);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-graph-view-private.h: the graph view's texts (bpl-graph-view-text.c),
 * as Pango markup with the numbers at @digits significant digits. */
#pragma once

#include <backprop-lens/backprop-lens.h>

G_BEGIN_DECLS

/* A number with a typeset minus, as the derivation panel writes it. */
char *_bpl_graph_view_number       (double value,
                                    int    digits);
/* The step @position of @walk (NULL: every number shown; -1: before the
 * first): the node, its gate, the sentence, and upstream × local = what
 * each input gets. @focus_default: nothing selected in a big network. */
char *_bpl_graph_view_step_markup  (const BplGraph     *graph,
                                    const BplGraphWalk *walk,
                                    gint                position,
                                    int                 digits,
                                    gboolean            focus_default);
/* A parameter's paths with their products, the δ recursion, and the
 * multiplications each takes; "" and @shown FALSE unless @graph is a
 * parameter's. */
char *_bpl_graph_view_paths_markup (const BplGraph   *graph,
                                    const BplNetwork *network,
                                    int               digits,
                                    gboolean         *shown);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-trace.h: the parameter values of every training step, in bounded
 * memory: full detail for the most recent steps, and beyond them a thinned
 * trace that keeps every k-th step, k doubling whenever it fills up. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BplTrace BplTrace;

/* @width values an entry (weights then biases); at most @recent recent
 * entries and @thinned older ones, fewer when they would not fit in
 * @budget doubles (half for each). */
BplTrace     *bpl_trace_new        (guint width, gsize budget, guint recent, guint thinned);
void          bpl_trace_free       (BplTrace *self);
/* A copy that goes on independently. It shares the entries (they never
 * change), so it costs a pointer an entry. */
BplTrace     *bpl_trace_copy       (const BplTrace *self);
/* The memory it holds, in bytes, counting shared entries in full. */
gsize         bpl_trace_get_size   (const BplTrace *self);
/* The memory of several traces that share entries: count each trace with
 * the same fresh mark from bpl_trace_next_mark (); an entry is counted the
 * first time only. */
guint         bpl_trace_next_mark      (void);
gsize         bpl_trace_count_unshared (BplTrace *self, guint mark);
/* Forgets everything; entries become @width values. */
void          bpl_trace_reset      (BplTrace *self, guint width);
/* Appends the values at @step (steps only grow between truncations). */
void          bpl_trace_record     (BplTrace     *self,
                                    guint64       step,
                                    const double *weights,
                                    guint         n_weights,
                                    const double *biases,
                                    guint         n_biases);
/* Drops every entry at @step or later. */
void          bpl_trace_truncate   (BplTrace *self, guint64 step);
guint         bpl_trace_get_length (const BplTrace *self);
/* Entry @index, oldest first: its step and its values. */
const double *bpl_trace_get        (const BplTrace *self, guint index, guint64 *step);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplTrace, bpl_trace_free)

G_END_DECLS

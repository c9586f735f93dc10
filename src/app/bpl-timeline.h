/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-timeline.h: the history slider under the loss plot. It runs by step,
 * as the plot's axis does, shows where the document's history position
 * is, and scrubbing it asks the window to show that step
 * ("win.history-view"), which also pauses Play. */
#pragma once

#include "bpl-view.h"

G_BEGIN_DECLS

#define BPL_TYPE_TIMELINE (bpl_timeline_get_type ())
G_DECLARE_FINAL_TYPE (BplTimeline, bpl_timeline, BPL, TIMELINE, BplView)

/* The slider's adjustment (its value is a step) and the text beside it. */
GtkAdjustment *bpl_timeline_get_adjustment (BplTimeline *self);
const char    *bpl_timeline_get_text       (BplTimeline *self);

G_END_DECLS

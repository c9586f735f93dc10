/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-animation-dialog.h: Export Animation: a Step, Play of N steps or the
 * computational graph's backward pass as an animated GIF or a WebM or MP4
 * video, at a chosen size and frame rate. The export runs in a worker
 * thread with a progress bar and Cancel; it animates a copy of the network
 * taken when the dialog opens, so the document never changes. "report"
 * says how it went when the dialog closes after a finished export. */
#pragma once

#include <adwaita.h>

#include "backprop-lens-diagram.h"
#include "bpl-media.h"
#include "bpl-session.h"

G_BEGIN_DECLS

#define BPL_TYPE_ANIMATION_DIALOG (bpl_animation_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BplAnimationDialog, bpl_animation_dialog, BPL, ANIMATION_DIALOG, AdwWindow)

/* @style and @layout_options: the window's diagram's, so that the first
 * and last frames are what Export Diagram writes at that size. */
GtkWidget *bpl_animation_dialog_new        (GtkWindow              *parent,
                                            BplSession             *session,
                                            const BplStyle         *style,
                                            const BplLayoutOptions *layout_options);

/* The choices of the dialog's rows. */
void       bpl_animation_dialog_set_kind   (BplAnimationDialog *self,
                                            BplAnimationKind    kind);
void       bpl_animation_dialog_set_steps  (BplAnimationDialog *self,
                                            guint               n_steps);
void       bpl_animation_dialog_set_format (BplAnimationDialog *self,
                                            BplMediaFormat      format);
/* The frame rate and the size must be among the rows' choices. */
void       bpl_animation_dialog_set_fps    (BplAnimationDialog *self,
                                            guint               fps);
void       bpl_animation_dialog_set_size   (BplAnimationDialog *self,
                                            guint               width,
                                            guint               height);
/* The animation as chosen; its select points into @self. */
void       bpl_animation_dialog_get_options (BplAnimationDialog  *self,
                                             BplAnimationOptions *options,
                                             BplMediaFormat      *format);

/* Starts writing to @path (what Export does once a file is chosen);
 * FALSE with the message shown in the dialog when the choices do not
 * make an animation. */
gboolean   bpl_animation_dialog_start      (BplAnimationDialog *self,
                                            const char         *path);
gboolean   bpl_animation_dialog_is_running (BplAnimationDialog *self);
/* The progress bar's fraction, 0…1. */
double     bpl_animation_dialog_get_progress (BplAnimationDialog *self);
/* What the dialog says under its rows: an error, "Cancelled", … */
const char *bpl_animation_dialog_get_status (BplAnimationDialog *self);
/* Cancel while an export runs: it stops and removes the partial file. */
void       bpl_animation_dialog_cancel     (BplAnimationDialog *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-document.h: the session model behind every view of one window: the
 * network, its file, unsaved changes, selection, hover, the sample shown,
 * undo/redo of network snapshots, training and the loss history. Views
 * observe its signals and redraw; they never keep their own copy of a
 * number. */
#pragma once

#include <gio/gio.h>

#include <backprop-lens/backprop-lens.h>
#include <backprop-lens/backprop-lens-diagram.h>

G_BEGIN_DECLS

#define BPL_TYPE_DOCUMENT (bpl_document_get_type ())
G_DECLARE_FINAL_TYPE (BplDocument, bpl_document, BPL, DOCUMENT, GObject)

BplDocument      *bpl_document_new                (void);

/* The network and its forward pass on the shown sample. */
const BplNetwork *bpl_document_get_network        (BplDocument *self);
const BplForward *bpl_document_get_forward        (BplDocument *self);
/* The network being worked on, even while a past step of the history is
 * shown (what Save and recovery copies write). */
const BplNetwork *bpl_document_get_live_network   (BplDocument *self);
/* ∂E_total/∂p for the shown sample. */
const double     *bpl_document_get_weight_gradients (BplDocument *self);
const double     *bpl_document_get_bias_gradients (BplDocument *self);
double            bpl_document_get_mean_error     (BplDocument *self);

/* Replaces the network (takes ownership); clears history and selection. */
void              bpl_document_set_network        (BplDocument *self,
                                                   BplNetwork  *network,
                                                   GFile       *file);
/* On error the current network is kept. */
gboolean          bpl_document_load_file          (BplDocument *self,
                                                   GFile       *file,
                                                   GError     **error);
gboolean          bpl_document_save_file          (BplDocument *self,
                                                   GFile       *file,
                                                   GError     **error);
GFile            *bpl_document_get_file           (BplDocument *self);
gboolean          bpl_document_get_modified       (BplDocument *self);
/* Unsaved work with no saved state to go back to (a recovered copy). */
void              bpl_document_mark_modified      (BplDocument *self);
/* "Worked example", or the name of the file. */
char             *bpl_document_dup_title          (BplDocument *self);

/* Edits: each is one undo step; consecutive edits of one value merge. */
void              bpl_document_set_param          (BplDocument *self,
                                                   BplParam     param,
                                                   double       value);
void              bpl_document_set_input          (BplDocument *self,
                                                   guint        i,
                                                   double       value);
void              bpl_document_set_target         (BplDocument *self,
                                                   guint        o,
                                                   double       value);
void              bpl_document_set_learning_rate  (BplDocument *self,
                                                   double       eta);

/* Replaces the network with @network (taken), shape included, as one undo
 * step. Refused (and freed) when bpl_network_check fails. */
gboolean          bpl_document_edit_network       (BplDocument *self,
                                                   BplNetwork  *network,
                                                   GError     **error);
/* A copy of the network shown, to edit and pass to edit_network. */
BplNetwork       *bpl_document_dup_network        (BplDocument *self);
/* Samples: each is one undo step; the added sample becomes the one shown.
 * The last sample cannot be removed. */
void              bpl_document_add_sample         (BplDocument  *self,
                                                   const double *input,
                                                   const double *target);
gboolean          bpl_document_remove_sample      (BplDocument *self,
                                                   guint        sample);

/* Training. Each call is one undo step. On error (a step the core refuses)
 * the network stays as it was after the last good step. */
gboolean          bpl_document_step               (BplDocument *self,
                                                   GError     **error);
gboolean          bpl_document_train              (BplDocument *self,
                                                   guint64      n_steps,
                                                   guint64     *n_done,
                                                   GError     **error);
/* Continuous training: after begin, the steps that advance takes make one
 * undo step (opened by the first step taken). */
void              bpl_document_begin_play         (BplDocument *self);
gboolean          bpl_document_advance            (BplDocument *self,
                                                   guint64      n_steps,
                                                   guint64     *n_done,
                                                   GError     **error);
/* One step of the run that shows what changed, as Step does (slow Play). */
gboolean          bpl_document_advance_one        (BplDocument *self,
                                                   GError     **error);
/* Reset goes back to the network before the first step since the last
 * edit, as one undo step; undo and redo bring that point back with the
 * state they restore. FALSE when nothing was trained since. */
gboolean          bpl_document_get_can_reset      (BplDocument *self);
void              bpl_document_reset              (BplDocument *self);
/* Values before the last step (NULL when the last change was not a single
 * step, or was undone). */
const double     *bpl_document_get_previous_weights (BplDocument *self);
const double     *bpl_document_get_previous_biases (BplDocument *self);

/* Undo and redo restore the whole state: network, reset point, loss
 * series and history. */
gboolean          bpl_document_get_can_undo       (BplDocument *self);
gboolean          bpl_document_get_can_redo       (BplDocument *self);
void              bpl_document_undo               (BplDocument *self);
void              bpl_document_redo               (BplDocument *self);

/* Selection, hover and emphasis (a derivation factor hovered). */
BplHit            bpl_document_get_selection      (BplDocument *self);
void              bpl_document_set_selection      (BplDocument *self,
                                                   BplHit       hit);
BplHit            bpl_document_get_hover          (BplDocument *self);
void              bpl_document_set_hover          (BplDocument *self,
                                                   BplHit       hit);
BplHit            bpl_document_get_emphasis       (BplDocument *self);
void              bpl_document_set_emphasis       (BplDocument *self,
                                                   BplHit       hit);
/* The selection as a parameter; FALSE if no weight or bias is selected. */
gboolean          bpl_document_get_selected_param (BplDocument *self,
                                                   BplParam    *param);

guint             bpl_document_get_sample         (BplDocument *self);
void              bpl_document_set_sample         (BplDocument *self,
                                                   guint        sample);

/* The loss history: mean E_total against step. */
guint             bpl_document_get_n_loss_points  (BplDocument *self);
const guint64    *bpl_document_get_loss_steps     (BplDocument *self);
const double     *bpl_document_get_loss_values    (BplDocument *self);

/* The history of training: entries 0 … n-1, oldest first, each the
 * parameter values at one step (every step recently, thinned beyond).
 * Viewing a past entry shows it everywhere (get_network returns it); an
 * edit or a step then continues from there, one undo step back. Viewing
 * the last entry is live again. */
guint             bpl_document_get_n_history      (BplDocument *self);
guint64           bpl_document_get_history_step   (BplDocument *self,
                                                   guint        index);
double            bpl_document_get_history_value  (BplDocument *self,
                                                   guint        index,
                                                   BplParam     param);
void              bpl_document_view_history       (BplDocument *self,
                                                   guint        index);
gboolean          bpl_document_get_viewing_past   (BplDocument *self);
guint             bpl_document_get_view_index     (BplDocument *self);

/* A short text for a hit: "Weight w3 from i1 to h2 = 0.25\n∂E_total/∂w3 =
 * 0.00049771", as plain text (accessibility) or Pango markup (tooltips). */
char             *bpl_document_describe_hit       (BplDocument  *self,
                                                   BplHit        hit,
                                                   int           digits,
                                                   BplExprStyle  style);

gboolean          bpl_hit_equal                   (BplHit a,
                                                   BplHit b);

G_END_DECLS

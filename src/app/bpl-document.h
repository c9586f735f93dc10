/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-document.h: the work of one window, and its undo: the network, its
 * file, the saved copy, undo and redo, training, the reset point, the loss
 * series and the history of every step. No view state (selection, sample
 * shown): that is BplSession's. No GTK: tested without a display.
 *
 * Observing it: the properties below notify only when their value really
 * changes. Each change of the network emits exactly one of
 *   "opened"           a new network (file, example, recovered work);
 *   "network-replaced" its shape or its samples changed: views rebuild;
 *   "values-changed"   values changed, the shape stayed;
 * and a single training step emits "stepped" just before its
 * "values-changed", so that views can show old → new. */
#pragma once

#include <gio/gio.h>

#include <backprop-lens/backprop-lens.h>

G_BEGIN_DECLS

#define BPL_TYPE_DOCUMENT (bpl_document_get_type ())
G_DECLARE_FINAL_TYPE (BplDocument, bpl_document, BPL, DOCUMENT, GObject)

BplDocument      *bpl_document_new                (void);

/* The network shown: the live one, or a past step of the history. */
const BplNetwork *bpl_document_get_network        (BplDocument *self);
/* The network being worked on, even while a past step is shown (what
 * Save and recovery copies write). */
const BplNetwork *bpl_document_get_live_network   (BplDocument *self);
/* A copy of the network shown, to edit and pass to edit_network. */
BplNetwork       *bpl_document_dup_network        (BplDocument *self);
/* Mean E_total over the samples of the network shown ("mean-error"). */
double            bpl_document_get_mean_error     (BplDocument *self);
/* Steps of the network shown ("steps"), and its samples ("n-samples"). */
guint64           bpl_document_get_steps          (BplDocument *self);
guint             bpl_document_get_n_samples      (BplDocument *self);

/* Files. set_network replaces the network (taken) and forgets undo and
 * history ("opened"); load_file keeps the current network on error. */
void              bpl_document_set_network        (BplDocument *self,
                                                   BplNetwork  *network,
                                                   GFile       *file);
gboolean          bpl_document_load_file          (BplDocument *self,
                                                   GFile       *file,
                                                   GError     **error);
gboolean          bpl_document_save_file          (BplDocument *self,
                                                   GFile       *file,
                                                   GError     **error);
GFile            *bpl_document_get_file           (BplDocument *self);
/* The live network differs from the file, or there is no file to match. */
gboolean          bpl_document_get_modified       (BplDocument *self);
/* Unsaved work with no saved state to go back to (a recovered copy). */
void              bpl_document_mark_modified      (BplDocument *self);
/* "title": the file's name, or the network's before it has a file. */
const char       *bpl_document_get_title          (BplDocument *self);

/* Edits: each is one undo step; consecutive edits of one value merge.
 * Inputs and targets are those of @sample. */
void              bpl_document_set_param          (BplDocument *self,
                                                   BplParam     param,
                                                   double       value);
void              bpl_document_set_input          (BplDocument *self,
                                                   guint        sample,
                                                   guint        i,
                                                   double       value);
void              bpl_document_set_target         (BplDocument *self,
                                                   guint        sample,
                                                   guint        o,
                                                   double       value);
void              bpl_document_set_learning_rate  (BplDocument *self,
                                                   double       eta);
/* Replaces the network with @network (taken), shape included, as one undo
 * step. Refused (and freed) when bpl_network_check fails. */
gboolean          bpl_document_edit_network       (BplDocument *self,
                                                   BplNetwork  *network,
                                                   GError     **error);
/* Samples: each is one undo step. add_sample returns the new sample's
 * number; the last sample cannot be removed. */
gboolean          bpl_document_add_sample         (BplDocument  *self,
                                                   const double *input,
                                                   const double *target,
                                                   guint        *index);
gboolean          bpl_document_remove_sample      (BplDocument *self,
                                                   guint        sample);

/* The lesson (bpl-document-lesson.c). A lesson's locks hold here, for every
 * window that edits: a locked value is left as it is by set_param,
 * set_input, set_target and set_learning_rate, and edit_network refuses a
 * network that changes it. */
const BplLesson  *bpl_document_get_lesson         (BplDocument *self);
/* Replaces the lesson (NULL removes it) as one undo step. */
void              bpl_document_set_lesson         (BplDocument     *self,
                                                   const BplLesson *lesson);
/* Why @what (a BplLessonLocked) cannot be changed: "The lesson “w3 by
 * hand” locks the weights", or NULL when it can. */
char             *bpl_document_dup_lock_message   (BplDocument *self,
                                                   guint        what);
/* FALSE, with that message, when @network changes a locked value of the
 * network shown. */
gboolean          bpl_document_check_locks        (BplDocument      *self,
                                                   const BplNetwork *network,
                                                   GError          **error);

/* Architecture edits (bpl-document-architecture.c): each is one undo step
 * through edit_network, refused with an error the editor can show. New
 * weights are drawn from "seed" (bpl-reshape.h). */
/* The data view's points (bpl-document-data.c), samples or (@test) test
 * samples: each edit one undo step. A move sets the point's inputs and,
 * unless @target is NULL, its targets (a curve's points move in both); the
 * last sample cannot be removed, test samples all can. */
gboolean          bpl_document_add_point          (BplDocument  *self,
                                                   gboolean      test,
                                                   const double *input,
                                                   const double *target,
                                                   guint        *index);
gboolean          bpl_document_move_point         (BplDocument  *self,
                                                   gboolean      test,
                                                   guint         index,
                                                   const double *input,
                                                   const double *target);
gboolean          bpl_document_remove_point       (BplDocument *self,
                                                   gboolean     test,
                                                   guint        index);

/* Makes @data the samples and test samples, one undo step: of the network
 * shown when @keep_network and it takes the data's inputs and outputs,
 * else of a new network that suits the data (weights from @seed). */
gboolean          bpl_document_use_dataset        (BplDocument      *self,
                                                   const BplDataset *data,
                                                   gboolean          keep_network,
                                                   guint64           seed,
                                                   GError          **error);

guint32           bpl_document_get_seed           (BplDocument *self);
void              bpl_document_set_seed           (BplDocument *self,
                                                   guint32      seed);
gboolean          bpl_document_set_layer_size     (BplDocument *self,
                                                   guint        layer,
                                                   guint        size,
                                                   GError     **error);
/* A new hidden layer before the output layer, as wide as the one before. */
gboolean          bpl_document_add_hidden_layer   (BplDocument *self,
                                                   GError     **error);
gboolean          bpl_document_remove_hidden_layer (BplDocument *self,
                                                    guint        layer,
                                                    GError     **error);
gboolean          bpl_document_set_bias_mode      (BplDocument *self,
                                                   BplBiasMode  mode,
                                                   GError     **error);
gboolean          bpl_document_set_activation     (BplDocument   *self,
                                                   guint          layer,
                                                   BplActivation  activation,
                                                   GError       **error);
gboolean          bpl_document_set_loss           (BplDocument *self,
                                                   BplLoss      loss,
                                                   GError     **error);
gboolean          bpl_document_set_update_biases  (BplDocument *self,
                                                   gboolean     update,
                                                   GError     **error);
gboolean          bpl_document_set_training       (BplDocument     *self,
                                                   BplTrainingMode  mode,
                                                   GError         **error);
gboolean          bpl_document_set_update_order   (BplDocument    *self,
                                                   BplUpdateOrder  order,
                                                   GError        **error);
/* The batch size: 1 online, 0 every sample (batch), else a mini-batch. */
gboolean          bpl_document_set_batch_size     (BplDocument *self,
                                                   guint        batch_size,
                                                   GError     **error);
gboolean          bpl_document_set_regularization (BplDocument       *self,
                                                   BplRegularization  kind,
                                                   double             strength,
                                                   GError           **error);
/* A different kind clears the optimiser's state; new settings of the
 * same kind keep it. */
gboolean          bpl_document_set_optimizer      (BplDocument                *self,
                                                   const BplOptimizerSettings *settings,
                                                   GError                    **error);
gboolean          bpl_document_randomize_weights  (BplDocument *self,
                                                   GError     **error);
gboolean          bpl_document_set_all_weights    (BplDocument *self,
                                                   double       value,
                                                   GError     **error);

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
/* Values before the last step (NULL when the last change was not a single
 * step, or was undone). */
const double     *bpl_document_get_previous_weights (BplDocument *self);
const double     *bpl_document_get_previous_biases (BplDocument *self);

/* Reset goes back to the network before the first step since the last
 * edit, as one undo step; undo and redo bring that point back with the
 * state they restore. "can-reset" is FALSE when nothing was trained since. */
gboolean          bpl_document_get_can_reset      (BplDocument *self);
void              bpl_document_reset              (BplDocument *self);

/* Undo and redo restore the whole state: network, reset point, loss
 * series and history ("can-undo", "can-redo"). */
gboolean          bpl_document_get_can_undo       (BplDocument *self);
gboolean          bpl_document_get_can_redo       (BplDocument *self);
void              bpl_document_undo               (BplDocument *self);
void              bpl_document_redo               (BplDocument *self);

/* The loss series: mean E_total against step. */
guint             bpl_document_get_n_loss_points  (BplDocument *self);
const guint64    *bpl_document_get_loss_steps     (BplDocument *self);
const double     *bpl_document_get_loss_values    (BplDocument *self);
/* λ·R of the weights at each point (0 without a penalty): training
 * minimises the objective, value + penalty. */
const double     *bpl_document_get_loss_penalties (BplDocument *self);
/* The test error (mean E_total over the test samples) at each loss step;
 * NaN where the network had no test samples. */
const double     *bpl_document_get_loss_test_values (BplDocument *self);

/* The history of training ("n-history" entries, oldest first), each the
 * parameter values at one step (every step recently, thinned beyond).
 * "history-index" is the entry shown; below the last, "viewing-past": the
 * past step is shown everywhere (get_network returns it), and an edit or a
 * step continues from there, one undo step back ("history-continued").
 * The history position is the document's, not a view's, because it
 * decides what the next edit changes. */
guint             bpl_document_get_n_history      (BplDocument *self);
guint64           bpl_document_get_history_step   (BplDocument *self,
                                                   guint        index);
double            bpl_document_get_history_value  (BplDocument *self,
                                                   guint        index,
                                                   BplParam     param);
guint             bpl_document_get_history_index  (BplDocument *self);
void              bpl_document_set_history_index  (BplDocument *self,
                                                   guint        index);
gboolean          bpl_document_get_viewing_past   (BplDocument *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-training.h: gradients and training steps. A BplTrainer is the
 * workspace for one network shape; a step allocates nothing. */
#pragma once

#include <glib.h>

#include "bpl-forward.h"
#include "bpl-network.h"

G_BEGIN_DECLS

typedef struct _BplTrainer BplTrainer;

BplTrainer   *bpl_trainer_new           (const BplNetwork *network);
void          bpl_trainer_free          (BplTrainer *self);

/* One training step (online: sample steps mod n_samples; batch: the mean of
 * every sample's gradient). Every gradient comes from the parameters before
 * the step (or, with output-first update order, from the layers above as
 * already updated). If any new value would not be finite the step is refused
 * with BPL_ERROR_NOT_FINITE and @network is left as it was; so is a step
 * that would take a value beyond ±BPL_MAX_ABS_VALUE. */
gboolean      bpl_trainer_step          (BplTrainer  *self,
                                         BplNetwork  *network,
                                         GError     **error);
/* Up to @n_steps steps; stops at the first refused one. Returns the number
 * of steps taken in @n_done. */
gboolean      bpl_trainer_train         (BplTrainer  *self,
                                         BplNetwork  *network,
                                         guint64      n_steps,
                                         guint64     *n_done,
                                         GError     **error);
/* Parameter values before the last successful step (its "old → new"). */
const double *bpl_trainer_get_previous_weights (const BplTrainer *self);
const double *bpl_trainer_get_previous_biases  (const BplTrainer *self);

/* ∂E_total/∂p of every weight and bias for one sample, by backpropagation,
 * into caller arrays of n_weights and n_biases. Fills @forward. */
void          bpl_network_gradient      (const BplNetwork *network,
                                         guint             sample,
                                         BplForward       *forward,
                                         double           *weight_gradient,
                                         double           *bias_gradient);

/* Central finite-difference estimate of ∂E_total/∂p for one sample
 * (for checking the analytic gradient). */
double        bpl_network_numerical_gradient (const BplNetwork *network,
                                               BplParam          param,
                                               guint             sample);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplTrainer, bpl_trainer_free)

G_END_DECLS

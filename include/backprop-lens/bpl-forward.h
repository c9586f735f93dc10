/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-forward.h: the forward pass for one sample: net and out of every
 * neuron, the error of every output and the total error. */
#pragma once

#include <glib.h>

#include "bpl-network.h"

G_BEGIN_DECLS

/* Read-only results, indexed by global neuron number (net of an input
 * neuron is its input value) and by output number. */
typedef struct {
  guint   n_neurons;
  guint   n_outputs;
  double *net;
  double *out;
  double *error;        /* E_o of each output */
  double  total_error;  /* E_total = Σ E_o */
} BplForward;

BplForward *bpl_forward_new     (const BplNetwork *network);
void        bpl_forward_free    (BplForward *self);
/* Runs the forward pass of @network on @sample; @self must have been made for
 * a network of the same shape. Allocates nothing. */
void        bpl_forward_compute (BplForward       *self,
                                 const BplNetwork *network,
                                 guint             sample);

/* Mean over samples of E_total (the figure training reports). */
double      bpl_network_mean_error (const BplNetwork *network,
                                    BplForward       *scratch);
/* What training minimises: the mean error plus the penalty λ·R. */
double      bpl_network_objective  (const BplNetwork *network,
                                    BplForward       *scratch);

/* Activation and its derivative written in terms of out (and net for relu).
 * Softmax is a function of the whole layer: bpl_activate gives NaN for it,
 * and the slope is the Jacobian's diagonal out(1 − out). */
double      bpl_activate            (BplActivation activation, double net);
double      bpl_activation_slope    (BplActivation activation, double net, double out);

/* The forward pass on test sample @test_sample (see
 * bpl_network_get_n_test_samples()), exactly as bpl_forward_compute() runs
 * it on a sample. */
void        bpl_forward_compute_test (BplForward       *self,
                                      const BplNetwork *network,
                                      guint             test_sample);
/* The test error: the mean over the test samples of E_total, computed as
 * bpl_network_mean_error() computes it over the samples. NaN when there
 * are no test samples. */
double      bpl_network_mean_test_error (const BplNetwork *network,
                                         BplForward       *scratch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplForward, bpl_forward_free)

G_END_DECLS

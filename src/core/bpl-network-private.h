/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-network-private.h: the network's storage, for the core's hot loops
 * (forward pass, training), which read it directly rather than through
 * accessors. Nothing outside src/core includes this. */
#pragma once

#include "bpl-network.h"

G_BEGIN_DECLS

struct _BplNetwork
{
  char           *name;

  guint           n_layers;
  guint          *layer_size;     /* n_layers */
  guint          *layer_start;    /* first neuron of each layer, n_layers + 1 */
  guint          *weight_start;   /* first weight into each layer (0 for layer 0), n_layers + 1 */
  guint           n_neurons;

  BplActivation  *activation;     /* per layer; [0] unused */
  BplLoss         loss;
  BplBiasMode     bias_mode;
  gboolean        update_biases;
  BplTrainingMode training;
  BplUpdateOrder  update_order;
  double          learning_rate;

  guint           n_weights;
  double         *weights;
  guint           n_biases;
  double         *biases;
  gint           *neuron_bias;    /* bias feeding each neuron or -1, n_neurons */

  guint           n_samples;
  double         *inputs;         /* n_samples × n_inputs */
  double         *targets;        /* n_samples × n_outputs */

  /* Held out from training, for the test error; there may be none. */
  guint           n_test_samples;
  double         *test_inputs;    /* n_test_samples × n_inputs, or NULL */
  double         *test_targets;   /* n_test_samples × n_outputs, or NULL */

  guint64         steps;

  /* Names, made once with the shape. */
  char          **neuron_names;
  char          **weight_names;
  char          **bias_names;
};

/* The sample the next online step uses. Inline for the training loop: a
 * 64-bit division costs more than the rest of a small step, so it is skipped
 * for one sample. */
static inline guint
bpl_network_next_sample (const BplNetwork *self)
{
  return self->n_samples == 1 ? 0 : (guint) (self->steps % self->n_samples);
}

/* Test samples (bpl-test-samples.c): what copy, free, equal and check do
 * with them. */
void     _bpl_network_copy_test_samples  (BplNetwork *copy, const BplNetwork *self);
void     _bpl_network_free_test_samples  (BplNetwork *self);
gboolean _bpl_network_test_samples_equal (const BplNetwork *a, const BplNetwork *b);
gboolean _bpl_network_check_test_samples (const BplNetwork *self, GError **error);

/* @self with its test samples in place of its samples: a shallow copy that
 * shares every array, so that the forward pass and the checks run on the
 * test samples with exactly the code that serves the samples. Never freed,
 * and valid only while @self is unchanged. */
static inline BplNetwork
_bpl_network_test_view (const BplNetwork *self)
{
  BplNetwork view = *self;

  view.n_samples = self->n_test_samples;
  view.inputs = self->test_inputs;
  view.targets = self->test_targets;
  view.n_test_samples = 0;
  view.test_inputs = NULL;
  view.test_targets = NULL;
  return view;
}

/* @text made valid UTF-8 and cut to at most @max_chars characters (with
 * "…"), for quoting untrusted input in an error message. */
char *bpl_shorten_for_message (const char *text, glong max_chars);

G_END_DECLS

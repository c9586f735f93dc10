/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-network-private.h: the network's storage, for the core's hot loops
 * (forward pass, training), which read it directly rather than through
 * accessors. Nothing outside src/core includes this. */
#pragma once

#include <float.h>
#include <math.h>

#include "bpl-lesson.h"
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
  guint           batch_size;     /* b ≥ 1, or 0: every sample (batch training) */
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
  char          **weight_names;   /* pointers into weight_name_text */
  char           *weight_name_text;
  char          **bias_names;

  /* Last, so that the fields the plain training step reads keep their
   * places and cache lines. */
  BplRegularization regularization;
  double          regularization_strength;  /* λ */
  BplOptimizerSettings optimizer;
  /* The optimiser's state, n_weights then n_biases each. */
  double         *moment1;        /* momentum: v; Adam: m */
  double         *moment2;        /* Adam: v */
  guint64         optimizer_steps; /* Adam's t */

  /* The teacher's lesson, or NULL; and what was wrong with it (or with
   * other lenient fields) when the file was read, NULL-terminated or NULL. */
  BplLesson      *lesson;
  char          **load_warnings;
};

/* The first sample of step @step: (k·b) mod S. Inline for the training
 * loop: a 64-bit division costs more than the rest of a small step, so it
 * is skipped for one sample and for batch training. */
static inline guint
bpl_network_first_sample (const BplNetwork *self, guint64 step)
{
  guint S = self->n_samples;

  if (S == 1 || self->batch_size == 0)
    return 0;
  if (self->batch_size == 1)
    return (guint) (step % S);
  /* (k mod S)·(b mod S) < S² fits: k·b itself might not. */
  return (guint) ((step % S) * (self->batch_size % S) % S);
}

static inline guint
bpl_network_step_size (const BplNetwork *self)
{
  return self->batch_size == 0 ? self->n_samples : self->batch_size;
}

/* λ·∂R/∂w: inline for the training loop. */
static inline double
bpl_penalty_slope (const BplNetwork *self, double w)
{
  switch (self->regularization)
    {
    case BPL_REGULARIZATION_L2:
      return self->regularization_strength * w;
    case BPL_REGULARIZATION_L1:
      /* d|w|/dw is taken as 0 at w = 0, as PyTorch's sign() does. */
      return w > 0 ? self->regularization_strength : w < 0 ? -self->regularization_strength : 0.0;
    case BPL_REGULARIZATION_NONE:
    default:
      return 0.0;
    }
}

/* A running average that has decayed below the smallest normal double
 * (2.2e-308) is taken as 0. No parameter can feel it, and left alone it
 * would sink to the smallest subnormal and stay there (0.9 × 5e-324 rounds
 * back to 5e-324), making every later step's arithmetic some hundred times
 * slower once a network has converged. */
static inline double
bpl_flush_tiny (double x)
{
  return fabs (x) < DBL_MIN ? 0.0 : x;
}

/* One parameter's optimiser update from its gradient @g: updates the
 * state *m1 and *m2 in place and returns the new value. @kind is the
 * network's optimiser (a parameter, so that a loop can be specialised for
 * it); @bc1 and @bc2 are Adam's bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ of
 * this step. Shared by the training step and the derivation, so both give
 * the same numbers. */
static inline double
bpl_optimizer_apply (const BplNetwork *self, BplOptimizer kind, double p, double g, double *m1, double *m2,
                     double bc1, double bc2)
{
  const BplOptimizerSettings *o = &self->optimizer;

  switch (kind)
    {
    case BPL_OPTIMIZER_MOMENTUM:
      *m1 = bpl_flush_tiny (o->momentum * *m1 + g);
      return p - self->learning_rate * *m1;
    case BPL_OPTIMIZER_ADAM:
      {
        double m_hat, v_hat;
        *m1 = bpl_flush_tiny (o->beta1 * *m1 + (1.0 - o->beta1) * g);
        *m2 = bpl_flush_tiny (o->beta2 * *m2 + (1.0 - o->beta2) * g * g);
        /* Dividing by a correction of exactly 1 (from t ≈ 37,000 on, for
         * β₂ = 0.999) changes nothing: skipped, as a division costs. */
        m_hat = bc1 == 1.0 ? *m1 : *m1 / bc1;
        v_hat = bc2 == 1.0 ? *m2 : *m2 / bc2;
        return p - self->learning_rate * m_hat / (sqrt (v_hat) + o->epsilon);
      }
    case BPL_OPTIMIZER_SGD:
    default:
      return p - self->learning_rate * g;
    }
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

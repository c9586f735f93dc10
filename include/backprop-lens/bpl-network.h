/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-network.h: the network model: shape, parameters, samples and naming.
 *
 * Neurons are numbered globally in layer order (inputs first). Names follow the
 * worked example: inputs i1…, hidden neurons h1… numbered on across all hidden
 * layers, outputs o1…. Weights w1… are numbered layer by layer from the input
 * side, inside a layer by destination neuron, then source neuron. Biases b1…
 * are one per non-input layer (per-layer) or one per non-input neuron
 * (per-neuron). */
#pragma once

#include <glib.h>

#include "bpl-lesson.h"

G_BEGIN_DECLS

/* Documented limits; files beyond them are refused (see README.md). */
#define BPL_MAX_LAYERS 16
#define BPL_MAX_LAYER_SIZE 1024
#define BPL_MAX_WEIGHTS 65536
#define BPL_MAX_SAMPLES 4096
/* Every weight, bias, input, target and η lies within ±this. Training that
 * would leave the range is refused, so every state can be saved and opened
 * again; no lesson needs more. */
#define BPL_MAX_ABS_VALUE 1e9
/* A softmax layer's targets of one sample sum to 1 within this. */
#define BPL_SOFTMAX_TARGET_TOLERANCE 1e-9

typedef enum {
  BPL_ACTIVATION_SIGMOID,
  BPL_ACTIVATION_TANH,
  BPL_ACTIVATION_RELU,
  BPL_ACTIVATION_LINEAR,
  /* Output layer only: out_k = e^net_k / Σ_j e^net_j, so every output
   * depends on every output's net. */
  BPL_ACTIVATION_SOFTMAX,
} BplActivation;

typedef enum {
  BPL_LOSS_SQUARED_ERROR,
  BPL_LOSS_CROSS_ENTROPY,
} BplLoss;

typedef enum {
  BPL_BIAS_PER_LAYER,
  BPL_BIAS_PER_NEURON,
  BPL_BIAS_NONE,
} BplBiasMode;

/* How many samples a step takes: online one, batch all, mini-batch a
 * batch size b (step k uses samples (k·b + j) mod S, j = 0…b − 1). */
typedef enum {
  BPL_TRAINING_ONLINE,
  BPL_TRAINING_BATCH,
  BPL_TRAINING_MINI_BATCH,
} BplTrainingMode;

typedef enum {
  BPL_UPDATE_SIMULTANEOUS,
  BPL_UPDATE_OUTPUT_FIRST,
} BplUpdateOrder;

/* A penalty λ·R added to the mean error: R = Σ|w| (L1) or ½Σw² (L2)
 * over the weights, never the biases. */
typedef enum {
  BPL_REGULARIZATION_NONE,
  BPL_REGULARIZATION_L1,
  BPL_REGULARIZATION_L2,
} BplRegularization;

/* How a step turns the gradient g into new parameters, as PyTorch's
 * torch.optim defines it:
 * SGD       p ← p − η·g
 * MOMENTUM  v ← μ·v + g, p ← p − η·v (SGD with momentum, dampening 0)
 * ADAM      m ← β₁·m + (1 − β₁)·g, v ← β₂·v + (1 − β₂)·g², t ← t + 1,
 *           p ← p − η·m̂/(√v̂ + ε) with m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ) */
typedef enum {
  BPL_OPTIMIZER_SGD,
  BPL_OPTIMIZER_MOMENTUM,
  BPL_OPTIMIZER_ADAM,
} BplOptimizer;

typedef struct {
  BplOptimizer kind;
  double       momentum;  /* μ, in [0, 1) */
  double       beta1;     /* β₁, in [0, 1) */
  double       beta2;     /* β₂, in [0, 1) */
  double       epsilon;   /* ε > 0 */
} BplOptimizerSettings;

/* PyTorch's defaults, and μ = 0.9. */
#define BPL_DEFAULT_MOMENTUM 0.9
#define BPL_DEFAULT_BETA1 0.9
#define BPL_DEFAULT_BETA2 0.999
#define BPL_DEFAULT_EPSILON 1e-8

typedef enum {
  BPL_PARAM_WEIGHT,
  BPL_PARAM_BIAS,
} BplParamKind;

/* A trainable parameter: w<index+1> or b<index+1>. */
typedef struct {
  BplParamKind kind;
  guint index;
} BplParam;

typedef struct _BplNetwork BplNetwork;

const char    *bpl_activation_to_string   (BplActivation activation);
gboolean       bpl_activation_from_string (const char *str, BplActivation *out);
const char    *bpl_loss_to_string         (BplLoss loss);
gboolean       bpl_loss_from_string       (const char *str, BplLoss *out);
const char    *bpl_bias_mode_to_string    (BplBiasMode mode);
gboolean       bpl_bias_mode_from_string  (const char *str, BplBiasMode *out);
const char    *bpl_training_mode_to_string   (BplTrainingMode mode);
gboolean       bpl_training_mode_from_string (const char *str, BplTrainingMode *out);
const char    *bpl_update_order_to_string    (BplUpdateOrder order);
gboolean       bpl_update_order_from_string  (const char *str, BplUpdateOrder *out);
const char    *bpl_regularization_to_string   (BplRegularization kind);
gboolean       bpl_regularization_from_string (const char *str, BplRegularization *out);
const char    *bpl_optimizer_to_string        (BplOptimizer kind);
gboolean       bpl_optimizer_from_string      (const char *str, BplOptimizer *out);

/* A network of the given shape: weights and biases 0, sigmoid everywhere,
 * squared error, η = 0.5, one all-zero sample. Returns NULL with an error if
 * the shape breaks a limit. */
BplNetwork    *bpl_network_new            (const guint  *layer_sizes,
                                           guint         n_layers,
                                           BplBiasMode   bias_mode,
                                           GError      **error);
/* The 2-2-2 network of ../shared/reference/worked-example.txt. */
BplNetwork    *bpl_network_new_worked_example (void);
BplNetwork    *bpl_network_copy           (const BplNetwork *self);
void           bpl_network_free           (BplNetwork *self);
/* Gives @dst @src's training settings: loss, update_biases, batch size,
 * update order, η, penalty and optimiser (its state cleared: it belongs to
 * @src's parameters). For a network reshaped from another. */
void           bpl_network_copy_training_settings (BplNetwork       *dst,
                                                   const BplNetwork *src);
/* TRUE when shape, settings, parameters, samples and optimiser state are
 * identical. Settings that do not apply are not compared: λ without a
 * penalty, μ unless the optimiser is momentum, β₁, β₂ and ε unless Adam. */
gboolean       bpl_network_equal          (const BplNetwork *a,
                                           const BplNetwork *b);
/* TRUE when both have the same layer sizes and bias mode, so that a
 * workspace made for one serves the other. */
gboolean       bpl_network_same_shape     (const BplNetwork *a,
                                           const BplNetwork *b);

const char    *bpl_network_get_name       (const BplNetwork *self);
void           bpl_network_set_name       (BplNetwork *self, const char *name);

/* The lesson the file carries (bpl-lesson.h), or NULL; set copies it (NULL
 * removes it). Compared by bpl_network_equal and saved with the network. */
const BplLesson *bpl_network_get_lesson   (const BplNetwork *self);
void           bpl_network_set_lesson     (BplNetwork *self, const BplLesson *lesson);
/* What the loader left out with a warning (a wrong lesson field), one
 * message each ("file.json: lesson.view: …"), NULL-terminated; NULL when
 * nothing. Copied with the network, not compared, not saved. */
const char * const *bpl_network_get_load_warnings (const BplNetwork *self);
void           bpl_network_set_load_warnings (BplNetwork *self, const char * const *warnings);

/* Shape */
guint          bpl_network_get_n_layers   (const BplNetwork *self);
guint          bpl_network_get_layer_size (const BplNetwork *self, guint layer);
guint          bpl_network_get_layer_start (const BplNetwork *self, guint layer);
guint          bpl_network_get_n_neurons  (const BplNetwork *self);
guint          bpl_network_get_n_inputs   (const BplNetwork *self);
guint          bpl_network_get_n_outputs  (const BplNetwork *self);
guint          bpl_network_get_n_weights  (const BplNetwork *self);
guint          bpl_network_get_n_biases   (const BplNetwork *self);
guint          bpl_network_get_neuron_layer (const BplNetwork *self, guint neuron);
/* Index of the first weight into @layer (layer ≥ 1). */
guint          bpl_network_get_weight_start (const BplNetwork *self, guint layer);
guint          bpl_network_get_weight_source (const BplNetwork *self, guint weight);
guint          bpl_network_get_weight_target (const BplNetwork *self, guint weight);
/* The weight from @source to @target, or -1 if they are not adjacent. */
gint           bpl_network_find_weight    (const BplNetwork *self, guint source, guint target);
/* The bias that feeds @neuron, or -1 (input neuron, or no biases). */
gint           bpl_network_get_neuron_bias (const BplNetwork *self, guint neuron);
/* The layer whose neurons bias @bias feeds (all of them when per-layer). */
guint          bpl_network_get_bias_layer (const BplNetwork *self, guint bias);

/* Names: "i1", "h2", "o1", "w3", "b1". */
const char    *bpl_network_get_neuron_name (const BplNetwork *self, guint neuron);
const char    *bpl_network_get_weight_name (const BplNetwork *self, guint weight);
const char    *bpl_network_get_bias_name  (const BplNetwork *self, guint bias);
const char    *bpl_network_get_param_name (const BplNetwork *self, BplParam param);
/* Parses "w3", "b1" (also "W3"); the error names the valid range. */
gboolean       bpl_network_parse_param    (const BplNetwork *self,
                                           const char       *name,
                                           BplParam         *out,
                                           GError          **error);
/* Parses a neuron name such as "h2". */
gboolean       bpl_network_parse_neuron   (const BplNetwork *self,
                                           const char       *name,
                                           guint            *out);

/* Settings */
BplActivation  bpl_network_get_activation (const BplNetwork *self, guint layer);
void           bpl_network_set_activation (BplNetwork *self, guint layer, BplActivation activation);
BplLoss        bpl_network_get_loss       (const BplNetwork *self);
void           bpl_network_set_loss       (BplNetwork *self, BplLoss loss);
BplBiasMode    bpl_network_get_bias_mode  (const BplNetwork *self);
gboolean       bpl_network_get_update_biases (const BplNetwork *self);
void           bpl_network_set_update_biases (BplNetwork *self, gboolean update);
BplTrainingMode bpl_network_get_training  (const BplNetwork *self);
/* ONLINE sets the batch size to 1, BATCH to all samples; MINI_BATCH keeps a
 * batch size above 1 or sets 2 (use set_batch_size). */
void           bpl_network_set_training   (BplNetwork *self, BplTrainingMode mode);
/* The batch size b ≥ 1, or 0 for all samples (batch training, however many
 * there are). b may exceed the number of samples S: a step then takes some
 * twice, as (k·b + j) mod S says. */
guint          bpl_network_get_batch_size (const BplNetwork *self);
void           bpl_network_set_batch_size (BplNetwork *self, guint batch_size);
/* The samples one step takes: the batch size, or S for batch training. */
guint          bpl_network_get_samples_per_step (const BplNetwork *self);
/* The samples step @step (from 0) takes, in order, into @samples
 * (get_samples_per_step of them). */
void           bpl_network_get_step_samples (const BplNetwork *self,
                                             guint64           step,
                                             guint            *samples);
BplUpdateOrder bpl_network_get_update_order (const BplNetwork *self);
void           bpl_network_set_update_order (BplNetwork *self, BplUpdateOrder order);
double         bpl_network_get_learning_rate (const BplNetwork *self);
void           bpl_network_set_learning_rate (BplNetwork *self, double eta);
BplRegularization bpl_network_get_regularization (const BplNetwork *self);
/* λ ≥ 0; 0 with any kind adds nothing. */
double         bpl_network_get_regularization_strength (const BplNetwork *self);
void           bpl_network_set_regularization (BplNetwork        *self,
                                               BplRegularization  kind,
                                               double             strength);
/* λ·R of the current weights (0 without regularisation). */
double         bpl_network_get_penalty    (const BplNetwork *self);
/* λ·∂R/∂w of one weight: λ·w (L2) or λ·sign(w) (L1, 0 at w = 0). */
double         bpl_network_get_penalty_gradient (const BplNetwork *self, guint weight);

/* The optimiser. Setting a different kind clears its state; new settings
 * of the same kind keep it, as changing torch.optim's hyperparameters
 * mid-training does. */
BplOptimizer   bpl_network_get_optimizer  (const BplNetwork *self);
void           bpl_network_get_optimizer_settings (const BplNetwork    *self,
                                                   BplOptimizerSettings *out);
void           bpl_network_set_optimizer_settings (BplNetwork                 *self,
                                                   const BplOptimizerSettings *settings);
/* The optimiser's state, part of the network (saved, copied, compared):
 * moment1 is the momentum's velocity v or Adam's m, moment2 Adam's v, each
 * n_weights values then n_biases; t counts Adam's steps since the state
 * was cleared (momentum needs no count). All 0 for SGD and after a reset. */
const double  *bpl_network_get_optimizer_moment1 (const BplNetwork *self);
const double  *bpl_network_get_optimizer_moment2 (const BplNetwork *self);
guint64        bpl_network_get_optimizer_step    (const BplNetwork *self);
/* Sets the state: @moment1 and @moment2 (n_weights + n_biases each, NULL
 * for zeros) and t. */
void           bpl_network_set_optimizer_state   (BplNetwork   *self,
                                                  guint64       t,
                                                  const double *moment1,
                                                  const double *moment2);
/* TRUE when the state holds anything: a step would not start afresh. */
gboolean       bpl_network_has_optimizer_state   (const BplNetwork *self);
/* Clears the state (velocities, moments, t), as a new optimiser would. */
void           bpl_network_reset_optimizer       (BplNetwork *self);

/* Parameters */
const double  *bpl_network_get_weights    (const BplNetwork *self);
const double  *bpl_network_get_biases     (const BplNetwork *self);
double         bpl_network_get_weight     (const BplNetwork *self, guint weight);
void           bpl_network_set_weight     (BplNetwork *self, guint weight, double value);
double         bpl_network_get_bias       (const BplNetwork *self, guint bias);
void           bpl_network_set_bias       (BplNetwork *self, guint bias, double value);
double         bpl_network_get_param      (const BplNetwork *self, BplParam param);
void           bpl_network_set_param      (BplNetwork *self, BplParam param, double value);

/* Samples: inputs have get_n_inputs values, targets get_n_outputs. */
guint          bpl_network_get_n_samples  (const BplNetwork *self);
const double  *bpl_network_get_input      (const BplNetwork *self, guint sample);
const double  *bpl_network_get_target     (const BplNetwork *self, guint sample);
void           bpl_network_set_input      (BplNetwork *self, guint sample, guint i, double value);
void           bpl_network_set_target     (BplNetwork *self, guint sample, guint o, double value);
/* Appends a sample (copied); returns its index. */
guint          bpl_network_add_sample     (BplNetwork *self, const double *input, const double *target);
void           bpl_network_remove_sample  (BplNetwork *self, guint sample);
/* Replaces every sample: @n_samples (1 to BPL_MAX_SAMPLES) inputs and
 * targets, copied, laid out sample after sample. */
void           bpl_network_set_samples    (BplNetwork   *self,
                                           const double *inputs,
                                           const double *targets,
                                           guint         n_samples);

/* Test samples: held out from training, so that the test error shows how
 * well the network does on data it never learned from. Same shape as the
 * samples; there may be none (0 to BPL_MAX_SAMPLES). Training never reads
 * them. */
guint          bpl_network_get_n_test_samples (const BplNetwork *self);
const double  *bpl_network_get_test_input     (const BplNetwork *self, guint sample);
const double  *bpl_network_get_test_target    (const BplNetwork *self, guint sample);
void           bpl_network_set_test_input     (BplNetwork *self, guint sample, guint i, double value);
void           bpl_network_set_test_target    (BplNetwork *self, guint sample, guint o, double value);
/* Appends a test sample (copied); returns its index. */
guint          bpl_network_add_test_sample    (BplNetwork   *self,
                                               const double *input,
                                               const double *target);
void           bpl_network_remove_test_sample (BplNetwork *self, guint sample);
/* Replaces every test sample; @n_samples may be 0 (none). */
void           bpl_network_set_test_samples   (BplNetwork   *self,
                                               const double *inputs,
                                               const double *targets,
                                               guint         n_samples);

/* Training steps taken since load or reset: the k of the next step's
 * samples (k·b + j) mod S. */
guint64        bpl_network_get_steps      (const BplNetwork *self);
void           bpl_network_set_steps      (BplNetwork *self, guint64 steps);
/* The first sample the next step uses (the one, online). */
guint          bpl_network_get_current_sample (const BplNetwork *self);

/* The path set of @param: every neuron, weight and bias on a chain from the
 * parameter to an output error, plus the parameter itself. With a softmax
 * output layer that is every output: each output's net reaches every
 * output. Caller arrays of n_neurons, n_weights and n_biases are
 * overwritten. */
void           bpl_network_get_path_set   (const BplNetwork *self,
                                           BplParam          param,
                                           gboolean         *neuron_on_path,
                                           gboolean         *weight_on_path,
                                           gboolean         *bias_on_path);

/* Checks what the numbers must satisfy (all finite and within
 * ±BPL_MAX_ABS_VALUE, softmax only in the output layer and its targets in
 * [0, 1] summing to 1, cross-entropy needs sigmoid or softmax outputs and
 * targets in [0, 1], the optimiser's settings in range and its state
 * finite, output-first update order with SGD only). The error names the
 * value, e.g. "w5 is 3e+12, beyond ±1e+09". */
gboolean       bpl_network_check          (const BplNetwork *self, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplNetwork, bpl_network_free)

G_END_DECLS

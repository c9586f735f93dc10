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

typedef enum {
  BPL_ACTIVATION_SIGMOID,
  BPL_ACTIVATION_TANH,
  BPL_ACTIVATION_RELU,
  BPL_ACTIVATION_LINEAR,
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

typedef enum {
  BPL_TRAINING_ONLINE,
  BPL_TRAINING_BATCH,
} BplTrainingMode;

typedef enum {
  BPL_UPDATE_SIMULTANEOUS,
  BPL_UPDATE_OUTPUT_FIRST,
} BplUpdateOrder;

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
/* TRUE when shape, settings, parameters and samples are identical. */
gboolean       bpl_network_equal          (const BplNetwork *a,
                                           const BplNetwork *b);
/* TRUE when both have the same layer sizes and bias mode, so that a
 * workspace made for one serves the other. */
gboolean       bpl_network_same_shape     (const BplNetwork *a,
                                           const BplNetwork *b);

const char    *bpl_network_get_name       (const BplNetwork *self);
void           bpl_network_set_name       (BplNetwork *self, const char *name);

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
void           bpl_network_set_training   (BplNetwork *self, BplTrainingMode mode);
BplUpdateOrder bpl_network_get_update_order (const BplNetwork *self);
void           bpl_network_set_update_order (BplNetwork *self, BplUpdateOrder order);
double         bpl_network_get_learning_rate (const BplNetwork *self);
void           bpl_network_set_learning_rate (BplNetwork *self, double eta);

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

/* Training steps taken since load or reset; online training uses sample
 * (steps mod n_samples). */
guint64        bpl_network_get_steps      (const BplNetwork *self);
void           bpl_network_set_steps      (BplNetwork *self, guint64 steps);
/* The sample the next online step uses. */
guint          bpl_network_get_current_sample (const BplNetwork *self);

/* The path set of @param: every neuron, weight and bias on a chain from the
 * parameter to an output error, plus the parameter itself. Caller arrays of
 * n_neurons, n_weights and n_biases are overwritten. */
void           bpl_network_get_path_set   (const BplNetwork *self,
                                           BplParam          param,
                                           gboolean         *neuron_on_path,
                                           gboolean         *weight_on_path,
                                           gboolean         *bias_on_path);

/* Checks what the numbers must satisfy (all finite and within
 * ±BPL_MAX_ABS_VALUE, cross-entropy needs sigmoid outputs and targets in
 * [0, 1]). The error names the value, e.g. "w5 is 3e+12, beyond ±1e+09". */
gboolean       bpl_network_check          (const BplNetwork *self, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplNetwork, bpl_network_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-derivation.h: the chain rule of one parameter, worked out as the
 * worked example does it.
 *
 * For a parameter p and one sample: ∂E_total/∂p is the sum, over every chain
 * of neurons from p to an output error, of the product of the chain-rule
 * factors along it (∂net_h2/∂w3 · ∂out_h2/∂net_h2 · ∂net_o1/∂out_h2 ·
 * ∂out_o1/∂net_o1 · ∂E_o1/∂out_o1). Each factor carries its symbol, formula,
 * the numbers substituted and its value. The same gradient in factored form
 * uses error terms δ = ∂E_total/∂net. The path set (neurons, weights, biases,
 * outputs) is what a diagram highlights.
 *
 * A softmax output layer couples the outputs: net_o1 changes every out_ok,
 * so a chain that reaches net_o1 goes on to every output's error through
 * a softmax factor ∂out_ok/∂net_o1 = out_ok(δ_kj − out_o1) (δ_kj here is
 * 1 when k = j, else 0). Such a path ends "… → o1 → o2" (net_o1 → out_o2),
 * or "… → o1" when k = j. */
#pragma once

#include <glib.h>

#include "bpl-expr.h"
#include "bpl-network.h"

G_BEGIN_DECLS

/* Paths beyond this many are counted but not enumerated. */
#define BPL_DERIVATION_MAX_PATHS 256

typedef enum {
  BPL_FACTOR_NET_WRT_PARAM,  /* ∂net_h2/∂w3 = i1, ∂net_h1/∂b1 = 1 */
  BPL_FACTOR_OUT_WRT_NET,    /* ∂out_h2/∂net_h2 = out_h2(1 - out_h2) */
  BPL_FACTOR_NET_WRT_OUT,    /* ∂net_o1/∂out_h2 = w6 */
  BPL_FACTOR_ERROR_WRT_OUT,  /* ∂E_o1/∂out_o1 = out_o1 - target_o1 */
  BPL_FACTOR_SOFTMAX,        /* ∂out_o2/∂net_o1 = −out_o2·out_o1, ∂out_o1/∂net_o1 = out_o1(1 − out_o1) */
} BplFactorKind;

typedef struct {
  BplFactorKind kind;
  BplExpr  *symbol;        /* ∂net_h2/∂w3 */
  BplExpr  *expansion;     /* ∂(i1·w3 + i2·w4 + b1·1)/∂w3, or NULL */
  BplExpr  *formula;       /* i1 */
  BplExpr  *substitution;  /* the formula with numbers in, or NULL when it is one value */
  double    value;
  char     *description;   /* "how much the total net input of h2 changes with respect to w3" */
  gint      neuron;        /* the neuron this factor belongs to, for hover highlight */
  gint      weight;        /* the weight it comes from (NET_WRT_OUT, NET_WRT_PARAM of a weight), or -1 */
  gint      net_neuron;    /* SOFTMAX: the output whose net it differentiates by (o1 in ∂out_o2/∂net_o1); else -1 */
} BplFactor;

typedef struct {
  guint      output;       /* global neuron number of the output */
  guint     *neurons;      /* the chain from the parameter's target neuron to the output (through a
                            * second output first when a softmax couples them) */
  guint      n_neurons;
  BplFactor *factors;
  guint      n_factors;
  BplExpr   *symbol;       /* ∂E_o1/∂w3 */
  double     product;
} BplPath;

/* δ_n = ∂E_total/∂net_n for a neuron on the path set. */
typedef struct {
  guint     neuron;
  BplExpr  *symbol;        /* δ_h2 */
  BplExpr  *formula;       /* (w6·δ_o1 + w8·δ_o2)·out_h2(1 - out_h2) */
  BplExpr  *substitution;
  double    value;
} BplDelta;

typedef enum {
  BPL_STEP_SOFTMAX_COLLAPSE, /* before the error terms: why softmax with cross-entropy gives δ = out − target */
  BPL_STEP_REGULARIZATION,   /* after the gradient: the weight's own term λ·w or λ·sign(w) */
  BPL_STEP_BATCH,            /* the gradient the next training step uses: the mean over its samples */
  BPL_STEP_OPTIMIZER,        /* the optimiser's state (velocity, moments) before the new value */
} BplStepKind;

/* A line of working beyond the chain rule: a heading, a sentence that says
 * why, and expressions that are all equal, ending in @value. Shown in
 * order, each kind where its comment says. */
typedef struct {
  BplStepKind kind;
  char     *title;
  char     *description;   /* or NULL */
  BplExpr **chain;         /* joined by " = " */
  guint     n_chain;
  double    value;
  gint      neuron;        /* the neuron it concerns, for hover highlight, or -1 */
} BplDerivationStep;

typedef struct {
  BplParam  param;
  char     *name;          /* "w3" */
  gint      source;        /* weight: source neuron; bias: -1 */
  gint      target;        /* weight: target neuron; bias fed to one neuron: it; shared bias: -1 */
  guint     sample;
  double    value;
  double    learning_rate;
  double    gradient;      /* ∂E_total/∂p for this sample: the paths' sum */
  double    new_value;     /* p after the next training step (p − η·∂E_total/∂p for plain online training) */
  double    numerical_gradient; /* central finite difference, for checking */

  BplExpr  *gradient_symbol;  /* ∂E_total/∂w3 */
  BplExpr  *sum;              /* ∂E_o1/∂w3 + ∂E_o2/∂w3 */
  BplExpr  *update;           /* w3⁺ = w3 - η·∂E_total/∂w3, or the optimiser's (w3 − η·m̂_w3/(√v̂_w3 + ε)) */
  BplExpr  *update_substitution; /* 0.25 - 0.5·0.00049771273 */

  BplPath  *paths;
  guint     n_paths;
  guint64   n_paths_total;    /* > n_paths when enumeration was capped */
  gboolean  paths_truncated;

  BplDelta *deltas;           /* for every neuron on the path set, output layer first */
  guint     n_deltas;
  BplExpr  *factored;         /* δ_h2·i1 (or δ_h1·1 + δ_h2·1 for a shared bias) */
  BplExpr  *factored_substitution; /* the same with numbers: 0.0099542547·0.05 */

  /* The path set, sized like the network's neurons, weights, biases. */
  gboolean *neuron_on_path;
  gboolean *weight_on_path;
  gboolean *bias_on_path;
  guint     n_neurons;
  guint     n_weights;
  guint     n_biases;

  BplDerivationStep *steps;   /* in the order shown */
  guint     n_steps;

  /* Regularisation: the penalty λ·R adds λ·∂R/∂p to the gradient. */
  double    penalty_gradient;    /* λ·w (L2), λ·sign(w) (L1); 0 for a bias or without regularisation */
  double    objective_gradient;  /* ∂(E_total + λ·R)/∂p = gradient + penalty_gradient */
  double    numerical_objective_gradient; /* numerical_gradient plus the penalty's own central difference */

  /* The next training step, k = the network's steps: the samples it takes
   * and ∂E_total/∂p on each; their mean plus penalty_gradient is the
   * gradient g its update uses. */
  guint64   step;
  guint    *batch_samples;
  double   *batch_gradients;
  guint     n_batch;
  double    step_gradient;
} BplDerivation;

BplDerivation *bpl_derivation_new  (const BplNetwork *network,
                                    BplParam          param,
                                    guint             sample,
                                    GError          **error);
/* As bpl_derivation_new, enumerating at most @max_paths paths (capped at
 * BPL_DERIVATION_MAX_PATHS; 0 for none): the gradient, the δ form and
 * n_paths_total stay complete, and a view that shows a few chains does not
 * pay for thousands. */
BplDerivation *bpl_derivation_new_full (const BplNetwork *network,
                                        BplParam          param,
                                        guint             sample,
                                        guint             max_paths,
                                        GError          **error);
void           bpl_derivation_free (BplDerivation *self);

/* The forward computation of one neuron (net = Σ w·in + b, out = f(net)). */
typedef struct {
  guint     neuron;
  BplExpr  *net_formula;       /* net_h1 = w1·i1 + w2·i2 + b1·1 */
  BplExpr  *net_substitution;  /* 0.15·0.05 + 0.2·0.1 + 0.35·1 */
  double    net;
  BplExpr  *out_formula;       /* out_h1 = 1/(1 + e^(-net_h1)) */
  BplExpr  *out_substitution;
  double    out;
  gboolean *weight_in;         /* the weights that feed it, for highlighting */
  guint     n_weights;
  gint      bias;              /* its bias, or -1 */
} BplNeuronComputation;

BplNeuronComputation *bpl_neuron_computation_new  (const BplNetwork *network,
                                                   guint             neuron,
                                                   guint             sample);
void                  bpl_neuron_computation_free (BplNeuronComputation *self);

typedef enum {
  BPL_REPORT_TEXT,
  BPL_REPORT_MARKDOWN,
  BPL_REPORT_LATEX,
} BplReportFormat;

/* The worked example's numbered steps: the sum over outputs, each output's
 * chain, each factor with description, formula, numbers and value, the
 * gradient and the new value. Numbers at @digits significant digits. */
char          *bpl_derivation_to_report (const BplDerivation *self,
                                         const BplNetwork    *network,
                                         BplReportFormat      format,
                                         int                  digits);

/* When a training step does not move the parameter to new_value (a bias
 * while update_biases is off, or a weight or bias below the output layer
 * while the output layer is updated first), one sentence that says so and
 * leads into the update formula ("…; if they were, b1⁺ would be:"), with
 * names and numbers in @style. NULL when the step does what the formula
 * says. Every output (report, panel, worksheet, CLI) says it in these words. */
char          *bpl_derivation_dup_update_note (const BplDerivation *self,
                                               const BplNetwork    *network,
                                               BplExprStyle         style,
                                               int                  digits);
/* A path's route from the parameter, as every output names it:
 * "w3 → h2 → o1" (render it in any style). */
BplExpr       *bpl_derivation_path_route (const BplDerivation *self,
                                          const BplNetwork    *network,
                                          const BplPath       *path);
/* FALSE when a training step leaves the parameter as it is. */
gboolean       bpl_derivation_update_is_applied (const BplDerivation *self,
                                                 const BplNetwork    *network);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplDerivation, bpl_derivation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplNeuronComputation, bpl_neuron_computation_free)

G_END_DECLS

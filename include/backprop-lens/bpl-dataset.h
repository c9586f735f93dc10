/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-dataset.h: data sets for a network: built-in generators of 2-D
 * problems (and a 1-D curve), a seeded split into training and test points,
 * and putting a data set into a network's samples and test samples.
 *
 * Generated inputs lie in [−1, 1] (each coordinate). Classification kinds
 * give target 1 for class 1 and 0 for class 0, or with one-hot two targets,
 * (1, 0) for class 0 and (0, 1) for class 1. Generation uses BplRandom, so
 * a seed gives the same points again, on any machine; only the C library's
 * sin, cos and log, which some kinds use, might differ in the last bit
 * between systems. */
#pragma once

#include <glib.h>

#include "bpl-network.h"

G_BEGIN_DECLS

/* Points in a data set, training and test together. */
#define BPL_DATASET_MAX_POINTS BPL_MAX_SAMPLES

typedef enum {
  BPL_DATASET_CIRCLE,   /* class 1 inside a circle of radius 0.5, class 0 in a ring 0.7 to 1 */
  BPL_DATASET_XOR,      /* class 1 where x and y have opposite signs */
  BPL_DATASET_GAUSS,    /* two Gaussian clouds: class 1 about (0.4, 0.4), class 0 about (−0.4, −0.4) */
  BPL_DATASET_SPIRAL,   /* two interleaved spiral arms */
  BPL_DATASET_PLANE,    /* regression: z = (x + y) / 2 */
  BPL_DATASET_SINE,     /* regression, one input: y = sin(πx) */
} BplDatasetKind;

const char *bpl_dataset_kind_to_string   (BplDatasetKind kind);
gboolean    bpl_dataset_kind_from_string (const char *str, BplDatasetKind *out);
/* 2, or 1 for sine. */
guint       bpl_dataset_kind_get_n_inputs (BplDatasetKind kind);
gboolean    bpl_dataset_kind_is_classification (BplDatasetKind kind);

typedef struct {
  BplDatasetKind kind;
  guint    n_points;       /* 1 to BPL_DATASET_MAX_POINTS, training and test together */
  double   noise;          /* 0 (none) to 1 (a lot); what it does depends on the kind */
  double   test_fraction;  /* 0 ≤ f < 1: this share of the points is held out as test samples */
  guint64  seed;
  gboolean one_hot;        /* classification only: two targets instead of one */
} BplDatasetOptions;

/* Read-only after it is made; free with bpl_dataset_free(). */
typedef struct {
  char     *name;            /* "Spiral", or the CSV file's name without extension */
  guint     n_inputs;
  guint     n_targets;
  char    **input_names;     /* n_inputs (NULL-terminated): "x", "y", or CSV column names */
  char    **target_names;    /* n_targets (NULL-terminated): "class", "z", a CSV column, or the class
                              * of each one-hot target */
  gboolean  classification;  /* every target is 0 or 1 */
  guint     n_samples;       /* training points */
  double   *inputs;          /* n_samples × n_inputs */
  double   *targets;         /* n_samples × n_targets */
  guint     n_test_samples;  /* held-out points */
  double   *test_inputs;     /* n_test_samples × n_inputs */
  double   *test_targets;    /* n_test_samples × n_targets */
} BplDataset;

/* circle, 200 points, no noise, no test points, seed 1, one target. */
void        bpl_dataset_options_init (BplDatasetOptions *options);
/* Generates a data set and splits it. Refuses options out of range, and
 * one-hot for a regression kind, with BPL_ERROR_INVALID. */
BplDataset *bpl_dataset_generate     (const BplDatasetOptions *options,
                                      GError                 **error);

/* An empty data set with these names (copied; NULL for "x1"…, "t1"…). */
BplDataset *bpl_dataset_new          (const char        *name,
                                      guint              n_inputs,
                                      guint              n_targets,
                                      const char *const *input_names,
                                      const char *const *target_names);
void        bpl_dataset_free         (BplDataset *self);
/* Appends a training point (copied). */
void        bpl_dataset_add          (BplDataset   *self,
                                      const double *input,
                                      const double *target);
/* Moves round(@test_fraction · n_samples) training points, picked at random
 * from @seed, to the test points; both keep their order. Refuses a
 * fraction outside [0, 1) or one that would leave no training point. */
gboolean    bpl_dataset_split        (BplDataset  *self,
                                      double       test_fraction,
                                      guint64      seed,
                                      GError     **error);

/* TRUE when @network takes n_inputs inputs and gives n_targets outputs;
 * otherwise an error that says what each has. */
gboolean    bpl_dataset_fits         (const BplDataset *self,
                                      const BplNetwork *network,
                                      GError          **error);
/* Makes the data set's points @network's samples and test samples. The
 * network is left as it was if they do not fit it, break a limit (1 to
 * BPL_MAX_SAMPLES samples, at most BPL_MAX_SAMPLES test samples) or break
 * a rule bpl_network_check() enforces (cross-entropy targets in [0, 1]…). */
gboolean    bpl_dataset_apply        (const BplDataset *self,
                                      BplNetwork       *network,
                                      GError          **error);
/* A network that suits the data: n_inputs-4-4-n_targets, tanh hidden
 * layers, per-neuron biases that train, online training; sigmoid outputs
 * with cross-entropy for classification, linear outputs with squared error
 * otherwise; Glorot-uniform weights from @seed, biases 0. Its samples are
 * the data set's. */
BplNetwork *bpl_dataset_new_network  (const BplDataset *self,
                                      guint64           seed,
                                      GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplDataset, bpl_dataset_free)

G_END_DECLS

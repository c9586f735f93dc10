/* SPDX-License-Identifier: GPL-3.0-or-later */
/* diagram-test-util.h: networks of any shape for the diagram tests. */
#pragma once

#include "backprop-lens-diagram.h"

G_BEGIN_DECLS

/* A network of @layers with weights and biases from a fixed-seed generator
 * in [-1, 1] (both signs), inputs and targets in [0, 1]. */
BplNetwork *diagram_test_network (const guint *layers,
                                  guint        n_layers,
                                  BplBiasMode  bias_mode,
                                  guint32      seed);

G_END_DECLS

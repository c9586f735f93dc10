/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bpl-forward.h"
#include "bpl-network.h"

G_BEGIN_DECLS

/* δ = ∂E_total/∂net of every neuron for the sample @forward was computed on
 * (newly allocated, n_neurons; inputs 0). */
double *bpl_network_deltas (const BplNetwork *network, const BplForward *forward, guint sample);

G_END_DECLS

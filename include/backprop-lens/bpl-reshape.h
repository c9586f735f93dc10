/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-reshape.h: a network of a new shape made from an old one, for the
 * architecture editor. Pure data, no GTK, so it is tested on its own.
 *
 * Each new layer names the old layer it continues (or -1 for a new layer).
 * A weight whose two neurons continue old neurons of adjacent old layers
 * keeps its value; so does the bias of a neuron that continues an old one.
 * Everything else is drawn uniformly from [-0.5, 0.5], in weight then bias
 * order, from one random sequence per edit. That sequence starts from
 * @seed together with the old network (its shape and every value) and the
 * new shape: the same edit of the same network with the same seed gives
 * the same numbers, and each new weight gets a number of its own. A
 * sequence started from @seed alone would restart at every edit, so two
 * neurons added one after the other would get the same weights, and the
 * symmetry that random starts exist to break would stay.
 * Settings, η, steps and samples are kept (inputs and targets cut or
 * padded with 0). */
#pragma once

#include "bpl-network.h"

G_BEGIN_DECLS

#define BPL_RESHAPE_INIT_RANGE 0.5

BplNetwork *bpl_reshape_network (const BplNetwork *old,
                                 const guint      *sizes,
                                 const gint       *old_layer_of,
                                 guint             n_layers,
                                 BplBiasMode       bias_mode,
                                 guint32           seed,
                                 GError          **error);

/* Every weight and bias drawn afresh from the seed. */
void        bpl_reshape_randomize (BplNetwork *network,
                                   guint32     seed);

G_END_DECLS

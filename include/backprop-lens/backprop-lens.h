/* SPDX-License-Identifier: GPL-3.0-or-later */
/* backprop-lens.h: the core layer (no Cairo, no GTK). */
#pragma once

#include "bpl-csv.h"
#include "bpl-dataset.h"
#include "bpl-check.h"
#include "bpl-derivation.h"
#include "bpl-error.h"
#include "bpl-expr.h"
#include "bpl-file.h"
#include "bpl-forward.h"
#include "bpl-graph.h"
#include "bpl-lesson.h"
#include "bpl-heatmap.h"
#include "bpl-network.h"
#include "bpl-reshape.h"
#include "bpl-random.h"
#include "bpl-trace.h"
#include "bpl-training.h"
#include "bpl-variants.h"

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* backprop-lens-diagram.h: the diagram layer (Cairo, PangoCairo; no GTK). */
#pragma once

#include "backprop-lens.h"
#include "bpl-animation.h"
#include "bpl-data-view.h"
#include "bpl-diagram-fonts.h"
#include "bpl-graph-view.h"
#include "bpl-layout.h"
#include "bpl-matrix.h"
#include "bpl-render.h"
#include "bpl-worksheet.h"

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-derivation-panel.h: the worked example's table for the selected weight
 * or bias, or the forward computation of the selected neuron. */
#pragma once

#include <adwaita.h>

#include "bpl-view.h"

G_BEGIN_DECLS

#define BPL_TYPE_DERIVATION_PANEL (bpl_derivation_panel_get_type ())
G_DECLARE_FINAL_TYPE (BplDerivationPanel, bpl_derivation_panel, BPL, DERIVATION_PANEL, BplView)

/* Significant digits of every number. */
void       bpl_derivation_panel_set_digits   (BplDerivationPanel *self,
                                              int                 digits);
int        bpl_derivation_panel_get_digits   (BplDerivationPanel *self);
/* Everything shown, as plain text (labels' text, one per line). */
char      *bpl_derivation_panel_dup_text     (BplDerivationPanel *self);

G_END_DECLS

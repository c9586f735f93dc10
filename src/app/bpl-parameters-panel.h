/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-parameters-panel.h: inputs, targets, η, weights by layer and biases,
 * each editable in a spin button. */
#pragma once

#include <adwaita.h>

#include "bpl-view.h"

G_BEGIN_DECLS

#define BPL_TYPE_PARAMETERS_PANEL (bpl_parameters_panel_get_type ())
G_DECLARE_FINAL_TYPE (BplParametersPanel, bpl_parameters_panel, BPL, PARAMETERS_PANEL, BplView)

/* Decimals shown in the spin buttons. */
void           bpl_parameters_panel_set_digits   (BplParametersPanel *self,
                                                  guint               digits);
/* The spin button of "w3", "b1", "i1", "target_o1" or "eta", or NULL;
 * builds the rows if the page has not been shown yet. */
GtkSpinButton *bpl_parameters_panel_get_spin     (BplParametersPanel *self,
                                                  const char         *name);
/* TRUE once the rows are built for the current network (the page has been
 * shown, or a spin button asked for). */
gboolean       bpl_parameters_panel_get_built    (BplParametersPanel *self);
/* Why the last typed value was refused ("w3: 1e12 is beyond ±1e9"), or
 * NULL once a value has gone in. */
const char    *bpl_parameters_panel_get_refusal  (BplParametersPanel *self);

G_END_DECLS

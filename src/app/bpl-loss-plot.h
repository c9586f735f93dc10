/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-loss-plot.h: mean E_total against training step, drawn with Cairo.
 * "log-scale" follows the session's. */
#pragma once

#include "bpl-view.h"

G_BEGIN_DECLS

#define BPL_TYPE_LOSS_PLOT (bpl_loss_plot_get_type ())
G_DECLARE_FINAL_TYPE (BplLossPlot, bpl_loss_plot, BPL, LOSS_PLOT, BplView)

void         bpl_loss_plot_set_log_scale (BplLossPlot *self,
                                          gboolean     log_scale);
gboolean     bpl_loss_plot_get_log_scale (BplLossPlot *self);
/* The y-axis tick labels as last drawn (NULL before the first frame), and
 * the left edge of the widest, in widget coordinates. */
/* TRUE when the plot draws the objective E + λ·R beside the data error E,
 * with a legend: a penalty is on, or was in the series plotted. */
gboolean            bpl_loss_plot_shows_objective (BplLossPlot *self);
const char * const *bpl_loss_plot_get_drawn_labels (BplLossPlot *self,
                                                    double      *leftmost);

G_END_DECLS

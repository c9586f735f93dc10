/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-data-view-private.h: what the data view's layout and render share. */
#pragma once

#include "bpl-data-view.h"

G_BEGIN_DECLS

/* The shown output's colour scale (see BplDataViewLayout.value_min). */
void  _bpl_data_view_value_scale (const BplNetwork *network,
                                  guint             output,
                                  double           *lo,
                                  double           *hi);
/* A number on an axis with a tick every @step: "−0.5", "1". */
char *_bpl_data_view_tick_text   (double value,
                                  double step);

G_END_DECLS

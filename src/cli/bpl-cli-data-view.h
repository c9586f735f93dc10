/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-cli-data-view.h: the data view's options on the command line. */
#pragma once

#include "backprop-lens-diagram.h"

G_BEGIN_DECLS

/* --show NAME|class and --discretize for @network into @options; prints an
 * error and returns FALSE for a name that is not an output. */
gboolean bpl_cli_data_view_options (const BplNetwork   *network,
                                    const char         *show,
                                    gboolean            discretize,
                                    BplDataViewOptions *options);

G_END_DECLS

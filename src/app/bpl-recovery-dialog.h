/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-recovery-dialog.h: the question after a crash, over a window. The
 * copies themselves are bpl-recovery.h's. */
#pragma once

#include <adwaita.h>

#include "bpl-window.h"

G_BEGIN_DECLS

/* Start-up: if @dir (NULL: the recovery directory) holds copies a crash
 * left behind, asks on @window whether to recover them and returns the
 * AdwMessageDialog (responses "recover", "discard"; closing it keeps the
 * copies for next time); NULL when there is nothing to offer. Recovering
 * opens the first copy in @window if its document is unmodified, the
 * others in new windows. */
GtkWidget *bpl_recovery_dialog_offer (BplWindow  *window,
                                      const char *dir);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-status-line.h: "E_total = 0.298371109 · step 0" under the diagram,
 * for the network shown, with a warning when the error overflowed. */
#pragma once

#include "bpl-view.h"

G_BEGIN_DECLS

#define BPL_TYPE_STATUS_LINE (bpl_status_line_get_type ())
G_DECLARE_FINAL_TYPE (BplStatusLine, bpl_status_line, BPL, STATUS_LINE, BplView)

/* "digits": significant digits of the error. */
void        bpl_status_line_set_digits (BplStatusLine *self,
                                        int            digits);
/* The text shown, and the warning icon (visible when the error is not a
 * finite number). */
const char *bpl_status_line_get_text    (BplStatusLine *self);
GtkWidget  *bpl_status_line_get_warning (BplStatusLine *self);
/* The next label's text. */
const char *bpl_status_line_get_next_text (BplStatusLine *self);

/* Which samples the next training step of @network takes, in words:
 * "Next step: samples 3, 4", "Next step: sample 2", "Next step: all 4
 * samples". */
char       *bpl_format_next_step_samples (const BplNetwork *network);

G_END_DECLS

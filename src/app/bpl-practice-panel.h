/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-practice-panel.h: practice mode's page of the side panel. The
 * selected parameter's derivation, step by step as the Derivation panel
 * works it out, with blanks for the learner to fill: each number is checked
 * when it is entered or the box is left, to the precision typed, and a
 * wrong one gets the checker's diagnosis beside it. A hint shows the next
 * step of the working; the score counts answers right first time and
 * hints. What is typed stays in the session (bpl-practice.h). */
#pragma once

#include "bpl-view.h"

G_BEGIN_DECLS

#define BPL_TYPE_PRACTICE_PANEL (bpl_practice_panel_get_type ())
G_DECLARE_FINAL_TYPE (BplPracticePanel, bpl_practice_panel, BPL, PRACTICE_PANEL, BplView)

/* For tests and accessibility: the answer box for the quantity named @name
 * (either spelling, "dout_h2/dnet_h2"), or NULL when it is not blank. */
GtkWidget  *bpl_practice_panel_get_entry     (BplPracticePanel *self,
                                              const char       *name);
/* The text beside it, as Pango markup: the diagnosis, or "" */
const char *bpl_practice_panel_get_feedback  (BplPracticePanel *self,
                                              const char       *name);
/* The hint shown for it, as markup, or "" */
const char *bpl_practice_panel_get_hint      (BplPracticePanel *self,
                                              const char       *name);
/* Whether it is marked right. */
gboolean    bpl_practice_panel_get_correct   (BplPracticePanel *self,
                                              const char       *name);
/* "3 of 9 right first time, 1 hint · 6 to go" */
const char *bpl_practice_panel_get_score     (BplPracticePanel *self);

G_END_DECLS

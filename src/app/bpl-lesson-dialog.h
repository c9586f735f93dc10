/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-lesson-dialog.h: Save as Lesson: the title and instructions for the
 * class, what the window selects and starts on opening, what it hides and
 * locks. Filled from the document's lesson, if any; "chosen" (a path, or
 * NULL to ask for one) when the teacher presses Save: the window then sets
 * the lesson and saves. */
#pragma once

#include <adwaita.h>

#include "bpl-session.h"

G_BEGIN_DECLS

#define BPL_TYPE_LESSON_DIALOG (bpl_lesson_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BplLessonDialog, bpl_lesson_dialog, BPL, LESSON_DIALOG, AdwWindow)

GtkWidget *bpl_lesson_dialog_new        (GtkWindow       *parent,
                                         BplSession      *session);
/* The lesson as chosen. */
BplLesson *bpl_lesson_dialog_dup_lesson (BplLessonDialog *self);
/* Fills the dialog's fields (tests; the dialog starts from the document's). */
void       bpl_lesson_dialog_set_lesson (BplLessonDialog *self,
                                         const BplLesson *lesson);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-lesson.h: a lesson a teacher puts into a network file: a title and
 * instructions for the class, the parameter selected on opening, the view,
 * parts of the window hidden, values locked against editing, and whether
 * practice mode starts.
 *
 *   "lesson": { "title": "w3 by hand", "instructions": "Work out …",
 *               "select": "w3", "view": "diagram",
 *               "hidden": ["train", "architecture"],
 *               "locked": ["weights", "biases"], "practice": true }
 *
 * A lesson never stops a network from opening: a field that is wrong is
 * left out with a warning that names it (bpl_network_get_load_warnings). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parts of the window a lesson can hide. */
typedef enum {
  BPL_LESSON_HIDE_TRAIN        = 1 << 0, /* Step, Play, Train, Reset */
  BPL_LESSON_HIDE_ARCHITECTURE = 1 << 1, /* Network Architecture… */
  BPL_LESSON_HIDE_DERIVATION   = 1 << 2, /* the Derivation panel */
  BPL_LESSON_HIDE_PARAMETERS   = 1 << 3, /* the Parameters panel */
  BPL_LESSON_HIDE_LOSS_PLOT    = 1 << 4, /* the loss plot and timeline */
} BplLessonHidden;
#define BPL_LESSON_N_HIDDEN 5

/* Values a lesson locks against editing (panel, diagram, architecture
 * editor). */
typedef enum {
  BPL_LESSON_LOCK_WEIGHTS       = 1 << 0,
  BPL_LESSON_LOCK_BIASES        = 1 << 1,
  BPL_LESSON_LOCK_INPUTS        = 1 << 2,
  BPL_LESSON_LOCK_TARGETS       = 1 << 3,
  BPL_LESSON_LOCK_LEARNING_RATE = 1 << 4,
} BplLessonLocked;
#define BPL_LESSON_N_LOCKED 5

typedef enum {
  BPL_LESSON_VIEW_DEFAULT,  /* not given */
  BPL_LESSON_VIEW_DIAGRAM,
  BPL_LESSON_VIEW_MATRIX,   /* the weight matrix into the selection's layer */
  BPL_LESSON_VIEW_GRAPH,    /* the computational graph */
  BPL_LESSON_VIEW_DATA,     /* the diagram with the data view beside it */
} BplLessonView;

typedef struct {
  char          *title;        /* NULL: none */
  char          *instructions; /* NULL: none */
  char          *select;       /* "w3", "b1" or a neuron "h2"; NULL: none */
  BplLessonView  view;
  guint          hidden;       /* BplLessonHidden flags */
  guint          locked;       /* BplLessonLocked flags */
  gboolean       practice;
} BplLesson;

BplLesson  *bpl_lesson_new        (void);
BplLesson  *bpl_lesson_copy       (const BplLesson *self);
void        bpl_lesson_free       (BplLesson *self);
gboolean    bpl_lesson_equal      (const BplLesson *a,
                                   const BplLesson *b);

/* The file's names: "train", …, "loss-plot"; "weights", …, "learning-rate";
 * "diagram", "matrix". NULL for a flag that is not one. */
const char *bpl_lesson_hidden_to_string (BplLessonHidden part);
const char *bpl_lesson_locked_to_string (BplLessonLocked value);
const char *bpl_lesson_view_to_string   (BplLessonView   view);
/* Flag @index (0 … N − 1) */
BplLessonHidden bpl_lesson_hidden_nth   (guint index);
BplLessonLocked bpl_lesson_locked_nth   (guint index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplLesson, bpl_lesson_free)

G_END_DECLS

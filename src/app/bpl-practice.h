/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-practice.h: practice mode's state, kept by the session: whether it is
 * on, which quantities are blank, and what the learner typed for each
 * exercise (one parameter on one sample of one set of network values), so
 * that nothing typed is lost when the learner looks elsewhere and comes
 * back. Answers are judged by the core's checker (bpl-check.h). No GTK. */
#pragma once

#include <glib-object.h>

#include <backprop-lens/backprop-lens.h>

G_BEGIN_DECLS

/* What the learner chose to leave blank. */
typedef enum {
  BPL_PRACTICE_BLANK_FACTORS   = 1 << 0, /* every factor of the chain rule */
  BPL_PRACTICE_BLANK_PATHS     = 1 << 1, /* the product along each path */
  BPL_PRACTICE_BLANK_SUMS      = 1 << 2, /* the sums: per output, and ∂E_total/∂p */
  BPL_PRACTICE_BLANK_DELTAS    = 1 << 3, /* the error terms δ */
  BPL_PRACTICE_BLANK_NEW_VALUE = 1 << 4, /* p⁺ */
} BplPracticeBlanks;
#define BPL_PRACTICE_BLANK_ALL 0x1f

/* One answer box. */
typedef struct
{
  char       *text;        /* as typed, kept while the learner looks elsewhere */
  char       *judged;      /* the text last judged (a second leave judges nothing new) */
  gboolean    correct;
  gint        first;       /* the first verdict: -1 none yet, 0 wrong, 1 right */
  BplMistake  mistake;
  char       *feedback;    /* the diagnosis (or why the number cannot be read), markup */
  char       *feedback_text; /* the same, plain, for accessibility */
  guint       hints;       /* hints shown */
  char       *hint;        /* the last hint shown, markup */
} BplPracticeEntry;

typedef struct _BplPracticeExercise BplPracticeExercise;

const BplCheck   *bpl_practice_exercise_get_check (BplPracticeExercise *self);
/* The quantities in the order they are worked out: each path's factors
 * then its product, the sums per output, ∂E_total/∂p, the δs, p⁺. */
GPtrArray        *bpl_practice_exercise_dup_order (BplPracticeExercise *self);
BplPracticeEntry *bpl_practice_exercise_get_entry (BplPracticeExercise    *self,
                                                   const BplCheckQuantity *quantity);
/* Judges @text for @quantity (empty: clears the box). TRUE when
 * something changed (a new verdict, or a cleared box). */
gboolean          bpl_practice_exercise_submit    (BplPracticeExercise    *self,
                                                   const BplCheckQuantity *quantity,
                                                   const char             *text);
/* The next hint for @quantity, into its entry; FALSE when every hint was
 * shown already. */
gboolean          bpl_practice_exercise_hint      (BplPracticeExercise    *self,
                                                   const BplCheckQuantity *quantity,
                                                   int                     digits);
/* Over the blanks (@blanks of BplPracticeBlanks): how many there are,
 * are right now, were right at the first attempt, and the hints taken. */
void              bpl_practice_exercise_score     (BplPracticeExercise *self,
                                                   guint                blanks,
                                                   guint               *n_blanks,
                                                   guint               *n_correct,
                                                   guint               *n_first,
                                                   guint               *n_hints);

gboolean          bpl_practice_blank_kind         (guint        blanks,
                                                   BplCheckKind kind);
/* "7 of 9 right first time, 2 hints" */
char             *bpl_practice_format_score       (guint n_blanks,
                                                   guint n_first,
                                                   guint n_hints);

#define BPL_TYPE_PRACTICE (bpl_practice_get_type ())
G_DECLARE_FINAL_TYPE (BplPractice, bpl_practice, BPL, PRACTICE, GObject)

BplPractice         *bpl_practice_new          (void);
/* "active": practice mode is on. */
gboolean             bpl_practice_get_active   (BplPractice *self);
void                 bpl_practice_set_active   (BplPractice *self,
                                                gboolean     active);
/* "blanks": BplPracticeBlanks, all by default. */
guint                bpl_practice_get_blanks   (BplPractice *self);
void                 bpl_practice_set_blanks   (BplPractice *self,
                                                guint        blanks);
/* The exercise for @param on @sample of @network as it is now: the same
 * one again while the values are the same. NULL with an error when the
 * checker refuses it. Making a new one forgets those nothing was typed
 * into (their pointers go). */
BplPracticeExercise *bpl_practice_get_exercise (BplPractice      *self,
                                                const BplNetwork *network,
                                                BplParam          param,
                                                guint             sample,
                                                GError          **error);
/* Every exercise of this session together. */
void                 bpl_practice_score        (BplPractice *self,
                                                guint       *n_blanks,
                                                guint       *n_first,
                                                guint       *n_hints);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-document-lesson.c: a document's lesson and the values it locks. */
#include "config.h"

#include "bpl-document.h"

#include <glib/gi18n.h>
#include <string.h>

const BplLesson *
bpl_document_get_lesson (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), NULL);
  return bpl_network_get_lesson (bpl_document_get_live_network (self));
}

void
bpl_document_set_lesson (BplDocument     *self,
                         const BplLesson *lesson)
{
  g_autoptr(BplNetwork) network = NULL;

  g_return_if_fail (BPL_IS_DOCUMENT (self));

  network = bpl_document_dup_network (self);
  bpl_network_set_lesson (network, lesson);
  /* The values stay as they are, so the locks cannot refuse it. */
  bpl_document_edit_network (self, g_steal_pointer (&network), NULL);
}

static const char *
locked_phrase (guint what)
{
  switch (what)
    {
    case BPL_LESSON_LOCK_WEIGHTS:
      return _("the weights");
    case BPL_LESSON_LOCK_BIASES:
      return _("the biases");
    case BPL_LESSON_LOCK_INPUTS:
      return _("the inputs");
    case BPL_LESSON_LOCK_TARGETS:
      return _("the targets");
    case BPL_LESSON_LOCK_LEARNING_RATE:
    default:
      return _("the learning rate");
    }
}

char *
bpl_document_dup_lock_message (BplDocument *self,
                               guint        what)
{
  const BplLesson *lesson;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), NULL);

  lesson = bpl_document_get_lesson (self);
  if (lesson == NULL || (lesson->locked & what) == 0)
    return NULL;
  if (lesson->title != NULL)
    /* Translators: the first %s is the lesson's title, the second "the weights" */
    return g_strdup_printf (_("The lesson “%s” locks %s: they stay as given"), lesson->title, locked_phrase (what));
  /* Translators: %s is "the weights" */
  return g_strdup_printf (_("This lesson locks %s: they stay as given"), locked_phrase (what));
}

static gboolean
same_doubles (const double *a,
              const double *b,
              gsize         n)
{
  return n == 0 || memcmp (a, b, n * sizeof (double)) == 0;
}

static gboolean
same_params (const BplNetwork *a,
             const BplNetwork *b,
             BplParamKind      kind)
{
  guint n = kind == BPL_PARAM_WEIGHT ? bpl_network_get_n_weights (a) : bpl_network_get_n_biases (a);

  if (n != (kind == BPL_PARAM_WEIGHT ? bpl_network_get_n_weights (b) : bpl_network_get_n_biases (b)))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      double x = bpl_network_get_param (a, (BplParam) { kind, i });
      double y = bpl_network_get_param (b, (BplParam) { kind, i });
      if (memcmp (&x, &y, sizeof x) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
same_samples (const BplNetwork *a,
              const BplNetwork *b,
              gboolean          inputs)
{
  guint width = inputs ? bpl_network_get_n_inputs (a) : bpl_network_get_n_outputs (a);

  if (bpl_network_get_n_samples (a) != bpl_network_get_n_samples (b)
      || width != (inputs ? bpl_network_get_n_inputs (b) : bpl_network_get_n_outputs (b)))
    return FALSE;
  for (guint s = 0; s < bpl_network_get_n_samples (a); s++)
    if (!same_doubles (inputs ? bpl_network_get_input (a, s) : bpl_network_get_target (a, s),
                       inputs ? bpl_network_get_input (b, s) : bpl_network_get_target (b, s), width))
      return FALSE;
  return TRUE;
}

gboolean
bpl_document_check_locks (BplDocument      *self,
                          const BplNetwork *network,
                          GError          **error)
{
  const BplNetwork *current;
  const BplLesson *lesson;
  guint changed = 0;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (network != NULL, FALSE);

  current = bpl_document_get_network (self);
  lesson = bpl_network_get_lesson (current);
  if (lesson == NULL || lesson->locked == 0)
    return TRUE;
  if (!same_params (current, network, BPL_PARAM_WEIGHT))
    changed |= BPL_LESSON_LOCK_WEIGHTS;
  if (!same_params (current, network, BPL_PARAM_BIAS))
    changed |= BPL_LESSON_LOCK_BIASES;
  if (!same_samples (current, network, TRUE))
    changed |= BPL_LESSON_LOCK_INPUTS;
  if (!same_samples (current, network, FALSE))
    changed |= BPL_LESSON_LOCK_TARGETS;
  if (bpl_network_get_learning_rate (current) != bpl_network_get_learning_rate (network))
    changed |= BPL_LESSON_LOCK_LEARNING_RATE;
  changed &= lesson->locked;
  for (guint i = 0; i < BPL_LESSON_N_LOCKED; i++)
    if (changed & bpl_lesson_locked_nth (i))
      {
        g_autofree char *message = bpl_document_dup_lock_message (self, bpl_lesson_locked_nth (i));
        g_set_error_literal (error, BPL_ERROR, BPL_ERROR_INVALID, message);
        return FALSE;
      }
  return TRUE;
}

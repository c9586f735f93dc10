/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-document.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#define MAX_UNDO 200
/* Undo steps beyond the newest give way when they hold more than this. */
#define UNDO_BUDGET_BYTES (64 * 1024 * 1024)
#define MAX_LOSS_POINTS 20000
/* Training history: full detail for the most recent steps, a thinned trace
 * (every k-th step, k doubling) beyond, within a memory budget. */
#define HISTORY_RECENT 1000
#define HISTORY_THINNED 1000
#define HISTORY_BUDGET_DOUBLES (4 * 1024 * 1024)

struct _BplDocument
{
  GObject parent_instance;

  BplNetwork *network;
  BplNetwork *saved;        /* as last loaded or saved: modified = differs */
  BplNetwork *pre_training; /* before the first step since the last edit */
  BplTrainer *trainer;
  BplForward *forward;
  BplForward *scratch;
  double *weight_gradient;
  double *bias_gradient;
  double mean_error;
  GFile *file;

  GPtrArray *undo;         /* UndoState, oldest first */
  GPtrArray *redo;
  gint64 last_edit_key;     /* consecutive edits of one value merge; -1 none */
  gboolean run_open;        /* the newest undo step is the Play run going on */

  double *previous_weights;
  double *previous_biases;
  gboolean has_previous;

  BplHit selection;
  BplHit hover;
  BplHit emphasis;
  guint sample;

  GArray *loss_steps;
  GArray *loss_values;

  /* Parameter values of every step, in bounded memory. */
  BplTrace *trace;
  /* Viewing a past entry: a network with its values, or NULL when live. */
  BplNetwork *view;
  guint view_index;
  gboolean skip_next_push;
};

G_DEFINE_FINAL_TYPE (BplDocument, bpl_document, G_TYPE_OBJECT)

/* One undo or redo step: the whole state to go back to. */
typedef struct
{
  BplNetwork *network;
  BplNetwork *pre_training;  /* its reset point, or NULL */
  /* An edit changes the history and the loss series only in their last
   * entry, which comes back with @network: NULL then. Training, Reset, going
   * on from a past step and a change of shape change more: a copy. */
  BplTrace *trace;
  GArray *loss_steps;
  GArray *loss_values;
  gsize size;                /* bytes held */
} UndoState;

static gsize
network_size (const BplNetwork *network)
{
  guint per_sample = bpl_network_get_n_inputs (network) + bpl_network_get_n_outputs (network);

  return 1024 + sizeof (double) * (2 * bpl_network_get_n_weights (network) + 2 * bpl_network_get_n_biases (network)
                                   + (gsize) bpl_network_get_n_samples (network) * per_sample);
}

static void
undo_state_update_size (UndoState *state)
{
  state->size = sizeof (UndoState) + network_size (state->network);
  if (state->pre_training != NULL)
    state->size += network_size (state->pre_training);
  if (state->trace != NULL)
    state->size += bpl_trace_get_size (state->trace)
                   + state->loss_steps->len * (sizeof (guint64) + sizeof (double));
}

static void
undo_state_free (UndoState *state)
{
  g_clear_pointer (&state->network, bpl_network_free);
  g_clear_pointer (&state->pre_training, bpl_network_free);
  g_clear_pointer (&state->trace, bpl_trace_free);
  g_clear_pointer (&state->loss_steps, g_array_unref);
  g_clear_pointer (&state->loss_values, g_array_unref);
  g_free (state);
}

enum
{
  NETWORK_REPLACED,
  CHANGED,
  STEPPED,
  SELECTION_CHANGED,
  HOVER_CHANGED,
  HISTORY_CONTINUED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gboolean
bpl_hit_equal (BplHit a,
               BplHit b)
{
  if (a.kind != b.kind)
    return FALSE;
  return a.kind == BPL_HIT_NONE || a.index == b.index;
}

static void
recompute (BplDocument *self)
{
  const BplNetwork *shown = self->view != NULL ? self->view : self->network;
  guint n_samples = bpl_network_get_n_samples (shown);

  if (self->sample >= n_samples)
    self->sample = n_samples > 0 ? n_samples - 1 : 0;
  bpl_network_gradient (shown, self->sample, self->forward,
                        self->weight_gradient, self->bias_gradient);
  self->mean_error = bpl_network_mean_error (shown, self->scratch);
}

static void
loss_truncate_to_current (BplDocument *self)
{
  guint64 steps = bpl_network_get_steps (self->network);
  guint n = self->loss_steps->len;

  while (n > 0 && g_array_index (self->loss_steps, guint64, n - 1) >= steps)
    n--;
  g_array_set_size (self->loss_steps, n);
  g_array_set_size (self->loss_values, n);
  g_array_append_val (self->loss_steps, steps);
  g_array_append_val (self->loss_values, self->mean_error);
}

static void
loss_append (BplDocument *self)
{
  guint64 steps = bpl_network_get_steps (self->network);
  guint n = self->loss_steps->len;

  if (n > 0 && g_array_index (self->loss_steps, guint64, n - 1) >= steps)
    {
      loss_truncate_to_current (self);
      return;
    }
  g_array_append_val (self->loss_steps, steps);
  g_array_append_val (self->loss_values, self->mean_error);

  if (self->loss_steps->len > MAX_LOSS_POINTS)
    {
      /* Keep every other point, and always the newest. */
      guint j = 0;

      for (guint i = 0; i < self->loss_steps->len; i += 2, j++)
        {
          g_array_index (self->loss_steps, guint64, j) = g_array_index (self->loss_steps, guint64, i);
          g_array_index (self->loss_values, double, j) = g_array_index (self->loss_values, double, i);
        }
      g_array_set_size (self->loss_steps, j);
      g_array_set_size (self->loss_values, j);
      if (g_array_index (self->loss_steps, guint64, j - 1) != steps)
        {
          g_array_append_val (self->loss_steps, steps);
          g_array_append_val (self->loss_values, self->mean_error);
        }
    }
}

/* History */

static void
history_clear (BplDocument *self)
{
  bpl_trace_reset (self->trace, bpl_network_get_n_weights (self->network) + bpl_network_get_n_biases (self->network));
}

/* Records the current values at the current step count. */
static void
history_record (BplDocument *self)
{
  bpl_trace_record (self->trace, bpl_network_get_steps (self->network),
                    bpl_network_get_weights (self->network), bpl_network_get_n_weights (self->network),
                    bpl_network_get_biases (self->network), bpl_network_get_n_biases (self->network));
}

/* Drops entries at or after the current step count, then records the
 * current values (after an edit, undo or reset). */
static void
history_truncate_to_current (BplDocument *self)
{
  bpl_trace_truncate (self->trace, bpl_network_get_steps (self->network));
  history_record (self);
}

guint
bpl_document_get_n_history (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), 0);
  return bpl_trace_get_length (self->trace);
}

guint64
bpl_document_get_history_step (BplDocument *self,
                               guint        index)
{
  guint64 step = 0;

  g_return_val_if_fail (index < bpl_document_get_n_history (self), 0);
  bpl_trace_get (self->trace, index, &step);
  return step;
}

double
bpl_document_get_history_value (BplDocument *self,
                                guint        index,
                                BplParam     param)
{
  guint64 step;
  const double *values;

  g_return_val_if_fail (index < bpl_document_get_n_history (self), 0);
  values = bpl_trace_get (self->trace, index, &step);
  if (param.kind == BPL_PARAM_WEIGHT)
    return values[param.index];
  return values[bpl_network_get_n_weights (self->network) + param.index];
}

static void
recompute (BplDocument *self);

gboolean
bpl_document_get_viewing_past (BplDocument *self)
{
  return self->view != NULL;
}

guint
bpl_document_get_view_index (BplDocument *self)
{
  return self->view != NULL ? self->view_index : bpl_document_get_n_history (self) - 1;
}

void
bpl_document_view_history (BplDocument *self,
                           guint        index)
{
  guint n;

  g_return_if_fail (BPL_IS_DOCUMENT (self));

  n = bpl_document_get_n_history (self);
  if (n == 0)
    return;
  index = MIN (index, n - 1);
  if (index == n - 1)
    {
      if (self->view == NULL)
        return;
      g_clear_pointer (&self->view, bpl_network_free);
    }
  else
    {
      guint64 step;
      const double *values = bpl_trace_get (self->trace, index, &step);
      guint nw = bpl_network_get_n_weights (self->network);
      guint nb = bpl_network_get_n_biases (self->network);

      if (self->view != NULL && self->view_index == index)
        return;
      if (self->view == NULL)
        self->view = bpl_network_copy (self->network);
      for (guint w = 0; w < nw; w++)
        bpl_network_set_weight (self->view, w, values[w]);
      for (guint b = 0; b < nb; b++)
        bpl_network_set_bias (self->view, b, values[nw + b]);
      bpl_network_set_steps (self->view, step);
      self->view_index = index;
    }
  self->has_previous = FALSE;
  recompute (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
push_undo (BplDocument *self,
           gboolean     keep_history);
static void
loss_truncate_to_current (BplDocument *self);

/* An edit or a step while a past step is shown continues from there: the
 * live network becomes that step (one undo step back to where it was). */
static void
continue_from_view (BplDocument *self)
{
  if (self->view == NULL)
    return;
  push_undo (self, TRUE);
  self->skip_next_push = TRUE;
  bpl_network_free (self->network);
  self->network = g_steal_pointer (&self->view);
  loss_truncate_to_current (self);
  history_truncate_to_current (self);
  g_signal_emit (self, signals[HISTORY_CONTINUED], 0, bpl_network_get_steps (self->network));
}

static void
bpl_document_finalize (GObject *object)
{
  BplDocument *self = BPL_DOCUMENT (object);

  g_clear_pointer (&self->network, bpl_network_free);
  g_clear_pointer (&self->saved, bpl_network_free);
  g_clear_pointer (&self->pre_training, bpl_network_free);
  g_clear_pointer (&self->trainer, bpl_trainer_free);
  g_clear_pointer (&self->forward, bpl_forward_free);
  g_clear_pointer (&self->scratch, bpl_forward_free);
  g_clear_pointer (&self->weight_gradient, g_free);
  g_clear_pointer (&self->bias_gradient, g_free);
  g_clear_pointer (&self->previous_weights, g_free);
  g_clear_pointer (&self->previous_biases, g_free);
  g_clear_object (&self->file);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->loss_steps, g_array_unref);
  g_clear_pointer (&self->loss_values, g_array_unref);
  g_clear_pointer (&self->trace, bpl_trace_free);
  g_clear_pointer (&self->view, bpl_network_free);

  G_OBJECT_CLASS (bpl_document_parent_class)->finalize (object);
}

static void
bpl_document_class_init (BplDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bpl_document_finalize;

  /* The network was replaced: its shape may differ. */
  signals[NETWORK_REPLACED] =
    g_signal_new ("network-replaced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Values, file or history state changed. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* One training step was taken: old → new can be shown. */
  signals[STEPPED] =
    g_signal_new ("stepped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[HOVER_CHANGED] =
    g_signal_new ("hover-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* An edit or a step while a past step was shown went on from there
   * (the argument: that step); the later steps were dropped. */
  signals[HISTORY_CONTINUED] =
    g_signal_new ("history-continued", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT64);
}

static void
bpl_document_init (BplDocument *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_state_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_state_free);
  self->loss_steps = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->loss_values = g_array_new (FALSE, FALSE, sizeof (double));
  self->trace = bpl_trace_new (1, HISTORY_BUDGET_DOUBLES, HISTORY_RECENT, HISTORY_THINNED);
  self->last_edit_key = -1;
  bpl_document_set_network (self, bpl_network_new_worked_example (), NULL);
}

BplDocument *
bpl_document_new (void)
{
  return g_object_new (BPL_TYPE_DOCUMENT, NULL);
}

const BplNetwork *
bpl_document_get_network (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), NULL);
  return self->view != NULL ? self->view : self->network;
}

const BplNetwork *
bpl_document_get_live_network (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), NULL);
  return self->network;
}

const BplForward *
bpl_document_get_forward (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), NULL);
  return self->forward;
}

const double *
bpl_document_get_weight_gradients (BplDocument *self)
{
  return self->weight_gradient;
}

const double *
bpl_document_get_bias_gradients (BplDocument *self)
{
  return self->bias_gradient;
}

double
bpl_document_get_mean_error (BplDocument *self)
{
  return self->mean_error;
}

/* Makes @network (taken) the live network, with a workspace of its shape;
 * the old one is the caller's. Returns TRUE when views must rebuild: the
 * shape or the number of samples changed. */
static gboolean
take_network (BplDocument *self,
              BplNetwork  *network,
              gboolean    *reshaped)
{
  gboolean same_shape = self->network != NULL && bpl_network_same_shape (self->network, network);
  gboolean structural = !same_shape
                        || bpl_network_get_n_samples (self->network) != bpl_network_get_n_samples (network);

  g_clear_pointer (&self->view, bpl_network_free);
  if (!same_shape)
    {
      guint nw = bpl_network_get_n_weights (network);
      guint nb = bpl_network_get_n_biases (network);

      g_clear_pointer (&self->trainer, bpl_trainer_free);
      g_clear_pointer (&self->forward, bpl_forward_free);
      g_clear_pointer (&self->scratch, bpl_forward_free);
      self->trainer = bpl_trainer_new (network);
      self->forward = bpl_forward_new (network);
      self->scratch = bpl_forward_new (network);
      g_free (self->weight_gradient);
      g_free (self->bias_gradient);
      g_free (self->previous_weights);
      g_free (self->previous_biases);
      self->weight_gradient = g_new0 (double, MAX (nw, 1));
      self->bias_gradient = g_new0 (double, MAX (nb, 1));
      self->previous_weights = g_new0 (double, MAX (nw, 1));
      self->previous_biases = g_new0 (double, MAX (nb, 1));
    }
  self->network = network;
  self->has_previous = FALSE;
  *reshaped = !same_shape;
  return structural;
}

/* Makes @network (taken) the live network after an edit: a new shape
 * starts a new history. */
static gboolean
adopt (BplDocument *self,
       BplNetwork  *network)
{
  BplNetwork *old = self->network;
  gboolean reshaped;
  gboolean structural = take_network (self, network, &reshaped);

  g_clear_pointer (&old, bpl_network_free);
  if (reshaped)
    {
      history_clear (self);
      history_record (self);
    }
  else
    history_truncate_to_current (self);
  return structural;
}

static gboolean hit_valid (BplDocument *self, BplHit hit);

/* After the shape or the samples changed: what no longer exists is no
 * longer selected, and views rebuild. */
static void
finish_structural (BplDocument *self)
{
  if (!hit_valid (self, self->selection))
    self->selection.kind = BPL_HIT_NONE;
  self->hover.kind = BPL_HIT_NONE;
  self->emphasis.kind = BPL_HIT_NONE;
  g_signal_emit (self, signals[NETWORK_REPLACED], 0);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
bpl_document_set_network (BplDocument *self,
                          BplNetwork  *network,
                          GFile       *file)
{
  g_return_if_fail (BPL_IS_DOCUMENT (self));
  g_return_if_fail (network != NULL);

  adopt (self, network);
  history_clear (self);
  history_record (self);
  g_clear_pointer (&self->saved, bpl_network_free);
  self->saved = bpl_network_copy (network);
  g_clear_pointer (&self->pre_training, bpl_network_free);
  g_set_object (&self->file, file);

  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->last_edit_key = -1;
  self->run_open = FALSE;
  self->skip_next_push = FALSE;
  self->selection.kind = BPL_HIT_NONE;
  self->hover.kind = BPL_HIT_NONE;
  self->emphasis.kind = BPL_HIT_NONE;
  self->sample = bpl_network_get_current_sample (network);

  recompute (self);
  g_array_set_size (self->loss_steps, 0);
  g_array_set_size (self->loss_values, 0);
  loss_append (self);

  g_signal_emit (self, signals[NETWORK_REPLACED], 0);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
bpl_document_load_file (BplDocument *self,
                        GFile       *file,
                        GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  gsize length = 0;
  BplNetwork *network;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  basename = g_file_get_basename (file);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return FALSE;
  if (length > BPL_FILE_MAX_SIZE)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT,
                   _("%s: the file is larger than %d MiB"), basename,
                   BPL_FILE_MAX_SIZE / (1024 * 1024));
      return FALSE;
    }
  network = bpl_network_load_from_data (contents, length, basename, error);
  if (network == NULL)
    return FALSE;
  bpl_document_set_network (self, network, file);
  return TRUE;
}

gboolean
bpl_document_save_file (BplDocument *self,
                        GFile       *file,
                        GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_IO, _("Only local files can be saved"));
      return FALSE;
    }
  if (!bpl_network_save_to_file (self->network, path, error))
    return FALSE;

  g_clear_pointer (&self->saved, bpl_network_free);
  self->saved = bpl_network_copy (self->network);
  g_set_object (&self->file, file);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

GFile *
bpl_document_get_file (BplDocument *self)
{
  return self->file;
}

gboolean
bpl_document_get_modified (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);
  return self->saved == NULL || !bpl_network_equal (self->network, self->saved)
         || bpl_network_get_steps (self->network) != bpl_network_get_steps (self->saved);
}

void
bpl_document_mark_modified (BplDocument *self)
{
  g_return_if_fail (BPL_IS_DOCUMENT (self));

  /* Nothing on disk matches: modified until the next save. */
  g_clear_pointer (&self->saved, bpl_network_free);
  g_signal_emit (self, signals[CHANGED], 0);
}

char *
bpl_document_dup_title (BplDocument *self)
{
  const char *name = bpl_network_get_name (self->network);

  if (name != NULL && *name != '\0')
    return g_strdup (name);
  if (self->file != NULL)
    return g_file_get_basename (self->file);
  return g_strdup (_("Untitled network"));
}

/* History */

/* The state now, to come back to; with a copy of the history and the loss
 * series when the change to come does more than an edit. NULL when
 * continue_from_view () made this undo step already. */
static UndoState *
undo_state_take (BplDocument *self,
                 gboolean     keep_history)
{
  UndoState *state;

  if (self->skip_next_push)
    {
      self->skip_next_push = FALSE;
      return NULL;
    }
  state = g_new0 (UndoState, 1);
  state->network = bpl_network_copy (self->network);
  if (self->pre_training != NULL)
    state->pre_training = bpl_network_copy (self->pre_training);
  if (keep_history)
    {
      state->trace = bpl_trace_copy (self->trace);
      state->loss_steps = g_array_copy (self->loss_steps);
      state->loss_values = g_array_copy (self->loss_values);
    }
  undo_state_update_size (state);
  return state;
}

static void
undo_push_state (BplDocument *self,
                 UndoState   *state)
{
  gsize total = 0;
  guint keep = 0;

  self->run_open = FALSE;
  if (state == NULL)
    return;
  g_ptr_array_add (self->undo, state);
  g_ptr_array_set_size (self->redo, 0);
  /* The newest steps within the count and the memory budget. */
  while (keep < self->undo->len && keep < MAX_UNDO)
    {
      UndoState *s = g_ptr_array_index (self->undo, self->undo->len - 1 - keep);

      if (keep > 0 && total + s->size > UNDO_BUDGET_BYTES)
        break;
      total += s->size;
      keep++;
    }
  g_ptr_array_remove_range (self->undo, 0, self->undo->len - keep);
}

static void
push_undo (BplDocument *self,
           gboolean     keep_history)
{
  undo_push_state (self, undo_state_take (self, keep_history));
}

static void
changed (BplDocument *self)
{
  recompute (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
begin_edit (BplDocument *self,
            gint64       key,
            gboolean     keep_history)
{
  if (self->view != NULL)
    {
      continue_from_view (self);
      key = -1;
    }
  if (key < 0 || key != self->last_edit_key)
    push_undo (self, keep_history);
  self->last_edit_key = key;
  self->has_previous = FALSE;
  /* An edit starts a new training run: Reset returns to here. */
  g_clear_pointer (&self->pre_training, bpl_network_free);
}

static void
end_edit (BplDocument *self)
{
  recompute (self);
  loss_append (self);
  history_truncate_to_current (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
bpl_document_set_param (BplDocument *self,
                        BplParam     param,
                        double       value)
{
  g_return_if_fail (BPL_IS_DOCUMENT (self));

  if (bpl_network_get_param (self->network, param) == value || !isfinite (value))
    return;
  begin_edit (self, ((gint64) param.kind + 1) << 32 | param.index, FALSE);
  bpl_network_set_param (self->network, param, value);
  end_edit (self);
}

void
bpl_document_set_input (BplDocument *self,
                        guint        i,
                        double       value)
{
  g_return_if_fail (BPL_IS_DOCUMENT (self));
  g_return_if_fail (i < bpl_network_get_n_inputs (self->network));

  if (bpl_network_get_input (self->network, self->sample)[i] == value || !isfinite (value))
    return;
  begin_edit (self, (gint64) 3 << 32 | (gint64) self->sample << 16 | i, FALSE);
  bpl_network_set_input (self->network, self->sample, i, value);
  end_edit (self);
}

void
bpl_document_set_target (BplDocument *self,
                         guint        o,
                         double       value)
{
  g_return_if_fail (BPL_IS_DOCUMENT (self));
  g_return_if_fail (o < bpl_network_get_n_outputs (self->network));

  if (bpl_network_get_target (self->network, self->sample)[o] == value || !isfinite (value))
    return;
  begin_edit (self, (gint64) 4 << 32 | (gint64) self->sample << 16 | o, FALSE);
  bpl_network_set_target (self->network, self->sample, o, value);
  end_edit (self);
}

void
bpl_document_set_learning_rate (BplDocument *self,
                                double       eta)
{
  g_return_if_fail (BPL_IS_DOCUMENT (self));

  if (bpl_network_get_learning_rate (self->network) == eta || !isfinite (eta))
    return;
  begin_edit (self, (gint64) 5 << 32, FALSE);
  bpl_network_set_learning_rate (self->network, eta);
  end_edit (self);
}

gboolean
bpl_document_edit_network (BplDocument *self,
                           BplNetwork  *network,
                           GError     **error)
{
  g_autoptr(BplNetwork) owned = network;
  gboolean structural;
  gboolean new_history;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (network != NULL, FALSE);

  if (!bpl_network_check (network, error))
    return FALSE;
  if (self->view != NULL)
    continue_from_view (self);
  if (bpl_network_equal (network, self->network))
    {
      /* Nothing to change; a pending continue-from-view stays as it is. */
      self->skip_next_push = FALSE;
      recompute (self);
      g_signal_emit (self, signals[CHANGED], 0);
      return TRUE;
    }
  /* A new shape or step count rewrites more than the history's last entry. */
  new_history = !bpl_network_same_shape (network, self->network)
                || bpl_network_get_steps (network) != bpl_network_get_steps (self->network);
  begin_edit (self, -1, new_history);
  structural = adopt (self, g_steal_pointer (&owned));
  self->last_edit_key = -1;
  recompute (self);
  loss_truncate_to_current (self);
  if (structural)
    finish_structural (self);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

BplNetwork *
bpl_document_dup_network (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), NULL);
  return bpl_network_copy (self->view != NULL ? self->view : self->network);
}

void
bpl_document_add_sample (BplDocument  *self,
                         const double *input,
                         const double *target)
{
  g_autoptr(BplNetwork) network = NULL;
  guint index;

  g_return_if_fail (BPL_IS_DOCUMENT (self));

  if (bpl_network_get_n_samples (self->network) >= BPL_MAX_SAMPLES)
    return;
  network = bpl_document_dup_network (self);
  index = bpl_network_add_sample (network, input, target);
  if (bpl_document_edit_network (self, g_steal_pointer (&network), NULL))
    bpl_document_set_sample (self, index);
}

gboolean
bpl_document_remove_sample (BplDocument *self,
                            guint        sample)
{
  g_autoptr(BplNetwork) network = NULL;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);

  if (bpl_network_get_n_samples (self->network) <= 1 || sample >= bpl_network_get_n_samples (self->network))
    return FALSE;
  network = bpl_document_dup_network (self);
  bpl_network_remove_sample (network, sample);
  if (self->sample > sample)
    self->sample--;
  return bpl_document_edit_network (self, g_steal_pointer (&network), NULL);
}

/* Training */

/* A training run in the making: the undo step it will push and its reset
 * point, both kept only once a step is done. */
typedef struct
{
  UndoState  *undo;
  BplNetwork *start;
} Run;

static void
run_begin (BplDocument *self,
           Run         *run)
{
  continue_from_view (self);
  self->last_edit_key = -1;
  run->undo = undo_state_take (self, TRUE);
  /* Reset goes back to before the first step since the last edit. */
  run->start = self->pre_training == NULL ? bpl_network_copy (self->network) : NULL;
}

/* Pushes the run's undo step if it trained (a refused first step leaves
 * undo and redo alone), else forgets it. */
static void
run_end (BplDocument *self,
         Run         *run,
         gboolean     trained)
{
  if (!trained)
    {
      g_clear_pointer (&run->undo, undo_state_free);
      g_clear_pointer (&run->start, bpl_network_free);
      return;
    }
  undo_push_state (self, g_steal_pointer (&run->undo));
  if (run->start != NULL)
    {
      g_clear_pointer (&self->pre_training, bpl_network_free);
      self->pre_training = g_steal_pointer (&run->start);
    }
}

gboolean
bpl_document_step (BplDocument *self,
                   GError     **error)
{
  Run run;
  gboolean ok;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);

  run_begin (self, &run);
  ok = bpl_trainer_step (self->trainer, self->network, error);
  run_end (self, &run, ok);
  if (!ok)
    {
      /* Going on from a past step still happened. */
      recompute (self);
      g_signal_emit (self, signals[CHANGED], 0);
      return FALSE;
    }
  memcpy (self->previous_weights, bpl_trainer_get_previous_weights (self->trainer),
          sizeof (double) * bpl_network_get_n_weights (self->network));
  memcpy (self->previous_biases, bpl_trainer_get_previous_biases (self->trainer),
          sizeof (double) * bpl_network_get_n_biases (self->network));
  self->has_previous = TRUE;
  history_record (self);
  recompute (self);
  loss_append (self);
  g_signal_emit (self, signals[STEPPED], 0);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/* Trains step by step, recording each step in the history. */
static gboolean
train_steps (BplDocument *self,
             guint64      n_steps,
             guint64     *n_done,
             GError     **error)
{
  guint64 done = 0;
  gboolean ok = TRUE;

  for (; done < n_steps; done++)
    {
      ok = bpl_trainer_step (self->trainer, self->network, error);
      if (!ok)
        break;
      history_record (self);
    }
  *n_done = done;
  return ok;
}

static gboolean
train_recording (BplDocument *self,
                 guint64      n_steps,
                 guint64     *n_done,
                 GError     **error)
{
  /* About 400 loss points per call, so a long run still plots smoothly. */
  guint64 chunk = MAX (1, n_steps / 400);
  guint64 done = 0;
  gboolean ok = TRUE;

  while (done < n_steps)
    {
      guint64 n = MIN (chunk, n_steps - done);
      guint64 d = 0;

      ok = train_steps (self, n, &d, error);
      done += d;
      if (d > 0)
        {
          self->mean_error = bpl_network_mean_error (self->network, self->scratch);
          loss_append (self);
        }
      if (!ok)
        break;
    }
  if (n_done != NULL)
    *n_done = done;
  return ok;
}

gboolean
bpl_document_train (BplDocument *self,
                    guint64      n_steps,
                    guint64     *n_done,
                    GError     **error)
{
  Run run;
  guint64 done = 0;
  gboolean ok;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);

  run_begin (self, &run);
  ok = train_recording (self, n_steps, &done, error);
  run_end (self, &run, done > 0);
  if (n_done != NULL)
    *n_done = done;
  self->has_previous = FALSE;
  recompute (self);
  g_signal_emit (self, signals[CHANGED], 0);
  return ok;
}

void
bpl_document_begin_play (BplDocument *self)
{
  g_return_if_fail (BPL_IS_DOCUMENT (self));
  self->run_open = FALSE;
}

static gboolean
advance (BplDocument *self,
         guint64      n_steps,
         guint64     *n_done,
         gboolean     show_change,
         GError     **error)
{
  Run run = { NULL, NULL };
  gboolean open = self->run_open;
  guint64 done = 0;
  gboolean ok;

  /* The first steps of a run, or the first after anything else that made
   * an undo step, open an undo step of their own. */
  if (!open)
    run_begin (self, &run);
  /* One loss point per call (one per frame while playing). */
  ok = train_steps (self, n_steps, &done, error);
  if (!open)
    {
      run_end (self, &run, done > 0);
      self->run_open = done > 0;
    }
  if (n_done != NULL)
    *n_done = done;
  self->has_previous = show_change && done == 1;
  if (self->has_previous)
    {
      memcpy (self->previous_weights, bpl_trainer_get_previous_weights (self->trainer),
              sizeof (double) * bpl_network_get_n_weights (self->network));
      memcpy (self->previous_biases, bpl_trainer_get_previous_biases (self->trainer),
              sizeof (double) * bpl_network_get_n_biases (self->network));
    }
  recompute (self);
  if (done > 0)
    loss_append (self);
  if (self->has_previous)
    g_signal_emit (self, signals[STEPPED], 0);
  g_signal_emit (self, signals[CHANGED], 0);
  return ok;
}

gboolean
bpl_document_advance (BplDocument *self,
                      guint64      n_steps,
                      guint64     *n_done,
                      GError     **error)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);
  return advance (self, n_steps, n_done, FALSE, error);
}

gboolean
bpl_document_advance_one (BplDocument *self,
                          GError     **error)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);
  return advance (self, 1, NULL, TRUE, error);
}

gboolean
bpl_document_get_can_reset (BplDocument *self)
{
  return self->pre_training != NULL;
}

void
bpl_document_reset (BplDocument *self)
{
  g_return_if_fail (BPL_IS_DOCUMENT (self));

  if (self->pre_training == NULL)
    return;
  g_clear_pointer (&self->view, bpl_network_free);
  self->skip_next_push = FALSE;
  push_undo (self, TRUE);
  self->last_edit_key = -1;
  bpl_network_free (self->network);
  self->network = g_steal_pointer (&self->pre_training);
  self->has_previous = FALSE;
  recompute (self);
  loss_truncate_to_current (self);
  history_truncate_to_current (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

const double *
bpl_document_get_previous_weights (BplDocument *self)
{
  return self->has_previous ? self->previous_weights : NULL;
}

const double *
bpl_document_get_previous_biases (BplDocument *self)
{
  return self->has_previous ? self->previous_biases : NULL;
}

gboolean
bpl_document_get_can_undo (BplDocument *self)
{
  return self->undo->len > 0;
}

gboolean
bpl_document_get_can_redo (BplDocument *self)
{
  return self->redo->len > 0;
}

/* Goes back (or forward) to the newest state of @from; the state left
 * goes onto @to in the same form: a copy of the history where @from's
 * state has one. */
static void
swap_history (BplDocument *self,
              GPtrArray   *from,
              GPtrArray   *to)
{
  UndoState *state;
  UndoState *left;
  gboolean structural;
  gboolean reshaped;

  if (from->len == 0)
    return;
  g_clear_pointer (&self->view, bpl_network_free);
  state = g_ptr_array_steal_index (from, from->len - 1);
  left = g_new0 (UndoState, 1);
  left->network = self->network;
  left->pre_training = g_steal_pointer (&self->pre_training);
  self->pre_training = g_steal_pointer (&state->pre_training);
  if (state->trace != NULL)
    {
      left->trace = g_steal_pointer (&self->trace);
      left->loss_steps = g_steal_pointer (&self->loss_steps);
      left->loss_values = g_steal_pointer (&self->loss_values);
      self->trace = g_steal_pointer (&state->trace);
      self->loss_steps = g_steal_pointer (&state->loss_steps);
      self->loss_values = g_steal_pointer (&state->loss_values);
    }
  structural = take_network (self, g_steal_pointer (&state->network), &reshaped);
  undo_state_free (state);
  undo_state_update_size (left);
  g_ptr_array_add (to, left);
  self->last_edit_key = -1;
  self->run_open = FALSE;
  self->skip_next_push = FALSE;
  recompute (self);
  if (left->trace == NULL)
    {
      /* An edit: only the last entries differ. */
      g_assert (!reshaped);
      loss_truncate_to_current (self);
      history_truncate_to_current (self);
    }
  if (structural)
    finish_structural (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
bpl_document_undo (BplDocument *self)
{
  g_return_if_fail (BPL_IS_DOCUMENT (self));
  swap_history (self, self->undo, self->redo);
}

void
bpl_document_redo (BplDocument *self)
{
  g_return_if_fail (BPL_IS_DOCUMENT (self));
  swap_history (self, self->redo, self->undo);
}

/* Selection */

static gboolean
hit_valid (BplDocument *self,
           BplHit       hit)
{
  switch (hit.kind)
    {
    case BPL_HIT_NONE:
      return TRUE;
    case BPL_HIT_WEIGHT:
      return hit.index < bpl_network_get_n_weights (self->network);
    case BPL_HIT_BIAS:
      return hit.index < bpl_network_get_n_biases (self->network);
    case BPL_HIT_NEURON:
      return hit.index < bpl_network_get_n_neurons (self->network);
    default:
      return FALSE;
    }
}

BplHit
bpl_document_get_selection (BplDocument *self)
{
  return self->selection;
}

void
bpl_document_set_selection (BplDocument *self,
                            BplHit       hit)
{
  g_return_if_fail (BPL_IS_DOCUMENT (self));

  if (!hit_valid (self, hit))
    hit.kind = BPL_HIT_NONE;
  if (bpl_hit_equal (hit, self->selection))
    return;
  self->selection = hit;
  self->emphasis.kind = BPL_HIT_NONE;
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

BplHit
bpl_document_get_hover (BplDocument *self)
{
  return self->hover;
}

/* Hover and emphasis are passing highlights: both redraw on hover-changed. */
static void
set_highlight (BplDocument *self,
               BplHit      *slot,
               BplHit       hit)
{
  if (!hit_valid (self, hit))
    hit.kind = BPL_HIT_NONE;
  if (bpl_hit_equal (hit, *slot))
    return;
  *slot = hit;
  g_signal_emit (self, signals[HOVER_CHANGED], 0);
}

void
bpl_document_set_hover (BplDocument *self,
                        BplHit       hit)
{
  g_return_if_fail (BPL_IS_DOCUMENT (self));
  set_highlight (self, &self->hover, hit);
}

BplHit
bpl_document_get_emphasis (BplDocument *self)
{
  return self->emphasis;
}

void
bpl_document_set_emphasis (BplDocument *self,
                           BplHit       hit)
{
  g_return_if_fail (BPL_IS_DOCUMENT (self));
  set_highlight (self, &self->emphasis, hit);
}

gboolean
bpl_document_get_selected_param (BplDocument *self,
                                 BplParam    *param)
{
  if (self->selection.kind == BPL_HIT_WEIGHT)
    {
      param->kind = BPL_PARAM_WEIGHT;
      param->index = self->selection.index;
      return TRUE;
    }
  if (self->selection.kind == BPL_HIT_BIAS)
    {
      param->kind = BPL_PARAM_BIAS;
      param->index = self->selection.index;
      return TRUE;
    }
  return FALSE;
}

guint
bpl_document_get_sample (BplDocument *self)
{
  return self->sample;
}

void
bpl_document_set_sample (BplDocument *self,
                         guint        sample)
{
  g_return_if_fail (BPL_IS_DOCUMENT (self));

  if (sample >= bpl_network_get_n_samples (self->network) || sample == self->sample)
    return;
  self->sample = sample;
  self->last_edit_key = -1;
  changed (self);
}

guint
bpl_document_get_n_loss_points (BplDocument *self)
{
  return self->loss_steps->len;
}

const guint64 *
bpl_document_get_loss_steps (BplDocument *self)
{
  return (const guint64 *) (gpointer) self->loss_steps->data;
}

const double *
bpl_document_get_loss_values (BplDocument *self)
{
  return (const double *) (gpointer) self->loss_values->data;
}

char *
bpl_document_describe_hit (BplDocument  *self,
                           BplHit        hit,
                           int           digits,
                           BplExprStyle  style)
{
  const BplNetwork *net = bpl_document_get_network (self);
  g_autofree char *value = NULL;
  g_autofree char *grad = NULL;
  g_autofree char *total = bpl_format_name ("E", "total", style);
  g_autofree char *name = NULL;

  if (!hit_valid (self, hit))
    return NULL;

  switch (hit.kind)
    {
    case BPL_HIT_WEIGHT:
      {
        g_autofree char *src = bpl_format_split_name (
          bpl_network_get_neuron_name (net, bpl_network_get_weight_source (net, hit.index)), style);
        g_autofree char *dst = bpl_format_split_name (
          bpl_network_get_neuron_name (net, bpl_network_get_weight_target (net, hit.index)), style);

        name = bpl_format_split_name (bpl_network_get_weight_name (net, hit.index), style);
        value = bpl_format_number_display (bpl_network_get_weight (net, hit.index), digits);
        grad = bpl_format_number_display (self->weight_gradient[hit.index], digits);
        /* Translators: weight, source and target neuron, value, E_total, weight, gradient */
        return g_strdup_printf (_("Weight %s from %s to %s = %s\n∂%s/∂%s = %s"), name, src, dst,
                                value, total, name, grad);
      }
    case BPL_HIT_BIAS:
      name = bpl_format_split_name (bpl_network_get_bias_name (net, hit.index), style);
      value = bpl_format_number_display (bpl_network_get_bias (net, hit.index), digits);
      grad = bpl_format_number_display (self->bias_gradient[hit.index], digits);
      /* Translators: bias, value, E_total, bias, gradient */
      return g_strdup_printf (_("Bias %s = %s\n∂%s/∂%s = %s"), name, value, total, name, grad);
    case BPL_HIT_NEURON:
      {
        g_autofree char *net_value = bpl_format_number_display (self->forward->net[hit.index], digits);

        name = bpl_format_split_name (bpl_network_get_neuron_name (net, hit.index), style);
        value = bpl_format_number_display (self->forward->out[hit.index], digits);
        if (bpl_network_get_neuron_layer (net, hit.index) == 0)
          return g_strdup_printf (_("Input %s = %s"), name, value);
        return g_strdup_printf (_("Neuron %s: net = %s, out = %s"), name, net_value, value);
      }
    case BPL_HIT_NONE:
    default:
      return NULL;
    }
}

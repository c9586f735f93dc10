/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-document.h"

#include "bpl-file-names.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* Limits */

#define MAX_UNDO 200
/* Undo steps beyond the newest give way when they hold more than this. */
#define UNDO_BUDGET_BYTES (64 * 1024 * 1024)
#define MAX_LOSS_POINTS 20000
/* Training history: full detail for the most recent steps, a thinned trace
 * (every k-th step, k doubling) beyond, within a memory budget. */
#define HISTORY_RECENT 1000
#define HISTORY_THINNED 1000
#define HISTORY_BUDGET_DOUBLES (4 * 1024 * 1024)
#define DEFAULT_SEED 42

/* What the properties said last, so that each notifies only on a change. */
typedef struct
{
  char *title;
  gboolean modified;
  gboolean can_undo;
  gboolean can_redo;
  gboolean can_reset;
  guint64 steps;
  guint n_samples;
  double mean_error;
  guint n_history;
  guint history_index;
  gboolean viewing_past;
} Observed;

struct _BplDocument
{
  GObject parent_instance;

  BplNetwork *network;
  BplNetwork *saved;        /* as last loaded or saved: modified = differs */
  BplNetwork *pre_training; /* before the first step since the last edit */
  BplTrainer *trainer;
  BplForward *scratch;
  double mean_error;        /* of the network shown */
  double test_error;        /* its mean E_total over the test samples; NaN without */
  GFile *file;
  guint32 seed;

  GPtrArray *undo;          /* UndoState, oldest first */
  GPtrArray *redo;
  gint64 last_edit_key;     /* consecutive edits of one value merge */
  gboolean run_open;        /* the newest undo step is the Play run going on */

  double *previous_weights;
  double *previous_biases;
  gboolean has_previous;

  GArray *loss_steps;
  GArray *loss_values;
  GArray *loss_penalties;   /* λ·R at each point: the objective is their sum */
  GArray *loss_test_values; /* the test error at each loss step (NaN without) */

  /* Parameter values of every step, in bounded memory, each followed by
   * the optimiser's state (see history_width). */
  BplTrace *trace;
  double *record;           /* one entry, put together for the trace */
  guint record_len;
  /* Viewing a past entry: a network with its values, or NULL when live. */
  BplNetwork *view;
  guint view_index;
  gboolean skip_next_push;

  Observed observed;
};

G_DEFINE_FINAL_TYPE (BplDocument, bpl_document, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_FILE,
  PROP_TITLE,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_CAN_RESET,
  PROP_STEPS,
  PROP_N_SAMPLES,
  PROP_MEAN_ERROR,
  PROP_N_HISTORY,
  PROP_HISTORY_INDEX,
  PROP_VIEWING_PAST,
  PROP_SEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  OPENED,
  NETWORK_REPLACED,
  VALUES_CHANGED,
  STEPPED,
  HISTORY_CONTINUED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Undo states */

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
  GArray *loss_penalties;   /* λ·R at each point: the objective is their sum */
  GArray *loss_test_values;
  gsize size;                /* bytes held */
} UndoState;

/* Consecutive edits of one value merge into one undo step: the key names
 * the value edited. */
typedef enum
{
  EDITED_WEIGHT = 1,
  EDITED_BIAS,
  EDITED_INPUT,
  EDITED_TARGET,
  EDITED_LEARNING_RATE,
} EditedValue;

#define NO_MERGE ((gint64) -1)

static gint64
merge_key (EditedValue what,
           guint       sample,
           guint       index)
{
  /* Up to 65,536 weights and 4,096 samples: 24 bits each is room enough. */
  return (gint64) what << 48 | (gint64) sample << 24 | index;
}

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
  /* The trace's entries are shared with the live one and other steps:
   * undo_push_state () counts them once. */
  if (state->trace != NULL)
    state->size += state->loss_steps->len * (sizeof (guint64) + 3 * sizeof (double));
}

static void
undo_state_free (UndoState *state)
{
  g_clear_pointer (&state->network, bpl_network_free);
  g_clear_pointer (&state->pre_training, bpl_network_free);
  g_clear_pointer (&state->trace, bpl_trace_free);
  g_clear_pointer (&state->loss_steps, g_array_unref);
  g_clear_pointer (&state->loss_values, g_array_unref);
  g_clear_pointer (&state->loss_penalties, g_array_unref);
  g_clear_pointer (&state->loss_test_values, g_array_unref);
  g_free (state);
}

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
      state->loss_penalties = g_array_copy (self->loss_penalties);
      state->loss_test_values = g_array_copy (self->loss_test_values);
    }
  undo_state_update_size (state);
  return state;
}

static void
undo_push_state (BplDocument *self,
                 UndoState   *state)
{
  gsize total = 0;
  guint keep = 0, mark = bpl_trace_next_mark ();

  self->run_open = FALSE;
  if (state == NULL)
    return;
  g_ptr_array_add (self->undo, state);
  g_ptr_array_set_size (self->redo, 0);
  /* The newest steps within the count and the memory budget. The live
   * trace's entries are the document's own, not the undo's. */
  bpl_trace_count_unshared (self->trace, mark);
  while (keep < self->undo->len && keep < MAX_UNDO)
    {
      UndoState *s = g_ptr_array_index (self->undo, self->undo->len - 1 - keep);
      gsize size = s->size + (s->trace != NULL ? bpl_trace_count_unshared (s->trace, mark) : 0);

      if (keep > 0 && total + size > UNDO_BUDGET_BYTES)
        break;
      total += size;
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

/* Observing */

static gboolean
same_double (double a,
             double b)
{
  return a == b || (isnan (a) && isnan (b));
}

/* The examples' names as the catalogue translates them for the title; a
 * file keeps the name as it is written. */
static const char *const example_names[] G_GNUC_UNUSED = {
  N_("Worked example"), N_("XOR"), N_("Deeper network"), N_("Handwritten digits (8×8)"),
  N_("Softmax classifier"), N_("Iris (Fisher 1936)"), N_("XOR with Adam and L2"),
};

/* As GNOME Text Editor: the file's name, or the network's before it has
 * a file ("Worked example", translated when it is an example's). */
static char *
make_title (BplDocument *self)
{
  const char *name = bpl_network_get_name (self->network);

  if (self->file != NULL)
    return bpl_file_dup_display_name (self->file);
  if (name != NULL && *name != '\0')
    return g_strdup (_(name));
  return g_strdup (_("Untitled network"));
}

#define UPDATE(field, value, prop) \
  G_STMT_START { \
    if (self->observed.field != (value)) \
      { \
        self->observed.field = (value); \
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); \
      } \
  } G_STMT_END

/* Notifies each property whose value changed since it was last said. */
static void
notify_changes (BplDocument *self)
{
  Observed *o = &self->observed;
  g_autofree char *title = make_title (self);
  const BplNetwork *shown = bpl_document_get_network (self);

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (o->title, title) != 0)
    {
      g_free (o->title);
      o->title = g_steal_pointer (&title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
  UPDATE (modified, bpl_document_get_modified (self), PROP_MODIFIED);
  UPDATE (can_undo, self->undo->len > 0, PROP_CAN_UNDO);
  UPDATE (can_redo, self->redo->len > 0, PROP_CAN_REDO);
  UPDATE (can_reset, self->pre_training != NULL, PROP_CAN_RESET);
  UPDATE (steps, bpl_network_get_steps (shown), PROP_STEPS);
  UPDATE (n_samples, bpl_network_get_n_samples (shown), PROP_N_SAMPLES);
  UPDATE (n_history, bpl_trace_get_length (self->trace), PROP_N_HISTORY);
  UPDATE (history_index, bpl_document_get_history_index (self), PROP_HISTORY_INDEX);
  UPDATE (viewing_past, self->view != NULL, PROP_VIEWING_PAST);
  if (!same_double (o->mean_error, self->mean_error))
    {
      o->mean_error = self->mean_error;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEAN_ERROR]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

#undef UPDATE

/* Emits @signal for a change of the network, then the properties it moved. */
static void
emit_change (BplDocument *self,
             guint        signal)
{
  g_signal_emit (self, signals[signal], 0);
  notify_changes (self);
}

static void
recompute (BplDocument *self)
{
  self->mean_error = bpl_network_mean_error (bpl_document_get_network (self), self->scratch);
  self->test_error = bpl_network_mean_test_error (bpl_document_get_network (self), self->scratch);
}

/* Loss series */

static void
loss_truncate_to_current (BplDocument *self)
{
  guint64 steps = bpl_network_get_steps (self->network);
  double penalty = bpl_network_get_penalty (self->network);
  guint n = self->loss_steps->len;

  while (n > 0 && g_array_index (self->loss_steps, guint64, n - 1) >= steps)
    n--;
  g_array_set_size (self->loss_steps, n);
  g_array_set_size (self->loss_values, n);
  g_array_set_size (self->loss_penalties, n);
  g_array_set_size (self->loss_test_values, n);
  g_array_append_val (self->loss_steps, steps);
  g_array_append_val (self->loss_values, self->mean_error);
  g_array_append_val (self->loss_penalties, penalty);
  g_array_append_val (self->loss_test_values, self->test_error);
}

static void
loss_append (BplDocument *self)
{
  guint64 steps = bpl_network_get_steps (self->network);
  double penalty = bpl_network_get_penalty (self->network);
  guint n = self->loss_steps->len;

  if (n > 0 && g_array_index (self->loss_steps, guint64, n - 1) >= steps)
    {
      loss_truncate_to_current (self);
      return;
    }
  g_array_append_val (self->loss_steps, steps);
  g_array_append_val (self->loss_values, self->mean_error);
  g_array_append_val (self->loss_penalties, penalty);
  g_array_append_val (self->loss_test_values, self->test_error);

  if (self->loss_steps->len > MAX_LOSS_POINTS)
    {
      /* Keep every other point, and always the newest. */
      guint j = 0;

      for (guint i = 0; i < self->loss_steps->len; i += 2, j++)
        {
          g_array_index (self->loss_steps, guint64, j) = g_array_index (self->loss_steps, guint64, i);
          g_array_index (self->loss_values, double, j) = g_array_index (self->loss_values, double, i);
          g_array_index (self->loss_penalties, double, j) = g_array_index (self->loss_penalties, double, i);
          g_array_index (self->loss_test_values, double, j) =
            g_array_index (self->loss_test_values, double, i);
        }
      g_array_set_size (self->loss_steps, j);
      g_array_set_size (self->loss_values, j);
      g_array_set_size (self->loss_penalties, j);
      g_array_set_size (self->loss_test_values, j);
      if (g_array_index (self->loss_steps, guint64, j - 1) != steps)
        {
          g_array_append_val (self->loss_steps, steps);
          g_array_append_val (self->loss_values, self->mean_error);
          g_array_append_val (self->loss_penalties, penalty);
          g_array_append_val (self->loss_test_values, self->test_error);
        }
    }
}

guint
bpl_document_get_n_loss_points (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), 0);
  return self->loss_steps->len;
}

const guint64 *
bpl_document_get_loss_steps (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), NULL);
  return (const guint64 *) (gpointer) self->loss_steps->data;
}

const double *
bpl_document_get_loss_values (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), NULL);
  return (const double *) (gpointer) self->loss_values->data;
}

const double *
bpl_document_get_loss_penalties (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), NULL);
  return (const double *) (gpointer) self->loss_penalties->data;
}

const double *
bpl_document_get_loss_test_values (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), NULL);
  return (const double *) (gpointer) self->loss_test_values->data;
}

/* Training history */

/* A history entry: the weights and biases, then what the optimiser keeps
 * of them, so that a past step shown (and trained on from there) has the
 * velocities or moments it had: momentum's velocity, or Adam's m, v and
 * step count t. Plain SGD keeps nothing. */
static guint
history_state_width (const BplNetwork *network)
{
  guint n = bpl_network_get_n_weights (network) + bpl_network_get_n_biases (network);

  switch (bpl_network_get_optimizer (network))
    {
    case BPL_OPTIMIZER_MOMENTUM:
      return n;
    case BPL_OPTIMIZER_ADAM:
      return 2 * n + 1;
    case BPL_OPTIMIZER_SGD:
    default:
      return 0;
    }
}

static guint
history_width (const BplNetwork *network)
{
  return bpl_network_get_n_weights (network) + bpl_network_get_n_biases (network)
         + history_state_width (network);
}

static void
history_clear (BplDocument *self)
{
  bpl_trace_reset (self->trace, history_width (self->network));
}

/* Records the current values at the current step count. */
static void
history_record (BplDocument *self)
{
  const BplNetwork *net = self->network;
  guint nw = bpl_network_get_n_weights (net);
  guint nb = bpl_network_get_n_biases (net);
  guint n = nw + nb;

  if (history_state_width (net) == 0)
    {
      bpl_trace_record (self->trace, bpl_network_get_steps (net), bpl_network_get_weights (net), nw,
                        bpl_network_get_biases (net), nb);
      return;
    }
  /* Undo may bring back a network of another shape: sized here. */
  if (self->record_len < history_width (net))
    {
      self->record_len = history_width (net);
      self->record = g_renew (double, self->record, self->record_len);
    }
  memcpy (self->record, bpl_network_get_weights (net), sizeof (double) * nw);
  memcpy (self->record + nw, bpl_network_get_biases (net), sizeof (double) * nb);
  memcpy (self->record + n, bpl_network_get_optimizer_moment1 (net), sizeof (double) * n);
  if (bpl_network_get_optimizer (net) == BPL_OPTIMIZER_ADAM)
    {
      memcpy (self->record + 2 * n, bpl_network_get_optimizer_moment2 (net), sizeof (double) * n);
      self->record[3 * n] = (double) bpl_network_get_optimizer_step (net);
    }
  bpl_trace_record (self->trace, bpl_network_get_steps (net), self->record, history_width (net), NULL, 0);
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

/* The history position */

gboolean
bpl_document_get_viewing_past (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);
  return self->view != NULL;
}

guint
bpl_document_get_history_index (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), 0);
  return self->view != NULL ? self->view_index : bpl_document_get_n_history (self) - 1;
}

/* Makes the view entry @index of the history (not the last). */
static void
show_past_entry (BplDocument *self,
                 guint        index)
{
  guint64 step;
  const double *values = bpl_trace_get (self->trace, index, &step);
  guint nw = bpl_network_get_n_weights (self->network);
  guint nb = bpl_network_get_n_biases (self->network);

  if (self->view == NULL)
    self->view = bpl_network_copy (self->network);
  for (guint w = 0; w < nw; w++)
    bpl_network_set_weight (self->view, w, values[w]);
  for (guint b = 0; b < nb; b++)
    bpl_network_set_bias (self->view, b, values[nw + b]);
  /* The optimiser's state then, as history_record kept it. */
  switch (bpl_network_get_optimizer (self->view))
    {
    case BPL_OPTIMIZER_MOMENTUM:
      bpl_network_set_optimizer_state (self->view, 0, values + nw + nb, NULL);
      break;
    case BPL_OPTIMIZER_ADAM:
      bpl_network_set_optimizer_state (self->view, (guint64) values[3 * (nw + nb)], values + nw + nb,
                                       values + 2 * (nw + nb));
      break;
    case BPL_OPTIMIZER_SGD:
    default:
      break;
    }
  bpl_network_set_steps (self->view, step);
  self->view_index = index;
}

void
bpl_document_set_history_index (BplDocument *self,
                                guint        index)
{
  guint n;

  g_return_if_fail (BPL_IS_DOCUMENT (self));

  n = bpl_document_get_n_history (self);
  if (n == 0)
    return;
  index = MIN (index, n - 1);
  if (index == bpl_document_get_history_index (self))
    return;
  if (index == n - 1)
    g_clear_pointer (&self->view, bpl_network_free);
  else
    show_past_entry (self, index);
  self->has_previous = FALSE;
  recompute (self);
  emit_change (self, VALUES_CHANGED);
}

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

/* The live network */

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
      g_clear_pointer (&self->scratch, bpl_forward_free);
      self->trainer = bpl_trainer_new (network);
      self->scratch = bpl_forward_new (network);
      g_free (self->previous_weights);
      g_free (self->previous_biases);
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
  gboolean new_width = old == NULL || history_width (old) != history_width (network);
  gboolean structural = take_network (self, network, &reshaped);

  g_clear_pointer (&old, bpl_network_free);
  /* Another optimiser keeps other state: the history starts again. */
  if (reshaped || new_width)
    {
      history_clear (self);
      history_record (self);
    }
  else
    history_truncate_to_current (self);
  return structural;
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

BplNetwork *
bpl_document_dup_network (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), NULL);
  return bpl_network_copy (bpl_document_get_network (self));
}

double
bpl_document_get_mean_error (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), NAN);
  return self->mean_error;
}

guint64
bpl_document_get_steps (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), 0);
  return bpl_network_get_steps (bpl_document_get_network (self));
}

guint
bpl_document_get_n_samples (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), 0);
  return bpl_network_get_n_samples (bpl_document_get_network (self));
}

const double *
bpl_document_get_previous_weights (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), NULL);
  return self->has_previous ? self->previous_weights : NULL;
}

const double *
bpl_document_get_previous_biases (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), NULL);
  return self->has_previous ? self->previous_biases : NULL;
}

/* Files */

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
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);

  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  self->last_edit_key = NO_MERGE;
  self->run_open = FALSE;
  self->skip_next_push = FALSE;

  recompute (self);
  g_array_set_size (self->loss_steps, 0);
  g_array_set_size (self->loss_values, 0);
  g_array_set_size (self->loss_penalties, 0);
  g_array_set_size (self->loss_test_values, 0);
  loss_append (self);
  emit_change (self, OPENED);
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
  if (g_set_object (&self->file, file))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  notify_changes (self);
  return TRUE;
}

GFile *
bpl_document_get_file (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), NULL);
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
  notify_changes (self);
}

const char *
bpl_document_get_title (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), NULL);
  return self->observed.title;
}

/* Edits */

static void
begin_edit (BplDocument *self,
            gint64       key,
            gboolean     keep_history)
{
  if (self->view != NULL)
    {
      continue_from_view (self);
      key = NO_MERGE;
    }
  if (key == NO_MERGE || key != self->last_edit_key)
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
  emit_change (self, VALUES_CHANGED);
}

static gboolean
is_locked (BplDocument *self,
           guint        what)
{
  const BplLesson *lesson = bpl_network_get_lesson (self->network);

  return lesson != NULL && (lesson->locked & what) != 0;
}

void
bpl_document_set_param (BplDocument *self,
                        BplParam     param,
                        double       value)
{
  g_return_if_fail (BPL_IS_DOCUMENT (self));

  if (is_locked (self, param.kind == BPL_PARAM_WEIGHT ? BPL_LESSON_LOCK_WEIGHTS : BPL_LESSON_LOCK_BIASES))
    return;
  if (bpl_network_get_param (self->network, param) == value || !isfinite (value))
    return;
  begin_edit (self, merge_key (param.kind == BPL_PARAM_WEIGHT ? EDITED_WEIGHT : EDITED_BIAS, 0, param.index),
              FALSE);
  bpl_network_set_param (self->network, param, value);
  end_edit (self);
}

void
bpl_document_set_input (BplDocument *self,
                        guint        sample,
                        guint        i,
                        double       value)
{
  g_return_if_fail (BPL_IS_DOCUMENT (self));
  g_return_if_fail (sample < bpl_network_get_n_samples (self->network));
  g_return_if_fail (i < bpl_network_get_n_inputs (self->network));

  if (is_locked (self, BPL_LESSON_LOCK_INPUTS))
    return;
  if (bpl_network_get_input (self->network, sample)[i] == value || !isfinite (value))
    return;
  begin_edit (self, merge_key (EDITED_INPUT, sample, i), FALSE);
  bpl_network_set_input (self->network, sample, i, value);
  end_edit (self);
}

void
bpl_document_set_target (BplDocument *self,
                         guint        sample,
                         guint        o,
                         double       value)
{
  g_return_if_fail (BPL_IS_DOCUMENT (self));
  g_return_if_fail (sample < bpl_network_get_n_samples (self->network));
  g_return_if_fail (o < bpl_network_get_n_outputs (self->network));

  if (is_locked (self, BPL_LESSON_LOCK_TARGETS))
    return;
  if (bpl_network_get_target (self->network, sample)[o] == value || !isfinite (value))
    return;
  begin_edit (self, merge_key (EDITED_TARGET, sample, o), FALSE);
  bpl_network_set_target (self->network, sample, o, value);
  end_edit (self);
}

void
bpl_document_set_learning_rate (BplDocument *self,
                                double       eta)
{
  g_return_if_fail (BPL_IS_DOCUMENT (self));

  if (is_locked (self, BPL_LESSON_LOCK_LEARNING_RATE))
    return;
  if (bpl_network_get_learning_rate (self->network) == eta || !isfinite (eta))
    return;
  begin_edit (self, merge_key (EDITED_LEARNING_RATE, 0, 0), FALSE);
  bpl_network_set_learning_rate (self->network, eta);
  end_edit (self);
}

/* The combinations a lecturer may try in the window, refused in words that
 * name what to change (samples counted from 1, as the window does); the
 * rest is bpl_network_check's. */
static gboolean
check_combination (const BplNetwork *network,
                   GError          **error)
{
  guint n_layers = bpl_network_get_n_layers (network);
  guint n_out = bpl_network_get_n_outputs (network);
  BplOptimizer optimizer = bpl_network_get_optimizer (network);

  for (guint l = 1; l + 1 < n_layers; l++)
    if (bpl_network_get_activation (network, l) == BPL_ACTIVATION_SOFTMAX)
      {
        g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                     _("Softmax is for the output layer only, not hidden layer %u: it makes a layer’s "
                       "outputs probabilities that sum to 1, the network’s answer"), l);
        return FALSE;
      }
  if (bpl_network_get_activation (network, n_layers - 1) == BPL_ACTIVATION_SOFTMAX)
    for (guint s = 0; s < bpl_network_get_n_samples (network); s++)
      {
        const double *t = bpl_network_get_target (network, s);
        double sum = 0;

        for (guint o = 0; o < n_out; o++)
          {
            if (t[o] < 0 || t[o] > 1)
              {
                g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                             _("Softmax outputs are probabilities, but sample %u’s target for %s is %g, "
                               "outside 0 to 1"),
                             s + 1, bpl_network_get_neuron_name (network, bpl_network_get_n_neurons (network) - n_out + o),
                             t[o]);
                return FALSE;
              }
            sum += t[o];
          }
        if (!(fabs (sum - 1.0) <= BPL_SOFTMAX_TARGET_TOLERANCE))
          {
            g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                         _("Softmax outputs sum to 1, so each sample’s targets must too, but sample %u’s "
                           "sum to %.10g: make them one 1 and the rest 0 first"),
                         s + 1, sum);
            return FALSE;
          }
      }
  if (optimizer != BPL_OPTIMIZER_SGD && bpl_network_get_update_order (network) == BPL_UPDATE_OUTPUT_FIRST)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("Output First updates the output layer before the layers below take their gradients, "
                     "which only plain gradient descent (SGD) defines: use Simultaneous with %s"),
                   optimizer == BPL_OPTIMIZER_ADAM ? _("Adam") : _("Momentum"));
      return FALSE;
    }
  return TRUE;
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

  if (!check_combination (network, error) || !bpl_network_check (network, error)
      || !bpl_document_check_locks (self, network, error))
    return FALSE;
  if (self->view != NULL)
    continue_from_view (self);
  if (bpl_network_equal (network, self->network))
    {
      /* Nothing to change; a pending continue-from-view stays as it is. */
      self->skip_next_push = FALSE;
      recompute (self);
      emit_change (self, VALUES_CHANGED);
      return TRUE;
    }
  /* A new shape or step count rewrites more than the history's last entry. */
  new_history = !bpl_network_same_shape (network, self->network)
                || bpl_network_get_steps (network) != bpl_network_get_steps (self->network)
                || history_width (network) != history_width (self->network);
  begin_edit (self, NO_MERGE, new_history);
  structural = adopt (self, g_steal_pointer (&owned));
  self->last_edit_key = NO_MERGE;
  recompute (self);
  loss_truncate_to_current (self);
  emit_change (self, structural ? NETWORK_REPLACED : VALUES_CHANGED);
  return TRUE;
}

gboolean
bpl_document_add_sample (BplDocument  *self,
                         const double *input,
                         const double *target,
                         guint        *index)
{
  g_autoptr(BplNetwork) network = NULL;
  guint added;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);

  if (bpl_network_get_n_samples (self->network) >= BPL_MAX_SAMPLES)
    return FALSE;
  network = bpl_document_dup_network (self);
  added = bpl_network_add_sample (network, input, target);
  if (!bpl_document_edit_network (self, g_steal_pointer (&network), NULL))
    return FALSE;
  if (index != NULL)
    *index = added;
  return TRUE;
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
  return bpl_document_edit_network (self, g_steal_pointer (&network), NULL);
}

guint32
bpl_document_get_seed (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), 0);
  return self->seed;
}

void
bpl_document_set_seed (BplDocument *self,
                       guint32      seed)
{
  g_return_if_fail (BPL_IS_DOCUMENT (self));

  if (self->seed == seed)
    return;
  self->seed = seed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEED]);
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
  self->last_edit_key = NO_MERGE;
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

/* The values before the step just taken, for views to show old → new. */
static void
keep_previous_values (BplDocument *self)
{
  memcpy (self->previous_weights, bpl_trainer_get_previous_weights (self->trainer),
          sizeof (double) * bpl_network_get_n_weights (self->network));
  memcpy (self->previous_biases, bpl_trainer_get_previous_biases (self->trainer),
          sizeof (double) * bpl_network_get_n_biases (self->network));
  self->has_previous = TRUE;
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

/* Trains in chunks, with a loss point after each. */
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
          self->test_error = bpl_network_mean_test_error (self->network, self->scratch);
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
      emit_change (self, VALUES_CHANGED);
      return FALSE;
    }
  keep_previous_values (self);
  history_record (self);
  recompute (self);
  loss_append (self);
  g_signal_emit (self, signals[STEPPED], 0);
  emit_change (self, VALUES_CHANGED);
  return TRUE;
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
  emit_change (self, VALUES_CHANGED);
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
  self->has_previous = FALSE;
  if (show_change && done == 1)
    keep_previous_values (self);
  recompute (self);
  if (done > 0)
    loss_append (self);
  if (self->has_previous)
    g_signal_emit (self, signals[STEPPED], 0);
  emit_change (self, VALUES_CHANGED);
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

/* Reset */

gboolean
bpl_document_get_can_reset (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);
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
  self->last_edit_key = NO_MERGE;
  bpl_network_free (self->network);
  self->network = g_steal_pointer (&self->pre_training);
  self->has_previous = FALSE;
  recompute (self);
  loss_truncate_to_current (self);
  history_truncate_to_current (self);
  emit_change (self, VALUES_CHANGED);
}

/* Undo and redo */

gboolean
bpl_document_get_can_undo (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);
  return self->undo->len > 0;
}

gboolean
bpl_document_get_can_redo (BplDocument *self)
{
  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);
  return self->redo->len > 0;
}

/* Goes back (or forward) to the newest state of @from; the state left
 * goes onto @to in the same form: a copy of the history where @from's
 * state has one. */
static void
swap_states (BplDocument *self,
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
      left->loss_penalties = g_steal_pointer (&self->loss_penalties);
      left->loss_test_values = g_steal_pointer (&self->loss_test_values);
      self->trace = g_steal_pointer (&state->trace);
      self->loss_steps = g_steal_pointer (&state->loss_steps);
      self->loss_values = g_steal_pointer (&state->loss_values);
      self->loss_penalties = g_steal_pointer (&state->loss_penalties);
      self->loss_test_values = g_steal_pointer (&state->loss_test_values);
    }
  structural = take_network (self, g_steal_pointer (&state->network), &reshaped);
  undo_state_free (state);
  undo_state_update_size (left);
  g_ptr_array_add (to, left);
  self->last_edit_key = NO_MERGE;
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
  emit_change (self, structural ? NETWORK_REPLACED : VALUES_CHANGED);
}

void
bpl_document_undo (BplDocument *self)
{
  g_return_if_fail (BPL_IS_DOCUMENT (self));
  swap_states (self, self->undo, self->redo);
}

void
bpl_document_redo (BplDocument *self)
{
  g_return_if_fail (BPL_IS_DOCUMENT (self));
  swap_states (self, self->redo, self->undo);
}

/* GObject */

static void
bpl_document_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BplDocument *self = BPL_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->observed.title);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, bpl_document_get_modified (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, bpl_document_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, bpl_document_get_can_redo (self));
      break;
    case PROP_CAN_RESET:
      g_value_set_boolean (value, bpl_document_get_can_reset (self));
      break;
    case PROP_STEPS:
      g_value_set_uint64 (value, bpl_document_get_steps (self));
      break;
    case PROP_N_SAMPLES:
      g_value_set_uint (value, bpl_document_get_n_samples (self));
      break;
    case PROP_MEAN_ERROR:
      g_value_set_double (value, self->mean_error);
      break;
    case PROP_N_HISTORY:
      g_value_set_uint (value, bpl_document_get_n_history (self));
      break;
    case PROP_HISTORY_INDEX:
      g_value_set_uint (value, bpl_document_get_history_index (self));
      break;
    case PROP_VIEWING_PAST:
      g_value_set_boolean (value, bpl_document_get_viewing_past (self));
      break;
    case PROP_SEED:
      g_value_set_uint (value, self->seed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bpl_document_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BplDocument *self = BPL_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_HISTORY_INDEX:
      bpl_document_set_history_index (self, g_value_get_uint (value));
      break;
    case PROP_SEED:
      bpl_document_set_seed (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bpl_document_finalize (GObject *object)
{
  BplDocument *self = BPL_DOCUMENT (object);

  g_clear_pointer (&self->network, bpl_network_free);
  g_clear_pointer (&self->saved, bpl_network_free);
  g_clear_pointer (&self->pre_training, bpl_network_free);
  g_clear_pointer (&self->trainer, bpl_trainer_free);
  g_clear_pointer (&self->scratch, bpl_forward_free);
  g_clear_pointer (&self->previous_weights, g_free);
  g_clear_pointer (&self->previous_biases, g_free);
  g_clear_object (&self->file);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->loss_steps, g_array_unref);
  g_clear_pointer (&self->loss_values, g_array_unref);
  g_clear_pointer (&self->loss_penalties, g_array_unref);
  g_clear_pointer (&self->loss_test_values, g_array_unref);
  g_clear_pointer (&self->trace, bpl_trace_free);
  g_clear_pointer (&self->record, g_free);
  g_clear_pointer (&self->view, bpl_network_free);
  g_clear_pointer (&self->observed.title, g_free);

  G_OBJECT_CLASS (bpl_document_parent_class)->finalize (object);
}

static GParamSpec *
read_only_boolean (const char *name)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE,
                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
read_only_uint (const char *name)
{
  return g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, 0,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
bpl_document_class_init (BplDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bpl_document_finalize;
  object_class->get_property = bpl_document_get_property;
  object_class->set_property = bpl_document_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] = read_only_boolean ("modified");
  properties[PROP_CAN_UNDO] = read_only_boolean ("can-undo");
  properties[PROP_CAN_REDO] = read_only_boolean ("can-redo");
  properties[PROP_CAN_RESET] = read_only_boolean ("can-reset");
  properties[PROP_STEPS] =
    g_param_spec_uint64 ("steps", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SAMPLES] = read_only_uint ("n-samples");
  properties[PROP_MEAN_ERROR] =
    g_param_spec_double ("mean-error", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_HISTORY] = read_only_uint ("n-history");
  properties[PROP_HISTORY_INDEX] =
    g_param_spec_uint ("history-index", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEWING_PAST] = read_only_boolean ("viewing-past");
  properties[PROP_SEED] =
    g_param_spec_uint ("seed", NULL, NULL, 0, G_MAXUINT32, DEFAULT_SEED,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A new network: views start afresh (no selection, its own sample). */
  signals[OPENED] =
    g_signal_new ("opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The shape or the samples changed: views rebuild. */
  signals[NETWORK_REPLACED] =
    g_signal_new ("network-replaced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Values of the network shown changed; the shape did not. */
  signals[VALUES_CHANGED] =
    g_signal_new ("values-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* One training step was taken: old → new can be shown. */
  signals[STEPPED] =
    g_signal_new ("stepped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
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
  self->loss_penalties = g_array_new (FALSE, FALSE, sizeof (double));
  self->loss_test_values = g_array_new (FALSE, FALSE, sizeof (double));
  self->trace = bpl_trace_new (1, HISTORY_BUDGET_DOUBLES, HISTORY_RECENT, HISTORY_THINNED);
  self->last_edit_key = NO_MERGE;
  self->seed = DEFAULT_SEED;
  bpl_document_set_network (self, bpl_network_new_worked_example (), NULL);
}

BplDocument *
bpl_document_new (void)
{
  return g_object_new (BPL_TYPE_DOCUMENT, NULL);
}

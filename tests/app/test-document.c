/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-document: the document model on its own, without a display: undo
 * and redo bring back the whole state (network, reset point, loss series,
 * training history), Reset goes back to before the current run, the
 * properties and change signals say each change once, and the
 * architecture edits are single undo steps. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bpl-document.h"

static const BplParam w3 = { BPL_PARAM_WEIGHT, 2 };

/* Everything a view shows of the history and the loss, to compare. */
typedef struct
{
  GArray *loss_steps;
  GArray *loss_values;
  GArray *history_steps;
  GArray *history_values;
  BplNetwork *network;
  gboolean can_reset;
} Seen;

static Seen *
seen_new (BplDocument *document)
{
  Seen *seen = g_new0 (Seen, 1);
  const BplNetwork *network = bpl_document_get_network (document);
  guint nw = bpl_network_get_n_weights (network);
  guint nb = bpl_network_get_n_biases (network);
  guint n = bpl_document_get_n_loss_points (document);

  seen->loss_steps = g_array_new (FALSE, FALSE, sizeof (guint64));
  seen->loss_values = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_vals (seen->loss_steps, bpl_document_get_loss_steps (document), n);
  g_array_append_vals (seen->loss_values, bpl_document_get_loss_values (document), n);
  seen->history_steps = g_array_new (FALSE, FALSE, sizeof (guint64));
  seen->history_values = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < bpl_document_get_n_history (document); i++)
    {
      guint64 step = bpl_document_get_history_step (document, i);

      g_array_append_val (seen->history_steps, step);
      for (guint p = 0; p < nw + nb; p++)
        {
          BplParam param = { p < nw ? BPL_PARAM_WEIGHT : BPL_PARAM_BIAS, p < nw ? p : p - nw };
          double v = bpl_document_get_history_value (document, i, param);

          g_array_append_val (seen->history_values, v);
        }
    }
  seen->network = bpl_network_copy (network);
  seen->can_reset = bpl_document_get_can_reset (document);
  return seen;
}

static void
seen_free (Seen *seen)
{
  g_array_unref (seen->loss_steps);
  g_array_unref (seen->loss_values);
  g_array_unref (seen->history_steps);
  g_array_unref (seen->history_values);
  bpl_network_free (seen->network);
  g_free (seen);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Seen, seen_free)

static void
assert_arrays_equal (GArray *a,
                     GArray *b,
                     gsize   element_size)
{
  g_assert_cmpuint (a->len, ==, b->len);
  g_assert_cmpmem (a->data, a->len * element_size, b->data, b->len * element_size);
}

/* The document shows exactly what @seen saw. */
static void
assert_seen (BplDocument *document,
             const Seen  *seen)
{
  g_autoptr(Seen) now = seen_new (document);

  g_assert_true (bpl_network_equal (now->network, seen->network));
  g_assert_cmpuint (bpl_network_get_steps (now->network), ==, bpl_network_get_steps (seen->network));
  assert_arrays_equal (now->loss_steps, seen->loss_steps, sizeof (guint64));
  assert_arrays_equal (now->loss_values, seen->loss_values, sizeof (double));
  assert_arrays_equal (now->history_steps, seen->history_steps, sizeof (guint64));
  assert_arrays_equal (now->history_values, seen->history_values, sizeof (double));
  g_assert_cmpint (now->can_reset, ==, seen->can_reset);
}

static double
weight (BplDocument *document,
        guint        w)
{
  return bpl_network_get_weight (bpl_document_get_network (document), w);
}

static guint64
steps (BplDocument *document)
{
  return bpl_network_get_steps (bpl_document_get_network (document));
}

/* Issue 17 (3): w3 = 0.9, Step, Undo twice: nothing to reset, and the
 * document is as it was opened. */
static void
test_reset_after_undo (void)
{
  BplDocument *document = bpl_document_new ();

  g_assert_false (bpl_document_get_can_reset (document));
  bpl_document_set_param (document, w3, 0.9);
  g_assert_false (bpl_document_get_can_reset (document));
  g_assert_true (bpl_document_step (document, NULL));
  g_assert_true (bpl_document_get_can_reset (document));

  bpl_document_undo (document);
  g_assert_cmpfloat (weight (document, 2), ==, 0.9);
  g_assert_cmpuint (steps (document), ==, 0);
  /* The edited network has not been trained: no run to reset. */
  g_assert_false (bpl_document_get_can_reset (document));

  bpl_document_undo (document);
  g_assert_cmpfloat (weight (document, 2), ==, 0.25);
  g_assert_false (bpl_document_get_modified (document));
  g_assert_false (bpl_document_get_can_reset (document));
  /* Reset now changes nothing. */
  bpl_document_reset (document);
  g_assert_cmpfloat (weight (document, 2), ==, 0.25);
  g_assert_false (bpl_document_get_modified (document));

  /* Redo twice: trained from w3 = 0.9, and Reset goes back there. */
  bpl_document_redo (document);
  bpl_document_redo (document);
  g_assert_cmpuint (steps (document), ==, 1);
  g_assert_true (bpl_document_get_can_reset (document));
  bpl_document_reset (document);
  g_assert_cmpuint (steps (document), ==, 0);
  g_assert_cmpfloat (weight (document, 2), ==, 0.9);
  g_assert_false (bpl_document_get_can_reset (document));
  g_assert_finalize_object (document);
}

/* The reset point follows undo and redo; Reset is one undo step. */
static void
test_reset_point_undo (void)
{
  BplDocument *document = bpl_document_new ();
  g_autoptr(Seen) trained = NULL;
  g_autoptr(Seen) edited = NULL;
  g_autoptr(Seen) reset = NULL;

  g_assert_true (bpl_document_train (document, 20, NULL, NULL));
  g_assert_true (bpl_document_step (document, NULL));
  trained = seen_new (document);

  /* An edit starts a new run: nothing to reset until it trains. */
  bpl_document_set_param (document, w3, 0.5);
  g_assert_false (bpl_document_get_can_reset (document));
  edited = seen_new (document);
  bpl_document_undo (document);
  assert_seen (document, trained);
  bpl_document_redo (document);
  assert_seen (document, edited);
  bpl_document_undo (document);

  /* Reset goes back to the start of the run, and is undone like an edit. */
  bpl_document_reset (document);
  g_assert_cmpuint (steps (document), ==, 0);
  g_assert_cmpfloat (weight (document, 2), ==, 0.25);
  g_assert_false (bpl_document_get_can_reset (document));
  g_assert_false (bpl_document_get_modified (document));
  g_assert_cmpuint (bpl_document_get_n_history (document), ==, 1);
  g_assert_cmpuint (bpl_document_get_n_loss_points (document), ==, 1);
  reset = seen_new (document);
  bpl_document_undo (document);
  assert_seen (document, trained);
  bpl_document_redo (document);
  assert_seen (document, reset);
  bpl_document_undo (document);

  /* One step back within the run: Reset still goes to its start. */
  bpl_document_undo (document);
  g_assert_cmpuint (steps (document), ==, 20);
  g_assert_true (bpl_document_get_can_reset (document));
  bpl_document_reset (document);
  g_assert_cmpuint (steps (document), ==, 0);
  g_assert_cmpfloat (weight (document, 2), ==, 0.25);
  g_assert_finalize_object (document);
}

/* Issue 17 (4): Train 1,000, Train 10,000, Undo, Redo: the loss series and
 * the history are exactly as they were, and every step stays reachable. */
static void
test_undo_redo_training (void)
{
  BplDocument *document = bpl_document_new ();
  g_autoptr(Seen) after_1000 = NULL;
  g_autoptr(Seen) after_11000 = NULL;
  guint n, middle;
  guint64 step;

  g_assert_true (bpl_document_train (document, 1000, NULL, NULL));
  after_1000 = seen_new (document);
  g_assert_cmpuint (bpl_document_get_n_history (document), ==, 1001);
  g_assert_true (bpl_document_train (document, 10000, NULL, NULL));
  after_11000 = seen_new (document);

  bpl_document_undo (document);
  assert_seen (document, after_1000);
  bpl_document_redo (document);
  assert_seen (document, after_11000);
  bpl_document_undo (document);
  bpl_document_redo (document);
  assert_seen (document, after_11000);

  /* The timeline's middle is a step in the middle of the run, and viewing
   * it shows that step's values. */
  n = bpl_document_get_n_history (document);
  middle = n / 2;
  step = bpl_document_get_history_step (document, middle);
  g_assert_cmpuint (step, >, 1000);
  g_assert_cmpuint (step, <, 11000);
  bpl_document_set_history_index (document, middle);
  g_assert_cmpuint (steps (document), ==, step);
  g_assert_cmpfloat (weight (document, 2), ==, bpl_document_get_history_value (document, middle, w3));
  /* The last 1,000 steps are there one by one. */
  g_assert_cmpuint (bpl_document_get_history_step (document, n - 1000), ==, 10001);

  /* Back to the start of the first run and forward again. */
  bpl_document_undo (document);
  bpl_document_undo (document);
  g_assert_cmpuint (steps (document), ==, 0);
  g_assert_cmpuint (bpl_document_get_n_history (document), ==, 1);
  g_assert_cmpuint (bpl_document_get_n_loss_points (document), ==, 1);
  bpl_document_redo (document);
  assert_seen (document, after_1000);
  bpl_document_redo (document);
  assert_seen (document, after_11000);
  g_assert_finalize_object (document);
}

/* Issue 10: on a 57,984-weight network the history holds dozens of
 * half-megabyte entries; undo steps share them rather than copy them, so
 * 25 Steps can all be undone, each back to its own values (a copy each:
 * one or two). */
static void
test_undo_large_network (void)
{
  static const guint layers[] = { 256, 128, 128, 64, 10 };
  BplDocument *document = bpl_document_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (10);
  g_autoptr(BplNetwork) network = bpl_network_new (layers, G_N_ELEMENTS (layers),
                                                   BPL_BIAS_PER_NEURON, NULL);
  g_autoptr(GArray) w0 = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint w = 0; w < bpl_network_get_n_weights (network); w++)
    bpl_network_set_weight (network, w, g_rand_double_range (rand, -0.15, 0.15));
  for (guint i = 0; i < 256; i++)
    bpl_network_set_input (network, 0, i, g_rand_double (rand));
  bpl_network_set_target (network, 0, 3, 1);
  bpl_document_set_network (document, g_steal_pointer (&network), NULL);
  for (guint s = 0; s < 25; s++)
    {
      double w = bpl_network_get_weight (bpl_document_get_live_network (document), 1000);

      g_array_append_val (w0, w);
      g_assert_true (bpl_document_step (document, NULL));
    }
  g_assert_cmpuint (bpl_document_get_n_history (document), ==, 26);
  for (guint s = 25; s-- > 0;)
    {
      g_assert_true (bpl_document_get_can_undo (document));
      bpl_document_undo (document);
      g_assert_cmpuint (steps (document), ==, s);
      g_assert_cmpfloat (bpl_network_get_weight (bpl_document_get_live_network (document), 1000),
                         ==, g_array_index (w0, double, s));
    }
  g_assert_cmpuint (bpl_document_get_n_history (document), ==, 1);
  g_assert_finalize_object (document);
}

/* Edits between runs, Step, and going on from a past step: every state
 * comes back whole, whichever way it is reached. */
static void
test_undo_redo_mixed (void)
{
  BplDocument *document = bpl_document_new ();
  GPtrArray *states = g_ptr_array_new_with_free_func ((GDestroyNotify) seen_free);
  guint last;

  g_ptr_array_add (states, seen_new (document));
  g_assert_true (bpl_document_train (document, 1500, NULL, NULL));
  g_ptr_array_add (states, seen_new (document));
  bpl_document_set_param (document, w3, 0.7);
  g_ptr_array_add (states, seen_new (document));
  bpl_document_set_learning_rate (document, 2.0);
  g_ptr_array_add (states, seen_new (document));
  g_assert_true (bpl_document_step (document, NULL));
  g_ptr_array_add (states, seen_new (document));
  g_assert_true (bpl_document_train (document, 3000, NULL, NULL));
  g_ptr_array_add (states, seen_new (document));
  /* Go on from a past step: the later ones are dropped, Undo brings them back. */
  bpl_document_set_history_index (document, 10);
  g_assert_true (bpl_document_get_viewing_past (document));
  g_assert_true (bpl_document_step (document, NULL));
  g_ptr_array_add (states, seen_new (document));
  bpl_document_reset (document);
  g_ptr_array_add (states, seen_new (document));
  /* A change of shape starts a new history. */
  {
    const guint sizes[] = { 2, 3, 2 };
    BplNetwork *reshaped = bpl_network_new (sizes, 3, BPL_BIAS_PER_LAYER, NULL);

    g_assert_nonnull (reshaped);
    bpl_network_set_weight (reshaped, 0, 0.3);
    g_assert_true (bpl_document_edit_network (document, reshaped, NULL));
    g_ptr_array_add (states, seen_new (document));
    g_assert_true (bpl_document_train (document, 50, NULL, NULL));
    g_ptr_array_add (states, seen_new (document));
  }

  last = states->len - 1;
  for (guint i = last; i > 0; i--)
    {
      bpl_document_undo (document);
      assert_seen (document, g_ptr_array_index (states, i - 1));
    }
  g_assert_false (bpl_document_get_can_undo (document));
  for (guint i = 1; i <= last; i++)
    {
      bpl_document_redo (document);
      assert_seen (document, g_ptr_array_index (states, i));
    }
  g_assert_false (bpl_document_get_can_redo (document));
  g_ptr_array_unref (states);
  g_assert_finalize_object (document);
}

/* A failed step leaves the redo history alone. */
static void
test_failed_step_keeps_redo (void)
{
  BplDocument *document = bpl_document_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (bpl_document_step (document, NULL));
  bpl_document_set_learning_rate (document, 1e300);
  bpl_document_set_param (document, w3, 1e300);
  bpl_document_undo (document);
  g_assert_true (bpl_document_get_can_redo (document));
  /* η = 1e300 with w3 = 0.25: the new weights are no longer finite. */
  g_assert_false (bpl_document_step (document, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_NOT_FINITE);
  g_assert_true (bpl_document_get_can_redo (document));
  g_assert_finalize_object (document);
}

/* Observing: how often each property and change signal fired. */
typedef struct
{
  GHashTable *notified;   /* property name → count */
  GString *signals;       /* "opened network-replaced values-changed stepped" */
} Watch;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Watch      *watch)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (watch->notified, pspec->name));

  g_hash_table_insert (watch->notified, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static void
record_signal (GObject    *object,
               const char *name,
               Watch      *watch)
{
  if (watch->signals->len > 0)
    g_string_append_c (watch->signals, ' ');
  g_string_append (watch->signals, name);
}

static void
on_opened (GObject *object,
           Watch   *watch)
{
  record_signal (object, "opened", watch);
}

static void
on_replaced (GObject *object,
             Watch   *watch)
{
  record_signal (object, "network-replaced", watch);
}

static void
on_values (GObject *object,
           Watch   *watch)
{
  record_signal (object, "values-changed", watch);
}

static void
on_stepped (GObject *object,
            Watch   *watch)
{
  record_signal (object, "stepped", watch);
}

static void
on_continued (BplDocument *document,
              guint64      step,
              guint64     *continued)
{
  *continued = step;
}

static void
watch_start (Watch       *watch,
             BplDocument *document)
{
  watch->notified = g_hash_table_new (g_str_hash, g_str_equal);
  watch->signals = g_string_new (NULL);
  g_signal_connect (document, "notify", G_CALLBACK (on_notify), watch);
  g_signal_connect (document, "opened", G_CALLBACK (on_opened), watch);
  g_signal_connect (document, "network-replaced", G_CALLBACK (on_replaced), watch);
  g_signal_connect (document, "values-changed", G_CALLBACK (on_values), watch);
  g_signal_connect (document, "stepped", G_CALLBACK (on_stepped), watch);
}

static void
watch_reset (Watch *watch)
{
  g_hash_table_remove_all (watch->notified);
  g_string_truncate (watch->signals, 0);
}

static guint
notified (Watch      *watch,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (watch->notified, name));
}

static void
watch_stop (Watch       *watch,
            BplDocument *document)
{
  g_signal_handlers_disconnect_by_data (document, watch);
  g_hash_table_unref (watch->notified);
  g_string_free (watch->signals, TRUE);
}

/* Each property notifies once when it changes, and not at all when it
 * does not; each change of the network is exactly one change signal. */
static void
test_notify_on_change (void)
{
  BplDocument *document = bpl_document_new ();
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bpl-document-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "saved.json", NULL);
  Watch watch;

  watch_start (&watch, document);

  bpl_document_set_param (document, w3, 0.9);
  g_assert_cmpstr (watch.signals->str, ==, "values-changed");
  g_assert_cmpuint (notified (&watch, "can-undo"), ==, 1);
  g_assert_cmpuint (notified (&watch, "modified"), ==, 1);
  g_assert_cmpuint (notified (&watch, "mean-error"), ==, 1);
  g_assert_cmpuint (notified (&watch, "can-redo"), ==, 0);
  g_assert_cmpuint (notified (&watch, "steps"), ==, 0);
  g_assert_cmpuint (notified (&watch, "title"), ==, 0);

  /* The same value again: nothing changed, nothing said. */
  watch_reset (&watch);
  bpl_document_set_param (document, w3, 0.9);
  g_assert_cmpstr (watch.signals->str, ==, "");
  g_assert_cmpuint (g_hash_table_size (watch.notified), ==, 0);

  /* A step: old → new, then the values. */
  watch_reset (&watch);
  g_assert_true (bpl_document_step (document, NULL));
  g_assert_cmpstr (watch.signals->str, ==, "stepped values-changed");
  g_assert_cmpuint (notified (&watch, "steps"), ==, 1);
  g_assert_cmpuint (notified (&watch, "can-reset"), ==, 1);
  g_assert_cmpuint (notified (&watch, "n-history"), ==, 1);
  g_assert_cmpuint (notified (&watch, "can-undo"), ==, 0);
  g_assert_nonnull (bpl_document_get_previous_weights (document));

  /* A new sample changes the shape of the data: views rebuild. */
  watch_reset (&watch);
  g_assert_true (bpl_document_add_sample (document, (double[]) { 1, 0 }, (double[]) { 0, 1 }, NULL));
  g_assert_cmpstr (watch.signals->str, ==, "network-replaced");
  g_assert_cmpuint (notified (&watch, "n-samples"), ==, 1);

  /* Saving: the file and title change, and it is no longer modified. */
  watch_reset (&watch);
  file = g_file_new_for_path (path);
  g_assert_true (bpl_document_save_file (document, file, NULL));
  g_assert_cmpstr (watch.signals->str, ==, "");
  g_assert_cmpuint (notified (&watch, "file"), ==, 1);
  g_assert_cmpuint (notified (&watch, "title"), ==, 1);
  g_assert_cmpuint (notified (&watch, "modified"), ==, 1);
  g_assert_cmpstr (bpl_document_get_title (document), ==, "saved.json");
  g_assert_false (bpl_document_get_modified (document));

  /* Opening: one signal for all of it. */
  watch_reset (&watch);
  g_assert_true (bpl_document_load_file (document, file, NULL));
  g_assert_cmpstr (watch.signals->str, ==, "opened");
  g_assert_cmpuint (notified (&watch, "can-undo"), ==, 1);
  g_assert_cmpuint (notified (&watch, "file"), ==, 0);
  g_assert_false (bpl_document_get_can_undo (document));

  watch_stop (&watch, document);
  g_unlink (path);
  g_rmdir (dir);
  g_assert_finalize_object (document);
}

/* The history position: a past step is shown everywhere, and the next
 * edit goes on from there. */
static void
test_history_position (void)
{
  BplDocument *document = bpl_document_new ();
  Watch watch;
  guint64 continued = 0;

  g_assert_true (bpl_document_train (document, 10, NULL, NULL));
  watch_start (&watch, document);
  bpl_document_set_history_index (document, 3);
  g_assert_cmpstr (watch.signals->str, ==, "values-changed");
  g_assert_cmpuint (notified (&watch, "viewing-past"), ==, 1);
  g_assert_cmpuint (notified (&watch, "history-index"), ==, 1);
  g_assert_cmpuint (bpl_document_get_history_index (document), ==, 3);
  g_assert_cmpuint (bpl_document_get_steps (document), ==, 3);
  g_assert_cmpuint (bpl_network_get_steps (bpl_document_get_live_network (document)), ==, 10);
  watch_reset (&watch);
  bpl_document_set_history_index (document, 3);
  g_assert_cmpstr (watch.signals->str, ==, "");

  g_signal_connect (document, "history-continued", G_CALLBACK (on_continued), &continued);
  bpl_document_set_param (document, w3, 0.5);
  g_assert_cmpuint (continued, ==, 3);
  g_assert_false (bpl_document_get_viewing_past (document));
  g_assert_cmpuint (bpl_network_get_steps (bpl_document_get_live_network (document)), ==, 3);
  /* Going on and the edit are one undo step: back to step 10. */
  bpl_document_undo (document);
  g_assert_cmpuint (bpl_document_get_steps (document), ==, 10);
  g_assert_cmpfloat (weight (document, 2), !=, 0.5);

  watch_stop (&watch, document);
  g_assert_finalize_object (document);
}

/* Consecutive edits of one value are one undo step; of another value, or
 * of the same input of another sample, they are not. */
static void
test_edits_merge (void)
{
  BplDocument *document = bpl_document_new ();
  const BplParam w4 = { BPL_PARAM_WEIGHT, 3 };
  const BplParam b1 = { BPL_PARAM_BIAS, 0 };
  const BplParam w1 = { BPL_PARAM_WEIGHT, 0 };

  g_assert_true (bpl_document_add_sample (document, (double[]) { 1, 0 }, (double[]) { 0, 1 }, NULL));
  bpl_document_set_param (document, w3, 0.3);
  bpl_document_set_param (document, w3, 0.4);
  bpl_document_set_param (document, w4, 0.5);
  /* w1 and b1 share their index (0) but are different values. */
  bpl_document_set_param (document, w1, 0.6);
  bpl_document_set_param (document, b1, 0.7);
  bpl_document_set_input (document, 0, 0, 0.8);
  bpl_document_set_input (document, 1, 0, 0.9);
  bpl_document_set_input (document, 1, 0, 0.95);

  bpl_document_undo (document);
  g_assert_cmpfloat (bpl_network_get_input (bpl_document_get_network (document), 1)[0], ==, 1);
  g_assert_cmpfloat (bpl_network_get_input (bpl_document_get_network (document), 0)[0], ==, 0.8);
  bpl_document_undo (document);
  g_assert_cmpfloat (bpl_network_get_input (bpl_document_get_network (document), 0)[0], ==, 0.05);
  bpl_document_undo (document);
  g_assert_cmpfloat (bpl_network_get_bias (bpl_document_get_network (document), 0), ==, 0.35);
  g_assert_cmpfloat (weight (document, 0), ==, 0.6);
  bpl_document_undo (document);
  g_assert_cmpfloat (weight (document, 0), ==, 0.15);
  bpl_document_undo (document);
  g_assert_cmpfloat (weight (document, 3), ==, 0.3);
  g_assert_cmpfloat (weight (document, 2), ==, 0.4);
  bpl_document_undo (document);
  g_assert_cmpfloat (weight (document, 2), ==, 0.25);
  g_assert_finalize_object (document);
}

/* The architecture editor's edits: each one undo step, refused with a
 * message that says why. */
static void
test_architecture (void)
{
  BplDocument *document = bpl_document_new ();
  g_autoptr(BplNetwork) worked = bpl_network_new_worked_example ();
  g_autoptr(GError) error = NULL;
  const BplNetwork *net;
  guint n_undo = 0;

  g_assert_true (bpl_document_set_layer_size (document, 1, 3, &error));
  g_assert_no_error (error);
  net = bpl_document_get_network (document);
  g_assert_cmpuint (bpl_network_get_n_weights (net), ==, 12);
  /* Kept where the connection still exists; new ones drawn in ±0.5. */
  g_assert_cmpfloat (bpl_network_get_weight (net, 0), ==, 0.15);
  g_assert_cmpfloat (bpl_network_get_weight (net, (guint) bpl_network_find_weight (net, 2, 5)), ==, 0.4);
  g_assert_cmpfloat (fabs (bpl_network_get_weight (net, (guint) bpl_network_find_weight (net, 0, 4))), <=, 0.5);
  /* The same size again is no edit. */
  g_assert_true (bpl_document_set_layer_size (document, 1, 3, &error));
  /* A second new neuron starts from weights of its own, not h3's again. */
  g_assert_true (bpl_document_set_layer_size (document, 1, 4, &error));
  net = bpl_document_get_network (document);
  g_assert_cmpfloat (bpl_network_get_weight (net, (guint) bpl_network_find_weight (net, 0, 4)), !=,
                     bpl_network_get_weight (net, (guint) bpl_network_find_weight (net, 0, 5)));
  g_assert_cmpfloat (bpl_network_get_weight (net, (guint) bpl_network_find_weight (net, 4, 6)), !=,
                     bpl_network_get_weight (net, (guint) bpl_network_find_weight (net, 5, 6)));
  bpl_document_undo (document);
  n_undo = 1;
  g_assert_true (bpl_document_add_hidden_layer (document, &error));
  g_assert_cmpuint (bpl_network_get_n_layers (bpl_document_get_network (document)), ==, 4);
  g_assert_true (bpl_document_set_activation (document, 2, BPL_ACTIVATION_TANH, &error));
  g_assert_true (bpl_document_remove_hidden_layer (document, 1, &error));
  g_assert_cmpuint (bpl_network_get_n_layers (bpl_document_get_network (document)), ==, 3);
  g_assert_true (bpl_document_set_bias_mode (document, BPL_BIAS_PER_NEURON, &error));
  g_assert_true (bpl_document_set_update_biases (document, TRUE, &error));
  g_assert_true (bpl_document_set_training (document, BPL_TRAINING_BATCH, &error));
  g_assert_true (bpl_document_set_update_order (document, BPL_UPDATE_OUTPUT_FIRST, &error));
  g_assert_true (bpl_document_set_all_weights (document, 0.25, &error));
  net = bpl_document_get_network (document);
  for (guint w = 0; w < bpl_network_get_n_weights (net); w++)
    g_assert_cmpfloat (bpl_network_get_weight (net, w), ==, 0.25);
  n_undo += 8;

  /* The seed decides the random weights: the same seed, the same weights. */
  bpl_document_set_seed (document, 7);
  g_assert_true (bpl_document_randomize_weights (document, &error));
  {
    g_autoptr(BplNetwork) first = bpl_document_dup_network (document);

    g_assert_true (bpl_document_randomize_weights (document, &error));
    g_assert_true (bpl_network_equal (first, bpl_document_get_network (document)));
  }
  n_undo += 1;

  /* Refused: cross-entropy with a linear output layer, a layer that is
   * not there, a weight that is not a number. */
  g_assert_true (bpl_document_set_activation (document, 2, BPL_ACTIVATION_LINEAR, &error));
  n_undo += 1;
  g_assert_false (bpl_document_set_loss (document, BPL_LOSS_CROSS_ENTROPY, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_cmpint (bpl_network_get_loss (bpl_document_get_network (document)), ==, BPL_LOSS_SQUARED_ERROR);
  g_assert_false (bpl_document_remove_hidden_layer (document, 2, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (bpl_document_set_all_weights (document, NAN, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_NOT_FINITE);
  g_clear_error (&error);

  for (guint i = 0; i < n_undo; i++)
    {
      g_assert_true (bpl_document_get_can_undo (document));
      bpl_document_undo (document);
    }
  g_assert_false (bpl_document_get_can_undo (document));
  g_assert_true (bpl_network_equal (bpl_document_get_network (document), worked));
  g_assert_finalize_object (document);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/document/reset-after-undo", test_reset_after_undo);
  g_test_add_func ("/app/document/reset-point-undo", test_reset_point_undo);
  g_test_add_func ("/app/document/undo-redo-training", test_undo_redo_training);
  g_test_add_func ("/app/document/undo-redo-mixed", test_undo_redo_mixed);
  g_test_add_func ("/app/document/undo-large-network", test_undo_large_network);
  g_test_add_func ("/app/document/failed-step-keeps-redo", test_failed_step_keeps_redo);
  g_test_add_func ("/app/document/notify-on-change", test_notify_on_change);
  g_test_add_func ("/app/document/history-position", test_history_position);
  g_test_add_func ("/app/document/edits-merge", test_edits_merge);
  g_test_add_func ("/app/document/architecture", test_architecture);

  return g_test_run ();
}

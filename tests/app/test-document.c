/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-document: the document model on its own, without a display: undo
 * and redo bring back the whole state (network, reset point, loss series,
 * training history), and Reset goes back to before the current run. */
#include "config.h"

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
  g_autoptr(BplDocument) document = bpl_document_new ();

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
}

/* The reset point follows undo and redo; Reset is one undo step. */
static void
test_reset_point_undo (void)
{
  g_autoptr(BplDocument) document = bpl_document_new ();
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
}

/* Issue 17 (4): Train 1,000, Train 10,000, Undo, Redo: the loss series and
 * the history are exactly as they were, and every step stays reachable. */
static void
test_undo_redo_training (void)
{
  g_autoptr(BplDocument) document = bpl_document_new ();
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
  bpl_document_view_history (document, middle);
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
}

/* Edits between runs, Step, and going on from a past step: every state
 * comes back whole, whichever way it is reached. */
static void
test_undo_redo_mixed (void)
{
  g_autoptr(BplDocument) document = bpl_document_new ();
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
  bpl_document_view_history (document, 10);
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
}

/* A failed step leaves the redo history alone. */
static void
test_failed_step_keeps_redo (void)
{
  g_autoptr(BplDocument) document = bpl_document_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (bpl_document_step (document, NULL));
  bpl_document_set_learning_rate (document, 1e300);
  bpl_document_set_param (document, w3, 1e300);
  bpl_document_undo (document);
  g_assert_true (bpl_document_get_can_redo (document));
  if (bpl_document_step (document, &error))
    {
      g_test_skip ("the step did not fail");
      return;
    }
  g_assert_true (bpl_document_get_can_redo (document));
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
  g_test_add_func ("/app/document/failed-step-keeps-redo", test_failed_step_keeps_redo);

  return g_test_run ();
}

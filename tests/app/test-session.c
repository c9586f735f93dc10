/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-session: the view state over a document, without a display: the
 * selection, hover, emphasis and sample, what views draw from them, and
 * the order in which a change reaches a view. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bpl-session.h"

static const BplHit w3 = { BPL_HIT_WEIGHT, 2 };
static const BplHit h1 = { BPL_HIT_NEURON, 2 };
static const BplHit none = { BPL_HIT_NONE, 0 };

typedef struct
{
  BplDocument *document;
  BplSession *session;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->document = bpl_document_new ();
  f->session = bpl_session_new (f->document);
  g_object_unref (f->document);  /* the session holds it */
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->document), (gpointer *) &f->document);
  g_assert_finalize_object (f->session);
  g_assert_null (f->document);
}

static void
count (GObject    *object,
       GParamSpec *pspec,
       guint      *n)
{
  (*n)++;
}

static guint
count_notifies (GObject    *object,
                const char *name,
                void      (*change) (Fixture *),
                Fixture    *f)
{
  g_autofree char *signal = g_strconcat ("notify::", name, NULL);
  guint n = 0;
  gulong id = g_signal_connect (object, signal, G_CALLBACK (count), &n);

  change (f);
  g_signal_handler_disconnect (object, id);
  return n;
}

static void
select_w3 (Fixture *f)
{
  bpl_session_set_selection (f->session, w3);
}

/* Selection, hover and emphasis notify once, on a change, and never hold
 * what the network has not. */
static void
test_selection (Fixture       *f,
                gconstpointer  data)
{
  BplHit *boxed = NULL;
  BplParam param;

  g_assert_cmpuint (count_notifies (G_OBJECT (f->session), "selection", select_w3, f), ==, 1);
  g_assert_cmpuint (count_notifies (G_OBJECT (f->session), "selection", select_w3, f), ==, 0);
  g_assert_true (bpl_session_get_selected_param (f->session, &param));
  g_assert_cmpint (param.kind, ==, BPL_PARAM_WEIGHT);
  g_assert_cmpuint (param.index, ==, 2);

  /* A property like any other: boxed. */
  g_object_get (f->session, "selection", &boxed, NULL);
  g_assert_true (bpl_hit_equal (*boxed, w3));
  g_free (boxed);
  g_object_set (f->session, "selection", &h1, NULL);
  g_assert_true (bpl_hit_equal (bpl_session_get_selection (f->session), h1));
  g_assert_false (bpl_session_get_selected_param (f->session, &param));

  /* No weight 99. */
  bpl_session_set_selection (f->session, (BplHit) { BPL_HIT_WEIGHT, 99 });
  g_assert_true (bpl_hit_equal (bpl_session_get_selection (f->session), none));

  /* A new selection ends the emphasis of a factor of the old one. */
  bpl_session_set_selection (f->session, w3);
  bpl_session_set_emphasis (f->session, h1);
  bpl_session_set_hover (f->session, h1);
  bpl_session_set_selection (f->session, h1);
  g_assert_true (bpl_hit_equal (bpl_session_get_emphasis (f->session), none));
  g_assert_true (bpl_hit_equal (bpl_session_get_hover (f->session), h1));
}

/* A new shape keeps what still exists; a new network starts afresh. */
static void
test_follows_shape (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  bpl_session_set_selection (f->session, (BplHit) { BPL_HIT_WEIGHT, 7 });
  bpl_session_set_hover (f->session, w3);
  g_assert_true (bpl_document_set_layer_size (f->document, 1, 3, &error));
  /* w8 is still there (12 weights now); hover ends with the old shape. */
  g_assert_true (bpl_hit_equal (bpl_session_get_selection (f->session), (BplHit) { BPL_HIT_WEIGHT, 7 }));
  g_assert_true (bpl_hit_equal (bpl_session_get_hover (f->session), none));
  bpl_session_set_selection (f->session, (BplHit) { BPL_HIT_WEIGHT, 11 });
  bpl_document_undo (f->document);
  g_assert_true (bpl_hit_equal (bpl_session_get_selection (f->session), none));

  bpl_session_set_selection (f->session, w3);
  bpl_document_set_network (f->document, bpl_network_new_worked_example (), NULL);
  g_assert_true (bpl_hit_equal (bpl_session_get_selection (f->session), none));
}

/* The sample shown: what inputs edit and what the forward pass is of. */
static void
test_sample (Fixture       *f,
             gconstpointer  data)
{
  guint index = 0;
  double out0;
  guint o1 = 4;

  g_assert_true (bpl_document_add_sample (f->document, (double[]) { 1, 0 }, (double[]) { 0, 1 }, &index));
  g_assert_cmpuint (index, ==, 1);
  out0 = bpl_session_get_forward (f->session)->out[o1];
  bpl_session_set_sample (f->session, 1);
  g_assert_cmpuint (bpl_session_get_sample (f->session), ==, 1);
  g_assert_cmpfloat (bpl_session_get_forward (f->session)->out[o1], !=, out0);
  /* No sample 5. */
  bpl_session_set_sample (f->session, 5);
  g_assert_cmpuint (bpl_session_get_sample (f->session), ==, 1);

  /* The sample goes: the one before it is shown. */
  g_assert_true (bpl_document_remove_sample (f->document, 1));
  g_assert_cmpuint (bpl_session_get_sample (f->session), ==, 0);
  g_assert_cmpfloat (bpl_session_get_forward (f->session)->out[o1], ==, out0);
}

/* What views draw: the forward pass and the gradients of the network
 * shown, a past step included, as the core computes them. */
static void
test_computed (Fixture       *f,
               gconstpointer  data)
{
  const BplNetwork *network;
  g_autoptr(BplForward) forward = NULL;
  double wg[8], bg[2];

  g_assert_true (bpl_document_train (f->document, 20, NULL, NULL));
  bpl_document_set_history_index (f->document, 5);
  network = bpl_session_get_network (f->session);
  g_assert_cmpuint (bpl_network_get_steps (network), ==, 5);
  forward = bpl_forward_new (network);
  bpl_network_gradient (network, 0, forward, wg, bg);
  g_assert_cmpmem (bpl_session_get_forward (f->session)->out, sizeof (double) * forward->n_neurons,
                   forward->out, sizeof (double) * forward->n_neurons);
  g_assert_cmpmem (bpl_session_get_weight_gradients (f->session), sizeof wg, wg, sizeof wg);
  g_assert_cmpmem (bpl_session_get_bias_gradients (f->session), sizeof bg, bg, sizeof bg);
}

static void
check_forward_fits (BplSession *session)
{
  g_assert_cmpuint (bpl_session_get_forward (session)->n_neurons, ==,
                    bpl_network_get_n_neurons (bpl_session_get_network (session)));
}

/* A view hears of a change only once the session has followed it: the
 * forward pass it reads then fits the new shape. */
static void
test_views_hear_last (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_signal_connect (f->session, "network-replaced", G_CALLBACK (check_forward_fits), NULL);
  g_signal_connect (f->session, "values-changed", G_CALLBACK (check_forward_fits), NULL);
  g_signal_connect (f->session, "notify::selection", G_CALLBACK (check_forward_fits), NULL);
  bpl_session_set_selection (f->session, (BplHit) { BPL_HIT_NEURON, 5 });
  g_assert_true (bpl_document_add_hidden_layer (f->document, &error));
  g_assert_true (bpl_document_set_layer_size (f->document, 2, 5, &error));
  bpl_document_undo (f->document);
  bpl_document_set_network (f->document, bpl_network_new_worked_example (), NULL);
}

static void
test_describe (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *weight = bpl_session_describe_hit (f->session, w3, 8, BPL_EXPR_TEXT);
  g_autofree char *neuron = bpl_session_describe_hit (f->session, h1, 6, BPL_EXPR_TEXT);

  g_assert_cmpstr (weight, ==, "Weight w3 from i1 to h2 = 0.25\n∂E_total/∂w3 = 0.00049771274");
  g_assert_nonnull (strstr (neuron, "out = 0.59327"));
  g_assert_null (bpl_session_describe_hit (f->session, none, 6, BPL_EXPR_TEXT));
}

/* A view toggle is a property: "log-scale" proves the pattern. */
static void
test_log_scale (Fixture       *f,
                gconstpointer  data)
{
  gboolean log_scale = TRUE;

  g_object_set (f->session, "log-scale", TRUE, NULL);
  g_assert_true (bpl_session_get_log_scale (f->session));
  bpl_session_set_log_scale (f->session, FALSE);
  g_object_get (f->session, "log-scale", &log_scale, NULL);
  g_assert_false (log_scale);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/app/session/selection", test_selection);
  ADD ("/app/session/follows-shape", test_follows_shape);
  ADD ("/app/session/sample", test_sample);
  ADD ("/app/session/computed", test_computed);
  ADD ("/app/session/views-hear-last", test_views_hear_last);
  ADD ("/app/session/describe", test_describe);
  ADD ("/app/session/log-scale", test_log_scale);
#undef ADD

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-torch-reference.c: Backprop Lens against PyTorch. torch-reference.py
 * (run by hand; needs python3-torch) builds seeded random networks of every
 * activation and loss, softmax included, with penalties, mini-batches,
 * momentum and Adam, and writes what float64 autograd and torch.optim make
 * of them into torch-reference.json. This test reads that file only: every
 * sample's error and gradient ∂(E_s + λR)/∂p must agree to 1e-9, the
 * parameters after 1 and after 20 training steps to 1e-8, and the
 * derivation's gradient and new value with them. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "backprop-lens.h"

/* |a − b| ≤ tol·max(1, |b|), and the largest such ratio seen. */
static double worst_gradient, worst_parameter;

static void
expect_close (double got, double want, double tol, double *worst, const char *what, const char *name, guint i)
{
  double ratio = fabs (got - want) / MAX (1.0, fabs (want));

  *worst = MAX (*worst, ratio);
  if (!(ratio <= tol))
    g_error ("%s: %s[%u] is %.17g, PyTorch has %.17g (off by %.3g, allowed %g)", name, what, i, got, want,
             ratio, tol);
}

static void
expect_values (JsonArray *want, const double *got, guint n, double tol, double *worst, const char *what,
               const char *name)
{
  g_assert_cmpuint (json_array_get_length (want), ==, n);
  for (guint i = 0; i < n; i++)
    expect_close (got[i], json_array_get_double_element (want, i), tol, worst, what, name, i);
}

static JsonNode *
load_fixture (JsonParser *parser)
{
  g_autofree char *path = g_build_filename (g_getenv ("BPL_SOURCE_ROOT"), "tests", "core", "torch-reference.json",
                                            NULL);
  g_autoptr (GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_parser_get_root (parser);
}

static BplNetwork *
case_network (JsonObject *c)
{
  const char *text = json_object_get_string_member (c, "network");
  g_autoptr (GError) error = NULL;
  BplNetwork *net = bpl_network_load_from_data (text, strlen (text), "torch-reference.json", &error);

  g_assert_no_error (error);
  return net;
}

static void
check_case (JsonObject *c)
{
  g_autoptr (BplNetwork) net = case_network (c);
  g_autoptr (BplNetwork) trained = bpl_network_copy (net);
  g_autoptr (BplTrainer) trainer = bpl_trainer_new (net);
  g_autoptr (BplForward) fw = bpl_forward_new (net);
  const char *name = bpl_network_get_name (net);
  guint nw = bpl_network_get_n_weights (net), nb = bpl_network_get_n_biases (net);
  g_autofree double *wg = g_new0 (double, MAX (nw, 1));
  g_autofree double *bg = g_new0 (double, MAX (nb, 1));
  JsonArray *gradients = json_object_get_array_member (c, "gradients");
  JsonObject *after_1 = json_object_get_object_member (c, "after_1_step");
  JsonObject *after_n = json_object_get_object_member (c, "trained");
  guint64 steps = (guint64) json_object_get_int_member (c, "steps");

  g_test_message ("%s", name);
  /* Each sample's error and ∂(E_s + λR)/∂p. */
  for (guint s = 0; s < json_array_get_length (gradients); s++)
    {
      JsonObject *g = json_array_get_object_element (gradients, s);
      g_assert_cmpuint (json_object_get_int_member (g, "sample"), ==, s);
      bpl_network_gradient (net, s, fw, wg, bg);
      for (guint i = 0; i < nw; i++)
        wg[i] += bpl_network_get_penalty_gradient (net, i);
      expect_close (fw->total_error, json_object_get_double_member (g, "error"), 1e-12, &worst_gradient, "E",
                    name, s);
      expect_values (json_object_get_array_member (g, "weights"), wg, nw, 1e-9, &worst_gradient,
                     "∂(E + λR)/∂w", name);
      expect_values (json_object_get_array_member (g, "biases"), bg, nb, 1e-9, &worst_gradient,
                     "∂(E + λR)/∂b", name);
    }

  /* The derivation of every parameter on sample 1: its gradient, and the
   * new value the first step gives. */
  {
    JsonObject *g0 = json_array_get_object_element (gradients, 0);
    for (guint i = 0; i < nw + nb; i++)
      {
        BplParam p = { i < nw ? BPL_PARAM_WEIGHT : BPL_PARAM_BIAS, i < nw ? i : i - nw };
        g_autoptr (BplDerivation) d = bpl_derivation_new (net, p, 0, NULL);
        JsonArray *want_g = json_object_get_array_member (g0, i < nw ? "weights" : "biases");
        JsonArray *want_p = json_object_get_array_member (after_1, i < nw ? "weights" : "biases");
        expect_close (d->objective_gradient, json_array_get_double_element (want_g, p.index), 1e-9,
                      &worst_gradient, "derivation gradient", name, i);
        if (p.kind == BPL_PARAM_WEIGHT || bpl_network_get_update_biases (net))
          expect_close (d->new_value, json_array_get_double_element (want_p, p.index), 1e-8, &worst_parameter,
                        "derivation new value", name, i);
      }
  }

  /* Training: after one step, and after all of them. */
  g_assert_true (bpl_trainer_step (trainer, trained, NULL));
  expect_values (json_object_get_array_member (after_1, "weights"), bpl_network_get_weights (trained), nw, 1e-8,
                 &worst_parameter, "w after 1 step", name);
  expect_values (json_object_get_array_member (after_1, "biases"), bpl_network_get_biases (trained), nb, 1e-8,
                 &worst_parameter, "b after 1 step", name);
  g_assert_true (bpl_trainer_train (trainer, trained, steps - 1, NULL, NULL));
  expect_values (json_object_get_array_member (after_n, "weights"), bpl_network_get_weights (trained), nw, 1e-8,
                 &worst_parameter, "w after training", name);
  expect_values (json_object_get_array_member (after_n, "biases"), bpl_network_get_biases (trained), nb, 1e-8,
                 &worst_parameter, "b after training", name);
}

static void
test_cases (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonArray *cases = json_object_get_array_member (json_node_get_object (load_fixture (parser)), "cases");
  gboolean seen[5] = { FALSE };

  g_assert_cmpuint (json_array_get_length (cases), >=, 10);
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *c = json_array_get_object_element (cases, i);
      g_autoptr (BplNetwork) net = case_network (c);
      check_case (c);
      for (guint l = 1; l < bpl_network_get_n_layers (net); l++)
        seen[bpl_network_get_activation (net, l)] = TRUE;
    }
  /* Every activation was checked. */
  for (guint a = 0; a < G_N_ELEMENTS (seen); a++)
    g_assert_true (seen[a]);
  g_test_message ("largest relative difference from PyTorch: %.3g in gradients, %.3g in parameters",
                  worst_gradient, worst_parameter);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/torch-reference/cases", test_cases);

  return g_test_run ();
}

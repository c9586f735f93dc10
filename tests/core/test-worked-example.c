/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-worked-example.c: every number ../shared/reference/worked-example.txt
 * prints, to the digits it shows, from the forward pass, the derivation of
 * w3 and one training step; and the derivation's structure.
 *
 * Comparison rule (assert_shown): the example sometimes rounds and sometimes
 * truncates, so a value passes when it is within one unit of the last shown
 * decimal place.
 *
 * Five of the example's numbers were computed from its own already-rounded
 * intermediates and carry that rounding:
 *   net_o2 1.22492140404       from out_h1 rounded to 0.593269992 (5.65 units off)
 *   out_o2 0.77292846531       from that net_o2                   (1.15 units off)
 *   −0.21707153469             from that out_o2                   (1.15 units off)
 *   ∂E_o1/∂out_h2 0.0623243529 from ∂E_o1/∂net_o1 rounded to 0.138498562 (1.67 units off)
 *   ∂E_total/∂out_h2 0.04137032282 from 0.0623243529 above           (17 units off)
 * A flat two-unit tolerance fits only three of them, so each is checked
 * precisely instead (assert_shown_from_rounded): the exact effect of the
 * example's rounded inputs, computed from our full-precision values and the
 * inputs as the example shows them, is taken off and what remains must agree
 * to one unit. For the three that are plain sums or products of shown
 * numbers that check confirms the example's arithmetic, so our own value is
 * also held to two units (of the coarsest input's last place for
 * 0.04137032282, whose 10-decimal addend limits it to 1e-10). Our
 * full-precision value is printed for every number (g_test_message). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "backprop-lens.h"
#include "bpl-test-util.h"

static BplNetwork *
worked_example (void)
{
  return bpl_network_new_worked_example ();
}

static void
test_forward (void)
{
  g_autoptr (BplNetwork) net = worked_example ();
  g_autoptr (BplForward) fw = bpl_forward_new (net);
  guint h1, h2, o1, o2;

  g_assert_true (bpl_network_parse_neuron (net, "h1", &h1));
  g_assert_true (bpl_network_parse_neuron (net, "h2", &h2));
  g_assert_true (bpl_network_parse_neuron (net, "o1", &o1));
  g_assert_true (bpl_network_parse_neuron (net, "o2", &o2));

  bpl_forward_compute (fw, net, 0);

  assert_shown (fw->net[h1], "0.3775");
  assert_shown (fw->out[h1], "0.593269992");
  assert_shown (fw->net[h2], "0.3925");
  assert_shown (fw->out[h2], "0.59688437826");
  assert_shown (fw->net[o1], "1.105905967");
  assert_shown (fw->out[o1], "0.75136507");
  /* The example adds w7·0.593269992: out_h1 rounded to 9 places. */
  assert_shown_from_rounded (fw->net[o2], 0.50 * (fw->out[h1] - 0.593269992) + 0.55 * (fw->out[h2] - 0.59688437826),
                             "1.22492140404");
  /* The example's 1/(1 + e^−1.22492140404): from its own net_o2. */
  assert_shown_from_rounded (fw->out[o2], fw->out[o2] - bpl_activate (BPL_ACTIVATION_SIGMOID, 1.22492140404),
                             "0.77292846531");
  assert_shown_units (fw->out[o2], "0.77292846531", 2);
  assert_shown (fw->total_error, "0.298371109");
  assert_shown (fw->error[0] + fw->error[1], "0.298371109");
}

/* The factor of @kind at position @i of @path, checked. */
static const BplFactor *
factor_at (const BplPath *path, guint i, BplFactorKind kind)
{
  g_assert_cmpuint (i, <, path->n_factors);
  g_assert_cmpint (path->factors[i].kind, ==, kind);
  return &path->factors[i];
}

static void
assert_rendered (const BplExpr *expr, const char *expected)
{
  g_autofree char *text = bpl_expr_render (expr, BPL_EXPR_TEXT, 11);
  g_assert_cmpstr (text, ==, expected);
}

static BplDerivation *
derive (const BplNetwork *net, const char *name)
{
  g_autoptr (GError) error = NULL;
  BplParam param;
  BplDerivation *d;

  g_assert_true (bpl_network_parse_param (net, name, &param, &error));
  g_assert_no_error (error);
  d = bpl_derivation_new (net, param, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (d);
  return d;
}

static void
test_w3_factors (void)
{
  g_autoptr (BplNetwork) net = worked_example ();
  g_autoptr (BplDerivation) d = derive (net, "w3");
  const BplPath *p1, *p2;
  guint o1, o2;

  g_assert_true (bpl_network_parse_neuron (net, "o1", &o1));
  g_assert_true (bpl_network_parse_neuron (net, "o2", &o2));
  g_assert_cmpuint (d->n_paths, ==, 2);
  g_assert_cmpuint (d->n_paths_total, ==, 2);
  g_assert_false (d->paths_truncated);
  p1 = &d->paths[0];
  p2 = &d->paths[1];
  g_assert_cmpuint (p1->output, ==, o1);
  g_assert_cmpuint (p2->output, ==, o2);
  g_assert_cmpuint (p1->n_factors, ==, 5);
  g_assert_cmpuint (p2->n_factors, ==, 5);

  /* Branch through o1: steps 4 to 8 of the example. */
  assert_shown (factor_at (p1, 0, BPL_FACTOR_NET_WRT_PARAM)->value, "0.05");
  assert_shown (factor_at (p1, 1, BPL_FACTOR_OUT_WRT_NET)->value, "0.24061341724");
  assert_shown (factor_at (p1, 2, BPL_FACTOR_NET_WRT_OUT)->value, "0.45");
  assert_shown (factor_at (p1, 3, BPL_FACTOR_OUT_WRT_NET)->value, "0.186815602");
  assert_shown (factor_at (p1, 4, BPL_FACTOR_ERROR_WRT_OUT)->value, "0.74136507");

  /* Branch through o2. */
  assert_shown (factor_at (p2, 0, BPL_FACTOR_NET_WRT_PARAM)->value, "0.05");
  assert_shown (factor_at (p2, 1, BPL_FACTOR_OUT_WRT_NET)->value, "0.24061341724");
  assert_shown (factor_at (p2, 2, BPL_FACTOR_NET_WRT_OUT)->value, "0.55");
  assert_shown (factor_at (p2, 3, BPL_FACTOR_OUT_WRT_NET)->value, "0.17551005282");
  /* −(0.99 − 0.77292846531): from the example's own out_o2 (see the top). */
  {
    double out_o2 = bpl_network_get_target (net, 0)[1] + factor_at (p2, 4, BPL_FACTOR_ERROR_WRT_OUT)->value;
    assert_shown_from_rounded (p2->factors[4].value, out_o2 - 0.77292846531, "-0.21707153469");
    assert_shown_units (p2->factors[4].value, "-0.21707153469", 2);
  }

  /* Symbols and formulas, as structured data rendered in plain text. */
  assert_rendered (p1->factors[0].symbol, "∂net_h2/∂w3");
  assert_rendered (p1->factors[0].formula, "i1");
  assert_rendered (p1->factors[1].symbol, "∂out_h2/∂net_h2");
  assert_rendered (p1->factors[1].formula, "out_h2(1 - out_h2)");
  assert_rendered (p1->factors[2].symbol, "∂net_o1/∂out_h2");
  assert_rendered (p1->factors[2].formula, "w6");
  assert_rendered (p1->factors[3].symbol, "∂out_o1/∂net_o1");
  assert_rendered (p1->factors[3].formula, "out_o1(1 - out_o1)");
  assert_rendered (p1->factors[4].symbol, "∂E_o1/∂out_o1");
  assert_rendered (p1->factors[4].formula, "out_o1 - target_o1");
  assert_rendered (p2->factors[2].formula, "w8");
  assert_rendered (p2->factors[4].formula, "out_o2 - target_o2");
  assert_rendered (p1->symbol, "∂E_o1/∂w3");
  assert_rendered (p2->symbol, "∂E_o2/∂w3");
  assert_rendered (d->gradient_symbol, "∂E_total/∂w3");
  assert_rendered (d->sum, "∂E_o1/∂w3 + ∂E_o2/∂w3");

  /* The weights the factors come from, for hover highlighting. */
  g_assert_cmpint (p1->factors[0].weight, ==, 2);
  g_assert_cmpint (p1->factors[2].weight, ==, 5);
  g_assert_cmpint (p2->factors[2].weight, ==, 7);
}

static void
test_w3_gradient_and_update (void)
{
  g_autoptr (BplNetwork) net = worked_example ();
  g_autoptr (BplDerivation) d = derive (net, "w3");
  double sum = 0.0;

  for (guint i = 0; i < d->n_paths; i++)
    {
      double product = 1.0;
      for (guint f = 0; f < d->paths[i].n_factors; f++)
        product *= d->paths[i].factors[f].value;
      assert_close (d->paths[i].product, product, 1e-15, 0);
      sum += d->paths[i].product;
    }
  assert_close (sum, d->gradient, 1e-14, 0);
  assert_close (d->numerical_gradient, d->gradient, 1e-8, 0);

  g_assert_cmpfloat (d->value, ==, 0.25);
  g_assert_cmpfloat (d->learning_rate, ==, 0.5);
  assert_shown (d->gradient, "0.00049771273");
  assert_shown (d->new_value, "0.24975114363");
  g_assert_cmpfloat (d->new_value, ==, d->value - d->learning_rate * d->gradient);
}

/* The example's part A: ∂E_total/∂out_h2 built up from its pieces. */
static void
test_w3_intermediates (void)
{
  g_autoptr (BplNetwork) net = worked_example ();
  g_autoptr (BplDerivation) d = derive (net, "w3");
  const BplPath *p1 = &d->paths[0], *p2 = &d->paths[1];
  double dE1_dnet_o1 = p1->factors[4].value * p1->factors[3].value;
  double dE1_dout_h2 = dE1_dnet_o1 * p1->factors[2].value;
  double dE2_dnet_o2 = p2->factors[4].value * p2->factors[3].value;
  double dE2_dout_h2 = dE2_dnet_o2 * p2->factors[2].value;
  double dE_dout_h2 = dE1_dout_h2 + dE2_dout_h2;
  guint o1, o2, h2;
  gboolean seen_o1 = FALSE, seen_o2 = FALSE, seen_h2 = FALSE;

  assert_shown (dE1_dnet_o1, "0.138498562");
  /* 0.138498562·0.45: from ∂E_o1/∂net_o1 as rounded (see the top). */
  assert_shown_from_rounded (dE1_dout_h2, 0.45 * (dE1_dnet_o1 - 0.138498562), "0.0623243529");
  assert_shown_units (dE1_dout_h2, "0.0623243529", 2);
  assert_shown (dE2_dnet_o2, "-0.03809823651");
  assert_shown (dE2_dout_h2, "-0.02095403008");

  /* 0.0623243529 + −0.02095403008, the example's two shown numbers: the
   * first has only 10 decimals and is 1.7e-10 high, 17 units of the 11th
   * decimal this sum shows. */
  assert_shown_from_rounded (dE_dout_h2, (dE1_dout_h2 - 0.0623243529) + (dE2_dout_h2 - -0.02095403008),
                             "0.04137032282");
  /* And our own sum against it: no better than the coarser addend's last
   * place, 1e-10; it is 1.7 of those units away. */
  g_test_message ("dE_total/dout_h2 = %.17g", dE_dout_h2);
  g_assert_cmpfloat (fabs (dE_dout_h2 - 0.04137032282), <=, 2 * 1e-10);

  /* The same pieces from the factored form: δ = ∂E_total/∂net. */
  g_assert_true (bpl_network_parse_neuron (net, "o1", &o1));
  g_assert_true (bpl_network_parse_neuron (net, "o2", &o2));
  g_assert_true (bpl_network_parse_neuron (net, "h2", &h2));
  for (guint i = 0; i < d->n_deltas; i++)
    {
      const BplDelta *delta = &d->deltas[i];
      if (delta->neuron == o1)
        {
          assert_close (delta->value, dE1_dnet_o1, 1e-15, 0);
          seen_o1 = TRUE;
        }
      else if (delta->neuron == o2)
        {
          assert_close (delta->value, dE2_dnet_o2, 1e-15, 0);
          seen_o2 = TRUE;
        }
      else if (delta->neuron == h2)
        {
          /* δ_h2 = ∂E_total/∂out_h2 · ∂out_h2/∂net_h2, and ∂E/∂w3 = δ_h2·i1. */
          assert_close (delta->value, dE_dout_h2 * p1->factors[1].value, 1e-14, 0);
          assert_close (delta->value * 0.05, d->gradient, 1e-14, 0);
          seen_h2 = TRUE;
        }
    }
  g_assert_true (seen_o1 && seen_o2 && seen_h2);

  /* The compact form with its numbers: δ_h2·i1 = 0.0099542547…·0.05. */
  {
    g_autofree char *factored = bpl_expr_render (d->factored, BPL_EXPR_TEXT, 11);
    g_autofree char *numbers = bpl_expr_render (d->factored_substitution, BPL_EXPR_TEXT, 11);
    g_autofree char *delta_h2 = bpl_format_number (dE_dout_h2 * p1->factors[1].value, 11);
    g_autofree char *expected = g_strdup_printf ("%s * 0.05", delta_h2);

    g_assert_cmpstr (factored, ==, "δ_h2 * i1");
    g_assert_cmpstr (numbers, ==, expected);
  }

  /* Part D: ∂E_total/∂out_h2 · ∂out_h2/∂net_h2 · ∂net_h2/∂w3. */
  assert_shown (dE_dout_h2 * p1->factors[1].value * p1->factors[0].value, "0.00049771273");
}

static void
test_w3_path_set (void)
{
  g_autoptr (BplNetwork) net = worked_example ();
  g_autoptr (BplDerivation) d = derive (net, "w3");
  static const char *const neurons_on[] = { "i1", "h2", "o1", "o2" };
  static const char *const weights_on[] = { "w3", "w6", "w8" };
  guint n_on = 0;

  g_assert_cmpint (d->source, ==, 0);
  g_assert_cmpint (d->target, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (neurons_on); i++)
    {
      guint n;
      g_assert_true (bpl_network_parse_neuron (net, neurons_on[i], &n));
      g_assert_true (d->neuron_on_path[n]);
    }
  for (guint n = 0; n < d->n_neurons; n++)
    n_on += d->neuron_on_path[n] ? 1 : 0;
  g_assert_cmpuint (n_on, ==, G_N_ELEMENTS (neurons_on));

  n_on = 0;
  for (guint i = 0; i < G_N_ELEMENTS (weights_on); i++)
    {
      BplParam p;
      g_assert_true (bpl_network_parse_param (net, weights_on[i], &p, NULL));
      g_assert_true (d->weight_on_path[p.index]);
    }
  for (guint w = 0; w < d->n_weights; w++)
    n_on += d->weight_on_path[w] ? 1 : 0;
  g_assert_cmpuint (n_on, ==, G_N_ELEMENTS (weights_on));
  for (guint b = 0; b < d->n_biases; b++)
    g_assert_false (d->bias_on_path[b]);

  /* Each path's chain: h2 → o1 and h2 → o2. */
  g_assert_cmpuint (d->paths[0].n_neurons, ==, 2);
  g_assert_cmpuint (d->paths[0].neurons[0], ==, 3);
  g_assert_cmpuint (d->paths[0].neurons[1], ==, 4);
  g_assert_cmpuint (d->paths[1].neurons[1], ==, 5);
}

static void
test_w3_report (void)
{
  g_autoptr (BplNetwork) net = worked_example ();
  g_autoptr (BplDerivation) d = derive (net, "w3");
  g_autofree char *text = bpl_derivation_to_report (d, net, BPL_REPORT_TEXT, 11);
  g_autofree char *markdown = bpl_derivation_to_report (d, net, BPL_REPORT_MARKDOWN, 11);
  g_autofree char *latex = bpl_derivation_to_report (d, net, BPL_REPORT_LATEX, 11);

  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "0.24975114363"));
  g_assert_nonnull (strstr (text, "0.00049771273"));
  /* At 11 significant digits the report rounds where the example truncated
   * (0.24061341724921…). */
  g_assert_nonnull (strstr (text, "0.24061341725"));
  g_assert_nonnull (strstr (text, "out_h2(1 - out_h2)"));
  g_assert_nonnull (strstr (text, "out_o1 - target_o1"));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_nonnull (strstr (markdown, "0.24975114363"));
  g_assert_nonnull (strstr (latex, "0.24975114363"));
  g_assert_null (strstr (latex, "∂"));
}

/* The example's one training step, written out by hand for the 2-2-2
 * network without the core: every gradient from the weights before the
 * step, biases kept (the example does not update them). */
static void
hand_step (const double w[8], const double b[2], const double in[2], const double t[2], double eta,
           double w_new[8])
{
  double net_h1 = w[0] * in[0] + w[1] * in[1] + b[0];
  double net_h2 = w[2] * in[0] + w[3] * in[1] + b[0];
  double out_h1 = 1.0 / (1.0 + exp (-net_h1));
  double out_h2 = 1.0 / (1.0 + exp (-net_h2));
  double net_o1 = w[4] * out_h1 + w[5] * out_h2 + b[1];
  double net_o2 = w[6] * out_h1 + w[7] * out_h2 + b[1];
  double out_o1 = 1.0 / (1.0 + exp (-net_o1));
  double out_o2 = 1.0 / (1.0 + exp (-net_o2));
  double d_o1 = (out_o1 - t[0]) * out_o1 * (1.0 - out_o1);
  double d_o2 = (out_o2 - t[1]) * out_o2 * (1.0 - out_o2);
  double d_h1 = (w[4] * d_o1 + w[6] * d_o2) * out_h1 * (1.0 - out_h1);
  double d_h2 = (w[5] * d_o1 + w[7] * d_o2) * out_h2 * (1.0 - out_h2);

  w_new[0] = w[0] - eta * d_h1 * in[0];
  w_new[1] = w[1] - eta * d_h1 * in[1];
  w_new[2] = w[2] - eta * d_h2 * in[0];
  w_new[3] = w[3] - eta * d_h2 * in[1];
  w_new[4] = w[4] - eta * d_o1 * out_h1;
  w_new[5] = w[5] - eta * d_o1 * out_h2;
  w_new[6] = w[6] - eta * d_o2 * out_h1;
  w_new[7] = w[7] - eta * d_o2 * out_h2;
}

static void
test_training_step (void)
{
  static const double w[8] = { 0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55 };
  static const double b[2] = { 0.35, 0.60 };
  static const double in[2] = { 0.05, 0.10 };
  static const double t[2] = { 0.01, 0.99 };
  g_autoptr (BplNetwork) net = worked_example ();
  g_autoptr (BplTrainer) trainer = bpl_trainer_new (net);
  g_autoptr (GError) error = NULL;
  double expected[8];

  hand_step (w, b, in, t, 0.5, expected);

  g_assert_true (bpl_trainer_step (trainer, net, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bpl_network_get_steps (net), ==, 1);
  for (guint i = 0; i < 8; i++)
    {
      g_test_message ("w%u: %.17g → %.17g (by hand %.17g)", i + 1, w[i], bpl_network_get_weight (net, i),
                      expected[i]);
      assert_close (bpl_network_get_weight (net, i), expected[i], 1e-15, 1e-17);
      g_assert_cmpfloat (bpl_trainer_get_previous_weights (trainer)[i], ==, w[i]);
    }
  assert_shown (bpl_network_get_weight (net, 2), "0.24975114363");
  /* Biases are kept, as in the example. */
  g_assert_cmpfloat (bpl_network_get_bias (net, 0), ==, 0.35);
  g_assert_cmpfloat (bpl_network_get_bias (net, 1), ==, 0.60);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/worked-example/forward", test_forward);
  g_test_add_func ("/core/worked-example/w3/factors", test_w3_factors);
  g_test_add_func ("/core/worked-example/w3/gradient-and-update", test_w3_gradient_and_update);
  g_test_add_func ("/core/worked-example/w3/intermediates", test_w3_intermediates);
  g_test_add_func ("/core/worked-example/w3/path-set", test_w3_path_set);
  g_test_add_func ("/core/worked-example/w3/report", test_w3_report);
  g_test_add_func ("/core/worked-example/training-step", test_training_step);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-training-options.c: what a training step does beyond plain gradient
 * descent. The L1/L2 penalty against finite differences of the objective;
 * mini-batches against the mean of per-sample gradients; momentum and Adam
 * against a reference loop written here from PyTorch's definitions; the
 * optimiser's state; and a step that allocates nothing. */
#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "backprop-lens.h"
#include "bpl-test-random.h"
#include "bpl-test-util.h"

#define SEED 20250302

static const guint shape_231[] = { 2, 3, 1 };
static const guint shape_2332[] = { 2, 3, 3, 2 };
static const guint shape_233[] = { 2, 3, 3 };

static const BplActivation acts_tanh_sigmoid[] = { BPL_ACTIVATION_TANH, BPL_ACTIVATION_SIGMOID };
static const BplActivation acts_deep[] = { BPL_ACTIVATION_SIGMOID, BPL_ACTIVATION_TANH, BPL_ACTIVATION_LINEAR };
static const BplActivation acts_softmax[] = { BPL_ACTIVATION_TANH, BPL_ACTIVATION_SOFTMAX };

typedef struct
{
  const guint         *sizes;
  guint                n_layers;
  const BplActivation *acts;
  BplLoss              loss;
} Kind;

static const Kind kinds[] = {
  { shape_231, 3, acts_tanh_sigmoid, BPL_LOSS_SQUARED_ERROR },
  { shape_231, 3, acts_tanh_sigmoid, BPL_LOSS_CROSS_ENTROPY },
  { shape_2332, 4, acts_deep, BPL_LOSS_SQUARED_ERROR },
  { shape_233, 3, acts_softmax, BPL_LOSS_CROSS_ENTROPY },
};

static BplNetwork *
kind_network (GRand *rand, const Kind *kind, BplBiasMode mode, guint n_samples)
{
  return bpl_test_random_network (rand, kind->sizes, kind->n_layers, mode, kind->acts, kind->loss, n_samples,
                                  FALSE);
}

/* λ·R written out: ½Σw² or Σ|w| over the weights. */
static double
penalty (const BplNetwork *net)
{
  double r = 0.0;

  for (guint w = 0; w < bpl_network_get_n_weights (net); w++)
    {
      double v = bpl_network_get_weight (net, w);
      r += bpl_network_get_regularization (net) == BPL_REGULARIZATION_L2 ? 0.5 * v * v : fabs (v);
    }
  return bpl_network_get_regularization (net) == BPL_REGULARIZATION_NONE
           ? 0.0
           : bpl_network_get_regularization_strength (net) * r;
}

static double
objective_of_sample (const BplNetwork *net, BplParam p, double value, guint sample)
{
  g_autoptr (BplNetwork) copy = bpl_network_copy (net);
  g_autoptr (BplForward) fw = bpl_forward_new (net);

  bpl_network_set_param (copy, p, value);
  bpl_forward_compute (fw, copy, sample);
  return fw->total_error + penalty (copy);
}

/* The derivation's ∂(E_total + λR)/∂p against a central difference of the
 * objective written out here, for every parameter, both penalties. */
static void
test_penalty_gradient (void)
{
  static const BplRegularization regs[] = { BPL_REGULARIZATION_L1, BPL_REGULARIZATION_L2 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (SEED);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint r = 0; r < G_N_ELEMENTS (regs); r++)
      {
        g_autoptr (BplNetwork) net = kind_network (rand, &kinds[k], BPL_BIAS_PER_NEURON, 1);
        g_autoptr (BplForward) fw = bpl_forward_new (net);
        guint nw = bpl_network_get_n_weights (net), nb = bpl_network_get_n_biases (net);

        bpl_network_set_regularization (net, regs[r], 0.037);
        assert_close (bpl_network_get_penalty (net), penalty (net), 1e-14, 0);
        assert_close (bpl_network_objective (net, fw), bpl_network_mean_error (net, fw) + penalty (net), 1e-14, 0);
        for (guint i = 0; i < nw + nb; i++)
          {
            BplParam p = { i < nw ? BPL_PARAM_WEIGHT : BPL_PARAM_BIAS, i < nw ? i : i - nw };
            g_autoptr (BplDerivation) d = bpl_derivation_new (net, p, 0, NULL);
            double v = bpl_network_get_param (net, p), h = 1e-4;
            double numeric = (objective_of_sample (net, p, v + h, 0) - objective_of_sample (net, p, v - h, 0)) /
                             (2 * h);
            const BplDerivationStep *step = NULL;

            g_assert_cmpfloat (fabs (v), >, 2 * h); /* clear of L1's kink */
            assert_close (d->objective_gradient, numeric, 1e-6, 1e-9);
            assert_close (d->objective_gradient, d->gradient + d->penalty_gradient, 1e-15, 0);
            if (p.kind == BPL_PARAM_BIAS)
              g_assert_cmpfloat (d->penalty_gradient, ==, 0.0);
            else
              g_assert_cmpfloat (d->penalty_gradient, ==,
                                 regs[r] == BPL_REGULARIZATION_L2 ? 0.037 * v : (v > 0 ? 0.037 : -0.037));
            for (guint s = 0; s < d->n_steps; s++)
              if (d->steps[s].kind == BPL_STEP_REGULARIZATION)
                {
                  g_assert_null (step);
                  step = &d->steps[s];
                }
            g_assert_nonnull (step);
            g_assert_cmpfloat (step->value, ==, d->objective_gradient);
            if (p.kind == BPL_PARAM_WEIGHT)
              {
                g_autofree char *formula = bpl_expr_render (step->chain[1], BPL_EXPR_TEXT, 6);
                g_autofree char *expected = g_strdup_printf (
                    regs[r] == BPL_REGULARIZATION_L2 ? "∂E_total/∂%s + λ * %s" : "∂E_total/∂%s + λ * sign(%s)",
                    bpl_network_get_weight_name (net, i), bpl_network_get_weight_name (net, i));
                g_assert_cmpstr (formula, ==, expected);
              }
          }
      }
}

/* d|w|/dw is 0 at w = 0: an L1 step leaves a weight at 0 where the data
 * gradient is 0, and the derivation adds nothing for it. */
static void
test_l1_at_zero (void)
{
  static const guint sizes[] = { 1, 1 };
  g_autoptr (BplNetwork) net = bpl_network_new (sizes, 2, BPL_BIAS_NONE, NULL);
  g_autoptr (BplTrainer) trainer = bpl_trainer_new (net);
  g_autoptr (BplDerivation) d = NULL;

  bpl_network_set_activation (net, 1, BPL_ACTIVATION_LINEAR);
  bpl_network_set_regularization (net, BPL_REGULARIZATION_L1, 0.5);
  bpl_network_set_input (net, 0, 0, 1.0);
  bpl_network_set_target (net, 0, 0, 0.0);
  d = bpl_derivation_new (net, (BplParam) { BPL_PARAM_WEIGHT, 0 }, 0, NULL);
  g_assert_cmpfloat (d->gradient, ==, 0.0);
  g_assert_cmpfloat (d->penalty_gradient, ==, 0.0);
  g_assert_cmpfloat (d->new_value, ==, 0.0);
  g_assert_true (bpl_trainer_step (trainer, net, NULL));
  g_assert_cmpfloat (bpl_network_get_weight (net, 0), ==, 0.0);
  g_assert_cmpfloat (bpl_network_get_penalty (net), ==, 0.0);
}

/* A step with a penalty: each weight moves by −η·(mean of ∂E/∂w + λ·∂R/∂w),
 * each bias by −η·(mean of ∂E/∂b) alone; the derivation's new value is the
 * step's. */
static void
test_penalty_step (void)
{
  static const BplRegularization regs[] = { BPL_REGULARIZATION_L1, BPL_REGULARIZATION_L2 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (SEED + 1);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint r = 0; r < G_N_ELEMENTS (regs); r++)
      for (int batch = 0; batch <= 1; batch++)
        {
          g_autoptr (BplNetwork) net = kind_network (rand, &kinds[k], BPL_BIAS_PER_LAYER, batch ? 3 : 1);
          g_autoptr (BplNetwork) before = NULL;
          g_autoptr (BplTrainer) trainer = bpl_trainer_new (net);
          g_autoptr (BplForward) fw = bpl_forward_new (net);
          guint nw = bpl_network_get_n_weights (net), nb = bpl_network_get_n_biases (net);
          guint S = bpl_network_get_n_samples (net);
          double eta = bpl_network_get_learning_rate (net), lambda = 0.01 + 0.02 * r;
          g_autofree double *wg = g_new0 (double, nw);
          g_autofree double *bg = g_new0 (double, nb);
          g_autofree double *wmean = g_new0 (double, nw);
          g_autofree double *bmean = g_new0 (double, nb);
          g_autofree double *new_values = g_new0 (double, nw + nb);

          bpl_network_set_regularization (net, regs[r], lambda);
          bpl_network_set_update_biases (net, TRUE);
          bpl_network_set_training (net, batch ? BPL_TRAINING_BATCH : BPL_TRAINING_ONLINE);
          before = bpl_network_copy (net);
          for (guint s = 0; s < S; s++)
            {
              bpl_network_gradient (net, s, fw, wg, bg);
              for (guint i = 0; i < nw; i++)
                wmean[i] += wg[i] / S;
              for (guint i = 0; i < nb; i++)
                bmean[i] += bg[i] / S;
            }
          for (guint i = 0; i < nw + nb; i++)
            {
              BplParam p = { i < nw ? BPL_PARAM_WEIGHT : BPL_PARAM_BIAS, i < nw ? i : i - nw };
              g_autoptr (BplDerivation) d = bpl_derivation_new (net, p, 0, NULL);
              new_values[i] = d->new_value;
            }

          g_assert_true (bpl_trainer_step (trainer, net, NULL));
          for (guint i = 0; i < nw; i++)
            {
              double w = bpl_network_get_weight (before, i);
              double slope = regs[r] == BPL_REGULARIZATION_L2 ? lambda * w : (w > 0 ? lambda : -lambda);
              double expected = w - eta * (wmean[i] + slope);
              assert_close (bpl_network_get_weight (net, i), expected, 1e-14, 1e-16);
              if (!batch)
                assert_close (new_values[i], expected, 1e-14, 1e-16);
            }
          for (guint i = 0; i < nb; i++)
            {
              double expected = bpl_network_get_bias (before, i) - eta * bmean[i];
              assert_close (bpl_network_get_bias (net, i), expected, 1e-14, 1e-16);
              if (!batch)
                assert_close (new_values[nw + i], expected, 1e-14, 1e-16);
            }
        }
}

static void
test_penalty_check (void)
{
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  g_autoptr (GError) error = NULL;

  bpl_network_set_regularization (net, BPL_REGULARIZATION_L2, -0.1);
  g_assert_false (bpl_network_check (net, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "regularization: the strength λ must be 0 or more, not -0.1");
  g_clear_error (&error);
  bpl_network_set_regularization (net, BPL_REGULARIZATION_L1, INFINITY);
  g_assert_false (bpl_network_check (net, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_NOT_FINITE);
}

/* Step k takes samples (k·b + j) mod S, in file order, for every b
 * including b > S, and for k beyond 2³²; online is b = 1, batch b = S. */
static void
test_step_samples (void)
{
  static const guint sizes[] = { 1, 1 };
  g_autoptr (BplNetwork) net = bpl_network_new (sizes, 2, BPL_BIAS_NONE, NULL);
  static const double zero[1] = { 0 };
  static const guint64 big[] = { G_GUINT64_CONSTANT (1) << 40, G_MAXUINT64 / 3, G_MAXUINT64 };

  for (guint S = 1; S <= 7; S++)
    {
      while (bpl_network_get_n_samples (net) < S)
        bpl_network_add_sample (net, zero, zero);
      for (guint b = 0; b <= 9; b++)
        {
          guint n = b == 0 ? S : b;
          guint samples[16];

          bpl_network_set_batch_size (net, b);
          g_assert_cmpuint (bpl_network_get_samples_per_step (net), ==, n);
          g_assert_cmpint (bpl_network_get_training (net), ==,
                           b == 0 ? BPL_TRAINING_BATCH : b == 1 ? BPL_TRAINING_ONLINE : BPL_TRAINING_MINI_BATCH);
          for (guint64 k = 0; k < 40; k++)
            {
              bpl_network_get_step_samples (net, k, samples);
              for (guint j = 0; j < n; j++)
                g_assert_cmpuint (samples[j], ==, (k * n + j) % S);
              bpl_network_set_steps (net, k);
              g_assert_cmpuint (bpl_network_get_current_sample (net), ==, samples[0]);
            }
          for (guint i = 0; i < G_N_ELEMENTS (big); i++)
            {
              bpl_network_get_step_samples (net, big[i], samples);
              for (guint j = 0; j < n; j++)
                g_assert_cmpuint (samples[j], ==, (guint) (((unsigned __int128) big[i] * n + j) % S));
            }
        }
    }

  bpl_network_set_training (net, BPL_TRAINING_ONLINE);
  bpl_network_set_training (net, BPL_TRAINING_MINI_BATCH);
  g_assert_cmpuint (bpl_network_get_batch_size (net), ==, 2);
  bpl_network_set_batch_size (net, 5);
  bpl_network_set_training (net, BPL_TRAINING_MINI_BATCH);
  g_assert_cmpuint (bpl_network_get_batch_size (net), ==, 5);
  bpl_network_set_training (net, BPL_TRAINING_BATCH);
  g_assert_cmpuint (bpl_network_get_batch_size (net), ==, 0);
  bpl_network_set_training (net, BPL_TRAINING_ONLINE);
  g_assert_cmpuint (bpl_network_get_batch_size (net), ==, 1);
}

/* Mini-batch steps against the mean of the per-sample gradients written
 * out here, over several steps so the batches wrap around; the
 * derivation's batch, mean and new value are the step's. */
static void
test_mini_batch_steps (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (SEED + 2);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint b = 0; b <= 7; b++)
      {
        g_autoptr (BplNetwork) net = kind_network (rand, &kinds[k], BPL_BIAS_PER_NEURON, 5);
        g_autoptr (BplTrainer) trainer = bpl_trainer_new (net);
        g_autoptr (BplForward) fw = bpl_forward_new (net);
        guint nw = bpl_network_get_n_weights (net), nb = bpl_network_get_n_biases (net);
        guint S = 5, n = b == 0 ? S : b;
        double eta = bpl_network_get_learning_rate (net);
        g_autofree double *wg = g_new0 (double, nw);
        g_autofree double *bg = g_new0 (double, nb);

        bpl_network_set_batch_size (net, b);
        bpl_network_set_update_biases (net, TRUE);
        if (k % 2 == 1)
          bpl_network_set_regularization (net, BPL_REGULARIZATION_L2, 0.02);
        for (guint64 step = 0; step < 4; step++)
          {
            g_autoptr (BplNetwork) before = bpl_network_copy (net);
            g_autofree double *wmean = g_new0 (double, nw);
            g_autofree double *bmean = g_new0 (double, nb);
            g_autofree double *new_values = g_new0 (double, nw + nb);
            guint shown = (guint) (step * 3 % S); /* the sample a derivation is made on */

            g_assert_cmpuint (bpl_network_get_steps (net), ==, step);
            for (guint j = 0; j < n; j++)
              {
                guint sample = (guint) ((step * n + j) % S);
                bpl_network_gradient (net, sample, fw, wg, bg);
                for (guint i = 0; i < nw; i++)
                  wmean[i] += wg[i];
                for (guint i = 0; i < nb; i++)
                  bmean[i] += bg[i];
              }
            for (guint i = 0; i < nw + nb; i++)
              {
                BplParam p = { i < nw ? BPL_PARAM_WEIGHT : BPL_PARAM_BIAS, i < nw ? i : i - nw };
                g_autoptr (BplDerivation) d = bpl_derivation_new (net, p, shown, NULL);
                gboolean own = n == 1 && (step * n) % S == shown;
                guint n_batch_steps = 0;
                double sum = 0.0;

                g_assert_cmpuint (d->step, ==, step);
                g_assert_cmpuint (d->n_batch, ==, n);
                for (guint j = 0; j < n; j++)
                  {
                    g_assert_cmpuint (d->batch_samples[j], ==, (step * n + j) % S);
                    bpl_network_gradient (net, d->batch_samples[j], fw, wg, bg);
                    g_assert_cmpfloat (d->batch_gradients[j], ==, i < nw ? wg[i] : bg[i - nw]);
                    sum += d->batch_gradients[j];
                  }
                assert_close (d->step_gradient, sum / n + d->penalty_gradient, 1e-15, 1e-300);
                for (guint j = 0; j < d->n_steps; j++)
                  n_batch_steps += d->steps[j].kind == BPL_STEP_BATCH;
                g_assert_cmpuint (n_batch_steps, ==, own ? 0 : 1);
                new_values[i] = d->new_value;
              }

            g_assert_true (bpl_trainer_step (trainer, net, NULL));
            for (guint i = 0; i < nw; i++)
              {
                double w = bpl_network_get_weight (before, i);
                double expected = w - eta * (wmean[i] / n + (k % 2 == 1 ? 0.02 * w : 0.0));
                assert_close (bpl_network_get_weight (net, i), expected, 1e-13, 1e-16);
                assert_close (new_values[i], expected, 1e-13, 1e-16);
              }
            for (guint i = 0; i < nb; i++)
              {
                double expected = bpl_network_get_bias (before, i) - eta * bmean[i] / n;
                assert_close (bpl_network_get_bias (net, i), expected, 1e-13, 1e-16);
                assert_close (new_values[nw + i], expected, 1e-13, 1e-16);
              }
          }
      }
}

static BplOptimizerSettings
momentum (double mu)
{
  return (BplOptimizerSettings) { BPL_OPTIMIZER_MOMENTUM, mu, BPL_DEFAULT_BETA1, BPL_DEFAULT_BETA2,
                                  BPL_DEFAULT_EPSILON };
}

static BplOptimizerSettings
adam (double beta1, double beta2, double epsilon)
{
  return (BplOptimizerSettings) { BPL_OPTIMIZER_ADAM, BPL_DEFAULT_MOMENTUM, beta1, beta2, epsilon };
}

/* The state a reference loop keeps for every parameter. */
typedef struct
{
  double *p;   /* weights then biases */
  double *m1;
  double *m2;
  guint64 t;
} Reference;

/* One optimiser step written out from PyTorch's definitions, on @ref's own
 * parameters: the gradient is the mean over the step's samples of
 * bpl_network_gradient (checked against finite differences elsewhere) plus
 * the penalty, computed on a network holding the reference's values. */
static void
reference_step (Reference *ref, const BplNetwork *shape, guint64 step)
{
  g_autoptr (BplNetwork) at = bpl_network_copy (shape);
  g_autoptr (BplForward) fw = bpl_forward_new (shape);
  guint nw = bpl_network_get_n_weights (shape), nb = bpl_network_get_n_biases (shape);
  guint n = bpl_network_get_samples_per_step (shape), S = bpl_network_get_n_samples (shape);
  g_autofree double *wg = g_new0 (double, nw);
  g_autofree double *bg = g_new0 (double, MAX (nb, 1));
  g_autofree double *g = g_new0 (double, nw + nb);
  BplOptimizerSettings o;
  double eta = bpl_network_get_learning_rate (shape);
  double lambda = bpl_network_get_regularization_strength (shape);

  bpl_network_get_optimizer_settings (shape, &o);
  for (guint i = 0; i < nw + nb; i++)
    bpl_network_set_param (at, (BplParam) { i < nw ? BPL_PARAM_WEIGHT : BPL_PARAM_BIAS, i < nw ? i : i - nw },
                           ref->p[i]);
  for (guint j = 0; j < n; j++)
    {
      bpl_network_gradient (at, (guint) ((step * n + j) % S), fw, wg, bg);
      for (guint i = 0; i < nw; i++)
        g[i] += wg[i];
      for (guint i = 0; i < nb; i++)
        g[nw + i] += bg[i];
    }
  ref->t++;
  for (guint i = 0; i < nw + nb; i++)
    {
      g[i] /= n;
      if (i < nw && bpl_network_get_regularization (shape) == BPL_REGULARIZATION_L2)
        g[i] += lambda * ref->p[i];
      if (i >= nw && !bpl_network_get_update_biases (shape))
        continue;
      switch (o.kind)
        {
        case BPL_OPTIMIZER_MOMENTUM:
          /* torch.optim.SGD: buf = g at the first step, then μ·buf + g. */
          ref->m1[i] = ref->t == 1 ? g[i] : o.momentum * ref->m1[i] + g[i];
          ref->p[i] -= eta * ref->m1[i];
          break;
        case BPL_OPTIMIZER_ADAM:
          {
            double m_hat, v_hat;
            ref->m1[i] = o.beta1 * ref->m1[i] + (1 - o.beta1) * g[i];
            ref->m2[i] = o.beta2 * ref->m2[i] + (1 - o.beta2) * g[i] * g[i];
            m_hat = ref->m1[i] / (1 - pow (o.beta1, (double) ref->t));
            v_hat = ref->m2[i] / (1 - pow (o.beta2, (double) ref->t));
            ref->p[i] -= eta * m_hat / (sqrt (v_hat) + o.epsilon);
          }
          break;
        case BPL_OPTIMIZER_SGD:
        default:
          ref->p[i] -= eta * g[i];
          break;
        }
    }
}

/* Momentum and Adam over 60 steps against the reference loop, parameters
 * and state, with mini-batches, a penalty and trained biases; and the
 * derivation's last line is each step's real update. */
static void
test_optimizer_steps (void)
{
  const BplOptimizerSettings settings[] = { momentum (0.9), momentum (0.5), adam (0.9, 0.999, 1e-8),
                                            adam (0.8, 0.95, 1e-3) };
  g_autoptr (GRand) rand = g_rand_new_with_seed (SEED + 3);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint o = 0; o < G_N_ELEMENTS (settings); o++)
      {
        g_autoptr (BplNetwork) net = kind_network (rand, &kinds[k], o % 2 ? BPL_BIAS_PER_LAYER : BPL_BIAS_PER_NEURON,
                                                   5);
        g_autoptr (BplTrainer) trainer = bpl_trainer_new (net);
        guint nw = bpl_network_get_n_weights (net), nb = bpl_network_get_n_biases (net);
        Reference ref = { g_new0 (double, nw + nb), g_new0 (double, nw + nb), g_new0 (double, nw + nb), 0 };

        bpl_network_set_optimizer_settings (net, &settings[o]);
        bpl_network_set_learning_rate (net, settings[o].kind == BPL_OPTIMIZER_ADAM ? 0.01 : 0.05);
        bpl_network_set_batch_size (net, 1 + k % 3);
        bpl_network_set_update_biases (net, k != 1);
        if (k >= 2)
          bpl_network_set_regularization (net, BPL_REGULARIZATION_L2, 0.01);
        for (guint i = 0; i < nw + nb; i++)
          ref.p[i] = i < nw ? bpl_network_get_weight (net, i) : bpl_network_get_bias (net, i - nw);

        for (guint64 step = 0; step < 60; step++)
          {
            g_autofree double *new_values = g_new0 (double, nw + nb);
            const double *m1, *m2;

            /* The derivation on sample 0 ends in this step's update. */
            for (guint i = 0; i < nw + nb; i += 1 + nw / 4)
              {
                BplParam p = { i < nw ? BPL_PARAM_WEIGHT : BPL_PARAM_BIAS, i < nw ? i : i - nw };
                g_autoptr (BplDerivation) d = bpl_derivation_new (net, p, 0, NULL);
                guint n_opt = 0;
                for (guint j = 0; j < d->n_steps; j++)
                  n_opt += d->steps[j].kind == BPL_STEP_OPTIMIZER;
                g_assert_cmpuint (n_opt, ==, settings[o].kind == BPL_OPTIMIZER_ADAM ? 4 : 1);
                new_values[i] = d->new_value;
              }

            reference_step (&ref, net, step);
            g_assert_true (bpl_trainer_step (trainer, net, NULL));
            m1 = bpl_network_get_optimizer_moment1 (net);
            m2 = bpl_network_get_optimizer_moment2 (net);
            g_assert_cmpuint (bpl_network_get_optimizer_step (net), ==,
                              settings[o].kind == BPL_OPTIMIZER_ADAM ? step + 1 : 0);
            for (guint i = 0; i < nw + nb; i++)
              {
                double got = i < nw ? bpl_network_get_weight (net, i) : bpl_network_get_bias (net, i - nw);
                assert_close (got, ref.p[i], 1e-12, 1e-15);
                assert_close (m1[i], ref.m1[i], 1e-10, 1e-15);
                assert_close (m2[i], ref.m2[i], 1e-10, 1e-18);
                if (i % (1 + nw / 4) == 0 && (i < nw || bpl_network_get_update_biases (net)))
                  assert_close (new_values[i], got, 1e-15, 1e-300);
              }
          }
        g_free (ref.p);
        g_free (ref.m1);
        g_free (ref.m2);
      }
}

/* The state is part of the network: copied, compared, kept when the
 * settings change within a kind, cleared by a reset or a new kind. */
static void
test_optimizer_state (void)
{
  g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
  g_autoptr (BplTrainer) trainer = bpl_trainer_new (net);
  g_autoptr (BplNetwork) copy = NULL;
  BplOptimizerSettings a = adam (0.9, 0.999, 1e-8), m = momentum (0.9);
  guint n = bpl_network_get_n_weights (net) + bpl_network_get_n_biases (net);

  g_assert_false (bpl_network_has_optimizer_state (net));
  bpl_network_set_optimizer_settings (net, &a);
  g_assert_true (bpl_trainer_train (trainer, net, 3, NULL, NULL));
  g_assert_true (bpl_network_has_optimizer_state (net));
  g_assert_cmpuint (bpl_network_get_optimizer_step (net), ==, 3);
  /* Fixed biases keep a state of 0. */
  g_assert_cmpfloat (bpl_network_get_optimizer_moment1 (net)[n - 1], ==, 0.0);

  copy = bpl_network_copy (net);
  g_assert_true (bpl_network_equal (net, copy));
  g_assert_cmpmem (bpl_network_get_optimizer_moment2 (net), sizeof (double) * n,
                   bpl_network_get_optimizer_moment2 (copy), sizeof (double) * n);
  bpl_network_set_optimizer_state (copy, 2, bpl_network_get_optimizer_moment1 (net),
                                   bpl_network_get_optimizer_moment2 (net));
  g_assert_false (bpl_network_equal (net, copy));

  a.beta1 = 0.8;
  bpl_network_set_optimizer_settings (net, &a);
  g_assert_cmpuint (bpl_network_get_optimizer_step (net), ==, 3);
  bpl_network_set_optimizer_settings (net, &m);
  g_assert_false (bpl_network_has_optimizer_state (net));
  g_assert_true (bpl_trainer_step (trainer, net, NULL));
  g_assert_true (bpl_network_has_optimizer_state (net));
  bpl_network_reset_optimizer (net);
  g_assert_false (bpl_network_has_optimizer_state (net));
  g_assert_cmpuint (bpl_network_get_optimizer_step (net), ==, 0);
}

static void
test_optimizer_check (void)
{
  static const struct { BplOptimizerSettings s; const char *message; } bad[] = {
    { { BPL_OPTIMIZER_MOMENTUM, 1.0, 0.9, 0.999, 1e-8 }, "optimizer: the momentum μ must be at least 0 and below 1, not 1" },
    { { BPL_OPTIMIZER_MOMENTUM, -0.1, 0.9, 0.999, 1e-8 }, "optimizer: the momentum μ must be at least 0 and below 1, not -0.1" },
    { { BPL_OPTIMIZER_ADAM, 0.9, 1.0, 0.999, 1e-8 }, "optimizer: β₁ (beta1) must be at least 0 and below 1, not 1" },
    { { BPL_OPTIMIZER_ADAM, 0.9, 0.9, NAN, 1e-8 }, "optimizer: β₂ (beta2) must be at least 0 and below 1, not nan" },
    { { BPL_OPTIMIZER_ADAM, 0.9, 0.9, 0.999, 0 }, "optimizer: ε (epsilon) must be above 0 and at most 1, not 0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
      g_autoptr (GError) error = NULL;
      bpl_network_set_optimizer_settings (net, &bad[i].s);
      g_assert_false (bpl_network_check (net, &error));
      g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, bad[i].message);
    }

  /* Output-first is defined for plain gradient descent only. */
  {
    g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
    g_autoptr (BplNetwork) before = NULL;
    g_autoptr (BplTrainer) trainer = bpl_trainer_new (net);
    g_autoptr (GError) error = NULL;
    BplOptimizerSettings a = adam (0.9, 0.999, 1e-8);

    bpl_network_set_update_order (net, BPL_UPDATE_OUTPUT_FIRST);
    bpl_network_set_optimizer_settings (net, &a);
    g_assert_false (bpl_network_check (net, &error));
    g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==,
                     "update_order: output-first updates a layer before the next one's gradient is taken, which "
                     "only plain gradient descent defines; adam needs \"simultaneous\"");
    g_clear_error (&error);
    before = bpl_network_copy (net);
    g_assert_false (bpl_trainer_step (trainer, net, &error));
    g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
    g_assert_true (bpl_network_equal (net, before));
  }
}

/* A step that would make the state overflow is refused like one that
 * makes a weight diverge, and leaves the network as it was. */
static void
test_optimizer_refusal (void)
{
  static const guint sizes[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
  g_autoptr (BplNetwork) net = bpl_network_new (sizes, G_N_ELEMENTS (sizes), BPL_BIAS_NONE, NULL);
  g_autoptr (BplTrainer) trainer = bpl_trainer_new (net);
  g_autoptr (BplNetwork) before = NULL;
  g_autoptr (GError) error = NULL;
  BplOptimizerSettings a = adam (0.9, 0.999, 1e-8);

  for (guint l = 1; l < G_N_ELEMENTS (sizes); l++)
    {
      bpl_network_set_activation (net, l, BPL_ACTIVATION_LINEAR);
      bpl_network_set_weight (net, l - 1, 1e9);
    }
  bpl_network_set_optimizer_settings (net, &a);
  bpl_network_set_input (net, 0, 0, 1e9);
  /* out = 1e108 and w1's gradient about 1e198: Adam's step stays small
   * (m̂/√v̂), but g² overflows its v. */
  before = bpl_network_copy (net);
  g_assert_false (bpl_trainer_step (trainer, net, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_NOT_FINITE);
  g_test_message ("%s", error->message);
  g_assert_true (bpl_network_equal (net, before));
}

/* A running average that decays below the smallest normal double becomes
 * 0 rather than a subnormal that would slow every later step. */
static void
test_optimizer_flushes_tiny_state (void)
{
  static const guint sizes[] = { 1, 1 };
  const BplOptimizerSettings settings[] = { momentum (0.9), adam (0.9, 0.999, 1e-8) };

  for (guint o = 0; o < G_N_ELEMENTS (settings); o++)
    {
      g_autoptr (BplNetwork) net = bpl_network_new (sizes, 2, BPL_BIAS_NONE, NULL);
      g_autoptr (BplTrainer) trainer = bpl_trainer_new (net);
      double m[1] = { 4 * DBL_MIN }, v[1] = { 4 * DBL_MIN };
      gboolean reached_zero = FALSE;

      /* out = target: the gradient is exactly 0, the state only decays. */
      bpl_network_set_activation (net, 1, BPL_ACTIVATION_LINEAR);
      bpl_network_set_weight (net, 0, 0.5);
      bpl_network_set_input (net, 0, 0, 1.0);
      bpl_network_set_target (net, 0, 0, 0.5);
      bpl_network_set_optimizer_settings (net, &settings[o]);
      bpl_network_set_optimizer_state (net, 0, m, v);
      for (guint k = 0; k < 100 && !reached_zero; k++)
        {
          double m1, m2;
          g_assert_true (bpl_trainer_step (trainer, net, NULL));
          m1 = bpl_network_get_optimizer_moment1 (net)[0];
          m2 = bpl_network_get_optimizer_moment2 (net)[0];
          g_assert_true (m1 == 0 || fabs (m1) >= DBL_MIN);
          g_assert_true (m2 == 0 || fabs (m2) >= DBL_MIN);
          reached_zero = m1 == 0;
        }
      g_assert_true (reached_zero);
      g_assert_cmpfloat (bpl_network_get_weight (net, 0), ==, 0.5);
    }
}

/* Adam's bias corrections, computed by pow early and known to be exactly 1
 * late, give the derivation and the step the very same new value. */
static void
test_adam_late_steps (void)
{
  static const guint64 ts[] = { 0, 9, 400, 36000, 40000, 1000000, 1000001 };
  const BplOptimizerSettings a = adam (0.9, 0.999, 1e-8);

  for (guint i = 0; i < G_N_ELEMENTS (ts); i++)
    {
      g_autoptr (BplNetwork) net = bpl_network_new_worked_example ();
      g_autoptr (BplTrainer) trainer = bpl_trainer_new (net);
      g_autofree double *m = g_new0 (double, 10);
      g_autofree double *v = g_new0 (double, 10);
      double expected[8];

      for (guint j = 0; j < 8; j++)
        {
          m[j] = 0.001 * (j + 1);
          v[j] = 1e-6 * (j + 1);
        }
      bpl_network_set_optimizer_settings (net, &a);
      bpl_network_set_optimizer_state (net, ts[i], m, v);
      for (guint j = 0; j < 8; j++)
        {
          g_autoptr (BplDerivation) d = bpl_derivation_new (net, (BplParam) { BPL_PARAM_WEIGHT, j }, 0, NULL);
          expected[j] = d->new_value;
        }
      /* Twice over the same t: the second time from the trainer's cache. */
      for (guint round = 0; round < 2; round++)
        {
          g_autoptr (BplNetwork) copy = bpl_network_copy (net);
          g_assert_true (bpl_trainer_step (trainer, copy, NULL));
          for (guint j = 0; j < 8; j++)
            g_assert_cmpfloat (bpl_network_get_weight (copy, j), ==, expected[j]);
        }
    }
}

/* Counted allocations: malloc and friends are replaced for the whole
 * process (a definition in the executable comes first), so the training
 * step's g_new and anything below it are seen. Sanitizers and valgrind
 * replace them themselves; the count then stays 0. */
#if !defined(__SANITIZE_ADDRESS__) && !defined(__has_feature)
#define COUNT_ALLOCATIONS 1
#elif defined(__has_feature)
#if !__has_feature(address_sanitizer)
#define COUNT_ALLOCATIONS 1
#endif
#endif

#ifdef COUNT_ALLOCATIONS
extern void *__libc_malloc (size_t size);
extern void *__libc_calloc (size_t n, size_t size);
extern void *__libc_realloc (void *p, size_t size);
static volatile gint allocations;

void *
malloc (size_t size)
{
  allocations++;
  return __libc_malloc (size);
}

void *
calloc (size_t n, size_t size)
{
  allocations++;
  return __libc_calloc (n, size);
}

void *
realloc (void *p, size_t size)
{
  allocations++;
  return __libc_realloc (p, size);
}
#endif

/* The step allocates nothing, whatever the optimiser, penalty or batch. */
static void
test_allocation_free (void)
{
#ifdef COUNT_ALLOCATIONS
  const BplOptimizerSettings settings[] = { { BPL_OPTIMIZER_SGD, 0.9, 0.9, 0.999, 1e-8 }, momentum (0.9),
                                            adam (0.9, 0.999, 1e-8) };
  g_autoptr (GRand) rand = g_rand_new_with_seed (SEED + 4);

  for (guint o = 0; o < G_N_ELEMENTS (settings); o++)
    for (guint b = 0; b <= 3; b++)
      {
        g_autoptr (BplNetwork) net = kind_network (rand, &kinds[3], BPL_BIAS_PER_NEURON, 4);
        g_autoptr (BplTrainer) trainer = bpl_trainer_new (net);
        gint before;

        bpl_network_set_optimizer_settings (net, &settings[o]);
        bpl_network_set_batch_size (net, b);
        bpl_network_set_update_biases (net, TRUE);
        bpl_network_set_learning_rate (net, 0.01);
        if (b % 2 == 1)
          bpl_network_set_regularization (net, BPL_REGULARIZATION_L1, 0.01);
        /* The first step sizes the workspace. */
        g_assert_true (bpl_trainer_step (trainer, net, NULL));
        before = allocations;
        g_assert_true (bpl_trainer_train (trainer, net, 100, NULL, NULL));
        g_assert_cmpint (allocations - before, ==, 0);
      }
  /* Under valgrind its own malloc replaces this one: nothing was counted. */
  if (allocations == 0)
    g_test_skip ("malloc is replaced by a tool here; no allocation was counted");
#else
  g_test_skip ("the sanitizer counts allocations itself");
#endif
}

/* A reshaped network takes every training setting, but not the state. */
static void
test_copy_training_settings (void)
{
  static const guint sizes[] = { 2, 5, 2 };
  g_autoptr (BplNetwork) src = bpl_network_new_worked_example ();
  g_autoptr (BplNetwork) dst = bpl_network_new (sizes, 3, BPL_BIAS_PER_NEURON, NULL);
  g_autoptr (BplTrainer) trainer = bpl_trainer_new (src);
  BplOptimizerSettings a = adam (0.8, 0.99, 1e-6), got;

  bpl_network_set_loss (src, BPL_LOSS_CROSS_ENTROPY);
  bpl_network_set_update_biases (src, TRUE);
  bpl_network_set_batch_size (src, 3);
  bpl_network_set_learning_rate (src, 0.125);
  bpl_network_set_regularization (src, BPL_REGULARIZATION_L1, 0.25);
  bpl_network_set_optimizer_settings (src, &a);
  g_assert_true (bpl_trainer_step (trainer, src, NULL));

  bpl_network_copy_training_settings (dst, src);
  g_assert_cmpint (bpl_network_get_loss (dst), ==, BPL_LOSS_CROSS_ENTROPY);
  g_assert_true (bpl_network_get_update_biases (dst));
  g_assert_cmpuint (bpl_network_get_batch_size (dst), ==, 3);
  g_assert_cmpfloat (bpl_network_get_learning_rate (dst), ==, 0.125);
  g_assert_cmpint (bpl_network_get_regularization (dst), ==, BPL_REGULARIZATION_L1);
  g_assert_cmpfloat (bpl_network_get_regularization_strength (dst), ==, 0.25);
  bpl_network_get_optimizer_settings (dst, &got);
  g_assert_cmpint (got.kind, ==, BPL_OPTIMIZER_ADAM);
  g_assert_cmpfloat (got.beta1, ==, 0.8);
  g_assert_cmpfloat (got.beta2, ==, 0.99);
  g_assert_cmpfloat (got.epsilon, ==, 1e-6);
  g_assert_true (bpl_network_has_optimizer_state (src));
  g_assert_false (bpl_network_has_optimizer_state (dst));
}

static BplNetwork *
load_example (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("BPL_SOURCE_ROOT"), "data", "networks", name, NULL);
  g_autoptr (GError) error = NULL;
  BplNetwork *net = bpl_network_load_from_file (path, &error);

  g_assert_no_error (error);
  return net;
}

/* How many samples the network gets right: the largest output is the
 * target's (or, with one output, the same side of 0.5). */
static guint
n_correct (const BplNetwork *net)
{
  g_autoptr (BplForward) fw = bpl_forward_new (net);
  guint n_out = bpl_network_get_n_outputs (net), first = bpl_network_get_n_neurons (net) - n_out;
  guint correct = 0;

  for (guint s = 0; s < bpl_network_get_n_samples (net); s++)
    {
      const double *t = bpl_network_get_target (net, s);
      guint best = 0, want = 0;
      bpl_forward_compute (fw, net, s);
      if (n_out == 1)
        {
          correct += (fw->out[first] > 0.5) == (t[0] > 0.5);
          continue;
        }
      for (guint o = 1; o < n_out; o++)
        {
          best = fw->out[first + o] > fw->out[first + best] ? o : best;
          want = t[o] > t[want] ? o : want;
        }
      correct += best == want;
    }
  return correct;
}

/* The examples for softmax, Iris and Adam train well. */
static void
test_examples (void)
{
  static const struct { const char *name; guint64 steps; double error; } examples[] = {
    { "softmax.json", 300, 0.01 },
    { "iris.json", 150, 0.1 },
    { "xor-adam-l2.json", 500, 0.005 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autoptr (BplNetwork) net = load_example (examples[i].name);
      g_autoptr (BplTrainer) trainer = bpl_trainer_new (net);
      g_autoptr (BplForward) fw = bpl_forward_new (net);
      guint S = bpl_network_get_n_samples (net);
      double before = bpl_network_mean_error (net, fw), after;

      g_assert_true (bpl_trainer_train (trainer, net, examples[i].steps, NULL, NULL));
      after = bpl_network_mean_error (net, fw);
      g_test_message ("%s: %" G_GUINT64_FORMAT " steps, E_total %g → %g, %u of %u right", examples[i].name,
                      examples[i].steps, before, after, n_correct (net), S);
      g_assert_cmpfloat (after, <, examples[i].error);
      g_assert_cmpuint (n_correct (net), >=, S - S / 50);
    }
}

/* softmax.json derives by hand: sample 1's three outputs are 1/3 each, so
 * δ_o = (1/3, −2/3, 1/3) and δ_h = Σ w·δ_o through the relu's slope 1. */
static void
test_softmax_example_by_hand (void)
{
  g_autoptr (BplNetwork) net = load_example ("softmax.json");
  const double delta_o[3] = { 1.0 / 3, -2.0 / 3, 1.0 / 3 };
  const double *in = bpl_network_get_input (net, 0);

  for (guint h = 0; h < 3; h++)
    for (guint i = 0; i < 2; i++)
      {
        BplParam p = { BPL_PARAM_WEIGHT, h * 2 + i };
        g_autoptr (BplDerivation) d = bpl_derivation_new (net, p, 0, NULL);
        double delta_h = 0.0;
        for (guint o = 0; o < 3; o++)
          delta_h += bpl_network_get_weight (net, 6 + o * 3 + h) * delta_o[o];
        assert_close (d->gradient, delta_h * in[i], 1e-15, 1e-16);
        assert_close (d->new_value, bpl_network_get_weight (net, p.index) - 0.25 * delta_h * in[i], 1e-15, 1e-16);
        g_assert_cmpuint (d->n_paths, ==, 9);
      }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/training-options/penalty/gradient", test_penalty_gradient);
  g_test_add_func ("/core/training-options/penalty/l1-at-zero", test_l1_at_zero);
  g_test_add_func ("/core/training-options/penalty/step", test_penalty_step);
  g_test_add_func ("/core/training-options/penalty/check", test_penalty_check);
  g_test_add_func ("/core/training-options/mini-batch/step-samples", test_step_samples);
  g_test_add_func ("/core/training-options/mini-batch/steps", test_mini_batch_steps);
  g_test_add_func ("/core/training-options/optimizer/steps", test_optimizer_steps);
  g_test_add_func ("/core/training-options/optimizer/state", test_optimizer_state);
  g_test_add_func ("/core/training-options/optimizer/check", test_optimizer_check);
  g_test_add_func ("/core/training-options/optimizer/refusal", test_optimizer_refusal);
  g_test_add_func ("/core/training-options/optimizer/flushes-tiny-state", test_optimizer_flushes_tiny_state);
  g_test_add_func ("/core/training-options/optimizer/adam-late-steps", test_adam_late_steps);
  g_test_add_func ("/core/training-options/allocation-free", test_allocation_free);
  g_test_add_func ("/core/training-options/copy-training-settings", test_copy_training_settings);
  g_test_add_func ("/core/training-options/examples", test_examples);
  g_test_add_func ("/core/training-options/softmax-example-by-hand", test_softmax_example_by_hand);

  return g_test_run ();
}

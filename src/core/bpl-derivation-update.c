/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The end of a derivation: from the gradient of one sample to the value
 * the next training step gives the parameter. The penalty's own term, the
 * mean over the step's samples, the optimiser's state and its update. */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "bpl-derivation-private.h"
#include "bpl-forward.h"
#include "bpl-network-private.h"
#include "bpl-training.h"

/* ∂(E_total + λ·R)/∂w3 */
static BplExpr *
objective_symbol (const char *base, const char *sub)
{
  BplExpr *e = bpl_expr_text (bpl_expr_new (), "∂(");
  bpl_expr_name (e, "E", "total");
  bpl_expr_text (e, " + λ·R)/∂");
  bpl_expr_name (e, base, sub);
  return e;
}

/* (λR(w + h) − λR(w − h))/2h of a weight, with the step the core's finite
 * difference of E_total takes; 0 for a bias. */
static double
penalty_difference (const BplNetwork *net, const BplDerivation *self)
{
  double w = self->value, h = 1e-4 * MAX (1.0, fabs (w)), lambda = net->regularization_strength;

  if (self->param.kind == BPL_PARAM_BIAS)
    return 0.0;
  switch (net->regularization)
    {
    case BPL_REGULARIZATION_L2:
      return lambda * 0.5 * ((w + h) * (w + h) - (w - h) * (w - h)) / (2 * h);
    case BPL_REGULARIZATION_L1:
      return lambda * (fabs (w + h) - fabs (w - h)) / (2 * h);
    case BPL_REGULARIZATION_NONE:
    default:
      return 0.0;
    }
}

/* The penalty's part of the gradient as its own step: λ·w (L2) or
 * λ·sign(w) (L1) for a weight; nothing for a bias, and the step says so. */
static void
add_penalty_step (BplDerivation *self, const BplNetwork *net, GArray *steps, const char *base,
                  const char *sub)
{
  BplExpr *symbol = objective_symbol (base, sub);
  BplExpr *formula = bpl_expr_new ();
  BplExpr *numbers = bpl_expr_new ();
  const char *what = net->regularization == BPL_REGULARIZATION_L2 ? "½Σw²" : "Σ|w|";

  bpl_expr_append (formula, self->gradient_symbol);
  bpl_expr_number (numbers, self->gradient);
  if (self->param.kind == BPL_PARAM_BIAS)
    {
      bpl_derivation_step_add (steps, BPL_STEP_REGULARIZATION, -1,
                               g_strdup_printf (_("The penalty λ·R leaves %s alone"), self->name),
                               g_strdup_printf (_("R = %s sums over the weights only; biases are not "
                                                  "regularised"), what),
                               self->objective_gradient, symbol, formula, NULL);
      bpl_expr_free (numbers);
      return;
    }

  bpl_expr_text (formula, " + λ·");
  bpl_expr_text (numbers, " + ");
  bpl_expr_number (numbers, net->regularization_strength);
  bpl_expr_text (numbers, "·");
  if (net->regularization == BPL_REGULARIZATION_L2)
    {
      bpl_expr_name (formula, base, sub);
      bpl_expr_number (numbers, self->value);
    }
  else
    {
      bpl_expr_text (formula, "sign(");
      bpl_expr_name (formula, base, sub);
      bpl_expr_text (formula, ")");
      bpl_expr_number (numbers, self->value > 0 ? 1.0 : self->value < 0 ? -1.0 : 0.0);
    }
  bpl_derivation_step_add (
      steps, BPL_STEP_REGULARIZATION, self->target,
      g_strdup_printf (_("The penalty λ·R adds %s’s own term"), self->name),
      net->regularization == BPL_REGULARIZATION_L2
        ? g_strdup_printf (_("training minimises the mean error plus λ·R with R = ½Σw² over the weights (L2, "
                             "weight decay); only ½%s² depends on %s, so the penalty adds λ·%s"),
                           self->name, self->name, self->name)
        : g_strdup_printf (_("training minimises the mean error plus λ·R with R = Σ|w| over the weights (L1); "
                             "only |%s| depends on %s, and d|w|/dw = sign(w), taken as 0 at w = 0"),
                           self->name, self->name),
      self->objective_gradient, symbol, formula, numbers, NULL);
}

/* Beyond this many samples the batch mean is written with "…". */
#define MAX_WRITTEN_BATCH_TERMS 8

/* ∂E_total/∂p on each sample of the next step, from the same backward pass
 * the derivation's own gradient comes from. */
static void
compute_batch (BplDerivation *self, const BplNetwork *net)
{
  g_autoptr (BplForward) forward = bpl_forward_new (net);
  g_autofree double *weight_gradient = g_new0 (double, MAX (net->n_weights, 1));
  g_autofree double *bias_gradient = g_new0 (double, MAX (net->n_biases, 1));
  double sum = 0.0;

  self->step = net->steps;
  self->n_batch = bpl_network_get_samples_per_step (net);
  self->batch_samples = g_new (guint, self->n_batch);
  self->batch_gradients = g_new (double, self->n_batch);
  bpl_network_get_step_samples (net, self->step, self->batch_samples);
  for (guint j = 0; j < self->n_batch; j++)
    {
      guint s = self->batch_samples[j];
      if (s == self->sample)
        self->batch_gradients[j] = self->gradient;
      else
        {
          bpl_network_gradient (net, s, forward, weight_gradient, bias_gradient);
          self->batch_gradients[j] = self->param.kind == BPL_PARAM_WEIGHT ? weight_gradient[self->param.index]
                                                                           : bias_gradient[self->param.index];
        }
      sum += self->batch_gradients[j];
    }
  self->step_gradient = sum / self->n_batch + self->penalty_gradient;
}

/* "3, 4 and 7", samples counted from 1 as the user does. */
static char *
sample_list (const BplDerivation *self)
{
  GString *s = g_string_new (NULL);

  for (guint j = 0; j < self->n_batch; j++)
    {
      if (j > 0)
        g_string_append (s, j + 1 == self->n_batch ? _(" and ") : ", ");
      if (j == MAX_WRITTEN_BATCH_TERMS - 1 && self->n_batch > MAX_WRITTEN_BATCH_TERMS)
        {
          g_string_append (s, "…, ");
          j = self->n_batch - 1;
        }
      g_string_append_printf (s, "%u", self->batch_samples[j] + 1);
    }
  return g_string_free (s, FALSE);
}

/* g_w3 = (1/b)·(∂E_s3/∂w3 + ∂E_s4/∂w3) + λ·w3, with names and numbers. */
static void
add_batch_step (BplDerivation *self, const BplNetwork *net, GArray *steps, const char *base, const char *sub)
{
  BplExpr *symbol = bpl_expr_name (bpl_expr_new (), "g", self->name);
  BplExpr *formula = bpl_expr_new ();
  BplExpr *numbers = bpl_expr_new ();
  g_autofree char *samples = sample_list (self);
  g_autofree char *title = NULL;
  g_autofree char *why = NULL;
  gboolean mean = self->n_batch > 1;

  if (mean)
    {
      g_autofree char *b = g_strdup_printf ("(1/%u)·(", self->n_batch);
      bpl_expr_text (formula, b);
      bpl_expr_text (numbers, b);
    }
  for (guint j = 0; j < self->n_batch; j++)
    {
      g_autofree char *es = g_strdup_printf ("s%u", self->batch_samples[j] + 1);
      if (j > 0)
        {
          bpl_expr_text (formula, " + ");
          bpl_expr_text (numbers, " + ");
        }
      if (j == MAX_WRITTEN_BATCH_TERMS - 1 && self->n_batch > MAX_WRITTEN_BATCH_TERMS)
        {
          bpl_expr_text (formula, "… + ");
          bpl_expr_text (numbers, "… + ");
          j = self->n_batch - 1;
          g_free (es);
          es = g_strdup_printf ("s%u", self->batch_samples[j] + 1);
        }
      bpl_expr_derivative (formula, "E", es, base, sub);
      bpl_expr_number (numbers, self->batch_gradients[j]);
    }
  if (mean)
    {
      bpl_expr_text (formula, ")");
      bpl_expr_text (numbers, ")");
    }
  if (net->regularization != BPL_REGULARIZATION_NONE && self->param.kind == BPL_PARAM_WEIGHT)
    {
      bpl_expr_text (formula, net->regularization == BPL_REGULARIZATION_L2 ? " + λ·" : " + λ·sign(");
      bpl_expr_name (formula, base, sub);
      if (net->regularization == BPL_REGULARIZATION_L1)
        bpl_expr_text (formula, ")");
      bpl_expr_text (numbers, " + ");
      bpl_expr_number (numbers, self->penalty_gradient);
    }

  if (mean)
    title = g_strdup_printf (_("The next step averages the gradient over samples %s"), samples);
  else
    title = g_strdup_printf (_("The next step trains on sample %s"), samples);
  if (bpl_network_get_training (net) == BPL_TRAINING_ONLINE)
    why = g_strdup_printf (_("online training takes one sample a step, in turn: step k takes the sample at k mod "
                             "S, counting from 0, which for k = %" PRIu64 " is sample %s. E_s%s is "
                             "E_total of that sample, and ∂E_s%s/∂%s comes from its own chain rule, worked out "
                             "as above"),
                           self->step, samples, samples, samples, self->name);
  else
    why = g_strdup_printf (_("a step takes %u samples: step k takes the samples at (k·%u + j) mod %u, j = 0…%u, "
                             "counting from 0, which for k = %" PRIu64 " are samples %s. E_s is E_total "
                             "of sample s; each ∂E_s/∂%s comes from its own chain rule, worked out as above, and "
                             "the step uses their mean"),
                           self->n_batch, self->n_batch, net->n_samples, self->n_batch - 1, self->step, samples,
                           self->name);
  /* One sample and no penalty: its number is the value, written once. */
  if (bpl_expr_get_n_terms (numbers) <= 1)
    g_clear_pointer (&numbers, bpl_expr_free);
  bpl_derivation_step_add (steps, BPL_STEP_BATCH, -1, g_steal_pointer (&title), g_steal_pointer (&why),
                           self->step_gradient, symbol, formula, numbers, NULL);
}

/* <base>_<param>, and <base>_<param>⁺ for its new value. */
static BplExpr *
state_name (BplExpr *e, const char *base, const BplDerivation *self, gboolean new)
{
  bpl_expr_name (e, base, self->name);
  if (new)
    bpl_expr_text (e, "⁺");
  return e;
}

/* 1 − β₁ᵗ, with names or numbers. */
static void
append_correction (BplExpr *e, const char *beta_sub, double beta, guint64 t, gboolean numbers)
{
  bpl_expr_text (e, "(1 − ");
  if (numbers)
    bpl_expr_number (e, beta);
  else
    bpl_expr_name (e, "β", beta_sub);
  bpl_expr_sup_begin (e);
  if (numbers)
    bpl_expr_number (e, (double) t);
  else
    bpl_expr_text (e, "t");
  bpl_expr_sup_end (e);
  bpl_expr_text (e, ")");
}

/* An exponential average: β·old + (1 − β)·g (or g²), with names or numbers. */
static void
append_average (BplExpr *e, const char *beta_sub, double beta, const BplExpr *old_name, double old,
                const BplExpr *g_symbol, gboolean g_is_name, double g, gboolean squared, gboolean numbers)
{
  if (numbers)
    bpl_expr_number (e, beta);
  else
    bpl_expr_name (e, "β", beta_sub);
  bpl_expr_text (e, "·");
  if (numbers)
    bpl_expr_number (e, old);
  else
    bpl_expr_append (e, old_name);
  bpl_expr_text (e, " + (1 − ");
  if (numbers)
    bpl_expr_number (e, beta);
  else
    bpl_expr_name (e, "β", beta_sub);
  bpl_expr_text (e, ")·");
  if (numbers)
    {
      bpl_expr_number (e, g);
      if (squared)
        bpl_expr_text (e, "²");
    }
  else
    {
      if (squared && !g_is_name)
        bpl_expr_text (e, "(");
      bpl_expr_append (e, g_symbol);
      if (squared)
        bpl_expr_text (e, g_is_name ? "²" : ")²");
    }
}

/* The optimiser's state updates as steps, and the last line: the update
 * p⁺ with its numbers. @g_symbol names the gradient g the steps above gave. */
static void
add_optimizer (BplDerivation *self, const BplNetwork *net, GArray *steps, const char *base, const char *sub,
               const BplExpr *g_symbol, gboolean g_is_name)
{
  const BplOptimizerSettings *o = &net->optimizer;
  guint i = self->param.kind == BPL_PARAM_WEIGHT ? self->param.index : net->n_weights + self->param.index;
  double m1 = net->moment1[i], m2 = net->moment2[i];
  double g = self->step_gradient;
  double bc1 = 1.0, bc2 = 1.0;
  guint64 t = net->optimizer_steps + 1;

  if (o->kind == BPL_OPTIMIZER_ADAM)
    {
      /* As the training step computes them. */
      bc1 = 1.0 - pow (o->beta1, (double) t);
      bc2 = 1.0 - pow (o->beta2, (double) t);
    }
  self->new_value = bpl_optimizer_apply (net, o->kind, self->value, g, &m1, &m2, bc1, bc2);

  self->update = bpl_expr_new ();
  bpl_expr_name (self->update, base, sub);
  bpl_expr_text (self->update, "⁺ = ");
  bpl_expr_name (self->update, base, sub);
  bpl_expr_text (self->update, " − η·");
  self->update_substitution = bpl_expr_new ();
  bpl_expr_number (self->update_substitution, self->value);
  bpl_expr_text (self->update_substitution, " − ");
  bpl_expr_number (self->update_substitution, self->learning_rate);
  bpl_expr_text (self->update_substitution, "·");

  switch (o->kind)
    {
    case BPL_OPTIMIZER_MOMENTUM:
      {
        BplExpr *formula = bpl_expr_text (bpl_expr_new (), "μ·");
        BplExpr *numbers = bpl_expr_number (bpl_expr_new (), o->momentum);

        state_name (formula, "v", self, FALSE);
        bpl_expr_text (formula, " + ");
        bpl_expr_append (formula, g_symbol);
        bpl_expr_text (numbers, "·");
        bpl_expr_number (numbers, net->moment1[i]);
        bpl_expr_text (numbers, " + ");
        bpl_expr_number (numbers, g);
        bpl_derivation_step_add (
            steps, BPL_STEP_OPTIMIZER, -1, g_strdup_printf (_("Momentum: the velocity of %s"), self->name),
            g_strdup_printf (_("SGD with momentum μ (as torch.optim.SGD, dampening 0) keeps a velocity v_%s, "
                               "a running sum of gradients that fades by μ each step; it starts at 0, so the "
                               "first step is plain gradient descent, and the step moves %s by η·v_%s⁺"),
                             self->name, self->name, self->name),
            m1, state_name (bpl_expr_new (), "v", self, TRUE), formula, numbers, NULL);
        state_name (self->update, "v", self, TRUE);
        bpl_expr_number (self->update_substitution, m1);
      }
      break;

    case BPL_OPTIMIZER_ADAM:
      {
        g_autoptr (BplExpr) m_old = state_name (bpl_expr_new (), "m", self, FALSE);
        g_autoptr (BplExpr) v_old = state_name (bpl_expr_new (), "v", self, FALSE);
        BplExpr *e[6];

        for (int numbers = 0; numbers <= 1; numbers++)
          {
            e[numbers] = bpl_expr_new ();
            append_average (e[numbers], "1", o->beta1, m_old, net->moment1[i], g_symbol, g_is_name, g, FALSE,
                            numbers);
            e[2 + numbers] = bpl_expr_new ();
            append_average (e[2 + numbers], "2", o->beta2, v_old, net->moment2[i], g_symbol, g_is_name, g,
                            TRUE, numbers);
          }
        bpl_derivation_step_add (
            steps, BPL_STEP_OPTIMIZER, -1, g_strdup_printf (_("Adam: the first moment of %s"), self->name),
            g_strdup_printf (_("m_%s is a running mean of the gradient, weighted by β₁; it starts at 0"),
                             self->name),
            m1, state_name (bpl_expr_new (), "m", self, TRUE), e[0], e[1], NULL);
        bpl_derivation_step_add (
            steps, BPL_STEP_OPTIMIZER, -1, g_strdup_printf (_("Adam: the second moment of %s"), self->name),
            g_strdup_printf (_("v_%s is a running mean of the squared gradient, weighted by β₂; it starts at 0"),
                             self->name),
            m2, state_name (bpl_expr_new (), "v", self, TRUE), e[2], e[3], NULL);

        for (int moment = 0; moment <= 1; moment++)
          {
            const char *letter = moment == 0 ? "m" : "v";
            const char *hat = moment == 0 ? "m̂" : "v̂";
            const char *beta_sub = moment == 0 ? "1" : "2";
            double beta = moment == 0 ? o->beta1 : o->beta2;
            double value = moment == 0 ? m1 : m2;
            double bc = moment == 0 ? bc1 : bc2;
            BplExpr *formula = state_name (bpl_expr_new (), letter, self, TRUE);
            BplExpr *numbers = bpl_expr_number (bpl_expr_new (), value);

            bpl_expr_text (formula, "/");
            append_correction (formula, beta_sub, beta, t, FALSE);
            bpl_expr_text (numbers, "/");
            append_correction (numbers, beta_sub, beta, t, TRUE);
            bpl_derivation_step_add (
                steps, BPL_STEP_OPTIMIZER, -1,
                g_strdup_printf (moment == 0 ? _("Adam: the first moment of %s with its bias corrected")
                                             : _("Adam: the second moment of %s with its bias corrected"),
                                 self->name),
                g_strdup_printf (_("a running mean that starts at 0 is too small in the first steps; dividing "
                                   "by 1 − β%sᵗ, here at step t = %" PRIu64 ", makes up for it"),
                                 moment == 0 ? "₁" : "₂", t),
                value / bc, bpl_expr_name (bpl_expr_new (), hat, self->name), formula, numbers, NULL);
          }

        /* η·m̂/(√v̂ + ε) */
        bpl_expr_name (self->update, "m̂", self->name);
        bpl_expr_text (self->update, "/(√");
        bpl_expr_name (self->update, "v̂", self->name);
        bpl_expr_text (self->update, " + ε)");
        bpl_expr_number (self->update_substitution, m1 / bc1);
        bpl_expr_text (self->update_substitution, "/(√");
        bpl_expr_number (self->update_substitution, m2 / bc2);
        bpl_expr_text (self->update_substitution, " + ");
        bpl_expr_number (self->update_substitution, o->epsilon);
        bpl_expr_text (self->update_substitution, ")");
      }
      break;

    case BPL_OPTIMIZER_SGD:
    default:
      bpl_expr_append (self->update, g_symbol);
      bpl_expr_number (self->update_substitution, g);
      break;
    }
}

void
bpl_derivation_add_update (BplDerivation *self, const BplNetwork *net, GArray *steps)
{
  char base[8];
  const char *sub;
  gboolean penalised = net->regularization != BPL_REGULARIZATION_NONE;
  g_autoptr (BplExpr) g_symbol = NULL;
  gboolean g_is_name;

  bpl_split_name (self->name, base, sizeof base, &sub);

  self->penalty_gradient = self->param.kind == BPL_PARAM_WEIGHT ? bpl_penalty_slope (net, self->value) : 0.0;
  self->objective_gradient = self->gradient + self->penalty_gradient;
  self->numerical_objective_gradient = self->numerical_gradient + penalty_difference (net, self);
  if (penalised)
    add_penalty_step (self, net, steps, base, sub);

  /* The gradient the update uses, by the name the steps above gave it:
   * this sample's own when the step takes just this sample, else g. */
  compute_batch (self, net);
  if (self->n_batch == 1 && self->batch_samples[0] == self->sample)
    {
      self->step_gradient = self->objective_gradient;
      g_symbol = penalised ? objective_symbol (base, sub) : bpl_expr_copy (self->gradient_symbol);
      g_is_name = FALSE;
    }
  else
    {
      add_batch_step (self, net, steps, base, sub);
      g_symbol = bpl_expr_name (bpl_expr_new (), "g", self->name);
      g_is_name = TRUE;
    }
  add_optimizer (self, net, steps, base, sub, g_symbol, g_is_name);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The end of a derivation: from the gradient of one sample to the value
 * the next training step gives the parameter. The penalty's own term, and
 * the update p⁺ = p − η·g. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bpl-derivation-private.h"
#include "bpl-network-private.h"

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

void
bpl_derivation_add_update (BplDerivation *self, const BplNetwork *net, GArray *steps)
{
  char base[8];
  const char *sub;
  gboolean penalised = net->regularization != BPL_REGULARIZATION_NONE;
  g_autoptr (BplExpr) g_symbol = NULL;

  bpl_split_name (self->name, base, sizeof base, &sub);

  self->penalty_gradient = self->param.kind == BPL_PARAM_WEIGHT ? bpl_penalty_slope (net, self->value) : 0.0;
  self->objective_gradient = self->gradient + self->penalty_gradient;
  if (penalised)
    add_penalty_step (self, net, steps, base, sub);

  /* The gradient the update uses, by the name the steps above gave it. */
  g_symbol = penalised ? objective_symbol (base, sub) : bpl_expr_copy (self->gradient_symbol);
  self->new_value = self->value - self->learning_rate * self->objective_gradient;

  self->update = bpl_expr_new ();
  bpl_expr_name (self->update, base, sub);
  bpl_expr_text (self->update, "⁺ = ");
  bpl_expr_name (self->update, base, sub);
  bpl_expr_text (self->update, " − η·");
  bpl_expr_append (self->update, g_symbol);
  self->update_substitution = bpl_expr_new ();
  bpl_expr_number (self->update_substitution, self->value);
  bpl_expr_text (self->update_substitution, " − ");
  bpl_expr_number (self->update_substitution, self->learning_rate);
  bpl_expr_text (self->update_substitution, "·");
  bpl_expr_number (self->update_substitution, self->objective_gradient);
}

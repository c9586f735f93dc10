/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-derivation-private.h: formula pieces shared by the derivation, the
 * neuron computation and the report. */
#pragma once

#include "bpl-derivation.h"

G_BEGIN_DECLS

void bpl_split_name       (const char *name, char *base, gsize base_size, const char **sub);
/* w3 / b1 / i1 as a name with a subscript. */
void bpl_expr_param_name  (BplExpr *e, const char *name);
/* i1 for an input, out_h2 for any other neuron. */
void bpl_expr_out         (BplExpr *e, const BplNetwork *net, guint neuron);
void bpl_expr_out_partial (BplExpr *e, const BplNetwork *net, guint neuron);
/* w1·i1 + w2·i2 + b1·1 */
void bpl_expr_net_sum     (BplExpr *e, const BplNetwork *net, guint neuron);
/* f'(net) of @neuron's activation, as formula and with numbers. */
void bpl_expr_slope       (BplExpr *formula, BplExpr *substitution, const BplNetwork *net,
                           guint neuron, double net_value, double out_value);

/* e^net_o1/(e^net_o1 + e^net_o2 + …) of an output of a softmax layer,
 * with names or with the numbers of @net_values. */
void bpl_expr_softmax     (BplExpr *e, const BplNetwork *net, const double *net_values, guint neuron,
                           gboolean numbers);

/* Appends a step to @steps (BplDerivationStep), taking @title,
 * @description and the chain's expressions (NULL-terminated). */
void bpl_derivation_step_add (GArray *steps, BplStepKind kind, gint neuron, char *title, char *description,
                              double value, ...) G_GNUC_NULL_TERMINATED;
/* What a training step makes of the gradient: the penalty's term, the
 * mean over the step's samples, the optimiser; fills the derivation's
 * update, update_substitution and new_value and appends their steps. */
void bpl_derivation_add_update (BplDerivation *self, const BplNetwork *net, GArray *steps);

/* The next "%s" or "%N$s" in @p of a translated template, or NULL: a
 * translation may reorder the arguments, as printf allows. *@index is N − 1
 * for "%N$s", else -1; *@length the directive's length. "%%" is not one. */
const char *_bpl_next_directive (const char *p,
                                 int        *index,
                                 gsize      *length);
/* How many arguments @template takes: its %s counted, %N$s up to N. */
guint       _bpl_count_directives (const char *template);

G_END_DECLS

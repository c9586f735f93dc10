/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-worksheet-private.h: the worksheet's tables, built from the core's
 * structured derivation and forward pass. With @blanks every computed number
 * becomes a line to write on; given values (inputs, targets, η, weights,
 * biases) stay. */
#pragma once

#include "bpl-derivation.h"
#include "bpl-network.h"
#include "bpl-sheet-private.h"

G_BEGIN_DECLS

/* A blank for a value of its own, and one inside a formula. */
#define BPL_WORKSHEET_BLANK "________________"
#define BPL_WORKSHEET_INLINE_BLANK "____________"

/* A number at @digits significant digits with a typeset minus. */
char          *bpl_worksheet_number_markup   (double value, int digits);

/* Inputs, targets, η, weights and biases: all given. */
BplSheetTable *bpl_worksheet_given_table     (const BplNetwork *network,
                                              guint             sample,
                                              int               digits);
/* net and out of every neuron after the inputs, each output's error, E_total. */
BplSheetTable *bpl_worksheet_forward_table   (const BplNetwork *network,
                                              guint             sample,
                                              gboolean          blanks,
                                              int               digits);
/* The worked example's steps: the sum over outputs, the chain along each
 * path, every factor, the products, the gradient, the new value. */
BplSheetTable *bpl_worksheet_derivation_table (const BplDerivation *derivation,
                                               const BplNetwork    *network,
                                               gboolean             blanks,
                                               int                  digits);

G_END_DECLS

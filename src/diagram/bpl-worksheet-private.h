/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-worksheet-private.h: the worksheet's tables, built from the core's
 * structured derivation and forward pass. Blank numbers: every computed
 * number becomes a line to write on; given values (inputs, targets, η,
 * weights, biases) stay. Blank formulas: the chain along each path and each
 * derivative's formula become lines, their symbols stay. */
#pragma once

#include "bpl-derivation.h"
#include "bpl-network.h"
#include "bpl-sheet-private.h"
#include "bpl-worksheet.h"

G_BEGIN_DECLS

/* A blank for a value of its own, one inside a formula, and one for a
 * formula (or a factor of one) to write by hand. */
#define BPL_WORKSHEET_BLANK "________________"
#define BPL_WORKSHEET_INLINE_BLANK "____________"
#define BPL_WORKSHEET_FORMULA_BLANK "______________________"

/* A number at @digits significant digits with a typeset minus. */
char          *bpl_worksheet_number_markup   (double value, int digits);

/* Inputs, targets, η, weights and biases: all given. */
BplSheetTable *bpl_worksheet_given_table     (const BplNetwork *network,
                                              guint             sample,
                                              int               digits);
/* net and out of every neuron after the inputs, each output's error,
 * E_total; @blanks: blank numbers. */
BplSheetTable *bpl_worksheet_forward_table   (const BplNetwork *network,
                                              guint             sample,
                                              gboolean          blanks,
                                              int               digits);
/* The worked example's steps: the sum over outputs, the chain along each
 * path, every factor, the products, the gradient, the new value. */
BplSheetTable *bpl_worksheet_derivation_table (const BplDerivation *derivation,
                                               const BplNetwork    *network,
                                               BplWorksheetBlanks   blanks,
                                               int                  digits);
/* The same steps, numbered alike, with every formula and value but not
 * their descriptions, which the questions have: an answer key. */
BplSheetTable *bpl_worksheet_key_table        (const BplDerivation *derivation,
                                               const BplNetwork    *network,
                                               int                  digits);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-worksheet.h: a printable A4 worksheet of the backward pass.
 *
 * Page 1 holds the diagram, the given values (inputs, targets, η, weights,
 * biases) and the forward values; then, for each selected parameter, the
 * derivation table in the worked example's order: the sum over outputs, the
 * chain rule along each path, every factor, the products, the gradient and
 * the new value. With blanks, every computed number is a line to write on,
 * and answer-key pages with every value follow the questions. */
#pragma once

#include <glib.h>

#include "bpl-network.h"
#include "bpl-render.h"

G_BEGIN_DECLS

/* More selected parameters than this are refused (BPL_ERROR_LIMIT). */
#define BPL_WORKSHEET_MAX_PARAMS 32

typedef struct {
  guint           sample;   /* the sample the forward pass and derivations use (default 0) */
  gboolean        blanks;   /* question pages with blanks, then an answer key (default FALSE) */
  int             digits;   /* significant digits of the numbers (default 11) */
  const BplStyle *style;    /* the diagram's colours, or NULL for the light palette */
} BplWorksheetOptions;

void     bpl_worksheet_options_init (BplWorksheetOptions *options);

/* Writes the worksheet for @params (n_params of them, at most
 * BPL_WORKSHEET_MAX_PARAMS; none gives the first page alone) as an A4 PDF
 * to @path, atomically and reproducibly (a fixed creation date). @options
 * may be NULL for the defaults. Errors: BPL_ERROR_INVALID for a sample or
 * parameter the network lacks, BPL_ERROR_LIMIT, BPL_ERROR_IO naming @path. */
gboolean bpl_worksheet_export (const BplNetwork          *network,
                               const BplParam            *params,
                               guint                      n_params,
                               const BplWorksheetOptions *options,
                               const char                *path,
                               GError                   **error);

G_END_DECLS

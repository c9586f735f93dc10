/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-dataset-dialog.h: New Data Set…: a generated data set (kind, points,
 * noise, test fraction, seed) for the document, keeping its network where
 * the data fits it. One undo step; a refusal is said, nothing is lost. */
#pragma once

#include <adwaita.h>

#include "bpl-document.h"

G_BEGIN_DECLS

/* Shows the dialog over @parent; its answer goes to @document. */
GtkWindow *bpl_dataset_dialog_present (GtkWindow   *parent,
                                       BplDocument *document);

G_END_DECLS

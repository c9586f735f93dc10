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

/* Import CSV…: a file chooser, then the columns of the file's header to
 * choose the inputs and the target from (one-hot for class labels), a test
 * fraction, and whether to keep the network. A bad file or choice is
 * refused with the line and column, and nothing changes. */
void       bpl_csv_dialog_ask         (GtkWindow   *parent,
                                       BplDocument *document);
/* The column dialog for CSV text already read (what the chooser leads
 * to); NULL, with a dialog saying why, when its header cannot be read.
 * "import" imports; bpl_csv_dialog_choose () sets its choices. */
GtkWindow *bpl_csv_dialog_present     (GtkWindow   *parent,
                                       BplDocument *document,
                                       GBytes      *data,
                                       const char  *display_name);
void       bpl_csv_dialog_choose      (GtkWindow         *dialog,
                                       const char *const *inputs,
                                       const char        *target,
                                       gboolean           one_hot,
                                       double             test_fraction);

G_END_DECLS

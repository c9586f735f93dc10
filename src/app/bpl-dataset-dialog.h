/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-dataset-dialog.h: New Data Set: points from a generator (circle, XOR,
 * two Gaussians, spiral, plane, sine) or the columns of a CSV file, a share
 * held out as test points, and either this network's layers (when they fit
 * the data) or a new network that suits it. Creating it is one undo step
 * of the session's document; "report" says what was made. */
#pragma once

#include <adwaita.h>

#include "bpl-session.h"

G_BEGIN_DECLS

#define BPL_TYPE_DATASET_DIALOG (bpl_dataset_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BplDatasetDialog, bpl_dataset_dialog, BPL, DATASET_DIALOG, AdwWindow)

GtkWidget *bpl_dataset_dialog_new        (GtkWindow  *parent,
                                          BplSession *session);

/* For tests and the window's Import CSV…: read @file's header and choose
 * the CSV source; FALSE with the file's problem shown in the dialog. */
gboolean   bpl_dataset_dialog_load_csv   (BplDatasetDialog *self,
                                          GFile            *file);
/* The source row's choices: a generator kind, or BPL_DATASET_DIALOG_CSV. */
#define BPL_DATASET_DIALOG_CSV (-1)
void       bpl_dataset_dialog_set_source (BplDatasetDialog *self,
                                          int               kind);
/* What a CSV column is used for. */
typedef enum {
  BPL_CSV_COLUMN_UNUSED,
  BPL_CSV_COLUMN_INPUT,
  BPL_CSV_COLUMN_TARGET,
  BPL_CSV_COLUMN_CLASS,   /* one target for each of its labels */
} BplCsvColumnUse;
void       bpl_dataset_dialog_set_column (BplDatasetDialog *self,
                                          guint             column,
                                          BplCsvColumnUse   use);
/* The problem that keeps Create insensitive, or NULL. */
const char *bpl_dataset_dialog_get_problem (BplDatasetDialog *self);
/* Creates the data set as Create does; FALSE when it cannot (the problem
 * is shown and the document is left as it was). */
gboolean   bpl_dataset_dialog_create     (BplDatasetDialog *self);

G_END_DECLS

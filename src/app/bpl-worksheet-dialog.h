/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-worksheet-dialog.h: Export Worksheet: which weights and biases to
 * derive (the window's selection checked to start with), what the student's
 * copy leaves blank, where the answer key goes and the paper size; then the
 * file chooser. The network, the sample and the selection are the
 * session's when it opens; "report" says how the export went. */
#pragma once

#include <adwaita.h>

#include "backprop-lens-diagram.h"
#include "bpl-session.h"

G_BEGIN_DECLS

#define BPL_TYPE_WORKSHEET_DIALOG (bpl_worksheet_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BplWorksheetDialog, bpl_worksheet_dialog, BPL, WORKSHEET_DIALOG, AdwWindow)

GtkWidget *bpl_worksheet_dialog_new          (GtkWindow  *parent,
                                              BplSession *session,
                                              int         digits);

/* Each parameter's check box. */
void       bpl_worksheet_dialog_set_checked  (BplWorksheetDialog *self,
                                              BplParam            param,
                                              gboolean            checked);
gboolean   bpl_worksheet_dialog_get_checked  (BplWorksheetDialog *self,
                                              BplParam            param);
/* The checked parameters (BplParam), weights then biases. */
GArray    *bpl_worksheet_dialog_get_params   (BplWorksheetDialog *self);

/* The choices of the dialog's rows. */
void       bpl_worksheet_dialog_set_blanks   (BplWorksheetDialog *self,
                                              BplWorksheetBlanks  blanks);
void       bpl_worksheet_dialog_set_paper    (BplWorksheetDialog *self,
                                              BplPaper            paper);
void       bpl_worksheet_dialog_set_separate_key (BplWorksheetDialog *self,
                                                  gboolean            separate);
/* The worksheet's options as chosen, with the session's sample and digits;
 * @separate_key: whether the answer key goes in a file of its own. */
void       bpl_worksheet_dialog_get_options  (BplWorksheetDialog  *self,
                                              BplWorksheetOptions *options,
                                              gboolean            *separate_key);

/* A class set: a worksheet for each student (bpl_worksheet_export_variants),
 * as many as the names list holds, else @n_students of them. */
void       bpl_worksheet_dialog_set_class    (BplWorksheetDialog *self,
                                              gboolean            enabled);
void       bpl_worksheet_dialog_set_students (BplWorksheetDialog *self,
                                              guint               n_students);
/* One name a line; "" for none. */
void       bpl_worksheet_dialog_set_names    (BplWorksheetDialog *self,
                                              const char         *names);
void       bpl_worksheet_dialog_set_seed     (BplWorksheetDialog *self,
                                              guint64             seed);
void       bpl_worksheet_dialog_set_decimals (BplWorksheetDialog *self,
                                              int                 decimals);
/* With a class set: each student's network also goes to
 * bpl_worksheet_dialog_networks_folder (). */
void       bpl_worksheet_dialog_set_save_networks (BplWorksheetDialog *self,
                                                   gboolean            save);
/* "class-networks" beside "class.pdf". */
char      *bpl_worksheet_dialog_networks_folder   (const char *path);
/* Whether a class set is asked for; if so, its students (0 while the names
 * list is refused), names (NULL: numbered; free with g_strfreev) and the
 * variants' seed and decimals. */
gboolean   bpl_worksheet_dialog_get_class    (BplWorksheetDialog *self,
                                              guint              *n_students,
                                              GStrv              *names,
                                              BplVariantOptions  *options);

/* Writes the worksheet to @path and, when the key goes in a file of its
 * own, the answer key to @key_path. */
gboolean   bpl_worksheet_dialog_export       (BplWorksheetDialog *self,
                                              const char         *path,
                                              const char         *key_path,
                                              GError            **error);

G_END_DECLS

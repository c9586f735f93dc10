/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-file-chooser.h: the one way the app asks for a file. A native file
 * chooser (GtkFileDialog is GTK 4.10), modal on its window, that keeps the
 * window and itself alive until it is answered, then calls back once,
 * whatever the answer, and goes. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @file is NULL when the chooser was cancelled; @chooser still holds the
 * choices made in it (gtk_file_chooser_get_choice). */
typedef void (*BplFileChosen) (GtkWindow      *parent,
                               GFile          *file,
                               GtkFileChooser *chooser,
                               gpointer        data);

/* A chooser to set up (filters, choices, a name) before asking. */
GtkFileChooser *bpl_file_chooser_new        (GtkWindow            *parent,
                                             const char           *title,
                                             GtkFileChooserAction  action,
                                             const char           *accept_label);
/* Adds a filter of files ending in one of @suffixes (NULL-terminated). */
void            bpl_file_chooser_add_filter (GtkFileChooser *chooser,
                                             const char     *name,
                                             const char     *mime_type,
                                             const char     *first_suffix,
                                             ...) G_GNUC_NULL_TERMINATED;
/* Shows @chooser (taken) and calls @callback with the answer; @destroy
 * frees @data after it. */
void            bpl_file_chooser_ask        (GtkFileChooser *chooser,
                                             BplFileChosen   callback,
                                             gpointer        data,
                                             GDestroyNotify  destroy);

G_END_DECLS

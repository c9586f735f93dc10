/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-file-chooser.h"

#include <glib/gi18n.h>

typedef struct
{
  GtkWindow *parent;
  BplFileChosen callback;
  gpointer data;
  GDestroyNotify destroy;
} Question;

GtkFileChooser *
bpl_file_chooser_new (GtkWindow            *parent,
                      const char           *title,
                      GtkFileChooserAction  action,
                      const char           *accept_label)
{
  GtkFileChooserNative *native;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);

  native = gtk_file_chooser_native_new (title, parent, action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  return GTK_FILE_CHOOSER (native);
}

void
bpl_file_chooser_add_filter (GtkFileChooser *chooser,
                             const char     *name,
                             const char     *mime_type,
                             const char     *first_suffix,
                             ...)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  va_list args;

  gtk_file_filter_set_name (filter, name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  va_start (args, first_suffix);
  for (const char *suffix = first_suffix; suffix != NULL; suffix = va_arg (args, const char *))
    gtk_file_filter_add_suffix (filter, suffix);
  va_end (args);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
on_response (GtkNativeDialog *native,
             int              response,
             Question        *question)
{
  g_autoptr(GFile) file = NULL;

  g_signal_handlers_disconnect_by_data (native, question);
  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  question->callback (question->parent, file, GTK_FILE_CHOOSER (native), question->data);
  if (question->destroy != NULL)
    question->destroy (question->data);
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  g_object_unref (question->parent);
  g_free (question);
}

void
bpl_file_chooser_ask (GtkFileChooser *chooser,
                      BplFileChosen   callback,
                      gpointer        data,
                      GDestroyNotify  destroy)
{
  Question *question;

  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser));
  g_return_if_fail (callback != NULL);

  question = g_new0 (Question, 1);
  question->parent = g_object_ref (gtk_native_dialog_get_transient_for (GTK_NATIVE_DIALOG (chooser)));
  question->callback = callback;
  question->data = data;
  question->destroy = destroy;
  g_signal_connect (chooser, "response", G_CALLBACK (on_response), question);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

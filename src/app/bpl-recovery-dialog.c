/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-recovery-dialog.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "bpl-file-names.h"

/* Recovers @item into @window, or into a new window when @window has work
 * of its own; FALSE when its copy could not be kept, so the old one stays. */
static gboolean
recover_item (BplWindow             *window,
              gboolean               first,
              const BplRecoveryItem *item)
{
  BplWindow *target = window;
  g_autoptr(GError) error = NULL;

  if (!first || bpl_document_get_modified (bpl_window_get_document (window)))
    {
      target = bpl_window_new (gtk_window_get_application (GTK_WINDOW (window)));
      gtk_window_present (GTK_WINDOW (target));
    }
  g_object_set (target, "playing", FALSE, NULL);
  bpl_recovery_restore (bpl_window_get_document (target), item);
  /* The window's own copy first, then the old one goes. */
  if (!bpl_recovery_flush (bpl_window_get_recovery (target), &error))
    {
      g_message ("Keeping %s: %s", item->path, error->message);
      return FALSE;
    }
  return TRUE;
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             BplWindow        *window)
{
  GPtrArray *items = g_object_get_data (G_OBJECT (dialog), "items");

  g_signal_handlers_disconnect_by_data (dialog, window);
  if (g_strcmp0 (response, "recover") != 0 && g_strcmp0 (response, "discard") != 0)
    return; /* closed: ask again next time */
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      BplRecoveryItem *item = g_ptr_array_index (items, i);

      if (g_strcmp0 (response, "recover") == 0 && !recover_item (window, i == 0, item))
        continue;
      if (g_unlink (item->path) != 0 && errno != ENOENT)
        g_message ("Could not delete %s: %s", item->path, g_strerror (errno));
    }
}

/* "• Worked example, from “xor.json” in ~/Lectures, last changed today at 14:05" */
static char *
describe_item (const BplRecoveryItem *item)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = bpl_recovery_format_time (item->saved_at, now);
  g_autofree char *where = NULL;

  if (item->original_uri != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (item->original_uri);
      g_autofree char *name = bpl_file_dup_display_name (file);
      g_autofree char *folder = bpl_file_dup_folder_name (file);
      /* Translators: a file and its folder: from “xor.json” in ~/Lectures */
      where = g_strdup_printf (_("from “%s” in %s"), name, folder);
    }
  else
    where = g_strdup (_("never saved to a file"));
  /* Translators: a recovered network: its name, its file, when it last changed */
  return g_markup_printf_escaped (_("• <b>%s</b>, %s, last changed %s"), item->name, where, when);
}

GtkWidget *
bpl_recovery_dialog_offer (BplWindow  *window,
                           const char *dir)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GString) body = NULL;
  AdwMessageDialog *dialog;

  g_return_val_if_fail (BPL_IS_WINDOW (window), NULL);

  items = bpl_recovery_scan (dir);
  if (items->len == 0)
    return NULL;

  body = g_string_new (NULL);
  g_string_append (body, ngettext ("Backprop Lens stopped without saving this network:",
                                   "Backprop Lens stopped without saving these networks:",
                                   items->len));
  for (guint i = 0; i < items->len; i++)
    {
      g_autofree char *line = describe_item (g_ptr_array_index (items, i));

      g_string_append_c (body, '\n');
      g_string_append (body, line);
    }
  g_string_append (body, "\n\n");
  g_string_append (body, _("Recover opens the unsaved work so that you can save it. Discard deletes it."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window), _("Recover Unsaved Work?"), NULL));
  adw_message_dialog_set_body_use_markup (dialog, TRUE);
  adw_message_dialog_set_body (dialog, body->str);
  adw_message_dialog_add_responses (dialog,
                                    "discard", _("_Discard"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "recover", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "recover");
  adw_message_dialog_set_close_response (dialog, "later");
  g_object_set_data_full (G_OBJECT (dialog), "items", g_steal_pointer (&items),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_response), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

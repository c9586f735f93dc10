/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-window-files.c: open, save, examples, recent files, export and the
 * clipboard: the window's commands that touch files. */
#include "config.h"

#include "bpl-window.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bpl-file-chooser.h"
#include "bpl-file-names.h"
#include "bpl-popover.h"
#include "bpl-theme.h"
#include "bpl-window-private.h"

#define RESOURCE_PATH "/io/github/backproplens/BackpropLens/"
#define MAX_RECENT 8

/* Recent files: only what this application opened or saved. GTK's file
 * chooser adds every file it returns (under the application's name), even
 * one that then fails to open: our own entries carry the application ID. */

static void
remember_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *exec = g_strdup_printf ("%s %%u", g_get_prgname () != NULL ? g_get_prgname () : "backprop-lens");
  GtkRecentData data = {
    .mime_type = (char *) "application/json",
    .app_name = (char *) APP_ID,
    .app_exec = exec,
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

gboolean
_bpl_window_is_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentInfo *info = gtk_recent_manager_lookup_item (gtk_recent_manager_get_default (), uri, NULL);
  gboolean ours = info != NULL && gtk_recent_info_has_application (info, APP_ID);

  g_clear_pointer (&info, gtk_recent_info_unref);
  return ours;
}

/* A file of Open Recent that no longer opens leaves the list, and the
 * toast says so (the dialog says why it did not open). */
static void
forget_recent (BplWindow *self,
               GFile     *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *name = bpl_file_dup_display_name (file);
  g_autofree char *message = NULL;

  if (!_bpl_window_is_recent (file)
      || !gtk_recent_manager_remove_item (gtk_recent_manager_get_default (), uri, NULL))
    return;
  message = g_strdup_printf (_("“%s” no longer opens and was removed from Open Recent"), name);
  _bpl_window_toast (self, message);
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *ta = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *tb = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  return g_date_time_compare (tb, ta);
}

static void
update_recent (BplWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  guint n = 0;

  if (self->recent_section == NULL)
    return;
  g_menu_remove_all (self->recent_section);
  /* Newest first, as GNOME applications list them. */
  items = g_list_sort (items, compare_recent);
  for (GList *l = items; l != NULL && n < MAX_RECENT; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GFile) file = NULL;
      g_autofree char *name = NULL;
      g_autofree char *folder = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (!gtk_recent_info_has_application (info, APP_ID) || !gtk_recent_info_exists (info))
        continue;
      /* Two lessons' xor.json apart: the name, then where it is. */
      file = g_file_new_for_uri (uri);
      name = bpl_file_dup_display_name (file);
      folder = bpl_file_dup_folder_name (file);
      /* Translators: a recent file, its name and its folder: xor.json — ~/Lectures */
      label = g_strdup_printf (_("%s — %s"), name, folder);
      /* Menu labels take mnemonics: my_net.json keeps its underscore. */
      {
        g_auto(GStrv) parts = g_strsplit (label, "_", -1);
        g_free (label);
        label = g_strjoinv ("__", parts);
      }
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.open-path", "s", uri);
      g_menu_append_item (self->recent_section, item);
      n++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  if (n == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Networks"), "win.none");
      g_menu_append_item (self->recent_section, item);
    }
}

/* The recent-files list is read from disk (and watched) after the first
 * frame: nobody opens the menu before the window is there. */
static gboolean
load_recent_idle (gpointer data)
{
  BplWindow *self = data;

  if (self->recent_section != NULL && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                               G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);
      update_recent (self);
    }
  return G_SOURCE_REMOVE;
}

/* Continuations: what runs once unsaved work is dealt with */

typedef struct
{
  BplWindow *self;
  BplWindowContinuation then;
  gpointer data;
  GDestroyNotify destroy;
} Continuation;

static void
continuation_free (Continuation *c)
{
  if (c->destroy != NULL)
    c->destroy (c->data);
  g_object_unref (c->self);
  g_free (c);
}

static void
continuation_run (Continuation *c)
{
  c->self->close_confirmed = TRUE;
  c->then (c->self, c->data);
  c->self->close_confirmed = FALSE;
  continuation_free (c);
}

/* Save */

static gboolean
save_to (BplWindow *self,
         GFile     *file)
{
  g_autoptr(GError) error = NULL;

  if (!bpl_network_check (bpl_document_get_network (self->document), &error)
      || !bpl_document_save_file (self->document, file, &error))
    {
      g_autofree char *name = bpl_file_dup_display_name (file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Save “%s”"), name);
      g_autofree char *body = NULL;

      if (g_error_matches (error, BPL_ERROR, BPL_ERROR_NOT_FINITE)
          || g_error_matches (error, BPL_ERROR, BPL_ERROR_LIMIT))
        body = g_strdup_printf (_("%s\n\nNothing was written. Undo the training steps that ran away, or edit the value, then save again."),
                                error->message);
      else
        body = g_strdup_printf (_("%s\n\nThe file on disk was not changed, and your changes are still open in this window. Choose Save As to save them somewhere else."),
                                error->message);
      _bpl_window_show_error_dialog (self, heading, body);
      return FALSE;
    }
  remember_recent (file);
  return TRUE;
}

/* A file written from the network is named after it: "Worked example.png". */
static char *
suggested_name (BplWindow  *self,
                const char *extension)
{
  const char *name = bpl_network_get_name (bpl_document_get_live_network (self->document));
  GFile *file = bpl_document_get_file (self->document);
  g_autofree char *base = NULL;

  if (name != NULL && *name != '\0')
    base = g_strdup (name);
  else if (file != NULL)
    base = g_file_get_basename (file);
  else
    base = g_strdup (_("Untitled network"));
  return g_strconcat (base, extension, NULL);
}

static GtkFileChooser *
network_chooser_new (BplWindow            *self,
                     const char           *title,
                     GtkFileChooserAction  action,
                     const char           *accept_label)
{
  GtkFileChooser *chooser = bpl_file_chooser_new (GTK_WINDOW (self), title, action, accept_label);
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  bpl_file_chooser_add_filter (chooser, _("Network Files (JSON)"), "application/json", "json", NULL);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
  return chooser;
}

/* The continuation runs once the work is saved, and is dropped if not. */
static void
on_save_chosen (GtkWindow      *parent,
                GFile          *file,
                GtkFileChooser *chooser,
                gpointer        data)
{
  Continuation *after = data;
  gboolean saved = file != NULL && save_to (BPL_WINDOW (parent), file);

  if (after == NULL)
    return;
  if (saved)
    continuation_run (after);
  else
    continuation_free (after);
}

static void
save_as (BplWindow    *self,
         Continuation *after)
{
  GtkFileChooser *chooser = network_chooser_new (self, _("Save Network"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                                 _("_Save"));
  GFile *file = bpl_document_get_file (self->document);

  if (file != NULL)
    gtk_file_chooser_set_file (chooser, file, NULL);
  else
    {
      g_autofree char *name = suggested_name (self, ".json");
      gtk_file_chooser_set_current_name (chooser, name);
    }
  bpl_file_chooser_ask (chooser, on_save_chosen, after, NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);
  GFile *file = bpl_document_get_file (self->document);

  if (file != NULL)
    save_to (self, file);
  else
    save_as (self, NULL);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save_as (BPL_WINDOW (widget), NULL);
}

static void
save_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  save_to (BPL_WINDOW (widget), file);
}

/* Unsaved changes */

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     Continuation     *c)
{
  /* Exactly one answer per question: the dialog may report its close too. */
  g_signal_handlers_disconnect_by_data (dialog, c);
  /* Hidden, and no longer tied to the window, before the answer runs:
   * Discard destroys the window, and GTK 4.8 leaves a destroy-with-parent
   * dialog pointing at its freed parent until the dialog itself goes,
   * after this handler. */
  gtk_widget_set_visible (GTK_WIDGET (dialog), FALSE);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);

  if (g_strcmp0 (response, "discard") == 0)
    continuation_run (c);
  else if (g_strcmp0 (response, "save") == 0)
    {
      GFile *file = bpl_document_get_file (c->self->document);

      if (file != NULL)
        {
          if (save_to (c->self, file))
            continuation_run (c);
          else
            continuation_free (c);
        }
      else
        save_as (c->self, c);
    }
  else
    continuation_free (c);
}

void
_bpl_window_confirm_discard (BplWindow             *self,
                            BplWindowContinuation  then,
                            gpointer               data,
                            GDestroyNotify         destroy)
{
  Continuation *c = g_new0 (Continuation, 1);
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;

  c->self = g_object_ref (self);
  c->then = then;
  c->data = data;
  c->destroy = destroy;

  if (!bpl_document_get_modified (self->document))
    {
      continuation_run (c);
      return;
    }

  name = g_strdup (bpl_document_get_title (self->document));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), NULL));
  adw_message_dialog_format_body (dialog, _("“%s” has unsaved changes. Changes that are not saved are lost."), name);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_discard_response), c);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Open */

/* Before reading: a folder, or a file too big to be a network, is refused
 * without reading it into memory. */
static gboolean
check_openable (GFile   *file,
                GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = bpl_file_dup_display_name (file);
  g_autoptr(GError) local_error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, BPL_ERROR, BPL_ERROR_IO, _("%s: there is no such file"), name);
      else
        g_set_error (error, BPL_ERROR, BPL_ERROR_IO, _("%s: %s"), name, local_error->message);
      return FALSE;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_IO, _("%s: this is a folder, not a network file"), name);
      return FALSE;
    }
  if (g_file_info_get_size (info) > BPL_FILE_MAX_SIZE)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT, _("%s: the file is larger than %d MiB"), name,
                   BPL_FILE_MAX_SIZE / (1024 * 1024));
      return FALSE;
    }
  return TRUE;
}

gboolean
bpl_window_open_file (BplWindow *self,
                      GFile     *file,
                      GError   **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (BPL_IS_WINDOW (self), FALSE);

  _bpl_window_stop_playing (self);
  if (!check_openable (file, &local_error)
      || !bpl_document_load_file (self->document, file, &local_error))
    {
      g_autofree char *name = bpl_file_dup_display_name (file);
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);
      g_autofree char *body = g_strdup_printf (_("%s\n\nThe network in this window was kept as it was."),
                                               local_error->message);

      _bpl_window_show_error_dialog (self, heading, body);
      forget_recent (self, file);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* Only now: a file that did not open is no recent network. */
  remember_recent (file);
  return TRUE;
}

static void
open_continuation (BplWindow *self,
                   gpointer   data)
{
  bpl_window_open_file (self, G_FILE (data), NULL);
}

static void
on_open_chosen (GtkWindow      *parent,
                GFile          *file,
                GtkFileChooser *chooser,
                gpointer        data)
{
  if (file != NULL)
    _bpl_window_confirm_discard (BPL_WINDOW (parent), open_continuation, g_object_ref (file), g_object_unref);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GtkFileChooser *chooser = network_chooser_new (BPL_WINDOW (widget), _("Open Network"),
                                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));

  bpl_file_chooser_ask (chooser, on_open_chosen, NULL, NULL);
}

static void
open_path_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);
  const char *arg = g_variant_get_string (parameter, NULL);
  GFile *file = strstr (arg, "://") != NULL ? g_file_new_for_uri (arg) : g_file_new_for_path (arg);

  _bpl_window_confirm_discard (self, open_continuation, file, g_object_unref);
}

/* Examples */

static void
example_continuation (BplWindow *self,
                      gpointer   data)
{
  const char *name = data;
  g_autoptr(GError) error = NULL;
  BplNetwork *network = NULL;

  _bpl_window_stop_playing (self);
  if (g_strcmp0 (name, "worked-example") == 0)
    network = bpl_network_new_worked_example ();
  else
    {
      g_autofree char *path = g_strdup_printf (RESOURCE_PATH "networks/%s.json", name);
      g_autofree char *display = g_strdup_printf ("%s.json", name);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

      if (bytes != NULL)
        {
          gsize size;
          const char *data_ = g_bytes_get_data (bytes, &size);
          network = bpl_network_load_from_data (data_, size, display, &error);
        }
    }
  if (network == NULL)
    {
      _bpl_window_toast (self, error != NULL ? error->message : _("No such example"));
      return;
    }
  bpl_document_set_network (self->document, network, NULL);
}

static void
new_example_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _bpl_window_confirm_discard (BPL_WINDOW (widget), example_continuation,
                              g_variant_dup_string (parameter, NULL), g_free);
}

/* Export */

/* The layout on screen (presentation mode fits its text to the window),
 * made anew: the export must not hold the widget's. */
static BplLayout *
screen_layout (BplWindow *self,
               double     width,
               double     height)
{
  return bpl_layout_new_fitted (bpl_document_get_network (self->document), width, height,
                                bpl_diagram_widget_get_layout_options (self->diagram));
}

static void
get_screen_state (BplWindow        *self,
                  BplStyle         *style,
                  BplRenderState   *state,
                  double           *width,
                  double           *height)
{
  bpl_style_init_from_widget (style, GTK_WIDGET (self->diagram));
  bpl_diagram_widget_get_render_state (self->diagram, state);
  /* A file shows the finished values, not a frame of the step animation. */
  state->previous_weights = NULL;
  state->previous_biases = NULL;
  state->change_progress = 1;
  state->hover.kind = BPL_HIT_NONE;
  *width = gtk_widget_get_width (GTK_WIDGET (self->diagram));
  *height = gtk_widget_get_height (GTK_WIDGET (self->diagram));
  if (*width <= 0 || *height <= 0)
    {
      *width = 900;
      *height = 600;
    }
}

gboolean
bpl_window_export_to_path (BplWindow  *self,
                           const char *path,
                           double      scale,
                           GError    **error)
{
  BplExportFormat format;
  BplStyle style;
  BplRenderState state;
  double width, height;
  g_autoptr(BplLayout) layout = NULL;

  g_return_val_if_fail (BPL_IS_WINDOW (self), FALSE);

  /* What is shown is what is exported: the graph has its own formats. */
  if (_bpl_window_shows_graph (self))
    return bpl_graph_view_export_to_path (self->graph_view, path, scale, error);
  if (!bpl_export_format_from_path (path, &format, error))
    return FALSE;
  get_screen_state (self, &style, &state, &width, &height);
  layout = screen_layout (self, width, height);
  return bpl_export_layout (bpl_session_get_network (self->session), layout,
                            bpl_session_get_sample (self->session), &style, &state, scale,
                            format, path, error);
}

static double
export_scale (BplWindow *self)
{
  return self->settings != NULL ? g_settings_get_int (self->settings, "export-scale") : 2;
}

/* The PNG scale (1× to 4×) offered in an export's chooser, and read back:
 * out of range, 2×. */
static void
add_scale_choice (BplWindow      *self,
                  GtkFileChooser *chooser)
{
  const char *ids[] = { "1", "2", "3", "4", NULL };
  const char *labels[] = { "1×", "2×", "3×", "4×", NULL };
  g_autofree char *scale = g_strdup_printf ("%d", (int) export_scale (self));

  gtk_file_chooser_add_choice (chooser, "scale", _("PNG scale"), ids, labels);
  gtk_file_chooser_set_choice (chooser, "scale", scale);
}

static double
chosen_scale (BplWindow      *self,
              GtkFileChooser *chooser)
{
  const char *choice = gtk_file_chooser_get_choice (chooser, "scale");
  double scale = choice != NULL ? g_ascii_strtod (choice, NULL) : export_scale (self);

  return scale >= 1 && scale <= 4 ? scale : 2;
}

/* An export's outcome, in a toast: the file's name, or what went wrong. */
static void
report_export (BplWindow    *self,
               const char   *path,
               const GError *error)
{
  if (error != NULL)
    _bpl_window_toast (self, error->message);
  else
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *msg = g_strdup_printf (_("Exported “%s”"), base);
      _bpl_window_toast (self, msg);
    }
}

static void
export_and_report (BplWindow  *self,
                   const char *path,
                   double      scale)
{
  g_autoptr(GError) error = NULL;

  bpl_window_export_to_path (self, path, scale, &error);
  report_export (self, path, error);
}

static void
on_export_chosen (GtkWindow      *parent,
                  GFile          *file,
                  GtkFileChooser *chooser,
                  gpointer        data)
{
  BplWindow *self = BPL_WINDOW (parent);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  double scale = chosen_scale (self, chooser);
  BplExportFormat format;

  if (file == NULL)
    return;
  if (self->settings != NULL)
    g_settings_set_int (self->settings, "export-scale", (int) scale);
  if (path == NULL)
    return;
  if (_bpl_window_shows_graph (self) ? !bpl_graph_view_can_export (path)
                                     : !bpl_export_format_from_path (path, &format, NULL))
    {
      char *with_ext = g_strconcat (path, ".png", NULL);
      g_free (path);
      path = with_ext;
    }
  export_and_report (self, path, scale);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);
  GtkFileChooser *chooser;
  g_autofree char *name = suggested_name (self, ".png");

  if (_bpl_window_shows_graph (self))
    {
      chooser = bpl_file_chooser_new (GTK_WINDOW (self), _("Export Computational Graph"),
                                      GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));
      bpl_file_chooser_add_filter (chooser, _("PNG, SVG, PDF, DOT (Graphviz) or TikZ (LaTeX)"), NULL,
                                   "png", "svg", "pdf", "dot", "gv", "tex", NULL);
    }
  else
    {
      chooser = bpl_file_chooser_new (GTK_WINDOW (self), _("Export Diagram"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                      _("_Export"));
      /* TikZ (.tex): the diagram for a LaTeX lecture, in styles it can change. */
      bpl_file_chooser_add_filter (chooser, _("PNG, SVG, PDF or TikZ"), NULL, "png", "svg", "pdf",
                                   "tex", NULL);
    }
  add_scale_choice (self, chooser);
  gtk_file_chooser_set_current_name (chooser, name);
  bpl_file_chooser_ask (chooser, on_export_chosen, NULL, NULL);
}

static void
export_to_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);

  export_and_report (self, g_variant_get_string (parameter, NULL), export_scale (self));
}

/* The data view, as on screen (or at a default size when it is hidden). */
static void
export_data_and_report (BplWindow  *self,
                        const char *path,
                        double      scale)
{
  g_autoptr(GError) error = NULL;

  bpl_data_view_widget_export (self->data_view, path, scale, &error);
  report_export (self, path, error);
}

static void
on_export_data_chosen (GtkWindow      *parent,
                       GFile          *file,
                       GtkFileChooser *chooser,
                       gpointer        data)
{
  BplWindow *self = BPL_WINDOW (parent);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  double scale = chosen_scale (self, chooser);
  BplExportFormat format;

  if (path == NULL)
    return;
  if (!bpl_export_format_from_path (path, &format, NULL))
    {
      char *with_ext = g_strconcat (path, ".png", NULL);
      g_free (path);
      path = with_ext;
    }
  export_data_and_report (self, path, scale);
}

static void
export_data_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);
  GtkFileChooser *chooser;
  g_autofree char *name = suggested_name (self, "-data.png");

  chooser = bpl_file_chooser_new (GTK_WINDOW (self), _("Export Data View"),
                                  GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));
  bpl_file_chooser_add_filter (chooser, _("PNG, SVG or PDF"), NULL, "png", "svg", "pdf", NULL);
  add_scale_choice (self, chooser);
  gtk_file_chooser_set_current_name (chooser, name);
  bpl_file_chooser_ask (chooser, on_export_data_chosen, NULL, NULL);
}

static void
export_data_to_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);

  export_data_and_report (self, g_variant_get_string (parameter, NULL), export_scale (self));
}

/* Clipboard */

static void
copy_image_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);
  BplStyle style;
  BplRenderState state;
  double width, height, scale = 2;
  g_autoptr(BplLayout) layout = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  int pw, ph;

  /* What is shown is what is copied. */
  if (_bpl_window_shows_graph (self))
    {
      texture = bpl_graph_view_render_texture (self->graph_view, scale);
      if (texture != NULL)
        {
          gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
          _bpl_window_toast (self, _("Computational graph copied"));
        }
      return;
    }
  get_screen_state (self, &style, &state, &width, &height);
  pw = (int) ceil (width * scale);
  ph = (int) ceil (height * scale);
  layout = screen_layout (self, width, height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  bpl_render (cr, bpl_session_get_network (self->session), bpl_session_get_forward (self->session),
              layout, &style, &state);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * ph);
  texture = gdk_memory_texture_new (pw, ph, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  _bpl_window_toast (self, _("Diagram copied"));
}

static void
copy_derivation_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BplWindow *self = BPL_WINDOW (widget);
  const char *kind = g_variant_get_string (parameter, NULL);
  BplReportFormat format = g_strcmp0 (kind, "latex") == 0 ? BPL_REPORT_LATEX
                           : g_strcmp0 (kind, "text") == 0 ? BPL_REPORT_TEXT
                           : BPL_REPORT_MARKDOWN;
  g_autoptr(BplDerivation) d = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  BplParam param;

  if (!bpl_session_get_selected_param (self->session, &param))
    {
      _bpl_window_toast (self, _("Select a weight or bias first"));
      return;
    }
  d = bpl_derivation_new (bpl_document_get_network (self->document), param,
                          bpl_session_get_sample (self->session), &error);
  if (d == NULL)
    {
      _bpl_window_toast (self, error->message);
      return;
    }
  report = bpl_derivation_to_report (d, bpl_document_get_network (self->document), format,
                                     bpl_derivation_panel_get_digits (self->derivation_panel));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), report);
  _bpl_window_toast (self, format == BPL_REPORT_LATEX ? _("Derivation copied as LaTeX")
                                                     : _("Derivation copied as Markdown"));
}

/* Menus */

/* GTK 4.8 leaves the keyboard focus on a submenu's page when an item of the
 * submenu (New From Example, Open Recent) closes the menu: every key then
 * goes to a hidden widget, shortcuts included, until a click. A focus left
 * behind goes to the diagram once the menu has closed: in an idle, as GTK
 * is still closing it when the popover is hidden. */
static gboolean
restore_focus_idle (gpointer data)
{
  BplWindow *self = data;
  GtkWidget *focus;

  if (self->diagram == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return G_SOURCE_REMOVE;
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (focus == NULL || !gtk_widget_get_mapped (focus))
    gtk_widget_grab_focus (GTK_WIDGET (self->diagram));
  return G_SOURCE_REMOVE;
}

static void
on_menu_visible (GtkPopover *popover,
                 GParamSpec *pspec,
                 BplWindow  *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (popover)))
    g_idle_add_full (G_PRIORITY_DEFAULT, restore_focus_idle, g_object_ref (self), g_object_unref);
}

static void
watch_menu (BplWindow     *self,
            GtkMenuButton *button)
{
  GtkPopover *popover = gtk_menu_button_get_popover (button);

  bpl_popover_hide_owner_tooltip (popover);
  g_signal_connect_object (popover, "notify::visible", G_CALLBACK (on_menu_visible), self, 0);
}

void
/* Setup */

_bpl_window_files_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-path", "s", open_path_action);
  gtk_widget_class_install_action (widget_class, "win.new-example", "s", new_example_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.save-to", "s", save_to_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-to", "s", export_to_action);
  gtk_widget_class_install_action (widget_class, "win.export-data", NULL, export_data_action);
  gtk_widget_class_install_action (widget_class, "win.export-data-to", "s", export_data_to_action);
  gtk_widget_class_install_action (widget_class, "win.copy-image", NULL, copy_image_action);
  gtk_widget_class_install_action (widget_class, "win.copy-derivation", "s", copy_derivation_action);
}

void
_bpl_window_files_init (BplWindow *self)
{
  g_idle_add_full (G_PRIORITY_LOW, load_recent_idle, g_object_ref (self), g_object_unref);
  watch_menu (self, self->main_menu_button);
  watch_menu (self, self->train_menu_button);
}

void
_bpl_window_files_dispose (BplWindow *self)
{
  if (self->recent_section != NULL)
    g_signal_handlers_disconnect_by_data (gtk_recent_manager_get_default (), self);
}

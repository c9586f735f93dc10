/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-recovery.c: recovery copies of unsaved work, and the scan that finds
 * the ones a crash left behind. */
#include "config.h"

#include "bpl-recovery.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

/* The file's writes and deletions, in the order the window asked for
 * them. A copy is written in a worker thread (a large network's JSON takes
 * tens of milliseconds, which Play should not lose); each write or
 * deletion takes a number, and a write whose number is older than the last
 * one carried out is dropped, so an older copy never overwrites a newer
 * one or brings back a deleted one. Shared with the writes in flight. */
typedef struct
{
  gatomicrefcount ref;
  GMutex lock;
  guint64 done;            /* the last write or deletion carried out */
} Writer;

struct _BplRecovery
{
  GObject parent_instance;

  BplDocument *document;   /* weak: the window owns both */
  char *path;
  Writer *writer;
  guint64 asked;           /* numbers given to writes and deletions */
  guint timeout;
  gint64 dirty_since;      /* first change not yet written; 0 none */
  gboolean warned;         /* a failed write was reported once */
  guint debounce_ms;
  guint max_delay_ms;
};

G_DEFINE_FINAL_TYPE (BplRecovery, bpl_recovery, G_TYPE_OBJECT)

char *
bpl_recovery_dup_dir (void)
{
  const char *env = g_getenv ("BPL_RECOVERY_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_state_dir (), "backprop-lens", "recovery", NULL);
}

gboolean
bpl_recovery_write (const BplNetwork *network,
                    GFile            *original,
                    const char       *path,
                    GError          **error)
{
  g_autofree char *data = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *when = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GString) out = NULL;
  gsize length = 0;

  g_return_val_if_fail (network != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* A copy that would not load again would be no copy: keep the last one. */
  if (!bpl_network_check (network, error))
    return FALSE;
  data = bpl_network_to_data (network, &length);
  if (data == NULL || length < 2 || data[0] != '{')
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_IO, _("The network could not be written"));
      return FALSE;
    }

  /* The network's own JSON with one more top-level key, which the loader
   * skips: where the work came from and when it was copied. */
  uri = original != NULL ? g_file_get_uri (original) : NULL;
  when = g_date_time_format_iso8601 (now);
  out = g_string_new ("{\n  \"" BPL_RECOVERY_KEY "\": {");
  if (uri != NULL)
    {
      g_autofree char *quoted = g_strescape (uri, NULL);
      g_string_append_printf (out, "\"original-uri\": \"%s\", ", quoted);
    }
  g_string_append_printf (out, "\"saved-at\": \"%s\"},", when);
  g_string_append_len (out, data + 1, length - 1);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  return g_file_set_contents_full (path, out->str, out->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static Writer *
writer_ref (Writer *writer)
{
  g_atomic_ref_count_inc (&writer->ref);
  return writer;
}

static void
writer_unref (Writer *writer)
{
  if (!g_atomic_ref_count_dec (&writer->ref))
    return;
  g_mutex_clear (&writer->lock);
  g_free (writer);
}

/* Writes @network unless a later write or deletion was carried out. */
static gboolean
writer_write (Writer           *writer,
              guint64           number,
              const BplNetwork *network,
              GFile            *original,
              const char       *path,
              GError          **error)
{
  gboolean ok = TRUE;

  g_mutex_lock (&writer->lock);
  if (number > writer->done)
    {
      ok = bpl_recovery_write (network, original, path, error);
      if (ok)
        writer->done = number;
    }
  g_mutex_unlock (&writer->lock);
  return ok;
}

static void
delete_file (BplRecovery *self)
{
  g_mutex_lock (&self->writer->lock);
  self->writer->done = ++self->asked;
  if (g_unlink (self->path) != 0 && errno != ENOENT)
    g_debug ("could not delete %s: %s", self->path, g_strerror (errno));
  g_mutex_unlock (&self->writer->lock);
}

static void
warn_once (BplRecovery  *self,
           const GError *error)
{
  /* Not fatal: the work is still open; say so once in the log. */
  if (!self->warned)
    g_message ("No recovery copy of unsaved work at %s: %s", self->path, error->message);
  self->warned = TRUE;
}

gboolean
bpl_recovery_flush (BplRecovery *self,
                    GError     **error)
{
  g_return_val_if_fail (BPL_IS_RECOVERY (self), FALSE);

  g_clear_handle_id (&self->timeout, g_source_remove);
  self->dirty_since = 0;
  if (self->document == NULL)
    return TRUE;
  if (!bpl_document_get_modified (self->document))
    {
      delete_file (self);
      return TRUE;
    }
  return writer_write (self->writer, ++self->asked,
                       bpl_document_get_live_network (self->document),
                       bpl_document_get_file (self->document), self->path, error);
}

/* A copy written in the background: the network as it was when asked. */
typedef struct
{
  Writer *writer;
  guint64 number;
  BplNetwork *network;
  GFile *original;
  char *path;
  GWeakRef recovery;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  writer_unref (job->writer);
  bpl_network_free (job->network);
  g_clear_object (&job->original);
  g_free (job->path);
  g_weak_ref_clear (&job->recovery);
  g_free (job);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (writer_write (job->writer, job->number, job->network, job->original, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_written (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(BplRecovery) self = g_weak_ref_get (&job->recovery);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) && self != NULL)
    warn_once (self, error);
}

static gboolean
on_timeout (gpointer user_data)
{
  BplRecovery *self = user_data;
  g_autoptr(GTask) task = NULL;
  Job *job;

  self->timeout = 0;
  self->dirty_since = 0;
  if (self->document == NULL)
    return G_SOURCE_REMOVE;
  if (!bpl_document_get_modified (self->document))
    {
      delete_file (self);
      return G_SOURCE_REMOVE;
    }
  job = g_new0 (Job, 1);
  job->writer = writer_ref (self->writer);
  job->number = ++self->asked;
  job->network = bpl_network_copy (bpl_document_get_live_network (self->document));
  job->original = bpl_document_get_file (self->document) != NULL
                    ? g_object_ref (bpl_document_get_file (self->document)) : NULL;
  job->path = g_strdup (self->path);
  g_weak_ref_init (&job->recovery, self);
  /* No reference to the recovery object: closing the window does not wait. */
  task = g_task_new (NULL, NULL, on_written, NULL);
  g_task_set_source_tag (task, on_timeout);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, write_in_thread);
  return G_SOURCE_REMOVE;
}

static void
on_document_changed (BplRecovery *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 delay_ms;

  if (!bpl_document_get_modified (self->document))
    {
      g_clear_handle_id (&self->timeout, g_source_remove);
      self->dirty_since = 0;
      delete_file (self);
      return;
    }

  /* Debounced: 2 s after the last change, but never later than 10 s after
   * the first unwritten one, so that Play (a change every frame) is copied
   * too. */
  if (self->dirty_since == 0)
    self->dirty_since = now;
  delay_ms = MIN ((gint64) self->debounce_ms, (gint64) self->max_delay_ms - (now - self->dirty_since) / 1000);
  delay_ms = MAX (delay_ms, 0);
  if (self->timeout != 0 && delay_ms == (gint64) self->debounce_ms)
    g_clear_handle_id (&self->timeout, g_source_remove);
  else if (self->timeout != 0)
    return; /* already due before the deadline */
  self->timeout = g_timeout_add_full (G_PRIORITY_LOW, (guint) delay_ms, on_timeout, self, NULL);
  g_source_set_name_by_id (self->timeout, "[bpl] recovery copy");
}

void
bpl_recovery_discard (BplRecovery *self)
{
  g_return_if_fail (BPL_IS_RECOVERY (self));

  g_clear_handle_id (&self->timeout, g_source_remove);
  self->dirty_since = 0;
  delete_file (self);
  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_object_remove_weak_pointer (G_OBJECT (self->document), (gpointer *) &self->document);
      self->document = NULL;
    }
}

const char *
bpl_recovery_get_path (BplRecovery *self)
{
  g_return_val_if_fail (BPL_IS_RECOVERY (self), NULL);
  return self->path;
}

static void
bpl_recovery_dispose (GObject *object)
{
  bpl_recovery_discard (BPL_RECOVERY (object));
  G_OBJECT_CLASS (bpl_recovery_parent_class)->dispose (object);
}

static void
bpl_recovery_finalize (GObject *object)
{
  g_free (BPL_RECOVERY (object)->path);
  writer_unref (BPL_RECOVERY (object)->writer);
  G_OBJECT_CLASS (bpl_recovery_parent_class)->finalize (object);
}

static void
bpl_recovery_class_init (BplRecoveryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bpl_recovery_dispose;
  object_class->finalize = bpl_recovery_finalize;
}

static void
bpl_recovery_init (BplRecovery *self)
{
  static guint counter;
  g_autofree char *dir = bpl_recovery_dup_dir ();
  g_autofree char *name = g_strdup_printf ("window-%d-%u.json", (int) getpid (), ++counter);

  self->path = g_build_filename (dir, name, NULL);
  self->writer = g_new0 (Writer, 1);
  g_atomic_ref_count_init (&self->writer->ref);
  g_mutex_init (&self->writer->lock);
  self->debounce_ms = BPL_RECOVERY_DEBOUNCE_MS;
  self->max_delay_ms = BPL_RECOVERY_MAX_DELAY_MS;
}

void
bpl_recovery_set_delays (BplRecovery *self,
                         guint        debounce_ms,
                         guint        max_delay_ms)
{
  g_return_if_fail (BPL_IS_RECOVERY (self));
  g_return_if_fail (debounce_ms <= max_delay_ms);

  self->debounce_ms = debounce_ms;
  self->max_delay_ms = max_delay_ms;
}

BplRecovery *
bpl_recovery_new (BplDocument *document)
{
  BplRecovery *self;

  g_return_val_if_fail (BPL_IS_DOCUMENT (document), NULL);

  self = g_object_new (BPL_TYPE_RECOVERY, NULL);
  self->document = document;
  g_object_add_weak_pointer (G_OBJECT (document), (gpointer *) &self->document);
  g_signal_connect_swapped (document, "opened", G_CALLBACK (on_document_changed), self);
  g_signal_connect_swapped (document, "network-replaced", G_CALLBACK (on_document_changed), self);
  g_signal_connect_swapped (document, "values-changed", G_CALLBACK (on_document_changed), self);
  g_signal_connect_swapped (document, "notify::modified", G_CALLBACK (on_document_changed), self);
  return self;
}

/* Start-up: what a crash left behind */

char *
bpl_recovery_format_time (GDateTime *when,
                          GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) yesterday = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autoptr(GDateTime) now_local = NULL;

  g_return_val_if_fail (when != NULL && now != NULL, NULL);

  /* Never 12/02/26, which reads as either day first or month first. */
  local = g_date_time_to_local (when);
  now_local = g_date_time_to_local (now);
  today = g_date_time_new_local (g_date_time_get_year (now_local), g_date_time_get_month (now_local),
                                 g_date_time_get_day_of_month (now_local), 0, 0, 0);
  yesterday = g_date_time_add_days (today, -1);
  tomorrow = g_date_time_add_days (today, 1);
  if (g_date_time_compare (local, today) >= 0 && g_date_time_compare (local, tomorrow) < 0)
    /* Translators: when unsaved work was last changed, as g_date_time_format () writes it */
    return g_date_time_format (local, _("today at %H:%M"));
  if (g_date_time_compare (local, yesterday) >= 0 && g_date_time_compare (local, today) < 0)
    /* Translators: as g_date_time_format () writes it */
    return g_date_time_format (local, _("yesterday at %H:%M"));
  /* Translators: as g_date_time_format () writes it: "on Wednesday 2 December 2026 at 14:05" */
  return g_date_time_format (local, _("on %A %-d %B %Y at %H:%M"));
}

void
bpl_recovery_item_free (BplRecoveryItem *item)
{
  if (item == NULL)
    return;
  g_free (item->path);
  g_free (item->name);
  g_free (item->original_uri);
  g_clear_pointer (&item->saved_at, g_date_time_unref);
  g_clear_pointer (&item->network, bpl_network_free);
  g_free (item);
}

static BplRecoveryItem *
load_item (const char *path)
{
  g_autoptr(BplRecoveryItem) item = g_new0 (BplRecoveryItem, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *basename = g_path_get_basename (path);
  gsize length = 0;
  JsonNode *root;

  if (!g_file_get_contents (path, &contents, &length, &error) || length > BPL_FILE_MAX_SIZE)
    return NULL;
  item->network = bpl_network_load_from_data (contents, length, basename, &error);
  if (item->network == NULL)
    {
      g_debug ("recovery file %s does not load: %s", path, error->message);
      return NULL;
    }
  item->path = g_strdup (path);

  /* The network loaded, so this is a JSON object within the limits. */
  if (json_parser_load_from_data (parser, contents, (gssize) length, NULL)
      && (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *top = json_node_get_object (root);
      JsonNode *meta = json_object_get_member (top, BPL_RECOVERY_KEY);

      if (meta != NULL && JSON_NODE_HOLDS_OBJECT (meta))
        {
          JsonObject *m = json_node_get_object (meta);
          const char *uri = json_object_get_string_member_with_default (m, "original-uri", NULL);
          const char *when = json_object_get_string_member_with_default (m, "saved-at", NULL);

          if (uri != NULL && *uri != '\0')
            item->original_uri = g_strdup (uri);
          if (when != NULL)
            item->saved_at = g_date_time_new_from_iso8601 (when, NULL);
        }
    }
  if (item->saved_at == NULL)
    {
      GStatBuf st;
      if (g_stat (path, &st) == 0)
        item->saved_at = g_date_time_new_from_unix_utc (st.st_mtime);
      else
        item->saved_at = g_date_time_new_now_utc ();
    }

  if (bpl_network_get_name (item->network) != NULL && *bpl_network_get_name (item->network) != '\0')
    item->name = g_strdup (bpl_network_get_name (item->network));
  else if (item->original_uri != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (item->original_uri);
      item->name = g_file_get_basename (file);
    }
  else
    item->name = g_strdup (_("Untitled network"));
  return g_steal_pointer (&item);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const BplRecoveryItem *ia = *(BplRecoveryItem * const *) a;
  const BplRecoveryItem *ib = *(BplRecoveryItem * const *) b;

  return g_date_time_compare (ib->saved_at, ia->saved_at);
}

GPtrArray *
bpl_recovery_scan (const char *dir)
{
  g_autofree char *default_dir = dir == NULL ? bpl_recovery_dup_dir () : NULL;
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) bpl_recovery_item_free);
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (dir == NULL)
    dir = default_dir;
  d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    return items;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      BplRecoveryItem *item;

      /* Only finished copies: a write interrupted by the crash leaves a
       * temporary file beside them, never a half-written .json. */
      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      item = load_item (path);
      if (item != NULL)
        g_ptr_array_add (items, item);
    }
  g_ptr_array_sort (items, compare_newest_first);
  return items;
}

void
bpl_recovery_restore (BplDocument           *document,
                      const BplRecoveryItem *item)
{
  g_autoptr(GFile) original = NULL;

  g_return_if_fail (BPL_IS_DOCUMENT (document));
  g_return_if_fail (item != NULL && item->network != NULL);

  if (item->original_uri != NULL)
    original = g_file_new_for_uri (item->original_uri);
  bpl_document_set_network (document, bpl_network_copy (item->network), original);
  /* Unsaved work, as it was before the crash: the title says so and
   * closing asks. Marking it writes the document's own copy. */
  bpl_document_mark_modified (document);
}

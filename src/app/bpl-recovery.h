/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-recovery.h: no lost work. While a window's document has unsaved
 * changes, a copy of its network is kept in the recovery directory
 * ($XDG_STATE_HOME/backprop-lens/recovery, or $BPL_RECOVERY_DIR), written
 * atomically a little after each change. A clean close deletes it; a crash
 * leaves it behind, and the next start offers to recover it. */
#pragma once

#include <gio/gio.h>

#include "bpl-document.h"

G_BEGIN_DECLS

/* A copy is written this long after the last change ... */
#define BPL_RECOVERY_DEBOUNCE_MS 2000
/* ... and while changes keep coming (Play), at least this often. */
#define BPL_RECOVERY_MAX_DELAY_MS 10000

/* The key of the network file's top-level object that records where the
 * work came from; the network loader ignores keys it does not know. */
#define BPL_RECOVERY_KEY "x-backprop-lens-recovery"

#define BPL_TYPE_RECOVERY (bpl_recovery_get_type ())
G_DECLARE_FINAL_TYPE (BplRecovery, bpl_recovery, BPL, RECOVERY, GObject)

/* $BPL_RECOVERY_DIR if set, else $XDG_STATE_HOME/backprop-lens/recovery. */
char        *bpl_recovery_dup_dir  (void);

/* Watches @document: keeps the copy while it is modified, deletes it when
 * it is not (saved, or back to what was saved). */
BplRecovery *bpl_recovery_new      (BplDocument *document);
/* Other delays than BPL_RECOVERY_DEBOUNCE_MS and BPL_RECOVERY_MAX_DELAY_MS
 * (for tests). */
void         bpl_recovery_set_delays (BplRecovery *self,
                                      guint        debounce_ms,
                                      guint        max_delay_ms);
/* The copy's path (it exists only while there is unsaved work). */
const char  *bpl_recovery_get_path (BplRecovery *self);
/* Writes (or deletes) the copy now rather than after the delay. */
gboolean     bpl_recovery_flush    (BplRecovery *self,
                                    GError     **error);
/* The work is saved or knowingly discarded: deletes the copy and stops. */
void         bpl_recovery_discard  (BplRecovery *self);

/* Writes @network as a recovery file at @path (atomic), recording @original
 * (may be NULL: an example or a new network). Refuses what
 * bpl_network_check () refuses. */
gboolean     bpl_recovery_write    (const BplNetwork *network,
                                    GFile            *original,
                                    const char       *path,
                                    GError          **error);

typedef struct
{
  char       *path;          /* the recovery file */
  char       *name;          /* the network's name, for the question */
  char       *original_uri;  /* the file it came from, or NULL */
  GDateTime  *saved_at;      /* when the copy was written */
  BplNetwork *network;
} BplRecoveryItem;

void         bpl_recovery_item_free (BplRecoveryItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplRecoveryItem, bpl_recovery_item_free)

/* When a copy was written, unambiguous in every locale and mid-sentence:
 * "today at 14:05", "yesterday at 09:30", "on Wednesday 2 December 2026 at
 * 14:05". */
char        *bpl_recovery_format_time (GDateTime *when,
                                       GDateTime *now);

/* The copies in @dir (NULL: bpl_recovery_dup_dir ()), newest first. Files
 * that do not load are left alone and not offered. */
GPtrArray   *bpl_recovery_scan     (const char *dir);

/* Puts @item's network into @document as unsaved work on its original file
 * (the caller deletes @item's file once the document's own copy exists). */
void         bpl_recovery_restore  (BplDocument           *document,
                                    const BplRecoveryItem *item);

G_END_DECLS

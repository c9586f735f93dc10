/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-view.h: the base of every widget that shows a session: the
 * "session" property, and signal and binding groups that follow whichever
 * session (and its document) is set. A view connects its handlers to the
 * groups once, in its init, and never to a session or document directly:
 * the groups connect and disconnect as the session changes.
 *
 *   g_signal_group_connect_swapped (bpl_view_get_session_signals (view),
 *                                   "values-changed", G_CALLBACK (refresh), view);
 *   g_binding_group_bind (bpl_view_get_session_bindings (view), "log-scale",
 *                         view, "log-scale", G_BINDING_SYNC_CREATE);
 *
 * and session_changed () redraws with the new one. */
#pragma once

#include <gtk/gtk.h>

#include "bpl-session.h"

G_BEGIN_DECLS

#define BPL_TYPE_VIEW (bpl_view_get_type ())
G_DECLARE_DERIVABLE_TYPE (BplView, bpl_view, BPL, VIEW, GtkWidget)

struct _BplViewClass
{
  GtkWidgetClass parent_class;

  /* After the session was set or unset (and the groups follow it). */
  void (*session_changed) (BplView *self);
};

BplSession    *bpl_view_get_session           (BplView    *self);
void           bpl_view_set_session           (BplView    *self,
                                               BplSession *session);
/* The session's document, or NULL. */
BplDocument   *bpl_view_get_document          (BplView *self);
/* Signals of the session, of its document, and bindings of the session's
 * properties. */
GSignalGroup  *bpl_view_get_session_signals   (BplView *self);
GSignalGroup  *bpl_view_get_document_signals  (BplView *self);
GBindingGroup *bpl_view_get_session_bindings  (BplView *self);

G_END_DECLS

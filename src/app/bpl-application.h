/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-application.h: the application: windows, app-wide actions and their
 * accelerators, About and Preferences, the colour scheme setting. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BPL_TYPE_APPLICATION (bpl_application_get_type ())
G_DECLARE_FINAL_TYPE (BplApplication, bpl_application, BPL, APPLICATION, AdwApplication)

BplApplication *bpl_application_new (void);
/* What Help (app.help) opens: the installed teacher's guide
 * (DOCDIR/guide/index.html, or $BPL_GUIDE_DIR/index.html), else the guide
 * on the project's site. */
char           *bpl_application_dup_help_uri (void);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "bpl-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BplApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* An uninstalled build (tests, screenshots) names its catalogues here. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("BPL_LOCALEDIR") != NULL ? g_getenv ("BPL_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("Backprop Lens"));

  app = bpl_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}

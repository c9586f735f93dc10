/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-guide-screenshots: the teacher's guide's pictures, taken from the real
 * window as the guide's first lesson goes: the worked example opened, w3
 * clicked, a training step, presentation mode, the worksheet dialog. Each
 * is the window drawn by its own renderer into a PNG, so the pictures need
 * nothing but a display (Xvfb) and come out the same on every machine.
 * scripts/take-screenshots.sh runs it; the metainfo's screenshots are among
 * them.
 *
 *   bpl-guide-screenshots OUTDIR [WIDTHxHEIGHT]
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "bpl-application.h"
#include "bpl-diagram-widget.h"
#include "bpl-window.h"

static void
iterate_for (int ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
}

static GtkWidget *
find_child (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_child (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The window as it is on screen, drawn by its own renderer. */
static gboolean
shoot (GtkWindow *window, const char *dir, const char *name)
{
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  int w, h;

  gtk_widget_queue_draw (GTK_WIDGET (window));
  iterate_for (400);
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  w = gdk_paintable_get_intrinsic_width (paintable);
  h = gdk_paintable_get_intrinsic_height (paintable);
  if (w <= 0 || h <= 0)
    {
      g_printerr ("bpl-guide-screenshots: %s: the window is not shown\n", name);
      return FALSE;
    }
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  gsk_render_node_unref (node);
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_printerr ("bpl-guide-screenshots: cannot write %s\n", path);
      return FALSE;
    }
  g_print ("%s (%d×%d)\n", path, w, h);
  return TRUE;
}

/* The newest window over @parent, such as a dialog just opened. */
static GtkWindow *
window_over (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, i - 1);

      if (w != parent && gtk_window_get_transient_for (w) == parent && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

int
main (int argc, char *argv[])
{
  g_autoptr (BplApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  const char *dir;
  int width = 1280, height = 800;
  GtkWidget *diagram;
  GtkWindow *dialog;
  BplWindow *window;
  gboolean ok = TRUE;

  if (argc < 2 || argc > 3)
    {
      g_printerr ("usage: bpl-guide-screenshots OUTDIR [WIDTHxHEIGHT]\n");
      return 2;
    }
  dir = argv[1];
  if (argc == 3 && sscanf (argv[2], "%dx%d", &width, &height) != 2)
    {
      g_printerr ("bpl-guide-screenshots: the size is WIDTHxHEIGHT, such as 1280x800\n");
      return 2;
    }
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_printerr ("bpl-guide-screenshots: cannot make %s\n", dir);
      return 1;
    }

  /* No display: nothing to take (77: a test skips). */
  if (!gtk_init_check ())
    {
      g_printerr ("bpl-guide-screenshots: no display (run it under xvfb-run)\n");
      return 77;
    }
  app = bpl_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("bpl-guide-screenshots: %s\n", error->message);
      return 1;
    }

  /* 1. The window opens on the worked example. */
  window = bpl_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  iterate_for (1500);
  ok &= shoot (GTK_WINDOW (window), dir, "worked-example.png");

  /* 2. w3 clicked: its paths light up, the derivation is worked out. */
  diagram = find_child (GTK_WIDGET (window), BPL_TYPE_DIAGRAM_WIDGET);
  ok &= diagram != NULL && gtk_widget_activate_action (diagram, "diagram.select", "s", "w3");
  ok &= shoot (GTK_WINDOW (window), dir, "select-w3.png");

  /* 3. One training step: each changed value shows what it was. */
  ok &= gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL);
  iterate_for (200);
  ok &= shoot (GTK_WINDOW (window), dir, "step.png");

  /* 4. Presentation mode, for the projector and for slides. */
  ok &= gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL);
  /* After the step's "was" labels have faded. */
  iterate_for (3000);
  ok &= shoot (GTK_WINDOW (window), dir, "presentation.png");
  ok &= gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL);
  iterate_for (500);

  /* 5. A worksheet for the class. */
  ok &= gtk_widget_activate_action (GTK_WIDGET (window), "win.export-worksheet", NULL);
  iterate_for (1000);
  dialog = window_over (GTK_WINDOW (window));
  ok &= dialog != NULL && shoot (dialog, dir, "worksheet.png");
  if (dialog != NULL)
    gtk_window_destroy (dialog);

  g_object_set (window, "playing", FALSE, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_for (200);
  if (!ok)
    g_printerr ("bpl-guide-screenshots: some pictures were not taken\n");
  return ok ? 0 : 1;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-application.h"

#include <glib/gi18n.h>
#include <math.h>

#include "backprop-lens-diagram.h"
#include "bpl-preferences-window.h"
#include "bpl-recovery-dialog.h"
#include "bpl-theme.h"
#include "bpl-window.h"

struct _BplApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  gboolean recovery_offered;
};

G_DEFINE_FINAL_TYPE (BplApplication, bpl_application, ADW_TYPE_APPLICATION)

/* Start-up phases, for G_MESSAGES_DEBUG=Bpl-App: milliseconds since the
 * application object was made (just after main () starts). */
static gint64 startup_t0;

static void
log_phase (const char *phase)
{
  g_debug ("start-up: %s at %.1f ms", phase, (g_get_monotonic_time () - startup_t0) / 1000.0);
}

static void
apply_color_scheme (BplApplication *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  int scheme = self->settings != NULL ? g_settings_get_enum (self->settings, "color-scheme") : 0;

  adw_style_manager_set_color_scheme (manager,
                                      scheme == 1 ? ADW_COLOR_SCHEME_FORCE_LIGHT
                                      : scheme == 2 ? ADW_COLOR_SCHEME_FORCE_DARK
                                      : ADW_COLOR_SCHEME_DEFAULT);
}

/* BPL_EXIT_AFTER_FIRST_FRAME=1 (the start-up benchmark): print the
 * monotonic time of the first painted frame and quit. */
static void
on_first_frame (GdkFrameClock *clock,
                GApplication  *app)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame, app);
  log_phase ("first frame painted");
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_application_quit (app);
}

/* The first frame's phases, for G_MESSAGES_DEBUG=Bpl-App: each handler runs
 * after GTK's own for that phase. */
static void
on_first_layout (GdkFrameClock *clock)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_layout, NULL);
  log_phase ("first frame laid out");
}

static void
on_first_paint (GdkFrameClock *clock)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint, NULL);
  log_phase ("first frame drawn and rendered");
}

static void
on_window_realize (GtkWidget    *widget,
                   GApplication *app)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  log_phase ("window realized");
  g_signal_connect (clock, "layout", G_CALLBACK (on_first_layout), NULL);
  g_signal_connect (clock, "paint", G_CALLBACK (on_first_paint), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_frame), app);
}

static void
watch_first_frame (BplApplication *self,
                   GtkWindow      *window)
{
  if (g_strcmp0 (g_getenv ("BPL_EXIT_AFTER_FIRST_FRAME"), "1") != 0)
    return;
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_window_realize (GTK_WIDGET (window), G_APPLICATION (self));
  else
    g_signal_connect (window, "realize", G_CALLBACK (on_window_realize), self);
}

/* After a crash: once per run, after the first window is up. */
static gboolean
offer_recovery_idle (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (data));

  if (window != NULL && BPL_IS_WINDOW (window))
    bpl_recovery_dialog_offer (BPL_WINDOW (window), NULL);
  return G_SOURCE_REMOVE;
}

static void
offer_recovery (BplApplication *self)
{
  if (self->recovery_offered || g_strcmp0 (g_getenv ("BPL_EXIT_AFTER_FIRST_FRAME"), "1") == 0)
    return;
  self->recovery_offered = TRUE;
  /* Low priority: the window's first frame is drawn before the folder is read. */
  g_idle_add_full (G_PRIORITY_LOW, offer_recovery_idle, g_object_ref (self), g_object_unref);
}

/* Fonts, warmed while GTK starts. The diagram draws with a private font map
 * (fontconfig matching, font files, metrics, glyphs). A worker thread lays
 * out the worked example and draws it once into an image surface, on the
 * second core while the main thread initialises GTK and libadwaita; the
 * diagram's first layout and frame then find fonts and glyphs cached. The
 * diagram layer takes its text lock around every use of that font map, so
 * the main thread waits for the worker rather than racing it. */
typedef struct
{
  double width;
  double height;
} WarmUp;

static gpointer
warm_up_diagram_fonts (gpointer data)
{
  g_autofree WarmUp *size = data;
  g_autoptr(BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr(BplForward) forward = bpl_forward_new (network);
  g_autoptr(BplLayout) layout = NULL;
  BplLayoutOptions options;
  BplStyle style;
  cairo_surface_t *surface;
  cairo_t *cr;
  gint64 t0 = g_get_monotonic_time ();

  bpl_forward_compute (forward, network, 0);
  bpl_layout_options_init (&options);
  layout = bpl_layout_new (network, size->width, size->height, &options);
  bpl_style_init_builtin (&style, BPL_THEME_LIGHT);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (size->width),
                                        (int) ceil (size->height));
  cr = cairo_create (surface);
  bpl_render (cr, network, forward, layout, &style, NULL);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_debug ("start-up: diagram fonts warmed in %.1f ms (worker thread, %.0f×%.0f)",
           (g_get_monotonic_time () - t0) / 1000.0, size->width, size->height);
  return NULL;
}

static void
start_font_warm_up (BplApplication *self)
{
  WarmUp *size = g_new (WarmUp, 1);
  int width = 1280, height = 820;

  if (self->settings != NULL)
    {
      width = g_settings_get_int (self->settings, "window-width");
      height = g_settings_get_int (self->settings, "window-height");
    }
  /* The diagram's share of a window of that size: the side panel takes
   * about 390 px, the header bar, loss plot and controls about 285 px.
   * Only the font sizes follow the canvas (bpl_diagram_font_size_for), so
   * an estimate that is a little off still finds the fonts loaded. */
  size->width = MAX (width - 391, 240);
  size->height = MAX (height - 285, 200);
  g_thread_unref (g_thread_new ("bpl-warm-fonts", warm_up_diagram_fonts, size));
}

static void
bpl_application_activate (GApplication *app)
{
  BplApplication *self = BPL_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  log_phase ("activate");
  if (window == NULL)
    window = GTK_WINDOW (bpl_window_new (GTK_APPLICATION (app)));
  log_phase ("window built");
  watch_first_frame (self, window);
  gtk_window_present (window);
  log_phase ("window presented");
  offer_recovery (self);
}

static void
bpl_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      BplWindow *window = bpl_window_new (GTK_APPLICATION (app));

      if (i == 0)
        watch_first_frame (BPL_APPLICATION (app), GTK_WINDOW (window));
      /* A bad file leaves the window on the worked example, with the error
       * shown in a dialog over it: the window is up first. */
      gtk_window_present (GTK_WINDOW (window));
      bpl_window_open_file (window, files[i], NULL);
    }
  offer_recovery (BPL_APPLICATION (app));
}

static void
bpl_application_startup (GApplication *app)
{
  BplApplication *self = BPL_APPLICATION (app);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  static const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    /* GtkWindow's own action: close_request asks about unsaved work. */
    { "window.close", { "<Control>w", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.show-help-overlay", { "<Control>question", "F1", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.copy-image", { "<Control><Shift>c", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.train(uint64 1000)", { "<Control>t", NULL } },
    { "win.train(uint64 10000)", { "<Control><Shift>t", NULL } },
    { "win.reset", { "<Control>r", NULL } },
    { "win.new-example('worked-example')", { "<Control>n", NULL } },
    { "win.canvas-view('diagram')", { "<Control>1", NULL } },
    { "win.canvas-view('graph')", { "<Control>2", NULL } },
    { "win.show-panel('derivation')", { "<Alt>1", NULL } },
    { "win.show-panel('parameters')", { "<Alt>2", NULL } },
    /* Also taken by the window before any other widget (bpl-window.c),
     * so that they work without an application; here for the menus. */
    { "win.presentation", { "F11", NULL } },
    { "win.show-side-panel", { "F9", NULL } },
    { "win.practice", { "<Control><Shift>p", NULL } },
    { "win.data-view", { "<Control>3", NULL } },
    { "win.heat-maps", { "F7", NULL } },
  };

  log_phase ("startup");
  /* Settings first (GIO only): the font warm-up reads the window size. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (APP_ID);
  start_font_warm_up (self);

  G_APPLICATION_CLASS (bpl_application_parent_class)->startup (app);
  log_phase ("GTK and libadwaita initialised");
  bpl_theme_install_fallback_colors (gdk_display_get_default ());

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);

  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::color-scheme",
                             G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  /* Close each window so that each can ask about unsaved changes. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

char *
bpl_application_dup_help_uri (void)
{
  const char *dir = g_getenv ("BPL_GUIDE_DIR");
  g_autofree char *path = g_build_filename (dir != NULL ? dir : DOCDIR "/guide", "index.html", NULL);

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return g_filename_to_uri (path, NULL, NULL);
  /* Not installed (a build run from its folder): the guide online. */
  return g_strdup (PROJECT_URL "/blob/main/docs/guide/index.md");
}

/* The teacher's guide in the browser. gtk_show_uri: GtkUriLauncher is GTK 4.10. */
static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  g_autofree char *uri = bpl_application_dup_help_uri ();

  gtk_show_uri (gtk_application_get_active_window (app), uri, GDK_CURRENT_TIME);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { "The Backprop Lens authors", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Backprop Lens"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Backprop Lens authors"),
                         "developers", developers,
                         "comments", _("Click any weight of a small neural network and see its gradient worked out by the chain rule, step by step."),
                         "website", "https://github.com/backproplens/backprop-lens",
                         "issue-url", "https://github.com/backproplens/backprop-lens/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2024 The Backprop Lens authors",
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *prefs = bpl_preferences_window_new ();

  gtk_window_set_transient_for (GTK_WINDOW (prefs), gtk_application_get_active_window (app));
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
bpl_application_dispose (GObject *object)
{
  BplApplication *self = BPL_APPLICATION (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (bpl_application_parent_class)->dispose (object);
}

static void
bpl_application_class_init (BplApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = bpl_application_dispose;
  app_class->activate = bpl_application_activate;
  app_class->open = bpl_application_open;
  app_class->startup = bpl_application_startup;
}

static void
bpl_application_init (BplApplication *self)
{
  static const GActionEntry entries[] = {
    { .name = "quit", .activate = quit_action },
    { .name = "about", .activate = about_action },
    { .name = "help", .activate = help_action },
    { .name = "preferences", .activate = preferences_action },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  /* Usage: backprop-lens [OPTION…] [FILE…] (and so the manual page). */
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
}

BplApplication *
bpl_application_new (void)
{
  startup_t0 = g_get_monotonic_time ();
  return g_object_new (BPL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/backproplens/BackpropLens",
                       NULL);
}

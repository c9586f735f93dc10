/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-canvas: what the canvas shows: the sample it names, text that can be
 * read in every style (light, dark, high contrast, GTK_THEME=Adwaita:dark),
 * and a window that fits a projector's 800 px. The application is a real
 * one, registered, so that its style.css and colours are loaded as in use. */
#include "config.h"

#include "app-test-util.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "bpl-application.h"
#include "bpl-diagram-widget.h"
#include "bpl-loss-plot.h"
#include "bpl-window-private.h"

/* libadwaita's own way to stand in for the system's high-contrast setting
 * (its inspector page and tests use it); exported, not in its headers. */
typedef struct _AdwSettings AdwSettings;
AdwSettings *adw_settings_get_default (void);
void         adw_settings_start_override (AdwSettings *self);
void         adw_settings_end_override (AdwSettings *self);
void         adw_settings_override_high_contrast (AdwSettings *self, gboolean high_contrast);

#define MIN_CONTRAST 4.5

static GtkApplication *app;

typedef BplAppFixture Fixture;

/* Lets the main loop run for @ms: transitions (the panel's crossfade) and
 * style changes take frames of real time. */
static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static void
open_example (Fixture    *f,
              const char *name)
{
  g_autofree char *file_name = g_strconcat (name, ".json", NULL);
  g_autofree char *path = g_build_filename (g_getenv ("BPL_SOURCE_ROOT"), "data", "networks",
                                            file_name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;

  g_assert_true (bpl_window_open_file (f->window, file, &error));
  g_assert_no_error (error);
  bpl_app_test_iterate (10);
}

/* The diagram as the widget draws it, on an image surface. */
static cairo_surface_t *
draw_diagram (Fixture              *f,
              const BplForward     *forward,
              const BplRenderState *state)
{
  const BplLayout *layout = bpl_diagram_widget_get_layout (f->diagram);
  cairo_surface_t *surface;
  BplStyle style;
  cairo_t *cr;

  g_assert_nonnull (layout);
  bpl_style_init_builtin (&style, BPL_THEME_LIGHT);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (layout->width),
                                        (int) ceil (layout->height));
  cr = cairo_create (surface);
  bpl_render (cr, bpl_document_get_network (f->document), forward, layout, &style, state);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  int h = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);

  return h == cairo_image_surface_get_height (b) && stride == cairo_image_surface_get_stride (b)
         && memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                    (size_t) h * stride) == 0;
}

/* The canvas draws what `render --sample N` draws for the sample the
 * document shows: that sample's targets, errors and E_total. */
static void
assert_canvas_shows_sample (Fixture *f,
                            guint    sample)
{
  const BplNetwork *network = bpl_document_get_network (f->document);
  g_autoptr (BplForward) forward = bpl_forward_new (network);
  g_autoptr (BplForward) first = bpl_forward_new (network);
  BplRenderState widget_state, export_state, first_state;
  cairo_surface_t *shown, *expected, *other;

  g_assert_cmpuint (bpl_session_get_sample (f->session), ==, sample);
  bpl_diagram_widget_get_render_state (f->diagram, &widget_state);
  g_assert_cmpuint (widget_state.sample, ==, sample);

  /* As bpl_export () draws sample N, from a forward pass of its own. */
  bpl_forward_compute (forward, network, sample);
  bpl_render_state_init (&export_state);
  export_state.sample = sample;
  bpl_forward_compute (first, network, 0);
  bpl_render_state_init (&first_state);

  shown = draw_diagram (f, bpl_session_get_forward (f->session), &widget_state);
  expected = draw_diagram (f, forward, &export_state);
  other = draw_diagram (f, first, &first_state);
  g_assert_true (same_pixels (shown, expected));
  /* And the check can tell: the first sample looks different. */
  g_assert_false (same_pixels (shown, other));
  cairo_surface_destroy (shown);
  cairo_surface_destroy (expected);
  cairo_surface_destroy (other);
}

static void
test_sample_shown (Fixture       *f,
                   gconstpointer  data)
{
  const double input[] = { 0.5, 0.5 };
  const double target[] = { 1 };
  guint added;

  /* XOR's sample 3 is (1, 0) → 1; sample 1 is (0, 0) → 0. */
  open_example (f, "xor");
  bpl_session_set_sample (f->session, 2);
  bpl_app_test_iterate (5);
  assert_canvas_shows_sample (f, 2);

  /* An added sample, shown as the Parameters page shows it. */
  g_assert_true (bpl_document_add_sample (f->document, input, target, &added));
  bpl_session_set_sample (f->session, added);
  bpl_app_test_iterate (5);
  assert_canvas_shows_sample (f, 4);
}

/* Contrast, measured on what is drawn */

static double
channel_luminance (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* WCAG's relative luminance and contrast ratio. */
static double
luminance (const BplColor *c)
{
  return 0.2126 * channel_luminance (c->r) + 0.7152 * channel_luminance (c->g)
         + 0.0722 * channel_luminance (c->b);
}

static double
contrast_ratio (const BplColor *a,
                const BplColor *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

typedef struct
{
  guchar *data;
  gsize   stride;
  int     width, height;
} Pixels;

static void
pixels_clear (Pixels *p)
{
  g_clear_pointer (&p->data, g_free);
}

/* The window as it is drawn, in Cairo's ARGB32 (premultiplied). */
static void
snapshot_window (Fixture *f,
                 Pixels  *out)
{
  GtkWidget *widget = GTK_WIDGET (f->window);
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  int w, h;

  gtk_widget_queue_draw (widget);
  wait_ms (500);
  gtk_test_widget_wait_for_draw (widget);
  paintable = gtk_widget_paintable_new (widget);
  w = gdk_paintable_get_intrinsic_width (paintable);
  h = gdk_paintable_get_intrinsic_height (paintable);
  g_assert_cmpint (w, >, 0);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (f->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  gsk_render_node_unref (node);
  out->width = gdk_texture_get_width (texture);
  out->height = gdk_texture_get_height (texture);
  out->stride = (gsize) out->width * 4;
  out->data = g_malloc ((gsize) out->height * out->stride);
  gdk_texture_download (texture, out->data, out->stride);
  /* BPL_TEST_SAVE_DIR=DIR keeps each snapshot, to look at. */
  if (g_getenv ("BPL_TEST_SAVE_DIR") != NULL)
    {
      static int n;
      g_autofree char *name = g_strdup_printf ("%s/contrast-%02d.png", g_getenv ("BPL_TEST_SAVE_DIR"), n++);

      gdk_texture_save_to_png (texture, name);
      g_test_message ("saved %s", name);
    }
}

static BplColor
pixel_at (const Pixels *p,
          int           x,
          int           y)
{
  const guint32 argb = *(const guint32 *) (p->data + (gsize) y * p->stride + (gsize) x * 4);
  double a = ((argb >> 24) & 0xff) / 255.0;

  if (a <= 0)
    return (BplColor) { 0, 0, 0, 0 };
  return (BplColor) { ((argb >> 16) & 0xff) / 255.0 / a, ((argb >> 8) & 0xff) / 255.0 / a,
                      (argb & 0xff) / 255.0 / a, a };
}

/* In @box (window coordinates): the background is the commonest colour,
 * the text the colour furthest from it. Returns their contrast ratio. */
static double
text_contrast (const Pixels          *p,
               const graphene_rect_t *box,
               BplColor              *background)
{
  g_autoptr (GHashTable) counts = g_hash_table_new (NULL, NULL);
  int x0 = MAX (0, (int) floor (box->origin.x)), y0 = MAX (0, (int) floor (box->origin.y));
  int x1 = MIN (p->width, (int) ceil (box->origin.x + box->size.width));
  int y1 = MIN (p->height, (int) ceil (box->origin.y + box->size.height));
  guint best_count = 0;
  guint32 best = 0;
  double contrast = 1;

  g_assert_cmpint (x1, >, x0);
  g_assert_cmpint (y1, >, y0);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 argb = *(const guint32 *) (p->data + (gsize) y * p->stride + (gsize) x * 4);
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (argb))) + 1;

        g_hash_table_insert (counts, GUINT_TO_POINTER (argb), GUINT_TO_POINTER (n));
        if (n > best_count)
          {
            best_count = n;
            best = argb;
          }
      }
  {
    Pixels one = { (guchar *) &best, 4, 1, 1 };

    *background = pixel_at (&one, 0, 0);
  }
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        BplColor c = pixel_at (p, x, y);

        contrast = MAX (contrast, contrast_ratio (&c, background));
      }
  return contrast;
}

/* @widget's box in the snapshot's pixels: the snapshot starts at the
 * window's own bounds, the shadow and border round its content included. */
static graphene_rect_t
bounds_in_window (Fixture   *f,
                  GtkWidget *widget)
{
  graphene_rect_t bounds, window;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (f->window), &bounds));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (f->window), GTK_WIDGET (f->window), &window));
  bounds.origin.x -= window.origin.x;
  bounds.origin.y -= window.origin.y;
  return bounds;
}

static gboolean
is_card_label (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW) != NULL
         && gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 20;
}

/* A label inside the first card (a boxed-list row) of the derivation. */
static GtkWidget *
find_card_label (GtkWidget *widget)
{
  return bpl_app_test_find (widget, is_card_label, NULL);
}

typedef enum
{
  SCHEME_LIGHT,
  SCHEME_DARK,
  SCHEME_PREFERENCE_DARK, /* the app's own colour-scheme preference */
  SCHEME_AS_IS,           /* whatever the environment says (GTK_THEME) */
} Scheme;

typedef struct
{
  const char *name;
  Scheme      scheme;
  gboolean    window_hc;  /* the window's High Contrast Diagram */
  gboolean    system_hc;  /* the system's high contrast */
  gboolean    dark;       /* what the canvas must then be */
} Combination;

static void
apply_combination (Fixture           *f,
                   const Combination *c)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  AdwSettings *settings = adw_settings_get_default ();
  g_autoptr (GSettings) preferences = g_settings_new ("io.github.backproplens.BackpropLens");
  gboolean window_hc;

  g_settings_reset (preferences, "color-scheme");
  switch (c->scheme)
    {
    case SCHEME_LIGHT:
      adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
      break;
    case SCHEME_DARK:
      adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
      break;
    case SCHEME_PREFERENCE_DARK:
      g_settings_set_string (preferences, "color-scheme", "dark");
      break;
    case SCHEME_AS_IS:
    default:
      break;
    }
  adw_settings_override_high_contrast (settings, c->system_hc);
  g_object_get (f->window, "high-contrast", &window_hc, NULL);
  if (window_hc != c->window_hc)
    bpl_app_test_activate (GTK_WIDGET (f->window), "win.high-contrast", NULL);
  bpl_app_test_iterate (30);
}

/* Fails the test when @what's text is below 4.5:1. */
static void
assert_legible (const Combination     *c,
                const char            *what,
                const Pixels          *pixels,
                const graphene_rect_t *box)
{
  BplColor background;
  double contrast = text_contrast (pixels, box, &background);

  g_test_message ("%s: %s %.2f:1", c->name, what, contrast);
  if (contrast < MIN_CONTRAST)
    g_error ("%s: %s has contrast %.2f:1", c->name, what, contrast);
}

static void
check_combination (Fixture           *f,
                   const Combination *c)
{
  const BplLayout *layout;
  GtkWidget *card_label, *plot;
  graphene_rect_t diagram, box;
  Pixels pixels = { 0 };
  BplColor background;
  guint h2 = 3;

  apply_combination (f, c);
  g_test_message ("%s", c->name);
  snapshot_window (f, &pixels);

  /* The canvas: a value on the selected path, the selection, the canvas. */
  layout = bpl_diagram_widget_get_layout (f->diagram);
  diagram = bounds_in_window (f, GTK_WIDGET (f->diagram));
  box = GRAPHENE_RECT_INIT (diagram.origin.x + layout->neurons[h2].value_box.x,
                            diagram.origin.y + layout->neurons[h2].value_box.y,
                            layout->neurons[h2].value_box.width,
                            layout->neurons[h2].value_box.height);
  assert_legible (c, "a neuron's value", &pixels, &box);
  /* The selected weight's label: the canvas's colour on the accent. */
  {
    const BplRect *label = &layout->weights[2].label;

    box = GRAPHENE_RECT_INIT (diagram.origin.x + label->x + 2, diagram.origin.y + label->y + 1,
                              label->width - 4, label->height - 2);
    assert_legible (c, "the selected weight's label", &pixels, &box);
  }
  box = GRAPHENE_RECT_INIT (diagram.origin.x + 2, diagram.origin.y + 2, 6, 6);
  text_contrast (&pixels, &box, &background);
  if (c->dark != (luminance (&background) < 0.2))
    g_error ("%s: the canvas is %s (luminance %.2f)", c->name, c->dark ? "light" : "dark",
             luminance (&background));

  /* A factor card of the derivation. */
  card_label = find_card_label (GTK_WIDGET (f->window));
  g_assert_nonnull (card_label);
  box = bounds_in_window (f, card_label);
  assert_legible (c, "a factor card's text", &pixels, &box);

  /* The loss plot's axis labels, left of its frame. */
  plot = bpl_app_test_find_child (GTK_WIDGET (f->window), BPL_TYPE_LOSS_PLOT);
  g_assert_nonnull (plot);
  box = bounds_in_window (f, plot);
  box.size.width = 30;
  assert_legible (c, "the loss plot's axis labels", &pixels, &box);

  pixels_clear (&pixels);
}

static void
test_contrast (Fixture       *f,
               gconstpointer  data)
{
  static const Combination combinations[] = {
    { "light", SCHEME_LIGHT, FALSE, FALSE, FALSE },
    { "dark", SCHEME_DARK, FALSE, FALSE, TRUE },
    { "light + High Contrast Diagram", SCHEME_LIGHT, TRUE, FALSE, FALSE },
    { "dark + High Contrast Diagram", SCHEME_DARK, TRUE, FALSE, TRUE },
    { "dark preference", SCHEME_PREFERENCE_DARK, FALSE, FALSE, TRUE },
    { "dark preference + High Contrast Diagram", SCHEME_PREFERENCE_DARK, TRUE, FALSE, TRUE },
    { "system high contrast", SCHEME_LIGHT, FALSE, TRUE, FALSE },
    { "system high contrast, dark", SCHEME_DARK, FALSE, TRUE, TRUE },
    { "system high contrast + High Contrast Diagram, dark", SCHEME_DARK, TRUE, TRUE, TRUE },
  };
  AdwSettings *settings = adw_settings_get_default ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->diagram), "diagram.select", "s", "w3"));
  adw_settings_start_override (settings);
  for (guint i = 0; i < G_N_ELEMENTS (combinations); i++)
    check_combination (f, &combinations[i]);
  adw_settings_end_override (settings);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* GTK_THEME=Adwaita:dark: libadwaita loads no stylesheet of its own, and the
 * theme's dark colours must still reach the canvas and the panels. */
static void
test_contrast_gtk_theme (Fixture       *f,
                         gconstpointer  data)
{
  static const Combination combinations[] = {
    { "GTK_THEME=Adwaita:dark", SCHEME_AS_IS, FALSE, FALSE, TRUE },
    { "GTK_THEME=Adwaita:dark + High Contrast Diagram", SCHEME_AS_IS, TRUE, FALSE, TRUE },
  };
  AdwSettings *settings = adw_settings_get_default ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->diagram), "diagram.select", "s", "w3"));
  adw_settings_start_override (settings);
  for (guint i = 0; i < G_N_ELEMENTS (combinations); i++)
    check_combination (f, &combinations[i]);
  adw_settings_end_override (settings);
}

/* The window on a projector's 800×600: its minimum width fits 800 px in
 * normal and presentation mode, on either side page; where there is room
 * the side panel keeps its 380 px. */
static int
window_min_width (Fixture *f)
{
  int min;

  wait_ms (300);
  gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

static void
resize (Fixture *f,
        int      width,
        int      height)
{
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  wait_ms (300);
}

static void
test_narrow_window (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *side = gtk_paned_get_end_child (GTK_PANED (f->window->hpaned));
  const char *pages[] = { "derivation", "parameters" };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->diagram), "diagram.select", "s", "w3"));
  for (guint presentation = 0; presentation < 2; presentation++)
    {
      if (presentation)
        bpl_app_test_activate (GTK_WIDGET (f->window), "win.presentation", NULL);
      for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
        {
          int min;

          bpl_app_test_activate (GTK_WIDGET (f->window), "win.show-panel", g_variant_new_string (pages[p]));
          min = window_min_width (f);
          g_test_message ("%s, %s page: minimum width %d", presentation ? "presentation" : "normal",
                          pages[p], min);
          if (min > 800)
            g_error ("%s mode, %s page: the window is at least %d px wide",
                     presentation ? "presentation" : "normal", pages[p], min);
        }
      if (presentation)
        bpl_app_test_activate (GTK_WIDGET (f->window), "win.presentation", NULL);
    }

  /* Room: the side panel at its width. Then 800 px: everything fits,
   * the panel narrower; and back. */
  resize (f, 1280, 800);
  g_assert_cmpint (gtk_widget_get_width (side), ==, 380);
  resize (f, 800, 600);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 800);
  g_assert_cmpint (gtk_widget_get_width (side), >, 200);
  g_assert_cmpint (gtk_widget_get_width (side), <, 380);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->diagram)), >, 400);

  /* Presentation there: the diagram's text larger too, not only the
   * panel's; its names and values larger still. */
  {
    const BplLayout *layout = bpl_diagram_widget_get_layout (f->diagram);
    double label_h = layout->weights[0].label.height;
    double value_h = layout->neurons[0].value_box.height;

    bpl_app_test_activate (GTK_WIDGET (f->window), "win.presentation", NULL);
    wait_ms (300);
    layout = bpl_diagram_widget_get_layout (f->diagram);
    g_test_message ("presentation at 800×600: text ×%.1f, labels ×%.1f",
                    layout->options.font_scale, layout->options.font_scale * layout->label_text_scale);
    g_assert_cmpfloat (layout->options.font_scale, >, 1.0);
    g_assert_true (layout->weights[0].label_shown);
    g_assert_cmpfloat (layout->weights[0].label.height, >, label_h);
    g_assert_cmpfloat (layout->neurons[0].value_box.height, >, value_h);
    bpl_app_test_activate (GTK_WIDGET (f->window), "win.presentation", NULL);
  }

  resize (f, 1280, 800);
  g_assert_cmpint (gtk_widget_get_width (side), ==, 380);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  gboolean gtk_theme_dark = g_strcmp0 (g_getenv ("GTK_THEME"), "Adwaita:dark") == 0;
  int status;

  if (!bpl_app_test_init (&argc, &argv))
    return 0;
  app = GTK_APPLICATION (bpl_application_new ());
  /* Registering runs start-up: libadwaita, style.css, the app's colours. */
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

/* The fixture's window belongs to the application. */
#define ADD(path, fn) g_test_add (path, BplAppFixture, app, bpl_app_fixture_set_up, fn, bpl_app_fixture_tear_down)
  if (gtk_theme_dark)
    ADD ("/app/canvas/contrast-gtk-theme", test_contrast_gtk_theme);
  else
    {
      ADD ("/app/canvas/sample-shown", test_sample_shown);
      ADD ("/app/canvas/contrast", test_contrast);
      ADD ("/app/canvas/narrow-window", test_narrow_window);
    }

  status = g_test_run ();
  g_object_unref (app);
  return status;
}

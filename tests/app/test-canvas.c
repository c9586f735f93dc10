/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-canvas: what the canvas shows: the sample it names. The application
 * is a real one, registered, so that its style.css is loaded as in use. */
#include "config.h"

#include "app-test-util.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "bpl-application.h"
#include "bpl-derivation-panel.h"
#include "bpl-diagram-widget.h"
#include "bpl-window-private.h"

static GtkApplication *app;

typedef struct
{
  BplWindow *window;
  BplDocument *document;
  BplDiagramWidget *diagram;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = bpl_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  f->document = bpl_window_get_document (f->window);
  f->diagram = BPL_DIAGRAM_WIDGET (bpl_app_test_find_child (GTK_WIDGET (f->window), BPL_TYPE_DIAGRAM_WIDGET));
  g_assert_nonnull (f->diagram);
  bpl_app_test_wait_until_mapped (GTK_WIDGET (f->diagram));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  bpl_app_test_iterate (10);
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

  g_assert_cmpuint (bpl_document_get_sample (f->document), ==, sample);
  bpl_diagram_widget_get_render_state (f->diagram, &widget_state);
  g_assert_cmpuint (widget_state.sample, ==, sample);

  /* As bpl_export () draws sample N, from a forward pass of its own. */
  bpl_forward_compute (forward, network, sample);
  bpl_render_state_init (&export_state);
  export_state.sample = sample;
  bpl_forward_compute (first, network, 0);
  bpl_render_state_init (&first_state);

  shown = draw_diagram (f, bpl_document_get_forward (f->document), &widget_state);
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

  /* XOR's sample 3 is (1, 0) → 1; sample 1 is (0, 0) → 0. */
  open_example (f, "xor");
  bpl_document_set_sample (f->document, 2);
  bpl_app_test_iterate (5);
  assert_canvas_shows_sample (f, 2);

  /* An added sample becomes the one shown. */
  bpl_document_add_sample (f->document, input, target);
  bpl_app_test_iterate (5);
  assert_canvas_shows_sample (f, 4);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }
  app = GTK_APPLICATION (bpl_application_new ());
  /* Registering runs start-up: libadwaita, style.css, the app's colours. */
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/app/canvas/sample-shown", test_sample_shown);
#undef ADD

  status = g_test_run ();
  g_object_unref (app);
  return status;
}

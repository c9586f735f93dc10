/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-diagram-render.c: one frame of the worked example at 1600×1000, as
 * the window draws it, against the 16 ms budget of a 60 Hz frame. */
#include "config.h"

#include <cairo.h>
#include <locale.h>

#include "backprop-lens-diagram.h"

#define FRAMES 300

static double
median (double *v, guint n)
{
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && v[j - 1] > v[j]; j--)
      {
        double t = v[j];
        v[j] = v[j - 1];
        v[j - 1] = t;
      }
  return v[n / 2];
}

static void
bench (const char *what, const BplNetwork *network, BplHit selection)
{
  g_autoptr (BplForward) forward = bpl_forward_new (network);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 1000);
  double render_us[FRAMES], layout_us[FRAMES];
  BplRenderState state;
  BplStyle style;

  bpl_forward_compute (forward, network, 0);
  bpl_style_init_builtin (&style, BPL_THEME_LIGHT);
  bpl_render_state_init (&state);
  state.selection = selection;

  for (guint i = 0; i < FRAMES; i++)
    {
      gint64 t0 = g_get_monotonic_time (), t1;
      BplLayout *layout = bpl_layout_new (network, 1600, 1000, NULL);
      cairo_t *cr;

      t1 = g_get_monotonic_time ();
      cr = cairo_create (surface);
      bpl_render (cr, network, forward, layout, &style, &state);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      layout_us[i] = t1 - t0;
      render_us[i] = g_get_monotonic_time () - t1;
      bpl_layout_free (layout);
    }

  {
    double l = median (layout_us, FRAMES), r = median (render_us, FRAMES);

    g_print ("%s, 1600×1000: layout %.0f µs + render %.0f µs = %.0f µs per frame (median of %d), "
             "%.1f%% of a 16 ms frame\n", what, l, r, l + r, FRAMES, (l + r) / 160.0);
  }
  cairo_surface_destroy (surface);
}

int
main (void)
{
  g_autoptr (BplNetwork) worked = bpl_network_new_worked_example ();
  BplHit none = { BPL_HIT_NONE, 0 }, w3 = { BPL_HIT_WEIGHT, 2 };

  /* "×" and "µ" would print as "?" in the C locale. */
  setlocale (LC_ALL, "");
  bench ("worked example", worked, none);
  bench ("worked example, w3 selected", worked, w3);
  return 0;
}

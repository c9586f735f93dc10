/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-theme.h"

#include <adwaita.h>

static void
lookup (GtkStyleContext *context,
        const char      *name,
        double           alpha,
        BplColor        *out)
{
  GdkRGBA rgba;

  /* Keep the built-in palette's colour when the theme has no such name. */
  if (!gtk_style_context_lookup_color (context, name, &rgba))
    return;
  out->r = rgba.red;
  out->g = rgba.green;
  out->b = rgba.blue;
  out->a = rgba.alpha * alpha;
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
void
bpl_style_init_from_widget (BplStyle  *style,
                            GtkWidget *widget)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  gboolean dark = adw_style_manager_get_dark (manager);
  gboolean hc = adw_style_manager_get_high_contrast (manager);
  GtkRoot *root = gtk_widget_get_root (widget);

  /* The window's own high-contrast switch (presentation): the built-in
   * black-on-white palette, whatever the theme. */
  if (root != NULL && gtk_widget_has_css_class (GTK_WIDGET (root), "bpl-high-contrast"))
    {
      bpl_style_init_builtin (style, BPL_THEME_HIGH_CONTRAST);
      style->high_contrast = TRUE;
      return;
    }

  bpl_style_init_builtin (style, hc ? BPL_THEME_HIGH_CONTRAST : dark ? BPL_THEME_DARK : BPL_THEME_LIGHT);
  style->high_contrast = hc;

  lookup (context, "view_bg_color", 1.0, &style->background);
  lookup (context, "view_fg_color", 1.0, &style->foreground);
  /* Dimmed, not faded out: a projector or a printer must still show the
   * values off the selected path (at least 3:1 against the background). */
  lookup (context, "view_fg_color", hc ? 0.7 : 0.6, &style->dim);
  lookup (context, "accent_color", 1.0, &style->accent);
  lookup (context, "accent_color", 0.55, &style->hover);
  /* Positive and negative keep the built-in blue and orange, as the CLI
   * draws them: a slide made with either looks the same. */
  lookup (context, "card_bg_color", 1.0, &style->neuron_fill);
  lookup (context, "window_bg_color", 1.0, &style->bias_fill);
  lookup (context, "error_color", 1.0, &style->error);
}
G_GNUC_END_IGNORE_DEPRECATIONS

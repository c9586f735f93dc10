/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-theme.h"

#include <adwaita.h>
#include <math.h>

/* libadwaita's colour names in terms of GTK's own theme names. libadwaita
 * loads no stylesheet when GTK_THEME is set (GTK_THEME=Adwaita:dark, say):
 * then these give style.css, the diagram and the loss plot the theme's
 * colours, dark ones included. At the lowest priority, so any theme that
 * defines the names itself wins. */
static const char fallback_colors[] =
  "@define-color window_bg_color @theme_bg_color;\n"
  "@define-color window_fg_color @theme_fg_color;\n"
  "@define-color view_bg_color @theme_base_color;\n"
  "@define-color view_fg_color @theme_text_color;\n"
  "@define-color card_bg_color @theme_base_color;\n"
  "@define-color card_fg_color @theme_text_color;\n"
  "@define-color accent_bg_color @theme_selected_bg_color;\n"
  "@define-color accent_fg_color @theme_selected_fg_color;\n"
  "@define-color accent_color mix(@theme_selected_bg_color, @theme_text_color, 0.4);\n"
  "@define-color warning_bg_color @warning_color;\n";

void
bpl_theme_install_fallback_colors (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  g_return_if_fail (GDK_IS_DISPLAY (display));

  if (g_object_get_data (G_OBJECT (display), "bpl-fallback-colors") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, fallback_colors, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_FALLBACK);
  g_object_set_data_full (G_OBJECT (display), "bpl-fallback-colors", g_object_ref (provider),
                          g_object_unref);
}

static BplColor
from_rgba (const GdkRGBA *rgba)
{
  return (BplColor) { rgba->red, rgba->green, rgba->blue, rgba->alpha };
}

/* @top painted over @bottom: the colour a reader sees. */
static BplColor
over (BplColor top,
      BplColor bottom)
{
  double a = top.a + bottom.a * (1 - top.a);

  if (a <= 0)
    return (BplColor) { 0, 0, 0, 0 };
  return (BplColor) { (top.r * top.a + bottom.r * bottom.a * (1 - top.a)) / a,
                      (top.g * top.a + bottom.g * bottom.a * (1 - top.a)) / a,
                      (top.b * top.a + bottom.b * bottom.a * (1 - top.a)) / a, a };
}

static double
channel_luminance (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* Relative luminance (WCAG): which of two colours is the lighter. */
static double
luminance (const BplColor *color)
{
  return 0.2126 * channel_luminance (color->r) + 0.7152 * channel_luminance (color->g)
         + 0.0722 * channel_luminance (color->b);
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static gboolean
lookup (GtkStyleContext *context,
        const char      *name,
        BplColor        *out)
{
  GdkRGBA rgba;

  /* Keep the built-in palette's colour when the theme has no such name. */
  if (!gtk_style_context_lookup_color (context, name, &rgba))
    return FALSE;
  *out = from_rgba (&rgba);
  return TRUE;
}

gboolean
bpl_theme_is_high_contrast (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  /* The system's setting, or the window's own switch (for a projector). */
  return adw_style_manager_get_high_contrast (adw_style_manager_get_default ())
         || (root != NULL && gtk_widget_has_css_class (GTK_WIDGET (root), "bpl-high-contrast"));
}

void
bpl_style_init_from_widget (BplStyle  *style,
                            GtkWidget *widget)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  gboolean hc = bpl_theme_is_high_contrast (widget);
  BplColor background, foreground, card;
  GdkRGBA rgba;
  gboolean dark;

  /* Dark is what the colours say, however it was asked for: libadwaita's
   * style manager, the app's preference or GTK_THEME=Adwaita:dark. */
  bpl_style_init_builtin (style, BPL_THEME_LIGHT);
  background = style->background;
  lookup (context, "view_bg_color", &background);
  background = over (background, (BplColor) { 1, 1, 1, 1 });
  gtk_style_context_get_color (context, &rgba);
  foreground = from_rgba (&rgba);
  /* In high contrast, text at full strength. */
  if (hc)
    foreground.a = 1;
  foreground = over (foreground, background);
  dark = luminance (&foreground) > luminance (&background);

  if (hc)
    bpl_style_init_builtin (style, dark ? BPL_THEME_HIGH_CONTRAST_DARK : BPL_THEME_HIGH_CONTRAST);
  else
    bpl_style_init_builtin (style, dark ? BPL_THEME_DARK : BPL_THEME_LIGHT);
  style->high_contrast = hc;
  style->background = background;
  style->foreground = foreground;
  /* Dimmed, not faded out: a projector or a printer must still show the
   * values off the selected path (at least 3:1 against the background). */
  style->dim = over ((BplColor) { foreground.r, foreground.g, foreground.b, hc ? 0.7 : 0.6 },
                     background);
  if (lookup (context, "accent_color", &style->accent))
    style->accent = over (style->accent, background);
  style->hover = (BplColor) { style->accent.r, style->accent.g, style->accent.b, 0.55 };
  /* Positive and negative keep the built-in blue and orange, as the CLI
   * draws them: a slide made with either looks the same. */
  if (lookup (context, "card_bg_color", &card))
    style->neuron_fill = over (card, background);
  if (lookup (context, "window_bg_color", &style->bias_fill))
    style->bias_fill = over (style->bias_fill, background);
  if (lookup (context, "error_color", &style->error))
    style->error = over (style->error, background);
}
G_GNUC_END_IGNORE_DEPRECATIONS

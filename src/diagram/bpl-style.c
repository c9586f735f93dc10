/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-style.c: the built-in palettes the CLI draws with (the window fills a
 * BplStyle from the GTK theme instead). Colours from the GNOME palette;
 * positive and negative are blue and orange, which colour-blind readers tell
 * apart, and negative edges are dashed as well. The window uses the same
 * two. Dimmed text keeps about 3:1 contrast, for projectors and paper. */
#include "config.h"

#include "bpl-render.h"

#include <string.h>

#include "bpl-diagram-text-private.h"

static BplColor
hex (guint32 rgb,
     double  alpha)
{
  return (BplColor) { ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                      (rgb & 0xff) / 255.0, alpha };
}

void
bpl_style_init_builtin (BplStyle *style,
                        BplTheme  theme)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  style->font_family = BPL_DIAGRAM_FONT_FAMILY;

  switch (theme)
    {
    case BPL_THEME_DARK:
      style->background = hex (0x1e1e1e, 1);
      style->foreground = hex (0xffffff, 1);
      style->dim = hex (0x8e8e8e, 1);
      style->accent = hex (0x78aeed, 1);
      style->hover = hex (0x99c1f1, 1);
      style->positive = hex (0x62a0ea, 1);
      style->negative = hex (0xffa348, 1);
      style->neuron_fill = hex (0x303030, 1);
      style->bias_fill = hex (0x3d3846, 1);
      style->error = hex (0xff7b63, 1);
      break;

    case BPL_THEME_HIGH_CONTRAST:
      style->background = hex (0xffffff, 1);
      style->foreground = hex (0x000000, 1);
      style->dim = hex (0x77767b, 1);
      style->accent = hex (0x1a5fb4, 1);
      style->hover = hex (0x1c71d8, 1);
      style->positive = hex (0x000000, 1);
      style->negative = hex (0xa33800, 1);
      style->neuron_fill = hex (0xffffff, 1);
      style->bias_fill = hex (0xdeddda, 1);
      style->error = hex (0xa51d2d, 1);
      style->high_contrast = TRUE;
      break;

    case BPL_THEME_HIGH_CONTRAST_DARK:
      style->background = hex (0x000000, 1);
      style->foreground = hex (0xffffff, 1);
      style->dim = hex (0x9a9996, 1);
      style->accent = hex (0x99c1f1, 1);
      style->hover = hex (0x62a0ea, 1);
      style->positive = hex (0xffffff, 1);
      style->negative = hex (0xffa348, 1);
      style->neuron_fill = hex (0x000000, 1);
      style->bias_fill = hex (0x3d3846, 1);
      style->error = hex (0xff7b63, 1);
      style->high_contrast = TRUE;
      break;

    case BPL_THEME_LIGHT:
    default:
      style->background = hex (0xffffff, 1);
      style->foreground = hex (0x1e1e1e, 1);
      style->dim = hex (0x8e8e8e, 1);
      style->accent = hex (0x3584e4, 1);
      style->hover = hex (0x99c1f1, 1);
      style->positive = hex (0x1a5fb4, 1);
      style->negative = hex (0xe66100, 1);
      style->neuron_fill = hex (0xfafafa, 1);
      style->bias_fill = hex (0xf0efed, 1);
      style->error = hex (0xc01c28, 1);
      break;
    }
}

gboolean
bpl_theme_from_string (const char *str,
                       BplTheme   *out)
{
  static const struct {
    const char *name;
    BplTheme    theme;
  } themes[] = {
    { "light", BPL_THEME_LIGHT },
    { "dark", BPL_THEME_DARK },
    { "high-contrast", BPL_THEME_HIGH_CONTRAST },
    { "high-contrast-dark", BPL_THEME_HIGH_CONTRAST_DARK },
  };

  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (themes); i++)
    if (g_str_equal (str, themes[i].name))
      {
        if (out != NULL)
          *out = themes[i].theme;
        return TRUE;
      }
  return FALSE;
}

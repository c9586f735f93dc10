/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-diagram-text.c: fonts, text measuring and the diagram's strings. */
#include "config.h"

#include "bpl-diagram-text-private.h"

#include <fontconfig/fontconfig.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "bpl-expr.h"
#include "bpl-diagram-fonts.h"

/* One private font map and one measuring context, made once. The layout must
 * not depend on which thread or widget asks, nor on the screen's resolution or
 * font options; a private font map with fixed options gives that, and making
 * it once keeps fontconfig's start-up cost out of every layout. Pango objects
 * are not thread-safe, and neither is a font map shared by contexts, so every
 * use of the font map holds one lock: measuring, and drawing from the moment a
 * context is made until it is freed (the application warms the fonts in a
 * worker thread while GTK starts). Recursive, because a render may measure
 * and a sheet renders diagrams. */
static GRecMutex measure_lock;
static PangoFontMap *font_map;
static PangoContext *measure_context;
static PangoLayout *measure_layout;

static void
setup_context (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics: text widths scale linearly, so 1× and 2× agree. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  pango_cairo_context_set_resolution (context, BPL_DIAGRAM_DPI);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);
}

static PangoFontMap *
get_font_map (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      font_map = pango_cairo_font_map_new ();
      g_once_init_leave (&once, 1);
    }
  return font_map;
}

/* Where fonts are on a freedesktop system, and their caches; no rules. */
static const char own_font_config[] =
  "<?xml version=\"1.0\"?>\n"
  "<fontconfig>\n"
  "  <dir>/usr/share/fonts</dir>\n"
  "  <dir>/usr/local/share/fonts</dir>\n"
  "  <dir prefix=\"xdg\">fonts</dir>\n"
  "  <dir>~/.fonts</dir>\n"
  "  <cachedir>/var/cache/fontconfig</cachedir>\n"
  "  <cachedir prefix=\"xdg\">fontconfig</cachedir>\n"
  "  <selectfont><rejectfont><pattern>\n"
  "    <patelt name=\"scalable\"><bool>false</bool></patelt>\n"
  "  </pattern></rejectfont></selectfont>\n"
  "</fontconfig>\n";

static gboolean
config_has_family (FcConfig   *config,
                   const char *family)
{
  FcPattern *pattern = FcNameParse ((const FcChar8 *) family);
  FcPattern *match;
  FcResult result;
  FcChar8 *found = NULL;
  gboolean has;

  FcConfigSubstitute (config, pattern, FcMatchPattern);
  FcDefaultSubstitute (pattern);
  match = FcFontMatch (config, pattern, &result);
  has = match != NULL && FcPatternGetString (match, FC_FAMILY, 0, &found) == FcResultMatch
        && g_ascii_strcasecmp ((const char *) found, family) == 0;
  if (match != NULL)
    FcPatternDestroy (match);
  FcPatternDestroy (pattern);
  return has;
}

void
bpl_diagram_use_own_font_config (void)
{
  FcConfig *config;

  if (g_getenv ("FONTCONFIG_FILE") != NULL || g_getenv ("FONTCONFIG_PATH") != NULL)
    return;

  config = FcConfigCreate ();
  if (config == NULL)
    return;
  if (FcConfigParseAndLoadFromMemory (config, (const FcChar8 *) own_font_config, FcFalse)
      && FcConfigBuildFonts (config)
      && (config_has_family (config, "Cantarell") || config_has_family (config, "DejaVu Sans")))
    FcConfigSetCurrent (config);
  FcConfigDestroy (config);
}

void
bpl_diagram_text_lock (void)
{
  g_rec_mutex_lock (&measure_lock);
}

void
bpl_diagram_text_unlock (void)
{
  g_rec_mutex_unlock (&measure_lock);
}

PangoLayout *
bpl_diagram_measure_begin (void)
{
  g_rec_mutex_lock (&measure_lock);
  if (measure_layout == NULL)
    {
      measure_context = pango_font_map_create_context (get_font_map ());
      setup_context (measure_context);
      measure_layout = pango_layout_new (measure_context);
    }
  return measure_layout;
}

void
bpl_diagram_measure_end (void)
{
  g_rec_mutex_unlock (&measure_lock);
}

void
bpl_diagram_measure (PangoLayout                *layout,
                     const PangoFontDescription *font,
                     const char                 *markup,
                     double                     *width,
                     double                     *height)
{
  PangoRectangle logical;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_markup (layout, markup, -1);
  pango_layout_get_extents (layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

PangoContext *
bpl_diagram_context_new (cairo_t *cr)
{
  PangoContext *context = pango_font_map_create_context (get_font_map ());

  setup_context (context);
  /* The same as the measuring context, whatever @cr's matrix: text is laid
   * out in user space, as measured, and Cairo scales the glyphs (a PDF in
   * points, a worksheet's diagram). Giving Pango the matrix instead made it
   * size subscripts twice over, much too small in PDFs. Sharing the
   * measuring context's fonts, metrics already computed, also saves most
   * of a `render` command's font loading. */
  (void) cr;
  return context;
}

double
bpl_diagram_font_size_for (double      width,
                           double      height,
                           double      font_scale,
                           BplFontRole role)
{
  double side = MIN (width, height);
  double base;

  if (!(font_scale > 0.0) || !isfinite (font_scale))
    font_scale = 1.0;
  font_scale = CLAMP (font_scale, 0.5, 4.0);

  /* 11 px on a 400×300 canvas, 16 px at 1200×800, 22 px at 2560×1440. */
  base = CLAMP (11.0 + (side - 300.0) * 0.01, 11.0, 22.0) * font_scale;

  /* Two sizes only: every distinct font costs a `render` process some
   * 3 ms of fontconfig matching and Pango metrics, and the diagram reads
   * as well with names and E_total large and bold, the rest regular. */
  switch (role)
    {
    case BPL_FONT_NAME:
    case BPL_FONT_TOTAL:
      return MAX (13.0, base * 1.3);
    case BPL_FONT_VALUE:
    case BPL_FONT_LABEL:
    case BPL_FONT_SMALL:
      return MAX (11.0, base);
    case BPL_N_FONTS:
    default:
      g_assert_not_reached ();
    }
}

double
bpl_diagram_font_size (const BplLayout *layout,
                       BplFontRole      role)
{
  double size = bpl_diagram_font_size_for (layout->width, layout->height,
                                           layout->options.font_scale, role);

  /* Labels may be smaller than the rest in presentation (see the layout). */
  if (role == BPL_FONT_LABEL && layout->label_text_scale > 0)
    size = MAX (size * layout->label_text_scale,
                bpl_diagram_font_size_for (layout->width, layout->height, 1.0, role));
  return size;
}

PangoFontDescription *
bpl_diagram_font_new (BplFontRole role,
                      double      size)
{
  PangoFontDescription *font = pango_font_description_from_string (BPL_DIAGRAM_FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (role == BPL_FONT_NAME || role == BPL_FONT_TOTAL)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  return font;
}

char *
bpl_diagram_param_label (const char *name,
                         double      value,
                         int         digits,
                         gboolean    bold_value)
{
  g_autofree char *number = bpl_format_number_display (value, digits);
  g_autofree char *name_markup = bpl_format_split_name (name, BPL_EXPR_MARKUP);
  g_autofree char *number_markup = g_markup_escape_text (number, -1);

  /* w₃ as the neurons are i₁ and h₁, and as the panel and worksheets write it. */
  return g_strdup_printf (bold_value ? "%s = <b>%s</b>" : "%s = %s", name_markup, number_markup);
}

char *
bpl_diagram_value_template (int      digits,
                            gboolean small)
{
  GString *s = g_string_new (small ? "−0.00" : "−0.0");

  /* As wide as a typical value at this precision: "−0.05933" for 4 digits
   * (outputs down to 0.01 keep their size: tanh and ReLU outputs are often
   * small), or for errors, which are often smaller, "−0.002247". Wider
   * values (exponents, NaN) shrink to fit when drawn. */
  for (int i = 0; i < MAX (digits, 1); i++)
    g_string_append_c (s, '0');
  return g_string_free (s, FALSE);
}

char *
bpl_diagram_more_text (guint n_hidden)
{
  return g_strdup_printf (C_("diagram", "%u more"), n_hidden);
}

char *
bpl_diagram_target_markup (const char *number)
{
  return g_markup_printf_escaped ("target %s", number);
}

char *
bpl_diagram_error_markup (const char *output_name,
                          const char *number)
{
  return g_markup_printf_escaped ("E<sub>%s</sub> = %s", output_name, number);
}

char *
bpl_diagram_total_markup (const char *number,
                          guint       sample,
                          guint       n_samples)
{
  /* With several samples, the side panel shows their mean: say whose this is. */
  if (n_samples > 1)
    return g_markup_printf_escaped (C_("diagram", "E<sub>total</sub> (sample %u) = %s"),
                                    sample + 1, number);
  return g_markup_printf_escaped ("E<sub>total</sub> = %s", number);
}

static const char *
activation_caption (BplActivation activation)
{
  switch (activation)
    {
    case BPL_ACTIVATION_SIGMOID:
      return _("sigmoid");
    case BPL_ACTIVATION_TANH:
      return "tanh";
    case BPL_ACTIVATION_RELU:
      return "ReLU";
    case BPL_ACTIVATION_LINEAR:
      /* Translators: the activation named in a layer's caption, "Output layer · linear" */
      return _("linear");
    default:
      return bpl_activation_to_string (activation);
    }
}

char *
bpl_diagram_layer_caption (const BplNetwork *network,
                           guint             layer,
                           guint             lines)
{
  guint n_layers = bpl_network_get_n_layers (network);
  g_autofree char *name = NULL;

  if (layer == 0)
    return g_strdup (_("Input layer"));
  if (layer + 1 == n_layers)
    name = g_strdup (_("Output layer"));
  else if (n_layers == 3)
    name = g_strdup (_("Hidden layer"));
  else
    name = g_strdup_printf (_("Hidden layer %u"), layer);
  return g_strconcat (name, lines > 1 ? "\n" : " · ",
                      activation_caption (bpl_network_get_activation (network, layer)), NULL);
}

void
bpl_diagram_show_in_box (cairo_t        *cr,
                         PangoLayout    *pl,
                         const BplRect  *box,
                         double          align,
                         const BplColor *color)
{
  PangoRectangle logical;
  double w, h, scale = 1.0;

  pango_layout_get_extents (pl, NULL, &logical);
  w = (double) logical.width / PANGO_SCALE;
  h = (double) logical.height / PANGO_SCALE;
  if (w > box->width + 0.5 && w > 0)
    scale = MAX (box->width / w, 0.5);

  cairo_save (cr);
  cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a);
  cairo_translate (cr, box->x + (box->width - w * scale) * align, box->y + (box->height - h * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_move_to (cr, -(double) logical.x / PANGO_SCALE, -(double) logical.y / PANGO_SCALE);
  pango_cairo_show_layout (cr, pl);
  /* The path is not part of the saved state: leave no current point behind. */
  cairo_new_path (cr);
  cairo_restore (cr);
}

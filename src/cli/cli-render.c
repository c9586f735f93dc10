/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-render.c: `backprop-lens-cli render`: the diagram to PNG, SVG or PDF,
 * drawn by the same code as the window. */
#include "config.h"

#include "bpl-cli.h"

#include <glib/gi18n.h>
#include <math.h>

#include "backprop-lens-diagram.h"

#define MIN_SIDE 16.0
#define MAX_SIDE 16384.0
#define MAX_SCALE 8.0

static const char *const themes[] = {
  "light", "dark", "high-contrast", "high-contrast-dark", NULL
};

static const char *const views[] = { "diagram", "matrix", NULL };

int
bpl_cli_render (int argc, char **argv)
{
  g_auto (BplCliCommon) common = {
    .flags = BPL_CLI_WITH_SAMPLE | BPL_CLI_WITH_DIGITS,
    .sample_help = N_("Sample whose values are shown, from 1 (default 1)"),
    .digits_help = N_("Significant digits of values on the diagram, 1 to 17 (default 4)"),
    .digits = BPL_CLI_DIAGRAM_DIGITS,
  };
  g_autofree char *select = NULL;
  g_autofree char *theme_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *view_name = NULL;
  double width = 1200, height = 800, scale = 1;
  int layer = 1;
  int status;
  const GOptionEntry entries[] = {
    { "select", 0, 0, G_OPTION_ARG_STRING, &select,
      N_("Highlight the chain-rule path of a parameter (w3, b1, …)"), N_("PARAM") },
    { "width", 'W', 0, G_OPTION_ARG_DOUBLE, &width, N_("Width in pixels (default 1200)"),
      N_("W") },
    { "height", 'H', 0, G_OPTION_ARG_DOUBLE, &height, N_("Height in pixels (default 800)"),
      N_("H") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale,
      N_("Pixels per logical pixel in a PNG: 2 for slides (default 1)"), N_("S") },
    { "theme", 't', 0, G_OPTION_ARG_STRING, &theme_name,
      N_("Colours: light, dark, high-contrast or high-contrast-dark (default light)"),
      N_("THEME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("File to write; .png, .svg or .pdf"), N_("FILE") },
    { "view", 0, 0, G_OPTION_ARG_STRING, &view_name,
      N_("What to draw: diagram, or matrix, the weights into one layer as a heat map "
         "(default diagram)"), N_("VIEW") },
    { "layer", 0, 0, G_OPTION_ARG_INT, &layer,
      N_("With --view matrix: the weights into this layer, from 1 (the first after the "
         "inputs; default 1)"), N_("L") },
    { NULL }
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (BplNetwork) network = NULL;
  g_autoptr (BplLayout) layout = NULL;
  g_autoptr (GError) error = NULL;
  BplLayoutOptions options;
  BplRenderState state;
  BplExportFormat format;
  BplStyle style;
  int theme, view;

  context = bpl_cli_context_new (
      NULL, entries, &common,
      _("Draws the network diagram — neurons with their outputs, weights with their values,\n"
        "targets and errors — as the window shows it. The format follows the file name."),
      _("Examples:\n"
        "  backprop-lens-cli render --select w3 --output w3.png\n"
        "  backprop-lens-cli render --scale 2 --theme dark --output slide.png\n"
        "  backprop-lens-cli render --network xor.json --output xor.pdf\n"
        "  backprop-lens-cli render --network digits.json --view matrix --layer 1 --output w.png"));

  if (!bpl_cli_parse_options (context, &argc, &argv) || !bpl_cli_check_no_arguments (argc, argv))
    return BPL_CLI_EXIT_USAGE;
  if (output == NULL)
    {
      bpl_cli_error ("render", _("--output FILE is required (.png, .svg or .pdf)"));
      return BPL_CLI_EXIT_USAGE;
    }
  if (!bpl_export_format_from_path (output, &format, &error))
    {
      bpl_cli_print_gerror (error);
      return BPL_CLI_EXIT_USAGE;
    }
  if (!isfinite (width) || !isfinite (height) || width < MIN_SIDE || height < MIN_SIDE
      || width > MAX_SIDE || height > MAX_SIDE)
    {
      bpl_cli_error ("render", _("--width and --height must be from %g to %g pixels, not %g×%g"),
                     MIN_SIDE, MAX_SIDE, width, height);
      return BPL_CLI_EXIT_USAGE;
    }
  if (!isfinite (scale) || scale <= 0 || scale > MAX_SCALE
      || width * scale > MAX_SIDE || height * scale > MAX_SIDE)
    {
      bpl_cli_error ("render",
                     _("--scale %g does not fit: the scale is above 0 and at most %g, and the "
                       "image at most %g pixels a side"), scale, MAX_SCALE, MAX_SIDE);
      return BPL_CLI_EXIT_USAGE;
    }
  theme = bpl_cli_parse_choice ("--theme", theme_name, themes);
  if (theme < 0)
    return BPL_CLI_EXIT_USAGE;
  view = bpl_cli_parse_choice ("--view", view_name, views);
  if (view < 0)
    return BPL_CLI_EXIT_USAGE;

  network = bpl_cli_common_load (&common, &status);
  if (network == NULL)
    return status;

  bpl_render_state_init (&state);
  if (select != NULL)
    {
      BplParam param;

      if (!bpl_network_parse_param (network, select, &param, &error))
        {
          bpl_cli_error ("render", "--select: %s", error->message);
          return BPL_CLI_EXIT_BAD_INPUT;
        }
      state.selection.kind = param.kind == BPL_PARAM_WEIGHT ? BPL_HIT_WEIGHT : BPL_HIT_BIAS;
      state.selection.index = param.index;
    }

  bpl_layout_options_init (&options);
  options.digits = common.digits;
  bpl_style_init_builtin (&style, (BplTheme) theme);

  if (view == 1)
    {
      g_autoptr (BplMatrixLayout) matrix = NULL;
      guint n_layers = bpl_network_get_n_layers (network);

      if (layer < 1 || (guint) layer >= n_layers)
        {
          bpl_cli_error ("render", _("--layer %d: weights go into layers 1 to %u of this network"),
                         layer, n_layers - 1);
          return BPL_CLI_EXIT_BAD_INPUT;
        }
      matrix = bpl_matrix_layout_new (network, (guint) layer, width, height);
      if (!bpl_export_matrix (network, matrix, &style, &state,
                              format == BPL_EXPORT_PNG ? scale : 1.0, format, output, &error))
        {
          bpl_cli_print_gerror (error);
          return BPL_CLI_EXIT_BAD_INPUT;
        }
      return BPL_CLI_EXIT_OK;
    }

  layout = bpl_layout_new (network, width, height, &options);
  if (!bpl_export_layout (network, layout, (guint) common.sample - 1, &style, &state,
                          format == BPL_EXPORT_PNG ? scale : 1.0, format, output, &error))
    {
      bpl_cli_print_gerror (error);
      return BPL_CLI_EXIT_BAD_INPUT;
    }

  /* The window shows a hidden label on hover; a file cannot, so say so. */
  if (layout->dense)
    {
      guint hidden = 0;

      for (guint w = 0; w < layout->n_weights; w++)
        hidden += !layout->weights[w].label_shown;
      bpl_cli_error ("render",
                     _("note: %u of %u weight labels left out, with no room at %g×%g where "
                       "they would not overlap (--select shows one; a larger --width and "
                       "--height or fewer --digits make room)"),
                     hidden, layout->n_weights, width, height);
    }
  return BPL_CLI_EXIT_OK;
}

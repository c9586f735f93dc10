/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-render.c: `backprop-lens-cli render`: the diagram to PNG, SVG or PDF,
 * drawn by the same code as the window, or to TikZ from the same layout. */
#include "config.h"

#include "bpl-cli.h"

#include <glib/gi18n.h>
#include <math.h>

#include "backprop-lens-diagram.h"
#include "bpl-cli-data-view.h"

#define MIN_SIDE 16.0
#define MAX_SIDE 16384.0
#define MAX_SCALE 8.0

static const char *const themes[] = {
  "light", "dark", "high-contrast", "high-contrast-dark", NULL
};
enum { VIEW_DIAGRAM, VIEW_GRAPH, VIEW_MATRIX, VIEW_DATA };
static const char *const views[] = { "diagram", "graph", "matrix", "data", NULL };
enum { WALK_BACKWARD, WALK_FORWARD };
static const char *const walks[] = { "backward", "forward", NULL };
static const char *const formats[] = { "png", "svg", "pdf", "tikz", NULL };
static const BplExportFormat format_values[] = {
  BPL_EXPORT_PNG, BPL_EXPORT_SVG, BPL_EXPORT_PDF, BPL_EXPORT_TIKZ,
};
/* --width and --height not given: the diagram's default size, the graph's own. */
#define SIDE_UNSET (-G_MAXDOUBLE)

/* The computational graph of the network, or of the part --select names,
 * at its own size or fitted into --width×--height. */
static int
render_graph (const BplNetwork *network, const BplCliCommon *common, const char *select,
              int walk_direction, int step, const BplStyle *style, double width, double height,
              double scale, BplExportFormat format, const char *output)
{
  g_autoptr (BplGraph) graph = NULL;
  g_autoptr (BplGraphLayout) layout = NULL;
  g_autoptr (BplGraphWalk) walk = NULL;
  g_autoptr (GError) error = NULL;
  BplGraphLayoutOptions options;
  BplGraphRenderState state;
  int status;

  graph = bpl_cli_graph_new (network, (guint) common->sample - 1, select, BPL_GRAPH_DEFAULT_PER_LAYER,
                             BPL_CLI_GRAPH_MAX_DRAWN, &status);
  if (graph == NULL)
    return status;
  bpl_graph_render_state_init (&state);
  /* The selected parameter or neuron stands out, as in the diagram. */
  if (graph->focus == BPL_GRAPH_PARAM)
    state.selection = bpl_graph_find_param (graph, graph->param);
  else if (graph->focus == BPL_GRAPH_NEURON)
    state.selection = bpl_graph_find_neuron (graph, graph->neuron);
  if (step > 0)
    {
      walk = bpl_graph_walk_new (graph, walk_direction == WALK_FORWARD ? BPL_GRAPH_FORWARD
                                                                       : BPL_GRAPH_BACKWARD);
      if ((guint) step > walk->n_steps)
        {
          bpl_cli_error ("render", _("--step %d is out of range: the %s pass of this graph has %u steps"),
                         step, walks[walk_direction], walk->n_steps);
          return BPL_CLI_EXIT_BAD_INPUT;
        }
      state.walk = walk;
      state.position = step - 1;
    }
  bpl_graph_layout_options_init (&options);
  options.digits = common->digits;
  layout = bpl_graph_layout_new (graph, &options);
  if (!bpl_graph_export (graph, layout, style, &state, width == SIDE_UNSET ? 0 : width,
                         height == SIDE_UNSET ? 0 : height, format == BPL_EXPORT_PNG ? scale : 1.0,
                         format, output, &error))
    {
      bpl_cli_print_gerror (error);
      return BPL_CLI_EXIT_BAD_INPUT;
    }
  return BPL_CLI_EXIT_OK;
}

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
  g_autofree char *walk_name = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *show = NULL;
  gboolean discretize = FALSE, heat_maps = FALSE;
  double width = SIDE_UNSET, height = SIDE_UNSET, scale = 1;
  int status, view, walk, step = 0, layer = 1;
  const GOptionEntry entries[] = {
    { "view", 0, 0, G_OPTION_ARG_STRING, &view_name,
      N_("What to draw: diagram (the network), graph (the computational graph), matrix (the "
         "weights into one layer as a heat map) or data (what the network learned: its output "
         "over the input plane with the samples; default diagram)"),
      N_("VIEW") },
    { "show", 0, 0, G_OPTION_ARG_STRING, &show,
      N_("With --view data: the output neuron shown (o1, …) or class (the largest output; the "
         "default for softmax)"), N_("NAME") },
    { "discretize", 0, 0, G_OPTION_ARG_NONE, &discretize,
      N_("With --view data: class colours only, no shades"), NULL },
    { "heat-maps", 0, 0, G_OPTION_ARG_NONE, &heat_maps,
      N_("In the diagram: each neuron's output over the input plane inside its circle (a "
         "network of one or two inputs)"), NULL },
    { "layer", 0, 0, G_OPTION_ARG_INT, &layer,
      N_("With --view matrix: the weights into this layer, from 1 (the first after the "
         "inputs; default 1)"), N_("L") },
    { "walk", 0, 0, G_OPTION_ARG_STRING, &walk_name,
      N_("With --view graph and --step: the backward or forward pass (default backward)"),
      N_("PASS") },
    { "step", 0, 0, G_OPTION_ARG_INT, &step,
      N_("With --view graph: show the pass at step N, from 1 (one slide a step)"), N_("N") },
    { "select", 0, 0, G_OPTION_ARG_STRING, &select,
      N_("Highlight the chain-rule path of a parameter (w3, b1, …); with --view graph, show its "
         "paths or one neuron's (h1) and group the rest"), N_("NAME") },
    { "width", 'W', 0, G_OPTION_ARG_DOUBLE, &width,
      N_("Width in pixels (default 1200; the graph: its own, or fitted into W×H)"), N_("W") },
    { "height", 'H', 0, G_OPTION_ARG_DOUBLE, &height,
      N_("Height in pixels (default 800; the graph: its own)"), N_("H") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale,
      N_("Pixels per logical pixel in a PNG: 2 for slides (default 1)"), N_("S") },
    { "theme", 't', 0, G_OPTION_ARG_STRING, &theme_name,
      N_("Colours: light, dark, high-contrast or high-contrast-dark (default light)"),
      N_("THEME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("File to write; .png, .svg, .pdf or .tex (TikZ)"), N_("FILE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("png, svg, pdf or tikz (a LaTeX document of the diagram; default: from the file "
         "name)"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (BplNetwork) network = NULL;
  g_autoptr (BplLayout) layout = NULL;
  g_autoptr (BplHeatmap) heatmap = NULL;
  g_autoptr (GError) error = NULL;
  BplLayoutOptions options;
  BplRenderState state;
  BplExportFormat format;
  BplStyle style;
  int theme;

  context = bpl_cli_context_new (
      NULL, entries, &common,
      _("Draws the network diagram — neurons with their outputs, weights with their values,\n"
        "targets and errors — as the window shows it, or with --view graph the computational\n"
        "graph, each operation with its value and gradient. The format follows the file name."),
      _("Examples:\n"
        "  backprop-lens-cli render --select w3 --output w3.png\n"
        "  backprop-lens-cli render --scale 2 --theme dark --output slide.png\n"
        "  backprop-lens-cli render --network xor.json --output xor.pdf\n"
        "  backprop-lens-cli render --select w3 --output w3.tex      # TikZ, for LaTeX\n"
        "  backprop-lens-cli render --view graph --select w3 --output w3-graph.pdf\n"
        "  backprop-lens-cli render --network digits.json --view matrix --layer 1 --output w.png\n"
        "  backprop-lens-cli render --network spiral.json --view data --output spiral.png"));
  bpl_cli_context_add_choices (context, "--view", views);
  bpl_cli_context_add_choices (context, "--walk", walks);
  bpl_cli_context_add_choices (context, "--theme", themes);

  if (!bpl_cli_parse_options (context, &argc, &argv) || !bpl_cli_check_no_arguments (argc, argv))
    return BPL_CLI_EXIT_USAGE;
  if (output == NULL)
    {
      bpl_cli_error ("render", _("--output FILE is required (.png, .svg, .pdf or .tex)"));
      return BPL_CLI_EXIT_USAGE;
    }
  if (format_name != NULL)
    {
      int choice = bpl_cli_parse_choice ("--format", format_name, formats);

      if (choice < 0)
        return BPL_CLI_EXIT_USAGE;
      format = format_values[choice];
    }
  else if (!bpl_export_format_from_path (output, &format, &error))
    {
      bpl_cli_print_gerror (error);
      return BPL_CLI_EXIT_USAGE;
    }
  view = bpl_cli_parse_choice ("--view", view_name, views);
  if (view < 0)
    return BPL_CLI_EXIT_USAGE;
  if (format == BPL_EXPORT_TIKZ && view == VIEW_GRAPH)
    {
      bpl_cli_error ("render", _("the computational graph's TikZ comes from `graph --format "
                                 "tikz`; render writes TikZ of the diagram"));
      return BPL_CLI_EXIT_USAGE;
    }
  if (format == BPL_EXPORT_TIKZ && view == VIEW_MATRIX)
    {
      bpl_cli_error ("render", _("the matrix view is written as PNG, SVG or PDF; TikZ is for "
                                 "the diagram"));
      return BPL_CLI_EXIT_USAGE;
    }
  walk = bpl_cli_parse_choice ("--walk", walk_name, walks);
  if (walk < 0)
    return BPL_CLI_EXIT_USAGE;
  if (view != VIEW_GRAPH && (walk_name != NULL || step != 0))
    {
      bpl_cli_error ("render", _("--walk and --step need --view graph"));
      return BPL_CLI_EXIT_USAGE;
    }
  if (view != VIEW_DATA && (show != NULL || discretize))
    {
      bpl_cli_error ("render", _("--show and --discretize need --view data"));
      return BPL_CLI_EXIT_USAGE;
    }
  if (step < 0 || (walk_name != NULL && step == 0))
    {
      bpl_cli_error ("render", _("--step must be a step of the pass, from 1"));
      return BPL_CLI_EXIT_USAGE;
    }
  if (view == VIEW_GRAPH && (width == SIDE_UNSET) != (height == SIDE_UNSET))
    {
      bpl_cli_error ("render", _("--view graph takes --width and --height together, or neither"));
      return BPL_CLI_EXIT_USAGE;
    }
  if (view != VIEW_GRAPH && width == SIDE_UNSET)
    width = 1200;
  if (view != VIEW_GRAPH && height == SIDE_UNSET)
    height = 800;
  if (width != SIDE_UNSET
      && (!isfinite (width) || !isfinite (height) || width < MIN_SIDE || height < MIN_SIDE
          || width > MAX_SIDE || height > MAX_SIDE))
    {
      bpl_cli_error ("render", _("--width and --height must be from %g to %g pixels, not %g×%g"),
                     MIN_SIDE, MAX_SIDE, width, height);
      return BPL_CLI_EXIT_USAGE;
    }
  if (!isfinite (scale) || scale <= 0 || scale > MAX_SCALE
      || (width != SIDE_UNSET && (width * scale > MAX_SIDE || height * scale > MAX_SIDE)))
    {
      bpl_cli_error ("render",
                     _("--scale %g does not fit: the scale is above 0 and at most %g, and the "
                       "image at most %g pixels a side"), scale, MAX_SCALE, MAX_SIDE);
      return BPL_CLI_EXIT_USAGE;
    }
  theme = bpl_cli_parse_choice ("--theme", theme_name, themes);
  if (theme < 0)
    return BPL_CLI_EXIT_USAGE;

  network = bpl_cli_common_load (&common, &status);
  if (network == NULL)
    return status;
  bpl_style_init_builtin (&style, (BplTheme) theme);
  if (view == VIEW_GRAPH)
    return render_graph (network, &common, select, walk, step, &style, width, height, scale, format,
                         output);

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

  if (view == VIEW_MATRIX)
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

  if (view == VIEW_DATA)
    {
      g_autoptr (BplDataViewLayout) data = NULL;
      BplDataViewOptions data_options;

      if (!bpl_cli_data_view_options (network, show, discretize, &data_options))
        return BPL_CLI_EXIT_USAGE;
      data = bpl_data_view_layout_new (network, &data_options, width, height);
      if (!bpl_export_data_view (network, data, &style, NULL,
                                 format == BPL_EXPORT_PNG ? scale : 1.0, format, output, &error))
        {
          bpl_cli_print_gerror (error);
          return BPL_CLI_EXIT_BAD_INPUT;
        }
      return BPL_CLI_EXIT_OK;
    }

  if (heat_maps)
    {
      if (view != VIEW_DIAGRAM || bpl_network_get_n_inputs (network) > 2)
        {
          bpl_cli_error ("render", _("--heat-maps needs the diagram of a network of one or two "
                                     "inputs"));
          return BPL_CLI_EXIT_USAGE;
        }
      heatmap = bpl_data_view_heatmap_new (network, 64);
      state.heatmap = heatmap;
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

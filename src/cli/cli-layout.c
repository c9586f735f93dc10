/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-layout.c: `backprop-lens-cli layout`: where `render` and the window put
 * every neuron, edge and label on a canvas of a given size, as JSON. */
#include "config.h"

#include "bpl-cli.h"

#include <glib/gi18n.h>
#include <math.h>

#include "backprop-lens-diagram.h"
#include "bpl-cli-data-view.h"

#define MIN_SIDE 16.0
#define MAX_SIDE 16384.0

static const char *const formats[] = { "json", NULL };
enum { VIEW_DIAGRAM, VIEW_DATA };
static const char *const views[] = { "diagram", "data", NULL };

int
bpl_cli_layout (int argc, char **argv)
{
  g_auto (BplCliCommon) common = {
    .flags = BPL_CLI_WITH_DIGITS,
    .digits_help = N_("Significant digits of values, as for render (default 4)"),
    .digits = BPL_CLI_DIAGRAM_DIGITS,
  };
  g_autofree char *format_name = NULL;
  g_autofree char *view_name = NULL;
  g_autofree char *show = NULL;
  gboolean discretize = FALSE;
  int view;
  double width = 1200, height = 800;
  int status;
  const GOptionEntry entries[] = {
    { "width", 'W', 0, G_OPTION_ARG_DOUBLE, &width, N_("Width in pixels (default 1200)"),
      N_("W") },
    { "height", 'H', 0, G_OPTION_ARG_DOUBLE, &height, N_("Height in pixels (default 800)"),
      N_("H") },
    { "view", 0, 0, G_OPTION_ARG_STRING, &view_name,
      N_("diagram (the network) or data (the data view: its plot and the input range it "
         "shows; default diagram)"), N_("VIEW") },
    { "show", 0, 0, G_OPTION_ARG_STRING, &show,
      N_("With --view data: the output shown (o1, …) or class, as for render"), N_("NAME") },
    { "discretize", 0, 0, G_OPTION_ARG_NONE, &discretize,
      N_("With --view data: class colours only, as for render"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, N_("Output format: json"),
      N_("FORMAT") },
    { NULL }
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (BplNetwork) network = NULL;
  g_autoptr (BplLayout) layout = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  BplLayoutOptions options;

  context = bpl_cli_context_new (
      NULL, entries, &common,
      _("Prints where the diagram puts every neuron, weight edge, label and bias on a canvas\nof "
        "the given size, in logical pixels (boxes by their top-left corner): exactly what\n"
        "render draws, and what the window uses at that size."),
      _("Examples:\n  backprop-lens-cli layout --width 800 --height 600 --format json\n"
        "  backprop-lens-cli layout --network spiral.json --view data --format json"));
  bpl_cli_context_add_choices (context, "--format", formats);

  if (!bpl_cli_parse_options (context, &argc, &argv) || !bpl_cli_check_no_arguments (argc, argv))
    return BPL_CLI_EXIT_USAGE;
  if (bpl_cli_parse_choice ("--format", format_name, formats) < 0)
    return BPL_CLI_EXIT_USAGE;
  view = bpl_cli_parse_choice ("--view", view_name, views);
  if (view < 0)
    return BPL_CLI_EXIT_USAGE;
  if (view != VIEW_DATA && (show != NULL || discretize))
    {
      bpl_cli_error ("layout", _("--show and --discretize need --view data"));
      return BPL_CLI_EXIT_USAGE;
    }
  if (!isfinite (width) || !isfinite (height) || width < MIN_SIDE || height < MIN_SIDE
      || width > MAX_SIDE || height > MAX_SIDE)
    {
      bpl_cli_error ("layout", _("--width and --height must be from %g to %g pixels, not %g×%g"),
                     MIN_SIDE, MAX_SIDE, width, height);
      return BPL_CLI_EXIT_USAGE;
    }

  network = bpl_cli_common_load (&common, &status);
  if (network == NULL)
    return status;

  if (view == VIEW_DATA)
    {
      g_autoptr (BplDataViewLayout) data = NULL;
      BplDataViewOptions data_options;

      if (!bpl_cli_data_view_options (network, show, discretize, &data_options))
        return BPL_CLI_EXIT_USAGE;
      data = bpl_data_view_layout_new (network, &data_options, width, height);
      json = bpl_data_view_layout_to_json (data);
    }
  else
    {
      bpl_layout_options_init (&options);
      options.digits = common.digits;
      layout = bpl_layout_new (network, width, height, &options);
      json = bpl_layout_to_json (layout, network);
    }
  text = g_strconcat (json, "\n", NULL);

  if (!bpl_cli_write_output (NULL, text, &error))
    {
      bpl_cli_print_gerror (error);
      return BPL_CLI_EXIT_BAD_INPUT;
    }
  return BPL_CLI_EXIT_OK;
}

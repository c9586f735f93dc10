/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli-animate.c: `backprop-lens-cli animate`: a training Step as the window
 * plays it, Play of N steps, or the computational graph's backward pass,
 * as an animated GIF or a WebM or MP4 video. Every frame is drawn by the
 * render `render` uses. */
#include "config.h"

#include "bpl-cli.h"

#include <glib/gi18n.h>
#include <math.h>

#include "backprop-lens-diagram.h"
#include "bpl-media.h"

static const char *const themes[] = {
  "light", "dark", "high-contrast", "high-contrast-dark", NULL
};
static const char *const whats[] = { "step", "play", "walk", NULL };
static const char *const walks[] = { "backward", "forward", NULL };
static const char *const palettes[] = { "per-frame", "global", NULL };

int
bpl_cli_animate (int argc, char **argv)
{
  g_auto (BplCliCommon) common = {
    .flags = BPL_CLI_WITH_SAMPLE | BPL_CLI_WITH_DIGITS,
    .sample_help = N_("Sample whose values are shown, from 1 (default 1)"),
    .digits_help = N_("Significant digits of values in the pictures, 1 to 17 (default 4)"),
    .digits = BPL_CLI_DIAGRAM_DIGITS,
  };
  g_autofree char *what_name = NULL;
  g_autofree char *walk_name = NULL;
  g_autofree char *select = NULL;
  g_autofree char *theme_name = NULL;
  g_autofree char *palette_name = NULL;
  g_autofree char *output = NULL;
  int steps = -1, width = 1280, height = 720;
  double fps = 30, seconds = -1;   /* -1: not given */
  const GOptionEntry entries[] = {
    { "what", 0, 0, G_OPTION_ARG_STRING, &what_name,
      N_("What to animate: step (one training step, old → new, as the window shows it), play "
         "(--steps training steps) or walk (the computational graph's pass, a node a step; "
         "default step)"), N_("WHAT") },
    { "steps", 0, 0, G_OPTION_ARG_INT, &steps,
      N_("play: training steps (default 5); walk: the pass's first N steps (default all)"),
      N_("N") },
    { "seconds", 0, 0, G_OPTION_ARG_DOUBLE, &seconds,
      N_("Seconds each step is shown, above 0 and at most 60 (default 2 for a training step, "
         "as the window, 1 for a walk's)"), N_("S") },
    { "walk", 0, 0, G_OPTION_ARG_STRING, &walk_name,
      N_("With --what walk: the backward or forward pass (default backward)"), N_("PASS") },
    { "select", 0, 0, G_OPTION_ARG_STRING, &select,
      N_("Highlight the chain-rule path of a parameter (w3, b1, …); with --what walk, show its "
         "paths or one neuron's (h1) and group the rest"), N_("NAME") },
    { "fps", 0, 0, G_OPTION_ARG_DOUBLE, &fps,
      N_("Frames a second, 1 to 60 (a GIF: to 50; default 30)"), N_("F") },
    { "width", 'W', 0, G_OPTION_ARG_INT, &width,
      N_("Width in pixels, 16 to 4096 (default 1280; MP4: even)"), N_("W") },
    { "height", 'H', 0, G_OPTION_ARG_INT, &height,
      N_("Height in pixels, 16 to 4096 (default 720; MP4: even)"), N_("H") },
    { "theme", 't', 0, G_OPTION_ARG_STRING, &theme_name,
      N_("Colours: light, dark, high-contrast or high-contrast-dark (default light)"),
      N_("THEME") },
    { "palette", 0, 0, G_OPTION_ARG_STRING, &palette_name,
      N_("A GIF's colours: per-frame (256 for each frame; default) or global (one palette, "
         "a smaller file)"), N_("PALETTE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("File to write; .gif, .webm or .mp4"), N_("FILE") },
    { NULL }
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (BplNetwork) network = NULL;
  g_autoptr (BplAnimation) animation = NULL;
  g_autoptr (GError) error = NULL;
  BplAnimationOptions options;
  BplMediaFormat format;
  BplStyle style;
  int what, walk, theme, palette, status;

  context = bpl_cli_context_new (
      NULL, entries, &common,
      _("Writes an animation as a GIF or a video: a training step's old → new values as the\n"
        "window shows them, Play of several steps, or the computational graph's backward pass\n"
        "a node at a time. Its first and last frames are the pictures `render` draws of the\n"
        "start and the end. The format follows the file name."),
      _("Examples:\n"
        "  backprop-lens-cli animate --what step --select w3 --output step.gif\n"
        "  backprop-lens-cli animate --what play --steps 10 --seconds 1 --output play.webm\n"
        "  backprop-lens-cli animate --what walk --select w3 --width 1920 --height 1080 "
        "--output walk.mp4"));
  bpl_cli_context_add_choices (context, "--what", whats);
  bpl_cli_context_add_choices (context, "--walk", walks);
  bpl_cli_context_add_choices (context, "--palette", palettes);
  bpl_cli_context_add_choices (context, "--theme", themes);

  if (!bpl_cli_parse_options (context, &argc, &argv) || !bpl_cli_check_no_arguments (argc, argv))
    return BPL_CLI_EXIT_USAGE;
  if (output == NULL)
    {
      bpl_cli_error ("animate", _("--output FILE is required (.gif, .webm or .mp4)"));
      return BPL_CLI_EXIT_USAGE;
    }
  if (!bpl_media_format_from_path (output, &format, &error))
    {
      bpl_cli_print_gerror (error);
      return BPL_CLI_EXIT_USAGE;
    }
  what = bpl_cli_parse_choice ("--what", what_name, whats);
  if (what < 0)
    return BPL_CLI_EXIT_USAGE;
  walk = bpl_cli_parse_choice ("--walk", walk_name, walks);
  if (walk < 0)
    return BPL_CLI_EXIT_USAGE;
  palette = bpl_cli_parse_choice ("--palette", palette_name, palettes);
  if (palette < 0)
    return BPL_CLI_EXIT_USAGE;
  theme = bpl_cli_parse_choice ("--theme", theme_name, themes);
  if (theme < 0)
    return BPL_CLI_EXIT_USAGE;
  if (walk_name != NULL && what != BPL_ANIMATION_WALK)
    {
      bpl_cli_error ("animate", _("--walk needs --what walk"));
      return BPL_CLI_EXIT_USAGE;
    }
  if (palette_name != NULL && format != BPL_MEDIA_GIF)
    {
      bpl_cli_error ("animate", _("--palette is for a GIF (.gif)"));
      return BPL_CLI_EXIT_USAGE;
    }
  if (what == BPL_ANIMATION_STEP && steps != -1 && steps != 1)
    {
      bpl_cli_error ("animate", _("--what step shows one step; for %d use --what play --steps %d"),
                     steps, steps);
      return BPL_CLI_EXIT_USAGE;
    }
  if (steps != -1 && (steps < 1 || steps > BPL_ANIMATION_MAX_STEPS))
    {
      bpl_cli_error ("animate", _("--steps must be from 1 to %d, not %d"), BPL_ANIMATION_MAX_STEPS,
                     steps);
      return BPL_CLI_EXIT_USAGE;
    }
  if (!isfinite (fps) || fps < 1
      || fps > (format == BPL_MEDIA_GIF ? BPL_MEDIA_GIF_MAX_FPS : BPL_ANIMATION_MAX_FPS))
    {
      if (format == BPL_MEDIA_GIF)
        bpl_cli_error ("animate",
                       _("--fps must be from 1 to %g for a GIF, not %g: its frame delays are "
                         "whole hundredths of a second, and browsers slow down shorter ones"),
                       BPL_MEDIA_GIF_MAX_FPS, fps);
      else
        bpl_cli_error ("animate", _("--fps must be from 1 to %g, not %g"), BPL_ANIMATION_MAX_FPS,
                       fps);
      return BPL_CLI_EXIT_USAGE;
    }
  if (seconds != -1 && (!isfinite (seconds) || seconds <= 0 || seconds > 60))
    {
      bpl_cli_error ("animate", _("--seconds must be above 0 and at most 60, not %g"), seconds);
      return BPL_CLI_EXIT_USAGE;
    }
  if (width < BPL_ANIMATION_MIN_SIDE || height < BPL_ANIMATION_MIN_SIDE
      || width > BPL_ANIMATION_MAX_SIDE || height > BPL_ANIMATION_MAX_SIDE)
    {
      bpl_cli_error ("animate", _("--width and --height must be from %d to %d pixels, not %d×%d"),
                     BPL_ANIMATION_MIN_SIDE, BPL_ANIMATION_MAX_SIDE, width, height);
      return BPL_CLI_EXIT_USAGE;
    }
  if (format == BPL_MEDIA_MP4 && (width % 2 != 0 || height % 2 != 0))
    {
      bpl_cli_error ("animate", _("an MP4 video needs an even --width and --height, not %d×%d"),
                     width, height);
      return BPL_CLI_EXIT_USAGE;
    }

  network = bpl_cli_common_load (&common, &status);
  if (network == NULL)
    return status;
  if (what == BPL_ANIMATION_WALK)
    {
      /* The same part of the graph, and the same messages, as `render --view graph`. */
      g_autoptr (BplGraph) graph = bpl_cli_graph_new (network, (guint) common.sample - 1, select,
                                                      BPL_GRAPH_DEFAULT_PER_LAYER,
                                                      BPL_CLI_GRAPH_MAX_DRAWN, &status);

      if (graph == NULL)
        return status;
    }
  else if (select != NULL)
    {
      BplParam param;

      if (!bpl_network_parse_param (network, select, &param, &error))
        {
          bpl_cli_error ("animate", "--select: %s", error->message);
          return BPL_CLI_EXIT_BAD_INPUT;
        }
    }

  bpl_style_init_builtin (&style, (BplTheme) theme);
  bpl_animation_options_init (&options);
  options.kind = (BplAnimationKind) what;
  options.n_steps = steps == -1 ? 0 : (guint) steps;
  options.step_seconds = seconds == -1 ? 0 : seconds;
  options.fps = fps;
  options.width = (guint) width;
  options.height = (guint) height;
  options.sample = (guint) common.sample - 1;
  options.select = select;
  options.digits = common.digits;
  options.direction = walk == 1 ? BPL_GRAPH_FORWARD : BPL_GRAPH_BACKWARD;
  animation = bpl_animation_new (network, &options, &style, &error);
  if (animation == NULL
      || !bpl_media_write_animation (animation, format, (BplGifPalette) palette, output, NULL, NULL,
                                     NULL, &error))
    {
      bpl_cli_print_gerror (error);
      return BPL_CLI_EXIT_BAD_INPUT;
    }
  return BPL_CLI_EXIT_OK;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-animate.c: issue 14's target: exporting a 5-second animation at
 * 1280×720 and 30 frames a second takes less time than playing it, 5 s.
 * Play (the start, then four training steps of a second each) and the
 * backward pass of w3's graph (five steps of a second), each as GIF, WebM
 * and MP4. Prints the wall-clock time and the processor time of all
 * threads (the encoders run in their own). */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <time.h>

#include "backprop-lens-diagram.h"
#include "bpl-media.h"

#define SECONDS 5.0
#define FPS 30.0

static double
cpu_seconds (void)
{
  struct timespec t;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static gboolean
bench (const char *dir, BplAnimationKind kind, BplMediaFormat format)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr (BplAnimation) animation = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%s.%s", bpl_animation_kind_to_string (kind),
                                           bpl_media_format_extension (format));
  g_autofree char *path = g_build_filename (dir, name, NULL);
  BplAnimationOptions options;
  BplStyle style;
  gint64 start;
  double cpu, wall;
  GStatBuf st;

  if (!bpl_media_format_check (format, &error))
    {
      g_print ("%s: skipped: %s\n", name, error->message);
      return TRUE;
    }
  bpl_style_init_builtin (&style, BPL_THEME_LIGHT);
  bpl_animation_options_init (&options);
  options.kind = kind;
  options.n_steps = kind == BPL_ANIMATION_WALK ? 5 : 4;
  options.step_seconds = 1;
  options.fps = FPS;
  options.width = 1280;
  options.height = 720;
  options.select = "w3";

  cpu = cpu_seconds ();
  start = g_get_monotonic_time ();
  animation = bpl_animation_new (network, &options, &style, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bpl_animation_get_n_frames (animation), ==, (guint) (SECONDS * FPS));
  if (!bpl_media_write_animation (animation, format, BPL_GIF_PALETTE_PER_FRAME, path, NULL, NULL,
                                  NULL, &error))
    g_error ("%s", error->message);
  wall = (g_get_monotonic_time () - start) / 1e6;
  cpu = cpu_seconds () - cpu;
  g_stat (path, &st);
  g_print ("%-10s 1280×720, %.0f frames at %.0f fps (%.0f s): %.2f s (%.0f%% of playing it; "
           "processor %.2f s), %.0f KiB; target < %.0f s\n",
           name, SECONDS * FPS, FPS, SECONDS, wall, 100 * wall / SECONDS, cpu,
           st.st_size / 1024.0, SECONDS);
  g_unlink (path);
  return wall < SECONDS;
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = g_dir_make_tmp ("bpl-bench-animate-XXXXXX", NULL);
  gboolean ok = TRUE;

  setlocale (LC_ALL, "");
  bpl_diagram_use_own_font_config ();
  for (guint kind = BPL_ANIMATION_PLAY; kind <= BPL_ANIMATION_WALK; kind++)
    for (guint format = BPL_MEDIA_GIF; format <= BPL_MEDIA_MP4; format++)
      ok &= bench (dir, (BplAnimationKind) kind, (BplMediaFormat) format);
  g_rmdir (dir);
  return ok ? 0 : 1;
}

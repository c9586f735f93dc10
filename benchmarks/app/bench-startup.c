/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-startup: issue 4's "start-up to a visible window, and peak memory,
 * no more than 1.5× a minimal GTK 4 window measured the same way on the
 * same machine". Launches each program N times on the current display
 * (run under xvfb-run), alternating, and measures the time from spawn to
 * the first painted frame (the program prints CLOCK_MONOTONIC then) and
 * the peak resident set (wait4's rusage). Prints medians and the ratios;
 * exits 1 if a ratio is above 1.5.
 *
 *   bench-startup [--runs N] MINIMAL APP */
#include <glib.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct
{
  double ms;
  double rss_mib;
} Run;

static gboolean
run_once (const char *program,
          Run        *out)
{
  int fds[2];
  pid_t pid;
  gint64 start;
  char buf[256];
  ssize_t n;
  gsize len = 0;
  int status;
  struct rusage usage;
  gint64 frame = 0;
  char *line;

  if (pipe (fds) != 0)
    return FALSE;
  start = g_get_monotonic_time ();
  pid = fork ();
  if (pid == 0)
    {
      dup2 (fds[1], STDOUT_FILENO);
      close (fds[0]);
      close (fds[1]);
      execl (program, program, (char *) NULL);
      _exit (127);
    }
  close (fds[1]);
  while (len < sizeof buf - 1 && (n = read (fds[0], buf + len, sizeof buf - 1 - len)) > 0)
    len += (gsize) n;
  buf[len] = '\0';
  close (fds[0]);
  if (wait4 (pid, &status, 0, &usage) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_printerr ("%s: did not exit cleanly\n", program);
      return FALSE;
    }
  line = strstr (buf, "first-frame ");
  if (line == NULL || (frame = g_ascii_strtoll (line + 12, NULL, 10)) <= start)
    {
      g_printerr ("%s: no first-frame time in its output\n", program);
      return FALSE;
    }
  out->ms = (frame - start) / 1000.0;
  out->rss_mib = usage.ru_maxrss / 1024.0; /* kB on Linux */
  return TRUE;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *v,
        int     n)
{
  qsort (v, (size_t) n, sizeof *v, compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int
main (int   argc,
      char *argv[])
{
  int runs = 15;
  const char *programs[2];
  double ms[2][200], rss[2][200];
  double med_ms[2], med_rss[2];
  int argi = 1;

  /* "×" and "µ" would print as "?" in the C locale. */
  setlocale (LC_ALL, "");
  if (argc > 2 && g_str_equal (argv[1], "--runs"))
    {
      runs = CLAMP (atoi (argv[2]), 1, 200);
      argi = 3;
    }
  if (argc - argi != 2)
    {
      g_printerr ("usage: bench-startup [--runs N] MINIMAL APP\n");
      return 2;
    }
  programs[0] = argv[argi];
  programs[1] = argv[argi + 1];
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("no display: run under xvfb-run\n");
      return 77;
    }
  g_setenv ("BPL_EXIT_AFTER_FIRST_FRAME", "1", TRUE);
  g_setenv ("G_APPLICATION_NON_UNIQUE", "1", TRUE);

  /* One warm-up each (page cache, fontconfig cache), not counted. */
  for (int p = 0; p < 2; p++)
    {
      Run r;
      if (!run_once (programs[p], &r))
        return 1;
    }
  for (int i = 0; i < runs; i++)
    for (int p = 0; p < 2; p++)
      {
        Run r;
        if (!run_once (programs[p], &r))
          return 1;
        ms[p][i] = r.ms;
        rss[p][i] = r.rss_mib;
      }
  for (int p = 0; p < 2; p++)
    {
      med_ms[p] = median (ms[p], runs);
      med_rss[p] = median (rss[p], runs);
      g_print ("%-16s first frame %7.1f ms (min %.1f, max %.1f)   peak RSS %6.1f MiB\n",
               p == 0 ? "minimal window" : "backprop-lens", med_ms[p], ms[p][0], ms[p][runs - 1],
               med_rss[p]);
    }
  g_print ("ratio: start-up %.2fx, peak memory %.2fx (limit 1.5x), medians of %d runs\n",
           med_ms[1] / med_ms[0], med_rss[1] / med_rss[0], runs);
  return med_ms[1] / med_ms[0] <= 1.5 && med_rss[1] / med_rss[0] <= 1.5 ? 0 : 1;
}

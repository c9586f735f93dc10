/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Output from the code under test goes to /dev/null while fuzzing, so that
 * millions of runs do not flood the terminal; the fuzzer's own report is
 * written by libFuzzer to the original stderr. */
#include "config.h"

#include <fcntl.h>
#include <glib.h>
#include <unistd.h>

#include "fuzz-target.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  int null = open ("/dev/null", O_WRONLY);
  if (null >= 0 && g_getenv ("BPL_FUZZ_VERBOSE") == NULL)
    {
      dup2 (null, STDOUT_FILENO);
      close (null);
    }
  return 0;
}

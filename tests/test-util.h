/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-util.h: what the tests that write network files or run
 * backprop-lens-cli share: the worked example as a file, a temporary
 * folder, running a program with its output captured, and reading the
 * JSON it printed. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The worked example as a user would write it (the file). */
extern const char bpl_test_worked_json[];

/* Makes a fresh temporary folder from @template ("bpl-test-XXXXXX") and
 * returns its path, valid until bpl_test_tmp_dir_remove(). */
const char *bpl_test_tmp_dir_new    (const char *template);
/* @name inside that folder. */
char       *bpl_test_tmp_path       (const char *name);
/* Writes @contents to @name inside that folder. */
void        bpl_test_write_file     (const char *name,
                                     const char *contents);
/* Removes the folder and the files in it. */
void        bpl_test_tmp_dir_remove (void);

/* Runs @argv (NULL-terminated) and returns its exit status, asserting that
 * it exited rather than crashed; its standard output and error go to @out
 * and @err unless they are NULL, freeing what they held (start them NULL). */
int         bpl_test_run_argv       (const char *const *argv,
                                     char             **out,
                                     char             **err);
/* The same for @program with the arguments after @err, up to a NULL. */
int         bpl_test_run            (const char *program,
                                     char      **out,
                                     char      **err,
                                     ...) G_GNUC_NULL_TERMINATED;

/* @text parsed as JSON whose root is an object (asserted), a reference. */
JsonObject *bpl_test_parse_object   (const char *text);

G_END_DECLS

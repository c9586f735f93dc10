/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-worksheet-class.c: `backprop-lens-cli worksheet --students N`: a
 * PDF for the class, a student's pages headed with their name or number
 * and numbered on their own, an answer key whose every number for a
 * student is what `explain` prints for that student's network file
 * (--variants), reproducible from the seed, and the errors. The PDFs are
 * read back with pdftotext (skipped without it). */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "backprop-lens.h"
#include "test-util.h"

#define run_cli(out, err, ...) bpl_test_run (BPL_CLI_PATH, out, err, __VA_ARGS__)

static gboolean
have_pdftotext (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) not found");
      return FALSE;
    }
  return TRUE;
}

/* The text of each page, in order. */
static GStrv
pdf_pages (const char *path)
{
  const char *argv[] = { "pdftotext", path, "-", NULL };
  g_autofree char *text = NULL;
  g_auto (GStrv) pages = NULL;
  guint n;

  g_assert_cmpint (bpl_test_run_argv (argv, &text, NULL), ==, 0);
  pages = g_strsplit (text, "\f", -1);
  n = g_strv_length (pages);
  if (n > 0 && *pages[n - 1] == '\0')
    g_clear_pointer (&pages[n - 1], g_free);
  return g_steal_pointer (&pages);
}

/* A number as the worksheet shows it: 11 significant digits, typeset minus. */
static char *
shown (double value)
{
  return bpl_format_number_display (value, 11);
}

/* Every number `explain` gives for @param of @network_path appears on
 * @page: the gradient, the new value and each factor of each path. */
static void
assert_key_matches_explain (const char *page,
                            const char *network_path,
                            const char *param)
{
  g_autofree char *out = NULL;
  g_autoptr (JsonObject) root = NULL;
  JsonArray *paths;
  const char *values[] = { "gradient", "new_value" };

  g_assert_cmpint (run_cli (&out, NULL, "explain", "--format", "json", "--network", network_path,
                            param, NULL), ==, 0);
  root = bpl_test_parse_object (out);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *number = shown (json_object_get_double_member (root, values[i]));

      if (strstr (page, number) == NULL)
        g_error ("%s of %s: %s is not in the key:\n%s", values[i], network_path, number, page);
    }
  paths = json_object_get_array_member (root, "paths");
  g_assert_cmpuint (json_array_get_length (paths), >, 0);
  for (guint p = 0; p < json_array_get_length (paths); p++)
    {
      JsonObject *path = json_array_get_object_element (paths, p);
      JsonArray *factors = json_object_get_array_member (path, "factors");

      for (guint f = 0; f < json_array_get_length (factors); f++)
        {
          JsonObject *factor = json_array_get_object_element (factors, f);
          g_autofree char *number = shown (json_object_get_double_member (factor, "value"));

          if (strstr (page, number) == NULL)
            g_error ("a factor of %s: %s is not in the key", network_path, number);
        }
    }
}

/* The pages of @pages that belong to @title's block: from the page that
 * holds it to the next page with another "Answer key: " title. */
static char *
key_of (GStrv       pages,
        const char *title)
{
  GString *text = g_string_new (NULL);
  gboolean in = FALSE;

  for (guint i = 0; pages[i] != NULL; i++)
    {
      if (strstr (pages[i], "Answer key: ") != NULL)
        in = strstr (pages[i], title) != NULL;
      if (in)
        g_string_append (text, pages[i]);
    }
  g_assert_cmpuint (text->len, >, 0);
  return g_string_free (text, FALSE);
}

static void
test_class_of_30 (void)
{
  g_autofree char *sheet = bpl_test_tmp_path ("class.pdf");
  g_autofree char *key = bpl_test_tmp_path ("key.pdf");
  g_autofree char *dir = bpl_test_tmp_path ("");
  g_auto (GStrv) pages = NULL;
  g_auto (GStrv) key_pages = NULL;
  g_autofree char *summary = NULL;
  g_autoptr (GTimer) timer = g_timer_new ();
  guint page = 0;

  if (!have_pdftotext ())
    return;

  g_assert_cmpint (run_cli (NULL, NULL, "worksheet", "--select", "w3,w5", "--students", "30",
                            "--seed", "7", "--paper", "a4", "--answer-key", key, "--variants", dir,
                            "--output", sheet, NULL), ==, 0);
  /* 30 students of 2 parameters: a few seconds on a quiet machine. */
  g_test_message ("30 students: %.2f s", g_timer_elapsed (timer, NULL));
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 60);

  /* Each student's set: headed with the student on every page, numbered on its own. */
  pages = pdf_pages (sheet);
  for (guint s = 1; s <= 30; s++)
    {
      g_autofree char *name_line = g_strdup_printf ("Name: Student %u ", s);
      g_autofree char *header = g_strdup_printf ("Student %u\n", s);
      guint first = page;

      g_assert_nonnull (pages[page]);
      g_assert_nonnull (strstr (pages[page], name_line));
      do
        {
          g_autofree char *number = g_strdup_printf ("Page %u of ", page - first + 1);

          g_assert_true (g_str_has_prefix (pages[page], header));
          g_assert_nonnull (strstr (pages[page], number));
          /* The student's numbers are blanks: no answer key in their pages. */
          g_assert_null (strstr (pages[page], "Answer key"));
          page++;
        }
      while (pages[page] != NULL && strstr (pages[page], "Name: ") == NULL);
    }
  g_assert_null (pages[page]);

  /* The key: a summary, then each student's key, equal to `explain`. */
  key_pages = pdf_pages (key);
  summary = g_strjoinv ("", key_pages);
  g_assert_true (g_str_has_prefix (key_pages[0], "Class answer key: Worked example"));
  for (guint s = 1; s <= 30; s++)
    {
      g_autofree char *file = g_strdup_printf ("student-%02u.json", s);
      g_autofree char *path = bpl_test_tmp_path (file);
      g_autofree char *title = g_strdup_printf ("Answer key: Student %u\n", s);
      g_autofree char *block = key_of (key_pages, title);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      assert_key_matches_explain (block, path, "w3");
      assert_key_matches_explain (block, path, "w5");
    }
  {
    g_autofree char *past = bpl_test_tmp_path ("student-31.json");

    g_assert_false (g_file_test (past, G_FILE_TEST_EXISTS));
  }
}

/* Student 3's network is student 3's whatever the class size; another seed, another. */
static void
test_reproducible (void)
{
  g_autofree char *a = bpl_test_tmp_path ("a.pdf");
  g_autofree char *b = bpl_test_tmp_path ("b.pdf");
  g_autofree char *c = bpl_test_tmp_path ("c.pdf");
  g_autofree char *data_a = NULL, *data_b = NULL, *data_c = NULL;
  gsize len_a, len_b, len_c;

  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
  g_assert_cmpint (run_cli (NULL, NULL, "worksheet", "--students", "4", "--seed", "3", "--output",
                            a, NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "worksheet", "--students", "4", "--seed", "3", "--output",
                            b, NULL), ==, 0);
  g_assert_cmpint (run_cli (NULL, NULL, "worksheet", "--students", "4", "--seed", "4", "--output",
                            c, NULL), ==, 0);
  g_unsetenv ("SOURCE_DATE_EPOCH");
  g_assert_true (g_file_get_contents (a, &data_a, &len_a, NULL));
  g_assert_true (g_file_get_contents (b, &data_b, &len_b, NULL));
  g_assert_true (g_file_get_contents (c, &data_c, &len_c, NULL));
  g_assert_cmpmem (data_a, len_a, data_b, len_b);
  g_assert_false (len_a == len_c && memcmp (data_a, data_c, len_a) == 0);
}

static void
test_names (void)
{
  g_autofree char *names = bpl_test_tmp_path ("names.txt");
  g_autofree char *sheet = bpl_test_tmp_path ("named.pdf");
  g_autofree char *all = NULL;
  g_auto (GStrv) pages = NULL;
  g_autofree char *key = NULL;
  g_autofree char *err = NULL;

  if (!have_pdftotext ())
    return;

  bpl_test_write_file ("names.txt", "Ada Lovelace\r\n\r\n  Alan Turing  \nGrace Hopper\n");
  g_assert_cmpint (run_cli (NULL, NULL, "worksheet", "--select", "w1", "--names", names,
                            "--decimals", "3", "--output", sheet, NULL), ==, 0);
  pages = pdf_pages (sheet);
  all = g_strjoinv ("", pages);
  g_assert_nonnull (strstr (all, "Name: Ada Lovelace "));
  g_assert_nonnull (strstr (all, "Name: Alan Turing "));
  g_assert_nonnull (strstr (all, "Name: Grace Hopper "));
  g_assert_null (strstr (all, "Student 1"));
  /* Without --answer-key the class's key follows every worksheet. */
  key = key_of (pages, "Answer key: Grace Hopper\n");
  g_assert_nonnull (strstr (all, "Class answer key"));
  g_assert_true (g_strv_length (pages) > 3 * 3);

  /* --students must agree with the names. */
  g_assert_cmpint (run_cli (NULL, &err, "worksheet", "--names", names, "--students", "4",
                            "--output", sheet, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "names 3"));
}

static void
test_errors (void)
{
  g_autofree char *sheet = bpl_test_tmp_path ("bad.pdf");
  g_autofree char *missing = bpl_test_tmp_path ("missing.txt");
  g_autofree char *twice = bpl_test_tmp_path ("twice.txt");
  struct { int status; const char *message; const char *args[6]; } cases[] = {
    { 2, "for a class set", { "--seed", "3", NULL } },
    { 2, "for a class set", { "--variants", "x", NULL } },
    { 2, "--students 0 is out of range", { "--students", "0", NULL } },
    { 2, "--students 501 is out of range", { "--students", "501", NULL } },
    { 2, "--decimals 5 is out of range", { "--students", "2", "--decimals", "5", NULL } },
    { 2, "--seed -1 is out of range", { "--students", "2", "--seed", "-1", NULL } },
    /* One decimal has 9 positive values; the worked example gives 14. */
    { 1, "use more decimals", { "--students", "2", "--decimals", "1", NULL } },
    { 1, "missing.txt", { "--names", missing, NULL } },
    { 1, "twice.txt: line 2", { "--names", twice, NULL } },
  };

  bpl_test_write_file ("twice.txt", "Ada\nAda\n");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) argv = g_ptr_array_new ();
      g_autofree char *err = NULL;

      g_ptr_array_add (argv, BPL_CLI_PATH);
      g_ptr_array_add (argv, "worksheet");
      for (guint a = 0; cases[i].args[a] != NULL; a++)
        g_ptr_array_add (argv, (char *) cases[i].args[a]);
      g_ptr_array_add (argv, "--output");
      g_ptr_array_add (argv, sheet);
      g_ptr_array_add (argv, NULL);
      g_assert_cmpint (bpl_test_run_argv ((const char *const *) argv->pdata, NULL, &err), ==,
                       cases[i].status);
      if (strstr (err, cases[i].message) == NULL)
        g_error ("case %u: “%s” not in: %s", i, cases[i].message, err);
      g_assert_false (g_file_test (sheet, G_FILE_TEST_EXISTS));
    }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  bpl_test_tmp_dir_new ("bpl-test-class-XXXXXX");

  g_test_add_func ("/cli/worksheet-class/class-of-30", test_class_of_30);
  g_test_add_func ("/cli/worksheet-class/reproducible", test_reproducible);
  g_test_add_func ("/cli/worksheet-class/names", test_names);
  g_test_add_func ("/cli/worksheet-class/errors", test_errors);

  status = g_test_run ();
  bpl_test_tmp_dir_remove ();
  return status;
}

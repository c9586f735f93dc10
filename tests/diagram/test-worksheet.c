/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-worksheet.c: the worksheet PDF: written, reproducible, the values
 * where they belong (blanks on the question pages, numbers in the answer
 * key), page numbers that add up, errors; and `backprop-lens-cli worksheet`
 * exit statuses. The text is read back with pdftotext (skipped without it). */
#include "config.h"

#include <string.h>

#include "diagram-test-util.h"
#include "test-util.h"

/* w3⁺ of the worked example, at the default 11 significant digits. */
#define W3_NEW "0.24975114363"
#define BLANK "______"

/* Runs the built backprop-lens-cli with the arguments up to a NULL. */
#define run_cli(err, ...) bpl_test_run (BPL_CLI_PATH, NULL, err, __VA_ARGS__)

static const char *tmp_dir;

static gboolean
have_poppler (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");

  if (pdftotext == NULL || pdfinfo == NULL)
    {
      g_test_skip ("pdftotext or pdfinfo (poppler-utils) not found");
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
  /* pdftotext ends every page with a form feed: drop the empty tail. */
  n = g_strv_length (pages);
  if (n > 0 && *pages[n - 1] == '\0')
    g_clear_pointer (&pages[n - 1], g_free);
  return g_steal_pointer (&pages);
}

static char *
pdf_info (const char *path,
          const char *field)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_cmpint (bpl_test_run_argv (argv, &text, NULL), ==, 0);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], field) && lines[i][strlen (field)] == ':')
      return g_strstrip (g_strdup (lines[i] + strlen (field) + 1));
  return NULL;
}

/* Every page says "Page i of n", n being the real page count. */
static void
assert_page_numbers (GStrv pages)
{
  guint n = g_strv_length (pages);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", i + 1, n);

      g_assert_nonnull (strstr (pages[i], footer));
    }
}

static void
export (const BplNetwork *network,
        const char *const *names,
        gboolean           blanks,
        const char        *path)
{
  BplParam params[BPL_WORKSHEET_MAX_PARAMS];
  g_autoptr (GError) error = NULL;
  BplWorksheetOptions options;
  guint n = 0;

  for (; names[n] != NULL; n++)
    {
      g_assert_true (bpl_network_parse_param (network, names[n], &params[n], &error));
      g_assert_no_error (error);
    }
  bpl_worksheet_options_init (&options);
  options.blanks = blanks;
  g_assert_true (bpl_worksheet_export (network, params, n, &options, path, &error));
  g_assert_no_error (error);
}

static void
test_written_and_reproducible (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  const char *names[] = { "w3", "b1", NULL };
  g_autofree char *a = bpl_test_tmp_path ("a.pdf");
  g_autofree char *b = bpl_test_tmp_path ("b.pdf");
  g_autofree char *c = bpl_test_tmp_path ("c.pdf");
  g_autofree char *data_a = NULL, *data_b = NULL, *data_c = NULL;
  gsize len_a, len_b, len_c;

  /* The reproducible-builds date: the same bytes in any second, and from
   * the CLI, which inherits it. */
  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
  export (network, names, TRUE, a);
  export (network, names, TRUE, b);
  g_assert_cmpint (run_cli (NULL, "worksheet", "--select", "w3", "--select", "b1", "--blanks",
                            "--output", c, NULL), ==, 0);
  g_unsetenv ("SOURCE_DATE_EPOCH");
  g_assert_true (g_file_get_contents (a, &data_a, &len_a, NULL));
  g_assert_true (g_file_get_contents (b, &data_b, &len_b, NULL));
  g_assert_true (g_file_get_contents (c, &data_c, &len_c, NULL));
  g_assert_true (g_str_has_prefix (data_a, "%PDF"));
  g_assert_cmpmem (data_a, len_a, data_b, len_b);
  /* The CLI in another process writes the same bytes. */
  g_assert_cmpmem (data_a, len_a, data_c, len_c);
}

static void
test_answers (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  const char *names[] = { "w3", NULL };
  g_autofree char *path = bpl_test_tmp_path ("answers.pdf");
  g_autofree char *title = NULL;
  g_autofree char *size = NULL;
  g_auto (GStrv) pages = NULL;
  g_autofree char *all = NULL;

  if (!have_poppler ())
    return;

  export (network, names, FALSE, path);
  pages = pdf_pages (path);
  all = g_strjoinv ("", pages);
  g_assert_nonnull (strstr (all, "Backprop Lens worksheet: Worked example"));
  g_assert_nonnull (strstr (all, W3_NEW));
  g_assert_null (strstr (all, BLANK));
  g_assert_null (strstr (all, "Answer key"));
  /* Page 1: diagram, given values; then the forward pass and the steps. */
  g_assert_cmpuint (g_strv_length (pages), ==, 3);
  assert_page_numbers (pages);

  title = pdf_info (path, "Title");
  g_assert_cmpstr (title, ==, "Worked example worksheet");
  /* Issue 17: made now, not on 2024-01-01. */
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *created = pdf_info (path, "CreationDate");
    g_autofree char *year = g_date_time_format (now, " %Y UTC");

    g_assert_nonnull (created);
    g_assert_true (g_str_has_suffix (created, year));
    g_assert_null (strstr (created, "2024"));
  }
  size = pdf_info (path, "Page size");
  g_assert_true (g_str_has_prefix (size, "595 x 842 pts"));
}

/* All the text, every run of white space one space (table cells wrap). */
static char *
pdf_words (const char *path)
{
  g_auto (GStrv) pages = pdf_pages (path);
  g_autofree char *all = g_strjoinv (" ", pages);
  g_auto (GStrv) words = g_strsplit_set (all, " \n\t\f", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", words[i]);
  return g_string_free (out, FALSE);
}

/* Issue 17: the new b1 read as if training made it (update_biases is off),
 * and w5's one-path gradient was written as a sum and again as its value. */
static void
test_update_note_and_one_path (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  const char *names[] = { "w5", "b1", NULL };
  g_autofree char *path = bpl_test_tmp_path ("note.pdf");
  g_autofree char *words = NULL;

  if (!have_poppler ())
    return;

  export (network, names, FALSE, path);
  words = pdf_words (path);
  g_assert_nonnull (strstr (words, "Biases are not updated in this network (update_biases is off), so a "
                                   "training step leaves b1 at 0.35; if they were, b1⁺ would be:"));
  g_assert_null (strstr (words, "keeps its biases fixed"));
  g_assert_null (strstr (words, "∂Eo1/∂w5 = 0.082167040564"));
  g_assert_nonnull (strstr (words, "∂Etotal/∂w5 = ∂Eo1/∂w5"));
}

static void
test_blanks (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  const char *names[] = { "w3", NULL };
  g_autofree char *path = bpl_test_tmp_path ("blanks.pdf");
  g_auto (GStrv) pages = NULL;
  guint n, key = 0;

  if (!have_poppler ())
    return;

  export (network, names, TRUE, path);
  pages = pdf_pages (path);
  n = g_strv_length (pages);
  /* Questions: given values, forward pass, steps; answers: forward pass, steps. */
  g_assert_cmpuint (n, ==, 5);
  assert_page_numbers (pages);

  while (key < n && strstr (pages[key], "Answer key") == NULL)
    key++;
  g_assert_cmpuint (key, >, 0);
  g_assert_cmpuint (key, <, n);

  for (guint i = 0; i < key; i++)
    {
      g_assert_null (strstr (pages[i], W3_NEW));
      /* Nor any other computed value: out_h1 of the forward pass. */
      g_assert_null (strstr (pages[i], "0.59326999211"));
    }
  g_assert_nonnull (strstr (pages[1], BLANK));
  g_assert_nonnull (strstr (pages[key - 1], BLANK));
  /* The given values stay. */
  g_assert_nonnull (strstr (pages[0], "0.25"));

  {
    g_autofree char *answers = g_strjoinv ("", pages + key);

    g_assert_nonnull (strstr (answers, W3_NEW));
    g_assert_nonnull (strstr (answers, "0.59326999211"));
    g_assert_null (strstr (answers, BLANK));
  }
}

static void
test_deep_network (void)
{
  g_autofree char *file = g_build_filename (g_getenv ("BPL_SOURCE_ROOT"), "data", "networks",
                                            "deep.json", NULL);
  g_autofree char *path = bpl_test_tmp_path ("deep.pdf");
  g_autoptr (GError) error = NULL;
  g_autoptr (BplNetwork) network = bpl_network_load_from_file (file, &error);
  g_autoptr (BplDerivation) derivation = NULL;
  g_autofree char *new_value = NULL;
  const char *names[] = { "w1", "w30", NULL };
  g_auto (GStrv) pages = NULL;
  g_autofree char *all = NULL;

  g_assert_no_error (error);
  if (!have_poppler ())
    return;

  export (network, names, FALSE, path);
  pages = pdf_pages (path);
  assert_page_numbers (pages);
  all = g_strjoinv ("", pages);
  g_assert_nonnull (strstr (all, "Deeper network"));
  /* w1's table goes on over a page, under its heading again. */
  for (guint i = 1; pages[i] != NULL; i++)
    g_assert_true (strstr (pages[i], "Step") == NULL || strstr (pages[i], "Find") != NULL);
  g_assert_nonnull (strstr (all, "(continued)"));

  /* All eight of w1's paths are enumerated, and its new value is on the page. */
  derivation = bpl_derivation_new (network, (BplParam) { BPL_PARAM_WEIGHT, 0 }, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (derivation->n_paths, ==, 8);
  new_value = bpl_format_number (derivation->new_value, 11);
  /* The PDF has a typeset minus: compare the digits. */
  g_assert_nonnull (strstr (all, new_value + (new_value[0] == '-' ? 1 : 0)));
}

static void
test_errors (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autofree char *missing = g_build_filename (tmp_dir, "no", "such", "dir", "w.pdf", NULL);
  g_autofree char *path = bpl_test_tmp_path ("e.pdf");
  BplParam params[BPL_WORKSHEET_MAX_PARAMS + 1] = { { BPL_PARAM_WEIGHT, 0 } };
  g_autoptr (GError) error = NULL;
  BplWorksheetOptions options;

  g_assert_false (bpl_worksheet_export (network, params, 1, NULL, missing, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  bpl_worksheet_options_init (&options);
  options.sample = 5;
  g_assert_false (bpl_worksheet_export (network, params, 1, &options, path, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (bpl_worksheet_export (network, params, BPL_WORKSHEET_MAX_PARAMS + 1, NULL,
                                        path, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_cli (void)
{
  guint shape[] = { 4, 6, 3 };
  g_autoptr (BplNetwork) big = diagram_test_network (shape, 3, BPL_BIAS_PER_NEURON, 5);
  g_autofree char *big_path = bpl_test_tmp_path ("big.json");
  g_autofree char *pdf = bpl_test_tmp_path ("cli.pdf");
  g_autofree char *missing = g_build_filename (tmp_dir, "no", "dir", "cli.pdf", NULL);
  g_autoptr (GString) many = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;

  g_assert_true (bpl_network_save_to_file (big, big_path, &error));
  g_assert_no_error (error);
  for (guint w = 1; w <= BPL_WORKSHEET_MAX_PARAMS + 1; w++)
    g_string_append_printf (many, "%sw%u", w > 1 ? "," : "", w);

  /* OK: default selection (w1), blanks, another sample, theme, digits. */
  g_assert_cmpint (run_cli (NULL, "worksheet", "--output", pdf, NULL), ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run_cli (NULL, "worksheet", "--network", big_path, "--select", "w5,b2",
                            "--blanks", "--theme", "high-contrast", "--digits", "6", "--output",
                            pdf, NULL), ==, 0);

  /* Usage: 2. */
  g_assert_cmpint (run_cli (NULL, "worksheet", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, "worksheet", "--output", "w.png", NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, "worksheet", "--bogus", "--output", pdf, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, "worksheet", "--theme", "neon", "--output", pdf, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, "worksheet", "--digits", "0", "--output", pdf, NULL), ==, 2);
  g_assert_cmpint (run_cli (NULL, "worksheet", "--output", pdf, "extra", NULL), ==, 2);
  g_assert_cmpint (run_cli (&err, "worksheet", "--network", big_path, "--select", many->str,
                            "--output", pdf, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "at most"));
  g_clear_pointer (&err, g_free);

  /* Bad input: 1, naming what was wrong. */
  g_assert_cmpint (run_cli (&err, "worksheet", "--select", "w99", "--output", pdf, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "w99"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, "worksheet", "--sample", "2", "--output", pdf, NULL), ==, 1);
  g_assert_cmpint (run_cli (&err, "worksheet", "--network", "/nonexistent.json", "--output", pdf,
                            NULL), ==, 1);
  g_assert_nonnull (strstr (err, "nonexistent.json"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&err, "worksheet", "--output", missing, NULL), ==, 1);
  g_assert_nonnull (strstr (err, missing));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = bpl_test_tmp_dir_new ("bpl-worksheet-XXXXXX");

  g_test_add_func ("/diagram/worksheet/written-and-reproducible", test_written_and_reproducible);
  g_test_add_func ("/diagram/worksheet/answers", test_answers);
  g_test_add_func ("/diagram/worksheet/blanks", test_blanks);
  g_test_add_func ("/diagram/worksheet/update-note-and-one-path", test_update_note_and_one_path);
  g_test_add_func ("/diagram/worksheet/deep-network", test_deep_network);
  g_test_add_func ("/diagram/worksheet/errors", test_errors);
  g_test_add_func ("/diagram/worksheet/cli", test_cli);

  status = g_test_run ();
  bpl_test_tmp_dir_remove ();
  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-worksheet.c: the worksheet PDF: written, reproducible, the values
 * and formulas where they belong (blanks on the question pages, answers in
 * the answer key, after the questions or in a file of its own), A4 and US
 * Letter, page numbers that add up, pages packed without breaking what fits
 * on one, errors; and `backprop-lens-cli worksheet`. The text is read back
 * with pdftotext (skipped without it). */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bpl-sheet-private.h"
#include "diagram-test-util.h"
#include "test-util.h"

/* w3⁺ of the worked example, at the default 11 significant digits. */
#define W3_NEW "0.24975114363"
/* out_h1 of the forward pass, and ∂out_h2/∂net_h2 of w3's chain. */
#define OUT_H1 "0.59326999211"
#define DOUT_H2 "0.24061341725"
/* A derivative's formula and a chain of factors, as pdftotext reads them. */
#define FORMULA_OUT_H2 "outh2(1 − outh2)"
#define CHAIN_W3 "(∂neth2/∂w3)·(∂outh2/∂neth2)"
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
export_with (const BplNetwork          *network,
             const char *const         *names,
             const BplWorksheetOptions *options,
             const char                *path)
{
  BplParam params[BPL_WORKSHEET_MAX_PARAMS];
  g_autoptr (GError) error = NULL;
  guint n = 0;

  for (; names[n] != NULL; n++)
    {
      g_assert_true (bpl_network_parse_param (network, names[n], &params[n], &error));
      g_assert_no_error (error);
    }
  g_assert_true (bpl_worksheet_export (network, params, n, options, path, &error));
  g_assert_no_error (error);
}

static void
export (const BplNetwork  *network,
        const char *const *names,
        BplWorksheetBlanks blanks,
        const char        *path)
{
  BplWorksheetOptions options;

  bpl_worksheet_options_init (&options);
  options.blanks = blanks;
  export_with (network, names, &options, path);
}

/* The index of the first answer-key page (n when there is none). */
static guint
key_page (GStrv pages)
{
  guint key = 0;

  while (pages[key] != NULL && strstr (pages[key], "Answer key") == NULL)
    key++;
  return key;
}

/* How many times @needle occurs in @haystack. */
static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
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
  export (network, names, BPL_WORKSHEET_BLANKS_NUMBERS, a);
  export (network, names, BPL_WORKSHEET_BLANKS_NUMBERS, b);
  /* The CLI's paper follows the locale: ask for the library's default. */
  g_assert_cmpint (run_cli (NULL, "worksheet", "--select", "w3", "--select", "b1", "--blanks",
                            "--paper", "a4", "--output", c, NULL), ==, 0);
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

  export (network, names, BPL_WORKSHEET_BLANKS_NONE, path);
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

  export (network, names, BPL_WORKSHEET_BLANKS_NONE, path);
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
  guint n, key;

  if (!have_poppler ())
    return;

  export (network, names, BPL_WORKSHEET_BLANKS_NUMBERS, path);
  pages = pdf_pages (path);
  n = g_strv_length (pages);
  /* Questions: given values, forward pass, steps; answers: forward pass and
   * steps on one page. */
  g_assert_cmpuint (n, ==, 4);
  assert_page_numbers (pages);

  key = key_page (pages);
  g_assert_cmpuint (key, ==, 3);
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

/* What each kind of blanks asks for: on the question pages the asked-for
 * numbers or formulas are lines, the rest stays; the key has them all. */
static void
test_blank_kinds (void)
{
  static const struct
  {
    BplWorksheetBlanks blanks;
    gboolean           numbers_asked;
    gboolean           formulas_asked;
  } kinds[] = {
    { BPL_WORKSHEET_BLANKS_NUMBERS, TRUE, FALSE },
    { BPL_WORKSHEET_BLANKS_FORMULAS, FALSE, TRUE },
    { BPL_WORKSHEET_BLANKS_BOTH, TRUE, TRUE },
  };
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  const char *names[] = { "w3", NULL };

  if (!have_poppler ())
    return;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *name = g_strdup_printf ("kind-%u.pdf", k);
      g_autofree char *path = bpl_test_tmp_path (name);
      g_auto (GStrv) pages = NULL;
      g_autofree char *questions = NULL;
      g_autofree char *answers = NULL;
      const char *numbers[] = { W3_NEW, OUT_H1, DOUT_H2 };
      const char *formulas[] = { FORMULA_OUT_H2, CHAIN_W3 };
      guint key;

      export (network, names, kinds[k].blanks, path);
      pages = pdf_pages (path);
      assert_page_numbers (pages);
      key = key_page (pages);
      g_assert_cmpuint (key, >, 0);
      g_assert_cmpuint (key, <, g_strv_length (pages));
      answers = g_strjoinv ("", pages + key);
      g_clear_pointer (&pages[key], g_free);
      questions = g_strjoinv ("", pages);

      for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
        {
          g_assert_true ((strstr (questions, numbers[i]) == NULL) == kinds[k].numbers_asked);
          g_assert_nonnull (strstr (answers, numbers[i]));
        }
      for (guint i = 0; i < G_N_ELEMENTS (formulas); i++)
        {
          g_assert_true ((strstr (questions, formulas[i]) == NULL) == kinds[k].formulas_asked);
          g_assert_nonnull (strstr (answers, formulas[i]));
        }
      /* The question stays: the symbol whose formula is asked for. */
      g_assert_nonnull (strstr (questions, "∂outh2/∂neth2 ="));
      g_assert_nonnull (strstr (questions, BLANK));
      g_assert_null (strstr (answers, BLANK));
    }
}

/* US Letter: the page size, and everything on the shorter page (pdftotext
 * reads no text below the page's edge: the footers would go missing). */
static void
test_letter (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  const char *names[] = { "w3", "b1", NULL };
  g_autofree char *path = bpl_test_tmp_path ("letter.pdf");
  g_autofree char *size = NULL;
  g_auto (GStrv) pages = NULL;
  g_autofree char *all = NULL;
  BplWorksheetOptions options;

  if (!have_poppler ())
    return;

  bpl_worksheet_options_init (&options);
  g_assert_cmpint (options.paper, ==, BPL_PAPER_A4);
  options.paper = BPL_PAPER_LETTER;
  options.blanks = BPL_WORKSHEET_BLANKS_NUMBERS;
  export_with (network, names, &options, path);

  size = pdf_info (path, "Page size");
  g_assert_true (g_str_has_prefix (size, "612 x 792 pts"));
  pages = pdf_pages (path);
  assert_page_numbers (pages);
  all = g_strjoinv ("", pages);
  g_assert_nonnull (strstr (all, W3_NEW));
  g_assert_nonnull (strstr (all, "b1⁺ = b1 − η·∂Etotal/∂b1"));
}

/* The answer key in a file of its own: the worksheet ends with its
 * questions, the key starts at page 1 and says what it is. */
static void
test_answer_key_file (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  const char *names[] = { "w3", NULL };
  BplParam w3 = { BPL_PARAM_WEIGHT, 2 };
  g_autofree char *path = bpl_test_tmp_path ("questions.pdf");
  g_autofree char *key_path = bpl_test_tmp_path ("key.pdf");
  g_autofree char *other = bpl_test_tmp_path ("other.pdf");
  g_autofree char *title = NULL;
  g_auto (GStrv) pages = NULL;
  g_auto (GStrv) key_pages = NULL;
  g_autofree char *questions = NULL;
  g_autofree char *answers = NULL;
  g_autoptr (GError) error = NULL;
  BplWorksheetOptions options;

  if (!have_poppler ())
    return;

  bpl_worksheet_options_init (&options);
  options.blanks = BPL_WORKSHEET_BLANKS_BOTH;
  options.answer_key_path = key_path;
  export_with (network, names, &options, path);

  pages = pdf_pages (path);
  key_pages = pdf_pages (key_path);
  assert_page_numbers (pages);
  assert_page_numbers (key_pages);
  questions = g_strjoinv ("", pages);
  answers = g_strjoinv ("", key_pages);
  g_assert_null (strstr (questions, "Answer key"));
  g_assert_null (strstr (questions, W3_NEW));
  g_assert_null (strstr (questions, FORMULA_OUT_H2));
  g_assert_nonnull (strstr (questions, BLANK));
  g_assert_true (g_str_has_prefix (g_strchug (key_pages[0]), "Answer key: Worked example"));
  g_assert_nonnull (strstr (answers, W3_NEW));
  g_assert_nonnull (strstr (answers, FORMULA_OUT_H2));
  g_assert_nonnull (strstr (answers, OUT_H1));
  g_assert_null (strstr (answers, BLANK));
  title = pdf_info (key_path, "Title");
  g_assert_cmpstr (title, ==, "Worked example worksheet answer key");

  /* Without blanks there is nothing to answer; the key is not the worksheet. */
  options.blanks = BPL_WORKSHEET_BLANKS_NONE;
  options.answer_key_path = other;
  g_assert_false (bpl_worksheet_export (network, &w3, 1, &options, path, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  g_clear_error (&error);
  options.blanks = BPL_WORKSHEET_BLANKS_NUMBERS;
  options.answer_key_path = other;
  g_assert_false (bpl_worksheet_export (network, &w3, 1, &options, other, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
}

/* Several parameters share pages where they fit; one that fits on a page is
 * never broken over two. */
static void
test_packing (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  const char *names[] = { "w1", "w3", "w5", "b1", "b2", NULL };
  const char *whole[] = { "∂w1 and w1⁺ (continued)", "∂w3 and w3⁺ (continued)",
                          "∂w5 and w5⁺ (continued)", "∂b2 and b2⁺ (continued)" };
  g_autofree char *path = bpl_test_tmp_path ("packed.pdf");
  g_auto (GStrv) pages = NULL;
  g_autofree char *all = NULL;
  guint n, key, most = 0;

  if (!have_poppler ())
    return;

  export (network, names, BPL_WORKSHEET_BLANKS_NUMBERS, path);
  pages = pdf_pages (path);
  assert_page_numbers (pages);
  n = g_strv_length (pages);
  /* A page a section took 15 pages. */
  g_assert_cmpuint (n, <=, 12);
  all = g_strjoinv ("", pages);
  for (guint i = 0; i < G_N_ELEMENTS (whole); i++)
    g_assert_null (strstr (all, whole[i]));

  /* The answer key holds more than one section on a page. */
  key = key_page (pages);
  g_assert_cmpuint (key, <, n);
  for (guint i = key; i < n; i++)
    most = MAX (most, count (pages[i], "Find ∂Etotal"));
  g_assert_cmpuint (most, >=, 2);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A table's last row is never alone on a page, nor with only a group
 * heading: the row before it comes along. A row kept with the next goes
 * with it. */
static void
test_sheet_breaks (void)
{
  g_autofree char *path = bpl_test_tmp_path ("sheet.pdf");
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  static const double fraction[] = { 1.0 };
  static const char *const header[] = { "Header" };
  g_auto (GStrv) pages = NULL;

  if (!have_poppler ())
    return;

  for (guint kind = 0; kind < 2; kind++)
    {
      cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes,
                                                                      595, 842);
      cairo_t *cr = cairo_create (surface);
      g_autoptr (BplSheet) sheet = bpl_sheet_new (cr, 595, 842, 0);
      g_autoptr (BplSheetTable) table = bpl_sheet_table_new (1, fraction);

      bpl_sheet_table_set_header (table, header);
      for (guint i = 1; i <= 10; i++)
        {
          g_autofree char *text = g_strdup_printf ("row %u", i);
          const char *cells[] = { text };

          bpl_sheet_table_add_row (table, cells, FALSE);
          if (kind == 1 && i == 9)
            bpl_sheet_table_keep_with_next (table);
        }
      if (kind == 0)
        {
          const char *last[] = { "last row" };

          bpl_sheet_table_add_group (table, "Group heading");
          bpl_sheet_table_add_row (table, last, FALSE);
        }
      else
        {
          const char *more[] = { "row 11" };

          bpl_sheet_table_add_row (table, more, FALSE);
          bpl_sheet_table_add_row (table, more, FALSE);
        }

      /* Room for the header and rows 1 to 10 (kind 0) or 1 to 9 (kind 1). */
      bpl_sheet_text (sheet, "Filler", BPL_SHEET_BODY_SIZE, FALSE);
      bpl_sheet_skip (sheet, bpl_sheet_remaining (sheet)
                               - bpl_sheet_table_measure_start (sheet, table, 10 - kind) - 1);
      bpl_sheet_table_draw (sheet, table);
      bpl_sheet_finish (sheet);
      g_clear_pointer (&sheet, bpl_sheet_free);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      cairo_surface_destroy (surface);

      g_assert_true (g_file_set_contents (path, (const char *) bytes->data, bytes->len, NULL));
      pages = pdf_pages (path);
      g_assert_cmpuint (g_strv_length (pages), ==, 2);
      /* kind 0: row 10 goes with the group and the last row; kind 1: row 9
       * is kept with row 10, which does not fit. */
      g_assert_nonnull (strstr (pages[1], kind == 0 ? "row 10" : "row 9"));
      g_assert_null (strstr (pages[0], kind == 0 ? "row 10" : "row 9"));
      g_clear_pointer (&pages, g_strfreev);
      g_byte_array_set_size (bytes, 0);
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

  export (network, names, BPL_WORKSHEET_BLANKS_NONE, path);
  pages = pdf_pages (path);
  assert_page_numbers (pages);
  all = g_strjoinv ("", pages);
  g_assert_nonnull (strstr (all, "Deeper network"));
  /* w1's table goes on over a page, under its heading again. */
  for (guint i = 1; pages[i] != NULL; i++)
    g_assert_true (strstr (pages[i], "Step") == NULL || strstr (pages[i], "Find") != NULL);
  g_assert_nonnull (strstr (all, "(continued)"));
  /* Step numbers of two digits fit their column (a line of their own, not "2" over "0"). */
  g_assert_nonnull (strstr (all, "\n20\n"));

  /* All eight of w1's paths are enumerated, and its new value is on the page. */
  derivation = bpl_derivation_new (network, (BplParam) { BPL_PARAM_WEIGHT, 0 }, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (derivation->n_paths, ==, 8);
  new_value = bpl_format_number (derivation->new_value, 11);
  /* The PDF has a typeset minus: compare the digits. */
  g_assert_nonnull (strstr (all, new_value + (new_value[0] == '-' ? 1 : 0)));
}

/* Issue 11: Adam with L2 on a batch, and softmax. The penalty's line, the
 * mean over the batch and each of Adam's moments are rows with their
 * values, and the last row is Adam's update, not p − η·g; softmax's
 * collapse is a row of its own. Without numbers, the values are blanks. */
static void
test_optimizer_and_softmax (void)
{
  g_autofree char *file = g_build_filename (g_getenv ("BPL_SOURCE_ROOT"), "data", "networks",
                                            "xor-adam-l2.json", NULL);
  g_autofree char *softmax_file = g_build_filename (g_getenv ("BPL_SOURCE_ROOT"), "data", "networks",
                                                    "softmax.json", NULL);
  g_autofree char *path = bpl_test_tmp_path ("adam.pdf");
  g_autofree char *blank_path = bpl_test_tmp_path ("adam-blank.pdf");
  g_autofree char *softmax_path = bpl_test_tmp_path ("softmax.pdf");
  g_autoptr (GError) error = NULL;
  g_autoptr (BplNetwork) network = bpl_network_load_from_file (file, &error);
  g_autoptr (BplNetwork) softmax = bpl_network_load_from_file (softmax_file, &error);
  g_autoptr (BplDerivation) d = NULL;
  const char *names[] = { "w1", NULL };
  g_autofree char *words = NULL;
  g_autofree char *blank_words = NULL;
  g_autofree char *softmax_words = NULL;

  g_assert_no_error (error);
  if (!have_poppler ())
    return;

  export (network, names, BPL_WORKSHEET_BLANKS_NONE, path);
  export (network, names, BPL_WORKSHEET_BLANKS_NUMBERS, blank_path);
  words = pdf_words (path);
  {
    /* The student's pages, before the answer key. */
    g_auto (GStrv) pages = pdf_pages (blank_path);
    guint key = key_page (pages);
    GString *student = g_string_new (NULL);

    g_assert_cmpuint (key, <, g_strv_length (pages));
    for (guint i = 0; i < key; i++)
      g_string_append_printf (student, "%s ", pages[i]);
    blank_words = g_string_free (student, FALSE);
  }
  d = bpl_derivation_new (network, (BplParam) { BPL_PARAM_WEIGHT, 0 }, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (d->n_steps, ==, 6);
  for (guint i = 0; i < d->n_steps; i++)
    {
      g_autofree char *value = bpl_format_number (d->steps[i].value, 11);
      g_auto (GStrv) title = g_strsplit (d->steps[i].title, " ", 4);

      /* The first words of its title (the rest may wrap), and its value
       * (2.012367893e-08 is typeset 2.012367893×10⁻⁸: the mantissa). */
      g_assert_nonnull (strstr (words, title[0]));
      *strchrnul (value, 'e') = '\0';
      g_assert_nonnull (strstr (words, value + (value[0] == '-' ? 1 : 0)));
      g_assert_null (strstr (blank_words, value + (value[0] == '-' ? 1 : 0)));
    }
  g_assert_nonnull (strstr (words, "The penalty λ·R adds w1’s own term"));
  g_assert_nonnull (strstr (words, "One step of Adam"));
  g_assert_null (strstr (words, "One step of gradient descent"));
  g_assert_nonnull (strstr (words, "w1⁺ = w1 − η·m"));

  /* The given values: λ, β₁, β₂, ε; after a step, Adam's t and moments. */
  g_assert_nonnull (strstr (words, "λ = 0.0001"));
  g_assert_nonnull (strstr (words, "β1 = 0.9"));
  g_assert_nonnull (strstr (words, "ε = 1×10⁻⁸"));
  g_assert_null (strstr (words, "Adam’s moments before step t"));
  {
    g_autoptr (BplTrainer) trainer = bpl_trainer_new (network);
    g_autofree char *stepped_path = bpl_test_tmp_path ("adam-stepped.pdf");
    g_autofree char *stepped = NULL;
    g_autofree char *m = NULL;

    g_assert_true (bpl_trainer_step (trainer, network, NULL));
    export (network, names, BPL_WORKSHEET_BLANKS_NUMBERS, stepped_path);
    stepped = pdf_words (stepped_path);
    g_assert_nonnull (strstr (stepped, "Adam’s moments before step t"));
    /* pdftotext may read the short cell without its spaces. */
    g_assert_true (strstr (stepped, "t = 2") != NULL || strstr (stepped, "t=2") != NULL);
    m = bpl_format_number (bpl_network_get_optimizer_moment1 (network)[0], 11);
    g_assert_nonnull (strstr (stepped, m + (m[0] == '-' ? 1 : 0)));
  }

  export (softmax, names, BPL_WORKSHEET_BLANKS_NONE, softmax_path);
  softmax_words = pdf_words (softmax_path);
  g_assert_nonnull (strstr (softmax_words, "the error terms collapse"));
  g_assert_nonnull (strstr (softmax_words, "collapses to"));
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

/* --blanks takes what to leave blank (alone: numbers), --paper the size,
 * --answer-key a file for the key. */
static void
test_cli_options (void)
{
  g_autofree char *pdf = bpl_test_tmp_path ("options.pdf");
  g_autofree char *key = bpl_test_tmp_path ("options-key.pdf");
  g_autofree char *size = NULL;
  g_auto (GStrv) pages = NULL;
  g_autofree char *questions = NULL;
  g_autofree char *answers = NULL;

  if (!have_poppler ())
    return;

  g_assert_cmpint (run_cli (NULL, "worksheet", "--select", "w3", "--blanks=formulas", "--paper",
                            "letter", "--answer-key", key, "--output", pdf, NULL), ==, 0);
  size = pdf_info (pdf, "Page size");
  g_assert_true (g_str_has_prefix (size, "612 x 792 pts"));
  g_clear_pointer (&size, g_free);
  size = pdf_info (key, "Page size");
  g_assert_true (g_str_has_prefix (size, "612 x 792 pts"));
  g_clear_pointer (&size, g_free);
  pages = pdf_pages (pdf);
  questions = g_strjoinv ("", pages);
  g_clear_pointer (&pages, g_strfreev);
  pages = pdf_pages (key);
  answers = g_strjoinv ("", pages);
  g_clear_pointer (&pages, g_strfreev);
  /* Formulas asked, numbers given; the key in its own file. */
  g_assert_null (strstr (questions, FORMULA_OUT_H2));
  g_assert_nonnull (strstr (questions, W3_NEW));
  g_assert_null (strstr (questions, "Answer key"));
  g_assert_nonnull (strstr (answers, FORMULA_OUT_H2));
  g_clear_pointer (&questions, g_free);

  /* "--blanks both" as well as "--blanks=both". */
  g_assert_cmpint (run_cli (NULL, "worksheet", "--select", "w3", "--blanks", "both", "--paper",
                            "A4", "--output", pdf, NULL), ==, 0);
  size = pdf_info (pdf, "Page size");
  g_assert_true (g_str_has_prefix (size, "595 x 842 pts"));
  pages = pdf_pages (pdf);
  g_clear_pointer (&pages[key_page (pages)], g_free);
  questions = g_strjoinv ("", pages);
  g_assert_null (strstr (questions, FORMULA_OUT_H2));
  g_assert_null (strstr (questions, W3_NEW));
}

/* Without --paper the locale's paper size: US Letter in en_US. The locale
 * is compiled for the test (skipped where localedef or its source is
 * missing). */
static void
test_cli_locale_paper (void)
{
  g_autofree char *localedef = g_find_program_in_path ("localedef");
  g_autofree char *locales = bpl_test_tmp_path ("locales");
  g_autofree char *locale = g_build_filename (locales, "en_US.UTF-8", NULL);
  g_autofree char *locpath = g_strconcat ("LOCPATH=", locales, NULL);
  g_autofree char *pdf = bpl_test_tmp_path ("locale.pdf");
  g_autofree char *size = NULL;
  const char *compile[] = { "localedef", "-i", "en_US", "-f", "UTF-8", locale, NULL };
  const char *letter[] = { "env", locpath, "LC_ALL=en_US.UTF-8", BPL_CLI_PATH, "worksheet",
                           "--output", pdf, NULL };
  const char *a4[] = { "env", locpath, "LC_ALL=C", BPL_CLI_PATH, "worksheet", "--output", pdf,
                       NULL };
  const char *remove[] = { "rm", "-rf", locales, NULL };

  if (!have_poppler ())
    return;
  if (localedef == NULL || !g_file_test ("/usr/share/i18n/locales/en_US", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("localedef or the en_US locale source not found");
      return;
    }

  g_assert_cmpint (g_mkdir (locales, 0700), ==, 0);
  g_assert_cmpint (bpl_test_run_argv (compile, NULL, NULL), ==, 0);
  g_assert_cmpint (bpl_test_run_argv (letter, NULL, NULL), ==, 0);
  size = pdf_info (pdf, "Page size");
  g_assert_true (g_str_has_prefix (size, "612 x 792 pts"));
  g_clear_pointer (&size, g_free);
  g_assert_cmpint (bpl_test_run_argv (a4, NULL, NULL), ==, 0);
  size = pdf_info (pdf, "Page size");
  g_assert_true (g_str_has_prefix (size, "595 x 842 pts"));
  g_assert_cmpint (bpl_test_run_argv (remove, NULL, NULL), ==, 0);
}

/* A class set in process: each student's pages headed and numbered on
 * their own, the key after them all; bad classes refused. */
static void
test_class (void)
{
  g_autoptr (BplNetwork) network = bpl_network_new_worked_example ();
  g_autoptr (BplNetwork) other = bpl_network_copy (network);
  g_autoptr (BplNetwork) xor = NULL;
  g_autofree char *path = bpl_test_tmp_path ("class.pdf");
  const guint sizes[] = { 2, 3, 1 };
  BplParam w3 = { BPL_PARAM_WEIGHT, 2 };
  BplWorksheetStudent students[3] = {
    { network, "Ada" }, { other, "Alan" }, { NULL, "Grace" },
  };
  BplWorksheetOptions options;
  g_auto (GStrv) pages = NULL;
  GError *error = NULL;
  guint n;

  bpl_network_set_weight (other, 2, 0.35);
  bpl_worksheet_options_init (&options);
  options.blanks = BPL_WORKSHEET_BLANKS_NUMBERS;
  g_assert_true (bpl_worksheet_export_class (students, 2, &w3, 1, &options, path, &error));
  g_assert_no_error (error);

  if (have_poppler ())
    {
      pages = pdf_pages (path);
      n = g_strv_length (pages);
      g_assert_cmpuint (n, >, 6);
      g_assert_true (g_str_has_prefix (pages[0], "Ada\n"));
      g_assert_nonnull (strstr (pages[0], "Name: Ada "));
      g_assert_nonnull (strstr (pages[0], "Page 1 of 3"));
      g_assert_nonnull (strstr (pages[0], "Worked example worksheet · Ada · sample 1"));
      g_assert_true (g_str_has_prefix (pages[3], "Alan\n"));
      g_assert_nonnull (strstr (pages[3], "Page 1 of 3"));
      g_assert_true (g_str_has_prefix (pages[6], "Class answer key: Worked example"));
      g_assert_nonnull (strstr (pages[n - 1], "Answer key: Alan"));
      g_assert_nonnull (strstr (pages[n - 1], "Alan\n"));
    }

  /* b1 stays fixed in the worked example: its new value is marked, and said. */
  {
    BplParam b1 = { BPL_PARAM_BIAS, 0 };

    g_assert_true (bpl_worksheet_export_class (students, 2, &b1, 1, &options, path, &error));
    g_assert_no_error (error);
    if (have_poppler ())
      {
        g_autofree char *words = pdf_words (path);
        BplDerivation *d = bpl_derivation_new (network, b1, 0, NULL);
        g_autofree char *number = bpl_format_number_display (d->new_value, 11);
        g_autofree char *marked = g_strconcat (number, " *", NULL);

        bpl_derivation_free (d);
        g_assert_nonnull (strstr (words, marked));
        g_assert_nonnull (strstr (words, "* A training step of this network does otherwise"));
      }
  }

  /* None, too many, another shape, a sample the networks lack. */
  g_assert_false (bpl_worksheet_export_class (students, 0, &w3, 1, &options, path, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_LIMIT);
  g_clear_error (&error);
  xor = bpl_network_new (sizes, 3, BPL_BIAS_PER_LAYER, NULL);
  students[2].network = xor;
  g_assert_false (bpl_worksheet_export_class (students, 3, &w3, 1, &options, path, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "same shape"));
  g_clear_error (&error);
  options.sample = 1;
  g_assert_false (bpl_worksheet_export_class (students, 2, &w3, 1, &options, path, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_INVALID);
  g_clear_error (&error);
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
  g_test_add_func ("/diagram/worksheet/blank-kinds", test_blank_kinds);
  g_test_add_func ("/diagram/worksheet/letter", test_letter);
  g_test_add_func ("/diagram/worksheet/answer-key-file", test_answer_key_file);
  g_test_add_func ("/diagram/worksheet/packing", test_packing);
  g_test_add_func ("/diagram/worksheet/sheet-breaks", test_sheet_breaks);
  g_test_add_func ("/diagram/worksheet/deep-network", test_deep_network);
  g_test_add_func ("/diagram/worksheet/optimizer-and-softmax", test_optimizer_and_softmax);
  g_test_add_func ("/diagram/worksheet/errors", test_errors);
  g_test_add_func ("/diagram/worksheet/cli", test_cli);
  g_test_add_func ("/diagram/worksheet/cli-options", test_cli_options);
  g_test_add_func ("/diagram/worksheet/cli-locale-paper", test_cli_locale_paper);
  g_test_add_func ("/diagram/worksheet/class", test_class);

  status = g_test_run ();
  bpl_test_tmp_dir_remove ();
  return status;
}

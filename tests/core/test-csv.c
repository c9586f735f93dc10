/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-csv.c: CSV import: RFC 4180 quoting, choosing columns by name,
 * one-hot classes, and every refusal with its line and column. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "backprop-lens.h"
#include "test-util.h"

#define NAMES(...) ((const char *const[]) { __VA_ARGS__, NULL })

static BplDataset *
import (const char *text, const char *const *inputs, const char *const *targets, gboolean one_hot)
{
  g_autoptr (GError) error = NULL;
  BplDataset *d = bpl_csv_import (text, strlen (text), "data.csv", inputs, targets, one_hot, &error);

  g_assert_no_error (error);
  g_assert_nonnull (d);
  return d;
}

static void
test_basic (void)
{
  /* Targets left of the inputs, a column not chosen, values as written. */
  g_autoptr (BplDataset) d = import ("y,note,x1,x2\n"
                                     "0.1,first,1,2\n"
                                     "-0.5,second,3.25,-4e-3\n"
                                     "1e2,,0.30000000000000004,+7\n",
                                     NAMES ("x1", "x2"), NAMES ("y"), FALSE);

  g_assert_cmpstr (d->name, ==, "data");
  g_assert_cmpuint (d->n_inputs, ==, 2);
  g_assert_cmpuint (d->n_targets, ==, 1);
  g_assert_cmpstr (d->input_names[0], ==, "x1");
  g_assert_cmpstr (d->input_names[1], ==, "x2");
  g_assert_cmpstr (d->target_names[0], ==, "y");
  g_assert_cmpuint (d->n_samples, ==, 3);
  g_assert_cmpuint (d->n_test_samples, ==, 0);
  g_assert_false (d->classification);
  g_assert_cmpfloat (d->inputs[0], ==, 1);
  g_assert_cmpfloat (d->inputs[1], ==, 2);
  g_assert_cmpfloat (d->inputs[2], ==, 3.25);
  g_assert_cmpfloat (d->inputs[3], ==, -4e-3);
  g_assert_cmpfloat (d->inputs[4], ==, 0.30000000000000004);
  g_assert_cmpfloat (d->inputs[5], ==, 7);
  g_assert_cmpfloat (d->targets[0], ==, 0.1);
  g_assert_cmpfloat (d->targets[1], ==, -0.5);
  g_assert_cmpfloat (d->targets[2], ==, 100);
}

static void
test_quoting (void)
{
  /* A byte order mark, CRLF, quoted names with commas and quotes, a
   * quoted number, blanks around fields, blank lines, a line break inside
   * a quoted field, no newline at the end. */
  g_autoptr (BplDataset) d = import ("\xef\xbb\xbf\"width, cm\",\"the \"\"label\"\"\", other \r\n"
                                     "\r\n"
                                     " 1.5 , 0 ,\"a\r\nb\"\r\n"
                                     "   \t \n"
                                     "\"2\",1,  \"c,d\"  \r\n"
                                     "3,0,x",
                                     NAMES ("width, cm"), NAMES ("the \"label\""), FALSE);

  g_assert_cmpuint (d->n_samples, ==, 3);
  g_assert_cmpfloat (d->inputs[0], ==, 1.5);
  g_assert_cmpfloat (d->inputs[1], ==, 2);
  g_assert_cmpfloat (d->inputs[2], ==, 3);
  g_assert_cmpfloat (d->targets[1], ==, 1);
  /* Every target 0 or 1: classification. */
  g_assert_true (d->classification);
}

static void
test_one_hot (void)
{
  g_autoptr (BplDataset) text = import ("a,species\n"
                                        "1,versicolor\n"
                                        "2,setosa\n"
                                        "3,\"virginica\"\n"
                                        "4,setosa\n",
                                        NAMES ("a"), NAMES ("species"), TRUE);
  g_autoptr (BplDataset) numbers = import ("a,digit\n1,10\n2,9\n3,2.5\n4,9\n", NAMES ("a"), NAMES ("digit"), TRUE);
  const double expected[] = { 0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0 };
  const double expected_numbers[] = { 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1, 0 };

  /* By text: setosa, versicolor, virginica. */
  g_assert_cmpuint (text->n_targets, ==, 3);
  g_assert_cmpstr (text->target_names[0], ==, "setosa");
  g_assert_cmpstr (text->target_names[1], ==, "versicolor");
  g_assert_cmpstr (text->target_names[2], ==, "virginica");
  g_assert_null (text->target_names[3]);
  g_assert_true (text->classification);
  g_assert_cmpmem (text->targets, sizeof expected, expected, sizeof expected);

  /* By value: 2.5, 9, 10 (not "10" < "2.5" < "9"). */
  g_assert_cmpstr (numbers->target_names[0], ==, "2.5");
  g_assert_cmpstr (numbers->target_names[1], ==, "9");
  g_assert_cmpstr (numbers->target_names[2], ==, "10");
  g_assert_cmpmem (numbers->targets, sizeof expected_numbers, expected_numbers, sizeof expected_numbers);

  /* The split then keeps rows whole. */
  {
    g_autoptr (GError) error = NULL;
    g_assert_true (bpl_dataset_split (text, 0.5, 3, &error));
    g_assert_cmpuint (text->n_samples, ==, 2);
    g_assert_cmpuint (text->n_test_samples, ==, 2);
    for (guint s = 0; s < 2; s++)
      {
        double sum = 0;
        for (guint k = 0; k < 3; k++)
          sum += text->test_targets[3 * s + k];
        g_assert_cmpfloat (sum, ==, 1);
      }
  }
}

typedef struct
{
  const char *text;
  const char *const *inputs;
  const char *const *targets;
  gboolean one_hot;
  BplError code;
  const char *message;   /* the whole message */
} Refusal;

static void
expect_refusal (const Refusal *r, gsize length)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BplDataset) d = bpl_csv_import (r->text, length, "data.csv", r->inputs, r->targets, r->one_hot, &error);

  g_assert_null (d);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (error->domain != BPL_ERROR || error->code != (gint) r->code || !g_str_equal (error->message, r->message))
    g_error ("for %s\nexpected code %d “%s”,\n   found code %d “%s”", r->text, r->code, r->message, error->code,
             error->message);
}

static void
test_refusals (void)
{
  const Refusal cases[] = {
    { "", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_PARSE,
      "data.csv: the file is empty; a CSV file starts with a header row of column names" },
    { "\n \r\n\t\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_PARSE,
      "data.csv: the file has only blank lines; a CSV file starts with a header row of column names" },
    { "x,y\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_FORMAT, "data.csv: no data rows below the header" },
    { "x,y\n1,2\n3,\"4\n5,6\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_PARSE,
      "data.csv: line 3, column 2 (y): the quoted field that starts here is never closed: a \" is missing" },
    { "x,\"y\n1,2\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_PARSE,
      "data.csv: line 1, column 2: the quoted field that starts here is never closed: a \" is missing" },
    { "x,y\n1,\"2\"3\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_PARSE,
      "data.csv: line 2, column 2 (y): text after the closing quote; a quoted field ends at its closing \" "
      "(write a \" inside quotes as \"\")" },
    { "x,y\n1,2\"\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_PARSE,
      "data.csv: line 2, column 2 (y): a \" inside a field that does not start with one; put the whole field "
      "in quotes and write the \" inside as \"\"" },
    { "x,y,z\n1,2,3\n4,5\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_PARSE,
      "data.csv: line 3, column 3 (z): missing: this row has 2 fields, the header 3" },
    { "x,y\n1,2,3\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_PARSE,
      "data.csv: line 2, column 3: one field too many: the header has 2 columns (is there a comma too many, or "
      "a comma inside a field that needs quotes?)" },
    { "x,y\n1,2\n3,abc\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_FORMAT,
      "data.csv: line 3, column 2 (y): “abc” is not a number; a column of class names needs one-hot targets" },
    { "x,y\n1,2\nabc,3\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_FORMAT,
      "data.csv: line 3, column 1 (x): “abc” is not a number" },
    { "x,y\n\"1,5\",2\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_FORMAT,
      "data.csv: line 2, column 1 (x): “1,5” is not a number: write decimals with a point (1.5)" },
    { "x,y\n0x10,2\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_FORMAT,
      "data.csv: line 2, column 1 (x): “0x10” is not a number" },
    { "x,y\n1e,2\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_FORMAT,
      "data.csv: line 2, column 1 (x): “1e” is not a number" },
    { "x,y\n.,2\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_FORMAT,
      "data.csv: line 2, column 1 (x): “.” is not a number" },
    { "x,y\n,2\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_FORMAT,
      "data.csv: line 2, column 1 (x): empty; a number is needed" },
    { "x,y\nNaN,2\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_NOT_FINITE,
      "data.csv: line 2, column 1 (x): “NaN” is not a finite number; a data set holds finite numbers only" },
    { "x,y\n1,-Infinity\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_NOT_FINITE,
      "data.csv: line 2, column 2 (y): “-Infinity” is not a finite number; a data set holds finite numbers only" },
    { "x,y\n1,inf\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_NOT_FINITE,
      "data.csv: line 2, column 2 (y): “inf” is not a finite number; a data set holds finite numbers only" },
    { "x,y\n1e999,2\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_NOT_FINITE,
      "data.csv: line 2, column 1 (x): “1e999” is not a finite number; a data set holds finite numbers only" },
    { "x,y\n1,-2e9\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_LIMIT,
      "data.csv: line 2, column 2 (y): -2e9 is beyond the ±1e+09 a network may hold" },
    { "x,y\n1,2\n", NAMES ("x"), NAMES ("z"), FALSE, BPL_ERROR_FORMAT,
      "data.csv: line 1: no column “z” in the header; its columns are x, y" },
    { "x;y\n1;2\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_FORMAT,
      "data.csv: line 1: no column “x” in the header; its columns are x;y (the header is one column: are its "
      "values separated by semicolons or tabs? Backprop Lens reads comma-separated values)" },
    { "x,y,x\n1,2,3\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_FORMAT,
      "data.csv: line 1: the header names column 1 and column 3 both “x”; rename one so that it can be chosen" },
    { "x,y\n1,2\n", NAMES ("x"), NAMES ("x"), FALSE, BPL_ERROR_INVALID,
      "data.csv: column “x” is chosen twice; each column is an input, a target or neither" },
    { "x,y\n1,2\n", NAMES ("x", "x"), NAMES ("y"), FALSE, BPL_ERROR_INVALID,
      "data.csv: column “x” is chosen twice; each column is an input, a target or neither" },
    { "x,y\n1,2\n", NAMES (""), NAMES ("y"), FALSE, BPL_ERROR_INVALID, "data.csv: a column name is empty" },
    { "x,y,z\n1,2,3\n", NAMES ("x"), NAMES ("y", "z"), TRUE, BPL_ERROR_INVALID,
      "data.csv: one-hot targets come from one column of class labels, not 2 columns" },
    { "x,y\n1,a\n2,a\n", NAMES ("x"), NAMES ("y"), TRUE, BPL_ERROR_FORMAT,
      "data.csv: every row has the class “a”; one-hot targets need two classes or more" },
    { "x,y\n1,a\n2,\"\"\n", NAMES ("x"), NAMES ("y"), TRUE, BPL_ERROR_FORMAT,
      "data.csv: line 3, column 2 (y): empty; every row needs a class" },
    { "x,y\n1,2\n\xff,3\n", NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_PARSE,
      "data.csv: line 3: not UTF-8 text (save the file as UTF-8)" },
    /* Errors after a line break inside quotes count physical lines. */
    { "x,y\n1,\"a\nb\"\n2,c\n", NAMES ("y"), NAMES ("x"), FALSE, BPL_ERROR_FORMAT,
      "data.csv: line 2, column 2 (y): “a\\x0ab” is not a number" },
    { "x,label\n1,\"a\nb\"\n2,\"c\"d\n", NAMES ("x"), NAMES ("label"), TRUE, BPL_ERROR_PARSE,
      "data.csv: line 4, column 2 (label): text after the closing quote; a quoted field ends at its closing \" "
      "(write a \" inside quotes as \"\")" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    expect_refusal (&cases[c], strlen (cases[c].text));

  /* Choosing nothing. */
  {
    const Refusal none = { "x,y\n1,2\n", NAMES (NULL), NAMES ("y"), FALSE, BPL_ERROR_INVALID,
                           "data.csv: choose at least one input column and one target column" };
    expect_refusal (&none, strlen (none.text));
  }
}

static void
test_limits (void)
{
  GString *text = g_string_new ("x,y\n");
  GString *classes = g_string_new ("x,y\n");
  GString *wide = g_string_new (NULL);
  g_autoptr (BplDataset) d = NULL;
  g_autoptr (GError) error = NULL;

  /* 4096 rows are fine; the 4097th is refused at its line. */
  for (guint s = 0; s < BPL_DATASET_MAX_POINTS; s++)
    g_string_append_printf (text, "%u,%u\n", s, s % 2);
  d = import (text->str, NAMES ("x"), NAMES ("y"), FALSE);
  g_assert_cmpuint (d->n_samples, ==, BPL_DATASET_MAX_POINTS);
  g_assert_true (d->classification);
  g_string_append (text, "1,2\n");
  {
    const Refusal r = { text->str, NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_LIMIT,
                        "data.csv: line 4098: more than 4096 data rows; a data set holds at most 4096 points" };
    expect_refusal (&r, text->len);
  }

  /* BPL_MAX_LAYER_SIZE classes are fine, the next is refused. */
  for (guint s = 0; s <= BPL_MAX_LAYER_SIZE; s++)
    g_string_append_printf (classes, "%u,class %u\n", s, s);
  {
    const Refusal r = { classes->str, NAMES ("x"), NAMES ("y"), TRUE, BPL_ERROR_LIMIT,
                        "data.csv: line 1026, column 2 (y): more than 1024 classes; a network has at most 1024 outputs" };
    expect_refusal (&r, classes->len);
  }

  /* 1025 columns. */
  for (guint c = 0; c <= BPL_CSV_MAX_COLUMNS; c++)
    g_string_append_printf (wide, "%sc%u", c ? "," : "", c);
  {
    const Refusal r = { wide->str, NAMES ("c0"), NAMES ("c1"), FALSE, BPL_ERROR_LIMIT,
                        "data.csv: line 1, column 1025: more than 1024 columns; a CSV file may have at most that many" };
    expect_refusal (&r, wide->len);
  }

  /* Over 16 MiB: refused before reading. */
  {
    gsize length = BPL_CSV_MAX_SIZE + 1;
    g_autofree char *huge = g_malloc (length);
    const Refusal r = { huge, NAMES ("x"), NAMES ("y"), FALSE, BPL_ERROR_LIMIT,
                        "data.csv: 16777217 bytes is larger than the 16 MiB a CSV file may have" };
    memset (huge, '1', length);
    expect_refusal (&r, length);
  }

  g_string_free (text, TRUE);
  g_string_free (classes, TRUE);
  g_string_free (wide, TRUE);
}

static void
test_file (void)
{
  g_autofree char *dir = g_strdup (bpl_test_tmp_dir_new ("bpl-test-csv-XXXXXX"));
  g_autofree char *path = bpl_test_tmp_path ("iris.csv");
  g_autofree char *missing = bpl_test_tmp_path ("missing.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (BplDataset) d = NULL;

  bpl_test_write_file ("iris.csv", "length,species\n5.1,setosa\n7.0,versicolor\n");
  d = bpl_csv_import_file (path, NAMES ("length"), NAMES ("species"), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (d->name, ==, "iris");
  g_assert_cmpuint (d->n_targets, ==, 2);

  g_assert_null (bpl_csv_import_file (missing, NAMES ("length"), NAMES ("species"), TRUE, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, missing));
  g_clear_error (&error);

  g_assert_null (bpl_csv_import_file (dir, NAMES ("length"), NAMES ("species"), TRUE, &error));
  g_assert_error (error, BPL_ERROR, BPL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "is a folder"));
  g_clear_error (&error);

  /* Errors inside the file name it. */
  bpl_test_write_file ("bad.csv", "length,species\n5.1\n");
  {
    g_autofree char *bad = bpl_test_tmp_path ("bad.csv");
    g_assert_null (bpl_csv_import_file (bad, NAMES ("length"), NAMES ("species"), TRUE, &error));
    g_assert_true (g_str_has_prefix (error->message, bad));
    g_assert_nonnull (strstr (error->message, ": line 2, column 2 (species): missing"));
  }

  bpl_test_tmp_dir_remove ();
}

/* The header's names, for the window's Import CSV… to offer. */
static void
test_columns (void)
{
  const char *text = "\xef\xbb\xbfx, \"y, cm\" ,species\r\n1,2,a\n";
  g_auto (GStrv) columns = bpl_csv_read_columns (text, strlen (text), "t.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) none = NULL;

  g_assert_nonnull (columns);
  g_assert_cmpuint (g_strv_length (columns), ==, 3);
  g_assert_cmpstr (columns[0], ==, "x");
  g_assert_cmpstr (columns[1], ==, "y, cm");
  g_assert_cmpstr (columns[2], ==, "species");
  none = bpl_csv_read_columns ("\n\n", 2, "blank.csv", &error);
  g_assert_null (none);
  g_assert_error (error, BPL_ERROR, BPL_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "blank.csv"));
  g_clear_error (&error);
  g_assert_null (bpl_csv_read_columns ("a,\"b\n", 5, "open.csv", &error));
  g_assert_nonnull (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/csv/basic", test_basic);
  g_test_add_func ("/core/csv/columns", test_columns);
  g_test_add_func ("/core/csv/quoting", test_quoting);
  g_test_add_func ("/core/csv/one-hot", test_one_hot);
  g_test_add_func ("/core/csv/refusals", test_refusals);
  g_test_add_func ("/core/csv/limits", test_limits);
  g_test_add_func ("/core/csv/file", test_file);

  return g_test_run ();
}

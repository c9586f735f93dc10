/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CSV import: a reader of RFC 4180 records that keeps the line and column
 * of every field, so that each refusal says where the problem is, and the
 * conversion of the chosen columns into a data set. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "bpl-csv.h"
#include "bpl-error.h"
#include "bpl-file-private.h"
#include "bpl-network-private.h"

/* Names and values quoted in messages are cut to this many characters. */
#define SHOWN_CHARS 40
/* The header's names listed when a column is not found. */
#define LISTED_COLUMNS 12

typedef struct
{
  const char *source;       /* display name for messages */
  const char *data;
  gsize       length;
  gsize       pos;
  guint       line;         /* physical line at pos, from 1 */
  GString    *text;         /* the current record's fields, each ending in NUL */
  GArray     *starts;       /* gsize: where each field starts in text */
  GArray     *lines;        /* guint: the line each field starts on */
  guint       record_line;  /* the line the current record starts on */
  guint       end_line;     /* and the line it ends on */
  char      **header;       /* the column names, NULL-terminated */
  GError    **error;
} Csv;

static gboolean G_GNUC_PRINTF (3, 4)
fail (Csv *csv, BplError code, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (csv->error, BPL_ERROR, code, "%s: %s", csv->source, message);
  return FALSE;
}

/* "line 7, column 3 (petal_length): …"; the name once the header is known. */
static gboolean G_GNUC_PRINTF (5, 6)
fail_at (Csv *csv, BplError code, guint line, guint column, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (csv->header != NULL && column >= 1 && column <= g_strv_length (csv->header) &&
      csv->header[column - 1][0] != '\0')
    {
      g_autofree char *name = bpl_shorten_for_message (csv->header[column - 1], SHOWN_CHARS);
      g_set_error (csv->error, BPL_ERROR, code, _("%s: line %u, column %u (%s): %s"), csv->source, line, column,
                   name, message);
    }
  else
    g_set_error (csv->error, BPL_ERROR, code, _("%s: line %u, column %u: %s"), csv->source, line, column, message);
  return FALSE;
}

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static inline gboolean
is_line_end (char c)
{
  return c == '\n' || c == '\r';
}

/* Past one line ending: CRLF, LF or a lone CR. */
static void
skip_line_end (Csv *csv)
{
  if (csv->data[csv->pos] == '\r' && csv->pos + 1 < csv->length && csv->data[csv->pos + 1] == '\n')
    csv->pos++;
  csv->pos++;
  csv->line++;
}

/* Past lines that hold nothing but blanks. */
static void
skip_blank_lines (Csv *csv)
{
  for (;;)
    {
      gsize p = csv->pos;
      while (p < csv->length && is_blank (csv->data[p]))
        p++;
      if (p < csv->length && !is_line_end (csv->data[p]))
        return;
      csv->pos = p;
      if (p >= csv->length)
        return;
      skip_line_end (csv);
    }
}

static gboolean
read_quoted (Csv *csv, guint field_line, guint column)
{
  const char *d = csv->data;

  for (;;)
    {
      char c;

      if (csv->pos >= csv->length)
        return fail_at (csv, BPL_ERROR_PARSE, field_line, column,
                        _("the quoted field that starts here is never closed: a \" is missing"));
      c = d[csv->pos];
      if (c == '"')
        {
          if (csv->pos + 1 < csv->length && d[csv->pos + 1] == '"')
            {
              g_string_append_c (csv->text, '"');
              csv->pos += 2;
              continue;
            }
          csv->pos++;
          break;
        }
      if (c == '\n' || (c == '\r' && !(csv->pos + 1 < csv->length && d[csv->pos + 1] == '\n')))
        csv->line++;
      g_string_append_c (csv->text, c);
      csv->pos++;
    }

  while (csv->pos < csv->length && is_blank (d[csv->pos]))
    csv->pos++;
  if (csv->pos < csv->length && d[csv->pos] != ',' && !is_line_end (d[csv->pos]))
    return fail_at (csv, BPL_ERROR_PARSE, csv->line, column,
                    _("text after the closing quote; a quoted field ends at its closing \" (write a \" inside "
                    "quotes as \"\")"));
  return TRUE;
}

static gboolean
read_unquoted (Csv *csv, guint column)
{
  const char *d = csv->data;
  gsize begin = csv->pos, end;

  while (csv->pos < csv->length && d[csv->pos] != ',' && !is_line_end (d[csv->pos]))
    {
      if (d[csv->pos] == '"')
        return fail_at (csv, BPL_ERROR_PARSE, csv->line, column,
                        _("a \" inside a field that does not start with one; put the whole field in quotes "
                        "and write the \" inside as \"\""));
      csv->pos++;
    }
  end = csv->pos;
  while (begin < end && is_blank (d[begin]))
    begin++;
  while (end > begin && is_blank (d[end - 1]))
    end--;
  g_string_append_len (csv->text, d + begin, (gssize) (end - begin));
  return TRUE;
}

/* The next record into text, starts and lines: 1 for a record, 0 at the
 * end of the data, −1 with the error set. */
static int
read_record (Csv *csv)
{
  skip_blank_lines (csv);
  if (csv->pos >= csv->length)
    return 0;

  g_string_truncate (csv->text, 0);
  g_array_set_size (csv->starts, 0);
  g_array_set_size (csv->lines, 0);
  csv->record_line = csv->line;

  for (;;)
    {
      guint column = csv->starts->len + 1;
      gsize start = csv->text->len;
      guint field_line = csv->line;
      gsize p = csv->pos;

      if (column > BPL_CSV_MAX_COLUMNS)
        return fail_at (csv, BPL_ERROR_LIMIT, csv->line, column, _("more than %d columns; a CSV file may have "
                        "at most that many"), BPL_CSV_MAX_COLUMNS), -1;
      g_array_append_val (csv->starts, start);
      g_array_append_val (csv->lines, field_line);

      while (p < csv->length && is_blank (csv->data[p]))
        p++;
      if (p < csv->length && csv->data[p] == '"')
        {
          csv->pos = p + 1;
          if (!read_quoted (csv, field_line, column))
            return -1;
        }
      else if (!read_unquoted (csv, column))
        return -1;
      g_string_append_c (csv->text, '\0');

      csv->end_line = csv->line;
      if (csv->pos >= csv->length)
        return 1;
      if (csv->data[csv->pos] == ',')
        {
          csv->pos++;
          continue;
        }
      skip_line_end (csv);
      return 1;
    }
}

static inline const char *
field (Csv *csv, guint i)
{
  return csv->text->str + g_array_index (csv->starts, gsize, i);
}

static inline guint
field_line (Csv *csv, guint i)
{
  return g_array_index (csv->lines, guint, i);
}

typedef enum {
  NUMBER_OK,
  NUMBER_EMPTY,
  NUMBER_SYNTAX,
  NUMBER_NOT_FINITE,
  NUMBER_TOO_LARGE,
} NumberResult;

/* A decimal number: [+-] digits [. digits] [e [+-] digits], as written by
 * spreadsheets and scripts in the C locale. Hexadecimal, "nan" and "inf",
 * which strtod would take, are refused. */
static NumberResult
parse_number (const char *text, double *out)
{
  const char *p = text;
  const char *word;
  guint digits = 0;
  double v;

  if (*p == '\0')
    return NUMBER_EMPTY;
  if (*p == '+' || *p == '-')
    p++;
  word = p;
  if (g_ascii_strcasecmp (word, "nan") == 0 || g_ascii_strcasecmp (word, "inf") == 0 ||
      g_ascii_strcasecmp (word, "infinity") == 0)
    return NUMBER_NOT_FINITE;
  while (g_ascii_isdigit (*p))
    p++, digits++;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits++;
  if (digits == 0)
    return NUMBER_SYNTAX;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return NUMBER_SYNTAX;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p != '\0')
    return NUMBER_SYNTAX;

  v = g_ascii_strtod (text, NULL);
  if (!isfinite (v))
    return NUMBER_NOT_FINITE;
  if (fabs (v) > BPL_MAX_ABS_VALUE)
    return NUMBER_TOO_LARGE;
  *out = v;
  return NUMBER_OK;
}

/* Field @i of the current record as a number, or an error at it. */
static gboolean
read_value (Csv *csv, guint i, gboolean is_target, double *out)
{
  const char *text = field (csv, i);
  g_autofree char *shown = NULL;

  switch (parse_number (text, out))
    {
    case NUMBER_OK:
      return TRUE;
    case NUMBER_EMPTY:
      return fail_at (csv, BPL_ERROR_FORMAT, field_line (csv, i), i + 1, _("empty; a number is needed"));
    case NUMBER_NOT_FINITE:
      shown = bpl_shorten_for_message (text, SHOWN_CHARS);
      return fail_at (csv, BPL_ERROR_NOT_FINITE, field_line (csv, i), i + 1,
                      _("“%s” is not a finite number; a data set holds finite numbers only"), shown);
    case NUMBER_TOO_LARGE:
      shown = bpl_shorten_for_message (text, SHOWN_CHARS);
      return fail_at (csv, BPL_ERROR_LIMIT, field_line (csv, i), i + 1,
                      _("%s is beyond the ±%g a network may hold"), shown, BPL_MAX_ABS_VALUE);
    case NUMBER_SYNTAX:
    default:
      break;
    }

  shown = bpl_shorten_for_message (text, SHOWN_CHARS);
  {
    /* "1,5" in quotes: a decimal comma. */
    g_autofree char *pointed = g_strdup (text);
    double v;
    g_strdelimit (pointed, ",", '.');
    if (strchr (text, ',') != NULL && parse_number (pointed, &v) == NUMBER_OK)
      {
        g_autofree char *shown_pointed = bpl_shorten_for_message (pointed, SHOWN_CHARS);
        return fail_at (csv, BPL_ERROR_FORMAT, field_line (csv, i), i + 1,
                        _("“%s” is not a number: write decimals with a point (%s)"), shown, shown_pointed);
      }
  }
  if (is_target)
    return fail_at (csv, BPL_ERROR_FORMAT, field_line (csv, i), i + 1,
                    _("“%s” is not a number; a column of class names needs one-hot targets"), shown);
  return fail_at (csv, BPL_ERROR_FORMAT, field_line (csv, i), i + 1, _("“%s” is not a number"), shown);
}

static char *
header_list (Csv *csv)
{
  GString *out = g_string_new (NULL);
  guint n = g_strv_length (csv->header);

  for (guint i = 0; i < n && i < LISTED_COLUMNS; i++)
    {
      g_autofree char *name = bpl_shorten_for_message (csv->header[i], SHOWN_CHARS);
      g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", name[0] != '\0' ? name : "(unnamed)");
    }
  if (n > LISTED_COLUMNS)
    g_string_append_printf (out, " and %u more", n - LISTED_COLUMNS);
  return g_string_free (out, FALSE);
}

/* The column of each name in @names into @columns. */
static gboolean
find_columns (Csv *csv, const char *const *names, guint *columns)
{
  guint n_columns = g_strv_length (csv->header);

  for (guint k = 0; names[k] != NULL; k++)
    {
      gint found = -1;

      for (guint c = 0; c < n_columns; c++)
        if (g_str_equal (csv->header[c], names[k]))
          {
            if (found >= 0)
              {
                g_autofree char *shown = bpl_shorten_for_message (names[k], SHOWN_CHARS);
                return fail (csv, BPL_ERROR_FORMAT, _("line 1: the header names column %d and column %u both "
                             "“%s”; rename one so that it can be chosen"), found + 1, c + 1, shown);
              }
            found = (gint) c;
          }
      if (found < 0)
        {
          g_autofree char *shown = bpl_shorten_for_message (names[k], SHOWN_CHARS);
          g_autofree char *list = header_list (csv);
          const char *hint = "";

          /* One column holding separators: not comma-separated. */
          if (n_columns == 1 && (strchr (csv->header[0], ';') != NULL || strchr (csv->header[0], '\t') != NULL))
            hint = _(" (the header is one column: are its values separated by semicolons or tabs? Backprop "
                   "Lens reads comma-separated values)");
          return fail (csv, BPL_ERROR_FORMAT, _("line 1: no column “%s” in the header; its columns are %s%s"), shown,
                       list, hint);
        }
      columns[k] = (guint) found;
    }
  return TRUE;
}

static gboolean
check_names (Csv *csv, const char *const *inputs, const char *const *targets, gboolean one_hot)
{
  guint n_in = inputs != NULL ? g_strv_length ((char **) inputs) : 0;
  guint n_out = targets != NULL ? g_strv_length ((char **) targets) : 0;
  const char *const *lists[] = { inputs, targets };

  if (n_in == 0 || n_out == 0)
    return fail (csv, BPL_ERROR_INVALID, _("choose at least one input column and one target column"));
  if (n_in > BPL_MAX_LAYER_SIZE || n_out > BPL_MAX_LAYER_SIZE)
    return fail (csv, BPL_ERROR_LIMIT, _("%u input and %u target columns chosen; a network has at most %d inputs "
                 "and %d outputs"), n_in, n_out, BPL_MAX_LAYER_SIZE, BPL_MAX_LAYER_SIZE);
  if (one_hot && n_out != 1)
    return fail (csv, BPL_ERROR_INVALID, _("one-hot targets come from one column of class labels, not %u columns"),
                 n_out);
  for (guint a = 0; a < 2; a++)
    for (guint i = 0; lists[a][i] != NULL; i++)
      {
        if (lists[a][i][0] == '\0')
          return fail (csv, BPL_ERROR_INVALID, _("a column name is empty"));
        for (guint b = a; b < 2; b++)
          for (guint j = (b == a ? i + 1 : 0); lists[b][j] != NULL; j++)
            if (g_str_equal (lists[a][i], lists[b][j]))
              {
                g_autofree char *shown = bpl_shorten_for_message (lists[a][i], SHOWN_CHARS);
                return fail (csv, BPL_ERROR_INVALID, _("column “%s” is chosen twice; each column is an input, "
                             "a target or neither"), shown);
              }
      }
  return TRUE;
}

/* Classes: numbers by value when every label is one, else by text. */
typedef struct
{
  char    *label;
  double   value;
  guint    first_seen;
} Class;

static int
compare_classes (gconstpointer pa, gconstpointer pb, gpointer numeric)
{
  const Class *a = pa, *b = pb;

  if (GPOINTER_TO_INT (numeric) && a->value != b->value)
    return a->value < b->value ? -1 : 1;
  return strcmp (a->label, b->label);
}

static char *
dataset_name (const char *display_name)
{
  g_autofree char *base = g_path_get_basename (display_name);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_utf8_make_valid (base, -1);
}

static gboolean
read_rows (Csv *csv, BplDataset *dataset, const guint *in_columns, const guint *out_columns, gboolean one_hot,
           GArray *classes, GArray *row_class)
{
  guint n_columns = g_strv_length (csv->header);
  g_autofree double *input = g_new (double, dataset->n_inputs);
  g_autofree double *target = g_new0 (double, dataset->n_targets);
  g_autoptr (GHashTable) class_index = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_rows = 0;
  int status;

  while ((status = read_record (csv)) == 1)
    {
      guint n_fields = csv->starts->len;

      if (n_fields < n_columns)
        return fail_at (csv, BPL_ERROR_PARSE, csv->end_line, n_fields + 1,
                        g_dngettext (GETTEXT_PACKAGE, "missing: this row has %u field, the header %u",
                                     "missing: this row has %u fields, the header %u", n_fields),
                        n_fields, n_columns);
      if (n_fields > n_columns)
        return fail_at (csv, BPL_ERROR_PARSE, field_line (csv, n_columns), n_columns + 1,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "one field too many: the header has %u column (is there a comma too many, "
                                     "or a comma inside a field that needs quotes?)",
                                     "one field too many: the header has %u columns (is there a comma too many, "
                                     "or a comma inside a field that needs quotes?)", n_columns),
                        n_columns);
      if (n_rows == BPL_DATASET_MAX_POINTS)
        return fail (csv, BPL_ERROR_LIMIT, _("line %u: more than %d data rows; a data set holds at most %d points"),
                     csv->record_line, BPL_DATASET_MAX_POINTS, BPL_DATASET_MAX_POINTS);

      for (guint i = 0; i < dataset->n_inputs; i++)
        if (!read_value (csv, in_columns[i], FALSE, &input[i]))
          return FALSE;
      if (one_hot)
        {
          const char *label = field (csv, out_columns[0]);
          gpointer index;
          guint k;

          if (label[0] == '\0')
            return fail_at (csv, BPL_ERROR_FORMAT, field_line (csv, out_columns[0]), out_columns[0] + 1,
                            _("empty; every row needs a class"));
          if (!g_hash_table_lookup_extended (class_index, label, NULL, &index))
            {
              Class c = { NULL, 0, classes->len };
              if (classes->len == BPL_MAX_LAYER_SIZE)
                return fail_at (csv, BPL_ERROR_LIMIT, field_line (csv, out_columns[0]), out_columns[0] + 1,
                                _("more than %d classes; a network has at most %d outputs"), BPL_MAX_LAYER_SIZE,
                                BPL_MAX_LAYER_SIZE);
              c.label = g_strdup (label);
              g_array_append_val (classes, c);
              index = GUINT_TO_POINTER (classes->len - 1);
              g_hash_table_insert (class_index, g_array_index (classes, Class, classes->len - 1).label, index);
            }
          k = GPOINTER_TO_UINT (index);
          g_array_append_val (row_class, k);
        }
      else
        for (guint o = 0; o < dataset->n_targets; o++)
          if (!read_value (csv, out_columns[o], TRUE, &target[o]))
            return FALSE;
      bpl_dataset_add (dataset, input, target);
      n_rows++;
    }
  if (status < 0)
    return FALSE;
  if (n_rows == 0)
    return fail (csv, BPL_ERROR_FORMAT, _("no data rows below the header"));
  return TRUE;
}

/* Targets of each row from its class, classes in their order. */
static void
encode_classes (BplDataset *dataset, GArray *classes, GArray *row_class)
{
  g_autofree guint *rank = g_new (guint, classes->len);
  gboolean numeric = TRUE;

  for (guint k = 0; k < classes->len; k++)
    {
      Class *c = &g_array_index (classes, Class, k);
      if (parse_number (c->label, &c->value) != NUMBER_OK)
        numeric = FALSE;
    }
  g_array_sort_with_data (classes, compare_classes, GINT_TO_POINTER (numeric));
  for (guint k = 0; k < classes->len; k++)
    rank[g_array_index (classes, Class, k).first_seen] = k;

  for (guint s = 0; s < dataset->n_samples; s++)
    {
      double *t = dataset->targets + (gsize) s * dataset->n_targets;
      memset (t, 0, sizeof (double) * dataset->n_targets);
      t[rank[g_array_index (row_class, guint, s)]] = 1.0;
    }
  for (guint k = 0; k < classes->len; k++)
    {
      g_free (dataset->target_names[k]);
      dataset->target_names[k] = g_strdup (g_array_index (classes, Class, k).label);
    }
}

static void
clear_class (gpointer data)
{
  g_free (((Class *) data)->label);
}

static gboolean
all_zero_or_one (const BplDataset *dataset)
{
  for (gsize i = 0; i < (gsize) dataset->n_samples * dataset->n_targets; i++)
    if (dataset->targets[i] != 0.0 && dataset->targets[i] != 1.0)
      return FALSE;
  return TRUE;
}

/* Checks the data as a whole and reads the header row into csv->header.
 * The reader's buffers are set up either way: close_csv () frees them. */
static gboolean
open_csv (Csv *csv)
{
  const char *invalid = NULL;
  int status;

  csv->text = g_string_new (NULL);
  csv->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  csv->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  if (csv->length == 0)
    return fail (csv, BPL_ERROR_PARSE, _("the file is empty; a CSV file starts with a header row of column "
                 "names"));
  if (csv->length > BPL_CSV_MAX_SIZE)
    return fail (csv, BPL_ERROR_LIMIT, _("%zu bytes is larger than the %d MiB a CSV file may have"),
                 csv->length, BPL_CSV_MAX_SIZE / (1024 * 1024));
  if (!g_utf8_validate_len (csv->data, csv->length, &invalid))
    {
      guint line = 1;
      for (const char *p = csv->data; p < invalid; p++)
        line += *p == '\n';
      return fail (csv, BPL_ERROR_PARSE, _("line %u: not UTF-8 text (save the file as UTF-8)"), line);
    }
  /* The byte order mark some spreadsheets write. */
  if (csv->length >= 3 && memcmp (csv->data, "\xef\xbb\xbf", 3) == 0)
    csv->pos = 3;

  status = read_record (csv);
  if (status == 0)
    fail (csv, BPL_ERROR_PARSE, _("the file has only blank lines; a CSV file starts with a header row of column "
          "names"));
  if (status != 1)
    return FALSE;
  csv->header = g_new0 (char *, csv->starts->len + 1);
  for (guint c = 0; c < csv->starts->len; c++)
    csv->header[c] = g_strdup (field (csv, c));
  return TRUE;
}

static void
close_csv (Csv *csv)
{
  g_string_free (csv->text, TRUE);
  g_array_unref (csv->starts);
  g_array_unref (csv->lines);
}

char **
bpl_csv_read_columns (const char  *data,
                      gsize        length,
                      const char  *display_name,
                      GError     **error)
{
  Csv csv = { .source = display_name != NULL ? display_name : "data.csv", .data = data, .length = length,
              .line = 1, .error = error };
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  ok = open_csv (&csv);
  close_csv (&csv);
  return ok ? csv.header : NULL;
}

BplDataset *
bpl_csv_import (const char        *data,
                gsize              length,
                const char        *display_name,
                const char *const *inputs,
                const char *const *targets,
                gboolean           one_hot,
                GError           **error)
{
  Csv csv = { .source = display_name != NULL ? display_name : "data.csv", .data = data, .length = length,
              .line = 1, .error = error };
  g_autoptr (BplDataset) dataset = NULL;
  g_autoptr (GArray) classes = NULL;
  g_autoptr (GArray) row_class = NULL;
  g_autofree guint *in_columns = NULL;
  g_autofree guint *out_columns = NULL;
  g_autofree char *name = NULL;
  g_auto (GStrv) header = NULL;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!check_names (&csv, inputs, targets, one_hot))
    return NULL;
  ok = open_csv (&csv);
  header = csv.header;
  if (ok)
    {
      in_columns = g_new (guint, g_strv_length ((char **) inputs));
      out_columns = g_new (guint, g_strv_length ((char **) targets));
      ok = find_columns (&csv, inputs, in_columns) && find_columns (&csv, targets, out_columns);
    }
  if (ok)
    {
      name = dataset_name (csv.source);
      dataset = bpl_dataset_new (name, g_strv_length ((char **) inputs),
                                 one_hot ? 1 : g_strv_length ((char **) targets), inputs, targets);
      classes = g_array_new (FALSE, FALSE, sizeof (Class));
      g_array_set_clear_func (classes, clear_class);
      row_class = g_array_new (FALSE, FALSE, sizeof (guint));
      ok = read_rows (&csv, dataset, in_columns, out_columns, one_hot, classes, row_class);
    }
  if (ok && one_hot && classes->len < 2)
    {
      g_autofree char *shown = bpl_shorten_for_message (g_array_index (classes, Class, 0).label, SHOWN_CHARS);
      ok = fail (&csv, BPL_ERROR_FORMAT, _("every row has the class “%s”; one-hot targets need two classes or more"),
                 shown);
    }
  if (ok && one_hot)
    {
      /* Now that the classes are known: one target each. */
      g_autoptr (BplDataset) encoded = bpl_dataset_new (name, dataset->n_inputs, classes->len,
                                                        (const char *const *) dataset->input_names, NULL);
      g_autofree double *zero = g_new0 (double, classes->len);
      for (guint s = 0; s < dataset->n_samples; s++)
        bpl_dataset_add (encoded, dataset->inputs + (gsize) s * dataset->n_inputs, zero);
      encode_classes (encoded, classes, row_class);
      g_clear_pointer (&dataset, bpl_dataset_free);
      dataset = g_steal_pointer (&encoded);
    }
  if (ok)
    dataset->classification = one_hot || all_zero_or_one (dataset);

  close_csv (&csv);
  if (!ok)
    return NULL;
  return g_steal_pointer (&dataset);
}

BplDataset *
bpl_csv_import_file (const char        *path,
                     const char *const *inputs,
                     const char *const *targets,
                     gboolean           one_hot,
                     GError           **error)
{
  g_autofree char *data = NULL;
  g_autofree char *display = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!_bpl_file_read (path, BPL_CSV_MAX_SIZE, _("CSV file"), &data, &length, &display, error))
    return NULL;
  return bpl_csv_import (data, length, display, inputs, targets, one_hot, error);
}


/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-csv.h: a data set from a CSV file (RFC 4180: comma-separated, fields
 * in double quotes may hold commas, line breaks and doubled quotes ""). The
 * first row names the columns; the caller picks input and target columns by
 * name. Blank lines are skipped, spaces around a field are ignored, CRLF
 * and LF both end a line, and a UTF-8 byte order mark is skipped.
 *
 * Every refusal is a BPL_ERROR whose message names the file, the line and
 * the column: "iris.csv: line 7, column 3 (petal_length): “1,2” is not a
 * number". */
#pragma once

#include <glib.h>

#include "bpl-dataset.h"

G_BEGIN_DECLS

/* Larger files are refused before they are read. */
#define BPL_CSV_MAX_SIZE (16 * 1024 * 1024)
/* Columns in the header; rows below it are limited by
 * BPL_DATASET_MAX_POINTS. */
#define BPL_CSV_MAX_COLUMNS 1024

/* Reads @data as CSV. @inputs and @targets are NULL-terminated lists of
 * column names, each at least one name, no column twice. Input columns must
 * hold numbers. Target columns hold numbers too, unless @one_hot: then
 * @targets is one column of class labels (any text), and each class gets
 * one target, 1 for its rows and 0 for the others; classes are ordered by
 * value when every label is a number, else by text. Every row becomes a
 * training point; bpl_dataset_split() holds some out. @display_name names
 * the source in messages and names the data set (without extension). */
BplDataset *bpl_csv_import      (const char        *data,
                                 gsize              length,
                                 const char        *display_name,
                                 const char *const *inputs,
                                 const char *const *targets,
                                 gboolean           one_hot,
                                 GError           **error);
BplDataset *bpl_csv_import_file (const char        *path,
                                 const char *const *inputs,
                                 const char *const *targets,
                                 gboolean           one_hot,
                                 GError           **error);

/* The column names of @data's header row (NULL-terminated), for a caller
 * that lets the user choose; NULL with the same errors as the import. */
char      **bpl_csv_read_columns (const char  *data,
                                  gsize        length,
                                  const char  *display_name,
                                  GError     **error);

G_END_DECLS

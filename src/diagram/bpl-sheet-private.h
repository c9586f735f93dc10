/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-sheet-private.h: flowing text and tables onto printed pages, top to
 * bottom, with a new page whenever the next block does not fit. Rows of a
 * table are never cut, a group heading stays with the rows under it and the
 * last row with the one before; a continued table repeats its header.
 * Lengths are in points (the PDF's user space). */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* Body text size: legible on paper, and the floor for every text. */
#define BPL_SHEET_BODY_SIZE 9.5

typedef struct _BplSheet BplSheet;

/* Draws onto @cr, whose surface is a paged one (PDF) with pages of
 * @width × @height points. @n_pages_total is what the footers say ("Page 2
 * of 5"); 0 while counting. */
BplSheet *bpl_sheet_new         (cairo_t *cr,
                                 double   width,
                                 double   height,
                                 guint    n_pages_total);
void      bpl_sheet_free        (BplSheet *self);
/* The footer's left text from now on (markup). */
void      bpl_sheet_set_footer  (BplSheet *self, const char *markup);
/* The header from now on (markup, NULL for none), in bold at the top right
 * of each page: a student's name on a class set's pages. */
void      bpl_sheet_set_header  (BplSheet *self, const char *markup);
/* Ends the last page; returns the number of pages. */
guint     bpl_sheet_finish      (BplSheet *self);

void      bpl_sheet_new_page    (BplSheet *self);
/* Starts a new page unless @height fits below the cursor. */
void      bpl_sheet_ensure      (BplSheet *self, double height);
double    bpl_sheet_remaining   (const BplSheet *self);
double    bpl_sheet_body_height (const BplSheet *self);
gboolean  bpl_sheet_at_top      (const BplSheet *self);
double    bpl_sheet_width       (const BplSheet *self);
void      bpl_sheet_skip        (BplSheet *self, double height);

/* A paragraph of markup at @size points across the text width. */
double    bpl_sheet_measure_text (BplSheet *self, const char *markup, double size, gboolean bold);
void      bpl_sheet_text        (BplSheet *self, const char *markup, double size, gboolean bold);
/* Calls @draw with the origin at the cursor's left margin and moves the
 * cursor down by @height (a new page first if it does not fit). */
void      bpl_sheet_block       (BplSheet *self,
                                 double    height,
                                 void    (*draw) (cairo_t *cr, gpointer data),
                                 gpointer  data);

typedef struct _BplSheetTable BplSheetTable;

/* Column widths are fractions of the text width. */
BplSheetTable *bpl_sheet_table_new   (guint n_columns, const double *fractions);
void           bpl_sheet_table_free  (BplSheetTable *self);
/* The header row (markup, n_columns cells), repeated on continuation pages. */
void           bpl_sheet_table_set_header (BplSheetTable *self, const char *const *cells);
/* A row of n_columns markup cells (NULL for empty). @writing gives room to
 * write by hand: taller lines, text standing on the bottom of the cell. */
void           bpl_sheet_table_add_row    (BplSheetTable *self,
                                           const char *const *cells,
                                           gboolean writing);
/* Keeps the last row added on the page of the row after it. */
void           bpl_sheet_table_keep_with_next (BplSheetTable *self);
/* A row across every column, in bold: a heading inside the table. */
void           bpl_sheet_table_add_group  (BplSheetTable *self, const char *markup);
/* A line (markup, bold, @size pt) drawn above the header on each page the
 * table continues on, such as "Find ∂E/∂w3 (continued)". */
void           bpl_sheet_table_set_continued (BplSheetTable *self, const char *markup,
                                              double size);
/* Draws the table from the cursor on, breaking between rows where a page
 * is full. Callers that want it whole check its height first. */
void           bpl_sheet_table_draw       (BplSheet *sheet, BplSheetTable *self);
/* The height the table would take without page breaks. */
double         bpl_sheet_table_measure    (BplSheet *sheet, BplSheetTable *self);
/* The height of the header and the first @n_rows rows. */
double         bpl_sheet_table_measure_start (BplSheet *sheet, BplSheetTable *self, guint n_rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplSheet, bpl_sheet_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplSheetTable, bpl_sheet_table_free)

G_END_DECLS

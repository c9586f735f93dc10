/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-sheet.c: text and tables flowing over printed pages. Text goes through
 * the diagram's private font map, so what is measured is what is drawn, on
 * every machine alike. Colours are plain ink: the page is meant for paper. */
#include "config.h"

#include "bpl-sheet-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bpl-diagram-text-private.h"

#define MARGIN_X 42.0
#define MARGIN_TOP 40.0
#define MARGIN_BOTTOM 52.0
#define FOOTER_BASELINE 30.0  /* above the page's bottom edge */
#define FOOTER_SIZE 9.0
#define HEADER_BASELINE 16.0  /* the header's top, below the page's top edge */

#define CELL_PAD_X 5.0
#define CELL_PAD_Y 3.0
/* Room above a blank line for handwriting, and between wrapped lines of blanks. */
#define WRITING_SPACE 15.0

#define RULE_GREY 0.55
#define HEADER_GREY 0.88
#define GROUP_GREY 0.95

struct _BplSheet
{
  cairo_t      *cr;
  PangoContext *context;
  PangoLayout  *layout;
  double        page_width;
  double        page_height;
  guint         n_pages_total;
  guint         page;
  double        y;
  char         *footer;
  char         *header;
};

typedef struct
{
  char   **cells;     /* n_columns, or one for a group row */
  gboolean group;
  gboolean writing;
  gboolean keep_with_next;
} Row;

struct _BplSheetTable
{
  guint      n_columns;
  double    *fractions;
  Row       *header;
  GPtrArray *rows;
  char      *continued;       /* markup above the header on later pages */
  double     continued_size;
};

BplSheet *
bpl_sheet_new (cairo_t *cr,
               double   width,
               double   height,
               guint    n_pages_total)
{
  BplSheet *self = g_new0 (BplSheet, 1);

  self->cr = cairo_reference (cr);
  /* Held until bpl_sheet_free (): the font map is shared (bpl-diagram-text.c). */
  bpl_diagram_text_lock ();
  self->context = bpl_diagram_context_new (cr);
  self->layout = pango_layout_new (self->context);
  self->page_width = width;
  self->page_height = height;
  self->n_pages_total = n_pages_total;
  self->page = 1;
  self->y = MARGIN_TOP;
  return self;
}

void
bpl_sheet_free (BplSheet *self)
{
  g_clear_object (&self->layout);
  g_clear_object (&self->context);
  bpl_diagram_text_unlock ();
  g_clear_pointer (&self->cr, cairo_destroy);
  g_free (self->footer);
  g_free (self->header);
  g_free (self);
}

void
bpl_sheet_set_footer (BplSheet   *self,
                      const char *markup)
{
  g_free (self->footer);
  self->footer = g_strdup (markup);
}

void
bpl_sheet_set_header (BplSheet   *self,
                      const char *markup)
{
  g_free (self->header);
  self->header = g_strdup (markup);
}

static void
set_text (BplSheet   *self,
          const char *markup,
          double      size,
          gboolean    bold,
          double      width)
{
  g_autoptr (PangoFontDescription) font = bpl_diagram_font_new (BPL_FONT_VALUE, size);

  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (self->layout, font);
  pango_layout_set_width (self->layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (self->layout, PANGO_ALIGN_LEFT);
  pango_layout_set_spacing (self->layout, 0);
  pango_layout_set_markup (self->layout, markup != NULL ? markup : "", -1);
}

static double
layout_height (BplSheet *self)
{
  PangoRectangle logical;

  pango_layout_get_extents (self->layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static void
show_layout_at (BplSheet *self,
                double    x,
                double    y,
                double    grey)
{
  cairo_save (self->cr);
  cairo_set_source_rgb (self->cr, grey, grey, grey);
  cairo_move_to (self->cr, x, y);
  pango_cairo_show_layout (self->cr, self->layout);
  cairo_restore (self->cr);
}

static void
draw_footer (BplSheet *self)
{
  g_autofree char *page = NULL;
  PangoRectangle logical;
  double y = self->page_height - FOOTER_BASELINE;

  cairo_save (self->cr);
  cairo_set_source_rgb (self->cr, RULE_GREY, RULE_GREY, RULE_GREY);
  cairo_set_line_width (self->cr, 0.5);
  cairo_move_to (self->cr, MARGIN_X, y - 6);
  cairo_line_to (self->cr, self->page_width - MARGIN_X, y - 6);
  cairo_stroke (self->cr);
  cairo_restore (self->cr);

  if (self->footer != NULL)
    {
      set_text (self, self->footer, FOOTER_SIZE, FALSE, bpl_sheet_width (self) * 0.75);
      /* One line: a long network name is cut short, not run into the margin. */
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      show_layout_at (self, MARGIN_X, y, 0.3);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_NONE);
    }

  /* The header, right-aligned in the top margin: whose page it is. */
  if (self->header != NULL)
    {
      set_text (self, self->header, FOOTER_SIZE, TRUE, -1);
      pango_layout_get_extents (self->layout, NULL, &logical);
      show_layout_at (self, self->page_width - MARGIN_X - (double) logical.width / PANGO_SCALE,
                      HEADER_BASELINE, 0.2);
    }

  page = g_markup_printf_escaped (_("Page %u of %u"), self->page, self->n_pages_total);
  set_text (self, page, FOOTER_SIZE, FALSE, -1);
  pango_layout_get_extents (self->layout, NULL, &logical);
  show_layout_at (self, self->page_width - MARGIN_X - (double) logical.width / PANGO_SCALE, y,
                  0.3);
}

void
bpl_sheet_new_page (BplSheet *self)
{
  draw_footer (self);
  cairo_show_page (self->cr);
  self->page++;
  self->y = MARGIN_TOP;
}

guint
bpl_sheet_finish (BplSheet *self)
{
  draw_footer (self);
  cairo_show_page (self->cr);
  return self->page;
}

double
bpl_sheet_width (const BplSheet *self)
{
  return self->page_width - 2 * MARGIN_X;
}

double
bpl_sheet_body_height (const BplSheet *self)
{
  return self->page_height - MARGIN_TOP - MARGIN_BOTTOM;
}

double
bpl_sheet_remaining (const BplSheet *self)
{
  return self->page_height - MARGIN_BOTTOM - self->y;
}

gboolean
bpl_sheet_at_top (const BplSheet *self)
{
  return self->y <= MARGIN_TOP;
}

void
bpl_sheet_ensure (BplSheet *self,
                  double    height)
{
  if (height > bpl_sheet_remaining (self) && !bpl_sheet_at_top (self))
    bpl_sheet_new_page (self);
}

void
bpl_sheet_skip (BplSheet *self,
                double    height)
{
  /* Space at the top of a page is wasted space. */
  if (!bpl_sheet_at_top (self))
    self->y = MIN (self->y + height, self->page_height - MARGIN_BOTTOM);
}

double
bpl_sheet_measure_text (BplSheet   *self,
                        const char *markup,
                        double      size,
                        gboolean    bold)
{
  set_text (self, markup, size, bold, bpl_sheet_width (self));
  return layout_height (self);
}

void
bpl_sheet_text (BplSheet   *self,
                const char *markup,
                double      size,
                gboolean    bold)
{
  double height = bpl_sheet_measure_text (self, markup, size, bold);

  bpl_sheet_ensure (self, height);
  /* ensure() may have measured nothing else, but keep the layout ours. */
  set_text (self, markup, size, bold, bpl_sheet_width (self));
  show_layout_at (self, MARGIN_X, self->y, 0);
  self->y += height;
}

void
bpl_sheet_block (BplSheet *self,
                 double    height,
                 void    (*draw) (cairo_t *cr, gpointer data),
                 gpointer  data)
{
  bpl_sheet_ensure (self, height);
  cairo_save (self->cr);
  cairo_translate (self->cr, MARGIN_X, self->y);
  draw (self->cr, data);
  cairo_restore (self->cr);
  self->y += height;
}

/* Tables */

static void
row_free (Row *row)
{
  if (row == NULL)
    return;
  g_strfreev (row->cells);
  g_free (row);
}

BplSheetTable *
bpl_sheet_table_new (guint         n_columns,
                     const double *fractions)
{
  BplSheetTable *self = g_new0 (BplSheetTable, 1);

  g_return_val_if_fail (n_columns > 0, NULL);

  self->n_columns = n_columns;
  self->fractions = g_memdup2 (fractions, n_columns * sizeof (double));
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  return self;
}

void
bpl_sheet_table_free (BplSheetTable *self)
{
  row_free (self->header);
  g_ptr_array_unref (self->rows);
  g_free (self->continued);
  g_free (self->fractions);
  g_free (self);
}

static Row *
row_new (const char *const *cells,
         guint              n_cells,
         gboolean           group,
         gboolean           writing)
{
  Row *row = g_new0 (Row, 1);

  row->cells = g_new0 (char *, n_cells + 1);
  for (guint i = 0; i < n_cells; i++)
    row->cells[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
  row->group = group;
  row->writing = writing;
  return row;
}

void
bpl_sheet_table_set_header (BplSheetTable     *self,
                            const char *const *cells)
{
  row_free (self->header);
  self->header = row_new (cells, self->n_columns, FALSE, FALSE);
}

void
bpl_sheet_table_add_row (BplSheetTable     *self,
                         const char *const *cells,
                         gboolean           writing)
{
  g_ptr_array_add (self->rows, row_new (cells, self->n_columns, FALSE, writing));
}

void
bpl_sheet_table_add_group (BplSheetTable *self,
                           const char    *markup)
{
  const char *cells[] = { markup };

  g_ptr_array_add (self->rows, row_new (cells, 1, TRUE, FALSE));
}

void
bpl_sheet_table_keep_with_next (BplSheetTable *self)
{
  g_return_if_fail (self->rows->len > 0);

  ((Row *) g_ptr_array_index (self->rows, self->rows->len - 1))->keep_with_next = TRUE;
}

static double
column_width (BplSheet      *sheet,
              BplSheetTable *self,
              guint          column)
{
  return bpl_sheet_width (sheet) * self->fractions[column];
}

/* A cell with a blank in it is written in: room above each line. */
static gboolean
cell_is_writing (const Row  *row,
                 const char *cell)
{
  return row->writing && strstr (cell, "___") != NULL;
}

static void
set_cell_text (BplSheet      *sheet,
               BplSheetTable *self,
               const Row     *row,
               guint          column,
               gboolean       bold)
{
  double width = row->group ? bpl_sheet_width (sheet) : column_width (sheet, self, column);

  set_text (sheet, row->cells[column], BPL_SHEET_BODY_SIZE, bold, width - 2 * CELL_PAD_X);
  if (cell_is_writing (row, row->cells[column]))
    pango_layout_set_spacing (sheet->layout, (int) (WRITING_SPACE * PANGO_SCALE));
}

static double
cell_height (BplSheet      *sheet,
             BplSheetTable *self,
             const Row     *row,
             guint          column,
             gboolean       bold)
{
  set_cell_text (sheet, self, row, column, bold);
  return layout_height (sheet) + 2 * CELL_PAD_Y
         + (cell_is_writing (row, row->cells[column]) ? WRITING_SPACE : 0);
}

static double
row_height (BplSheet      *sheet,
            BplSheetTable *self,
            const Row     *row,
            gboolean       bold)
{
  double height = 0;

  for (guint c = 0; c < (row->group ? 1 : self->n_columns); c++)
    height = MAX (height, cell_height (sheet, self, row, c, bold || row->group));
  return height;
}

static void
draw_row (BplSheet      *sheet,
          BplSheetTable *self,
          const Row     *row,
          double         height,
          gboolean       header)
{
  cairo_t *cr = sheet->cr;
  double width = bpl_sheet_width (sheet);
  double x = MARGIN_X;
  double y = sheet->y;

  if (header || row->group)
    {
      double grey = header ? HEADER_GREY : GROUP_GREY;

      cairo_save (cr);
      cairo_set_source_rgb (cr, grey, grey, grey);
      cairo_rectangle (cr, MARGIN_X, y, width, height);
      cairo_fill (cr);
      cairo_restore (cr);
    }

  for (guint c = 0; c < (row->group ? 1 : self->n_columns); c++)
    {
      gboolean writing = cell_is_writing (row, row->cells[c]);
      double text_height;

      set_cell_text (sheet, self, row, c, header || row->group);
      text_height = layout_height (sheet);
      /* Blanks stand on the bottom of the cell; the space above is for writing. */
      show_layout_at (sheet, x + CELL_PAD_X,
                      writing ? y + height - CELL_PAD_Y - text_height : y + CELL_PAD_Y, 0);
      x += column_width (sheet, self, c);
    }

  cairo_save (cr);
  cairo_set_source_rgb (cr, RULE_GREY, RULE_GREY, RULE_GREY);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, MARGIN_X, y, width, height);
  x = MARGIN_X;
  for (guint c = 0; !row->group && c + 1 < self->n_columns; c++)
    {
      x += column_width (sheet, self, c);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x, y + height);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  sheet->y += height;
}

void
bpl_sheet_table_set_continued (BplSheetTable *self,
                               const char    *markup,
                               double         size)
{
  g_free (self->continued);
  self->continued = g_strdup (markup);
  self->continued_size = size;
}

double
bpl_sheet_table_measure_start (BplSheet      *sheet,
                               BplSheetTable *self,
                               guint          n_rows)
{
  double height = self->header != NULL ? row_height (sheet, self, self->header, TRUE) : 0;

  for (guint i = 0; i < MIN (n_rows, self->rows->len); i++)
    height += row_height (sheet, self, g_ptr_array_index (self->rows, i), FALSE);
  return height;
}

double
bpl_sheet_table_measure (BplSheet      *sheet,
                         BplSheetTable *self)
{
  return bpl_sheet_table_measure_start (sheet, self, self->rows->len);
}

static gboolean
row_kept_with_next (const Row *row)
{
  return row->group || row->keep_with_next;
}

/* Where the table's tail starts: its last two rows that are not group
 * headings, and the headings over them. The tail is never broken, so the
 * last row is never alone on a page (nor with only a heading). */
static guint
tail_start (BplSheetTable *self)
{
  guint found = 0;
  guint i = self->rows->len;

  while (i > 0 && found < 2)
    if (!((const Row *) g_ptr_array_index (self->rows, --i))->group)
      found++;
  if (found < 2)
    return 0;
  while (i > 0 && row_kept_with_next (g_ptr_array_index (self->rows, i - 1)))
    i--;
  return i;
}

/* The height of rows @first to @last. */
static double
rows_height (BplSheet      *sheet,
             BplSheetTable *self,
             guint          first,
             guint          last)
{
  double height = 0;

  for (guint i = first; i <= last && i < self->rows->len; i++)
    height += row_height (sheet, self, g_ptr_array_index (self->rows, i), FALSE);
  return height;
}

void
bpl_sheet_table_draw (BplSheet      *sheet,
                      BplSheetTable *self)
{
  double header_height = self->header != NULL ? row_height (sheet, self, self->header, TRUE) : 0;
  guint tail = tail_start (self);

  /* Never a header alone at the bottom of a page. */
  bpl_sheet_ensure (sheet, bpl_sheet_table_measure_start (sheet, self, 2));

  if (self->header != NULL)
    draw_row (sheet, self, self->header, header_height, TRUE);

  for (guint i = 0; i < self->rows->len; i++)
    {
      const Row *row = g_ptr_array_index (self->rows, i);
      double height = row_height (sheet, self, row, FALSE);
      double needed = height;
      guint last = i;

      /* A group heading (or a row kept with the next) goes with the rows
       * under it, and the tail goes whole. */
      while (last + 1 < self->rows->len && row_kept_with_next (g_ptr_array_index (self->rows, last)))
        last++;
      if (i == tail)
        last = self->rows->len - 1;
      if (last > i)
        needed = rows_height (sheet, self, i, last);

      if (needed > bpl_sheet_remaining (sheet) && !bpl_sheet_at_top (sheet))
        {
          bpl_sheet_new_page (sheet);
          if (self->continued != NULL)
            {
              bpl_sheet_text (sheet, self->continued, self->continued_size, TRUE);
              bpl_sheet_skip (sheet, CELL_PAD_Y * 2);
            }
          if (self->header != NULL)
            draw_row (sheet, self, self->header, header_height, TRUE);
        }
      draw_row (sheet, self, row, height, FALSE);
    }
}

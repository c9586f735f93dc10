/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-worksheet.c: the worksheet document: the first page (diagram, given
 * values, forward pass), a section per selected parameter and, with blanks,
 * the answer key, after the questions or as a document of its own. Each
 * document is laid out twice: once to count the pages for the footers
 * ("Page 2 of 5"), once to draw. It is drawn into memory and then written
 * atomically, like every export. */
#include "config.h"

#include "bpl-worksheet.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#ifdef HAVE_NL_PAPER
#include <langinfo.h>
#endif

#include "bpl-derivation.h"
#include "bpl-error.h"
#include "bpl-expr.h"
#include "bpl-export-private.h"
#include "bpl-forward.h"
#include "bpl-layout.h"
#include "bpl-sheet-private.h"
#include "bpl-worksheet-private.h"


/* The diagram's canvas in logical pixels: small enough that, scaled to the
 * page width, its smallest labels stay above 9 pt. */
#define DIAGRAM_WIDTH 600.0
#define DIAGRAM_HEIGHT 400.0

/* Paper sizes in points. */
#define A4_WIDTH 595.0
#define A4_HEIGHT 842.0
#define LETTER_WIDTH 612.0
#define LETTER_HEIGHT 792.0

#define TITLE_SIZE 18.0
#define SECTION_SIZE 14.0
#define HEADING_SIZE 12.0
#define GAP 10.0
#define SECTION_GAP (GAP * 1.6)

typedef struct
{
  const BplNetwork          *network;
  const BplWorksheetOptions *options;
  BplStyle                   style;
  BplDerivation            **derivations;
  guint                      n_derivations;
  const char                *name;
  const char                *student;  /* a class set's student, or NULL */
  double                     page_width;
  double                     page_height;
} Worksheet;

/* What a PDF holds: one worksheet, or a class set of one a student. */
typedef struct
{
  Worksheet *sheets;
  guint      n_sheets;
  gboolean   is_class;
} Class;

/* Which pages a document holds. */
typedef enum
{
  PART_QUESTIONS,          /* the worksheet alone */
  PART_QUESTIONS_AND_KEY,  /* the worksheet, then the answer key */
  PART_KEY,                /* the answer key alone */
} Part;

void
bpl_worksheet_options_init (BplWorksheetOptions *options)
{
  g_return_if_fail (options != NULL);

  options->sample = 0;
  options->blanks = BPL_WORKSHEET_BLANKS_NONE;
  options->paper = BPL_PAPER_A4;
  options->answer_key_path = NULL;
  options->digits = 11;
  options->style = NULL;
}

BplPaper
bpl_paper_get_default (void)
{
#ifdef HAVE_NL_PAPER
  /* glibc gives LC_PAPER's size in millimetres, as a word in the pointer's
   * place (GTK reads it the same way). */
  union { const char *string; unsigned int word; } width, height;

  width.string = nl_langinfo (_NL_PAPER_WIDTH);
  height.string = nl_langinfo (_NL_PAPER_HEIGHT);
  if (width.word == 216 && height.word == 279)
    return BPL_PAPER_LETTER;
#endif
  return BPL_PAPER_A4;
}

typedef struct
{
  const Worksheet *ws;
  double           scale;
} DiagramData;

static void
draw_diagram (cairo_t  *cr,
              gpointer  user_data)
{
  DiagramData *data = user_data;
  const Worksheet *ws = data->ws;
  g_autoptr (BplLayout) layout = NULL;
  g_autoptr (BplForward) forward = NULL;
  BplLayoutOptions layout_options;
  BplRenderState state;

  bpl_layout_options_init (&layout_options);
  layout_options.digits = MIN (ws->options->digits, 4);
  layout = bpl_layout_new (ws->network, DIAGRAM_WIDTH, DIAGRAM_HEIGHT, &layout_options);
  bpl_render_state_init (&state);
  state.sample = ws->options->sample;
  /* One parameter asked about: show its paths. */
  if (ws->n_derivations == 1)
    {
      state.selection.kind = ws->derivations[0]->param.kind == BPL_PARAM_WEIGHT
                               ? BPL_HIT_WEIGHT : BPL_HIT_BIAS;
      state.selection.index = ws->derivations[0]->param.index;
    }
  /* With blank numbers the forward values are questions: the diagram keeps them to itself. */
  if (!(ws->options->blanks & BPL_WORKSHEET_BLANKS_NUMBERS))
    {
      forward = bpl_forward_new (ws->network);
      bpl_forward_compute (forward, ws->network, ws->options->sample);
    }

  cairo_scale (cr, data->scale, data->scale);
  cairo_rectangle (cr, 0, 0, DIAGRAM_WIDTH, DIAGRAM_HEIGHT);
  cairo_clip (cr);
  bpl_render (cr, ws->network, forward, layout, &ws->style, &state);
}

/* Where a table goes on over a page, its heading comes again, smaller. */
static void
set_continued (BplSheetTable *table,
               const char    *heading,
               double         size)
{
  /* Translators: a table's heading, repeated where it goes on over a page. */
  g_autofree char *continued = g_strdup_printf (_("%s (continued)"), heading);

  bpl_sheet_table_set_continued (table, continued, MAX (size * 0.8, BPL_SHEET_BODY_SIZE));
}

/* A heading is kept with the start of what it heads. A table that does not
 * fit below moves to the next page when little room is left, and else
 * breaks (its header repeated) rather than leave half a page empty. */
static void
heading_and_table (BplSheet      *sheet,
                   const char    *heading,
                   double         size,
                   BplSheetTable *table)
{
  double heading_height = bpl_sheet_measure_text (sheet, heading, size, TRUE) + GAP / 2;
  double table_height = bpl_sheet_table_measure (sheet, table);

  set_continued (table, heading, size);

  if (heading_height + table_height > bpl_sheet_remaining (sheet)
      && bpl_sheet_remaining (sheet) >= bpl_sheet_body_height (sheet) / 3)
    table_height = bpl_sheet_table_measure_start (sheet, table, 3);
  bpl_sheet_ensure (sheet, heading_height + table_height);
  bpl_sheet_text (sheet, heading, size, TRUE);
  bpl_sheet_skip (sheet, GAP / 2);
  bpl_sheet_table_draw (sheet, table);
}

/* What the student is asked to do, for each kind of blanks. */
static char *
instruction_markup (const Worksheet *ws,
                    gboolean         key_follows)
{
  guint sample = ws->options->sample + 1;
  g_autofree char *what = NULL;

  switch (ws->options->blanks)
    {
    case BPL_WORKSHEET_BLANKS_NUMBERS:
      what = g_strdup_printf (_("Fill in every blank line by hand, using the given values of "
                                "sample %u below: first the forward pass, then the backward "
                                "pass step by step. Each value may use the values before it."),
                              sample);
      break;
    case BPL_WORKSHEET_BLANKS_FORMULAS:
      what = g_strdup_printf (_("Fill in every blank line by hand with a formula: the chain "
                                "rule along each path, then each partial derivative in terms "
                                "of the network's values (out, net, target, w). The numbers "
                                "of sample %u are given, to check each formula against."),
                              sample);
      break;
    case BPL_WORKSHEET_BLANKS_BOTH:
    default:
      what = g_strdup_printf (_("Fill in every blank line by hand, using the given values of "
                                "sample %u below: first the forward pass, then the backward "
                                "pass step by step, each formula of the chain rule and then "
                                "its value. Each value may use the values before it."),
                              sample);
      break;
    }
  if (!key_follows)
    return g_steal_pointer (&what);
  /* Translators: %s is the instruction above it. */
  return g_strdup_printf (_("%s The answer key is on the last pages."), what);
}

static void
draw_first_page (BplSheet        *sheet,
                 const Worksheet *ws,
                 gboolean         key_follows)
{
  g_autofree char *escaped = g_markup_escape_text (ws->name, -1);
  g_autofree char *title = g_strdup_printf (_("Backprop Lens worksheet: %s"), escaped);
  g_autofree char *instruction = NULL;
  g_autoptr (BplSheetTable) given = NULL;
  g_autoptr (BplSheetTable) forward = NULL;
  DiagramData diagram = { ws, bpl_sheet_width (sheet) / DIAGRAM_WIDTH };

  bpl_sheet_text (sheet, title, TITLE_SIZE, TRUE);
  bpl_sheet_skip (sheet, GAP / 2);
  if (ws->options->blanks != BPL_WORKSHEET_BLANKS_NONE)
    {
      g_autofree char *student = ws->student != NULL
                                   ? g_markup_printf_escaped ("<b>%s</b>", ws->student)
                                   : g_strdup (BPL_WORKSHEET_BLANK BPL_WORKSHEET_BLANK);
      g_autofree char *name_line = g_strdup_printf (_("Name: %s    Date: %s"), student,
                                                    BPL_WORKSHEET_BLANK);

      bpl_sheet_text (sheet, name_line, BPL_SHEET_BODY_SIZE, FALSE);
      bpl_sheet_skip (sheet, GAP / 2);
      instruction = instruction_markup (ws, key_follows);
    }
  else
    instruction = g_strdup_printf (_("The forward pass and the backward pass for sample %u, "
                                     "worked out step by step: each factor of the chain rule "
                                     "with what it measures, its formula and its value."),
                                   ws->options->sample + 1);
  bpl_sheet_text (sheet, instruction, BPL_SHEET_BODY_SIZE, FALSE);
  bpl_sheet_skip (sheet, GAP);

  bpl_sheet_block (sheet, DIAGRAM_HEIGHT * diagram.scale, draw_diagram, &diagram);
  bpl_sheet_skip (sheet, GAP);

  given = bpl_worksheet_given_table (ws->network, ws->options->sample, ws->options->digits);
  heading_and_table (sheet, _("Given values"), HEADING_SIZE, given);
  bpl_sheet_skip (sheet, GAP * 1.5);

  forward = bpl_worksheet_forward_table (ws->network, ws->options->sample,
                                         (ws->options->blanks & BPL_WORKSHEET_BLANKS_NUMBERS) != 0,
                                         ws->options->digits);
  heading_and_table (sheet, _("Forward pass"), HEADING_SIZE, forward);
}

/* "h1", or "h1 and h2", or "the 5 neurons of hidden layer 2" for a shared bias. */
static char *
fed_neurons (const BplNetwork    *network,
             const BplDerivation *d)
{
  guint layer = bpl_network_get_bias_layer (network, d->param.index);
  guint start = bpl_network_get_layer_start (network, layer);
  guint size = bpl_network_get_layer_size (network, layer);
  GString *s;

  if (d->target >= 0)
    return bpl_format_split_name (bpl_network_get_neuron_name (network, (guint) d->target),
                                  BPL_EXPR_MARKUP);
  if (size > 4)
    return g_strdup_printf (_("the %u neurons of layer %u"), size, layer + 1);

  s = g_string_new (NULL);
  for (guint i = 0; i < size; i++)
    {
      g_autofree char *name = bpl_format_split_name (
        bpl_network_get_neuron_name (network, start + i), BPL_EXPR_MARKUP);

      if (i > 0)
        g_string_append (s, i + 1 == size ? _(" and ") : ", ");
      g_string_append (s, name);
    }
  return g_string_free (s, FALSE);
}

static void
draw_section (BplSheet            *sheet,
              const Worksheet     *ws,
              const BplDerivation *d,
              gboolean             key)
{
  g_autofree char *gradient = bpl_expr_render (d->gradient_symbol, BPL_EXPR_MARKUP,
                                               ws->options->digits);
  g_autofree char *param = bpl_format_split_name (d->name, BPL_EXPR_MARKUP);
  g_autofree char *title = g_strdup_printf (_("Find %s and %s⁺"), gradient, param);
  g_autofree char *eta = bpl_worksheet_number_markup (d->learning_rate, ws->options->digits);
  g_autofree char *about = NULL;
  g_autoptr (BplSheetTable) table = NULL;
  double title_height, about_height, table_height, needed;

  if (d->source >= 0 && d->target >= 0)
    {
      g_autofree char *source = bpl_format_split_name (
        bpl_network_get_neuron_name (ws->network, (guint) d->source), BPL_EXPR_MARKUP);
      g_autofree char *target = bpl_format_split_name (
        bpl_network_get_neuron_name (ws->network, (guint) d->target), BPL_EXPR_MARKUP);

      about = g_strdup_printf (_("%s is the weight from %s to %s. Sample %u, learning rate "
                                 "η = %s."), param, source, target, d->sample + 1, eta);
    }
  else
    {
      g_autofree char *fed = fed_neurons (ws->network, d);

      about = g_strdup_printf (_("%s is the bias of %s. Sample %u, learning rate η = %s."),
                               param, fed, d->sample + 1, eta);
    }

  if (key)
    table = bpl_worksheet_key_table (d, ws->network, ws->options->digits);
  else
    table = bpl_worksheet_derivation_table (d, ws->network, ws->options->blanks,
                                            ws->options->digits);

  title_height = bpl_sheet_measure_text (sheet, title, SECTION_SIZE, TRUE);
  about_height = bpl_sheet_measure_text (sheet, about, BPL_SHEET_BODY_SIZE, FALSE);
  table_height = bpl_sheet_table_measure (sheet, table);

  /* A section that does not fit below starts on a fresh page, unless it is
   * longer than a page anyway and half a page is left. */
  needed = title_height + about_height + GAP / 2 + table_height;
  if (needed + SECTION_GAP > bpl_sheet_remaining (sheet) && !bpl_sheet_at_top (sheet)
      && (needed <= bpl_sheet_body_height (sheet)
          || bpl_sheet_remaining (sheet) < bpl_sheet_body_height (sheet) / 2))
    bpl_sheet_new_page (sheet);

  bpl_sheet_skip (sheet, SECTION_GAP);
  bpl_sheet_text (sheet, title, SECTION_SIZE, TRUE);
  bpl_sheet_text (sheet, about, BPL_SHEET_BODY_SIZE, FALSE);
  bpl_sheet_skip (sheet, GAP / 2);
  set_continued (table, title, SECTION_SIZE);
  bpl_sheet_table_draw (sheet, table);
}

static char *
footer_markup (const Worksheet *ws,
               gboolean         answers)
{
  g_autofree char *escaped = g_markup_escape_text (ws->name, -1);

  if (answers && ws->student != NULL)
    return g_strdup_printf (_("%s worksheet · class answer key"), escaped);
  if (answers)
    return g_strdup_printf (_("%s worksheet · answer key"), escaped);
  if (ws->student != NULL)
    {
      g_autofree char *student = g_markup_escape_text (ws->student, -1);

      /* Translators: the footer of a class set: network, student, sample. */
      return g_strdup_printf (_("%s worksheet · %s · sample %u"), escaped, student,
                              ws->options->sample + 1);
    }
  return g_strdup_printf (_("%s worksheet · sample %u"), escaped, ws->options->sample + 1);
}

/* Every value and formula the questions ask for. */
static void
draw_key (BplSheet        *sheet,
          const Worksheet *ws)
{
  g_autofree char *escaped = g_markup_escape_text (ws->student != NULL ? ws->student
                                                                       : ws->name, -1);
  g_autofree char *title = g_strdup_printf (_("Answer key: %s"), escaped);
  g_autofree char *footer = footer_markup (ws, TRUE);
  g_autoptr (BplSheetTable) forward = NULL;

  bpl_sheet_set_footer (sheet, footer);
  bpl_sheet_set_header (sheet, ws->student != NULL ? escaped : NULL);
  bpl_sheet_text (sheet, title, TITLE_SIZE, TRUE);
  bpl_sheet_skip (sheet, GAP);
  forward = bpl_worksheet_forward_table (ws->network, ws->options->sample, FALSE,
                                         ws->options->digits);
  heading_and_table (sheet, _("Forward pass"), HEADING_SIZE, forward);
  for (guint i = 0; i < ws->n_derivations; i++)
    draw_section (sheet, ws, ws->derivations[i], TRUE);
}

static void
draw_questions (BplSheet        *sheet,
                const Worksheet *ws,
                gboolean         key_follows)
{
  g_autofree char *footer = footer_markup (ws, FALSE);
  g_autofree char *header = ws->student != NULL ? g_markup_escape_text (ws->student, -1) : NULL;

  bpl_sheet_set_footer (sheet, footer);
  bpl_sheet_set_header (sheet, header);
  draw_first_page (sheet, ws, key_follows);
  for (guint i = 0; i < ws->n_derivations; i++)
    draw_section (sheet, ws, ws->derivations[i], FALSE);
}

/* The class key's first table: each student's answers at a glance. */
static void
draw_class_summary (BplSheet    *sheet,
                    const Class *c)
{
  static const double fractions[] = { 0.28, 0.14, 0.20, 0.19, 0.19 };
  const Worksheet *first = &c->sheets[0];
  g_autofree char *escaped = g_markup_escape_text (first->name, -1);
  g_autofree char *title = g_strdup_printf (_("Class answer key: %s"), escaped);
  g_autofree char *footer = footer_markup (first, TRUE);
  g_autofree char *about = NULL;
  g_autoptr (BplSheetTable) table = bpl_sheet_table_new (G_N_ELEMENTS (fractions), fractions);
  const char *header[] = { _("Student"), _("Parameter"), _("Gradient"), _("New value"),
                           "E<sub>total</sub>" };
  gboolean marked = FALSE;

  bpl_sheet_set_footer (sheet, footer);
  bpl_sheet_text (sheet, title, TITLE_SIZE, TRUE);
  bpl_sheet_skip (sheet, GAP / 2);
  about = g_strdup_printf (_("Each student’s numbers are their own: the gradient "
                             "∂E<sub>total</sub>/∂p and the new value p⁺ of each parameter "
                             "asked, and E<sub>total</sub> before the step, for sample %u. The "
                             "full key of each student follows, a student a page."),
                           first->options->sample + 1);
  bpl_sheet_text (sheet, about, BPL_SHEET_BODY_SIZE, FALSE);
  bpl_sheet_skip (sheet, GAP);

  bpl_sheet_table_set_header (table, header);
  for (guint s = 0; s < c->n_sheets; s++)
    {
      const Worksheet *ws = &c->sheets[s];
      g_autoptr (BplForward) forward = bpl_forward_new (ws->network);
      g_autofree char *student = g_markup_escape_text (ws->student, -1);
      g_autofree char *error = NULL;

      bpl_forward_compute (forward, ws->network, ws->options->sample);
      error = bpl_worksheet_number_markup (forward->total_error, ws->options->digits);
      for (guint i = 0; i < MAX (ws->n_derivations, 1); i++)
        {
          const BplDerivation *d = i < ws->n_derivations ? ws->derivations[i] : NULL;
          g_autofree char *param = d != NULL ? bpl_format_split_name (d->name, BPL_EXPR_MARKUP)
                                             : NULL;
          g_autofree char *gradient = d != NULL
                                        ? bpl_worksheet_number_markup (d->gradient,
                                                                       ws->options->digits)
                                        : NULL;
          g_autofree char *note = d != NULL
                                    ? bpl_derivation_dup_update_note (d, ws->network,
                                                                      BPL_EXPR_MARKUP,
                                                                      ws->options->digits)
                                    : NULL;
          g_autofree char *number = d != NULL
                                      ? bpl_worksheet_number_markup (d->new_value,
                                                                     ws->options->digits)
                                      : NULL;
          /* A step that does otherwise (a fixed bias): marked, as the key says why. */
          g_autofree char *new_value = note != NULL ? g_strconcat (number, " *", NULL)
                                                    : g_strdup (number);
          const char *row[] = { i == 0 ? student : NULL, param, gradient, new_value,
                                i == 0 ? error : NULL };

          marked |= note != NULL;
          bpl_sheet_table_add_row (table, row, FALSE);
          /* A student's rows stay together. */
          if (i + 1 < ws->n_derivations)
            bpl_sheet_table_keep_with_next (table);
        }
    }
  set_continued (table, title, TITLE_SIZE * 0.8);
  bpl_sheet_table_draw (sheet, table);
  if (marked)
    {
      bpl_sheet_skip (sheet, GAP / 2);
      bpl_sheet_text (sheet, _("* A training step of this network does otherwise: the student’s "
                               "key says how."), BPL_SHEET_BODY_SIZE, FALSE);
    }
}

static void
draw_class_key (BplSheet    *sheet,
                const Class *c)
{
  draw_class_summary (sheet, c);
  for (guint s = 0; s < c->n_sheets; s++)
    {
      bpl_sheet_new_page (sheet);
      draw_key (sheet, &c->sheets[s]);
    }
}

/* Draws @part of @c; @totals holds the page count of each sheet (a
 * student's questions, then the key), 0 while counting, and @n_pages gets
 * them. A single worksheet is one sheet, its key numbered on. */
static void
draw_document (cairo_t     *cr,
               const Class *c,
               Part         part,
               const guint *totals,
               guint       *n_pages)
{
  const Worksheet *first = &c->sheets[0];
  g_autoptr (BplSheet) sheet = NULL;

  if (!c->is_class)
    {
      sheet = bpl_sheet_new (cr, first->page_width, first->page_height, totals[0]);
      if (part != PART_KEY)
        draw_questions (sheet, first, part == PART_QUESTIONS_AND_KEY);
      if (part == PART_QUESTIONS_AND_KEY)
        bpl_sheet_new_page (sheet);
      if (part != PART_QUESTIONS)
        draw_key (sheet, first);
      n_pages[0] = bpl_sheet_finish (sheet);
      return;
    }

  /* Each student's pages are numbered on their own: a set to hand out. */
  for (guint s = 0; part != PART_KEY && s < c->n_sheets; s++)
    {
      g_autoptr (BplSheet) student = bpl_sheet_new (cr, first->page_width, first->page_height,
                                                    totals[s]);

      draw_questions (student, &c->sheets[s], FALSE);
      n_pages[s] = bpl_sheet_finish (student);
    }
  if (part != PART_QUESTIONS)
    {
      sheet = bpl_sheet_new (cr, first->page_width, first->page_height, totals[c->n_sheets]);
      draw_class_key (sheet, c);
      n_pages[c->n_sheets] = bpl_sheet_finish (sheet);
    }
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  if (closure != NULL)
    g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Draws the document into a PDF in @bytes (NULL: thrown away). */
static cairo_status_t
render_pdf (const Class *c,
            Part         part,
            const guint *totals,
            GByteArray  *bytes,
            guint       *n_pages)
{
  const Worksheet *ws = &c->sheets[0];
  cairo_surface_t *surface;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, ws->page_width,
                                                 ws->page_height);
  if (part == PART_KEY && c->is_class)
    title = g_strdup_printf (_("%s worksheet class answer key"), ws->name);
  else if (part == PART_KEY)
    title = g_strdup_printf (_("%s worksheet answer key"), ws->name);
  else if (c->is_class)
    title = g_strdup_printf (_("%s worksheets for a class"), ws->name);
  else
    title = g_strdup_printf (_("%s worksheet"), ws->name);
  date = bpl_export_pdf_date ();
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Backprop Lens");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);

  cr = cairo_create (surface);
  draw_document (cr, c, part, totals, n_pages);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

/* Lays @part out twice, the first time to count the pages, into @bytes. */
static gboolean
render_part (const Class *c,
             Part         part,
             const char  *path,
             GByteArray  *bytes,
             GError     **error)
{
  g_autofree guint *zeros = g_new0 (guint, c->n_sheets + 1);
  g_autofree guint *n_pages = g_new0 (guint, c->n_sheets + 1);
  cairo_status_t status = render_pdf (c, part, zeros, NULL, n_pages);

  if (status == CAIRO_STATUS_SUCCESS)
    status = render_pdf (c, part, n_pages, bytes, zeros);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_IO, _("%s: drawing failed: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* The same path, or two names of one file. */
static gboolean
same_file (const char *a,
           const char *b)
{
  g_autofree char *canonical_a = g_canonicalize_filename (a, NULL);
  g_autofree char *canonical_b = g_canonicalize_filename (b, NULL);
  GStatBuf stat_a, stat_b;

  if (g_str_equal (canonical_a, canonical_b))
    return TRUE;
  return g_stat (a, &stat_a) == 0 && g_stat (b, &stat_b) == 0
         && stat_a.st_dev == stat_b.st_dev && stat_a.st_ino == stat_b.st_ino;
}

static void
free_derivations (Worksheet *ws)
{
  for (guint i = 0; i < ws->n_derivations; i++)
    bpl_derivation_free (ws->derivations[i]);
  g_free (ws->derivations);
}

static void
class_clear (Class *c)
{
  for (guint s = 0; s < c->n_sheets; s++)
    free_derivations (&c->sheets[s]);
  g_free (c->sheets);
}

/* What every export checks before it draws. */
static gboolean
check_options (const BplNetwork          *network,
               guint                      n_params,
               const BplWorksheetOptions *options,
               const char                *path,
               GError                   **error)
{
  const char *key_path = options->answer_key_path;

  if (options->sample >= bpl_network_get_n_samples (network))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("%s: sample %u does not exist: the network has %u"), path,
                   options->sample + 1, bpl_network_get_n_samples (network));
      return FALSE;
    }
  if (n_params > BPL_WORKSHEET_MAX_PARAMS)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT,
                   _("%s: %u parameters selected; a worksheet holds at most %u"), path, n_params,
                   BPL_WORKSHEET_MAX_PARAMS);
      return FALSE;
    }
  if (key_path != NULL && options->blanks == BPL_WORKSHEET_BLANKS_NONE)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("%s: an answer key needs blanks: without them the worksheet shows every "
                     "answer"), key_path);
      return FALSE;
    }
  if (key_path != NULL && same_file (key_path, path))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("%s: the answer key needs a file of its own, not the worksheet's"),
                   key_path);
      return FALSE;
    }
  return TRUE;
}

/* A sheet of @network for @student (NULL: not a class set), its
 * derivations worked out. */
static gboolean
sheet_init (Worksheet                 *ws,
            const BplNetwork          *network,
            const char                *student,
            const BplParam            *params,
            guint                      n_params,
            const BplWorksheetOptions *options,
            const BplStyle            *style,
            const char                *path,
            GError                   **error)
{
  g_autoptr (GError) local_error = NULL;

  ws->network = network;
  ws->options = options;
  ws->student = student;
  /* An example's name as the catalogue translates it (the window's title does the same). */
  ws->name = bpl_network_get_name (network) != NULL && *bpl_network_get_name (network) != '\0'
               ? _(bpl_network_get_name (network)) : _("Network");
  ws->page_width = options->paper == BPL_PAPER_LETTER ? LETTER_WIDTH : A4_WIDTH;
  ws->page_height = options->paper == BPL_PAPER_LETTER ? LETTER_HEIGHT : A4_HEIGHT;
  ws->style = *style;
  ws->derivations = g_new0 (BplDerivation *, MAX (n_params, 1));
  for (guint i = 0; i < n_params; i++)
    {
      ws->derivations[i] = bpl_derivation_new (network, params[i], options->sample,
                                               &local_error);
      if (ws->derivations[i] == NULL)
        {
          g_set_error (error, BPL_ERROR,
                       local_error->domain == BPL_ERROR ? local_error->code : BPL_ERROR_INVALID,
                       "%s: %s", path, local_error->message);
          return FALSE;
        }
      ws->n_derivations++;
    }
  return TRUE;
}

/* Draws both documents of @c, then writes them: a failed drawing writes
 * nothing. */
static gboolean
export_class (const Class               *c,
              const BplWorksheetOptions *options,
              const char                *path,
              GError                   **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  g_autoptr (GByteArray) key_bytes = NULL;
  const char *key_path = options->answer_key_path;
  gboolean ok;

  if (options->blanks == BPL_WORKSHEET_BLANKS_NONE)
    ok = render_part (c, PART_QUESTIONS, path, bytes, error);
  else if (key_path == NULL)
    ok = render_part (c, PART_QUESTIONS_AND_KEY, path, bytes, error);
  else
    {
      key_bytes = g_byte_array_new ();
      ok = render_part (c, PART_QUESTIONS, path, bytes, error)
           && render_part (c, PART_KEY, key_path, key_bytes, error);
    }
  return ok && bpl_export_write (path, bytes, error)
         && (key_bytes == NULL || bpl_export_write (key_path, key_bytes, error));
}

static const BplStyle *
options_style (const BplWorksheetOptions *options,
               BplStyle                  *light)
{
  if (options->style != NULL)
    return options->style;
  bpl_style_init_builtin (light, BPL_THEME_LIGHT);
  return light;
}

gboolean
bpl_worksheet_export (const BplNetwork          *network,
                      const BplParam            *params,
                      guint                      n_params,
                      const BplWorksheetOptions *options,
                      const char                *path,
                      GError                   **error)
{
  BplWorksheetOptions defaults;
  BplStyle light;
  Class c = { 0 };
  gboolean ok;

  g_return_val_if_fail (network != NULL, FALSE);
  g_return_val_if_fail (params != NULL || n_params == 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      bpl_worksheet_options_init (&defaults);
      options = &defaults;
    }
  if (!check_options (network, n_params, options, path, error))
    return FALSE;

  c.sheets = g_new0 (Worksheet, 1);
  c.n_sheets = 1;
  ok = sheet_init (&c.sheets[0], network, NULL, params, n_params, options,
                   options_style (options, &light), path, error)
       && export_class (&c, options, path, error);
  class_clear (&c);
  return ok;
}

gboolean
bpl_worksheet_export_class (const BplWorksheetStudent *students,
                            guint                      n_students,
                            const BplParam            *params,
                            guint                      n_params,
                            const BplWorksheetOptions *options,
                            const char                *path,
                            GError                   **error)
{
  BplWorksheetOptions defaults;
  BplStyle light;
  Class c = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (students != NULL, FALSE);
  g_return_val_if_fail (params != NULL || n_params == 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      bpl_worksheet_options_init (&defaults);
      options = &defaults;
    }
  if (n_students < 1 || n_students > BPL_WORKSHEET_MAX_STUDENTS)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT,
                   _("%s: a class set has 1 to %d students, not %u"), path,
                   BPL_WORKSHEET_MAX_STUDENTS, n_students);
      return FALSE;
    }
  for (guint s = 0; s < n_students; s++)
    {
      if (!bpl_network_same_shape (students[s].network, students[0].network))
        {
          g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                       _("%s: every student’s network must have the same shape"), path);
          return FALSE;
        }
      if (!check_options (students[s].network, n_params, options, path, error))
        return FALSE;
    }

  c.sheets = g_new0 (Worksheet, n_students);
  c.is_class = TRUE;
  for (guint s = 0; ok && s < n_students; s++)
    {
      c.n_sheets++;
      ok = sheet_init (&c.sheets[s], students[s].network, students[s].student, params, n_params,
                       options, options_style (options, &light), path, error);
    }
  ok = ok && export_class (&c, options, path, error);
  class_clear (&c);
  return ok;
}

GPtrArray *
bpl_worksheet_export_variants (const BplNetwork          *network,
                               const BplParam            *params,
                               guint                      n_params,
                               const BplVariantOptions   *variant_options,
                               guint                      n_students,
                               const char *const         *names,
                               const BplWorksheetOptions *options,
                               const char                *path,
                               GError                   **error)
{
  g_autoptr (GPtrArray) variants = NULL;
  g_autoptr (GPtrArray) labels = NULL;
  g_autofree BplWorksheetStudent *students = NULL;
  g_autoptr (GError) local_error = NULL;
  BplWorksheetOptions sheet_options;
  BplVariantOptions drawing;

  g_return_val_if_fail (network != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options != NULL)
    sheet_options = *options;
  else
    bpl_worksheet_options_init (&sheet_options);
  if (variant_options != NULL)
    drawing = *variant_options;
  else
    bpl_variant_options_init (&drawing);
  drawing.sample = sheet_options.sample;
  drawing.params = params;
  drawing.n_params = n_params;
  variants = bpl_variants_new (network, n_students, &drawing, &local_error);
  if (variants == NULL)
    {
      g_set_error (error, BPL_ERROR, local_error->code, "%s: %s", path, local_error->message);
      return NULL;
    }

  labels = g_ptr_array_new_with_free_func (g_free);
  students = g_new (BplWorksheetStudent, n_students);
  for (guint s = 0; s < n_students; s++)
    {
      g_ptr_array_add (labels, names != NULL ? g_strdup (names[s])
                                             : bpl_variants_student_label (s));
      students[s] = (BplWorksheetStudent) { variants->pdata[s], labels->pdata[s] };
    }
  /* A variant holds the one sample it was drawn for. */
  sheet_options.sample = 0;
  if (!bpl_worksheet_export_class (students, n_students, params, n_params, &sheet_options, path,
                                   error))
    return NULL;
  return g_steal_pointer (&variants);
}

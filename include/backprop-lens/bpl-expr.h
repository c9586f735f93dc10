/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-expr.h: formulas as structured data.
 *
 * A BplExpr is a flat list of terms: literal text (operators, brackets, "∂"),
 * names with a subscript (out_h2, w3, E_total), numbers, and the bounds of
 * a superscript (the exponent of e^(−net_h1)). Plain text, Pango
 * markup, Markdown and LaTeX are each rendered from the same terms, and
 * numbers take their precision only when rendered. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  BPL_TERM_TEXT,    /* literal: "∂", " = ", "(1 − ", "·" */
  BPL_TERM_NAME,    /* base with optional subscript: out_h2, w3, η */
  BPL_TERM_NUMBER,  /* a value, formatted when rendered */
  BPL_TERM_SUP_BEGIN, /* what follows, to BPL_TERM_SUP_END, is raised: an exponent */
  BPL_TERM_SUP_END,
} BplTermKind;

typedef struct {
  BplTermKind kind;
  char       *text;   /* TEXT: the literal; NAME: the base ("out", "w", "E") */
  char       *sub;    /* NAME: subscript ("h2", "3", "total") or NULL */
  double      number; /* NUMBER */
} BplTerm;

typedef enum {
  BPL_EXPR_TEXT,      /* out_h2(1 - out_h2), w3, E_total: plain ASCII-friendly text */
  BPL_EXPR_MARKUP,    /* Pango markup with <sub> */
  BPL_EXPR_MARKDOWN,  /* inline math $…$ */
  BPL_EXPR_LATEX,     /* LaTeX math-mode body */
} BplExprStyle;

typedef struct _BplExpr BplExpr;

BplExpr    *bpl_expr_new          (void);
BplExpr    *bpl_expr_copy         (const BplExpr *self);
void        bpl_expr_free         (BplExpr *self);
BplExpr    *bpl_expr_text         (BplExpr *self, const char *text);
BplExpr    *bpl_expr_name         (BplExpr *self, const char *base, const char *sub);
BplExpr    *bpl_expr_number       (BplExpr *self, double value);
/* An exponent: e^(…) in plain text, <sup> in markup, e^{…} in LaTeX. */
BplExpr    *bpl_expr_sup_begin    (BplExpr *self);
BplExpr    *bpl_expr_sup_end      (BplExpr *self);
/* ∂<base>_<sub> */
BplExpr    *bpl_expr_partial      (BplExpr *self, const char *base, const char *sub);
/* ∂num/∂den with names, the worked example's linear form. */
BplExpr    *bpl_expr_derivative   (BplExpr *self,
                                   const char *num_base, const char *num_sub,
                                   const char *den_base, const char *den_sub);
/* Appends every term of @other. */
BplExpr    *bpl_expr_append       (BplExpr *self, const BplExpr *other);

guint          bpl_expr_get_n_terms (const BplExpr *self);
const BplTerm *bpl_expr_get_term    (const BplExpr *self, guint i);

/* Renders with numbers at @digits significant digits. Newly allocated. */
char       *bpl_expr_render       (const BplExpr *self, BplExprStyle style, int digits);

/* Formats a number at @digits significant digits (%.*g, "-0" as "0",
 * "NaN"/"∞" spelled out). Newly allocated. */
char       *bpl_format_number     (double value, int digits);
/* The same for reading rather than parsing: a typeset minus (U+2212), as in
 * the formulas, and powers of ten as written by hand ("−0.31", "1.2×10⁻⁵"). */
char       *bpl_format_number_display (double value, int digits);
/* A name on its own: "w3", "out_h2", "E_total" in @style. */
char       *bpl_format_name       (const char *base, const char *sub, BplExprStyle style);
/* A name as the user wrote it, "w3" or "h12": its letters, then its digits
 * as the subscript (w<sub>3</sub> in markup). A name that does not end in
 * digits, or is only digits, is written as it is. */
char       *bpl_format_split_name (const char *name, BplExprStyle style);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BplExpr, bpl_expr_free)

G_END_DECLS

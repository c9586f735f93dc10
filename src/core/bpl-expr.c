/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bpl-expr.h"

struct _BplExpr
{
  GArray *terms; /* BplTerm */
};

static void
term_clear (gpointer data)
{
  BplTerm *term = data;
  g_free (term->text);
  g_free (term->sub);
}

BplExpr *
bpl_expr_new (void)
{
  BplExpr *self = g_new0 (BplExpr, 1);
  self->terms = g_array_new (FALSE, TRUE, sizeof (BplTerm));
  g_array_set_clear_func (self->terms, term_clear);
  return self;
}

void
bpl_expr_free (BplExpr *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->terms);
  g_free (self);
}

static void
push (BplExpr *self, BplTermKind kind, const char *text, const char *sub, double number)
{
  BplTerm term = { kind, g_strdup (text), g_strdup (sub), number };
  g_array_append_val (self->terms, term);
}

BplExpr *
bpl_expr_copy (const BplExpr *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return bpl_expr_append (bpl_expr_new (), self);
}

BplExpr *
bpl_expr_append (BplExpr *self, const BplExpr *other)
{
  g_return_val_if_fail (self != NULL && other != NULL, self);
  for (guint i = 0; i < other->terms->len; i++)
    {
      const BplTerm *t = &g_array_index (other->terms, BplTerm, i);
      push (self, t->kind, t->text, t->sub, t->number);
    }
  return self;
}

BplExpr *
bpl_expr_text (BplExpr *self, const char *text)
{
  g_return_val_if_fail (text != NULL, self);
  /* Neighbouring literals merge, so renderers see whole operators. */
  if (self->terms->len > 0)
    {
      BplTerm *last = &g_array_index (self->terms, BplTerm, self->terms->len - 1);
      if (last->kind == BPL_TERM_TEXT)
        {
          char *merged = g_strconcat (last->text, text, NULL);
          g_free (last->text);
          last->text = merged;
          return self;
        }
    }
  push (self, BPL_TERM_TEXT, text, NULL, 0);
  return self;
}

BplExpr *
bpl_expr_name (BplExpr *self, const char *base, const char *sub)
{
  g_return_val_if_fail (base != NULL, self);
  push (self, BPL_TERM_NAME, base, sub, 0);
  return self;
}

BplExpr *
bpl_expr_number (BplExpr *self, double value)
{
  push (self, BPL_TERM_NUMBER, NULL, NULL, value);
  return self;
}

BplExpr *
bpl_expr_sup_begin (BplExpr *self)
{
  push (self, BPL_TERM_SUP_BEGIN, NULL, NULL, 0);
  return self;
}

BplExpr *
bpl_expr_sup_end (BplExpr *self)
{
  push (self, BPL_TERM_SUP_END, NULL, NULL, 0);
  return self;
}

BplExpr *
bpl_expr_partial (BplExpr *self, const char *base, const char *sub)
{
  bpl_expr_text (self, "∂");
  return bpl_expr_name (self, base, sub);
}

BplExpr *
bpl_expr_derivative (BplExpr *self, const char *num_base, const char *num_sub,
                     const char *den_base, const char *den_sub)
{
  bpl_expr_partial (self, num_base, num_sub);
  bpl_expr_text (self, "/");
  return bpl_expr_partial (self, den_base, den_sub);
}

guint
bpl_expr_get_n_terms (const BplExpr *self)
{
  return self->terms->len;
}

const BplTerm *
bpl_expr_get_term (const BplExpr *self, guint i)
{
  g_return_val_if_fail (i < self->terms->len, NULL);
  return &g_array_index (self->terms, BplTerm, i);
}

char *
bpl_format_number (double value, int digits)
{
  char buf[64];
  char format[8];

  digits = CLAMP (digits, 1, 17);
  if (isnan (value))
    return g_strdup ("NaN");
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "-∞");
  if (value == 0)
    return g_strdup ("0");
  /* g_ascii_formatd, not printf: a decimal point whatever the locale. */
  g_snprintf (format, sizeof format, "%%.%dg", digits);
  g_ascii_formatd (buf, sizeof buf, format, value);
  return g_strdup (buf);
}

char *
bpl_format_number_display (double value, int digits)
{
  static const char *const superscript[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  g_autofree char *ascii = bpl_format_number (value, digits);
  GString *out = g_string_sized_new (strlen (ascii) + 8);
  const char *p;

  for (p = ascii; *p != '\0' && *p != 'e'; p++)
    if (*p == '-')
      g_string_append (out, "−");
    else
      g_string_append_c (out, *p);

  /* 1.5e-05 as a student writes it: 1.5×10⁻⁵. */
  if (*p == 'e')
    {
      p++;
      g_string_append (out, "×10");
      if (*p == '-')
        g_string_append (out, "⁻");
      if (*p == '-' || *p == '+')
        p++;
      while (*p == '0' && p[1] != '\0')
        p++;
      for (; g_ascii_isdigit (*p); p++)
        g_string_append (out, superscript[*p - '0']);
    }
  return g_string_free (out, FALSE);
}

/* A single-letter base with a numeric subscript reads as one word in plain
 * text (w3, i1, b1); anything else keeps the underscore (out_h2, E_total). */
static gboolean
fuses_in_text (const char *base, const char *sub)
{
  if (g_utf8_strlen (base, -1) != 1)
    return FALSE;
  for (const char *p = sub; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* Text in LaTeX math: Unicode symbols become commands, so that pdflatex
 * (with amsmath, for \\text and \\tfrac) takes every formula. In a literal
 * (@operators), words are set upright: \\ln, \\tanh, \\text{ if }. */
static void
append_latex_text (GString *out, const char *text, gboolean operators)
{
  static const struct { const char *utf8; const char *latex; } map[] = {
    { "∂", "\\partial " }, { "·", " \\cdot " }, { "−", "-" }, { "η", "\\eta " },
    { "δ", "\\delta " }, { "Σ", "\\sum " }, { "σ", "\\sigma " }, { "⁺", "^{+}" },
    { "→", "\\to " }, { "×", "\\times " }, { "…", "\\ldots " }, { "ₒ", "_o" },
    { "≤", "\\le " }, { "≈", "\\approx " }, { "±", "\\pm " }, { "∞", "\\infty " },
    { "²", "^{2}" }, { "½", "\\tfrac{1}{2}" },
    { "ₖ", "_k" }, { "≠", "\\neq " }, { "λ", "\\lambda " }, { "μ", "\\mu " }, { "β", "\\beta " },
    { "ε", "\\varepsilon " }, { "√", "\\surd " }, { "m̂", "\\hat{m}" }, { "v̂", "\\hat{v}" },
  };
  static const struct { const char *utf8; const char *latex; } words[] = {
    { " through ", "\\text{ through }" }, { " if ", "\\text{ if }" }, { ", else ", "\\text{, else }" },
    { "ln", "\\ln " }, { "tanh", "\\tanh " }, { "max", "\\max " },
  };

  for (const char *p = text; *p; )
    {
      gboolean matched = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (map) && !matched; i++)
        {
          gsize len = strlen (map[i].utf8);
          if (strncmp (p, map[i].utf8, len) == 0)
            {
              g_string_append (out, map[i].latex);
              p += len;
              matched = TRUE;
            }
        }
      for (guint i = 0; operators && i < G_N_ELEMENTS (words) && !matched; i++)
        {
          gsize len = strlen (words[i].utf8);
          if (strncmp (p, words[i].utf8, len) == 0)
            {
              g_string_append (out, words[i].latex);
              p += len;
              matched = TRUE;
            }
        }
      if (matched)
        continue;
      if (strchr ("{}%$&#_", *p))
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
      p++;
    }
}

/* Plain text keeps Unicode symbols but spells minus and times in ASCII, as
 * the worked example does, so copied formulas paste into code. */
static void
append_plain_text (GString *out, const char *text)
{
  for (const char *p = text; *p; )
    {
      if (g_str_has_prefix (p, "−"))
        {
          g_string_append_c (out, '-');
          p += strlen ("−");
        }
      else if (g_str_has_prefix (p, "·"))
        {
          /* The worked example writes products with an asterisk. */
          g_string_append (out, " * ");
          p += strlen ("·");
        }
      else
        g_string_append_c (out, *p++);
    }
}

static void
append_name (GString *out, const char *base, const char *sub, BplExprStyle style)
{
  gboolean has_sub = sub != NULL && *sub != '\0';

  switch (style)
    {
    case BPL_EXPR_TEXT:
      g_string_append (out, base);
      if (has_sub)
        {
          if (!fuses_in_text (base, sub))
            g_string_append_c (out, '_');
          g_string_append (out, sub);
        }
      break;

    case BPL_EXPR_MARKUP:
      {
        g_autofree char *b = g_markup_escape_text (base, -1);
        g_string_append (out, b);
        if (has_sub)
          {
            g_autofree char *s = g_markup_escape_text (sub, -1);
            g_string_append_printf (out, "<sub>%s</sub>", s);
          }
      }
      break;

    case BPL_EXPR_MARKDOWN:
    case BPL_EXPR_LATEX:
    default:
      /* Names are escaped like literal text: LaTeX special characters
       * (& % $ # _ { }) in a name or subscript would break the document. */
      if (g_utf8_strlen (base, -1) > 1 && g_ascii_isalpha (base[0]))
        {
          g_string_append (out, "\\mathrm{");
          append_latex_text (out, base, FALSE);
          g_string_append_c (out, '}');
        }
      else
        append_latex_text (out, base, FALSE);
      if (has_sub)
        {
          gboolean word = strlen (sub) > 1 && g_ascii_isalpha (sub[0]) && g_ascii_isalpha (sub[1]);
          g_string_append (out, word ? "_{\\mathrm{" : "_{");
          append_latex_text (out, sub, FALSE);
          g_string_append (out, word ? "}}" : "}");
        }
      break;
    }
}

char *
bpl_format_name (const char *base, const char *sub, BplExprStyle style)
{
  GString *out = g_string_new (NULL);
  append_name (out, base, sub, style);
  if (style == BPL_EXPR_MARKDOWN)
    {
      g_string_prepend_c (out, '$');
      g_string_append_c (out, '$');
    }
  return g_string_free (out, FALSE);
}

char *
bpl_format_split_name (const char *name, BplExprStyle style)
{
  const char *digits = name;
  g_autofree char *base = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  /* Plain text keeps the name as typed. */
  if (style == BPL_EXPR_TEXT)
    return g_strdup (name);
  while (*digits != '\0' && !g_ascii_isdigit (*digits))
    digits++;
  for (const char *p = digits; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      digits = name + strlen (name);
  if (digits == name)
    digits = name + strlen (name);
  base = g_strndup (name, digits - name);
  return bpl_format_name (base, *digits != '\0' ? digits : NULL, style);
}

char *
bpl_expr_render (const BplExpr *self, BplExprStyle style, int digits)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->terms->len; i++)
    {
      const BplTerm *t = &g_array_index (self->terms, BplTerm, i);
      switch (t->kind)
        {
        case BPL_TERM_TEXT:
          if (style == BPL_EXPR_TEXT)
            append_plain_text (out, t->text);
          else if (style == BPL_EXPR_MARKUP)
            {
              g_autofree char *escaped = g_markup_escape_text (t->text, -1);
              g_string_append (out, escaped);
            }
          else
            append_latex_text (out, t->text, TRUE);
          break;

        case BPL_TERM_NAME:
          append_name (out, t->text, t->sub, style);
          break;

        case BPL_TERM_SUP_BEGIN:
          g_string_append (out, style == BPL_EXPR_TEXT ? "^(" : style == BPL_EXPR_MARKUP ? "<sup>"
                                                                                         : "^{");
          break;

        case BPL_TERM_SUP_END:
          g_string_append (out, style == BPL_EXPR_TEXT ? ")" : style == BPL_EXPR_MARKUP ? "</sup>"
                                                                                       : "}");
          break;

        case BPL_TERM_NUMBER:
          {
            /* Markup is for reading: a typeset minus, the exponent's too. */
            g_autofree char *num = style == BPL_EXPR_MARKUP
                                     ? bpl_format_number_display (t->number, digits)
                                     : bpl_format_number (t->number, digits);
            /* A negative number after an operator reads better in brackets. */
            gboolean bracket = t->number < 0 && i > 0;
            if (style == BPL_EXPR_LATEX || style == BPL_EXPR_MARKDOWN)
              {
                char *e = strchr (num, 'e');
                if (e != NULL)
                  {
                    /* 1.5e-05 → 1.5 \times 10^{-5} */
                    int exponent = atoi (e + 1);
                    *e = '\0';
                    g_string_append_printf (out, "%s%s \\times 10^{%d}%s", bracket ? "(" : "", num,
                                            exponent, bracket ? ")" : "");
                    break;
                  }
                if (g_str_equal (num, "∞") || g_str_equal (num, "-∞"))
                  {
                    g_string_append (out, num[0] == '-' ? "-\\infty" : "\\infty");
                    break;
                  }
              }
            if (bracket)
              g_string_append_c (out, '(');
            g_string_append (out, num);
            if (bracket)
              g_string_append_c (out, ')');
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  if (style == BPL_EXPR_MARKDOWN)
    {
      g_string_prepend_c (out, '$');
      g_string_append_c (out, '$');
    }
  return g_string_free (out, FALSE);
}

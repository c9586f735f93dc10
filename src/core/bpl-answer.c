/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-answer.c: numbers as a learner types them, and whether a value
 * agrees with one to the precision typed. The comparison works on decimal
 * digits, the typed ones against the value's to 15 significant digits, so
 * "0.2406" against 0.24065 never hangs on a binary rounding. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpl-check-private.h"
#include "bpl-error.h"

void
bpl_answer_value_clear (BplAnswerValue *self)
{
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->digits, g_free);
}

static const char *
skip_blanks (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* A minus sign: ASCII or the typeset one the formulas print. */
static gsize
minus_length (const char *p)
{
  if (*p == '-')
    return 1;
  if (g_str_has_prefix (p, "−"))
    return strlen ("−");
  return 0;
}

/* ⁰…⁹ as a digit, or -1; *length the bytes it takes. */
static int
superscript_digit (const char *p, gsize *length)
{
  static const char *const digits[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };

  for (int d = 0; d < 10; d++)
    if (g_str_has_prefix (p, digits[d]))
      {
        *length = strlen (digits[d]);
        return d;
      }
  return -1;
}

static gboolean
not_a_number (const char *text, GError **error)
{
  g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
               _("“%s” is not a number (write it like 0.2406, -1.5e-3 or 1.5×10⁻³)"), text);
  return FALSE;
}

/* The power of ten after the digits: e-3, E+2, ×10⁻³, ×10^-3, *10^-3, x10^-3. On
 * success *p is past it. */
static gboolean
parse_exponent (const char **pp, int *exponent, gboolean *found)
{
  const char *p = *pp;
  gboolean negative = FALSE;
  gboolean superscript = FALSE;
  guint n_digits = 0;
  int value = 0;

  *found = FALSE;
  *exponent = 0;
  if (*p == 'e' || *p == 'E')
    p++;
  else
    {
      const char *q = skip_blanks (p);
      gboolean typeset;

      /* ×10⁻³ or ×10^-3 as typeset; *10^-3 or x10^-3 on a keyboard. */
      typeset = g_str_has_prefix (q, "×");
      if (typeset)
        q += strlen ("×");
      else if (*q == '*' || *q == 'x')
        q++;
      else
        return TRUE;
      q = skip_blanks (q);
      if (!g_str_has_prefix (q, "10"))
        return FALSE;
      q += 2;
      if (*q == '^')
        q++;
      else if (typeset)
        superscript = TRUE;
      else
        return FALSE;
      p = q;
    }

  if (superscript)
    {
      gsize len;

      if (g_str_has_prefix (p, "⁻"))
        {
          negative = TRUE;
          p += strlen ("⁻");
        }
      else if (g_str_has_prefix (p, "⁺"))
        p += strlen ("⁺");
      for (int d; (d = superscript_digit (p, &len)) >= 0; p += len, n_digits++)
        if (value <= BPL_ANSWER_MAX_EXPONENT)
          value = value * 10 + d;
    }
  else
    {
      gsize minus = minus_length (p);

      if (minus > 0)
        {
          negative = TRUE;
          p += minus;
        }
      else if (*p == '+')
        p++;
      for (; g_ascii_isdigit (*p); p++, n_digits++)
        if (value <= BPL_ANSWER_MAX_EXPONENT)
          value = value * 10 + (*p - '0');
    }
  if (n_digits == 0)
    return FALSE;

  *exponent = negative ? -value : value;
  *found = TRUE;
  *pp = p;
  return TRUE;
}

gboolean
bpl_answer_value_parse (BplAnswerValue *self, const char *text, GError **error)
{
  g_autofree char *trimmed = NULL;
  g_autoptr (GString) digits = g_string_new (NULL);
  g_autofree char *ascii = NULL;
  const char *p;
  gboolean negative = FALSE;
  gboolean point = FALSE;
  gboolean scientific;
  guint n_typed = 0;
  int fraction = 0;
  int power;
  gsize minus;
  double value;

  g_return_val_if_fail (self != NULL && text != NULL, FALSE);
  memset (self, 0, sizeof *self);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID, _("the value is not valid UTF-8 text"));
      return FALSE;
    }
  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID, _("no value: type a number such as 0.2406"));
      return FALSE;
    }

  p = trimmed;
  if ((minus = minus_length (p)) > 0)
    {
      negative = TRUE;
      p += minus;
    }
  else if (*p == '+')
    p++;

  for (;; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          n_typed++;
          if (point)
            fraction++;
          /* Leading zeros say where the point is, not how precise. */
          if (digits->len > 0 || *p != '0')
            g_string_append_c (digits, *p);
        }
      else if (*p == '.' && !point)
        point = TRUE;
      else
        break;
    }
  if (*p == ',' && n_typed > 0)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("“%s”: write the decimals after a point, not a comma (0.2406)"), trimmed);
      return FALSE;
    }
  if (n_typed == 0)
    return not_a_number (trimmed, error);
  if (n_typed > BPL_ANSWER_MAX_DIGITS)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("“%s” has more than %d digits"), trimmed, BPL_ANSWER_MAX_DIGITS);
      return FALSE;
    }
  if (!parse_exponent (&p, &power, &scientific))
    return not_a_number (trimmed, error);
  if (*p != '\0')
    return not_a_number (trimmed, error);
  if (ABS (power) > BPL_ANSWER_MAX_EXPONENT)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("“%s” is out of range (a power of ten up to ±%d)"), trimmed, BPL_ANSWER_MAX_EXPONENT);
      return FALSE;
    }

  /* The digits as C reads them, whatever was typed around them. */
  ascii = g_strdup_printf ("%s%se%d", negative ? "-" : "", digits->len > 0 ? digits->str : "0",
                           power - fraction);
  value = g_ascii_strtod (ascii, NULL);
  if (!isfinite (value))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID, _("“%s” is out of range"), trimmed);
      return FALSE;
    }

  self->text = g_steal_pointer (&trimmed);
  self->value = value;
  self->negative = negative;
  self->significant = (guint) digits->len;
  self->digits = g_string_free (g_steal_pointer (&digits), FALSE);
  self->exponent = power - fraction;
  self->scientific = scientific;
  return TRUE;
}

gboolean
bpl_answer_parse (const char *argument, char **name, BplAnswerValue *value, GError **error)
{
  const char *equals;
  g_autofree char *left = NULL;

  g_return_val_if_fail (argument != NULL && name != NULL && value != NULL, FALSE);
  *name = NULL;
  memset (value, 0, sizeof *value);

  if (!g_utf8_validate (argument, -1, NULL))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID, _("the answer is not valid UTF-8 text"));
      return FALSE;
    }
  equals = strchr (argument, '=');
  if (equals == NULL)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("“%s” is not NAME=VALUE (for example dout_h2/dnet_h2=0.2406)"), argument);
      return FALSE;
    }
  left = g_strstrip (g_strndup (argument, (gsize) (equals - argument)));
  if (*left == '\0')
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("“%s” has no name before “=” (for example dout_h2/dnet_h2=0.2406)"), argument);
      return FALSE;
    }
  if (!bpl_answer_value_parse (value, equals + 1, error))
    {
      g_prefix_error (error, "%s: ", left);
      return FALSE;
    }
  *name = g_steal_pointer (&left);
  return TRUE;
}

/* Digit strings as unsigned integers: leading zeros dropped ("" is 0). */
static const char *
strip_zeros (const char *s)
{
  while (*s == '0')
    s++;
  return s;
}

static gboolean
digits_equal (const char *a, const char *b)
{
  return g_str_equal (strip_zeros (a), strip_zeros (b));
}

/* @s + 1, newly allocated. */
static char *
digits_increment (const char *s)
{
  gsize n = strlen (s);
  char *out = g_malloc (n + 2);
  gboolean carry = TRUE;

  out[n + 1] = '\0';
  for (gsize i = n; i > 0; i--)
    {
      char c = s[i - 1];

      if (carry)
        {
          carry = c == '9';
          c = carry ? '0' : (char) (c + 1);
        }
      out[i] = c;
    }
  out[0] = carry ? '1' : '0';
  return out;
}

/* |x| = 0.d₀d₁d₂… × 10^(point), to 15 significant digits: the value as
 * the program works it out, without the last bits of binary noise. 0.3 is
 * 0.3 here, not the 0.29999999999999998889… its binary holds, and
 * 0.7729284653 − 0.99 is −0.2170715347, not −0.21707153469999997, so that
 * truncating either gives what a hand calculation gives. */
static char *
value_digits (double x, int *point)
{
  char buf[64];
  GString *digits = g_string_new (NULL);
  char *e;

  g_ascii_formatd (buf, sizeof buf, "%.14e", fabs (x));
  e = strchr (buf, 'e');
  g_assert (e != NULL);
  for (char *p = buf; p < e; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  *point = atoi (e + 1) + 1;
  return g_string_free (digits, FALSE);
}

/* The integer part of |x| / 10^@exponent as digits, and whether the rest is
 * at least one half. */
static char *
split_at (double x, int exponent, gboolean *half_or_more)
{
  g_autofree char *digits = NULL;
  GString *below;
  int point;
  int keep;

  *half_or_more = FALSE;
  if (x == 0)
    return g_strdup ("0");
  digits = value_digits (x, &point);
  /* Digits before the place: point − exponent of them. */
  keep = point - exponent;
  if (keep < 0)
    return g_strdup ("0");
  below = g_string_new (NULL);
  for (int i = 0; i < keep; i++)
    g_string_append_c (below, i < (int) strlen (digits) ? digits[i] : '0');
  if (keep < (int) strlen (digits))
    *half_or_more = digits[keep] >= '5';
  return g_string_free (below, FALSE);
}

gboolean
bpl_answer_value_matches (const BplAnswerValue *self, double value)
{
  g_autofree char *below = NULL;
  g_autofree char *above = NULL;
  gboolean half_or_more;

  g_return_val_if_fail (self != NULL && self->digits != NULL, FALSE);

  if (!isfinite (value))
    return FALSE;
  /* Digits beyond what a double holds that still read back as it. */
  if (self->value == value)
    return TRUE;
  /* A sign that disagrees is wrong, unless zero was typed ("0.000" for
   * −0.00002): then the digits decide. */
  if (*strip_zeros (self->digits) != '\0' && self->negative != (value < 0))
    return FALSE;
  below = split_at (value, self->exponent, &half_or_more);
  if (digits_equal (self->digits, below))
    return TRUE;
  if (!half_or_more)
    return FALSE;
  above = digits_increment (below);
  return digits_equal (self->digits, above);
}

gboolean
bpl_answer_value_matches_coarser (const BplAnswerValue *self, double value, int exponent)
{
  BplAnswerValue coarse = *self;
  g_autofree char *digits = NULL;
  gsize n = strlen (self->digits);
  int drop = exponent - self->exponent;

  if (drop <= 0 || (gsize) drop >= n)
    return FALSE;
  for (gsize i = n - (gsize) drop; i < n; i++)
    if (self->digits[i] != '0')
      return FALSE;
  digits = g_strndup (self->digits, n - (gsize) drop);
  coarse.digits = digits;
  coarse.exponent = exponent;
  coarse.significant = (guint) strlen (digits);
  return bpl_answer_value_matches (&coarse, value);
}

/* @s − 1 for @s > 0, newly allocated. */
static char *
digits_decrement (const char *s)
{
  char *out = g_strdup (s);

  for (gsize i = strlen (out); i > 0; i--)
    {
      if (out[i - 1] != '0')
        {
          out[i - 1]--;
          break;
        }
      out[i - 1] = '9';
    }
  return out;
}

gboolean
bpl_answer_value_off_by_one (const BplAnswerValue *self, double value)
{
  BplAnswerValue near = *self;
  g_autofree char *more = digits_increment (self->digits);
  g_autofree char *less = NULL;

  near.digits = more;
  if (bpl_answer_value_matches (&near, value))
    return TRUE;
  if (*strip_zeros (self->digits) == '\0')
    return FALSE;
  less = digits_decrement (self->digits);
  near.digits = less;
  return bpl_answer_value_matches (&near, value);
}

char *
bpl_answer_value_format (const BplAnswerValue *self, double value, guint min_significant)
{
  char buf[128];
  char format[16];
  int exponent;
  int magnitude;

  g_return_val_if_fail (self != NULL, NULL);

  if (!isfinite (value))
    return g_strdup (isnan (value) ? "NaN" : value > 0 ? "∞" : "-∞");
  exponent = self->exponent;
  magnitude = value != 0 ? (int) floor (log10 (fabs (value))) : 0;
  /* At least min_significant digits: the last one at magnitude − min + 1. */
  if (value != 0)
    exponent = MIN (exponent, magnitude - (int) min_significant + 1);

  /* g_ascii_formatd: a decimal point whatever the locale. */
  if (self->scientific || exponent > 0 || exponent < -24)
    {
      int significant = value != 0 ? MAX (magnitude - exponent + 1, 1) : 1;
      char *e;

      g_snprintf (format, sizeof format, "%%.%de", MIN (significant - 1, 60));
      g_ascii_formatd (buf, sizeof buf, format, value);
      /* 2.406e-01 as typed: 2.406e-1. */
      e = strchr (buf, 'e');
      if (e != NULL)
        g_snprintf (e, sizeof buf - (gsize) (e - buf), "e%d", atoi (e + 1));
    }
  else
    {
      g_snprintf (format, sizeof format, "%%.%df", -exponent);
      g_ascii_formatd (buf, sizeof buf, format, value);
    }
  /* Digits beyond those typed, there only to reach min_significant, need
   * not be zeros: 0.05 for i1, not 0.0500. */
  if (!self->scientific && exponent < self->exponent && strchr (buf, '.') != NULL)
    {
      gsize len = strlen (buf);
      int spare = self->exponent - exponent;

      while (spare-- > 0 && buf[len - 1] == '0')
        buf[--len] = '\0';
      if (buf[len - 1] == '.')
        buf[--len] = '\0';
    }
  /* "-0.000": a zero has no sign. */
  if (buf[0] == '-' && strspn (buf + 1, "0.") == strlen (buf + 1))
    memmove (buf, buf + 1, strlen (buf));
  return g_strdup (buf);
}

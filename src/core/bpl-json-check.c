/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A small recursive-descent reader of JSON that keeps nothing and stops at
 * the first mistake, to say where a file that json-glib refused goes
 * wrong. It follows json-glib 1.6's leniency (comments between tokens,
 * 'single-quoted' strings, 0x1F and $1F numbers, any backslash escape) so
 * that what it blames is what the parser stopped at. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "bpl-json-check-private.h"

/* Deeper than any network file; check_structure refuses those first. */
#define MAX_DEPTH 64

typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;
  int         depth;
  gsize       error_pos;
  char       *expected;  /* what should have come */
  char       *problem;   /* or, instead, what is wrong there */
} Checker;

static gboolean
at_end (const Checker *c)
{
  return c->pos >= c->length;
}

static char
peek (const Checker *c)
{
  return at_end (c) ? '\0' : c->data[c->pos];
}

static gboolean
fail_expected (Checker *c, gsize at, const char *expected)
{
  c->error_pos = at;
  c->expected = g_strdup (expected);
  return FALSE;
}

static gboolean G_GNUC_PRINTF (3, 4)
fail_problem (Checker *c, gsize at, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  c->error_pos = at;
  c->problem = g_strdup_vprintf (format, args);
  va_end (args);
  return FALSE;
}

/* White space and the comments json-glib skips. */
static gboolean
skip_space (Checker *c)
{
  while (!at_end (c))
    {
      char ch = peek (c);

      if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n')
        c->pos++;
      else if (ch == '/' && c->pos + 1 < c->length && c->data[c->pos + 1] == '*')
        {
          gsize start = c->pos;
          const char *end = g_strstr_len (c->data + c->pos + 2, (gssize) (c->length - c->pos - 2), "*/");

          if (end == NULL)
            return fail_problem (c, start, _("a comment /* … is not closed with */"));
          c->pos = (gsize) (end - c->data) + 2;
        }
      else
        break;
    }
  return TRUE;
}

static gboolean
is_word_char (char ch)
{
  return g_ascii_isalnum (ch) || ch == '_' || ch == '-';
}

/* What sits at @at, for "found …". */
static char *
describe (const Checker *c, gsize at)
{
  const char *p = c->data + at;
  gsize rest = c->length - at;
  gsize n = 0;

  if (at >= c->length)
    return g_strdup (_("the end of the file: is the file cut short?"));
  if (*p == '"' || *p == '\'')
    {
      while (n + 1 < rest && n < 24 && p[n + 1] != *p && p[n + 1] != '\n')
        n++;
      return g_strdup_printf (_("the string %c%.*s%s"), *p, (int) n, p + 1,
                              n + 1 < rest && p[n + 1] == *p ? (*p == '"' ? "\"" : "'") : "…");
    }
  if (g_ascii_isdigit (*p) || *p == '-' || *p == '.' || *p == '$')
    {
      while (n < rest && n < 24 && (is_word_char (p[n]) || p[n] == '.' || p[n] == '+' || p[n] == '$'))
        n++;
      return g_strdup_printf (_("the number %.*s"), (int) n, p);
    }
  if (g_ascii_isalpha (*p) || *p == '_')
    {
      while (n < rest && n < 24 && is_word_char (p[n]))
        n++;
      return g_strdup_printf (_("the word %.*s"), (int) n, p);
    }
  if ((guchar) *p < 0x80 && g_ascii_isprint (*p))
    return g_strdup_printf ("'%c'", *p);
  {
    gunichar u = g_utf8_get_char_validated (p, (gssize) rest);
    if (u == (gunichar) -1 || u == (gunichar) -2)
      return g_strdup (_("a byte that is not text"));
    return g_strdup_printf (_("the character U+%04X"), u);
  }
}

static gboolean value (Checker *c);

static gboolean
string (Checker *c)
{
  gsize start = c->pos;
  char quote = peek (c);

  c->pos++;
  while (!at_end (c) && peek (c) != quote)
    {
      if (peek (c) == '\\')
        {
          gsize escape = c->pos;

          c->pos++;
          if (peek (c) == 'u')
            {
              for (int i = 1; i <= 4; i++)
                if (c->pos + (gsize) i >= c->length || !g_ascii_isxdigit (c->data[c->pos + i]))
                  return fail_problem (c, escape, _("\\u in a string needs four hexadecimal digits"));
              c->pos += 4;
            }
        }
      c->pos++;
    }
  if (at_end (c))
    return fail_problem (c, start, _("a string starts here and is never closed with %c: is the file cut short?"),
                         quote);
  c->pos++;
  return TRUE;
}

static gboolean
number (Checker *c)
{
  gsize start = c->pos;
  gsize digits = 0;

  if (peek (c) == '-')
    c->pos++;
  if (peek (c) == '$' || (peek (c) == '0' && (c->pos + 1 < c->length) && (c->data[c->pos + 1] | 0x20) == 'x'))
    {
      c->pos += peek (c) == '$' ? 1 : 2;
      while (g_ascii_isxdigit (peek (c)))
        c->pos++, digits++;
    }
  else if (peek (c) == '0' && c->pos + 1 < c->length && g_ascii_isdigit (c->data[c->pos + 1]))
    {
      /* json-glib reads 017 as octal, and refuses 095. */
      gboolean octal = TRUE;

      while (g_ascii_isdigit (peek (c)))
        octal &= peek (c) < '8', c->pos++, digits++;
      if (!octal)
        return fail_problem (c, start, _("%.*s is not a number: a number does not start with 0"),
                             (int) (c->pos - start), c->data + start);
    }
  else
    {
      while (g_ascii_isdigit (peek (c)))
        c->pos++, digits++;
      if (peek (c) == '.')
        for (c->pos++; g_ascii_isdigit (peek (c)); c->pos++)
          digits++;
      if (digits > 0 && (peek (c) | 0x20) == 'e')
        {
          gsize exponent = 0;

          c->pos++;
          if (peek (c) == '+' || peek (c) == '-')
            c->pos++;
          for (; g_ascii_isdigit (peek (c)); c->pos++)
            exponent++;
          if (exponent == 0)
            return fail_problem (c, start, _("the number %.*s has no digits after its e"), (int) (c->pos - start),
                                 c->data + start);
        }
    }
  if (digits == 0)
    return fail_problem (c, start, _("%.*s is not a number"), (int) MAX (c->pos - start, 1), c->data + start);
  if (is_word_char (peek (c)))
    {
      while (is_word_char (peek (c)))
        c->pos++;
      return fail_problem (c, start, _("%.*s is not a number"), (int) (c->pos - start), c->data + start);
    }
  return TRUE;
}

/* '[' value (',' value)* ']' or '{' "name" ':' value (',' …)* '}' */
static gboolean
container (Checker *c)
{
  char close = peek (c) == '[' ? ']' : '}';
  gboolean object = close == '}';
  const char *after = object ? _("',' or '}' after a member of an object") : _("',' or ']' after a value in a list");
  gboolean first = TRUE;
  gsize comma = 0;

  if (++c->depth > MAX_DEPTH)
    return fail_problem (c, c->pos, _("nested too deeply"));
  c->pos++;
  for (;;)
    {
      if (!skip_space (c))
        return FALSE;
      if (peek (c) == close && first)
        break;
      if (peek (c) == close)
        return fail_problem (c, comma, _("a comma before '%c': remove the last comma"), close);
      if (object)
        {
          if (peek (c) != '"' && peek (c) != '\'')
            return fail_expected (c, c->pos, first ? _("a member name in double quotes, or '}'")
                                                   : _("a member name in double quotes"));
          if (!string (c) || !skip_space (c))
            return FALSE;
          if (peek (c) != ':')
            return fail_expected (c, c->pos, _("':' after the member name"));
          c->pos++;
          if (!skip_space (c))
            return FALSE;
        }
      if (!value (c) || !skip_space (c))
        return FALSE;
      first = FALSE;
      if (peek (c) == close)
        break;
      if (peek (c) != ',')
        return fail_expected (c, c->pos, after);
      comma = c->pos++;
    }
  c->pos++;
  c->depth--;
  return TRUE;
}

static gboolean
value (Checker *c)
{
  static const char *const words[] = { "true", "false", "null" };
  char ch = peek (c);

  if (ch == '{' || ch == '[')
    return container (c);
  if (ch == '"' || ch == '\'')
    return string (c);
  if (g_ascii_isdigit (ch) || ch == '-' || ch == '.' || ch == '$')
    return number (c);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize n = strlen (words[i]);
      if (c->length - c->pos >= n && strncmp (c->data + c->pos, words[i], n) == 0
          && !is_word_char (c->pos + n < c->length ? c->data[c->pos + n] : '\0'))
        {
          c->pos += n;
          return TRUE;
        }
    }
  return fail_expected (c, c->pos, _("a value: a number, a string, an object, a list, true, false or null"));
}

void
bpl_json_position (const char *data, gsize length, gsize offset, guint *line, guint *column)
{
  *line = 1;
  *column = 1;
  for (gsize i = 0; i < offset && i < length; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          *column = 1;
        }
      /* A UTF-8 continuation byte belongs to the character before. */
      else if (((guchar) data[i] & 0xC0) != 0x80)
        (*column)++;
    }
}

gboolean
bpl_json_find_mistake (const char *data, gsize length, char **message)
{
  Checker c = { data, length, 0, 0, 0, NULL, NULL };
  gboolean ok;
  guint line, column;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  ok = skip_space (&c) && value (&c) && skip_space (&c);
  if (ok && !at_end (&c))
    ok = fail_problem (&c, c.pos, _("unexpected text after the end of the document"));
  if (ok)
    return FALSE;

  bpl_json_position (data, length, c.error_pos, &line, &column);
  if (c.expected != NULL)
    {
      g_autofree char *found = describe (&c, c.error_pos);
      *message = g_strdup_printf (_("line %u, column %u: the JSON is not valid (expected %s, found %s)"), line,
                                  column, c.expected, found);
    }
  else
    *message = g_strdup_printf (_("line %u, column %u: the JSON is not valid (%s)"), line, column, c.problem);
  g_free (c.expected);
  g_free (c.problem);
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-number-text.c: numbers typed and shown in the locale's way. */
#include "config.h"

#include "bpl-number-text.h"

#include "backprop-lens.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdarg.h>
#include <string.h>

const char *
bpl_number_text_decimal_separator (void)
{
  const struct lconv *conv = localeconv ();

  return conv->decimal_point != NULL && *conv->decimal_point != '\0' ? conv->decimal_point : ".";
}

const char *
bpl_number_text_group_separator (void)
{
  const struct lconv *conv = localeconv ();

  return conv->thousands_sep != NULL ? conv->thousands_sep : "";
}

static char *
replace_point (char *text, const char *decimal)
{
  g_auto(GStrv) parts = NULL;

  if (g_str_equal (decimal, ".") || strchr (text, '.') == NULL)
    return text;
  parts = g_strsplit (text, ".", -1);
  g_free (text);
  return g_strjoinv (decimal, parts);
}

char *
bpl_number_text_format (double value, int digits)
{
  return replace_point (bpl_format_number (value, digits), bpl_number_text_decimal_separator ());
}

char *
bpl_number_text_format_display (double value, int digits)
{
  return replace_point (bpl_format_number_display (value, digits), bpl_number_text_decimal_separator ());
}

const char *
bpl_number_text_list_separator (void)
{
  return g_str_equal (bpl_number_text_decimal_separator (), ",") ? "; " : ", ";
}

/* The separators a typed mantissa holds, in order, each one of these. */
enum { SEP_DECIMAL = 'D', SEP_OTHER = 'O', SEP_GROUP = 'G' };

/* Digit runs between group separators: 1 to 3 digits first, then 3 each. */
static gboolean
valid_grouping (GPtrArray *runs, const GString *seps, guint n_runs)
{
  for (guint i = 0; i < n_runs; i++)
    {
      gsize len = strlen (g_ptr_array_index (runs, i));

      if (i > 0 && seps->str[i - 1] == SEP_DECIMAL)
        return FALSE;
      if (i == 0 ? (len < 1 || len > 3) : len != 3)
        return FALSE;
    }
  return n_runs > 1;
}

static gboolean
refuse (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError **error, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, BPL_ERROR, BPL_ERROR_INVALID, message);
  return FALSE;
}

gboolean
bpl_number_text_parse_with (const char  *text,
                            const char  *decimal,
                            const char  *group,
                            double      *value,
                            GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autoptr(GString) ascii = g_string_new (NULL);
  g_autoptr(GString) seps = g_string_new (NULL);
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) run = g_string_new (NULL);
  g_autoptr(GString) c_text = g_string_new (NULL);
  /* The locale's decimal separator is one of "." and ","; the other is the
   * one a student may type from habit, or from a book. */
  char d = g_str_equal (decimal, ",") ? ',' : '.';
  char o = d == ',' ? '.' : ',';
  gboolean other_groups = group != NULL && group[0] == o && group[1] == '\0';
  const char *p;
  const char *mantissa_end;
  guint n_decimal = 0, n_other = 0;
  char *end = NULL;

  if (*stripped == '\0')
    return refuse (error, _("type a number"));

  /* A real minus (as the derivation prints negatives) is a minus; a decimal
   * separator of more than one byte becomes the one the rest expects. */
  for (p = stripped; *p != '\0';)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2212)
        g_string_append_c (ascii, '-');
      else if (!g_str_equal (decimal, ".") && !g_str_equal (decimal, ",")
               && g_str_has_prefix (p, decimal))
        {
          g_string_append_c (ascii, d);
          p += strlen (decimal);
          continue;
        }
      else if (group != NULL && *group != '\0' && strchr (".,", *group) == NULL && g_str_has_prefix (p, group))
        {
          g_string_append_c (ascii, '\'');
          p += strlen (group);
          continue;
        }
      else
        g_string_append_unichar (ascii, c);
      p = g_utf8_next_char (p);
    }

  p = ascii->str;
  if (*p == '-' || *p == '+')
    g_string_append_c (c_text, *p++);
  /* The mantissa: digit runs and the separators between them. */
  for (; *p != '\0' && *p != 'e' && *p != 'E'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (run, *p);
          continue;
        }
      if (*p == d)
        g_string_append_c (seps, SEP_DECIMAL), n_decimal++;
      else if (*p == o)
        g_string_append_c (seps, SEP_OTHER), n_other++;
      else if (*p == '\'')
        g_string_append_c (seps, SEP_GROUP);
      else
        return refuse (error, _("“%s” is not a number"), stripped);
      g_ptr_array_add (runs, g_strdup (run->str));
      g_string_truncate (run, 0);
    }
  mantissa_end = p;
  g_ptr_array_add (runs, g_strdup (run->str));
  /* The exponent: a sign and digits, nothing else. */
  if (*p != '\0')
    {
      const char *q = p + 1;

      if (*q == '-' || *q == '+')
        q++;
      if (*q == '\0')
        return refuse (error, _("“%s” is not a number"), stripped);
      for (; *q != '\0'; q++)
        if (!g_ascii_isdigit (*q))
          return refuse (error, _("“%s” is not a number"), stripped);
    }
  {
    gboolean any_digit = FALSE;

    for (guint i = 0; i < runs->len; i++)
      any_digit |= *(char *) g_ptr_array_index (runs, i) != '\0';
    if (!any_digit)
      return refuse (error, _("“%s” is not a number"), stripped);
  }

  if (n_decimal > 1)
    return refuse (error, _("“%s” has more than one “%c”; a number has one decimal separator"),
                   stripped, d);

  if (seps->len == 0)
    {
      /* Digits alone. */
    }
  else if (n_decimal == 1 && seps->str[seps->len - 1] == SEP_DECIMAL && seps->len == 1)
    {
      /* The locale's own way: 0,25 in German. */
    }
  else if (n_decimal == 0 && n_other == 1 && seps->len == 1)
    {
      const char *before = g_ptr_array_index (runs, 0);
      const char *after = g_ptr_array_index (runs, 1);

      /* "1.000" in German, "1,000" in English: a thousand or one? */
      if (strlen (after) == 3 && strlen (before) >= 1 && strlen (before) <= 3 && before[0] != '0'
          && *mantissa_end == '\0')
        {
          g_autofree char *fraction = g_strdup (after);
          g_autofree char *as_decimal = NULL;
          g_autofree char *as_group = g_strdup_printf ("%s%s%s", c_text->str, before, after);

          /* Read as a decimal, written the locale's way: 1.000 is 1, 1.230 is 1,23. */
          for (gsize n = strlen (fraction); n > 0 && fraction[n - 1] == '0'; n--)
            fraction[n - 1] = '\0';
          as_decimal = g_strdup_printf ("%s%s%s%s", c_text->str, before, *fraction != '\0' ? (d == ',' ? "," : ".") : "",
                                        fraction);
          return refuse (error, _("“%s” could be %s or %s; type one of them"), stripped,
                         as_decimal, as_group);
        }
      /* Otherwise the other separator is the decimal one: 0.25 in German. */
      seps->str[0] = SEP_DECIMAL;
    }
  else
    {
      /* Thousands separators, the locale's own, before the decimal one if
       * any: 1.000,5 in German, 1 000 000 in French. */
      guint n_groups = seps->len - n_decimal;
      gboolean groups_ok = TRUE;

      for (guint i = 0; i < seps->len; i++)
        if (seps->str[i] == SEP_OTHER && !other_groups)
          groups_ok = FALSE;
      if (n_decimal == 1 && seps->str[seps->len - 1] != SEP_DECIMAL)
        groups_ok = FALSE;
      if (!groups_ok || !valid_grouping (runs, seps, n_groups + 1))
        {
          if (n_decimal == 1 || (n_other > 0 && seps->len > n_other))
            return refuse (error, _("“%s” mixes “.” and “,”; type one decimal separator and no thousands separators"),
                           stripped);
          return refuse (error, _("“%s” has more than one “%c”; type one decimal separator and no thousands separators"),
                         stripped, o);
        }
      for (guint i = 0; i < n_groups; i++)
        seps->str[i] = SEP_GROUP;
    }

  /* In C's way for g_ascii_strtod. */
  for (guint i = 0; i < runs->len; i++)
    {
      g_string_append (c_text, g_ptr_array_index (runs, i));
      if (i < seps->len && seps->str[i] == SEP_DECIMAL)
        g_string_append_c (c_text, '.');
    }
  g_string_append (c_text, mantissa_end);
  *value = g_ascii_strtod (c_text->str, &end);
  if (end == c_text->str || *end != '\0')
    return refuse (error, _("“%s” is not a number"), stripped);
  return TRUE;
}

gboolean
bpl_number_text_parse (const char  *text,
                       double      *value,
                       GError     **error)
{
  return bpl_number_text_parse_with (text, bpl_number_text_decimal_separator (),
                                     bpl_number_text_group_separator (), value, error);
}

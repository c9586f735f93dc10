/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-number-text.h: numbers as the student reads and types them, in the
 * locale's way (0,25 in German, French, Spanish, Brazilian Portuguese;
 * 0.25 in English). Files and the command line never use this: they stay
 * with the decimal point whatever the locale. No GTK. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The current LC_NUMERIC's decimal separator (",", "."; never empty) and
 * its thousands separator ("" when it has none). */
const char *bpl_number_text_decimal_separator  (void);
const char *bpl_number_text_group_separator    (void);

/* bpl_format_number (@value, @digits) with the locale's decimal separator. */
char       *bpl_number_text_format             (double value,
                                                int    digits);

/* bpl_format_number_display (@value, @digits), "−0.31", "1.2×10⁻⁵", with the
 * locale's decimal separator. */
char       *bpl_number_text_format_display     (double value,
                                                int    digits);
/* What separates numbers in a list: ", ", or "; " where the decimal
 * separator is a comma ((0,05; 0,1), not (0,05, 0,1)). */
const char *bpl_number_text_list_separator     (void);

/* Reads @text as typed: blanks around it and a real minus (−) are fine,
 * the locale's decimal separator is, and so is the other one of "." and ","
 * where it cannot be a thousands separator ("0.25" in German is 0.25;
 * "1.000" could be 1 or 1000 and is refused, saying so). A thousands
 * separator is taken only with the locale's decimal separator after it
 * ("1.000,5" in German). Refused text gives FALSE and @error
 * (BPL_ERROR_INVALID) with a message that quotes it; NaN and infinity are
 * not numbers here. */
gboolean    bpl_number_text_parse              (const char  *text,
                                                double      *value,
                                                GError     **error);
/* The same with the separators given, for tests: @decimal "." or ",";
 * @group may be "" or NULL. */
gboolean    bpl_number_text_parse_with         (const char  *text,
                                                const char  *decimal,
                                                const char  *group,
                                                double      *value,
                                                GError     **error);

G_END_DECLS

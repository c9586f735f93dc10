/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-json-check-private.h: where a network file stops being JSON, in the
 * app's words. json-glib's own message ("<data>:1:89: Parse error:
 * unexpected number `0.200', expected character `,'") names the token
 * before the mistake and is partly translated by another package; this
 * finds the mistake itself and says it with its line and column. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Line and column, both from 1, of byte @offset; columns count characters. */
void     bpl_json_position     (const char *data,
                                gsize       length,
                                gsize       offset,
                                guint      *line,
                                guint      *column);

/* The first syntax mistake in @data: TRUE with *@message set to
 * "line 1, column 89: the JSON is not valid (expected ',' or ']' after a
 * value in a list, found the number 0.200)". FALSE when it finds none: it
 * accepts what json-glib accepts (comments, single quotes, hex numbers), so
 * that it never blames what the parser let through. */
gboolean bpl_json_find_mistake (const char *data,
                                gsize       length,
                                char      **message);

G_END_DECLS

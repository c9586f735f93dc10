/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-lesson-private.h: the lesson's part of the network file, for
 * bpl-file.c. */
#pragma once

#include <json-glib/json-glib.h>

#include "bpl-lesson.h"
#include "bpl-network.h"

G_BEGIN_DECLS

/* The lesson in @node ("lesson"), checked against @network. Every field
 * that is wrong is left out, with a warning "SOURCE: lesson.FIELD: …" added
 * to @warnings; NULL when nothing of it can be used. */
BplLesson *_bpl_lesson_read         (JsonNode         *node,
                                     const BplNetwork *network,
                                     const char       *source,
                                     GPtrArray        *warnings);
/* ",\n  "lesson": {…}" */
void       _bpl_lesson_append_json  (GString          *out,
                                     const BplLesson  *lesson);

G_END_DECLS

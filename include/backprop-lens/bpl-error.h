/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-error.h: the one error domain for recoverable runtime errors (bad files,
 * bad values, failed writes, a training step that would overflow). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BPL_ERROR (bpl_error_quark ())

typedef enum {
  BPL_ERROR_PARSE,        /* not JSON, not UTF-8, truncated */
  BPL_ERROR_FORMAT,       /* JSON, but not a valid network (wrong field, type, size) */
  BPL_ERROR_VERSION,      /* a newer format version than this program reads */
  BPL_ERROR_LIMIT,        /* beyond a documented limit */
  BPL_ERROR_INVALID,      /* a value or name that does not fit the network */
  BPL_ERROR_NOT_FINITE,   /* a computation would produce NaN or infinity */
  BPL_ERROR_IO,           /* reading or writing a file failed */
} BplError;

GQuark bpl_error_quark (void);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-error.h"

G_DEFINE_QUARK (bpl-error-quark, bpl_error)

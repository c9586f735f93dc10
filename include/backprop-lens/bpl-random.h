/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-random.h: a small seeded random number generator of our own
 * (xoshiro256**, seeded through splitmix64), so that a seed gives the same
 * numbers on every machine and with every C library: rand() differs
 * between C libraries, and GLib does not promise GRand's sequence across
 * versions. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint64 s[4];
} BplRandom;

void     bpl_random_init   (BplRandom *self, guint64 seed);
/* The next 64 random bits. */
guint64  bpl_random_next   (BplRandom *self);
/* Uniform in [0, 1), 53 random bits. */
double   bpl_random_double (BplRandom *self);
/* Uniform in [lo, hi). */
double   bpl_random_range  (BplRandom *self, double lo, double hi);
/* Uniform in 0 … n − 1, without modulo bias; n ≥ 1. */
guint64  bpl_random_below  (BplRandom *self, guint64 n);
/* Standard normal (mean 0, deviation 1), by Marsaglia's polar method. */
double   bpl_random_normal (BplRandom *self);

G_END_DECLS

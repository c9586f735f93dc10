/* SPDX-License-Identifier: GPL-3.0-or-later */
/* xoshiro256** 1.0 and splitmix64, after the public-domain reference code of
 * Blackman and Vigna (https://prng.di.unimi.it/). Integer arithmetic only,
 * so the stream is the same everywhere. */
#include "config.h"

#include <math.h>

#include "bpl-random.h"

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

void
bpl_random_init (BplRandom *self, guint64 seed)
{
  guint64 state = seed;

  g_return_if_fail (self != NULL);
  /* splitmix64 never gives four zero words, the one state xoshiro must avoid. */
  for (guint i = 0; i < 4; i++)
    self->s[i] = splitmix64 (&state);
}

guint64
bpl_random_next (BplRandom *self)
{
  guint64 *s = self->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

double
bpl_random_double (BplRandom *self)
{
  return (double) (bpl_random_next (self) >> 11) * 0x1.0p-53;
}

double
bpl_random_range (BplRandom *self, double lo, double hi)
{
  return lo + (hi - lo) * bpl_random_double (self);
}

guint64
bpl_random_below (BplRandom *self, guint64 n)
{
  guint64 limit, x;

  g_return_val_if_fail (n >= 1, 0);
  /* The largest multiple of n that fits: draws at or above it are redrawn. */
  limit = G_MAXUINT64 - G_MAXUINT64 % n;
  do
    x = bpl_random_next (self);
  while (x >= limit);
  return x % n;
}

double
bpl_random_normal (BplRandom *self)
{
  double u, v, s;

  do
    {
      u = bpl_random_range (self, -1.0, 1.0);
      v = bpl_random_range (self, -1.0, 1.0);
      s = u * u + v * v;
    }
  while (s >= 1.0 || s == 0.0);
  return u * sqrt (-2.0 * log (s) / s);
}

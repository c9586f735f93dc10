/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-test-util.h: helpers shared by the core tests. */
#pragma once

#include <glib.h>
#include <math.h>
#include <string.h>

G_BEGIN_DECLS

/* One unit in the last decimal place of @shown ("0.186815602" → 1e-9). */
static inline double
bpl_test_last_place (const char *shown)
{
  const char *dot = strchr (shown, '.');
  gsize decimals = 0;

  if (dot != NULL)
    for (const char *p = dot + 1; g_ascii_isdigit (*p); p++)
      decimals++;
  return pow (10.0, -(double) decimals);
}

/* Asserts that @value agrees with the digits a text shows: |value − shown| is
 * at most @units units in the last shown decimal place. One unit admits both
 * rounding and truncation; the epsilon absorbs the binary representation of
 * @shown itself. */
static inline void
bpl_test_assert_shown_impl (double      value,
                            const char *shown,
                            double      units,
                            const char *expr,
                            const char *file,
                            int         line,
                            const char *func)
{
  double expected = g_ascii_strtod (shown, NULL);
  double unit = bpl_test_last_place (shown);
  double tolerance = units * unit * (1.0 + 1e-9);
  double diff = fabs (value - expected);

  g_test_message ("%s = %.17g; shown %s; off by %.3g units of %g", expr, value, shown, diff / unit, unit);
  if (!(diff <= tolerance))
    {
      g_autofree char *msg = g_strdup_printf ("%s = %.17g does not agree with the shown %s: off by %.3g "
                                              "(allowed %g unit%s of %g)",
                                              expr, value, shown, diff, units, units == 1 ? "" : "s", unit);
      g_assertion_message (G_LOG_DOMAIN, file, line, func, msg);
    }
}

#define assert_shown(value, shown) \
  bpl_test_assert_shown_impl ((value), (shown), 1.0, #value, __FILE__, __LINE__, G_STRFUNC)
#define assert_shown_units(value, shown, units) \
  bpl_test_assert_shown_impl ((value), (shown), (units), #value, __FILE__, __LINE__, G_STRFUNC)

/* For a number the text computed from its own already-rounded inputs:
 * @correction is exactly how far those rounded inputs move the result
 * (computed from our full-precision values minus the inputs as shown), and
 * value − correction must agree with @shown to one unit. */
#define assert_shown_from_rounded(value, correction, shown)                                     \
  G_STMT_START                                                                                  \
  {                                                                                             \
    double _corr = (correction);                                                                \
    g_test_message ("%s: the example's rounded inputs account for %.3g of the difference",     \
                    #value, _corr);                                                             \
    bpl_test_assert_shown_impl ((value) - _corr, (shown), 1.0, #value " - (" #correction ")",   \
                                __FILE__, __LINE__, G_STRFUNC);                                 \
  }                                                                                             \
  G_STMT_END

/* |a − b| ≤ rel·max(|a|, |b|) + abs. */
#define assert_close(a, b, rel, abs_tol)                                                        \
  G_STMT_START                                                                                  \
  {                                                                                             \
    double _a = (a), _b = (b);                                                                  \
    double _tol = (rel) * MAX (fabs (_a), fabs (_b)) + (abs_tol);                               \
    if (!(fabs (_a - _b) <= _tol))                                                              \
      {                                                                                         \
        g_autofree char *_msg = g_strdup_printf ("%s = %.17g and %s = %.17g differ by %.3g "   \
                                                 "(allowed %.3g)", #a, _a, #b, _b,              \
                                                 fabs (_a - _b), _tol);                         \
        g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, _msg);                \
      }                                                                                         \
  }                                                                                             \
  G_STMT_END

G_END_DECLS

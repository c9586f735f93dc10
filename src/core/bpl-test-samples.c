/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Test samples: kept beside the samples, copied, compared and checked with
 * them, never trained on. The test error runs the forward pass on a view of
 * the network whose samples are the test samples, so it is computed by the
 * very code that computes the error of the samples. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <math.h>
#include <string.h>

#include "bpl-error.h"
#include "bpl-forward.h"
#include "bpl-network-private.h"

static inline guint
n_inputs (const BplNetwork *self)
{
  return self->layer_size[0];
}

static inline guint
n_outputs (const BplNetwork *self)
{
  return self->layer_size[self->n_layers - 1];
}

void
_bpl_network_copy_test_samples (BplNetwork *copy, const BplNetwork *self)
{
  bpl_network_set_test_samples (copy, self->test_inputs, self->test_targets, self->n_test_samples);
}

void
_bpl_network_free_test_samples (BplNetwork *self)
{
  g_clear_pointer (&self->test_inputs, g_free);
  g_clear_pointer (&self->test_targets, g_free);
  self->n_test_samples = 0;
}

/* Bitwise, like the rest of bpl_network_equal(). */
gboolean
_bpl_network_test_samples_equal (const BplNetwork *a, const BplNetwork *b)
{
  gsize n_in = (gsize) a->n_test_samples * n_inputs (a);
  gsize n_out = (gsize) a->n_test_samples * n_outputs (a);

  if (a->n_test_samples != b->n_test_samples)
    return FALSE;
  if (a->n_test_samples == 0)
    return TRUE;
  return memcmp (a->test_inputs, b->test_inputs, sizeof (double) * n_in) == 0 &&
         memcmp (a->test_targets, b->test_targets, sizeof (double) * n_out) == 0;
}

static gboolean
check_range (const double *values, guint n_samples, guint per_sample, const char *kind, GError **error)
{
  for (guint s = 0; s < n_samples; s++)
    for (guint i = 0; i < per_sample; i++)
      {
        double v = values[(gsize) s * per_sample + i];

        /* NaN fails every comparison: one test for NaN, ±∞ and too large. */
        if (fabs (v) <= BPL_MAX_ABS_VALUE)
          continue;
        if (!isfinite (v))
          g_set_error (error, BPL_ERROR, BPL_ERROR_NOT_FINITE, _("test sample %u: %s %u is %s, not a finite number"),
                       s + 1, kind, i + 1, isnan (v) ? "NaN" : v > 0 ? "∞" : "−∞");
        else
          g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT,
                       _("test sample %u: %s %u is %g, beyond the ±%g a network may hold"), s + 1, kind, i + 1, v,
                       BPL_MAX_ABS_VALUE);
        return FALSE;
      }
  return TRUE;
}

gboolean
_bpl_network_check_test_samples (const BplNetwork *self, GError **error)
{
  g_autoptr (GError) rule_error = NULL;
  BplNetwork view;

  if (self->n_test_samples == 0)
    return TRUE;
  if (self->n_test_samples > BPL_MAX_SAMPLES)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT, _("test_samples: at most %d are allowed, found %u"),
                   BPL_MAX_SAMPLES, self->n_test_samples);
      return FALSE;
    }
  if (!check_range (self->test_inputs, self->n_test_samples, n_inputs (self), _("input"), error) ||
      !check_range (self->test_targets, self->n_test_samples, n_outputs (self), _("target"), error))
    return FALSE;

  /* Whatever else a sample must satisfy (targets in [0, 1] for
   * cross-entropy, …), a test sample must too: the same checks, on the view. */
  view = _bpl_network_test_view (self);
  if (!bpl_network_check (&view, &rule_error))
    {
      g_set_error (error, rule_error->domain, rule_error->code, "test_samples: %s", rule_error->message);
      return FALSE;
    }
  return TRUE;
}

void
bpl_network_set_samples (BplNetwork *self, const double *inputs, const double *targets, guint n_samples)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (inputs != NULL && targets != NULL);
  g_return_if_fail (n_samples >= 1 && n_samples <= BPL_MAX_SAMPLES);

  g_free (self->inputs);
  g_free (self->targets);
  self->inputs = g_memdup2 (inputs, sizeof (double) * n_samples * n_inputs (self));
  self->targets = g_memdup2 (targets, sizeof (double) * n_samples * n_outputs (self));
  self->n_samples = n_samples;
}

guint
bpl_network_get_n_test_samples (const BplNetwork *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_test_samples;
}

const double *
bpl_network_get_test_input (const BplNetwork *self, guint sample)
{
  g_return_val_if_fail (self != NULL && sample < self->n_test_samples, NULL);
  return self->test_inputs + (gsize) sample * n_inputs (self);
}

const double *
bpl_network_get_test_target (const BplNetwork *self, guint sample)
{
  g_return_val_if_fail (self != NULL && sample < self->n_test_samples, NULL);
  return self->test_targets + (gsize) sample * n_outputs (self);
}

void
bpl_network_set_test_input (BplNetwork *self, guint sample, guint i, double value)
{
  g_return_if_fail (self != NULL && sample < self->n_test_samples && i < n_inputs (self));
  self->test_inputs[(gsize) sample * n_inputs (self) + i] = value;
}

void
bpl_network_set_test_target (BplNetwork *self, guint sample, guint o, double value)
{
  g_return_if_fail (self != NULL && sample < self->n_test_samples && o < n_outputs (self));
  self->test_targets[(gsize) sample * n_outputs (self) + o] = value;
}

guint
bpl_network_add_test_sample (BplNetwork *self, const double *input, const double *target)
{
  guint n_in, n_out, s;

  g_return_val_if_fail (self != NULL && input != NULL && target != NULL, 0);
  g_return_val_if_fail (self->n_test_samples < BPL_MAX_SAMPLES, 0);

  n_in = n_inputs (self);
  n_out = n_outputs (self);
  s = self->n_test_samples;
  self->test_inputs = g_renew (double, self->test_inputs, (gsize) (s + 1) * n_in);
  self->test_targets = g_renew (double, self->test_targets, (gsize) (s + 1) * n_out);
  memcpy (self->test_inputs + (gsize) s * n_in, input, sizeof (double) * n_in);
  memcpy (self->test_targets + (gsize) s * n_out, target, sizeof (double) * n_out);
  self->n_test_samples = s + 1;
  return s;
}

void
bpl_network_remove_test_sample (BplNetwork *self, guint sample)
{
  guint n_in, n_out, after;

  g_return_if_fail (self != NULL && sample < self->n_test_samples);

  if (self->n_test_samples == 1)
    {
      _bpl_network_free_test_samples (self);
      return;
    }
  n_in = n_inputs (self);
  n_out = n_outputs (self);
  after = self->n_test_samples - sample - 1;
  memmove (self->test_inputs + (gsize) sample * n_in, self->test_inputs + (gsize) (sample + 1) * n_in,
           sizeof (double) * after * n_in);
  memmove (self->test_targets + (gsize) sample * n_out, self->test_targets + (gsize) (sample + 1) * n_out,
           sizeof (double) * after * n_out);
  self->n_test_samples--;
}

void
bpl_network_set_test_samples (BplNetwork *self, const double *inputs, const double *targets, guint n_samples)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (n_samples == 0 || (inputs != NULL && targets != NULL));
  g_return_if_fail (n_samples <= BPL_MAX_SAMPLES);

  /* Copied before the old arrays go: @inputs may be this network's own. */
  {
    double *new_inputs = n_samples > 0 ? g_memdup2 (inputs, sizeof (double) * n_samples * n_inputs (self)) : NULL;
    double *new_targets = n_samples > 0 ? g_memdup2 (targets, sizeof (double) * n_samples * n_outputs (self)) : NULL;

    _bpl_network_free_test_samples (self);
    self->test_inputs = new_inputs;
    self->test_targets = new_targets;
    self->n_test_samples = n_samples;
  }
}

void
bpl_forward_compute_test (BplForward *self, const BplNetwork *network, guint test_sample)
{
  BplNetwork view;

  g_return_if_fail (self != NULL && network != NULL);
  g_return_if_fail (test_sample < network->n_test_samples);

  view = _bpl_network_test_view (network);
  bpl_forward_compute (self, &view, test_sample);
}

double
bpl_network_mean_test_error (const BplNetwork *network, BplForward *scratch)
{
  BplNetwork view;

  g_return_val_if_fail (network != NULL && scratch != NULL, NAN);

  if (network->n_test_samples == 0)
    return NAN;
  view = _bpl_network_test_view (network);
  return bpl_network_mean_error (&view, scratch);
}

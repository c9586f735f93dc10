/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-csv: any bytes as a CSV import. The first line chooses the columns,
 * "INPUTS|TARGETS|FLAGS" (names comma-separated; FLAGS holds 'h' for one-hot
 * and a digit d for a test fraction of d/10); the rest is the CSV file. A
 * refused file must come with an error that names it; an accepted one must
 * hold only finite numbers in range, split, go into a network and survive a
 * training step, and save and load back to the same network. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "backprop-lens.h"
#include "fuzz-target.h"

static void
check_values (const double *values, gsize n)
{
  for (gsize i = 0; i < n; i++)
    g_assert (isfinite (values[i]) && fabs (values[i]) <= BPL_MAX_ABS_VALUE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *text = (const char *) data;
  const char *newline = memchr (text, '\n', size);
  g_autofree char *spec = NULL;
  g_auto (GStrv) parts = NULL;
  g_auto (GStrv) inputs = NULL;
  g_auto (GStrv) targets = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (BplDataset) dataset = NULL;
  g_autoptr (BplNetwork) network = NULL;
  g_autoptr (BplNetwork) again = NULL;
  g_autoptr (BplTrainer) trainer = NULL;
  g_autoptr (BplForward) forward = NULL;
  g_autofree char *saved = NULL;
  gboolean one_hot;
  double fraction = 0;
  gsize csv_length, length;

  if (newline == NULL)
    return 0;
  spec = g_strndup (text, (gsize) (newline - text));
  parts = g_strsplit (spec, "|", 3);
  if (g_strv_length (parts) < 2)
    return 0;
  inputs = g_strsplit (parts[0], ",", 300);
  targets = g_strsplit (parts[1], ",", 300);
  one_hot = parts[2] != NULL && strchr (parts[2], 'h') != NULL;
  for (const char *p = parts[2]; p != NULL && *p; p++)
    if (g_ascii_isdigit (*p))
      fraction = (*p - '0') / 10.0;
  csv_length = size - (gsize) (newline + 1 - text);

  /* The header as Import CSV… reads it: names, or a message naming the
   * file; every import that succeeds found its columns there. */
  {
    g_autoptr (GError) header_error = NULL;
    g_auto (GStrv) columns = bpl_csv_read_columns (newline + 1, csv_length, "fuzz.csv", &header_error);

    if (columns == NULL)
      g_assert (header_error != NULL && g_str_has_prefix (header_error->message, "fuzz.csv: "));
    for (guint c = 0; columns != NULL && columns[c] != NULL; c++)
      g_assert (g_utf8_validate (columns[c], -1, NULL));
  }

  dataset = bpl_csv_import (newline + 1, csv_length, "fuzz.csv", (const char *const *) inputs,
                            (const char *const *) targets, one_hot, &error);
  if (dataset == NULL)
    {
      g_assert (error != NULL && error->domain == BPL_ERROR);
      g_assert (g_str_has_prefix (error->message, "fuzz.csv: "));
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);

  g_assert (dataset->n_inputs == g_strv_length (inputs));
  g_assert (one_hot ? dataset->n_targets >= 2 : dataset->n_targets == g_strv_length (targets));
  g_assert (dataset->n_samples >= 1 && dataset->n_samples <= BPL_DATASET_MAX_POINTS);
  check_values (dataset->inputs, (gsize) dataset->n_samples * dataset->n_inputs);
  check_values (dataset->targets, (gsize) dataset->n_samples * dataset->n_targets);
  if (one_hot)
    for (guint s = 0; s < dataset->n_samples; s++)
      {
        double sum = 0;
        for (guint o = 0; o < dataset->n_targets; o++)
          sum += dataset->targets[(gsize) s * dataset->n_targets + o];
        g_assert (sum == 1.0);
      }

  if (!bpl_dataset_split (dataset, fraction, 1, &error))
    {
      /* Only when the fraction would take every point. */
      g_assert (g_error_matches (error, BPL_ERROR, BPL_ERROR_INVALID));
      return 0;
    }

  network = bpl_dataset_new_network (dataset, 1, &error);
  if (network == NULL)
    {
      /* Only too many values for a network file. */
      g_assert (g_error_matches (error, BPL_ERROR, BPL_ERROR_LIMIT));
      return 0;
    }
  g_assert (bpl_network_get_n_samples (network) == dataset->n_samples);
  g_assert (bpl_network_get_n_test_samples (network) == dataset->n_test_samples);

  saved = bpl_network_to_data (network, &length);
  again = bpl_network_load_from_data (saved, length, "fuzz.json", &error);
  g_assert_no_error (error);
  g_assert (bpl_network_equal (network, again));

  forward = bpl_forward_new (network);
  trainer = bpl_trainer_new (network);
  if (!bpl_trainer_step (trainer, network, &error))
    {
      g_assert (g_error_matches (error, BPL_ERROR, BPL_ERROR_NOT_FINITE));
      g_clear_error (&error);
    }
  if (dataset->n_test_samples > 0)
    (void) bpl_network_mean_test_error (network, forward);
  return 0;
}

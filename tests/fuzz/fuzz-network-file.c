/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-network-file: any bytes as a network file. A refused file must come
 * with an error; an accepted one must survive everything the app does with
 * it (forward pass, a derivation, a training step, a layout) and round-trip
 * through save and load exactly. */
#include "config.h"

#include <stdint.h>

#include "backprop-lens-diagram.h"
#include "fuzz-target.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BplNetwork) net = NULL;
  g_autoptr (BplNetwork) again = NULL;
  g_autoptr (BplForward) forward = NULL;
  g_autoptr (BplTrainer) trainer = NULL;
  g_autofree char *text = NULL;
  gsize length;

  net = bpl_network_load_from_data ((const char *) data, size, "fuzz.json", &error);
  if (net == NULL)
    {
      /* Every refusal names the source. */
      g_assert (error != NULL && error->domain == BPL_ERROR);
      g_assert (g_str_has_prefix (error->message, "fuzz.json: "));
      return 0;
    }
  g_assert_no_error (error);

  text = bpl_network_to_data (net, &length);
  again = bpl_network_load_from_data (text, length, "fuzz.json", &error);
  g_assert_no_error (error);
  g_assert (bpl_network_equal (net, again));

  forward = bpl_forward_new (net);
  bpl_forward_compute (forward, net, bpl_network_get_n_samples (net) - 1);

  /* Derivations enumerate paths: bounded by the cap whatever the shape. */
  if (bpl_network_get_n_weights (net) <= 4096)
    {
      BplParam first = { BPL_PARAM_WEIGHT, 0 };
      BplParam last = { BPL_PARAM_WEIGHT, bpl_network_get_n_weights (net) - 1 };
      g_autoptr (BplDerivation) d1 = bpl_derivation_new (net, first, 0, &error);
      g_autoptr (BplDerivation) d2 = bpl_derivation_new (net, last, 0, &error);
      g_autofree char *report = NULL;
      g_assert_no_error (error);
      g_assert (d1->n_paths <= BPL_DERIVATION_MAX_PATHS && d2->n_paths <= BPL_DERIVATION_MAX_PATHS);
      report = bpl_derivation_to_report (d1, net, BPL_REPORT_LATEX, 6);
      g_assert (report != NULL);
    }

  trainer = bpl_trainer_new (net);
  if (!bpl_trainer_step (trainer, net, &error))
    {
      /* Refused steps leave the network as it was. */
      g_assert (g_error_matches (error, BPL_ERROR, BPL_ERROR_NOT_FINITE));
      g_assert (bpl_network_equal (net, again));
      g_clear_error (&error);
    }

  if (bpl_network_get_n_neurons (net) <= 64)
    {
      BplLayoutOptions options;
      g_autoptr (BplLayout) layout = NULL;
      bpl_layout_options_init (&options);
      layout = bpl_layout_new (net, 800, 600, &options);
      g_assert (layout != NULL);
      (void) bpl_layout_hit_test (layout, 400, 300);
    }
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-cli-data-view.c: the data view's options, shared by render and
 * layout: --show (an output or "class") and --discretize. */
#include "config.h"

#include "bpl-cli-data-view.h"

#include "bpl-cli.h"

#include <glib/gi18n.h>


gboolean
bpl_cli_data_view_options (const BplNetwork   *network,
                           const char         *show,
                           gboolean            discretize,
                           BplDataViewOptions *options)
{
  guint n_layers = bpl_network_get_n_layers (network);
  guint first = bpl_network_get_layer_start (network, n_layers - 1);
  guint neuron;

  bpl_data_view_options_init (options, network);
  options->discretize = discretize;
  if (show == NULL)
    return TRUE;
  if (g_str_equal (show, "class"))
    {
      if (bpl_network_get_n_outputs (network) < 2)
        {
          bpl_cli_error (bpl_cli_get_command (),
                         _("--show class needs two or more outputs; this network has one"));
          return FALSE;
        }
      options->output = BPL_DATA_VIEW_ARGMAX;
      return TRUE;
    }
  if (!bpl_network_parse_neuron (network, show, &neuron) || neuron < first)
    {
      bpl_cli_error (bpl_cli_get_command (),
                     _("--show %s: expected an output neuron (%s … %s) or class"), show,
                     bpl_network_get_neuron_name (network, first),
                     bpl_network_get_neuron_name (network, bpl_network_get_n_neurons (network) - 1));
      return FALSE;
    }
  options->output = neuron - first;
  return TRUE;
}

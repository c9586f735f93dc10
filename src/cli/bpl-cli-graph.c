/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-cli-graph.c: the computational graph that `graph` and `render --view
 * graph` show: the whole graph, or the part --select names. */
#include "config.h"

#include "bpl-cli.h"

#include <glib/gi18n.h>
#include <string.h>

/* "i1…i2, h1…h2, o1…o2": the neurons' names, layer kind by layer kind. */
static char *
neuron_ranges (const BplNetwork *network)
{
  guint n_in = bpl_network_get_n_inputs (network);
  guint n = bpl_network_get_n_neurons (network);
  guint first_out = n - bpl_network_get_n_outputs (network);
  GString *s = g_string_new (NULL);
  const guint starts[] = { 0, n_in, first_out };
  const guint ends[] = { n_in, first_out, n };

  for (guint k = 0; k < 3; k++)
    {
      if (ends[k] <= starts[k])
        continue;
      if (s->len > 0)
        g_string_append (s, ", ");
      g_string_append (s, bpl_network_get_neuron_name (network, starts[k]));
      if (ends[k] - starts[k] > 1)
        g_string_append_printf (s, "…%s", bpl_network_get_neuron_name (network, ends[k] - 1));
    }
  return g_string_free (s, FALSE);
}

BplGraph *
bpl_cli_graph_new (const BplNetwork *network,
                   guint             sample,
                   const char       *select,
                   guint             per_layer,
                   guint             max_nodes,
                   int              *exit_status)
{
  g_autoptr (BplGraph) full = NULL;
  g_autoptr (GError) error = NULL;
  BplParam param;
  guint neuron;

  *exit_status = BPL_CLI_EXIT_BAD_INPUT;
  full = bpl_graph_new (network, sample, &error);
  if (full == NULL)
    {
      bpl_cli_print_gerror (error);
      return NULL;
    }
  if (select == NULL)
    {
      if (max_nodes > 0 && full->n_nodes > max_nodes)
        {
          bpl_cli_error (bpl_cli_get_command (),
                         _("the whole graph has %u nodes, more than the %u this output takes; choose "
                           "a part with --select (a weight such as w1, a bias such as b1 or a neuron "
                           "such as h1)"),
                         full->n_nodes, max_nodes);
          return NULL;
        }
      *exit_status = BPL_CLI_EXIT_OK;
      return g_steal_pointer (&full);
    }

  *exit_status = BPL_CLI_EXIT_OK;
  if (bpl_network_parse_param (network, select, &param, NULL))
    return bpl_graph_new_for_param (full, network, param, per_layer);
  if (bpl_network_parse_neuron (network, select, &neuron))
    return bpl_graph_new_for_neuron (full, network, neuron, per_layer);

  {
    g_autofree char *neurons = neuron_ranges (network);
    g_autofree char *shown = g_utf8_make_valid (select, -1);

    /* Quoted, not obeyed: no control characters, and not too long. */
    for (char *p = shown; *p != '\0'; p++)
      if ((guchar) *p < 0x20)
        *p = '?';
    if (g_utf8_strlen (shown, -1) > 40)
      {
        char *cut = g_utf8_offset_to_pointer (shown, 39);

        *cut = '\0';
        shown = g_realloc (shown, strlen (shown) + sizeof "…");
        strcat (shown, "…");
      }

    *exit_status = BPL_CLI_EXIT_BAD_INPUT;
    if (bpl_network_get_n_biases (network) > 0)
      bpl_cli_error (bpl_cli_get_command (),
                     _("--select: no parameter or neuron “%s”: this network has weights w1…w%u, "
                       "biases b1…b%u and neurons %s"),
                     shown, bpl_network_get_n_weights (network), bpl_network_get_n_biases (network),
                     neurons);
    else
      bpl_cli_error (bpl_cli_get_command (),
                     _("--select: no parameter or neuron “%s”: this network has weights w1…w%u, "
                       "no biases and neurons %s"),
                     shown, bpl_network_get_n_weights (network), neurons);
  }
  return NULL;
}

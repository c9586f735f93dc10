/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-document-data.c: the data view's edits of a document's points, the
 * samples and the test samples: each makes a changed copy of the network
 * shown and hands it to bpl_document_edit_network, so it is one undo step
 * and refused as a whole. */
#include "config.h"

#include "bpl-document.h"

#include <math.h>

static guint
n_points (const BplNetwork *network,
          gboolean          test)
{
  return test ? bpl_network_get_n_test_samples (network) : bpl_network_get_n_samples (network);
}

gboolean
bpl_document_add_point (BplDocument  *self,
                        gboolean      test,
                        const double *input,
                        const double *target,
                        guint        *index)
{
  g_autoptr (BplNetwork) network = NULL;
  guint added;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (input != NULL && target != NULL, FALSE);

  if (!test)
    return bpl_document_add_sample (self, input, target, index);
  network = bpl_document_dup_network (self);
  if (n_points (network, TRUE) >= BPL_MAX_SAMPLES)
    return FALSE;
  added = bpl_network_add_test_sample (network, input, target);
  if (!bpl_document_edit_network (self, g_steal_pointer (&network), NULL))
    return FALSE;
  if (index != NULL)
    *index = added;
  return TRUE;
}

gboolean
bpl_document_move_point (BplDocument  *self,
                         gboolean      test,
                         guint         index,
                         const double *input,
                         const double *target)
{
  g_autoptr (BplNetwork) network = NULL;
  guint n_inputs;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  network = bpl_document_dup_network (self);
  if (index >= n_points (network, test))
    return FALSE;
  n_inputs = bpl_network_get_n_inputs (network);
  for (guint i = 0; i < n_inputs; i++)
    {
      if (!isfinite (input[i]) || fabs (input[i]) > BPL_MAX_ABS_VALUE)
        return FALSE;
      if (test)
        bpl_network_set_test_input (network, index, i, input[i]);
      else
        bpl_network_set_input (network, index, i, input[i]);
    }
  for (guint o = 0; target != NULL && o < bpl_network_get_n_outputs (network); o++)
    {
      if (!isfinite (target[o]) || fabs (target[o]) > BPL_MAX_ABS_VALUE)
        return FALSE;
      if (test)
        bpl_network_set_test_target (network, index, o, target[o]);
      else
        bpl_network_set_target (network, index, o, target[o]);
    }
  return bpl_document_edit_network (self, g_steal_pointer (&network), NULL);
}

gboolean
bpl_document_remove_point (BplDocument *self,
                           gboolean     test,
                           guint        index)
{
  g_autoptr (BplNetwork) network = NULL;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);

  if (!test)
    return bpl_document_remove_sample (self, index);
  network = bpl_document_dup_network (self);
  if (index >= n_points (network, TRUE))
    return FALSE;
  bpl_network_remove_test_sample (network, index);
  return bpl_document_edit_network (self, g_steal_pointer (&network), NULL);
}

gboolean
bpl_document_use_dataset (BplDocument      *self,
                          const BplDataset *data,
                          gboolean          keep_network,
                          guint64           seed,
                          GError          **error)
{
  g_autoptr (BplNetwork) network = NULL;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  /* The network shown keeps its weights where the data fits it; else a
   * network that suits the data. Either way one undo step. */
  if (keep_network && bpl_dataset_fits (data, bpl_document_get_network (self), NULL))
    {
      network = bpl_document_dup_network (self);
      if (!bpl_dataset_apply (data, network, error))
        return FALSE;
    }
  else
    {
      network = bpl_dataset_new_network (data, seed, error);
      if (network == NULL)
        return FALSE;
    }
  return bpl_document_edit_network (self, g_steal_pointer (&network), error);
}

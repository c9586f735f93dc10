/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-document-architecture.c: the architecture editor's edits of a
 * document: each makes a changed copy of the network shown and hands it to
 * bpl_document_edit_network, so it is one undo step and refused as a
 * whole. */
#include "config.h"

#include "bpl-document.h"

#include <glib/gi18n.h>
#include <math.h>

/* The shape of the network shown, each layer continuing itself. */
static void
current_shape (BplDocument *self,
               guint       *sizes,
               gint        *old_layer_of,
               guint       *n_layers)
{
  const BplNetwork *network = bpl_document_get_network (self);

  *n_layers = bpl_network_get_n_layers (network);
  for (guint l = 0; l < *n_layers; l++)
    {
      sizes[l] = bpl_network_get_layer_size (network, l);
      old_layer_of[l] = (gint) l;
    }
}

/* The network in a new shape; @old_layer_of says which old layer each new
 * one continues. */
static gboolean
reshape (BplDocument *self,
         const guint *sizes,
         const gint  *old_layer_of,
         guint        n_layers,
         BplBiasMode  bias_mode,
         GError     **error)
{
  g_autoptr(BplNetwork) old = bpl_document_dup_network (self);
  BplNetwork *network;

  network = bpl_reshape_network (old, sizes, old_layer_of, n_layers, bias_mode,
                                 bpl_document_get_seed (self), error);
  if (network == NULL)
    return FALSE;
  return bpl_document_edit_network (self, network, error);
}

static BplBiasMode
current_bias_mode (BplDocument *self)
{
  return bpl_network_get_bias_mode (bpl_document_get_network (self));
}

static gboolean
refuse_layer (guint    layer,
              GError **error)
{
  g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID, _("There is no hidden layer %u"), layer);
  return FALSE;
}

gboolean
bpl_document_set_layer_size (BplDocument *self,
                             guint        layer,
                             guint        size,
                             GError     **error)
{
  guint sizes[BPL_MAX_LAYERS];
  gint map[BPL_MAX_LAYERS];
  guint n_layers;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);

  current_shape (self, sizes, map, &n_layers);
  if (layer >= n_layers)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID, _("There is no layer %u"), layer);
      return FALSE;
    }
  if (size < 1 || size > BPL_MAX_LAYER_SIZE)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT, _("A layer has 1 to %d neurons"), BPL_MAX_LAYER_SIZE);
      return FALSE;
    }
  if (sizes[layer] == size)
    return TRUE;
  sizes[layer] = size;
  return reshape (self, sizes, map, n_layers, current_bias_mode (self), error);
}

gboolean
bpl_document_add_hidden_layer (BplDocument *self,
                               GError     **error)
{
  guint sizes[BPL_MAX_LAYERS + 1];
  gint map[BPL_MAX_LAYERS + 1];
  guint n_layers;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);

  current_shape (self, sizes, map, &n_layers);
  if (n_layers >= BPL_MAX_LAYERS)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT, _("A network has at most %d layers"), BPL_MAX_LAYERS);
      return FALSE;
    }
  /* The new layer goes just before the output layer, as wide as the one before it. */
  sizes[n_layers] = sizes[n_layers - 1];
  map[n_layers] = map[n_layers - 1];
  sizes[n_layers - 1] = n_layers > 2 ? sizes[n_layers - 2] : 2;
  map[n_layers - 1] = -1;
  return reshape (self, sizes, map, n_layers + 1, current_bias_mode (self), error);
}

gboolean
bpl_document_remove_hidden_layer (BplDocument *self,
                                  guint        layer,
                                  GError     **error)
{
  guint sizes[BPL_MAX_LAYERS];
  gint map[BPL_MAX_LAYERS];
  guint n_layers;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);

  current_shape (self, sizes, map, &n_layers);
  if (layer == 0 || layer + 1 >= n_layers)
    return refuse_layer (layer, error);
  for (guint l = layer; l + 1 < n_layers; l++)
    {
      sizes[l] = sizes[l + 1];
      map[l] = map[l + 1];
    }
  return reshape (self, sizes, map, n_layers - 1, current_bias_mode (self), error);
}

gboolean
bpl_document_set_bias_mode (BplDocument *self,
                            BplBiasMode  mode,
                            GError     **error)
{
  guint sizes[BPL_MAX_LAYERS];
  gint map[BPL_MAX_LAYERS];
  guint n_layers;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);

  if (mode == current_bias_mode (self))
    return TRUE;
  current_shape (self, sizes, map, &n_layers);
  return reshape (self, sizes, map, n_layers, mode, error);
}

gboolean
bpl_document_set_activation (BplDocument   *self,
                             guint          layer,
                             BplActivation  activation,
                             GError       **error)
{
  g_autoptr(BplNetwork) network = NULL;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);

  network = bpl_document_dup_network (self);
  if (layer == 0 || layer >= bpl_network_get_n_layers (network))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID, _("Layer %u has no activation"), layer);
      return FALSE;
    }
  bpl_network_set_activation (network, layer, activation);
  return bpl_document_edit_network (self, g_steal_pointer (&network), error);
}

gboolean
bpl_document_set_batch_size (BplDocument *self,
                             guint        batch_size,
                             GError     **error)
{
  g_autoptr(BplNetwork) network = NULL;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);

  if (batch_size > BPL_MAX_SAMPLES)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT, _("A mini-batch has 1 to %d samples"), BPL_MAX_SAMPLES);
      return FALSE;
    }
  network = bpl_document_dup_network (self);
  bpl_network_set_batch_size (network, batch_size);
  return bpl_document_edit_network (self, g_steal_pointer (&network), error);
}

gboolean
bpl_document_set_regularization (BplDocument       *self,
                                 BplRegularization  kind,
                                 double             strength,
                                 GError           **error)
{
  g_autoptr(BplNetwork) network = NULL;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);

  if (!isfinite (strength) || strength < 0)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("The regularisation strength λ must be a number of 0 or more"));
      return FALSE;
    }
  network = bpl_document_dup_network (self);
  bpl_network_set_regularization (network, kind, strength);
  return bpl_document_edit_network (self, g_steal_pointer (&network), error);
}

gboolean
bpl_document_set_optimizer (BplDocument                *self,
                            const BplOptimizerSettings *settings,
                            GError                    **error)
{
  g_autoptr(BplNetwork) network = NULL;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  network = bpl_document_dup_network (self);
  bpl_network_set_optimizer_settings (network, settings);
  return bpl_document_edit_network (self, g_steal_pointer (&network), error);
}

/* The settings that are one value of the network each. */
typedef enum
{
  SETTING_LOSS,
  SETTING_UPDATE_BIASES,
  SETTING_TRAINING,
  SETTING_UPDATE_ORDER,
} Setting;

static gboolean
edit_setting (BplDocument *self,
              Setting      setting,
              int          value,
              GError     **error)
{
  g_autoptr(BplNetwork) network = NULL;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);

  network = bpl_document_dup_network (self);
  switch (setting)
    {
    case SETTING_LOSS:
      bpl_network_set_loss (network, (BplLoss) value);
      break;
    case SETTING_UPDATE_BIASES:
      bpl_network_set_update_biases (network, value);
      break;
    case SETTING_TRAINING:
      bpl_network_set_training (network, (BplTrainingMode) value);
      break;
    case SETTING_UPDATE_ORDER:
      bpl_network_set_update_order (network, (BplUpdateOrder) value);
      break;
    default:
      g_assert_not_reached ();
    }
  return bpl_document_edit_network (self, g_steal_pointer (&network), error);
}

gboolean
bpl_document_set_loss (BplDocument *self,
                       BplLoss      loss,
                       GError     **error)
{
  return edit_setting (self, SETTING_LOSS, loss, error);
}

gboolean
bpl_document_set_update_biases (BplDocument *self,
                                gboolean     update,
                                GError     **error)
{
  return edit_setting (self, SETTING_UPDATE_BIASES, !!update, error);
}

gboolean
bpl_document_set_training (BplDocument     *self,
                           BplTrainingMode  mode,
                           GError         **error)
{
  return edit_setting (self, SETTING_TRAINING, mode, error);
}

gboolean
bpl_document_set_update_order (BplDocument    *self,
                               BplUpdateOrder  order,
                               GError        **error)
{
  return edit_setting (self, SETTING_UPDATE_ORDER, order, error);
}

gboolean
bpl_document_randomize_weights (BplDocument *self,
                                GError     **error)
{
  g_autoptr(BplNetwork) network = NULL;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);

  network = bpl_document_dup_network (self);
  bpl_reshape_randomize (network, bpl_document_get_seed (self));
  return bpl_document_edit_network (self, g_steal_pointer (&network), error);
}

gboolean
bpl_document_set_all_weights (BplDocument *self,
                              double       value,
                              GError     **error)
{
  g_autoptr(BplNetwork) network = NULL;

  g_return_val_if_fail (BPL_IS_DOCUMENT (self), FALSE);

  if (!isfinite (value))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_NOT_FINITE, _("A weight must be a finite number"));
      return FALSE;
    }
  network = bpl_document_dup_network (self);
  for (guint w = 0; w < bpl_network_get_n_weights (network); w++)
    bpl_network_set_weight (network, w, value);
  return bpl_document_edit_network (self, g_steal_pointer (&network), error);
}

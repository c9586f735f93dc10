/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-heatmap.c: the forward pass over a grid of the input plane (see
 * bpl-heatmap.h). Each layer is computed for every point together, a
 * neuron's net as a weighted sum of the previous layer's planes: the inner
 * loop runs along a plane and the weight is fetched once per plane, not
 * once per point as a forward pass per pixel would. */
#include "config.h"

#include "bpl-heatmap.h"

#include "bpl-passes-private.h"

BplHeatmap *
bpl_heatmap_new (const BplNetwork *network,
                 guint             cols,
                 guint             rows)
{
  BplHeatmap *self;
  guint n_points, widest = 1;

  g_return_val_if_fail (network != NULL, NULL);
  g_return_val_if_fail (cols >= 1 && cols <= BPL_HEATMAP_MAX_SIDE, NULL);
  g_return_val_if_fail (rows >= 1 && rows <= BPL_HEATMAP_MAX_SIDE, NULL);

  if (network->layer_size[0] > 2)
    return NULL;
  if (network->layer_size[0] == 1)
    rows = 1;
  for (guint l = 1; l < network->n_layers; l++)
    widest = MAX (widest, network->layer_size[l]);

  n_points = cols * rows;
  self = g_new0 (BplHeatmap, 1);
  self->n_neurons = network->n_neurons;
  self->cols = cols;
  self->rows = rows;
  self->out = g_new (double, (gsize) self->n_neurons * n_points);
  /* One plane of net for a layer that is not softmax; a whole layer's
   * planes of net for one that is. */
  self->scratch = g_new (double, (gsize) widest * n_points + 2 * widest);
  bpl_heatmap_set_range (self, -1, 1, -1, 1);
  return self;
}

void
bpl_heatmap_free (BplHeatmap *self)
{
  if (self == NULL)
    return;
  g_free (self->out);
  g_free (self->scratch);
  g_free (self);
}

void
bpl_heatmap_set_range (BplHeatmap *self,
                       double      x_min,
                       double      x_max,
                       double      y_min,
                       double      y_max)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (isfinite (x_min) && isfinite (x_max) && x_min < x_max);
  g_return_if_fail (isfinite (y_min) && isfinite (y_max) && y_min < y_max);

  self->x_min = x_min;
  self->x_max = x_max;
  self->y_min = y_min;
  self->y_max = y_max;
}

double
bpl_heatmap_x (const BplHeatmap *self,
               guint             c)
{
  return self->x_min + (c + 0.5) * (self->x_max - self->x_min) / self->cols;
}

double
bpl_heatmap_y (const BplHeatmap *self,
               guint             r)
{
  return self->y_max - (r + 0.5) * (self->y_max - self->y_min) / self->rows;
}

const double *
bpl_heatmap_get_plane (const BplHeatmap *self,
                       guint             neuron)
{
  g_return_val_if_fail (self != NULL && neuron < self->n_neurons, NULL);

  return self->out + (gsize) neuron * self->cols * self->rows;
}

/* The input planes: x along each row, y down the rows. */
static void
fill_inputs (BplHeatmap       *self,
             const BplNetwork *network)
{
  guint cols = self->cols, rows = self->rows;
  double *px = self->out, *py = self->out + (gsize) cols * rows;

  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < cols; c++)
      px[r * cols + c] = bpl_heatmap_x (self, c);
  if (network->layer_size[0] == 2)
    for (guint r = 0; r < rows; r++)
      {
        double y = bpl_heatmap_y (self, r);

        for (guint c = 0; c < cols; c++)
          py[r * cols + c] = y;
      }
}

/* net of neuron @j of layer @l over the grid into @net: Σ w·in first, the
 * bias last, in the forward pass's order so that the numbers agree. */
static void
layer_net (const BplNetwork *network,
           const double     *out,
           guint             n_points,
           guint             l,
           guint             j,
           double           *net)
{
  guint n_prev = network->layer_size[l - 1];
  const double *prev = out + (gsize) network->layer_start[l - 1] * n_points;
  const double *w = network->weights + network->weight_start[l] + (gsize) j * n_prev;
  gint bias = network->neuron_bias[network->layer_start[l] + j];

  for (guint p = 0; p < n_points; p++)
    net[p] = 0.0;
  for (guint k = 0; k < n_prev; k++)
    {
      const double wk = w[k];
      const double *in = prev + (gsize) k * n_points;

      for (guint p = 0; p < n_points; p++)
        net[p] += wk * in[p];
    }
  if (bias >= 0)
    {
      const double b = network->biases[bias];

      for (guint p = 0; p < n_points; p++)
        net[p] += b;
    }
}

void
bpl_heatmap_compute (BplHeatmap       *self,
                     const BplNetwork *network)
{
  guint n_points;

  g_return_if_fail (self != NULL && network != NULL);
  g_return_if_fail (self->n_neurons == network->n_neurons && network->layer_size[0] <= 2);

  n_points = self->cols * self->rows;
  fill_inputs (self, network);
  for (guint l = 1; l < network->n_layers; l++)
    {
      guint size = network->layer_size[l];
      double *out = self->out + (gsize) network->layer_start[l] * n_points;

      if (network->activation[l] != BPL_ACTIVATION_SOFTMAX)
        {
          for (guint j = 0; j < size; j++)
            {
              layer_net (network, self->out, n_points, l, j, self->scratch);
              bpl_activate_layer (network->activation[l], self->scratch, out + (gsize) j * n_points,
                                  n_points);
            }
          continue;
        }
      /* Softmax needs the whole layer at each point: every plane's net
       * first, then point by point across the planes. */
      {
        double *nets = self->scratch, *row_net = nets + (gsize) size * n_points;
        double *row_out = row_net + size;

        for (guint j = 0; j < size; j++)
          layer_net (network, self->out, n_points, l, j, nets + (gsize) j * n_points);
        for (guint p = 0; p < n_points; p++)
          {
            for (guint j = 0; j < size; j++)
              row_net[j] = nets[(gsize) j * n_points + p];
            bpl_softmax_layer (row_net, row_out, size);
            for (guint j = 0; j < size; j++)
              out[(gsize) j * n_points + p] = row_out[j];
          }
      }
    }
}

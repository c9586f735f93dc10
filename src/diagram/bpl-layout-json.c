/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-layout-json.c: the layout as JSON, what `backprop-lens-cli layout`
 * prints, in logical pixels with boxes by their top-left corner. */
#include "config.h"

#include "bpl-layout.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "bpl-diagram-text-private.h"

static void
add_number (JsonBuilder *b,
            const char  *key,
            double       value)
{
  /* json-glib 1.6 writes 1e-07 as "1e-07.0", which is not JSON: a
   * coordinate that small is 0 to any reader. */
  if (fabs (value) < 1e-4)
    value = 0;
  json_builder_set_member_name (b, key);
  json_builder_add_double_value (b, value);
}

static void
add_rect (JsonBuilder   *b,
          const char    *key,
          const BplRect *r)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_object (b);
  add_number (b, "x", r->x);
  add_number (b, "y", r->y);
  add_number (b, "width", r->width);
  add_number (b, "height", r->height);
  json_builder_end_object (b);
}

char *
bpl_layout_to_json (const BplLayout  *self,
                    const BplNetwork *network)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (network != NULL, NULL);
  g_return_val_if_fail (bpl_network_get_n_neurons (network) == self->n_neurons
                        && bpl_network_get_n_weights (network) == self->n_weights
                        && bpl_network_get_n_biases (network) == self->n_biases, NULL);

  json_builder_begin_object (b);
  add_number (b, "width", self->width);
  add_number (b, "height", self->height);
  json_builder_set_member_name (b, "dense");
  json_builder_add_boolean_value (b, self->dense);

  json_builder_set_member_name (b, "neurons");
  json_builder_begin_array (b);
  for (guint n = 0; n < self->n_neurons; n++)
    {
      const BplNeuronLayout *nl = &self->neurons[n];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, bpl_network_get_neuron_name (network, n));
      add_number (b, "x", nl->x);
      add_number (b, "y", nl->y);
      add_number (b, "radius", nl->radius);
      json_builder_set_member_name (b, "hidden");
      json_builder_add_boolean_value (b, nl->hidden);
      if (self->neuron_images[n].width > 0)
        add_rect (b, "weight_image", &self->neuron_images[n]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "weights");
  json_builder_begin_array (b);
  for (guint w = 0; w < self->n_weights; w++)
    {
      const BplWeightLayout *wl = &self->weights[w];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, bpl_network_get_weight_name (network, w));
      json_builder_set_member_name (b, "from");
      json_builder_add_string_value (b, bpl_network_get_neuron_name (
                                          network, bpl_network_get_weight_source (network, w)));
      json_builder_set_member_name (b, "to");
      json_builder_add_string_value (b, bpl_network_get_neuron_name (
                                          network, bpl_network_get_weight_target (network, w)));
      add_number (b, "x1", wl->x1);
      add_number (b, "y1", wl->y1);
      add_number (b, "x2", wl->x2);
      add_number (b, "y2", wl->y2);
      add_rect (b, "label", &wl->label);
      json_builder_set_member_name (b, "label_shown");
      json_builder_add_boolean_value (b, wl->label_shown);
      json_builder_set_member_name (b, "hidden");
      json_builder_add_boolean_value (b, wl->hidden);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "biases");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->n_biases; i++)
    {
      const BplBiasLayout *bl = &self->biases[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, bpl_network_get_bias_name (network, i));
      add_number (b, "x", bl->x);
      add_number (b, "y", bl->y);
      add_number (b, "radius", bl->radius);
      add_rect (b, "label", &bl->label);
      json_builder_set_member_name (b, "label_shown");
      json_builder_add_boolean_value (b, bl->label_shown);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  add_rect (b, "total_error", &self->total_error_box);
  if (self->input_image.width > 0)
    {
      add_rect (b, "input_image", &self->input_image);
      json_builder_set_member_name (b, "image_side");
      json_builder_add_int_value (b, self->image_side);
    }

  /* Each column's caption, as drawn (its box empty when there is no room). */
  json_builder_set_member_name (b, "layers");
  json_builder_begin_array (b);
  for (guint l = 0; l < self->n_layers; l++)
    {
      g_autofree char *caption = bpl_diagram_layer_caption (network, l, 1);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "caption");
      json_builder_add_string_value (b, caption);
      add_rect (b, "box", &self->layer_boxes[l]);
      /* A column of more neurons than fit: the ellipsis between its first
       * and its last shown neurons. */
      if (self->ellipses[l].radius > 0)
        {
          const BplEllipsisLayout *e = &self->ellipses[l];

          json_builder_set_member_name (b, "ellipsis");
          json_builder_begin_object (b);
          add_number (b, "x", e->x);
          add_number (b, "y", e->y);
          add_number (b, "radius", e->radius);
          add_rect (b, "label", &e->label);
          json_builder_set_member_name (b, "first_hidden");
          json_builder_add_string_value (b, bpl_network_get_neuron_name (network, e->first_hidden));
          json_builder_set_member_name (b, "hidden");
          json_builder_add_int_value (b, e->n_hidden);
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

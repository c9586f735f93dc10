/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-cli-json.c: JSON text for the CLI's reports. The tree is built with
 * JsonBuilder; the text is written here because json-glib 1.6 writes an
 * integral double such as 1e20 as "1e+20.0" (not JSON) and NaN as "nan". */
#include "config.h"

#include "bpl-cli.h"

#include <math.h>
#include <string.h>

static void
append_indent (GString *out, guint depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
append_string (GString *out, const char *str)
{
  g_string_append_c (out, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
append_double (GString *out, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  /* %.17g round-trips every double; keep it recognisably a double. */
  g_ascii_formatd (buf, sizeof buf, "%.17g", value);
  g_string_append (out, buf);
  if (strpbrk (buf, ".eEn") == NULL)
    g_string_append (out, ".0");
}

static void
append_value (GString *out, JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    append_double (out, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_STRING)
    append_string (out, json_node_get_string (node));
  else
    g_string_append (out, "null");
}

static void append_node (GString *out, JsonNode *node, guint depth);

static void
append_object (GString *out, JsonObject *object, guint depth)
{
  g_autoptr (GList) members = json_object_get_members (object);

  if (members == NULL)
    {
      g_string_append (out, "{}");
      return;
    }

  g_string_append (out, "{\n");
  for (GList *l = members; l != NULL; l = l->next)
    {
      append_indent (out, depth + 1);
      append_string (out, l->data);
      g_string_append (out, ": ");
      append_node (out, json_object_get_member (object, l->data), depth + 1);
      g_string_append (out, l->next != NULL ? ",\n" : "\n");
    }
  append_indent (out, depth);
  g_string_append_c (out, '}');
}

static gboolean
is_scalar_array (JsonArray *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNodeType type = json_node_get_node_type (json_array_get_element (array, i));

      if (type == JSON_NODE_OBJECT || type == JSON_NODE_ARRAY)
        return FALSE;
    }
  return TRUE;
}

static void
append_array (GString *out, JsonArray *array, guint depth)
{
  guint n = json_array_get_length (array);

  if (n == 0)
    {
      g_string_append (out, "[]");
      return;
    }

  /* Lists of numbers or names stay on one line: weights read as a row. */
  if (is_scalar_array (array))
    {
      g_string_append_c (out, '[');
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          append_node (out, json_array_get_element (array, i), depth + 1);
        }
      g_string_append_c (out, ']');
      return;
    }

  g_string_append (out, "[\n");
  for (guint i = 0; i < n; i++)
    {
      append_indent (out, depth + 1);
      append_node (out, json_array_get_element (array, i), depth + 1);
      g_string_append (out, i + 1 < n ? ",\n" : "\n");
    }
  append_indent (out, depth);
  g_string_append_c (out, ']');
}

static void
append_node (GString *out, JsonNode *node, guint depth)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      append_object (out, json_node_get_object (node), depth);
      break;
    case JSON_NODE_ARRAY:
      append_array (out, json_node_get_array (node), depth);
      break;
    case JSON_NODE_VALUE:
      append_value (out, node);
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

char *
bpl_cli_json_to_string (JsonNode *root)
{
  GString *out = g_string_new (NULL);

  append_node (out, root, 0);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

void
bpl_cli_json_add_neuron_name (JsonBuilder      *builder,
                              const char       *member,
                              const BplNetwork *network,
                              gint              neuron)
{
  json_builder_set_member_name (builder, member);
  if (neuron < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder,
                                   bpl_network_get_neuron_name (network, (guint) neuron));
}

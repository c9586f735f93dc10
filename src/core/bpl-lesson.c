/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-lesson.c: a teacher's lesson in a network file, read leniently (a
 * wrong field is a warning, never a refusal) and written back. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bpl-lesson-private.h"

#include <string.h>

static const char *const hidden_names[BPL_LESSON_N_HIDDEN] = {
  "train", "architecture", "derivation", "parameters", "loss-plot",
};

static const char *const locked_names[BPL_LESSON_N_LOCKED] = {
  "weights", "biases", "inputs", "targets", "learning-rate",
};

static const char *const view_names[] = { NULL, "diagram", "matrix", "graph", "data" };

BplLesson *
bpl_lesson_new (void)
{
  return g_new0 (BplLesson, 1);
}

BplLesson *
bpl_lesson_copy (const BplLesson *self)
{
  BplLesson *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->title = g_strdup (self->title);
  copy->instructions = g_strdup (self->instructions);
  copy->select = g_strdup (self->select);
  return copy;
}

void
bpl_lesson_free (BplLesson *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->instructions);
  g_free (self->select);
  g_free (self);
}

gboolean
bpl_lesson_equal (const BplLesson *a,
                  const BplLesson *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strcmp0 (a->title, b->title) == 0 && g_strcmp0 (a->instructions, b->instructions) == 0 &&
         g_strcmp0 (a->select, b->select) == 0 && a->view == b->view && a->hidden == b->hidden &&
         a->locked == b->locked && !a->practice == !b->practice;
}

static const char *
flag_name (const char *const *names, guint n, guint flag)
{
  for (guint i = 0; i < n; i++)
    if (flag == 1u << i)
      return names[i];
  return NULL;
}

const char *
bpl_lesson_hidden_to_string (BplLessonHidden part)
{
  return flag_name (hidden_names, BPL_LESSON_N_HIDDEN, part);
}

const char *
bpl_lesson_locked_to_string (BplLessonLocked value)
{
  return flag_name (locked_names, BPL_LESSON_N_LOCKED, value);
}

const char *
bpl_lesson_view_to_string (BplLessonView view)
{
  return view < G_N_ELEMENTS (view_names) ? view_names[view] : NULL;
}

BplLessonHidden
bpl_lesson_hidden_nth (guint index)
{
  g_return_val_if_fail (index < BPL_LESSON_N_HIDDEN, 0);
  return 1u << index;
}

BplLessonLocked
bpl_lesson_locked_nth (guint index)
{
  g_return_val_if_fail (index < BPL_LESSON_N_LOCKED, 0);
  return 1u << index;
}

/* Reading */

typedef struct
{
  const char *source;
  GPtrArray *warnings;
} Reader;

static void G_GNUC_PRINTF (3, 4)
warn (Reader *r, const char *field, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (r->warnings, g_strdup_printf ("%s: %s: %s; it is left out", r->source, field, message));
}

static const char *
kind_of (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "a list";
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "a string";
    case G_TYPE_BOOLEAN:
      return "true or false";
    default:
      return "a number";
    }
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static char *
read_text (Reader *r, JsonObject *obj, const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);
  g_autofree char *field = g_strconcat ("lesson.", name, NULL);

  if (node == NULL)
    return NULL;
  if (!is_string (node))
    {
      warn (r, field, _("expected a string, found %s"), kind_of (node));
      return NULL;
    }
  /* "" is no text: a lesson without a title reads back as it was. */
  return *json_node_get_string (node) != '\0' ? g_strdup (json_node_get_string (node)) : NULL;
}

static char *
list_names (const char *const *names, guint n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", names[i]);
  return g_string_free (out, FALSE);
}

static guint
read_flags (Reader *r, JsonObject *obj, const char *name, const char *const *names, guint n,
            const char *what)
{
  JsonNode *node = json_object_get_member (obj, name);
  g_autofree char *field = g_strconcat ("lesson.", name, NULL);
  g_autofree char *expected = list_names (names, n);
  JsonArray *array;
  guint flags = 0;

  if (node == NULL)
    return 0;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      warn (r, field, _("expected a list such as [\"%s\"], found %s"), names[0], kind_of (node));
      return 0;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *element_field = g_strdup_printf ("%s[%u]", field, i);
      gboolean found = FALSE;

      if (!is_string (element))
        {
          warn (r, element_field, _("expected a string, found %s"), kind_of (element));
          continue;
        }
      for (guint k = 0; k < n && !found; k++)
        if (g_str_equal (json_node_get_string (element), names[k]))
          {
            flags |= 1u << k;
            found = TRUE;
          }
      if (!found)
        warn (r, element_field, _("“%s” is not %s; expected %s"), json_node_get_string (element), what, expected);
    }
  return flags;
}

static gboolean
known_member (const char *name)
{
  static const char *const members[] = {
    "title", "instructions", "select", "view", "hidden", "locked", "practice",
  };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (g_str_equal (name, members[i]))
      return TRUE;
  return FALSE;
}

static void
read_select (Reader *r, JsonObject *obj, const BplNetwork *network, BplLesson *lesson)
{
  g_autofree char *select = read_text (r, obj, "select");
  BplParam param;
  guint neuron;

  if (select == NULL)
    return;
  if (bpl_network_parse_param (network, select, &param, NULL) || bpl_network_parse_neuron (network, select, &neuron))
    lesson->select = g_steal_pointer (&select);
  else
    warn (r, "lesson.select", _("the network has no weight, bias or neuron “%s”"), select);
}

static void
read_view (Reader *r, JsonObject *obj, BplLesson *lesson)
{
  g_autofree char *view = read_text (r, obj, "view");

  if (view == NULL)
    return;
  for (guint v = BPL_LESSON_VIEW_DIAGRAM; v < G_N_ELEMENTS (view_names); v++)
    if (g_str_equal (view, view_names[v]))
      {
        lesson->view = v;
        return;
      }
  warn (r, "lesson.view", _("“%s” is not a view; expected diagram, matrix, graph or data"), view);
}

BplLesson *
_bpl_lesson_read (JsonNode *node, const BplNetwork *network, const char *source, GPtrArray *warnings)
{
  Reader r = { source, warnings };
  g_autoptr (BplLesson) lesson = bpl_lesson_new ();
  g_autoptr (GList) names = NULL;
  JsonObject *obj;
  JsonNode *practice;

  g_return_val_if_fail (node != NULL && network != NULL && warnings != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      warn (&r, "lesson", _("expected an object such as {\"title\": \"…\", \"select\": \"w3\"}, found %s"),
            kind_of (node));
      return NULL;
    }
  obj = json_node_get_object (node);

  /* In the file's order, so the warnings follow it. */
  names = json_object_get_members (obj);
  for (GList *l = names; l != NULL; l = l->next)
    if (!known_member (l->data))
      {
        g_autofree char *field = g_strconcat ("lesson.", (const char *) l->data, NULL);
        warn (&r, field, _("not a lesson field; expected title, instructions, select, view, hidden, locked or "
              "practice"));
      }

  lesson->title = read_text (&r, obj, "title");
  lesson->instructions = read_text (&r, obj, "instructions");
  read_select (&r, obj, network, lesson);
  read_view (&r, obj, lesson);
  lesson->hidden = read_flags (&r, obj, "hidden", hidden_names, BPL_LESSON_N_HIDDEN, "a part that can be hidden");
  lesson->locked = read_flags (&r, obj, "locked", locked_names, BPL_LESSON_N_LOCKED, "a value that can be locked");
  practice = json_object_get_member (obj, "practice");
  if (practice != NULL)
    {
      if (JSON_NODE_HOLDS_VALUE (practice) && json_node_get_value_type (practice) == G_TYPE_BOOLEAN)
        lesson->practice = json_node_get_boolean (practice);
      else
        warn (&r, "lesson.practice", _("expected true or false, found %s"), kind_of (practice));
    }
  return g_steal_pointer (&lesson);
}

/* Writing */

static void
append_string (GString *out, const char *s)
{
  g_autoptr (JsonNode) node = json_node_init_string (json_node_alloc (), s);
  g_autofree char *text = json_to_string (node, FALSE);

  g_string_append (out, text);
}

static void
append_flags (GString *out, const char *name, guint flags, const char *const *names, guint n)
{
  gboolean first = TRUE;

  g_string_append_printf (out, "    \"%s\": [", name);
  for (guint i = 0; i < n; i++)
    if (flags & (1u << i))
      {
        g_string_append_printf (out, "%s\"%s\"", first ? "" : ", ", names[i]);
        first = FALSE;
      }
  g_string_append (out, "],\n");
}

void
_bpl_lesson_append_json (GString *out, const BplLesson *lesson)
{
  const char *texts[][2] = {
    { "title", lesson->title }, { "instructions", lesson->instructions }, { "select", lesson->select },
  };

  g_string_append (out, ",\n  \"lesson\": {\n");
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i][1] != NULL)
      {
        g_string_append_printf (out, "    \"%s\": ", texts[i][0]);
        append_string (out, texts[i][1]);
        g_string_append (out, ",\n");
      }
  if (lesson->view != BPL_LESSON_VIEW_DEFAULT)
    g_string_append_printf (out, "    \"view\": \"%s\",\n", view_names[lesson->view]);
  append_flags (out, "hidden", lesson->hidden, hidden_names, BPL_LESSON_N_HIDDEN);
  append_flags (out, "locked", lesson->locked, locked_names, BPL_LESSON_N_LOCKED);
  g_string_append_printf (out, "    \"practice\": %s\n  }", lesson->practice ? "true" : "false");
}

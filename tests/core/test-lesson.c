/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-lesson: a lesson in a network file is read, warned about field by
 * field (the network still opens), compared, copied and written back. */
#include "config.h"

#include <backprop-lens/backprop-lens.h>
#include <string.h>

#define NETWORK_START \
  "{\"format\":\"backprop-lens-network\",\"version\":1,\"layers\":[2,2,2],\"activation\":\"sigmoid\"," \
  "\"loss\":\"squared-error\",\"bias_mode\":\"per-layer\",\"learning_rate\":0.5," \
  "\"weights\":[0.15,0.2,0.25,0.3,0.4,0.45,0.5,0.55],\"biases\":[0.35,0.6]," \
  "\"samples\":[{\"input\":[0.05,0.1],\"target\":[0.01,0.99]}]"

static BplNetwork *
load_with_lesson (const char *lesson_json)
{
  g_autofree char *text = g_strconcat (NETWORK_START, ",\"lesson\":", lesson_json, "}", NULL);
  g_autoptr (GError) error = NULL;
  BplNetwork *network = bpl_network_load_from_data (text, strlen (text), "lesson.json", &error);

  g_assert_no_error (error);
  g_assert_nonnull (network);
  return network;
}

static void
test_read_and_round_trip (void)
{
  g_autoptr (BplNetwork) network = load_with_lesson (
    "{\"title\":\"w3 by hand\",\"instructions\":\"Work out \\\"w3\\\"\\nstep by step.\",\"select\":\"w3\","
    "\"view\":\"matrix\",\"hidden\":[\"train\",\"architecture\",\"derivation\"],"
    "\"locked\":[\"weights\",\"biases\",\"inputs\",\"targets\",\"learning-rate\"],\"practice\":true}");
  const BplLesson *lesson = bpl_network_get_lesson (network);
  g_autoptr (BplNetwork) back = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_assert_nonnull (lesson);
  g_assert_null (bpl_network_get_load_warnings (network));
  g_assert_cmpstr (lesson->title, ==, "w3 by hand");
  g_assert_cmpstr (lesson->instructions, ==, "Work out \"w3\"\nstep by step.");
  g_assert_cmpstr (lesson->select, ==, "w3");
  g_assert_cmpint (lesson->view, ==, BPL_LESSON_VIEW_MATRIX);
  g_assert_cmpuint (lesson->hidden, ==, BPL_LESSON_HIDE_TRAIN | BPL_LESSON_HIDE_ARCHITECTURE |
                    BPL_LESSON_HIDE_DERIVATION);
  g_assert_cmpuint (lesson->locked, ==, (1u << BPL_LESSON_N_LOCKED) - 1);
  g_assert_true (lesson->practice);

  data = bpl_network_to_data (network, &length);
  back = bpl_network_load_from_data (data, length, "back.json", NULL);
  g_assert_nonnull (back);
  g_assert_true (bpl_lesson_equal (bpl_network_get_lesson (back), lesson));
  g_assert_true (bpl_network_equal (back, network));
}

/* A lesson is part of what is compared, copied and saved; without one the
 * file is written as before. */
static void
test_equal_copy (void)
{
  g_autoptr (BplNetwork) a = bpl_network_new_worked_example ();
  g_autoptr (BplNetwork) b = bpl_network_copy (a);
  g_autoptr (BplLesson) lesson = bpl_lesson_new ();
  g_autoptr (BplNetwork) c = NULL;
  g_autofree char *data = bpl_network_to_data (a, NULL);

  g_assert_null (strstr (data, "lesson"));
  lesson->title = g_strdup ("A");
  bpl_network_set_lesson (b, lesson);
  g_assert_false (bpl_network_equal (a, b));
  c = bpl_network_copy (b);
  g_assert_true (bpl_network_equal (b, c));
  g_assert_cmpstr (bpl_network_get_lesson (c)->title, ==, "A");
  lesson->practice = TRUE;
  bpl_network_set_lesson (c, lesson);
  g_assert_false (bpl_network_equal (b, c));
  bpl_network_set_lesson (c, NULL);
  g_assert_true (bpl_network_equal (a, c));
}

typedef struct
{
  const char *lesson;
  const char *warning;  /* the first warning */
} BadCase;

/* Each wrong field is left out with a warning that names it, and the rest
 * of the lesson and the network are kept. */
static void
test_bad_fields (void)
{
  static const BadCase cases[] = {
    { "5", "lesson.json: lesson: expected an object" },
    { "{\"title\":3,\"select\":\"w3\"}", "lesson.json: lesson.title: expected a string, found a number" },
    { "{\"select\":\"w9\"}", "lesson.json: lesson.select: the network has no weight, bias or neuron “w9”" },
    { "{\"view\":\"graphs\",\"select\":\"w3\"}", "lesson.json: lesson.view: “graphs” is not a view" },
    { "{\"hidden\":\"train\",\"select\":\"w3\"}", "lesson.json: lesson.hidden: expected a list" },
    { "{\"hidden\":[\"trian\"],\"select\":\"w3\"}", "lesson.json: lesson.hidden[0]: “trian” is not a part that can be hidden" },
    { "{\"locked\":[\"weights\",\"wieghts\"],\"select\":\"w3\"}", "lesson.json: lesson.locked[1]: “wieghts” is not a value that can be locked" },
    { "{\"practice\":\"yes\",\"select\":\"w3\"}", "lesson.json: lesson.practice: expected true or false, found a string" },
    { "{\"colour\":\"red\",\"select\":\"w3\"}", "lesson.json: lesson.colour: not a lesson field" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (BplNetwork) network = load_with_lesson (cases[i].lesson);
      const char * const *warnings = bpl_network_get_load_warnings (network);
      const BplLesson *lesson = bpl_network_get_lesson (network);

      g_test_message ("%s", cases[i].lesson);
      g_assert_nonnull (warnings);
      g_assert_true (g_str_has_prefix (warnings[0], cases[i].warning));
      g_assert_true (g_str_has_suffix (warnings[0], "it is left out"));
      g_assert_cmpuint (bpl_network_get_n_weights (network), ==, 8);
      if (i == 0)
        g_assert_null (lesson);
      else if (i > 2)
        g_assert_cmpstr (lesson->select, ==, "w3");
      if (i == 6)
        g_assert_cmpuint (lesson->locked, ==, BPL_LESSON_LOCK_WEIGHTS);
    }
}

/* A neuron may be selected too; a lesson of only an empty title is kept. */
static void
test_select_neuron (void)
{
  g_autoptr (BplNetwork) network = load_with_lesson ("{\"select\":\"h2\",\"title\":\"\"}");

  g_assert_cmpstr (bpl_network_get_lesson (network)->select, ==, "h2");
  g_assert_null (bpl_network_get_lesson (network)->title);
  g_assert_null (bpl_network_get_load_warnings (network));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/lesson/read-and-round-trip", test_read_and_round_trip);
  g_test_add_func ("/core/lesson/equal-copy", test_equal_copy);
  g_test_add_func ("/core/lesson/bad-fields", test_bad_fields);
  g_test_add_func ("/core/lesson/select-neuron", test_select_neuron);
  return g_test_run ();
}

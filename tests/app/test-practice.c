/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-practice: practice mode and lessons in the window, as a student and
 * a teacher use them: blanks typed and checked with the checker's
 * diagnosis, entries kept while looking elsewhere, hints, the score; a
 * lesson's banner, selection, hidden parts, locks, bad fields and its
 * round trip through Save as Lesson. */
#include "config.h"

#include "app-test-util.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bpl-architecture-window.h"
#include "bpl-lesson-dialog.h"
#include "bpl-practice-panel.h"
#include "bpl-window-private.h"

typedef BplAppFixture Fixture;

static BplPracticePanel *
practice_panel (Fixture *f)
{
  GtkWidget *panel = bpl_app_test_find_child (GTK_WIDGET (f->window), BPL_TYPE_PRACTICE_PANEL);

  g_assert_nonnull (panel);
  return BPL_PRACTICE_PANEL (panel);
}

static void
start_practice (Fixture    *f,
                const char *name)
{
  bpl_app_test_select (f, name);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.practice", NULL);
  g_assert_true (bpl_practice_get_active (bpl_session_get_practice (f->session)));
  bpl_app_test_iterate (5);
}

/* Types @text into the box for @name and presses Enter. */
static void
type_answer (Fixture    *f,
             const char *name,
             const char *text)
{
  GtkWidget *entry = bpl_practice_panel_get_entry (practice_panel (f), name);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  bpl_app_test_iterate (2);
}

static BplPracticeExercise *
exercise_of (Fixture    *f,
             const char *param_name)
{
  const BplNetwork *network = bpl_session_get_network (f->session);
  BplParam param;

  g_assert_true (bpl_network_parse_param (network, param_name, &param, NULL));
  return bpl_practice_get_exercise (bpl_session_get_practice (f->session), network, param,
                                    bpl_session_get_sample (f->session), NULL);
}

/* The diagnosis beside the box is the checker's, and names the mistake. */
static void
assert_diagnosis (Fixture    *f,
                  const char *param_name,
                  const char *name,
                  const char *text,
                  BplMistake  mistake)
{
  BplPracticeExercise *exercise = exercise_of (f, param_name);
  const BplCheck *check = bpl_practice_exercise_get_check (exercise);
  const BplCheckQuantity *q = bpl_check_lookup (check, name, NULL);
  g_auto(BplAnswerValue) answer = { 0 };
  g_autoptr(BplVerdict) verdict = NULL;
  g_autoptr(BplVerdict) shown = NULL;
  BplPracticeEntry *entry;

  type_answer (f, name, text);
  g_assert_true (bpl_answer_value_parse (&answer, text, NULL));
  verdict = bpl_check_judge ((BplCheck *) check, q, &answer, BPL_EXPR_TEXT);
  g_test_message ("%s = %s: %s", name, text, bpl_practice_panel_get_feedback (practice_panel (f), name));
  g_assert_false (verdict->correct);
  g_assert_cmpstr (bpl_mistake_to_string (verdict->mistake), ==, bpl_mistake_to_string (mistake));
  entry = bpl_practice_exercise_get_entry (exercise, q);
  g_assert_cmpint (entry->mistake, ==, mistake);
  g_assert_cmpstr (entry->feedback_text, ==, verdict->diagnosis);
  /* Shown with subscripts: the checker's markup. */
  shown = bpl_check_judge ((BplCheck *) check, q, &answer, BPL_EXPR_MARKUP);
  g_assert_cmpstr (bpl_practice_panel_get_feedback (practice_panel (f), name), ==, shown->diagnosis);
  g_assert_false (bpl_practice_panel_get_correct (practice_panel (f), name));
}

static char *
typed (double value,
       int    digits)
{
  return g_strdup_printf ("%.*g", digits, value);
}

/* The case: ∂out_h2/∂net_h2 typed as out_h2 is told exactly that;
 * every other kind of mistake gets its own diagnosis. */
static void
test_every_mistake (Fixture       *f,
                    gconstpointer  data)
{
  static const double input[] = { 1.0, -1.0 };
  static const double target[] = { 0.5, 0.25 };
  BplPracticeExercise *exercise;
  g_autofree char *forgot = NULL;
  g_autofree char *other_slope = NULL;
  double g;

  start_practice (f, "w3");
  exercise = exercise_of (f, "w3");
  g = bpl_check_get_derivation (bpl_practice_exercise_get_check (exercise))->gradient;

  assert_diagnosis (f, "w3", "dout_h2/dnet_h2", "0.5969", BPL_MISTAKE_OUTPUT_FOR_DERIVATIVE);
  {
    const BplCheck *check = bpl_practice_exercise_get_check (exercise);
    BplPracticeEntry *entry = bpl_practice_exercise_get_entry (exercise, bpl_check_lookup (check, "dout_h2/dnet_h2", NULL));
    GtkWidget *box = bpl_practice_panel_get_entry (practice_panel (f), "dout_h2/dnet_h2");

    g_assert_nonnull (strstr (entry->feedback_text, "You typed out_h2 = 0.5969; ∂out_h2/∂net_h2 is the sigmoid’s derivative"));
    g_assert_true (gtk_widget_has_css_class (box, "error"));
  }
  assert_diagnosis (f, "w3", "dE_o1/dout_o1", "-0.7414", BPL_MISTAKE_SIGN_FLIPPED);
  assert_diagnosis (f, "w3", "dE_total/dw3", "0.00074980", BPL_MISTAKE_MISSING_PATH);
  forgot = typed (0.25 - g, 6);
  assert_diagnosis (f, "w3", "w3+", forgot, BPL_MISTAKE_LEARNING_RATE);
  assert_diagnosis (f, "w3", "dnet_h2/dw3", "0.25", BPL_MISTAKE_WRONG_WEIGHT);
  assert_diagnosis (f, "w3", "dE_o2/dout_o2", "-0.21707153469", BPL_MISTAKE_ROUNDING);
  assert_diagnosis (f, "w3", "dnet_o1/dout_h2", "0.9", BPL_MISTAKE_UNKNOWN);

  /* Not a number: said so, not counted. */
  type_answer (f, "dout_o1/dnet_o1", "0,1868");
  g_assert_cmpstr (bpl_practice_panel_get_feedback (practice_panel (f), "dout_o1/dnet_o1"), !=, "");
  g_assert_cmpint (bpl_practice_exercise_get_entry (exercise, bpl_check_lookup (bpl_practice_exercise_get_check (exercise),
                                                                                  "dout_o1/dnet_o1", NULL))->first, ==, -1);

  /* The value for another sample. */
  g_assert_true (bpl_document_add_sample (f->document, input, target, NULL));
  bpl_session_set_sample (f->session, 1);
  bpl_app_test_iterate (3);
  other_slope = typed (bpl_check_lookup (bpl_practice_exercise_get_check (exercise_of (f, "w3")), "dout_h2/dnet_h2",
                                         NULL)->value, 5);
  bpl_session_set_sample (f->session, 0);
  bpl_app_test_iterate (3);
  assert_diagnosis (f, "w3", "dout_h2/dnet_h2", other_slope, BPL_MISTAKE_WRONG_SAMPLE);
}

/* Right answers are marked with an icon and words, to the precision
 * typed; the score counts those right first time and the hints. */
/* Ending practice shows the score in a toast. A window closed soon after
 * is now and then not finalized here (libadwaita 1.2 and GTK 4.8's
 * accessibility objects; the cause is not found), so the cases that end
 * practice wait for the toast to go, and run without accessibility. */
static void
wait_for_toasts_gone (Fixture *f)
{
  GType type = g_type_from_name ("AdwToastWidget");
  gint64 end = g_get_monotonic_time () + 12 * G_USEC_PER_SEC;

  if (type == 0)
    return;
  while (bpl_app_test_find_child (GTK_WIDGET (f->window), type) != NULL && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10000);
}

static void
test_right_and_score (Fixture       *f,
                      gconstpointer  data)
{
  BplPracticePanel *panel;
  GtkWidget *entry;
  guint n_blanks, n_first, n_hints;

  start_practice (f, "w3");
  panel = practice_panel (f);
  g_assert_nonnull (strstr (bpl_practice_panel_get_score (panel), "0 of 15 right first time, 0 hints"));

  type_answer (f, "dout_h2/dnet_h2", "0.2406");
  g_assert_true (bpl_practice_panel_get_correct (panel, "dout_h2/dnet_h2"));
  g_assert_cmpstr (bpl_practice_panel_get_feedback (panel, "dout_h2/dnet_h2"), ==, "");
  entry = bpl_practice_panel_get_entry (panel, "dout_h2/dnet_h2");
  g_assert_true (gtk_widget_has_css_class (entry, "success"));
  /* Enter on a right answer goes on to the next blank. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
    GtkWidget *next = bpl_practice_panel_get_entry (panel, "dnet_o1/dout_h2");

    g_assert_true (focus == next || gtk_widget_is_ancestor (focus, next));
  }

  /* Wrong first, then right: right, but not first time. */
  type_answer (f, "dnet_h2/dw3", "0.25");
  type_answer (f, "dnet_h2/dw3", "0.05");
  g_assert_true (bpl_practice_panel_get_correct (panel, "dnet_h2/dw3"));
  /* The same text again judges nothing new. */
  type_answer (f, "dnet_h2/dw3", "0.05");

  /* A hint for the box last focused, else the first not right yet. */
  gtk_widget_activate_action (GTK_WIDGET (panel), "practice.hint", NULL);
  bpl_app_test_iterate (2);
  g_assert_cmpstr (bpl_practice_panel_get_hint (panel, "dnet_o1/dout_h2"), !=, "");
  gtk_widget_activate_action (GTK_WIDGET (panel), "practice.hint", NULL);
  bpl_app_test_iterate (2);
  g_test_message ("score: %s", bpl_practice_panel_get_score (panel));
  g_assert_nonnull (strstr (bpl_practice_panel_get_score (panel), "1 of 15 right first time, 2 hints · 13 to go"));

  /* Fewer blanks: the factors only. */
  bpl_practice_set_blanks (bpl_session_get_practice (f->session), BPL_PRACTICE_BLANK_FACTORS);
  bpl_app_test_iterate (2);
  g_assert_null (bpl_practice_panel_get_entry (panel, "w3+"));
  g_assert_nonnull (strstr (bpl_practice_panel_get_score (panel), "of 8 right first time"));

  /* Ending practice says the score. */
  bpl_practice_score (bpl_session_get_practice (f->session), &n_blanks, &n_first, &n_hints);
  g_assert_cmpuint (n_blanks, ==, 8);
  g_assert_cmpuint (n_first, ==, 1);
  g_assert_cmpuint (n_hints, ==, 2);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.practice", NULL);
  g_assert_false (bpl_practice_get_active (bpl_session_get_practice (f->session)));
  wait_for_toasts_gone (f);
}

/* Every box keeps what was typed (judged or not) when the learner selects
 * another parameter or sample and comes back; new values are a new
 * exercise, and the old values bring the old one back. */
static void
test_entries_kept (Fixture       *f,
                   gconstpointer  data)
{
  BplPracticePanel *panel;
  GtkWidget *entry;

  start_practice (f, "w3");
  panel = practice_panel (f);
  type_answer (f, "dout_h2/dnet_h2", "0.5969");
  entry = bpl_practice_panel_get_entry (panel, "dnet_h2/dw3");
  gtk_editable_set_text (GTK_EDITABLE (entry), "0.0");   /* typed, not yet entered */

  bpl_app_test_select (f, "w5");
  bpl_app_test_iterate (3);
  g_assert_null (bpl_practice_panel_get_entry (panel, "dout_h2/dnet_h2"));
  type_answer (f, "dnet_o1/dw5", "0.5933");
  bpl_app_test_select (f, "w3");
  bpl_app_test_iterate (3);

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bpl_practice_panel_get_entry (panel, "dout_h2/dnet_h2"))), ==,
                   "0.5969");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bpl_practice_panel_get_entry (panel, "dnet_h2/dw3"))), ==, "0.0");
  g_assert_nonnull (strstr (bpl_practice_panel_get_feedback (panel, "dout_h2/dnet_h2"), "You typed out<sub>h2</sub>"));

  /* A step changes the values: a fresh exercise; Undo brings it back. */
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.step", NULL);
  bpl_app_test_iterate (3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bpl_practice_panel_get_entry (panel, "dout_h2/dnet_h2"))), ==, "");
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.undo", NULL);
  bpl_app_test_iterate (3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bpl_practice_panel_get_entry (panel, "dout_h2/dnet_h2"))), ==,
                   "0.5969");

  /* Practice off and on again: still there. */
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.practice", NULL);
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.practice", NULL);
  bpl_app_test_iterate (3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bpl_practice_panel_get_entry (panel, "dnet_h2/dw3"))), ==, "0.0");
  bpl_app_test_select (f, "w5");
  bpl_app_test_iterate (3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bpl_practice_panel_get_entry (panel, "dnet_o1/dw5"))), ==,
                   "0.5933");
  g_assert_true (bpl_practice_panel_get_correct (panel, "dnet_o1/dw5"));
  wait_for_toasts_gone (f);
}

/* Each sample is an exercise of its own, kept while another is shown. */
static void
test_entries_per_sample (Fixture       *f,
                         gconstpointer  data)
{
  const char *root = g_getenv ("BPL_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root != NULL ? root : ".", "data", "networks", "xor.json", NULL);
  BplPracticePanel *panel;
  GtkWidget *entry;
  const char *name;

  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_assert_true (bpl_window_open_file (f->window, file, NULL));
  }
  bpl_session_set_sample (f->session, 0);
  start_practice (f, "w1");
  panel = practice_panel (f);
  name = bpl_check_get_quantity (bpl_practice_exercise_get_check (exercise_of (f, "w1")), 0)->name;
  entry = bpl_practice_panel_get_entry (panel, name);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "1.5");

  bpl_session_set_sample (f->session, 1);
  bpl_app_test_iterate (3);
  entry = bpl_practice_panel_get_entry (panel, name);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (entry), "2.5");

  bpl_session_set_sample (f->session, 0);
  bpl_app_test_iterate (3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bpl_practice_panel_get_entry (panel, name))), ==, "1.5");
  bpl_session_set_sample (f->session, 1);
  bpl_app_test_iterate (3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bpl_practice_panel_get_entry (panel, name))), ==, "2.5");
}

/* The panel fits the side panel's 380 px, and a small window. */
static void
test_fits (Fixture       *f,
           gconstpointer  data)
{
  int min_width, nat_width, side_min, side_nat;

  start_practice (f, "b1");
  bpl_app_test_iterate (10);
  gtk_widget_measure (GTK_WIDGET (practice_panel (f)), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
  gtk_widget_measure (f->window->side_box, GTK_ORIENTATION_HORIZONTAL, -1, &side_min, &side_nat, NULL, NULL);
  g_test_message ("practice panel: %d px at least, %d natural, %d allocated; side box %d, %d, %d", min_width, nat_width,
                  gtk_widget_get_width (GTK_WIDGET (practice_panel (f))), side_min, side_nat, gtk_widget_get_width (f->window->side_box));
  {
    GtkWidget *sw = gtk_widget_get_first_child (f->window->side_box);
    int a, b;
    gtk_widget_measure (sw, GTK_ORIENTATION_HORIZONTAL, -1, &a, &b, NULL, NULL);
    g_test_message ("switcher %s %d %d", G_OBJECT_TYPE_NAME (sw), a, b);
    gtk_widget_measure (GTK_WIDGET (f->window->side_stack), GTK_ORIENTATION_HORIZONTAL, -1, &a, &b, NULL, NULL);
    g_test_message ("stack %d %d", a, b);
  }
  g_assert_cmpint (min_width, <=, 340);
  /* The whole side panel's fit needs the application's style sheet
   * (its switcher's buttons): the screenshots check it. */
}

/* Lessons */

static char *
write_lesson (const char *lesson_json)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("lesson-%u.json", ++counter);
  g_autofree char *dir = g_build_filename (g_get_tmp_dir (), "bpl-test-practice", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = g_strconcat (
    "{\"format\":\"backprop-lens-network\",\"version\":1,\"layers\":[2,2,2],\"activation\":\"sigmoid\","
    "\"loss\":\"squared-error\",\"bias_mode\":\"per-layer\",\"learning_rate\":0.5,"
    "\"weights\":[0.15,0.2,0.25,0.3,0.4,0.45,0.5,0.55],\"biases\":[0.35,0.6],"
    "\"samples\":[{\"input\":[0.05,0.1],\"target\":[0.01,0.99]}],\"lesson\":", lesson_json, "}", NULL);

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
open_path (Fixture    *f,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (bpl_window_open_file (f->window, file, &error));
  g_assert_no_error (error);
  bpl_app_test_iterate (5);
}

static const char *
label_text (GtkWidget *label)
{
  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : "";
}

/* The teacher: locked weights, practice on. The window shows the
 * title and instructions, selects w3, starts practice and hides what the
 * lesson hides; the locks hold in the panel, the diagram and the
 * architecture editor, and say why. */
static void
test_lesson_opens (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = write_lesson (
    "{\"title\":\"w3 by hand\",\"instructions\":\"Work out w3⁺.\",\"select\":\"w3\","
    "\"hidden\":[\"train\",\"architecture\",\"derivation\"],\"locked\":[\"weights\",\"biases\",\"learning-rate\"],"
    "\"practice\":true}");
  BplWindow *w = f->window;
  BplHit hit;
  GtkSpinButton *spin;
  g_autoptr(GError) error = NULL;

  open_path (f, path);
  g_assert_true (gtk_widget_get_visible (w->lesson_banner));
  g_assert_cmpstr (label_text (w->lesson_title), ==, "w3 by hand");
  g_assert_cmpstr (label_text (w->lesson_instructions), ==, "Work out w3⁺.");
  g_assert_nonnull (strstr (label_text (w->lesson_locks), "weights, biases, learning rate"));
  g_assert_false (gtk_widget_get_visible (w->lesson_warnings_box));

  hit = bpl_session_get_selection (f->session);
  g_assert_cmpint (hit.kind, ==, BPL_HIT_WEIGHT);
  g_assert_cmpuint (hit.index, ==, 2);
  g_assert_true (bpl_practice_get_active (bpl_session_get_practice (f->session)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (w->side_stack), ==, "practice");
  g_assert_nonnull (bpl_practice_panel_get_entry (practice_panel (f), "dout_h2/dnet_h2"));

  /* Hidden: training, the architecture editor, the Derivation panel. */
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (w->play_button, GTK_TYPE_ACTION_BAR)));
  gtk_widget_activate_action (GTK_WIDGET (w), "win.step", NULL);
  g_assert_cmpuint (bpl_document_get_steps (f->document), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (w), "win.architecture", NULL);
  g_assert_null (w->architecture_window);
  g_assert_false (gtk_stack_page_get_visible (gtk_stack_get_page (w->side_stack, GTK_WIDGET (w->derivation_panel))));
  g_assert_true (gtk_stack_page_get_visible (gtk_stack_get_page (w->side_stack, GTK_WIDGET (w->parameters_panel))));

  /* Locked: the panel refuses and says why; the document too. */
  bpl_app_test_activate (GTK_WIDGET (w), "win.show-panel", g_variant_new_string ("parameters"));
  bpl_app_test_wait_until_mapped (GTK_WIDGET (f->parameters));
  spin = bpl_parameters_panel_get_spin (f->parameters, "w3");
  g_assert_nonnull (spin);
  gtk_spin_button_set_value (spin, 0.9);
  bpl_app_test_iterate (2);
  g_assert_nonnull (bpl_parameters_panel_get_refusal (f->parameters));
  g_assert_nonnull (strstr (bpl_parameters_panel_get_refusal (f->parameters), "The lesson “w3 by hand” locks the weights"));
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 0.25);
  /* The diagram's editor shows the value and why it cannot change. */
  g_assert_true (bpl_diagram_widget_edit_selection (f->diagram));
  bpl_app_test_iterate (2);
  {
    GtkWidget *edit = bpl_app_test_find_child (GTK_WIDGET (f->diagram), GTK_TYPE_SPIN_BUTTON);
    GtkWidget *label = bpl_app_test_find_child (gtk_widget_get_parent (edit), GTK_TYPE_LABEL);

    g_assert_false (gtk_widget_get_sensitive (edit));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "locks the weights"));
    gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (edit, GTK_TYPE_POPOVER)));
  }
  bpl_document_set_param (f->document, (BplParam) { BPL_PARAM_WEIGHT, 2 }, 0.9);
  bpl_document_set_learning_rate (f->document, 0.1);
  g_assert_cmpfloat (bpl_network_get_param (bpl_document_get_network (f->document), (BplParam) { BPL_PARAM_WEIGHT, 2 }),
                     ==, 0.25);
  g_assert_cmpfloat (bpl_network_get_learning_rate (bpl_document_get_network (f->document)), ==, 0.5);
  /* The architecture editor's edits go through the same check. */
  g_assert_false (bpl_document_randomize_weights (f->document, &error));
  g_assert_nonnull (strstr (error->message, "locks the weights"));
  g_clear_error (&error);
  g_assert_false (bpl_document_set_layer_size (f->document, 1, 3, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* Samples can still be added: inputs and targets are not locked. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->parameters), "samples.add", NULL));
  g_assert_cmpuint (bpl_network_get_n_samples (bpl_document_get_network (f->document)), ==, 2);
  /* Inputs are not locked. */
  bpl_document_set_input (f->document, 0, 0, 0.07);
  g_assert_cmpfloat (bpl_network_get_input (bpl_document_get_network (f->document), 0)[0], ==, 0.07);

  /* A network without a lesson gives everything back. */
  bpl_document_set_network (f->document, bpl_network_new_worked_example (), NULL);
  bpl_app_test_iterate (3);
  g_assert_false (gtk_widget_get_visible (w->lesson_banner));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (w->play_button, GTK_TYPE_ACTION_BAR)));
  g_assert_true (gtk_stack_page_get_visible (gtk_stack_get_page (w->side_stack, GTK_WIDGET (w->derivation_panel))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (w), "win.step", NULL));
  g_assert_cmpuint (bpl_document_get_steps (f->document), ==, 1);
}

/* A wrong field is named in the banner; the rest of the lesson and the
 * network open. */
static void
test_lesson_bad_fields (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = write_lesson (
    "{\"title\":\"Two mistakes\",\"select\":\"w9\",\"hidden\":[\"loss-plot\",\"trian\"],\"colour\":1}");
  g_autofree char *bad = write_lesson ("[1, 2]");
  BplWindow *w = f->window;
  const char *warnings;

  open_path (f, path);
  g_assert_true (gtk_widget_get_visible (w->lesson_banner));
  g_assert_cmpstr (label_text (w->lesson_title), ==, "Two mistakes");
  g_assert_true (gtk_widget_get_visible (w->lesson_warnings_box));
  warnings = label_text (w->lesson_warnings);
  g_test_message ("%s", warnings);
  g_assert_nonnull (strstr (warnings, "lesson.colour: not a lesson field"));
  g_assert_nonnull (strstr (warnings, "lesson.select: the network has no weight, bias or neuron “w9”"));
  g_assert_nonnull (strstr (warnings, "lesson.hidden[1]: “trian” is not a part that can be hidden"));
  g_assert_false (gtk_widget_get_visible (gtk_paned_get_end_child (w->vpaned)));
  g_assert_cmpint (bpl_session_get_selection (f->session).kind, ==, BPL_HIT_NONE);

  g_assert_cmpuint (bpl_diagram_widget_get_matrix_layer (f->diagram), ==, 0);

  /* The view: the matrix of the weights into the selected weight's layer. */
  {
    g_autofree char *matrix = write_lesson ("{\"select\":\"w6\",\"view\":\"matrix\"}");

    open_path (f, matrix);
    g_assert_cmpuint (bpl_diagram_widget_get_matrix_layer (f->diagram), ==, 2);
    g_assert_false (gtk_widget_get_visible (w->lesson_warnings_box));
  }

  open_path (f, bad);
  g_assert_true (gtk_widget_get_visible (w->lesson_warnings_box));
  g_assert_nonnull (strstr (label_text (w->lesson_warnings), "lesson: expected an object"));
  g_assert_true (gtk_widget_get_visible (gtk_paned_get_end_child (w->vpaned)));
}

/* Save as Lesson: the dialog starts from the selection, the lesson is
 * applied at once and saved with the network; opened again, it is the
 * same lesson. */
static void
test_save_as_lesson (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (g_get_tmp_dir (), "bpl-test-practice", NULL);
  g_autofree char *path = g_build_filename (dir, "saved-lesson.json", NULL);
  g_autoptr(BplLesson) lesson = bpl_lesson_new ();
  g_autoptr(BplLesson) chosen = NULL;
  g_autoptr(BplNetwork) back = NULL;
  g_autoptr(GError) error = NULL;
  BplLessonDialog *dialog;
  g_autoptr(GPtrArray) dialogs = NULL;
  GList *toplevels;

  g_mkdir_with_parents (dir, 0700);
  bpl_app_test_select (f, "w5");
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.save-as-lesson", NULL);
  bpl_app_test_iterate (3);
  dialog = NULL;
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (BPL_IS_LESSON_DIALOG (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);

  lesson->title = g_strdup ("Output weights");
  lesson->instructions = g_strdup ("Find w5⁺.\nThen check it with Step.");
  lesson->select = g_strdup ("w5");
  lesson->locked = BPL_LESSON_LOCK_WEIGHTS | BPL_LESSON_LOCK_INPUTS;
  lesson->hidden = BPL_LESSON_HIDE_ARCHITECTURE;
  lesson->practice = TRUE;
  bpl_lesson_dialog_set_lesson (dialog, lesson);
  chosen = bpl_lesson_dialog_dup_lesson (dialog);
  g_assert_true (bpl_lesson_equal (chosen, lesson));

  /* Save… sets the lesson, shows it at once and saves (to a file named
   * here: Save asks with the file chooser). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "lesson.save-to", "s", path));
  bpl_app_test_iterate (3);
  g_assert_true (bpl_lesson_equal (bpl_document_get_lesson (f->document), lesson));
  g_assert_true (gtk_widget_get_visible (f->window->lesson_banner));
  g_assert_cmpstr (label_text (f->window->lesson_title), ==, "Output weights");
  g_assert_false (bpl_document_get_modified (f->document));

  back = bpl_network_load_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (bpl_lesson_equal (bpl_network_get_lesson (back), lesson));

  /* Undo takes the lesson away again. */
  bpl_app_test_activate (GTK_WIDGET (f->window), "win.undo", NULL);
  bpl_app_test_iterate (3);
  g_assert_null (bpl_document_get_lesson (f->document));
  g_assert_false (gtk_widget_get_visible (f->window->lesson_banner));

  open_path (f, path);
  g_assert_true (bpl_lesson_equal (bpl_document_get_lesson (f->document), lesson));
  g_assert_cmpuint (bpl_session_get_selection (f->session).index, ==, 4);
  /* Locked inputs keep the samples as given. */
  gtk_widget_activate_action (GTK_WIDGET (f->parameters), "samples.add", NULL);
  g_assert_cmpuint (bpl_network_get_n_samples (bpl_document_get_network (f->document)), ==, 1);
  g_assert_true (bpl_practice_get_active (bpl_session_get_practice (f->session)));
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  if (!bpl_app_test_init (&argc, &argv))
    return 0;
  bpl_app_test_known_session_leak =
    "a window closed just after practice ended is now and then not finalized (under load); cause not found";

  BPL_APP_TEST_ADD ("/app/practice/every-mistake", test_every_mistake);
  BPL_APP_TEST_ADD ("/app/practice/right-and-score", test_right_and_score);
  BPL_APP_TEST_ADD ("/app/practice/entries-kept", test_entries_kept);
  BPL_APP_TEST_ADD ("/app/practice/entries-per-sample", test_entries_per_sample);
  BPL_APP_TEST_ADD ("/app/practice/fits", test_fits);
  BPL_APP_TEST_ADD ("/app/lesson/opens", test_lesson_opens);
  BPL_APP_TEST_ADD ("/app/lesson/bad-fields", test_lesson_bad_fields);
  BPL_APP_TEST_ADD ("/app/lesson/save-as-lesson", test_save_as_lesson);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-parameters-panel.h"
#include "bpl-number-text.h"
#include "bpl-spin-button.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

typedef enum
{
  FIELD_INPUT,
  FIELD_TARGET,
  FIELD_ETA,
  FIELD_WEIGHT,
  FIELD_BIAS,
  /* The penalty's λ and the optimiser's numbers, shown when they apply. */
  FIELD_LAMBDA,
  FIELD_MOMENTUM,
  FIELD_BETA1,
  FIELD_BETA2,
  FIELD_EPSILON,
} FieldKind;

/* The lesson lock of each kind of field. */
static const guint field_lock[FIELD_EPSILON + 1] = {
  [FIELD_INPUT] = BPL_LESSON_LOCK_INPUTS,
  [FIELD_TARGET] = BPL_LESSON_LOCK_TARGETS,
  [FIELD_ETA] = BPL_LESSON_LOCK_LEARNING_RATE,
  [FIELD_WEIGHT] = BPL_LESSON_LOCK_WEIGHTS,
  [FIELD_BIAS] = BPL_LESSON_LOCK_BIASES,
  /* The penalty and the optimiser are set with η: the learning-rate lock. */
  [FIELD_LAMBDA] = BPL_LESSON_LOCK_LEARNING_RATE,
  [FIELD_MOMENTUM] = BPL_LESSON_LOCK_LEARNING_RATE,
  [FIELD_BETA1] = BPL_LESSON_LOCK_LEARNING_RATE,
  [FIELD_BETA2] = BPL_LESSON_LOCK_LEARNING_RATE,
  [FIELD_EPSILON] = BPL_LESSON_LOCK_LEARNING_RATE,
};

typedef struct
{
  FieldKind kind;
  guint index;
  GtkSpinButton *spin;
  GtkWidget *row;
  char *name;
  /* The name in messages: "w3", "η", "target of o1". */
  char *label;
  /* The row's usual subtitle, put back once a refusal is answered. */
  char *subtitle;
  GtkWidget *sparkline;
  /* Shown when the value is NaN or ±∞ (only a network that skipped
   * bpl_network_check can hold one). */
  GtkWidget *warning;
  gboolean non_finite;
  /* The sparkline has two or more steps to draw. */
  gboolean has_history;
} Field;

struct _BplParametersPanel
{
  BplView parent_instance;

  AdwPreferencesPage *page;

  GPtrArray *groups;
  GPtrArray *sample_rows;
  AdwPreferencesGroup *inputs_group;
  GArray *fields;
  guint digits;
  gboolean updating;
  /* The rows are built when the page is first shown, and again after the
   * network is replaced while hidden. */
  gboolean dirty;
  /* The last refusal of a typed value, or NULL. */
  char *refusal;
  /* A large network's: only LIST_ROWS rows a list, and the selection's
   * group, its fields last in fields, from n_fixed_fields on. */
  gboolean large;
  AdwPreferencesGroup *selection_group;
  GtkWidget *selection_row;
  guint n_fixed_fields;
  BplHit selection_shown;
};

G_DEFINE_FINAL_TYPE (BplParametersPanel, bpl_parameters_panel, BPL_TYPE_VIEW)

/* A large network (784 inputs, 57,984 weights) would make a row, a spin
 * button and a sparkline for each value: seconds to build, and more than
 * anyone scrolls through. Beyond LARGE_ROWS rows in all, each list shows
 * its first LIST_ROWS, and the selection has a group of its own at the
 * top, so that whatever the diagram selects can be edited here. */
#define LARGE_ROWS 400
#define LIST_ROWS 24

static BplSession *
session_of (BplParametersPanel *self)
{
  return bpl_view_get_session (BPL_VIEW (self));
}

static BplDocument *
document_of (BplParametersPanel *self)
{
  return bpl_view_get_document (BPL_VIEW (self));
}

#define NON_FINITE_EXPLANATION \
  _("This value overflowed: training diverged or a value is too large. Type a finite value, or undo.")

static void
field_clear (gpointer data)
{
  Field *field = data;
  g_free (field->name);
  g_free (field->label);
  g_free (field->subtitle);
}

static double
field_value (BplParametersPanel *self,
             const Field        *field)
{
  const BplNetwork *network = bpl_session_get_network (session_of (self));
  guint sample = bpl_session_get_sample (session_of (self));

  switch (field->kind)
    {
    case FIELD_INPUT:
      return bpl_network_get_input (network, sample)[field->index];
    case FIELD_TARGET:
      return bpl_network_get_target (network, sample)[field->index];
    case FIELD_ETA:
      return bpl_network_get_learning_rate (network);
    case FIELD_WEIGHT:
      return bpl_network_get_weight (network, field->index);
    case FIELD_BIAS:
      return bpl_network_get_bias (network, field->index);
    case FIELD_LAMBDA:
      return bpl_network_get_regularization_strength (network);
    case FIELD_MOMENTUM:
    case FIELD_BETA1:
    case FIELD_BETA2:
    case FIELD_EPSILON:
      {
        BplOptimizerSettings o;

        bpl_network_get_optimizer_settings (network, &o);
        return field->kind == FIELD_MOMENTUM ? o.momentum
               : field->kind == FIELD_BETA1 ? o.beta1
               : field->kind == FIELD_BETA2 ? o.beta2 : o.epsilon;
      }
    default:
      g_assert_not_reached ();
    }
}

/* The training numbers apply with their setting: λ with a penalty, μ with
 * momentum, β₁, β₂ and ε with Adam. */
static gboolean
field_applies (const BplNetwork *network,
               FieldKind         kind)
{
  switch (kind)
    {
    case FIELD_LAMBDA:
      return bpl_network_get_regularization (network) != BPL_REGULARIZATION_NONE;
    case FIELD_MOMENTUM:
      return bpl_network_get_optimizer (network) == BPL_OPTIMIZER_MOMENTUM;
    case FIELD_BETA1:
    case FIELD_BETA2:
    case FIELD_EPSILON:
      return bpl_network_get_optimizer (network) == BPL_OPTIMIZER_ADAM;
    default:
      return TRUE;
    }
}

static Field *
spin_field (BplParametersPanel *self,
            GtkSpinButton      *spin)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "bpl-field"));

  if (i >= self->fields->len)
    return NULL;
  return &g_array_index (self->fields, Field, i);
}

/* The refusal said next to the field: the row's subtitle, in the error
 * colour, until the field takes a value. */
static void
show_refusal (BplParametersPanel *self,
              Field              *field,
              const char         *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  g_free (self->refusal);
  self->refusal = g_strdup (message);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), escaped);
  gtk_widget_add_css_class (field->row, "refused");
  gtk_widget_add_css_class (GTK_WIDGET (field->spin), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (field->spin), message);
}

static void
clear_refusal (BplParametersPanel *self,
               Field              *field)
{
  if (!gtk_widget_has_css_class (field->row, "refused"))
    return;
  g_clear_pointer (&self->refusal, g_free);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), field->subtitle != NULL ? field->subtitle : "");
  gtk_widget_remove_css_class (field->row, "refused");
  gtk_widget_remove_css_class (GTK_WIDGET (field->spin), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (field->spin), NULL);
}

/* 1e+09 → 1e9, -2.5e-07 → -2.5e-7: as a student would write it. */
static char *
short_number (double value)
{
  g_autofree char *text = bpl_number_text_format (value, 6);
  char *e = strchr (text, 'e');
  GString *out;

  if (e == NULL)
    return g_steal_pointer (&text);
  out = g_string_new_len (text, e - text + 1);
  e++;
  if (*e == '-')
    g_string_append_c (out, *e++);
  else if (*e == '+')
    e++;
  while (*e == '0' && e[1] != '\0')
    e++;
  g_string_append (out, e);
  return g_string_free (out, FALSE);
}

/* What the network itself demands of the value (bpl_network_check), said
 * with the field's name: NULL when the value may go in. */
static char *
check_value (BplParametersPanel *self,
             const Field        *field,
             const char         *typed,
             double              value)
{
  g_autofree char *shown = typed != NULL ? g_strdup (typed) : short_number (value);
  g_autofree char *limit = short_number (BPL_MAX_ABS_VALUE);

  {
    /* A lesson's lock, whatever the value. */
    g_autofree char *lock = bpl_document_dup_lock_message (document_of (self), field_lock[field->kind]);
    if (lock != NULL)
      return g_strdup_printf ("%s: %s", field->label, lock);
  }
  if (isnan (value))
    return g_strdup_printf (_("%s: NaN is not a number; type a value within ±%s"), field->label, limit);
  if (isinf (value) || fabs (value) > BPL_MAX_ABS_VALUE)
    return g_strdup_printf (_("%s: %s is beyond ±%s"), field->label, shown, limit);
  if (field->kind == FIELD_ETA && value < 0)
    return g_strdup_printf (_("%s: %s is negative; the learning rate must be 0 or more"), field->label, shown);
  if (field->kind == FIELD_LAMBDA && value < 0)
    return g_strdup_printf (_("%s: %s is negative; the penalty’s strength must be 0 or more"), field->label, shown);
  if ((field->kind == FIELD_MOMENTUM || field->kind == FIELD_BETA1 || field->kind == FIELD_BETA2)
      && !(value >= 0 && value < 1))
    return g_strdup_printf (_("%s: %s is outside 0 ≤ %s < 1, where a running mean decays"), field->label, shown,
                            field->label);
  if (field->kind == FIELD_EPSILON && !(value > 0 && value <= 1))
    return g_strdup_printf (_("%s: %s is outside 0 < ε ≤ 1"), field->label, shown);
  if (field->kind == FIELD_TARGET && (value < 0 || value > 1)
      && bpl_network_get_activation (bpl_session_get_network (session_of (self)),
                                     bpl_network_get_n_layers (bpl_session_get_network (session_of (self))) - 1)
           == BPL_ACTIVATION_SOFTMAX)
    return g_strdup_printf (_("%s: %s is outside [0, 1]: softmax outputs are probabilities"), field->label, shown);
  if (field->kind == FIELD_TARGET
      && bpl_network_get_loss (bpl_session_get_network (session_of (self))) == BPL_LOSS_CROSS_ENTROPY
      && (value < 0 || value > 1))
    return g_strdup_printf (_("%s: %s is outside [0, 1], which cross-entropy needs"), field->label, shown);
  return NULL;
}

/* Typed text: a number in the locale's way ("0,25" in German), or with the
 * other decimal separator where that is not ambiguous ("0.25", "-1e-3",
 * "−2"). The spin button's own parser would take "abc" as 0 and clamp 1e12
 * to its bounds without a word. */
static char *
parse_typed (const char *text,
             double     *value)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  g_autoptr(GError) error = NULL;

  g_strstrip (lower);
  if (g_str_equal (lower, "nan") || g_str_equal (lower, "-nan") || g_str_equal (lower, "+nan")
      || g_str_equal (lower, "−nan"))
    return g_strdup (_("NaN is not a number; type a finite value"));
  if (strstr (lower, "inf") != NULL || strstr (lower, "∞") != NULL)
    return g_strdup (_("∞ is not a finite number; type a finite value"));
  if (!bpl_number_text_parse (text, value, &error))
    return g_strdup (error->message);
  return NULL;
}

static int
on_spin_input (GtkSpinButton *spin,
               double        *new_value,
               gpointer       user_data)
{
  BplParametersPanel *self = BPL_PARAMETERS_PANEL (user_data);
  Field *field = spin_field (self, spin);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  g_autofree char *problem = NULL;
  g_autofree char *message = NULL;
  double value = 0;

  if (field == NULL || session_of (self) == NULL)
    return FALSE;
  /* "NaN" or "∞" shown for a network that holds one is no edit. */
  if (field->non_finite)
    {
      g_autofree char *current = bpl_number_text_format (field_value (self, field), self->digits + 1);
      if (g_str_equal (text, current))
        {
          *new_value = gtk_spin_button_get_value (spin);
          return TRUE;
        }
    }
  problem = parse_typed (text, &value);
  if (problem != NULL)
    message = g_strdup_printf ("%s: %s", field->label, problem);
  else
    {
      g_autofree char *typed = g_strstrip (g_strdup (text));
      message = check_value (self, field, typed, value);
    }
  if (message != NULL)
    {
      show_refusal (self, field, message);
      /* The value stays as it was: the spin button puts its text back. */
      *new_value = gtk_spin_button_get_value (spin);
      return GTK_INPUT_ERROR;
    }
  clear_refusal (self, field);
  *new_value = value;
  return TRUE;
}

static void
on_spin_value_changed (GtkSpinButton *spin,
                       gpointer       user_data)
{
  BplParametersPanel *self = BPL_PARAMETERS_PANEL (user_data);
  Field *field;
  double value = bpl_spin_button_get_tidy_value (spin);
  g_autofree char *message = NULL;

  if (self->updating || session_of (self) == NULL)
    return;
  field = spin_field (self, spin);
  /* A refused text put back emits value-changed with the value unchanged. */
  if (field == NULL || value == field_value (self, field))
    return;
  message = check_value (self, field, NULL, value);
  if (message != NULL)
    {
      show_refusal (self, field, message);
      self->updating = TRUE;
      gtk_spin_button_set_value (spin, field_value (self, field));
      self->updating = FALSE;
      return;
    }
  clear_refusal (self, field);

  switch (field->kind)
    {
    case FIELD_INPUT:
      bpl_document_set_input (document_of (self), bpl_session_get_sample (session_of (self)), field->index, value);
      break;
    case FIELD_TARGET:
      bpl_document_set_target (document_of (self), bpl_session_get_sample (session_of (self)), field->index, value);
      break;
    case FIELD_ETA:
      bpl_document_set_learning_rate (document_of (self), value);
      break;
    case FIELD_WEIGHT:
      bpl_document_set_param (document_of (self), (BplParam) { BPL_PARAM_WEIGHT, field->index }, value);
      break;
    case FIELD_BIAS:
      bpl_document_set_param (document_of (self), (BplParam) { BPL_PARAM_BIAS, field->index }, value);
      break;
    case FIELD_LAMBDA:
      bpl_document_set_regularization (document_of (self),
                                       bpl_network_get_regularization (bpl_session_get_network (session_of (self))),
                                       value, NULL);
      break;
    case FIELD_MOMENTUM:
    case FIELD_BETA1:
    case FIELD_BETA2:
    case FIELD_EPSILON:
      {
        BplOptimizerSettings o;

        bpl_network_get_optimizer_settings (bpl_session_get_network (session_of (self)), &o);
        if (field->kind == FIELD_MOMENTUM)
          o.momentum = value;
        else if (field->kind == FIELD_BETA1)
          o.beta1 = value;
        else if (field->kind == FIELD_BETA2)
          o.beta2 = value;
        else
          o.epsilon = value;
        bpl_document_set_optimizer (document_of (self), &o, NULL);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Values at the display precision without trailing zeros: 0.05, not
 * 0.0500000000. */
static gboolean
on_spin_output (GtkSpinButton *spin,
                gpointer       user_data)
{
  BplParametersPanel *self = BPL_PARAMETERS_PANEL (user_data);
  Field *field = spin_field (self, spin);
  /* NaN or ∞ is never in the adjustment: shown as itself, with the row's
   * warning icon. */
  double value = field != NULL && field->non_finite ? field_value (self, field)
                                                    : gtk_spin_button_get_value (spin);
  g_autofree char *text = bpl_number_text_format (value, self->digits + 1);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static char *
sub_markup (const char *base,
            const char *sub)
{
  return bpl_format_name (base, sub, BPL_EXPR_MARKUP);
}

/* "w3" → w<sub>3</sub>; "h2" → h<sub>2</sub> */
static char *
name_markup (const char *name)
{
  return bpl_format_split_name (name, BPL_EXPR_MARKUP);
}

/* A parameter's value over the training history, with the step shown marked. */
static void
draw_sparkline (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  BplParametersPanel *self = BPL_PARAMETERS_PANEL (user_data);
  BplParam param = {
    GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "bpl-param-kind")),
    GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "bpl-param-index")),
  };
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (area));
  GdkRGBA fg, accent;
  guint n, shown, stride;
  double lo = INFINITY, hi = -INFINITY;
  guint64 first, last;
  BplDocument *document = document_of (self);

  if (document == NULL)
    return;
  n = bpl_document_get_n_history (document);
  /* One point is no history: a lone dot beside every value said nothing. */
  if (n < 2)
    return;
  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
    accent = fg;
  shown = bpl_document_get_history_index (document);
  /* About two points per pixel, however long the history: many sparklines
   * redraw on every frame while playing. */
  stride = MAX (1, n / (guint) MAX (width * 2, 1));
  for (guint i = 0; i < n; i = (i + stride < n || i == n - 1) ? i + stride : n - 1)
    {
      double v = bpl_document_get_history_value (document, i, param);
      if (!isfinite (v))
        continue;
      lo = MIN (lo, v);
      hi = MAX (hi, v);
    }
  if (!isfinite (lo))
    lo = hi = 0;
  if (!(hi > lo))
    {
      lo -= 0.5;
      hi += 0.5;
    }
  first = bpl_document_get_history_step (document, 0);
  last = bpl_document_get_history_step (document, n - 1);

#define SX(i) (1.5 + (last > first ? (double) (bpl_document_get_history_step (document, (i)) - first) / (last - first) : 1.0) * (width - 3))
#define SY(v) (1.5 + (1.0 - ((v) - lo) / (hi - lo)) * (height - 3))
  cairo_set_line_width (cr, 1.25);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  gdk_cairo_set_source_rgba (cr, &fg);
  for (guint i = 0; i < n; i = (i + stride < n || i == n - 1) ? i + stride : n - 1)
    {
      double v = bpl_document_get_history_value (document, i, param);
      if (!isfinite (v))
        continue;
      if (!cairo_has_current_point (cr))
        cairo_move_to (cr, SX (i), SY (v));
      else
        cairo_line_to (cr, SX (i), SY (v));
    }
  cairo_stroke (cr);
  gdk_cairo_set_source_rgba (cr, &accent);
  if (isfinite (bpl_document_get_history_value (document, shown, param)))
    {
      cairo_arc (cr, SX (shown), SY (bpl_document_get_history_value (document, shown, param)), 2.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }
#undef SX
#undef SY
}

static void
add_field (BplParametersPanel  *self,
           AdwPreferencesGroup *group,
           FieldKind            kind,
           guint                index,
           const char          *name,
           const char          *display_name,
           const char          *title_markup,
           const char          *subtitle,
           double               step)
{
  GtkWidget *row = adw_action_row_new ();
  /* The adjustment spans every value the network may hold, so the arrows
   * never stop short; typed values are checked in on_spin_input. */
  double lower = kind == FIELD_WEIGHT || kind == FIELD_BIAS || kind == FIELD_INPUT || kind == FIELD_TARGET
                   ? -BPL_MAX_ABS_VALUE : 0;
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, BPL_MAX_ABS_VALUE, step);
  GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  Field field = { kind, index, GTK_SPIN_BUTTON (spin), row, g_strdup (name),
                  g_strdup (display_name != NULL ? display_name : name), g_strdup (subtitle), NULL, warning, FALSE };
  g_autofree char *label = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title_markup);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), self->digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 12);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (spin, "numeric");
  bpl_spin_button_scroll_when_focused (GTK_SPIN_BUTTON (spin));
  label = g_strdup_printf (_("Value of %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data (G_OBJECT (spin), "bpl-field", GUINT_TO_POINTER (self->fields->len));
  if (kind == FIELD_WEIGHT || kind == FIELD_BIAS)
    {
      GtkWidget *area = gtk_drawing_area_new ();

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 64);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 22);
      gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (area, "sparkline");
      gtk_accessible_update_state (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      g_object_set_data (G_OBJECT (area), "bpl-param-kind", GUINT_TO_POINTER (kind == FIELD_WEIGHT ? BPL_PARAM_WEIGHT : BPL_PARAM_BIAS));
      g_object_set_data (G_OBJECT (area), "bpl-param-index", GUINT_TO_POINTER (index));
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_sparkline, self, NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), area);
      field.sparkline = area;
    }
  gtk_widget_set_visible (warning, FALSE);
  gtk_widget_set_valign (warning, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (warning, "warning");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), warning);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  g_array_append_val (self->fields, field);

  g_signal_connect (spin, "input", G_CALLBACK (on_spin_input), self);
  g_signal_connect (spin, "output", G_CALLBACK (on_spin_output), self);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_spin_value_changed), self);
}

/* How many of a list's @n rows are made: all, or the first LIST_ROWS. */
static guint
shown_rows (BplParametersPanel *self,
            guint               n)
{
  return self->large ? MIN (n, LIST_ROWS) : n;
}

/* "The first 24 of 784 …" under a list that shows only some. */
static char *
first_rows_note (guint n)
{
  g_autofree char *shown = g_strdup_printf ("%u", LIST_ROWS);
  g_autofree char *all = g_strdup_printf ("%u", n);

  /* Translators: the first 24 of 784 values are listed */
  return g_strdup_printf (_("The first %s of %s. Select one in the diagram to edit it above."),
                          shown, all);
}

static AdwPreferencesGroup *
add_group (BplParametersPanel *self,
           const char         *title,
           const char         *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
  g_ptr_array_add (self->groups, group);
  return ADW_PREFERENCES_GROUP (group);
}

static void
on_sample_toggled (GtkCheckButton     *check,
                   BplParametersPanel *self)
{
  guint sample = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "bpl-sample"));

  if (self->updating || session_of (self) == NULL || !gtk_check_button_get_active (check))
    return;
  bpl_session_set_sample (session_of (self), sample);
}

static char *
vector_text (const double *values,
             guint         n,
             int           digits)
{
  GString *text = g_string_new ("(");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *v = bpl_number_text_format_display (values[i], digits);
      if (i > 0)
        g_string_append (text, bpl_number_text_list_separator ());
      g_string_append (text, v);
    }
  g_string_append_c (text, ')');
  return g_string_free (text, FALSE);
}

static void
update_sample_rows (BplParametersPanel *self)
{
  const BplNetwork *network = bpl_session_get_network (session_of (self));
  guint shown = bpl_session_get_sample (session_of (self));

  for (guint s = 0; s < self->sample_rows->len && s < bpl_network_get_n_samples (network); s++)
    {
      GtkWidget *row = g_ptr_array_index (self->sample_rows, s);
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "bpl-check");
      g_autofree char *in = vector_text (bpl_network_get_input (network, s), bpl_network_get_n_inputs (network), 4);
      g_autofree char *out = vector_text (bpl_network_get_target (network, s), bpl_network_get_n_outputs (network), 4);
      /* Translators: a sample's inputs → its targets */
      g_autofree char *text = g_strdup_printf (_("%s → %s"), in, out);
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      if (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), escaped) != 0)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      if (gtk_check_button_get_active (check) != (s == shown))
        gtk_check_button_set_active (check, s == shown);
    }
}

static void
add_samples_group (BplParametersPanel *self,
                   const BplNetwork   *network)
{
  guint n = bpl_network_get_n_samples (network);
  AdwPreferencesGroup *group;
  GtkWidget *add;
  GtkCheckButton *first = NULL;

  group = add_group (self, _("Samples"),
                     _("Each sample is an input with the target output it should give. "
                       "The one ticked drives the diagram and the derivation; "
                       "online training takes them in turn."));
  add = gtk_button_new_from_icon_name ("list-add-symbolic");
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (add, _("Add a sample (a copy of the one shown)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "samples.add");
  adw_preferences_group_set_header_suffix (group, add);

  for (guint s = 0; s < shown_rows (self, n); s++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *title = g_strdup_printf (_("Sample %u"), s + 1);
      g_autofree char *remove_label = g_strdup_printf (_("Remove sample %u"), s + 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (first == NULL)
        first = GTK_CHECK_BUTTON (check);
      else
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
      g_object_set_data (G_OBJECT (check), "bpl-sample", GUINT_TO_POINTER (s));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      g_signal_connect (check, "toggled", G_CALLBACK (on_sample_toggled), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, remove_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "samples.remove");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "u", s);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      g_object_set_data (G_OBJECT (row), "bpl-check", check);
      adw_preferences_group_add (group, row);
      g_ptr_array_add (self->sample_rows, row);
    }
}

/* Until training has taken a step the sparkline is empty: it says what
 * it is only once there is a history to show. */
static void
update_sparkline (BplParametersPanel *self,
                  Field              *field)
{
  gboolean has_history = bpl_document_get_n_history (document_of (self)) > 1;

  if (has_history != field->has_history)
    {
      g_autofree char *tip = NULL;

      field->has_history = has_history;
      if (has_history)
        /* Translators: %s is a weight or bias, "w3" */
        tip = g_strdup_printf (_("%s over the training history; the dot marks the step shown"), field->name);
      gtk_widget_set_tooltip_text (field->sparkline, tip);
      if (tip != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (field->sparkline), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (field->sparkline), GTK_ACCESSIBLE_STATE_HIDDEN, !has_history, -1);
    }
  gtk_widget_queue_draw (field->sparkline);
}

static void update_selection_row (BplParametersPanel *self);

static void
update_values (BplParametersPanel *self)
{
  BplHit sel;

  if (session_of (self) == NULL || self->dirty)
    return;
  update_selection_row (self);
  sel = bpl_session_get_selection (session_of (self));
  self->updating = TRUE;
  update_sample_rows (self);
  if (self->inputs_group != NULL)
    {
      const BplNetwork *network = bpl_session_get_network (session_of (self));
      g_autofree char *count = g_strdup_printf ("%u", bpl_session_get_sample (session_of (self)) + 1);
      /* Translators: %s is the number of the sample shown */
      g_autofree char *desc = bpl_network_get_n_samples (network) > 1 ? g_strdup_printf (_("Sample %s, the one shown"), count) : NULL;
      guint n_layers = bpl_network_get_n_layers (network);

      /* Softmax targets are edited one at a time, so their sum may be off
       * for a while: say so here, before Step or Save meets it. */
      if (bpl_network_get_activation (network, n_layers - 1) == BPL_ACTIVATION_SOFTMAX)
        {
          const double *t = bpl_network_get_target (network, bpl_session_get_sample (session_of (self)));
          double sum = 0;

          for (guint o = 0; o < bpl_network_get_n_outputs (network); o++)
            sum += t[o];
          if (!(fabs (sum - 1.0) <= BPL_SOFTMAX_TARGET_TOLERANCE))
            {
              g_autofree char *total = bpl_format_number_display (sum, 6);
              /* Translators: the first %s is "Sample 2, the one shown" or empty */
              char *warn = g_strdup_printf (_("%s%sSoftmax outputs sum to 1, but these targets sum to %s: "
                                              "make them sum to 1 before saving."),
                                            desc != NULL ? desc : "", desc != NULL ? ". " : "", total);
              g_free (desc);
              desc = warn;
            }
        }

      adw_preferences_group_set_description (self->inputs_group, desc);
    }
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = &g_array_index (self->fields, Field, i);
      double v = field_value (self, field);
      gboolean selected = (field->kind == FIELD_WEIGHT && sel.kind == BPL_HIT_WEIGHT && sel.index == field->index)
                          || (field->kind == FIELD_BIAS && sel.kind == BPL_HIT_BIAS && sel.index == field->index);
      gboolean non_finite = !isfinite (v);

      gtk_widget_set_visible (field->row, field_applies (bpl_session_get_network (session_of (self)), field->kind));
      clear_refusal (self, field);
      if (non_finite != field->non_finite)
        {
          field->non_finite = non_finite;
          gtk_widget_set_visible (field->warning, non_finite);
          gtk_widget_set_tooltip_text (field->warning, non_finite ? NON_FINITE_EXPLANATION : NULL);
          gtk_widget_set_tooltip_text (GTK_WIDGET (field->spin), non_finite ? NON_FINITE_EXPLANATION : NULL);
          if (non_finite)
            gtk_widget_add_css_class (GTK_WIDGET (field->spin), "warning");
          else
            gtk_widget_remove_css_class (GTK_WIDGET (field->spin), "warning");
        }
      if (non_finite)
        /* Not into the adjustment, which would clamp it: the output
         * handler prints the value itself. */
        on_spin_output (field->spin, self);
      else if (gtk_spin_button_get_value (field->spin) != v)
        gtk_spin_button_set_value (field->spin, v);
      else
        /* Finite again at the value typed: its text replaces "∞". */
        on_spin_output (field->spin, self);
      if (selected)
        gtk_widget_add_css_class (field->row, "selected-param");
      else
        gtk_widget_remove_css_class (field->row, "selected-param");
      if (field->sparkline != NULL)
        update_sparkline (self, field);
    }
  self->updating = FALSE;
}

/* Named as the diagram captions its layers: "Hidden layer", "Hidden
 * layer 2", "Output layer". */
static char *
bias_subtitle (const BplNetwork *network,
               guint             bias)
{
  guint n_layers = bpl_network_get_n_layers (network);
  guint layer = bpl_network_get_bias_layer (network, bias);

  if (bpl_network_get_bias_mode (network) == BPL_BIAS_PER_NEURON)
    {
      guint start = bpl_network_get_layer_start (network, layer);

      for (guint n = start; n < start + bpl_network_get_layer_size (network, layer); n++)
        if (bpl_network_get_neuron_bias (network, n) == (gint) bias)
          {
            g_autofree char *neuron = name_markup (bpl_network_get_neuron_name (network, n));
            /* Translators: %s is a neuron, "h1" */
            return g_strdup_printf (_("Bias of %s"), neuron);
          }
    }
  /* The group is "Biases" already: the layer's name is enough, and short
   * enough for one line beside the history graph. */
  if (layer == n_layers - 1)
    return g_strdup (_("Output layer"));
  if (n_layers == 3)
    return g_strdup (_("Hidden layer"));
  return g_strdup_printf (_("Hidden layer %u"), layer);
}

static void
add_input_and_target_rows (BplParametersPanel *self,
                           const BplNetwork   *network)
{
  guint n_layers = bpl_network_get_n_layers (network);
  AdwPreferencesGroup *group = add_group (self, _("Inputs and Targets"), NULL);

  self->inputs_group = group;
  for (guint i = 0; i < shown_rows (self, bpl_network_get_n_inputs (network)); i++)
    {
      const char *name = bpl_network_get_neuron_name (network, i);
      g_autofree char *markup = name_markup (name);
      add_field (self, group, FIELD_INPUT, i, name, NULL, markup, _("Input"), 0.01);
    }
  for (guint o = 0; o < shown_rows (self, bpl_network_get_n_outputs (network)); o++)
    {
      guint neuron = bpl_network_get_layer_start (network, n_layers - 1) + o;
      const char *oname = bpl_network_get_neuron_name (network, neuron);
      g_autofree char *sub = g_strdup (oname);
      g_autofree char *markup = sub_markup ("target", sub);
      g_autofree char *name = g_strdup_printf ("target_%s", oname);
      /* Translators: names a target in a message, "target of o1: …" */
      g_autofree char *display = g_strdup_printf (_("target of %s"), oname);
      add_field (self, group, FIELD_TARGET, o, name, display, markup, _("Target output"), 0.01);
    }
}

/* A group per layer of weights, named as the diagram captions its layers. */
static void
add_weight_rows (BplParametersPanel *self,
                 const BplNetwork   *network)
{
  guint n_layers = bpl_network_get_n_layers (network);

  for (guint l = 1; l < n_layers; l++)
    {
      g_autofree char *title = NULL;
      guint start = bpl_network_get_weight_start (network, l);
      guint end = l + 1 < n_layers ? bpl_network_get_weight_start (network, l + 1)
                                   : bpl_network_get_n_weights (network);
      AdwPreferencesGroup *group;

      if (l == n_layers - 1)
        title = g_strdup (_("Weights into the Output Layer"));
      else if (n_layers == 3)
        title = g_strdup (_("Weights into the Hidden Layer"));
      else
        title = g_strdup_printf (_("Weights into Hidden Layer %u"), l);
      {
        g_autofree char *note = self->large && end - start > LIST_ROWS ? first_rows_note (end - start)
                                                                        : NULL;

        group = add_group (self, title, note);
      }
      for (guint w = start; w < start + shown_rows (self, end - start); w++)
        {
          const char *name = bpl_network_get_weight_name (network, w);
          g_autofree char *markup = name_markup (name);
          g_autofree char *src = name_markup (bpl_network_get_neuron_name (network, bpl_network_get_weight_source (network, w)));
          g_autofree char *dst = name_markup (bpl_network_get_neuron_name (network, bpl_network_get_weight_target (network, w)));
          g_autofree char *subtitle = g_strdup_printf ("%s → %s", src, dst);
          add_field (self, group, FIELD_WEIGHT, w, name, NULL, markup, subtitle, 0.01);
        }
    }
}

static void
add_bias_rows (BplParametersPanel *self,
               const BplNetwork   *network)
{
  AdwPreferencesGroup *group;

  if (bpl_network_get_n_biases (network) == 0)
    return;
  {
    guint n = bpl_network_get_n_biases (network);
    g_autofree char *note = self->large && n > LIST_ROWS ? first_rows_note (n) : NULL;

    group = add_group (self, _("Biases"), note);
  }
  for (guint b = 0; b < shown_rows (self, bpl_network_get_n_biases (network)); b++)
    {
      const char *name = bpl_network_get_bias_name (network, b);
      g_autofree char *markup = name_markup (name);
      g_autofree char *subtitle = bias_subtitle (network, b);

      add_field (self, group, FIELD_BIAS, b, name, NULL, markup, subtitle, 0.01);
    }
}

/* Every row anew, for the network shown: samples, inputs and targets, η,
 * weights by layer, biases. */
static void
build_rows (BplParametersPanel *self)
{
  const BplNetwork *network;
  AdwPreferencesGroup *group;

  self->dirty = FALSE;
  g_clear_pointer (&self->refusal, g_free);
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, g_ptr_array_index (self->groups, i));
  g_ptr_array_set_size (self->groups, 0);
  g_array_set_size (self->fields, 0);
  g_ptr_array_set_size (self->sample_rows, 0);
  self->inputs_group = NULL;

  if (session_of (self) == NULL)
    return;
  network = bpl_session_get_network (session_of (self));
  self->large = bpl_network_get_n_samples (network) + bpl_network_get_n_inputs (network)
                + bpl_network_get_n_outputs (network) + bpl_network_get_n_weights (network)
                + bpl_network_get_n_biases (network) > LARGE_ROWS;
  self->selection_group = NULL;
  self->selection_row = NULL;
  self->selection_shown = (BplHit) { BPL_HIT_NONE, 0 };
  if (self->large)
    {
      self->selection_group = add_group (self, _("Selected"),
                                         _("The value selected in the diagram."));
      gtk_widget_set_visible (GTK_WIDGET (self->selection_group), FALSE);
    }
  add_samples_group (self, network);
  add_input_and_target_rows (self, network);
  group = add_group (self, _("Training"), NULL);
  add_field (self, group, FIELD_ETA, 0, "eta", "η", "η", _("Learning rate"), 0.05);
  /* Penalty and optimiser are chosen in Network Architecture…; their
   * numbers are here too, beside η. */
  add_field (self, group, FIELD_LAMBDA, 0, "lambda", "λ", "λ", _("Strength of the penalty on the weights"), 0.0001);
  add_field (self, group, FIELD_MOMENTUM, 0, "momentum", "μ", "μ", _("Momentum: v ← μ·v + g"), 0.05);
  add_field (self, group, FIELD_BETA1, 0, "beta1", "β₁", "β<sub>1</sub>", _("Adam: decay of the mean of g"), 0.01);
  add_field (self, group, FIELD_BETA2, 0, "beta2", "β₂", "β<sub>2</sub>", _("Adam: decay of the mean of g²"), 0.001);
  add_field (self, group, FIELD_EPSILON, 0, "epsilon", "ε", "ε", _("Adam: keeps the step finite"), 1e-8);
  add_weight_rows (self, network);
  add_bias_rows (self, network);
  self->n_fixed_fields = self->fields->len;
  update_values (self);
}

/* A large network: the selected weight, bias or input in a group of its
 * own, made anew when the selection changes, unless a list shows it. */
static void
update_selection_row (BplParametersPanel *self)
{
  const BplNetwork *network;
  BplHit sel;
  gboolean listed = FALSE;

  if (!self->large || self->selection_group == NULL || session_of (self) == NULL)
    return;
  network = bpl_session_get_network (session_of (self));
  sel = bpl_session_get_selection (session_of (self));
  if (sel.kind == self->selection_shown.kind && sel.index == self->selection_shown.index)
    return;
  self->selection_shown = sel;
  if (self->selection_row != NULL)
    adw_preferences_group_remove (self->selection_group, self->selection_row);
  self->selection_row = NULL;
  g_array_set_size (self->fields, self->n_fixed_fields);

  for (guint i = 0; i < self->n_fixed_fields; i++)
    {
      const Field *field = &g_array_index (self->fields, Field, i);

      listed |= (sel.kind == BPL_HIT_WEIGHT && field->kind == FIELD_WEIGHT && field->index == sel.index)
                || (sel.kind == BPL_HIT_BIAS && field->kind == FIELD_BIAS && field->index == sel.index)
                || (sel.kind == BPL_HIT_NEURON && field->kind == FIELD_INPUT && field->index == sel.index);
    }
  if (!listed && sel.kind == BPL_HIT_WEIGHT && sel.index < bpl_network_get_n_weights (network))
    {
      const char *name = bpl_network_get_weight_name (network, sel.index);
      g_autofree char *markup = name_markup (name);
      g_autofree char *src = name_markup (bpl_network_get_neuron_name (network, bpl_network_get_weight_source (network, sel.index)));
      g_autofree char *dst = name_markup (bpl_network_get_neuron_name (network, bpl_network_get_weight_target (network, sel.index)));
      g_autofree char *subtitle = g_strdup_printf ("%s → %s", src, dst);

      add_field (self, self->selection_group, FIELD_WEIGHT, sel.index, name, NULL, markup, subtitle, 0.01);
    }
  else if (!listed && sel.kind == BPL_HIT_BIAS && sel.index < bpl_network_get_n_biases (network))
    {
      const char *name = bpl_network_get_bias_name (network, sel.index);
      g_autofree char *markup = name_markup (name);
      g_autofree char *subtitle = bias_subtitle (network, sel.index);

      add_field (self, self->selection_group, FIELD_BIAS, sel.index, name, NULL, markup, subtitle, 0.01);
    }
  else if (!listed && sel.kind == BPL_HIT_NEURON && sel.index < bpl_network_get_n_inputs (network))
    {
      const char *name = bpl_network_get_neuron_name (network, sel.index);
      g_autofree char *markup = name_markup (name);

      add_field (self, self->selection_group, FIELD_INPUT, sel.index, name, NULL, markup, _("Input"), 0.01);
    }
  if (self->fields->len > self->n_fixed_fields)
    self->selection_row = g_array_index (self->fields, Field, self->fields->len - 1).row;
  gtk_widget_set_visible (GTK_WIDGET (self->selection_group), self->selection_row != NULL);
}

static void
ensure_built (BplParametersPanel *self)
{
  if (self->dirty)
    build_rows (self);
}

/* A spin button and a sparkline per value add up on a large network: the
 * rows are built when the page is shown, not while it is hidden. */
static void
rebuild (BplParametersPanel *self)
{
  if (session_of (self) != NULL)
    {
      guint n = bpl_network_get_n_samples (bpl_session_get_network (session_of (self)));
      const BplLesson *lesson = bpl_document_get_lesson (document_of (self));
      /* A lesson that locks the inputs or targets keeps the samples as given. */
      gboolean locked = lesson != NULL && (lesson->locked & (BPL_LESSON_LOCK_INPUTS | BPL_LESSON_LOCK_TARGETS)) != 0;

      /* The last sample stays: a network needs one. */
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "samples.remove", n > 1 && !locked);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "samples.add", n < BPL_MAX_SAMPLES && !locked);
    }
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    build_rows (self);
}

gboolean
bpl_parameters_panel_get_built (BplParametersPanel *self)
{
  g_return_val_if_fail (BPL_IS_PARAMETERS_PANEL (self), FALSE);
  return !self->dirty && self->fields->len > 0;
}

const char *
bpl_parameters_panel_get_refusal (BplParametersPanel *self)
{
  g_return_val_if_fail (BPL_IS_PARAMETERS_PANEL (self), NULL);
  return self->refusal;
}

static void
bpl_parameters_panel_session_changed (BplView *view)
{
  rebuild (BPL_PARAMETERS_PANEL (view));
}

void
bpl_parameters_panel_set_digits (BplParametersPanel *self,
                                 guint               digits)
{
  g_return_if_fail (BPL_IS_PARAMETERS_PANEL (self));

  digits = CLAMP (digits, 1, 15);
  if (self->digits == digits)
    return;
  self->digits = digits;
  self->updating = TRUE;
  for (guint i = 0; i < self->fields->len; i++)
    {
      gtk_spin_button_set_digits (g_array_index (self->fields, Field, i).spin, digits);
      gtk_spin_button_update (g_array_index (self->fields, Field, i).spin);
    }
  self->updating = FALSE;
}

GtkSpinButton *
bpl_parameters_panel_get_spin (BplParametersPanel *self,
                               const char         *name)
{
  g_return_val_if_fail (BPL_IS_PARAMETERS_PANEL (self), NULL);

  ensure_built (self);
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = &g_array_index (self->fields, Field, i);
      if (g_strcmp0 (field->name, name) == 0)
        return field->spin;
    }
  return NULL;
}

static void
bpl_parameters_panel_dispose (GObject *object)
{
  BplParametersPanel *self = BPL_PARAMETERS_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BPL_TYPE_PARAMETERS_PANEL);

  G_OBJECT_CLASS (bpl_parameters_panel_parent_class)->dispose (object);
}

static void
bpl_parameters_panel_finalize (GObject *object)
{
  BplParametersPanel *self = BPL_PARAMETERS_PANEL (object);

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_array_unref);
  g_clear_pointer (&self->sample_rows, g_ptr_array_unref);
  g_clear_pointer (&self->refusal, g_free);

  G_OBJECT_CLASS (bpl_parameters_panel_parent_class)->finalize (object);
}

static void
samples_add_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BplSession *session = session_of (BPL_PARAMETERS_PANEL (widget));
  const BplNetwork *network;
  guint s, added;

  if (session == NULL)
    return;
  network = bpl_session_get_network (session);
  s = bpl_session_get_sample (session);
  /* A copy of the sample shown, which becomes the one shown. */
  if (bpl_document_add_sample (bpl_session_get_document (session), bpl_network_get_input (network, s),
                               bpl_network_get_target (network, s), &added))
    bpl_session_set_sample (session, added);
}

static void
samples_remove_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BplSession *session = session_of (BPL_PARAMETERS_PANEL (widget));
  guint removed = g_variant_get_uint32 (parameter);
  guint shown;

  if (session == NULL)
    return;
  shown = bpl_session_get_sample (session);
  /* The sample shown stays shown, one place up when one above it goes. */
  if (bpl_document_remove_sample (bpl_session_get_document (session), removed) && shown > removed)
    bpl_session_set_sample (session, shown - 1);
}

static void
samples_select_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BplSession *session = session_of (BPL_PARAMETERS_PANEL (widget));

  if (session != NULL)
    bpl_session_set_sample (session, g_variant_get_uint32 (parameter));
}

static void
bpl_parameters_panel_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (bpl_parameters_panel_parent_class)->map (widget);
  ensure_built (BPL_PARAMETERS_PANEL (widget));
}

static void
bpl_parameters_panel_class_init (BplParametersPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bpl_parameters_panel_dispose;
  object_class->finalize = bpl_parameters_panel_finalize;
  BPL_VIEW_CLASS (klass)->session_changed = bpl_parameters_panel_session_changed;
  widget_class->map = bpl_parameters_panel_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/backproplens/BackpropLens/bpl-parameters-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, BplParametersPanel, page);

  gtk_widget_class_install_action (widget_class, "samples.add", NULL, samples_add_action);
  gtk_widget_class_install_action (widget_class, "samples.remove", "u", samples_remove_action);
  gtk_widget_class_install_action (widget_class, "samples.select", "u", samples_select_action);
}

static void
bpl_parameters_panel_init (BplParametersPanel *self)
{
  GSignalGroup *signals = bpl_view_get_session_signals (BPL_VIEW (self));

  self->groups = g_ptr_array_new ();
  self->sample_rows = g_ptr_array_new ();
  self->fields = g_array_new (FALSE, TRUE, sizeof (Field));
  g_array_set_clear_func (self->fields, field_clear);
  self->digits = 10;
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_group_connect_swapped (signals, "network-replaced", G_CALLBACK (rebuild), self);
  g_signal_group_connect_swapped (signals, "values-changed", G_CALLBACK (update_values), self);
  g_signal_group_connect_swapped (signals, "notify::selection", G_CALLBACK (update_values), self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-derivation-panel.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* More paths than this are summarised, not shown one by one. */
#define MAX_SHOWN_PATHS 24

struct _BplDerivationPanel
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkBox *content;
  GtkWidget *overflow_box;

  BplDocument *document;
  int digits;

  /* Values change much more often than structure: labels made once for a
   * selection are refilled in the same order on every change. */
  GPtrArray *labels;
  guint cursor;
  gboolean building;
  gboolean overflow;
  BplHit built_for;
  /* Labels of this fill that show NaN or ∞. */
  guint n_non_finite;
};

G_DEFINE_FINAL_TYPE (BplDerivationPanel, bpl_derivation_panel, GTK_TYPE_WIDGET)

/* bpl_format_number writes a value that is not finite as NaN, ∞ or -∞; the
 * core's expressions substitute numbers the same way. */
static gboolean
text_shows_non_finite (const char *text)
{
  return strstr (text, "∞") != NULL || strstr (text, "NaN") != NULL;
}

/* A label with NaN or ∞ in it is marked, and says why on hover; the panel's
 * banner above says it once for all. */
static void
mark_non_finite (BplDerivationPanel *self,
                 GtkWidget          *label)
{
  gboolean bad = text_shows_non_finite (gtk_label_get_text (GTK_LABEL (label)));

  if (bad)
    self->n_non_finite++;
  if (bad == gtk_widget_has_css_class (label, "warning"))
    return;
  if (bad)
    {
      gtk_widget_add_css_class (label, "warning");
      gtk_widget_set_tooltip_text (label, _("This value overflowed: training diverged or a value is too large"));
    }
  else
    {
      gtk_widget_remove_css_class (label, "warning");
      gtk_widget_set_tooltip_text (label, NULL);
    }
}

static GtkWidget *
emit (BplDerivationPanel *self,
      GtkWidget          *parent,
      const char         *markup,
      const char         *css_class)
{
  GtkWidget *label;

  if (!self->building)
    {
      if (self->cursor >= self->labels->len)
        {
          self->overflow = TRUE;
          return NULL;
        }
      label = g_ptr_array_index (self->labels, self->cursor++);
      if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), markup) != 0)
        gtk_label_set_markup (GTK_LABEL (label), markup);
      mark_non_finite (self, label);
      return label;
    }

  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  mark_non_finite (self, label);
  if (GTK_IS_BOX (parent))
    gtk_box_append (GTK_BOX (parent), label);
  g_ptr_array_add (self->labels, label);
  self->cursor++;
  return label;
}

static char *
expr (const BplExpr *e,
      int            digits)
{
  return e != NULL ? bpl_expr_render (e, BPL_EXPR_MARKUP, digits) : g_strdup ("");
}

static char *
number (double value,
        int    digits)
{
  g_autofree char *text = bpl_format_number_display (value, digits);
  return g_markup_escape_text (text, -1);
}

/* A factor in a product: negative values in brackets with a real minus. */
static char *
factor_number (double value,
               int    digits)
{
  g_autofree char *text = NULL;

  if (!(value < 0))
    return number (value, digits);
  text = number (-value, digits);
  return g_strdup_printf ("(−%s)", text);
}

/* Appends a term of a sum: " + 0.5" or " − 0.5" (the first bare). */
static void
append_sum_term (GString *sum,
                 double   value,
                 int      digits)
{
  g_autofree char *text = number (fabs (value), digits);

  if (sum->len == 0)
    {
      if (value < 0)
        g_string_append (sum, "−");
    }
  else
    g_string_append (sum, value < 0 ? " − " : " + ");
  g_string_append (sum, text);
}

static void
on_factor_enter (GtkEventControllerMotion *motion,
                 double                    x,
                 double                    y,
                 BplDerivationPanel       *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion));
  int weight = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "bpl-weight"));
  int neuron = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "bpl-neuron"));

  if (self->document == NULL)
    return;
  /* Stored off by one so that 0 means none. */
  if (weight > 0)
    bpl_document_set_emphasis (self->document, (BplHit) { BPL_HIT_WEIGHT, weight - 1 });
  else if (neuron > 0)
    bpl_document_set_emphasis (self->document, (BplHit) { BPL_HIT_NEURON, neuron - 1 });
}

static void
on_factor_leave (GtkEventControllerMotion *motion,
                 BplDerivationPanel       *self)
{
  if (self->document != NULL)
    bpl_document_set_emphasis (self->document, (BplHit) { BPL_HIT_NONE, 0 });
}

static GtkWidget *
section (BplDerivationPanel *self,
         const char         *markup)
{
  GtkWidget *label = emit (self, GTK_WIDGET (self->content), markup, "heading");

  if (self->building && label != NULL)
    gtk_widget_set_margin_top (label, 12);
  return label;
}

static GtkWidget *
new_list (BplDerivationPanel *self)
{
  GtkWidget *list;

  if (!self->building)
    return NULL;
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (self->content, list);
  return list;
}

static GtkWidget *
new_row (BplDerivationPanel *self,
         GtkWidget          *list,
         int                 weight,
         int                 neuron)
{
  GtkWidget *row, *box;
  GtkEventController *motion;

  if (!self->building)
    return NULL;
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  g_object_set_data (G_OBJECT (row), "bpl-weight", GINT_TO_POINTER (weight >= 0 ? weight + 1 : 0));
  g_object_set_data (G_OBJECT (row), "bpl-neuron", GINT_TO_POINTER (neuron >= 0 ? neuron + 1 : 0));
  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "enter", G_CALLBACK (on_factor_enter), self, 0);
  g_signal_connect_object (motion, "leave", G_CALLBACK (on_factor_leave), self, 0);
  gtk_widget_add_controller (row, motion);
  return box;
}

static void
show_derivation (BplDerivationPanel  *self,
                 const BplNetwork    *network,
                 const BplDerivation *d)
{
  int digits = self->digits;
  g_autofree char *gsym = expr (d->gradient_symbol, digits);
  g_autofree char *title = NULL;
  g_autofree char *line = NULL;
  g_autofree char *sum = expr (d->sum, digits);
  g_autofree char *grad = number (d->gradient, digits);
  g_autofree char *name = bpl_format_name (d->param.kind == BPL_PARAM_WEIGHT ? "w" : "b", NULL, BPL_EXPR_MARKUP);
  guint shown = MIN (d->n_paths, MAX_SHOWN_PATHS);
  guint n_samples = bpl_network_get_n_samples (network);

  {
    g_autofree char *param = bpl_format_split_name (d->name, BPL_EXPR_MARKUP);

    title = g_strdup_printf (_("How %s changes the total error"), param);
  }
  emit (self, GTK_WIDGET (self->content), title, "title-3");
  if (n_samples > 1)
    {
      g_autofree char *s = NULL;
      guint next = bpl_network_get_current_sample (network);

      /* The new value below is one step on this sample: say what Step
       * will really do, or a student compares it with the wrong number. */
      if (bpl_network_get_training (network) == BPL_TRAINING_BATCH)
        s = g_strdup_printf (_("For sample %u of %u. A Step uses the mean gradient of all %u "
                               "samples (batch training)."), d->sample + 1, n_samples, n_samples);
      else if (next != d->sample)
        s = g_strdup_printf (_("For sample %u of %u. The next Step trains on sample %u (online "
                               "training takes the samples in turn)."),
                             d->sample + 1, n_samples, next + 1);
      else
        s = g_strdup_printf (_("For sample %u of %u, the one the next Step trains on."),
                             d->sample + 1, n_samples);
      emit (self, GTK_WIDGET (self->content), s, "dim-label");
    }

  /* The answer first; the steps that give it follow. */
  {
    g_autofree char *upd = expr (d->update, digits);
    g_autofree char *nv = number (d->new_value, digits);
    g_autofree char *summary = NULL;

    /* A value that training keeps is not promised a new one. */
    if (bpl_derivation_update_is_applied (d, network))
      summary = g_strdup_printf ("%s = <b>%s</b>\n%s = <b>%s</b>", gsym, grad, upd, nv);
    else
      {
        g_autofree char *param = bpl_format_split_name (d->name, BPL_EXPR_MARKUP);
        g_autofree char *value = number (d->value, digits);
        /* Translators: "b₁ stays 0.35 (biases are not updated)" */
        g_autofree char *stays = g_strdup_printf (_("%s stays <b>%s</b> (biases are not updated)"), param, value);

        summary = g_strdup_printf ("%s = <b>%s</b>\n%s", gsym, grad, stays);
      }
    emit (self, GTK_WIDGET (self->content), summary, "summary");
  }

  /* 1. The sum over outputs */
  section (self, _("1. Sum over the outputs"));
  line = g_strdup_printf ("%s = %s", gsym, sum);
  emit (self, GTK_WIDGET (self->content), line, "formula");
  g_clear_pointer (&line, g_free);

  /* 2… Each output's chain */
  for (guint p = 0; p < shown; p++)
    {
      const BplPath *path = &d->paths[p];
      g_autofree char *psym = expr (path->symbol, digits);
      g_autofree char *head = NULL;
      g_autoptr(GString) chain = g_string_new (NULL);
      /* The route from the parameter, as the CLI and the exports name it:
       * "w3 → h2 → o1". */
      g_autoptr(GString) via = g_string_new (NULL);
      g_autofree char *pname = bpl_format_split_name (d->name, BPL_EXPR_MARKUP);
      g_autofree char *prod = number (path->product, digits);
      GtkWidget *list;

      g_string_append (via, pname);
      for (guint n = 0; n < path->n_neurons; n++)
        {
          g_autofree char *m = bpl_format_split_name (bpl_network_get_neuron_name (network, path->neurons[n]),
                                                      BPL_EXPR_MARKUP);
          g_string_append (via, " → ");
          g_string_append (via, m);
        }
      head = g_strdup_printf (_("%u. Chain rule along %s"), p + 2, via->str);
      section (self, head);

      for (guint f = 0; f < path->n_factors; f++)
        {
          g_autofree char *fs = expr (path->factors[f].symbol, digits);
          if (f > 0)
            g_string_append (chain, " · ");
          g_string_append_printf (chain, "(%s)", fs);
        }
      line = g_strdup_printf ("%s = %s", psym, chain->str);
      emit (self, GTK_WIDGET (self->content), line, "formula");
      g_clear_pointer (&line, g_free);

      list = new_list (self);
      for (guint f = 0; f < path->n_factors; f++)
        {
          const BplFactor *factor = &path->factors[f];
          GtkWidget *box = new_row (self, list, factor->weight, factor->neuron);
          g_autofree char *fs = expr (factor->symbol, digits);
          g_autofree char *fe = factor->expansion != NULL ? expr (factor->expansion, digits) : NULL;
          g_autofree char *ff = expr (factor->formula, digits);
          g_autofree char *fsub = factor->substitution != NULL ? expr (factor->substitution, digits) : NULL;
          g_autofree char *fv = number (factor->value, digits);
          g_autofree char *desc = g_markup_escape_text (factor->description != NULL ? factor->description : "", -1);
          g_autofree char *formula = NULL;
          g_autofree char *numbers = NULL;

          if (fe != NULL)
            formula = g_strdup_printf ("%s = %s = %s", fs, fe, ff);
          else
            formula = g_strdup_printf ("%s = %s", fs, ff);
          /* A substitution that is one number would repeat the value. */
          if (fsub != NULL && bpl_expr_get_n_terms (factor->substitution) > 1)
            numbers = g_strdup_printf ("= %s = <b>%s</b>", fsub, fv);
          else
            numbers = g_strdup_printf ("= <b>%s</b>", fv);
          emit (self, box, formula, "formula");
          emit (self, box, desc, "caption");
          emit (self, box, numbers, "numbers");
        }

      {
        g_autoptr(GString) values = g_string_new (NULL);

        for (guint f = 0; f < path->n_factors; f++)
          {
            g_autofree char *v = factor_number (path->factors[f].value, digits);
            if (f > 0)
              g_string_append (values, " · ");
            g_string_append (values, v);
          }
        line = g_strdup_printf ("%s = %s = <b>%s</b>", psym, values->str, prod);
      }
      emit (self, GTK_WIDGET (self->content), line, "result");
      g_clear_pointer (&line, g_free);
    }

  if (d->paths_truncated || d->n_paths > shown)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, d->n_paths_total - shown);
      /* Translators: %s is a number of chains */
      g_autofree char *more = g_strdup_printf (_("… and %s more chains, summed in the gradient below."), count);
      emit (self, GTK_WIDGET (self->content), more, "dim-label");
    }

  /* The gradient */
  section (self, _("Gradient"));
  {
    g_autoptr(GString) products = g_string_new (NULL);
    for (guint p = 0; p < shown; p++)
      append_sum_term (products, d->paths[p].product, digits);
    if (shown < d->n_paths_total)
      g_string_append (products, " + …");
    /* One path: its product is the gradient, written once. */
    if (d->n_paths_total == 1)
      line = g_strdup_printf ("%s = <b>%s</b>", gsym, grad);
    else
      line = g_strdup_printf ("%s = %s = <b>%s</b>", gsym, products->str, grad);
  }
  emit (self, GTK_WIDGET (self->content), line, "formula");
  g_clear_pointer (&line, g_free);

  /* The gradient check */
  section (self, _("Gradient check"));
  emit (self, GTK_WIDGET (self->content),
        _("Nudge the parameter up and down by a tiny h and measure how E<sub>total</sub> changes: "
          "(E(p + h) − E(p − h)) / 2h should agree with the chain rule."),
        "caption");
  {
    double a = d->gradient, n = d->numerical_gradient;
    double scale = MAX (fabs (a), fabs (n));
    double rel = scale > 0 ? fabs (a - n) / scale : 0;
    g_autofree char *av = number (a, digits);
    g_autofree char *nv = number (n, digits);
    g_autofree char *rv = number (rel, 2);
    g_autofree char *l1 = g_strdup_printf (_("Backpropagation: <b>%s</b>"), av);
    g_autofree char *l2 = g_strdup_printf (_("Finite difference: <b>%s</b>"), nv);
    /* NaN compares false everywhere: without this, an overflowed check
     * would read as a relative difference of 0 that agrees. */
    g_autofree char *l3 = !isfinite (a) || !isfinite (n)
                            ? g_strdup (_("Relative difference: none (a value overflowed, so the two cannot be compared)"))
                          : rel < 1e-6 ? g_strdup_printf (_("Relative difference: %s (they agree)"), rv)
                                       : g_strdup_printf (_("Relative difference: %s (larger than expected: the function may be hard to difference here, or a value is extreme)"), rv);

    emit (self, GTK_WIDGET (self->content), l1, "numbers");
    emit (self, GTK_WIDGET (self->content), l2, "numbers");
    emit (self, GTK_WIDGET (self->content), l3, "numbers");
  }

  /* The factored form with error terms */
  if (d->factored != NULL)
    {
      g_autofree char *fact = expr (d->factored, digits);
      GtkWidget *list;

      section (self, _("The same with error terms δ"));
      emit (self, GTK_WIDGET (self->content),
            _("δ = ∂E<sub>total</sub>/∂net of a neuron collects every chain through it, "
              "so backpropagation computes each δ once, output layer first."),
            "caption");
      list = new_list (self);
      for (guint i = 0; i < d->n_deltas; i++)
        {
          const BplDelta *delta = &d->deltas[i];
          GtkWidget *box = new_row (self, list, -1, (int) delta->neuron);
          g_autofree char *ds = expr (delta->symbol, digits);
          g_autofree char *df = expr (delta->formula, digits);
          g_autofree char *dsub = delta->substitution != NULL ? expr (delta->substitution, digits) : NULL;
          g_autofree char *dv = number (delta->value, digits);
          g_autofree char *formula = g_strdup_printf ("%s = %s", ds, df);
          g_autofree char *numbers = NULL;

          if (dsub != NULL && bpl_expr_get_n_terms (delta->substitution) > 1)
            numbers = g_strdup_printf ("= %s = <b>%s</b>", dsub, dv);
          else
            numbers = g_strdup_printf ("= <b>%s</b>", dv);
          emit (self, box, formula, "formula");
          emit (self, box, numbers, "numbers");
        }
      line = g_strdup_printf ("%s = %s = <b>%s</b>", gsym, fact, grad);
      emit (self, GTK_WIDGET (self->content), line, "formula");
      g_clear_pointer (&line, g_free);
    }

  /* The update */
  section (self, _("Update"));
  {
    g_autofree char *note = bpl_derivation_dup_update_note (d, network, BPL_EXPR_MARKUP, digits);

    if (note != NULL)
      emit (self, GTK_WIDGET (self->content), note, "caption");
  }
  {
    g_autofree char *upd = expr (d->update, digits);
    g_autofree char *usub = expr (d->update_substitution, digits);
    g_autofree char *nv = number (d->new_value, digits);
    line = g_strdup_printf ("%s = %s = <b>%s</b>", upd, usub, nv);
  }
  emit (self, GTK_WIDGET (self->content), line, "formula");
  g_clear_pointer (&line, g_free);
  {
    g_autofree char *eta = number (d->learning_rate, digits);
    g_autofree char *note = g_strdup_printf (_("with learning rate η = %s"), eta);
    emit (self, GTK_WIDGET (self->content), note, "caption");
  }
  (void) name;
}

static void
show_neuron (BplDerivationPanel *self,
             const BplNetwork   *network,
             guint               neuron)
{
  int digits = self->digits;
  guint sample = bpl_document_get_sample (self->document);
  const char *nname = bpl_network_get_neuron_name (network, neuron);
  g_autofree char *title = NULL;

  if (bpl_network_get_neuron_layer (network, neuron) == 0)
    {
      g_autofree char *v = number (bpl_network_get_input (network, sample)[neuron], digits);
      g_autofree char *name = bpl_format_name ("i", nname + 1, BPL_EXPR_MARKUP);
      g_autofree char *line = g_strdup_printf ("%s = <b>%s</b>", name, v);

      title = g_strdup_printf (_("Input %s"), nname);
      emit (self, GTK_WIDGET (self->content), title, "title-3");
      emit (self, GTK_WIDGET (self->content), _("An input neuron passes its input value on unchanged."), "caption");
      emit (self, GTK_WIDGET (self->content), line, "formula");
      return;
    }

  {
    g_autoptr(BplNeuronComputation) c = bpl_neuron_computation_new (network, neuron, sample);
    g_autofree char *nf = expr (c->net_formula, digits);
    g_autofree char *ns = expr (c->net_substitution, digits);
    g_autofree char *nv = number (c->net, digits);
    g_autofree char *of = expr (c->out_formula, digits);
    g_autofree char *os = expr (c->out_substitution, digits);
    g_autofree char *ov = number (c->out, digits);
    g_autofree char *l1 = g_strdup_printf ("%s = %s = <b>%s</b>", nf, ns, nv);
    g_autofree char *l2 = g_strdup_printf ("%s = %s = <b>%s</b>", of, os, ov);

    title = g_strdup_printf (_("Forward pass of %s"), nname);
    emit (self, GTK_WIDGET (self->content), title, "title-3");
    section (self, _("Total net input"));
    emit (self, GTK_WIDGET (self->content), _("The weighted sum of the inputs plus the bias."), "caption");
    emit (self, GTK_WIDGET (self->content), l1, "formula");
    section (self, _("Output"));
    emit (self, GTK_WIDGET (self->content), _("The activation function applied to the net input."), "caption");
    emit (self, GTK_WIDGET (self->content), l2, "formula");
  }
}

static void
clear_content (BplDerivationPanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);
  g_ptr_array_set_size (self->labels, 0);
}

static gboolean
fill (BplDerivationPanel *self)
{
  const BplNetwork *network = bpl_document_get_network (self->document);
  BplHit sel = bpl_document_get_selection (self->document);
  BplParam param;

  self->cursor = 0;
  self->overflow = FALSE;
  self->n_non_finite = 0;

  if (bpl_document_get_selected_param (self->document, &param))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BplDerivation) d = bpl_derivation_new (network, param, bpl_document_get_sample (self->document), &error);

      if (d == NULL)
        {
          g_autofree char *msg = g_markup_escape_text (error->message, -1);
          emit (self, GTK_WIDGET (self->content), msg, "error");
        }
      else
        show_derivation (self, network, d);
    }
  else if (sel.kind == BPL_HIT_NEURON)
    show_neuron (self, network, sel.index);

  return !self->overflow && self->cursor == self->labels->len;
}

static void
refresh (BplDerivationPanel *self,
         gboolean            rebuild)
{
  BplHit sel;

  if (self->document == NULL)
    return;
  sel = bpl_document_get_selection (self->document);
  if (sel.kind == BPL_HIT_NONE)
    {
      clear_content (self);
      self->built_for = sel;
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (!rebuild && bpl_hit_equal (sel, self->built_for))
    {
      self->building = FALSE;
      if (fill (self))
        {
          gtk_widget_set_visible (self->overflow_box, self->n_non_finite > 0);
          return;
        }
    }

  clear_content (self);
  self->building = TRUE;
  fill (self);
  self->building = FALSE;
  self->built_for = sel;
  gtk_widget_set_visible (self->overflow_box, self->n_non_finite > 0);
  gtk_stack_set_visible_child_name (self->stack, "derivation");
}

static void
on_changed (BplDerivationPanel *self)
{
  refresh (self, FALSE);
}

static void
on_rebuild (BplDerivationPanel *self)
{
  refresh (self, TRUE);
}

void
bpl_derivation_panel_set_document (BplDerivationPanel *self,
                                   BplDocument        *document)
{
  g_return_if_fail (BPL_IS_DERIVATION_PANEL (self));

  if (self->document == document)
    return;
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      g_signal_connect_object (document, "changed", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "network-replaced", G_CALLBACK (on_rebuild), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "selection-changed", G_CALLBACK (on_rebuild), self, G_CONNECT_SWAPPED);
    }
  refresh (self, TRUE);
}

void
bpl_derivation_panel_set_digits (BplDerivationPanel *self,
                                 int                 digits)
{
  g_return_if_fail (BPL_IS_DERIVATION_PANEL (self));

  digits = CLAMP (digits, 1, 17);
  if (self->digits == digits)
    return;
  self->digits = digits;
  refresh (self, FALSE);
}

int
bpl_derivation_panel_get_digits (BplDerivationPanel *self)
{
  return self->digits;
}

char *
bpl_derivation_panel_dup_text (BplDerivationPanel *self)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < self->labels->len; i++)
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (g_ptr_array_index (self->labels, i))));
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static void
bpl_derivation_panel_dispose (GObject *object)
{
  BplDerivationPanel *self = BPL_DERIVATION_PANEL (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  if (self->labels != NULL)
    g_ptr_array_set_size (self->labels, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), BPL_TYPE_DERIVATION_PANEL);

  G_OBJECT_CLASS (bpl_derivation_panel_parent_class)->dispose (object);
}

static void
bpl_derivation_panel_finalize (GObject *object)
{
  BplDerivationPanel *self = BPL_DERIVATION_PANEL (object);

  g_clear_pointer (&self->labels, g_ptr_array_unref);
  G_OBJECT_CLASS (bpl_derivation_panel_parent_class)->finalize (object);
}

static void
bpl_derivation_panel_class_init (BplDerivationPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bpl_derivation_panel_dispose;
  object_class->finalize = bpl_derivation_panel_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/backproplens/BackpropLens/bpl-derivation-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, BplDerivationPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, BplDerivationPanel, content);
  gtk_widget_class_bind_template_child (widget_class, BplDerivationPanel, overflow_box);
}

static void
bpl_derivation_panel_init (BplDerivationPanel *self)
{
  self->labels = g_ptr_array_new ();
  self->digits = 11;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
bpl_derivation_panel_new (void)
{
  return g_object_new (BPL_TYPE_DERIVATION_PANEL, NULL);
}

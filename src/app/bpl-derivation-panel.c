/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-derivation-panel.h"
#include "bpl-status-line.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* Up to this many paths are listed open, as the worked example works them
 * out; with more, the δ form comes first and the paths are listed closed,
 * this many until the reader asks for all. */
#define FEW_PATHS 4
/* A first-layer weight of a large network has an error term for every
 * neuron after it, hundreds of long lines: this many are listed (the last
 * the parameter's own) until the reader asks for all. */
#define FEW_DELTAS 8

/* Values change much more often than structure: labels made once for a
 * selection are refilled in the same order on every change. */
typedef struct
{
  GPtrArray *labels;
  guint cursor;
  gboolean building;
  gboolean overflow;
} Sink;

/* One path's section: its heading is built with the panel, its factors
 * when it is first opened. Its labels are its own, so that listing more
 * paths leaves the rest of the panel as it is. */
typedef struct
{
  GtkWidget *expander;
  GtkWidget *heading;
  GtkWidget *body;
  Sink sink;
} PathSection;

struct _BplDerivationPanel
{
  BplView parent_instance;

  GtkStack *stack;
  GtkScrolledWindow *scroller;
  GtkBox *content;
  GtkWidget *overflow_box;

  int digits;

  Sink main;
  Sink *sink;                  /* where emit () writes: main or a path's */
  GPtrArray *sections;         /* PathSection, one per listed path */
  GtkWidget *show_all_button;
  GtkWidget *show_all_deltas_button;
  gboolean show_all_deltas;
  BplDerivation *derivation;   /* the one shown, for paths opened later */
  BplHit built_for;
  /* What the reader opened, kept while the selection stays. */
  gboolean show_all_paths;
  GArray *path_open;           /* gboolean per listed path */
  guint64 path_open_total;     /* the path count it is for */
  /* Labels of this fill that show NaN or ∞. */
  guint n_non_finite;
};

G_DEFINE_FINAL_TYPE (BplDerivationPanel, bpl_derivation_panel, BPL_TYPE_VIEW)

static BplSession *
session_of (BplDerivationPanel *self)
{
  return bpl_view_get_session (BPL_VIEW (self));
}

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

/* Marks the labels that are the derivation's text, for dup_text. */
static GQuark
line_quark (void)
{
  return g_quark_from_static_string ("bpl-derivation-line");
}

static GtkWidget *
new_label (const char *markup,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  g_object_set_qdata (G_OBJECT (label), line_quark (), GINT_TO_POINTER (TRUE));
  return label;
}

static GtkWidget *
emit (BplDerivationPanel *self,
      GtkWidget          *parent,
      const char         *markup,
      const char         *css_class)
{
  Sink *sink = self->sink;
  GtkWidget *label;

  if (!sink->building)
    {
      if (sink->cursor >= sink->labels->len)
        {
          sink->overflow = TRUE;
          return NULL;
        }
      label = g_ptr_array_index (sink->labels, sink->cursor++);
      if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), markup) != 0)
        gtk_label_set_markup (GTK_LABEL (label), markup);
      mark_non_finite (self, label);
      return label;
    }

  label = new_label (markup, css_class);
  mark_non_finite (self, label);
  if (GTK_IS_BOX (parent))
    gtk_box_append (GTK_BOX (parent), label);
  g_ptr_array_add (sink->labels, label);
  sink->cursor++;
  return label;
}

static char *
expr (const BplExpr *e,
      int            digits)
{
  return e != NULL ? bpl_expr_render (e, BPL_EXPR_MARKUP, digits) : g_strdup ("");
}

/* A sum of more than SUM_TERMS terms (the δ of a neuron that feeds a wide
 * layer has one a term for each) written as its first ones, "…" and its
 * last: a line, not a screenful, and as quick to lay out. */
#define SUM_TERMS 4

static void
copy_terms (BplExpr       *to,
            const BplExpr *from,
            guint          first,
            guint          end)
{
  for (guint i = first; i < end; i++)
    {
      const BplTerm *t = bpl_expr_get_term (from, i);

      switch (t->kind)
        {
        case BPL_TERM_TEXT:
          bpl_expr_text (to, t->text);
          break;
        case BPL_TERM_NAME:
          bpl_expr_name (to, t->text, t->sub);
          break;
        case BPL_TERM_NUMBER:
          bpl_expr_number (to, t->number);
          break;
        case BPL_TERM_SUP_BEGIN:
          bpl_expr_sup_begin (to);
          break;
        case BPL_TERM_SUP_END:
        default:
          bpl_expr_sup_end (to);
          break;
        }
    }
}

/* Whether terms [first, end) name @keep ("w", "57470"). */
static gboolean
names (const BplExpr *e,
       guint          first,
       guint          end,
       const char    *base,
       const char    *sub)
{
  for (guint i = first; base != NULL && i < end; i++)
    {
      const BplTerm *t = bpl_expr_get_term (e, i);

      if (t->kind == BPL_TERM_NAME && g_strcmp0 (t->text, base) == 0 && g_strcmp0 (t->sub, sub) == 0)
        return TRUE;
    }
  return FALSE;
}

/* As expr_elided (), keeping whichever term names @base_@sub: the one the
 * derivative is taken with respect to. */
static char *
expr_elided_keeping (const BplExpr *e,
                     int            digits,
                     const char    *base,
                     const char    *sub)
{
  g_autoptr (GArray) plus = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (BplExpr) shorter = NULL;
  guint n, last_plus, kept = G_MAXUINT;

  if (e == NULL)
    return g_strdup ("");
  n = bpl_expr_get_n_terms (e);
  for (guint i = 0; i < n; i++)
    {
      const BplTerm *t = bpl_expr_get_term (e, i);

      if (t->kind == BPL_TERM_TEXT && g_strcmp0 (t->text, " + ") == 0)
        g_array_append_val (plus, i);
    }
  if (plus->len < SUM_TERMS + 1)
    return expr (e, digits);

  /* Summand k (k ≥ 1) runs from after the k-th " + " to the next one. */
  last_plus = g_array_index (plus, guint, plus->len - 1);
  for (guint k = SUM_TERMS; k + 1 < plus->len && kept == G_MAXUINT; k++)
    if (names (e, g_array_index (plus, guint, k - 1) + 1, g_array_index (plus, guint, k), base, sub))
      kept = k;

  /* The first SUM_TERMS summands, "…", the one kept and "…", the last. */
  shorter = bpl_expr_new ();
  copy_terms (shorter, e, 0, g_array_index (plus, guint, SUM_TERMS - 1));
  bpl_expr_text (shorter, " + …");
  if (kept != G_MAXUINT)
    {
      copy_terms (shorter, e, g_array_index (plus, guint, kept - 1), g_array_index (plus, guint, kept));
      if (g_array_index (plus, guint, kept) != last_plus)
        bpl_expr_text (shorter, " + …");
    }
  copy_terms (shorter, e, last_plus, n);
  return expr (shorter, digits);
}

static char *
expr_elided (const BplExpr *e,
             int            digits)
{
  return expr_elided_keeping (e, digits, NULL, NULL);
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
  int kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "bpl-factor-kind"));

  if (session_of (self) == NULL)
    return;
  /* Stored off by one so that 0 means none. The factor's kind tells the
   * computational graph which node it is. */
  if (weight > 0)
    bpl_session_set_emphasis_factor (session_of (self), (BplHit) { BPL_HIT_WEIGHT, weight - 1 }, kind - 1);
  else if (neuron > 0)
    bpl_session_set_emphasis_factor (session_of (self), (BplHit) { BPL_HIT_NEURON, neuron - 1 }, kind - 1);
}

static void
on_factor_leave (GtkEventControllerMotion *motion,
                 BplDerivationPanel       *self)
{
  if (session_of (self) != NULL)
    bpl_session_set_emphasis (session_of (self), (BplHit) { BPL_HIT_NONE, 0 });
}

static GtkWidget *
section (BplDerivationPanel *self,
         const char         *markup)
{
  GtkWidget *label = emit (self, GTK_WIDGET (self->content), markup, "heading");

  if (self->sink->building && label != NULL)
    gtk_widget_set_margin_top (label, 12);
  return label;
}

static GtkWidget *
new_list (BplDerivationPanel *self,
          GtkWidget          *parent)
{
  GtkWidget *list;

  if (!self->sink->building)
    return NULL;
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (parent), list);
  return list;
}

static GtkWidget *
new_row (BplDerivationPanel *self,
         GtkWidget          *list,
         int                 weight,
         int                 neuron,
         int                 factor_kind)
{
  GtkWidget *row, *box;
  GtkEventController *motion;

  if (!self->sink->building)
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
  g_object_set_data (G_OBJECT (row), "bpl-factor-kind", GINT_TO_POINTER (factor_kind >= 0 ? factor_kind + 1 : 0));
  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "enter", G_CALLBACK (on_factor_enter), self, 0);
  g_signal_connect_object (motion, "leave", G_CALLBACK (on_factor_leave), self, 0);
  gtk_widget_add_controller (row, motion);
  return box;
}

/* The core's sentences write names as "out_o1" and "∂E_total": subscripts
 * here, as the formulas have them. */
static char *
prose_markup (const char *text)
{
  static GRegex *name = NULL;
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (g_once_init_enter (&name))
    g_once_init_leave (&name, g_regex_new ("([A-Za-zηδ]+)_([A-Za-z0-9]+)", G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_replace (name, escaped, -1, 0, "\\1<sub>\\2</sub>", 0, NULL);
}

/* A path's chain of factors: the product of symbols, a row per factor
 * (hovering one lights its edge or neuron), and the product of values. */
static void
show_path_body (BplDerivationPanel *self,
                GtkWidget          *body,
                const BplPath      *path)
{
  int digits = self->digits;
  g_autofree char *psym = expr (path->symbol, digits);
  g_autofree char *prod = number (path->product, digits);
  g_autofree char *line = NULL;
  g_autoptr(GString) chain = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  GtkWidget *list;

  for (guint f = 0; f < path->n_factors; f++)
    {
      g_autofree char *fs = expr (path->factors[f].symbol, digits);
      if (f > 0)
        g_string_append (chain, " · ");
      g_string_append_printf (chain, "(%s)", fs);
    }
  line = g_strdup_printf ("%s = %s", psym, chain->str);
  emit (self, body, line, "formula");
  g_clear_pointer (&line, g_free);

  list = new_list (self, body);
  for (guint f = 0; f < path->n_factors; f++)
    {
      const BplFactor *factor = &path->factors[f];
      GtkWidget *box = new_row (self, list, factor->weight, factor->neuron, factor->kind);
      g_autofree char *fs = expr (factor->symbol, digits);
      /* A long expansion keeps the term with the variable the derivative
       * is taken by: the last name of the symbol ∂net_o2/∂w5. */
      const BplTerm *by = NULL;
      g_autofree char *fe = NULL;
      g_autofree char *ff = expr (factor->formula, digits);
      g_autofree char *fsub = factor->substitution != NULL ? expr_elided (factor->substitution, digits) : NULL;
      g_autofree char *fv = number (factor->value, digits);
      g_autofree char *desc = prose_markup (factor->description != NULL ? factor->description : "");
      g_autofree char *formula = NULL;
      g_autofree char *numbers = NULL;

      for (guint i = 0; i < bpl_expr_get_n_terms (factor->symbol); i++)
        if (bpl_expr_get_term (factor->symbol, i)->kind == BPL_TERM_NAME)
          by = bpl_expr_get_term (factor->symbol, i);
      if (factor->expansion != NULL)
        fe = expr_elided_keeping (factor->expansion, digits, by != NULL ? by->text : NULL,
                                  by != NULL ? by->sub : NULL);

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

  for (guint f = 0; f < path->n_factors; f++)
    {
      g_autofree char *v = factor_number (path->factors[f].value, digits);
      if (f > 0)
        g_string_append (values, " · ");
      g_string_append (values, v);
    }
  line = g_strdup_printf ("%s = %s = <b>%s</b>", psym, values->str, prod);
  emit (self, body, line, "result");
}

/* Builds or refills path @p's factors, into their own labels. */
static void
fill_section (BplDerivationPanel  *self,
              const BplDerivation *d,
              guint                p)
{
  PathSection *section = g_ptr_array_index (self->sections, p);
  Sink *outer = self->sink;

  if (section->body == NULL)
    {
      section->body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_widget_set_margin_top (section->body, 6);
      gtk_expander_set_child (GTK_EXPANDER (section->expander), section->body);
      section->sink.building = TRUE;
    }
  self->sink = &section->sink;
  for (;;)
    {
      GtkWidget *child;

      section->sink.cursor = 0;
      section->sink.overflow = FALSE;
      show_path_body (self, section->body, &d->paths[p]);
      if (section->sink.building
          || (!section->sink.overflow && section->sink.cursor == section->sink.labels->len))
        break;
      /* The factors changed shape: build them again. */
      while ((child = gtk_widget_get_first_child (section->body)) != NULL)
        gtk_box_remove (GTK_BOX (section->body), child);
      g_ptr_array_set_size (section->sink.labels, 0);
      section->sink.building = TRUE;
    }
  section->sink.building = FALSE;
  self->sink = outer;
}

static void
on_path_expanded (GtkExpander        *expander,
                  GParamSpec         *pspec,
                  BplDerivationPanel *self)
{
  guint p = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (expander), "bpl-path"));
  gboolean open = gtk_expander_get_expanded (expander);
  PathSection *section;

  if (p >= self->sections->len)
    return;
  section = g_ptr_array_index (self->sections, p);
  if (section->expander != GTK_WIDGET (expander))
    return;
  if (p < self->path_open->len)
    g_array_index (self->path_open, gboolean, p) = open;
  if (open && section->body == NULL && self->derivation != NULL && p < self->derivation->n_paths)
    {
      fill_section (self, self->derivation, p);
      gtk_widget_set_visible (self->overflow_box, self->n_non_finite > 0);
    }
}

static void
section_free (gpointer data)
{
  PathSection *section = data;

  g_ptr_array_unref (section->sink.labels);
  g_free (section);
}

/* Path @p's heading, which opens and closes its factors, placed after
 * @after; returns the section's widget. */
static GtkWidget *
path_section (BplDerivationPanel  *self,
              const BplNetwork    *network,
              const BplDerivation *d,
              guint                p,
              GtkWidget           *after)
{
  g_autoptr(BplExpr) route = bpl_derivation_path_route (d, network, &d->paths[p]);
  g_autofree char *via = bpl_expr_render (route, BPL_EXPR_MARKUP, 3);
  g_autofree char *head = g_strdup_printf (_("%u. Chain rule along %s"), p + 2, via);
  PathSection *section;
  gboolean open;

  if (p < self->sections->len)
    {
      section = g_ptr_array_index (self->sections, p);
      if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (section->heading)), head) != 0)
        gtk_label_set_markup (GTK_LABEL (section->heading), head);
      if (section->body != NULL)
        fill_section (self, d, p);
      return section->expander;
    }

  if (p >= self->path_open->len)
    {
      open = d->n_paths_total <= FEW_PATHS;
      g_array_append_val (self->path_open, open);
    }
  open = g_array_index (self->path_open, gboolean, p);

  section = g_new0 (PathSection, 1);
  section->sink.labels = g_ptr_array_new ();
  section->heading = new_label (head, "heading");
  /* A click on the heading opens and closes, rather than selecting text. */
  gtk_label_set_selectable (GTK_LABEL (section->heading), FALSE);
  section->expander = gtk_expander_new (NULL);
  gtk_expander_set_label_widget (GTK_EXPANDER (section->expander), section->heading);
  gtk_expander_set_expanded (GTK_EXPANDER (section->expander), open);
  gtk_widget_set_margin_top (section->expander, 12);
  g_object_set_data (G_OBJECT (section->expander), "bpl-path", GUINT_TO_POINTER (p));
  g_signal_connect_object (section->expander, "notify::expanded", G_CALLBACK (on_path_expanded), self, 0);
  gtk_box_insert_child_after (self->content, section->expander, after);
  g_ptr_array_add (self->sections, section);
  if (open)
    fill_section (self, d, p);
  return section->expander;
}

/* The sum over the paths: each listed path, then their products added. */
static void
show_paths (BplDerivationPanel  *self,
            const BplNetwork    *network,
            const BplDerivation *d)
{
  int digits = self->digits;
  g_autofree char *gsym = expr (d->gradient_symbol, digits);
  g_autofree char *sum = expr (d->sum, digits);
  g_autofree char *grad = number (d->gradient, digits);
  g_autofree char *line = NULL;
  g_autoptr(GString) products = g_string_new (NULL);
  guint64 listable = MIN (d->n_paths_total, BPL_DERIVATION_MAX_PATHS);
  GtkWidget *after, *note;

  section (self, _("1. Sum over the outputs"));
  line = g_strdup_printf ("%s = %s", gsym, sum);
  after = emit (self, GTK_WIDGET (self->content), line, "formula");
  g_clear_pointer (&line, g_free);

  if (after == NULL)
    return;  /* refilling, and the panel's shape changed: it is rebuilt */
  for (guint p = 0; p < d->n_paths; p++)
    after = path_section (self, network, d, p, after);
  if (self->sections->len > d->n_paths)
    self->main.overflow = TRUE;

  {
    g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, d->n_paths_total - d->n_paths);
    /* Translators: %s is a number of chains */
    g_autofree char *more = g_strdup_printf (_("… and %s more chains, summed in the gradient below."), count);

    /* There whether or not it is needed, so that listing every path keeps
     * the panel's shape. */
    note = emit (self, GTK_WIDGET (self->content), more, "dim-label");
    if (note != NULL)
      gtk_widget_set_visible (note, d->n_paths < d->n_paths_total);
  }
  /* The rest of the paths are built only when asked for. */
  if (self->sink->building && d->n_paths < listable)
    {
      g_autofree char *all = g_strdup_printf ("%" G_GUINT64_FORMAT, listable);
      g_autofree char *label = listable == d->n_paths_total
                                 ? g_strdup_printf (_("Show All %s Paths"), all)
                                 : g_strdup_printf (_("Show the First %s Paths"), all);

      self->show_all_button = gtk_button_new_with_label (label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->show_all_button), "derivation.show-all-paths");
      gtk_widget_set_halign (self->show_all_button, GTK_ALIGN_START);
      gtk_box_append (self->content, self->show_all_button);
    }
  else if (d->n_paths >= listable && self->show_all_button != NULL)
    {
      gtk_box_remove (self->content, self->show_all_button);
      self->show_all_button = NULL;
    }

  /* The gradient */
  section (self, _("Gradient"));
  for (guint p = 0; p < d->n_paths; p++)
    append_sum_term (products, d->paths[p].product, digits);
  if (d->n_paths < d->n_paths_total)
    g_string_append (products, " + …");
  /* One path: its product is the gradient, written once. */
  if (d->n_paths_total == 1)
    line = g_strdup_printf ("%s = <b>%s</b>", gsym, grad);
  else
    line = g_strdup_printf ("%s = %s = <b>%s</b>", gsym, products->str, grad);
  emit (self, GTK_WIDGET (self->content), line, "formula");
}

/* The factored form: ∂E/∂w = δ_target·out_source, each δ by the recursion
 * from the outputs back. First, it leads with that line; after the paths,
 * it is "the same" and ends with it. */
static void
show_delta_form (BplDerivationPanel  *self,
                 const BplDerivation *d,
                 gboolean             first)
{
  int digits = self->digits;
  g_autofree char *gsym = expr (d->gradient_symbol, digits);
  g_autofree char *grad = number (d->gradient, digits);
  g_autofree char *fact = expr (d->factored, digits);
  g_autofree char *fsub = expr (d->factored_substitution, digits);
  g_autofree char *line = g_strdup_printf ("%s = %s = %s = <b>%s</b>", gsym, fact, fsub, grad);
  GtkWidget *list;

  section (self, first ? _("Error terms δ") : _("The same with error terms δ"));
  emit (self, GTK_WIDGET (self->content),
        _("δ = ∂E<sub>total</sub>/∂net of a neuron collects every chain through it, "
          "so backpropagation computes each δ once, output layer first."),
        "caption");
  if (first)
    emit (self, GTK_WIDGET (self->content), line, "formula");
  list = new_list (self, GTK_WIDGET (self->content));
  for (guint i = 0; i < d->n_deltas; i++)
    {
      const BplDelta *delta = &d->deltas[i];
      gboolean few = !self->show_all_deltas && d->n_deltas > FEW_DELTAS;
      GtkWidget *box;

      /* The first ones (the outputs', where the recursion starts) and the
       * last, the parameter's own; a line says what is left out. */
      if (few && i + 1 < d->n_deltas && i + 1 >= FEW_DELTAS)
        {
          if (i + 1 == FEW_DELTAS)
            {
              g_autofree char *count = g_strdup_printf ("%u", d->n_deltas - FEW_DELTAS);
              /* Translators: %s is a number of error terms δ */
              g_autofree char *more = g_strdup_printf (_("… and %s more error terms, each worked out the same way."), count);

              emit (self, new_row (self, list, -1, -1, -1), more, "dim-label");
            }
          continue;
        }
      box = new_row (self, list, -1, (int) delta->neuron, -1);
      g_autofree char *ds = expr (delta->symbol, digits);
      g_autofree char *df = expr_elided (delta->formula, digits);
      g_autofree char *dsub = delta->substitution != NULL ? expr_elided (delta->substitution, digits) : NULL;
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
  if (self->sink->building && !self->show_all_deltas && d->n_deltas > FEW_DELTAS)
    {
      g_autofree char *all = g_strdup_printf ("%u", d->n_deltas);
      /* Translators: %s is a number of error terms δ */
      g_autofree char *label = g_strdup_printf (_("Show All %s Error Terms"), all);

      self->show_all_deltas_button = gtk_button_new_with_label (label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->show_all_deltas_button),
                                      "derivation.show-all-deltas");
      gtk_widget_set_halign (self->show_all_deltas_button, GTK_ALIGN_START);
      gtk_box_append (self->content, self->show_all_deltas_button);
    }
  if (!first)
    emit (self, GTK_WIDGET (self->content), line, "formula");
}

/* The title, and which sample the numbers are for when there are several. */
static void
show_heading (BplDerivationPanel  *self,
              const BplNetwork    *network,
              const BplDerivation *d)
{
  guint n_samples = bpl_network_get_n_samples (network);
  guint next = bpl_network_get_current_sample (network);
  g_autofree char *param = bpl_format_split_name (d->name, BPL_EXPR_MARKUP);
  g_autofree char *title = g_strdup_printf (_("How %s changes the total error"), param);
  g_autofree char *s = NULL;

  emit (self, GTK_WIDGET (self->content), title, "title-3");
  if (n_samples <= 1)
    return;
  /* The new value below is one step on this sample: say what Step will
   * really do, or a student compares it with the wrong number. */
  if (bpl_network_get_training (network) == BPL_TRAINING_BATCH)
    s = g_strdup_printf (_("For sample %u of %u. A Step uses the mean gradient of all %u "
                           "samples (batch training)."), d->sample + 1, n_samples, n_samples);
  else if (bpl_network_get_training (network) == BPL_TRAINING_MINI_BATCH)
    {
      g_autofree char *next_samples = bpl_format_next_step_samples (network);

      /* Translators: the second %s is "Next step: samples 3, 4" */
      s = g_strdup_printf (_("For sample %u of %u. A Step uses the mean gradient of a mini-batch of %u "
                             "samples. %s."), d->sample + 1, n_samples,
                           bpl_network_get_samples_per_step (network), next_samples);
    }
  else if (next != d->sample)
    s = g_strdup_printf (_("For sample %u of %u. The next Step trains on sample %u (online "
                           "training takes the samples in turn)."),
                         d->sample + 1, n_samples, next + 1);
  else
    s = g_strdup_printf (_("For sample %u of %u, the one the next Step trains on."),
                         d->sample + 1, n_samples);
  emit (self, GTK_WIDGET (self->content), s, "dim-label");
}

/* The answer first; the steps that give it follow. A value that training
 * keeps is not promised a new one. */
static void
show_answer (BplDerivationPanel  *self,
             const BplNetwork    *network,
             const BplDerivation *d)
{
  int digits = self->digits;
  g_autofree char *gsym = expr (d->gradient_symbol, digits);
  g_autofree char *grad = number (d->gradient, digits);
  g_autofree char *summary = NULL;

  if (bpl_derivation_update_is_applied (d, network))
    {
      g_autofree char *upd = expr (d->update, digits);
      g_autofree char *nv = number (d->new_value, digits);

      summary = g_strdup_printf ("%s = <b>%s</b>\n%s = <b>%s</b>", gsym, grad, upd, nv);
    }
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

/* The chain rule against a finite difference. NaN compares false
 * everywhere: an overflowed check must not read as a relative difference
 * of 0 that agrees. */
static void
show_gradient_check (BplDerivationPanel  *self,
                     const BplDerivation *d)
{
  int digits = self->digits;
  double a = d->gradient, n = d->numerical_gradient;
  double scale = MAX (fabs (a), fabs (n));
  double rel = scale > 0 ? fabs (a - n) / scale : 0;
  g_autofree char *av = number (a, digits);
  g_autofree char *nv = number (n, digits);
  g_autofree char *rv = number (rel, 2);
  g_autofree char *l1 = g_strdup_printf (_("Backpropagation: <b>%s</b>"), av);
  g_autofree char *l2 = g_strdup_printf (_("Finite difference: <b>%s</b>"), nv);
  g_autofree char *l3 = NULL;

  if (!isfinite (a) || !isfinite (n))
    l3 = g_strdup (_("Relative difference: none (a value overflowed, so the two cannot be compared)"));
  else if (rel < 1e-6)
    l3 = g_strdup_printf (_("Relative difference: %s (they agree)"), rv);
  else
    l3 = g_strdup_printf (_("Relative difference: %s (larger than expected: the function may be hard to difference here, or a value is extreme)"), rv);

  section (self, _("Gradient check"));
  emit (self, GTK_WIDGET (self->content),
        _("Nudge the parameter up and down by a tiny h and measure how E<sub>total</sub> changes: "
          "(E(p + h) − E(p − h)) / 2h should agree with the chain rule."),
        "caption");
  emit (self, GTK_WIDGET (self->content), l1, "numbers");
  emit (self, GTK_WIDGET (self->content), l2, "numbers");
  emit (self, GTK_WIDGET (self->content), l3, "numbers");
}

/* The core's working beyond the chain rule (bpl-derivation.h): softmax's
 * collapse (@collapse), or the penalty, the mini-batch mean and the
 * optimiser's state, each a heading, why, and its chain of equal
 * expressions ending in the value. */
static void
show_steps (BplDerivationPanel  *self,
            const BplDerivation *d,
            gboolean             collapse)
{
  int digits = self->digits;

  for (guint i = 0; i < d->n_steps; i++)
    {
      const BplDerivationStep *step = &d->steps[i];
      g_autofree char *title = NULL;
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *value = number (step->value, digits);
      GtkWidget *list, *box;

      if ((step->kind == BPL_STEP_SOFTMAX_COLLAPSE) != collapse)
        continue;
      title = prose_markup (step->title);
      section (self, title);
      if (step->description != NULL)
        {
          g_autofree char *why = prose_markup (step->description);
          emit (self, GTK_WIDGET (self->content), why, "caption");
        }
      for (guint k = 0; k < step->n_chain; k++)
        {
          /* The core writes a long mean short already. */
          g_autofree char *e = expr (step->chain[k], digits);

          g_string_append_printf (line, "%s = ", e);
        }
      g_string_append_printf (line, "<b>%s</b>", value);
      /* A row of its own, so that hovering it lights the neuron it is about. */
      list = new_list (self, GTK_WIDGET (self->content));
      box = new_row (self, list, -1, step->neuron, -1);
      emit (self, box != NULL ? box : GTK_WIDGET (self->content), line->str, "formula");
    }
}

/* p⁺ = p − η·∂E/∂p, after what a step really does when it does otherwise. */
static void
show_update (BplDerivationPanel  *self,
             const BplNetwork    *network,
             const BplDerivation *d)
{
  int digits = self->digits;
  g_autofree char *note = bpl_derivation_dup_update_note (d, network, BPL_EXPR_MARKUP, digits);
  g_autofree char *upd = expr (d->update, digits);
  g_autofree char *usub = expr (d->update_substitution, digits);
  g_autofree char *nv = number (d->new_value, digits);
  g_autofree char *line = g_strdup_printf ("%s = %s = <b>%s</b>", upd, usub, nv);
  g_autofree char *eta = number (d->learning_rate, digits);
  g_autofree char *rate = g_strdup_printf (_("with learning rate η = %s"), eta);

  section (self, _("Update"));
  if (note != NULL)
    emit (self, GTK_WIDGET (self->content), note, "caption");
  emit (self, GTK_WIDGET (self->content), line, "formula");
  emit (self, GTK_WIDGET (self->content), rate, "caption");
}

/* A weight's or bias's derivation, in the worked example's order. With
 * many paths the δ form leads, as backpropagation computes it. */
static void
show_derivation (BplDerivationPanel  *self,
                 const BplNetwork    *network,
                 const BplDerivation *d)
{
  gboolean many = d->n_paths_total > FEW_PATHS;

  show_heading (self, network, d);
  show_answer (self, network, d);
  if (many)
    {
      show_steps (self, d, TRUE);
      show_delta_form (self, d, TRUE);
    }
  show_paths (self, network, d);
  show_gradient_check (self, d);
  if (!many)
    {
      show_steps (self, d, TRUE);
      show_delta_form (self, d, FALSE);
    }
  show_steps (self, d, FALSE);
  show_update (self, network, d);
}

static void
show_neuron (BplDerivationPanel *self,
             const BplNetwork   *network,
             guint               neuron)
{
  int digits = self->digits;
  guint sample = bpl_session_get_sample (session_of (self));
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
    g_autofree char *nf = expr_elided (c->net_formula, digits);
    g_autofree char *ns = expr_elided (c->net_substitution, digits);
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
  g_ptr_array_set_size (self->main.labels, 0);
  g_ptr_array_set_size (self->sections, 0);
  self->show_all_button = NULL;
  self->show_all_deltas_button = NULL;
}

static gboolean
fill (BplDerivationPanel *self)
{
  BplSession *session = session_of (self);
  const BplNetwork *network = bpl_session_get_network (session);
  BplHit sel = bpl_session_get_selection (session);
  BplParam param;

  self->sink = &self->main;
  self->main.cursor = 0;
  self->main.overflow = FALSE;
  self->n_non_finite = 0;
  g_clear_pointer (&self->derivation, bpl_derivation_free);

  if (bpl_session_get_selected_param (session, &param))
    {
      g_autoptr(GError) error = NULL;
      /* Only the paths that will be listed: a first-layer weight of a deep
       * network has thousands. */
      guint max_paths = self->show_all_paths ? BPL_DERIVATION_MAX_PATHS : FEW_PATHS;
      BplDerivation *d = bpl_derivation_new_full (network, param, bpl_session_get_sample (session),
                                                  max_paths, &error);

      if (d == NULL)
        {
          g_autofree char *msg = g_markup_escape_text (error->message, -1);
          emit (self, GTK_WIDGET (self->content), msg, "error");
        }
      else
        {
          self->derivation = d;
          if (self->main.building && d->n_paths_total != self->path_open_total)
            {
              g_array_set_size (self->path_open, 0);
              self->path_open_total = d->n_paths_total;
            }
          show_derivation (self, network, d);
        }
    }
  else if (sel.kind == BPL_HIT_NEURON)
    show_neuron (self, network, sel.index);

  return !self->main.overflow && self->main.cursor == self->main.labels->len;
}

static void
refresh (BplDerivationPanel *self,
         gboolean            rebuild)
{
  BplHit sel;
  gboolean new_selection;

  if (session_of (self) == NULL)
    return;
  sel = bpl_session_get_selection (session_of (self));
  new_selection = !bpl_hit_equal (sel, self->built_for);
  if (new_selection)
    {
      self->show_all_paths = FALSE;
      self->show_all_deltas = FALSE;
      g_array_set_size (self->path_open, 0);
    }
  if (sel.kind == BPL_HIT_NONE)
    {
      clear_content (self);
      g_clear_pointer (&self->derivation, bpl_derivation_free);
      self->built_for = sel;
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (!rebuild && !new_selection)
    {
      self->main.building = FALSE;
      if (fill (self))
        {
          gtk_widget_set_visible (self->overflow_box, self->n_non_finite > 0);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "derivation.show-all-paths",
                                         self->show_all_button != NULL);
          return;
        }
    }

  clear_content (self);
  self->main.building = TRUE;
  fill (self);
  self->main.building = FALSE;
  self->built_for = sel;
  gtk_widget_set_visible (self->overflow_box, self->n_non_finite > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "derivation.show-all-paths", self->show_all_button != NULL);
  gtk_stack_set_visible_child_name (self->stack, "derivation");
  /* Another selection opens at its top; the same one recomputed (an edit,
   * a Step) keeps the reader's place. */
  if (new_selection)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

/* Lists every path (up to the core's cap), closed; the reader stays where
 * they were, and the keyboard moves on to the first path just listed. */
static void
show_all_paths_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BplDerivationPanel *self = BPL_DERIVATION_PANEL (widget);

  if (self->show_all_paths || self->show_all_button == NULL)
    return;
  /* The button goes: focus moves to the path above it, already on screen,
   * and Tab goes on to the ones just listed. */
  if (gtk_widget_has_focus (self->show_all_button) && self->sections->len > 0)
    gtk_widget_grab_focus (((PathSection *) g_ptr_array_index (self->sections, self->sections->len - 1))->expander);
  self->show_all_paths = TRUE;
  /* A refill, not a rebuild: the new paths' headings are added in place and
   * everything else stays. */
  refresh (self, FALSE);
}

/* Lists every error term: the panel is built again, in its place. */
static void
show_all_deltas_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  BplDerivationPanel *self = BPL_DERIVATION_PANEL (widget);

  if (self->show_all_deltas)
    return;
  self->show_all_deltas = TRUE;
  refresh (self, TRUE);
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

static void
bpl_derivation_panel_session_changed (BplView *view)
{
  on_rebuild (BPL_DERIVATION_PANEL (view));
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

/* The derivation's labels in reading order, skipping closed paths. */
static void
append_text (GtkWidget *widget,
             GString   *text)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget) && g_object_get_qdata (G_OBJECT (widget), line_quark ()) != NULL)
    {
      g_string_append (text, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (text, '\n');
      return;
    }
  if (GTK_IS_EXPANDER (widget))
    {
      GtkWidget *child = gtk_expander_get_child (GTK_EXPANDER (widget));

      append_text (gtk_expander_get_label_widget (GTK_EXPANDER (widget)), text);
      if (gtk_expander_get_expanded (GTK_EXPANDER (widget)) && child != NULL)
        append_text (child, text);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    append_text (c, text);
}

char *
bpl_derivation_panel_dup_text (BplDerivationPanel *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (BPL_IS_DERIVATION_PANEL (self), NULL);

  append_text (GTK_WIDGET (self->content), text);
  return g_string_free (text, FALSE);
}

static void
bpl_derivation_panel_dispose (GObject *object)
{
  BplDerivationPanel *self = BPL_DERIVATION_PANEL (object);

  g_ptr_array_set_size (self->main.labels, 0);
  g_ptr_array_set_size (self->sections, 0);
  self->show_all_button = NULL;
  self->show_all_deltas_button = NULL;
  g_clear_pointer (&self->derivation, bpl_derivation_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), BPL_TYPE_DERIVATION_PANEL);

  G_OBJECT_CLASS (bpl_derivation_panel_parent_class)->dispose (object);
}

static void
bpl_derivation_panel_finalize (GObject *object)
{
  BplDerivationPanel *self = BPL_DERIVATION_PANEL (object);

  g_clear_pointer (&self->main.labels, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->path_open, g_array_unref);
  G_OBJECT_CLASS (bpl_derivation_panel_parent_class)->finalize (object);
}

static void
bpl_derivation_panel_class_init (BplDerivationPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bpl_derivation_panel_dispose;
  object_class->finalize = bpl_derivation_panel_finalize;
  BPL_VIEW_CLASS (klass)->session_changed = bpl_derivation_panel_session_changed;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/backproplens/BackpropLens/bpl-derivation-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, BplDerivationPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, BplDerivationPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, BplDerivationPanel, content);
  gtk_widget_class_bind_template_child (widget_class, BplDerivationPanel, overflow_box);

  gtk_widget_class_install_action (widget_class, "derivation.show-all-paths", NULL, show_all_paths_action);
  gtk_widget_class_install_action (widget_class, "derivation.show-all-deltas", NULL, show_all_deltas_action);
}

static void
bpl_derivation_panel_init (BplDerivationPanel *self)
{
  GSignalGroup *signals = bpl_view_get_session_signals (BPL_VIEW (self));

  self->main.labels = g_ptr_array_new ();
  self->sink = &self->main;
  self->sections = g_ptr_array_new_with_free_func (section_free);
  self->path_open = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->digits = 11;
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_group_connect_swapped (signals, "values-changed", G_CALLBACK (on_changed), self);
  g_signal_group_connect_swapped (signals, "network-replaced", G_CALLBACK (on_rebuild), self);
  g_signal_group_connect_swapped (signals, "notify::selection", G_CALLBACK (on_rebuild), self);
}

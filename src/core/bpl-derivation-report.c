/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The derivation as the worked example's numbered steps, in plain text,
 * Markdown or LaTeX. Steps are gathered once as structured data (a title, a
 * description, a chain of equal expressions) and each format prints them. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "bpl-derivation-private.h"
#include "bpl-network.h"

/* The length of a name with a subscript at @p: a short word (or one Greek
 * letter that the reports use), '_' and a short subscript; 0 if none. */
static gsize
latex_name_length (const char *text, const char *p)
{
  static const char *const greek[] = { "δ", "λ", "μ", "β", "η", "ε", "σ" };
  const char *q = p;

  /* Only at the start of a word: update_biases holds "ate_biases". */
  if (p > text && (g_ascii_isalnum (p[-1]) || p[-1] == '_'))
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (greek); i++)
    if (g_str_has_prefix (q, greek[i]))
      {
        q += strlen (greek[i]);
        break;
      }
  if (q == p)
    while (g_ascii_isalpha (*q) && q - p < 7)
      q++;
  if (q == p || *q != '_' || !g_ascii_isalnum (q[1]))
    return 0;
  q++;
  {
    const char *sub = q;

    while (g_ascii_isalnum (*q))
      q++;
    /* Subscripts are short (o1, h2, total, ok); update_biases is a key. */
    if (q - sub > 5)
      return 0;
  }
  return (gsize) (q - p);
}

/* δ_o1 → $\delta_{o1}$, E_total → $E_{\mathrm{total}}$. */
static void
append_latex_name (GString *out, const char *p, gsize length)
{
  static const struct { const char *utf8; const char *latex; } greek[] = {
    { "δ", "\\delta" }, { "λ", "\\lambda" }, { "μ", "\\mu" }, { "β", "\\beta" },
    { "η", "\\eta" }, { "ε", "\\varepsilon" }, { "σ", "\\sigma" },
  };
  const char *underscore = memchr (p, '_', length);
  const char *sub = underscore + 1;
  gsize sub_length = length - (gsize) (sub - p);
  /* "total" is a word, set upright; "ok" and "o1" are indices. */
  gboolean word = sub_length > 2 && g_ascii_isalpha (sub[0]) && g_ascii_isalpha (sub[1]);

  g_string_append_c (out, '$');
  for (guint i = 0; i < G_N_ELEMENTS (greek); i++)
    if (g_str_has_prefix (p, greek[i].utf8))
      {
        g_string_append (out, greek[i].latex);
        p += strlen (greek[i].utf8);
        break;
      }
  if ((gsize) (underscore - p) > 1)
    g_string_append (out, "\\mathrm{");
  g_string_append_len (out, p, underscore - p);
  if ((gsize) (underscore - p) > 1)
    g_string_append_c (out, '}');
  g_string_append (out, word ? "_{\\mathrm{" : "_{");
  g_string_append_len (out, sub, (gssize) sub_length);
  g_string_append (out, word ? "}}$" : "}$");
}

/* Prose around formulas, in each output: plain text, Pango markup, a
 * Markdown table cell, or LaTeX text mode (special characters escaped,
 * symbols set in math so that pdflatex takes them). */
static void
append_prose (GString *out, BplExprStyle style, const char *text)
{
  static const struct { const char *utf8; const char *latex; } symbols[] = {
    { "’", "'" }, { "‘", "`" }, { "“", "``" }, { "”", "''" }, { "…", "\\ldots{}" },
    { "–", "--" }, { "—", "---" }, { "∂", "$\\partial$" }, { "→", "$\\to$" },
    { "δ", "$\\delta$" }, { "η", "$\\eta$" }, { "σ", "$\\sigma$" }, { "Σ", "$\\Sigma$" },
    { "≈", "$\\approx$" }, { "·", "$\\cdot$" }, { "−", "$-$" }, { "±", "$\\pm$" },
    { "×", "$\\times$" }, { "≤", "$\\le$" }, { "⁺", "$^{+}$" }, { "²", "$^{2}$" },
    { "½", "$\\frac{1}{2}$" }, { "∞", "$\\infty$" }, { "λ", "$\\lambda$" }, { "μ", "$\\mu$" },
    { "β", "$\\beta$" }, { "ε", "$\\varepsilon$" }, { "√", "$\\surd$" }, { "≠", "$\\neq$" },
    { "₁", "$_{1}$" }, { "₂", "$_{2}$" }, { "ₖ", "$_{k}$" }, { "ⱼ", "$_{j}$" }, { "ᵗ", "$^{t}$" },
    { "m̂", "$\\hat{m}$" }, { "v̂", "$\\hat{v}$" },
  };

  switch (style)
    {
    case BPL_EXPR_TEXT:
      g_string_append (out, text);
      return;
    case BPL_EXPR_MARKUP:
      {
        g_autofree char *escaped = g_markup_escape_text (text, -1);
        g_string_append (out, escaped);
      }
      return;
    case BPL_EXPR_MARKDOWN:
      /* A pipe would end the table cell, a dollar start math. Names with
       * a subscript are math, as in the formulas. */
      for (const char *p = text; *p; p++)
        {
          gsize name_length = latex_name_length (text, p);

          if (name_length > 0)
            {
              append_latex_name (out, p, name_length);
              p += name_length - 1;
              continue;
            }
          if (*p == '|' || *p == '$' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      return;
    case BPL_EXPR_LATEX:
    default:
      break;
    }

  for (const char *p = text; *p;)
    {
      gboolean matched = FALSE;
      gsize name_length = latex_name_length (text, p);

      /* A name with a subscript in the prose (δ_o1, E_total, m_w5) is set
       * as math, as the formulas write it. */
      if (name_length > 0)
        {
          append_latex_name (out, p, name_length);
          p += name_length;
          continue;
        }
      for (guint i = 0; i < G_N_ELEMENTS (symbols) && !matched; i++)
        if (g_str_has_prefix (p, symbols[i].utf8))
          {
            g_string_append (out, symbols[i].latex);
            p += strlen (symbols[i].utf8);
            matched = TRUE;
          }
      if (matched)
        continue;
      if (*p == '\\')
        g_string_append (out, "\\textbackslash{}");
      else if (*p == '^' || *p == '~')
        g_string_append_printf (out, "\\%c{}", *p);
      else if (strchr ("%$&#{}_", *p))
        g_string_append_printf (out, "\\%c", *p);
      else
        g_string_append_c (out, *p);
      p++;
    }
}

static char *
prose_escape (BplExprStyle style, const char *text)
{
  GString *out = g_string_new (NULL);
  append_prose (out, style, text);
  return g_string_free (out, FALSE);
}

const char *
_bpl_next_directive (const char *p,
                     int        *index,
                     gsize      *length)
{
  for (const char *q = strchr (p, '%'); q != NULL; q = strchr (q + 1, '%'))
    {
      const char *d = q + 1;
      int n = 0;

      if (d[0] == '%')
        {
          q++;
          continue;
        }
      if (d[0] == 's')
        {
          *index = -1;
          *length = 2;
          return q;
        }
      while (g_ascii_isdigit (*d) && n < 100)
        n = n * 10 + (*d++ - '0');
      if (n > 0 && d[0] == '$' && d[1] == 's')
        {
          *index = n - 1;
          *length = (gsize) (d + 2 - q);
          return q;
        }
    }
  return NULL;
}

guint
_bpl_count_directives (const char *template)
{
  guint n_args = 0, sequential = 0;
  int index;
  gsize length;

  for (const char *p = template; (p = _bpl_next_directive (p, &index, &length)) != NULL; p += length)
    {
      guint needed = index >= 0 ? (guint) index + 1 : ++sequential;

      n_args = MAX (n_args, needed);
    }
  return n_args;
}

/* Appends @literal, prose with "%%" for "%", escaped for @style. */
static void
append_literal (GString *out, BplExprStyle style, const char *literal)
{
  g_auto(GStrv) parts = g_strsplit (literal, "%%", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (i > 0)
        append_prose (out, style, "%");
      append_prose (out, style, parts[i]);
    }
}

/* A translated @template whose only directives are %s (or %N$s in a
 * translation that reorders them), each replaced by its argument as it is
 * (a formula or name already in @style); the rest is prose, escaped for
 * @style. */
#define PROSE_MAX_ARGS 16
static char * G_GNUC_PRINTF (2, 3)
prose (BplExprStyle style, const char *template, ...)
{
  GString *out = g_string_new (NULL);
  const char *args[PROSE_MAX_ARGS] = { NULL };
  guint n_args = _bpl_count_directives (template), sequential = 0;
  const char *p;
  int index;
  gsize length;
  va_list ap;

  g_return_val_if_fail (n_args <= PROSE_MAX_ARGS, g_string_free (out, FALSE));
  va_start (ap, template);
  for (guint i = 0; i < n_args; i++)
    args[i] = va_arg (ap, const char *);
  va_end (ap);

  sequential = 0;
  for (p = template; *p != '\0';)
    {
      const char *next = _bpl_next_directive (p, &index, &length);
      g_autofree char *literal = g_strndup (p, next != NULL ? (gsize) (next - p) : strlen (p));

      append_literal (out, style, literal);
      if (next == NULL)
        break;
      g_string_append (out, args[index >= 0 ? (guint) index : sequential++]);
      p = next + length;
    }
  return g_string_free (out, FALSE);
}

/* A formula inside prose: δ_o1, δ<sub>o1</sub>, $\delta_{o1}$. */
static char *
inline_math (BplExprStyle style, const BplExpr *expr, int digits)
{
  g_autofree char *body = bpl_expr_render (expr, style, digits);

  if (style == BPL_EXPR_LATEX)
    return g_strconcat ("$", body, "$", NULL);
  return g_steal_pointer (&body);
}

static BplExpr *
split_name_expr (BplExpr *e, const char *name)
{
  char base[16];
  const char *sub;

  bpl_split_name (name, base, sizeof base, &sub);
  return bpl_expr_name (e, base, sub);
}

/* w3, h12: a name as the formulas write it. */
static char *
inline_name (BplExprStyle style, const char *name)
{
  g_autoptr (BplExpr) e = split_name_expr (bpl_expr_new (), name);
  return inline_math (style, e, 3);
}

static char *
inline_number (BplExprStyle style, double value, int digits)
{
  g_autoptr (BplExpr) e = bpl_expr_number (bpl_expr_new (), value);
  return inline_math (style, e, digits);
}

/* A key of the network file, as code. Markup keeps the font of the text
 * around it: "monospace" is not a face of its own in every font setup, and
 * a worksheet must come out the same from the window and the CLI. */
static char *
inline_key (BplExprStyle style, const char *key)
{
  switch (style)
    {
    case BPL_EXPR_MARKDOWN:
      return g_strdup_printf ("`%s`", key);
    case BPL_EXPR_LATEX:
      {
        g_autofree char *escaped = prose_escape (style, key);
        return g_strdup_printf ("\\texttt{%s}", escaped);
      }
    case BPL_EXPR_TEXT:
    default:
      return g_strdup (key);
    }
}

/* The layer of the neurons a parameter feeds. */
static guint
param_layer (const BplDerivation *self, const BplNetwork *network)
{
  if (self->target >= 0)
    return bpl_network_get_neuron_layer (network, (guint) self->target);
  for (guint n = 0; n < bpl_network_get_n_neurons (network); n++)
    if (bpl_network_get_neuron_bias (network, n) == (gint) self->param.index)
      return bpl_network_get_neuron_layer (network, n);
  return bpl_network_get_n_layers (network) - 1;
}

gboolean
bpl_derivation_update_is_applied (const BplDerivation *self, const BplNetwork *network)
{
  g_return_val_if_fail (self != NULL && network != NULL, TRUE);

  return self->param.kind == BPL_PARAM_WEIGHT || bpl_network_get_update_biases (network);
}

char *
bpl_derivation_dup_update_note (const BplDerivation *self, const BplNetwork *network, BplExprStyle style,
                                int digits)
{
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  g_autoptr (BplExpr) updated = NULL;
  g_autofree char *updated_math = NULL;

  g_return_val_if_fail (self != NULL && network != NULL, NULL);

  name = inline_name (style, self->name);
  updated = split_name_expr (bpl_expr_new (), self->name);
  bpl_expr_text (updated, "⁺");
  updated_math = inline_math (style, updated, digits);

  if (!bpl_derivation_update_is_applied (self, network))
    {
      g_autofree char *value = inline_number (style, self->value, digits);

      key = inline_key (style, "update_biases");
      /* Translators: the second %s is the file key update_biases; then the
       * bias, its value and the bias with a ⁺ (its new value). */
      return prose (style, _("Biases are not updated in this network (%s is off), so a training step "
                             "leaves %s at %s; if they were, %s would be:"),
                    key, name, value, updated_math);
    }
  if (bpl_network_get_update_order (network) == BPL_UPDATE_OUTPUT_FIRST
      && param_layer (self, network) + 1 < bpl_network_get_n_layers (network))
    {
      key = inline_key (style, "update_order");
      return prose (style, _("This network updates the output layer first (%s is output-first): a "
                             "training step works out this gradient through the output layer’s new "
                             "weights, so its %s differs a little from this one, worked out with the "
                             "weights as they are:"),
                    key, updated_math);
    }
  return NULL;
}

typedef struct
{
  char      *title;
  char      *description;  /* or NULL */
  GPtrArray *chain;        /* BplExpr: printed joined by " = " */
} Step;

static void
step_free (gpointer data)
{
  Step *step = data;
  g_free (step->title);
  g_free (step->description);
  g_ptr_array_unref (step->chain);
  g_free (step);
}

static Step *
step_add (GPtrArray *steps, char *title, char *description)
{
  Step *step = g_new0 (Step, 1);
  step->title = title;
  step->description = description;
  step->chain = g_ptr_array_new_with_free_func ((GDestroyNotify) bpl_expr_free);
  g_ptr_array_add (steps, step);
  return step;
}

static void
chain_add (Step *step, const BplExpr *expr)
{
  if (expr != NULL)
    g_ptr_array_add (step->chain, bpl_expr_copy (expr));
}

static void
chain_add_number (Step *step, double value)
{
  g_ptr_array_add (step->chain, bpl_expr_number (bpl_expr_new (), value));
}

/* a·b·c… of the factors' symbols, or of their values. */
static BplExpr *
product_expr (const BplPath *path, gboolean values)
{
  BplExpr *e = bpl_expr_new ();
  for (guint i = 0; i < path->n_factors; i++)
    {
      if (i > 0)
        bpl_expr_text (e, "·");
      if (values)
        bpl_expr_number (e, path->factors[i].value);
      else
        {
          bpl_expr_text (e, "(");
          bpl_expr_append (e, path->factors[i].symbol);
          bpl_expr_text (e, ")");
        }
    }
  return e;
}

/* "1 = 1" says nothing: a formula that is already its value ends there. */
static gboolean
is_just_number (const BplExpr *formula, double value)
{
  g_autofree char *text = bpl_expr_render (formula, BPL_EXPR_TEXT, 17);
  g_autofree char *number = bpl_format_number (value, 17);
  return g_str_equal (text, number);
}

/* A factor is listed once even when several paths share it. */
static gboolean
factor_seen (GPtrArray *seen, const BplFactor *f)
{
  g_autofree char *key = bpl_expr_render (f->symbol, BPL_EXPR_TEXT, 3);
  for (guint i = 0; i < seen->len; i++)
    if (g_str_equal (g_ptr_array_index (seen, i), key))
      return TRUE;
  g_ptr_array_add (seen, g_steal_pointer (&key));
  return FALSE;
}

/* The derivation's own steps of the given kinds, as they are. */
static void
add_derivation_steps (GPtrArray *steps, const BplDerivation *d, BplExprStyle style, gboolean collapse)
{
  for (guint i = 0; i < d->n_steps; i++)
    {
      const BplDerivationStep *ds = &d->steps[i];
      Step *step;
      if ((ds->kind == BPL_STEP_SOFTMAX_COLLAPSE) != collapse)
        continue;
      step = step_add (steps, prose_escape (style, ds->title),
                       ds->description != NULL ? prose_escape (style, ds->description) : NULL);
      for (guint k = 0; k < ds->n_chain; k++)
        chain_add (step, ds->chain[k]);
      chain_add_number (step, ds->value);
    }
}

BplExpr *
bpl_derivation_path_route (const BplDerivation *self,
                           const BplNetwork    *network,
                           const BplPath       *path)
{
  BplExpr *route;

  g_return_val_if_fail (self != NULL && network != NULL && path != NULL, NULL);

  route = split_name_expr (bpl_expr_new (), self->name);
  for (guint i = 0; i < path->n_neurons; i++)
    {
      bpl_expr_text (route, " → ");
      split_name_expr (route, bpl_network_get_neuron_name (network, path->neurons[i]));
    }
  return route;
}

/* w3 → h2 → o1 */
static char *
path_route (const BplDerivation *d, const BplNetwork *net, const BplPath *path, BplExprStyle style)
{
  g_autoptr (BplExpr) route = bpl_derivation_path_route (d, net, path);

  return inline_math (style, route, 3);
}

static char *
inline_error (BplExprStyle style, const char *sub)
{
  g_autoptr (BplExpr) e = bpl_expr_name (bpl_expr_new (), "E", sub);
  return inline_math (style, e, 3);
}

static guint
n_outputs_on_path (const BplDerivation *d, const BplNetwork *net)
{
  guint n = 0;
  for (guint o = bpl_network_get_layer_start (net, bpl_network_get_n_layers (net) - 1); o < d->n_neurons; o++)
    n += d->neuron_on_path[o] ? 1 : 0;
  return n;
}

/* (E_total(w3 + h) − E_total(w3 − h))/2h ≈ 0.000497… */
static BplExpr *
finite_difference (const BplDerivation *d)
{
  BplExpr *e = bpl_expr_new ();
  for (int sign = 0; sign < 2; sign++)
    {
      bpl_expr_text (e, sign == 0 ? "(" : " − ");
      bpl_expr_name (e, "E", "total");
      bpl_expr_text (e, "(");
      split_name_expr (e, d->name);
      bpl_expr_text (e, sign == 0 ? " + h)" : " − h)");
    }
  bpl_expr_text (e, ")/2h ≈ ");
  return bpl_expr_number (e, d->numerical_gradient);
}

static GPtrArray *
collect_steps (const BplDerivation *d, const BplNetwork *net, BplExprStyle style, int digits)
{
  GPtrArray *steps = g_ptr_array_new_with_free_func (step_free);
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = inline_name (style, d->name);
  g_autofree char *total = inline_error (style, "total");
  g_autofree char *gsym = inline_math (style, d->gradient_symbol, digits);
  Step *step;

  if (n_outputs_on_path (d, net) == 1)
    step = step_add (steps, prose (style, _("%s reaches %s through one output error only"), name, total), NULL);
  else
    step = step_add (steps, prose (style, _("%s’s impact on %s: the sum of its impact on each output error"),
                                   name, total),
                     NULL);
  chain_add (step, d->gradient_symbol);
  chain_add (step, d->sum);

  for (guint p = 0; p < d->n_paths; p++)
    {
      const BplPath *path = &d->paths[p];
      g_autoptr (BplExpr) product = product_expr (path, FALSE);
      g_autofree char *route = path_route (d, net, path, style);
      g_autofree char *error = inline_error (style, bpl_network_get_neuron_name (net, path->output));
      step = step_add (steps, prose (style, _("%s’s impact on %s by the chain rule, along %s"), name, error, route),
                       NULL);
      chain_add (step, path->symbol);
      chain_add (step, product);
    }

  for (guint p = 0; p < d->n_paths; p++)
    for (guint i = 0; i < d->paths[p].n_factors; i++)
      {
        const BplFactor *f = &d->paths[p].factors[i];
        if (factor_seen (seen, f))
          continue;
        step = step_add (steps, inline_math (style, f->symbol, digits),
                         f->description != NULL ? prose_escape (style, f->description) : NULL);
        chain_add (step, f->symbol);
        chain_add (step, f->expansion);
        chain_add (step, f->formula);
        if (f->substitution != NULL && bpl_expr_get_n_terms (f->substitution) > 1)
          chain_add (step, f->substitution);
        if (!is_just_number (f->formula, f->value))
          chain_add_number (step, f->value);
      }

  for (guint p = 0; p < d->n_paths; p++)
    {
      const BplPath *path = &d->paths[p];
      g_autoptr (BplExpr) values = product_expr (path, TRUE);
      g_autofree char *route = path_route (d, net, path, style);
      step = step_add (steps, prose (style, _("Multiply the factors along %s"), route), NULL);
      chain_add (step, path->symbol);
      chain_add (step, values);
      chain_add_number (step, path->product);
    }

  if (d->paths_truncated)
    {
      g_autofree char *shown = g_strdup_printf ("%u", d->n_paths);
      g_autofree char *all = g_strdup_printf ("%" G_GUINT64_FORMAT, d->n_paths_total);
      step = step_add (steps, prose (style, _("Add the paths: %s"), gsym),
                       prose (style, _("only %s of %s paths are listed; the gradient below comes from all "
                                       "of them (factored form)"),
                              shown, all));
      chain_add (step, d->gradient_symbol);
      chain_add (step, d->factored);
    }
  else if (d->n_paths == 1)
    {
      /* One term: the sum is the product, written once. */
      step = step_add (steps, prose (style, _("One path only: %s is its product"), gsym), NULL);
      chain_add (step, d->gradient_symbol);
    }
  else
    {
      g_autoptr (BplExpr) sum = bpl_expr_new ();
      for (guint p = 0; p < d->n_paths; p++)
        {
          if (p > 0)
            bpl_expr_text (sum, " + ");
          bpl_expr_number (sum, d->paths[p].product);
        }
      step = step_add (steps, prose (style, _("Add the paths: %s"), gsym), NULL);
      chain_add (step, d->gradient_symbol);
      chain_add (step, sum);
    }
  chain_add_number (step, d->gradient);

  add_derivation_steps (steps, d, style, TRUE);
  if (d->n_deltas > 0)
    {
      /* δ first, output layer down, then the gradient that uses them. */
      for (guint i = 0; i < d->n_deltas; i++)
        {
          const BplDelta *delta = &d->deltas[i];
          g_autoptr (BplExpr) what = bpl_expr_copy (delta->symbol);
          g_autofree char *what_math = NULL;

          bpl_expr_text (what, " = ");
          bpl_expr_derivative (what, "E", "total", "net", bpl_network_get_neuron_name (net, delta->neuron));
          what_math = inline_math (style, what, digits);
          step = step_add (steps, prose (style, _("Error term %s"), what_math), NULL);
          chain_add (step, delta->symbol);
          chain_add (step, delta->formula);
          chain_add (step, delta->substitution);
          chain_add_number (step, delta->value);
        }
      step = step_add (steps, prose_escape (style, _("The same gradient in factored form")),
                       prose_escape (style, _("with the error terms δ, computed once per neuron from the "
                                              "outputs backwards")));
      chain_add (step, d->gradient_symbol);
      chain_add (step, d->factored);
      chain_add_number (step, d->gradient);
    }

  step = step_add (steps, prose_escape (style, _("Check against a finite difference")),
                   prose (style, _("nudge the parameter up and down a little and see how %s changes"), total));
  {
    g_autoptr (BplExpr) check = finite_difference (d);
    chain_add (step, check);
  }

  add_derivation_steps (steps, d, style, FALSE);
  step = step_add (steps, prose (style, _("The new %s"), name),
                   bpl_derivation_dup_update_note (d, net, style, digits));
  chain_add (step, d->update);
  chain_add (step, d->update_substitution);
  chain_add_number (step, d->new_value);

  return steps;
}

/* "Title: what it means", or "Title. A sentence." */
static const char *
description_separator (const Step *step)
{
  if (step->description == NULL)
    return "";
  return g_unichar_isupper (g_utf8_get_char (step->description)) ? ". " : ": ";
}

static void
print_text (GString *out, GPtrArray *steps, int digits)
{
  for (guint i = 0; i < steps->len; i++)
    {
      Step *step = g_ptr_array_index (steps, i);
      g_string_append_printf (out, "%u. %s\n", i + 1, step->title);
      if (step->description != NULL)
        g_string_append_printf (out, "   %s\n", step->description);
      g_string_append (out, "   ");
      for (guint k = 0; k < step->chain->len; k++)
        {
          g_autofree char *s = bpl_expr_render (g_ptr_array_index (step->chain, k), BPL_EXPR_TEXT, digits);
          if (k > 0)
            g_string_append (out, " = ");
          g_string_append (out, s);
        }
      g_string_append (out, "\n\n");
    }
}

/* The chain in LaTeX on one line, or for align*: one equality a line,
 * aligned on "=", so that a long chain stays on the page. */
static char *
latex_chain (Step *step, int digits, gboolean align)
{
  GString *s = g_string_new (NULL);
  for (guint k = 0; k < step->chain->len; k++)
    {
      g_autofree char *e = bpl_expr_render (g_ptr_array_index (step->chain, k), BPL_EXPR_LATEX, digits);
      if (k > 0)
        g_string_append (s, !align ? " = " : k == 1 ? " &= " : " \\\\\n      &= ");
      g_string_append (s, e);
    }
  return g_string_free (s, FALSE);
}

static void
print_markdown (GString *out, GPtrArray *steps, int digits)
{
  g_string_append_printf (out, "| %s | %s | %s |\n|---|---|---|\n", _("Step"), _("Description"), _("Formula"));
  for (guint i = 0; i < steps->len; i++)
    {
      Step *step = g_ptr_array_index (steps, i);
      g_autofree char *math = latex_chain (step, digits, FALSE);
      g_string_append_printf (out, "| %u | %s%s%s | $%s$ |\n", i + 1, step->title,
                              description_separator (step), step->description ? step->description : "",
                              math);
    }
}

static void
print_latex (GString *out, GPtrArray *steps, int digits)
{
  g_string_append (out, "\\begin{enumerate}\n");
  for (guint i = 0; i < steps->len; i++)
    {
      Step *step = g_ptr_array_index (steps, i);
      g_autofree char *math = latex_chain (step, digits, TRUE);
      g_string_append_printf (out, "  \\item %s", step->title);
      if (step->description != NULL)
        g_string_append_printf (out, "%s%s", description_separator (step), step->description);
      g_string_append_printf (out, "\n    \\begin{align*}\n      %s\n    \\end{align*}\n", math);
    }
  g_string_append (out, "\\end{enumerate}\n");
}

static BplExprStyle
report_style (BplReportFormat format)
{
  switch (format)
    {
    case BPL_REPORT_MARKDOWN:
      return BPL_EXPR_MARKDOWN;
    case BPL_REPORT_LATEX:
      return BPL_EXPR_LATEX;
    case BPL_REPORT_TEXT:
    default:
      return BPL_EXPR_TEXT;
    }
}

char *
bpl_derivation_to_report (const BplDerivation *self, const BplNetwork *network, BplReportFormat format,
                          int digits)
{
  BplExprStyle style = report_style (format);
  g_autoptr (GPtrArray) steps = NULL;
  GString *out = g_string_new (NULL);
  g_autofree char *heading = NULL;
  g_autofree char *name = NULL;
  g_autofree char *sample = NULL;

  g_return_val_if_fail (self != NULL && network != NULL, NULL);

  name = inline_name (style, self->name);
  sample = g_strdup_printf ("%u", self->sample + 1);
  if (self->source >= 0)
    {
      g_autofree char *source = inline_name (style, bpl_network_get_neuron_name (network, (guint) self->source));
      g_autofree char *target = inline_name (style, bpl_network_get_neuron_name (network, (guint) self->target));
      heading = prose (style, _("Backward pass for %s (%s → %s), sample %s"), name, source, target, sample);
    }
  else
    heading = prose (style, _("Backward pass for %s, sample %s"), name, sample);

  steps = collect_steps (self, network, style, digits);
  switch (format)
    {
    case BPL_REPORT_MARKDOWN:
      g_string_append_printf (out, "## %s\n\n", heading);
      print_markdown (out, steps, digits);
      break;
    case BPL_REPORT_LATEX:
      g_string_append_printf (out, "\\subsection*{%s}\n", heading);
      print_latex (out, steps, digits);
      break;
    case BPL_REPORT_TEXT:
    default:
      g_string_append_printf (out, "%s\n\n", heading);
      print_text (out, steps, digits);
      break;
    }
  return g_string_free (out, FALSE);
}

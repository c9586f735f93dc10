/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bpl-derivation-private.h"
#include "bpl-error.h"
#include "bpl-forward.h"
#include "bpl-network-private.h"
#include "bpl-passes-private.h"
#include "bpl-training.h"
#include "bpl-training-private.h"

/* Everything one derivation reads, gathered once. */
typedef struct
{
  const BplNetwork *net;
  BplParam          param;
  guint             sample;
  BplForward       *forward;
  double           *delta;     /* ∂E_total/∂net of every neuron (backprop) */
  GArray           *paths;     /* BplPath */
  guint             max_paths;
  GArray           *steps;     /* BplDerivationStep */
  guint             chain[BPL_MAX_LAYERS + 1];
  gboolean          softmax;   /* the output layer is softmax */
} Builder;

/* "w3" → ("w", "3"), "h2" → ("h", "2"): a name's letters and its number. */
void
bpl_split_name (const char *name, char *base, gsize base_size, const char **sub)
{
  gsize i = 0;
  while (name[i] != '\0' && !g_ascii_isdigit (name[i]) && i + 1 < base_size)
    {
      base[i] = name[i];
      i++;
    }
  base[i] = '\0';
  *sub = name + i;
}

void
bpl_expr_param_name (BplExpr *e, const char *name)
{
  char base[8];
  const char *sub;
  bpl_split_name (name, base, sizeof base, &sub);
  bpl_expr_name (e, base, sub);
}

/* The output of a neuron: i1 for an input, out_h2 otherwise. */
void
bpl_expr_out (BplExpr *e, const BplNetwork *net, guint neuron)
{
  if (neuron < net->layer_size[0])
    bpl_expr_param_name (e, net->neuron_names[neuron]);
  else
    bpl_expr_name (e, "out", net->neuron_names[neuron]);
}

void
bpl_expr_out_partial (BplExpr *e, const BplNetwork *net, guint neuron)
{
  bpl_expr_text (e, "∂");
  bpl_expr_out (e, net, neuron);
}

/* net_n's definition with names: w1·i1 + w2·i2 + b1·1. */
void
bpl_expr_net_sum (BplExpr *e, const BplNetwork *net, guint neuron)
{
  guint l = bpl_network_get_neuron_layer (net, neuron);
  guint j = neuron - net->layer_start[l];
  guint n_prev = net->layer_size[l - 1];

  for (guint k = 0; k < n_prev; k++)
    {
      if (k > 0)
        bpl_expr_text (e, " + ");
      bpl_expr_param_name (e, net->weight_names[net->weight_start[l] + j * n_prev + k]);
      bpl_expr_text (e, "·");
      bpl_expr_out (e, net, net->layer_start[l - 1] + k);
    }
  if (net->neuron_bias[neuron] >= 0)
    {
      bpl_expr_text (e, " + ");
      bpl_expr_param_name (e, net->bias_names[net->neuron_bias[neuron]]);
      bpl_expr_text (e, "·1");
    }
}

/* A named value (out_h2) or, in the substituted form, its number. */
static void
operand (BplExpr *e, gboolean numbers, const char *base, const char *sub, double value)
{
  if (numbers)
    bpl_expr_number (e, value);
  else
    bpl_expr_name (e, base, sub);
}

/* f'(net) in out (sigmoid, tanh) or net (relu), with names or with numbers. */
static void
append_slope (BplExpr *e, BplActivation act, const char *name, double net_value, double out_value,
              gboolean numbers)
{
  switch (act)
    {
    case BPL_ACTIVATION_SIGMOID:
      operand (e, numbers, "out", name, out_value);
      bpl_expr_text (e, "(1 − ");
      operand (e, numbers, "out", name, out_value);
      bpl_expr_text (e, ")");
      break;
    case BPL_ACTIVATION_TANH:
      bpl_expr_text (e, "1 − ");
      operand (e, numbers, "out", name, out_value);
      bpl_expr_text (e, "²");
      break;
    case BPL_ACTIVATION_RELU:
      bpl_expr_text (e, "1 if ");
      operand (e, numbers, "net", name, net_value);
      bpl_expr_text (e, " > 0, else 0");
      break;
    case BPL_ACTIVATION_LINEAR:
    default:
      bpl_expr_text (e, "1");
      break;
    }
}

void
bpl_expr_slope (BplExpr *formula, BplExpr *substitution, const BplNetwork *net, guint neuron,
                double net_value, double out_value)
{
  BplActivation act = net->activation[bpl_network_get_neuron_layer (net, neuron)];
  const char *name = net->neuron_names[neuron];

  append_slope (formula, act, name, net_value, out_value, FALSE);
  append_slope (substitution, act, name, net_value, out_value, TRUE);
}

/* The activation's slope as the last factor of a product: a slope that is
 * not one term (1 − out², "1 if net > 0, else 0") is bracketed, or
 * (…)·1 − out² would read as a difference. */
static void
append_slope_factor (BplExpr *formula, BplExpr *substitution, const BplExpr *slope_formula,
                     const BplExpr *slope_substitution, const BplNetwork *net, guint neuron)
{
  BplActivation act = net->activation[bpl_network_get_neuron_layer (net, neuron)];
  gboolean bracket = act == BPL_ACTIVATION_TANH || act == BPL_ACTIVATION_RELU;

  if (bracket)
    {
      bpl_expr_text (formula, "(");
      bpl_expr_text (substitution, "(");
    }
  bpl_expr_append (formula, slope_formula);
  bpl_expr_append (substitution, slope_substitution);
  if (bracket)
    {
      bpl_expr_text (formula, ")");
      bpl_expr_text (substitution, ")");
    }
}

/* ∂E_o/∂out_o: out − target, or (out − target)/(out(1 − out)) for cross-entropy. */
static void
append_error_slope (BplExpr *e, BplLoss loss, const char *name, double out, double target, gboolean numbers)
{
  if (loss == BPL_LOSS_CROSS_ENTROPY)
    bpl_expr_text (e, "(");
  operand (e, numbers, "out", name, out);
  bpl_expr_text (e, " − ");
  operand (e, numbers, "target", name, target);
  if (loss == BPL_LOSS_CROSS_ENTROPY)
    {
      bpl_expr_text (e, ")/(");
      operand (e, numbers, "out", name, out);
      bpl_expr_text (e, "(1 − ");
      operand (e, numbers, "out", name, out);
      bpl_expr_text (e, "))");
    }
}

static BplFactor
factor_new (BplFactorKind kind, gint neuron, gint weight)
{
  return (BplFactor) {
    .kind = kind,
    .symbol = bpl_expr_new (),
    .formula = bpl_expr_new (),
    .substitution = bpl_expr_new (),
    .neuron = neuron,
    .weight = weight,
    .net_neuron = -1,
  };
}

/* ∂net_t/∂p: the value that multiplies p in net_t. */
static BplFactor
factor_net_wrt_param (Builder *b, guint target)
{
  const BplNetwork *net = b->net;
  const char *pname = bpl_network_get_param_name (net, b->param);
  char base[8];
  const char *sub;
  BplFactor f;

  bpl_split_name (pname, base, sizeof base, &sub);
  f = factor_new (BPL_FACTOR_NET_WRT_PARAM, (gint) target,
                  b->param.kind == BPL_PARAM_WEIGHT ? (gint) b->param.index : -1);
  bpl_expr_derivative (f.symbol, "net", net->neuron_names[target], base, sub);
  f.expansion = bpl_expr_new ();
  bpl_expr_text (f.expansion, "∂(");
  bpl_expr_net_sum (f.expansion, net, target);
  bpl_expr_text (f.expansion, ")/∂");
  bpl_expr_name (f.expansion, base, sub);

  if (b->param.kind == BPL_PARAM_WEIGHT)
    {
      guint source = bpl_network_get_weight_source (net, b->param.index);
      bpl_expr_out (f.formula, net, source);
      f.value = b->forward->out[source];
      f.description = g_strdup_printf (_("how much the total net input of %s changes with respect to %s"),
                                       net->neuron_names[target], pname);
    }
  else
    {
      bpl_expr_text (f.formula, "1");
      f.value = 1.0;
      f.description = g_strdup_printf (_("how much the total net input of %s changes with respect to its bias %s"),
                                       net->neuron_names[target], pname);
    }
  bpl_expr_number (f.substitution, f.value);
  return f;
}

static BplFactor
factor_out_wrt_net (Builder *b, guint neuron)
{
  const BplNetwork *net = b->net;
  const char *name = net->neuron_names[neuron];
  BplFactor f = factor_new (BPL_FACTOR_OUT_WRT_NET, (gint) neuron, -1);

  bpl_expr_derivative (f.symbol, "out", name, "net", name);
  bpl_expr_slope (f.formula, f.substitution, net, neuron, b->forward->net[neuron], b->forward->out[neuron]);
  f.value = bpl_activation_slope (net->activation[bpl_network_get_neuron_layer (net, neuron)],
                                  b->forward->net[neuron], b->forward->out[neuron]);
  f.description = g_strdup_printf (_("how much the output of %s changes with respect to its total net input"),
                                   name);
  return f;
}

/* ∂net_to/∂out_from = the weight between them. */
static BplFactor
factor_net_wrt_out (Builder *b, guint from, guint to)
{
  const BplNetwork *net = b->net;
  gint w = bpl_network_find_weight (net, from, to);
  BplFactor f = factor_new (BPL_FACTOR_NET_WRT_OUT, (gint) to, w);

  g_assert (w >= 0);
  bpl_expr_text (f.symbol, "∂");
  bpl_expr_name (f.symbol, "net", net->neuron_names[to]);
  bpl_expr_text (f.symbol, "/");
  bpl_expr_out_partial (f.symbol, net, from);
  f.expansion = bpl_expr_new ();
  bpl_expr_text (f.expansion, "∂(");
  bpl_expr_net_sum (f.expansion, net, to);
  bpl_expr_text (f.expansion, ")/");
  bpl_expr_out_partial (f.expansion, net, from);
  bpl_expr_param_name (f.formula, net->weight_names[w]);
  f.value = net->weights[w];
  bpl_expr_number (f.substitution, f.value);
  f.description = g_strdup_printf (_("how much the total net input of %s changes with respect to the output of %s"),
                                   net->neuron_names[to], net->neuron_names[from]);
  return f;
}

static BplFactor
factor_error_wrt_out (Builder *b, guint output)
{
  const BplNetwork *net = b->net;
  const char *name = net->neuron_names[output];
  guint o = output - net->layer_start[net->n_layers - 1];
  double out = b->forward->out[output];
  double target = bpl_network_get_target (net, b->sample)[o];
  BplFactor f = factor_new (BPL_FACTOR_ERROR_WRT_OUT, (gint) output, -1);

  bpl_expr_derivative (f.symbol, "E", name, "out", name);
  f.expansion = bpl_expr_new ();
  if (net->loss == BPL_LOSS_CROSS_ENTROPY && b->softmax)
    {
      /* Categorical: E_o = −target_o·ln out_o. */
      bpl_expr_text (f.expansion, "∂(−");
      bpl_expr_name (f.expansion, "target", name);
      bpl_expr_text (f.expansion, "·ln ");
      bpl_expr_name (f.expansion, "out", name);
      bpl_expr_text (f.expansion, ")/∂");
      bpl_expr_name (f.expansion, "out", name);
      for (int numbers = 0; numbers <= 1; numbers++)
        {
          BplExpr *e = numbers ? f.substitution : f.formula;
          bpl_expr_text (e, "−");
          operand (e, numbers, "target", name, target);
          bpl_expr_text (e, "/");
          operand (e, numbers, "out", name, out);
        }
      f.value = bpl_output_error_slope (net, out, target);
      f.description = g_strdup_printf (_("how much the error of %s changes with respect to its output"), name);
      return f;
    }
  if (net->loss == BPL_LOSS_CROSS_ENTROPY)
    {
      bpl_expr_text (f.expansion, "∂(−");
      bpl_expr_name (f.expansion, "target", name);
      bpl_expr_text (f.expansion, "·ln ");
      bpl_expr_name (f.expansion, "out", name);
      bpl_expr_text (f.expansion, " − (1 − ");
      bpl_expr_name (f.expansion, "target", name);
      bpl_expr_text (f.expansion, ")·ln(1 − ");
      bpl_expr_name (f.expansion, "out", name);
      bpl_expr_text (f.expansion, "))/∂");
      bpl_expr_name (f.expansion, "out", name);

      f.value = (out - target) / (out * (1.0 - out));
    }
  else
    {
      bpl_expr_text (f.expansion, "∂(½(");
      bpl_expr_name (f.expansion, "target", name);
      bpl_expr_text (f.expansion, " − ");
      bpl_expr_name (f.expansion, "out", name);
      bpl_expr_text (f.expansion, ")²)/∂");
      bpl_expr_name (f.expansion, "out", name);

      f.value = out - target;
    }
  append_error_slope (f.formula, net->loss, name, out, target, FALSE);
  append_error_slope (f.substitution, net->loss, name, out, target, TRUE);
  f.description = g_strdup_printf (_("how much the error of %s changes with respect to its output"), name);
  return f;
}

/* ∂out_k/∂net_j of the softmax output layer: out_k(δ_kj − out_j). */
static BplFactor
factor_softmax (Builder *b, guint j, guint k)
{
  const BplNetwork *net = b->net;
  const char *name_j = net->neuron_names[j], *name_k = net->neuron_names[k];
  double out_j = b->forward->out[j], out_k = b->forward->out[k];
  BplFactor f = factor_new (BPL_FACTOR_SOFTMAX, (gint) k, -1);

  f.net_neuron = (gint) j;
  bpl_expr_derivative (f.symbol, "out", name_k, "net", name_j);
  f.expansion = bpl_expr_new ();
  bpl_expr_text (f.expansion, "∂(");
  bpl_expr_softmax (f.expansion, net, b->forward->net, k, FALSE);
  bpl_expr_text (f.expansion, ")/∂");
  bpl_expr_name (f.expansion, "net", name_j);
  for (int numbers = 0; numbers <= 1; numbers++)
    {
      BplExpr *e = numbers ? f.substitution : f.formula;
      if (j == k)
        {
          operand (e, numbers, "out", name_k, out_k);
          bpl_expr_text (e, "(1 − ");
          operand (e, numbers, "out", name_k, out_k);
          bpl_expr_text (e, ")");
        }
      else
        {
          bpl_expr_text (e, "−");
          operand (e, numbers, "out", name_k, out_k);
          bpl_expr_text (e, "·");
          operand (e, numbers, "out", name_j, out_j);
        }
    }
  f.value = bpl_softmax_slope (out_k, out_j, j == k);
  if (j == k)
    f.description = g_strdup_printf (_("how much the output of %s changes with respect to its own total net "
                                       "input: softmax gives ∂out_k/∂net_j = out_k(δ_kj − out_j), with δ_kj = 1 "
                                       "when k = j"), name_k);
  else
    f.description = g_strdup_printf (_("how much the output of %s changes with respect to the total net input "
                                       "of %s: softmax couples the outputs, ∂out_k/∂net_j = out_k(δ_kj − out_j) "
                                       "with δ_kj = 0 when k ≠ j, so a larger net_%s takes share from out_%s"),
                                     name_k, name_j, name_j, name_k);
  return f;
}

static void
factor_clear (BplFactor *f)
{
  g_clear_pointer (&f->symbol, bpl_expr_free);
  g_clear_pointer (&f->expansion, bpl_expr_free);
  g_clear_pointer (&f->formula, bpl_expr_free);
  g_clear_pointer (&f->substitution, bpl_expr_free);
  g_clear_pointer (&f->description, g_free);
}

/* One path: chain[0] is the neuron the parameter feeds, chain[len − 1] an
 * output. With softmax outputs, chain[len − 2] may be an output too: the
 * path goes from its net to the last output's out. */
static void
add_path (Builder *b, guint len)
{
  const BplNetwork *net = b->net;
  guint first_out = net->layer_start[net->n_layers - 1];
  BplPath path = { 0 };
  GArray *factors = g_array_new (FALSE, FALSE, sizeof (BplFactor));
  BplFactor f;
  char base[8];
  const char *sub;
  /* The neurons whose net is on the chain: all, or all but the last
   * when a softmax takes the chain from one output to another. */
  guint n_net = b->softmax && len >= 2 && b->chain[len - 2] >= first_out ? len - 1 : len;

  path.output = b->chain[len - 1];
  path.neurons = g_memdup2 (b->chain, sizeof (guint) * len);
  path.n_neurons = len;

  f = factor_net_wrt_param (b, b->chain[0]);
  g_array_append_val (factors, f);
  for (guint i = 0; i < n_net; i++)
    {
      if (i > 0)
        {
          f = factor_net_wrt_out (b, b->chain[i - 1], b->chain[i]);
          g_array_append_val (factors, f);
        }
      if (b->softmax && i == n_net - 1)
        f = factor_softmax (b, b->chain[i], path.output);
      else
        f = factor_out_wrt_net (b, b->chain[i]);
      g_array_append_val (factors, f);
    }
  f = factor_error_wrt_out (b, path.output);
  g_array_append_val (factors, f);

  path.product = 1.0;
  if (bpl_output_collapses (net))
    {
      /* ∂out/∂net · ∂E_o/∂out_o is exact in closed form; multiplied as two
       * factors it is 0·∞ once the output saturates. Sigmoid: out_o −
       * target_o. Softmax: −target_k·(δ_kj − out_j). */
      guint o = path.output - first_out;
      double target = bpl_network_get_target (net, b->sample)[o];
      for (guint i = 0; i + 2 < factors->len; i++)
        path.product *= g_array_index (factors, BplFactor, i).value;
      if (b->softmax)
        {
          guint j = b->chain[n_net - 1];
          path.product *= -target * ((j == path.output ? 1.0 : 0.0) - b->forward->out[j]);
        }
      else
        path.product *= b->forward->out[path.output] - target;
      /* −0 reads oddly in a sum of products. */
      path.product += 0.0;
    }
  else
    for (guint i = 0; i < factors->len; i++)
      path.product *= g_array_index (factors, BplFactor, i).value;
  path.n_factors = factors->len;
  path.factors = (BplFactor *) (void *) g_array_free (factors, FALSE);

  bpl_split_name (bpl_network_get_param_name (net, b->param), base, sizeof base, &sub);
  path.symbol = bpl_expr_derivative (bpl_expr_new (), "E", net->neuron_names[path.output], base, sub);
  g_array_append_val (b->paths, path);
}

/* Depth-first over the layers above chain[depth − 1], up to the cap. */
static void
enumerate_paths (Builder *b, guint depth)
{
  const BplNetwork *net = b->net;
  guint l = bpl_network_get_neuron_layer (net, b->chain[depth - 1]);

  if (l == net->n_layers - 1)
    {
      /* A softmax output's net reaches every output: itself directly,
       * each other one through one more hop. */
      if (!b->softmax)
        add_path (b, depth);
      else
        for (guint k = net->layer_start[l]; k < net->n_neurons && b->paths->len < BPL_DERIVATION_MAX_PATHS; k++)
          {
            if (k == b->chain[depth - 1])
              add_path (b, depth);
            else
              {
                b->chain[depth] = k;
                add_path (b, depth + 1);
              }
          }
      return;
    }
  for (guint j = 0; j < net->layer_size[l + 1] && b->paths->len < b->max_paths; j++)
    {
      b->chain[depth] = net->layer_start[l + 1] + j;
      enumerate_paths (b, depth + 1);
    }
}

/* Where several paths reach the same output, "∂E_o1/∂b1" alone would name
 * each of them; such a path's symbol says which neurons it goes through. */
static void
name_shared_paths (BplDerivation *self, const BplNetwork *net)
{
  for (guint p = 0; p < self->n_paths; p++)
    {
      BplPath *path = &self->paths[p];
      gboolean shared = FALSE;
      for (guint q = 0; q < self->n_paths && !shared; q++)
        shared = q != p && self->paths[q].output == path->output;
      if (!shared)
        continue;
      bpl_expr_text (path->symbol, " through ");
      /* A path of one neuron (a bias straight into a softmax output)
       * goes through that output's net. */
      if (path->n_neurons == 1)
        bpl_expr_text (path->symbol, net->neuron_names[path->neurons[0]]);
      for (guint i = 0; i + 1 < path->n_neurons; i++)
        {
          if (i > 0)
            bpl_expr_text (path->symbol, ", ");
          bpl_expr_text (path->symbol, net->neuron_names[path->neurons[i]]);
        }
    }
}

/* Saturating, so absurdly deep networks report G_MAXUINT64 paths. */
static guint64
count_paths_from_layer (const BplNetwork *net, guint layer)
{
  guint64 count = 1;
  for (guint l = layer + 1; l < net->n_layers; l++)
    count = count > G_MAXUINT64 / net->layer_size[l] ? G_MAXUINT64 : count * net->layer_size[l];
  /* Softmax: from each output's net on to every output. */
  if (net->activation[net->n_layers - 1] == BPL_ACTIVATION_SOFTMAX)
    {
      guint n_out = net->layer_size[net->n_layers - 1];
      count = count > G_MAXUINT64 / n_out ? G_MAXUINT64 : count * n_out;
    }
  return count;
}

/* TRUE when the parameter feeds @neuron directly. */
static gboolean
feeds (const Builder *b, guint neuron)
{
  if (b->param.kind == BPL_PARAM_WEIGHT)
    return bpl_network_get_weight_target (b->net, b->param.index) == neuron;
  return b->net->neuron_bias[neuron] == (gint) b->param.index;
}

void
bpl_derivation_step_add (GArray *steps, BplStepKind kind, gint neuron, char *title, char *description,
                         double value, ...)
{
  BplDerivationStep step = { .kind = kind, .title = title, .description = description, .value = value,
                             .neuron = neuron };
  GPtrArray *chain = g_ptr_array_new ();
  va_list args;

  va_start (args, value);
  for (BplExpr *e = va_arg (args, BplExpr *); e != NULL; e = va_arg (args, BplExpr *))
    g_ptr_array_add (chain, e);
  va_end (args);
  step.n_chain = chain->len;
  step.chain = (BplExpr **) g_ptr_array_free (chain, FALSE);
  g_array_append_val (steps, step);
}

/* Up to this many outputs a softmax sum is written term by term. */
#define MAX_WRITTEN_SOFTMAX_TERMS 4

/* Why δ_oj of softmax with cross-entropy is out_oj − target_oj: the sum
 * over every output's chain, the cancellation, the targets' sum of 1. */
static void
add_collapse_step (Builder *b, guint j)
{
  const BplNetwork *net = b->net;
  guint first = net->layer_start[net->n_layers - 1], n_out = net->layer_size[net->n_layers - 1];
  const char *nj = net->neuron_names[j];
  double out_j = b->forward->out[j];
  double target_j = bpl_network_get_target (net, b->sample)[j - first];
  BplExpr *symbol = bpl_expr_derivative (bpl_expr_new (), "E", "total", "net", nj);
  BplExpr *chain_rule = bpl_expr_new ();
  BplExpr *cancelled = bpl_expr_new ();
  BplExpr *gathered = bpl_expr_new ();
  BplExpr *collapsed = bpl_expr_new ();
  BplExpr *numbers = bpl_expr_new ();

  if (n_out <= MAX_WRITTEN_SOFTMAX_TERMS)
    for (guint k = first; k < net->n_neurons; k++)
      {
        const char *nk = net->neuron_names[k];
        if (k > first)
          {
            bpl_expr_text (chain_rule, " + ");
            bpl_expr_text (cancelled, k == j ? " − " : " + ");
            bpl_expr_text (gathered, " + ");
          }
        /* (−target_ok/out_ok)·∂out_ok/∂net_oj */
        bpl_expr_text (chain_rule, "(−");
        bpl_expr_name (chain_rule, "target", nk);
        bpl_expr_text (chain_rule, "/");
        bpl_expr_name (chain_rule, "out", nk);
        bpl_expr_text (chain_rule, ")·");
        if (k == j)
          {
            bpl_expr_name (chain_rule, "out", nk);
            bpl_expr_text (chain_rule, "(1 − ");
            bpl_expr_name (chain_rule, "out", nk);
            bpl_expr_text (chain_rule, ")");
            if (k == first)
              bpl_expr_text (cancelled, "−");
            bpl_expr_name (cancelled, "target", nk);
            bpl_expr_text (cancelled, "(1 − ");
            bpl_expr_name (cancelled, "out", nj);
            bpl_expr_text (cancelled, ")");
          }
        else
          {
            bpl_expr_text (chain_rule, "(−");
            bpl_expr_name (chain_rule, "out", nk);
            bpl_expr_text (chain_rule, "·");
            bpl_expr_name (chain_rule, "out", nj);
            bpl_expr_text (chain_rule, ")");
            bpl_expr_name (cancelled, "target", nk);
            bpl_expr_text (cancelled, "·");
            bpl_expr_name (cancelled, "out", nj);
          }
        bpl_expr_name (gathered, "target", nk);
      }
  else
    {
      bpl_expr_text (chain_rule, "Σₖ (−");
      bpl_expr_name (chain_rule, "target", "ok");
      bpl_expr_text (chain_rule, "/");
      bpl_expr_name (chain_rule, "out", "ok");
      bpl_expr_text (chain_rule, ")·∂");
      bpl_expr_name (chain_rule, "out", "ok");
      bpl_expr_text (chain_rule, "/∂");
      bpl_expr_name (chain_rule, "net", nj);
      bpl_expr_text (cancelled, "−");
      bpl_expr_name (cancelled, "target", nj);
      bpl_expr_text (cancelled, "(1 − ");
      bpl_expr_name (cancelled, "out", nj);
      bpl_expr_text (cancelled, ") + Σₖ ≠ ");
      bpl_expr_text (cancelled, nj);
      bpl_expr_text (cancelled, " ");
      bpl_expr_name (cancelled, "target", "ok");
      bpl_expr_text (cancelled, "·");
      bpl_expr_name (cancelled, "out", nj);
      bpl_expr_text (gathered, "Σₖ ");
      bpl_expr_name (gathered, "target", "ok");
    }
  /* out_oj·(Σ target) − target_oj */
  {
    g_autoptr (BplExpr) sum = gathered;
    gathered = bpl_expr_new ();
    bpl_expr_name (gathered, "out", nj);
    bpl_expr_text (gathered, "·(");
    bpl_expr_append (gathered, sum);
    bpl_expr_text (gathered, ") − ");
    bpl_expr_name (gathered, "target", nj);
  }
  bpl_expr_name (collapsed, "out", nj);
  bpl_expr_text (collapsed, " − ");
  bpl_expr_name (collapsed, "target", nj);
  bpl_expr_number (numbers, out_j);
  bpl_expr_text (numbers, " − ");
  bpl_expr_number (numbers, target_j);

  bpl_derivation_step_add (b->steps, BPL_STEP_SOFTMAX_COLLAPSE, (gint) j,
            g_strdup_printf (_("Softmax with cross-entropy: ∂E_total/∂net_%s collapses to out_%s − target_%s"),
                             nj, nj, nj),
            g_strdup_printf (_("net_%s reaches every output through the softmax, so the chain rule adds "
                               "∂E_ok/∂out_ok·∂out_ok/∂net_%s over all outputs k. Each ∂E_ok/∂out_ok = "
                               "−target_ok/out_ok cancels the out_ok of the softmax factor; what is left adds "
                               "up to out_%s times the sum of the targets, minus target_%s, and the targets "
                               "sum to 1"),
                             nj, nj, nj, nj),
            b->delta[j], symbol, chain_rule, cancelled, gathered, collapsed, numbers, NULL);
}

/* δ of an output: the loss's ∂E/∂out times the activation's slope, out −
 * target where that collapses, and for softmax with squared error the sum
 * over every output the net reaches. */
static void
output_delta_exprs (Builder *b, guint n, BplDelta *d)
{
  const BplNetwork *net = b->net;
  const char *name = net->neuron_names[n];
  guint first = net->layer_start[net->n_layers - 1], n_out = net->layer_size[net->n_layers - 1];
  const double *target = bpl_network_get_target (net, b->sample);
  double out = b->forward->out[n];

  if (bpl_output_collapses (net))
    {
      /* ∂E/∂out · ∂out/∂net simplifies for sigmoid or softmax with cross-entropy. */
      bpl_expr_name (d->formula, "out", name);
      bpl_expr_text (d->formula, " − ");
      bpl_expr_name (d->formula, "target", name);
      bpl_expr_number (d->substitution, out);
      bpl_expr_text (d->substitution, " − ");
      bpl_expr_number (d->substitution, target[n - first]);
      return;
    }
  if (b->softmax)
    {
      for (int numbers = 0; numbers <= 1; numbers++)
        {
          BplExpr *e = numbers ? d->substitution : d->formula;
          if (n_out <= MAX_WRITTEN_SOFTMAX_TERMS)
            /* Σ_k (out_ok − target_ok)·∂out_ok/∂net_oj */
            for (guint k = first; k < net->n_neurons; k++)
              {
                const char *nk = net->neuron_names[k];
                if (k > first)
                  bpl_expr_text (e, " + ");
                bpl_expr_text (e, "(");
                operand (e, numbers, "out", nk, b->forward->out[k]);
                bpl_expr_text (e, " − ");
                operand (e, numbers, "target", nk, target[k - first]);
                bpl_expr_text (e, ")·");
                if (k == n)
                  {
                    operand (e, numbers, "out", nk, b->forward->out[k]);
                    bpl_expr_text (e, "(1 − ");
                    operand (e, numbers, "out", nk, b->forward->out[k]);
                    bpl_expr_text (e, ")");
                  }
                else
                  {
                    bpl_expr_text (e, "(−");
                    operand (e, numbers, "out", nk, b->forward->out[k]);
                    bpl_expr_text (e, "·");
                    operand (e, numbers, "out", name, out);
                    bpl_expr_text (e, ")");
                  }
              }
          else
            {
              /* The same sum gathered: out_j·((out_j − t_j) − Σ_k (out_k − t_k)·out_k). */
              double s = 0.0;
              for (guint k = first; k < net->n_neurons; k++)
                s += (b->forward->out[k] - target[k - first]) * b->forward->out[k];
              operand (e, numbers, "out", name, out);
              bpl_expr_text (e, "·((");
              operand (e, numbers, "out", name, out);
              bpl_expr_text (e, " − ");
              operand (e, numbers, "target", name, target[n - first]);
              bpl_expr_text (e, ") − ");
              if (numbers)
                bpl_expr_number (e, s);
              else
                {
                  bpl_expr_text (e, "Σₖ (");
                  bpl_expr_name (e, "out", "ok");
                  bpl_expr_text (e, " − ");
                  bpl_expr_name (e, "target", "ok");
                  bpl_expr_text (e, ")·");
                  bpl_expr_name (e, "out", "ok");
                }
              bpl_expr_text (e, ")");
            }
        }
      return;
    }
  {
    g_autoptr (BplExpr) sf = bpl_expr_new ();
    g_autoptr (BplExpr) ss = bpl_expr_new ();
    bpl_expr_text (d->formula, "(");
    bpl_expr_name (d->formula, "out", name);
    bpl_expr_text (d->formula, " − ");
    bpl_expr_name (d->formula, "target", name);
    bpl_expr_text (d->formula, ")·");
    bpl_expr_text (d->substitution, "(");
    bpl_expr_number (d->substitution, out);
    bpl_expr_text (d->substitution, " − ");
    bpl_expr_number (d->substitution, target[n - first]);
    bpl_expr_text (d->substitution, ")·");
    if (net->loss == BPL_LOSS_CROSS_ENTROPY)
      {
        bpl_expr_text (d->formula, "1/(");
        bpl_expr_name (d->formula, "out", name);
        bpl_expr_text (d->formula, "(1 − ");
        bpl_expr_name (d->formula, "out", name);
        bpl_expr_text (d->formula, "))·");
        bpl_expr_text (d->substitution, "1/(");
        bpl_expr_number (d->substitution, out);
        bpl_expr_text (d->substitution, "(1 − ");
        bpl_expr_number (d->substitution, out);
        bpl_expr_text (d->substitution, "))·");
      }
    bpl_expr_slope (sf, ss, net, n, b->forward->net[n], out);
    append_slope_factor (d->formula, d->substitution, sf, ss, net, n);
  }
}

static void
build_deltas (Builder *b, BplDerivation *self)
{
  const BplNetwork *net = b->net;
  GArray *deltas = g_array_new (FALSE, FALSE, sizeof (BplDelta));
  guint L = net->n_layers;
  gboolean feeds_outputs = FALSE;

  for (guint n = net->layer_start[L - 1]; n < net->n_neurons; n++)
    feeds_outputs = feeds_outputs || feeds (b, n);

  for (guint l = L - 1; l >= 1; l--)
    for (guint j = 0; j < net->layer_size[l]; j++)
      {
        guint n = net->layer_start[l] + j;
        const char *name = net->neuron_names[n];
        BplDelta d = { .neuron = n, .value = b->delta[n] };

        if (!self->neuron_on_path[n] || (self->source >= 0 && n == (guint) self->source))
          continue;
        /* Only neurons at or above the parameter's layer carry a δ that matters. */
        if (b->param.kind == BPL_PARAM_WEIGHT &&
            l < bpl_network_get_neuron_layer (net, bpl_network_get_weight_target (net, b->param.index)))
          continue;
        /* A softmax puts every output on the path, but only the nets the
         * parameter reaches carry a δ it uses. */
        if (l == L - 1 && feeds_outputs && !feeds (b, n))
          continue;

        d.symbol = bpl_expr_name (bpl_expr_new (), "δ", name);
        d.formula = bpl_expr_new ();
        d.substitution = bpl_expr_new ();
        if (l == L - 1)
          {
            output_delta_exprs (b, n, &d);
            if (b->softmax && bpl_output_collapses (net))
              add_collapse_step (b, n);
          }
        else
          {
            g_autoptr (BplExpr) sf = bpl_expr_new ();
            g_autoptr (BplExpr) ss = bpl_expr_new ();
            bpl_expr_text (d.formula, "(");
            bpl_expr_text (d.substitution, "(");
            for (guint k = 0; k < net->layer_size[l + 1]; k++)
              {
                guint up = net->layer_start[l + 1] + k;
                gint w = bpl_network_find_weight (net, n, up);
                if (k > 0)
                  {
                    bpl_expr_text (d.formula, " + ");
                    bpl_expr_text (d.substitution, " + ");
                  }
                bpl_expr_param_name (d.formula, net->weight_names[w]);
                bpl_expr_text (d.formula, "·");
                bpl_expr_name (d.formula, "δ", net->neuron_names[up]);
                bpl_expr_number (d.substitution, net->weights[w]);
                bpl_expr_text (d.substitution, "·");
                bpl_expr_number (d.substitution, b->delta[up]);
              }
            bpl_expr_text (d.formula, ")·");
            bpl_expr_text (d.substitution, ")·");
            bpl_expr_slope (sf, ss, net, n, b->forward->net[n], b->forward->out[n]);
            append_slope_factor (d.formula, d.substitution, sf, ss, net, n);
          }
        g_array_append_val (deltas, d);
      }

  self->n_deltas = deltas->len;
  self->deltas = (BplDelta *) (void *) g_array_free (deltas, FALSE);
}

BplDerivation *
bpl_derivation_new (const BplNetwork *net, BplParam param, guint sample, GError **error)
{
  return bpl_derivation_new_full (net, param, sample, BPL_DERIVATION_MAX_PATHS, error);
}

BplDerivation *
bpl_derivation_new_full (const BplNetwork *net, BplParam param, guint sample, guint max_paths,
                         GError **error)
{
  g_autoptr (BplDerivation) self = NULL;
  g_autoptr (BplForward) forward = NULL;
  g_autofree double *weight_gradient = NULL;
  g_autofree double *bias_gradient = NULL;
  g_autofree double *delta = NULL;
  Builder b = { 0 };
  char base[8];
  const char *sub;
  const char *pname;

  g_return_val_if_fail (net != NULL, NULL);

  if ((param.kind == BPL_PARAM_WEIGHT && param.index >= net->n_weights) ||
      (param.kind == BPL_PARAM_BIAS && param.index >= net->n_biases))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID, _("no such parameter in this network"));
      return NULL;
    }
  if (sample >= net->n_samples)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "sample %u does not exist: the network has %u sample",
                                "sample %u does not exist: the network has %u samples", net->n_samples),
                   sample + 1, net->n_samples);
      return NULL;
    }

  forward = bpl_forward_new (net);
  weight_gradient = g_new0 (double, MAX (net->n_weights, 1));
  bias_gradient = g_new0 (double, MAX (net->n_biases, 1));
  bpl_network_gradient (net, sample, forward, weight_gradient, bias_gradient);

  /* δ of every neuron, from the gradient pass's own loops. */
  delta = bpl_network_deltas (net, forward, sample);

  self = g_new0 (BplDerivation, 1);
  pname = bpl_network_get_param_name (net, param);
  self->param = param;
  self->name = g_strdup (pname);
  self->sample = sample;
  self->value = bpl_network_get_param (net, param);
  self->learning_rate = net->learning_rate;
  self->gradient = param.kind == BPL_PARAM_WEIGHT ? weight_gradient[param.index] : bias_gradient[param.index];
  self->numerical_gradient = bpl_network_numerical_gradient (net, param, sample);

  self->n_neurons = net->n_neurons;
  self->n_weights = net->n_weights;
  self->n_biases = net->n_biases;
  self->neuron_on_path = g_new0 (gboolean, MAX (net->n_neurons, 1));
  self->weight_on_path = g_new0 (gboolean, MAX (net->n_weights, 1));
  self->bias_on_path = g_new0 (gboolean, MAX (net->n_biases, 1));
  bpl_network_get_path_set (net, param, self->neuron_on_path, self->weight_on_path, self->bias_on_path);

  if (param.kind == BPL_PARAM_WEIGHT)
    {
      self->source = (gint) bpl_network_get_weight_source (net, param.index);
      self->target = (gint) bpl_network_get_weight_target (net, param.index);
    }
  else
    {
      self->source = -1;
      self->target = -1;
      if (net->bias_mode == BPL_BIAS_PER_NEURON)
        self->target = (gint) (param.index + net->layer_size[0]);
    }

  /* Paths: from each neuron the parameter feeds, to every output. */
  b.net = net;
  b.param = param;
  b.sample = sample;
  b.forward = forward;
  b.delta = delta;
  b.paths = g_array_new (FALSE, FALSE, sizeof (BplPath));
  b.max_paths = MIN (max_paths, BPL_DERIVATION_MAX_PATHS);
  b.steps = g_array_new (FALSE, FALSE, sizeof (BplDerivationStep));
  b.softmax = net->activation[net->n_layers - 1] == BPL_ACTIVATION_SOFTMAX;
  self->n_paths_total = 0;
  for (guint n = 0; n < net->n_neurons; n++)
    {
      gboolean fed = param.kind == BPL_PARAM_WEIGHT ? (gint) n == self->target
                                                    : net->neuron_bias[n] == (gint) param.index;
      if (!fed)
        continue;
      {
        guint64 count = count_paths_from_layer (net, bpl_network_get_neuron_layer (net, n));
        self->n_paths_total = self->n_paths_total > G_MAXUINT64 - count ? G_MAXUINT64
                                                                        : self->n_paths_total + count;
      }
      if (b.paths->len < b.max_paths)
        {
          b.chain[0] = n;
          enumerate_paths (&b, 1);
        }
    }
  self->n_paths = b.paths->len;
  self->paths = (BplPath *) (void *) g_array_free (b.paths, FALSE);
  name_shared_paths (self, net);
  self->paths_truncated = self->n_paths_total > self->n_paths;

  /* ∂E_total/∂p = ∂E_o1/∂p + ∂E_o2/∂p + … over the outputs on the path set. */
  bpl_split_name (pname, base, sizeof base, &sub);
  self->gradient_symbol = bpl_expr_derivative (bpl_expr_new (), "E", "total", base, sub);
  self->sum = bpl_expr_new ();
  {
    guint first_out = net->layer_start[net->n_layers - 1];
    gboolean any = FALSE;
    for (guint o = first_out; o < net->n_neurons; o++)
      if (self->neuron_on_path[o])
        {
          if (any)
            bpl_expr_text (self->sum, " + ");
          bpl_expr_derivative (self->sum, "E", net->neuron_names[o], base, sub);
          any = TRUE;
        }
  }

  build_deltas (&b, self);
  bpl_derivation_add_update (self, net, b.steps);
  self->n_steps = b.steps->len;
  self->steps = (BplDerivationStep *) (void *) g_array_free (b.steps, FALSE);

  /* Factored form: ∂E_total/∂w = δ_target·in, or Σ δ·1 over what a bias feeds. */
  self->factored = bpl_expr_new ();
  self->factored_substitution = bpl_expr_new ();
  if (param.kind == BPL_PARAM_WEIGHT)
    {
      bpl_expr_name (self->factored, "δ", net->neuron_names[self->target]);
      bpl_expr_text (self->factored, "·");
      bpl_expr_out (self->factored, net, (guint) self->source);
      bpl_expr_number (self->factored_substitution, delta[self->target]);
      bpl_expr_text (self->factored_substitution, "·");
      bpl_expr_number (self->factored_substitution, forward->out[self->source]);
    }
  else
    {
      gboolean any = FALSE;
      for (guint n = 0; n < net->n_neurons; n++)
        if (net->neuron_bias[n] == (gint) param.index)
          {
            if (any)
              {
                bpl_expr_text (self->factored, " + ");
                bpl_expr_text (self->factored_substitution, " + ");
              }
            bpl_expr_name (self->factored, "δ", net->neuron_names[n]);
            bpl_expr_text (self->factored, "·1");
            bpl_expr_number (self->factored_substitution, delta[n]);
            bpl_expr_text (self->factored_substitution, "·1");
            any = TRUE;
          }
    }

  return g_steal_pointer (&self);
}

static void
path_clear (BplPath *path)
{
  for (guint i = 0; i < path->n_factors; i++)
    factor_clear (&path->factors[i]);
  g_free (path->factors);
  g_free (path->neurons);
  g_clear_pointer (&path->symbol, bpl_expr_free);
}

void
bpl_derivation_free (BplDerivation *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_paths; i++)
    path_clear (&self->paths[i]);
  g_free (self->paths);
  for (guint i = 0; i < self->n_deltas; i++)
    {
      g_clear_pointer (&self->deltas[i].symbol, bpl_expr_free);
      g_clear_pointer (&self->deltas[i].formula, bpl_expr_free);
      g_clear_pointer (&self->deltas[i].substitution, bpl_expr_free);
    }
  g_free (self->deltas);
  for (guint i = 0; i < self->n_steps; i++)
    {
      BplDerivationStep *step = &self->steps[i];
      for (guint k = 0; k < step->n_chain; k++)
        bpl_expr_free (step->chain[k]);
      g_free (step->chain);
      g_free (step->title);
      g_free (step->description);
    }
  g_free (self->steps);
  g_free (self->batch_samples);
  g_free (self->batch_gradients);
  g_free (self->name);
  g_clear_pointer (&self->gradient_symbol, bpl_expr_free);
  g_clear_pointer (&self->sum, bpl_expr_free);
  g_clear_pointer (&self->update, bpl_expr_free);
  g_clear_pointer (&self->update_substitution, bpl_expr_free);
  g_clear_pointer (&self->factored, bpl_expr_free);
  g_clear_pointer (&self->factored_substitution, bpl_expr_free);
  g_free (self->neuron_on_path);
  g_free (self->weight_on_path);
  g_free (self->bias_on_path);
  g_free (self);
}

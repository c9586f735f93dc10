/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-practice.h"

#include <glib/gi18n.h>
#include <string.h>

struct _BplPracticeExercise
{
  BplCheck *check;
  GHashTable *entries;  /* quantity name → BplPracticeEntry */
};

struct _BplPractice
{
  GObject parent_instance;

  gboolean active;
  guint blanks;
  GHashTable *exercises;  /* key → BplPracticeExercise */
};

G_DEFINE_FINAL_TYPE (BplPractice, bpl_practice, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ACTIVE,
  PROP_BLANKS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Entries */

static void
entry_free (BplPracticeEntry *entry)
{
  g_free (entry->text);
  g_free (entry->judged);
  g_free (entry->feedback);
  g_free (entry->feedback_text);
  g_free (entry->hint);
  g_free (entry);
}

static void
exercise_free (BplPracticeExercise *self)
{
  bpl_check_free (self->check);
  g_hash_table_unref (self->entries);
  g_free (self);
}

const BplCheck *
bpl_practice_exercise_get_check (BplPracticeExercise *self)
{
  return self->check;
}

GPtrArray *
bpl_practice_exercise_dup_order (BplPracticeExercise *self)
{
  GPtrArray *order = g_ptr_array_new ();
  const BplDerivation *d = bpl_check_get_derivation (self->check);
  guint n = bpl_check_get_n_quantities (self->check);
  static const BplCheckKind after_paths[] = {
    BPL_CHECK_OUTPUT_SUM, BPL_CHECK_GRADIENT, BPL_CHECK_DELTA, BPL_CHECK_NEW_VALUE,
  };

  /* Along each path, its factors then its product, as the worked example
   * does; a factor shared by several paths comes with the first. */
  for (guint p = 0; p < d->n_paths; p++)
    {
      for (guint i = 0; i < n; i++)
        {
          const BplCheckQuantity *q = bpl_check_get_quantity (self->check, i);
          if (q->kind == BPL_CHECK_FACTOR && q->path == (gint) p)
            g_ptr_array_add (order, (gpointer) q);
        }
      for (guint i = 0; i < n; i++)
        {
          const BplCheckQuantity *q = bpl_check_get_quantity (self->check, i);
          if (q->kind == BPL_CHECK_PATH && q->path == (gint) p)
            g_ptr_array_add (order, (gpointer) q);
        }
    }
  for (guint k = 0; k < G_N_ELEMENTS (after_paths); k++)
    for (guint i = 0; i < n; i++)
      {
        const BplCheckQuantity *q = bpl_check_get_quantity (self->check, i);
        if (q->kind == after_paths[k])
          g_ptr_array_add (order, (gpointer) q);
      }
  return order;
}

BplPracticeEntry *
bpl_practice_exercise_get_entry (BplPracticeExercise    *self,
                                 const BplCheckQuantity *quantity)
{
  BplPracticeEntry *entry = g_hash_table_lookup (self->entries, quantity->name);

  if (entry == NULL)
    {
      entry = g_new0 (BplPracticeEntry, 1);
      entry->first = -1;
      g_hash_table_insert (self->entries, g_strdup (quantity->name), entry);
    }
  return entry;
}

gboolean
bpl_practice_exercise_submit (BplPracticeExercise    *self,
                              const BplCheckQuantity *quantity,
                              const char             *text)
{
  BplPracticeEntry *entry = bpl_practice_exercise_get_entry (self, quantity);
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_auto (BplAnswerValue) answer = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (BplVerdict) verdict = NULL;
  g_autoptr (BplVerdict) plain = NULL;

  g_free (entry->text);
  entry->text = g_strdup (text != NULL ? text : "");
  if (g_strcmp0 (stripped, entry->judged) == 0)
    return FALSE;
  g_free (entry->judged);
  entry->judged = g_strdup (stripped);
  g_clear_pointer (&entry->feedback, g_free);
  g_clear_pointer (&entry->feedback_text, g_free);
  entry->correct = FALSE;
  entry->mistake = BPL_MISTAKE_NONE;

  if (*stripped == '\0')
    return TRUE;
  if (!bpl_answer_value_parse (&answer, stripped, &error))
    {
      /* Not a number: said so, and not counted as an attempt. */
      entry->feedback_text = g_strdup (error->message);
      entry->feedback = g_markup_escape_text (error->message, -1);
      return TRUE;
    }

  verdict = bpl_check_judge (self->check, quantity, &answer, BPL_EXPR_MARKUP);
  entry->correct = verdict->correct;
  entry->mistake = verdict->mistake;
  if (entry->first < 0)
    entry->first = verdict->correct ? 1 : 0;
  if (!verdict->correct)
    {
      plain = bpl_check_judge (self->check, quantity, &answer, BPL_EXPR_TEXT);
      entry->feedback = g_strdup (verdict->diagnosis);
      entry->feedback_text = g_strdup (plain->diagnosis);
    }
  return TRUE;
}

gboolean
bpl_practice_exercise_hint (BplPracticeExercise    *self,
                            const BplCheckQuantity *quantity,
                            int                     digits)
{
  BplPracticeEntry *entry = bpl_practice_exercise_get_entry (self, quantity);

  if (entry->hints >= bpl_check_get_n_hints (self->check, quantity))
    return FALSE;
  g_free (entry->hint);
  entry->hint = bpl_check_dup_hint (self->check, quantity, entry->hints, BPL_EXPR_MARKUP, digits);
  entry->hints++;
  return TRUE;
}

gboolean
bpl_practice_blank_kind (guint        blanks,
                         BplCheckKind kind)
{
  switch (kind)
    {
    case BPL_CHECK_FACTOR:
      return (blanks & BPL_PRACTICE_BLANK_FACTORS) != 0;
    case BPL_CHECK_PATH:
      return (blanks & BPL_PRACTICE_BLANK_PATHS) != 0;
    case BPL_CHECK_OUTPUT_SUM:
    case BPL_CHECK_GRADIENT:
      return (blanks & BPL_PRACTICE_BLANK_SUMS) != 0;
    case BPL_CHECK_DELTA:
      return (blanks & BPL_PRACTICE_BLANK_DELTAS) != 0;
    case BPL_CHECK_NEW_VALUE:
      return (blanks & BPL_PRACTICE_BLANK_NEW_VALUE) != 0;
    default:
      return FALSE;
    }
}

void
bpl_practice_exercise_score (BplPracticeExercise *self,
                             guint                blanks,
                             guint               *n_blanks,
                             guint               *n_correct,
                             guint               *n_first,
                             guint               *n_hints)
{
  guint total = 0, correct = 0, first = 0, hints = 0;

  for (guint i = 0; i < bpl_check_get_n_quantities (self->check); i++)
    {
      const BplCheckQuantity *q = bpl_check_get_quantity (self->check, i);
      BplPracticeEntry *entry = g_hash_table_lookup (self->entries, q->name);

      if (!bpl_practice_blank_kind (blanks, q->kind))
        continue;
      total++;
      if (entry == NULL)
        continue;
      correct += entry->correct;
      first += entry->first == 1;
      hints += entry->hints;
    }
  if (n_blanks != NULL)
    *n_blanks = total;
  if (n_correct != NULL)
    *n_correct = correct;
  if (n_first != NULL)
    *n_first = first;
  if (n_hints != NULL)
    *n_hints = hints;
}

char *
bpl_practice_format_score (guint n_blanks,
                           guint n_first,
                           guint n_hints)
{
  g_autofree char *right = NULL;
  g_autofree char *hints = NULL;

  /* Translators: "7 of 9 right first time" */
  right = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u right first time", "%u of %u right first time",
                                        n_blanks), n_first, n_blanks);
  hints = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hint", "%u hints", n_hints), n_hints);
  /* Translators: "7 of 9 right first time, 2 hints" */
  return g_strdup_printf (_("%s, %s"), right, hints);
}

/* The practice */

BplPractice *
bpl_practice_new (void)
{
  return g_object_new (BPL_TYPE_PRACTICE, NULL);
}

gboolean
bpl_practice_get_active (BplPractice *self)
{
  g_return_val_if_fail (BPL_IS_PRACTICE (self), FALSE);
  return self->active;
}

void
bpl_practice_set_active (BplPractice *self,
                         gboolean     active)
{
  g_return_if_fail (BPL_IS_PRACTICE (self));

  active = !!active;
  if (self->active == active)
    return;
  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

guint
bpl_practice_get_blanks (BplPractice *self)
{
  g_return_val_if_fail (BPL_IS_PRACTICE (self), 0);
  return self->blanks;
}

void
bpl_practice_set_blanks (BplPractice *self,
                         guint        blanks)
{
  g_return_if_fail (BPL_IS_PRACTICE (self));

  blanks &= BPL_PRACTICE_BLANK_ALL;
  if (self->blanks == blanks)
    return;
  self->blanks = blanks;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLANKS]);
}

static void
checksum_doubles (GChecksum *sum, const double *values, gsize n)
{
  if (n > 0)
    g_checksum_update (sum, (const guchar *) values, n * sizeof (double));
}

/* An exercise is one parameter on one sample of one set of values: after
 * an edit or a step the numbers differ, and so do the answers. */
static char *
exercise_key (const BplNetwork *network, BplParam param, guint sample)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint n_layers = bpl_network_get_n_layers (network);
  guint n_in = bpl_network_get_n_inputs (network), n_out = bpl_network_get_n_outputs (network);
  guint64 steps = bpl_network_get_steps (network);
  double eta = bpl_network_get_learning_rate (network);

  for (guint l = 0; l < n_layers; l++)
    {
      guint facts[2] = { bpl_network_get_layer_size (network, l),
                         l > 0 ? (guint) bpl_network_get_activation (network, l) : 0 };
      g_checksum_update (sum, (const guchar *) facts, sizeof facts);
    }
  {
    guint facts[3] = { bpl_network_get_loss (network), bpl_network_get_bias_mode (network),
                       bpl_network_get_training (network) };
    g_checksum_update (sum, (const guchar *) facts, sizeof facts);
  }
  g_checksum_update (sum, (const guchar *) &steps, sizeof steps);
  checksum_doubles (sum, &eta, 1);
  for (guint w = 0; w < bpl_network_get_n_weights (network); w++)
    {
      double v = bpl_network_get_param (network, (BplParam) { BPL_PARAM_WEIGHT, w });
      checksum_doubles (sum, &v, 1);
    }
  for (guint b = 0; b < bpl_network_get_n_biases (network); b++)
    {
      double v = bpl_network_get_param (network, (BplParam) { BPL_PARAM_BIAS, b });
      checksum_doubles (sum, &v, 1);
    }
  /* Every sample: a wrong-sample diagnosis depends on them all. */
  for (guint s = 0; s < bpl_network_get_n_samples (network); s++)
    {
      checksum_doubles (sum, bpl_network_get_input (network, s), n_in);
      checksum_doubles (sum, bpl_network_get_target (network, s), n_out);
    }
  return g_strdup_printf ("%s %u %s", bpl_network_get_param_name (network, param), sample,
                          g_checksum_get_string (sum));
}

static gboolean
exercise_untouched (gpointer key,
                    gpointer value,
                    gpointer user_data)
{
  GHashTableIter iter;
  gpointer entry_value;

  g_hash_table_iter_init (&iter, ((BplPracticeExercise *) value)->entries);
  while (g_hash_table_iter_next (&iter, NULL, &entry_value))
    {
      BplPracticeEntry *entry = entry_value;
      if ((entry->text != NULL && *entry->text != '\0') || entry->first >= 0 || entry->hints > 0)
        return FALSE;
    }
  return TRUE;
}

BplPracticeExercise *
bpl_practice_get_exercise (BplPractice      *self,
                           const BplNetwork *network,
                           BplParam          param,
                           guint             sample,
                           GError          **error)
{
  g_autofree char *key = NULL;
  BplPracticeExercise *exercise;
  BplCheck *check;

  g_return_val_if_fail (BPL_IS_PRACTICE (self), NULL);
  g_return_val_if_fail (network != NULL, NULL);

  key = exercise_key (network, param, sample);
  exercise = g_hash_table_lookup (self->exercises, key);
  if (exercise != NULL)
    return exercise;

  /* Play or a scrub makes an exercise a frame: only those with work in
   * them are kept. */
  g_hash_table_foreach_remove (self->exercises, exercise_untouched, NULL);
  check = bpl_check_new (network, param, sample, error);
  if (check == NULL)
    return NULL;
  exercise = g_new0 (BplPracticeExercise, 1);
  exercise->check = check;
  exercise->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) entry_free);
  g_hash_table_insert (self->exercises, g_steal_pointer (&key), exercise);
  return exercise;
}

/* An exercise only looked at is not part of the score. */
static gboolean
exercise_attempted (BplPracticeExercise *exercise)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, exercise->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      BplPracticeEntry *entry = value;
      if (entry->first >= 0 || entry->hints > 0)
        return TRUE;
    }
  return FALSE;
}

void
bpl_practice_score (BplPractice *self,
                    guint       *n_blanks,
                    guint       *n_first,
                    guint       *n_hints)
{
  GHashTableIter iter;
  gpointer value;
  guint total = 0, first = 0, hints = 0;

  g_return_if_fail (BPL_IS_PRACTICE (self));

  g_hash_table_iter_init (&iter, self->exercises);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      guint b, c, f, h;

      if (!exercise_attempted (value))
        continue;
      bpl_practice_exercise_score (value, self->blanks, &b, &c, &f, &h);
      total += b;
      first += f;
      hints += h;
    }
  *n_blanks = total;
  *n_first = first;
  *n_hints = hints;
}

static void
bpl_practice_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BplPractice *self = BPL_PRACTICE (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_BLANKS:
      g_value_set_uint (value, self->blanks);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bpl_practice_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  BplPractice *self = BPL_PRACTICE (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      bpl_practice_set_active (self, g_value_get_boolean (value));
      break;
    case PROP_BLANKS:
      bpl_practice_set_blanks (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bpl_practice_finalize (GObject *object)
{
  BplPractice *self = BPL_PRACTICE (object);

  g_hash_table_unref (self->exercises);
  G_OBJECT_CLASS (bpl_practice_parent_class)->finalize (object);
}

static void
bpl_practice_class_init (BplPracticeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bpl_practice_get_property;
  object_class->set_property = bpl_practice_set_property;
  object_class->finalize = bpl_practice_finalize;

  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BLANKS] =
    g_param_spec_uint ("blanks", NULL, NULL, 0, BPL_PRACTICE_BLANK_ALL, BPL_PRACTICE_BLANK_ALL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bpl_practice_init (BplPractice *self)
{
  self->blanks = BPL_PRACTICE_BLANK_ALL;
  self->exercises = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) exercise_free);
}

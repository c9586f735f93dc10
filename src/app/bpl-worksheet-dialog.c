/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-worksheet-dialog.c: Export Worksheet. The parameters are a grid of
 * check boxes built as they scroll into view, so a network of thousands of
 * weights costs no more than the worked example. A class set gives each
 * student a variant of the exercise, as `worksheet --students` does. The network, sample and
 * digits are taken when the dialog opens: the worksheet is of what the
 * teacher saw when asking for it. */
#include "config.h"

#include "bpl-worksheet-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "bpl-file-chooser.h"
#include "bpl-spin-button.h"

struct _BplWorksheetDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle *window_title;
  GtkGridView *params_view;
  GtkLabel *count_label;
  AdwComboRow *blanks_row;
  AdwComboRow *key_row;
  AdwComboRow *paper_row;
  AdwExpanderRow *class_row;
  AdwActionRow *students_row;
  GtkSpinButton *students_spin;
  GtkTextView *names_view;
  GtkSpinButton *seed_spin;
  GtkSpinButton *decimals_spin;
  GtkSwitch *networks_switch;
  GtkLabel *class_label;

  BplNetwork *network;
  guint sample;
  int digits;
  GListModel *names;        /* the grid's items: parameter names */
  gboolean *checked;        /* weights, then biases */
  guint n_params;
  guint n_checked;
  char *path;               /* the worksheet's file while the key's is chosen */
};

G_DEFINE_FINAL_TYPE (BplWorksheetDialog, bpl_worksheet_dialog, ADW_TYPE_WINDOW)

enum
{
  REPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The order of the blanks row's items. */
static const BplWorksheetBlanks blank_kinds[] = {
  BPL_WORKSHEET_BLANKS_NONE, BPL_WORKSHEET_BLANKS_NUMBERS, BPL_WORKSHEET_BLANKS_FORMULAS,
  BPL_WORKSHEET_BLANKS_BOTH,
};

static BplParam
param_at (BplWorksheetDialog *self,
          guint               position)
{
  guint n_weights = bpl_network_get_n_weights (self->network);

  if (position < n_weights)
    return (BplParam) { BPL_PARAM_WEIGHT, position };
  return (BplParam) { BPL_PARAM_BIAS, position - n_weights };
}

static gboolean
position_of (BplWorksheetDialog *self,
             BplParam            param,
             guint              *position)
{
  guint n_weights = bpl_network_get_n_weights (self->network);

  if (param.kind == BPL_PARAM_WEIGHT && param.index < n_weights)
    *position = param.index;
  else if (param.kind == BPL_PARAM_BIAS && param.index < bpl_network_get_n_biases (self->network))
    *position = n_weights + param.index;
  else
    return FALSE;
  return TRUE;
}

static char *
names_text (BplWorksheetDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->names_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The names list, NULL for none (numbered students) or, with @error, one
 * that is refused. */
static GStrv
parse_names (BplWorksheetDialog  *self,
             GError             **error)
{
  g_autofree char *text = names_text (self);
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (*stripped == '\0')
    return NULL;
  /* Translators: what a names list is called in its error messages. */
  return bpl_variants_parse_names (text, strlen (text), _("Names"), error);
}

static void
set_error_style (GtkWidget *label,
                 gboolean   error)
{
  gtk_widget_remove_css_class (label, error ? "dim-label" : "error");
  gtk_widget_add_css_class (label, error ? "error" : "dim-label");
}

/* Export only for what a worksheet can hold, and a class set only for a
 * names list that reads. */
static void
update_export (BplWorksheetDialog *self)
{
  gboolean ok = self->n_checked <= BPL_WORKSHEET_MAX_PARAMS;
  guint n_students = 0;

  if (adw_expander_row_get_enable_expansion (self->class_row))
    {
      g_auto (GStrv) names = NULL;

      ok &= bpl_worksheet_dialog_get_class (self, &n_students, &names, NULL) && n_students > 0;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "worksheet.export", ok);
}

/* The line under the class set: how many students, or what is wrong with
 * the names. */
static void
update_class (BplWorksheetDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) names = parse_names (self, &error);
  gboolean enabled = adw_expander_row_get_enable_expansion (self->class_row);
  g_autofree char *text = NULL;
  guint n;

  gtk_widget_set_sensitive (GTK_WIDGET (self->students_row), names == NULL);
  if (error != NULL)
    text = g_strdup (error->message);
  else if (names != NULL)
    {
      n = g_strv_length (names);
      text = g_strdup_printf (ngettext ("%u name: a worksheet for each, and one answer key.",
                                        "%u names: a worksheet for each, and one answer key.", n),
                              n);
    }
  else
    {
      n = (guint) gtk_spin_button_get_value_as_int (self->students_spin);
      text = g_strdup_printf (ngettext ("%u student: a worksheet for each, and one answer key.",
                                        "%u students: a worksheet for each, and one answer key.",
                                        n), n);
    }
  gtk_label_set_text (self->class_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->class_label), enabled);
  set_error_style (GTK_WIDGET (self->class_label), error != NULL);
  update_export (self);
}

/* The count under the grid. */
static void
update_count (BplWorksheetDialog *self)
{
  g_autofree char *text = NULL;
  gboolean too_many = self->n_checked > BPL_WORKSHEET_MAX_PARAMS;

  if (self->n_checked == 0)
    text = g_strdup (_("None checked: the worksheet holds the forward pass alone."));
  else if (too_many)
    text = g_strdup_printf (_("%u checked: a worksheet holds at most %u."), self->n_checked,
                            BPL_WORKSHEET_MAX_PARAMS);
  else
    text = g_strdup_printf (ngettext ("%u parameter checked.", "%u parameters checked.",
                                      self->n_checked), self->n_checked);
  gtk_label_set_text (self->count_label, text);
  set_error_style (GTK_WIDGET (self->count_label), too_many);
  update_export (self);
}

static void
set_checked_at (BplWorksheetDialog *self,
                guint               position,
                gboolean            checked)
{
  if (position >= self->n_params || self->checked[position] == checked)
    return;
  self->checked[position] = checked;
  if (checked)
    self->n_checked++;
  else
    self->n_checked--;
  update_count (self);
}

/* The grid */

static void
on_check_toggled (GtkCheckButton     *check,
                  BplWorksheetDialog *self)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (check), "bpl-list-item");

  set_checked_at (self, gtk_list_item_get_position (item), gtk_check_button_get_active (check));
}

static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            BplWorksheetDialog       *self)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_use_markup (GTK_LABEL (label), TRUE);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), label);
  gtk_widget_set_margin_start (check, 6);
  g_object_set_data (G_OBJECT (check), "bpl-list-item", item);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), self);
  gtk_list_item_set_child (item, check);
}

/* "w₃" on the box; where it goes in the tooltip. */
static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           BplWorksheetDialog       *self)
{
  GtkWidget *check = gtk_list_item_get_child (item);
  guint position = gtk_list_item_get_position (item);
  BplParam param = param_at (self, position);
  g_autofree char *name = bpl_format_split_name (bpl_network_get_param_name (self->network, param),
                                                 BPL_EXPR_MARKUP);
  g_autofree char *tooltip = NULL;

  gtk_label_set_markup (GTK_LABEL (gtk_check_button_get_child (GTK_CHECK_BUTTON (check))), name);
  if (param.kind == BPL_PARAM_WEIGHT)
    {
      g_autofree char *source = bpl_format_split_name (
        bpl_network_get_neuron_name (self->network,
                                     bpl_network_get_weight_source (self->network, param.index)),
        BPL_EXPR_MARKUP);
      g_autofree char *target = bpl_format_split_name (
        bpl_network_get_neuron_name (self->network,
                                     bpl_network_get_weight_target (self->network, param.index)),
        BPL_EXPR_MARKUP);

      /* Translators: a weight's tooltip, "w₃: i₁ → h₂". */
      tooltip = g_strdup_printf (_("%s: %s → %s"), name, source, target);
    }
  gtk_widget_set_tooltip_markup (check, tooltip);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), self->checked[position]);
}

static void
build_grid (BplWorksheetDialog *self)
{
  GtkStringList *names = gtk_string_list_new (NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  for (guint i = 0; i < self->n_params; i++)
    gtk_string_list_append (names, bpl_network_get_param_name (self->network, param_at (self, i)));
  self->names = G_LIST_MODEL (names);
  selection = gtk_no_selection_new (g_object_ref (self->names));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);
  gtk_grid_view_set_factory (self->params_view, factory);
  gtk_grid_view_set_model (self->params_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  g_object_unref (factory);
}

/* Choices */

static void
update_key_row (BplWorksheetDialog *self)
{
  /* Without blanks the worksheet shows every answer: no key to place. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_row),
                            adw_combo_row_get_selected (self->blanks_row) != 0);
}

void
bpl_worksheet_dialog_set_checked (BplWorksheetDialog *self,
                                  BplParam            param,
                                  gboolean            checked)
{
  guint position;

  g_return_if_fail (BPL_IS_WORKSHEET_DIALOG (self));

  if (!position_of (self, param, &position))
    return;
  set_checked_at (self, position, checked);
  /* A box on screen follows; the others are bound from the array. */
  g_list_model_items_changed (self->names, position, 1, 1);
}

gboolean
bpl_worksheet_dialog_get_checked (BplWorksheetDialog *self,
                                  BplParam            param)
{
  guint position;

  g_return_val_if_fail (BPL_IS_WORKSHEET_DIALOG (self), FALSE);

  return position_of (self, param, &position) && self->checked[position];
}

GArray *
bpl_worksheet_dialog_get_params (BplWorksheetDialog *self)
{
  GArray *params = g_array_new (FALSE, FALSE, sizeof (BplParam));

  g_return_val_if_fail (BPL_IS_WORKSHEET_DIALOG (self), params);

  for (guint i = 0; i < self->n_params; i++)
    if (self->checked[i])
      {
        BplParam param = param_at (self, i);

        g_array_append_val (params, param);
      }
  return params;
}

void
bpl_worksheet_dialog_set_blanks (BplWorksheetDialog *self,
                                 BplWorksheetBlanks  blanks)
{
  g_return_if_fail (BPL_IS_WORKSHEET_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (blank_kinds); i++)
    if (blank_kinds[i] == blanks)
      adw_combo_row_set_selected (self->blanks_row, i);
}

void
bpl_worksheet_dialog_set_paper (BplWorksheetDialog *self,
                                BplPaper            paper)
{
  g_return_if_fail (BPL_IS_WORKSHEET_DIALOG (self));

  adw_combo_row_set_selected (self->paper_row, paper == BPL_PAPER_LETTER ? 1 : 0);
}

void
bpl_worksheet_dialog_set_separate_key (BplWorksheetDialog *self,
                                       gboolean            separate)
{
  g_return_if_fail (BPL_IS_WORKSHEET_DIALOG (self));

  adw_combo_row_set_selected (self->key_row, separate ? 1 : 0);
}

void
bpl_worksheet_dialog_set_class (BplWorksheetDialog *self,
                                gboolean            enabled)
{
  g_return_if_fail (BPL_IS_WORKSHEET_DIALOG (self));

  adw_expander_row_set_enable_expansion (self->class_row, enabled);
  adw_expander_row_set_expanded (self->class_row, enabled);
}

void
bpl_worksheet_dialog_set_students (BplWorksheetDialog *self,
                                   guint               n_students)
{
  g_return_if_fail (BPL_IS_WORKSHEET_DIALOG (self));

  gtk_spin_button_set_value (self->students_spin, n_students);
}

void
bpl_worksheet_dialog_set_names (BplWorksheetDialog *self,
                                const char         *names)
{
  g_return_if_fail (BPL_IS_WORKSHEET_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->names_view),
                            names != NULL ? names : "", -1);
}

void
bpl_worksheet_dialog_set_seed (BplWorksheetDialog *self,
                               guint64             seed)
{
  g_return_if_fail (BPL_IS_WORKSHEET_DIALOG (self));

  gtk_spin_button_set_value (self->seed_spin, (double) seed);
}

void
bpl_worksheet_dialog_set_decimals (BplWorksheetDialog *self,
                                   int                 decimals)
{
  g_return_if_fail (BPL_IS_WORKSHEET_DIALOG (self));

  gtk_spin_button_set_value (self->decimals_spin, decimals);
}

void
bpl_worksheet_dialog_set_save_networks (BplWorksheetDialog *self,
                                        gboolean            save)
{
  g_return_if_fail (BPL_IS_WORKSHEET_DIALOG (self));

  gtk_switch_set_active (self->networks_switch, save);
}

char *
bpl_worksheet_dialog_networks_folder (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  gsize length = strlen (path);

  if (g_str_has_suffix (lower, ".pdf"))
    length -= strlen (".pdf");
  /* Translators: the folder of the students' networks, after the worksheet's name. */
  return g_strdup_printf (_("%.*s-networks"), (int) length, path);
}

gboolean
bpl_worksheet_dialog_get_class (BplWorksheetDialog *self,
                                guint              *n_students,
                                GStrv              *names,
                                BplVariantOptions  *options)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) list = NULL;

  g_return_val_if_fail (BPL_IS_WORKSHEET_DIALOG (self), FALSE);

  list = parse_names (self, &error);
  if (n_students != NULL)
    *n_students = error != NULL ? 0
                  : list != NULL ? g_strv_length (list)
                                 : (guint) gtk_spin_button_get_value_as_int (self->students_spin);
  if (options != NULL)
    {
      bpl_variant_options_init (options);
      options->seed = (guint64) gtk_spin_button_get_value (self->seed_spin);
      options->decimals = gtk_spin_button_get_value_as_int (self->decimals_spin);
      options->sample = self->sample;
    }
  if (names != NULL)
    *names = g_steal_pointer (&list);
  return adw_expander_row_get_enable_expansion (self->class_row);
}

void
bpl_worksheet_dialog_get_options (BplWorksheetDialog  *self,
                                  BplWorksheetOptions *options,
                                  gboolean            *separate_key)
{
  guint blanks = adw_combo_row_get_selected (self->blanks_row);

  g_return_if_fail (BPL_IS_WORKSHEET_DIALOG (self));

  bpl_worksheet_options_init (options);
  options->sample = self->sample;
  options->digits = self->digits;
  options->blanks = blanks < G_N_ELEMENTS (blank_kinds) ? blank_kinds[blanks]
                                                         : BPL_WORKSHEET_BLANKS_NUMBERS;
  options->paper = adw_combo_row_get_selected (self->paper_row) == 1 ? BPL_PAPER_LETTER
                                                                      : BPL_PAPER_A4;
  if (separate_key != NULL)
    *separate_key = options->blanks != BPL_WORKSHEET_BLANKS_NONE
                    && adw_combo_row_get_selected (self->key_row) == 1;
}

gboolean
bpl_worksheet_dialog_export (BplWorksheetDialog *self,
                             const char         *path,
                             const char         *key_path,
                             GError            **error)
{
  g_autoptr (GArray) params = NULL;
  g_auto (GStrv) names = NULL;
  BplWorksheetOptions options;
  BplVariantOptions variant_options;
  gboolean separate_key;
  guint n_students;

  g_return_val_if_fail (BPL_IS_WORKSHEET_DIALOG (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  params = bpl_worksheet_dialog_get_params (self);
  bpl_worksheet_dialog_get_options (self, &options, &separate_key);
  if (separate_key)
    options.answer_key_path = key_path;
  if (bpl_worksheet_dialog_get_class (self, &n_students, &names, &variant_options))
    {
      g_autoptr (GPtrArray) variants = NULL;

      /* A names list that is refused says why. */
      if (n_students == 0)
        {
          g_strfreev (parse_names (self, error));
          return FALSE;
        }
      variants = bpl_worksheet_export_variants (self->network, (const BplParam *) params->data,
                                                params->len, &variant_options, n_students,
                                                (const char *const *) names, &options, path,
                                                error);
      if (variants != NULL && gtk_switch_get_active (self->networks_switch))
        {
          g_autofree char *folder = bpl_worksheet_dialog_networks_folder (path);

          return bpl_variants_save (variants, (const char *const *) names, folder, error);
        }
      return variants != NULL;
    }
  return bpl_worksheet_export (self->network, (const BplParam *) params->data, params->len,
                               &options, path, error);
}

/* Export: the worksheet's file, then the key's if it goes apart */

static char *
pdf_path (GFile *file)
{
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autofree char *lower = path != NULL ? g_ascii_strdown (path, -1) : NULL;

  if (path == NULL || g_str_has_suffix (lower, ".pdf"))
    return g_steal_pointer (&path);
  return g_strconcat (path, ".pdf", NULL);
}

static void
report (BplWorksheetDialog *self,
        const char         *message)
{
  g_signal_emit (self, signals[REPORT], 0, message);
}

static void
finish_export (BplWorksheetDialog *self,
               const char         *path,
               const char         *key_path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (!bpl_worksheet_dialog_export (self, path, key_path, &error))
    message = g_strdup (error->message);
  else
    {
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *key_name = key_path != NULL ? g_path_get_basename (key_path) : NULL;
      guint n_students = 0;
      gboolean is_class = bpl_worksheet_dialog_get_class (self, &n_students, NULL, NULL);

      if (is_class && key_name != NULL)
        message = g_strdup_printf (ngettext ("Worksheets for %u student saved as %s, answer key "
                                             "as %s",
                                             "Worksheets for %u students saved as %s, answer "
                                             "key as %s", n_students),
                                   n_students, name, key_name);
      else if (is_class)
        message = g_strdup_printf (ngettext ("Worksheets for %u student saved as %s",
                                             "Worksheets for %u students saved as %s",
                                             n_students), n_students, name);
      else if (key_name != NULL)
        message = g_strdup_printf (_("Worksheet saved as %s, answer key as %s"), name, key_name);
      else
        message = g_strdup_printf (_("Worksheet saved as %s"), name);
      if (is_class && gtk_switch_get_active (self->networks_switch))
        {
          g_autofree char *folder = bpl_worksheet_dialog_networks_folder (path);
          g_autofree char *folder_name = g_path_get_basename (folder);
          g_autofree char *said = g_steal_pointer (&message);

          /* Translators: the report above, then where the networks went. */
          message = g_strdup_printf (_("%s; each student’s network in %s"), said, folder_name);
        }
    }
  report (self, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static GtkFileChooser *
pdf_chooser_new (BplWorksheetDialog *self,
                 const char         *title)
{
  GtkFileChooser *chooser = bpl_file_chooser_new (GTK_WINDOW (self), title, GTK_FILE_CHOOSER_ACTION_SAVE,
                                                  _("_Save"));

  bpl_file_chooser_add_filter (chooser, _("PDF documents"), "application/pdf", "pdf", NULL);
  return chooser;
}

static void
on_key_chosen (GtkWindow      *parent,
               GFile          *file,
               GtkFileChooser *chooser,
               gpointer        data)
{
  BplWorksheetDialog *self = BPL_WORKSHEET_DIALOG (parent);
  g_autofree char *key_path = pdf_path (file);

  if (file == NULL)
    return;
  if (key_path == NULL)
    report (self, _("Worksheets can only be saved as local files"));
  else
    finish_export (self, self->path, key_path);
}

/* The key is offered beside the worksheet, named after it. */
static void
ask_for_key (BplWorksheetDialog *self)
{
  g_autoptr (GFile) folder = NULL;
  GtkFileChooser *chooser;
  g_autofree char *stem = NULL;
  g_autofree char *key_name = NULL;

  stem = g_path_get_basename (self->path);
  stem[strlen (stem) - strlen (".pdf")] = '\0';
  /* Translators: the answer key's file name, after the worksheet's. */
  key_name = g_strdup_printf (_("%s-answers.pdf"), stem);
  folder = g_file_new_for_path (self->path);
  folder = g_file_get_parent (g_steal_pointer (&folder));
  chooser = pdf_chooser_new (self, _("Save Answer Key"));
  gtk_file_chooser_set_current_folder (chooser, folder, NULL);
  gtk_file_chooser_set_current_name (chooser, key_name);
  bpl_file_chooser_ask (chooser, on_key_chosen, NULL, NULL);
}

static void
on_worksheet_chosen (GtkWindow      *parent,
                     GFile          *file,
                     GtkFileChooser *chooser,
                     gpointer        data)
{
  BplWorksheetDialog *self = BPL_WORKSHEET_DIALOG (parent);
  gboolean separate_key;
  BplWorksheetOptions options;

  g_clear_pointer (&self->path, g_free);
  if (file == NULL)
    return;
  self->path = pdf_path (file);
  if (self->path == NULL)
    {
      report (self, _("Worksheets can only be saved as local files"));
      return;
    }
  bpl_worksheet_dialog_get_options (self, &options, &separate_key);
  if (separate_key)
    ask_for_key (self);
  else
    finish_export (self, self->path, NULL);
}

/* "worksheet-w3.pdf", "worksheet-w1-w3-b1.pdf"; many parameters: "worksheet.pdf". */
static char *
suggested_name (BplWorksheetDialog *self)
{
  g_autoptr (GArray) params = bpl_worksheet_dialog_get_params (self);
  GString *name = g_string_new ("worksheet");

  for (guint i = 0; params->len <= 4 && i < params->len; i++)
    g_string_append_printf (name, "-%s",
                            bpl_network_get_param_name (self->network,
                                                        g_array_index (params, BplParam, i)));
  g_string_append (name, ".pdf");
  return g_string_free (name, FALSE);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BplWorksheetDialog *self = BPL_WORKSHEET_DIALOG (widget);
  GtkFileChooser *chooser;
  g_autofree char *name = NULL;

  /* The action is disabled then; a direct activation is refused too. */
  if (self->n_checked > BPL_WORKSHEET_MAX_PARAMS)
    return;
  chooser = pdf_chooser_new (self, _("Export Worksheet"));
  name = suggested_name (self);
  gtk_file_chooser_set_current_name (chooser, name);
  bpl_file_chooser_ask (chooser, on_worksheet_chosen, NULL, NULL);
}

/* Setup */

static void
bpl_worksheet_dialog_finalize (GObject *object)
{
  BplWorksheetDialog *self = BPL_WORKSHEET_DIALOG (object);

  g_clear_object (&self->names);
  g_clear_pointer (&self->network, bpl_network_free);
  g_free (self->checked);
  g_free (self->path);

  G_OBJECT_CLASS (bpl_worksheet_dialog_parent_class)->finalize (object);
}

static void
bpl_worksheet_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BPL_TYPE_WORKSHEET_DIALOG);

  G_OBJECT_CLASS (bpl_worksheet_dialog_parent_class)->dispose (object);
}

static void
bpl_worksheet_dialog_class_init (BplWorksheetDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bpl_worksheet_dialog_dispose;
  object_class->finalize = bpl_worksheet_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/backproplens/BackpropLens/bpl-worksheet-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BplWorksheetDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, BplWorksheetDialog, params_view);
  gtk_widget_class_bind_template_child (widget_class, BplWorksheetDialog, count_label);
  gtk_widget_class_bind_template_child (widget_class, BplWorksheetDialog, blanks_row);
  gtk_widget_class_bind_template_child (widget_class, BplWorksheetDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, BplWorksheetDialog, paper_row);
  gtk_widget_class_bind_template_child (widget_class, BplWorksheetDialog, class_row);
  gtk_widget_class_bind_template_child (widget_class, BplWorksheetDialog, students_row);
  gtk_widget_class_bind_template_child (widget_class, BplWorksheetDialog, students_spin);
  gtk_widget_class_bind_template_child (widget_class, BplWorksheetDialog, names_view);
  gtk_widget_class_bind_template_child (widget_class, BplWorksheetDialog, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, BplWorksheetDialog, decimals_spin);
  gtk_widget_class_bind_template_child (widget_class, BplWorksheetDialog, networks_switch);
  gtk_widget_class_bind_template_child (widget_class, BplWorksheetDialog, class_label);

  gtk_widget_class_install_action (widget_class, "worksheet.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /* What to tell the reader, in the window that opened the dialog (which
   * may be gone by then): "Worksheet saved as w3.pdf". */
  signals[REPORT] =
    g_signal_new ("report", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
bpl_worksheet_dialog_init (BplWorksheetDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->blanks_row, "notify::selected", G_CALLBACK (update_key_row),
                            self);
  g_signal_connect_swapped (self->class_row, "notify::enable-expansion",
                            G_CALLBACK (update_class), self);
  g_signal_connect_swapped (self->students_spin, "value-changed", G_CALLBACK (update_class),
                            self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->names_view), "changed",
                            G_CALLBACK (update_class), self);
  bpl_spin_button_scroll_when_focused (self->students_spin);
  bpl_spin_button_scroll_when_focused (self->seed_spin);
  bpl_spin_button_scroll_when_focused (self->decimals_spin);
}

GtkWidget *
bpl_worksheet_dialog_new (GtkWindow  *parent,
                          BplSession *session,
                          int         digits)
{
  BplWorksheetDialog *self;
  const char *network_name;
  g_autofree char *subtitle = NULL;
  BplParam selected;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BPL_IS_SESSION (session), NULL);

  self = g_object_new (BPL_TYPE_WORKSHEET_DIALOG, "transient-for", parent, NULL);
  self->network = bpl_network_copy (bpl_session_get_network (session));
  self->sample = bpl_session_get_sample (session);
  self->digits = digits;
  self->n_params = bpl_network_get_n_weights (self->network)
                   + bpl_network_get_n_biases (self->network);
  self->checked = g_new0 (gboolean, MAX (self->n_params, 1));

  network_name = bpl_network_get_name (self->network);
  /* Translators: the dialog's subtitle: the network and the sample worked out.
   * An example's name is translated, as in the window's title. */
  subtitle = g_strdup_printf (_("%s · sample %u"),
                              network_name != NULL && *network_name != '\0' ? _(network_name)
                                                                             : _("Network"),
                              self->sample + 1);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  /* The selection is checked; with none, w1 as on the command line. */
  if (!bpl_session_get_selected_param (session, &selected))
    selected = bpl_network_get_n_weights (self->network) > 0
                 ? (BplParam) { BPL_PARAM_WEIGHT, 0 } : (BplParam) { BPL_PARAM_BIAS, 0 };
  build_grid (self);
  update_count (self);
  bpl_worksheet_dialog_set_checked (self, selected, TRUE);

  bpl_worksheet_dialog_set_blanks (self, BPL_WORKSHEET_BLANKS_NUMBERS);
  bpl_worksheet_dialog_set_paper (self, bpl_paper_get_default ());
  update_key_row (self);
  update_class (self);
  return GTK_WIDGET (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-dataset-dialog.c: New Data Set. The data set is made again at every
 * change of the dialog (a few thousand points at most, or one CSV file), so
 * that what Create would do, and why it cannot, is always on show. */
#include "config.h"

#include "bpl-dataset-dialog.h"

#include <glib/gi18n.h>

#include "backprop-lens.h"
#include "bpl-file-chooser.h"
#include "bpl-spin-button.h"

struct _BplDatasetDialog
{
  AdwWindow parent_instance;

  AdwComboRow *source_row;
  AdwPreferencesGroup *generated_group;
  GtkSpinButton *points_spin;
  GtkSpinButton *noise_spin;
  GtkSpinButton *seed_spin;
  AdwPreferencesGroup *csv_group;
  AdwActionRow *file_row;
  GtkListBox *columns_list;
  GtkSpinButton *test_spin;
  AdwActionRow *keep_row;
  GtkSwitch *keep_switch;
  GtkLabel *problem_label;
  GtkButton *create_button;

  BplSession *session;
  char *csv_name;            /* the file's name, for messages */
  char *csv_data;
  gsize csv_length;
  GPtrArray *column_rows;    /* AdwComboRow, one a header column */
  char **header;

  BplDataset *dataset;       /* as the dialog stands; NULL with a problem */
  char *problem;
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (BplDatasetDialog, bpl_dataset_dialog, ADW_TYPE_WINDOW)

enum
{
  REPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The source row's items: the generators in this order, then the CSV file. */
static const BplDatasetKind kinds[] = {
  BPL_DATASET_CIRCLE, BPL_DATASET_XOR, BPL_DATASET_GAUSS, BPL_DATASET_SPIRAL,
  BPL_DATASET_PLANE, BPL_DATASET_SINE,
};

static const BplNetwork *
network_of (BplDatasetDialog *self)
{
  return bpl_session_get_network (self->session);
}

static gboolean
source_is_csv (BplDatasetDialog *self)
{
  return adw_combo_row_get_selected (self->source_row) >= G_N_ELEMENTS (kinds);
}

static void
set_problem (BplDatasetDialog *self,
             const char       *problem)
{
  g_free (self->problem);
  self->problem = g_strdup (problem);
  gtk_label_set_text (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), problem == NULL);
}

/* The chosen CSV columns by use; FALSE (and the problem) when the choice
 * cannot make a data set. */
static gboolean
csv_columns (BplDatasetDialog *self,
             GPtrArray        *inputs,
             GPtrArray        *targets,
             gboolean         *one_hot,
             char            **problem)
{
  guint n_class = 0;

  *one_hot = FALSE;
  for (guint c = 0; c < self->column_rows->len; c++)
    switch (adw_combo_row_get_selected (g_ptr_array_index (self->column_rows, c)))
      {
      case BPL_CSV_COLUMN_INPUT:
        g_ptr_array_add (inputs, self->header[c]);
        break;
      case BPL_CSV_COLUMN_TARGET:
        g_ptr_array_add (targets, self->header[c]);
        break;
      case BPL_CSV_COLUMN_CLASS:
        g_ptr_array_add (targets, self->header[c]);
        n_class++;
        break;
      default:
        break;
      }
  g_ptr_array_add (inputs, NULL);
  g_ptr_array_add (targets, NULL);
  if (self->csv_data == NULL)
    *problem = g_strdup (_("Choose a CSV file. Its first row names the columns."));
  else if (inputs->len < 2)
    *problem = g_strdup (_("Choose at least one column as an input."));
  else if (targets->len < 2)
    *problem = g_strdup (_("Choose at least one column as a target, or one as the class."));
  else if (n_class > 0 && targets->len > 2)
    *problem = g_strdup (_("A class column gives the targets on its own: use no other target column with it."));
  else
    {
      *one_hot = n_class == 1;
      return TRUE;
    }
  return FALSE;
}

static BplDataset *
build_dataset (BplDatasetDialog *self,
               GError          **error)
{
  double test_fraction = gtk_spin_button_get_value (self->test_spin) / 100;
  guint64 seed = (guint64) gtk_spin_button_get_value (self->seed_spin);
  g_autoptr(BplDataset) dataset = NULL;

  if (source_is_csv (self))
    {
      g_autoptr(GPtrArray) inputs = g_ptr_array_new ();
      g_autoptr(GPtrArray) targets = g_ptr_array_new ();
      g_autofree char *problem = NULL;
      gboolean one_hot;

      if (!csv_columns (self, inputs, targets, &one_hot, &problem))
        {
          g_set_error_literal (error, BPL_ERROR, BPL_ERROR_INVALID, problem);
          return NULL;
        }
      dataset = bpl_csv_import (self->csv_data, self->csv_length, self->csv_name,
                                (const char *const *) inputs->pdata, (const char *const *) targets->pdata,
                                one_hot, error);
      if (dataset == NULL || !bpl_dataset_split (dataset, test_fraction, seed, error))
        return NULL;
    }
  else
    {
      BplDatasetOptions options;
      const BplNetwork *network = network_of (self);

      bpl_dataset_options_init (&options);
      options.kind = kinds[adw_combo_row_get_selected (self->source_row)];
      options.n_points = (guint) gtk_spin_button_get_value (self->points_spin);
      options.noise = gtk_spin_button_get_value (self->noise_spin);
      options.test_fraction = test_fraction;
      options.seed = seed;
      /* A network with two outputs takes a class as one-hot targets. */
      options.one_hot = bpl_dataset_kind_is_classification (options.kind)
                        && bpl_network_get_n_outputs (network) == 2;
      dataset = bpl_dataset_generate (&options, error);
    }
  return g_steal_pointer (&dataset);
}

/* Everything that follows from the dialog's choices: the data set, whether
 * this network's layers fit it, and the problem, if any. */
static void
update (BplDatasetDialog *self)
{
  const BplNetwork *network;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) fit_error = NULL;
  gboolean csv = source_is_csv (self), fits;

  /* Templates set values before the session is given. */
  if (self->updating || self->session == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->generated_group), !csv);
  gtk_widget_set_visible (GTK_WIDGET (self->csv_group), csv);

  network = network_of (self);
  gtk_widget_set_visible (GTK_WIDGET (self->columns_list), self->column_rows->len > 0);
  g_clear_pointer (&self->dataset, bpl_dataset_free);
  self->dataset = build_dataset (self, &error);
  if (self->dataset == NULL)
    {
      set_problem (self, error->message);
      /* No file yet is no error: the file row says "None chosen". */
      if (csv && self->csv_data == NULL)
        gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
      return;
    }

  fits = bpl_dataset_fits (self->dataset, network, &fit_error);
  gtk_widget_set_sensitive (GTK_WIDGET (self->keep_switch), fits);
  if (!fits)
    gtk_switch_set_active (self->keep_switch, FALSE);
  if (gtk_switch_get_active (self->keep_switch))
    adw_action_row_set_subtitle (self->keep_row, _("The points replace this network’s samples; its "
                                                   "weights stay as they are."));
  else if (fits)
    adw_action_row_set_subtitle (self->keep_row, _("Off: a new network that suits the data, with tanh "
                                                   "hidden layers and weights from the seed."));
  else
    {
      g_autofree char *why = g_strdup_printf (_("A new network that suits the data: %s"), fit_error->message);
      adw_action_row_set_subtitle (self->keep_row, why);
    }
  set_problem (self, NULL);
}

static void
on_changed (BplDatasetDialog *self)
{
  update (self);
}

void
bpl_dataset_dialog_set_source (BplDatasetDialog *self,
                               int               kind)
{
  g_return_if_fail (BPL_IS_DATASET_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if ((int) kinds[i] == kind)
      {
        adw_combo_row_set_selected (self->source_row, i);
        return;
      }
  adw_combo_row_set_selected (self->source_row, G_N_ELEMENTS (kinds));
}

void
bpl_dataset_dialog_set_column (BplDatasetDialog *self,
                               guint             column,
                               BplCsvColumnUse   use)
{
  g_return_if_fail (BPL_IS_DATASET_DIALOG (self));
  g_return_if_fail (column < self->column_rows->len);

  adw_combo_row_set_selected (g_ptr_array_index (self->column_rows, column), use);
}

const char *
bpl_dataset_dialog_get_problem (BplDatasetDialog *self)
{
  g_return_val_if_fail (BPL_IS_DATASET_DIALOG (self), NULL);
  return self->problem;
}

/* CSV */

static void
clear_columns (BplDatasetDialog *self)
{
  for (guint c = 0; c < self->column_rows->len; c++)
    gtk_list_box_remove (self->columns_list, g_ptr_array_index (self->column_rows, c));
  g_ptr_array_set_size (self->column_rows, 0);
  g_clear_pointer (&self->header, g_strfreev);
}

/* A row a column; to start with, the last column is the class when it
 * does not hold numbers, else the target, and the others are inputs. */
static void
fill_columns (BplDatasetDialog *self)
{
  guint n = g_strv_length (self->header);

  for (guint c = 0; c < n; c++)
    {
      static const char *const uses[] = { N_("Not Used"), N_("Input"), N_("Target"), N_("Class (a target for each)"), NULL };
      g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

      for (guint u = 0; uses[u] != NULL; u++)
        gtk_string_list_append (model, _(uses[u]));
      adw_combo_row_set_model (row, G_LIST_MODEL (model));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), self->header[c]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_combo_row_set_selected (row, c + 1 < n ? BPL_CSV_COLUMN_INPUT : BPL_CSV_COLUMN_TARGET);
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
      gtk_list_box_append (self->columns_list, GTK_WIDGET (row));
      g_ptr_array_add (self->column_rows, row);
    }
}

gboolean
bpl_dataset_dialog_load_csv (BplDatasetDialog *self,
                             GFile            *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) header = NULL;
  gsize length = 0;

  g_return_val_if_fail (BPL_IS_DATASET_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  if (!g_file_load_contents (file, NULL, &data, &length, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not read “%s”: %s"), name, error->message);
      set_problem (self, message);
      return FALSE;
    }
  if (length > BPL_CSV_MAX_SIZE || (header = bpl_csv_read_columns (data, length, name, &error)) == NULL)
    {
      if (error == NULL)
        g_set_error (&error, BPL_ERROR, BPL_ERROR_LIMIT, _("%s is larger than the %d MiB a CSV file may have"),
                     name, BPL_CSV_MAX_SIZE / (1024 * 1024));
      /* The file chosen before, if any, stays: nothing is lost, and what
       * it makes can still be created. */
      set_problem (self, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), self->dataset != NULL);
      return FALSE;
    }

  self->updating = TRUE;
  clear_columns (self);
  g_free (self->csv_data);
  g_free (self->csv_name);
  self->csv_data = g_steal_pointer (&data);
  self->csv_length = length;
  self->csv_name = g_steal_pointer (&name);
  self->header = g_steal_pointer (&header);
  adw_action_row_set_subtitle (self->file_row, self->csv_name);
  fill_columns (self);
  adw_combo_row_set_selected (self->source_row, G_N_ELEMENTS (kinds));
  self->updating = FALSE;
  update (self);
  return TRUE;
}

static void
on_file_chosen (GtkWindow      *parent,
                GFile          *file,
                GtkFileChooser *chooser,
                gpointer        data)
{
  if (file != NULL)
    bpl_dataset_dialog_load_csv (BPL_DATASET_DIALOG (parent), file);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GtkFileChooser *chooser = bpl_file_chooser_new (GTK_WINDOW (widget), _("Choose a CSV File"),
                                                  GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"));

  bpl_file_chooser_add_filter (chooser, _("CSV files"), "text/csv", ".csv", NULL);
  bpl_file_chooser_ask (chooser, on_file_chosen, NULL, NULL);
}

/* Create */

gboolean
bpl_dataset_dialog_create (BplDatasetDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  const BplDataset *dataset;

  g_return_val_if_fail (BPL_IS_DATASET_DIALOG (self), FALSE);

  update (self);
  if (self->dataset == NULL)
    return FALSE;
  dataset = self->dataset;
  if (!bpl_document_use_dataset (bpl_session_get_document (self->session), dataset,
                                 gtk_switch_get_active (self->keep_switch),
                                 (guint64) gtk_spin_button_get_value (self->seed_spin), &error))
    {
      set_problem (self, error->message);
      return FALSE;
    }
  report = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u training point, %u test points",
                                         "%s: %u training points, %u test points", dataset->n_samples),
                            dataset->name, dataset->n_samples, dataset->n_test_samples);
  g_signal_emit (self, signals[REPORT], 0, report);
  return TRUE;
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BplDatasetDialog *self = BPL_DATASET_DIALOG (widget);

  if (bpl_dataset_dialog_create (self))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
bpl_dataset_dialog_dispose (GObject *object)
{
  BplDatasetDialog *self = BPL_DATASET_DIALOG (object);

  g_clear_object (&self->session);
  G_OBJECT_CLASS (bpl_dataset_dialog_parent_class)->dispose (object);
}

static void
bpl_dataset_dialog_finalize (GObject *object)
{
  BplDatasetDialog *self = BPL_DATASET_DIALOG (object);

  g_clear_pointer (&self->dataset, bpl_dataset_free);
  g_ptr_array_unref (self->column_rows);
  g_strfreev (self->header);
  g_free (self->csv_data);
  g_free (self->csv_name);
  g_free (self->problem);
  G_OBJECT_CLASS (bpl_dataset_dialog_parent_class)->finalize (object);
}

static void
bpl_dataset_dialog_class_init (BplDatasetDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bpl_dataset_dialog_dispose;
  object_class->finalize = bpl_dataset_dialog_finalize;

  signals[REPORT] = g_signal_new ("report", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/backproplens/BackpropLens/bpl-dataset-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BplDatasetDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, BplDatasetDialog, generated_group);
  gtk_widget_class_bind_template_child (widget_class, BplDatasetDialog, points_spin);
  gtk_widget_class_bind_template_child (widget_class, BplDatasetDialog, noise_spin);
  gtk_widget_class_bind_template_child (widget_class, BplDatasetDialog, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, BplDatasetDialog, csv_group);
  gtk_widget_class_bind_template_child (widget_class, BplDatasetDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, BplDatasetDialog, columns_list);
  gtk_widget_class_bind_template_child (widget_class, BplDatasetDialog, test_spin);
  gtk_widget_class_bind_template_child (widget_class, BplDatasetDialog, keep_row);
  gtk_widget_class_bind_template_child (widget_class, BplDatasetDialog, keep_switch);
  gtk_widget_class_bind_template_child (widget_class, BplDatasetDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, BplDatasetDialog, create_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_install_action (widget_class, "dataset.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "dataset.choose-file", NULL, choose_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bpl_dataset_dialog_init (BplDatasetDialog *self)
{
  g_autoptr(GtkStringList) sources = gtk_string_list_new (NULL);
  static const char *const names[] = {
    N_("Circle"), N_("XOR Quadrants"), N_("Two Gaussians"), N_("Spiral"),
    N_("Plane (regression)"), N_("Sine (regression)"), N_("CSV File"), NULL
  };

  self->column_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  /* 0,1 where the locale writes it so. */
  bpl_spin_button_use_locale_numbers (self->noise_spin, 2);
  G_STATIC_ASSERT (G_N_ELEMENTS (names) == G_N_ELEMENTS (kinds) + 2);
  for (guint i = 0; names[i] != NULL; i++)
    gtk_string_list_append (sources, _(names[i]));
  self->updating = TRUE;
  adw_combo_row_set_model (self->source_row, G_LIST_MODEL (sources));
  adw_combo_row_set_selected (self->source_row, 3);
  self->updating = FALSE;
}

GtkWidget *
bpl_dataset_dialog_new (GtkWindow  *parent,
                        BplSession *session)
{
  BplDatasetDialog *self;

  g_return_val_if_fail (BPL_IS_SESSION (session), NULL);

  self = g_object_new (BPL_TYPE_DATASET_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  /* Keeping the layers is the choice when they fit: the teacher's network. */
  gtk_switch_set_active (self->keep_switch, TRUE);
  update (self);
  return GTK_WIDGET (self);
}

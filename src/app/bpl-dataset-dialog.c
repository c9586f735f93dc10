/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-dataset-dialog.c: New Data Set… (see bpl-dataset-dialog.h). A
 * message dialog with a grid of the generator's settings, as the CLI's
 * `dataset` command takes them. */
#include "config.h"

#include "bpl-dataset-dialog.h"

#include <glib/gi18n.h>

#include "bpl-file-chooser.h"

typedef struct
{
  BplDocument *document;
  GtkWidget *kind;
  GtkWidget *points;
  GtkWidget *noise;
  GtkWidget *test_fraction;
  GtkWidget *seed;
  GtkWidget *keep;
} Dialog;

static void
dialog_free (Dialog *d)
{
  g_clear_object (&d->document);
  g_free (d);
}

static const BplDatasetKind kinds[] = {
  BPL_DATASET_CIRCLE, BPL_DATASET_XOR, BPL_DATASET_GAUSS, BPL_DATASET_SPIRAL, BPL_DATASET_PLANE,
  BPL_DATASET_SINE,
};

static void
say (GtkWindow  *parent,
     const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, _("The Data Set Was Not Made"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             Dialog           *d)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BplDataset) data = NULL;
  BplDatasetOptions options;

  if (g_strcmp0 (response, "generate") != 0)
    return;
  bpl_dataset_options_init (&options);
  options.kind = kinds[MIN (gtk_drop_down_get_selected (GTK_DROP_DOWN (d->kind)), G_N_ELEMENTS (kinds) - 1)];
  options.n_points = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (d->points));
  options.noise = gtk_spin_button_get_value (GTK_SPIN_BUTTON (d->noise));
  options.test_fraction = gtk_spin_button_get_value (GTK_SPIN_BUTTON (d->test_fraction));
  options.seed = (guint64) gtk_spin_button_get_value (GTK_SPIN_BUTTON (d->seed));
  data = bpl_dataset_generate (&options, &error);
  if (data == NULL
      || !bpl_document_use_dataset (d->document, data,
                                    gtk_check_button_get_active (GTK_CHECK_BUTTON (d->keep)),
                                    options.seed, &error))
    say (gtk_window_get_transient_for (GTK_WINDOW (dialog)), error->message);
}

static GtkWidget *
spin (double value,
      double lower,
      double upper,
      double step,
      guint  digits)
{
  GtkWidget *button = gtk_spin_button_new_with_range (lower, upper, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (button), digits);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (button), value);
  gtk_widget_set_hexpand (button, TRUE);
  return button;
}

static void
add_row (GtkGrid    *grid,
         int         row,
         const char *label,
         GtkWidget  *widget)
{
  GtkWidget *l = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (l), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), widget);
  gtk_grid_attach (grid, l, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);
}

GtkWindow *
bpl_dataset_dialog_present (GtkWindow   *parent,
                            BplDocument *document)
{
  const char *names[] = { N_("Circle"), N_("XOR"), N_("Two Gaussians"), N_("Spiral"),
                          N_("Plane (regression)"), N_("Sine (one input)"), NULL };
  const char *translated[G_N_ELEMENTS (names)];
  Dialog *d = g_new0 (Dialog, 1);
  GtkWidget *dialog, *grid;

  g_return_val_if_fail (BPL_IS_DOCUMENT (document), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    translated[i] = names[i] != NULL ? _(names[i]) : NULL;
  d->document = g_object_ref (document);
  d->kind = gtk_drop_down_new_from_strings (translated);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (d->kind), 3);
  d->points = spin (300, 1, BPL_DATASET_MAX_POINTS, 10, 0);
  d->noise = spin (0.1, 0, 1, 0.05, 2);
  d->test_fraction = spin (0.2, 0, 0.9, 0.05, 2);
  d->seed = spin (1, 1, 1e9, 1, 0);
  d->keep = gtk_check_button_new_with_mnemonic (_("_Keep the network where the data fits it"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (d->keep), TRUE);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  add_row (GTK_GRID (grid), 0, _("_Kind"), d->kind);
  add_row (GTK_GRID (grid), 1, _("_Points"), d->points);
  add_row (GTK_GRID (grid), 2, _("_Noise"), d->noise);
  add_row (GTK_GRID (grid), 3, _("_Test fraction"), d->test_fraction);
  add_row (GTK_GRID (grid), 4, _("_Seed"), d->seed);
  gtk_grid_attach (GTK_GRID (grid), d->keep, 0, 5, 2, 1);

  dialog = adw_message_dialog_new (parent, _("New Data Set"),
                                   _("Points in [−1, 1], as training samples and held-out test "
                                     "samples. Where they do not fit the network, a new one suits "
                                     "them: two tanh hidden layers of 4."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "generate", _("_Generate"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "generate",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "generate");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response), d,
                         (GClosureNotify) (void (*) (void)) dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* Import CSV… */

typedef struct
{
  BplDocument *document;
  GBytes *data;
  char *display_name;
  GStrv columns;
  GPtrArray *input_checks;   /* a check button a column */
  GtkWidget *target;
  GtkWidget *one_hot;
  GtkWidget *test_fraction;
  GtkWidget *keep;
} CsvDialog;

static void
csv_dialog_free (CsvDialog *d)
{
  g_clear_object (&d->document);
  g_clear_pointer (&d->data, g_bytes_unref);
  g_clear_pointer (&d->display_name, g_free);
  g_clear_pointer (&d->columns, g_strfreev);
  g_clear_pointer (&d->input_checks, g_ptr_array_unref);
  g_free (d);
}

static void
csv_say (GtkWindow  *parent,
         const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, _("The File Was Not Imported"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_csv_response (AdwMessageDialog *dialog,
                 const char       *response,
                 CsvDialog        *d)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (BplDataset) data = NULL;
  g_autoptr (GPtrArray) inputs = g_ptr_array_new ();
  guint target = gtk_drop_down_get_selected (GTK_DROP_DOWN (d->target));
  const char *targets[2] = { NULL, NULL };
  gsize length;
  const char *text;

  if (g_strcmp0 (response, "import") != 0 || target == GTK_INVALID_LIST_POSITION)
    return;
  targets[0] = d->columns[target];
  for (guint c = 0; c < d->input_checks->len; c++)
    if (c != target && gtk_check_button_get_active (GTK_CHECK_BUTTON (d->input_checks->pdata[c])))
      g_ptr_array_add (inputs, d->columns[c]);
  g_ptr_array_add (inputs, NULL);
  if (inputs->len == 1)
    {
      csv_say (gtk_window_get_transient_for (GTK_WINDOW (dialog)),
               _("Choose at least one input column besides the target."));
      return;
    }
  text = g_bytes_get_data (d->data, &length);
  data = bpl_csv_import (text, length, d->display_name, (const char *const *) inputs->pdata, targets,
                         gtk_check_button_get_active (GTK_CHECK_BUTTON (d->one_hot)), &error);
  if (data == NULL
      || !bpl_dataset_split (data, gtk_spin_button_get_value (GTK_SPIN_BUTTON (d->test_fraction)), 1,
                             &error)
      || !bpl_document_use_dataset (d->document, data,
                                    gtk_check_button_get_active (GTK_CHECK_BUTTON (d->keep)), 1, &error))
    csv_say (gtk_window_get_transient_for (GTK_WINDOW (dialog)), error->message);
}

GtkWindow *
bpl_csv_dialog_present (GtkWindow   *parent,
                        BplDocument *document,
                        GBytes      *data,
                        const char  *display_name)
{
  g_autoptr (GError) error = NULL;
  CsvDialog *d;
  GtkWidget *dialog, *grid, *inputs_box;
  gsize length;
  const char *text = g_bytes_get_data (data, &length);
  GStrv columns = bpl_csv_read_columns (text, length, display_name, &error);
  guint n;

  if (columns == NULL)
    {
      csv_say (parent, error->message);
      return NULL;
    }
  n = g_strv_length (columns);
  d = g_new0 (CsvDialog, 1);
  d->document = g_object_ref (document);
  d->data = g_bytes_ref (data);
  d->display_name = g_strdup (display_name);
  d->columns = columns;
  d->input_checks = g_ptr_array_new ();

  /* By default the last column is the target, the others the inputs. */
  inputs_box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (inputs_box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (inputs_box), 4);
  for (guint c = 0; c < n; c++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (columns[c]);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), c + 1 < n);
      gtk_flow_box_append (GTK_FLOW_BOX (inputs_box), check);
      g_ptr_array_add (d->input_checks, check);
    }
  d->target = gtk_drop_down_new_from_strings ((const char *const *) columns);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (d->target), n - 1);
  d->one_hot = gtk_check_button_new_with_mnemonic (_("_One output per class (the target holds class labels)"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (d->one_hot), TRUE);
  d->test_fraction = spin (0.2, 0, 0.9, 0.05, 2);
  d->keep = gtk_check_button_new_with_mnemonic (_("_Keep the network where the data fits it"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (d->keep), TRUE);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  {
    GtkWidget *label = gtk_label_new (_("Inputs"));

    gtk_label_set_xalign (GTK_LABEL (label), 1);
    gtk_label_set_yalign (GTK_LABEL (label), 0);
    gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
    gtk_grid_attach (GTK_GRID (grid), inputs_box, 1, 0, 1, 1);
  }
  add_row (GTK_GRID (grid), 1, _("T_arget"), d->target);
  gtk_grid_attach (GTK_GRID (grid), d->one_hot, 0, 2, 2, 1);
  add_row (GTK_GRID (grid), 3, _("_Test fraction"), d->test_fraction);
  gtk_grid_attach (GTK_GRID (grid), d->keep, 0, 4, 2, 1);

  dialog = adw_message_dialog_new (parent, _("Import CSV"), display_name);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "bpl-csv-dialog", d);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_csv_response), d,
                         (GClosureNotify) (void (*) (void)) csv_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

void
bpl_csv_dialog_choose (GtkWindow         *dialog,
                       const char *const *inputs,
                       const char        *target,
                       gboolean           one_hot,
                       double             test_fraction)
{
  CsvDialog *d = g_object_get_data (G_OBJECT (dialog), "bpl-csv-dialog");

  g_return_if_fail (d != NULL);

  for (guint c = 0; d->columns[c] != NULL; c++)
    {
      gtk_check_button_set_active (GTK_CHECK_BUTTON (d->input_checks->pdata[c]),
                                   g_strv_contains (inputs, d->columns[c]));
      if (g_str_equal (d->columns[c], target))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (d->target), c);
    }
  gtk_check_button_set_active (GTK_CHECK_BUTTON (d->one_hot), one_hot);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (d->test_fraction), test_fraction);
}

static void
on_csv_chosen (GtkWindow      *parent,
               GFile          *file,
               GtkFileChooser *chooser,
               gpointer        data)
{
  BplDocument *document = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  if (file == NULL)
    return;
  name = g_file_get_basename (file);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes == NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", name, error->message);

      csv_say (parent, message);
      return;
    }
  bpl_csv_dialog_present (parent, document, bytes, name);
}

void
bpl_csv_dialog_ask (GtkWindow   *parent,
                    BplDocument *document)
{
  GtkFileChooser *chooser = bpl_file_chooser_new (parent, _("Import CSV"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                                  _("_Open"));

  bpl_file_chooser_add_filter (chooser, _("CSV files"), NULL, "csv", NULL);
  bpl_file_chooser_ask (chooser, on_csv_chosen, g_object_ref (document), g_object_unref);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-spin-button.h"

#include "bpl-number-text.h"

#include <math.h>

/* The keyboard focus is in the spin button's text, not in the spin button
 * itself. */
static gboolean
spin_has_focus (GtkWidget *spin)
{
  GtkRoot *root = gtk_widget_get_root (spin);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == spin || gtk_widget_is_ancestor (focus, spin));
}

/* One wheel detent moves as far as GtkScrolledWindow would move it. */
static void
scroll_adjustment (GtkAdjustment *adjustment,
                   double         delta,
                   GdkScrollUnit  unit)
{
  double page = gtk_adjustment_get_page_size (adjustment);
  double lower = gtk_adjustment_get_lower (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);

  if (delta == 0)
    return;
  if (unit == GDK_SCROLL_UNIT_WHEEL)
    delta *= pow (page, 2.0 / 3.0);
  gtk_adjustment_set_value (adjustment,
                            CLAMP (gtk_adjustment_get_value (adjustment) + delta, lower, MAX (lower, upper - page)));
}

/* A student scrolling the list with the pointer over a value must not
 * change that value: the list scrolls instead. Once the spin button has
 * the focus (clicked or tabbed into), the wheel is its own again. */
static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           gpointer                  user_data)
{
  GtkWidget *spin = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *scroller;
  GdkScrollUnit unit;

  if (spin_has_focus (spin))
    return GDK_EVENT_PROPAGATE;
  scroller = gtk_widget_get_ancestor (spin, GTK_TYPE_SCROLLED_WINDOW);
  if (scroller != NULL)
    {
      GtkScrolledWindow *sw = GTK_SCROLLED_WINDOW (scroller);

      unit = gtk_event_controller_scroll_get_unit (controller);
      scroll_adjustment (gtk_scrolled_window_get_hadjustment (sw), dx, unit);
      scroll_adjustment (gtk_scrolled_window_get_vadjustment (sw), dy, unit);
    }
  /* Stopped here, before the spin button's own handler sees it. */
  return GDK_EVENT_STOP;
}

void
bpl_spin_button_scroll_when_focused (GtkSpinButton *spin)
{
  GtkEventController *controller;

  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_name (controller, BPL_SPIN_SCROLL_CONTROLLER_NAME);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), NULL);
  gtk_widget_add_controller (GTK_WIDGET (spin), controller);
}

double
bpl_spin_button_get_tidy_value (GtkSpinButton *spin)
{
  double value = gtk_spin_button_get_value (spin);
  double step = gtk_adjustment_get_step_increment (gtk_spin_button_get_adjustment (spin));

  /* A billionth of a step is no value anyone typed or stepped to. */
  if (step > 0 && fabs (value) < step * 1e-9)
    return 0.0;
  return value;
}

static int
on_locale_input (GtkSpinButton *spin,
                 double        *new_value,
                 gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  g_autoptr(GError) error = NULL;
  double value;

  if (!bpl_number_text_parse (text, &value, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (spin), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (spin), error->message);
      *new_value = gtk_spin_button_get_value (spin);
      return GTK_INPUT_ERROR;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (spin), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (spin), NULL);
  *new_value = value;
  return TRUE;
}

static gboolean
on_locale_output (GtkSpinButton *spin,
                  gpointer       user_data)
{
  g_autofree char *text = bpl_number_text_format (gtk_spin_button_get_value (spin),
                                                  GPOINTER_TO_INT (user_data));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

void
bpl_spin_button_use_locale_numbers (GtkSpinButton *spin,
                                    int            digits)
{
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  gtk_spin_button_set_numeric (spin, FALSE);
  g_signal_connect (spin, "input", G_CALLBACK (on_locale_input), NULL);
  g_signal_connect (spin, "output", G_CALLBACK (on_locale_output), GINT_TO_POINTER (digits));
}

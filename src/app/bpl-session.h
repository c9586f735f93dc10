/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-session.h: what one window looks at in its document, apart from the
 * document itself: the selection, the hover, the emphasis (a derivation
 * factor hovered), the sample shown and view toggles, and what every view
 * draws from them: the forward pass and the gradients of the network shown
 * on the sample shown. No GTK: tested without a display.
 *
 * Views follow the session alone. It follows its document and, once its
 * own state is up to date, passes each change on: "network-replaced"
 * (views rebuild: a new network, a new shape or new samples),
 * "values-changed" (same shape) and "stepped" (show old → new), then
 * notifies the properties that moved. A new piece of view state is one
 * property here and one binding where it is shown. */
#pragma once

#include <glib-object.h>

#include <backprop-lens/backprop-lens-diagram.h>

#include "bpl-document.h"
#include "bpl-practice.h"

G_BEGIN_DECLS

/* BplHit as a boxed type, for the "selection", "hover" and "emphasis"
 * properties. */
#define BPL_TYPE_HIT (bpl_hit_get_type ())
GType             bpl_hit_get_type                (void) G_GNUC_CONST;
gboolean          bpl_hit_equal                   (BplHit a,
                                                   BplHit b);

#define BPL_TYPE_SESSION (bpl_session_get_type ())
G_DECLARE_FINAL_TYPE (BplSession, bpl_session, BPL, SESSION, GObject)

BplSession       *bpl_session_new                 (BplDocument *document);
BplDocument      *bpl_session_get_document        (BplSession *self);

/* The network shown (the document's: live, or a past step), and its
 * forward pass and ∂E_total/∂p on the sample shown. */
const BplNetwork *bpl_session_get_network         (BplSession *self);
const BplForward *bpl_session_get_forward         (BplSession *self);
const double     *bpl_session_get_weight_gradients (BplSession *self);
const double     *bpl_session_get_bias_gradients  (BplSession *self);

/* "sample": the sample shown, which inputs and targets edit. A new network
 * shows the sample its next step trains on. */
guint             bpl_session_get_sample          (BplSession *self);
void              bpl_session_set_sample          (BplSession *self,
                                                   guint       sample);

/* "selection", "hover" and "emphasis". What no longer exists after an
 * edit is no longer selected; hover and emphasis end with the shape. */
BplHit            bpl_session_get_selection       (BplSession *self);
void              bpl_session_set_selection       (BplSession *self,
                                                   BplHit      hit);
BplHit            bpl_session_get_hover           (BplSession *self);
void              bpl_session_set_hover           (BplSession *self,
                                                   BplHit      hit);
BplHit            bpl_session_get_emphasis        (BplSession *self);
void              bpl_session_set_emphasis        (BplSession *self,
                                                   BplHit      hit);
/* "emphasis-factor": the kind (BplFactorKind) of the derivation factor
 * whose hover set the emphasis, or -1: it tells the computational graph
 * which of a neuron's nodes the factor is. Setting the emphasis alone
 * sets it to -1. */
gint              bpl_session_get_emphasis_factor (BplSession *self);
void              bpl_session_set_emphasis_factor (BplSession *self,
                                                   BplHit      hit,
                                                   gint        factor_kind);

/* "graph-walk" and "graph-step": the pass the computational graph plays
 * out and its step shown (-1: before the first). View state, not undone;
 * the graph view keeps the step within its pass. Another pass starts at
 * -1. */
typedef enum {
  BPL_SESSION_WALK_NONE,       /* every number shown */
  BPL_SESSION_WALK_BACKWARD,
  BPL_SESSION_WALK_FORWARD,
} BplSessionWalk;

BplSessionWalk    bpl_session_get_graph_walk      (BplSession     *self);
void              bpl_session_set_graph_walk      (BplSession     *self,
                                                   BplSessionWalk  walk);
gint              bpl_session_get_graph_step      (BplSession *self);
void              bpl_session_set_graph_step      (BplSession *self,
                                                   gint        step);

/* The selection as a parameter; FALSE if no weight or bias is selected. */
gboolean          bpl_session_get_selected_param  (BplSession *self,
                                                   BplParam   *param);

/* "log-scale": the loss plot's axis. */
gboolean          bpl_session_get_log_scale       (BplSession *self);
void              bpl_session_set_log_scale       (BplSession *self,
                                                   gboolean    log_scale);

/* Practice mode and what the learner typed, kept for the whole session. */
BplPractice      *bpl_session_get_practice        (BplSession *self);
/* The data view (issue 12). "data-view": shown beside the diagram.
 * "data-output": the output it shows, or -1 for the arg-max class (for a
 * network of one output, its output). "discretize": class colours only.
 * "point-class": the class of a point added by a click (the output set to
 * 1, or for one output, 1 for class 1 and 0 for class 0). "heat-maps":
 * every neuron in the diagram shows its output over the input plane. */
gboolean          bpl_session_get_data_view       (BplSession *self);
void              bpl_session_set_data_view       (BplSession *self,
                                                   gboolean    data_view);
gint              bpl_session_get_data_output     (BplSession *self);
void              bpl_session_set_data_output     (BplSession *self,
                                                   gint        output);
gboolean          bpl_session_get_discretize      (BplSession *self);
void              bpl_session_set_discretize      (BplSession *self,
                                                   gboolean    discretize);
guint             bpl_session_get_point_class     (BplSession *self);
void              bpl_session_set_point_class     (BplSession *self,
                                                   guint       point_class);
gboolean          bpl_session_get_heat_maps       (BplSession *self);
void              bpl_session_set_heat_maps       (BplSession *self,
                                                   gboolean    heat_maps);
/* Every neuron's output over the part of the input plane the data view
 * shows (bpl_data_view_input_range ()), computed once after each change;
 * NULL for a network of more than two inputs. */
const BplHeatmap *bpl_session_get_heatmap         (BplSession *self);

/* A short text for a hit: "Weight w3 from i1 to h2 = 0.25\n∂E_total/∂w3 =
 * 0.00049771", as plain text (accessibility) or Pango markup (tooltips). */
char             *bpl_session_describe_hit        (BplSession   *self,
                                                   BplHit        hit,
                                                   int           digits,
                                                   BplExprStyle  style);

G_END_DECLS

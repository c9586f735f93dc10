/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bpl-view.h"

typedef struct
{
  BplSession *session;
  GSignalGroup *session_signals;
  GSignalGroup *document_signals;
  GBindingGroup *session_bindings;
} BplViewPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (BplView, bpl_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

BplSession *
bpl_view_get_session (BplView *self)
{
  BplViewPrivate *priv = bpl_view_get_instance_private (self);

  g_return_val_if_fail (BPL_IS_VIEW (self), NULL);
  return priv->session;
}

BplDocument *
bpl_view_get_document (BplView *self)
{
  BplViewPrivate *priv = bpl_view_get_instance_private (self);

  g_return_val_if_fail (BPL_IS_VIEW (self), NULL);
  return priv->session != NULL ? bpl_session_get_document (priv->session) : NULL;
}

void
bpl_view_set_session (BplView    *self,
                      BplSession *session)
{
  BplViewPrivate *priv = bpl_view_get_instance_private (self);

  g_return_if_fail (BPL_IS_VIEW (self));
  g_return_if_fail (session == NULL || BPL_IS_SESSION (session));

  if (!g_set_object (&priv->session, session))
    return;
  g_signal_group_set_target (priv->session_signals, session);
  g_signal_group_set_target (priv->document_signals,
                             session != NULL ? bpl_session_get_document (session) : NULL);
  g_binding_group_set_source (priv->session_bindings, session);
  if (BPL_VIEW_GET_CLASS (self)->session_changed != NULL)
    BPL_VIEW_GET_CLASS (self)->session_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

GSignalGroup *
bpl_view_get_session_signals (BplView *self)
{
  BplViewPrivate *priv = bpl_view_get_instance_private (self);

  g_return_val_if_fail (BPL_IS_VIEW (self), NULL);
  return priv->session_signals;
}

GSignalGroup *
bpl_view_get_document_signals (BplView *self)
{
  BplViewPrivate *priv = bpl_view_get_instance_private (self);

  g_return_val_if_fail (BPL_IS_VIEW (self), NULL);
  return priv->document_signals;
}

GBindingGroup *
bpl_view_get_session_bindings (BplView *self)
{
  BplViewPrivate *priv = bpl_view_get_instance_private (self);

  g_return_val_if_fail (BPL_IS_VIEW (self), NULL);
  return priv->session_bindings;
}

static void
bpl_view_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, bpl_view_get_session (BPL_VIEW (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bpl_view_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      bpl_view_set_session (BPL_VIEW (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bpl_view_dispose (GObject *object)
{
  BplView *self = BPL_VIEW (object);
  BplViewPrivate *priv = bpl_view_get_instance_private (self);

  g_signal_group_set_target (priv->session_signals, NULL);
  g_signal_group_set_target (priv->document_signals, NULL);
  g_binding_group_set_source (priv->session_bindings, NULL);
  g_clear_object (&priv->session);

  G_OBJECT_CLASS (bpl_view_parent_class)->dispose (object);
}

static void
bpl_view_finalize (GObject *object)
{
  BplViewPrivate *priv = bpl_view_get_instance_private (BPL_VIEW (object));

  g_clear_object (&priv->session_signals);
  g_clear_object (&priv->document_signals);
  g_clear_object (&priv->session_bindings);

  G_OBJECT_CLASS (bpl_view_parent_class)->finalize (object);
}

static void
bpl_view_class_init (BplViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bpl_view_dispose;
  object_class->finalize = bpl_view_finalize;
  object_class->get_property = bpl_view_get_property;
  object_class->set_property = bpl_view_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, BPL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bpl_view_init (BplView *self)
{
  BplViewPrivate *priv = bpl_view_get_instance_private (self);

  priv->session_signals = g_signal_group_new (BPL_TYPE_SESSION);
  priv->document_signals = g_signal_group_new (BPL_TYPE_DOCUMENT);
  priv->session_bindings = g_binding_group_new ();
}

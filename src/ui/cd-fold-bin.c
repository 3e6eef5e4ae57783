/* cd-fold-bin.c: a one-child container that says when it is narrow
 *
 * GTK 4.8 and libadwaita 1.2 have no breakpoints (AdwBreakpoint came in
 * libadwaita 1.4), so a widget that should lay itself out differently in
 * a narrow window puts its content in a CdFoldBin and listens to
 * notify::folded. The bin is folded while the width it is given is less
 * than its threshold, or, with no threshold, less than the natural width
 * its child asked for the last time it was unfolded: "everything fits on
 * one line" is then the test.
 *
 * The change happens while the bin is allocated, as AdwLeaflet folds: the
 * owner moves the child's parts around in its notify handler, the bin
 * measures the child again and allocates it, and the parents lay out
 * again on the next frame with the child's new height. Both layouts need
 * less width than the threshold when folded, so the bin does not flip
 * back and forth.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-fold-bin.h"

struct _CdFoldBin
{
  GtkWidget parent_instance;

  GtkWidget *child;
  int threshold;
  int unfolded_natural;     /* the child's natural width, last seen unfolded */
  guint resize_tick;
  guint folded : 1;
};

G_DEFINE_FINAL_TYPE (CdFoldBin, cd_fold_bin, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHILD,
  PROP_THRESHOLD,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GtkWidget overrides */

static void
cd_fold_bin_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  CdFoldBin *self = CD_FOLD_BIN (widget);

  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;
  gtk_widget_measure (self->child, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL && for_size < 0 && !self->folded)
    self->unfolded_natural = *natural;
}

static gboolean
resize_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  CdFoldBin *self = CD_FOLD_BIN (widget);

  self->resize_tick = 0;
  gtk_widget_queue_resize (widget);
  return G_SOURCE_REMOVE;
}

static void
cd_fold_bin_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  CdFoldBin *self = CD_FOLD_BIN (widget);
  int limit = self->threshold > 0 ? self->threshold : self->unfolded_natural;
  gboolean folded = width < limit;

  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;
  if (folded != self->folded)
    {
      int ignored;

      self->folded = folded;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
      /* The handlers moved things in the child, which dropped its cached
       * sizes: GTK wants it measured before it is allocated. */
      gtk_widget_measure (self->child, GTK_ORIENTATION_HORIZONTAL, -1,
                          &ignored, NULL, NULL, NULL);
      gtk_widget_measure (self->child, GTK_ORIENTATION_VERTICAL, width,
                          &ignored, NULL, NULL, NULL);
      /* A resize queued while the parents are being allocated can get
       * lost; the next frame asks them for the new height. */
      if (self->resize_tick == 0)
        self->resize_tick = gtk_widget_add_tick_callback (widget, resize_tick_cb, NULL, NULL);
    }
  gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

static GtkSizeRequestMode
cd_fold_bin_get_request_mode (GtkWidget *widget)
{
  CdFoldBin *self = CD_FOLD_BIN (widget);

  return self->child ? gtk_widget_get_request_mode (self->child)
                     : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

/* The bin expands as its child does. */
static void
cd_fold_bin_compute_expand (GtkWidget *widget,
                            gboolean  *hexpand,
                            gboolean  *vexpand)
{
  CdFoldBin *self = CD_FOLD_BIN (widget);

  *hexpand = self->child && gtk_widget_compute_expand (self->child, GTK_ORIENTATION_HORIZONTAL);
  *vexpand = self->child && gtk_widget_compute_expand (self->child, GTK_ORIENTATION_VERTICAL);
}

/* GObject overrides */

static void
cd_fold_bin_dispose (GObject *object)
{
  CdFoldBin *self = CD_FOLD_BIN (object);

  if (self->resize_tick)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->resize_tick);
  self->resize_tick = 0;
  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (cd_fold_bin_parent_class)->dispose (object);
}

static void
cd_fold_bin_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CdFoldBin *self = CD_FOLD_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    case PROP_THRESHOLD:
      g_value_set_int (value, self->threshold);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_fold_bin_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CdFoldBin *self = CD_FOLD_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      cd_fold_bin_set_child (self, g_value_get_object (value));
      break;
    case PROP_THRESHOLD:
      cd_fold_bin_set_threshold (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_fold_bin_class_init (CdFoldBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_fold_bin_dispose;
  object_class->get_property = cd_fold_bin_get_property;
  object_class->set_property = cd_fold_bin_set_property;

  widget_class->measure = cd_fold_bin_measure;
  widget_class->size_allocate = cd_fold_bin_size_allocate;
  widget_class->get_request_mode = cd_fold_bin_get_request_mode;
  widget_class->compute_expand = cd_fold_bin_compute_expand;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CdFoldBin:threshold:
   *
   * The width in pixels under which the bin is folded; 0 for the natural
   * width of the unfolded child.
   */
  properties[PROP_THRESHOLD] =
    g_param_spec_int ("threshold", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_fold_bin_init (CdFoldBin *self)
{
}

/* Public API */

GtkWidget *
cd_fold_bin_new (void)
{
  return g_object_new (CD_TYPE_FOLD_BIN, NULL);
}

GtkWidget *
cd_fold_bin_get_child (CdFoldBin *self)
{
  g_return_val_if_fail (CD_IS_FOLD_BIN (self), NULL);
  return self->child;
}

void
cd_fold_bin_set_child (CdFoldBin *self,
                       GtkWidget *child)
{
  g_return_if_fail (CD_IS_FOLD_BIN (self));
  g_return_if_fail (!child || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;
  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

int
cd_fold_bin_get_threshold (CdFoldBin *self)
{
  g_return_val_if_fail (CD_IS_FOLD_BIN (self), 0);
  return self->threshold;
}

void
cd_fold_bin_set_threshold (CdFoldBin *self,
                           int        threshold)
{
  g_return_if_fail (CD_IS_FOLD_BIN (self));

  if (self->threshold == threshold)
    return;
  self->threshold = threshold;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THRESHOLD]);
}

/* TRUE while the bin is narrower than its threshold. */
gboolean
cd_fold_bin_get_folded (CdFoldBin *self)
{
  g_return_val_if_fail (CD_IS_FOLD_BIN (self), FALSE);
  return self->folded;
}

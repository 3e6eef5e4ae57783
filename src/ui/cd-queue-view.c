/* cd-queue-view.c: the publishes waiting for their site
 *
 * A list of CdQueueRow over the store's publish queue (a GListModel of
 * CdPublishJob), with the headline of each job's article looked up in the
 * store.  The view only shows: sending and removing are the window's
 * actions (win.publish-queued, win.retry-publish, win.remove-publish),
 * named by the buttons, and the window says when a send runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "cd-fold-bin.h"
#include "cd-queue-view.h"
#include "cd-ui-utils.h"

struct _CdQueueView
{
  GtkWidget parent_instance;

  CdFoldBin *header_fold;
  GtkWidget *actions_box;
  GtkSpinner *spinner;
  GtkWidget *send_all_button;
  GtkStack *stack;
  AdwStatusPage *error_page;
  GtkListBox *list_box;

  CdStore *store;
  GListModel *jobs;
  char *error;
  guint sending : 1;
};

G_DEFINE_FINAL_TYPE (CdQueueView, cd_queue_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static void
update_page (CdQueueView *self)
{
  guint n = self->jobs ? g_list_model_get_n_items (self->jobs) : 0;

  if (self->error)
    gtk_stack_set_visible_child_name (self->stack, "error");
  else
    gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  gtk_widget_set_visible (self->send_all_button, n > 0 && self->error == NULL);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CdQueueView *self = user_data;
  CdPublishJob *job = item;
  CdArticleSummary *summary = NULL;

  if (self->store)
    summary = cd_store_find (self->store, cd_publish_job_get_article_id (job));
  return cd_queue_row_new (job, summary ? cd_article_summary_get_headline (summary) : NULL);
}

/* Callbacks */

/* In a narrow window the text beside the button would wrap to a word a
 * line: the button goes under it, to the end, as in a queue row. */
static void
update_header_layout (CdQueueView *self)
{
  gboolean folded = cd_fold_bin_get_folded (self->header_fold);

  cd_ui_grid_place (self->actions_box, folded ? 0 : 1, folded ? 1 : 0, 1);
  gtk_widget_set_halign (self->actions_box, folded ? GTK_ALIGN_END : GTK_ALIGN_FILL);
}

static void
on_jobs_changed_cb (CdQueueView *self)
{
  update_page (self);
}

/* GObject overrides */

static void
cd_queue_view_dispose (GObject *object)
{
  CdQueueView *self = CD_QUEUE_VIEW (object);
  GtkWidget *child;

  if (self->jobs)
    {
      g_signal_handlers_disconnect_by_data (self->jobs, self);
      gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
    }
  g_clear_object (&self->jobs);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_QUEUE_VIEW);
  /* The template's unnamed children are the view's own to let go. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cd_queue_view_parent_class)->dispose (object);
}

static void
cd_queue_view_finalize (GObject *object)
{
  CdQueueView *self = CD_QUEUE_VIEW (object);

  g_free (self->error);

  G_OBJECT_CLASS (cd_queue_view_parent_class)->finalize (object);
}

static void
cd_queue_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CdQueueView *self = CD_QUEUE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SENDING:
      g_value_set_boolean (value, self->sending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_queue_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CdQueueView *self = CD_QUEUE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SENDING:
      cd_queue_view_set_sending (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_queue_view_class_init (CdQueueViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_queue_view_dispose;
  object_class->finalize = cd_queue_view_finalize;
  object_class->get_property = cd_queue_view_get_property;
  object_class->set_property = cd_queue_view_set_property;

  properties[PROP_SENDING] =
    g_param_spec_boolean ("sending", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CD_TYPE_FOLD_BIN);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/copydesk/Copydesk/cd-queue-view.ui");
  gtk_widget_class_bind_template_callback (widget_class, update_header_layout);
  gtk_widget_class_bind_template_child (widget_class, CdQueueView, header_fold);
  gtk_widget_class_bind_template_child (widget_class, CdQueueView, actions_box);
  gtk_widget_class_bind_template_child (widget_class, CdQueueView, spinner);
  gtk_widget_class_bind_template_child (widget_class, CdQueueView, send_all_button);
  gtk_widget_class_bind_template_child (widget_class, CdQueueView, stack);
  gtk_widget_class_bind_template_child (widget_class, CdQueueView, error_page);
  gtk_widget_class_bind_template_child (widget_class, CdQueueView, list_box);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cd_queue_view_init (CdQueueView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_page (self);
}

/* Public API */

/* Where the headlines of the jobs' articles come from. */
void
cd_queue_view_set_store (CdQueueView *self,
                         CdStore     *store)
{
  g_return_if_fail (CD_IS_QUEUE_VIEW (self));
  g_return_if_fail (!store || CD_IS_STORE (store));

  g_set_object (&self->store, store);
}

/* jobs: a GListModel of CdPublishJob (the CdPublishQueue), or NULL */
void
cd_queue_view_set_jobs (CdQueueView *self,
                        GListModel  *jobs)
{
  g_return_if_fail (CD_IS_QUEUE_VIEW (self));
  g_return_if_fail (!jobs || G_IS_LIST_MODEL (jobs));

  if (self->jobs == jobs)
    return;
  if (self->jobs)
    g_signal_handlers_disconnect_by_data (self->jobs, self);
  g_set_object (&self->jobs, jobs);
  gtk_list_box_bind_model (self->list_box, jobs, create_row, self, NULL);
  if (jobs)
    g_signal_connect_object (jobs, "items-changed", G_CALLBACK (on_jobs_changed_cb), self,
                             G_CONNECT_SWAPPED);
  update_page (self);
}

/* Shows why the queue cannot be shown (its file does not load); NULL
 * when it can be again. */
void
cd_queue_view_set_error (CdQueueView *self,
                         const char  *message)
{
  g_autofree char *escaped = message ? g_markup_escape_text (message, -1) : NULL;

  g_return_if_fail (CD_IS_QUEUE_VIEW (self));

  g_free (self->error);
  self->error = g_strdup (message);
  /* The status page reads markup; a file's error may hold "<data>". */
  adw_status_page_set_description (self->error_page, escaped);
  update_page (self);
}

gboolean
cd_queue_view_get_sending (CdQueueView *self)
{
  g_return_val_if_fail (CD_IS_QUEUE_VIEW (self), FALSE);
  return self->sending;
}

/* TRUE while the window sends queued publishes. */
void
cd_queue_view_set_sending (CdQueueView *self,
                           gboolean     sending)
{
  g_return_if_fail (CD_IS_QUEUE_VIEW (self));

  sending = !!sending;
  if (self->sending == sending)
    return;
  self->sending = sending;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), sending);
  gtk_spinner_set_spinning (self->spinner, sending);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENDING]);
}

/* "list", "empty" (nothing waits) or "error" (the queue does not read). */
const char *
cd_queue_view_get_page (CdQueueView *self)
{
  g_return_val_if_fail (CD_IS_QUEUE_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

guint
cd_queue_view_get_n_rows (CdQueueView *self)
{
  guint n = 0;

  g_return_val_if_fail (CD_IS_QUEUE_VIEW (self), 0);

  while (gtk_list_box_get_row_at_index (self->list_box, n))
    n++;
  return n;
}

/* Returns: (transfer none) (nullable): the row shown at index */
CdQueueRow *
cd_queue_view_get_row (CdQueueView *self,
                       guint        index)
{
  g_return_val_if_fail (CD_IS_QUEUE_VIEW (self), NULL);
  return CD_QUEUE_ROW (gtk_list_box_get_row_at_index (self->list_box, index));
}

/* Puts the keyboard on the first job's buttons, or on the view. */
void
cd_queue_view_focus (CdQueueView *self)
{
  g_return_if_fail (CD_IS_QUEUE_VIEW (self));

  if (!gtk_widget_child_focus (GTK_WIDGET (self->list_box), GTK_DIR_TAB_FORWARD))
    gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
}

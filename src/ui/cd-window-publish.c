/* cd-window-publish.c: the window's side of publishing
 *
 * win.publish opens a CdPublishDialog on the open article (saved first,
 * so that a publish queued for later sends what the editor sees).  Every
 * publish that succeeds, from the dialog or from the queue, ends in a
 * toast whose button opens the post.
 *
 * Publishes that found their site unreachable wait in the store's queue.
 * The window replays it on request (win.publish-queued, or one job with
 * win.retry-publish), when a publish succeeds (a site answers again), when
 * the network comes back, and every few minutes while it runs.  A button
 * in the list's header bar shows how many wait; it opens the queue view
 * (win.show-view('queue')), where each job says why it waits and can be
 * sent now or removed (win.remove-publish).  The queue file is read again
 * when the view opens and when the window comes back to the front with
 * the file changed (copydesk-cli queue run, say).
 *
 * The window's publishing state lives in object data, like the import's,
 * so that the window's own struct stays as it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-publish-dialog.h"
#include "cd-queue-view.h"
#include "cd-toast.h"
#include "cd-ui-utils.h"
#include "cd-window-private.h"

#define STATE_KEY "cd-publish-state"
#define DIALOG_KEY "cd-publish-dialog"
#define REPLAY_INTERVAL_S (5 * 60)

typedef struct
{
  CdPublisher *publisher;       /* made once the store is there */
  GCancellable *cancellable;    /* cancelled when the window goes */
  CdPublishQueue *queue;        /* the one the view shows, once read */
  char *queue_etag;             /* of its file when last read */
  char *queue_error;            /* why it did not read, for the view */
  guint replay_source;
  guint replaying : 1;
  guint replay_requested : 1;   /* say how it went */
} PublishState;

typedef struct
{
  CdWindow *window;
  char *job_id;
  char *headline;
} RetryCall;

static void
publish_state_free (PublishState *state)
{
  g_clear_handle_id (&state->replay_source, g_source_remove);
  if (state->cancellable)
    g_cancellable_cancel (state->cancellable);
  g_clear_object (&state->cancellable);
  g_clear_object (&state->queue);
  g_free (state->queue_etag);
  g_free (state->queue_error);
  g_clear_object (&state->publisher);
  g_free (state);
}

static void
retry_call_free (RetryCall *call)
{
  g_object_unref (call->window);
  g_free (call->job_id);
  g_free (call->headline);
  g_free (call);
}

static PublishState *
get_state (CdWindow *self)
{
  return g_object_get_data (G_OBJECT (self), STATE_KEY);
}

/* The queue and its view */

static GtkWidget *
get_queue_bin (CdWindow *self)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), CD_TYPE_WINDOW,
                                                    "queue_bin"));
}

/* The queue view, or NULL until it is first shown (or after the window's
 * template went). */
static CdQueueView *
get_queue_view (CdWindow *self)
{
  GtkWidget *bin = get_queue_bin (self);

  return bin ? CD_QUEUE_VIEW (adw_bin_get_child (ADW_BIN (bin))) : NULL;
}

/* The view is made the first time it shows and takes what the window
 * already knows of the queue. */
void
_cd_window_ensure_queue_view (CdWindow *self)
{
  PublishState *state = get_state (self);
  CdQueueView *view;

  if (get_queue_view (self) || get_queue_bin (self) == NULL)
    return;
  view = g_object_new (CD_TYPE_QUEUE_VIEW, NULL);
  adw_bin_set_child (ADW_BIN (get_queue_bin (self)), GTK_WIDGET (view));
  if (state->queue)
    {
      cd_queue_view_set_store (view, self->store);
      cd_queue_view_set_jobs (view, G_LIST_MODEL (state->queue));
    }
  cd_queue_view_set_error (view, state->queue_error);
  cd_queue_view_set_sending (view, state->replaying);
}

static void
set_queue_error (CdWindow   *self,
                 const char *message)
{
  PublishState *state = get_state (self);
  CdQueueView *view = get_queue_view (self);

  g_free (state->queue_error);
  state->queue_error = g_strdup (message);
  if (view)
    cd_queue_view_set_error (view, message);
}

static char *
dup_queue_etag (CdPublishQueue *queue)
{
  g_autoptr(GFileInfo) info = g_file_query_info (cd_publish_queue_get_file (queue),
                                                 G_FILE_ATTRIBUTE_ETAG_VALUE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info ? g_strdup (g_file_info_get_etag (info)) : NULL;
}

/* The header bar's button: how many publishes wait, and a warning sign
 * when one of them needs the editor. */
static void
update_queue_button (CdWindow *self)
{
  PublishState *state = get_state (self);
  GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                                 CD_TYPE_WINDOW, "queue_button"));
  AdwButtonContent *content =
    ADW_BUTTON_CONTENT (gtk_widget_get_template_child (GTK_WIDGET (self), CD_TYPE_WINDOW,
                                                       "queue_button_content"));
  GListModel *jobs = state && state->queue ? G_LIST_MODEL (state->queue) : NULL;
  guint n = jobs ? g_list_model_get_n_items (jobs) : 0;
  gboolean needs_editor = FALSE;
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autofree char *name = NULL;

  /* Gone with the window's template. */
  if (button == NULL || content == NULL)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdPublishJob) job = g_list_model_get_item (jobs, i);

      needs_editor |= cd_publish_job_get_state (job) == CD_PUBLISH_JOB_FAILED;
    }
  name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u publish waiting for its site",
                                       "%u publishes waiting for their site", n), n);
  adw_button_content_set_label (content, count);
  adw_button_content_set_icon_name (content, needs_editor ? "dialog-warning-symbolic"
                                                          : "document-send-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_widget_set_visible (button, n > 0);
}

/* A job's state changes during a replay without the list changing. */
static void
on_job_state_changed_cb (CdWindow *self)
{
  update_queue_button (self);
}

static void
on_queue_items_changed_cb (CdWindow   *self,
                           guint       position,
                           guint       removed,
                           guint       added,
                           GListModel *jobs)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(CdPublishJob) job = g_list_model_get_item (jobs, i);

      g_signal_connect_object (job, "notify::state", G_CALLBACK (on_job_state_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  update_queue_button (self);
}

/* The first time the queue reads, the view and the button follow it. */
static void
follow_queue (CdWindow       *self,
              CdPublishQueue *queue)
{
  PublishState *state = get_state (self);
  CdQueueView *view = get_queue_view (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (queue));

  if (state->queue == queue)
    return;
  g_assert (state->queue == NULL);
  state->queue = g_object_ref (queue);
  g_signal_connect_object (queue, "items-changed", G_CALLBACK (on_queue_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (view)
    {
      cd_queue_view_set_store (view, self->store);
      cd_queue_view_set_jobs (view, G_LIST_MODEL (queue));
    }
  on_queue_items_changed_cb (self, 0, 0, n, G_LIST_MODEL (queue));
}

/* Reads the queue's file again if it changed since (the CLI may have
 * changed it): an unchanged file keeps the rows, and the keyboard's place
 * among them.  A file that does not load is shown in the view, in its
 * words. */
static CdPublishQueue *
read_queue (CdWindow  *self,
            GError   **error)
{
  PublishState *state = get_state (self);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *etag = NULL;
  CdPublishQueue *queue;

  if (state == NULL || !self->store_open)
    return NULL;
  if (state->queue && !state->replaying)
    {
      etag = dup_queue_etag (state->queue);
      if (etag && g_strcmp0 (etag, state->queue_etag) == 0)
        return state->queue;
    }
  queue = cd_publisher_get_queue (cd_window_get_publisher (self), &local_error);
  if (queue == NULL)
    {
      g_debug ("%s", local_error->message);
      set_queue_error (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  set_queue_error (self, NULL);
  follow_queue (self, queue);
  g_free (state->queue_etag);
  state->queue_etag = dup_queue_etag (queue);
  return queue;
}

/* Back in front: perhaps the CLI sent or removed something meanwhile. */
static void
on_window_active_cb (CdWindow *self)
{
  PublishState *state = get_state (self);

  if (state && state->queue && !state->replaying && gtk_window_is_active (GTK_WINDOW (self)))
    read_queue (self, NULL);
}

static void
set_replaying (CdWindow *self,
               gboolean  replaying)
{
  PublishState *state = get_state (self);
  CdQueueView *view = get_queue_view (self);

  state->replaying = replaying;
  /* A replay cancelled as the window went ends after its template. */
  if (view)
    cd_queue_view_set_sending (view, replaying);
  _cd_window_update_actions (self);
}

static void
on_replayed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CdWindow) self = user_data;
  PublishState *state = get_state (self);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  gboolean requested = state && state->replay_requested;

  if (state)
    {
      set_replaying (self, FALSE);
      state->replay_requested = FALSE;
    }
  if (!cd_publisher_replay_finish (CD_PUBLISHER (source), result, &n, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (requested)
        _cd_window_show_error (self, _("Could not send the queued publishes"), error);
      else
        g_warning ("Replaying the publish queue failed: %s", error->message);
      return;
    }
  if (requested)
    {
      CdPublishQueue *queue = read_queue (self, NULL);
      guint left = queue ? g_list_model_get_n_items (G_LIST_MODEL (queue)) : 0;
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u queued article published",
                                                            "%u queued articles published", n),
                                               n);
      g_autofree char *published = NULL;
      g_autofree char *waiting = NULL;
      AdwToast *toast;

      if (left == 0)
        {
          _cd_window_toast (self, text);
          return;
        }
      /* Each count gets its own plural forms. */
      published = g_steal_pointer (&text);
      waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u is still waiting for its site",
                                              "%u are still waiting for their sites", left),
                                 left);
      /* Translators: what was published, then what still waits, e.g.
       * “2 queued articles published; 1 is still waiting for its site” */
      text = g_strdup_printf (_("%s; %s"), published, waiting);
      toast = adw_toast_new (text);
      adw_toast_set_button_label (toast, _("_Show Why"));
      adw_toast_set_action_name (toast, "win.show-view");
      adw_toast_set_action_target_value (toast, g_variant_new_string ("queue"));
      cd_toast_add (self->toast_overlay, toast);
    }
}

/* Publishes what waits in the queue, if anything does; requested by the
 * editor, it says how it went even when nothing waited. */
static void
replay_queue (CdWindow *self,
              gboolean  requested)
{
  PublishState *state = get_state (self);
  g_autoptr(GError) error = NULL;
  CdPublishQueue *queue;
  CdPublisher *publisher;

  if (state == NULL || state->replaying || !self->store_open)
    return;
  publisher = cd_window_get_publisher (self);
  queue = read_queue (self, &error);
  if (queue == NULL)
    {
      if (requested)
        _cd_window_show_error (self, _("Could not read the publish queue"), error);
      else
        g_warning ("%s", error ? error->message : "no store");
      return;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (queue)) == 0)
    {
      if (requested)
        _cd_window_toast (self, _("No publishes are waiting"));
      return;
    }
  set_replaying (self, TRUE);
  state->replay_requested = requested;
  cd_publisher_replay_async (publisher, state->cancellable, on_replayed_cb, g_object_ref (self));
}

static void
on_retried_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  RetryCall *call = user_data;
  CdWindow *self = call->window;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (get_state (self))
    set_replaying (self, FALSE);
  if (!cd_publisher_replay_finish (CD_PUBLISHER (source), result, &n, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _cd_window_show_error (self, _("Could not send the publish"), error);
      retry_call_free (call);
      return;
    }
  if (n == 0)
    {
      /* Its row says why, in words, now that the attempt is recorded. */
      g_autofree char *text = g_strdup_printf (_("“%s” was not sent; its row in the queue says "
                                                 "why"), call->headline);

      _cd_window_toast (self, text);
    }
  else
    /* The site answers: whatever else waits goes too. */
    replay_queue (self, FALSE);
  retry_call_free (call);
}


static gboolean
on_replay_tick_cb (gpointer user_data)
{
  replay_queue (CD_WINDOW (user_data), FALSE);
  return G_SOURCE_CONTINUE;
}

static void
on_network_changed_cb (CdWindow        *self,
                       gboolean         available,
                       GNetworkMonitor *monitor)
{
  if (available)
    replay_queue (self, FALSE);
}

/* The publisher's signals */

static void
on_published_cb (CdWindow      *self,
                 CdArticle     *article,
                 CdSiteBinding *binding,
                 CdPublisher   *publisher)
{
  g_autofree char *text = NULL;
  const char *link = cd_site_binding_get_link (binding);
  AdwToast *toast;

  text = g_strdup_printf (_("“%s” published on %s"), cd_article_get_headline (article),
                          cd_site_binding_get_site (binding));
  toast = adw_toast_new (text);
  if (link && *link)
    {
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "win.open-link");
      adw_toast_set_action_target_value (toast, g_variant_new_string (link));
    }
  adw_toast_set_timeout (toast, 10);
  cd_toast_add (self->toast_overlay, toast);

  /* Sent from the queue, the article was saved with its post by the
   * publisher: the editor takes that version. */
  if (self->article && article != self->article &&
      g_strcmp0 (cd_article_get_id (article), cd_article_get_id (self->article)) == 0)
    _cd_window_take_disk_version (self);
  _cd_window_update_actions (self);

  /* A site that answers again: send what waited for it. */
  replay_queue (self, FALSE);
}

static void
on_save_failed_cb (CdWindow    *self,
                   CdArticle   *article,
                   GError      *error,
                   CdPublisher *publisher)
{
  _cd_window_show_error (self, _("Published, but not saved"), error);
}

/* Actions */

static void
on_dialog_gone (gpointer  data,
                GObject  *where_the_dialog_was)
{
  CdWindow *self = data;

  if (g_object_get_data (G_OBJECT (self), DIALOG_KEY) == where_the_dialog_was)
    g_object_set_data (G_OBJECT (self), DIALOG_KEY, NULL);
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (self->article == NULL || !self->store_open)
    return;
  /* What is queued is sent as it is on disk then: save it now. */
  if (!_cd_window_flush (self, &error))
    {
      _cd_window_show_error (self, _("Could not save the article"), error);
      return;
    }
  dialog = cd_publish_dialog_new (GTK_WINDOW (self), cd_window_get_publisher (self),
                                  self->article);
  g_object_set_data (G_OBJECT (self), DIALOG_KEY, dialog);
  g_object_weak_ref (G_OBJECT (dialog), on_dialog_gone, self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
publish_queued_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  replay_queue (CD_WINDOW (widget), TRUE);
}

static void
retry_publish_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  PublishState *state = get_state (self);
  const char *job_id = g_variant_get_string (param, NULL);
  CdPublishJob *job;
  CdArticleSummary *summary;
  RetryCall *call;

  if (state == NULL || state->replaying || state->queue == NULL)
    return;
  job = cd_publish_queue_find_job (state->queue, job_id);
  summary = job ? cd_store_find (self->store, cd_publish_job_get_article_id (job)) : NULL;
  call = g_new0 (RetryCall, 1);
  call->window = g_object_ref (self);
  call->job_id = g_strdup (job_id);
  call->headline = g_strdup (summary ? cd_article_summary_get_headline (summary) : job_id);
  set_replaying (self, TRUE);
  cd_publisher_replay_job_async (cd_window_get_publisher (self), job_id, state->cancellable,
                                 on_retried_cb, call);
}

static void
remove_publish_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  PublishState *state = get_state (self);
  g_autoptr(GError) error = NULL;

  if (state == NULL || state->queue == NULL)
    return;
  /* During a replay the queue in memory is the one to change: the replay
   * skips a job removed meanwhile. */
  if (!cd_publish_queue_remove (state->queue, g_variant_get_string (param, NULL), &error))
    {
      _cd_window_show_error (self, _("Could not remove the publish from the queue"), error);
      return;
    }
  g_free (state->queue_etag);
  state->queue_etag = dup_queue_etag (state->queue);
  _cd_window_toast (self, _("Removed from the queue; the article is as it was"));
}

static void
open_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (param, NULL), GDK_CURRENT_TIME);
}

static void
on_window_destroy_cb (CdWindow *self)
{
  PublishState *state = get_state (self);
  GtkWidget *dialog = g_object_get_data (G_OBJECT (self), DIALOG_KEY);

  if (dialog)
    gtk_window_destroy (GTK_WINDOW (dialog));
  if (state == NULL)
    return;
  g_clear_handle_id (&state->replay_source, g_source_remove);
  g_cancellable_cancel (state->cancellable);
}

/* Private API */

void
_cd_window_class_publish_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.publish", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "win.open-link", "s", open_link_action);
  gtk_widget_class_install_action (widget_class, "win.publish-queued", NULL,
                                   publish_queued_action);
  gtk_widget_class_install_action (widget_class, "win.retry-publish", "s", retry_publish_action);
  gtk_widget_class_install_action (widget_class, "win.remove-publish", "s",
                                   remove_publish_action);

  /* Kept out of the window's struct: found with gtk_widget_get_template_child(). */
  gtk_widget_class_bind_template_child_full (widget_class, "queue_bin", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "queue_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "queue_button_content", FALSE, 0);
}

void
_cd_window_publish_init (CdWindow *self)
{
  PublishState *state = g_new0 (PublishState, 1);

  state->cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (self), STATE_KEY, state,
                          (GDestroyNotify) publish_state_free);
  state->replay_source = g_timeout_add_seconds (REPLAY_INTERVAL_S, on_replay_tick_cb, self);
  g_signal_connect_object (g_network_monitor_get_default (), "network-changed",
                           G_CALLBACK (on_network_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "destroy", G_CALLBACK (on_window_destroy_cb), NULL);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_window_active_cb), NULL);
}

/* The store is open: the queue can be read, and the button show it. */
void
_cd_window_publish_store_opened (CdWindow *self)
{
  read_queue (self, NULL);
}

/* The queue view is shown (win.show-view): it reads the queue afresh. */
void
_cd_window_refresh_queue (CdWindow *self)
{
  read_queue (self, NULL);
}

/* The keyboard on the queue's first job. */
void
_cd_window_focus_queue (CdWindow *self)
{
  _cd_window_ensure_queue_view (self);
  cd_queue_view_focus (get_queue_view (self));
}

void
_cd_window_update_publish_actions (CdWindow *self)
{
  PublishState *state = get_state (self);
  gboolean replaying = state == NULL || state->replaying;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.publish-queued", !replaying);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.retry-publish", !replaying);
}

/* Public API */

/**
 * cd_window_get_publisher:
 *
 * Returns: (transfer none) (nullable): the publisher of the window's
 *   store; NULL before the store is set
 */
CdPublisher *
cd_window_get_publisher (CdWindow *self)
{
  PublishState *state;

  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);

  state = get_state (self);
  if (state == NULL || self->store == NULL)
    return NULL;
  if (state->publisher == NULL)
    {
      state->publisher = cd_publisher_new (self->store);
      g_signal_connect_object (state->publisher, "published", G_CALLBACK (on_published_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (state->publisher, "save-failed", G_CALLBACK (on_save_failed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  return state->publisher;
}

/* The queue view (the page win.show-view('queue') shows). */
GtkWidget *
cd_window_get_queue_view (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);
  _cd_window_ensure_queue_view (self);
  return GTK_WIDGET (get_queue_view (self));
}

/* TRUE while queued publishes are being sent. */
gboolean
cd_window_get_sending_queued (CdWindow *self)
{
  PublishState *state;

  g_return_val_if_fail (CD_IS_WINDOW (self), FALSE);

  state = get_state (self);
  return state && state->replaying;
}

/* The publish dialog, while one is showing. */
GtkWidget *
cd_window_get_publish_dialog (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);
  return g_object_get_data (G_OBJECT (self), DIALOG_KEY);
}

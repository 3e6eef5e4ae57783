/* cd-window-publish.c: the window's side of publishing
 *
 * win.publish opens a CdPublishDialog on the open article (saved first,
 * so that a publish queued for later sends what the editor sees).  Every
 * publish that succeeds, from the dialog or from the queue, ends in a
 * toast whose button opens the post.
 *
 * Publishes that found their site unreachable wait in the store's queue.
 * The window replays it on request (win.publish-queued), when a publish
 * succeeds (a site answers again), when the network comes back, and every
 * few minutes while it runs.
 *
 * The window's publishing state lives in object data, like the import's,
 * so that the window's own struct stays as it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-publish-dialog.h"
#include "cd-window-private.h"

#define STATE_KEY "cd-publish-state"
#define DIALOG_KEY "cd-publish-dialog"
#define REPLAY_INTERVAL_S (5 * 60)

typedef struct
{
  CdPublisher *publisher;       /* made once the store is there */
  GCancellable *cancellable;    /* cancelled when the window goes */
  guint replay_source;
  guint replaying : 1;
  guint replay_requested : 1;   /* say how it went */
} PublishState;

static void
publish_state_free (PublishState *state)
{
  g_clear_handle_id (&state->replay_source, g_source_remove);
  if (state->cancellable)
    g_cancellable_cancel (state->cancellable);
  g_clear_object (&state->cancellable);
  g_clear_object (&state->publisher);
  g_free (state);
}

static PublishState *
get_state (CdWindow *self)
{
  return g_object_get_data (G_OBJECT (self), STATE_KEY);
}

/* The queue */

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
      state->replaying = FALSE;
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
      CdPublishQueue *queue = cd_publisher_get_queue (CD_PUBLISHER (source), NULL);
      guint left = queue ? g_list_model_get_n_items (G_LIST_MODEL (queue)) : 0;
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u queued article published",
                                                            "%u queued articles published", n),
                                               n);

      /* Each count gets its own plural forms. */
      if (left > 0)
        {
          g_autofree char *published = g_steal_pointer (&text);
          g_autofree char *waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "%u is still waiting for its site (see copydesk-cli queue list)",
                                                                   "%u are still waiting for their sites (see copydesk-cli queue list)",
                                                                   left),
                                                      left);

          /* Translators: what was published, then what still waits, e.g.
           * “2 queued articles published; 1 is still waiting for its site” */
          text = g_strdup_printf (_("%s; %s"), published, waiting);
        }
      _cd_window_toast (self, text);
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
  queue = cd_publisher_get_queue (publisher, &error);
  if (queue == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (queue)) == 0)
    {
      if (requested)
        _cd_window_toast (self, _("No publishes are waiting"));
      return;
    }
  state->replaying = TRUE;
  state->replay_requested = requested;
  cd_publisher_replay_async (publisher, state->cancellable, on_replayed_cb, g_object_ref (self));
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
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

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

/* The publish dialog, while one is showing. */
GtkWidget *
cd_window_get_publish_dialog (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);
  return g_object_get_data (G_OBJECT (self), DIALOG_KEY);
}

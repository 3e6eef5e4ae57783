/* cd-publisher.c: publishing the articles of a store to its sites
 *
 * CdWpClient knows WordPress; CdPublisher knows the store around it: the
 * site profiles in store.json, where each site's password comes from, the
 * photo files, the headline limit the editors set, and the publish queue
 * in the store's folder.  The CLI and the window both go through it, so
 * that they publish the same way:
 *
 *  - the checks run first, with the store's headline limit;
 *  - a failed publish changes nothing in the article; a successful one
 *    records the site binding (post id, link, the site's modified time)
 *    and, for a post that is live (status "publish"), marks the article
 *    published; a draft, a post pending review or a scheduled post leave
 *    the article's status as it was;
 *  - a publish that fails because the site cannot be reached or is
 *    overloaded (cd_publish_queue_error_is_transient()) is queued, and the
 *    queue is replayed on request (cd_publisher_replay_async());
 *  - one CdWpClient per site is kept for the publisher's life, so that the
 *    REST API root is discovered once, not once per article.
 *
 * The password is looked up when a site's client is first made (see
 * cd_site_password_lookup()) and never leaves the client again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "copydesk-publish"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "cd-publisher.h"
#include "cd-site-password.h"
#include "cd-util.h"

/* The editor's default, used when store.json has no usable limit. */
#define DEFAULT_HEADLINE_LIMIT 90

struct _CdPublisher
{
  GObject parent_instance;

  CdStore *store;
  char *password_file;
  guint timeout;
  GHashTable *clients;        /* "name\nurl\nuser" → CdWpClient */
  CdPublishQueue *queue;      /* loaded on first use */
  guint replaying : 1;
};

G_DEFINE_FINAL_TYPE (CdPublisher, cd_publisher, G_TYPE_OBJECT)

G_DEFINE_QUARK (cd-publisher-error-quark, cd_publisher_error)

enum {
  PUBLISHED,
  SAVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  CdArticle *article;
  char *site;
  CdWpStatus status;
  GDateTime *publish_at;
  CdWpPublishFlags flags;
  gboolean save;
  CdPublishJob *queued;
} PublishData;

typedef struct
{
  char *site;
  gboolean update;
} PullData;

typedef struct
{
  CdArticle *article;       /* a copy of the caller's: saved when updated */
  char *site;
  gboolean update;
  CdArticle *pulled;        /* the site's version */
} PullArticleData;

void
cd_pull_result_free (CdPullResult *result)
{
  if (result == NULL)
    return;
  g_free (result->article_id);
  g_free (result->post_id);
  g_free (result->headline);
  g_free (result);
}

static void
publish_data_free (PublishData *data)
{
  g_clear_object (&data->article);
  g_free (data->site);
  g_clear_pointer (&data->publish_at, g_date_time_unref);
  g_clear_object (&data->queued);
  g_free (data);
}

static void
pull_data_free (PullData *data)
{
  g_free (data->site);
  g_free (data);
}

static void
pull_article_data_free (PullArticleData *data)
{
  g_clear_object (&data->article);
  g_free (data->site);
  g_clear_object (&data->pulled);
  g_free (data);
}

/* ------------------------------------------------------------------------
 * Sites and clients
 * ------------------------------------------------------------------------ */

static char *
client_key (CdSite *site)
{
  return g_strjoin ("\n", cd_site_get_name (site), cd_site_get_url (site),
                    cd_site_get_user (site), NULL);
}

/* The status an article takes once its post is on the site. */
void
cd_publisher_apply_status (CdArticle  *article,
                           CdWpStatus  status)
{
  g_return_if_fail (CD_IS_ARTICLE (article));

  if (status == CD_WP_STATUS_PUBLISH &&
      cd_article_get_status (article) != CD_ARTICLE_STATUS_PUBLISHED)
    cd_article_set_status (article, CD_ARTICLE_STATUS_PUBLISHED);
}

/* ------------------------------------------------------------------------
 * Publishing
 * ------------------------------------------------------------------------ */

/* Saves what a publish changed in the article; FALSE (and the signal
 * "save-failed") when the store refused. */
static gboolean
save_published (CdPublisher    *self,
                CdArticle      *article,
                CdSiteBinding  *binding,
                GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  if (cd_store_save_article (self->store, article, NULL, &local_error))
    return TRUE;
  g_prefix_error (&local_error,
                  _("Published as post %s (%s), but the article could not be saved, so it does "
                    "not know its post yet; publishing it again finds the same post: "),
                  cd_site_binding_get_post_id (binding),
                  cd_site_binding_get_link (binding) ? cd_site_binding_get_link (binding) : "");
  g_signal_emit (self, signals[SAVE_FAILED], 0, article, local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
on_client_published_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdPublisher *self = g_task_get_source_object (task);
  PublishData *data = g_task_get_task_data (task);
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) queue_error = NULL;
  CdPublishQueue *queue;
  CdPublishJob *job = NULL;

  binding = cd_wp_client_publish_finish (CD_WP_CLIENT (source), result, &error);
  if (binding)
    {
      cd_publisher_apply_status (data->article, data->status);
      if (data->save && !save_published (self, data->article, binding, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_signal_emit (self, signals[PUBLISHED], 0, data->article, binding);
      g_task_return_pointer (task, g_steal_pointer (&binding), g_object_unref);
      return;
    }

  if (!cd_publish_queue_error_is_transient (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The site is away for now: keep the publish for later. */
  queue = cd_publisher_get_queue (self, &queue_error);
  if (queue)
    job = cd_publish_queue_add (queue, cd_article_get_id (data->article), data->site,
                                data->status, data->publish_at, data->flags, &queue_error);
  /* The failure that queued it is the job's first attempt: the queue
   * shows why it waits from the start. */
  if (job && !cd_publish_queue_record_failure (queue, job, error, &queue_error))
    g_warning ("Could not record why the publish was queued: %s", queue_error->message);
  if (job)
    data->queued = g_object_ref (job);
  else
    g_prefix_error (&error, _("Could not queue the publish for later (%s): "),
                    queue_error ? queue_error->message : _("unknown error"));
  g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * cd_publisher_publish_async:
 * @article: the article, as it is to be published
 * @site: the name of a site in the store's settings
 * @publish_at: (nullable): the time of a scheduled post (CD_WP_STATUS_FUTURE)
 * @save: whether to save the article to the store once published; a
 *   window that autosaves its open article passes FALSE
 *
 * Publishes @article to @site.  On success the article holds its binding
 * to the post (and the status, see cd_publisher_apply_status()) and
 * "published" is emitted.  On failure the article is left as it was; when
 * the failure is transient the publish is queued and
 * cd_publisher_publish_finish() hands out the queued job.
 */
void
cd_publisher_publish_async (CdPublisher         *self,
                            CdArticle           *article,
                            const char          *site,
                            CdWpStatus           status,
                            GDateTime           *publish_at,
                            CdWpPublishFlags     flags,
                            gboolean             save,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) photo_files = NULL;
  g_autoptr(GError) error = NULL;
  PublishData *data;
  CdWpClient *client;

  g_return_if_fail (CD_IS_PUBLISHER (self));
  g_return_if_fail (CD_IS_ARTICLE (article));
  g_return_if_fail (site != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_publisher_publish_async);
  data = g_new0 (PublishData, 1);
  data->article = g_object_ref (article);
  data->site = g_strdup (site);
  data->status = status;
  data->publish_at = publish_at ? g_date_time_ref (publish_at) : NULL;
  data->flags = flags;
  data->save = save;
  g_task_set_task_data (task, data, (GDestroyNotify) publish_data_free);

  client = cd_publisher_get_client (self, site, &error);
  if (client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  photo_files = cd_publisher_dup_photo_files (self, article);
  cd_wp_client_publish_async (client, article, site, photo_files, status, publish_at, flags,
                              cancellable, on_client_published_cb, g_steal_pointer (&task));
}

/**
 * cd_publisher_publish_finish:
 * @queued: (out) (optional) (transfer full): the job queued after a
 *   transient failure, or NULL
 *
 * Returns: (transfer full): the article's new binding, or NULL with @error
 */
CdSiteBinding *
cd_publisher_publish_finish (CdPublisher   *self,
                             GAsyncResult  *result,
                             CdPublishJob **queued,
                             GError       **error)
{
  PublishData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (queued)
    *queued = data && data->queued ? g_object_ref (data->queued) : NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------
 * Checking a site
 * ------------------------------------------------------------------------ */

static void
on_credentials_checked_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *site = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *name;

  name = cd_wp_client_check_credentials_finish (CD_WP_CLIENT (source), result, &error);
  if (name)
    {
      g_task_return_pointer (task, name, g_free);
      return;
    }
  if (g_error_matches (error, CD_WP_ERROR, CD_WP_ERROR_UNAUTHORIZED))
    {
      CdWpClient *client = CD_WP_CLIENT (source);

      g_task_return_new_error (task, CD_WP_ERROR, CD_WP_ERROR_UNAUTHORIZED,
                               _("Site “%s” refused user “%s” with this password (HTTP %u). "
                                 "Give the user’s application password (WordPress: Users → "
                                 "Profile → Application Passwords), not the login password."),
                               site, cd_wp_client_get_user (client),
                               cd_wp_error_get_http_status (error));
      return;
    }
  g_task_return_error (task, g_steal_pointer (&error));
}

static void
on_discovered_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *root = NULL;

  root = cd_wp_client_discover_finish (CD_WP_CLIENT (source), result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cd_wp_client_check_credentials_async (CD_WP_CLIENT (source), cancellable,
                                        on_credentials_checked_cb, g_steal_pointer (&task));
}

/* Finds the site's REST API afresh and logs in; returns the name of the
 * user logged in as. */
void
cd_publisher_check_site_async (CdPublisher         *self,
                               const char          *site,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  CdWpClient *client;

  g_return_if_fail (CD_IS_PUBLISHER (self));
  g_return_if_fail (site != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_publisher_check_site_async);
  g_task_set_task_data (task, g_strdup (site), g_free);
  client = cd_publisher_get_client (self, site, &error);
  if (client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cd_wp_client_discover_async (client, cancellable, on_discovered_cb, g_steal_pointer (&task));
}

char *
cd_publisher_check_site_finish (CdPublisher   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------
 * The queue
 * ------------------------------------------------------------------------ */

static void
on_queue_published_cb (CdPublisher    *self,
                       CdPublishJob   *job,
                       CdArticle      *article,
                       CdSiteBinding  *binding,
                       CdPublishQueue *queue)
{
  cd_publisher_apply_status (article, cd_publish_job_get_status (job));
  if (save_published (self, article, binding, NULL))
    g_signal_emit (self, signals[PUBLISHED], 0, article, binding);
}

/* Gives each queued job its article as it is now, its photos and the
 * client of its site. */
static gboolean
prepare_job (CdPublishJob  *job,
             CdArticle    **article,
             GHashTable   **photo_files,
             CdWpClient   **client,
             gpointer       user_data,
             GError       **error)
{
  CdPublisher *self = user_data;
  g_autoptr(CdArticle) loaded = NULL;
  CdWpClient *site_client;

  loaded = cd_store_load_article (self->store, cd_publish_job_get_article_id (job), NULL, error);
  if (loaded == NULL)
    return FALSE;
  site_client = cd_publisher_get_client (self, cd_publish_job_get_site (job), error);
  if (site_client == NULL)
    return FALSE;
  *photo_files = cd_publisher_dup_photo_files (self, loaded);
  *client = g_object_ref (site_client);
  *article = g_steal_pointer (&loaded);
  return TRUE;
}

static void
on_replayed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdPublisher *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  self->replaying = FALSE;
  if (!cd_publish_queue_replay_finish (CD_PUBLISH_QUEUE (source), result, &n, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, n);
}

/* One replay at a time: the queue is not re-read while one runs, and its
 * end clears the flag. */
static gboolean
check_not_replaying (CdPublisher  *self,
                     GError      **error)
{
  if (!self->replaying)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                       _("The queued publishes are being sent already; try again when that "
                         "is done."));
  return FALSE;
}

/* Publishes what is queued, oldest first (see CdPublishQueue); each
 * article published is saved with its binding. */
void
cd_publisher_replay_async (CdPublisher         *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  CdPublishQueue *queue;

  g_return_if_fail (CD_IS_PUBLISHER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_publisher_replay_async);
  queue = check_not_replaying (self, &error) ? cd_publisher_get_queue (self, &error) : NULL;
  if (queue == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->replaying = TRUE;
  cd_publish_queue_replay_async (queue, prepare_job, self, cancellable, on_replayed_cb,
                                 g_steal_pointer (&task));
}

/* Publishes the queued job job_id now (see cd_publisher_replay_async());
 * finish with cd_publisher_replay_finish(). */
void
cd_publisher_replay_job_async (CdPublisher         *self,
                               const char          *job_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  CdPublishQueue *queue;

  g_return_if_fail (CD_IS_PUBLISHER (self));
  g_return_if_fail (job_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_publisher_replay_job_async);
  queue = check_not_replaying (self, &error) ? cd_publisher_get_queue (self, &error) : NULL;
  if (queue == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->replaying = TRUE;
  cd_publish_queue_replay_job_async (queue, job_id, prepare_job, self, cancellable,
                                     on_replayed_cb, g_steal_pointer (&task));
}

gboolean
cd_publisher_replay_finish (CdPublisher   *self,
                            GAsyncResult  *result,
                            guint         *n_published,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), &local_error);
  if (n_published)
    *n_published = local_error ? 0 : (guint) n;
  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------
 * Pulling
 * ------------------------------------------------------------------------ */

typedef struct
{
  char *article_id;
  char *remote_modified;
} Bound;

static void
bound_free (Bound *bound)
{
  g_free (bound->article_id);
  g_free (bound->remote_modified);
  g_free (bound);
}

/* post id → Bound, for every article of the store bound to site.  Reads
 * each article: the list summaries do not carry bindings. */
static GHashTable *
collect_bound (CdPublisher  *self,
               const char   *site,
               GError      **error)
{
  g_autoptr(GHashTable) bound = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) bound_free);
  GListModel *list = G_LIST_MODEL (self->store);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CdArticleSummary) summary = g_list_model_get_item (list, i);
      g_autoptr(CdArticle) article = NULL;
      CdSiteBinding *binding;
      const char *post_id;
      Bound *entry;

      article = cd_store_load_article (self->store, cd_article_summary_get_id (summary), NULL,
                                       error);
      if (article == NULL)
        return NULL;
      binding = cd_article_get_binding (article, site);
      post_id = binding ? cd_site_binding_get_post_id (binding) : NULL;
      if (cd_str_is_blank (post_id))
        continue;
      entry = g_new0 (Bound, 1);
      entry->article_id = g_strdup (cd_article_get_id (article));
      entry->remote_modified = g_strdup (cd_site_binding_get_remote_modified (binding));
      g_hash_table_insert (bound, g_strdup (post_id), entry);
    }
  return g_steal_pointer (&bound);
}

static CdPullResult *
pull_result_new (CdPullAction  action,
                 CdArticle    *article,
                 const char   *article_id,
                 const char   *post_id)
{
  CdPullResult *result = g_new0 (CdPullResult, 1);

  result->action = action;
  result->article_id = g_strdup (article_id);
  result->post_id = g_strdup (post_id);
  result->headline = g_strdup (cd_article_get_headline (article));
  return result;
}

/* A post's content comes as HTML, and a body is Markdown.  When the
 * content is just what publishing the article's body made, the site did
 * not touch the text: the pulled version takes that body back, so that
 * taking it is no change.  Otherwise (or for a post with no article yet:
 * article NULL) the content is converted, leaving out the figures that
 * publishing appended for the article's further photos.  Content that
 * cannot be read stays as it came, so nothing is lost. */
static void
take_body_as_markdown (CdArticle  *article,
                       CdArticle  *pulled,
                       const char *site)
{
  const char *content = cd_article_get_body (pulled);
  g_autofree char *markdown = NULL;
  g_autoptr(GError) error = NULL;
  guint n_own_figures = 0;

  if (article && cd_wp_content_is_body (content, cd_article_get_body (article)))
    {
      cd_article_set_body (pulled, cd_article_get_body (article));
      return;
    }
  if (article && cd_article_get_n_photos (article) > 1)
    n_own_figures = cd_article_get_n_photos (article) - 1;
  markdown = cd_wp_content_to_markdown (content, n_own_figures, &error);
  if (markdown == NULL)
    {
      CdSiteBinding *binding = cd_article_get_binding (pulled, site);

      g_warning ("Post %s on site “%s” keeps its HTML body: %s",
                 binding ? cd_site_binding_get_post_id (binding) : "?", site, error->message);
      return;
    }
  cd_article_set_body (pulled, markdown);
}

/* The site's version of the post (its body already Markdown) replaces the
 * article's text; its id, photos, notes and other bindings stay. */
static void
take_post (CdArticle  *article,
           CdArticle  *pulled,
           const char *site)
{
  cd_article_set_headline (article, cd_article_get_headline (pulled));
  cd_article_set_standfirst (article, cd_article_get_standfirst (pulled));
  cd_article_set_body (article, cd_article_get_body (pulled));
  cd_article_set_section (article, cd_article_get_section (pulled));
  cd_article_set_tags (article, cd_article_get_tags (pulled));
  cd_article_set_status (article, cd_article_get_status (pulled));
  cd_article_set_binding (article, cd_article_get_binding (pulled, site));
}

static gboolean
update_from_post (CdPublisher  *self,
                  const char   *article_id,
                  CdArticle    *pulled,
                  const char   *site,
                  GError      **error)
{
  g_autoptr(CdArticle) article = cd_store_load_article (self->store, article_id, NULL, error);

  if (article == NULL)
    return FALSE;
  take_body_as_markdown (article, pulled, site);
  take_post (article, pulled, site);
  return cd_store_save_article (self->store, article, NULL, error);
}

static GPtrArray *
merge_pulled (CdPublisher  *self,
              GPtrArray    *pulled,
              const char   *site,
              gboolean      update,
              GError      **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_pull_result_free);
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  g_autoptr(GHashTable) bound = collect_bound (self, site, error);

  if (bound == NULL)
    return NULL;

  for (guint i = 0; i < pulled->len; i++)
    {
      CdArticle *article = g_ptr_array_index (pulled, i);
      CdSiteBinding *binding = cd_article_get_binding (article, site);
      const char *post_id = cd_site_binding_get_post_id (binding);
      Bound *entry = g_hash_table_lookup (bound, post_id);
      CdPullAction action;

      if (entry == NULL)
        {
          take_body_as_markdown (NULL, article, site);
          if (cd_str_is_blank (cd_article_get_language (article)))
            cd_article_set_language (article, cd_store_get_default_language (self->store));
          g_ptr_array_add (added, article);
          g_ptr_array_add (results, pull_result_new (CD_PULL_ADDED, article,
                                                     cd_article_get_id (article), post_id));
          continue;
        }
      if (g_strcmp0 (entry->remote_modified, cd_site_binding_get_remote_modified (binding)) == 0)
        action = CD_PULL_UNCHANGED;
      else if (!update)
        action = CD_PULL_SKIPPED;
      else if (update_from_post (self, entry->article_id, article, site, error))
        action = CD_PULL_UPDATED;
      else
        {
          g_prefix_error (error, _("Could not update article %s from post %s: "),
                          entry->article_id, post_id);
          return NULL;
        }
      g_ptr_array_add (results, pull_result_new (action, article, entry->article_id, post_id));
    }

  if (!cd_store_add_articles (self->store, added, NULL, error))
    {
      g_prefix_error (error, _("Could not add the pulled articles: "));
      return NULL;
    }
  return g_steal_pointer (&results);
}

static void
on_pulled_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdPublisher *self = g_task_get_source_object (task);
  PullData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) pulled = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  pulled = cd_wp_client_pull_finish (CD_WP_CLIENT (source), result, &error);
  if (pulled == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  results = merge_pulled (self, pulled, data->site, data->update, &error);
  if (results == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * cd_publisher_pull_async:
 * @update: whether an article bound to a post that changed on the site
 *   takes the site's version (else it is left alone: CD_PULL_SKIPPED)
 *
 * Adds every post of @site that no article is bound to yet as a new
 * article; a post already bound is never added twice.
 */
void
cd_publisher_pull_async (CdPublisher         *self,
                         const char          *site,
                         gboolean             update,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  PullData *data;
  CdWpClient *client;

  g_return_if_fail (CD_IS_PUBLISHER (self));
  g_return_if_fail (site != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_publisher_pull_async);
  data = g_new0 (PullData, 1);
  data->site = g_strdup (site);
  data->update = update;
  g_task_set_task_data (task, data, (GDestroyNotify) pull_data_free);

  client = cd_publisher_get_client (self, site, &error);
  if (client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cd_wp_client_pull_async (client, site, 0, cancellable, on_pulled_cb, g_steal_pointer (&task));
}

/* Returns: (transfer full) (element-type CdPullResult): what became of
 * each post, oldest first. */
GPtrArray *
cd_publisher_pull_finish (CdPublisher   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_post_pulled_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdPublisher *self = g_task_get_source_object (task);
  PullArticleData *data = g_task_get_task_data (task);
  g_autoptr(CdArticle) pulled = NULL;
  g_autoptr(GError) error = NULL;
  CdSiteBinding *ours = cd_article_get_binding (data->article, data->site);
  CdSiteBinding *theirs;
  const char *post_id = cd_site_binding_get_post_id (ours);
  CdPullAction action;

  pulled = cd_wp_client_pull_post_finish (CD_WP_CLIENT (source), result, &error);
  if (pulled == NULL)
    {
      if (g_error_matches (error, CD_WP_ERROR, CD_WP_ERROR_NOT_FOUND))
        g_prefix_error (&error, _("Post %s is no longer on site “%s”; perhaps it was deleted "
                                  "there: "), post_id, data->site);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  theirs = cd_article_get_binding (pulled, data->site);
  take_body_as_markdown (data->article, pulled, data->site);
  data->pulled = g_object_ref (pulled);
  if (g_strcmp0 (cd_site_binding_get_remote_modified (ours),
                 cd_site_binding_get_remote_modified (theirs)) == 0)
    action = CD_PULL_UNCHANGED;
  else if (!data->update)
    action = CD_PULL_SKIPPED;
  else
    {
      take_post (data->article, pulled, data->site);
      /* Saved over the revision the caller had: an edit made meanwhile
       * makes this fail rather than vanish. */
      if (!cd_store_save_article (self->store, data->article, NULL, &error))
        {
          g_prefix_error (&error, _("The site’s version of post %s was not taken: "), post_id);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      action = CD_PULL_UPDATED;
    }
  g_task_return_pointer (task, pull_result_new (action, pulled, cd_article_get_id (data->article),
                                                post_id),
                         (GDestroyNotify) cd_pull_result_free);
}

/**
 * cd_publisher_pull_article_async:
 * @article: an article of the store, bound to a post on @site; it is
 *   not changed (a copy is saved)
 * @update: whether the article takes the site's version when the post
 *   changed there since Copydesk last wrote or pulled it (else the result
 *   is CD_PULL_SKIPPED, as with cd_publisher_pull_async())
 *
 * Fetches the post @article is bound to on @site.  Taking the site's
 * version replaces headline, standfirst, body, section, tags and status
 * and saves the article over the revision @article has, so that a change
 * saved meanwhile makes the pull fail (CD_STORE_ERROR_CONFLICT) instead of
 * being overwritten.
 */
void
cd_publisher_pull_article_async (CdPublisher         *self,
                                 CdArticle           *article,
                                 const char          *site,
                                 gboolean             update,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  PullArticleData *data;
  CdSiteBinding *binding;
  CdWpClient *client;

  g_return_if_fail (CD_IS_PUBLISHER (self));
  g_return_if_fail (CD_IS_ARTICLE (article));
  g_return_if_fail (site != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_publisher_pull_article_async);
  data = g_new0 (PullArticleData, 1);
  data->article = cd_article_copy (article);
  data->site = g_strdup (site);
  data->update = update;
  g_task_set_task_data (task, data, (GDestroyNotify) pull_article_data_free);

  binding = cd_article_get_binding (article, site);
  if (binding == NULL || cd_str_is_blank (cd_site_binding_get_post_id (binding)))
    {
      g_task_return_new_error (task, CD_PUBLISHER_ERROR, CD_PUBLISHER_ERROR_NOT_BOUND,
                               _("This article has not been published on site “%s”, so there "
                                 "is nothing to bring back from it."), site);
      return;
    }
  client = cd_publisher_get_client (self, site, &error);
  if (client == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cd_wp_client_pull_post_async (client, site, cd_site_binding_get_post_id (binding), cancellable,
                                on_post_pulled_cb, g_steal_pointer (&task));
}

/**
 * cd_publisher_pull_article_finish:
 * @pulled: (out) (optional) (transfer full): the site's version of the
 *   post, as an article (not in the store), to show what differs
 *
 * Returns: (transfer full): what became of the article, or NULL with @error
 */
CdPullResult *
cd_publisher_pull_article_finish (CdPublisher   *self,
                                  GAsyncResult  *result,
                                  CdArticle    **pulled,
                                  GError       **error)
{
  PullArticleData *data;
  CdPullResult *pull_result;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  pull_result = g_task_propagate_pointer (G_TASK (result), error);
  if (pulled)
    *pulled = pull_result && data->pulled ? g_object_ref (data->pulled) : NULL;
  return pull_result;
}

/* ------------------------------------------------------------------------
 * GObject
 * ------------------------------------------------------------------------ */

static void
cd_publisher_dispose (GObject *object)
{
  CdPublisher *self = CD_PUBLISHER (object);

  if (self->queue)
    g_signal_handlers_disconnect_by_data (self->queue, self);
  g_clear_object (&self->queue);
  if (self->clients)
    g_hash_table_remove_all (self->clients);

  G_OBJECT_CLASS (cd_publisher_parent_class)->dispose (object);
}

static void
cd_publisher_finalize (GObject *object)
{
  CdPublisher *self = CD_PUBLISHER (object);

  g_clear_object (&self->store);
  g_free (self->password_file);
  g_clear_pointer (&self->clients, g_hash_table_unref);

  G_OBJECT_CLASS (cd_publisher_parent_class)->finalize (object);
}

static void
cd_publisher_class_init (CdPublisherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_publisher_dispose;
  object_class->finalize = cd_publisher_finalize;

  /**
   * CdPublisher::published:
   * @article: the article, bound to its post
   * @binding: the binding
   *
   * Emitted after each successful publish, direct or replayed from the
   * queue (once the article is saved, where the publisher saves it).
   */
  signals[PUBLISHED] = g_signal_new ("published", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                     CD_TYPE_ARTICLE, CD_TYPE_SITE_BINDING);
  /**
   * CdPublisher::save-failed:
   * @article: the article that is on the site, but not saved with its binding
   * @error: why the store refused
   */
  signals[SAVE_FAILED] = g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                       CD_TYPE_ARTICLE, G_TYPE_ERROR);
}

static void
cd_publisher_init (CdPublisher *self)
{
  self->timeout = CD_WP_DEFAULT_TIMEOUT;
  self->clients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* ------------------------------------------------------------------------
 * Public API
 * ------------------------------------------------------------------------ */

/* A publisher for the articles of store, which must be open. */
CdPublisher *
cd_publisher_new (CdStore *store)
{
  CdPublisher *self;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = g_object_new (CD_TYPE_PUBLISHER, NULL);
  self->store = g_object_ref (store);
  return self;
}

CdStore *
cd_publisher_get_store (CdPublisher *self)
{
  g_return_val_if_fail (CD_IS_PUBLISHER (self), NULL);
  return self->store;
}

/* Where passwords come from for clients made from now on: a file only its
 * owner may read (see cd_site_password_lookup()); NULL for the
 * environment or the Secret Service. */
void
cd_publisher_set_password_file (CdPublisher *self,
                                const char  *path)
{
  g_return_if_fail (CD_IS_PUBLISHER (self));
  if (cd_set_str (&self->password_file, path))
    cd_publisher_forget_clients (self);
}

void
cd_publisher_set_timeout (CdPublisher *self,
                          guint        seconds)
{
  GHashTableIter iter;
  gpointer client;

  g_return_if_fail (CD_IS_PUBLISHER (self));
  self->timeout = MAX (seconds, 1);
  g_hash_table_iter_init (&iter, self->clients);
  while (g_hash_table_iter_next (&iter, NULL, &client))
    cd_wp_client_set_timeout (client, self->timeout);
}

/* Drops the clients made so far, and the passwords they hold: for after a
 * site's password changed. */
void
cd_publisher_forget_clients (CdPublisher *self)
{
  g_return_if_fail (CD_IS_PUBLISHER (self));
  g_hash_table_remove_all (self->clients);
}

/* Returns: (transfer full) (element-type CdSite): the store's sites */
GPtrArray *
cd_publisher_load_sites (CdPublisher  *self,
                         GError      **error)
{
  g_return_val_if_fail (CD_IS_PUBLISHER (self), NULL);
  return cd_sites_from_settings (cd_store_get_settings (self->store), error);
}

/* Returns: (transfer full): the site named name, or NULL with
 * CD_SITE_ERROR_NOT_FOUND */
CdSite *
cd_publisher_find_site (CdPublisher  *self,
                        const char   *name,
                        GError      **error)
{
  g_autoptr(GPtrArray) sites = NULL;
  CdSite *site;

  g_return_val_if_fail (CD_IS_PUBLISHER (self), NULL);

  sites = cd_publisher_load_sites (self, error);
  if (sites == NULL)
    return NULL;
  site = cd_sites_find (sites, name);
  if (site == NULL)
    {
      g_set_error (error, CD_SITE_ERROR, CD_SITE_ERROR_NOT_FOUND,
                   _("There is no site named “%s”; add it first (copydesk-cli site add, or "
                     "Preferences → Sites)"), name);
      return NULL;
    }
  return g_object_ref (site);
}

/* Returns: (transfer none): the client of the site named name, made (and
 * its password looked up) on first use. */
CdWpClient *
cd_publisher_get_client (CdPublisher  *self,
                         const char   *name,
                         GError      **error)
{
  g_autoptr(CdSite) site = NULL;
  g_autofree char *key = NULL;
  CdWpClient *client;
  char *password;

  g_return_val_if_fail (CD_IS_PUBLISHER (self), NULL);

  site = cd_publisher_find_site (self, name, error);
  if (site == NULL)
    return NULL;
  key = client_key (site);
  client = g_hash_table_lookup (self->clients, key);
  if (client == NULL)
    {
      password = cd_site_password_lookup (site, self->password_file, NULL, error);
      if (password == NULL)
        return NULL;
      client = cd_wp_client_new (cd_site_get_url (site), cd_site_get_user (site), password);
      secret_password_free (password);
      cd_wp_client_set_timeout (client, self->timeout);
      g_hash_table_insert (self->clients, g_steal_pointer (&key), client);
    }
  /* The limit may have changed in Preferences since. */
  cd_wp_client_set_headline_limit (client, cd_publisher_get_headline_limit (self));
  return client;
}

/* The "headline-limit" of store.json, in characters; 0 for none. */
guint
cd_publisher_get_headline_limit (CdPublisher *self)
{
  JsonObject *settings;
  JsonNode *node;

  g_return_val_if_fail (CD_IS_PUBLISHER (self), 0);

  settings = cd_store_get_settings (self->store);
  node = settings ? json_object_get_member (settings, "headline-limit") : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return DEFAULT_HEADLINE_LIMIT;
  return (guint) CLAMP (json_node_get_int (node), 0, G_MAXUINT);
}

static gboolean
is_plain_name (const char *name)
{
  return !cd_str_is_blank (name) && name[0] != '.' && strchr (name, '/') == NULL;
}

/* Returns: (transfer full): photo id → GFile of its image in the store,
 * for each photo whose image is there; the checks report the others. */
GHashTable *
cd_publisher_dup_photo_files (CdPublisher *self,
                              CdArticle   *article)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  g_return_val_if_fail (CD_IS_PUBLISHER (self), files);

  for (guint i = 0; i < cd_article_get_n_photos (article); i++)
    {
      CdPhoto *photo = cd_article_get_photo (article, i);
      g_autoptr(GFile) file = NULL;

      if (!is_plain_name (cd_photo_get_file (photo)))
        continue;
      file = cd_store_get_photo_file (self->store, cd_photo_get_file (photo));
      if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR)
        g_hash_table_insert (files, g_strdup (cd_photo_get_id (photo)), g_steal_pointer (&file));
    }
  return files;
}

/* Returns: (transfer full) (element-type CdWpProblem): what stands in the
 * way of publishing (see cd_wp_check_article()), with the store's photos
 * and headline limit. */
GPtrArray *
cd_publisher_check_article (CdPublisher *self,
                            CdArticle   *article)
{
  g_autoptr(GHashTable) files = NULL;

  g_return_val_if_fail (CD_IS_PUBLISHER (self), NULL);
  g_return_val_if_fail (CD_IS_ARTICLE (article), NULL);

  files = cd_publisher_dup_photo_files (self, article);
  return cd_wp_check_article (article, files, cd_publisher_get_headline_limit (self));
}

/* Returns: (transfer none): the publish queue in the store's folder, read
 * again from its file (unless a replay runs, which owns it then). */
CdPublishQueue *
cd_publisher_get_queue (CdPublisher  *self,
                        GError      **error)
{
  g_return_val_if_fail (CD_IS_PUBLISHER (self), NULL);

  if (self->queue == NULL)
    {
      g_autoptr(GFile) dir = g_file_new_for_path (cd_store_get_path (self->store));

      self->queue = cd_publish_queue_new (dir);
      g_signal_connect_object (self->queue, "published", G_CALLBACK (on_queue_published_cb),
                               self, G_CONNECT_SWAPPED);
    }
  if (!self->replaying && !cd_publish_queue_load (self->queue, error))
    return NULL;
  return self->queue;
}

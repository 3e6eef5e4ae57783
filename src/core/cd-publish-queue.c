/* cd-publish-queue.c: publishes kept for later, when the site is unreachable
 *
 * The queue is a list of CdPublishJob (a GListModel, for a window to show)
 * kept in DIR/publish-queue.json:
 *
 *   { "version": 1,
 *     "jobs": [ { "id": "…", "article": "<article id>", "site": "newsroom",
 *                 "status": "publish", "publish_at": "…Z" (scheduled only),
 *                 "force": false, "queued": "…Z", "attempts": 2,
 *                 "state": "waiting" | "failed", "last_error": "…" } ] }
 *
 * Every change is written at once, atomically (GIO writes a temporary file
 * and renames it), so a crash loses at most the change being made.  A file
 * that does not load is never overwritten: the queue refuses changes until
 * it loads, and the error names the file and the place.
 *
 * A replay publishes the jobs in the order they were queued.  A published
 * job is removed after "published" was emitted, which is when the caller
 * saves the article with its new site binding; a failed one stays, waiting
 * when the failure passes by itself (offline, timeout, 5xx, 429), failed
 * when an editor must act (conflict, bad article, refused password).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "copydesk-queue"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-publish-queue.h"
#include "cd-util.h"

#define FORMAT_VERSION 1

struct _CdPublishQueue
{
  GObject parent_instance;

  GFile *file;
  GPtrArray *jobs;         /* CdPublishJob */
  guint loaded : 1;
  guint replaying : 1;
};

static void cd_publish_queue_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CdPublishQueue, cd_publish_queue, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cd_publish_queue_list_model_init))

G_DEFINE_QUARK (cd-publish-queue-error-quark, cd_publish_queue_error)

enum {
  PUBLISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  CdPublishQueuePrepareFunc prepare;
  gpointer prepare_data;
  GPtrArray *todo;          /* CdPublishJob, a snapshot taken at the start */
  guint index;
  guint published;
  CdArticle *article;       /* of the job being published */
} ReplayState;

static void replay_next (GTask *task);

/* ------------------------------------------------------------------------
 * GListModel
 * ------------------------------------------------------------------------ */

static GType
cd_publish_queue_get_item_type (GListModel *model)
{
  return CD_TYPE_PUBLISH_JOB;
}

static guint
cd_publish_queue_get_n_items (GListModel *model)
{
  return CD_PUBLISH_QUEUE (model)->jobs->len;
}

static gpointer
cd_publish_queue_get_item (GListModel *model,
                           guint       position)
{
  CdPublishQueue *self = CD_PUBLISH_QUEUE (model);

  if (position >= self->jobs->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->jobs, position));
}

static void
cd_publish_queue_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cd_publish_queue_get_item_type;
  iface->get_n_items = cd_publish_queue_get_n_items;
  iface->get_item = cd_publish_queue_get_item;
}

/* ------------------------------------------------------------------------
 * The file
 * ------------------------------------------------------------------------ */

static gboolean
save (CdPublishQueue  *self,
      GError         **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GFile) dir = g_file_get_parent (self->file);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FORMAT_VERSION);
  json_builder_set_member_name (builder, "jobs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->jobs->len; i++)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, cd_publish_job_to_json (g_ptr_array_index (self->jobs, i)));
      json_builder_add_value (builder, g_steal_pointer (&node));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);

  if (!g_file_make_directory_with_parents (dir, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  /* Translators: the reason follows */
                                  _("Could not save the publish queue: "));
      return FALSE;
    }
  if (!g_file_replace_contents (self->file, text, length, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                NULL, NULL, error))
    {
      /* Translators: the reason follows */
      g_prefix_error (error, _("Could not save the publish queue: "));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_loaded (CdPublishQueue  *self,
              GError         **error)
{
  g_autofree char *path = NULL;

  if (self->loaded)
    return TRUE;
  path = g_file_get_parse_name (self->file);
  g_set_error (error, CD_PUBLISH_QUEUE_ERROR, CD_PUBLISH_QUEUE_ERROR_NOT_LOADED,
               /* Translators: %s is a file */
               _("The publish queue %s has not been loaded; it is left unchanged."), path);
  return FALSE;
}

static GPtrArray *
parse_jobs (JsonNode    *root,
            const char  *path,
            GError     **error)
{
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *object;
  JsonNode *list;
  gint64 version;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CD_PUBLISH_QUEUE_ERROR, CD_PUBLISH_QUEUE_ERROR_CORRUPT,
                   /* Translators: %s is a file */
                   _("%s: not a publish queue (the top level is not an object)"), path);
      return NULL;
    }
  object = json_node_get_object (root);
  version = json_object_get_int_member_with_default (object, "version", 0);
  if (version > FORMAT_VERSION)
    {
      g_autofree char *format = cd_int64_to_string (version);

      g_set_error (error, CD_PUBLISH_QUEUE_ERROR, CD_PUBLISH_QUEUE_ERROR_NEWER_FORMAT,
                   /* Translators: a file, its format number, the format this
                    * version reads */
                   _("%s was written by a newer Copydesk (format %s, this one reads %d); "
                     "it is left unchanged."), path, format, FORMAT_VERSION);
      return NULL;
    }
  list = json_object_get_member (object, "jobs");
  if (version < 1 || list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, CD_PUBLISH_QUEUE_ERROR, CD_PUBLISH_QUEUE_ERROR_CORRUPT,
                   /* Translators: %s is a file */
                   _("%s: not a publish queue (no “version” or no “jobs” list)"), path);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (list), i);
      g_autoptr(GError) job_error = NULL;
      CdPublishJob *job = NULL;

      if (JSON_NODE_HOLDS_OBJECT (node))
        job = cd_publish_job_new_from_json (json_node_get_object (node), &job_error);
      else
        g_set_error_literal (&job_error, CD_PUBLISH_QUEUE_ERROR, CD_PUBLISH_QUEUE_ERROR_CORRUPT,
                             _("not an object"));
      if (job == NULL)
        {
          g_set_error (error, CD_PUBLISH_QUEUE_ERROR, CD_PUBLISH_QUEUE_ERROR_CORRUPT,
                       /* Translators: a file, the job's number in it, what is wrong */
                       _("%s: job %u: %s; the file is left unchanged."), path, i + 1,
                       job_error->message);
          return NULL;
        }
      g_ptr_array_add (jobs, job);
    }
  return g_steal_pointer (&jobs);
}

static void
replace_jobs (CdPublishQueue *self,
              GPtrArray      *jobs)
{
  guint removed = self->jobs->len;

  g_ptr_array_unref (self->jobs);
  self->jobs = g_ptr_array_ref (jobs);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, jobs->len);
}

/* ------------------------------------------------------------------------
 * Replay
 * ------------------------------------------------------------------------ */

static void
replay_state_free (ReplayState *state)
{
  g_clear_pointer (&state->todo, g_ptr_array_unref);
  g_clear_object (&state->article);
  g_free (state);
}

static gint
job_index (CdPublishQueue *self,
           CdPublishJob   *job)
{
  guint index;

  return g_ptr_array_find (self->jobs, job, &index) ? (gint) index : -1;
}

/* Saves after each job, so that a crash during a long replay neither
 * publishes a job twice nor forgets one. */
static gboolean
record_and_save (GTask        *task,
                 CdPublishJob *job,
                 const GError *failure)
{
  CdPublishQueue *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  gint index = job_index (self, job);

  if (failure)
    cd_publish_job_record_failure (job, failure);
  else if (index >= 0)
    {
      g_ptr_array_remove_index (self->jobs, index);
      g_list_model_items_changed (G_LIST_MODEL (self), index, 1, 0);
    }
  if (!save (self, &error))
    {
      self->replaying = FALSE;
      g_task_return_error (task, g_steal_pointer (&error));
      return FALSE;
    }
  return TRUE;
}

static void
on_published_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdPublishQueue *self = g_task_get_source_object (task);
  ReplayState *state = g_task_get_task_data (task);
  CdPublishJob *job = g_ptr_array_index (state->todo, state->index);
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autoptr(GError) error = NULL;

  binding = cd_wp_client_publish_finish (CD_WP_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->replaying = FALSE;
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (binding)
    {
      g_debug ("published queued job %s as post %s", cd_publish_job_get_id (job),
               cd_site_binding_get_post_id (binding));
      state->published++;
      g_signal_emit (self, signals[PUBLISHED], 0, job, state->article, binding);
    }
  if (!record_and_save (task, job, error))
    return;
  g_clear_object (&state->article);
  state->index++;
  replay_next (g_steal_pointer (&task));
}

static void
replay_next (GTask *task_owned)
{
  g_autoptr(GTask) task = task_owned;
  CdPublishQueue *self = g_task_get_source_object (task);
  ReplayState *state = g_task_get_task_data (task);
  g_autoptr(GHashTable) photo_files = NULL;
  g_autoptr(CdWpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);
  CdPublishJob *job;

  for (;;)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          self->replaying = FALSE;
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (state->index >= state->todo->len)
        {
          self->replaying = FALSE;
          g_task_return_boolean (task, TRUE);
          return;
        }
      job = g_ptr_array_index (state->todo, state->index);
      /* Removed meanwhile (by the editor): skip it. */
      if (job_index (self, job) < 0)
        {
          state->index++;
          continue;
        }
      if (state->prepare (job, &state->article, &photo_files, &client, state->prepare_data, &error))
        break;
      if (!record_and_save (task, job, error))
        return;
      g_clear_error (&error);
      g_clear_object (&state->article);
      g_clear_pointer (&photo_files, g_hash_table_unref);
      g_clear_object (&client);
      state->index++;
    }

  cd_wp_client_publish_async (client, state->article, cd_publish_job_get_site (job), photo_files,
                              cd_publish_job_get_status (job), cd_publish_job_get_publish_at (job),
                              cd_publish_job_get_flags (job), cancellable, on_published_cb,
                              g_steal_pointer (&task));
}

/* ------------------------------------------------------------------------
 * GObject
 * ------------------------------------------------------------------------ */

static void
cd_publish_queue_finalize (GObject *object)
{
  CdPublishQueue *self = CD_PUBLISH_QUEUE (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->jobs, g_ptr_array_unref);

  G_OBJECT_CLASS (cd_publish_queue_parent_class)->finalize (object);
}

static void
cd_publish_queue_class_init (CdPublishQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_publish_queue_finalize;

  /**
   * CdPublishQueue::published:
   * @job: the job, still in the queue
   * @article: the article as it was published, its binding to the site set
   * @binding: that binding
   *
   * Emitted during a replay for each job published, before it leaves the
   * queue: the handler saves the article.
   */
  signals[PUBLISHED] = g_signal_new ("published", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                     CD_TYPE_PUBLISH_JOB, CD_TYPE_ARTICLE, CD_TYPE_SITE_BINDING);
}

static void
cd_publish_queue_init (CdPublishQueue *self)
{
  self->jobs = g_ptr_array_new_with_free_func (g_object_unref);
}

/* ------------------------------------------------------------------------
 * Public API
 * ------------------------------------------------------------------------ */

/* Would the same publish succeed later without anyone doing anything?
 * True for an unreachable, slow or overloaded site. */
gboolean
cd_publish_queue_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != CD_WP_ERROR)
    return FALSE;
  switch ((CdWpError) error->code)
    {
    case CD_WP_ERROR_TIMEOUT:
    case CD_WP_ERROR_UNREACHABLE:
    case CD_WP_ERROR_CONNECTION_LOST:
    case CD_WP_ERROR_SERVER:
    case CD_WP_ERROR_RATE_LIMITED:
      return TRUE;
    case CD_WP_ERROR_FAILED:
    case CD_WP_ERROR_INVALID_URL:
    case CD_WP_ERROR_INSECURE_URL:
    case CD_WP_ERROR_TLS:
    case CD_WP_ERROR_REDIRECT:
    case CD_WP_ERROR_UNAUTHORIZED:
    case CD_WP_ERROR_FORBIDDEN:
    case CD_WP_ERROR_NOT_FOUND:
    case CD_WP_ERROR_INVALID_REQUEST:
    case CD_WP_ERROR_INVALID_RESPONSE:
    case CD_WP_ERROR_NOT_APPLIED:
    case CD_WP_ERROR_CONFLICT:
    case CD_WP_ERROR_INVALID_ARTICLE:
    default:
      return FALSE;
    }
}

/* The queue kept in dir/publish-queue.json; call cd_publish_queue_load()
 * before changing it. */
CdPublishQueue *
cd_publish_queue_new (GFile *dir)
{
  CdPublishQueue *self;

  g_return_val_if_fail (G_IS_FILE (dir), NULL);

  self = g_object_new (CD_TYPE_PUBLISH_QUEUE, NULL);
  self->file = g_file_get_child (dir, CD_PUBLISH_QUEUE_FILE_NAME);
  return self;
}

GFile *
cd_publish_queue_get_file (CdPublishQueue *self)
{
  g_return_val_if_fail (CD_IS_PUBLISH_QUEUE (self), NULL);
  return self->file;
}

/* Reads the file again; a missing file is an empty queue.  On error the
 * jobs in memory stay as they were. */
gboolean
cd_publish_queue_load (CdPublishQueue  *self,
                       GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  g_return_val_if_fail (CD_IS_PUBLISH_QUEUE (self), FALSE);

  path = g_file_get_parse_name (self->file);
  if (!g_file_load_contents (self->file, NULL, &text, &length, NULL, &local_error))
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      /* Translators: %s is a file; the reason follows */
                                      _("Could not read the publish queue %s: "), path);
          return FALSE;
        }
      jobs = g_ptr_array_new_with_free_func (g_object_unref);
    }
  else
    {
      /* json-glib names the line and column of a syntax error. */
      if (!json_parser_load_from_data (parser, text, length, &local_error))
        {
          g_set_error (error, CD_PUBLISH_QUEUE_ERROR, CD_PUBLISH_QUEUE_ERROR_CORRUPT,
                       /* Translators: a file and what is wrong with it */
                       _("%s: %s; the file is left unchanged."), path, local_error->message);
          return FALSE;
        }
      jobs = parse_jobs (json_parser_get_root (parser), path, error);
      if (jobs == NULL)
        return FALSE;
    }
  replace_jobs (self, jobs);
  self->loaded = TRUE;
  return TRUE;
}

CdPublishJob *
cd_publish_queue_find (CdPublishQueue *self,
                       const char     *article_id,
                       const char     *site)
{
  g_return_val_if_fail (CD_IS_PUBLISH_QUEUE (self), NULL);

  for (guint i = 0; i < self->jobs->len; i++)
    {
      CdPublishJob *job = g_ptr_array_index (self->jobs, i);
      if (g_strcmp0 (cd_publish_job_get_article_id (job), article_id) == 0 &&
          g_strcmp0 (cd_publish_job_get_site (job), site) == 0)
        return job;
    }
  return NULL;
}

/* Queues a publish and saves the queue.  A job already queued for the same
 * article and site is replaced: the newest request says what the editor
 * wants.  Returns the new job, owned by the queue. */
CdPublishJob *
cd_publish_queue_add (CdPublishQueue    *self,
                      const char        *article_id,
                      const char        *site,
                      CdWpStatus         status,
                      GDateTime         *publish_at,
                      CdWpPublishFlags   flags,
                      GError           **error)
{
  g_autoptr(CdPublishJob) job = NULL;
  CdPublishJob *old;
  gint index;

  g_return_val_if_fail (CD_IS_PUBLISH_QUEUE (self), NULL);
  g_return_val_if_fail (article_id != NULL && site != NULL, NULL);

  if (!check_loaded (self, error))
    return NULL;
  if (status == CD_WP_STATUS_FUTURE && publish_at == NULL)
    {
      g_set_error_literal (error, CD_WP_ERROR, CD_WP_ERROR_INVALID_ARTICLE,
                           _("A scheduled post needs a publication time."));
      return NULL;
    }

  job = cd_publish_job_new (article_id, site, status, publish_at, flags);
  old = cd_publish_queue_find (self, article_id, site);
  index = old ? job_index (self, old) : -1;
  if (index >= 0)
    {
      g_ptr_array_index (self->jobs, index) = g_object_ref (job);
      g_object_unref (old);
      g_list_model_items_changed (G_LIST_MODEL (self), index, 1, 1);
    }
  else
    {
      g_ptr_array_add (self->jobs, g_object_ref (job));
      g_list_model_items_changed (G_LIST_MODEL (self), self->jobs->len - 1, 0, 1);
    }
  if (!save (self, error))
    return NULL;
  return job;
}

/* Returns: (transfer none) (nullable): the job with that id */
CdPublishJob *
cd_publish_queue_find_job (CdPublishQueue *self,
                           const char     *job_id)
{
  g_return_val_if_fail (CD_IS_PUBLISH_QUEUE (self), NULL);

  for (guint i = 0; i < self->jobs->len; i++)
    if (g_strcmp0 (cd_publish_job_get_id (g_ptr_array_index (self->jobs, i)), job_id) == 0)
      return g_ptr_array_index (self->jobs, i);
  return NULL;
}

/* Records on job (one of the queue's) an attempt that failed outside a
 * replay, such as the publish that queued it, and saves the queue. */
gboolean
cd_publish_queue_record_failure (CdPublishQueue  *self,
                                 CdPublishJob    *job,
                                 const GError    *failure,
                                 GError         **error)
{
  g_return_val_if_fail (CD_IS_PUBLISH_QUEUE (self), FALSE);
  g_return_val_if_fail (CD_IS_PUBLISH_JOB (job), FALSE);
  g_return_val_if_fail (failure != NULL, FALSE);

  if (!check_loaded (self, error))
    return FALSE;
  if (job_index (self, job) < 0)
    {
      g_set_error (error, CD_PUBLISH_QUEUE_ERROR, CD_PUBLISH_QUEUE_ERROR_NOT_FOUND,
                   _("No queued publish has the id “%s”."), cd_publish_job_get_id (job));
      return FALSE;
    }
  cd_publish_job_record_failure (job, failure);
  return save (self, error);
}

gboolean
cd_publish_queue_remove (CdPublishQueue  *self,
                         const char      *job_id,
                         GError         **error)
{
  g_return_val_if_fail (CD_IS_PUBLISH_QUEUE (self), FALSE);

  if (!check_loaded (self, error))
    return FALSE;
  for (guint i = 0; i < self->jobs->len; i++)
    if (g_strcmp0 (cd_publish_job_get_id (g_ptr_array_index (self->jobs, i)), job_id) == 0)
      {
        g_ptr_array_remove_index (self->jobs, i);
        g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 0);
        return save (self, error);
      }
  g_set_error (error, CD_PUBLISH_QUEUE_ERROR, CD_PUBLISH_QUEUE_ERROR_NOT_FOUND,
               _("No queued publish has the id “%s”."), job_id);
  return FALSE;
}

/* Starts a replay of todo (CdPublishJob of the queue), in that order. */
static void
start_replay (CdPublishQueue            *self,
              GPtrArray                 *todo,
              CdPublishQueuePrepareFunc  prepare,
              gpointer                   prepare_data,
              GTask                     *task_owned)
{
  g_autoptr(GTask) task = task_owned;
  ReplayState *state;

  if (self->replaying)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The publish queue is being replayed already."));
      return;
    }
  self->replaying = TRUE;
  state = g_new0 (ReplayState, 1);
  state->prepare = prepare;
  state->prepare_data = prepare_data;
  state->todo = g_ptr_array_copy (todo, (GCopyFunc) g_object_ref, NULL);
  g_ptr_array_set_free_func (state->todo, g_object_unref);
  g_task_set_task_data (task, state, (GDestroyNotify) replay_state_free);
  replay_next (g_steal_pointer (&task));
}

/* Publishes every queued job, oldest first, one at a time (see the top of
 * this file).  prepare supplies each job's article, photo files and client.
 * Fails only when cancelled, when the queue cannot be saved, or when a
 * replay is running already; the jobs' own failures are recorded on them. */
void
cd_publish_queue_replay_async (CdPublishQueue            *self,
                               CdPublishQueuePrepareFunc  prepare,
                               gpointer                   prepare_data,
                               GCancellable              *cancellable,
                               GAsyncReadyCallback        callback,
                               gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CD_IS_PUBLISH_QUEUE (self));
  g_return_if_fail (prepare != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_publish_queue_replay_async);
  if (!check_loaded (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  start_replay (self, self->jobs, prepare, prepare_data, g_steal_pointer (&task));
}

/* Publishes the one job job_id now, the same way as
 * cd_publish_queue_replay_async() (finish with
 * cd_publish_queue_replay_finish()); CD_PUBLISH_QUEUE_ERROR_NOT_FOUND when
 * no job has that id (it was published or removed meanwhile). */
void
cd_publish_queue_replay_job_async (CdPublishQueue            *self,
                                   const char                *job_id,
                                   CdPublishQueuePrepareFunc  prepare,
                                   gpointer                   prepare_data,
                                   GCancellable              *cancellable,
                                   GAsyncReadyCallback        callback,
                                   gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  CdPublishJob *job;

  g_return_if_fail (CD_IS_PUBLISH_QUEUE (self));
  g_return_if_fail (job_id != NULL);
  g_return_if_fail (prepare != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_publish_queue_replay_job_async);
  if (!check_loaded (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job = cd_publish_queue_find_job (self, job_id);
  if (job == NULL)
    {
      g_task_return_new_error (task, CD_PUBLISH_QUEUE_ERROR, CD_PUBLISH_QUEUE_ERROR_NOT_FOUND,
                               _("No queued publish has the id “%s”; it was sent or removed "
                                 "meanwhile."), job_id);
      return;
    }
  g_ptr_array_add (todo, job);
  start_replay (self, todo, prepare, prepare_data, g_steal_pointer (&task));
}

gboolean
cd_publish_queue_replay_finish (CdPublishQueue  *self,
                                GAsyncResult    *result,
                                guint           *n_published,
                                GError         **error)
{
  ReplayState *state;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  state = g_task_get_task_data (G_TASK (result));
  if (n_published)
    *n_published = state ? state->published : 0;
  return g_task_propagate_boolean (G_TASK (result), error);
}

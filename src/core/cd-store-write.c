/* cd-store-write.c: loading and saving articles
 *
 * Every change to the folder happens while holding store.lock, so two
 * programs never interleave their writes. A save first re-reads the
 * article's revision on disk: when another program saved the article
 * since it was loaded, the save is refused with CD_STORE_ERROR_CONFLICT
 * instead of silently overwriting that change.
 *
 * The file work of each operation is a "worker" function that touches no
 * state of the store but its paths, so it can run in a thread; the
 * "apply" half changes the list and runs in the store's own context.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cd-article-file.h"
#include "cd-article-summary-private.h"
#include "cd-store-batch.h"
#include "cd-store-io.h"
#include "cd-store-private.h"
#include "cd-util.h"

static const char *
describe (CdArticle *article)
{
  const char *headline = cd_article_get_headline (article);

  return cd_str_is_blank (headline) ? cd_article_get_id (article) : headline;
}

/* ------------------------------------------------------------------------
 * Loading
 */

typedef struct
{
  char *id;
  guint lock_timeout_ms;
  gboolean quarantined;
  char *problem;
  CdFileStamp stamp;       /* of the file read */
  gboolean gone;           /* refresh: no file for the id */
  CdArticle *article;      /* refresh: what the file holds */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->id);
  g_free (data->problem);
  g_clear_object (&data->article);
  g_free (data);
}

/* Under the lock, so that a file another Copydesk is replacing right now
 * is not mistaken for a damaged one. */
static CdArticle *
load_damaged (CdStore     *self,
              LoadData    *data,
              const char  *path,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  CdArticle *article;
  int fd = cd_store_lock_acquire (self->lock_path, data->lock_timeout_ms, error);

  if (fd < 0)
    return NULL;
  article = cd_store_read_article_file (path, data->id, &data->stamp, &local_error);
  if (article == NULL && local_error->domain == CD_ARTICLE_FILE_ERROR)
    {
      gboolean newer = local_error->code == CD_ARTICLE_FILE_ERROR_NEWER_FORMAT;

      data->problem = cd_store_quarantine (self, path, NULL, local_error->message);
      data->quarantined = TRUE;
      g_set_error (error, CD_STORE_ERROR,
                   newer ? CD_STORE_ERROR_NEWER_FORMAT : CD_STORE_ERROR_CORRUPT,
                   "%s", data->problem);
    }
  else if (article == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  cd_store_lock_release (fd);
  return article;
}

static CdArticle *
load_worker (CdStore   *self,
             LoadData  *data,
             GError   **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;
  CdArticle *article;

  if (!cd_store_check_id (data->id, error))
    return NULL;
  path = cd_store_dup_article_path (self, self->articles_dir, data->id);
  article = cd_store_read_article_file (path, data->id, &data->stamp, &local_error);
  if (article != NULL)
    return article;
  if (local_error->domain == CD_ARTICLE_FILE_ERROR)
    return load_damaged (self, data, path, error);
  if (g_error_matches (local_error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND))
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                 _("No article with the id “%s” is in the store"), data->id);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

static void
apply_load (CdStore  *self,
            LoadData *data)
{
  if (!data->quarantined)
    return;
  cd_store_drop_entry (self, data->id);
  cd_store_add_problem (self, g_steal_pointer (&data->problem));
}

static LoadData *
load_data_new (CdStore    *self,
               const char *id)
{
  LoadData *data = g_new0 (LoadData, 1);

  data->id = g_strdup (id);
  data->lock_timeout_ms = cd_store_get_lock_timeout (self);
  return data;
}

/**
 * cd_store_load_article:
 *
 * Reads the article from its file. A file that does not load is moved to
 * quarantine, its article leaves the list and the error is
 * %CD_STORE_ERROR_CORRUPT (or %CD_STORE_ERROR_NEWER_FORMAT).
 *
 * Returns: (transfer full): a new article, not shared with anyone
 */
CdArticle *
cd_store_load_article (CdStore       *self,
                       const char    *id,
                       GCancellable  *cancellable,
                       GError       **error)
{
  LoadData *data;
  CdArticle *article;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);

  data = load_data_new (self, id);
  article = load_worker (self, data, error);
  apply_load (self, data);
  load_data_free (data);
  return article;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  CdArticle *article = load_worker (source_object, task_data, &error);

  if (article == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, article, g_object_unref);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  CdArticle *article = g_task_propagate_pointer (G_TASK (result), &error);

  apply_load (CD_STORE (object), g_task_get_task_data (G_TASK (result)));
  if (article == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, article, g_object_unref);
}

void
cd_store_load_article_async (CdStore             *self,
                             const char          *id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;

  g_return_if_fail (CD_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_store_load_article_async);
  inner = cd_task_new_inner (g_steal_pointer (&task), load_done_cb);
  g_task_set_task_data (inner, load_data_new (self, id), (GDestroyNotify) load_data_free);
  g_task_run_in_thread (inner, load_thread);
}

/**
 * cd_store_load_article_finish:
 *
 * Returns: (transfer full): the article
 */
CdArticle *
cd_store_load_article_finish (CdStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------
 * Refreshing one entry
 *
 * When another program trashes, deletes, restores or rewrites one
 * article, the list learns of it from that article's file alone: reading
 * the whole folder again would take seconds in a store of 10,000.
 */

static gboolean
refresh_worker (CdStore   *self,
                LoadData  *data,
                GError   **error)
{
  g_autoptr(GError) local_error = NULL;

  data->article = load_worker (self, data, &local_error);
  /* A damaged file was set aside: the list drops it like a removed one. */
  if (data->article != NULL || data->quarantined)
    return TRUE;
  if (g_error_matches (local_error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND))
    {
      data->gone = TRUE;
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
apply_refresh (CdStore  *self,
               LoadData *data)
{
  CdArticleSummary *listed = cd_store_find (self, data->id);

  apply_load (self, data);
  if (data->gone)
    cd_store_drop_entry (self, data->id);
  /* The same file as listed: nothing to tell the views. */
  else if (data->article != NULL &&
           (listed == NULL || !cd_file_stamp_equal (&listed->stamp, &data->stamp)))
    cd_store_update_entry (self, data->article, &data->stamp);
}

/**
 * cd_store_refresh_article:
 * @id: an article id, listed or not
 *
 * Brings the list up to date with article @id's file, and reads no other:
 * a file another program removed (trashed, deleted) takes its article out
 * of the list, a new or changed one adds or updates it, and a damaged one
 * goes to quarantine as in cd_store_load_article(). Use this instead of
 * opening the store again when one file changed.
 *
 * Returns: %FALSE when the file cannot be read for another reason (an
 *   unreadable folder, an invalid id); the list is then unchanged
 */
gboolean
cd_store_refresh_article (CdStore       *self,
                          const char    *id,
                          GCancellable  *cancellable,
                          GError       **error)
{
  LoadData *data;
  gboolean ok;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);

  data = load_data_new (self, id);
  ok = refresh_worker (self, data, error);
  if (ok)
    apply_refresh (self, data);
  load_data_free (data);
  return ok;
}

static void
refresh_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (refresh_worker (source_object, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
refresh_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  apply_refresh (CD_STORE (object), g_task_get_task_data (G_TASK (result)));
  g_task_return_boolean (task, TRUE);
}

/**
 * cd_store_refresh_article_async:
 *
 * Like cd_store_refresh_article(), with the file work in a thread; the
 * list changes just before @callback runs, cancelled or not, since a
 * file read must not leave the list behind what is on disk.
 */
void
cd_store_refresh_article_async (CdStore             *self,
                                const char          *id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;

  g_return_if_fail (CD_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_store_refresh_article_async);
  inner = cd_task_new_inner (g_steal_pointer (&task), refresh_done_cb);
  g_task_set_task_data (inner, load_data_new (self, id), (GDestroyNotify) load_data_free);
  g_task_run_in_thread (inner, refresh_thread);
}

gboolean
cd_store_refresh_article_finish (CdStore       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------
 * Saving
 */

typedef struct
{
  CdArticle *article;      /* the caller's; only touched in the store's context */
  CdArticle *copy;         /* what is written, with its new revision */
  CdFileStamp stamp;
  guint lock_timeout_ms;
  char *problem;           /* a damaged file that was set aside on the way */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->article);
  g_clear_object (&data->copy);
  g_free (data->problem);
  g_free (data);
}

static SaveData *
save_data_new (CdStore   *self,
               CdArticle *article)
{
  SaveData *data = g_new0 (SaveData, 1);

  data->article = g_object_ref (article);
  data->copy = cd_article_copy (article);
  data->lock_timeout_ms = cd_store_get_lock_timeout (self);
  return data;
}

static gboolean
conflict (CdStore     *self,
          CdArticle   *article,
          guint64      base,
          guint64      on_disk,
          gboolean     gone,
          GError     **error)
{
  g_autofree char *trashed = cd_store_dup_article_path (self, self->trash_dir,
                                                        cd_article_get_id (article));
  g_autofree char *opened = g_strdup_printf ("%" G_GUINT64_FORMAT, base);
  g_autofree char *now = g_strdup_printf ("%" G_GUINT64_FORMAT, on_disk);

  if (gone && g_file_test (trashed, G_FILE_TEST_EXISTS))
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CONFLICT,
                 /* Translators: %s is the article's headline */
                 _("“%s” was moved to the trash by another program since you opened it"),
                 describe (article));
  else if (gone)
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CONFLICT,
                 /* Translators: %s is the article's headline */
                 _("“%s” was removed by another program since you opened it"),
                 describe (article));
  else
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CONFLICT,
                 /* Translators: the article's headline, then two revision numbers */
                 _("“%s” was changed by another program since you opened it "
                   "(you opened revision %s; the store now has revision %s)"),
                 describe (article), opened, now);
  return FALSE;
}

/* With the lock held: is the file on disk still the revision @base?
 * @current gets what it holds, when it loads. */
static gboolean
check_on_disk (CdStore     *self,
               CdArticle   *article,
               const char  *path,
               guint64      base,
               CdArticle  **current,
               char       **problem,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  CdFileStamp stamp;

  *current = cd_store_read_article_file (path, cd_article_get_id (article), &stamp, &local_error);
  if (*current != NULL)
    {
      guint64 on_disk = cd_article_get_revision (*current);
      return on_disk == base || conflict (self, article, base, on_disk, FALSE, error);
    }
  if (g_error_matches (local_error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND))
    return base == 0 || conflict (self, article, base, 0, TRUE, error);
  if (local_error->domain != CD_ARTICLE_FILE_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* The file on disk is damaged: it goes to quarantine, kept as it was,
   * and the editor's version takes its place. */
  *problem = cd_store_quarantine (self, path, NULL, local_error->message);
  return TRUE;
}

static gboolean
write_article_file (CdStore      *self,
                    const char   *id,
                    GBytes       *bytes,
                    CdFileStamp  *stamp,
                    GError      **error)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (self->articles_dir, name, NULL);
  g_autofree char *temp_path = NULL;
  struct stat st;

  if (!cd_write_temp (self->articles_dir, name, bytes, TRUE, &temp_path, &st, error))
    return FALSE;
  if (!cd_rename (temp_path, path, error))
    {
      g_unlink (temp_path);
      return FALSE;
    }
  cd_file_stamp_from_stat (stamp, &st);
  return cd_fsync_dir (self->articles_dir, error);
}

static gboolean
save_worker (CdStore       *self,
             SaveData      *data,
             GCancellable  *cancellable,
             GError       **error)
{
  const char *id = cd_article_get_id (data->copy);
  guint64 base = cd_article_get_revision (data->copy);
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CdArticle) current = NULL;
  gboolean ok;
  int fd;

  if (!cd_store_check_id (id, error) || g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !cd_ensure_dir (self->articles_dir, error))
    return FALSE;
  path = cd_store_dup_article_path (self, self->articles_dir, id);
  cd_store_stamp_revision (data->copy, base + 1);
  bytes = cd_article_file_serialize (data->copy);

  fd = cd_store_lock_acquire (self->lock_path, data->lock_timeout_ms, error);
  if (fd < 0)
    return FALSE;
  ok = check_on_disk (self, data->copy, path, base, &current, &data->problem, error);
  /* A photo left out may come back by Undo: its image must outlive a prune. */
  if (ok)
    cd_store_renew_dropped_images_locked (self, current, data->copy);
  ok = ok && write_article_file (self, id, bytes, &data->stamp, error);
  cd_store_lock_release (fd);
  return ok;
}

static void
apply_save (CdStore  *self,
            SaveData *data)
{
  cd_article_set_revision (data->article, cd_article_get_revision (data->copy));
  cd_article_set_modified (data->article, cd_article_get_modified (data->copy));
  cd_store_update_entry (self, data->copy, &data->stamp);
  cd_store_add_problem (self, g_steal_pointer (&data->problem));
}

/**
 * cd_store_save_article:
 *
 * Writes @article, atomically and durably. The article must be at the
 * revision it was loaded at (0 for a new one): when another program saved
 * it since, nothing is written and the error is %CD_STORE_ERROR_CONFLICT.
 * On success the article's revision goes up by one and its modification
 * time becomes now, and its summary moves to the top of the list.
 */
gboolean
cd_store_save_article (CdStore       *self,
                       CdArticle     *article,
                       GCancellable  *cancellable,
                       GError       **error)
{
  SaveData *data;
  gboolean ok;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (CD_IS_ARTICLE (article), FALSE);

  data = save_data_new (self, article);
  ok = save_worker (self, data, cancellable, error);
  if (ok)
    apply_save (self, data);
  save_data_free (data);
  return ok;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (save_worker (source_object, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  apply_save (CD_STORE (object), g_task_get_task_data (G_TASK (result)));
  g_task_return_boolean (task, TRUE);
}

/**
 * cd_store_save_article_async:
 *
 * Like cd_store_save_article(), with the file work in a thread. What is
 * written is @article as it is when this is called; its revision and
 * modification time are updated when the save has succeeded, just before
 * @callback runs.
 */
void
cd_store_save_article_async (CdStore             *self,
                             CdArticle           *article,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;

  g_return_if_fail (CD_IS_STORE (self));
  g_return_if_fail (CD_IS_ARTICLE (article));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_store_save_article_async);
  inner = cd_task_new_inner (g_steal_pointer (&task), save_done_cb);
  g_task_set_task_data (inner, save_data_new (self, article), (GDestroyNotify) save_data_free);
  g_task_run_in_thread (inner, save_thread);
}

gboolean
cd_store_save_article_finish (CdStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

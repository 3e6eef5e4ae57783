/* cd-store-batch.c: adding many new articles at once
 *
 * A batch is written in two halves. While it is being filled, each
 * article goes to a temporary file of its own beside its final name
 * (".<id>.json.tmp-XXXXXX", which nothing reading the store takes for an
 * article), written with one write() and never flushed on its own. The
 * batch can be filled from any one thread at a time, article by article,
 * while the caller is still producing the next ones: the importer writes
 * the articles it has read while it parses the rest. Committing then
 *
 *  1. flushes the data of every temporary file to the disk: one fsync()
 *     each for a few files, one syncfs() of the file system for more
 *     (thousands of fsync() calls would cost a disk flush each);
 *  2. renames each temporary file to its final name, never replacing a
 *     file (renameat2 with RENAME_NOREPLACE);
 *  3. flushes the folder once, so that the new names are on the disk.
 *
 * Why every article stays whole and the batch all or nothing:
 *  - a name appears (step 2) only for a file whose data is already on the
 *    disk (step 1), so no crash can show an article half written, in
 *    whatever order the disk stores the data and the folder;
 *  - until step 2 the batch is invisible: an error, a cancellation or a
 *    failed import unlinks the temporary files, and a crash leaves only
 *    temporary files, which cd_store_check() removes;
 *  - an error in step 2 or 3 (another program took one of the ids
 *    meanwhile) unlinks the names renamed so far and the temporaries
 *    left, so the folder is as it was;
 *  - after step 3 the batch survives a power cut. A crash in the middle
 *    of step 2 leaves some of the batch's articles, each whole.
 * Writing the temporary files early, while the caller still works, does
 * not weaken any of this: they are the files the commit used to write,
 * only written sooner.
 *
 * The store's lock is taken with the first article and held until the
 * batch is applied or freed: the folder sees no other writer meanwhile,
 * and no other Copydesk removes the temporary files of a live batch (it
 * removes them only while holding the lock).
 *
 * Images the batch's articles show (an import's photos) are copied into
 * photos/ under their final names while the batch is filled, under the
 * same lock; a batch that is not committed unlinks them again, so a
 * failed import leaves no image behind. (A crash before the commit can
 * leave such an image, which no article names.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cd-article-file.h"
#include "cd-store-batch.h"
#include "cd-store-io.h"
#include "cd-store-private.h"
#include "cd-util.h"

/* Up to this many files, one fsync() each; beyond, one flush of the file
 * system is much cheaper than thousands of fsync() calls. */
#define BATCH_SYNC_THRESHOLD 8

typedef struct
{
  char *temp;                  /* the name in articles/, until renamed to its own */
  int fd;                      /* open while the batch may still be flushed file by file */
  CdArticleSummary *summary;   /* with the stamp of the written file */
} Entry;

struct _CdStoreBatch
{
  CdStore *store;              /* only its paths, which never change, outside its context */
  guint lock_timeout_ms;
  int lock_fd;                 /* -1 until the first article */
  int dir_fd;                  /* articles/, open from the first article on */
  /* The ids in the batch, borrowed from the summaries: an id moves with
   * its summary's text when the summary is updated, which these are not
   * before cd_store_batch_apply() empties the table. */
  GHashTable *ids;
  GArray *entries;             /* Entry, in the order added */
  GPtrArray *photos;           /* char *, names of the images copied into photos/ */
  guint n_renamed;
  guint committed : 1;
};

/* Sets the revision and time a successful save gives the article. */
void
cd_store_stamp_revision (CdArticle *article,
                         guint64    revision)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  cd_article_set_revision (article, revision);
  cd_article_set_modified (article, now);
}

static const char *
describe (CdArticleSummary *summary)
{
  const char *headline = cd_article_summary_get_headline (summary);

  return *headline ? headline : cd_article_summary_get_id (summary);
}

static gboolean
set_exists_error (GError     **error,
                  const char  *id,
                  const char  *what)
{
  g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_EXISTS,
               /* Translators: an article's id and its headline */
               _("An article with the id “%s” (“%s”) is already in the store"), id, what);
  return FALSE;
}

static char *
final_name (const Entry *entry)
{
  return g_strconcat (cd_article_summary_get_id (entry->summary), ".json", NULL);
}

/* The files of a batch are named relative to the open folder, so that the
 * kernel does not walk the whole path for each of them; messages give the
 * whole path all the same. */
static char *
path_of (CdStoreBatch *batch,
         const char   *name)
{
  return g_build_filename (batch->store->articles_dir, name, NULL);
}

static gboolean
set_io_error (GError       **error,
              int            saved_errno,
              CdIoStep       step,
              CdStoreBatch  *batch,
              const char    *name)
{
  g_autofree char *path = path_of (batch, name);

  return cd_set_io_error (error, saved_errno, step, path);
}

/**
 * cd_store_batch_new:
 *
 * Starts an empty batch of new articles; nothing is read, written or
 * locked yet. Call in the store's context; the batch may then be filled
 * and committed in any one thread at a time.
 */
CdStoreBatch *
cd_store_batch_new (CdStore *store)
{
  CdStoreBatch *batch = g_new0 (CdStoreBatch, 1);

  batch->store = g_object_ref (store);
  batch->lock_timeout_ms = cd_store_get_lock_timeout (store);
  batch->lock_fd = -1;
  batch->dir_fd = -1;
  batch->ids = g_hash_table_new (g_str_hash, g_str_equal);
  batch->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  batch->photos = g_ptr_array_new_with_free_func (g_free);
  return batch;
}

guint
cd_store_batch_get_size (CdStoreBatch *batch)
{
  return batch->entries->len;
}

static gboolean
take_lock (CdStoreBatch  *batch,
           GError       **error)
{
  const char *dir = batch->store->articles_dir;

  if (!cd_ensure_dir (dir, error))
    return FALSE;
  batch->lock_fd = cd_store_lock_acquire (batch->store->lock_path, batch->lock_timeout_ms, error);
  if (batch->lock_fd < 0)
    return FALSE;
  batch->dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (batch->dir_fd < 0)
    {
      return cd_set_io_error (error, errno, CD_IO_OPEN, dir);
    }
  return TRUE;
}

static void
release_lock (CdStoreBatch *batch)
{
  cd_store_lock_release (batch->lock_fd);
  batch->lock_fd = -1;
}

/**
 * cd_store_batch_add_photo_file:
 * @width: (out) (optional): the image's width in pixels
 * @height: (out) (optional): the image's height in pixels
 *
 * Like cd_store_add_photo_file(), for an article of the batch: the copy
 * is made under the batch's lock and removed again unless the batch is
 * committed.
 *
 * Returns: (transfer full): the file's name inside the photos folder, or
 *   %NULL
 */
char *
cd_store_batch_add_photo_file (CdStoreBatch  *batch,
                               GFile         *source,
                               guint         *width,
                               guint         *height,
                               GError       **error)
{
  char *name;

  g_return_val_if_fail (!batch->committed, NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);

  if (batch->lock_fd < 0 && !take_lock (batch, error))
    return NULL;
  name = cd_store_copy_photo_locked (batch->store, source, width, height, error);
  if (name)
    g_ptr_array_add (batch->photos, g_strdup (name));
  return name;
}

/* Closes a file the batch kept open. Its data stays in the page cache
 * until the commit flushes it: asking the disk to start on each file
 * (sync_file_range) shortened that flush, but cost the writing thread
 * more than it saved on this 2-core machine. */
static gboolean
close_entry (CdStoreBatch  *batch,
             Entry         *entry,
             GError       **error)
{
  int fd = entry->fd;

  entry->fd = -1;
  if (close (fd) != 0)
    return set_io_error (error, errno, CD_IO_WRITE, batch, entry->temp);
  return TRUE;
}

/* Writes @bytes to a new temporary file; on success @entry holds it, open. */
static gboolean
write_temp (CdStoreBatch  *batch,
            const char    *id,
            GBytes        *bytes,
            Entry         *entry,
            CdFileStamp   *stamp,
            GError       **error)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = NULL;
  gsize length;
  const void *data = g_bytes_get_data (bytes, &length);
  struct stat st;

  entry->fd = cd_open_temp_at (batch->dir_fd, batch->store->articles_dir, name, &entry->temp,
                               error);
  if (entry->fd < 0)
    return FALSE;
  path = path_of (batch, entry->temp);
  if (!cd_write_all (entry->fd, path, data, length, error))
    goto fail;
  /* The size, time and inode the index records; a rename keeps them. */
  if (fstat (entry->fd, &st) != 0)
    {
      set_io_error (error, errno, CD_IO_READ_STATUS, batch, entry->temp);
      goto fail;
    }
  cd_file_stamp_from_stat (stamp, &st);
  return TRUE;

fail:
  close (entry->fd);
  entry->fd = -1;
  unlinkat (batch->dir_fd, entry->temp, 0);
  g_clear_pointer (&entry->temp, g_free);
  return FALSE;
}

/* Once the batch is too large to flush file by file, nothing is kept open. */
static gboolean
close_small_batch (CdStoreBatch  *batch,
                   GError       **error)
{
  for (guint i = 0; i < batch->entries->len; i++)
    {
      Entry *entry = &g_array_index (batch->entries, Entry, i);

      if (entry->fd >= 0 && !close_entry (batch, entry, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * cd_store_batch_add:
 * @article: a new article, with the revision and time it is to be stored
 *   with (see cd_store_stamp_revision())
 * @bytes: (nullable): @article serialised by cd_article_file_serialize(),
 *   when the caller has made it already
 *
 * Writes @article to its temporary file, taking the store's lock first
 * when it is the batch's first article. Fails, writing nothing, when the
 * id is not valid or already in the batch.
 */
gboolean
cd_store_batch_add (CdStoreBatch  *batch,
                    CdArticle     *article,
                    GBytes        *bytes,
                    GError       **error)
{
  const char *id = cd_article_get_id (article);
  g_autoptr(GBytes) made = NULL;
  Entry entry = { NULL, -1, NULL };
  CdFileStamp stamp;

  g_return_val_if_fail (!batch->committed, FALSE);

  if (!cd_store_check_id (id, error))
    return FALSE;
  if (g_hash_table_contains (batch->ids, id))
    {
      const char *headline = cd_article_get_headline (article);
      return set_exists_error (error, id, *headline ? headline : id);
    }
  if (batch->lock_fd < 0 && !take_lock (batch, error))
    return FALSE;
  if (bytes == NULL)
    bytes = made = cd_article_file_serialize (article);
  if (!write_temp (batch, id, bytes, &entry, &stamp, error))
    return FALSE;

  entry.summary = cd_summary_new_with_stamp (article, &stamp);
  g_hash_table_add (batch->ids, (gpointer) cd_article_summary_get_id (entry.summary));
  g_array_append_val (batch->entries, entry);
  if (batch->entries->len > BATCH_SYNC_THRESHOLD)
    return close_small_batch (batch, error);
  return TRUE;
}

/* Step 1: the data of every temporary file on the disk. */
static gboolean
flush (CdStoreBatch  *batch,
       GError       **error)
{
  if (batch->entries->len > BATCH_SYNC_THRESHOLD)
    return cd_sync_filesystem (batch->store->articles_dir, error);
  for (guint i = 0; i < batch->entries->len; i++)
    {
      Entry *entry = &g_array_index (batch->entries, Entry, i);
      g_autofree char *path = path_of (batch, entry->temp);

      if (!cd_fsync_fd (entry->fd, path, error) || !close_entry (batch, entry, error))
        return FALSE;
    }
  return TRUE;
}

/* Step 2: every article under its final name, or none. */
static gboolean
rename_all (CdStoreBatch  *batch,
            GError       **error)
{
  for (guint i = 0; i < batch->entries->len; i++)
    {
      Entry *entry = &g_array_index (batch->entries, Entry, i);
      g_autofree char *name = final_name (entry);
      g_autoptr(GError) local_error = NULL;

      if (!cd_rename_noreplace_at (batch->dir_fd, batch->store->articles_dir, entry->temp, name,
                                   &local_error))
        {
          if (g_error_matches (local_error, CD_STORE_ERROR, CD_STORE_ERROR_EXISTS))
            return set_exists_error (error, cd_article_summary_get_id (entry->summary),
                                     describe (entry->summary));
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_pointer (&entry->temp, g_free);
      batch->n_renamed++;
    }
  return TRUE;
}

/**
 * cd_store_batch_commit:
 *
 * Makes the batch's articles part of the store, durably: flushes their
 * files, renames them to their names and flushes the folder. On failure
 * (or when @cancellable is cancelled before the renaming starts) the
 * folder is left as it was once the batch is freed. Any thread; the list
 * learns of the articles from cd_store_batch_apply().
 */
gboolean
cd_store_batch_commit (CdStoreBatch  *batch,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_return_val_if_fail (!batch->committed, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (batch->entries->len > 0 &&
      !(flush (batch, error) && rename_all (batch, error) &&
        cd_fsync_fd (batch->dir_fd, batch->store->articles_dir, error)))
    return FALSE;
  batch->committed = TRUE;
  return TRUE;
}

/**
 * cd_store_batch_apply:
 *
 * After a successful commit, in the store's context: lists the new
 * articles, rewrites the index and lets go of the store's lock.
 */
void
cd_store_batch_apply (CdStoreBatch *batch)
{
  CdStore *self = batch->store;
  g_autoptr(GPtrArray) summaries = NULL;

  g_return_if_fail (batch->committed);

  if (batch->entries->len == 0)
    return;
  summaries = g_ptr_array_new_full (batch->entries->len, g_object_unref);
  for (guint i = 0; i < batch->entries->len; i++)
    g_ptr_array_add (summaries,
                     g_steal_pointer (&g_array_index (batch->entries, Entry, i).summary));
  g_hash_table_remove_all (batch->ids);
  cd_store_add_summaries (self, summaries);
  cd_store_write_index (self, (CdArticleSummary **) self->items->pdata, self->items->len, NULL);
  release_lock (batch);
}

/* Puts the folder back as it was before the batch. */
static void
undo (CdStoreBatch *batch)
{
  for (guint i = 0; i < batch->entries->len; i++)
    {
      Entry *entry = &g_array_index (batch->entries, Entry, i);

      if (entry->fd >= 0)
        close (entry->fd);
      if (entry->temp)
        unlinkat (batch->dir_fd, entry->temp, 0);
      if (i < batch->n_renamed)
        {
          g_autofree char *name = final_name (entry);
          unlinkat (batch->dir_fd, name, 0);
        }
    }
  for (guint i = 0; i < batch->photos->len; i++)
    {
      g_autofree char *path = g_build_filename (batch->store->photos_dir,
                                                g_ptr_array_index (batch->photos, i), NULL);
      g_unlink (path);
    }
}

/**
 * cd_store_batch_free:
 *
 * Frees the batch; one that was not committed leaves no file behind.
 * Any thread.
 */
void
cd_store_batch_free (CdStoreBatch *batch)
{
  if (batch == NULL)
    return;
  if (!batch->committed)
    undo (batch);
  release_lock (batch);
  if (batch->dir_fd >= 0)
    close (batch->dir_fd);
  for (guint i = 0; i < batch->entries->len; i++)
    {
      Entry *entry = &g_array_index (batch->entries, Entry, i);

      g_free (entry->temp);
      g_clear_object (&entry->summary);
    }
  g_array_unref (batch->entries);
  g_ptr_array_unref (batch->photos);
  g_hash_table_unref (batch->ids);
  g_object_unref (batch->store);
  g_free (batch);
}

/* ------------------------------------------------------------------------
 * cd_store_add_articles() and its async variant
 */

/* Ids must be new to the list; the rename refuses the rest, but an id
 * already listed is refused here before anything is written. */
static gboolean
check_not_listed (CdStore    *self,
                  GPtrArray  *articles,
                  GError    **error)
{
  for (guint i = 0; i < articles->len; i++)
    {
      CdArticle *article = g_ptr_array_index (articles, i);
      const char *id = cd_article_get_id (article);
      const char *headline = cd_article_get_headline (article);

      if (cd_store_find (self, id) != NULL)
        return set_exists_error (error, id, *headline ? headline : id);
    }
  return TRUE;
}

/* Stamps every article as new to the store and writes it to @batch. */
static gboolean
fill_batch (CdStoreBatch  *batch,
            GPtrArray     *articles,
            GCancellable  *cancellable,
            GError       **error)
{
  for (guint i = 0; i < articles->len; i++)
    {
      CdArticle *article = g_ptr_array_index (articles, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      cd_store_stamp_revision (article, cd_article_get_revision (article) + 1);
      if (!cd_store_batch_add (batch, article, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * cd_store_add_articles:
 * @articles: (element-type CdArticle): new articles
 *
 * Adds many new articles at once, all or none: when any id is already in
 * the store (%CD_STORE_ERROR_EXISTS) or anything fails, nothing is left
 * in the folder and the articles are as they were. Each article gets its
 * revision raised by one and its modification time set to now, like a
 * save. Must be called in the store's context.
 */
gboolean
cd_store_add_articles (CdStore       *self,
                       GPtrArray     *articles,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(CdStoreBatch) batch = NULL;
  g_autofree guint64 *revisions = NULL;
  g_autoptr(GPtrArray) modified = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (articles != NULL, FALSE);

  if (articles->len == 0)
    return TRUE;
  if (!check_not_listed (self, articles, error))
    return FALSE;

  revisions = g_new (guint64, articles->len);
  modified = g_ptr_array_new_full (articles->len, (GDestroyNotify) g_date_time_unref);
  for (guint i = 0; i < articles->len; i++)
    {
      CdArticle *article = g_ptr_array_index (articles, i);

      revisions[i] = cd_article_get_revision (article);
      g_ptr_array_add (modified, g_date_time_ref (cd_article_get_modified (article)));
    }

  batch = cd_store_batch_new (self);
  if (!fill_batch (batch, articles, cancellable, error) ||
      !cd_store_batch_commit (batch, cancellable, error))
    {
      for (guint i = 0; i < articles->len; i++)
        {
          cd_article_set_revision (g_ptr_array_index (articles, i), revisions[i]);
          cd_article_set_modified (g_ptr_array_index (articles, i),
                                   g_ptr_array_index (modified, i));
        }
      return FALSE;
    }
  cd_store_batch_apply (batch);
  return TRUE;
}

typedef struct
{
  GPtrArray *articles;     /* the caller's; only touched in the store's context */
  GPtrArray *copies;       /* what is written, stamped in the thread */
  CdStoreBatch *batch;
} AddData;

static void
add_data_free (AddData *data)
{
  g_ptr_array_unref (data->articles);
  g_ptr_array_unref (data->copies);
  cd_store_batch_free (data->batch);
  g_free (data);
}

static void
add_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  AddData *data = task_data;
  GError *error = NULL;

  if (fill_batch (data->batch, data->copies, cancellable, &error) &&
      cd_store_batch_commit (data->batch, cancellable, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  /* the files written go here, not in the store's thread */
  g_clear_pointer (&data->batch, cd_store_batch_free);
  g_task_return_error (task, error);
}

/* In the store's context: the list changes here only. */
static void
add_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AddData *data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  cd_store_batch_apply (data->batch);
  for (guint i = 0; i < data->articles->len; i++)
    {
      CdArticle *article = g_ptr_array_index (data->articles, i);
      CdArticle *copy = g_ptr_array_index (data->copies, i);

      cd_article_set_revision (article, cd_article_get_revision (copy));
      cd_article_set_modified (article, cd_article_get_modified (copy));
    }
  /* The articles are in the store: a late cancellation undoes nothing. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_return_boolean (task, TRUE);
}

/**
 * cd_store_add_articles_async:
 * @articles: (element-type CdArticle): new articles
 *
 * Like cd_store_add_articles(), with the file work in a thread: what is
 * written is the articles as they are when this is called. When it has
 * succeeded, the list gains them and their revisions and modification
 * times are updated, in the context this was called in, just before
 * @callback runs. Must be called in the store's context.
 */
void
cd_store_add_articles_async (CdStore             *self,
                             GPtrArray           *articles,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  GError *error = NULL;
  AddData *data;

  g_return_if_fail (CD_IS_STORE (self));
  g_return_if_fail (articles != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_store_add_articles_async);
  if (!check_not_listed (self, articles, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  data = g_new0 (AddData, 1);
  data->articles = g_ptr_array_ref (articles);
  data->copies = g_ptr_array_new_full (articles->len, g_object_unref);
  for (guint i = 0; i < articles->len; i++)
    g_ptr_array_add (data->copies, cd_article_copy (g_ptr_array_index (articles, i)));
  data->batch = cd_store_batch_new (self);

  inner = cd_task_new_inner (g_steal_pointer (&task), add_done_cb);
  g_task_set_task_data (inner, data, (GDestroyNotify) add_data_free);
  g_task_run_in_thread (inner, add_thread);
}

gboolean
cd_store_add_articles_finish (CdStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* cd-store-trash.c: moving articles to the trash and back
 *
 * Trashing is a rename into trash/ under the store's lock; nothing is
 * deleted here (only emptying the trash deletes, cd-store-trash-empty.c).
 * The rename also stamps when the article was trashed. A program that saves an article someone else trashed
 * meanwhile gets CD_STORE_ERROR_CONFLICT, not a resurrected file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>

#include "cd-article-file.h"
#include "cd-store-io.h"
#include "cd-store-private.h"
#include "cd-trashed-article.h"

static gboolean
move_old_trash_aside (CdStore     *self,
                      const char  *trashed,
                      const char  *id,
                      GError     **error)
{
  g_autofree char *name = g_strconcat (id, ".json.old", NULL);
  g_autofree char *moved = NULL;

  if (!g_file_test (trashed, G_FILE_TEST_EXISTS))
    return TRUE;
  moved = cd_move_aside (trashed, self->trash_dir, name, error);
  return moved != NULL;
}

static gboolean
article_exists (const char  *path,
                const char  *id,
                GError     **error)
{
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
               _("No article with the id “%s” is in the store"), id);
  return FALSE;
}

/**
 * cd_store_trash_article:
 *
 * Moves the article's file to trash/ and the article out of the list. An
 * earlier trashed version of the same article is kept, renamed.
 */
gboolean
cd_store_trash_article (CdStore     *self,
                        const char  *id,
                        GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *trashed = NULL;
  gboolean ok;
  int fd;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);

  if (!cd_store_check_id (id, error) || !cd_ensure_dir (self->trash_dir, error))
    return FALSE;
  path = cd_store_dup_article_path (self, self->articles_dir, id);
  trashed = cd_store_dup_article_path (self, self->trash_dir, id);
  fd = cd_store_lock_acquire (self->lock_path, cd_store_get_lock_timeout (self), error);
  if (fd < 0)
    return FALSE;
  ok = article_exists (path, id, error) &&
       move_old_trash_aside (self, trashed, id, error) &&
       cd_rename_noreplace (path, trashed, error) &&
       cd_fsync_dir (self->articles_dir, error) &&
       cd_fsync_dir (self->trash_dir, error);
  cd_store_lock_release (fd);
  if (ok)
    cd_store_drop_entry (self, id);
  return ok;
}

/**
 * cd_store_restore_article:
 *
 * Moves a trashed article back into the store and the list. Fails with
 * %CD_STORE_ERROR_EXISTS when the id is in the store again, and with
 * %CD_STORE_ERROR_CORRUPT, leaving the file in the trash, when the
 * trashed file does not load.
 */
gboolean
cd_store_restore_article (CdStore     *self,
                          const char  *id,
                          GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *trashed = NULL;
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GError) local_error = NULL;
  CdFileStamp stamp;
  gboolean ok = FALSE;
  int fd;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);

  if (!cd_store_check_id (id, error) || !cd_ensure_dir (self->articles_dir, error))
    return FALSE;
  path = cd_store_dup_article_path (self, self->articles_dir, id);
  trashed = cd_store_dup_article_path (self, self->trash_dir, id);
  fd = cd_store_lock_acquire (self->lock_path, cd_store_get_lock_timeout (self), error);
  if (fd < 0)
    return FALSE;
  article = cd_store_read_article_file (trashed, id, &stamp, &local_error);
  if (article == NULL && local_error->domain == CD_ARTICLE_FILE_ERROR)
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CORRUPT,
                 /* Translators: a file and why it does not load */
                 _("“%s” does not load: %s"), trashed, local_error->message);
  else if (article == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    ok = cd_rename_noreplace (trashed, path, error) &&
         cd_fsync_dir (self->articles_dir, error) &&
         cd_fsync_dir (self->trash_dir, error);
  cd_store_lock_release (fd);
  if (ok)
    cd_store_update_entry (self, article, &stamp);
  return ok;
}

/**
 * cd_store_get_trash_path:
 *
 * The folder trashed articles are moved to, for a program that wants to
 * watch it; it may not exist yet.
 */
const char *
cd_store_get_trash_path (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return self->trash_dir;
}

/* The status-change time of a trashed file: the rename into trash/ set
 * it (see cd_store_get_trashed_time()). */
static GDateTime *
trashed_time (const struct stat *st)
{
  g_autoptr(GDateTime) second = g_date_time_new_from_unix_utc (st->st_ctim.tv_sec);

  return g_date_time_add (second, st->st_ctim.tv_nsec / 1000);
}

/* One file of trash/, or NULL when it is no trashed article (or no
 * longer there: restored or emptied by another program meanwhile). */
static CdTrashedArticle *
read_trashed_file (CdStore    *self,
                   const char *name,
                   GPtrArray  *problems)
{
  g_autofree char *id = g_str_has_suffix (name, ".json")
                        ? g_strndup (name, strlen (name) - 5) : NULL;
  g_autofree char *path = NULL;
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(CdArticleSummary) summary = NULL;
  g_autoptr(GDateTime) trashed = NULL;
  g_autoptr(GError) read_error = NULL;
  CdFileStamp stamp;
  struct stat st;

  if (id == NULL || !cd_store_is_valid_id (id))
    return NULL;
  path = g_build_filename (self->trash_dir, name, NULL);
  article = cd_store_read_article_file (path, id, &stamp, &read_error);
  if (article == NULL)
    {
      if (!g_error_matches (read_error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND))
        /* Translators: a file and why it does not load */
        g_ptr_array_add (problems, g_strdup_printf (_("“%s” in the trash does not load: %s"),
                                                    path, read_error->message));
      return NULL;
    }
  if (stat (path, &st) != 0)
    return NULL;
  summary = cd_article_summary_new (article);
  trashed = trashed_time (&st);
  return cd_trashed_article_new (summary, trashed);
}

/* Any thread: only the store's paths are used. Problems are collected
 * in @problems, for the store's own thread to note. */
static GPtrArray *
read_trash (CdStore       *self,
            GPtrArray     *problems,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  dir = g_dir_open (self->trash_dir, 0, &local_error);
  if (dir == NULL && g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return g_steal_pointer (&items);
  if (dir == NULL)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_IO, local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)))
    {
      CdTrashedArticle *item;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      item = read_trashed_file (self, name, problems);
      if (item)
        g_ptr_array_add (items, item);
    }
  return g_steal_pointer (&items);
}

/* A problem already noted (the trash was read before) is not noted twice. */
static void
note_problems (CdStore   *self,
               GPtrArray *problems)
{
  GPtrArray *noted = cd_store_get_problems (self);

  for (guint i = 0; i < problems->len; i++)
    {
      char *problem = g_ptr_array_index (problems, i);

      if (noted == NULL || !g_ptr_array_find_with_equal_func (noted, problem, g_str_equal, NULL))
        cd_store_add_problem (self, g_strdup (problem));
    }
}

/**
 * cd_store_list_trash:
 *
 * Reads the articles in the trash. Files there that do not load are left
 * alone and reported in cd_store_get_problems().
 *
 * Returns: (transfer full) (element-type CdArticleSummary): summaries of
 *   the trashed articles, most recently modified first
 */
GPtrArray *
cd_store_list_trash (CdStore  *self,
                     GError  **error)
{
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);

  items = read_trash (self, problems, NULL, error);
  note_problems (self, problems);
  if (items == NULL)
    return NULL;
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (summaries,
                     g_object_ref (cd_trashed_article_get_summary (g_ptr_array_index (items, i))));
  g_ptr_array_sort (summaries, cd_summary_ptr_compare);
  return g_steal_pointer (&summaries);
}

typedef struct
{
  GPtrArray *items;      /* CdTrashedArticle */
  GPtrArray *problems;   /* char * */
} TrashListing;

static void
trash_listing_free (TrashListing *listing)
{
  g_clear_pointer (&listing->items, g_ptr_array_unref);
  g_clear_pointer (&listing->problems, g_ptr_array_unref);
  g_free (listing);
}

static int
compare_trashed (gconstpointer a,
                 gconstpointer b)
{
  return cd_trashed_article_compare (*(CdTrashedArticle * const *) a,
                                     *(CdTrashedArticle * const *) b);
}

static void
list_trashed_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  TrashListing *listing = g_new0 (TrashListing, 1);
  GError *error = NULL;

  listing->problems = g_ptr_array_new_with_free_func (g_free);
  listing->items = read_trash (source_object, listing->problems, cancellable, &error);
  if (listing->items == NULL)
    {
      trash_listing_free (listing);
      g_task_return_error (task, error);
      return;
    }
  g_ptr_array_sort (listing->items, compare_trashed);
  g_task_return_pointer (task, listing, (GDestroyNotify) trash_listing_free);
}

/**
 * cd_store_list_trashed_async:
 *
 * Reads the articles in the trash, and when each went there, in a worker
 * thread: a large trash does not hold up the caller.
 */
void
cd_store_list_trashed_async (CdStore             *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CD_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_store_list_trashed_async);
  g_task_run_in_thread (task, list_trashed_thread);
}

/**
 * cd_store_list_trashed_finish:
 *
 * Files in the trash that do not load are left alone and reported in
 * cd_store_get_problems().
 *
 * Returns: (transfer full) (element-type CdTrashedArticle): the trashed
 *   articles, most recently trashed first, or %NULL
 */
GPtrArray *
cd_store_list_trashed_finish (CdStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  TrashListing *listing;
  GPtrArray *items;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_store_list_trashed_async,
                        NULL);

  listing = g_task_propagate_pointer (G_TASK (result), error);
  if (listing == NULL)
    return NULL;
  note_problems (self, listing->problems);
  items = g_steal_pointer (&listing->items);
  trash_listing_free (listing);
  return items;
}

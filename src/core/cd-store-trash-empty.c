/* cd-store-trash-empty.c: when articles went to the trash, and deleting
 * them for good
 *
 * Emptying the trash is the one place where the store deletes what
 * someone wrote. It holds the store's lock throughout, so that no article
 * is saved, trashed or restored meanwhile, and it takes along the images
 * that only the deleted articles showed: an image named anywhere else in
 * the store (by an article, a trashed article kept, even a damaged file
 * in quarantine/) stays. The same walk through the store prunes photos/
 * (cd-store-prune.c) of the older images that nothing names any more.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cd-store-io.h"
#include "cd-store-private.h"

typedef struct
{
  gint64 before;            /* µs since the epoch; G_MAXINT64 for everything */
  GHashTable *only;         /* the ids of the articles to delete; NULL for all */
  guint lock_timeout_ms;
  guint n_images;           /* out: images deleted with the articles */
} EmptyData;

/* What is to go: the trashed files, their articles' ids and the images
 * those articles showed. */
typedef struct
{
  GPtrArray *paths;
  GHashTable *ids;
  GHashTable *images;       /* name -> gint64 *: when the last article naming it was trashed (s) */
} Doomed;

static void
doomed_clear (Doomed *doomed)
{
  g_clear_pointer (&doomed->paths, g_ptr_array_unref);
  g_clear_pointer (&doomed->ids, g_hash_table_unref);
  g_clear_pointer (&doomed->images, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Doomed, doomed_clear)

static gint64
ctime_usec (const struct stat *st)
{
  return (gint64) st->st_ctim.tv_sec * G_USEC_PER_SEC + st->st_ctim.tv_nsec / 1000;
}

/* The id a file in trash/ belongs to: "<id>.json" (*current set), or an
 * earlier trashed copy that cd_move_aside() renamed "<id>.json.old",
 * "<id>.json-2.old"… NULL for anything else, which emptying leaves alone. */
static char *
trashed_file_id (const char *name,
                 gboolean   *current)
{
  g_autofree char *id = NULL;
  const char *rest;

  if (strlen (name) < 36 + strlen (".json"))
    return NULL;
  id = g_strndup (name, 36);
  rest = name + 36;
  if (!cd_store_is_valid_id (id) || !g_str_has_prefix (rest, ".json"))
    return NULL;
  rest += strlen (".json");
  *current = *rest == '\0';
  if (*rest == '-' && g_ascii_isdigit (rest[1]))
    {
      rest++;
      while (g_ascii_isdigit (*rest))
        rest++;
      if (!g_str_equal (rest, ".old"))
        return NULL;
    }
  else if (*rest != '\0' && !g_str_equal (rest, ".old"))
    return NULL;
  return g_steal_pointer (&id);
}

typedef struct
{
  char *path;
  char *id;
  gboolean current;
  gint64 trashed;
} TrashFile;

static void
trash_file_clear (TrashFile *file)
{
  g_free (file->path);
  g_free (file->id);
}

/* Every article file in trash/, and when each article went there. */
static gboolean
read_trash (CdStore     *self,
            GArray      *files,
            GHashTable  *trashed,
            GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  dir = g_dir_open (self->trash_dir, 0, &local_error);
  if (dir == NULL && g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return TRUE;
  if (dir == NULL)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)))
    {
      TrashFile file = { NULL, NULL, FALSE, 0 };
      struct stat st;

      file.id = trashed_file_id (name, &file.current);
      if (file.id == NULL)
        continue;
      file.path = g_build_filename (self->trash_dir, name, NULL);
      if (lstat (file.path, &st) != 0 || !S_ISREG (st.st_mode))
        {
          trash_file_clear (&file);
          continue;
        }
      file.trashed = ctime_usec (&st);
      g_array_append_val (files, file);
      if (file.current)
        g_hash_table_insert (trashed, file.id, g_memdup2 (&file.trashed, sizeof file.trashed));
    }
  return TRUE;
}

/* A trashed file that does not load is deleted all the same; only its
 * images cannot be known, so they stay. */
static void
add_images (Doomed     *doomed,
            const char *path,
            const char *id,
            gint64      trashed_usec)
{
  g_autoptr(CdArticle) article = NULL;
  gint64 trashed = trashed_usec / G_USEC_PER_SEC;
  CdFileStamp stamp;

  article = cd_store_read_article_file (path, id, &stamp, NULL);
  for (guint i = 0; article && i < cd_article_get_n_photos (article); i++)
    {
      const char *name = cd_photo_get_file (cd_article_get_photo (article, i));
      gint64 *known;

      if (!cd_store_is_photo_name (name))
        continue;
      known = g_hash_table_lookup (doomed->images, name);
      if (known)
        *known = MAX (*known, trashed);
      else
        g_hash_table_insert (doomed->images, g_strdup (name), g_memdup2 (&trashed, sizeof trashed));
    }
}

/* An article's earlier trashed copies go with it, and stay while it
 * stays; copies whose article is no longer in the trash (it was restored)
 * go by their own age. */
static gboolean
collect_doomed (CdStore    *self,
                EmptyData  *data,
                Doomed     *doomed,
                GError    **error)
{
  g_autoptr(GArray) files = g_array_new (FALSE, FALSE, sizeof (TrashFile));
  g_autoptr(GHashTable) trashed = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_array_set_clear_func (files, (GDestroyNotify) trash_file_clear);
  if (!read_trash (self, files, trashed, error))
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      TrashFile *file = &g_array_index (files, TrashFile, i);
      gint64 *article_trashed = g_hash_table_lookup (trashed, file->id);

      if ((article_trashed ? *article_trashed : file->trashed) >= data->before)
        continue;
      /* Asked for by id: only an article still in the trash, with its
       * earlier copies; not the copies of one restored meanwhile. */
      if (data->only && (!g_hash_table_contains (data->only, file->id) || !article_trashed))
        continue;
      add_images (doomed, file->path, file->id, file->trashed);
      g_ptr_array_add (doomed->paths, g_strdup (file->path));
      if (file->current)
        g_hash_table_add (doomed->ids, g_strdup (file->id));
    }
  return TRUE;
}

static gboolean
delete_files (const char  *dir,
              GPtrArray   *paths,
              GError     **error)
{
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);

      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_IO, _("Could not delete “%s”: %s"),
                       path, g_strerror (saved_errno));
          return FALSE;
        }
    }
  return paths->len == 0 || cd_fsync_dir (dir, error);
}

/* Once articles are gone for good, so are their images and the older
 * ones that nothing names any more, whichever article dropped them
 * (cd-store-prune.c): one walk through the store for both. */
static gboolean
prune_after (CdStore     *self,
             Doomed      *doomed,
             guint       *n_images,
             GError     **error)
{
  g_autoptr(GPtrArray) pruned = g_ptr_array_new_with_free_func (g_free);
  guint64 n_bytes = 0;

  if (doomed->paths->len == 0)
    return TRUE;
  if (!cd_store_prune_photos_locked (self, doomed->images, CD_STORE_PRUNE_NONE, pruned, &n_bytes,
                                     NULL, error))
    return FALSE;
  *n_images += pruned->len;
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char **
sorted_ids (GHashTable *ids)
{
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer id;

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_ptr_array_add (array, g_strdup (id));
  g_ptr_array_sort (array, compare_strings);
  g_ptr_array_add (array, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&array), FALSE);
}

/* Any thread: only the store's paths are used. */
static char **
empty_worker (CdStore       *self,
              EmptyData     *data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_auto(Doomed) doomed = {
    g_ptr_array_new_with_free_func (g_free),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
  };
  gboolean ok;
  int fd;

  fd = cd_store_lock_acquire (self->lock_path, data->lock_timeout_ms, error);
  if (fd < 0)
    return NULL;
  /* A cancellation before the first deletion leaves the trash whole. */
  ok = collect_doomed (self, data, &doomed, error) &&
       !g_cancellable_set_error_if_cancelled (cancellable, error) &&
       delete_files (self->trash_dir, doomed.paths, error) &&
       prune_after (self, &doomed, &data->n_images, error);
  cd_store_lock_release (fd);
  return ok ? sorted_ids (doomed.ids) : NULL;
}

static void
empty_data_free (EmptyData *data)
{
  g_clear_pointer (&data->only, g_hash_table_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EmptyData, empty_data_free)

static EmptyData *
empty_data_new (CdStore            *self,
                GDateTime          *trashed_before,
                const char * const *ids)
{
  EmptyData *data = g_new0 (EmptyData, 1);

  if (ids)
    {
      data->only = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; ids[i]; i++)
        g_hash_table_add (data->only, g_strdup (ids[i]));
    }

  data->before = G_MAXINT64;
  if (trashed_before)
    data->before = g_date_time_to_unix (trashed_before) * G_USEC_PER_SEC +
                   g_date_time_get_microsecond (trashed_before);
  data->lock_timeout_ms = cd_store_get_lock_timeout (self);
  return data;
}

/**
 * cd_store_empty_trash:
 * @trashed_before: (nullable): delete only the articles trashed before
 *   this time (see cd_store_get_trashed_time()); %NULL for all of them
 * @n_images: (out) (optional): how many image files went with them
 *
 * Deletes trashed articles for good, with the earlier trashed copies of
 * each kept beside it, and the image files that nothing left in the store
 * names; when articles went, the other images that nothing names are
 * pruned too (see cd_store_prune_photos()), and @n_images counts them. Earlier copies of an article that is no longer in the trash go
 * by their own age. A file in the trash that does not load is deleted
 * too, but its images stay. A cancellation before the first deletion
 * changes nothing.
 *
 * Returns: (transfer full) (array zero-terminated=1): the ids of the
 *   trashed articles deleted, sorted (empty when there were none), or
 *   %NULL
 */
char **
cd_store_empty_trash (CdStore       *self,
                      GDateTime     *trashed_before,
                      guint         *n_images,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(EmptyData) data = NULL;
  char **ids;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);

  data = empty_data_new (self, trashed_before, NULL);
  ids = empty_worker (self, data, cancellable, error);
  if (ids && n_images)
    *n_images = data->n_images;
  return ids;
}

static void
empty_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  char **ids = empty_worker (source_object, task_data, cancellable, &error);

  if (ids == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_strfreev);
}

void
cd_store_empty_trash_async (CdStore             *self,
                            GDateTime           *trashed_before,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CD_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_store_empty_trash_async);
  /* The worker decides when cancelling still helps: not once deleting began. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, empty_data_new (self, trashed_before, NULL),
                        (GDestroyNotify) empty_data_free);
  g_task_run_in_thread (task, empty_thread);
}

/**
 * cd_store_empty_trash_finish:
 * @n_images: (out) (optional): how many image files were deleted
 *
 * Returns: (transfer full) (array zero-terminated=1): as
 *   cd_store_empty_trash()
 */
char **
cd_store_empty_trash_finish (CdStore       *self,
                             GAsyncResult  *result,
                             guint         *n_images,
                             GError       **error)
{
  char **ids;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  ids = g_task_propagate_pointer (G_TASK (result), error);
  if (ids && n_images)
    *n_images = ((EmptyData *) g_task_get_task_data (G_TASK (result)))->n_images;
  return ids;
}

/**
 * cd_store_delete_trashed:
 * @ids: (array zero-terminated=1): ids of articles in the trash
 * @n_images: (out) (optional): how many image files went with them
 *
 * Deletes the given trashed articles for good, as cd_store_empty_trash()
 * does the whole trash: each with its earlier trashed copies, and the
 * image files that nothing left in the store names. An id that is not in
 * the trash (any more) is passed over.
 *
 * Returns: (transfer full) (array zero-terminated=1): the ids of the
 *   trashed articles deleted, sorted, or %NULL
 */
char **
cd_store_delete_trashed (CdStore             *self,
                         const char * const  *ids,
                         guint               *n_images,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_autoptr(EmptyData) data = NULL;
  char **deleted;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  data = empty_data_new (self, NULL, ids);
  deleted = empty_worker (self, data, cancellable, error);
  if (deleted && n_images)
    *n_images = data->n_images;
  return deleted;
}

void
cd_store_delete_trashed_async (CdStore             *self,
                               const char * const  *ids,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CD_IS_STORE (self));
  g_return_if_fail (ids != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_store_delete_trashed_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, empty_data_new (self, NULL, ids),
                        (GDestroyNotify) empty_data_free);
  g_task_run_in_thread (task, empty_thread);
}

/**
 * cd_store_delete_trashed_finish:
 * @n_images: (out) (optional): how many image files were deleted
 *
 * Returns: (transfer full) (array zero-terminated=1): as
 *   cd_store_delete_trashed()
 */
char **
cd_store_delete_trashed_finish (CdStore       *self,
                                GAsyncResult  *result,
                                guint         *n_images,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_store_delete_trashed_async,
                        NULL);

  return cd_store_empty_trash_finish (self, result, n_images, error);
}

/**
 * cd_store_get_trashed_time:
 * @id: the id of an article in the trash
 *
 * When the article went to the trash: the status-change time of its file,
 * which the rename into trash/ set. Nothing changes a trashed file, and
 * whatever did (a chmod, a copy of the store onto another disk) would only
 * make the time later, so an article is never taken for older than it is.
 *
 * Returns: (transfer full): the time, or %NULL with
 *   %CD_STORE_ERROR_NOT_FOUND when the article is not in the trash
 */
GDateTime *
cd_store_get_trashed_time (CdStore     *self,
                           const char  *id,
                           GError     **error)
{
  g_autofree char *path = NULL;
  struct stat st;
  int saved_errno;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);

  if (!cd_store_check_id (id, error))
    return NULL;
  path = cd_store_dup_article_path (self, self->trash_dir, id);
  if (stat (path, &st) == 0)
    {
      g_autoptr(GDateTime) second = g_date_time_new_from_unix_utc (st.st_ctim.tv_sec);

      return g_date_time_add (second, st.st_ctim.tv_nsec / 1000);
    }

  saved_errno = errno;
  if (saved_errno == ENOENT)
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                 _("No article with the id “%s” is in the trash"), id);
  else
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_IO, _("Could not read “%s”: %s"), path,
                 g_strerror (saved_errno));
  return NULL;
}

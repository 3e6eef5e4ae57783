/* cd-store-prune.c: deleting the images in photos/ that nothing names
 *
 * Removing a photo from an article leaves its image in photos/: the
 * window may undo the removal, the article may come back from the trash,
 * another photo may show the same image. Pruning is the garbage
 * collection that deletes such images later, once nothing in the store
 * names them. An image stays unless all of these hold:
 *
 *  - its name is one the store gives images, "<uuid>.<ext>": a writer's
 *    temporary file (".photo…"), a folder or a file someone put there by
 *    hand is never touched;
 *  - it was written, or left out by a save of an article, more than
 *    CD_STORE_PRUNE_GRACE_SECONDS ago. An image is copied in first and
 *    the article that names it saved afterwards, under a lock of its
 *    own, so a young image may simply not be named yet. A save that
 *    leaves out a photo makes its image young again
 *    (cd_store_renew_dropped_images_locked()), so the window's Undo,
 *    which puts the photo back by name, still finds it. Emptying the
 *    trash waives the wait for the images of the articles it deletes;
 *  - no file in articles/, trash/ (earlier trashed copies too) or
 *    quarantine/ mentions its uuid anywhere in its bytes, so a damaged
 *    file keeps its images as well; a file that could hide a name in a
 *    JSON (\u…) or URI (%…) escape is also read as an article.
 *
 * The store's lock is held throughout, so no article is saved meanwhile;
 * each image goes with one unlink(), so a crash at any point has deleted
 * only images that nothing names, and the folder is synced at the end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* memmem() */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cd-article-file.h"
#include "cd-store-io.h"
#include "cd-store-private.h"

#define UUID_LENGTH 36

typedef struct
{
  CdStorePruneFlags flags;
  guint lock_timeout_ms;
  guint64 n_bytes;          /* out: the size of the images pruned */
} PruneData;

typedef struct
{
  char *name;
  guint64 size;
} Candidate;

static void
candidate_free (Candidate *candidate)
{
  g_free (candidate->name);
  g_free (candidate);
}

/* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" in either case. */
static gboolean
is_uuid_at (const char *p)
{
  for (guint i = 0; i < UUID_LENGTH; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (p[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (p[i]))
        return FALSE;
    }
  return TRUE;
}

/* "<uuid>.<ext>", the names cd_store_add_photo_file() gives. */
static gboolean
is_image_name (const char *name)
{
  const char *ext = name + UUID_LENGTH + 1;

  if (strlen (name) < UUID_LENGTH + 2 || !is_uuid_at (name) || name[UUID_LENGTH] != '.')
    return FALSE;
  for (const char *p = ext; *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

static char *
uuid_of (const char *text)
{
  return g_ascii_strdown (text, UUID_LENGTH);
}

/* Adds @name of photos/ to @candidates (by name), and its uuid to
 * @uuids, when it is an image file the store named that was written at
 * @young (seconds since the epoch) or earlier. */
static void
add_candidate (const char *photos_dir,
               const char *name,
               gint64      young,
               GHashTable *candidates,
               GHashTable *uuids)
{
  g_autofree char *path = NULL;
  Candidate *candidate;
  struct stat st;

  if (!is_image_name (name) || g_hash_table_contains (candidates, name))
    return;
  path = g_build_filename (photos_dir, name, NULL);
  if (lstat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_mtime > young)
    return;
  candidate = g_new0 (Candidate, 1);
  candidate->name = g_strdup (name);
  candidate->size = (guint64) st.st_size;
  g_hash_table_insert (candidates, candidate->name, candidate);
  g_hash_table_add (uuids, uuid_of (name));
}

/* The images that go if nothing names them: those of photos/ that are
 * old enough, and those of @doomed not touched since their article went
 * to the trash, however recently. An image renewed after that was left
 * out by some other article's save, whose undo may still need it. */
static gboolean
list_candidates (const char  *photos_dir,
                 GHashTable  *doomed,
                 GHashTable  *candidates,
                 GHashTable  *uuids,
                 GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 young = g_get_real_time () / G_USEC_PER_SEC - CD_STORE_PRUNE_GRACE_SECONDS;
  GHashTableIter iter;
  gpointer name, trashed;

  if (doomed)
    {
      g_hash_table_iter_init (&iter, doomed);
      while (g_hash_table_iter_next (&iter, &name, &trashed))
        add_candidate (photos_dir, name, *(gint64 *) trashed, candidates, uuids);
    }
  dir = g_dir_open (photos_dir, 0, &local_error);
  if (dir == NULL && g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return TRUE;
  if (dir == NULL)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }
  while ((name = (gpointer) g_dir_read_name (dir)))
    add_candidate (photos_dir, name, young, candidates, uuids);
  return TRUE;
}

/* Every uuid of a candidate that the bytes mention, anywhere. */
static void
find_mentions (const char *data,
               gsize       length,
               GHashTable *uuids,
               GHashTable *mentioned)
{
  for (const char *p = data; length >= UUID_LENGTH && p <= data + length - UUID_LENGTH; p++)
    {
      g_autofree char *uuid = NULL;

      if (p[8] != '-' || p[13] != '-' || !is_uuid_at (p))
        continue;
      uuid = uuid_of (p);
      if (g_hash_table_contains (uuids, uuid))
        g_hash_table_add (mentioned, g_steal_pointer (&uuid));
    }
}

/* The image names of an article file read as the store reads it, for a
 * file whose names may hide in an escape. */
static void
find_escaped_mentions (const char *data,
                       gsize       length,
                       GHashTable *mentioned)
{
  g_autoptr(CdArticle) article = NULL;

  if (memmem (data, length, "\\u", 2) == NULL && memchr (data, '%', length) == NULL)
    return;
  article = cd_article_file_parse (data, length, NULL);
  for (guint i = 0; article && i < cd_article_get_n_photos (article); i++)
    {
      const char *name = cd_photo_get_file (cd_article_get_photo (article, i));

      if (name && strlen (name) >= UUID_LENGTH && is_uuid_at (name))
        g_hash_table_add (mentioned, uuid_of (name));
    }
}

/* Reads every regular file of dir; one that cannot be read is an error,
 * as its images cannot be known. */
static gboolean
scan_dir (const char    *dir_path,
          GHashTable    *uuids,
          GHashTable    *mentioned,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  dir = g_dir_open (dir_path, 0, &local_error);
  if (dir == NULL && g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return TRUE;
  if (dir == NULL)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *data = NULL;
      gsize length;
      struct stat st;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      if (!g_file_get_contents (path, &data, &length, &local_error))
        {
          if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
            {
              g_clear_error (&local_error);
              continue;
            }
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_IO,
                       _("Could not read “%s”, so the images it names are unknown: %s"),
                       path, local_error->message);
          return FALSE;
        }
      find_mentions (data, length, uuids, mentioned);
      find_escaped_mentions (data, length, mentioned);
    }
  return TRUE;
}

static gboolean
delete_image (const char  *photos_dir,
              Candidate   *candidate,
              gboolean    *deleted,
              GError     **error)
{
  g_autofree char *path = g_build_filename (photos_dir, candidate->name, NULL);
  int saved_errno;

  *deleted = g_unlink (path) == 0;
  if (*deleted || errno == ENOENT)
    return TRUE;
  saved_errno = errno;
  g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_IO, _("Could not delete “%s”: %s"), path,
               g_strerror (saved_errno));
  return FALSE;
}

/* Deletes (or, for a dry run, only lists) the candidates not mentioned. */
static gboolean
prune_unmentioned (CdStore            *self,
                   GHashTable         *candidates,
                   GHashTable         *mentioned,
                   CdStorePruneFlags   flags,
                   GPtrArray          *pruned,
                   guint64            *n_bytes,
                   GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean dry_run = (flags & CD_STORE_PRUNE_DRY_RUN) != 0;
  gboolean any_deleted = FALSE;
  GHashTableIter iter;
  Candidate *candidate;

  g_hash_table_iter_init (&iter, candidates);
  while (local_error == NULL && g_hash_table_iter_next (&iter, NULL, (gpointer *) &candidate))
    {
      g_autofree char *uuid = uuid_of (candidate->name);
      gboolean deleted = TRUE;

      if (g_hash_table_contains (mentioned, uuid) ||
          (!dry_run && !delete_image (self->photos_dir, candidate, &deleted, &local_error)) ||
          !deleted)
        continue;
      any_deleted = any_deleted || !dry_run;
      g_ptr_array_add (pruned, g_strdup (candidate->name));
      *n_bytes += candidate->size;
    }
  /* What was deleted before an error stays deleted: sync it all the same. */
  if (any_deleted)
    cd_fsync_dir (self->photos_dir, local_error ? NULL : &local_error);
  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static GHashTable *
image_names (CdArticle *article)
{
  GHashTable *names = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; article && i < cd_article_get_n_photos (article); i++)
    {
      const char *name = cd_photo_get_file (cd_article_get_photo (article, i));

      if (cd_store_is_photo_name (name))
        g_hash_table_add (names, (gpointer) name);
    }
  return names;
}

/**
 * cd_store_renew_dropped_images_locked:
 * @before: (nullable): the article as its file has it now
 * @after: the article about to be written over it
 *
 * Sets the time of each image @before names and @after does not to now,
 * so that pruning keeps it for CD_STORE_PRUNE_GRACE_SECONDS from this
 * save: the photo's removal may still be undone. With the store's lock
 * held, pruning sees either the old file, which names the image, or the
 * young image. A time that cannot be set (the image is gone already, a
 * read-only store) only shortens that wait, so it does not stop the save.
 */
void
cd_store_renew_dropped_images_locked (CdStore   *self,
                                      CdArticle *before,
                                      CdArticle *after)
{
  g_autoptr(GHashTable) old_names = image_names (before);
  g_autoptr(GHashTable) new_names = image_names (after);
  GHashTableIter iter;
  gpointer name;

  g_hash_table_iter_init (&iter, old_names);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      g_autofree char *path = NULL;

      if (g_hash_table_contains (new_names, name))
        continue;
      path = g_build_filename (self->photos_dir, name, NULL);
      /* The store's own file, not what a link in photos/ points to. */
      if (utimensat (AT_FDCWD, path, NULL, AT_SYMLINK_NOFOLLOW) != 0 && errno != ENOENT)
        g_debug ("Could not renew the time of “%s”: %s", path, g_strerror (errno));
    }
}

/**
 * cd_store_prune_photos_locked:
 * @doomed: (nullable) (element-type utf8 gint64): names in photos/ of the
 *   images of articles just deleted for good, each with when (seconds
 *   since the epoch) the last of those articles went to the trash: they
 *   go when nothing names them, unless renewed since
 * @pruned: the names of the images pruned are added to it
 * @n_bytes: (inout): their sizes are added to it
 *
 * cd_store_prune_photos() for a caller that holds the store's lock
 * already (emptying the trash). Only the store's paths are used.
 */
gboolean
cd_store_prune_photos_locked (CdStore            *self,
                              GHashTable         *doomed,
                              CdStorePruneFlags   flags,
                              GPtrArray          *pruned,
                              guint64            *n_bytes,
                              GCancellable       *cancellable,
                              GError            **error)
{
  g_autoptr(GHashTable) candidates = NULL;
  g_autoptr(GHashTable) uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) mentioned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *dirs[] = { self->articles_dir, self->trash_dir, self->quarantine_dir };

  candidates = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                      (GDestroyNotify) candidate_free);
  if (!list_candidates (self->photos_dir, doomed, candidates, uuids, error))
    return FALSE;
  if (g_hash_table_size (candidates) == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    if (!scan_dir (dirs[i], uuids, mentioned, cancellable, error))
      return FALSE;
  /* A cancellation before the first deletion leaves every image. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return prune_unmentioned (self, candidates, mentioned, flags, pruned, n_bytes, error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Any thread: only the store's paths are used. */
static char **
prune_worker (CdStore       *self,
              PruneData     *data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GPtrArray) pruned = g_ptr_array_new_with_free_func (g_free);
  gboolean ok;
  int fd;

  fd = cd_store_lock_acquire (self->lock_path, data->lock_timeout_ms, error);
  if (fd < 0)
    return NULL;
  ok = cd_store_prune_photos_locked (self, NULL, data->flags, pruned, &data->n_bytes,
                                     cancellable, error);
  cd_store_lock_release (fd);
  if (!ok)
    return NULL;
  g_ptr_array_sort (pruned, compare_strings);
  g_ptr_array_add (pruned, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&pruned), FALSE);
}

static PruneData *
prune_data_new (CdStore           *self,
                CdStorePruneFlags  flags)
{
  PruneData *data = g_new0 (PruneData, 1);

  data->flags = flags;
  data->lock_timeout_ms = cd_store_get_lock_timeout (self);
  return data;
}

/**
 * cd_store_prune_photos:
 * @flags: %CD_STORE_PRUNE_DRY_RUN to only say what would go
 * @n_bytes: (out) (optional): the size of the images pruned, in bytes
 *
 * Deletes the image files in photos/ that no article names: neither an
 * article in the store, nor one in the trash (with its earlier trashed
 * copies), nor a damaged file in quarantine/. Images written in the last
 * %CD_STORE_PRUNE_GRACE_SECONDS stay, and so do those an article stopped
 * naming in that time (its photo's removal may be undone), as do files
 * not named as the store names images. A cancellation before the first deletion changes nothing.
 *
 * Returns: (transfer full) (array zero-terminated=1): the names in
 *   photos/ of the images deleted (or, for a dry run, that would be),
 *   sorted and empty when there were none; %NULL on error
 */
char **
cd_store_prune_photos (CdStore            *self,
                       CdStorePruneFlags   flags,
                       guint64            *n_bytes,
                       GCancellable       *cancellable,
                       GError            **error)
{
  g_autofree PruneData *data = NULL;
  char **names;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);

  data = prune_data_new (self, flags);
  names = prune_worker (self, data, cancellable, error);
  if (names && n_bytes)
    *n_bytes = data->n_bytes;
  return names;
}

static void
prune_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  char **names = prune_worker (source_object, task_data, cancellable, &error);

  if (names == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, names, (GDestroyNotify) g_strfreev);
}

void
cd_store_prune_photos_async (CdStore             *self,
                             CdStorePruneFlags    flags,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CD_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_store_prune_photos_async);
  /* The worker decides when cancelling still helps: not once deleting began. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, prune_data_new (self, flags), g_free);
  g_task_run_in_thread (task, prune_thread);
}

/**
 * cd_store_prune_photos_finish:
 * @n_bytes: (out) (optional): the size of the images pruned, in bytes
 *
 * Returns: (transfer full) (array zero-terminated=1): as
 *   cd_store_prune_photos()
 */
char **
cd_store_prune_photos_finish (CdStore       *self,
                              GAsyncResult  *result,
                              guint64       *n_bytes,
                              GError       **error)
{
  char **names;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  names = g_task_propagate_pointer (G_TASK (result), error);
  if (names && n_bytes)
    *n_bytes = ((PruneData *) g_task_get_task_data (G_TASK (result)))->n_bytes;
  return names;
}

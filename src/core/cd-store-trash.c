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

#include <glib/gi18n-lib.h>

#include "cd-article-file.h"
#include "cd-store-io.h"
#include "cd-store-private.h"

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
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);

  dir = g_dir_open (self->trash_dir, 0, &local_error);
  if (dir == NULL && g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return g_steal_pointer (&summaries);
  if (dir == NULL)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_IO, local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *id = g_str_has_suffix (name, ".json")
                            ? g_strndup (name, strlen (name) - 5) : NULL;
      g_autofree char *path = NULL;
      g_autoptr(CdArticle) article = NULL;
      g_autoptr(GError) read_error = NULL;
      CdFileStamp stamp;

      if (id == NULL || !cd_store_is_valid_id (id))
        continue;
      path = g_build_filename (self->trash_dir, name, NULL);
      article = cd_store_read_article_file (path, id, &stamp, &read_error);
      if (article != NULL)
        g_ptr_array_add (summaries, cd_article_summary_new (article));
      else
        /* Translators: a file and why it does not load */
        cd_store_add_problem (self, g_strdup_printf (_("“%s” in the trash does not load: %s"),
                                                     path, read_error->message));
    }
  g_ptr_array_sort (summaries, cd_summary_ptr_compare);
  return g_steal_pointer (&summaries);
}

/* cd-store-discard.c: deleting an article nobody wrote anything in
 *
 * The window makes a new article's file at once, so that it is in the
 * list like any other; when the editor leaves it without typing, the
 * file goes again, for good and not to the trash, which would only
 * gather empty articles. Another program that saved the article
 * meanwhile made it worth keeping: then nothing is deleted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cd-store-io.h"
#include "cd-store-private.h"

/* With the lock held: deletes @path if it still holds @revision. */
static gboolean
delete_if_unchanged (const char  *path,
                     const char  *id,
                     guint64      revision,
                     GError     **error)
{
  g_autoptr(CdArticle) on_disk = NULL;
  CdFileStamp stamp;

  on_disk = cd_store_read_article_file (path, id, &stamp, error);
  if (on_disk == NULL)
    return FALSE;
  if (cd_article_get_revision (on_disk) != revision)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CONFLICT,
                   _("The article “%s” was changed by another program and is kept"), id);
      return FALSE;
    }
  if (g_unlink (path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not delete “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/**
 * cd_store_discard_article:
 * @id: the article's id
 * @revision: the revision the caller last saw of it
 *
 * Deletes the article's file for good, without the trash, and drops it
 * from the list; meant for a new article left empty. Fails with
 * %CD_STORE_ERROR_CONFLICT, deleting nothing, when the file is no longer
 * at @revision (another program saved it), and with
 * %CD_STORE_ERROR_NOT_FOUND when it is gone already.
 */
gboolean
cd_store_discard_article (CdStore     *self,
                          const char  *id,
                          guint64      revision,
                          GError     **error)
{
  g_autofree char *path = NULL;
  gboolean ok;
  int fd;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);

  if (!cd_store_check_id (id, error))
    return FALSE;
  path = cd_store_dup_article_path (self, self->articles_dir, id);
  fd = cd_store_lock_acquire (self->lock_path, cd_store_get_lock_timeout (self), error);
  if (fd < 0)
    return FALSE;
  ok = delete_if_unchanged (path, id, revision, error) &&
       cd_fsync_dir (self->articles_dir, error);
  cd_store_lock_release (fd);
  if (ok)
    cd_store_drop_entry (self, id);
  return ok;
}

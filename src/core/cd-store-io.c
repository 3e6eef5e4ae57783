/* cd-store-io.c: file operations the store is built from
 *
 * A file is replaced by writing a temporary file beside it, flushing it to
 * the disk, renaming it over the old name and flushing the folder: at any
 * moment, even after a crash or a power cut, the name holds either the
 * whole old file or the whole new one. Temporary files are named
 * ".<name>.tmp-XXXXXX" so that nothing mistakes them for store files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cd-store-io.h"

#define TEMP_MARK ".tmp-"

static char *
io_message (CdIoStep    step,
            const char *path,
            const char *reason)
{
  switch (step)
    {
    case CD_IO_OPEN:
      /* Translators: in this message and those that follow, the first %s
       * is a file or a folder, the second the system's reason (“No space
       * left on device”) */
      return g_strdup_printf (_("Could not open “%s”: %s"), path, reason);
    case CD_IO_OPEN_LOCK:
      return g_strdup_printf (_("Could not open the lock file “%s”: %s"), path, reason);
    case CD_IO_LOCK:
      return g_strdup_printf (_("Could not lock “%s”: %s"), path, reason);
    case CD_IO_CREATE_FILE_IN:
      return g_strdup_printf (_("Could not create a file in “%s”: %s"), path, reason);
    case CD_IO_CREATE_FOLDER:
      return g_strdup_printf (_("Could not create the folder “%s”: %s"), path, reason);
    case CD_IO_READ:
      return g_strdup_printf (_("Could not read “%s”: %s"), path, reason);
    case CD_IO_READ_STATUS:
      return g_strdup_printf (_("Could not read the status of “%s”: %s"), path, reason);
    case CD_IO_WRITE:
      return g_strdup_printf (_("Could not write “%s”: %s"), path, reason);
    case CD_IO_FLUSH:
      return g_strdup_printf (_("Could not flush “%s” to disk: %s"), path, reason);
    case CD_IO_RENAME:
      return g_strdup_printf (_("Could not rename “%s”: %s"), path, reason);
    case CD_IO_FIND_FREE_NAME_IN:
      return g_strdup_printf (_("Could not find a free name in “%s”: %s"), path, reason);
    default:
      g_assert_not_reached ();
    }
}

/**
 * cd_set_io_error:
 * @saved_errno: errno as the failed call left it
 * @path: the file or folder, for the message
 *
 * Sets @error in CD_STORE_ERROR: NOT_FOUND for ENOENT, EXISTS for EEXIST,
 * IO for anything else.
 *
 * Returns: %FALSE, for `return cd_set_io_error (…);`
 */
gboolean
cd_set_io_error (GError     **error,
                 int          saved_errno,
                 CdIoStep     step,
                 const char  *path)
{
  CdStoreError code = CD_STORE_ERROR_IO;
  g_autofree char *message = io_message (step, path, g_strerror (saved_errno));

  if (saved_errno == ENOENT)
    code = CD_STORE_ERROR_NOT_FOUND;
  else if (saved_errno == EEXIST)
    code = CD_STORE_ERROR_EXISTS;
  g_set_error_literal (error, CD_STORE_ERROR, code, message);
  return FALSE;
}

/* ------------------------------------------------------------------------
 * The store's lock
 */

/**
 * cd_store_lock_acquire:
 *
 * Takes an exclusive lock on @lock_path, waiting up to @timeout_ms for
 * another program (or another thread: each call opens the file anew, and
 * flock() locks belong to the open file) to let go of it.
 *
 * Returns: the file descriptor that holds the lock, or -1
 */
int
cd_store_lock_acquire (const char  *lock_path,
                       guint        timeout_ms,
                       GError     **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gulong pause_us = 1000;
  int fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

  if (fd < 0)
    {
      cd_set_io_error (error, errno, CD_IO_OPEN_LOCK, lock_path);
      return -1;
    }
  while (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == EINTR)
        continue;
      if (saved_errno != EWOULDBLOCK)
        {
          close (fd);
          cd_set_io_error (error, saved_errno, CD_IO_LOCK, lock_path);
          return -1;
        }
      if (g_get_monotonic_time () >= deadline)
        {
          close (fd);
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_LOCKED,
                       /* Translators: a number of milliseconds, then the lock file */
                       g_dngettext (GETTEXT_PACKAGE,
                                    "Another program has been writing to the store for more than "
                                    "%u millisecond (lock “%s”); try again later",
                                    "Another program has been writing to the store for more than "
                                    "%u milliseconds (lock “%s”); try again later",
                                    timeout_ms),
                       timeout_ms, lock_path);
          return -1;
        }
      g_usleep (pause_us);
      pause_us = MIN (pause_us * 2, 20000);
    }
  return fd;
}

void
cd_store_lock_release (int fd)
{
  if (fd < 0)
    return;
  flock (fd, LOCK_UN);
  close (fd);
}

/* ------------------------------------------------------------------------
 * Writing
 */

gboolean
cd_is_temp_name (const char *name)
{
  return name[0] == '.' && strstr (name, TEMP_MARK) != NULL;
}

/* Returns an open descriptor of a new temporary file for @name in @dir. */
int
cd_open_temp (const char  *dir,
              const char  *name,
              char       **temp_path,
              GError     **error)
{
  g_autofree char *base = g_strconcat (".", name, TEMP_MARK, "XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, base, NULL);
  int fd = g_mkstemp_full (path, O_WRONLY | O_CLOEXEC, 0644);

  if (fd < 0)
    {
      cd_set_io_error (error, errno, CD_IO_CREATE_FILE_IN, dir);
      return -1;
    }
  *temp_path = g_steal_pointer (&path);
  return fd;
}

/* Error messages name the file by its path, as everywhere else. */
static gboolean
set_io_error_at (GError     **error,
                 int          saved_errno,
                 CdIoStep     step,
                 const char  *dir,
                 const char  *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return cd_set_io_error (error, saved_errno, step, path);
}

/**
 * cd_open_temp_at:
 * @dir_fd: the folder, open
 * @dir: its path, for messages
 * @temp_name: (out): the temporary file's name in the folder
 *
 * Like cd_open_temp(), relative to an open folder: the kernel does not
 * walk the whole path again for each of thousands of files.
 *
 * Returns: an open descriptor of a new temporary file for @name, or -1
 */
int
cd_open_temp_at (int          dir_fd,
                 const char  *dir,
                 const char  *name,
                 char       **temp_name,
                 GError     **error)
{
  static const char letters[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  g_autofree char *candidate = g_strconcat (".", name, TEMP_MARK, "XXXXXX", NULL);
  char *suffix = candidate + strlen (candidate) - 6;

  /* Like mkstemp(): a random name, created only if it is not there yet. */
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      int fd;

      for (guint i = 0; i < 6; i++)
        suffix[i] = letters[g_random_int_range (0, (gint32) sizeof letters - 1)];
      fd = openat (dir_fd, candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
      if (fd >= 0)
        {
          *temp_name = g_steal_pointer (&candidate);
          return fd;
        }
      if (errno != EEXIST)
        break;
    }
  set_io_error_at (error, errno, CD_IO_CREATE_FILE_IN, dir, name);
  return -1;
}

/* renameat2() with RENAME_NOREPLACE inside one open folder; see
 * cd_rename_noreplace(). */
gboolean
cd_rename_noreplace_at (int          dir_fd,
                        const char  *dir,
                        const char  *from,
                        const char  *to,
                        GError     **error)
{
  if (renameat2 (dir_fd, from, dir_fd, to, RENAME_NOREPLACE) == 0)
    return TRUE;
  if (errno != EINVAL && errno != ENOSYS)
    return set_io_error_at (error, errno, CD_IO_RENAME, dir, from);
  {
    struct stat st;

    if (fstatat (dir_fd, to, &st, AT_SYMLINK_NOFOLLOW) == 0)
      return set_io_error_at (error, EEXIST, CD_IO_RENAME, dir, from);
  }
  if (renameat (dir_fd, from, dir_fd, to) != 0)
    return set_io_error_at (error, errno, CD_IO_RENAME, dir, from);
  return TRUE;
}

gboolean
cd_write_all (int          fd,
              const char  *path,
              const void  *data,
              gsize        length,
              GError     **error)
{
  const char *p = data;

  while (length > 0)
    {
      gssize written = write (fd, p, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        return cd_set_io_error (error, errno, CD_IO_WRITE, path);
      p += written;
      length -= (gsize) written;
    }
  return TRUE;
}

gboolean
cd_fsync_fd (int          fd,
             const char  *path,
             GError     **error)
{
  while (fsync (fd) != 0)
    if (errno != EINTR)
      return cd_set_io_error (error, errno, CD_IO_FLUSH, path);
  return TRUE;
}

/**
 * cd_write_temp:
 * @sync_now: flush the file to the disk before returning
 * @st: (out) (optional): the status of the written file, which the rename
 *   does not change
 *
 * Writes @bytes to a new temporary file for @name in @dir. On failure
 * nothing is left behind.
 */
gboolean
cd_write_temp (const char   *dir,
               const char   *name,
               GBytes       *bytes,
               gboolean      sync_now,
               char        **temp_path,
               struct stat  *st,
               GError      **error)
{
  g_autofree char *path = NULL;
  gsize length;
  const void *data = g_bytes_get_data (bytes, &length);
  int fd = cd_open_temp (dir, name, &path, error);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = cd_write_all (fd, path, data, length, error) &&
       (!sync_now || cd_fsync_fd (fd, path, error));
  if (ok && st && fstat (fd, st) != 0)
    ok = cd_set_io_error (error, errno, CD_IO_READ_STATUS, path);
  if (close (fd) != 0 && ok)
    ok = cd_set_io_error (error, errno, CD_IO_WRITE, path);
  if (!ok)
    {
      g_unlink (path);
      return FALSE;
    }
  *temp_path = g_steal_pointer (&path);
  return TRUE;
}

gboolean
cd_fsync_dir (const char  *dir,
              GError     **error)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return cd_set_io_error (error, errno, CD_IO_OPEN, dir);
  ok = cd_fsync_fd (fd, dir, error);
  close (fd);
  return ok;
}

/* One flush of the whole file system: far cheaper than one fsync() per file
 * when thousands of new files must reach the disk together. */
gboolean
cd_sync_filesystem (const char  *dir,
                    GError     **error)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int rc;

  if (fd < 0)
    return cd_set_io_error (error, errno, CD_IO_OPEN, dir);
  rc = syncfs (fd);
  close (fd);
  if (rc != 0)
    return cd_set_io_error (error, errno, CD_IO_FLUSH, dir);
  return TRUE;
}

gboolean
cd_rename (const char  *from,
           const char  *to,
           GError     **error)
{
  if (rename (from, to) != 0)
    return cd_set_io_error (error, errno, CD_IO_RENAME, from);
  return TRUE;
}

/* Fails with CD_STORE_ERROR_EXISTS instead of replacing @to. */
gboolean
cd_rename_noreplace (const char  *from,
                     const char  *to,
                     GError     **error)
{
  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return TRUE;
  if (errno != EINVAL && errno != ENOSYS)
    return cd_set_io_error (error, errno, CD_IO_RENAME, from);

  /* The file system cannot refuse to replace; callers hold the store's
   * lock, so checking first is enough among Copydesk programs. */
  if (g_file_test (to, G_FILE_TEST_EXISTS))
    return cd_set_io_error (error, EEXIST, CD_IO_RENAME, from);
  return cd_rename (from, to, error);
}

/* "name.json" → "name-2.json", "name-3.json", …; "name" → "name-2". */
static char *
numbered_name (const char *name,
               guint       n)
{
  const char *dot = strrchr (name, '.');

  if (n < 2)
    return g_strdup (name);
  if (dot == NULL || dot == name)
    return g_strdup_printf ("%s-%u", name, n);
  return g_strdup_printf ("%.*s-%u%s", (int) (dot - name), name, n, dot);
}

/**
 * cd_move_aside:
 *
 * Moves @from into @dest_dir as @name, or as "name-2", "name-3"… when
 * that is taken. Nothing is ever replaced.
 *
 * Returns: (transfer full): the path the file now has, or %NULL
 */
char *
cd_move_aside (const char  *from,
               const char  *dest_dir,
               const char  *name,
               GError     **error)
{
  for (guint n = 1; n < 10000; n++)
    {
      g_autofree char *candidate = numbered_name (name, n);
      g_autofree char *to = g_build_filename (dest_dir, candidate, NULL);
      g_autoptr(GError) local_error = NULL;

      if (cd_rename_noreplace (from, to, &local_error))
        return g_steal_pointer (&to);
      if (!g_error_matches (local_error, CD_STORE_ERROR, CD_STORE_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  cd_set_io_error (error, EEXIST, CD_IO_FIND_FREE_NAME_IN, dest_dir);
  return NULL;
}

/**
 * cd_write_file_atomic:
 * @durable: flush the file and the folder to the disk; without it the
 *   replacement is still atomic but may be lost in a power cut (fine for
 *   caches)
 */
gboolean
cd_write_file_atomic (const char  *dir,
                      const char  *name,
                      GBytes      *bytes,
                      gboolean     durable,
                      GError     **error)
{
  g_autofree char *temp_path = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (!cd_write_temp (dir, name, bytes, durable, &temp_path, NULL, error))
    return FALSE;
  if (!cd_rename (temp_path, path, error))
    {
      g_unlink (temp_path);
      return FALSE;
    }
  return !durable || cd_fsync_dir (dir, error);
}

/* Removes what writers that were killed left behind. Only call this while
 * holding the store's lock: a live writer's temporary file would vanish. */
void
cd_remove_temps (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)))
    if (cd_is_temp_name (name))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
}

/* ------------------------------------------------------------------------
 * Reading
 */

/**
 * cd_read_file:
 * @st: (out) (optional): the status of the very file that was read; a
 *   file replaced meanwhile keeps the pair consistent
 *
 * Returns: %TRUE with @data nul-terminated
 */
gboolean
cd_read_file (const char   *path,
              char        **data,
              gsize        *length,
              struct stat  *st,
              GError      **error)
{
  struct stat local_st;
  g_autofree char *buffer = NULL;
  gsize size, used = 0;
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    return cd_set_io_error (error, errno, CD_IO_OPEN, path);
  if (fstat (fd, &local_st) != 0)
    {
      close (fd);
      return cd_set_io_error (error, errno, CD_IO_READ_STATUS, path);
    }
  size = (gsize) local_st.st_size + 1;
  buffer = g_malloc (size + 1);
  for (;;)
    {
      gssize got = read (fd, buffer + used, size - used);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          close (fd);
          return cd_set_io_error (error, errno, CD_IO_READ, path);
        }
      if (got == 0)
        break;
      used += (gsize) got;
      if (used == size)
        {
          size *= 2;
          buffer = g_realloc (buffer, size + 1);
        }
    }
  close (fd);
  buffer[used] = '\0';
  *data = g_steal_pointer (&buffer);
  *length = used;
  if (st)
    *st = local_st;
  return TRUE;
}

gboolean
cd_ensure_dir (const char  *path,
               GError     **error)
{
  if (g_mkdir_with_parents (path, 0755) != 0)
    return cd_set_io_error (error, errno, CD_IO_CREATE_FOLDER, path);
  return TRUE;
}

/* cd-store-io.h: file operations the store is built from (private)
 *
 * Every function reports failure in CD_STORE_ERROR, naming the path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sys/stat.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* What a file operation was doing when it failed: each has a message of
 * its own, a whole sentence a translator can word freely. */
typedef enum
{
  CD_IO_OPEN,
  CD_IO_OPEN_LOCK,
  CD_IO_LOCK,
  CD_IO_CREATE_FILE_IN,
  CD_IO_CREATE_FOLDER,
  CD_IO_READ,
  CD_IO_READ_STATUS,
  CD_IO_WRITE,
  CD_IO_FLUSH,
  CD_IO_RENAME,
  CD_IO_FIND_FREE_NAME_IN,
} CdIoStep;

gboolean  cd_set_io_error        (GError      **error,
                                  int           saved_errno,
                                  CdIoStep      step,
                                  const char   *path);

int       cd_store_lock_acquire  (const char   *lock_path,
                                  guint         timeout_ms,
                                  GError      **error);
void      cd_store_lock_release  (int           fd);

gboolean  cd_is_temp_name        (const char   *name);
int       cd_open_temp           (const char   *dir,
                                  const char   *name,
                                  char        **temp_path,
                                  GError      **error);
int       cd_open_temp_at        (int           dir_fd,
                                  const char   *dir,
                                  const char   *name,
                                  char        **temp_name,
                                  GError      **error);
gboolean  cd_rename_noreplace_at (int           dir_fd,
                                  const char   *dir,
                                  const char   *from,
                                  const char   *to,
                                  GError      **error);
gboolean  cd_write_all           (int           fd,
                                  const char   *path,
                                  const void   *data,
                                  gsize         length,
                                  GError      **error);
gboolean  cd_write_temp          (const char   *dir,
                                  const char   *name,
                                  GBytes       *bytes,
                                  gboolean      sync_now,
                                  char        **temp_path,
                                  struct stat  *st,
                                  GError      **error);
gboolean  cd_write_file_atomic   (const char   *dir,
                                  const char   *name,
                                  GBytes       *bytes,
                                  gboolean      durable,
                                  GError      **error);
gboolean  cd_fsync_fd            (int           fd,
                                  const char   *path,
                                  GError      **error);
gboolean  cd_fsync_dir           (const char   *dir,
                                  GError      **error);
gboolean  cd_sync_filesystem     (const char   *dir,
                                  GError      **error);
gboolean  cd_rename              (const char   *from,
                                  const char   *to,
                                  GError      **error);
gboolean  cd_rename_noreplace    (const char   *from,
                                  const char   *to,
                                  GError      **error);
char     *cd_move_aside          (const char   *from,
                                  const char   *dest_dir,
                                  const char   *name,
                                  GError      **error);
void      cd_remove_temps        (const char   *dir);
gboolean  cd_read_file           (const char   *path,
                                  char        **data,
                                  gsize        *length,
                                  struct stat  *st,
                                  GError      **error);
gboolean  cd_ensure_dir          (const char   *path,
                                  GError      **error);

G_END_DECLS

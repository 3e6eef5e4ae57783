/* tmp-dir.c: the tests' private folders under $TMPDIR, and their removal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "tmp-dir.h"

char *
cd_test_make_tmp_dir (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strconcat (name, "-XXXXXX", NULL);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

static void
warn_left (const char *path,
           int         saved_errno)
{
  g_warning ("Could not remove %s: %s", path, g_strerror (saved_errno));
}

static void
remove_children (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  /* A test may have taken the folder's write permission away to make
   * the store fail; give it back, or its entries could not go. */
  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      cd_test_remove_tree (child);
    }
}

void
cd_test_remove_tree (const char *path)
{
  GStatBuf st;

  if (path == NULL)
    return;
  if (g_lstat (path, &st) != 0)
    {
      if (errno != ENOENT)
        warn_left (path, errno);
      return;
    }
  if (S_ISDIR (st.st_mode))
    {
      remove_children (path);
      if (g_rmdir (path) != 0)
        warn_left (path, errno);
    }
  else if (g_unlink (path) != 0)
    warn_left (path, errno);
}

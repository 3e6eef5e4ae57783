/* cd-store-photos.c: image files in the store's photos folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cd-store-io.h"
#include "cd-store-private.h"
#include "cd-util.h"

static gboolean
copy_to_temp (GFile       *source,
              int          fd,
              const char  *temp_path,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInputStream) in = g_file_read (source, NULL, &local_error);
  char buffer[65536];

  if (in == NULL)
    {
      g_autofree char *shown = g_file_get_parse_name (source);

      cd_file_error_reword (local_error, shown);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  for (;;)
    {
      gssize got = g_input_stream_read (G_INPUT_STREAM (in), buffer, sizeof buffer, NULL, error);

      if (got < 0)
        return FALSE;
      if (got == 0)
        return cd_fsync_fd (fd, temp_path, error);
      if (!cd_write_all (fd, temp_path, buffer, (gsize) got, error))
        return FALSE;
    }
}

/* The source's extension when the image format claims it, so "x.JPG"
 * stays a .jpg, otherwise the format's own first extension. */
static char *
pick_extension (GFile           *source,
                GdkPixbufFormat *format)
{
  g_autofree char *base = g_file_get_basename (source);
  g_auto(GStrv) extensions = gdk_pixbuf_format_get_extensions (format);
  const char *dot = base ? strrchr (base, '.') : NULL;
  g_autofree char *ext = dot ? g_ascii_strdown (dot + 1, -1) : NULL;

  if (ext && g_strv_contains ((const char * const *) extensions, ext))
    return g_steal_pointer (&ext);
  return g_strdup (extensions && extensions[0] ? extensions[0] : "img");
}

static char *
check_image (GFile       *source,
             const char  *temp_path,
             guint       *width,
             guint       *height,
             GError     **error)
{
  g_autofree char *shown = g_file_get_parse_name (source);
  int w = 0, h = 0;
  GdkPixbufFormat *format = gdk_pixbuf_get_file_info (temp_path, &w, &h);

  if (format == NULL || w <= 0 || h <= 0)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_AN_IMAGE,
                   _("“%s” is not an image file Copydesk can read"), shown);
      return NULL;
    }
  if (width)
    *width = (guint) w;
  if (height)
    *height = (guint) h;
  return pick_extension (source, format);
}

static char *
place_photo (CdStore     *self,
             GFile       *source,
             const char  *temp_path,
             guint       *width,
             guint       *height,
             GError     **error)
{
  g_autofree char *ext = check_image (source, temp_path, width, height, error);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (ext == NULL)
    return NULL;
  name = g_strconcat (uuid, ".", ext, NULL);
  path = g_build_filename (self->photos_dir, name, NULL);
  if (!cd_rename_noreplace (temp_path, path, error) || !cd_fsync_dir (self->photos_dir, error))
    return NULL;
  return g_steal_pointer (&name);
}

/**
 * cd_store_add_photo_file:
 * @width: (out) (optional): the image's width in pixels
 * @height: (out) (optional): the image's height in pixels
 *
 * Copies an image into the store's photos folder under a new name.
 *
 * Returns: (transfer full): the file's name inside the photos folder (for
 *   cd_photo_set_file()), or %NULL; %CD_STORE_ERROR_NOT_AN_IMAGE when
 *   @source is not an image
 */
char *
cd_store_add_photo_file (CdStore  *self,
                         GFile    *source,
                         guint    *width,
                         guint    *height,
                         GError  **error)
{
  char *name;
  int lock_fd;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);

  if (!cd_ensure_dir (self->photos_dir, error))
    return NULL;
  lock_fd = cd_store_lock_acquire (self->lock_path, self->lock_timeout_ms, error);
  if (lock_fd < 0)
    return NULL;
  name = cd_store_copy_photo_locked (self, source, width, height, error);
  cd_store_lock_release (lock_fd);
  return name;
}

/* cd_store_add_photo_file() for a caller that holds the store's lock
 * already (a batch): flock() locks belong to the open file, so taking
 * it again would wait for ourselves. Only the store's paths are used. */
char *
cd_store_copy_photo_locked (CdStore  *self,
                            GFile    *source,
                            guint    *width,
                            guint    *height,
                            GError  **error)
{
  g_autofree char *temp_path = NULL;
  char *name = NULL;
  gboolean copied;
  int fd;

  if (!cd_ensure_dir (self->photos_dir, error))
    return NULL;
  fd = cd_open_temp (self->photos_dir, "photo", &temp_path, error);
  if (fd < 0)
    return NULL;
  copied = copy_to_temp (source, fd, temp_path, error);
  close (fd);
  if (copied)
    name = place_photo (self, source, temp_path, width, height, error);
  if (name == NULL)
    g_unlink (temp_path);
  return name;
}

/* A name cd_store_get_photo_file() takes: one file right inside photos/,
 * not hidden (the store's own temporary files start with a dot). */
gboolean
cd_store_is_photo_name (const char *name)
{
  return name != NULL && *name != '\0' && *name != '.' && strchr (name, '/') == NULL;
}

/**
 * cd_store_get_photo_file:
 * @name: a name returned by cd_store_add_photo_file()
 *
 * Returns: (transfer full): the photo's file in the store
 */
GFile *
cd_store_get_photo_file (CdStore    *self,
                         const char *name)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  g_return_val_if_fail (cd_store_is_photo_name (name), NULL);

  path = g_build_filename (self->photos_dir, name, NULL);
  return g_file_new_for_path (path);
}

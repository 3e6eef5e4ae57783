/* cd-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-util.h"

/* Replaces *field by a copy of value; TRUE when the text changed, so that
 * callers notify only on a real change. */
gboolean
cd_set_str (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

gboolean
cd_str_is_blank (const char *str)
{
  if (str == NULL)
    return TRUE;
  for (; *str; str++)
    if (!g_ascii_isspace (*str))
      return FALSE;
  return TRUE;
}

gboolean
cd_is_uuid (const char *str)
{
  return str != NULL && g_uuid_string_is_valid (str);
}

/* RFC 3339 in UTC with microseconds, "2026-11-28T01:49:27.123456Z", so that
 * articles saved within one second still sort in the order they were saved. */
char *
cd_datetime_to_rfc3339 (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = NULL;

  if (dt == NULL)
    return NULL;
  utc = g_date_time_to_utc (dt);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.%fZ");
}

GDateTime *
cd_datetime_from_rfc3339 (const char *str)
{
  g_autoptr(GDateTime) dt = NULL;

  if (str == NULL || *str == '\0')
    return NULL;
  dt = g_date_time_new_from_iso8601 (str, NULL);
  if (dt == NULL)
    return NULL;
  return g_date_time_to_utc (dt);
}

/* A number as text, for a translatable message: xgettext cannot see
 * G_GINT64_FORMAT inside a string, so the message takes a %s instead. */
char *
cd_int64_to_string (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* Where the programs look for their translations: the installed folder,
 * unless $COPYDESK_LOCALEDIR names another, as the tests and
 * `meson devenv` do to use the catalogs of the build tree. */
const char *
cd_locale_dir (void)
{
  const char *dir = g_getenv ("COPYDESK_LOCALEDIR");

  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

typedef enum
{
  FILE_PROBLEM_OTHER,
  FILE_PROBLEM_MISSING,
  FILE_PROBLEM_DENIED,
  FILE_PROBLEM_FOLDER,
} FileProblem;

/* What an error of GIO (G_IO_ERROR) or GLib (G_FILE_ERROR) says about a
 * file that could not be opened. "a/b" with "a" a file is missing too. */
static FileProblem
file_problem (const GError *error)
{
  if (error == NULL)
    return FILE_PROBLEM_OTHER;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR))
    return FILE_PROBLEM_MISSING;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ACCES) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_PERM))
    return FILE_PROBLEM_DENIED;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR))
    return FILE_PROBLEM_FOLDER;
  return FILE_PROBLEM_OTHER;
}

/**
 * cd_file_error_reword:
 * @error: an error from opening or reading a file
 * @shown: the file's name as the user gave it
 *
 * GIO's message for a file that cannot be opened names the file, then
 * adds the system's text ("Error opening file /a/b: No such file or
 * directory"), and callers that name the file themselves repeat it. For
 * the common reasons (missing, not allowed, a folder) the message becomes
 * one sentence of ours naming @shown; domain and code stay.
 *
 * Returns: TRUE when the message was replaced and so names the file
 */
gboolean
cd_file_error_reword (GError     *error,
                      const char *shown)
{
  char *message;

  switch (file_problem (error))
    {
    case FILE_PROBLEM_MISSING:
      /* Translators: %s is a file name as the user gave it */
      message = g_strdup_printf (_("No such file: %s"), shown);
      break;
    case FILE_PROBLEM_DENIED:
      /* Translators: %s is a file name as the user gave it */
      message = g_strdup_printf (_("Not allowed to read %s: permission denied"), shown);
      break;
    case FILE_PROBLEM_FOLDER:
      /* Translators: %s is a file name as the user gave it */
      message = g_strdup_printf (_("%s is a folder, not a file"), shown);
      break;
    case FILE_PROBLEM_OTHER:
    default:
      return FALSE;
    }
  g_free (error->message);
  error->message = message;
  return TRUE;
}

/**
 * cd_file_error_reason:
 * @error: (nullable): an error from opening or reading a file
 *
 * The reason alone, for a message that names the file already.
 *
 * Returns: a translated phrase ("no such file"), or the error's own
 *   message when the reason is not one of the common ones
 */
const char *
cd_file_error_reason (const GError *error)
{
  switch (file_problem (error))
    {
    case FILE_PROBLEM_MISSING:
      return _("no such file");
    case FILE_PROBLEM_DENIED:
      return _("permission denied");
    case FILE_PROBLEM_FOLDER:
      return _("it is a folder, not a file");
    case FILE_PROBLEM_OTHER:
    default:
      return error ? error->message : "";
    }
}

/**
 * cd_task_new_inner:
 * @task: (transfer full): the caller's task of an async call
 * @done: runs in @task's context once the inner task returns, with
 *   @task as its user data
 *
 * The task an async call runs in a thread when what it wrote must then
 * be taken in where the call was made (a list to update), before @task
 * returns. It has @task's source object and cancellable, and does not
 * return early when cancelled: once files are written the list must
 * learn of them, cancelled or not, so the worker decides.
 *
 * Returns: (transfer full): the inner task
 */
GTask *
cd_task_new_inner (GTask               *task,
                   GAsyncReadyCallback  done)
{
  GTask *inner = g_task_new (g_task_get_source_object (task), g_task_get_cancellable (task), done,
                             task);

  g_task_set_check_cancellable (inner, FALSE);
  return inner;
}

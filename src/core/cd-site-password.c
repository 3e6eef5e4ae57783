/* cd-site-password.c: a site's application password
 *
 * The password lives in the Secret Service, through libsecret, keyed by
 * the site's URL and user. Where no Secret Service runs (CI, a bare
 * session) it comes from a file that only its owner can read, or from the
 * COPYDESK_SITE_PASSWORD environment variable. It is never written to the
 * store, a log or a command line, and it is wiped from memory when done.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>
#include <unistd.h>

#include "cd-site-password.h"
#include "cd-util.h"

G_DEFINE_QUARK (cd-site-password-error-quark, cd_site_password_error)

/* A password file of more than this is not a password. */
#define MAX_PASSWORD_FILE 4096

static const SecretSchema *
site_password_schema (void)
{
  static const SecretSchema schema = {
    "io.github.copydesk.Copydesk.SitePassword", SECRET_SCHEMA_NONE,
    {
      { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

static gboolean
check_file_mode (const char  *path,
                 GError     **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;
      /* Our translated reason for the common cases, not the C library's. */
      g_autoptr(GError) cause = g_error_new_literal (G_FILE_ERROR,
                                                     g_file_error_from_errno (saved_errno),
                                                     g_strerror (saved_errno));

      g_set_error (error, CD_SITE_PASSWORD_ERROR, CD_SITE_PASSWORD_ERROR_BAD_FILE,
                   _("Cannot read the password file %s: %s"), path,
                   cd_file_error_reason (cause));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, CD_SITE_PASSWORD_ERROR, CD_SITE_PASSWORD_ERROR_BAD_FILE,
                   _("The password file %s is not a regular file"), path);
      return FALSE;
    }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0 || st.st_uid != getuid ())
    {
      g_set_error (error, CD_SITE_PASSWORD_ERROR, CD_SITE_PASSWORD_ERROR_INSECURE_FILE,
                   _("Refusing the password file %s: others can read it. "
                     "Make it yours alone with “chmod 600 %s”"), path, path);
      return FALSE;
    }
  return TRUE;
}

/* The first line of the file, without its line end. */
char *
cd_site_password_read_file (const char  *path,
                            GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  char *end;

  if (!check_file_mode (path, error))
    return NULL;
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  if (length > MAX_PASSWORD_FILE || memchr (contents, '\0', length) != NULL ||
      !g_utf8_validate (contents, length, NULL))
    {
      g_set_error (error, CD_SITE_PASSWORD_ERROR, CD_SITE_PASSWORD_ERROR_BAD_FILE,
                   _("The password file %s does not hold a password on its first line"), path);
      memset (contents, 0, length);
      return NULL;
    }
  end = contents + strcspn (contents, "\r\n");
  *end = '\0';
  if (*contents == '\0')
    {
      g_set_error (error, CD_SITE_PASSWORD_ERROR, CD_SITE_PASSWORD_ERROR_BAD_FILE,
                   _("The password file %s is empty"), path);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

/**
 * cd_site_password_lookup:
 * @password_file: (nullable): a file to read the password from
 *
 * Finds the site's password: in @password_file when one is given, else in
 * $COPYDESK_SITE_PASSWORD when it is set, else in the Secret Service.
 *
 * Returns: (transfer full): the password; free it with secret_password_free()
 */
char *
cd_site_password_lookup (CdSite        *site,
                         const char    *password_file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *from_env = g_getenv (CD_SITE_PASSWORD_ENV);
  char *password;

  g_return_val_if_fail (CD_IS_SITE (site), NULL);

  if (password_file)
    return cd_site_password_read_file (password_file, error);
  if (from_env && *from_env)
    return g_strdup (from_env);

  password = secret_password_lookup_sync (site_password_schema (), cancellable, &local_error,
                                          "url", cd_site_get_url (site),
                                          "user", cd_site_get_user (site),
                                          NULL);
  if (password)
    return password;

  if (local_error)
    g_set_error (error, CD_SITE_PASSWORD_ERROR, CD_SITE_PASSWORD_ERROR_NOT_FOUND,
                 _("No password for site “%s”: the Secret Service cannot be reached (%s). "
                   "Set %s or give --password-file"),
                 cd_site_get_name (site), local_error->message, CD_SITE_PASSWORD_ENV);
  else
    g_set_error (error, CD_SITE_PASSWORD_ERROR, CD_SITE_PASSWORD_ERROR_NOT_FOUND,
                 _("No password is stored for site “%s” (user %s). Store one with "
                   "“copydesk-cli site add”, or set %s, or give --password-file"),
                 cd_site_get_name (site), cd_site_get_user (site), CD_SITE_PASSWORD_ENV);
  return NULL;
}

gboolean
cd_site_password_store (CdSite        *site,
                        const char    *password,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (CD_IS_SITE (site), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  label = g_strdup_printf (_("Copydesk: %s (%s)"), cd_site_get_name (site), cd_site_get_url (site));
  if (secret_password_store_sync (site_password_schema (), SECRET_COLLECTION_DEFAULT, label,
                                  password, cancellable, &local_error,
                                  "url", cd_site_get_url (site),
                                  "user", cd_site_get_user (site),
                                  NULL))
    return TRUE;

  g_set_error (error, CD_SITE_PASSWORD_ERROR, CD_SITE_PASSWORD_ERROR_NO_KEYRING,
               _("Cannot keep the password of site “%s” in the Secret Service (%s). "
                 "Give it with %s or --password-file when you publish"),
               cd_site_get_name (site), local_error->message, CD_SITE_PASSWORD_ENV);
  return FALSE;
}

gboolean
cd_site_password_clear (CdSite        *site,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CD_IS_SITE (site), FALSE);

  secret_password_clear_sync (site_password_schema (), cancellable, &local_error,
                              "url", cd_site_get_url (site),
                              "user", cd_site_get_user (site),
                              NULL);
  if (local_error == NULL)
    return TRUE;
  g_set_error (error, CD_SITE_PASSWORD_ERROR, CD_SITE_PASSWORD_ERROR_NO_KEYRING,
               _("Cannot remove the password of site “%s” from the Secret Service (%s)"),
               cd_site_get_name (site), local_error->message);
  return FALSE;
}

/* cd-site-password.h: where a site's application password comes from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-site.h"

G_BEGIN_DECLS

#define CD_SITE_PASSWORD_ERROR (cd_site_password_error_quark ())

typedef enum
{
  CD_SITE_PASSWORD_ERROR_NOT_FOUND,     /* no password anywhere */
  CD_SITE_PASSWORD_ERROR_INSECURE_FILE, /* others may read the password file */
  CD_SITE_PASSWORD_ERROR_BAD_FILE,      /* unreadable, empty or not text */
  CD_SITE_PASSWORD_ERROR_NO_KEYRING,    /* no Secret Service to store it in */
} CdSitePasswordError;

#define CD_SITE_PASSWORD_ENV "COPYDESK_SITE_PASSWORD"

GQuark    cd_site_password_error_quark (void);

char     *cd_site_password_read_file   (const char    *path,
                                        GError       **error);
char     *cd_site_password_lookup      (CdSite        *site,
                                        const char    *password_file,
                                        GCancellable  *cancellable,
                                        GError       **error);
gboolean  cd_site_password_store       (CdSite        *site,
                                        const char    *password,
                                        GCancellable  *cancellable,
                                        GError       **error);
gboolean  cd_site_password_clear       (CdSite        *site,
                                        GCancellable  *cancellable,
                                        GError       **error);

G_END_DECLS

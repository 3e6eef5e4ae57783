/* cd-site.h: a remote site Copydesk publishes to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CD_SITE_ERROR (cd_site_error_quark ())

typedef enum
{
  CD_SITE_ERROR_INVALID_NAME,
  CD_SITE_ERROR_INVALID_URL,
  CD_SITE_ERROR_INSECURE_URL,
  CD_SITE_ERROR_INVALID_USER,
  CD_SITE_ERROR_NOT_FOUND,
  CD_SITE_ERROR_EXISTS,
} CdSiteError;

#define CD_TYPE_SITE (cd_site_get_type ())
G_DECLARE_FINAL_TYPE (CdSite, cd_site, CD, SITE, GObject)

GQuark       cd_site_error_quark   (void);

CdSite      *cd_site_new           (const char  *name,
                                    const char  *url,
                                    const char  *user,
                                    GError     **error);
const char  *cd_site_get_name      (CdSite      *self);
const char  *cd_site_get_url       (CdSite      *self);
const char  *cd_site_get_user      (CdSite      *self);
gboolean     cd_site_url_is_allowed (const char *url,
                                     GError    **error);

JsonNode    *cd_site_to_json       (CdSite      *self);
CdSite      *cd_site_from_json     (JsonNode    *node,
                                    GError     **error);

GPtrArray   *cd_sites_from_settings (JsonObject *settings,
                                     GError    **error);
void         cd_sites_to_settings  (GPtrArray   *sites,
                                    JsonObject  *settings);
CdSite      *cd_sites_find         (GPtrArray   *sites,
                                    const char  *name);

G_END_DECLS

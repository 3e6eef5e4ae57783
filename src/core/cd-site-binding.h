/* cd-site-binding.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CD_TYPE_SITE_BINDING (cd_site_binding_get_type ())
G_DECLARE_FINAL_TYPE (CdSiteBinding, cd_site_binding, CD, SITE_BINDING, GObject)

CdSiteBinding *cd_site_binding_new                 (const char    *site);
CdSiteBinding *cd_site_binding_copy                (CdSiteBinding *self);
gboolean       cd_site_binding_equal               (CdSiteBinding *a,
                                                    CdSiteBinding *b);
const char    *cd_site_binding_get_site            (CdSiteBinding *self);
const char    *cd_site_binding_get_post_id         (CdSiteBinding *self);
void           cd_site_binding_set_post_id         (CdSiteBinding *self,
                                                    const char    *post_id);
const char    *cd_site_binding_get_link            (CdSiteBinding *self);
void           cd_site_binding_set_link            (CdSiteBinding *self,
                                                    const char    *link);
const char    *cd_site_binding_get_remote_modified (CdSiteBinding *self);
void           cd_site_binding_set_remote_modified (CdSiteBinding *self,
                                                    const char    *remote_modified);
const char    *cd_site_binding_get_published_hash  (CdSiteBinding *self);
void           cd_site_binding_set_published_hash  (CdSiteBinding *self,
                                                    const char    *published_hash);

G_END_DECLS

/* cd-site-binding.c: where an article lives on one remote site
 *
 * The remote modified time is kept as the site wrote it (WordPress's
 * "modified_gmt"), since it is only ever compared with what the site says
 * next time, never computed with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-site-binding.h"
#include "cd-util.h"

struct _CdSiteBinding
{
  GObject parent_instance;

  char *site;
  char *post_id;
  char *link;
  char *remote_modified;
  char *published_hash;
};

G_DEFINE_FINAL_TYPE (CdSiteBinding, cd_site_binding, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SITE,
  PROP_POST_ID,
  PROP_LINK,
  PROP_REMOTE_MODIFIED,
  PROP_PUBLISHED_HASH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_string_prop (CdSiteBinding  *self,
                 char          **field,
                 const char     *value,
                 int             prop)
{
  if (cd_set_str (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
cd_site_binding_finalize (GObject *object)
{
  CdSiteBinding *self = CD_SITE_BINDING (object);

  g_free (self->site);
  g_free (self->post_id);
  g_free (self->link);
  g_free (self->remote_modified);
  g_free (self->published_hash);

  G_OBJECT_CLASS (cd_site_binding_parent_class)->finalize (object);
}

static void
cd_site_binding_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CdSiteBinding *self = CD_SITE_BINDING (object);

  switch (prop_id)
    {
    case PROP_SITE: g_value_set_string (value, self->site); break;
    case PROP_POST_ID: g_value_set_string (value, self->post_id); break;
    case PROP_LINK: g_value_set_string (value, self->link); break;
    case PROP_REMOTE_MODIFIED: g_value_set_string (value, self->remote_modified); break;
    case PROP_PUBLISHED_HASH: g_value_set_string (value, self->published_hash); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_site_binding_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CdSiteBinding *self = CD_SITE_BINDING (object);

  switch (prop_id)
    {
    case PROP_SITE: self->site = g_value_dup_string (value); break;
    case PROP_POST_ID: cd_site_binding_set_post_id (self, g_value_get_string (value)); break;
    case PROP_LINK: cd_site_binding_set_link (self, g_value_get_string (value)); break;
    case PROP_REMOTE_MODIFIED:
      cd_site_binding_set_remote_modified (self, g_value_get_string (value));
      break;
    case PROP_PUBLISHED_HASH:
      cd_site_binding_set_published_hash (self, g_value_get_string (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_site_binding_class_init (CdSiteBindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cd_site_binding_finalize;
  object_class->get_property = cd_site_binding_get_property;
  object_class->set_property = cd_site_binding_set_property;

  properties[PROP_SITE] =
    g_param_spec_string ("site", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POST_ID] = g_param_spec_string ("post-id", NULL, NULL, NULL, rw);
  properties[PROP_LINK] = g_param_spec_string ("link", NULL, NULL, NULL, rw);
  properties[PROP_REMOTE_MODIFIED] = g_param_spec_string ("remote-modified", NULL, NULL, NULL, rw);
  properties[PROP_PUBLISHED_HASH] = g_param_spec_string ("published-hash", NULL, NULL, NULL, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_site_binding_init (CdSiteBinding *self)
{
}

CdSiteBinding *
cd_site_binding_new (const char *site)
{
  g_return_val_if_fail (site != NULL && *site != '\0', NULL);
  return g_object_new (CD_TYPE_SITE_BINDING, "site", site, NULL);
}

CdSiteBinding *
cd_site_binding_copy (CdSiteBinding *self)
{
  g_return_val_if_fail (CD_IS_SITE_BINDING (self), NULL);
  return g_object_new (CD_TYPE_SITE_BINDING,
                       "site", self->site,
                       "post-id", self->post_id,
                       "link", self->link,
                       "remote-modified", self->remote_modified,
                       "published-hash", self->published_hash,
                       NULL);
}

gboolean
cd_site_binding_equal (CdSiteBinding *a,
                       CdSiteBinding *b)
{
  return g_strcmp0 (a->site, b->site) == 0 &&
         g_strcmp0 (a->post_id, b->post_id) == 0 &&
         g_strcmp0 (a->link, b->link) == 0 &&
         g_strcmp0 (a->remote_modified, b->remote_modified) == 0 &&
         g_strcmp0 (a->published_hash, b->published_hash) == 0;
}

const char *
cd_site_binding_get_site (CdSiteBinding *self)
{
  g_return_val_if_fail (CD_IS_SITE_BINDING (self), NULL);
  return self->site;
}

const char *
cd_site_binding_get_post_id (CdSiteBinding *self)
{
  g_return_val_if_fail (CD_IS_SITE_BINDING (self), NULL);
  return self->post_id;
}

void
cd_site_binding_set_post_id (CdSiteBinding *self,
                             const char    *post_id)
{
  g_return_if_fail (CD_IS_SITE_BINDING (self));
  set_string_prop (self, &self->post_id, post_id, PROP_POST_ID);
}

const char *
cd_site_binding_get_link (CdSiteBinding *self)
{
  g_return_val_if_fail (CD_IS_SITE_BINDING (self), NULL);
  return self->link;
}

void
cd_site_binding_set_link (CdSiteBinding *self,
                          const char    *link)
{
  g_return_if_fail (CD_IS_SITE_BINDING (self));
  set_string_prop (self, &self->link, link, PROP_LINK);
}

const char *
cd_site_binding_get_remote_modified (CdSiteBinding *self)
{
  g_return_val_if_fail (CD_IS_SITE_BINDING (self), NULL);
  return self->remote_modified;
}

void
cd_site_binding_set_remote_modified (CdSiteBinding *self,
                                     const char    *remote_modified)
{
  g_return_if_fail (CD_IS_SITE_BINDING (self));
  set_string_prop (self, &self->remote_modified, remote_modified, PROP_REMOTE_MODIFIED);
}

const char *
cd_site_binding_get_published_hash (CdSiteBinding *self)
{
  g_return_val_if_fail (CD_IS_SITE_BINDING (self), NULL);
  return self->published_hash;
}

void
cd_site_binding_set_published_hash (CdSiteBinding *self,
                                    const char    *published_hash)
{
  g_return_if_fail (CD_IS_SITE_BINDING (self));
  set_string_prop (self, &self->published_hash, published_hash, PROP_PUBLISHED_HASH);
}

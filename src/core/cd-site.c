/* cd-site.c: a site profile (name, base URL, user), kept in store.json
 *
 * The password is never part of a profile: it lives in the Secret Service
 * (see cd-site-password.c). Plain http is accepted only for loopback
 * addresses, where nothing crosses a network; everything else must be
 * https, and TLS is always verified.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-site.h"
#include "cd-util.h"

struct _CdSite
{
  GObject parent_instance;

  char *name;
  char *url;
  char *user;
};

G_DEFINE_FINAL_TYPE (CdSite, cd_site, G_TYPE_OBJECT)
G_DEFINE_QUARK (cd-site-error-quark, cd_site_error)

static void
cd_site_finalize (GObject *object)
{
  CdSite *self = CD_SITE (object);

  g_free (self->name);
  g_free (self->url);
  g_free (self->user);

  G_OBJECT_CLASS (cd_site_parent_class)->finalize (object);
}

static void
cd_site_class_init (CdSiteClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_site_finalize;
}

static void
cd_site_init (CdSite *self)
{
}

/* A name is used in altIds roles ("<name>:post-id") and on the command
 * line, so it is kept to letters, digits, '-', '_' and '.'. */
static gboolean
name_is_valid (const char *name)
{
  if (name == NULL || *name == '\0' || strlen (name) > 64)
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
cd_site_url_is_allowed (const char  *url,
                        GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  uri = g_uri_parse (url ? url : "", G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, CD_SITE_ERROR, CD_SITE_ERROR_INVALID_URL,
                   _("“%s” is not a web address; give one like https://news.example.org"),
                   url ? url : "");
      return FALSE;
    }
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (g_uri_get_host (uri)))
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0)
    g_set_error (error, CD_SITE_ERROR, CD_SITE_ERROR_INSECURE_URL,
                 _("“%s” uses plain http: the password would cross the network unencrypted. "
                   "Use https (plain http is accepted only for this computer, 127.0.0.1)"),
                 url);
  else
    g_set_error (error, CD_SITE_ERROR, CD_SITE_ERROR_INVALID_URL,
                 _("“%s” is not an http or https address"), url);
  return FALSE;
}

CdSite *
cd_site_new (const char  *name,
             const char  *url,
             const char  *user,
             GError     **error)
{
  CdSite *self;

  if (!name_is_valid (name))
    {
      g_set_error (error, CD_SITE_ERROR, CD_SITE_ERROR_INVALID_NAME,
                   _("“%s” cannot name a site: use letters, digits, “-”, “_” or “.”"),
                   name ? name : "");
      return NULL;
    }
  if (!cd_site_url_is_allowed (url, error))
    return NULL;
  if (cd_str_is_blank (user) || !g_utf8_validate (user, -1, NULL))
    {
      g_set_error (error, CD_SITE_ERROR, CD_SITE_ERROR_INVALID_USER,
                   _("Site “%s” needs a user name"), name);
      return NULL;
    }

  self = g_object_new (CD_TYPE_SITE, NULL);
  self->name = g_strdup (name);
  /* One form for the base URL, without the trailing slash. */
  self->url = g_strdup (url);
  while (g_str_has_suffix (self->url, "/"))
    self->url[strlen (self->url) - 1] = '\0';
  self->user = g_strdup (user);
  return self;
}

const char *
cd_site_get_name (CdSite *self)
{
  g_return_val_if_fail (CD_IS_SITE (self), NULL);
  return self->name;
}

const char *
cd_site_get_url (CdSite *self)
{
  g_return_val_if_fail (CD_IS_SITE (self), NULL);
  return self->url;
}

const char *
cd_site_get_user (CdSite *self)
{
  g_return_val_if_fail (CD_IS_SITE (self), NULL);
  return self->user;
}

JsonNode *
cd_site_to_json (CdSite *self)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  g_return_val_if_fail (CD_IS_SITE (self), NULL);

  json_object_set_string_member (object, "name", self->name);
  json_object_set_string_member (object, "url", self->url);
  json_object_set_string_member (object, "user", self->user);
  json_node_set_object (node, object);
  return node;
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

CdSite *
cd_site_from_json (JsonNode  *node,
                   GError   **error)
{
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, CD_SITE_ERROR, CD_SITE_ERROR_INVALID_NAME,
                           _("A site in store.json is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);
  return cd_site_new (member_string (object, "name"), member_string (object, "url"),
                      member_string (object, "user"), error);
}

/* Reads the "sites" array of store.json; a damaged entry is an error
 * naming its position, never silently dropped. */
GPtrArray *
cd_sites_from_settings (JsonObject  *settings,
                        GError     **error)
{
  g_autoptr(GPtrArray) sites = g_ptr_array_new_with_free_func (g_object_unref);
  JsonNode *node = settings ? json_object_get_member (settings, "sites") : NULL;
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_steal_pointer (&sites);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, CD_SITE_ERROR, CD_SITE_ERROR_INVALID_NAME,
                           _("“sites” in store.json is not a list"));
      return NULL;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GError) local_error = NULL;
      CdSite *site = cd_site_from_json (json_array_get_element (array, i), &local_error);

      if (site == NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("Site %u in store.json: "), i + 1);
          return NULL;
        }
      g_ptr_array_add (sites, site);
    }
  return g_steal_pointer (&sites);
}

void
cd_sites_to_settings (GPtrArray  *sites,
                      JsonObject *settings)
{
  g_autoptr(JsonArray) array = json_array_new ();

  for (guint i = 0; i < sites->len; i++)
    json_array_add_element (array, cd_site_to_json (g_ptr_array_index (sites, i)));
  json_object_set_array_member (settings, "sites", g_steal_pointer (&array));
}

CdSite *
cd_sites_find (GPtrArray  *sites,
               const char *name)
{
  for (guint i = 0; sites && i < sites->len; i++)
    if (g_strcmp0 (cd_site_get_name (g_ptr_array_index (sites, i)), name) == 0)
      return g_ptr_array_index (sites, i);
  return NULL;
}

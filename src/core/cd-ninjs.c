/* cd-ninjs.c: the mapping of ../shared/formats/ninjs-profile.md
 *
 * ninjs 3.x allows no extra root properties, so Copydesk's own state is
 * never written here. Properties and array entries that Copydesk does not
 * map are kept in the article's "ninjs extra" object and written back on
 * export, so that an import followed by an export loses nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cd-markdown.h"
#include "cd-ninjs.h"
#include "cd-util.h"

G_DEFINE_QUARK (cd-ninjs-error-quark, cd_ninjs_error)

#define URN_UUID "urn:uuid:"
#define BINDING_ROLE_SUFFIX ":post-id"

/* Root properties that the mapping writes itself. */
static const char * const mapped_properties[] = {
  "uri", "type", "headlines", "descriptions", "bodies", "by", "located", "language",
  "firstCreated", "versionCreated", "version", "subjects", "edNote", "associations",
  "altIds", NULL
};

/* ------------------------------------------------------------------------
 * Writing
 */

static void
add_string (JsonObject *object,
            const char *member,
            const char *value)
{
  if (!cd_str_is_blank (value))
    json_object_set_string_member (object, member, value);
}

static JsonObject *
role_value (const char *role,
            const char *content_type,
            const char *value)
{
  JsonObject *entry = json_object_new ();

  json_object_set_string_member (entry, "role", role);
  if (content_type)
    json_object_set_string_member (entry, "contentType", content_type);
  json_object_set_string_member (entry, "value", value);
  return entry;
}

static void
add_role_value (JsonArray  *array,
                const char *role,
                const char *content_type,
                const char *value)
{
  if (!cd_str_is_blank (value))
    json_array_add_object_element (array, role_value (role, content_type, value));
}

/* Appends the entries of an array that import could not map. */
static void
append_extra_entries (JsonArray  *array,
                      JsonObject *extra,
                      const char *member)
{
  JsonArray *kept;

  if (extra == NULL || !json_object_has_member (extra, member))
    return;
  kept = json_object_get_array_member (extra, member);
  if (kept == NULL)
    return;
  for (guint i = 0; i < json_array_get_length (kept); i++)
    json_array_add_element (array, json_node_copy (json_array_get_element (kept, i)));
}

static void
set_array_if_filled (JsonObject *object,
                     const char *member,
                     JsonArray  *array)
{
  if (json_array_get_length (array) > 0)
    json_object_set_array_member (object, member, json_array_ref (array));
}

static const char *
content_type_for_file (const char *file)
{
  const char *dot = strrchr (file, '.');

  if (dot == NULL)
    return NULL;
  if (g_ascii_strcasecmp (dot, ".jpg") == 0 || g_ascii_strcasecmp (dot, ".jpeg") == 0)
    return "image/jpeg";
  if (g_ascii_strcasecmp (dot, ".png") == 0)
    return "image/png";
  if (g_ascii_strcasecmp (dot, ".gif") == 0)
    return "image/gif";
  if (g_ascii_strcasecmp (dot, ".webp") == 0)
    return "image/webp";
  return NULL;
}

static JsonArray *
photo_renditions (CdPhoto    *photo,
                  const char *photos_uri)
{
  JsonArray *renditions = json_array_new ();
  JsonObject *original;
  g_autofree char *escaped = NULL;
  g_autofree char *href = NULL;
  const char *file = cd_photo_get_file (photo);
  const char *content_type;

  if (file == NULL)
    return renditions;

  escaped = g_uri_escape_string (file, NULL, FALSE);
  href = g_strconcat (photos_uri ? photos_uri : "", escaped, NULL);
  original = json_object_new ();
  json_object_set_string_member (original, "name", "original");
  json_object_set_string_member (original, "href", href);
  content_type = content_type_for_file (file);
  if (content_type)
    json_object_set_string_member (original, "contentType", content_type);
  if (cd_photo_get_width (photo) > 0)
    json_object_set_int_member (original, "width", cd_photo_get_width (photo));
  if (cd_photo_get_height (photo) > 0)
    json_object_set_int_member (original, "height", cd_photo_get_height (photo));
  json_array_add_object_element (renditions, original);
  return renditions;
}

static JsonObject *
photo_to_association (CdPhoto    *photo,
                      guint       index,
                      const char *photos_uri)
{
  JsonObject *picture = json_object_new ();
  g_autoptr(JsonArray) descriptions = json_array_new ();
  g_autoptr(JsonArray) renditions = photo_renditions (photo, photos_uri);
  g_autofree char *name = g_strdup_printf ("image-%u", index + 1);
  g_autofree char *uri = g_strconcat (URN_UUID, cd_photo_get_id (photo), NULL);

  json_object_set_string_member (picture, "name", name);
  json_object_set_string_member (picture, "type", "picture");
  json_object_set_string_member (picture, "uri", uri);
  add_role_value (descriptions, "caption", NULL, cd_photo_get_caption (photo));
  add_role_value (descriptions, "alt", NULL, cd_photo_get_alt_text (photo));
  set_array_if_filled (picture, "descriptions", descriptions);
  add_string (picture, "copyrightNotice", cd_photo_get_credit (photo));
  add_string (picture, "by", cd_photo_get_photographer (photo));
  set_array_if_filled (picture, "renditions", renditions);
  return picture;
}

static void
add_bodies (JsonObject    *ninjs,
            CdArticle     *article,
            CdNinjsBodies  bodies,
            JsonObject    *extra)
{
  g_autoptr(JsonArray) array = json_array_new ();
  const char *body = cd_article_get_body (article);

  if (!cd_str_is_blank (body))
    {
      if (bodies & CD_NINJS_BODY_MARKDOWN)
        add_role_value (array, "main", "text/markdown", body);
      if (bodies & CD_NINJS_BODY_PLAIN)
        {
          g_autofree char *plain = cd_markdown_to_plain (body);
          add_role_value (array, "main", "text/plain", plain);
        }
      if (bodies & CD_NINJS_BODY_HTML)
        {
          g_autofree char *html = cd_markdown_to_html (body);
          add_role_value (array, "main", "text/html", html);
        }
    }
  append_extra_entries (array, extra, "bodies");
  set_array_if_filled (ninjs, "bodies", array);
}

static void
add_subjects (JsonObject *ninjs,
              CdArticle  *article,
              JsonObject *extra)
{
  g_autoptr(JsonArray) subjects = json_array_new ();
  const char * const *tags = cd_article_get_tags (article);

  if (!cd_str_is_blank (cd_article_get_section (article)))
    {
      JsonObject *section = json_object_new ();
      json_object_set_string_member (section, "name", cd_article_get_section (article));
      json_object_set_string_member (section, "rel", "section");
      json_array_add_object_element (subjects, section);
    }
  for (guint i = 0; tags[i]; i++)
    {
      JsonObject *tag = json_object_new ();
      json_object_set_string_member (tag, "name", tags[i]);
      json_object_set_string_member (tag, "rel", "tag");
      json_array_add_object_element (subjects, tag);
    }
  append_extra_entries (subjects, extra, "subjects");
  set_array_if_filled (ninjs, "subjects", subjects);
}

static void
add_alt_ids (JsonObject *ninjs,
             CdArticle  *article,
             JsonObject *extra)
{
  g_autoptr(JsonArray) alt_ids = json_array_new ();
  GPtrArray *bindings = cd_article_get_bindings (article);

  for (guint i = 0; i < bindings->len; i++)
    {
      CdSiteBinding *binding = g_ptr_array_index (bindings, i);
      g_autofree char *role = NULL;

      if (cd_str_is_blank (cd_site_binding_get_post_id (binding)))
        continue;
      role = g_strconcat (cd_site_binding_get_site (binding), BINDING_ROLE_SUFFIX, NULL);
      json_array_add_object_element (alt_ids,
                                     role_value (role, NULL,
                                                 cd_site_binding_get_post_id (binding)));
    }
  add_role_value (alt_ids, "source-url", NULL, cd_article_get_source_url (article));
  append_extra_entries (alt_ids, extra, "altIds");
  set_array_if_filled (ninjs, "altIds", alt_ids);
}

static void
add_associations (JsonObject *ninjs,
                  CdArticle  *article,
                  const char *photos_uri,
                  JsonObject *extra)
{
  g_autoptr(JsonArray) associations = json_array_new ();

  for (guint i = 0; i < cd_article_get_n_photos (article); i++)
    json_array_add_object_element (associations,
                                   photo_to_association (cd_article_get_photo (article, i),
                                                         i, photos_uri));
  append_extra_entries (associations, extra, "associations");
  set_array_if_filled (ninjs, "associations", associations);
}

static void
copy_extra_properties (JsonObject *ninjs,
                       JsonObject *extra)
{
  g_autoptr(GList) members = NULL;

  if (extra == NULL)
    return;
  members = json_object_get_members (extra);
  for (GList *l = members; l; l = l->next)
    if (!g_strv_contains (mapped_properties, l->data))
      json_object_set_member (ninjs, l->data,
                              json_node_copy (json_object_get_member (extra, l->data)));
}

/**
 * cd_ninjs_from_article:
 * @photos_uri: what photo file names are appended to in rendition hrefs,
 *   e.g. "file:///home/ed/store/photos/" or "photos/"
 *
 * Returns: (transfer full): a ninjs 3.1 object
 */
JsonNode *
cd_ninjs_from_article (CdArticle     *article,
                       const char    *photos_uri,
                       CdNinjsBodies  bodies)
{
  g_autoptr(JsonObject) ninjs = json_object_new ();
  g_autoptr(JsonArray) headlines = json_array_new ();
  g_autoptr(JsonArray) descriptions = json_array_new ();
  JsonObject *extra = cd_article_get_ninjs_extra (article);
  g_autofree char *uri = g_strconcat (URN_UUID, cd_article_get_id (article), NULL);
  g_autofree char *created = cd_datetime_to_rfc3339 (cd_article_get_created (article));
  g_autofree char *modified = cd_datetime_to_rfc3339 (cd_article_get_modified (article));
  g_autofree char *version = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                              cd_article_get_revision (article));
  JsonNode *node;

  g_return_val_if_fail (CD_IS_ARTICLE (article), NULL);

  copy_extra_properties (ninjs, extra);
  json_object_set_string_member (ninjs, "uri", uri);
  json_object_set_string_member (ninjs, "type", "text");
  add_role_value (headlines, "main", NULL, cd_article_get_headline (article));
  append_extra_entries (headlines, extra, "headlines");
  set_array_if_filled (ninjs, "headlines", headlines);
  add_role_value (descriptions, "summary", NULL, cd_article_get_standfirst (article));
  append_extra_entries (descriptions, extra, "descriptions");
  set_array_if_filled (ninjs, "descriptions", descriptions);
  add_bodies (ninjs, article, bodies, extra);
  add_string (ninjs, "by", cd_article_get_byline (article));
  add_string (ninjs, "located", cd_article_get_dateline (article));
  add_string (ninjs, "language", cd_article_get_language (article));
  add_string (ninjs, "firstCreated", created);
  add_string (ninjs, "versionCreated", modified);
  json_object_set_string_member (ninjs, "version", version);
  add_subjects (ninjs, article, extra);
  add_string (ninjs, "edNote", cd_article_get_note (article));
  add_associations (ninjs, article, photos_uri, extra);
  add_alt_ids (ninjs, article, extra);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, ninjs);
  return node;
}

/* ------------------------------------------------------------------------
 * Reading
 */

static gboolean
get_string (JsonObject  *object,
            const char  *member,
            const char  *where,
            const char **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, CD_NINJS_ERROR, CD_NINJS_ERROR_WRONG_TYPE,
                   /* Translators: the two %s make the path of a ninjs member, e.g.
                    * “associations[2].by” */
                   _("“%s%s” must be a string"), where, member);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_array (JsonObject  *object,
           const char  *member,
           const char  *where,
           JsonArray  **out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, CD_NINJS_ERROR, CD_NINJS_ERROR_WRONG_TYPE,
                   /* Translators: the two %s make the path of a ninjs member, e.g.
                    * “associations[2].renditions” */
                   _("“%s%s” must be an array"), where, member);
      return FALSE;
    }
  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
get_entry (JsonArray   *array,
           guint        i,
           const char  *member,
           JsonObject **out,
           GError     **error)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CD_NINJS_ERROR, CD_NINJS_ERROR_WRONG_TYPE,
                   /* Translators: a ninjs member and a position in it, e.g. “subjects[3]” */
                   _("“%s[%u]” must be an object"), member, i);
      return FALSE;
    }
  *out = json_node_get_object (node);
  return TRUE;
}

static void
keep_entry (JsonObject *extra,
            const char *member,
            JsonObject *entry)
{
  JsonArray *kept;

  if (!json_object_has_member (extra, member))
    json_object_set_array_member (extra, member, json_array_new ());
  kept = json_object_get_array_member (extra, member);
  json_array_add_object_element (kept, json_object_ref (entry));
}

/* Reads {role, contentType, value} entries: the first one whose role and
 * content type match is taken, every other entry is kept as extra. */
typedef gboolean (*EntryMatch) (const char *role,
                                const char *content_type,
                                gpointer    data);

static gboolean
read_role_values (JsonObject  *ninjs,
                  const char  *member,
                  const char  *where,
                  EntryMatch   match,
                  gpointer     data,
                  const char **value,
                  JsonObject  *extra,
                  GError     **error)
{
  JsonArray *array;

  *value = NULL;
  if (!get_array (ninjs, member, where, &array, error))
    return FALSE;
  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonObject *entry;
      const char *role, *content_type, *text;

      if (!get_entry (array, i, member, &entry, error) ||
          !get_string (entry, "role", where, &role, error) ||
          !get_string (entry, "contentType", where, &content_type, error) ||
          !get_string (entry, "value", where, &text, error))
        return FALSE;
      if (*value == NULL && text != NULL && match (role, content_type, data))
        *value = text;
      else if (extra)
        keep_entry (extra, member, entry);
    }
  return TRUE;
}

static gboolean
match_role (const char *role,
            const char *content_type,
            gpointer    data)
{
  return role == NULL || g_strcmp0 (role, data) == 0;
}

static gboolean
match_body (const char *role,
            const char *content_type,
            gpointer    data)
{
  return (role == NULL || g_strcmp0 (role, "main") == 0) &&
         g_strcmp0 (content_type ? content_type : "text/plain", data) == 0;
}

/* Prefers the body as written (Markdown); takes plain text where that is
 * all there is. Other renderings are derived on export and not kept. */
static gboolean
read_body (JsonObject  *ninjs,
           CdArticle   *article,
           GError     **error)
{
  const char *markdown, *plain;

  if (!read_role_values (ninjs, "bodies", "", match_body, (gpointer) "text/markdown",
                         &markdown, NULL, error) ||
      !read_role_values (ninjs, "bodies", "", match_body, (gpointer) "text/plain",
                         &plain, NULL, error))
    return FALSE;
  cd_article_set_body (article, markdown ? markdown : plain);
  return TRUE;
}

static gboolean
read_subjects (JsonObject  *ninjs,
               CdArticle   *article,
               JsonObject  *extra,
               GError     **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  gboolean have_section = FALSE;
  JsonArray *subjects;

  if (!get_array (ninjs, "subjects", "", &subjects, error))
    return FALSE;
  for (guint i = 0; subjects && i < json_array_get_length (subjects); i++)
    {
      JsonObject *subject;
      const char *name, *rel;

      if (!get_entry (subjects, i, "subjects", &subject, error) ||
          !get_string (subject, "name", "subjects.", &name, error) ||
          !get_string (subject, "rel", "subjects.", &rel, error))
        return FALSE;
      if (name && g_strcmp0 (rel, "section") == 0 && !have_section &&
          json_object_get_size (subject) == 2)
        {
          cd_article_set_section (article, name);
          have_section = TRUE;
        }
      else if (name && g_strcmp0 (rel, "tag") == 0 && json_object_get_size (subject) == 2)
        g_ptr_array_add (tags, (gpointer) name);
      else
        keep_entry (extra, "subjects", subject);
    }
  g_ptr_array_add (tags, NULL);
  cd_article_set_tags (article, (const char * const *) tags->pdata);
  return TRUE;
}

static gboolean
read_alt_ids (JsonObject  *ninjs,
              CdArticle   *article,
              JsonObject  *extra,
              GError     **error)
{
  JsonArray *alt_ids;

  if (!get_array (ninjs, "altIds", "", &alt_ids, error))
    return FALSE;
  for (guint i = 0; alt_ids && i < json_array_get_length (alt_ids); i++)
    {
      JsonObject *alt_id;
      const char *role, *value;

      if (!get_entry (alt_ids, i, "altIds", &alt_id, error) ||
          !get_string (alt_id, "role", "altIds.", &role, error) ||
          !get_string (alt_id, "value", "altIds.", &value, error))
        return FALSE;
      if (role && value && g_str_equal (role, "source-url"))
        cd_article_set_source_url (article, value);
      else if (role && value && g_str_has_suffix (role, BINDING_ROLE_SUFFIX) &&
               strlen (role) > strlen (BINDING_ROLE_SUFFIX))
        {
          g_autofree char *site = g_strndup (role, strlen (role) - strlen (BINDING_ROLE_SUFFIX));
          CdSiteBinding *binding = cd_article_get_binding (article, site);
          g_autoptr(CdSiteBinding) fresh = NULL;

          if (binding == NULL)
            binding = fresh = cd_site_binding_new (site);
          cd_site_binding_set_post_id (binding, value);
          cd_article_set_binding (article, binding);
        }
      else
        keep_entry (extra, "altIds", alt_id);
    }
  return TRUE;
}

static char *
id_from_urn (const char *uri)
{
  if (uri && g_str_has_prefix (uri, URN_UUID) && cd_is_uuid (uri + strlen (URN_UUID)))
    return g_ascii_strdown (uri + strlen (URN_UUID), -1);
  return NULL;
}

static gboolean
read_rendition (JsonObject  *picture,
                CdPhoto     *photo,
                const char  *photos_uri,
                const char  *where,
                GError     **error)
{
  JsonArray *renditions;

  if (!get_array (picture, "renditions", where, &renditions, error))
    return FALSE;
  for (guint i = 0; renditions && i < json_array_get_length (renditions); i++)
    {
      JsonObject *rendition;
      const char *name, *href;

      if (!get_entry (renditions, i, "renditions", &rendition, error) ||
          !get_string (rendition, "name", where, &name, error) ||
          !get_string (rendition, "href", where, &href, error))
        return FALSE;
      if (g_strcmp0 (name, "original") != 0 || href == NULL)
        continue;
      if (photos_uri && g_str_has_prefix (href, photos_uri))
        {
          g_autofree char *file = g_uri_unescape_string (href + strlen (photos_uri), NULL);
          cd_photo_set_file (photo, file);
        }
      if (json_object_has_member (rendition, "width"))
        cd_photo_set_width (photo, (guint) CLAMP (json_object_get_int_member (rendition, "width"),
                                                   0, G_MAXUINT));
      if (json_object_has_member (rendition, "height"))
        cd_photo_set_height (photo, (guint) CLAMP (json_object_get_int_member (rendition, "height"),
                                                    0, G_MAXUINT));
    }
  return TRUE;
}

/* A picture without a urn:uuid uri (written by hand or by another tool)
 * still gets the same id each time the file is read: the merge with
 * another program's version matches photos by id, and a random id
 * would make every such photo look removed on one side and added on
 * the other. The id is a name-based (SHA-1, RFC 4122 version 5) UUID of
 * the article, the picture's place and its uri. */
static char *
derive_photo_id (const char *article_id,
                 guint       index,
                 const char *uri)
{
  /* An arbitrary namespace of Copydesk's own. */
  static const guint8 namespace[16] = {
    0x5d, 0x0c, 0x3a, 0x71, 0x9b, 0x2e, 0x4f, 0x18,
    0xa6, 0x43, 0x7e, 0x91, 0xc2, 0x0d, 0x55, 0xe8
  };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  g_autofree char *name = g_strdup_printf ("%s/associations/%u/%s", article_id ? article_id : "",
                                           index, uri ? uri : "");
  guint8 digest[20];
  gsize length = sizeof digest;

  g_checksum_update (checksum, namespace, sizeof namespace);
  g_checksum_update (checksum, (const guchar *) name, -1);
  g_checksum_get_digest (checksum, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

static CdPhoto *
read_picture (JsonObject  *picture,
              guint        index,
              const char  *article_id,
              const char  *photos_uri,
              GError     **error)
{
  g_autofree char *where = g_strdup_printf ("associations[%u].", index);
  g_autofree char *id = NULL;
  g_autoptr(CdPhoto) photo = NULL;
  const char *uri, *caption, *alt, *credit, *by;

  if (!get_string (picture, "uri", where, &uri, error) ||
      !read_role_values (picture, "descriptions", where, match_role, (gpointer) "caption",
                         &caption, NULL, error) ||
      !read_role_values (picture, "descriptions", where, match_role, (gpointer) "alt",
                         &alt, NULL, error) ||
      !get_string (picture, "copyrightNotice", where, &credit, error) ||
      !get_string (picture, "by", where, &by, error))
    return NULL;

  id = id_from_urn (uri);
  if (id == NULL)
    id = derive_photo_id (article_id, index, uri);
  photo = cd_photo_new_with_id (id);
  cd_photo_set_caption (photo, caption);
  cd_photo_set_alt_text (photo, alt);
  cd_photo_set_credit (photo, credit);
  cd_photo_set_photographer (photo, by);
  if (!read_rendition (picture, photo, photos_uri, where, error))
    return NULL;
  return g_steal_pointer (&photo);
}

static gboolean
read_associations (JsonObject  *ninjs,
                   CdArticle   *article,
                   const char  *photos_uri,
                   JsonObject  *extra,
                   GError     **error)
{
  JsonArray *associations;

  if (!get_array (ninjs, "associations", "", &associations, error))
    return FALSE;
  for (guint i = 0; associations && i < json_array_get_length (associations); i++)
    {
      JsonObject *association;
      const char *type;

      if (!get_entry (associations, i, "associations", &association, error) ||
          !get_string (association, "type", "associations.", &type, error))
        return FALSE;
      if (g_strcmp0 (type, "picture") == 0)
        {
          g_autoptr(CdPhoto) photo = read_picture (association, i, cd_article_get_id (article),
                                                     photos_uri, error);
          if (photo == NULL)
            return FALSE;
          cd_article_add_photo (article, photo);
        }
      else
        keep_entry (extra, "associations", association);
    }
  return TRUE;
}

static gboolean
read_dates (JsonObject  *ninjs,
            CdArticle   *article,
            GError     **error)
{
  const char *members[] = { "firstCreated", "versionCreated" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autoptr(GDateTime) dt = NULL;
      const char *text;

      if (!get_string (ninjs, members[i], "", &text, error))
        return FALSE;
      if (text == NULL)
        continue;
      dt = cd_datetime_from_rfc3339 (text);
      if (dt == NULL)
        {
          g_set_error (error, CD_NINJS_ERROR, CD_NINJS_ERROR_BAD_VALUE,
                       /* Translators: a ninjs member (“firstCreated”) and its value */
                       _("“%s” is not an RFC 3339 date and time: “%s”"), members[i], text);
          return FALSE;
        }
      if (i == 0)
        cd_article_set_created (article, dt);
      else
        cd_article_set_modified (article, dt);
    }
  return TRUE;
}

static gboolean
read_version (JsonObject  *ninjs,
              CdArticle   *article,
              GError     **error)
{
  const char *version;
  guint64 revision;

  if (!get_string (ninjs, "version", "", &version, error))
    return FALSE;
  if (version == NULL)
    return TRUE;
  if (!g_ascii_string_to_unsigned (version, 10, 0, G_MAXUINT64, &revision, NULL))
    {
      /* Another system's version label is not a Copydesk revision counter:
       * the article starts counting from 0 in this store. */
      return TRUE;
    }
  cd_article_set_revision (article, revision);
  return TRUE;
}

static gboolean
read_simple_fields (JsonObject  *ninjs,
                    CdArticle   *article,
                    JsonObject  *extra,
                    GError     **error)
{
  const char *headline, *standfirst, *by, *located, *language, *note;

  if (!read_role_values (ninjs, "headlines", "", match_role, (gpointer) "main",
                         &headline, extra, error) ||
      !read_role_values (ninjs, "descriptions", "", match_role, (gpointer) "summary",
                         &standfirst, extra, error) ||
      !get_string (ninjs, "by", "", &by, error) ||
      !get_string (ninjs, "located", "", &located, error) ||
      !get_string (ninjs, "language", "", &language, error) ||
      !get_string (ninjs, "edNote", "", &note, error))
    return FALSE;

  cd_article_set_headline (article, headline);
  cd_article_set_standfirst (article, standfirst);
  cd_article_set_byline (article, by);
  cd_article_set_dateline (article, located);
  cd_article_set_language (article, language);
  cd_article_set_note (article, note);
  return TRUE;
}

static void
keep_unmapped_properties (JsonObject *ninjs,
                          JsonObject *extra)
{
  g_autoptr(GList) members = json_object_get_members (ninjs);

  for (GList *l = members; l; l = l->next)
    if (!g_strv_contains (mapped_properties, l->data))
      json_object_set_member (extra, l->data,
                              json_node_copy (json_object_get_member (ninjs, l->data)));
}

/**
 * cd_ninjs_to_article:
 * @photos_uri: (nullable): the prefix that rendition hrefs of store photos
 *   carry; see cd_ninjs_from_article()
 *
 * Reads a ninjs object written by Copydesk or by another system. An id
 * comes from a "urn:uuid:" uri; any other uri is kept and a new id made.
 *
 * Returns: (transfer full): the article, or %NULL with @error naming the
 *   property that is wrong
 */
CdArticle *
cd_ninjs_to_article (JsonNode    *node,
                     const char  *photos_uri,
                     GError     **error)
{
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(CdArticle) article = NULL;
  g_autofree char *id = NULL;
  JsonObject *ninjs;
  const char *uri;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, CD_NINJS_ERROR, CD_NINJS_ERROR_NOT_AN_OBJECT,
                           _("a ninjs item must be a JSON object"));
      return NULL;
    }
  ninjs = json_node_get_object (node);

  if (!get_string (ninjs, "uri", "", &uri, error))
    return NULL;
  id = id_from_urn (uri);
  article = cd_article_new_with_id (id);
  if (uri && id == NULL)
    {
      JsonObject *alt_id = role_value ("ninjs-uri", NULL, uri);
      keep_entry (extra, "altIds", alt_id);
      json_object_unref (alt_id);
    }

  keep_unmapped_properties (ninjs, extra);
  if (!read_simple_fields (ninjs, article, extra, error) ||
      !read_body (ninjs, article, error) ||
      !read_dates (ninjs, article, error) ||
      !read_version (ninjs, article, error) ||
      !read_subjects (ninjs, article, extra, error) ||
      !read_associations (ninjs, article, photos_uri, extra, error) ||
      !read_alt_ids (ninjs, article, extra, error))
    return NULL;

  cd_article_set_ninjs_extra (article, extra);
  return g_steal_pointer (&article);
}

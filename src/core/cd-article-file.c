/* cd-article-file.c: the file that holds one article in the store
 *
 *   { "format": 1, "ninjs": { … }, "copydesk": { … } }
 *
 * "ninjs" is the article as an IPTC ninjs 3.1 object (the mapping of
 * cd-ninjs.c, with the body as Markdown and photo hrefs relative to the
 * store), so that the store's files are readable by other tools. ninjs
 * allows no extra properties, so Copydesk's own state sits beside it in
 * "copydesk". When both carry a value (the revision), "copydesk" wins.
 *
 * Parsing never guesses: every way a file can be wrong has its own error
 * code, and the message says where, so the store can tell the editor why
 * a file was set aside.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cd-article-file.h"
#include "cd-ninjs.h"
#include "cd-util.h"

G_DEFINE_QUARK (cd-article-file-error-quark, cd_article_file_error)

/* ------------------------------------------------------------------------
 * Writing
 */

static void
add_nonempty (JsonObject *object,
              const char *member,
              const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, member, value);
}

static JsonObject *
binding_to_json (CdSiteBinding *binding)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "site", cd_site_binding_get_site (binding));
  add_nonempty (object, "post-id", cd_site_binding_get_post_id (binding));
  add_nonempty (object, "link", cd_site_binding_get_link (binding));
  add_nonempty (object, "remote-modified", cd_site_binding_get_remote_modified (binding));
  add_nonempty (object, "published-hash", cd_site_binding_get_published_hash (binding));
  return object;
}

static JsonObject *
copydesk_to_json (CdArticle *article)
{
  JsonObject *copydesk = json_object_new ();
  GPtrArray *bindings = cd_article_get_bindings (article);

  json_object_set_string_member (copydesk, "status",
                                 cd_article_status_to_string (cd_article_get_status (article)));
  json_object_set_int_member (copydesk, "revision", (gint64) cd_article_get_revision (article));
  add_nonempty (copydesk, "source", cd_article_get_source (article));
  add_nonempty (copydesk, "duplicate-of", cd_article_get_duplicate_of (article));
  if (bindings->len > 0)
    {
      JsonArray *sites = json_array_new ();

      for (guint i = 0; i < bindings->len; i++)
        json_array_add_object_element (sites, binding_to_json (g_ptr_array_index (bindings, i)));
      json_object_set_array_member (copydesk, "sites", sites);
    }
  return copydesk;
}

/**
 * cd_article_file_serialize:
 *
 * Returns: (transfer full): the bytes of the article's file, UTF-8 JSON
 *   ending in a newline
 */
GBytes *
cd_article_file_serialize (CdArticle *article)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *data;

  g_return_val_if_fail (CD_IS_ARTICLE (article), NULL);

  json_object_set_int_member (root, "format", CD_ARTICLE_FILE_FORMAT);
  json_object_set_member (root, "ninjs",
                          cd_ninjs_from_article (article, CD_ARTICLE_FILE_PHOTOS_URI,
                                                 CD_NINJS_BODY_MARKDOWN));
  json_object_set_object_member (root, "copydesk", copydesk_to_json (article));
  json_node_set_object (node, root);

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  data = json_generator_to_data (generator, &length);
  data = g_realloc (data, length + 2);
  data[length++] = '\n';
  data[length] = '\0';
  return g_bytes_new_take (data, length);
}

/* ------------------------------------------------------------------------
 * Reading
 */

static gboolean
is_blank (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

/* TRUE when the text stops inside a string, an object or an array: the
 * mark of a file cut short, as opposed to one that is wrong in the middle. */
static gboolean
ends_early (const char *data,
            gsize       length)
{
  gboolean in_string = FALSE, escaped = FALSE;
  gssize depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && --depth < 0)
        return FALSE;
    }
  return in_string || depth > 0;
}

static gboolean
check_text (const char  *data,
            gsize        length,
            GError     **error)
{
  const char *end;

  if (length == 0 || is_blank (data, length))
    {
      g_set_error_literal (error, CD_ARTICLE_FILE_ERROR, CD_ARTICLE_FILE_ERROR_EMPTY,
                           _("the file is empty"));
      return FALSE;
    }
  if (!g_utf8_validate (data, length, &end))
    {
      g_set_error (error, CD_ARTICLE_FILE_ERROR, CD_ARTICLE_FILE_ERROR_NOT_UTF8,
                   /* Translators: a byte offset, then the file's size in bytes */
                   _("not valid UTF-8 text at byte %lu (of %lu)"),
                   (unsigned long) (end - data), (unsigned long) length);
      return FALSE;
    }
  return TRUE;
}

static JsonNode *
parse_json (const char  *data,
            gsize        length,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;

  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      if (ends_early (data, length))
        g_set_error (error, CD_ARTICLE_FILE_ERROR, CD_ARTICLE_FILE_ERROR_TRUNCATED,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "the JSON text is cut short after %lu byte",
                                  "the JSON text is cut short after %lu bytes",
                                  length),
                     (unsigned long) length);
      else
        g_set_error (error, CD_ARTICLE_FILE_ERROR, CD_ARTICLE_FILE_ERROR_INVALID_JSON,
                     /* Translators: %s is json-glib's explanation */
                     _("not valid JSON: %s"), local_error->message);
      return NULL;
    }
  return json_parser_steal_root (parser);
}

/* What a JSON value is, as a label that messages name in a slot of their
 * own ("…, not %s"), translated with the context "JSON value". */
static const char *
node_kind (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return C_("JSON value", "an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return C_("JSON value", "an array");
  if (JSON_NODE_HOLDS_NULL (node))
    return C_("JSON value", "null");
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return C_("JSON value", "a string");
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return C_("JSON value", "a boolean");
  return C_("JSON value", "a number");
}

static gboolean
wrong_type (const char     *member,
            JsonNodeType    wanted,
            GError        **error)
{
  if (wanted == JSON_NODE_OBJECT)
    g_set_error (error, CD_ARTICLE_FILE_ERROR, CD_ARTICLE_FILE_ERROR_WRONG_TYPE,
                 /* Translators: %s names a member of an article file, e.g. “copydesk.sites[0]” */
                 _("“%s” must be an object"), member);
  else if (wanted == JSON_NODE_ARRAY)
    g_set_error (error, CD_ARTICLE_FILE_ERROR, CD_ARTICLE_FILE_ERROR_WRONG_TYPE,
                 /* Translators: %s names a member of an article file, e.g. “copydesk.sites” */
                 _("“%s” must be an array"), member);
  else
    g_set_error (error, CD_ARTICLE_FILE_ERROR, CD_ARTICLE_FILE_ERROR_WRONG_TYPE,
                 /* Translators: %s names a member of an article file, e.g. “copydesk.status” */
                 _("“%s” must be a string"), member);
  return FALSE;
}

static gboolean
read_int (JsonObject  *object,
          const char  *member,
          const char  *where,
          gint64      *out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      g_set_error (error, CD_ARTICLE_FILE_ERROR, CD_ARTICLE_FILE_ERROR_WRONG_TYPE,
                   /* Translators: %s names a member of an article file, e.g. “format” */
                   _("“%s” is missing; it must be an integer"), where);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error (error, CD_ARTICLE_FILE_ERROR, CD_ARTICLE_FILE_ERROR_WRONG_TYPE,
                   /* Translators: a member of an article file, then what it holds
                    * instead: “an object”, “an array”, “null”, “a string”, … */
                   _("“%s” must be an integer, not %s"), where, node_kind (node));
      return FALSE;
    }
  *out = json_node_get_int (node);
  return TRUE;
}

/* A missing or null member reads as "". */
static gboolean
read_string (JsonObject  *object,
             const char  *member,
             const char  *where,
             const char **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = "";
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (where, JSON_NODE_VALUE, error);
  *out = json_node_get_string (node);
  return TRUE;
}

static JsonObject *
read_object (JsonObject  *object,
             const char  *member,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      g_set_error (error, CD_ARTICLE_FILE_ERROR, CD_ARTICLE_FILE_ERROR_WRONG_TYPE,
                   /* Translators: %s names a member of an article file, e.g. “ninjs” */
                   _("“%s” is missing; it must be an object"), member);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CD_ARTICLE_FILE_ERROR, CD_ARTICLE_FILE_ERROR_WRONG_TYPE,
                   /* Translators: a member of an article file, then what it holds
                    * instead: “an array”, “null”, “a string”, … */
                   _("“%s” must be an object, not %s"), member, node_kind (node));
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
check_format (JsonObject  *root,
              GError     **error)
{
  gint64 format;

  if (!read_int (root, "format", "format", &format, error))
    return FALSE;
  if (format > CD_ARTICLE_FILE_FORMAT)
    {
      g_autofree char *number = cd_int64_to_string (format);

      g_set_error (error, CD_ARTICLE_FILE_ERROR, CD_ARTICLE_FILE_ERROR_NEWER_FORMAT,
                   /* Translators: the file's format number, then the one this
                    * version reads */
                   _("written by a newer Copydesk (file format %s; this version reads format %d)"),
                   number, CD_ARTICLE_FILE_FORMAT);
      return FALSE;
    }
  if (format < 1)
    {
      g_autofree char *number = cd_int64_to_string (format);

      g_set_error (error, CD_ARTICLE_FILE_ERROR, CD_ARTICLE_FILE_ERROR_BAD_VALUE,
                   /* Translators: %s is a number */
                   _("“format” is %s, which no Copydesk writes"), number);
      return FALSE;
    }
  return TRUE;
}

static const char * const binding_members[] = {
  "site", "post-id", "link", "remote-modified", "published-hash"
};

static CdSiteBinding *
read_binding (JsonArray  *sites,
              guint       i,
              GError    **error)
{
  g_autofree char *where = g_strdup_printf ("copydesk.sites[%u]", i);
  g_autoptr(CdSiteBinding) binding = NULL;
  JsonNode *node = json_array_get_element (sites, i);
  const char *values[G_N_ELEMENTS (binding_members)];
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      wrong_type (where, JSON_NODE_OBJECT, error);
      return NULL;
    }
  object = json_node_get_object (node);
  for (guint m = 0; m < G_N_ELEMENTS (binding_members); m++)
    {
      g_autofree char *member = g_strconcat (where, ".", binding_members[m], NULL);

      if (!read_string (object, binding_members[m], member, &values[m], error))
        return NULL;
    }
  if (*values[0] == '\0')
    {
      g_set_error (error, CD_ARTICLE_FILE_ERROR, CD_ARTICLE_FILE_ERROR_BAD_VALUE,
                   /* Translators: %s is “copydesk.sites[N]” */
                   _("“%s.site” must name a site"), where);
      return NULL;
    }
  /* A binding leaves unknown fields NULL, which is what was written. */
  for (guint m = 1; m < G_N_ELEMENTS (binding_members); m++)
    if (*values[m] == '\0')
      values[m] = NULL;
  binding = cd_site_binding_new (values[0]);
  cd_site_binding_set_post_id (binding, values[1]);
  cd_site_binding_set_link (binding, values[2]);
  cd_site_binding_set_remote_modified (binding, values[3]);
  cd_site_binding_set_published_hash (binding, values[4]);
  return g_steal_pointer (&binding);
}

static gboolean
read_sites (JsonObject  *copydesk,
            CdArticle   *article,
            GError     **error)
{
  JsonNode *node = json_object_get_member (copydesk, "sites");
  JsonArray *sites;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type ("copydesk.sites", JSON_NODE_ARRAY, error);
  sites = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (sites); i++)
    {
      g_autoptr(CdSiteBinding) binding = read_binding (sites, i, error);

      if (binding == NULL)
        return FALSE;
      cd_article_set_binding (article, binding);
    }
  return TRUE;
}

static gboolean
read_status (JsonObject  *copydesk,
             CdArticle   *article,
             GError     **error)
{
  const char *text;
  CdArticleStatus status;

  if (!read_string (copydesk, "status", "copydesk.status", &text, error))
    return FALSE;
  if (*text == '\0')
    return TRUE;
  if (!cd_article_status_from_string (text, &status))
    {
      g_set_error (error, CD_ARTICLE_FILE_ERROR, CD_ARTICLE_FILE_ERROR_BAD_VALUE,
                   _("“copydesk.status” is “%s”, which is not a status Copydesk knows"), text);
      return FALSE;
    }
  cd_article_set_status (article, status);
  return TRUE;
}

static gboolean
apply_copydesk (JsonObject  *copydesk,
                CdArticle   *article,
                GError     **error)
{
  const char *source, *duplicate_of;
  gint64 revision;

  if (!read_status (copydesk, article, error) ||
      !read_int (copydesk, "revision", "copydesk.revision", &revision, error) ||
      !read_string (copydesk, "source", "copydesk.source", &source, error) ||
      !read_string (copydesk, "duplicate-of", "copydesk.duplicate-of", &duplicate_of, error) ||
      !read_sites (copydesk, article, error))
    return FALSE;
  if (revision < 0)
    {
      g_autofree char *number = cd_int64_to_string (revision);

      g_set_error (error, CD_ARTICLE_FILE_ERROR, CD_ARTICLE_FILE_ERROR_BAD_VALUE,
                   _("“copydesk.revision” is negative (%s)"), number);
      return FALSE;
    }
  cd_article_set_revision (article, (guint64) revision);
  cd_article_set_source (article, source);
  cd_article_set_duplicate_of (article, duplicate_of);
  return TRUE;
}

static CdArticle *
read_ninjs (JsonObject  *root,
            GError     **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GError) local_error = NULL;
  JsonObject *ninjs = read_object (root, "ninjs", error);
  CdArticle *article;

  if (ninjs == NULL)
    return NULL;
  json_node_set_object (node, ninjs);
  article = cd_ninjs_to_article (node, CD_ARTICLE_FILE_PHOTOS_URI, &local_error);
  if (article == NULL)
    g_set_error (error, CD_ARTICLE_FILE_ERROR,
                 g_error_matches (local_error, CD_NINJS_ERROR, CD_NINJS_ERROR_BAD_VALUE)
                   ? CD_ARTICLE_FILE_ERROR_BAD_VALUE : CD_ARTICLE_FILE_ERROR_WRONG_TYPE,
                 /* Translators: %s says what is wrong inside the “ninjs” object */
                 _("in “ninjs”: %s"), local_error->message);
  return article;
}

/**
 * cd_article_file_parse_object:
 * @data: the file's bytes, not necessarily nul-terminated
 *
 * Checks what every Copydesk JSON file shares (UTF-8, complete JSON, an
 * object at the top and a "format" the program can read), so that the
 * store's settings file is judged exactly like an article file.
 *
 * Returns: (transfer full): the top object, or %NULL with @error in
 *   %CD_ARTICLE_FILE_ERROR
 */
JsonObject *
cd_article_file_parse_object (const char  *data,
                              gsize        length,
                              GError     **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!check_text (data, length, error))
    return NULL;
  node = parse_json (data, length, error);
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CD_ARTICLE_FILE_ERROR, CD_ARTICLE_FILE_ERROR_NOT_AN_OBJECT,
                   /* Translators: %s is what the file holds instead: “an array”,
                    * “null”, “a string”, … */
                   _("the file holds %s, not a JSON object"), node_kind (node));
      return NULL;
    }
  if (!check_format (json_node_get_object (node), error))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

/**
 * cd_article_file_parse:
 * @data: the file's bytes, not necessarily nul-terminated
 *
 * Returns: (transfer full): the article, or %NULL with @error in
 *   %CD_ARTICLE_FILE_ERROR saying what is wrong and where
 */
CdArticle *
cd_article_file_parse (const char  *data,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(JsonObject) root = cd_article_file_parse_object (data, length, error);
  g_autoptr(CdArticle) article = NULL;
  JsonObject *copydesk;

  if (root == NULL)
    return NULL;
  copydesk = read_object (root, "copydesk", error);
  if (copydesk == NULL)
    return NULL;
  article = read_ninjs (root, error);
  if (article == NULL || !apply_copydesk (copydesk, article, error))
    return NULL;
  return g_steal_pointer (&article);
}

/* wp-fake.c: a small WordPress played by a SoupServer on 127.0.0.1
 *
 * It answers the routes CdWpClient uses, in WordPress's shapes (errors as
 * {"code", "message", "data": {"status"}}, texts as {"raw", "rendered"}),
 * keeps posts and media in memory, and injects the fault a test asks for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "tmp-dir.h"
#include "wp-fake.h"

/* ------------------------------------------------------------------------
 * The fake WordPress
 * ------------------------------------------------------------------------ */

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            JsonNode          *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length = 0;
  char *text;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &length);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=UTF-8", SOUP_MEMORY_TAKE,
                                    text, length);
}

static void
reply_object (SoupServerMessage *msg,
              guint              status,
              JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  reply_json (msg, status, node);
}

static void
reply_wp_error (SoupServerMessage *msg,
                guint              status,
                const char        *code,
                const char        *message)
{
  g_autofree char *text = g_strdup_printf ("{\"code\":\"%s\",\"message\":\"%s\","
                                           "\"data\":{\"status\":%u}}", code, message, status);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=UTF-8", SOUP_MEMORY_COPY,
                                    text, strlen (text));
}

static void
reply_list (SoupServerMessage *msg,
            GPtrArray         *objects,
            const char        *member,
            const char        *value)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < objects->len; i++)
    {
      JsonObject *object = g_ptr_array_index (objects, i);
      if (value == NULL || g_strcmp0 (json_object_get_string_member (object, member), value) == 0)
        json_array_add_object_element (array, json_object_ref (object));
    }
  json_node_take_array (node, array);
  reply_json (msg, SOUP_STATUS_OK, node);
}

static JsonObject *
find_by_id (GPtrArray *objects,
            gint64     id)
{
  for (guint i = 0; i < objects->len; i++)
    if (json_object_get_int_member (g_ptr_array_index (objects, i), "id") == id)
      return g_ptr_array_index (objects, i);
  return NULL;
}

static JsonObject *
parse_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

void
wp_fake_set_text (JsonObject *post,
                  const char *member,
                  const char *raw)
{
  JsonObject *text = json_object_new ();

  json_object_set_string_member (text, "raw", raw);
  json_object_set_string_member (text, "rendered", raw);
  json_object_set_object_member (post, member, text);
}

/* Copies what WordPress would take from a post request into post. */
static void
apply_post_fields (Fake       *fake,
                   JsonObject *post,
                   JsonObject *request)
{
  static const char * const texts[] = { "title", "content", "excerpt" };
  g_autofree char *modified = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (json_object_has_member (request, texts[i]))
      wp_fake_set_text (post, texts[i], json_object_get_string_member (request, texts[i]));
  if (json_object_has_member (request, "status"))
    json_object_set_string_member (post, "status", json_object_get_string_member (request, "status"));
  if (json_object_has_member (request, "slug"))
    json_object_set_string_member (post, "slug", json_object_get_string_member (request, "slug"));
  if (json_object_has_member (request, "featured_media") && fake->fault != FAULT_IGNORE_FEATURED)
    json_object_set_int_member (post, "featured_media",
                                json_object_get_int_member (request, "featured_media"));
  if (json_object_has_member (request, "tags"))
    json_object_set_member (post, "tags", json_node_copy (json_object_get_member (request, "tags")));
  fake->clock++;
  modified = g_strdup_printf ("2026-01-01T00:%02u:%02u", fake->clock / 60, fake->clock % 60);
  json_object_set_string_member (post, "modified_gmt", modified);
}

static JsonObject *
new_post (Fake *fake)
{
  JsonObject *post = json_object_new ();
  gint64 id = 100 + fake->posts->len;
  g_autofree char *link = g_strdup_printf ("%s?p=%" G_GINT64_FORMAT, fake->url, id);

  json_object_set_int_member (post, "id", id);
  json_object_set_string_member (post, "link", link);
  json_object_set_string_member (post, "status", "draft");
  json_object_set_string_member (post, "slug", "");
  json_object_set_int_member (post, "featured_media", 0);
  json_object_set_array_member (post, "categories", json_array_new ());
  json_object_set_array_member (post, "tags", json_array_new ());
  g_ptr_array_add (fake->posts, post);
  return post;
}

static void
handle_posts (Fake              *fake,
              SoupServerMessage *msg,
              const char        *method,
              const char        *rest,
              GHashTable        *query)
{
  g_autoptr(JsonObject) request = NULL;
  JsonObject *post;

  if (*rest == '\0' && g_str_equal (method, "GET"))
    {
      reply_list (msg, fake->posts, "slug", query ? g_hash_table_lookup (query, "slug") : NULL);
      return;
    }
  if (*rest == '\0' && g_str_equal (method, "POST"))
    {
      request = parse_body (msg);
      fake->creates++;
      post = new_post (fake);
      apply_post_fields (fake, post, request);
      if (fake->fault == FAULT_CREATE_NO_ANSWER && fake->faults_left > 0)
        {
          /* Made, but the answer never leaves: the client times out. */
          fake->faults_left--;
          soup_server_message_pause (msg);
          g_ptr_array_add (fake->held, g_object_ref (msg));
          return;
        }
      reply_object (msg, SOUP_STATUS_CREATED, post);
      return;
    }
  post = find_by_id (fake->posts, g_ascii_strtoll (rest + 1, NULL, 10));
  if (post == NULL)
    {
      reply_wp_error (msg, 404, "rest_post_invalid_id", "Invalid post ID.");
      return;
    }
  if (g_str_equal (method, "POST"))
    {
      request = parse_body (msg);
      apply_post_fields (fake, post, request);
    }
  reply_object (msg, SOUP_STATUS_OK, post);
}

static void
handle_media (Fake              *fake,
              SoupServerMessage *msg,
              const char        *method,
              GHashTable        *query)
{
  SoupMessageBody *body;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SoupMultipart) multipart = NULL;
  JsonObject *media;
  g_autofree char *source_url = NULL;

  if (g_str_equal (method, "GET"))
    {
      reply_list (msg, fake->media, "slug", query ? g_hash_table_lookup (query, "slug") : NULL);
      return;
    }
  body = soup_server_message_get_request_body (msg);
  bytes = soup_message_body_flatten (body);
  multipart = soup_multipart_new_from_message (soup_server_message_get_request_headers (msg), bytes);
  if (multipart == NULL)
    {
      reply_wp_error (msg, 400, "rest_upload_no_data", "No data supplied.");
      return;
    }
  media = json_object_new ();
  json_object_set_int_member (media, "id", 500 + fake->media->len);
  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *part_headers;
      GBytes *part_body;
      GHashTable *params = NULL;
      const char *name;
      g_autofree char *value = NULL;

      soup_multipart_get_part (multipart, i, &part_headers, &part_body);
      soup_message_headers_get_content_disposition (part_headers, NULL, &params);
      name = params ? g_hash_table_lookup (params, "name") : NULL;
      value = g_strndup (g_bytes_get_data (part_body, NULL), g_bytes_get_size (part_body));
      if (g_strcmp0 (name, "caption") == 0)
        wp_fake_set_text (media, "caption", value);
      else if (g_strcmp0 (name, "alt_text") == 0 || g_strcmp0 (name, "slug") == 0)
        json_object_set_string_member (media, name, value);
      if (params)
        g_hash_table_unref (params);
    }
  source_url = g_strdup_printf ("%swp-content/uploads/%u.png", fake->url, fake->media->len);
  json_object_set_string_member (media, "source_url", source_url);
  g_ptr_array_add (fake->media, media);
  reply_object (msg, SOUP_STATUS_CREATED, media);
}

/* Answers with the fault for the route under test; FALSE when it is not
 * that route's turn (or no faults are left). */
static gboolean
inject_fault (Fake              *fake,
              SoupServerMessage *msg,
              const char        *route)
{
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);

  if (!g_str_equal (route, "/wp/v2/users/me"))
    return FALSE;
  fake->requests++;
  if (fake->faults_left == 0)
    return FALSE;
  if (fake->faults_left != G_MAXUINT)
    fake->faults_left--;

  switch (fake->fault)
    {
    case FAULT_NO_ANSWER:
      soup_server_message_pause (msg);
      g_ptr_array_add (fake->held, g_object_ref (msg));
      return TRUE;
    case FAULT_500:
      reply_wp_error (msg, 500, "internal_server_error",
                      "There has been a critical error on this website.");
      return TRUE;
    case FAULT_503:
      soup_message_headers_replace (response_headers, "Retry-After", "1");
      reply_wp_error (msg, 503, "maintenance", "Briefly unavailable for scheduled maintenance.");
      return TRUE;
    case FAULT_429:
      {
        g_autofree char *seconds = g_strdup_printf ("%u", fake->retry_after);
        soup_message_headers_replace (response_headers, "Retry-After", seconds);
        reply_wp_error (msg, 429, "too_many_requests", "Too many requests.");
        return TRUE;
      }
    case FAULT_NOT_JSON:
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        "<br />\n<b>Warning</b>: Undefined variable $x", 44);
      return TRUE;
    case FAULT_WRONG_SHAPE:
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "[1,2]", 5);
      return TRUE;
    case FAULT_REDIRECT_AWAY:
      {
        g_autofree char *away = g_strdup_printf ("http://127.0.0.2:%u/wp-json/wp/v2/users/me",
                                                 fake->port);
        soup_server_message_set_redirect (msg, 302, away);
        return TRUE;
      }
    case FAULT_REDIRECT_HERE:
      {
        g_autofree char *here = g_strdup_printf ("%swp-json/wp/v2/users/me?moved=1", fake->url);
        soup_server_message_set_redirect (msg, 301, here);
        return TRUE;
      }
    case FAULT_401:
      reply_wp_error (msg, 401, "rest_not_logged_in", "You are not currently logged in.");
      return TRUE;
    case FAULT_403:
      reply_wp_error (msg, 403, "rest_forbidden", "Sorry, you are not allowed to do that.");
      return TRUE;
    case FAULT_NONE:
    case FAULT_LINK_AWAY:
    case FAULT_NO_LINK:
    case FAULT_IGNORE_FEATURED:
    case FAULT_CREATE_NO_ANSWER:
    default:
      return FALSE;
    }
}

static gboolean
authorised (SoupServerMessage *msg)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  g_autofree char *expected = NULL;
  g_autofree char *encoded = g_base64_encode ((const guchar *) USER ":" PASSWORD,
                                              strlen (USER ":" PASSWORD));

  expected = g_strconcat ("Basic ", encoded, NULL);
  return g_strcmp0 (auth, expected) == 0;
}

void
wp_fake_handler (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Fake *fake = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *route = NULL;

  /* Both URL forms: /wp-json/ROUTE and ?rest_route=ROUTE. */
  if (g_str_has_prefix (path, "/wp-json/"))
    route = path + strlen ("/wp-json");
  else if (query && g_hash_table_lookup (query, "rest_route"))
    route = g_hash_table_lookup (query, "rest_route");

  g_ptr_array_add (fake->log, g_strdup_printf ("%s %s", method, route ? route : path));
  if (soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Expect"))
    fake->saw_expect = TRUE;

  if (route == NULL)
    {
      /* The home page: its Link header names the REST root. */
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
      g_autofree char *link = NULL;

      if (fake->fault == FAULT_LINK_AWAY)
        link = g_strdup_printf ("<http://127.0.0.2:%u/wp-json/>; rel=\"https://api.w.org/\"",
                                fake->port);
      else if (fake->fault != FAULT_NO_LINK)
        link = g_strdup_printf ("<%swp-json/>; rel=\"https://api.w.org/\"", fake->url);
      if (link)
        soup_message_headers_append (headers, "Link", link);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, "<html></html>", 13);
      return;
    }

  if (inject_fault (fake, msg, route))
    return;
  if (!authorised (msg))
    {
      reply_wp_error (msg, 401, "rest_not_logged_in", "You are not currently logged in.");
      return;
    }
  if (g_str_equal (route, "/wp/v2/users/me"))
    {
      const char *me = "{\"id\":1,\"name\":\"Edith Editor\",\"slug\":\"editor\"}";
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, me, strlen (me));
    }
  else if (g_str_has_prefix (route, "/wp/v2/posts"))
    handle_posts (fake, msg, method, route + strlen ("/wp/v2/posts"), query);
  else if (g_str_equal (route, "/wp/v2/media"))
    handle_media (fake, msg, method, query);
  else if (g_str_equal (route, "/wp/v2/tags") && g_str_equal (method, "GET"))
    {
      /* A search that misses (as it may when WordPress escaped the name). */
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "[]", 2);
    }
  else if (g_str_equal (route, "/wp/v2/tags"))
    {
      /* The tag exists: WordPress names it in data.term_id. */
      const char *exists = "{\"code\":\"term_exists\",\"message\":\"A term with the name "
                           "provided already exists in this taxonomy.\",\"data\":{\"status\":400,"
                           "\"term_id\":42},\"additional_data\":[42]}";
      fake->term_posts++;
      soup_server_message_set_status (msg, 400, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, exists,
                                        strlen (exists));
    }
  else
    reply_wp_error (msg, 404, "rest_no_route", "No route was found matching the URL and request method.");
}

void
wp_fake_setup (Fake          *fake,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  fake->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fake->server, NULL, wp_fake_handler, fake, NULL);
  g_assert_true (soup_server_listen_local (fake->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fake->server);
  fake->port = g_uri_get_port (uris->data);
  fake->url = g_strdup_printf ("http://127.0.0.1:%u/", fake->port);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  fake->fault = FAULT_NONE;
  fake->faults_left = G_MAXUINT;
  fake->posts = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  fake->media = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  fake->log = g_ptr_array_new_with_free_func (g_free);
  fake->held = g_ptr_array_new_with_free_func (g_object_unref);
  fake->tmpdir = cd_test_make_tmp_dir ("copydesk-wp-faults");
}

void
wp_fake_teardown (Fake          *fake,
                  gconstpointer  data)
{
  soup_server_disconnect (fake->server);
  g_clear_object (&fake->server);
  g_clear_pointer (&fake->held, g_ptr_array_unref);
  g_clear_pointer (&fake->posts, g_ptr_array_unref);
  g_clear_pointer (&fake->media, g_ptr_array_unref);
  g_clear_pointer (&fake->log, g_ptr_array_unref);
  g_free (fake->url);

  cd_test_remove_tree (fake->tmpdir);
  g_free (fake->tmpdir);
}

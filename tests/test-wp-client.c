/* test-wp-client.c: CdWpClient against a real WordPress on 127.0.0.1
 *
 * Run through tests/wordpress/run-with-wordpress.sh, which starts a fresh
 * WordPress (Debian's package, see build-aux/wordpress-loopback.sh) and
 * sets COPYDESK_TEST_WP_URL, COPYDESK_TEST_WP_USER and
 * COPYDESK_SITE_PASSWORD.  Without them every test skips.
 *
 * What the client did is checked by asking WordPress directly, with
 * libsoup, never by trusting the client's own answer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "cd-wp-client.h"
#include "tmp-dir.h"
#include "wp-rest.h"

#define SITE "test-site"

static char *tmpdir;

/* ------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------ */

static gboolean
no_wordpress (void)
{
  if (g_getenv ("COPYDESK_TEST_WP_URL") != NULL)
    return FALSE;
  g_test_skip ("no WordPress: COPYDESK_TEST_WP_URL is unset (run through "
               "tests/wordpress/run-with-wordpress.sh)");
  return TRUE;
}

static CdWpClient *
new_client (void)
{
  CdWpClient *client = cd_wp_client_new (g_getenv ("COPYDESK_TEST_WP_URL"),
                                         g_getenv ("COPYDESK_TEST_WP_USER"),
                                         g_getenv ("COPYDESK_SITE_PASSWORD"));

  cd_wp_client_set_timeout (client, 60);
  return client;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static CdSiteBinding *
publish_full (CdWpClient        *client,
              CdArticle         *article,
              GHashTable        *files,
              CdWpStatus         status,
              GDateTime         *publish_at,
              CdWpPublishFlags   flags,
              GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cd_wp_client_publish_async (client, article, SITE, files, status, publish_at, flags, NULL,
                              store_result_cb, &result);
  return cd_wp_client_publish_finish (client, wait_for (&result), error);
}

static CdSiteBinding *
publish (CdWpClient  *client,
         CdArticle   *article,
         GHashTable  *files,
         GError     **error)
{
  return publish_full (client, article, files, CD_WP_STATUS_PUBLISH, NULL, CD_WP_PUBLISH_NONE,
                       error);
}

static JsonObject *
rest_object (JsonNode *node)
{
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

static const char *
raw (JsonObject *object,
     const char *member)
{
  return json_object_get_string_member (json_object_get_object_member (object, member), "raw");
}

static JsonNode *
get_post (CdSiteBinding *binding)
{
  g_autofree char *route = g_strdup_printf ("/wp/v2/posts/%s?context=edit",
                                            cd_site_binding_get_post_id (binding));
  return wp_rest ("GET", route, NULL, NULL);
}

static guint
total_of (const char *route)
{
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(JsonNode) list = wp_rest ("GET", route, NULL, &headers);
  const char *total = soup_message_headers_get_one (headers, "X-WP-Total");

  g_assert_nonnull (total);
  return (guint) g_ascii_strtoull (total, NULL, 10);
}

/* A small PNG of one colour, so that each test uploads its own image. */
static GFile *
write_png (const char *name,
           guint32     rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 120, 80);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);

  gdk_pixbuf_fill (pixbuf, rgba);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static CdArticle *
new_article (const char *headline)
{
  CdArticle *article = cd_article_new ();

  cd_article_set_headline (article, headline);
  cd_article_set_standfirst (article, "A short standfirst for the test.");
  cd_article_set_body (article, "First paragraph with *emphasis*.\n\nSecond paragraph.");
  return article;
}

static CdPhoto *
add_photo (CdArticle  *article,
           GHashTable *files,
           const char *caption,
           const char *credit,
           const char *alt,
           guint32     rgba)
{
  g_autoptr(CdPhoto) photo = cd_photo_new ();
  g_autofree char *name = g_strdup_printf ("%s.png", cd_photo_get_id (photo));

  cd_photo_set_caption (photo, caption);
  cd_photo_set_credit (photo, credit);
  cd_photo_set_alt_text (photo, alt);
  cd_photo_set_file (photo, name);
  g_hash_table_insert (files, g_strdup (cd_photo_get_id (photo)), write_png (name, rgba));
  cd_article_add_photo (article, photo);
  return photo;
}

static GHashTable *
new_files (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/* modified_gmt has a resolution of one second. */
static void
next_second (void)
{
  g_usleep (1100 * 1000);
}

/* ------------------------------------------------------------------------
 * Tests
 * ------------------------------------------------------------------------ */

static void
test_credentials (void)
{
  g_autoptr(CdWpClient) client = NULL;
  g_autoptr(CdWpClient) wrong = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) wrong_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *root = NULL;
  g_autofree char *wrong_name = NULL;

  if (no_wordpress ())
    return;

  client = new_client ();
  cd_wp_client_check_credentials_async (client, NULL, store_result_cb, &result);
  name = cd_wp_client_check_credentials_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, g_getenv ("COPYDESK_TEST_WP_USER"));
  /* Pretty permalinks: the Link header names /wp-json/. */
  root = g_strdup_printf ("%s/wp-json/", g_getenv ("COPYDESK_TEST_WP_URL"));
  g_assert_cmpstr (cd_wp_client_get_rest_root (client), ==, root);

  wrong = cd_wp_client_new (g_getenv ("COPYDESK_TEST_WP_URL"), g_getenv ("COPYDESK_TEST_WP_USER"),
                            "aaaa bbbb cccc dddd eeee ffff");
  cd_wp_client_check_credentials_async (wrong, NULL, store_result_cb, &wrong_result);
  wrong_name = cd_wp_client_check_credentials_finish (wrong, wait_for (&wrong_result), &error);
  g_assert_null (wrong_name);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (cd_wp_error_get_http_status (error), ==, 401);
  g_assert_nonnull (strstr (error->message, "You are not currently logged in."));
}

static void
test_not_ready_changes_nothing (void)
{
  g_autoptr(CdWpClient) client = NULL;
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(CdArticle) before = NULL;
  g_autoptr(GHashTable) files = new_files ();
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autoptr(GError) error = NULL;
  guint posts_before;

  if (no_wordpress ())
    return;

  client = new_client ();
  article = new_article ("Photo without a credit");
  add_photo (article, files, "A caption", "", "Alt text", 0x808080ff);
  before = cd_article_copy (article);
  posts_before = total_of ("/wp/v2/posts?status=any&per_page=1");

  binding = publish (client, article, files, &error);
  g_assert_null (binding);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_INVALID_ARTICLE);
  g_assert_nonnull (strstr (error->message, "Photo 1 has no credit"));
  g_assert_true (cd_article_equal (article, before));
  g_assert_cmpuint (total_of ("/wp/v2/posts?status=any&per_page=1"), ==, posts_before);
}

static void
test_create_and_update (void)
{
  g_autoptr(CdWpClient) client = NULL;
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(CdSiteBinding) created = NULL;
  g_autoptr(CdSiteBinding) updated = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_modified = NULL;
  g_autofree char *first_hash = NULL;
  JsonObject *post;

  if (no_wordpress ())
    return;

  client = new_client ();
  article = new_article ("Harbour bridge reopens after repairs");
  created = publish_full (client, article, NULL, CD_WP_STATUS_DRAFT, NULL, CD_WP_PUBLISH_NONE,
                          &error);
  g_assert_no_error (error);
  g_assert_true (cd_article_get_binding (article, SITE) == created);
  first_modified = g_strdup (cd_site_binding_get_remote_modified (created));
  first_hash = g_strdup (cd_site_binding_get_published_hash (created));

  first = get_post (created);
  post = rest_object (first);
  g_assert_cmpstr (json_object_get_string_member (post, "status"), ==, "draft");
  g_assert_cmpstr (raw (post, "title"), ==, "Harbour bridge reopens after repairs");
  g_assert_cmpstr (raw (post, "excerpt"), ==, "A short standfirst for the test.");
  g_assert_cmpstr (raw (post, "content"), ==,
                   "<p>First paragraph with <em>emphasis</em>.</p>\n<p>Second paragraph.</p>\n");
  g_assert_cmpstr (json_object_get_string_member (post, "modified_gmt"), ==, first_modified);
  /* A draft keeps the slug Copydesk gave it. */
  g_assert_true (g_str_has_prefix (json_object_get_string_member (post, "slug"),
                                   "harbour-bridge-reopens-after-repairs-"));

  next_second ();
  cd_article_set_headline (article, "Harbour bridge reopens");
  cd_article_set_body (article, "It reopened at noon.");
  updated = publish (client, article, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_site_binding_get_post_id (updated), ==, cd_site_binding_get_post_id (created));
  g_assert_cmpstr (cd_site_binding_get_remote_modified (updated), !=, first_modified);
  g_assert_cmpstr (cd_site_binding_get_published_hash (updated), !=, first_hash);

  second = get_post (updated);
  post = rest_object (second);
  g_assert_cmpstr (json_object_get_string_member (post, "status"), ==, "publish");
  g_assert_cmpstr (raw (post, "title"), ==, "Harbour bridge reopens");
  g_assert_cmpstr (raw (post, "content"), ==, "<p>It reopened at noon.</p>\n");
  g_assert_cmpstr (json_object_get_string_member (post, "link"), ==,
                   cd_site_binding_get_link (updated));
}

static void
test_media (void)
{
  g_autoptr(CdWpClient) client = NULL;
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GHashTable) files = new_files ();
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autoptr(CdSiteBinding) again = NULL;
  g_autoptr(JsonNode) post_node = NULL;
  g_autoptr(JsonNode) media_node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *media_route = NULL;
  gsize local_length = 0;
  JsonObject *post;
  JsonObject *media;
  CdPhoto *first;
  guint media_before;

  if (no_wordpress ())
    return;

  client = new_client ();
  article = new_article ("Observatory opens on the coast");
  first = add_photo (article, files, "Visitors on the observatory roof", "Staff photo/Harbour Times",
                     "People queue at a telescope under an open dome", 0x2050a0ff);
  add_photo (article, files, "The dome at night", "Ana Lima", "A white dome under stars",
             0x101030ff);
  media_before = total_of ("/wp/v2/media?per_page=1");

  binding = publish (client, article, files, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total_of ("/wp/v2/media?per_page=1"), ==, media_before + 2);

  post_node = get_post (binding);
  post = rest_object (post_node);
  g_assert_cmpint (json_object_get_int_member (post, "featured_media"), >, 0);

  /* The featured image is the first photo, credit in its caption. */
  media_route = g_strdup_printf ("/wp/v2/media/%" G_GINT64_FORMAT "?context=edit",
                                 json_object_get_int_member (post, "featured_media"));
  media_node = wp_rest ("GET", media_route, NULL, NULL);
  media = rest_object (media_node);
  g_assert_cmpstr (raw (media, "caption"), ==,
                   "Visitors on the observatory roof (Staff photo/Harbour Times)");
  g_assert_nonnull (strstr (raw (media, "caption"), cd_photo_get_credit (first)));
  g_assert_cmpstr (json_object_get_string_member (media, "alt_text"), ==,
                   "People queue at a telescope under an open dome");
  g_assert_cmpstr (json_object_get_string_member (media, "mime_type"), ==, "image/png");

  /* The site serves the very bytes that were uploaded. */
  {
    g_autoptr(SoupSession) session = soup_session_new ();
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", json_object_get_string_member (media,
                                                                                          "source_url"));
    g_autoptr(GBytes) served = soup_session_send_and_read (session, msg, NULL, &error);
    g_autofree char *contents = NULL;

    g_assert_no_error (error);
    g_assert_true (g_file_load_contents (g_hash_table_lookup (files, cd_photo_get_id (first)), NULL,
                                         &contents, &local_length, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpmem (g_bytes_get_data (served, NULL), g_bytes_get_size (served), contents, local_length);
  }

  /* The second photo follows the text as a figure with its caption. */
  g_assert_nonnull (strstr (raw (post, "content"), "<figcaption>The dome at night (Ana Lima)</figcaption>"));
  g_assert_nonnull (strstr (raw (post, "content"), "alt=\"A white dome under stars\""));

  /* Publishing again uploads nothing; a changed alt text is updated in place. */
  next_second ();
  cd_photo_set_alt_text (first, "A queue at a telescope");
  again = publish (client, article, files, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total_of ("/wp/v2/media?per_page=1"), ==, media_before + 2);
  g_clear_pointer (&media_node, json_node_unref);
  media_node = wp_rest ("GET", media_route, NULL, NULL);
  g_assert_cmpstr (json_object_get_string_member (rest_object (media_node), "alt_text"), ==,
                   "A queue at a telescope");
}

static gint64
find_term (const char *taxonomy,
           const char *name,
           guint      *matches)
{
  g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);
  g_autofree char *route = g_strdup_printf ("/wp/v2/%s?search=%s&per_page=100", taxonomy, escaped);
  g_autoptr(JsonNode) list = wp_rest ("GET", route, NULL, NULL);
  JsonArray *array = json_node_get_array (list);
  gint64 id = 0;

  *matches = 0;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *term = json_array_get_object_element (array, i);
      if (g_str_equal (json_object_get_string_member (term, "name"), name))
        {
          (*matches)++;
          id = json_object_get_int_member (term, "id");
        }
    }
  return id;
}

static gboolean
array_has (JsonObject *post,
           const char *member,
           gint64      id)
{
  JsonArray *array = json_object_get_array_member (post, member);

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (json_array_get_int_element (array, i) == id)
      return TRUE;
  return FALSE;
}

static void
test_terms (void)
{
  g_autoptr(CdWpClient) client = NULL;
  g_autoptr(CdArticle) first = NULL;
  g_autoptr(CdArticle) second = NULL;
  g_autoptr(CdSiteBinding) first_binding = NULL;
  g_autoptr(CdSiteBinding) second_binding = NULL;
  g_autoptr(JsonNode) first_post = NULL;
  g_autoptr(JsonNode) second_post = NULL;
  g_autoptr(GError) error = NULL;
  const char *tags_one[] = { "Ferries", "Weather & Sea", NULL };
  const char *tags_two[] = { "ferries", "Islands", NULL };
  gint64 section, ferries, weather, islands;
  guint n;

  if (no_wordpress ())
    return;

  client = new_client ();
  first = new_article ("Storm delays the island ferries");
  cd_article_set_section (first, "Harbour News");
  cd_article_set_tags (first, tags_one);
  first_binding = publish (client, first, NULL, &error);
  g_assert_no_error (error);

  section = find_term ("categories", "Harbour News", &n);
  g_assert_cmpuint (n, ==, 1);
  ferries = find_term ("tags", "Ferries", &n);
  g_assert_cmpuint (n, ==, 1);
  weather = find_term ("tags", "Weather &amp; Sea", &n);
  g_assert_cmpuint (n, ==, 1);
  first_post = get_post (first_binding);
  g_assert_true (array_has (rest_object (first_post), "categories", section));
  g_assert_true (array_has (rest_object (first_post), "tags", ferries));
  g_assert_true (array_has (rest_object (first_post), "tags", weather));

  /* A second article reuses the terms (a tag differing only in case
   * included) and creates only the new one. */
  second = new_article ("Islands count the storm's cost");
  cd_article_set_section (second, "Harbour News");
  cd_article_set_tags (second, tags_two);
  second_binding = publish (client, second, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (find_term ("categories", "Harbour News", &n), ==, section);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (find_term ("tags", "Ferries", &n), ==, ferries);
  g_assert_cmpuint (n, ==, 1);
  islands = find_term ("tags", "Islands", &n);
  g_assert_cmpuint (n, ==, 1);
  second_post = get_post (second_binding);
  g_assert_true (array_has (rest_object (second_post), "categories", section));
  g_assert_true (array_has (rest_object (second_post), "tags", ferries));
  g_assert_true (array_has (rest_object (second_post), "tags", islands));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (rest_object (second_post),
                                                                         "tags")), ==, 2);
}

static void
test_scheduled (void)
{
  g_autoptr(CdWpClient) client = NULL;
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autoptr(CdSiteBinding) late = NULL;
  g_autoptr(JsonNode) post_node = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) past = g_date_time_add_hours (now, -1);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("+02:00");
  g_autoptr(GDateTime) local_when = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  JsonObject *post;

  if (no_wordpress ())
    return;

  client = new_client ();
  article = new_article ("Regatta results tomorrow");
  /* Two days ahead, whole seconds, given in another zone: sent as UTC. */
  when = g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now),
                              g_date_time_get_day_of_month (now), 9, 30, 0);
  {
    GDateTime *later = g_date_time_add_days (when, 2);
    g_date_time_unref (when);
    when = later;
  }
  local_when = g_date_time_to_timezone (when, zone);
  binding = publish_full (client, article, NULL, CD_WP_STATUS_FUTURE, local_when,
                          CD_WP_PUBLISH_NONE, &error);
  g_assert_no_error (error);

  post_node = get_post (binding);
  post = rest_object (post_node);
  expected = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S");
  g_assert_cmpstr (json_object_get_string_member (post, "status"), ==, "future");
  g_assert_cmpstr (json_object_get_string_member (post, "date_gmt"), ==, expected);

  /* A time in the past is refused before anything is sent. */
  late = publish_full (client, article, NULL, CD_WP_STATUS_FUTURE, past, CD_WP_PUBLISH_NONE,
                       &error);
  g_assert_null (late);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_INVALID_ARTICLE);
  g_assert_true (cd_article_get_binding (article, SITE) == binding);
}

static void
test_conflict (void)
{
  g_autoptr(CdWpClient) client = NULL;
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autoptr(CdSiteBinding) refused = NULL;
  g_autoptr(CdSiteBinding) forced = NULL;
  g_autoptr(JsonNode) edited = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *route = NULL;
  g_autofree char *recorded = NULL;
  const CdWpConflict *conflict;

  if (no_wordpress ())
    return;

  client = new_client ();
  article = new_article ("Council approves the harbour budget");
  binding = publish (client, article, NULL, &error);
  g_assert_no_error (error);
  recorded = g_strdup (cd_site_binding_get_remote_modified (binding));

  /* An editor on the site changes the post. */
  next_second ();
  route = g_strdup_printf ("/wp/v2/posts/%s", cd_site_binding_get_post_id (binding));
  edited = wp_rest ("POST", route, "{\"title\":\"Council approves budget (site edit)\","
                 "\"excerpt\":\"Edited on the site.\"}", NULL);
  g_assert_cmpstr (json_object_get_string_member (rest_object (edited), "modified_gmt"), !=, recorded);

  cd_article_set_body (article, "The council approved the budget by 7 votes to 2.");
  refused = publish (client, article, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_CONFLICT);
  conflict = cd_wp_error_get_conflict (error);
  g_assert_nonnull (conflict);
  g_assert_cmpstr (conflict->post_id, ==, cd_site_binding_get_post_id (binding));
  g_assert_cmpstr (conflict->recorded_modified, ==, recorded);
  g_assert_cmpstr (conflict->remote_modified, ==,
                   json_object_get_string_member (rest_object (edited), "modified_gmt"));
  g_assert_cmpstr (conflict->remote_title, ==, "Council approves budget (site edit)");
  g_assert_cmpstr (conflict->remote_excerpt, ==, "Edited on the site.");
  g_assert_cmpstr (conflict->local_title, ==, "Council approves the harbour budget");
  g_assert_cmpstr (conflict->local_content, ==,
                   "<p>The council approved the budget by 7 votes to 2.</p>\n");
  g_assert_nonnull (strstr (conflict->remote_content, "First paragraph"));
  /* The refused publish left the article's binding as it was. */
  g_assert_cmpstr (cd_site_binding_get_remote_modified (cd_article_get_binding (article, SITE)),
                   ==, recorded);
  g_clear_error (&error);

  next_second ();
  forced = publish_full (client, article, NULL, CD_WP_STATUS_PUBLISH, NULL, CD_WP_PUBLISH_FORCE,
                         &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_site_binding_get_post_id (forced), ==, cd_site_binding_get_post_id (binding));
  after = get_post (forced);
  g_assert_cmpstr (raw (rest_object (after), "title"), ==, "Council approves the harbour budget");
  g_assert_cmpstr (json_object_get_string_member (rest_object (after), "modified_gmt"), ==,
                   cd_site_binding_get_remote_modified (forced));
}

static void
test_pull (void)
{
  g_autoptr(CdWpClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GHashTable) made = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  guint total, found = 0;

  if (no_wordpress ())
    return;

  /* More posts than one page holds, one of them a draft. */
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"title\":\"Pulled story %u\",\"excerpt\":\"Standfirst %u\","
                                               "\"content\":\"<p>Body %u</p>\",\"status\":\"%s\"}",
                                               i, i, i, i == 3 ? "draft" : "publish");
      g_autoptr(JsonNode) post = wp_rest ("POST", "/wp/v2/posts", body, NULL);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             json_object_get_int_member (rest_object (post), "id"));
      g_hash_table_insert (made, g_steal_pointer (&id), g_strdup_printf ("%u", i));
    }
  total = total_of ("/wp/v2/posts?status=any&per_page=1");
  g_assert_cmpuint (total, >, 5);

  client = new_client ();
  cd_wp_client_pull_async (client, SITE, 5, NULL, store_result_cb, &result);
  articles = cd_wp_client_pull_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (articles->len, ==, total);

  for (guint i = 0; i < articles->len; i++)
    {
      CdArticle *article = g_ptr_array_index (articles, i);
      CdSiteBinding *binding = cd_article_get_binding (article, SITE);
      const char *n;
      g_autofree char *headline = NULL;
      g_autofree char *standfirst = NULL;
      g_autofree char *body = NULL;

      g_assert_nonnull (binding);
      g_assert_nonnull (cd_site_binding_get_remote_modified (binding));
      n = g_hash_table_lookup (made, cd_site_binding_get_post_id (binding));
      if (n == NULL)
        continue;
      found++;
      headline = g_strdup_printf ("Pulled story %s", n);
      standfirst = g_strdup_printf ("Standfirst %s", n);
      body = g_strdup_printf ("<p>Body %s</p>", n);
      g_assert_cmpstr (cd_article_get_headline (article), ==, headline);
      g_assert_cmpstr (cd_article_get_standfirst (article), ==, standfirst);
      g_assert_cmpstr (cd_article_get_body (article), ==, body);
      g_assert_cmpint (cd_article_get_status (article), ==,
                       g_str_equal (n, "3") ? CD_ARTICLE_STATUS_DRAFT : CD_ARTICLE_STATUS_PUBLISHED);
    }
  g_assert_cmpuint (found, ==, 7);
}

static CdArticle *
pull_post (CdWpClient  *client,
           const char  *post_id,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cd_wp_client_pull_post_async (client, SITE, post_id, NULL, store_result_cb, &result);
  return cd_wp_client_pull_post_finish (client, wait_for (&result), error);
}

/* One post fetched by id: its content is recognised as the published
 * body (figures of further photos included) until the site changes it. */
static void
test_pull_post (void)
{
  g_autoptr(CdWpClient) client = NULL;
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(CdArticle) pulled = NULL;
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autoptr(GHashTable) files = new_files ();
  g_autoptr(JsonNode) edited = NULL;
  g_autoptr(JsonNode) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *route = NULL;
  const char *post_id;

  if (no_wordpress ())
    return;

  client = new_client ();
  article = new_article ("Ferry returns to the island");
  add_photo (article, files, "The ferry at the quay", "Staff", "A white ferry", 0x2266aaff);
  add_photo (article, files, "Passengers boarding", "Staff", "People on a ramp", 0xaa6622ff);
  binding = publish (client, article, files, &error);
  g_assert_no_error (error);
  post_id = cd_site_binding_get_post_id (binding);

  pulled = pull_post (client, post_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_article_get_headline (pulled), ==, "Ferry returns to the island");
  g_assert_cmpstr (cd_article_get_standfirst (pulled), ==, "A short standfirst for the test.");
  g_assert_cmpstr (cd_site_binding_get_post_id (cd_article_get_binding (pulled, SITE)), ==, post_id);
  g_assert_cmpstr (cd_site_binding_get_remote_modified (cd_article_get_binding (pulled, SITE)), ==,
                   cd_site_binding_get_remote_modified (binding));
  /* What WordPress keeps is what was sent: the body, then the second
   * photo as a figure. */
  g_assert_nonnull (strstr (cd_article_get_body (pulled), "<figure"));
  g_assert_true (cd_wp_content_is_body (cd_article_get_body (pulled), cd_article_get_body (article)));
  g_clear_object (&pulled);

  next_second ();
  route = g_strdup_printf ("/wp/v2/posts/%s", post_id);
  edited = wp_rest ("POST", route, "{\"content\":\"<p>Rewritten on the site.</p>\"}", NULL);
  pulled = pull_post (client, post_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_article_get_body (pulled), ==, "<p>Rewritten on the site.</p>");
  g_assert_false (cd_wp_content_is_body (cd_article_get_body (pulled), cd_article_get_body (article)));
  g_assert_cmpstr (cd_site_binding_get_remote_modified (cd_article_get_binding (pulled, SITE)), ==,
                   json_object_get_string_member (rest_object (edited), "modified_gmt"));
  g_clear_object (&pulled);

  g_free (route);
  route = g_strdup_printf ("/wp/v2/posts/%s?force=true", post_id);
  deleted = wp_rest ("DELETE", route, NULL, NULL);
  pulled = pull_post (client, post_id, &error);
  g_assert_null (pulled);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = cd_test_make_tmp_dir ("copydesk-wp-client");

  g_test_add_func ("/wp-client/credentials", test_credentials);
  g_test_add_func ("/wp-client/not-ready-changes-nothing", test_not_ready_changes_nothing);
  g_test_add_func ("/wp-client/create-and-update", test_create_and_update);
  g_test_add_func ("/wp-client/media", test_media);
  g_test_add_func ("/wp-client/terms", test_terms);
  g_test_add_func ("/wp-client/scheduled", test_scheduled);
  g_test_add_func ("/wp-client/conflict", test_conflict);
  g_test_add_func ("/wp-client/pull", test_pull);
  g_test_add_func ("/wp-client/pull-post", test_pull_post);

  status = g_test_run ();

  /* The images written for the uploads. */
  cd_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}

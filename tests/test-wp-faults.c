/* test-wp-faults.c: how CdWpClient copes when the site misbehaves
 *
 * A SoupServer on 127.0.0.1 plays a small WordPress (the routes the client
 * uses, in WordPress's answer shapes) and injects one fault at a time:
 * no answer, a refused connection, 500, 503 and 429 with Retry-After,
 * something that is not JSON, a redirect to another host, 401 and 403 with
 * WordPress's messages, a 200 that ignores featured_media, and a create
 * whose answer never comes although the post was made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#include "cd-wp-client.h"
#include "wp-fake.h"

/* ------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------ */

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

static CdWpClient *
fake_client (Fake *fake)
{
  CdWpClient *client = cd_wp_client_new (fake->url, USER, PASSWORD);

  cd_wp_client_set_timeout (client, 1);
  cd_wp_client_set_max_retry_wait (client, 5);
  return client;
}

static char *
check_credentials (CdWpClient  *client,
                   GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cd_wp_client_check_credentials_async (client, NULL, store_result_cb, &result);
  return cd_wp_client_check_credentials_finish (client, wait_for (&result), error);
}

static CdSiteBinding *
publish (CdWpClient  *client,
         CdArticle   *article,
         GHashTable  *files,
         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cd_wp_client_publish_async (client, article, "fake", files, CD_WP_STATUS_PUBLISH, NULL,
                              CD_WP_PUBLISH_NONE, NULL, store_result_cb, &result);
  return cd_wp_client_publish_finish (client, wait_for (&result), error);
}

static guint
count_log (Fake       *fake,
           const char *entry)
{
  guint n = 0;

  for (guint i = 0; i < fake->log->len; i++)
    if (g_str_equal (g_ptr_array_index (fake->log, i), entry))
      n++;
  return n;
}

static char *
write_png (Fake       *fake,
           const char *name)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 32, 24);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fake->tmpdir, name, NULL);

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

static CdArticle *
article_with_photo (Fake        *fake,
                    GHashTable **files)
{
  CdArticle *article = cd_article_new ();
  g_autoptr(CdPhoto) photo = cd_photo_new ();
  g_autofree char *path = write_png (fake, "photo.png");

  cd_article_set_headline (article, "Ferry service resumes after storm");
  cd_article_set_standfirst (article, "The first boat left at dawn.");
  cd_article_set_body (article, "The ferry to the islands sailed again on *Monday*.");
  cd_photo_set_caption (photo, "The ferry leaves the harbour");
  cd_photo_set_credit (photo, "Staff photo");
  cd_photo_set_alt_text (photo, "A white ferry passes the harbour light");
  cd_photo_set_file (photo, "photo.png");
  cd_article_add_photo (article, photo);

  *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_hash_table_insert (*files, g_strdup (cd_photo_get_id (photo)), g_file_new_for_path (path));
  return article;
}

/* ------------------------------------------------------------------------
 * Tests
 * ------------------------------------------------------------------------ */

static void
test_healthy (Fake          *fake,
              gconstpointer  data)
{
  g_autoptr(CdWpClient) client = fake_client (fake);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = check_credentials (client, &error);
  g_autofree char *root = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Edith Editor");
  root = g_strdup_printf ("%swp-json/", fake->url);
  g_assert_cmpstr (cd_wp_client_get_rest_root (client), ==, root);

  /* The root is found once, from the home page's headers. */
  g_free (check_credentials (client, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_log (fake, "GET /"), ==, 1);
}

static void
test_no_link_falls_back (Fake          *fake,
                         gconstpointer  data)
{
  g_autoptr(CdWpClient) client = fake_client (fake);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *root = NULL;

  fake->fault = FAULT_NO_LINK;
  name = check_credentials (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Edith Editor");
  root = g_strdup_printf ("%s?rest_route=/", fake->url);
  g_assert_cmpstr (cd_wp_client_get_rest_root (client), ==, root);
  g_assert_cmpuint (count_log (fake, "GET /wp/v2/users/me"), ==, 1);
}

static void
test_timeout (Fake          *fake,
              gconstpointer  data)
{
  g_autoptr(CdWpClient) client = fake_client (fake);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 start;

  fake->fault = FAULT_NO_ANSWER;
  cd_wp_client_set_max_attempts (client, 2);
  start = g_get_monotonic_time ();
  name = check_credentials (client, &error);
  g_assert_null (name);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "did not answer in time"));
  /* A GET is tried again after a timeout, as often as allowed. */
  g_assert_cmpuint (fake->requests, ==, 2);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

static void
test_connection_refused (Fake          *fake,
                         gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(CdWpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *name = NULL;
  guint port;

  /* A port that was just free and is closed again: nobody listens. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  url = g_strdup_printf ("http://127.0.0.1:%u/", port);
  client = cd_wp_client_new (url, USER, PASSWORD);
  cd_wp_client_set_max_attempts (client, 2);
  name = check_credentials (client, &error);
  g_assert_null (name);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "could not be reached"));
  g_assert_cmpuint (cd_wp_error_get_http_status (error), ==, 0);
}

static void
test_server_error (Fake          *fake,
                   gconstpointer  data)
{
  g_autoptr(CdWpClient) client = fake_client (fake);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  fake->fault = FAULT_500;
  name = check_credentials (client, &error);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_SERVER);
  g_assert_cmpuint (cd_wp_error_get_http_status (error), ==, 500);
  g_assert_nonnull (strstr (error->message, "There has been a critical error on this website."));
  /* A 500 may be a real refusal (WordPress answers 500 to a bad upload):
   * not worth repeating. */
  g_assert_cmpuint (fake->requests, ==, 1);
}

static void
test_unavailable_then_ok (Fake          *fake,
                          gconstpointer  data)
{
  g_autoptr(CdWpClient) client = fake_client (fake);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 start;

  fake->fault = FAULT_503;
  fake->faults_left = 1;
  start = g_get_monotonic_time ();
  name = check_credentials (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Edith Editor");
  g_assert_cmpuint (fake->requests, ==, 2);
  /* Retry-After: 1 was honoured. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
}

static void
test_unavailable_gives_up (Fake          *fake,
                           gconstpointer  data)
{
  g_autoptr(CdWpClient) client = fake_client (fake);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  fake->fault = FAULT_503;
  cd_wp_client_set_max_attempts (client, 2);
  name = check_credentials (client, &error);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_SERVER);
  g_assert_cmpuint (cd_wp_error_get_http_status (error), ==, 503);
  g_assert_cmpuint (cd_wp_error_get_retry_after (error), ==, 1);
  g_assert_nonnull (strstr (error->message, "Briefly unavailable"));
  g_assert_cmpuint (fake->requests, ==, 2);
}

static void
test_rate_limited_then_ok (Fake          *fake,
                           gconstpointer  data)
{
  g_autoptr(CdWpClient) client = fake_client (fake);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  fake->fault = FAULT_429;
  fake->retry_after = 1;
  fake->faults_left = 1;
  name = check_credentials (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Edith Editor");
  g_assert_cmpuint (fake->requests, ==, 2);
}

static void
test_rate_limited_too_long (Fake          *fake,
                            gconstpointer  data)
{
  g_autoptr(CdWpClient) client = fake_client (fake);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 start = g_get_monotonic_time ();

  /* The site asks for 2 minutes; the client waits 5 s at most: it gives up
   * at once and says how long to wait. */
  fake->fault = FAULT_429;
  fake->retry_after = 120;
  name = check_credentials (client, &error);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_RATE_LIMITED);
  g_assert_cmpuint (cd_wp_error_get_retry_after (error), ==, 120);
  g_assert_cmpuint (cd_wp_error_get_http_status (error), ==, 429);
  g_assert_cmpstr (cd_wp_error_get_wp_code (error), ==, "too_many_requests");
  g_assert_nonnull (strstr (error->message, "wait 120 s"));
  g_assert_cmpuint (fake->requests, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

static void
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel_during_wait (Fake          *fake,
                         gconstpointer  data)
{
  g_autoptr(CdWpClient) client = fake_client (fake);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gint64 start = g_get_monotonic_time ();

  fake->fault = FAULT_429;
  fake->retry_after = 4;
  cd_wp_client_check_credentials_async (client, cancellable, store_result_cb, &result);
  /* The 429 arrives at once; cancel while the client waits its 4 s. */
  g_timeout_add_once (300, cancel_cb, cancellable);
  name = cd_wp_client_check_credentials_finish (client, wait_for (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fake->requests, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

static void
test_not_json (Fake          *fake,
               gconstpointer  data)
{
  g_autoptr(CdWpClient) client = fake_client (fake);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  fake->fault = FAULT_NOT_JSON;
  name = check_credentials (client, &error);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "not JSON (text/html)"));
  g_assert_nonnull (strstr (error->message, "<b>Warning</b>: Undefined variable"));
  g_clear_error (&error);

  fake->fault = FAULT_WRONG_SHAPE;
  name = check_credentials (client, &error);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "not an object"));
}

static void
test_redirect_away (Fake          *fake,
                    gconstpointer  data)
{
  g_autoptr(CdWpClient) client = fake_client (fake);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *away = g_strdup_printf ("127.0.0.2:%u", fake->port);

  fake->fault = FAULT_REDIRECT_AWAY;
  name = check_credentials (client, &error);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_REDIRECT);
  g_assert_cmpuint (cd_wp_error_get_http_status (error), ==, 302);
  g_assert_nonnull (strstr (error->message, away));
  /* Not followed: the home page and the one request are all this server
   * saw (it listens on 127.0.0.1 only, so 127.0.0.2 would have failed). */
  g_assert_cmpuint (count_log (fake, "GET /wp/v2/users/me"), ==, 1);
  g_assert_cmpuint (fake->log->len, ==, 2);
}

static void
test_redirect_same_host (Fake          *fake,
                         gconstpointer  data)
{
  g_autoptr(CdWpClient) client = fake_client (fake);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  fake->fault = FAULT_REDIRECT_HERE;
  fake->faults_left = 1;
  name = check_credentials (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Edith Editor");
  g_assert_cmpuint (count_log (fake, "GET /wp/v2/users/me"), ==, 2);
}

static void
test_link_away (Fake          *fake,
                gconstpointer  data)
{
  g_autoptr(CdWpClient) client = fake_client (fake);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  fake->fault = FAULT_LINK_AWAY;
  name = check_credentials (client, &error);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_REDIRECT);
  g_assert_nonnull (strstr (error->message, "another host"));
  g_assert_cmpuint (fake->log->len, ==, 1);
}

static void
test_unauthorized_forbidden (Fake          *fake,
                             gconstpointer  data)
{
  g_autoptr(CdWpClient) client = fake_client (fake);
  g_autoptr(CdWpClient) wrong = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  fake->fault = FAULT_401;
  name = check_credentials (client, &error);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (cd_wp_error_get_http_status (error), ==, 401);
  g_assert_cmpstr (cd_wp_error_get_wp_code (error), ==, "rest_not_logged_in");
  g_assert_nonnull (strstr (error->message, "You are not currently logged in."));
  g_assert_nonnull (strstr (error->message, "user name or application password"));
  /* The secret is never part of a message. */
  g_assert_null (strstr (error->message, PASSWORD));
  g_clear_error (&error);

  fake->fault = FAULT_403;
  name = check_credentials (client, &error);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_FORBIDDEN);
  g_assert_cmpstr (cd_wp_error_get_wp_code (error), ==, "rest_forbidden");
  g_assert_nonnull (strstr (error->message, "Sorry, you are not allowed to do that."));
  g_clear_error (&error);

  /* And a wrong password against the healthy fake: its own 401. */
  fake->fault = FAULT_NONE;
  wrong = cd_wp_client_new (fake->url, USER, "wrong password");
  name = check_credentials (wrong, &error);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_UNAUTHORIZED);
}

static void
test_insecure_url (Fake          *fake,
                   gconstpointer  data)
{
  g_autoptr(CdWpClient) client = cd_wp_client_new ("http://news.example.org", USER, PASSWORD);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = check_credentials (client, &error);

  /* Refused before any connection or name look-up. */
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_INSECURE_URL);
  g_assert_nonnull (strstr (error->message, "https://"));
}

static void
test_ignored_featured_media (Fake          *fake,
                             gconstpointer  data)
{
  g_autoptr(CdWpClient) client = fake_client (fake);
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(CdArticle) article = article_with_photo (fake, &files);
  g_autoptr(CdArticle) before = cd_article_copy (article);
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autoptr(GError) error = NULL;

  fake->fault = FAULT_IGNORE_FEATURED;
  binding = publish (client, article, files, &error);
  g_assert_null (binding);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_NOT_APPLIED);
  g_assert_nonnull (strstr (error->message, "featured image is 0, not 500"));
  /* The local article is untouched by the failed publish. */
  g_assert_null (cd_article_get_binding (article, "fake"));
  g_assert_true (cd_article_equal (article, before));
  g_assert_cmpuint (fake->media->len, ==, 1);
}

static void
test_publish_and_republish (Fake          *fake,
                            gconstpointer  data)
{
  g_autoptr(CdWpClient) client = fake_client (fake);
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(CdArticle) article = article_with_photo (fake, &files);
  g_autoptr(CdSiteBinding) first = NULL;
  g_autoptr(CdSiteBinding) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *slug = cd_wp_make_slug ("Ferry service resumes after storm",
                                           cd_article_get_id (article));
  JsonObject *media;
  JsonObject *post;

  first = publish (client, article, files, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_site_binding_get_post_id (first), ==, "100");
  g_assert_true (cd_article_get_binding (article, "fake") == first);
  g_assert_cmpuint (strlen (cd_site_binding_get_published_hash (first)), ==, 64);

  post = g_ptr_array_index (fake->posts, 0);
  media = g_ptr_array_index (fake->media, 0);
  g_assert_cmpint (json_object_get_int_member (post, "featured_media"), ==, 500);
  g_assert_cmpstr (json_object_get_string_member (post, "slug"), ==, slug);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (media, "caption"), "raw"),
                   ==, "The ferry leaves the harbour (Staff photo)");
  g_assert_cmpstr (json_object_get_string_member (media, "alt_text"), ==,
                   "A white ferry passes the harbour light");

  /* Again, unchanged: the same post is updated and the photo found by its
   * slug, not uploaded a second time. */
  second = publish (client, article, files, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_site_binding_get_post_id (second), ==, "100");
  g_assert_cmpstr (cd_site_binding_get_published_hash (second), ==,
                   cd_site_binding_get_published_hash (first));
  g_assert_cmpstr (cd_site_binding_get_remote_modified (second), !=,
                   cd_site_binding_get_remote_modified (first));
  g_assert_cmpuint (fake->posts->len, ==, 1);
  g_assert_cmpuint (fake->media->len, ==, 1);
  g_assert_cmpuint (fake->creates, ==, 1);
  g_assert_false (fake->saw_expect);
}

static void
test_create_without_answer (Fake          *fake,
                            gconstpointer  data)
{
  g_autoptr(CdWpClient) client = fake_client (fake);
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(CdArticle) article = article_with_photo (fake, &files);
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *slug = cd_wp_make_slug (cd_article_get_headline (article),
                                           cd_article_get_id (article));
  g_autofree char *lookup = NULL;

  fake->fault = FAULT_CREATE_NO_ANSWER;
  fake->faults_left = 1;
  binding = publish (client, article, files, &error);
  g_assert_no_error (error);

  /* The create arrived but its answer did not: the client found the post
   * by its slug and updated it instead of creating a second one. */
  g_assert_cmpuint (fake->creates, ==, 1);
  g_assert_cmpuint (fake->posts->len, ==, 1);
  g_assert_cmpstr (cd_site_binding_get_post_id (binding), ==, "100");
  g_assert_cmpuint (count_log (fake, "POST /wp/v2/posts"), ==, 1);
  g_assert_cmpuint (count_log (fake, "POST /wp/v2/posts/100"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (fake->posts, 0), "slug"),
                   ==, slug);
}

static void
test_conflict_on_fake (Fake          *fake,
                       gconstpointer  data)
{
  g_autoptr(CdWpClient) client = fake_client (fake);
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(CdArticle) article = article_with_photo (fake, &files);
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  const CdWpConflict *conflict;
  JsonObject *post;

  binding = publish (client, article, files, &error);
  g_assert_no_error (error);
  g_clear_object (&binding);

  /* Someone edits the post on the site. */
  post = g_ptr_array_index (fake->posts, 0);
  wp_fake_set_text (post, "title", "Edited on the site");
  json_object_set_string_member (post, "modified_gmt", "2026-02-02T02:02:02");

  cd_article_set_headline (article, "Ferry service resumes");
  binding = publish (client, article, files, &error);
  g_assert_null (binding);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_CONFLICT);
  conflict = cd_wp_error_get_conflict (error);
  g_assert_nonnull (conflict);
  g_assert_cmpstr (conflict->post_id, ==, "100");
  g_assert_cmpstr (conflict->remote_title, ==, "Edited on the site");
  g_assert_cmpstr (conflict->local_title, ==, "Ferry service resumes");
  g_assert_cmpstr (conflict->remote_modified, ==, "2026-02-02T02:02:02");
  g_assert_cmpstr (conflict->local_excerpt, ==, "The first boat left at dawn.");

  /* The details survive a copy of the error. */
  copy = g_error_copy (error);
  g_assert_cmpstr (cd_wp_error_get_conflict (copy)->remote_title, ==, "Edited on the site");
}

static void
test_term_exists (Fake          *fake,
                  gconstpointer  data)
{
  g_autoptr(CdWpClient) client = fake_client (fake);
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(CdArticle) article = article_with_photo (fake, &files);
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "Ferries", NULL };
  JsonArray *sent;

  /* The search finds nothing, the create says the tag exists: its id is
   * taken from the error. */
  cd_article_set_tags (article, tags);
  binding = publish (client, article, files, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fake->term_posts, ==, 1);
  sent = json_object_get_array_member (g_ptr_array_index (fake->posts, 0), "tags");
  g_assert_cmpuint (json_array_get_length (sent), ==, 1);
  g_assert_cmpint (json_array_get_int_element (sent, 0), ==, 42);
}

static void
test_tls_not_verified (Fake          *fake,
                       gconstpointer  data)
{
  g_autofree char *pem = g_test_build_filename (G_TEST_DIST, "data", "wp-selfsigned.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(CdWpClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *name = NULL;
  GSList *uris;

  certificate = g_tls_certificate_new_from_file (pem, &error);
  if (certificate == NULL)
    {
      g_test_skip_printf ("no TLS support here: %s", error->message);
      return;
    }
  /* A self-signed certificate for 127.0.0.1: right name, unknown issuer. */
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, wp_fake_handler, fake, NULL);
  g_assert_true (soup_server_listen_local (server, 0,
                                           SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d/", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  client = cd_wp_client_new (url, USER, PASSWORD);
  cd_wp_client_set_timeout (client, 5);
  name = check_credentials (client, &error);
  g_assert_null (name);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "certificate"));
  /* Nothing, the password included, went over the unverified connection. */
  g_assert_cmpuint (fake->log->len, ==, 0);
  soup_server_disconnect (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/wp-faults/" path, Fake, NULL, wp_fake_setup, func, wp_fake_teardown)

  ADD ("healthy", test_healthy);
  ADD ("no-link-falls-back", test_no_link_falls_back);
  ADD ("timeout", test_timeout);
  ADD ("connection-refused", test_connection_refused);
  ADD ("server-error", test_server_error);
  ADD ("unavailable-then-ok", test_unavailable_then_ok);
  ADD ("unavailable-gives-up", test_unavailable_gives_up);
  ADD ("rate-limited-then-ok", test_rate_limited_then_ok);
  ADD ("rate-limited-too-long", test_rate_limited_too_long);
  ADD ("cancel-during-wait", test_cancel_during_wait);
  ADD ("not-json", test_not_json);
  ADD ("redirect-away", test_redirect_away);
  ADD ("redirect-same-host", test_redirect_same_host);
  ADD ("link-away", test_link_away);
  ADD ("unauthorized-forbidden", test_unauthorized_forbidden);
  ADD ("insecure-url", test_insecure_url);
  ADD ("tls-not-verified", test_tls_not_verified);
  ADD ("term-exists", test_term_exists);
  ADD ("ignored-featured-media", test_ignored_featured_media);
  ADD ("publish-and-republish", test_publish_and_republish);
  ADD ("create-without-answer", test_create_without_answer);
  ADD ("conflict", test_conflict_on_fake);

#undef ADD

  return g_test_run ();
}

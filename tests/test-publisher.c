/* test-publisher.c: CdPublisher, the store around the WordPress client
 *
 * WordPress is played by wp-fake.c (a SoupServer on 127.0.0.1); "offline"
 * is a loopback port nothing listens on.  What reached the store is read
 * back from it, not taken from the publisher's answers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-publisher.h"
#include "cd-site-password.h"
#include "tmp-dir.h"
#include "wp-fake.h"

#define SITE "newsroom"

typedef struct
{
  Fake fake;
  char *dir;
  CdStore *store;
  CdPublisher *publisher;
  guint published;
} Fixture;

static void
on_published_cb (CdPublisher   *publisher,
                 CdArticle     *article,
                 CdSiteBinding *binding,
                 Fixture       *f)
{
  f->published++;
}

static void
set_site_url (Fixture    *f,
              const char *url)
{
  g_autoptr(JsonNode) current = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) copy = NULL;
  g_autoptr(GPtrArray) sites = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  CdSite *site = cd_site_new (SITE, url, USER, &error);

  g_assert_no_error (error);
  g_ptr_array_add (sites, site);
  json_node_set_object (current, cd_store_get_settings (f->store));
  copy = json_node_copy (current);
  cd_sites_to_settings (sites, json_node_get_object (copy));
  g_assert_true (cd_store_save_settings (f->store, json_node_get_object (copy), &error));
  cd_publisher_forget_clients (f->publisher);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  wp_fake_setup (&f->fake, data);
  f->dir = cd_test_make_tmp_dir ("copydesk-publisher");
  f->store = cd_store_new (f->dir);
  g_assert_true (cd_store_open (f->store, NULL, &error));
  f->publisher = cd_publisher_new (f->store);
  cd_publisher_set_timeout (f->publisher, 5);
  g_signal_connect (f->publisher, "published", G_CALLBACK (on_published_cb), f);
  set_site_url (f, f->fake.url);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->publisher);
  g_clear_object (&f->store);
  cd_test_remove_tree (f->dir);
  g_free (f->dir);
  wp_fake_teardown (&f->fake, data);
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

static CdArticle *
new_article (Fixture    *f,
             const char *headline)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(GPtrArray) articles = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  cd_article_set_headline (article, headline);
  cd_article_set_body (article, "Text of the story.");
  g_ptr_array_add (articles, article);
  g_assert_true (cd_store_add_articles (f->store, articles, NULL, &error));
  return g_steal_pointer (&article);
}

static CdSiteBinding *
publish (Fixture       *f,
         CdArticle     *article,
         CdWpStatus     status,
         CdPublishJob **queued,
         GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cd_publisher_publish_async (f->publisher, article, SITE, status, NULL, CD_WP_PUBLISH_NONE, TRUE,
                              NULL, store_result_cb, &result);
  return cd_publisher_publish_finish (f->publisher, wait_for (&result), queued, error);
}

static CdArticle *
reload (Fixture   *f,
        CdArticle *article)
{
  g_autoptr(GError) error = NULL;
  CdArticle *loaded = cd_store_load_article (f->store, cd_article_get_id (article), NULL, &error);

  g_assert_no_error (error);
  return loaded;
}

static guint
count_log (Fixture    *f,
           const char *line)
{
  guint n = 0;

  for (guint i = 0; i < f->fake.log->len; i++)
    if (g_str_equal (g_ptr_array_index (f->fake.log, i), line))
      n++;
  return n;
}

static void
test_publish_saves_binding (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(CdArticle) article = new_article (f, "Harbour bridge reopens");
  g_autoptr(CdArticle) draft = new_article (f, "Ferry timetable changes");
  g_autoptr(CdArticle) loaded = NULL;
  g_autoptr(CdArticle) loaded_draft = NULL;
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autoptr(CdSiteBinding) draft_binding = NULL;
  g_autoptr(CdPublishJob) queued = NULL;
  g_autoptr(GError) error = NULL;

  binding = publish (f, article, CD_WP_STATUS_PUBLISH, &queued, &error);
  g_assert_no_error (error);
  g_assert_null (queued);
  g_assert_cmpuint (f->published, ==, 1);

  /* In the store: bound to the post, and published since it is live. */
  loaded = reload (f, article);
  g_assert_cmpstr (cd_site_binding_get_post_id (cd_article_get_binding (loaded, SITE)), ==,
                   cd_site_binding_get_post_id (binding));
  g_assert_cmpstr (cd_site_binding_get_link (cd_article_get_binding (loaded, SITE)), ==,
                   cd_site_binding_get_link (binding));
  g_assert_cmpint (cd_article_get_status (loaded), ==, CD_ARTICLE_STATUS_PUBLISHED);

  /* A draft on the site leaves the article's status alone. */
  draft_binding = publish (f, draft, CD_WP_STATUS_DRAFT, NULL, &error);
  g_assert_no_error (error);
  loaded_draft = reload (f, draft);
  g_assert_nonnull (cd_article_get_binding (loaded_draft, SITE));
  g_assert_cmpint (cd_article_get_status (loaded_draft), ==, CD_ARTICLE_STATUS_DRAFT);

  /* One client for the site: its REST root was looked up once. */
  g_assert_cmpuint (count_log (f, "GET /"), ==, 1);
}

static void
test_refused_changes_nothing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(CdArticle) article = new_article (f, "Council approves the budget");
  g_autoptr(CdArticle) before = reload (f, article);
  g_autoptr(CdArticle) after = NULL;
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autoptr(CdPublishJob) queued = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv (CD_SITE_PASSWORD_ENV, "not the password", TRUE);
  cd_publisher_forget_clients (f->publisher);
  binding = publish (f, article, CD_WP_STATUS_PUBLISH, &queued, &error);
  g_setenv (CD_SITE_PASSWORD_ENV, PASSWORD, TRUE);

  g_assert_null (binding);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_UNAUTHORIZED);
  /* Not a passing trouble: nothing queued, nothing changed. */
  g_assert_null (queued);
  g_assert_null (cd_article_get_binding (article, SITE));
  after = reload (f, article);
  g_assert_true (cd_article_equal (before, after));
  g_assert_cmpuint (f->published, ==, 0);
}

static char *
closed_loopback_url (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  g_socket_close (socket, NULL);
  return g_strdup_printf ("http://127.0.0.1:%u",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
}

static void
test_offline_queued_then_replayed (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(CdArticle) article = new_article (f, "Night market moves to the quay");
  g_autoptr(CdArticle) before = reload (f, article);
  g_autoptr(CdArticle) after = NULL;
  g_autoptr(CdArticle) published = NULL;
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autoptr(CdPublishJob) queued = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *offline = closed_loopback_url ();
  CdPublishQueue *queue;
  guint n = 0;

  set_site_url (f, offline);
  binding = publish (f, article, CD_WP_STATUS_PENDING, &queued, &error);
  g_assert_null (binding);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_UNREACHABLE);
  g_assert_nonnull (queued);
  g_assert_cmpstr (cd_publish_job_get_article_id (queued), ==, cd_article_get_id (article));
  g_assert_cmpint (cd_publish_job_get_status (queued), ==, CD_WP_STATUS_PENDING);
  /* The failure that queued it is recorded: the queue says why it waits. */
  g_assert_cmpuint (cd_publish_job_get_attempts (queued), ==, 1);
  g_assert_cmpint (cd_publish_job_get_problem (queued), ==, CD_PUBLISH_PROBLEM_OFFLINE);
  g_assert_nonnull (strstr (cd_publish_job_get_last_error (queued), "could not be reached"));
  after = reload (f, article);
  g_assert_true (cd_article_equal (before, after));
  g_clear_error (&error);

  /* The site is back: the replay publishes and saves the binding. */
  set_site_url (f, f->fake.url);
  cd_publisher_replay_async (f->publisher, NULL, store_result_cb, &result);
  g_assert_true (cd_publisher_replay_finish (f->publisher, wait_for (&result), &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (f->published, ==, 1);
  published = reload (f, article);
  g_assert_nonnull (cd_article_get_binding (published, SITE));
  g_assert_cmpint (cd_article_get_status (published), ==, CD_ARTICLE_STATUS_DRAFT);
  queue = cd_publisher_get_queue (f->publisher, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 0);
}

static JsonObject *
add_site_post (Fixture    *f,
               gint64      id,
               const char *title,
               const char *modified)
{
  JsonObject *post = json_object_new ();
  g_autofree char *link = g_strdup_printf ("%s?p=%" G_GINT64_FORMAT, f->fake.url, id);

  json_object_set_int_member (post, "id", id);
  json_object_set_string_member (post, "link", link);
  json_object_set_string_member (post, "status", "publish");
  json_object_set_string_member (post, "slug", "");
  json_object_set_string_member (post, "modified_gmt", modified);
  json_object_set_array_member (post, "categories", json_array_new ());
  json_object_set_array_member (post, "tags", json_array_new ());
  wp_fake_set_text (post, "title", title);
  wp_fake_set_text (post, "excerpt", "");
  wp_fake_set_text (post, "content", "<p>Written on the site.</p>");
  g_ptr_array_add (f->fake.posts, post);
  return post;
}

static GPtrArray *
pull (Fixture  *f,
      gboolean  update)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  cd_publisher_pull_async (f->publisher, SITE, update, NULL, store_result_cb, &result);
  results = cd_publisher_pull_finish (f->publisher, wait_for (&result), &error);
  g_assert_no_error (error);
  return results;
}

static CdPullResult *
result_for (GPtrArray  *results,
            const char *post_id)
{
  for (guint i = 0; i < results->len; i++)
    if (g_str_equal (((CdPullResult *) g_ptr_array_index (results, i))->post_id, post_id))
      return g_ptr_array_index (results, i);
  g_error ("nothing about post %s", post_id);
  return NULL;
}

static void
test_pull_without_duplicates (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(CdArticle) article = new_article (f, "Lighthouse keeper retires");
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autoptr(GPtrArray) fourth = NULL;
  g_autoptr(CdArticle) updated = NULL;
  g_autoptr(GError) error = NULL;
  const char *own;
  JsonObject *site_post;
  CdPullResult *r;
  guint n_articles;

  binding = publish (f, article, CD_WP_STATUS_PUBLISH, NULL, &error);
  g_assert_no_error (error);
  own = cd_site_binding_get_post_id (binding);
  site_post = add_site_post (f, 900, "Written on the site", "2026-01-01T10:00:00");

  first = pull (f, FALSE);
  g_assert_cmpuint (first->len, ==, 2);
  g_assert_cmpint (result_for (first, own)->action, ==, CD_PULL_UNCHANGED);
  g_assert_cmpstr (result_for (first, own)->article_id, ==, cd_article_get_id (article));
  r = result_for (first, "900");
  g_assert_cmpint (r->action, ==, CD_PULL_ADDED);
  g_assert_cmpstr (r->headline, ==, "Written on the site");
  n_articles = g_list_model_get_n_items (G_LIST_MODEL (f->store));
  g_assert_cmpuint (n_articles, ==, 2);

  second = pull (f, FALSE);
  g_assert_cmpint (result_for (second, "900")->action, ==, CD_PULL_UNCHANGED);
  g_assert_cmpstr (result_for (second, "900")->article_id, ==, r->article_id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, n_articles);

  /* Edited on the site: left alone, unless asked to update. */
  wp_fake_set_text (site_post, "title", "Written on the site, then edited");
  json_object_set_string_member (site_post, "modified_gmt", "2026-01-01T11:00:00");
  third = pull (f, FALSE);
  g_assert_cmpint (result_for (third, "900")->action, ==, CD_PULL_SKIPPED);
  fourth = pull (f, TRUE);
  g_assert_cmpint (result_for (fourth, "900")->action, ==, CD_PULL_UPDATED);
  updated = cd_store_load_article (f->store, r->article_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_article_get_headline (updated), ==, "Written on the site, then edited");
  g_assert_cmpstr (cd_site_binding_get_remote_modified (cd_article_get_binding (updated, SITE)),
                   ==, "2026-01-01T11:00:00");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, n_articles);
}

static guint
replay_job (Fixture    *f,
            const char *job_id,
            GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  guint n = 99;

  cd_publisher_replay_job_async (f->publisher, job_id, NULL, store_result_cb, &result);
  if (!cd_publisher_replay_finish (f->publisher, wait_for (&result), &n, error))
    return 0;
  return n;
}

static void
test_replay_one_job (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CdArticle) first = new_article (f, "Tide tables for the summer");
  g_autoptr(CdArticle) second = new_article (f, "Lifeboat crew honoured");
  g_autoptr(CdArticle) published = NULL;
  g_autoptr(CdPublishJob) first_job = NULL;
  g_autoptr(CdPublishJob) second_job = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *offline = closed_loopback_url ();
  CdPublishQueue *queue;

  set_site_url (f, offline);
  g_assert_null (publish (f, first, CD_WP_STATUS_PUBLISH, &first_job, &error));
  g_clear_error (&error);
  g_assert_null (publish (f, second, CD_WP_STATUS_PUBLISH, &second_job, &error));
  g_clear_error (&error);
  g_assert_nonnull (first_job);
  g_assert_nonnull (second_job);

  set_site_url (f, f->fake.url);
  g_assert_cmpuint (replay_job (f, cd_publish_job_get_id (second_job), &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (f->published, ==, 1);
  published = reload (f, second);
  g_assert_nonnull (cd_article_get_binding (published, SITE));
  g_clear_object (&published);
  published = reload (f, first);
  g_assert_null (cd_article_get_binding (published, SITE));
  queue = cd_publisher_get_queue (f->publisher, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 1);
  g_assert_nonnull (cd_publish_queue_find_job (queue, cd_publish_job_get_id (first_job)));

  /* A job that is gone is said to be gone. */
  g_assert_cmpuint (replay_job (f, cd_publish_job_get_id (second_job), &error), ==, 0);
  g_assert_error (error, CD_PUBLISH_QUEUE_ERROR, CD_PUBLISH_QUEUE_ERROR_NOT_FOUND);
}

static CdPullResult *
pull_article (Fixture    *f,
              CdArticle  *article,
              gboolean    update,
              CdArticle **pulled,
              GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cd_publisher_pull_article_async (f->publisher, article, SITE, update, NULL, store_result_cb,
                                   &result);
  return cd_publisher_pull_article_finish (f->publisher, wait_for (&result), pulled, error);
}

static JsonObject *
find_post (Fixture    *f,
           const char *post_id)
{
  for (guint i = 0; i < f->fake.posts->len; i++)
    {
      JsonObject *post = g_ptr_array_index (f->fake.posts, i);

      if (json_object_get_int_member (post, "id") == g_ascii_strtoll (post_id, NULL, 10))
        return post;
    }
  g_error ("no post %s on the fake site", post_id);
  return NULL;
}

static void
test_pull_one_article (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CdArticle) article = new_article (f, "Harbour wall repaired");
  g_autoptr(CdArticle) loaded = NULL;
  g_autoptr(CdArticle) pulled = NULL;
  g_autoptr(CdArticle) after = NULL;
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autoptr(CdPullResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *post_id = NULL;
  JsonObject *post;
  guint posts_before;

  binding = publish (f, article, CD_WP_STATUS_PUBLISH, NULL, &error);
  g_assert_no_error (error);
  post_id = g_strdup (cd_site_binding_get_post_id (binding));
  /* Another post on the site: a pull of one article leaves it alone. */
  add_site_post (f, 900, "Written on the site", "2026-01-01T10:00:00");
  posts_before = g_list_model_get_n_items (G_LIST_MODEL (f->store));

  loaded = reload (f, article);
  result = pull_article (f, loaded, FALSE, &pulled, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->action, ==, CD_PULL_UNCHANGED);
  g_assert_cmpstr (result->article_id, ==, cd_article_get_id (article));
  g_assert_cmpstr (result->post_id, ==, post_id);
  g_assert_nonnull (pulled);
  g_clear_pointer (&result, cd_pull_result_free);
  g_clear_object (&pulled);

  /* Only the title edited on the site: the body stays Markdown, not the
   * HTML the site holds. */
  post = find_post (f, post_id);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (post, "content"),
                                                  "raw"), !=, "Text of the story.");
  wp_fake_set_text (post, "title", "Harbour wall repaired, council says");
  json_object_set_string_member (post, "modified_gmt", "2026-02-01T10:00:00");
  result = pull_article (f, loaded, FALSE, &pulled, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->action, ==, CD_PULL_SKIPPED);
  g_assert_cmpstr (cd_article_get_body (pulled), ==, "Text of the story.");
  g_clear_pointer (&result, cd_pull_result_free);
  g_clear_object (&pulled);
  result = pull_article (f, loaded, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->action, ==, CD_PULL_UPDATED);
  g_clear_pointer (&result, cd_pull_result_free);
  after = reload (f, article);
  g_assert_cmpstr (cd_article_get_headline (after), ==, "Harbour wall repaired, council says");
  g_assert_cmpstr (cd_article_get_body (after), ==, "Text of the story.");
  g_clear_object (&loaded);
  loaded = g_object_ref (after);

  /* Edited on the site: skipped unless asked, as with a whole pull. */
  wp_fake_set_text (post, "title", "Harbour wall repaired at last");
  wp_fake_set_text (post, "content", "Edited on the site.");
  json_object_set_string_member (post, "modified_gmt", "2026-02-02T10:00:00");
  result = pull_article (f, loaded, FALSE, &pulled, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->action, ==, CD_PULL_SKIPPED);
  g_assert_cmpstr (cd_article_get_body (pulled), ==, "Edited on the site.");
  g_clear_object (&after);
  after = reload (f, article);
  g_assert_cmpstr (cd_article_get_headline (after), ==, "Harbour wall repaired, council says");
  g_clear_pointer (&result, cd_pull_result_free);
  g_clear_object (&pulled);

  result = pull_article (f, loaded, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->action, ==, CD_PULL_UPDATED);
  g_clear_object (&after);
  after = reload (f, article);
  g_assert_cmpstr (cd_article_get_headline (after), ==, "Harbour wall repaired at last");
  g_assert_cmpstr (cd_article_get_body (after), ==, "Edited on the site.");
  g_assert_cmpstr (cd_site_binding_get_remote_modified (cd_article_get_binding (after, SITE)), ==,
                   "2026-02-02T10:00:00");
  /* The caller's article is left as it was. */
  g_assert_cmpstr (cd_article_get_headline (loaded), ==, "Harbour wall repaired, council says");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, posts_before);
}

static void
test_pull_one_article_refused (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(CdArticle) article = new_article (f, "Pier lights switched on");
  g_autoptr(CdArticle) unbound = new_article (f, "Never published");
  g_autoptr(CdArticle) stale = NULL;
  g_autoptr(CdArticle) newer = NULL;
  g_autoptr(CdArticle) after = NULL;
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autoptr(CdPullResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *post;

  result = pull_article (f, unbound, TRUE, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, CD_PUBLISHER_ERROR, CD_PUBLISHER_ERROR_NOT_BOUND);
  g_assert_nonnull (strstr (error->message, SITE));
  g_clear_error (&error);

  binding = publish (f, article, CD_WP_STATUS_PUBLISH, NULL, &error);
  g_assert_no_error (error);
  post = find_post (f, cd_site_binding_get_post_id (binding));
  wp_fake_set_text (post, "content", "Edited on the site.");
  json_object_set_string_member (post, "modified_gmt", "2026-02-02T10:00:00");

  /* Saved elsewhere since the caller loaded it: its text is not overwritten. */
  stale = reload (f, article);
  newer = reload (f, article);
  cd_article_set_body (newer, "Edited in another window.");
  g_assert_true (cd_store_save_article (f->store, newer, NULL, &error));
  result = pull_article (f, stale, TRUE, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  after = reload (f, article);
  g_assert_cmpstr (cd_article_get_body (after), ==, "Edited in another window.");

  /* Deleted on the site: said so in words. */
  g_ptr_array_remove (f->fake.posts, post);
  result = pull_article (f, after, TRUE, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, CD_WP_ERROR, CD_WP_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no longer on site"));
}

static gboolean
has_problem (GPtrArray  *problems,
             const char *text)
{
  for (guint i = 0; i < problems->len; i++)
    if (strstr (((CdWpProblem *) g_ptr_array_index (problems, i))->message, text))
      return TRUE;
  return FALSE;
}

static void
test_checks_use_the_store (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CdArticle) article = new_article (f, "A headline of some forty characters long");
  g_autoptr(CdPhoto) photo = cd_photo_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(JsonNode) current = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) copy = NULL;
  g_autoptr(GError) error = NULL;

  cd_photo_set_caption (photo, "The quay");
  cd_photo_set_credit (photo, "Staff");
  cd_photo_set_file (photo, "0b6f1f7e-2d0c-4c43-9a53-3f1e6a2b9c10.png");   /* not in the store */
  cd_article_add_photo (article, photo);

  g_assert_cmpuint (cd_publisher_get_headline_limit (f->publisher), ==, 90);
  files = cd_publisher_dup_photo_files (f->publisher, article);
  g_assert_cmpuint (g_hash_table_size (files), ==, 0);
  problems = cd_publisher_check_article (f->publisher, article);
  g_assert_true (has_problem (problems, "Photo 1 has no image file"));
  g_assert_false (has_problem (problems, "limit"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  json_node_set_object (current, cd_store_get_settings (f->store));
  copy = json_node_copy (current);
  json_object_set_int_member (json_node_get_object (copy), "headline-limit", 20);
  g_assert_true (cd_store_save_settings (f->store, json_node_get_object (copy), &error));
  g_assert_cmpuint (cd_publisher_get_headline_limit (f->publisher), ==, 20);
  problems = cd_publisher_check_article (f->publisher, article);
  g_assert_true (has_problem (problems, "the limit is 20"));
}

/* Block-editor HTML as WordPress 6.1 saves a post typed in its editor. */
#define SITE_BLOCK_HTML \
  "<!-- wp:heading -->\n<h2>Harbour works</h2>\n<!-- /wp:heading -->\n\n" \
  "<!-- wp:paragraph -->\n<p>The quay reopens &amp; the <a href=\"https://example.com/ferry\">ferry" \
  "</a> runs <strong>daily</strong>.</p>\n<!-- /wp:paragraph -->\n\n" \
  "<!-- wp:list -->\n<ul><li>Monday</li><li>Friday<ul><li>* late</li></ul></li></ul>\n" \
  "<!-- /wp:list -->"
#define SITE_BLOCK_MARKDOWN \
  "## Harbour works\n\nThe quay reopens & the [ferry](https://example.com/ferry) runs " \
  "**daily**.\n\n- Monday\n- Friday\n  - \\* late"

static void
add_unpublished_photos (Fixture   *f,
                        CdArticle *article)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CdPhoto) photo = cd_photo_new ();

      cd_photo_set_caption (photo, i == 0 ? "The quay" : "The ferry");
      cd_article_add_photo (article, photo);
    }
  g_assert_true (cd_store_save_article (f->store, article, NULL, &error));
  g_assert_no_error (error);
}

static void
test_pull_converts_site_html (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(CdArticle) article = new_article (f, "Ferry timetable changes");
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(CdArticle) added = NULL;
  g_autoptr(CdArticle) loaded = NULL;
  g_autoptr(CdArticle) after = NULL;
  g_autoptr(CdPullResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *post_id = NULL;
  JsonObject *site_post;
  JsonObject *post;

  binding = publish (f, article, CD_WP_STATUS_PUBLISH, NULL, &error);
  g_assert_no_error (error);
  post_id = g_strdup (cd_site_binding_get_post_id (binding));

  /* A post written on the site comes in as Markdown. */
  site_post = add_site_post (f, 900, "Written on the site", "2026-01-01T10:00:00");
  wp_fake_set_text (site_post, "content", SITE_BLOCK_HTML);
  results = pull (f, FALSE);
  g_assert_cmpint (result_for (results, "900")->action, ==, CD_PULL_ADDED);
  added = cd_store_load_article (f->store, result_for (results, "900")->article_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_article_get_body (added), ==, SITE_BLOCK_MARKDOWN);
  /* Our own post, untouched on the site, keeps its body. */
  g_assert_cmpint (result_for (results, post_id)->action, ==, CD_PULL_UNCHANGED);

  /* Edited on the site; the figure publishing added for the article's
   * second photo is not taken into the body, a figure in the text is. */
  loaded = reload (f, article);
  add_unpublished_photos (f, loaded);
  g_clear_object (&loaded);
  loaded = reload (f, article);
  post = find_post (f, post_id);
  wp_fake_set_text (post, "content",
                    "<p>Edited on the <em>site</em>.</p>\n"
                    "<figure class=\"wp-block-image\"><img src=\"https://example.com/map.png\" "
                    "alt=\"Map\"/></figure>\n<p>Last line.</p>\n"
                    "<figure class=\"wp-block-image\"><img src=\"https://example.com/2.jpg\" "
                    "alt=\"\" class=\"wp-image-7\"/><figcaption>The ferry</figcaption></figure>\n");
  json_object_set_string_member (post, "modified_gmt", "2026-02-01T10:00:00");
  result = pull_article (f, loaded, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->action, ==, CD_PULL_UPDATED);
  after = reload (f, article);
  g_assert_cmpstr (cd_article_get_body (after), ==,
                   "Edited on the *site*.\n\n![Map](https://example.com/map.png)\n\nLast line.");
  g_assert_cmpuint (cd_article_get_n_photos (after), ==, 2);
  g_clear_object (&after);

  /* Classic content (no block comments): WordPress shows blank lines as
   * paragraphs and newlines as line breaks, and so does the body. */
  wp_fake_set_text (post, "content", "First line\nsecond line\n\n1. Not a list & <b>bold</b>");
  json_object_set_string_member (post, "modified_gmt", "2026-02-02T10:00:00");
  g_clear_pointer (&results, g_ptr_array_unref);
  results = pull (f, TRUE);
  g_assert_cmpint (result_for (results, post_id)->action, ==, CD_PULL_UPDATED);
  after = reload (f, article);
  g_assert_cmpstr (cd_article_get_body (after), ==,
                   "First line\\\nsecond line\n\n1\\. Not a list & **bold**");
}

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GPtrArray *results = user_data;

  g_ptr_array_add (results, g_object_ref (result));
}

static void
test_terms_looked_up_once (Fixture       *f,
                           gconstpointer  data)
{
  const char * const tags[] = { "harbour", NULL };
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CdArticle) later = new_article (f, "Later story about the harbour");
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autoptr(GError) error = NULL;

  /* Three publishes side by side, all with the same new tag. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *headline = g_strdup_printf ("Harbour story %u", i);
      CdArticle *article = new_article (f, headline);

      cd_article_set_tags (article, tags);
      g_ptr_array_add (articles, article);
      cd_publisher_publish_async (f->publisher, article, SITE, CD_WP_STATUS_PUBLISH, NULL,
                                  CD_WP_PUBLISH_NONE, TRUE, NULL, on_done_cb, results);
    }
  while (results->len < 3)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CdSiteBinding) done = cd_publisher_publish_finish (f->publisher,
                                                                   g_ptr_array_index (results, i),
                                                                   NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (done);
    }
  /* One search and one creation for the three: never the same tag twice. */
  g_assert_cmpuint (count_log (f, "GET /wp/v2/tags"), ==, 1);
  g_assert_cmpuint (f->fake.term_posts, ==, 1);

  /* Later in the same run, the tag is known. */
  cd_article_set_tags (later, tags);
  binding = publish (f, later, CD_WP_STATUS_PUBLISH, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_log (f, "GET /wp/v2/tags"), ==, 1);
  g_assert_cmpuint (f->fake.term_posts, ==, 1);
}

static void
test_unknown_site (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CdArticle) article = new_article (f, "Storm warning lifted");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CdSiteBinding) binding = NULL;
  g_autoptr(CdPublishJob) queued = NULL;
  g_autoptr(GError) error = NULL;

  cd_publisher_publish_async (f->publisher, article, "elsewhere", CD_WP_STATUS_PUBLISH, NULL,
                              CD_WP_PUBLISH_NONE, TRUE, NULL, store_result_cb, &result);
  binding = cd_publisher_publish_finish (f->publisher, wait_for (&result), &queued, &error);
  g_assert_null (binding);
  g_assert_null (queued);
  g_assert_error (error, CD_SITE_ERROR, CD_SITE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "elsewhere"));
  g_assert_cmpuint (f->fake.log->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The password comes from the environment here; no keyring is asked. */
  g_setenv (CD_SITE_PASSWORD_ENV, PASSWORD, TRUE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/publisher/publish-saves-binding", test_publish_saves_binding);
  ADD ("/publisher/refused-changes-nothing", test_refused_changes_nothing);
  ADD ("/publisher/offline-queued-then-replayed", test_offline_queued_then_replayed);
  ADD ("/publisher/pull-without-duplicates", test_pull_without_duplicates);
  ADD ("/publisher/replay-one-job", test_replay_one_job);
  ADD ("/publisher/pull-one-article", test_pull_one_article);
  ADD ("/publisher/pull-one-article-refused", test_pull_one_article_refused);
  ADD ("/publisher/pull-converts-site-html", test_pull_converts_site_html);
  ADD ("/publisher/checks-use-the-store", test_checks_use_the_store);
  ADD ("/publisher/terms-looked-up-once", test_terms_looked_up_once);
  ADD ("/publisher/unknown-site", test_unknown_site);
#undef ADD

  return g_test_run ();
}

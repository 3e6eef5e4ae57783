/* test-publish-queue.c: the offline publish queue
 *
 * Replays run against the fake WordPress of wp-fake.c (a SoupServer on
 * 127.0.0.1) and against a closed port, to play "offline".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cd-publish-queue.h"
#include "cd-site-password.h"
#include "cd-site.h"
#include "cd-store.h"
#include "wp-fake.h"

typedef struct
{
  Fake fake;
  GFile *dir;
  GHashTable *articles;     /* id → CdArticle: the "store" of this test */
  char *site_url;           /* where prepare points the client */
  guint published_signals;
  GPtrArray *saved;         /* ids of the articles the "published" handler saved */
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  wp_fake_setup (&fixture->fake, data);
  fixture->dir = g_file_new_for_path (fixture->fake.tmpdir);
  fixture->articles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  fixture->site_url = g_strdup (fixture->fake.url);
  fixture->saved = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->dir);
  g_clear_pointer (&fixture->articles, g_hash_table_unref);
  g_clear_pointer (&fixture->saved, g_ptr_array_unref);
  g_free (fixture->site_url);
  wp_fake_teardown (&fixture->fake, data);
}

static CdArticle *
add_article (Fixture    *fixture,
             const char *headline)
{
  CdArticle *article = cd_article_new ();

  cd_article_set_headline (article, headline);
  cd_article_set_body (article, "Text of the story.");
  g_hash_table_insert (fixture->articles, g_strdup (cd_article_get_id (article)), article);
  return article;
}

static gboolean
prepare_cb (CdPublishJob  *job,
            CdArticle    **article,
            GHashTable   **photo_files,
            CdWpClient   **client,
            gpointer       user_data,
            GError       **error)
{
  Fixture *fixture = user_data;
  CdArticle *found = g_hash_table_lookup (fixture->articles, cd_publish_job_get_article_id (job));

  if (found == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "Article %s is not in the store.",
                   cd_publish_job_get_article_id (job));
      return FALSE;
    }
  *article = g_object_ref (found);
  *photo_files = NULL;
  *client = cd_wp_client_new (fixture->site_url, USER, PASSWORD);
  cd_wp_client_set_timeout (*client, 2);
  cd_wp_client_set_max_attempts (*client, 1);
  return TRUE;
}

static void
on_published (CdPublishQueue *queue,
              CdPublishJob   *job,
              CdArticle      *article,
              CdSiteBinding  *binding,
              Fixture        *fixture)
{
  /* The job is still queued while the caller saves the article. */
  g_assert_nonnull (cd_publish_queue_find (queue, cd_article_get_id (article),
                                           cd_publish_job_get_site (job)));
  g_assert_true (cd_article_get_binding (article, cd_publish_job_get_site (job)) == binding);
  fixture->published_signals++;
  g_ptr_array_add (fixture->saved, g_strdup (cd_article_get_id (article)));
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
replay (Fixture         *fixture,
        CdPublishQueue  *queue,
        guint           *n_published,
        GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cd_publish_queue_replay_async (queue, prepare_cb, fixture, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return cd_publish_queue_replay_finish (queue, result, n_published, error);
}

static CdPublishQueue *
load_queue (Fixture *fixture)
{
  CdPublishQueue *queue = cd_publish_queue_new (fixture->dir);
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_publish_queue_load (queue, &error));
  g_assert_no_error (error);
  g_signal_connect (queue, "published", G_CALLBACK (on_published), fixture);
  return queue;
}

static void
write_queue_file (Fixture    *fixture,
                  const char *text)
{
  g_autoptr(GFile) file = g_file_get_child (fixture->dir, CD_PUBLISH_QUEUE_FILE_NAME);
  g_autoptr(GError) error = NULL;

  g_file_replace_contents (file, text, strlen (text), NULL, FALSE, 0, NULL, NULL, &error);
  g_assert_no_error (error);
}

static char *
read_queue_file (Fixture *fixture)
{
  g_autoptr(GFile) file = g_file_get_child (fixture->dir, CD_PUBLISH_QUEUE_FILE_NAME);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_load_contents (file, NULL, &text, NULL, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_persisted (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CdPublishQueue) queue = load_queue (fixture);
  g_autoptr(CdPublishQueue) again = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2030, 5, 6, 7, 8, 9);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdPublishJob) reloaded = NULL;
  CdPublishJob *first, *second, *replaced;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 0);
  first = cd_publish_queue_add (queue, "article-1", "newsroom", CD_WP_STATUS_PUBLISH, NULL,
                                CD_WP_PUBLISH_NONE, &error);
  g_assert_no_error (error);
  second = cd_publish_queue_add (queue, "article-2", "newsroom", CD_WP_STATUS_FUTURE, when,
                                 CD_WP_PUBLISH_FORCE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_nonnull (second);

  /* The same article and site again: the newer request replaces the older. */
  replaced = cd_publish_queue_add (queue, "article-1", "newsroom", CD_WP_STATUS_DRAFT, NULL,
                                   CD_WP_PUBLISH_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 2);
  g_assert_true (cd_publish_queue_find (queue, "article-1", "newsroom") == replaced);

  again = load_queue (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 2);
  reloaded = g_list_model_get_item (G_LIST_MODEL (again), 0);
  g_assert_cmpstr (cd_publish_job_get_id (reloaded), ==, cd_publish_job_get_id (replaced));
  g_assert_cmpint (cd_publish_job_get_status (reloaded), ==, CD_WP_STATUS_DRAFT);
  g_clear_object (&reloaded);
  reloaded = g_list_model_get_item (G_LIST_MODEL (again), 1);
  g_assert_cmpstr (cd_publish_job_get_article_id (reloaded), ==, "article-2");
  g_assert_cmpint (cd_publish_job_get_status (reloaded), ==, CD_WP_STATUS_FUTURE);
  g_assert_cmpint (cd_publish_job_get_flags (reloaded), ==, CD_WP_PUBLISH_FORCE);
  g_assert_true (g_date_time_equal (cd_publish_job_get_publish_at (reloaded), when));

  g_assert_true (cd_publish_queue_remove (again, cd_publish_job_get_id (reloaded), &error));
  g_assert_no_error (error);
  g_assert_false (cd_publish_queue_remove (again, "no-such-job", &error));
  g_assert_error (error, CD_PUBLISH_QUEUE_ERROR, CD_PUBLISH_QUEUE_ERROR_NOT_FOUND);
}

static void
test_corrupt_file_kept (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CdPublishQueue) queue = cd_publish_queue_new (fixture->dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  const char *broken = "{ \"version\": 1,\n  \"jobs\": [ { \"id\": \"x\", }\n";
  const char *bad_job = "{\"version\":1,\"jobs\":[{\"id\":\"a\",\"article\":\"b\",\"site\":\"s\","
                        "\"status\":\"publish\"},{\"id\":\"c\",\"article\":\"d\",\"status\":\"draft\"}]}";

  write_queue_file (fixture, broken);
  g_assert_false (cd_publish_queue_load (queue, &error));
  g_assert_error (error, CD_PUBLISH_QUEUE_ERROR, CD_PUBLISH_QUEUE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, CD_PUBLISH_QUEUE_FILE_NAME));
  /* json-glib names the line of the mistake. */
  g_assert_nonnull (strstr (error->message, ":2:"));
  g_clear_error (&error);

  /* Unloaded, the queue refuses changes: the broken file stays as it is. */
  g_assert_null (cd_publish_queue_add (queue, "a", "s", CD_WP_STATUS_DRAFT, NULL,
                                       CD_WP_PUBLISH_NONE, &error));
  g_assert_error (error, CD_PUBLISH_QUEUE_ERROR, CD_PUBLISH_QUEUE_ERROR_NOT_LOADED);
  g_clear_error (&error);
  after = read_queue_file (fixture);
  g_assert_cmpstr (after, ==, broken);

  write_queue_file (fixture, bad_job);
  g_assert_false (cd_publish_queue_load (queue, &error));
  g_assert_error (error, CD_PUBLISH_QUEUE_ERROR, CD_PUBLISH_QUEUE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "job 2: “site” is missing"));
  g_clear_error (&error);

  write_queue_file (fixture, "{\"version\":7,\"jobs\":[]}");
  g_assert_false (cd_publish_queue_load (queue, &error));
  g_assert_error (error, CD_PUBLISH_QUEUE_ERROR, CD_PUBLISH_QUEUE_ERROR_NEWER_FORMAT);
}

static void
test_replay_offline_then_online (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(CdPublishQueue) queue = load_queue (fixture);
  g_autoptr(CdPublishQueue) reread = NULL;
  g_autoptr(CdPublishJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  CdArticle *first = add_article (fixture, "Ferry timetable changes");
  CdArticle *second = add_article (fixture, "Harbour festival dates");
  guint published = 99;

  cd_publish_queue_add (queue, cd_article_get_id (first), "newsroom", CD_WP_STATUS_PUBLISH, NULL,
                        CD_WP_PUBLISH_NONE, &error);
  g_assert_no_error (error);
  cd_publish_queue_add (queue, cd_article_get_id (second), "newsroom", CD_WP_STATUS_DRAFT, NULL,
                        CD_WP_PUBLISH_NONE, &error);
  g_assert_no_error (error);

  /* Offline: the site's port is closed. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_free (fixture->site_url);
  fixture->site_url = g_strdup_printf ("http://127.0.0.1:%u/",
                                       g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  g_assert_true (replay (fixture, queue, &published, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (published, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 2);
  job = g_list_model_get_item (G_LIST_MODEL (queue), 0);
  g_assert_cmpint (cd_publish_job_get_state (job), ==, CD_PUBLISH_JOB_WAITING);
  g_assert_cmpuint (cd_publish_job_get_attempts (job), ==, 1);
  g_assert_nonnull (strstr (cd_publish_job_get_last_error (job), "could not be reached"));
  g_assert_cmpint (cd_publish_job_get_problem (job), ==, CD_PUBLISH_PROBLEM_OFFLINE);
  g_assert_null (cd_article_get_binding (first, "newsroom"));
  g_clear_object (&job);

  /* What was recorded is on disk. */
  reread = load_queue (fixture);
  job = g_list_model_get_item (G_LIST_MODEL (reread), 0);
  g_assert_cmpuint (cd_publish_job_get_attempts (job), ==, 1);
  g_assert_cmpint (cd_publish_job_get_problem (job), ==, CD_PUBLISH_PROBLEM_OFFLINE);
  g_clear_object (&job);

  /* Back online. */
  g_free (fixture->site_url);
  fixture->site_url = g_strdup (fixture->fake.url);
  g_assert_true (replay (fixture, queue, &published, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (published, ==, 2);
  g_assert_cmpuint (fixture->published_signals, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 0);
  g_assert_cmpuint (fixture->fake.posts->len, ==, 2);
  g_assert_cmpstr (cd_site_binding_get_post_id (cd_article_get_binding (first, "newsroom")), ==, "100");
  g_assert_cmpstr (cd_site_binding_get_post_id (cd_article_get_binding (second, "newsroom")), ==, "101");
  g_assert_cmpstr (g_ptr_array_index (fixture->saved, 0), ==, cd_article_get_id (first));

  g_clear_object (&reread);
  reread = load_queue (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reread)), ==, 0);
}

static void
test_replay_needs_editor (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CdPublishQueue) queue = load_queue (fixture);
  g_autoptr(CdPublishJob) unready = NULL;
  g_autoptr(CdPublishJob) missing = NULL;
  g_autoptr(GError) error = NULL;
  CdArticle *article = add_article (fixture, "");
  guint published = 99;

  cd_publish_queue_add (queue, cd_article_get_id (article), "newsroom", CD_WP_STATUS_PUBLISH, NULL,
                        CD_WP_PUBLISH_NONE, &error);
  cd_publish_queue_add (queue, "deleted-article", "newsroom", CD_WP_STATUS_PUBLISH, NULL,
                        CD_WP_PUBLISH_NONE, &error);
  g_assert_no_error (error);

  g_assert_true (replay (fixture, queue, &published, &error));
  g_assert_cmpuint (published, ==, 0);
  unready = g_list_model_get_item (G_LIST_MODEL (queue), 0);
  g_assert_cmpint (cd_publish_job_get_state (unready), ==, CD_PUBLISH_JOB_FAILED);
  g_assert_nonnull (strstr (cd_publish_job_get_last_error (unready), "The headline is missing."));
  missing = g_list_model_get_item (G_LIST_MODEL (queue), 1);
  g_assert_cmpint (cd_publish_job_get_state (missing), ==, CD_PUBLISH_JOB_FAILED);
  g_assert_cmpstr (cd_publish_job_get_last_error (missing), ==,
                   "Article deleted-article is not in the store.");
  g_assert_cmpuint (fixture->fake.posts->len, ==, 0);
  g_assert_cmpint (cd_publish_job_get_problem (unready), ==, CD_PUBLISH_PROBLEM_ARTICLE);
  /* An error the queue cannot place (this test's own) is some other problem. */
  g_assert_cmpint (cd_publish_job_get_problem (missing), ==, CD_PUBLISH_PROBLEM_OTHER);
}

static gboolean
replay_job (Fixture         *fixture,
            CdPublishQueue  *queue,
            const char      *job_id,
            guint           *n_published,
            GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cd_publish_queue_replay_job_async (queue, job_id, prepare_cb, fixture, NULL, store_result_cb,
                                     &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return cd_publish_queue_replay_finish (queue, result, n_published, error);
}

static void
test_replay_one_job (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CdPublishQueue) queue = load_queue (fixture);
  g_autoptr(CdPublishQueue) reread = NULL;
  g_autoptr(GError) error = NULL;
  CdArticle *first = add_article (fixture, "Ferry timetable changes");
  CdArticle *second = add_article (fixture, "Harbour festival dates");
  g_autofree char *second_job = NULL;
  CdPublishJob *job;
  guint published = 99;

  cd_publish_queue_add (queue, cd_article_get_id (first), "newsroom", CD_WP_STATUS_PUBLISH, NULL,
                        CD_WP_PUBLISH_NONE, &error);
  g_assert_no_error (error);
  job = cd_publish_queue_add (queue, cd_article_get_id (second), "newsroom", CD_WP_STATUS_DRAFT,
                              NULL, CD_WP_PUBLISH_NONE, &error);
  g_assert_no_error (error);
  second_job = g_strdup (cd_publish_job_get_id (job));
  g_assert_true (cd_publish_queue_find_job (queue, second_job) == job);

  /* Only the job asked for goes, though it is not the oldest. */
  g_assert_true (replay_job (fixture, queue, second_job, &published, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (published, ==, 1);
  g_assert_cmpuint (fixture->fake.posts->len, ==, 1);
  g_assert_nonnull (cd_article_get_binding (second, "newsroom"));
  g_assert_null (cd_article_get_binding (first, "newsroom"));
  g_assert_null (cd_publish_queue_find_job (queue, second_job));
  reread = load_queue (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reread)), ==, 1);

  /* Gone meanwhile: said so, and nothing is sent. */
  g_assert_false (replay_job (fixture, queue, second_job, &published, &error));
  g_assert_error (error, CD_PUBLISH_QUEUE_ERROR, CD_PUBLISH_QUEUE_ERROR_NOT_FOUND);
  g_assert_cmpuint (fixture->fake.posts->len, ==, 1);
}

static void
test_record_failure (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CdPublishQueue) queue = load_queue (fixture);
  g_autoptr(CdPublishQueue) reread = NULL;
  g_autoptr(CdPublishJob) stranger = cd_publish_job_new ("a", "newsroom", CD_WP_STATUS_DRAFT,
                                                         NULL, CD_WP_PUBLISH_NONE);
  g_autoptr(CdPublishJob) again = NULL;
  g_autoptr(GError) failure = g_error_new_literal (CD_WP_ERROR, CD_WP_ERROR_SERVER,
                                                   "WordPress answered 503.");
  g_autoptr(GError) error = NULL;
  CdPublishJob *job;

  job = cd_publish_queue_add (queue, "article-1", "newsroom", CD_WP_STATUS_PUBLISH, NULL,
                              CD_WP_PUBLISH_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_publish_job_get_problem (job), ==, CD_PUBLISH_PROBLEM_NONE);
  g_assert_true (cd_publish_queue_record_failure (queue, job, failure, &error));
  g_assert_no_error (error);

  reread = load_queue (fixture);
  again = g_list_model_get_item (G_LIST_MODEL (reread), 0);
  g_assert_cmpuint (cd_publish_job_get_attempts (again), ==, 1);
  g_assert_cmpstr (cd_publish_job_get_last_error (again), ==, "WordPress answered 503.");
  g_assert_cmpint (cd_publish_job_get_problem (again), ==, CD_PUBLISH_PROBLEM_SITE_TROUBLE);
  g_assert_cmpint (cd_publish_job_get_state (again), ==, CD_PUBLISH_JOB_WAITING);

  /* A job of no queue is refused. */
  g_assert_false (cd_publish_queue_record_failure (queue, stranger, failure, &error));
  g_assert_error (error, CD_PUBLISH_QUEUE_ERROR, CD_PUBLISH_QUEUE_ERROR_NOT_FOUND);
}

static void
test_problem_from_error (void)
{
  const struct {
    GQuark domain;
    int code;
    CdPublishProblem problem;
  } cases[] = {
    { CD_WP_ERROR, CD_WP_ERROR_UNREACHABLE, CD_PUBLISH_PROBLEM_OFFLINE },
    { CD_WP_ERROR, CD_WP_ERROR_TIMEOUT, CD_PUBLISH_PROBLEM_OFFLINE },
    { CD_WP_ERROR, CD_WP_ERROR_CONNECTION_LOST, CD_PUBLISH_PROBLEM_OFFLINE },
    { CD_WP_ERROR, CD_WP_ERROR_SERVER, CD_PUBLISH_PROBLEM_SITE_TROUBLE },
    { CD_WP_ERROR, CD_WP_ERROR_RATE_LIMITED, CD_PUBLISH_PROBLEM_SITE_TROUBLE },
    { CD_WP_ERROR, CD_WP_ERROR_UNAUTHORIZED, CD_PUBLISH_PROBLEM_LOGIN },
    { CD_WP_ERROR, CD_WP_ERROR_FORBIDDEN, CD_PUBLISH_PROBLEM_LOGIN },
    { CD_WP_ERROR, CD_WP_ERROR_CONFLICT, CD_PUBLISH_PROBLEM_CONFLICT },
    { CD_WP_ERROR, CD_WP_ERROR_INVALID_ARTICLE, CD_PUBLISH_PROBLEM_ARTICLE },
    { CD_WP_ERROR, CD_WP_ERROR_TLS, CD_PUBLISH_PROBLEM_OTHER },
    { CD_SITE_PASSWORD_ERROR, CD_SITE_PASSWORD_ERROR_NOT_FOUND, CD_PUBLISH_PROBLEM_LOGIN },
    { CD_SITE_ERROR, CD_SITE_ERROR_NOT_FOUND, CD_PUBLISH_PROBLEM_SITE_GONE },
    { CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND, CD_PUBLISH_PROBLEM_ARTICLE_GONE },
    { CD_STORE_ERROR, CD_STORE_ERROR_LOCKED, CD_PUBLISH_PROBLEM_OTHER },
  };

  g_assert_cmpint (cd_publish_problem_from_error (NULL), ==, CD_PUBLISH_PROBLEM_NONE);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (cases[i].domain, cases[i].code, "x");

      g_assert_cmpint (cd_publish_problem_from_error (error), ==, cases[i].problem);
    }
}

static void
test_problem_read_back (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CdPublishQueue) queue = NULL;
  g_autoptr(CdPublishJob) old = NULL;
  g_autoptr(CdPublishJob) newer = NULL;
  g_autoptr(CdPublishJob) untried = NULL;

  /* Written before problems were recorded, and by a newer Copydesk. */
  write_queue_file (fixture,
                    "{\"version\":1,\"jobs\":["
                    "{\"id\":\"a\",\"article\":\"b\",\"site\":\"s\",\"status\":\"publish\","
                    "\"last_error\":\"It broke.\"},"
                    "{\"id\":\"c\",\"article\":\"d\",\"site\":\"s\",\"status\":\"draft\","
                    "\"last_error\":\"Down.\",\"problem\":\"moon-phase\"},"
                    "{\"id\":\"e\",\"article\":\"f\",\"site\":\"s\",\"status\":\"draft\"}]}");
  queue = load_queue (fixture);
  old = g_list_model_get_item (G_LIST_MODEL (queue), 0);
  newer = g_list_model_get_item (G_LIST_MODEL (queue), 1);
  untried = g_list_model_get_item (G_LIST_MODEL (queue), 2);
  g_assert_cmpint (cd_publish_job_get_problem (old), ==, CD_PUBLISH_PROBLEM_OTHER);
  g_assert_cmpint (cd_publish_job_get_problem (newer), ==, CD_PUBLISH_PROBLEM_OTHER);
  g_assert_cmpint (cd_publish_job_get_problem (untried), ==, CD_PUBLISH_PROBLEM_NONE);
}

static void
test_transient (void)
{
  g_autoptr(GError) timeout = g_error_new_literal (CD_WP_ERROR, CD_WP_ERROR_TIMEOUT, "t");
  g_autoptr(GError) conflict = g_error_new_literal (CD_WP_ERROR, CD_WP_ERROR_CONFLICT, "c");
  g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "io");

  g_assert_true (cd_publish_queue_error_is_transient (timeout));
  g_assert_false (cd_publish_queue_error_is_transient (conflict));
  g_assert_false (cd_publish_queue_error_is_transient (io));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/publish-queue/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("persisted", test_persisted);
  ADD ("corrupt-file-kept", test_corrupt_file_kept);
  ADD ("replay-offline-then-online", test_replay_offline_then_online);
  ADD ("replay-needs-editor", test_replay_needs_editor);
  ADD ("replay-one-job", test_replay_one_job);
  ADD ("record-failure", test_record_failure);
  ADD ("problem-read-back", test_problem_read_back);
  g_test_add_func ("/publish-queue/transient", test_transient);
  g_test_add_func ("/publish-queue/problem-from-error", test_problem_from_error);

#undef ADD

  return g_test_run ();
}

/* test-cli-sites.c: copydesk-cli site, publish, pull and queue where no
 * WordPress is needed: the refusals that happen before anything is sent
 *
 * Every site here is either on a loopback port nothing listens on, or
 * refused before a connection is made; nothing leaves the computer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "cli-runner.h"
#include "wp-fake.h"

/* A 2×1 PNG, so that photo --file has a real image to copy. */
static const char png_base64[] =
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDAAAAN9AH/9KwMYwAAAABJRU5ErkJggg==";

static void
add_closed_site (CliFixture *f,
                 const char *name)
{
  g_autofree char *url = cli_closed_loopback_url ();

  g_assert_cmpint (cli_run (f, "site", "add", name, "--url", url, "--user", "editor"), ==, 0);
}

static void
test_site_add_list_remove (CliFixture    *f,
                           gconstpointer  data)
{
  g_assert_cmpint (cli_run (f, "site", "add", "newsroom", "--url", "https://news.example.org/",
                            "--user", "lina"), ==, 0);
  g_assert_cmpint (cli_run (f, "site", "add", "local", "--url", "http://127.0.0.1:8080",
                            "--user", "omar"), ==, 0);
  g_assert_cmpint (cli_run (f, "site", "list"), ==, 0);
  /* The trailing slash is dropped: one form for every address. */
  g_assert_nonnull (strstr (f->out, "newsroom\thttps://news.example.org\tlina\n"));
  g_assert_nonnull (strstr (f->out, "local\thttp://127.0.0.1:8080\tomar\n"));

  g_assert_cmpint (cli_run (f, "site", "add", "newsroom", "--url", "https://other.example.org",
                            "--user", "x"), ==, 1);
  g_assert_nonnull (strstr (f->err, "newsroom"));
  g_assert_cmpint (cli_run (f, "site", "add", "bad name", "--url", "https://a.example.org",
                            "--user", "x"), ==, 1);
  g_assert_cmpint (cli_run (f, "site", "add", "nouser", "--url", "https://a.example.org"), ==, 2);

  g_assert_cmpint (cli_run (f, "site", "remove", "newsroom"), ==, 0);
  g_assert_cmpint (cli_run (f, "site", "list"), ==, 0);
  g_assert_null (strstr (f->out, "newsroom"));
  g_assert_cmpint (cli_run (f, "site", "remove", "newsroom"), ==, 1);
}

static void
test_plain_http_refused (CliFixture    *f,
                         gconstpointer  data)
{
  g_autofree char *settings = g_build_filename (f->store, "store.json", NULL);
  g_autofree char *id = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GString) edited = NULL;

  /* The password would cross the network in the clear. */
  g_assert_cmpint (cli_run (f, "site", "add", "remote", "--url", "http://news.example.org",
                            "--user", "lina"), ==, 1);
  g_assert_nonnull (strstr (f->err, "plain http"));
  /* Nothing was written, not even a store; and listing makes none. */
  g_assert_cmpint (cli_run (f, "site", "list"), ==, 1);
  g_assert_nonnull (strstr (f->err, "no Copydesk store"));
  g_assert_cmpstr (f->out, ==, "");

  /* Nor is it used when someone writes it into store.json by hand. */
  g_assert_cmpint (cli_run (f, "site", "add", "remote", "--url", "http://127.0.0.1:9",
                            "--user", "lina"), ==, 0);
  g_assert_true (g_file_get_contents (settings, &contents, NULL, NULL));
  edited = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (edited, "http://127.0.0.1:9", "http://news.example.org", 0),
                    ==, 1);
  g_assert_true (g_file_set_contents (settings, edited->str, -1, NULL));

  id = cli_new_article (f, "Harbour bridge reopens", "The bridge reopened today.\n");
  g_assert_cmpint (cli_run (f, "publish", "--site", "remote", id), ==, 1);
  g_assert_nonnull (strstr (f->err, "plain http"));
  g_assert_cmpint (cli_run (f, "site", "check", "remote"), ==, 1);
  g_assert_nonnull (strstr (f->err, "plain http"));
}

static void
test_unknown_site_and_article (CliFixture    *f,
                               gconstpointer  data)
{
  g_autofree char *id = cli_new_article (f, "Storm warning lifted", "Calm again.\n");
  g_autofree char *before = cli_article_file (f, id);
  g_autofree char *after = NULL;

  g_assert_cmpint (cli_run (f, "publish", "--site", "nowhere", id), ==, 1);
  g_assert_nonnull (strstr (f->err, "no site named “nowhere”"));
  g_assert_cmpint (cli_run (f, "site", "check", "nowhere"), ==, 1);
  g_assert_nonnull (strstr (f->err, "nowhere"));
  g_assert_cmpint (cli_run (f, "pull", "--site", "nowhere"), ==, 1);
  g_assert_nonnull (strstr (f->err, "nowhere"));

  /* Every id is resolved before anything is sent. */
  add_closed_site (f, "newsroom");
  g_assert_cmpint (cli_run (f, "publish", "--site", "newsroom", id, "ffffffff"), ==, 1);
  g_assert_nonnull (strstr (f->err, "ffffffff"));
  g_assert_cmpstr (f->out, ==, "");
  g_assert_false (cli_queue_exists (f));

  after = cli_article_file (f, id);
  g_assert_cmpstr (before, ==, after);
}

static void
test_insecure_password_file (CliFixture    *f,
                             gconstpointer  data)
{
  g_autofree char *open_file = cli_write_file (f, "open-password", "abcd efgh ijkl mnop\n", 0644);
  g_autofree char *id = cli_new_article (f, "Ferry timetable changes", "Earlier boats.\n");

  add_closed_site (f, "newsroom");
  g_assert_cmpint (cli_run (f, "site", "check", "newsroom", "--password-file", open_file), ==, 1);
  g_assert_nonnull (strstr (f->err, "chmod 600"));
  g_assert_null (strstr (f->err, "abcd"));
  g_assert_cmpint (cli_run (f, "publish", "--site", "newsroom", "--password-file", open_file, id),
                   ==, 1);
  g_assert_nonnull (strstr (f->err, "chmod 600"));
  g_assert_null (strstr (f->err, "abcd"));
  g_assert_false (cli_queue_exists (f));
  g_assert_cmpint (cli_run (f, "site", "add", "other", "--url", "https://a.example.org",
                            "--user", "x", "--password-file", open_file), ==, 1);
  g_assert_nonnull (strstr (f->err, "chmod 600"));
}

static void
test_blocked_by_checks (CliFixture    *f,
                        gconstpointer  data)
{
  g_autofree char *id = cli_new_article (f, "Observatory opens", "The dome opened.\n");
  g_autofree char *empty = cli_new_article (f, "Nothing yet", NULL);
  g_autofree guchar *png = NULL;
  g_autofree char *png_path = g_build_filename (f->store, "roof.png", NULL);
  gsize png_len;

  png = g_base64_decode (png_base64, &png_len);
  g_assert_true (g_file_set_contents (png_path, (const char *) png, png_len, NULL));
  g_assert_cmpint (cli_run (f, "photo", "add", id, "--caption", "Visitors on the roof",
                            "--file", png_path), ==, 0);
  add_closed_site (f, "newsroom");

  /* The photo has no credit: refused before the site is even asked. */
  g_assert_cmpint (cli_run (f, "publish", "--site", "newsroom", id), ==, 1);
  g_assert_nonnull (strstr (f->err, "Photo 1 has no credit"));
  g_assert_nonnull (strstr (f->err, "nothing was published"));
  /* Alt text is missing too, which is only a warning. */
  g_assert_nonnull (strstr (f->err, "warning"));
  g_assert_nonnull (strstr (f->err, "alt text"));
  g_assert_cmpstr (f->out, ==, "");
  g_assert_false (cli_queue_exists (f));

  /* One unready article stops all of them. */
  g_assert_cmpint (cli_run (f, "photo", "set", id, "1", "--credit", "Staff photo"), ==, 0);
  g_assert_cmpint (cli_run (f, "publish", "--site", "newsroom", id, empty), ==, 1);
  g_assert_nonnull (strstr (f->err, "The body is empty"));
  g_assert_false (cli_queue_exists (f));

  /* The headline limit is the store's. */
  g_assert_cmpint (cli_run (f, "set", id, "headline",
                            "A headline that goes on and on about the observatory, its dome, its "
                            "telescope and its many visitors"), ==, 0);
  g_assert_cmpint (cli_run (f, "publish", "--site", "newsroom", id), ==, 1);
  g_assert_nonnull (strstr (f->err, "the limit is 90"));
  g_assert_false (cli_queue_exists (f));
}

static void
test_unreachable_is_queued (CliFixture    *f,
                            gconstpointer  data)
{
  g_autofree char *id = cli_new_article (f, "Market reopens", "Stalls are back.\n");
  g_autofree char *before = cli_article_file (f, id);
  g_autofree char *after = NULL;
  g_autofree char *job = NULL;
  g_auto(GStrv) fields = NULL;

  add_closed_site (f, "newsroom");
  g_assert_cmpint (cli_run (f, "publish", "--site", "newsroom", "--status", "pending", id),
                   ==, 3);
  g_assert_nonnull (strstr (f->err, "queued"));
  g_assert_nonnull (strstr (f->err, "could not be reached"));
  g_assert_cmpstr (f->out, ==, "");
  after = cli_article_file (f, id);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpint (cli_run (f, "queue", "list"), ==, 0);
  fields = g_strsplit (f->out, "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 9);
  g_assert_true (g_uuid_string_is_valid (fields[0]));
  g_assert_cmpstr (fields[1], ==, id);
  g_assert_cmpstr (fields[2], ==, "newsroom");
  g_assert_cmpstr (fields[3], ==, "pending");
  g_assert_cmpstr (fields[4], ==, "waiting");
  /* The publish that queued it was the first attempt, and says why. */
  g_assert_cmpstr (fields[5], ==, "1");
  g_assert_nonnull (strstr (fields[7], "could not be reached"));
  g_assert_cmpstr (fields[8], ==, "The site could not be reached. Run “queue run” again when "
                   "the network or the site is back.\n");
  job = g_strdup (fields[0]);

  /* Still away: the job stays, with the attempt counted. */
  g_assert_cmpint (cli_run (f, "queue", "run"), ==, 3);
  g_assert_nonnull (strstr (f->err, "published: 0, waiting for their site: 1"));
  g_assert_cmpint (cli_run (f, "queue", "list"), ==, 0);
  g_assert_nonnull (strstr (f->out, "\twaiting\t2\t"));
  g_assert_nonnull (strstr (f->out, "could not be reached"));

  g_assert_cmpint (cli_run (f, "queue", "remove", job), ==, 0);
  g_assert_cmpint (cli_run (f, "queue", "list"), ==, 0);
  g_assert_cmpstr (f->out, ==, "");
  g_assert_cmpint (cli_run (f, "queue", "remove", job), ==, 1);
  g_assert_cmpint (cli_run (f, "queue", "run"), ==, 0);
  g_free (after);
  after = cli_article_file (f, id);
  g_assert_cmpstr (before, ==, after);
}

/* The fake WordPress of wp-fake.c, served from a thread of its own: the
 * test meanwhile waits for copydesk-cli, so its own main context does not
 * run. */
typedef struct
{
  Fake fake;
  GMainContext *context;
  GMainLoop *loop;
  GThread *thread;
  GMutex mutex;
  GCond cond;
  gboolean ready;
} FakeThread;

static gpointer
fake_thread_main (gpointer data)
{
  FakeThread *ft = data;

  g_main_context_push_thread_default (ft->context);
  wp_fake_setup (&ft->fake, NULL);
  g_mutex_lock (&ft->mutex);
  ft->ready = TRUE;
  g_cond_signal (&ft->cond);
  g_mutex_unlock (&ft->mutex);
  g_main_loop_run (ft->loop);
  wp_fake_teardown (&ft->fake, NULL);
  g_main_context_pop_thread_default (ft->context);
  return NULL;
}

static void
fake_thread_start (FakeThread *ft)
{
  memset (ft, 0, sizeof *ft);
  g_mutex_init (&ft->mutex);
  g_cond_init (&ft->cond);
  ft->context = g_main_context_new ();
  ft->loop = g_main_loop_new (ft->context, FALSE);
  ft->thread = g_thread_new ("wp-fake", fake_thread_main, ft);
  g_mutex_lock (&ft->mutex);
  while (!ft->ready)
    g_cond_wait (&ft->cond, &ft->mutex);
  g_mutex_unlock (&ft->mutex);
}

static void
fake_thread_stop (FakeThread *ft)
{
  g_main_loop_quit (ft->loop);
  g_thread_join (ft->thread);
  g_main_loop_unref (ft->loop);
  g_main_context_unref (ft->context);
  g_mutex_clear (&ft->mutex);
  g_cond_clear (&ft->cond);
}

/* The columns of the "queue list" line of the job for that article. */
static char **
queue_line (CliFixture *f,
            const char *article_id)
{
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (cli_run (f, "queue", "list"), ==, 0);
  lines = g_strsplit (f->out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      if (g_strv_length (fields) == 9 && g_str_equal (fields[1], article_id))
        return g_steal_pointer (&fields);
    }
  g_error ("No job for article %s in:\n%s", article_id, f->out);
  return NULL;
}

static void
assert_problem (CliFixture *f,
                const char *article_id,
                const char *state,
                const char *words)
{
  g_auto(GStrv) fields = queue_line (f, article_id);

  g_assert_cmpstr (fields[4], ==, state);
  g_assert_cmpstr (fields[8], ==, words);
}

/* Each job says in plain words why it waits, after the site's own
 * message, whatever stopped it: the network, the login, the article or
 * the site gone. */
static void
test_queue_list_says_why (CliFixture    *f,
                          gconstpointer  data)
{
  g_autofree char *login = cli_new_article (f, "Tram line extended", "Two new stops.\n");
  g_autofree char *gone = cli_new_article (f, "Fair postponed", "Rain again.\n");
  g_autofree char *removed_site = cli_new_article (f, "Library hours", "Open late.\n");
  FakeThread ft;

  add_closed_site (f, "newsroom");
  add_closed_site (f, "archive");
  g_assert_cmpint (cli_run (f, "publish", "--site", "newsroom", login, gone), ==, 3);
  g_assert_cmpint (cli_run (f, "publish", "--site", "archive", removed_site), ==, 3);
  assert_problem (f, login, "waiting",
                  "The site could not be reached. Run “queue run” again when the network or "
                  "the site is back.");

  /* The site answers now, but refuses the password the runs give. */
  fake_thread_start (&ft);
  g_assert_cmpint (cli_run (f, "site", "remove", "newsroom"), ==, 0);
  g_assert_cmpint (cli_run (f, "site", "add", "newsroom", "--url", ft.fake.url,
                            "--user", USER), ==, 0);
  g_assert_cmpint (cli_run (f, "delete", gone), ==, 0);
  g_assert_cmpint (cli_run (f, "site", "remove", "archive"), ==, 0);
  g_assert_cmpint (cli_run (f, "queue", "run"), ==, 1);
  fake_thread_stop (&ft);
  g_assert_cmpuint (ft.fake.creates, ==, 0);

  assert_problem (f, login, "failed",
                  "The site refused the user name or application password. Check them with "
                  "“site check”, then run “queue run”.");
  assert_problem (f, gone, "failed",
                  "The article is no longer in the store, so there is nothing to send. Remove "
                  "this job.");
  assert_problem (f, removed_site, "failed",
                  "The site is no longer among the store's sites. Add it again with “site "
                  "add”, or remove this job.");

  g_assert_cmpint (cli_run (f, "queue", "list", "--help"), ==, 0);
  g_assert_nonnull (strstr (f->out, "why the publish waits"));
  g_assert_nonnull (strstr (f->out, "the site refused the login"));
}

static void
test_usage_errors (CliFixture    *f,
                   gconstpointer  data)
{
  g_autofree char *id = cli_new_article (f, "Bridge reopens", "Text.\n");

  g_assert_cmpint (cli_run (f, "publish", id), ==, 2);
  g_assert_nonnull (strstr (f->err, "--site"));
  g_assert_cmpint (cli_run (f, "publish", "--site", "newsroom"), ==, 2);
  g_assert_cmpint (cli_run (f, "publish", "--site", "newsroom", "--status", "live", id), ==, 2);
  g_assert_nonnull (strstr (f->err, "live"));
  g_assert_cmpint (cli_run (f, "publish", "--site", "newsroom", "--status", "future", id), ==, 2);
  g_assert_nonnull (strstr (f->err, "--at"));
  g_assert_cmpint (cli_run (f, "publish", "--site", "newsroom", "--status", "draft",
                            "--at", "2030-01-01T09:00:00Z", id), ==, 2);
  g_assert_cmpint (cli_run (f, "publish", "--site", "newsroom", "--at", "next tuesday", id), ==, 2);
  g_assert_nonnull (strstr (f->err, "next tuesday"));
  g_assert_cmpint (cli_run (f, "pull"), ==, 2);
  g_assert_cmpint (cli_run (f, "queue", "frobnicate"), ==, 2);
  g_assert_cmpint (cli_run (f, "site"), ==, 2);
  g_assert_cmpint (cli_run (f, "site", "check"), ==, 2);
}

static void
test_help (CliFixture    *f,
           gconstpointer  data)
{
  const char *commands[][3] = {
    { "site", "--help", NULL }, { "site", "add", "--help" }, { "site", "list", "--help" },
    { "site", "check", "--help" }, { "site", "remove", "--help" }, { "publish", "--help", NULL },
    { "pull", "--help", NULL }, { "queue", "--help", NULL }, { "queue", "list", "--help" },
    { "queue", "run", "--help" }, { "queue", "remove", "--help" },
  };
  g_autofree char *articles = g_build_filename (f->store, "articles", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_assert_cmpint (cli_run (f, commands[i][0], commands[i][1], commands[i][2]), ==, 0);
      g_assert_nonnull (strstr (f->out, "Usage"));
    }
  g_assert_cmpint (cli_run (f, "publish", "--help"), ==, 0);
  g_assert_nonnull (strstr (f->out, "--status"));
  g_assert_nonnull (strstr (f->out, "--force"));
  g_assert_nonnull (strstr (f->out, "--password-file"));
  g_assert_cmpint (cli_run (f, "--help"), ==, 0);
  g_assert_nonnull (strstr (f->out, "publish"));
  g_assert_nonnull (strstr (f->out, "queue"));
  /* Help never creates a store. */
  g_assert_false (g_file_test (articles, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, CliFixture, NULL, cli_fixture_set_up, func, cli_fixture_tear_down)
  ADD ("/cli-sites/add-list-remove", test_site_add_list_remove);
  ADD ("/cli-sites/plain-http-refused", test_plain_http_refused);
  ADD ("/cli-sites/unknown-site-and-article", test_unknown_site_and_article);
  ADD ("/cli-sites/insecure-password-file", test_insecure_password_file);
  ADD ("/cli-sites/blocked-by-checks", test_blocked_by_checks);
  ADD ("/cli-sites/unreachable-is-queued", test_unreachable_is_queued);
  ADD ("/cli-sites/queue-list-says-why", test_queue_list_says_why);
  ADD ("/cli-sites/usage-errors", test_usage_errors);
  ADD ("/cli-sites/help", test_help);
#undef ADD

  return g_test_run ();
}

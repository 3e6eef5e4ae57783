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
  g_assert_cmpuint (g_strv_length (fields), ==, 8);
  g_assert_true (g_uuid_string_is_valid (fields[0]));
  g_assert_cmpstr (fields[1], ==, id);
  g_assert_cmpstr (fields[2], ==, "newsroom");
  g_assert_cmpstr (fields[3], ==, "pending");
  g_assert_cmpstr (fields[4], ==, "waiting");
  /* The publish that queued it was the first attempt, and says why. */
  g_assert_cmpstr (fields[5], ==, "1");
  g_assert_nonnull (strstr (fields[7], "could not be reached"));
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
  ADD ("/cli-sites/usage-errors", test_usage_errors);
  ADD ("/cli-sites/help", test_help);
#undef ADD

  return g_test_run ();
}

/* test-cli-publish.c: copydesk-cli site, publish, pull and queue against a
 * real WordPress on 127.0.0.1
 *
 * Run through tests/wordpress/run-with-wordpress.sh, which sets
 * COPYDESK_TEST_WP_URL, COPYDESK_TEST_WP_USER and COPYDESK_SITE_PASSWORD;
 * without them every test skips.  What the CLI did is checked by asking
 * WordPress directly, with libsoup, and by reading the store's files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "cli-runner.h"
#include "wp-rest.h"

#define SITE "newsroom"

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

/* modified_gmt has one-second resolution: a change made within the same
 * second as the last write cannot be told from it. */
static void
next_second (void)
{
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);
}

static JsonObject *
object_of (JsonNode *node)
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
get_post (const char *post_id)
{
  g_autofree char *route = g_strdup_printf ("/wp/v2/posts/%s?context=edit", post_id);

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

static void
add_site (CliFixture *f)
{
  g_assert_cmpint (cli_run (f, "site", "add", SITE, "--url", g_getenv ("COPYDESK_TEST_WP_URL"),
                            "--user", g_getenv ("COPYDESK_TEST_WP_USER")), ==, 0);
}

/* A PNG of one colour, drawn with GdkPixbuf, so that each test uploads
 * an image of its own. */
static char *
write_png (CliFixture *f,
           const char *name,
           guint32     rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 160, 100);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->store, name, NULL);

  gdk_pixbuf_fill (pixbuf, rgba);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

/* The "ID<TAB>post-id<TAB>link" line publish prints for the article. */
static char *
published_post_id (CliFixture *f,
                   const char *id)
{
  g_auto(GStrv) lines = g_strsplit (f->out, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      if (g_strv_length (fields) == 3 && g_str_equal (fields[0], id))
        {
          g_assert_true (g_str_has_prefix (fields[2], g_getenv ("COPYDESK_TEST_WP_URL")));
          g_assert_cmpuint (strspn (fields[1], "0123456789"), ==, strlen (fields[1]));
          return g_strdup (fields[1]);
        }
    }
  g_error ("no line for %s in: %s", id, f->out);
  return NULL;
}

/* The value of the article's altIds entry with role "<SITE>:post-id". */
static char *
bound_post_id (CliFixture *f,
               const char *id)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *alt_ids;

  g_assert_cmpint (cli_run (f, "show", "--json", id), ==, 0);
  node = json_from_string (f->out, &error);
  g_assert_no_error (error);
  if (!json_object_has_member (object_of (node), "altIds"))
    return NULL;
  alt_ids = json_object_get_array_member (object_of (node), "altIds");
  for (guint i = 0; i < json_array_get_length (alt_ids); i++)
    {
      JsonObject *alt_id = json_array_get_object_element (alt_ids, i);

      if (g_str_equal (json_object_get_string_member (alt_id, "role"), SITE ":post-id"))
        return g_strdup (json_object_get_string_member (alt_id, "value"));
    }
  return NULL;
}

static void
assert_no_password (CliFixture *f)
{
  const char *password = g_getenv ("COPYDESK_SITE_PASSWORD");

  g_assert_null (strstr (f->out, password));
  g_assert_null (strstr (f->err, password));
}

/* ------------------------------------------------------------------------
 * Tests
 * ------------------------------------------------------------------------ */

static void
test_site_check (CliFixture    *f,
                 gconstpointer  data)
{
  g_autofree char *wrong = NULL;
  g_autofree char *expected = NULL;

  if (no_wordpress ())
    return;

  add_site (f);
  g_assert_cmpint (cli_run (f, "site", "list"), ==, 0);
  expected = g_strdup_printf ("%s\t%s\t%s\n", SITE, g_getenv ("COPYDESK_TEST_WP_URL"),
                              g_getenv ("COPYDESK_TEST_WP_USER"));
  g_assert_cmpstr (f->out, ==, expected);

  g_assert_cmpint (cli_run (f, "site", "check", SITE), ==, 0);
  g_assert_nonnull (strstr (f->out, "Logged in to " SITE));
  g_assert_nonnull (strstr (f->out, " as "));
  g_assert_nonnull (strstr (f->out, "/wp-json/"));
  assert_no_password (f);

  /* A wrong application password, from a file only its owner reads. */
  wrong = cli_write_file (f, "wrong-password", "aaaa bbbb cccc dddd eeee ffff\n", 0600);
  g_assert_cmpint (cli_run (f, "site", "check", SITE, "--password-file", wrong), ==, 1);
  g_assert_nonnull (strstr (f->err, "refused user"));
  g_assert_nonnull (strstr (f->err, "application password"));
  g_assert_null (strstr (f->err, "aaaa"));
  g_assert_cmpstr (f->out, ==, "");
}

static void
test_publish_with_photo (CliFixture    *f,
                         gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *png = NULL;
  g_autofree char *post_id = NULL;
  g_autofree char *bound = NULL;
  g_autofree char *again = NULL;
  g_autofree char *media_route = NULL;
  g_autoptr(JsonNode) post = NULL;
  g_autoptr(JsonNode) media = NULL;
  g_autoptr(JsonNode) updated = NULL;
  guint n_media;

  if (no_wordpress ())
    return;

  add_site (f);
  id = cli_new_article (f, "Harbour bridge reopens after repairs",
                        "The bridge reopened on Monday.\n\nTraffic is *light*.\n");
  png = write_png (f, "bridge.png", 0x3366ccff);
  g_assert_cmpint (cli_run (f, "set", id, "section", "Local"), ==, 0);
  g_assert_cmpint (cli_run (f, "set", id, "tags", "harbour, bridges"), ==, 0);
  g_assert_cmpint (cli_run (f, "photo", "add", id, "--caption", "The bridge at dawn",
                            "--credit", "Staff photo/Harbour Times", "--alt",
                            "A steel bridge over still water", "--file", png), ==, 0);

  g_assert_cmpint (cli_run (f, "publish", "--site", SITE, id), ==, 0);
  assert_no_password (f);
  post_id = published_post_id (f, id);

  /* On the site: the post, live, with the photo as its featured image. */
  post = get_post (post_id);
  g_assert_cmpstr (raw (object_of (post), "title"), ==, "Harbour bridge reopens after repairs");
  g_assert_cmpstr (json_object_get_string_member (object_of (post), "status"), ==, "publish");
  g_assert_nonnull (strstr (raw (object_of (post), "content"), "<em>light</em>"));
  g_assert_cmpint (json_object_get_int_member (object_of (post), "featured_media"), >, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (post), "tags")),
                    ==, 2);
  media_route = g_strdup_printf ("/wp/v2/media/%" G_GINT64_FORMAT "?context=edit",
                                 json_object_get_int_member (object_of (post), "featured_media"));
  media = wp_rest ("GET", media_route, NULL, NULL);
  g_assert_nonnull (strstr (raw (object_of (media), "caption"), "The bridge at dawn"));
  g_assert_nonnull (strstr (raw (object_of (media), "caption"), "Staff photo/Harbour Times"));
  g_assert_cmpstr (json_object_get_string_member (object_of (media), "alt_text"), ==,
                   "A steel bridge over still water");

  /* In the store: the binding, and the article is published. */
  bound = bound_post_id (f, id);
  g_assert_cmpstr (bound, ==, post_id);
  g_assert_cmpint (cli_run (f, "list"), ==, 0);
  g_assert_nonnull (strstr (f->out, "published"));

  /* Publishing again updates the same post, uploading nothing twice. */
  n_media = total_of ("/wp/v2/media?per_page=1");
  next_second ();
  g_assert_cmpint (cli_run (f, "set", id, "headline", "Harbour bridge reopens, traffic light"),
                   ==, 0);
  g_assert_cmpint (cli_run (f, "publish", "--site", SITE, id), ==, 0);
  again = published_post_id (f, id);
  g_assert_cmpstr (again, ==, post_id);
  updated = get_post (post_id);
  g_assert_cmpstr (raw (object_of (updated), "title"), ==, "Harbour bridge reopens, traffic light");
  g_assert_cmpuint (total_of ("/wp/v2/media?per_page=1"), ==, n_media);
}

static void
test_conflict_then_force (CliFixture    *f,
                          gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *post_id = NULL;
  g_autofree char *route = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *forced = NULL;
  g_autoptr(JsonNode) edited = NULL;
  g_autoptr(JsonNode) post = NULL;

  if (no_wordpress ())
    return;

  add_site (f);
  id = cli_new_article (f, "Council approves the harbour budget",
                        "The council approved the budget.\n");
  g_assert_cmpint (cli_run (f, "publish", "--site", SITE, id), ==, 0);
  post_id = published_post_id (f, id);

  /* An editor changes the post on the site, then the article changes here. */
  next_second ();
  route = g_strdup_printf ("/wp/v2/posts/%s", post_id);
  edited = wp_rest ("POST", route, "{\"title\":\"Council budget (edited on the site)\","
                 "\"excerpt\":\"Changed by the web desk.\"}", NULL);
  g_assert_cmpint (cli_run (f, "set", id, "standfirst", "Seven votes to two"), ==, 0);
  before = cli_article_file (f, id);

  g_assert_cmpint (cli_run (f, "publish", "--site", SITE, id), ==, 1);
  g_assert_cmpstr (f->out, ==, "");
  g_assert_nonnull (strstr (f->err, "changed on the site"));
  g_assert_nonnull (strstr (f->err, "On the site:"));
  g_assert_nonnull (strstr (f->err, "In Copydesk:"));
  g_assert_nonnull (strstr (f->err, "Council budget (edited on the site)"));
  g_assert_nonnull (strstr (f->err, "Council approves the harbour budget"));
  g_assert_nonnull (strstr (f->err, "Changed by the web desk."));
  g_assert_nonnull (strstr (f->err, "Seven votes to two"));
  g_assert_nonnull (strstr (f->err, "--force"));
  after = cli_article_file (f, id);
  g_assert_cmpstr (before, ==, after);
  post = get_post (post_id);
  g_assert_cmpstr (raw (object_of (post), "title"), ==, "Council budget (edited on the site)");
  g_clear_pointer (&post, json_node_unref);

  next_second ();
  g_assert_cmpint (cli_run (f, "publish", "--site", SITE, "--force", id), ==, 0);
  forced = published_post_id (f, id);
  g_assert_cmpstr (forced, ==, post_id);
  post = get_post (post_id);
  g_assert_cmpstr (raw (object_of (post), "title"), ==, "Council approves the harbour budget");
  g_assert_cmpstr (raw (object_of (post), "excerpt"), ==, "Seven votes to two");
}

static void
test_blocked_sends_nothing (CliFixture    *f,
                            gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *png = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint posts, media;

  if (no_wordpress ())
    return;

  add_site (f);
  id = cli_new_article (f, "Observatory opens its dome", "Visitors queued at dusk.\n");
  png = write_png (f, "dome.png", 0x222244ff);
  g_assert_cmpint (cli_run (f, "photo", "add", id, "--caption", "The dome at night",
                            "--alt", "A white dome under stars", "--file", png), ==, 0);
  before = cli_article_file (f, id);
  posts = total_of ("/wp/v2/posts?status=any&per_page=1");
  media = total_of ("/wp/v2/media?per_page=1");

  g_assert_cmpint (cli_run (f, "publish", "--site", SITE, id), ==, 1);
  g_assert_nonnull (strstr (f->err, "Photo 1 has no credit"));
  g_assert_cmpstr (f->out, ==, "");

  g_assert_cmpuint (total_of ("/wp/v2/posts?status=any&per_page=1"), ==, posts);
  g_assert_cmpuint (total_of ("/wp/v2/media?per_page=1"), ==, media);
  after = cli_article_file (f, id);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (cli_queue_exists (f));
}

/* Several articles published at once (side by side), all in one new
 * section with one new tag: the site ends up with one of each. */
static void
test_batch_makes_each_term_once (CliFixture    *f,
                                 gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *section = g_date_time_format (now, "Batch section %H%M%S");
  g_autofree char *tag = g_date_time_format (now, "batch-tag-%H%M%S");
  g_autofree char *query = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) categories = NULL;
  g_autoptr(JsonNode) tags = NULL;

  if (no_wordpress ())
    return;

  add_site (f);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *headline = g_strdup_printf ("Batch story %u", i);
      char *id = cli_new_article (f, headline, "A story of the batch.\n");

      g_assert_cmpint (cli_run (f, "set", id, "section", section), ==, 0);
      g_assert_cmpint (cli_run (f, "set", id, "tags", tag), ==, 0);
      g_ptr_array_add (ids, id);
    }
  g_assert_cmpint (cli_run (f, "publish", "--site", SITE,
                            (char *) ids->pdata[0], (char *) ids->pdata[1],
                            (char *) ids->pdata[2], (char *) ids->pdata[3],
                            (char *) ids->pdata[4], (char *) ids->pdata[5]), ==, 0);
  for (guint i = 0; i < ids->len; i++)
    g_free (published_post_id (f, ids->pdata[i]));

  query = g_uri_escape_string (section, NULL, FALSE);
  {
    g_autofree char *route = g_strdup_printf ("/wp/v2/categories?search=%s", query);
    categories = wp_rest ("GET", route, NULL, NULL);
  }
  g_assert_cmpuint (json_array_get_length (json_node_get_array (categories)), ==, 1);
  {
    g_autofree char *route = g_strdup_printf ("/wp/v2/tags?search=%s", tag);
    tags = wp_rest ("GET", route, NULL, NULL);
  }
  g_assert_cmpuint (json_array_get_length (json_node_get_array (tags)), ==, 1);
}

static void
test_scheduled (CliFixture    *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 3);
  g_autofree char *at = g_date_time_format (later, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *expected = g_date_time_format (later, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *id = NULL;
  g_autofree char *post_id = NULL;
  g_autoptr(JsonNode) post = NULL;

  if (no_wordpress ())
    return;

  add_site (f);
  id = cli_new_article (f, "Ferry timetable changes next week", "The first boat leaves at six.\n");
  g_assert_cmpint (cli_run (f, "publish", "--site", SITE, "--status", "future", "--at", at, id),
                   ==, 0);
  post_id = published_post_id (f, id);
  post = get_post (post_id);
  g_assert_cmpstr (json_object_get_string_member (object_of (post), "status"), ==, "future");
  g_assert_cmpstr (json_object_get_string_member (object_of (post), "date_gmt"), ==, expected);

  /* Not live yet: the article keeps its status. */
  g_assert_cmpint (cli_run (f, "list"), ==, 0);
  g_assert_nonnull (strstr (f->out, "draft"));
  g_assert_null (strstr (f->out, "published"));
}

static char *
create_post (const char *title,
             const char *status)
{
  g_autofree char *body = g_strdup_printf ("{\"title\":\"%s\",\"content\":\"<p>Body of %s</p>\","
                                           "\"status\":\"%s\"}", title, title, status);
  g_autoptr(JsonNode) post = wp_rest ("POST", "/wp/v2/posts", body, NULL);

  return g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (object_of (post), "id"));
}

static guint
count_lines_with (const char *text,
                  const char *needle)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i]; i++)
    if (strstr (lines[i], needle))
      n++;
  return n;
}

/* The line pull printed for post_id: "action<TAB>article<TAB>post<TAB>headline". */
static char **
pull_line (CliFixture *f,
           const char *post_id)
{
  g_auto(GStrv) lines = g_strsplit (f->out, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      char **fields = g_strsplit (lines[i], "\t", -1);

      if (g_strv_length (fields) == 4 && g_str_equal (fields[2], post_id))
        return fields;
      g_strfreev (fields);
    }
  g_error ("pull printed nothing about post %s: %s", post_id, f->out);
  return NULL;
}

static void
test_pull (CliFixture    *f,
           gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *route = NULL;
  g_autofree char *article = NULL;
  g_autofree char *bound = NULL;
  g_auto(GStrv) line = NULL;
  g_autoptr(JsonNode) edited = NULL;

  if (no_wordpress ())
    return;

  add_site (f);
  first = create_post ("Lighthouse keeper retires", "publish");
  second = create_post ("Draft about the regatta", "draft");

  g_assert_cmpint (cli_run (f, "pull", "--site", SITE), ==, 0);
  line = pull_line (f, first);
  g_assert_cmpstr (line[0], ==, "added");
  g_assert_cmpstr (line[3], ==, "Lighthouse keeper retires");
  article = g_strdup (line[1]);
  g_clear_pointer (&line, g_strfreev);
  line = pull_line (f, second);
  g_assert_cmpstr (line[0], ==, "added");
  g_clear_pointer (&line, g_strfreev);

  g_assert_cmpint (cli_run (f, "show", article), ==, 0);
  g_assert_nonnull (strstr (f->out, "Lighthouse keeper retires"));
  g_assert_nonnull (strstr (f->out, "Body of Lighthouse keeper retires"));
  bound = bound_post_id (f, article);
  g_assert_cmpstr (bound, ==, first);

  /* Pulled again: nothing is added twice. */
  g_assert_cmpint (cli_run (f, "pull", "--site", SITE), ==, 0);
  g_assert_null (strstr (f->out, "added"));
  line = pull_line (f, first);
  g_assert_cmpstr (line[0], ==, "unchanged");
  g_assert_cmpstr (line[1], ==, article);
  g_clear_pointer (&line, g_strfreev);

  /* Changed on the site: left alone, unless --update. */
  next_second ();
  route = g_strdup_printf ("/wp/v2/posts/%s", first);
  edited = wp_rest ("POST", route, "{\"title\":\"Lighthouse keeper retires after 40 years\"}", NULL);
  g_assert_cmpint (cli_run (f, "pull", "--site", SITE), ==, 0);
  line = pull_line (f, first);
  g_assert_cmpstr (line[0], ==, "skipped");
  g_clear_pointer (&line, g_strfreev);
  g_assert_nonnull (strstr (f->err, "--update"));
  g_assert_cmpint (cli_run (f, "show", article), ==, 0);
  g_assert_null (strstr (f->out, "40 years"));

  g_assert_cmpint (cli_run (f, "pull", "--site", SITE, "--update"), ==, 0);
  line = pull_line (f, first);
  g_assert_cmpstr (line[0], ==, "updated");
  g_assert_cmpstr (line[1], ==, article);
  g_assert_cmpint (cli_run (f, "show", article), ==, 0);
  g_assert_nonnull (strstr (f->out, "Lighthouse keeper retires after 40 years"));
  g_assert_cmpint (cli_run (f, "list"), ==, 0);
  g_assert_cmpuint (count_lines_with (f->out, "Lighthouse keeper"), ==, 1);
}

/* The body of the article as the store keeps it (Markdown), from the
 * ninjs that show --json prints. */
static char *
markdown_body (CliFixture *f,
               const char *id)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *bodies;

  g_assert_cmpint (cli_run (f, "show", "--json", id), ==, 0);
  node = json_from_string (f->out, &error);
  g_assert_no_error (error);
  bodies = json_object_get_array_member (object_of (node), "bodies");
  for (guint i = 0; i < json_array_get_length (bodies); i++)
    {
      JsonObject *body = json_array_get_object_element (bodies, i);

      if (g_str_equal (json_object_get_string_member (body, "contentType"), "text/markdown"))
        return g_strdup (json_object_get_string_member (body, "value"));
    }
  g_error ("no text/markdown body in: %s", f->out);
  return NULL;
}

/* {"content": content} (and a title when given), for the REST API. */
static char *
post_json (const char *title,
           const char *content)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  if (title)
    {
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, title);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, "publish");
    }
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, content);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* What WordPress 6.1's block editor saves for a heading, a paragraph with
 * a link, a nested list, a paragraph in Arabic, a table with a caption
 * and a paragraph with strikethrough and underline. */
#define BLOCK_EDITOR_HTML \
  "<!-- wp:heading -->\n<h2>Winter timetable</h2>\n<!-- /wp:heading -->\n\n" \
  "<!-- wp:paragraph -->\n<p>Sailings follow the <a href=\"https://example.com/tides?port=2&amp;" \
  "day=mon\">tide tables</a> from <strong>1 November</strong>.</p>\n<!-- /wp:paragraph -->\n\n" \
  "<!-- wp:list -->\n<ul><li>Weekdays: 06:00 &amp; 18:00</li><li>Weekends<ul><li>Saturday " \
  "only</li></ul></li></ul>\n<!-- /wp:list -->\n\n" \
  "<!-- wp:paragraph -->\n<p>تعود العبّارة إلى <em>الجزيرة</em>.</p>\n<!-- /wp:paragraph -->\n\n" \
  "<!-- wp:table -->\n<figure class=\"wp-block-table\"><table><thead><tr><th>Day</th>" \
  "<th>Sailings</th></tr></thead><tbody><tr><td>Monday</td><td><s>3</s> <strong>4</strong>" \
  "</td></tr><tr><td colspan=\"2\">Times &amp; tides vary</td></tr></tbody></table>" \
  "<figcaption class=\"wp-element-caption\">Winter sailings</figcaption></figure>\n" \
  "<!-- /wp:table -->\n\n" \
  "<!-- wp:paragraph -->\n<p>Fares <s>rise</s> <u>stay the same</u>.</p>\n<!-- /wp:paragraph -->"
#define BLOCK_EDITOR_TABLE \
  "<table>\n<thead>\n<tr><th>Day</th><th>Sailings</th></tr>\n</thead>\n<tbody>\n" \
  "<tr><td>Monday</td><td><s>3</s> <strong>4</strong></td></tr>\n" \
  "<tr><td colspan=\"2\">Times &amp; tides vary</td></tr>\n</tbody>\n</table>"
#define BLOCK_EDITOR_MARKDOWN \
  "## Winter timetable\n\n" \
  "Sailings follow the [tide tables](https://example.com/tides?port=2&day=mon) from " \
  "**1 November**.\n\n" \
  "- Weekdays: 06:00 & 18:00\n- Weekends\n  - Saturday only\n\n" \
  "تعود العبّارة إلى *الجزيرة*.\n\n" \
  BLOCK_EDITOR_TABLE "\n\nWinter sailings\n\n" \
  "Fares <s>rise</s> <u>stay the same</u>."

static void
test_pull_block_editor_html (CliFixture    *f,
                             gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *post_id = NULL;
  g_autofree char *original = NULL;
  g_autofree char *pulled = NULL;
  g_autofree char *route = NULL;
  g_autofree char *json = NULL;
  g_autofree char *site_article = NULL;
  g_autofree char *site_body = NULL;
  g_autoptr(JsonNode) edited = NULL;
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(JsonNode) republished = NULL;
  g_auto(GStrv) line = NULL;

  if (no_wordpress ())
    return;

  add_site (f);
  id = cli_new_article (f, "Night ferry resumes", "The ferry runs again.\n\nTimes *vary*.\n");
  g_assert_cmpint (cli_run (f, "publish", "--site", SITE, id), ==, 0);
  post_id = published_post_id (f, id);
  original = markdown_body (f, id);

  /* Untouched on the site: the body stays exactly as written. */
  g_assert_cmpint (cli_run (f, "pull", "--site", SITE, "--update"), ==, 0);
  line = pull_line (f, post_id);
  g_assert_cmpstr (line[0], ==, "unchanged");
  g_clear_pointer (&line, g_strfreev);
  pulled = markdown_body (f, id);
  g_assert_cmpstr (pulled, ==, original);
  g_clear_pointer (&pulled, g_free);

  /* Rewritten in the block editor: the store gets Markdown. */
  next_second ();
  route = g_strdup_printf ("/wp/v2/posts/%s", post_id);
  json = post_json (NULL, BLOCK_EDITOR_HTML);
  edited = wp_rest ("POST", route, json, NULL);
  g_assert_cmpstr (raw (object_of (edited), "content"), ==, BLOCK_EDITOR_HTML);
  g_assert_cmpint (cli_run (f, "pull", "--site", SITE, "--update"), ==, 0);
  line = pull_line (f, post_id);
  g_assert_cmpstr (line[0], ==, "updated");
  g_clear_pointer (&line, g_strfreev);
  pulled = markdown_body (f, id);
  g_assert_cmpstr (pulled, ==, BLOCK_EDITOR_MARKDOWN);

  /* Published again, the Markdown gives the site the same structure. */
  next_second ();
  g_assert_cmpint (cli_run (f, "publish", "--site", SITE, id), ==, 0);
  republished = get_post (post_id);
  g_assert_nonnull (strstr (raw (object_of (republished), "content"), "<h2>Winter timetable</h2>"));
  g_assert_nonnull (strstr (raw (object_of (republished), "content"),
                            "<a href=\"https://example.com/tides?port=2&amp;day=mon\">tide tables</a>"));
  g_assert_nonnull (strstr (raw (object_of (republished), "content"),
                            "<li>Weekends\n<ul>\n<li>Saturday only</li>"));
  /* The table and the tags go back as they came; pulled again, the post
   * is unchanged. */
  g_assert_nonnull (strstr (raw (object_of (republished), "content"), "\n" BLOCK_EDITOR_TABLE "\n"));
  g_assert_nonnull (strstr (raw (object_of (republished), "content"),
                            "<p>Fares <s>rise</s> <u>stay the same</u>.</p>"));
  g_assert_cmpint (cli_run (f, "pull", "--site", SITE, "--update"), ==, 0);
  line = pull_line (f, post_id);
  g_assert_cmpstr (line[0], ==, "unchanged");
  g_clear_pointer (&line, g_strfreev);
  g_clear_pointer (&pulled, g_free);
  pulled = markdown_body (f, id);
  g_assert_cmpstr (pulled, ==, BLOCK_EDITOR_MARKDOWN);

  /* A post written on the site comes in as Markdown too. */
  g_free (json);
  json = post_json ("Harbour notes", BLOCK_EDITOR_HTML);
  created = wp_rest ("POST", "/wp/v2/posts", json, NULL);
  g_free (post_id);
  post_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (object_of (created), "id"));
  g_assert_cmpint (cli_run (f, "pull", "--site", SITE), ==, 0);
  line = pull_line (f, post_id);
  g_assert_cmpstr (line[0], ==, "added");
  site_article = g_strdup (line[1]);
  site_body = markdown_body (f, site_article);
  g_assert_cmpstr (site_body, ==, BLOCK_EDITOR_MARKDOWN);
}

static void
test_queue_until_site_answers (CliFixture    *f,
                               gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *closed = NULL;
  g_autofree char *id = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *post_id = NULL;
  g_autofree char *binding = NULL;
  g_autoptr(JsonNode) post = NULL;

  if (no_wordpress ())
    return;

  /* A loopback port nothing listens on. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  closed = g_strdup_printf ("http://127.0.0.1:%u",
                            g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  g_assert_cmpint (cli_run (f, "site", "add", SITE, "--url", closed,
                            "--user", g_getenv ("COPYDESK_TEST_WP_USER")), ==, 0);
  id = cli_new_article (f, "Night market moves to the quay", "Stalls open at seven.\n");
  before = cli_article_file (f, id);
  g_assert_cmpint (cli_run (f, "publish", "--site", SITE, id), ==, 3);
  g_assert_nonnull (strstr (f->err, "queued"));
  after = cli_article_file (f, id);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (cli_run (f, "queue", "list"), ==, 0);
  g_assert_nonnull (strstr (f->out, id));
  g_assert_nonnull (strstr (f->out, "\twaiting\t"));

  /* The site answers again, at its real address. */
  g_assert_cmpint (cli_run (f, "site", "remove", SITE), ==, 0);
  add_site (f);
  g_assert_cmpint (cli_run (f, "queue", "run"), ==, 0);
  post_id = published_post_id (f, id);
  g_assert_nonnull (strstr (f->err, "published: 1, waiting for their site: 0, failed: 0"));
  g_assert_cmpint (cli_run (f, "queue", "list"), ==, 0);
  g_assert_cmpstr (f->out, ==, "");

  binding = bound_post_id (f, id);
  g_assert_cmpstr (binding, ==, post_id);
  post = get_post (post_id);
  g_assert_cmpstr (raw (object_of (post), "title"), ==, "Night market moves to the quay");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, CliFixture, NULL, cli_fixture_set_up, func, cli_fixture_tear_down)
  ADD ("/cli-publish/site-check", test_site_check);
  ADD ("/cli-publish/publish-with-photo", test_publish_with_photo);
  ADD ("/cli-publish/conflict-then-force", test_conflict_then_force);
  ADD ("/cli-publish/blocked-sends-nothing", test_blocked_sends_nothing);
  ADD ("/cli-publish/batch-makes-each-term-once", test_batch_makes_each_term_once);
  ADD ("/cli-publish/scheduled", test_scheduled);
  ADD ("/cli-publish/pull", test_pull);
  ADD ("/cli-publish/pull-block-editor-html", test_pull_block_editor_html);
  ADD ("/cli-publish/queue-until-site-answers", test_queue_until_site_answers);
#undef ADD

  return g_test_run ();
}

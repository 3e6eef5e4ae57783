/* test-store.c: the store's files, list, trash, settings and photos
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "cd-article-file.h"
#include "cd-store.h"
#include "store-test-util.h"

typedef struct
{
  char *dir;
  CdStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = cd_test_make_tmp_dir ("copydesk-store");
  fixture->store = cd_store_new (fixture->dir);
  cd_store_open (fixture->store, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  cd_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static CdStore *
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CdStore *store = cd_store_new (fixture->dir);

  cd_store_open (store, NULL, &error);
  g_assert_no_error (error);
  return store;
}

static CdArticle *
article_with_id (const char *id,
                 const char *headline)
{
  CdArticle *article = cd_article_new_with_id (id);

  cd_article_set_headline (article, headline);
  cd_article_set_body (article, "Some text.");
  return article;
}

static void
save_ok (CdStore   *store,
         CdArticle *article)
{
  g_autoptr(GError) error = NULL;

  cd_store_save_article (store, article, NULL, &error);
  g_assert_no_error (error);
}

static CdArticleSummary *
item (CdStore *store,
      guint    position)
{
  CdArticleSummary *summary = g_list_model_get_item (G_LIST_MODEL (store), position);

  g_object_unref (summary); /* the store keeps it */
  return summary;
}

/* ------------------------------------------------------------------------ */

static void
test_store_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CdArticle) article = store_test_full_article ();
  g_autoptr(CdArticle) loaded = NULL;
  g_autoptr(CdStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *summary_fingerprint = NULL;
  g_auto(GStrv) summary_tags = NULL;
  g_autoptr(GDateTime) summary_created = NULL;
  g_autoptr(GDateTime) summary_modified = NULL;
  CdArticleSummary *summary;

  g_assert_cmpuint (cd_article_get_revision (article), ==, 0);
  save_ok (fixture->store, article);
  g_assert_cmpuint (cd_article_get_revision (article), ==, 1);

  other = reopen (fixture);
  loaded = cd_store_load_article (other, cd_article_get_id (article), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cd_article_equal (article, loaded));
  g_assert_cmpstr (cd_article_get_source (loaded), ==, "RAW COPY\r\n\tline two\u00a0\nالنص الأصلي\n");
  g_assert_cmpstr (cd_site_binding_get_published_hash (cd_article_get_binding (loaded, "main-site")),
                   ==, "9f86d081884c7d659a2feaa0c55ad015");
  g_assert_null (cd_site_binding_get_post_id (cd_article_get_binding (loaded, "archive")));

  /* The list (read from the index, or from the file) says the same. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 1);
  summary = item (other, 0);
  g_assert_cmpstr (cd_article_summary_get_headline (summary), ==, cd_article_get_headline (article));
  g_assert_cmpstr (cd_article_summary_get_standfirst (summary), ==,
                   cd_article_get_standfirst (article));
  summary_tags = cd_article_summary_dup_tags (summary);
  g_assert_true (g_strv_equal ((const char * const *) summary_tags, cd_article_get_tags (article)));
  g_assert_cmpint (cd_article_summary_get_status (summary), ==, CD_ARTICLE_STATUS_READY);
  g_assert_cmpstr (cd_article_summary_get_section (summary), ==, "سياسة");
  g_assert_cmpstr (cd_article_summary_get_language (summary), ==, "ar");
  g_assert_cmpuint (cd_article_summary_get_n_photos (summary), ==, 2);
  g_assert_cmpuint (cd_article_summary_get_revision (summary), ==, 1);
  summary_modified = cd_article_summary_dup_modified (summary);
  g_assert_true (g_date_time_equal (summary_modified, cd_article_get_modified (article)));
  summary_created = cd_article_summary_dup_created (summary);
  g_assert_true (g_date_time_equal (summary_created, cd_article_get_created (article)));
  g_assert_cmpint (cd_article_summary_get_warnings (summary), ==, cd_article_get_warnings (article));
  g_assert_cmpstr (cd_article_summary_get_duplicate_of (summary), ==,
                   "0b7c1d2e-3f40-4a51-8b62-7c83d94e05f6");
  fingerprint = cd_article_dup_fingerprint (loaded);
  summary_fingerprint = cd_article_summary_dup_fingerprint (summary);
  g_assert_cmpstr (summary_fingerprint, ==, fingerprint);
  g_assert_cmpuint (cd_article_summary_get_simhash (summary), ==, cd_article_get_simhash (article));
}

static void
test_store_round_trip_index (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(CdArticle) article = store_test_full_article ();
  g_autofree char *path = NULL;
  g_autoptr(CdStore) first = NULL;
  g_autoptr(CdStore) second = NULL;
  g_autofree char *a_fingerprint = NULL, *b_fingerprint = NULL;
  g_auto(GStrv) a_tags = NULL, b_tags = NULL;
  g_autoptr(GDateTime) a_created = NULL, b_created = NULL;
  g_autoptr(GDateTime) a_modified = NULL, b_modified = NULL;
  CdArticleSummary *a, *b;

  save_ok (fixture->store, article);
  path = g_strdup_printf ("%s/articles/%s.json", fixture->dir, cd_article_get_id (article));
  /* Old enough that the index may be trusted for it. */
  store_test_set_mtime (path, 3600);
  first = reopen (fixture);   /* reads the file, writes the index */
  second = reopen (fixture);  /* reads the index */
  a = item (first, 0);
  b = item (second, 0);
  g_assert_cmpstr (cd_article_summary_get_headline (a), ==, cd_article_summary_get_headline (b));
  g_assert_cmpstr (cd_article_summary_get_standfirst (a), ==,
                   cd_article_summary_get_standfirst (b));
  a_tags = cd_article_summary_dup_tags (a);
  b_tags = cd_article_summary_dup_tags (b);
  g_assert_true (g_strv_equal ((const char * const *) a_tags, (const char * const *) b_tags));
  a_fingerprint = cd_article_summary_dup_fingerprint (a);
  b_fingerprint = cd_article_summary_dup_fingerprint (b);
  g_assert_cmpstr (a_fingerprint, ==, b_fingerprint);
  g_assert_cmpuint (cd_article_summary_get_simhash (a), ==, cd_article_summary_get_simhash (b));
  a_created = cd_article_summary_dup_created (a);
  b_created = cd_article_summary_dup_created (b);
  g_assert_true (g_date_time_equal (a_created, b_created));
  a_modified = cd_article_summary_dup_modified (a);
  b_modified = cd_article_summary_dup_modified (b);
  g_assert_true (g_date_time_equal (a_modified, b_modified));
  g_assert_cmpint (cd_article_summary_get_warnings (a), ==, cd_article_summary_get_warnings (b));
  g_assert_cmpuint (cd_article_summary_get_n_photos (a), ==, 2);
  g_assert_cmpuint (cd_article_summary_get_n_photos (b), ==, 2);
}

static JsonObject *
read_json_file (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
validate_ninjs (JsonObject *ninjs)
{
  g_autofree char *schema = g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "ninjs",
                                                   "ninjs-schema_3.1.json", NULL);
  g_autofree char *file = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GError) error = NULL;
  int fd, status = -1;
  const char *script =
    "import json, sys, jsonschema\n"
    "schema = json.load(open(sys.argv[1]))\n"
    "jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2])))\n";

  if (!g_file_test (schema, G_FILE_TEST_EXISTS) || !g_file_test ("/usr/bin/python3",
                                                                 G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_message ("../shared/ninjs or /usr/bin/python3 is missing: schema not checked");
      return;
    }
  fd = g_file_open_tmp ("ninjs-XXXXXX.json", &file, &error);
  g_assert_no_error (error);
  close (fd);
  json_node_set_object (node, ninjs);
  g_file_set_contents (file, json_to_string (node, FALSE), -1, &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { "/usr/bin/python3", "-c", script, schema, file, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  g_unlink (file);
  if (status != 0)
    g_error ("the stored ninjs does not validate: %s", err);
}

static void
test_store_file_shape (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CdArticle) article = store_test_full_article ();
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *ninjs, *copydesk;
  JsonArray *sites;

  save_ok (fixture->store, article);
  path = g_strdup_printf ("%s/articles/%s.json", fixture->dir, cd_article_get_id (article));
  root = read_json_file (path);
  members = json_object_get_members (root);
  g_assert_cmpuint (g_list_length (members), ==, 3);
  g_assert_cmpint (json_object_get_int_member (root, "format"), ==, 1);

  ninjs = json_object_get_object_member (root, "ninjs");
  uri = g_strconcat ("urn:uuid:", cd_article_get_id (article), NULL);
  g_assert_cmpstr (json_object_get_string_member (ninjs, "uri"), ==, uri);
  g_assert_cmpstr (json_object_get_string_member (ninjs, "version"), ==, "1");
  g_assert_false (json_object_has_member (ninjs, "copydesk"));
  validate_ninjs (ninjs);

  copydesk = json_object_get_object_member (root, "copydesk");
  g_assert_cmpstr (json_object_get_string_member (copydesk, "status"), ==, "ready");
  g_assert_cmpint (json_object_get_int_member (copydesk, "revision"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (copydesk, "source"), ==,
                   cd_article_get_source (article));
  g_assert_cmpstr (json_object_get_string_member (copydesk, "duplicate-of"), ==,
                   cd_article_get_duplicate_of (article));
  sites = json_object_get_array_member (copydesk, "sites");
  g_assert_cmpuint (json_array_get_length (sites), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sites, 0),
                                                  "post-id"), ==, "4711");

  /* Nothing else in the folder: no temporary files left. */
  {
    g_autofree char *articles = g_build_filename (fixture->dir, "articles", NULL);
    g_autoptr(GPtrArray) names = store_test_list_names (articles);
    g_assert_cmpuint (names->len, ==, 1);
  }
}

/* ------------------------------------------------------------------------ */

typedef struct
{
  guint emissions;
  guint removed;
  guint added;
  guint last_position;
} Changes;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Changes    *changes)
{
  changes->emissions++;
  changes->removed += removed;
  changes->added += added;
  changes->last_position = position;
}

static void
assert_order (CdStore            *store,
              const char * const *headlines)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  g_assert_cmpuint (n, ==, g_strv_length ((char **) headlines));
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (cd_article_summary_get_headline (item (store, i)), ==, headlines[i]);
}

static void
test_store_list_model (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CdArticle) a = cd_article_new ();
  g_autoptr(CdArticle) b = cd_article_new ();
  g_autoptr(CdArticle) c = cd_article_new ();
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(CdStore) other = NULL;
  g_autoptr(GError) error = NULL;
  CdStore *store = fixture->store;
  Changes changes = { 0 };

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (store)) == CD_TYPE_ARTICLE_SUMMARY);
  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);
  cd_article_set_headline (a, "A");
  cd_article_set_headline (b, "B");
  cd_article_set_headline (c, "C");

  save_ok (store, a);
  g_assert_cmpuint (changes.emissions, ==, 1);
  save_ok (store, b);
  g_assert_cmpuint (changes.emissions, ==, 2);
  g_assert_cmpuint (changes.last_position, ==, 0);
  assert_order (store, (const char *[]) { "B", "A", NULL });

  /* Saving the older one moves it to the top: one removal, one insertion. */
  changes = (Changes) { 0 };
  cd_article_set_headline (a, "A2");
  save_ok (store, a);
  g_assert_cmpuint (changes.emissions, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  assert_order (store, (const char *[]) { "A2", "B", NULL });

  /* Saving the top one again replaces it in place, so that filter and
   * sort models downstream see the change. */
  changes = (Changes) { 0 };
  save_ok (store, a);
  g_assert_cmpuint (changes.emissions, ==, 1);
  g_assert_cmpuint (changes.last_position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  assert_order (store, (const char *[]) { "A2", "B", NULL });

  changes = (Changes) { 0 };
  g_ptr_array_add (batch, c);
  cd_store_add_articles (store, batch, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes.emissions, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  assert_order (store, (const char *[]) { "C", "A2", "B", NULL });

  changes = (Changes) { 0 };
  cd_store_trash_article (store, cd_article_get_id (a), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes.emissions, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.last_position, ==, 1);
  assert_order (store, (const char *[]) { "C", "B", NULL });

  changes = (Changes) { 0 };
  cd_store_restore_article (store, cd_article_get_id (a), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes.emissions, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  assert_order (store, (const char *[]) { "C", "A2", "B", NULL });

  /* Opening again: one change for the whole list, and the same objects. */
  {
    CdArticleSummary *top = item (store, 0);

    changes = (Changes) { 0 };
    cd_store_open (store, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (changes.emissions, ==, 1);
    g_assert_cmpuint (changes.removed, ==, 3);
    g_assert_cmpuint (changes.added, ==, 3);
    g_assert_true (item (store, 0) == top);
  }

  other = reopen (fixture);
  assert_order (other, (const char *[]) { "C", "A2", "B", NULL });
  g_assert_true (cd_store_find (other, cd_article_get_id (b)) != NULL);
  g_assert_null (cd_store_find (other, "00000000-0000-4000-8000-000000000000"));
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_store_summary_updates_in_place (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  CdArticleSummary *summary;
  guint headline_notifies = 0, revision_notifies = 0;

  cd_article_set_headline (article, "First");
  save_ok (fixture->store, article);
  summary = cd_store_find (fixture->store, cd_article_get_id (article));
  g_assert_nonnull (summary);
  g_signal_connect (summary, "notify::headline", G_CALLBACK (count_notify_cb), &headline_notifies);
  g_signal_connect (summary, "notify::revision", G_CALLBACK (count_notify_cb), &revision_notifies);

  cd_article_set_headline (article, "Second");
  save_ok (fixture->store, article);
  g_assert_true (cd_store_find (fixture->store, cd_article_get_id (article)) == summary);
  g_assert_cmpstr (cd_article_summary_get_headline (summary), ==, "Second");
  g_assert_cmpuint (cd_article_summary_get_revision (summary), ==, 2);
  g_assert_cmpuint (headline_notifies, ==, 1);
  g_assert_cmpuint (revision_notifies, ==, 1);

  save_ok (fixture->store, article);
  g_assert_cmpuint (headline_notifies, ==, 1);
  g_assert_cmpuint (revision_notifies, ==, 2);
}

/* ------------------------------------------------------------------------
 * The index's format
 *
 * index.tsv is a cache that outlives the Copydesk that wrote it, so its
 * version 1 format is a contract: the test composes entries itself, from
 * its own reading of the format, rather than trusting the store's writer.
 */

/* The checksum of version 1 (a FNV-like mix, 8 bytes at a time). */
static guint64
index_checksum (const char *data,
                gsize       length)
{
  guint64 h = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) ^ length;

  for (; length >= 8; data += 8, length -= 8)
    {
      guint64 word;

      memcpy (&word, data, 8);
      h = (h ^ word) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      h ^= h >> 32;
    }
  for (; length > 0; data++, length--)
    h = (h ^ (guchar) *data) * G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 29;
  return h;
}

static void
append_index_text (GString    *line,
                   const char *text,
                   const char *end)
{
  for (const char *p = text ? text : ""; *p; p++)
    switch (*p)
      {
      case '\\': g_string_append (line, "\\\\"); break;
      case '\t': g_string_append (line, "\\t"); break;
      case '\n': g_string_append (line, "\\n"); break;
      case '\r': g_string_append (line, "\\r"); break;
      case '\x1f': g_string_append (line, "\\u"); break;
      default: g_string_append_c (line, *p); break;
      }
  g_string_append (line, end);
}

static gint64
usec_of (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

/* The entry of @article, stored in a file that stat() describes, with
 * @headline in place of the article's own. */
static char *
compose_index_entry (CdArticle         *article,
                     const struct stat *st,
                     const char        *headline)
{
  GString *line = g_string_new (NULL);
  g_autofree char *fingerprint = cd_article_dup_fingerprint (article);
  const char * const *tags = cd_article_get_tags (article);

  append_index_text (line, cd_article_get_id (article), "\t");
  g_string_append_printf (line, "%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%" G_GUINT64_FORMAT
                          "\t%" G_GUINT64_FORMAT "\t%d\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT
                          "\t%u\t%u\t%" G_GINT64_MODIFIER "x\t",
                          (gint64) st->st_size,
                          (gint64) st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec,
                          (guint64) st->st_ino, cd_article_get_revision (article),
                          (int) cd_article_get_status (article),
                          usec_of (cd_article_get_created (article)),
                          usec_of (cd_article_get_modified (article)),
                          cd_article_get_n_photos (article),
                          (guint) cd_article_get_warnings (article),
                          cd_article_get_simhash (article));
  append_index_text (line, fingerprint, "\t");
  append_index_text (line, cd_article_get_language (article), "\t");
  append_index_text (line, cd_article_get_section (article), "\t");
  append_index_text (line, cd_article_get_duplicate_of (article), "\t");
  for (guint i = 0; tags[i]; i++)
    append_index_text (line, tags[i], tags[i + 1] ? "\x1f" : "");
  g_string_append_c (line, '\t');
  append_index_text (line, headline, "\t");
  append_index_text (line, cd_article_get_standfirst (article), "\n");
  return g_string_free (line, FALSE);
}

static void
write_index (const char *path,
             const char *entry)
{
  g_autofree char *text = g_strdup_printf ("copydesk-index 1\n%send 1 %" G_GINT64_MODIFIER "x\n",
                                           entry, index_checksum (entry, strlen (entry)));

  store_test_write_bytes (path, text, -1);
}

static char *
find_index_entry (const char *path,
                  const char *id)
{
  g_autoptr(GBytes) bytes = store_test_read_bytes (path);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *start = g_strconcat ("\n", id, "\t", NULL);
  const char *line = strstr (text, start);

  g_assert_nonnull (line);
  line++;
  return g_strndup (line, (gsize) (strchr (line, '\n') + 1 - line));
}

/* A version 1 entry is believed as it stands (its headline differs from
 * the file's, which is not read) and written back byte for byte. */
static void
test_store_index_version_1 (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(CdArticle) stored = NULL;
  g_autoptr(CdStore) other = NULL;
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL, *entry = NULL, *written = NULL, *fingerprint = NULL;
  g_autofree char *summary_fingerprint = NULL;
  g_autofree char *index = g_build_filename (fixture->dir, "index.tsv", NULL);
  g_auto(GStrv) tags = NULL;
  const char * const article_tags[] = { "ferry", "tab\tand\\backslash", "unit\x1fseparator", NULL };
  CdArticleSummary *summary;
  struct stat st;

  cd_article_set_headline (article, "The file's headline");
  cd_article_set_standfirst (article, "Two\nlines\r");
  cd_article_set_section (article, "سياسة");
  cd_article_set_language (article, "ar");
  cd_article_set_tags (article, article_tags);
  cd_article_set_duplicate_of (article, "0b7c1d2e-3f40-4a51-8b62-7c83d94e05f6");
  save_ok (fixture->store, article);
  stored = cd_store_load_article (fixture->store, cd_article_get_id (article), NULL, &error);
  g_assert_no_error (error);
  path = g_strdup_printf ("%s/articles/%s.json", fixture->dir, cd_article_get_id (article));
  store_test_set_mtime (path, 3600);
  g_assert_cmpint (stat (path, &st), ==, 0);
  entry = compose_index_entry (stored, &st, "The index's headline");
  write_index (index, entry);

  other = reopen (fixture);
  summary = cd_store_find (other, cd_article_get_id (article));
  g_assert_nonnull (summary);
  g_assert_cmpstr (cd_article_summary_get_headline (summary), ==, "The index's headline");
  g_assert_cmpstr (cd_article_summary_get_standfirst (summary), ==, "Two\nlines\r");
  g_assert_cmpstr (cd_article_summary_get_section (summary), ==, "سياسة");
  g_assert_cmpstr (cd_article_summary_get_duplicate_of (summary), ==,
                   "0b7c1d2e-3f40-4a51-8b62-7c83d94e05f6");
  tags = cd_article_summary_dup_tags (summary);
  g_assert_true (g_strv_equal ((const char * const *) tags, article_tags));
  fingerprint = cd_article_dup_fingerprint (stored);
  summary_fingerprint = cd_article_summary_dup_fingerprint (summary);
  g_assert_cmpstr (summary_fingerprint, ==, fingerprint);

  /* Adding articles rewrites the index from the list. */
  g_ptr_array_add (more, cd_article_new ());
  cd_store_add_articles (other, more, NULL, &error);
  g_assert_no_error (error);
  written = find_index_entry (index, cd_article_get_id (article));
  g_assert_cmpstr (written, ==, entry);
}

/* ------------------------------------------------------------------------ */

static void
test_store_resolve_id (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *ids[] = {
    "aaaa1111-0000-4000-8000-000000000001",
    "aaaa2222-0000-4000-8000-000000000002",
    "bbbb3333-0000-4000-8000-000000000003",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *resolved = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(CdArticle) article = article_with_id (ids[i], "x");
      save_ok (fixture->store, article);
    }

  resolved = cd_store_resolve_id (fixture->store, "b", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resolved, ==, ids[2]);
  g_free (resolved);
  resolved = cd_store_resolve_id (fixture->store, "AAAA2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resolved, ==, ids[1]);
  g_free (resolved);
  resolved = cd_store_resolve_id (fixture->store, ids[0], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resolved, ==, ids[0]);
  g_clear_pointer (&resolved, g_free);

  resolved = cd_store_resolve_id (fixture->store, "aaaa", &error);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_AMBIGUOUS);
  g_assert_null (resolved);
  g_assert_nonnull (strstr (error->message, "“aaaa”"));
  g_assert_nonnull (strstr (error->message, ids[0]));
  g_clear_error (&error);

  resolved = cd_store_resolve_id (fixture->store, "c0ffee", &error);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“c0ffee”"));
  g_clear_error (&error);

  resolved = cd_store_resolve_id (fixture->store, "", &error);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
}

/* ------------------------------------------------------------------------ */

static void
test_store_trash_restore (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(CdArticle) stale = NULL;
  g_autoptr(GPtrArray) trash = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *in_articles = NULL;
  g_autofree char *in_trash = NULL;
  const char *id = cd_article_get_id (article);

  cd_article_set_headline (article, "To the bin");
  save_ok (fixture->store, article);
  stale = cd_article_copy (article);
  in_articles = g_strdup_printf ("%s/articles/%s.json", fixture->dir, id);
  in_trash = g_strdup_printf ("%s/trash/%s.json", fixture->dir, id);

  cd_store_trash_article (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (in_articles, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (in_trash, G_FILE_TEST_EXISTS));
  g_assert_null (cd_store_find (fixture->store, id));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 0);

  trash = cd_store_list_trash (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trash->len, ==, 1);
  g_assert_cmpstr (cd_article_summary_get_headline (g_ptr_array_index (trash, 0)), ==,
                   "To the bin");

  /* Saving a copy opened before it was trashed is a conflict. */
  cd_store_save_article (fixture->store, stale, NULL, &error);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "trash"));
  g_clear_error (&error);
  g_assert_false (g_file_test (in_articles, G_FILE_TEST_EXISTS));

  cd_store_trash_article (fixture->store, id, &error);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  cd_store_restore_article (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (in_articles, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (in_trash, G_FILE_TEST_EXISTS));
  g_assert_nonnull (cd_store_find (fixture->store, id));

  /* The restored article saves on from where it was. */
  save_ok (fixture->store, stale);
  g_assert_cmpuint (cd_article_get_revision (stale), ==, 2);

  cd_store_restore_article (fixture->store, id, &error);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
}

static void
test_store_trash_keeps_older_copy (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *trash_dir = g_build_filename (fixture->dir, "trash", NULL);
  g_autoptr(GPtrArray) names = NULL;
  const char *id = cd_article_get_id (article);

  save_ok (fixture->store, article);
  cd_store_trash_article (fixture->store, id, &error);
  g_assert_no_error (error);
  /* A new article with the same id (as a CLI import of the same file
   * would make) trashed again: the first trashed copy stays. */
  cd_article_set_revision (article, 0);
  save_ok (fixture->store, article);
  cd_store_trash_article (fixture->store, id, &error);
  g_assert_no_error (error);
  names = store_test_list_names (trash_dir);
  g_assert_cmpuint (names->len, ==, 2);
}

/* A new article left empty goes for good, not to the trash; one that
 * another program saved since is kept. */
static void
test_store_discard (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(CdArticle) changed = NULL;
  g_autoptr(CdStore) other = NULL;
  g_autoptr(GPtrArray) trash = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *id = cd_article_get_id (article);
  guint64 revision;

  save_ok (fixture->store, article);
  revision = cd_article_get_revision (article);
  path = g_strdup_printf ("%s/articles/%s.json", fixture->dir, id);

  /* Saved by another program: a stale revision deletes nothing. */
  other = reopen (fixture);
  changed = cd_store_load_article (other, id, NULL, &error);
  g_assert_no_error (error);
  cd_article_set_headline (changed, "Typed elsewhere");
  save_ok (other, changed);
  g_assert_false (cd_store_discard_article (fixture->store, id, revision, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_nonnull (cd_store_find (fixture->store, id));

  /* At the revision on disk: gone from the folder, the list and the trash. */
  g_assert_true (cd_store_discard_article (fixture->store, id,
                                           cd_article_get_revision (changed), &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (cd_store_find (fixture->store, id));
  trash = cd_store_list_trash (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trash->len, ==, 0);

  g_assert_false (cd_store_discard_article (fixture->store, id, revision, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
}

/* ------------------------------------------------------------------------ */

static void
test_store_settings (Fixture       *fixture,
                     gconstpointer  data)
{
  JsonObject *settings = cd_store_get_settings (fixture->store);
  g_autoptr(JsonObject) changed = json_object_new ();
  g_autoptr(JsonObject) on_disk = NULL;
  g_autoptr(CdStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "store.json", NULL);
  guint notifies = 0;

  g_signal_connect (fixture->store, "notify::settings", G_CALLBACK (count_notify_cb), &notifies);
  g_assert_cmpint (json_object_get_int_member (settings, "format"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (settings, "headline-limit"), ==, 90);
  g_assert_cmpstr (cd_store_get_default_language (fixture->store), ==, "en");

  json_object_set_string_member (changed, "default-language", "ar");
  json_object_set_int_member (changed, "headline-limit", 70);
  json_object_set_array_member (changed, "sites", json_array_new ());
  cd_store_save_settings (fixture->store, changed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_store_get_default_language (fixture->store), ==, "ar");
  /* Whoever shows a setting learns of the change. */
  g_assert_cmpuint (notifies, ==, 1);
  g_object_get (fixture->store, "settings", &on_disk, NULL);
  g_assert_cmpint (json_object_get_int_member (on_disk, "headline-limit"), ==, 70);
  g_clear_pointer (&on_disk, json_object_unref);
  /* Reading the folder again reads the settings again. */
  g_assert_true (cd_store_open (fixture->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notifies, ==, 2);

  on_disk = read_json_file (path);
  g_assert_cmpint (json_object_get_int_member (on_disk, "format"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (on_disk, "default-language"), ==, "ar");

  other = reopen (fixture);
  settings = cd_store_get_settings (other);
  g_assert_cmpstr (cd_store_get_default_language (other), ==, "ar");
  g_assert_cmpint (json_object_get_int_member (settings, "headline-limit"), ==, 70);
  g_assert_true (json_object_has_member (settings, "sites"));
  g_assert_cmpuint (cd_store_get_problems (other)->len, ==, 0);
}

/* Another program changes store.json: reloading picks it up, once. */
static void
test_store_settings_reload (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(CdStore) other = reopen (fixture);
  g_autoptr(JsonObject) changed = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "store.json", NULL);
  guint notifies = 0;

  g_signal_connect (fixture->store, "notify::settings", G_CALLBACK (count_notify_cb), &notifies);
  json_object_set_int_member (changed, "headline-limit", 55);
  g_assert_true (cd_store_save_settings (other, changed, &error));

  g_assert_true (cd_store_reload_settings (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_cmpint (json_object_get_int_member (cd_store_get_settings (fixture->store),
                                               "headline-limit"), ==, 55);
  /* Defaults fill what the file leaves out. */
  g_assert_cmpstr (cd_store_get_default_language (fixture->store), ==, "en");
  /* Nothing new: no notification. */
  g_assert_true (cd_store_reload_settings (fixture->store, &error));
  g_assert_cmpuint (notifies, ==, 1);

  /* A file that does not load leaves the settings as they were and says
   * which file. */
  g_assert_true (g_file_set_contents (path, "{\"headline-limit\": ", -1, NULL));
  g_assert_false (cd_store_reload_settings (fixture->store, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_cmpint (json_object_get_int_member (cd_store_get_settings (fixture->store),
                                               "headline-limit"), ==, 55);
}

static void
test_store_default_path (void)
{
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;

  g_setenv ("COPYDESK_STORE", "/tmp/somewhere/store", TRUE);
  path = cd_store_default_path ();
  g_assert_cmpstr (path, ==, "/tmp/somewhere/store");
  g_free (path);
  g_unsetenv ("COPYDESK_STORE");
  path = cd_store_default_path ();
  expected = g_build_filename (g_get_user_data_dir (), "copydesk", "store", NULL);
  g_assert_cmpstr (path, ==, expected);
}

/* ------------------------------------------------------------------------ */

static char *
make_png (const char *dir,
          const char *name,
          int         width,
          int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

static void
test_store_photo_file (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *source_dir = cd_test_make_tmp_dir ("copydesk-store");
  g_autofree char *png = make_png (source_dir, "Harbour.PNG", 37, 21);
  g_autofree char *text = g_build_filename (source_dir, "notes.png", NULL);
  g_autofree char *photos = g_build_filename (fixture->dir, "photos", NULL);
  g_autofree char *uri = cd_store_dup_photos_uri (fixture->store);
  g_autofree char *expected_uri = g_filename_to_uri (photos, NULL, NULL);
  g_autoptr(GFile) source = g_file_new_for_path (png);
  g_autoptr(GFile) not_image = NULL;
  g_autoptr(GFile) stored = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *stored_path = NULL;
  char *base;
  guint width = 0, height = 0;

  g_assert_true (g_str_has_prefix (uri, "file:///"));
  g_assert_true (g_str_has_suffix (uri, "/"));
  g_assert_true (g_str_has_prefix (uri, expected_uri));

  name = cd_store_add_photo_file (fixture->store, source, &width, &height, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (width, ==, 37);
  g_assert_cmpuint (height, ==, 21);
  g_assert_true (g_str_has_suffix (name, ".png"));
  base = g_strndup (name, strlen (name) - 4);
  g_assert_true (g_uuid_string_is_valid (base));
  g_free (base);

  stored = cd_store_get_photo_file (fixture->store, name);
  stored_path = g_file_get_path (stored);
  before = store_test_read_bytes (png);
  after = store_test_read_bytes (stored_path);
  g_assert_true (g_bytes_equal (before, after));

  store_test_write_bytes (text, "This is not an image at all.\n", -1);
  not_image = g_file_new_for_path (text);
  g_assert_null (cd_store_add_photo_file (fixture->store, not_image, NULL, NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_AN_IMAGE);
  g_assert_nonnull (strstr (error->message, "notes.png"));
  names = store_test_list_names (photos);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, name);

  cd_test_remove_tree (source_dir);
}

/* ------------------------------------------------------------------------ */

static void
test_store_add_articles (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) names_before = NULL;
  g_autoptr(GPtrArray) names_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) other = NULL;
  g_autofree char *articles = g_build_filename (fixture->dir, "articles", NULL);
  g_autofree char *index_before = NULL;
  g_autofree char *index_after = NULL;
  g_autofree char *index_path = g_build_filename (fixture->dir, "index.tsv", NULL);
  Changes changes = { 0 };

  /* Many at once: one flush of the file system instead of one per file. */
  for (guint i = 0; i < 40; i++)
    {
      CdArticle *article = cd_article_new ();
      g_autofree char *headline = g_strdup_printf ("Imported %u", i);

      cd_article_set_headline (article, headline);
      g_ptr_array_add (first, article);
    }
  cd_store_add_articles (fixture->store, first, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 40);
  g_assert_cmpuint (cd_article_get_revision (g_ptr_array_index (first, 0)), ==, 1);

  names_before = store_test_list_names (articles);
  g_assert_cmpuint (names_before->len, ==, 40);
  g_file_get_contents (index_path, &index_before, NULL, NULL);

  /* An id in the middle is already in the store: nothing is written. */
  g_ptr_array_add (second, cd_article_new ());
  g_ptr_array_add (second, cd_article_copy (g_ptr_array_index (first, 7)));
  g_ptr_array_add (second, cd_article_new ());
  g_signal_connect (fixture->store, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);
  g_assert_false (cd_store_add_articles (fixture->store, second, NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message,
                            cd_article_get_id (g_ptr_array_index (first, 7))));
  g_clear_error (&error);
  g_assert_cmpuint (changes.emissions, ==, 0);
  g_assert_cmpuint (cd_article_get_revision (g_ptr_array_index (second, 0)), ==, 0);
  g_assert_cmpuint (cd_article_get_revision (g_ptr_array_index (second, 1)), ==, 1);

  names_after = store_test_list_names (articles);
  g_assert_cmpuint (names_after->len, ==, names_before->len);
  for (guint i = 0; i < names_after->len; i++)
    g_assert_cmpstr (g_ptr_array_index (names_after, i), ==, g_ptr_array_index (names_before, i));
  g_file_get_contents (index_path, &index_after, NULL, NULL);
  g_assert_cmpstr (index_after, ==, index_before);

  /* The same id twice within one batch is refused too. */
  g_ptr_array_remove_index (second, 1);
  g_ptr_array_add (second, cd_article_copy (g_ptr_array_index (second, 0)));
  g_assert_false (cd_store_add_articles (fixture->store, second, NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_clear_pointer (&names_after, g_ptr_array_unref);
  names_after = store_test_list_names (articles);
  g_assert_cmpuint (names_after->len, ==, 40);

  /* Cancelled: nothing written, no temporary file left. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GPtrArray) third = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < 20; i++)
      g_ptr_array_add (third, cd_article_new ());
    g_cancellable_cancel (cancellable);
    g_assert_false (cd_store_add_articles (fixture->store, third, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_clear_pointer (&names_after, g_ptr_array_unref);
    names_after = store_test_list_names (articles);
    g_assert_cmpuint (names_after->len, ==, 40);
    g_assert_cmpuint (cd_article_get_revision (g_ptr_array_index (third, 0)), ==, 0);
  }

  other = reopen (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 40);
  g_assert_cmpuint (cd_store_get_problems (other)->len, ==, 0);
}

static void
test_store_invalid_id (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CdArticle) article = cd_article_new_with_id ("../../etc/passwd");
  g_autoptr(CdArticle) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (cd_store_save_article (fixture->store, article, NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID_ID);
  g_clear_error (&error);
  loaded = cd_store_load_article (fixture->store, "../store", NULL, &error);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID_ID);
  g_assert_null (loaded);
  g_clear_error (&error);
  loaded = cd_store_load_article (fixture->store, "00000000-0000-4000-8000-000000000000",
                                  NULL, &error);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
}

/* ------------------------------------------------------------------------ */

static void
test_store_conflict_in_process (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(CdStore) second = NULL;
  g_autoptr(CdArticle) mine = NULL;
  g_autoptr(CdArticle) theirs = NULL;
  g_autoptr(CdArticle) now = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = cd_article_get_id (article);

  cd_article_set_headline (article, "Original");
  save_ok (fixture->store, article);
  second = reopen (fixture);
  mine = cd_store_load_article (fixture->store, id, NULL, &error);
  g_assert_no_error (error);
  theirs = cd_store_load_article (second, id, NULL, &error);
  g_assert_no_error (error);

  cd_article_set_headline (theirs, "Theirs");
  save_ok (second, theirs);
  cd_article_set_headline (mine, "Mine");
  g_assert_false (cd_store_save_article (fixture->store, mine, NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "was changed by another program since you opened it"));
  g_clear_error (&error);
  g_assert_cmpuint (cd_article_get_revision (mine), ==, 1);

  now = cd_store_load_article (fixture->store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_article_get_headline (now), ==, "Theirs");
  g_assert_cmpuint (cd_article_get_revision (now), ==, 2);
}

static void
test_store_lock_timeout (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autofree char *lock_path = g_build_filename (fixture->dir, "store.lock", NULL);
  g_autoptr(GError) error = NULL;
  gint64 start;
  int fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

  /* Another open file description holds the lock, as another program would. */
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);
  cd_store_set_lock_timeout (fixture->store, 150);
  start = g_get_monotonic_time ();
  g_assert_false (cd_store_save_article (fixture->store, article, NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_LOCKED);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 150000);
  g_assert_cmpuint (cd_article_get_revision (article), ==, 0);
  g_clear_error (&error);

  close (fd);
  save_ok (fixture->store, article);
}

/* ------------------------------------------------------------------------ */

typedef struct
{
  GMainLoop *loop;
  GThread *main_thread;
  gboolean ok;
  CdArticle *article;
  guint changes_in_other_threads;
} AsyncState;

static void
on_async_items_changed_cb (GListModel *model,
                           guint       position,
                           guint       removed,
                           guint       added,
                           AsyncState *state)
{
  if (g_thread_self () != state->main_thread)
    state->changes_in_other_threads++;
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  state->ok = cd_store_open_finish (CD_STORE (object), result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (state->loop);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  state->ok = cd_store_save_article_finish (CD_STORE (object), result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (state->loop);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  state->article = cd_store_load_article_finish (CD_STORE (object), result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (state->loop);
}

static void
test_store_async (void)
{
  g_autofree char *dir = cd_test_make_tmp_dir ("copydesk-store");
  g_autoptr(CdStore) store = cd_store_new (dir);
  g_autoptr(CdArticle) article = store_test_full_article ();
  AsyncState state = { 0 };

  state.loop = g_main_loop_new (NULL, FALSE);
  state.main_thread = g_thread_self ();
  g_signal_connect (store, "items-changed", G_CALLBACK (on_async_items_changed_cb), &state);

  cd_store_open_async (store, NULL, open_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_true (state.ok);

  state.ok = FALSE;
  cd_store_save_article_async (store, article, NULL, save_cb, &state);
  g_assert_cmpuint (cd_article_get_revision (article), ==, 0);
  g_main_loop_run (state.loop);
  g_assert_true (state.ok);
  g_assert_cmpuint (cd_article_get_revision (article), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);

  cd_store_load_article_async (store, cd_article_get_id (article), NULL, load_cb, &state);
  g_main_loop_run (state.loop);
  g_assert_nonnull (state.article);
  g_assert_true (state.article != article);
  g_assert_true (cd_article_equal (state.article, article));
  g_assert_cmpuint (state.changes_in_other_threads, ==, 0);

  g_clear_object (&state.article);
  g_main_loop_unref (state.loop);
  g_clear_object (&store);
  cd_test_remove_tree (dir);
}

/* ------------------------------------------------------------------------ */

/* ------------------------------------------------------------------------ */

typedef struct
{
  GThread *main_thread;
  GAsyncResult *result;
  guint changes;
  guint changes_in_other_threads;
  int lock_fd;
  gboolean released;
} AddAsyncState;

static void
on_add_items_changed_cb (GListModel    *model,
                         guint          position,
                         guint          removed,
                         guint          added,
                         AddAsyncState *state)
{
  state->changes++;
  if (g_thread_self () != state->main_thread)
    state->changes_in_other_threads++;
}

static void
add_async_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AddAsyncState *state = user_data;

  state->result = g_object_ref (result);
}

/* Runs in the main loop while the batch waits for the lock in its thread:
 * had the files been written here, the loop could not have got this far. */
static gboolean
release_lock_cb (gpointer user_data)
{
  AddAsyncState *state = user_data;

  g_assert_null (state->result);
  g_assert_cmpuint (state->changes, ==, 0);
  close (state->lock_fd);
  state->released = TRUE;
  return G_SOURCE_REMOVE;
}

/* A task's worker thread lets go of it, and so of the store, just after
 * the result reached this thread: the fixture checks that the store is
 * finalised, so wait for that (a leak still fails, after 5 s). */
static void
wait_for_workers (CdStore *store)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_atomic_int_get (&G_OBJECT (store)->ref_count) > 1 &&
         g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
add_articles_async (CdStore        *store,
                    GPtrArray      *articles,
                    GCancellable   *cancellable,
                    AddAsyncState  *state,
                    GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  g_clear_object (&state->result);
  cd_store_add_articles_async (store, articles, cancellable, add_async_cb, state);
  while (state->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = g_steal_pointer (&state->result);
  return cd_store_add_articles_finish (store, result, error);
}

static void
test_store_add_articles_async (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) other = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *lock_path = g_build_filename (fixture->dir, "store.lock", NULL);
  g_autofree char *articles_dir = g_build_filename (fixture->dir, "articles", NULL);
  AddAsyncState state = { g_thread_self (), NULL, 0, 0, -1, FALSE };

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *headline = g_strdup_printf ("Added in a thread %u", i);
      CdArticle *article = cd_article_new ();

      cd_article_set_headline (article, headline);
      g_ptr_array_add (batch, article);
    }
  g_signal_connect (fixture->store, "items-changed", G_CALLBACK (on_add_items_changed_cb),
                    &state);

  /* Another program holds the lock: the write waits for it in its thread
   * while the main loop goes on, and releases it. */
  state.lock_fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  g_assert_cmpint (flock (state.lock_fd, LOCK_EX), ==, 0);
  cd_store_set_lock_timeout (fixture->store, 30000);
  g_timeout_add (200, release_lock_cb, &state);
  g_assert_true (add_articles_async (fixture->store, batch, NULL, &state, &error));
  g_assert_no_error (error);
  g_assert_true (state.released);

  /* The list changed once, in the store's thread, and the articles were
   * stamped like a save. */
  g_assert_cmpuint (state.changes, ==, 1);
  g_assert_cmpuint (state.changes_in_other_threads, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 30);
  for (guint i = 0; i < batch->len; i++)
    g_assert_cmpuint (cd_article_get_revision (g_ptr_array_index (batch, i)), ==, 1);
  names = store_test_list_names (articles_dir);
  g_assert_cmpuint (names->len, ==, 30);
  other = reopen (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 30);

  /* An id already in the store: nothing is written, nothing changes. */
  g_ptr_array_add (again, cd_article_new ());
  g_ptr_array_add (again, cd_article_copy (g_ptr_array_index (batch, 3)));
  g_assert_false (add_articles_async (fixture->store, again, NULL, &state, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpuint (cd_article_get_revision (g_ptr_array_index (again, 0)), ==, 0);

  /* Cancelled before it starts: nothing written either. */
  g_ptr_array_remove_index (again, 1);
  g_cancellable_cancel (cancellable);
  g_assert_false (add_articles_async (fixture->store, again, cancellable, &state, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_pointer (&names, g_ptr_array_unref);
  names = store_test_list_names (articles_dir);
  g_assert_cmpuint (names->len, ==, 30);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 30);
  g_assert_cmpuint (state.changes, ==, 1);
  g_signal_handlers_disconnect_by_data (fixture->store, &state);
  wait_for_workers (fixture->store);
}

/* ------------------------------------------------------------------------ */

/* An article with one photo showing the image name (already in photos/). */
static CdArticle *
article_with_image (const char *headline,
                    const char *image)
{
  CdArticle *article = cd_article_new ();
  g_autoptr(CdPhoto) photo = cd_photo_new ();

  cd_article_set_headline (article, headline);
  cd_photo_set_caption (photo, headline);
  cd_photo_set_file (photo, image);
  cd_article_add_photo (article, photo);
  return article;
}

static char *
add_image (Fixture    *fixture,
           const char *source_dir,
           const char *name)
{
  g_autofree char *png = make_png (source_dir, name, 4, 3);
  g_autoptr(GFile) source = g_file_new_for_path (png);
  g_autoptr(GError) error = NULL;
  char *stored = cd_store_add_photo_file (fixture->store, source, NULL, NULL, &error);

  g_assert_no_error (error);
  return stored;
}

static gboolean
image_exists (Fixture    *fixture,
              const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, "photos", name, NULL);

  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static void
trash_ok (CdStore    *store,
          const char *id)
{
  g_autoptr(GError) error = NULL;

  cd_store_trash_article (store, id, &error);
  g_assert_no_error (error);
}

/* The kernel stamps files with a clock that may lag the one GLib reads
 * by a tick: leave a clear gap on each side of a cut-off. */
static GDateTime *
cut_off_between_trashings (void)
{
  GDateTime *now;

  g_usleep (200 * 1000);
  now = g_date_time_new_now_utc ();
  g_usleep (200 * 1000);
  return now;
}

static void
test_store_trashed_time (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(CdArticle) article = article_with_id ("6f1d3c2a-8b7e-4f10-9a2b-3c4d5e6f7a8b",
                                                  "Trashed now");
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) trashed = NULL;
  g_autoptr(GError) error = NULL;

  save_ok (fixture->store, article);
  /* Saved a while ago: the trashed time is not the last save. */
  g_usleep (1100 * 1000);
  before = g_date_time_new_now_utc ();
  trash_ok (fixture->store, cd_article_get_id (article));
  after = g_date_time_new_now_utc ();

  trashed = cd_store_get_trashed_time (fixture->store, cd_article_get_id (article), &error);
  g_assert_no_error (error);
  /* A second's slack: the file's clock may lag GLib's by a tick. */
  g_assert_cmpint (g_date_time_to_unix (trashed), >=, g_date_time_to_unix (before) - 1);
  g_assert_cmpint (g_date_time_to_unix (trashed), <=, g_date_time_to_unix (after));
  g_assert_cmpint (g_date_time_compare (trashed, cd_article_get_modified (article)), >, 0);

  g_assert_null (cd_store_get_trashed_time (fixture->store,
                                            "00000000-0000-4000-8000-000000000000", &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (cd_store_get_trashed_time (fixture->store, "../store", &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID_ID);
}

static void
test_store_empty_trash (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *source_dir = cd_test_make_tmp_dir ("copydesk-store");
  g_autofree char *shared = add_image (fixture, source_dir, "shared.png");
  g_autofree char *own = add_image (fixture, source_dir, "own.png");
  g_autofree char *late = add_image (fixture, source_dir, "late.png");
  g_autofree char *trash_dir = g_build_filename (fixture->dir, "trash", NULL);
  g_autofree char *stray = g_build_filename (trash_dir, "notes.txt", NULL);
  g_autoptr(CdArticle) kept = article_with_image ("Kept, with the shared image", shared);
  g_autoptr(CdArticle) a = article_with_image ("Trashed, sharing its image", shared);
  g_autoptr(CdArticle) b = article_with_image ("Trashed, with its own image", own);
  g_autoptr(CdArticle) c = article_with_image ("Trashed later", late);
  g_autoptr(CdArticle) d = article_with_id ("4e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b", "Restored");
  g_autoptr(GDateTime) cut_off = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) trash = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  guint n_images = 99;

  save_ok (fixture->store, kept);
  save_ok (fixture->store, a);
  save_ok (fixture->store, b);
  save_ok (fixture->store, c);
  /* a is trashed three times: the earlier copies, kept as <id>.json.old
   * and <id>.json-2.old, go too. */
  for (guint i = 0; i < 3; i++)
    {
      cd_article_set_revision (a, 0);
      if (i > 0)
        save_ok (fixture->store, a);
      trash_ok (fixture->store, cd_article_get_id (a));
    }
  trash_ok (fixture->store, cd_article_get_id (b));
  /* d was trashed twice and restored: its earlier copy stays in the trash
   * on its own, and goes by its own age. */
  save_ok (fixture->store, d);
  trash_ok (fixture->store, cd_article_get_id (d));
  cd_article_set_revision (d, 0);
  save_ok (fixture->store, d);
  trash_ok (fixture->store, cd_article_get_id (d));
  cd_store_restore_article (fixture->store, cd_article_get_id (d), &error);
  g_assert_no_error (error);
  store_test_write_bytes (stray, "Not an article: left alone.\n", -1);
  cut_off = cut_off_between_trashings ();
  trash_ok (fixture->store, cd_article_get_id (c));
  names = store_test_list_names (trash_dir);
  g_assert_cmpuint (names->len, ==, 7);
  g_clear_pointer (&names, g_ptr_array_unref);

  /* Only what went to the trash before the cut-off. */
  ids = cd_store_empty_trash (fixture->store, cut_off, &n_images, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) ids, cd_article_get_id (a)));
  g_assert_true (g_strv_contains ((const char * const *) ids, cd_article_get_id (b)));
  g_assert_cmpint (strcmp (ids[0], ids[1]), <, 0);
  /* b's image went with it; the image a shared with a kept article stays. */
  g_assert_cmpuint (n_images, ==, 1);
  g_assert_false (image_exists (fixture, own));
  g_assert_true (image_exists (fixture, shared));
  g_assert_true (image_exists (fixture, late));

  names = store_test_list_names (trash_dir);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (names, 0), cd_article_get_id (c)) ||
                 g_str_has_prefix (g_ptr_array_index (names, 1), cd_article_get_id (c)));
  g_assert_true (g_file_test (stray, G_FILE_TEST_EXISTS));
  trash = cd_store_list_trash (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trash->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 2);
  g_assert_nonnull (cd_store_find (fixture->store, cd_article_get_id (kept)));
  g_assert_nonnull (cd_store_find (fixture->store, cd_article_get_id (d)));
  cd_test_remove_tree (source_dir);
}

/* An image named anywhere else in the store stays, even by a file that
 * no longer loads; a damaged file in the trash is deleted all the same. */
static void
test_store_empty_trash_keeps_named_images (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autofree char *source_dir = cd_test_make_tmp_dir ("copydesk-store");
  g_autofree char *image = add_image (fixture, source_dir, "named.png");
  g_autofree char *quarantine = g_build_filename (fixture->dir, "quarantine", NULL);
  g_autofree char *damaged = g_build_filename (quarantine, "damaged.json", NULL);
  g_autofree char *broken = g_build_filename (fixture->dir, "trash",
                                              "0b6f1f7e-2d0c-4c43-9a53-3f1e6a2b9c10.json", NULL);
  g_autofree char *damaged_text = NULL;
  g_autoptr(CdArticle) article = article_with_image ("Trashed", image);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) again = NULL;
  guint n_images = 99;

  save_ok (fixture->store, article);
  trash_ok (fixture->store, cd_article_get_id (article));
  g_assert_cmpint (g_mkdir_with_parents (quarantine, 0700), ==, 0);
  damaged_text = g_strdup_printf ("{\"format\": 1, \"ninjs\": {\"href\": \"%s", image);
  store_test_write_bytes (damaged, damaged_text, -1);
  store_test_write_bytes (broken, "{\"format\": 1, \"ninjs\": {", -1);

  ids = cd_store_empty_trash (fixture->store, NULL, &n_images, NULL, &error);
  g_assert_no_error (error);
  /* Sorted ids; the trashed article's is random, so either may come first. */
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) ids, "0b6f1f7e-2d0c-4c43-9a53-3f1e6a2b9c10"));
  g_assert_true (g_strv_contains ((const char * const *) ids, cd_article_get_id (article)));
  g_assert_cmpint (strcmp (ids[0], ids[1]), <, 0);
  g_assert_false (g_file_test (broken, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_images, ==, 0);
  g_assert_true (image_exists (fixture, image));

  /* Nothing left: an empty list, not an error. */
  again = cd_store_empty_trash (fixture->store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpuint (g_strv_length (again), ==, 0);
  cd_test_remove_tree (source_dir);
}

typedef struct
{
  GAsyncResult *result;
  guint changes;
} EmptyAsyncState;

static void
empty_async_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  EmptyAsyncState *state = user_data;

  state->result = g_object_ref (result);
}

static void
on_empty_items_changed_cb (GListModel      *model,
                           guint            position,
                           guint            removed,
                           guint            added,
                           EmptyAsyncState *state)
{
  state->changes++;
}

static char **
empty_trash_async (CdStore          *store,
                   GCancellable     *cancellable,
                   EmptyAsyncState  *state,
                   guint            *n_images,
                   GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cd_store_empty_trash_async (store, NULL, cancellable, empty_async_cb, state);
  while (state->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = g_steal_pointer (&state->result);
  return cd_store_empty_trash_finish (store, result, n_images, error);
}

static void
test_store_empty_trash_async (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *source_dir = cd_test_make_tmp_dir ("copydesk-store");
  g_autofree char *image = add_image (fixture, source_dir, "only.png");
  g_autoptr(CdArticle) article = article_with_image ("Trashed", image);
  g_autoptr(CdArticle) live = article_with_id ("1c9a0e6b-7d2f-4b3a-8e5c-9f0a1b2c3d4e", "Live");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) trash = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  EmptyAsyncState state = { NULL, 0 };
  guint n_images = 0;

  save_ok (fixture->store, live);
  save_ok (fixture->store, article);
  trash_ok (fixture->store, cd_article_get_id (article));
  g_signal_connect (fixture->store, "items-changed", G_CALLBACK (on_empty_items_changed_cb),
                    &state);

  /* Cancelled before it starts: the trash stays whole. */
  g_cancellable_cancel (cancellable);
  g_assert_null (empty_trash_async (fixture->store, cancellable, &state, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  trash = cd_store_list_trash (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trash->len, ==, 1);
  g_assert_true (image_exists (fixture, image));

  ids = empty_trash_async (fixture->store, NULL, &state, &n_images, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpstr (ids[0], ==, cd_article_get_id (article));
  g_assert_cmpuint (n_images, ==, 1);
  g_assert_false (image_exists (fixture, image));
  /* The list holds no trashed article: it does not change. */
  g_assert_cmpuint (state.changes, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 1);
  g_signal_handlers_disconnect_by_data (fixture->store, &state);
  wait_for_workers (fixture->store);
  cd_test_remove_tree (source_dir);
}

static void
async_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GPtrArray *
list_trashed (CdStore  *store,
              GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cd_store_list_trashed_async (store, NULL, async_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return cd_store_list_trashed_finish (store, result, error);
}

/* The trash read in a worker: each article with when it went there, the
 * most recently trashed first; a file that does not load is noted once,
 * however often the trash is read. */
static void
test_store_list_trashed_async (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(CdArticle) first = article_with_id ("2a7c4e1f-3b5d-4c6e-8f9a-0b1c2d3e4f5a",
                                                "Trashed first");
  g_autoptr(CdArticle) second = article_with_id ("7e9f1a2b-4c5d-4e6f-9a0b-1c2d3e4f5a6b",
                                                 "Trashed second");
  g_autoptr(CdArticle) live = article_with_id ("5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e", "Live");
  g_autofree char *broken = g_build_filename (fixture->dir, "trash",
                                              "0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a.json", NULL);
  g_autoptr(GDateTime) cut_off = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  CdTrashedArticle *item;
  GPtrArray *problems;
  guint n_problems;

  save_ok (fixture->store, first);
  save_ok (fixture->store, second);
  save_ok (fixture->store, live);
  trash_ok (fixture->store, cd_article_get_id (first));
  cut_off = cut_off_between_trashings ();
  trash_ok (fixture->store, cd_article_get_id (second));
  store_test_write_bytes (broken, "{ not json", -1);

  items = list_trashed (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (cd_trashed_article_get_id (item), ==, cd_article_get_id (second));
  g_assert_cmpstr (cd_trashed_article_get_headline (item), ==, "Trashed second");
  g_assert_cmpint (g_date_time_compare (cd_trashed_article_get_trashed (item), cut_off), >, 0);
  item = g_ptr_array_index (items, 1);
  g_assert_cmpstr (cd_trashed_article_get_id (item), ==, cd_article_get_id (first));
  g_assert_cmpint (g_date_time_compare (cd_trashed_article_get_trashed (item), cut_off), <, 0);

  problems = cd_store_get_problems (fixture->store);
  g_assert_nonnull (problems);
  n_problems = problems->len;
  g_assert_cmpuint (n_problems, >=, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, n_problems - 1), broken));
  again = list_trashed (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 2);
  g_assert_cmpuint (cd_store_get_problems (fixture->store)->len, ==, n_problems);
  wait_for_workers (fixture->store);
}

/* Deleting chosen articles from the trash: those (with their earlier
 * copies and the images only they showed) go, the rest of the trash
 * stays, an id no longer in the trash is passed over. */
static void
test_store_delete_trashed (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *source_dir = cd_test_make_tmp_dir ("copydesk-store");
  g_autofree char *own = add_image (fixture, source_dir, "own.png");
  g_autofree char *other = add_image (fixture, source_dir, "other.png");
  g_autofree char *trash_dir = g_build_filename (fixture->dir, "trash", NULL);
  g_autoptr(CdArticle) doomed = article_with_image ("Deleted for good", own);
  g_autoptr(CdArticle) kept = article_with_image ("Left in the trash", other);
  g_autoptr(CdArticle) restored = article_with_id ("3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
                                                   "Restored");
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) trash = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) deleted = NULL;
  const char *ids[4] = { NULL };
  guint n_images = 99;

  save_ok (fixture->store, doomed);
  trash_ok (fixture->store, cd_article_get_id (doomed));
  /* Trashed twice: its earlier copy goes with it. */
  cd_article_set_revision (doomed, 0);
  save_ok (fixture->store, doomed);
  trash_ok (fixture->store, cd_article_get_id (doomed));
  save_ok (fixture->store, kept);
  trash_ok (fixture->store, cd_article_get_id (kept));
  save_ok (fixture->store, restored);
  trash_ok (fixture->store, cd_article_get_id (restored));
  cd_store_restore_article (fixture->store, cd_article_get_id (restored), &error);
  g_assert_no_error (error);
  names = store_test_list_names (trash_dir);
  g_assert_cmpuint (names->len, ==, 3);
  g_clear_pointer (&names, g_ptr_array_unref);

  ids[0] = cd_article_get_id (doomed);
  ids[1] = cd_article_get_id (restored);
  cd_store_delete_trashed_async (fixture->store, ids, NULL, async_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  deleted = cd_store_delete_trashed_finish (fixture->store, result, &n_images, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (deleted), ==, 1);
  g_assert_cmpstr (deleted[0], ==, cd_article_get_id (doomed));
  g_assert_cmpuint (n_images, ==, 1);
  g_assert_false (image_exists (fixture, own));
  g_assert_true (image_exists (fixture, other));
  names = store_test_list_names (trash_dir);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (names, 0), cd_article_get_id (kept)));
  g_assert_nonnull (cd_store_find (fixture->store, cd_article_get_id (restored)));
  g_clear_pointer (&deleted, g_strfreev);

  /* Nothing of those ids is left: nothing is deleted. */
  deleted = cd_store_delete_trashed (fixture->store, ids, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (deleted), ==, 0);
  trash = cd_store_list_trash (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trash->len, ==, 1);
  wait_for_workers (fixture->store);
  cd_test_remove_tree (source_dir);
}

int
main (int   argc,
      char *argv[])
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: GdkPixbuf recognises images through
   * the shared MIME database found in $XDG_DATA_DIRS. Nothing here writes
   * outside its own temporary folders. */
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/round-trip", test_store_round_trip);
  ADD ("/store/round-trip-index", test_store_round_trip_index);
  ADD ("/store/index-version-1", test_store_index_version_1);
  ADD ("/store/file-shape", test_store_file_shape);
  ADD ("/store/list-model", test_store_list_model);
  ADD ("/store/summary-updates-in-place", test_store_summary_updates_in_place);
  ADD ("/store/resolve-id", test_store_resolve_id);
  ADD ("/store/trash-restore", test_store_trash_restore);
  ADD ("/store/trash-keeps-older-copy", test_store_trash_keeps_older_copy);
  ADD ("/store/trashed-time", test_store_trashed_time);
  ADD ("/store/empty-trash", test_store_empty_trash);
  ADD ("/store/empty-trash-keeps-named-images", test_store_empty_trash_keeps_named_images);
  ADD ("/store/empty-trash-async", test_store_empty_trash_async);
  ADD ("/store/list-trashed-async", test_store_list_trashed_async);
  ADD ("/store/delete-trashed", test_store_delete_trashed);
  ADD ("/store/discard", test_store_discard);
  ADD ("/store/settings", test_store_settings);
  ADD ("/store/settings-reload", test_store_settings_reload);
  ADD ("/store/photo-file", test_store_photo_file);
  ADD ("/store/add-articles", test_store_add_articles);
  ADD ("/store/add-articles-async", test_store_add_articles_async);
  ADD ("/store/invalid-id", test_store_invalid_id);
  ADD ("/store/conflict-in-process", test_store_conflict_in_process);
  ADD ("/store/lock-timeout", test_store_lock_timeout);
#undef ADD
  g_test_add_func ("/store/default-path", test_store_default_path);
  g_test_add_func ("/store/async", test_store_async);

  return g_test_run ();
}

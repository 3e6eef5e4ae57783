/* test-store-damage.c: damaged article files and a damaged or stale index
 *
 * A file that does not load must be moved to quarantine/ byte for byte,
 * reported with its name and the reason, and must not stop the rest of the
 * store from loading; nothing is ever deleted. The index must never be
 * believed when it disagrees with the files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "cd-article-file.h"
#include "cd-store.h"
#include "store-test-util.h"

typedef struct
{
  char *dir;
  char *articles;
  char *quarantine;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = cd_test_make_tmp_dir ("copydesk-store");
  fixture->articles = g_build_filename (fixture->dir, "articles", NULL);
  fixture->quarantine = g_build_filename (fixture->dir, "quarantine", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  cd_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->articles);
  g_free (fixture->quarantine);
}

static CdStore *
open_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CdStore *store = cd_store_new (fixture->dir);

  cd_store_open (store, NULL, &error);
  g_assert_no_error (error);
  return store;
}

static char *
save_article (CdStore    *store,
              const char *headline)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(GError) error = NULL;

  cd_article_set_headline (article, headline);
  cd_article_set_body (article, "Body text.");
  cd_store_save_article (store, article, NULL, &error);
  g_assert_no_error (error);
  return g_strdup (cd_article_get_id (article));
}

static char *
article_path (Fixture    *fixture,
              const char *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);

  return g_build_filename (fixture->articles, name, NULL);
}

static const char *
find_problem (CdStore    *store,
              const char *name)
{
  GPtrArray *problems = cd_store_get_problems (store);

  for (guint i = 0; i < problems->len; i++)
    if (strstr (g_ptr_array_index (problems, i), name))
      return g_ptr_array_index (problems, i);
  return NULL;
}

static void
assert_listed (CdStore            *store,
               const char * const *headlines)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpuint (n, ==, g_strv_length ((char **) headlines));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdArticleSummary) summary = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_ptr_array_add (seen, g_strdup (cd_article_summary_get_headline (summary)));
    }
  for (guint i = 0; headlines[i]; i++)
    g_assert_true (g_ptr_array_find_with_equal_func (seen, headlines[i], g_str_equal, NULL));
}

/* ------------------------------------------------------------------------ */

typedef struct
{
  const char *label;
  const char *name;       /* NULL: "<a new id>.json" */
  const char *data;
  gssize length;
  const char *reason;     /* a word the message must hold */
} Damage;

static const char truncated[] =
  "{\n  \"format\" : 1,\n  \"ninjs\" : {\n    \"uri\" : \"urn:uuid:";
static const char not_utf8[] =
  "{\"format\": 1, \"ninjs\": {\"headlines\": [{\"role\": \"main\", \"value\": \"Caf\xe9\"}]}, "
  "\"copydesk\": {\"revision\": 1}}";

static void
test_damage_quarantined (Fixture       *fixture,
                         gconstpointer  data)
{
  const Damage cases[] = {
    { "truncated", NULL, truncated, -1, "cut short" },
    { "not UTF-8", NULL, not_utf8, -1, "UTF-8 text at byte 68" },
    { "wrong types", NULL,
      "{\"format\": 1, \"ninjs\": {}, \"copydesk\": {\"revision\": \"seven\"}}", -1,
      "“copydesk.revision” must be an integer" },
    { "wrong ninjs type", NULL,
      "{\"format\": 1, \"ninjs\": {\"headlines\": \"Flat\"}, \"copydesk\": {\"revision\": 1}}", -1,
      "“headlines” must be an array" },
    { "newer format", NULL, "{\"format\": 7, \"articles\": []}", -1, "newer Copydesk" },
    { "empty", NULL, "", 0, "empty" },
    { "not an object", NULL, "[\"an\", \"array\"]\n", -1, "not a JSON object" },
    { "stray file", "notes.txt", "Remember to call the desk.\n", -1, "not an article file" },
    { "stray json", "draft.json", "{}", -1, "not an article file" },
  };
  g_autoptr(CdStore) store = open_store (fixture);
  g_autoptr(CdStore) reopened = NULL;
  g_autofree char *good_a = save_article (store, "Still here");
  g_autofree char *good_b = save_article (store, "Also here");
  g_autoptr(GPtrArray) left = NULL;
  char *names[G_N_ELEMENTS (cases)];
  guint files_before;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *path = NULL;

      names[i] = cases[i].name ? g_strdup (cases[i].name) : g_strconcat (uuid, ".json", NULL);
      path = g_build_filename (fixture->articles, names[i], NULL);
      store_test_write_bytes (path, cases[i].data, cases[i].length);
    }
  files_before = store_test_count_files (fixture->dir);

  reopened = open_store (fixture);
  assert_listed (reopened, (const char *[]) { "Still here", "Also here", NULL });
  g_assert_cmpuint (cd_store_get_problems (reopened)->len, ==, G_N_ELEMENTS (cases));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *moved = g_build_filename (fixture->quarantine, names[i], NULL);
      g_autofree char *note = g_strconcat (moved, ".reason", NULL);
      g_autofree char *note_text = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize length = cases[i].length < 0 ? strlen (cases[i].data) : (gsize) cases[i].length;
      const char *problem = find_problem (reopened, names[i]);

      g_test_message ("%s: %s", cases[i].label, problem);
      g_assert_nonnull (problem);
      g_assert_nonnull (strstr (problem, cases[i].reason));
      g_assert_nonnull (strstr (problem, "quarantine"));
      bytes = store_test_read_bytes (moved);
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                       cases[i].data, length);
      g_file_get_contents (note, &note_text, NULL, NULL);
      g_assert_nonnull (note_text);
      g_assert_nonnull (strstr (note_text, cases[i].reason));
      g_free (names[i]);
    }

  /* Only the good articles stay; nothing was deleted (each bad file now
   * has its reason note beside it, and the index is new). */
  left = store_test_list_names (fixture->articles);
  g_assert_cmpuint (left->len, ==, 2);
  g_assert_cmpuint (store_test_count_files (fixture->dir), ==,
                    files_before + G_N_ELEMENTS (cases));

  /* The next open finds nothing wrong. */
  g_clear_object (&reopened);
  reopened = open_store (fixture);
  g_assert_cmpuint (cd_store_get_problems (reopened)->len, ==, 0);
}

static void
test_damage_name_clash (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CdStore) store = open_store (fixture);
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *path = article_path (fixture, id);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *base = g_strconcat (id, ".json", NULL);
  g_autofree char *numbered = g_strconcat (id, "-2.json", NULL);
  g_autoptr(GBytes) first_bytes = NULL;
  g_autoptr(GBytes) second_bytes = NULL;

  store_test_write_bytes (path, "{", -1);
  g_clear_object (&store);
  store = open_store (fixture);
  store_test_write_bytes (path, "", 0);
  g_clear_object (&store);
  store = open_store (fixture);

  first = g_build_filename (fixture->quarantine, base, NULL);
  second = g_build_filename (fixture->quarantine, numbered, NULL);
  first_bytes = store_test_read_bytes (first);
  second_bytes = store_test_read_bytes (second);
  g_assert_cmpuint (g_bytes_get_size (first_bytes), ==, 1);
  g_assert_cmpuint (g_bytes_get_size (second_bytes), ==, 0);
  g_assert_nonnull (find_problem (store, numbered));
}

static void
test_damage_on_load (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(CdStore) store = open_store (fixture);
  g_autofree char *id = save_article (store, "Will break");
  g_autofree char *newer_id = save_article (store, "From the future");
  g_autofree char *path = article_path (fixture, id);
  g_autofree char *newer_path = article_path (fixture, newer_id);
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  store_test_write_bytes (path, "{\"format\": 1, \"ninjs\": ", -1);
  article = cd_store_load_article (store, id, NULL, &error);
  g_assert_null (article);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, id));
  g_assert_nonnull (strstr (error->message, "cut short"));
  g_clear_error (&error);
  g_assert_null (cd_store_find (store, id));
  g_assert_nonnull (find_problem (store, id));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  store_test_write_bytes (newer_path, "{\"format\": 2}", -1);
  article = cd_store_load_article (store, newer_id, NULL, &error);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NEWER_FORMAT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

static void
test_damage_settings (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *settings = g_build_filename (fixture->dir, "store.json", NULL);
  g_autofree char *moved = g_build_filename (fixture->dir, "quarantine", "store.json", NULL);
  g_autoptr(CdStore) store = NULL;
  g_autoptr(JsonObject) changed = json_object_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (fixture->dir, 0755);
  store_test_write_bytes (settings, "{\"format\": 1, \"default-language\": \"ar\"", -1);
  store = open_store (fixture);
  g_assert_cmpstr (cd_store_get_default_language (store), ==, "en");
  g_assert_nonnull (find_problem (store, "store.json"));
  bytes = store_test_read_bytes (moved);
  g_assert_cmpstr (g_bytes_get_data (bytes, NULL), ==, "{\"format\": 1, \"default-language\": \"ar\"");
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_object (&store);

  /* A newer Copydesk's settings are used as defaults and never replaced. */
  store_test_write_bytes (settings, "{\"format\": 3, \"default-language\": \"fr\"}", -1);
  store = open_store (fixture);
  g_assert_nonnull (find_problem (store, "newer Copydesk"));
  json_object_set_string_member (changed, "default-language", "de");
  g_assert_false (cd_store_save_settings (store, changed, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NEWER_FORMAT);
  bytes = store_test_read_bytes (settings);
  g_assert_cmpstr (g_bytes_get_data (bytes, NULL), ==, "{\"format\": 3, \"default-language\": \"fr\"}");
}

static void
test_damage_check (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CdStore) store = open_store (fixture);
  g_autofree char *id = save_article (store, "Checked");
  g_autofree char *path = article_path (fixture, id);
  g_autofree char *temp = g_build_filename (fixture->articles, ".x.json.tmp-ABCDEF", NULL);
  g_autofree char *photo_temp = g_build_filename (fixture->dir, "photos", ".photo.tmp-ABCDEF", NULL);
  g_autoptr(GError) error = NULL;
  struct stat before, after;

  /* Damage the file behind the index's back, keeping its size, time and
   * inode: open() believes the index, check() reads the file. */
  store_test_set_mtime (path, 3600);
  g_clear_object (&store);
  store = open_store (fixture);               /* writes an index that trusts the file */
  g_assert_cmpint (stat (path, &before), ==, 0);
  {
    FILE *f = fopen (path, "r+");
    g_assert_nonnull (f);
    fseek (f, 0, SEEK_SET);
    fputc ('[', f);
    fclose (f);
  }
  {
    struct timespec times[2] = { before.st_mtim, before.st_mtim };
    utimensat (AT_FDCWD, path, times, 0);
  }
  g_assert_cmpint (stat (path, &after), ==, 0);
  g_assert_cmpint (after.st_size, ==, before.st_size);
  store_test_write_bytes (temp, "half a file", -1);
  store_test_write_bytes (photo_temp, "half a photo", -1);

  g_clear_object (&store);
  store = open_store (fixture);
  g_assert_nonnull (cd_store_find (store, id));
  g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));   /* cleaned under the lock */

  cd_store_check (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (cd_store_find (store, id));
  g_assert_nonnull (find_problem (store, id));
  g_assert_false (g_file_test (photo_temp, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

/* ------------------------------------------------------------------------
 * The index
 */

/* A store of three articles, old enough for the index to be trusted. */
static void
make_indexed_store (Fixture *fixture,
                    char    *ids[3])
{
  g_autoptr(CdStore) store = open_store (fixture);
  g_autofree char *index = g_build_filename (fixture->dir, "index.tsv", NULL);
  const char *headlines[] = { "One", "Two", "Three" };

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *path = NULL;

      ids[i] = save_article (store, headlines[i]);
      path = article_path (fixture, ids[i]);
      store_test_set_mtime (path, 3600 - i);
    }
  g_clear_object (&store);
  store = open_store (fixture);
  g_assert_true (g_file_test (index, G_FILE_TEST_EXISTS));
}

static char *
replace_text (const char *path,
              const char *from,
              const char *to)
{
  g_autoptr(GBytes) bytes = store_test_read_bytes (path);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", from);
  g_autofree char *replacement = g_strdup_printf ("\"%s\"", to);
  g_auto(GStrv) parts = g_strsplit (text, quoted, -1);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  return g_strjoinv (replacement, parts);
}

/* Rewrites the file as another program might: in place (the same inode)
 * or as a new file, keeping its modification time or not. */
static void
edit_article (const char *path,
              const char *from,
              const char *to,
              gboolean    same_inode,
              gboolean    keep_mtime)
{
  g_autofree char *edited = replace_text (path, from, to);
  struct stat before;

  g_assert_cmpint (stat (path, &before), ==, 0);
  if (same_inode)
    {
      FILE *f = fopen (path, "w");

      g_assert_nonnull (f);
      fputs (edited, f);
      fclose (f);
    }
  else
    {
      g_autoptr(GError) error = NULL;

      /* Writes a new file and renames it over the old one. */
      g_file_set_contents (path, edited, -1, &error);
      g_assert_no_error (error);
    }
  if (keep_mtime)
    {
      struct timespec times[2] = { before.st_mtim, before.st_mtim };
      g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
    }
}

static void
test_index_edited_behind_its_back (Fixture       *fixture,
                                   gconstpointer  data)
{
  char *ids[3];
  g_autoptr(CdStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *first = NULL;
  g_autofree char *renamed = NULL;

  make_indexed_store (fixture, ids);
  path = article_path (fixture, ids[1]);

  /* Only the size differs from what the index recorded. */
  edit_article (path, "Two", "Deux", TRUE, TRUE);
  store = open_store (fixture);
  assert_listed (store, (const char *[]) { "One", "Deux", "Three", NULL });

  /* Only the modification time differs. */
  edit_article (path, "Deux", "Zwei", TRUE, FALSE);
  store_test_set_mtime (path, 7200);
  g_clear_object (&store);
  store = open_store (fixture);
  assert_listed (store, (const char *[]) { "One", "Zwei", "Three", NULL });

  /* Only the inode differs: a new file with the same size and time. */
  edit_article (path, "Zwei", "Twee", FALSE, TRUE);
  g_clear_object (&store);
  store = open_store (fixture);
  assert_listed (store, (const char *[]) { "One", "Twee", "Three", NULL });

  /* An entry for a file that is gone, and a file the index never saw. */
  first = article_path (fixture, ids[0]);
  renamed = g_build_filename (fixture->dir, "elsewhere.json", NULL);
  g_assert_cmpint (g_rename (first, renamed), ==, 0);
  g_clear_object (&store);
  store = open_store (fixture);
  assert_listed (store, (const char *[]) { "Twee", "Three", NULL });
  g_assert_cmpint (g_rename (renamed, first), ==, 0);
  g_clear_object (&store);
  store = open_store (fixture);
  assert_listed (store, (const char *[]) { "One", "Twee", "Three", NULL });
  g_assert_cmpuint (cd_store_get_problems (store)->len, ==, 0);

  for (guint i = 0; i < 3; i++)
    g_free (ids[i]);
}

static void
test_index_damaged (Fixture       *fixture,
                    gconstpointer  data)
{
  char *ids[3];
  g_autofree char *index = g_build_filename (fixture->dir, "index.tsv", NULL);
  g_autoptr(GBytes) good = NULL;
  gsize length;
  const char *text;
  static const char garbage[] = "\x89PNG\r\n\x1a\n\0\0\0garbage\tgarbage\n";
  struct
  {
    const char *label;
    char *data;
    gssize length;
  } cases[5];

  make_indexed_store (fixture, ids);
  good = store_test_read_bytes (index);
  text = g_bytes_get_data (good, &length);
  g_assert_true (g_str_has_prefix (text, "copydesk-index 1\n"));

  cases[0].label = "garbage";
  cases[0].data = g_memdup2 (garbage, sizeof garbage - 1);
  cases[0].length = sizeof garbage - 1;
  cases[1].label = "truncated";
  cases[1].data = g_strndup (text, length / 2);
  cases[1].length = -1;
  cases[2].label = "empty";
  cases[2].data = g_strdup ("");
  cases[2].length = 0;
  /* One headline changed inside the index: the checksum no longer fits. */
  cases[3].label = "altered entry";
  {
    g_autofree char *copy = g_strndup (text, length);
    char *two = strstr (copy, "\tTwo\t");
    g_assert_nonnull (two);
    memcpy (two, "\tTwx\t", 5);
    cases[3].data = g_steal_pointer (&copy);
    cases[3].length = -1;
  }
  cases[4].label = "lines lost";
  {
    const char *second_line = strchr (strchr (text, '\n') + 1, '\n') + 1;
    cases[4].data = g_strconcat ("copydesk-index 1\n", second_line, NULL);
    cases[4].length = -1;
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CdStore) store = NULL;
      g_autoptr(GBytes) rebuilt = NULL;

      g_test_message ("index: %s", cases[i].label);
      store_test_write_bytes (index, cases[i].data, cases[i].length);
      store = open_store (fixture);
      assert_listed (store, (const char *[]) { "One", "Two", "Three", NULL });
      g_assert_cmpuint (cd_store_get_problems (store)->len, ==, 0);
      rebuilt = store_test_read_bytes (index);
      g_assert_true (g_bytes_equal (rebuilt, good));
      g_free (cases[i].data);
    }
  for (guint i = 0; i < 3; i++)
    g_free (ids[i]);
}

/* A file changed in the same clock tick as the index was written carries
 * the time stamp the index recorded: the index must not be trusted for
 * files that recent. */
static void
test_index_racy_entry (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CdStore) store = open_store (fixture);
  g_autofree char *id = save_article (store, "Fresh");
  g_autofree char *path = article_path (fixture, id);

  g_clear_object (&store);
  store = open_store (fixture);     /* indexes a file written just now */
  edit_article (path, "Fresh", "Fresk", TRUE, TRUE);
  g_clear_object (&store);
  store = open_store (fixture);
  assert_listed (store, (const char *[]) { "Fresk", NULL });
}

/* Enough files that opening reads them in several threads: the results
 * must come together exactly, damaged files included. */
static void
test_damage_large_folder (Fixture       *fixture,
                          gconstpointer  data)
{
  const guint n = 4500;
  g_autoptr(CdStore) store = open_store (fixture);
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdArticle) article = cd_article_new ();
      g_autofree char *headline = g_strdup_printf ("Article number %u", i);
      g_autofree char *path = NULL;
      g_autoptr(GBytes) bytes = NULL;

      cd_article_set_headline (article, headline);
      cd_article_set_revision (article, 1);
      bytes = cd_article_file_serialize (article);
      path = article_path (fixture, cd_article_get_id (article));
      if (i % 1500 == 1234)
        store_test_write_bytes (path, g_bytes_get_data (bytes, NULL), 100);
      else
        {
          store_test_write_bytes (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
          g_hash_table_insert (expected, g_strdup (cd_article_get_id (article)),
                               g_steal_pointer (&headline));
        }
      store_test_set_mtime (path, 3600);
    }

  for (guint round = 0; round < 2; round++)   /* from the files, then from the index */
    {
      GHashTableIter iter;
      gpointer id, headline;

      g_clear_object (&store);
      store = open_store (fixture);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==,
                        g_hash_table_size (expected));
      g_assert_cmpuint (cd_store_get_problems (store)->len, ==, round == 0 ? 3 : 0);
      g_hash_table_iter_init (&iter, expected);
      while (g_hash_table_iter_next (&iter, &id, &headline))
        g_assert_cmpstr (cd_article_summary_get_headline (cd_store_find (store, id)), ==, headline);
    }
  g_assert_cmpuint (store_test_count_files (fixture->quarantine), ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store-damage/quarantined", test_damage_quarantined);
  ADD ("/store-damage/name-clash", test_damage_name_clash);
  ADD ("/store-damage/on-load", test_damage_on_load);
  ADD ("/store-damage/settings", test_damage_settings);
  ADD ("/store-damage/check", test_damage_check);
  ADD ("/store-damage/index-edited-behind-its-back", test_index_edited_behind_its_back);
  ADD ("/store-damage/index-damaged", test_index_damaged);
  ADD ("/store-damage/index-racy-entry", test_index_racy_entry);
  ADD ("/store-damage/large-folder", test_damage_large_folder);
#undef ADD

  return g_test_run ();
}

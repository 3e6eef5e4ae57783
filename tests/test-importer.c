/* test-importer.c: page copy, ninjs, text and Markdown into a real store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "cd-article-summary.h"
#include "cd-duplicate-finder.h"
#include "cd-importer.h"
#include "cd-markdown.h"
#include "cd-ninjs.h"
#include "cd-store-batch.h"
#include "cd-page-copy-parser.h"
#include "tmp-dir.h"

typedef struct
{
  char *dir;
  CdStore *store;
  CdImporter *importer;
} Fixture;

static GFile *
data_file (const char *subdir,
           const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", subdir, name, NULL);

  return g_file_new_for_path (path);
}

static GFile *
page_copy (const char *name)
{
  return data_file ("page-copy", name);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every file under the store, with its size, so that "unchanged" can be
 * asserted byte for byte. */
static void
list_tree (const char *root,
           const char *path,
           GString    *out)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          list_tree (root, child, out);
          continue;
        }
      g_file_get_contents (child, &contents, NULL, NULL);
      g_string_append_printf (out, "%s\n%s\n", child + strlen (root), contents ? contents : "");
    }
}

static char *
snapshot (Fixture *f)
{
  GString *out = g_string_new (NULL);

  list_tree (f->dir, f->dir, out);
  return g_string_free (out, FALSE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = cd_test_make_tmp_dir ("copydesk-import");
  f->store = cd_store_new (f->dir);
  cd_store_open (f->store, NULL, &error);
  g_assert_no_error (error);
  f->importer = cd_importer_new (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->importer);
  g_clear_object (&f->store);
  cd_test_remove_tree (f->dir);
  g_free (f->dir);
}

static CdImportReport *
import (Fixture *f,
        GFile   *file)
{
  g_autoptr(GError) error = NULL;
  CdImportReport *report = cd_importer_import_files (f->importer, &file, 1, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static GError *
import_error (Fixture *f,
              GFile   *file)
{
  GError *error = NULL;
  g_autoptr(CdImportReport) report = cd_importer_import_files (f->importer, &file, 1, NULL,
                                                               &error);

  g_assert_null (report);
  g_assert_nonnull (error);
  return error;
}

static CdImportEntry *
entry_at (CdImportReport *report,
          guint           i)
{
  return g_ptr_array_index (cd_import_report_get_entries (report), i);
}

static CdArticle *
load (Fixture    *f,
      const char *id)
{
  g_autoptr(GError) error = NULL;
  CdArticle *article = cd_store_load_article (f->store, id, NULL, &error);

  g_assert_no_error (error);
  return article;
}

static guint
n_articles (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (f->store));
}

static void
test_page_copy (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) file = page_copy ("several-photos.txt");
  g_autoptr(CdImportReport) report = import (f, file);
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);
  g_auto(GStrv) ids = cd_import_report_dup_added_ids (report);
  g_autoptr(CdArticle) article = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *path = g_file_get_parse_name (file);
  CdImportEntry *entry;

  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpuint (n_articles (f), ==, 1);
  g_assert_cmpuint (cd_import_report_count (report, CD_IMPORT_ENTRY_ADDED), ==, 1);
  entry = entry_at (report, 0);
  g_assert_cmpint (entry->kind, ==, CD_IMPORT_ENTRY_ADDED);
  g_assert_cmpstr (entry->file, ==, path);
  g_assert_cmpuint (entry->line, ==, 1);
  g_assert_cmpstr (entry->article_id, ==, ids[0]);
  g_assert_cmpstr (entry->headline, ==, "Night Market Draws Record Crowds on River Quay");

  /* what the store holds, read back from disk */
  article = load (f, ids[0]);
  g_assert_cmpstr (cd_article_get_headline (article), ==,
                   "Night Market Draws Record Crowds on River Quay");
  g_assert_cmpstr (cd_article_get_source (article), ==, g_bytes_get_data (bytes, NULL));
  g_assert_cmpstr (cd_article_get_language (article), ==, "en");
  g_assert_cmpuint (cd_article_get_n_photos (article), ==, 3);
  g_assert_cmpstr (cd_photo_get_caption (cd_article_get_photo (article, 0)), ==,
                   "Stalls line the river quay after sunset");
  g_assert_cmpstr (cd_photo_get_credit (cd_article_get_photo (article, 0)), ==,
                   "AFP/Getty Images");
  plain = cd_markdown_to_plain (cd_article_get_body (article));
  g_assert_cmpstr (plain, ==,
                   "More than ten thousand people visited the night market on Friday, its "
                   "organisers said.\n\nThe market opens every weekend until the end of summer.");
}

/* Importing the same copy again adds nothing and says which article
 * already has it. */
static void
test_reimport (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GFile) file = page_copy ("several-articles.txt");
  g_autoptr(CdImportReport) first = import (f, file);
  g_autoptr(CdImportReport) second = NULL;
  g_auto(GStrv) ids = cd_import_report_dup_added_ids (first);
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  g_auto(GStrv) none = NULL;

  g_assert_cmpuint (g_strv_length (ids), ==, 3);
  g_assert_cmpuint (n_articles (f), ==, 3);

  second = import (f, file);
  none = cd_import_report_dup_added_ids (second);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (cd_import_report_count (second, CD_IMPORT_ENTRY_DUPLICATE), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      CdImportEntry *entry = entry_at (second, i);

      g_assert_cmpint (entry->kind, ==, CD_IMPORT_ENTRY_DUPLICATE);
      g_assert_cmpstr (entry->other_id, ==, ids[i]);
      g_assert_nonnull (strstr (entry->message, "already in the store"));
    }
  g_assert_cmpuint (entry_at (second, 1)->line, ==, 14);
  g_assert_cmpuint (n_articles (f), ==, 3);
  after = snapshot (f);
  g_assert_true (g_str_equal (after, before));
}

/* The same story twice in one import: the second is not added. */
static void
test_duplicate_within_import (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GFile) lf = page_copy ("full-lf.txt");
  g_autoptr(GFile) crlf = page_copy ("full-crlf.txt");
  GFile *files[] = { lf, crlf };
  g_autoptr(GError) error = NULL;
  g_autoptr(CdImportReport) report = cd_importer_import_files (f->importer, files, 2, NULL,
                                                               &error);
  CdImportEntry *entry;

  g_assert_no_error (error);
  g_assert_cmpuint (n_articles (f), ==, 1);
  g_assert_cmpuint (cd_import_report_get_n_files (report), ==, 2);
  entry = entry_at (report, 1);
  g_assert_cmpint (entry->kind, ==, CD_IMPORT_ENTRY_DUPLICATE);
  g_assert_cmpstr (entry->other_id, ==, entry_at (report, 0)->article_id);
  g_assert_nonnull (strstr (entry->message, "earlier in this import"));
}

static void
test_near_duplicate (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GFile) original = page_copy ("full-lf.txt");
  g_autoptr(GFile) edited = page_copy ("near-duplicate.txt");
  g_autoptr(CdImportReport) first = import (f, original);
  g_autoptr(CdImportReport) second = import (f, edited);
  g_autoptr(CdArticle) article = NULL;
  CdArticleSummary *summary;
  CdImportEntry *entry = entry_at (second, 0);

  g_assert_cmpuint (n_articles (f), ==, 2);
  g_assert_cmpint (entry->kind, ==, CD_IMPORT_ENTRY_NEAR_DUPLICATE);
  g_assert_cmpstr (entry->other_id, ==, entry_at (first, 0)->article_id);
  g_assert_cmpuint (cd_import_report_count (second, CD_IMPORT_ENTRY_NEAR_DUPLICATE), ==, 1);

  article = load (f, entry->article_id);
  g_assert_cmpstr (cd_article_get_duplicate_of (article), ==, entry->other_id);
  g_assert_true (cd_article_get_warnings (article) & CD_ARTICLE_WARNING_POSSIBLE_DUPLICATE);
  summary = cd_store_find (f->store, entry->article_id);
  g_assert_cmpstr (cd_article_summary_get_duplicate_of (summary), ==, entry->other_id);
}

static CdArticle *
parse_one (const char *name)
{
  g_autoptr(GFile) file = page_copy (name);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autoptr(GPtrArray) articles = cd_page_copy_parse (G_INPUT_STREAM (stream), "en", NULL, NULL);

  g_assert_nonnull (articles);
  return cd_parsed_article_to_article (g_ptr_array_index (articles, 0));
}

/* The threshold is set between an edited story and different stories:
 * the edit (a changed word, an added one, a changed date) stays within
 * it, every pair of unrelated fixture stories lies far beyond it. */
static void
test_near_duplicate_threshold (void)
{
  const char *unrelated[] = {
    "full-lf.txt", "arabic.txt", "several-photos.txt", "no-widgets.txt",
    "no-second-headline.txt", "caption-without-credit.txt", "wrapped-paragraphs.txt",
    "number-paragraph.txt", "body-repeats-caption.txt", "bare-paragraph.txt",
    "markdown-like-paragraphs.txt", "mostly-latin-with-arabic.txt",
  };
  g_autoptr(CdArticle) original = parse_one ("full-lf.txt");
  g_autoptr(CdArticle) edited = parse_one ("near-duplicate.txt");
  guint near = cd_simhash_distance (cd_article_get_simhash (original),
                                    cd_article_get_simhash (edited));
  guint closest = 64;

  for (guint i = 0; i < G_N_ELEMENTS (unrelated); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (unrelated); j++)
      {
        g_autoptr(CdArticle) a = parse_one (unrelated[i]);
        g_autoptr(CdArticle) b = parse_one (unrelated[j]);

        closest = MIN (closest, cd_simhash_distance (cd_article_get_simhash (a),
                                                     cd_article_get_simhash (b)));
      }
  g_test_message ("edited story: %u bits; closest unrelated pair: %u bits", near, closest);
  g_assert_cmpuint (near, <=, CD_IMPORTER_DEFAULT_NEAR_DUPLICATE_DISTANCE);
  g_assert_cmpuint (closest, >, CD_IMPORTER_DEFAULT_NEAR_DUPLICATE_DISTANCE + 4);
}

/* The finder the importer and the window's review dialog share: the
 * same text is a duplicate, an edit of it a near-duplicate, another
 * story neither; it answers with the id of the article matched. */
static void
test_duplicate_finder (void)
{
  g_autoptr(CdDuplicateFinder) finder =
    cd_duplicate_finder_new (CD_IMPORTER_DEFAULT_NEAR_DUPLICATE_DISTANCE);
  g_autoptr(CdArticle) original = parse_one ("full-lf.txt");
  g_autoptr(CdArticle) again = parse_one ("full-lf.txt");
  g_autoptr(CdArticle) edited = parse_one ("near-duplicate.txt");
  g_autoptr(CdArticle) other = parse_one ("arabic.txt");
  const char *id = "not set";

  g_assert_cmpint (cd_duplicate_finder_check (finder, original, &id), ==, CD_DUPLICATE_NONE);
  g_assert_null (id);
  cd_duplicate_finder_add_article (finder, original);

  id = NULL;
  g_assert_cmpint (cd_duplicate_finder_check (finder, again, &id), ==, CD_DUPLICATE_SAME);
  g_assert_cmpstr (id, ==, cd_article_get_id (original));
  id = NULL;
  g_assert_cmpint (cd_duplicate_finder_check (finder, edited, &id), ==, CD_DUPLICATE_NEAR);
  g_assert_cmpstr (id, ==, cd_article_get_id (original));
  g_assert_cmpint (cd_duplicate_finder_check (finder, other, &id), ==, CD_DUPLICATE_NONE);
  g_assert_null (id);
  /* checking adds nothing */
  g_assert_cmpint (cd_duplicate_finder_check (finder, other, NULL), ==, CD_DUPLICATE_NONE);
}

/* Made from a store, the finder knows what the store holds. */
static void
test_duplicate_finder_for_store (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GFile) file = page_copy ("full-lf.txt");
  g_autoptr(CdImportReport) report = import (f, file);
  g_autoptr(CdDuplicateFinder) finder = NULL;
  g_autoptr(CdArticle) again = parse_one ("full-lf.txt");
  g_autoptr(CdArticle) edited = parse_one ("near-duplicate.txt");
  const char *stored = entry_at (report, 0)->article_id;
  const char *id = NULL;

  finder = cd_duplicate_finder_new_for_store (f->store,
                                              CD_IMPORTER_DEFAULT_NEAR_DUPLICATE_DISTANCE);
  g_assert_cmpint (cd_duplicate_finder_check (finder, again, &id), ==, CD_DUPLICATE_SAME);
  g_assert_cmpstr (id, ==, stored);
  g_assert_cmpint (cd_duplicate_finder_check (finder, edited, &id), ==, CD_DUPLICATE_NEAR);
  g_assert_cmpstr (id, ==, stored);
}

static char *
invented_story (GRand *rand,
                guint  n_words)
{
  static const char * const words[] = {
    "harbour", "council", "ferry", "market", "bridge", "school", "river", "tower", "garden",
    "library", "station", "museum", "winter", "summer", "opened", "closed", "visitors",
    "workers", "said", "would", "the", "a", "of", "on", "in", "after", "before", "new", "old",
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_words; i++)
    g_string_append_printf (text, "%s%s", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                            i % 17 == 16 ? ".\n\n" : " ");
  return g_string_free (text, FALSE);
}

/* A full-length story (600 words) edited in five places stays well
 * within the distance; 200 unrelated stories of the same vocabulary
 * stay well beyond it. */
static void
test_near_duplicate_threshold_long (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *body = invented_story (rand, 600);
  g_auto(GStrv) edited_words = g_strsplit (body, " ", -1);
  g_autofree char *edited_body = NULL;
  g_autoptr(CdArticle) original = cd_article_new ();
  g_autoptr(CdArticle) edited = cd_article_new ();
  g_autoptr(GArray) hashes = g_array_new (FALSE, FALSE, sizeof (guint64));
  guint near, closest = 64;

  for (guint i = 0; i < 5; i++)
    {
      g_free (edited_words[50 + i * 100]);
      edited_words[50 + i * 100] = g_strdup ("changed");
    }
  edited_body = g_strjoinv (" ", edited_words);
  cd_article_set_headline (original, "Ferry Market Opens");
  cd_article_set_body (original, body);
  cd_article_set_headline (edited, "Ferry Market Opens");
  cd_article_set_body (edited, edited_body);
  near = cd_simhash_distance (cd_article_get_simhash (original), cd_article_get_simhash (edited));

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(CdArticle) other = cd_article_new ();
      g_autofree char *text = invented_story (rand, 600);
      guint64 hash;

      cd_article_set_body (other, text);
      hash = cd_article_get_simhash (other);
      for (guint j = 0; j < hashes->len; j++)
        closest = MIN (closest, cd_simhash_distance (hash, g_array_index (hashes, guint64, j)));
      g_array_append_val (hashes, hash);
    }
  g_test_message ("long story edited in 5 places: %u bits; closest of 200 unrelated: %u bits",
                  near, closest);
  g_assert_cmpuint (near, <=, CD_IMPORTER_DEFAULT_NEAR_DUPLICATE_DISTANCE / 2);
  g_assert_cmpuint (closest, >, CD_IMPORTER_DEFAULT_NEAR_DUPLICATE_DISTANCE);
}

static void
test_unrelated_not_flagged (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GFile) a = page_copy ("full-lf.txt");
  g_autoptr(GFile) b = page_copy ("several-articles.txt");
  g_autoptr(GFile) c = page_copy ("arabic.txt");
  GFile *files[] = { a, b, c };
  g_autoptr(GError) error = NULL;
  g_autoptr(CdImportReport) report = cd_importer_import_files (f->importer, files, 3, NULL,
                                                               &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cd_import_report_count (report, CD_IMPORT_ENTRY_ADDED), ==, 5);
  g_assert_cmpuint (cd_import_report_count (report, CD_IMPORT_ENTRY_NEAR_DUPLICATE), ==, 0);
  g_assert_cmpuint (n_articles (f), ==, 5);
}

static void
test_language (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GFile) english = page_copy ("full-lf.txt");
  g_autoptr(GFile) arabic = page_copy ("arabic.txt");
  GFile *files[] = { english, arabic };
  g_autoptr(GError) error = NULL;
  g_autoptr(CdImportReport) report = NULL;
  g_autoptr(CdArticle) first = NULL;
  g_autoptr(CdArticle) second = NULL;

  /* --language fr: the default for text that is not Arabic */
  cd_importer_set_language (f->importer, "fr");
  report = cd_importer_import_files (f->importer, files, 2, NULL, &error);
  g_assert_no_error (error);
  first = load (f, entry_at (report, 0)->article_id);
  second = load (f, entry_at (report, 1)->article_id);
  g_assert_cmpstr (cd_article_get_language (first), ==, "fr");
  g_assert_cmpstr (cd_article_get_language (second), ==, "ar");
  g_assert_true (cd_article_is_rtl (second));
  g_assert_cmpstr (cd_photo_get_credit (cd_article_get_photo (second, 1)), ==, "أ.ف.ب");
}

static void
test_store_default_language (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GFile) english = page_copy ("bare-paragraph.txt");
  g_autoptr(JsonObject) settings = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CdImportReport) report = NULL;
  g_autoptr(CdArticle) article = NULL;

  json_object_set_string_member (settings, "default-language", "de");
  cd_store_save_settings (f->store, settings, &error);
  g_assert_no_error (error);
  g_assert_null (cd_importer_get_language (f->importer));

  report = import (f, english);
  article = load (f, entry_at (report, 0)->article_id);
  g_assert_cmpstr (cd_article_get_language (article), ==, "de");
}

static void
test_photo_without_credit (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GFile) file = page_copy ("caption-without-credit.txt");
  g_autoptr(CdImportReport) report = import (f, file);
  CdImportEntry *warning;

  g_assert_cmpuint (cd_import_report_count (report, CD_IMPORT_ENTRY_ADDED), ==, 1);
  g_assert_cmpuint (cd_import_report_count (report, CD_IMPORT_ENTRY_WARNING), ==, 1);
  warning = entry_at (report, 1);
  g_assert_cmpint (warning->warning, ==, CD_IMPORT_WARNING_PHOTO_NO_CREDIT);
  g_assert_cmpuint (warning->line, ==, 3);
  g_assert_cmpstr (warning->article_id, ==, entry_at (report, 0)->article_id);
  g_assert_nonnull (strstr (warning->message, "The bakery's original oven, still in use"));
  g_assert_nonnull (strstr (warning->message, "no credit"));
}

static void
test_widget_stretch_reported (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GFile) file = page_copy ("widget-only-stretch.txt");
  g_autoptr(CdImportReport) report = import (f, file);
  g_autofree char *formatted = NULL;
  g_autofree char *path = g_file_get_parse_name (file);
  g_autofree char *expected = NULL;
  CdImportEntry *skipped = entry_at (report, 1);

  g_assert_cmpuint (n_articles (f), ==, 2);
  g_assert_cmpint (skipped->kind, ==, CD_IMPORT_ENTRY_WARNING);
  g_assert_cmpint (skipped->warning, ==, CD_IMPORT_WARNING_SKIPPED);
  g_assert_cmpuint (skipped->line, ==, 14);
  g_assert_null (skipped->article_id);
  formatted = cd_import_entry_format (skipped);
  expected = g_strdup_printf ("%s:14: lines 14 to 15 hold nothing but page widgets (TT, 7); "
                              "skipped", path);
  g_assert_cmpstr (formatted, ==, expected);
}

static void
test_headline_only (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdImportReport) report = NULL;
  const char *text = "A Headline Without a Story\n";

  file = g_file_new_tmp ("copydesk-headline-XXXXXX.txt", &io, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (io)), text,
                             strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
  g_io_stream_close (G_IO_STREAM (io), NULL, NULL);

  report = import (f, file);
  g_assert_cmpuint (n_articles (f), ==, 1);
  g_assert_cmpint (entry_at (report, 1)->warning, ==, CD_IMPORT_WARNING_EMPTY_BODY);
  g_assert_cmpuint (entry_at (report, 1)->line, ==, 1);
  g_file_delete (file, NULL, NULL);
}

static void
assert_failed_import (Fixture    *f,
                      GFile      *file,
                      int         code,
                      const char *fragment)
{
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  g_autofree char *path = g_file_get_parse_name (file);
  g_autoptr(GError) error = import_error (f, file);

  g_test_message ("%s", error->message);
  g_assert_error (error, CD_IMPORT_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, fragment));
  after = snapshot (f);
  g_assert_true (g_str_equal (after, before));
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) good = page_copy ("full-lf.txt");
  g_autoptr(CdImportReport) report = import (f, good);
  g_autoptr(GFile) not_utf8 = page_copy ("not-utf8.txt");
  g_autoptr(GFile) empty = page_copy ("empty.txt");
  g_autoptr(GFile) blank = page_copy ("blank-only.txt");
  g_autoptr(GFile) binary = page_copy ("binary.bin");
  g_autoptr(GFile) broken = data_file ("import", "broken.json");
  g_autoptr(GFile) not_ninjs = data_file ("import", "not-ninjs.json");
  g_autoptr(GFile) empty_md = NULL;

  assert_failed_import (f, not_utf8, CD_IMPORT_ERROR_NOT_UTF8, "line 3, byte 38");
  assert_failed_import (f, empty, CD_IMPORT_ERROR_EMPTY, "the file is empty");
  assert_failed_import (f, blank, CD_IMPORT_ERROR_EMPTY, "only blank lines");
  assert_failed_import (f, binary, CD_IMPORT_ERROR_BINARY, "line 2, byte 12");
  assert_failed_import (f, broken, CD_IMPORT_ERROR_BAD_NINJS, "not valid JSON: line 1, column 34: unexpected");
  assert_failed_import (f, not_ninjs, CD_IMPORT_ERROR_BAD_NINJS, "line 3: item 2");

  cd_importer_set_format (f->importer, CD_IMPORT_FORMAT_MARKDOWN);
  empty_md = page_copy ("blank-only.txt");
  assert_failed_import (f, empty_md, CD_IMPORT_ERROR_EMPTY, "only blank lines");
  cd_importer_set_format (f->importer, CD_IMPORT_FORMAT_NINJS);
  assert_failed_import (f, empty, CD_IMPORT_ERROR_EMPTY, "the file is empty");
  assert_failed_import (f, binary, CD_IMPORT_ERROR_BINARY, "line 2, byte 12");
  g_assert_cmpuint (n_articles (f), ==, 1);
}

/* One bad file among good ones: nothing of the good ones is added. */
static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GFile) good = page_copy ("several-articles.txt");
  g_autoptr(GFile) bad = page_copy ("not-utf8.txt");
  g_autoptr(GFile) missing = page_copy ("no-such-file.txt");
  GFile *files[] = { good, bad };
  GFile *with_missing[] = { good, missing };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) missing_error = NULL;
  g_autoptr(CdImportReport) report = NULL;
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  g_autofree char *bad_path = g_file_get_parse_name (bad);

  report = cd_importer_import_files (f->importer, files, 2, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_NOT_UTF8);
  g_assert_true (g_str_has_prefix (error->message, bad_path));

  report = cd_importer_import_files (f->importer, with_missing, 2, NULL, &missing_error);
  g_assert_null (report);
  g_assert_error (missing_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_assert_cmpuint (n_articles (f), ==, 0);
  after = snapshot (f);
  g_assert_true (g_str_equal (after, before));
}

static void
test_ninjs (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GFile) one = data_file ("import", "story.json");
  g_autoptr(GFile) many = data_file ("import", "stories.json");
  g_autoptr(CdImportReport) first = import (f, one);
  g_autoptr(CdImportReport) second = import (f, many);
  g_autoptr(CdImportReport) again = NULL;
  g_autoptr(CdArticle) canal = NULL;
  g_autoptr(CdArticle) arabic = NULL;

  g_assert_cmpstr (entry_at (first, 0)->article_id, ==, "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f");
  g_assert_cmpuint (entry_at (first, 0)->line, ==, 1);
  canal = load (f, "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f");
  g_assert_cmpstr (cd_article_get_headline (canal), ==, "Canal Boats Gather for the Summer Parade");
  g_assert_cmpstr (cd_photo_get_credit (cd_article_get_photo (canal, 0)), ==, "Canal Trust");

  /* an array: each item with the line it starts on */
  g_assert_cmpuint (cd_import_report_count (second, CD_IMPORT_ENTRY_ADDED), ==, 2);
  g_assert_cmpuint (entry_at (second, 0)->line, ==, 2);
  g_assert_cmpuint (entry_at (second, 1)->line, ==, 10);
  arabic = load (f, entry_at (second, 1)->article_id);
  /* no language in the ninjs: detected */
  g_assert_cmpstr (cd_article_get_language (arabic), ==, "ar");
  g_assert_cmpint (entry_at (second, 2)->warning, ==, CD_IMPORT_WARNING_PHOTO_NO_CREDIT);

  again = import (f, many);
  g_assert_cmpuint (cd_import_report_count (again, CD_IMPORT_ENTRY_DUPLICATE), ==, 2);
  g_assert_cmpuint (n_articles (f), ==, 3);
}

/* A ninjs copy with a taken id but another text does not overwrite. */
static void
test_ninjs_id_taken (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GFile) one = data_file ("import", "story.json");
  g_autoptr(CdImportReport) first = import (f, one);
  g_autoptr(GFile) edited = NULL;
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes (one, NULL, NULL, NULL);
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (bytes, NULL),
                                              g_bytes_get_size (bytes));
  g_autoptr(CdImportReport) second = NULL;
  g_autoptr(CdArticle) kept = NULL;
  CdImportEntry *entry;

  g_string_replace (text, "Saturday", "Sunday", 1);
  edited = g_file_new_tmp ("copydesk-ninjs-XXXXXX.json", &io, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (io)), text->str,
                             text->len, NULL, NULL, &error);
  g_io_stream_close (G_IO_STREAM (io), NULL, NULL);

  second = import (f, edited);
  entry = entry_at (second, 0);
  g_assert_cmpint (entry->kind, ==, CD_IMPORT_ENTRY_NEAR_DUPLICATE);
  g_assert_cmpstr (entry->other_id, ==, "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f");
  g_assert_cmpstr (entry->article_id, !=, entry->other_id);
  g_assert_cmpuint (n_articles (f), ==, 2);
  kept = load (f, "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f");
  g_assert_nonnull (strstr (cd_article_get_body (kept), "Saturday"));
  g_file_delete (edited, NULL, NULL);
}

static CdPhoto *
credited_photo (const char *caption,
                const char *file)
{
  CdPhoto *photo = cd_photo_new ();

  cd_photo_set_caption (photo, caption);
  cd_photo_set_credit (photo, "Harbour Office");
  cd_photo_set_file (photo, file);
  return photo;
}

/* An export of another store names its images by absolute file: URIs:
 * the one that exists is copied in, byte for byte; a missing one and a
 * remote one leave their photos without an image, with a warning. */
static void
test_ninjs_photos_from_other_store (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_dir = cd_test_make_tmp_dir ("copydesk-other");
  g_autoptr(CdStore) other = cd_store_new (other_dir);
  g_autofree char *png_path = g_build_filename (other_dir, "pier.png", NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 7, 5);
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autofree char *name = NULL;
  g_autofree char *other_uri = NULL;
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(CdPhoto) p1 = NULL, p2 = NULL, p3 = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *ninjs_path = g_build_filename (other_dir, "export.json", NULL);
  g_autoptr(GFile) ninjs = g_file_new_for_path (ninjs_path);
  g_autoptr(CdImportReport) report = NULL;
  g_autoptr(CdArticle) imported = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GBytes) original_bytes = NULL;
  g_autoptr(GBytes) copy_bytes = NULL;
  CdPhoto *got;
  guint n_warnings = 0;

  g_assert_no_error (error);
  cd_store_open (other, NULL, &error);
  g_assert_no_error (error);
  gdk_pixbuf_fill (pixbuf, 0x2060a0ff);
  gdk_pixbuf_save (pixbuf, png_path, "png", &error, NULL);
  g_assert_no_error (error);
  name = cd_store_add_photo_file (other, png, NULL, NULL, &error);
  g_assert_no_error (error);

  cd_article_set_headline (article, "Pier Reopens After Storm Repairs");
  cd_article_set_body (article, "The pier opened again on Monday after two months of work.");
  p1 = credited_photo ("The mended pier", name);
  p2 = credited_photo ("The old pier", "gone-since-export.png");
  p3 = credited_photo ("The pier from the air", "aerial.jpg");
  cd_article_add_photo (article, p1);
  cd_article_add_photo (article, p2);
  cd_article_add_photo (article, p3);
  other_uri = cd_store_dup_photos_uri (other);
  node = cd_ninjs_from_article (article, other_uri, CD_NINJS_BODY_MARKDOWN);
  json = json_to_string (node, TRUE);
  text = g_string_new (json);
  /* the third comes from the web */
  g_assert_cmpuint (g_string_replace (text, other_uri, "https://127.0.0.1/", 0), ==, 3);
  g_string_replace (text, "https://127.0.0.1/", other_uri, 2);
  g_file_set_contents (ninjs_path, text->str, -1, &error);
  g_assert_no_error (error);

  report = import (f, ninjs);
  g_assert_cmpuint (cd_import_report_count (report, CD_IMPORT_ENTRY_ADDED), ==, 1);
  imported = load (f, entry_at (report, 0)->article_id);
  g_assert_cmpuint (cd_article_get_n_photos (imported), ==, 3);
  got = cd_article_get_photo (imported, 0);
  g_assert_nonnull (cd_photo_get_file (got));
  g_assert_cmpuint (cd_photo_get_width (got), ==, 7);
  g_assert_cmpuint (cd_photo_get_height (got), ==, 5);
  copy = cd_store_get_photo_file (f->store, cd_photo_get_file (got));
  {
    g_autofree char *copy_path = g_file_get_path (copy);

    g_assert_true (g_str_has_prefix (copy_path, f->dir));
  }
  original_bytes = g_file_load_bytes (png, NULL, NULL, &error);
  g_assert_no_error (error);
  copy_bytes = g_file_load_bytes (copy, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (original_bytes, copy_bytes));
  g_assert_null (cd_photo_get_file (cd_article_get_photo (imported, 1)));
  g_assert_null (cd_photo_get_file (cd_article_get_photo (imported, 2)));
  g_assert_cmpstr (cd_photo_get_caption (cd_article_get_photo (imported, 2)), ==,
                   "The pier from the air");

  for (guint i = 0; i < cd_import_report_get_entries (report)->len; i++)
    {
      CdImportEntry *entry = entry_at (report, i);
      g_autofree char *line = cd_import_entry_format (entry);

      if (entry->warning != CD_IMPORT_WARNING_PHOTO_NO_IMAGE)
        continue;
      n_warnings++;
      g_assert_cmpint (entry->kind, ==, CD_IMPORT_ENTRY_WARNING);
      g_assert_cmpuint (entry->line, ==, 1);
      g_assert_true (g_str_has_prefix (line, ninjs_path));
      if (n_warnings == 1)
        {
          g_assert_nonnull (strstr (line, "photo 2: its image"));
          g_assert_nonnull (strstr (line, "gone-since-export.png"));
          g_assert_nonnull (strstr (line, "was not found"));
        }
      else
        {
          g_assert_nonnull (strstr (line, "photo 3: its image “https://127.0.0.1/aerial.jpg”"));
          g_assert_nonnull (strstr (line, "is not a local file"));
        }
    }
  g_assert_cmpuint (n_warnings, ==, 2);

  g_clear_object (&other);
  cd_test_remove_tree (other_dir);
}

/* The images an import copies in go with its batch: gone again when
 * the batch is not committed, kept when it is. */
static void
test_batch_photo_undone (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *outside = cd_test_make_tmp_dir ("copydesk-batch-photo");
  g_autofree char *png_path = g_build_filename (outside, "photo.png", NULL);
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 3, 4);
  g_autoptr(CdStoreBatch) undone = cd_store_batch_new (f->store);
  g_autoptr(CdStoreBatch) kept = NULL;
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(GFile) first = NULL;
  g_autoptr(GFile) second = NULL;
  g_autofree char *name = NULL;
  g_autofree char *kept_name = NULL;
  guint width = 0, height = 0;

  gdk_pixbuf_fill (pixbuf, 0xa0c020ff);
  gdk_pixbuf_save (pixbuf, png_path, "png", &error, NULL);
  g_assert_no_error (error);

  name = cd_store_batch_add_photo_file (undone, png, &width, &height, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (width, ==, 3);
  g_assert_cmpuint (height, ==, 4);
  first = cd_store_get_photo_file (f->store, name);
  g_assert_true (g_file_query_exists (first, NULL));
  g_clear_pointer (&undone, cd_store_batch_free);
  g_assert_false (g_file_query_exists (first, NULL));

  kept = cd_store_batch_new (f->store);
  kept_name = cd_store_batch_add_photo_file (kept, png, NULL, NULL, &error);
  g_assert_no_error (error);
  cd_article_set_headline (article, "Gulls Return to the Harbour Wall");
  cd_article_set_body (article, "The gulls are back.");
  cd_store_batch_add (kept, article, NULL, &error);
  g_assert_no_error (error);
  cd_store_batch_commit (kept, NULL, &error);
  g_assert_no_error (error);
  cd_store_batch_apply (kept);
  g_clear_pointer (&kept, cd_store_batch_free);
  second = cd_store_get_photo_file (f->store, kept_name);
  g_assert_true (g_file_query_exists (second, NULL));
  cd_test_remove_tree (outside);
}

static void
test_text_and_markdown (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GFile) md = data_file ("import", "story.md");
  g_autoptr(GFile) txt = data_file ("import", "story.txt");
  g_autoptr(CdImportReport) md_report = import (f, md);
  g_autoptr(CdImportReport) txt_report = NULL;
  g_autoptr(CdArticle) from_md = load (f, entry_at (md_report, 0)->article_id);
  g_autoptr(CdArticle) from_txt = NULL;
  g_autoptr(GBytes) md_bytes = g_file_load_bytes (md, NULL, NULL, NULL);
  g_autofree char *txt_plain = NULL;

  /* Markdown: "# " goes, the body is kept as written */
  g_assert_cmpstr (cd_article_get_headline (from_md), ==, "Ferry Service Adds a Night Crossing");
  g_assert_cmpstr (cd_article_get_body (from_md), ==,
                   "The last ferry will leave at *eleven* from June.\n\n"
                   "- Monday to Friday\n- Not on holidays");
  g_assert_cmpstr (cd_article_get_source (from_md), ==, g_bytes_get_data (md_bytes, NULL));

  /* plain text must be asked for: by extension .txt is page copy */
  g_assert_cmpint (cd_import_format_for_file (txt, CD_IMPORT_FORMAT_AUTO), ==,
                   CD_IMPORT_FORMAT_PAGE_COPY);
  cd_importer_set_format (f->importer, CD_IMPORT_FORMAT_TEXT);
  txt_report = import (f, txt);
  from_txt = load (f, entry_at (txt_report, 0)->article_id);
  g_assert_cmpstr (cd_article_get_headline (from_txt), ==, "Ferry Service Adds a Night Crossing");
  txt_plain = cd_markdown_to_plain (cd_article_get_body (from_txt));
  g_assert_cmpstr (txt_plain, ==,
                   "The last ferry will leave at *eleven* from June.\n\n- Monday to Friday");
  g_assert_cmpuint (n_articles (f), ==, 2);
}

static void
test_formats (void)
{
  struct { const char *name; CdImportFormat format; } cases[] = {
    { "a.json", CD_IMPORT_FORMAT_NINJS }, { "b.JSON", CD_IMPORT_FORMAT_NINJS },
    { "export.ninjs", CD_IMPORT_FORMAT_NINJS },
    { "c.md", CD_IMPORT_FORMAT_MARKDOWN }, { "d.markdown", CD_IMPORT_FORMAT_MARKDOWN },
    { "e.txt", CD_IMPORT_FORMAT_PAGE_COPY }, { "page", CD_IMPORT_FORMAT_PAGE_COPY },
  };
  CdImportFormat format;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (cases[i].name);

      g_assert_cmpint (cd_import_format_for_file (file, CD_IMPORT_FORMAT_AUTO), ==,
                       cases[i].format);
      g_assert_cmpint (cd_import_format_for_file (file, CD_IMPORT_FORMAT_TEXT), ==,
                       CD_IMPORT_FORMAT_TEXT);
    }
  g_assert_true (cd_import_format_from_string ("ninjs", &format));
  g_assert_cmpint (format, ==, CD_IMPORT_FORMAT_NINJS);
  g_assert_true (cd_import_format_from_string ("page-copy", &format));
  g_assert_cmpint (format, ==, CD_IMPORT_FORMAT_PAGE_COPY);
  g_assert_true (cd_import_format_from_string ("md", &format));
  g_assert_cmpint (format, ==, CD_IMPORT_FORMAT_MARKDOWN);
  g_assert_false (cd_import_format_from_string ("docx", &format));
  g_assert_cmpstr (cd_import_format_to_string (CD_IMPORT_FORMAT_TEXT), ==, "text");
}

static void
on_import_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GFile) file = page_copy ("several-articles.txt");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) bad_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdImportReport) report = NULL;
  g_autoptr(GFile) bad = page_copy ("binary.bin");

  cd_importer_import_files_async (f->importer, &file, 1, NULL, on_import_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = cd_importer_import_files_finish (f->importer, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cd_import_report_count (report, CD_IMPORT_ENTRY_ADDED), ==, 3);
  g_assert_cmpuint (n_articles (f), ==, 3);

  cd_importer_import_files_async (f->importer, &bad, 1, NULL, on_import_done_cb, &bad_result);
  while (bad_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (cd_importer_import_files_finish (f->importer, bad_result, &error));
  g_assert_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_BINARY);
  g_assert_cmpuint (n_articles (f), ==, 3);
}

typedef struct
{
  GThread *main_thread;
  guint changes;
  guint changes_in_other_threads;
  int lock_fd;
  gboolean released;
  GAsyncResult *result;
} LockedState;

static void
on_locked_items_changed_cb (GListModel  *model,
                            guint        position,
                            guint        removed,
                            guint        added,
                            LockedState *state)
{
  state->changes++;
  if (g_thread_self () != state->main_thread)
    state->changes_in_other_threads++;
}

/* In the main loop, while the import waits for the store's lock: a
 * window's loop keeps running during the write. */
static gboolean
release_lock_cb (gpointer user_data)
{
  LockedState *state = user_data;

  g_assert_null (state->result);
  g_assert_cmpuint (state->changes, ==, 0);
  close (state->lock_fd);
  state->released = TRUE;
  return G_SOURCE_REMOVE;
}

/* The async import writes in its threads: with another program holding
 * the store's lock, the caller's main loop still runs, and the list
 * changes on the caller's thread only, when the import is done. */
static void
test_async_does_not_block (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GFile) file = page_copy ("several-articles.txt");
  g_autofree char *lock_path = g_build_filename (f->dir, "store.lock", NULL);
  g_autoptr(CdImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  LockedState state = { g_thread_self (), 0, 0, -1, FALSE, NULL };

  state.lock_fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  g_assert_cmpint (flock (state.lock_fd, LOCK_EX), ==, 0);
  cd_store_set_lock_timeout (f->store, 30000);
  g_signal_connect (f->store, "items-changed", G_CALLBACK (on_locked_items_changed_cb), &state);
  g_timeout_add (200, release_lock_cb, &state);

  cd_importer_import_files_async (f->importer, &file, 1, NULL, on_import_done_cb, &state.result);
  while (state.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = cd_importer_import_files_finish (f->importer, state.result, &error);
  g_clear_object (&state.result);
  g_assert_no_error (error);
  g_assert_true (state.released);
  g_assert_cmpuint (cd_import_report_count (report, CD_IMPORT_ENTRY_ADDED), ==, 3);
  g_assert_cmpuint (n_articles (f), ==, 3);
  g_assert_cmpuint (state.changes, >, 0);
  g_assert_cmpuint (state.changes_in_other_threads, ==, 0);
  g_signal_handlers_disconnect_by_data (f->store, &state);
}

/* A failure of the writing thread stops the import, with the store's
 * own error (not one of the file read), and leaves the store as it was. */
static void
test_store_locked (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GFile) file = page_copy ("several-articles.txt");
  g_autofree char *lock_path = g_build_filename (f->dir, "store.lock", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdImportReport) report = NULL;
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  int fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);
  cd_store_set_lock_timeout (f->store, 100);
  report = cd_importer_import_files (f->importer, &file, 1, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_LOCKED);
  close (fd);

  g_assert_cmpuint (n_articles (f), ==, 0);
  after = snapshot (f);
  g_assert_cmpstr (after, ==, before);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) file = page_copy ("several-articles.txt");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CdImportReport) report = NULL;

  g_cancellable_cancel (cancellable);
  report = cd_importer_import_files (f->importer, &file, 1, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n_articles (f), ==, 0);
}

/* Durable: a second store object on the same folder sees the import. */
static void
test_durable (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GFile) file = page_copy ("arabic.txt");
  g_autoptr(CdImportReport) report = import (f, file);
  g_autoptr(CdStore) reopened = cd_store_new (f->dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);

  cd_store_open (reopened, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reopened)), ==, 1);
  article = cd_store_load_article (reopened, entry_at (report, 0)->article_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_article_get_source (article), ==, g_bytes_get_data (bytes, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/importer/page-copy", test_page_copy);
  ADD ("/importer/reimport", test_reimport);
  ADD ("/importer/duplicate-within-import", test_duplicate_within_import);
  ADD ("/importer/near-duplicate", test_near_duplicate);
  g_test_add_func ("/importer/near-duplicate-threshold", test_near_duplicate_threshold);
  g_test_add_func ("/importer/near-duplicate-threshold-long", test_near_duplicate_threshold_long);
  g_test_add_func ("/importer/duplicate-finder", test_duplicate_finder);
  ADD ("/importer/duplicate-finder-for-store", test_duplicate_finder_for_store);
  ADD ("/importer/unrelated-not-flagged", test_unrelated_not_flagged);
  ADD ("/importer/language", test_language);
  ADD ("/importer/store-default-language", test_store_default_language);
  ADD ("/importer/photo-without-credit", test_photo_without_credit);
  ADD ("/importer/widget-stretch-reported", test_widget_stretch_reported);
  ADD ("/importer/headline-only", test_headline_only);
  ADD ("/importer/bad-input", test_bad_input);
  ADD ("/importer/all-or-nothing", test_all_or_nothing);
  ADD ("/importer/ninjs", test_ninjs);
  ADD ("/importer/ninjs-id-taken", test_ninjs_id_taken);
  ADD ("/importer/ninjs-photos-from-other-store", test_ninjs_photos_from_other_store);
  ADD ("/importer/batch-photo-undone", test_batch_photo_undone);
  ADD ("/importer/text-and-markdown", test_text_and_markdown);
  g_test_add_func ("/importer/formats", test_formats);
  ADD ("/importer/async", test_async);
  ADD ("/importer/async-does-not-block", test_async_does_not_block);
  ADD ("/importer/store-locked", test_store_locked);
  ADD ("/importer/cancelled", test_cancelled);
  ADD ("/importer/durable", test_durable);

#undef ADD

  return g_test_run ();
}

/* store-test-util.c: helpers shared by the store's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "store-test-util.h"

/* An article with every field set, Arabic included. */
CdArticle *
store_test_full_article (void)
{
  static const char * const tags[] = { "الانتخابات", "politics", "tab\there", NULL };
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(CdPhoto) photo = cd_photo_new ();
  g_autoptr(CdPhoto) second = cd_photo_new ();
  g_autoptr(CdSiteBinding) site = cd_site_binding_new ("main-site");
  g_autoptr(CdSiteBinding) other = cd_site_binding_new ("archive");
  g_autoptr(GDateTime) created = g_date_time_new_utc (2024, 3, 14, 9, 26, 53.589793);
  g_autoptr(JsonObject) extra = json_object_new ();
  JsonObject *genre = json_object_new ();

  cd_article_set_headline (article, "البرلمان يقر الميزانية بعد جلسة طويلة");
  cd_article_set_standfirst (article, "صوت 80 نائبا لصالح القانون \"الجديد\"");
  cd_article_set_byline (article, "سارة أحمد");
  cd_article_set_dateline (article, "بغداد");
  cd_article_set_section (article, "سياسة");
  cd_article_set_tags (article, tags);
  cd_article_set_language (article, "ar");
  cd_article_set_status (article, CD_ARTICLE_STATUS_READY);
  cd_article_set_body (article, "الفقرة الأولى.\n\nThe second paragraph, with *emphasis* and \\ slash.");
  cd_article_set_note (article, "Check the vote count with the desk");
  cd_article_set_source (article, "RAW COPY\r\n\tline two\u00a0\nالنص الأصلي\n");
  cd_article_set_source_url (article, "https://example.com/wire/123?x=1&y=2");
  cd_article_set_duplicate_of (article, "0b7c1d2e-3f40-4a51-8b62-7c83d94e05f6");
  cd_article_set_created (article, created);
  cd_article_set_modified (article, created);

  cd_photo_set_caption (photo, "نواب في القاعة");
  cd_photo_set_credit (photo, "AFP/Getty Images");
  cd_photo_set_alt_text (photo, "Members of parliament seated");
  cd_photo_set_photographer (photo, "Ali Hassan");
  cd_photo_set_file (photo, "5f0c2a9e-1111-4222-8333-944455556666.jpg");
  cd_photo_set_width (photo, 1200);
  cd_photo_set_height (photo, 800);
  cd_article_add_photo (article, photo);
  cd_photo_set_caption (second, "A second photo");
  cd_photo_set_file (second, "name with space.png");
  cd_photo_set_width (second, 64);
  cd_photo_set_height (second, 48);
  cd_article_add_photo (article, second);

  cd_site_binding_set_post_id (site, "4711");
  cd_site_binding_set_link (site, "https://news.example.org/?p=4711");
  cd_site_binding_set_remote_modified (site, "2024-03-14T10:00:00");
  cd_site_binding_set_published_hash (site, "9f86d081884c7d659a2feaa0c55ad015");
  cd_article_set_binding (article, site);
  cd_site_binding_set_link (other, "https://archive.example.org/x");
  cd_article_set_binding (article, other);

  json_object_set_string_member (extra, "slugline", "budget-vote");
  json_object_set_array_member (extra, "genres", json_array_new ());
  json_array_add_object_element (json_object_get_array_member (extra, "genres"), genre);
  json_object_set_string_member (genre, "name", "Current");
  cd_article_set_ninjs_extra (article, extra);
  return g_steal_pointer (&article);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in a folder, sorted; empty when the folder is missing. */
GPtrArray *
store_test_list_names (const char *path)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

GBytes *
store_test_read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

/* Writes in place, as a careless program would (and quickly). */
void
store_test_write_bytes (const char *path,
                        const char *data,
                        gssize      length)
{
  FILE *f = fopen (path, "wb");

  g_assert_nonnull (f);
  if (length < 0)
    length = (gssize) strlen (data);
  g_assert_cmpuint (fwrite (data, 1, (gsize) length, f), ==, (gsize) length);
  g_assert_cmpint (fclose (f), ==, 0);
}

void
store_test_set_mtime (const char *path,
                      gint64      seconds_ago)
{
  struct timespec times[2];

  clock_gettime (CLOCK_REALTIME, &times[0]);
  times[0].tv_sec -= seconds_ago;
  times[1] = times[0];
  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
}

guint
store_test_count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      n += g_file_test (child, G_FILE_TEST_IS_DIR) ? store_test_count_files (child) : 1;
    }
  return n;
}

/* The headline or body that article @index has at @revision in the crash
 * and concurrency tests: its length changes with the revision, so a file
 * mixing two versions would show. */
char *
store_test_content (guint    index,
                    guint64  revision,
                    gboolean body)
{
  GString *text = g_string_new (NULL);

  if (!body)
    {
      g_string_printf (text, "Article %u at revision %" G_GUINT64_FORMAT, index, revision);
      return g_string_free (text, FALSE);
    }
  for (guint64 i = 0; i < 1 + (revision * 7 + index) % 23; i++)
    g_string_append_printf (text, "%sParagraph %" G_GUINT64_FORMAT " of article %u, revision %"
                            G_GUINT64_FORMAT ": الخبر %" G_GUINT64_FORMAT ".",
                            i ? "\n\n" : "", i, index, revision, revision);
  return g_string_free (text, FALSE);
}

/* The body the import-loop helper gives an article: two paragraphs that
 * name the headline, so that a reader can tell the article is whole and
 * is the one its headline says. */
char *
store_test_import_body (const char *headline)
{
  return g_strdup_printf ("This is the first paragraph of %s, long enough to be a story.\n\n"
                          "And this closes %s.", headline, headline);
}

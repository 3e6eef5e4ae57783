/* test-article-summary.c: what the list keeps of an article
 *
 * A summary stores its fields compactly (one text block, the fingerprint
 * as a digest, sections and languages as quarks, times as numbers); these
 * tests check that what comes out is what the article held.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-article-summary.h"

static GDateTime *
utc (int year,
     int month,
     int day)
{
  return g_date_time_new_utc (year, month, day, 9, 30, 15.25);
}

static CdArticle *
make_article (void)
{
  CdArticle *article = cd_article_new ();
  const char * const tags[] = { "ferry", "", "tab\there", "unit\x1fseparator", "النقل", NULL };
  g_autoptr(GDateTime) created = utc (2023, 5, 1);
  g_autoptr(GDateTime) modified = utc (2024, 2, 29);

  cd_article_set_headline (article, "Island Ferry Timetable Cut");
  cd_article_set_standfirst (article, "Two crossings fewer\nfrom Monday");
  cd_article_set_section (article, "Transport");
  cd_article_set_language (article, "en");
  cd_article_set_tags (article, tags);
  cd_article_set_duplicate_of (article, "0b7c1d2e-3f40-4a51-8b62-7c83d94e05f6");
  cd_article_set_status (article, CD_ARTICLE_STATUS_READY);
  cd_article_set_created (article, created);
  cd_article_set_modified (article, modified);
  cd_article_set_revision (article, 7);
  return article;
}

static void
test_summary_fields (void)
{
  g_autoptr(CdArticle) article = make_article ();
  g_autoptr(CdArticleSummary) summary = cd_article_summary_new (article);
  g_autofree char *fingerprint = cd_article_dup_fingerprint (article);
  g_autofree char *summary_fingerprint = cd_article_summary_dup_fingerprint (summary);
  g_auto(GStrv) tags = cd_article_summary_dup_tags (summary);
  g_autoptr(GDateTime) created = cd_article_summary_dup_created (summary);
  g_autoptr(GDateTime) modified = cd_article_summary_dup_modified (summary);

  g_assert_cmpstr (cd_article_summary_get_id (summary), ==, cd_article_get_id (article));
  g_assert_cmpstr (cd_article_summary_get_headline (summary), ==, "Island Ferry Timetable Cut");
  g_assert_cmpstr (cd_article_summary_get_standfirst (summary), ==,
                   "Two crossings fewer\nfrom Monday");
  g_assert_cmpstr (cd_article_summary_get_section (summary), ==, "Transport");
  g_assert_cmpstr (cd_article_summary_get_language (summary), ==, "en");
  g_assert_cmpstr (cd_article_summary_get_duplicate_of (summary), ==,
                   "0b7c1d2e-3f40-4a51-8b62-7c83d94e05f6");
  /* Empty tags and tags with separators of other formats survive too. */
  g_assert_true (g_strv_equal ((const char * const *) tags, cd_article_get_tags (article)));
  g_assert_cmpuint (strlen (summary_fingerprint), ==, 64);
  g_assert_cmpstr (summary_fingerprint, ==, fingerprint);
  g_assert_true (g_date_time_equal (created, cd_article_get_created (article)));
  g_assert_cmpint (g_date_time_get_microsecond (created), ==, 250000);
  g_assert_true (g_date_time_equal (modified, cd_article_get_modified (article)));
  g_assert_cmpint (cd_article_summary_get_status (summary), ==, CD_ARTICLE_STATUS_READY);
  g_assert_cmpuint (cd_article_summary_get_revision (summary), ==, 7);
  g_assert_cmpuint (cd_article_summary_get_simhash (summary), ==, cd_article_get_simhash (article));
}

static void
test_summary_empty_fields (void)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(CdArticleSummary) summary = NULL;
  g_auto(GStrv) tags = NULL;

  cd_article_set_section (article, NULL);
  cd_article_set_language (article, "");
  summary = cd_article_summary_new (article);
  tags = cd_article_summary_dup_tags (summary);
  g_assert_nonnull (tags);
  g_assert_cmpuint (g_strv_length (tags), ==, 0);
  g_assert_cmpstr (cd_article_summary_get_headline (summary), ==, "");
  g_assert_cmpstr (cd_article_summary_get_section (summary), ==, "");
  g_assert_cmpstr (cd_article_summary_get_language (summary), ==, "");
  g_assert_cmpstr (cd_article_summary_get_duplicate_of (summary), ==, "");
}

/* What g_object_get() and bindings see, made on demand for some. */
static void
test_summary_properties (void)
{
  g_autoptr(CdArticle) article = make_article ();
  g_autoptr(CdArticleSummary) summary = cd_article_summary_new (article);
  g_autofree char *fingerprint = cd_article_dup_fingerprint (article);
  g_autofree char *section = NULL, *property_fingerprint = NULL, *id = NULL;
  g_auto(GStrv) tags = NULL;
  g_autoptr(GDateTime) created = NULL;

  g_object_get (summary, "id", &id, "section", &section, "tags", &tags,
                "fingerprint", &property_fingerprint, "created", &created, NULL);
  g_assert_cmpstr (id, ==, cd_article_get_id (article));
  g_assert_cmpstr (section, ==, "Transport");
  g_assert_true (g_strv_equal ((const char * const *) tags, cd_article_get_tags (article)));
  g_assert_cmpstr (property_fingerprint, ==, fingerprint);
  g_assert_true (g_date_time_equal (created, cd_article_get_created (article)));
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          GPtrArray  *names)
{
  g_ptr_array_add (names, (gpointer) g_param_spec_get_name (pspec));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in alphabetical order: notifications come in no set order. */
static char *
joined (GPtrArray *names)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (names, i));
  strv = g_strv_builder_end (builder);
  return g_strjoinv (" ", strv);
}

/* An update replaces the text block: each changed property is notified
 * once, the others not at all, and the id reads the same. */
static void
test_summary_update_notifies (void)
{
  g_autoptr(CdArticle) article = make_article ();
  g_autoptr(CdArticleSummary) summary = cd_article_summary_new (article);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *id = g_strdup (cd_article_get_id (article));
  g_autofree char *before = cd_article_summary_dup_fingerprint (summary);
  g_autofree char *after = NULL;
  g_autofree char *notified = NULL;
  g_auto(GStrv) tags = NULL;
  const char * const new_tags[] = { "ferry", "timetable", NULL };

  g_signal_connect (summary, "notify", G_CALLBACK (count_cb), names);
  cd_article_summary_update (summary, article);
  g_assert_cmpuint (names->len, ==, 0);

  cd_article_set_tags (article, new_tags);
  cd_article_set_section (article, "Local");
  cd_article_set_headline (article, "Island Ferry Keeps Its Timetable");
  cd_article_summary_update (summary, article);
  notified = joined (names);
  /* The fingerprint and the SimHash are made from the headline too. */
  g_assert_cmpstr (notified, ==, "fingerprint headline section simhash tags");
  g_assert_cmpstr (cd_article_summary_get_id (summary), ==, id);
  g_assert_cmpstr (cd_article_summary_get_headline (summary), ==, "Island Ferry Keeps Its Timetable");
  g_assert_cmpstr (cd_article_summary_get_standfirst (summary), ==,
                   "Two crossings fewer\nfrom Monday");
  g_assert_cmpstr (cd_article_summary_get_section (summary), ==, "Local");
  tags = cd_article_summary_dup_tags (summary);
  g_assert_true (g_strv_equal ((const char * const *) tags, new_tags));
  after = cd_article_summary_dup_fingerprint (summary);
  g_assert_cmpstr (after, !=, before);
}

/* Tags whose bytes, nuls included, add up to the same length: still a
 * change. */
static void
test_summary_update_tags_regrouped (void)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(CdArticleSummary) summary = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_auto(GStrv) tags = NULL;
  const char * const regrouped[] = { "a", "bc", NULL };

  cd_article_set_tags (article, (const char * const[]) { "ab", "c", NULL });
  summary = cd_article_summary_new (article);
  g_signal_connect (summary, "notify::tags", G_CALLBACK (count_cb), names);
  cd_article_set_tags (article, regrouped);
  cd_article_summary_update (summary, article);
  g_assert_cmpuint (names->len, ==, 1);
  tags = cd_article_summary_dup_tags (summary);
  g_assert_true (g_strv_equal ((const char * const *) tags, regrouped));
}

static void
test_summary_compare_created (void)
{
  g_autoptr(CdArticle) older = make_article ();
  g_autoptr(CdArticle) newer = make_article ();
  g_autoptr(CdArticle) twin = make_article ();
  g_autoptr(GDateTime) later = utc (2024, 1, 1);
  g_autoptr(CdArticleSummary) a = NULL, b = NULL, c = NULL;

  cd_article_set_created (newer, later);
  a = cd_article_summary_new (older);
  b = cd_article_summary_new (newer);
  c = cd_article_summary_new (twin);
  g_assert_cmpint (cd_article_summary_compare_created (b, a), <, 0);
  g_assert_cmpint (cd_article_summary_compare_created (a, b), >, 0);
  g_assert_cmpint (cd_article_summary_compare_created (a, a), ==, 0);
  /* The same time: the ids decide, so the order is total. */
  g_assert_cmpint (cd_article_summary_compare_created (a, c) < 0, ==,
                   strcmp (cd_article_get_id (older), cd_article_get_id (twin)) < 0);
  g_assert_cmpint (cd_article_summary_compare_created (a, c), ==,
                   -cd_article_summary_compare_created (c, a));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/summary/fields", test_summary_fields);
  g_test_add_func ("/summary/empty-fields", test_summary_empty_fields);
  g_test_add_func ("/summary/properties", test_summary_properties);
  g_test_add_func ("/summary/update-notifies", test_summary_update_notifies);
  g_test_add_func ("/summary/update-tags-regrouped", test_summary_update_tags_regrouped);
  g_test_add_func ("/summary/compare-created", test_summary_compare_created);

  return g_test_run ();
}

/* test-ui-utils.c: the window's pure helpers, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "cd-ui-utils.h"

/* A fixed "now" in a fixed zone, so the answers do not depend on the
 * machine's clock or time zone. */
static GDateTime *
at (const char *iso8601)
{
  GDateTime *dt = g_date_time_new_from_iso8601 (iso8601, NULL);

  g_assert_nonnull (dt);
  return dt;
}

static void
assert_relative (const char *when_iso,
                 const char *now_iso,
                 const char *expected)
{
  g_autoptr(GDateTime) when = when_iso ? at (when_iso) : NULL;
  g_autoptr(GDateTime) now = at (now_iso);
  g_autofree char *text = cd_ui_format_relative_time (when, now);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_relative_time (void)
{
  const char *now = "2024-05-10T15:00:00+02:00";

  assert_relative (NULL, now, "Unknown");
  assert_relative ("2024-05-10T14:59:31+02:00", now, "Just now");
  /* A clock a little ahead elsewhere is not "in 3 minutes". */
  assert_relative ("2024-05-10T15:03:00+02:00", now, "Just now");
  assert_relative ("2024-05-10T14:59:00+02:00", now, "1 minute ago");
  assert_relative ("2024-05-10T14:55:00+02:00", now, "5 minutes ago");
  assert_relative ("2024-05-10T12:00:00+02:00", now, "3 hours ago");
  assert_relative ("2024-05-09T14:05:00+02:00", now, "Yesterday 14:05");
  assert_relative ("2024-05-07T09:30:00+02:00", now, "Tuesday 09:30");
  /* GLib pads %e with a figure space, as wide as a digit. */
  assert_relative ("2024-03-03T09:30:00+02:00", now, "\u20073 March");
  assert_relative ("2023-12-24T09:30:00+02:00", now, "24 December 2023");
}

static void
test_relative_time_zone (void)
{
  /* 21:30 UTC on the 9th is 23:30 on the 9th two hours east, and "now"
   * is already the 10th there: yesterday, though only 90 minutes ago. */
  assert_relative ("2024-05-09T21:30:00Z", "2024-05-10T01:00:00+02:00", "Yesterday 23:30");
  assert_relative ("2024-05-09T21:30:00Z", "2024-05-09T23:00:00Z", "1 hour ago");
}

static void
test_count_words (void)
{
  g_assert_cmpuint (cd_ui_count_words (NULL), ==, 0);
  g_assert_cmpuint (cd_ui_count_words (""), ==, 0);
  g_assert_cmpuint (cd_ui_count_words ("  \n\t "), ==, 0);
  g_assert_cmpuint (cd_ui_count_words ("Hello, world!"), ==, 2);
  /* Apostrophes stay inside a word, Markdown marks are not words. */
  g_assert_cmpuint (cd_ui_count_words ("Don't stop the editor’s press"), ==, 5);
  g_assert_cmpuint (cd_ui_count_words ("# Title\n\n*bold* text - and > more"), ==, 5);
  g_assert_cmpuint (cd_ui_count_words ("In 2024 we"), ==, 3);
  /* Arabic vowel marks belong to their word. */
  g_assert_cmpuint (cd_ui_count_words ("كَتَبَ الوَلَدُ الدَّرسَ"), ==, 3);
}

static void
test_reading_time (void)
{
  g_autofree char *one = NULL;
  g_autofree char *many = NULL;

  g_assert_cmpuint (cd_ui_reading_minutes (0), ==, 0);
  g_assert_cmpuint (cd_ui_reading_minutes (1), ==, 1);
  g_assert_cmpuint (cd_ui_reading_minutes (230), ==, 1);
  g_assert_cmpuint (cd_ui_reading_minutes (231), ==, 2);
  g_assert_cmpuint (cd_ui_reading_minutes (2300), ==, 10);

  one = cd_ui_format_word_count (1);
  many = cd_ui_format_word_count (460);
  g_assert_cmpstr (one, ==, "1 word · 1 min read");
  g_assert_cmpstr (many, ==, "460 words · 2 min read");
}

static void
test_headline_count (void)
{
  g_autofree char *over = NULL;
  g_autofree char *under = NULL;
  g_autofree char *unlimited = NULL;
  g_autofree char *arabic = NULL;
  gboolean is_over;

  over = cd_ui_format_headline_count ("Harbour", 5, &is_over);
  g_assert_cmpstr (over, ==, "7/5");
  g_assert_true (is_over);
  under = cd_ui_format_headline_count ("Harbour", 90, &is_over);
  g_assert_cmpstr (under, ==, "7/90");
  g_assert_false (is_over);
  unlimited = cd_ui_format_headline_count ("Harbour", 0, &is_over);
  g_assert_cmpstr (unlimited, ==, "7");
  g_assert_false (is_over);
  /* Characters, not bytes. */
  arabic = cd_ui_format_headline_count ("مرحبا", 90, NULL);
  g_assert_cmpstr (arabic, ==, "5/90");
}

static void
assert_tags (const char  *text,
             const char **expected)
{
  g_auto(GStrv) tags = cd_ui_split_tags (text);

  g_assert_true (g_strv_equal ((const char * const *) tags, expected));
}

static void
test_tags (void)
{
  const char *none[] = { NULL };
  const char *three[] = { "harbour", "ferries", "islands", NULL };
  const char *arabic[] = { "مياه", "خدمات", NULL };
  g_autofree char *joined = NULL;
  g_autofree char *empty = NULL;
  g_auto(GStrv) round_trip = NULL;

  assert_tags (NULL, none);
  assert_tags (" , ,, ", none);
  /* Trimmed, empty ones and repeats dropped, order kept. */
  assert_tags (" harbour, ferries ,, harbour , islands ", three);
  assert_tags ("مياه، خدمات", (const char *[]) { "مياه، خدمات", NULL });
  assert_tags ("مياه, خدمات", arabic);

  joined = cd_ui_join_tags (three);
  g_assert_cmpstr (joined, ==, "harbour, ferries, islands");
  empty = cd_ui_join_tags (NULL);
  g_assert_cmpstr (empty, ==, "");
  round_trip = cd_ui_split_tags (joined);
  g_assert_true (g_strv_equal ((const char * const *) round_trip, three));
}

/* Field names in a sentence: the list separator is the language's (an
 * Arabic catalog gives “، ”); without a catalog it is “, ”. */
static void
test_join_names (void)
{
  const char *two[] = { "headline", "body", NULL };
  const char *one[] = { "caption of photo 2", NULL };
  const char *none[] = { NULL };
  g_autofree char *joined = cd_ui_join_names (two);
  g_autofree char *single = cd_ui_join_names (one);
  g_autofree char *empty = cd_ui_join_names (none);
  g_autofree char *null = cd_ui_join_names (NULL);

  g_assert_cmpstr (joined, ==, "headline, body");
  g_assert_cmpstr (single, ==, "caption of photo 2");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (null, ==, "");
}

/* In an Arabic interface tags are shown joined with the Arabic comma
 * and read back split on it (and still on a plain comma). Run in a child
 * process with LANGUAGE=ar and the catalogs of the build tree. */
static void
test_tags_arabic_ui (void)
{
  const char *two[] = { "مياه", "خدمات", NULL };
  g_autofree char *catalog = g_build_filename (g_getenv ("COPYDESK_LOCALEDIR"), "ar",
                                               "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  if (!g_file_test (catalog, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("the Arabic catalog was not built");
      return;
    }
  if (!g_test_subprocess ())
    {
      g_autofree char *old = g_strdup (g_getenv ("LANGUAGE"));

      g_setenv ("LANGUAGE", "ar", TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_setenv ("LANGUAGE", old ? old : "", TRUE);
      g_test_trap_assert_passed ();
      return;
    }

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("COPYDESK_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_assert_cmpstr (cd_ui_list_separator (), ==, "، ");
  {
    g_autofree char *joined = cd_ui_join_tags (two);
    g_autofree char *names = cd_ui_join_names (two);

    g_assert_cmpstr (joined, ==, "مياه، خدمات");
    g_assert_cmpstr (names, ==, "مياه، خدمات");
  }
  assert_tags ("مياه، خدمات", two);
  assert_tags ("مياه, خدمات", two);
  assert_tags ("مياه ،خدمات،، مياه", two);
}

/* The x of the first character of @needle in @layout of @text, its left
 * edge whichever its direction. */
static int
x_of (PangoLayout *layout,
      const char  *needle)
{
  const char *text = pango_layout_get_text (layout);
  const char *found = strstr (text, needle);
  PangoRectangle pos;

  g_assert_nonnull (found);
  pango_layout_index_to_pos (layout, found - text, &pos);
  return MIN (pos.x, pos.x + pos.width);
}

/* Parts of different directions on one line: each is isolated, so an
 * Arabic section beside "4 minutes ago" in a right-to-left row keeps the
 * number with its words and the parts in the row's order. */
static void
test_join_isolated (void)
{
  const char *parts[] = { "محليات", "4 minutes ago", "2 photos", NULL };
  const char *none[] = { NULL };
  g_autofree char *line = cd_ui_join_isolated (parts, " · ");
  g_autofree char *empty = cd_ui_join_isolated (none, " · ");
  g_autofree char *rtl_line = g_strconcat ("\u200F", line, NULL);
  PangoContext *context;
  PangoLayout *layout;

  g_assert_cmpstr (line, ==, "\u2068محليات\u2069 · \u20684 minutes ago\u2069 · \u20682 photos\u2069");
  g_assert_cmpstr (empty, ==, "");

  /* Laid out by Pango as the row's label is. */
  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_context_set_base_dir (context, PANGO_DIRECTION_RTL);
  layout = pango_layout_new (context);
  pango_layout_set_text (layout, rtl_line, -1);
  /* Inside a part, left to right: "4 minutes ago", "2 photos". */
  g_assert_cmpint (x_of (layout, "4"), <, x_of (layout, "minutes"));
  g_assert_cmpint (x_of (layout, "minutes"), <, x_of (layout, "ago"));
  g_assert_cmpint (x_of (layout, "2"), <, x_of (layout, "photos"));
  /* The parts from the right: section, time, count. */
  g_assert_cmpint (x_of (layout, "محليات"), >, x_of (layout, "ago"));
  g_assert_cmpint (x_of (layout, "4"), >, x_of (layout, "photos"));
  g_object_unref (layout);
  g_object_unref (context);
}

static void
test_rtl (void)
{
  g_assert_false (cd_ui_text_is_rtl (NULL));
  g_assert_false (cd_ui_text_is_rtl (""));
  g_assert_false (cd_ui_text_is_rtl ("Harbour"));
  g_assert_true (cd_ui_text_is_rtl ("افتتاح محطة"));
  g_assert_true (cd_ui_text_is_rtl ("שלום"));
  /* The first letter decides, as for a paragraph in the bidi algorithm:
   * digits and punctuation do not count. */
  g_assert_true (cd_ui_text_is_rtl ("2024: افتتاح"));
  g_assert_false (cd_ui_text_is_rtl ("Harbour افتتاح"));
  g_assert_true (cd_ui_text_is_rtl ("«افتتاح» Harbour"));
}

static void
test_fold_and_match (void)
{
  g_autofree char *a = cd_ui_fold_text ("Café");
  g_autofree char *b = cd_ui_fold_text ("CAFE\u0301");
  g_autofree char *ascii = cd_ui_fold_text ("HeLLo World");
  g_autofree char *none = cd_ui_fold_text (NULL);
  g_autofree char *invalid = cd_ui_fold_text ("\xff\xfe");

  /* Composed and decomposed, upper and lower case fold alike. */
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (ascii, ==, "hello world");
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (invalid, ==, "");

  g_assert_true (cd_ui_text_matches ("Island Ferry Timetable", "ferry"));
  g_assert_true (cd_ui_text_matches ("Café au lait", "CAFE"));
  g_assert_true (cd_ui_text_matches ("Café au lait", "café"));
  g_assert_true (cd_ui_text_matches ("افتتاح محطة جديدة", "محطة"));
  g_assert_true (cd_ui_text_matches ("anything", ""));
  g_assert_true (cd_ui_text_matches ("anything", NULL));
  g_assert_false (cd_ui_text_matches (NULL, "ferry"));
  g_assert_false (cd_ui_text_matches ("Island Ferry", "bus"));
}

static void
test_search_change (void)
{
  g_assert_cmpint (cd_ui_search_change ("har", "harb", FALSE), ==, GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmpint (cd_ui_search_change ("", "h", FALSE), ==, GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmpint (cd_ui_search_change (NULL, "h", TRUE), ==, GTK_FILTER_CHANGE_MORE_STRICT);
  g_assert_cmpint (cd_ui_search_change ("harb", "har", FALSE), ==, GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_cmpint (cd_ui_search_change ("h", "", FALSE), ==, GTK_FILTER_CHANGE_LESS_STRICT);
  /* Rows found by their bodies go with the old query. */
  g_assert_cmpint (cd_ui_search_change ("harb", "har", TRUE), ==, GTK_FILTER_CHANGE_DIFFERENT);
  g_assert_cmpint (cd_ui_search_change ("ferry", "bus", FALSE), ==, GTK_FILTER_CHANGE_DIFFERENT);
  /* Typing in the middle is neither. */
  g_assert_cmpint (cd_ui_search_change ("harbour", "harXbour", FALSE), ==,
                   GTK_FILTER_CHANGE_DIFFERENT);
}

static void
test_labels (void)
{
  g_autofree char *none = cd_ui_describe_warnings (CD_ARTICLE_WARNING_NONE);
  g_autofree char *two = cd_ui_describe_warnings (CD_ARTICLE_WARNING_NO_HEADLINE |
                                                  CD_ARTICLE_WARNING_PHOTO_NO_CREDIT);

  g_assert_null (none);
  g_assert_cmpstr (two, ==, "No headline\nA photo has no credit");
  g_assert_cmpstr (cd_ui_status_label (CD_ARTICLE_STATUS_READY), ==, "Ready");
  g_assert_cmpstr (cd_ui_status_label ((CdArticleStatus) 99), ==, "Unknown");
}

static void
assert_import_summary (guint       n_new,
                       guint       n_in_store,
                       guint       n_repeated,
                       guint       n_near,
                       guint       n_errors,
                       const char *heading,
                       const char *details)
{
  CdImportCounts counts = { n_new, n_in_store, n_repeated, n_near, n_errors };
  g_autofree char *got_details = g_strdup ("not set");
  g_autofree char *got = cd_ui_describe_import (&counts, &got_details);

  g_assert_cmpstr (got, ==, heading);
  g_assert_cmpstr (got_details, ==, details);
}

/* The review dialog's summary: whole sentences, the plural form that
 * fits each count, and no "0 new articles". */
static void
test_describe_import (void)
{
  /* all new */
  assert_import_summary (1, 0, 0, 0, 0, "1 new article will be imported.", NULL);
  assert_import_summary (3, 0, 0, 0, 0, "3 new articles will be imported.", NULL);
  /* some new, some already there */
  assert_import_summary (2, 1, 0, 0, 0, "2 new articles will be imported.",
                         "1 article is already in the store and will be left out.");
  assert_import_summary (1, 4, 2, 0, 0, "1 new article will be imported.",
                         "4 articles are already in the store and will be left out.\n"
                         "2 articles repeat ones found earlier in this import and will be "
                         "left out.");
  /* none new */
  assert_import_summary (0, 1, 0, 0, 0, "Nothing new to import.",
                         "1 article is already in the store and will be left out.");
  assert_import_summary (0, 5, 0, 0, 0, "Nothing new to import.",
                         "5 articles are already in the store and will be left out.");
  assert_import_summary (0, 0, 1, 0, 0, "Nothing new to import.",
                         "1 article repeats one found earlier in this import and will be left "
                         "out.");
  /* near-duplicates are among the new */
  assert_import_summary (1, 0, 0, 1, 0, "1 new article will be imported.",
                         "1 article looks like one already known and will be marked as a "
                         "possible duplicate.");
  assert_import_summary (3, 0, 0, 2, 0, "3 new articles will be imported.",
                         "2 articles look like ones already known and will be marked as "
                         "possible duplicates.");
  /* nothing found, or nothing readable */
  assert_import_summary (0, 0, 0, 0, 0, "Nothing to import.", "No articles were found.");
  assert_import_summary (0, 0, 0, 0, 1, "Nothing to import.",
                         "What could not be read is listed below and is left out.");
  assert_import_summary (2, 0, 0, 0, 1, "2 new articles will be imported.",
                         "What could not be read is listed below and is left out.");
}

static void
test_publish_problems (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  /* Every kind has its own words, none of them the raw error. */
  for (int p = CD_PUBLISH_PROBLEM_NONE; p <= CD_PUBLISH_PROBLEM_OTHER; p++)
    {
      const char *text = cd_ui_publish_problem_text ((CdPublishProblem) p);

      g_assert_nonnull (text);
      g_assert_false (g_hash_table_contains (seen, text));
      g_hash_table_add (seen, (gpointer) text);
    }
  g_assert_nonnull (strstr (cd_ui_publish_problem_text (CD_PUBLISH_PROBLEM_OFFLINE),
                            "could not be reached"));
  g_assert_nonnull (strstr (cd_ui_publish_problem_text (CD_PUBLISH_PROBLEM_LOGIN),
                            "Preferences"));
  g_assert_cmpstr (cd_ui_publish_problem_text ((CdPublishProblem) 99), ==,
                   cd_ui_publish_problem_text (CD_PUBLISH_PROBLEM_OTHER));
}

static void
test_languages (void)
{
  guint n;
  const CdLanguage *languages = cd_ui_get_languages (&n);
  int arabic = cd_ui_find_language ("ar");

  g_assert_cmpuint (n, >, 2);
  g_assert_cmpint (arabic, >=, 0);
  g_assert_cmpstr (languages[arabic].code, ==, "ar");
  /* Regions and case do not matter. */
  g_assert_cmpint (cd_ui_find_language ("ar-EG"), ==, arabic);
  g_assert_cmpint (cd_ui_find_language ("AR"), ==, arabic);
  g_assert_cmpint (cd_ui_find_language ("en-GB"), ==, cd_ui_find_language ("en"));
  g_assert_cmpint (cd_ui_find_language (""), ==, -1);
  g_assert_cmpint (cd_ui_find_language (NULL), ==, -1);
  g_assert_cmpint (cd_ui_find_language ("xx"), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui-utils/relative-time", test_relative_time);
  g_test_add_func ("/ui-utils/relative-time-zone", test_relative_time_zone);
  g_test_add_func ("/ui-utils/count-words", test_count_words);
  g_test_add_func ("/ui-utils/reading-time", test_reading_time);
  g_test_add_func ("/ui-utils/headline-count", test_headline_count);
  g_test_add_func ("/ui-utils/tags", test_tags);
  g_test_add_func ("/ui-utils/join-names", test_join_names);
  g_test_add_func ("/ui-utils/tags-arabic-ui", test_tags_arabic_ui);
  g_test_add_func ("/ui-utils/join-isolated", test_join_isolated);
  g_test_add_func ("/ui-utils/rtl", test_rtl);
  g_test_add_func ("/ui-utils/fold-and-match", test_fold_and_match);
  g_test_add_func ("/ui-utils/search-change", test_search_change);
  g_test_add_func ("/ui-utils/labels", test_labels);
  g_test_add_func ("/ui-utils/publish-problems", test_publish_problems);
  g_test_add_func ("/ui-utils/describe-import", test_describe_import);
  g_test_add_func ("/ui-utils/languages", test_languages);

  return g_test_run ();
}

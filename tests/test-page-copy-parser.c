/* test-page-copy-parser.c: the rules of ../shared/formats/page-copy.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-markdown.h"
#include "cd-page-copy-parser.h"

#define FULL_HEADLINE "Lighthouse Keepers Return to Gull Point After Twenty Years"
#define FULL_CAPTION "Volunteers repaint the lantern room at Gull Point lighthouse"
#define FULL_CREDIT "Staff photo/Coast Weekly"

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "page-copy", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static GPtrArray *
parse_fixture (const char *name)
{
  g_autoptr(GBytes) bytes = load_fixture (name);
  g_autoptr(GError) error = NULL;
  GPtrArray *articles = cd_page_copy_parse_bytes (bytes, "en", &error);

  g_assert_no_error (error);
  g_assert_nonnull (articles);
  return articles;
}

static GError *
parse_fixture_error (const char *name)
{
  g_autoptr(GBytes) bytes = load_fixture (name);
  GError *error = NULL;
  g_autoptr(GPtrArray) articles = cd_page_copy_parse_bytes (bytes, "en", &error);

  g_assert_null (articles);
  g_assert_nonnull (error);
  return error;
}

static GPtrArray *
parse_string (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  GPtrArray *articles = cd_page_copy_parse_bytes (bytes, "en", &error);

  g_assert_no_error (error);
  return articles;
}

static CdParsedArticle *
only_article (GPtrArray *articles)
{
  g_assert_cmpuint (articles->len, ==, 1);
  return g_ptr_array_index (articles, 0);
}

static CdParsedPhoto *
photo_at (CdParsedArticle *article,
          guint            i)
{
  return g_ptr_array_index (cd_parsed_article_get_photos (article), i);
}

static CdParsedParagraph *
paragraph_at (CdParsedArticle *article,
              guint            i)
{
  return g_ptr_array_index (cd_parsed_article_get_paragraphs (article), i);
}

static CdRemovedLine *
removed_at (CdParsedArticle *article,
            guint            i)
{
  return g_ptr_array_index (cd_parsed_article_get_removed (article), i);
}

static void
assert_removed (CdParsedArticle *article,
                guint            i,
                guint            line,
                const char      *text,
                CdRemovedReason  reason)
{
  CdRemovedLine *removed = removed_at (article, i);

  g_assert_cmpuint (removed->line, ==, line);
  g_assert_cmpstr (removed->text, ==, text);
  g_assert_cmpstr (cd_removed_reason_to_string (removed->reason), ==,
                   cd_removed_reason_to_string (reason));
}

static void
assert_paragraph (CdParsedArticle *article,
                  guint            i,
                  guint            first,
                  guint            last,
                  const char      *text)
{
  CdParsedParagraph *paragraph = paragraph_at (article, i);

  g_assert_cmpstr (paragraph->text, ==, text);
  g_assert_cmpuint (paragraph->lines.first, ==, first);
  g_assert_cmpuint (paragraph->lines.last, ==, last);
}

/* The Gull Point story, whatever its line ends, BOM or trailing blanks. */
static void
assert_full_article (CdParsedArticle *article)
{
  CdLineRange lines = cd_parsed_article_get_lines (article);
  CdLineRange header = cd_parsed_article_get_header_lines (article);

  g_assert_cmpstr (cd_parsed_article_get_headline (article), ==, FULL_HEADLINE);
  g_assert_cmpuint (cd_parsed_article_get_headline_line (article), ==, 1);
  g_assert_cmpstr (cd_parsed_article_get_language (article), ==, "en");

  g_assert_cmpuint (cd_parsed_article_get_photos (article)->len, ==, 1);
  g_assert_cmpstr (photo_at (article, 0)->caption, ==, FULL_CAPTION);
  g_assert_cmpstr (photo_at (article, 0)->credit, ==, FULL_CREDIT);
  g_assert_cmpuint (photo_at (article, 0)->line, ==, 3);
  g_assert_false (cd_parsed_article_has_photo_without_credit (article));

  g_assert_cmpuint (cd_parsed_article_get_paragraphs (article)->len, ==, 3);
  assert_paragraph (article, 0, 13, 14,
                    "A volunteer society has taken over the Gull Point lighthouse, which stood "
                    "empty since its last keeper retired two decades ago.");
  assert_paragraph (article, 1, 16, 17,
                    "\"We want the light to be a place people visit again,\" said the society's "
                    "chair, a retired ferry captain.");
  assert_paragraph (article, 2, 19, 19, "Guided tours will start in the spring.");

  g_assert_cmpuint (cd_parsed_article_get_removed (article)->len, ==, 6);
  assert_removed (article, 0, 4, FULL_CAPTION " (" FULL_CREDIT ")", CD_REMOVED_REPEATED_CAPTION);
  assert_removed (article, 1, 5, "TT", CD_REMOVED_WIDGET_LINE);
  assert_removed (article, 2, 6, "27", CD_REMOVED_WIDGET_LINE);
  assert_removed (article, 3, 8, FULL_HEADLINE, CD_REMOVED_REPEATED_HEADLINE);
  assert_removed (article, 4, 10, FULL_CAPTION " (" FULL_CREDIT ")", CD_REMOVED_REPEATED_CAPTION);
  assert_removed (article, 5, 11, FULL_CAPTION " (" FULL_CREDIT ")", CD_REMOVED_REPEATED_CAPTION);

  g_assert_cmpuint (lines.first, ==, 1);
  g_assert_cmpuint (lines.last, ==, 19);
  g_assert_cmpuint (header.first, ==, 1);
  g_assert_cmpuint (header.last, ==, 11);
}

static void
test_full_lf (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("full-lf.txt");
  g_autoptr(GBytes) bytes = load_fixture ("full-lf.txt");
  CdParsedArticle *article = only_article (articles);

  assert_full_article (article);
  /* The source is the file, byte for byte. */
  g_assert_cmpstr (cd_parsed_article_get_source (article), ==, g_bytes_get_data (bytes, NULL));
  g_assert_cmpuint (cd_parsed_article_get_source_offset (article), ==, 0);
}

static void
test_full_crlf (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("full-crlf.txt");
  g_autoptr(GBytes) bytes = load_fixture ("full-crlf.txt");
  CdParsedArticle *article = only_article (articles);

  assert_full_article (article);
  /* Line ends are kept as they were in the source, and only there. */
  g_assert_cmpstr (cd_parsed_article_get_source (article), ==, g_bytes_get_data (bytes, NULL));
  for (guint i = 0; i < cd_parsed_article_get_paragraphs (article)->len; i++)
    g_assert_null (strchr (paragraph_at (article, i)->text, '\r'));
}

static void
test_full_bom (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("full-bom.txt");
  g_autoptr(GBytes) bytes = load_fixture ("full-bom.txt");
  CdParsedArticle *article = only_article (articles);

  assert_full_article (article);
  /* The byte-order mark is not text of the article. */
  g_assert_cmpstr (cd_parsed_article_get_source (article), ==,
                   (const char *) g_bytes_get_data (bytes, NULL) + 3);
  g_assert_cmpuint (cd_parsed_article_get_source_offset (article), ==, 3);
}

static void
test_full_no_final_newline (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("full-no-final-newline.txt");
  g_autoptr(GPtrArray) combined = parse_fixture ("full-crlf-bom-no-final-newline.txt");
  CdParsedArticle *article = only_article (articles);

  assert_full_article (article);
  g_assert_true (g_str_has_suffix (cd_parsed_article_get_source (article), "spring."));
  assert_full_article (only_article (combined));
  g_assert_true (g_str_has_suffix (cd_parsed_article_get_source (only_article (combined)),
                                   "spring."));
}

static void
test_full_trailing_spaces (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("full-trailing-spaces.txt");
  g_autoptr(GBytes) bytes = load_fixture ("full-trailing-spaces.txt");
  CdParsedArticle *article = only_article (articles);
  const char *source = cd_parsed_article_get_source (article);

  /* Trailing blanks are never text: the headline, captions, the repeated
   * lines and the paragraphs all match as if they were not there. */
  assert_full_article (article);
  /* ...but the source keeps them, up to the last line of the article. */
  g_assert_true (g_str_has_prefix (g_bytes_get_data (bytes, NULL), source));
  g_assert_true (g_str_has_suffix (source, "spring.   \n"));
}

static void
test_arabic (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("arabic.txt");
  CdParsedArticle *article = only_article (articles);
  g_autoptr(CdArticle) converted = NULL;

  g_assert_cmpstr (cd_parsed_article_get_headline (article), ==,
                   "افتتاح أول مكتبة عائمة على نهر الفرات");
  g_assert_cmpstr (cd_parsed_article_get_language (article), ==, "ar");
  g_assert_cmpuint (cd_parsed_article_get_photos (article)->len, ==, 2);
  g_assert_cmpstr (photo_at (article, 0)->caption, ==,
                   "متطوعون يرتبون الكتب على متن المكتبة العائمة قرب الناصرية");
  g_assert_cmpstr (photo_at (article, 0)->credit, ==, "رويترز");
  g_assert_cmpstr (photo_at (article, 1)->caption, ==, "أطفال يقرؤون على سطح القارب");
  g_assert_cmpstr (photo_at (article, 1)->credit, ==, "أ.ف.ب");
  g_assert_cmpuint (photo_at (article, 1)->line, ==, 5);

  g_assert_cmpuint (cd_parsed_article_get_paragraphs (article)->len, ==, 2);
  assert_paragraph (article, 0, 15, 16,
                    "افتتحت جمعية محلية أول مكتبة عائمة على نهر الفرات، وهي قارب خشبي "
                    "قديم حُوّل إلى قاعة قراءة تتسع لعشرين شخصا.");
  assert_paragraph (article, 1, 18, 18,
                    "وقال أحد المتطوعين إن المكتبة ستتوقف في قرية مختلفة كل أسبوع.");
  g_assert_cmpuint (cd_parsed_article_get_removed (article)->len, ==, 7);
  assert_removed (article, 1, 6, "TT", CD_REMOVED_WIDGET_LINE);
  assert_removed (article, 2, 7, "12", CD_REMOVED_WIDGET_LINE);

  converted = cd_parsed_article_to_article (article);
  g_assert_cmpstr (cd_article_get_language (converted), ==, "ar");
  g_assert_true (cd_article_is_rtl (converted));
}

static void
test_several_photos (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("several-photos.txt");
  CdParsedArticle *article = only_article (articles);
  const char *expected[][3] = {
    { "Stalls line the river quay after sunset", "AFP/Getty Images", "3" },
    { "A cook turns skewers over charcoal", "Reuters", "5" },
    { "A vendor counts paper lanterns", "AP Photo", "6" },
  };

  g_assert_cmpuint (cd_parsed_article_get_photos (article)->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpstr (photo_at (article, i)->caption, ==, expected[i][0]);
      g_assert_cmpstr (photo_at (article, i)->credit, ==, expected[i][1]);
      g_assert_cmpuint (photo_at (article, i)->line, ==, atoi (expected[i][2]));
    }
  /* 1 doubled caption, TT, the count, the headline, 4 captions again */
  g_assert_cmpuint (cd_parsed_article_get_removed (article)->len, ==, 8);
  assert_removed (article, 2, 8, "1204", CD_REMOVED_WIDGET_LINE);
  g_assert_cmpuint (cd_parsed_article_get_paragraphs (article)->len, ==, 2);
  assert_paragraph (article, 0, 17, 18,
                    "More than ten thousand people visited the night market on Friday, its "
                    "organisers said.");
}

static void
test_no_widgets (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("no-widgets.txt");
  CdParsedArticle *article = only_article (articles);

  g_assert_cmpuint (cd_parsed_article_get_photos (article)->len, ==, 1);
  g_assert_cmpstr (photo_at (article, 0)->credit, ==, "Valley Echo");
  g_assert_cmpuint (cd_parsed_article_get_removed (article)->len, ==, 4);
  assert_removed (article, 0, 4, "Choir members rehearse in the school hall (Valley Echo)",
                  CD_REMOVED_REPEATED_CAPTION);
  assert_removed (article, 1, 6, "School Choir Wins Regional Contest",
                  CD_REMOVED_REPEATED_HEADLINE);
  g_assert_cmpuint (cd_parsed_article_get_paragraphs (article)->len, ==, 2);
  assert_paragraph (article, 0, 11, 11,
                    "The choir of Millbrook Primary won the regional contest on Sunday.");
  g_assert_cmpuint (cd_parsed_article_get_header_lines (article).last, ==, 9);
}

static void
test_no_second_headline (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("no-second-headline.txt");
  CdParsedArticle *article = only_article (articles);
  GPtrArray *removed = cd_parsed_article_get_removed (article);

  g_assert_cmpuint (cd_parsed_article_get_photos (article)->len, ==, 1);
  g_assert_cmpstr (photo_at (article, 0)->caption, ==, "The first tram leaves the new Eastgate stop");
  g_assert_cmpuint (removed->len, ==, 5);
  for (guint i = 0; i < removed->len; i++)
    g_assert_cmpint (removed_at (article, i)->reason, !=, CD_REMOVED_REPEATED_HEADLINE);
  assert_removed (article, 1, 5, "TT", CD_REMOVED_WIDGET_LINE);
  assert_removed (article, 2, 6, "88", CD_REMOVED_WIDGET_LINE);
  g_assert_cmpuint (cd_parsed_article_get_paragraphs (article)->len, ==, 2);
  assert_paragraph (article, 0, 11, 11, "The extension adds four stops to the eastern line.");
}

static void
test_caption_without_credit (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("caption-without-credit.txt");
  CdParsedArticle *article = only_article (articles);
  g_autoptr(CdArticle) converted = NULL;

  g_assert_cmpuint (cd_parsed_article_get_photos (article)->len, ==, 1);
  g_assert_cmpstr (photo_at (article, 0)->caption, ==, "The bakery's original oven, still in use");
  g_assert_cmpstr (photo_at (article, 0)->credit, ==, "");
  g_assert_true (cd_parsed_article_has_photo_without_credit (article));
  assert_paragraph (article, 0, 13, 13, "The Hollis family bakery turned one hundred on Monday.");

  converted = cd_parsed_article_to_article (article);
  g_assert_true (cd_article_get_warnings (converted) & CD_ARTICLE_WARNING_PHOTO_NO_CREDIT);
}

static void
test_wrapped_paragraphs (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("wrapped-paragraphs.txt");
  CdParsedArticle *article = only_article (articles);

  g_assert_cmpuint (cd_parsed_article_get_paragraphs (article)->len, ==, 2);
  assert_paragraph (article, 0, 11, 13,
                    "The pass was closed on Tuesday after more than a metre of snow fell "
                    "overnight, the road authority said.");
  assert_paragraph (article, 1, 15, 16,
                    "Drivers were sent through the valley road, which adds an hour to the journey.");
}

static void
test_number_paragraph_kept (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("number-paragraph.txt");
  CdParsedArticle *article = only_article (articles);
  g_autoptr(CdArticle) converted = NULL;
  g_autofree char *plain = NULL;

  /* Widget lines only occur in the header: in the body, "212" and "TT"
   * are text of the story. */
  g_assert_cmpuint (cd_parsed_article_get_paragraphs (article)->len, ==, 4);
  assert_paragraph (article, 0, 11, 11,
                    "Volunteers counted every tree older than a century. The total came to");
  assert_paragraph (article, 1, 13, 13, "212");
  assert_paragraph (article, 3, 17, 17, "TT");
  g_assert_cmpuint (cd_parsed_article_get_removed (article)->len, ==, 4);

  converted = cd_parsed_article_to_article (article);
  plain = cd_markdown_to_plain (cd_article_get_body (converted));
  g_assert_true (strstr (plain, "\n\n212\n\n") != NULL);
}

static void
test_several_articles (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("several-articles.txt");
  CdParsedArticle *second, *third;

  g_assert_cmpuint (articles->len, ==, 3);
  g_assert_cmpstr (cd_parsed_article_get_headline (g_ptr_array_index (articles, 0)), ==,
                   "Ferry Timetable Changes From Monday");
  g_assert_cmpuint (cd_parsed_article_get_lines (g_ptr_array_index (articles, 0)).last, ==, 11);

  second = g_ptr_array_index (articles, 1);
  g_assert_cmpstr (cd_parsed_article_get_headline (second), ==, "Library Extends Opening Hours");
  g_assert_cmpuint (cd_parsed_article_get_headline_line (second), ==, 14);
  g_assert_cmpuint (cd_parsed_article_get_lines (second).first, ==, 14);
  g_assert_cmpuint (cd_parsed_article_get_lines (second).last, ==, 26);
  g_assert_cmpuint (cd_parsed_article_get_paragraphs (second)->len, ==, 2);
  assert_removed (second, 0, 17, "TT", CD_REMOVED_WIDGET_LINE);
  /* Each source is that article's lines, and only those. */
  g_assert_true (g_str_has_prefix (cd_parsed_article_get_source (second),
                                   "Library Extends Opening Hours\n"));
  g_assert_true (g_str_has_suffix (cd_parsed_article_get_source (second),
                                   "\n\nWeekend hours do not change.\n"));

  third = g_ptr_array_index (articles, 2);
  g_assert_cmpstr (cd_parsed_article_get_headline (third), ==, "Cycling Lane Painted on Harbour Road");
  g_assert_cmpuint (cd_parsed_article_get_headline_line (third), ==, 30);
  g_assert_cmpuint (cd_parsed_article_get_photos (third)->len, ==, 0);
  assert_paragraph (third, 0, 32, 32,
                    "Cyclists will have their own lane on Harbour Road by the end of the month.");
  g_assert_cmpstr (cd_parsed_article_get_source (third), ==,
                   "Cycling Lane Painted on Harbour Road\n\n"
                   "Cyclists will have their own lane on Harbour Road by the end of the month.\n");
}

static void
test_widget_only_stretch (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("widget-only-stretch.txt");
  CdParsedArticle *noise;

  g_assert_cmpuint (articles->len, ==, 3);
  noise = g_ptr_array_index (articles, 1);
  g_assert_true (cd_parsed_article_is_empty (noise));
  g_assert_false (cd_parsed_article_is_empty (g_ptr_array_index (articles, 0)));
  g_assert_cmpuint (cd_parsed_article_get_removed (noise)->len, ==, 2);
  assert_removed (noise, 0, 14, "TT", CD_REMOVED_WIDGET_LINE);
  assert_removed (noise, 1, 15, "7", CD_REMOVED_WIDGET_LINE);
  g_assert_cmpstr (cd_parsed_article_get_headline (g_ptr_array_index (articles, 2)), ==,
                   "Bridge Inspection Finds No Damage");
}

/* Without widget lines and without the repeated headline, the first
 * block is a caption when it is one line ending in a credit... */
static void
test_bare_credit_line (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("bare-credit-line.txt");
  CdParsedArticle *article = only_article (articles);

  g_assert_cmpuint (cd_parsed_article_get_photos (article)->len, ==, 1);
  g_assert_cmpstr (photo_at (article, 0)->caption, ==, "Pickers fill crates in the hillside orchard");
  g_assert_cmpstr (photo_at (article, 0)->credit, ==, "Farm Journal");
  g_assert_cmpuint (cd_parsed_article_get_removed (article)->len, ==, 0);
  assert_paragraph (article, 0, 5, 5,
                    "Warm weather brought the apple harvest forward by two weeks.");
  g_assert_cmpuint (cd_parsed_article_get_header_lines (article).last, ==, 3);
}

/* ...or a line printed twice in a row, credit or not... */
static void
test_bare_doubled_line (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("bare-doubled-line.txt");
  CdParsedArticle *article = only_article (articles);

  g_assert_cmpuint (cd_parsed_article_get_photos (article)->len, ==, 1);
  g_assert_cmpstr (photo_at (article, 0)->caption, ==, "Panels on the roof of the pool building");
  g_assert_cmpstr (photo_at (article, 0)->credit, ==, "");
  assert_removed (article, 0, 4, "Panels on the roof of the pool building",
                  CD_REMOVED_REPEATED_CAPTION);
  g_assert_cmpuint (cd_parsed_article_get_paragraphs (article)->len, ==, 1);
}

/* ...and otherwise that block is the first paragraph. */
static void
test_bare_paragraph (void)
{
  g_autoptr(GPtrArray) plain = parse_fixture ("bare-paragraph.txt");
  g_autoptr(GPtrArray) parenthesised = parse_fixture ("bare-paragraph-in-parentheses.txt");
  CdParsedArticle *article = only_article (plain);

  g_assert_cmpuint (cd_parsed_article_get_photos (article)->len, ==, 0);
  g_assert_cmpuint (cd_parsed_article_get_paragraphs (article)->len, ==, 2);
  assert_paragraph (article, 0, 3, 3, "The playground will be built next to the community centre.");
  g_assert_cmpuint (cd_parsed_article_get_header_lines (article).last, ==, 1);

  /* Two lines that each end in parentheses are not a single credit line. */
  article = only_article (parenthesised);
  g_assert_cmpuint (cd_parsed_article_get_photos (article)->len, ==, 0);
  assert_paragraph (article, 0, 3, 4,
                    "Members asked for more time (two weeks) and for a study of the town "
                    "centre (by spring)");
}

static void
test_bare_block_before_repeated_headline (void)
{
  g_autoptr(GPtrArray) articles =
    parse_string ("Allotments Open to New Gardeners\n\n"
                  "Raised beds by the canal path\n\n"
                  "Allotments Open to New Gardeners\n\n"
                  "Raised beds by the canal path\n\n"
                  "Forty new plots are available this year.\n");
  CdParsedArticle *article = only_article (articles);

  /* A line with neither credit nor double is still a caption when the
   * headline comes again after it. */
  g_assert_cmpuint (cd_parsed_article_get_photos (article)->len, ==, 1);
  g_assert_cmpstr (photo_at (article, 0)->caption, ==, "Raised beds by the canal path");
  g_assert_cmpstr (photo_at (article, 0)->credit, ==, "");
  g_assert_cmpuint (cd_parsed_article_get_paragraphs (article)->len, ==, 1);
  assert_paragraph (article, 0, 9, 9, "Forty new plots are available this year.");
}

static void
test_body_repeats_caption (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("body-repeats-caption.txt");
  CdParsedArticle *article = only_article (articles);
  GPtrArray *removed = cd_parsed_article_get_removed (article);

  g_assert_cmpuint (cd_parsed_article_get_paragraphs (article)->len, ==, 3);
  assert_paragraph (article, 0, 11, 11, "The pup was found alone on the beach a month ago.");
  assert_paragraph (article, 1, 13, 13, "It has doubled its weight since then.");
  assert_paragraph (article, 2, 17, 17, "Volunteers watched it swim away.");
  g_assert_cmpuint (removed->len, ==, 6);
  assert_removed (article, 4, 12, "Rescuers carry the pup to the water (Marine Rescue)",
                  CD_REMOVED_REPEATED_CAPTION);
  assert_removed (article, 5, 15, "Rescuers carry the pup to the water",
                  CD_REMOVED_REPEATED_CAPTION);
}

static void
test_language (void)
{
  g_autoptr(GPtrArray) latin = parse_fixture ("mostly-latin-with-arabic.txt");
  g_autoptr(GBytes) bytes = load_fixture ("mostly-latin-with-arabic.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) french = cd_page_copy_parse_bytes (bytes, "fr", &error);

  g_assert_cmpstr (cd_parsed_article_get_language (only_article (latin)), ==, "en");
  /* Non-Arabic text takes the default language it is given. */
  g_assert_no_error (error);
  g_assert_cmpstr (cd_parsed_article_get_language (only_article (french)), ==, "fr");

  g_assert_cmpstr (cd_page_copy_detect_language ("جسر الميناء يعود للعمل (AFP)", "en"), ==, "ar");
  g_assert_cmpstr (cd_page_copy_detect_language ("Harbour bridge «جسر» reopens", "en"), ==, "en");
  g_assert_cmpstr (cd_page_copy_detect_language ("2024 — 17", "de"), ==, "de");
}

/* Paragraphs that look like Markdown come through as text. */
static void
test_markdown_like_paragraphs (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("markdown-like-paragraphs.txt");
  CdParsedArticle *article = only_article (articles);
  GPtrArray *paragraphs = cd_parsed_article_get_paragraphs (article);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *body = cd_parsed_article_dup_body (article);
  g_autofree char *plain = cd_markdown_to_plain (body);
  g_autofree char *html = cd_markdown_to_html (body);

  g_assert_cmpuint (paragraphs->len, ==, 10);
  assert_paragraph (article, 1, 5, 5, "1. The Lighthouse Team");
  assert_paragraph (article, 6, 15, 15,
                    "A path C:\\quiz\\results and `code` and &amp; and snake_case_name");
  for (guint i = 0; i < paragraphs->len; i++)
    {
      if (i > 0)
        g_string_append (expected, "\n\n");
      g_string_append (expected, paragraph_at (article, i)->text);
    }
  g_assert_cmpstr (plain, ==, expected->str);
  /* every paragraph stays a paragraph: no list, heading, quote or code */
  g_assert_null (strstr (html, "<ol"));
  g_assert_null (strstr (html, "<ul"));
  g_assert_null (strstr (html, "<h"));
  g_assert_null (strstr (html, "<blockquote"));
  g_assert_null (strstr (html, "<code"));
  g_assert_null (strstr (html, "<em"));
  /* intra-word underscores need no escape */
  g_assert_nonnull (strstr (body, "snake_case_name"));
}

static void
test_escape_round_trip (void)
{
  const char *samples[] = {
    "1) first", "12345678901. long number", "# hash", "#hashtag", "-5 degrees", "- dash",
    "+ plus", "* star", "** bold **", "_under_", "__init__", "a_b", "_a", "b_",
    "> quote", ">>", "~~~ fence", "``` fence",
    "[link](http://example.org)", "![image](x.png)", "<http://example.org>", "<b>bold</b>",
    "a & b", "&copy; 2024", "&#169;", "&#xA9;", "AT&T;", "back\\slash\\", "trailing \\",
    "=== setext", "--- rule", "***", "___", "| table | row |", "100 %", "\"quoted\"",
    "مرحبا_بالعالم", "نص *عربي* مع [أقواس]", "2019", "TT", "1.", "1.5 million",
    "Tab\tinside", "two  spaces", "a\\*b", "`", "``", "<!-- comment -->", "<?php ?>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *escaped = cd_markdown_escape_paragraph (samples[i]);
      g_autofree char *plain = cd_markdown_to_plain (escaped);
      g_autofree char *html = cd_markdown_to_html (escaped);

      g_assert_cmpstr (plain, ==, samples[i]);
      g_assert_true (g_str_has_prefix (html, "<p>"));
      g_assert_true (g_str_has_suffix (html, "</p>\n"));
    }
}

static void
test_to_article (void)
{
  g_autoptr(GPtrArray) articles = parse_fixture ("several-photos.txt");
  g_autoptr(GBytes) bytes = load_fixture ("several-photos.txt");
  CdParsedArticle *parsed = only_article (articles);
  g_autoptr(CdArticle) article = cd_parsed_article_to_article (parsed);
  g_autofree char *plain = cd_markdown_to_plain (cd_article_get_body (article));

  g_assert_cmpstr (cd_article_get_headline (article), ==,
                   "Night Market Draws Record Crowds on River Quay");
  g_assert_cmpstr (cd_article_get_language (article), ==, "en");
  g_assert_cmpstr (cd_article_get_source (article), ==, g_bytes_get_data (bytes, NULL));
  g_assert_cmpstr (plain, ==,
                   "More than ten thousand people visited the night market on Friday, its "
                   "organisers said.\n\nThe market opens every weekend until the end of summer.");
  g_assert_cmpuint (cd_article_get_n_photos (article), ==, 3);
  g_assert_cmpstr (cd_photo_get_caption (cd_article_get_photo (article, 1)), ==,
                   "A cook turns skewers over charcoal");
  g_assert_cmpstr (cd_photo_get_credit (cd_article_get_photo (article, 2)), ==, "AP Photo");
  g_assert_cmpint (cd_article_get_status (article), ==, CD_ARTICLE_STATUS_DRAFT);
  g_assert_cmpint (cd_article_get_warnings (article), ==, CD_ARTICLE_WARNING_NONE);
}

static void
assert_bad_input (const char *fixture,
                  int         code,
                  const char *fragment)
{
  g_autoptr(GError) error = parse_fixture_error (fixture);

  g_assert_error (error, CD_IMPORT_ERROR, code);
  g_test_message ("%s: %s", fixture, error->message);
  g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_bad_input (void)
{
  /* "Café…" is 26 bytes, then a blank line; "The new caf" ends at 38 */
  assert_bad_input ("not-utf8.txt", CD_IMPORT_ERROR_NOT_UTF8, "line 3, byte 38");
  assert_bad_input ("empty.txt", CD_IMPORT_ERROR_EMPTY, "empty");
  assert_bad_input ("bom-only.txt", CD_IMPORT_ERROR_EMPTY, "empty");
  assert_bad_input ("blank-only.txt", CD_IMPORT_ERROR_EMPTY, "only blank lines");
  assert_bad_input ("binary.bin", CD_IMPORT_ERROR_BINARY, "line 2, byte 12");
  assert_bad_input ("control-byte.txt", CD_IMPORT_ERROR_BINARY, "line 3, byte 33");
}

/* An article is handed out as soon as it is complete, and an error later
 * in the stream does not undo the articles before it: the caller decides
 * (the importer drops them all). */
static void
test_streaming (void)
{
  const char *text = "First Story\n\nOne paragraph.\n\n\nSecond Story\n\nBad \xff byte.\n";
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (text, -1, NULL);
  g_autoptr(CdPageCopyParser) parser = cd_page_copy_parser_new (stream, "en");
  g_autoptr(CdParsedArticle) first = NULL;
  g_autoptr(CdParsedArticle) second = NULL;
  g_autoptr(GError) error = NULL;

  first = cd_page_copy_parser_next (parser, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_parsed_article_get_headline (first), ==, "First Story");
  second = cd_page_copy_parser_next (parser, NULL, &error);
  g_assert_null (second);
  g_assert_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_NOT_UTF8);
  g_assert_nonnull (strstr (error->message, "line 8"));
  g_clear_error (&error);
  g_assert_null (cd_page_copy_parser_next (parser, NULL, &error));
  g_assert_no_error (error);
}

/* A line far longer than the read buffer is read whole. */
static void
test_long_line (void)
{
  g_autoptr(GString) text = g_string_new ("A Very Long Paragraph\n\n");
  g_autoptr(GPtrArray) articles = NULL;
  CdParsedArticle *article;

  for (guint i = 0; i < 30000; i++)
    g_string_append (text, "word ");
  g_string_append (text, "end\n");
  articles = parse_string (text->str);
  article = only_article (articles);
  g_assert_cmpuint (strlen (paragraph_at (article, 0)->text), ==, 30000 * 5 + 3);
}

/* A blank line is one that is empty after trimming white space: two of
 * them end an article even when they hold spaces and tabs; blank lines
 * before the first headline are not part of any article. */
static void
test_blank_lines_with_spaces (void)
{
  g_autoptr(GPtrArray) articles =
    parse_string ("\n \t\n\n"
                  "Market Hall Gets a New Roof\n \n"
                  "Work on the roof ends in May.\n"
                  "  \t \n\t\n"
                  "Swifts Return to the Church Tower\n\n"
                  "The first swifts were seen on Tuesday.\n");
  CdParsedArticle *first, *second;

  g_assert_cmpuint (articles->len, ==, 2);
  first = g_ptr_array_index (articles, 0);
  second = g_ptr_array_index (articles, 1);
  g_assert_cmpstr (cd_parsed_article_get_headline (first), ==, "Market Hall Gets a New Roof");
  g_assert_cmpuint (cd_parsed_article_get_headline_line (first), ==, 4);
  assert_paragraph (first, 0, 6, 6, "Work on the roof ends in May.");
  g_assert_cmpstr (cd_parsed_article_get_source (first), ==,
                   "Market Hall Gets a New Roof\n \nWork on the roof ends in May.\n");
  g_assert_cmpuint (cd_parsed_article_get_source_offset (first), ==, 5);
  g_assert_cmpstr (cd_parsed_article_get_headline (second), ==,
                   "Swifts Return to the Church Tower");
  g_assert_cmpuint (cd_parsed_article_get_headline_line (second), ==, 9);
}

/* A page without a photo: widget lines and the headline again, no
 * caption at all. */
static void
test_widgets_without_photo (void)
{
  g_autoptr(GPtrArray) articles =
    parse_string ("Night Bus Returns to the Valley\n\n"
                  "TT\n"
                  "48\n\n"
                  "Night Bus Returns to the Valley\n\n"
                  "The night bus runs again from Friday.\n\n"
                  "1998\n");
  CdParsedArticle *article = only_article (articles);

  g_assert_cmpuint (cd_parsed_article_get_photos (article)->len, ==, 0);
  g_assert_cmpuint (cd_parsed_article_get_removed (article)->len, ==, 3);
  assert_removed (article, 0, 3, "TT", CD_REMOVED_WIDGET_LINE);
  assert_removed (article, 1, 4, "48", CD_REMOVED_WIDGET_LINE);
  assert_removed (article, 2, 6, "Night Bus Returns to the Valley", CD_REMOVED_REPEATED_HEADLINE);
  g_assert_cmpuint (cd_parsed_article_get_paragraphs (article)->len, ==, 2);
  assert_paragraph (article, 0, 8, 8, "The night bus runs again from Friday.");
  /* after the header, a bare number is text */
  assert_paragraph (article, 1, 10, 10, "1998");
}

/* The first article comes out long before the end of a large stream:
 * the parser holds one article, not the file. */
static void
test_reads_incrementally (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(CdPageCopyParser) parser = NULL;
  g_autoptr(CdParsedArticle) first = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 1;
  CdParsedArticle *next;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "Story Number %u\n\nIt is a short story, number %u.\n\n\n",
                            i, i);
  stream = g_memory_input_stream_new_from_data (text->str, text->len, NULL);
  parser = cd_page_copy_parser_new (stream, "en");

  first = cd_page_copy_parser_next (parser, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_parsed_article_get_headline (first), ==, "Story Number 0");
  /* one read buffer (64 KiB) of a file of more than 1 MB */
  g_assert_cmpint (g_seekable_tell (G_SEEKABLE (stream)), <=, 64 * 1024);
  g_assert_cmpuint (text->len, >, 1024 * 1024);

  while ((next = cd_page_copy_parser_next (parser, NULL, &error)))
    {
      n++;
      g_object_unref (next);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 20000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/page-copy/full/lf", test_full_lf);
  g_test_add_func ("/page-copy/full/crlf", test_full_crlf);
  g_test_add_func ("/page-copy/full/bom", test_full_bom);
  g_test_add_func ("/page-copy/full/no-final-newline", test_full_no_final_newline);
  g_test_add_func ("/page-copy/full/trailing-spaces", test_full_trailing_spaces);
  g_test_add_func ("/page-copy/arabic", test_arabic);
  g_test_add_func ("/page-copy/several-photos", test_several_photos);
  g_test_add_func ("/page-copy/no-widgets", test_no_widgets);
  g_test_add_func ("/page-copy/no-second-headline", test_no_second_headline);
  g_test_add_func ("/page-copy/caption-without-credit", test_caption_without_credit);
  g_test_add_func ("/page-copy/wrapped-paragraphs", test_wrapped_paragraphs);
  g_test_add_func ("/page-copy/number-paragraph-kept", test_number_paragraph_kept);
  g_test_add_func ("/page-copy/several-articles", test_several_articles);
  g_test_add_func ("/page-copy/widget-only-stretch", test_widget_only_stretch);
  g_test_add_func ("/page-copy/bare/credit-line", test_bare_credit_line);
  g_test_add_func ("/page-copy/bare/doubled-line", test_bare_doubled_line);
  g_test_add_func ("/page-copy/bare/paragraph", test_bare_paragraph);
  g_test_add_func ("/page-copy/bare/block-before-repeated-headline",
                   test_bare_block_before_repeated_headline);
  g_test_add_func ("/page-copy/body-repeats-caption", test_body_repeats_caption);
  g_test_add_func ("/page-copy/language", test_language);
  g_test_add_func ("/page-copy/markdown-like-paragraphs", test_markdown_like_paragraphs);
  g_test_add_func ("/page-copy/escape-round-trip", test_escape_round_trip);
  g_test_add_func ("/page-copy/to-article", test_to_article);
  g_test_add_func ("/page-copy/bad-input", test_bad_input);
  g_test_add_func ("/page-copy/streaming", test_streaming);
  g_test_add_func ("/page-copy/long-line", test_long_line);
  g_test_add_func ("/page-copy/blank-lines-with-spaces", test_blank_lines_with_spaces);
  g_test_add_func ("/page-copy/widgets-without-photo", test_widgets_without_photo);
  g_test_add_func ("/page-copy/reads-incrementally", test_reads_incrementally);

  return g_test_run ();
}

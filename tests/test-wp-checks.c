/* test-wp-checks.c: the pre-publish checks and text helpers (no network)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-markdown.h"
#include "cd-wp-checks.h"
#include "cd-wp-client.h"

static CdArticle *
ready_article (void)
{
  CdArticle *article = cd_article_new_with_id ("3f2a9c1e-0b7d-4e55-9a10-6c2d8e4f7a01");
  g_autoptr(CdPhoto) photo = cd_photo_new_with_id ("a1b2c3d4-1111-2222-3333-444455556666");

  cd_article_set_headline (article, "Coastal Town Opens Its First Public Observatory");
  cd_article_set_body (article, "The town council opened a small public observatory.");
  cd_photo_set_caption (photo, "Visitors on the observatory roof");
  cd_photo_set_credit (photo, "Staff photo");
  cd_photo_set_alt_text (photo, "People queue at a telescope under an open dome");
  cd_photo_set_file (photo, "a1b2c3d4.png");
  cd_article_add_photo (article, photo);
  return article;
}

static guint
count_level (GPtrArray        *problems,
             CdWpProblemLevel  level)
{
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    if (((CdWpProblem *) g_ptr_array_index (problems, i))->level == level)
      n++;
  return n;
}

static void
test_checks_ready (void)
{
  g_autoptr(CdArticle) article = ready_article ();
  g_autoptr(GPtrArray) problems = cd_wp_check_article (article, NULL, 200);

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_false (cd_wp_problems_have_blocking (problems));
  g_assert_null (cd_wp_problems_describe (problems, CD_WP_PROBLEM_BLOCKING));
}

static void
test_checks_blocking (void)
{
  g_autoptr(CdArticle) article = ready_article ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *text = NULL;
  CdPhoto *photo = cd_article_get_photo (article, 0);
  CdWpProblem *first;

  cd_article_set_headline (article, "   ");
  cd_article_set_body (article, "\n\n");
  cd_photo_set_caption (photo, "");
  cd_photo_set_credit (photo, "");
  cd_photo_set_file (photo, NULL);
  cd_photo_set_alt_text (photo, "");

  problems = cd_wp_check_article (article, NULL, 200);
  g_assert_cmpuint (count_level (problems, CD_WP_PROBLEM_BLOCKING), ==, 5);
  g_assert_cmpuint (count_level (problems, CD_WP_PROBLEM_WARNING), ==, 1);
  g_assert_true (cd_wp_problems_have_blocking (problems));

  /* Blocking ones come first; the warning names the photo. */
  first = g_ptr_array_index (problems, 0);
  g_assert_cmpint (first->level, ==, CD_WP_PROBLEM_BLOCKING);
  g_assert_cmpint (first->photo, ==, -1);
  g_assert_cmpint (((CdWpProblem *) g_ptr_array_index (problems, 5))->level, ==, CD_WP_PROBLEM_WARNING);
  g_assert_cmpint (((CdWpProblem *) g_ptr_array_index (problems, 5))->photo, ==, 0);

  text = cd_wp_problems_describe (problems, CD_WP_PROBLEM_BLOCKING);
  g_assert_cmpstr (text, ==,
                   "The headline is missing.\n"
                   "The body is empty.\n"
                   "Photo 1 has no caption.\n"
                   "Photo 1 has no credit: say who took it or where it comes from.\n"
                   "Photo 1 has no image file.");
  g_clear_pointer (&text, g_free);
  text = cd_wp_problems_describe (problems, CD_WP_PROBLEM_WARNING);
  g_assert_cmpstr (text, ==, "Photo 1 has no alt text describing it for readers who cannot see it.");
}

static void
test_checks_headline_limit (void)
{
  g_autoptr(CdArticle) article = ready_article ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) unlimited = NULL;
  g_autofree char *text = NULL;

  /* Characters, not bytes: 10 Arabic letters are 20 bytes. */
  cd_article_set_headline (article, "جسر الميناء");
  problems = cd_wp_check_article (article, NULL, 10);
  text = cd_wp_problems_describe (problems, CD_WP_PROBLEM_BLOCKING);
  g_assert_cmpstr (text, ==, "The headline is 11 characters long; the limit is 10.");
  g_clear_pointer (&problems, g_ptr_array_unref);

  problems = cd_wp_check_article (article, NULL, 11);
  g_assert_false (cd_wp_problems_have_blocking (problems));
  unlimited = cd_wp_check_article (article, NULL, 0);
  g_assert_false (cd_wp_problems_have_blocking (unlimited));
}

static void
test_checks_photo_files (void)
{
  g_autoptr(CdArticle) article = ready_article ();
  g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *text = NULL;
  CdPhoto *photo = cd_article_get_photo (article, 0);

  /* A file name alone is not enough once the caller says where files are. */
  problems = cd_wp_check_article (article, files, 200);
  text = cd_wp_problems_describe (problems, CD_WP_PROBLEM_BLOCKING);
  g_assert_cmpstr (text, ==, "Photo 1 has no image file.");
  g_clear_pointer (&problems, g_ptr_array_unref);

  g_hash_table_insert (files, g_strdup (cd_photo_get_id (photo)),
                       g_file_new_for_path ("/nonexistent/a1b2c3d4.png"));
  problems = cd_wp_check_article (article, files, 200);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_slug (void)
{
  const char *id = "3F2A9C1E-0b7d-4e55-9a10-6c2d8e4f7a01";
  g_autofree char *plain = cd_wp_make_slug ("Coastal Town Opens Its First Public Observatory!", id);
  g_autofree char *accents = cd_wp_make_slug ("Café façade: «déjà vu» — 2026", id);
  g_autofree char *arabic = cd_wp_make_slug ("جسر الميناء يعود للعمل", id);
  g_autofree char *longer = cd_wp_make_slug ("one two three four five six seven eight nine ten "
                                             "eleven twelve thirteen fourteen", id);

  g_assert_cmpstr (plain, ==, "coastal-town-opens-its-first-public-observatory-3f2a9c1e");
  g_assert_cmpstr (accents, ==, "cafe-facade-deja-vu-2026-3f2a9c1e");
  g_assert_cmpstr (arabic, ==, "article-3f2a9c1e");
  /* Cut at a word boundary after 60 characters of words. */
  g_assert_cmpstr (longer, ==,
                   "one-two-three-four-five-six-seven-eight-nine-ten-eleven-twelve-3f2a9c1e");
}

static void
test_caption_with_credit (void)
{
  g_autoptr(CdPhoto) photo = cd_photo_new ();
  g_autofree char *both = NULL;
  g_autofree char *already = NULL;
  g_autofree char *no_credit = NULL;
  g_autofree char *credit_only = NULL;

  cd_photo_set_caption (photo, "Visitors on the roof ");
  cd_photo_set_credit (photo, "Staff photo/Harbour Times");
  both = cd_wp_photo_caption (photo);
  g_assert_cmpstr (both, ==, "Visitors on the roof (Staff photo/Harbour Times)");

  cd_photo_set_caption (photo, "Visitors on the roof (Staff photo/Harbour Times)");
  already = cd_wp_photo_caption (photo);
  g_assert_cmpstr (already, ==, "Visitors on the roof (Staff photo/Harbour Times)");

  cd_photo_set_credit (photo, "");
  no_credit = cd_wp_photo_caption (photo);
  g_assert_cmpstr (no_credit, ==, "Visitors on the roof (Staff photo/Harbour Times)");

  cd_photo_set_caption (photo, "");
  cd_photo_set_credit (photo, "AP");
  credit_only = cd_wp_photo_caption (photo);
  g_assert_cmpstr (credit_only, ==, "(AP)");
}

static void
test_unescape (void)
{
  g_autofree char *amp = cd_wp_unescape_html ("Arts &amp; Culture");
  g_autofree char *numeric = cd_wp_unescape_html ("It&#8217;s &#x41;&lt;b&gt; &quot;q&quot; &#039;");
  g_autofree char *broken = cd_wp_unescape_html ("a &bogus; b &#; c &#xZZ; &");

  g_assert_cmpstr (amp, ==, "Arts & Culture");
  g_assert_cmpstr (numeric, ==, "It’s A<b> \"q\" '");
  g_assert_cmpstr (broken, ==, "a &bogus; b &#; c &#xZZ; &");
  g_assert_null (cd_wp_unescape_html (NULL));
}

static void
test_check_url (void)
{
  const char *good[] = {
    "https://news.example.org", "https://example.org/blog/", "http://127.0.0.1:8080",
    "http://127.3.4.5/", "http://localhost:9000/wp", "http://[::1]:8080/",
  };
  struct { const char *url; int code; } bad[] = {
    { "http://news.example.org", CD_WP_ERROR_INSECURE_URL },
    { "http://10.0.0.1/", CD_WP_ERROR_INSECURE_URL },
    { "http://[::2]/", CD_WP_ERROR_INSECURE_URL },
    { "ftp://example.org/", CD_WP_ERROR_INVALID_URL },
    { "example.org", CD_WP_ERROR_INVALID_URL },
    { "", CD_WP_ERROR_INVALID_URL },
    { "https://user:secret@example.org/", CD_WP_ERROR_INVALID_URL },
    { "https://example.org/#top", CD_WP_ERROR_INVALID_URL },
    { "https://example.org/?p=1", CD_WP_ERROR_INVALID_URL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_true (cd_wp_check_url (good[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (cd_wp_check_url (bad[i].url, &error));
      g_assert_error (error, CD_WP_ERROR, bad[i].code);
      g_assert_nonnull (error->message);
    }
}

static void
test_status_names (void)
{
  CdWpStatus status = CD_WP_STATUS_DRAFT;

  g_assert_cmpstr (cd_wp_status_to_string (CD_WP_STATUS_FUTURE), ==, "future");
  g_assert_true (cd_wp_status_from_string ("pending", &status));
  g_assert_cmpint (status, ==, CD_WP_STATUS_PENDING);
  g_assert_false (cd_wp_status_from_string ("private", &status));
}

/* A post's raw content is the published body when it is the body
 * rendered, with or without the figures of further photos after it. */
static void
test_content_is_body (void)
{
  const char *body = "The harbour *reopened* on Monday.\n\nBoats went out at dawn.";
  g_autofree char *html = cd_markdown_to_html (body);
  g_autofree char *with_figure = g_strconcat (html, "\n<figure class=\"wp-block-image\"><img "
                                              "src=\"x.png\" alt=\"\"/></figure>\n", NULL);
  g_autofree char *chomped = g_strchomp (g_strdup (html));
  g_autofree char *edited = g_strconcat (html, "<p>Added on the site.</p>\n", NULL);

  g_assert_true (cd_wp_content_is_body (html, body));
  g_assert_true (cd_wp_content_is_body (with_figure, body));
  g_assert_true (cd_wp_content_is_body (chomped, body));
  g_assert_false (cd_wp_content_is_body (edited, body));
  g_assert_false (cd_wp_content_is_body ("<p>Rewritten on the site.</p>", body));
  g_assert_false (cd_wp_content_is_body (body, body));
  g_assert_true (cd_wp_content_is_body ("", NULL));
  g_assert_true (cd_wp_content_is_body (NULL, ""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wp-checks/ready", test_checks_ready);
  g_test_add_func ("/wp-checks/blocking", test_checks_blocking);
  g_test_add_func ("/wp-checks/headline-limit", test_checks_headline_limit);
  g_test_add_func ("/wp-checks/photo-files", test_checks_photo_files);
  g_test_add_func ("/wp-checks/slug", test_slug);
  g_test_add_func ("/wp-checks/caption-with-credit", test_caption_with_credit);
  g_test_add_func ("/wp-checks/unescape", test_unescape);
  g_test_add_func ("/wp-checks/content-is-body", test_content_is_body);
  g_test_add_func ("/wp-checks/check-url", test_check_url);
  g_test_add_func ("/wp-checks/status-names", test_status_names);

  return g_test_run ();
}

/* test-article.c: the article and photo model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-article.h"
#include "cd-ninjs.h"

static void
count_cb (gpointer  object,
          gpointer  pspec_or_null,
          guint    *count)
{
  (*count)++;
}

static void
count_changed_cb (CdArticle *article,
                  guint     *count)
{
  (*count)++;
}

static void
test_article_defaults (void)
{
  g_autoptr(CdArticle) article = cd_article_new ();

  g_assert_true (g_uuid_string_is_valid (cd_article_get_id (article)));
  g_assert_cmpstr (cd_article_get_headline (article), ==, "");
  g_assert_cmpint (cd_article_get_status (article), ==, CD_ARTICLE_STATUS_DRAFT);
  g_assert_cmpuint (cd_article_get_revision (article), ==, 0);
  g_assert_nonnull (cd_article_get_created (article));
  g_assert_cmpstr (g_date_time_get_timezone_abbreviation (cd_article_get_created (article)),
                   ==, "UTC");
  g_assert_cmpuint (cd_article_get_n_photos (article), ==, 0);
  g_assert_cmpuint (g_strv_length ((char **) cd_article_get_tags (article)), ==, 0);
}

static void
test_article_notify_only_on_change (void)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  guint notifies = 0, changes = 0;

  g_signal_connect (article, "notify::headline", G_CALLBACK (count_cb), &notifies);
  g_signal_connect (article, "changed", G_CALLBACK (count_changed_cb), &changes);

  cd_article_set_headline (article, "Harbour bridge reopens");
  g_assert_cmpuint (notifies, ==, 1);
  cd_article_set_headline (article, "Harbour bridge reopens");
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_cmpuint (changes, ==, 1);

  g_object_set (article, "headline", "جسر الميناء يعود للعمل", NULL);
  g_assert_cmpuint (notifies, ==, 2);
  g_assert_cmpstr (cd_article_get_headline (article), ==, "جسر الميناء يعود للعمل");
}

static void
test_article_photo_changes_reach_article (void)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(CdPhoto) photo = cd_photo_new ();
  g_autoptr(CdPhoto) second = cd_photo_new ();
  guint changes = 0;

  g_signal_connect (article, "changed", G_CALLBACK (count_changed_cb), &changes);
  cd_article_add_photo (article, photo);
  g_assert_cmpuint (changes, ==, 1);
  cd_photo_set_credit (photo, "Staff photo");
  g_assert_cmpuint (changes, ==, 2);

  cd_article_add_photo (article, second);
  cd_article_move_photo (article, 1, 0);
  g_assert_true (cd_article_get_photo (article, 0) == second);
  cd_article_remove_photo (article, 1);
  changes = 0;
  cd_photo_set_credit (photo, "no longer in the article");
  g_assert_cmpuint (changes, ==, 0);
}

static void
test_article_status_names (void)
{
  const char *names[] = { "draft", "edited", "ready", "published", "withdrawn" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      CdArticleStatus status;

      g_assert_true (cd_article_status_from_string (names[i], &status));
      g_assert_cmpint (status, ==, i);
      g_assert_cmpstr (cd_article_status_to_string (status), ==, names[i]);
    }
  g_assert_false (cd_article_status_from_string ("sent", NULL));
}

static void
test_article_rtl (void)
{
  g_autoptr(CdArticle) article = cd_article_new ();

  cd_article_set_language (article, "en");
  g_assert_false (cd_article_is_rtl (article));
  cd_article_set_language (article, "ar");
  g_assert_true (cd_article_is_rtl (article));
  cd_article_set_language (article, "ar-IQ");
  g_assert_true (cd_article_is_rtl (article));
  cd_article_set_language (article, "fa");
  g_assert_true (cd_article_is_rtl (article));
}

static void
test_article_warnings (void)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(CdPhoto) photo = cd_photo_new ();

  g_assert_cmpint (cd_article_get_warnings (article), ==,
                   CD_ARTICLE_WARNING_NO_HEADLINE | CD_ARTICLE_WARNING_EMPTY_BODY);
  cd_article_set_headline (article, "Quay lights");
  cd_article_set_body (article, "The lights came on.");
  cd_article_add_photo (article, photo);
  cd_photo_set_credit (photo, "  ");
  g_assert_cmpint (cd_article_get_warnings (article), ==, CD_ARTICLE_WARNING_PHOTO_NO_CREDIT);
  cd_photo_set_credit (photo, "Reuters");
  cd_article_set_duplicate_of (article, "d6f2b4d0-7c5e-4f44-9b4a-0d6c9a0c1e11");
  g_assert_cmpint (cd_article_get_warnings (article), ==,
                   CD_ARTICLE_WARNING_POSSIBLE_DUPLICATE);
}

static void
test_article_fingerprint (void)
{
  g_autoptr(CdArticle) a = cd_article_new ();
  g_autoptr(CdArticle) b = cd_article_new ();
  g_autofree char *fa = NULL, *fb = NULL, *fc = NULL;

  cd_article_set_headline (a, "Ferry timetable changes");
  cd_article_set_body (a, "From Monday the first ferry\nleaves at six.");
  cd_article_set_headline (b, "Ferry  timetable changes ");
  cd_article_set_body (b, "From Monday the first ferry leaves at six.");
  cd_article_set_status (b, CD_ARTICLE_STATUS_READY);
  fa = cd_article_dup_fingerprint (a);
  fb = cd_article_dup_fingerprint (b);
  g_assert_cmpstr (fa, ==, fb);
  cd_article_set_body (b, "From Monday the first ferry leaves at seven.");
  fc = cd_article_dup_fingerprint (b);
  g_assert_cmpstr (fa, !=, fc);
}

static void
test_article_simhash (void)
{
  g_autoptr(CdArticle) a = cd_article_new ();
  g_autoptr(CdArticle) b = cd_article_new ();
  g_autoptr(CdArticle) c = cd_article_new ();

  cd_article_set_headline (a, "Town opens its first public observatory");
  cd_article_set_body (a, "The town council opened a small public observatory on Saturday, "
                          "the first of its kind on this stretch of coast. Children can now "
                          "see the rings of Saturn for the price of a bus ticket, the mayor "
                          "said at the opening, where hundreds of visitors queued for hours.");
  cd_article_set_headline (b, "Town opens its first public observatory");
  cd_article_set_body (b, "The town council opened a small public observatory on Saturday, "
                          "the first of its kind on this stretch of the coast. Children can now "
                          "see the rings of Saturn for the price of a bus ticket, the mayor "
                          "said at the opening, where hundreds of visitors waited for hours.");
  cd_article_set_headline (c, "Fishing fleet stays in port as storm nears");
  cd_article_set_body (c, "Trawlers remained tied up on Tuesday as forecasters warned of gale "
                          "force winds along the northern shore for the rest of the week.");
  g_assert_cmpuint (cd_simhash_distance (cd_article_get_simhash (a),
                                         cd_article_get_simhash (b)), <=, 12);
  g_assert_cmpuint (cd_simhash_distance (cd_article_get_simhash (a),
                                         cd_article_get_simhash (c)), >, 16);
}

static CdArticle *
make_full_article (void)
{
  CdArticle *article = cd_article_new ();
  g_autoptr(CdPhoto) photo = cd_photo_new ();
  g_autoptr(CdSiteBinding) binding = cd_site_binding_new ("newsroom");
  const char *tags[] = { "harbour", "transport", NULL };
  g_autoptr(GDateTime) created = g_date_time_new_utc (2026, 3, 4, 5, 6, 7.25);

  cd_article_set_headline (article, "Harbour bridge reopens");
  cd_article_set_standfirst (article, "Repairs finished a week early");
  cd_article_set_byline (article, "Mona Haddad");
  cd_article_set_dateline (article, "Basra");
  cd_article_set_section (article, "Local");
  cd_article_set_tags (article, tags);
  cd_article_set_language (article, "en");
  cd_article_set_status (article, CD_ARTICLE_STATUS_READY);
  cd_article_set_body (article, "First paragraph.\n\nSecond *paragraph*.");
  cd_article_set_note (article, "Check the mayor's quote");
  cd_article_set_source (article, "raw copy\n");
  cd_article_set_source_url (article, "https://news.example/bridge");
  cd_article_set_created (article, created);
  cd_article_set_revision (article, 7);
  cd_photo_set_caption (photo, "The bridge at dawn");
  cd_photo_set_credit (photo, "AFP/Getty Images");
  cd_photo_set_alt_text (photo, "A steel bridge over calm water");
  cd_photo_set_photographer (photo, "Sami Nour");
  cd_photo_set_file (photo, "bridge dawn.jpg");
  cd_photo_set_width (photo, 1600);
  cd_photo_set_height (photo, 1200);
  cd_article_add_photo (article, photo);
  cd_site_binding_set_post_id (binding, "42");
  cd_article_set_binding (article, binding);
  return article;
}

static void
test_article_copy_equal (void)
{
  g_autoptr(CdArticle) article = make_full_article ();
  g_autoptr(CdArticle) copy = cd_article_copy (article);

  g_assert_true (cd_article_equal (article, copy));
  cd_photo_set_credit (cd_article_get_photo (copy, 0), "Reuters");
  g_assert_false (cd_article_equal (article, copy));
}

static void
test_ninjs_round_trip (void)
{
  g_autoptr(CdArticle) article = make_full_article ();
  g_autoptr(JsonNode) node = cd_ninjs_from_article (article, "photos/", CD_NINJS_BODY_MARKDOWN);
  g_autoptr(CdArticle) back = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *ninjs = json_node_get_object (node);

  g_assert_cmpstr (json_object_get_string_member (ninjs, "type"), ==, "text");
  g_assert_cmpstr (json_object_get_string_member (ninjs, "version"), ==, "7");
  g_assert_cmpstr (json_object_get_string_member (ninjs, "firstCreated"), ==,
                   "2026-03-04T05:06:07.250000Z");

  back = cd_ninjs_to_article (node, "photos/", &error);
  g_assert_no_error (error);
  /* Status, source and remote times are Copydesk state kept beside ninjs. */
  cd_article_set_status (back, CD_ARTICLE_STATUS_READY);
  cd_article_set_source (back, "raw copy\n");
  g_assert_true (cd_article_equal (article, back));
}

static const char *
body_value (JsonObject *ninjs,
            const char *content_type)
{
  JsonArray *bodies = json_object_get_array_member (ninjs, "bodies");

  for (guint i = 0; i < json_array_get_length (bodies); i++)
    {
      JsonObject *body = json_array_get_object_element (bodies, i);

      if (g_str_equal (json_object_get_string_member (body, "contentType"), content_type))
        return json_object_get_string_member (body, "value");
    }
  g_error ("no %s body", content_type);
  return NULL;
}

/* A body with a pulled table, strikethrough and hostile raw HTML: the
 * HTML body keeps the table and the tags and runs nothing; the Markdown
 * body is the body; the plain one has the table's text. */
static void
test_ninjs_bodies_with_raw_html (void)
{
  const char *body = "A <s>late</s> <u>change</u>.\n\n<table>\n<tr><th>Port</th><th>Ships"
                     "</th></tr>\n<tr><td>North</td><td>3</td></tr>\n</table>\n\n"
                     "<iframe src=\"https://evil.test\"></iframe> <img src=x onerror=alert(1)>\n\n"
                     "<table><tr><td onclick=\"alert(1)\">x</td></tr></table>\n";
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(JsonNode) node = NULL;
  JsonObject *ninjs;
  const char *html;

  cd_article_set_headline (article, "Ports");
  cd_article_set_body (article, body);
  node = cd_ninjs_from_article (article, NULL, CD_NINJS_BODY_MARKDOWN | CD_NINJS_BODY_PLAIN |
                                CD_NINJS_BODY_HTML);
  ninjs = json_node_get_object (node);
  html = body_value (ninjs, "text/html");

  g_assert_cmpstr (body_value (ninjs, "text/markdown"), ==, body);
  g_assert_true (g_str_has_prefix (html, "<p>A <s>late</s> <u>change</u>.</p>\n<table>\n"
                                         "<tr><th>Port</th><th>Ships</th></tr>\n"
                                         "<tr><td>North</td><td>3</td></tr>\n</table>\n"));
  g_assert_null (strstr (html, "<iframe"));
  g_assert_null (strstr (html, "<img"));
  g_assert_null (strstr (html, "onclick=\""));
  g_assert_nonnull (strstr (html, "&lt;td onclick=&quot;alert(1)&quot;&gt;"));
  g_assert_true (g_str_has_prefix (body_value (ninjs, "text/plain"),
                                   "A late change.\n\nPort\tShips\nNorth\t3\n\n<iframe"));
}

static void
test_ninjs_wrong_type_is_named (void)
{
  g_autoptr(JsonNode) node = json_from_string ("{\"uri\":\"urn:uuid:x\",\"headlines\":"
                                               "[{\"role\":\"main\",\"value\":5}]}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdArticle) article = cd_ninjs_to_article (node, NULL, &error);

  g_assert_null (article);
  g_assert_error (error, CD_NINJS_ERROR, CD_NINJS_ERROR_WRONG_TYPE);
  g_assert_nonnull (strstr (error->message, "value"));
}

static CdArticle *
article_from_json (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  CdArticle *article;

  g_assert_nonnull (node);
  article = cd_ninjs_to_article (node, NULL, &error);
  g_assert_no_error (error);
  return article;
}

/* A picture written without a urn:uuid uri gets the same id on every
 * read, so that two loads of one file agree on which photo is which;
 * pictures of one article, or of two articles, still differ. */
static void
test_ninjs_photo_id_without_uri (void)
{
  const char *pictures = "\",\"associations\":["
                         "{\"type\":\"picture\",\"descriptions\":[{\"role\":\"caption\",\"value\":\"A\"}]},"
                         "{\"type\":\"picture\",\"uri\":\"https://example.org/p/9\"},"
                         "{\"type\":\"picture\"}]}";
  g_autofree char *one = g_strconcat ("{\"uri\":\"urn:uuid:0b9f3c52-6a1e-4d2f-9c33-1f0e5a7b8c90",
                                      pictures, NULL);
  g_autofree char *other = g_strconcat ("{\"uri\":\"urn:uuid:7d2e4a10-3b5c-4e6f-8a9b-0c1d2e3f4a5b",
                                        pictures, NULL);
  g_autoptr(CdArticle) first = article_from_json (one);
  g_autoptr(CdArticle) again = article_from_json (one);
  g_autoptr(CdArticle) elsewhere = article_from_json (other);

  g_assert_cmpuint (cd_article_get_n_photos (first), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const char *id = cd_photo_get_id (cd_article_get_photo (first, i));

      g_assert_true (g_uuid_string_is_valid (id));
      g_assert_cmpstr (id, ==, cd_photo_get_id (cd_article_get_photo (again, i)));
      g_assert_cmpstr (id, !=, cd_photo_get_id (cd_article_get_photo (elsewhere, i)));
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (id, !=, cd_photo_get_id (cd_article_get_photo (first, j)));
    }
}

/* The first implementation of the fingerprint and the SimHash, kept as
 * the reference: stores hold hashes computed by it, so a faster version
 * must give exactly the same values. */
static char *
reference_fingerprint (const char *headline,
                       const char *body)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *parts[] = { headline, body };

  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    {
      g_auto(GStrv) words = g_strsplit_set (parts[p], " \t\r\n", -1);
      for (guint i = 0; words[i]; i++)
        {
          if (*words[i] == '\0')
            continue;
          g_checksum_update (sum, (const guchar *) words[i], -1);
          g_checksum_update (sum, (const guchar *) " ", 1);
        }
      g_checksum_update (sum, (const guchar *) "\n", 1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

static guint64
reference_fnv1a64 (const char *text)
{
  guint64 hash = G_GUINT64_CONSTANT (14695981039346656037);

  for (; *text; text++)
    {
      hash ^= (guchar) *text;
      hash *= G_GUINT64_CONSTANT (1099511628211);
    }
  return hash;
}

static guint64
reference_simhash (const char *headline,
                   const char *body)
{
  g_autofree char *text = g_strconcat (headline, "\n", body, NULL);
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_auto(GStrv) tokens = g_strsplit_set (folded, " \t\r\n.,;:!?\"'()[]*_#-", -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  int weights[64] = { 0 };
  guint64 simhash = 0;

  for (guint i = 0; tokens[i]; i++)
    if (tokens[i][0] != '\0')
      g_ptr_array_add (words, tokens[i]);

  for (guint i = 0; i + 2 < words->len || (i == 0 && words->len > 0); i++)
    {
      g_autofree char *shingle = NULL;
      guint64 hash;

      if (words->len < 3)
        shingle = g_strjoinv (" ", (char **) tokens);
      else
        shingle = g_strjoin (" ", (char *) g_ptr_array_index (words, i),
                             (char *) g_ptr_array_index (words, i + 1),
                             (char *) g_ptr_array_index (words, i + 2), NULL);
      hash = reference_fnv1a64 (shingle);
      for (guint bit = 0; bit < 64; bit++)
        weights[bit] += (hash >> bit) & 1 ? 1 : -1;
      if (words->len < 3)
        break;
    }

  for (guint bit = 0; bit < 64; bit++)
    if (weights[bit] > 0)
      simhash |= G_GUINT64_CONSTANT (1) << bit;
  return simhash;
}

static void
test_article_hashes_match_reference (void)
{
  const char *samples[][2] = {
    { "", "" },
    { "One", "" },
    { "Two words", "" },
    { "", "Just, a body." },
    { "Harbour Bridge Reopens", "Traffic returned on Monday.\n\nThe *repairs* took a year -- and 3 months." },
    { "  Spaced\tout\r\n", "  lots   of\n\n\nspace \t " },
    { "جسر الميناء يعود للعمل", "عاد الجسر إلى العمل يوم الاثنين (رويترز)، بعد عام من الإصلاحات." },
    { "STRASSE und Straße", "ΣΊΣΥΦΟΣ ὈΔΥΣΣΕΎΣ İstanbul ǅemal ﬁnance ＡＢＣ" },
    { "Mixed: Café — naïve façade", "Ünïcödé and ASCII_mixed-up #tags [links](x) \"quotes\" 'single'" },
    { "emoji 🙂 test", "🙂🙂 🙂, 🙂; end" },
    { "-", "--- ### ***" },
    { "a", "b" },
  };

  g_autoptr(GString) long_body = g_string_new (NULL);
  g_autoptr(CdArticle) long_article = cd_article_new ();
  g_autofree char *long_expected = NULL;
  g_autofree char *long_fingerprint = NULL;

  /* thousands of shingles, mixed scripts: the bit counters are emptied
   * every 255 hashes, so a long text takes that path many times */
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (long_body, "%s%u%s", i % 7 ? "word" : "كلمة", i * 7919 % 1013,
                            i % 13 ? " " : ".\n\n");
  cd_article_set_headline (long_article, "A Long Story");
  cd_article_set_body (long_article, long_body->str);
  long_expected = reference_fingerprint ("A Long Story", long_body->str);
  long_fingerprint = cd_article_dup_fingerprint (long_article);
  g_assert_cmpstr (long_fingerprint, ==, long_expected);
  g_assert_cmpuint (cd_article_get_simhash (long_article), ==,
                    reference_simhash ("A Long Story", long_body->str));

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(CdArticle) article = cd_article_new ();
      g_autofree char *expected = reference_fingerprint (samples[i][0], samples[i][1]);
      g_autofree char *fingerprint = NULL;

      cd_article_set_headline (article, samples[i][0]);
      cd_article_set_body (article, samples[i][1]);
      fingerprint = cd_article_dup_fingerprint (article);
      g_assert_cmpstr (fingerprint, ==, expected);
      g_assert_cmpuint (cd_article_get_simhash (article), ==,
                        reference_simhash (samples[i][0], samples[i][1]));
    }
}

/* The hashes are kept between calls; an edit must not leave them stale. */
static void
test_article_hashes_follow_changes (void)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(CdArticle) fresh = cd_article_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  guint64 simhash_before;

  cd_article_set_headline (article, "Quay Market Opens");
  cd_article_set_body (article, "Stalls opened on the quay on Friday evening.");
  before = cd_article_dup_fingerprint (article);
  simhash_before = cd_article_get_simhash (article);

  cd_article_set_body (article, "Stalls opened on the quay on Saturday morning, not Friday.");
  after = cd_article_dup_fingerprint (article);
  cd_article_set_headline (fresh, "Quay Market Opens");
  cd_article_set_body (fresh, "Stalls opened on the quay on Saturday morning, not Friday.");
  expected = cd_article_dup_fingerprint (fresh);
  g_assert_cmpstr (after, !=, before);
  g_assert_cmpstr (after, ==, expected);
  g_assert_cmpuint (cd_article_get_simhash (article), ==, cd_article_get_simhash (fresh));
  g_assert_cmpuint (cd_article_get_simhash (article), !=, simhash_before);

  cd_article_set_headline (article, "Quay Market Opens Late");
  g_assert_cmpuint (cd_article_get_simhash (article), !=, cd_article_get_simhash (fresh));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/article/defaults", test_article_defaults);
  g_test_add_func ("/article/notify-only-on-change", test_article_notify_only_on_change);
  g_test_add_func ("/article/photo-changes-reach-article", test_article_photo_changes_reach_article);
  g_test_add_func ("/article/status-names", test_article_status_names);
  g_test_add_func ("/article/rtl", test_article_rtl);
  g_test_add_func ("/article/warnings", test_article_warnings);
  g_test_add_func ("/article/fingerprint", test_article_fingerprint);
  g_test_add_func ("/article/simhash", test_article_simhash);
  g_test_add_func ("/article/hashes-match-reference", test_article_hashes_match_reference);
  g_test_add_func ("/article/hashes-follow-changes", test_article_hashes_follow_changes);
  g_test_add_func ("/article/copy-equal", test_article_copy_equal);
  g_test_add_func ("/ninjs/round-trip", test_ninjs_round_trip);
  g_test_add_func ("/ninjs/wrong-type-is-named", test_ninjs_wrong_type_is_named);
  g_test_add_func ("/ninjs/bodies-with-raw-html", test_ninjs_bodies_with_raw_html);
  g_test_add_func ("/ninjs/photo-id-without-uri", test_ninjs_photo_id_without_uri);

  return g_test_run ();
}

/* test-article-file.c: the store's article file format and its errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-article-file.h"
#include "store-test-util.h"

static char *
serialize_text (CdArticle *article)
{
  g_autoptr(GBytes) bytes = cd_article_file_serialize (article);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return g_strndup (data, length);
}

static void
test_article_file_round_trip (void)
{
  g_autoptr(CdArticle) article = store_test_full_article ();
  g_autoptr(CdArticle) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  cd_article_set_revision (article, 41);
  text = serialize_text (article);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_str_has_suffix (text, "}\n"));
  /* Arabic is written as UTF-8, not as \u escapes: the files stay readable. */
  g_assert_nonnull (strstr (text, "البرلمان"));

  parsed = cd_article_file_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_true (cd_article_equal (article, parsed));
  g_assert_cmpuint (cd_article_get_revision (parsed), ==, 41);
}

static void
test_article_file_minimal (void)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(CdArticle) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = serialize_text (article);

  parsed = cd_article_file_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_true (cd_article_equal (article, parsed));
}

typedef struct
{
  const char *text;
  gssize length;
  CdArticleFileError code;
  const char *in_message;
} BadCase;

static void
test_article_file_errors (void)
{
  const BadCase cases[] = {
    { "", 0, CD_ARTICLE_FILE_ERROR_EMPTY, "empty" },
    { "  \n\t ", -1, CD_ARTICLE_FILE_ERROR_EMPTY, "empty" },
    { "{\"format\": 1, \"ninjs\": {\"uri\": \"urn:uu", -1, CD_ARTICLE_FILE_ERROR_TRUNCATED, "cut short" },
    { "{\"format\": 1, \"ninjs\": {}", -1, CD_ARTICLE_FILE_ERROR_TRUNCATED, "cut short" },
    { "{\"format\": 1,, }", -1, CD_ARTICLE_FILE_ERROR_INVALID_JSON, "not valid JSON" },
    { "{\"format\": 1, \"x\": \"caf\xe9\"}", -1, CD_ARTICLE_FILE_ERROR_NOT_UTF8, "byte 23" },
    { "{\"format\": 1, \"x\": \"a\0b\"}", 25, CD_ARTICLE_FILE_ERROR_NOT_UTF8, "byte 21" },
    { "[1, 2]", -1, CD_ARTICLE_FILE_ERROR_NOT_AN_OBJECT, "an array" },
    { "\"text\"", -1, CD_ARTICLE_FILE_ERROR_NOT_AN_OBJECT, "a string" },
    { "{\"ninjs\": {}, \"copydesk\": {}}", -1, CD_ARTICLE_FILE_ERROR_WRONG_TYPE, "“format” is missing" },
    { "{\"format\": \"1\"}", -1, CD_ARTICLE_FILE_ERROR_WRONG_TYPE, "“format” must be an integer" },
    { "{\"format\": 2, \"whatever\": true}", -1, CD_ARTICLE_FILE_ERROR_NEWER_FORMAT, "format 2" },
    { "{\"format\": 0}", -1, CD_ARTICLE_FILE_ERROR_BAD_VALUE, "“format”" },
    { "{\"format\": 1, \"ninjs\": [], \"copydesk\": {}}", -1, CD_ARTICLE_FILE_ERROR_WRONG_TYPE,
      "“ninjs” must be an object" },
    { "{\"format\": 1, \"ninjs\": {}}", -1, CD_ARTICLE_FILE_ERROR_WRONG_TYPE, "“copydesk” is missing" },
    { "{\"format\": 1, \"ninjs\": {\"headlines\": {}}, \"copydesk\": {\"revision\": 1}}", -1,
      CD_ARTICLE_FILE_ERROR_WRONG_TYPE, "“headlines” must be an array" },
    { "{\"format\": 1, \"ninjs\": {}, \"copydesk\": {\"revision\": \"3\"}}", -1,
      CD_ARTICLE_FILE_ERROR_WRONG_TYPE, "“copydesk.revision” must be an integer" },
    { "{\"format\": 1, \"ninjs\": {}, \"copydesk\": {\"revision\": 1, \"status\": 4}}", -1,
      CD_ARTICLE_FILE_ERROR_WRONG_TYPE, "“copydesk.status” must be a string" },
    { "{\"format\": 1, \"ninjs\": {}, \"copydesk\": {\"revision\": 1, \"status\": \"lost\"}}", -1,
      CD_ARTICLE_FILE_ERROR_BAD_VALUE, "“lost”" },
    { "{\"format\": 1, \"ninjs\": {}, \"copydesk\": {\"revision\": 1, \"sites\": [{\"site\": 5}]}}",
      -1, CD_ARTICLE_FILE_ERROR_WRONG_TYPE, "“copydesk.sites[0].site” must be a string" },
    { "{\"format\": 1, \"ninjs\": {\"firstCreated\": \"yesterday\"}, \"copydesk\": {\"revision\": 1}}",
      -1, CD_ARTICLE_FILE_ERROR_BAD_VALUE, "yesterday" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CdArticle) article = NULL;
      gsize length = cases[i].length < 0 ? strlen (cases[i].text) : (gsize) cases[i].length;

      article = cd_article_file_parse (cases[i].text, length, &error);
      g_test_message ("case %u: %s", i, error ? error->message : "(parsed)");
      g_assert_null (article);
      g_assert_error (error, CD_ARTICLE_FILE_ERROR, (gint) cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].in_message));
    }
}

/* Every prefix of a good file is refused, and none crashes the parser. */
static void
test_article_file_every_truncation (void)
{
  g_autoptr(CdArticle) article = store_test_full_article ();
  g_autofree char *text = serialize_text (article);
  gsize length = strlen (text);

  for (gsize cut = 0; cut + 2 < length; cut += 7)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CdArticle) parsed = cd_article_file_parse (text, cut, &error);

      g_assert_null (parsed);
      g_assert_nonnull (error);
      g_assert_true (error->domain == CD_ARTICLE_FILE_ERROR);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/article-file/round-trip", test_article_file_round_trip);
  g_test_add_func ("/article-file/minimal", test_article_file_minimal);
  g_test_add_func ("/article-file/errors", test_article_file_errors);
  g_test_add_func ("/article-file/every-truncation", test_article_file_every_truncation);

  return g_test_run ();
}

/* test-exporter.c: the Markdown export read back by cmark
 *
 * Headline, standfirst, byline, dateline, captions and alternative text
 * are plain text; the export must escape them so that a CommonMark reader
 * gets those characters back, and not a list, a heading, emphasis or a
 * link. The body is Markdown already and must stay so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cmark.h>
#include <string.h>

#include "cd-exporter.h"
#include "cd-markdown.h"

#define BODY "Body with *emphasis* and a [link](https://example.org).\n"
#define CREDIT "AFP"

static const char * const nasty[] = {
  "*Breaking* 5 # of [3]",
  "1. Round one",
  "1) Round one",
  "2024. A year in review",
  "- yes",
  "+ more",
  "+",
  "> quoted",
  "# hash",
  "## two hashes",
  "#5 on the chart",
  "Ends with #",
  "Ends with ###",
  "#",
  "***",
  "---",
  "===",
  "___",
  "~~~ fence",
  "```",
  "four    spaces inside",
  "| a | table |",
  "`code` span",
  "<b>bold</b>",
  "<https://example.org>",
  "&amp; entity, &#38; and &#x26;",
  "AT&T, R&D",
  "snake_case and _under_ __strong__",
  "back\\slash\\",
  "ends in a backslash \\",
  "![image](x.png)",
  "[link](http://example.org) and [ref]",
  "a * b * c",
  "“Quoted,” she said.",
  "100% sure (really)",
  "عاجل: *انفجار* في [بيروت] # 1",
  "١. البند الأول",
  "1. عاجل",
  "- عاجل",
  "# عاجل",
  "> اقتباس",
  "+ المزيد",
};

/* The text of node's children, or NULL when one of them is anything but
 * text or a soft line break: then something was read as markup. */
static char *
plain_text (cmark_node *node)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (cmark_node *child = cmark_node_first_child (node); child;
       child = cmark_node_next (child))
    {
      cmark_node_type type = cmark_node_get_type (child);

      if (type == CMARK_NODE_TEXT)
        g_string_append (text, cmark_node_get_literal (child));
      else if (type == CMARK_NODE_SOFTBREAK)
        g_string_append_c (text, '\n');
      else
        return NULL;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_text (cmark_node *node,
             const char *expected,
             const char *markdown)
{
  g_autofree char *text = plain_text (node);

  if (g_strcmp0 (text, expected) != 0)
    g_error ("Expected “%s”, read “%s” from:\n%s", expected, text ? text : "(markup)",
             markdown);
}

static CdArticle *
nasty_article (const char *text)
{
  CdArticle *article = cd_article_new ();
  g_autoptr(CdPhoto) photo = cd_photo_new ();

  cd_article_set_headline (article, text);
  cd_article_set_standfirst (article, text);
  cd_article_set_byline (article, text);
  cd_article_set_dateline (article, text);
  cd_article_set_body (article, BODY);
  cd_photo_set_caption (photo, text);
  cd_photo_set_credit (photo, CREDIT);
  cd_photo_set_alt_text (photo, text);
  cd_photo_set_file (photo, "0b6f1f7e-2d0c-4c43-9a53-3f1e6a2b9c10.png");
  cd_article_add_photo (article, photo);
  return article;
}

static char *
export_markdown (CdArticle *article)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *markdown;

  g_ptr_array_add (articles, article);
  markdown = cd_exporter_export_to_string (CD_EXPORT_FORMAT_MARKDOWN, "photos/", articles,
                                           &error);
  g_assert_no_error (error);
  return markdown;
}

static cmark_node *
next_block (cmark_node      *node,
            cmark_node_type  type,
            const char      *markdown)
{
  if (node == NULL || cmark_node_get_type (node) != type)
    g_error ("Expected a %s block in:\n%s", type == CMARK_NODE_HEADING ? "heading" : "paragraph",
             markdown);
  return node;
}

/* The caption paragraph: the image, a line break, the caption and its
 * credit. */
static void
assert_photo (cmark_node *paragraph,
              const char *text,
              const char *markdown)
{
  cmark_node *image = cmark_node_first_child (paragraph);
  cmark_node *br = image ? cmark_node_next (image) : NULL;
  g_autofree char *caption = g_strdup_printf ("%s (%s)", text, CREDIT);
  g_autoptr(GString) rest = g_string_new (NULL);

  g_assert_cmpint (cmark_node_get_type (image), ==, CMARK_NODE_IMAGE);
  g_assert_cmpstr (cmark_node_get_url (image), ==,
                   "photos/0b6f1f7e-2d0c-4c43-9a53-3f1e6a2b9c10.png");
  assert_text (image, text, markdown);
  g_assert_nonnull (br);
  g_assert_cmpint (cmark_node_get_type (br), ==, CMARK_NODE_SOFTBREAK);
  for (cmark_node *node = cmark_node_next (br); node; node = cmark_node_next (node))
    {
      if (cmark_node_get_type (node) != CMARK_NODE_TEXT)
        g_error ("Markup in the caption of:\n%s", markdown);
      g_string_append (rest, cmark_node_get_literal (node));
    }
  g_assert_cmpstr (rest->str, ==, caption);
}

/* The body keeps its Markdown: emphasis and a link. */
static void
assert_body (cmark_node *paragraph)
{
  cmark_node *node = cmark_node_first_child (paragraph);
  gboolean emph = FALSE, link = FALSE;

  for (; node; node = cmark_node_next (node))
    {
      emph = emph || cmark_node_get_type (node) == CMARK_NODE_EMPH;
      link = link || cmark_node_get_type (node) == CMARK_NODE_LINK;
    }
  g_assert_true (emph);
  g_assert_true (link);
}

static void
check_round_trip (const char *text)
{
  g_autoptr(CdArticle) article = nasty_article (text);
  g_autofree char *markdown = export_markdown (article);
  g_autofree char *byline = g_strconcat ("By ", text, NULL);
  cmark_node *document = cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
  cmark_node *block = cmark_node_first_child (document);
  cmark_node *emph;

  next_block (block, CMARK_NODE_HEADING, markdown);
  g_assert_cmpint (cmark_node_get_heading_level (block), ==, 1);
  assert_text (block, text, markdown);

  block = next_block (cmark_node_next (block), CMARK_NODE_PARAGRAPH, markdown);
  emph = cmark_node_first_child (block);
  g_assert_cmpint (cmark_node_get_type (emph), ==, CMARK_NODE_EMPH);
  g_assert_null (cmark_node_next (emph));
  assert_text (emph, text, markdown);

  block = next_block (cmark_node_next (block), CMARK_NODE_PARAGRAPH, markdown);
  assert_text (block, byline, markdown);
  block = next_block (cmark_node_next (block), CMARK_NODE_PARAGRAPH, markdown);
  assert_text (block, text, markdown);
  block = next_block (cmark_node_next (block), CMARK_NODE_PARAGRAPH, markdown);
  assert_photo (block, text, markdown);
  block = next_block (cmark_node_next (block), CMARK_NODE_PARAGRAPH, markdown);
  assert_body (block);
  g_assert_null (cmark_node_next (block));
  cmark_node_free (document);
}

static void
test_markdown_plain_fields_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (nasty); i++)
    check_round_trip (nasty[i]);
}

/* A heading holds one line: a line break in a plain field becomes a
 * space, and the ends are trimmed. */
static void
test_markdown_line_breaks (void)
{
  g_autoptr(CdArticle) article = nasty_article ("ignored");
  g_autofree char *markdown = NULL;
  cmark_node *document;
  cmark_node *heading;

  cd_article_set_headline (article, "  First line\n# second line\r\n- third  ");
  markdown = export_markdown (article);
  document = cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
  heading = cmark_node_first_child (document);
  g_assert_cmpint (cmark_node_get_type (heading), ==, CMARK_NODE_HEADING);
  assert_text (heading, "First line # second line - third", markdown);
  cmark_node_free (document);
}

/* Only what could be syntax gets a backslash. */
static void
test_markdown_escape_inline (void)
{
  const struct {
    const char *text;
    const char *escaped;
  } cases[] = {
    { "Plain words, “quotes” and 100%", "Plain words, “quotes” and 100%" },
    { "*Breaking* 5 # of [3]", "\\*Breaking\\* 5 \\# of \\[3\\]" },
    { "1. Round one", "1. Round one" },
    { "snake_case _x_", "snake_case \\_x\\_" },
    { "AT&T &amp;", "AT&T \\&amp;" },
    { "عاجل #1", "عاجل \\#1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = cd_markdown_escape_inline (cases[i].text);
      g_assert_cmpstr (escaped, ==, cases[i].escaped);
    }
}

/* A pulled post's table, strikethrough and underline, and raw HTML that
 * is not allowed. */
#define TABLE \
  "<table>\n<thead>\n<tr><th>Party</th><th>Seats</th></tr>\n</thead>\n<tbody>\n" \
  "<tr><td><strong>Blue</strong></td><td><del>12</del> 14</td></tr>\n</tbody>\n</table>"
#define RAW_HTML_BODY \
  "Struck <del>out</del> and <u>under</u>.\n\n" TABLE "\n\n<script>alert(1)</script>\n"

static char *
export_body (CdExportFormat  format,
             const char     *body)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(GPtrArray) articles = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *exported;

  cd_article_set_headline (article, "Results");
  cd_article_set_body (article, body);
  g_ptr_array_add (articles, article);
  exported = cd_exporter_export_to_string (format, "photos/", articles, &error);
  g_assert_no_error (error);
  return exported;
}

/* The HTML export lets the table and the tags through, and no script. */
static void
test_html_raw_html_body (void)
{
  g_autofree char *html = export_body (CD_EXPORT_FORMAT_HTML, RAW_HTML_BODY);

  g_assert_nonnull (strstr (html, "<p>Struck <del>out</del> and <u>under</u>.</p>\n" TABLE "\n"));
  g_assert_nonnull (strstr (html, "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"));
  g_assert_null (strstr (html, "<script"));
}

/* The Markdown export carries the body as it is: cmark reads the table
 * as one HTML block, which a reader that allows raw HTML shows as a
 * table. */
static void
test_markdown_raw_html_body (void)
{
  g_autofree char *markdown = export_body (CD_EXPORT_FORMAT_MARKDOWN, RAW_HTML_BODY);
  cmark_node *document = cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
  cmark_node *block = cmark_node_first_child (document);

  g_assert_true (g_str_has_suffix (markdown, "\n\n" RAW_HTML_BODY));
  /* Headline, the paragraph, then the table. */
  block = cmark_node_next (cmark_node_next (block));
  g_assert_cmpint (cmark_node_get_type (block), ==, CMARK_NODE_HTML_BLOCK);
  g_assert_cmpstr (cmark_node_get_literal (block), ==, TABLE "\n");
  cmark_node_free (document);
}

/* The text export has the table's rows as lines of tab-separated cells,
 * and no tags but the refused ones, as typed. */
static void
test_text_raw_html_body (void)
{
  g_autofree char *text = export_body (CD_EXPORT_FORMAT_TEXT, RAW_HTML_BODY);

  g_assert_cmpstr (text, ==, "Results\n\nStruck out and under.\n\nParty\tSeats\nBlue\t12 14\n\n"
                             "<script>alert(1)</script>\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/exporter/markdown-plain-fields-round-trip",
                   test_markdown_plain_fields_round_trip);
  g_test_add_func ("/exporter/markdown-line-breaks", test_markdown_line_breaks);
  g_test_add_func ("/exporter/markdown-escape-inline", test_markdown_escape_inline);
  g_test_add_func ("/exporter/html-raw-html-body", test_html_raw_html_body);
  g_test_add_func ("/exporter/markdown-raw-html-body", test_markdown_raw_html_body);
  g_test_add_func ("/exporter/text-raw-html-body", test_text_raw_html_body);

  return g_test_run ();
}

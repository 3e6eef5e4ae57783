/* test-markdown.c: a body rendered for a page and as plain text, with the
 * raw HTML it may and may not carry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-markdown.h"

#define TABLE \
  "<table>\n<caption>Votes</caption>\n<thead>\n<tr><th>Party</th><th>Seats</th></tr>\n" \
  "</thead>\n<tbody>\n<tr><td><strong>Blue</strong></td><td><del>12</del> 14</td></tr>\n" \
  "<tr><td colspan=\"2\">Count &amp; recount</td></tr>\n</tbody>\n</table>"

/* No element or attribute that can run code, load anything or leave the
 * page: html holds only tags cmark writes and those Copydesk lets through,
 * without attributes other than href, src, alt, title, colspan and
 * rowspan, and no link to a script. */
static void
assert_harmless (const char *html)
{
  static const char * const tags[] = {
    "p", "em", "strong", "a", "code", "pre", "ul", "ol", "li", "blockquote", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "br", "img", "table", "caption", "thead", "tbody",
    "tfoot", "tr", "th", "td", "b", "i", "del", "s", "u", "ins", "sub", "sup", NULL,
  };
  g_autoptr(GRegex) tag = g_regex_new ("<(/?)([a-zA-Z0-9]+)([^>]*)>", 0, 0, NULL);
  g_autoptr(GRegex) attribute = g_regex_new ("^(\\s+(href|src|alt|title|colspan|rowspan|start)"
                                             "=\"[^\"]*\")*\\s*/?$", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint n_open = 0;

  for (const char *p = strchr (html, '<'); p; p = strchr (p + 1, '<'))
    n_open++;
  g_regex_match (tag, html, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL), n_open--)
    {
      g_autofree char *fetched = g_match_info_fetch (match, 2);
      g_autofree char *name = g_ascii_strdown (fetched, -1);
      g_autofree char *attributes = g_match_info_fetch (match, 3);

      if (!g_strv_contains (tags, name) || !g_regex_match (attribute, attributes, 0, NULL))
        g_error ("Not harmless: <%s%s> in:\n%s", name, attributes, html);
    }
  /* Every "<" opened one of those tags: the rest came out as "&lt;". */
  g_assert_cmpuint (n_open, ==, 0);
  g_assert_null (strstr (html, "=\"javascript:"));
}

static void
test_table_passes (void)
{
  g_autofree char *html = cd_markdown_to_html ("Before *it*.\n\n" TABLE "\n\nAfter.");

  g_assert_cmpstr (html, ==, "<p>Before <em>it</em>.</p>\n" TABLE "\n<p>After.</p>\n");
  assert_harmless (html);
}

static void
test_strike_and_underline_pass (void)
{
  g_autofree char *html = cd_markdown_to_html ("# Old <DEL>news</DEL>\n\n"
                                               "A <del>gone</del>, <s>stale</s>, <u>under</u> "
                                               "and <ins>*new* [link](https://x.test)</ins> "
                                               "<u><del>both</del></u>.\n\n- <s>item</s>");

  g_assert_cmpstr (html, ==,
                   "<h1>Old <del>news</del></h1>\n"
                   "<p>A <del>gone</del>, <s>stale</s>, <u>under</u> and <ins><em>new</em> "
                   "<a href=\"https://x.test\">link</a></ins> <u><del>both</del></u>.</p>\n"
                   "<ul>\n<li><s>item</s></li>\n</ul>\n");
  assert_harmless (html);
}

/* Tags that open without closing, close what they did not open, cross
 * each other or carry attributes stay visible text. */
static void
test_unmatched_tags_stay_text (void)
{
  static const struct { const char *markdown; const char *html; } cases[] = {
    { "<u>runs on", "<p>&lt;u&gt;runs on</p>\n" },
    { "ends</del> here", "<p>ends&lt;/del&gt; here</p>\n" },
    { "<u>a<del>b</u>c</del>", "<p>&lt;u&gt;a<del>b&lt;/u&gt;c</del></p>\n" },
    { "<u>*a</u>*", "<p>&lt;u&gt;<em>a&lt;/u&gt;</em></p>\n" },
    { "<del onclick=\"x()\">y</del>", "<p>&lt;del onclick=&quot;x()&quot;&gt;y&lt;/del&gt;</p>\n" },
    { "<del>a\n\nb</del>", "<p>&lt;del&gt;a</p>\n<p>b&lt;/del&gt;</p>\n" },
    { "`<del>code</del>`", "<p><code>&lt;del&gt;code&lt;/del&gt;</code></p>\n" },
    { "<b>bold</b>", "<p>&lt;b&gt;bold&lt;/b&gt;</p>\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = cd_markdown_to_html (cases[i].markdown);

      g_assert_cmpstr (html, ==, cases[i].html);
      assert_harmless (html);
    }
}

/* Hostile bodies: nothing raw but the allowed forms reaches the page,
 * and what is refused is shown, not dropped. */
static void
test_hostile_input (void)
{
  static const struct { const char *markdown; const char *shown; } cases[] = {
    { "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;" },
    { "<iframe src=\"https://evil.test\"></iframe>", "&lt;iframe src=" },
    { "Inline <img src=x onerror=alert(2)> tag", "&lt;img src=x onerror=alert(2)&gt;" },
    { "<table onmouseover=\"alert(1)\"><tr><td>x</td></tr></table>", "&lt;table onmouseover" },
    { "<table><tr><td onclick=alert(1)>x</td></tr></table>", "&lt;td onclick=alert(1)&gt;" },
    { "<table><tr><td><script>alert(1)</script></td></tr></table>", "&lt;script&gt;" },
    { "<table><tr><td><a href=\"javascript:alert(1)\">x</a></td></tr></table>", "&lt;a href" },
    { "<table><tr><td><img src=x onerror=alert(1)></td></tr></table>", "&lt;img" },
    { "<table><tr><td style=\"x\">x</td></tr></table>", "style=" },
    { "<table><tr><td>x</td></tr></table>\n<script>alert(1)</script>", "&lt;script&gt;" },
    { "<table>\n<tr><td>x</td></tr>\n\n</table>", "&lt;/table&gt;" },
    { "<table><tr><td>x<!-- --><svg onload=alert(1)></td></tr></table>", "&lt;svg" },
    { "<del>[x](javascript:alert(1))</del>", "<del><a href=\"\">x</a></del>" },
    { "<u><a href=\"javascript:alert(1)\">x</a></u>", "<u>&lt;a href=" },
    { "<del style=\"x\">a</del>", "&lt;del style" },
    { "<ins>\n<style>*{}</style>\n</ins>", "&lt;style&gt;" },
    /* An image's alternative text is an attribute: no tag goes in. */
    { "![a <del>b</del>\" onerror=\"x](i.png)", "alt=\"a b&quot; onerror=&quot;x\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *html = cd_markdown_to_html (cases[i].markdown);

      g_test_message ("%s\ngives: %s", cases[i].markdown, html);
      assert_harmless (html);
      g_assert_nonnull (strstr (html, cases[i].shown));
    }
}

static void
test_plain_text (void)
{
  g_autofree char *plain = cd_markdown_to_plain ("Before <del>this</del> <u>that</u>.\n\n" TABLE
                                                 "\n\n<u>open and <b>raw</b>");

  g_assert_cmpstr (plain, ==, "Before this that.\n\nVotes\nParty\tSeats\nBlue\t12 14\n"
                              "Count & recount\n\n<u>open and <b>raw</b>");
  /* "Before this that.", then "Votes Party Seats Blue 12 14 Count & recount":
   * the tags are no words. */
  g_assert_cmpuint (cd_markdown_count_words ("Before <del>this</del> <u>that</u>.\n\n" TABLE),
                    ==, 3 + 9);
}

/* A table refused as raw HTML keeps its characters in plain text. */
static void
test_plain_text_refused_table (void)
{
  g_autofree char *plain = cd_markdown_to_plain ("<table><tr><td onclick=x>a</td></tr></table>");

  g_assert_cmpstr (plain, ==, "<table><tr><td onclick=x>a</td></tr></table>");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown/html/table-passes", test_table_passes);
  g_test_add_func ("/markdown/html/strike-and-underline-pass", test_strike_and_underline_pass);
  g_test_add_func ("/markdown/html/unmatched-tags-stay-text", test_unmatched_tags_stay_text);
  g_test_add_func ("/markdown/html/hostile-input", test_hostile_input);
  g_test_add_func ("/markdown/plain/kept-html", test_plain_text);
  g_test_add_func ("/markdown/plain/refused-table", test_plain_text_refused_table);

  return g_test_run ();
}

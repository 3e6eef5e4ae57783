/* test-html-markdown.c: a WordPress post's HTML back into a CommonMark body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-html-markdown.h"
#include "cd-markdown.h"
#include "cd-wp-client.h"

typedef struct
{
  const char *name;
  const char *html;
  const char *markdown;
} Fixture;

static const Fixture fixtures[] = {
  { "paragraphs",
    "<p>First paragraph.</p>\n<p>Second\n   paragraph,\tfolded.</p>",
    "First paragraph.\n\nSecond\nparagraph,\tfolded." },
  { "block-editor-comments",
    "<!-- wp:paragraph -->\n<p>Council votes today.</p>\n<!-- /wp:paragraph -->\n\n"
    "<!-- wp:more --><!--more--><!-- /wp:more -->\n"
    "<!-- wp:paragraph {\"align\":\"right\"} -->\n<p class=\"has-text-align-right\">Late "
    "session.</p>\n<!-- /wp:paragraph -->",
    "Council votes today.\n\nLate session." },
  { "headings",
    "<h1>One</h1><h2 class=\"wp-block-heading\">Two</h2><h3>Three</h3><h4>Four</h4>"
    "<h5>Five</h5><h6>Six</h6>",
    "# One\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six" },
  { "heading-with-break-and-hash",
    "<h2>Ranked<br>number #</h2><h3>C#</h3>",
    "## Ranked number \\#\n\n### C#" },
  { "emphasis",
    "<p><em>Italic</em>, <i>also</i>, <strong>bold</strong>, <b>also</b> and "
    "<strong><em>both</em></strong>.</p>",
    "*Italic*, *also*, **bold**, **also** and ***both***." },
  { "emphasis-spaces-move-outside",
    "<p>a<em> spaced </em>b<strong> </strong>c</p>",
    "a *spaced* b c" },
  { "links",
    "<p>See <a href=\"https://example.com/a?b=1&amp;c=2\">the <em>report</em></a> and "
    "<a href=\"https://example.com/x y\" title=\"Say &quot;hi&quot;\">this</a>.</p>",
    "See [the *report*](https://example.com/a?b=1&c=2) and "
    "[this](https://example.com/x%20y \"Say \\\"hi\\\"\")." },
  { "link-parentheses-and-bang",
    "<p>Wow!<a href=\"https://en.wikipedia.org/wiki/Gaza_(city)\">Gaza</a></p>",
    "Wow\\![Gaza](https://en.wikipedia.org/wiki/Gaza_\\(city\\))" },
  { "anchor-without-href",
    "<p><a name=\"top\">Top</a> of the page</p>",
    "Top of the page" },
  { "inline-code",
    "<p>Run <code>make &amp;&amp; make install</code>, or <code>`tick`</code>, "
    "or <kbd>Ctrl</kbd>.</p>",
    "Run `make && make install`, or `` `tick` ``, or `Ctrl`." },
  { "pre-block",
    "<!-- wp:code -->\n<pre class=\"wp-block-code\"><code>if (a &lt; b)\n  return;\n"
    "```\n</code></pre>\n<!-- /wp:code -->",
    "````\nif (a < b)\n  return;\n```\n````" },
  { "pre-with-language",
    "<pre><code class=\"language-python\">print(1)\n</code></pre>",
    "```python\nprint(1)\n```" },
  { "unordered-list",
    "<!-- wp:list -->\n<ul><li>Bread</li><li>Milk</li></ul>\n<!-- /wp:list -->",
    "- Bread\n- Milk" },
  { "ordered-list-start",
    "<ol start=\"7\"><li>Seventh</li><li>Eighth</li></ol>",
    "7. Seventh\n8. Eighth" },
  { "nested-lists",
    "<ul><li>Fruit<ul><li>Apples</li><li>Pears<ol><li>Green</li><li>Red</li></ol></li>"
    "</ul></li><li>Bread</li></ul>",
    "- Fruit\n  - Apples\n  - Pears\n    1. Green\n    2. Red\n- Bread" },
  { "list-nested-without-li",
    "<ul><li>Outer</li><ul><li>Inner</li></ul><li>Next</li></ul>",
    "- Outer\n  - Inner\n- Next" },
  { "loose-list",
    "<ul><li><p>One.</p><p>More of one.</p></li><li><p>Two.</p></li></ul>",
    "- One.\n\n  More of one.\n\n- Two." },
  { "two-lists-in-a-row",
    "<ul><li>a</li></ul><ul><li>b</li></ul><ol><li>c</li></ol><ol><li>d</li></ol>",
    "- a\n\n* b\n\n1. c\n\n1) d" },
  { "blockquote",
    "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><p>Words.</p><p>More "
    "words.</p><cite>A Minister</cite></blockquote>\n<!-- /wp:quote -->",
    "> Words.\n>\n> More words.\n>\n> *A Minister*" },
  { "nested-blockquote-with-list",
    "<blockquote><p>Out</p><blockquote><ul><li>in</li></ul></blockquote></blockquote>",
    "> Out\n>\n> > - in" },
  { "line-breaks",
    "<p>Line one<br>line two<br />\n# not a heading<br><br>- not a list<br></p>",
    "Line one\\\nline two\\\n\\# not a heading\\\n\\\n\\- not a list" },
  { "image",
    "<p><img src=\"https://example.com/a.jpg\" alt=\"A [cat]\" title=\"Cat\"></p>",
    "![A \\[cat\\]](https://example.com/a.jpg \"Cat\")" },
  { "figure-with-caption",
    "<!-- wp:image {\"id\":12} -->\n<figure class=\"wp-block-image size-large\">"
    "<img src=\"https://example.com/p.jpg\" alt=\"\" class=\"wp-image-12\"/>"
    "<figcaption class=\"wp-element-caption\">The port at dawn</figcaption></figure>\n"
    "<!-- /wp:image -->",
    "![](https://example.com/p.jpg)\n\nThe port at dawn" },
  { "linked-image",
    "<figure><a href=\"https://example.com/big.jpg\"><img src=\"https://example.com/s.jpg\" "
    "alt=\"Small\"></a></figure>",
    "[![Small](https://example.com/s.jpg)](https://example.com/big.jpg)" },
  { "horizontal-rule",
    "<p>Above</p><hr class=\"wp-block-separator\"/><p>Below</p>",
    "Above\n\n___\n\nBelow" },
  { "entities",
    "<p>Caf&eacute; &amp; bar &ndash; &#8220;quoted&#8221; &#x41;&copy; &lt;b&gt; "
    "&amp;amp; 5&nbsp;km</p>",
    "Café & bar – “quoted” A© \\<b> \\&amp; 5\xc2\xa0km" },
  { "markdown-syntax-in-text",
    "<p>1. Not a list *stars* _under_ [brackets] `ticks` \\ back</p>"
    "<p># not heading</p><p>&gt; not quote</p><p>+ plus</p><p>2) two</p>"
    "<p>=== under</p><p>~~~ tilde</p>",
    "1\\. Not a list \\*stars\\* \\_under\\_ \\[brackets\\] \\`ticks\\` \\\\ back\n\n"
    "\\# not heading\n\n\\> not quote\n\n\\+ plus\n\n2\\) two\n\n\\=== under\n\n"
    "\\~~~ tilde" },
  { "snake-case-stays",
    "<p>the file_name and __init__</p>",
    "the file_name and \\_\\_init\\_\\_" },
  { "arabic",
    "<!-- wp:paragraph -->\n<p dir=\"rtl\">افتتح <strong>جسر الميناء</strong> صباح "
    "اليوم بعد <a href=\"https://example.com/ar\">أعمال صيانة</a> استمرت ٣ أشهر.</p>\n"
    "<!-- /wp:paragraph -->\n<!-- wp:heading -->\n<h2>ردود الفعل</h2>\n<!-- /wp:heading -->"
    "\n<ul><li>السكان</li><li>التجار<ul><li>الصيادون</li></ul></li></ul>",
    "افتتح **جسر الميناء** صباح اليوم بعد [أعمال صيانة](https://example.com/ar) "
    "استمرت ٣ أشهر.\n\n## ردود الفعل\n\n- السكان\n- التجار\n  - الصيادون" },
  { "unknown-elements-keep-text",
    "<p>A <span class=\"x\">span</span>, <mark>mark</mark>, "
    "<custom-tag>custom</custom-tag> and H<sub>2</sub>O.</p>"
    "<div class=\"wp-block-group\"><section>Grouped text</section></div>",
    "A span, mark, custom and H2O.\n\nGrouped text" },
  /* No CommonMark form: the bare tags cd-raw-html.c lets through. */
  { "strikethrough-and-underline",
    "<p>A <del>b</del> <s>c</s> <strike>d</strike> <u>e</u> <ins>f</ins><del> spaced </del>x "
    "<u><em>both</em></u> <del></del>end <del class=\"x\">*not* &lt;u&gt;<br>1. two</del></p>"
    "<h2>Old <s>news</s></h2>",
    "A <del>b</del> <s>c</s> <s>d</s> <u>e</u> <ins>f</ins> <del>spaced</del> x <u>*both*</u> "
    "end <del>\\*not\\* \\<u>\\\n1\\. two</del>\n\n## Old <s>news</s>" },
  { "table-block-editor",
    "<!-- wp:table -->\n<figure class=\"wp-block-table\"><table class=\"has-fixed-layout\">"
    "<thead><tr><th>Team</th><th>Points</th></tr></thead><tbody><tr><td><strong>North</strong> "
    "&amp; co</td><td><s>3</s> <a href=\"https://example.com/n\">4</a></td></tr><tr>"
    "<td colspan=\"2\"><p>one</p><p>two</p></td></tr></tbody></table><figcaption "
    "class=\"wp-element-caption\">Standings</figcaption></figure>\n<!-- /wp:table -->",
    "<table>\n<thead>\n<tr><th>Team</th><th>Points</th></tr>\n</thead>\n<tbody>\n"
    "<tr><td><strong>North</strong> &amp; co</td><td><s>3</s> 4</td></tr>\n"
    "<tr><td colspan=\"2\">one<br>two</td></tr>\n</tbody>\n</table>\n\nStandings" },
  /* Attributes, scripts, frames and images go; the text stays, stray
   * text after the table. */
  { "table-hand-written",
    "<table class=\"x\" onclick=\"alert(1)\" style=\"a\"><caption> The <b>cap</b> </caption>"
    "<colgroup><col span=2></colgroup>stray<tr onmouseover=\"x\"><th colspan=\"3\" "
    "rowspan=\"abc\" onclick=\"x\">H</th><td colspan=\"1\">one &amp; &lt;two&gt;</td></tr>"
    "<tr></tr><tr><td><script>alert(1)</script><iframe src=\"https://evil.test\"></iframe>"
    "<img src=\"x\" onerror=\"alert(1)\" alt=\"Flag\"> <a href=\"javascript:alert(1)\">"
    "click</a></td><td><table><tr><td>in</td><td>ner</td></tr></table></td><td>a<br>b "
    "<span style=\"x\">c</span> H<sub>2</sub>O</td></tr></table>"
    "<table><caption>Only a caption</caption></table>",
    "<table>\n<caption>The <strong>cap</strong></caption>\n"
    "<tr><th colspan=\"3\">H</th><td>one &amp; &lt;two&gt;</td></tr>\n"
    "<tr><td>Flag click</td><td>in<br>ner</td><td>a<br>b c H<sub>2</sub>O</td></tr>\n"
    "</table>\n\nstray\n\nOnly a caption" },
  /* Nothing may follow a table in its block: a blank line ends it. */
  { "table-in-list-and-quote",
    "<ul><li>x<table><tr><td>1</td></tr></table>after</li><li>y</li></ul>"
    "<blockquote><table><tr><td>q</td></tr></table><p>said</p></blockquote>",
    "- x\n\n  <table>\n  <tr><td>1</td></tr>\n  </table>\n\n  after\n\n- y\n\n"
    "> <table>\n> <tr><td>q</td></tr>\n> </table>\n>\n> said" },
  { "scripts-and-styles-dropped",
    "<style>p { color: red }</style><p>Kept</p><script>alert(1)</script>",
    "Kept" },
  { "stray-text-and-unclosed-tags",
    "Loose text <b>bold<p>Unclosed paragraph<li>stray item",
    "Loose text **bold**\n\nUnclosed paragraph\n\nstray item" },
  { "inline-around-blocks",
    "<strong><p>One</p><p>Two</p></strong>",
    "One\n\nTwo" },
  { "spacer-paragraphs-dropped",
    "<p>Before</p><p>&nbsp;</p><p>   </p><p>After</p>",
    "Before\n\nAfter" },
  { "empty", "", "" },
  { "only-comments", "<!-- wp:paragraph -->\n<!-- /wp:paragraph -->", "" },
};

static void
test_fixture (gconstpointer data)
{
  const Fixture *fixture = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = cd_html_to_markdown (fixture->html, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (markdown, ==, fixture->markdown);
}

/* ------------------------------------------------------------------------
 * Round trip: what cmark makes of a body comes back as the same body
 * ------------------------------------------------------------------------ */

static void
assert_round_trip (const char *markdown)
{
  g_autofree char *html = cd_markdown_to_html (markdown);
  g_autoptr(GError) error = NULL;
  g_autofree char *back = cd_html_to_markdown (html, &error);
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  again = cd_markdown_to_html (back);
  if (g_strcmp0 (html, again) != 0)
    g_test_message ("Markdown:\n%s\nconverted back:\n%s", markdown, back);
  g_assert_cmpstr (again, ==, html);
}

/* Bodies as Copydesk writes them: typed in the editor, or made by the
 * importers through cd_markdown_escape_paragraph(). */
static const char * const bodies[] = {
  "Plain paragraph.\n\nAnother one.",
  "# Title\n\n## Sub *title*\n\n###### Deep",
  "Some *emphasis*, **strong**, ***both*** and `code`.",
  "A [link](https://example.com/?a=1&b=2 \"Title\") and <https://example.com/auto>.",
  "Line one  \nline two\\\nline three",
  "- one\n- two\n  - two a\n  - two b\n    1. deep\n- three",
  "1. first\n2. second\n\n   para in second\n3. third",
  "5. five\n6. six",
  "- a\n\n\n- b",
  "> Quote\n> continues\n>\n> - list in quote\n>\n> > nested",
  "```\ncode\n\n  indented\n```\n\n    indented code\n\n~~~ruby\nputs 1\n~~~",
  "Text\n\n***\n\nMore\n\n---\n\nEnd",
  "![Alt *text*](https://example.com/a.png \"T\")\n\n[![img](i.png)](https://x.test)",
  "Escapes: \\*not\\* \\_not\\_ \\[not\\] \\`not\\` \\\\ \\# 1\\. \\<b> &amp;amp; &copy;",
  "Entities &copy; &#169; &eacute; &nbsp;x",
  "snake_case and file_name_here and _real emphasis_ and __strong__",
  "Raw <b>html</b> stays text\n\n<div>block html</div>",
  "- item with `code` and [link](u)\n- item with *em*\n\n* other list",
  "1. a\n1. b\n\n1) c",
  "Setext heading\n==============\n\nSecond\n------",
  "Text ending with a bang! [link](x) and an image ![i](y)",
  "افتتح **جسر الميناء** صباح اليوم بعد [أعمال صيانة](https://example.com/ar).\n\n"
  "## ردود الفعل\n\n- السكان\n- التجار\n  - الصيادون\n\n> قال المسؤول: «سنكمل العمل»",
  "A paragraph with a hard break at the end\\",
  "Tabs\tand   spaces   inside\ta paragraph",
  "- [ ] not a task list in CommonMark\n- *",
  "Code with backticks: ``a ` b`` and ` `` `",
  "Heading with trailing hashes ##\n\n# Closed heading #",
  "`<script>alert(1)</script>` and [x](javascript:alert(1))",
  "Quoted \"text\" with 'apostrophes' and (parentheses) and {braces}",
  "10. ten\n11. eleven\n    - nested under eleven",
  "Text <del>gone</del>, <s>old</s>, <u>under</u> and <ins>*new*</ins>.\n\n# Head <u>line</u>",
  "<table>\n<caption>Votes</caption>\n<thead>\n<tr><th>Party</th><th>Seats</th></tr>\n"
  "</thead>\n<tbody>\n<tr><td><strong>Blue</strong> &amp; co</td><td><del>12</del> 14<br>"
  "final</td></tr>\n<tr><td colspan=\"2\" rowspan=\"3\">Count</td></tr>\n</tbody>\n</table>"
  "\n\nAfter the table",
  "- item\n\n  <table>\n  <tr><td>in a list</td></tr>\n  </table>\n\n- next",
  "> <table>\n> <tr><td>quoted</td></tr>\n> </table>",
  "<table><tr><td onclick=x>refused, shown as text</td></tr></table>\n\n<u>unclosed",
};

static void
test_round_trip_bodies (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    assert_round_trip (bodies[i]);
}

/* Paragraphs of text from a page, escaped as the importers escape them. */
static void
test_round_trip_escaped_paragraphs (void)
{
  static const char * const lines[] = {
    "1. Round one", "# 5", "- yes", "+ plus", "> quoted", "=== rule", "*stars*",
    "_under_", "[link](x)", "<b>tag</b>", "a & b &amp; c", "`tick`", "back\\slash",
    "| pipe", "~~~ fence", "2) two", "![img](x)", "«اقتباس» *نجمة*", "3.14 is pi",
  };
  g_autoptr(GString) body = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *paragraph = cd_markdown_escape_paragraph (lines[i]);
      g_autofree char *html = cd_markdown_to_html (paragraph);
      g_autofree char *back = cd_html_to_markdown (html, NULL);

      assert_round_trip (paragraph);
      /* The text comes back as text, not as syntax. */
      g_assert_cmpstr (back, ==, paragraph);
      g_string_append_printf (body, "%s%s", i ? "\n\n" : "", paragraph);
    }
  assert_round_trip (body->str);
}

/* The form with each "@" replaced by the next piece. */
static char *
fill_form (const char *form,
           char       *pieces[3])
{
  GString *out = g_string_new (NULL);
  guint next = 0;

  for (const char *p = form; *p; p++)
    {
      if (*p == '@')
        g_string_append (out, pieces[next++]);
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Bodies put together at random from the pieces editors type; the seed is
 * in the log (--seed to repeat one). */
static void
test_round_trip_random_bodies (void)
{
  static const char * const words[] = {
    "news", "council", "*em*", "**strong**", "`code`", "[link](https://x.test/p)",
    "snake_case", "1.", "#", "-", "+", ">", "&amp;", "AT&T", "\\*", "!", "«رأي»",
    "مدينة", "غزة", "2024.", "a\\_b", "![img](https://x.test/i.png)", "<b>", "(x)",
  };
  static const char * const block_forms[] = {
    "@", "# @", "### @", "- @\n- @", "1. @\n2. @\n   - @", "> @", "@  \n@",
    "```\n@\n```", "***", "- @\n\n  @",
  };

  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      guint n_blocks = g_test_rand_int_range (1, 6);

      for (guint b = 0; b < n_blocks; b++)
        {
          const char *form = block_forms[g_test_rand_int_range (0, G_N_ELEMENTS (block_forms))];
          char *pieces[3] = { NULL, NULL, NULL };
          g_autofree char *block = NULL;

          for (guint p = 0; p < 3; p++)
            {
              g_autoptr(GString) piece = g_string_new (NULL);
              guint n_words = g_test_rand_int_range (1, 6);

              for (guint w = 0; w < n_words; w++)
                g_string_append_printf (piece, "%s%s", w ? " " : "",
                                        words[g_test_rand_int_range (0, G_N_ELEMENTS (words))]);
              /* A piece of text never starts a block of its own. */
              pieces[p] = cd_markdown_escape_paragraph (piece->str);
            }
          block = fill_form (form, pieces);
          g_string_append_printf (body, "%s%s", b ? "\n\n" : "", block);
          for (guint p = 0; p < 3; p++)
            g_clear_pointer (&pieces[p], g_free);
        }
      assert_round_trip (body->str);
    }
}

/* A pulled post's tables and struck or underlined text: published and
 * pulled again, the body comes back the same, and the page gets nothing
 * that runs. */
static void
test_round_trip_pulled_formatting (void)
{
  static const struct { const char *html; CdHtmlMarkdownFlags flags; } posts[] = {
    { "<!-- wp:table -->\n<figure class=\"wp-block-table\"><table><thead><tr><th>Team</th>"
      "<th>Pts</th></tr></thead><tbody><tr><td><b>North</b> &amp; <i>co</i></td><td><strike>3"
      "</strike> <ins>4</ins><br>final</td></tr><tr><td rowspan=\"2\">&lt;b&gt; *x*</td>"
      "<td>#1</td></tr></tbody></table><figcaption>Standings</figcaption></figure>\n"
      "<!-- /wp:table -->\n<!-- wp:paragraph -->\n<p>The <s>old</s> <u>new</u> result.</p>\n"
      "<!-- /wp:paragraph -->", CD_HTML_MARKDOWN_NONE },
    { "Classic <u>post</u>\n<table>\n<tr>\n<td onclick=\"alert(1)\">a\nb</td>\n"
      "<td><script>alert(1)</script><iframe src=\"https://evil.test\"></iframe>"
      "<a href=\"javascript:alert(1)\">c</a></td>\n</tr>\n</table>\n\n<del>gone</del>",
      CD_HTML_MARKDOWN_AUTOP },
  };

  for (guint i = 0; i < G_N_ELEMENTS (posts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *markdown = cd_html_to_markdown_full (posts[i].html, posts[i].flags, 0,
                                                            &error);
      g_autofree char *published = cd_markdown_to_html (markdown);
      g_autofree char *again = NULL;

      g_assert_no_error (error);
      /* In classic content a newline in a cell is a line break. */
      if (posts[i].flags & CD_HTML_MARKDOWN_AUTOP)
        g_assert_nonnull (strstr (markdown, "<tr><td>a<br>b</td><td>c</td></tr>"));
      /* Copydesk's own HTML has no block comments: it is read as classic. */
      again = cd_wp_content_to_markdown (published, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (again, ==, markdown);
      g_assert_nonnull (strstr (published, "<table>\n"));
      g_assert_nonnull (strstr (published, "</table>\n"));
      g_assert_nonnull (strstr (published, "<u>"));
      g_assert_null (strstr (published, "onclick"));
      g_assert_null (strstr (published, "<script"));
      g_assert_null (strstr (published, "<iframe"));
      g_assert_null (strstr (published, "javascript:"));
    }
}

/* ------------------------------------------------------------------------
 * Figures Copydesk appended, errors
 * ------------------------------------------------------------------------ */

static void
test_trailing_figures_dropped (void)
{
  const char *content =
    "<p>Edited on the site.</p>\n"
    "<figure class=\"wp-block-image\"><img src=\"https://x.test/in-body.jpg\" alt=\"\"/>"
    "</figure>\n<p>Closing line.</p>\n"
    "<figure class=\"wp-block-image\"><img src=\"https://x.test/2.jpg\" alt=\"Two\" "
    "class=\"wp-image-5\"/><figcaption>Second photo</figcaption></figure>\n"
    "<!-- a comment between -->\n"
    "<figure class=\"wp-block-image\"><img src=\"https://x.test/3.jpg\" alt=\"Three\" "
    "class=\"wp-image-6\"/><figcaption>Third photo</figcaption></figure>\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *none = cd_html_to_markdown_full (content, CD_HTML_MARKDOWN_NONE, 0, &error);
  g_autofree char *one = cd_html_to_markdown_full (content, CD_HTML_MARKDOWN_NONE, 1, &error);
  g_autofree char *two = cd_html_to_markdown_full (content, CD_HTML_MARKDOWN_NONE, 2, &error);
  g_autofree char *many = cd_html_to_markdown_full (content, CD_HTML_MARKDOWN_NONE, 10, &error);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (none, "Third photo"));
  g_assert_nonnull (strstr (one, "Second photo"));
  g_assert_null (strstr (one, "Third photo"));
  g_assert_cmpstr (two, ==, "Edited on the site.\n\n![](https://x.test/in-body.jpg)\n\n"
                            "Closing line.");
  /* A figure with text after it is part of the body. */
  g_assert_cmpstr (many, ==, two);
}

/* The block editor's table is a figure too, but never a photo. */
static void
test_trailing_table_figure_kept (void)
{
  const char *content =
    "<p>Edited.</p>\n<figure class=\"wp-block-table\"><table><tr><td>Kept</td></tr></table>"
    "</figure>\n<figure class=\"wp-block-image\"><img src=\"https://x.test/2.jpg\" alt=\"\"/>"
    "</figure>\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = cd_html_to_markdown_full (content, CD_HTML_MARKDOWN_NONE, 2, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (markdown, ==, "Edited.\n\n<table>\n<tr><td>Kept</td></tr>\n</table>");
}

/* Classic content, as WordPress's wpautop shows it. */
static void
test_autop (void)
{
  const char *classic = "First line\nsecond <em>line</em>\n\n\nNew paragraph\n"
                        "<ul>\n<li>item one\nstill one</li>\n</ul>\n\nAfter the list\n"
                        "<pre>keep\n\nas is</pre>\n<p>Tagged\n\nsplit</p>";
  g_autoptr(GError) error = NULL;
  g_autofree char *autop = cd_html_to_markdown_full (classic, CD_HTML_MARKDOWN_AUTOP, 0, &error);
  g_autofree char *plain = cd_html_to_markdown_full (classic, CD_HTML_MARKDOWN_NONE, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (autop, ==,
                   "First line\\\nsecond *line*\n\nNew paragraph\n\n"
                   "- item one\\\n  still one\n\nAfter the list\n\n```\nkeep\n\nas is\n```\n\n"
                   "Tagged\n\nsplit");
  /* Without it, newlines are soft breaks inside one paragraph. */
  g_assert_cmpstr (plain, ==,
                   "First line\nsecond *line*\nNew paragraph\n\n- item one\n  still one\n\n"
                   "After the list\n\n```\nkeep\n\nas is\n```\n\nTagged\nsplit");
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  char *markdown = cd_html_to_markdown ("<p>caf\xe9</p>", &error);

  g_assert_null (markdown);
  g_assert_error (error, CD_HTML_MARKDOWN_ERROR, CD_HTML_MARKDOWN_ERROR_INVALID_UTF8);
  g_assert_nonnull (strstr (error->message, "byte 6"));
}

/* A <meta> naming another charset changes nothing: the text is UTF-8. */
static void
test_meta_charset_ignored (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = cd_html_to_markdown ("<html><head><meta charset=\"iso-8859-1\">"
                                                   "<title>Not content</title></head>"
                                                   "<body><p>مرحبا café</p></body></html>",
                                                   &error);

  g_assert_no_error (error);
  g_assert_cmpstr (markdown, ==, "مرحبا café");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_strdup_printf ("/html-markdown/fixture/%s", fixtures[i].name);
      g_test_add_data_func (path, &fixtures[i], test_fixture);
    }
  g_test_add_func ("/html-markdown/round-trip/bodies", test_round_trip_bodies);
  g_test_add_func ("/html-markdown/round-trip/escaped-paragraphs",
                   test_round_trip_escaped_paragraphs);
  g_test_add_func ("/html-markdown/round-trip/random-bodies", test_round_trip_random_bodies);
  g_test_add_func ("/html-markdown/round-trip/pulled-formatting",
                   test_round_trip_pulled_formatting);
  g_test_add_func ("/html-markdown/trailing-figures-dropped", test_trailing_figures_dropped);
  g_test_add_func ("/html-markdown/trailing-table-figure-kept", test_trailing_table_figure_kept);
  g_test_add_func ("/html-markdown/autop", test_autop);
  g_test_add_func ("/html-markdown/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/html-markdown/meta-charset-ignored", test_meta_charset_ignored);

  return g_test_run ();
}

/* test-raw-html.c: which raw HTML a body may carry to a page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-raw-html.h"

static void
test_inline_tags (void)
{
  static const struct { const char *html; const char *tag; gboolean closing; } cases[] = {
    { "<del>", "del", FALSE }, { "</del>", "del", TRUE }, { "<s>", "s", FALSE },
    { "</s >", "s", TRUE }, { "<U>", "u", FALSE }, { "</INS\n>", "ins", TRUE },
  };
  static const char * const refused[] = {
    "<b>", "<strike>", "<del onclick=\"x()\">", "<u style=\"color:red\">", "<del/>",
    "<script>", "<iframe>", "<delx>", "<del>x", " <del>", "<!-- <del> -->", "</ del>",
    "<del", "<>", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean closing = !cases[i].closing;

      g_assert_cmpstr (cd_raw_html_inline_tag (cases[i].html, &closing), ==, cases[i].tag);
      g_assert_cmpint (closing, ==, cases[i].closing);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_message ("refused: %s", refused[i]);
      g_assert_null (cd_raw_html_inline_tag (refused[i], NULL));
    }
}

/* What cd-html-markdown.c writes comes through unchanged. */
#define RESULTS_TABLE \
  "<table>\n<caption>Results &amp; points</caption>\n<thead>\n" \
  "<tr><th>Team</th><th colspan=\"2\">Score</th></tr>\n</thead>\n<tbody>\n" \
  "<tr><td><strong>North</strong> &lt;A&gt;</td><td>3</td><td rowspan=\"2\">" \
  "<del>1</del> <u>2</u><br>x</td></tr>\n" \
  "<tr><td>South\xc2\xa0" "FC</td><td><em>H<sub>2</sub>O</em> &#8211; &#x41;</td></tr>\n" \
  "</tbody>\n</table>"

static void
test_table_kept (void)
{
  g_autofree char *plain = NULL;
  g_autofree char *clean = cd_raw_html_clean_table (RESULTS_TABLE "\n", &plain);

  g_assert_cmpstr (clean, ==, RESULTS_TABLE);
  g_assert_cmpstr (plain, ==,
                   "Results & points\nTeam\tScore\nNorth <A>\t3\t1 2 x\n"
                   "South\xc2\xa0" "FC\tH2O \xe2\x80\x93 A");
}

/* Written by hand: tags in upper case, unquoted numbers, <br/>, stray
 * "&" and ">" and white space; written out again in one form. */
static void
test_table_normalised (void)
{
  g_autofree char *plain = NULL;
  g_autofree char *clean = cd_raw_html_clean_table ("  <TABLE>\n<TR><TD ColSpan=3 rowspan = '02'"
                                                    ">a & b > c<BR/>d</TD></TR>\n</TABLE >\n\n",
                                                    &plain);

  g_assert_cmpstr (clean, ==, "<table>\n<tr><td colspan=\"3\" rowspan=\"2\">a &amp; b &gt; c"
                              "<br>d</td></tr>\n</table>");
  g_assert_cmpstr (plain, ==, "a & b > c d");
}

/* Hostile or just unexpected: each refuses the whole block. */
static void
test_table_refused (void)
{
  static const char * const refused[] = {
    "<table><tr><td><script>alert(1)</script></td></tr></table>",
    "<table><tr><td onclick=\"alert(1)\">x</td></tr></table>",
    "<table onmouseover=alert(1)><tr><td>x</td></tr></table>",
    "<table><tr><td colspan=\"2\" onmouseover=\"alert(1)\">x</td></tr></table>",
    "<table><tr><td style=\"background:url(javascript:alert(1))\">x</td></tr></table>",
    "<table><tr><td><iframe src=\"https://evil.test\"></iframe></td></tr></table>",
    "<table><tr><td><img src=x onerror=alert(1)></td></tr></table>",
    "<table><tr><td><a href=\"javascript:alert(1)\">x</a></td></tr></table>",
    "<table><tr><td><svg onload=alert(1)></svg></td></tr></table>",
    "<table><tr><td><br onload=alert(1)></td></tr></table>",
    "<table><tr><td><b/>x</td></tr></table>",
    "<table><tr><td>x</td></tr></table><script>alert(1)</script>",
    "<table><tr><td>x</td></tr></table>trailing text",
    "<table><tr><td>x</td></tr></table>\n<table><tr><td>y</td></tr></table>",
    "<table><!-- comment --><tr><td>x</td></tr></table>",
    "<table><tr><td><![CDATA[x]]></td></tr></table>",
    "<table><tr><td>x</td></tr>",
    "<table><tr><td>x</tr></table>",
    "<table><tr><td>x<td>y</td></tr></table>",
    "<table><tr><td><b>x</td></b></tr></table>",
    "<table>text outside cells<tr><td>x</td></tr></table>",
    "<table><td>cell without a row</td></table>",
    "<table><tr><caption>caption in a row</caption></tr></table>",
    "<table><tr><td><table><tr><td>nested</td></tr></table></td></tr></table>",
    "<table><tr><th colspan>x</th></tr></table>",
    "<table><tr><th colspan=\"0\">x</th></tr></table>",
    "<table><tr><th colspan=\"1001\">x</th></tr></table>",
    "<table><tr><th colspan=\"-1\">x</th></tr></table>",
    "<table><tr><th colspan=\"2x\">x</th></tr></table>",
    "<table><tr><th colspan=\"2\" colspan=\"3\">x</th></tr></table>",
    "<table><tr><th colspan=\"2\"rowspan=\"3\">x</th></tr></table>",
    "<table><tr><th rowspan=\"99999999999999999999\">x</th></tr></table>",
    "<tr><td>no table</td></tr>",
    "<div><table><tr><td>x</td></tr></table></div>",
    "<table><tr><td>x</td></tr></table",
    "<table><tr><td>x</td></tr></table/>",
    "<table/>",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *before = g_strdup ("set before the call");
      char *plain = before;
      g_autofree char *clean = NULL;

      g_test_message ("refused: %s", refused[i]);
      clean = cd_raw_html_clean_table (refused[i], &plain);
      g_assert_null (clean);
      g_assert_null (plain);
    }
}

/* A reference the plain text cannot decode is not one: its "&" is
 * escaped and the page shows it as typed. */
static void
test_table_references (void)
{
  g_autofree char *plain = NULL;
  g_autofree char *clean = cd_raw_html_clean_table ("<table><tr><td>&eacute; &#0; &#xD800; "
                                                    "&#1; &#x110000; &#12345678; &amp &lt;"
                                                    "</td></tr></table>", &plain);

  g_assert_cmpstr (clean, ==, "<table><tr><td>&amp;eacute; &amp;#0; &amp;#xD800; &amp;#1; "
                              "&amp;#x110000; &amp;#12345678; &amp;amp &lt;</td></tr></table>");
  g_assert_cmpstr (plain, ==, "&eacute; &#0; &#xD800; &#1; &#x110000; &#12345678; &amp <");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/raw-html/inline-tags", test_inline_tags);
  g_test_add_func ("/raw-html/table/kept", test_table_kept);
  g_test_add_func ("/raw-html/table/normalised", test_table_normalised);
  g_test_add_func ("/raw-html/table/refused", test_table_refused);
  g_test_add_func ("/raw-html/table/references", test_table_references);

  return g_test_run ();
}

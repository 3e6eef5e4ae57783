/* cd-markdown.c: CommonMark rendering through cmark
 *
 * Raw HTML in a body passes to a page only as a table, strikethrough or
 * underline of the form cd-raw-html.c allows, which is how pulled posts
 * keep what CommonMark cannot say.  Anything else raw is turned into
 * literal text before rendering, so "<script>" reaches a page escaped and
 * visible instead of running or silently vanishing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cmark.h>
#include <string.h>

#include "cd-markdown.h"
#include "cd-raw-html.h"

static cmark_node *
parse (const char *markdown)
{
  if (markdown == NULL)
    markdown = "";
  return cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
}

static cmark_node *
text_node (const char *literal)
{
  cmark_node *text = cmark_node_new (CMARK_NODE_TEXT);

  cmark_node_set_literal (text, literal ? literal : "");
  return text;
}

typedef enum
{
  RAW_FOR_HTML,   /* kept raw HTML becomes custom nodes, the rest text */
  RAW_FOR_PLAIN,  /* kept raw HTML gives its text, the rest stays as typed */
} RawUse;

/* Every raw HTML node under root, blocks and inlines apart, in document
 * order. */
static void
collect_raw_html (cmark_node *root,
                  GPtrArray  *blocks,
                  GPtrArray  *inlines)
{
  cmark_iter *iter = cmark_iter_new (root);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (event != CMARK_EVENT_ENTER)
        continue;
      if (cmark_node_get_type (node) == CMARK_NODE_HTML_BLOCK)
        g_ptr_array_add (blocks, node);
      else if (cmark_node_get_type (node) == CMARK_NODE_HTML_INLINE)
        g_ptr_array_add (inlines, node);
    }
  cmark_iter_free (iter);
}

static void
replace_node (cmark_node *node,
              cmark_node *replacement)
{
  cmark_node_replace (node, replacement);
  cmark_node_free (node);
}

/* Raw HTML that is not let through: the same characters as text, so that
 * "<script>" reaches a page escaped and visible.  An HTML block becomes
 * a paragraph holding that text. */
static void
neutralise (cmark_node *node)
{
  g_autofree char *literal = g_strdup (cmark_node_get_literal (node));
  cmark_node *replacement;

  if (cmark_node_get_type (node) == CMARK_NODE_HTML_BLOCK)
    {
      g_strchomp (literal);
      replacement = cmark_node_new (CMARK_NODE_PARAGRAPH);
      cmark_node_append_child (replacement, text_node (literal));
    }
  else
    replacement = text_node (literal);
  replace_node (node, replacement);
}

/* A custom node is written out as it is, even with CMARK_OPT_SAFE, which
 * stays on for links ("javascript:" and the like). */
static cmark_node *
custom_node (cmark_node_type  type,
             const char      *html)
{
  cmark_node *custom = cmark_node_new (type);

  cmark_node_set_on_enter (custom, html);
  return custom;
}

/* An HTML block passes when it is one table of the allowed form. */
static void
filter_html_block (cmark_node *node,
                   RawUse      use)
{
  g_autofree char *plain = NULL;
  g_autofree char *table = cd_raw_html_clean_table (cmark_node_get_literal (node), &plain);

  if (table == NULL && use == RAW_FOR_HTML)
    neutralise (node);
  else if (table != NULL)
    replace_node (node, custom_node (CMARK_NODE_CUSTOM_BLOCK,
                                     use == RAW_FOR_HTML ? table : plain));
}

/* The strikethrough and underline tags that pass: a start tag and its end
 * tag under the same parent, properly nested.  An unmatched tag would
 * run on over the rest of a page. */
static GHashTable *
match_inline_tags (GPtrArray *inlines)
{
  GHashTable *matched = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) open = g_hash_table_new_full (NULL, NULL, NULL,
                                                      (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < inlines->len; i++)
    {
      cmark_node *node = g_ptr_array_index (inlines, i);
      cmark_node *parent = cmark_node_parent (node);
      gboolean closing = FALSE;
      const char *tag = cd_raw_html_inline_tag (cmark_node_get_literal (node), &closing);
      GPtrArray *stack = g_hash_table_lookup (open, parent);
      cmark_node *top;

      if (tag == NULL)
        continue;
      if (stack == NULL)
        {
          stack = g_ptr_array_new ();
          g_hash_table_insert (open, parent, stack);
        }
      if (!closing)
        {
          g_ptr_array_add (stack, node);
          continue;
        }
      top = stack->len > 0 ? g_ptr_array_index (stack, stack->len - 1) : NULL;
      if (top && g_strcmp0 (cd_raw_html_inline_tag (cmark_node_get_literal (top), NULL), tag) == 0)
        {
          g_ptr_array_remove_index (stack, stack->len - 1);
          g_hash_table_add (matched, top);
          g_hash_table_add (matched, node);
        }
    }
  return matched;
}

static void
filter_html_inline (cmark_node *node,
                    GHashTable *matched,
                    RawUse      use)
{
  gboolean closing = FALSE;
  const char *tag = cd_raw_html_inline_tag (cmark_node_get_literal (node), &closing);
  g_autofree char *html = NULL;

  if (!g_hash_table_contains (matched, node))
    {
      if (use == RAW_FOR_HTML)
        neutralise (node);
      return;
    }
  if (use == RAW_FOR_PLAIN)
    {
      cmark_node_free (node);
      return;
    }
  html = g_strdup_printf ("<%s%s>", closing ? "/" : "", tag);
  replace_node (node, custom_node (CMARK_NODE_CUSTOM_INLINE, html));
}

/* Raw HTML in a body: a table, strikethrough and underline pass (see
 * cd-raw-html.c), written out again from what was checked; anything
 * else is refused. */
static void
filter_raw_html (cmark_node *root,
                 RawUse      use)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new ();
  g_autoptr(GPtrArray) inlines = g_ptr_array_new ();
  g_autoptr(GHashTable) matched = NULL;

  collect_raw_html (root, blocks, inlines);
  matched = match_inline_tags (inlines);
  for (guint i = 0; i < inlines->len; i++)
    filter_html_inline (g_ptr_array_index (inlines, i), matched, use);
  for (guint i = 0; i < blocks->len; i++)
    filter_html_block (g_ptr_array_index (blocks, i), use);
}

char *
cd_markdown_to_html (const char *markdown)
{
  cmark_node *doc = parse (markdown);
  char *rendered;
  char *html;

  filter_raw_html (doc, RAW_FOR_HTML);
  rendered = cmark_render_html (doc, CMARK_OPT_SAFE);
  cmark_node_free (doc);

  /* cmark allocates with malloc; hand out GLib memory. */
  html = g_strdup (rendered);
  free (rendered);
  return html;
}

static gboolean
is_text_block (cmark_node_type type)
{
  return type == CMARK_NODE_PARAGRAPH ||
         type == CMARK_NODE_HEADING ||
         type == CMARK_NODE_CODE_BLOCK ||
         type == CMARK_NODE_HTML_BLOCK ||
         type == CMARK_NODE_CUSTOM_BLOCK ||
         type == CMARK_NODE_THEMATIC_BREAK;
}

static void
append_block_separator (GString *out)
{
  if (out->len > 0)
    g_string_append (out, "\n\n");
}

/* Plain text: one paragraph per block, separated by one empty line, with
 * the markup gone but every word of the text kept.  A table's rows are
 * lines of tab-separated cells; raw HTML that would not reach a page
 * stays as typed. */
char *
cd_markdown_to_plain (const char *markdown)
{
  cmark_node *doc = parse (markdown);
  cmark_iter *iter;
  GString *out = g_string_new (NULL);
  cmark_event_type event;

  filter_raw_html (doc, RAW_FOR_PLAIN);
  iter = cmark_iter_new (doc);

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);

      if (event != CMARK_EVENT_ENTER)
        continue;

      if (is_text_block (type))
        append_block_separator (out);

      switch ((int) type)
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_HTML_INLINE:
          g_string_append (out, cmark_node_get_literal (node));
          break;
        case CMARK_NODE_CODE_BLOCK:
        case CMARK_NODE_HTML_BLOCK:
          {
            g_autofree char *literal = g_strdup (cmark_node_get_literal (node));
            g_string_append (out, g_strchomp (literal));
          }
          break;
        case CMARK_NODE_CUSTOM_BLOCK:
          g_string_append (out, cmark_node_get_on_enter (node));
          break;
        case CMARK_NODE_SOFTBREAK:
          g_string_append_c (out, ' ');
          break;
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (out, '\n');
          break;
        default:
          break;
        }
    }

  cmark_iter_free (iter);
  cmark_node_free (doc);
  return g_string_free (out, FALSE);
}

guint
cd_markdown_count_words (const char *markdown)
{
  g_autofree char *plain = cd_markdown_to_plain (markdown);
  g_auto(GStrv) words = g_strsplit_set (plain, " \t\n", -1);
  guint count = 0;

  for (guint i = 0; words[i]; i++)
    if (words[i][0] != '\0')
      count++;
  return count;
}

/* "&amp;", "&#38;", "&#x26;": an ampersand that starts what CommonMark
 * reads as an entity reference. */
static gboolean
starts_entity (const char *amp)
{
  const char *p = amp + 1;

  if (*p == '#')
    p++;
  if (!g_ascii_isalnum (*p))
    return FALSE;
  while (g_ascii_isalnum (*p))
    p++;
  return *p == ';';
}

/* An underscore between two ASCII letters or digits can neither open nor
 * close emphasis, so "snake_case" stays readable without a backslash. */
static gboolean
is_intraword_underscore (const char *text,
                         const char *p)
{
  return p > text && g_ascii_isalnum (p[-1]) && g_ascii_isalnum (p[1]);
}

/* Copies text from p on, with a backslash before each character of
 * specials that CommonMark could read as inline syntax there. Text
 * between such characters is copied a run at a time: news has few. */
static void
append_escaped_inline (GString    *out,
                       const char *text,
                       const char *p,
                       const char *specials)
{
  for (;;)
    {
      gsize plain = strcspn (p, specials);

      g_string_append_len (out, p, (gssize) plain);
      p += plain;
      if (*p == '\0')
        break;
      switch (*p)
        {
        case '_':
          if (!is_intraword_underscore (text, p))
            g_string_append_c (out, '\\');
          break;
        case '&':
          if (starts_entity (p))
            g_string_append_c (out, '\\');
          break;
        default:
          g_string_append_c (out, '\\');
          break;
        }
      g_string_append_c (out, *p++);
    }
}

/* What may start inline syntax anywhere in a line. */
#define INLINE_SPECIALS "\\`*[]<_&"

/**
 * cd_markdown_escape_paragraph:
 * @text: one paragraph of plain text, without line breaks and without
 *   white space at either end (CommonMark drops it)
 *
 * Escapes @text so that CommonMark reads it as one paragraph whose text is
 * exactly @text: "1. Round one", "# 5" or "- yes" from a page must not
 * become a list or a heading, and "*", "_", "[", "<", "`", "\\" and
 * entity-like "&…;" must not become markup. Only what CommonMark could
 * read as syntax is escaped, so the body stays pleasant to edit.
 *
 * Returns: (transfer full): the escaped paragraph
 */
char *
cd_markdown_escape_paragraph (const char *text)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) + 8);
  p = text;

  /* Block syntax is recognised at the start of the paragraph only. */
  if (*p == '#' || *p == '>' || *p == '-' || *p == '+' || *p == '=' || *p == '~' || *p == '|')
    {
      g_string_append_c (out, '\\');
      g_string_append_c (out, *p++);
    }
  else if (g_ascii_isdigit (*p))
    {
      while (g_ascii_isdigit (*p))
        g_string_append_c (out, *p++);
      if (*p == '.' || *p == ')')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p++);
        }
    }
  append_escaped_inline (out, text, p, INLINE_SPECIALS);
  return g_string_free (out, FALSE);
}

/**
 * cd_markdown_escape_inline:
 * @text: plain text without line breaks and without white space at
 *   either end
 *
 * Escapes @text for a place inside a line of Markdown where no block
 * starts: after "# " (a heading), between "*" and "*" (emphasis), in the
 * brackets of an image's alternative text. The characters that could
 * start inline syntax are escaped as cd_markdown_escape_paragraph() does,
 * and so is every "#", which at the end of a heading would close it and
 * vanish.
 *
 * Returns: (transfer full): the escaped text
 */
char *
cd_markdown_escape_inline (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) + 8);
  append_escaped_inline (out, text, text, INLINE_SPECIALS "#");
  return g_string_free (out, FALSE);
}

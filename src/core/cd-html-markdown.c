/* cd-html-markdown.c: the HTML a WordPress site holds, back into a
 * CommonMark body
 *
 * A post written or edited on the site comes back as HTML: classic HTML,
 * or block-editor HTML whose blocks are marked by "<!-- wp:… -->"
 * comments.  libxml2's HTML parser reads it into a tree, the way a browser
 * would (unclosed tags, entities, stray text), and the tree is written out
 * as CommonMark that cmark renders to the same structure.
 *
 * The tree is walked as blocks ("flow") holding runs of inline content.
 * Inline content is collapsed the way HTML collapses white space and its
 * text is escaped wherever CommonMark would read it as syntax: everywhere
 * for "*", "`", "[", "<" and the like, and at the start of each line for
 * what opens a block there ("#", "-", "1.", ">", …).  An element the
 * converter does not know keeps its text: only its markup is dropped.
 * Tables, strikethrough and underline, which CommonMark cannot say, stay
 * raw HTML in the form cd-raw-html.c lets through to a page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "cd-html-markdown.h"

G_DEFINE_QUARK (cd-html-markdown-error-quark, cd_html_markdown_error)

/* ------------------------------------------------------------------------
 * Inline content
 * ------------------------------------------------------------------------ */

typedef struct
{
  GString  *text;
  guint     pending_breaks;   /* <br>s not written yet: one before the next content */
  GString  *pending_space;    /* white space within a line, not written yet */
  gboolean  pending_newline;  /* white space with a newline: a soft break */
  gboolean  leading_space;    /* white space came before any content */
  gboolean  line_start;       /* the next text opens a line of the paragraph */
  gboolean  single_line;      /* a heading: <br> is a space */
  gboolean  in_link;          /* links do not nest: an inner <a> is plain text */
  gboolean  autop;            /* classic content: a newline is a line break */
} Inline;

static void inline_children (Inline *in, xmlNode *parent);

static void
inline_init (Inline   *in,
             gboolean  line_start)
{
  memset (in, 0, sizeof *in);
  in->text = g_string_new (NULL);
  in->pending_space = g_string_new (NULL);
  in->line_start = line_start;
}

/* Content inside an element of outer (emphasis, a link) rendered apart. */
static void
inline_init_inner (Inline *inner,
                   Inline *outer)
{
  inline_init (inner, FALSE);
  inner->single_line = outer->single_line;
  inner->in_link = outer->in_link;
  inner->autop = outer->autop;
}

static void
inline_clear (Inline *in)
{
  g_string_free (in->text, TRUE);
  g_string_free (in->pending_space, TRUE);
  in->text = NULL;
  in->pending_space = NULL;
}

static void inline_break (Inline *in);

/* A run of white space.  Within a line it is kept as it is: shown as one
 * space either way, and the body keeps what was typed.  With a newline it
 * is a soft break (shown as a space, like the newline in HTML), or a line
 * break in classic content, which WordPress shows that way.  At the start
 * of the content it goes. */
static void
inline_space (Inline     *in,
              const char *run,
              gsize       len)
{
  gboolean newline = memchr (run, '\n', len) != NULL;

  if (in->text->len == 0)
    in->leading_space = TRUE;
  else if (newline && in->autop && !in->single_line)
    inline_break (in);
  else if (newline && !in->single_line)
    in->pending_newline = TRUE;
  else if (newline)
    g_string_append_c (in->pending_space, ' ');
  else
    for (gsize i = 0; i < len; i++)
      g_string_append_c (in->pending_space, run[i] == '\t' ? '\t' : ' ');
}

static void
inline_break (Inline *in)
{
  if (in->single_line)
    inline_space (in, " ", 1);
  else if (in->text->len == 0)
    /* A break before any text has no line to end. */
    in->leading_space = TRUE;
  else
    in->pending_breaks++;
}

/* Writes what waits before the next piece of content: hard breaks
 * ("\" at the end of a line) or one space. */
static void
inline_settle (Inline *in)
{
  if (in->pending_breaks > 0)
    {
      for (guint i = 0; i < in->pending_breaks; i++)
        g_string_append (in->text, "\\\n");
      in->line_start = TRUE;
    }
  else if (in->pending_newline)
    {
      g_string_append_c (in->text, '\n');
      in->line_start = TRUE;
    }
  else
    g_string_append (in->text, in->pending_space->str);
  in->pending_breaks = 0;
  g_string_truncate (in->pending_space, 0);
  in->pending_newline = FALSE;
}

/* Markdown syntax of our own: written as it is. */
static void
inline_markup (Inline     *in,
               const char *markup)
{
  inline_settle (in);
  g_string_append (in->text, markup);
  in->line_start = FALSE;
}

static gboolean
is_html_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* "&amp;", "&#38;", "&#x26;": an ampersand that CommonMark would read as
 * the start of an entity reference. */
static gboolean
starts_entity (const char *amp,
               const char *end)
{
  const char *p = amp + 1;

  if (p < end && *p == '#')
    p++;
  if (p >= end || !g_ascii_isalnum (*p))
    return FALSE;
  while (p < end && g_ascii_isalnum (*p))
    p++;
  return p < end && *p == ';';
}

/* What opens a block at the start of a line: a heading, a quote, a list
 * item, a setext underline or a fence.  Returns where the rest starts. */
static const char *
escape_line_start (GString    *out,
                   const char *p,
                   const char *end)
{
  const char *q = p;

  if (strchr ("#>-+=~|", *p) != NULL)
    {
      g_string_append_c (out, '\\');
      return p;
    }
  while (q < end && g_ascii_isdigit (*q))
    q++;
  if (q > p && q < end && (*q == '.' || *q == ')'))
    {
      g_string_append_len (out, p, q - p);
      g_string_append_c (out, '\\');
      return q;
    }
  return p;
}

/* Appends a word (no white space) of text, escaped so that CommonMark
 * shows exactly these characters. */
static void
append_escaped (GString    *out,
                const char *word,
                gsize       len,
                gboolean    line_start)
{
  const char *end = word + len;
  const char *p = line_start ? escape_line_start (out, word, end) : word;

  for (; p < end; p++)
    {
      switch (*p)
        {
        case '\\': case '`': case '*': case '[': case ']': case '<':
          g_string_append_c (out, '\\');
          break;
        case '_':
          /* Inside a word an underscore opens nothing: snake_case stays. */
          if (p == word || p + 1 >= end || !g_ascii_isalnum (p[-1]) || !g_ascii_isalnum (p[1]))
            g_string_append_c (out, '\\');
          break;
        case '&':
          if (starts_entity (p, end))
            g_string_append_c (out, '\\');
          break;
        default:
          break;
        }
      g_string_append_c (out, *p);
    }
}

/* Text as HTML shows it: every run of white space one space. */
static void
inline_text (Inline     *in,
             const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *word = p;

      if (is_html_space (*p))
        {
          while (is_html_space (*p))
            p++;
          inline_space (in, word, p - word);
          continue;
        }
      while (*p != '\0' && !is_html_space (*p))
        p++;
      inline_settle (in);
      append_escaped (in->text, word, p - word, in->line_start);
      in->line_start = FALSE;
    }
}

static char *
get_attribute (xmlNode    *node,
               const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static char *
get_text_content (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *copy = g_strdup (content ? (const char *) content : "");

  xmlFree (content);
  return copy;
}

static gboolean
is_named (xmlNode    *node,
          const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static gboolean
name_in (xmlNode           *node,
         const char * const *names)
{
  for (guint i = 0; names[i]; i++)
    if (is_named (node, names[i]))
      return TRUE;
  return FALSE;
}

/* Not content: their text is code, styling or metadata. */
static gboolean
is_skipped (xmlNode *node)
{
  static const char * const names[] = {
    "head", "script", "style", "template", "title", "meta", "link", "noscript",
    "svg", "math", "iframe", "object", "embed", "audio", "video", "canvas", "map",
    "select", "textarea", "button", "input", NULL
  };
  return name_in (node, names);
}

/* A run of a character in text, as long as the longest. */
static guint
longest_run (const char *text,
             char        c)
{
  guint longest = 0, run = 0;

  for (const char *p = text; *p; p++)
    {
      run = *p == c ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  return longest;
}

static void
append_repeated (GString *out,
                 char     c,
                 guint    n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_c (out, c);
}

/* A code span keeps its characters as they are: the fence is one backtick
 * longer than any run inside, and a space pads content that starts or ends
 * with a backtick (or with spaces at both ends, which CommonMark would
 * strip). */
static void
inline_code (Inline  *in,
             xmlNode *node)
{
  g_autofree char *code = get_text_content (node);
  g_autoptr(GString) span = g_string_new (NULL);
  gsize len;
  guint fence;
  gboolean pad;

  g_strdelimit (code, "\r\n", ' ');
  len = strlen (code);
  if (len == 0)
    return;
  fence = longest_run (code, '`') + 1;
  pad = code[0] == '`' || code[len - 1] == '`' ||
        (code[0] == ' ' && code[len - 1] == ' ' && strspn (code, " ") < len);

  append_repeated (span, '`', fence);
  g_string_append (span, pad ? " " : "");
  g_string_append (span, code);
  g_string_append (span, pad ? " " : "");
  append_repeated (span, '`', fence);
  inline_markup (in, span->str);
}

/* A link destination needs no angle brackets once space and control
 * characters are percent-encoded and what could end it is escaped. */
static void
append_destination (GString    *out,
                    const char *url)
{
  const char *end = url + strlen (url);

  for (const char *p = url; p < end; p++)
    {
      guchar c = (guchar) *p;

      if (c <= 0x20 || c == 0x7f)
        g_string_append_printf (out, "%%%02X", c);
      else if (strchr ("()<>\\", c) != NULL || (c == '&' && starts_entity (p, end)))
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else
        g_string_append_c (out, (char) c);
    }
}

static void
append_title (GString    *out,
              const char *title)
{
  const char *end;

  if (title == NULL || *title == '\0')
    return;
  end = title + strlen (title);
  g_string_append (out, " \"");
  for (const char *p = title; p < end; p++)
    {
      if (*p == '"' || *p == '\\' || (*p == '&' && starts_entity (p, end)))
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* "](url "title")": how a link or an image ends. */
static void
append_target (GString    *out,
               const char *url,
               const char *title)
{
  g_string_append (out, "](");
  append_destination (out, url ? url : "");
  if (title)
    append_title (out, title);
  g_string_append_c (out, ')');
}

/* "!" right before "[" would make the link an image. */
static void
inline_open_bracket (Inline     *in,
                     const char *bracket)
{
  GString *text = in->text;

  inline_settle (in);
  if (text->len > 0 && text->str[text->len - 1] == '!' &&
      (text->len < 2 || text->str[text->len - 2] != '\\'))
    g_string_insert_c (text, text->len - 1, '\\');
  inline_markup (in, bracket);
}

static void
inline_image (Inline  *in,
              xmlNode *node)
{
  g_autofree char *src = get_attribute (node, "src");
  g_autofree char *alt = get_attribute (node, "alt");
  g_autofree char *title = get_attribute (node, "title");
  Inline alt_text;

  if (src == NULL)
    return;
  inline_init (&alt_text, FALSE);
  alt_text.single_line = TRUE;
  inline_text (&alt_text, alt ? alt : "");
  inline_open_bracket (in, "![");
  g_string_append (in->text, alt_text.text->str);
  append_target (in->text, src, title);
  inline_clear (&alt_text);
}

/* The inner content, rendered apart, goes between open and close; the
 * white space at its ends moves outside, where it does not stop the
 * delimiters from counting as emphasis. */
static void
inline_wrap (Inline     *in,
             Inline     *inner,
             const char *open,
             const char *close,
             gboolean    keep_empty)
{
  if (inner->leading_space)
    inline_space (in, " ", 1);
  if (inner->text->len > 0 || keep_empty)
    {
      if (open[0] == '[' || (open[0] == '!' && open[1] == '['))
        inline_open_bracket (in, open);
      else
        inline_markup (in, open);
      g_string_append (in->text, inner->text->str);
      g_string_append (in->text, close);
    }
  if (inner->pending_breaks > 0)
    in->pending_breaks += inner->pending_breaks;
  else if (inner->pending_newline)
    inline_space (in, "\n", 1);
  else if (inner->pending_space->len > 0)
    inline_space (in, inner->pending_space->str, inner->pending_space->len);
}

static void
inline_formatting (Inline     *in,
                   xmlNode    *node,
                   const char *open,
                   const char *close)
{
  Inline inner;

  inline_init_inner (&inner, in);
  inline_children (&inner, node);
  inline_wrap (in, &inner, open, close, FALSE);
  inline_clear (&inner);
}

/* "<del>", "<s>", "<u>" or "<ins>" for strikethrough and underline, or
 * NULL.  CommonMark has no form for them; these bare tags are the raw
 * HTML a body may carry to a page (cd-raw-html.c). */
static const char *
raw_inline_tag (xmlNode *node)
{
  static const char * const names[] = { "del", "s", "strike", "u", "ins", NULL };
  static const char * const tags[] = { "del", "s", "s", "u", "ins" };

  for (guint i = 0; names[i]; i++)
    if (is_named (node, names[i]))
      return tags[i];
  return NULL;
}

static void
inline_raw_tag (Inline     *in,
                xmlNode    *node,
                const char *tag)
{
  g_autofree char *open = g_strdup_printf ("<%s>", tag);
  g_autofree char *close = g_strdup_printf ("</%s>", tag);

  inline_formatting (in, node, open, close);
}

static void
inline_link (Inline  *in,
             xmlNode *node)
{
  g_autofree char *href = get_attribute (node, "href");
  g_autofree char *title = get_attribute (node, "title");
  g_autoptr(GString) target = g_string_new (NULL);
  Inline inner;

  if (href == NULL || in->in_link)
    {
      inline_children (in, node);
      return;
    }
  inline_init_inner (&inner, in);
  inner.in_link = TRUE;
  inline_children (&inner, node);
  append_target (target, href, title);
  inline_wrap (in, &inner, "[", target->str, TRUE);
  inline_clear (&inner);
}

static void
inline_element (Inline  *in,
                xmlNode *node)
{
  static const char * const emphasis[] = { "em", "i", "cite", "dfn", "var", NULL };
  static const char * const strong[] = { "strong", "b", NULL };
  static const char * const code[] = { "code", "kbd", "samp", "tt", NULL };

  if (is_skipped (node))
    return;
  if (is_named (node, "br"))
    inline_break (in);
  else if (is_named (node, "img"))
    inline_image (in, node);
  else if (name_in (node, emphasis))
    inline_formatting (in, node, "*", "*");
  else if (name_in (node, strong))
    inline_formatting (in, node, "**", "**");
  else if (name_in (node, code))
    inline_code (in, node);
  else if (is_named (node, "a"))
    inline_link (in, node);
  else if (raw_inline_tag (node) != NULL)
    inline_raw_tag (in, node, raw_inline_tag (node));
  else
    /* span, mark, abbr, sub, an unknown tag…: the text stays. */
    inline_children (in, node);
}

static void
inline_children (Inline  *in,
                 xmlNode *parent)
{
  for (xmlNode *child = parent->children; child; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        inline_text (in, (const char *) child->content);
      else if (child->type == XML_ELEMENT_NODE)
        inline_element (in, child);
    }
}

/* ------------------------------------------------------------------------
 * Blocks
 * ------------------------------------------------------------------------ */

typedef enum
{
  BLOCK_PARAGRAPH,
  BLOCK_BULLET_LIST,
  BLOCK_ORDERED_LIST,
  BLOCK_OTHER,
} BlockKind;

typedef struct
{
  BlockKind  kind;
  char       delimiter;      /* lists: '-' or '*', '.' or ')' */
  gboolean   joins_text;     /* right under a line of text, it would continue it */
  gboolean   html_block;     /* a raw HTML block: only a blank line ends it */
  char      *text;
} Block;

typedef struct
{
  GPtrArray *blocks;         /* Block */
  Inline     para;           /* the paragraph being gathered */
  gboolean   has_p;          /* a <p> was among the children (a loose list item) */
  gboolean   autop;          /* classic content: a blank line ends a paragraph */
} Flow;

static void walk_flow (Flow *flow, xmlNode *parent);

static void
block_free (Block *block)
{
  g_free (block->text);
  g_free (block);
}

static void
flow_init (Flow     *flow,
           gboolean  autop)
{
  flow->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  inline_init (&flow->para, TRUE);
  flow->para.autop = autop;
  flow->has_p = FALSE;
  flow->autop = autop;
}

static void
flow_clear (Flow *flow)
{
  g_clear_pointer (&flow->blocks, g_ptr_array_unref);
  inline_clear (&flow->para);
}

static Block *
flow_last (Flow *flow)
{
  return flow->blocks->len > 0 ? g_ptr_array_index (flow->blocks, flow->blocks->len - 1) : NULL;
}

static Block *
flow_add (Flow      *flow,
          BlockKind  kind,
          char      *text)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  block->text = text;
  block->joins_text = kind == BLOCK_PARAGRAPH;
  g_ptr_array_add (flow->blocks, block);
  return block;
}

/* Only no-break spaces (the "<p>&nbsp;</p>" spacers of the classic
 * editor) carry no text. */
static gboolean
is_blank_text (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) != 0x00A0)
      return FALSE;
  return TRUE;
}

static void
flow_flush (Flow *flow)
{
  if (!is_blank_text (flow->para.text->str))
    flow_add (flow, BLOCK_PARAGRAPH, g_strdup (flow->para.text->str));
  inline_clear (&flow->para);
  inline_init (&flow->para, TRUE);
  flow->para.autop = flow->autop;
}

static char *
join_blocks (GPtrArray  *blocks,
             const char *separator)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *block = g_ptr_array_index (blocks, i);
      if (i > 0)
        g_string_append (out, separator);
      g_string_append (out, block->text);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Each line of text behind a prefix: first for the first line, rest for
 * the others; an empty line gets the prefix without its trailing spaces. */
static char *
prefix_lines (const char *text,
              const char *first,
              const char *rest)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  /* g_strsplit() gives no line at all for "": an empty item is its marker. */
  if (*text == '\0')
    return g_strchomp (g_strdup (first));

  for (guint i = 0; lines[i]; i++)
    {
      const char *prefix = i == 0 ? first : rest;

      if (i > 0)
        g_string_append_c (out, '\n');
      if (lines[i][0] == '\0')
        {
          g_string_append (out, prefix);
          while (out->len > 0 && out->str[out->len - 1] == ' ')
            g_string_truncate (out, out->len - 1);
        }
      else
        {
          g_string_append (out, prefix);
          g_string_append (out, lines[i]);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
has_block_descendant (xmlNode *node);

static gboolean
is_block (xmlNode *node)
{
  static const char * const names[] = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
    "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
    "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", NULL
  };
  return name_in (node, names);
}

static gboolean
has_block_descendant (xmlNode *node)
{
  for (xmlNode *child = node->children; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE && (is_block (child) || has_block_descendant (child)))
      return TRUE;
  return FALSE;
}

static guint
heading_level (xmlNode *node)
{
  const char *name = (const char *) node->name;

  if (node->type == XML_ELEMENT_NODE && g_ascii_tolower (name[0]) == 'h' &&
      name[1] >= '1' && name[1] <= '6' && name[2] == '\0')
    return (guint) (name[1] - '0');
  return 0;
}

/* "# Rank #" would lose its last "#" as a closing sequence. */
static void
escape_closing_hashes (GString *text)
{
  gsize run = text->len;

  while (run > 0 && text->str[run - 1] == '#')
    run--;
  if (run < text->len && (run == 0 || text->str[run - 1] == ' '))
    g_string_insert_c (text, run, '\\');
}

static void
add_heading (Flow    *flow,
             xmlNode *node,
             guint    level)
{
  g_autoptr(GString) heading = g_string_new (NULL);
  Inline in;

  inline_init (&in, FALSE);
  in.single_line = TRUE;
  inline_children (&in, node);
  escape_closing_hashes (in.text);
  append_repeated (heading, '#', level);
  if (in.text->len > 0)
    g_string_append_printf (heading, " %s", in.text->str);
  inline_clear (&in);
  flow_add (flow, BLOCK_OTHER, g_string_free (g_steal_pointer (&heading), FALSE));
}

/* "language-c" in <code class="…">, as cmark writes a fence's info. */
static char *
code_language (xmlNode *pre)
{
  for (xmlNode *child = pre->children; child; child = child->next)
    {
      g_autofree char *classes = is_named (child, "code") ? get_attribute (child, "class") : NULL;
      g_auto(GStrv) names = classes ? g_strsplit_set (classes, " \t\n", -1) : NULL;

      for (guint i = 0; names && names[i]; i++)
        if (g_str_has_prefix (names[i], "language-") && names[i][9] != '\0' &&
            strchr (names[i], '`') == NULL)
          return g_strdup (names[i] + 9);
    }
  return NULL;
}

static void
add_code_block (Flow    *flow,
                xmlNode *node)
{
  g_autofree char *code = get_text_content (node);
  g_autofree char *language = code_language (node);
  g_autoptr(GString) block = g_string_new (NULL);
  const char *body = code;
  gsize len;
  guint fence;

  /* As in a browser, a newline right after <pre> is not content. */
  if (body[0] == '\r' && body[1] == '\n')
    body += 2;
  else if (body[0] == '\n')
    body++;
  len = strlen (body);
  if (len > 0 && body[len - 1] == '\n')
    len--;
  fence = MAX (3, longest_run (body, '`') + 1);

  append_repeated (block, '`', fence);
  g_string_append_printf (block, "%s\n", language ? language : "");
  g_string_append_len (block, body, (gssize) len);
  if (len > 0)
    g_string_append_c (block, '\n');
  append_repeated (block, '`', fence);
  flow_add (flow, BLOCK_OTHER, g_string_free (g_steal_pointer (&block), FALSE));
}

static void
add_quote (Flow    *flow,
           xmlNode *node)
{
  g_autofree char *inner = NULL;
  Flow quote;

  flow_init (&quote, flow->autop);
  walk_flow (&quote, node);
  flow_flush (&quote);
  inner = join_blocks (quote.blocks, "\n\n");
  flow_clear (&quote);
  flow_add (flow, BLOCK_OTHER, prefix_lines (inner, "> ", "> "));
}

/* ---- Lists ---- */

static Flow *
list_item_new (GPtrArray *items,
               gboolean   autop)
{
  Flow *item = g_new0 (Flow, 1);

  flow_init (item, autop);
  g_ptr_array_add (items, item);
  return item;
}

static void
list_item_free (Flow *item)
{
  flow_clear (item);
  g_free (item);
}

static void walk_element (Flow *flow, xmlNode *node);

/* The items of a list, each a flow of blocks.  A list put straight into
 * a list (a common slip) belongs to the item before it. */
static GPtrArray *
gather_items (xmlNode  *list,
              gboolean  autop)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) list_item_free);

  for (xmlNode *child = list->children; child; child = child->next)
    {
      Flow *item;

      if (is_named (child, "li"))
        {
          item = list_item_new (items, autop);
          walk_flow (item, child);
        }
      else if ((is_named (child, "ul") || is_named (child, "ol")) && items->len > 0)
        {
          item = g_ptr_array_index (items, items->len - 1);
          walk_element (item, child);
        }
      else if (child->type == XML_ELEMENT_NODE && !is_skipped (child))
        {
          item = list_item_new (items, autop);
          walk_element (item, child);
        }
      else if (child->type == XML_TEXT_NODE && child->content &&
               strspn ((const char *) child->content, " \t\r\n\f") <
               strlen ((const char *) child->content))
        {
          item = list_item_new (items, autop);
          inline_text (&item->para, (const char *) child->content);
        }
      else
        continue;
      flow_flush (item);
    }
  return items;
}

/* A list is loose (blank lines between its items) when an item has
 * paragraphs of its own, as cmark writes them, or when an item holds
 * blocks that would run together without a blank line: a paragraph and
 * what would continue it, or a table and anything after it. */
static gboolean
items_are_loose (GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      Flow *item = g_ptr_array_index (items, i);

      if (item->has_p)
        return TRUE;
      for (guint j = 1; j < item->blocks->len; j++)
        {
          Block *before = g_ptr_array_index (item->blocks, j - 1);
          Block *block = g_ptr_array_index (item->blocks, j);
          if ((before->kind == BLOCK_PARAGRAPH && block->joins_text) || before->html_block)
            return TRUE;
        }
    }
  return FALSE;
}

static guint
list_start (xmlNode *list)
{
  g_autofree char *start = get_attribute (list, "start");
  guint64 value;

  if (start == NULL || !g_ascii_string_to_unsigned (g_strstrip (start), 10, 0, 999999999,
                                                    &value, NULL))
    return 1;
  return (guint) value;
}

static void
add_list (Flow    *flow,
          xmlNode *node)
{
  gboolean ordered = is_named (node, "ol");
  Block *before = flow_last (flow);
  BlockKind kind = ordered ? BLOCK_ORDERED_LIST : BLOCK_BULLET_LIST;
  char delimiter = ordered ? '.' : '-';
  g_autoptr(GPtrArray) items = gather_items (node, flow->autop);
  g_autoptr(GString) out = g_string_new (NULL);
  guint number = list_start (node);
  gboolean loose = items_are_loose (items);
  gboolean first_empty = FALSE;
  Block *block;

  /* Two lists in a row would merge unless their markers differ. */
  if (before && before->kind == kind && before->delimiter == delimiter)
    delimiter = ordered ? ')' : '*';

  for (guint i = 0; i < items->len; i++)
    {
      Flow *item = g_ptr_array_index (items, i);
      g_autofree char *inner = join_blocks (item->blocks, loose ? "\n\n" : "\n");
      g_autofree char *marker = ordered ? g_strdup_printf ("%u%c ", number++, delimiter)
                                        : g_strdup_printf ("%c ", delimiter);
      g_autofree char *indent = g_strnfill (strlen (marker), ' ');
      g_autofree char *lines = prefix_lines (inner, marker, indent);

      if (i == 0)
        first_empty = *inner == '\0';
      if (i > 0)
        g_string_append (out, loose ? "\n\n" : "\n");
      g_string_append (out, lines);
    }
  if (items->len == 0)
    return;

  block = flow_add (flow, kind, g_string_free (g_steal_pointer (&out), FALSE));
  block->delimiter = delimiter;
  /* Only a list that starts at 1 with an item that has text can interrupt
   * a paragraph. */
  block->joins_text = first_empty || (ordered && list_start (node) != 1);
}

/* ---- Tables ----
 *
 * CommonMark has no tables.  A table stays one as an HTML block of the
 * form cd-raw-html.c lets through to a page: table, caption, the row
 * groups, rows and cells, with colspan and rowspan; inside cells only
 * text, line breaks and inline formatting.  Its text is HTML-escaped and
 * its white space collapsed, so no line of it is blank (a blank line
 * would end the block).  Links inside keep their text only. */

typedef struct
{
  GString  *html;
  gboolean  space;    /* white space waits: one space before more content */
  gboolean  broken;   /* a line break waits */
  gboolean  leading;  /* white space or a break came before any content */
  gboolean  autop;    /* classic content: a newline is a line break */
} Cell;

static void cell_children (Cell *cell, xmlNode *parent);

static void
cell_init (Cell     *cell,
           gboolean  autop)
{
  memset (cell, 0, sizeof *cell);
  cell->html = g_string_new (NULL);
  cell->autop = autop;
}

static void
cell_gap (Cell     *cell,
          gboolean  line_break)
{
  if (cell->html->len == 0)
    cell->leading = TRUE;
  else if (line_break)
    cell->broken = TRUE;
  else
    cell->space = TRUE;
}

/* Writes the space or line break that waits before more content. */
static void
cell_settle (Cell *cell)
{
  if (cell->broken)
    g_string_append (cell->html, "<br>");
  else if (cell->space)
    g_string_append_c (cell->html, ' ');
  cell->broken = FALSE;
  cell->space = FALSE;
}

static void
cell_text (Cell       *cell,
           const char *text)
{
  const char *p = text;

  while (*p)
    {
      gsize blank = strspn (p, " \t\r\n\f");
      gsize word;

      if (blank > 0)
        {
          cell_gap (cell, cell->autop && memchr (p, '\n', blank) != NULL);
          p += blank;
          continue;
        }
      word = strcspn (p, " \t\r\n\f");
      cell_settle (cell);
      for (gsize i = 0; i < word; i++)
        {
          if (p[i] == '&')
            g_string_append (cell->html, "&amp;");
          else if (p[i] == '<')
            g_string_append (cell->html, "&lt;");
          else if (p[i] == '>')
            g_string_append (cell->html, "&gt;");
          else
            g_string_append_c (cell->html, p[i]);
        }
      p += word;
    }
}

/* The tag a cell keeps for an inline element, or NULL. */
static const char *
cell_tag (xmlNode *node)
{
  static const struct { const char *name; const char *tag; } tags[] = {
    { "strong", "strong" }, { "b", "strong" }, { "em", "em" }, { "i", "em" },
    { "cite", "em" }, { "dfn", "em" }, { "var", "em" }, { "code", "code" },
    { "kbd", "code" }, { "samp", "code" }, { "tt", "code" }, { "sub", "sub" },
    { "sup", "sup" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    if (is_named (node, tags[i].name))
      return tags[i].tag;
  return raw_inline_tag (node);
}

/* The formatted content goes inside the tags; white space at its ends
 * moves outside them. */
static void
cell_formatting (Cell       *cell,
                 xmlNode    *node,
                 const char *tag)
{
  Cell inner;

  cell_init (&inner, cell->autop);
  cell_children (&inner, node);
  if (inner.leading)
    cell_gap (cell, FALSE);
  if (inner.html->len > 0)
    {
      cell_settle (cell);
      g_string_append_printf (cell->html, "<%s>%s</%s>", tag, inner.html->str, tag);
    }
  if (inner.broken || inner.space)
    cell_gap (cell, inner.broken);
  g_string_free (inner.html, TRUE);
}

static void
cell_element (Cell    *cell,
              xmlNode *node)
{
  const char *tag = cell_tag (node);

  if (is_skipped (node))
    return;
  if (is_named (node, "br"))
    cell_gap (cell, TRUE);
  else if (is_named (node, "img"))
    {
      g_autofree char *alt = get_attribute (node, "alt");
      cell_text (cell, alt ? alt : "");
    }
  else if (tag)
    cell_formatting (cell, node, tag);
  else if (is_block (node))
    {
      /* Paragraphs, lists, a table in the cell: a line each. */
      cell_gap (cell, TRUE);
      cell_children (cell, node);
      cell_gap (cell, TRUE);
    }
  else
    /* a, span, an unknown tag: the text stays. */
    cell_children (cell, node);
}

static void
cell_children (Cell    *cell,
               xmlNode *parent)
{
  for (xmlNode *child = parent->children; child; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        cell_text (cell, (const char *) child->content);
      else if (child->type == XML_ELEMENT_NODE)
        cell_element (cell, child);
    }
}

static char *
cell_content (xmlNode  *node,
              gboolean  autop)
{
  Cell cell;

  cell_init (&cell, autop);
  cell_children (&cell, node);
  return g_string_free (cell.html, FALSE);
}

/* ' colspan="2"' when the cell has a span HTML honours, other than 1. */
static void
append_span (GString    *out,
             xmlNode    *cell,
             const char *name,
             guint64     min,
             guint64     max)
{
  g_autofree char *value = get_attribute (cell, name);
  guint64 span;

  if (value && g_ascii_string_to_unsigned (g_strstrip (value), 10, min, max, &span, NULL) &&
      span != 1)
    g_string_append_printf (out, " %s=\"%u\"", name, (guint) span);
}

/* Text or an element where only white space, rows or cells belong: kept
 * for after the table, so that nothing is lost. */
static void
keep_stray (xmlNode   *node,
            GPtrArray *stray)
{
  if (node->type == XML_ELEMENT_NODE ||
      (node->type == XML_TEXT_NODE && node->content &&
       strspn ((const char *) node->content, " \t\r\n\f") < strlen ((const char *) node->content)))
    g_ptr_array_add (stray, node);
}

static void
append_row (GString   *out,
            xmlNode   *row,
            gboolean   autop,
            GPtrArray *stray)
{
  g_autoptr(GString) cells = g_string_new (NULL);

  for (xmlNode *child = row->children; child; child = child->next)
    {
      if (is_named (child, "td") || is_named (child, "th"))
        {
          const char *name = is_named (child, "th") ? "th" : "td";
          g_autofree char *content = cell_content (child, autop);

          g_string_append_printf (cells, "<%s", name);
          append_span (cells, child, "colspan", 1, 1000);
          append_span (cells, child, "rowspan", 0, 65534);
          g_string_append_printf (cells, ">%s</%s>", content, name);
        }
      else
        keep_stray (child, stray);
    }
  if (cells->len > 0)
    g_string_append_printf (out, "<tr>%s</tr>\n", cells->str);
}

static void
append_row_group (GString   *out,
                  xmlNode   *group,
                  gboolean   autop,
                  GPtrArray *stray)
{
  g_autoptr(GString) rows = g_string_new (NULL);
  const char *name = (const char *) group->name;

  for (xmlNode *child = group->children; child; child = child->next)
    {
      if (is_named (child, "tr"))
        append_row (rows, child, autop, stray);
      else
        keep_stray (child, stray);
    }
  if (rows->len > 0)
    g_string_append_printf (out, "<%s>\n%s</%s>\n", name, rows->str, name);
}

/* The table as an HTML block, or NULL when it has no rows. */
static char *
table_html (xmlNode   *table,
            gboolean   autop,
            GPtrArray *stray)
{
  g_autoptr(GString) caption = g_string_new (NULL);
  g_autoptr(GString) rows = g_string_new (NULL);

  for (xmlNode *child = table->children; child; child = child->next)
    {
      if (is_named (child, "caption"))
        {
          g_autofree char *content = cell_content (child, autop);
          if (*content)
            g_string_append_printf (caption, "<caption>%s</caption>\n", content);
        }
      else if (is_named (child, "thead") || is_named (child, "tbody") || is_named (child, "tfoot"))
        append_row_group (rows, child, autop, stray);
      else if (is_named (child, "tr"))
        append_row (rows, child, autop, stray);
      else if (!is_named (child, "colgroup") && !is_named (child, "col"))
        keep_stray (child, stray);
    }
  if (rows->len == 0)
    return NULL;
  return g_strdup_printf ("<table>\n%s%s</table>", caption->str, rows->str);
}

static void flow_text (Flow *flow, const char *text);

static void
add_table (Flow    *flow,
           xmlNode *node)
{
  g_autoptr(GPtrArray) stray = g_ptr_array_new ();
  g_autofree char *html = table_html (node, flow->autop, stray);
  Block *block;

  if (html == NULL)
    {
      /* Only a caption, or nothing: its text as blocks. */
      walk_flow (flow, node);
      flow_flush (flow);
      return;
    }
  block = flow_add (flow, BLOCK_OTHER, g_steal_pointer (&html));
  block->html_block = TRUE;
  for (guint i = 0; i < stray->len; i++)
    {
      xmlNode *child = g_ptr_array_index (stray, i);

      if (child->type == XML_TEXT_NODE)
        flow_text (flow, (const char *) child->content);
      else
        walk_element (flow, child);
    }
  flow_flush (flow);
}

/* ---- The walk ---- */

static void
walk_element (Flow    *flow,
              xmlNode *node)
{
  guint level = heading_level (node);

  if (is_skipped (node))
    return;
  if (level > 0 && !has_block_descendant (node))
    {
      flow_flush (flow);
      add_heading (flow, node, level);
    }
  else if (is_named (node, "pre"))
    {
      flow_flush (flow);
      add_code_block (flow, node);
    }
  else if (is_named (node, "hr"))
    {
      flow_flush (flow);
      /* Not "---": under a line of text that is a heading's underline. */
      flow_add (flow, BLOCK_OTHER, g_strdup ("___"));
    }
  else if (is_named (node, "ul") || is_named (node, "ol"))
    {
      flow_flush (flow);
      add_list (flow, node);
    }
  else if (is_named (node, "blockquote"))
    {
      flow_flush (flow);
      add_quote (flow, node);
    }
  else if (is_named (node, "table"))
    {
      flow_flush (flow);
      add_table (flow, node);
    }
  else if (is_block (node))
    {
      /* p, div, figure, figcaption, table cells…: a block of their own. */
      flow->has_p |= is_named (node, "p");
      flow_flush (flow);
      walk_flow (flow, node);
      flow_flush (flow);
    }
  else if (!has_block_descendant (node))
    inline_element (&flow->para, node);
  else
    /* An inline element around blocks: the blocks stay, its own
     * formatting cannot. */
    walk_flow (flow, node);
}

/* Text in a flow of blocks.  In classic content, as WordPress's wpautop
 * shows it, a blank line between two runs of text ends a paragraph. */
static void
flow_text (Flow       *flow,
           const char *text)
{
  const char *segment = text;
  const char *p = text;

  while (flow->autop && *p != '\0')
    {
      const char *run = p;
      guint newlines = 0;

      if (!is_html_space (*p))
        {
          p++;
          continue;
        }
      while (is_html_space (*p))
        newlines += *p++ == '\n';
      if (newlines >= 2)
        {
          g_autofree char *before = g_strndup (segment, run - segment);

          inline_text (&flow->para, before);
          flow_flush (flow);
          segment = p;
        }
    }
  inline_text (&flow->para, segment);
}

static void
walk_flow (Flow    *flow,
           xmlNode *parent)
{
  for (xmlNode *child = parent->children; child; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        flow_text (flow, (const char *) child->content);
      else if (child->type == XML_ELEMENT_NODE)
        walk_element (flow, child);
    }
}

/* ------------------------------------------------------------------------
 * The document
 * ------------------------------------------------------------------------ */

static xmlNode *
find_body (xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  if (root == NULL)
    return NULL;
  for (xmlNode *child = root->children; child; child = child->next)
    if (is_named (child, "body"))
      return child;
  return root;
}

static gboolean
has_descendant_named (xmlNode    *node,
                      const char *name)
{
  for (xmlNode *child = node->children; child; child = child->next)
    if (is_named (child, name) || has_descendant_named (child, name))
      return TRUE;
  return FALSE;
}

/* Removes the figures that end body, up to n of them, skipping white
 * space and comments between them.  A figure holding a table (the block
 * editor's table block) is never a photo Copydesk appended: it is body,
 * and stops the removal. */
static void
drop_trailing_figures (xmlNode *body,
                       guint    n)
{
  xmlNode *node = body->last;

  while (node && n > 0)
    {
      xmlNode *previous = node->prev;

      if (is_named (node, "figure") && !has_descendant_named (node, "table"))
        {
          xmlUnlinkNode (node);
          xmlFreeNode (node);
          n--;
        }
      else if (node->type == XML_ELEMENT_NODE ||
               (node->type == XML_TEXT_NODE && node->content &&
                strspn ((const char *) node->content, " \t\r\n\f") <
                strlen ((const char *) node->content)))
        break;
      node = previous;
    }
}

static gboolean
check_input (const char  *html,
             GError     **error)
{
  const char *bad;

  if (!g_utf8_validate (html, -1, &bad))
    {
      g_set_error (error, CD_HTML_MARKDOWN_ERROR, CD_HTML_MARKDOWN_ERROR_INVALID_UTF8,
                   /* Translators: %lu is a byte offset from the start of the text */
                   _("The HTML is not valid UTF-8 text (at byte %lu)."),
                   (unsigned long) (bad - html));
      return FALSE;
    }
  if (strlen (html) > G_MAXINT)
    {
      g_set_error_literal (error, CD_HTML_MARKDOWN_ERROR, CD_HTML_MARKDOWN_ERROR_TOO_LARGE,
                           _("The HTML is too large to convert."));
      return FALSE;
    }
  return TRUE;
}

static htmlDocPtr
parse_html (const char  *html,
            GError     **error)
{
  static gsize initialised = 0;
  htmlDocPtr doc;

  if (g_once_init_enter (&initialised))
    {
      xmlInitParser ();
      g_once_init_leave (&initialised, 1);
    }
  /* The text is UTF-8 whatever a <meta> inside says; nothing is fetched. */
  doc = htmlReadMemory (html, (int) strlen (html), NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NODEFDTD);
  if (doc == NULL)
    g_set_error_literal (error, CD_HTML_MARKDOWN_ERROR, CD_HTML_MARKDOWN_ERROR_PARSE,
                         _("The HTML parser could not read the text."));
  return doc;
}

/**
 * cd_html_to_markdown_full:
 * @html: HTML as a WordPress site holds a post's content (UTF-8)
 * @flags: CD_HTML_MARKDOWN_AUTOP for classic content (no "<!-- wp:"
 *   block comments), whose paragraphs and line breaks WordPress makes
 *   from blank lines and newlines when it shows the post
 * @n_trailing_figures: how many <figure> elements at the very end to
 *   leave out (the photos Copydesk itself appended when publishing, which
 *   come back from the article's photos, not from its body)
 *
 * Converts @html to a CommonMark body: paragraphs, headings, emphasis,
 * links, code, lists, quotes, line breaks, images and rules become their
 * Markdown forms; tables become HTML blocks (cleaned: structure, cells'
 * text and inline formatting only), and strikethrough and underline the
 * bare tags <del>, <s>, <u> and <ins>; comments (the block editor's
 * "<!-- wp:… -->") go;
 * entities are decoded; text that CommonMark would read as syntax is
 * escaped; elements without a Markdown form keep their text.
 *
 * Returns: (transfer full): the Markdown, blocks separated by an empty
 *   line and no newline at the end, or NULL with @error set
 */
char *
cd_html_to_markdown_full (const char           *html,
                          CdHtmlMarkdownFlags   flags,
                          guint                 n_trailing_figures,
                          GError              **error)
{
  htmlDocPtr doc;
  xmlNode *body;
  Flow flow;
  char *markdown;

  g_return_val_if_fail (html != NULL, NULL);

  if (!check_input (html, error))
    return NULL;
  if (html[strspn (html, " \t\r\n\f")] == '\0')
    return g_strdup ("");
  doc = parse_html (html, error);
  if (doc == NULL)
    return NULL;

  flow_init (&flow, (flags & CD_HTML_MARKDOWN_AUTOP) != 0);
  body = find_body (doc);
  if (body)
    {
      drop_trailing_figures (body, n_trailing_figures);
      walk_flow (&flow, body);
    }
  flow_flush (&flow);
  markdown = join_blocks (flow.blocks, "\n\n");
  flow_clear (&flow);
  xmlFreeDoc (doc);
  return markdown;
}

/**
 * cd_html_to_markdown:
 * @html: HTML (UTF-8)
 *
 * Converts @html to a CommonMark body, as cd_html_to_markdown_full()
 * does, keeping every figure.
 *
 * Returns: (transfer full): the Markdown, or NULL with @error set
 */
char *
cd_html_to_markdown (const char  *html,
                     GError     **error)
{
  return cd_html_to_markdown_full (html, CD_HTML_MARKDOWN_NONE, 0, error);
}

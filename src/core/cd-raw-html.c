/* cd-raw-html.c: the little raw HTML a Markdown body may carry to a page
 *
 * Pulled posts keep their tables, strikethrough and underline as raw HTML
 * in the Markdown body (cd-html-markdown.c writes it).  When the body is
 * rendered for a page, a site or a ninjs export (cd-markdown.c), raw HTML
 * passes only in two forms, checked here:
 *
 *  - one of the tags <del>, <s>, <u> and <ins>, bare, in a paragraph;
 *  - a whole table as one HTML block: table, caption, thead, tbody,
 *    tfoot, tr, th and td, with strong, b, em, i, code, del, s, u, ins,
 *    sub, sup and br inside cells and the caption.  Only colspan and
 *    rowspan attributes, with a number; every tag closed, in an order
 *    HTML allows; no comments.
 *
 * The checks are a whitelist over a small tokenizer, not a sanitizer of
 * arbitrary HTML: anything outside it refuses the whole piece, which then
 * reaches the page as visible text.  What passes is written out again
 * from its tokens (tag names in lower case, attributes as
 * name="number"), so nothing the checks did not read reaches a page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-raw-html.h"

#define HTML_SPACE " \t\n\r\f"

static gsize
name_length (const char *p)
{
  gsize len = 0;

  while (g_ascii_isalnum (p[len]))
    len++;
  return len;
}

static gboolean
name_is (const char *p,
         gsize       len,
         const char *name)
{
  return strlen (name) == len && g_ascii_strncasecmp (p, name, len) == 0;
}

/**
 * cd_raw_html_inline_tag:
 * @html: one raw HTML tag, as cmark reads it inside a paragraph
 * @closing: (out) (optional): whether it is an end tag
 *
 * Whether @html is a start or end tag for strikethrough or underline
 * ("<del>", "</s>", "<U>", "</ins >") with no attributes.
 *
 * Returns: (nullable): the tag's name in lower case ("del", "s", "u" or
 *   "ins"), a static string; NULL when @html is anything else
 */
const char *
cd_raw_html_inline_tag (const char *html,
                        gboolean   *closing)
{
  static const char * const names[] = { "del", "s", "u", "ins" };
  const char *p = html;
  const char *found = NULL;
  gboolean is_end;
  gsize len;

  g_return_val_if_fail (html != NULL, NULL);

  if (*p++ != '<')
    return NULL;
  is_end = *p == '/';
  if (is_end)
    p++;
  len = name_length (p);
  for (guint i = 0; i < G_N_ELEMENTS (names) && found == NULL; i++)
    if (name_is (p, len, names[i]))
      found = names[i];
  p += len;
  p += strspn (p, HTML_SPACE);
  if (found == NULL || p[0] != '>' || p[1] != '\0')
    return NULL;
  if (closing)
    *closing = is_end;
  return found;
}

/* ------------------------------------------------------------------------
 * Tables
 * ------------------------------------------------------------------------ */

typedef enum
{
  KIND_TABLE,
  KIND_CAPTION,
  KIND_SECTION,   /* thead, tbody, tfoot */
  KIND_ROW,
  KIND_CELL,      /* td, th */
  KIND_INLINE,    /* formatting in a cell or the caption */
  KIND_BREAK,     /* br: no end tag */
} Kind;

typedef struct
{
  const char *name;
  Kind        kind;
} Element;

static const Element elements[] = {
  { "table", KIND_TABLE }, { "caption", KIND_CAPTION }, { "thead", KIND_SECTION },
  { "tbody", KIND_SECTION }, { "tfoot", KIND_SECTION }, { "tr", KIND_ROW },
  { "td", KIND_CELL }, { "th", KIND_CELL }, { "strong", KIND_INLINE }, { "b", KIND_INLINE },
  { "em", KIND_INLINE }, { "i", KIND_INLINE }, { "code", KIND_INLINE }, { "del", KIND_INLINE },
  { "s", KIND_INLINE }, { "u", KIND_INLINE }, { "ins", KIND_INLINE }, { "sub", KIND_INLINE },
  { "sup", KIND_INLINE }, { "br", KIND_BREAK },
};

typedef struct
{
  const char *p;          /* the next character to read */
  GString    *clean;      /* the table written out again */
  GString    *plain;      /* its text: the caption, then a line a row */
  GString    *text;       /* text of the cell or caption being read */
  GString    *row;        /* cells of the row being read, tab-separated */
  GPtrArray  *open;       /* const Element *, innermost last */
  guint       n_cells;    /* cells read in the row */
  gboolean    ended;      /* the table is closed: only white space may follow */
} Scan;

static const Element *
find_element (const char *name,
              gsize       len)
{
  for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
    if (name_is (name, len, elements[i].name))
      return &elements[i];
  return NULL;
}

static const Element *
innermost (Scan *scan)
{
  return scan->open->len > 0 ? g_ptr_array_index (scan->open, scan->open->len - 1) : NULL;
}

/* Where each element may stand: the nesting HTML allows, and in which a
 * browser needs to move nothing. */
static gboolean
may_open (Scan          *scan,
          const Element *child)
{
  const Element *parent = innermost (scan);
  Kind kind = parent ? parent->kind : KIND_BREAK;

  switch (child->kind)
    {
    case KIND_TABLE:
      return parent == NULL && !scan->ended;
    case KIND_CAPTION:
    case KIND_SECTION:
      return kind == KIND_TABLE && parent != NULL;
    case KIND_ROW:
      return parent != NULL && (kind == KIND_TABLE || kind == KIND_SECTION);
    case KIND_CELL:
      return parent != NULL && kind == KIND_ROW;
    case KIND_INLINE:
    case KIND_BREAK:
    default:
      return parent != NULL && (kind == KIND_CELL || kind == KIND_CAPTION || kind == KIND_INLINE);
    }
}

static gboolean
holds_text (Scan *scan)
{
  const Element *parent = innermost (scan);

  return parent != NULL && (parent->kind == KIND_CELL || parent->kind == KIND_CAPTION ||
                            parent->kind == KIND_INLINE);
}

/* Appends text with every run of white space made one space, and none at
 * either end, as a browser shows it. */
static void
append_collapsed (GString    *out,
                  const char *text)
{
  const char *p = text + strspn (text, HTML_SPACE);

  while (*p)
    {
      gsize word = strcspn (p, HTML_SPACE);

      g_string_append_len (out, p, (gssize) word);
      p += word;
      p += strspn (p, HTML_SPACE);
      if (*p)
        g_string_append_c (out, ' ');
    }
}

/* A character reference the plain text can decode: numeric, or one of
 * the few names Copydesk writes.  Returns its length, or 0. */
static gsize
read_reference (const char *amp,
                gunichar   *decoded)
{
  static const struct { const char *name; gunichar c; } named[] = {
    { "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' }, { "quot;", '"' }, { "apos;", '\'' },
    { "nbsp;", 0x00A0 },
  };
  const char *p = amp + 1;
  gboolean hex;
  guint64 value = 0;
  gsize digits;

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (g_str_has_prefix (p, named[i].name))
      {
        *decoded = named[i].c;
        return 1 + strlen (named[i].name);
      }
  if (*p++ != '#')
    return 0;
  hex = *p == 'x' || *p == 'X';
  p += hex ? 1 : 0;
  for (digits = 0; hex ? g_ascii_isxdigit (p[digits]) : g_ascii_isdigit (p[digits]); digits++)
    {
      if (digits >= 7)
        return 0;
      value = value * (hex ? 16 : 10) + (guint) (hex ? g_ascii_xdigit_value (p[digits])
                                                      : g_ascii_digit_value (p[digits]));
    }
  if (digits == 0 || p[digits] != ';' || value == 0 || value > 0x10FFFF ||
      !g_unichar_validate ((gunichar) value) ||
      (g_unichar_iscntrl ((gunichar) value) && value != '\t' && value != '\n'))
    return 0;
  *decoded = (gunichar) value;
  return (gsize) (p + digits + 1 - amp);
}

/* Text up to the next tag.  Outside cells and the caption only white
 * space may stand; inside, "&" that starts no reference and ">" are
 * escaped, so the page shows them as typed. */
static gboolean
read_text (Scan *scan)
{
  gsize len = strcspn (scan->p, "<");
  const char *end = scan->p + len;

  if (!holds_text (scan))
    {
      if (strspn (scan->p, HTML_SPACE) < len)
        return FALSE;
      g_string_append_len (scan->clean, scan->p, (gssize) len);
      scan->p = end;
      return TRUE;
    }
  while (scan->p < end)
    {
      gunichar decoded;
      gsize reference = *scan->p == '&' ? read_reference (scan->p, &decoded) : 0;

      if (reference > 0)
        {
          g_string_append_len (scan->clean, scan->p, (gssize) reference);
          g_string_append_unichar (scan->text, decoded);
          scan->p += reference;
          continue;
        }
      if (*scan->p == '&')
        g_string_append (scan->clean, "&amp;");
      else if (*scan->p == '>')
        g_string_append (scan->clean, "&gt;");
      else
        g_string_append_c (scan->clean, *scan->p);
      g_string_append_c (scan->text, *scan->p);
      scan->p++;
    }
  return TRUE;
}

/* colspan="2" or rowspan=3 on a cell, written back as name="number". */
static gboolean
read_attribute (Scan          *scan,
                const Element *element,
                GString       *attributes)
{
  gsize len = name_length (scan->p);
  gboolean colspan = name_is (scan->p, len, "colspan");
  char quote = '\0';
  gsize digits;
  guint64 value;
  g_autofree char *number = NULL;

  if (element->kind != KIND_CELL || (!colspan && !name_is (scan->p, len, "rowspan")) ||
      strstr (attributes->str, colspan ? "colspan=" : "rowspan=") != NULL)
    return FALSE;
  scan->p += len;
  scan->p += strspn (scan->p, HTML_SPACE);
  if (*scan->p++ != '=')
    return FALSE;
  scan->p += strspn (scan->p, HTML_SPACE);
  if (*scan->p == '"' || *scan->p == '\'')
    quote = *scan->p++;
  digits = strspn (scan->p, "0123456789");
  number = g_strndup (scan->p, digits);
  scan->p += digits;
  if (quote != '\0' && *scan->p++ != quote)
    return FALSE;
  /* The largest spans HTML honours. */
  if (!g_ascii_string_to_unsigned (number, 10, colspan ? 1 : 0, colspan ? 1000 : 65534,
                                   &value, NULL))
    return FALSE;
  g_string_append_printf (attributes, " %s=\"%u\"", colspan ? "colspan" : "rowspan",
                          (guint) value);
  return TRUE;
}

static void
open_element (Scan          *scan,
              const Element *element)
{
  if (element->kind == KIND_BREAK)
    {
      /* A line break in a cell is a space in its text. */
      g_string_append_c (scan->text, ' ');
      return;
    }
  g_ptr_array_add (scan->open, (gpointer) element);
  if (element->kind == KIND_ROW)
    {
      g_string_truncate (scan->row, 0);
      scan->n_cells = 0;
    }
  else if (element->kind == KIND_CELL || element->kind == KIND_CAPTION)
    g_string_truncate (scan->text, 0);
}

static void
close_element (Scan          *scan,
               const Element *element)
{
  g_ptr_array_remove_index (scan->open, scan->open->len - 1);
  switch (element->kind)
    {
    case KIND_CELL:
      if (scan->n_cells++ > 0)
        g_string_append_c (scan->row, '\t');
      append_collapsed (scan->row, scan->text->str);
      break;
    case KIND_ROW:
      g_string_append_printf (scan->plain, "%s\n", scan->row->str);
      break;
    case KIND_CAPTION:
      append_collapsed (scan->plain, scan->text->str);
      g_string_append_c (scan->plain, '\n');
      break;
    case KIND_TABLE:
      scan->ended = TRUE;
      break;
    case KIND_SECTION:
    case KIND_INLINE:
    case KIND_BREAK:
    default:
      break;
    }
}

static gboolean
read_start_tag (Scan          *scan,
                const Element *element)
{
  g_autoptr(GString) attributes = g_string_new (NULL);

  for (;;)
    {
      gsize space = strspn (scan->p, HTML_SPACE);

      scan->p += space;
      if (*scan->p == '>' || (scan->p[0] == '/' && scan->p[1] == '>'))
        break;
      if (space == 0 || !read_attribute (scan, element, attributes))
        return FALSE;
    }
  /* Only <br/> may close itself. */
  if (*scan->p == '/' && element->kind != KIND_BREAK)
    return FALSE;
  scan->p += *scan->p == '/' ? 2 : 1;
  g_string_append_printf (scan->clean, "<%s%s>", element->name, attributes->str);
  open_element (scan, element);
  return TRUE;
}

static gboolean
read_tag (Scan *scan)
{
  gboolean is_end = scan->p[1] == '/';
  const char *name = scan->p + (is_end ? 2 : 1);
  gsize len = name_length (name);
  const Element *element = find_element (name, len);

  if (element == NULL)
    return FALSE;
  scan->p = name + len;
  if (!is_end)
    return may_open (scan, element) && read_start_tag (scan, element);

  scan->p += strspn (scan->p, HTML_SPACE);
  if (*scan->p++ != '>' || innermost (scan) != element)
    return FALSE;
  g_string_append_printf (scan->clean, "</%s>", element->name);
  close_element (scan, element);
  return TRUE;
}

static gboolean
scan_table (Scan *scan)
{
  while (*scan->p)
    {
      gboolean ok = *scan->p == '<' ? read_tag (scan) : read_text (scan);

      if (!ok)
        return FALSE;
    }
  return scan->ended && scan->open->len == 0;
}

/**
 * cd_raw_html_clean_table:
 * @html: the text of one raw HTML block of a Markdown body
 * @plain: (out) (optional): the table's text: the caption on a line, then
 *   a line a row with its cells separated by tabs; NULL when refused
 *
 * Checks that @html is one table and nothing else, in the form described
 * at the top of this file, and writes it out again from what was read.
 *
 * Returns: (transfer full) (nullable): the table, safe to put in a page
 *   as it is; NULL when @html holds anything else
 */
char *
cd_raw_html_clean_table (const char  *html,
                         char       **plain)
{
  Scan scan = { 0, };
  gboolean ok;

  g_return_val_if_fail (html != NULL, NULL);

  scan.p = html;
  scan.clean = g_string_new (NULL);
  scan.plain = g_string_new (NULL);
  scan.text = g_string_new (NULL);
  scan.row = g_string_new (NULL);
  scan.open = g_ptr_array_new ();
  ok = scan_table (&scan);

  g_string_free (scan.text, TRUE);
  g_string_free (scan.row, TRUE);
  g_ptr_array_unref (scan.open);
  if (plain)
    *plain = ok ? g_strchomp (g_string_free (g_steal_pointer (&scan.plain), FALSE)) : NULL;
  if (scan.plain)
    g_string_free (scan.plain, TRUE);
  if (!ok)
    {
      g_string_free (scan.clean, TRUE);
      return NULL;
    }
  return g_strstrip (g_string_free (scan.clean, FALSE));
}

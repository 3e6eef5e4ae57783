/* cd-page-copy-parser.c: articles from page copy, one at a time
 *
 * Implements ../shared/formats/page-copy.md. The parser reads the stream
 * line by line and holds one article's lines at a time, so a large file
 * is never in memory more than once; cd_page_copy_parser_next() hands out
 * each article as soon as its last line has been read.
 *
 * An article is split into blocks (runs of non-blank lines). The first
 * line is the headline; the blocks after it belong to the header while
 * they look like what a news page prints there (captions, widget lines,
 * the headline and the captions again), and the first block that does
 * not starts the body. Every line that is dropped is recorded with its
 * reason, so nothing disappears unseen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-credit.h"
#include "cd-line-reader.h"
#include "cd-page-copy-parser.h"
#include "cd-parsed-article-private.h"

typedef struct
{
  char  *text;      /* trimmed */
  guint  number;
  guint  block;
} PageLine;

typedef struct
{
  guint first;      /* index into the article's lines */
  guint n;
} Block;

typedef enum
{
  BLOCK_BODY,
  BLOCK_REPEATED_HEADLINE,
  BLOCK_WIDGETS,
  BLOCK_REPEATED_CAPTIONS,
  BLOCK_CAPTIONS,
} BlockKind;

/* The state of classifying one article. */
typedef struct
{
  GArray *lines;                /* PageLine, borrowed */
  GArray *blocks;               /* Block */
  CdParsedArticle *article;
  GHashTable *caption_lines;    /* caption lines as printed */
  GHashTable *caption_texts;    /* the same without their credit */
  guint64 caption_starts[4];    /* the first bytes of both, as a set of 256 bits */
  const char *headline;
  guint header_last;
  gboolean seen_repeated_headline;
  guint letters;
  guint arabic_letters;
} Analysis;

struct _CdPageCopyParser
{
  GObject parent_instance;

  CdLineReader *reader;
  char *default_language;
  GArray *lines;                /* PageLine of the article being read */
  GString *source;
  GString *pending_blank;       /* a blank line that may still be inside the article */
  guint64 source_offset;
  guint block;
  guint blank_run;
  guint n_articles;
  guint saw_text : 1;       /* any byte besides a byte-order mark */
  guint done : 1;
};

G_DEFINE_FINAL_TYPE (CdPageCopyParser, cd_page_copy_parser, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------
 * Helpers
 */

static void
clear_page_line (gpointer data)
{
  g_free (((PageLine *) data)->text);
}

static gboolean
is_blank_byte (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static char *
trim_line (const char *text,
           gsize       len)
{
  while (len > 0 && is_blank_byte (*text))
    text++, len--;
  while (len > 0 && is_blank_byte (text[len - 1]))
    len--;
  return g_strndup (text, len);
}

/* Text-size toggles ("TT") and bare share or comment counts. */
static gboolean
is_widget_line (const char *text)
{
  if (g_str_equal (text, "TT"))
    return TRUE;
  if (*text == '\0')
    return FALSE;
  for (; *text; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

static void
count_letters (const char *text,
               guint      *letters,
               guint      *arabic)
{
  const char *p = text;

  while (*p)
    {
      gunichar c;

      /* ASCII is by far the most common case and never Arabic; it steps
       * on without the table g_utf8_next_char() reads, which would make
       * every byte wait for a load. */
      if ((guchar) *p < 0x80)
        {
          if ((guchar) ((*p | 0x20) - 'a') < 26)
            (*letters)++;
          p++;
          continue;
        }
      c = g_utf8_get_char (p);
      p = g_utf8_next_char (p);
      if (!g_unichar_isalpha (c))
        continue;
      (*letters)++;
      if (g_unichar_get_script (c) == G_UNICODE_SCRIPT_ARABIC)
        (*arabic)++;
    }
}

static const char *
language_for_counts (guint       letters,
                     guint       arabic,
                     const char *default_language)
{
  /* "Mostly Arabic letters": more than half of all letters. */
  if (letters > 0 && arabic * 2 > letters)
    return "ar";
  return default_language;
}

/**
 * cd_page_copy_detect_language:
 * @default_language: what to answer for text that is not mostly Arabic
 *
 * Returns: "ar" when more than half of the letters of @text are Arabic
 *   script, otherwise @default_language
 */
const char *
cd_page_copy_detect_language (const char *text,
                              const char *default_language)
{
  guint letters = 0, arabic = 0;

  g_return_val_if_fail (text != NULL, default_language);

  count_letters (text, &letters, &arabic);
  return language_for_counts (letters, arabic, default_language);
}

/* ------------------------------------------------------------------------
 * Classifying the blocks of one article
 */

static PageLine *
line_at (Analysis *a,
         guint     block,
         guint     i)
{
  Block *b = &g_array_index (a->blocks, Block, block);

  return &g_array_index (a->lines, PageLine, b->first + i);
}

static guint
block_size (Analysis *a,
            guint     block)
{
  return g_array_index (a->blocks, Block, block).n;
}

static gboolean
block_is_headline (Analysis *a,
                   guint     block)
{
  for (guint i = 0; i < block_size (a, block); i++)
    if (!g_str_equal (line_at (a, block, i)->text, a->headline))
      return FALSE;
  return TRUE;
}

/* A widget block shows "TT" somewhere or ends in a bare count: a count at
 * the end of a run of captions is the share counter under the photos. */
static gboolean
block_has_widgets (Analysis *a,
                   guint     block)
{
  guint n = block_size (a, block);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (line_at (a, block, i)->text, "TT"))
      return TRUE;
  return is_widget_line (line_at (a, block, n - 1)->text);
}

static gboolean
block_has_tt (Analysis *a,
              guint     block)
{
  for (guint i = 0; i < block_size (a, block); i++)
    if (g_str_equal (line_at (a, block, i)->text, "TT"))
      return TRUE;
  return FALSE;
}

static gboolean
block_is_known_captions (Analysis *a,
                         guint     block)
{
  if (g_hash_table_size (a->caption_lines) == 0)
    return FALSE;
  for (guint i = 0; i < block_size (a, block); i++)
    {
      const char *text = line_at (a, block, i)->text;
      if (!g_hash_table_contains (a->caption_lines, text) && !g_str_equal (text, a->headline))
        return FALSE;
    }
  return TRUE;
}

static gboolean
has_credit (const char *text)
{
  return cd_credit_split_caption (text, NULL, NULL);
}

/* Without widget lines or a repeated headline to go by, a block is taken
 * for captions only when it cannot be read as a paragraph: a single line
 * ending in a credit, or lines printed twice in a row (each line either
 * part of such a pair or ending in a credit). */
static gboolean
block_is_caption_shaped (Analysis *a,
                         guint     block)
{
  guint n = block_size (a, block);
  gboolean doubled = FALSE;

  if (n == 1)
    return has_credit (line_at (a, block, 0)->text);

  for (guint i = 0; i < n;)
    {
      const char *text = line_at (a, block, i)->text;

      if (i + 1 < n && g_str_equal (text, line_at (a, block, i + 1)->text))
        {
          doubled = TRUE;
          i += 2;
        }
      else if (has_credit (text))
        i++;
      else
        return FALSE;
    }
  return doubled;
}

static BlockKind
classify_block (Analysis *a,
                guint     block)
{
  guint n_blocks = a->blocks->len;

  if (block_is_headline (a, block))
    return BLOCK_REPEATED_HEADLINE;
  /* Widgets are printed under the first captions, before the headline
   * comes again; after it a bare number is text of the story. */
  if (!a->seen_repeated_headline && block_has_widgets (a, block))
    return BLOCK_WIDGETS;
  if (block_is_known_captions (a, block))
    return BLOCK_REPEATED_CAPTIONS;
  if (block == 1 && block_is_caption_shaped (a, block))
    return BLOCK_CAPTIONS;
  /* Captions without credit, printed once: recognisable only by what
   * follows them, the headline again or the widget line "TT". */
  if (block == 1 && block + 1 < n_blocks &&
      (block_is_headline (a, block + 1) || block_has_tt (a, block + 1)))
    return BLOCK_CAPTIONS;
  return BLOCK_BODY;
}

static void
note_caption_start (Analysis   *a,
                    const char *text)
{
  guchar c = (guchar) text[0];

  a->caption_starts[c / 64] |= G_GUINT64_CONSTANT (1) << (c % 64);
}

static void
add_caption (Analysis *a,
             PageLine *line)
{
  CdParsedPhoto *photo = g_new0 (CdParsedPhoto, 1);

  cd_credit_split_caption (line->text, &photo->caption, &photo->credit);
  photo->line = line->number;
  g_hash_table_add (a->caption_lines, line->text);
  note_caption_start (a, line->text);
  if (*photo->caption != '\0')
    {
      g_hash_table_add (a->caption_texts, photo->caption);
      note_caption_start (a, photo->caption);
    }
  count_letters (photo->caption, &a->letters, &a->arabic_letters);
  _cd_parsed_article_add_photo (a->article, photo);
}

static void
apply_header_block (Analysis  *a,
                    guint      block,
                    BlockKind  kind)
{
  for (guint i = 0; i < block_size (a, block); i++)
    {
      PageLine *line = line_at (a, block, i);

      if (g_str_equal (line->text, a->headline))
        {
          a->seen_repeated_headline = TRUE;
          _cd_parsed_article_add_removed (a->article, line->number, line->text,
                                          CD_REMOVED_REPEATED_HEADLINE);
        }
      else if (kind == BLOCK_WIDGETS && is_widget_line (line->text))
        _cd_parsed_article_add_removed (a->article, line->number, line->text,
                                        CD_REMOVED_WIDGET_LINE);
      else if (g_hash_table_contains (a->caption_lines, line->text))
        _cd_parsed_article_add_removed (a->article, line->number, line->text,
                                        CD_REMOVED_REPEATED_CAPTION);
      else
        add_caption (a, line);
      a->header_last = line->number;
    }
}

static void
flush_paragraph (Analysis *a,
                 GString  *text,
                 guint     first,
                 guint     last)
{
  CdParsedParagraph *paragraph;

  if (text->len == 0)
    return;
  paragraph = g_new0 (CdParsedParagraph, 1);
  paragraph->text = g_strndup (text->str, text->len);
  paragraph->lines.first = first;
  paragraph->lines.last = last;
  count_letters (paragraph->text, &a->letters, &a->arabic_letters);
  _cd_parsed_article_add_paragraph (a->article, paragraph);
  g_string_truncate (text, 0);
}

/* A body line that repeats a caption is the photo printed inside the
 * story again: it is dropped, and the text around it stays apart. */
static gboolean
repeats_caption (Analysis   *a,
                 const char *text)
{
  guchar c = (guchar) text[0];

  /* Most body lines start with another byte than every caption: they are
   * told apart without hashing the whole line twice. */
  if (!(a->caption_starts[c / 64] & (G_GUINT64_CONSTANT (1) << (c % 64))))
    return FALSE;
  return g_hash_table_contains (a->caption_lines, text) ||
         g_hash_table_contains (a->caption_texts, text);
}

static void
apply_body_block (Analysis *a,
                  guint     block,
                  GString  *text)
{
  guint first = 0, last = 0;

  for (guint i = 0; i < block_size (a, block); i++)
    {
      PageLine *line = line_at (a, block, i);

      if (repeats_caption (a, line->text))
        {
          flush_paragraph (a, text, first, last);
          _cd_parsed_article_add_removed (a->article, line->number, line->text,
                                          CD_REMOVED_REPEATED_CAPTION);
          continue;
        }
      if (text->len == 0)
        first = line->number;
      else
        g_string_append_c (text, ' ');
      g_string_append (text, line->text);
      last = line->number;
    }
  flush_paragraph (a, text, first, last);
}

/* Splits the lines into blocks; the headline is a block of its own even
 * when the next line follows it without a blank line. */
static GArray *
make_blocks (GArray *lines)
{
  GArray *blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  Block headline = { 0, 1 };

  g_array_append_val (blocks, headline);
  for (guint i = 1; i < lines->len; i++)
    {
      PageLine *line = &g_array_index (lines, PageLine, i);
      Block *last = &g_array_index (blocks, Block, blocks->len - 1);

      if (blocks->len > 1 && line->block == g_array_index (lines, PageLine, i - 1).block)
        last->n++;
      else
        {
          Block b = { i, 1 };
          g_array_append_val (blocks, b);
        }
    }
  return blocks;
}

static gboolean
all_widget_lines (GArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    if (!is_widget_line (g_array_index (lines, PageLine, i).text))
      return FALSE;
  return TRUE;
}

static void
analyse (CdPageCopyParser *self,
         CdParsedArticle  *article)
{
  g_autoptr(GString) paragraph = g_string_new (NULL);
  Analysis a = { 0 };
  PageLine *headline = &g_array_index (self->lines, PageLine, 0);
  PageLine *last = &g_array_index (self->lines, PageLine, self->lines->len - 1);
  CdLineRange lines = { headline->number, last->number };
  CdLineRange header;
  guint block = 1;

  a.lines = self->lines;
  a.article = article;
  a.headline = headline->text;

  /* A stretch of nothing but widget lines is no article; it is handed
   * out empty, with its lines listed as removed, so that it is seen. */
  if (all_widget_lines (self->lines))
    {
      for (guint i = 0; i < self->lines->len; i++)
        {
          PageLine *line = &g_array_index (self->lines, PageLine, i);
          _cd_parsed_article_add_removed (article, line->number, line->text,
                                          CD_REMOVED_WIDGET_LINE);
        }
      _cd_parsed_article_set_lines (article, lines, lines);
      _cd_parsed_article_set_language (article, self->default_language);
      return;
    }

  a.blocks = make_blocks (self->lines);
  a.caption_lines = g_hash_table_new (g_str_hash, g_str_equal);
  a.caption_texts = g_hash_table_new (g_str_hash, g_str_equal);
  a.header_last = headline->number;

  _cd_parsed_article_set_headline (article, headline->text, headline->number);
  count_letters (headline->text, &a.letters, &a.arabic_letters);

  for (; block < a.blocks->len; block++)
    {
      BlockKind kind = classify_block (&a, block);

      if (kind == BLOCK_BODY)
        break;
      apply_header_block (&a, block, kind);
    }
  for (; block < a.blocks->len; block++)
    apply_body_block (&a, block, paragraph);

  header.first = headline->number;
  header.last = a.header_last;
  _cd_parsed_article_set_lines (article, lines, header);
  _cd_parsed_article_set_language (article,
                                   language_for_counts (a.letters, a.arabic_letters,
                                                        self->default_language));

  g_array_unref (a.blocks);
  g_hash_table_unref (a.caption_lines);
  g_hash_table_unref (a.caption_texts);
}

/* ------------------------------------------------------------------------
 * Reading
 */

static CdParsedArticle *
finish_article (CdPageCopyParser *self)
{
  CdParsedArticle *article = _cd_parsed_article_new ();

  analyse (self, article);
  _cd_parsed_article_take_source (article, g_string_free (self->source, FALSE),
                                  self->source_offset);
  self->source = g_string_new (NULL);
  g_array_set_size (self->lines, 0);
  self->block = 0;
  self->n_articles++;
  return article;
}

static void
cd_page_copy_parser_finalize (GObject *object)
{
  CdPageCopyParser *self = CD_PAGE_COPY_PARSER (object);

  g_clear_pointer (&self->reader, cd_line_reader_free);
  g_free (self->default_language);
  g_array_unref (self->lines);
  g_string_free (self->source, TRUE);
  g_string_free (self->pending_blank, TRUE);

  G_OBJECT_CLASS (cd_page_copy_parser_parent_class)->finalize (object);
}

static void
cd_page_copy_parser_class_init (CdPageCopyParserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_page_copy_parser_finalize;
}

static void
cd_page_copy_parser_init (CdPageCopyParser *self)
{
  self->lines = g_array_new (FALSE, FALSE, sizeof (PageLine));
  g_array_set_clear_func (self->lines, clear_page_line);
  self->source = g_string_new (NULL);
  self->pending_blank = g_string_new (NULL);
}

/**
 * cd_page_copy_parser_new:
 * @stream: page copy, UTF-8
 * @default_language: the language of text that is not mostly Arabic
 *
 * Returns: (transfer full): a parser reading @stream
 */
CdPageCopyParser *
cd_page_copy_parser_new (GInputStream *stream,
                         const char   *default_language)
{
  CdPageCopyParser *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = g_object_new (CD_TYPE_PAGE_COPY_PARSER, NULL);
  self->reader = cd_line_reader_new (stream);
  self->default_language = g_strdup (default_language ? default_language : "en");
  return self;
}

static void
add_line (CdPageCopyParser *self,
          CdLine           *line,
          char             *text)
{
  PageLine page_line = { text, line->number, self->block };

  if (self->lines->len == 0)
    self->source_offset = line->offset;
  else if (self->blank_run > 0)
    {
      g_string_append_len (self->source, self->pending_blank->str, self->pending_blank->len);
      page_line.block = ++self->block;
    }
  self->blank_run = 0;
  g_string_append_len (self->source, line->raw, line->raw_len);
  g_array_append_val (self->lines, page_line);
}

/**
 * cd_page_copy_parser_next:
 *
 * Reads the next article. A file without any text is an error
 * (%CD_IMPORT_ERROR_EMPTY); so is text that is not UTF-8 or binary data,
 * with the line and byte offset in the message.
 *
 * Returns: (transfer full) (nullable): the next article, or %NULL at the
 *   end of the stream or on error
 */
CdParsedArticle *
cd_page_copy_parser_next (CdPageCopyParser  *self,
                          GCancellable      *cancellable,
                          GError           **error)
{
  GError *local_error = NULL;
  CdLine line;

  g_return_val_if_fail (CD_IS_PAGE_COPY_PARSER (self), NULL);

  if (self->done)
    return NULL;

  while (cd_line_reader_next (self->reader, &line, cancellable, &local_error))
    {
      char *text = trim_line (line.raw, line.text_len);

      if (line.raw_len > 0)
        self->saw_text = TRUE;
      if (*text != '\0')
        {
          add_line (self, &line, text);
          continue;
        }
      g_free (text);
      if (self->lines->len == 0)
        continue;
      /* Two blank lines end an article. */
      if (++self->blank_run == 2)
        return finish_article (self);
      g_string_truncate (self->pending_blank, 0);
      g_string_append_len (self->pending_blank, line.raw, line.raw_len);
    }

  self->done = TRUE;
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (self->lines->len > 0)
    return finish_article (self);
  if (self->n_articles == 0)
    {
      if (!self->saw_text)
        g_set_error_literal (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_EMPTY,
                             _("the file is empty"));
      else
        g_set_error_literal (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_EMPTY,
                             _("the file holds only blank lines, no article"));
    }
  return NULL;
}

/**
 * cd_page_copy_parse:
 *
 * Reads every article of @stream; see cd_page_copy_parser_next().
 *
 * Returns: (transfer container) (element-type CdParsedArticle): the
 *   articles in file order, or %NULL on error
 */
GPtrArray *
cd_page_copy_parse (GInputStream  *stream,
                    const char    *default_language,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(CdPageCopyParser) parser = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  CdParsedArticle *article;
  GError *local_error = NULL;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  parser = cd_page_copy_parser_new (stream, default_language);
  while ((article = cd_page_copy_parser_next (parser, cancellable, &local_error)))
    g_ptr_array_add (articles, article);
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&articles);
}

GPtrArray *
cd_page_copy_parse_bytes (GBytes      *bytes,
                          const char  *default_language,
                          GError     **error)
{
  g_autoptr(GInputStream) stream = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);

  stream = g_memory_input_stream_new_from_bytes (bytes);
  return cd_page_copy_parse (stream, default_language, NULL, error);
}

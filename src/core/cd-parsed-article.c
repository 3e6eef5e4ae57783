/* cd-parsed-article.c: one article as read from page copy
 *
 * The parse result is kept apart from CdArticle because it carries what
 * an article does not: the lines each part came from and every line that
 * was dropped, with the reason, so that the window can show the cleanup
 * to the editor instead of doing it behind their back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-markdown.h"
#include "cd-parsed-article-private.h"

struct _CdParsedArticle
{
  GObject parent_instance;

  char *headline;
  char *language;
  char *source;
  GPtrArray *photos;        /* CdParsedPhoto */
  GPtrArray *paragraphs;    /* CdParsedParagraph */
  GPtrArray *removed;       /* CdRemovedLine */
  guint64 source_offset;
  guint headline_line;
  CdLineRange lines;
  CdLineRange header;
};

G_DEFINE_FINAL_TYPE (CdParsedArticle, cd_parsed_article, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HEADLINE,
  PROP_LANGUAGE,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------
 * Boxed parts
 */

CdRemovedLine *
cd_removed_line_copy (const CdRemovedLine *line)
{
  CdRemovedLine *copy = g_new (CdRemovedLine, 1);

  *copy = *line;
  copy->text = g_strdup (line->text);
  return copy;
}

void
cd_removed_line_free (CdRemovedLine *line)
{
  if (line == NULL)
    return;
  g_free (line->text);
  g_free (line);
}

G_DEFINE_BOXED_TYPE (CdRemovedLine, cd_removed_line, cd_removed_line_copy, cd_removed_line_free)

/* A stable name for logs, tests and the CLI's machine-readable output. */
const char *
cd_removed_reason_to_string (CdRemovedReason reason)
{
  switch (reason)
    {
    case CD_REMOVED_REPEATED_HEADLINE:
      return "repeated-headline";
    case CD_REMOVED_REPEATED_CAPTION:
      return "repeated-caption";
    case CD_REMOVED_WIDGET_LINE:
      return "widget-line";
    default:
      return NULL;
    }
}

CdParsedPhoto *
cd_parsed_photo_copy (const CdParsedPhoto *photo)
{
  CdParsedPhoto *copy = g_new (CdParsedPhoto, 1);

  *copy = *photo;
  copy->caption = g_strdup (photo->caption);
  copy->credit = g_strdup (photo->credit);
  return copy;
}

void
cd_parsed_photo_free (CdParsedPhoto *photo)
{
  if (photo == NULL)
    return;
  g_free (photo->caption);
  g_free (photo->credit);
  g_free (photo);
}

G_DEFINE_BOXED_TYPE (CdParsedPhoto, cd_parsed_photo, cd_parsed_photo_copy, cd_parsed_photo_free)

CdParsedParagraph *
cd_parsed_paragraph_copy (const CdParsedParagraph *paragraph)
{
  CdParsedParagraph *copy = g_new (CdParsedParagraph, 1);

  *copy = *paragraph;
  copy->text = g_strdup (paragraph->text);
  return copy;
}

void
cd_parsed_paragraph_free (CdParsedParagraph *paragraph)
{
  if (paragraph == NULL)
    return;
  g_free (paragraph->text);
  g_free (paragraph);
}

G_DEFINE_BOXED_TYPE (CdParsedParagraph, cd_parsed_paragraph,
                     cd_parsed_paragraph_copy, cd_parsed_paragraph_free)

/* ------------------------------------------------------------------------
 * GObject
 */

static void
cd_parsed_article_finalize (GObject *object)
{
  CdParsedArticle *self = CD_PARSED_ARTICLE (object);

  g_free (self->headline);
  g_free (self->language);
  g_free (self->source);
  g_ptr_array_unref (self->photos);
  g_ptr_array_unref (self->paragraphs);
  g_ptr_array_unref (self->removed);

  G_OBJECT_CLASS (cd_parsed_article_parent_class)->finalize (object);
}

static void
cd_parsed_article_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CdParsedArticle *self = CD_PARSED_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_HEADLINE:
      g_value_set_string (value, self->headline);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_parsed_article_class_init (CdParsedArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cd_parsed_article_finalize;
  object_class->get_property = cd_parsed_article_get_property;

  /* A parse result does not change, so the properties are read-only; they
   * exist so that list views can bind to them. */
  properties[PROP_HEADLINE] = g_param_spec_string ("headline", NULL, NULL, "", flags);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, "", flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, "", flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_parsed_article_init (CdParsedArticle *self)
{
  self->headline = g_strdup ("");
  self->language = g_strdup ("");
  self->source = g_strdup ("");
  self->photos = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_parsed_photo_free);
  self->paragraphs = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_parsed_paragraph_free);
  self->removed = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_removed_line_free);
}

/* ------------------------------------------------------------------------
 * Filling, for the parsers
 */

CdParsedArticle *
_cd_parsed_article_new (void)
{
  return g_object_new (CD_TYPE_PARSED_ARTICLE, NULL);
}

void
_cd_parsed_article_set_headline (CdParsedArticle *self,
                                 const char      *headline,
                                 guint            line)
{
  g_free (self->headline);
  self->headline = g_strdup (headline);
  self->headline_line = line;
}

void
_cd_parsed_article_add_photo (CdParsedArticle *self,
                              CdParsedPhoto   *photo)
{
  g_ptr_array_add (self->photos, photo);
}

void
_cd_parsed_article_add_paragraph (CdParsedArticle   *self,
                                  CdParsedParagraph *paragraph)
{
  g_ptr_array_add (self->paragraphs, paragraph);
}

void
_cd_parsed_article_add_removed (CdParsedArticle *self,
                                guint            line,
                                const char      *text,
                                CdRemovedReason  reason)
{
  CdRemovedLine *removed = g_new (CdRemovedLine, 1);

  removed->line = line;
  removed->text = g_strdup (text);
  removed->reason = reason;
  g_ptr_array_add (self->removed, removed);
}

void
_cd_parsed_article_set_language (CdParsedArticle *self,
                                 const char      *language)
{
  g_free (self->language);
  self->language = g_strdup (language);
}

void
_cd_parsed_article_set_lines (CdParsedArticle *self,
                              CdLineRange      lines,
                              CdLineRange      header)
{
  self->lines = lines;
  self->header = header;
}

void
_cd_parsed_article_take_source (CdParsedArticle *self,
                                char            *source,
                                guint64          offset)
{
  g_free (self->source);
  self->source = source;
  self->source_offset = offset;
}

/* ------------------------------------------------------------------------
 * Public API
 */

const char *
cd_parsed_article_get_headline (CdParsedArticle *self)
{
  g_return_val_if_fail (CD_IS_PARSED_ARTICLE (self), NULL);
  return self->headline;
}

guint
cd_parsed_article_get_headline_line (CdParsedArticle *self)
{
  g_return_val_if_fail (CD_IS_PARSED_ARTICLE (self), 0);
  return self->headline_line;
}

/* Returns: (transfer none) (element-type CdParsedPhoto): in order of first appearance */
GPtrArray *
cd_parsed_article_get_photos (CdParsedArticle *self)
{
  g_return_val_if_fail (CD_IS_PARSED_ARTICLE (self), NULL);
  return self->photos;
}

/* Returns: (transfer none) (element-type CdParsedParagraph) */
GPtrArray *
cd_parsed_article_get_paragraphs (CdParsedArticle *self)
{
  g_return_val_if_fail (CD_IS_PARSED_ARTICLE (self), NULL);
  return self->paragraphs;
}

/* Returns: (transfer none) (element-type CdRemovedLine): in line order */
GPtrArray *
cd_parsed_article_get_removed (CdParsedArticle *self)
{
  g_return_val_if_fail (CD_IS_PARSED_ARTICLE (self), NULL);
  return self->removed;
}

const char *
cd_parsed_article_get_language (CdParsedArticle *self)
{
  g_return_val_if_fail (CD_IS_PARSED_ARTICLE (self), NULL);
  return self->language;
}

/* The article's lines in the file, from the headline to its last
 * non-blank line. */
CdLineRange
cd_parsed_article_get_lines (CdParsedArticle *self)
{
  CdLineRange none = { 0, 0 };

  g_return_val_if_fail (CD_IS_PARSED_ARTICLE (self), none);
  return self->lines;
}

/* From the headline to the last line before the first body paragraph. */
CdLineRange
cd_parsed_article_get_header_lines (CdParsedArticle *self)
{
  CdLineRange none = { 0, 0 };

  g_return_val_if_fail (CD_IS_PARSED_ARTICLE (self), none);
  return self->header;
}

/* The article's part of the file, byte for byte: from the start of the
 * headline's line to the end of its last line, line ends included. */
const char *
cd_parsed_article_get_source (CdParsedArticle *self)
{
  g_return_val_if_fail (CD_IS_PARSED_ARTICLE (self), NULL);
  return self->source;
}

guint64
cd_parsed_article_get_source_offset (CdParsedArticle *self)
{
  g_return_val_if_fail (CD_IS_PARSED_ARTICLE (self), 0);
  return self->source_offset;
}

/* TRUE for a stretch of page copy that held nothing but widget lines. */
gboolean
cd_parsed_article_is_empty (CdParsedArticle *self)
{
  g_return_val_if_fail (CD_IS_PARSED_ARTICLE (self), TRUE);
  return *self->headline == '\0' && self->photos->len == 0 && self->paragraphs->len == 0;
}

gboolean
cd_parsed_article_has_photo_without_credit (CdParsedArticle *self)
{
  g_return_val_if_fail (CD_IS_PARSED_ARTICLE (self), FALSE);

  for (guint i = 0; i < self->photos->len; i++)
    if (*((CdParsedPhoto *) g_ptr_array_index (self->photos, i))->credit == '\0')
      return TRUE;
  return FALSE;
}

/**
 * cd_parsed_article_dup_body:
 *
 * The paragraphs as a CommonMark body, one empty line between them, each
 * escaped so that it reads back as exactly its text: a paragraph "1." or
 * "# 5" is text from a page, not a list or a heading.
 *
 * Returns: (transfer full): the body
 */
char *
cd_parsed_article_dup_body (CdParsedArticle *self)
{
  GString *body;

  g_return_val_if_fail (CD_IS_PARSED_ARTICLE (self), NULL);

  body = g_string_new (NULL);
  for (guint i = 0; i < self->paragraphs->len; i++)
    {
      CdParsedParagraph *paragraph = g_ptr_array_index (self->paragraphs, i);
      g_autofree char *escaped = cd_markdown_escape_paragraph (paragraph->text);

      if (i > 0)
        g_string_append (body, "\n\n");
      g_string_append (body, escaped);
    }
  return g_string_free (body, FALSE);
}

/**
 * cd_parsed_article_to_article:
 *
 * Builds a new draft article: headline, body, language, the photos with
 * caption and credit, and the page copy it came from as its source.
 *
 * Returns: (transfer full): a new article with a new id
 */
CdArticle *
cd_parsed_article_to_article (CdParsedArticle *self)
{
  g_autoptr(CdArticle) article = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (CD_IS_PARSED_ARTICLE (self), NULL);

  body = cd_parsed_article_dup_body (self);
  article = g_object_new (CD_TYPE_ARTICLE,
                          "headline", self->headline,
                          "language", self->language,
                          "body", body,
                          "source", self->source,
                          NULL);
  for (guint i = 0; i < self->photos->len; i++)
    {
      CdParsedPhoto *parsed = g_ptr_array_index (self->photos, i);
      g_autoptr(CdPhoto) photo = cd_photo_new ();

      cd_photo_set_caption (photo, parsed->caption);
      cd_photo_set_credit (photo, parsed->credit);
      cd_article_add_photo (article, photo);
    }
  return g_steal_pointer (&article);
}

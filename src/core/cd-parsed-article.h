/* cd-parsed-article.h: one article as read from page copy, with what was
 * removed on the way and where each part came from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cd-article.h"

G_BEGIN_DECLS

/* Why a line of page copy did not become text of the article. */
typedef enum
{
  CD_REMOVED_REPEATED_HEADLINE,   /* the headline printed a second time */
  CD_REMOVED_REPEATED_CAPTION,    /* a caption printed again (header or body) */
  CD_REMOVED_WIDGET_LINE,         /* "TT" or a bare count left by page widgets */
} CdRemovedReason;

/* Line numbers are 1-based and count every line of the file. */
typedef struct
{
  guint first;
  guint last;
} CdLineRange;

typedef struct
{
  guint            line;
  char            *text;
  CdRemovedReason  reason;
} CdRemovedLine;

typedef struct
{
  char  *caption;   /* without the credit */
  char  *credit;    /* verbatim, "" when the caption has none */
  guint  line;      /* where the caption first appears */
} CdParsedPhoto;

typedef struct
{
  char        *text;    /* the lines joined with single spaces */
  CdLineRange  lines;
} CdParsedParagraph;

#define CD_TYPE_REMOVED_LINE (cd_removed_line_get_type ())
#define CD_TYPE_PARSED_PHOTO (cd_parsed_photo_get_type ())
#define CD_TYPE_PARSED_PARAGRAPH (cd_parsed_paragraph_get_type ())

GType              cd_removed_line_get_type         (void) G_GNUC_CONST;
CdRemovedLine     *cd_removed_line_copy             (const CdRemovedLine *line);
void               cd_removed_line_free             (CdRemovedLine       *line);
const char        *cd_removed_reason_to_string      (CdRemovedReason      reason);

GType              cd_parsed_photo_get_type         (void) G_GNUC_CONST;
CdParsedPhoto     *cd_parsed_photo_copy             (const CdParsedPhoto *photo);
void               cd_parsed_photo_free             (CdParsedPhoto       *photo);

GType              cd_parsed_paragraph_get_type     (void) G_GNUC_CONST;
CdParsedParagraph *cd_parsed_paragraph_copy         (const CdParsedParagraph *paragraph);
void               cd_parsed_paragraph_free         (CdParsedParagraph   *paragraph);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdRemovedLine, cd_removed_line_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdParsedPhoto, cd_parsed_photo_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdParsedParagraph, cd_parsed_paragraph_free)

#define CD_TYPE_PARSED_ARTICLE (cd_parsed_article_get_type ())
G_DECLARE_FINAL_TYPE (CdParsedArticle, cd_parsed_article, CD, PARSED_ARTICLE, GObject)

const char  *cd_parsed_article_get_headline       (CdParsedArticle *self);
guint        cd_parsed_article_get_headline_line  (CdParsedArticle *self);
GPtrArray   *cd_parsed_article_get_photos         (CdParsedArticle *self);
GPtrArray   *cd_parsed_article_get_paragraphs     (CdParsedArticle *self);
GPtrArray   *cd_parsed_article_get_removed        (CdParsedArticle *self);
const char  *cd_parsed_article_get_language       (CdParsedArticle *self);
CdLineRange  cd_parsed_article_get_lines          (CdParsedArticle *self);
CdLineRange  cd_parsed_article_get_header_lines   (CdParsedArticle *self);
const char  *cd_parsed_article_get_source         (CdParsedArticle *self);
guint64      cd_parsed_article_get_source_offset  (CdParsedArticle *self);
gboolean     cd_parsed_article_is_empty           (CdParsedArticle *self);
gboolean     cd_parsed_article_has_photo_without_credit (CdParsedArticle *self);
char        *cd_parsed_article_dup_body           (CdParsedArticle *self);
CdArticle   *cd_parsed_article_to_article         (CdParsedArticle *self);

G_END_DECLS

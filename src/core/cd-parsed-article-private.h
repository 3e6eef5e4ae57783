/* cd-parsed-article-private.h: how the parsers fill a CdParsedArticle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-parsed-article.h"

G_BEGIN_DECLS

CdParsedArticle *_cd_parsed_article_new           (void);
void             _cd_parsed_article_set_headline  (CdParsedArticle *self,
                                                   const char      *headline,
                                                   guint            line);
void             _cd_parsed_article_add_photo     (CdParsedArticle *self,
                                                   CdParsedPhoto   *photo);
void             _cd_parsed_article_add_paragraph (CdParsedArticle *self,
                                                   CdParsedParagraph *paragraph);
void             _cd_parsed_article_add_removed   (CdParsedArticle *self,
                                                   guint            line,
                                                   const char      *text,
                                                   CdRemovedReason  reason);
void             _cd_parsed_article_set_language  (CdParsedArticle *self,
                                                   const char      *language);
void             _cd_parsed_article_set_lines     (CdParsedArticle *self,
                                                   CdLineRange      lines,
                                                   CdLineRange      header);
void             _cd_parsed_article_take_source   (CdParsedArticle *self,
                                                   char            *source,
                                                   guint64          offset);

G_END_DECLS

/* cd-trashed-article.h: an article in the store's trash, and when it
 * went there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cd-article-summary.h"

G_BEGIN_DECLS

#define CD_TYPE_TRASHED_ARTICLE (cd_trashed_article_get_type ())
G_DECLARE_FINAL_TYPE (CdTrashedArticle, cd_trashed_article, CD, TRASHED_ARTICLE, GObject)

CdTrashedArticle *cd_trashed_article_new          (CdArticleSummary *summary,
                                                   GDateTime        *trashed);
CdArticleSummary *cd_trashed_article_get_summary  (CdTrashedArticle *self);
const char       *cd_trashed_article_get_id       (CdTrashedArticle *self);
const char       *cd_trashed_article_get_headline (CdTrashedArticle *self);
GDateTime        *cd_trashed_article_get_trashed  (CdTrashedArticle *self);
int               cd_trashed_article_compare      (CdTrashedArticle *a,
                                                   CdTrashedArticle *b);

G_END_DECLS

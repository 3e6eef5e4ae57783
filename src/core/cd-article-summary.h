/* cd-article-summary.h: what the article list shows of one article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cd-article.h"

G_BEGIN_DECLS

#define CD_TYPE_ARTICLE_SUMMARY (cd_article_summary_get_type ())
G_DECLARE_FINAL_TYPE (CdArticleSummary, cd_article_summary, CD, ARTICLE_SUMMARY, GObject)

CdArticleSummary   *cd_article_summary_new              (CdArticle        *article);
void                cd_article_summary_update           (CdArticleSummary *self,
                                                         CdArticle        *article);
int                 cd_article_summary_compare          (CdArticleSummary *a,
                                                         CdArticleSummary *b);
int                 cd_article_summary_compare_created  (CdArticleSummary *a,
                                                         CdArticleSummary *b);

const char         *cd_article_summary_get_id           (CdArticleSummary *self);
const char         *cd_article_summary_get_headline     (CdArticleSummary *self);
const char         *cd_article_summary_get_standfirst   (CdArticleSummary *self);
CdArticleStatus     cd_article_summary_get_status       (CdArticleSummary *self);
const char         *cd_article_summary_get_section      (CdArticleSummary *self);
char              **cd_article_summary_dup_tags         (CdArticleSummary *self);
const char         *cd_article_summary_get_language     (CdArticleSummary *self);
GDateTime          *cd_article_summary_dup_created      (CdArticleSummary *self);
GDateTime          *cd_article_summary_dup_modified     (CdArticleSummary *self);
guint64             cd_article_summary_get_revision     (CdArticleSummary *self);
guint               cd_article_summary_get_n_photos     (CdArticleSummary *self);
CdArticleWarnings   cd_article_summary_get_warnings     (CdArticleSummary *self);
const char         *cd_article_summary_get_duplicate_of (CdArticleSummary *self);
char               *cd_article_summary_dup_fingerprint  (CdArticleSummary *self);
guint64             cd_article_summary_get_simhash      (CdArticleSummary *self);

G_END_DECLS

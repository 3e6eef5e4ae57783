/* cd-article-row.h: one line of the article list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cd-article-summary.h"

G_BEGIN_DECLS

#define CD_TYPE_ARTICLE_ROW (cd_article_row_get_type ())
G_DECLARE_FINAL_TYPE (CdArticleRow, cd_article_row, CD, ARTICLE_ROW, GtkWidget)

GtkWidget        *cd_article_row_new         (void);
CdArticleSummary *cd_article_row_get_summary (CdArticleRow     *self);
void              cd_article_row_set_summary (CdArticleRow     *self,
                                              CdArticleSummary *summary);
const char       *cd_article_row_get_meta    (CdArticleRow     *self);
void              cd_article_row_set_body_match (CdArticleRow *self,
                                                 gboolean      body_match);
gboolean          cd_article_row_get_body_match (CdArticleRow *self);
void              cd_article_row_update_time (CdArticleRow     *self,
                                              GDateTime        *now);

G_END_DECLS

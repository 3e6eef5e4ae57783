/* cd-article-merge.h: three-way merge of two versions of one article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-article.h"

G_BEGIN_DECLS

GPtrArray *cd_article_merge_find_clashes (CdArticle *base,
                                          CdArticle *mine,
                                          CdArticle *theirs);
GPtrArray *cd_article_merge_take_theirs  (CdArticle *base,
                                          CdArticle *mine,
                                          CdArticle *theirs);

G_END_DECLS

/* cd-article-merge.h: three-way merge of two versions of one article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-article.h"

G_BEGIN_DECLS

/* Whose value a part both sides changed keeps. */
typedef enum
{
  CD_ARTICLE_MERGE_CLASHES_KEEP_MINE,
  CD_ARTICLE_MERGE_CLASHES_TAKE_THEIRS,
} CdArticleMergeClashes;

GPtrArray *cd_article_merge_find_clashes (CdArticle             *base,
                                          CdArticle             *mine,
                                          CdArticle             *theirs);
GPtrArray *cd_article_merge_take_theirs  (CdArticle             *base,
                                          CdArticle             *mine,
                                          CdArticle             *theirs,
                                          CdArticleMergeClashes  clashes);

G_END_DECLS

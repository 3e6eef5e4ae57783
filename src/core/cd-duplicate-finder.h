/* cd-duplicate-finder.h: is an article already known, or like one?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-article.h"
#include "cd-store.h"

G_BEGIN_DECLS

typedef enum
{
  CD_DUPLICATE_NONE,     /* like nothing known */
  CD_DUPLICATE_SAME,     /* the same text as a known article */
  CD_DUPLICATE_NEAR,     /* close to a known article: an edit of the same story */
} CdDuplicateKind;

typedef struct _CdDuplicateFinder CdDuplicateFinder;

CdDuplicateFinder *cd_duplicate_finder_new             (guint               max_distance);
CdDuplicateFinder *cd_duplicate_finder_new_for_store   (CdStore            *store,
                                                        guint               max_distance);
void               cd_duplicate_finder_free            (CdDuplicateFinder  *self);
void               cd_duplicate_finder_add             (CdDuplicateFinder  *self,
                                                        const char         *fingerprint,
                                                        guint64             simhash,
                                                        const char         *id);
void               cd_duplicate_finder_add_article     (CdDuplicateFinder  *self,
                                                        CdArticle          *article);
CdDuplicateKind    cd_duplicate_finder_check           (CdDuplicateFinder  *self,
                                                        CdArticle          *article,
                                                        const char        **other_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdDuplicateFinder, cd_duplicate_finder_free)

G_END_DECLS

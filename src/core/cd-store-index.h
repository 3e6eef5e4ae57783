/* cd-store-index.h: the store's cache of list fields (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sys/stat.h>

#include "cd-article-summary-private.h"

G_BEGIN_DECLS

typedef struct _CdStoreIndex CdStoreIndex;

void              cd_file_stamp_from_stat  (CdFileStamp        *stamp,
                                            const struct stat  *st);
gboolean          cd_file_stamp_equal      (const CdFileStamp  *a,
                                            const CdFileStamp  *b);

CdStoreIndex     *cd_store_index_load      (const char         *path);
guint             cd_store_index_get_size  (CdStoreIndex       *index);
CdArticleSummary *cd_store_index_lookup    (CdStoreIndex       *index,
                                            const char         *id,
                                            const CdFileStamp  *stamp);
void              cd_store_index_free      (CdStoreIndex       *index);
GBytes           *cd_store_index_serialize (CdArticleSummary  **summaries,
                                            guint               n_summaries);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdStoreIndex, cd_store_index_free)

G_END_DECLS

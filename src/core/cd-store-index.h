/* cd-store-index.h: the store's cache of list fields (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sys/stat.h>

#include "cd-article-summary.h"

G_BEGIN_DECLS

/* What identifies one version of an article file without reading it. */
typedef struct
{
  gint64  size;
  gint64  mtime_ns;
  guint64 ino;
} CdFileStamp;

typedef struct
{
  CdArticleSummary *summary;
  CdFileStamp       stamp;
} CdIndexEntry;

typedef struct _CdStoreIndex CdStoreIndex;

void              cd_file_stamp_from_stat (CdFileStamp        *stamp,
                                           const struct stat  *st);
gboolean          cd_file_stamp_equal     (const CdFileStamp  *a,
                                           const CdFileStamp  *b);

CdStoreIndex     *cd_store_index_load     (const char         *path);
guint             cd_store_index_get_size (CdStoreIndex       *index);
CdArticleSummary *cd_store_index_lookup   (CdStoreIndex       *index,
                                           const char         *id,
                                           const CdFileStamp  *stamp);
void              cd_store_index_free     (CdStoreIndex       *index);
GBytes           *cd_store_index_serialize (CdIndexEntry     **entries,
                                            guint              n_entries);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdStoreIndex, cd_store_index_free)

G_END_DECLS

/* cd-store-batch.h: adding many new articles at once (private to the core)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-store.h"

G_BEGIN_DECLS

typedef struct _CdStoreBatch CdStoreBatch;

CdStoreBatch *cd_store_batch_new        (CdStore       *store);
gboolean      cd_store_batch_add        (CdStoreBatch  *batch,
                                         CdArticle     *article,
                                         GBytes        *bytes,
                                         GError       **error);
char         *cd_store_batch_add_photo_file (CdStoreBatch *batch,
                                         GFile         *source,
                                         guint         *width,
                                         guint         *height,
                                         GError       **error);
guint         cd_store_batch_get_size   (CdStoreBatch  *batch);
gboolean      cd_store_batch_commit     (CdStoreBatch  *batch,
                                         GCancellable  *cancellable,
                                         GError       **error);
void          cd_store_batch_apply      (CdStoreBatch  *batch);
void          cd_store_batch_free       (CdStoreBatch  *batch);

void          cd_store_stamp_revision   (CdArticle     *article,
                                         guint64        revision);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdStoreBatch, cd_store_batch_free)

G_END_DECLS

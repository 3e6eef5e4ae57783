/* cd-simhash-index.h: finding the closest SimHash within a distance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CdSimhashIndex CdSimhashIndex;

CdSimhashIndex *cd_simhash_index_new           (guint            max_distance);
void            cd_simhash_index_free          (CdSimhashIndex  *index);
void            cd_simhash_index_add           (CdSimhashIndex  *index,
                                                guint64          simhash,
                                                gpointer         value);
guint           cd_simhash_index_get_size      (CdSimhashIndex  *index);
gpointer        cd_simhash_index_find_closest  (CdSimhashIndex  *index,
                                                guint64          simhash,
                                                guint           *distance);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdSimhashIndex, cd_simhash_index_free)

G_END_DECLS

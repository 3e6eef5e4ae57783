/* cd-search-model.h: the articles of a list model that match a search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-article-summary.h"

G_BEGIN_DECLS

#define CD_TYPE_SEARCH_MODEL (cd_search_model_get_type ())
G_DECLARE_FINAL_TYPE (CdSearchModel, cd_search_model, CD, SEARCH_MODEL, GObject)

CdSearchModel *cd_search_model_new          (GListModel     *source);
GListModel    *cd_search_model_get_source   (CdSearchModel  *self);
void           cd_search_model_set_query    (CdSearchModel  *self,
                                             const char     *query);
const char    *cd_search_model_get_query    (CdSearchModel  *self);
void           cd_search_model_set_status   (CdSearchModel  *self,
                                             int             status);
void           cd_search_model_set_section  (CdSearchModel  *self,
                                             const char     *section);
void           cd_search_model_add_matches  (CdSearchModel  *self,
                                             GHashTable     *ids);
guint          cd_search_model_find         (CdSearchModel    *self,
                                             CdArticleSummary *summary);
gboolean       cd_search_model_is_body_match (CdSearchModel    *self,
                                              CdArticleSummary *summary);
gboolean       cd_search_model_prepare      (CdSearchModel  *self,
                                             gint64          deadline);

G_END_DECLS

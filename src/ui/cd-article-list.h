/* cd-article-list.h: the searchable, filterable list of articles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cd-store.h"

G_BEGIN_DECLS

typedef enum
{
  CD_SORT_MODIFIED,
  CD_SORT_CREATED,
  CD_SORT_HEADLINE,
} CdSortKey;

#define CD_TYPE_ARTICLE_LIST (cd_article_list_get_type ())
G_DECLARE_FINAL_TYPE (CdArticleList, cd_article_list, CD, ARTICLE_LIST, GtkWidget)

GtkWidget   *cd_article_list_new              (void);
CdStore     *cd_article_list_get_store        (CdArticleList  *self);
void         cd_article_list_set_store        (CdArticleList  *self,
                                               CdStore        *store);
GListModel  *cd_article_list_get_model        (CdArticleList  *self);
GtkWidget   *cd_article_list_get_selection_bar (CdArticleList *self);
char       **cd_article_list_dup_selected_ids (CdArticleList  *self);
gboolean     cd_article_list_select_id        (CdArticleList  *self,
                                               const char     *id);
void         cd_article_list_set_open_id      (CdArticleList  *self,
                                               const char     *id);
void         cd_article_list_select_all       (CdArticleList  *self);
void         cd_article_list_start_search     (CdArticleList  *self);
void         cd_article_list_set_search_text  (CdArticleList  *self,
                                               const char     *text);
const char  *cd_article_list_get_search_text  (CdArticleList  *self);
gboolean     cd_article_list_get_searching    (CdArticleList  *self);
CdSortKey    cd_article_list_get_sort_key     (CdArticleList  *self);
void         cd_article_list_set_sort_key     (CdArticleList  *self,
                                               CdSortKey       key);
void         cd_article_list_set_status_filter (CdArticleList *self,
                                               int             status);
void         cd_article_list_set_section_filter (CdArticleList *self,
                                               const char     *section);
char       **cd_article_list_dup_tags         (CdArticleList  *self);
void         cd_article_list_focus            (CdArticleList  *self);
gboolean     cd_article_list_get_activate_on_single_click (CdArticleList *self);
void         cd_article_list_set_activate_on_single_click (CdArticleList *self,
                                                           gboolean       single_click);

G_END_DECLS

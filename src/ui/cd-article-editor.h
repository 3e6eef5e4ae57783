/* cd-article-editor.h: the editing pane of one article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cd-article.h"
#include "cd-spell-highlighter.h"

G_BEGIN_DECLS

#define CD_TYPE_ARTICLE_EDITOR (cd_article_editor_get_type ())
G_DECLARE_FINAL_TYPE (CdArticleEditor, cd_article_editor, CD, ARTICLE_EDITOR, GtkWidget)

GtkWidget  *cd_article_editor_new                (void);
CdArticle  *cd_article_editor_get_article        (CdArticleEditor *self);
void        cd_article_editor_set_article        (CdArticleEditor *self,
                                                  CdArticle       *article);
guint       cd_article_editor_get_headline_limit (CdArticleEditor *self);
void        cd_article_editor_set_headline_limit (CdArticleEditor *self,
                                                  guint            limit);
void        cd_article_editor_set_known_tags     (CdArticleEditor    *self,
                                                  const char * const *tags);
void        cd_article_editor_set_save_state     (CdArticleEditor *self,
                                                  const char      *state);
void        cd_article_editor_focus_headline     (CdArticleEditor *self);
GtkWidget  *cd_article_editor_get_headline_entry (CdArticleEditor *self);
GtkWidget  *cd_article_editor_get_section_entry  (CdArticleEditor *self);
GtkWidget  *cd_article_editor_get_tags_entry     (CdArticleEditor *self);
GtkWidget  *cd_article_editor_get_body_view      (CdArticleEditor *self);
CdSpellHighlighter *cd_article_editor_get_spell_highlighter (CdArticleEditor *self);
void        cd_article_editor_prepare_spell_menu (CdArticleEditor *self);

G_END_DECLS

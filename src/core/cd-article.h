/* cd-article.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cd-photo.h"
#include "cd-site-binding.h"

G_BEGIN_DECLS

typedef enum
{
  CD_ARTICLE_STATUS_DRAFT,
  CD_ARTICLE_STATUS_EDITED,
  CD_ARTICLE_STATUS_READY,
  CD_ARTICLE_STATUS_PUBLISHED,
  CD_ARTICLE_STATUS_WITHDRAWN,
} CdArticleStatus;

/* What an editor should look at before the article goes out. */
typedef enum /*< flags >*/
{
  CD_ARTICLE_WARNING_NONE               = 0,
  CD_ARTICLE_WARNING_PHOTO_NO_CREDIT    = 1 << 0,
  CD_ARTICLE_WARNING_EMPTY_BODY         = 1 << 1,
  CD_ARTICLE_WARNING_POSSIBLE_DUPLICATE = 1 << 2,
  CD_ARTICLE_WARNING_NO_HEADLINE        = 1 << 3,
} CdArticleWarnings;

#define CD_TYPE_ARTICLE (cd_article_get_type ())
G_DECLARE_FINAL_TYPE (CdArticle, cd_article, CD, ARTICLE, GObject)

const char        *cd_article_status_to_string     (CdArticleStatus   status);
gboolean           cd_article_status_from_string   (const char       *str,
                                                    CdArticleStatus  *status);

CdArticle         *cd_article_new                  (void);
CdArticle         *cd_article_new_with_id          (const char       *id);
CdArticle         *cd_article_copy                 (CdArticle        *self);
gboolean           cd_article_equal                (CdArticle        *a,
                                                    CdArticle        *b);

const char        *cd_article_get_id               (CdArticle        *self);
const char        *cd_article_get_headline         (CdArticle        *self);
void               cd_article_set_headline         (CdArticle        *self,
                                                    const char       *headline);
const char        *cd_article_get_standfirst       (CdArticle        *self);
void               cd_article_set_standfirst       (CdArticle        *self,
                                                    const char       *standfirst);
const char        *cd_article_get_byline           (CdArticle        *self);
void               cd_article_set_byline           (CdArticle        *self,
                                                    const char       *byline);
const char        *cd_article_get_dateline         (CdArticle        *self);
void               cd_article_set_dateline         (CdArticle        *self,
                                                    const char       *dateline);
const char        *cd_article_get_section          (CdArticle        *self);
void               cd_article_set_section          (CdArticle        *self,
                                                    const char       *section);
const char * const *cd_article_get_tags            (CdArticle        *self);
void               cd_article_set_tags             (CdArticle        *self,
                                                    const char * const *tags);
const char        *cd_article_get_language         (CdArticle        *self);
void               cd_article_set_language         (CdArticle        *self,
                                                    const char       *language);
gboolean           cd_article_is_rtl               (CdArticle        *self);
CdArticleStatus    cd_article_get_status           (CdArticle        *self);
void               cd_article_set_status           (CdArticle        *self,
                                                    CdArticleStatus   status);
const char        *cd_article_get_body             (CdArticle        *self);
void               cd_article_set_body             (CdArticle        *self,
                                                    const char       *body);
const char        *cd_article_get_note             (CdArticle        *self);
void               cd_article_set_note             (CdArticle        *self,
                                                    const char       *note);
const char        *cd_article_get_source           (CdArticle        *self);
void               cd_article_set_source           (CdArticle        *self,
                                                    const char       *source);
const char        *cd_article_get_source_url       (CdArticle        *self);
void               cd_article_set_source_url       (CdArticle        *self,
                                                    const char       *source_url);
const char        *cd_article_get_duplicate_of     (CdArticle        *self);
void               cd_article_set_duplicate_of     (CdArticle        *self,
                                                    const char       *duplicate_of);
GDateTime         *cd_article_get_created          (CdArticle        *self);
void               cd_article_set_created          (CdArticle        *self,
                                                    GDateTime        *created);
GDateTime         *cd_article_get_modified         (CdArticle        *self);
void               cd_article_set_modified         (CdArticle        *self,
                                                    GDateTime        *modified);
guint64            cd_article_get_revision         (CdArticle        *self);
void               cd_article_set_revision         (CdArticle        *self,
                                                    guint64           revision);

GListModel        *cd_article_get_photos           (CdArticle        *self);
guint              cd_article_get_n_photos         (CdArticle        *self);
CdPhoto           *cd_article_get_photo            (CdArticle        *self,
                                                    guint             position);
void               cd_article_add_photo            (CdArticle        *self,
                                                    CdPhoto          *photo);
void               cd_article_insert_photo         (CdArticle        *self,
                                                    guint             position,
                                                    CdPhoto          *photo);
void               cd_article_remove_photo         (CdArticle        *self,
                                                    guint             position);
void               cd_article_move_photo           (CdArticle        *self,
                                                    guint             from,
                                                    guint             to);

GPtrArray         *cd_article_get_bindings         (CdArticle        *self);
CdSiteBinding     *cd_article_get_binding          (CdArticle        *self,
                                                    const char       *site);
void               cd_article_set_binding          (CdArticle        *self,
                                                    CdSiteBinding    *binding);
void               cd_article_remove_binding       (CdArticle        *self,
                                                    const char       *site);

JsonObject        *cd_article_get_ninjs_extra      (CdArticle        *self);
void               cd_article_set_ninjs_extra      (CdArticle        *self,
                                                    JsonObject       *extra);

CdArticleWarnings  cd_article_get_warnings         (CdArticle        *self);
char              *cd_article_dup_fingerprint      (CdArticle        *self);
guint64            cd_article_get_simhash          (CdArticle        *self);
guint              cd_simhash_distance             (guint64           a,
                                                    guint64           b);

G_END_DECLS

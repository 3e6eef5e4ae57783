/* cd-store.h: the JSON-file store on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-article.h"
#include "cd-article-summary.h"
#include "cd-trashed-article.h"

G_BEGIN_DECLS

#define CD_STORE_ERROR (cd_store_error_quark ())

typedef enum
{
  CD_STORE_ERROR_NOT_FOUND,     /* no article with that id */
  CD_STORE_ERROR_AMBIGUOUS,     /* an id prefix that matches several articles */
  CD_STORE_ERROR_CONFLICT,      /* another program saved the article since it was loaded */
  CD_STORE_ERROR_LOCKED,        /* another program holds the store's lock for too long */
  CD_STORE_ERROR_CORRUPT,       /* the file does not load; it was quarantined */
  CD_STORE_ERROR_NEWER_FORMAT,  /* written by a newer Copydesk */
  CD_STORE_ERROR_EXISTS,        /* an article with that id is already in the store */
  CD_STORE_ERROR_IO,
  CD_STORE_ERROR_NOT_AN_IMAGE,  /* cd_store_add_photo_file() was given another kind of file */
  CD_STORE_ERROR_INVALID_ID,    /* not an article id (a lower-case UUID) */
} CdStoreError;

typedef enum
{
  CD_STORE_PRUNE_NONE    = 0,
  CD_STORE_PRUNE_DRY_RUN = 1 << 0,  /* only say which images would go */
} CdStorePruneFlags;

/* cd_store_prune_photos() keeps the images written more recently than
 * this: a program copies an image in before it saves the article that
 * names it. */
#define CD_STORE_PRUNE_GRACE_SECONDS (24 * 60 * 60)

#define CD_TYPE_STORE (cd_store_get_type ())
G_DECLARE_FINAL_TYPE (CdStore, cd_store, CD, STORE, GObject)

GQuark            cd_store_error_quark          (void);
char             *cd_store_default_path         (void);

CdStore          *cd_store_new                  (const char           *path);
const char       *cd_store_get_path             (CdStore              *self);
void              cd_store_set_lock_timeout     (CdStore              *self,
                                                 guint                 timeout_ms);
guint             cd_store_get_lock_timeout     (CdStore              *self);
char             *cd_store_dup_photos_uri       (CdStore              *self);
void              cd_store_set_watch            (CdStore              *self,
                                                 gboolean              watch);
gboolean          cd_store_get_watch            (CdStore              *self);
guint             cd_store_get_n_files_read     (CdStore              *self);
void              cd_store_recheck_files        (CdStore              *self);

gboolean          cd_store_open                 (CdStore              *self,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
void              cd_store_open_async           (CdStore              *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean          cd_store_open_finish          (CdStore              *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
GPtrArray        *cd_store_get_problems         (CdStore              *self);

CdArticleSummary *cd_store_find                 (CdStore              *self,
                                                 const char           *id);
char             *cd_store_resolve_id           (CdStore              *self,
                                                 const char           *id_or_prefix,
                                                 GError              **error);

CdArticle        *cd_store_load_article         (CdStore              *self,
                                                 const char           *id,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
void              cd_store_load_article_async   (CdStore              *self,
                                                 const char           *id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
CdArticle        *cd_store_load_article_finish  (CdStore              *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

gboolean          cd_store_refresh_article      (CdStore              *self,
                                                 const char           *id,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
void              cd_store_refresh_article_async (CdStore             *self,
                                                 const char           *id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean          cd_store_refresh_article_finish (CdStore            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

gboolean          cd_store_save_article         (CdStore              *self,
                                                 CdArticle            *article,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
void              cd_store_save_article_async   (CdStore              *self,
                                                 CdArticle            *article,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean          cd_store_save_article_finish  (CdStore              *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
gboolean          cd_store_add_articles         (CdStore              *self,
                                                 GPtrArray            *articles,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
void              cd_store_add_articles_async   (CdStore              *self,
                                                 GPtrArray            *articles,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean          cd_store_add_articles_finish  (CdStore              *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

gboolean          cd_store_trash_article        (CdStore              *self,
                                                 const char           *id,
                                                 GError              **error);
gboolean          cd_store_restore_article      (CdStore              *self,
                                                 const char           *id,
                                                 GError              **error);
gboolean          cd_store_discard_article      (CdStore              *self,
                                                 const char           *id,
                                                 guint64               revision,
                                                 GError              **error);
GPtrArray        *cd_store_list_trash           (CdStore              *self,
                                                 GError              **error);
void              cd_store_list_trashed_async   (CdStore              *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GPtrArray        *cd_store_list_trashed_finish  (CdStore              *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
const char       *cd_store_get_trash_path       (CdStore              *self);
GDateTime        *cd_store_get_trashed_time     (CdStore              *self,
                                                 const char           *id,
                                                 GError              **error);
char            **cd_store_empty_trash          (CdStore              *self,
                                                 GDateTime            *trashed_before,
                                                 guint                *n_images,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
void              cd_store_empty_trash_async    (CdStore              *self,
                                                 GDateTime            *trashed_before,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char            **cd_store_empty_trash_finish   (CdStore              *self,
                                                 GAsyncResult         *result,
                                                 guint                *n_images,
                                                 GError              **error);
char            **cd_store_delete_trashed       (CdStore              *self,
                                                 const char * const   *ids,
                                                 guint                *n_images,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
void              cd_store_delete_trashed_async (CdStore              *self,
                                                 const char * const   *ids,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char            **cd_store_delete_trashed_finish (CdStore             *self,
                                                 GAsyncResult         *result,
                                                 guint                *n_images,
                                                 GError              **error);

char            **cd_store_prune_photos         (CdStore              *self,
                                                 CdStorePruneFlags     flags,
                                                 guint64              *n_bytes,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
void              cd_store_prune_photos_async   (CdStore              *self,
                                                 CdStorePruneFlags     flags,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char            **cd_store_prune_photos_finish  (CdStore              *self,
                                                 GAsyncResult         *result,
                                                 guint64              *n_bytes,
                                                 GError              **error);

char             *cd_store_add_photo_file       (CdStore              *self,
                                                 GFile                *source,
                                                 guint                *width,
                                                 guint                *height,
                                                 GError              **error);
GFile            *cd_store_get_photo_file       (CdStore              *self,
                                                 const char           *name);

JsonObject       *cd_store_get_settings         (CdStore              *self);
JsonObject       *cd_store_dup_settings         (CdStore              *self);
gboolean          cd_store_save_settings        (CdStore              *self,
                                                 JsonObject           *settings,
                                                 GError              **error);
gboolean          cd_store_reload_settings      (CdStore              *self,
                                                 GError              **error);
gboolean          cd_store_set_setting          (CdStore              *self,
                                                 const char           *name,
                                                 JsonNode             *value,
                                                 GError              **error);
gboolean          cd_store_get_settings_pending (CdStore              *self);
void              cd_store_write_settings_async (CdStore              *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean          cd_store_write_settings_finish (CdStore             *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
const char       *cd_store_get_default_language (CdStore              *self);

gboolean          cd_store_check                (CdStore              *self,
                                                 GCancellable         *cancellable,
                                                 GError              **error);

G_END_DECLS

/* cd-publisher.h: publishing the articles of a store to its sites
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-publish-queue.h"
#include "cd-site.h"
#include "cd-store.h"
#include "cd-wp-client.h"

G_BEGIN_DECLS

#define CD_PUBLISHER_ERROR (cd_publisher_error_quark ())

typedef enum
{
  CD_PUBLISHER_ERROR_NOT_BOUND,   /* the article has no post on that site */
} CdPublisherError;

/* What a pull did with one post of the site. */
typedef enum
{
  CD_PULL_ADDED,       /* a new article, bound to the post */
  CD_PULL_UNCHANGED,   /* bound to an article already; the post did not change since */
  CD_PULL_UPDATED,     /* bound to an article, which took the site's version */
  CD_PULL_SKIPPED,     /* bound to an article, but changed on the site: left alone */
} CdPullAction;

typedef struct
{
  CdPullAction action;
  char *article_id;
  char *post_id;
  char *headline;
} CdPullResult;

GQuark cd_publisher_error_quark (void);
void   cd_pull_result_free      (CdPullResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdPullResult, cd_pull_result_free)

#define CD_TYPE_PUBLISHER (cd_publisher_get_type ())
G_DECLARE_FINAL_TYPE (CdPublisher, cd_publisher, CD, PUBLISHER, GObject)

CdPublisher    *cd_publisher_new                (CdStore             *store);
CdStore        *cd_publisher_get_store          (CdPublisher         *self);
void            cd_publisher_set_password_file  (CdPublisher         *self,
                                                 const char          *path);
void            cd_publisher_set_timeout        (CdPublisher         *self,
                                                 guint                seconds);
void            cd_publisher_forget_clients     (CdPublisher         *self);

GPtrArray      *cd_publisher_load_sites         (CdPublisher         *self,
                                                 GError             **error);
CdSite         *cd_publisher_find_site          (CdPublisher         *self,
                                                 const char          *name,
                                                 GError             **error);
CdWpClient     *cd_publisher_get_client         (CdPublisher         *self,
                                                 const char          *site,
                                                 GError             **error);
guint           cd_publisher_get_headline_limit (CdPublisher         *self);
GHashTable     *cd_publisher_dup_photo_files    (CdPublisher         *self,
                                                 CdArticle           *article);
GPtrArray      *cd_publisher_check_article      (CdPublisher         *self,
                                                 CdArticle           *article);
CdPublishQueue *cd_publisher_get_queue          (CdPublisher         *self,
                                                 GError             **error);
void            cd_publisher_apply_status       (CdArticle           *article,
                                                 CdWpStatus           status);

void            cd_publisher_check_site_async   (CdPublisher         *self,
                                                 const char          *site,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
char           *cd_publisher_check_site_finish  (CdPublisher         *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

void            cd_publisher_publish_async      (CdPublisher         *self,
                                                 CdArticle           *article,
                                                 const char          *site,
                                                 CdWpStatus           status,
                                                 GDateTime           *publish_at,
                                                 CdWpPublishFlags     flags,
                                                 gboolean             save,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
CdSiteBinding  *cd_publisher_publish_finish     (CdPublisher         *self,
                                                 GAsyncResult        *result,
                                                 CdPublishJob       **queued,
                                                 GError             **error);

void            cd_publisher_replay_async       (CdPublisher         *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
void            cd_publisher_replay_job_async   (CdPublisher         *self,
                                                 const char          *job_id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean        cd_publisher_replay_finish      (CdPublisher         *self,
                                                 GAsyncResult        *result,
                                                 guint               *n_published,
                                                 GError             **error);

void            cd_publisher_pull_async         (CdPublisher         *self,
                                                 const char          *site,
                                                 gboolean             update,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GPtrArray      *cd_publisher_pull_finish        (CdPublisher         *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

void            cd_publisher_pull_article_async  (CdPublisher         *self,
                                                  CdArticle           *article,
                                                  const char          *site,
                                                  gboolean             update,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
CdPullResult   *cd_publisher_pull_article_finish (CdPublisher         *self,
                                                  GAsyncResult        *result,
                                                  CdArticle          **pulled,
                                                  GError             **error);

G_END_DECLS

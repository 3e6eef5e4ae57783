/* cd-publish-queue.h: publishes kept for later, when the site is unreachable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-publish-job.h"
#include "cd-wp-client.h"

G_BEGIN_DECLS

#define CD_PUBLISH_QUEUE_ERROR (cd_publish_queue_error_quark ())

typedef enum
{
  CD_PUBLISH_QUEUE_ERROR_CORRUPT,       /* the queue file does not load */
  CD_PUBLISH_QUEUE_ERROR_NEWER_FORMAT,  /* written by a newer Copydesk */
  CD_PUBLISH_QUEUE_ERROR_NOT_LOADED,    /* changed before a successful load */
  CD_PUBLISH_QUEUE_ERROR_NOT_FOUND,     /* no job with that id */
} CdPublishQueueError;

#define CD_PUBLISH_QUEUE_FILE_NAME "publish-queue.json"

/* What a replay needs for one job, given by the caller, who knows the store
 * and the site profiles: the article as it is now, the GFile of each photo
 * (photo id → GFile, or NULL for an article without photos), and a client
 * for the job's site, all three handed over (transfer full).  Return FALSE
 * with error set when the job cannot run (say, the article was deleted):
 * the job then fails with that message. */
typedef gboolean (*CdPublishQueuePrepareFunc) (CdPublishJob  *job,
                                               CdArticle    **article,
                                               GHashTable   **photo_files,
                                               CdWpClient   **client,
                                               gpointer       user_data,
                                               GError       **error);

#define CD_TYPE_PUBLISH_QUEUE (cd_publish_queue_get_type ())
G_DECLARE_FINAL_TYPE (CdPublishQueue, cd_publish_queue, CD, PUBLISH_QUEUE, GObject)

GQuark          cd_publish_queue_error_quark        (void);
gboolean        cd_publish_queue_error_is_transient (const GError              *error);

CdPublishQueue *cd_publish_queue_new                (GFile                     *dir);
GFile          *cd_publish_queue_get_file           (CdPublishQueue            *self);
gboolean        cd_publish_queue_load               (CdPublishQueue            *self,
                                                     GError                   **error);
CdPublishJob   *cd_publish_queue_add                (CdPublishQueue            *self,
                                                     const char                *article_id,
                                                     const char                *site,
                                                     CdWpStatus                 status,
                                                     GDateTime                 *publish_at,
                                                     CdWpPublishFlags           flags,
                                                     GError                   **error);
gboolean        cd_publish_queue_remove             (CdPublishQueue            *self,
                                                     const char                *job_id,
                                                     GError                   **error);
CdPublishJob   *cd_publish_queue_find               (CdPublishQueue            *self,
                                                     const char                *article_id,
                                                     const char                *site);
CdPublishJob   *cd_publish_queue_find_job           (CdPublishQueue            *self,
                                                     const char                *job_id);
gboolean        cd_publish_queue_record_failure     (CdPublishQueue            *self,
                                                     CdPublishJob              *job,
                                                     const GError              *failure,
                                                     GError                   **error);

void            cd_publish_queue_replay_async       (CdPublishQueue            *self,
                                                     CdPublishQueuePrepareFunc  prepare,
                                                     gpointer                   prepare_data,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
void            cd_publish_queue_replay_job_async   (CdPublishQueue            *self,
                                                     const char                *job_id,
                                                     CdPublishQueuePrepareFunc  prepare,
                                                     gpointer                   prepare_data,
                                                     GCancellable              *cancellable,
                                                     GAsyncReadyCallback        callback,
                                                     gpointer                   user_data);
gboolean        cd_publish_queue_replay_finish      (CdPublishQueue            *self,
                                                     GAsyncResult              *result,
                                                     guint                     *n_published,
                                                     GError                   **error);

G_END_DECLS

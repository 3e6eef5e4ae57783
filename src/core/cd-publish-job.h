/* cd-publish-job.h: one publish waiting in the CdPublishQueue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cd-wp-client.h"

G_BEGIN_DECLS

typedef enum
{
  CD_PUBLISH_JOB_WAITING,   /* not tried yet, or failed for a passing reason (offline, 5xx) */
  CD_PUBLISH_JOB_FAILED,    /* failed for a reason an editor must fix (conflict, bad article) */
} CdPublishJobState;

#define CD_TYPE_PUBLISH_JOB (cd_publish_job_get_type ())
G_DECLARE_FINAL_TYPE (CdPublishJob, cd_publish_job, CD, PUBLISH_JOB, GObject)

CdPublishJob      *cd_publish_job_new             (const char         *article_id,
                                                   const char         *site,
                                                   CdWpStatus          status,
                                                   GDateTime          *publish_at,
                                                   CdWpPublishFlags    flags);
CdPublishJob      *cd_publish_job_new_from_json   (JsonObject         *object,
                                                   GError            **error);
JsonObject        *cd_publish_job_to_json         (CdPublishJob       *self);

const char        *cd_publish_job_get_id          (CdPublishJob       *self);
const char        *cd_publish_job_get_article_id  (CdPublishJob       *self);
const char        *cd_publish_job_get_site        (CdPublishJob       *self);
CdWpStatus         cd_publish_job_get_status      (CdPublishJob       *self);
GDateTime         *cd_publish_job_get_publish_at  (CdPublishJob       *self);
CdWpPublishFlags   cd_publish_job_get_flags       (CdPublishJob       *self);
GDateTime         *cd_publish_job_get_queued      (CdPublishJob       *self);
CdPublishJobState  cd_publish_job_get_state       (CdPublishJob       *self);
guint              cd_publish_job_get_attempts    (CdPublishJob       *self);
const char        *cd_publish_job_get_last_error  (CdPublishJob       *self);
void               cd_publish_job_record_failure  (CdPublishJob       *self,
                                                   const GError       *error);

G_END_DECLS

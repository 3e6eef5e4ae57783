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

/* What stopped the last attempt, sorted by what an editor can do about
 * it, so that a window can say it in plain words (the message itself is
 * for the details). */
typedef enum
{
  CD_PUBLISH_PROBLEM_NONE,          /* not tried yet */
  CD_PUBLISH_PROBLEM_OFFLINE,       /* no connection, or no answer in time */
  CD_PUBLISH_PROBLEM_SITE_TROUBLE,  /* the site failed (5xx) or asked to wait (429) */
  CD_PUBLISH_PROBLEM_LOGIN,         /* user or password refused, or no password */
  CD_PUBLISH_PROBLEM_CONFLICT,      /* the post changed on the site */
  CD_PUBLISH_PROBLEM_ARTICLE,       /* the article is not ready to publish */
  CD_PUBLISH_PROBLEM_ARTICLE_GONE,  /* the article is no longer in the store */
  CD_PUBLISH_PROBLEM_SITE_GONE,     /* the site is no longer in the store's settings */
  CD_PUBLISH_PROBLEM_OTHER,
} CdPublishProblem;

#define CD_TYPE_PUBLISH_JOB (cd_publish_job_get_type ())
G_DECLARE_FINAL_TYPE (CdPublishJob, cd_publish_job, CD, PUBLISH_JOB, GObject)

CdPublishProblem   cd_publish_problem_from_error  (const GError       *error);

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
CdPublishProblem   cd_publish_job_get_problem     (CdPublishJob       *self);
void               cd_publish_job_record_failure  (CdPublishJob       *self,
                                                   const GError       *error);

G_END_DECLS

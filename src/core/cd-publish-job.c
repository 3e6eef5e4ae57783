/* cd-publish-job.c: one publish waiting in the CdPublishQueue
 *
 * A job names its article by id, not by content: when it is replayed, the
 * article is published as it is then, so edits made while offline go out
 * too.  The state, attempts, last error and its kind (the problem) are
 * properties, so that a list row can show them and follow their changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-publish-job.h"
#include "cd-publish-queue.h"
#include "cd-site-password.h"
#include "cd-site.h"
#include "cd-store.h"
#include "cd-util.h"

struct _CdPublishJob
{
  GObject parent_instance;

  char *id;
  char *article_id;
  char *site;
  CdWpStatus status;
  GDateTime *publish_at;
  CdWpPublishFlags flags;
  GDateTime *queued;
  CdPublishJobState state;
  guint attempts;
  char *last_error;
  CdPublishProblem problem;
};

G_DEFINE_FINAL_TYPE (CdPublishJob, cd_publish_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_ATTEMPTS,
  PROP_LAST_ERROR,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The names of CdPublishProblem in the queue file, in the enum's order. */
static const char * const problem_names[] = {
  "none", "offline", "site-trouble", "login", "conflict", "article", "article-gone",
  "site-gone", "other",
};

G_STATIC_ASSERT (G_N_ELEMENTS (problem_names) == CD_PUBLISH_PROBLEM_OTHER + 1);

/* An unknown name (from a newer Copydesk) is some other problem. */
static CdPublishProblem
problem_from_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (problem_names); i++)
    if (g_strcmp0 (name, problem_names[i]) == 0)
      return (CdPublishProblem) i;
  return CD_PUBLISH_PROBLEM_OTHER;
}

static void
cd_publish_job_finalize (GObject *object)
{
  CdPublishJob *self = CD_PUBLISH_JOB (object);

  g_free (self->id);
  g_free (self->article_id);
  g_free (self->site);
  g_clear_pointer (&self->publish_at, g_date_time_unref);
  g_clear_pointer (&self->queued, g_date_time_unref);
  g_free (self->last_error);

  G_OBJECT_CLASS (cd_publish_job_parent_class)->finalize (object);
}

static void
cd_publish_job_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CdPublishJob *self = CD_PUBLISH_JOB (object);

  switch (prop_id)
    {
    case PROP_STATE: g_value_set_int (value, self->state); break;
    case PROP_ATTEMPTS: g_value_set_uint (value, self->attempts); break;
    case PROP_LAST_ERROR: g_value_set_string (value, self->last_error); break;
    case PROP_PROBLEM: g_value_set_int (value, self->problem); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_publish_job_class_init (CdPublishJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cd_publish_job_finalize;
  object_class->get_property = cd_publish_job_get_property;

  /* Changed only through cd_publish_job_record_failure() and the queue. */
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, CD_PUBLISH_JOB_WAITING, CD_PUBLISH_JOB_FAILED,
                      CD_PUBLISH_JOB_WAITING, ro);
  properties[PROP_ATTEMPTS] = g_param_spec_uint ("attempts", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, ro);
  properties[PROP_PROBLEM] =
    g_param_spec_int ("problem", NULL, NULL, CD_PUBLISH_PROBLEM_NONE, CD_PUBLISH_PROBLEM_OTHER,
                      CD_PUBLISH_PROBLEM_NONE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_publish_job_init (CdPublishJob *self)
{
  self->state = CD_PUBLISH_JOB_WAITING;
}

CdPublishJob *
cd_publish_job_new (const char       *article_id,
                    const char       *site,
                    CdWpStatus        status,
                    GDateTime        *publish_at,
                    CdWpPublishFlags  flags)
{
  CdPublishJob *self;

  g_return_val_if_fail (article_id != NULL && *article_id != '\0', NULL);
  g_return_val_if_fail (site != NULL && *site != '\0', NULL);
  g_return_val_if_fail (status <= CD_WP_STATUS_FUTURE, NULL);

  self = g_object_new (CD_TYPE_PUBLISH_JOB, NULL);
  self->id = g_uuid_string_random ();
  self->article_id = g_strdup (article_id);
  self->site = g_strdup (site);
  self->status = status;
  self->publish_at = publish_at ? g_date_time_to_utc (publish_at) : NULL;
  self->flags = flags;
  self->queued = g_date_time_new_now_utc ();
  return self;
}

static const char *
required_string (JsonObject  *object,
                 const char  *member,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING || *json_node_get_string (node) == '\0')
    {
      g_set_error (error, CD_PUBLISH_QUEUE_ERROR, CD_PUBLISH_QUEUE_ERROR_CORRUPT,
                   /* Translators: %s is a JSON member of a queued publish */
                   _("“%s” is missing or not a text"), member);
      return NULL;
    }
  return json_node_get_string (node);
}

static gboolean
optional_date (JsonObject  *object,
               const char  *member,
               GDateTime  **out,
               GError     **error)
{
  const char *text = json_object_get_string_member_with_default (object, member, NULL);

  if (text == NULL)
    return TRUE;
  *out = cd_datetime_from_rfc3339 (text);
  if (*out == NULL)
    {
      g_set_error (error, CD_PUBLISH_QUEUE_ERROR, CD_PUBLISH_QUEUE_ERROR_CORRUPT,
                   /* Translators: a JSON member of a queued publish and its value */
                   _("“%s” is not a date: “%s”"), member, text);
      return FALSE;
    }
  return TRUE;
}

CdPublishJob *
cd_publish_job_new_from_json (JsonObject  *object,
                              GError     **error)
{
  g_autoptr(CdPublishJob) self = g_object_new (CD_TYPE_PUBLISH_JOB, NULL);
  const char *id, *article, *site, *status, *state;
  CdWpStatus wp_status;
  gint64 attempts;

  if (!(id = required_string (object, "id", error)) ||
      !(article = required_string (object, "article", error)) ||
      !(site = required_string (object, "site", error)) ||
      !(status = required_string (object, "status", error)))
    return NULL;
  if (!cd_wp_status_from_string (status, &wp_status))
    {
      g_set_error (error, CD_PUBLISH_QUEUE_ERROR, CD_PUBLISH_QUEUE_ERROR_CORRUPT,
                   _("“status” is “%s”, not one of draft, pending, publish, future"), status);
      return NULL;
    }
  if (!optional_date (object, "publish_at", &self->publish_at, error) ||
      !optional_date (object, "queued", &self->queued, error))
    return NULL;
  if (wp_status == CD_WP_STATUS_FUTURE && self->publish_at == NULL)
    {
      g_set_error_literal (error, CD_PUBLISH_QUEUE_ERROR, CD_PUBLISH_QUEUE_ERROR_CORRUPT,
                           _("a scheduled job has no “publish_at”"));
      return NULL;
    }
  attempts = json_object_get_int_member_with_default (object, "attempts", 0);
  state = json_object_get_string_member_with_default (object, "state", "waiting");

  self->id = g_strdup (id);
  self->article_id = g_strdup (article);
  self->site = g_strdup (site);
  self->status = wp_status;
  self->flags = json_object_get_boolean_member_with_default (object, "force", FALSE)
                  ? CD_WP_PUBLISH_FORCE : CD_WP_PUBLISH_NONE;
  self->attempts = (guint) CLAMP (attempts, 0, G_MAXUINT);
  self->state = g_strcmp0 (state, "failed") == 0 ? CD_PUBLISH_JOB_FAILED : CD_PUBLISH_JOB_WAITING;
  self->last_error = g_strdup (json_object_get_string_member_with_default (object, "last_error",
                                                                          NULL));
  /* A queue written before the problem was recorded: only the text is known. */
  if (json_object_has_member (object, "problem"))
    self->problem = problem_from_name (json_object_get_string_member_with_default (object,
                                                                                 "problem", NULL));
  else
    self->problem = self->last_error ? CD_PUBLISH_PROBLEM_OTHER : CD_PUBLISH_PROBLEM_NONE;
  if (self->queued == NULL)
    self->queued = g_date_time_new_now_utc ();
  return g_steal_pointer (&self);
}

JsonObject *
cd_publish_job_to_json (CdPublishJob *self)
{
  JsonObject *object = json_object_new ();
  g_autofree char *queued = cd_datetime_to_rfc3339 (self->queued);

  g_return_val_if_fail (CD_IS_PUBLISH_JOB (self), NULL);

  json_object_set_string_member (object, "id", self->id);
  json_object_set_string_member (object, "article", self->article_id);
  json_object_set_string_member (object, "site", self->site);
  json_object_set_string_member (object, "status", cd_wp_status_to_string (self->status));
  if (self->publish_at)
    {
      g_autofree char *when = cd_datetime_to_rfc3339 (self->publish_at);
      json_object_set_string_member (object, "publish_at", when);
    }
  json_object_set_boolean_member (object, "force", (self->flags & CD_WP_PUBLISH_FORCE) != 0);
  json_object_set_string_member (object, "queued", queued);
  json_object_set_int_member (object, "attempts", self->attempts);
  json_object_set_string_member (object, "state",
                                 self->state == CD_PUBLISH_JOB_FAILED ? "failed" : "waiting");
  if (self->last_error)
    json_object_set_string_member (object, "last_error", self->last_error);
  if (self->problem != CD_PUBLISH_PROBLEM_NONE)
    json_object_set_string_member (object, "problem", problem_names[self->problem]);
  return object;
}

const char *
cd_publish_job_get_id (CdPublishJob *self)
{
  g_return_val_if_fail (CD_IS_PUBLISH_JOB (self), NULL);
  return self->id;
}

const char *
cd_publish_job_get_article_id (CdPublishJob *self)
{
  g_return_val_if_fail (CD_IS_PUBLISH_JOB (self), NULL);
  return self->article_id;
}

const char *
cd_publish_job_get_site (CdPublishJob *self)
{
  g_return_val_if_fail (CD_IS_PUBLISH_JOB (self), NULL);
  return self->site;
}

CdWpStatus
cd_publish_job_get_status (CdPublishJob *self)
{
  g_return_val_if_fail (CD_IS_PUBLISH_JOB (self), CD_WP_STATUS_DRAFT);
  return self->status;
}

GDateTime *
cd_publish_job_get_publish_at (CdPublishJob *self)
{
  g_return_val_if_fail (CD_IS_PUBLISH_JOB (self), NULL);
  return self->publish_at;
}

CdWpPublishFlags
cd_publish_job_get_flags (CdPublishJob *self)
{
  g_return_val_if_fail (CD_IS_PUBLISH_JOB (self), CD_WP_PUBLISH_NONE);
  return self->flags;
}

GDateTime *
cd_publish_job_get_queued (CdPublishJob *self)
{
  g_return_val_if_fail (CD_IS_PUBLISH_JOB (self), NULL);
  return self->queued;
}

CdPublishJobState
cd_publish_job_get_state (CdPublishJob *self)
{
  g_return_val_if_fail (CD_IS_PUBLISH_JOB (self), CD_PUBLISH_JOB_WAITING);
  return self->state;
}

guint
cd_publish_job_get_attempts (CdPublishJob *self)
{
  g_return_val_if_fail (CD_IS_PUBLISH_JOB (self), 0);
  return self->attempts;
}

const char *
cd_publish_job_get_last_error (CdPublishJob *self)
{
  g_return_val_if_fail (CD_IS_PUBLISH_JOB (self), NULL);
  return self->last_error;
}

CdPublishProblem
cd_publish_job_get_problem (CdPublishJob *self)
{
  g_return_val_if_fail (CD_IS_PUBLISH_JOB (self), CD_PUBLISH_PROBLEM_NONE);
  return self->problem;
}

static CdPublishProblem
problem_from_wp_error (CdWpError code)
{
  switch (code)
    {
    case CD_WP_ERROR_TIMEOUT:
    case CD_WP_ERROR_UNREACHABLE:
    case CD_WP_ERROR_CONNECTION_LOST:
      return CD_PUBLISH_PROBLEM_OFFLINE;
    case CD_WP_ERROR_SERVER:
    case CD_WP_ERROR_RATE_LIMITED:
      return CD_PUBLISH_PROBLEM_SITE_TROUBLE;
    case CD_WP_ERROR_UNAUTHORIZED:
    case CD_WP_ERROR_FORBIDDEN:
      return CD_PUBLISH_PROBLEM_LOGIN;
    case CD_WP_ERROR_CONFLICT:
      return CD_PUBLISH_PROBLEM_CONFLICT;
    case CD_WP_ERROR_INVALID_ARTICLE:
      return CD_PUBLISH_PROBLEM_ARTICLE;
    case CD_WP_ERROR_FAILED:
    case CD_WP_ERROR_INVALID_URL:
    case CD_WP_ERROR_INSECURE_URL:
    case CD_WP_ERROR_TLS:
    case CD_WP_ERROR_REDIRECT:
    case CD_WP_ERROR_NOT_FOUND:
    case CD_WP_ERROR_INVALID_REQUEST:
    case CD_WP_ERROR_INVALID_RESPONSE:
    case CD_WP_ERROR_NOT_APPLIED:
    default:
      return CD_PUBLISH_PROBLEM_OTHER;
    }
}

/* Sorts an error of a publish (from the client, the store, the site
 * settings or the password look-up) by what an editor can do about it. */
CdPublishProblem
cd_publish_problem_from_error (const GError *error)
{
  if (error == NULL)
    return CD_PUBLISH_PROBLEM_NONE;
  if (error->domain == CD_WP_ERROR)
    return problem_from_wp_error ((CdWpError) error->code);
  if (error->domain == CD_SITE_PASSWORD_ERROR)
    return CD_PUBLISH_PROBLEM_LOGIN;
  if (g_error_matches (error, CD_SITE_ERROR, CD_SITE_ERROR_NOT_FOUND))
    return CD_PUBLISH_PROBLEM_SITE_GONE;
  if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND))
    return CD_PUBLISH_PROBLEM_ARTICLE_GONE;
  return CD_PUBLISH_PROBLEM_OTHER;
}

/* Counts a failed attempt.  A passing failure (the site unreachable, slow
 * or overloaded) leaves the job waiting; any other needs an editor. */
void
cd_publish_job_record_failure (CdPublishJob *self,
                               const GError *error)
{
  CdPublishJobState state;

  g_return_if_fail (CD_IS_PUBLISH_JOB (self));
  g_return_if_fail (error != NULL);

  state = cd_publish_queue_error_is_transient (error) ? CD_PUBLISH_JOB_WAITING
                                                      : CD_PUBLISH_JOB_FAILED;
  self->attempts++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTEMPTS]);
  if (cd_set_str (&self->last_error, error->message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
  if (self->problem != cd_publish_problem_from_error (error))
    {
      self->problem = cd_publish_problem_from_error (error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
    }
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

/* cd-wp-error.h: what can go wrong talking to WordPress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CD_WP_ERROR (cd_wp_error_quark ())

typedef enum
{
  CD_WP_ERROR_FAILED,            /* any other answer, e.g. HTTP 410 or 501 */
  CD_WP_ERROR_INVALID_URL,       /* the site address does not parse */
  CD_WP_ERROR_INSECURE_URL,      /* plain http to anything but loopback */
  CD_WP_ERROR_TIMEOUT,           /* no answer within the client's timeout */
  CD_WP_ERROR_UNREACHABLE,       /* connection refused, no route, unknown host */
  CD_WP_ERROR_CONNECTION_LOST,   /* the connection broke before an answer came */
  CD_WP_ERROR_TLS,               /* the certificate did not verify */
  CD_WP_ERROR_REDIRECT,          /* sent to another host: not followed */
  CD_WP_ERROR_UNAUTHORIZED,      /* 401: bad user name or application password */
  CD_WP_ERROR_FORBIDDEN,         /* 403: the user may not do this */
  CD_WP_ERROR_NOT_FOUND,         /* 404 */
  CD_WP_ERROR_INVALID_REQUEST,   /* 400: WordPress refused a value */
  CD_WP_ERROR_RATE_LIMITED,      /* 429; see cd_wp_error_get_retry_after() */
  CD_WP_ERROR_SERVER,            /* 5xx */
  CD_WP_ERROR_INVALID_RESPONSE,  /* not JSON, or JSON of an unexpected shape */
  CD_WP_ERROR_NOT_APPLIED,       /* a 2xx answer that silently dropped a value */
  CD_WP_ERROR_CONFLICT,          /* the post changed on the site; see cd_wp_error_get_conflict() */
  CD_WP_ERROR_INVALID_ARTICLE,   /* the article is not ready to publish */
} CdWpError;

/* Both versions of a post that changed on the site since Copydesk last
 * wrote it, so that a window or the CLI can show them side by side.
 * "local" is what Copydesk was about to send (content as HTML); "remote" is
 * the site's raw text. */
typedef struct
{
  char *post_id;
  char *recorded_modified;   /* modified_gmt Copydesk recorded at its last write */
  char *remote_modified;     /* modified_gmt on the site now */
  char *local_title;
  char *local_excerpt;
  char *local_content;
  char *remote_title;
  char *remote_excerpt;
  char *remote_content;
} CdWpConflict;

#define CD_TYPE_WP_CONFLICT (cd_wp_conflict_get_type ())

GType               cd_wp_conflict_get_type     (void) G_GNUC_CONST;
CdWpConflict       *cd_wp_conflict_new          (void);
CdWpConflict       *cd_wp_conflict_copy         (const CdWpConflict *conflict);
void                cd_wp_conflict_free         (CdWpConflict       *conflict);

GQuark              cd_wp_error_quark           (void);
guint               cd_wp_error_get_http_status (const GError       *error);
const char         *cd_wp_error_get_wp_code     (const GError       *error);
guint               cd_wp_error_get_retry_after (const GError       *error);
const CdWpConflict *cd_wp_error_get_conflict    (const GError       *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdWpConflict, cd_wp_conflict_free)

G_END_DECLS

/* cd-wp-client.h: publishing articles to WordPress through its REST API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-article.h"
#include "cd-site-binding.h"
#include "cd-wp-checks.h"
#include "cd-wp-error.h"

G_BEGIN_DECLS

/* What the post becomes on the site. */
typedef enum
{
  CD_WP_STATUS_DRAFT,
  CD_WP_STATUS_PENDING,     /* waiting for review */
  CD_WP_STATUS_PUBLISH,
  CD_WP_STATUS_FUTURE,      /* scheduled: needs a publish time in the future */
} CdWpStatus;

typedef enum /*< flags >*/
{
  CD_WP_PUBLISH_NONE  = 0,
  CD_WP_PUBLISH_FORCE = 1 << 0,   /* overwrite a post that changed on the site */
} CdWpPublishFlags;

#define CD_WP_DEFAULT_TIMEOUT        30   /* seconds */
#define CD_WP_DEFAULT_MAX_ATTEMPTS    3
#define CD_WP_DEFAULT_MAX_RETRY_WAIT 30   /* seconds */

#define CD_TYPE_WP_CLIENT (cd_wp_client_get_type ())
G_DECLARE_FINAL_TYPE (CdWpClient, cd_wp_client, CD, WP_CLIENT, GObject)

gboolean     cd_wp_check_url                     (const char        *url,
                                                  GError           **error);
const char  *cd_wp_status_to_string              (CdWpStatus         status);
gboolean     cd_wp_content_is_body               (const char        *content,
                                                  const char        *body);
char        *cd_wp_content_to_markdown           (const char        *content,
                                                  guint              n_own_figures,
                                                  GError           **error);
gboolean     cd_wp_status_from_string            (const char        *str,
                                                  CdWpStatus        *status);

CdWpClient  *cd_wp_client_new                    (const char        *base_url,
                                                  const char        *user,
                                                  const char        *password);

const char  *cd_wp_client_get_base_url           (CdWpClient        *self);
void         cd_wp_client_set_base_url           (CdWpClient        *self,
                                                  const char        *base_url);
const char  *cd_wp_client_get_user               (CdWpClient        *self);
void         cd_wp_client_set_user               (CdWpClient        *self,
                                                  const char        *user);
void         cd_wp_client_set_password           (CdWpClient        *self,
                                                  const char        *password);
const char  *cd_wp_client_get_rest_root          (CdWpClient        *self);
void         cd_wp_client_set_rest_root          (CdWpClient        *self,
                                                  const char        *rest_root);
guint        cd_wp_client_get_timeout            (CdWpClient        *self);
void         cd_wp_client_set_timeout            (CdWpClient        *self,
                                                  guint              seconds);
guint        cd_wp_client_get_max_attempts       (CdWpClient        *self);
void         cd_wp_client_set_max_attempts       (CdWpClient        *self,
                                                  guint              attempts);
guint        cd_wp_client_get_max_retry_wait     (CdWpClient        *self);
void         cd_wp_client_set_max_retry_wait     (CdWpClient        *self,
                                                  guint              seconds);
guint        cd_wp_client_get_headline_limit     (CdWpClient        *self);
void         cd_wp_client_set_headline_limit     (CdWpClient        *self,
                                                  guint              limit);

void         cd_wp_client_discover_async         (CdWpClient        *self,
                                                  GCancellable      *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer           user_data);
char        *cd_wp_client_discover_finish        (CdWpClient        *self,
                                                  GAsyncResult      *result,
                                                  GError           **error);

void         cd_wp_client_check_credentials_async  (CdWpClient        *self,
                                                    GCancellable      *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer           user_data);
char        *cd_wp_client_check_credentials_finish (CdWpClient        *self,
                                                    GAsyncResult      *result,
                                                    GError           **error);

void           cd_wp_client_publish_async        (CdWpClient        *self,
                                                  CdArticle         *article,
                                                  const char        *site,
                                                  GHashTable        *photo_files,
                                                  CdWpStatus         status,
                                                  GDateTime         *publish_at,
                                                  CdWpPublishFlags   flags,
                                                  GCancellable      *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer           user_data);
CdSiteBinding *cd_wp_client_publish_finish       (CdWpClient        *self,
                                                  GAsyncResult      *result,
                                                  GError           **error);

void         cd_wp_client_pull_async             (CdWpClient        *self,
                                                  const char        *site,
                                                  guint              per_page,
                                                  GCancellable      *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer           user_data);
GPtrArray   *cd_wp_client_pull_finish            (CdWpClient        *self,
                                                  GAsyncResult      *result,
                                                  GError           **error);
void         cd_wp_client_pull_post_async        (CdWpClient        *self,
                                                  const char        *site,
                                                  const char        *post_id,
                                                  GCancellable      *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer           user_data);
CdArticle   *cd_wp_client_pull_post_finish       (CdWpClient        *self,
                                                  GAsyncResult      *result,
                                                  GError           **error);

G_END_DECLS

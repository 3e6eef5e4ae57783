/* cd-wp-client-private.h: the REST call layer shared by the files of
 * CdWpClient (cd-wp-client.c, cd-wp-publish.c, cd-wp-pull.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "cd-wp-client.h"
#include "cd-wp-error-private.h"

G_BEGIN_DECLS

typedef enum
{
  CD_WP_CALL_NONE       = 0,
  /* Sending it twice does no harm, so a timeout or a dropped connection
   * may be retried (GET; a lookup). */
  CD_WP_CALL_IDEMPOTENT = 1 << 0,
} CdWpCallFlags;

typedef struct
{
  guint status;
  SoupMessageHeaders *headers;
  JsonNode *json;               /* never NULL */
} CdWpResponse;

void           _cd_wp_response_free         (CdWpResponse        *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdWpResponse, _cd_wp_response_free)

char          *_cd_wp_query                 (const char          *first_key,
                                             ...) G_GNUC_NULL_TERMINATED;

void           _cd_wp_client_call_async     (CdWpClient          *self,
                                             const char          *method,
                                             const char          *route,
                                             const char          *query,
                                             JsonNode            *body,
                                             CdWpCallFlags        flags,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void           _cd_wp_client_call_bytes_async (CdWpClient        *self,
                                             const char          *method,
                                             const char          *route,
                                             const char          *query,
                                             GBytes              *body,
                                             const char          *content_type,
                                             CdWpCallFlags        flags,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
CdWpResponse  *_cd_wp_client_call_finish    (CdWpClient          *self,
                                             GAsyncResult        *result,
                                             GError             **error);

const char    *_cd_wp_client_get_host       (CdWpClient          *self);
GHashTable    *_cd_wp_client_get_terms      (CdWpClient          *self);
void           _cd_wp_client_forget_terms   (CdWpClient          *self);
void           _cd_wp_term_entry_free       (gpointer             entry);

GError        *_cd_wp_error_new             (CdWpError            code,
                                             guint                status,
                                             const char          *wp_code,
                                             const char          *format,
                                             ...) G_GNUC_PRINTF (4, 5);
gboolean       _cd_wp_error_is_ambiguous    (const GError        *error);

/* @what names the request in the error message, translated: a noun
 * phrase such as _("the upload of a photo"). */
JsonObject    *_cd_wp_expect_object         (JsonNode            *node,
                                             const char          *what,
                                             GError             **error);
JsonArray     *_cd_wp_expect_array          (JsonNode            *node,
                                             const char          *what,
                                             GError             **error);
gboolean       _cd_wp_get_id                (JsonObject          *object,
                                             const char          *member,
                                             const char          *what,
                                             gint64              *id,
                                             GError             **error);
const char    *_cd_wp_get_string            (JsonObject          *object,
                                             const char          *member);
const char    *_cd_wp_get_text              (JsonObject          *object,
                                             const char          *member,
                                             const char          *field);
GArray        *_cd_wp_get_id_list           (JsonObject          *object,
                                             const char          *member);

G_END_DECLS

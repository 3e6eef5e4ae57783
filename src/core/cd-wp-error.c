/* cd-wp-error.c: the CD_WP_ERROR domain and the details its errors carry
 *
 * A failed call to WordPress has more to say than a code and a message: the
 * HTTP status and WordPress's own error code, how long a rate-limited client
 * should wait, and for a conflict both versions of the post.  They travel
 * inside the GError itself (an extended error domain, GLib 2.68), so they
 * survive GTask, g_propagate_error() and g_error_copy().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-wp-error.h"
#include "cd-wp-error-private.h"

typedef struct
{
  guint http_status;
  char *wp_code;
  guint retry_after;
  CdWpConflict *conflict;
  JsonObject *data;      /* WordPress's "data" member of the error answer */
} CdWpErrorPrivate;

static void
cd_wp_error_private_init (CdWpErrorPrivate *priv)
{
}

static void
cd_wp_error_private_copy (const CdWpErrorPrivate *src,
                          CdWpErrorPrivate       *dest)
{
  dest->http_status = src->http_status;
  dest->wp_code = g_strdup (src->wp_code);
  dest->retry_after = src->retry_after;
  dest->conflict = src->conflict ? cd_wp_conflict_copy (src->conflict) : NULL;
  if (src->data)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonNode) copy = NULL;

      json_node_set_object (node, src->data);
      copy = json_node_copy (node);
      dest->data = json_object_ref (json_node_get_object (copy));
    }
}

static void
cd_wp_error_private_clear (CdWpErrorPrivate *priv)
{
  g_clear_pointer (&priv->wp_code, g_free);
  g_clear_pointer (&priv->conflict, cd_wp_conflict_free);
  g_clear_pointer (&priv->data, json_object_unref);
}

G_DEFINE_EXTENDED_ERROR (CdWpError, cd_wp_error)

G_DEFINE_BOXED_TYPE (CdWpConflict, cd_wp_conflict, cd_wp_conflict_copy, cd_wp_conflict_free)

CdWpConflict *
cd_wp_conflict_new (void)
{
  return g_new0 (CdWpConflict, 1);
}

CdWpConflict *
cd_wp_conflict_copy (const CdWpConflict *conflict)
{
  CdWpConflict *copy;

  g_return_val_if_fail (conflict != NULL, NULL);

  copy = cd_wp_conflict_new ();
  copy->post_id = g_strdup (conflict->post_id);
  copy->recorded_modified = g_strdup (conflict->recorded_modified);
  copy->remote_modified = g_strdup (conflict->remote_modified);
  copy->local_title = g_strdup (conflict->local_title);
  copy->local_excerpt = g_strdup (conflict->local_excerpt);
  copy->local_content = g_strdup (conflict->local_content);
  copy->remote_title = g_strdup (conflict->remote_title);
  copy->remote_excerpt = g_strdup (conflict->remote_excerpt);
  copy->remote_content = g_strdup (conflict->remote_content);
  return copy;
}

void
cd_wp_conflict_free (CdWpConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->post_id);
  g_free (conflict->recorded_modified);
  g_free (conflict->remote_modified);
  g_free (conflict->local_title);
  g_free (conflict->local_excerpt);
  g_free (conflict->local_content);
  g_free (conflict->remote_title);
  g_free (conflict->remote_excerpt);
  g_free (conflict->remote_content);
  g_free (conflict);
}

static CdWpErrorPrivate *
get_private (const GError *error)
{
  if (error == NULL || error->domain != CD_WP_ERROR)
    return NULL;
  return cd_wp_error_get_private (error);
}

/* The HTTP status of the answer that caused the error, or 0 when there was
 * no answer (a timeout, a refused connection) or the error is not a
 * CD_WP_ERROR. */
guint
cd_wp_error_get_http_status (const GError *error)
{
  CdWpErrorPrivate *priv = get_private (error);

  return priv ? priv->http_status : 0;
}

/* WordPress's machine-readable error code ("rest_not_logged_in",
 * "rest_invalid_param", ...), or NULL. */
const char *
cd_wp_error_get_wp_code (const GError *error)
{
  CdWpErrorPrivate *priv = get_private (error);

  return priv ? priv->wp_code : NULL;
}

/* Seconds the site asked the client to wait (Retry-After of a 429 or 503),
 * or 0 when it did not say. */
guint
cd_wp_error_get_retry_after (const GError *error)
{
  CdWpErrorPrivate *priv = get_private (error);

  return priv ? priv->retry_after : 0;
}

/* For CD_WP_ERROR_CONFLICT: both versions of the post; owned by the error. */
const CdWpConflict *
cd_wp_error_get_conflict (const GError *error)
{
  CdWpErrorPrivate *priv = get_private (error);

  return priv ? priv->conflict : NULL;
}

void
_cd_wp_error_set_http_status (GError *error,
                              guint   status)
{
  CdWpErrorPrivate *priv = get_private (error);

  g_return_if_fail (priv != NULL);
  priv->http_status = status;
}

void
_cd_wp_error_set_wp_code (GError     *error,
                          const char *code)
{
  CdWpErrorPrivate *priv = get_private (error);

  g_return_if_fail (priv != NULL);
  g_free (priv->wp_code);
  priv->wp_code = g_strdup (code);
}

void
_cd_wp_error_set_retry_after (GError *error,
                              guint   seconds)
{
  CdWpErrorPrivate *priv = get_private (error);

  g_return_if_fail (priv != NULL);
  priv->retry_after = seconds;
}

void
_cd_wp_error_take_conflict (GError       *error,
                            CdWpConflict *conflict)
{
  CdWpErrorPrivate *priv = get_private (error);

  g_return_if_fail (priv != NULL);
  g_clear_pointer (&priv->conflict, cd_wp_conflict_free);
  priv->conflict = conflict;
}

void
_cd_wp_error_set_data (GError     *error,
                       JsonObject *data)
{
  CdWpErrorPrivate *priv = get_private (error);

  g_return_if_fail (priv != NULL);
  g_clear_pointer (&priv->data, json_object_unref);
  priv->data = data ? json_object_ref (data) : NULL;
}

/* The "data" object of WordPress's error answer ({"status": 400,
 * "term_id": 7, "params": {...}}), or NULL. */
JsonObject *
_cd_wp_error_get_data (const GError *error)
{
  CdWpErrorPrivate *priv = get_private (error);

  return priv ? priv->data : NULL;
}

/* cd-wp-client.c: the connection to one WordPress site
 *
 * This file holds the object and the REST call layer: finding the API root,
 * authenticating with an application password (HTTP Basic), retrying what
 * is safe to retry, and turning every way a call can fail into a
 * CD_WP_ERROR with a message an editor can act on.  Publishing lives in
 * cd-wp-publish.c, pulling in cd-wp-pull.c.
 *
 * Security rules, all enforced here:
 *  - TLS certificates are always verified (libsoup's default; nothing here
 *    ever accepts a bad certificate);
 *  - plain http is allowed only to loopback (127.0.0.0/8, ::1, localhost),
 *    since the password travels in every request;
 *  - a redirect to another host is never followed, so the password never
 *    reaches a host the user did not name;
 *  - the Authorization header is never logged nor put into an error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "copydesk-wp"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-util.h"
#include "cd-wp-client-private.h"

#define MAX_REDIRECTS 5
#define BACKOFF_BASE_MS 500
#define SNIPPET_CHARS 80
#define REST_LINK_REL "https://api.w.org/"
#define STATUS_TOO_MANY_REQUESTS 429   /* libsoup 3.2 has no name for it */

struct _CdWpClient
{
  GObject parent_instance;

  char *base_url;       /* normalised: ends with '/' */
  char *host;           /* host[:port] of base_url, for messages */
  char *user;
  char *password;
  char *rest_root;      /* NULL until discovered or set */
  guint timeout;
  guint max_attempts;
  guint max_retry_wait;
  guint headline_limit;
  SoupSession *session; /* made on first use, for the current base_url */
  GHashTable *terms;    /* term ids found or being found; see cd-wp-publish.c */
};

G_DEFINE_FINAL_TYPE (CdWpClient, cd_wp_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_USER,
  PROP_PASSWORD,
  PROP_REST_ROOT,
  PROP_TIMEOUT,
  PROP_MAX_ATTEMPTS,
  PROP_MAX_RETRY_WAIT,
  PROP_HEADLINE_LIMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  CALL_HEADERS_ONLY = 1 << 8,   /* discovery: status and headers, body unread */
} CallInternalFlags;

typedef struct
{
  char *method;
  char *route;          /* "/wp/v2/posts", or NULL for an absolute url */
  char *query;          /* escaped "k=v&k=v", or NULL */
  GBytes *body;
  char *content_type;
  guint flags;          /* CdWpCallFlags | CallInternalFlags */
  char *url;
  SoupMessage *msg;
  guint attempt;
  guint redirects;
  GSource *wait;
  GSource *cancel_wait;
} CallState;

static void send_attempt (GTask *task);

/* ------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------ */

static void
call_state_free (CallState *state)
{
  if (state->cancel_wait)
    g_source_destroy (state->cancel_wait);
  g_clear_pointer (&state->cancel_wait, g_source_unref);
  if (state->wait)
    g_source_destroy (state->wait);
  g_clear_pointer (&state->wait, g_source_unref);
  g_free (state->method);
  g_free (state->route);
  g_free (state->query);
  g_clear_pointer (&state->body, g_bytes_unref);
  g_free (state->content_type);
  g_free (state->url);
  g_clear_object (&state->msg);
  g_free (state);
}

void
_cd_wp_response_free (CdWpResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->json, json_node_unref);
  g_free (response);
}

GError *
_cd_wp_error_new (CdWpError   code,
                  guint       status,
                  const char *wp_code,
                  const char *format,
                  ...)
{
  GError *error;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (CD_WP_ERROR, code, format, args);
  va_end (args);
  _cd_wp_error_set_http_status (error, status);
  _cd_wp_error_set_wp_code (error, wp_code);
  return error;
}

/* Did the request perhaps reach WordPress although no answer came back?
 * Then a create must be looked up before it is sent again. */
gboolean
_cd_wp_error_is_ambiguous (const GError *error)
{
  return g_error_matches (error, CD_WP_ERROR, CD_WP_ERROR_TIMEOUT) ||
         g_error_matches (error, CD_WP_ERROR, CD_WP_ERROR_CONNECTION_LOST);
}

/* Builds "k1=v1&k2=v2" from NULL-terminated key, value pairs, escaping
 * the values; a NULL value skips its key. */
char *
_cd_wp_query (const char *first_key,
              ...)
{
  GString *query = g_string_new (NULL);
  va_list args;

  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);
      g_autofree char *escaped = NULL;

      if (value == NULL)
        continue;
      escaped = g_uri_escape_string (value, NULL, FALSE);
      g_string_append_printf (query, "%s%s=%s", query->len ? "&" : "", key, escaped);
    }
  va_end (args);
  return g_string_free (query, FALSE);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* Is url fit to receive the site's password?  https anywhere; plain http
 * to loopback only; no user:password@ in it.  A site address (as opposed
 * to the URL of one request) has no query and no fragment either. */
static gboolean
check_url (const char  *url,
           gboolean     site_address,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, CD_WP_ERROR, CD_WP_ERROR_INVALID_URL,
                           _("The site address is empty."));
      return FALSE;
    }
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, CD_WP_ERROR, CD_WP_ERROR_INVALID_URL,
                   _("“%s” is not a web address: %s"), url, local_error->message);
      return FALSE;
    }
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      g_set_error (error, CD_WP_ERROR, CD_WP_ERROR_INVALID_URL,
                   _("“%s” is not a web address: it must start with https://."), url);
      return FALSE;
    }
  if (host == NULL || *host == '\0')
    {
      g_set_error (error, CD_WP_ERROR, CD_WP_ERROR_INVALID_URL,
                   _("“%s” names no host."), url);
      return FALSE;
    }
  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, CD_WP_ERROR, CD_WP_ERROR_INVALID_URL,
                           _("The site address must not contain a user name or password; "
                             "give them in the site's settings instead."));
      return FALSE;
    }
  if (site_address && g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, CD_WP_ERROR, CD_WP_ERROR_INVALID_URL,
                   _("The site address “%s” must not contain a “#” part."), url);
      return FALSE;
    }
  if (site_address && g_uri_get_query (uri) != NULL)
    {
      g_set_error (error, CD_WP_ERROR, CD_WP_ERROR_INVALID_URL,
                   _("The site address “%s” must not contain a “?” part."), url);
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !host_is_loopback (host))
    {
      g_set_error (error, CD_WP_ERROR, CD_WP_ERROR_INSECURE_URL,
                   _("“%s” uses plain http, which would send the password unencrypted; "
                     "use https:// (plain http is allowed only to this computer, 127.0.0.1)."),
                   url);
      return FALSE;
    }
  return TRUE;
}

/* Checks a site address as a user types it: see check_url(). */
gboolean
cd_wp_check_url (const char  *url,
                 GError     **error)
{
  return check_url (url, TRUE, error);
}

/* "http://h:1/blog" → "http://h:1/blog/", so that relative references and
 * "?rest_route=" append cleanly. */
static char *
normalise_base_url (const char *url)
{
  if (url == NULL)
    return NULL;
  if (g_str_has_suffix (url, "/"))
    return g_strdup (url);
  return g_strconcat (url, "/", NULL);
}

static gboolean
same_host (const char *a,
           const char *b)
{
  g_autoptr(GUri) ua = g_uri_parse (a, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) ub = g_uri_parse (b, G_URI_FLAGS_NONE, NULL);

  return ua && ub && g_uri_get_host (ua) && g_uri_get_host (ub) &&
         g_ascii_strcasecmp (g_uri_get_host (ua), g_uri_get_host (ub)) == 0;
}

static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (url);
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup (g_uri_get_host (uri));
}

/* A short, printable excerpt of an answer that should have been JSON;
 * the answer is not empty. */
static char *
snippet (const char *data,
         gsize       size)
{
  g_autofree char *valid = NULL;
  GString *out;
  glong n = 0;

  valid = g_utf8_make_valid (data, MIN (size, 4 * SNIPPET_CHARS));
  out = g_string_new ("“");
  for (const char *p = valid; *p && n < SNIPPET_CHARS; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_iscntrl (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  g_string_append (out, n >= SNIPPET_CHARS ? "…”" : "”");
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------
 * JSON shape checks: WordPress plugins can change any answer, so nothing
 * is read without checking its type.
 * ------------------------------------------------------------------------ */

JsonObject *
_cd_wp_expect_object (JsonNode    *node,
                      const char  *what,
                      GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, _cd_wp_error_new (CD_WP_ERROR_INVALID_RESPONSE, 0, NULL,
                                                  /* Translators: %s says which request was
                                                   * answered, e.g. “the upload of a photo” */
                                                  _("WordPress answered with JSON that is not an object (%s)."),
                                                  what));
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
_cd_wp_expect_array (JsonNode    *node,
                     const char  *what,
                     GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_propagate_error (error, _cd_wp_error_new (CD_WP_ERROR_INVALID_RESPONSE, 0, NULL,
                                                  /* Translators: %s says which request was
                                                   * answered, e.g. “the list of posts” */
                                                  _("WordPress answered with JSON that is not a list (%s)."),
                                                  what));
      return NULL;
    }
  return json_node_get_array (node);
}

static gboolean
node_get_int (JsonNode *node,
              gint64   *value)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

gboolean
_cd_wp_get_id (JsonObject  *object,
               const char  *member,
               const char  *what,
               gint64      *id,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (!node_get_int (node, id) || *id < 0)
    {
      g_propagate_error (error, _cd_wp_error_new (CD_WP_ERROR_INVALID_RESPONSE, 0, NULL,
                                                  /* Translators: a JSON member (“id”), then
                                                   * which request was answered, e.g. “the
                                                   * upload of a photo” */
                                                  _("WordPress answered without a numeric “%s” (%s)."),
                                                  member, what));
      return FALSE;
    }
  return TRUE;
}

const char *
_cd_wp_get_string (JsonObject *object,
                   const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* title, content, excerpt and caption are {"raw": ..., "rendered": ...}
 * objects; some plugins flatten them to a string. */
const char *
_cd_wp_get_text (JsonObject *object,
                 const char *member,
                 const char *field)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _cd_wp_get_string (json_node_get_object (node), field);
  return _cd_wp_get_string (object, member);
}

/* An array of ids ("tags": [3, 5]) as a sorted GArray of gint64, or NULL
 * when the member is missing or holds anything but integers. */
GArray *
_cd_wp_get_id_list (JsonObject *object,
                    const char *member)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GArray) ids = NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gint64 id;
      if (!node_get_int (json_array_get_element (array, i), &id))
        return NULL;
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

/* ------------------------------------------------------------------------
 * Errors from answers
 * ------------------------------------------------------------------------ */

/* Retry-After is either seconds or an HTTP date; returns FALSE if absent. */
static gboolean
parse_retry_after (SoupMessageHeaders *headers,
                   guint              *seconds)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  char *end = NULL;
  guint64 n;

  if (value == NULL)
    return FALSE;
  n = g_ascii_strtoull (value, &end, 10);
  if (end != value && *end == '\0')
    {
      *seconds = (guint) MIN (n, G_MAXUINT);
      return TRUE;
    }
  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return FALSE;
  now = g_date_time_new_now_utc ();
  *seconds = (guint) MAX (0, g_date_time_difference (when, now) / G_TIME_SPAN_SECOND);
  return TRUE;
}

static CdWpError
code_for_status (guint status)
{
  switch (status)
    {
    case SOUP_STATUS_BAD_REQUEST: return CD_WP_ERROR_INVALID_REQUEST;
    case SOUP_STATUS_UNAUTHORIZED: return CD_WP_ERROR_UNAUTHORIZED;
    case SOUP_STATUS_FORBIDDEN: return CD_WP_ERROR_FORBIDDEN;
    case SOUP_STATUS_NOT_FOUND: return CD_WP_ERROR_NOT_FOUND;
    case SOUP_STATUS_CONFLICT: return CD_WP_ERROR_CONFLICT;
    case SOUP_STATUS_PRECONDITION_FAILED: return CD_WP_ERROR_CONFLICT;
    case STATUS_TOO_MANY_REQUESTS: return CD_WP_ERROR_RATE_LIMITED;
    default:
      return status >= 500 && status < 600 ? CD_WP_ERROR_SERVER : CD_WP_ERROR_FAILED;
    }
}

/* "GET /wp/v2/posts": which request an error is about. */
static char *
request_name (CallState *state)
{
  return g_strdup_printf ("%s %s", state->method, state->route ? state->route : "/");
}

/* The first sentence of an error answer's message: one whole sentence per
 * kind of refusal, so that each can be translated as a whole. */
static void
append_refusal (GString    *message,
                CdWpError   code,
                const char *host,
                const char *request,
                const char *explanation)
{
  switch ((int) code)
    {
    case CD_WP_ERROR_UNAUTHORIZED:
      /* Translators: the site's host, the request (GET /wp/v2/posts) and
       * WordPress's own explanation, usually in English; the same in the
       * messages that follow. */
      g_string_append_printf (message, _("WordPress at %s did not accept the user name or application password (%s): %s"),
                              host, request, explanation);
      break;
    case CD_WP_ERROR_FORBIDDEN:
      /* Translators: the site's host, the request, WordPress's explanation */
      g_string_append_printf (message, _("WordPress at %s does not allow this user to do that (%s): %s"),
                              host, request, explanation);
      break;
    case CD_WP_ERROR_NOT_FOUND:
      /* Translators: the site's host, the request, WordPress's explanation */
      g_string_append_printf (message, _("WordPress at %s has no such item or route (%s): %s"),
                              host, request, explanation);
      break;
    case CD_WP_ERROR_INVALID_REQUEST:
      /* Translators: the site's host, the request, WordPress's explanation */
      g_string_append_printf (message, _("WordPress at %s refused a value (%s): %s"),
                              host, request, explanation);
      break;
    case CD_WP_ERROR_RATE_LIMITED:
      /* Translators: the site's host, the request, WordPress's explanation */
      g_string_append_printf (message, _("WordPress at %s is limiting the number of requests (%s): %s"),
                              host, request, explanation);
      break;
    case CD_WP_ERROR_SERVER:
      /* Translators: the site's host, the request, WordPress's explanation */
      g_string_append_printf (message, _("WordPress at %s had a server error (%s): %s"),
                              host, request, explanation);
      break;
    default:
      /* Translators: the site's host, the request, WordPress's explanation */
      g_string_append_printf (message, _("WordPress at %s failed (%s): %s"),
                              host, request, explanation);
      break;
    }
}

/* WordPress's validation errors list the bad parameters in data.params. */
static void
append_params (GString    *message,
               JsonObject *wp_error)
{
  JsonNode *data = json_object_get_member (wp_error, "data");
  JsonNode *params;
  g_autoptr(GList) names = NULL;

  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    return;
  params = json_object_get_member (json_node_get_object (data), "params");
  if (params == NULL || !JSON_NODE_HOLDS_OBJECT (params))
    return;
  names = json_object_get_members (json_node_get_object (params));
  for (GList *l = names; l; l = l->next)
    {
      const char *detail = _cd_wp_get_string (json_node_get_object (params), l->data);
      g_string_append_printf (message, " %s: %s", (const char *) l->data,
                              /* Translators: a parameter WordPress refused without saying why */
                              detail ? detail : _("invalid"));
      if (!g_str_has_suffix (message->str, "."))
        g_string_append_c (message, '.');
    }
}

static GError *
error_for_status (CdWpClient         *self,
                  CallState          *state,
                  guint               status,
                  SoupMessageHeaders *headers,
                  GBytes             *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) message = g_string_new (NULL);
  g_autofree char *request = request_name (state);
  JsonObject *wp_error = NULL;
  const char *wp_code = NULL;
  const char *wp_message = NULL;
  CdWpError code = code_for_status (status);
  GError *error;
  guint retry_after = 0;
  gsize size = 0;
  const char *data = body ? g_bytes_get_data (body, &size) : NULL;

  if (data && size > 0 && json_parser_load_from_data (parser, data, size, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      wp_error = json_node_get_object (json_parser_get_root (parser));
      wp_code = _cd_wp_get_string (wp_error, "code");
      wp_message = _cd_wp_get_string (wp_error, "message");
    }

  if (!(wp_message && *wp_message))
    wp_message = soup_status_get_phrase (status);
  if (!(wp_message && *wp_message))
    wp_message = _("no explanation given");
  append_refusal (message, code, self->host, request, wp_message);
  if (wp_error)
    append_params (message, wp_error);
  g_string_append_printf (message, " (HTTP %u%s%s)", status, wp_code ? ", " : "",
                          wp_code ? wp_code : "");
  if (parse_retry_after (headers, &retry_after))
    {
      g_string_append_c (message, ' ');
      g_string_append_printf (message,
                              /* Translators: Retry-After of a busy site */
                              g_dngettext (GETTEXT_PACKAGE,
                                           "The site asks to wait %u second before trying again.",
                                           "The site asks to wait %u seconds before trying again.",
                                           retry_after),
                              retry_after);
    }

  error = _cd_wp_error_new (code, status, wp_code, "%s", message->str);
  _cd_wp_error_set_retry_after (error, retry_after);
  if (wp_error)
    {
      JsonNode *wp_data = json_object_get_member (wp_error, "data");
      if (wp_data && JSON_NODE_HOLDS_OBJECT (wp_data))
        _cd_wp_error_set_data (error, json_node_get_object (wp_data));
    }
  return error;
}

/* What kind of failure to get an answer GIO or libsoup reported. */
static CdWpError
code_for_transport (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return CD_WP_ERROR_TIMEOUT;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND) ||
      error->domain == G_RESOLVER_ERROR)
    return CD_WP_ERROR_UNREACHABLE;
  if (error->domain == G_TLS_ERROR)
    return CD_WP_ERROR_TLS;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    return CD_WP_ERROR_CONNECTION_LOST;
  return CD_WP_ERROR_FAILED;
}

/* Turns a failure to get any answer into a CD_WP_ERROR; cancellation is
 * passed through untouched, so callers can tell it apart. */
static GError *
error_for_transport (CdWpClient *self,
                     CallState  *state,
                     GError     *error)
{
  CdWpError code = code_for_transport (error);
  g_autofree char *request = NULL;
  const char *host = self->host;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  request = request_name (state);
  switch ((int) code)
    {
    case CD_WP_ERROR_TIMEOUT:
      return _cd_wp_error_new (code, 0, NULL,
                               /* Translators: the site's host and the request (GET /wp/v2/posts) */
                               g_dngettext (GETTEXT_PACKAGE,
                                            "WordPress at %s did not answer in time (%s): no answer within %u second.",
                                            "WordPress at %s did not answer in time (%s): no answer within %u seconds.",
                                            self->timeout),
                               host, request, self->timeout);
    case CD_WP_ERROR_UNREACHABLE:
      /* Translators: the site's host, the request (GET /wp/v2/posts) and
       * the system's explanation; the same in the messages that follow. */
      return _cd_wp_error_new (code, 0, NULL, _("WordPress at %s could not be reached (%s): %s"),
                               host, request, error->message);
    case CD_WP_ERROR_TLS:
      /* Translators: the site's host, the request, the system's explanation */
      return _cd_wp_error_new (code, 0, NULL, _("WordPress at %s has a certificate that could not be verified (%s): %s"),
                               host, request, error->message);
    case CD_WP_ERROR_CONNECTION_LOST:
      /* Translators: the site's host, the request, the system's explanation */
      return _cd_wp_error_new (code, 0, NULL, _("WordPress at %s dropped the connection before answering (%s): %s"),
                               host, request, error->message);
    default:
      /* Translators: the site's host, the request, the system's explanation */
      return _cd_wp_error_new (code, 0, NULL, _("WordPress at %s could not be talked to (%s): %s"),
                               host, request, error->message);
    }
}

/* ------------------------------------------------------------------------
 * Sending, with retries and redirects
 * ------------------------------------------------------------------------ */

static SoupSession *
ensure_session (CdWpClient *self)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *agent = NULL;

  if (self->session)
    return self->session;

  agent = g_strdup_printf ("Copydesk/%s", PACKAGE_VERSION);
  self->session = soup_session_new_with_options ("timeout", self->timeout,
                                                 "user-agent", agent,
                                                 NULL);
  /* A proxy has no business between us and this computer. */
  uri = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, NULL);
  if (uri && host_is_loopback (g_uri_get_host (uri)))
    soup_session_set_proxy_resolver (self->session, NULL);
  return self->session;
}

static char *
build_url (const char *root,
           const char *route,
           const char *query)
{
  const char *rest_route = strstr (root, "rest_route=");
  g_autofree char *escaped = g_uri_escape_string (route, "/", FALSE);
  gboolean has_query = query && *query;

  if (rest_route)
    {
      /* "…/?rest_route=/": the route goes into the parameter, and the
       * other parameters follow with '&'. */
      const char *value = rest_route + strlen ("rest_route=");
      const char *after = strchr (value, '&');
      g_autofree char *prefix = g_strndup (root, value - root);

      return g_strconcat (prefix, escaped, after ? after : "", has_query ? "&" : "",
                          has_query ? query : "", NULL);
    }
  return g_strconcat (root, g_str_has_suffix (root, "/") ? escaped + 1 : escaped,
                      has_query ? (strchr (root, '?') ? "&" : "?") : "",
                      has_query ? query : "", NULL);
}

static gboolean
on_retry_cancelled (GCancellable *cancellable,
                    gpointer      user_data)
{
  /* The wait source holds the task; keep it alive past its destruction. */
  g_autoptr(GTask) task = g_object_ref (user_data);
  CallState *state = g_task_get_task_data (task);

  g_clear_pointer (&state->cancel_wait, g_source_unref);
  if (state->wait)
    g_source_destroy (state->wait);
  g_clear_pointer (&state->wait, g_source_unref);
  g_task_return_error_if_cancelled (task);
  return G_SOURCE_REMOVE;
}

static gboolean
on_retry_timeout (gpointer user_data)
{
  GTask *task = user_data;
  CallState *state = g_task_get_task_data (task);

  if (state->cancel_wait)
    g_source_destroy (state->cancel_wait);
  g_clear_pointer (&state->cancel_wait, g_source_unref);
  g_clear_pointer (&state->wait, g_source_unref);
  send_attempt (g_object_ref (task));
  return G_SOURCE_REMOVE;
}

/* Schedules the next attempt; FALSE when none is left or the site asks for
 * a longer wait than the client accepts.  Takes the task reference. */
static gboolean
schedule_retry (GTask    **task_ptr,
                gboolean   has_retry_after,
                guint      retry_after)
{
  GTask *task = *task_ptr;
  CdWpClient *self = g_task_get_source_object (task);
  CallState *state = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  guint delay_ms;

  if (state->attempt >= self->max_attempts)
    return FALSE;
  if (has_retry_after)
    {
      if (retry_after > self->max_retry_wait)
        return FALSE;
      delay_ms = retry_after * 1000;
    }
  else
    {
      guint64 backoff = (guint64) BACKOFF_BASE_MS << MIN (state->attempt - 1, 16);
      backoff = MIN (backoff, (guint64) self->max_retry_wait * 1000);
      /* Up to a quarter more, so that clients do not retry in lockstep. */
      delay_ms = (guint) (backoff + g_random_int_range (0, (gint32) (backoff / 4) + 1));
    }

  g_debug ("%s %s: attempt %u failed, retrying in %u ms", state->method,
           state->route ? state->route : state->url, state->attempt, delay_ms);

  state->wait = g_timeout_source_new (delay_ms);
  g_source_set_callback (state->wait, on_retry_timeout, g_steal_pointer (task_ptr), g_object_unref);
  g_source_attach (state->wait, g_main_context_get_thread_default ());
  if (cancellable)
    {
      state->cancel_wait = g_cancellable_source_new (cancellable);
      g_source_set_callback (state->cancel_wait, G_SOURCE_FUNC (on_retry_cancelled), task, NULL);
      g_source_attach (state->cancel_wait, g_main_context_get_thread_default ());
    }
  return TRUE;
}

static gboolean
status_is_retryable (guint status,
                     guint flags)
{
  /* 429 and 503 say the request was not handled: safe for any method. */
  if (status == STATUS_TOO_MANY_REQUESTS || status == SOUP_STATUS_SERVICE_UNAVAILABLE)
    return TRUE;
  return (flags & CD_WP_CALL_IDEMPOTENT) &&
         (status == SOUP_STATUS_BAD_GATEWAY || status == SOUP_STATUS_GATEWAY_TIMEOUT);
}

/* Follows a redirect on the same host (GET only); refuses any other. */
static gboolean
follow_redirect (CdWpClient  *self,
                 CallState   *state,
                 GError     **error)
{
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (state->msg),
                                                       "Location");
  g_autofree char *target = NULL;
  g_autofree char *request = request_name (state);
  guint status = soup_message_get_status (state->msg);

  if (location)
    target = g_uri_resolve_relative (state->url, location, G_URI_FLAGS_NONE, NULL);
  if (target == NULL)
    {
      g_propagate_error (error, _cd_wp_error_new (CD_WP_ERROR_INVALID_RESPONSE, status, NULL,
                                                  /* Translators: the first %s is the site's
                                                   * host, the second the request (GET /wp/v2/posts). */
                                                  _("WordPress at %s answered %s with a redirect "
                                                    "that names no valid address."),
                                                  self->host, request));
      return FALSE;
    }
  if (!same_host (target, state->url))
    {
      g_autofree char *to = host_of (target);
      g_propagate_error (error, _cd_wp_error_new (CD_WP_ERROR_REDIRECT, status, NULL,
                                                  /* Translators: the site's host, the request
                                                   * (GET /wp/v2/posts), the other host, the
                                                   * address the site redirects to. */
                                                  _("WordPress at %s sent %s on to another host, "
                                                    "%s; Copydesk does not follow it, so the password "
                                                    "stays with the site you named. If the site has "
                                                    "moved, change its address to %s."),
                                                  self->host, request, to, target));
      return FALSE;
    }
  if (g_strcmp0 (state->method, "GET") != 0 || state->redirects >= MAX_REDIRECTS)
    {
      g_propagate_error (error, _cd_wp_error_new (CD_WP_ERROR_REDIRECT, status, NULL,
                                                  /* Translators: the site's host, the request
                                                   * (GET /wp/v2/posts), the address it was
                                                   * redirected to. */
                                                  _("WordPress at %s redirected %s to %s; "
                                                    "change the site address to the final one."),
                                                  self->host, request, target));
      return FALSE;
    }
  if (!check_url (target, FALSE, error))
    return FALSE;
  state->redirects++;
  g_free (state->url);
  state->url = g_steal_pointer (&target);
  return TRUE;
}

/* An answer that should have been JSON and is not. */
static GError *
error_for_not_json (CdWpClient         *self,
                    CallState          *state,
                    SoupMessageHeaders *headers,
                    const char         *data,
                    gsize               size)
{
  guint status = soup_message_get_status (state->msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);
  const char *host = self->host;
  g_autofree char *request = request_name (state);
  g_autofree char *excerpt = NULL;

  if (data == NULL || size == 0)
    return _cd_wp_error_new (CD_WP_ERROR_INVALID_RESPONSE, status, NULL,
                             /* Translators: the site's host and the request (GET /wp/v2/posts) */
                             _("WordPress at %s answered %s with nothing where JSON was expected. "
                               "A plugin or the server may be failing."),
                             host, request);
  excerpt = snippet (data, size);
  if (type == NULL)
    return _cd_wp_error_new (CD_WP_ERROR_INVALID_RESPONSE, status, NULL,
                             /* Translators: the site's host, the request (GET /wp/v2/posts)
                              * and the start of the answer, in quotes */
                             _("WordPress at %s answered %s with something that is not JSON and "
                               "has no content type: %s. A plugin or the server may be printing "
                               "errors into the answer."),
                             host, request, excerpt);
  return _cd_wp_error_new (CD_WP_ERROR_INVALID_RESPONSE, status, NULL,
                           /* Translators: the site's host, the request (GET /wp/v2/posts), the
                            * answer's content type (text/html) and the start of the answer,
                            * in quotes */
                           _("WordPress at %s answered %s with something that is not JSON (%s): "
                             "%s. A plugin or the server may be printing errors into the answer."),
                           host, request, type, excerpt);
}

static void
return_response (GTask    *task,
                 CallState *state,
                 JsonNode *json)
{
  CdWpResponse *response = g_new0 (CdWpResponse, 1);

  response->status = soup_message_get_status (state->msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (state->msg));
  response->json = json;
  g_task_return_pointer (task, response, (GDestroyNotify) _cd_wp_response_free);
}

static void
handle_answer (GTask  *task,
               GBytes *body)
{
  CdWpClient *self = g_task_get_source_object (task);
  CallState *state = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (state->msg);
  guint status = soup_message_get_status (state->msg);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;
  const char *data;

  g_debug ("%s %s -> %u", state->method, state->route ? state->route : state->url, status);

  if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED)
    {
      if (!follow_redirect (self, state, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      send_attempt (g_object_ref (task));
      return;
    }

  if (status_is_retryable (status, state->flags))
    {
      guint retry_after = 0;
      gboolean has_retry_after = parse_retry_after (headers, &retry_after);
      GTask *retry_task = g_object_ref (task);

      if (schedule_retry (&retry_task, has_retry_after, retry_after))
        return;
      g_object_unref (retry_task);
    }

  if (state->flags & CALL_HEADERS_ONLY)
    {
      return_response (task, state, json_node_new (JSON_NODE_NULL));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_error (task, error_for_status (self, state, status, headers, body));
      return;
    }

  data = body ? g_bytes_get_data (body, &size) : NULL;
  parser = json_parser_new ();
  if (data == NULL || size == 0 || !json_parser_load_from_data (parser, data, size, NULL))
    {
      g_task_return_error (task, error_for_not_json (self, state, headers, data, size));
      return;
    }
  return_response (task, state, json_node_ref (json_parser_get_root (parser)));
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdWpClient *self = g_task_get_source_object (task);
  CallState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      g_autoptr(GError) mapped = error_for_transport (self, state, error);

      /* Nothing reached WordPress when the connection was refused, so any
       * method may try again; after a timeout only an idempotent one. */
      if ((g_error_matches (mapped, CD_WP_ERROR, CD_WP_ERROR_UNREACHABLE) ||
           (_cd_wp_error_is_ambiguous (mapped) && (state->flags & CD_WP_CALL_IDEMPOTENT))) &&
          schedule_retry (&task, FALSE, 0))
        return;
      g_task_return_error (task, g_steal_pointer (&mapped));
      return;
    }
  handle_answer (task, body);
}

static void
on_headers_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdWpClient *self = g_task_get_source_object (task);
  CallState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;

  stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (stream == NULL)
    {
      g_autoptr(GError) mapped = error_for_transport (self, state, error);

      if ((g_error_matches (mapped, CD_WP_ERROR, CD_WP_ERROR_UNREACHABLE) ||
           _cd_wp_error_is_ambiguous (mapped)) &&
          schedule_retry (&task, FALSE, 0))
        return;
      g_task_return_error (task, g_steal_pointer (&mapped));
      return;
    }
  /* Only the headers matter; the page itself may be large. */
  g_input_stream_close (stream, NULL, NULL);
  handle_answer (task, NULL);
}

/* HTTP Basic with the application password.  The copies made on the way
 * are wiped; the header itself is never logged. */
static void
set_authorization (CdWpClient         *self,
                   SoupMessageHeaders *headers)
{
  g_autofree char *credentials = g_strdup_printf ("%s:%s", self->user ? self->user : "",
                                                  self->password ? self->password : "");
  g_autofree char *encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  g_autofree char *value = g_strconcat ("Basic ", encoded, NULL);

  soup_message_headers_replace (headers, "Authorization", value);
  memset (credentials, 0, strlen (credentials));
  memset (encoded, 0, strlen (encoded));
  memset (value, 0, strlen (value));
}

static void
send_attempt (GTask *task_owned)
{
  g_autoptr(GTask) task = task_owned;
  CdWpClient *self = g_task_get_source_object (task);
  CallState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  GCancellable *cancellable;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!check_url (state->url, FALSE, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  state->attempt++;
  g_clear_object (&state->msg);
  state->msg = soup_message_new (state->method, state->url);
  if (state->msg == NULL)
    {
      g_task_return_new_error (task, CD_WP_ERROR, CD_WP_ERROR_INVALID_URL,
                               _("“%s” is not a valid address for a request."), state->url);
      return;
    }
  /* Redirects are looked at before following (see follow_redirect). */
  soup_message_add_flags (state->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (state->msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  set_authorization (self, headers);
  /* php -S never answers "Expect: 100-continue", so the body is sent
   * straight away; libsoup adds no expectation unless asked to. */
  if (state->body)
    soup_message_set_request_body_from_bytes (state->msg, state->content_type, state->body);

  /* The cancellable is read before the task is handed on: argument
   * evaluation order is unspecified. */
  cancellable = g_task_get_cancellable (task);
  if (state->flags & CALL_HEADERS_ONLY)
    soup_session_send_async (ensure_session (self), state->msg, G_PRIORITY_DEFAULT,
                             cancellable, on_headers_cb, g_steal_pointer (&task));
  else
    soup_session_send_and_read_async (ensure_session (self), state->msg, G_PRIORITY_DEFAULT,
                                      cancellable, on_read_cb, g_steal_pointer (&task));
}

/* ------------------------------------------------------------------------
 * Discovery of the REST root
 * ------------------------------------------------------------------------ */

/* Finds <URL>; rel="https://api.w.org/" among the Link headers. */
static char *
find_rest_link (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_list (headers, "Link");
  GSList *links;
  char *found = NULL;

  if (value == NULL)
    return NULL;
  links = soup_header_parse_list (value);
  for (GSList *l = links; l && !found; l = l->next)
    {
      const char *link = g_strstrip ((char *) l->data);
      const char *close = strchr (link, '>');
      GHashTable *params;
      const char *rel;

      if (*link != '<' || close == NULL)
        continue;
      params = soup_header_parse_semi_param_list (close + 1);
      rel = g_hash_table_lookup (params, "rel");
      if (rel)
        {
          g_auto(GStrv) rels = g_strsplit (rel, " ", -1);
          if (g_strv_contains ((const char * const *) rels, REST_LINK_REL))
            found = g_strndup (link + 1, close - link - 1);
        }
      soup_header_free_param_list (params);
    }
  soup_header_free_list (links);
  return found;
}

static void
on_discover_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CdWpClient *self = CD_WP_CLIENT (source);
  g_autoptr(CdWpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;
  g_autofree char *root = NULL;

  response = g_task_propagate_pointer (G_TASK (result), &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  link = find_rest_link (response->headers);
  if (link)
    root = g_uri_resolve_relative (self->base_url, link, G_URI_FLAGS_NONE, NULL);
  if (root == NULL)
    {
      CallState fake = { .method = (char *) "GET", .route = (char *) "/" };

      if (!SOUP_STATUS_IS_SUCCESSFUL (response->status))
        {
          g_task_return_error (task, error_for_status (self, &fake, response->status,
                                                       response->headers, NULL));
          return;
        }
      /* No Link header (a cache or proxy may drop it): the plain form
       * works whatever the permalink settings are. */
      root = g_strconcat (self->base_url, "?rest_route=/", NULL);
    }
  else if (!same_host (root, self->base_url))
    {
      g_autofree char *to = host_of (root);
      g_task_return_error (task, _cd_wp_error_new (CD_WP_ERROR_REDIRECT, response->status, NULL,
                                                   _("WordPress at %s says its REST API is on "
                                                     "another host, %s; Copydesk does not send the "
                                                     "password there. Check the site address "
                                                     "(WordPress's “Site Address” setting)."),
                                                   self->host, to));
      return;
    }
  if (!check_url (root, FALSE, &error))
    {
      /* Translators: the reason follows. */
      g_prefix_error (&error, _("The site's REST API address is unusable: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_debug ("REST root of %s: %s", self->host, root);
  cd_wp_client_set_rest_root (self, root);
  g_task_return_pointer (task, g_steal_pointer (&root), g_free);
}

static void
discover_internal_async (CdWpClient          *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) call = NULL;
  g_autoptr(GError) error = NULL;
  CallState *state;

  g_task_set_source_tag (task, discover_internal_async);
  if (!cd_wp_check_url (self->base_url, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  call = g_task_new (self, cancellable, on_discover_cb, g_steal_pointer (&task));
  state = g_new0 (CallState, 1);
  state->method = g_strdup ("GET");
  state->url = g_strdup (self->base_url);
  state->flags = CD_WP_CALL_IDEMPOTENT | CALL_HEADERS_ONLY;
  g_task_set_task_data (call, state, (GDestroyNotify) call_state_free);
  send_attempt (g_steal_pointer (&call));
}

/* ------------------------------------------------------------------------
 * REST calls
 * ------------------------------------------------------------------------ */

static void
start_call (GTask *task_owned)
{
  g_autoptr(GTask) task = task_owned;
  CdWpClient *self = g_task_get_source_object (task);
  CallState *state = g_task_get_task_data (task);

  g_free (state->url);
  state->url = build_url (self->rest_root, state->route, state->query);
  send_attempt (g_steal_pointer (&task));
}

static void
on_call_discovered_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_task_propagate_pointer (G_TASK (result), &error);

  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  start_call (g_steal_pointer (&task));
}

void
_cd_wp_client_call_bytes_async (CdWpClient          *self,
                                const char          *method,
                                const char          *route,
                                const char          *query,
                                GBytes              *body,
                                const char          *content_type,
                                CdWpCallFlags        flags,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CallState *state;

  g_return_if_fail (CD_IS_WP_CLIENT (self));
  g_return_if_fail (method != NULL && route != NULL && route[0] == '/');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _cd_wp_client_call_bytes_async);
  state = g_new0 (CallState, 1);
  state->method = g_strdup (method);
  state->route = g_strdup (route);
  state->query = g_strdup (query);
  state->body = body ? g_bytes_ref (body) : NULL;
  state->content_type = g_strdup (content_type);
  state->flags = flags;
  g_task_set_task_data (task, state, (GDestroyNotify) call_state_free);

  if (self->rest_root == NULL)
    discover_internal_async (self, cancellable, on_call_discovered_cb, g_steal_pointer (&task));
  else
    start_call (g_steal_pointer (&task));
}

void
_cd_wp_client_call_async (CdWpClient          *self,
                          const char          *method,
                          const char          *route,
                          const char          *query,
                          JsonNode            *body,
                          CdWpCallFlags        flags,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GBytes) bytes = NULL;

  if (body)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      gsize length = 0;
      char *text;

      json_generator_set_root (generator, body);
      text = json_generator_to_data (generator, &length);
      bytes = g_bytes_new_take (text, length);
    }
  _cd_wp_client_call_bytes_async (self, method, route, query, bytes,
                                  bytes ? "application/json; charset=utf-8" : NULL,
                                  flags, cancellable, callback, user_data);
}

CdWpResponse *
_cd_wp_client_call_finish (CdWpClient    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
_cd_wp_client_get_host (CdWpClient *self)
{
  return self->host;
}

/* The term ids the publishes of this client found, keyed by taxonomy and
 * name; cd-wp-publish.c fills it, owns its values and empties it. */
GHashTable *
_cd_wp_client_get_terms (CdWpClient *self)
{
  return self->terms;
}

/* ------------------------------------------------------------------------
 * GObject
 * ------------------------------------------------------------------------ */

static void
cd_wp_client_dispose (GObject *object)
{
  CdWpClient *self = CD_WP_CLIENT (object);

  if (self->session)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (cd_wp_client_parent_class)->dispose (object);
}

static void
cd_wp_client_finalize (GObject *object)
{
  CdWpClient *self = CD_WP_CLIENT (object);

  g_free (self->base_url);
  g_free (self->host);
  g_free (self->user);
  if (self->password)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->rest_root);
  g_clear_pointer (&self->terms, g_hash_table_unref);

  G_OBJECT_CLASS (cd_wp_client_parent_class)->finalize (object);
}

static void
cd_wp_client_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CdWpClient *self = CD_WP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL: g_value_set_string (value, self->base_url); break;
    case PROP_USER: g_value_set_string (value, self->user); break;
    case PROP_REST_ROOT: g_value_set_string (value, self->rest_root); break;
    case PROP_TIMEOUT: g_value_set_uint (value, self->timeout); break;
    case PROP_MAX_ATTEMPTS: g_value_set_uint (value, self->max_attempts); break;
    case PROP_MAX_RETRY_WAIT: g_value_set_uint (value, self->max_retry_wait); break;
    case PROP_HEADLINE_LIMIT: g_value_set_uint (value, self->headline_limit); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_wp_client_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CdWpClient *self = CD_WP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL: cd_wp_client_set_base_url (self, g_value_get_string (value)); break;
    case PROP_USER: cd_wp_client_set_user (self, g_value_get_string (value)); break;
    case PROP_PASSWORD: cd_wp_client_set_password (self, g_value_get_string (value)); break;
    case PROP_REST_ROOT: cd_wp_client_set_rest_root (self, g_value_get_string (value)); break;
    case PROP_TIMEOUT: cd_wp_client_set_timeout (self, g_value_get_uint (value)); break;
    case PROP_MAX_ATTEMPTS: cd_wp_client_set_max_attempts (self, g_value_get_uint (value)); break;
    case PROP_MAX_RETRY_WAIT: cd_wp_client_set_max_retry_wait (self, g_value_get_uint (value)); break;
    case PROP_HEADLINE_LIMIT: cd_wp_client_set_headline_limit (self, g_value_get_uint (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_wp_client_class_init (CdWpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cd_wp_client_dispose;
  object_class->finalize = cd_wp_client_finalize;
  object_class->get_property = cd_wp_client_get_property;
  object_class->set_property = cd_wp_client_set_property;

  properties[PROP_BASE_URL] = g_param_spec_string ("base-url", NULL, NULL, NULL, rw);
  properties[PROP_USER] = g_param_spec_string ("user", NULL, NULL, NULL, rw);
  /* Write-only: the secret is never handed out again. */
  properties[PROP_PASSWORD] =
    g_param_spec_string ("password", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REST_ROOT] = g_param_spec_string ("rest-root", NULL, NULL, NULL, rw);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 3600, CD_WP_DEFAULT_TIMEOUT, rw);
  properties[PROP_MAX_ATTEMPTS] =
    g_param_spec_uint ("max-attempts", NULL, NULL, 1, 20, CD_WP_DEFAULT_MAX_ATTEMPTS, rw);
  properties[PROP_MAX_RETRY_WAIT] =
    g_param_spec_uint ("max-retry-wait", NULL, NULL, 0, 3600, CD_WP_DEFAULT_MAX_RETRY_WAIT, rw);
  properties[PROP_HEADLINE_LIMIT] =
    g_param_spec_uint ("headline-limit", NULL, NULL, 0, G_MAXUINT,
                       CD_WP_DEFAULT_HEADLINE_LIMIT, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_wp_client_init (CdWpClient *self)
{
  self->timeout = CD_WP_DEFAULT_TIMEOUT;
  self->max_attempts = CD_WP_DEFAULT_MAX_ATTEMPTS;
  self->max_retry_wait = CD_WP_DEFAULT_MAX_RETRY_WAIT;
  self->headline_limit = CD_WP_DEFAULT_HEADLINE_LIMIT;
  self->terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, _cd_wp_term_entry_free);
}

/* ------------------------------------------------------------------------
 * Public API
 * ------------------------------------------------------------------------ */

static const char * const status_names[] = { "draft", "pending", "publish", "future" };

const char *
cd_wp_status_to_string (CdWpStatus status)
{
  g_return_val_if_fail (status <= CD_WP_STATUS_FUTURE, NULL);
  return status_names[status];
}

gboolean
cd_wp_status_from_string (const char *str,
                          CdWpStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (str, status_names[i]) == 0)
      {
        if (status)
          *status = (CdWpStatus) i;
        return TRUE;
      }
  return FALSE;
}

/* base_url is the site's home address ("https://news.example.org" or, for
 * a site in a folder, "https://example.org/news").  It is checked at the
 * first request; cd_wp_check_url() checks it up front. */
CdWpClient *
cd_wp_client_new (const char *base_url,
                  const char *user,
                  const char *password)
{
  return g_object_new (CD_TYPE_WP_CLIENT,
                       "base-url", base_url,
                       "user", user,
                       "password", password,
                       NULL);
}

const char *
cd_wp_client_get_base_url (CdWpClient *self)
{
  g_return_val_if_fail (CD_IS_WP_CLIENT (self), NULL);
  return self->base_url;
}

void
cd_wp_client_set_base_url (CdWpClient *self,
                           const char *base_url)
{
  g_autofree char *normalised = normalise_base_url (base_url);

  g_return_if_fail (CD_IS_WP_CLIENT (self));

  if (!cd_set_str (&self->base_url, normalised))
    return;
  g_free (self->host);
  self->host = self->base_url ? host_of (self->base_url) : g_strdup (_("(no address)"));
  /* Another site: forget its API root, its terms and the session's proxy
   * choice. */
  cd_wp_client_set_rest_root (self, NULL);
  if (self->terms)
    _cd_wp_client_forget_terms (self);
  if (self->session)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

const char *
cd_wp_client_get_user (CdWpClient *self)
{
  g_return_val_if_fail (CD_IS_WP_CLIENT (self), NULL);
  return self->user;
}

void
cd_wp_client_set_user (CdWpClient *self,
                       const char *user)
{
  g_return_if_fail (CD_IS_WP_CLIENT (self));
  if (cd_set_str (&self->user, user))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
}

/* The application password (Users → Profile → Application Passwords),
 * with or without its spaces.  The normal login password does not work
 * with the REST API. */
void
cd_wp_client_set_password (CdWpClient *self,
                           const char *password)
{
  g_return_if_fail (CD_IS_WP_CLIENT (self));
  if (g_strcmp0 (self->password, password) == 0)
    return;
  if (self->password)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  self->password = g_strdup (password);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PASSWORD]);
}

/* The REST API root, e.g. "https://example.org/wp-json/" or
 * "https://example.org/?rest_route=/".  NULL until the first request finds
 * it; a caller may store it with the site and set it again next time, so
 * that no discovery request is needed. */
const char *
cd_wp_client_get_rest_root (CdWpClient *self)
{
  g_return_val_if_fail (CD_IS_WP_CLIENT (self), NULL);
  return self->rest_root;
}

void
cd_wp_client_set_rest_root (CdWpClient *self,
                            const char *rest_root)
{
  g_return_if_fail (CD_IS_WP_CLIENT (self));
  if (cd_set_str (&self->rest_root, rest_root))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REST_ROOT]);
}

guint
cd_wp_client_get_timeout (CdWpClient *self)
{
  g_return_val_if_fail (CD_IS_WP_CLIENT (self), 0);
  return self->timeout;
}

/* Seconds a request may wait for the site before it fails with
 * CD_WP_ERROR_TIMEOUT. */
void
cd_wp_client_set_timeout (CdWpClient *self,
                          guint       seconds)
{
  g_return_if_fail (CD_IS_WP_CLIENT (self));
  seconds = MAX (seconds, 1);
  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  if (self->session)
    soup_session_set_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
cd_wp_client_get_max_attempts (CdWpClient *self)
{
  g_return_val_if_fail (CD_IS_WP_CLIENT (self), 0);
  return self->max_attempts;
}

/* How often a request is tried in all, where trying again is safe. */
void
cd_wp_client_set_max_attempts (CdWpClient *self,
                               guint       attempts)
{
  g_return_if_fail (CD_IS_WP_CLIENT (self));
  attempts = MAX (attempts, 1);
  if (self->max_attempts == attempts)
    return;
  self->max_attempts = attempts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_ATTEMPTS]);
}

guint
cd_wp_client_get_max_retry_wait (CdWpClient *self)
{
  g_return_val_if_fail (CD_IS_WP_CLIENT (self), 0);
  return self->max_retry_wait;
}

/* The longest wait before a retry, in seconds.  A site asking (with
 * Retry-After) for a longer wait gets no retry: the error says how long. */
void
cd_wp_client_set_max_retry_wait (CdWpClient *self,
                                 guint       seconds)
{
  g_return_if_fail (CD_IS_WP_CLIENT (self));
  if (self->max_retry_wait == seconds)
    return;
  self->max_retry_wait = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_RETRY_WAIT]);
}

guint
cd_wp_client_get_headline_limit (CdWpClient *self)
{
  g_return_val_if_fail (CD_IS_WP_CLIENT (self), 0);
  return self->headline_limit;
}

/* Longest headline publishing accepts, in characters; 0 for no limit. */
void
cd_wp_client_set_headline_limit (CdWpClient *self,
                                 guint       limit)
{
  g_return_if_fail (CD_IS_WP_CLIENT (self));
  if (self->headline_limit == limit)
    return;
  self->headline_limit = limit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEADLINE_LIMIT]);
}

/* Finds the REST API root again (a GET of the home page, reading only its
 * Link header) and returns it. */
void
cd_wp_client_discover_async (CdWpClient          *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (CD_IS_WP_CLIENT (self));
  discover_internal_async (self, cancellable, callback, user_data);
}

char *
cd_wp_client_discover_finish (CdWpClient    *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_users_me_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CdWpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *user;
  const char *name;

  response = _cd_wp_client_call_finish (CD_WP_CLIENT (source), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  user = _cd_wp_expect_object (response->json, "GET /wp/v2/users/me", &error);
  if (user == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  name = _cd_wp_get_string (user, "name");
  if (name == NULL)
    name = _cd_wp_get_string (user, "slug");
  if (name == NULL)
    {
      g_task_return_new_error (task, CD_WP_ERROR, CD_WP_ERROR_INVALID_RESPONSE,
                               _("WordPress answered GET /wp/v2/users/me without a user name."));
      return;
    }
  g_task_return_pointer (task, g_strdup (name), g_free);
}

/* Checks the user name and application password.  Public GETs succeed
 * anonymously, even with a wrong password, so this asks for the user's own
 * record: a 401 then means bad credentials (CD_WP_ERROR_UNAUTHORIZED).
 * Returns the user's display name. */
void
cd_wp_client_check_credentials_async (CdWpClient          *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CD_IS_WP_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_wp_client_check_credentials_async);
  _cd_wp_client_call_async (self, "GET", "/wp/v2/users/me", "_fields=id,name,slug", NULL,
                            CD_WP_CALL_IDEMPOTENT, cancellable, on_users_me_cb, task);
}

char *
cd_wp_client_check_credentials_finish (CdWpClient    *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

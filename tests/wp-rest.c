/* wp-rest.c: a direct REST request to the test WordPress
 *
 * Authenticates with the application password the test harness exports
 * (tests/wordpress/run-with-wordpress.sh), fails the test on any HTTP
 * error, and returns the parsed JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "wp-rest.h"

JsonNode *
wp_rest (const char          *method,
         const char          *route,
         const char          *body,
         SoupMessageHeaders **response_headers)
{
  static SoupSession *session;
  g_autofree char *url = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *auth = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (session == NULL)
    session = soup_session_new_with_options ("timeout", 60, NULL);
  url = g_strdup_printf ("%s/wp-json%s", g_getenv ("COPYDESK_TEST_WP_URL"), route);
  msg = soup_message_new (method, url);
  credentials = g_strdup_printf ("%s:%s", g_getenv ("COPYDESK_TEST_WP_USER"),
                                 g_getenv ("COPYDESK_SITE_PASSWORD"));
  encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  auth = g_strconcat ("Basic ", encoded, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  if (body)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }
  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)))
    g_error ("%s %s: HTTP %u: %.*s", method, route, soup_message_get_status (msg),
             (int) g_bytes_get_size (bytes), (const char *) g_bytes_get_data (bytes, NULL));
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              &error);
  g_assert_no_error (error);
  if (response_headers)
    *response_headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return json_node_ref (json_parser_get_root (parser));
}

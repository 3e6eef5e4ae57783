/* wp-rest.h: a direct REST request to the test WordPress, for tests that
 * change or read a post behind Copydesk's back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

JsonNode *wp_rest (const char          *method,
                   const char          *route,
                   const char          *body,
                   SoupMessageHeaders **response_headers);

G_END_DECLS

/* cd-wp-error-private.h: filling in the details a CD_WP_ERROR carries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cd-wp-error.h"

G_BEGIN_DECLS

void  _cd_wp_error_set_http_status (GError       *error,
                                    guint         status);
void  _cd_wp_error_set_wp_code     (GError       *error,
                                    const char   *code);
void  _cd_wp_error_set_retry_after (GError       *error,
                                    guint         seconds);
void  _cd_wp_error_take_conflict   (GError       *error,
                                    CdWpConflict *conflict);
void  _cd_wp_error_set_data        (GError       *error,
                                    JsonObject   *data);
JsonObject *_cd_wp_error_get_data  (const GError *error);

G_END_DECLS

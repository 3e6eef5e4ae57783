/* cd-ninjs.h: articles to and from IPTC ninjs 3.1 objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cd-article.h"

G_BEGIN_DECLS

#define CD_NINJS_ERROR (cd_ninjs_error_quark ())

typedef enum
{
  CD_NINJS_ERROR_NOT_AN_OBJECT,
  CD_NINJS_ERROR_WRONG_TYPE,
  CD_NINJS_ERROR_BAD_VALUE,
} CdNinjsError;

/* Which renderings of the body go into "bodies". */
typedef enum /*< flags >*/
{
  CD_NINJS_BODY_MARKDOWN = 1 << 0,
  CD_NINJS_BODY_PLAIN    = 1 << 1,
  CD_NINJS_BODY_HTML     = 1 << 2,
} CdNinjsBodies;

GQuark      cd_ninjs_error_quark   (void);

JsonNode   *cd_ninjs_from_article  (CdArticle      *article,
                                    const char     *photos_uri,
                                    CdNinjsBodies   bodies);
CdArticle  *cd_ninjs_to_article    (JsonNode       *ninjs,
                                    const char     *photos_uri,
                                    GError        **error);

G_END_DECLS

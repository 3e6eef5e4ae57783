/* cd-page-copy-parser.h: articles from page copy, one at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-import-error.h"
#include "cd-parsed-article.h"

G_BEGIN_DECLS

#define CD_TYPE_PAGE_COPY_PARSER (cd_page_copy_parser_get_type ())
G_DECLARE_FINAL_TYPE (CdPageCopyParser, cd_page_copy_parser, CD, PAGE_COPY_PARSER, GObject)

CdPageCopyParser *cd_page_copy_parser_new      (GInputStream      *stream,
                                                const char        *default_language);
CdParsedArticle  *cd_page_copy_parser_next     (CdPageCopyParser  *self,
                                                GCancellable      *cancellable,
                                                GError           **error);
GPtrArray        *cd_page_copy_parse           (GInputStream      *stream,
                                                const char        *default_language,
                                                GCancellable      *cancellable,
                                                GError           **error);
GPtrArray        *cd_page_copy_parse_bytes     (GBytes            *bytes,
                                                const char        *default_language,
                                                GError           **error);
const char       *cd_page_copy_detect_language (const char        *text,
                                                const char        *default_language);

G_END_DECLS

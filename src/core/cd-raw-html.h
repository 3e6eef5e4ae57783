/* cd-raw-html.h: the little raw HTML a Markdown body may carry to a page
 *
 * CommonMark has no tables, no strikethrough and no underline.  A body
 * keeps them as raw HTML, and only these forms of it are let through to
 * a page; everything else raw stays visible text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *cd_raw_html_inline_tag  (const char  *html,
                                     gboolean    *closing);
char       *cd_raw_html_clean_table (const char  *html,
                                     char       **plain);

G_END_DECLS

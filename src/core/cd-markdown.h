/* cd-markdown.h: the article body is CommonMark; these render it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char  *cd_markdown_to_html   (const char *markdown);
char  *cd_markdown_to_plain  (const char *markdown);
guint  cd_markdown_count_words (const char *markdown);
char  *cd_markdown_escape_paragraph (const char *text);
char  *cd_markdown_escape_inline    (const char *text);

G_END_DECLS

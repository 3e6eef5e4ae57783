/* cd-html-markdown.h: the HTML a WordPress site holds, back into a
 * CommonMark body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CD_HTML_MARKDOWN_ERROR (cd_html_markdown_error_quark ())

typedef enum
{
  CD_HTML_MARKDOWN_ERROR_INVALID_UTF8,  /* the HTML is not UTF-8 text */
  CD_HTML_MARKDOWN_ERROR_TOO_LARGE,     /* more than libxml2 takes in one piece */
  CD_HTML_MARKDOWN_ERROR_PARSE,         /* libxml2 returned no document */
} CdHtmlMarkdownError;

typedef enum
{
  CD_HTML_MARKDOWN_NONE  = 0,
  CD_HTML_MARKDOWN_AUTOP = 1 << 0,  /* blank lines end paragraphs, newlines break lines */
} CdHtmlMarkdownFlags;

GQuark  cd_html_markdown_error_quark (void);

char   *cd_html_to_markdown          (const char           *html,
                                      GError              **error);
char   *cd_html_to_markdown_full     (const char           *html,
                                      CdHtmlMarkdownFlags   flags,
                                      guint                 n_trailing_figures,
                                      GError              **error);

G_END_DECLS

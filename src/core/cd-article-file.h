/* cd-article-file.h: the file that holds one article in the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cd-article.h"

G_BEGIN_DECLS

/* The version of the file layout this Copydesk writes and reads. */
#define CD_ARTICLE_FILE_FORMAT 1

/* Photo hrefs in a stored article are relative to the store's folder. */
#define CD_ARTICLE_FILE_PHOTOS_URI "photos/"

#define CD_ARTICLE_FILE_ERROR (cd_article_file_error_quark ())

typedef enum
{
  CD_ARTICLE_FILE_ERROR_EMPTY,          /* no bytes, or only white space */
  CD_ARTICLE_FILE_ERROR_TRUNCATED,      /* the JSON text stops before its end */
  CD_ARTICLE_FILE_ERROR_INVALID_JSON,   /* not JSON for another reason */
  CD_ARTICLE_FILE_ERROR_NOT_UTF8,       /* the message gives the byte offset */
  CD_ARTICLE_FILE_ERROR_NOT_AN_OBJECT,  /* JSON, but not an object at the top */
  CD_ARTICLE_FILE_ERROR_WRONG_TYPE,     /* the message names the member */
  CD_ARTICLE_FILE_ERROR_BAD_VALUE,      /* right type, value not allowed */
  CD_ARTICLE_FILE_ERROR_NEWER_FORMAT,   /* written by a newer Copydesk */
} CdArticleFileError;

GQuark     cd_article_file_error_quark (void);

JsonObject *cd_article_file_parse_object (const char *data,
                                         gsize       length,
                                         GError    **error);

GBytes    *cd_article_file_serialize   (CdArticle   *article);
CdArticle *cd_article_file_parse       (const char  *data,
                                        gsize        length,
                                        GError     **error);

G_END_DECLS

/* cd-wp-checks.h: is an article ready for WordPress? (no network)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-article.h"

G_BEGIN_DECLS

#define CD_WP_DEFAULT_HEADLINE_LIMIT 200

typedef enum
{
  CD_WP_PROBLEM_BLOCKING,   /* publishing is refused until it is fixed */
  CD_WP_PROBLEM_WARNING,    /* worth a look, but does not stop publishing */
} CdWpProblemLevel;

typedef struct
{
  CdWpProblemLevel level;
  int photo;                /* 0-based index of the photo concerned, or -1 */
  char *message;            /* one sentence in plain words */
} CdWpProblem;

void        cd_wp_problem_free            (CdWpProblem      *problem);

GPtrArray  *cd_wp_check_article           (CdArticle        *article,
                                           GHashTable       *photo_files,
                                           guint             headline_limit);
gboolean    cd_wp_problems_have_blocking  (GPtrArray        *problems);
char       *cd_wp_problems_describe       (GPtrArray        *problems,
                                           CdWpProblemLevel  level);

char       *cd_wp_make_slug               (const char       *headline,
                                           const char       *article_id);
char       *cd_wp_photo_caption           (CdPhoto          *photo);
char       *cd_wp_unescape_html           (const char       *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdWpProblem, cd_wp_problem_free)

G_END_DECLS

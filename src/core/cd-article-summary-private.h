/* cd-article-summary-private.h: for the store, which fills summaries from
 * its index without going through a CdArticle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-article-summary.h"

G_BEGIN_DECLS

struct _CdArticleSummary
{
  GObject parent_instance;

  /* Empty text is kept as NULL: a large store holds many empty fields. */
  char *id;
  char *headline;
  char *standfirst;
  char *section;
  char **tags;               /* never NULL */
  char *language;
  char *duplicate_of;
  char *fingerprint;
  gint64 created_usec;       /* microseconds since 1970, UTC */
  gint64 modified_usec;
  GDateTime *created;        /* made on first use, from created_usec */
  GDateTime *modified;
  guint64 revision;
  guint64 simhash;
  CdArticleStatus status;
  CdArticleWarnings warnings;
  guint n_photos;
};

CdArticleSummary *_cd_article_summary_new_empty (void);
void              _cd_article_summary_assign    (CdArticleSummary *self,
                                                 CdArticleSummary *from);
gint64            _cd_datetime_to_usec          (GDateTime        *dt);

G_END_DECLS

/* cd-article-summary-private.h: for the store, which fills summaries from
 * its index without going through a CdArticle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-article-summary.h"

G_BEGIN_DECLS

/* What identifies one version of an article file without reading it. */
typedef struct
{
  gint64  size;
  gint64  mtime_ns;
  guint64 ino;
} CdFileStamp;

typedef enum
{
  CD_SUMMARY_ID,
  CD_SUMMARY_HEADLINE,
  CD_SUMMARY_STANDFIRST,
  CD_SUMMARY_DUPLICATE_OF,
  CD_SUMMARY_N_TEXTS
} CdSummaryText;

/* A SHA-256 digest: see cd_article_dup_fingerprint(). */
#define CD_FINGERPRINT_SIZE 32

struct _CdArticleSummary
{
  GObject parent_instance;

  /* A store lists 100,000 of these: all text sits in one block and the
   * tags in another, so a summary costs three allocations, not twelve.
   * The id never changes and stays where it is (the store's table of ids
   * points at it): in id_inline, or id_heap when it is long. */
  char *text_block;
  const char *texts[CD_SUMMARY_N_TEXTS];  /* "" when empty */
  char id_inline[40];
  char *id_heap;
  char **tags;                            /* one block: pointers, then text */
  guint8 fingerprint[CD_FINGERPRINT_SIZE];  /* half the size of its hex form */
  /* A few sections and languages recur across the whole store: each is
   * kept once, as a quark (0 when empty). */
  GQuark section;
  GQuark language;
  gint64 created_usec;                    /* microseconds since 1970, UTC */
  gint64 modified_usec;
  guint64 revision;
  guint64 simhash;
  CdArticleStatus status;
  CdArticleWarnings warnings;
  guint n_photos;

  /* The store's bookkeeping: the article file this summary was read
   * from, as the index records it. */
  CdFileStamp stamp;
};

CdArticleSummary *_cd_article_summary_new_empty (void);
void              _cd_article_summary_assign    (CdArticleSummary   *self,
                                                 CdArticleSummary   *from);
void              _cd_article_summary_set_id    (CdArticleSummary   *self,
                                                 const char         *id,
                                                 gsize               length);
void              _cd_article_summary_set_texts (CdArticleSummary   *self,
                                                 const char * const *texts);
char            **_cd_strv_pack                 (const char * const *strv);
GQuark            _cd_summary_quark             (const char         *text);
gboolean          _cd_fingerprint_from_hex      (guint8             *fingerprint,
                                                 const char         *hex,
                                                 gsize               length);
void              _cd_fingerprint_to_hex        (const guint8       *fingerprint,
                                                 char               *hex);
gint64            _cd_datetime_to_usec          (GDateTime          *dt);

G_END_DECLS

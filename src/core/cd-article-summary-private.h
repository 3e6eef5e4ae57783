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

/* The parts of a summary's text block, in the order the block holds them,
 * each ending in a nul. */
typedef enum
{
  CD_SUMMARY_ID,            /* first: the block's address is the id's */
  CD_SUMMARY_TAGS,          /* none or more, each ending in a nul */
  CD_SUMMARY_HEADLINE,
  CD_SUMMARY_STANDFIRST,
  CD_SUMMARY_DUPLICATE_OF,
  CD_SUMMARY_N_PARTS
} CdSummaryPart;

/* A SHA-256 digest: see cd_article_dup_fingerprint(). */
#define CD_FINGERPRINT_SIZE 32

struct _CdArticleSummary
{
  GObject parent_instance;

  /* A store lists 100,000 of these, and the window must hold a store of
   * 10,000 in no more memory than a text editor: every byte here counts
   * 100,000 times, and the order of the fields avoids padding. A summary is two
   * allocations: the instance and one block for all its text. The id
   * never changes, but a new block replaces the old one when the
   * summary is updated, so the id moves with it. */
  char *block;
  guint32 part_at[CD_SUMMARY_N_PARTS - 1];  /* where each part but the id starts */
  GQuark section;                           /* a handful per store: kept once; 0 if "" */
  GQuark language;
  guint8 fingerprint[CD_FINGERPRINT_SIZE];  /* half the size of its hex form */
  gint64 created_usec;                      /* microseconds since 1970, UTC */
  gint64 modified_usec;
  guint64 revision;
  guint64 simhash;
  guint n_photos;
  guint status : 8;                         /* CdArticleStatus */
  guint warnings : 24;                      /* CdArticleWarnings */

  /* The store's bookkeeping: the article file this summary was read
   * from, as the index records it. */
  CdFileStamp stamp;
};

#define CD_SUMMARY_MAX_WARNINGS ((1u << 24) - 1)

/* Fills a block part by part, in the order of CdSummaryPart. */
typedef struct
{
  char *block;
  char *out;                                /* where the next byte goes */
  guint32 part_at[CD_SUMMARY_N_PARTS - 1];
} CdSummaryBlock;

CdArticleSummary *_cd_article_summary_new_empty  (void);
void              _cd_article_summary_assign     (CdArticleSummary *self,
                                                  CdArticleSummary *from);
void              _cd_summary_block_init         (CdSummaryBlock   *block,
                                                  gsize             size);
void              _cd_summary_block_begin        (CdSummaryBlock   *block,
                                                  CdSummaryPart     part);
void              _cd_article_summary_take_block (CdArticleSummary *self,
                                                  CdSummaryBlock   *block);
const char       *_cd_article_summary_get_part   (CdArticleSummary *self,
                                                  CdSummaryPart     part);
GQuark            _cd_summary_quark              (const char       *text);
gboolean          _cd_fingerprint_from_hex       (guint8           *fingerprint,
                                                  const char       *hex,
                                                  gsize             length);
void              _cd_fingerprint_to_hex         (const guint8     *fingerprint,
                                                  char             *hex);
gint64            _cd_datetime_to_usec           (GDateTime        *dt);

/* A table of summaries by id, such as the store's: it holds neither a
 * copy of each id nor a value per entry. */
GHashTable       *_cd_summary_table_new          (void);
void              _cd_summary_table_add          (GHashTable       *table,
                                                  CdArticleSummary *summary);
CdArticleSummary *_cd_summary_table_lookup       (GHashTable       *table,
                                                  const char       *id);
gboolean          _cd_summary_table_remove       (GHashTable       *table,
                                                  const char       *id);

G_END_DECLS

/* cd-duplicate-finder.c: is an article already known, or like one?
 *
 * The one place that decides what counts as a duplicate, so that the
 * command line's import and the window's review dialog agree: the same
 * text (the fingerprint) is a duplicate, left out; a SimHash within the
 * distance is a near-duplicate, added but marked. The finder knows the
 * articles it is told of, usually the store's and then those of the
 * import in progress, and answers with the id of the one matched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-article-summary.h"
#include "cd-duplicate-finder.h"
#include "cd-simhash-index.h"

struct _CdDuplicateFinder
{
  GHashTable *fingerprints;   /* fingerprint → id */
  CdSimhashIndex *simhashes;  /* → id, in ids */
  GStringChunk *ids;
};

/**
 * cd_duplicate_finder_new:
 * @max_distance: how many of the 64 SimHash bits a near-duplicate may
 *   differ in; 0 finds identical hashes only
 */
CdDuplicateFinder *
cd_duplicate_finder_new (guint max_distance)
{
  CdDuplicateFinder *self = g_new0 (CdDuplicateFinder, 1);

  self->fingerprints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->simhashes = cd_simhash_index_new (max_distance);
  self->ids = g_string_chunk_new (4096);
  return self;
}

/* A finder that knows every article in @store's list. Call it on the
 * store's thread. */
CdDuplicateFinder *
cd_duplicate_finder_new_for_store (CdStore *store,
                                   guint    max_distance)
{
  CdDuplicateFinder *self;
  GListModel *model;
  guint n;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = cd_duplicate_finder_new (max_distance);
  model = G_LIST_MODEL (store);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdArticleSummary) summary = g_list_model_get_item (model, i);
      g_autofree char *fingerprint = cd_article_summary_dup_fingerprint (summary);

      cd_duplicate_finder_add (self, fingerprint, cd_article_summary_get_simhash (summary),
                               cd_article_summary_get_id (summary));
    }
  return self;
}

void
cd_duplicate_finder_free (CdDuplicateFinder *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->fingerprints);
  cd_simhash_index_free (self->simhashes);
  g_string_chunk_free (self->ids);
  g_free (self);
}

/* Tells the finder of one more article. Among near-duplicates of equal
 * distance, the one added first is the answer. */
void
cd_duplicate_finder_add (CdDuplicateFinder *self,
                         const char        *fingerprint,
                         guint64            simhash,
                         const char        *id)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (fingerprint != NULL && id != NULL);

  g_hash_table_insert (self->fingerprints, g_strdup (fingerprint), g_strdup (id));
  cd_simhash_index_add (self->simhashes, simhash, g_string_chunk_insert (self->ids, id));
}

void
cd_duplicate_finder_add_article (CdDuplicateFinder *self,
                                 CdArticle         *article)
{
  g_autofree char *fingerprint = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (CD_IS_ARTICLE (article));

  fingerprint = cd_article_dup_fingerprint (article);
  cd_duplicate_finder_add (self, fingerprint, cd_article_get_simhash (article),
                           cd_article_get_id (article));
}

/**
 * cd_duplicate_finder_check:
 * @other_id: (out) (optional) (transfer none): the id of the article
 *   matched, valid while the finder lives; %NULL for %CD_DUPLICATE_NONE
 *
 * Does not add @article; cd_duplicate_finder_add_article() does.
 */
CdDuplicateKind
cd_duplicate_finder_check (CdDuplicateFinder  *self,
                           CdArticle          *article,
                           const char        **other_id)
{
  g_autofree char *fingerprint = NULL;
  const char *found;

  g_return_val_if_fail (self != NULL, CD_DUPLICATE_NONE);
  g_return_val_if_fail (CD_IS_ARTICLE (article), CD_DUPLICATE_NONE);

  fingerprint = cd_article_dup_fingerprint (article);
  found = g_hash_table_lookup (self->fingerprints, fingerprint);
  if (other_id)
    *other_id = found;
  if (found)
    return CD_DUPLICATE_SAME;
  found = cd_simhash_index_find_closest (self->simhashes, cd_article_get_simhash (article), NULL);
  if (other_id)
    *other_id = found;
  return found ? CD_DUPLICATE_NEAR : CD_DUPLICATE_NONE;
}

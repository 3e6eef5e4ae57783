/* cd-simhash-index.c: finding the closest SimHash within a distance
 *
 * For every article it reads, the importer looks for the closest of the
 * articles it knows, the store's and the import's so far. Comparing with
 * each in turn costs N × M comparisons: 10^9 for 10,000 articles into a
 * store of 100,000.
 *
 * Two hashes that differ in at most d bits, with their 64 bits cut into
 * B > d blocks, differ in at most d of the blocks, so they are equal in
 * at least one. The index files every hash under the value of each of its
 * blocks, and a search compares only with the hashes filed under one of
 * its own block values. For the default distance of 8, that is 9 blocks
 * of 7 or 8 bits: a search looks at about 5% of random hashes, and at
 * every hash that can be within the distance. Above MAX_BLOCKS blocks
 * (fewer than 6 bits each) filing would not narrow the search enough to
 * pay, and the index compares with every hash.
 *
 * The answer is the one comparing with each in order gives: the smallest
 * distance within the limit, and among equal distances the hash added
 * first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-simhash-index.h"

/* At least this many blocks, so that one has at most 16 bits and its
 * table at most 65,536 buckets, even for a distance of 0. */
#define MIN_BLOCKS 4
#define MAX_BLOCKS 10

typedef struct
{
  guint shift;
  guint64 mask;
  GArray **buckets;          /* guint positions, by block value; NULL while empty */
} Block;

struct _CdSimhashIndex
{
  guint max_distance;
  GArray *hashes;            /* guint64, in the order added */
  GPtrArray *values;
  guint n_blocks;            /* 0: every search compares with every hash */
  Block blocks[MAX_BLOCKS];
};

/* Counts bits without a library call (__builtin_popcountll is one unless
 * the CPU's instruction is enabled at build time). */
static inline guint
count_bits (guint64 x)
{
  x = x - ((x >> 1) & G_GUINT64_CONSTANT (0x5555555555555555));
  x = (x & G_GUINT64_CONSTANT (0x3333333333333333)) +
      ((x >> 2) & G_GUINT64_CONSTANT (0x3333333333333333));
  x = (x + (x >> 4)) & G_GUINT64_CONSTANT (0x0f0f0f0f0f0f0f0f);
  return (guint) ((x * G_GUINT64_CONSTANT (0x0101010101010101)) >> 56);
}

/**
 * cd_simhash_index_new:
 * @max_distance: how many bits a hash found may differ in (0 to 64)
 */
CdSimhashIndex *
cd_simhash_index_new (guint max_distance)
{
  CdSimhashIndex *index = g_new0 (CdSimhashIndex, 1);
  guint n;
  guint shift = 0;

  index->max_distance = max_distance = MIN (max_distance, 64);
  n = MAX (max_distance + 1, MIN_BLOCKS);
  index->hashes = g_array_new (FALSE, FALSE, sizeof (guint64));
  index->values = g_ptr_array_new ();
  if (n > MAX_BLOCKS)
    return index;

  index->n_blocks = n;
  for (guint j = 0; j < n; j++)
    {
      guint bits = 64 / n + (j < 64 % n ? 1 : 0);

      index->blocks[j].shift = shift;
      index->blocks[j].mask = (G_GUINT64_CONSTANT (1) << bits) - 1;
      index->blocks[j].buckets = g_new0 (GArray *, (gsize) 1 << bits);
      shift += bits;
    }
  return index;
}

void
cd_simhash_index_free (CdSimhashIndex *index)
{
  if (index == NULL)
    return;
  for (guint j = 0; j < index->n_blocks; j++)
    {
      Block *block = &index->blocks[j];

      for (guint64 key = 0; key <= block->mask; key++)
        if (block->buckets[key])
          g_array_unref (block->buckets[key]);
      g_free (block->buckets);
    }
  g_array_unref (index->hashes);
  g_ptr_array_unref (index->values);
  g_free (index);
}

/**
 * cd_simhash_index_add:
 * @value: what a search that finds @simhash returns; not owned
 */
void
cd_simhash_index_add (CdSimhashIndex *index,
                      guint64         simhash,
                      gpointer        value)
{
  guint position = index->hashes->len;

  g_array_append_val (index->hashes, simhash);
  g_ptr_array_add (index->values, value);
  for (guint j = 0; j < index->n_blocks; j++)
    {
      Block *block = &index->blocks[j];
      GArray **bucket = &block->buckets[(simhash >> block->shift) & block->mask];

      if (*bucket == NULL)
        *bucket = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (*bucket, position);
    }
}

guint
cd_simhash_index_get_size (CdSimhashIndex *index)
{
  return index->hashes->len;
}

typedef struct
{
  guint position;
  guint distance;
} Best;

static inline void
consider (CdSimhashIndex *index,
          const guint64  *hashes,
          guint64         simhash,
          guint           position,
          Best           *best)
{
  guint distance = count_bits (simhash ^ hashes[position]);

  if (distance <= index->max_distance &&
      (distance < best->distance || (distance == best->distance && position < best->position)))
    {
      best->position = position;
      best->distance = distance;
    }
}

/**
 * cd_simhash_index_find_closest:
 * @distance: (out) (optional): how many bits the hash found differs in
 *
 * Returns: (transfer none) (nullable): the value of the closest hash
 *   within the distance (of the first added among equally close ones),
 *   or %NULL when none is that close
 */
gpointer
cd_simhash_index_find_closest (CdSimhashIndex *index,
                               guint64         simhash,
                               guint          *distance)
{
  const guint64 *hashes = (const guint64 *) (gpointer) index->hashes->data;
  Best best = { G_MAXUINT, G_MAXUINT };

  if (index->n_blocks == 0)
    for (guint i = 0; i < index->hashes->len; i++)
      consider (index, hashes, simhash, i, &best);
  for (guint j = 0; j < index->n_blocks; j++)
    {
      Block *block = &index->blocks[j];
      GArray *bucket = block->buckets[(simhash >> block->shift) & block->mask];

      for (guint k = 0; bucket && k < bucket->len; k++)
        consider (index, hashes, simhash, g_array_index (bucket, guint, k), &best);
    }

  if (best.position == G_MAXUINT)
    return NULL;
  if (distance)
    *distance = best.distance;
  return g_ptr_array_index (index->values, best.position);
}

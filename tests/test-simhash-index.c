/* test-simhash-index.c: the index finds what comparing with every hash finds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-article.h"
#include "cd-simhash-index.h"

/* Flips @n distinct random bits of @hash. */
static guint64
flip_bits (GRand   *rand,
           guint64  hash,
           guint    n)
{
  guint64 flipped = 0;

  while ((guint) __builtin_popcountll (flipped) < n)
    flipped |= G_GUINT64_CONSTANT (1) << g_rand_int_range (rand, 0, 64);
  return hash ^ flipped;
}

static guint64
random_hash (GRand *rand)
{
  return ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
}

/* What the importer did before the index: every hash, in order. */
static gint
scan_closest (GArray  *hashes,
              guint64  simhash,
              guint    max_distance,
              guint   *distance)
{
  gint best = -1;
  guint best_distance = G_MAXUINT;

  for (guint i = 0; i < hashes->len; i++)
    {
      guint d = cd_simhash_distance (simhash, g_array_index (hashes, guint64, i));

      if (d <= max_distance && d < best_distance)
        {
          best = (gint) i;
          best_distance = d;
        }
    }
  *distance = best_distance;
  return best;
}

/* A mix of unrelated hashes, near copies of earlier ones (some at the
 * same distance, so that ties are decided by order) and exact repeats. */
static GArray *
make_hashes (GRand *rand,
             guint  n)
{
  GArray *hashes = g_array_new (FALSE, FALSE, sizeof (guint64));

  for (guint i = 0; i < n; i++)
    {
      guint64 hash;
      guint kind = g_rand_int_range (rand, 0, 4);

      if (i == 0 || kind == 0)
        hash = random_hash (rand);
      else
        {
          guint64 base = g_array_index (hashes, guint64, g_rand_int_range (rand, 0, (gint) i));
          hash = kind == 3 ? base : flip_bits (rand, base, g_rand_int_range (rand, 1, 14));
        }
      g_array_append_val (hashes, hash);
    }
  return hashes;
}

static void
check_distance (guint max_distance)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7 + max_distance);
  g_autoptr(GArray) known = make_hashes (rand, 3000);
  g_autoptr(CdSimhashIndex) index = cd_simhash_index_new (max_distance);
  guint found = 0;

  for (guint i = 0; i < known->len; i++)
    cd_simhash_index_add (index, g_array_index (known, guint64, i), GUINT_TO_POINTER (i + 1));
  g_assert_cmpuint (cd_simhash_index_get_size (index), ==, known->len);

  for (guint q = 0; q < 2000; q++)
    {
      guint64 base = g_array_index (known, guint64, g_rand_int_range (rand, 0, (gint) known->len));
      /* mostly near a known hash, some within the distance, some beyond */
      guint flips = g_rand_int_range (rand, 0, (gint) MIN (max_distance, 20) + 3);
      guint64 query = q % 3 == 0 ? random_hash (rand) : flip_bits (rand, base, flips);
      guint want_distance, got_distance = G_MAXUINT;
      gint want = scan_closest (known, query, max_distance, &want_distance);
      gpointer got = cd_simhash_index_find_closest (index, query, &got_distance);

      if (want < 0)
        {
          g_assert_null (got);
          continue;
        }
      found++;
      g_assert_cmpuint (GPOINTER_TO_UINT (got), ==, (guint) want + 1);
      g_assert_cmpuint (got_distance, ==, want_distance);
    }
  /* the queries must have exercised finding, not only missing */
  g_assert_cmpuint (found, >, 200);
}

static void
test_simhash_index_matches_scan (void)
{
  /* 0 to 9 are filed in blocks; from 10 the index compares with all */
  const guint distances[] = { 0, 1, 3, 5, 8, 9, 10, 16, 40, 64 };

  for (guint i = 0; i < G_N_ELEMENTS (distances); i++)
    check_distance (distances[i]);
}

static void
test_simhash_index_ties (void)
{
  g_autoptr(CdSimhashIndex) index = cd_simhash_index_new (8);
  guint distance = 0;

  g_assert_null (cd_simhash_index_find_closest (index, 42, &distance));
  /* two hashes at distance 2 from the query, in opposite blocks; the
   * first added wins */
  cd_simhash_index_add (index, 0xff00000000000000 ^ 0x3, "first");
  cd_simhash_index_add (index, 0xff00000000000000 ^ (G_GUINT64_CONSTANT (0x3) << 30), "second");
  cd_simhash_index_add (index, 0x00ff000000000000, "far");
  g_assert_cmpstr (cd_simhash_index_find_closest (index, 0xff00000000000000, &distance), ==,
                   "first");
  g_assert_cmpuint (distance, ==, 2);
  /* a closer one added later wins over both */
  cd_simhash_index_add (index, 0xff00000000000001, "closer");
  g_assert_cmpstr (cd_simhash_index_find_closest (index, 0xff00000000000000, &distance), ==,
                   "closer");
  g_assert_cmpuint (distance, ==, 1);
  /* 16 bits from "far": beyond the distance */
  g_assert_null (cd_simhash_index_find_closest (index, 0x0000000000000000 ^ 0xff00, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/simhash-index/matches-scan", test_simhash_index_matches_scan);
  g_test_add_func ("/simhash-index/ties", test_simhash_index_ties);

  return g_test_run ();
}

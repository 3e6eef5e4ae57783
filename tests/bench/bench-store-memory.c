/* bench-store-memory.c: what an open store costs in memory per article
 *
 *   bench-store-memory STORE-DIR
 *
 * Opens the store and prints the heap it holds afterwards, as malloc
 * counts it (mallinfo2: bytes in use, rounding and chunk headers
 * included), divided by the number of articles. The window keeps a store
 * open all the time, so this is what a large store adds to its RSS.
 *
 * GLib 2.74's slice allocator keeps its own pages and caches, which would
 * blur the count: the program runs itself again with G_SLICE=always-malloc
 * so that every allocation is counted where it is made.
 *
 * Prints one line of "key=value" figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cd-article-summary-private.h"
#include "cd-store.h"

static gsize
heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

/* The slice allocator reads G_SLICE when GLib starts, before main(). */
static void
ensure_plain_malloc (char *argv[])
{
  if (g_strcmp0 (g_getenv ("G_SLICE"), "always-malloc") == 0)
    return;
  g_setenv ("G_SLICE", "always-malloc", TRUE);
  execv ("/proc/self/exe", argv);
  g_printerr ("%s: cannot run again with G_SLICE=always-malloc: %s\n", argv[0],
              g_strerror (errno));
  exit (1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gsize before, after;
  guint n;

  if (argc != 2)
    {
      g_printerr ("usage: %s STORE-DIR\n", argv[0]);
      return 2;
    }
  ensure_plain_malloc (argv);

  /* Types and their classes are made once per process, not per article. */
  g_type_ensure (CD_TYPE_ARTICLE_SUMMARY);
  store = cd_store_new (argv[1]);
  before = heap_in_use ();
  if (!cd_store_open (store, NULL, &error))
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }
  after = heap_in_use ();
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  if (n == 0)
    {
      g_printerr ("%s: the store is empty\n", argv[1]);
      return 1;
    }
  printf ("articles=%u heap_bytes=%zu bytes_per_article=%zu summary_instance_bytes=%zu\n",
          n, after - before, (after - before) / n, sizeof (CdArticleSummary));
  return 0;
}

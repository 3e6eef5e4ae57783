/* store-test-helper.c: a second (third, …) program writing to a store, for
 * the crash and concurrency tests
 *
 *   store-test-helper crash-loop STORE N
 *       saves articles 0…N-1 round and round, each at its next revision,
 *       until killed
 *   store-test-helper save-once STORE ID HEADLINE
 *       loads the article, prints "loaded", waits for a line on stdin,
 *       then saves it with HEADLINE; exits 0, or 10 on a conflict
 *   store-test-helper hammer STORE N_SHARED ROUNDS TAG
 *       appends a marker line to random shared articles (retrying on
 *       conflicts) and adds articles of its own; prints what it did
 *   store-test-helper import-loop STORE N
 *       imports page copy of N new articles with CdImporter, again and
 *       again until killed; each body names its headline (see
 *       store_test_import_body())
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cd-importer.h"
#include "cd-store.h"
#include "store-test-util.h"

#define EXIT_CONFLICT 10

static char *
shared_id (guint index)
{
  return g_strdup_printf ("00000000-0000-4000-8000-%012u", index);
}

static CdStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  CdStore *store = cd_store_new (path);

  if (!cd_store_open (store, NULL, &error))
    {
      g_printerr ("open: %s\n", error->message);
      exit (1);
    }
  return store;
}

static CdArticle *
load_or_die (CdStore    *store,
             const char *id)
{
  g_autoptr(GError) error = NULL;
  CdArticle *article = cd_store_load_article (store, id, NULL, &error);

  if (article == NULL)
    {
      g_printerr ("load %s: %s\n", id, error->message);
      exit (1);
    }
  return article;
}

static int
crash_loop (const char *path,
            guint       n)
{
  g_autoptr(CdStore) store = open_store (path);
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = shared_id (i);
      g_ptr_array_add (articles, load_or_die (store, id));
    }
  for (guint round = 0;; round++)
    {
      CdArticle *article = g_ptr_array_index (articles, round % n);
      guint64 next = cd_article_get_revision (article) + 1;
      g_autofree char *headline = store_test_content (round % n, next, FALSE);
      g_autofree char *body = store_test_content (round % n, next, TRUE);
      g_autoptr(GError) error = NULL;

      cd_article_set_headline (article, headline);
      cd_article_set_body (article, body);
      if (!cd_store_save_article (store, article, NULL, &error))
        {
          g_printerr ("save: %s\n", error->message);
          return 1;
        }
    }
}

static int
save_once (const char *path,
           const char *id,
           const char *headline)
{
  g_autoptr(CdStore) store = open_store (path);
  g_autoptr(CdArticle) article = load_or_die (store, id);
  g_autoptr(GError) error = NULL;
  char line[64];

  printf ("loaded\n");
  fflush (stdout);
  if (fgets (line, sizeof line, stdin) == NULL)
    return 1;
  cd_article_set_headline (article, headline);
  if (cd_store_save_article (store, article, NULL, &error))
    return 0;
  g_printerr ("save: %s\n", error->message);
  return g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_CONFLICT) ? EXIT_CONFLICT : 1;
}

/* Appends one marker to a shared article, reloading after conflicts. */
static gboolean
append_marker (CdStore    *store,
               const char *id,
               const char *marker)
{
  for (guint attempt = 0; attempt < 1000; attempt++)
    {
      g_autoptr(CdArticle) article = load_or_die (store, id);
      g_autofree char *body = g_strconcat (cd_article_get_body (article), "\n\n", marker, NULL);
      g_autoptr(GError) error = NULL;
      guint64 before = cd_article_get_revision (article);

      cd_article_set_body (article, body);
      if (cd_store_save_article (store, article, NULL, &error))
        {
          if (cd_article_get_revision (article) != before + 1)
            {
              g_printerr ("revision went from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT "\n",
                          before, cd_article_get_revision (article));
              exit (1);
            }
          return TRUE;
        }
      if (!g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_CONFLICT))
        {
          g_printerr ("save %s: %s\n", id, error->message);
          exit (1);
        }
    }
  return FALSE;
}

static void
add_own (CdStore    *store,
         const char *tag,
         guint       round)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      CdArticle *article = cd_article_new ();
      g_autofree char *headline = g_strdup_printf ("%s own %u.%u", tag, round, i);

      cd_article_set_headline (article, headline);
      g_ptr_array_add (batch, article);
    }
  if (round % 2 == 0)
    cd_store_add_articles (store, batch, NULL, &error);
  else
    for (guint i = 0; i < batch->len && error == NULL; i++)
      cd_store_save_article (store, g_ptr_array_index (batch, i), NULL, &error);
  if (error != NULL)
    {
      g_printerr ("add: %s\n", error->message);
      exit (1);
    }
  for (guint i = 0; i < batch->len; i++)
    printf ("added %s\n", cd_article_get_id (g_ptr_array_index (batch, i)));
}

static int
hammer (const char *path,
        guint       n_shared,
        guint       rounds,
        const char *tag)
{
  g_autoptr(CdStore) store = open_store (path);

  for (guint round = 0; round < rounds; round++)
    {
      guint index = (guint) g_random_int_range (0, (gint32) n_shared);
      g_autofree char *id = shared_id (index);
      g_autofree char *marker = g_strdup_printf ("%s-%u", tag, round);

      if (!append_marker (store, id, marker))
        return 1;
      printf ("marker %s %s\n", id, marker);
      if (round % 5 == 4)
        add_own (store, tag, round);
    }
  return 0;
}

static int
import_loop (const char *path,
             guint       n)
{
  g_autoptr(CdStore) store = open_store (path);
  g_autoptr(CdImporter) importer = cd_importer_new (store);
  /* inside the store folder, which the test removes; the store ignores it */
  g_autofree char *input = g_strdup_printf ("%s/import-input-%d.txt", path, (int) getpid ());
  g_autoptr(GFile) file = g_file_new_for_path (input);

  for (guint round = 0;; round++)
    {
      g_autoptr(GString) copy = g_string_new (NULL);
      g_autoptr(CdImportReport) report = NULL;
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *headline = g_strdup_printf ("Story %d %u %u", (int) getpid (), round, i);
          g_autofree char *body = store_test_import_body (headline);

          g_string_append_printf (copy, "%s\n\n%s\n\n\n", headline, body);
        }
      if (!g_file_set_contents (input, copy->str, (gssize) copy->len, &error))
        {
          g_printerr ("input: %s\n", error->message);
          return 1;
        }
      report = cd_importer_import_files (importer, &file, 1, NULL, &error);
      if (report == NULL)
        {
          g_printerr ("import: %s\n", error->message);
          return 1;
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  setvbuf (stdout, NULL, _IOLBF, 0);
  if (argc == 4 && g_str_equal (argv[1], "crash-loop"))
    return crash_loop (argv[2], (guint) atoi (argv[3]));
  if (argc == 5 && g_str_equal (argv[1], "save-once"))
    return save_once (argv[2], argv[3], argv[4]);
  if (argc == 4 && g_str_equal (argv[1], "import-loop"))
    return import_loop (argv[2], (guint) atoi (argv[3]));
  if (argc == 6 && g_str_equal (argv[1], "hammer"))
    return hammer (argv[2], (guint) atoi (argv[3]), (guint) atoi (argv[4]), argv[5]);
  g_printerr ("usage: see the comment at the top of store-test-helper.c\n");
  return 2;
}

/* cd-store-scan-articles.c: reading the articles folder, in parallel
 *
 * Opening a store of 100,000 articles costs one stat() per file, plus a
 * parse of every file the index cannot vouch for. Both are independent
 * per file, so the names are shared out among a few threads, each writing
 * only its own slots of the results; the caller then merges the results
 * in one thread, in folder order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "cd-article-file.h"
#include "cd-store-io.h"
#include "cd-store-private.h"

/* Below this many files a second thread costs more than it saves. */
#define NAMES_PER_THREAD 2048
#define MAX_THREADS 4

typedef struct
{
  CdStore *store;
  CdStoreIndex *index;
  int dfd;
  CdNameResult *results;
  guint start;
  guint end;
  GCancellable *cancellable;
} Slice;

CdArticleSummary *
cd_summary_new_with_stamp (CdArticle         *article,
                           const CdFileStamp *stamp)
{
  CdArticleSummary *summary = cd_article_summary_new (article);

  summary->stamp = *stamp;
  return summary;
}

void
cd_article_scan_clear (CdArticleScan *scan)
{
  for (guint i = 0; scan->results && i < scan->results->len; i++)
    {
      CdNameResult *result = &g_array_index (scan->results, CdNameResult, i);

      g_clear_object (&result->summary);
      g_clear_pointer (&result->message, g_free);
    }
  g_clear_pointer (&scan->results, g_array_unref);
  g_clear_pointer (&scan->names, g_string_chunk_free);
}

static void
read_article (Slice        *slice,
              const char   *id,
              CdNameResult *result)
{
  g_autofree char *path = g_build_filename (slice->store->articles_dir, result->name, NULL);
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = cd_store_read_article_file (path, id, &result->stamp, &error);
  if (article != NULL)
    {
      result->outcome = CD_NAME_SUMMARY;
      result->summary = cd_summary_new_with_stamp (article, &result->stamp);
    }
  else if (error->domain == CD_ARTICLE_FILE_ERROR)
    {
      result->outcome = CD_NAME_BAD;
      result->message = g_strdup (error->message);
    }
  else if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND))
    result->outcome = CD_NAME_GONE;  /* trashed by another program meanwhile */
  else
    {
      result->outcome = CD_NAME_PROBLEM;
      result->message = g_strdup (error->message);
    }
}

static void
scan_name (Slice        *slice,
           CdNameResult *result)
{
  const char *name = result->name;
  gsize length = strlen (name);
  char id[64];
  struct stat st;

  if (cd_is_temp_name (name))
    {
      result->outcome = CD_NAME_TEMP;
      return;
    }
  if (fstatat (slice->dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
    {
      result->outcome = CD_NAME_GONE;
      return;
    }
  cd_file_stamp_from_stat (&result->stamp, &st);
  if (!S_ISREG (st.st_mode))
    {
      result->outcome = CD_NAME_PROBLEM;
      /* Translators: a folder and a name in it */
      result->message = g_strdup_printf (_("“%s/%s” is not a regular file; it was left where it is"),
                                         slice->store->articles_dir, name);
      return;
    }
  if (length < sizeof id && g_str_has_suffix (name, ".json"))
    {
      memcpy (id, name, length - strlen (".json"));
      id[length - strlen (".json")] = '\0';
    }
  else
    id[0] = '\0';
  if (!cd_store_is_valid_id (id))
    {
      result->outcome = CD_NAME_BAD;
      result->message = g_strdup (_("it is not an article file (those are named after the "
                                    "article's id, “<id>.json”)"));
      return;
    }
  if (slice->index)
    result->summary = cd_store_index_lookup (slice->index, id, &result->stamp);
  if (result->summary != NULL)
    {
      result->outcome = CD_NAME_SUMMARY;
      result->from_index = TRUE;
      return;
    }
  read_article (slice, id, result);
}

static gpointer
scan_slice (gpointer data)
{
  Slice *slice = data;

  for (guint i = slice->start; i < slice->end; i++)
    {
      if ((i - slice->start) % 1024 == 1023 && g_cancellable_is_cancelled (slice->cancellable))
        break;
      scan_name (slice, &slice->results[i]);
    }
  return NULL;
}

static gboolean
list_names (DIR           *d,
            CdArticleScan *out)
{
  struct dirent *de;

  out->names = g_string_chunk_new (64 * 1024);
  out->results = g_array_new (FALSE, TRUE, sizeof (CdNameResult));
  errno = 0;
  while ((de = readdir (d)) != NULL)
    {
      CdNameResult result = { 0 };

      if (strcmp (de->d_name, ".") == 0 || strcmp (de->d_name, "..") == 0)
        continue;
      result.name = g_string_chunk_insert (out->names, de->d_name);
      g_array_append_val (out->results, result);
    }
  return errno == 0;
}

static void
scan_in_threads (Slice *base,
                 guint  n_names)
{
  guint n_threads = CLAMP (n_names / NAMES_PER_THREAD, 1,
                           MIN (MAX_THREADS, g_get_num_processors ()));
  GThread *threads[MAX_THREADS] = { NULL };
  Slice slices[MAX_THREADS];

  for (guint t = 0; t < n_threads; t++)
    {
      slices[t] = *base;
      slices[t].start = n_names * t / n_threads;
      slices[t].end = n_names * (t + 1) / n_threads;
      /* This thread takes the first slice itself. */
      if (t > 0)
        threads[t] = g_thread_new ("cd-store-scan", scan_slice, &slices[t]);
    }
  scan_slice (&slices[0]);
  for (guint t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);
}

/**
 * cd_store_scan_articles:
 * @index: (nullable): the index to take summaries from where it is right
 *
 * Returns: %TRUE with @out holding one result per name in articles/
 */
gboolean
cd_store_scan_articles (CdStore        *self,
                        CdStoreIndex   *index,
                        CdArticleScan  *out,
                        GCancellable   *cancellable,
                        GError        **error)
{
  int dfd = open (self->articles_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  DIR *d = dfd >= 0 ? fdopendir (dfd) : NULL;
  Slice base = { self, index, dfd, NULL, 0, 0, cancellable };
  int saved_errno;

  if (d == NULL || !list_names (d, out))
    {
      saved_errno = errno;
      if (d != NULL)
        closedir (d);
      else if (dfd >= 0)
        close (dfd);
      cd_article_scan_clear (out);
      return cd_set_io_error (error, saved_errno, CD_IO_READ, self->articles_dir);
    }
  base.results = (CdNameResult *) (gpointer) out->results->data;
  scan_in_threads (&base, out->results->len);
  closedir (d);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      cd_article_scan_clear (out);
      return FALSE;
    }
  return TRUE;
}

/* cd-importer.c: page copy, ninjs, text and Markdown into the store
 *
 * An import runs in three steps:
 *
 *  1. snapshot: the fingerprints, SimHashes and ids of the articles in
 *     the store, read on the store's thread;
 *  2. read: every file is parsed and every article checked against the
 *     snapshot and against the articles read before it, and each new
 *     article written to a temporary file of the store's batch (see
 *     cd-store-batch.c). This touches no state of the store but its
 *     folder, so the async variant runs it in a worker thread;
 *  3. commit: the batch's files are flushed and renamed to their names,
 *     all of them or none, still in the worker; then, on the store's
 *     thread, the list and the index learn of them. A bad file anywhere
 *     therefore leaves the store exactly as it was.
 *
 * Step 2 is a pipeline over the cores: the reading thread parses, a
 * pool of threads turns each parsed article into a CdArticle, hashes it
 * for the duplicate checks and serialises it, and one more thread
 * checks the articles in file order and writes them. At most
 * MAX_QUEUED articles are between the parser and the writer, so a large
 * file is never held whole in memory, parsed or serialised.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cd-article-file.h"
#include "cd-article-summary.h"
#include "cd-duplicate-finder.h"
#include "cd-enums.h"
#include "cd-importer.h"
#include "cd-line-reader.h"
#include "cd-markdown.h"
#include "cd-ninjs.h"
#include "cd-page-copy-parser.h"
#include "cd-store-batch.h"
#include "cd-util.h"

struct _CdImporter
{
  GObject parent_instance;

  CdStore *store;
  char *language;           /* NULL: the store's default */
  CdImportFormat format;
  guint near_duplicate_distance;
};

G_DEFINE_FINAL_TYPE (CdImporter, cd_importer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LANGUAGE,
  PROP_FORMAT,
  PROP_NEAR_DUPLICATE_DISTANCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Articles read but not yet checked and written: beyond this many the
 * parser waits for the writer. */
#define MAX_QUEUED 256

/* One article read, waiting to be checked against the store; or a
 * stretch of page copy that was skipped, to be reported in its place. */
typedef struct
{
  CdArticle *article;             /* NULL for a skipped stretch, or until prepared */
  CdParsedArticle *parsed;        /* page copy, until prepared */
  const char *file;               /* owned by the job */
  guint line;
  GArray *caption_lines;          /* guint per photo (page copy), or NULL */
  char *clashing_id;              /* ninjs: the id it carried was taken */
  GPtrArray *image_hrefs;         /* ninjs: char * per photo, the image to copy in, or NULL */
  char *skip_message;
  gint64 modified_usec;           /* the time it is stored with */
  GBytes *bytes;                  /* the article's file, once prepared */
  gboolean ready;                 /* prepared; under the job's lock */
} Pending;

typedef struct
{
  GPtrArray *files;               /* GFile */
  GPtrArray *file_names;          /* char *, parse names */
  CdImportFormat format;
  char *language;
  char *photos_uri;
  guint max_distance;
  CdDuplicateFinder *finder;      /* the store's articles, then this import's */
  GHashTable *batch_ids;          /* ids added by this import */
  GHashTable *store_ids;          /* id → fingerprint, in the store */
  GHashTable *ninjs_ids;          /* id → fingerprint, read from ninjs by this import */
  CdImportReport *report;         /* the writing thread's, until the import ends */
  CdStoreBatch *batch;            /* what is written */
  GCancellable *cancellable;

  /* The pipeline of step 2 */
  GThreadPool *preparer;          /* prepares articles while the next are read */
  GThread *writer;                /* checks and writes them, in file order */
  GMutex lock;                    /* guards the rest */
  GCond cond;
  GQueue queue;                   /* Pending, in file order, not yet checked */
  gboolean reading_done;
  gboolean stop;                  /* reading or writing failed */
  gboolean reader_waiting;        /* for room in the queue */
  gboolean writer_waiting;        /* for the head of the queue */
  gint64 last_modified_usec;
  GError *write_error;
} ImportJob;

static const struct
{
  CdImportFormat format;
  const char *name;
} format_names[] = {
  { CD_IMPORT_FORMAT_AUTO, "auto" },
  { CD_IMPORT_FORMAT_PAGE_COPY, "page-copy" },
  { CD_IMPORT_FORMAT_NINJS, "ninjs" },
  { CD_IMPORT_FORMAT_TEXT, "text" },
  { CD_IMPORT_FORMAT_MARKDOWN, "markdown" },
};

/* ------------------------------------------------------------------------
 * Formats
 */

/* The names editors are likely to type, besides the canonical ones. */
static const struct
{
  const char *alias;
  CdImportFormat format;
} format_aliases[] = {
  { "json", CD_IMPORT_FORMAT_NINJS },
  { "md", CD_IMPORT_FORMAT_MARKDOWN },
  { "txt", CD_IMPORT_FORMAT_TEXT },
  { "plain", CD_IMPORT_FORMAT_TEXT },
  { "pagecopy", CD_IMPORT_FORMAT_PAGE_COPY },
};

gboolean
cd_import_format_from_string (const char     *name,
                              CdImportFormat *format)
{
  CdImportFormat found;

  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (name, format_names[i].name) == 0)
      {
        found = format_names[i].format;
        goto out;
      }
  for (guint i = 0; i < G_N_ELEMENTS (format_aliases); i++)
    if (g_ascii_strcasecmp (name, format_aliases[i].alias) == 0)
      {
        found = format_aliases[i].format;
        goto out;
      }
  return FALSE;

out:
  if (format)
    *format = found;
  return TRUE;
}

const char *
cd_import_format_to_string (CdImportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (format_names[i].format == format)
      return format_names[i].name;
  return NULL;
}

/**
 * cd_import_format_for_file:
 * @format: the format asked for; %CD_IMPORT_FORMAT_AUTO to go by the name
 *
 * Page copy is saved under any name (".txt", none at all), so it is the
 * default; ninjs (".json", or ".ninjs" after the export format it comes
 * from) and Markdown have extensions of their own. Plain text
 * is never guessed, since page copy is plain text too: ask for it.
 */
CdImportFormat
cd_import_format_for_file (GFile          *file,
                           CdImportFormat  format)
{
  g_autofree char *name = NULL;
  const char *dot;

  g_return_val_if_fail (G_IS_FILE (file), CD_IMPORT_FORMAT_PAGE_COPY);

  if (format != CD_IMPORT_FORMAT_AUTO)
    return format;
  name = g_file_get_basename (file);
  dot = name ? strrchr (name, '.') : NULL;
  if (dot && (g_ascii_strcasecmp (dot, ".json") == 0 || g_ascii_strcasecmp (dot, ".ninjs") == 0))
    return CD_IMPORT_FORMAT_NINJS;
  if (dot && (g_ascii_strcasecmp (dot, ".md") == 0 || g_ascii_strcasecmp (dot, ".markdown") == 0))
    return CD_IMPORT_FORMAT_MARKDOWN;
  return CD_IMPORT_FORMAT_PAGE_COPY;
}

/* ------------------------------------------------------------------------
 * The job
 */

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->article);
  g_clear_object (&pending->parsed);
  g_clear_pointer (&pending->caption_lines, g_array_unref);
  g_free (pending->clashing_id);
  g_clear_pointer (&pending->image_hrefs, g_ptr_array_unref);
  g_free (pending->skip_message);
  g_clear_pointer (&pending->bytes, g_bytes_unref);
  g_free (pending);
}

static void
import_job_free (ImportJob *job)
{
  g_assert (job->preparer == NULL && job->writer == NULL);
  g_ptr_array_unref (job->files);
  g_ptr_array_unref (job->file_names);
  g_hash_table_unref (job->ninjs_ids);
  g_queue_clear_full (&job->queue, (GDestroyNotify) pending_free);
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->cond);
  g_clear_error (&job->write_error);
  g_clear_pointer (&job->batch, cd_store_batch_free);
  g_clear_object (&job->cancellable);
  g_free (job->language);
  g_free (job->photos_uri);
  cd_duplicate_finder_free (job->finder);
  g_hash_table_unref (job->batch_ids);
  g_hash_table_unref (job->store_ids);
  g_clear_object (&job->report);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportJob, import_job_free)

/* Step 1, on the store's thread. */
static ImportJob *
import_job_new (CdImporter    *self,
                GFile * const *files,
                guint          n_files)
{
  ImportJob *job = g_new0 (ImportJob, 1);
  GListModel *model = G_LIST_MODEL (self->store);
  guint n = g_list_model_get_n_items (model);

  job->files = g_ptr_array_new_with_free_func (g_object_unref);
  job->file_names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_files; i++)
    {
      g_ptr_array_add (job->files, g_object_ref (files[i]));
      g_ptr_array_add (job->file_names, g_file_get_parse_name (files[i]));
    }
  job->format = self->format;
  job->language = g_strdup (self->language ? self->language
                                           : cd_store_get_default_language (self->store));
  if (cd_str_is_blank (job->language))
    {
      g_free (job->language);
      job->language = g_strdup ("en");
    }
  job->photos_uri = cd_store_dup_photos_uri (self->store);
  job->max_distance = self->near_duplicate_distance;
  job->finder = cd_duplicate_finder_new (job->max_distance);
  job->batch_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  job->store_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  job->ninjs_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_mutex_init (&job->lock);
  g_cond_init (&job->cond);
  g_queue_init (&job->queue);
  job->batch = cd_store_batch_new (self->store);
  job->report = cd_import_report_new ();
  cd_import_report_set_n_files (job->report, n_files);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdArticleSummary) summary = g_list_model_get_item (model, i);
      const char *id = cd_article_summary_get_id (summary);
      char *fingerprint = cd_article_summary_dup_fingerprint (summary);

      cd_duplicate_finder_add (job->finder, fingerprint, cd_article_summary_get_simhash (summary),
                               id);
      g_hash_table_insert (job->store_ids, g_strdup (id), fingerprint);
    }
  return job;
}

static void
report (ImportJob         *job,
        CdImportEntryKind  kind,
        CdImportWarning    warning,
        const Pending     *origin,
        guint              line,
        CdArticle         *article,
        const char        *other_id,
        char              *message)
{
  CdImportEntry *entry = g_new0 (CdImportEntry, 1);

  entry->kind = kind;
  entry->warning = warning;
  entry->file = g_strdup (origin->file);
  entry->line = line;
  entry->article_id = article ? g_strdup (cd_article_get_id (article)) : NULL;
  entry->other_id = g_strdup (other_id);
  entry->headline = article ? g_strdup (cd_article_get_headline (article)) : NULL;
  entry->message = message;
  cd_import_report_add (job->report, entry);
}

static void
report_warnings (ImportJob     *job,
                 CdArticle     *article,
                 const Pending *origin)
{
  for (guint i = 0; i < cd_article_get_n_photos (article); i++)
    {
      CdPhoto *photo = cd_article_get_photo (article, i);
      guint line = origin->line;

      if (cd_photo_has_credit (photo))
        continue;
      if (origin->caption_lines && i < origin->caption_lines->len)
        line = g_array_index (origin->caption_lines, guint, i);
      report (job, CD_IMPORT_ENTRY_WARNING, CD_IMPORT_WARNING_PHOTO_NO_CREDIT, origin, line,
              article, NULL,
              g_strdup_printf (_("the photo “%s” has no credit; it cannot be published "
                                 "without one"), cd_photo_get_caption (photo)));
    }
  if (cd_str_is_blank (cd_article_get_body (article)))
    report (job, CD_IMPORT_ENTRY_WARNING, CD_IMPORT_WARNING_EMPTY_BODY, origin, origin->line,
            article, NULL,
            g_strdup_printf (_("“%s” has a headline but no body text"),
                             cd_article_get_headline (article)));
}

static void
report_no_image (ImportJob     *job,
                 const Pending *origin,
                 char          *message)
{
  report (job, CD_IMPORT_ENTRY_WARNING, CD_IMPORT_WARNING_PHOTO_NO_IMAGE, origin, origin->line,
          origin->article, NULL, message);
}

/* Brings in one photo's image named by a ninjs href; a local image is
 * copied into the store with the batch, so that a failed import takes it
 * away again. An image that cannot be had is a warning, not an error:
 * the photo keeps its caption and credit. */
static gboolean
bring_image (ImportJob  *job,
             Pending    *origin,
             guint       index,
             const char *href,
             GError    **error)
{
  CdPhoto *photo = cd_article_get_photo (origin->article, index);
  const char *scheme = g_uri_peek_scheme (href);
  g_autoptr(GFile) source = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *name = NULL;
  guint width = 0, height = 0;

  if (g_strcmp0 (scheme, "file") != 0)
    {
      report_no_image (job, origin,
                       g_strdup_printf (_("photo %u: its image “%s” is not a local file; "
                                          "the photo has no image"), index + 1, href));
      return TRUE;
    }
  source = g_file_new_for_uri (href);
  shown = g_file_get_parse_name (source);
  if (!g_file_query_exists (source, NULL))
    {
      report_no_image (job, origin,
                       g_strdup_printf (_("photo %u: its image “%s” was not found; "
                                          "the photo has no image"), index + 1, shown));
      return TRUE;
    }
  name = cd_store_batch_add_photo_file (job->batch, source, &width, &height, &local_error);
  if (name == NULL)
    {
      /* a fault of the image is the editor's to fix; one of the store stops the import */
      if (!g_error_matches (local_error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_AN_IMAGE) &&
          local_error->domain != G_IO_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      report_no_image (job, origin,
                       g_strdup_printf (_("photo %u: its image “%s” could not be read (%s); "
                                          "the photo has no image"),
                                        index + 1, shown, cd_file_error_reason (local_error)));
      return TRUE;
    }
  cd_photo_set_file (photo, name);
  cd_photo_set_width (photo, width);
  cd_photo_set_height (photo, height);
  return TRUE;
}

static gboolean
bring_images (ImportJob  *job,
              Pending    *origin,
              GError    **error)
{
  GPtrArray *hrefs = origin->image_hrefs;

  for (guint i = 0; hrefs && i < hrefs->len; i++)
    {
      const char *href = g_ptr_array_index (hrefs, i);

      if (href == NULL)
        continue;
      /* the file made beforehand names no image: the batch makes it anew */
      g_clear_pointer (&origin->bytes, g_bytes_unref);
      if (!bring_image (job, origin, i, href, error))
        return FALSE;
    }
  return TRUE;
}

/* Decides what becomes of one article read: skipped as a duplicate, or
 * written to the batch, flagged when it resembles an article already
 * known. Runs in the writing thread, in file order. */
static gboolean
place_article (ImportJob  *job,
               Pending    *origin,
               GError    **error)
{
  CdArticle *article = origin->article;
  const char *headline = cd_article_get_headline (article);
  const char *other = NULL;
  const char *similar;
  CdDuplicateKind kind = cd_duplicate_finder_check (job->finder, article, &other);

  if (kind == CD_DUPLICATE_SAME)
    {
      if (g_hash_table_contains (job->batch_ids, other))
        report (job, CD_IMPORT_ENTRY_DUPLICATE, CD_IMPORT_WARNING_NONE, origin, origin->line,
                NULL, other,
                g_strdup_printf (_("“%s” repeats an article read earlier in this import; "
                                   "not added again"), headline));
      else
        report (job, CD_IMPORT_ENTRY_DUPLICATE, CD_IMPORT_WARNING_NONE, origin, origin->line,
                NULL, other,
                g_strdup_printf (_("“%s” is already in the store (%s); not added again"),
                                 headline, other));
      return TRUE;
    }

  similar = origin->clashing_id ? origin->clashing_id : other;
  if (similar)
    {
      /* the file made beforehand lacks the mark: the batch makes it anew */
      cd_article_set_duplicate_of (article, similar);
      g_clear_pointer (&origin->bytes, g_bytes_unref);
      report (job, CD_IMPORT_ENTRY_NEAR_DUPLICATE, CD_IMPORT_WARNING_NONE, origin, origin->line,
              article, similar,
              origin->clashing_id
              ? g_strdup_printf (_("“%s” carries the id of another article (%s) but not its "
                                   "text; added under a new id and marked as a possible "
                                   "duplicate"), headline, similar)
              : g_strdup_printf (_("“%s” resembles %s; added and marked as a possible "
                                   "duplicate"), headline, similar));
    }
  else
    report (job, CD_IMPORT_ENTRY_ADDED, CD_IMPORT_WARNING_NONE, origin, origin->line, article,
            NULL, g_strdup_printf (_("added “%s”"), headline));

  if (!bring_images (job, origin, error))
    return FALSE;
  report_warnings (job, article, origin);
  cd_duplicate_finder_add_article (job->finder, article);
  g_hash_table_add (job->batch_ids, g_strdup (cd_article_get_id (article)));
  return cd_store_batch_add (job->batch, article, origin->bytes, error);
}

/* ------------------------------------------------------------------------
 * The pipeline
 */

/* In the pool: everything about one article that needs no other. */
static void
prepare_article (gpointer data,
                 gpointer user_data)
{
  Pending *pending = data;
  ImportJob *job = user_data;
  g_autofree char *fingerprint = NULL;

  if (pending->parsed)
    {
      pending->article = cd_parsed_article_to_article (pending->parsed);
      g_clear_object (&pending->parsed);
    }
  /* the article keeps both hashes; checking it later only looks them up */
  fingerprint = cd_article_dup_fingerprint (pending->article);
  cd_article_get_simhash (pending->article);
  /* Stamped and serialised as the store will keep it, in case it is
   * new, which most articles are. */
  cd_article_set_revision (pending->article, cd_article_get_revision (pending->article) + 1);
  {
    g_autoptr(GDateTime) second = g_date_time_new_from_unix_utc (pending->modified_usec /
                                                                  G_USEC_PER_SEC);
    g_autoptr(GDateTime) modified = g_date_time_add (second,
                                                     pending->modified_usec % G_USEC_PER_SEC);

    cd_article_set_modified (pending->article, modified);
  }
  pending->bytes = cd_article_file_serialize (pending->article);

  g_mutex_lock (&job->lock);
  pending->ready = TRUE;
  /* articles finish out of order; only the head lets the writer go on */
  if (job->writer_waiting && g_queue_peek_head (&job->queue) == pending)
    g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->lock);
}

/* Hands an article read (or a stretch skipped) to the pipeline; takes
 * @pending. Waits while the writer is far behind. Fails only when the
 * import is stopping, which import_job_read() reports. */
static gboolean
queue_pending (ImportJob  *job,
               Pending    *pending,
               GError    **error)
{
  gboolean prepare = pending->article != NULL || pending->parsed != NULL;

  g_mutex_lock (&job->lock);
  while (!job->stop && job->queue.length >= MAX_QUEUED)
    {
      job->reader_waiting = TRUE;
      g_cond_wait (&job->cond, &job->lock);
      job->reader_waiting = FALSE;
    }
  if (job->stop)
    {
      g_mutex_unlock (&job->lock);
      pending_free (pending);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("the import stopped"));
      return FALSE;
    }
  /* Modification times rise in file order, so that the store lists the
   * articles of a file in reverse, however the pool's threads finish. */
  job->last_modified_usec = MAX (g_get_real_time (), job->last_modified_usec + 1);
  pending->modified_usec = job->last_modified_usec;
  pending->ready = !prepare;
  g_queue_push_tail (&job->queue, pending);
  if (pending->ready && job->writer_waiting)
    g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->lock);
  if (prepare)
    g_thread_pool_push (job->preparer, pending, NULL);
  return TRUE;
}

/* The next article in file order once it is prepared; NULL when there
 * are no more or the import stops. */
static Pending *
next_prepared (ImportJob *job)
{
  Pending *pending = NULL;

  g_mutex_lock (&job->lock);
  for (;;)
    {
      Pending *head = g_queue_peek_head (&job->queue);

      if (job->stop || (head == NULL && job->reading_done))
        break;
      if (head != NULL && head->ready)
        {
          pending = g_queue_pop_head (&job->queue);
          if (job->reader_waiting)
            g_cond_broadcast (&job->cond);
          break;
        }
      job->writer_waiting = TRUE;
      g_cond_wait (&job->cond, &job->lock);
      job->writer_waiting = FALSE;
    }
  g_mutex_unlock (&job->lock);
  return pending;
}

static gboolean
place_pending (ImportJob  *job,
               Pending    *pending,
               GError    **error)
{
  if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
    return FALSE;
  if (pending->article)
    return place_article (job, pending, error);
  report (job, CD_IMPORT_ENTRY_WARNING, CD_IMPORT_WARNING_SKIPPED, pending, pending->line,
          NULL, NULL, g_steal_pointer (&pending->skip_message));
  return TRUE;
}

/* The writing thread: checks and writes the articles in file order. */
static gpointer
write_thread (gpointer user_data)
{
  ImportJob *job = user_data;
  Pending *pending;

  while ((pending = next_prepared (job)))
    {
      GError *error = NULL;
      gboolean ok = place_pending (job, pending, &error);

      pending_free (pending);
      if (!ok)
        {
          g_mutex_lock (&job->lock);
          job->write_error = error;
          job->stop = TRUE;
          g_cond_broadcast (&job->cond);
          g_mutex_unlock (&job->lock);
          break;
        }
    }
  return NULL;
}

/* ------------------------------------------------------------------------
 * Readers
 */

/* Queues an article read; takes @article. */
static gboolean
queue_article (ImportJob   *job,
               CdArticle   *article,
               const char  *file,
               guint        line,
               const char  *clashing_id,
               GPtrArray   *image_hrefs,
               GError     **error)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->article = article;
  pending->file = file;
  pending->line = line;
  pending->clashing_id = g_strdup (clashing_id);
  pending->image_hrefs = image_hrefs;
  return queue_pending (job, pending, error);
}

static GArray *
caption_lines_of (CdParsedArticle *parsed)
{
  GPtrArray *photos = cd_parsed_article_get_photos (parsed);
  GArray *lines = g_array_sized_new (FALSE, FALSE, sizeof (guint), photos->len);

  for (guint i = 0; i < photos->len; i++)
    g_array_append_val (lines, ((CdParsedPhoto *) g_ptr_array_index (photos, i))->line);
  return lines;
}

/* Queues a page-copy article as parsed: it becomes a CdArticle in the
 * pool, off the parsing thread. Takes @parsed. */
static gboolean
queue_parsed (ImportJob        *job,
              CdParsedArticle  *parsed,
              const char       *file,
              GError          **error)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->parsed = parsed;
  pending->file = file;
  pending->line = cd_parsed_article_get_headline_line (parsed);
  pending->caption_lines = caption_lines_of (parsed);
  return queue_pending (job, pending, error);
}

static gboolean
queue_widget_stretch (ImportJob        *job,
                      CdParsedArticle  *parsed,
                      const char       *file,
                      GError          **error)
{
  GPtrArray *removed = cd_parsed_article_get_removed (parsed);
  CdLineRange lines = cd_parsed_article_get_lines (parsed);
  g_autoptr(GString) text = g_string_new (NULL);
  Pending *pending = g_new0 (Pending, 1);

  pending->file = file;
  pending->line = lines.first;

  for (guint i = 0; i < removed->len; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, ((CdRemovedLine *) g_ptr_array_index (removed, i))->text);
    }
  pending->skip_message =
    g_strdup_printf (_("lines %u to %u hold nothing but page widgets (%s); skipped"),
                     lines.first, lines.last, text->str);
  return queue_pending (job, pending, error);
}

static gboolean
read_page_copy (ImportJob     *job,
                GInputStream  *stream,
                const char    *file,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(CdPageCopyParser) parser = cd_page_copy_parser_new (stream, job->language);
  GError *local_error = NULL;
  CdParsedArticle *next;

  while ((next = cd_page_copy_parser_next (parser, cancellable, &local_error)))
    {
      g_autoptr(CdParsedArticle) parsed = next;
      gboolean ok;

      if (cd_parsed_article_is_empty (parsed))
        ok = queue_widget_stretch (job, parsed, file, &local_error);
      else
        ok = queue_parsed (job, g_steal_pointer (&parsed), file, &local_error);
      if (!ok)
        break;
    }
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static void
set_detected_language (CdArticle  *article,
                       const char *default_language)
{
  g_autofree char *text = g_strconcat (cd_article_get_headline (article), "\n",
                                       cd_article_get_body (article), NULL);

  cd_article_set_language (article, cd_page_copy_detect_language (text, default_language));
}

/* Plain text: the first line is the headline, then paragraphs separated
 * by blank lines; each paragraph is escaped so it stays text. Markdown:
 * the same headline (less a leading "# "), then the body as written. */
static gboolean
read_text (ImportJob     *job,
           GInputStream  *stream,
           const char    *file,
           gboolean       markdown,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(CdLineReader) reader = cd_line_reader_new (stream);
  g_autoptr(GString) source = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) paragraph = g_string_new (NULL);
  CdArticle *article;
  g_autofree char *headline = NULL;
  GError *local_error = NULL;
  guint headline_line = 0;
  guint pending_blanks = 0;
  gboolean saw_text = FALSE;
  CdLine line;

  while (cd_line_reader_next (reader, &line, cancellable, &local_error))
    {
      g_autofree char *text = g_strndup (line.raw, line.text_len);

      saw_text |= line.raw_len > 0;
      g_strstrip (text);
      if (headline == NULL && *text == '\0')
        continue;
      g_string_append_len (source, line.raw, line.raw_len);
      if (headline == NULL)
        {
          const char *start = text;
          if (markdown && g_str_has_prefix (start, "# "))
            start += 2;
          headline = g_strstrip (g_strdup (start));
          headline_line = line.number;
          continue;
        }
      if (*text == '\0')
        {
          pending_blanks++;
          continue;
        }
      if (markdown)
        {
          /* the body as written: interior blank lines and indentation kept */
          g_autofree char *kept = g_strndup (line.raw, line.text_len);
          if (body->len > 0)
            for (guint i = 0; i <= pending_blanks; i++)
              g_string_append_c (body, '\n');
          g_string_append (body, kept);
        }
      else
        {
          if (pending_blanks > 0 && paragraph->len > 0)
            {
              g_autofree char *escaped = cd_markdown_escape_paragraph (paragraph->str);
              if (body->len > 0)
                g_string_append (body, "\n\n");
              g_string_append (body, escaped);
              g_string_truncate (paragraph, 0);
            }
          if (paragraph->len > 0)
            g_string_append_c (paragraph, ' ');
          g_string_append (paragraph, text);
        }
      pending_blanks = 0;
    }
  if (local_error)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (headline == NULL)
    {
      g_set_error_literal (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_EMPTY,
                           saw_text ? _("the file holds only blank lines, no article")
                                    : _("the file is empty"));
      return FALSE;
    }
  if (paragraph->len > 0)
    {
      g_autofree char *escaped = cd_markdown_escape_paragraph (paragraph->str);
      if (body->len > 0)
        g_string_append (body, "\n\n");
      g_string_append (body, escaped);
    }

  article = g_object_new (CD_TYPE_ARTICLE,
                          "headline", headline,
                          "body", body->str,
                          "source", source->str,
                          NULL);
  set_detected_language (article, job->language);
  return queue_article (job, article, file, headline_line, NULL, NULL, error);
}

/* json-glib tells the line only while it parses: the signal handlers
 * note where each item of a top-level array starts. */
typedef struct
{
  GArray *item_lines;   /* guint, one per item of the root array */
  guint depth;
  guint root_line;
  guint pending_line;   /* where the current item of the root array began */
} NinjsLines;

static void
on_container_start_cb (JsonParser *parser,
                       NinjsLines *lines)
{
  if (lines->depth == 0)
    lines->root_line = json_parser_get_current_line (parser);
  else if (lines->depth == 1)
    lines->pending_line = json_parser_get_current_line (parser);
  lines->depth++;
}

static void
on_object_end_cb (JsonParser *parser,
                  JsonObject *object,
                  NinjsLines *lines)
{
  lines->depth--;
}

static void
on_array_end_cb (JsonParser *parser,
                 JsonArray  *array,
                 NinjsLines *lines)
{
  lines->depth--;
}

static void
on_array_element_cb (JsonParser *parser,
                     JsonArray  *array,
                     int         index,
                     NinjsLines *lines)
{
  guint line;

  if (lines->depth != 1)
    return;
  /* a scalar item has no start event: it ends where it began */
  line = lines->pending_line ? lines->pending_line : json_parser_get_current_line (parser);
  g_array_append_val (lines->item_lines, line);
  lines->pending_line = 0;
}

/* The href of a picture's "original" rendition, or NULL. */
static const char *
original_href (JsonObject *picture)
{
  JsonNode *node = json_object_get_member (picture, "renditions");
  JsonArray *renditions = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; renditions && i < json_array_get_length (renditions); i++)
    {
      JsonNode *element = json_array_get_element (renditions, i);
      JsonObject *rendition = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element)
                                                               : NULL;

      if (rendition &&
          g_strcmp0 (json_object_get_string_member_with_default (rendition, "name", NULL),
                     "original") == 0)
        return json_object_get_string_member_with_default (rendition, "href", NULL);
    }
  return NULL;
}

/* cd_ninjs_to_article() gives a photo its file only when the href points
 * into this store's photos folder. For the others (an export of another
 * store, say) it returns the hrefs to bring in, one per photo in the
 * order the pictures come, or NULL when there are none. */
static GPtrArray *
foreign_image_hrefs (JsonNode  *node,
                     CdArticle *article)
{
  JsonNode *member = json_object_get_member (json_node_get_object (node), "associations");
  JsonArray *associations = member && JSON_NODE_HOLDS_ARRAY (member)
                            ? json_node_get_array (member) : NULL;
  g_autoptr(GPtrArray) hrefs = g_ptr_array_new_with_free_func (g_free);
  gboolean any = FALSE;

  for (guint i = 0; associations && i < json_array_get_length (associations); i++)
    {
      JsonNode *element = json_array_get_element (associations, i);
      JsonObject *picture = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element)
                                                             : NULL;
      guint index = hrefs->len;
      const char *href;

      if (picture == NULL ||
          g_strcmp0 (json_object_get_string_member_with_default (picture, "type", NULL),
                     "picture") != 0)
        continue;
      href = original_href (picture);
      if (index >= cd_article_get_n_photos (article) ||
          cd_photo_get_file (cd_article_get_photo (article, index)) != NULL ||
          cd_str_is_blank (href))
        href = NULL;
      any |= href != NULL;
      g_ptr_array_add (hrefs, g_strdup (href));
    }
  return any ? g_steal_pointer (&hrefs) : NULL;
}

static gboolean
read_ninjs_item (ImportJob   *job,
                 JsonNode    *node,
                 guint        index,
                 guint        line,
                 const char  *file,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CdArticle) article = cd_ninjs_to_article (node, job->photos_uri, &local_error);
  g_autoptr(GPtrArray) image_hrefs = NULL;
  g_autofree char *clashing_id = NULL;
  g_autofree char *fingerprint = NULL;
  const char *taken;

  if (article == NULL)
    {
      g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_BAD_NINJS,
                   _("line %u: item %u is not a ninjs article: %s"),
                   line, index + 1, local_error->message);
      return FALSE;
    }

  /* An id already taken, by an article with another text: the copy must
   * not replace that article, so it comes in under an id of its own. The
   * same id with the same text is a duplicate, found when it is placed. */
  fingerprint = cd_article_dup_fingerprint (article);
  taken = g_hash_table_lookup (job->store_ids, cd_article_get_id (article));
  if (taken == NULL)
    taken = g_hash_table_lookup (job->ninjs_ids, cd_article_get_id (article));
  if (taken && !g_str_equal (taken, fingerprint))
    {
      g_autoptr(JsonNode) copy = json_node_copy (node);

      clashing_id = g_strdup (cd_article_get_id (article));
      json_object_remove_member (json_node_get_object (copy), "uri");
      g_clear_object (&article);
      article = cd_ninjs_to_article (copy, job->photos_uri, NULL);
    }
  g_hash_table_insert (job->ninjs_ids, g_strdup (cd_article_get_id (article)),
                       g_steal_pointer (&fingerprint));

  if (cd_str_is_blank (cd_article_get_language (article)))
    set_detected_language (article, job->language);
  image_hrefs = foreign_image_hrefs (node, article);
  return queue_article (job, g_steal_pointer (&article), file, line, clashing_id,
                        g_steal_pointer (&image_hrefs), error);
}

static gboolean
is_blank_data (const char *data,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

/* json-glib names the place as "<data>:LINE:COLUMN: "; say it in words. */
static char *
describe_json_error (const char *message)
{
  g_autoptr(GRegex) regex = g_regex_new ("^<data>:(\\d+):(\\d+): (?:Parse error: )?", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *line = NULL;
  g_autofree char *column = NULL;
  int end;

  if (!g_regex_match (regex, message, 0, &match))
    return g_strdup (message);
  line = g_match_info_fetch (match, 1);
  column = g_match_info_fetch (match, 2);
  g_match_info_fetch_pos (match, 0, NULL, &end);
  return g_strdup_printf (_("line %s, column %s: %s"), line, column, message + end);
}

/* ninjs is one object or an array of them. JSON is parsed whole, so the
 * file is read whole; it is checked like text first so that a bad byte
 * is reported with its line and offset. */
static gboolean
read_ninjs (ImportJob     *job,
            GFile         *gfile,
            const char    *file,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GArray) item_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  NinjsLines lines = { item_lines, 0, 1, 0 };
  const char *data;
  gsize len;
  JsonNode *root;
  JsonArray *array;

  bytes = g_file_load_bytes (gfile, cancellable, NULL, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    data += 3, len -= 3;
  if (!cd_check_text (data, len, 1, g_bytes_get_size (bytes) - len, error))
    return FALSE;
  if (is_blank_data (data, len))
    {
      g_set_error_literal (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_EMPTY,
                           len == 0 ? _("the file is empty")
                                    : _("the file holds only blank lines, no article"));
      return FALSE;
    }

  g_signal_connect (parser, "object-start", G_CALLBACK (on_container_start_cb), &lines);
  g_signal_connect (parser, "array-start", G_CALLBACK (on_container_start_cb), &lines);
  g_signal_connect (parser, "object-end", G_CALLBACK (on_object_end_cb), &lines);
  g_signal_connect (parser, "array-end", G_CALLBACK (on_array_end_cb), &lines);
  g_signal_connect (parser, "array-element", G_CALLBACK (on_array_element_cb), &lines);
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      g_autofree char *message = describe_json_error (local_error->message);

      g_set_error (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_BAD_NINJS,
                   _("not valid JSON: %s"), message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (JSON_NODE_HOLDS_OBJECT (root))
    return read_ninjs_item (job, root, 0, lines.root_line, file, error);
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_BAD_NINJS,
                           _("ninjs must be one JSON object or an array of objects"));
      return FALSE;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      /* an item that is not an object has no start line of its own */
      guint line = i < item_lines->len ? g_array_index (item_lines, guint, i) : 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !read_ninjs_item (job, json_array_get_element (array, i), i, line, file, error))
        return FALSE;
    }
  if (json_array_get_length (array) == 0)
    {
      g_set_error_literal (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_EMPTY,
                           _("the ninjs array is empty, no article"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
import_file (ImportJob     *job,
             GFile         *gfile,
             const char    *file,
             GCancellable  *cancellable,
             GError       **error)
{
  CdImportFormat format = cd_import_format_for_file (gfile, job->format);
  g_autoptr(GFileInputStream) stream = NULL;

  if (format == CD_IMPORT_FORMAT_NINJS)
    return read_ninjs (job, gfile, file, cancellable, error);

  stream = g_file_read (gfile, cancellable, error);
  if (stream == NULL)
    return FALSE;
  if (format == CD_IMPORT_FORMAT_PAGE_COPY)
    return read_page_copy (job, G_INPUT_STREAM (stream), file, cancellable, error);
  return read_text (job, G_INPUT_STREAM (stream), file, format == CD_IMPORT_FORMAT_MARKDOWN,
                    cancellable, error);
}

static gboolean
read_files (ImportJob     *job,
            GCancellable  *cancellable,
            GError       **error)
{
  for (guint i = 0; i < job->files->len; i++)
    {
      GFile *gfile = g_ptr_array_index (job->files, i);
      const char *file = g_ptr_array_index (job->file_names, i);

      if (!import_file (job, gfile, file, cancellable, error))
        {
          /* every message names the file: it may be one of many; one
           * that could not be opened says so in a sentence that does */
          if (error == NULL || *error == NULL || !cd_file_error_reword (*error, file))
            g_prefix_error (error, "%s: ", file);
          return FALSE;
        }
    }
  return TRUE;
}

/* Step 2, any thread: reads, checks and writes to the batch, the three
 * at once (see the top of this file). */
static gboolean
import_job_read (ImportJob     *job,
                 GCancellable  *cancellable,
                 GError       **error)
{
  GError *read_error = NULL;
  gboolean ok;

  if (job->files->len == 0)
    {
      g_set_error_literal (error, CD_IMPORT_ERROR, CD_IMPORT_ERROR_NO_FILES,
                           _("no files to import"));
      return FALSE;
    }

  g_set_object (&job->cancellable, cancellable);
  job->preparer = g_thread_pool_new (prepare_article, job, g_get_num_processors (), FALSE, NULL);
  job->writer = g_thread_new ("cd-import-write", write_thread, job);
  ok = read_files (job, cancellable, &read_error);

  g_mutex_lock (&job->lock);
  job->reading_done = TRUE;
  job->stop |= !ok;
  g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->lock);
  /* After an error the articles not yet prepared are not needed; those
   * being prepared are waited for, since the queue owns them. */
  g_thread_pool_free (g_steal_pointer (&job->preparer), !ok, TRUE);
  g_thread_join (g_steal_pointer (&job->writer));

  /* When writing failed, reading stopped because of it. */
  if (job->write_error)
    {
      g_clear_error (&read_error);
      g_propagate_error (error, g_steal_pointer (&job->write_error));
      return FALSE;
    }
  if (!ok)
    {
      g_propagate_error (error, read_error);
      return FALSE;
    }
  return TRUE;
}

/* Steps 2 and the file half of 3, any thread. A failed import's files
 * are removed here, so that the caller's thread does not wait for it. */
static gboolean
import_job_write (ImportJob     *job,
                  GCancellable  *cancellable,
                  GError       **error)
{
  if (import_job_read (job, cancellable, error) &&
      cd_store_batch_commit (job->batch, cancellable, error))
    return TRUE;
  g_clear_pointer (&job->batch, cd_store_batch_free);
  return FALSE;
}

/* ------------------------------------------------------------------------
 * GObject
 */

static void
cd_importer_dispose (GObject *object)
{
  CdImporter *self = CD_IMPORTER (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (cd_importer_parent_class)->dispose (object);
}

static void
cd_importer_finalize (GObject *object)
{
  CdImporter *self = CD_IMPORTER (object);

  g_free (self->language);

  G_OBJECT_CLASS (cd_importer_parent_class)->finalize (object);
}

static void
cd_importer_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CdImporter *self = CD_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_FORMAT:
      g_value_set_enum (value, self->format);
      break;
    case PROP_NEAR_DUPLICATE_DISTANCE:
      g_value_set_uint (value, self->near_duplicate_distance);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_importer_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CdImporter *self = CD_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_LANGUAGE:
      cd_importer_set_language (self, g_value_get_string (value));
      break;
    case PROP_FORMAT:
      cd_importer_set_format (self, g_value_get_enum (value));
      break;
    case PROP_NEAR_DUPLICATE_DISTANCE:
      cd_importer_set_near_duplicate_distance (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_importer_class_init (CdImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cd_importer_dispose;
  object_class->finalize = cd_importer_finalize;
  object_class->get_property = cd_importer_get_property;
  object_class->set_property = cd_importer_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* NULL: the store's default language */
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, rw);
  properties[PROP_FORMAT] =
    g_param_spec_enum ("format", NULL, NULL, CD_TYPE_IMPORT_FORMAT, CD_IMPORT_FORMAT_AUTO, rw);
  properties[PROP_NEAR_DUPLICATE_DISTANCE] =
    g_param_spec_uint ("near-duplicate-distance", NULL, NULL, 0, 64,
                       CD_IMPORTER_DEFAULT_NEAR_DUPLICATE_DISTANCE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_importer_init (CdImporter *self)
{
  self->format = CD_IMPORT_FORMAT_AUTO;
  self->near_duplicate_distance = CD_IMPORTER_DEFAULT_NEAR_DUPLICATE_DISTANCE;
}

/* ------------------------------------------------------------------------
 * Public API
 */

CdImporter *
cd_importer_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  return g_object_new (CD_TYPE_IMPORTER, "store", store, NULL);
}

CdStore *
cd_importer_get_store (CdImporter *self)
{
  g_return_val_if_fail (CD_IS_IMPORTER (self), NULL);
  return self->store;
}

const char *
cd_importer_get_language (CdImporter *self)
{
  g_return_val_if_fail (CD_IS_IMPORTER (self), NULL);
  return self->language;
}

/**
 * cd_importer_set_language:
 * @language: (nullable): a BCP 47 code for text that is not mostly
 *   Arabic, or %NULL for the store's default language
 */
void
cd_importer_set_language (CdImporter *self,
                          const char *language)
{
  g_return_if_fail (CD_IS_IMPORTER (self));

  if (language && *language == '\0')
    language = NULL;
  if (g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

CdImportFormat
cd_importer_get_format (CdImporter *self)
{
  g_return_val_if_fail (CD_IS_IMPORTER (self), CD_IMPORT_FORMAT_AUTO);
  return self->format;
}

void
cd_importer_set_format (CdImporter     *self,
                        CdImportFormat  format)
{
  g_return_if_fail (CD_IS_IMPORTER (self));

  if (self->format == format)
    return;
  self->format = format;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT]);
}

guint
cd_importer_get_near_duplicate_distance (CdImporter *self)
{
  g_return_val_if_fail (CD_IS_IMPORTER (self), 0);
  return self->near_duplicate_distance;
}

/* How many of the 64 SimHash bits two articles may differ in and still
 * count as one story edited; 0 turns near-duplicate detection off except
 * for identical hashes. */
void
cd_importer_set_near_duplicate_distance (CdImporter *self,
                                         guint       distance)
{
  g_return_if_fail (CD_IS_IMPORTER (self));

  distance = MIN (distance, 64);
  if (self->near_duplicate_distance == distance)
    return;
  self->near_duplicate_distance = distance;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEAR_DUPLICATE_DISTANCE]);
}

/**
 * cd_importer_import_files:
 * @files: (array length=n_files): the files, read in this order
 *
 * Imports every article of @files into the store. Either all new
 * articles are added or, on any error, none: the store is left as it
 * was, and the error names the file and, where it applies, the line and
 * byte. Articles whose text is already in the store are not added again;
 * the report says so.
 *
 * Returns: (transfer full): the report, or %NULL on error
 */
CdImportReport *
cd_importer_import_files (CdImporter     *self,
                          GFile * const  *files,
                          guint           n_files,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_autoptr(ImportJob) job = NULL;

  g_return_val_if_fail (CD_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (files != NULL || n_files == 0, NULL);

  job = import_job_new (self, files, n_files);
  if (!import_job_write (job, cancellable, error))
    return NULL;
  cd_store_batch_apply (job->batch);
  return g_steal_pointer (&job->report);
}

static void
import_write_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;

  if (import_job_write (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
import_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ImportJob *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* The store changes its list only on its own thread, the one that
   * called _async. The articles are in the store now: a cancellation
   * that comes this late no longer undoes anything, so it is no error. */
  cd_store_batch_apply (job->batch);
  g_task_set_check_cancellable (task, FALSE);
  g_task_return_pointer (task, g_steal_pointer (&job->report), g_object_unref);
}

/**
 * cd_importer_import_files_async:
 *
 * Like cd_importer_import_files(). Reading, checking and writing the
 * files run in worker threads; the calling thread, which must be the
 * store's, only updates the store's list and index at the end, so a
 * window never waits for the disk.
 */
void
cd_importer_import_files_async (CdImporter          *self,
                                GFile * const       *files,
                                guint                n_files,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;
  ImportJob *job;

  g_return_if_fail (CD_IS_IMPORTER (self));
  g_return_if_fail (files != NULL || n_files == 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_importer_import_files_async);
  job = import_job_new (self, files, n_files);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);

  inner = cd_task_new_inner (g_steal_pointer (&task), import_written_cb);
  g_task_set_task_data (inner, job, NULL);
  g_task_run_in_thread (inner, import_write_thread);
}

/**
 * cd_importer_import_files_finish:
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
CdImportReport *
cd_importer_import_files_finish (CdImporter    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CD_IS_IMPORTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_importer_import_files_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

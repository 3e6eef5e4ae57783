/* cd-store-watch.c: following what other programs change in articles/
 *
 * The CLI and other Copydesks write to the same folder while a window
 * shows its list. A store that watches (cd_store_set_watch()) keeps one
 * GFileMonitor on articles/ (one for the folder: no watcher per article,
 * so a store of 10,000 costs no more memory) and notes the id of every
 * file named in an event. A short quiet delay gathers a burst (an import,
 * a writer's temporary file renamed over the article) into one batch.
 *
 * A worker thread then looks at just those files: a file whose size,
 * time and inode are those of the listed summary is unchanged (the
 * store's own saves land here, as they record the stamp of what they
 * wrote) and is not read; a new or changed file is read and summarised; a
 * missing one is gone. Back in the store's context the list changes for
 * exactly those articles, with one items-changed per article, or one for
 * the whole list when a large batch came in.
 *
 * A file that does not load is left alone here: opening the store sets
 * it aside under the lock, with a note, and that is not a watcher's job.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "cd-article-summary-private.h"
#include "cd-store-io.h"
#include "cd-store-private.h"

/* How long the folder must be quiet before its changes are read, and how
 * long a steady stream of changes may put that off. */
#define QUIET_MS 100
#define MAX_DELAY_MS 1000

typedef struct
{
  char *id;
  CdFileStamp known;           /* the listed summary's, when listed */
  gboolean listed;
  CdArticleSummary *summary;   /* out: the file as read now */
  gboolean gone;               /* out: no file any more */
} WatchEntry;

typedef struct
{
  GArray *entries;             /* WatchEntry */
  guint generation;            /* the store's, when the batch was made */
  guint n_read;                /* article files parsed */
} WatchBatch;

static void schedule (CdStore *self);

static void
watch_entry_clear (WatchEntry *entry)
{
  g_free (entry->id);
  g_clear_object (&entry->summary);
}

static void
watch_batch_free (WatchBatch *batch)
{
  g_array_unref (batch->entries);
  g_free (batch);
}

/* ------------------------------------------------------------------------
 * In the worker thread: only the store's paths are read here.
 */

static void
read_entry (CdStore    *self,
            WatchBatch *batch,
            WatchEntry *entry)
{
  g_autofree char *path = cd_store_dup_article_path (self, self->articles_dir, entry->id);
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  CdFileStamp stamp;
  struct stat st;

  if (lstat (path, &st) != 0)
    {
      entry->gone = errno == ENOENT || errno == ENOTDIR;
      return;
    }
  cd_file_stamp_from_stat (&stamp, &st);
  if (!S_ISREG (st.st_mode) || (entry->listed && cd_file_stamp_equal (&stamp, &entry->known)))
    return;
  batch->n_read++;
  article = cd_store_read_article_file (path, entry->id, &stamp, &error);
  if (article != NULL)
    entry->summary = cd_summary_new_with_stamp (article, &stamp);
  else if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND))
    entry->gone = TRUE;
  else
    g_debug ("%s changed but is left for the next opening: %s", path, error->message);
}

static void
watch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WatchBatch *batch = task_data;

  for (guint i = 0; i < batch->entries->len; i++)
    read_entry (source_object, batch, &g_array_index (batch->entries, WatchEntry, i));
  g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------------------
 * In the store's context
 */

/* Whether the list still holds what it held when @entry was made: when
 * the store itself saved, restored or trashed the article since, its own
 * record is the newer one (and any later change by another program comes
 * with an event of its own). */
static gboolean
listed_as_before (CdStore    *self,
                  WatchEntry *entry)
{
  CdArticleSummary *listed = cd_store_find (self, entry->id);

  if (listed == NULL)
    return !entry->listed;
  return entry->listed && cd_file_stamp_equal (&listed->stamp, &entry->known);
}

static void
apply_batch (CdStore    *self,
             WatchBatch *batch)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < batch->entries->len; i++)
    {
      WatchEntry *entry = &g_array_index (batch->entries, WatchEntry, i);

      if ((!entry->gone && entry->summary == NULL) || !listed_as_before (self, entry))
        continue;
      if (entry->gone)
        cd_store_drop_entry (self, entry->id);
      else if (!entry->listed)
        g_ptr_array_add (added, g_steal_pointer (&entry->summary));
      else
        cd_store_replace_entry (self, entry->summary);
    }
  if (added->len > 0)
    cd_store_add_summaries (self, added);
}

static void
note_id (CdStore    *self,
         const char *id)
{
  if (self->watch_pending == NULL)
    self->watch_pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (self->watch_pending, g_strdup (id));
  if (self->watch_pending_since == 0)
    self->watch_pending_since = g_get_monotonic_time ();
}

static void
watch_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CdStore *self = CD_STORE (object);
  WatchBatch *batch = g_task_get_task_data (G_TASK (result));

  self->watch_busy = FALSE;
  self->n_files_read += batch->n_read;
  if (batch->generation == self->generation)
    apply_batch (self, batch);
  else
    {
      /* The folder was read as a whole meanwhile, perhaps after these
       * files: read them again rather than go back to older versions. */
      for (guint i = 0; i < batch->entries->len; i++)
        note_id (self, g_array_index (batch->entries, WatchEntry, i).id);
    }
  schedule (self);
}

static WatchBatch *
take_pending (CdStore *self)
{
  WatchBatch *batch = g_new0 (WatchBatch, 1);
  GHashTableIter iter;
  gpointer key;

  batch->entries = g_array_sized_new (FALSE, TRUE, sizeof (WatchEntry),
                                      g_hash_table_size (self->watch_pending));
  g_array_set_clear_func (batch->entries, (GDestroyNotify) watch_entry_clear);
  batch->generation = self->generation;
  g_hash_table_iter_init (&iter, self->watch_pending);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      WatchEntry entry = { 0 };
      CdArticleSummary *listed = cd_store_find (self, key);

      g_hash_table_iter_steal (&iter);
      entry.id = key;
      entry.listed = listed != NULL;
      if (listed != NULL)
        entry.known = listed->stamp;
      g_array_append_val (batch->entries, entry);
    }
  self->watch_pending_since = 0;
  return batch;
}

static gboolean
on_quiet_cb (gpointer user_data)
{
  CdStore *self = user_data;
  g_autoptr(GTask) task = NULL;

  g_clear_pointer (&self->watch_source, g_source_unref);
  if (self->watch_busy || self->n_opening > 0)
    return G_SOURCE_REMOVE;
  self->watch_busy = TRUE;
  task = g_task_new (self, NULL, watch_done_cb, NULL);
  g_task_set_source_tag (task, on_quiet_cb);
  g_task_set_task_data (task, take_pending (self), (GDestroyNotify) watch_batch_free);
  g_task_run_in_thread (task, watch_thread);
  return G_SOURCE_REMOVE;
}

/* Reads the noted files once the folder has been quiet for a moment,
 * unless a read is under way already (its end calls this again). */
static void
schedule (CdStore *self)
{
  gint64 waited_ms;
  guint delay_ms;

  if (self->watch_busy || self->n_opening > 0 || self->watch_context == NULL ||
      self->watch_pending == NULL || g_hash_table_size (self->watch_pending) == 0)
    return;
  waited_ms = (g_get_monotonic_time () - self->watch_pending_since) / 1000;
  delay_ms = waited_ms >= MAX_DELAY_MS ? 0 : (guint) MIN (QUIET_MS, MAX_DELAY_MS - waited_ms);
  if (self->watch_source != NULL)
    {
      g_source_destroy (self->watch_source);
      g_clear_pointer (&self->watch_source, g_source_unref);
    }
  self->watch_source = g_timeout_source_new (delay_ms);
  g_source_set_callback (self->watch_source, on_quiet_cb, self, NULL);
  g_source_set_static_name (self->watch_source, "[copydesk] store watch");
  g_source_attach (self->watch_source, self->watch_context);
}

/* The id of an article file named by an event, or NULL for anything else
 * (writers' temporary files, files in other folders). */
static char *
id_of (CdStore *self,
       GFile   *file)
{
  const char *path = file ? g_file_peek_path (file) : NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;

  if (path == NULL)
    return NULL;
  dir = g_path_get_dirname (path);
  name = g_path_get_basename (path);
  if (strcmp (dir, self->articles_dir) != 0 || !g_str_has_suffix (name, ".json"))
    return NULL;
  name[strlen (name) - strlen (".json")] = '\0';
  if (!cd_store_is_valid_id (name))
    return NULL;
  return g_steal_pointer (&name);
}

static void
on_articles_changed_cb (GFileMonitor      *monitor,
                        GFile             *file,
                        GFile             *other,
                        GFileMonitorEvent  event,
                        gpointer           user_data)
{
  CdStore *self = user_data;
  g_autofree char *id = NULL;
  g_autofree char *other_id = NULL;

  if (event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT || event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    return;
  /* A rename names both ends: a writer's temporary file and the
   * article it becomes. */
  id = id_of (self, file);
  other_id = id_of (self, other);
  if (id != NULL)
    note_id (self, id);
  if (other_id != NULL)
    note_id (self, other_id);
  if (id != NULL || other_id != NULL)
    schedule (self);
}

/* ------------------------------------------------------------------------
 * For cd-store.c
 */

/* Starts the monitor when the store watches and has none yet. It is made
 * before the folder is read, so that nothing changed during the reading
 * is missed. */
void
cd_store_watch_start (CdStore *self)
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) error = NULL;

  if (!self->watch || self->monitor != NULL)
    return;
  if (!cd_ensure_dir (self->articles_dir, &error))
    {
      g_debug ("Not watching %s: %s", self->articles_dir, error->message);
      return;
    }
  dir = g_file_new_for_path (self->articles_dir);
  self->monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Not watching %s: %s", self->articles_dir, error->message);
      return;
    }
  g_clear_pointer (&self->watch_context, g_main_context_unref);
  self->watch_context = g_main_context_ref_thread_default ();
  g_signal_connect (self->monitor, "changed", G_CALLBACK (on_articles_changed_cb), self);
}

void
cd_store_watch_stop (CdStore *self)
{
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  if (self->watch_source != NULL)
    {
      g_source_destroy (self->watch_source);
      g_clear_pointer (&self->watch_source, g_source_unref);
    }
  g_clear_pointer (&self->watch_pending, g_hash_table_unref);
  g_clear_pointer (&self->watch_context, g_main_context_unref);
  self->watch_pending_since = 0;
}

/* After an opening: what changed meanwhile is read now. */
void
cd_store_watch_resume (CdStore *self)
{
  schedule (self);
}

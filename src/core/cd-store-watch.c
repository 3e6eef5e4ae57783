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
 * But it is not kept quiet either: the store emits "file-problem" once
 * for that version of the file, naming it and the reason, and the list
 * keeps the article's last good summary, so nothing disappears from it.
 *
 * GFileMonitor does not say when the kernel's inotify queue overflowed
 * and events were lost. cd_store_recheck_files(), run by a slow timer
 * and by the window when it is focused again, compares the stamp of
 * every file with the list's in a thread and reads the ones that differ
 * the same way as above.
 *
 * After the list changed, index.tsv is written again, a little later
 * and in a thread, under the lock and atomically like every write.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>

#include "cd-article-summary-private.h"
#include "cd-store-io.h"
#include "cd-store-private.h"

/* How long the folder must be quiet before its changes are read, and how
 * long a steady stream of changes may put that off. */
#define QUIET_MS 100
#define MAX_DELAY_MS 1000

/* How long after the watch changed the list index.tsv is written: a
 * burst of changes writes it once. */
#define INDEX_DELAY_MS 2000

/* How often every stamp is compared anyway, and how soon again after one
 * such check cd_store_recheck_files() may start another. */
#define RECHECK_INTERVAL_S 120
#define RECHECK_MIN_GAP_MS 2000

typedef struct
{
  char *id;
  CdFileStamp known;           /* the listed summary's, when listed */
  gboolean listed;
  CdFileStamp bad;             /* a version that did not load, reported */
  gboolean known_bad;
  CdArticleSummary *summary;   /* out: the file as read now */
  gboolean gone;               /* out: no file any more */
  char *problem;               /* out: why the file as it is now does not load */
  CdFileStamp stamp;           /* out: with problem, the bad file's */
} WatchEntry;

typedef struct
{
  GArray *entries;             /* WatchEntry */
  guint generation;            /* the store's, when the batch was made */
  guint n_read;                /* article files parsed */
} WatchBatch;

static void schedule (CdStore *self);
static void schedule_index_write (CdStore *self);

static void
watch_entry_clear (WatchEntry *entry)
{
  g_free (entry->id);
  g_free (entry->problem);
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
  if (!S_ISREG (st.st_mode) || (entry->listed && cd_file_stamp_equal (&stamp, &entry->known)) ||
      (entry->known_bad && cd_file_stamp_equal (&stamp, &entry->bad)))
    return;
  batch->n_read++;
  article = cd_store_read_article_file (path, entry->id, &stamp, &error);
  if (article != NULL)
    entry->summary = cd_summary_new_with_stamp (article, &stamp);
  else if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND))
    entry->gone = TRUE;
  else
    {
      /* Left for the next opening to set aside, under the lock. */
      entry->problem = g_strdup (error->message);
      entry->stamp = stamp;
    }
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

/* Says once, for this version of the file, that it does not load. */
static void
report_bad_file (CdStore    *self,
                 WatchEntry *entry)
{
  g_autofree char *name = g_strconcat (entry->id, ".json", NULL);
  g_autofree char *shown = g_build_filename ("articles", name, NULL);
  g_autofree char *message = NULL;

  if (self->watch_bad == NULL)
    self->watch_bad = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (self->watch_bad, g_strdup (entry->id),
                        g_memdup2 (&entry->stamp, sizeof entry->stamp));
  if (cd_store_find (self, entry->id) != NULL)
    message = g_strdup_printf (/* Translators: the article file (articles/ID.json), then
                                * why it does not load */
                               _("Another program wrote “%s”, which does not load: %s. The "
                                 "list keeps the article as it was; the file is left as it "
                                 "is."), shown, entry->problem);
  else
    message = g_strdup_printf (/* Translators: the article file (articles/ID.json), then
                                * why it does not load */
                               _("Another program wrote “%s”, which does not load: %s. The "
                                 "file is left as it is."), shown, entry->problem);
  cd_store_emit_file_problem (self, entry->id, message);
}

/* Applies one entry; TRUE when the list changed. */
static gboolean
apply_entry (CdStore    *self,
             WatchEntry *entry,
             GPtrArray  *added)
{
  if (entry->problem != NULL)
    {
      report_bad_file (self, entry);
      return FALSE;
    }
  if ((!entry->gone && entry->summary == NULL) || !listed_as_before (self, entry))
    return FALSE;
  /* Gone or loading again: a later bad version is news once more. */
  if (self->watch_bad != NULL)
    g_hash_table_remove (self->watch_bad, entry->id);
  if (entry->gone)
    cd_store_drop_entry (self, entry->id);
  else if (!entry->listed)
    g_ptr_array_add (added, g_steal_pointer (&entry->summary));
  else
    cd_store_replace_entry (self, entry->summary);
  return TRUE;
}

static void
apply_batch (CdStore    *self,
             WatchBatch *batch)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean changed = FALSE;

  for (guint i = 0; i < batch->entries->len; i++)
    changed |= apply_entry (self, &g_array_index (batch->entries, WatchEntry, i), added);
  if (added->len > 0)
    cd_store_add_summaries (self, added);
  if (changed)
    schedule_index_write (self);
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
      CdFileStamp *bad = self->watch_bad ? g_hash_table_lookup (self->watch_bad, key) : NULL;

      g_hash_table_iter_steal (&iter);
      entry.id = key;
      entry.listed = listed != NULL;
      if (listed != NULL)
        entry.known = listed->stamp;
      entry.known_bad = bad != NULL;
      if (bad != NULL)
        entry.bad = *bad;
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
 * index.tsv, after the watch changed the list
 */

/* The list as bytes, and index.tsv as it was when they were made: a
 * program that wrote the index since knew more than this snapshot. */
typedef struct
{
  GBytes *bytes;
  CdFileStamp before;         /* zero when there was no index */
} IndexWrite;

static void
index_write_free (IndexWrite *write)
{
  g_bytes_unref (write->bytes);
  g_free (write);
}

static void
index_stamp (CdStore     *self,
             CdFileStamp *stamp)
{
  struct stat st;

  memset (stamp, 0, sizeof *stamp);
  if (stat (self->index_path, &st) == 0)
    cd_file_stamp_from_stat (stamp, &st);
}

static void
index_write_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  CdStore *self = source_object;
  IndexWrite *write = task_data;
  g_autoptr(GError) error = NULL;
  CdFileStamp now;
  int fd;

  /* Like every writer, under the lock; a cache, so a busy lock just
   * means it waits for the next change or opening. */
  fd = cd_store_lock_acquire (self->lock_path, self->lock_timeout_ms, &error);
  if (fd >= 0)
    index_stamp (self, &now);
  if (fd >= 0 && !cd_file_stamp_equal (&now, &write->before))
    g_debug ("index.tsv not written: another program wrote it since");
  else if (fd < 0 || !cd_store_write_index_bytes (self, write->bytes, &error))
    g_debug ("index.tsv not written: %s", error->message);
  if (fd >= 0)
    cd_store_lock_release (fd);
  g_task_return_boolean (task, TRUE);
}

static void
index_written_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CdStore *self = CD_STORE (object);

  self->index_busy = FALSE;
  if (self->index_again)
    {
      self->index_again = FALSE;
      schedule_index_write (self);
    }
}

static gboolean
on_index_due_cb (gpointer user_data)
{
  CdStore *self = user_data;
  g_autoptr(GTask) task = NULL;
  IndexWrite *write;

  g_clear_pointer (&self->index_source, g_source_unref);
  if (self->index_busy)
    {
      self->index_again = TRUE;
      return G_SOURCE_REMOVE;
    }
  /* Summaries change in place in this context: made into bytes here. */
  write = g_new0 (IndexWrite, 1);
  write->bytes = cd_store_index_serialize ((CdArticleSummary **) self->items->pdata,
                                           self->items->len);
  index_stamp (self, &write->before);
  self->index_busy = TRUE;
  task = g_task_new (self, NULL, index_written_cb, NULL);
  g_task_set_source_tag (task, on_index_due_cb);
  g_task_set_task_data (task, write, (GDestroyNotify) index_write_free);
  g_task_run_in_thread (task, index_write_thread);
  return G_SOURCE_REMOVE;
}

static void
schedule_index_write (CdStore *self)
{
  if (self->watch_context == NULL || self->index_source != NULL)
    return;
  self->index_source = g_timeout_source_new (INDEX_DELAY_MS);
  g_source_set_callback (self->index_source, on_index_due_cb, self, NULL);
  g_source_set_static_name (self->index_source, "[copydesk] store index");
  g_source_attach (self->index_source, self->watch_context);
}

/* ------------------------------------------------------------------------
 * Comparing every stamp: for events the monitor lost
 */

typedef struct
{
  char id[37];
  CdFileStamp stamp;
  gboolean seen;
} Listed;

typedef struct
{
  GArray *listed;              /* Listed, sorted by id */
  GPtrArray *changed;          /* out: char * ids to read */
} Recheck;

static void
recheck_free (Recheck *recheck)
{
  g_array_unref (recheck->listed);
  g_ptr_array_unref (recheck->changed);
  g_free (recheck);
}

static int
compare_listed (gconstpointer a,
                gconstpointer b)
{
  return strcmp (((const Listed *) a)->id, ((const Listed *) b)->id);
}

/* One name in articles/: noted when it is not listed or has changed. */
static void
recheck_name (CdStore    *self,
              Recheck    *recheck,
              const char *name)
{
  Listed key = { { 0 } };
  g_autofree char *path = NULL;
  Listed *listed;
  CdFileStamp stamp;
  struct stat st;

  if (strlen (name) != 36 + strlen (".json") || !g_str_has_suffix (name, ".json"))
    return;
  memcpy (key.id, name, 36);
  if (!cd_store_is_valid_id (key.id))
    return;
  path = g_build_filename (self->articles_dir, name, NULL);
  if (lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return;
  cd_file_stamp_from_stat (&stamp, &st);
  listed = bsearch (&key, recheck->listed->data, recheck->listed->len, sizeof (Listed),
                    compare_listed);
  if (listed != NULL)
    listed->seen = TRUE;
  if (listed == NULL || !cd_file_stamp_equal (&stamp, &listed->stamp))
    g_ptr_array_add (recheck->changed, g_strdup (key.id));
}

static void
recheck_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CdStore *self = source_object;
  Recheck *recheck = task_data;
  g_autoptr(GDir) dir = g_dir_open (self->articles_dir, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    recheck_name (self, recheck, name);
  /* Listed, but no file any more. */
  for (guint i = 0; i < recheck->listed->len; i++)
    if (!g_array_index (recheck->listed, Listed, i).seen)
      g_ptr_array_add (recheck->changed, g_strdup (g_array_index (recheck->listed, Listed, i).id));
  g_task_return_boolean (task, TRUE);
}

static void
recheck_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CdStore *self = CD_STORE (object);
  Recheck *recheck = g_task_get_task_data (G_TASK (result));

  self->recheck_busy = FALSE;
  /* Stopped watching meanwhile: nothing to follow. */
  if (!g_task_propagate_boolean (G_TASK (result), NULL) || self->watch_context == NULL)
    return;
  /* Read like any file an event named: what the store saved itself
   * meanwhile is left alone there. */
  for (guint i = 0; i < recheck->changed->len; i++)
    note_id (self, g_ptr_array_index (recheck->changed, i));
  schedule (self);
}

static Recheck *
recheck_new (CdStore *self)
{
  Recheck *recheck = g_new0 (Recheck, 1);

  recheck->listed = g_array_sized_new (FALSE, TRUE, sizeof (Listed), self->items->len);
  g_array_set_size (recheck->listed, self->items->len);
  for (guint i = 0; i < self->items->len; i++)
    {
      CdArticleSummary *summary = g_ptr_array_index (self->items, i);
      Listed *listed = &g_array_index (recheck->listed, Listed, i);

      g_strlcpy (listed->id, cd_article_summary_get_id (summary), sizeof listed->id);
      listed->stamp = summary->stamp;
    }
  g_array_sort (recheck->listed, compare_listed);
  recheck->changed = g_ptr_array_new_with_free_func (g_free);
  return recheck;
}

static gboolean
on_recheck_timer_cb (gpointer user_data)
{
  cd_store_recheck_files (user_data);
  return G_SOURCE_CONTINUE;
}

/**
 * cd_store_recheck_files:
 *
 * A safeguard for a watching store (cd_store_set_watch()): the kernel
 * drops folder events when its queue overflows, and GFileMonitor does
 * not say so. This compares the size, time and inode of every article
 * file with the list's in a thread, and reads only the files that
 * differ, as if an event had named them. A watching store does it every
 * two minutes by itself; a window also calls it when it is focused
 * again. Calls closer together than two seconds, while the store opens
 * or when it does not watch, do nothing.
 */
void
cd_store_recheck_files (CdStore *self)
{
  g_autoptr(GTask) task = NULL;
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (CD_IS_STORE (self));

  /* Before the first opening the list is empty, and every file would
   * look new: the opening reads them. */
  if (self->watch_context == NULL || self->recheck_busy || self->n_opening > 0 ||
      self->generation == 0 ||
      (self->last_recheck != 0 && now - self->last_recheck < RECHECK_MIN_GAP_MS * 1000))
    return;
  self->last_recheck = now;
  self->recheck_busy = TRUE;
  task = g_task_new (self, NULL, recheck_done_cb, NULL);
  g_task_set_source_tag (task, cd_store_recheck_files);
  g_task_set_task_data (task, recheck_new (self), (GDestroyNotify) recheck_free);
  g_task_run_in_thread (task, recheck_thread);
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

  self->recheck_source = g_timeout_source_new_seconds (RECHECK_INTERVAL_S);
  g_source_set_callback (self->recheck_source, on_recheck_timer_cb, self, NULL);
  g_source_set_static_name (self->recheck_source, "[copydesk] store recheck");
  g_source_attach (self->recheck_source, self->watch_context);
}

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
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
  clear_source (&self->watch_source);
  clear_source (&self->recheck_source);
  /* A change waiting for its index write goes with it: the index is a
   * cache, checked against each file's stamp when the store opens. */
  clear_source (&self->index_source);
  g_clear_pointer (&self->watch_pending, g_hash_table_unref);
  g_clear_pointer (&self->watch_bad, g_hash_table_unref);
  g_clear_pointer (&self->watch_context, g_main_context_unref);
  self->watch_pending_since = 0;
}

/* After an opening: what changed meanwhile is read now. */
void
cd_store_watch_resume (CdStore *self)
{
  schedule (self);
}

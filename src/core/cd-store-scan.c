/* cd-store-scan.c: reading the store's folder when it is opened or checked
 *
 * The list comes from the index where the index can be trusted and from
 * the article files everywhere else. A file that does not load is moved to
 * quarantine/ as it is, with a note beside it saying why, and the rest of
 * the store loads: one damaged file never hides the others and is never
 * lost. Moving files and rewriting the index happen under the store's
 * lock, after checking that no other Copydesk changed the file meanwhile.
 *
 * This runs in a worker thread for cd_store_open_async(), so it reads only
 * the store's paths and returns a CdStoreScan for the store's own thread
 * to apply.
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
#include <glib/gstdio.h>

#include "cd-article-file.h"
#include "cd-store-io.h"
#include "cd-store-private.h"

#define SETTINGS_NAME "store.json"

/* Rewriting the index is only a saving for next time: not worth waiting
 * long for another program's lock. */
#define INDEX_LOCK_TIMEOUT_MS 200

typedef struct
{
  char *name;             /* in articles/, or NULL for store.json */
  char *reason;
  CdFileStamp stamp;
} BadFile;

typedef struct
{
  CdStore *store;
  CdStoreScan *scan;
  CdStoreIndex *index;
  GPtrArray *bad;         /* BadFile * */
  guint index_hits;
  gboolean index_stale;
  gboolean have_temps;
} ScanState;

static void
bad_file_free (BadFile *bad)
{
  g_free (bad->name);
  g_free (bad->reason);
  g_free (bad);
}

static void
add_bad (ScanState         *state,
         const char        *name,
         const CdFileStamp *stamp,
         const char        *reason)
{
  BadFile *bad = g_new0 (BadFile, 1);

  bad->name = g_strdup (name);
  bad->reason = g_strdup (reason);
  bad->stamp = *stamp;
  g_ptr_array_add (state->bad, bad);
}

void
cd_store_scan_free (CdStoreScan *scan)
{
  if (scan == NULL)
    return;
  g_clear_pointer (&scan->summaries, g_ptr_array_unref);
  g_clear_pointer (&scan->problems, g_ptr_array_unref);
  g_clear_pointer (&scan->settings, json_object_unref);
  g_free (scan);
}

int
cd_summary_ptr_compare (gconstpointer a,
                        gconstpointer b)
{
  return cd_article_summary_compare (*(CdArticleSummary * const *) a,
                                     *(CdArticleSummary * const *) b);
}

/**
 * cd_store_read_article_file:
 * @id: the id the file name promises
 * @stamp: (out): the file that was read
 *
 * Returns: (transfer full): the article; on failure @error is in
 *   %CD_ARTICLE_FILE_ERROR when the file is damaged and in %CD_STORE_ERROR
 *   when it could not be read
 */
CdArticle *
cd_store_read_article_file (const char   *path,
                            const char   *id,
                            CdFileStamp  *stamp,
                            GError      **error)
{
  g_autofree char *data = NULL;
  g_autoptr(CdArticle) article = NULL;
  struct stat st;
  gsize length;

  if (!cd_read_file (path, &data, &length, &st, error))
    return NULL;
  cd_file_stamp_from_stat (stamp, &st);
  article = cd_article_file_parse (data, length, error);
  if (article == NULL)
    return NULL;
  if (g_strcmp0 (cd_article_get_id (article), id) != 0)
    {
      g_set_error (error, CD_ARTICLE_FILE_ERROR, CD_ARTICLE_FILE_ERROR_BAD_VALUE,
                   /* Translators: %s is an article id */
                   _("the article inside has the id “%s”, which is not the file's name"),
                   cd_article_get_id (article));
      return NULL;
    }
  return g_steal_pointer (&article);
}

/* ------------------------------------------------------------------------
 * Quarantine
 */

static gboolean
write_reason (const char  *dest,
              const char  *path,
              const char  *reason,
              GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);
  /* Translators: the last line of the note left beside a file moved to
   * quarantine; %s is the date and time */
  g_autofree char *moved = g_strdup_printf (_("moved here %s"), when);
  g_autofree char *text = g_strdup_printf ("%s\n%s\n%s\n", path, reason, moved);
  g_autofree char *dir = g_path_get_dirname (dest);
  g_autofree char *base = g_path_get_basename (dest);
  g_autofree char *name = g_strconcat (base, ".reason", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&text), strlen (text));

  return cd_write_file_atomic (dir, name, bytes, TRUE, error);
}

/**
 * cd_store_quarantine:
 * @stamp: (nullable): the version of the file that was found bad; when the
 *   file is no longer that version it is left alone
 *
 * Moves a file that does not load to quarantine/, byte for byte, and
 * writes "<name>.reason" beside it. Call with the store's lock held.
 *
 * Returns: (transfer full) (nullable): the message for the problem list,
 *   or %NULL when the file changed and must be read again
 */
char *
cd_store_quarantine (CdStore           *self,
                     const char        *path,
                     const CdFileStamp *stamp,
                     const char        *reason)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *dest = NULL;
  g_autoptr(GError) error = NULL;
  gboolean noted;
  struct stat st;

  if (stamp != NULL)
    {
      CdFileStamp now;

      if (lstat (path, &st) != 0)
        /* Translators: a file, then why it did not load */
        return g_strdup_printf (_("“%s” did not load (%s) and has gone since"), path, reason);
      cd_file_stamp_from_stat (&now, &st);
      if (!cd_file_stamp_equal (&now, stamp))
        return NULL;
    }
  if (!cd_ensure_dir (self->quarantine_dir, &error) ||
      (dest = cd_move_aside (path, self->quarantine_dir, base, &error)) == NULL)
    /* Translators: a file, why it does not load, why it could not be moved */
    return g_strdup_printf (_("“%s” does not load: %s. It could not be moved to quarantine: %s"),
                            path, reason, error->message);
  noted = write_reason (dest, path, reason, &error);
  cd_fsync_dir (dir, NULL);
  cd_fsync_dir (self->quarantine_dir, NULL);
  if (!noted)
    /* Translators: a file, why it does not load, where it was moved, why
     * the note beside it could not be written */
    return g_strdup_printf (_("“%s” does not load: %s. It was moved to “%s” (the note saying why "
                              "could not be written: %s)."), path, reason, dest, error->message);
  /* Translators: a file, why it does not load, where it was moved */
  return g_strdup_printf (_("“%s” does not load: %s. It was moved to “%s”."), path, reason, dest);
}

/* ------------------------------------------------------------------------
 * Settings
 */

JsonObject *
cd_store_default_settings (void)
{
  JsonObject *settings = json_object_new ();

  json_object_set_int_member (settings, "format", 1);
  json_object_set_string_member (settings, "default-language", "en");
  json_object_set_int_member (settings, "headline-limit", 90);
  return settings;
}

/* Adds the default of each setting @settings lacks. */
void
cd_store_fill_default_settings (JsonObject *settings)
{
  g_autoptr(JsonObject) defaults = cd_store_default_settings ();
  g_autoptr(GList) members = json_object_get_members (defaults);

  for (GList *l = members; l; l = l->next)
    if (!json_object_has_member (settings, l->data))
      json_object_set_member (settings, l->data,
                              json_node_copy (json_object_get_member (defaults, l->data)));
}

static void
load_settings (ScanState *state)
{
  g_autofree char *path = g_build_filename (state->store->path, SETTINGS_NAME, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;
  gsize length;

  state->scan->settings = NULL;
  if (cd_read_file (path, &data, &length, &st, &error))
    state->scan->settings = cd_article_file_parse_object (data, length, &error);

  if (state->scan->settings != NULL)
    cd_store_fill_default_settings (state->scan->settings);
  else if (g_error_matches (error, CD_ARTICLE_FILE_ERROR, CD_ARTICLE_FILE_ERROR_NEWER_FORMAT))
    {
      state->scan->settings_read_only = TRUE;
      g_ptr_array_add (state->scan->problems,
                       /* Translators: the settings file, then that it was
                        * written by a newer Copydesk */
                       g_strdup_printf (_("“%s”: %s; default settings are used and settings "
                                          "cannot be saved"), path, error->message));
    }
  else if (error->domain == CD_ARTICLE_FILE_ERROR)
    {
      CdFileStamp stamp;

      cd_file_stamp_from_stat (&stamp, &st);
      add_bad (state, NULL, &stamp, error->message);
    }
  else if (!g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND))
    g_ptr_array_add (state->scan->problems, g_strdup (error->message));

  if (state->scan->settings == NULL)
    state->scan->settings = cd_store_default_settings ();
}

/* Takes what reading articles/ found into the scan's results. */
static void
merge_articles (ScanState     *state,
                CdArticleScan *articles)
{
  for (guint i = 0; i < articles->results->len; i++)
    {
      CdNameResult *result = &g_array_index (articles->results, CdNameResult, i);

      state->index_stale |= (result->outcome == CD_NAME_SUMMARY && !result->from_index) ||
                            result->outcome == CD_NAME_BAD || result->outcome == CD_NAME_GONE;
      state->scan->n_files_read += (result->outcome == CD_NAME_SUMMARY && !result->from_index) ||
                                   result->outcome == CD_NAME_BAD;
      switch (result->outcome)
        {
        case CD_NAME_TEMP:
          state->have_temps = TRUE;
          break;
        case CD_NAME_SUMMARY:
          state->index_hits += result->from_index;
          g_ptr_array_add (state->scan->summaries, g_steal_pointer (&result->summary));
          break;
        case CD_NAME_BAD:
          add_bad (state, result->name, &result->stamp, result->message);
          break;
        case CD_NAME_PROBLEM:
          g_ptr_array_add (state->scan->problems, g_steal_pointer (&result->message));
          break;
        case CD_NAME_GONE:
        default:
          break;
        }
    }
}

/* Temporary files of the index and settings, beside store.json. */
static gboolean
root_has_temps (CdStore *self)
{
  g_autoptr(GDir) d = g_dir_open (self->path, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    if (cd_is_temp_name (name))
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------------
 * Under the lock
 */

static void
recheck_bad_file (ScanState  *state,
                  const char *name,
                  const char *path)
{
  g_autofree char *id = g_strndup (name, strlen (name) - strlen (".json"));
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  CdFileStamp stamp = { 0 };

  /* Another Copydesk replaced the file between our reading it and our
   * taking the lock; as we hold the lock now, what we read is final. */
  article = cd_store_read_article_file (path, id, &stamp, &error);
  if (article != NULL)
    g_ptr_array_add (state->scan->summaries, cd_summary_new_with_stamp (article, &stamp));
  else if (error->domain == CD_ARTICLE_FILE_ERROR)
    g_ptr_array_add (state->scan->problems,
                     cd_store_quarantine (state->store, path, NULL, error->message));
}

static void
settle_bad_file (ScanState *state,
                 BadFile   *bad)
{
  const char *name = bad->name ? bad->name : SETTINGS_NAME;
  g_autofree char *path = g_build_filename (bad->name ? state->store->articles_dir
                                                      : state->store->path, name, NULL);
  char *message = cd_store_quarantine (state->store, path, &bad->stamp, bad->reason);

  if (message != NULL)
    g_ptr_array_add (state->scan->problems, message);
  else if (bad->name != NULL && g_str_has_suffix (name, ".json"))
    recheck_bad_file (state, name, path);
}

static void
settle_under_lock (ScanState *state,
                   guint      lock_timeout_ms,
                   gboolean   full_check)
{
  CdStore *self = state->store;
  g_autoptr(GError) error = NULL;
  gboolean root_temps = full_check || root_has_temps (self);
  int fd;

  if (state->bad->len == 0 && !state->have_temps && !root_temps)
    return;
  fd = cd_store_lock_acquire (self->lock_path, lock_timeout_ms, &error);
  if (fd < 0)
    {
      for (guint i = 0; i < state->bad->len; i++)
        {
          BadFile *bad = g_ptr_array_index (state->bad, i);
          g_ptr_array_add (state->scan->problems,
                           /* Translators: a file, why it does not load, why it
                            * could not be moved */
                           g_strdup_printf (_("“%s” does not load: %s. It was left in place: %s"),
                                            bad->name ? bad->name : SETTINGS_NAME,
                                            bad->reason, error->message));
        }
      return;
    }
  if (state->have_temps || full_check)
    cd_remove_temps (self->articles_dir);
  if (root_temps)
    cd_remove_temps (self->path);
  if (full_check)
    {
      cd_remove_temps (self->photos_dir);
      cd_remove_temps (self->trash_dir);
    }
  for (guint i = 0; i < state->bad->len; i++)
    settle_bad_file (state, g_ptr_array_index (state->bad, i));
  cd_store_lock_release (fd);
}

gboolean
cd_store_write_index (CdStore           *self,
                      CdArticleSummary **summaries,
                      guint              n_summaries,
                      GError           **error)
{
  g_autoptr(GBytes) bytes = cd_store_index_serialize (summaries, n_summaries);

  return cd_store_write_index_bytes (self, bytes, error);
}

/* Any thread, with the lock held: the index made by
 * cd_store_index_serialize(). */
gboolean
cd_store_write_index_bytes (CdStore  *self,
                            GBytes   *bytes,
                            GError  **error)
{
  g_autofree char *dir = g_path_get_dirname (self->index_path);
  g_autofree char *name = g_path_get_basename (self->index_path);

  /* A cache: atomic, so never half written, but not worth a flush. */
  return cd_write_file_atomic (dir, name, bytes, FALSE, error);
}

static void
refresh_index (ScanState *state,
               guint      lock_timeout_ms)
{
  CdStoreScan *scan = state->scan;
  int fd;

  if (state->index != NULL && !state->index_stale && state->bad->len == 0 &&
      state->index_hits == cd_store_index_get_size (state->index))
    return;
  fd = cd_store_lock_acquire (state->store->lock_path, lock_timeout_ms, NULL);
  if (fd < 0)
    return;
  cd_store_write_index (state->store, (CdArticleSummary **) scan->summaries->pdata,
                        scan->summaries->len, NULL);
  cd_store_lock_release (fd);
}

static gboolean
ensure_layout (CdStore  *self,
               GError  **error)
{
  return cd_ensure_dir (self->path, error) &&
         cd_ensure_dir (self->articles_dir, error) &&
         cd_ensure_dir (self->photos_dir, error) &&
         cd_ensure_dir (self->trash_dir, error);
}

/**
 * cd_store_scan:
 * @full_check: ignore the index and read every file; also remove leftover
 *   temporary files from every folder
 *
 * Returns: (transfer full): what the store holds, or %NULL when its folder
 *   cannot be read at all
 */
CdStoreScan *
cd_store_scan (CdStore       *self,
               guint          lock_timeout_ms,
               gboolean       full_check,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(CdStoreScan) scan = g_new0 (CdStoreScan, 1);
  g_autoptr(GPtrArray) bad = g_ptr_array_new_with_free_func ((GDestroyNotify) bad_file_free);
  g_autoptr(CdStoreIndex) index = NULL;
  CdArticleScan articles = { 0 };
  ScanState state = { 0 };

  scan->summaries = g_ptr_array_new_with_free_func (g_object_unref);
  scan->problems = g_ptr_array_new_with_free_func (g_free);
  if (!ensure_layout (self, error))
    return NULL;
  if (!full_check)
    index = cd_store_index_load (self->index_path);

  state = (ScanState) { .store = self, .scan = scan, .index = index, .bad = bad };
  load_settings (&state);
  if (!cd_store_scan_articles (self, index, &articles, cancellable, error))
    return NULL;
  merge_articles (&state, &articles);
  cd_article_scan_clear (&articles);
  settle_under_lock (&state, lock_timeout_ms, full_check);
  g_ptr_array_sort (scan->summaries, cd_summary_ptr_compare);
  refresh_index (&state, full_check ? lock_timeout_ms : MIN (lock_timeout_ms,
                                                             INDEX_LOCK_TIMEOUT_MS));
  return g_steal_pointer (&scan);
}

/* cd-store.c: the JSON-file store on disk
 *
 * A store is a folder:
 *
 *   articles/<id>.json   one article each (see cd-article-file.c)
 *   photos/<uuid>.<ext>  the image files articles refer to
 *   trash/<id>.json      articles moved out of the list, restorable
 *   quarantine/          files that did not load, as they were, each with
 *                        a "<name>.reason" note
 *   store.json           the store's settings
 *   index.tsv            a cache of list fields (see cd-store-index.c)
 *   store.lock           taken by every program while it writes
 *
 * CdStore is a GListModel of CdArticleSummary, newest first. It is changed
 * only in the main context that created the store; the _async functions
 * do their file work in a thread and change the list when they finish.
 *
 * This file holds the object, the list, opening and settings;
 * cd-store-settings.c settings changed at once and written later;
 * cd-store-write.c loading, refreshing and saving articles;
 * cd-store-batch.c adding many at once; cd-store-trash.c
 * the trash; cd-store-photos.c photo files; cd-store-scan*.c the reading
 * of the folder; cd-store-watch.c following what other programs change
 * in it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cd-article-file.h"
#include "cd-article-summary-private.h"
#include "cd-store-io.h"
#include "cd-store-private.h"
#include "cd-util.h"

#define DEFAULT_LOCK_TIMEOUT_MS 10000

static void cd_store_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CdStore, cd_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cd_store_list_model_init))

G_DEFINE_QUARK (cd-store-error-quark, cd_store_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_N_ITEMS,
  PROP_SETTINGS,
  PROP_WATCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FILE_PROBLEM,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------
 * The list
 */

static GType
cd_store_get_item_type (GListModel *model)
{
  return CD_TYPE_ARTICLE_SUMMARY;
}

static guint
cd_store_get_n_items (GListModel *model)
{
  return CD_STORE (model)->items->len;
}

static gpointer
cd_store_get_item (GListModel *model,
                   guint       position)
{
  CdStore *self = CD_STORE (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
cd_store_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cd_store_get_item_type;
  iface->get_n_items = cd_store_get_n_items;
  iface->get_item = cd_store_get_item;
}

static void
items_changed (CdStore *self,
               guint    position,
               guint    removed,
               guint    added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Where @summary belongs (or is) in the sorted list. */
static guint
lower_bound (CdStore          *self,
             CdArticleSummary *summary)
{
  guint lo = 0, hi = self->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (cd_article_summary_compare (g_ptr_array_index (self->items, mid), summary) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static guint
position_of (CdStore          *self,
             CdArticleSummary *summary)
{
  guint position = lower_bound (self, summary);
  guint found;

  if (position < self->items->len && g_ptr_array_index (self->items, position) == summary)
    return position;
  /* Someone updated the summary behind the store's back. */
  if (g_ptr_array_find (self->items, summary, &found))
    return found;
  g_return_val_if_reached (G_MAXUINT);
}

static void
insert_summary (CdStore          *self,
                CdArticleSummary *summary)
{
  guint position = lower_bound (self, summary);

  _cd_summary_table_add (self->by_id, summary);
  g_ptr_array_insert (self->items, (gint) position, g_object_ref (summary));
  items_changed (self, position, 0, 1);
}

/* Takes @summary out of the list without saying so, before a change that
 * can move it; put_back() says where it went. */
static guint
take_out (CdStore          *self,
          CdArticleSummary *summary)
{
  guint from = position_of (self, summary);

  if (from != G_MAXUINT)
    g_ptr_array_steal_index (self->items, from);
  return from;
}

static void
put_back (CdStore          *self,
          CdArticleSummary *summary,
          guint             from)
{
  guint to = lower_bound (self, summary);

  if (from != to)
    {
      /* Each signal describes the list as it is when it is emitted: a
       * model downstream may read the list from its handler. */
      items_changed (self, from, 1, 0);
      g_ptr_array_insert (self->items, (gint) to, summary);
      items_changed (self, to, 0, 1);
    }
  else
    {
      /* Unmoved but changed: filter and sort models downstream only learn
       * of it this way (a status filter would keep showing an article
       * whose status no longer matches). */
      g_ptr_array_insert (self->items, (gint) to, summary);
      items_changed (self, from, 1, 1);
    }
}

/* Brings the list up to date with an article as it was just written:
 * the summary is updated in place and moves to its new position. */
void
cd_store_update_entry (CdStore           *self,
                       CdArticle         *article,
                       const CdFileStamp *stamp)
{
  CdArticleSummary *summary = _cd_summary_table_lookup (self->by_id, cd_article_get_id (article));
  guint from;

  if (summary == NULL)
    {
      g_autoptr(CdArticleSummary) fresh = cd_article_summary_new (article);

      fresh->stamp = *stamp;
      insert_summary (self, fresh);
      return;
    }
  from = take_out (self, summary);
  if (from == G_MAXUINT)
    return;
  cd_article_summary_update (summary, article);
  summary->stamp = *stamp;
  put_back (self, summary, from);
}

/* Brings the list up to date with @fresh, read from a file another
 * program wrote: like cd_store_update_entry(), or an insertion when the
 * article was not listed. The listed summary is kept, so rows bound to it
 * stay. */
void
cd_store_replace_entry (CdStore          *self,
                        CdArticleSummary *fresh)
{
  CdArticleSummary *summary = _cd_summary_table_lookup (self->by_id,
                                                        cd_article_summary_get_id (fresh));
  guint from;

  if (summary == NULL)
    {
      insert_summary (self, fresh);
      return;
    }
  from = take_out (self, summary);
  if (from == G_MAXUINT)
    return;
  _cd_article_summary_assign (summary, fresh);
  put_back (self, summary, from);
}

/* Merges many new summaries into the list at once. One items-changed
 * covers the stretch from the first new one to the last: just the top of
 * the list when they are all new (as articles another program has just
 * written are), the whole list at worst. */
static void
merge_summaries (CdStore   *self,
                 GPtrArray *summaries)
{
  g_autoptr(GPtrArray) added = g_ptr_array_copy (summaries, NULL, NULL);
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->items);
  guint i = 0, j = 0, first = G_MAXUINT, last = 0;

  /* The copy would free the caller's summaries like the original does. */
  g_ptr_array_set_free_func (added, NULL);
  g_ptr_array_sort (added, cd_summary_ptr_compare);
  self->items = g_ptr_array_new_full (old->len + added->len, g_object_unref);
  while (i < old->len || j < added->len)
    {
      CdArticleSummary *next;

      if (j < added->len &&
          (i == old->len || cd_article_summary_compare (added->pdata[j], old->pdata[i]) < 0))
        {
          next = added->pdata[j++];
          _cd_summary_table_add (self->by_id, next);
          first = MIN (first, self->items->len);
          last = self->items->len;
        }
      else
        next = old->pdata[i++];
      g_ptr_array_add (self->items, g_object_ref (next));
    }
  items_changed (self, first, last + 1 - first - added->len, last + 1 - first);
}

/* New articles from one batch, summarised where they were written: one
 * items-changed for all of them when there are many, so a view is not
 * rebuilt thousands of times. */
void
cd_store_add_summaries (CdStore   *self,
                        GPtrArray *summaries)
{
  /* A listed article whose file another program removed meanwhile */
  for (guint i = 0; i < summaries->len; i++)
    cd_store_drop_entry (self, cd_article_summary_get_id (g_ptr_array_index (summaries, i)));

  if (summaries->len <= 16)
    {
      for (guint i = 0; i < summaries->len; i++)
        insert_summary (self, g_ptr_array_index (summaries, i));
      return;
    }
  merge_summaries (self, summaries);
}

void
cd_store_drop_entry (CdStore    *self,
                     const char *id)
{
  CdArticleSummary *summary = _cd_summary_table_lookup (self->by_id, id);
  guint position;

  if (summary == NULL)
    return;
  position = position_of (self, summary);
  _cd_summary_table_remove (self->by_id, id);
  if (position == G_MAXUINT)
    return;
  g_ptr_array_remove_index (self->items, position);
  items_changed (self, position, 1, 0);
}

void
cd_store_add_problem (CdStore *self,
                      char    *problem)
{
  if (problem != NULL)
    g_ptr_array_add (self->problems, problem);
}

/* Replaces the list by what was read from the folder. A summary that was
 * listed before is kept and updated, so rows bound to it stay. */
static void
apply_scan (CdStore     *self,
            CdStoreScan *scan)
{
  g_autoptr(GHashTable) old_by_id = g_steal_pointer (&self->by_id);
  g_autoptr(GPtrArray) old_items = g_steal_pointer (&self->items);
  GPtrArray *summaries = scan->summaries;

  self->by_id = _cd_summary_table_new ();
  self->items = g_steal_pointer (&scan->summaries);
  for (guint i = 0; i < summaries->len; i++)
    {
      CdArticleSummary *summary = g_ptr_array_index (summaries, i);
      CdArticleSummary *old = NULL;

      /* Nothing to keep on the first opening: no need to hash every id. */
      if (g_hash_table_size (old_by_id) > 0)
        old = _cd_summary_table_lookup (old_by_id, cd_article_summary_get_id (summary));
      if (old != NULL)
        {
          _cd_article_summary_assign (old, summary);
          g_object_unref (summary);
          summaries->pdata[i] = summary = g_object_ref (old);
        }
      _cd_summary_table_add (self->by_id, summary);
    }

  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = g_steal_pointer (&scan->problems);
  g_clear_pointer (&self->settings, json_object_unref);
  self->settings = g_steal_pointer (&scan->settings);
  cd_store_overlay_pending_settings (self, self->settings);
  self->settings_read_only = scan->settings_read_only;
  self->generation++;
  self->n_files_read += scan->n_files_read;
  if (old_items->len > 0 || self->items->len > 0)
    items_changed (self, 0, old_items->len, self->items->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

/* ------------------------------------------------------------------------
 * GObject
 */

static void
cd_store_finalize (GObject *object)
{
  CdStore *self = CD_STORE (object);

  cd_store_watch_stop (self);
  g_free (self->path);
  g_free (self->articles_dir);
  g_free (self->photos_dir);
  g_free (self->trash_dir);
  g_free (self->quarantine_dir);
  g_free (self->lock_path);
  g_free (self->index_path);
  g_free (self->settings_path);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->settings, json_object_unref);
  g_clear_pointer (&self->pending_settings, json_object_unref);
  g_clear_pointer (&self->settings_writing, g_ptr_array_unref);
  g_clear_pointer (&self->settings_waiting, g_ptr_array_unref);

  G_OBJECT_CLASS (cd_store_parent_class)->finalize (object);
}

static void
set_path (CdStore    *self,
          const char *path)
{
  g_autofree char *chosen = path ? g_strdup (path) : cd_store_default_path ();

  self->path = g_canonicalize_filename (chosen, NULL);
  self->articles_dir = g_build_filename (self->path, "articles", NULL);
  self->photos_dir = g_build_filename (self->path, "photos", NULL);
  self->trash_dir = g_build_filename (self->path, "trash", NULL);
  self->quarantine_dir = g_build_filename (self->path, "quarantine", NULL);
  self->lock_path = g_build_filename (self->path, "store.lock", NULL);
  self->index_path = g_build_filename (self->path, "index.tsv", NULL);
  self->settings_path = g_build_filename (self->path, "store.json", NULL);
}

static void
cd_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CdStore *self = CD_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH: g_value_set_string (value, self->path); break;
    case PROP_N_ITEMS: g_value_set_uint (value, self->items->len); break;
    case PROP_SETTINGS: g_value_set_boxed (value, self->settings); break;
    case PROP_WATCH: g_value_set_boolean (value, cd_store_get_watch (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_store_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CdStore *self = CD_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH: set_path (self, g_value_get_string (value)); break;
    case PROP_WATCH: cd_store_set_watch (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_store_class_init (CdStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_store_finalize;
  object_class->get_property = cd_store_get_property;
  object_class->set_property = cd_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Notified whenever the settings are replaced, by an open or by
   * cd_store_save_settings(): a window applies the headline limit anew. */
  properties[PROP_SETTINGS] =
    g_param_spec_boxed ("settings", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* See cd_store_set_watch(). */
  properties[PROP_WATCH] =
    g_param_spec_boolean ("watch", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CdStore::file-problem:
   * @id: the article's id
   * @message: a sentence naming the file and why it does not load
   *
   * A watching store found that another program wrote an article file
   * that does not load. The file is left as it is, and the list keeps
   * the article's last good version (if it had one) until a good file
   * replaces it; the store is not told again of the same bad file.
   */
  signals[FILE_PROBLEM] =
    g_signal_new ("file-problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

void
cd_store_emit_file_problem (CdStore    *self,
                            const char *id,
                            const char *message)
{
  g_signal_emit (self, signals[FILE_PROBLEM], 0, id, message);
}

static void
cd_store_init (CdStore *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = _cd_summary_table_new ();
  self->problems = g_ptr_array_new_with_free_func (g_free);
  self->settings = cd_store_default_settings ();
  self->pending_settings = json_object_new ();
  self->lock_timeout_ms = DEFAULT_LOCK_TIMEOUT_MS;
}

/* ------------------------------------------------------------------------
 * Public API
 */

/**
 * cd_store_default_path:
 *
 * Returns: (transfer full): $COPYDESK_STORE when set, otherwise
 *   $XDG_DATA_HOME/copydesk/store
 */
char *
cd_store_default_path (void)
{
  const char *env = g_getenv ("COPYDESK_STORE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "copydesk", "store", NULL);
}

/**
 * cd_store_new:
 * @path: (nullable): the store's folder; %NULL for cd_store_default_path()
 *
 * Nothing is read or created until cd_store_open().
 */
CdStore *
cd_store_new (const char *path)
{
  return g_object_new (CD_TYPE_STORE, "path", path, NULL);
}

const char *
cd_store_get_path (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return self->path;
}

/**
 * cd_store_set_lock_timeout:
 *
 * How long a write waits for another program's lock before failing with
 * %CD_STORE_ERROR_LOCKED; 10 seconds unless set.
 */
void
cd_store_set_lock_timeout (CdStore *self,
                           guint    timeout_ms)
{
  g_return_if_fail (CD_IS_STORE (self));
  self->lock_timeout_ms = timeout_ms;
}

guint
cd_store_get_lock_timeout (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), 0);
  return self->lock_timeout_ms;
}

/**
 * cd_store_dup_photos_uri:
 *
 * Returns: (transfer full): the file:// URI of the photos folder, ending
 *   in a slash, for cd_ninjs_from_article()
 */
char *
cd_store_dup_photos_uri (CdStore *self)
{
  g_autofree char *uri = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);

  uri = g_filename_to_uri (self->photos_dir, NULL, NULL);
  return g_strconcat (uri, "/", NULL);
}

/**
 * cd_store_set_watch:
 * @watch: whether to follow other programs' changes
 *
 * A watching store notices the articles other programs (the CLI, another
 * Copydesk) add to its folder, change or remove, reads just those files
 * in a thread and updates the list, emitting items-changed for those
 * articles only. The store's own writes are not read again. Watching
 * starts at once (creating the articles folder when missing), so a
 * window turns it on before opening the store; a command that opens the
 * store once and exits leaves it off. Changes are seen once the store's
 * main context runs.
 */
void
cd_store_set_watch (CdStore  *self,
                    gboolean  watch)
{
  g_return_if_fail (CD_IS_STORE (self));

  watch = !!watch;
  if (self->watch == (guint) watch)
    return;
  self->watch = watch;
  if (watch)
    cd_store_watch_start (self);
  else
    cd_store_watch_stop (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WATCH]);
}

gboolean
cd_store_get_watch (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  return self->watch;
}

/**
 * cd_store_get_n_files_read:
 *
 * Returns: how many article files this store has parsed so far, opening
 *   (where the index did not vouch for a file) and watching; for
 *   diagnostics and tests of what a change costs
 */
guint
cd_store_get_n_files_read (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), 0);
  return self->n_files_read;
}

/* A lower-case UUID, as cd_article_new() makes and as ninjs "urn:uuid:"
 * ids read back; checked by hand, as opening a store checks every name. */
gboolean
cd_store_is_valid_id (const char *id)
{
  for (guint i = 0; i < 36; i++)
    {
      char c = id[i];

      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (c != '-')
            return FALSE;
        }
      else if (!g_ascii_isdigit (c) && !(c >= 'a' && c <= 'f'))
        return FALSE;
    }
  return id[36] == '\0';
}

gboolean
cd_store_check_id (const char  *id,
                   GError     **error)
{
  if (id != NULL && cd_store_is_valid_id (id))
    return TRUE;
  g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID_ID,
               _("“%s” is not an article id (a lower-case UUID)"), id ? id : "");
  return FALSE;
}

char *
cd_store_dup_article_path (CdStore    *self,
                           const char *dir,
                           const char *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);

  return g_build_filename (dir, name, NULL);
}

/**
 * cd_store_open:
 *
 * Reads the store's folder (creating it when missing) and fills the list.
 * Files that do not load are moved to quarantine and reported by
 * cd_store_get_problems(); they do not make opening fail. Opening again
 * re-reads the folder and updates the list.
 *
 * Returns: %FALSE only when the folder itself cannot be read or created
 */
gboolean
cd_store_open (CdStore       *self,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(CdStoreScan) scan = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);

  cd_store_watch_start (self);
  scan = cd_store_scan (self, self->lock_timeout_ms, FALSE, cancellable, error);
  if (scan == NULL)
    return FALSE;
  apply_scan (self, scan);
  return TRUE;
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  CdStoreScan *scan = cd_store_scan (source_object, GPOINTER_TO_UINT (task_data),
                                     FALSE, cancellable, &error);

  if (scan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, scan, (GDestroyNotify) cd_store_scan_free);
}

/* Runs in the store's context: only here does the list change. */
static void
open_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CdStoreScan) scan = NULL;
  CdStore *self = CD_STORE (object);
  GError *error = NULL;

  self->n_opening--;
  scan = g_task_propagate_pointer (G_TASK (result), &error);
  if (scan != NULL)
    apply_scan (self, scan);
  cd_store_watch_resume (self);
  if (scan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
cd_store_open_async (CdStore             *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) inner = NULL;

  g_return_if_fail (CD_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_store_open_async);
  inner = cd_task_new_inner (g_steal_pointer (&task), open_done_cb);
  g_task_set_task_data (inner, GUINT_TO_POINTER (self->lock_timeout_ms), NULL);
  /* Changes seen during the reading wait for its end (see cd-store-watch.c). */
  cd_store_watch_start (self);
  self->n_opening++;
  g_task_run_in_thread (inner, open_thread);
}

gboolean
cd_store_open_finish (CdStore       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * cd_store_check:
 *
 * Like cd_store_open(), but reads and parses every article file instead
 * of trusting the index, rebuilds the index and removes temporary files
 * left by killed writers from every folder.
 */
gboolean
cd_store_check (CdStore       *self,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(CdStoreScan) scan = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);

  scan = cd_store_scan (self, self->lock_timeout_ms, TRUE, cancellable, error);
  if (scan == NULL)
    return FALSE;
  apply_scan (self, scan);
  return TRUE;
}

/**
 * cd_store_get_problems:
 *
 * Returns: (transfer none) (element-type utf8): one message per file that
 *   did not load since the last open or check, naming the file, the reason
 *   and where the file went
 */
GPtrArray *
cd_store_get_problems (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return self->problems;
}

/**
 * cd_store_find:
 *
 * Returns: (transfer none) (nullable): the listed summary of article @id
 */
CdArticleSummary *
cd_store_find (CdStore    *self,
               const char *id)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);

  return id ? _cd_summary_table_lookup (self->by_id, id) : NULL;
}

static char *
list_matches (GPtrArray *matches)
{
  GString *text = g_string_new (NULL);

  g_ptr_array_sort (matches, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < matches->len && i < 5; i++)
    g_string_append_printf (text, "%s%s", i ? ", " : "", (char *) g_ptr_array_index (matches, i));
  if (matches->len > 5)
    g_string_append (text, ", …");
  return g_string_free (text, FALSE);
}

/**
 * cd_store_resolve_id:
 * @id_or_prefix: a whole id, or the start of one (case does not matter)
 *
 * Returns: (transfer full): the whole id of the one listed article that
 *   matches, or %NULL with %CD_STORE_ERROR_NOT_FOUND or
 *   %CD_STORE_ERROR_AMBIGUOUS naming the prefix
 */
char *
cd_store_resolve_id (CdStore     *self,
                     const char  *id_or_prefix,
                     GError     **error)
{
  g_autofree char *prefix = NULL;
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();
  g_autofree char *listed = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  g_return_val_if_fail (id_or_prefix != NULL, NULL);

  prefix = g_ascii_strdown (id_or_prefix, -1);
  if (*prefix != '\0' && _cd_summary_table_lookup (self->by_id, prefix) != NULL)
    return g_steal_pointer (&prefix);
  for (guint i = 0; *prefix != '\0' && i < self->items->len; i++)
    {
      const char *id = cd_article_summary_get_id (g_ptr_array_index (self->items, i));

      if (g_str_has_prefix (id, prefix))
        g_ptr_array_add (matches, (gpointer) id);
    }

  if (matches->len == 1)
    return g_strdup (g_ptr_array_index (matches, 0));
  if (matches->len == 0)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                   _("No article has an id starting with “%s”"), id_or_prefix);
      return NULL;
    }
  listed = list_matches (matches);
  g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_AMBIGUOUS,
               /* Translators: what was typed, how many ids start with it
                * (always two or more), then the first few of them */
               g_dngettext (GETTEXT_PACKAGE,
                            "“%s” is the start of %u article id (%s); give more of the id",
                            "“%s” is the start of %u article ids (%s); give more of the id",
                            matches->len),
               id_or_prefix, matches->len, listed);
  return NULL;
}

/* ------------------------------------------------------------------------
 * Settings
 */

/**
 * cd_store_get_settings:
 *
 * Returns: (transfer none): the store's settings as read by the last
 *   open, with defaults filled in: "format", "default-language",
 *   "headline-limit" and, once sites are set up, "sites". Change a copy
 *   from cd_store_dup_settings() and pass it to cd_store_save_settings().
 */
JsonObject *
cd_store_get_settings (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return self->settings;
}

/**
 * cd_store_dup_settings:
 *
 * Returns: (transfer full): a copy of cd_store_get_settings() that shares
 *   nothing with it (json_node_copy() would share the members), to change
 *   and pass to cd_store_save_settings()
 */
JsonObject *
cd_store_dup_settings (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return cd_store_copy_settings (self->settings);
}

/* Makes @settings (taken) the store's, telling whoever follows them
 * when they differ. */
void
cd_store_take_settings (CdStore    *self,
                        JsonObject *settings)
{
  g_autoptr(JsonObject) owned = settings;

  if (cd_store_settings_equal (owned, self->settings))
    return;
  g_clear_pointer (&self->settings, json_object_unref);
  self->settings = g_steal_pointer (&owned);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

/**
 * cd_store_save_settings:
 *
 * Writes @settings to store.json, atomically and durably; "format" is set
 * to the version this Copydesk writes. Blocks until the file is on disk:
 * the window uses cd_store_set_setting() and
 * cd_store_write_settings_async() instead.
 */
gboolean
cd_store_save_settings (CdStore     *self,
                        JsonObject  *settings,
                        GError     **error)
{
  g_autoptr(JsonObject) copy = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean ok;
  int fd;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  if (self->settings_read_only)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NEWER_FORMAT,
                   /* Translators: %s is the settings file */
                   _("“%s” was written by a newer Copydesk; its settings are not replaced"),
                   self->settings_path);
      return FALSE;
    }
  copy = cd_store_copy_settings (settings);
  bytes = cd_store_settings_to_bytes (copy);

  if (!cd_ensure_dir (self->path, error))
    return FALSE;
  fd = cd_store_lock_acquire (self->lock_path, self->lock_timeout_ms, error);
  if (fd < 0)
    return FALSE;
  ok = cd_write_file_atomic (self->path, "store.json", bytes, TRUE, error);
  cd_store_lock_release (fd);
  if (!ok)
    return FALSE;
  self->n_settings_writes++;
  cd_store_settle_pending_settings (self, copy);
  cd_store_overlay_pending_settings (self, copy);
  g_clear_pointer (&self->settings, json_object_unref);
  self->settings = g_steal_pointer (&copy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
  return TRUE;
}

/**
 * cd_store_reload_settings:
 *
 * Reads store.json again, for what another program (the CLI's "site
 * add", another Copydesk) changed since the store opened: whoever saves
 * a setting should start from this, so as not to undo that change. The
 * "settings" property is notified when they differ. A file that does not
 * load leaves the settings as they were, and the error says why;
 * cd_store_open() sets such a file aside.
 */
gboolean
cd_store_reload_settings (CdStore  *self,
                          GError  **error)
{
  g_autofree char *data = NULL;
  g_autoptr(JsonObject) settings = NULL;
  g_autoptr(GError) local_error = NULL;
  struct stat st;
  gsize length;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);

  if (cd_read_file (self->settings_path, &data, &length, &st, &local_error))
    {
      settings = cd_article_file_parse_object (data, length, &local_error);
      /* A newer Copydesk wrote it: not to be replaced by this one. */
      if (g_error_matches (local_error, CD_ARTICLE_FILE_ERROR, CD_ARTICLE_FILE_ERROR_NEWER_FORMAT))
        self->settings_read_only = TRUE;
      if (settings == NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ",
                                      self->settings_path);
          return FALSE;
        }
      cd_store_fill_default_settings (settings);
    }
  else if (g_error_matches (local_error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND))
    settings = cd_store_default_settings ();
  else
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* What is set here but not yet written stays. */
  cd_store_overlay_pending_settings (self, settings);
  cd_store_take_settings (self, g_steal_pointer (&settings));
  return TRUE;
}

/**
 * cd_store_get_default_language:
 *
 * Returns: the language new articles get (BCP 47), "en" unless set
 */
const char *
cd_store_get_default_language (CdStore *self)
{
  JsonNode *node;

  g_return_val_if_fail (CD_IS_STORE (self), "en");

  node = json_object_get_member (self->settings, "default-language");
  if (node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      !cd_str_is_blank (json_node_get_string (node)))
    return json_node_get_string (node);
  return "en";
}

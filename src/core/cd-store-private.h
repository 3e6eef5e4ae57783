/* cd-store-private.h: what the files of CdStore share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cd-store.h"
#include "cd-store-index.h"

G_BEGIN_DECLS

struct _CdStore
{
  GObject parent_instance;

  /* Set at construction and never changed, so worker threads read them. */
  char *path;
  char *articles_dir;
  char *photos_dir;
  char *trash_dir;
  char *quarantine_dir;
  char *lock_path;
  char *index_path;
  char *settings_path;

  /* Owned by the main context that created the store. */
  GPtrArray *items;          /* CdArticleSummary, newest first */
  GHashTable *by_id;         /* CdArticleSummary of items by id: see _cd_summary_table_new() */
  GPtrArray *problems;       /* char *, since the last open or check */
  JsonObject *settings;
  JsonObject *pending_settings;  /* set by cd_store_set_setting(), not yet on disk */
  GPtrArray *settings_writing;   /* GTask: callers of the settings write in flight */
  GPtrArray *settings_waiting;   /* GTask: callers of the write after it */
  guint n_settings_writes;
  guint lock_timeout_ms;
  guint generation;          /* goes up each time the whole folder is read */
  guint n_opening;           /* cd_store_open_async() calls under way */
  guint n_files_read;        /* article files parsed, by openings and the watch */

  /* Following other programs' changes (cd-store-watch.c) */
  GFileMonitor *monitor;     /* on articles/, while watching */
  GMainContext *watch_context;
  GSource *watch_source;     /* the quiet delay before reading */
  GHashTable *watch_pending; /* ids (char *) of files that changed, a set */
  gint64 watch_pending_since;
  GHashTable *watch_bad;     /* id -> CdFileStamp * of a file that did not load, reported */
  GSource *index_source;     /* the delay before index.tsv is written again */
  GSource *recheck_source;   /* the slow timer of cd_store_recheck_files() */
  gint64 last_recheck;       /* monotonic µs, of the last one started */

  guint settings_read_only : 1;  /* store.json is from a newer Copydesk */
  guint watch : 1;
  guint watch_busy : 1;      /* a worker reads changed files */
  guint index_busy : 1;      /* a worker writes index.tsv */
  guint index_again : 1;     /* and the list changed since it began */
  guint recheck_busy : 1;    /* a worker compares every file's stamp */
};

/* The outcome of reading the store's folder, made in any thread and then
 * applied to the store in its own. */
typedef struct
{
  GPtrArray *summaries;      /* CdArticleSummary, sorted like the list */
  GPtrArray *problems;       /* char * */
  JsonObject *settings;
  gboolean settings_read_only;
  guint n_files_read;        /* article files parsed, not taken from the index */
} CdStoreScan;

/* What reading articles/ found for one name there. */
typedef enum
{
  CD_NAME_TEMP,       /* a temporary file of some writer */
  CD_NAME_SUMMARY,    /* an article, summarised */
  CD_NAME_BAD,        /* a file that does not load; message says why */
  CD_NAME_PROBLEM,    /* something to report but leave alone */
  CD_NAME_GONE,       /* removed while being read */
} CdNameOutcome;

typedef struct
{
  CdNameOutcome outcome;
  gboolean from_index;
  const char *name;
  CdArticleSummary *summary;
  CdFileStamp stamp;
  char *message;
} CdNameResult;

typedef struct
{
  GStringChunk *names;
  GArray *results;           /* CdNameResult */
} CdArticleScan;

gboolean      cd_store_scan_articles      (CdStore       *self,
                                           CdStoreIndex  *index,
                                           CdArticleScan *out,
                                           GCancellable  *cancellable,
                                           GError       **error);
void          cd_article_scan_clear       (CdArticleScan *scan);
CdArticleSummary *cd_summary_new_with_stamp (CdArticle         *article,
                                             const CdFileStamp *stamp);

void          cd_store_scan_free          (CdStoreScan   *scan);
CdStoreScan  *cd_store_scan               (CdStore       *self,
                                           guint          lock_timeout_ms,
                                           gboolean       full_check,
                                           GCancellable  *cancellable,
                                           GError       **error);

int           cd_summary_ptr_compare      (gconstpointer  a,
                                           gconstpointer  b);
gboolean      cd_store_is_valid_id        (const char    *id);
gboolean      cd_store_check_id           (const char    *id,
                                           GError       **error);
char         *cd_store_dup_article_path   (CdStore       *self,
                                           const char    *dir,
                                           const char    *id);
char         *cd_store_copy_photo_locked  (CdStore       *self,
                                           GFile         *source,
                                           guint         *width,
                                           guint         *height,
                                           GError       **error);
gboolean      cd_store_is_photo_name      (const char    *name);
void          cd_store_renew_dropped_images_locked (CdStore   *self,
                                                    CdArticle *before,
                                                    CdArticle *after);
gboolean      cd_store_prune_photos_locked (CdStore           *self,
                                            GHashTable        *doomed,
                                            CdStorePruneFlags  flags,
                                            GPtrArray         *pruned,
                                            guint64           *n_bytes,
                                            GCancellable      *cancellable,
                                            GError           **error);
char         *cd_store_quarantine         (CdStore       *self,
                                           const char    *path,
                                           const CdFileStamp *stamp,
                                           const char    *reason);
CdArticle    *cd_store_read_article_file  (const char    *path,
                                           const char    *id,
                                           CdFileStamp   *stamp,
                                           GError       **error);
gboolean      cd_store_write_index        (CdStore           *self,
                                           CdArticleSummary **summaries,
                                           guint              n_summaries,
                                           GError           **error);
gboolean      cd_store_write_index_bytes  (CdStore           *self,
                                           GBytes            *bytes,
                                           GError           **error);
JsonObject   *cd_store_default_settings   (void);
void          cd_store_fill_default_settings (JsonObject  *settings);

/* Settings (cd-store-settings.c); main context only but the first three. */
JsonObject   *cd_store_copy_settings      (JsonObject        *settings);
gboolean      cd_store_settings_equal     (JsonObject        *a,
                                           JsonObject        *b);
GBytes       *cd_store_settings_to_bytes  (JsonObject        *settings);
void          cd_store_take_settings      (CdStore           *self,
                                           JsonObject        *settings);
void          cd_store_overlay_pending_settings (CdStore     *self,
                                                 JsonObject  *settings);
void          cd_store_settle_pending_settings  (CdStore     *self,
                                                 JsonObject  *written);
guint         cd_store_get_n_settings_writes    (CdStore     *self);

/* The list model; main context only. */
void          cd_store_update_entry       (CdStore           *self,
                                           CdArticle         *article,
                                           const CdFileStamp *stamp);
void          cd_store_add_summaries      (CdStore           *self,
                                           GPtrArray         *summaries);
void          cd_store_replace_entry      (CdStore           *self,
                                           CdArticleSummary  *fresh);
void          cd_store_drop_entry         (CdStore           *self,
                                           const char        *id);
void          cd_store_add_problem        (CdStore           *self,
                                           char              *problem);

/* Following other programs' changes; main context only. */
void          cd_store_watch_start        (CdStore           *self);
void          cd_store_watch_stop         (CdStore           *self);
void          cd_store_watch_resume       (CdStore           *self);
void          cd_store_emit_file_problem  (CdStore           *self,
                                           const char        *id,
                                           const char        *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdStoreScan, cd_store_scan_free)

G_END_DECLS

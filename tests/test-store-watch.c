/* test-store-watch.c: a watching store follows other programs' changes
 *
 * One store watches while a second CdStore on the same folder, or
 * copydesk-cli, adds, changes and removes articles. The watching store's
 * list must change for exactly those articles, within a bounded wait,
 * reading only their files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cd-store.h"
#include "cd-store-io.h"
#include "store-test-util.h"

#define N_ARTICLES 60
#define WAIT_MS 10000

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

typedef struct
{
  char *dir;
  CdStore *store;        /* watching */
  CdStore *other;        /* another program, in all but its process */
  GArray *changes;       /* Change, since the last clear */
  guint files_read;      /* the watching store's count after opening */
} Fixture;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *f)
{
  Change change = { position, removed, added };

  g_array_append_val (f->changes, change);
}

/* What wanted_is_listed() and wanted_is_gone() look for. */
static const char *wanted_id;
static const char *wanted_headline;   /* NULL: any */

static CdArticle *
numbered_article (guint i)
{
  CdArticle *article = cd_article_new ();
  g_autofree char *headline = g_strdup_printf ("Article %u", i);
  g_autoptr(GDateTime) modified = g_date_time_new_utc (2024, 1, 1 + i % 28, i % 24, 0, 0);

  cd_article_set_headline (article, headline);
  cd_article_set_body (article, "A body.");
  cd_article_set_modified (article, modified);
  return article;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  wanted_id = NULL;
  wanted_headline = NULL;
  f->dir = cd_test_make_tmp_dir ("copydesk-store");
  f->other = cd_store_new (f->dir);
  g_assert_true (cd_store_open (f->other, NULL, &error));
  for (guint i = 0; i < N_ARTICLES; i++)
    g_ptr_array_add (articles, numbered_article (i));
  g_assert_true (cd_store_add_articles (f->other, articles, NULL, &error));
  g_assert_no_error (error);

  f->store = cd_store_new (f->dir);
  cd_store_set_watch (f->store, TRUE);
  g_assert_true (cd_store_get_watch (f->store));
  g_assert_true (cd_store_open (f->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, N_ARTICLES);
  f->files_read = cd_store_get_n_files_read (f->store);
  f->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_signal_connect (f->store, "items-changed", G_CALLBACK (on_items_changed_cb), f);
}

/* Runs the main context until @done or fails after WAIT_MS. */
static void
wait_until (gboolean (*done) (gpointer data),
            gpointer   data)
{
  gint64 end = g_get_monotonic_time () + WAIT_MS * 1000;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("waited %u ms in vain", WAIT_MS);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static gboolean
store_is_gone (gpointer data)
{
  Fixture *f = data;

  return f->store == NULL;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* A read under way holds the store until it is applied. */
  g_signal_handlers_disconnect_by_data (f->store, f);
  cd_store_set_watch (f->store, FALSE);
  g_object_add_weak_pointer (G_OBJECT (f->store), (gpointer *) &f->store);
  g_object_unref (f->store);
  wait_until (store_is_gone, f);
  g_assert_finalize_object (f->other);
  g_array_unref (f->changes);
  cd_test_remove_tree (f->dir);
  g_free (f->dir);
}

static guint
files_read (Fixture *f)
{
  return cd_store_get_n_files_read (f->store) - f->files_read;
}

static CdArticleSummary *
item (Fixture *f,
      guint    position)
{
  g_autoptr(CdArticleSummary) summary = g_list_model_get_item (G_LIST_MODEL (f->store), position);

  g_assert_nonnull (summary);
  return summary;  /* the store holds it */
}

static void
assert_change (Fixture *f,
               guint    index,
               guint    position,
               guint    removed,
               guint    added)
{
  Change *change;

  g_assert_cmpuint (index, <, f->changes->len);
  change = &g_array_index (f->changes, Change, index);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

static guint
position_of (Fixture    *f,
             const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->store)); i++)
    if (g_str_equal (cd_article_summary_get_id (item (f, i)), id))
      return i;
  return G_MAXUINT;
}


static gboolean
wanted_is_listed (gpointer data)
{
  Fixture *f = data;
  CdArticleSummary *summary = cd_store_find (f->store, wanted_id);

  return summary != NULL &&
         (wanted_headline == NULL ||
          g_strcmp0 (cd_article_summary_get_headline (summary), wanted_headline) == 0);
}

static gboolean
wanted_is_gone (gpointer data)
{
  Fixture *f = data;

  return cd_store_find (f->store, wanted_id) == NULL;
}

static void
test_watch_add (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CdArticle) article = numbered_article (1000);
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_store_save_article (f->other, article, NULL, &error));
  g_assert_no_error (error);
  wanted_id = cd_article_get_id (article);
  wanted_headline = NULL;
  wait_until (wanted_is_listed, f);

  /* Saved now, so newest: one insertion at the top, one file read. */
  g_assert_cmpuint (f->changes->len, ==, 1);
  assert_change (f, 0, 0, 0, 1);
  g_assert_cmpstr (cd_article_summary_get_id (item (f, 0)), ==, wanted_id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, N_ARTICLES + 1);
  g_assert_cmpuint (files_read (f), ==, 1);
}

static void
test_watch_change (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) modified = NULL;
  CdArticleSummary *listed;
  g_autofree char *id = NULL;
  guint from;

  /* An old article, far down the list, changed by the other program. */
  from = N_ARTICLES / 2;
  listed = item (f, from);
  id = g_strdup (cd_article_summary_get_id (listed));
  article = cd_store_load_article (f->other, id, NULL, &error);
  g_assert_no_error (error);
  cd_article_set_headline (article, "Changed elsewhere");
  g_assert_true (cd_store_save_article (f->other, article, NULL, &error));
  g_assert_no_error (error);
  wanted_id = id;
  wanted_headline = "Changed elsewhere";
  wait_until (wanted_is_listed, f);

  /* The same summary (rows bound to it stay), moved to the top as the
   * most recently changed, with the other program's revision and time. */
  g_assert_true (item (f, 0) == listed);
  g_assert_cmpuint (cd_article_summary_get_revision (listed), ==, cd_article_get_revision (article));
  modified = cd_article_summary_dup_modified (listed);
  g_assert_cmpint (g_date_time_compare (modified, cd_article_get_modified (article)), ==, 0);
  g_assert_cmpuint (f->changes->len, ==, 2);
  assert_change (f, 0, from, 1, 0);
  assert_change (f, 1, 0, 0, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, N_ARTICLES);
  g_assert_cmpuint (files_read (f), ==, 1);
}

static void
test_watch_remove (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (cd_article_summary_get_id (item (f, 7)));

  g_assert_true (cd_store_trash_article (f->other, id, &error));
  g_assert_no_error (error);
  wanted_id = id;
  wait_until (wanted_is_gone, f);

  g_assert_cmpuint (f->changes->len, ==, 1);
  assert_change (f, 0, 7, 1, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, N_ARTICLES - 1);
  g_assert_cmpuint (files_read (f), ==, 0);

  /* And back from the trash, it is listed again where it was. */
  g_assert_true (cd_store_restore_article (f->other, id, &error));
  g_assert_no_error (error);
  wait_until (wanted_is_listed, f);
  g_assert_cmpuint (position_of (f, id), ==, 7);
  g_assert_cmpuint (files_read (f), ==, 1);
}

static gboolean
all_batch_listed (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (G_LIST_MODEL (f->store)) == N_ARTICLES + 40;
}

static void
test_watch_batch (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint n_added = 0;

  for (guint i = 0; i < 40; i++)
    g_ptr_array_add (articles, numbered_article (2000 + i));
  g_assert_true (cd_store_add_articles (f->other, articles, NULL, &error));
  g_assert_no_error (error);
  wait_until (all_batch_listed, f);

  /* Every one of them listed, each file read once, none of the others. */
  for (guint i = 0; i < articles->len; i++)
    g_assert_nonnull (cd_store_find (f->store,
                                     cd_article_get_id (g_ptr_array_index (articles, i))));
  g_assert_cmpuint (files_read (f), ==, 40);
  /* Newer than every listed one, they go on top: nothing else is said
   * to change, however the events were gathered. */
  for (guint i = 0; i < f->changes->len; i++)
    {
      Change *change = &g_array_index (f->changes, Change, i);

      g_assert_cmpuint (change->removed, ==, 0);
      g_assert_cmpuint (change->position + change->added, <=, 40);
      n_added += change->added;
    }
  g_assert_cmpuint (n_added, ==, 40);
}

/* The store's own batch: one items-changed for just the new rows, and
 * the files it wrote are not read back. */
static void
test_watch_own_batch (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 40; i++)
    g_ptr_array_add (articles, numbered_article (5000 + i));
  g_assert_true (cd_store_add_articles (f->store, articles, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->changes->len, ==, 1);
  assert_change (f, 0, 0, 0, 40);
  iterate_for (1500);
  g_assert_cmpuint (f->changes->len, ==, 1);
  g_assert_cmpuint (files_read (f), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, N_ARTICLES + 40);
}

/* The store's own saves come back as events too: they must not be read
 * again nor change the list a second time. */
static void
test_watch_own_save (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = g_strdup (cd_article_summary_get_id (item (f, 3)));
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = cd_store_load_article (f->store, id, NULL, &error);
  g_assert_no_error (error);
  cd_article_set_headline (article, "Changed here");
  g_assert_true (cd_store_save_article (f->store, article, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->changes->len, ==, 2);
  iterate_for (1500);
  g_assert_cmpuint (f->changes->len, ==, 2);
  g_assert_cmpuint (files_read (f), ==, 0);
  g_assert_cmpstr (cd_article_summary_get_headline (item (f, 0)), ==, "Changed here");
}

/* Off: nothing is followed. */
static void
test_watch_off (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CdArticle) article = numbered_article (3000);
  g_autoptr(GError) error = NULL;

  cd_store_set_watch (f->store, FALSE);
  g_assert_true (cd_store_save_article (f->other, article, NULL, &error));
  iterate_for (1000);
  g_assert_null (cd_store_find (f->store, cd_article_get_id (article)));
  g_assert_cmpuint (f->changes->len, ==, 0);
}

static void
on_opened_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_store_open_finish (CD_STORE (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

typedef struct
{
  CdStore *store;
  GPtrArray *ids;
  gboolean opened;
} Late;

static gboolean
late_has_all (gpointer data)
{
  Late *late = data;

  if (!late->opened)
    return FALSE;
  for (guint i = 0; i < late->ids->len; i++)
    if (cd_store_find (late->store, g_ptr_array_index (late->ids, i)) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
late_is_gone (gpointer data)
{
  return ((Late *) data)->store == NULL;
}

/* What changes while a watching store is being opened is not lost,
 * whether the reading of the folder saw it or not. */
static void
test_watch_during_open (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  Late late = { cd_store_new (f->dir), ids, FALSE };
  g_autoptr(GError) error = NULL;

  cd_store_set_watch (late.store, TRUE);
  cd_store_open_async (late.store, NULL, on_opened_cb, &late.opened);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(CdArticle) article = numbered_article (4000 + i);

      g_assert_true (cd_store_save_article (f->other, article, NULL, &error));
      g_assert_no_error (error);
      g_ptr_array_add (ids, g_strdup (cd_article_get_id (article)));
    }
  wait_until (late_has_all, &late);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (late.store)), ==, N_ARTICLES + 5);

  g_object_add_weak_pointer (G_OBJECT (late.store), (gpointer *) &late.store);
  g_object_unref (late.store);
  wait_until (late_is_gone, &late);
}

static char *
run_cli (Fixture     *f,
         const char  *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, (gpointer) g_getenv ("COPYDESK_CLI"));
  g_ptr_array_add (argv, "--store");
  g_ptr_array_add (argv, f->dir);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_nonnull (argv->pdata[0]);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("copydesk-cli failed: %s", err);
  return g_strstrip (out);
}

static void
test_watch_cli (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id = run_cli (f, "new", "--headline", "Made by the CLI", NULL);
  g_autofree char *set = NULL;
  g_autofree char *changed = NULL;

  wanted_id = id;
  wanted_headline = "Made by the CLI";
  wait_until (wanted_is_listed, f);
  g_assert_cmpuint (position_of (f, id), ==, 0);
  g_assert_cmpuint (files_read (f), ==, 1);

  /* An update replaces the summary's text, id included: keep a copy. */
  changed = g_strdup (cd_article_summary_get_id (item (f, 50)));
  set = run_cli (f, "set", changed, "headline", "Set by the CLI", NULL);
  wanted_id = changed;
  wanted_headline = "Set by the CLI";
  wait_until (wanted_is_listed, f);
  g_assert_cmpstr (cd_article_summary_get_headline (item (f, 0)), ==, "Set by the CLI");
  g_assert_cmpuint (files_read (f), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, N_ARTICLES + 1);
}

typedef struct
{
  guint count;
  char *id;
  char *message;
} Problem;

static void
on_file_problem_cb (CdStore    *store,
                    const char *id,
                    const char *message,
                    Problem    *problem)
{
  problem->count++;
  g_free (problem->id);
  g_free (problem->message);
  problem->id = g_strdup (id);
  problem->message = g_strdup (message);
}

static gboolean
problem_seen (gpointer data)
{
  return ((Problem *) data)->count > 0;
}

static char *
article_path (Fixture    *f,
              const char *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);

  return g_build_filename (f->dir, "articles", name, NULL);
}

/* Writes @contents over the article's file as another program would: a
 * new file renamed over the old one. */
static void
replace_file (Fixture    *f,
              const char *id,
              const char *contents)
{
  g_autofree char *path = article_path (f, id);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* Another program writes an article file that does not load: the store
 * says so once, naming the file and the reason, keeps the row as it
 * was, and leaves the file alone; a good file later replaces the row. */
static void
test_watch_bad_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = g_strdup (cd_article_summary_get_id (item (f, 4)));
  g_autofree char *headline = g_strdup (cd_article_summary_get_headline (item (f, 4)));
  g_autofree char *path = article_path (f, id);
  g_autofree char *good = NULL;
  g_autofree char *fixed = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *expected_name = g_strdup_printf ("“articles/%s.json”", id);
  g_auto(GStrv) parts = NULL;
  Problem problem = { 0 };

  g_assert_true (g_file_get_contents (path, &good, NULL, NULL));
  g_signal_connect (f->store, "file-problem", G_CALLBACK (on_file_problem_cb), &problem);
  replace_file (f, id, "{\"format\": 1, \"ninjs\": {\"headline\": ");
  wait_until (problem_seen, &problem);

  g_test_message ("%s", problem.message);
  g_assert_cmpuint (problem.count, ==, 1);
  g_assert_cmpstr (problem.id, ==, id);
  g_assert_nonnull (strstr (problem.message, expected_name));
  g_assert_nonnull (strstr (problem.message, "does not load: "));
  g_assert_nonnull (strstr (problem.message, "keeps the article as it was"));
  /* The row stays as it was; the file is not moved or changed. */
  g_assert_cmpuint (position_of (f, id), ==, 4);
  g_assert_cmpstr (cd_article_summary_get_headline (item (f, 4)), ==, headline);
  g_assert_cmpuint (f->changes->len, ==, 0);
  g_assert_true (g_file_get_contents (path, &on_disk, NULL, NULL));
  g_assert_cmpstr (on_disk, ==, "{\"format\": 1, \"ninjs\": {\"headline\": ");

  /* The same bad file is not news again, even when every stamp is
   * compared; nor is it parsed again. */
  cd_store_recheck_files (f->store);
  iterate_for (800);
  g_assert_cmpuint (problem.count, ==, 1);
  g_assert_cmpuint (files_read (f), ==, 1);

  /* Fixed by the other program: the row follows. */
  parts = g_strsplit (good, headline, 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  fixed = g_strjoin ("Mended elsewhere", parts[0], parts[1], NULL);
  replace_file (f, id, fixed);
  wanted_id = id;
  wanted_headline = "Mended elsewhere";
  wait_until (wanted_is_listed, f);
  g_assert_cmpuint (problem.count, ==, 1);

  /* A bad file that was never listed is said too. */
  replace_file (f, "0b0e7a31-5a9c-4d9e-9f61-3c1f2a7d8e90", "not json");
  problem.count = 0;
  wait_until (problem_seen, &problem);
  g_assert_cmpstr (problem.id, ==, "0b0e7a31-5a9c-4d9e-9f61-3c1f2a7d8e90");
  g_assert_nonnull (strstr (problem.message, ". The file is left as it is."));
  g_assert_null (cd_store_find (f->store, problem.id));
  g_free (problem.id);
  g_free (problem.message);
}

/* Three changes no event told of: ids of an added, a trashed and a
 * changed article. */
typedef struct
{
  Fixture *f;
  GPtrArray *ids;
} Unseen;

static gboolean
recheck_caught_up (gpointer data)
{
  Unseen *unseen = data;
  CdStore *store = unseen->f->store;
  CdArticleSummary *changed = cd_store_find (store, g_ptr_array_index (unseen->ids, 2));

  return cd_store_find (store, g_ptr_array_index (unseen->ids, 0)) != NULL &&
         cd_store_find (store, g_ptr_array_index (unseen->ids, 1)) == NULL &&
         changed != NULL &&
         g_strcmp0 (cd_article_summary_get_headline (changed), "Changed unseen") == 0;
}

/* Changes no event told of (as when the kernel's queue overflowed; here
 * they happen while the store does not watch) are found by comparing
 * stamps, and only the changed files are read. */
static void
test_watch_recheck (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CdArticle) added = numbered_article (4000);
  g_autoptr(CdArticle) changed = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  Unseen unseen = { f, ids };

  cd_store_set_watch (f->store, FALSE);
  g_assert_true (cd_store_save_article (f->other, added, NULL, &error));
  g_ptr_array_add (ids, g_strdup (cd_article_get_id (added)));
  g_ptr_array_add (ids, g_strdup (cd_article_summary_get_id (item (f, 10))));
  g_assert_true (cd_store_trash_article (f->other, g_ptr_array_index (ids, 1), &error));
  g_ptr_array_add (ids, g_strdup (cd_article_summary_get_id (item (f, 20))));
  changed = cd_store_load_article (f->other, g_ptr_array_index (ids, 2), NULL, &error);
  g_assert_no_error (error);
  cd_article_set_headline (changed, "Changed unseen");
  g_assert_true (cd_store_save_article (f->other, changed, NULL, &error));
  g_assert_no_error (error);

  cd_store_set_watch (f->store, TRUE);
  iterate_for (500);
  g_assert_false (recheck_caught_up (&unseen));

  cd_store_recheck_files (f->store);
  wait_until (recheck_caught_up, &unseen);
  g_assert_cmpuint (files_read (f), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, N_ARTICLES);

  /* At once again: too soon, nothing is compared. */
  cd_store_recheck_files (f->store);
  iterate_for (300);
  g_assert_cmpuint (files_read (f), ==, 2);
}

static gboolean
index_has_wanted (gpointer data)
{
  Fixture *f = data;
  g_autofree char *path = g_build_filename (f->dir, "index.tsv", NULL);
  g_autofree char *text = NULL;

  return g_file_get_contents (path, &text, NULL, NULL) && strstr (text, wanted_id) != NULL;
}

/* After the watch changed the list, index.tsv is written again, so the
 * next opening reads no file. */
static void
test_watch_writes_index (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(CdArticle) article = numbered_article (6000);
  g_autoptr(CdStore) next = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *index = g_build_filename (f->dir, "index.tsv", NULL);
  g_autofree char *dir = g_build_filename (f->dir, NULL);
  g_autoptr(GDir) folder = NULL;
  const char *name;

  g_assert_true (cd_store_save_article (f->other, article, NULL, &error));
  g_assert_no_error (error);
  wanted_id = cd_article_get_id (article);
  wanted_headline = NULL;
  wait_until (wanted_is_listed, f);
  /* A single save does not write the index: the watch does, later. */
  g_assert_false (index_has_wanted (f));
  wait_until (index_has_wanted, f);

  next = cd_store_new (f->dir);
  g_assert_true (cd_store_open (next, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (next)), ==, N_ARTICLES + 1);
  g_assert_cmpuint (cd_store_get_n_files_read (next), ==, 0);
  /* Written atomically: no temporary file is left beside it. */
  folder = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (folder)) != NULL)
    g_assert_true (name[0] != '.' || !g_str_has_prefix (name, ".index"));
}

/* The index is written from a snapshot of the list, later, in a thread
 * that waits for the store's lock. When another program wrote index.tsv
 * in between, it knew more than the snapshot: its index stays. */
static void
test_watch_index_keeps_newer (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(CdArticle) article = numbered_article (6001);
  g_autoptr(GError) error = NULL;
  g_autofree char *index = g_build_filename (f->dir, "index.tsv", NULL);
  g_autofree char *lock = g_build_filename (f->dir, "store.lock", NULL);
  g_autofree char *text = NULL;
  const char *newer = "copydesk-index 1\n";
  int fd;

  g_assert_true (cd_store_save_article (f->other, article, NULL, &error));
  g_assert_no_error (error);
  wanted_id = cd_article_get_id (article);
  wanted_headline = NULL;
  wait_until (wanted_is_listed, f);

  /* Held while the snapshot is taken (2 s after the change) and the
   * writer waits for it; the other program writes meanwhile. */
  fd = cd_store_lock_acquire (lock, 1000, &error);
  g_assert_no_error (error);
  iterate_for (2600);
  g_assert_true (g_file_set_contents (index, newer, -1, &error));
  g_assert_no_error (error);
  cd_store_lock_release (fd);

  iterate_for (800);
  g_assert_true (g_file_get_contents (index, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, newer);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store-watch/add", test_watch_add);
  ADD ("/store-watch/change", test_watch_change);
  ADD ("/store-watch/remove", test_watch_remove);
  ADD ("/store-watch/batch", test_watch_batch);
  ADD ("/store-watch/own-save", test_watch_own_save);
  ADD ("/store-watch/own-batch", test_watch_own_batch);
  ADD ("/store-watch/off", test_watch_off);
  ADD ("/store-watch/cli", test_watch_cli);
  ADD ("/store-watch/during-open", test_watch_during_open);
  ADD ("/store-watch/bad-file", test_watch_bad_file);
  ADD ("/store-watch/recheck", test_watch_recheck);
  ADD ("/store-watch/writes-index", test_watch_writes_index);
  ADD ("/store-watch/index-keeps-newer", test_watch_index_keeps_newer);
#undef ADD

  return g_test_run ();
}

/* test-store-refresh.c: one list entry brought up to date from its file
 *
 * Another program (the CLI, another Copydesk) trashes, deletes, restores
 * or rewrites one article; cd_store_refresh_article() must change that
 * article's row and read no other file. The proof that no other file is
 * read: another article is rewritten on disk too, and its row keeps its
 * old headline until that article is refreshed in turn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-store.h"
#include "store-test-util.h"

#define N_ARTICLES 300

typedef struct
{
  char *dir;
  CdStore *mine;             /* the window's store */
  CdStore *other;            /* another program's, on the same folder */
  GPtrArray *ids;            /* char * */
  guint n_changes;           /* items-changed emissions on mine */
  guint n_removed;
  guint n_added;
  guint n_settings;          /* notify::settings on mine */
} Fixture;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *f)
{
  f->n_changes++;
  f->n_removed += removed;
  f->n_added += added;
}

static void
on_settings_cb (CdStore    *store,
                GParamSpec *pspec,
                Fixture    *f)
{
  f->n_settings++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  f->dir = cd_test_make_tmp_dir ("copydesk-store");
  f->ids = g_ptr_array_new_with_free_func (g_free);
  f->other = cd_store_new (f->dir);
  g_assert_true (cd_store_open (f->other, NULL, &error));
  for (guint i = 0; i < N_ARTICLES; i++)
    {
      CdArticle *article = cd_article_new ();
      g_autofree char *headline = store_test_content (i, 0, FALSE);
      g_autofree char *body = store_test_content (i, 0, TRUE);

      cd_article_set_headline (article, headline);
      cd_article_set_body (article, body);
      g_ptr_array_add (f->ids, g_strdup (cd_article_get_id (article)));
      g_ptr_array_add (articles, article);
    }
  g_assert_true (cd_store_add_articles (f->other, articles, NULL, &error));
  g_assert_no_error (error);

  f->mine = cd_store_new (f->dir);
  g_assert_true (cd_store_open (f->mine, NULL, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->mine)), ==, N_ARTICLES);
  g_signal_connect (f->mine, "items-changed", G_CALLBACK (on_items_changed_cb), f);
  g_signal_connect (f->mine, "notify::settings", G_CALLBACK (on_settings_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->mine);
  g_assert_finalize_object (f->other);
  g_ptr_array_unref (f->ids);
  cd_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
reset_counts (Fixture *f)
{
  f->n_changes = f->n_removed = f->n_added = f->n_settings = 0;
}

static const char *
listed_headline (CdStore    *store,
                 const char *id)
{
  CdArticleSummary *summary = cd_store_find (store, id);

  g_assert_nonnull (summary);
  return cd_article_summary_get_headline (summary);
}

/* The other program rewrites @id's headline behind mine's back. */
static void
rewrite_elsewhere (Fixture    *f,
                   const char *id,
                   const char *headline)
{
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = cd_store_load_article (f->other, id, NULL, &error);
  g_assert_no_error (error);
  cd_article_set_headline (article, headline);
  g_assert_true (cd_store_save_article (f->other, article, NULL, &error));
}

static void
refresh_ok (CdStore    *store,
            const char *id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_store_refresh_article (store, id, NULL, &error));
  g_assert_no_error (error);
}

static void
test_trashed_elsewhere (Fixture       *f,
                        gconstpointer  data)
{
  const char *gone = g_ptr_array_index (f->ids, 10);
  const char *changed = g_ptr_array_index (f->ids, 20);
  g_autofree char *old_headline = g_strdup (listed_headline (f->mine, changed));
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_store_trash_article (f->other, gone, &error));
  rewrite_elsewhere (f, changed, "Rewritten by the other program");
  reset_counts (f);

  refresh_ok (f->mine, gone);
  g_assert_null (cd_store_find (f->mine, gone));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->mine)), ==, N_ARTICLES - 1);
  /* One row went, and nothing else was told to the views. */
  g_assert_cmpuint (f->n_changes, ==, 1);
  g_assert_cmpuint (f->n_removed, ==, 1);
  g_assert_cmpuint (f->n_added, ==, 0);
  g_assert_cmpuint (f->n_settings, ==, 0);
  /* The other rewritten file was not read: a rescan would have. */
  g_assert_cmpstr (listed_headline (f->mine, changed), ==, old_headline);

  reset_counts (f);
  refresh_ok (f->mine, changed);
  g_assert_cmpstr (listed_headline (f->mine, changed), ==, "Rewritten by the other program");
  g_assert_cmpuint (f->n_changes, >=, 1);
  g_assert_cmpuint (f->n_removed, ==, f->n_added);

  /* Refreshing a file that did not change again tells no one. */
  reset_counts (f);
  refresh_ok (f->mine, changed);
  g_assert_cmpuint (f->n_changes, ==, 0);

  /* Gone already: nothing more to drop. */
  refresh_ok (f->mine, gone);
  g_assert_cmpuint (f->n_changes, ==, 0);
}

static void
test_restored_elsewhere (Fixture       *f,
                         gconstpointer  data)
{
  const char *id = g_ptr_array_index (f->ids, 5);
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_store_trash_article (f->other, id, &error));
  refresh_ok (f->mine, id);
  g_assert_null (cd_store_find (f->mine, id));

  g_assert_true (cd_store_restore_article (f->other, id, &error));
  reset_counts (f);
  refresh_ok (f->mine, id);
  g_assert_nonnull (cd_store_find (f->mine, id));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->mine)), ==, N_ARTICLES);
  g_assert_cmpuint (f->n_changes, ==, 1);
  g_assert_cmpuint (f->n_added, ==, 1);
}

static void
test_damaged_elsewhere (Fixture       *f,
                        gconstpointer  data)
{
  const char *id = g_ptr_array_index (f->ids, 7);
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (f->dir, "articles", name, NULL);
  g_autofree char *quarantine = g_build_filename (f->dir, "quarantine", NULL);
  GPtrArray *problems;

  store_test_write_bytes (path, "{ \"format\": 1, \"headline\": ", -1);
  refresh_ok (f->mine, id);
  /* Set aside as it was, out of the list, and reported. */
  g_assert_null (cd_store_find (f->mine, id));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (store_test_count_files (quarantine), >=, 1);
  problems = cd_store_get_problems (f->mine);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), name));
}

static void
test_invalid_id (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (cd_store_refresh_article (f->mine, "../store", NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID_ID);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->mine)), ==, N_ARTICLES);
  g_assert_cmpuint (f->n_changes, ==, 0);
}

typedef struct
{
  GMainLoop *loop;
  gboolean ok;
  guint n_items_before;      /* when the callback ran */
  GThread *changed_in;       /* the thread the list changed in */
} RefreshState;

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  RefreshState *state = user_data;
  g_autoptr(GError) error = NULL;

  state->ok = cd_store_refresh_article_finish (CD_STORE (object), result, &error);
  g_assert_no_error (error);
  state->n_items_before = g_list_model_get_n_items (G_LIST_MODEL (object));
  g_main_loop_quit (state->loop);
}

static void
on_async_items_changed_cb (GListModel   *model,
                           guint         position,
                           guint         removed,
                           guint         added,
                           RefreshState *state)
{
  state->changed_in = g_thread_self ();
}

/* The file is read in a thread; the list changes in the store's own
 * context, before the callback runs. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  const char *gone = g_ptr_array_index (f->ids, 42);
  const char *changed = g_ptr_array_index (f->ids, 43);
  g_autofree char *old_headline = g_strdup (listed_headline (f->mine, changed));
  RefreshState state = { 0 };
  g_autoptr(GError) error = NULL;

  state.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (f->mine, "items-changed", G_CALLBACK (on_async_items_changed_cb), &state);
  g_assert_true (cd_store_trash_article (f->other, gone, &error));
  rewrite_elsewhere (f, changed, "Also rewritten");
  reset_counts (f);

  cd_store_refresh_article_async (f->mine, gone, NULL, refresh_cb, &state);
  /* Nothing has changed yet: the file is read in a thread. */
  g_assert_nonnull (cd_store_find (f->mine, gone));
  g_main_loop_run (state.loop);

  g_assert_true (state.ok);
  g_assert_cmpuint (state.n_items_before, ==, N_ARTICLES - 1);
  g_assert_null (cd_store_find (f->mine, gone));
  g_assert_true (state.changed_in == g_thread_self ());
  g_assert_cmpuint (f->n_changes, ==, 1);
  g_assert_cmpuint (f->n_removed, ==, 1);
  g_assert_cmpstr (listed_headline (f->mine, changed), ==, old_headline);

  g_signal_handlers_disconnect_by_data (f->mine, &state);
  g_main_loop_unref (state.loop);
  /* The worker thread drops its task, and with it the store, a moment
   * after the callback ran. */
  for (guint i = 0; i < 5000 && g_atomic_int_get (&G_OBJECT (f->mine)->ref_count) > 1; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store-refresh/trashed-elsewhere", Fixture, NULL, fixture_set_up,
              test_trashed_elsewhere, fixture_tear_down);
  g_test_add ("/store-refresh/restored-elsewhere", Fixture, NULL, fixture_set_up,
              test_restored_elsewhere, fixture_tear_down);
  g_test_add ("/store-refresh/damaged-elsewhere", Fixture, NULL, fixture_set_up,
              test_damaged_elsewhere, fixture_tear_down);
  g_test_add ("/store-refresh/invalid-id", Fixture, NULL, fixture_set_up,
              test_invalid_id, fixture_tear_down);
  g_test_add ("/store-refresh/async", Fixture, NULL, fixture_set_up,
              test_async, fixture_tear_down);

  return g_test_run ();
}

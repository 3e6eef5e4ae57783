/* test-store-crash.c: a writer killed at any moment leaves a store whose
 * every article is whole, at a version that writer saved
 *
 * A helper process saves a few articles round and round; this test kills
 * it with SIGKILL at a random moment, hundreds of times, and after each
 * kill opens the store and checks every article. A second test does the
 * same to a helper importing page copy, whose batches are written while
 * they are parsed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "cd-store.h"
#include "store-test-util.h"

#define N_ARTICLES 4
#define N_KILLS 300
#define TIME_LIMIT_S 60

/* Articles per import: more than a batch flushes file by file */
#define IMPORT_SIZE 40
#define IMPORT_KILLS 60
#define IMPORT_TIME_LIMIT_S 30

static char *
shared_id (guint index)
{
  return g_strdup_printf ("00000000-0000-4000-8000-%012u", index);
}

static void
make_store (const char *dir)
{
  g_autoptr(CdStore) store = cd_store_new (dir);
  g_autoptr(GError) error = NULL;

  cd_store_open (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_ARTICLES; i++)
    {
      g_autofree char *id = shared_id (i);
      g_autofree char *headline = store_test_content (i, 1, FALSE);
      g_autofree char *body = store_test_content (i, 1, TRUE);
      g_autoptr(CdArticle) article = cd_article_new_with_id (id);

      cd_article_set_headline (article, headline);
      cd_article_set_body (article, body);
      cd_store_save_article (store, article, NULL, &error);
      g_assert_no_error (error);
    }
}

static GPid
start_writer (const char *dir)
{
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "store-test-helper", NULL);
  g_autofree char *n = g_strdup_printf ("%d", N_ARTICLES);
  const char *argv[] = { helper, "crash-loop", dir, n, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static void
kill_writer (GPid pid)
{
  int status;

  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  /* Dying any other way means the writer itself failed. */
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
  g_spawn_close_pid (pid);
}

/* Every article is present, whole, at a revision no older than the last
 * one seen, with exactly the text the writer gives that revision. */
static void
check_store (const char *dir,
             guint64     revisions[N_ARTICLES])
{
  g_autoptr(CdStore) store = cd_store_new (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *quarantine = g_build_filename (dir, "quarantine", NULL);

  cd_store_open (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cd_store_get_problems (store)->len, ==, 0);
  g_assert_false (g_file_test (quarantine, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, N_ARTICLES);

  for (guint i = 0; i < N_ARTICLES; i++)
    {
      g_autofree char *id = shared_id (i);
      g_autoptr(CdArticle) article = cd_store_load_article (store, id, NULL, &error);
      g_autofree char *headline = NULL;
      g_autofree char *body = NULL;
      CdArticleSummary *summary = cd_store_find (store, id);
      guint64 revision;

      g_assert_no_error (error);
      revision = cd_article_get_revision (article);
      g_assert_cmpuint (revision, >=, revisions[i]);
      headline = store_test_content (i, revision, FALSE);
      body = store_test_content (i, revision, TRUE);
      g_assert_cmpstr (cd_article_get_headline (article), ==, headline);
      g_assert_cmpstr (cd_article_get_body (article), ==, body);
      /* The list (from the index or the file) agrees with the file. */
      g_assert_nonnull (summary);
      g_assert_cmpuint (cd_article_summary_get_revision (summary), ==, revision);
      g_assert_cmpstr (cd_article_summary_get_headline (summary), ==, headline);
      revisions[i] = revision;
    }
}

/* How long a helper takes on this machine, under its load of the moment,
 * from its start until @done says it has written something: the kills are
 * spread over a few times that, so that some land before, during and after
 * the writing however slow process start-up is today. */
static gulong
time_to_first_work (GPid        pid,
                    gboolean  (*done) (const char *articles, gpointer data),
                    const char *articles,
                    gpointer    data)
{
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;

  while (!done (articles, data))
    {
      g_assert_cmpint (g_get_monotonic_time () - start, <, 60 * G_USEC_PER_SEC);
      g_usleep (1000);
    }
  elapsed = g_get_monotonic_time () - start;
  kill_writer (pid);
  return (gulong) elapsed;
}

static gint64
dir_mtime_ns (const char *path)
{
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  return st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
}

/* The folder changed: the writer has created or renamed a file. */
static gboolean
articles_changed (const char *articles,
                  gpointer    data)
{
  return dir_mtime_ns (articles) != *(gint64 *) data;
}

static guint
count_articles (const char *articles)
{
  g_autoptr(GPtrArray) names = store_test_list_names (articles);
  guint n = 0;

  for (guint i = 0; i < names->len; i++)
    n += g_str_has_suffix (g_ptr_array_index (names, i), ".json");
  return n;
}

/* A whole import is on disk. */
static gboolean
one_import_written (const char *articles,
                    gpointer    data)
{
  return count_articles (articles) >= GPOINTER_TO_UINT (data) + IMPORT_SIZE;
}

/* A temporary file left behind shows the kill landed inside a save. */
static gboolean
has_temp_file (const char *articles)
{
  g_autoptr(GPtrArray) names = store_test_list_names (articles);

  for (guint i = 0; i < names->len; i++)
    if (strstr (g_ptr_array_index (names, i), ".tmp-"))
      return TRUE;
  return FALSE;
}

static void
test_store_crash (void)
{
  g_autofree char *dir = cd_test_make_tmp_dir ("copydesk-store");
  g_autofree char *articles = g_build_filename (dir, "articles", NULL);
  g_autoptr(GPtrArray) names = NULL;
  guint64 revisions[N_ARTICLES] = { 0 };
  gint64 deadline;
  guint64 total = 0;
  guint kills = 0, mid_save = 0;

  gint64 mtime;
  gulong window;

  make_store (dir);
  check_store (dir, revisions);
  mtime = dir_mtime_ns (articles);
  /* The folder changes when the first save begins, not when it ends. */
  window = 4 * time_to_first_work (start_writer (dir), articles_changed, articles, &mtime);
  window = MAX (window, 40000);
  check_store (dir, revisions);
  g_test_message ("kills spread over %lu ms", window / 1000);
  /* Time enough for the kills asserted below on a slow day. */
  deadline = g_get_monotonic_time () + CLAMP (200 * (gint64) window, TIME_LIMIT_S * G_USEC_PER_SEC, 80 * G_USEC_PER_SEC);
  for (; kills < N_KILLS && g_get_monotonic_time () < deadline; kills++)
    {
      GPid pid = start_writer (dir);

      /* From before the writer has opened the store to well into its
       * saving, so kills land in every phase of a save. */
      g_usleep ((gulong) g_test_rand_int_range (0, (gint32) window));
      kill_writer (pid);
      mid_save += has_temp_file (articles);
      check_store (dir, revisions);
    }

  for (guint i = 0; i < N_ARTICLES; i++)
    total += revisions[i];
  g_test_message ("%u kills, %u of them inside a save; %" G_GUINT64_FORMAT " saves survived",
                  kills, mid_save, total - N_ARTICLES);
  g_assert_cmpuint (mid_save, >, 0);
  g_assert_cmpuint (kills, >=, 100);
  /* The writer did get to save: the kills interrupted real work. */
  g_assert_cmpuint (total, >, N_ARTICLES + kills / 4);

  /* Opening cleaned what killed writers left behind. */
  names = store_test_list_names (articles);
  g_assert_cmpuint (names->len, ==, N_ARTICLES);
  cd_test_remove_tree (dir);
}

static GPid
start_importer (const char *dir)
{
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "store-test-helper", NULL);
  g_autofree char *n = g_strdup_printf ("%d", IMPORT_SIZE);
  const char *argv[] = { helper, "import-loop", dir, n, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

/* Every article listed is whole and is the one its headline names, and
 * none was lost: the store holds at least @before articles. Only the
 * articles not seen before are read, and remembered in @seen. */
static guint
check_imported (const char *dir,
                guint       before,
                GHashTable *seen)
{
  g_autoptr(CdStore) store = cd_store_new (dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *quarantine = g_build_filename (dir, "quarantine", NULL);
  guint n;

  cd_store_open (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cd_store_get_problems (store)->len, ==, 0);
  g_assert_false (g_file_test (quarantine, G_FILE_TEST_EXISTS));
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_assert_cmpuint (n, >=, before);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdArticleSummary) summary = g_list_model_get_item (G_LIST_MODEL (store), i);
      const char *id = cd_article_summary_get_id (summary);
      g_autoptr(CdArticle) article = NULL;
      g_autofree char *body = NULL;

      if (g_hash_table_contains (seen, id))
        continue;
      article = cd_store_load_article (store, id, NULL, &error);
      g_assert_no_error (error);
      body = store_test_import_body (cd_article_get_headline (article));
      g_assert_cmpstr (cd_article_get_body (article), ==, body);
      g_assert_cmpstr (cd_article_summary_get_headline (summary), ==,
                       cd_article_get_headline (article));
      g_hash_table_add (seen, g_strdup (id));
    }
  return n;
}

static void
test_import_crash (void)
{
  g_autofree char *dir = cd_test_make_tmp_dir ("copydesk-store");
  g_autofree char *articles = g_build_filename (dir, "articles", NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline;
  guint kills = 0, mid_import = 0, n = 0;

  gulong window;

  n = check_imported (dir, 0, seen);
  window = 2 * time_to_first_work (start_importer (dir), one_import_written, articles,
                                   GUINT_TO_POINTER (count_articles (articles)));
  window = MAX (window, 150000);
  n = check_imported (dir, n, seen);
  g_test_message ("kills spread over %lu ms", window / 1000);
  deadline = g_get_monotonic_time () + CLAMP (40 * (gint64) window, IMPORT_TIME_LIMIT_S * G_USEC_PER_SEC, 80 * G_USEC_PER_SEC);
  for (; kills < IMPORT_KILLS && g_get_monotonic_time () < deadline; kills++)
    {
      GPid pid = start_importer (dir);

      g_usleep ((gulong) g_test_rand_int_range (0, (gint32) window));
      kill_writer (pid);
      mid_import += has_temp_file (articles);
      n = check_imported (dir, n, seen);
    }
  g_test_message ("%u kills, %u of them inside an import; %u articles imported whole",
                  kills, mid_import, n);
  g_assert_cmpuint (kills, >=, 20);
  g_assert_cmpuint (mid_import, >, 0);
  /* The importer did get to add: the kills interrupted real work. */
  g_assert_cmpuint (n, >=, IMPORT_SIZE);

  /* A check removes what killed importers left behind. */
  store = cd_store_new (dir);
  cd_store_check (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n);
  names = store_test_list_names (articles);
  g_assert_cmpuint (names->len, ==, n);
  cd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store-crash/killed-writer", test_store_crash);
  g_test_add_func ("/store-crash/killed-import", test_import_crash);

  return g_test_run ();
}

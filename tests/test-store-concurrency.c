/* test-store-concurrency.c: several programs writing one store
 *
 * Two programs that change the same article: one save wins, the other is
 * told of the conflict, and the file holds the winner's change. Many
 * programs saving and adding at once: every file stays whole and no save
 * is lost or silently overwritten.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-store.h"
#include "store-test-util.h"

#define EXIT_CONFLICT 10
#define N_SHARED 3
#define N_HAMMERS 4
#define N_ROUNDS 25

static char *
shared_id (guint index)
{
  return g_strdup_printf ("00000000-0000-4000-8000-%012u", index);
}

static char *
helper_path (void)
{
  return g_test_build_filename (G_TEST_BUILT, "store-test-helper", NULL);
}

static CdStore *
open_store (const char *dir)
{
  g_autoptr(GError) error = NULL;
  CdStore *store = cd_store_new (dir);

  cd_store_open (store, NULL, &error);
  g_assert_no_error (error);
  return store;
}

static void
make_shared (const char *dir,
             guint       n)
{
  g_autoptr(CdStore) store = open_store (dir);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = shared_id (i);
      g_autoptr(CdArticle) article = cd_article_new_with_id (id);

      cd_article_set_headline (article, "Shared");
      cd_article_set_body (article, "Start.");
      cd_store_save_article (store, article, NULL, &error);
      g_assert_no_error (error);
    }
}

static GSubprocess *
spawn_helper (GSubprocessFlags    flags,
              const char * const *args)
{
  g_autofree char *helper = helper_path ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, helper);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata, flags, &error);
  g_assert_no_error (error);
  return process;
}

static char *
read_line (GSubprocess *process)
{
  g_autoptr(GDataInputStream) in =
    g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);

  g_assert_no_error (error);
  return line;
}

/* ------------------------------------------------------------------------ */

static void
race_once (const char *dir,
           const char *id,
           guint       round)
{
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE;
  g_autofree char *headline_a = g_strdup_printf ("Round %u by A", round);
  g_autofree char *headline_b = g_strdup_printf ("Round %u by B", round);
  g_autoptr(GSubprocess) a = spawn_helper (flags, (const char *[]) {
                                             "save-once", dir, id, headline_a, NULL });
  g_autoptr(GSubprocess) b = spawn_helper (flags, (const char *[]) {
                                             "save-once", dir, id, headline_b, NULL });
  g_autoptr(CdStore) store = NULL;
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ready_a = read_line (a);
  g_autofree char *ready_b = read_line (b);
  GSubprocess *winner;
  int status_a, status_b;

  /* Both have loaded the same revision before either saves. */
  g_assert_cmpstr (ready_a, ==, "loaded");
  g_assert_cmpstr (ready_b, ==, "loaded");
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (a), "go\n", 3, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (b), "go\n", 3, NULL, NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait (a, NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait (b, NULL, &error);
  g_assert_no_error (error);
  status_a = g_subprocess_get_exit_status (a);
  status_b = g_subprocess_get_exit_status (b);

  g_test_message ("round %u: A exited %d, B exited %d", round, status_a, status_b);
  g_assert_true ((status_a == 0 && status_b == EXIT_CONFLICT) ||
                 (status_a == EXIT_CONFLICT && status_b == 0));
  winner = status_a == 0 ? a : b;

  store = open_store (dir);
  article = cd_store_load_article (store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_article_get_headline (article), ==,
                   winner == a ? headline_a : headline_b);
  g_assert_cmpuint (cd_article_get_revision (article), ==, round + 2);
}

static void
test_concurrency_conflict (void)
{
  g_autofree char *dir = cd_test_make_tmp_dir ("copydesk-store");
  g_autofree char *id = shared_id (0);

  make_shared (dir, 1);
  for (guint round = 0; round < 8; round++)
    race_once (dir, id, round);
  cd_test_remove_tree (dir);
}

/* ------------------------------------------------------------------------ */

typedef struct
{
  GHashTable *markers;      /* marker → id it was saved into */
  GHashTable *saves;        /* id → number of successful saves */
  GPtrArray *added;         /* ids */
} Reports;

static void
collect_report (Reports    *reports,
                const char *output)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", -1);

      if (g_strv_length (words) == 3 && g_str_equal (words[0], "marker"))
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (reports->saves, words[1]));

          g_assert_true (g_hash_table_insert (reports->markers, g_strdup (words[2]),
                                              g_strdup (words[1])));
          g_hash_table_insert (reports->saves, g_strdup (words[1]), GUINT_TO_POINTER (n + 1));
        }
      else if (g_strv_length (words) == 2 && g_str_equal (words[0], "added"))
        g_ptr_array_add (reports->added, g_strdup (words[1]));
      else
        g_assert_cmpstr (lines[i], ==, "");
    }
}

/* Each marker a hammer reported saved is in the article's body exactly
 * once: no save was lost to another's. */
static void
check_shared (CdStore *store,
              Reports *reports,
              guint    index)
{
  g_autofree char *id = shared_id (index);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdArticle) article = cd_store_load_article (store, id, NULL, &error);
  g_auto(GStrv) paragraphs = NULL;
  guint saves = GPOINTER_TO_UINT (g_hash_table_lookup (reports->saves, id));

  g_assert_no_error (error);
  g_assert_cmpuint (cd_article_get_revision (article), ==, 1 + saves);
  paragraphs = g_strsplit (cd_article_get_body (article), "\n\n", -1);
  g_assert_cmpuint (g_strv_length (paragraphs), ==, 1 + saves);
  g_assert_cmpstr (paragraphs[0], ==, "Start.");
  for (guint i = 1; paragraphs[i]; i++)
    g_assert_cmpstr (g_hash_table_lookup (reports->markers, paragraphs[i]), ==, id);
}

static void
test_concurrency_hammer (void)
{
  g_autofree char *dir = cd_test_make_tmp_dir ("copydesk-store");
  g_autofree char *rounds = g_strdup_printf ("%d", N_ROUNDS);
  g_autofree char *n_shared = g_strdup_printf ("%d", N_SHARED);
  GSubprocess *hammers[N_HAMMERS];
  g_autoptr(CdStore) store = NULL;
  Reports reports = {
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    g_ptr_array_new_with_free_func (g_free),
  };
  guint total_saves = 0;

  make_shared (dir, N_SHARED);
  for (guint i = 0; i < N_HAMMERS; i++)
    {
      g_autofree char *tag = g_strdup_printf ("p%u", i);
      hammers[i] = spawn_helper (G_SUBPROCESS_FLAGS_STDOUT_PIPE, (const char *[]) {
                                   "hammer", dir, n_shared, rounds, tag, NULL });
    }
  for (guint i = 0; i < N_HAMMERS; i++)
    {
      g_autofree char *output = NULL;
      g_autoptr(GError) error = NULL;

      g_subprocess_communicate_utf8 (hammers[i], NULL, NULL, &output, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (hammers[i]));
      g_assert_cmpint (g_subprocess_get_exit_status (hammers[i]), ==, 0);
      collect_report (&reports, output);
      g_object_unref (hammers[i]);
    }

  store = open_store (dir);
  g_assert_cmpuint (cd_store_get_problems (store)->len, ==, 0);
  cd_store_check (store, NULL, NULL);
  g_assert_cmpuint (cd_store_get_problems (store)->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==,
                    N_SHARED + reports.added->len);
  g_assert_cmpuint (reports.added->len, ==, N_HAMMERS * (N_ROUNDS / 5) * 2);
  for (guint i = 0; i < N_SHARED; i++)
    check_shared (store, &reports, i);
  for (guint i = 0; i < reports.added->len; i++)
    {
      CdArticleSummary *summary = cd_store_find (store, g_ptr_array_index (reports.added, i));

      g_assert_nonnull (summary);
      g_assert_cmpuint (cd_article_summary_get_revision (summary), ==, 1);
    }
  for (guint i = 0; i < N_SHARED; i++)
    {
      g_autofree char *id = shared_id (i);
      total_saves += GPOINTER_TO_UINT (g_hash_table_lookup (reports.saves, id));
    }
  g_assert_cmpuint (total_saves, ==, N_HAMMERS * N_ROUNDS);

  g_hash_table_unref (reports.markers);
  g_hash_table_unref (reports.saves);
  g_ptr_array_unref (reports.added);
  cd_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store-concurrency/conflict", test_concurrency_conflict);
  g_test_add_func ("/store-concurrency/hammer", test_concurrency_hammer);

  return g_test_run ();
}

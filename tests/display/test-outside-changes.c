/* test-outside-changes.c: the list follows what copydesk-cli changes
 *
 * The window stays open on the store while the CLI creates, imports,
 * changes and deletes articles; the rows follow without a restart, and
 * the window's own saves are not read back as changes from elsewhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-article-editor.h"
#include "cd-article-list.h"
#include "cd-article-row.h"
#include "cd-test-utils.h"

#define WAIT_MS 5000

typedef CdTestFixture Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cd_test_fixture_set_up (f, 1100, 720);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cd_test_fixture_tear_down (f);
}

static CdArticleList *
article_list (Fixture *f)
{
  return CD_ARTICLE_LIST (cd_window_get_article_list (f->window));
}

static GListModel *
shown (Fixture *f)
{
  return cd_article_list_get_model (article_list (f));
}

/* The position of the first shown article with @headline, or -1. */
static int
shown_position (Fixture    *f,
                const char *headline)
{
  GListModel *model = shown (f);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdArticleSummary) s = g_list_model_get_item (model, i);

      if (g_strcmp0 (cd_article_summary_get_headline (s), headline) == 0)
        return (int) i;
    }
  return -1;
}

static GtkLabel *
find_headline_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "headline"))
        return GTK_LABEL (child);
      if ((found = find_headline_label (child)) != NULL)
        return found;
    }
  return NULL;
}

/* Whether a row on screen shows @headline. */
static gboolean
row_shows (GtkWidget  *widget,
           const char *headline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (CD_IS_ARTICLE_ROW (child))
        {
          GtkLabel *label = find_headline_label (child);

          if (label && g_strcmp0 (gtk_label_get_label (label), headline) == 0 &&
              gtk_widget_get_mapped (child))
            return TRUE;
        }
      else if (row_shows (child, headline))
        return TRUE;
    }
  return FALSE;
}

/* What the predicates below wait for. */
typedef struct
{
  Fixture *f;
  const char *headline;
  int position;           /* -1: anywhere */
} Wanted;

static gboolean
headline_shown (gpointer data)
{
  Wanted *w = data;
  int position = shown_position (w->f, w->headline);

  return position >= 0 && (w->position < 0 || position == w->position) &&
         row_shows (GTK_WIDGET (article_list (w->f)), w->headline);
}

static gboolean
headline_not_shown (gpointer data)
{
  Wanted *w = data;

  return shown_position (w->f, w->headline) < 0;
}

static char *
cli_new (Fixture    *f,
         const char *headline)
{
  const char *cli = g_getenv ("COPYDESK_CLI");
  const char *argv[] = { cli, "--store", f->dir, "new", "--headline", headline, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_nonnull (cli);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strstrip (out);
}

static void
test_cli_new_and_import (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *ferry = g_build_filename (g_getenv ("COPYDESK_SAMPLES_DIR"), "ferry.txt", NULL);
  g_autofree char *id = NULL;
  Wanted first = { f, "Written at the command line", 0 };
  Wanted imported = { f, "Island Ferry Timetable Cut After Engine Fault", -1 };

  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 0);
  cd_article_list_set_sort_key (article_list (f), CD_SORT_MODIFIED);

  id = cli_new (f, first.headline);
  cd_test_wait_until (headline_shown, &first, WAIT_MS);
  g_assert_nonnull (cd_store_find (f->store, id));

  cd_test_run_cli (f, (const char *[]) { "import", ferry, NULL });
  cd_test_wait_until (headline_shown, &imported, WAIT_MS);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 2);

  /* Searching finds what came in from outside, too. */
  cd_article_list_set_search_text (article_list (f), "ferry");
  while (cd_article_list_get_searching (article_list (f)))
    cd_test_iterate (50);
  cd_test_iterate (300);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 1);
  g_assert_cmpint (shown_position (f, imported.headline), ==, 0);
  cd_article_list_set_search_text (article_list (f), "");
  cd_test_iterate (300);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 2);
}

static void
test_cli_set_moves_to_top (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *older = cli_new (f, "The older article");
  g_autofree char *newer = NULL;
  Wanted wait_newer = { f, "The newer article", 0 };
  Wanted changed = { f, "The older article, changed", 0 };
  Wanted gone = { f, "The older article, changed", -1 };

  cd_article_list_set_sort_key (article_list (f), CD_SORT_MODIFIED);
  /* A different second, so "Last changed" orders them for sure. */
  cd_test_iterate (1100);
  newer = cli_new (f, wait_newer.headline);
  cd_test_wait_until (headline_shown, &wait_newer, WAIT_MS);
  g_assert_cmpint (shown_position (f, "The older article"), ==, 1);

  cd_test_run_cli (f, (const char *[]) { "set", older, "headline", changed.headline, NULL });
  cd_test_wait_until (headline_shown, &changed, WAIT_MS);
  g_assert_cmpint (shown_position (f, "The newer article"), ==, 1);
  g_assert_cmpint (shown_position (f, "The older article"), ==, -1);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 2);

  /* Deleting it takes the row away. */
  cd_test_run_cli (f, (const char *[]) { "delete", older, NULL });
  cd_test_wait_until (headline_not_shown, &gone, WAIT_MS);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 1);
}

/* The window's own saves come back as file events: the store must not
 * read them again, and the window must not take them for another
 * program's change. */
static void
test_own_save_not_read_back (Fixture       *f,
                             gconstpointer  data)
{
  CdArticleEditor *editor = NULL;
  g_autofree char *id = NULL;
  Wanted typed = { f, "Typed in the window", 0 };
  guint read_before;

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  id = cd_test_open_headline (f, "Island Ferry");
  editor = CD_ARTICLE_EDITOR (cd_window_get_editor (f->window));
  cd_test_iterate (500);
  read_before = cd_store_get_n_files_read (f->store);

  cd_test_type_text (cd_article_editor_get_headline_entry (editor), typed.headline);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL);
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
  cd_test_wait_until (headline_shown, &typed, WAIT_MS);
  cd_test_iterate (1500);

  g_assert_cmpuint (cd_store_get_n_files_read (f->store), ==, read_before);
  g_assert_false (cd_window_get_conflict (f->window));
  g_assert_cmpstr (cd_article_get_headline (cd_window_get_article (f->window)), ==,
                   typed.headline);
  g_assert_cmpint (shown_position (f, typed.headline), ==, 0);
}

/* A label anywhere in the window whose text holds @text. */
static gboolean
label_holds (GtkWidget  *widget,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && strstr (gtk_label_get_text (GTK_LABEL (child)), text))
        return TRUE;
      if (label_holds (child, text))
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  Fixture *f;
  const char *text;
} Toasted;

static gboolean
toast_shows (gpointer data)
{
  Toasted *t = data;

  return label_holds (GTK_WIDGET (t->f->window), t->text);
}

/* Another program breaks an article's file: the window says which file
 * and why in a toast, and the row stays. */
static void
test_bad_file_toast (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = cli_new (f, "Breakwater repaired");
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (f->dir, "articles", name, NULL);
  g_autofree char *shown_name = g_strdup_printf ("articles/%s", name);
  Wanted listed = { f, "Breakwater repaired", 0 };
  Toasted toasted = { f, shown_name };
  g_autoptr(GError) error = NULL;

  cd_test_wait_until (headline_shown, &listed, WAIT_MS);
  g_file_set_contents (path, "{\"format\": 1, \"ninjs\": [", -1, &error);
  g_assert_no_error (error);
  cd_test_wait_until (toast_shows, &toasted, WAIT_MS);
  g_assert_true (label_holds (GTK_WIDGET (f->window), "does not load"));
  g_assert_cmpint (shown_position (f, listed.headline), ==, 0);
  g_assert_nonnull (cd_store_find (f->store, id));
}

int
main (int   argc,
      char *argv[])
{
  cd_test_init (&argc, &argv);

  g_test_add ("/outside-changes/cli-new-and-import", Fixture, NULL, fixture_setup,
              test_cli_new_and_import, fixture_teardown);
  g_test_add ("/outside-changes/cli-set-moves-to-top", Fixture, NULL, fixture_setup,
              test_cli_set_moves_to_top, fixture_teardown);
  g_test_add ("/outside-changes/own-save-not-read-back", Fixture, NULL, fixture_setup,
              test_own_save_not_read_back, fixture_teardown);
  g_test_add ("/outside-changes/bad-file-toast", Fixture, NULL, fixture_setup,
              test_bad_file_toast, fixture_teardown);

  return g_test_run ();
}

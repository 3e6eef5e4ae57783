/* test-import.c: the window's import review dialog on a real store
 *
 * Pastes and files go through the same duplicate checks as
 * copydesk-cli import: an edited copy of a story is imported marked as
 * a possible duplicate, the mark reaches the article list and the
 * article's file, and the dialog says what the copy resembles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "cd-article-list.h"
#include "cd-article-row.h"
#include "cd-article-summary.h"
#include "cd-import-dialog.h"
#include "cd-test-utils.h"
#include "cd-window.h"

typedef CdTestFixture Fixture;

/* The harbour story, then the same story with two words added: what a
 * tester pasted one after the other. */
static const char paste_story[] =
  "Harbour Bridge Closed for Night Repairs\n"
  "\n"
  "Workers inspect the bridge deck at dusk (Staff photo/Harbour Times)\n"
  "Workers inspect the bridge deck at dusk (Staff photo/Harbour Times)\n"
  "TT\n"
  "27\n"
  "\n"
  "Harbour Bridge Closed for Night Repairs\n"
  "\n"
  "Workers inspect the bridge deck at dusk (Staff photo/Harbour Times)\n"
  "\n"
  "The harbour bridge will close to traffic from ten at night until five\n"
  "in the morning for the next two weeks while its joints are replaced.\n"
  "\n"
  "Buses will use the ring road, the council said.\n";

static const char paste_story_edited[] =
  "Harbour Bridge Closed for Night Repairs\n"
  "\n"
  "Workers inspect the bridge deck at dusk (Staff photo/Harbour Times)\n"
  "Workers inspect the bridge deck at dusk (Staff photo/Harbour Times)\n"
  "TT\n"
  "27\n"
  "\n"
  "Harbour Bridge Closed for Night Repairs\n"
  "\n"
  "Workers inspect the bridge deck at dusk (Staff photo/Harbour Times)\n"
  "\n"
  "The harbour bridge will close to traffic from ten at night until five\n"
  "in the morning for the next two weeks while its joints are replaced.\n"
  "\n"
  "Buses and lorries will use the ring road, the council said.\n";

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
  GtkWidget *dialog = f->window ? cd_window_get_import_dialog (f->window) : NULL;

  if (dialog)
    gtk_window_destroy (GTK_WINDOW (dialog));
  cd_test_fixture_tear_down (f);
}

static GFile *
page_copy (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "page-copy", name,
                                                 NULL);

  return g_file_new_for_path (path);
}

static CdImportDialog *
wait_for_dialog (Fixture *f)
{
  cd_test_wait_until (cd_test_import_dialog_shown, f->window, 10000);
  /* presented: its focus and default are those the user gets */
  cd_test_iterate (50);
  return CD_IMPORT_DIALOG (cd_window_get_import_dialog (f->window));
}

static CdImportDialog *
review_files (Fixture    *f,
              const char *first,
              ...) G_GNUC_NULL_TERMINATED;

static CdImportDialog *
review_files (Fixture    *f,
              const char *first,
              ...)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (const char *name = first; name; name = va_arg (args, const char *))
    g_ptr_array_add (files, page_copy (name));
  va_end (args);
  cd_window_import_files (f->window, (GFile **) files->pdata, (int) files->len);
  return wait_for_dialog (f);
}

static CdImportDialog *
review_paste (Fixture    *f,
              const char *text)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (f->window)), text);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.paste-import", NULL);
  return wait_for_dialog (f);
}

typedef struct
{
  CdStore *store;
  guint n;
} Count;

static gboolean
store_has_count (gpointer data)
{
  Count *count = data;

  return g_list_model_get_n_items (G_LIST_MODEL (count->store)) == count->n;
}

static gboolean
dialog_gone (gpointer window)
{
  return cd_window_get_import_dialog (window) == NULL;
}

/* Accepts the dialog and waits until the store lists @n articles and
 * the window is done. */
static void
accept (Fixture        *f,
        CdImportDialog *dialog,
        guint           n)
{
  Count count = { f->store, n };

  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.accept", NULL);
  cd_test_wait_until (store_has_count, &count, 10000);
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
}

static CdArticleSummary *
find_summary (Fixture    *f,
              const char *headline,
              gboolean    marked)
{
  GListModel *model = G_LIST_MODEL (f->store);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdArticleSummary) s = g_list_model_get_item (model, i);

      const char *duplicate_of = cd_article_summary_get_duplicate_of (s);

      /* an article not marked has an empty duplicate_of */
      if (g_str_equal (cd_article_summary_get_headline (s), headline) &&
          (duplicate_of != NULL && *duplicate_of != '\0') == marked)
        return cd_store_find (f->store, cd_article_summary_get_id (s));
    }
  g_assert_not_reached ();
}

/* The outermost row titled @title: an expander row holds an action row
 * of the same title, and the walk meets the expander first. */
static AdwPreferencesRow *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return ADW_PREFERENCES_ROW (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwPreferencesRow *found = find_row (child, title);

      if (found)
        return found;
    }
  return NULL;
}

static const char *
row_subtitle (AdwPreferencesRow *row)
{
  if (ADW_IS_EXPANDER_ROW (row))
    return adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* A warning icon the user sees on @row, not one in a tooltip. */
static gboolean
row_shows_warning_icon (GtkWidget *root)
{
  if (GTK_IS_IMAGE (root) && gtk_widget_has_css_class (root, "warning") &&
      gtk_widget_get_mapped (root))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    if (row_shows_warning_icon (child))
      return TRUE;
  return FALSE;
}

static CdArticleRow *
find_list_row (GtkWidget  *root,
               const char *id)
{
  if (CD_IS_ARTICLE_ROW (root))
    {
      CdArticleSummary *s = cd_article_row_get_summary (CD_ARTICLE_ROW (root));

      if (s && g_str_equal (cd_article_summary_get_id (s), id))
        return CD_ARTICLE_ROW (root);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      CdArticleRow *found = find_list_row (child, id);

      if (found)
        return found;
    }
  return NULL;
}

/* The mark on disk, in the list and in the list's row. */
static void
assert_marked (Fixture    *f,
               const char *headline,
               const char *original_id)
{
  CdArticleSummary *marked = find_summary (f, headline, TRUE);
  const char *id = cd_article_summary_get_id (marked);
  g_autoptr(CdArticle) on_disk = cd_test_article_on_disk (f, id);
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (f->dir, "articles", name, NULL);
  g_autofree char *contents = NULL;
  CdArticleRow *row;

  g_assert_cmpstr (cd_article_summary_get_duplicate_of (marked), ==, original_id);
  g_assert_true (cd_article_summary_get_warnings (marked) & CD_ARTICLE_WARNING_POSSIBLE_DUPLICATE);
  g_assert_cmpstr (cd_article_get_duplicate_of (on_disk), ==, original_id);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"duplicate-of\""));

  row = find_list_row (cd_window_get_article_list (f->window), id);
  g_assert_nonnull (row);
  g_assert_true (row_shows_warning_icon (GTK_WIDGET (row)));
}

static void
test_paste_near_duplicate (Fixture       *f,
                           gconstpointer  data)
{
  const char *headline = "Harbour Bridge Closed for Night Repairs";
  CdImportDialog *dialog = review_paste (f, paste_story);
  g_autofree char *original_id = NULL;
  AdwPreferencesRow *row;

  g_assert_cmpuint (cd_import_dialog_get_n_new (dialog), ==, 1);
  g_assert_cmpuint (cd_import_dialog_get_n_near_duplicates (dialog), ==, 0);
  accept (f, dialog, 1);
  original_id = g_strdup (cd_article_summary_get_id (find_summary (f, headline, FALSE)));

  dialog = review_paste (f, paste_story_edited);
  g_assert_cmpuint (cd_import_dialog_get_n_new (dialog), ==, 1);
  g_assert_cmpuint (cd_import_dialog_get_n_near_duplicates (dialog), ==, 1);
  row = find_row (GTK_WIDGET (dialog), headline);
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (row_subtitle (row),
                            "It looks like “Harbour Bridge Closed for Night Repairs”, already "
                            "in the store, and will be marked as a possible duplicate."));
  g_assert_true (row_shows_warning_icon (GTK_WIDGET (row)));
  accept (f, dialog, 2);
  assert_marked (f, headline, original_id);
}

static void
test_file_near_duplicate (Fixture       *f,
                          gconstpointer  data)
{
  const char *headline = "Lighthouse Keepers Return to Gull Point After Twenty Years";
  CdImportDialog *dialog = review_files (f, "full-lf.txt", NULL);
  g_autofree char *original_id = NULL;
  g_autofree char *summary = NULL;

  accept (f, dialog, 1);
  original_id = g_strdup (cd_article_summary_get_id (find_summary (f, headline, FALSE)));

  dialog = review_files (f, "near-duplicate.txt", NULL);
  g_assert_cmpuint (cd_import_dialog_get_n_near_duplicates (dialog), ==, 1);
  summary = cd_import_dialog_dup_summary (dialog);
  g_assert_cmpstr (summary, ==,
                   "1 new article will be imported.\n"
                   "1 article looks like one already known and will be marked as a possible "
                   "duplicate.");
  accept (f, dialog, 2);
  assert_marked (f, headline, original_id);
}

/* Both in one import: the edit resembles an article the same import
 * brings, and is marked with that article's id. */
static void
test_near_duplicate_within_import (Fixture       *f,
                                   gconstpointer  data)
{
  const char *headline = "Lighthouse Keepers Return to Gull Point After Twenty Years";
  CdImportDialog *dialog = review_files (f, "full-lf.txt", "near-duplicate.txt", NULL);
  AdwPreferencesRow *row = NULL;
  GtkWidget *list;

  g_assert_cmpuint (cd_import_dialog_get_n_new (dialog), ==, 2);
  g_assert_cmpuint (cd_import_dialog_get_n_near_duplicates (dialog), ==, 1);
  /* the second row of that title is the edit */
  list = gtk_widget_get_parent (GTK_WIDGET (find_row (GTK_WIDGET (dialog), headline)));
  for (GtkWidget *child = gtk_widget_get_last_child (list); child && row == NULL;
       child = gtk_widget_get_prev_sibling (child))
    row = find_row (child, headline);
  g_assert_nonnull (strstr (row_subtitle (row), "found earlier in this import"));
  accept (f, dialog, 2);
  assert_marked (f, headline, cd_article_summary_get_id (find_summary (f, headline, FALSE)));
}

/* Enter imports when there is something to import. */
static void
test_enter_imports (Fixture       *f,
                    gconstpointer  data)
{
  CdImportDialog *dialog = review_files (f, "several-articles.txt", NULL);
  GtkWidget *button = gtk_window_get_default_widget (GTK_WINDOW (dialog));
  Count count = { f->store, 3 };

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "import.accept");
  g_assert_true (gtk_widget_is_sensitive (button));
  /* Cancel must not hold the focus, or Enter would press it */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (dialog)) == button);

  if (cd_test_can_press_keys ())
    cd_test_press_keys (GTK_WIDGET (dialog), "Return", NULL);
  else
    gtk_widget_activate_action (GTK_WIDGET (dialog), "default.activate", NULL);
  cd_test_wait_until (store_has_count, &count, 10000);
  cd_test_wait_until (dialog_gone, f->window, 10000);
}

/* Nothing new: Enter does not import; Import is neither default nor
 * pressable. */
static void
test_enter_with_nothing_new (Fixture       *f,
                             gconstpointer  data)
{
  CdImportDialog *dialog = review_files (f, "several-articles.txt", NULL);
  g_autofree char *summary = NULL;

  accept (f, dialog, 3);
  dialog = review_files (f, "several-articles.txt", NULL);
  summary = cd_import_dialog_dup_summary (dialog);
  g_assert_cmpstr (summary, ==,
                   "Nothing new to import.\n"
                   "3 articles are already in the store and will be left out.");
  g_assert_null (gtk_window_get_default_widget (GTK_WINDOW (dialog)));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "default.activate", NULL);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.accept", NULL);
  cd_test_iterate (100);
  g_assert_true (cd_window_get_import_dialog (f->window) == GTK_WIDGET (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 3);

  if (cd_test_can_press_keys ())
    {
      /* Enter answers Cancel, which has the focus */
      cd_test_press_keys (GTK_WIDGET (dialog), "Return", NULL);
      cd_test_wait_until (dialog_gone, f->window, 10000);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 3);
    }
}

/* The three kinds of summary as the dialog shows them. */
static void
test_summary_wording (Fixture       *f,
                      gconstpointer  data)
{
  CdImportDialog *dialog = review_files (f, "several-articles.txt", NULL);
  g_autofree char *all_new = cd_import_dialog_dup_summary (dialog);
  g_autofree char *some_new = NULL;

  g_assert_cmpstr (all_new, ==, "3 new articles will be imported.");
  accept (f, dialog, 3);

  dialog = review_files (f, "several-articles.txt", "arabic.txt", NULL);
  some_new = cd_import_dialog_dup_summary (dialog);
  g_assert_cmpstr (some_new, ==,
                   "1 new article will be imported.\n"
                   "3 articles are already in the store and will be left out.");
}

/* A row with nothing removed has nothing to expand to; one with lines
 * removed lists them. The missing credit is said on the row. */
static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  CdImportDialog *dialog = review_files (f, "several-articles.txt", "caption-without-credit.txt",
                                         NULL);
  AdwPreferencesRow *plain = find_row (GTK_WIDGET (dialog),
                                       "Cycling Lane Painted on Harbour Road");
  AdwPreferencesRow *cleaned = find_row (GTK_WIDGET (dialog),
                                         "Ferry Timetable Changes From Monday");
  AdwPreferencesRow *no_credit = NULL;
  GtkWidget *list = gtk_widget_get_parent (GTK_WIDGET (plain));

  g_assert_false (ADW_IS_EXPANDER_ROW (plain));
  g_assert_null (strstr (row_subtitle (plain), "removed"));
  g_assert_true (ADW_IS_EXPANDER_ROW (cleaned));
  g_assert_nonnull (strstr (row_subtitle (cleaned), "4 lines removed"));

  /* the last row, from caption-without-credit.txt */
  no_credit = ADW_PREFERENCES_ROW (gtk_widget_get_last_child (list));
  g_assert_nonnull (strstr (row_subtitle (no_credit),
                            "A photo has no credit; add one before publishing."));
  g_assert_true (row_shows_warning_icon (GTK_WIDGET (no_credit)));
  g_assert_false (row_shows_warning_icon (GTK_WIDGET (plain)));
  cd_test_assert_accessible_names (GTK_WIDGET (dialog));
}

static gboolean
shows_empty_list (GtkWidget *root)
{
  if (GTK_IS_LIST_BOX (root) && gtk_widget_get_mapped (root) &&
      gtk_widget_get_first_child (root) == NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    if (shows_empty_list (child))
      return TRUE;
  return FALSE;
}

/* A file that cannot be read: its card, and no empty list under it. */
static void
test_error_only (Fixture       *f,
                 gconstpointer  data)
{
  CdImportDialog *dialog = review_files (f, "not-utf8.txt", NULL);
  g_autofree char *summary = cd_import_dialog_dup_summary (dialog);

  g_assert_cmpstr (summary, ==,
                   "Nothing to import.\n"
                   "What could not be read is listed below and is left out.");
  g_assert_nonnull (find_row (GTK_WIDGET (dialog), "not-utf8.txt"));
  g_assert_false (shows_empty_list (GTK_WIDGET (dialog)));
  g_assert_null (gtk_window_get_default_widget (GTK_WINDOW (dialog)));
}

int
main (int   argc,
      char *argv[])
{
  cd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/import/paste-near-duplicate", test_paste_near_duplicate);
  ADD ("/import/file-near-duplicate", test_file_near_duplicate);
  ADD ("/import/near-duplicate-within-import", test_near_duplicate_within_import);
  ADD ("/import/enter-imports", test_enter_imports);
  ADD ("/import/enter-with-nothing-new", test_enter_with_nothing_new);
  ADD ("/import/summary-wording", test_summary_wording);
  ADD ("/import/rows", test_rows);
  ADD ("/import/error-only", test_error_only);

#undef ADD

  return g_test_run ();
}

/* test-window.c: the whole window on a real store, driven through actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <adwaita.h>

#include "cd-article-editor.h"
#include "cd-article-file.h"
#include "cd-article-list.h"
#include "cd-captions-view.h"
#include "cd-import-dialog.h"
#include "cd-photo-manager.h"
#include "cd-photo-row.h"
#include "cd-preferences-window.h"
#include "cd-site.h"
#include "cd-store-private.h"
#include "cd-test-utils.h"
#include "cd-trash-dialog.h"
#include "cd-window.h"

/* No fields of its own. */
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

static CdArticle *
find_article (Fixture    *f,
              const char *headline_prefix)
{
  GListModel *model = G_LIST_MODEL (f->store);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdArticleSummary) s = g_list_model_get_item (model, i);

      if (g_str_has_prefix (cd_article_summary_get_headline (s), headline_prefix))
        return cd_store_load_article (f->store, cd_article_summary_get_id (s), NULL, NULL);
    }
  return NULL;
}

static void
test_import_and_select (Fixture       *f,
                        gconstpointer  data)
{
  GListModel *shown;

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  shown = cd_article_list_get_model (CD_ARTICLE_LIST (cd_window_get_article_list (f->window)));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 5);

  /* The same samples again are all recognised as already there. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-samples", NULL);
  g_object_set_data (G_OBJECT (f->window), "cd-import-dialog", NULL);
  cd_test_wait_until (cd_test_import_dialog_shown, f->window, 10000);
  g_assert_cmpuint (cd_import_dialog_get_n_new (CD_IMPORT_DIALOG (cd_window_get_import_dialog (f->window))), ==, 0);
  g_assert_cmpuint (cd_import_dialog_get_n_duplicates (CD_IMPORT_DIALOG (cd_window_get_import_dialog (f->window))), ==, 5);
  gtk_window_destroy (GTK_WINDOW (cd_window_get_import_dialog (f->window)));

  cd_test_select_headline (f, "Island Ferry");
  g_assert_cmpstr (cd_article_get_headline (cd_window_get_article (f->window)), ==,
                   "Island Ferry Timetable Cut After Engine Fault");
}

static void
test_headline_reaches_disk (Fixture       *f,
                            gconstpointer  data)
{
  CdArticleEditor *editor = CD_ARTICLE_EDITOR (cd_window_get_editor (f->window));
  g_autoptr(CdArticle) on_disk = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  cd_test_select_headline (f, "City Library");
  cd_test_type_text (cd_article_editor_get_headline_entry (editor),
                     "City Library Stays Open Until Midnight");
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);

  name = g_strconcat (cd_article_get_id (cd_window_get_article (f->window)), ".json", NULL);
  path = g_build_filename (f->dir, "articles", name, NULL);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "City Library Stays Open Until Midnight"));
}

static void
test_search_filters (Fixture       *f,
                     gconstpointer  data)
{
  CdArticleList *list = CD_ARTICLE_LIST (cd_window_get_article_list (f->window));
  GListModel *shown = cd_article_list_get_model (list);

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.find", NULL);

  /* Headline: filtered at once. */
  cd_article_list_set_search_text (list, "ferry");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);

  /* A word only in a body ("pigeon") appears once the thread is done. */
  cd_article_list_set_search_text (list, "pigeon");
  while (cd_article_list_get_searching (list))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);

  cd_article_list_set_search_text (list, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 5);

  cd_article_list_set_status_filter (list, CD_ARTICLE_STATUS_READY);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  cd_article_list_set_status_filter (list, -1);
}

static void
test_photo_credit (Fixture       *f,
                   gconstpointer  data)
{
  CdPhotoManager *manager = CD_PHOTO_MANAGER (cd_window_get_photo_manager (f->window));
  g_autoptr(CdArticle) on_disk = NULL;
  GtkWidget *row;

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  cd_test_select_headline (f, "City Library");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "photos");

  row = cd_photo_manager_get_row (manager, 0);
  g_assert_nonnull (row);
  g_assert_true (cd_photo_row_get_has_warning (CD_PHOTO_ROW (row)));
  cd_test_type_text (cd_photo_row_get_credit_entry (CD_PHOTO_ROW (row)), "City Archive");
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);

  on_disk = find_article (f, "City Library");
  g_assert_cmpstr (cd_photo_get_credit (cd_article_get_photo (on_disk, 0)), ==, "City Archive");
  g_assert_false (cd_article_get_warnings (on_disk) & CD_ARTICLE_WARNING_PHOTO_NO_CREDIT);
}

static void
test_arabic_is_rtl (Fixture       *f,
                    gconstpointer  data)
{
  CdArticleEditor *editor = CD_ARTICLE_EDITOR (cd_window_get_editor (f->window));

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  cd_test_select_headline (f, "افتتاح");
  g_assert_true (cd_article_is_rtl (cd_window_get_article (f->window)));
  g_assert_cmpint (gtk_widget_get_direction (cd_article_editor_get_body_view (editor)), ==,
                   GTK_TEXT_DIR_RTL);
  cd_test_select_headline (f, "Island Ferry");
  g_assert_cmpint (gtk_widget_get_direction (cd_article_editor_get_body_view (editor)), ==,
                   GTK_TEXT_DIR_LTR);
}

static void
test_trash_and_undo (Fixture       *f,
                     gconstpointer  data)
{
  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  cd_test_select_headline (f, "Island Ferry");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.trash", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 4);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-trash", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 5);
}

static GtkWidget *
list_view (Fixture *f)
{
  return cd_test_find_widget (cd_window_get_article_list (f->window), GTK_TYPE_GRID_VIEW);
}

/* The list's selection and the editor agree: one row selected, the
 * open article's, or none and no article open. */
static void
assert_selection_agrees (Fixture *f)
{
  CdArticleList *list = CD_ARTICLE_LIST (cd_window_get_article_list (f->window));
  g_auto(GStrv) selected = cd_article_list_dup_selected_ids (list);
  CdArticle *open = cd_window_get_article (f->window);

  if (open == NULL)
    {
      g_assert_cmpuint (g_strv_length (selected), ==, 0);
      return;
    }
  g_assert_cmpuint (g_strv_length (selected), ==, 1);
  g_assert_cmpstr (selected[0], ==, cd_article_get_id (open));
}

static guint
list_position (Fixture    *f,
               const char *id)
{
  CdArticleList *list = CD_ARTICLE_LIST (cd_window_get_article_list (f->window));
  GListModel *model = cd_article_list_get_model (list);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdArticleSummary) s = g_list_model_get_item (model, i);

      if (g_str_equal (cd_article_summary_get_id (s), id))
        return i;
    }
  g_error ("the list does not show %s", id);
  return G_MAXUINT;
}

typedef struct
{
  Fixture *f;
  const char *id;
} Shown;

static gboolean
article_shown (gpointer data)
{
  Shown *shown = data;
  CdArticle *open = cd_window_get_article (shown->f->window);

  return open && g_str_equal (cd_article_get_id (open), shown->id) &&
         !cd_window_get_busy (shown->f->window);
}

/* A click on the row of @id (what the row's click does: select it alone)
 * opens it, even when the row was selected already. */
static void
click_row_opens (Fixture    *f,
                 const char *id)
{
  Shown shown = { f, id };

  gtk_widget_activate_action (list_view (f), "list.select-item", "(ubb)",
                              list_position (f, id), FALSE, FALSE);
  cd_test_wait_until (article_shown, &shown, 10000);
  assert_selection_agrees (f);
}

/* Undo of a trash brings the article back, selected and open. */
static void
test_undo_trash_selects (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = NULL;
  Shown shown = { f, NULL };

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  id = cd_test_open_headline (f, "Island Ferry");
  shown.id = id;
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.trash", NULL);
  cd_test_iterate (100);
  assert_selection_agrees (f);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-trash", NULL);
  cd_test_wait_until (article_shown, &shown, 10000);
  cd_test_iterate (100);
  assert_selection_agrees (f);
  click_row_opens (f, id);
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

/* Restored from the Trash dialog, the row comes back unselected, as no
 * article is open; a click opens it. */
static void
test_trash_dialog_restore_selection (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *id = NULL;
  GtkWidget *dialog;

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  id = cd_test_open_headline (f, "Island Ferry");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.trash", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-trash", NULL);
  cd_test_iterate (300);
  dialog = find_toplevel (CD_TYPE_TRASH_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_activate_action (dialog, "trash.restore", "s", id));
  gtk_window_close (GTK_WINDOW (dialog));
  cd_test_iterate (300);
  g_assert_nonnull (cd_store_find (f->store, id));
  assert_selection_agrees (f);
  click_row_opens (f, id);
}

static gboolean
no_article (gpointer data)
{
  return cd_window_get_article (data) == NULL && !cd_window_get_busy (data);
}

/* The CLI deletes the open article: the editor lets go and no row stays
 * selected; a click on any row opens it. */
static void
test_cli_delete_selection (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *other = NULL;

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  other = cd_test_open_headline (f, "Coastal Town");
  id = cd_test_open_headline (f, "Island Ferry");
  cd_test_run_cli (f, (const char *[]) { "delete", id, NULL });
  cd_test_wait_until (no_article, f->window, 10000);
  cd_test_iterate (300);
  g_assert_null (cd_store_find (f->store, id));
  assert_selection_agrees (f);

  /* Back from the trash by the CLI too, once the store reads it again
   * (as it does after an import or any other change elsewhere). */
  cd_test_run_cli (f, (const char *[]) { "restore", id, NULL });
  g_assert_true (cd_store_open (f->store, NULL, NULL));
  cd_test_iterate (300);
  g_assert_nonnull (cd_store_find (f->store, id));
  assert_selection_agrees (f);
  click_row_opens (f, id);
  click_row_opens (f, other);
}

static void
test_accessible_names (Fixture       *f,
                       gconstpointer  data)
{
  const char *views[] = { "photos", "captions", "queue", "editor" };

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);

  cd_test_select_headline (f, "Coastal Town");
  cd_test_assert_accessible_names (GTK_WIDGET (f->window));
  /* The views are made the first time they show: each is checked then. */
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", views[i]);
      cd_test_iterate (50);
      cd_test_assert_accessible_names (GTK_WIDGET (f->window));
    }
}

/* Some label under @widget reads @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      g_str_equal (gtk_label_get_label (GTK_LABEL (widget)), text))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

/* The headline limit is a setting of the store: changed in Preferences,
 * the open editor counts against the new limit at once. */
static void
test_headline_limit_follows_preferences (Fixture       *f,
                                         gconstpointer  data)
{
  GtkWidget *editor = cd_window_get_editor (f->window);
  GtkWidget *entry = cd_article_editor_get_headline_entry (CD_ARTICLE_EDITOR (editor));
  GtkWidget *prefs;
  GtkWidget *spin;

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  cd_test_select_headline (f, "Island Ferry");   /* 45 characters */
  g_assert_true (shows_label (editor, "45/90"));
  g_assert_false (gtk_widget_has_css_class (entry, "warning"));

  prefs = cd_preferences_window_new (f->store);
  gtk_window_present (GTK_WINDOW (prefs));
  spin = cd_test_find_widget (prefs, GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (spin);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 30);
  cd_test_iterate (50);
  g_assert_cmpuint (cd_article_editor_get_headline_limit (CD_ARTICLE_EDITOR (editor)), ==, 30);
  g_assert_true (shows_label (editor, "45/30"));
  g_assert_true (gtk_widget_has_css_class (entry, "warning"));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 60);
  cd_test_iterate (50);
  g_assert_true (shows_label (editor, "45/60"));
  g_assert_false (gtk_widget_has_css_class (entry, "warning"));
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static gboolean
shows_limit_40 (gpointer data)
{
  return shows_label (cd_window_get_editor (data), "45/40");
}

static JsonObject *
settings_on_disk (Fixture *f)
{
  g_autoptr(CdStore) other = cd_store_new (f->dir);
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_store_open (other, NULL, &error));
  return json_object_ref (cd_store_get_settings (other));
}

static gboolean
settings_saved (gpointer store)
{
  return !cd_store_get_settings_pending (store);
}

/* Holding the spin button down: the editor follows every step at once,
 * but store.json is written once, SAVE_DELAY_MS after the last step, with
 * the last value; and closing Preferences right after a change writes
 * it without waiting.
 *
 * No clock decides the outcome: the steps run without the main loop in
 * between, so however slow the machine no write can start among them,
 * and each step is seen to start the delay again by the time the write
 * is due; then the test waits for the write itself. */
static void
test_headline_limit_saved_once (Fixture       *f,
                                gconstpointer  data)
{
  CdArticleEditor *editor = CD_ARTICLE_EDITOR (cd_window_get_editor (f->window));
  g_autoptr(JsonObject) on_disk = NULL;
  g_autoptr(JsonObject) at_close = NULL;
  GtkWidget *prefs;
  GtkWidget *spin;
  guint writes = cd_store_get_n_settings_writes (f->store);

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  prefs = cd_preferences_window_new (f->store);
  gtk_window_present (GTK_WINDOW (prefs));
  spin = cd_test_find_widget (prefs, GTK_TYPE_SPIN_BUTTON);

  /* Drawn once before the steps. */
  cd_test_iterate (500);
  g_assert_cmpint (cd_preferences_window_get_save_due (CD_PREFERENCES_WINDOW (prefs)), ==, 0);
  for (guint i = 0; i < 20; i++)
    {
      gint64 before = g_get_monotonic_time ();

      gtk_spin_button_spin (GTK_SPIN_BUTTON (spin), GTK_SPIN_STEP_FORWARD, 1);
      g_assert_cmpuint (cd_article_editor_get_headline_limit (editor), ==, 91 + i);
      /* Due a whole delay after this step, so later than after the last. */
      g_assert_cmpint (cd_preferences_window_get_save_due (CD_PREFERENCES_WINDOW (prefs)), >=,
                       before + CD_PREFERENCES_WINDOW_SAVE_DELAY_MS * G_TIME_SPAN_MILLISECOND);
    }
  g_assert_cmpuint (cd_store_get_n_settings_writes (f->store), ==, writes);
  on_disk = settings_on_disk (f);
  g_assert_cmpint (json_object_get_int_member (on_disk, "headline-limit"), ==, 90);

  cd_test_wait_until (settings_saved, f->store, 10000);
  g_assert_cmpuint (cd_store_get_n_settings_writes (f->store), ==, writes + 1);
  g_assert_cmpint (cd_preferences_window_get_save_due (CD_PREFERENCES_WINDOW (prefs)), ==, 0);
  g_clear_pointer (&on_disk, json_object_unref);
  on_disk = settings_on_disk (f);
  g_assert_cmpint (json_object_get_int_member (on_disk, "headline-limit"), ==, 110);
  /* And nothing more comes later. */
  cd_test_iterate (700);
  g_assert_cmpuint (cd_store_get_n_settings_writes (f->store), ==, writes + 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 75);
  gtk_window_destroy (GTK_WINDOW (prefs));
  cd_test_wait_until (settings_saved, f->store, 10000);
  g_assert_cmpuint (cd_store_get_n_settings_writes (f->store), ==, writes + 2);
  at_close = settings_on_disk (f);
  g_assert_cmpint (json_object_get_int_member (at_close, "headline-limit"), ==, 75);
  g_assert_cmpuint (cd_article_editor_get_headline_limit (editor), ==, 75);
}

/* Another program (the CLI's "site add", another Copydesk) changes the
 * store's settings: the open editor follows the new limit, and a change
 * made later in this window's Preferences keeps the other program's. */
static void
test_settings_changed_elsewhere (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(CdStore) other = cd_store_new (f->dir);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) copy = NULL;
  g_autoptr(GPtrArray) sites = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonObject) on_disk = NULL;
  g_autoptr(GPtrArray) sites_on_disk = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *settings;
  GtkWidget *prefs;
  GtkWidget *spin;

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  cd_test_select_headline (f, "Island Ferry");   /* 45 characters */
  prefs = cd_preferences_window_new (f->store);
  gtk_window_present (GTK_WINDOW (prefs));

  g_assert_true (cd_store_open (other, NULL, &error));
  json_node_set_object (node, cd_store_get_settings (other));
  copy = json_node_copy (node);
  settings = json_node_get_object (copy);
  json_object_set_int_member (settings, "headline-limit", 40);
  g_ptr_array_add (sites, cd_site_new ("newsroom", "https://news.example.org", "lina", &error));
  g_assert_no_error (error);
  cd_sites_to_settings (sites, settings);
  g_assert_true (cd_store_save_settings (other, settings, &error));
  cd_test_wait_until (shows_limit_40, f->window, 10000);

  /* The open Preferences show it too. */
  spin = cd_test_find_widget (prefs, GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 40);
  g_assert_true (shows_label (prefs, "newsroom"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 60);
  cd_test_iterate (50);
  gtk_window_destroy (GTK_WINDOW (prefs));
  cd_test_wait_until (settings_saved, f->store, 10000);

  on_disk = settings_on_disk (f);
  g_assert_cmpint (json_object_get_int_member (on_disk, "headline-limit"), ==, 60);
  sites_on_disk = cd_sites_from_settings (on_disk, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cd_sites_find (sites_on_disk, "newsroom"));
}

static const char *
headline_shown (Fixture *f)
{
  CdArticleEditor *editor = CD_ARTICLE_EDITOR (cd_window_get_editor (f->window));

  return gtk_editable_get_text (GTK_EDITABLE (cd_article_editor_get_headline_entry (editor)));
}

static gboolean
shows_cli_headline (gpointer data)
{
  Fixture *f = data;

  return g_str_equal (headline_shown (f), "Ferry Service Restored After Repairs");
}

static gboolean
in_conflict (gpointer data)
{
  return cd_window_get_conflict (data);
}

static char *
headline_on_disk (Fixture    *f,
                  const char *id)
{
  g_autoptr(CdArticle) article = cd_test_article_on_disk (f, id);

  return g_strdup (cd_article_get_headline (article));
}

static void
test_changed_on_disk_reloads (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *id = NULL;

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  id = g_strdup (cd_test_select_headline (f, "Island Ferry"));

  /* Nothing typed here: the other program's version simply comes in. */
  cd_test_run_cli (f, (const char *[]) { "set", id, "headline",
                                         "Ferry Service Restored After Repairs", NULL });
  cd_test_wait_until (shows_cli_headline, f, 10000);
  g_assert_false (cd_window_get_conflict (f->window));
  g_assert_cmpstr (cd_article_get_headline (cd_window_get_article (f->window)), ==,
                   "Ferry Service Restored After Repairs");
}

static void
test_changed_on_disk_while_editing (Fixture       *f,
                                    gconstpointer  data)
{
  CdArticleEditor *editor = CD_ARTICLE_EDITOR (cd_window_get_editor (f->window));
  g_autofree char *id = NULL;
  g_autofree char *on_disk = NULL;

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  id = g_strdup (cd_test_select_headline (f, "Island Ferry"));

  /* Typed, not yet saved, when the other program writes. */
  cd_test_type_text (cd_article_editor_get_headline_entry (editor), "Ferry Timetable Cut, Mine");
  cd_test_run_cli (f, (const char *[]) { "set", id, "headline",
                                         "Ferry Service Restored After Repairs", NULL });
  cd_test_wait_until (in_conflict, f->window, 10000);

  /* The window offers the choice and overwrites nothing meanwhile. */
  cd_test_iterate (1500);
  g_assert_true (cd_window_get_conflict (f->window));
  g_assert_cmpstr (headline_shown (f), ==, "Ferry Timetable Cut, Mine");
  on_disk = headline_on_disk (f, id);
  g_assert_cmpstr (on_disk, ==, "Ferry Service Restored After Repairs");

  /* Reload takes the other version. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reload", NULL);
  g_assert_false (cd_window_get_conflict (f->window));
  g_assert_cmpstr (headline_shown (f), ==, "Ferry Service Restored After Repairs");
}

static void
test_save_conflict_keeps_mine (Fixture       *f,
                               gconstpointer  data)
{
  CdArticleEditor *editor = CD_ARTICLE_EDITOR (cd_window_get_editor (f->window));
  g_autoptr(CdStore) other = cd_store_new (f->dir);
  g_autoptr(CdArticle) theirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *on_disk = NULL;
  GtkTextBuffer *body;
  GtkTextIter end;

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  id = g_strdup (cd_test_select_headline (f, "City Library"));

  /* A second store on the same folder (another Copydesk) saves the
   * article; this window then saves over an older revision. */
  g_assert_true (cd_store_open (other, NULL, &error));
  theirs = cd_store_load_article (other, id, NULL, &error);
  g_assert_no_error (error);
  cd_article_set_headline (theirs, "Library Hours Unchanged, Council Says");
  g_assert_true (cd_store_save_article (other, theirs, NULL, &error));

  cd_test_type_text (cd_article_editor_get_headline_entry (editor),
                     "City Library Open Until Midnight");
  body = gtk_text_view_get_buffer (GTK_TEXT_VIEW (cd_article_editor_get_body_view (editor)));
  gtk_text_buffer_get_end_iter (body, &end);
  gtk_text_buffer_insert_interactive (body, &end, "\n\nA paragraph typed here.", -1, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL);
  cd_test_wait_until (in_conflict, f->window, 10000);

  /* Nothing typed is lost, and the other version is not overwritten
   * until asked to. */
  cd_test_iterate (1500);
  g_assert_cmpstr (headline_shown (f), ==, "City Library Open Until Midnight");
  g_assert_true (g_str_has_suffix (cd_article_get_body (cd_window_get_article (f->window)),
                                   "A paragraph typed here."));
  on_disk = headline_on_disk (f, id);
  g_assert_cmpstr (on_disk, ==, "Library Hours Unchanged, Council Says");

  /* Keep Mine writes what was typed. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.keep-mine", NULL);
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
  g_assert_false (cd_window_get_conflict (f->window));
  g_clear_pointer (&on_disk, g_free);
  on_disk = headline_on_disk (f, id);
  g_assert_cmpstr (on_disk, ==, "City Library Open Until Midnight");
  g_clear_object (&theirs);
  theirs = cd_store_load_article (other, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (cd_article_get_body (theirs), "A paragraph typed here."));
}

static gboolean
byline_merged (gpointer data)
{
  Fixture *f = data;
  CdArticle *article = cd_window_get_article (f->window);

  return g_str_equal (cd_article_get_byline (article), "Wire Desk") &&
         !cd_window_get_busy (f->window);
}

static void
test_merge_other_field (Fixture       *f,
                        gconstpointer  data)
{
  CdArticleEditor *editor = CD_ARTICLE_EDITOR (cd_window_get_editor (f->window));
  g_autoptr(CdArticle) on_disk = NULL;
  g_autofree char *id = NULL;

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  id = g_strdup (cd_test_select_headline (f, "Island Ferry"));

  /* The editor changes the headline, the other program the byline: both
   * survive, with no question asked. */
  cd_test_type_text (cd_article_editor_get_headline_entry (editor), "Ferry Timetable Cut, Mine");
  cd_test_run_cli (f, (const char *[]) { "set", id, "byline", "Wire Desk", NULL });
  cd_test_wait_until (byline_merged, f, 10000);
  g_assert_false (cd_window_get_conflict (f->window));
  g_assert_cmpstr (headline_shown (f), ==, "Ferry Timetable Cut, Mine");
  on_disk = cd_test_article_on_disk (f, id);
  g_assert_cmpstr (cd_article_get_headline (on_disk), ==, "Ferry Timetable Cut, Mine");
  g_assert_cmpstr (cd_article_get_byline (on_disk), ==, "Wire Desk");
}

static void
test_keep_mine_takes_other_fields (Fixture       *f,
                                   gconstpointer  data)
{
  CdArticleEditor *editor = CD_ARTICLE_EDITOR (cd_window_get_editor (f->window));
  g_autoptr(CdArticle) on_disk = NULL;
  g_autofree char *id = NULL;

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  id = g_strdup (cd_test_select_headline (f, "Island Ferry"));

  /* Both sides change the headline; only the other program the byline. */
  cd_test_type_text (cd_article_editor_get_headline_entry (editor), "Ferry Timetable Cut, Mine");
  cd_test_run_cli (f, (const char *[]) { "set", id, "byline", "Wire Desk", NULL });
  cd_test_run_cli (f, (const char *[]) { "set", id, "headline",
                                         "Ferry Service Restored After Repairs", NULL });
  cd_test_wait_until (in_conflict, f->window, 10000);
  cd_test_iterate (1000);
  g_assert_true (cd_window_get_conflict (f->window));
  g_assert_cmpstr (headline_shown (f), ==, "Ferry Timetable Cut, Mine");

  /* Keep Mine keeps the clashing headline and takes their byline. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.keep-mine", NULL);
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
  g_assert_false (cd_window_get_conflict (f->window));
  g_assert_cmpstr (cd_article_get_byline (cd_window_get_article (f->window)), ==, "Wire Desk");
  on_disk = cd_test_article_on_disk (f, id);
  g_assert_cmpstr (cd_article_get_headline (on_disk), ==, "Ferry Timetable Cut, Mine");
  g_assert_cmpstr (cd_article_get_byline (on_disk), ==, "Wire Desk");
}

static void
test_merge_keeps_publishing_record (Fixture       *f,
                                    gconstpointer  data)
{
  CdArticleEditor *editor = CD_ARTICLE_EDITOR (cd_window_get_editor (f->window));
  g_autoptr(CdStore) other = cd_store_new (f->dir);
  g_autoptr(CdArticle) theirs = NULL;
  g_autoptr(CdArticle) on_disk = NULL;
  g_autoptr(CdSiteBinding) binding = cd_site_binding_new ("example");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  CdSiteBinding *kept;

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  id = g_strdup (cd_test_select_headline (f, "City Library"));

  /* Another Copydesk publishes the article (a binding comes in) while
   * this one edits the headline. */
  g_assert_true (cd_store_open (other, NULL, &error));
  theirs = cd_store_load_article (other, id, NULL, &error);
  g_assert_no_error (error);
  cd_site_binding_set_post_id (binding, "42");
  cd_article_set_binding (theirs, binding);
  g_assert_true (cd_store_save_article (other, theirs, NULL, &error));
  cd_test_type_text (cd_article_editor_get_headline_entry (editor),
                     "City Library Open Until Midnight");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL);
  cd_test_iterate (1500);
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);

  g_assert_false (cd_window_get_conflict (f->window));
  on_disk = cd_test_article_on_disk (f, id);
  g_assert_cmpstr (cd_article_get_headline (on_disk), ==, "City Library Open Until Midnight");
  kept = cd_article_get_binding (on_disk, "example");
  g_assert_nonnull (kept);
  g_assert_cmpstr (cd_site_binding_get_post_id (kept), ==, "42");
}

static gboolean
trashed_elsewhere (gpointer data)
{
  return cd_window_get_trashed_elsewhere (data);
}

static void
trash_while_typing (Fixture  *f,
                    char    **id)
{
  CdArticleEditor *editor = CD_ARTICLE_EDITOR (cd_window_get_editor (f->window));

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  *id = g_strdup (cd_test_select_headline (f, "Island Ferry"));
  cd_test_type_text (cd_article_editor_get_headline_entry (editor), "Ferry Timetable Cut, Mine");
  cd_test_run_cli (f, (const char *[]) { "delete", *id, NULL });
  cd_test_wait_until (trashed_elsewhere, f->window, 10000);

  /* Nothing typed is lost and nothing is written while the window asks. */
  cd_test_iterate (1500);
  g_assert_true (cd_window_get_trashed_elsewhere (f->window));
  g_assert_cmpstr (headline_shown (f), ==, "Ferry Timetable Cut, Mine");
}

static void
test_trashed_elsewhere_restore (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(CdArticle) on_disk = NULL;
  g_autofree char *id = NULL;

  trash_while_typing (f, &id);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.restore-mine", NULL);
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
  g_assert_false (cd_window_get_trashed_elsewhere (f->window));
  g_assert_false (cd_window_get_conflict (f->window));
  on_disk = cd_test_article_on_disk (f, id);
  g_assert_cmpstr (cd_article_get_headline (on_disk), ==, "Ferry Timetable Cut, Mine");
  g_assert_nonnull (cd_store_find (f->store, id));
}

/* Deleted for good while the window asked (the trash emptied, or another
 * window let go of it as an untouched new article): Restore writes the
 * text here as the article again. */
static void
test_deleted_elsewhere_restore (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(CdArticle) on_disk = NULL;
  g_autofree char *id = NULL;

  trash_while_typing (f, &id);
  cd_test_run_cli (f, (const char *[]) { "trash", "empty", "--yes", NULL });
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.restore-mine", NULL);
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
  g_assert_false (cd_window_get_trashed_elsewhere (f->window));
  g_assert_false (cd_window_get_conflict (f->window));
  on_disk = cd_test_article_on_disk (f, id);
  g_assert_nonnull (on_disk);
  g_assert_cmpstr (cd_article_get_headline (on_disk), ==, "Ferry Timetable Cut, Mine");
  g_assert_nonnull (cd_store_find (f->store, id));
}

static void
test_trashed_elsewhere_discard (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) trash = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gboolean in_trash = FALSE;

  trash_while_typing (f, &id);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.discard-trashed", NULL);
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
  g_assert_null (cd_window_get_article (f->window));
  /* The stale row is gone; the article stays in the trash. */
  g_assert_null (cd_store_find (f->store, id));
  trash = cd_store_list_trash (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < trash->len; i++)
    if (g_str_equal (cd_article_summary_get_id (g_ptr_array_index (trash, i)), id))
      in_trash = TRUE;
  g_assert_true (in_trash);
}

static gboolean
save_failed (gpointer data)
{
  return cd_window_get_save_failed (data);
}

static guint
count_message_dialogs (void)
{
  g_autoptr(GListModel) toplevels = NULL;
  guint n = 0;

  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        n++;
    }
  return n;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return count_message_dialogs () > 0;
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
test_unwritable_store (Fixture       *f,
                       gconstpointer  data)
{
  CdArticleEditor *editor = CD_ARTICLE_EDITOR (cd_window_get_editor (f->window));
  g_autofree char *lock = g_build_filename (f->dir, "store.lock", NULL);
  GtkWidget *entry;

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  cd_test_select_headline (f, "Island Ferry");

  /* The store stops taking writes (tests run as root, so a directory in
   * place of the lock file stands in for a read-only folder). */
  g_assert_cmpint (g_remove (lock), ==, 0);
  g_assert_cmpint (g_mkdir (lock, 0755), ==, 0);

  entry = cd_article_editor_get_headline_entry (editor);
  cd_test_type_text (entry, "Ferry Timetable Cut");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL);
  cd_test_wait_until (save_failed, f->window, 10000);
  cd_test_type_text (entry, "Ferry Timetable Cut Again");
  cd_test_iterate (2000);
  cd_test_wait_until (save_failed, f->window, 10000);

  /* Every failed autosave shows in the one banner, never a dialog. */
  g_assert_cmpuint (count_message_dialogs (), ==, 0);
  g_assert_cmpstr (headline_shown (f), ==, "Ferry Timetable Cut Again");

  /* Closing asks once; the answer lets the window go. */
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_close (GTK_WINDOW (f->window));
  cd_test_wait_until (message_dialog_shown, NULL, 10000);
  g_assert_nonnull (f->window);
  adw_message_dialog_response (find_message_dialog (), "discard");
  cd_test_wait_until (pointer_cleared, &f->window, 10000);
  g_assert_cmpint (g_rmdir (lock), ==, 0);
}

static void
test_samples_have_details (Fixture       *f,
                           gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (f->store);
  g_autoptr(CdArticle) observatory = NULL;
  guint n_with_photos = 0;

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  observatory = find_article (f, "Coastal Town");
  g_assert_cmpstr (cd_article_get_section (observatory), ==, "Local");
  g_assert_cmpstr (cd_article_get_byline (observatory), ==, "Lena Marsh");
  g_assert_cmpstr (cd_article_get_language (observatory), ==, "en-GB");
  g_assert_cmpstr (cd_article_get_tags (observatory)[0], ==, "science");

  /* Every sample got its section and the images of its photos, copied
   * into the store, small enough to ship. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdArticleSummary) s = g_list_model_get_item (model, i);
      g_autoptr(CdArticle) article = cd_store_load_article (f->store, cd_article_summary_get_id (s),
                                                            NULL, NULL);

      g_assert_cmpstr (cd_article_get_section (article), !=, "");
      g_assert_cmpstr (cd_article_get_byline (article), !=, "");
      for (guint j = 0; j < cd_article_get_n_photos (article); j++)
        {
          CdPhoto *photo = cd_article_get_photo (article, j);
          g_autoptr(GFile) file = cd_store_get_photo_file (f->store, cd_photo_get_file (photo));
          g_autoptr(GFileInfo) info = NULL;

          g_assert_nonnull (cd_photo_get_file (photo));
          info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);
          g_assert_nonnull (info);
          g_assert_cmpint (g_file_info_get_size (info), <, 60 * 1024);
          g_assert_cmpuint (cd_photo_get_width (photo), ==, 720);
          g_assert_cmpuint (cd_photo_get_height (photo), ==, 480);
          n_with_photos++;
        }
    }
  g_assert_cmpuint (n_with_photos, ==, 7);
}

/* A store of a few thousand small articles, written before the window
 * opens. The files are written as the store writes them but without its
 * fsyncs, which would make this take longer than the test itself. */
#define N_BIG_STORE 2000

static void
big_store_setup (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *articles = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = cd_test_make_tmp_dir ("copydesk-test");
  articles = g_build_filename (f->dir, "articles", NULL);
  g_assert_cmpint (g_mkdir_with_parents (articles, 0700), ==, 0);
  for (guint i = 0; i < N_BIG_STORE; i++)
    {
      g_autoptr(CdArticle) article = cd_article_new ();
      g_autofree char *headline = g_strdup_printf ("Story %04u of the big store", i);
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GBytes) bytes = NULL;

      cd_article_set_headline (article, headline);
      cd_article_set_body (article, "One short paragraph.");
      cd_article_set_revision (article, 1);
      bytes = cd_article_file_serialize (article);
      name = g_strconcat (cd_article_get_id (article), ".json", NULL);
      path = g_build_filename (articles, name, NULL);
      g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
      g_assert_no_error (error);
    }
  cd_test_fixture_open_window (f, 1100, 720);
}

static gboolean
article_let_go (gpointer data)
{
  return cd_window_get_article (data) == NULL && !cd_window_get_busy (data);
}

/* The open article of a big store is trashed by the CLI, once with
 * unsaved text (the banner asks) and once without: each time the list
 * loses that one row and keeps every other, and the store reads a file
 * or two, not the whole folder again. */
static void
test_trashed_elsewhere_big_store (Fixture       *f,
                                  gconstpointer  data)
{
  CdArticleEditor *editor = CD_ARTICLE_EDITOR (cd_window_get_editor (f->window));
  GListModel *shown = cd_article_list_get_model (CD_ARTICLE_LIST (cd_window_get_article_list (f->window)));
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  guint n_read;

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, N_BIG_STORE);
  first = cd_test_open_headline (f, "Story 0010 ");
  cd_test_type_text (cd_article_editor_get_headline_entry (editor), "Story 10, Mine");
  n_read = cd_store_get_n_files_read (f->store);
  cd_test_run_cli (f, (const char *[]) { "delete", first, NULL });
  cd_test_wait_until (trashed_elsewhere, f->window, 10000);
  g_assert_true (shows_label (GTK_WIDGET (f->window),
                              "Another program moved this article to the trash while you were "
                              "editing it. Restore it with your text, or discard your changes?"));
  /* While the window asks, the row stays, and so does every other. */
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, N_BIG_STORE);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.discard-trashed", NULL);
  cd_test_wait_until (article_let_go, f->window, 10000);
  g_assert_null (cd_store_find (f->store, first));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, N_BIG_STORE - 1);
  g_assert_cmpuint (cd_store_get_n_files_read (f->store) - n_read, <=, 2);

  /* Without unsaved text the editor lets go at once. */
  second = cd_test_open_headline (f, "Story 0011 ");
  n_read = cd_store_get_n_files_read (f->store);
  cd_test_run_cli (f, (const char *[]) { "delete", second, NULL });
  cd_test_wait_until (article_let_go, f->window, 10000);
  g_assert_null (cd_store_find (f->store, second));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, N_BIG_STORE - 2);
  g_assert_cmpuint (cd_store_get_n_files_read (f->store) - n_read, <=, 2);
}

int
main (int   argc,
      char *argv[])
{
  cd_test_init (&argc, &argv);

  g_test_add ("/window/import-and-select", Fixture, NULL, fixture_setup, test_import_and_select, fixture_teardown);
  g_test_add ("/window/headline-reaches-disk", Fixture, NULL, fixture_setup, test_headline_reaches_disk, fixture_teardown);
  g_test_add ("/window/search-filters", Fixture, NULL, fixture_setup, test_search_filters, fixture_teardown);
  g_test_add ("/window/photo-credit", Fixture, NULL, fixture_setup, test_photo_credit, fixture_teardown);
  g_test_add ("/window/arabic-is-rtl", Fixture, NULL, fixture_setup, test_arabic_is_rtl, fixture_teardown);
  g_test_add ("/window/trash-and-undo", Fixture, NULL, fixture_setup, test_trash_and_undo, fixture_teardown);
  g_test_add ("/window/undo-trash-selects", Fixture, NULL, fixture_setup, test_undo_trash_selects,
              fixture_teardown);
  g_test_add ("/window/trash-dialog-restore-selection", Fixture, NULL, fixture_setup,
              test_trash_dialog_restore_selection, fixture_teardown);
  g_test_add ("/window/cli-delete-selection", Fixture, NULL, fixture_setup,
              test_cli_delete_selection, fixture_teardown);
  g_test_add ("/window/changed-on-disk-reloads", Fixture, NULL, fixture_setup, test_changed_on_disk_reloads, fixture_teardown);
  g_test_add ("/window/changed-on-disk-while-editing", Fixture, NULL, fixture_setup, test_changed_on_disk_while_editing, fixture_teardown);
  g_test_add ("/window/save-conflict-keeps-mine", Fixture, NULL, fixture_setup, test_save_conflict_keeps_mine, fixture_teardown);
  g_test_add ("/window/merge-other-field", Fixture, NULL, fixture_setup, test_merge_other_field, fixture_teardown);
  g_test_add ("/window/keep-mine-takes-other-fields", Fixture, NULL, fixture_setup, test_keep_mine_takes_other_fields, fixture_teardown);
  g_test_add ("/window/merge-keeps-publishing-record", Fixture, NULL, fixture_setup, test_merge_keeps_publishing_record, fixture_teardown);
  g_test_add ("/window/trashed-elsewhere-restore", Fixture, NULL, fixture_setup, test_trashed_elsewhere_restore, fixture_teardown);
  g_test_add ("/window/deleted-elsewhere-restore", Fixture, NULL, fixture_setup, test_deleted_elsewhere_restore, fixture_teardown);
  g_test_add ("/window/trashed-elsewhere-discard", Fixture, NULL, fixture_setup, test_trashed_elsewhere_discard, fixture_teardown);
  g_test_add ("/window/trashed-elsewhere-big-store", Fixture, NULL, big_store_setup, test_trashed_elsewhere_big_store, fixture_teardown);
  g_test_add ("/window/unwritable-store", Fixture, NULL, fixture_setup, test_unwritable_store, fixture_teardown);
  g_test_add ("/window/samples-have-details", Fixture, NULL, fixture_setup, test_samples_have_details, fixture_teardown);
  g_test_add ("/window/headline-limit-follows-preferences", Fixture, NULL, fixture_setup, test_headline_limit_follows_preferences, fixture_teardown);
  g_test_add ("/window/settings-changed-elsewhere", Fixture, NULL, fixture_setup, test_settings_changed_elsewhere, fixture_teardown);
  g_test_add ("/window/headline-limit-saved-once", Fixture, NULL, fixture_setup, test_headline_limit_saved_once, fixture_teardown);
  g_test_add ("/window/accessible-names", Fixture, NULL, fixture_setup, test_accessible_names, fixture_teardown);

  return g_test_run ();
}

/* test-trash.c: the Trash dialog, opened from the window
 *
 * Articles are deleted in the window as an editor does (win.trash), the
 * dialog is opened by its accelerator, and what it does is checked where
 * it matters: the article list the window shows and the store's folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "cd-article-list.h"
#include "cd-test-utils.h"
#include "cd-trash-dialog-private.h"
#include "cd-window.h"

/* No fields of its own; the application is set, for its accelerators. */
typedef CdTestFixture Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cd_test_fixture_add_application (f);
  cd_test_fixture_set_up (f, 1100, 720);
  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cd_test_fixture_tear_down (f);
}

/* Opens the article whose headline starts with @prefix and deletes it
 * in the window; returns its id. */
static char *
trash_in_window (Fixture    *f,
                 const char *prefix)
{
  char *id = cd_test_open_headline (f, prefix);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.trash", NULL);
  g_assert_null (cd_store_find (f->store, id));
  return id;
}

static gboolean
list_shows (Fixture    *f,
            const char *id)
{
  GtkWidget *list = cd_window_get_article_list (f->window);
  GListModel *model = cd_article_list_get_model (CD_ARTICLE_LIST (list));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdArticleSummary) summary = g_list_model_get_item (model, i);

      if (g_str_equal (cd_article_summary_get_id (summary), id))
        return TRUE;
    }
  return FALSE;
}

static gboolean
in_trash_folder (Fixture    *f,
                 const char *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (f->dir, "trash", name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
in_articles_folder (Fixture    *f,
                    const char *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (f->dir, "articles", name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
dialog_idle (gpointer data)
{
  return !cd_trash_dialog_get_busy (data);
}

/* Ctrl+Shift+T, as the key press would; waits until the trash is read. */
static CdTrashDialog *
open_trash (Fixture *f)
{
  CdTrashDialog *dialog;

  cd_test_press_accel (f, "<Control><Shift>t");
  dialog = CD_TRASH_DIALOG (find_toplevel (CD_TYPE_TRASH_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  cd_test_wait_until (dialog_idle, dialog, 10000);
  return dialog;
}

static GListModel *
items (CdTrashDialog *dialog)
{
  return cd_trash_dialog_get_items (dialog);
}

static const char *
item_id (CdTrashDialog *dialog,
         guint          position)
{
  g_autoptr(CdTrashedArticle) item = g_list_model_get_item (items (dialog), position);

  /* The dialog's model holds the item: the id outlives this reference. */
  return cd_trashed_article_get_id (item);
}

static GtkListBox *
trash_list (CdTrashDialog *dialog)
{
  return GTK_LIST_BOX (cd_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX));
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, (int) n))
    n++;
  return n;
}

static gboolean
status_page_shown (CdTrashDialog *dialog)
{
  GtkWidget *page = cd_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_STATUS_PAGE);

  return page != NULL && gtk_widget_get_mapped (page);
}

static AdwMessageDialog *
confirmation (void)
{
  return ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static gboolean
no_confirmation (gpointer data)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

static void
respond (const char *response)
{
  AdwMessageDialog *dialog = confirmation ();

  g_assert_nonnull (dialog);
  /* What a click on the response's button does: respond, then close. */
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  cd_test_wait_until (no_confirmation, NULL, 5000);
}

static gboolean
dialog_gone (gpointer data)
{
  return find_toplevel (CD_TYPE_TRASH_DIALOG) == NULL;
}

/* Deleted in the window, restored from the dialog: back in the list the
 * window shows and in articles/, gone from trash/. */
static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *id = trash_in_window (f, "Island Ferry");
  g_autoptr(CdArticle) on_disk = NULL;
  g_autoptr(CdTrashedArticle) item = NULL;
  CdTrashDialog *dialog;

  g_assert_false (list_shows (f, id));
  g_assert_null (find_toplevel (CD_TYPE_TRASH_DIALOG));
  dialog = open_trash (f);
  g_assert_cmpuint (g_list_model_get_n_items (items (dialog)), ==, 1);
  item = g_list_model_get_item (items (dialog), 0);
  g_assert_cmpstr (cd_trashed_article_get_id (item), ==, id);
  g_assert_true (g_str_has_prefix (cd_trashed_article_get_headline (item), "Island Ferry"));
  g_assert_false (status_page_shown (dialog));
  cd_test_assert_accessible_names (GTK_WIDGET (dialog));
  /* Nothing selected yet: only the row's own button restores. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "trash.restore-selected", NULL);
  g_assert_false (list_shows (f, id));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "trash.restore", "s", id));
  g_assert_true (list_shows (f, id));
  g_assert_nonnull (cd_store_find (f->store, id));
  g_assert_true (in_articles_folder (f, id));
  g_assert_false (in_trash_folder (f, id));
  on_disk = cd_test_article_on_disk (f, id);
  g_assert_true (g_str_has_prefix (cd_article_get_headline (on_disk), "Island Ferry"));
  g_assert_cmpuint (g_list_model_get_n_items (items (dialog)), ==, 0);
  g_assert_true (status_page_shown (dialog));

  /* The undo toast of the window has nothing left to do. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo-trash", NULL);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* Asked for again, the same dialog comes forward; closed, it goes. */
  cd_test_press_accel (f, "<Control><Shift>t");
  g_assert_true (find_toplevel (CD_TYPE_TRASH_DIALOG) == GTK_WINDOW (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  cd_test_wait_until (dialog_gone, NULL, 5000);
}

/* Two selected rows restored at once. */
static void
test_restore_selection (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *first = trash_in_window (f, "Island Ferry");
  g_autofree char *second = trash_in_window (f, "City Library");
  g_autofree char *third = trash_in_window (f, "Coastal Town");
  CdTrashDialog *dialog = open_trash (f);
  GtkListBox *list = trash_list (dialog);

  g_assert_cmpuint (g_list_model_get_n_items (items (dialog)), ==, 3);
  /* The most recently deleted first. */
  g_assert_cmpstr (item_id (dialog, 0), ==, third);
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 1));
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 2));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "trash.restore-selected", NULL));
  g_assert_true (list_shows (f, first));
  g_assert_true (list_shows (f, second));
  g_assert_false (list_shows (f, third));
  g_assert_true (in_articles_folder (f, first));
  g_assert_true (in_articles_folder (f, second));
  g_assert_cmpuint (g_list_model_get_n_items (items (dialog)), ==, 1);
  g_assert_cmpstr (item_id (dialog, 0), ==, third);
}

/* Delete Permanently asks first; cancelled, nothing goes; confirmed, the
 * file goes and the article is not in the list. */
static void
test_delete_permanently (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *doomed = trash_in_window (f, "Island Ferry");
  g_autofree char *kept = trash_in_window (f, "City Library");
  CdTrashDialog *dialog = open_trash (f);
  GtkListBox *list = trash_list (dialog);

  g_assert_cmpstr (item_id (dialog, 1), ==, doomed);
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "trash.delete-selected", NULL));
  g_assert_nonnull (confirmation ());
  g_assert_cmpstr (adw_message_dialog_get_default_response (confirmation ()), ==, "cancel");
  respond ("cancel");
  g_assert_true (in_trash_folder (f, doomed));
  g_assert_cmpuint (g_list_model_get_n_items (items (dialog)), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "trash.delete-selected", NULL));
  respond ("delete");
  cd_test_wait_until (dialog_idle, dialog, 10000);
  g_assert_false (in_trash_folder (f, doomed));
  g_assert_false (in_articles_folder (f, doomed));
  g_assert_true (in_trash_folder (f, kept));
  g_assert_false (list_shows (f, doomed));
  g_assert_null (cd_store_find (f->store, doomed));
  g_assert_cmpuint (g_list_model_get_n_items (items (dialog)), ==, 1);
  g_assert_cmpstr (item_id (dialog, 0), ==, kept);
}

static gboolean
trash_folder_has_articles (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->dir, "trash", NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    if (g_str_has_suffix (name, ".json"))
      return TRUE;
  return FALSE;
}

/* Empty Trash names the count before it deletes everything listed. */
static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *first = trash_in_window (f, "Island Ferry");
  g_autofree char *second = trash_in_window (f, "City Library");
  CdTrashDialog *dialog = open_trash (f);
  const char *body;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "trash.empty", NULL));
  g_assert_nonnull (confirmation ());
  body = adw_message_dialog_get_body (confirmation ());
  g_assert_nonnull (strstr (body, "2 articles"));
  respond ("empty");
  cd_test_wait_until (dialog_idle, dialog, 10000);
  g_assert_false (trash_folder_has_articles (f));
  g_assert_cmpuint (g_list_model_get_n_items (items (dialog)), ==, 0);
  g_assert_true (status_page_shown (dialog));
  g_assert_false (list_shows (f, first));
  g_assert_false (list_shows (f, second));
  /* The three articles not deleted are untouched. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 3);
  /* Nothing left to empty or restore. */
  g_assert_false (gtk_widget_get_visible (cd_test_find_widget (GTK_WIDGET (dialog),
                                                               GTK_TYPE_ACTION_BAR)));
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      if (section && menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

/* The way in: the main menu names it (that the shortcuts window lists its
 * accelerator, as every other, is /keyboard/shortcuts-window). */
static void
test_discoverable (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *button = cd_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON);

  g_assert_nonnull (button);
  /* The menu is given to the button when it first opens. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)),
                                  "win.show-trash"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

static gboolean
focus_in (GtkWidget *window,
          GtkWidget *ancestor)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == ancestor || gtk_widget_is_ancestor (focus, ancestor));
}

/* With real keys: the shortcut opens it with the keyboard in the list,
 * Space picks a row, Delete asks, Escape keeps the article, Escape
 * closes the dialog. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = NULL;
  CdTrashDialog *dialog;

  if (!cd_test_can_press_keys ())
    {
      g_test_skip ("real key presses need xdotool and an X11 display");
      return;
    }
  id = trash_in_window (f, "Island Ferry");
  cd_test_press_keys (GTK_WIDGET (f->window), "ctrl+shift+t", NULL);
  dialog = CD_TRASH_DIALOG (find_toplevel (CD_TYPE_TRASH_DIALOG));
  g_assert_nonnull (dialog);
  cd_test_wait_until (dialog_idle, dialog, 10000);
  cd_test_iterate (200);
  g_assert_true (focus_in (GTK_WIDGET (dialog), GTK_WIDGET (trash_list (dialog))));

  cd_test_press_keys (GTK_WIDGET (dialog), "space", NULL);
  g_assert_nonnull (gtk_list_box_get_selected_row (trash_list (dialog)));
  cd_test_press_keys (GTK_WIDGET (dialog), "Delete", NULL);
  g_assert_nonnull (confirmation ());
  cd_test_press_keys (GTK_WIDGET (confirmation ()), "Escape", NULL);
  cd_test_wait_until (no_confirmation, NULL, 5000);
  g_assert_true (in_trash_folder (f, id));

  /* Tab from the row reaches its Restore button; Return restores. */
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (trash_list (dialog), 0)));
  cd_test_press_keys (GTK_WIDGET (dialog), "Tab", "Return", NULL);
  g_assert_true (list_shows (f, id));

  cd_test_press_keys (GTK_WIDGET (dialog), "Escape", NULL);
  cd_test_wait_until (dialog_gone, NULL, 5000);
}

/* The id of the article whose headline starts with @prefix, without
 * opening it: the CLI may then delete it under the window. */
static char *
id_of (Fixture    *f,
       const char *prefix)
{
  GListModel *model = G_LIST_MODEL (f->store);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdArticleSummary) summary = g_list_model_get_item (model, i);

      if (g_str_has_prefix (cd_article_summary_get_headline (summary), prefix))
        return g_strdup (cd_article_summary_get_id (summary));
    }
  g_error ("no article starts with “%s”", prefix);
  return NULL;
}

typedef struct
{
  CdTrashDialog *dialog;
  guint n_items;
} Count;

static gboolean
shows_count (gpointer data)
{
  Count *count = data;

  return !cd_trash_dialog_get_busy (count->dialog) &&
         g_list_model_get_n_items (items (count->dialog)) == count->n_items;
}

static void
wait_for_count (CdTrashDialog *dialog,
                guint          n_items)
{
  Count count = { dialog, n_items };

  cd_test_wait_until (shows_count, &count, 10000);
}

/* The CLI deletes, restores and empties while the dialog is open: the
 * dialog shows each change without being asked, and the row the user
 * selected stays selected while other rows come and go. */
static void
test_follows_cli (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *kept = trash_in_window (f, "Island Ferry");
  g_autofree char *other = id_of (f, "City Library");
  CdTrashDialog *dialog = open_trash (f);
  GtkListBox *list = trash_list (dialog);
  GtkListBoxRow *selected;

  g_assert_cmpuint (g_list_model_get_n_items (items (dialog)), ==, 1);
  selected = gtk_list_box_get_row_at_index (list, 0);
  gtk_list_box_select_row (list, selected);

  cd_test_run_cli (f, (const char *[]) { "delete", other, NULL });
  wait_for_count (dialog, 2);
  /* The newest first; the selected row is the same widget, still selected. */
  g_assert_cmpstr (item_id (dialog, 0), ==, other);
  g_assert_cmpstr (item_id (dialog, 1), ==, kept);
  g_assert_true (gtk_list_box_get_row_at_index (list, 1) == selected);
  g_assert_true (gtk_list_box_get_selected_row (list) == selected);
  g_assert_cmpuint (count_rows (list), ==, 2);

  cd_test_run_cli (f, (const char *[]) { "restore", other, NULL });
  wait_for_count (dialog, 1);
  g_assert_cmpstr (item_id (dialog, 0), ==, kept);
  g_assert_true (gtk_list_box_get_selected_row (list) == selected);
  g_assert_true (list_shows (f, other));

  cd_test_run_cli (f, (const char *[]) { "trash", "empty", "--yes", NULL });
  wait_for_count (dialog, 0);
  g_assert_true (status_page_shown (dialog));
  g_assert_false (gtk_widget_get_visible (cd_test_find_widget (GTK_WIDGET (dialog),
                                                               GTK_TYPE_ACTION_BAR)));
}

static const char *
row_subtitle (CdTrashDialog *dialog,
              int            index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (trash_list (dialog), index);

  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

typedef struct
{
  CdTrashDialog *dialog;
  const char *subtitle;
} Subtitle;

static gboolean
subtitle_is (gpointer data)
{
  Subtitle *wanted = data;

  return g_strcmp0 (row_subtitle (wanted->dialog, 0), wanted->subtitle) == 0;
}

/* "Deleted: Just now" does not stay so while the dialog is open: its
 * timer brings the times up to date (here often, with a clock running
 * 5 minutes ahead, not once a minute), and it goes with the dialog. */
static void
test_times_tick (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *id = trash_in_window (f, "Island Ferry");
  CdTrashDialog *dialog = open_trash (f);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (trash_list (dialog), 0);
  Subtitle wanted = { dialog, "Deleted: 5 minutes ago" };

  g_assert_cmpstr (row_subtitle (dialog, 0), ==, "Deleted: Just now");
  gtk_list_box_select_row (trash_list (dialog), row);
  _cd_trash_dialog_set_clock (dialog, 50, 5 * G_TIME_SPAN_MINUTE);
  cd_test_wait_until (subtitle_is, &wanted, 5000);
  /* The time changed in place: the same row, still selected. */
  g_assert_true (gtk_list_box_get_row_at_index (trash_list (dialog), 0) == row);
  g_assert_true (gtk_list_box_get_selected_row (trash_list (dialog)) == row);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  cd_test_wait_until (dialog_gone, NULL, 5000);
  cd_test_iterate (200);
  g_assert_null (dialog);
}

int
main (int   argc,
      char *argv[])
{
  cd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/trash/restore", test_restore);
  ADD ("/trash/restore-selection", test_restore_selection);
  ADD ("/trash/delete-permanently", test_delete_permanently);
  ADD ("/trash/empty", test_empty);
  ADD ("/trash/discoverable", test_discoverable);
  ADD ("/trash/keyboard", test_keyboard);
  ADD ("/trash/follows-cli", test_follows_cli);
  ADD ("/trash/times-tick", test_times_tick);
#undef ADD

  return g_test_run ();
}

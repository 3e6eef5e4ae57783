/* test-keyboard.c: the whole window without a mouse, and at 360 pixels
 *
 * Two ways in: the application's own accelerator table, looked up with
 * gtk_application_get_actions_for_accel() and activated as GTK would on
 * the key press, and real key presses through the X server (xdotool),
 * which also cover what no accelerator names: arrows, Return, Tab.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "cd-application.h"
#include "cd-article-editor.h"
#include "cd-article-list.h"
#include "cd-import-dialog.h"
#include "cd-test-utils.h"
#include "cd-window.h"

/* No fields of its own; the application is set. */
typedef CdTestFixture Fixture;

static void
setup (Fixture *f,
       int      width,
       int      height)
{
  /* The application sets the accelerators when it starts up. */
  cd_test_fixture_add_application (f);
  cd_test_fixture_set_up (f, width, height);

  /* Content to work on; how it got there is not what is tested here. */
  cd_test_import_samples (f);
  cd_test_iterate (300);
}

static void
fixture_setup_wide (Fixture       *f,
                    gconstpointer  data)
{
  setup (f, 1100, 720);
}

static void
fixture_setup_narrow (Fixture       *f,
                      gconstpointer  data)
{
  setup (f, 360, 640);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cd_test_fixture_tear_down (f);
}

static GtkWidget *
focus_widget (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

/* TRUE when the focus is @widget or inside it. */
static gboolean
focus_is_in (Fixture   *f,
             GtkWidget *widget)
{
  GtkWidget *focus = focus_widget (f);

  return focus && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
focus_in_search (gpointer data)
{
  GtkWidget *focus = focus_widget (data);

  return focus && gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) != NULL;
}

static GtkWidget *
article_view (Fixture *f)
{
  return cd_test_find_widget (cd_window_get_article_list (f->window), GTK_TYPE_GRID_VIEW);
}

static GtkWidget *
leaflet (Fixture *f)
{
  return cd_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET);
}

static gboolean
list_is_visible (Fixture *f)
{
  GtkWidget *visible = adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet (f)));

  return gtk_widget_is_ancestor (cd_window_get_article_list (f->window), visible);
}

static GListModel *
shown (Fixture *f)
{
  return cd_article_list_get_model (CD_ARTICLE_LIST (cd_window_get_article_list (f->window)));
}

static GtkWidget *
headline_entry (Fixture *f)
{
  return cd_article_editor_get_headline_entry (CD_ARTICLE_EDITOR (cd_window_get_editor (f->window)));
}

typedef struct
{
  Fixture *f;
  const char *prefix;
} Opened;

static gboolean
article_opened (gpointer data)
{
  Opened *opened = data;
  CdArticle *article = cd_window_get_article (opened->f->window);

  return article && g_str_has_prefix (cd_article_get_headline (article), opened->prefix) &&
         !cd_window_get_busy (opened->f->window);
}

/* Waits for the article whose headline starts with @prefix to be open. */
static void
wait_opened (Fixture    *f,
             const char *prefix)
{
  Opened opened = { f, prefix };

  cd_test_wait_until (article_opened, &opened, 10000);
}

static gboolean
headline_focused (gpointer data)
{
  return focus_is_in (data, headline_entry (data));
}

/* Typing into whatever has the focus, as the keyboard does. */
static void
type_into_focus (Fixture    *f,
                 const char *text)
{
  GtkWidget *focus = focus_widget (f);
  int position;

  g_assert_true (GTK_IS_EDITABLE (focus));
  position = gtk_editable_get_position (GTK_EDITABLE (focus));
  gtk_editable_insert_text (GTK_EDITABLE (focus), text, -1, &position);
  gtk_editable_set_position (GTK_EDITABLE (focus), position);
}

/* The focus is in a text field with text, the cursor at its end and
 * nothing selected. */
static void
assert_cursor_at_end (Fixture *f)
{
  GtkWidget *focus = focus_widget (f);
  const char *text;
  int start, end;

  g_assert_true (GTK_IS_EDITABLE (focus));
  text = gtk_editable_get_text (GTK_EDITABLE (focus));
  g_assert_cmpstr (text, !=, "");
  g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (focus), &start, &end));
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (focus)), ==, g_utf8_strlen (text, -1));
}

static void
test_accelerators (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *view = article_view (f);
  g_auto(GStrv) trash_actions = NULL;

  /* Ctrl+F: the search entry takes the focus; typing filters. */
  cd_test_press_accel (f, "<Control>f");
  g_assert_true (focus_in_search (f));
  type_into_focus (f, "ferry");
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 1);

  /* Return in the entry goes to the list; the list's own keyboard actions
   * pick the article and open it. */
  /* What GtkText's binding for Return emits. */
  g_signal_emit_by_name (focus_widget (f), "activate");
  g_assert_true (focus_is_in (f, view));
  gtk_widget_activate_action (view, "list.select-item", "(ubb)", 0, FALSE, FALSE);
  gtk_widget_activate_action (view, "list.activate-item", "u", 0);
  wait_opened (f, "Island Ferry");
  g_assert_true (headline_focused (f));
  /* It opened after the headline took the keyboard: the cursor is at
   * the end of its text, and nothing is selected for a key to replace. */
  assert_cursor_at_end (f);

  /* Opened again from the list, once loaded, the same. */
  cd_test_press_accel (f, "F6");
  gtk_widget_activate_action (view, "list.activate-item", "u", 0);
  g_assert_true (headline_focused (f));
  assert_cursor_at_end (f);

  /* Tab leaves the headline for the next field. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  g_assert_false (focus_is_in (f, headline_entry (f)));
  g_assert_true (GTK_IS_EDITABLE (focus_widget (f)));

  /* Alt+2, Alt+1: photos (the first caption) and back to the article. */
  cd_test_press_accel (f, "<Alt>2");
  g_assert_true (focus_is_in (f, cd_window_get_photo_manager (f->window)));
  assert_cursor_at_end (f);
  cd_test_press_accel (f, "<Alt>1");
  g_assert_true (headline_focused (f));
  assert_cursor_at_end (f);

  /* Alt+4: the publishes waiting for their site (none here), Alt+1 back. */
  cd_test_press_accel (f, "<Alt>4");
  g_assert_true (gtk_widget_get_mapped (cd_window_get_queue_view (f->window)));
  cd_test_press_accel (f, "<Alt>1");
  g_assert_false (gtk_widget_get_mapped (cd_window_get_queue_view (f->window)));
  g_assert_true (headline_focused (f));

  /* F6 back to the list, Ctrl+N a new article ready for its headline,
   * Ctrl+S saves it. */
  cd_test_press_accel (f, "F6");
  g_assert_true (focus_is_in (f, view));
  cd_test_press_accel (f, "<Control>n");
  g_assert_true (headline_focused (f));
  type_into_focus (f, "Written Without a Mouse");
  cd_test_press_accel (f, "<Control>s");
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
  g_assert_cmpstr (cd_article_get_headline (cd_window_get_article (f->window)), ==,
                   "Written Without a Mouse");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 6);

  /* Ctrl+Delete is no application accelerator: those act before a text
   * field sees the key, and there it deletes the next word
   * (/keyboard/ctrl-delete presses it for real). */
  trash_actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (f->app),
                                                         "<Control>Delete");
  g_assert_cmpuint (g_strv_length (trash_actions), ==, 0);
}

static gboolean
headline_typed (gpointer data)
{
  Fixture *f = data;

  return g_str_has_suffix (cd_article_get_headline (cd_window_get_article (f->window)), "Again");
}

static gboolean
searched_library (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (cd_article_list_get_search_text (CD_ARTICLE_LIST (cd_window_get_article_list (f->window))),
                    "library") == 0;
}

static void
test_real_keys (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);

  if (!cd_test_can_press_keys ())
    {
      g_test_skip ("real key presses need xdotool and an X11 display");
      return;
    }

  cd_test_press_keys (window, "ctrl+f", NULL);
  cd_test_wait_until (focus_in_search, f, 5000);
  cd_test_type_keys (window, "library");
  /* A busy machine may still be filtering on the last keys. */
  cd_test_wait_until (searched_library, f, 5000);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 1);

  /* Return to the list, Down onto the article, Return to open it. */
  cd_test_press_keys (window, "Return", NULL);
  g_assert_true (focus_is_in (f, article_view (f)));
  cd_test_press_keys (window, "Down", "Return", NULL);
  wait_opened (f, "City Library");
  cd_test_wait_until (headline_focused, f, 10000);

  /* Edit the headline by keyboard, Tab on, save: typing goes on at the
   * end of the headline, nothing of it selected to be replaced. */
  assert_cursor_at_end (f);
  cd_test_type_keys (window, " Again");
  cd_test_wait_until (headline_typed, f, 5000);
  g_assert_cmpstr (cd_article_get_headline (cd_window_get_article (f->window)), ==,
                   "City Library Extends Opening Hours for Exam Season Again");
  cd_test_press_keys (window, "Tab", NULL);
  g_assert_false (headline_focused (f));
  cd_test_press_keys (window, "ctrl+s", NULL);
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);

  /* Escape from the search, F6 to the list. */
  cd_test_press_keys (window, "F6", NULL);
  g_assert_true (focus_is_in (f, article_view (f)));
}

static GtkWidget *
body_view (Fixture *f)
{
  return cd_article_editor_get_body_view (CD_ARTICLE_EDITOR (cd_window_get_editor (f->window)));
}

/* @before with its first word (up to the first space) gone: what
 * "delete the next word" leaves with the cursor at the start. */
static void
assert_first_word_deleted (const char *before,
                           const char *after)
{
  gsize deleted = strlen (before) - strlen (after);

  g_assert_cmpuint (strlen (after), <, strlen (before));
  g_assert_true (g_str_has_suffix (before, after));
  for (gsize i = 0; i < deleted; i++)
    g_assert_false (g_ascii_isspace (before[i]));
  g_assert_true (g_ascii_isspace (after[0]));
}

/* Ctrl+Delete, pressed for real: in the body and the headline it deletes
 * the next word and the article stays; in the list it moves the article
 * to the trash. */
static void
test_ctrl_delete (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkTextBuffer *buffer;
  GtkTextIter start;
  g_autofree char *id = NULL;
  g_autofree char *body = NULL;
  g_autofree char *headline = NULL;
  guint n_articles = g_list_model_get_n_items (G_LIST_MODEL (f->store));

  if (!cd_test_can_press_keys ())
    {
      g_test_skip ("real key presses need xdotool and an X11 display");
      return;
    }

  id = cd_test_open_headline (f, "Island Ferry");
  body = g_strdup (cd_article_get_body (cd_window_get_article (f->window)));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (body_view (f)));
  gtk_widget_grab_focus (body_view (f));
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  cd_test_press_keys (window, "ctrl+Delete", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, n_articles);
  g_assert_nonnull (cd_window_get_article (f->window));
  g_assert_cmpstr (cd_article_get_id (cd_window_get_article (f->window)), ==, id);
  assert_first_word_deleted (body, cd_article_get_body (cd_window_get_article (f->window)));
  g_assert_true (focus_is_in (f, body_view (f)));

  /* The same in a one-line field. */
  headline = g_strdup (cd_article_get_headline (cd_window_get_article (f->window)));
  gtk_widget_grab_focus (headline_entry (f));
  gtk_editable_set_position (GTK_EDITABLE (headline_entry (f)), 0);
  cd_test_press_keys (window, "ctrl+Delete", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, n_articles);
  assert_first_word_deleted (headline, cd_article_get_headline (cd_window_get_article (f->window)));
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);

  /* From the list it is the trash, and the keyboard goes on there. */
  cd_test_press_keys (window, "F6", NULL);
  g_assert_true (focus_is_in (f, article_view (f)));
  cd_test_press_keys (window, "ctrl+Delete", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, n_articles - 1);
  g_assert_null (cd_store_find (f->store, id));
  g_assert_null (cd_window_get_article (f->window));
  g_assert_true (focus_is_in (f, article_view (f)));
}

static guint
n_selected (Fixture *f)
{
  g_auto(GStrv) ids = cd_article_list_dup_selected_ids (CD_ARTICLE_LIST (cd_window_get_article_list (f->window)));

  return g_strv_length (ids);
}

/* Selected alone: the open article's row. */
static void
assert_open_alone (Fixture *f)
{
  g_auto(GStrv) ids = cd_article_list_dup_selected_ids (CD_ARTICLE_LIST (cd_window_get_article_list (f->window)));

  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpstr (ids[0], ==, cd_article_get_id (cd_window_get_article (f->window)));
}

static gboolean
is_clear_button (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                    "list.clear-selection") == 0;
}

static GtkWidget *
find_clear_button (GtkWidget *widget)
{
  if (is_clear_button (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_clear_button (child);

      if (found)
        return found;
    }
  return NULL;
}

/* What shows the bar the Clear button is on (the bar has a revealer of
 * its own inside). */
static GtkRevealer *
selection_bar (Fixture *f)
{
  GtkWidget *clear = find_clear_button (cd_window_get_article_list (f->window));
  GtkWidget *bar = gtk_widget_get_ancestor (clear, GTK_TYPE_ACTION_BAR);

  return GTK_REVEALER (gtk_widget_get_ancestor (bar, GTK_TYPE_REVEALER));
}

/* After Ctrl+Shift+S, Escape (pressed for real) and the bar's Clear
 * button each go back to the open article alone. */
static void
test_clear_selection (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  guint n_articles = g_list_model_get_n_items (G_LIST_MODEL (f->store));
  GtkWidget *clear;
  g_autofree char *id = NULL;

  id = cd_test_open_headline (f, "Coastal Town");
  cd_test_press_accel (f, "<Control><Shift>s");
  g_assert_cmpuint (n_selected (f), ==, n_articles);
  g_assert_true (gtk_revealer_get_reveal_child (selection_bar (f)));
  clear = find_clear_button (cd_window_get_article_list (f->window));
  g_assert_nonnull (clear);
  g_assert_true (gtk_widget_is_sensitive (clear));
  cd_test_assert_accessible_names (cd_window_get_article_list (f->window));

  g_signal_emit_by_name (clear, "clicked");
  cd_test_iterate (100);
  assert_open_alone (f);
  g_assert_cmpstr (cd_article_get_id (cd_window_get_article (f->window)), ==, id);
  g_assert_false (gtk_revealer_get_reveal_child (selection_bar (f)));
  g_assert_true (focus_is_in (f, article_view (f)));

  if (!cd_test_can_press_keys ())
    {
      g_test_skip ("real key presses need xdotool and an X11 display");
      return;
    }
  cd_test_press_keys (window, "ctrl+shift+s", NULL);
  g_assert_cmpuint (n_selected (f), ==, n_articles);
  cd_test_press_keys (window, "Escape", NULL);
  assert_open_alone (f);
  g_assert_false (gtk_revealer_get_reveal_child (selection_bar (f)));
  g_assert_cmpstr (cd_article_get_id (cd_window_get_article (f->window)), ==, id);
  /* With one row selected Escape has nothing to clear and changes
   * nothing. */
  cd_test_press_keys (window, "Escape", NULL);
  assert_open_alone (f);
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *content;
  int min_width;

  /* 360 pixels: one pane at a time. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, 360);
  g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (leaflet (f))));
  gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window)),
                      GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 360);

  /* The list, then the article, then back: all by keyboard actions. */
  cd_test_press_accel (f, "F6");
  g_assert_true (list_is_visible (f));
  gtk_widget_activate_action (article_view (f), "list.select-item", "(ubb)", 1, FALSE, FALSE);
  gtk_widget_activate_action (article_view (f), "list.activate-item", "u", 1);
  cd_test_wait_until (headline_focused, f, 10000);
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
  g_assert_false (list_is_visible (f));
  content = adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet (f)));
  g_assert_true (gtk_widget_is_ancestor (cd_window_get_editor (f->window), content));
  cd_test_iterate (300);
  /* The editor fits: the window did not have to grow for it. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, 360);
  g_assert_cmpint (gtk_widget_get_width (content), <=, 360);
  g_assert_cmpint (gtk_widget_get_width (cd_window_get_editor (f->window)), >, 0);

  /* The photos of the article, and the way back to the list. */
  cd_test_press_accel (f, "<Alt>2");
  g_assert_false (list_is_visible (f));
  cd_test_iterate (300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, 360);
  cd_test_press_accel (f, "<Alt>Left");
  g_assert_true (list_is_visible (f));

  /* The selection bar, with its Clear button, fits too. */
  cd_test_press_accel (f, "<Control><Shift>s");
  g_assert_true (gtk_revealer_get_reveal_child (selection_bar (f)));
  cd_test_iterate (300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, 360);
  g_assert_true (gtk_widget_activate_action (cd_window_get_article_list (f->window),
                                             "list.clear-selection", NULL));
  g_assert_false (gtk_revealer_get_reveal_child (selection_bar (f)));

  cd_test_press_accel (f, "<Control>f");
  g_assert_true (focus_in_search (f));
}

/* The shortcuts window's accelerators, each as "keyval:modifiers". */
static void
collect_shown_accels (GtkWidget  *widget,
                      GHashTable *shown)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accels = NULL;
      g_auto(GStrv) each = NULL;

      g_object_get (widget, "accelerator", &accels, NULL);
      each = g_strsplit (accels ? accels : "", " ", -1);
      for (guint i = 0; each[i]; i++)
        {
          guint key;
          GdkModifierType mods;

          if (gtk_accelerator_parse (each[i], &key, &mods))
            g_hash_table_add (shown, g_strdup_printf ("%u:%u", key, mods));
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_shown_accels (child, shown);
}

static GtkWidget *
find_shortcuts_window (Fixture *f)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (window) &&
          gtk_window_get_transient_for (window) == GTK_WINDOW (f->window))
        return GTK_WIDGET (window);
    }
  return NULL;
}

/* The window's own key bindings for win.* actions (Ctrl+Delete), each
 * as "keyval:modifiers": they belong in the shortcuts window too. */
static GPtrArray *
dup_window_bindings (Fixture *f)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (!GTK_IS_NAMED_ACTION (action) || !GTK_IS_KEYVAL_TRIGGER (trigger) ||
              !g_str_has_prefix (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                                 "win."))
            continue;
          g_ptr_array_add (keys, g_strdup_printf ("%u:%u",
                                                  gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                                  gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))));
        }
    }
  return keys;
}

/* Ctrl+? opens the shortcuts window, and it lists every accelerator the
 * application gives an action: one added to the table and not to the
 * window fails here. */
static void
test_shortcuts_window (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (f->app));
  g_autoptr(GPtrArray) window_keys = NULL;
  GtkWidget *shortcuts;

  g_assert_null (find_shortcuts_window (f));
  cd_test_press_accel (f, "<Control>question");
  shortcuts = find_shortcuts_window (f);
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_widget_get_visible (shortcuts));
  collect_shown_accels (shortcuts, shown);

  g_assert_cmpuint (g_strv_length (actions), >, 15);
  for (guint i = 0; actions[i]; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app),
                                                                    actions[i]);

      for (guint j = 0; accels[j]; j++)
        {
          g_autofree char *key = NULL;
          guint keyval;
          GdkModifierType mods;

          g_assert_true (gtk_accelerator_parse (accels[j], &keyval, &mods));
          key = g_strdup_printf ("%u:%u", keyval, mods);
          if (!g_hash_table_contains (shown, key))
            g_error ("%s (%s) is not in the shortcuts window", accels[j], actions[i]);
        }
    }

  window_keys = dup_window_bindings (f);
  g_assert_cmpuint (window_keys->len, >, 0);
  for (guint i = 0; i < window_keys->len; i++)
    if (!g_hash_table_contains (shown, g_ptr_array_index (window_keys, i)))
      g_error ("the window's key %s is not in the shortcuts window",
               (char *) g_ptr_array_index (window_keys, i));

  /* Closed, it is gone; Ctrl+? makes it again. */
  gtk_window_close (GTK_WINDOW (shortcuts));
  cd_test_iterate (100);
  g_assert_null (find_shortcuts_window (f));
  cd_test_press_accel (f, "<Control>question");
  g_assert_nonnull (find_shortcuts_window (f));
}

/* The menus are given to their buttons as they first open (they cost
 * nothing until then): opened, each shows its items. */
static void
test_menus_open (Fixture       *f,
                 gconstpointer  data)
{
  const char *buttons[] = { "primary_menu_button", "article_menu_button" };

  cd_test_open_headline (f, "Island Ferry");
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkMenuButton *button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (f->window),
                                                                              CD_TYPE_WINDOW,
                                                                              buttons[i]));
      GMenuModel *menu;

      g_assert_null (gtk_menu_button_get_popover (button));
      gtk_menu_button_popup (button);
      cd_test_iterate (100);
      menu = gtk_menu_button_get_menu_model (button);
      g_assert_nonnull (menu);
      g_assert_cmpint (g_menu_model_get_n_items (menu), >, 0);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (button))));
      gtk_menu_button_popdown (button);
      cd_test_iterate (100);
    }
}

int
main (int   argc,
      char *argv[])
{
  cd_test_init (&argc, &argv);

  g_test_add ("/keyboard/accelerators", Fixture, NULL, fixture_setup_wide, test_accelerators, fixture_teardown);
  g_test_add ("/keyboard/real-keys", Fixture, NULL, fixture_setup_wide, test_real_keys, fixture_teardown);
  g_test_add ("/keyboard/ctrl-delete", Fixture, NULL, fixture_setup_wide, test_ctrl_delete,
              fixture_teardown);
  g_test_add ("/keyboard/clear-selection", Fixture, NULL, fixture_setup_wide, test_clear_selection,
              fixture_teardown);
  g_test_add ("/keyboard/narrow", Fixture, NULL, fixture_setup_narrow, test_narrow, fixture_teardown);
  g_test_add ("/keyboard/shortcuts-window", Fixture, NULL, fixture_setup_wide,
              test_shortcuts_window, fixture_teardown);
  g_test_add ("/keyboard/menus-open", Fixture, NULL, fixture_setup_wide, test_menus_open,
              fixture_teardown);

  return g_test_run ();
}

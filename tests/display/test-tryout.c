/* test-tryout.c: what a new user's tryout found, each driven as a user
 * would through the window's actions
 *
 * - the main menu names the four views of the switcher, with their keys;
 * - Ctrl+N leaves no empty "Untitled" behind, and loses nothing typed;
 * - toasts do not cover the word count;
 * - the trash toast says which article went.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "cd-application.h"
#include "cd-article-editor.h"
#include "cd-article-list.h"
#include "cd-test-utils.h"
#include "cd-window.h"

/* No fields of its own; the application is set (for the accelerators). */
typedef CdTestFixture Fixture;

static void
setup (Fixture *f,
       int      width,
       int      height)
{
  cd_test_fixture_add_application (f);
  cd_test_fixture_set_up (f, width, height);
  cd_test_import_samples (f);
  cd_test_iterate (200);
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

static GObject *
template_child (Fixture    *f,
                const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (f->window), CD_TYPE_WINDOW, name);
}

/* ------------------------------------------------------------------------ */
/* The main menu */

static void
collect_model_buttons (GtkWidget *widget,
                       GPtrArray *buttons)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton"))
    g_ptr_array_add (buttons, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_model_buttons (child, buttons);
}

static char *
strip_mnemonic (const char *text)
{
  GString *plain = g_string_new (text);

  g_string_replace (plain, "_", "", 0);
  return g_string_free (plain, FALSE);
}

/* The menu item that reads @title (its mnemonic aside), or NULL. Menu
 * items are activated through the menu's model, not as actionables, so
 * they are known by what they say. */
static GtkWidget *
find_item (GPtrArray  *buttons,
           const char *title)
{
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      g_autofree char *text = NULL;
      g_autofree char *plain = NULL;

      g_object_get (button, "text", &text, NULL);
      plain = strip_mnemonic (text ? text : "");
      if (g_str_equal (plain, title))
        return button;
    }
  return NULL;
}

static const char *
view_title (AdwViewStack *stack,
            const char   *view)
{
  GtkWidget *child = adw_view_stack_get_child_by_name (stack, view);

  return adw_view_stack_page_get_title (adw_view_stack_get_page (stack, child));
}

/* The main menu lists all four views, under the switcher's names and
 * with Alt+1 to Alt+4 shown; an item shows its view. */
static void
test_main_menu_views (Fixture       *f,
                      gconstpointer  data)
{
  const char *views[] = { "editor", "photos", "captions", "queue" };
  GtkMenuButton *button = GTK_MENU_BUTTON (template_child (f, "primary_menu_button"));
  AdwViewStack *stack = ADW_VIEW_STACK (template_child (f, "view_stack"));
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  gtk_menu_button_popup (button);
  cd_test_iterate (200);
  collect_model_buttons (GTK_WIDGET (gtk_menu_button_get_popover (button)), items);
  g_assert_cmpuint (items->len, >, 4);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkWidget *item = find_item (items, view_title (stack, views[i]));
      g_autofree char *accel = NULL;
      g_autofree char *expected = g_strdup_printf ("<Alt>%u", i + 1);
      guint key, expected_key;
      GdkModifierType mods, expected_mods;

      if (item == NULL)
        g_error ("the main menu has no item for the view “%s”", view_title (stack, views[i]));
      g_object_get (item, "accel", &accel, NULL);
      g_assert_nonnull (accel);
      g_assert_true (gtk_accelerator_parse (accel, &key, &mods));
      g_assert_true (gtk_accelerator_parse (expected, &expected_key, &expected_mods));
      g_assert_cmpuint (key, ==, expected_key);
      g_assert_cmpuint (mods, ==, expected_mods);
    }

  /* Clicked, an item shows its view. */
  g_signal_emit_by_name (find_item (items, view_title (stack, "photos")), "clicked");
  cd_test_iterate (100);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "photos");
  g_signal_emit_by_name (find_item (items, view_title (stack, "editor")), "clicked");
  cd_test_iterate (100);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "editor");
}

/* ------------------------------------------------------------------------ */
/* Ctrl+N */

static char *
article_file (Fixture    *f,
              const char *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);

  return g_build_filename (f->dir, "articles", name, NULL);
}

static gboolean
in_trash (Fixture    *f,
          const char *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (f->dir, "trash", name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Ctrl+N, as the key does; returns the new article's id. */
static char *
press_new_article (Fixture *f)
{
  char *id;

  cd_test_press_accel (f, "<Control>n");
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
  id = g_strdup (cd_article_get_id (cd_window_get_article (f->window)));
  /* In the list and on disk at once, like any article. */
  g_assert_nonnull (cd_store_find (f->store, id));
  return id;
}

static void
assert_gone (Fixture    *f,
             const char *id)
{
  g_autofree char *path = article_file (f, id);

  g_assert_null (cd_store_find (f->store, id));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (in_trash (f, id));
}

/* Left for another article without anything typed, the new article is
 * gone: from the list, the folder and the trash. Ctrl+N on it makes no
 * second one. */
static void
test_new_untouched_left (Fixture       *f,
                         gconstpointer  data)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->store));
  g_autofree char *id = press_new_article (f);
  g_autofree char *path = article_file (f, id);
  g_autofree char *again = NULL;

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, n + 1);
  again = press_new_article (f);
  g_assert_cmpstr (again, ==, id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, n + 1);

  g_free (cd_test_open_headline (f, "Island Ferry"));
  assert_gone (f, id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, n);
}

/* Closing the window leaves nothing behind either. */
static void
test_new_untouched_closed (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *id = press_new_article (f);

  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_close (GTK_WINDOW (f->window));
  cd_test_iterate (100);
  g_assert_null (f->window);
  assert_gone (f, id);
}

/* Anything typed is saved as always, and the article stays when left,
 * however soon; the same when the window closes. */
static void
test_new_typed_kept (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = press_new_article (f);
  g_autofree char *second = NULL;
  g_autoptr(CdArticle) first_on_disk = NULL;
  g_autoptr(CdArticle) second_on_disk = NULL;
  CdArticleEditor *editor = CD_ARTICLE_EDITOR (cd_window_get_editor (f->window));
  GtkTextBuffer *body;

  /* Left before the autosave ran. */
  cd_test_type_text (cd_article_editor_get_headline_entry (editor), "Harbour crane toppled");
  g_free (cd_test_open_headline (f, "Island Ferry"));
  first_on_disk = cd_test_article_on_disk (f, id);
  g_assert_cmpstr (cd_article_get_headline (first_on_disk), ==, "Harbour crane toppled");
  g_assert_nonnull (cd_store_find (f->store, id));

  /* One letter of body, then the window closes. */
  second = press_new_article (f);
  g_assert_cmpstr (second, !=, id);
  body = gtk_text_view_get_buffer (GTK_TEXT_VIEW (cd_article_editor_get_body_view (editor)));
  gtk_text_buffer_insert_at_cursor (body, "A", -1);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_close (GTK_WINDOW (f->window));
  cd_test_iterate (100);
  g_assert_null (f->window);
  second_on_disk = cd_test_article_on_disk (f, second);
  g_assert_cmpstr (cd_article_get_body (second_on_disk), ==, "A");
}

/* ------------------------------------------------------------------------ */
/* Toasts */

static void
collect_toasts (GtkWidget *widget,
                GPtrArray *toasts)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget"))
    g_ptr_array_add (toasts, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_toasts (child, toasts);
}

/* The toasts on screen, those still going away included. */
static GPtrArray *
list_toasts (Fixture *f)
{
  GPtrArray *toasts = g_ptr_array_new ();

  collect_toasts (GTK_WIDGET (f->window), toasts);
  return toasts;
}

static GtkWidget *
find_undo_button (GtkWidget *toast)
{
  for (GtkWidget *child = gtk_widget_get_first_child (toast); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child) &&
        g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), "win.undo-trash") == 0)
      return child;
  return NULL;
}

/* The toast with an Undo for the trash, or NULL. */
static GtkWidget *
find_trash_toast (Fixture *f)
{
  g_autoptr(GPtrArray) toasts = list_toasts (f);

  for (guint i = 0; i < toasts->len; i++)
    if (find_undo_button (g_ptr_array_index (toasts, i)))
      return g_ptr_array_index (toasts, i);
  return NULL;
}

static gboolean
trash_toast_shown (gpointer data)
{
  return find_trash_toast (data) != NULL;
}

/* The text of the trash toast, as shown (markup parsed). */
static const char *
trash_toast_title (Fixture *f)
{
  GtkWidget *toast;

  cd_test_wait_until (trash_toast_shown, f, 5000);
  toast = find_trash_toast (f);
  for (GtkWidget *child = gtk_widget_get_first_child (toast); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = cd_test_find_widget (child, GTK_TYPE_LABEL);

      if (label && !GTK_IS_BUTTON (child))
        return gtk_label_get_text (GTK_LABEL (label));
    }
  g_error ("the toast shows no title");
  return NULL;
}

/* What the toast's Undo button does when clicked. */
static void
click_toast_undo (Fixture *f)
{
  g_signal_emit_by_name (find_undo_button (find_trash_toast (f)), "clicked");
  cd_test_iterate (100);
}

static gboolean
toast_shown (gpointer data)
{
  g_autoptr(GPtrArray) toasts = list_toasts (data);

  return toasts->len > 0;
}

/* A toast on screen and the editor's word count do not overlap, and the
 * count says something. */
static void
assert_toast_clear_of_word_count (Fixture *f)
{
  GtkWidget *editor = cd_window_get_editor (f->window);
  GtkWidget *count = GTK_WIDGET (gtk_widget_get_template_child (editor, CD_TYPE_ARTICLE_EDITOR,
                                                                "word_count_label"));
  g_autoptr(GPtrArray) toasts = NULL;
  graphene_rect_t count_rect;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-text", NULL);
  cd_test_wait_until (toast_shown, f, 5000);
  /* Past the toast's show animation. */
  cd_test_iterate (700);
  g_assert_true (gtk_widget_get_mapped (count));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), !=, "");
  g_assert_true (gtk_widget_compute_bounds (count, GTK_WIDGET (f->window), &count_rect));
  g_assert_cmpfloat (count_rect.size.width, >, 0);
  toasts = list_toasts (f);
  for (guint i = 0; i < toasts->len; i++)
    {
      graphene_rect_t toast_rect;

      g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (toasts, i),
                                                GTK_WIDGET (f->window), &toast_rect));
      g_assert_cmpfloat (toast_rect.size.width, >, 0);
      if (graphene_rect_intersection (&count_rect, &toast_rect, NULL))
        g_error ("the toast (%g,%g %gx%g) covers the word count (%g,%g %gx%g)",
                 toast_rect.origin.x, toast_rect.origin.y, toast_rect.size.width,
                 toast_rect.size.height, count_rect.origin.x, count_rect.origin.y,
                 count_rect.size.width, count_rect.size.height);
    }
}

static void
test_toast_clear_of_word_count (Fixture       *f,
                                gconstpointer  data)
{
  g_free (cd_test_open_headline (f, "Island Ferry"));
  /* Folded, the article's pane is shown as the list's row opens it. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "editor");
  cd_test_iterate (300);
  assert_toast_clear_of_word_count (f);
}

/* One article: the toast quotes its headline, literally; Undo brings it
 * back. */
static void
test_trash_toast_headline (Fixture       *f,
                           gconstpointer  data)
{
  CdArticleEditor *editor = CD_ARTICLE_EDITOR (cd_window_get_editor (f->window));
  g_autofree char *id = cd_test_open_headline (f, "Island Ferry");

  /* Typed and trashed at once: the toast has what was typed, not the
   * headline last saved, and markup in it is text. */
  cd_test_type_text (cd_article_editor_get_headline_entry (editor), "Ferry & Bridge <Live>");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.trash", NULL);
  g_assert_null (cd_store_find (f->store, id));
  g_assert_cmpstr (trash_toast_title (f), ==, "“\u2068Ferry & Bridge <Live>\u2069” moved to the trash");
  click_toast_undo (f);
  g_assert_nonnull (cd_store_find (f->store, id));
}

/* Several: a count. */
static void
test_trash_toast_several (Fixture       *f,
                          gconstpointer  data)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->store));
  g_autofree char *expected = g_strdup_printf ("%u articles moved to the trash", n);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.select-all", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.trash", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);
  g_assert_cmpstr (trash_toast_title (f), ==, expected);
  click_toast_undo (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, n);
}

/* A new article trashed as it is: asked for, so it goes to the trash
 * (not away for good) as "Untitled", and Undo brings it back. */
static void
test_trash_toast_untitled (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *id = press_new_article (f);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.trash", NULL);
  g_assert_true (in_trash (f, id));
  g_assert_cmpstr (trash_toast_title (f), ==, "“\u2068Untitled\u2069” moved to the trash");
  click_toast_undo (f);
  g_assert_nonnull (cd_store_find (f->store, id));
  g_assert_false (in_trash (f, id));
}

int
main (int   argc,
      char *argv[])
{
  cd_test_init (&argc, &argv);

  g_test_add ("/tryout/main-menu-views", Fixture, NULL, fixture_setup_wide,
              test_main_menu_views, fixture_teardown);
  g_test_add ("/tryout/new-untouched-left", Fixture, NULL, fixture_setup_wide,
              test_new_untouched_left, fixture_teardown);
  g_test_add ("/tryout/new-untouched-closed", Fixture, NULL, fixture_setup_wide,
              test_new_untouched_closed, fixture_teardown);
  g_test_add ("/tryout/new-typed-kept", Fixture, NULL, fixture_setup_wide,
              test_new_typed_kept, fixture_teardown);
  g_test_add ("/tryout/toast-clear-of-word-count/wide", Fixture, NULL, fixture_setup_wide,
              test_toast_clear_of_word_count, fixture_teardown);
  g_test_add ("/tryout/toast-clear-of-word-count/narrow", Fixture, NULL, fixture_setup_narrow,
              test_toast_clear_of_word_count, fixture_teardown);
  g_test_add ("/tryout/trash-toast-headline", Fixture, NULL, fixture_setup_wide,
              test_trash_toast_headline, fixture_teardown);
  g_test_add ("/tryout/trash-toast-several", Fixture, NULL, fixture_setup_wide,
              test_trash_toast_several, fixture_teardown);
  g_test_add ("/tryout/trash-toast-untitled", Fixture, NULL, fixture_setup_wide,
              test_trash_toast_untitled, fixture_teardown);

  return g_test_run ();
}

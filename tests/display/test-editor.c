/* test-editor.c: the editing pane and the photo manager on a real display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "cd-article-editor.h"
#include "cd-photo-manager.h"
#include "cd-photo-row.h"
#include "cd-test-utils.h"

static GtkWidget *
show_in_window (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  return window;
}

static void
test_editor_writes_article (void)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  GtkWidget *editor = cd_article_editor_new ();
  GtkWidget *window = show_in_window (editor);

  cd_article_set_headline (article, "Harbour bridge reopens");
  cd_article_set_body (article, "The bridge reopened on Monday.");
  cd_article_editor_set_article (CD_ARTICLE_EDITOR (editor), article);
  

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cd_article_editor_get_headline_entry (CD_ARTICLE_EDITOR (editor)))),
                   ==, "Harbour bridge reopens");

  cd_test_type_text (cd_article_editor_get_headline_entry (CD_ARTICLE_EDITOR (editor)),
                     "Harbour bridge reopens after repairs");
  g_assert_cmpstr (cd_article_get_headline (article), ==, "Harbour bridge reopens after repairs");

  /* A change made elsewhere reaches the entry. */
  cd_article_set_headline (article, "Bridge open again");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cd_article_editor_get_headline_entry (CD_ARTICLE_EDITOR (editor)))),
                   ==, "Bridge open again");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_editor_body_undo (void)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  GtkWidget *editor = cd_article_editor_new ();
  GtkWidget *window = show_in_window (editor);
  GtkTextBuffer *buffer;
  GtkTextIter end;

  cd_article_set_body (article, "First paragraph.");
  cd_article_editor_set_article (CD_ARTICLE_EDITOR (editor), article);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (cd_article_editor_get_body_view (CD_ARTICLE_EDITOR (editor))));

  /* Loading the article is not an undoable step. */
  g_assert_false (gtk_text_buffer_get_can_undo (buffer));

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_interactive (buffer, &end, "\n\nSecond.", -1, TRUE);
  g_assert_cmpstr (cd_article_get_body (article), ==, "First paragraph.\n\nSecond.");

  gtk_widget_activate_action (editor, "editor.undo", NULL);
  g_assert_cmpstr (cd_article_get_body (article), ==, "First paragraph.");
  gtk_widget_activate_action (editor, "editor.redo", NULL);
  g_assert_cmpstr (cd_article_get_body (article), ==, "First paragraph.\n\nSecond.");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_editor_arabic_is_rtl (void)
{
  g_autoptr(CdArticle) arabic = cd_article_new ();
  g_autoptr(CdArticle) english = cd_article_new ();
  GtkWidget *editor = cd_article_editor_new ();
  GtkWidget *window = show_in_window (editor);
  GtkWidget *body;

  cd_article_set_language (arabic, "ar");
  cd_article_set_headline (arabic, "افتتاح محطة جديدة لتحلية المياه");
  cd_article_set_language (english, "en");

  body = cd_article_editor_get_body_view (CD_ARTICLE_EDITOR (editor));
  cd_article_editor_set_article (CD_ARTICLE_EDITOR (editor), arabic);
  g_assert_cmpint (gtk_widget_get_direction (body), ==, GTK_TEXT_DIR_RTL);
  g_assert_cmpint (gtk_widget_get_direction (cd_article_editor_get_headline_entry (CD_ARTICLE_EDITOR (editor))),
                   ==, GTK_TEXT_DIR_RTL);

  cd_article_editor_set_article (CD_ARTICLE_EDITOR (editor), english);
  g_assert_cmpint (gtk_widget_get_direction (body), ==, GTK_TEXT_DIR_LTR);

  /* Changing the language in place flips the direction too. */
  cd_article_set_language (english, "ar-EG");
  g_assert_cmpint (gtk_widget_get_direction (body), ==, GTK_TEXT_DIR_RTL);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_editor_headline_limit (void)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  GtkWidget *editor = cd_article_editor_new ();
  GtkWidget *window = show_in_window (editor);
  GtkWidget *entry;

  cd_article_editor_set_article (CD_ARTICLE_EDITOR (editor), article);
  cd_article_editor_set_headline_limit (CD_ARTICLE_EDITOR (editor), 10);
  entry = cd_article_editor_get_headline_entry (CD_ARTICLE_EDITOR (editor));
  cd_test_type_text (entry, "Short");
  g_assert_false (gtk_widget_has_css_class (entry, "warning"));
  cd_test_type_text (entry, "A headline far over the limit");
  g_assert_true (gtk_widget_has_css_class (entry, "warning"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_editor_accessible_names (void)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  GtkWidget *editor = cd_article_editor_new ();
  GtkWidget *window = show_in_window (editor);

  cd_article_editor_set_article (CD_ARTICLE_EDITOR (editor), article);
  cd_test_assert_accessible_names (editor);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_photo_manager_credit (void)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(CdPhoto) photo = cd_photo_new ();
  GtkWidget *manager = cd_photo_manager_new ();
  GtkWidget *window = show_in_window (manager);
  GtkWidget *row;

  cd_photo_set_caption (photo, "Workers check the pipes");
  cd_article_add_photo (article, photo);
  cd_photo_manager_set_article (CD_PHOTO_MANAGER (manager), article);

  row = cd_photo_manager_get_row (CD_PHOTO_MANAGER (manager), 0);
  g_assert_nonnull (row);
  g_assert_true (cd_photo_row_get_has_warning (CD_PHOTO_ROW (row)));
  g_assert_true (cd_article_get_warnings (article) & CD_ARTICLE_WARNING_PHOTO_NO_CREDIT);

  cd_test_type_text (cd_photo_row_get_credit_entry (CD_PHOTO_ROW (row)), "رويترز");
  g_assert_cmpstr (cd_photo_get_credit (photo), ==, "رويترز");
  g_assert_false (cd_article_get_warnings (article) & CD_ARTICLE_WARNING_PHOTO_NO_CREDIT);
  cd_test_assert_accessible_names (manager);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_photo_manager_reorder (void)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(CdPhoto) first = cd_photo_new ();
  g_autoptr(CdPhoto) second = cd_photo_new ();
  GtkWidget *manager = cd_photo_manager_new ();
  GtkWidget *window = show_in_window (manager);

  cd_photo_set_caption (first, "First");
  cd_photo_set_caption (second, "Second");
  cd_article_add_photo (article, first);
  cd_article_add_photo (article, second);
  cd_photo_manager_set_article (CD_PHOTO_MANAGER (manager), article);

  gtk_widget_activate_action (cd_photo_manager_get_row (CD_PHOTO_MANAGER (manager), 1),
                              "photo.move-up", NULL);
  g_assert_true (cd_article_get_photo (article, 0) == second);

  gtk_widget_activate_action (cd_photo_manager_get_row (CD_PHOTO_MANAGER (manager), 0),
                              "photo.remove", NULL);
  g_assert_cmpuint (cd_article_get_n_photos (article), ==, 1);
  g_assert_true (cd_article_get_photo (article, 0) == first);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  cd_test_init (&argc, &argv);

  g_test_add_func ("/editor/writes-article", test_editor_writes_article);
  g_test_add_func ("/editor/body-undo", test_editor_body_undo);
  g_test_add_func ("/editor/arabic-is-rtl", test_editor_arabic_is_rtl);
  g_test_add_func ("/editor/headline-limit", test_editor_headline_limit);
  g_test_add_func ("/editor/accessible-names", test_editor_accessible_names);
  g_test_add_func ("/photo-manager/credit", test_photo_manager_credit);
  g_test_add_func ("/photo-manager/reorder", test_photo_manager_reorder);

  return g_test_run ();
}

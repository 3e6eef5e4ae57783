/* test-merge.c: another program changes the open article while it has
 * unsaved edits, in parts the editor does not show
 *
 * Every part of the article takes part in the merge: what only the
 * other program changed comes in and reaches the disk with the editor's
 * own edits, instead of being undone by the next save.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "cd-article-editor.h"
#include "cd-import-dialog.h"
#include "cd-photo-manager.h"
#include "cd-photo-row.h"
#include "cd-test-utils.h"
#include "cd-window.h"

/* No fields of its own. */
typedef CdTestFixture Fixture;

/* Saved, or waiting for the user: either way the merge is done. */
static gboolean
merge_settled (gpointer data)
{
  return !cd_window_get_busy (data) || cd_window_get_conflict (data);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cd_test_fixture_set_up (f, 1100, 720);
  cd_test_import_samples (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cd_test_fixture_tear_down (f);
}

static const char *
embargo_of (CdArticle *article)
{
  JsonObject *extra = cd_article_get_ninjs_extra (article);

  if (extra == NULL || !json_object_has_member (extra, "embargoed"))
    return NULL;
  return json_object_get_string_member (extra, "embargoed");
}

static void
type_headline (Fixture    *f,
               const char *text)
{
  CdArticleEditor *editor = CD_ARTICLE_EDITOR (cd_window_get_editor (f->window));

  cd_test_type_text (cd_article_editor_get_headline_entry (editor), text);
}

/* Another Copydesk on the same store sets the creation date and an
 * embargo (a ninjs property Copydesk keeps but does not show) while
 * the headline typed here is not saved yet: the disk ends up with all
 * three, and nothing asks. */
static void
test_date_and_extra_come_in (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(CdStore) other = cd_store_new (f->dir);
  g_autoptr(CdArticle) theirs = NULL;
  g_autoptr(CdArticle) on_disk = NULL;
  g_autoptr(GDateTime) created = g_date_time_new_utc (2021, 5, 4, 3, 2, 1);
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = cd_test_open_headline (f, "City Library");
  CdArticle *shown;

  type_headline (f, "City Library Open Until Midnight");
  g_assert_true (cd_window_get_busy (f->window));   /* not saved yet */

  g_assert_true (cd_store_open (other, NULL, &error));
  theirs = cd_store_load_article (other, id, NULL, &error);
  g_assert_no_error (error);
  cd_article_set_created (theirs, created);
  json_object_set_string_member (extra, "embargoed", "2030-01-01T08:00:00Z");
  cd_article_set_ninjs_extra (theirs, extra);
  g_assert_true (cd_store_save_article (other, theirs, NULL, &error));
  g_assert_no_error (error);

  cd_test_iterate (1500);
  cd_test_wait_until (merge_settled, f->window, 10000);
  g_assert_false (cd_window_get_conflict (f->window));

  on_disk = cd_test_article_on_disk (f, id);
  g_assert_cmpstr (cd_article_get_headline (on_disk), ==, "City Library Open Until Midnight");
  g_assert_true (g_date_time_equal (cd_article_get_created (on_disk), created));
  g_assert_cmpstr (embargo_of (on_disk), ==, "2030-01-01T08:00:00Z");
  /* The window holds the merge too, so its next save keeps it. */
  shown = cd_window_get_article (f->window);
  g_assert_true (g_date_time_equal (cd_article_get_created (shown), created));
  g_assert_cmpstr (embargo_of (shown), ==, "2030-01-01T08:00:00Z");
}

/* The caption of a photo typed here, its credit set by the CLI: two
 * fields of one photo, both kept. */
static void
test_photo_fields_merge (Fixture       *f,
                         gconstpointer  data)
{
  CdPhotoManager *manager = CD_PHOTO_MANAGER (cd_window_get_photo_manager (f->window));
  g_autofree char *id = cd_test_open_headline (f, "City Library");
  g_autoptr(CdArticle) on_disk = NULL;
  GtkWidget *row;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "photos");
  row = cd_photo_manager_get_row (manager, 0);
  g_assert_nonnull (row);
  cd_test_type_text (cd_photo_row_get_caption_entry (CD_PHOTO_ROW (row)),
                     "The reading room, open late");
  cd_test_run_cli (f, (const char *[]) { "photo", "set", id, "1", "--credit", "City Archive", NULL });

  cd_test_iterate (1500);
  cd_test_wait_until (merge_settled, f->window, 10000);
  g_assert_false (cd_window_get_conflict (f->window));
  on_disk = cd_test_article_on_disk (f, id);
  g_assert_cmpstr (cd_photo_get_caption (cd_article_get_photo (on_disk, 0)), ==,
                   "The reading room, open late");
  g_assert_cmpstr (cd_photo_get_credit (cd_article_get_photo (on_disk, 0)), ==, "City Archive");
}

static gboolean
has_three_photos (gpointer data)
{
  CdArticle *article = cd_window_get_article (data);

  return article && cd_article_get_n_photos (article) == 3;
}

/* The editor adds a photo (as dropping an image on the Photos view
 * does) while the CLI adds another: both end up in the window and on
 * disk, the editor's first, and nothing asks. */
static void
test_photos_added_on_both_sides (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *id = cd_test_open_headline (f, "City Library");
  g_autofree char *png = g_build_filename (f->dir, "reading-room.png", NULL);
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 40, 30);
  g_autoptr(GSList) dropped = g_slist_append (NULL, png_file);
  g_autoptr(CdArticle) on_disk = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *editor_id = NULL;
  CdPhotoManager *manager;
  CdArticle *shown;

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  gdk_pixbuf_save (pixbuf, png, "png", &error, NULL);
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "photos");
  manager = CD_PHOTO_MANAGER (cd_window_get_photo_manager (f->window));
  shown = cd_window_get_article (f->window);
  g_assert_cmpuint (cd_article_get_n_photos (shown), ==, 1);
  first_id = g_strdup (cd_photo_get_id (cd_article_get_photo (shown, 0)));

  g_signal_emit_by_name (manager, "files-dropped", dropped);
  g_assert_cmpuint (cd_article_get_n_photos (shown), ==, 2);
  editor_id = g_strdup (cd_photo_get_id (cd_article_get_photo (shown, 1)));
  g_assert_true (cd_window_get_busy (f->window));   /* not saved yet */
  cd_test_run_cli (f, (const char *[]) { "photo", "add", id, "--caption",
                                         "The reading room from the gallery", NULL });

  cd_test_iterate (1500);
  cd_test_wait_until (merge_settled, f->window, 10000);
  cd_test_wait_until (has_three_photos, f->window, 10000);
  g_assert_false (cd_window_get_conflict (f->window));
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);

  /* In the window: the article and a row for each photo. */
  shown = cd_window_get_article (f->window);
  g_assert_cmpstr (cd_photo_get_id (cd_article_get_photo (shown, 0)), ==, first_id);
  g_assert_cmpstr (cd_photo_get_id (cd_article_get_photo (shown, 1)), ==, editor_id);
  g_assert_nonnull (cd_photo_get_file (cd_article_get_photo (shown, 1)));
  g_assert_cmpstr (cd_photo_get_caption (cd_article_get_photo (shown, 2)), ==,
                   "The reading room from the gallery");
  g_assert_nonnull (cd_photo_manager_get_row (manager, 2));

  /* And on disk, the same three. */
  on_disk = cd_test_article_on_disk (f, id);
  g_assert_cmpuint (cd_article_get_n_photos (on_disk), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_true (cd_photo_equal (cd_article_get_photo (on_disk, i),
                                   cd_article_get_photo (shown, i)));
}

/* Both sides change the same hidden property: the window asks, and
 * names it. */
static void
test_extra_clash_asks (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CdStore) other = cd_store_new (f->dir);
  g_autoptr(CdArticle) theirs = NULL;
  g_autoptr(JsonObject) mine_extra = json_object_new ();
  g_autoptr(JsonObject) their_extra = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = cd_test_open_headline (f, "Island Ferry");

  json_object_set_string_member (mine_extra, "embargoed", "2030-01-01T08:00:00Z");
  cd_article_set_ninjs_extra (cd_window_get_article (f->window), mine_extra);
  g_assert_true (cd_store_open (other, NULL, &error));
  theirs = cd_store_load_article (other, id, NULL, &error);
  g_assert_no_error (error);
  json_object_set_string_member (their_extra, "embargoed", "2030-02-01T08:00:00Z");
  cd_article_set_ninjs_extra (theirs, their_extra);
  g_assert_true (cd_store_save_article (other, theirs, NULL, &error));

  cd_test_iterate (1500);
  g_assert_true (cd_window_get_conflict (f->window));
  g_assert_cmpstr (embargo_of (cd_window_get_article (f->window)), ==, "2030-01-01T08:00:00Z");
  g_clear_object (&theirs);
  theirs = cd_test_article_on_disk (f, id);
  g_assert_cmpstr (embargo_of (theirs), ==, "2030-02-01T08:00:00Z");
}

/* What comes in from the other program shows in the editing pane, not
 * only in the file. */
static void
test_merged_fields_show (Fixture       *f,
                         gconstpointer  data)
{
  CdArticleEditor *editor = CD_ARTICLE_EDITOR (cd_window_get_editor (f->window));
  g_autofree char *id = cd_test_open_headline (f, "Island Ferry");
  g_autoptr(CdArticle) on_disk = NULL;
  GtkWidget *section;

  type_headline (f, "Ferry Timetable Cut, Mine");
  cd_test_run_cli (f, (const char *[]) { "set", id, "section", "Weather", NULL });
  cd_test_iterate (1500);
  cd_test_wait_until (merge_settled, f->window, 10000);
  g_assert_false (cd_window_get_conflict (f->window));
  section = cd_article_editor_get_section_entry (editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (section)), ==, "Weather");
  on_disk = cd_test_article_on_disk (f, id);
  g_assert_cmpstr (cd_article_get_section (on_disk), ==, "Weather");
  g_assert_cmpstr (cd_article_get_headline (on_disk), ==, "Ferry Timetable Cut, Mine");
}

static gboolean
in_conflict (gpointer data)
{
  return cd_window_get_conflict (data);
}

/* Both changed the headline; only the editor the body. The banner's
 * Reload takes their headline and must not throw away the body typed
 * here, which nobody else touched. */
static void
test_reload_keeps_other_edits (Fixture       *f,
                               gconstpointer  data)
{
  CdArticleEditor *editor = CD_ARTICLE_EDITOR (cd_window_get_editor (f->window));
  g_autofree char *id = cd_test_open_headline (f, "Island Ferry");
  g_autoptr(CdArticle) on_disk = NULL;
  GtkTextBuffer *body;
  GtkTextIter end;

  type_headline (f, "Ferry Timetable Cut, Mine");
  body = gtk_text_view_get_buffer (GTK_TEXT_VIEW (cd_article_editor_get_body_view (editor)));
  gtk_text_buffer_get_end_iter (body, &end);
  gtk_text_buffer_insert_interactive (body, &end, "\n\nA paragraph typed here.", -1, TRUE);
  cd_test_run_cli (f, (const char *[]) { "set", id, "headline", "Ferry Service Restored", NULL });
  cd_test_wait_until (in_conflict, f->window, 10000);

  /* What the banner's Reload button does. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.take-theirs", NULL);
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
  g_assert_false (cd_window_get_conflict (f->window));
  g_assert_cmpstr (cd_article_get_headline (cd_window_get_article (f->window)), ==,
                   "Ferry Service Restored");
  on_disk = cd_test_article_on_disk (f, id);
  g_assert_cmpstr (cd_article_get_headline (on_disk), ==, "Ferry Service Restored");
  g_assert_true (g_str_has_suffix (cd_article_get_body (on_disk), "A paragraph typed here."));
}

int
main (int   argc,
      char *argv[])
{
  cd_test_init (&argc, &argv);

  g_test_add ("/merge/date-and-extra-come-in", Fixture, NULL, fixture_setup, test_date_and_extra_come_in, fixture_teardown);
  g_test_add ("/merge/photo-fields", Fixture, NULL, fixture_setup, test_photo_fields_merge, fixture_teardown);
  g_test_add ("/merge/photos-added-on-both-sides", Fixture, NULL, fixture_setup, test_photos_added_on_both_sides, fixture_teardown);
  g_test_add ("/merge/merged-fields-show", Fixture, NULL, fixture_setup, test_merged_fields_show, fixture_teardown);
  g_test_add ("/merge/reload-keeps-other-edits", Fixture, NULL, fixture_setup, test_reload_keeps_other_edits, fixture_teardown);
  g_test_add ("/merge/extra-clash-asks", Fixture, NULL, fixture_setup, test_extra_clash_asks, fixture_teardown);

  return g_test_run ();
}

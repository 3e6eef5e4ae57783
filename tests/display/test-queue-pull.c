/* test-queue-pull.c: the publish queue view and pulling a post back, in
 * the window, driven through their actions
 *
 * WordPress is played by wp-fake.c (a SoupServer on 127.0.0.1).  "Down"
 * is that server's port with nothing listening on it; it comes back up on
 * the same port, so the site's address in the store never changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "cd-article-editor.h"
#include "cd-publish-dialog.h"
#include "cd-queue-view.h"
#include "cd-site-password.h"
#include "cd-test-utils.h"
#include "cd-window.h"
#include "wp-fake.h"

#define SITE "newsroom"
#define HEADLINE "Harbour reopens after the storm"
#define BODY "The harbour reopened on Monday."

typedef struct
{
  CdTestFixture base;
  Fake fake;
  char *article_id;
} Fixture;

/* Predicates for cd_test_wait_until() */

static gboolean
dialog_gone (gpointer data)
{
  return cd_window_get_publish_dialog (data) == NULL;
}

static gboolean
dialog_left_progress (gpointer data)
{
  return g_strcmp0 (cd_publish_dialog_get_page (data), "progress") != 0;
}

static gboolean
queue_sent (gpointer data)
{
  return !cd_window_get_sending_queued (data);
}

static gboolean
pull_done (gpointer data)
{
  return !cd_window_get_pulling (data) && !cd_window_get_busy (data);
}

static gboolean
pull_dialog_shown (gpointer data)
{
  return cd_window_get_pull_dialog (data) != NULL;
}

/* The fake WordPress going away and coming back on its port. */

static void
site_down (Fixture *f)
{
  soup_server_disconnect (f->fake.server);
}

static void
site_up (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (soup_server_listen_local (f->fake.server, f->fake.port,
                                           SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
}

/* Set-up */

/* One article ready to publish (no photo), and the fake site. */
static void
prepare_store (Fixture *f)
{
  g_autoptr(CdStore) store = cd_store_new (f->base.dir);
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(GPtrArray) articles = g_ptr_array_new ();
  g_autoptr(GPtrArray) sites = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonNode) settings = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) copy = NULL;
  g_autoptr(GError) error = NULL;
  CdSite *site;

  g_assert_true (cd_store_open (store, NULL, &error));
  cd_article_set_headline (article, HEADLINE);
  cd_article_set_body (article, BODY);
  g_ptr_array_add (articles, article);
  g_assert_true (cd_store_add_articles (store, articles, NULL, &error));
  f->article_id = g_strdup (cd_article_get_id (article));

  site = cd_site_new (SITE, f->fake.url, USER, &error);
  g_assert_no_error (error);
  g_ptr_array_add (sites, site);
  json_node_set_object (settings, cd_store_get_settings (store));
  copy = json_node_copy (settings);
  cd_sites_to_settings (sites, json_node_get_object (copy));
  g_assert_true (cd_store_save_settings (store, json_node_get_object (copy), &error));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_setenv (CD_SITE_PASSWORD_ENV, PASSWORD, TRUE);
  wp_fake_setup (&f->fake, data);
  f->base.dir = cd_test_make_tmp_dir ("copydesk-test");
  prepare_store (f);

  cd_test_fixture_open_window (&f->base, 1100, 720);
  cd_publisher_set_timeout (cd_window_get_publisher (f->base.window), 5);
  cd_test_show_article (&f->base, f->article_id);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *dialog = cd_window_get_pull_dialog (f->base.window);

  if (dialog)
    gtk_window_destroy (GTK_WINDOW (dialog));
  cd_test_fixture_tear_down (&f->base);
  g_free (f->article_id);
  wp_fake_teardown (&f->fake, data);
}

/* Helpers */

/* Publishes the open article through the dialog, as an editor does;
 * returns the page the dialog ends on ("result" when queued), or NULL
 * when it closed (published). */
static char *
publish_through_dialog (Fixture *f)
{
  CdPublishDialog *dialog;
  char *page = NULL;

  gtk_widget_activate_action (GTK_WIDGET (f->base.window), "win.publish", NULL);
  dialog = CD_PUBLISH_DIALOG (cd_window_get_publish_dialog (f->base.window));
  g_assert_nonnull (dialog);
  g_assert_true (cd_publish_dialog_get_can_publish (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "publish.send", NULL);
  while (cd_window_get_publish_dialog (f->base.window) &&
         !dialog_left_progress (dialog))
    g_main_context_iteration (NULL, TRUE);
  if (cd_window_get_publish_dialog (f->base.window))
    {
      page = g_strdup (cd_publish_dialog_get_page (dialog));
      gtk_window_close (GTK_WINDOW (dialog));
      cd_test_wait_until (dialog_gone, f->base.window, 5000);
    }
  cd_test_wait_until (cd_test_window_idle, f->base.window, 10000);
  return page;
}

static CdArticle *
load_from_disk (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  CdArticle *article = cd_store_load_article (f->base.store, f->article_id, NULL, &error);

  g_assert_no_error (error);
  return article;
}

static guint
jobs_in_file (Fixture *f)
{
  g_autoptr(GFile) dir = g_file_new_for_path (f->base.dir);
  g_autoptr(CdPublishQueue) queue = cd_publish_queue_new (dir);
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_publish_queue_load (queue, &error));
  return g_list_model_get_n_items (G_LIST_MODEL (queue));
}

static GtkWidget *
template_child (Fixture    *f,
                const char *id)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->base.window), CD_TYPE_WINDOW, id));
}

static const char *
visible_page (Fixture *f)
{
  GtkWidget *view = cd_window_get_queue_view (f->base.window);

  GtkWidget *stack = gtk_widget_get_ancestor (view, ADW_TYPE_VIEW_STACK);

  return adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack));
}

/* As a click does, at once (activating a button waits a moment, to show
 * it pressed). */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* The row's buttons, in the order of the row: Retry Now, Remove. */
static GtkWidget *
row_button (CdQueueRow *row,
            guint       index)
{
  GtkWidget *button = cd_test_find_widget (GTK_WIDGET (row), GTK_TYPE_BUTTON);

  g_assert_nonnull (button);
  for (guint i = 0; i < index; i++)
    button = gtk_widget_get_next_sibling (button);
  g_assert_true (GTK_IS_BUTTON (button));
  return button;
}

static char *
editor_body (Fixture *f)
{
  GtkWidget *editor = cd_window_get_editor (f->base.window);
  GtkTextBuffer *buffer =
    gtk_text_view_get_buffer (GTK_TEXT_VIEW (cd_article_editor_get_body_view (CD_ARTICLE_EDITOR (editor))));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The message dialog with that heading, among the windows shown. */
static GtkWidget *
find_message_dialog (const char *heading)
{
  GListModel *windows = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (windows, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return GTK_WIDGET (window);
    }
  return NULL;
}

/* Queue */

/* Queued while the site is down, the job shows in the view with its
 * reason; sent once the site is back, it leaves, and the article (in the
 * editor and on disk) is bound to its post. */
static void
test_queue_retry (Fixture       *f,
                  gconstpointer  data)
{
  CdQueueView *view = CD_QUEUE_VIEW (cd_window_get_queue_view (f->base.window));
  GtkWidget *button = template_child (f, "queue_button");
  g_autofree char *page = NULL;
  g_autoptr(CdArticle) on_disk = NULL;
  CdQueueRow *row;

  g_assert_false (gtk_widget_get_visible (button));
  site_down (f);
  page = publish_through_dialog (f);
  g_assert_cmpstr (page, ==, "result");
  g_assert_cmpuint (jobs_in_file (f), ==, 1);

  /* The header bar says something waits; the view shows what and why. */
  g_assert_true (gtk_widget_get_visible (button));
  click (button);
  g_assert_cmpstr (visible_page (f), ==, "queue");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_cmpuint (cd_queue_view_get_n_rows (view), ==, 1);
  row = cd_queue_view_get_row (view, 0);
  g_assert_cmpstr (cd_queue_row_get_headline (row), ==, HEADLINE);
  g_assert_nonnull (strstr (cd_queue_row_get_problem_text (row), "could not be reached"));
  g_assert_nonnull (strstr (cd_queue_row_get_details (row), "could not be reached"));
  cd_test_assert_accessible_names (GTK_WIDGET (view));

  /* Still down: Retry Now counts the attempt, and the job stays. */
  click (row_button (row, 0));
  g_assert_true (cd_window_get_sending_queued (f->base.window));
  cd_test_wait_until (queue_sent, f->base.window, 30000);
  g_assert_cmpuint (cd_queue_view_get_n_rows (view), ==, 1);
  row = cd_queue_view_get_row (view, 0);
  g_assert_cmpuint (cd_publish_job_get_attempts (cd_queue_row_get_job (row)), ==, 2);

  /* Back up, with a password the site refuses: the job now needs the
   * editor, and says so in its words. */
  site_up (f);
  g_setenv (CD_SITE_PASSWORD_ENV, "not the password", TRUE);
  cd_publisher_forget_clients (cd_window_get_publisher (f->base.window));
  gtk_widget_activate_action (GTK_WIDGET (f->base.window), "win.retry-publish", "s",
                              cd_publish_job_get_id (cd_queue_row_get_job (row)));
  cd_test_wait_until (queue_sent, f->base.window, 30000);
  row = cd_queue_view_get_row (view, 0);
  g_assert_nonnull (row);
  g_assert_cmpint (cd_publish_job_get_state (cd_queue_row_get_job (row)), ==,
                   CD_PUBLISH_JOB_FAILED);
  g_assert_nonnull (strstr (cd_queue_row_get_problem_text (row), "application password"));
  g_assert_cmpuint (f->fake.posts->len, ==, 0);

  /* The right password: sent, gone from the queue and its file. */
  g_setenv (CD_SITE_PASSWORD_ENV, PASSWORD, TRUE);
  cd_publisher_forget_clients (cd_window_get_publisher (f->base.window));
  click (row_button (row, 0));
  cd_test_wait_until (queue_sent, f->base.window, 30000);
  cd_test_wait_until (cd_test_window_idle, f->base.window, 10000);
  g_assert_cmpuint (cd_queue_view_get_n_rows (view), ==, 0);
  g_assert_cmpuint (jobs_in_file (f), ==, 0);
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_cmpuint (f->fake.posts->len, ==, 1);

  on_disk = load_from_disk (f);
  g_assert_cmpstr (cd_site_binding_get_post_id (cd_article_get_binding (on_disk, SITE)), ==, "100");
  g_assert_cmpint (cd_article_get_status (on_disk), ==, CD_ARTICLE_STATUS_PUBLISHED);
  g_assert_nonnull (cd_article_get_binding (cd_window_get_article (f->base.window), SITE));
  /* The queue stayed on screen while the editor took the new version. */
  g_assert_cmpstr (visible_page (f), ==, "queue");
}

/* Removing a job leaves the article as it was. */
static void
test_queue_remove (Fixture       *f,
                   gconstpointer  data)
{
  CdQueueView *view = CD_QUEUE_VIEW (cd_window_get_queue_view (f->base.window));
  g_autoptr(CdArticle) before = load_from_disk (f);
  g_autoptr(CdArticle) after = NULL;
  g_autofree char *page = NULL;

  site_down (f);
  page = publish_through_dialog (f);
  g_assert_cmpstr (page, ==, "result");
  g_assert_cmpuint (jobs_in_file (f), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (f->base.window), "win.show-view", "s", "queue");
  g_assert_cmpstr (visible_page (f), ==, "queue");
  g_assert_cmpuint (cd_queue_view_get_n_rows (view), ==, 1);
  click (row_button (cd_queue_view_get_row (view, 0), 1));
  cd_test_iterate (50);

  g_assert_cmpuint (cd_queue_view_get_n_rows (view), ==, 0);
  g_assert_cmpuint (jobs_in_file (f), ==, 0);
  g_assert_false (gtk_widget_get_visible (template_child (f, "queue_button")));
  after = load_from_disk (f);
  g_assert_true (cd_article_equal (before, after));

  /* The site comes back: nothing is sent, nothing waited. */
  site_up (f);
  gtk_widget_activate_action (GTK_WIDGET (f->base.window), "win.publish-queued", NULL);
  cd_test_iterate (200);
  g_assert_cmpuint (f->fake.posts->len, ==, 0);
}

/* Another program (copydesk-cli queue run) emptied the queue: the view
 * follows when the window comes back to the front... or is opened. */
static void
test_queue_read_again (Fixture       *f,
                       gconstpointer  data)
{
  CdQueueView *view = CD_QUEUE_VIEW (cd_window_get_queue_view (f->base.window));
  g_autofree char *page = NULL;
  g_autofree char *path = g_build_filename (f->base.dir, CD_PUBLISH_QUEUE_FILE_NAME, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  site_down (f);
  page = publish_through_dialog (f);
  g_assert_cmpstr (page, ==, "result");
  g_assert_true (gtk_widget_get_visible (template_child (f, "queue_button")));

  g_assert_true (g_file_set_contents (path, "{\"version\":1,\"jobs\":[]}", -1, &error));
  gtk_widget_activate_action (GTK_WIDGET (f->base.window), "win.show-view", "s", "queue");
  g_assert_cmpuint (cd_queue_view_get_n_rows (view), ==, 0);
  g_assert_cmpstr (cd_queue_view_get_page (view), ==, "empty");
  g_assert_false (gtk_widget_get_visible (template_child (f, "queue_button")));

  /* A file that does not load is shown in words, and left as it is. */
  g_assert_true (g_file_set_contents (path, "{\"version\":1,\"jobs\":[", -1, &error));
  gtk_widget_activate_action (GTK_WIDGET (f->base.window), "win.show-view", "s", "queue");
  g_assert_cmpstr (cd_queue_view_get_page (view), ==, "error");
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "{\"version\":1,\"jobs\":[");
}

/* Pull */

static JsonObject *
the_post (Fixture *f)
{
  g_assert_cmpuint (f->fake.posts->len, ==, 1);
  return g_ptr_array_index (f->fake.posts, 0);
}

/* The post is edited on the site; the pull saves the editor's unsaved
 * text first, asks before replacing it, then shows the site's text in the
 * editor and on disk; Undo brings the editor's back. */
/* The error line takes its own text's direction, whichever the window's:
 * a site's English message keeps its full stop at its end. */
static void
test_queue_details_direction (void)
{
  g_autoptr(CdPublishJob) job = cd_publish_job_new ("4e0c8a52-7d4b-4c1e-9f3a-1b2c3d4e5f60",
                                                    "newsroom", CD_WP_STATUS_PUBLISH, NULL, 0);
  g_autoptr(GError) english = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                   "Site “newsroom” refused the password (HTTP 401).");
  g_autoptr(GError) arabic = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                  "رفض الموقع كلمة المرور (HTTP 401).");
  GtkWidget *row;

  /* As in the Arabic window. */
  gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  cd_publish_job_record_failure (job, english);
  row = g_object_ref_sink (cd_queue_row_new (job, "Night market moves to the quay"));
  g_assert_cmpint (cd_queue_row_get_details_direction (CD_QUEUE_ROW (row)), ==, GTK_TEXT_DIR_LTR);
  cd_publish_job_record_failure (job, arabic);
  g_assert_cmpstr (cd_queue_row_get_details (CD_QUEUE_ROW (row)), ==, arabic->message);
  g_assert_cmpint (cd_queue_row_get_details_direction (CD_QUEUE_ROW (row)), ==, GTK_TEXT_DIR_RTL);
  g_object_unref (row);
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

static void
test_pull_takes_site_version (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *headline_entry;
  GtkWidget *dialog;
  g_autofree char *page = NULL;
  g_autofree char *body = NULL;
  g_autoptr(CdArticle) on_disk = NULL;
  const char *heading;
  JsonObject *post;

  page = publish_through_dialog (f);
  g_assert_null (page);
  on_disk = load_from_disk (f);
  g_assert_nonnull (cd_article_get_binding (on_disk, SITE));
  g_clear_object (&on_disk);

  /* Nothing changed on the site: nothing to bring back, nothing asked. */
  gtk_widget_activate_action (GTK_WIDGET (f->base.window), "win.pull", NULL);
  g_assert_true (cd_window_get_pulling (f->base.window));
  cd_test_wait_until (pull_done, f->base.window, 30000);
  g_assert_null (cd_window_get_pull_dialog (f->base.window));
  body = editor_body (f);
  g_assert_cmpstr (body, ==, BODY);
  g_clear_pointer (&body, g_free);

  /* Edited on the site, and in the editor (not saved yet). */
  post = the_post (f);
  wp_fake_set_text (post, "content", "<p>The harbour reopened on Monday, a day late.</p>");
  json_object_set_string_member (post, "modified_gmt", "2026-03-03T10:00:00");
  headline_entry = cd_article_editor_get_headline_entry (CD_ARTICLE_EDITOR (cd_window_get_editor (f->base.window)));
  cd_test_type_text (headline_entry, "Harbour reopens, a day late");
  g_assert_true (cd_window_get_busy (f->base.window));

  gtk_widget_activate_action (GTK_WIDGET (f->base.window), "win.pull", NULL);
  /* The editor's text went to disk before anything else. */
  on_disk = load_from_disk (f);
  g_assert_cmpstr (cd_article_get_headline (on_disk), ==, "Harbour reopens, a day late");
  g_clear_object (&on_disk);
  cd_test_wait_until (pull_dialog_shown, f->base.window, 30000);
  dialog = cd_window_get_pull_dialog (f->base.window);
  heading = adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog));
  g_assert_cmpstr (heading, ==, "Take the Site’s Version?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "article: headline, body."));
  /* Asked, nothing changed yet. */
  body = editor_body (f);
  g_assert_cmpstr (body, ==, BODY);
  g_clear_pointer (&body, g_free);

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "take");
  if (cd_window_get_pull_dialog (f->base.window))
    gtk_window_destroy (GTK_WINDOW (cd_window_get_pull_dialog (f->base.window)));
  cd_test_wait_until (pull_done, f->base.window, 30000);

  body = editor_body (f);
  /* The site's HTML comes in as Markdown. */
  g_assert_cmpstr (body, ==, "The harbour reopened on Monday, a day late.");
  g_clear_pointer (&body, g_free);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cd_article_editor_get_headline_entry (CD_ARTICLE_EDITOR (cd_window_get_editor (f->base.window))))),
                   ==, HEADLINE);
  on_disk = load_from_disk (f);
  g_assert_cmpstr (cd_article_get_body (on_disk), ==, "The harbour reopened on Monday, a day late.");
  g_assert_cmpstr (cd_site_binding_get_remote_modified (cd_article_get_binding (on_disk, SITE)),
                   ==, "2026-03-03T10:00:00");
  g_clear_object (&on_disk);

  /* Undo: the editor's version is back, in the editor and on disk. */
  gtk_widget_activate_action (GTK_WIDGET (f->base.window), "win.undo-pull", NULL);
  cd_test_wait_until (cd_test_window_idle, f->base.window, 10000);
  body = editor_body (f);
  g_assert_cmpstr (body, ==, BODY);
  on_disk = load_from_disk (f);
  g_assert_cmpstr (cd_article_get_headline (on_disk), ==, "Harbour reopens, a day late");
  g_assert_cmpstr (cd_article_get_body (on_disk), ==, BODY);
  /* Still bound to the site's latest, so the next publish sends it over. */
  g_assert_cmpstr (cd_site_binding_get_remote_modified (cd_article_get_binding (on_disk, SITE)),
                   ==, "2026-03-03T10:00:00");
}

/* Keep Mine changes nothing; a post deleted on the site is said so. */
static void
test_pull_keep_mine_and_errors (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *page = NULL;
  g_autoptr(CdArticle) before = NULL;
  g_autoptr(CdArticle) after = NULL;
  GtkWidget *error_dialog;
  GtkWidget *dialog;
  JsonObject *post;

  /* Never published: nothing to pull from, nothing fetched. */
  gtk_widget_activate_action (GTK_WIDGET (f->base.window), "win.pull", NULL);
  g_assert_false (cd_window_get_pulling (f->base.window));
  g_assert_cmpuint (f->fake.log->len, ==, 0);

  page = publish_through_dialog (f);
  g_assert_null (page);
  post = the_post (f);
  wp_fake_set_text (post, "title", "Rewritten on the site");
  json_object_set_string_member (post, "modified_gmt", "2026-03-03T10:00:00");
  before = load_from_disk (f);

  gtk_widget_activate_action (GTK_WIDGET (f->base.window), "win.pull", NULL);
  cd_test_wait_until (pull_dialog_shown, f->base.window, 30000);
  dialog = cd_window_get_pull_dialog (f->base.window);
  /* Only the title changed on the site: the body is not named. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "article: headline."));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  if (cd_window_get_pull_dialog (f->base.window))
    gtk_window_destroy (GTK_WINDOW (cd_window_get_pull_dialog (f->base.window)));
  cd_test_wait_until (pull_done, f->base.window, 30000);
  after = load_from_disk (f);
  g_assert_true (cd_article_equal (before, after));
  g_clear_object (&after);

  /* Deleted on the site: an error in words, and the article unchanged. */
  g_ptr_array_remove_index (f->fake.posts, 0);
  g_test_expect_message ("Copydesk", G_LOG_LEVEL_WARNING,
                         "Could not bring back the site’s version: Post 100 is no longer*");
  gtk_widget_activate_action (GTK_WIDGET (f->base.window), "win.pull", NULL);
  cd_test_wait_until (pull_done, f->base.window, 30000);
  g_test_assert_expected_messages ();
  after = load_from_disk (f);
  g_assert_true (cd_article_equal (before, after));
  error_dialog = find_message_dialog ("Could not bring back the site’s version");
  g_assert_nonnull (error_dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (error_dialog)),
                            "is no longer on site “" SITE "”"));
  gtk_window_destroy (GTK_WINDOW (error_dialog));
}

static guint
count_requests (Fixture    *f,
                const char *line)
{
  guint n = 0;

  for (guint i = 0; i < f->fake.log->len; i++)
    n += g_str_equal (g_ptr_array_index (f->fake.log, i), line);
  return n;
}

/* Text the window cannot save (another program saved the article
 * meanwhile) stops the pull before anything is fetched, and stays. */
static void
test_pull_refused_when_text_cannot_be_saved (Fixture       *f,
                                             gconstpointer  data)
{
  g_autoptr(CdStore) other = cd_store_new (f->base.dir);
  g_autoptr(CdArticle) theirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *page = NULL;
  GtkWidget *headline_entry;
  GtkWidget *error_dialog;

  page = publish_through_dialog (f);
  g_assert_null (page);

  g_assert_true (cd_store_open (other, NULL, &error));
  theirs = cd_store_load_article (other, f->article_id, NULL, &error);
  g_assert_no_error (error);
  cd_article_set_headline (theirs, "Changed by another program");
  g_assert_true (cd_store_save_article (other, theirs, NULL, &error));

  headline_entry = cd_article_editor_get_headline_entry (CD_ARTICLE_EDITOR (cd_window_get_editor (f->base.window)));
  cd_test_type_text (headline_entry, "Typed in the window");
  g_test_expect_message ("Copydesk", G_LOG_LEVEL_WARNING,
                         "Nothing was brought back: the article could not be saved first*");
  gtk_widget_activate_action (GTK_WIDGET (f->base.window), "win.pull", NULL);
  g_test_assert_expected_messages ();

  g_assert_false (cd_window_get_pulling (f->base.window));
  g_assert_null (cd_window_get_pull_dialog (f->base.window));
  g_assert_cmpuint (count_requests (f, "GET /wp/v2/posts/100"), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (headline_entry)), ==,
                   "Typed in the window");
  g_assert_cmpstr (cd_article_get_headline (cd_window_get_article (f->base.window)), ==,
                   "Typed in the window");
  error_dialog = find_message_dialog ("Nothing was brought back: the article could not be saved "
                                      "first");
  g_assert_nonnull (error_dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (error_dialog)),
                            "another program"));
  gtk_window_destroy (GTK_WINDOW (error_dialog));
}

int
main (int   argc,
      char *argv[])
{
  /* No test may reach a real keyring. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/copydesk-test-bus", TRUE);
  cd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/queue/retry", test_queue_retry);
  ADD ("/queue/remove", test_queue_remove);
  ADD ("/queue/read-again", test_queue_read_again);
  g_test_add_func ("/queue/details-direction", test_queue_details_direction);
  ADD ("/pull/takes-site-version", test_pull_takes_site_version);
  ADD ("/pull/keep-mine-and-errors", test_pull_keep_mine_and_errors);
  ADD ("/pull/refused-when-text-cannot-be-saved", test_pull_refused_when_text_cannot_be_saved);
#undef ADD

  return g_test_run ();
}

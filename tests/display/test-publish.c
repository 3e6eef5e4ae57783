/* test-publish.c: the publish dialog and the Sites preferences, driven
 * through their actions
 *
 * No WordPress is needed: the checks stop a publish before anything is
 * sent, and the one site that is "published" to is a loopback port that
 * nothing listens on, so that the publish is queued.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "cd-preferences-window.h"
#include "cd-publish-dialog.h"
#include "cd-test-utils.h"
#include "cd-window.h"

#define SITE "newsroom"

typedef struct
{
  CdTestFixture base;
  char *article_id;
} Fixture;

static gboolean
dialog_shown (gpointer data)
{
  return cd_window_get_publish_dialog (data) != NULL;
}

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

/* A loopback address nothing listens on. */
static char *
closed_loopback_url (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  g_socket_close (socket, NULL);
  return g_strdup_printf ("http://127.0.0.1:%u",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
}

/* The store, before the window opens it: one article whose photo has a
 * caption and an image but no credit, and (unless without_site) a site. */
static void
prepare_store (Fixture  *f,
               gboolean  without_site)
{
  g_autoptr(CdStore) store = cd_store_new (f->base.dir);
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(CdPhoto) photo = cd_photo_new ();
  g_autoptr(GPtrArray) articles = g_ptr_array_new ();
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 40, 30);
  g_autofree char *png = g_build_filename (f->base.dir, "harbour.png", NULL);
  g_autoptr(GFile) png_file = g_file_new_for_path (png);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_assert_true (cd_store_open (store, NULL, &error));
  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  gdk_pixbuf_save (pixbuf, png, "png", &error, NULL);
  g_assert_no_error (error);
  name = cd_store_add_photo_file (store, png_file, NULL, NULL, &error);
  g_assert_no_error (error);

  cd_photo_set_caption (photo, "Boats in the harbour at dawn");
  cd_photo_set_file (photo, name);
  cd_article_set_headline (article, "Harbour reopens after the storm");
  cd_article_set_body (article, "The harbour reopened on Monday.");
  cd_article_add_photo (article, photo);
  g_ptr_array_add (articles, article);
  g_assert_true (cd_store_add_articles (store, articles, NULL, &error));
  f->article_id = g_strdup (cd_article_get_id (article));

  if (!without_site)
    {
      g_autoptr(JsonNode) settings = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonNode) copy = NULL;
      g_autoptr(GPtrArray) sites = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *url = closed_loopback_url ();
      CdSite *site = cd_site_new (SITE, url, "editor", &error);

      g_assert_no_error (error);
      g_ptr_array_add (sites, site);
      json_node_set_object (settings, cd_store_get_settings (store));
      copy = json_node_copy (settings);
      cd_sites_to_settings (sites, json_node_get_object (copy));
      g_assert_true (cd_store_save_settings (store, json_node_get_object (copy), &error));
    }
}

static void
open_window (Fixture *f)
{
  cd_test_fixture_open_window (&f->base, 1100, 720);
  cd_test_show_article (&f->base, f->article_id);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->base.dir = cd_test_make_tmp_dir ("copydesk-test");
  prepare_store (f, GPOINTER_TO_INT (data));
  open_window (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cd_test_fixture_tear_down (&f->base);
  g_free (f->article_id);
}

static CdPublishDialog *
open_dialog (Fixture *f)
{
  gtk_widget_activate_action (GTK_WIDGET (f->base.window), "win.publish", NULL);
  cd_test_wait_until (dialog_shown, f->base.window, 5000);
  return CD_PUBLISH_DIALOG (cd_window_get_publish_dialog (f->base.window));
}

static void
close_dialog (Fixture         *f,
              CdPublishDialog *dialog)
{
  gtk_window_close (GTK_WINDOW (dialog));
  cd_test_wait_until (dialog_gone, f->base.window, 5000);
}

static char *
queue_path (Fixture *f)
{
  return g_build_filename (f->base.dir, "publish-queue.json", NULL);
}

static void
test_blocking_problems_shown (Fixture       *f,
                              gconstpointer  data)
{
  CdPublishDialog *dialog = open_dialog (f);
  g_autofree char *problems = cd_publish_dialog_dup_problems (dialog);
  g_autofree char *queue = queue_path (f);
  CdArticle *article = cd_window_get_article (f->base.window);

  g_assert_cmpstr (cd_publish_dialog_get_page (dialog), ==, "form");
  g_assert_nonnull (strstr (problems, "Photo 1 has no credit"));
  /* Alt text is only worth a look; it is listed too. */
  g_assert_nonnull (strstr (problems, "Photo 1 has no alt text"));
  g_assert_false (cd_publish_dialog_get_can_publish (dialog));
  cd_test_assert_accessible_names (GTK_WIDGET (dialog));

  /* Publish does nothing while something blocks. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "publish.send", NULL);
  cd_test_iterate (100);
  g_assert_cmpstr (cd_publish_dialog_get_page (dialog), ==, "form");
  g_assert_null (cd_article_get_binding (article, SITE));
  g_assert_false (g_file_test (queue, G_FILE_TEST_EXISTS));
  close_dialog (f, dialog);

  /* Credited (as an editor would in the photo manager), it may go. */
  cd_photo_set_credit (cd_article_get_photo (article, 0), "Staff photo");
  dialog = open_dialog (f);
  g_free (problems);
  problems = cd_publish_dialog_dup_problems (dialog);
  g_assert_null (strstr (problems, "no credit"));
  g_assert_nonnull (strstr (problems, "no alt text"));
  g_assert_true (cd_publish_dialog_get_can_publish (dialog));

  /* A schedule in the past blocks again. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) past = g_date_time_add_hours (now, -2);

    cd_publish_dialog_set_status (dialog, CD_WP_STATUS_FUTURE);
    cd_publish_dialog_set_publish_at (dialog, past);
    g_free (problems);
    problems = cd_publish_dialog_dup_problems (dialog);
    g_assert_nonnull (strstr (problems, "scheduled time has passed"));
    g_assert_false (cd_publish_dialog_get_can_publish (dialog));
    cd_publish_dialog_set_status (dialog, CD_WP_STATUS_PUBLISH);
    g_assert_true (cd_publish_dialog_get_can_publish (dialog));
  }
  close_dialog (f, dialog);
}

static gboolean
queue_tried (gpointer data)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (data, &contents, NULL, NULL) &&
         strstr (contents, "\"attempts\" : 2") != NULL;
}

static void
test_unreachable_is_queued (Fixture       *f,
                            gconstpointer  data)
{
  CdArticle *article = cd_window_get_article (f->base.window);
  g_autofree char *queue = queue_path (f);
  g_autofree char *contents = NULL;
  CdPublishDialog *dialog;

  cd_photo_set_credit (cd_article_get_photo (article, 0), "Staff photo");
  cd_photo_set_alt_text (cd_article_get_photo (article, 0), "Fishing boats by the quay");
  dialog = open_dialog (f);
  g_assert_true (cd_publish_dialog_get_can_publish (dialog));

  gtk_widget_activate_action (GTK_WIDGET (dialog), "publish.send", NULL);
  g_assert_cmpstr (cd_publish_dialog_get_page (dialog), ==, "progress");
  cd_test_wait_until (dialog_left_progress, dialog, 30000);
  g_assert_cmpstr (cd_publish_dialog_get_page (dialog), ==, "result");
  cd_test_assert_accessible_names (GTK_WIDGET (dialog));

  /* Queued, in the store's folder; the article is as it was. */
  g_assert_null (cd_article_get_binding (article, SITE));
  g_assert_cmpint (cd_article_get_status (article), !=, CD_ARTICLE_STATUS_PUBLISHED);
  g_assert_true (g_file_get_contents (queue, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, f->article_id));
  g_assert_nonnull (strstr (contents, "\"site\" : \"" SITE "\""));
  close_dialog (f, dialog);

  /* Sent again on request: the site still does not answer, and the job
   * stays, its second attempt counted (the publish that queued it was the
   * first). */
  gtk_widget_activate_action (GTK_WIDGET (f->base.window), "win.publish-queued", NULL);
  cd_test_wait_until (queue_tried, queue, 30000);
  g_assert_null (cd_article_get_binding (article, SITE));
}

static void
test_no_sites (Fixture       *f,
               gconstpointer  data)
{
  CdPublishDialog *dialog = open_dialog (f);

  g_assert_cmpstr (cd_publish_dialog_get_page (dialog), ==, "no-sites");
  g_assert_false (cd_publish_dialog_get_can_publish (dialog));
  cd_test_assert_accessible_names (GTK_WIDGET (dialog));
  close_dialog (f, dialog);
}

static GtkWidget *
find_by_name (GtkWidget  *root,
              GType       type,
              const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_name (child, type, name);

      if (found)
        return found;
    }
  return NULL;
}

static void
test_preferences_sites (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *prefs = cd_preferences_window_new (f->base.store);
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *entries[4];
  const char *ids[] = { "name_entry", "url_entry", "user_entry", "password_entry" };
  GtkWidget *row;

  cd_preferences_window_set_publisher (CD_PREFERENCES_WINDOW (prefs),
                                       cd_window_get_publisher (f->base.window));
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (f->base.window));
  gtk_window_present (GTK_WINDOW (prefs));
  cd_test_iterate (100);

  row = find_by_name (prefs, ADW_TYPE_ACTION_ROW, SITE);
  g_assert_nonnull (row);

  /* The entries, found through their template ids. */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      entries[i] = GTK_WIDGET (gtk_widget_get_template_child (prefs, CD_TYPE_PREFERENCES_WINDOW,
                                                              ids[i]));
      g_assert_nonnull (entries[i]);
    }
  cd_test_type_text (entries[0], "opinion");
  cd_test_type_text (entries[1], "http://opinion.example.org");
  cd_test_type_text (entries[2], "lina");
  cd_test_type_text (entries[3], "abcd efgh ijkl mnop qrst uvwx");

  /* Plain http to another computer is refused, and nothing is saved. */
  gtk_widget_activate_action (prefs, "sites.add", NULL);
  sites = cd_sites_from_settings (cd_store_get_settings (f->base.store), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, ==, 1);
  g_clear_pointer (&sites, g_ptr_array_unref);

  cd_test_type_text (entries[1], "https://opinion.example.org");
  gtk_widget_activate_action (prefs, "sites.add", NULL);
  sites = cd_sites_from_settings (cd_store_get_settings (f->base.store), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, ==, 2);
  g_assert_nonnull (cd_sites_find (sites, "opinion"));
  g_assert_cmpstr (cd_site_get_url (cd_sites_find (sites, "opinion")), ==,
                   "https://opinion.example.org");
  g_clear_pointer (&sites, g_ptr_array_unref);
  /* The password never reaches the store. */
  {
    g_autofree char *path = g_build_filename (f->base.dir, "store.json", NULL);
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_null (strstr (contents, "abcd"));
  }
  g_assert_nonnull (find_by_name (prefs, ADW_TYPE_ACTION_ROW, "opinion"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entries[3])), ==, "");
  /* The Sites page (the window's own search entry is libadwaita's). */
  cd_test_assert_accessible_names (gtk_widget_get_ancestor (entries[0], ADW_TYPE_PREFERENCES_PAGE));

  gtk_widget_activate_action (prefs, "sites.remove", "s", "opinion");
  sites = cd_sites_from_settings (cd_store_get_settings (f->base.store), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, ==, 1);
  g_assert_null (find_by_name (prefs, ADW_TYPE_ACTION_ROW, "opinion"));

  gtk_window_destroy (GTK_WINDOW (prefs));
  cd_test_iterate (50);
}

int
main (int   argc,
      char *argv[])
{
  /* No test may reach a real keyring. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/copydesk-test-bus", TRUE);
  g_unsetenv ("COPYDESK_SITE_PASSWORD");
  g_setenv ("COPYDESK_SITE_PASSWORD", "unused-no-wordpress-here", TRUE);
  cd_test_init (&argc, &argv);

  g_test_add ("/publish/blocking-problems-shown", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_blocking_problems_shown, fixture_teardown);
  g_test_add ("/publish/unreachable-is-queued", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_unreachable_is_queued, fixture_teardown);
  g_test_add ("/publish/no-sites", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_no_sites, fixture_teardown);
  g_test_add ("/publish/preferences-sites", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_preferences_sites, fixture_teardown);

  return g_test_run ();
}

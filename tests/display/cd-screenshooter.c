/* cd-screenshooter.c: PNGs of the main views, for data/screenshots/
 *
 * Runs the real window on a fresh store filled with the bundled samples
 * and renders it with GTK's own renderer, so no screen grabber is needed.
 * With "arabic-ui" after the folder it writes only arabic-ui.png: run it
 * with LANGUAGE=ar and it takes the translations from the build tree, so
 * the window is mirrored and in Arabic without installing anything.
 * With "review" it writes, for a translator to look over in any language,
 * review-*.png: every view of the pane (the queue with publishes waiting),
 * the menus, the choice of site to pull from, and the narrow window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "cd-import-dialog.h"
#include "cd-publish-queue.h"
#include "cd-site.h"
#include "cd-test-utils.h"
#include "cd-window.h"

static gboolean
window_idle (gpointer data)
{
  return !cd_window_get_busy (data);
}

static gboolean
dialog_shown (gpointer data)
{
  return cd_window_get_import_dialog (data) != NULL;
}

static gboolean
no_toast (gpointer data)
{
  GType toast_type = g_type_from_name ("AdwToastWidget");

  return toast_type == 0 || cd_test_find_widget (data, toast_type) == NULL;
}

static void
save_png (GtkWidget  *window,
          const char *dir,
          const char *name)
{
  /* The window's content, without the client-side shadow around it. */
  GtkWidget *widget = gtk_widget_get_first_child (window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  cd_test_iterate (300);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Could not write %s", path);
  g_print ("wrote %s\n", path);
}

static void save_png (GtkWidget  *window,
                      const char *dir,
                      const char *name);

/* review: the pages of the switcher and the main menu, as they are now. */
static void
save_views (CdWindow   *window,
            const char *dir,
            const char *suffix)
{
  const char *views[] = { "editor", "photos", "captions", "queue" };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *name = g_strdup_printf ("review-%s%s.png", views[i], suffix);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", views[i]);
      cd_test_iterate (300);
      save_png (GTK_WIDGET (window), dir, name);
    }
}

/* review: a menu button's popover, open. */
static void
save_menu (CdWindow   *window,
           const char *dir,
           const char *tooltip,
           const char *name)
{
  for (GtkWidget *w = GTK_WIDGET (window); w; )
    {
      GtkWidget *next = gtk_widget_get_first_child (w);

      if (GTK_IS_MENU_BUTTON (w) && g_strcmp0 (gtk_widget_get_tooltip_text (w), tooltip) == 0)
        {
          GtkPopover *popover;

          /* The window's menus are made when they first open. */
          gtk_menu_button_popup (GTK_MENU_BUTTON (w));
          popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (w));
          cd_test_iterate (300);
          save_png (GTK_WIDGET (popover), dir, name);
          gtk_menu_button_popdown (GTK_MENU_BUTTON (w));
          return;
        }
      while (next == NULL && w != GTK_WIDGET (window))
        {
          next = gtk_widget_get_next_sibling (w);
          w = gtk_widget_get_parent (w);
        }
      w = next;
    }
  g_printerr ("no menu button “%s”\n", tooltip);
}

/* review: two sites on a closed loopback port, the open article bound to
 * both (win.pull then asks which), and three publishes waiting: one not
 * tried, one that found its site unreachable twice, one refused. */
static void
add_sites_and_queue (CdStore   *store,
                     CdArticle *open)
{
  const char *names[] = { "newsroom", "agency-wire" };
  g_autoptr(GPtrArray) sites = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonNode) settings = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GFile) dir = g_file_new_for_path (cd_store_get_path (store));
  g_autoptr(CdPublishQueue) queue = cd_publish_queue_new (dir);
  g_autoptr(CdArticle) article = cd_article_copy (open);
  g_autoptr(GError) error = NULL;
  GListModel *model = G_LIST_MODEL (store);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(CdSiteBinding) binding = cd_site_binding_new (names[i]);

      g_ptr_array_add (sites, cd_site_new (names[i], "http://127.0.0.1:9", "editor", &error));
      g_assert_no_error (error);
      cd_site_binding_set_post_id (binding, i == 0 ? "41" : "7");
      cd_article_set_binding (article, binding);
    }
  json_node_init_object (settings, json_object_ref (cd_store_get_settings (store)));
  cd_sites_to_settings (sites, json_node_get_object (settings));
  if (!cd_store_save_settings (store, json_node_get_object (settings), &error) ||
      !cd_store_save_article (store, article, NULL, &error) ||
      !cd_publish_queue_load (queue, &error))
    g_error ("%s", error->message);

  for (guint i = 0; i < 3 && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdArticleSummary) s = g_list_model_get_item (model, i);
      g_autoptr(GError) failure = NULL;
      CdPublishJob *job = cd_publish_queue_add (queue, cd_article_summary_get_id (s), names[0],
                                                CD_WP_STATUS_PUBLISH, NULL, 0, &error);

      g_assert_no_error (error);
      if (i == 1)
        failure = g_error_new_literal (CD_WP_ERROR, CD_WP_ERROR_UNREACHABLE,
                                       "Could not connect to 127.0.0.1:9: Connection refused");
      else if (i == 2)
        failure = g_error_new_literal (CD_WP_ERROR, CD_WP_ERROR_UNAUTHORIZED,
                                       "Site “newsroom” refused user “editor” (HTTP 401).");
      for (guint n = 0; failure && n < i; n++)
        if (!cd_publish_queue_record_failure (queue, job, failure, &error))
          g_error ("%s", error->message);
    }
}

static void
select_headline (CdWindow   *window,
                 CdStore    *store,
                 const char *prefix)
{
  GListModel *model = G_LIST_MODEL (store);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdArticleSummary) s = g_list_model_get_item (model, i);

      if (g_str_has_prefix (cd_article_summary_get_headline (s), prefix))
        {
          cd_window_select_article (window, cd_article_summary_get_id (s));
          while (cd_window_get_article (window) == NULL ||
                 !g_str_equal (cd_article_get_id (cd_window_get_article (window)),
                               cd_article_summary_get_id (s)))
            g_main_context_iteration (NULL, TRUE);
          return;
        }
    }
  g_error ("No sample starts with %s", prefix);
}

static gboolean
pull_dialog_shown (gpointer data)
{
  return cd_window_get_pull_dialog (data) != NULL;
}

/* review: the rest, from the window with the samples imported. */
static int
review_window (CdWindow   *window,
               CdStore    *store,
               const char *store_dir,
               const char *out)
{
  GtkWidget *dialog;

  select_headline (window, store, "افتتاح");
  add_sites_and_queue (store, cd_window_get_article (window));
  cd_test_iterate (500);
  save_views (window, out, "");
  save_menu (window, out, _("Main Menu"), "review-main-menu.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "editor");
  save_menu (window, out, _("Article Menu"), "review-article-menu.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.pull", NULL);
  cd_test_wait_until (pull_dialog_shown, window, 5000);
  dialog = cd_window_get_pull_dialog (window);
  save_png (dialog, out, "review-pull-site.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));

  /* A phone-sized window: the switcher moves to the bottom. */
  window = cd_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_present (GTK_WINDOW (window));
  cd_test_wait_until (window_idle, window, 10000);
  select_headline (window, store, "افتتاح");
  save_views (window, out, "-narrow");
  gtk_window_destroy (GTK_WINDOW (window));
  cd_test_remove_tree (store_dir);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *store_dir = NULL;
  g_autoptr(CdStore) store = NULL;
  CdWindow *window;
  GtkWidget *dialog;
  const char *out;
  gboolean arabic_ui;
  gboolean review;

  if (argc < 2 || (argc > 2 && !g_str_equal (argv[2], "arabic-ui") &&
                    !g_str_equal (argv[2], "review")))
    {
      g_printerr ("usage: %s OUTPUT-DIR [arabic-ui|review]\n", argv[0]);
      return 2;
    }
  out = argv[1];
  arabic_ui = argc > 2 && g_str_equal (argv[2], "arabic-ui");
  review = argc > 2 && g_str_equal (argv[2], "review");
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, CD_BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();
  {
    /* AdwApplication loads style.css by itself; this tool has no application. */
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/copydesk/Copydesk/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    /* And the icons GtkApplication would find under its resource path. */
    gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                      "/io/github/copydesk/Copydesk/icons");
  }

  store_dir = cd_test_make_tmp_dir ("copydesk-test");
  store = cd_store_new (store_dir);
  window = cd_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  cd_test_wait_until (window_idle, window, 10000);
  if (!arabic_ui && !review)
    save_png (GTK_WIDGET (window), out, "welcome.png");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-samples", NULL);
  cd_test_wait_until (dialog_shown, window, 10000);
  dialog = cd_window_get_import_dialog (window);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 640, 620);
  cd_test_iterate (300);
  if (!arabic_ui && !review)
    save_png (dialog, out, "import-review.png");
  gtk_widget_activate_action (dialog, "import.accept", NULL);
  cd_test_wait_until (window_idle, window, 10000);
  /* "5 articles imported" would cover the editor: let it time out. */
  cd_test_wait_until (no_toast, window, 15000);

  if (review)
    return review_window (window, store, store_dir, out);
  if (arabic_ui)
    {
      /* The Arabic sample, so both the interface and the story read
       * right to left. */
      select_headline (window, store, "افتتاح");
      save_png (GTK_WIDGET (window), out, "arabic-ui.png");
      gtk_window_destroy (GTK_WINDOW (window));
      cd_test_remove_tree (store_dir);
      return 0;
    }

  select_headline (window, store, "Coastal Town");
  save_png (GTK_WIDGET (window), out, "list-and-editor.png");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "photos");
  save_png (GTK_WIDGET (window), out, "photo-manager.png");

  select_headline (window, store, "افتتاح");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "editor");
  save_png (GTK_WIDGET (window), out, "arabic-article.png");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "captions");
  cd_test_iterate (500);
  save_png (GTK_WIDGET (window), out, "all-captions.png");

  gtk_window_destroy (GTK_WINDOW (window));

  /* A phone-sized window: one pane at a time. */
  window = cd_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_present (GTK_WINDOW (window));
  cd_test_wait_until (window_idle, window, 10000);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-list", NULL);
  save_png (GTK_WIDGET (window), out, "narrow-list.png");
  select_headline (window, store, "Coastal Town");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "editor");
  /* Focusing the headline selects it all; the picture reads better without. */
  gtk_editable_select_region (GTK_EDITABLE (gtk_root_get_focus (GTK_ROOT (window))), 0, 0);
  save_png (GTK_WIDGET (window), out, "narrow-editor.png");
  gtk_window_destroy (GTK_WINDOW (window));

  cd_test_remove_tree (store_dir);
  return 0;
}

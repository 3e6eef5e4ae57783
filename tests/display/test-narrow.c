/* test-narrow.c: the window at 360 pixels, as on a phone
 *
 * One click on a row of the folded list opens the article (a real click
 * through the X server, with xdotool), the photo cards lay their fields
 * out under the thumbnail so an entry keeps most of the width, the
 * list's filters show their labels whole, and toasts rise above the
 * bottom bars instead of covering them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <adwaita.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "cd-article-list.h"
#include "cd-article-row.h"
#include "cd-photo-manager.h"
#include "cd-photo-row.h"
#include "cd-queue-row.h"
#include "cd-queue-view.h"
#include "cd-test-utils.h"
#include "cd-toast.h"
#include "cd-window.h"

typedef CdTestFixture Fixture;

static void
setup (Fixture *f,
       int      width)
{
  cd_test_fixture_set_up (f, width, 640);
  cd_test_import_samples (f);
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
  cd_test_iterate (300);
}

static void
fixture_setup_narrow (Fixture       *f,
                      gconstpointer  data)
{
  setup (f, 360);
}

static void
fixture_setup_wide (Fixture       *f,
                    gconstpointer  data)
{
  setup (f, 1100);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cd_test_fixture_tear_down (f);
}

static AdwLeaflet *
leaflet (Fixture *f)
{
  return ADW_LEAFLET (cd_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET));
}

static gboolean
list_is_visible (Fixture *f)
{
  return gtk_widget_is_ancestor (cd_window_get_article_list (f->window),
                                 adw_leaflet_get_visible_child (leaflet (f)));
}

/* A row of the list on screen: for the article @id, or when @id is
 * NULL for any article but @other_than. */
static CdArticleRow *
find_row (GtkWidget  *widget,
          const char *id,
          const char *other_than)
{
  if (CD_IS_ARTICLE_ROW (widget) && gtk_widget_get_mapped (widget))
    {
      CdArticleSummary *summary = cd_article_row_get_summary (CD_ARTICLE_ROW (widget));
      const char *row_id = summary ? cd_article_summary_get_id (summary) : NULL;

      if (row_id && (id ? g_str_equal (row_id, id) : !g_str_equal (row_id, other_than)))
        return CD_ARTICLE_ROW (widget);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      CdArticleRow *row = find_row (child, id, other_than);

      if (row)
        return row;
    }
  return NULL;
}

/* Clicks the middle of @widget with the primary button, through the X
 * server as a mouse would. */
static void
click_widget (Fixture   *f,
              GtkWidget *widget)
{
#ifdef GDK_WINDOWING_X11
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  graphene_point_t middle = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                 gtk_widget_get_height (widget) / 2.0);
  graphene_point_t point;
  double dx, dy;
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &middle, &point));
  gtk_native_get_surface_transform (native, &dx, &dy);
  x = g_strdup_printf ("%d", (int) (point.x + dx));
  y = g_strdup_printf ("%d", (int) (point.y + dy));
  {
    const char *argv[] = { "xdotool", "windowfocus", "--sync", xid,
                           "mousemove", "--window", xid, x, y, "click", "1", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &err,
                  &status, &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xdotool failed: %s", err);
  cd_test_iterate (150);
#else
  g_assert_not_reached ();
#endif
}

typedef struct
{
  Fixture *f;
  const char *id;
} Opened;

static gboolean
article_opened (gpointer data)
{
  Opened *opened = data;
  CdArticle *article = cd_window_get_article (opened->f->window);

  return article && g_str_equal (cd_article_get_id (article), opened->id) &&
         !list_is_visible (opened->f) && !cd_window_get_busy (opened->f->window);
}

static void
test_single_click (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *list = cd_window_get_article_list (f->window);
  g_autofree char *open_id = NULL;
  g_autofree char *clicked_id = NULL;
  CdArticleRow *row;
  Opened opened = { f, NULL };

  if (!cd_test_can_press_keys ())
    {
      g_test_skip ("needs xdotool on an X display");
      return;
    }

  g_assert_true (adw_leaflet_get_folded (leaflet (f)));
  g_assert_true (cd_article_list_get_activate_on_single_click (CD_ARTICLE_LIST (list)));
  adw_leaflet_navigate (leaflet (f), ADW_NAVIGATION_DIRECTION_BACK);
  cd_test_iterate (500);
  g_assert_true (list_is_visible (f));

  open_id = g_strdup (cd_article_get_id (cd_window_get_article (f->window)));
  row = find_row (list, NULL, open_id);
  g_assert_nonnull (row);
  clicked_id = g_strdup (cd_article_summary_get_id (cd_article_row_get_summary (row)));

  /* One click, no double click, no Enter: the article opens in the pane. */
  click_widget (f, GTK_WIDGET (row));
  opened.id = clicked_id;
  cd_test_wait_until (article_opened, &opened, 10000);

  /* Back in the list, a click on the open article's row shows it again,
   * though the selection does not change. */
  adw_leaflet_navigate (leaflet (f), ADW_NAVIGATION_DIRECTION_BACK);
  cd_test_iterate (500);
  g_assert_true (list_is_visible (f));
  row = find_row (list, clicked_id, NULL);
  g_assert_nonnull (row);
  click_widget (f, GTK_WIDGET (row));
  cd_test_wait_until (article_opened, &opened, 10000);

  /* Without single-click activation (the wide window), a click selects
   * and loads the article but leaves the list in view. */
  adw_leaflet_navigate (leaflet (f), ADW_NAVIGATION_DIRECTION_BACK);
  cd_test_iterate (500);
  cd_article_list_set_activate_on_single_click (CD_ARTICLE_LIST (list), FALSE);
  row = find_row (list, NULL, clicked_id);
  g_assert_nonnull (row);
  click_widget (f, GTK_WIDGET (row));
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
  cd_test_iterate (300);
  g_assert_true (list_is_visible (f));
  g_assert_cmpstr (cd_article_get_id (cd_window_get_article (f->window)), !=, clicked_id);
}

/* The width @widget is given, checked to be its real allocation. */
static int
width_of (GtkWidget *widget)
{
  g_assert_true (gtk_widget_get_mapped (widget));
  return gtk_widget_get_width (widget);
}

static CdPhotoRow *
first_photo_row (Fixture *f)
{
  GtkWidget *manager;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "photos");
  cd_test_iterate (500);
  manager = cd_window_get_photo_manager (f->window);
  return CD_PHOTO_ROW (cd_photo_manager_get_row (CD_PHOTO_MANAGER (manager), 0));
}

static void
test_photo_card_narrow (Fixture       *f,
                        gconstpointer  data)
{
  CdPhotoRow *row;
  GtkWidget *credit;
  graphene_rect_t credit_bounds, caption_bounds;

  g_free (cd_test_open_headline (f, "Coastal Town"));
  row = first_photo_row (f);
  g_assert_nonnull (row);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, 360);

  /* Folded: every entry has most of the card's width, the caption's
   * entry above the credit's. */
  g_assert_true (cd_photo_row_get_folded (row));
  credit = cd_photo_row_get_credit_entry (row);
  g_assert_cmpint (width_of (credit), >=, 200);
  g_assert_cmpint (width_of (cd_photo_row_get_caption_entry (row)), >=, 200);
  g_assert_true (gtk_widget_compute_bounds (credit, GTK_WIDGET (row), &credit_bounds));
  g_assert_true (gtk_widget_compute_bounds (cd_photo_row_get_caption_entry (row),
                                            GTK_WIDGET (row), &caption_bounds));
  g_assert_cmpfloat (caption_bounds.origin.y + caption_bounds.size.height, <=,
                     credit_bounds.origin.y);
  /* The rows were laid out again for their new height: the second card
   * starts below the first one's last entry. */
  {
    GtkWidget *manager = cd_window_get_photo_manager (f->window);
    GtkWidget *second = cd_photo_manager_get_row (CD_PHOTO_MANAGER (manager), 1);
    graphene_rect_t first_bounds, second_bounds;

    g_assert_nonnull (second);
    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (row), manager, &first_bounds));
    g_assert_true (gtk_widget_compute_bounds (second, manager, &second_bounds));
    g_assert_true (gtk_widget_compute_bounds (credit, manager, &credit_bounds));
    g_assert_cmpfloat (first_bounds.origin.y + first_bounds.size.height, <=,
                       second_bounds.origin.y + 0.5);
    g_assert_cmpfloat (credit_bounds.origin.y + credit_bounds.size.height, <=,
                       second_bounds.origin.y);
  }

  /* The same card in All Captions. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "captions");
  cd_test_iterate (800);
  {
    GtkWidget *view = cd_window_get_captions_view (f->window);
    GtkWidget *card = cd_test_find_widget (view, CD_TYPE_PHOTO_ROW);

    g_assert_nonnull (card);
    g_assert_true (cd_photo_row_get_folded (CD_PHOTO_ROW (card)));
    g_assert_cmpint (width_of (cd_photo_row_get_credit_entry (CD_PHOTO_ROW (card))), >=, 200);
  }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, 360);
}

static void
test_photo_card_wide (Fixture       *f,
                      gconstpointer  data)
{
  CdPhotoRow *row;
  graphene_rect_t credit_bounds, caption_bounds;

  g_free (cd_test_open_headline (f, "Coastal Town"));
  row = first_photo_row (f);
  g_assert_nonnull (row);

  /* Wide: the fields beside the thumbnail, each beside its label. */
  g_assert_false (cd_photo_row_get_folded (row));
  g_assert_cmpint (width_of (cd_photo_row_get_credit_entry (row)), >=, 200);
  g_assert_true (gtk_widget_compute_bounds (cd_photo_row_get_credit_entry (row),
                                            GTK_WIDGET (row), &credit_bounds));
  g_assert_true (gtk_widget_compute_bounds (cd_photo_row_get_caption_entry (row),
                                            GTK_WIDGET (row), &caption_bounds));
  g_assert_cmpfloat (credit_bounds.origin.x, ==, caption_bounds.origin.x);
  /* The thumbnail (112 pixels and its frame) is left of the fields. */
  g_assert_cmpfloat (credit_bounds.origin.x, >=, 112);
}

/* The drop-down's button is given at least the width its label asks for:
 * nothing is ellipsized. */
static void
assert_whole (GtkWidget *drop_down)
{
  int natural;

  gtk_widget_measure (drop_down, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_assert_cmpint (width_of (drop_down), >=, natural);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *list = cd_window_get_article_list (f->window);
  GtkWidget *drop_downs[3] = { NULL, };
  guint n = 0;
  graphene_rect_t first, last;

  adw_leaflet_navigate (leaflet (f), ADW_NAVIGATION_DIRECTION_BACK);
  cd_test_iterate (500);
  g_assert_true (list_is_visible (f));

  for (GtkWidget *w = cd_test_find_widget (list, GTK_TYPE_DROP_DOWN); w && n < 3;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_DROP_DOWN (w))
      drop_downs[n++] = w;
  g_assert_cmpuint (n, ==, 3);
  for (guint i = 0; i < n; i++)
    assert_whole (drop_downs[i]);
  /* Status and section share the first row, the order has the second. */
  g_assert_true (gtk_widget_compute_bounds (drop_downs[0], list, &first));
  g_assert_true (gtk_widget_compute_bounds (drop_downs[2], list, &last));
  g_assert_cmpfloat (last.origin.y, >=, first.origin.y + first.size.height);
}

static CdArticleRow *
find_row_by_headline (GtkWidget  *widget,
                      const char *prefix)
{
  if (CD_IS_ARTICLE_ROW (widget) && cd_article_row_get_summary (CD_ARTICLE_ROW (widget)) &&
      g_str_has_prefix (cd_article_summary_get_headline (
                          cd_article_row_get_summary (CD_ARTICLE_ROW (widget))), prefix))
    return CD_ARTICLE_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      CdArticleRow *row = find_row_by_headline (child, prefix);

      if (row)
        return row;
    }
  return NULL;
}

/* The x of the left edge of @needle's first character in @label. */
static int
x_in_label (GtkLabel   *label,
            const char *needle)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  const char *text = pango_layout_get_text (layout);
  const char *found = strstr (text, needle);
  PangoRectangle pos;

  g_assert_nonnull (found);
  pango_layout_index_to_pos (layout, found - text, &pos);
  return MIN (pos.x, pos.x + pos.width);
}

/* An Arabic article's details line in the English interface: the
 * Arabic section and the English count each keep their own order, and
 * the line reads from the right like the row. */
static void
test_meta_line (Fixture       *f,
                gconstpointer  data)
{
  CdArticleRow *row = find_row_by_headline (cd_window_get_article_list (f->window), "افتتاح");
  const char *meta;
  GtkLabel *label = NULL;

  g_assert_nonnull (row);
  meta = cd_article_row_get_meta (row);
  g_assert_true (g_str_has_prefix (meta, "\u200F\u2068محليات\u2069 · \u2068"));
  g_assert_true (g_str_has_suffix (meta, " · \u20682 photos\u2069"));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (row)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && g_str_equal (gtk_label_get_label (GTK_LABEL (child)), meta))
      label = GTK_LABEL (child);
  g_assert_nonnull (label);
  g_assert_cmpint (x_in_label (label, "2"), <, x_in_label (label, "photos"));
  g_assert_cmpint (x_in_label (label, "محليات"), >, x_in_label (label, "photos"));

  /* An English article's line reads one way already: no marks, which
   * would make Pango look for a fallback font. */
  row = find_row_by_headline (cd_window_get_article_list (f->window), "Coastal Town");
  g_assert_nonnull (row);
  meta = cd_article_row_get_meta (row);
  g_assert_null (strstr (meta, "\u2068"));
  g_assert_null (strstr (meta, "\u200E"));
  g_assert_true (g_str_has_prefix (meta, "Local · "));
}

/* The bin button removes a photo at once; the toast's Undo puts it back
 * at its place with its caption and alt text, in the window and on disk. */
static void
test_undo_remove_photo (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *id = cd_test_open_headline (f, "Coastal Town");
  CdArticle *article = cd_window_get_article (f->window);
  CdPhotoManager *manager;
  CdPhotoRow *row = first_photo_row (f);
  g_autoptr(CdPhoto) first = g_object_ref (cd_article_get_photo (article, 0));
  g_autofree char *caption = g_strdup (cd_photo_get_caption (first));
  g_autofree char *alt = g_strdup (cd_photo_get_alt_text (first));
  g_autofree char *file = g_strdup (cd_photo_get_file (first));
  g_autoptr(CdArticle) on_disk = NULL;
  AdwToast *toast;

  manager = CD_PHOTO_MANAGER (cd_window_get_photo_manager (f->window));
  g_assert_cmpuint (cd_article_get_n_photos (article), ==, 2);
  g_assert_cmpstr (caption, !=, "");
  cd_photo_set_alt_text (first, "Two figures on the new observatory's steps");
  g_free (alt);
  alt = g_strdup (cd_photo_get_alt_text (first));
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);

  gtk_widget_activate_action (GTK_WIDGET (row), "photo.remove", NULL);
  g_assert_cmpuint (cd_article_get_n_photos (article), ==, 1);
  toast = cd_photo_manager_get_undo_toast (manager);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Photo removed");
  cd_test_iterate (300);
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
  on_disk = cd_test_article_on_disk (f, id);
  g_assert_cmpuint (cd_article_get_n_photos (on_disk), ==, 1);
  g_clear_object (&on_disk);

  /* Undo, as the toast's button does. */
  g_signal_emit_by_name (toast, "button-clicked");
  g_assert_null (cd_photo_manager_get_undo_toast (manager));
  g_assert_cmpuint (cd_article_get_n_photos (article), ==, 2);
  g_assert_true (cd_article_get_photo (article, 0) == first);
  row = CD_PHOTO_ROW (cd_photo_manager_get_row (manager, 0));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cd_photo_row_get_caption_entry (row))),
                   ==, caption);
  cd_test_iterate (300);
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
  on_disk = cd_test_article_on_disk (f, id);
  g_assert_cmpuint (cd_article_get_n_photos (on_disk), ==, 2);
  g_assert_cmpstr (cd_photo_get_caption (cd_article_get_photo (on_disk, 0)), ==, caption);
  g_assert_cmpstr (cd_photo_get_alt_text (cd_article_get_photo (on_disk, 0)), ==, alt);
  g_assert_cmpstr (cd_photo_get_file (cd_article_get_photo (on_disk, 0)), ==, file);
  g_clear_object (&on_disk);

  /* Two removed while the toast shows: one toast, and Undo puts both
   * back in their order. */
  gtk_widget_activate_action (GTK_WIDGET (row), "photo.remove", NULL);
  toast = cd_photo_manager_get_undo_toast (manager);
  row = CD_PHOTO_ROW (cd_photo_manager_get_row (manager, 0));
  gtk_widget_activate_action (GTK_WIDGET (row), "photo.remove", NULL);
  g_assert_cmpuint (cd_article_get_n_photos (article), ==, 0);
  g_assert_true (cd_photo_manager_get_undo_toast (manager) == toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "2 photos removed");
  g_assert_true (cd_photo_manager_undo_remove (manager));
  g_assert_cmpuint (cd_article_get_n_photos (article), ==, 2);
  g_assert_true (cd_article_get_photo (article, 0) == first);
  g_assert_cmpstr (cd_photo_get_file (cd_article_get_photo (article, 1)), !=, file);

  /* From the keyboard: after a removal the next photo's caption has the
   * focus, and Ctrl+Z there undoes the removal before it undoes typing. */
  if (cd_test_can_press_keys ())
    {
      GtkWidget *focus;

      cd_test_iterate (300);
      row = CD_PHOTO_ROW (cd_photo_manager_get_row (manager, 0));
      gtk_widget_activate_action (GTK_WIDGET (row), "photo.remove", NULL);
      g_assert_cmpuint (cd_article_get_n_photos (article), ==, 1);
      row = CD_PHOTO_ROW (cd_photo_manager_get_row (manager, 0));
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      g_assert_true (focus && gtk_widget_is_ancestor (focus, cd_photo_row_get_caption_entry (row)));
      cd_test_press_keys (GTK_WIDGET (f->window), "ctrl+z", NULL);
      g_assert_cmpuint (cd_article_get_n_photos (article), ==, 2);
      g_assert_true (cd_article_get_photo (article, 0) == first);
      /* Nothing left to undo: the key is the entry's again. */
      cd_test_press_keys (GTK_WIDGET (f->window), "ctrl+z", NULL);
      g_assert_cmpuint (cd_article_get_n_photos (article), ==, 2);
    }

  /* Once the toast is gone there is nothing to undo. */
  row = CD_PHOTO_ROW (cd_photo_manager_get_row (manager, 0));
  gtk_widget_activate_action (GTK_WIDGET (row), "photo.remove", NULL);
  toast = cd_photo_manager_get_undo_toast (manager);
  g_assert_nonnull (toast);
  adw_toast_dismiss (toast);
  g_assert_null (cd_photo_manager_get_undo_toast (manager));
  g_assert_false (cd_photo_manager_undo_remove (manager));
  g_assert_cmpuint (cd_article_get_n_photos (article), ==, 1);
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
}

/* Sets a file's time two days back: older than prune's grace period. */
static void
make_old (const char *path)
{
  struct timespec times[2];

  clock_gettime (CLOCK_REALTIME, &times[0]);
  times[0].tv_sec -= 2 * 24 * 60 * 60;
  times[1] = times[0];
  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
}

/* `copydesk-cli photo prune` between a removal and its Undo leaves the
 * image, however old, so the photo comes back whole. */
static void
test_undo_after_prune (Fixture       *f,
                       gconstpointer  data)
{
  const char *prune[] = { "photo", "prune", NULL };
  g_autofree char *id = cd_test_open_headline (f, "Coastal Town");
  CdArticle *article = cd_window_get_article (f->window);
  CdPhotoRow *row = first_photo_row (f);
  CdPhotoManager *manager = CD_PHOTO_MANAGER (cd_window_get_photo_manager (f->window));
  g_autofree char *file = g_strdup (cd_photo_get_file (cd_article_get_photo (article, 0)));
  g_autofree char *image = g_build_filename (f->dir, "photos", file, NULL);
  g_autoptr(CdArticle) on_disk = NULL;

  make_old (image);
  gtk_widget_activate_action (GTK_WIDGET (row), "photo.remove", NULL);
  cd_test_iterate (300);
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
  on_disk = cd_test_article_on_disk (f, id);
  g_assert_cmpuint (cd_article_get_n_photos (on_disk), ==, 1);
  g_clear_object (&on_disk);

  cd_test_run_cli (f, prune);
  g_assert_true (g_file_test (image, G_FILE_TEST_IS_REGULAR));
  g_assert_true (cd_photo_manager_undo_remove (manager));
  cd_test_iterate (300);
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
  on_disk = cd_test_article_on_disk (f, id);
  g_assert_cmpuint (cd_article_get_n_photos (on_disk), ==, 2);
  g_assert_cmpstr (cd_photo_get_file (cd_article_get_photo (on_disk, 0)), ==, file);
  g_assert_true (g_file_test (image, G_FILE_TEST_IS_REGULAR));
}

/* A queue row in a window @width wide: its headline label and its
 * Retry button, laid out. */
static GtkWidget *
show_queue_row (int         width,
                GtkWidget **headline,
                GtkWidget **retry)
{
  g_autoptr(CdPublishJob) job = cd_publish_job_new ("a1", "newsroom", CD_WP_STATUS_PUBLISH,
                                                    NULL, CD_WP_PUBLISH_NONE);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = cd_queue_row_new (job, "Coastal Town Opens Its First Public Observatory");

  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 400);
  gtk_window_present (GTK_WINDOW (window));
  cd_test_iterate (500);
  *headline = cd_test_find_widget (row, GTK_TYPE_LABEL);
  *retry = cd_test_find_widget (row, GTK_TYPE_BUTTON);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (*headline)), ==,
                   cd_queue_row_get_headline (CD_QUEUE_ROW (row)));
  return window;
}

/* Narrow, a queue row's buttons go under its text, which keeps the
 * row's width; wide, they stay beside it. */
static void
test_queue_row (void)
{
  GtkWidget *headline, *retry;
  GtkWidget *window = show_queue_row (360, &headline, &retry);
  graphene_rect_t text, button;

  g_assert_true (gtk_widget_compute_bounds (headline, window, &text));
  g_assert_true (gtk_widget_compute_bounds (retry, window, &button));
  g_assert_cmpfloat (button.origin.y, >=, text.origin.y + text.size.height);
  g_assert_cmpint (width_of (headline), >=, 250);
  gtk_window_destroy (GTK_WINDOW (window));

  window = show_queue_row (900, &headline, &retry);
  g_assert_true (gtk_widget_compute_bounds (headline, window, &text));
  g_assert_true (gtk_widget_compute_bounds (retry, window, &button));
  g_assert_cmpfloat (button.origin.x, >=, text.origin.x + text.size.width);
  gtk_window_destroy (GTK_WINDOW (window));
  cd_test_iterate (50);
}

/* The toast widget @overlay shows, once its show animation is over. */
static GtkWidget *
show_toast (Fixture *f)
{
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (cd_test_find_widget (GTK_WIDGET (f->window),
                                                                     ADW_TYPE_TOAST_OVERLAY));

  cd_toast_add (overlay, adw_toast_new ("The article’s text is on the clipboard"));
  cd_test_iterate (800);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (overlay)); child;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (gtk_widget_get_css_name (child), "toast"))
      return child;
  g_assert_not_reached ();
}

/* @toast sits wholly above @bar, which is on screen. */
static void
assert_above (Fixture   *f,
              GtkWidget *toast,
              GtkWidget *bar)
{
  graphene_rect_t toast_bounds, bar_bounds;

  g_assert_true (gtk_widget_get_mapped (bar));
  g_assert_true (gtk_widget_compute_bounds (toast, GTK_WIDGET (f->window), &toast_bounds));
  g_assert_true (gtk_widget_compute_bounds (bar, GTK_WIDGET (f->window), &bar_bounds));
  g_assert_cmpfloat (bar_bounds.size.height, >, 20);
  /* At the window's bottom (the window manager may make it a little
   * shorter than asked). */
  g_assert_cmpfloat (bar_bounds.origin.y + bar_bounds.size.height, ==,
                     gtk_widget_get_height (GTK_WIDGET (f->window)));
  g_assert_false (graphene_rect_intersection (&toast_bounds, &bar_bounds, NULL));
  g_assert_cmpfloat (toast_bounds.origin.y + toast_bounds.size.height, <=, bar_bounds.origin.y);
}

/* Folded, the article's views are switched from a bar at the bottom; a
 * toast rises above it rather than covering it. */
static void
test_toast_above_switcher_bar (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *bar = cd_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_VIEW_SWITCHER_BAR);

  adw_leaflet_navigate (leaflet (f), ADW_NAVIGATION_DIRECTION_FORWARD);
  cd_test_iterate (500);
  g_assert_false (list_is_visible (f));
  g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
  assert_above (f, show_toast (f), bar);
}

/* The list's selection bar, revealed by selecting several articles, the
 * same; once it is gone, the toast's margin is the usual one again. */
static void
test_toast_above_selection_bar (Fixture       *f,
                                gconstpointer  data)
{
  CdArticleList *list = CD_ARTICLE_LIST (cd_window_get_article_list (f->window));
  GtkWidget *bar = cd_article_list_get_selection_bar (list);
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (cd_test_find_widget (GTK_WIDGET (f->window),
                                                                     ADW_TYPE_TOAST_OVERLAY));
  GtkWidget *toast;

  adw_leaflet_navigate (leaflet (f), ADW_NAVIGATION_DIRECTION_BACK);
  cd_test_iterate (500);
  g_assert_true (list_is_visible (f));
  cd_article_list_select_all (list);
  cd_test_iterate (500);
  g_assert_true (gtk_revealer_get_child_revealed (GTK_REVEALER (bar)));
  toast = show_toast (f);
  assert_above (f, toast, bar);

  gtk_widget_activate_action (GTK_WIDGET (list), "list.clear-selection", NULL);
  cd_test_iterate (500);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (bar)));
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (overlay)); child;
       child = gtk_widget_get_next_sibling (child))
    if (child == toast)
      {
        graphene_rect_t bounds;

        g_assert_true (gtk_widget_compute_bounds (toast, GTK_WIDGET (f->window), &bounds));
        /* Adwaita's own 24 px from the bottom. */
        g_assert_cmpfloat (bounds.origin.y + bounds.size.height, ==,
                           gtk_widget_get_height (GTK_WIDGET (f->window)) - 24);
      }
}

/* The queue view with one job, sending, in a window @width wide: the
 * header shows all it has, its spinner too. */
static GtkWidget *
show_queue_view (int width)
{
  g_autoptr(CdPublishJob) job = cd_publish_job_new ("a1", "newsroom", CD_WP_STATUS_PUBLISH,
                                                    NULL, CD_WP_PUBLISH_NONE);
  g_autoptr(GListStore) jobs = g_list_store_new (CD_TYPE_PUBLISH_JOB);
  GtkWidget *window = gtk_window_new ();
  CdQueueView *view = g_object_new (CD_TYPE_QUEUE_VIEW, NULL);

  g_list_store_append (jobs, job);
  cd_queue_view_set_jobs (view, G_LIST_MODEL (jobs));
  cd_queue_view_set_sending (view, TRUE);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_set_default_size (GTK_WINDOW (window), width, 500);
  gtk_window_present (GTK_WINDOW (window));
  cd_test_iterate (500);
  return window;
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, prefix);

      if (found)
        return found;
    }
  return NULL;
}

/* @widget is shown whole: inside the window's width, and given at least
 * the width and (for that width) the height it needs. */
static graphene_rect_t
assert_shown_whole (GtkWidget *widget,
                    GtkWidget *window)
{
  graphene_rect_t bounds;
  int min_width, min_height, width, height;

  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (window));
  /* What measuring asks for counts the margins; the bounds do not. */
  width = (int) bounds.size.width + gtk_widget_get_margin_start (widget) +
          gtk_widget_get_margin_end (widget);
  height = (int) bounds.size.height + gtk_widget_get_margin_top (widget) +
           gtk_widget_get_margin_bottom (widget);
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (width, >=, min_width);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &min_height, NULL, NULL, NULL);
  g_assert_cmpint (height, >=, min_height);
  return bounds;
}

static void
assert_apart (const graphene_rect_t *a,
              const graphene_rect_t *b)
{
  g_assert_false (graphene_rect_intersection (a, b, NULL));
}

/* The queue view's header at 360 pixels: the title, the text, the
 * spinner and Send All Now all whole, none over another, the button
 * under the text so the text keeps the width; wide, the button is
 * beside the text again. */
static void
test_queue_header (void)
{
  GtkWidget *window = show_queue_view (360);
  GtkWidget *title = find_label (window, "Waiting to Publish");
  GtkWidget *text = find_label (window, "Publishes wait here");
  GtkWidget *spinner = cd_test_find_widget (window, GTK_TYPE_SPINNER);
  GtkWidget *button = gtk_widget_get_ancestor (find_label (window, "Send All Now"),
                                               GTK_TYPE_BUTTON);
  graphene_rect_t title_box = assert_shown_whole (title, window);
  graphene_rect_t text_box = assert_shown_whole (text, window);
  graphene_rect_t spinner_box = assert_shown_whole (spinner, window);
  graphene_rect_t button_box = assert_shown_whole (button, window);

  g_assert_cmpint (gtk_widget_get_width (window), ==, 360);
  assert_apart (&title_box, &text_box);
  assert_apart (&spinner_box, &button_box);
  for (guint i = 0; i < 2; i++)
    {
      const graphene_rect_t *words = i == 0 ? &title_box : &text_box;

      assert_apart (words, &spinner_box);
      assert_apart (words, &button_box);
    }
  g_assert_cmpfloat (button_box.origin.y, >=, text_box.origin.y + text_box.size.height);
  g_assert_cmpint (width_of (text), >=, 300);
  gtk_window_destroy (GTK_WINDOW (window));

  window = show_queue_view (900);
  text = find_label (window, "Publishes wait here");
  button = gtk_widget_get_ancestor (find_label (window, "Send All Now"), GTK_TYPE_BUTTON);
  text_box = assert_shown_whole (text, window);
  button_box = assert_shown_whole (button, window);
  g_assert_cmpfloat (button_box.origin.x, >=, text_box.origin.x + text_box.size.width);
  gtk_window_destroy (GTK_WINDOW (window));
  cd_test_iterate (50);
}

int
main (int   argc,
      char *argv[])
{
  cd_test_init (&argc, &argv);

  g_test_add ("/narrow/single-click", Fixture, NULL, fixture_setup_narrow, test_single_click,
              fixture_teardown);
  g_test_add ("/narrow/photo-card", Fixture, NULL, fixture_setup_narrow, test_photo_card_narrow,
              fixture_teardown);
  g_test_add ("/narrow/filters", Fixture, NULL, fixture_setup_narrow, test_filters,
              fixture_teardown);
  g_test_add_func ("/narrow/queue-row", test_queue_row);
  g_test_add ("/narrow/toast-above-switcher-bar", Fixture, NULL, fixture_setup_narrow,
              test_toast_above_switcher_bar, fixture_teardown);
  g_test_add ("/narrow/toast-above-selection-bar", Fixture, NULL, fixture_setup_narrow,
              test_toast_above_selection_bar, fixture_teardown);
  g_test_add_func ("/narrow/queue-header", test_queue_header);
  g_test_add ("/wide/meta-line", Fixture, NULL, fixture_setup_wide, test_meta_line,
              fixture_teardown);
  g_test_add ("/wide/undo-remove-photo", Fixture, NULL, fixture_setup_wide,
              test_undo_remove_photo, fixture_teardown);
  g_test_add ("/wide/undo-after-prune", Fixture, NULL, fixture_setup_wide,
              test_undo_after_prune, fixture_teardown);
  g_test_add ("/wide/photo-card", Fixture, NULL, fixture_setup_wide, test_photo_card_wide,
              fixture_teardown);

  return g_test_run ();
}

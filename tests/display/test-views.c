/* test-views.c: the view switcher always shows the view that is shown
 *
 * Article, Photos, All captions and the publishing queue are reached
 * three ways: the switcher
 * in the header bar (a click), the accelerators Alt+1/2/3 and the menu
 * (both the win.show-view action), and real key presses. Whichever way
 * was taken, the button that looks pressed, the action's state and the
 * view on screen must agree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "cd-application.h"
#include "cd-captions-view.h"
#include "cd-import-dialog.h"
#include "cd-photo-row.h"
#include "cd-test-utils.h"
#include "cd-window.h"

/* No fields of its own; the application is set. */
typedef CdTestFixture Fixture;

static void
setup_sized (Fixture  *f,
             int       width,
             int       height,
             gboolean  samples)
{
  /* The application sets the accelerators when it starts up. */
  cd_test_fixture_add_application (f);
  cd_test_fixture_set_up (f, width, height);
  if (!samples)
    return;

  cd_test_import_samples (f);
  cd_test_iterate (200);
}

static void
setup (Fixture  *f,
       int       width,
       gboolean  samples)
{
  setup_sized (f, width, 720, samples);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  setup (f, 1100, TRUE);
}

static void
fixture_setup_narrow (Fixture       *f,
                      gconstpointer  data)
{
  setup (f, 360, TRUE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cd_test_fixture_tear_down (f);
}

static void
collect_switchers (GtkWidget *widget,
                   GPtrArray *switchers)
{
  if (ADW_IS_VIEW_SWITCHER (widget))
    {
      g_ptr_array_add (switchers, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_switchers (child, switchers);
}

static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *buttons)
{
  if (GTK_IS_TOGGLE_BUTTON (widget))
    {
      g_ptr_array_add (buttons, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, buttons);
}

/* The first text under @widget; a switcher button also holds an empty
 * label for its attention badge. */
static const char *
find_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)))
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = find_text (child);

      if (text)
        return text;
    }
  return NULL;
}

/* The text a switcher button shows, mnemonic underline left out. */
static const char *
button_text (GtkWidget *button)
{
  const char *text = find_text (button);

  g_assert_nonnull (text);
  return text;
}

static gboolean
switcher_shown (gpointer data)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  collect_switchers (GTK_WIDGET (((Fixture *) data)->window), all);
  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (all, i)))
      return TRUE;
  return FALSE;
}

/* The switchers on screen: the header bar's when the window is wide,
 * the bottom bar's when narrow. While the header bar's squeezer changes
 * over, its two switchers are both mapped: each must be right. */
static GPtrArray *
shown_switchers (Fixture *f)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GPtrArray *shown = g_ptr_array_new ();

  /* The header bar's squeezer or the bottom bar may take a frame or two
   * to settle on one. */
  cd_test_wait_until (switcher_shown, f, 5000);
  collect_switchers (GTK_WIDGET (f->window), all);
  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (all, i)))
      g_ptr_array_add (shown, g_ptr_array_index (all, i));
  g_assert_cmpuint (shown->len, >, 0);
  return shown;
}

static GtkWidget *
switcher_button (Fixture    *f,
                 const char *text)
{
  g_autoptr(GPtrArray) switchers = shown_switchers (f);
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_buttons (g_ptr_array_index (switchers, 0), buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_str_equal (button_text (g_ptr_array_index (buttons, i)), text))
      return g_ptr_array_index (buttons, i);
  g_error ("no switcher button “%s” is on screen", text);
  return NULL;
}

/* The view on screen, told by which of the four is mapped. */
static const char *
view_on_screen (Fixture *f)
{
  gboolean editor = gtk_widget_get_mapped (cd_window_get_editor (f->window));
  gboolean photos = gtk_widget_get_mapped (cd_window_get_photo_manager (f->window));
  gboolean captions = gtk_widget_get_mapped (cd_window_get_captions_view (f->window));
  gboolean queue = gtk_widget_get_mapped (cd_window_get_queue_view (f->window));

  g_assert_cmpint (editor + photos + captions + queue, <=, 1);
  return editor ? "editor" : photos ? "photos" : captions ? "captions" : queue ? "queue" : "none";
}

static const char *
view_of_button (const char *text)
{
  if (g_str_equal (text, "Article"))
    return "editor";
  if (g_str_equal (text, "Photos"))
    return "photos";
  if (g_str_equal (text, "All Captions"))
    return "captions";
  if (g_str_equal (text, "Queue"))
    return "queue";
  g_error ("unexpected switcher button “%s”", text);
  return NULL;
}

static char *
action_state (Fixture *f)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (f->window),
                                                               "show-view");

  g_assert_nonnull (state);
  return g_variant_dup_string (state, NULL);
}

/* Of the buttons of @switcher, exactly the one for @view is pressed. */
static void
assert_switcher (GtkWidget  *switcher,
                 const char *view)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  guint n_active = 0;

  collect_buttons (switcher, buttons);
  g_assert_cmpuint (buttons->len, ==, 4);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)))
        {
          n_active++;
          g_assert_cmpstr (view_of_button (button_text (button)), ==, view);
        }
    }
  g_assert_cmpuint (n_active, ==, 1);
}

/* The view on screen is @view, the action says so, and so does every
 * switcher on screen. */
static void
assert_view (Fixture    *f,
             const char *view)
{
  g_autoptr(GPtrArray) switchers = shown_switchers (f);
  g_autofree char *state = action_state (f);

  g_assert_cmpstr (view_on_screen (f), ==, view);
  g_assert_cmpstr (state, ==, view);
  for (guint i = 0; i < switchers->len; i++)
    assert_switcher (g_ptr_array_index (switchers, i), view);
}

static void
click (Fixture    *f,
       const char *text)
{
  /* What a click on it emits. */
  g_signal_emit_by_name (switcher_button (f, text), "clicked");
  cd_test_iterate (100);
}

static void
test_accelerators (Fixture       *f,
                   gconstpointer  data)
{
  assert_view (f, "editor");
  cd_test_press_accel (f, "<Alt>2");
  assert_view (f, "photos");
  cd_test_press_accel (f, "<Alt>3");
  assert_view (f, "captions");
  cd_test_press_accel (f, "<Alt>2");
  assert_view (f, "photos");
  cd_test_press_accel (f, "<Alt>1");
  assert_view (f, "editor");
  cd_test_press_accel (f, "<Alt>4");
  assert_view (f, "queue");
  cd_test_press_accel (f, "<Alt>3");
  assert_view (f, "captions");
  cd_test_press_accel (f, "<Alt>1");
  assert_view (f, "editor");
}

static void
test_clicks (Fixture       *f,
             gconstpointer  data)
{
  click (f, "Photos");
  assert_view (f, "photos");
  click (f, "All Captions");
  assert_view (f, "captions");
  /* The Article button leaves the captions even though the article was
   * the last of the article's own views. */
  click (f, "Article");
  assert_view (f, "editor");
  click (f, "All Captions");
  click (f, "Photos");
  assert_view (f, "photos");
  click (f, "Queue");
  assert_view (f, "queue");
  click (f, "Article");
  assert_view (f, "editor");

  /* Mixed: a click, then the accelerator, then a click again. */
  cd_test_press_accel (f, "<Alt>1");
  assert_view (f, "editor");
  click (f, "All Captions");
  cd_test_press_accel (f, "<Alt>2");
  assert_view (f, "photos");
}

/* The menu's All Captions item is the same action with a target. */
static void
test_menu_item (Fixture       *f,
                gconstpointer  data)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s",
                                             "captions"));
  cd_test_iterate (100);
  assert_view (f, "captions");
  /* A name that is no view changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "nonsense");
  cd_test_iterate (100);
  assert_view (f, "captions");
}

static gboolean
headline_is (gpointer data)
{
  Fixture *f = data;
  CdArticle *article = cd_window_get_article (f->window);

  return article && g_str_equal (cd_article_get_headline (article), "Changed by the CLI") &&
         !cd_window_get_busy (f->window);
}

static void
run_cli_set (Fixture    *f,
             const char *id,
             const char *field,
             const char *value)
{
  const char *cli = g_getenv ("COPYDESK_CLI");
  const char *argv[] = { cli, "--store", f->dir, "set", id, field, value, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (cli);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Working through all captions, the open article changes on disk and
 * comes in again: the captions stay on screen. Picking another article
 * in the list opens it. */
static void
test_captions_stay (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = g_strdup (cd_article_get_id (cd_window_get_article (f->window)));
  GListModel *model = G_LIST_MODEL (f->store);

  cd_test_press_accel (f, "<Alt>3");
  assert_view (f, "captions");
  run_cli_set (f, id, "headline", "Changed by the CLI");
  cd_test_wait_until (headline_is, f, 10000);
  cd_test_iterate (100);
  assert_view (f, "captions");

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdArticleSummary) s = g_list_model_get_item (model, i);

      if (g_str_equal (cd_article_summary_get_id (s), id))
        continue;
      cd_window_select_article (f->window, cd_article_summary_get_id (s));
      break;
    }
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
  cd_test_iterate (100);
  assert_view (f, "editor");
}

static gboolean
captions_loaded (gpointer data)
{
  CdCaptionsView *view = CD_CAPTIONS_VIEW (cd_window_get_captions_view (data));

  return !cd_captions_view_get_loading (view);
}

static GtkWidget *
caption_row_of (Fixture    *f,
                const char *headline)
{
  GtkWidget *view = cd_window_get_captions_view (f->window);
  GtkWidget *list = cd_test_find_widget (view, GTK_TYPE_LIST_BOX);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row;
       row = gtk_widget_get_next_sibling (row))
    if (CD_IS_PHOTO_ROW (row) &&
        g_strcmp0 (cd_photo_row_get_context (CD_PHOTO_ROW (row)), headline) == 0)
      return row;
  return NULL;
}

static char *
caption_on_disk (Fixture    *f,
                 const char *id)
{
  g_autoptr(CdArticle) article = cd_test_article_on_disk (f, id);

  return g_strdup (cd_photo_get_caption (cd_article_get_photo (article, 0)));
}

/* The open article came in again from disk while all captions show: its
 * rows there show the new version, and a caption typed in them is the
 * window's to save, like any edit of the open article. */
static void
test_captions_follow_reload (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autofree char *caption = NULL;
  GtkWidget *row;

  cd_test_select_headline (f, "City Library");
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
  id = g_strdup (cd_article_get_id (cd_window_get_article (f->window)));
  cd_test_press_accel (f, "<Alt>3");
  cd_test_wait_until (captions_loaded, f->window, 10000);
  run_cli_set (f, id, "headline", "Changed by the CLI");
  cd_test_wait_until (headline_is, f, 10000);
  cd_test_wait_until (captions_loaded, f->window, 10000);

  row = caption_row_of (f, "Changed by the CLI");
  g_assert_nonnull (row);
  cd_test_type_text (cd_photo_row_get_caption_entry (CD_PHOTO_ROW (row)), "Typed in All Captions");
  cd_test_iterate (100);
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
  cd_test_iterate (1000);
  caption = caption_on_disk (f, id);
  g_assert_cmpstr (caption, ==, "Typed in All Captions");
  g_assert_false (cd_window_get_conflict (f->window));
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
  cd_test_press_keys (window, "alt+2", NULL);
  assert_view (f, "photos");
  cd_test_press_keys (window, "alt+3", NULL);
  assert_view (f, "captions");
  cd_test_press_keys (window, "alt+1", NULL);
  assert_view (f, "editor");
}

/* At 360 pixels the switcher moves to a bar at the bottom; it follows
 * the same way. */
static const char *
switcher_title (Fixture *f)
{
  return cd_window_get_view_title (f->window);
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  cd_test_press_accel (f, "<Alt>2");
  /* The bottom bar slides in. */
  cd_test_wait_until (switcher_shown, f, 5000);
  assert_view (f, "photos");
  click (f, "All Captions");
  assert_view (f, "captions");
  /* The header bar, too narrow for the switcher, names the view. */
  g_assert_cmpstr (switcher_title (f), ==, "All Captions");
  cd_test_press_accel (f, "<Alt>1");
  assert_view (f, "editor");
  g_assert_cmpstr (switcher_title (f), ==, "Article");
}

/* The bottom bar is there from the first frame it appears in: it does
 * not slide in at every launch, and the header does not crossfade from
 * the switcher to the view's title (both cost memory under software GL).
 * The bar's height is recorded at every frame while the store fills, and
 * whether the header was between the switcher and the title. */
typedef struct
{
  GtkWidget *bar;
  GtkWidget *header_switcher;
  GArray *heights;
  guint n_crossfading;
} BarFrames;

static gboolean
record_bar_height_cb (GtkWidget     *window,
                      GdkFrameClock *clock,
                      gpointer       user_data)
{
  BarFrames *frames = user_data;
  int height = gtk_widget_get_mapped (frames->bar) ? gtk_widget_get_height (frames->bar) : 0;
  GtkWidget *squeezer = gtk_widget_get_parent (frames->header_switcher);

  g_array_append_val (frames->heights, height);
  if (adw_squeezer_get_transition_running (ADW_SQUEEZER (squeezer)))
    frames->n_crossfading++;
  return G_SOURCE_CONTINUE;
}

static void
test_bar_without_slide (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  /* The header's switcher comes first in the window, then the bar's. */
  BarFrames frames = { cd_test_find_widget (window, ADW_TYPE_VIEW_SWITCHER_BAR),
                       cd_test_find_widget (window, ADW_TYPE_VIEW_SWITCHER),
                       g_array_new (FALSE, FALSE, sizeof (int)), 0 };
  guint tick = gtk_widget_add_tick_callback (window, record_bar_height_cb, &frames, NULL);
  int final_height;

  /* The list and the article pane appear with the first articles. */
  cd_test_import_samples (f);
  cd_test_iterate (600);
  gtk_widget_remove_tick_callback (window, tick);

  /* At 700 + 400 pixels the header is too narrow for four views. */
  g_assert_cmpstr (cd_window_get_view_title (f->window), ==, "Article");
  g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (frames.bar)));
  final_height = gtk_widget_get_height (frames.bar);
  g_assert_cmpint (final_height, >, 0);
  g_assert_cmpuint (frames.heights->len, >, 10);
  g_assert_false (gtk_widget_is_ancestor (frames.header_switcher, frames.bar));
  /* A switch without a transition still counts as running for a frame. */
  g_assert_cmpuint (frames.n_crossfading, <=, 1);
  for (guint i = 0; i < frames.heights->len; i++)
    {
      int height = g_array_index (frames.heights, int, i);

      if (height != 0 && height != final_height)
        g_error ("frame %u of %u: the bar is %d pixels high, between 0 and %d: it slid in",
                 i, frames.heights->len, height, final_height);
    }
  g_array_unref (frames.heights);
}

/* Low enough that two photos do not fit. */
static void
fixture_setup_short (Fixture       *f,
                     gconstpointer  data)
{
  setup_sized (f, 1100, 480, TRUE);
}

/* The status page of an article without photos scrolls too: the
 * scrolled window shown is the photos'. */
static GtkWidget *
find_mapped_scroller (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped_scroller (child);

      if (found)
        return found;
    }
  return NULL;
}

static GtkAdjustment *
photos_vadjustment (Fixture *f)
{
  GtkWidget *scroller = find_mapped_scroller (cd_window_get_photo_manager (f->window));

  g_assert_nonnull (scroller);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

/* Scrolled down to the second photo of one article, the Photos view shows
 * the next article from its first photo; the same article read again
 * after another program changed it stays where it was. */
static void
test_photos_scroll_top (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *id = cd_test_open_headline (f, "Coastal Town");
  GtkAdjustment *adjustment;
  double bottom;

  cd_test_press_accel (f, "<Alt>2");
  assert_view (f, "photos");
  cd_test_iterate (200);
  adjustment = photos_vadjustment (f);
  bottom = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  /* Otherwise there is nothing to test. */
  g_assert_cmpfloat (bottom, >, 50);
  gtk_adjustment_set_value (adjustment, bottom);
  cd_test_iterate (100);

  run_cli_set (f, id, "headline", "Changed by the CLI");
  cd_test_wait_until (headline_is, f, 10000);
  cd_test_iterate (200);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, bottom);

  /* The water plant has two photos as well: it could stay scrolled. */
  g_free (cd_test_open_headline (f, "افتتاح محطة"));
  assert_view (f, "photos");
  cd_test_iterate (200);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
}

static void
fixture_setup_empty (Fixture       *f,
                     gconstpointer  data)
{
  setup (f, 1100, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  cd_test_init (&argc, &argv);

  g_test_add ("/views/accelerators", Fixture, NULL, fixture_setup, test_accelerators, fixture_teardown);
  g_test_add ("/views/clicks", Fixture, NULL, fixture_setup, test_clicks, fixture_teardown);
  g_test_add ("/views/menu-item", Fixture, NULL, fixture_setup, test_menu_item, fixture_teardown);
  g_test_add ("/views/captions-stay", Fixture, NULL, fixture_setup, test_captions_stay, fixture_teardown);
  g_test_add ("/views/captions-follow-reload", Fixture, NULL, fixture_setup, test_captions_follow_reload, fixture_teardown);
  g_test_add ("/views/real-keys", Fixture, NULL, fixture_setup, test_real_keys, fixture_teardown);
  g_test_add ("/views/narrow", Fixture, NULL, fixture_setup_narrow, test_narrow, fixture_teardown);
  g_test_add ("/views/photos-scroll-top", Fixture, NULL, fixture_setup_short, test_photos_scroll_top, fixture_teardown);
  g_test_add ("/views/bar-without-slide", Fixture, NULL, fixture_setup_empty, test_bar_without_slide, fixture_teardown);

  return g_test_run ();
}

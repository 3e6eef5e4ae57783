/* test-captions.c: fixing captions across the store in All captions
 *
 * The captions view saves the articles that are not open in the editor
 * itself; these tests watch what reaches the disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "cd-captions-view.h"
#include "cd-import-dialog.h"
#include "cd-photo-row.h"
#include "cd-test-utils.h"
#include "cd-window.h"

typedef struct
{
  CdTestFixture base;
  guint errors;
} Fixture;

static gboolean
captions_loaded (gpointer data)
{
  Fixture *f = data;

  return !cd_captions_view_get_loading (CD_CAPTIONS_VIEW (cd_window_get_captions_view (f->base.window)));
}

static void
on_error_cb (CdCaptionsView *view,
             const char     *message,
             Fixture        *f)
{
  g_test_message ("captions view error: %s", message);
  f->errors++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cd_test_fixture_set_up (&f->base, 1100, 720);
  cd_test_import_samples (&f->base);
  g_signal_connect (cd_window_get_captions_view (f->base.window), "error", G_CALLBACK (on_error_cb), f);

  gtk_widget_activate_action (GTK_WIDGET (f->base.window), "win.show-view", "s", "captions");
  cd_test_wait_until (captions_loaded, f, 10000);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cd_test_fixture_tear_down (&f->base);
}

/* The id of the article a row shows a photo of, found by its headline. */
static char *
id_of_row (Fixture    *f,
           CdPhotoRow *row)
{
  GListModel *model = G_LIST_MODEL (f->base.store);
  const char *context = cd_photo_row_get_context (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdArticleSummary) s = g_list_model_get_item (model, i);

      if (g_str_equal (cd_article_summary_get_headline (s), context))
        return g_strdup (cd_article_summary_get_id (s));
    }
  g_error ("no article is headed “%s”", context);
  return NULL;
}

/* A photo row of an article other than the open one. */
static CdPhotoRow *
row_of_other_article (Fixture  *f,
                      char    **id)
{
  GtkWidget *view = cd_window_get_captions_view (f->base.window);
  GtkWidget *list = cd_test_find_widget (view, GTK_TYPE_LIST_BOX);
  const char *open = cd_article_get_headline (cd_window_get_article (f->base.window));

  for (GtkWidget *row = gtk_widget_get_first_child (list); row;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *context;

      if (!CD_IS_PHOTO_ROW (row))
        continue;
      context = cd_photo_row_get_context (CD_PHOTO_ROW (row));
      if (g_str_equal (context, open))
        continue;
      *id = id_of_row (f, CD_PHOTO_ROW (row));
      return CD_PHOTO_ROW (row);
    }
  g_error ("no photo of another article in All captions");
  return NULL;
}

/* One caption typed, one save: the revision the store gives the saved
 * article is no edit to save again. */
static void
test_caption_saved_once (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = NULL;
  CdPhotoRow *row = row_of_other_article (f, &id);
  g_autoptr(CdArticle) before = cd_test_article_on_disk (&f->base, id);
  g_autoptr(CdArticle) after = NULL;

  cd_test_type_text (cd_photo_row_get_caption_entry (row), "A caption fixed in All captions");
  cd_test_iterate (4000);
  after = cd_test_article_on_disk (&f->base, id);
  g_assert_cmpstr (cd_photo_get_caption (cd_article_get_photo (after, 0)), ==,
                   "A caption fixed in All captions");
  g_assert_cmpuint (cd_article_get_revision (after), ==, cd_article_get_revision (before) + 1);
  g_assert_cmpuint (f->errors, ==, 0);
}

/* The CLI changes the headline of an article whose caption is being
 * fixed here: both reach the disk. */
static void
test_caption_merges_with_cli (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *id = NULL;
  CdPhotoRow *row = row_of_other_article (f, &id);
  g_autoptr(CdArticle) after = NULL;

  cd_test_type_text (cd_photo_row_get_caption_entry (row), "A caption fixed in All captions");
  cd_test_run_cli (&f->base, (const char *[]) { "set", id, "headline", "Changed by the CLI", NULL });
  cd_test_iterate (3000);
  after = cd_test_article_on_disk (&f->base, id);
  g_assert_cmpstr (cd_photo_get_caption (cd_article_get_photo (after, 0)), ==,
                   "A caption fixed in All captions");
  g_assert_cmpstr (cd_article_get_headline (after), ==, "Changed by the CLI");
  /* The row names the article by its merged headline. */
  g_assert_cmpstr (cd_photo_row_get_context (row), ==, "Changed by the CLI");
  g_assert_cmpuint (f->errors, ==, 0);
}

/* The first photo row of the article open in the window. */
static CdPhotoRow *
row_of_open_article (Fixture *f)
{
  GtkWidget *view = cd_window_get_captions_view (f->base.window);
  GtkWidget *list = cd_test_find_widget (view, GTK_TYPE_LIST_BOX);
  CdArticle *open = cd_window_get_article (f->base.window);

  g_assert_cmpuint (cd_article_get_n_photos (open), >, 0);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row;
       row = gtk_widget_get_next_sibling (row))
    if (CD_IS_PHOTO_ROW (row) &&
        cd_photo_row_get_photo (CD_PHOTO_ROW (row)) == cd_article_get_photo (open, 0))
      return CD_PHOTO_ROW (row);
  g_error ("no photo of the open article in All captions");
  return NULL;
}

/* The open article's headline changes while All captions shows it (the
 * window shares that article with the view, and merges other programs'
 * versions into it in place): its rows follow, without the view being
 * read again. */
static void
test_row_follows_headline (Fixture       *f,
                           gconstpointer  data)
{
  CdPhotoRow *row = row_of_open_article (f);
  CdArticle *open = cd_window_get_article (f->base.window);

  g_assert_cmpstr (cd_photo_row_get_context (row), ==, cd_article_get_headline (open));
  cd_article_set_headline (open, "Renamed While the Captions Show");
  /* The same row: the view was not rebuilt. */
  g_assert_true (row_of_open_article (f) == row);
  g_assert_cmpstr (cd_photo_row_get_context (row), ==, "Renamed While the Captions Show");

  /* No headline: the row says so. */
  cd_article_set_headline (open, "");
  g_assert_cmpstr (cd_photo_row_get_context (row), ==, "Untitled");
  cd_test_wait_until (cd_test_window_idle, f->base.window, 10000);
  g_assert_cmpuint (f->errors, ==, 0);
}

/* The CLI changes the very caption being typed here: the CLI's stays,
 * and the view says that what was typed is not saved. */
static void
test_caption_clash_is_reported (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *id = NULL;
  CdPhotoRow *row = row_of_other_article (f, &id);
  g_autoptr(CdArticle) after = NULL;

  /* The window logs each error it shows. */
  g_test_expect_message ("Copydesk", G_LOG_LEVEL_WARNING, "Could not update a caption: *");
  cd_test_type_text (cd_photo_row_get_caption_entry (row), "A caption fixed in All captions");
  cd_test_run_cli (&f->base, (const char *[]) { "photo", "set", id, "1", "--caption", "The CLI's caption", NULL });
  cd_test_iterate (3000);
  after = cd_test_article_on_disk (&f->base, id);
  g_assert_cmpstr (cd_photo_get_caption (cd_article_get_photo (after, 0)), ==,
                   "The CLI's caption");
  g_assert_cmpuint (f->errors, ==, 1);
  g_test_assert_expected_messages ();
}

/* The first photo row the filter shows. */
static CdPhotoRow *
first_shown_row (Fixture *f)
{
  GtkWidget *view = cd_window_get_captions_view (f->base.window);
  GtkWidget *list = cd_test_find_widget (view, GTK_TYPE_LIST_BOX);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row;
       row = gtk_widget_get_next_sibling (row))
    if (CD_IS_PHOTO_ROW (row) && gtk_widget_get_child_visible (row))
      return CD_PHOTO_ROW (row);
  g_error ("All captions shows no photo");
  return NULL;
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
row_hidden (gpointer row)
{
  return !gtk_widget_get_child_visible (row);
}

/* Types @text one character at a time at the end of @editable, letting
 * the main loop run between them as key presses would. */
static void
type_slowly (GtkWidget  *editable,
             const char *text,
             GtkWidget  *must_stay)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      int pos = -1;

      gtk_editable_insert_text (GTK_EDITABLE (editable), p, g_utf8_next_char (p) - p, &pos);
      cd_test_iterate (40);
      g_assert_true (gtk_widget_get_child_visible (must_stay));
      g_assert_true (has_focus_within (editable));
    }
}

/* "Without credit only" lists a card; typing its credit keeps it on
 * screen, with the focus in the field, until the focus leaves the card:
 * only then does the filter drop it. The whole credit is saved. */
static void
test_filtered_card_stays_while_typed (Fixture       *f,
                                      gconstpointer  data)
{
  GtkWidget *view = cd_window_get_captions_view (f->base.window);
  GtkWidget *agency_entry = cd_test_find_widget (view, GTK_TYPE_SEARCH_ENTRY);
  CdPhotoRow *row;
  GtkWidget *credit;
  g_autofree char *id = NULL;
  g_autoptr(CdArticle) after = NULL;
  guint n_before;

  cd_captions_view_set_filter (CD_CAPTIONS_VIEW (view), NULL, TRUE);
  row = first_shown_row (f);
  g_assert_false (cd_photo_has_credit (cd_photo_row_get_photo (row)));
  id = id_of_row (f, row);
  n_before = cd_captions_view_get_n_visible (CD_CAPTIONS_VIEW (view));
  credit = cd_photo_row_get_credit_entry (row);
  gtk_widget_grab_focus (credit);
  cd_test_iterate (100);

  type_slowly (credit, "Staff photo", GTK_WIDGET (row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (credit)), ==, "Staff photo");
  g_assert_cmpuint (cd_captions_view_get_n_visible (CD_CAPTIONS_VIEW (view)), ==, n_before);
  cd_test_iterate (1500);
  cd_test_wait_until (cd_test_window_idle, f->base.window, 10000);
  g_assert_true (gtk_widget_get_child_visible (GTK_WIDGET (row)));
  after = cd_test_article_on_disk (&f->base, id);
  g_assert_cmpstr (cd_photo_get_credit (cd_article_get_photo (after, 0)), ==, "Staff photo");

  /* The focus leaves the card: it has a credit now, and goes. */
  gtk_widget_grab_focus (agency_entry);
  cd_test_wait_until (row_hidden, row, 5000);
  g_assert_cmpuint (cd_captions_view_get_n_visible (CD_CAPTIONS_VIEW (view)), ==, n_before - 1);
  g_assert_cmpuint (f->errors, ==, 0);
}

static gboolean
credit_is_staff_photo (gpointer row)
{
  GtkWidget *entry = cd_photo_row_get_credit_entry (row);

  return g_str_equal (gtk_editable_get_text (GTK_EDITABLE (entry)), "Staff photo");
}

/* The tester's steps with real key presses: the credit typed into a card
 * "Without credit only" lists is saved whole, and Tab moves on to the
 * next field of the same card, which stays until the focus leaves it. */
static void
test_filtered_card_real_keys (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->base.window);
  GtkWidget *view = cd_window_get_captions_view (f->base.window);
  CdPhotoRow *row;
  g_autofree char *id = NULL;
  g_autoptr(CdArticle) after = NULL;

  if (!cd_test_can_press_keys ())
    {
      g_test_skip ("real key presses need xdotool and an X11 display");
      return;
    }
  cd_captions_view_set_filter (CD_CAPTIONS_VIEW (view), NULL, TRUE);
  row = first_shown_row (f);
  id = id_of_row (f, row);
  gtk_widget_grab_focus (cd_photo_row_get_credit_entry (row));
  cd_test_type_keys (window, "Staff photo");
  /* The server may still hold the last keys when xdotool returns. */
  cd_test_wait_until (credit_is_staff_photo, row, 5000);
  cd_test_press_keys (window, "Tab", NULL);
  g_assert_true (gtk_widget_get_child_visible (GTK_WIDGET (row)));
  g_assert_true (has_focus_within (GTK_WIDGET (row)));

  cd_test_iterate (1500);
  cd_test_wait_until (cd_test_window_idle, f->base.window, 10000);
  after = cd_test_article_on_disk (&f->base, id);
  g_assert_cmpstr (cd_photo_get_credit (cd_article_get_photo (after, 0)), ==, "Staff photo");
  g_assert_cmpuint (f->errors, ==, 0);
}

/* The credits of the photos the filter shows, in list order. */
static char *
shown_credits (Fixture *f)
{
  GtkWidget *view = cd_window_get_captions_view (f->base.window);
  GtkWidget *list = cd_test_find_widget (view, GTK_TYPE_LIST_BOX);
  g_autoptr(GStrvBuilder) credits = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row;
       row = gtk_widget_get_next_sibling (row))
    if (CD_IS_PHOTO_ROW (row) && gtk_widget_get_child_visible (row))
      g_strv_builder_add (credits, cd_photo_get_credit (cd_photo_row_get_photo (CD_PHOTO_ROW (row))));
  strv = g_strv_builder_end (credits);
  g_assert_cmpuint (g_strv_length (strv), ==,
                    cd_captions_view_get_n_visible (CD_CAPTIONS_VIEW (view)));
  return g_strjoinv (" | ", strv);
}

/* Filtering by agency finds it by its key however the credit spells it,
 * and still by plain text. */
static void
test_filter_by_agency_key (Fixture       *f,
                           gconstpointer  data)
{
  CdCaptionsView *view = CD_CAPTIONS_VIEW (cd_window_get_captions_view (f->base.window));
  g_autofree char *afp = NULL;
  g_autofree char *reuters = NULL;
  g_autofree char *arabic_afp = NULL;
  g_autofree char *text = NULL;

  cd_captions_view_set_filter (view, "afp", FALSE);
  afp = shown_credits (f);
  cd_captions_view_set_filter (view, "Reuters", FALSE);
  reuters = shown_credits (f);
  cd_captions_view_set_filter (view, "وكالة فرانس برس", FALSE);
  arabic_afp = shown_credits (f);
  cd_captions_view_set_filter (view, "harbour", FALSE);
  text = shown_credits (f);

  /* The samples credit AFP in the market story in English and in the
   * water story in Arabic, and Reuters in Arabic only. */
  g_assert_true (g_str_equal (afp, "AFP/Getty Images | أ.ف.ب") ||
                 g_str_equal (afp, "أ.ف.ب | AFP/Getty Images"));
  g_assert_cmpstr (arabic_afp, ==, afp);
  g_assert_cmpstr (reuters, ==, "رويترز");
  g_assert_true (g_str_equal (text, "Staff photo/Harbour Times | Lena Marsh/Harbour Times") ||
                 g_str_equal (text, "Lena Marsh/Harbour Times | Staff photo/Harbour Times"));
  g_assert_cmpuint (f->errors, ==, 0);
}

/* The photo row whose credit is @credit. */
static CdPhotoRow *
row_with_credit (Fixture    *f,
                 const char *credit)
{
  GtkWidget *view = cd_window_get_captions_view (f->base.window);
  GtkWidget *list = cd_test_find_widget (view, GTK_TYPE_LIST_BOX);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row;
       row = gtk_widget_get_next_sibling (row))
    if (CD_IS_PHOTO_ROW (row) &&
        g_strcmp0 (cd_photo_get_credit (cd_photo_row_get_photo (CD_PHOTO_ROW (row))), credit) == 0)
      return CD_PHOTO_ROW (row);
  g_error ("no photo credited “%s” in All captions", credit);
  return NULL;
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_str_equal (gtk_label_get_label (GTK_LABEL (child)), text))
        return child;
      if ((found = find_label (child, text)))
        return found;
    }
  return NULL;
}

/* A field's direction, checked on the entry and on the text inside it,
 * which draws the letters. */
static void
assert_field_direction (GtkWidget        *entry,
                        GtkTextDirection  direction)
{
  g_assert_cmpint (gtk_widget_get_direction (entry), ==, direction);
  g_assert_cmpint (gtk_widget_get_direction (cd_test_find_widget (entry, GTK_TYPE_TEXT)), ==,
                   direction);
}

static void
assert_card_directions (CdPhotoRow       *row,
                        GtkTextDirection  ui,
                        GtkTextDirection  text)
{
  GtkWidget *context = find_label (GTK_WIDGET (row), cd_photo_row_get_context (row));

  /* The card itself, and the grid of labelled fields in it. */
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (row)), ==, ui);
  g_assert_cmpint (gtk_widget_get_direction (cd_test_find_widget (GTK_WIDGET (row), GTK_TYPE_GRID)),
                   ==, ui);
  assert_field_direction (cd_photo_row_get_caption_entry (row), text);
  assert_field_direction (cd_photo_row_get_credit_entry (row), text);
  g_assert_nonnull (context);
  g_assert_cmpint (gtk_widget_get_direction (context), ==, text);
}

/* Cards are laid out in the window's direction, whatever the article's
 * language; each field takes its own text's direction, and an empty one
 * its article's. Run in a left-to-right and in a right-to-left window. */
static void
test_card_directions (Fixture       *f,
                      gconstpointer  data)
{
  GtkTextDirection ui = gtk_widget_get_default_direction ();
  CdPhotoRow *english = row_with_credit (f, "AFP/Getty Images");
  CdPhotoRow *arabic = row_with_credit (f, "أ.ف.ب");
  GtkWidget *credit = cd_photo_row_get_credit_entry (arabic);

  g_assert_cmpint (ui, ==, GPOINTER_TO_INT (data));
  assert_card_directions (english, ui, GTK_TEXT_DIR_LTR);
  assert_card_directions (arabic, ui, GTK_TEXT_DIR_RTL);

  /* Emptied, a field is ready for its article's language; a Latin
   * agency name typed into an Arabic card is left to right. */
  cd_test_type_text (cd_photo_row_get_credit_entry (english), "");
  assert_field_direction (cd_photo_row_get_credit_entry (english), GTK_TEXT_DIR_LTR);
  cd_test_type_text (credit, "");
  assert_field_direction (credit, GTK_TEXT_DIR_RTL);
  cd_test_type_text (credit, "AFP");
  assert_field_direction (credit, GTK_TEXT_DIR_LTR);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (arabic)), ==, ui);
  cd_test_iterate (1500);
  g_assert_cmpuint (f->errors, ==, 0);
}

static void
fixture_setup_direction (Fixture       *f,
                         gconstpointer  data)
{
  gtk_widget_set_default_direction (GPOINTER_TO_INT (data));
  fixture_setup (f, data);
}

static void
fixture_teardown_direction (Fixture       *f,
                            gconstpointer  data)
{
  fixture_teardown (f, data);
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

int
main (int   argc,
      char *argv[])
{
  cd_test_init (&argc, &argv);

  g_test_add ("/captions/merges-with-cli", Fixture, NULL, fixture_setup, test_caption_merges_with_cli, fixture_teardown);
  g_test_add ("/captions/clash-is-reported", Fixture, NULL, fixture_setup, test_caption_clash_is_reported, fixture_teardown);
  g_test_add ("/captions/row-follows-headline", Fixture, NULL, fixture_setup, test_row_follows_headline, fixture_teardown);
  g_test_add ("/captions/filtered-card-stays-while-typed", Fixture, NULL, fixture_setup,
              test_filtered_card_stays_while_typed, fixture_teardown);
  g_test_add ("/captions/filtered-card-real-keys", Fixture, NULL, fixture_setup,
              test_filtered_card_real_keys, fixture_teardown);
  g_test_add ("/captions/filter-by-agency-key", Fixture, NULL, fixture_setup,
              test_filter_by_agency_key, fixture_teardown);
  g_test_add ("/captions/card-directions-ltr-ui", Fixture, GINT_TO_POINTER (GTK_TEXT_DIR_LTR),
              fixture_setup_direction, test_card_directions, fixture_teardown_direction);
  g_test_add ("/captions/card-directions-rtl-ui", Fixture, GINT_TO_POINTER (GTK_TEXT_DIR_RTL),
              fixture_setup_direction, test_card_directions, fixture_teardown_direction);
  g_test_add ("/captions/caption-saved-once", Fixture, NULL, fixture_setup, test_caption_saved_once, fixture_teardown);

  return g_test_run ();
}

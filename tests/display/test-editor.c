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

static const char *
text_of (GtkWidget *editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

/* Typing at the end of @editable, a piece at a time, as keys do. */
static void
type_at_end (GtkWidget  *editable,
             const char *text)
{
  int position = -1;

  position = (int) g_utf8_strlen (text_of (editable), -1);
  gtk_editable_insert_text (GTK_EDITABLE (editable), text, -1, &position);
  gtk_editable_set_position (GTK_EDITABLE (editable), position);
}

/* What another part of the program (a merge with another program's
 * version, a bulk change) sets on the article shows in every field. */
static void
test_editor_follows_article (void)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  CdArticleEditor *editor = CD_ARTICLE_EDITOR (cd_article_editor_new ());
  GtkWidget *window = show_in_window (GTK_WIDGET (editor));
  const char *tags[] = { "ferries", "weather", NULL };
  GtkDropDown *language;

  cd_article_set_section (article, "Local");
  cd_article_editor_set_article (editor, article);
  g_assert_cmpstr (text_of (cd_article_editor_get_section_entry (editor)), ==, "Local");

  cd_article_set_section (article, "Sport");
  cd_article_set_tags (article, tags);
  cd_article_set_standfirst (article, "A standfirst");
  g_assert_cmpstr (text_of (cd_article_editor_get_section_entry (editor)), ==, "Sport");
  g_assert_cmpstr (text_of (cd_article_editor_get_tags_entry (editor)), ==, "ferries, weather");

  /* A language the list does not know joins it, as when an article
   * opens with it. */
  cd_article_set_language (article, "sw");
  language = GTK_DROP_DOWN (cd_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (language);
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (language)), ==,
                   "sw");
  g_assert_cmpstr (cd_article_get_language (article), ==, "sw");

  gtk_window_destroy (GTK_WINDOW (window));
}

static CdArticle *
new_long_article (const char *headline)
{
  CdArticle *article = cd_article_new ();
  g_autoptr(GString) body = g_string_new (NULL);

  for (guint i = 0; i < 60; i++)
    g_string_append_printf (body, "Paragraph %u of a long report on the harbour.\n\n", i);
  cd_article_set_headline (article, headline);
  cd_article_set_body (article, body->str);
  return article;
}

/* The headline is inside the scrolled area's visible part. */
static gboolean
headline_in_view (CdArticleEditor *editor,
                  GtkWidget       *scroller)
{
  GtkWidget *headline = cd_article_editor_get_headline_entry (editor);
  graphene_point_t top = GRAPHENE_POINT_INIT (0, 0);
  graphene_point_t in_scroller;

  g_assert_true (gtk_widget_compute_point (headline, scroller, &top, &in_scroller));
  return in_scroller.y >= 0 &&
         in_scroller.y + gtk_widget_get_height (headline) <= gtk_widget_get_height (scroller);
}

/* Another article opens at its headline, wherever the last one was
 * scrolled to; a new version of the same article stays put. */
static void
test_editor_new_article_at_top (void)
{
  g_autoptr(CdArticle) first = new_long_article ("Harbour report");
  g_autoptr(CdArticle) reloaded = NULL;
  g_autoptr(CdArticle) second = new_long_article ("Bridge report");
  CdArticleEditor *editor = CD_ARTICLE_EDITOR (cd_article_editor_new ());
  GtkWidget *window = show_in_window (GTK_WIDGET (editor));
  GtkWidget *scroller = cd_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  double bottom;

  cd_article_editor_set_article (editor, first);
  cd_test_iterate (200);
  bottom = gtk_adjustment_get_upper (vadj) - gtk_adjustment_get_page_size (vadj);
  g_assert_cmpfloat (bottom, >, 0);
  gtk_adjustment_set_value (vadj, bottom);
  cd_test_iterate (100);
  g_assert_false (headline_in_view (editor, scroller));

  reloaded = cd_article_copy (first);
  cd_article_editor_set_article (editor, reloaded);
  cd_test_iterate (100);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), ==, bottom);

  cd_article_editor_set_article (editor, second);
  cd_test_iterate (200);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadj), ==, 0);
  g_assert_true (headline_in_view (editor, scroller));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The article keeps a section without surrounding spaces and tags split
 * at commas; the entries must still take a space or a comma typed at
 * their end, on the way to the next word. */
static void
test_editor_typing_section_and_tags (void)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  CdArticleEditor *editor = CD_ARTICLE_EDITOR (cd_article_editor_new ());
  GtkWidget *window = show_in_window (GTK_WIDGET (editor));
  GtkWidget *section;
  GtkWidget *tags;

  cd_article_editor_set_article (editor, article);
  section = cd_article_editor_get_section_entry (editor);
  tags = cd_article_editor_get_tags_entry (editor);
  type_at_end (section, "Local");
  type_at_end (section, " ");
  type_at_end (section, "News");
  g_assert_cmpstr (text_of (section), ==, "Local News");
  g_assert_cmpstr (cd_article_get_section (article), ==, "Local News");

  type_at_end (tags, "ferries");
  type_at_end (tags, ",");
  type_at_end (tags, " ");
  type_at_end (tags, "weather");
  g_assert_cmpstr (text_of (tags), ==, "ferries, weather");
  g_assert_cmpuint (g_strv_length ((char **) cd_article_get_tags (article)), ==, 2);

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


static gboolean
spelling_done (gpointer data)
{
  CdSpellHighlighter *spell = data;

  return cd_spell_highlighter_get_checker (spell) != NULL && !cd_spell_highlighter_get_busy (spell);
}

static gboolean
has_dictionary (const char *language)
{
  g_autoptr(CdSpellChecker) checker = cd_spell_checker_new (language);

  return cd_spell_checker_get_dictionary (checker) != NULL;
}

/* TRUE when the word starting at @offset (in characters) of the body is
 * underlined as misspelt. */
static gboolean
is_underlined (GtkWidget *editor,
               int        offset)
{
  CdSpellHighlighter *spell = cd_article_editor_get_spell_highlighter (CD_ARTICLE_EDITOR (editor));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (cd_article_editor_get_body_view (CD_ARTICLE_EDITOR (editor))));
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  return gtk_text_iter_has_tag (&iter, cd_spell_highlighter_get_tag (spell));
}

static void
test_editor_spelling (void)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  GtkWidget *editor = cd_article_editor_new ();
  GtkWidget *window = show_in_window (editor);
  CdSpellHighlighter *spell = cd_article_editor_get_spell_highlighter (CD_ARTICLE_EDITOR (editor));

  if (!has_dictionary ("en"))
    {
      g_test_skip ("no English dictionary for Enchant (hunspell-en-us)");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  /*                       0    5     11    17  21     28 */
  cd_article_set_body (article, "The quikc brown fox jumpd over TT, the 3rd dog.");
  cd_article_set_language (article, "en");
  cd_article_editor_set_article (CD_ARTICLE_EDITOR (editor), article);
  cd_test_wait_until (spelling_done, spell, 10000);

  g_assert_cmpstr (cd_spell_checker_get_language (cd_spell_highlighter_get_checker (spell)), ==, "en");
  g_assert_false (is_underlined (editor, 0));
  g_assert_true (is_underlined (editor, 4));     /* quikc */
  g_assert_false (is_underlined (editor, 10));   /* brown */
  g_assert_true (is_underlined (editor, 20));    /* jumpd */
  g_assert_false (is_underlined (editor, 31));   /* TT: an acronym */
  g_assert_false (is_underlined (editor, 39));   /* 3rd */

  /* Ignoring a word clears it everywhere for the session. */
  cd_spell_highlighter_ignore (spell, "jumpd");
  cd_test_wait_until (spelling_done, spell, 10000);
  g_assert_false (is_underlined (editor, 20));
  g_assert_true (is_underlined (editor, 4));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_editor_spelling_menu (void)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  GtkWidget *editor = cd_article_editor_new ();
  GtkWidget *window = show_in_window (editor);
  CdSpellHighlighter *spell = cd_article_editor_get_spell_highlighter (CD_ARTICLE_EDITOR (editor));
  GtkTextView *view = GTK_TEXT_VIEW (cd_article_editor_get_body_view (CD_ARTICLE_EDITOR (editor)));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GMenuModel *menu, *section;
  g_autoptr(GVariant) target = NULL;
  g_autofree char *replacement = NULL;
  g_autofree char *expected = NULL;
  GtkTextIter iter;

  if (!has_dictionary ("en"))
    {
      g_test_skip ("no English dictionary for Enchant (hunspell-en-us)");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  cd_article_set_body (article, "A quikc reply.");
  cd_article_set_language (article, "en");
  cd_article_editor_set_article (CD_ARTICLE_EDITOR (editor), article);
  cd_test_wait_until (spelling_done, spell, 10000);

  /* Nothing to offer on a word spelt right. */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 10);
  gtk_text_buffer_place_cursor (buffer, &iter);
  cd_article_editor_prepare_spell_menu (CD_ARTICLE_EDITOR (editor));
  menu = gtk_text_view_get_extra_menu (view);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 0);

  /* On "quikc": replacements, then Ignore. */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 4);
  gtk_text_buffer_place_cursor (buffer, &iter);
  cd_article_editor_prepare_spell_menu (CD_ARTICLE_EDITOR (editor));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);
  section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (section), >=, 2);
  target = g_menu_model_get_item_attribute_value (section, 0, G_MENU_ATTRIBUTE_TARGET,
                                                  G_VARIANT_TYPE_STRING);
  g_assert_nonnull (target);
  replacement = g_variant_dup_string (target, NULL);

  gtk_widget_activate_action_variant (editor, "editor.spell-replace", target);
  expected = g_strdup_printf ("A %s reply.", replacement);
  g_assert_cmpstr (cd_article_get_body (article), ==, expected);
  /* One undo step brings the word back. */
  gtk_widget_activate_action (editor, "editor.undo", NULL);
  g_assert_cmpstr (cd_article_get_body (article), ==, "A quikc reply.");

  g_object_unref (section);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_editor_spelling_follows_language (void)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  GtkWidget *editor = cd_article_editor_new ();
  GtkWidget *window = show_in_window (editor);
  CdSpellHighlighter *spell = cd_article_editor_get_spell_highlighter (CD_ARTICLE_EDITOR (editor));

  if (!has_dictionary ("en") || !has_dictionary ("ar"))
    {
      g_test_skip ("needs English and Arabic dictionaries (hunspell-en-us, hunspell-ar)");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  /* An Arabic sentence with one word misspelt (مدرسه for مدرسة is
   * accepted by some dictionaries; مدرسةةة is not). */
  cd_article_set_body (article, "افتتحت المدينة مدرسةةة جديدة");
  cd_article_set_language (article, "ar");
  cd_article_editor_set_article (CD_ARTICLE_EDITOR (editor), article);
  cd_test_wait_until (spelling_done, spell, 10000);
  g_assert_cmpstr (cd_spell_checker_get_language (cd_spell_highlighter_get_checker (spell)), ==, "ar");
  g_assert_false (is_underlined (editor, 0));
  g_assert_true (is_underlined (editor, 16));

  /* The same text checked as English is all unknown words. */
  cd_article_set_language (article, "en");
  cd_test_wait_until (spelling_done, spell, 10000);
  g_assert_cmpstr (cd_spell_checker_get_language (cd_spell_highlighter_get_checker (spell)), ==, "en");
  g_assert_true (is_underlined (editor, 0));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_editor_spelling_waits_for_typing (void)
{
  g_autoptr(CdArticle) article = cd_article_new ();
  GtkWidget *editor = cd_article_editor_new ();
  GtkWidget *window = show_in_window (editor);
  CdSpellHighlighter *spell = cd_article_editor_get_spell_highlighter (CD_ARTICLE_EDITOR (editor));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (cd_article_editor_get_body_view (CD_ARTICLE_EDITOR (editor))));
  GtkTextIter end;

  if (!has_dictionary ("en"))
    {
      g_test_skip ("no English dictionary for Enchant (hunspell-en-us)");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  cd_article_set_body (article, "Typing ");
  cd_article_set_language (article, "en");
  cd_article_editor_set_article (CD_ARTICLE_EDITOR (editor), article);
  cd_test_wait_until (spelling_done, spell, 10000);

  /* A half-typed word at the cursor is not underlined at once... */
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_interactive (buffer, &end, "tomorr", -1, TRUE);
  cd_test_iterate (100);
  g_assert_false (is_underlined (editor, 7));
  /* ...but once the typing pauses, if it stays wrong. */
  cd_test_wait_until (spelling_done, spell, 10000);
  g_assert_true (is_underlined (editor, 7));

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
  g_test_add_func ("/editor/follows-article", test_editor_follows_article);
  g_test_add_func ("/editor/new-article-at-top", test_editor_new_article_at_top);
  g_test_add_func ("/editor/typing-section-and-tags", test_editor_typing_section_and_tags);
  g_test_add_func ("/editor/arabic-is-rtl", test_editor_arabic_is_rtl);
  g_test_add_func ("/editor/headline-limit", test_editor_headline_limit);
  g_test_add_func ("/editor/accessible-names", test_editor_accessible_names);
  g_test_add_func ("/editor/spelling", test_editor_spelling);
  g_test_add_func ("/editor/spelling-menu", test_editor_spelling_menu);
  g_test_add_func ("/editor/spelling-follows-language", test_editor_spelling_follows_language);
  g_test_add_func ("/editor/spelling-waits-for-typing", test_editor_spelling_waits_for_typing);
  g_test_add_func ("/photo-manager/credit", test_photo_manager_credit);
  g_test_add_func ("/photo-manager/reorder", test_photo_manager_reorder);

  return g_test_run ();
}

/* test-search-hint.c: a row found by its text alone says so
 *
 * The search matches headlines and standfirsts at once and article
 * bodies later, in a thread. A row listed for its body alone carries a
 * hint in its details line and its accessible description, for as long
 * as the search lasts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-article-list.h"
#include "cd-article-row.h"
#include "cd-test-utils.h"
#include "cd-ui-utils.h"

/* As the C locale shows it. */
#define HINT "matches in the text"

typedef CdTestFixture Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  cd_test_fixture_set_up (f, 1100, 720);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cd_test_fixture_tear_down (f);
}

static CdArticleList *
article_list (Fixture *f)
{
  return CD_ARTICLE_LIST (cd_window_get_article_list (f->window));
}

/* The row on screen showing the article whose headline starts with
 * @prefix, or NULL. */
static CdArticleRow *
find_row (GtkWidget  *root,
          const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      CdArticleRow *row;

      if (CD_IS_ARTICLE_ROW (child))
        {
          CdArticleSummary *summary = cd_article_row_get_summary (CD_ARTICLE_ROW (child));

          if (summary && gtk_widget_get_mapped (child) &&
              g_str_has_prefix (cd_article_summary_get_headline (summary), prefix))
            return CD_ARTICLE_ROW (child);
          continue;
        }
      if ((row = find_row (child, prefix)))
        return row;
    }
  return NULL;
}

static CdArticleRow *
wait_for_row (Fixture    *f,
              const char *prefix)
{
  CdArticleRow *row = NULL;
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (row == NULL && g_get_monotonic_time () < end)
    {
      cd_test_iterate (20);
      row = find_row (GTK_WIDGET (article_list (f)), prefix);
    }
  g_assert_nonnull (row);
  return row;
}

static void
search (Fixture    *f,
        const char *text)
{
  cd_article_list_set_search_text (article_list (f), text);
  while (cd_article_list_get_searching (article_list (f)))
    g_main_context_iteration (NULL, TRUE);
  cd_test_iterate (100);
}

/* The description is the status, then the details line (no warnings in
 * the samples): the hint reaches a screen reader with the line. */
static void
assert_description (CdArticleRow *row)
{
  CdArticleSummary *summary = cd_article_row_get_summary (row);
  g_autofree char *expected = g_strdup_printf ("%s, %s",
                                               cd_ui_status_label (cd_article_summary_get_status (summary)),
                                               cd_article_row_get_meta (row));
  g_autofree char *error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row),
                                                               GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                               expected);

  g_assert_null (error);
}

static void
test_body_only_match_says_so (Fixture       *f,
                              gconstpointer  data)
{
  CdArticleRow *row;

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.find", NULL);

  /* "pigeon" is only in the observatory article's text. */
  search (f, "pigeon");
  g_assert_cmpuint (g_list_model_get_n_items (cd_article_list_get_model (article_list (f))), ==, 1);
  row = wait_for_row (f, "Coastal Town Opens");
  g_assert_true (cd_article_row_get_body_match (row));
  g_assert_true (g_str_has_suffix (cd_article_row_get_meta (row), " · " HINT));
  assert_description (row);

  /* Cleared, the search lists everything, that row too, without hint. */
  search (f, "");
  g_assert_cmpuint (g_list_model_get_n_items (cd_article_list_get_model (article_list (f))), ==, 5);
  row = wait_for_row (f, "Coastal Town Opens");
  g_assert_false (cd_article_row_get_body_match (row));
  g_assert_null (strstr (cd_article_row_get_meta (row), HINT));
  assert_description (row);
}

/* "ferry" is in the ferry article's text too, but its headline says why
 * it is listed. */
static void
test_headline_match_has_no_hint (Fixture       *f,
                                 gconstpointer  data)
{
  CdArticleRow *row;

  g_assert_cmpuint (cd_test_import_samples (f), ==, 5);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.find", NULL);
  search (f, "ferry");
  row = wait_for_row (f, "Island Ferry");
  g_assert_false (cd_article_row_get_body_match (row));
  g_assert_null (strstr (cd_article_row_get_meta (row), HINT));
  assert_description (row);
}

int
main (int    argc,
      char **argv)
{
  cd_test_init (&argc, &argv);

  g_test_add ("/search-hint/body-only-match-says-so", Fixture, NULL,
              fixture_setup, test_body_only_match_says_so, fixture_teardown);
  g_test_add ("/search-hint/headline-match-has-no-hint", Fixture, NULL,
              fixture_setup, test_headline_match_has_no_hint, fixture_teardown);

  return g_test_run ();
}

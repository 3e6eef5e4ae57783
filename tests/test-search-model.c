/* test-search-model.c: CdSearchModel over a plain list of summaries,
 * without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "cd-search-model.h"
#include "cd-ui-utils.h"

typedef struct
{
  GListStore *source;
  CdSearchModel *model;
  GArray *changes;          /* items-changed as (position, removed, added, n_items) */
} Fixture;

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint n_items;            /* what the model says while the signal runs */
} Change;

static CdArticleSummary *
summary (const char      *headline,
         const char      *standfirst,
         const char      *section,
         CdArticleStatus  status)
{
  g_autoptr(CdArticle) article = cd_article_new ();

  cd_article_set_headline (article, headline);
  cd_article_set_standfirst (article, standfirst);
  cd_article_set_section (article, section);
  cd_article_set_status (article, status);
  return cd_article_summary_new (article);
}

static void
add (Fixture         *f,
     const char      *headline,
     const char      *standfirst,
     const char      *section,
     CdArticleStatus  status)
{
  g_autoptr(CdArticleSummary) s = summary (headline, standfirst, section, status);

  g_list_store_append (f->source, s);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *f)
{
  Change change = { position, removed, added, g_list_model_get_n_items (model) };

  g_array_append_val (f->changes, change);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->source = g_list_store_new (CD_TYPE_ARTICLE_SUMMARY);
  add (f, "Island Ferry Timetable Cut", "The harbour said so", "Transport", CD_ARTICLE_STATUS_DRAFT);
  add (f, "City Library Opens Late", "Students at the reading room", "Education", CD_ARTICLE_STATUS_READY);
  add (f, "Café Reopens on the Quay", "A ferry of visitors", "Business", CD_ARTICLE_STATUS_DRAFT);
  add (f, "افتتاح محطة جديدة لتحلية المياه", "قالت البلدية", "محليات", CD_ARTICLE_STATUS_EDITED);
  add (f, "Harbour Bridge Repaired", "", "Transport", CD_ARTICLE_STATUS_READY);
  f->model = cd_search_model_new (G_LIST_MODEL (f->source));
  f->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_signal_connect (f->model, "items-changed", G_CALLBACK (on_items_changed_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->model);
  g_clear_object (&f->source);
  g_array_unref (f->changes);
}

/* The headlines shown, joined by "|". */
static char *
shown (Fixture *f)
{
  g_autoptr(GPtrArray) headlines = g_ptr_array_new ();
  GListModel *model = G_LIST_MODEL (f->model);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdArticleSummary) s = g_list_model_get_item (model, i);

      g_ptr_array_add (headlines, (gpointer) cd_article_summary_get_headline (s));
    }
  g_ptr_array_add (headlines, NULL);
  return g_strjoinv ("|", (char **) headlines->pdata);
}

static void
assert_shown (Fixture    *f,
              const char *expected)
{
  g_autofree char *text = shown (f);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_everything_at_first (Fixture       *f,
                          gconstpointer  data)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 5);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->model)) == CD_TYPE_ARTICLE_SUMMARY);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->model), 5));
  g_assert_cmpstr (cd_search_model_get_query (f->model), ==, "");
  g_assert_true (cd_search_model_prepare (f->model, G_MAXINT64));
}

static void
test_query (Fixture       *f,
            gconstpointer  data)
{
  /* Headline or standfirst, any case, in the source's order. */
  cd_search_model_set_query (f->model, "FERRY");
  assert_shown (f, "Island Ferry Timetable Cut|Café Reopens on the Quay");
  cd_search_model_set_query (f->model, "harbour");
  assert_shown (f, "Island Ferry Timetable Cut|Harbour Bridge Repaired");
  /* Accents need not be typed; Arabic is found as typed. */
  cd_search_model_set_query (f->model, "cafe");
  assert_shown (f, "Café Reopens on the Quay");
  cd_search_model_set_query (f->model, "محطة");
  assert_shown (f, "افتتاح محطة جديدة لتحلية المياه");
  /* A query cannot match across the headline and the standfirst. */
  cd_search_model_set_query (f->model, "cut the harbour");
  assert_shown (f, "");
  cd_search_model_set_query (f->model, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 5);
}

static void
test_typing_and_deleting (Fixture       *f,
                          gconstpointer  data)
{
  /* Each keystroke as a query; the result is right whichever way the
   * query moves, and a keystroke that changes nothing says nothing. */
  cd_search_model_set_query (f->model, "r");
  assert_shown (f, "Island Ferry Timetable Cut|City Library Opens Late|Café Reopens on the Quay|Harbour Bridge Repaired");
  cd_search_model_set_query (f->model, "re");
  assert_shown (f, "City Library Opens Late|Café Reopens on the Quay|Harbour Bridge Repaired");
  cd_search_model_set_query (f->model, "rep");
  assert_shown (f, "Harbour Bridge Repaired");
  g_array_set_size (f->changes, 0);
  cd_search_model_set_query (f->model, "repa");
  assert_shown (f, "Harbour Bridge Repaired");
  g_assert_cmpuint (f->changes->len, ==, 0);
  cd_search_model_set_query (f->model, "rep");
  assert_shown (f, "Harbour Bridge Repaired");
  cd_search_model_set_query (f->model, "re");
  assert_shown (f, "City Library Opens Late|Café Reopens on the Quay|Harbour Bridge Repaired");
  cd_search_model_set_query (f->model, "r");
  assert_shown (f, "Island Ferry Timetable Cut|City Library Opens Late|Café Reopens on the Quay|Harbour Bridge Repaired");
  cd_search_model_set_query (f->model, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 5);
}

static void
test_changes_in_two_steps (Fixture       *f,
                           gconstpointer  data)
{
  Change *change;

  cd_search_model_set_query (f->model, "library");
  g_array_set_size (f->changes, 0);

  /* From one row to another: removed, then added, and the model is
   * consistent in between. */
  cd_search_model_set_query (f->model, "bridge");
  g_assert_cmpuint (f->changes->len, ==, 2);
  change = &g_array_index (f->changes, Change, 0);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 0);
  g_assert_cmpuint (change->n_items, ==, 0);
  change = &g_array_index (f->changes, Change, 1);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, 1);
  g_assert_cmpuint (change->n_items, ==, 1);

  /* Growing only: one signal, for the rows before the one kept. */
  g_array_set_size (f->changes, 0);
  cd_search_model_set_query (f->model, "");
  g_assert_cmpuint (f->changes->len, ==, 1);
  change = &g_array_index (f->changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 0);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, 4);
}

static void
test_status_and_section (Fixture       *f,
                         gconstpointer  data)
{
  cd_search_model_set_status (f->model, CD_ARTICLE_STATUS_READY);
  assert_shown (f, "City Library Opens Late|Harbour Bridge Repaired");
  cd_search_model_set_section (f->model, "Transport");
  assert_shown (f, "Harbour Bridge Repaired");
  cd_search_model_set_query (f->model, "ferry");
  assert_shown (f, "");
  cd_search_model_set_status (f->model, -1);
  assert_shown (f, "Island Ferry Timetable Cut");
  cd_search_model_set_section (f->model, NULL);
  assert_shown (f, "Island Ferry Timetable Cut|Café Reopens on the Quay");
}

static void
test_extra_matches (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CdArticleSummary) library = g_list_model_get_item (G_LIST_MODEL (f->source), 1);

  /* A body search found the library article for "pigeon". */
  cd_search_model_set_query (f->model, "pigeon");
  assert_shown (f, "");
  g_hash_table_add (ids, (gpointer) cd_article_summary_get_id (library));
  cd_search_model_add_matches (f->model, ids);
  assert_shown (f, "City Library Opens Late");
  g_assert_true (cd_search_model_is_body_match (f->model, library));
  /* Another query forgets it. */
  cd_search_model_set_query (f->model, "pigeons");
  assert_shown (f, "");
  g_assert_false (cd_search_model_is_body_match (f->model, library));
}

/* A row the body search found whose headline matches too is listed for
 * its headline, not only its body. */
static void
test_body_match_needs_body_only (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CdArticleSummary) ferry = g_list_model_get_item (G_LIST_MODEL (f->source), 0);
  g_autoptr(CdArticleSummary) library = g_list_model_get_item (G_LIST_MODEL (f->source), 1);

  cd_search_model_set_query (f->model, "FERRY");
  g_hash_table_add (ids, (gpointer) cd_article_summary_get_id (ferry));
  g_hash_table_add (ids, (gpointer) cd_article_summary_get_id (library));
  cd_search_model_add_matches (f->model, ids);
  g_assert_false (cd_search_model_is_body_match (f->model, ferry));
  g_assert_true (cd_search_model_is_body_match (f->model, library));
  cd_search_model_set_query (f->model, "");
  g_assert_false (cd_search_model_is_body_match (f->model, library));
}

static void
test_source_changes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CdArticleSummary) ferry = g_list_model_get_item (G_LIST_MODEL (f->source), 0);
  g_autoptr(CdArticle) edited = cd_article_new_with_id (cd_article_summary_get_id (ferry));
  g_autoptr(CdArticleSummary) new_one = NULL;
  Change *change;

  cd_search_model_set_query (f->model, "ferry");
  g_assert_true (cd_search_model_prepare (f->model, G_MAXINT64));

  /* A new article that matches comes in where the source puts it. */
  new_one = summary ("Night Ferry Returns", "", "Transport", CD_ARTICLE_STATUS_DRAFT);
  g_array_set_size (f->changes, 0);
  g_list_store_insert (f->source, 1, new_one);
  assert_shown (f, "Island Ferry Timetable Cut|Night Ferry Returns|Café Reopens on the Quay");
  g_assert_cmpuint (f->changes->len, ==, 1);
  change = &g_array_index (f->changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 1);
  g_assert_cmpuint (change->added, ==, 1);
  g_assert_cmpuint (cd_search_model_find (f->model, new_one), ==, 1);

  /* One that does not match changes nothing shown. */
  g_array_set_size (f->changes, 0);
  g_list_store_remove (f->source, 2);
  g_assert_cmpuint (f->changes->len, ==, 0);

  /* An article saved in place under another headline: the source says
   * so (removed and added at its position) and its key is made again. */
  cd_article_set_headline (edited, "Island Bus Timetable Cut");
  cd_article_summary_update (ferry, edited);
  g_list_store_splice (f->source, 0, 1, (gpointer *) &ferry, 1);
  assert_shown (f, "Night Ferry Returns|Café Reopens on the Quay");
  g_assert_cmpuint (cd_search_model_find (f->model, ferry), ==, G_MAXUINT);
}

/* The matcher looks at sixteen places at a time; a needle at the very
 * start or end of a key, keys just shorter or longer than a block, needles
 * of every length and Arabic text must all give what strstr() gives. */
static void
test_match_agrees_with_strstr (void)
{
  static const char *words[] = {
    "ferry", "st", "Storm", "s", "harbour", "مكتبة", "م", "مك", "ة", "a", "ab", "bb", "b",
  };
  static const char *needles[] = {
    "s", "st", "sto", "storm", "y", "ry", "erry", "ferry f", "م", "مك", "كتبة", "ة", "ab", "bba",
    "abab", "bbbbbbbbbbbbbbbbbb", "rbourferry", "zz",
  };
  g_autoptr(GListStore) source = g_list_store_new (CD_TYPE_ARTICLE_SUMMARY);
  g_autoptr(CdSearchModel) model = cd_search_model_new (G_LIST_MODEL (source));
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < 600; i++)
    {
      g_autoptr(GString) headline = g_string_new (NULL);
      g_autoptr(GString) standfirst = g_string_new (NULL);
      g_autoptr(CdArticleSummary) s = NULL;
      guint n_words = g_rand_int_range (rand, 0, 12);

      for (guint w = 0; w < n_words; w++)
        {
          GString *into = g_rand_boolean (rand) ? headline : standfirst;

          g_string_append (into, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
          if (g_rand_int_range (rand, 0, 3) == 0)
            g_string_append_c (into, ' ');
        }
      s = summary (headline->str, standfirst->str, "Local", CD_ARTICLE_STATUS_DRAFT);
      g_list_store_append (source, s);
    }

  for (guint n = 0; n < G_N_ELEMENTS (needles); n++)
    {
      guint expected = 0;

      cd_search_model_set_query (model, needles[n]);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (source)); i++)
        {
          g_autoptr(CdArticleSummary) s = g_list_model_get_item (G_LIST_MODEL (source), i);
          gboolean wanted = cd_ui_text_matches (cd_article_summary_get_headline (s), needles[n]) ||
                            cd_ui_text_matches (cd_article_summary_get_standfirst (s), needles[n]);

          g_assert_cmpuint (cd_search_model_find (model, s) != G_MAXUINT, ==, wanted);
          expected += wanted;
        }
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/search-model/everything-at-first", test_everything_at_first);
  ADD ("/search-model/query", test_query);
  ADD ("/search-model/typing-and-deleting", test_typing_and_deleting);
  ADD ("/search-model/changes-in-two-steps", test_changes_in_two_steps);
  ADD ("/search-model/status-and-section", test_status_and_section);
  ADD ("/search-model/extra-matches", test_extra_matches);
  ADD ("/search-model/body-match-needs-body-only", test_body_match_needs_body_only);
  ADD ("/search-model/source-changes", test_source_changes);
  g_test_add_func ("/search-model/match-agrees-with-strstr", test_match_agrees_with_strstr);

#undef ADD

  return g_test_run ();
}

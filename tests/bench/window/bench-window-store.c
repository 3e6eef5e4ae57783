/* bench-window-store.c: fills a store with invented articles for the
 * window benchmarks
 *
 *   bench-window-store STORE-DIR N
 *
 * A store that already holds articles is only opened (which brings its
 * index up to date) and its count printed; an empty one is filled with N.
 * The articles are made from a fixed seed, so two runs give the same
 * store: headlines and standfirsts built from a small vocabulary (one in
 * ten in Arabic), a few body paragraphs, a section, tags, a status and a
 * creation date spread over the past year. They are written through
 * cd_store_add_articles() in batches, as an import would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "cd-store.h"

#define BATCH 5000

static const char *places[] = {
  "Harbour", "City Library", "Island Ferry", "Hill Farm", "River Port", "Old Market",
  "Coastal Town", "Mountain Road", "North Station", "Valley School", "Town Hall",
  "Fishing Fleet", "Airport", "Museum", "Stadium", "Water Works", "Bus Depot",
};
static const char *verbs[] = {
  "Extends", "Cuts", "Opens", "Closes", "Reviews", "Doubles", "Delays", "Rebuilds",
  "Announces", "Suspends", "Restores", "Plans", "Moves", "Celebrates",
};
static const char *objects[] = {
  "Opening Hours", "Timetable", "Budget", "Night Service", "Summer Festival",
  "Repairs", "Parking Rules", "Ticket Prices", "Reading Room", "Water Supply",
  "Roof Garden", "Exhibition", "Harvest Fair", "Safety Checks", "Cycle Lanes",
};
static const char *reasons[] = {
  "after engine fault", "for exam season", "as costs rise", "after storm damage",
  "before the holidays", "amid record demand", "following complaints", "for the first time",
};
static const char *arabic_subjects[] = {
  "افتتاح", "توسعة", "إغلاق", "تجديد", "مراجعة", "تأجيل",
};
static const char *arabic_objects[] = {
  "مكتبة المدينة", "الميناء القديم", "محطة المياه", "السوق المركزي", "مدرسة الوادي",
};
static const char *sections[] = {
  "Local", "Business", "Transport", "Culture", "Weather", "Sport", "Education",
};
static const char *tag_words[] = {
  "council", "budget", "transport", "weather", "schools", "harbour", "culture", "jobs",
};

#define PICK(rand, array) (array[g_rand_int_range (rand, 0, G_N_ELEMENTS (array))])

static char *
make_body (GRand *rand)
{
  GString *body = g_string_new (NULL);
  int paragraphs = g_rand_int_range (rand, 3, 7);

  for (int i = 0; i < paragraphs; i++)
    {
      int sentences = g_rand_int_range (rand, 2, 5);

      if (i > 0)
        g_string_append (body, "\n\n");
      for (int j = 0; j < sentences; j++)
        g_string_append_printf (body, "%sThe %s team reviewed the %s %s, officials said.",
                                j ? " " : "", PICK (rand, places), PICK (rand, objects),
                                PICK (rand, reasons));
    }
  return g_string_free (body, FALSE);
}

static CdArticle *
make_article (GRand     *rand,
              GDateTime *now,
              guint      n)
{
  CdArticle *article = cd_article_new ();
  g_autofree char *headline = NULL;
  g_autofree char *standfirst = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GDateTime) created = NULL;
  const char *tags[3] = { PICK (rand, tag_words), PICK (rand, tag_words), NULL };

  if (g_rand_int_range (rand, 0, 10) == 0)
    {
      headline = g_strdup_printf ("%s %s %u", PICK (rand, arabic_subjects),
                                  PICK (rand, arabic_objects), n);
      standfirst = g_strdup_printf ("قالت البلدية إن %s سيبدأ الأسبوع المقبل",
                                    PICK (rand, arabic_subjects));
      cd_article_set_language (article, "ar");
    }
  else
    {
      headline = g_strdup_printf ("%s %s %s %s", PICK (rand, places), PICK (rand, verbs),
                                  PICK (rand, objects), PICK (rand, reasons));
      standfirst = g_strdup_printf ("The %s said the change would last %d weeks",
                                    PICK (rand, places), g_rand_int_range (rand, 2, 12));
      cd_article_set_language (article, "en");
    }
  body = make_body (rand);
  created = g_date_time_add_seconds (now, -g_rand_double_range (rand, 0, 365 * 24 * 3600.0));

  cd_article_set_headline (article, headline);
  cd_article_set_standfirst (article, standfirst);
  cd_article_set_body (article, body);
  cd_article_set_section (article, PICK (rand, sections));
  cd_article_set_tags (article, tags);
  cd_article_set_status (article, g_rand_int_range (rand, 0, CD_ARTICLE_STATUS_WITHDRAWN + 1));
  cd_article_set_created (article, created);
  return article;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240611);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  guint n, done = 0;

  if (argc != 3 || (n = (guint) strtoul (argv[2], NULL, 10)) == 0)
    {
      g_printerr ("usage: %s STORE-DIR N\n", argv[0]);
      return 2;
    }

  store = cd_store_new (argv[1]);
  if (!cd_store_open (store, NULL, &error))
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (store)) > 0)
    n = 0;
  while (done < n)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < BATCH && done + i < n; i++)
        g_ptr_array_add (batch, make_article (rand, now, done + i));
      if (!cd_store_add_articles (store, batch, NULL, &error))
        {
          g_printerr ("%s: %s\n", argv[1], error->message);
          return 1;
        }
      done += batch->len;
    }
  g_print ("%u articles in %s\n", g_list_model_get_n_items (G_LIST_MODEL (store)), argv[1]);
  return 0;
}

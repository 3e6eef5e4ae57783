/* bench-store.c: builds large stores and times listing them
 *
 *   bench-store build DIR N   make a store of N articles of realistic size
 *                             (2–4 KB each, one or two photos, a few
 *                             paragraphs), adding them 10,000 at a time
 *   bench-store list DIR      open the store and go through its list, as
 *                             the window and `copydesk-cli list` do
 *
 * Both print one line of "key=value" figures for tests/bench/run.sh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "cd-store.h"

#define BATCH 10000
#define N_PHOTO_FILES 12

static const char * const words[] = {
  "council", "budget", "harbour", "minister", "river", "school", "vote", "plan", "city",
  "workers", "market", "bridge", "report", "police", "court", "water", "energy", "farmers",
  "prices", "hospital", "election", "storm", "museum", "festival", "rail", "airport",
  "the", "a", "of", "to", "in", "and", "on", "for", "after", "before", "with", "said",
  "on Tuesday", "officials", "residents", "according", "new", "old", "local", "national",
};

static const char * const arabic_words[] = {
  "المجلس", "الميزانية", "الميناء", "الوزير", "النهر", "المدرسة", "التصويت", "الخطة",
  "المدينة", "العمال", "السوق", "الجسر", "التقرير", "في", "من", "على", "بعد", "قال",
};

static const char * const sections[] = { "News", "Business", "Sport", "Culture", "World" };
static const char * const tag_pool[] = {
  "politics", "economy", "transport", "health", "weather", "education", "energy", "courts",
};

static void
append_words (GString *text,
              GRand   *rand,
              gboolean arabic,
              guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      const char *word = arabic
        ? arabic_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (arabic_words))]
        : words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];

      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, word);
    }
}

static char *
make_text (GRand   *rand,
           gboolean arabic,
           guint    min_words,
           guint    max_words)
{
  GString *text = g_string_new (NULL);

  append_words (text, rand, arabic, (guint) g_rand_int_range (rand, min_words, max_words + 1));
  text->str[0] = g_ascii_toupper (text->str[0]);
  return g_string_free (text, FALSE);
}

static char *
make_body (GRand   *rand,
           gboolean arabic)
{
  GString *body = g_string_new (NULL);
  guint paragraphs = (guint) g_rand_int_range (rand, 3, 6);

  for (guint p = 0; p < paragraphs; p++)
    {
      g_autofree char *paragraph = make_text (rand, arabic, 30, 60);

      g_string_append_printf (body, "%s%s.", p ? "\n\n" : "", paragraph);
    }
  return g_string_free (body, FALSE);
}

static CdPhoto *
make_photo (GRand      *rand,
            const char *file)
{
  CdPhoto *photo = cd_photo_new ();
  g_autofree char *caption = make_text (rand, FALSE, 8, 16);

  cd_photo_set_caption (photo, caption);
  cd_photo_set_credit (photo, "Staff photo/Copydesk Agency");
  cd_photo_set_alt_text (photo, "A scene described for readers who cannot see it");
  cd_photo_set_file (photo, file);
  cd_photo_set_width (photo, 1600);
  cd_photo_set_height (photo, 1067);
  return photo;
}

static CdArticle *
make_article (GRand     *rand,
              GPtrArray *photo_files)
{
  CdArticle *article = cd_article_new ();
  gboolean arabic = g_rand_int_range (rand, 0, 10) == 0;
  g_autofree char *headline = make_text (rand, arabic, 6, 12);
  g_autofree char *standfirst = make_text (rand, arabic, 15, 30);
  g_autofree char *body = make_body (rand, arabic);
  const char *tags[4] = { NULL };
  guint n_tags = (guint) g_rand_int_range (rand, 1, 4);
  guint n_photos = (guint) g_rand_int_range (rand, 1, 3);

  for (guint i = 0; i < n_tags; i++)
    tags[i] = tag_pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (tag_pool))];
  cd_article_set_headline (article, headline);
  cd_article_set_standfirst (article, standfirst);
  cd_article_set_body (article, body);
  cd_article_set_byline (article, "By Staff Reporter");
  cd_article_set_dateline (article, arabic ? "بغداد" : "Harbourton");
  cd_article_set_language (article, arabic ? "ar" : "en");
  cd_article_set_section (article, sections[g_rand_int_range (rand, 0, G_N_ELEMENTS (sections))]);
  cd_article_set_tags (article, tags);
  cd_article_set_status (article, (CdArticleStatus) g_rand_int_range (rand, 0, 4));
  for (guint i = 0; i < n_photos; i++)
    {
      g_autoptr(CdPhoto) photo =
        make_photo (rand, g_ptr_array_index (photo_files,
                                             g_rand_int_range (rand, 0, (gint32) photo_files->len)));
      cd_article_add_photo (article, photo);
    }
  return article;
}

static GPtrArray *
add_photo_files (CdStore *store,
                 GRand   *rand)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *tmp = g_build_filename (g_get_tmp_dir (), "bench-store-photo.png", NULL);

  for (guint i = 0; i < N_PHOTO_FILES; i++)
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 160, 107);
      g_autoptr(GFile) file = g_file_new_for_path (tmp);
      g_autoptr(GError) error = NULL;
      char *name;

      gdk_pixbuf_fill (pixbuf, g_rand_int (rand) | 0xff);
      if (!gdk_pixbuf_save (pixbuf, tmp, "png", &error, NULL) ||
          (name = cd_store_add_photo_file (store, file, NULL, NULL, &error)) == NULL)
        g_error ("photo: %s", error->message);
      g_ptr_array_add (names, name);
    }
  g_unlink (tmp);
  return names;
}

static int
build (const char *dir,
       guint       n)
{
  g_autoptr(CdStore) store = cd_store_new (dir);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240314);
  g_autoptr(GPtrArray) photo_files = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 slowest_batch = 0;

  if (!cd_store_open (store, NULL, &error))
    g_error ("open: %s", error->message);
  photo_files = add_photo_files (store, rand);
  for (guint done = 0; done < n; done += BATCH)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
      gint64 batch_start;

      for (guint i = done; i < n && i < done + BATCH; i++)
        g_ptr_array_add (batch, make_article (rand, photo_files));
      batch_start = g_get_monotonic_time ();
      if (!cd_store_add_articles (store, batch, NULL, &error))
        g_error ("add: %s", error->message);
      slowest_batch = MAX (slowest_batch, g_get_monotonic_time () - batch_start);
    }
  printf ("articles=%u build_ms=%" G_GINT64_FORMAT " slowest_add_of_%u_ms=%" G_GINT64_FORMAT "\n",
          n, (g_get_monotonic_time () - start) / 1000, MIN (n, BATCH), slowest_batch / 1000);
  return 0;
}

static int
list (const char *dir)
{
  g_autoptr(CdStore) store = cd_store_new (dir);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 opened, iterated;
  gsize text = 0;
  guint n, problems;
  struct rusage usage;

  if (!cd_store_open (store, NULL, &error))
    g_error ("open: %s", error->message);
  opened = g_get_monotonic_time ();
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdArticleSummary) summary = g_list_model_get_item (G_LIST_MODEL (store), i);

      text += strlen (cd_article_summary_get_headline (summary));
    }
  iterated = g_get_monotonic_time ();
  problems = cd_store_get_problems (store)->len;
  g_clear_object (&store);
  getrusage (RUSAGE_SELF, &usage);
  printf ("items=%u open_ms=%.1f iterate_ms=%.1f free_ms=%.1f headline_bytes=%" G_GSIZE_FORMAT
          " problems=%u maxrss_kb=%ld\n",
          n, (opened - start) / 1000.0, (iterated - opened) / 1000.0,
          (g_get_monotonic_time () - iterated) / 1000.0, text, problems, usage.ru_maxrss);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "build"))
    return build (argv[2], (guint) atoi (argv[3]));
  if (argc == 3 && g_str_equal (argv[1], "list"))
    return list (argv[2]);
  fprintf (stderr, "usage: bench-store build DIR N | bench-store list DIR\n");
  return 2;
}

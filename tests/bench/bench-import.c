/* bench-import.c: how long importing page copy into a store takes
 *
 *   bench-import generate FILE N     write N invented articles of page copy
 *   bench-import import FILE STORE   import FILE into a new store at STORE
 *   bench-import parse FILE          only parse, build and hash the articles
 *
 * The articles are made of invented words, every one different, with the
 * full page-copy header (captions, widgets, headline and captions again)
 * and about 4.5 kB each, so that 10,000 of them make about 45 MB.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "cd-importer.h"
#include "cd-page-copy-parser.h"

static const char * const syllables[] = {
  "ka", "lo", "mer", "tin", "sa", "vor", "el", "an", "dri", "pol", "ru", "ne", "ost",
  "bra", "fel", "gi", "ham", "jo", "kle", "mun", "or", "pe", "qua", "ris", "sto", "ul",
  "ven", "wa", "yel", "zan", "ber", "cor", "dun", "ef", "gar", "hol", "is", "lan",
};

static const char * const credits[] = {
  "AFP/Getty Images", "Reuters", "AP Photo", "Staff photo", "EPA-EFE", "رويترز", "أ.ف.ب",
};

static void
append_word (GString *out,
             GRand   *rand)
{
  guint n = g_rand_int_range (rand, 1, 4);

  for (guint i = 0; i < n; i++)
    g_string_append (out, syllables[g_rand_int_range (rand, 0, G_N_ELEMENTS (syllables))]);
}

static char *
make_sentence (GRand *rand,
               guint  words)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < words; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      append_word (out, rand);
    }
  out->str[0] = g_ascii_toupper (out->str[0]);
  return g_string_free (out, FALSE);
}

/* Appends a paragraph wrapped at about 72 columns, as saved pages are. */
static void
append_paragraph (GString *out,
                  GRand   *rand,
                  guint    words)
{
  guint column = 0;

  for (guint i = 0; i < words; i++)
    {
      gsize before = out->len;

      if (i > 0)
        {
          if (column > 72)
            {
              g_string_append_c (out, '\n');
              column = 0;
            }
          else
            g_string_append_c (out, ' ');
        }
      append_word (out, rand);
      column += out->len - before;
    }
  g_string_append (out, ".\n");
}

static void
append_article (GString *out,
                GRand   *rand,
                guint    index)
{
  g_autofree char *headline = make_sentence (rand, 8);
  g_autoptr(GPtrArray) captions = g_ptr_array_new_with_free_func (g_free);
  guint n_photos = g_rand_int_range (rand, 1, 4);
  guint n_paragraphs = g_rand_int_range (rand, 7, 11);

  for (guint i = 0; i < n_photos; i++)
    {
      g_autofree char *caption = make_sentence (rand, 10);
      g_ptr_array_add (captions,
                       g_strdup_printf ("%s %u (%s)", caption, index,
                                        credits[g_rand_int_range (rand, 0,
                                                                  G_N_ELEMENTS (credits))]));
    }

  g_string_append_printf (out, "%s\n\n", headline);
  /* the first caption doubled, as pages print it */
  g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (captions, 0));
  for (guint i = 0; i < captions->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (captions, i));
  g_string_append_printf (out, "TT\n%u\n\n%s\n\n", g_rand_int_range (rand, 0, 5000), headline);
  for (guint i = 0; i < captions->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (captions, i));
  for (guint i = 0; i < n_paragraphs; i++)
    {
      g_string_append_c (out, '\n');
      append_paragraph (out, rand, g_rand_int_range (rand, 60, 110));
    }
  g_string_append (out, "\n\n");
}

static int
generate (const char *path,
          guint       n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  g_autoptr(GError) error = NULL;
  FILE *file = fopen (path, "w");

  if (file == NULL)
    {
      g_printerr ("%s: cannot write\n", path);
      return 1;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) article = g_string_new (NULL);

      append_article (article, rand, i);
      fwrite (article->str, 1, article->len, file);
    }
  if (fclose (file) != 0)
    {
      g_printerr ("%s: write failed\n", path);
      return 1;
    }
  return 0;
}

/* How long this filesystem takes to create @n small files in @dir: the
 * floor under any store that keeps one file per article. */
static double
time_file_creation (const char *dir,
                    guint       n)
{
  static const char text[4096];
  gint64 start = g_get_monotonic_time ();

  g_mkdir_with_parents (dir, 0755);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s/%u.tmp", dir, i);
      g_file_set_contents (name, text, sizeof text, NULL);
    }
  return (g_get_monotonic_time () - start) / 1e6;
}

static int
import (const char *path,
        const char *store_path)
{
  g_autoptr(CdStore) store = cd_store_new (store_path);
  g_autoptr(CdImporter) importer = NULL;
  g_autoptr(CdImportReport) report = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  gint64 start, end;

  if (!cd_store_open (store, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  importer = cd_importer_new (store);

  start = g_get_monotonic_time ();
  report = cd_importer_import_files (importer, &file, 1, NULL, &error);
  end = g_get_monotonic_time ();
  if (report == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  getrusage (RUSAGE_SELF, &usage);
  g_print ("import: %.2f s for %u articles (%u flagged as near-duplicates, %u skipped "
           "as duplicates)\n"
           "        CPU %.2f s user + %.2f s system; peak memory %ld MB\n",
           (end - start) / 1e6,
           cd_import_report_count (report, CD_IMPORT_ENTRY_ADDED) +
           cd_import_report_count (report, CD_IMPORT_ENTRY_NEAR_DUPLICATE),
           cd_import_report_count (report, CD_IMPORT_ENTRY_NEAR_DUPLICATE),
           cd_import_report_count (report, CD_IMPORT_ENTRY_DUPLICATE),
           usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6,
           usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6,
           usage.ru_maxrss / 1024);
  {
    g_autofree char *probe = g_strconcat (store_path, "-probe", NULL);
    g_print ("files:  %.2f s to create %u files of 4 kB beside the store "
             "(this disk's floor for one file per article)\n",
             time_file_creation (probe, g_list_model_get_n_items (G_LIST_MODEL (store))),
             g_list_model_get_n_items (G_LIST_MODEL (store)));
  }
  return 0;
}

/* The importer's own work without the store: parse, build each article,
 * hash it for the duplicate checks. */
static int
parse (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(CdPageCopyParser) parser = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  CdParsedArticle *next;
  struct rusage usage;
  gint64 start, parsed, end;

  start = g_get_monotonic_time ();
  stream = g_file_read (file, NULL, &error);
  if (stream == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  parser = cd_page_copy_parser_new (G_INPUT_STREAM (stream), "en");
  while ((next = cd_page_copy_parser_next (parser, NULL, &error)))
    {
      g_autoptr(CdParsedArticle) article = next;
      g_ptr_array_add (articles, cd_parsed_article_to_article (article));
    }
  if (error)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  parsed = g_get_monotonic_time ();
  for (guint i = 0; i < articles->len; i++)
    {
      g_autofree char *fingerprint = cd_article_dup_fingerprint (g_ptr_array_index (articles, i));
      cd_article_get_simhash (g_ptr_array_index (articles, i));
    }
  end = g_get_monotonic_time ();
  getrusage (RUSAGE_SELF, &usage);
  g_print ("parse:  %.2f s to parse and build %u articles, %.2f s to hash them "
           "(one thread each); peak memory %ld MB\n",
           (parsed - start) / 1e6, articles->len, (end - parsed) / 1e6,
           usage.ru_maxrss / 1024);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "generate"))
    return generate (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10));
  if (argc == 4 && g_str_equal (argv[1], "import"))
    return import (argv[2], argv[3]);
  if (argc == 3 && g_str_equal (argv[1], "parse"))
    return parse (argv[2]);

  g_printerr ("usage: %s generate FILE N\n"
              "       %s import FILE STORE\n"
              "       %s parse FILE\n", argv[0], argv[0], argv[0]);
  return 2;
}

/* cd-cli-photos.c: photo add, set, list, remove, move and prune
 *
 * Photos are numbered from 1 in the article's order, as "photo list"
 * prints them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-cli.h"
#include "cd-util.h"

typedef struct
{
  char *caption;
  char *credit;
  char *alt;
  char *photographer;
  char *file;
} PhotoOptions;

static void
photo_options_clear (PhotoOptions *options)
{
  g_free (options->caption);
  g_free (options->credit);
  g_free (options->alt);
  g_free (options->photographer);
  g_free (options->file);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PhotoOptions, photo_options_clear)

static GOptionContext *
photo_context_new (const char   *command,
                   const char   *parameter,
                   const char   *summary,
                   PhotoOptions *options)
{
  const GOptionEntry entries[] = {
    /* FILENAME keeps the bytes as given, whatever the locale (STRING fails
     * on any accent under LC_ALL=C); options_are_valid() checks UTF-8. */
    { "caption", 0, 0, G_OPTION_ARG_FILENAME, &options->caption, N_("The caption"), N_("TEXT") },
    { "credit", 0, 0, G_OPTION_ARG_FILENAME, &options->credit,
      N_("Who the photo is credited to, e.g. “AFP/Getty Images”"), N_("TEXT") },
    { "alt", 0, 0, G_OPTION_ARG_FILENAME, &options->alt,
      N_("Alternative text for readers who cannot see the image"), N_("TEXT") },
    { "photographer", 0, 0, G_OPTION_ARG_FILENAME, &options->photographer,
      N_("The photographer's name"), N_("NAME") },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &options->file,
      N_("An image file to copy into the store"), N_("IMAGE") },
    { NULL }
  };

  return cd_cli_context_new (command, parameter, summary, entries);
}

/* Valid UTF-8, one line each, and a caption that says something:
 * "photo list" prints one photo a line. */
static gboolean
options_are_valid (PhotoOptions  *options,
                   GError       **error)
{
  const char *texts[] = { options->caption, options->credit, options->alt,
                          options->photographer };
  const char *names[] = { "--caption", "--credit", "--alt", "--photographer" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (texts[i] && !cd_cli_check_utf8 (names[i], texts[i], error))
        return FALSE;
      if (texts[i] && !cd_cli_is_one_line (texts[i]))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* Translators: %s is an option as typed on the
                        * command line, such as --caption: not to be
                        * translated */
                       _("The value of %s must be one line; it holds a line break"),
                       names[i]);
          return FALSE;
        }
    }
  if (options->caption && cd_str_is_blank (options->caption))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("The caption cannot be empty"));
      return FALSE;
    }
  return TRUE;
}

/* Copies the image in first, so that a bad image changes nothing. */
static gboolean
apply_options (CdStore       *store,
               CdPhoto       *photo,
               PhotoOptions  *options,
               GError       **error)
{
  if (options->file)
    {
      g_autoptr(GFile) source = g_file_new_for_commandline_arg (options->file);
      g_autofree char *name = NULL;
      guint width = 0, height = 0;

      name = cd_store_add_photo_file (store, source, &width, &height, error);
      if (name == NULL)
        return FALSE;
      cd_photo_set_file (photo, name);
      cd_photo_set_width (photo, width);
      cd_photo_set_height (photo, height);
    }
  if (options->caption)
    cd_photo_set_caption (photo, options->caption);
  if (options->credit)
    cd_photo_set_credit (photo, options->credit);
  if (options->alt)
    cd_photo_set_alt_text (photo, options->alt);
  if (options->photographer)
    cd_photo_set_photographer (photo, options->photographer);
  return TRUE;
}

/* A photo number as "photo list" prints it: 1, 2, … */
static gboolean
parse_photo_number (const char *text,
                    guint      *number)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, NULL))
    return FALSE;
  *number = (guint) value;
  return TRUE;
}

static gboolean
photo_exists (CdArticle  *article,
              guint       number,
              GError    **error)
{
  guint n = cd_article_get_n_photos (article);

  if (number <= n)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               /* Translators: the article's id, how many photos it has,
                * then the photo number asked for, which is greater */
               ngettext ("Article %s has %u photo; there is no photo %u",
                         "Article %s has %u photos; there is no photo %u", n),
               cd_article_get_id (article), n, number);
  return FALSE;
}

static int
photo_add (CdCli  *cli,
           int     argc,
           char  **argv)
{
  g_auto(PhotoOptions) options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(CdPhoto) photo = NULL;
  g_autoptr(GError) error = NULL;
  CdStore *store;
  int status;

  context = photo_context_new ("photo add", _("ID"), _("Add a photo to an article."), &options);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return cd_cli_usage_error (context, _("Give exactly one article id"));
  if (options.caption == NULL)
    return cd_cli_usage_error (context, _("A photo needs --caption TEXT"));
  if (!options_are_valid (&options, &error))
    return cd_cli_usage_error (context, "%s", error->message);

  if ((article = cd_cli_load_article (cli, argv[1], &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));
  store = cli->store;

  photo = cd_photo_new ();
  if (!apply_options (store, photo, &options, &error))
    return cd_cli_fail (g_steal_pointer (&error));
  cd_article_add_photo (article, photo);
  if (!cd_store_save_article (store, article, NULL, &error))
    return cd_cli_fail (g_steal_pointer (&error));
  cd_cli_print ("%u\n", cd_article_get_n_photos (article));
  return CD_CLI_OK;
}

static int
photo_set (CdCli  *cli,
           int     argc,
           char  **argv)
{
  g_auto(PhotoOptions) options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  CdStore *store;
  guint number;
  int status;

  context = photo_context_new ("photo set", _("ID N"),
                               _("Change photo N (counting from 1) of an article."), &options);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return cd_cli_usage_error (context, _("Give an article id and a photo number"));
  if (!parse_photo_number (argv[2], &number))
    return cd_cli_usage_error (context, _("“%s” is not a photo number (1, 2, …)"), argv[2]);
  if (!options.caption && !options.credit && !options.alt && !options.photographer &&
      !options.file)
    return cd_cli_usage_error (context, _("Give what to change: --caption, --credit, --alt, "
                                          "--photographer or --file"));
  if (!options_are_valid (&options, &error))
    return cd_cli_usage_error (context, "%s", error->message);

  if ((article = cd_cli_load_article (cli, argv[1], &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));
  store = cli->store;
  if (!photo_exists (article, number, &error))
    return cd_cli_fail (g_steal_pointer (&error));
  if (!apply_options (store, cd_article_get_photo (article, number - 1), &options,
                      &error) ||
      !cd_store_save_article (store, article, NULL, &error))
    return cd_cli_fail (g_steal_pointer (&error));
  return CD_CLI_OK;
}

static int
photo_list (CdCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  context = cd_cli_context_new ("photo list", _("ID"),
                                _("List the photos of an article, one line each, in columns "
                                  "separated by tabs: number, credit, caption and image file. "
                                  "A photo without a credit or an image has that column "
                                  "empty."), NULL);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return cd_cli_usage_error (context, _("Give exactly one article id"));
  if ((article = cd_cli_load_article (cli, argv[1], &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));

  for (guint i = 0; i < cd_article_get_n_photos (article); i++)
    {
      CdPhoto *photo = cd_article_get_photo (article, i);
      const char *credit = cd_photo_get_credit (photo);
      /* For scripts: "show" is where a person reads what is missing. */
      g_autofree char *credit_field = cd_cli_tsv_field (cd_str_is_blank (credit) ? NULL : credit);
      g_autofree char *caption_field = cd_cli_tsv_field (cd_photo_get_caption (photo));
      g_autofree char *file_field = cd_cli_tsv_field (cd_photo_get_file (photo));

      cd_cli_print ("%u\t%s\t%s\t%s\n", i + 1, credit_field, caption_field, file_field);
    }
  return CD_CLI_OK;
}

/* The photo leaves the article; its image file stays in photos/: another
 * photo may use it, and the window may still hold a version of the
 * article that shows it. "photo prune" (or "trash empty") deletes it
 * later, once nothing names it. */
static int
photo_remove (CdCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *caption = NULL;
  guint number;
  int status;

  context = cd_cli_context_new ("photo remove", _("ID N"),
                                _("Remove photo N (as “photo list” numbers it) from an "
                                  "article; the photos after it move up. The image file "
                                  "stays in the store until “photo prune” finds that "
                                  "nothing uses it."), NULL);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return cd_cli_usage_error (context, _("Give an article id and a photo number"));
  if (!parse_photo_number (argv[2], &number))
    return cd_cli_usage_error (context, _("“%s” is not a photo number (1, 2, …)"), argv[2]);

  if ((article = cd_cli_load_article (cli, argv[1], &error)) == NULL ||
      !photo_exists (article, number, &error))
    return cd_cli_fail (g_steal_pointer (&error));
  caption = g_strdup (cd_photo_get_caption (cd_article_get_photo (article, number - 1)));
  cd_article_remove_photo (article, number - 1);
  if (!cd_store_save_article (cli->store, article, NULL, &error))
    return cd_cli_fail (g_steal_pointer (&error));
  cd_cli_print (_("Removed photo %u (“%s”)\n"), number, caption);
  return CD_CLI_OK;
}

static int
photo_move (CdCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  guint from, to;
  int status;

  context = cd_cli_context_new ("photo move", _("ID N TO"),
                                _("Move photo N of an article to place TO; the photos "
                                  "between shift by one. “photo move ID 3 1” makes photo 3 "
                                  "the first."), NULL);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 4)
    return cd_cli_usage_error (context, _("Give an article id, a photo number and its new "
                                          "place"));
  if (!parse_photo_number (argv[2], &from))
    return cd_cli_usage_error (context, _("“%s” is not a photo number (1, 2, …)"), argv[2]);
  if (!parse_photo_number (argv[3], &to))
    return cd_cli_usage_error (context, _("“%s” is not a place (1, 2, …)"), argv[3]);

  if ((article = cd_cli_load_article (cli, argv[1], &error)) == NULL ||
      !photo_exists (article, from, &error) || !photo_exists (article, to, &error))
    return cd_cli_fail (g_steal_pointer (&error));
  if (from == to)
    return CD_CLI_OK;
  cd_article_move_photo (article, from - 1, to - 1);
  if (!cd_store_save_article (cli->store, article, NULL, &error))
    return cd_cli_fail (g_steal_pointer (&error));
  return CD_CLI_OK;
}

static void
print_pruned (char     **names,
              guint64    n_bytes,
              gboolean   dry_run)
{
  g_autofree char *size = g_format_size_full (n_bytes, G_FORMAT_SIZE_LONG_FORMAT);
  guint n = g_strv_length (names);

  for (guint i = 0; names[i]; i++)
    if (dry_run)
      /* Translators: %s is an image file's name in the store's photos folder */
      cd_cli_print (_("Would remove photos/%s\n"), names[i]);
    else
      /* Translators: %s is an image file's name in the store's photos folder */
      cd_cli_print (_("Removed photos/%s\n"), names[i]);
  if (n == 0)
    cd_cli_print (_("No image file in photos/ is unused; nothing to remove.\n"));
  else if (dry_run)
    /* Translators: %s is a size, e.g. “1.2 MB (1,234,567 bytes)” */
    cd_cli_print (ngettext ("%u unused image file would be removed, freeing %s.\n",
                            "%u unused image files would be removed, freeing %s.\n", n),
                  n, size);
  else
    /* Translators: %s is a size, e.g. “1.2 MB (1,234,567 bytes)” */
    cd_cli_print (ngettext ("%u unused image file was removed, freeing %s.\n",
                            "%u unused image files were removed, freeing %s.\n", n),
                  n, size);
}

/* Garbage collection of photos/: what "photo remove" left behind. */
static int
photo_prune (CdCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  gboolean dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Only list the image files that would be removed"), NULL },
    { NULL }
  };
  CdStore *store;
  guint64 n_bytes = 0;
  int status;

  context = cd_cli_context_new ("photo prune", NULL,
                                _("Remove the image files in the store's photos folder that "
                                  "no article uses, neither in the store nor in the trash, "
                                  "and say how much space that freed."), entries);
  g_option_context_set_description (context,
                                    _("Removing a photo from an article leaves its image file "
                                      "in the store, so that undo and restore still find it; "
                                      "this removes such files once nothing uses them. Image "
                                      "files copied into the store during the last day stay, "
                                      "as the article that uses one may not be saved yet; so "
                                      "do those removed from an article during the last day, "
                                      "as the removal may still be undone, and files the "
                                      "store did not name itself. "
                                      "“trash empty” does the same after it deletes "
                                      "articles."));
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return cd_cli_usage_error (context, _("Unexpected argument “%s”"), argv[1]);
  if ((store = cd_cli_open_store (cli, &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));

  names = cd_store_prune_photos (store, dry_run ? CD_STORE_PRUNE_DRY_RUN : CD_STORE_PRUNE_NONE,
                                 &n_bytes, NULL, &error);
  if (names == NULL)
    return cd_cli_fail (g_steal_pointer (&error));
  print_pruned (names, n_bytes, dry_run);
  return CD_CLI_OK;
}

static const CdCliSubcommand photo_subcommands[] = {
  { "add", photo_add },
  { "set", photo_set },
  { "list", photo_list },
  { "remove", photo_remove },
  { "move", photo_move },
  { "prune", photo_prune },
};

int
cd_cli_photo (CdCli  *cli,
              int     argc,
              char  **argv)
{
  return cd_cli_run_subcommand (cli, photo_subcommands, G_N_ELEMENTS (photo_subcommands),
                                _("Usage:\n"
                                  "  copydesk-cli photo add ID --caption TEXT [--credit TEXT] "
                                  "[--alt TEXT] [--photographer NAME] [--file IMAGE]\n"
                                  "  copydesk-cli photo set ID N [the same options]\n"
                                  "  copydesk-cli photo list ID\n"
                                  "  copydesk-cli photo remove ID N\n"
                                  "  copydesk-cli photo move ID N TO\n"
                                  "  copydesk-cli photo prune [--dry-run]\n"
                                  "\n"
                                  "N counts from 1, as “photo list” numbers the photos.\n"),
                                argc, argv);
}

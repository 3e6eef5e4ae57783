/* cd-cli-trash.c: trash (list), trash empty
 *
 * "delete" moves an article to the trash and "restore" brings it back;
 * only "trash empty" deletes for good, and only when told --yes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "cd-cli.h"
#include "cd-util.h"

/* A trashed article and when it went to the trash. */
typedef struct
{
  CdArticleSummary *summary;
  GDateTime *trashed;
} Trashed;

static void
trashed_free (Trashed *item)
{
  g_object_unref (item->summary);
  g_date_time_unref (item->trashed);
  g_free (item);
}

static int
compare_trashed (gconstpointer a,
                 gconstpointer b)
{
  const Trashed *first = *(const Trashed * const *) a;
  const Trashed *second = *(const Trashed * const *) b;

  return g_date_time_compare (second->trashed, first->trashed);
}

/* Problems the store noted since the first, already printed, ones. */
static void
print_problems_from (CdStore *store,
                     guint    first)
{
  GPtrArray *problems = cd_store_get_problems (store);

  for (guint i = first; problems && i < problems->len; i++)
    g_printerr ("copydesk-cli: %s\n", (const char *) g_ptr_array_index (problems, i));
}

/* The articles in the trash trashed before the cut-off (all for NULL),
 * most recently trashed first. The trashed files that do not load are
 * reported on standard error. */
static GPtrArray *
read_trash (CdStore    *store,
            GDateTime  *cut_off,
            GError    **error)
{
  GPtrArray *problems = cd_store_get_problems (store);
  guint n_problems = problems ? problems->len : 0;
  g_autoptr(GPtrArray) summaries = cd_store_list_trash (store, error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) trashed_free);

  if (summaries == NULL)
    return NULL;
  /* Trashed files that do not load: named, not hidden. */
  print_problems_from (store, n_problems);
  for (guint i = 0; i < summaries->len; i++)
    {
      CdArticleSummary *summary = g_ptr_array_index (summaries, i);
      g_autoptr(GDateTime) trashed = NULL;
      g_autoptr(GError) local_error = NULL;
      Trashed *item;

      trashed = cd_store_get_trashed_time (store, cd_article_summary_get_id (summary),
                                           &local_error);
      /* Restored or emptied by another program meanwhile: not in the trash. */
      if (g_error_matches (local_error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND))
        {
          g_clear_error (&local_error);
          continue;
        }
      if (trashed == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (cut_off && g_date_time_compare (trashed, cut_off) >= 0)
        continue;
      item = g_new0 (Trashed, 1);
      item->summary = g_object_ref (summary);
      item->trashed = g_steal_pointer (&trashed);
      g_ptr_array_add (items, item);
    }
  g_ptr_array_sort (items, compare_trashed);
  return g_steal_pointer (&items);
}

static void
print_trashed_line (Trashed *item)
{
  g_autofree char *when = cd_cli_format_time (item->trashed);

  cd_cli_print ("%s  %s  %s\n", cd_article_summary_get_id (item->summary), when,
                cd_article_summary_get_headline (item->summary));
}

static JsonNode *
trashed_to_json (Trashed *item)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *trashed = cd_datetime_to_rfc3339 (item->trashed);
  g_autoptr(GDateTime) modified_time = cd_article_summary_dup_modified (item->summary);
  g_autofree char *modified = cd_datetime_to_rfc3339 (modified_time);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, cd_article_summary_get_id (item->summary));
  json_builder_set_member_name (builder, "trashed");
  json_builder_add_string_value (builder, trashed);
  json_builder_set_member_name (builder, "modified");
  json_builder_add_string_value (builder, modified);
  json_builder_set_member_name (builder, "headline");
  json_builder_add_string_value (builder, cd_article_summary_get_headline (item->summary));
  json_builder_set_member_name (builder, "photos");
  json_builder_add_int_value (builder, cd_article_summary_get_n_photos (item->summary));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_json (GPtrArray *items)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonArray) array = json_array_new ();
  g_autofree char *text = NULL;

  for (guint i = 0; i < items->len; i++)
    json_array_add_element (array, trashed_to_json (g_ptr_array_index (items, i)));
  json_node_set_array (root, array);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  cd_cli_print ("%s\n", text);
}

static int
trash_list (CdCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  CdStore *store;
  int status;

  context = cd_cli_context_new ("trash list", NULL,
                                _("List the articles in the trash, most recently trashed "
                                  "first: id, when it was trashed (UTC) and headline."),
                                entries);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return cd_cli_usage_error (context, _("Unexpected argument “%s”"), argv[1]);
  if ((store = cd_cli_open_store (cli, &error)) == NULL ||
      (items = read_trash (store, NULL, &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));

  if (as_json)
    print_json (items);
  else
    g_ptr_array_foreach (items, (GFunc) print_trashed_line, NULL);
  /* Said on standard error: what scripts read stays one line an article. */
  if (items->len == 0 && !as_json)
    g_printerr ("%s\n", _("The trash is empty."));
  return CD_CLI_OK;
}

/* "30", "0.5": days as a number; FALSE for anything else. */
static gboolean
parse_days (const char *text,
            double     *days)
{
  char *end = NULL;
  double value;

  if (text == NULL || *text == '\0')
    return FALSE;
  value = g_ascii_strtod (text, &end);
  if (*end != '\0' || !isfinite (value) || value < 0 || value > 1e6)
    return FALSE;
  *days = value;
  return TRUE;
}

static void
print_deleted (GPtrArray  *items,
               char      **ids,
               guint       n_images)
{
  guint n = g_strv_length (ids);

  for (guint i = 0; ids[i]; i++)
    {
      const char *headline = NULL;

      for (guint j = 0; j < items->len && headline == NULL; j++)
        {
          Trashed *item = g_ptr_array_index (items, j);

          if (g_str_equal (cd_article_summary_get_id (item->summary), ids[i]))
            headline = cd_article_summary_get_headline (item->summary);
        }
      /* Translators: the article's id, then its headline; a trashed file
       * that did not load has no headline and shows “(did not load)” */
      cd_cli_print (_("Deleted %s  %s\n"), ids[i], headline ? headline : _("(did not load)"));
    }
  cd_cli_print (ngettext ("%u article deleted for good\n", "%u articles deleted for good\n", n),
                n);
  if (n_images > 0)
    cd_cli_print (ngettext ("%u image file that no other article uses was deleted too\n",
                            "%u image files that no other article uses were deleted too\n",
                            n_images), n_images);
}

static int
trash_empty (CdCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) cut_off = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *older_than = NULL;
  g_auto(GStrv) ids = NULL;
  gboolean yes = FALSE, dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "older-than", 0, 0, G_OPTION_ARG_STRING, &older_than,
      N_("Only the articles trashed more than DAYS days ago (0.5 is twelve hours)"),
      N_("DAYS") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Delete for good: there is no undo"), NULL },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Only list what would be deleted"), NULL },
    { NULL }
  };
  CdStore *store;
  guint n_images = 0;
  double days = 0;
  int status;

  context = cd_cli_context_new ("trash empty", NULL,
                                _("Delete the articles in the trash for good, with the "
                                  "image files that no other article uses. Nothing asks "
                                  "for confirmation: give --yes, or --dry-run to see what "
                                  "would go."), entries);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return cd_cli_usage_error (context, _("Unexpected argument “%s”"), argv[1]);
  if (older_than && !parse_days (older_than, &days))
    return cd_cli_usage_error (context, _("--older-than takes a number of days, such as 30; "
                                          "“%s” is not one"), older_than);
  if (yes && dry_run)
    return cd_cli_usage_error (context, _("Give --yes or --dry-run, not both"));
  if (!yes && !dry_run)
    return cd_cli_usage_error (context, _("“trash empty” deletes for good: give --yes to go "
                                          "ahead, or --dry-run to see what it would delete"));

  if (older_than)
    cut_off = g_date_time_add_seconds (now, -days * 24 * 60 * 60);
  if ((store = cd_cli_open_store (cli, &error)) == NULL ||
      (items = read_trash (store, cut_off, &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));
  if (dry_run)
    {
      g_ptr_array_foreach (items, (GFunc) print_trashed_line, NULL);
      return CD_CLI_OK;
    }
  ids = cd_store_empty_trash (store, cut_off, &n_images, NULL, &error);
  if (ids == NULL)
    return cd_cli_fail (g_steal_pointer (&error));
  print_deleted (items, ids, n_images);
  return CD_CLI_OK;
}

static const CdCliSubcommand trash_subcommands[] = {
  { "list", trash_list },
  { "empty", trash_empty },
};

/* "trash" alone, or with options only, lists. */
int
cd_cli_trash (CdCli  *cli,
              int     argc,
              char  **argv)
{
  if (argc < 2 || (argv[1][0] == '-' && !g_str_equal (argv[1], "--help") &&
                   !g_str_equal (argv[1], "-h")))
    return trash_list (cli, argc, argv);
  return cd_cli_run_subcommand (cli, trash_subcommands, G_N_ELEMENTS (trash_subcommands),
                                _("Usage:\n"
                                  "  copydesk-cli trash [list] [--json]\n"
                                  "  copydesk-cli trash empty [--older-than DAYS] "
                                  "(--yes | --dry-run)\n"
                                  "\n"
                                  "“delete ID” moves an article to the trash and “restore ID” "
                                  "brings it back; “trash empty” deletes for good.\n"),
                                argc, argv);
}

/* cd-cli-export.c: export and check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>

#include "cd-cli.h"
#include "cd-exporter.h"

/* Resolves every id before writing anything, so that a wrong id gives an
 * error and no partial output. */
static GPtrArray *
resolve_ids (CdStore  *store,
             int       argc,
             char    **argv,
             GError  **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  if (argc <= 1)
    {
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
        {
          g_autoptr(GObject) summary = g_list_model_get_item (G_LIST_MODEL (store), i);
          char *id = NULL;

          g_object_get (summary, "id", &id, NULL);
          g_ptr_array_add (ids, id);
        }
      return g_steal_pointer (&ids);
    }

  for (int i = 1; i < argc; i++)
    {
      char *id = cd_store_resolve_id (store, argv[i], error);
      if (id == NULL)
        return NULL;
      g_ptr_array_add (ids, id);
    }
  return g_steal_pointer (&ids);
}

int
cd_cli_export (CdCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(CdExporter) exporter = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *photos_uri = NULL;
  CdExportFormat format = CD_EXPORT_FORMAT_NINJS;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("ninjs (default), html, markdown or text"), N_("FORMAT") },
    { NULL }
  };
  CdStore *store;
  int status;

  context = cd_cli_context_new (argv[0], _("[ID…]"),
                                _("Write articles to standard output, newest first; all "
                                  "articles when no id is given."), entries);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (format_name && !cd_export_format_from_string (format_name, &format, &error))
    return cd_cli_usage_error (context, "%s", error->message);

  if ((store = cd_cli_open_store (cli, &error)) == NULL ||
      (ids = resolve_ids (store, argc, argv, &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));

  photos_uri = cd_store_dup_photos_uri (store);
  exporter = cd_exporter_new (format, photos_uri);
  out = g_unix_output_stream_new (1, FALSE);
  if (!cd_exporter_begin (exporter, out, NULL, &error))
    return cd_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CdArticle) article = cd_store_load_article (store, g_ptr_array_index (ids, i),
                                                            NULL, &error);
      if (article == NULL || !cd_exporter_add (exporter, article, NULL, &error))
        return cd_cli_fail (g_steal_pointer (&error));
    }
  if (!cd_exporter_end (exporter, NULL, &error))
    return cd_cli_fail (g_steal_pointer (&error));
  return CD_CLI_OK;
}

/* Photos whose image file is gone from photos/: the article still names
 * it, and every export would link to nothing. */
static guint
report_missing_images (CdStore *store)
{
  guint n_missing = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(CdArticleSummary) summary = g_list_model_get_item (G_LIST_MODEL (store), i);
      g_autoptr(CdArticle) article = NULL;

      if (cd_article_summary_get_n_photos (summary) == 0)
        continue;
      article = cd_store_load_article (store, cd_article_summary_get_id (summary), NULL, NULL);
      for (guint p = 0; article && p < cd_article_get_n_photos (article); p++)
        {
          const char *name = cd_photo_get_file (cd_article_get_photo (article, p));
          g_autoptr(GFile) file = name ? cd_store_get_photo_file (store, name) : NULL;

          if (file == NULL || g_file_query_exists (file, NULL))
            continue;
          g_printerr (_("copydesk-cli: article %s, photo %u: its image file photos/%s is "
                        "missing\n"), cd_article_get_id (article), p + 1, name);
          n_missing++;
        }
    }
  return n_missing;
}

int
cd_cli_check (CdCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;
  CdStore *store;
  guint n_problems, n_missing;
  int status;

  context = cd_cli_context_new (argv[0], NULL,
                                _("Read every file of the store, move damaged ones to "
                                  "quarantine/ (nothing is deleted) and rebuild the index."),
                                NULL);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return cd_cli_usage_error (context, _("Unexpected argument “%s”"), argv[1]);
  if ((store = cd_cli_open_store (cli, &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));
  /* Problems found while opening were printed already; the check reads
   * every file, which the index let opening skip, and reports anew. */
  n_problems = cd_store_get_problems (store) ? cd_store_get_problems (store)->len : 0;
  if (!cd_store_check (store, NULL, &error))
    return cd_cli_fail (g_steal_pointer (&error));

  problems = cd_store_get_problems (store);
  for (guint i = 0; problems && i < problems->len; i++)
    g_printerr ("copydesk-cli: %s\n", (const char *) g_ptr_array_index (problems, i));
  n_problems += problems ? problems->len : 0;
  n_missing = report_missing_images (store);
  if (n_problems > 0)
    cd_cli_print (ngettext ("%u damaged file found; see %s/quarantine\n",
                            "%u damaged files found; see %s/quarantine\n", n_problems),
                  n_problems, cd_store_get_path (store));
  if (n_missing > 0)
    cd_cli_print (ngettext ("%u photo has lost its image file\n",
                            "%u photos have lost their image files\n", n_missing), n_missing);
  if (n_problems > 0 || n_missing > 0)
    return CD_CLI_FAILED;
  cd_cli_print (ngettext ("The store is sound: %u article\n", "The store is sound: %u articles\n",
                          g_list_model_get_n_items (G_LIST_MODEL (store))),
                g_list_model_get_n_items (G_LIST_MODEL (store)));
  return CD_CLI_OK;
}

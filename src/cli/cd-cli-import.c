/* cd-cli-import.c: import FILE… into the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-cli.h"
#include "cd-importer.h"

static void
print_report (CdImportReport *report)
{
  GPtrArray *entries = cd_import_report_get_entries (report);
  guint added = cd_import_report_count (report, CD_IMPORT_ENTRY_ADDED);
  guint near = cd_import_report_count (report, CD_IMPORT_ENTRY_NEAR_DUPLICATE);
  guint duplicates = cd_import_report_count (report, CD_IMPORT_ENTRY_DUPLICATE);

  /* One line per finding, each naming the file and line it came from. */
  for (guint i = 0; i < entries->len; i++)
    {
      g_autofree char *line = cd_import_entry_format (g_ptr_array_index (entries, i));
      cd_cli_print ("%s\n", line);
    }

  /* The summary: one whole sentence a line, each with its own count. */
  cd_cli_print (ngettext ("%u article added.\n", "%u articles added.\n", added + near),
                added + near);
  if (near > 0)
    cd_cli_print (ngettext ("%u of them resembles an article in the store and is marked as a "
                            "possible duplicate.\n",
                            "%u of them resemble articles in the store and are marked as "
                            "possible duplicates.\n", near), near);
  if (duplicates > 0)
    cd_cli_print (ngettext ("%u article was already in the store and was not added again.\n",
                            "%u articles were already in the store and were not added again.\n",
                            duplicates),
                  duplicates);
}

int
cd_cli_import (CdCli  *cli,
               int     argc,
               char  **argv)
{
  g_autofree char *language = NULL;
  g_autofree char *format_name = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CdImporter) importer = NULL;
  g_autoptr(CdImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  CdImportFormat format = CD_IMPORT_FORMAT_AUTO;
  const GOptionEntry entries[] = {
    { "language", 'l', 0, G_OPTION_ARG_STRING, &language,
      N_("Language of the text that is not Arabic (default: the store's, “en” unless set)"),
      N_("CODE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name,
      N_("page-copy, ninjs, text or markdown (default: by the file name: .json or "
         ".ninjs is ninjs, .md Markdown, anything else page copy)"), N_("FORMAT") },
    { NULL }
  };
  CdStore *store;
  int status;

  context = cd_cli_context_new (argv[0], _("FILE…"),
                                _("Import page copy, ninjs, text or Markdown files. Either "
                                  "every article is added or, on an error, none."), entries);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return cd_cli_usage_error (context, _("Give at least one file to import"));
  if (format_name && !cd_import_format_from_string (format_name, &format))
    return cd_cli_usage_error (context, _("Unknown import format “%s”"), format_name);

  for (int i = 1; i < argc; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (argv[i]));

  if ((store = cd_cli_open_store (cli, &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));
  importer = cd_importer_new (store);
  cd_importer_set_format (importer, format);
  cd_importer_set_language (importer, language ? language : cd_store_get_default_language (store));
  report = cd_importer_import_files (importer, (GFile * const *) files->pdata, files->len,
                                     NULL, &error);
  if (report == NULL)
    return cd_cli_fail (g_steal_pointer (&error));

  print_report (report);
  return CD_CLI_OK;
}

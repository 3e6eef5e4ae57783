/* main.c: copydesk-cli, batch work on a Copydesk store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "cd-cli.h"
#include "cd-util.h"

static const CdCliCommand commands[] = {
  { "new", N_("Create an article and print its id"), cd_cli_article_new, TRUE },
  { "list", N_("List the articles, newest first"), cd_cli_article_list },
  { "show", N_("Show one article"), cd_cli_article_show },
  { "set", N_("Change one field of an article"), cd_cli_article_set },
  { "set-body", N_("Replace the body of an article from a file"), cd_cli_article_set_body },
  { "photo", N_("Add, change or list the photos of an article"), cd_cli_photo },
  { "import", N_("Import page copy, ninjs, text or Markdown files"), cd_cli_import, TRUE },
  { "delete", N_("Move an article to the trash"), cd_cli_article_delete },
  { "restore", N_("Bring an article back from the trash"), cd_cli_article_restore },
  { "trash", N_("List the trash, or empty it for good"), cd_cli_trash },
  { "export", N_("Write articles as ninjs, HTML, Markdown or text"), cd_cli_export },
  { "check", N_("Verify the store and quarantine damaged files"), cd_cli_check },
  /* Only "site add" makes a store; "site list" on a mistyped --store must not. */
  { "site", N_("Add, list, check or remove the sites to publish to"), cd_cli_site },
  { "publish", N_("Publish articles to a WordPress site"), cd_cli_publish },
  { "pull", N_("Bring a site's posts into the store"), cd_cli_pull, TRUE },
  { "queue", N_("List or run the publishes waiting for their site"), cd_cli_queue },
  { "version", N_("Print the program's name and version"), cd_cli_version },
};

static char *
commands_description (void)
{
  GString *text = g_string_new (_("Commands:"));

  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append (text, _("\nRun “copydesk-cli COMMAND --help” for the options of a command.\n"
                           "The store is the folder given with --store (before or after the "
                           "command),\nelse $COPYDESK_STORE, else $XDG_DATA_HOME/copydesk/store.\n"));
  return g_string_free (text, FALSE);
}

static const CdCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

static int
run_command (const CdCliCommand  *command,
             char                *store_path,
             int                  argc,
             char               **argv)
{
  CdCli cli = { store_path, NULL, command->creates_store };
  int status;

  status = command->run (&cli, argc, argv);
  g_clear_object (&cli.store);
  return status;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *store_path = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GOptionContext) context = NULL;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "store", 's', 0, G_OPTION_ARG_FILENAME, &store_path,
      N_("Use the store in DIR"), N_("DIR") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      N_("Print the program's name and version, and exit"), NULL },
    { NULL }
  };
  const CdCliCommand *command;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, cd_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("copydesk-cli");

  context = cd_cli_context_new (NULL, _("COMMAND [ARGUMENTS…]"),
                                _("Batch work on a Copydesk article store."), entries);
  /* Options after the command belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);
  description = commands_description ();
  g_option_context_set_description (context, description);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (version)
    return cd_cli_print_version ();
  /* An empty path would be the current folder: a store made by accident. */
  if (store_path != NULL && *store_path == '\0')
    return cd_cli_usage_error (context, _("--store needs a folder, not an empty name"));

  if (argc < 2)
    return cd_cli_usage_error (context, _("No command given"));

  command = find_command (argv[1]);
  if (command == NULL)
    return cd_cli_usage_error (context, _("Unknown command “%s”"), argv[1]);

  return run_command (command, store_path, argc - 1, argv + 1);
}

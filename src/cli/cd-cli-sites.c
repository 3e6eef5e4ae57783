/* cd-cli-sites.c: site add, site list, site remove (site check and
 * publishing live in cd-cli-publish.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <stdio.h>
#include <string.h>

#include "cd-cli.h"
#include "cd-site-password.h"

GPtrArray *
cd_cli_load_sites (CdStore  *store,
                   GError  **error)
{
  return cd_sites_from_settings (cd_store_get_settings (store), error);
}

static gboolean
save_sites (CdStore    *store,
            GPtrArray  *sites,
            GError    **error)
{
  g_autoptr(JsonObject) settings = cd_store_dup_settings (store);

  /* Change a copy, so that a failed write leaves the store's view as is. */
  cd_sites_to_settings (sites, settings);
  return cd_store_save_settings (store, settings, error);
}

/* Reads a password from standard input, first line only. */
static char *
read_password_stdin (GError **error)
{
  char buffer[4096];
  size_t length;
  char *password;

  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("No password on standard input"));
      return NULL;
    }
  length = strcspn (buffer, "\r\n");
  buffer[length] = '\0';
  if (length == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The password on standard input is empty"));
      return NULL;
    }
  password = g_strdup (buffer);
  /* No copy of the password stays behind on the stack. */
  memset (buffer, 0, sizeof buffer);
  return password;
}

static int
site_add (CdCli  *cli,
          int     argc,
          char  **argv)
{
  g_autofree char *url = NULL, *user = NULL, *password_file = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(CdSite) site = NULL;
  g_autoptr(GError) error = NULL;
  gboolean password_stdin = FALSE;
  char *password = NULL;
  const GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, N_("The site's address"), N_("URL") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("The WordPress user"), N_("USER") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("Keep the application password from FILE (only you may read it) in the Secret "
         "Service"), N_("FILE") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      N_("Read the application password from standard input"), NULL },
    { NULL }
  };
  CdStore *store;
  int status;

  context = cd_cli_context_new ("site add", _("NAME"),
                                _("Add a site to publish to. The password is kept in the "
                                  "Secret Service, never in the store."), entries);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return cd_cli_usage_error (context, _("Give the site a name"));
  if (url == NULL || user == NULL)
    return cd_cli_usage_error (context, _("A site needs --url URL and --user USER"));
  if ((site = cd_site_new (argv[1], url, user, &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));

  cli->may_create = TRUE;
  if ((store = cd_cli_open_store (cli, &error)) == NULL ||
      (sites = cd_cli_load_sites (store, &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));
  if (cd_sites_find (sites, argv[1]))
    {
      g_printerr (_("copydesk-cli: there is a site named “%s” already\n"), argv[1]);
      return CD_CLI_FAILED;
    }

  if (password_file)
    password = cd_site_password_read_file (password_file, &error);
  else if (password_stdin)
    password = read_password_stdin (&error);
  if ((password_file || password_stdin) && password == NULL)
    return cd_cli_fail (g_steal_pointer (&error));

  g_ptr_array_add (sites, g_object_ref (site));
  if (!save_sites (store, sites, &error))
    {
      secret_password_free (password);
      return cd_cli_fail (g_steal_pointer (&error));
    }
  if (password && !cd_site_password_store (site, password, NULL, &error))
    g_printerr ("copydesk-cli: %s\n", error->message);
  secret_password_free (password);
  cd_cli_print (_("Added site %s (%s, user %s)\n"), cd_site_get_name (site),
                cd_site_get_url (site), cd_site_get_user (site));
  return CD_CLI_OK;
}

static int
site_list (CdCli  *cli,
           int     argc,
           char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  CdStore *store;
  int status;

  context = cd_cli_context_new ("site list", NULL, _("List the sites: name, address, user."),
                                NULL);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return cd_cli_usage_error (context, _("Unexpected argument “%s”"), argv[1]);
  if ((store = cd_cli_open_store (cli, &error)) == NULL ||
      (sites = cd_cli_load_sites (store, &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; i < sites->len; i++)
    {
      CdSite *site = g_ptr_array_index (sites, i);
      cd_cli_print ("%s\t%s\t%s\n", cd_site_get_name (site), cd_site_get_url (site),
                    cd_site_get_user (site));
    }
  return CD_CLI_OK;
}

static int
site_remove (CdCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  CdStore *store;
  CdSite *site;
  int status;

  context = cd_cli_context_new ("site remove", _("NAME"),
                                _("Forget a site and its stored password."), NULL);
  if (!cd_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return cd_cli_usage_error (context, _("Give the name of a site"));
  if ((store = cd_cli_open_store (cli, &error)) == NULL ||
      (sites = cd_cli_load_sites (store, &error)) == NULL)
    return cd_cli_fail (g_steal_pointer (&error));
  if ((site = cd_sites_find (sites, argv[1])) == NULL)
    {
      g_printerr (_("copydesk-cli: there is no site named “%s”\n"), argv[1]);
      return CD_CLI_FAILED;
    }
  g_object_ref (site);
  g_ptr_array_remove (sites, site);
  if (!save_sites (store, sites, &error))
    {
      g_object_unref (site);
      return cd_cli_fail (g_steal_pointer (&error));
    }
  /* Without a Secret Service there is no stored password to forget. */
  cd_site_password_clear (site, NULL, NULL);
  g_object_unref (site);
  return CD_CLI_OK;
}

static const CdCliSubcommand site_subcommands[] = {
  { "add", site_add },
  { "list", site_list },
  { "check", cd_cli_site_check },
  { "remove", site_remove },
};

int
cd_cli_site (CdCli  *cli,
             int     argc,
             char  **argv)
{
  return cd_cli_run_subcommand (cli, site_subcommands, G_N_ELEMENTS (site_subcommands),
                                _("Usage:\n"
                                  "  copydesk-cli site add NAME --url URL --user USER "
                                  "[--password-file FILE | --password-stdin]\n"
                                  "  copydesk-cli site list\n"
                                  "  copydesk-cli site check NAME [--password-file FILE]\n"
                                  "  copydesk-cli site remove NAME\n"),
                                argc, argv);
}

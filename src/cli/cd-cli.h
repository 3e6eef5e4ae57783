/* cd-cli.h: what the commands of copydesk-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-site.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* Exit statuses: 0 done, 1 failed, 2 the command line was wrong, 3 a
 * publish was queued because its site could not be reached. */
enum {
  CD_CLI_OK = 0,
  CD_CLI_FAILED = 1,
  CD_CLI_USAGE = 2,
  CD_CLI_QUEUED = 3,
};

/* The store is opened only once a command has read its options, so that
 * "--help" and usage errors never touch (or create) a store. */
typedef struct
{
  char     *store_path;
  CdStore  *store;
  gboolean  may_create;  /* only commands that add something create a store */
} CdCli;

typedef struct
{
  const char *name;
  const char *summary;
  int       (*run) (CdCli  *cli,
                    int     argc,
                    char  **argv);
  gboolean    creates_store;
} CdCliCommand;

/* One of the words after "photo", "site", "queue"… */
typedef struct
{
  const char *name;
  int       (*run) (CdCli  *cli,
                    int     argc,
                    char  **argv);
} CdCliSubcommand;

CdStore   *cd_cli_open_store        (CdCli        *cli,
                                     GError      **error);

int        cd_cli_fail              (GError       *error);
int        cd_cli_usage_error       (GOptionContext *context,
                                     const char   *format,
                                     ...) G_GNUC_PRINTF (2, 3);
gboolean   cd_cli_parse             (GOptionContext *context,
                                     int          *argc,
                                     char       ***argv,
                                     int          *status);
GOptionContext *cd_cli_context_new  (const char   *command,
                                     const char   *parameter,
                                     const char   *summary,
                                     const GOptionEntry *entries);
CdArticle *cd_cli_load_article      (CdCli        *cli,
                                     const char   *id_or_prefix,
                                     GError      **error);
void       cd_cli_print             (const char   *format,
                                     ...) G_GNUC_PRINTF (1, 2);
char      *cd_cli_format_time       (GDateTime    *dt);
char      *cd_cli_read_text_file    (const char   *path,
                                     GError      **error);
gboolean   cd_cli_is_one_line       (const char   *text);
char      *cd_cli_tsv_field         (const char   *text);
gboolean   cd_cli_check_utf8        (const char   *what,
                                     const char   *text,
                                     GError      **error);
guint      cd_cli_display_width     (const char   *text);
gboolean   cd_cli_has_rtl           (const char   *text);
int        cd_cli_print_version     (void);
int        cd_cli_run_subcommand    (CdCli        *cli,
                                     const CdCliSubcommand *subcommands,
                                     guint         n_subcommands,
                                     const char   *usage,
                                     int           argc,
                                     char        **argv);

int        cd_cli_article_new       (CdCli *cli, int argc, char **argv);
int        cd_cli_article_list      (CdCli *cli, int argc, char **argv);
int        cd_cli_article_show      (CdCli *cli, int argc, char **argv);
int        cd_cli_article_set       (CdCli *cli, int argc, char **argv);
int        cd_cli_article_set_body  (CdCli *cli, int argc, char **argv);
int        cd_cli_article_delete    (CdCli *cli, int argc, char **argv);
int        cd_cli_article_restore   (CdCli *cli, int argc, char **argv);
int        cd_cli_photo             (CdCli *cli, int argc, char **argv);
int        cd_cli_trash             (CdCli *cli, int argc, char **argv);
int        cd_cli_export            (CdCli *cli, int argc, char **argv);
int        cd_cli_check             (CdCli *cli, int argc, char **argv);
int        cd_cli_import            (CdCli *cli, int argc, char **argv);
int        cd_cli_site              (CdCli *cli, int argc, char **argv);
int        cd_cli_site_check        (CdCli *cli, int argc, char **argv);
int        cd_cli_publish           (CdCli *cli, int argc, char **argv);
int        cd_cli_pull              (CdCli *cli, int argc, char **argv);
int        cd_cli_queue             (CdCli *cli, int argc, char **argv);
int        cd_cli_version           (CdCli *cli, int argc, char **argv);

GPtrArray *cd_cli_load_sites        (CdStore      *store,
                                     GError      **error);

G_END_DECLS

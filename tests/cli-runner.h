/* cli-runner.h: running copydesk-cli from a test, on a temporary store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char *store;     /* a temporary folder, removed at tear-down */
  char *out;       /* the last run's standard output */
  char *err;       /* and its standard error */
  int status;      /* its exit status, -1 when it did not exit */
  const char *language;  /* $LANGUAGE of the runs; NULL: none, so English */
} CliFixture;

void   cli_fixture_set_up    (CliFixture    *f,
                              gconstpointer  data);
void   cli_fixture_tear_down (CliFixture    *f,
                              gconstpointer  data);
int    cli_run_with_input    (CliFixture    *f,
                              const char    *stdin_text,
                              ...) G_GNUC_NULL_TERMINATED;
int    cli_run_bare          (CliFixture    *f,
                              ...) G_GNUC_NULL_TERMINATED;
char  *cli_new_article       (CliFixture    *f,
                              const char    *headline,
                              const char    *body);
char  *cli_article_file      (CliFixture    *f,
                              const char    *id);
char  *cli_write_file        (CliFixture    *f,
                              const char    *name,
                              const char    *contents,
                              int            mode);
gboolean cli_queue_exists    (CliFixture    *f);
char  *cli_closed_loopback_url (void);

/* copydesk-cli --store STORE ARGS…: returns the exit status. */
#define cli_run(f, ...) cli_run_with_input ((f), NULL, __VA_ARGS__, NULL)

G_END_DECLS

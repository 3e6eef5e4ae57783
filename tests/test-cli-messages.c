/* test-cli-messages.c: what copydesk-cli says about files it cannot read,
 * where it takes --store, and what its tab-separated lists hold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cli-runner.h"

typedef CliFixture Fixture;

/* Standard error is one line, "copydesk-cli: " and then expected. */
static void
assert_one_message (Fixture    *f,
                    const char *expected)
{
  g_autofree char *line = g_strdup_printf ("copydesk-cli: %s\n", expected);

  g_assert_cmpstr (f->err, ==, line);
}

/* Before: "copydesk-cli: /x/gone.txt: Error opening file /x/gone.txt: No
 * such file or directory", the path twice and GIO's text after it. */
static void
test_missing_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *gone = g_build_filename (f->store, "gone.txt", NULL);
  g_autofree char *gone_json = g_build_filename (f->store, "gone.json", NULL);
  g_autofree char *gone_png = g_build_filename (f->store, "gone.png", NULL);
  g_autofree char *expected = g_strdup_printf ("No such file: %s", gone);
  g_autofree char *expected_png = g_strdup_printf ("No such file: %s", gone_png);
  g_autofree char *id = cli_new_article (f, "Ferry strike ends", "The boats sail.");

  /* Page copy and ninjs are read on different paths; both say it once. */
  g_assert_cmpint (cli_run (f, "import", gone), ==, 1);
  assert_one_message (f, expected);
  g_assert_cmpint (cli_run (f, "import", gone_json), ==, 1);
  g_assert_nonnull (strstr (f->err, "No such file: "));
  g_assert_null (strstr (f->err, "Error opening"));

  g_assert_cmpint (cli_run (f, "set-body", id, gone), ==, 1);
  assert_one_message (f, expected);
  g_assert_cmpint (cli_run (f, "new", "--headline", "Lost", "--body-file", gone), ==, 1);
  assert_one_message (f, expected);
  g_assert_cmpint (cli_run (f, "photo", "add", id, "--caption", "Boats", "--file", gone_png),
                   ==, 1);
  assert_one_message (f, expected_png);

  /* Nothing was changed by the failed commands. */
  g_assert_cmpint (cli_run (f, "list"), ==, 0);
  g_assert_null (strstr (f->out, "Lost"));
  g_assert_cmpint (cli_run (f, "photo", "list", id), ==, 0);
  g_assert_cmpstr (f->out, ==, "");
}

static void
test_folder_given_as_file (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->store, "drafts", NULL);
  g_autofree char *expected = g_strdup_printf ("%s is a folder, not a file", folder);
  g_autofree char *id = cli_new_article (f, "Market reopens", NULL);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (cli_run (f, "import", folder), ==, 1);
  assert_one_message (f, expected);
  g_assert_cmpint (cli_run (f, "set-body", id, folder), ==, 1);
  assert_one_message (f, expected);
}

/* A password file that is not there: the reason is ours, not libc's. */
static void
test_missing_password_file (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *gone = g_build_filename (f->store, "password", NULL);
  g_autofree char *expected = g_strdup_printf ("Cannot read the password file %s: "
                                               "no such file", gone);

  g_assert_cmpint (cli_run (f, "site", "add", "desk", "--url", "http://127.0.0.1:9/",
                            "--user", "editor", "--password-file", gone), ==, 1);
  assert_one_message (f, expected);
}

/* "copydesk-cli list --store DIR" was refused as an unknown option. */
static void
test_store_after_command (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *id = cli_new_article (f, "Bridge closes", NULL);
  g_autofree char *store_option = g_strdup_printf ("--store=%s", f->store);
  g_autofree char *elsewhere = g_build_filename (f->store, "not-a-store", NULL);

  g_assert_cmpint (cli_run_bare (f, "list", "--store", f->store, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Bridge closes"));
  g_assert_cmpint (cli_run_bare (f, "list", store_option, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Bridge closes"));
  g_assert_cmpint (cli_run_bare (f, "show", id, "-s", f->store, NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "Bridge closes"));
  /* Subcommands too, and a command that creates a store creates it there. */
  g_assert_cmpint (cli_run_bare (f, "photo", "add", id, "--store", f->store,
                                 "--caption", "The bridge", NULL), ==, 0);
  g_assert_cmpint (cli_run_bare (f, "photo", "list", id, "--store", f->store, NULL), ==, 0);
  g_assert_cmpstr (f->out, ==, "1\t\tThe bridge\t\n");

  /* Later on the line wins: after the command over before it. */
  g_assert_cmpint (cli_run_bare (f, "--store", elsewhere, "list", "--store", f->store, NULL),
                   ==, 0);
  g_assert_nonnull (strstr (f->out, "Bridge closes"));
  g_assert_false (g_file_test (elsewhere, G_FILE_TEST_EXISTS));

  /* Still checked as before the command. */
  g_assert_cmpint (cli_run_bare (f, "list", "--store", "", NULL), ==, 2);
  g_assert_nonnull (strstr (f->err, "--store needs a folder"));
  g_assert_cmpint (cli_run_bare (f, "list", "--store", elsewhere, NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "There is no Copydesk store in"));

  /* Each command's --help and the program's say so. */
  g_assert_cmpint (cli_run_bare (f, "list", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "--store=DIR"));
  g_assert_cmpint (cli_run_bare (f, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (f->out, "before or after the command"));
}

/* Fields of "photo list": number, credit, caption, image; a missing one
 * is empty, and a tab inside a value cannot shift the columns. */
static void
test_photo_list_columns (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = cli_new_article (f, "Harbour at dawn", NULL);
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (cli_run (f, "photo", "add", id, "--caption", "Nets\tand boats"), ==, 0);
  g_assert_cmpint (cli_run (f, "photo", "add", id, "--caption", "Gulls", "--credit", "AFP"),
                   ==, 0);
  g_assert_cmpint (cli_run (f, "photo", "list", id), ==, 0);
  lines = g_strsplit (f->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[0], ==, "1\t\tNets and boats\t");
  g_assert_cmpstr (lines[1], ==, "2\tAFP\tGulls\t");
  g_assert_cmpstr (lines[2], ==, "");
  g_assert_null (strstr (f->out, "(no"));

  /* "show", for people, still says what is missing. */
  g_assert_cmpint (cli_run (f, "show", id), ==, 0);
  g_assert_nonnull (strstr (f->out, "(none — needed before publishing)"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, cli_fixture_set_up, func, cli_fixture_tear_down)
  ADD ("/cli-messages/missing-file", test_missing_file);
  ADD ("/cli-messages/folder-given-as-file", test_folder_given_as_file);
  ADD ("/cli-messages/missing-password-file", test_missing_password_file);
  ADD ("/cli-messages/store-after-command", test_store_after_command);
  ADD ("/cli-messages/photo-list-columns", test_photo_list_columns);
#undef ADD

  return g_test_run ();
}

/* test-cli-l10n.c: the core's errors reach an Arabic user in Arabic
 *
 * copydesk-cli runs with LANGUAGE=ar and takes its catalog from the build
 * tree ($COPYDESK_LOCALEDIR, set by tests/meson.build to where meson
 * builds po/ar.po), so these tests fail when a core message is not marked
 * for translation, when the catalog lacks it, or when the programs stop
 * finding their catalogs.  The Arabic below is what po/ar.po says; a
 * translator who rewords one of these messages updates it here too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "cli-runner.h"

#define MISSING_ID "0badc0de-0000-4000-8000-000000000000"

static void
set_up (CliFixture    *f,
        gconstpointer  data)
{
  const char *dir = g_getenv ("COPYDESK_LOCALEDIR");
  g_autofree char *catalog = NULL;

  g_assert_nonnull (dir);
  catalog = g_build_filename (dir, "ar", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (catalog, G_FILE_TEST_IS_REGULAR))
    g_error ("%s is missing: the Arabic catalog was not built", catalog);
  cli_fixture_set_up (f, data);
}

/* Truncates an article's file in the middle of its JSON. */
static void
cut_short (CliFixture *f,
           const char *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (f->store, "articles", name, NULL);

  g_assert_true (g_file_set_contents (path, "{\"format\": 1, \"ninjs\": {\"uri\"", -1, NULL));
}

static void
test_english_without_language (CliFixture    *f,
                               gconstpointer  data)
{
  g_autofree char *id = cli_new_article (f, "Harbour bridge reopens", "Traffic is back.\n");

  g_assert_cmpint (cli_run (f, "show", MISSING_ID), ==, 1);
  g_assert_nonnull (strstr (f->err, "No article has an id starting with “" MISSING_ID "”"));
}

/* cd-store.c's error, through copydesk-cli's "copydesk-cli: %s". */
static void
test_missing_article (CliFixture    *f,
                      gconstpointer  data)
{
  g_autofree char *id = cli_new_article (f, "Harbour bridge reopens", "Traffic is back.\n");

  f->language = "ar";
  g_assert_cmpint (cli_run (f, "show", MISSING_ID), ==, 1);
  g_assert_nonnull (strstr (f->err, "لا يوجد مقال يبدأ معرّفه بـ«" MISSING_ID "»"));
  g_assert_null (strstr (f->err, "No article"));

  /* The article that is there still shows, its text untouched. */
  g_assert_cmpint (cli_run (f, "show", id), ==, 0);
  g_assert_nonnull (strstr (f->out, "Harbour bridge reopens"));
}

/* The store's quarantine message wraps the article-file reader's reason,
 * with a byte count in one of Arabic's plural forms; the note left in
 * quarantine/ is Arabic too, and the CLI's count takes the dual. */
static void
test_damaged_store (CliFixture    *f,
                    gconstpointer  data)
{
  g_autofree char *first = cli_new_article (f, "Ferry timetable cut", "Two crossings a day.\n");
  g_autofree char *second = cli_new_article (f, "Library stays open", "Until midnight.\n");
  g_autofree char *note_name = g_strconcat (first, ".json.reason", NULL);
  g_autofree char *note_path = g_build_filename (f->store, "quarantine", note_name, NULL);
  g_autofree char *note = NULL;

  cut_short (f, first);
  cut_short (f, second);
  f->language = "ar";
  g_assert_cmpint (cli_run (f, "check"), ==, 1);
  /* 29 bytes: the form for 11 to 99, "بايتًا". */
  g_assert_nonnull (strstr (f->err, "لا يُحمَّل: نص JSON مبتور بعد 29 بايتًا. ونُقل إلى «"));
  g_assert_null (strstr (f->err, "cut short"));
  g_assert_nonnull (strstr (f->out, "وُجد ملفان تالفان"));

  g_assert_true (g_file_get_contents (note_path, &note, NULL, NULL));
  g_assert_nonnull (strstr (note, "نص JSON مبتور بعد 29 بايتًا"));
  g_assert_nonnull (strstr (note, "نُقل إلى هنا في "));
}

/* The WordPress client's transport error, one whole sentence. */
static void
test_unreachable_site (CliFixture    *f,
                       gconstpointer  data)
{
  g_autofree char *url = cli_closed_loopback_url ();
  g_autofree char *expected = g_strdup_printf ("تعذّر الوصول إلى WordPress على %s (GET /)",
                                               url + strlen ("http://"));

  g_assert_cmpint (cli_run (f, "site", "add", "newsroom", "--url", url, "--user", "lina"), ==, 0);
  f->language = "ar";
  g_assert_cmpint (cli_run (f, "site", "check", "newsroom"), ==, 1);
  g_assert_nonnull (strstr (f->err, expected));
  g_assert_null (strstr (f->err, "could not be reached"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, CliFixture, NULL, set_up, func, cli_fixture_tear_down)
  ADD ("/cli-l10n/english-without-language", test_english_without_language);
  ADD ("/cli-l10n/missing-article", test_missing_article);
  ADD ("/cli-l10n/damaged-store", test_damaged_store);
  ADD ("/cli-l10n/unreachable-site", test_unreachable_site);
#undef ADD

  return g_test_run ();
}

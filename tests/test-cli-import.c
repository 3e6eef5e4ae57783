/* test-cli-import.c: `copydesk-cli import` then `export --format ninjs`
 *
 * For every page-copy fixture, the export must give exactly the headline,
 * photos with credits, paragraphs and language that the rules of
 * page-copy.md imply. The expectations are written by hand in
 * tests/data/page-copy/expected.json, not produced by the code under test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tmp-dir.h"

typedef struct
{
  char *store;
  char *out;
  char *err;
} Run;

static int
run_cli (Run        *run,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("COPYDESK_CLI"));
  g_ptr_array_add (argv, "--store");
  g_ptr_array_add (argv, run->store);
  va_start (args, first);
  for (arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static void
free_run (Run *run)
{
  g_free (run->store);
  g_free (run->out);
  g_free (run->err);
}

static const char *
role_value (JsonObject *object,
            const char *member,
            const char *role,
            const char *content_type)
{
  JsonArray *array;

  if (!json_object_has_member (object, member))
    return NULL;
  array = json_object_get_array_member (object, member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);
      const char *entry_type = json_object_get_string_member_with_default (entry, "contentType",
                                                                           NULL);
      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "role", NULL), role) == 0 &&
          (content_type == NULL || g_strcmp0 (entry_type, content_type) == 0))
        return json_object_get_string_member (entry, "value");
    }
  return NULL;
}

static void
check_photos (JsonObject *ninjs,
              JsonArray  *expected)
{
  JsonArray *associations = json_object_has_member (ninjs, "associations")
                            ? json_object_get_array_member (ninjs, "associations") : NULL;

  g_assert_cmpuint (associations ? json_array_get_length (associations) : 0, ==,
                    json_array_get_length (expected));
  for (guint i = 0; i < json_array_get_length (expected); i++)
    {
      JsonArray *pair = json_array_get_array_element (expected, i);
      JsonObject *picture = json_array_get_object_element (associations, i);
      const char *credit = json_object_get_string_member_with_default (picture,
                                                                       "copyrightNotice", "");

      g_assert_cmpstr (json_object_get_string_member (picture, "type"), ==, "picture");
      g_assert_cmpstr (role_value (picture, "descriptions", "caption", NULL), ==,
                       json_array_get_string_element (pair, 0));
      g_assert_cmpstr (credit, ==, json_array_get_string_element (pair, 1));
    }
}

static void
check_article (JsonObject *ninjs,
               JsonObject *expected)
{
  JsonArray *paragraphs = json_object_get_array_member (expected, "paragraphs");
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autofree char *joined = NULL;

  g_assert_cmpstr (role_value (ninjs, "headlines", "main", NULL), ==,
                   json_object_get_string_member (expected, "headline"));
  g_assert_cmpstr (json_object_get_string_member (ninjs, "language"), ==,
                   json_object_get_string_member (expected, "language"));
  check_photos (ninjs, json_object_get_array_member (expected, "photos"));

  /* The plain-text body: paragraphs separated by one empty line. */
  for (guint i = 0; i < json_array_get_length (paragraphs); i++)
    g_ptr_array_add (wanted, (gpointer) json_array_get_string_element (paragraphs, i));
  g_ptr_array_add (wanted, NULL);
  joined = g_strjoinv ("\n\n", (char **) wanted->pdata);
  g_assert_cmpstr (role_value (ninjs, "bodies", "main", "text/plain"), ==, joined);
}

static JsonArray *
expectation_for (JsonObject *all,
                 const char *name)
{
  JsonNode *node = json_object_get_member (all, name);

  /* A fixture that must read like another names it. */
  if (JSON_NODE_HOLDS_VALUE (node))
    return expectation_for (all, json_node_get_string (node));
  return json_node_get_array (node);
}

static void
test_fixture (gconstpointer data)
{
  const char *name = data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) exported = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_path = g_test_build_filename (G_TEST_DIST, "data", "page-copy",
                                                          "expected.json", NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "page-copy", name,
                                                    NULL);
  Run run = { cd_test_make_tmp_dir ("copydesk-import"), NULL, NULL };
  g_auto(GStrv) lines = NULL;
  JsonArray *expected, *articles;
  guint n;

  json_parser_load_from_file (parser, expected_path, &error);
  g_assert_no_error (error);
  expected = expectation_for (json_node_get_object (json_parser_get_root (parser)), name);

  g_assert_cmpint (run_cli (&run, "import", fixture, NULL), ==, 0);
  g_assert_cmpint (run_cli (&run, "export", "--format", "ninjs", NULL), ==, 0);
  json_parser_load_from_data (exported, run.out, -1, &error);
  g_assert_no_error (error);
  articles = json_node_get_array (json_parser_get_root (exported));

  /* The store lists newest first; the file's first article was added first. */
  n = json_array_get_length (articles);
  g_assert_cmpuint (n, ==, json_array_get_length (expected));
  for (guint i = 0; i < n; i++)
    check_article (json_array_get_object_element (articles, n - 1 - i),
                   json_array_get_object_element (expected, i));

  /* Importing the same copy again adds nothing, and says so. */
  g_assert_cmpint (run_cli (&run, "import", fixture, NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, "0 articles added"));
  g_assert_cmpint (run_cli (&run, "list", NULL), ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines) - 1, ==, n);

  cd_test_remove_tree (run.store);
  free_run (&run);
}

static void
test_bad_input_changes_nothing (void)
{
  const char *bad[] = { "not-utf8.txt", "binary.bin", "empty.txt", "blank-only.txt" };
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "data", "page-copy",
                                                 "full-lf.txt", NULL);
  Run run = { cd_test_make_tmp_dir ("copydesk-import"), NULL, NULL };
  g_autofree char *before = NULL;

  g_assert_cmpint (run_cli (&run, "import", good, NULL), ==, 0);
  g_assert_cmpint (run_cli (&run, "export", NULL), ==, 0);
  before = g_strdup (run.out);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "page-copy", bad[i],
                                                     NULL);

      /* A bad file among good ones: nothing of the batch is added. */
      g_assert_cmpint (run_cli (&run, "import", path, NULL), ==, 1);
      g_assert_nonnull (strstr (run.err, bad[i]));
      g_assert_cmpint (run_cli (&run, "export", NULL), ==, 0);
      g_assert_cmpstr (run.out, ==, before);
    }
  cd_test_remove_tree (run.store);
  free_run (&run);
}

/* A 2×1 PNG: an image for a photo to carry from store to store. */
static const char png_base64[] =
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDAAAAN9AH/9KwMYwAAAABJRU5ErkJggg==";

/* The image column of `photo list`, line @n (from 0). */
static char *
image_of (const char *listing,
          guint       n)
{
  g_auto(GStrv) lines = g_strsplit (listing, "\n", -1);
  g_auto(GStrv) columns = NULL;

  g_assert_cmpuint (g_strv_length (lines), >, n);
  columns = g_strsplit (lines[n], "\t", -1);
  g_assert_cmpuint (g_strv_length (columns), ==, 4);
  return g_strdup (columns[3]);
}

/* What a new user does: export one store as ninjs and import the file
 * into another. The photo's image comes along, byte for byte; one whose
 * file is gone comes without, and the import says so. */
static void
test_export_import_photos (void)
{
  g_autofree char *dir = cd_test_make_tmp_dir ("copydesk-move");
  Run from = { g_build_filename (dir, "from", NULL), NULL, NULL };
  Run to = { g_build_filename (dir, "to", NULL), NULL, NULL };
  g_autofree char *png_path = g_build_filename (dir, "pier.png", NULL);
  g_autofree char *lost_path = g_build_filename (dir, "lost.png", NULL);
  g_autofree char *export_path = g_build_filename (dir, "x.json", NULL);
  g_autofree char *empty_path = g_build_filename (dir, "empty.md", NULL);
  g_autofree guchar *png = NULL;
  g_autofree char *id = NULL;
  g_autofree char *lost = NULL;
  g_autofree char *lost_in_store = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *copied_path = NULL;
  g_autofree char *copied_bytes = NULL;
  g_autofree char *expected_warning = NULL;
  gsize png_len, copied_len;
  g_autoptr(GError) error = NULL;

  png = g_base64_decode (png_base64, &png_len);
  g_file_set_contents (png_path, (const char *) png, png_len, &error);
  g_assert_no_error (error);
  g_file_set_contents (lost_path, (const char *) png, png_len, &error);
  g_assert_no_error (error);
  g_file_set_contents (empty_path, "", 0, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run_cli (&from, "new", "--headline", "Pier reopens after repairs",
                            "--body-file", empty_path, NULL), ==, 0);
  id = g_strstrip (g_strdup (from.out));
  g_assert_cmpint (run_cli (&from, "photo", "add", id, "--caption", "The mended pier",
                            "--credit", "Harbour Office", "--file", png_path, NULL), ==, 0);
  g_assert_cmpint (run_cli (&from, "photo", "add", id, "--caption", "The old pier",
                            "--credit", "Harbour Office", "--file", lost_path, NULL), ==, 0);
  g_assert_cmpint (run_cli (&from, "photo", "list", id, NULL), ==, 0);
  lost = image_of (from.out, 1);
  lost_in_store = g_build_filename (from.store, "photos", lost, NULL);
  g_assert_cmpint (g_unlink (lost_in_store), ==, 0);

  g_assert_cmpint (run_cli (&from, "export", "--format", "ninjs", NULL), ==, 0);
  g_file_set_contents (export_path, from.out, -1, &error);
  g_assert_no_error (error);

  g_assert_cmpint (run_cli (&to, "import", export_path, NULL), ==, 0);
  expected_warning = g_strdup_printf ("%s:2: photo 2: its image “%s” was not found; "
                                      "the photo has no image", export_path, lost_in_store);
  g_assert_nonnull (strstr (to.out, expected_warning));

  g_assert_cmpint (run_cli (&to, "photo", "list", id, NULL), ==, 0);
  g_assert_nonnull (strstr (to.out, "1\tHarbour Office\tThe mended pier\t"));
  /* Tab-separated for scripts: no image is an empty last column. */
  g_assert_nonnull (strstr (to.out, "2\tHarbour Office\tThe old pier\t\n"));
  copied = image_of (to.out, 0);
  g_assert_cmpstr (copied, !=, "");
  copied_path = g_build_filename (to.store, "photos", copied, NULL);
  g_file_get_contents (copied_path, &copied_bytes, &copied_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (copied_bytes, copied_len, png, png_len);
  g_assert_cmpint (run_cli (&to, "check", NULL), ==, 0);

  cd_test_remove_tree (dir);
  free_run (&from);
  free_run (&to);
}

int
main (int   argc,
      char *argv[])
{
  const char *fixtures[] = {
    "full-lf.txt", "full-crlf.txt", "full-bom.txt", "full-no-final-newline.txt",
    "full-crlf-bom-no-final-newline.txt", "full-trailing-spaces.txt", "arabic.txt",
    "several-photos.txt", "caption-without-credit.txt", "no-second-headline.txt",
    "no-widgets.txt", "wrapped-paragraphs.txt", "number-paragraph.txt",
    "several-articles.txt", "bare-credit-line.txt", "bare-doubled-line.txt",
    "bare-paragraph.txt", "bare-paragraph-in-parentheses.txt", "body-repeats-caption.txt",
    "mostly-latin-with-arabic.txt", "markdown-like-paragraphs.txt", "widget-only-stretch.txt",
  };

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = g_strconcat ("/cli-import/", fixtures[i], NULL);
      g_test_add_data_func (path, fixtures[i], test_fixture);
    }
  g_test_add_func ("/cli-import/bad-input-changes-nothing", test_bad_input_changes_nothing);
  g_test_add_func ("/cli-import/export-import-photos", test_export_import_photos);
  return g_test_run ();
}

/* test-cli-trash.c: copydesk-cli trash and trash empty, end to end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <utime.h>

#include "cli-runner.h"

typedef CliFixture Fixture;

/* A 2×1 PNG, so that a photo has a real image in photos/. */
static const char png_base64[] =
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDAAAAN9AH/9KwMYwAAAABJRU5ErkJggg==";

static char *
trash_path (Fixture    *f,
            const char *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);

  return g_build_filename (f->store, "trash", name, NULL);
}

/* Adds a photo with an image to the article; returns the image's path. */
static char *
add_photo_with_image (Fixture    *f,
                      const char *id)
{
  g_autofree guchar *png = NULL;
  g_autofree char *source = g_build_filename (f->store, "source.png", NULL);
  g_auto(GStrv) columns = NULL;
  gsize length;

  png = g_base64_decode (png_base64, &length);
  g_assert_true (g_file_set_contents (source, (const char *) png, length, NULL));
  g_assert_cmpint (cli_run (f, "photo", "add", id, "--caption", "A photo", "--file", source),
                   ==, 0);
  g_assert_cmpint (cli_run (f, "photo", "list", id), ==, 0);
  columns = g_strsplit (g_strchomp (f->out), "\t", -1);
  return g_build_filename (f->store, "photos", columns[3], NULL);
}

/* Lines of the last run's output, without the empty last one. */
static char **
out_lines (Fixture *f)
{
  g_autofree char *text = g_strdup (f->out);

  return g_strsplit (g_strchomp (text), "\n", -1);
}

/* Trashing records no time of its own: the file's status-change time is
 * that time, and it lags the clock by a kernel tick at most. */
static void
wait_past_trashing (void)
{
  g_usleep (1500 * 1000);
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *kept = cli_new_article (f, "Still in the store", NULL);
  g_autofree char *first = cli_new_article (f, "Trashed first", NULL);
  g_autofree char *second = cli_new_article (f, "مقال محذوف", NULL);
  g_autoptr(JsonNode) node = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *listed = NULL;
  JsonArray *array;
  JsonObject *newest;

  g_assert_cmpint (cli_run (f, "trash"), ==, 0);
  g_assert_cmpstr (f->out, ==, "");
  g_assert_nonnull (strstr (f->err, "The trash is empty."));
  g_assert_cmpint (cli_run (f, "trash", "--json"), ==, 0);
  g_assert_cmpstr (g_strstrip (f->out), ==, "[]");
  g_assert_cmpstr (f->err, ==, "");

  g_assert_cmpint (cli_run (f, "delete", first), ==, 0);
  wait_past_trashing ();
  g_assert_cmpint (cli_run (f, "delete", second), ==, 0);

  /* Most recently trashed first: id, when (UTC), headline. */
  g_assert_cmpint (cli_run (f, "trash"), ==, 0);
  g_assert_cmpstr (f->err, ==, "");
  lines = out_lines (f);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_true (g_str_has_prefix (lines[0], second));
  g_assert_true (g_str_has_suffix (lines[0], "  مقال محذوف"));
  g_assert_true (g_str_has_prefix (lines[1], first));
  g_assert_true (g_str_has_suffix (lines[1], "  Trashed first"));
  /* "<id>  2026-05-01T09:00:00Z  headline" */
  g_assert_cmpint (lines[1][36 + 2 + 10], ==, 'T');
  g_assert_cmpint (lines[1][36 + 2 + 19], ==, 'Z');
  g_assert_null (strstr (f->out, kept));
  listed = g_strdup (f->out);
  g_assert_cmpint (cli_run (f, "trash", "list"), ==, 0);
  g_assert_cmpstr (f->out, ==, listed);

  g_assert_cmpint (cli_run (f, "trash", "--json"), ==, 0);
  node = json_from_string (f->out, NULL);
  g_assert_nonnull (node);
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  newest = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (newest, "id"), ==, second);
  g_assert_cmpstr (json_object_get_string_member (newest, "headline"), ==, "مقال محذوف");
  /* Trashed after its last save, and after the first one was trashed. */
  g_assert_cmpstr (json_object_get_string_member (newest, "trashed"), >,
                   json_object_get_string_member (newest, "modified"));
  g_assert_cmpstr (json_object_get_string_member (newest, "trashed"), >,
                   json_object_get_string_member (json_array_get_object_element (array, 1),
                                                  "trashed"));

  g_assert_cmpint (cli_run (f, "restore", first), ==, 0);
  g_assert_cmpint (cli_run (f, "trash"), ==, 0);
  g_assert_null (strstr (f->out, first));

  g_assert_cmpint (cli_run (f, "trash", "list", "extra"), ==, 2);
  g_assert_nonnull (strstr (f->err, "“extra”"));
  g_assert_cmpint (cli_run (f, "trash", "recycle"), ==, 2);
  g_assert_nonnull (strstr (f->err, "“trash recycle”"));
  g_assert_nonnull (strstr (f->err, "empty"));
}

/* Deleting for good asks for no confirmation, so it must be told --yes;
 * every refusal names what was wrong and leaves the trash alone. */
static void
test_empty_needs_yes (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = cli_new_article (f, "In the bin", NULL);
  g_autofree char *trashed = trash_path (f, id);
  g_autofree char *real_store = NULL;

  g_assert_cmpint (cli_run (f, "delete", id), ==, 0);

  g_assert_cmpint (cli_run (f, "trash", "empty"), ==, 2);
  g_assert_nonnull (strstr (f->err, "--yes"));
  g_assert_nonnull (strstr (f->err, "--dry-run"));
  g_assert_nonnull (strstr (f->err, "trash empty --help"));
  g_assert_cmpint (cli_run (f, "trash", "empty", "--yes", "--dry-run"), ==, 2);
  g_assert_cmpint (cli_run (f, "trash", "empty", "--older-than", "a month", "--yes"), ==, 2);
  g_assert_nonnull (strstr (f->err, "“a month”"));
  g_assert_nonnull (strstr (f->err, "--older-than"));
  g_assert_cmpint (cli_run (f, "trash", "empty", "--older-than=-3", "--yes"), ==, 2);
  g_assert_nonnull (strstr (f->err, "“-3”"));
  g_assert_cmpint (cli_run (f, "trash", "empty", "--older-than", "", "--yes"), ==, 2);
  g_assert_cmpint (cli_run (f, "trash", "empty", "--yes", "now"), ==, 2);
  g_assert_nonnull (strstr (f->err, "“now”"));
  g_assert_true (g_file_test (trashed, G_FILE_TEST_EXISTS));

  g_assert_cmpint (cli_run (f, "trash", "empty", "--dry-run"), ==, 0);
  g_assert_true (g_str_has_prefix (f->out, id));
  g_assert_nonnull (strstr (f->out, "In the bin"));
  g_assert_true (g_file_test (trashed, G_FILE_TEST_EXISTS));

  /* A missing store is an error, and none is created. */
  real_store = g_steal_pointer (&f->store);
  f->store = g_build_filename (real_store, "not-a-store", NULL);
  g_assert_cmpint (cli_run (f, "trash", "empty", "--yes"), ==, 1);
  g_assert_nonnull (strstr (f->err, "not-a-store"));
  g_assert_false (g_file_test (f->store, G_FILE_TEST_EXISTS));
  g_free (f->store);
  f->store = g_steal_pointer (&real_store);
}

static void
test_empty_older_than (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *old = cli_new_article (f, "Trashed a while ago", NULL);
  g_autofree char *recent = cli_new_article (f, "Trashed just now", NULL);
  g_autofree char *kept = cli_new_article (f, "Never trashed", NULL);
  g_autofree char *old_image = add_photo_with_image (f, old);
  g_autofree char *kept_image = add_photo_with_image (f, kept);
  g_autofree char *old_file = trash_path (f, old);
  g_autofree char *recent_file = trash_path (f, recent);
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (cli_run (f, "delete", old), ==, 0);
  wait_past_trashing ();
  g_assert_cmpint (cli_run (f, "delete", recent), ==, 0);

  /* 0.00001 days is 0.864 s: the first was trashed 1.5 s before the second. */
  g_assert_cmpint (cli_run (f, "trash", "empty", "--older-than", "0.00001", "--dry-run"), ==, 0);
  lines = out_lines (f);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_assert_true (g_str_has_prefix (lines[0], old));
  g_assert_true (g_file_test (old_file, G_FILE_TEST_EXISTS));

  /* A day: nothing is that old. */
  g_assert_cmpint (cli_run (f, "trash", "empty", "--older-than", "1", "--yes"), ==, 0);
  g_assert_nonnull (strstr (f->out, "0 articles deleted for good"));
  g_assert_true (g_file_test (old_file, G_FILE_TEST_EXISTS));

  g_assert_cmpint (cli_run (f, "trash", "empty", "--older-than", "0.00001", "--yes"), ==, 0);
  g_assert_nonnull (strstr (f->out, old));
  g_assert_nonnull (strstr (f->out, "Trashed a while ago"));
  g_assert_nonnull (strstr (f->out, "1 article deleted for good"));
  g_assert_nonnull (strstr (f->out, "1 image file"));
  g_assert_null (strstr (f->out, recent));
  g_assert_false (g_file_test (old_file, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (old_image, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (recent_file, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (kept_image, G_FILE_TEST_EXISTS));

  /* Gone for good: not in the trash, not restorable. */
  g_assert_cmpint (cli_run (f, "trash"), ==, 0);
  g_assert_null (strstr (f->out, old));
  g_assert_nonnull (strstr (f->out, recent));
  g_assert_cmpint (cli_run (f, "restore", old), ==, 1);
  g_assert_nonnull (strstr (f->err, old));

  /* Without --older-than, everything in the trash goes. */
  g_assert_cmpint (cli_run (f, "trash", "empty", "-y"), ==, 0);
  g_assert_nonnull (strstr (f->out, recent));
  g_assert_nonnull (strstr (f->out, "1 article deleted for good"));
  g_assert_null (strstr (f->out, "image"));
  g_assert_cmpint (cli_run (f, "trash"), ==, 0);
  g_assert_cmpstr (f->out, ==, "");
  g_assert_cmpint (cli_run (f, "check"), ==, 0);
  g_assert_cmpint (cli_run (f, "list"), ==, 0);
  g_assert_nonnull (strstr (f->out, kept));
}

/* A trashed file that does not load is named once, still listed as
 * nothing, and emptying deletes it with the others. */
static void
test_damaged_file_in_trash (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *good = cli_new_article (f, "Loads fine", NULL);
  g_autofree char *damaged = trash_path (f, "0b6f1f7e-2d0c-4c43-9a53-3f1e6a2b9c10");
  const char *first;

  g_assert_cmpint (cli_run (f, "delete", good), ==, 0);
  g_assert_true (g_file_set_contents (damaged, "{\"format\": 1, \"ninjs\": {", -1, NULL));

  g_assert_cmpint (cli_run (f, "trash"), ==, 0);
  g_assert_true (g_str_has_prefix (f->out, good));
  g_assert_null (strstr (f->out, "0b6f1f7e"));
  first = strstr (f->err, damaged);
  g_assert_nonnull (first);
  g_assert_null (strstr (first + 1, damaged));
  g_assert_nonnull (strstr (f->err, "does not load"));

  g_assert_cmpint (cli_run (f, "trash", "empty", "--yes"), ==, 0);
  g_assert_nonnull (strstr (f->out,
                            "Deleted 0b6f1f7e-2d0c-4c43-9a53-3f1e6a2b9c10  (did not load)"));
  g_assert_nonnull (strstr (f->out, "Loads fine"));
  g_assert_nonnull (strstr (f->out, "2 articles deleted for good"));
  g_assert_false (g_file_test (damaged, G_FILE_TEST_EXISTS));
  /* Emptied, the damaged file is gone too: nothing left to report. */
  g_assert_cmpint (cli_run (f, "trash"), ==, 0);
  g_assert_cmpstr (f->out, ==, "");
  g_assert_cmpstr (f->err, ==, "The trash is empty.\n");
}

/* Sets a file's times two days back: older than any grace for young
 * images. */
static void
make_old (const char *path)
{
  struct utimbuf times;

  times.actime = times.modtime = (time_t) (g_get_real_time () / G_USEC_PER_SEC - 2 * 24 * 60 * 60);
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

/* "photo remove" leaves the image; "photo prune" lists it (dry run),
 * then removes it with the size freed, and keeps images still in use. */
static void
test_photo_prune (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = cli_new_article (f, "Harbour at dawn", "Boats.\n");
  g_autofree char *other = cli_new_article (f, "Harbour at dusk", "More boats.\n");
  g_autofree char *removed = add_photo_with_image (f, id);
  g_autofree char *kept = add_photo_with_image (f, other);
  g_autofree char *name = g_path_get_basename (removed);
  g_autofree char *dry_line = g_strdup_printf ("Would remove photos/%s\n", name);
  g_autofree char *done_line = g_strdup_printf ("Removed photos/%s\n", name);
  g_autofree char *freed = NULL;
  GStatBuf st;

  g_assert_cmpint (g_stat (removed, &st), ==, 0);
  freed = g_strdup_printf ("freeing %u bytes.\n", (guint) st.st_size);
  g_assert_cmpint (cli_run (f, "photo", "remove", id, "1"), ==, 0);
  g_assert_true (g_file_test (removed, G_FILE_TEST_IS_REGULAR));
  make_old (removed);
  make_old (kept);

  g_assert_cmpint (cli_run (f, "photo", "prune", "--dry-run"), ==, 0);
  g_assert_true (g_str_has_prefix (f->out, dry_line));
  g_assert_nonnull (strstr (f->out, "1 unused image file would be removed, freeing "));
  g_assert_nonnull (strstr (f->out, freed));
  g_assert_true (g_file_test (removed, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (cli_run (f, "photo", "prune"), ==, 0);
  g_assert_true (g_str_has_prefix (f->out, done_line));
  g_assert_nonnull (strstr (f->out, "1 unused image file was removed, freeing "));
  g_assert_nonnull (strstr (f->out, freed));
  g_assert_false (g_file_test (removed, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (cli_run (f, "photo", "prune"), ==, 0);
  g_assert_cmpstr (f->out, ==, "No image file in photos/ is unused; nothing to remove.\n");
  g_assert_cmpint (cli_run (f, "photo", "prune", "extra"), ==, 2);
  g_assert_cmpint (cli_run (f, "photo", "prune", "--help"), ==, 0);
  g_assert_nonnull (strstr (f->out, "--dry-run"));
  g_assert_nonnull (strstr (f->out, "during the last day"));
  g_assert_cmpint (cli_run (f, "photo", "--help"), ==, 0);
  g_assert_nonnull (strstr (f->out, "photo prune [--dry-run]"));
}

/* "trash empty" prunes what "photo remove" left behind once it deleted
 * an article, and counts it with the images of the articles deleted. */
static void
test_empty_prunes_photos (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *id = cli_new_article (f, "Harbour at noon", "Boats.\n");
  g_autofree char *trashed = cli_new_article (f, "Old news", "Gone.\n");
  g_autofree char *removed = add_photo_with_image (f, id);

  g_assert_cmpint (cli_run (f, "photo", "remove", id, "1"), ==, 0);
  make_old (removed);
  g_assert_cmpint (cli_run (f, "delete", trashed), ==, 0);
  g_assert_cmpint (cli_run (f, "trash", "empty", "--yes"), ==, 0);
  g_assert_nonnull (strstr (f->out, "1 article deleted for good\n"));
  g_assert_nonnull (strstr (f->out, "1 image file that no other article uses was deleted too\n"));
  g_assert_false (g_file_test (removed, G_FILE_TEST_EXISTS));
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  g_assert_cmpint (cli_run (f, "--help"), ==, 0);
  g_assert_nonnull (strstr (f->out, "\n  trash "));
  g_assert_cmpint (cli_run (f, "trash", "--help"), ==, 0);
  g_assert_nonnull (strstr (f->out, "trash empty [--older-than DAYS]"));
  g_assert_cmpint (cli_run (f, "trash", "empty", "--help"), ==, 0);
  g_assert_nonnull (strstr (f->out, "--older-than=DAYS"));
  g_assert_nonnull (strstr (f->out, "--yes"));
  g_assert_cmpint (cli_run (f, "trash", "list", "--help"), ==, 0);
  g_assert_nonnull (strstr (f->out, "--json"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, cli_fixture_set_up, func, cli_fixture_tear_down)
  ADD ("/cli-trash/list", test_list);
  ADD ("/cli-trash/empty-needs-yes", test_empty_needs_yes);
  ADD ("/cli-trash/empty-older-than", test_empty_older_than);
  ADD ("/cli-trash/damaged-file-in-trash", test_damaged_file_in_trash);
  ADD ("/cli-trash/photo-prune", test_photo_prune);
  ADD ("/cli-trash/empty-prunes-photos", test_empty_prunes_photos);
  ADD ("/cli-trash/help", test_help);
#undef ADD

  return g_test_run ();
}

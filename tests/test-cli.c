/* test-cli.c: copydesk-cli end to end, on a temporary store
 *
 * Each test runs the real binary (COPYDESK_CLI) as a subprocess, the way an
 * editor's script would, and checks its output, its exit status and the
 * files it leaves in the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-runner.h"

typedef CliFixture Fixture;

/* A 2×1 PNG, so that photo --file has a real image to copy. */
static const char png_base64[] =
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDAAAAN9AH/9KwMYwAAAABJRU5ErkJggg==";

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static char *
write_temp_file (Fixture    *f,
                 const char *name,
                 const char *contents,
                 gssize      length)
{
  char *path = g_build_filename (f->store, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

static void
test_new_list_show (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *first = cli_new_article (f, "Harbour bridge reopens", NULL);
  g_autofree char *second = cli_new_article (f, "مهرجان الكتاب يفتح أبوابه", NULL);
  g_autoptr(JsonNode) list = NULL;
  JsonArray *array;

  g_assert_cmpint (cli_run (f, "list"), ==, 0);
  /* Newest first, full ids, status, time, headline. */
  g_assert_true (g_str_has_prefix (f->out, second));
  g_assert_nonnull (strstr (f->out, first));
  g_assert_nonnull (strstr (f->out, "draft"));
  g_assert_nonnull (strstr (f->out, "مهرجان الكتاب يفتح أبوابه"));

  g_assert_cmpint (cli_run (f, "list", "--json"), ==, 0);
  list = parse_json (f->out);
  array = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "id"),
                   ==, second);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1),
                                                  "headline"), ==, "Harbour bridge reopens");

  g_assert_cmpint (cli_run (f, "show", first), ==, 0);
  g_assert_nonnull (strstr (f->out, "Harbour bridge reopens"));
  g_assert_nonnull (strstr (f->out, first));
}

static void
test_set_every_field (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = cli_new_article (f, "Draft headline", NULL);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *ninjs;
  const char *fields[][2] = {
    { "headline", "Ferry timetable changes" },
    { "standfirst", "The first boat leaves earlier" },
    { "byline", "Lina Sabbagh" },
    { "dateline", "Tyre" },
    { "section", "Local" },
    { "tags", "transport, ferries ,transport" },
    { "language", "en-GB" },
    { "status", "ready" },
    { "note", "Confirm times with the port" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_cmpint (cli_run (f, "set", id, fields[i][0], fields[i][1]), ==, 0);

  g_assert_cmpint (cli_run (f, "show", "--json", id), ==, 0);
  node = parse_json (f->out);
  ninjs = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (
                       json_object_get_array_member (ninjs, "headlines"), 0), "value"),
                   ==, "Ferry timetable changes");
  g_assert_cmpstr (json_object_get_string_member (ninjs, "by"), ==, "Lina Sabbagh");
  g_assert_cmpstr (json_object_get_string_member (ninjs, "located"), ==, "Tyre");
  g_assert_cmpstr (json_object_get_string_member (ninjs, "language"), ==, "en-GB");
  g_assert_cmpstr (json_object_get_string_member (ninjs, "edNote"), ==,
                   "Confirm times with the port");
  /* Section plus two distinct tags. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ninjs, "subjects")),
                    ==, 3);

  g_assert_cmpint (cli_run (f, "list"), ==, 0);
  g_assert_nonnull (strstr (f->out, "ready"));
}

static void
test_set_rejects_bad_input (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *id = cli_new_article (f, "Unchanged headline", NULL);
  g_autofree char *before = cli_article_file (f, id);
  g_autofree char *after = NULL;

  g_assert_cmpint (cli_run (f, "set", id, "colour", "red"), ==, 2);
  g_assert_nonnull (strstr (f->err, "colour"));
  g_assert_cmpint (cli_run (f, "set", id, "status", "sent"), ==, 2);
  g_assert_nonnull (strstr (f->err, "sent"));
  g_assert_cmpint (cli_run (f, "set", "ffffffff", "headline", "x"), ==, 1);
  g_assert_nonnull (strstr (f->err, "ffffffff"));

  after = cli_article_file (f, id);
  g_assert_cmpstr (before, ==, after);
}

/* A line break in a one-line field broke "list" (one article a line), the
 * Markdown export's "# headline" and "photo list" (one photo a line); an
 * empty headline or caption was refused by "new" and "photo add" when
 * missing but taken when given as "". None of them changes the file. */
static void
test_set_rejects_broken_lines_and_blanks (Fixture       *f,
                                          gconstpointer  data)
{
  g_autofree char *id = cli_new_article (f, "Unchanged headline", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *one_line_fields[] = { "headline", "standfirst", "byline", "dateline", "section",
                                    "tags", "language" };

  g_assert_cmpint (cli_run (f, "photo", "add", id, "--caption", "The quay"), ==, 0);
  before = cli_article_file (f, id);
  for (guint i = 0; i < G_N_ELEMENTS (one_line_fields); i++)
    {
      g_assert_cmpint (cli_run (f, "set", id, one_line_fields[i], "first line\nsecond line"), ==, 2);
      g_assert_nonnull (strstr (f->err, one_line_fields[i]));
      g_assert_cmpint (cli_run (f, "set", id, one_line_fields[i], "carriage\rreturn"), ==, 2);
    }
  g_assert_cmpint (cli_run (f, "set", id, "headline", ""), ==, 2);
  g_assert_cmpint (cli_run (f, "set", id, "headline", "  "), ==, 2);
  g_assert_nonnull (strstr (f->err, "headline"));
  g_assert_cmpint (cli_run (f, "photo", "add", id, "--caption", ""), ==, 2);
  g_assert_nonnull (strstr (f->err, "caption"));
  g_assert_cmpint (cli_run (f, "photo", "add", id, "--caption", "Two\nlines"), ==, 2);
  g_assert_cmpint (cli_run (f, "photo", "set", id, "1", "--credit", "AFP\n"), ==, 2);
  g_assert_cmpint (cli_run (f, "photo", "set", id, "1", "--caption", ""), ==, 2);
  /* Nothing asked for: say so rather than save an unchanged article. */
  g_assert_cmpint (cli_run (f, "photo", "set", id, "1"), ==, 2);
  after = cli_article_file (f, id);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpint (cli_run (f, "new", "--headline", "Two\nlines"), ==, 2);
  g_assert_cmpint (cli_run (f, "list"), ==, 0);
  g_assert_null (strstr (f->out, "Two"));

  /* The editor's note may take several lines. */
  g_assert_cmpint (cli_run (f, "set", id, "note", "Check the times.\nCall the port."), ==, 0);
}

static void
test_set_body (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = cli_new_article (f, "Market reopens", NULL);
  g_autofree char *body_path = write_temp_file (f, "body.md", "First paragraph.\n\nSecond.\n", -1);
  g_autofree char *bad_path = write_temp_file (f, "bad.md", "caf\xe9 au lait\n", -1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (cli_run (f, "set-body", id, body_path), ==, 0);
  g_assert_cmpint (cli_run (f, "show", id), ==, 0);
  g_assert_nonnull (strstr (f->out, "First paragraph.\n\nSecond."));

  g_assert_cmpint (cli_run_with_input (f, "From standard input.\n", "set-body", id, "-", NULL), ==, 0);
  g_assert_cmpint (cli_run (f, "show", id), ==, 0);
  g_assert_nonnull (strstr (f->out, "From standard input."));

  /* Not UTF-8: named with its byte offset, article untouched. */
  before = cli_article_file (f, id);
  g_assert_cmpint (cli_run (f, "set-body", id, bad_path), ==, 1);
  g_assert_nonnull (strstr (f->err, "UTF-8"));
  g_assert_nonnull (strstr (f->err, "byte 3"));
  after = cli_article_file (f, id);
  g_assert_cmpstr (before, ==, after);
}

/* An empty file (a draft saved by a crashed editor, a typo'd redirect)
 * must not wipe the body, nor crash the program. */
static void
test_set_body_empty_file (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *id = cli_new_article (f, "Market reopens", NULL);
  g_autofree char *body_path = write_temp_file (f, "body.md", "The body to keep.\n", -1);
  g_autofree char *empty_path = write_temp_file (f, "empty.md", "", 0);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *empty_id = NULL;

  g_assert_cmpint (cli_run (f, "set-body", id, body_path), ==, 0);
  before = cli_article_file (f, id);
  g_assert_cmpint (cli_run (f, "set-body", id, empty_path), ==, 1);
  g_assert_nonnull (strstr (f->err, "empty.md"));
  g_assert_nonnull (strstr (f->err, "empty"));
  g_assert_cmpint (cli_run_with_input (f, "", "set-body", id, "-", NULL), ==, 1);
  after = cli_article_file (f, id);
  g_assert_cmpstr (before, ==, after);

  /* A new article may start with no body. */
  g_assert_cmpint (cli_run (f, "new", "--headline", "No body yet", "--body-file", empty_path), ==, 0);
  empty_id = g_strstrip (g_strdup (f->out));
  g_assert_true (g_uuid_string_is_valid (empty_id));
}

static void
test_photos (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *id = cli_new_article (f, "Observatory opens", NULL);
  g_autofree char *prefix = NULL;
  g_autofree guchar *png = NULL;
  g_autofree char *png_path = NULL;
  g_autofree char *not_image = write_temp_file (f, "notes.png", "just text", -1);
  gsize png_len;

  png = g_base64_decode (png_base64, &png_len);
  png_path = write_temp_file (f, "roof.png", (const char *) png, png_len);

  g_assert_cmpint (cli_run (f, "photo", "add", id, "--caption", "Visitors on the roof",
                        "--credit", "Staff photo/Harbour Times", "--alt", "People at a telescope",
                        "--photographer", "Omar Aziz", "--file", png_path), ==, 0);
  g_assert_cmpint (cli_run (f, "photo", "add", id, "--caption", "The dome at night"), ==, 0);

  g_assert_cmpint (cli_run (f, "photo", "list", id), ==, 0);
  g_assert_nonnull (strstr (f->out, "1\tStaff photo/Harbour Times\tVisitors on the roof"));
  g_assert_nonnull (strstr (f->out, "2\t\tThe dome at night\t\n"));

  /* A unique prefix is enough. */
  prefix = g_strndup (id, 8);
  g_assert_cmpint (cli_run (f, "photo", "set", prefix, "2", "--credit", "رويترز"), ==, 0);
  g_assert_cmpint (cli_run (f, "photo", "list", id), ==, 0);
  g_assert_nonnull (strstr (f->out, "2\tرويترز\tThe dome at night"));

  g_assert_cmpint (cli_run (f, "photo", "set", id, "3", "--credit", "AP"), ==, 1);
  g_assert_cmpint (cli_run (f, "photo", "set", id, "zero", "--credit", "AP"), ==, 2);
  g_assert_cmpint (cli_run (f, "photo", "add", id, "--caption", "x", "--file", not_image), ==, 1);
  g_assert_cmpint (cli_run (f, "photo", "list", id), ==, 0);
  g_assert_null (strstr (f->out, "3\t"));

  g_assert_cmpint (cli_run (f, "check"), ==, 0);
  g_assert_cmpint (cli_run (f, "show", "--json", id), ==, 0);
  g_assert_nonnull (strstr (f->out, "\"width\" : 2"));
  g_assert_nonnull (strstr (f->out, "\"copyrightNotice\" : \"Staff photo/Harbour Times\""));

  /* An image file lost from photos/ is reported by check. */
  g_assert_cmpint (cli_run (f, "photo", "list", id), ==, 0);
  {
    g_auto(GStrv) lines = g_strsplit (f->out, "\n", -1);
    g_auto(GStrv) columns = g_strsplit (lines[0], "\t", -1);
    g_autofree char *image = g_build_filename (f->store, "photos", columns[3], NULL);

    g_assert_cmpint (g_unlink (image), ==, 0);
  }
  g_assert_cmpint (cli_run (f, "check"), ==, 1);
  g_assert_nonnull (strstr (f->err, "photo 1"));
  g_assert_nonnull (strstr (f->err, "missing"));
}

/* The photo captions in "photo list" order, one string: "A|B|C". */
static char *
photo_captions (Fixture    *f,
                const char *id)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) captions = g_string_new (NULL);

  g_assert_cmpint (cli_run (f, "photo", "list", id), ==, 0);
  lines = g_strsplit (f->out, "\n", -1);
  for (guint i = 0; lines[i] && *lines[i]; i++)
    {
      g_auto(GStrv) columns = g_strsplit (lines[i], "\t", -1);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      g_assert_cmpstr (columns[0], ==, number);
      g_string_append_printf (captions, "%s%s", i > 0 ? "|" : "", columns[2]);
    }
  return g_string_free (g_steal_pointer (&captions), FALSE);
}

/* The image file of photo N, as "photo list" names it. */
static char *
photo_image_path (Fixture    *f,
                  const char *id,
                  guint       number)
{
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) columns = NULL;

  g_assert_cmpint (cli_run (f, "photo", "list", id), ==, 0);
  lines = g_strsplit (f->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, number);
  columns = g_strsplit (lines[number - 1], "\t", -1);
  return g_build_filename (f->store, "photos", columns[3], NULL);
}

static void
test_photo_move (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *id = cli_new_article (f, "Three photos", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *order = NULL;
  const char *captions[] = { "Alpha", "Beta", "Gamma" };

  for (guint i = 0; i < G_N_ELEMENTS (captions); i++)
    g_assert_cmpint (cli_run (f, "photo", "add", id, "--caption", captions[i]), ==, 0);

  g_assert_cmpint (cli_run (f, "photo", "move", id, "3", "1"), ==, 0);
  order = photo_captions (f, id);
  g_assert_cmpstr (order, ==, "Gamma|Alpha|Beta");
  g_clear_pointer (&order, g_free);
  g_assert_cmpint (cli_run (f, "photo", "move", id, "1", "3"), ==, 0);
  order = photo_captions (f, id);
  g_assert_cmpstr (order, ==, "Alpha|Beta|Gamma");
  g_clear_pointer (&order, g_free);
  g_assert_cmpint (cli_run (f, "photo", "move", id, "2", "2"), ==, 0);

  /* Out of range: a failure naming the article and the number; not a
   * number: a usage error naming the word. The file stays as it was. */
  before = cli_article_file (f, id);
  g_assert_cmpint (cli_run (f, "photo", "move", id, "4", "1"), ==, 1);
  g_assert_nonnull (strstr (f->err, id));
  g_assert_nonnull (strstr (f->err, "3 photos"));
  g_assert_nonnull (strstr (f->err, "photo 4"));
  g_assert_cmpint (cli_run (f, "photo", "move", id, "1", "9"), ==, 1);
  g_assert_nonnull (strstr (f->err, "9"));
  g_assert_cmpint (cli_run (f, "photo", "move", id, "1", "0"), ==, 2);
  g_assert_nonnull (strstr (f->err, "“0”"));
  /* The hint names the command whose options were wrong. */
  g_assert_nonnull (strstr (f->err, "Try “copydesk-cli photo move --help”"));
  g_assert_cmpint (cli_run (f, "photo", "move", id, "first", "2"), ==, 2);
  g_assert_nonnull (strstr (f->err, "“first”"));
  g_assert_cmpint (cli_run (f, "photo", "move", id, "1"), ==, 2);
  g_assert_cmpint (cli_run (f, "photo", "move", "ffffffff", "1", "2"), ==, 1);
  g_assert_nonnull (strstr (f->err, "ffffffff"));
  after = cli_article_file (f, id);
  g_assert_cmpstr (before, ==, after);
}

static void
test_photo_remove (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id = cli_new_article (f, "Photos to cut", NULL);
  g_autofree char *other = cli_new_article (f, "Another story", NULL);
  g_autofree guchar *png = NULL;
  g_autofree char *png_path = NULL;
  g_autofree char *first_image = NULL;
  g_autofree char *last_image = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *order = NULL;
  gsize png_len;

  png = g_base64_decode (png_base64, &png_len);
  png_path = write_temp_file (f, "pier.png", (const char *) png, png_len);
  g_assert_cmpint (cli_run (f, "photo", "add", id, "--caption", "The pier", "--credit", "AFP",
                            "--file", png_path), ==, 0);
  g_assert_cmpint (cli_run (f, "photo", "add", id, "--caption", "The crowd"), ==, 0);
  g_assert_cmpint (cli_run (f, "photo", "add", id, "--caption", "الميناء", "--file", png_path),
                   ==, 0);
  g_assert_cmpint (cli_run (f, "photo", "add", other, "--caption", "Elsewhere"), ==, 0);
  first_image = photo_image_path (f, id, 1);
  last_image = photo_image_path (f, id, 3);

  g_assert_cmpint (cli_run (f, "photo", "remove", id, "2"), ==, 0);
  g_assert_nonnull (strstr (f->out, "2"));
  g_assert_nonnull (strstr (f->out, "The crowd"));
  order = photo_captions (f, id);
  g_assert_cmpstr (order, ==, "The pier|الميناء");
  g_clear_pointer (&order, g_free);

  /* The photos after it moved up: number 2 is now the last one. */
  g_assert_cmpint (cli_run (f, "photo", "remove", id, "1"), ==, 0);
  g_assert_nonnull (strstr (f->out, "The pier"));
  order = photo_captions (f, id);
  g_assert_cmpstr (order, ==, "الميناء");
  g_clear_pointer (&order, g_free);

  /* The store never deletes an image: the removed photo's file is still
   * there, and so is the one the remaining photo shows. */
  g_assert_true (g_file_test (first_image, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (last_image, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (cli_run (f, "check"), ==, 0);

  before = cli_article_file (f, id);
  g_assert_cmpint (cli_run (f, "photo", "remove", id, "2"), ==, 1);
  g_assert_nonnull (strstr (f->err, id));
  g_assert_nonnull (strstr (f->err, "1 photo;"));
  g_assert_nonnull (strstr (f->err, "photo 2"));
  g_assert_cmpint (cli_run (f, "photo", "remove", id, "-1"), ==, 2);
  g_assert_cmpint (cli_run (f, "photo", "remove", id, "two"), ==, 2);
  g_assert_nonnull (strstr (f->err, "“two”"));
  g_assert_cmpint (cli_run (f, "photo", "remove", id), ==, 2);
  g_assert_nonnull (strstr (f->err, "photo number"));
  after = cli_article_file (f, id);
  g_assert_cmpstr (before, ==, after);

  /* The other article was not touched. */
  order = photo_captions (f, other);
  g_assert_cmpstr (order, ==, "Elsewhere");

  g_assert_cmpint (cli_run (f, "photo", "remove", id, "1"), ==, 0);
  g_assert_cmpint (cli_run (f, "photo", "list", id), ==, 0);
  g_assert_cmpstr (f->out, ==, "");
  g_assert_cmpint (cli_run (f, "photo", "remove", id, "1"), ==, 1);
  g_assert_nonnull (strstr (f->err, "0 photos"));
}

/* A subcommand that is missing or wrong is named, with those there are. */
static void
test_subcommand_usage (Fixture       *f,
                       gconstpointer  data)
{
  const char *commands[] = { "photo", "site", "queue" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *wrong = g_strdup_printf ("“%s frobnicate”", commands[i]);

      g_assert_cmpint (cli_run (f, commands[i]), ==, 2);
      g_assert_nonnull (strstr (f->err, commands[i]));
      g_assert_nonnull (strstr (f->err, "list"));
      g_assert_cmpint (cli_run (f, commands[i], "frobnicate"), ==, 2);
      g_assert_nonnull (strstr (f->err, wrong));
      g_assert_nonnull (strstr (f->err, "list"));
      g_assert_cmpint (cli_run (f, commands[i], "--help"), ==, 0);
      g_assert_nonnull (strstr (f->out, "Usage"));
      g_assert_cmpstr (f->err, ==, "");
    }
  g_assert_cmpint (cli_run (f, "photo", "--help"), ==, 0);
  g_assert_nonnull (strstr (f->out, "photo remove ID N"));
  g_assert_nonnull (strstr (f->out, "photo move ID N TO"));
  g_assert_cmpint (cli_run (f, "photo", "remove", "--help"), ==, 0);
  g_assert_nonnull (strstr (f->out, "photo remove"));
  g_assert_cmpint (cli_run (f, "site", "list", "extra"), ==, 2);
  g_assert_nonnull (strstr (f->err, "“extra”"));
}

static void
test_delete_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = cli_new_article (f, "Storm warning lifted", NULL);
  g_autofree char *trashed = NULL;

  g_assert_cmpint (cli_run (f, "delete", id), ==, 0);
  g_assert_cmpint (cli_run (f, "list"), ==, 0);
  g_assert_null (strstr (f->out, id));
  trashed = g_strdup_printf ("%s/trash/%s.json", f->store, id);
  g_assert_true (g_file_test (trashed, G_FILE_TEST_EXISTS));

  g_assert_cmpint (cli_run (f, "show", id), ==, 1);
  g_assert_cmpint (cli_run (f, "restore", id), ==, 0);
  g_assert_cmpint (cli_run (f, "list"), ==, 0);
  g_assert_nonnull (strstr (f->out, id));
  g_assert_cmpint (cli_run (f, "restore", id), ==, 1);
}

static void
test_prefixes (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *shared = NULL;

  /* Seventeen ids over sixteen hex digits: two must share a first digit. */
  for (guint i = 0; i < 17 && shared == NULL; i++)
    {
      g_autofree char *headline = g_strdup_printf ("Story %u", i);
      char *id = cli_new_article (f, headline, NULL);
      char *first = g_strndup (id, 1);

      if (g_hash_table_contains (seen, first))
        shared = g_strdup (first);
      g_hash_table_insert (seen, first, id);
    }
  g_assert_nonnull (shared);
  g_assert_cmpint (cli_run (f, "show", shared), ==, 1);
  g_assert_nonnull (strstr (f->err, shared));
  g_assert_cmpint (cli_run (f, "show", "not-an-id"), ==, 1);
}

static void
validate_ninjs (const char *json)
{
  const char *shared = g_getenv ("COPYDESK_SHARED_DIR");
  g_autofree char *schema = NULL;
  g_autofree char *script = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;

  schema = g_build_filename (shared ? shared : "", "ninjs", "ninjs-schema_3.1.json", NULL);
  if (shared == NULL || !g_file_test (schema, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("../shared/ninjs/ninjs-schema_3.1.json is absent: schema not checked");
      return;
    }
  script = g_test_build_filename (G_TEST_DIST, "validate-ninjs.py", NULL);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                              G_SUBPROCESS_FLAGS_STDERR_MERGE, &error,
                              "/usr/bin/python3", script, schema, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, json, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (process) != 0)
    g_error ("ninjs export does not validate:\n%s", out);
}

static void
test_export_ninjs (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *a = cli_new_article (f, "Bridge reopens", NULL);
  g_autofree char *b = cli_new_article (f, "مهرجان الكتاب", NULL);
  g_autofree char *body = write_temp_file (f, "b.md", "Para one.\n\nPara *two*.\n", -1);
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;
  JsonObject *first;

  g_assert_cmpint (cli_run (f, "set-body", a, body), ==, 0);
  g_assert_cmpint (cli_run (f, "set", a, "section", "Local"), ==, 0);
  g_assert_cmpint (cli_run (f, "set", b, "language", "ar"), ==, 0);
  g_assert_cmpint (cli_run (f, "photo", "add", a, "--caption", "The bridge", "--credit", "AFP"), ==, 0);

  g_assert_cmpint (cli_run (f, "export", "--format", "ninjs"), ==, 0);
  validate_ninjs (f->out);
  node = parse_json (f->out);
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  /* Newest first: a was saved last. */
  first = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "uri") + strlen ("urn:uuid:"), ==, a);
  g_assert_cmpstr (json_object_get_string_member (first, "type"), ==, "text");
  g_assert_true (json_object_has_member (first, "associations"));

  g_assert_cmpint (cli_run (f, "export", b), ==, 0);
  validate_ninjs (f->out);
  g_assert_nonnull (strstr (f->out, "\"language\" : \"ar\""));

  g_assert_cmpint (cli_run (f, "export", "--format", "yaml"), ==, 2);
  g_assert_nonnull (strstr (f->err, "yaml"));
  g_assert_cmpint (cli_run (f, "export", a, "0000"), ==, 1);
  g_assert_cmpstr (f->out, ==, "");
}

static void
test_export_html_escapes_raw_html (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *id = cli_new_article (f, "Council <b>vote</b>", NULL);
  g_autofree char *body = write_temp_file (f, "b.md",
                                           "A *fair* vote.\n\n<script>alert(1)</script>\n\n"
                                           "Inline <img src=x onerror=alert(2)> tag.\n", -1);

  g_assert_cmpint (cli_run (f, "set-body", id, body), ==, 0);
  g_assert_cmpint (cli_run (f, "export", "--format", "html", id), ==, 0);
  g_assert_null (strstr (f->out, "<script>"));
  g_assert_null (strstr (f->out, "<img src=x"));
  g_assert_nonnull (strstr (f->out, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  g_assert_nonnull (strstr (f->out, "<em>fair</em>"));
  g_assert_nonnull (strstr (f->out, "<h1>Council &lt;b&gt;vote&lt;/b&gt;</h1>"));
  g_assert_cmpint (cli_run (f, "export", "--format", "text", id), ==, 0);
  g_assert_nonnull (strstr (f->out, "A fair vote.\n\n<script>alert(1)</script>\n\n"));
  g_assert_cmpint (cli_run (f, "export", "--format", "markdown", id), ==, 0);
  /* The headline is plain text, escaped; the body is Markdown, as it is. */
  g_assert_true (g_str_has_prefix (f->out, "# Council \\<b>vote\\</b>\n\nA *fair* vote."));
}

/* Every export carries the fields an editor filled in: the dateline went
 * missing from the Markdown and text exports. */
static void
test_export_keeps_byline_and_dateline (Fixture       *f,
                                       gconstpointer  data)
{
  const char *formats[] = { "html", "markdown", "text" };
  g_autofree char *id = cli_new_article (f, "Ferry timetable changes", NULL);
  g_autofree char *body = write_temp_file (f, "b.md", "The first boat leaves earlier.\n", -1);

  g_assert_cmpint (cli_run (f, "set-body", id, body), ==, 0);
  g_assert_cmpint (cli_run (f, "set", id, "byline", "Lina Sabbagh"), ==, 0);
  g_assert_cmpint (cli_run (f, "set", id, "dateline", "Tyre"), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      const char *byline, *dateline, *text;

      g_assert_cmpint (cli_run (f, "export", "--format", formats[i], id), ==, 0);
      byline = strstr (f->out, "Lina Sabbagh");
      dateline = strstr (f->out, "Tyre");
      text = strstr (f->out, "The first boat leaves earlier.");
      g_assert_nonnull (byline);
      g_assert_nonnull (dateline);
      g_assert_nonnull (text);
      /* In reading order: byline, dateline, then the body. */
      g_assert_true (byline < dateline && dateline < text);
    }
}

static void
test_check_quarantines (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *good = cli_new_article (f, "Still here", NULL);
  g_autofree char *bad_path = g_build_filename (f->store, "articles",
                                                "0b6f1f7e-2d0c-4c43-9a53-3f1e6a2b9c10.json", NULL);
  g_autofree char *moved = g_build_filename (f->store, "quarantine",
                                             "0b6f1f7e-2d0c-4c43-9a53-3f1e6a2b9c10.json", NULL);
  g_autofree char *moved_bytes = NULL;

  g_assert_true (g_file_set_contents (bad_path, "{\"format\": 1, \"ninjs\": {\"uri", -1, NULL));
  g_assert_cmpint (cli_run (f, "check"), ==, 1);
  g_assert_nonnull (strstr (f->err, "0b6f1f7e-2d0c-4c43-9a53-3f1e6a2b9c10.json"));
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (moved, &moved_bytes, NULL, NULL));
  g_assert_cmpstr (moved_bytes, ==, "{\"format\": 1, \"ninjs\": {\"uri");

  g_assert_cmpint (cli_run (f, "check"), ==, 0);
  g_assert_cmpint (cli_run (f, "list"), ==, 0);
  g_assert_nonnull (strstr (f->out, good));
}

static void
test_help_and_usage (Fixture       *f,
                     gconstpointer  data)
{
  const char *commands[] = { "new", "list", "show", "set", "set-body", "photo", "delete",
                             "restore", "export", "check" };
  g_autofree char *articles = g_build_filename (f->store, "articles", NULL);

  g_assert_cmpint (cli_run (f, "--help"), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_assert_cmpint (cli_run (f, commands[i], "--help"), ==, 0);
      g_assert_nonnull (strstr (f->out, "Usage"));
      g_assert_nonnull (strstr (f->out, commands[i]));
    }
  /* Help never creates a store. */
  g_assert_false (g_file_test (articles, G_FILE_TEST_EXISTS));

  /* Reading a store that is not there is an error, and creates nothing. */
  g_assert_cmpint (cli_run (f, "list"), ==, 1);
  g_assert_nonnull (strstr (f->err, "no Copydesk store"));
  g_assert_false (g_file_test (articles, G_FILE_TEST_EXISTS));

  g_assert_cmpint (cli_run (f, "frobnicate"), ==, 2);
  g_assert_nonnull (strstr (f->err, "frobnicate"));
  g_assert_cmpint (cli_run_with_input (f, NULL, NULL), ==, 2);
  g_assert_cmpint (cli_run (f, "new"), ==, 2);
  g_assert_nonnull (strstr (f->err, "--headline"));
}

/* Terminal columns, counted as a terminal does (and as glibc's wcwidth):
 * combining and format characters none, East Asian wide ones two. */
static guint
display_width (const char *text,
               gssize      length)
{
  const char *end = length < 0 ? text + strlen (text) : text + length;
  guint width = 0;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_iszerowidth (c))
        width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

#define FSI "\xe2\x81\xa8"
#define PDI "\xe2\x81\xa9"

/* Where (in columns) value starts on the line of text that holds it, and
 * its byte offset there; an isolate around it must be whole. */
static guint
value_column_of (const char *text,
                 const char *value,
                 gsize      *bytes)
{
  const char *found = strstr (text, value);
  const char *line;

  g_assert_nonnull (found);
  for (line = found; line > text && line[-1] != '\n'; line--)
    ;
  if (found - line >= 3 && memcmp (found - 3, FSI, 3) == 0)
    {
      g_assert_true (strncmp (found + strlen (value), PDI "\n", 4) == 0);
      found -= 3;
    }
  if (bytes)
    *bytes = (gsize) (found - line);
  return display_width (line, found - line);
}

/* An article whose values are Arabic with harakat, wide Chinese, Latin
 * with a combining accent, and a note on two lines. */
static char *
new_mixed_article (Fixture *f)
{
  char *id = cli_new_article (f, "مُحَمَّد يَفُوز بالجائزة", "نص المقال.\n");

  g_assert_cmpint (cli_run (f, "set", id, "byline", "東京支局"), ==, 0);
  g_assert_cmpint (cli_run (f, "set", id, "section", "Culture"), ==, 0);
  g_assert_cmpint (cli_run (f, "set", id, "tags", "ثقافة, 書籍"), ==, 0);
  g_assert_cmpint (cli_run (f, "set", id, "note", "Check the name\nالسطر الثاني"), ==, 0);
  g_assert_cmpint (cli_run (f, "photo", "add", id, "--caption", "صورة من الحفل",
                            "--credit", "AFP", "--photographer", "Zoe\xcc\x88 Brandt"), ==, 0);
  return id;
}

static const char * const mixed_values[] = {
  "مُحَمَّد يَفُوز بالجائزة", "東京支局", "Culture", "ثقافة, 書籍", "draft", "Check the name",
  "السطر الثاني", "صورة من الحفل", "AFP", "Zoe\xcc\x88 Brandt",
};

/* "show" lined its values up by bytes: an Arabic label or value, whose
 * letters take two bytes, or a wide character, pushed the value out. */
static void
test_show_aligns_by_display_width (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *id = new_mixed_article (f);

  g_assert_cmpint (cli_run (f, "show", id), ==, 0);
  /* "  Photographer" is the widest label: values start in column 15. */
  for (guint i = 0; i < G_N_ELEMENTS (mixed_values); i++)
    g_assert_cmpuint (value_column_of (f->out, mixed_values[i], NULL), ==, 15);
  g_assert_cmpuint (value_column_of (f->out, id, NULL), ==, 15);

  /* Right-to-left values are isolates, so that a bidirectional terminal
   * keeps the padding out of them; left-to-right ones stay as typed. */
  g_assert_nonnull (strstr (f->out, "Headline       " FSI "مُحَمَّد يَفُوز بالجائزة" PDI "\n"));
  g_assert_nonnull (strstr (f->out, "               " FSI "السطر الثاني" PDI "\n"));
  g_assert_nonnull (strstr (f->out, "  Caption      " FSI "صورة من الحفل" PDI "\n"));
  g_assert_nonnull (strstr (f->out, "Section        Culture\n"));
  g_assert_nonnull (strstr (f->out, "Byline         東京支局\n"));
  g_assert_nonnull (strstr (f->out, "\nنص المقال.\n"));
}

/* TRUE when the Arabic catalog was built under $COPYDESK_LOCALEDIR, for
 * the runs with LANGUAGE=ar. */
static gboolean
have_arabic_catalog (void)
{
  g_autofree char *catalog = g_build_filename (g_getenv ("COPYDESK_LOCALEDIR"), "ar",
                                               "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  return g_file_test (catalog, G_FILE_TEST_IS_REGULAR);
}

/* With Arabic labels every value is an isolate: after an Arabic label a
 * date or an id would otherwise be read as Arabic numbers, in reverse. */
static void
test_show_in_arabic (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = new_mixed_article (f);
  gboolean bytes_differ = FALSE;
  gsize id_bytes;
  guint column;

  if (!have_arabic_catalog ())
    {
      g_test_skip ("The Arabic catalog was not built (po/ar.po)");
      return;
    }
  f->language = "ar";
  g_assert_cmpint (cli_run (f, "show", id), ==, 0);
  g_assert_true (g_str_has_prefix (f->out, "المعرّف"));
  g_assert_nonnull (strstr (f->out, "العنوان"));
  g_assert_nonnull (strstr (f->out, "الصورة 1\n"));
  column = value_column_of (f->out, id, &id_bytes);
  g_assert_cmpuint (column, >, display_width ("المعرّف", -1));
  /* Same column, not the same number of bytes: "المعرّف" has a shadda,
   * and the labels differ in length. */
  for (guint i = 0; i < G_N_ELEMENTS (mixed_values); i++)
    {
      gsize bytes;

      g_assert_cmpuint (value_column_of (f->out, mixed_values[i], &bytes), ==, column);
      bytes_differ |= bytes != id_bytes;
    }
  g_assert_true (bytes_differ);
  g_assert_nonnull (strstr (f->out, FSI "draft" PDI "\n"));
  g_assert_nonnull (strstr (f->out, FSI "Culture" PDI "\n"));
  g_assert_nonnull (strstr (f->out, FSI "AFP" PDI "\n"));
  /* The photo's labels are indented under its heading. */
  g_assert_nonnull (strstr (f->out, "\n  التعليق "));
}

/* The version comes from meson's project(), through config.h. */
static void
test_version (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *articles = g_build_filename (f->store, "articles", NULL);

  g_assert_cmpint (cli_run (f, "--version"), ==, 0);
  g_assert_cmpstr (f->out, ==, "copydesk-cli " PACKAGE_VERSION "\n");
  g_assert_cmpstr (f->err, ==, "");
  g_assert_cmpint (cli_run (f, "version"), ==, 0);
  g_assert_cmpstr (f->out, ==, "copydesk-cli " PACKAGE_VERSION "\n");

  /* Both are in the help, and neither needs (nor makes) a store. */
  g_assert_cmpint (cli_run (f, "--help"), ==, 0);
  g_assert_nonnull (strstr (f->out, "--version"));
  g_assert_nonnull (strstr (f->out, "\n  version "));
  g_assert_false (g_file_test (articles, G_FILE_TEST_EXISTS));

  g_assert_cmpint (cli_run (f, "version", "--short"), ==, 2);
  g_assert_nonnull (strstr (f->err, "--short"));
  g_assert_cmpint (cli_run (f, "version", "extra"), ==, 2);
  g_assert_nonnull (strstr (f->err, "extra"));
}

/* Every command answers alike: an unknown option is a usage error (2)
 * that names the option and the command's help; a store that is not
 * there is a failure (1) that names the folder, and creates nothing. */
static void
test_exit_codes_are_consistent (Fixture       *f,
                                gconstpointer  data)
{
  const char *commands[][3] = {
    { "new", NULL, NULL }, { "list", NULL, NULL }, { "show", NULL, NULL },
    { "set", NULL, NULL }, { "set-body", NULL, NULL }, { "photo", "add", NULL },
    { "photo", "set", NULL }, { "photo", "list", NULL }, { "photo", "remove", NULL },
    { "photo", "move", NULL }, { "photo", "prune", NULL }, { "import", NULL, NULL },
    { "delete", NULL, NULL },
    { "restore", NULL, NULL }, { "trash", "list", NULL }, { "trash", "empty", NULL },
    { "export", NULL, NULL }, { "check", NULL, NULL }, { "site", "add", NULL },
    { "site", "list", NULL }, { "site", "check", NULL }, { "site", "remove", NULL },
    { "publish", NULL, NULL }, { "pull", NULL, NULL }, { "queue", "list", NULL },
    { "queue", "run", NULL }, { "queue", "remove", NULL }, { "version", NULL, NULL },
  };
  const char *readers[][3] = {
    { "list", NULL, NULL }, { "show", "0b6f1f7e", NULL }, { "export", NULL, NULL },
    { "check", NULL, NULL }, { "delete", "0b6f1f7e", NULL }, { "restore", "0b6f1f7e", NULL },
    { "photo", "list", "0b6f1f7e" }, { "trash", NULL, NULL }, { "site", "list", NULL },
    { "queue", "list", NULL }, { "photo", "prune", NULL },
  };
  g_autofree char *articles = g_build_filename (f->store, "articles", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *name = g_strjoin (" ", commands[i][0], commands[i][1], NULL);
      g_autofree char *hint = g_strdup_printf ("Try “copydesk-cli %s --help”", name);

      if (commands[i][1])
        cli_run (f, commands[i][0], commands[i][1], "--bogus");
      else
        cli_run (f, commands[i][0], "--bogus");
      if (f->status != 2 || !strstr (f->err, "--bogus") || !strstr (f->err, hint))
        g_error ("“%s --bogus” exited %d: %s", name, f->status, f->err);
    }
  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      if (readers[i][1] == NULL)
        cli_run (f, readers[i][0]);
      else if (readers[i][2] == NULL)
        cli_run (f, readers[i][0], readers[i][1]);
      else
        cli_run (f, readers[i][0], readers[i][1], readers[i][2]);
      if (f->status != 1 || !strstr (f->err, "no Copydesk store") || !strstr (f->err, f->store))
        g_error ("“%s” without a store exited %d: %s", readers[i][0], f->status, f->err);
    }
  g_assert_false (g_file_test (articles, G_FILE_TEST_EXISTS));
}

/* "--store ''" (an unset shell variable) once opened, and filled, the
 * current folder as a store. */
static void
test_empty_store_option (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *cwd = g_build_filename (f->store, "cwd", NULL);
  g_autofree char *articles = g_build_filename (cwd, "articles", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (g_mkdir (cwd, 0700), ==, 0);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, cwd);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("COPYDESK_CLI"),
                                         "--store", "", "new", "--headline", "Lost", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_nonnull (strstr (err, "--store"));
  g_assert_false (g_file_test (articles, G_FILE_TEST_EXISTS));
}

/* Runs copydesk-cli --store STORE ARGS… under LC_ALL=C, as cron, ssh
 * without locale forwarding or a container would; returns its status. */
static int
run_in_c_locale (Fixture *f,
                 ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("COPYDESK_CLI"));
  g_ptr_array_add (argv, "--store");
  g_ptr_array_add (argv, f->store);
  va_start (args, f);
  while ((arg = va_arg (args, const char *)))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

/* Under LC_ALL=C, "set ID headline Café" worked (a positional argument is
 * taken as UTF-8) but "new --headline Café" and "photo add --caption"
 * failed with GLib's "Invalid byte sequence in conversion input". */
static void
test_text_options_in_c_locale (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *id = NULL;

  g_assert_cmpint (run_in_c_locale (f, "new", "--headline", "Café reopens", NULL), ==, 0);
  g_assert_cmpint (cli_run (f, "list"), ==, 0);
  g_assert_nonnull (strstr (f->out, "Café reopens"));
  id = g_strndup (f->out, 36);
  g_assert_cmpint (run_in_c_locale (f, "photo", "add", id, "--caption", "مقهى على الشاطئ",
                                    "--credit", "أ.ف.ب", "--alt", "Tables à l'ombre",
                                    "--photographer", "Zoë Brandt", NULL), ==, 0);
  g_assert_cmpint (cli_run (f, "photo", "list", id), ==, 0);
  g_assert_nonnull (strstr (f->out, "1\tأ.ف.ب\tمقهى على الشاطئ"));
  /* Bytes that are not UTF-8 are still refused, by name. */
  g_assert_cmpint (cli_run (f, "new", "--headline", "caf\xe9"), ==, 2);
  g_assert_nonnull (strstr (f->err, "--headline is not valid UTF-8 at byte 3"));
  g_assert_cmpint (cli_run (f, "set", id, "byline", "Zo\xeb"), ==, 2);
  g_assert_nonnull (strstr (f->err, "byline is not valid UTF-8 at byte 2"));
  g_assert_cmpint (cli_run (f, "photo", "set", id, "1", "--credit", "\xff"), ==, 2);
  g_assert_nonnull (strstr (f->err, "--credit is not valid UTF-8 at byte 0"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, cli_fixture_set_up, func, cli_fixture_tear_down)
  ADD ("/cli/new-list-show", test_new_list_show);
  ADD ("/cli/set-every-field", test_set_every_field);
  ADD ("/cli/set-rejects-bad-input", test_set_rejects_bad_input);
  ADD ("/cli/set-rejects-broken-lines-and-blanks", test_set_rejects_broken_lines_and_blanks);
  ADD ("/cli/set-body", test_set_body);
  ADD ("/cli/set-body-empty-file", test_set_body_empty_file);
  ADD ("/cli/photos", test_photos);
  ADD ("/cli/photo-move", test_photo_move);
  ADD ("/cli/photo-remove", test_photo_remove);
  ADD ("/cli/subcommand-usage", test_subcommand_usage);
  ADD ("/cli/delete-restore", test_delete_restore);
  ADD ("/cli/prefixes", test_prefixes);
  ADD ("/cli/export-ninjs", test_export_ninjs);
  ADD ("/cli/export-html-escapes-raw-html", test_export_html_escapes_raw_html);
  ADD ("/cli/export-keeps-byline-and-dateline", test_export_keeps_byline_and_dateline);
  ADD ("/cli/empty-store-option", test_empty_store_option);
  ADD ("/cli/text-options-in-c-locale", test_text_options_in_c_locale);
  ADD ("/cli/check-quarantines", test_check_quarantines);
  ADD ("/cli/help-and-usage", test_help_and_usage);
  ADD ("/cli/version", test_version);
  ADD ("/cli/exit-codes-are-consistent", test_exit_codes_are_consistent);
  ADD ("/cli/show-aligns-by-display-width", test_show_aligns_by_display_width);
  ADD ("/cli/show-in-arabic", test_show_in_arabic);
#undef ADD

  return g_test_run ();
}

/* test-store-prune.c: deleting the images in photos/ that nothing names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "cd-article-file.h"
#include "cd-store-io.h"
#include "cd-store.h"
#include "store-test-util.h"

/* Older than the grace period, with a margin for the clocks. */
#define OLD (CD_STORE_PRUNE_GRACE_SECONDS + 60 * 60)

typedef struct
{
  char *dir;
  char *photos;
  char *source_dir;
  CdStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = cd_test_make_tmp_dir ("copydesk-store");
  fixture->source_dir = cd_test_make_tmp_dir ("copydesk-store");
  fixture->photos = g_build_filename (fixture->dir, "photos", NULL);
  fixture->store = cd_store_new (fixture->dir);
  cd_store_open (fixture->store, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  cd_test_remove_tree (fixture->dir);
  cd_test_remove_tree (fixture->source_dir);
  g_free (fixture->dir);
  g_free (fixture->photos);
  g_free (fixture->source_dir);
}

/* A real PNG of width×1 pixels copied into the store, its mtime set
 * seconds_ago; returns its name in photos/. */
static char *
add_image (Fixture *fixture,
           int      width,
           gint64   seconds_ago)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, 1);
  g_autofree char *source_path = g_build_filename (fixture->source_dir, "image.png", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (source_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  char *name;

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  gdk_pixbuf_save (pixbuf, source_path, "png", &error, NULL);
  g_assert_no_error (error);
  name = cd_store_add_photo_file (fixture->store, source, NULL, NULL, &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->photos, name, NULL);
  store_test_set_mtime (path, seconds_ago);
  return name;
}

static void
set_image_age (Fixture    *fixture,
               const char *name,
               gint64      seconds_ago)
{
  g_autofree char *path = g_build_filename (fixture->photos, name, NULL);

  store_test_set_mtime (path, seconds_ago);
}

static gboolean
image_exists (Fixture    *fixture,
              const char *name)
{
  g_autofree char *path = g_build_filename (fixture->photos, name, NULL);

  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static void
stat_image (Fixture    *fixture,
            const char *name,
            GStatBuf   *st)
{
  g_autofree char *path = g_build_filename (fixture->photos, name, NULL);

  g_assert_cmpint (g_stat (path, st), ==, 0);
}

static guint64
image_size (Fixture    *fixture,
            const char *name)
{
  GStatBuf st;

  stat_image (fixture, name, &st);
  return (guint64) st.st_size;
}

static CdArticle *
save_article_with_image (Fixture    *fixture,
                         const char *headline,
                         const char *image)
{
  CdArticle *article = cd_article_new ();
  g_autoptr(CdPhoto) photo = cd_photo_new ();
  g_autoptr(GError) error = NULL;

  cd_article_set_headline (article, headline);
  cd_article_set_body (article, "Some text.");
  cd_photo_set_caption (photo, headline);
  cd_photo_set_file (photo, image);
  cd_article_add_photo (article, photo);
  cd_store_save_article (fixture->store, article, NULL, &error);
  g_assert_no_error (error);
  return article;
}

static char **
prune (Fixture           *fixture,
       CdStorePruneFlags  flags,
       guint64           *n_bytes)
{
  g_autoptr(GError) error = NULL;
  char **names = cd_store_prune_photos (fixture->store, flags, n_bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (names);
  return names;
}

/* Two sorted names. */
static void
assert_names (char       **names,
              const char  *a,
              const char  *b)
{
  const char *first = strcmp (a, b) < 0 ? a : b;
  const char *second = strcmp (a, b) < 0 ? b : a;

  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, first);
  g_assert_cmpstr (names[1], ==, second);
}

/* Images named by an article, a trashed article or a damaged file in
 * quarantine/ stay; the others go, once a dry run has only listed them. */
static void
test_prune_referenced_stay (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *live = add_image (fixture, 3, OLD);
  g_autofree char *trashed = add_image (fixture, 4, OLD);
  g_autofree char *quarantined = add_image (fixture, 5, OLD);
  g_autofree char *orphan = add_image (fixture, 6, OLD);
  g_autofree char *removed = add_image (fixture, 7, OLD);
  g_autofree char *quarantine = g_build_filename (fixture->dir, "quarantine", NULL);
  g_autofree char *damaged = g_build_filename (quarantine, "damaged.json", NULL);
  g_autofree char *damaged_text = NULL;
  g_autoptr(CdArticle) a = save_article_with_image (fixture, "Live", live);
  g_autoptr(CdArticle) b = save_article_with_image (fixture, "Trashed", trashed);
  g_autoptr(CdArticle) c = save_article_with_image (fixture, "Photo removed later", removed);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) dry = NULL;
  g_auto(GStrv) pruned = NULL;
  g_auto(GStrv) again = NULL;
  guint64 expected = image_size (fixture, orphan) + image_size (fixture, removed);
  guint64 dry_bytes = 0, bytes = 0;

  cd_store_trash_article (fixture->store, cd_article_get_id (b), &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (quarantine, 0700), ==, 0);
  damaged_text = g_strdup_printf ("{\"format\": 1, \"ninjs\": {\"href\": \"%s", quarantined);
  store_test_write_bytes (damaged, damaged_text, -1);
  /* The photo leaves its article; its image stays until pruned, once
   * the removal is older than the grace period too. */
  cd_article_remove_photo (c, 0);
  cd_store_save_article (fixture->store, c, NULL, &error);
  g_assert_no_error (error);
  set_image_age (fixture, removed, OLD);

  dry = prune (fixture, CD_STORE_PRUNE_DRY_RUN, &dry_bytes);
  assert_names (dry, orphan, removed);
  g_assert_cmpuint (dry_bytes, ==, expected);
  g_assert_true (image_exists (fixture, orphan));
  g_assert_true (image_exists (fixture, removed));

  pruned = prune (fixture, CD_STORE_PRUNE_NONE, &bytes);
  assert_names (pruned, orphan, removed);
  g_assert_cmpuint (bytes, ==, expected);
  g_assert_false (image_exists (fixture, orphan));
  g_assert_false (image_exists (fixture, removed));
  g_assert_true (image_exists (fixture, live));
  g_assert_true (image_exists (fixture, trashed));
  g_assert_true (image_exists (fixture, quarantined));

  /* The trashed article comes back with its image. */
  cd_store_restore_article (fixture->store, cd_article_get_id (b), &error);
  g_assert_no_error (error);
  g_assert_true (image_exists (fixture, trashed));

  again = prune (fixture, CD_STORE_PRUNE_NONE, &bytes);
  g_assert_cmpuint (g_strv_length (again), ==, 0);
  g_assert_cmpuint (bytes, ==, 0);
}

/* Seconds since the image's file was written (or renewed). */
static gint64
image_age (Fixture    *fixture,
           const char *name)
{
  GStatBuf st;

  stat_image (fixture, name, &st);
  return g_get_real_time () / G_USEC_PER_SEC - (gint64) st.st_mtime;
}

static void
save (Fixture   *fixture,
      CdArticle *article)
{
  g_autoptr(GError) error = NULL;

  cd_store_save_article (fixture->store, article, NULL, &error);
  g_assert_no_error (error);
}

/* A photo removed from its article may come back by Undo, which names
 * its image again: however old the image, a prune in between keeps it,
 * until the removal itself is older than the grace period. */
static void
test_prune_keeps_removed_for_undo (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *image = add_image (fixture, 3, OLD);
  g_autofree char *other = add_image (fixture, 4, OLD);
  g_autoptr(CdArticle) article = save_article_with_image (fixture, "Harbour", image);
  g_autoptr(CdPhoto) second_photo = cd_photo_new ();
  g_autoptr(CdPhoto) photo = NULL;
  g_auto(GStrv) first = NULL;
  g_auto(GStrv) after_undo = NULL;
  g_auto(GStrv) day_later = NULL;

  cd_photo_set_file (second_photo, other);
  cd_article_add_photo (article, second_photo);
  save (fixture, article);
  set_image_age (fixture, image, OLD);

  /* Removed and saved: only the image left out is made young, and the
   * prune that runs before Undo keeps it. */
  photo = g_object_ref (cd_article_get_photo (article, 0));
  cd_article_remove_photo (article, 0);
  save (fixture, article);
  g_assert_cmpint (image_age (fixture, image), <, 60);
  g_assert_cmpint (image_age (fixture, other), >=, OLD);
  first = prune (fixture, CD_STORE_PRUNE_NONE, NULL);
  g_assert_cmpuint (g_strv_length (first), ==, 0);
  g_assert_true (image_exists (fixture, image));

  /* Undo puts it back by name and saves: its image is there, and stays. */
  cd_article_insert_photo (article, 0, photo);
  save (fixture, article);
  set_image_age (fixture, image, OLD);
  after_undo = prune (fixture, CD_STORE_PRUNE_NONE, NULL);
  g_assert_cmpuint (g_strv_length (after_undo), ==, 0);
  g_assert_true (image_exists (fixture, image));

  /* Removed again, a day ago: no undo is waiting, so the image may go. */
  cd_article_remove_photo (article, 0);
  save (fixture, article);
  set_image_age (fixture, image, OLD);
  day_later = prune (fixture, CD_STORE_PRUNE_NONE, NULL);
  g_assert_cmpuint (g_strv_length (day_later), ==, 1);
  g_assert_cmpstr (day_later[0], ==, image);
  g_assert_true (image_exists (fixture, other));
}

/* What a writer is still writing, a young image whose article may not be
 * saved yet, and files the store did not name stay. */
static void
test_prune_leaves_others_alone (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *young = add_image (fixture, 3, 60);
  g_autofree char *old = add_image (fixture, 4, OLD);
  g_autofree char *temp_path = NULL;
  g_autofree char *own = g_build_filename (fixture->photos, "cover-scan.png", NULL);
  g_autofree char *folder = g_build_filename (fixture->photos,
                                              "0b6f1f7e-2d0c-4c43-9a53-3f1e6a2b9c10.d", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pruned = NULL;
  int fd;

  /* An image half copied in, by the store's own code. */
  fd = cd_open_temp (fixture->photos, "photo", &temp_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (write (fd, "\x89PNG", 4), ==, 4);
  store_test_set_mtime (temp_path, OLD);
  store_test_write_bytes (own, "put here by hand", -1);
  store_test_set_mtime (own, OLD);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  pruned = prune (fixture, CD_STORE_PRUNE_NONE, NULL);
  g_assert_cmpuint (g_strv_length (pruned), ==, 1);
  g_assert_cmpstr (pruned[0], ==, old);
  g_assert_true (image_exists (fixture, young));
  g_assert_true (g_file_test (temp_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (own, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  close (fd);
  g_assert_cmpint (g_unlink (temp_path), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

/* Rewrites @article's file with the first dash of @image's name as a
 * JSON escape: the same article, as the store reads it. */
static void
escape_image_name (Fixture    *fixture,
                   CdArticle  *article,
                   const char *image)
{
  g_autofree char *name = g_strconcat (cd_article_get_id (article), ".json", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "articles", name, NULL);
  g_autofree char *plain = NULL;
  g_autofree char *escaped_name = g_strdup_printf ("%.8s\\u002d%s", image, image + 9);
  g_autoptr(GString) text = NULL;
  g_autoptr(CdArticle) reread = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &plain, &length, NULL));
  text = g_string_new (plain);
  g_assert_cmpuint (g_string_replace (text, image, escaped_name, 0), ==, 1);
  store_test_write_bytes (path, text->str, (gssize) text->len);
  reread = cd_article_file_parse (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cd_photo_get_file (cd_article_get_photo (reread, 0)), ==, image);
  g_assert_null (strstr (text->str, image));
}

/* A name written with a JSON escape is still the article's image, as the
 * store reads it. */
static void
test_prune_escaped_name (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *image = add_image (fixture, 3, OLD);
  g_autoptr(CdArticle) article = save_article_with_image (fixture, "Escaped", image);
  g_auto(GStrv) pruned = NULL;

  escape_image_name (fixture, article, image);
  pruned = prune (fixture, CD_STORE_PRUNE_NONE, NULL);
  g_assert_cmpuint (g_strv_length (pruned), ==, 0);
  g_assert_true (image_exists (fixture, image));
}

/* Emptying the trash takes a deleted article's image along only when no
 * other file names it, escaped or not, as pruning does. */
static void
test_empty_trash_escaped_name (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *image = add_image (fixture, 3, 60);
  g_autoptr(CdArticle) trashed = save_article_with_image (fixture, "Trashed", image);
  g_autoptr(CdArticle) kept = save_article_with_image (fixture, "Kept, escaped", image);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  guint n_images = 99;

  escape_image_name (fixture, kept, image);
  cd_store_trash_article (fixture->store, cd_article_get_id (trashed), &error);
  g_assert_no_error (error);
  ids = cd_store_empty_trash (fixture->store, NULL, &n_images, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpuint (n_images, ==, 0);
  g_assert_true (image_exists (fixture, image));
}

typedef struct
{
  GAsyncResult *result;
} AsyncState;

static void
prune_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncState *state = user_data;

  state->result = g_object_ref (result);
}

/* The worker thread drops its reference to the store just after the
 * result arrives; the fixture checks that the store is finalised. */
static void
wait_for_workers (CdStore *store)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_atomic_int_get (&G_OBJECT (store)->ref_count) > 1 &&
         g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static char **
prune_async (Fixture       *fixture,
             GCancellable  *cancellable,
             guint64       *n_bytes,
             GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  AsyncState state = { NULL };

  cd_store_prune_photos_async (fixture->store, CD_STORE_PRUNE_NONE, cancellable, prune_cb,
                               &state);
  while (state.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = state.result;
  return cd_store_prune_photos_finish (fixture->store, result, n_bytes, error);
}

static void
test_prune_async (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *orphan = add_image (fixture, 3, OLD);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pruned = NULL;
  guint64 expected = image_size (fixture, orphan);
  guint64 bytes = 0;

  /* Cancelled before it starts: every image stays. */
  g_cancellable_cancel (cancellable);
  g_assert_null (prune_async (fixture, cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (image_exists (fixture, orphan));

  pruned = prune_async (fixture, NULL, &bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (pruned), ==, 1);
  g_assert_cmpstr (pruned[0], ==, orphan);
  g_assert_cmpuint (bytes, ==, expected);
  g_assert_false (image_exists (fixture, orphan));
  wait_for_workers (fixture->store);
}

/* Emptying the trash prunes too, once it deleted an article, and counts
 * the images pruned with those of the deleted articles. */
static void
test_prune_after_empty_trash (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *own = add_image (fixture, 3, 60);
  g_autofree char *orphan = add_image (fixture, 4, OLD);
  g_autoptr(CdArticle) article = save_article_with_image (fixture, "Trashed", own);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) nothing = NULL;
  g_auto(GStrv) ids = NULL;
  guint n_images = 0;

  /* Nothing in the trash, nothing deleted: photos/ is left as it is. */
  nothing = cd_store_empty_trash (fixture->store, NULL, &n_images, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (nothing), ==, 0);
  g_assert_true (image_exists (fixture, orphan));

  cd_store_trash_article (fixture->store, cd_article_get_id (article), &error);
  g_assert_no_error (error);
  ids = cd_store_empty_trash (fixture->store, NULL, &n_images, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpuint (n_images, ==, 2);
  g_assert_false (image_exists (fixture, own));
  g_assert_false (image_exists (fixture, orphan));
}

/* An image a save renewed after its article went to the trash (another
 * article left it out, and its Undo may still need it) survives the
 * emptying of the trash; a day later a prune takes it. */
static void
test_empty_trash_keeps_renewed (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *image = add_image (fixture, 3, OLD);
  g_autoptr(CdArticle) article = save_article_with_image (fixture, "Trashed", image);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) day_later = NULL;
  guint n_images = 0;

  cd_store_trash_article (fixture->store, cd_article_get_id (article), &error);
  g_assert_no_error (error);
  /* Renewed after the trashing: a minute from now, so the same second
   * cannot blur the order. */
  set_image_age (fixture, image, -60);
  ids = cd_store_empty_trash (fixture->store, NULL, &n_images, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpuint (n_images, ==, 0);
  g_assert_true (image_exists (fixture, image));

  set_image_age (fixture, image, OLD);
  day_later = prune (fixture, CD_STORE_PRUNE_NONE, NULL);
  g_assert_cmpuint (g_strv_length (day_later), ==, 1);
  g_assert_false (image_exists (fixture, image));
}

int
main (int   argc,
      char *argv[])
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: GdkPixbuf recognises images through
   * the shared MIME database found in $XDG_DATA_DIRS. */
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store-prune/referenced-stay", test_prune_referenced_stay);
  ADD ("/store-prune/leaves-others-alone", test_prune_leaves_others_alone);
  ADD ("/store-prune/escaped-name", test_prune_escaped_name);
  ADD ("/store-prune/keeps-removed-for-undo", test_prune_keeps_removed_for_undo);
  ADD ("/store-prune/async", test_prune_async);
  ADD ("/store-prune/after-empty-trash", test_prune_after_empty_trash);
  ADD ("/store-prune/empty-trash-escaped-name", test_empty_trash_escaped_name);
  ADD ("/store-prune/empty-trash-keeps-renewed", test_empty_trash_keeps_renewed);
#undef ADD

  return g_test_run ();
}

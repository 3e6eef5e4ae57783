/* test-store-settings.c: settings changed at once, written later
 *
 * cd_store_set_setting() changes the settings in memory only;
 * cd_store_write_settings_async() writes what is pending in a thread,
 * once for any number of changes, and keeps what another program wrote
 * to store.json meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-store.h"
#include "cd-store-private.h"
#include "store-test-util.h"

typedef struct
{
  char *dir;
  char *settings_path;
  CdStore *store;
  guint n_notifies;
} Fixture;

static void
on_settings_cb (CdStore    *store,
                GParamSpec *pspec,
                Fixture    *f)
{
  f->n_notifies++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = cd_test_make_tmp_dir ("copydesk-store");
  f->settings_path = g_build_filename (f->dir, "store.json", NULL);
  f->store = cd_store_new (f->dir);
  g_assert_true (cd_store_open (f->store, NULL, &error));
  g_signal_connect (f->store, "notify::settings", G_CALLBACK (on_settings_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* The worker thread drops its task, and with it the store, a moment
   * after the callback ran. */
  for (guint i = 0; i < 5000 && g_atomic_int_get (&G_OBJECT (f->store)->ref_count) > 1; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_finalize_object (f->store);
  cd_test_remove_tree (f->dir);
  g_free (f->settings_path);
  g_free (f->dir);
}

static gint64
limit_of (JsonObject *settings)
{
  return json_object_get_int_member_with_default (settings, "headline-limit", -1);
}

/* store.json as another program would read it now. */
static JsonObject *
settings_on_disk (Fixture *f)
{
  g_autoptr(CdStore) other = cd_store_new (f->dir);
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_store_open (other, NULL, &error));
  return json_object_ref (cd_store_get_settings (other));
}

static void
set_limit (Fixture *f,
           gint64   limit)
{
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);
  g_autoptr(GError) error = NULL;

  json_node_set_int (value, limit);
  g_assert_true (cd_store_set_setting (f->store, "headline-limit", value, &error));
  g_assert_no_error (error);
}

typedef struct
{
  guint n_done;
  guint n_ok;
  GError *error;
} WriteState;

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  WriteState *state = user_data;
  g_autoptr(GError) error = NULL;

  if (cd_store_write_settings_finish (CD_STORE (object), result, &error))
    state->n_ok++;
  else if (state->error == NULL)
    state->error = g_steal_pointer (&error);
  state->n_done++;
}

static void
wait_for (WriteState *state,
          guint       n_done)
{
  while (state->n_done < n_done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_set_is_at_once (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) on_disk = NULL;

  g_assert_false (cd_store_get_settings_pending (f->store));
  set_limit (f, 42);
  /* Whoever follows the settings sees the new value now... */
  g_assert_cmpint (limit_of (cd_store_get_settings (f->store)), ==, 42);
  g_assert_cmpuint (f->n_notifies, ==, 1);
  g_assert_true (cd_store_get_settings_pending (f->store));
  /* ...and nothing is on disk yet. */
  g_assert_cmpuint (cd_store_get_n_settings_writes (f->store), ==, 0);
  on_disk = settings_on_disk (f);
  g_assert_cmpint (limit_of (on_disk), ==, 90);

  /* The same value again changes nothing. */
  set_limit (f, 42);
  g_assert_cmpuint (f->n_notifies, ==, 1);
}

static void
test_many_changes_one_write (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(JsonObject) on_disk = NULL;
  WriteState state = { 0 };

  for (guint i = 0; i < 20; i++)
    set_limit (f, 50 + i);
  g_assert_cmpuint (f->n_notifies, ==, 20);
  cd_store_write_settings_async (f->store, NULL, write_cb, &state);
  /* The file is written in a thread. */
  g_assert_cmpuint (cd_store_get_n_settings_writes (f->store), ==, 0);
  wait_for (&state, 1);
  g_assert_no_error (state.error);
  g_assert_cmpuint (cd_store_get_n_settings_writes (f->store), ==, 1);
  g_assert_false (cd_store_get_settings_pending (f->store));
  on_disk = settings_on_disk (f);
  g_assert_cmpint (limit_of (on_disk), ==, 69);
  g_assert_cmpint (json_object_get_int_member (on_disk, "format"), ==, 1);
  /* Writing what is already there tells no one. */
  g_assert_cmpuint (f->n_notifies, ==, 20);

  /* Nothing pending: nothing written. */
  cd_store_write_settings_async (f->store, NULL, write_cb, &state);
  wait_for (&state, 2);
  g_assert_cmpuint (state.n_ok, ==, 2);
  g_assert_cmpuint (cd_store_get_n_settings_writes (f->store), ==, 1);
}

/* Another program writes store.json between a change here and its
 * write: both changes are kept, and reading the file again meanwhile
 * does not undo the one here. */
static void
test_keeps_other_programs_change (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(CdStore) other = cd_store_new (f->dir);
  g_autoptr(JsonObject) theirs = NULL;
  g_autoptr(JsonObject) on_disk = NULL;
  g_autoptr(GError) error = NULL;
  WriteState state = { 0 };

  set_limit (f, 33);
  g_assert_true (cd_store_open (other, NULL, &error));
  theirs = cd_store_copy_settings (cd_store_get_settings (other));
  json_object_set_string_member (theirs, "default-language", "ar");
  g_assert_true (cd_store_save_settings (other, theirs, &error));

  g_assert_true (cd_store_reload_settings (f->store, &error));
  g_assert_cmpint (limit_of (cd_store_get_settings (f->store)), ==, 33);
  g_assert_cmpstr (cd_store_get_default_language (f->store), ==, "ar");
  g_assert_true (cd_store_get_settings_pending (f->store));

  cd_store_write_settings_async (f->store, NULL, write_cb, &state);
  wait_for (&state, 1);
  g_assert_no_error (state.error);
  on_disk = settings_on_disk (f);
  g_assert_cmpint (limit_of (on_disk), ==, 33);
  g_assert_cmpstr (json_object_get_string_member (on_disk, "default-language"), ==, "ar");
}

/* A change made while a write is in flight gets a write of its own,
 * which starts after the first: the last value is the one on disk. */
static void
test_change_during_write (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JsonObject) on_disk = NULL;
  WriteState state = { 0 };

  set_limit (f, 61);
  cd_store_write_settings_async (f->store, NULL, write_cb, &state);
  set_limit (f, 62);
  cd_store_write_settings_async (f->store, NULL, write_cb, &state);
  set_limit (f, 63);
  cd_store_write_settings_async (f->store, NULL, write_cb, &state);
  wait_for (&state, 3);
  g_assert_no_error (state.error);
  /* The second and third callers shared one write. */
  g_assert_cmpuint (cd_store_get_n_settings_writes (f->store), ==, 2);
  g_assert_false (cd_store_get_settings_pending (f->store));
  g_assert_cmpint (limit_of (cd_store_get_settings (f->store)), ==, 63);
  on_disk = settings_on_disk (f);
  g_assert_cmpint (limit_of (on_disk), ==, 63);
}

/* A store.json that does not load is left as it is; the change stays
 * pending and is written once the file is whole again. */
static void
test_damaged_file_kept (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) after = NULL;
  g_autoptr(JsonObject) on_disk = NULL;
  WriteState state = { 0 };
  const char *damaged = "{ \"format\": 1, \"headline-limit\": ";

  set_limit (f, 44);
  store_test_write_bytes (f->settings_path, damaged, -1);
  cd_store_write_settings_async (f->store, NULL, write_cb, &state);
  wait_for (&state, 1);
  g_assert_nonnull (state.error);
  g_assert_nonnull (strstr (state.error->message, f->settings_path));
  after = store_test_read_bytes (f->settings_path);
  g_assert_cmpmem (g_bytes_get_data (after, NULL), g_bytes_get_size (after), damaged, strlen (damaged));
  g_assert_true (cd_store_get_settings_pending (f->store));
  g_assert_cmpint (limit_of (cd_store_get_settings (f->store)), ==, 44);

  g_clear_error (&state.error);
  store_test_write_bytes (f->settings_path, "{ \"format\": 1, \"headline-limit\": 80 }", -1);
  cd_store_write_settings_async (f->store, NULL, write_cb, &state);
  wait_for (&state, 2);
  g_assert_no_error (state.error);
  on_disk = settings_on_disk (f);
  g_assert_cmpint (limit_of (on_disk), ==, 44);
}

/* A copy to change shares nothing with the store's settings, down to
 * the sites inside them. */
static void
test_dup_is_deep (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonObject) first = cd_store_dup_settings (f->store);
  g_autoptr(JsonObject) copy = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *sites = json_array_new ();

  json_array_add_string_element (sites, "newsroom");
  json_object_set_array_member (first, "sites", sites);
  g_assert_true (cd_store_save_settings (f->store, first, &error));

  copy = cd_store_dup_settings (f->store);
  json_object_set_int_member (copy, "headline-limit", 12);
  json_array_add_string_element (json_object_get_array_member (copy, "sites"), "archive");
  g_assert_cmpint (limit_of (cd_store_get_settings (f->store)), ==, 90);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (cd_store_get_settings (f->store),
                                                                         "sites")), ==, 1);
  /* What was saved is the store's own copy, not the caller's object. */
  json_array_add_string_element (sites, "later");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (cd_store_get_settings (f->store),
                                                                         "sites")), ==, 1);
}

/* Settings written by a newer Copydesk are not replaced. */
static void
test_newer_format (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CdStore) store = NULL;
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);
  g_autoptr(GError) error = NULL;

  store_test_write_bytes (f->settings_path, "{ \"format\": 99, \"headline-limit\": 70 }", -1);
  store = cd_store_new (f->dir);
  g_assert_true (cd_store_open (store, NULL, &error));
  json_node_set_int (value, 20);
  g_assert_false (cd_store_set_setting (store, "headline-limit", value, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NEWER_FORMAT);
  g_assert_false (cd_store_get_settings_pending (store));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store-settings/set-is-at-once", test_set_is_at_once);
  ADD ("/store-settings/many-changes-one-write", test_many_changes_one_write);
  ADD ("/store-settings/keeps-other-programs-change", test_keeps_other_programs_change);
  ADD ("/store-settings/change-during-write", test_change_during_write);
  ADD ("/store-settings/damaged-file-kept", test_damaged_file_kept);
  ADD ("/store-settings/dup-is-deep", test_dup_is_deep);
  ADD ("/store-settings/newer-format", test_newer_format);
#undef ADD

  return g_test_run ();
}

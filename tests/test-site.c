/* test-site.c: site profiles and where their passwords come from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>

#include "cd-site.h"
#include "cd-site-password.h"
#include "tmp-dir.h"

static void
test_site_names_and_urls (void)
{
  struct { const char *name, *url; gboolean ok; int code; } cases[] = {
    { "newsroom", "https://news.example.org/", TRUE, 0 },
    { "local-wp", "http://127.0.0.1:8080", TRUE, 0 },
    { "local-wp", "http://localhost/wp", TRUE, 0 },
    { "local-wp", "http://[::1]:9000", TRUE, 0 },
    { "remote", "http://news.example.org", FALSE, CD_SITE_ERROR_INSECURE_URL },
    { "remote", "http://10.0.0.5", FALSE, CD_SITE_ERROR_INSECURE_URL },
    { "remote", "ftp://news.example.org", FALSE, CD_SITE_ERROR_INVALID_URL },
    { "remote", "news.example.org", FALSE, CD_SITE_ERROR_INVALID_URL },
    { "two words", "https://news.example.org", FALSE, CD_SITE_ERROR_INVALID_NAME },
    { "", "https://news.example.org", FALSE, CD_SITE_ERROR_INVALID_NAME },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CdSite) site = cd_site_new (cases[i].name, cases[i].url, "editor", &error);

      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_false (g_str_has_suffix (cd_site_get_url (site), "/"));
        }
      else
        {
          g_assert_null (site);
          g_assert_error (error, CD_SITE_ERROR, cases[i].code);
        }
    }
}

static void
test_site_needs_user (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSite) site = cd_site_new ("newsroom", "https://news.example.org", " ", &error);

  g_assert_null (site);
  g_assert_error (error, CD_SITE_ERROR, CD_SITE_ERROR_INVALID_USER);
}

static void
test_sites_settings_round_trip (void)
{
  g_autoptr(JsonObject) settings = json_object_new ();
  g_autoptr(GPtrArray) sites = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (sites, cd_site_new ("newsroom", "https://news.example.org", "mona", NULL));
  g_ptr_array_add (sites, cd_site_new ("local", "http://127.0.0.1:8080", "admin", NULL));
  json_object_set_string_member (settings, "default-language", "en");
  cd_sites_to_settings (sites, settings);

  back = cd_sites_from_settings (settings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 2);
  g_assert_cmpstr (cd_site_get_url (cd_sites_find (back, "local")), ==, "http://127.0.0.1:8080");
  g_assert_cmpstr (cd_site_get_user (cd_sites_find (back, "newsroom")), ==, "mona");
  g_assert_null (cd_sites_find (back, "elsewhere"));
  /* Other settings are left alone. */
  g_assert_cmpstr (json_object_get_string_member (settings, "default-language"), ==, "en");
}

static void
test_sites_damaged_entry_is_named (void)
{
  g_autoptr(JsonNode) node = json_from_string (
    "{\"sites\": [{\"name\": \"ok\", \"url\": \"https://a.example\", \"user\": \"u\"},"
    " {\"name\": \"bad\", \"url\": 7, \"user\": \"u\"}]}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sites = cd_sites_from_settings (json_node_get_object (node), &error);

  g_assert_null (sites);
  g_assert_error (error, CD_SITE_ERROR, CD_SITE_ERROR_INVALID_URL);
  g_assert_nonnull (strstr (error->message, "Site 2"));
}

/* Writes DIR/NAME with @mode; returns its path. */
static char *
write_password_file (const char *dir,
                     const char *name,
                     const char *contents,
                     int         mode)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
  return path;
}

static void
test_password_file (void)
{
  g_autofree char *dir = cd_test_make_tmp_dir ("copydesk-pw");
  g_autofree char *good = write_password_file (dir, "good", "abcd efgh ijkl mnop qrst uvwx\n",
                                               0600);
  g_autofree char *open_to_all = write_password_file (dir, "open", "abcd\n", 0644);
  g_autofree char *empty = write_password_file (dir, "empty", "\n", 0600);
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  g_autofree char *refused = NULL;

  password = cd_site_password_read_file (good, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "abcd efgh ijkl mnop qrst uvwx");

  refused = cd_site_password_read_file (open_to_all, &error);
  g_assert_null (refused);
  g_assert_error (error, CD_SITE_PASSWORD_ERROR, CD_SITE_PASSWORD_ERROR_INSECURE_FILE);
  g_assert_nonnull (strstr (error->message, "chmod 600"));
  g_clear_error (&error);

  g_assert_null (cd_site_password_read_file (empty, &error));
  g_assert_error (error, CD_SITE_PASSWORD_ERROR, CD_SITE_PASSWORD_ERROR_BAD_FILE);
  g_clear_error (&error);

  g_assert_null (cd_site_password_read_file ("/nonexistent/password", &error));
  g_assert_error (error, CD_SITE_PASSWORD_ERROR, CD_SITE_PASSWORD_ERROR_BAD_FILE);
  cd_test_remove_tree (dir);
}

static void
test_password_sources_in_order (void)
{
  g_autoptr(CdSite) site = cd_site_new ("local", "http://127.0.0.1:8080", "admin", NULL);
  g_autofree char *dir = cd_test_make_tmp_dir ("copydesk-pw");
  g_autofree char *file = write_password_file (dir, "password", "from-file\n", 0600);
  g_autoptr(GError) error = NULL;
  char *password;

  g_setenv (CD_SITE_PASSWORD_ENV, "from-env", TRUE);
  password = cd_site_password_lookup (site, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "from-file");
  secret_password_free (password);

  password = cd_site_password_lookup (site, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "from-env");
  secret_password_free (password);
  g_unsetenv (CD_SITE_PASSWORD_ENV);
  cd_test_remove_tree (dir);
}

static void
test_password_without_secret_service (void)
{
  g_autoptr(CdSite) site = cd_site_new ("local", "http://127.0.0.1:8080", "admin", NULL);
  g_autoptr(GError) error = NULL;
  char *password;

  /* A session bus that does not exist: lookups fail at once, as in CI. */
  g_unsetenv (CD_SITE_PASSWORD_ENV);
  password = cd_site_password_lookup (site, NULL, NULL, &error);
  g_assert_null (password);
  g_assert_error (error, CD_SITE_PASSWORD_ERROR, CD_SITE_PASSWORD_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, CD_SITE_PASSWORD_ENV));
  g_assert_nonnull (strstr (error->message, "--password-file"));
  g_clear_error (&error);

  g_assert_false (cd_site_password_store (site, "secret", NULL, &error));
  g_assert_error (error, CD_SITE_PASSWORD_ERROR, CD_SITE_PASSWORD_ERROR_NO_KEYRING);
  /* The password itself never appears in a message. */
  g_assert_null (strstr (error->message, "secret"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/copydesk-test-bus", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/site/names-and-urls", test_site_names_and_urls);
  g_test_add_func ("/site/needs-user", test_site_needs_user);
  g_test_add_func ("/site/settings-round-trip", test_sites_settings_round_trip);
  g_test_add_func ("/site/damaged-entry-is-named", test_sites_damaged_entry_is_named);
  g_test_add_func ("/site-password/file", test_password_file);
  g_test_add_func ("/site-password/sources-in-order", test_password_sources_in_order);
  g_test_add_func ("/site-password/without-secret-service", test_password_without_secret_service);

  return g_test_run ();
}

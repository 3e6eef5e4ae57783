/* cli-runner.c: running copydesk-cli from a test, on a temporary store
 *
 * The binary is $COPYDESK_CLI (set by tests/meson.build).  Each run gets
 * LC_ALL=C.UTF-8, no $LANGUAGE unless the fixture names one, and a session
 * bus address that leads nowhere, so that no test ever reaches a real
 * Secret Service: passwords come from $COPYDESK_SITE_PASSWORD or
 * --password-file only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cli-runner.h"
#include "tmp-dir.h"

void
cli_fixture_set_up (CliFixture    *f,
                    gconstpointer  data)
{
  f->store = cd_test_make_tmp_dir ("copydesk-cli");
}

void
cli_fixture_tear_down (CliFixture    *f,
                       gconstpointer  data)
{
  cd_test_remove_tree (f->store);
  g_free (f->store);
  g_free (f->out);
  g_free (f->err);
}

static int
run_argv (CliFixture *f,
          const char *stdin_text,
          GPtrArray  *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "COPYDESK_STORE");
  /* Messages are English unless the test asks for a language; the
   * catalogs are found through $COPYDESK_LOCALEDIR (tests/meson.build). */
  if (f->language)
    g_subprocess_launcher_setenv (launcher, "LANGUAGE", f->language, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  /* Outside the WordPress suite no password is needed, but one must be
   * found before a request can fail. */
  if (g_getenv ("COPYDESK_SITE_PASSWORD") == NULL)
    g_subprocess_launcher_setenv (launcher, "COPYDESK_SITE_PASSWORD", "unused-in-core-tests", TRUE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS",
                                "unix:path=/nonexistent/copydesk-test-bus", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  g_subprocess_communicate_utf8 (process, stdin_text, NULL, &f->out, &f->err, &error);
  g_assert_no_error (error);
  f->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  if (g_test_verbose ())
    g_test_message ("exit %d\nout: %s\nerr: %s", f->status, f->out, f->err);
  return f->status;
}

int
cli_run_with_input (CliFixture *f,
                    const char *stdin_text,
                    ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("COPYDESK_CLI"));
  g_ptr_array_add (argv, "--store");
  g_ptr_array_add (argv, f->store);
  va_start (args, stdin_text);
  while ((arg = va_arg (args, const char *)))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return run_argv (f, stdin_text, argv);
}

/* copydesk-cli ARGS… with no --store put in front: the test says where
 * the store is, and $COPYDESK_STORE is unset so that it must. */
int
cli_run_bare (CliFixture *f,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("COPYDESK_CLI"));
  va_start (args, f);
  while ((arg = va_arg (args, const char *)))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return run_argv (f, NULL, argv);
}

/* Creates an article with a body and returns its id. */
char *
cli_new_article (CliFixture *f,
                 const char *headline,
                 const char *body)
{
  g_autofree char *id = NULL;

  g_assert_cmpint (cli_run (f, "new", "--headline", headline), ==, 0);
  id = g_strdup (g_strchomp (f->out));
  g_assert_true (g_uuid_string_is_valid (id));
  if (body)
    g_assert_cmpint (cli_run_with_input (f, body, "set-body", id, "-", NULL), ==, 0);
  return g_steal_pointer (&id);
}

/* The article's file, byte for byte. */
char *
cli_article_file (CliFixture *f,
                  const char *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (f->store, "articles", name, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* Writes a file beside the store (in its folder) with the given mode. */
char *
cli_write_file (CliFixture *f,
                const char *name,
                const char *contents,
                int         mode)
{
  char *path = g_build_filename (f->store, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
  return path;
}

/* Has a publish been queued (ever) in this store? */
gboolean
cli_queue_exists (CliFixture *f)
{
  g_autofree char *path = g_build_filename (f->store, "publish-queue.json", NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* A loopback address where nothing listens: a port the kernel handed out
 * and that was closed again at once. */
char *
cli_closed_loopback_url (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return g_strdup_printf ("http://127.0.0.1:%u", port);
}

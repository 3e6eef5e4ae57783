/* bench-launch.c: how long a program takes to map its first window, and
 * how much memory it then holds
 *
 *   bench-launch [--settle MS] [--ready TEXT] [--timeout MS] -- COMMAND [ARG…]
 *
 * Starts COMMAND and watches the X server for the first top-level window
 * mapped by that process (its _NET_WM_PID), so any program is measured
 * the same way from the outside: no polling, the MapNotify event itself.
 * With --ready, it also waits for a line of the program's standard error
 * that contains TEXT (Copydesk prints one when its list is loaded behind
 * COPYDESK_BENCH=1). It then lets the program settle for MS milliseconds
 * (default 2000), reads VmRSS and VmHWM from /proc/PID/status and Pss
 * from /proc/PID/smaps_rollup, stops the program and prints one line:
 *
 *   mapped_ms=… ready_ms=… rss_kb=… hwm_kb=… pss_kb=… size=WxH
 *
 * where size is the window's when the memory was read: the buffers a
 * program draws into grow with its window, so programs are compared at
 * the same size.
 *
 * Exit status 1 when the program exits early or nothing is mapped before
 * the timeout (default 30 s).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <X11/Xatom.h>
#include <X11/Xlib.h>

typedef struct
{
  Display *display;
  Atom net_wm_pid;
  pid_t child;
  int err_fd;              /* the child's standard error, or -1 */
  GString *err_line;
  const char *ready_text;
  gint64 start;
  gint64 mapped;           /* 0 until seen */
  Window window;           /* the window mapped */
  gint64 ready;
} Launch;

static pid_t
window_pid (Launch *launch,
            Window  window)
{
  Atom type;
  int format;
  unsigned long n, after;
  unsigned char *data = NULL;
  pid_t pid = 0;

  if (XGetWindowProperty (launch->display, window, launch->net_wm_pid, 0, 1, False,
                          XA_CARDINAL, &type, &format, &n, &after, &data) == Success &&
      data != NULL && n == 1 && format == 32)
    pid = (pid_t) *(unsigned long *) data;
  if (data)
    XFree (data);
  return pid;
}

static void
handle_x_events (Launch *launch)
{
  while (XPending (launch->display))
    {
      XEvent event;

      XNextEvent (launch->display, &event);
      if (event.type != MapNotify || event.xmap.override_redirect || launch->mapped)
        continue;
      if (window_pid (launch, event.xmap.window) == launch->child)
        {
          launch->mapped = g_get_monotonic_time ();
          launch->window = event.xmap.window;
        }
    }
}

/* Passes the child's messages on, and notes the ready line. */
static void
handle_stderr (Launch *launch)
{
  char buffer[4096];
  ssize_t n = read (launch->err_fd, buffer, sizeof buffer);
  char *newline;

  if (n <= 0)
    {
      close (launch->err_fd);
      launch->err_fd = -1;
      return;
    }
  g_string_append_len (launch->err_line, buffer, n);
  while ((newline = strchr (launch->err_line->str, '\n')))
    {
      gsize length = newline - launch->err_line->str + 1;

      if (launch->ready == 0 && launch->ready_text &&
          g_strstr_len (launch->err_line->str, length, launch->ready_text))
        launch->ready = g_get_monotonic_time ();
      else
        (void) !write (STDERR_FILENO, launch->err_line->str, length);
      g_string_erase (launch->err_line, 0, length);
    }
}

/* Runs the event loop until @deadline, or until the window is mapped
 * (and the ready line seen) when @until_ready. FALSE when the child died. */
static gboolean
wait_events (Launch   *launch,
             gint64    deadline,
             gboolean  until_ready)
{
  for (;;)
    {
      struct pollfd fds[2] = {
        { ConnectionNumber (launch->display), POLLIN, 0 },
        { launch->err_fd, POLLIN, 0 },
      };
      gint64 now = g_get_monotonic_time ();
      int status;

      handle_x_events (launch);
      if (until_ready && launch->mapped && (launch->ready_text == NULL || launch->ready))
        return TRUE;
      if (now >= deadline)
        return TRUE;
      if (waitpid (launch->child, &status, WNOHANG) == launch->child)
        return FALSE;
      if (poll (fds, launch->err_fd >= 0 ? 2 : 1, MIN ((deadline - now) / 1000 + 1, 100)) < 0 &&
          errno != EINTR)
        return FALSE;
      if (launch->err_fd >= 0 && (fds[1].revents & (POLLIN | POLLHUP)))
        handle_stderr (launch);
    }
}

static gint64
read_kb (const char *path,
         const char *key)
{
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return -1;
  line = strstr (contents, key);
  return line ? g_ascii_strtoll (line + strlen (key), NULL, 10) : -1;
}

static void
stop_child (pid_t child)
{
  int status;

  kill (child, SIGTERM);
  for (int i = 0; i < 200; i++)
    {
      if (waitpid (child, &status, WNOHANG) == child)
        return;
      g_usleep (10000);
    }
  kill (child, SIGKILL);
  waitpid (child, &status, 0);
}

static pid_t
start_child (char **argv,
             int   *err_fd)
{
  int fds[2];
  pid_t pid;

  if (pipe (fds) < 0)
    return -1;
  pid = fork ();
  if (pid == 0)
    {
      dup2 (fds[1], STDERR_FILENO);
      close (fds[0]);
      close (fds[1]);
      execvp (argv[0], argv);
      _exit (127);
    }
  close (fds[1]);
  *err_fd = fds[0];
  return pid;
}

int
main (int   argc,
      char *argv[])
{
  int settle_ms = 2000, timeout_ms = 30000;
  g_autofree char *status_path = NULL;
  g_autofree char *smaps_path = NULL;
  XWindowAttributes attributes;
  Launch launch = { 0 };
  int i;

  for (i = 1; i < argc && !g_str_equal (argv[i], "--"); i++)
    {
      if (g_str_equal (argv[i], "--settle") && i + 1 < argc)
        settle_ms = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--timeout") && i + 1 < argc)
        timeout_ms = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--ready") && i + 1 < argc)
        launch.ready_text = argv[++i];
      else
        break;
    }
  if (i >= argc - 1 || !g_str_equal (argv[i], "--"))
    {
      g_printerr ("usage: %s [--settle MS] [--ready TEXT] [--timeout MS] -- COMMAND [ARG…]\n",
                  argv[0]);
      return 2;
    }

  launch.display = XOpenDisplay (NULL);
  if (launch.display == NULL)
    {
      g_printerr ("bench-launch: cannot open the X display\n");
      return 1;
    }
  launch.net_wm_pid = XInternAtom (launch.display, "_NET_WM_PID", False);
  XSelectInput (launch.display, DefaultRootWindow (launch.display), SubstructureNotifyMask);
  XSync (launch.display, False);
  launch.err_line = g_string_new (NULL);

  launch.start = g_get_monotonic_time ();
  launch.child = start_child (argv + i + 1, &launch.err_fd);
  if (launch.child < 0)
    {
      g_printerr ("bench-launch: cannot start %s\n", argv[i + 1]);
      return 1;
    }

  if (!wait_events (&launch, launch.start + timeout_ms * G_GINT64_CONSTANT (1000), TRUE) ||
      !launch.mapped || (launch.ready_text && !launch.ready))
    {
      g_printerr ("bench-launch: %s %s\n", argv[i + 1],
                  launch.mapped ? "never printed the ready line" : "mapped no window in time");
      stop_child (launch.child);
      return 1;
    }
  if (!wait_events (&launch, g_get_monotonic_time () + settle_ms * G_GINT64_CONSTANT (1000),
                    FALSE))
    {
      g_printerr ("bench-launch: %s exited while settling\n", argv[i + 1]);
      return 1;
    }

  status_path = g_strdup_printf ("/proc/%d/status", (int) launch.child);
  smaps_path = g_strdup_printf ("/proc/%d/smaps_rollup", (int) launch.child);
  if (!XGetWindowAttributes (launch.display, launch.window, &attributes))
    attributes.width = attributes.height = 0;
  g_print ("mapped_ms=%.1f ready_ms=%.1f rss_kb=%" G_GINT64_FORMAT " hwm_kb=%" G_GINT64_FORMAT
           " pss_kb=%" G_GINT64_FORMAT " size=%dx%d\n",
           (launch.mapped - launch.start) / 1000.0,
           ((launch.ready ? launch.ready : launch.mapped) - launch.start) / 1000.0,
           read_kb (status_path, "VmRSS:"), read_kb (status_path, "VmHWM:"),
           read_kb (smaps_path, "Pss:"), attributes.width, attributes.height);

  stop_child (launch.child);
  if (launch.err_fd >= 0)
    close (launch.err_fd);
  g_string_free (launch.err_line, TRUE);
  XCloseDisplay (launch.display);
  return 0;
}

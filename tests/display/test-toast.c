/* test-toast.c: cd_toast_add() holds dismissals back until they are safe
 *
 * libadwaita 1.2's AdwToastOverlay reads a freed record when a toast's
 * show and hide animations end in the same frame (see src/ui/cd-toast.c).
 * These tests make the main loop stall the way a busy window does and
 * check that the dismissal waits for a frame late enough, and still
 * happens.  Without the guard the first test reads freed memory
 * (valgrind shows it; with MALLOC_PERTURB_ it crashes).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "cd-test-utils.h"
#include "cd-toast.h"

typedef struct
{
  GtkWidget *window;
  AdwToastOverlay *overlay;
  guint n_dismissed;      /* emissions of "dismissed" that went through */
  gint64 dismissed_at;    /* monotonic time of the first one */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = gtk_window_new ();
  f->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (f->overlay, gtk_label_new ("Copy"));
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->overlay));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 600, 400);
  gtk_window_present (GTK_WINDOW (f->window));
  /* Mapped, and past its first frames. */
  cd_test_iterate (300);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->overlay)));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  cd_test_iterate (50);
}

/* Connected after the guard: it runs only when the emission goes through
 * to the overlay. */
static void
on_dismissed_after (AdwToast *toast,
                    Fixture  *f)
{
  if (f->n_dismissed++ == 0)
    f->dismissed_at = g_get_monotonic_time ();
}

static AdwToast *
add_toast (Fixture *f,
           guint    timeout)
{
  AdwToast *toast = adw_toast_new ("Five articles imported");

  adw_toast_set_timeout (toast, timeout);
  g_signal_connect_after (toast, "dismissed", G_CALLBACK (on_dismissed_after), f);
  cd_toast_add (f->overlay, toast);
  return toast;
}

static gboolean
stall_cb (gpointer data)
{
  g_usleep (GPOINTER_TO_UINT (data) * G_TIME_SPAN_MILLISECOND);
  return G_SOURCE_REMOVE;
}

static gboolean
toast_gone (gpointer data)
{
  Fixture *f = data;
  GType widget_type = g_type_from_name ("AdwToastWidget");

  return f->n_dismissed > 0 &&
         cd_test_find_widget (GTK_WIDGET (f->overlay), widget_type) == NULL;
}

/* The toast's own timeout fires after a stall in which no frame was
 * drawn, and the next frame comes 400 ms later: the show animation and
 * the hide animation would both be due in that frame. */
static void
test_timeout_after_stall (Fixture       *f,
                          gconstpointer  data)
{
  gint64 added = g_get_monotonic_time ();

  add_toast (f, 1);
  /* Due with the toast's own timer, and run after it. */
  g_timeout_add (1000, stall_cb, GUINT_TO_POINTER (400));
  g_usleep (1300 * G_TIME_SPAN_MILLISECOND);
  cd_test_wait_until (toast_gone, f, 5000);
  g_assert_cmpuint (f->n_dismissed, ==, 1);
  g_assert_cmpint (f->dismissed_at - added, >=, 1000 * G_TIME_SPAN_MILLISECOND);
}

/* Dismissed at once (Escape, the close button): the overlay hears of it
 * only once the show animation is surely over, not before. */
static void
test_dismiss_right_after_show (Fixture       *f,
                               gconstpointer  data)
{
  gint64 added = g_get_monotonic_time ();
  AdwToast *toast = add_toast (f, 5);

  adw_toast_dismiss (toast);
  g_assert_cmpuint (f->n_dismissed, ==, 0);
  g_usleep (400 * G_TIME_SPAN_MILLISECOND);
  cd_test_wait_until (toast_gone, f, 5000);
  g_assert_cmpuint (f->n_dismissed, ==, 1);
  g_assert_cmpint (f->dismissed_at - added, >=, 500 * G_TIME_SPAN_MILLISECOND);
}

/* A window that is not shown has no animations to wait for. */
static void
test_unmapped_dismisses_at_once (Fixture       *f,
                                 gconstpointer  data)
{
  AdwToast *toast;

  gtk_widget_set_visible (f->window, FALSE);
  toast = add_toast (f, 5);
  adw_toast_dismiss (toast);
  g_assert_cmpuint (f->n_dismissed, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  cd_test_init (&argc, &argv);

  g_test_add ("/toast/timeout-after-stall", Fixture, NULL,
              fixture_setup, test_timeout_after_stall, fixture_teardown);
  g_test_add ("/toast/dismiss-right-after-show", Fixture, NULL,
              fixture_setup, test_dismiss_right_after_show, fixture_teardown);
  g_test_add ("/toast/unmapped-dismisses-at-once", Fixture, NULL,
              fixture_setup, test_unmapped_dismisses_at_once, fixture_teardown);
  return g_test_run ();
}

/* cd-toast.c: showing toasts without tripping libadwaita 1.2's overlay
 *
 * AdwToastOverlay (libadwaita 1.2.2) keeps a record per toast, and the
 * "done" handler of the toast's show animation points at that record.
 * The record is freed when the hide animation ends, while the show
 * animation, which holds a reference to itself while it plays, may still
 * be running.  When a toast is dismissed before its show animation had
 * its last frame and both animations are then due in the same frame,
 * GTK runs the newer tick callback first: the hide ends, frees the
 * record, and the show's handler then reads and writes freed memory.  It
 * happens when the main loop is busy: the toast's 5 s timeout fires
 * after a stall in which no frame was drawn, and the next frame comes
 * 300 ms or more later (valgrind shows it in the display tests; under
 * load test-window crashed with SIGSEGV).  A show that replaces another
 * toast lasts 500 ms, so dismissing it within 200 ms does it without any
 * stall.
 *
 * So every dismissal of our toasts (their timeout, the close button,
 * Escape, an action button) is stopped and done again from a frame whose
 * time is at least HOLD_MS after the last moment a toast of the same
 * overlay could have begun to show (an add, or a dismissal that lets the
 * next toast in).  In that frame the show animation ends at the latest,
 * and the hide animation begins, so the hide always ends after the show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-toast.h"

/* The longest show animation of adw-toast-overlay.c (REPLACE_DURATION,
 * 500 ms), plus a margin for the rounding of frame times. */
#define HOLD_MS 600

typedef struct
{
  GtkWidget *host;      /* weak: the overlay, or the preferences window */
  guint tick_id;        /* a held-back dismissal waits for a frame */
  gboolean released;    /* the dismissal now goes through */
} Guard;

static GQuark
guard_quark (void)
{
  return g_quark_from_static_string ("cd-toast-guard");
}

static GQuark
last_show_quark (void)
{
  return g_quark_from_static_string ("cd-toast-last-show");
}

static void
guard_free (Guard *guard)
{
  g_clear_weak_pointer (&guard->host);
  g_free (guard);
}

static gint64
frame_time (GtkWidget *host)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (host);

  return clock ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();
}

/* A toast of @host may begin its show animation at @time. */
static void
note_show (GtkWidget *host,
           gint64     time)
{
  gint64 *last = g_object_get_qdata (G_OBJECT (host), last_show_quark ());

  if (last == NULL)
    {
      last = g_new0 (gint64, 1);
      g_object_set_qdata_full (G_OBJECT (host), last_show_quark (), last, g_free);
    }
  *last = MAX (*last, time);
}

static gint64
last_show (GtkWidget *host)
{
  gint64 *last = g_object_get_qdata (G_OBJECT (host), last_show_quark ());

  return last ? *last : 0;
}

static gboolean
release_tick_cb (GtkWidget     *host,
                 GdkFrameClock *clock,
                 gpointer       data)
{
  AdwToast *toast = data;
  Guard *guard = g_object_get_qdata (G_OBJECT (toast), guard_quark ());
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (now < last_show (host) + HOLD_MS * G_TIME_SPAN_MILLISECOND)
    return G_SOURCE_CONTINUE;
  guard->tick_id = 0;
  guard->released = TRUE;
  /* The overlay shows the next waiting toast at once. */
  note_show (host, now);
  /* Not adw_toast_dismiss(): the toast's own handler, which runs before
   * ours, has already forgotten its overlay, so it would do nothing. */
  g_signal_emit_by_name (toast, "dismissed");
  return G_SOURCE_REMOVE;
}

/* Runs before the overlay's own handler, which it can stop. */
static void
on_dismissed (AdwToast *toast,
              Guard    *guard)
{
  /* Unmapped, the overlay skips every animation to its end at once. */
  if (guard->released || guard->host == NULL || !gtk_widget_get_mapped (guard->host))
    return;
  g_signal_stop_emission_by_name (toast, "dismissed");
  if (guard->tick_id == 0)
    guard->tick_id = gtk_widget_add_tick_callback (guard->host, release_tick_cb,
                                                   g_object_ref (toast), g_object_unref);
}

static void
guard_toast (GtkWidget *host,
             AdwToast  *toast)
{
  Guard *guard;

  /* Added again (adw_toast_overlay_add_toast() then restarts its timeout):
   * the guard is there already. */
  if (g_object_get_qdata (G_OBJECT (toast), guard_quark ()))
    return;
  guard = g_new0 (Guard, 1);
  g_set_weak_pointer (&guard->host, host);
  g_object_set_qdata_full (G_OBJECT (toast), guard_quark (), guard,
                           (GDestroyNotify) guard_free);
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_dismissed), guard);
  note_show (host, frame_time (host));
}

void
cd_toast_add (AdwToastOverlay *overlay,
              AdwToast        *toast)
{
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  guard_toast (GTK_WIDGET (overlay), toast);
  adw_toast_overlay_add_toast (overlay, toast);
}

void
cd_toast_add_to_preferences (AdwPreferencesWindow *window,
                             AdwToast             *toast)
{
  g_return_if_fail (ADW_IS_PREFERENCES_WINDOW (window));
  g_return_if_fail (ADW_IS_TOAST (toast));

  guard_toast (GTK_WIDGET (window), toast);
  adw_preferences_window_add_toast (window, toast);
}

/* Keeping toasts above bottom bars
 *
 * AdwToastOverlay (1.2) puts its toasts at its own bottom edge, over
 * whatever is there: in a narrow window the view switcher bar, or the
 * list's selection bar. It has no setting for that, and the toast
 * widgets are its own, so a style rule lifts them: while a bar is
 * revealed on screen, the overlay has the class "cd-toasts-above-N",
 * which gives its toasts a bottom margin of the bar's height N plus the
 * toast's side margin (12 px in Adwaita). The rules for the heights seen
 * so far live in one provider per display, made the first time a bar is
 * revealed; the class changes only when the bars do, not per toast. */

#define TOAST_GAP 12

typedef struct
{
  GtkWidget *overlay;     /* weak */
  GtkRevealer *revealer;  /* weak */
} Bar;

static GQuark
bars_quark (void)
{
  return g_quark_from_static_string ("cd-toast-bars");
}

static GQuark
above_class_quark (void)
{
  return g_quark_from_static_string ("cd-toast-above-class");
}

static void
bar_free (Bar *bar)
{
  if (bar->revealer)
    g_signal_handlers_disconnect_by_data (bar->revealer, bar);
  g_clear_weak_pointer (&bar->overlay);
  g_clear_weak_pointer (&bar->revealer);
  g_free (bar);
}

/* The first GtkRevealer at or under @widget, depth first. */
static GtkRevealer *
find_revealer (GtkWidget *widget)
{
  if (GTK_IS_REVEALER (widget))
    return GTK_REVEALER (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkRevealer *revealer = find_revealer (child);

      if (revealer)
        return revealer;
    }
  return NULL;
}

/* The bar's full height while it is revealed and on screen, else 0: not
 * its height of the moment, which grows while it slides in. */
static int
bar_height (Bar *bar)
{
  GtkWidget *child;
  int height = 0;

  if (bar->revealer == NULL || !gtk_revealer_get_reveal_child (bar->revealer) ||
      !gtk_widget_get_mapped (GTK_WIDGET (bar->revealer)))
    return 0;
  child = gtk_revealer_get_child (bar->revealer);
  if (child == NULL || !gtk_widget_get_visible (child))
    return 0;
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);
  return height;
}

/* Makes sure the display has a rule for toasts above a bar of @height. */
static void
ensure_above_rule (GdkDisplay *display,
                   int         height)
{
  static GtkCssProvider *provider;
  static GString *rules;
  static GHashTable *heights;
  g_autofree char *rule = NULL;

  if (heights == NULL)
    {
      heights = g_hash_table_new (NULL, NULL);
      rules = g_string_new (NULL);
      provider = gtk_css_provider_new ();
    }
  if (!g_hash_table_contains (heights, GINT_TO_POINTER (height)))
    {
      g_hash_table_add (heights, GINT_TO_POINTER (height));
      g_string_append_printf (rules, "toastoverlay.cd-toasts-above-%d > toast { margin-bottom: %dpx; }\n",
                              height, height + TOAST_GAP);
      gtk_css_provider_load_from_data (provider, rules->str, -1);
    }
  if (g_object_get_data (G_OBJECT (display), "cd-toast-provider") == NULL)
    {
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_object_set_data (G_OBJECT (display), "cd-toast-provider", provider);
    }
}

static void
update_toast_margin (GtkWidget *overlay)
{
  GPtrArray *bars = g_object_get_qdata (G_OBJECT (overlay), bars_quark ());
  const char *old_class = g_object_get_qdata (G_OBJECT (overlay), above_class_quark ());
  g_autofree char *new_class = NULL;
  int height = 0;

  for (guint i = 0; bars && i < bars->len; i++)
    height = MAX (height, bar_height (g_ptr_array_index (bars, i)));
  if (height > 0)
    new_class = g_strdup_printf ("cd-toasts-above-%d", height);
  if (g_strcmp0 (old_class, new_class) == 0)
    return;
  if (old_class)
    gtk_widget_remove_css_class (overlay, old_class);
  if (new_class)
    {
      ensure_above_rule (gtk_widget_get_display (overlay), height);
      gtk_widget_add_css_class (overlay, new_class);
    }
  g_object_set_qdata_full (G_OBJECT (overlay), above_class_quark (),
                           g_steal_pointer (&new_class), g_free);
}

static void
on_bar_changed (Bar *bar)
{
  if (bar->overlay)
    update_toast_margin (bar->overlay);
}

/* Keeps the toasts of @overlay above @bar whenever @bar is revealed and
 * on screen, instead of over it. @bar is a GtkRevealer at the bottom of
 * the overlay, or a widget holding one, as AdwViewSwitcherBar does. */
void
cd_toast_keep_above (AdwToastOverlay *overlay,
                     GtkWidget       *bar_widget)
{
  GPtrArray *bars;
  GtkRevealer *revealer;
  Bar *bar;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (GTK_IS_WIDGET (bar_widget));

  revealer = find_revealer (bar_widget);
  g_return_if_fail (revealer != NULL);

  bars = g_object_get_qdata (G_OBJECT (overlay), bars_quark ());
  if (bars == NULL)
    {
      bars = g_ptr_array_new_with_free_func ((GDestroyNotify) bar_free);
      g_object_set_qdata_full (G_OBJECT (overlay), bars_quark (), bars,
                               (GDestroyNotify) g_ptr_array_unref);
    }
  bar = g_new0 (Bar, 1);
  g_set_weak_pointer (&bar->overlay, GTK_WIDGET (overlay));
  g_set_weak_pointer (&bar->revealer, revealer);
  g_ptr_array_add (bars, bar);

  g_signal_connect_swapped (revealer, "notify::reveal-child", G_CALLBACK (on_bar_changed), bar);
  g_signal_connect_swapped (revealer, "map", G_CALLBACK (on_bar_changed), bar);
  g_signal_connect_swapped (revealer, "unmap", G_CALLBACK (on_bar_changed), bar);
  update_toast_margin (GTK_WIDGET (overlay));
}

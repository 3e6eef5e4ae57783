/* cd-test-utils.c: shared helpers of the display tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "cd-test-utils.h"

void
cd_test_init (int    *argc,
              char ***argv)
{
  gtk_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the predicate holds; fails the test after
 * timeout_ms so a broken async path cannot hang the suite. */
void
cd_test_wait_until (gboolean (*predicate) (gpointer data),
                    gpointer   data,
                    guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!predicate (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_true (predicate (data));
}

void
cd_test_iterate (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
has_visible_text (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && *gtk_label_get_label (GTK_LABEL (child)))
        return TRUE;
      if (has_visible_text (child))
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_accessible_name (GtkWidget *widget)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return TRUE;
  if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  /* Buttons are named by the text they show. */
  if ((GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget)) && has_visible_text (widget))
    return TRUE;
  return FALSE;
}

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_TEXT_VIEW (widget) ||
         GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_SPIN_BUTTON (widget) || GTK_IS_SWITCH (widget) || GTK_IS_LIST_VIEW (widget);
}

/* A control's insides (the text of an entry, the toggle of a drop-down)
 * are GTK's own business. */
static gboolean
is_opaque (GtkWidget *widget)
{
  /* An AdwComboRow shows its choice in a list view of its own; the row
   * is named by its title. */
  return is_control (widget) || ADW_IS_COMBO_ROW (widget);
}

static void
collect_unnamed (GtkWidget *widget,
                 GString   *missing)
{
  /* What is hidden (a popover not popped up, say the list inside an
   * AdwComboRow) is not shown to anyone, assistive technologies included. */
  if (!gtk_widget_get_visible (widget))
    return;
  if (is_control (widget) && gtk_widget_get_visible (widget) && !has_accessible_name (widget))
    g_string_append_printf (missing, " %s(%s)", G_OBJECT_TYPE_NAME (widget),
                            gtk_widget_get_name (widget));
  if (is_opaque (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, missing);
}

/* Every visible control under root has an accessible name: its own
 * label property, a labelled-by relation (a mnemonic label) or, for a
 * button, the text it shows. */
void
cd_test_assert_accessible_names (GtkWidget *root)
{
  g_autoptr(GString) missing = g_string_new (NULL);

  collect_unnamed (root, missing);
  if (missing->len > 0)
    g_error ("Controls without an accessible name:%s", missing->str);
}

GtkWidget *
cd_test_find_widget (GtkWidget *root,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cd_test_find_widget (child, type);

      if (found)
        return found;
    }
  return NULL;
}

char *
cd_test_make_store_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("copydesk-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_recursively (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)))
        {
          g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

          remove_recursively (child);
          g_object_unref (info);
        }
    }
  g_file_delete (file, NULL, NULL);
}

void
cd_test_remove_dir (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  remove_recursively (file);
}

/* Replaces the text the way typing does: through the editable, so every
 * "changed" handler runs as for a user. */
void
cd_test_type_text (GtkWidget  *editable,
                   const char *text)
{
  int pos = 0;

  gtk_editable_delete_text (GTK_EDITABLE (editable), 0, -1);
  gtk_editable_insert_text (GTK_EDITABLE (editable), text, -1, &pos);
}

/* Real key presses go through the X server with xdotool (XTest), as GTK 4
 * has no way to send a window synthetic keys: TRUE when that works here. */
gboolean
cd_test_can_press_keys (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

#ifdef GDK_WINDOWING_X11
  return xdotool != NULL && GDK_IS_X11_DISPLAY (gdk_display_get_default ());
#else
  return FALSE;
#endif
}

static void
run_xdotool (GtkWidget  *window,
             GPtrArray  *command)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  /* No window manager runs under Xvfb: give the window the focus first. */
  g_ptr_array_add (argv, "xdotool");
  g_ptr_array_add (argv, "windowfocus");
  g_ptr_array_add (argv, "--sync");
  g_ptr_array_add (argv, xid);
  for (guint i = 0; i < command->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (command, i));
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xdotool failed: %s", err);
  /* Let GDK read and dispatch what the server now has for it. */
  cd_test_iterate (150);
#else
  g_assert_not_reached ();
#endif
}

/* Presses each key (xdotool names: "ctrl+f", "Down", "Return") in turn. */
void
cd_test_press_keys (GtkWidget  *window,
                    const char *first_key,
                    ...)
{
  g_autoptr(GPtrArray) command = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (command, "key");
  g_ptr_array_add (command, "--clearmodifiers");
  g_ptr_array_add (command, "--delay");
  g_ptr_array_add (command, "30");
  va_start (args, first_key);
  for (const char *key = first_key; key; key = va_arg (args, const char *))
    g_ptr_array_add (command, (gpointer) key);
  va_end (args);
  run_xdotool (window, command);
}

/* Types @text key by key. */
void
cd_test_type_keys (GtkWidget  *window,
                   const char *text)
{
  g_autoptr(GPtrArray) command = g_ptr_array_new ();

  g_ptr_array_add (command, "type");
  g_ptr_array_add (command, "--delay");
  g_ptr_array_add (command, "30");
  g_ptr_array_add (command, (gpointer) text);
  run_xdotool (window, command);
}

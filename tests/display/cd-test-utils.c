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

#include "cd-import-dialog.h"
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

gboolean
cd_test_window_idle (gpointer window)
{
  return !cd_window_get_busy (window);
}

gboolean
cd_test_import_dialog_shown (gpointer window)
{
  return cd_window_get_import_dialog (window) != NULL;
}

gboolean
cd_test_has_article (gpointer window)
{
  return cd_window_get_article (window) != NULL && !cd_window_get_busy (window);
}

void
cd_test_fixture_add_application (CdTestFixture *f)
{
  g_autoptr(GError) error = NULL;

  f->app = cd_application_new ();
  g_application_set_flags (G_APPLICATION (f->app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (f->app), NULL, &error));
  g_assert_no_error (error);
}

void
cd_test_fixture_open_window (CdTestFixture *f,
                             int            width,
                             int            height)
{
  f->store = cd_store_new (f->dir);
  f->window = cd_window_new (f->app, f->store);
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  gtk_window_present (GTK_WINDOW (f->window));
  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
}

void
cd_test_fixture_set_up (CdTestFixture *f,
                        int            width,
                        int            height)
{
  f->dir = cd_test_make_tmp_dir ("copydesk-test");
  cd_test_fixture_open_window (f, width, height);
}

void
cd_test_fixture_tear_down (CdTestFixture *f)
{
  if (f->window)
    gtk_window_destroy (GTK_WINDOW (f->window));
  cd_test_iterate (50);
  g_clear_object (&f->store);
  g_clear_object (&f->app);
  cd_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

guint
cd_test_import_samples (CdTestFixture *f)
{
  GtkWidget *dialog;
  guint n_new;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-samples", NULL);
  cd_test_wait_until (cd_test_import_dialog_shown, f->window, 10000);
  dialog = cd_window_get_import_dialog (f->window);
  n_new = cd_import_dialog_get_n_new (CD_IMPORT_DIALOG (dialog));
  gtk_widget_activate_action (dialog, "import.accept", NULL);
  cd_test_wait_until (cd_test_has_article, f->window, 10000);
  return n_new;
}

const char *
cd_test_select_headline (CdTestFixture *f,
                         const char    *prefix)
{
  GListModel *model = G_LIST_MODEL (f->store);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdArticleSummary) s = g_list_model_get_item (model, i);
      g_autofree char *id = NULL;

      if (!g_str_has_prefix (cd_article_summary_get_headline (s), prefix))
        continue;
      id = g_strdup (cd_article_summary_get_id (s));
      cd_window_select_article (f->window, id);
      while (cd_window_get_article (f->window) == NULL ||
             !g_str_equal (cd_article_get_id (cd_window_get_article (f->window)), id))
        g_main_context_iteration (NULL, TRUE);
      return cd_article_get_id (cd_window_get_article (f->window));
    }
  g_error ("no article starts with “%s”", prefix);
  return NULL;
}

char *
cd_test_open_headline (CdTestFixture *f,
                       const char    *prefix)
{
  char *id = g_strdup (cd_test_select_headline (f, prefix));

  cd_test_wait_until (cd_test_window_idle, f->window, 10000);
  return id;
}

void
cd_test_show_article (CdTestFixture *f,
                      const char    *id)
{
  cd_window_select_article (f->window, id);
  while (cd_window_get_article (f->window) == NULL || cd_window_get_busy (f->window))
    g_main_context_iteration (NULL, TRUE);
}

void
cd_test_press_accel (CdTestFixture *f,
                     const char    *accel)
{
  g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (f->app), accel);
  g_autoptr(GVariant) target = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  if (actions == NULL || actions[0] == NULL)
    g_error ("no action has the accelerator %s", accel);
  g_assert_true (g_action_parse_detailed_name (actions[0], &name, &target, &error));
  if (g_str_has_prefix (name, "app."))
    g_action_group_activate_action (G_ACTION_GROUP (f->app), name + 4, target);
  else
    g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->window), name, target));
  cd_test_iterate (100);
}

CdArticle *
cd_test_article_on_disk (CdTestFixture *f,
                         const char    *id)
{
  g_autoptr(CdStore) other = cd_store_new (f->dir);
  g_autoptr(GError) error = NULL;
  CdArticle *article;

  g_assert_true (cd_store_open (other, NULL, &error));
  article = cd_store_load_article (other, id, NULL, &error);
  g_assert_no_error (error);
  return article;
}

void
cd_test_run_cli (CdTestFixture *f,
                 const char   **args)
{
  const char *cli = g_getenv ("COPYDESK_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, "--store");
  g_ptr_array_add (argv, f->dir);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("copydesk-cli failed: %s", err);
}

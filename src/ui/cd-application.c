/* cd-application.c: the single Copydesk process
 *
 * One instance per session: opening files from a file manager or the
 * command line while Copydesk runs imports them into the running window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-application.h"
#include "cd-preferences-window.h"
#include "cd-store.h"
#include "cd-window.h"

struct _CdApplication
{
  AdwApplication parent_instance;

  char *store_path;
};

G_DEFINE_FINAL_TYPE (CdApplication, cd_application, ADW_TYPE_APPLICATION)

/* Auxiliary methods */

static CdWindow *
get_window (CdApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (CD_IS_WINDOW (window))
    return CD_WINDOW (window);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (CD_IS_WINDOW (l->data))
      return CD_WINDOW (l->data);
  return NULL;
}

static CdStore *
create_store (CdApplication *self)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.copydesk.Copydesk");
  g_autofree char *configured = g_settings_get_string (settings, "store-path");
  g_autofree char *fallback = NULL;

  if (self->store_path)
    return cd_store_new (self->store_path);
  if (configured && *configured)
    return cd_store_new (configured);
  fallback = cd_store_default_path ();
  return cd_store_new (fallback);
}

static CdWindow *
ensure_window (CdApplication *self)
{
  CdWindow *window = get_window (self);
  g_autoptr(CdStore) store = NULL;

  if (window)
    return window;
  store = create_store (self);
  return cd_window_new (self, store);
}

/* Actions */

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  CdApplication *self = user_data;

  /* Closing each window runs its close-request, which saves what is
   * unsaved; g_application_quit would skip that. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  CdApplication *self = user_data;
  const char *developers[] = { _("The Copydesk developers"), NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Copydesk"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Copydesk developers"),
                         "developers", developers,
                         "comments", _("Prepare news stories for publishing"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  CdApplication *self = user_data;
  CdWindow *window = get_window (self);
  GtkWidget *prefs;

  if (window == NULL)
    return;
  prefs = cd_preferences_window_new (cd_window_get_store (window));
  cd_preferences_window_set_publisher (CD_PREFERENCES_WINDOW (prefs),
                                       cd_window_get_publisher (window));
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (prefs));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
};

/* Application accelerators act before the focus widget sees the key, so
 * none of them may be a key that text fields use: Ctrl+Delete (delete
 * the next word) moves to the trash through a binding of the window
 * instead (cd-window-actions.c). */
static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "win.find", { "<Control>f", NULL } },
  { "win.new-article", { "<Control>n", NULL } },
  { "win.import", { "<Control>o", NULL } },
  { "win.paste-import", { "<Control><Shift>v", NULL } },
  { "win.save", { "<Control>s", NULL } },
  { "win.reload", { "<Control>r", NULL } },
  { "win.add-photo", { "<Control><Shift>a", NULL } },
  { "win.publish", { "<Control><Shift>p", NULL } },
  { "win.show-trash", { "<Control><Shift>t", NULL } },
  { "win.show-view('editor')", { "<Alt>1", NULL } },
  { "win.show-view('photos')", { "<Alt>2", NULL } },
  { "win.show-view('captions')", { "<Alt>3", NULL } },
  { "win.show-view('queue')", { "<Alt>4", NULL } },
  { "win.focus-list", { "F6", NULL } },
  { "win.back", { "<Alt>Left", NULL } },
  { "win.select-all", { "<Control><Shift>s", NULL } },
  { "window.close", { "<Control>w", NULL } },
};

/* GApplication overrides */

static int
cd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  CdApplication *self = CD_APPLICATION (app);
  g_autofree char *store = NULL;

  if (g_variant_dict_lookup (options, "store", "^ay", &store))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (store);

      g_free (self->store_path);
      self->store_path = g_file_get_path (file);
    }

  return G_APPLICATION_CLASS (cd_application_parent_class)->handle_local_options (app, options);
}

static void
cd_application_startup (GApplication *app)
{
  CdApplication *self = CD_APPLICATION (app);

  G_APPLICATION_CLASS (cd_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);
}

static void
cd_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (ensure_window (CD_APPLICATION (app))));
}

static void
cd_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  CdWindow *window = ensure_window (CD_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  cd_window_import_files (window, files, n_files);
}

static void
cd_application_finalize (GObject *object)
{
  CdApplication *self = CD_APPLICATION (object);

  g_free (self->store_path);

  G_OBJECT_CLASS (cd_application_parent_class)->finalize (object);
}

static void
cd_application_class_init (CdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = cd_application_finalize;
  app_class->handle_local_options = cd_application_handle_local_options;
  app_class->startup = cd_application_startup;
  app_class->activate = cd_application_activate;
  app_class->open = cd_application_open;
}

static void
cd_application_init (CdApplication *self)
{
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Use the article store in DIR instead of the default one"), N_("DIR") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Files given are imported as page copy."));
}

/* Public API */

CdApplication *
cd_application_new (void)
{
  return g_object_new (CD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/copydesk/Copydesk",
                       NULL);
}

const char *
cd_application_get_store_path (CdApplication *self)
{
  g_return_val_if_fail (CD_IS_APPLICATION (self), NULL);
  return self->store_path;
}

void
cd_application_set_store_path (CdApplication *self,
                               const char    *path)
{
  g_return_if_fail (CD_IS_APPLICATION (self));
  g_free (self->store_path);
  self->store_path = g_strdup (path);
}

/* The installed samples, or the source tree's when running uninstalled. */
char *
cd_application_dup_samples_dir (void)
{
  const char *env = g_getenv ("COPYDESK_SAMPLES_DIR");

  if (env && *env)
    return g_strdup (env);
  if (g_file_test (CD_INSTALLED_SAMPLES_DIR, G_FILE_TEST_IS_DIR))
    return g_strdup (CD_INSTALLED_SAMPLES_DIR);
  return g_strdup (CD_SOURCE_SAMPLES_DIR);
}

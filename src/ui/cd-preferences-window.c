/* cd-preferences-window.c: the store's settings
 *
 * The settings live in the store (settings.json), not in GSettings, so
 * that the CLI and every desktop using a shared store agree on them.
 *
 * A change of the headline limit or the language applies at once (the
 * store's settings change in memory, and the main window follows them),
 * but store.json is written only SAVE_DELAY_MS after the last change,
 * in a thread, and at once when the window closes: a spin button held
 * down would otherwise write the file, with an fsync, at every step.
 *
 * The Sites page lists the sites to publish to (store.json too), adds one
 * (its application password goes to the keyring through
 * cd_site_password_store(), never to the store), removes one, and checks
 * one by logging in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-preferences-window.h"
#include "cd-site-password.h"
#include "cd-toast.h"
#include "cd-ui-utils.h"

#define SAVE_DELAY_MS CD_PREFERENCES_WINDOW_SAVE_DELAY_MS

struct _CdPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GtkSpinButton *limit_spin;
  AdwComboRow *language_row;
  GtkStringList *language_list;
  GtkListBox *site_list;
  AdwEntryRow *name_entry;
  AdwEntryRow *url_entry;
  AdwEntryRow *user_entry;
  AdwEntryRow *password_entry;
  GtkLabel *add_message;

  CdStore *store;
  CdPublisher *publisher;
  GCancellable *cancellable;
  guint save_source;        /* the write of the settings changed here */
  gint64 save_due;          /* when it runs (monotonic µs); 0 with no source */
  guint loading : 1;
};

G_DEFINE_FINAL_TYPE (CdPreferencesWindow, cd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Another program may have changed the settings since they were read
 * (the CLI's "site add", another Copydesk): each change here starts from
 * what is on disk, so that it does not undo that one. */
static gboolean
reload_settings (CdPreferencesWindow  *self,
                 GError              **error)
{
  return cd_store_reload_settings (self->store, error);
}

typedef struct
{
  CdPreferencesWindow *self;
  GApplication *app;        /* held until the settings are on disk */
} WriteData;

static void
on_settings_written_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  WriteData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!cd_store_write_settings_finish (CD_STORE (object), result, &error))
    {
      /* Closed meanwhile: no window left to say it in. */
      if (data->self->store == NULL)
        g_warning ("Could not save the settings: %s", error->message);
      else
        cd_toast_add_to_preferences (ADW_PREFERENCES_WINDOW (data->self),
                                     adw_toast_new (error->message));
    }
  if (data->app)
    g_application_release (data->app);
  g_clear_object (&data->app);
  g_object_unref (data->self);
  g_free (data);
}

/* Writes what was changed here. The application stays up until the file
 * is on disk, even when this was the last window. */
static void
write_settings (CdPreferencesWindow *self)
{
  WriteData *data;

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_due = 0;
  if (!cd_store_get_settings_pending (self->store))
    return;
  data = g_new0 (WriteData, 1);
  data->self = g_object_ref (self);
  if (g_application_get_default ())
    {
      data->app = g_object_ref (g_application_get_default ());
      g_application_hold (data->app);
    }
  cd_store_write_settings_async (self->store, NULL, on_settings_written_cb, data);
}

static gboolean
on_save_timeout_cb (gpointer user_data)
{
  CdPreferencesWindow *self = user_data;

  self->save_source = 0;
  self->save_due = 0;
  write_settings (self);
  return G_SOURCE_REMOVE;
}

static void
save_setting (CdPreferencesWindow *self,
              const char          *name,
              JsonNode            *value)
{
  g_autoptr(JsonNode) owned = value;
  g_autoptr(GError) error = NULL;

  if (!cd_store_set_setting (self->store, name, owned, &error))
    {
      cd_toast_add_to_preferences (ADW_PREFERENCES_WINDOW (self),
                                   adw_toast_new (error->message));
      return;
    }
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_due = g_get_monotonic_time () + SAVE_DELAY_MS * G_TIME_SPAN_MILLISECOND;
  self->save_source = g_timeout_add (SAVE_DELAY_MS, on_save_timeout_cb, self);
  g_source_set_name_by_id (self->save_source, "[copydesk] save settings");
}

static void
on_limit_changed_cb (CdPreferencesWindow *self)
{
  JsonNode *node;

  if (self->loading || self->store == NULL)
    return;
  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_int (node, gtk_spin_button_get_value_as_int (self->limit_spin));
  save_setting (self, "headline-limit", node);
}

static void
on_language_changed_cb (CdPreferencesWindow *self)
{
  const CdLanguage *langs;
  guint n_langs;
  guint pos = adw_combo_row_get_selected (self->language_row);
  JsonNode *node;

  langs = cd_ui_get_languages (&n_langs);
  /* Filling the list while the window is built selects a row: no store yet. */
  if (self->loading || self->store == NULL || pos >= n_langs)
    return;
  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (node, langs[pos].code);
  save_setting (self, "default-language", node);
}

/* Sites */

static CdPublisher *
ensure_publisher (CdPreferencesWindow *self)
{
  if (self->publisher == NULL)
    self->publisher = cd_publisher_new (self->store);
  return self->publisher;
}

static void
show_add_message (CdPreferencesWindow *self,
                  const char          *text,
                  gboolean             is_error)
{
  gtk_label_set_label (self->add_message, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->add_message), text != NULL);
  if (is_error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->add_message), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->add_message), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->add_message), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->add_message), "warning");
    }
}

static GtkWidget *
site_row (CdSite *site)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_button_new_with_mnemonic (_("_Check"));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *title = g_markup_escape_text (cd_site_get_name (site), -1);
  g_autofree char *subtitle = NULL;
  g_autofree char *remove_label = NULL;
  g_autofree char *check_label = NULL;
  g_autofree char *escaped = NULL;

  subtitle = g_strdup_printf (_("%s, user %s"), cd_site_get_url (site), cd_site_get_user (site));
  escaped = g_markup_escape_text (subtitle, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_widget_set_name (row, cd_site_get_name (site));

  check_label = g_strdup_printf (_("Check site %s by logging in"), cd_site_get_name (site));
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, check_label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (check), "sites.check");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (check), "s", cd_site_get_name (site));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);

  remove_label = g_strdup_printf (_("Remove site %s"), cd_site_get_name (site));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  gtk_widget_add_css_class (remove, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "sites.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", cd_site_get_name (site));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
fill_sites (CdPreferencesWindow *self)
{
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->site_list))))
    gtk_list_box_remove (self->site_list, child);

  sites = cd_sites_from_settings (cd_store_get_settings (self->store), &error);
  if (sites == NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("The sites do not load"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      gtk_list_box_append (self->site_list, row);
      return;
    }
  for (guint i = 0; i < sites->len; i++)
    gtk_list_box_append (self->site_list, site_row (g_ptr_array_index (sites, i)));
  if (sites->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No sites yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Add one below to publish articles"));
      gtk_list_box_append (self->site_list, row);
    }
}

static gboolean
save_sites (CdPreferencesWindow  *self,
            GPtrArray            *sites,
            GError              **error)
{
  g_autoptr(JsonObject) copy = cd_store_dup_settings (self->store);

  /* Change a copy: a failed write leaves the store's settings as they are. */
  cd_sites_to_settings (sites, copy);
  return cd_store_save_settings (self->store, copy, error);
}

static GtkWidget *
find_site_row (CdPreferencesWindow *self,
               const char          *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->site_list)); row;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      return row;
  return NULL;
}

static void
on_add_entry_changed_cb (CdPreferencesWindow *self)
{
  gboolean filled = *gtk_editable_get_text (GTK_EDITABLE (self->name_entry)) &&
                    *gtk_editable_get_text (GTK_EDITABLE (self->url_entry)) &&
                    *gtk_editable_get_text (GTK_EDITABLE (self->user_entry));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sites.add", filled);
}

static void
add_site_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  CdPreferencesWindow *self = CD_PREFERENCES_WINDOW (widget);
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(CdSite) site = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *url = NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_entry));

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_entry))));
  site = cd_site_new (name, url, gtk_editable_get_text (GTK_EDITABLE (self->user_entry)), &error);
  if (site == NULL || !reload_settings (self, &error) ||
      (sites = cd_sites_from_settings (cd_store_get_settings (self->store), &error)) == NULL)
    {
      show_add_message (self, error->message, TRUE);
      return;
    }
  if (cd_sites_find (sites, name))
    {
      g_autofree char *text = g_strdup_printf (_("There is a site named “%s” already; remove it "
                                                 "first to change it."), name);
      show_add_message (self, text, TRUE);
      return;
    }
  g_ptr_array_add (sites, g_object_ref (site));
  if (!save_sites (self, sites, &error))
    {
      show_add_message (self, error->message, TRUE);
      return;
    }

  /* The profile is saved; now the password, which only the keyring keeps. */
  if (*password == '\0')
    show_add_message (self, _("Site added without a password: Copydesk will look for it in the "
                              "keyring, or in the COPYDESK_SITE_PASSWORD environment variable."),
                      FALSE);
  else if (!cd_site_password_store (site, password, NULL, &error))
    {
      g_autofree char *text =
        g_strdup_printf (_("Site added, but its password could not be kept: there is no "
                           "keyring (Secret Service) to keep it in. Start Copydesk with the "
                           "password in the COPYDESK_SITE_PASSWORD environment variable. (%s)"),
                         error->message);
      show_add_message (self, text, FALSE);
    }
  else
    show_add_message (self, NULL, FALSE);

  if (self->publisher)
    cd_publisher_forget_clients (self->publisher);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->url_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  fill_sites (self);
}

static void
remove_site_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CdPreferencesWindow *self = CD_PREFERENCES_WINDOW (widget);
  const char *name = g_variant_get_string (param, NULL);
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(CdSite) site = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  CdSite *found;

  if (!reload_settings (self, &error) ||
      (sites = cd_sites_from_settings (cd_store_get_settings (self->store), &error)) == NULL)
    {
      cd_toast_add_to_preferences (ADW_PREFERENCES_WINDOW (self),
                                   adw_toast_new (error->message));
      return;
    }
  found = cd_sites_find (sites, name);
  if (found == NULL)
    return;
  site = g_object_ref (found);
  g_ptr_array_remove (sites, found);
  if (!save_sites (self, sites, &error))
    {
      cd_toast_add_to_preferences (ADW_PREFERENCES_WINDOW (self),
                                   adw_toast_new (error->message));
      return;
    }
  /* Without a keyring there is no stored password to forget. */
  cd_site_password_clear (site, NULL, NULL);
  if (self->publisher)
    cd_publisher_forget_clients (self->publisher);
  fill_sites (self);
  text = g_strdup_printf (_("Site %s removed"), name);
  cd_toast_add_to_preferences (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

typedef struct
{
  CdPreferencesWindow *self;
  char *site;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_object_unref (data->self);
  g_free (data->site);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CheckData, check_data_free)

static void
on_site_checked_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CheckData) data = user_data;
  CdPreferencesWindow *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *user = NULL;
  g_autofree char *text = NULL;
  GtkWidget *row;
  GtkWidget *dialog;

  user = cd_publisher_check_site_finish (CD_PUBLISHER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  row = find_site_row (self, data->site);
  if (row)
    gtk_widget_set_sensitive (row, TRUE);
  if (user)
    {
      text = g_strdup_printf (_("Logged in to %s as %s"), data->site, user);
      if (row)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
      cd_toast_add_to_preferences (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
      return;
    }
  text = g_strdup_printf (_("Could not log in to %s"), data->site);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), text, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
check_site_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CdPreferencesWindow *self = CD_PREFERENCES_WINDOW (widget);
  const char *name = g_variant_get_string (param, NULL);
  g_autofree char *text = g_strdup_printf (_("Checking %s…"), name);
  GtkWidget *row = find_site_row (self, name);
  CheckData *data = g_new0 (CheckData, 1);

  data->self = g_object_ref (self);
  data->site = g_strdup (name);
  if (row)
    gtk_widget_set_sensitive (row, FALSE);
  cd_toast_add_to_preferences (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
  cd_publisher_check_site_async (ensure_publisher (self), name, self->cancellable,
                                 on_site_checked_cb, data);
}

static void
show_settings (CdPreferencesWindow *self)
{
  JsonObject *settings = cd_store_get_settings (self->store);
  int language;

  self->loading = TRUE;
  if (settings)
    gtk_spin_button_set_value (self->limit_spin,
                               json_object_get_int_member_with_default (settings,
                                                                        "headline-limit", 90));
  language = cd_ui_find_language (cd_store_get_default_language (self->store));
  if (language >= 0)
    adw_combo_row_set_selected (self->language_row, language);
  self->loading = FALSE;
  fill_sites (self);
}

static void
cd_preferences_window_dispose (GObject *object)
{
  CdPreferencesWindow *self = CD_PREFERENCES_WINDOW (object);

  /* Closing saves a change still waiting for its delay, or one whose
   * write failed. */
  if (self->store)
    write_settings (self);
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->publisher);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (cd_preferences_window_parent_class)->dispose (object);
}

static void
cd_preferences_window_class_init (CdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/copydesk/Copydesk/cd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, limit_spin);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, language_row);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, language_list);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, site_list);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, url_entry);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, user_entry);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, password_entry);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, add_message);
  gtk_widget_class_bind_template_callback (widget_class, on_limit_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_language_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_entry_changed_cb);

  gtk_widget_class_install_action (widget_class, "sites.add", NULL, add_site_action);
  gtk_widget_class_install_action (widget_class, "sites.remove", "s", remove_site_action);
  gtk_widget_class_install_action (widget_class, "sites.check", "s", check_site_action);
}

static void
cd_preferences_window_init (CdPreferencesWindow *self)
{
  const CdLanguage *langs;
  guint n_langs;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  on_add_entry_changed_cb (self);

  langs = cd_ui_get_languages (&n_langs);
  for (guint i = 0; i < n_langs; i++)
    gtk_string_list_append (self->language_list, _(langs[i].name));
}

GtkWidget *
cd_preferences_window_new (CdStore *store)
{
  CdPreferencesWindow *self;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = g_object_new (CD_TYPE_PREFERENCES_WINDOW, NULL);
  self->store = g_object_ref (store);
  show_settings (self);
  /* Another program changed store.json and the main window read it
   * again: what shows here follows. */
  g_signal_connect_object (store, "notify::settings", G_CALLBACK (show_settings), self,
                           G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

/* Checks sites with the window's publisher, whose clients are dropped
 * when a site changes here; without one the window makes its own. */
void
cd_preferences_window_set_publisher (CdPreferencesWindow *self,
                                     CdPublisher         *publisher)
{
  g_return_if_fail (CD_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (!publisher || CD_IS_PUBLISHER (publisher));

  g_set_object (&self->publisher, publisher);
}

/**
 * cd_preferences_window_get_save_due:
 *
 * When the settings changed here will be written, on the clock of
 * g_get_monotonic_time(): each change starts the delay again.
 *
 * Returns: that time in microseconds, or 0 when no write waits
 */
gint64
cd_preferences_window_get_save_due (CdPreferencesWindow *self)
{
  g_return_val_if_fail (CD_IS_PREFERENCES_WINDOW (self), 0);
  return self->save_due;
}

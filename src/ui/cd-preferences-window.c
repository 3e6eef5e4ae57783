/* cd-preferences-window.c: the store's settings
 *
 * The settings live in the store (settings.json), not in GSettings, so
 * that the CLI and every desktop using a shared store agree on them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-preferences-window.h"
#include "cd-ui-utils.h"

struct _CdPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GtkSpinButton *limit_spin;
  AdwComboRow *language_row;
  GtkStringList *language_list;

  CdStore *store;
  guint loading : 1;
};

G_DEFINE_FINAL_TYPE (CdPreferencesWindow, cd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
save_setting (CdPreferencesWindow *self,
              const char          *name,
              JsonNode            *value)
{
  g_autoptr(JsonObject) settings = json_object_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *current = cd_store_get_settings (self->store);

  if (current)
    {
      g_autoptr(GList) members = json_object_get_members (current);

      for (GList *l = members; l; l = l->next)
        json_object_set_member (settings, l->data,
                                json_node_copy (json_object_get_member (current, l->data)));
    }
  json_object_set_member (settings, name, value);
  if (!cd_store_save_settings (self->store, settings, &error))
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
    }
}

static void
on_limit_changed_cb (CdPreferencesWindow *self)
{
  JsonNode *node;

  if (self->loading)
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
  if (self->loading || pos >= n_langs)
    return;
  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (node, langs[pos].code);
  save_setting (self, "default-language", node);
}

static void
cd_preferences_window_dispose (GObject *object)
{
  CdPreferencesWindow *self = CD_PREFERENCES_WINDOW (object);

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
  gtk_widget_class_bind_template_callback (widget_class, on_limit_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_language_changed_cb);
}

static void
cd_preferences_window_init (CdPreferencesWindow *self)
{
  const CdLanguage *langs;
  guint n_langs;

  gtk_widget_init_template (GTK_WIDGET (self));

  langs = cd_ui_get_languages (&n_langs);
  for (guint i = 0; i < n_langs; i++)
    gtk_string_list_append (self->language_list, _(langs[i].name));
}

GtkWidget *
cd_preferences_window_new (CdStore *store)
{
  CdPreferencesWindow *self;
  JsonObject *settings;
  int language;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = g_object_new (CD_TYPE_PREFERENCES_WINDOW, NULL);
  self->store = g_object_ref (store);
  settings = cd_store_get_settings (store);

  self->loading = TRUE;
  if (settings)
    gtk_spin_button_set_value (self->limit_spin,
                               json_object_get_int_member_with_default (settings, "headline-limit", 90));
  language = cd_ui_find_language (cd_store_get_default_language (store));
  if (language >= 0)
    adw_combo_row_set_selected (self->language_row, language);
  self->loading = FALSE;

  return GTK_WIDGET (self);
}

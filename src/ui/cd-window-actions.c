/* cd-window-actions.c: the win.* actions
 *
 * Every button and menu item of the window points at one of these, so
 * the keyboard, the menus and the tests all go the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-toast.h"
#include "cd-trash-dialog.h"
#include "cd-window-private.h"

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  cd_article_list_start_search (self->article_list);
}

/* The open article, in the list (whatever it filtered) and the editor,
 * with the keyboard in its headline. */
static void
show_new_article (CdWindow *self)
{
  cd_article_list_set_search_text (self->article_list, NULL);
  cd_article_list_set_status_filter (self->article_list, -1);
  cd_article_list_set_section_filter (self->article_list, NULL);
  cd_article_list_select_id (self->article_list, cd_article_get_id (self->article));
  adw_leaflet_set_visible_child (self->leaflet, self->content_pane);
  _cd_window_set_view (self, "editor");
  cd_article_editor_focus_headline (_cd_window_ensure_editor (self));
}

/* The new article is written at once, so that it is in the list like
 * any other; left without anything typed in it, it goes again
 * (_cd_window_set_article), and Ctrl+N on it makes no second one. */
static void
new_article_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(GPtrArray) articles = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  if (self->article && self->untouched_new)
    {
      show_new_article (self);
      return;
    }
  if (!_cd_window_flush (self, &error))
    {
      _cd_window_show_error (self, _("Could not save the article"), error);
      return;
    }
  cd_article_set_language (article, cd_store_get_default_language (self->store));
  g_ptr_array_add (articles, article);
  if (!cd_store_add_articles (self->store, articles, NULL, &error))
    {
      _cd_window_show_error (self, _("Could not create the article"), error);
      return;
    }
  _cd_window_set_article (self, article);
  self->untouched_new = TRUE;
  show_new_article (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  _cd_window_save_now (CD_WINDOW (widget));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  _cd_window_reload (CD_WINDOW (widget));
}

static void
restore_mine_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  _cd_window_restore_mine (CD_WINDOW (widget));
}

static void
discard_trashed_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  _cd_window_discard_trashed (CD_WINDOW (widget));
}

static void
copy_text_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  _cd_window_copy_text (CD_WINDOW (widget));
}

static void
keep_mine_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  _cd_window_keep_mine (CD_WINDOW (widget));
}

static void
take_theirs_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  _cd_window_take_theirs (CD_WINDOW (widget));
}

static void
add_photo_files (CdWindow  *self,
                 GListModel *files)
{
  guint n = g_list_model_get_n_items (files);
  g_autoptr(GSList) list = NULL;
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      GFile *file = g_list_model_get_item (files, i);

      g_ptr_array_add (keep, file);
      list = g_slist_append (list, file);
    }
  g_signal_emit_by_name (_cd_window_ensure_photo_manager (self), "files-dropped", list);
}

static void
on_photo_chooser_response_cb (CdWindow             *self,
                              int                   response,
                              GtkFileChooserNative *chooser)
{
  g_autoptr(GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      add_photo_files (self, files);
      _cd_window_set_view (self, "photos");
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

/* GtkFileChooserNative goes through the portal inside a sandbox; it is
 * the 4.8 way (GtkFileDialog came with 4.10). */
static void
add_photo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->article == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Add Photos"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"), NULL);
  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_pixbuf_formats (filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_photo_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
undo_trash_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  g_auto(GStrv) ids = g_steal_pointer (&self->last_trashed);

  for (guint i = 0; ids && ids[i]; i++)
    {
      g_autoptr(GError) error = NULL;

      /* Restored meanwhile, in the Trash dialog: nothing to undo. */
      if (cd_store_find (self->store, ids[i]) != NULL)
        continue;
      if (!cd_store_restore_article (self->store, ids[i], &error))
        _cd_window_show_error (self, _("Could not restore the article"), error);
    }
  if (ids && ids[0])
    cd_article_list_select_id (self->article_list, ids[0]);
  _cd_window_update_actions (self);
}

static void
on_trash_dialog_destroy_cb (CdWindow *self)
{
  self->trash_dialog = NULL;
}

/* The dialog is made when asked for and goes when closed, so the trash
 * costs the window nothing until then; asking again while it is open
 * brings the same one forward. */
static void
show_trash_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);

  if (self->trash_dialog == NULL)
    {
      self->trash_dialog = cd_trash_dialog_new (self->store);
      gtk_window_set_transient_for (GTK_WINDOW (self->trash_dialog), GTK_WINDOW (self));
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self->trash_dialog), TRUE);
      g_signal_connect_object (self->trash_dialog, "destroy",
                               G_CALLBACK (on_trash_dialog_destroy_cb), self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (self->trash_dialog));
}

/* As the list shows it; the open article was saved just before. */
static char *
dup_headline (CdWindow   *self,
              const char *id)
{
  CdArticleSummary *summary = cd_store_find (self->store, id);

  return summary ? g_strdup (cd_article_summary_get_headline (summary)) : NULL;
}

/* What the trash toast says: which article went, by its headline, or
 * how many. The toast's title is Pango markup (libadwaita 1.2), and the
 * headline is isolated so that one in another direction than the
 * interface keeps its quotes around it. */
static char *
dup_trashed_text (const char *headline,
                  guint       n)
{
  g_autofree char *escaped = NULL;
  g_autofree char *isolated = NULL;

  if (n > 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article moved to the trash",
                                         "%u articles moved to the trash", n), n);
  escaped = g_markup_escape_text (headline && *headline ? headline : _("Untitled"), -1);
  isolated = g_strconcat ("\u2068", escaped, "\u2069", NULL);
  /* Translators: %s is the headline of the article that was deleted */
  return g_strdup_printf (_("“%s” moved to the trash"), isolated);
}

static void
trash_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  g_auto(GStrv) ids = cd_article_list_dup_selected_ids (self->article_list);
  g_autoptr(GStrvBuilder) trashed = g_strv_builder_new ();
  g_autofree char *headline = NULL;
  g_autofree char *text = NULL;
  AdwToast *toast;
  guint n = 0;

  if ((ids == NULL || ids[0] == NULL) && self->article)
    {
      g_strfreev (ids);
      ids = g_new0 (char *, 2);
      ids[0] = g_strdup (cd_article_get_id (self->article));
    }
  for (guint i = 0; ids && ids[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *trashed_headline = NULL;

      if (self->article && g_str_equal (ids[i], cd_article_get_id (self->article)))
        {
          /* Whatever was typed goes into the trash with the article; a
           * new one without any goes there too, as asked, with Undo. */
          if (!_cd_window_flush (self, &error))
            {
              _cd_window_show_error (self, _("Could not save the article"), error);
              return;
            }
          self->untouched_new = FALSE;
          _cd_window_set_article (self, NULL);
        }
      trashed_headline = dup_headline (self, ids[i]);
      if (!cd_store_trash_article (self->store, ids[i], &error))
        {
          _cd_window_show_error (self, _("Could not move the article to the trash"), error);
          continue;
        }
      g_strv_builder_add (trashed, ids[i]);
      g_clear_pointer (&headline, g_free);
      headline = g_steal_pointer (&trashed_headline);
      n++;
    }
  if (n == 0)
    return;

  g_strfreev (self->last_trashed);
  self->last_trashed = g_strv_builder_end (trashed);
  text = dup_trashed_text (headline, n);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-trash");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  cd_toast_add (self->toast_overlay, toast);
  _cd_window_update_actions (self);
}

typedef struct
{
  CdWindow *window;
  GStrv ids;
  guint next;
  CdArticleStatus status;
} BulkStatus;

static void bulk_status_step (BulkStatus *bulk);

static void
bulk_status_free (BulkStatus *bulk)
{
  g_object_unref (bulk->window);
  g_strfreev (bulk->ids);
  g_free (bulk);
}

static void
on_bulk_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  BulkStatus *bulk = user_data;
  g_autoptr(GError) error = NULL;

  if (!cd_store_save_article_finish (CD_STORE (object), result, &error))
    _cd_window_show_error (bulk->window, _("Could not change the status"), error);
  bulk_status_step (bulk);
}

static void
on_bulk_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BulkStatus *bulk = user_data;
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = cd_store_load_article_finish (CD_STORE (object), result, &error);
  if (article == NULL)
    {
      _cd_window_show_error (bulk->window, _("Could not change the status"), error);
      bulk_status_step (bulk);
      return;
    }
  cd_article_set_status (article, bulk->status);
  cd_store_save_article_async (CD_STORE (object), article, bulk->window->cancellable,
                               on_bulk_saved_cb, bulk);
}

/* One article after the other, each loaded and saved asynchronously; the
 * open article is changed in place and autosaves like any edit. */
static void
bulk_status_step (BulkStatus *bulk)
{
  CdWindow *self = bulk->window;

  while (bulk->ids[bulk->next])
    {
      const char *id = bulk->ids[bulk->next++];

      if (self->article && g_str_equal (id, cd_article_get_id (self->article)))
        {
          cd_article_set_status (self->article, bulk->status);
          continue;
        }
      cd_store_load_article_async (self->store, id, self->cancellable, on_bulk_loaded_cb, bulk);
      return;
    }
  bulk_status_free (bulk);
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);
  BulkStatus *bulk;
  CdArticleStatus status;

  if (!cd_article_status_from_string (g_variant_get_string (param, NULL), &status))
    return;
  bulk = g_new0 (BulkStatus, 1);
  bulk->window = g_object_ref (self);
  bulk->ids = cd_article_list_dup_selected_ids (self->article_list);
  bulk->status = status;
  if (bulk->ids[0] == NULL && self->article)
    {
      g_strfreev (bulk->ids);
      bulk->ids = g_new0 (char *, 2);
      bulk->ids[0] = g_strdup (cd_article_get_id (self->article));
    }
  bulk_status_step (bulk);
}

static void
focus_list_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  cd_article_list_focus (self->article_list);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  cd_article_list_focus (self->article_list);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CdWindow *self = CD_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  cd_article_list_select_all (self->article_list);
  cd_article_list_focus (self->article_list);
}

/* Ctrl+?: the shortcuts window (gtk/help-overlay.ui), made each time it
 * opens and gone when it closes, so that it costs nothing until then. */
static void
show_shortcuts_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/copydesk/Copydesk/cd-shortcuts-window.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_set_destroy_with_parent (shortcuts, TRUE);
  gtk_window_present (shortcuts);
}

/* The views of the content pane
 *
 * Which view shows is the state of win.show-view and nothing else: the
 * view stack's visible-child-name is bound to it both ways, so a click on
 * the switcher changes the state, and Alt+1/2/3 or the menu change the
 * stack, and the switcher (which follows the stack) with it. A widget
 * class action cannot hold a state and a property action cannot tell a
 * key press from a click, so this one is a GSimpleAction of the window's
 * own action map, which GtkApplicationWindow exports as "win". */

static const char * const view_names[] = { "editor", "photos", "captions", "queue", NULL };

static void
on_view_change_state_cb (GSimpleAction *action,
                         GVariant      *value,
                         gpointer       user_data)
{
  /* A name that is no view leaves the view as it is. */
  if (g_strv_contains (view_names, g_variant_get_string (value, NULL)))
    g_simple_action_set_state (action, value);
}

/* Moving the focus into a text field selects all its text, so the next
 * key would replace it: the cursor goes to the end instead. */
static void
unselect_focused_text (CdWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (GTK_IS_EDITABLE (focus))
    gtk_editable_set_position (GTK_EDITABLE (focus), -1);
}

/* The keyboard goes into the view the user asked for. */
static void
focus_view (CdWindow   *self,
            const char *view)
{
  if (g_str_equal (view, "captions"))
    gtk_widget_grab_focus (GTK_WIDGET (_cd_window_ensure_captions_view (self)));
  else if (g_str_equal (view, "queue"))
    _cd_window_focus_queue (self);
  else if (self->article == NULL)
    return;
  else if (g_str_equal (view, "editor"))
    cd_article_editor_focus_headline (_cd_window_ensure_editor (self));
  else if (gtk_widget_child_focus (GTK_WIDGET (_cd_window_ensure_photo_manager (self)),
                                   GTK_DIR_TAB_FORWARD))
    unselect_focused_text (self);
}

/* A view's widget is made the first time it shows (cd-window.ui); the
 * editor's when the first article opens. */
static void
ensure_view_widget (CdWindow   *self,
                    const char *view)
{
  if (g_str_equal (view, "photos"))
    _cd_window_ensure_photo_manager (self);
  else if (g_str_equal (view, "captions"))
    _cd_window_ensure_captions_view (self);
  else if (g_str_equal (view, "queue"))
    _cd_window_ensure_queue_view (self);
}

/* The views of the whole store are read afresh each time they show, as
 * other articles or another program may have changed them. */
static void
refresh_view (CdWindow   *self,
              const char *view)
{
  if (g_str_equal (view, "captions"))
    cd_captions_view_refresh (_cd_window_ensure_captions_view (self));
  else if (g_str_equal (view, "queue"))
    _cd_window_refresh_queue (self);
}

/* Alt+1/2/3/4 and the menu; a click on the switcher does not come here.
 * Asking again for the view on screen reads it again. */
static void
on_view_activate_cb (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  CdWindow *self = CD_WINDOW (user_data);
  const char *view = g_variant_get_string (param, NULL);

  if (!g_strv_contains (view_names, view))
    return;
  if (g_str_equal (view, _cd_window_get_view (self)))
    refresh_view (self, view);
  else
    g_action_change_state (G_ACTION (action), param);
  adw_leaflet_set_visible_child (self->leaflet, self->content_pane);
  focus_view (self, view);
}

/* However the view changed. A narrow header bar shows the view's title
 * instead of the switcher, so it names the view too. */
static void
on_view_state_cb (CdWindow      *self,
                  GParamSpec    *pspec,
                  GSimpleAction *action)
{
  const char *view = _cd_window_get_view (self);
  GtkWidget *child = adw_view_stack_get_child_by_name (self->view_stack, view);
  AdwViewStackPage *page = adw_view_stack_get_page (self->view_stack, child);

  adw_window_title_set_title (self->view_title, adw_view_stack_page_get_title (page));
  ensure_view_widget (self, view);
  refresh_view (self, view);
}

static gboolean
state_to_name (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  GVariant *state = g_value_get_variant (from);

  if (state == NULL)
    return FALSE;
  g_value_set_string (to, g_variant_get_string (state, NULL));
  return TRUE;
}

static gboolean
name_to_state (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  const char *name = g_value_get_string (from);

  if (name == NULL || !g_strv_contains (view_names, name))
    return FALSE;
  g_value_set_variant (to, g_variant_new_string (name));
  return TRUE;
}

const char *
_cd_window_get_view (CdWindow *self)
{
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (self->view_action));

  /* The action holds the state: the string outlives this reference. */
  return g_variant_get_string (state, NULL);
}

/* Shows @view without moving the keyboard focus. */
void
_cd_window_set_view (CdWindow   *self,
                     const char *view)
{
  g_action_change_state (G_ACTION (self->view_action), g_variant_new_string (view));
}

void
_cd_window_actions_init (CdWindow *self)
{
  self->view_action = g_simple_action_new_stateful ("show-view", G_VARIANT_TYPE_STRING,
                                                    g_variant_new_string ("editor"));
  g_signal_connect (self->view_action, "change-state", G_CALLBACK (on_view_change_state_cb),
                    self);
  g_signal_connect (self->view_action, "activate", G_CALLBACK (on_view_activate_cb), self);
  g_signal_connect_object (self->view_action, "notify::state", G_CALLBACK (on_view_state_cb),
                           self, G_CONNECT_SWAPPED);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (self->view_action));
  on_view_state_cb (self, NULL, self->view_action);
  g_object_bind_property_full (self->view_action, "state", self->view_stack, "visible-child-name",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               state_to_name, name_to_state, NULL, NULL);
}

void
_cd_window_update_actions (CdWindow *self)
{
  GtkWidget *w = GTK_WIDGET (self);
  gboolean has_article = self->article != NULL;

  gtk_widget_action_set_enabled (w, "win.save", has_article);
  gtk_widget_action_set_enabled (w, "win.reload", has_article);
  gtk_widget_action_set_enabled (w, "win.add-photo", has_article);
  gtk_widget_action_set_enabled (w, "win.publish", has_article);
  gtk_widget_action_set_enabled (w, "win.undo-trash", self->last_trashed != NULL);
  _cd_window_update_publish_actions (self);
  _cd_window_update_pull_actions (self);
}

void
_cd_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.new-article", NULL, new_article_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.keep-mine", NULL, keep_mine_action);
  gtk_widget_class_install_action (widget_class, "win.take-theirs", NULL, take_theirs_action);
  gtk_widget_class_install_action (widget_class, "win.restore-mine", NULL, restore_mine_action);
  gtk_widget_class_install_action (widget_class, "win.copy-text", NULL, copy_text_action);
  gtk_widget_class_install_action (widget_class, "win.discard-trashed", NULL,
                                   discard_trashed_action);
  gtk_widget_class_install_action (widget_class, "win.add-photo", NULL, add_photo_action);
  gtk_widget_class_install_action (widget_class, "win.trash", NULL, trash_action);
  /* A class binding, not an application accelerator: it acts when the
   * key bubbles up to the window, so a text field with the focus takes
   * Ctrl+Delete for itself (delete the next word) and only the list,
   * buttons and the like let it through to the trash. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK,
                                       "win.trash", NULL);
  gtk_widget_class_install_action (widget_class, "win.undo-trash", NULL, undo_trash_action);
  gtk_widget_class_install_action (widget_class, "win.show-trash", NULL, show_trash_action);
  gtk_widget_class_install_action (widget_class, "win.set-status", "s", set_status_action);
  gtk_widget_class_install_action (widget_class, "win.focus-list", NULL, focus_list_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_shortcuts_action);
}

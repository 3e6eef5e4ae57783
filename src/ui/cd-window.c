/* cd-window.c: the main window
 *
 * The window owns the article being edited. Every change to it schedules
 * a save a moment later; the save works on a copy handed to the store's
 * asynchronous save, so typing goes on while the file is written. When the
 * file changes underneath (another Copydesk, the CLI), or the store
 * reports a conflict, the editor keeps its text until the user chooses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <glib/gi18n.h>

#include "cd-article-merge.h"
#include "cd-article-row.h"
#include "cd-toast.h"
#include "cd-ui-utils.h"
#include "cd-window-private.h"

#define AUTOSAVE_DELAY_MS 800

G_DEFINE_FINAL_TYPE (CdWindow, cd_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  CdWindow *window;
  CdArticle *article;   /* the live article in the editor */
  CdArticle *copy;      /* what is being written */
} SaveState;

static void
save_state_free (SaveState *state)
{
  g_object_unref (state->window);
  g_object_unref (state->article);
  g_object_unref (state->copy);
  g_free (state);
}

/* Auxiliary methods */

static void
set_save_label (CdWindow *self)
{
  const char *label = NULL;

  if (self->article == NULL)
    label = NULL;
  else if (self->conflict)
    label = _("Not saved: changed on disk");
  else if (self->saving)
    label = _("Saving…");
  else if (self->dirty)
    label = _("Not saved yet");
  else
    label = _("Saved");
  if (self->editor)
    cd_article_editor_set_save_state (self->editor, label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_disk_banner (CdWindow   *self,
                  const char *text)
{
  gtk_label_set_label (self->disk_label, text);
  gtk_revealer_set_reveal_child (self->disk_revealer, text != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.keep-mine",
                                 text != NULL && !self->trashed_elsewhere);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-mine", self->trashed_elsewhere);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.discard-trashed", self->trashed_elsewhere);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.take-theirs",
                                 self->conflict && !self->trashed_elsewhere);
  gtk_widget_set_visible (self->reload_button, self->conflict && !self->trashed_elsewhere);
  gtk_widget_set_visible (self->keep_mine_button, self->conflict && !self->trashed_elsewhere);
  gtk_widget_set_visible (self->restore_button, self->trashed_elsewhere);
  gtk_widget_set_visible (self->discard_button, self->trashed_elsewhere);
  gtk_widget_set_visible (self->copy_button, self->save_failed && !self->conflict);
}

static char *
article_path (CdWindow   *self,
              const char *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);

  return g_build_filename (cd_store_get_path (self->store), "articles", name, NULL);
}

static void
update_main_page (CdWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  if (!self->store_open)
    return;
  gtk_stack_set_visible_child_name (self->main_stack, n > 0 || self->article ? "main" : "welcome");
}


/* Three-way merge with another program's version: cd-article-merge.c
 * compares every part of the article between the version the editor
 * started from (base), the editor's and the one on disk. */

static char *
join_names (GPtrArray *names)
{
  g_ptr_array_add (names, NULL);
  return cd_ui_join_names ((const char * const *) names->pdata);
}

/* Callbacks */

static void on_save_done_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data);

static gboolean
on_autosave_timeout_cb (gpointer user_data)
{
  CdWindow *self = user_data;

  self->autosave_source = 0;
  _cd_window_save_now (self);
  return G_SOURCE_REMOVE;
}

static void
on_article_changed_cb (CdWindow  *self,
                       CdArticle *article)
{
  self->dirty = TRUE;
  self->untouched_new = FALSE;
  if (self->saving)
    self->save_again = TRUE;
  else if (!self->conflict)
    {
      g_clear_handle_id (&self->autosave_source, g_source_remove);
      self->autosave_source = g_timeout_add (AUTOSAVE_DELAY_MS, on_autosave_timeout_cb, self);
    }
  set_save_label (self);
}

/* The store bumped the revision of the copy it wrote; the live article
 * takes it over without that counting as an edit. */
static void
adopt_saved_revision (CdWindow  *self,
                      CdArticle *article,
                      CdArticle *copy)
{
  g_signal_handlers_block_by_func (article, on_article_changed_cb, self);
  cd_article_set_revision (article, cd_article_get_revision (copy));
  cd_article_set_modified (article, cd_article_get_modified (copy));
  g_signal_handlers_unblock_by_func (article, on_article_changed_cb, self);
}


typedef enum
{
  MERGE_ASK,          /* on a clash, change nothing and wait for the user */
  MERGE_KEEP_MINE,    /* the banner's Keep Mine */
  MERGE_TAKE_THEIRS,  /* the banner's Reload */
} MergeMode;

/* Merges the other program's version into the editor's. With clashes and
 * MERGE_ASK, nothing changes and the window waits for Reload or Keep
 * Mine; otherwise the merge is saved at once. Either way what only the
 * editor changed stays. */
static void
merge_with_disk (CdWindow  *self,
                 CdArticle *on_disk,
                 MergeMode  mode)
{
  g_autoptr(GPtrArray) clashes = NULL;
  g_autoptr(GPtrArray) taken = NULL;
  CdArticle *base = self->base ? self->base : on_disk;

  clashes = cd_article_merge_find_clashes (base, self->article, on_disk);
  if (clashes->len > 0 && mode == MERGE_ASK)
    {
      g_autofree char *names = join_names (clashes);
      g_autofree char *text = NULL;

      self->conflict = TRUE;
      self->dirty = TRUE;
      g_clear_handle_id (&self->autosave_source, g_source_remove);
      /* Translators: %s lists fields of the article, “headline, body” */
      text = g_strdup_printf (_("Another program also changed these fields of this article: %s. "
                                "Keep yours for those, or reload its version?"),
                              names);
      show_disk_banner (self, text);
      set_save_label (self);
      return;
    }

  /* The editor follows the article's notifications, so the other
   * program's fields appear where they belong. */
  taken = cd_article_merge_take_theirs (base, self->article, on_disk,
                                        mode == MERGE_TAKE_THEIRS ?
                                        CD_ARTICLE_MERGE_CLASHES_TAKE_THEIRS :
                                        CD_ARTICLE_MERGE_CLASHES_KEEP_MINE);
  g_signal_handlers_block_by_func (self->article, on_article_changed_cb, self);
  cd_article_set_revision (self->article, cd_article_get_revision (on_disk));
  g_signal_handlers_unblock_by_func (self->article, on_article_changed_cb, self);
  g_clear_object (&self->base);
  self->base = cd_article_copy (on_disk);
  self->conflict = FALSE;
  self->dirty = TRUE;
  show_disk_banner (self, NULL);
  _cd_window_save_now (self);
  if (taken->len > 0)
    {
      g_autofree char *names = join_names (taken);
      g_autofree char *text = g_strdup_printf (_("Merged from another program: %s"), names);

      _cd_window_toast (self, text);
    }
}

/* Another program moved the open article to the trash while it had
 * unsaved text: nothing is saved until the user restores or discards. */
static void
enter_trashed_state (CdWindow *self)
{
  self->trashed_elsewhere = TRUE;
  self->conflict = TRUE;
  self->dirty = TRUE;
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  show_disk_banner (self, _("Another program moved this article to the trash while you were "
                            "editing it. Restore it with your text, or discard your changes?"));
  set_save_label (self);
}

static void
on_trashed_refreshed_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(CdWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cd_store_refresh_article_finish (CD_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not re-read the article's file: %s", error->message);
  self->n_refreshing--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* The open article vanished from the store without unsaved text: the
 * editor lets go and the store drops its row. The store's watch of its
 * folder would do so too, a moment later; reading the one file now makes
 * the list agree with the editor at once. */
static void
forget_trashed_article (CdWindow *self)
{
  g_autofree char *id = g_strdup (cd_article_get_id (self->article));

  /* No load is pending for the article that went away. */
  g_clear_object (&self->load_cancellable);
  _cd_window_set_article (self, NULL);
  /* Only that article's file is read again, and in a thread: the list
   * of a big store stays as it is but for its row. */
  self->n_refreshing++;
  cd_store_refresh_article_async (self->store, id, self->cancellable,
                                  on_trashed_refreshed_cb, g_object_ref (self));
}


/* A store that refuses writes (read-only folder, full disk) would fail
 * every autosave: one banner says so and stays, instead of a dialog per
 * attempt. The editor keeps the text and tries again on the next edit. */
static void
show_save_failed (CdWindow     *self,
                  const GError *error)
{
  g_autofree char *text = NULL;

  g_debug ("Could not save the article: %s", error->message);
  self->save_failed = TRUE;
  if (self->conflict)
    return;
  text = g_strdup_printf (_("Could not save: %s. Your changes are only in this window; "
                            "copy them elsewhere before closing."), error->message);
  show_disk_banner (self, text);
}

/* Headline, standfirst and body as plain text, for the clipboard. */
static char *
dup_article_text (CdArticle *article)
{
  const char *standfirst = cd_article_get_standfirst (article);

  return g_strdup_printf ("%s\n\n%s%s%s\n",
                          cd_article_get_headline (article) ? cd_article_get_headline (article) : "",
                          standfirst && *standfirst ? standfirst : "",
                          standfirst && *standfirst ? "\n\n" : "",
                          cd_article_get_body (article) ? cd_article_get_body (article) : "");
}

static void
on_save_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SaveState *state = user_data;
  CdWindow *self = state->window;
  g_autoptr(GError) error = NULL;

  if (!cd_store_save_article_finish (CD_STORE (object), result, &error))
    {
      if (state->article == self->article)
        {
          self->saving = FALSE;
          self->dirty = TRUE;
          if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_CONFLICT) ||
              g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND))
            {
              g_autoptr(CdArticle) on_disk = NULL;
              g_autoptr(GError) load_error = NULL;

              on_disk = cd_store_load_article (self->store, cd_article_get_id (self->article),
                                               NULL, &load_error);
              if (on_disk)
                merge_with_disk (self, on_disk, MERGE_ASK);
              else if (g_error_matches (load_error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND))
                enter_trashed_state (self);
              else
                _cd_window_show_error (self, _("Could not read the other version"), load_error);
              save_state_free (state);
              return;
            }
          else if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_LOCKED))
            _cd_window_show_error (self, _("Could not save the article"), error);
          else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            show_save_failed (self, error);
          set_save_label (self);
        }
      save_state_free (state);
      return;
    }

  adopt_saved_revision (self, state->article, state->copy);
  if (state->article == self->article)
    {
      gboolean was_failing = self->save_failed;

      self->save_failed = FALSE;
      if (was_failing && !self->conflict)
        show_disk_banner (self, NULL);
      /* What was written is the common ground for the next merge. */
      g_set_object (&self->base, state->copy);
      self->saving = FALSE;
      if (self->save_again)
        {
          self->save_again = FALSE;
          _cd_window_save_now (self);
        }
      set_save_label (self);
    }
  save_state_free (state);
}

static void
on_disk_article_loaded_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(CdWindow) self = user_data;
  g_autoptr(CdArticle) on_disk = NULL;
  g_autoptr(GError) error = NULL;

  on_disk = cd_store_load_article_finish (CD_STORE (object), result, &error);
  if (on_disk == NULL || self->article == NULL ||
      g_strcmp0 (cd_article_get_id (on_disk), cd_article_get_id (self->article)) != 0)
    return;
  /* Our own save shows up here too: same revision, nothing to offer. */
  if (cd_article_get_revision (on_disk) <= cd_article_get_revision (self->article))
    return;
  /* A save on its way reports the clash itself, and merges then. */
  if (self->saving || self->conflict)
    return;
  if (!self->dirty)
    {
      _cd_window_set_article (self, on_disk);
      _cd_window_toast (self, _("The article was changed by another program and has been reloaded"));
      return;
    }
  merge_with_disk (self, on_disk, MERGE_ASK);
}

static void
on_monitor_changed_cb (CdWindow          *self,
                       GFile             *file,
                       GFile             *other,
                       GFileMonitorEvent  event,
                       GFileMonitor      *monitor)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
      if (self->article)
        cd_store_load_article_async (self->store, cd_article_get_id (self->article),
                                     self->cancellable, on_disk_article_loaded_cb,
                                     g_object_ref (self));
      break;
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      /* A save replaces the file by renaming a new one over it, which
       * can look like a deletion: only trust what is there now. */
      if (self->article && !g_file_query_exists (file, NULL) && !self->saving &&
          !self->trashed_elsewhere)
        {
          if (self->dirty)
            enter_trashed_state (self);
          else
            {
              forget_trashed_article (self);
              _cd_window_toast (self, _("The article was moved to the trash by another program"));
            }
        }
      break;
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      break;
    }
}

static void
watch_article_file (CdWindow *self)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  if (self->monitor)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  if (self->article == NULL)
    return;

  path = article_path (self, cd_article_get_id (self->article));
  file = g_file_new_for_path (path);
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->monitor)
    g_signal_connect_object (self->monitor, "changed", G_CALLBACK (on_monitor_changed_cb),
                             self, G_CONNECT_SWAPPED);
}

static void
on_article_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CdWindow) self = user_data;
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = cd_store_load_article_finish (CD_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (article == NULL)
    {
      _cd_window_show_error (self, _("Could not open the article"), error);
      /* The row picked stays the open article's. */
      cd_article_list_set_open_id (self->article_list,
                                   self->article ? cd_article_get_id (self->article) : NULL);
      return;
    }
  _cd_window_set_article (self, article);
  /* Picking an article in the list while a view of the whole store
   * shows (all captions, the queue) opens it; a new version of the open
   * one coming in from disk leaves the view as it is. */
  if (g_str_equal (_cd_window_get_view (self), "captions") ||
      g_str_equal (_cd_window_get_view (self), "queue"))
    _cd_window_set_view (self, "editor");
}

static void
on_article_selected_cb (CdWindow      *self,
                        const char    *id,
                        CdArticleList *list)
{
  GError *error = NULL;

  if (id == NULL || (self->article && g_str_equal (id, cd_article_get_id (self->article))))
    return;
  /* Leaving an article saves it first; a failure keeps it open. */
  if (!_cd_window_flush (self, &error))
    {
      _cd_window_show_error (self, _("Could not save the article"), error);
      g_error_free (error);
      cd_article_list_set_open_id (list, cd_article_get_id (self->article));
      return;
    }
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  cd_store_load_article_async (self->store, id, self->load_cancellable,
                               on_article_loaded_cb, g_object_ref (self));
}

static void
on_article_activated_cb (CdWindow      *self,
                         const char    *id,
                         CdArticleList *list)
{
  adw_leaflet_set_visible_child (self->leaflet, self->content_pane);
  if (self->article && g_str_equal (_cd_window_get_view (self), "editor"))
    cd_article_editor_focus_headline (_cd_window_ensure_editor (self));
}

/* Folded, the pane has a way back to the list; and to leave room for
 * the view's title at 360 pixels, Publish stays in the article menu
 * (and on Ctrl+Shift+P) only. */
static void
update_header_buttons (CdWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (self->back_button, folded);
  gtk_widget_set_visible (self->publish_button, !folded);
  /* Folded, the list is a page of its own: a click on a row opens it. */
  cd_article_list_set_activate_on_single_click (self->article_list, folded);
}

/* The header shows the view switcher, or the view's title when it is too
 * narrow for the switcher; then the bottom bar stands in for it. That is
 * what AdwViewSwitcherTitle does, but it crossfades between the two and
 * the bar slid in at every launch, since the window's first layout is
 * where the switcher turns out not to fit. Both are needless movement,
 * and under software GL their frames cost about 3 MB at launch. So the
 * squeezer switches at once, and the first time the bar is revealed
 * while hidden, at the next frame (not inside the layout that found it),
 * so it is simply there; later, when the window is resized, it slides. */
static gboolean
view_title_shown (CdWindow *self)
{
  return adw_squeezer_get_visible_child (self->switcher_squeezer) == GTK_WIDGET (self->view_title);
}

/* The view's name the header shows in place of the view switcher, or
 * NULL while the switcher fits. */
const char *
cd_window_get_view_title (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);

  return view_title_shown (self) ? adw_window_title_get_title (self->view_title) : NULL;
}

static gboolean
place_switcher_bar_cb (GtkWidget     *bar,
                       GdkFrameClock *clock,
                       gpointer       user_data)
{
  CdWindow *self = CD_WINDOW (user_data);

  gtk_widget_set_visible (bar, FALSE);
  adw_view_switcher_bar_set_reveal (self->switcher_bar, view_title_shown (self));
  gtk_widget_set_visible (bar, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_switcher_squeezed_cb (CdWindow *self)
{
  if (self->switcher_bar_placed)
    {
      adw_view_switcher_bar_set_reveal (self->switcher_bar, view_title_shown (self));
      return;
    }
  self->switcher_bar_placed = TRUE;
  /* The bar is a child of the window: it never outlives it. */
  gtk_widget_add_tick_callback (GTK_WIDGET (self->switcher_bar), place_switcher_bar_cb, self, NULL);
}

static void
set_photos_folder (CdWindow *self)
{
  g_autofree char *photos_uri = cd_store_dup_photos_uri (self->store);
  g_autoptr(GFile) photos = g_file_new_for_uri (photos_uri);

  cd_photo_manager_set_photos_folder (self->photo_manager, photos);
}

static void
on_photo_files_dropped_cb (CdWindow       *self,
                           GSList         *files,
                           CdPhotoManager *manager)
{
  for (GSList *l = files; l; l = l->next)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CdPhoto) photo = cd_photo_new ();
      g_autofree char *name = NULL;
      guint width = 0, height = 0;

      if (self->article == NULL)
        return;
      name = cd_store_add_photo_file (self->store, l->data, &width, &height, &error);
      if (name == NULL)
        {
          _cd_window_show_error (self, _("Could not add the photo"), error);
          continue;
        }
      cd_photo_set_file (photo, name);
      cd_photo_set_width (photo, width);
      cd_photo_set_height (photo, height);
      cd_article_add_photo (self->article, photo);
    }
}

static gboolean
update_known_tags (gpointer user_data)
{
  CdWindow *self = user_data;
  g_auto(GStrv) tags = NULL;

  self->tags_source = 0;
  if (self->editor == NULL)
    return G_SOURCE_REMOVE;
  tags = cd_article_list_dup_tags (self->article_list);
  cd_article_editor_set_known_tags (self->editor, (const char * const *) tags);
  return G_SOURCE_REMOVE;
}

static void
on_store_items_changed_cb (CdWindow *self)
{
  /* Collecting the tags goes through the whole store: once after a burst
   * of changes (an import, a bulk status change), not for each. */
  if (self->editor && self->tags_source == 0)
    self->tags_source = g_idle_add_full (G_PRIORITY_LOW, update_known_tags, self, NULL);
  update_main_page (self);
  _cd_window_update_actions (self);
}

static void
on_captions_error_cb (CdWindow       *self,
                      const char     *message,
                      CdCaptionsView *view)
{
  g_autoptr(GError) error = g_error_new_literal (CD_STORE_ERROR, CD_STORE_ERROR_IO, message);

  _cd_window_show_error (self, _("Could not update a caption"), error);
}

static void
apply_settings (CdWindow *self)
{
  JsonObject *settings = self->store_open ? cd_store_get_settings (self->store) : NULL;
  gint64 limit = 90;

  if (self->editor == NULL)
    return;
  if (settings && json_object_has_member (settings, "headline-limit"))
    limit = json_object_get_int_member_with_default (settings, "headline-limit", 90);
  cd_article_editor_set_headline_limit (self->editor, limit > 0 ? (guint) limit : 0);
}

/* Another program changed store.json (the CLI's "site add", another
 * Copydesk's Preferences): the store reads it again, and its "settings"
 * notification applies it here. */
static void
on_settings_file_changed_cb (CdWindow          *self,
                             GFile             *file,
                             GFile             *other,
                             GFileMonitorEvent  event,
                             GFileMonitor      *monitor)
{
  g_autoptr(GError) error = NULL;

  if (event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT && event != G_FILE_MONITOR_EVENT_CREATED &&
      event != G_FILE_MONITOR_EVENT_RENAMED && event != G_FILE_MONITOR_EVENT_MOVED_IN)
    return;
  if (!cd_store_reload_settings (self->store, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The store’s settings do not load: %s"),
                                               error->message);

      _cd_window_toast (self, text);
    }
}

static void
watch_settings_file (CdWindow *self)
{
  g_autofree char *path = g_build_filename (cd_store_get_path (self->store), "store.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  self->settings_monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->settings_monitor)
    g_signal_connect_object (self->settings_monitor, "changed",
                             G_CALLBACK (on_settings_file_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
on_bench_after_paint_cb (GdkFrameClock *clock,
                         CdWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_bench_after_paint_cb, self);
  g_printerr ("copydesk-bench: list shown (%u articles)\n",
              g_list_model_get_n_items (G_LIST_MODEL (self->store)));
}

static gboolean
on_bench_tick_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_bench_after_paint_cb),
                           widget, 0);
  return G_SOURCE_REMOVE;
}

/* Opening a store reads its index and folder in a worker thread; glibc
 * keeps what that thread freed in its own arena, a few megabytes for a
 * store of 10,000 articles that nothing will reuse. Hand those pages back
 * once the list is on screen. */
static gboolean
release_free_memory_cb (gpointer user_data)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

/* tests/bench/bench-window.sh waits for this line to know when the list of
 * a large store is on screen, which no outside observer can tell. */
static void
report_list_shown_for_bench (CdWindow *self)
{
  if (g_getenv ("COPYDESK_BENCH") == NULL)
    return;
  gtk_widget_add_tick_callback (GTK_WIDGET (self), on_bench_tick_cb, NULL, NULL);
}

/* Another program wrote an article file that does not load: the store
 * keeps the row as it was, and the message names the file and why. */
static void
on_store_file_problem_cb (CdWindow   *self,
                          const char *id,
                          const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  /* A sentence to read, not a confirmation. */
  adw_toast_set_timeout (toast, 10);
  cd_toast_add (self->toast_overlay, toast);
}

/* Events of the folder watch can be lost (a full inotify queue says
 * nothing): coming back to the window compares the files' stamps, in a
 * thread. */
static void
on_active_changed_cb (CdWindow *self)
{
  if (self->store_open && gtk_window_is_active (GTK_WINDOW (self)))
    cd_store_recheck_files (self->store);
}

static void
on_store_opened_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CdWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;

  gtk_spinner_stop (self->loading_spinner);
  if (!cd_store_open_finish (CD_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->store_open = TRUE;
      update_main_page (self);
      _cd_window_show_error (self, _("Could not open the article store"), error);
      return;
    }

  self->store_open = TRUE;
  if (self->photo_manager)
    set_photos_folder (self);
  if (self->captions_view)
    cd_captions_view_set_store (self->captions_view, self->store);
  cd_article_list_set_store (self->article_list, self->store);
  g_signal_connect_object (self->store, "items-changed",
                           G_CALLBACK (on_store_items_changed_cb), self, G_CONNECT_SWAPPED);
  /* Preferences save the settings through this same store. */
  g_signal_connect_object (self->store, "notify::settings",
                           G_CALLBACK (apply_settings), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "file-problem",
                           G_CALLBACK (on_store_file_problem_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_changed_cb), NULL);
  if (self->settings_monitor == NULL)
    watch_settings_file (self);
  apply_settings (self);
  on_store_items_changed_cb (self);
  _cd_window_publish_store_opened (self);

  problems = cd_store_get_problems (self->store);
  if (problems && problems->len > 0)
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u article file could not be read and was set aside",
                                      "%u article files could not be read and were set aside",
                                      problems->len), problems->len);
      _cd_window_toast (self, text);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  g_idle_add_full (G_PRIORITY_LOW, release_free_memory_cb, NULL, NULL);
  report_list_shown_for_bench (self);
}

/* GtkWindow overrides */


static gboolean
close_later_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_close_unsaved_response_cb (CdWindow         *self,
                              const char       *response,
                              AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "copy"))
    _cd_window_copy_text (self);
  else if (!g_str_equal (response, "discard"))
    return;
  self->closing = TRUE;
  /* Not from inside the dialog's signal: the dialog is transient for this
   * window and must be gone first. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_later_cb, g_object_ref (self), g_object_unref);
}

/* The text cannot reach the disk: closing loses it, so ask, and offer to
 * put it on the clipboard first. */
static void
confirm_close_unsaved (CdWindow     *self,
                       const GError *error)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  body = g_strdup_printf (_("%s\n\nIf you close now, the unsaved changes are lost."),
                          error ? error->message : "");
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Close Without Saving?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "copy", _("C_opy Text and Close"),
                                    "discard", _("_Close Without Saving"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_unsaved_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
cd_window_close_request (GtkWindow *window)
{
  CdWindow *self = CD_WINDOW (window);
  g_autoptr(GError) error = NULL;

  if (!self->closing && !_cd_window_flush (self, &error))
    {
      confirm_close_unsaved (self, error);
      return TRUE;
    }
  /* Leaving an untouched new article removes it (_cd_window_set_article). */
  if (self->untouched_new)
    _cd_window_set_article (self, NULL);

  if (!gtk_window_is_maximized (window))
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_set_enum (self->settings, "sort-key", cd_article_list_get_sort_key (self->article_list));

  return GTK_WINDOW_CLASS (cd_window_parent_class)->close_request (window);
}

/* GObject overrides */

static void
cd_window_constructed (GObject *object)
{
  CdWindow *self = CD_WINDOW (object);

  G_OBJECT_CLASS (cd_window_parent_class)->constructed (object);

  g_assert (CD_IS_STORE (self->store));
  gtk_spinner_start (self->loading_spinner);
  /* The list follows what the CLI and other Copydesks change. */
  cd_store_set_watch (self->store, TRUE);
  cd_store_open_async (self->store, self->cancellable, on_store_opened_cb, g_object_ref (self));
}

static void
cd_window_dispose (GObject *object)
{
  CdWindow *self = CD_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  g_clear_handle_id (&self->tags_source, g_source_remove);
  if (self->monitor)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  if (self->settings_monitor)
    {
      g_signal_handlers_disconnect_by_data (self->settings_monitor, self);
      g_file_monitor_cancel (self->settings_monitor);
      g_clear_object (&self->settings_monitor);
    }
  if (self->article)
    g_signal_handlers_disconnect_by_data (self->article, self);
  g_clear_object (&self->article);
  g_clear_object (&self->base);
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  /* The views made on demand are not bound to the template, so nothing
   * clears these pointers for us: they go with their bins, and whatever
   * runs while the template is taken apart must not reach them. */
  self->editor = NULL;
  self->photo_manager = NULL;
  self->captions_view = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_WINDOW);

  G_OBJECT_CLASS (cd_window_parent_class)->dispose (object);
}

static void
cd_window_finalize (GObject *object)
{
  CdWindow *self = CD_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->view_action);
  g_strfreev (self->last_trashed);

  G_OBJECT_CLASS (cd_window_parent_class)->finalize (object);
}

static void
cd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CdWindow *self = CD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, cd_window_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CdWindow *self = CD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The window's menu buttons and the menus they open. */
static const struct {
  const char *button;
  const char *menu;
} window_menus[] = {
  { "welcome_menu_button", "primary_menu" },
  { "primary_menu_button", "primary_menu" },
  { "article_menu_button", "article_menu" },
};

static void
set_menus_on_open (CdWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (window_menus); i++)
    {
      GObject *button = gtk_widget_get_template_child (GTK_WIDGET (self), CD_TYPE_WINDOW,
                                                       window_menus[i].button);
      GObject *menu = gtk_widget_get_template_child (GTK_WIDGET (self), CD_TYPE_WINDOW,
                                                     window_menus[i].menu);

      cd_ui_set_menu_on_open (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
    }
}

static void
cd_window_class_init (CdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cd_window_constructed;
  object_class->dispose = cd_window_dispose;
  object_class->finalize = cd_window_finalize;
  object_class->get_property = cd_window_get_property;
  object_class->set_property = cd_window_set_property;
  window_class->close_request = cd_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CD_TYPE_ARTICLE_LIST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/copydesk/Copydesk/cd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, content_pane);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, publish_button);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, switcher_squeezer);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, view_title);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, article_list);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, editor_stack);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, photos_stack);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, editor_bin);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, photo_manager_bin);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, captions_bin);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, disk_revealer);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, disk_label);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, reload_button);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, keep_mine_button);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, restore_button);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, discard_button);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, copy_button);
  /* Found with gtk_widget_get_template_child() by set_menus_on_open(). */
  gtk_widget_class_bind_template_child_full (widget_class, "primary_menu", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "article_menu", FALSE, 0);
  for (guint i = 0; i < G_N_ELEMENTS (window_menus); i++)
    gtk_widget_class_bind_template_child_full (widget_class, window_menus[i].button, FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_article_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_article_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_header_buttons);
  gtk_widget_class_bind_template_callback (widget_class, on_switcher_squeezed_cb);

  _cd_window_class_actions_init (widget_class);
  _cd_window_class_import_init (widget_class);
  _cd_window_class_publish_init (widget_class);
  _cd_window_class_pull_init (widget_class);
}

static void
cd_window_init (CdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new ("io.github.copydesk.Copydesk");
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  cd_article_list_set_sort_key (self->article_list,
                                g_settings_get_enum (self->settings, "sort-key"));
  if (g_str_has_suffix (APP_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  /* Toasts rise above the bottom bars instead of covering them. */
  cd_toast_keep_above (self->toast_overlay, GTK_WIDGET (self->switcher_bar));
  cd_toast_keep_above (self->toast_overlay,
                       cd_article_list_get_selection_bar (self->article_list));
  set_menus_on_open (self);
  _cd_window_actions_init (self);
  _cd_window_import_init (self);
  _cd_window_publish_init (self);
  _cd_window_pull_init (self);
  show_disk_banner (self, NULL);
  _cd_window_update_content (self);
  _cd_window_update_actions (self);
}

/* Private API */

void
_cd_window_toast (CdWindow   *self,
                  const char *text)
{
  cd_toast_add (self->toast_overlay, adw_toast_new (text));
}

/* Turns an error into plain words: a toast for what the user can simply
 * retry, a dialog for what needs reading. */
void
_cd_window_show_error (CdWindow     *self,
                       const char   *what,
                       const GError *error)
{
  GtkWidget *dialog;

  g_warning ("%s: %s", what, error ? error->message : "unknown error");
  if (error && error->domain == CD_STORE_ERROR && error->code == CD_STORE_ERROR_LOCKED)
    {
      g_autofree char *text = g_strdup_printf (_("%s: the store is busy, try again in a moment"), what);
      _cd_window_toast (self, text);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), what, error ? error->message : NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

CdArticleEditor *
_cd_window_ensure_editor (CdWindow *self)
{
  if (self->editor)
    return self->editor;
  self->editor = CD_ARTICLE_EDITOR (cd_article_editor_new ());
  adw_bin_set_child (ADW_BIN (self->editor_bin), GTK_WIDGET (self->editor));
  apply_settings (self);
  update_known_tags (self);
  return self->editor;
}

/* The Photos view: made the first time it shows or a photo arrives. */
CdPhotoManager *
_cd_window_ensure_photo_manager (CdWindow *self)
{
  if (self->photo_manager)
    return self->photo_manager;
  self->photo_manager = CD_PHOTO_MANAGER (cd_photo_manager_new ());
  g_signal_connect_object (self->photo_manager, "files-dropped",
                           G_CALLBACK (on_photo_files_dropped_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (ADW_BIN (self->photo_manager_bin), GTK_WIDGET (self->photo_manager));
  if (self->store_open)
    set_photos_folder (self);
  cd_photo_manager_set_article (self->photo_manager, self->article);
  return self->photo_manager;
}

/* The All Captions view: made the first time it shows. */
CdCaptionsView *
_cd_window_ensure_captions_view (CdWindow *self)
{
  if (self->captions_view)
    return self->captions_view;
  self->captions_view = g_object_new (CD_TYPE_CAPTIONS_VIEW, NULL);
  g_signal_connect_object (self->captions_view, "error", G_CALLBACK (on_captions_error_cb),
                           self, G_CONNECT_SWAPPED);
  adw_bin_set_child (ADW_BIN (self->captions_bin), GTK_WIDGET (self->captions_view));
  if (self->store_open)
    cd_captions_view_set_store (self->captions_view, self->store);
  cd_captions_view_set_current (self->captions_view, self->article);
  return self->captions_view;
}

/* The article's own views say so when there is no article. */
void
_cd_window_update_content (CdWindow *self)
{
  const char *page = self->article ? "article" : "none";

  gtk_stack_set_visible_child_name (self->editor_stack, page);
  gtk_stack_set_visible_child_name (self->photos_stack, page);
}

/* A new article (Ctrl+N) that the editor leaves before typing anything
 * goes again, for good: an empty "Untitled" is worth keeping neither in
 * the list nor in the trash. The store keeps it if another program
 * saved it meanwhile. */
static void
discard_untouched (CdWindow   *self,
                   const char *id,
                   guint64     revision)
{
  g_autoptr(GError) error = NULL;

  if (cd_store_discard_article (self->store, id, revision, &error))
    return;
  if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND) ||
      g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_CONFLICT))
    g_debug ("The new article %s stays: %s", id, error->message);
  else
    g_warning ("Could not delete the empty new article %s: %s", id, error->message);
}

/* The id of the untouched new article that @article replaces, if any. */
static char *
dup_untouched_left (CdWindow  *self,
                    CdArticle *article)
{
  const char *id;

  if (self->article == NULL || !self->untouched_new)
    return NULL;
  id = cd_article_get_id (self->article);
  if (article && g_str_equal (cd_article_get_id (article), id))
    return NULL;
  return g_strdup (id);
}

void
_cd_window_set_article (CdWindow  *self,
                        CdArticle *article)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  g_autofree char *left = dup_untouched_left (self, article);
  guint64 left_revision = left ? cd_article_get_revision (self->article) : 0;

  /* The editor is about to show nothing: the keyboard goes on in the list
   * rather than in a field that disappears. */
  if (article == NULL && focus && gtk_widget_is_ancestor (focus, self->content_pane))
    cd_article_list_focus (self->article_list);
  if (self->article)
    g_signal_handlers_disconnect_by_data (self->article, self);
  g_set_object (&self->article, article);
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  /* Another version of the same new article (reloaded, written by
   * another program) is no longer untouched either. */
  self->untouched_new = FALSE;
  self->dirty = FALSE;
  self->save_again = FALSE;
  self->conflict = FALSE;
  self->trashed_elsewhere = FALSE;
  self->save_failed = FALSE;
  self->saving = FALSE;
  g_clear_object (&self->base);
  if (article)
    self->base = cd_article_copy (article);
  show_disk_banner (self, NULL);

  if (article)
    g_signal_connect_object (article, "changed", G_CALLBACK (on_article_changed_cb), self,
                             G_CONNECT_SWAPPED);
  if (article || self->editor)
    cd_article_editor_set_article (_cd_window_ensure_editor (self), article);
  if (self->photo_manager)
    cd_photo_manager_set_article (self->photo_manager, article);
  if (self->captions_view)
    cd_captions_view_set_current (self->captions_view, article);
  /* The list shows what the editor shows, however the article came or
   * went (undo, the Trash dialog, another program). */
  cd_article_list_set_open_id (self->article_list, article ? cd_article_get_id (article) : NULL);
  watch_article_file (self);
  _cd_window_update_content (self);
  _cd_window_update_actions (self);
  set_save_label (self);
  /* After the file monitor moved on: the deletion is no news to it. */
  if (left)
    discard_untouched (self, left, left_revision);
  update_main_page (self);
}

void
_cd_window_save_now (CdWindow *self)
{
  SaveState *state;

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (self->article == NULL || !self->dirty || self->conflict)
    return;
  if (self->saving)
    {
      self->save_again = TRUE;
      return;
    }

  state = g_new0 (SaveState, 1);
  state->window = g_object_ref (self);
  state->article = g_object_ref (self->article);
  state->copy = cd_article_copy (self->article);
  self->saving = TRUE;
  self->dirty = FALSE;
  set_save_label (self);
  cd_store_save_article_async (self->store, state->copy, NULL, on_save_done_cb, state);
}

/* Writes what is unsaved now, blocking: for leaving an article and for
 * closing, where the text must be on disk before the editor lets go. */
gboolean
_cd_window_flush (CdWindow  *self,
                  GError   **error)
{
  g_autoptr(CdArticle) copy = NULL;

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  if (self->article == NULL || (!self->dirty && !self->saving))
    return TRUE;
  /* An asynchronous save still running will finish on its own; wait for
   * it so the synchronous one below does not race it. */
  while (self->saving)
    g_main_context_iteration (NULL, TRUE);
  if (!self->dirty)
    return TRUE;
  if (self->conflict)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_CONFLICT,
                           _("Another program changed this article. Choose Reload or Keep Mine first."));
      return FALSE;
    }

  copy = cd_article_copy (self->article);
  if (!cd_store_save_article (self->store, copy, NULL, error))
    return FALSE;
  adopt_saved_revision (self, self->article, copy);
  g_set_object (&self->base, copy);
  self->dirty = FALSE;
  set_save_label (self);
  return TRUE;
}

void
_cd_window_reload (CdWindow *self)
{
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  if (self->article == NULL)
    return;
  article = cd_store_load_article (self->store, cd_article_get_id (self->article), NULL, &error);
  if (article == NULL)
    {
      _cd_window_show_error (self, _("Could not reload the article"), error);
      return;
    }
  _cd_window_set_article (self, article);
  _cd_window_toast (self, _("Reloaded from disk"));
}

/* The publisher wrote the open article (a queued publish went out, the
 * site's version was pulled): the editor takes what is on disk now, or,
 * with unsaved text, merges it part by part as another program's
 * change. The view shown (say, the queue) stays. */
void
_cd_window_take_disk_version (CdWindow *self)
{
  g_autoptr(CdArticle) on_disk = NULL;
  g_autoptr(GError) error = NULL;

  if (self->article == NULL)
    return;
  on_disk = cd_store_load_article (self->store, cd_article_get_id (self->article), NULL, &error);
  if (on_disk == NULL)
    {
      _cd_window_show_error (self, _("Could not read the article again"), error);
      return;
    }
  if (cd_article_get_revision (on_disk) <= cd_article_get_revision (self->article))
    return;
  /* A save on its way meets the new revision and merges then. */
  if (self->saving || self->conflict)
    return;
  if (self->dirty)
    {
      merge_with_disk (self, on_disk, MERGE_ASK);
      return;
    }
  _cd_window_set_article (self, on_disk);
}

/* Settles a clash with the version on disk now: @mode says whose value
 * the fields both sides changed keep; the other program's changes come
 * in everywhere else, and the editor's own stay. */
static void
resolve_conflict (CdWindow  *self,
                  MergeMode  mode)
{
  g_autoptr(CdArticle) on_disk = NULL;
  g_autoptr(GError) error = NULL;

  on_disk = cd_store_load_article (self->store, cd_article_get_id (self->article), NULL, &error);
  if (on_disk == NULL && g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND))
    {
      enter_trashed_state (self);
      return;
    }
  if (on_disk == NULL)
    {
      _cd_window_show_error (self, _("Could not read the other version"), error);
      return;
    }
  merge_with_disk (self, on_disk, mode);
}

void
_cd_window_keep_mine (CdWindow *self)
{
  if (self->article == NULL)
    return;
  if (self->trashed_elsewhere)
    {
      _cd_window_restore_mine (self);
      return;
    }
  resolve_conflict (self, MERGE_KEEP_MINE);
}

/* The banner's Reload: unlike Reload from Disk in the menu, which drops
 * everything typed since the last save, this takes the other program's
 * value only where both changed the same field. */
void
_cd_window_take_theirs (CdWindow *self)
{
  if (self->article == NULL || !self->conflict || self->trashed_elsewhere)
    return;
  resolve_conflict (self, MERGE_TAKE_THEIRS);
}

/* Brings the article back from the trash and saves the editor's text
 * over the restored version. */
static gboolean
add_again (CdWindow  *self,
           GError   **error)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (articles, cd_article_copy (self->article));
  return cd_store_add_articles (self->store, articles, NULL, error);
}

void
_cd_window_restore_mine (CdWindow *self)
{
  g_autoptr(CdArticle) on_disk = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  if (self->article == NULL || !self->trashed_elsewhere)
    return;
  id = cd_article_get_id (self->article);
  if (!cd_store_restore_article (self->store, id, &error) &&
      g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND))
    {
      /* Not in the trash either: deleted for good meanwhile (another
       * window let go of it as an untouched new article, or the trash
       * was emptied). The text here is all there is: write it again. */
      g_clear_error (&error);
      add_again (self, &error);
    }
  if (error != NULL || (on_disk = cd_store_load_article (self->store, id, NULL, &error)) == NULL)
    {
      _cd_window_show_error (self, _("Could not restore the article"), error);
      return;
    }
  self->trashed_elsewhere = FALSE;
  merge_with_disk (self, on_disk, MERGE_KEEP_MINE);
  _cd_window_toast (self, _("Restored from the trash with your text"));
}

/* Puts the article's text on the clipboard, for when it cannot be saved. */
void
_cd_window_copy_text (CdWindow *self)
{
  g_autofree char *text = NULL;

  if (self->article == NULL)
    return;
  text = dup_article_text (self->article);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  _cd_window_toast (self, _("The article’s text is on the clipboard"));
}

/* Lets go of the editor's text for an article another program trashed. */
void
_cd_window_discard_trashed (CdWindow *self)
{
  g_autoptr(GDateTime) trashed = NULL;

  if (self->article == NULL || !self->trashed_elsewhere)
    return;
  trashed = cd_store_get_trashed_time (self->store, cd_article_get_id (self->article), NULL);
  forget_trashed_article (self);
  /* It may have been deleted for good meanwhile. */
  _cd_window_toast (self, trashed ? _("Your changes were discarded; the article is in the trash")
                                  : _("Your changes were discarded"));
}

/* Public API */

CdWindow *
cd_window_new (CdApplication *application,
               CdStore       *store)
{
  g_return_val_if_fail (!application || CD_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  return g_object_new (CD_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

CdStore *
cd_window_get_store (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);
  return self->store;
}

CdArticle *
cd_window_get_article (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);
  return self->article;
}

void
cd_window_select_article (CdWindow   *self,
                          const char *id)
{
  g_return_if_fail (CD_IS_WINDOW (self));
  if (!cd_article_list_select_id (self->article_list, id))
    on_article_selected_cb (self, id, self->article_list);
}

/* TRUE while the store opens, an article loads, a save or an import
 * runs: tests wait on it, and so could a spinner. */
gboolean
cd_window_get_busy (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), FALSE);
  return !self->store_open || self->saving || self->dirty || self->importing ||
         self->n_refreshing > 0 ||
         (self->load_cancellable && !g_cancellable_is_cancelled (self->load_cancellable) &&
          (self->article == NULL));
}

/* TRUE while the article on disk and the one in the editor disagree and
 * the window waits for Reload or Keep Mine. */
gboolean
cd_window_get_conflict (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), FALSE);
  return self->conflict;
}

/* TRUE after a save failed for a reason other than a conflict (say, a
 * read-only store), until one succeeds. */
gboolean
cd_window_get_save_failed (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), FALSE);
  return self->save_failed;
}

/* TRUE while the open article, with unsaved text, is in the trash
 * because another program moved it there. */
gboolean
cd_window_get_trashed_elsewhere (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), FALSE);
  return self->trashed_elsewhere;
}

GtkWidget *
cd_window_get_article_list (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->article_list);
}

GtkWidget *
cd_window_get_editor (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);
  return GTK_WIDGET (_cd_window_ensure_editor (self));
}

GtkWidget *
cd_window_get_photo_manager (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);
  return GTK_WIDGET (_cd_window_ensure_photo_manager (self));
}

GtkWidget *
cd_window_get_captions_view (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);
  return GTK_WIDGET (_cd_window_ensure_captions_view (self));
}

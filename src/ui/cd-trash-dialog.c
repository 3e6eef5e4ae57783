/* cd-trash-dialog.c: the articles in the store's trash, to restore or
 * delete for good
 *
 * The window's undo toast brings back what was just deleted; this is for
 * everything after it. The dialog is made when it is opened and destroyed
 * when closed, so the window keeps nothing of the trash in memory.
 *
 * The trash is read in a worker (cd_store_list_trashed_async()). A
 * restore goes through the store, which puts the article back in its
 * list model: the article list shows it as it shows any other change.
 * Deleting for good and emptying run in a worker too, each after a
 * confirmation, and the trash is read again afterwards, as another
 * program may have changed it meanwhile.
 *
 * While the dialog is open it follows the trash folder: the CLI or
 * another Copydesk trashing, restoring or emptying makes it read the
 * trash again, a moment after the folder went quiet. Only the rows that
 * changed are made again, so the selection and the keyboard stay where
 * they were. The "Deleted: 5 minutes ago" times are brought up to date
 * once a minute.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-toast.h"
#include "cd-trash-dialog-private.h"
#include "cd-ui-utils.h"

struct _CdTrashDialog
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  GtkSpinner *spinner;
  GtkListBox *list;
  GtkWidget *selection_bar;
  GtkLabel *selection_label;

  CdStore *store;
  GListStore *items;          /* CdTrashedArticle, as last read */
  GCancellable *cancellable;  /* cancelled when the dialog goes away */
  GDateTime *read_at;         /* when the reading shown began, UTC */
  GDateTime *now;             /* the same, local: "now" of the times shown */
  char **pending_ids;         /* to delete once the user confirms */
  GFileMonitor *monitor;      /* on the trash folder */
  guint changed_id;           /* reads the trash once the folder is quiet */
  guint tick_id;              /* brings the times shown up to date */
  GTimeSpan clock_ahead;      /* tests only: how far the times shown run ahead */
  guint busy : 1;
  guint loaded : 1;           /* the trash was read at least once */
  guint stale : 1;            /* the folder changed while it was read */
};

/* How long the trash folder must be quiet before it is read again: a CLI
 * emptying a large trash makes one reading, not one per file. */
#define CHANGED_DELAY_MS 250

/* The relative times shown change by the minute. */
#define TICK_MS (60 * 1000)

G_DEFINE_FINAL_TYPE (CdTrashDialog, cd_trash_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static void
toast (CdTrashDialog *self,
       const char    *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  cd_toast_add (self->toast_overlay, t);
}

/* What failed is the heading, why is the text: a message the user reads
 * and closes, not a toast that goes away on its own. */
static void
show_error (CdTrashDialog *self,
            const char    *what,
            const GError  *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), what, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_busy (CdTrashDialog *self,
          gboolean       busy)
{
  if (self->busy == !!busy)
    return;
  self->busy = !!busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static guint
count_selected (CdTrashDialog *self)
{
  g_autoptr(GList) rows = gtk_list_box_get_selected_rows (self->list);

  return g_list_length (rows);
}

/* The ids of the selected articles, in the order they are shown. */
static char **
dup_selected_ids (CdTrashDialog *self)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  GListModel *model = G_LIST_MODEL (self->items);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, (int) i);
      g_autoptr(CdTrashedArticle) item = NULL;

      if (row == NULL || !gtk_list_box_row_is_selected (row))
        continue;
      item = g_list_model_get_item (model, i);
      g_strv_builder_add (ids, cd_trashed_article_get_id (item));
    }
  return g_strv_builder_end (ids);
}

static void
update_state (CdTrashDialog *self)
{
  GtkWidget *w = GTK_WIDGET (self);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint n_selected;
  g_autofree char *count = NULL;

  /* The list box tells of its rows going while the template is disposed. */
  if (self->list == NULL)
    return;
  n_selected = count_selected (self);
  if (!self->loaded)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else
    gtk_stack_set_visible_child_name (self->stack, n_items > 0 ? "list" : "empty");
  gtk_spinner_set_spinning (self->spinner, !self->loaded);
  gtk_widget_set_visible (self->selection_bar, self->loaded && n_items > 0);

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article in the trash",
                                        "%u articles in the trash", n_items), n_items);
  gtk_label_set_label (self->selection_label, count);

  gtk_widget_action_set_enabled (w, "trash.restore", !self->busy);
  gtk_widget_action_set_enabled (w, "trash.restore-selected", !self->busy && n_selected > 0);
  gtk_widget_action_set_enabled (w, "trash.delete-selected", !self->busy && n_selected > 0);
  gtk_widget_action_set_enabled (w, "trash.empty", !self->busy && n_items > 0);
}

static void
remove_item (CdTrashDialog *self,
             const char    *id)
{
  GListModel *model = G_LIST_MODEL (self->items);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CdTrashedArticle) item = g_list_model_get_item (model, i);

      if (g_str_equal (cd_trashed_article_get_id (item), id))
        {
          g_list_store_remove (self->items, i);
          return;
        }
    }
}

/* The keyboard stays in the list: on its first row when it had left it
 * (a rebuilt list drops its rows, and the focus with them). With no row
 * left it goes to the window itself, where Escape closes it, not to
 * whatever GTK picks (a toast's close button). */
static void
focus_list (CdTrashDialog *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list, 0);

  if (focus && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list)))
    return;
  if (first)
    gtk_widget_grab_focus (GTK_WIDGET (first));
  else
    gtk_root_set_focus (GTK_ROOT (self), NULL);
}

/* Rows */

static GtkWidget *
create_restore_button (CdTrashedArticle *item,
                       const char       *headline)
{
  GtkWidget *button = gtk_button_new_with_label (_("Restore"));
  /* Translators: the accessible name of a row's Restore button; %s is
   * the article's headline */
  g_autofree char *name = g_strdup_printf (_("Restore “%s”"), headline);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "trash.restore");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_string (cd_trashed_article_get_id (item)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return button;
}

static void
set_row_time (CdTrashDialog    *self,
              GtkWidget        *row,
              CdTrashedArticle *item)
{
  g_autofree char *when = cd_ui_format_relative_time (cd_trashed_article_get_trashed (item),
                                                      self->now);
  /* Translators: when an article went to the trash, e.g. "Deleted: 5
   * minutes ago", "Deleted: Yesterday 14:05" */
  g_autofree char *subtitle = g_strdup_printf (_("Deleted: %s"), when);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

static GtkWidget *
create_row (gpointer object,
            gpointer user_data)
{
  CdTrashDialog *self = user_data;
  CdTrashedArticle *item = object;
  const char *headline = cd_trashed_article_get_headline (item);
  GDateTime *trashed = cd_trashed_article_get_trashed (item);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (trashed,
                                                        g_date_time_get_timezone (self->now));
  /* Translators: the full date and time an article was deleted, in a
   * tooltip; see g_date_time_format() */
  g_autofree char *full = g_date_time_format (local, _("%c"));
  GtkWidget *row = adw_action_row_new ();

  if (headline == NULL || *headline == '\0')
    headline = _("Untitled");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), headline);
  set_row_time (self, row, item);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_set_tooltip_text (row, full);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_restore_button (item, headline));
  return row;
}

/* Reading the trash */

static gboolean
same_item (CdTrashedArticle *a,
           CdTrashedArticle *b)
{
  return g_str_equal (cd_trashed_article_get_id (a), cd_trashed_article_get_id (b)) &&
         g_date_time_equal (cd_trashed_article_get_trashed (a), cd_trashed_article_get_trashed (b));
}

/* The items of @items by id: a trash of thousands is merged without
 * comparing every pair. */
static GHashTable *
index_items (GPtrArray *items)
{
  GHashTable *by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < items->len; i++)
    {
      CdTrashedArticle *item = g_ptr_array_index (items, i);

      g_hash_table_insert (by_id, (gpointer) cd_trashed_article_get_id (item), item);
    }
  return by_id;
}

/* Shows @items (sorted as the store sorts them) by removing the rows that
 * went and adding those that came, not by making every row again: the
 * rows that stay keep their selection and the keyboard. Both lists are in
 * the same order, so what is left of the old one is in the new one in
 * that order, and the new items go in between. */
static void
merge_items (CdTrashDialog *self,
             GPtrArray     *items)
{
  GListModel *model = G_LIST_MODEL (self->items);
  g_autoptr(GHashTable) by_id = index_items (items);

  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(CdTrashedArticle) old = g_list_model_get_item (model, i - 1);
      CdTrashedArticle *now = g_hash_table_lookup (by_id, cd_trashed_article_get_id (old));

      if (now == NULL || !same_item (now, old))
        g_list_store_remove (self->items, i - 1);
    }
  for (guint i = 0; i < items->len; i++)
    {
      CdTrashedArticle *item = g_ptr_array_index (items, i);
      g_autoptr(CdTrashedArticle) shown = g_list_model_get_item (model, i);

      if (shown == NULL || !same_item (shown, item))
        g_list_store_insert (self->items, i, item);
    }
}

/* Whether the keyboard has nowhere to be: its row went, or it never was
 * in the list. Elsewhere (the action bar) it is left alone. */
static gboolean
keyboard_lost (CdTrashDialog *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus == NULL || focus == GTK_WIDGET (self) || focus == GTK_WIDGET (self->list);
}

static void
on_listed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CdTrashDialog) self = user_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  gboolean first = FALSE;

  items = cd_store_list_trashed_finish (CD_STORE (object), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  first = !self->loaded;
  self->loaded = TRUE;
  set_busy (self, FALSE);
  if (items == NULL)
    show_error (self, _("Could not read the trash"), error);
  else
    merge_items (self, items);
  update_state (self);
  if (first || keyboard_lost (self))
    focus_list (self);
  /* The folder changed again while it was read. */
  if (self->stale && items != NULL)
    cd_trash_dialog_reload (self);
}

/* Deleting for good */

static void
deletion_done (CdTrashDialog  *self,
               char          **ids,
               GError         *error)
{
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  set_busy (self, FALSE);
  if (ids == NULL)
    show_error (self, _("Could not delete the articles"), error);
  else
    {
      guint n = g_strv_length (ids);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u article deleted permanently",
                                                            "%u articles deleted permanently",
                                                            n), n);

      toast (self, text);
    }
  cd_trash_dialog_reload (self);
}

static void
on_deleted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CdTrashDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = cd_store_delete_trashed_finish (CD_STORE (object), result, NULL, &error);

  deletion_done (self, ids, error);
}

static void
on_emptied_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CdTrashDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = cd_store_empty_trash_finish (CD_STORE (object), result, NULL, &error);

  deletion_done (self, ids, error);
}

static void
on_confirm_response_cb (CdTrashDialog    *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  g_auto(GStrv) ids = g_steal_pointer (&self->pending_ids);

  if (self->busy)
    return;
  if (g_str_equal (response, "delete") && ids != NULL)
    {
      set_busy (self, TRUE);
      cd_store_delete_trashed_async (self->store, (const char * const *) ids, self->cancellable,
                                     on_deleted_cb, g_object_ref (self));
    }
  else if (g_str_equal (response, "empty"))
    {
      set_busy (self, TRUE);
      /* Only what was listed: an article another program trashed since
       * the dialog read the trash was not in the count confirmed. */
      cd_store_empty_trash_async (self->store, self->read_at, self->cancellable,
                                  on_emptied_cb, g_object_ref (self));
    }
  update_state (self);
}

/* Asks before deleting for good; "cancel" is the default, so Enter and
 * Escape both keep the articles. */
static void
confirm (CdTrashDialog *self,
         const char    *heading,
         const char    *body,
         const char    *response,
         const char    *label)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  AdwMessageDialog *message = ADW_MESSAGE_DIALOG (dialog);

  adw_message_dialog_add_responses (message, "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (message, response, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (message, "cancel");
  adw_message_dialog_set_close_response (message, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions */

static void
restore_ids (CdTrashDialog      *self,
             const char * const *ids)
{
  g_autofree char *text = NULL;
  guint n = 0;

  for (guint i = 0; ids[i]; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!cd_store_restore_article (self->store, ids[i], &error))
        {
          show_error (self, _("Could not restore the article"), error);
          continue;
        }
      remove_item (self, ids[i]);
      n++;
    }
  if (n > 0)
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article restored",
                                           "%u articles restored", n), n);
      toast (self, text);
    }
  update_state (self);
  focus_list (self);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  const char *ids[] = { g_variant_get_string (param, NULL), NULL };

  restore_ids (CD_TRASH_DIALOG (widget), ids);
}

static void
restore_selected_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  CdTrashDialog *self = CD_TRASH_DIALOG (widget);
  g_auto(GStrv) ids = dup_selected_ids (self);

  restore_ids (self, (const char * const *) ids);
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  CdTrashDialog *self = CD_TRASH_DIALOG (widget);
  g_auto(GStrv) ids = dup_selected_ids (self);
  guint n = g_strv_length (ids);
  g_autofree char *heading = NULL;

  if (n == 0 || self->busy)
    return;
  g_strfreev (self->pending_ids);
  self->pending_ids = g_steal_pointer (&ids);
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete the Article Permanently?",
                                          "Delete %u Articles Permanently?", n), n);
  confirm (self, heading,
           _("An article deleted permanently cannot be restored. Its photos go with it, "
             "unless another article shows them."),
           "delete", _("_Delete"));
}

static void
empty_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  CdTrashDialog *self = CD_TRASH_DIALOG (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  g_autofree char *body = NULL;

  if (n == 0 || self->busy)
    return;
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u article in the trash will be deleted permanently, "
                                       "with the photos no other article shows. This cannot be "
                                       "undone.",
                                       "%u articles in the trash will be deleted permanently, "
                                       "with the photos no other article shows. This cannot be "
                                       "undone.", n), n);
  confirm (self, _("Empty the Trash?"), body, "empty", _("_Empty Trash"));
}

/* Callbacks */

static void
on_selection_changed_cb (CdTrashDialog *self)
{
  update_state (self);
}

/* Following the trash folder */

static gboolean
on_changed_timeout_cb (gpointer user_data)
{
  CdTrashDialog *self = user_data;

  self->changed_id = 0;
  /* Busy: whatever runs reads the trash when it is done. */
  self->stale = TRUE;
  cd_trash_dialog_reload (self);
  return G_SOURCE_REMOVE;
}

/* A burst of events (an emptying, a writer's temporary file) is read
 * once, a moment after the first. */
static void
on_trash_folder_changed_cb (GFileMonitor      *monitor,
                            GFile             *file,
                            GFile             *other,
                            GFileMonitorEvent  event,
                            gpointer           user_data)
{
  CdTrashDialog *self = user_data;

  if (self->changed_id == 0)
    self->changed_id = g_timeout_add (CHANGED_DELAY_MS, on_changed_timeout_cb, self);
}

/* Without a monitor the dialog still works, as it did before it followed
 * the folder: it says so in the log, not to the user. */
static void
watch_trash_folder (CdTrashDialog *self)
{
  g_autoptr(GFile) folder = g_file_new_for_path (cd_store_get_trash_path (self->store));
  g_autoptr(GError) error = NULL;

  self->monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_warning ("Not following changes to %s: %s", cd_store_get_trash_path (self->store),
                 error->message);
      return;
    }
  g_signal_connect (self->monitor, "changed", G_CALLBACK (on_trash_folder_changed_cb), self);
}

static void
update_now (CdTrashDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = g_date_time_add (now, self->clock_ahead);
}

/* "5 minutes ago" becomes "6 minutes ago" in place: no row is made
 * again, so the selection and the keyboard stay. */
static gboolean
on_tick_cb (gpointer user_data)
{
  CdTrashDialog *self = user_data;
  GListModel *model = G_LIST_MODEL (self->items);

  update_now (self);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, (int) i);
      g_autoptr(CdTrashedArticle) item = g_list_model_get_item (model, i);

      if (row != NULL)
        set_row_time (self, GTK_WIDGET (row), item);
    }
  return G_SOURCE_CONTINUE;
}

/* GObject overrides */

static void
cd_trash_dialog_constructed (GObject *object)
{
  CdTrashDialog *self = CD_TRASH_DIALOG (object);

  G_OBJECT_CLASS (cd_trash_dialog_parent_class)->constructed (object);

  g_assert (CD_IS_STORE (self->store));
  watch_trash_folder (self);
  self->tick_id = g_timeout_add (TICK_MS, on_tick_cb, self);
  cd_trash_dialog_reload (self);
}

static void
cd_trash_dialog_dispose (GObject *object)
{
  CdTrashDialog *self = CD_TRASH_DIALOG (object);

  /* The cancellable stays until finalize: callbacks still running check it. */
  g_cancellable_cancel (self->cancellable);
  if (self->monitor)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_handle_id (&self->changed_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_TRASH_DIALOG);

  G_OBJECT_CLASS (cd_trash_dialog_parent_class)->dispose (object);
}

static void
cd_trash_dialog_finalize (GObject *object)
{
  CdTrashDialog *self = CD_TRASH_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->items);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->read_at, g_date_time_unref);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->pending_ids, g_strfreev);

  G_OBJECT_CLASS (cd_trash_dialog_parent_class)->finalize (object);
}

static void
cd_trash_dialog_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CdTrashDialog *self = CD_TRASH_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_trash_dialog_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CdTrashDialog *self = CD_TRASH_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_trash_dialog_class_init (CdTrashDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_trash_dialog_constructed;
  object_class->dispose = cd_trash_dialog_dispose;
  object_class->finalize = cd_trash_dialog_finalize;
  object_class->get_property = cd_trash_dialog_get_property;
  object_class->set_property = cd_trash_dialog_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/copydesk/Copydesk/cd-trash-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdTrashDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdTrashDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CdTrashDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CdTrashDialog, list);
  gtk_widget_class_bind_template_child (widget_class, CdTrashDialog, selection_bar);
  gtk_widget_class_bind_template_child (widget_class, CdTrashDialog, selection_label);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);

  gtk_widget_class_install_action (widget_class, "trash.restore", "s", restore_action);
  gtk_widget_class_install_action (widget_class, "trash.restore-selected", NULL,
                                   restore_selected_action);
  gtk_widget_class_install_action (widget_class, "trash.delete-selected", NULL,
                                   delete_selected_action);
  gtk_widget_class_install_action (widget_class, "trash.empty", NULL, empty_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "trash.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0,
                                       "trash.delete-selected", NULL);
}

/* Escape closes the dialog wherever the keyboard is: before the focused
 * widget sees it, as with a toast's close button focused it would go no
 * further. Nothing in the dialog has a use of its own for Escape. */
static void
add_escape_shortcut (CdTrashDialog *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
cd_trash_dialog_init (CdTrashDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_escape_shortcut (self);

  self->items = g_list_store_new (CD_TYPE_TRASHED_ARTICLE);
  self->cancellable = g_cancellable_new ();
  self->now = g_date_time_new_now_local ();
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->items), create_row, self, NULL);
  update_state (self);
}

/* Public API */

/**
 * cd_trash_dialog_new:
 *
 * A modal window listing the trash of @store; set it transient for the
 * window it belongs to. It starts reading the trash at once.
 */
GtkWidget *
cd_trash_dialog_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  return g_object_new (CD_TYPE_TRASH_DIALOG, "store", store, NULL);
}

CdStore *
cd_trash_dialog_get_store (CdTrashDialog *self)
{
  g_return_val_if_fail (CD_IS_TRASH_DIALOG (self), NULL);
  return self->store;
}

/* TRUE while the trash is read, or articles deleted. */
gboolean
cd_trash_dialog_get_busy (CdTrashDialog *self)
{
  g_return_val_if_fail (CD_IS_TRASH_DIALOG (self), FALSE);
  return self->busy;
}

/**
 * cd_trash_dialog_get_items:
 *
 * Returns: (transfer none): the CdTrashedArticle items shown, most
 *   recently trashed first
 */
GListModel *
cd_trash_dialog_get_items (CdTrashDialog *self)
{
  g_return_val_if_fail (CD_IS_TRASH_DIALOG (self), NULL);
  return G_LIST_MODEL (self->items);
}

/* Reads the trash again; does nothing while the dialog is busy. */
void
cd_trash_dialog_reload (CdTrashDialog *self)
{
  g_return_if_fail (CD_IS_TRASH_DIALOG (self));

  if (self->busy)
    return;
  set_busy (self, TRUE);
  self->stale = FALSE;
  g_clear_pointer (&self->read_at, g_date_time_unref);
  self->read_at = g_date_time_new_now_utc ();
  update_now (self);
  update_state (self);
  cd_store_list_trashed_async (self->store, self->cancellable, on_listed_cb,
                               g_object_ref (self));
}

/* Tests only: the times shown are brought up to date every @tick_ms, as
 * if the clock were @ahead further on; the timer runs from now. */
void
_cd_trash_dialog_set_clock (CdTrashDialog *self,
                            guint          tick_ms,
                            GTimeSpan      ahead)
{
  g_return_if_fail (CD_IS_TRASH_DIALOG (self));

  self->clock_ahead = ahead;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  self->tick_id = g_timeout_add (tick_ms, on_tick_cb, self);
}

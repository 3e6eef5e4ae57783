/* cd-photo-manager.c: the photos of one article, in order
 *
 * Adding a photo needs the store (the image is copied into it), so the
 * manager leaves that to the window's win.add-photo action and only turns
 * dropped files into that request through the "files-dropped" signal.
 *
 * Removing one is at once, with a toast to undo it: the manager keeps the
 * removed CdPhoto (caption, credit, alt text and all) and its place until
 * the toast goes, and puts it back there on Undo. Photos removed while
 * the toast shows join it (one toast, its title updated), and Undo puts
 * them all back. The image file stays in the store either way: the
 * save that leaves the photo out makes the image young again, and
 * `photo prune` keeps young images, so Undo finds it even after a prune
 * (cd-store-prune.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "cd-photo-manager.h"
#include "cd-photo-row.h"
#include "cd-toast.h"

struct _CdPhotoManager
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkScrolledWindow *scroller;
  GtkListBox *list_box;
  GtkLabel *summary_label;

  CdArticle *article;
  GFile *photos_folder;
  GPtrArray *removed;            /* of Removed: what Undo puts back */
  AdwToast *undo_toast;
};

G_DEFINE_FINAL_TYPE (CdPhotoManager, cd_photo_manager, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ARTICLE,
  PROP_PHOTOS_FOLDER,
  N_PROPS
};

enum {
  FILES_DROPPED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  CdPhoto *photo;
  guint position;      /* its place when it was removed */
} Removed;

static void
removed_free (gpointer data)
{
  Removed *removed = data;

  g_object_unref (removed->photo);
  g_free (removed);
}

/* Auxiliary methods */

static void
update_summary (CdPhotoManager *self)
{
  guint n = self->article ? cd_article_get_n_photos (self->article) : 0;
  guint missing = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    if (!cd_photo_has_credit (cd_article_get_photo (self->article, i)))
      missing++;

  if (missing > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo, %u without credit",
                                         "%u photos, %u without credit", n), n, missing);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo", "%u photos", n), n);
  gtk_label_set_label (self->summary_label, text);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "photos" : "empty");
}

/* Callbacks */

static void
on_row_move_cb (CdPhotoManager *self,
                int             delta,
                CdPhotoRow     *row)
{
  int from = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  int to = from + delta;
  GtkListBoxRow *moved;

  if (self->article == NULL || from < 0 || to < 0 ||
      to >= (int) cd_article_get_n_photos (self->article))
    return;
  cd_article_move_photo (self->article, from, to);

  /* The list box rebuilt the row: keep the keyboard where the user is. */
  moved = gtk_list_box_get_row_at_index (self->list_box, to);
  if (moved)
    gtk_widget_grab_focus (cd_photo_row_get_caption_entry (CD_PHOTO_ROW (moved)));
}

/* Undo is no longer offered: the toast went, or the article changed. */
static void
forget_removed (CdPhotoManager *self)
{
  g_autoptr(AdwToast) toast = g_steal_pointer (&self->undo_toast);

  g_ptr_array_set_size (self->removed, 0);
  if (toast)
    adw_toast_dismiss (toast);
}

static void
on_undo_toast_dismissed_cb (CdPhotoManager *self,
                            AdwToast       *toast)
{
  if (toast == self->undo_toast)
    forget_removed (self);
}

static void
offer_undo (CdPhotoManager *self,
            CdPhoto        *photo,
            guint           position)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  Removed *removed = g_new0 (Removed, 1);
  guint n;
  g_autofree char *title = NULL;

  removed->photo = g_object_ref (photo);
  removed->position = position;
  g_ptr_array_add (self->removed, removed);
  n = self->removed->len;
  if (self->undo_toast)
    {
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo removed",
                                           "%u photos removed", n), n);
      adw_toast_set_title (self->undo_toast, title);
      return;
    }

  self->undo_toast = adw_toast_new (_("Photo removed"));
  adw_toast_set_button_label (self->undo_toast, _("_Undo"));
  adw_toast_set_priority (self->undo_toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (self->undo_toast, "button-clicked",
                           G_CALLBACK (cd_photo_manager_undo_remove), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo_toast, "dismissed",
                           G_CALLBACK (on_undo_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  /* cd_toast_add(): libadwaita 1.2 needs dismissals held back a little. */
  if (overlay)
    cd_toast_add (ADW_TOAST_OVERLAY (overlay), g_object_ref (self->undo_toast));
}

/* The removed row had the focus: give it to the photo now at @position,
 * or the one before, so the keyboard stays in the list (and Ctrl+Z
 * reaches the manager). */
static void
focus_near (CdPhotoManager *self,
            guint           position)
{
  guint n = cd_article_get_n_photos (self->article);
  GtkListBoxRow *row;

  if (n == 0)
    return;
  row = gtk_list_box_get_row_at_index (self->list_box, MIN (position, n - 1));
  if (row)
    gtk_widget_grab_focus (cd_photo_row_get_caption_entry (CD_PHOTO_ROW (row)));
}

static void
on_row_remove_cb (CdPhotoManager *self,
                  CdPhotoRow     *row)
{
  int position = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  g_autoptr(CdPhoto) photo = NULL;

  if (self->article == NULL || position < 0)
    return;
  photo = g_object_ref (cd_article_get_photo (self->article, position));
  cd_article_remove_photo (self->article, position);
  offer_undo (self, photo, position);
  focus_near (self, position);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CdPhotoManager *self = user_data;
  GtkWidget *row = cd_photo_row_new (CD_PHOTO (item), self->photos_folder);

  g_signal_connect_object (row, "move", G_CALLBACK (on_row_move_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove", G_CALLBACK (on_row_remove_cb), self,
                           G_CONNECT_SWAPPED);
  return row;
}

/* Ctrl+Z while the toast shows undoes the removal; otherwise the key goes
 * on to the entry, which undoes typing. */
static gboolean
undo_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  return cd_photo_manager_undo_remove (CD_PHOTO_MANAGER (widget));
}

static gboolean
on_drop_cb (CdPhotoManager *self,
            const GValue   *value,
            double          x,
            double          y,
            GtkDropTarget  *target)
{
  GSList *files;

  if (self->article == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;
  g_signal_emit (self, signals[FILES_DROPPED], 0, files);
  return TRUE;
}

static gboolean
same_article (CdArticle *a,
              CdArticle *b)
{
  return a != NULL && b != NULL && g_str_equal (cd_article_get_id (a), cd_article_get_id (b));
}

static void
bind_article (CdPhotoManager *self)
{
  if (self->article)
    {
      gtk_list_box_bind_model (self->list_box, cd_article_get_photos (self->article),
                               create_row, self, NULL);
      g_signal_connect_object (self->article, "changed", G_CALLBACK (update_summary), self,
                               G_CONNECT_SWAPPED);
    }
  else
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  update_summary (self);
}

/* GObject overrides */

static void
cd_photo_manager_dispose (GObject *object)
{
  GtkWidget *child;
  CdPhotoManager *self = CD_PHOTO_MANAGER (object);

  if (self->list_box)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  if (self->article)
    g_signal_handlers_disconnect_by_data (self->article, self);
  if (self->removed)
    forget_removed (self);
  g_clear_pointer (&self->removed, g_ptr_array_unref);
  g_clear_object (&self->article);
  g_clear_object (&self->photos_folder);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_PHOTO_MANAGER);
  /* Children of the template that C never names are unparented too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cd_photo_manager_parent_class)->dispose (object);
}

static void
cd_photo_manager_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CdPhotoManager *self = CD_PHOTO_MANAGER (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;
    case PROP_PHOTOS_FOLDER:
      g_value_set_object (value, self->photos_folder);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_photo_manager_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CdPhotoManager *self = CD_PHOTO_MANAGER (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      cd_photo_manager_set_article (self, g_value_get_object (value));
      break;
    case PROP_PHOTOS_FOLDER:
      cd_photo_manager_set_photos_folder (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_photo_manager_class_init (CdPhotoManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_photo_manager_dispose;
  object_class->get_property = cd_photo_manager_get_property;
  object_class->set_property = cd_photo_manager_set_property;

  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL, CD_TYPE_ARTICLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHOTOS_FOLDER] =
    g_param_spec_object ("photos-folder", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CdPhotoManager::files-dropped:
   * @files: (element-type GFile): the dropped files
   *
   * Image files were dropped on the manager and should become photos.
   */
  signals[FILES_DROPPED] = g_signal_new ("files-dropped", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, GDK_TYPE_FILE_LIST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/copydesk/Copydesk/cd-photo-manager.ui");
  gtk_widget_class_bind_template_child (widget_class, CdPhotoManager, stack);
  gtk_widget_class_bind_template_child (widget_class, CdPhotoManager, scroller);
  gtk_widget_class_bind_template_child (widget_class, CdPhotoManager, list_box);
  gtk_widget_class_bind_template_child (widget_class, CdPhotoManager, summary_label);
}

static void
cd_photo_manager_init (CdPhotoManager *self)
{
  GtkDropTarget *target;
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->removed = g_ptr_array_new_with_free_func (removed_free);

  /* Before the entries, which take Ctrl+Z for their own text. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z,
                                                                                  GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (undo_shortcut_cb,
                                                                                   NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  update_summary (self);
}

/* Public API */

GtkWidget *
cd_photo_manager_new (void)
{
  return g_object_new (CD_TYPE_PHOTO_MANAGER, NULL);
}

CdArticle *
cd_photo_manager_get_article (CdPhotoManager *self)
{
  g_return_val_if_fail (CD_IS_PHOTO_MANAGER (self), NULL);
  return self->article;
}

void
cd_photo_manager_set_article (CdPhotoManager *self,
                              CdArticle      *article)
{
  g_return_if_fail (CD_IS_PHOTO_MANAGER (self));
  g_return_if_fail (!article || CD_IS_ARTICLE (article));

  if (self->article == article)
    return;
  if (self->article)
    g_signal_handlers_disconnect_by_data (self->article, self);
  forget_removed (self);
  /* Another article starts at its first photo, not where the last one
   * was scrolled to; the same article read again (another program
   * changed it) stays where the user was. */
  if (!same_article (self->article, article))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  g_set_object (&self->article, article);
  bind_article (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}

GFile *
cd_photo_manager_get_photos_folder (CdPhotoManager *self)
{
  g_return_val_if_fail (CD_IS_PHOTO_MANAGER (self), NULL);
  return self->photos_folder;
}

/* Where the rows find the image files named by each photo. */
void
cd_photo_manager_set_photos_folder (CdPhotoManager *self,
                                    GFile          *folder)
{
  g_return_if_fail (CD_IS_PHOTO_MANAGER (self));
  g_return_if_fail (!folder || G_IS_FILE (folder));

  if (!g_set_object (&self->photos_folder, folder))
    return;
  bind_article (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHOTOS_FOLDER]);
}

GtkWidget *
cd_photo_manager_get_row (CdPhotoManager *self,
                          guint           position)
{
  g_return_val_if_fail (CD_IS_PHOTO_MANAGER (self), NULL);
  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box, position));
}

/* Puts the photos removed while the toast shows back where they were;
 * FALSE when there is nothing to put back. */
gboolean
cd_photo_manager_undo_remove (CdPhotoManager *self)
{
  g_autoptr(GPtrArray) removed = NULL;
  GtkListBoxRow *row = NULL;

  g_return_val_if_fail (CD_IS_PHOTO_MANAGER (self), FALSE);

  if (self->removed->len == 0 || self->article == NULL)
    return FALSE;
  removed = g_steal_pointer (&self->removed);
  self->removed = g_ptr_array_new_with_free_func (removed_free);
  forget_removed (self);

  /* Last removed first: each goes back into the list it was taken from. */
  for (guint i = removed->len; i > 0; i--)
    {
      Removed *r = g_ptr_array_index (removed, i - 1);
      guint position = MIN (r->position, cd_article_get_n_photos (self->article));

      cd_article_insert_photo (self->article, position, r->photo);
      row = gtk_list_box_get_row_at_index (self->list_box, position);
    }
  if (row)
    gtk_widget_grab_focus (cd_photo_row_get_caption_entry (CD_PHOTO_ROW (row)));
  return TRUE;
}

/* The toast offering to undo the last removal, or NULL. */
AdwToast *
cd_photo_manager_get_undo_toast (CdPhotoManager *self)
{
  g_return_val_if_fail (CD_IS_PHOTO_MANAGER (self), NULL);
  return self->undo_toast;
}

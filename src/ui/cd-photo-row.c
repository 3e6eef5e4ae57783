/* cd-photo-row.c: one photo with its caption, credit and alt text
 *
 * The row edits its CdPhoto in place; the photo's owner (an article)
 * hears about it through its own "changed" signal. Moving and removing
 * are requests to the owner, made through the "move" and "remove" signals,
 * because only the owner knows the order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-fold-bin.h"
#include "cd-photo-row.h"
#include "cd-ui-utils.h"

#define THUMBNAIL_SIZE 224   /* twice the shown width, sharp on HiDPI */

struct _CdPhotoRow
{
  GtkListBoxRow parent_instance;

  CdFoldBin *fold_bin;
  GtkWidget *media_box;
  GtkWidget *fields_box;
  GtkLabel *caption_label;
  GtkLabel *credit_label;
  GtkLabel *alt_label;
  GtkLabel *photographer_label;
  GtkStack *thumbnail_stack;
  GtkPicture *picture;
  GtkSpinner *spinner;
  GtkWidget *warning_box;
  GtkLabel *warning_label;
  GtkLabel *context_label;
  GtkEntry *caption_entry;
  GtkEntry *credit_entry;
  GtkEntry *alt_entry;
  GtkEntry *photographer_entry;
  GtkWidget *reorder_box;

  CdPhoto *photo;
  GFile *photos_folder;
  GCancellable *cancellable;
  GtkTextDirection fallback_direction;
  guint loading : 1;
  guint image_failed : 1;
};

G_DEFINE_FINAL_TYPE (CdPhotoRow, cd_photo_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_PHOTO,
  PROP_PHOTOS_FOLDER,
  PROP_CONTEXT,
  PROP_CAN_REORDER,
  PROP_HAS_WARNING,
  PROP_FALLBACK_DIRECTION,
  N_PROPS
};

enum {
  MOVE,
  REMOVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Auxiliary methods */

static void
set_entry_text (GtkEntry   *entry,
                const char *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
}

/* Sets the direction of @widget and of the parts it is made of (an
 * entry's text), which do not inherit it. */
static void
set_direction_deep (GtkWidget        *widget,
                    GtkTextDirection  direction)
{
  gtk_widget_set_direction (widget, direction);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    set_direction_deep (child, direction);
}

/* The direction of @text's first letter; the fallback (the article's
 * language, or else the window's) when it has no letter yet. */
static GtkTextDirection
text_direction (CdPhotoRow *self,
                const char *text)
{
  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return cd_ui_text_is_rtl (p) ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR;
  return self->fallback_direction;
}

/* The card is laid out in the window's direction; each text in it takes
 * its own, so that an English caption in an Arabic window starts on the
 * left with its full stop at the end, while the card keeps the image on
 * the right like the rest of the window. */
static void
update_text_directions (CdPhotoRow *self)
{
  GtkEntry *entries[] = { self->caption_entry, self->credit_entry, self->alt_entry,
                          self->photographer_entry };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    set_direction_deep (GTK_WIDGET (entries[i]),
                        text_direction (self, gtk_editable_get_text (GTK_EDITABLE (entries[i]))));
  set_direction_deep (GTK_WIDGET (self->context_label),
                      text_direction (self, gtk_label_get_label (self->context_label)));
}

static gboolean
has_image (CdPhotoRow *self)
{
  const char *file = cd_photo_get_file (self->photo);

  return file != NULL && *file != '\0' && !self->image_failed;
}

static void
update_warning (CdPhotoRow *self)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new ();
  g_autofree char *text = NULL;

  if (!cd_photo_has_credit (self->photo))
    g_ptr_array_add (problems, _("No credit"));
  if (!has_image (self))
    g_ptr_array_add (problems, _("No image"));
  g_ptr_array_add (problems, NULL);
  text = g_strjoinv ("\n", (char **) problems->pdata);

  gtk_label_set_label (self->warning_label, text);
  gtk_widget_set_visible (self->warning_box, problems->len > 1);
  if (cd_photo_has_credit (self->photo))
    gtk_widget_remove_css_class (GTK_WIDGET (self->credit_entry), "warning");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->credit_entry), "warning");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_WARNING]);
}

static void
on_thumbnail_loaded_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(CdPhotoRow) self = user_data;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GError) error = NULL;

  paintable = cd_ui_load_thumbnail_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->spinner);
  if (paintable == NULL)
    {
      g_debug ("No thumbnail for photo %s: %s", cd_photo_get_id (self->photo), error->message);
      self->image_failed = TRUE;
      gtk_stack_set_visible_child_name (self->thumbnail_stack, "missing");
    }
  else
    {
      gtk_picture_set_paintable (self->picture, paintable);
      gtk_stack_set_visible_child_name (self->thumbnail_stack, "picture");
    }
  update_warning (self);
}

static void
load_thumbnail (CdPhotoRow *self)
{
  const char *name = self->photo ? cd_photo_get_file (self->photo) : NULL;
  g_autoptr(GFile) file = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->image_failed = FALSE;

  if (name == NULL || *name == '\0' || self->photos_folder == NULL)
    {
      gtk_stack_set_visible_child_name (self->thumbnail_stack, "missing");
      return;
    }

  file = g_file_get_child (self->photos_folder, name);
  self->cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->thumbnail_stack, "loading");
  cd_ui_load_thumbnail_async (file, THUMBNAIL_SIZE, self->cancellable,
                              on_thumbnail_loaded_cb, g_object_ref (self));
}

static void
load_photo (CdPhotoRow *self)
{
  self->loading = TRUE;
  set_entry_text (self->caption_entry, cd_photo_get_caption (self->photo));
  set_entry_text (self->credit_entry, cd_photo_get_credit (self->photo));
  set_entry_text (self->alt_entry, cd_photo_get_alt_text (self->photo));
  set_entry_text (self->photographer_entry, cd_photo_get_photographer (self->photo));
  self->loading = FALSE;

  load_thumbnail (self);
  update_warning (self);
  update_text_directions (self);
}

/* Wide: thumbnail, labelled fields, buttons side by side. Narrow
 * (folded): the thumbnail with the buttons in a row beside it, then each
 * label above its field across the whole width; beside each other, the
 * fields of a 360-pixel window were 35 pixels wide. */
static void
update_layout (CdPhotoRow *self)
{
  gboolean folded = cd_fold_bin_get_folded (self->fold_bin);
  GtkLabel *labels[] = { self->caption_label, self->credit_label, self->alt_label,
                         self->photographer_label };
  GtkEntry *entries[] = { self->caption_entry, self->credit_entry, self->alt_entry,
                          self->photographer_entry };

  cd_ui_grid_place (self->media_box, 0, 0, 1);
  cd_ui_grid_place (self->fields_box, folded ? 0 : 1, folded ? 1 : 0, folded ? 2 : 1);
  cd_ui_grid_place (self->reorder_box, folded ? 1 : 2, 0, 1);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->reorder_box),
                                  folded ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  gtk_widget_set_halign (self->reorder_box, folded ? GTK_ALIGN_END : GTK_ALIGN_FILL);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      cd_ui_grid_place (GTK_WIDGET (labels[i]), 0, folded ? 2 * i : i, 1);
      cd_ui_grid_place (GTK_WIDGET (entries[i]), folded ? 0 : 1, folded ? 2 * i + 1 : i, 1);
      gtk_label_set_xalign (labels[i], folded ? 0 : 1);
      gtk_widget_set_margin_top (GTK_WIDGET (labels[i]), folded && i > 0 ? 6 : 0);
    }
}

/* Callbacks */

static void
on_caption_changed_cb (CdPhotoRow  *self,
                       GtkEditable *editable)
{
  if (!self->loading && self->photo)
    cd_photo_set_caption (self->photo, gtk_editable_get_text (editable));
}

static void
on_credit_changed_cb (CdPhotoRow  *self,
                      GtkEditable *editable)
{
  if (!self->loading && self->photo)
    cd_photo_set_credit (self->photo, gtk_editable_get_text (editable));
}

static void
on_alt_changed_cb (CdPhotoRow  *self,
                   GtkEditable *editable)
{
  if (!self->loading && self->photo)
    cd_photo_set_alt_text (self->photo, gtk_editable_get_text (editable));
}

static void
on_photographer_changed_cb (CdPhotoRow  *self,
                            GtkEditable *editable)
{
  if (!self->loading && self->photo)
    cd_photo_set_photographer (self->photo, gtk_editable_get_text (editable));
}

static void
on_photo_notify_cb (CdPhotoRow *self,
                    GParamSpec *pspec,
                    CdPhoto    *photo)
{
  if (g_str_equal (g_param_spec_get_name (pspec), "file"))
    load_thumbnail (self);
  self->loading = TRUE;
  set_entry_text (self->caption_entry, cd_photo_get_caption (photo));
  set_entry_text (self->credit_entry, cd_photo_get_credit (photo));
  set_entry_text (self->alt_entry, cd_photo_get_alt_text (photo));
  set_entry_text (self->photographer_entry, cd_photo_get_photographer (photo));
  self->loading = FALSE;
  update_warning (self);
  update_text_directions (self);
}

static void
photo_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  CdPhotoRow *self = CD_PHOTO_ROW (widget);

  if (g_str_equal (action_name, "photo.move-up"))
    g_signal_emit (self, signals[MOVE], 0, -1);
  else if (g_str_equal (action_name, "photo.move-down"))
    g_signal_emit (self, signals[MOVE], 0, 1);
  else
    g_signal_emit (self, signals[REMOVE], 0);
}

/* GObject overrides */

static void
cd_photo_row_dispose (GObject *object)
{
  CdPhotoRow *self = CD_PHOTO_ROW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->photo)
    g_signal_handlers_disconnect_by_data (self->photo, self);
  g_clear_object (&self->photo);
  g_clear_object (&self->photos_folder);
  /* The row's child is a named template child: take it from the row
   * first, or GtkListBoxRow would unparent it after the template freed it. */
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_PHOTO_ROW);

  G_OBJECT_CLASS (cd_photo_row_parent_class)->dispose (object);
}

static void
cd_photo_row_constructed (GObject *object)
{
  CdPhotoRow *self = CD_PHOTO_ROW (object);

  G_OBJECT_CLASS (cd_photo_row_parent_class)->constructed (object);

  g_assert (CD_IS_PHOTO (self->photo));
  g_signal_connect_object (self->photo, "notify", G_CALLBACK (on_photo_notify_cb), self,
                           G_CONNECT_SWAPPED);
  load_photo (self);
}

static void
cd_photo_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CdPhotoRow *self = CD_PHOTO_ROW (object);

  switch (prop_id)
    {
    case PROP_PHOTO:
      g_value_set_object (value, self->photo);
      break;
    case PROP_PHOTOS_FOLDER:
      g_value_set_object (value, self->photos_folder);
      break;
    case PROP_CONTEXT:
      g_value_set_string (value, cd_photo_row_get_context (self));
      break;
    case PROP_CAN_REORDER:
      g_value_set_boolean (value, cd_photo_row_get_can_reorder (self));
      break;
    case PROP_HAS_WARNING:
      g_value_set_boolean (value, cd_photo_row_get_has_warning (self));
      break;
    case PROP_FALLBACK_DIRECTION:
      g_value_set_enum (value, cd_photo_row_get_fallback_direction (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_photo_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CdPhotoRow *self = CD_PHOTO_ROW (object);

  switch (prop_id)
    {
    case PROP_PHOTO:
      self->photo = g_value_dup_object (value);
      break;
    case PROP_PHOTOS_FOLDER:
      self->photos_folder = g_value_dup_object (value);
      break;
    case PROP_CONTEXT:
      cd_photo_row_set_context (self, g_value_get_string (value));
      break;
    case PROP_CAN_REORDER:
      cd_photo_row_set_can_reorder (self, g_value_get_boolean (value));
      break;
    case PROP_FALLBACK_DIRECTION:
      cd_photo_row_set_fallback_direction (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_photo_row_class_init (CdPhotoRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_photo_row_dispose;
  object_class->constructed = cd_photo_row_constructed;
  object_class->get_property = cd_photo_row_get_property;
  object_class->set_property = cd_photo_row_set_property;

  properties[PROP_PHOTO] =
    g_param_spec_object ("photo", NULL, NULL, CD_TYPE_PHOTO,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHOTOS_FOLDER] =
    g_param_spec_object ("photos-folder", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTEXT] =
    g_param_spec_string ("context", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REORDER] =
    g_param_spec_boolean ("can-reorder", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_WARNING] =
    g_param_spec_boolean ("has-warning", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * CdPhotoRow:fallback-direction:
   *
   * The direction of a field with no letter typed yet, as the language
   * its text will be in (the article's); %GTK_TEXT_DIR_NONE for the
   * window's. A field with text takes its text's direction.
   */
  properties[PROP_FALLBACK_DIRECTION] =
    g_param_spec_enum ("fallback-direction", NULL, NULL, GTK_TYPE_TEXT_DIRECTION,
                       GTK_TEXT_DIR_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CdPhotoRow::move:
   * @delta: -1 to move towards the first photo, 1 towards the last
   */
  signals[MOVE] = g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CD_TYPE_FOLD_BIN);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/copydesk/Copydesk/cd-photo-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CdPhotoRow, fold_bin);
  gtk_widget_class_bind_template_child (widget_class, CdPhotoRow, media_box);
  gtk_widget_class_bind_template_child (widget_class, CdPhotoRow, fields_box);
  gtk_widget_class_bind_template_child (widget_class, CdPhotoRow, caption_label);
  gtk_widget_class_bind_template_child (widget_class, CdPhotoRow, credit_label);
  gtk_widget_class_bind_template_child (widget_class, CdPhotoRow, alt_label);
  gtk_widget_class_bind_template_child (widget_class, CdPhotoRow, photographer_label);
  gtk_widget_class_bind_template_child (widget_class, CdPhotoRow, thumbnail_stack);
  gtk_widget_class_bind_template_child (widget_class, CdPhotoRow, picture);
  gtk_widget_class_bind_template_child (widget_class, CdPhotoRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CdPhotoRow, warning_box);
  gtk_widget_class_bind_template_child (widget_class, CdPhotoRow, warning_label);
  gtk_widget_class_bind_template_child (widget_class, CdPhotoRow, context_label);
  gtk_widget_class_bind_template_child (widget_class, CdPhotoRow, caption_entry);
  gtk_widget_class_bind_template_child (widget_class, CdPhotoRow, credit_entry);
  gtk_widget_class_bind_template_child (widget_class, CdPhotoRow, alt_entry);
  gtk_widget_class_bind_template_child (widget_class, CdPhotoRow, photographer_entry);
  gtk_widget_class_bind_template_child (widget_class, CdPhotoRow, reorder_box);
  gtk_widget_class_bind_template_callback (widget_class, update_layout);
  gtk_widget_class_bind_template_callback (widget_class, on_caption_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_credit_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_alt_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_photographer_changed_cb);

  gtk_widget_class_install_action (widget_class, "photo.move-up", NULL, photo_action);
  gtk_widget_class_install_action (widget_class, "photo.move-down", NULL, photo_action);
  gtk_widget_class_install_action (widget_class, "photo.remove", NULL, photo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "photo.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "photo.move-down", NULL);
}

static void
cd_photo_row_init (CdPhotoRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
cd_photo_row_new (CdPhoto *photo,
                  GFile   *photos_folder)
{
  g_return_val_if_fail (CD_IS_PHOTO (photo), NULL);
  g_return_val_if_fail (!photos_folder || G_IS_FILE (photos_folder), NULL);

  return g_object_new (CD_TYPE_PHOTO_ROW,
                       "photo", photo,
                       "photos-folder", photos_folder,
                       NULL);
}

CdPhoto *
cd_photo_row_get_photo (CdPhotoRow *self)
{
  g_return_val_if_fail (CD_IS_PHOTO_ROW (self), NULL);
  return self->photo;
}

const char *
cd_photo_row_get_context (CdPhotoRow *self)
{
  g_return_val_if_fail (CD_IS_PHOTO_ROW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->context_label))
         ? gtk_label_get_label (self->context_label) : NULL;
}

/* A line above the fields naming where the photo belongs, for the
 * store-wide captions view. */
void
cd_photo_row_set_context (CdPhotoRow *self,
                          const char *context)
{
  g_return_if_fail (CD_IS_PHOTO_ROW (self));

  if (g_strcmp0 (context, cd_photo_row_get_context (self)) == 0)
    return;
  gtk_label_set_label (self->context_label, context ? context : "");
  gtk_widget_set_visible (GTK_WIDGET (self->context_label), context != NULL);
  update_text_directions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

gboolean
cd_photo_row_get_can_reorder (CdPhotoRow *self)
{
  g_return_val_if_fail (CD_IS_PHOTO_ROW (self), FALSE);
  return gtk_widget_get_visible (self->reorder_box);
}

void
cd_photo_row_set_can_reorder (CdPhotoRow *self,
                              gboolean    can_reorder)
{
  g_return_if_fail (CD_IS_PHOTO_ROW (self));

  can_reorder = !!can_reorder;
  if (can_reorder == cd_photo_row_get_can_reorder (self))
    return;
  gtk_widget_set_visible (self->reorder_box, can_reorder);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "photo.move-up", can_reorder);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "photo.move-down", can_reorder);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "photo.remove", can_reorder);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REORDER]);
}

GtkWidget *
cd_photo_row_get_credit_entry (CdPhotoRow *self)
{
  g_return_val_if_fail (CD_IS_PHOTO_ROW (self), NULL);
  return GTK_WIDGET (self->credit_entry);
}

/* TRUE while the row is laid out for a narrow window (update_layout). */
gboolean
cd_photo_row_get_folded (CdPhotoRow *self)
{
  g_return_val_if_fail (CD_IS_PHOTO_ROW (self), FALSE);
  return cd_fold_bin_get_folded (self->fold_bin);
}

GtkWidget *
cd_photo_row_get_caption_entry (CdPhotoRow *self)
{
  g_return_val_if_fail (CD_IS_PHOTO_ROW (self), NULL);
  return GTK_WIDGET (self->caption_entry);
}

gboolean
cd_photo_row_get_has_warning (CdPhotoRow *self)
{
  g_return_val_if_fail (CD_IS_PHOTO_ROW (self), FALSE);
  return gtk_widget_get_visible (self->warning_box);
}

GtkTextDirection
cd_photo_row_get_fallback_direction (CdPhotoRow *self)
{
  g_return_val_if_fail (CD_IS_PHOTO_ROW (self), GTK_TEXT_DIR_NONE);
  return self->fallback_direction;
}

void
cd_photo_row_set_fallback_direction (CdPhotoRow       *self,
                                     GtkTextDirection  direction)
{
  g_return_if_fail (CD_IS_PHOTO_ROW (self));

  if (direction == self->fallback_direction)
    return;
  self->fallback_direction = direction;
  update_text_directions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FALLBACK_DIRECTION]);
}

/* cd-photo.c: one photo of an article, with its caption and credit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-photo.h"
#include "cd-util.h"

struct _CdPhoto
{
  GObject parent_instance;

  char *id;
  char *caption;
  char *credit;
  char *alt_text;
  char *photographer;
  char *file;         /* name inside the store's photos/ folder, or NULL */
  guint width;
  guint height;
};

G_DEFINE_FINAL_TYPE (CdPhoto, cd_photo, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CAPTION,
  PROP_CREDIT,
  PROP_ALT_TEXT,
  PROP_PHOTOGRAPHER,
  PROP_FILE,
  PROP_WIDTH,
  PROP_HEIGHT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_string_prop (CdPhoto     *self,
                 char       **field,
                 const char  *value,
                 int          prop)
{
  if (cd_set_str (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
cd_photo_finalize (GObject *object)
{
  CdPhoto *self = CD_PHOTO (object);

  g_free (self->id);
  g_free (self->caption);
  g_free (self->credit);
  g_free (self->alt_text);
  g_free (self->photographer);
  g_free (self->file);

  G_OBJECT_CLASS (cd_photo_parent_class)->finalize (object);
}

static void
cd_photo_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CdPhoto *self = CD_PHOTO (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_CAPTION: g_value_set_string (value, self->caption); break;
    case PROP_CREDIT: g_value_set_string (value, self->credit); break;
    case PROP_ALT_TEXT: g_value_set_string (value, self->alt_text); break;
    case PROP_PHOTOGRAPHER: g_value_set_string (value, self->photographer); break;
    case PROP_FILE: g_value_set_string (value, self->file); break;
    case PROP_WIDTH: g_value_set_uint (value, self->width); break;
    case PROP_HEIGHT: g_value_set_uint (value, self->height); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_photo_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CdPhoto *self = CD_PHOTO (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      if (self->id == NULL)
        self->id = g_uuid_string_random ();
      break;
    case PROP_CAPTION: cd_photo_set_caption (self, g_value_get_string (value)); break;
    case PROP_CREDIT: cd_photo_set_credit (self, g_value_get_string (value)); break;
    case PROP_ALT_TEXT: cd_photo_set_alt_text (self, g_value_get_string (value)); break;
    case PROP_PHOTOGRAPHER: cd_photo_set_photographer (self, g_value_get_string (value)); break;
    case PROP_FILE: cd_photo_set_file (self, g_value_get_string (value)); break;
    case PROP_WIDTH: cd_photo_set_width (self, g_value_get_uint (value)); break;
    case PROP_HEIGHT: cd_photo_set_height (self, g_value_get_uint (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_pspec (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "",
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
cd_photo_class_init (CdPhotoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_photo_finalize;
  object_class->get_property = cd_photo_get_property;
  object_class->set_property = cd_photo_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAPTION] = string_pspec ("caption");
  properties[PROP_CREDIT] = string_pspec ("credit");
  properties[PROP_ALT_TEXT] = string_pspec ("alt-text");
  properties[PROP_PHOTOGRAPHER] = string_pspec ("photographer");
  properties[PROP_FILE] =
    g_param_spec_string ("file", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WIDTH] =
    g_param_spec_uint ("width", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEIGHT] =
    g_param_spec_uint ("height", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_photo_init (CdPhoto *self)
{
  self->caption = g_strdup ("");
  self->credit = g_strdup ("");
  self->alt_text = g_strdup ("");
  self->photographer = g_strdup ("");
}

CdPhoto *
cd_photo_new (void)
{
  return g_object_new (CD_TYPE_PHOTO, NULL);
}

CdPhoto *
cd_photo_new_with_id (const char *id)
{
  return g_object_new (CD_TYPE_PHOTO, "id", id, NULL);
}

CdPhoto *
cd_photo_copy (CdPhoto *self)
{
  g_return_val_if_fail (CD_IS_PHOTO (self), NULL);

  return g_object_new (CD_TYPE_PHOTO,
                       "id", self->id,
                       "caption", self->caption,
                       "credit", self->credit,
                       "alt-text", self->alt_text,
                       "photographer", self->photographer,
                       "file", self->file,
                       "width", self->width,
                       "height", self->height,
                       NULL);
}

gboolean
cd_photo_equal (CdPhoto *a,
                CdPhoto *b)
{
  g_return_val_if_fail (CD_IS_PHOTO (a), FALSE);
  g_return_val_if_fail (CD_IS_PHOTO (b), FALSE);

  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->caption, b->caption) == 0 &&
         g_strcmp0 (a->credit, b->credit) == 0 &&
         g_strcmp0 (a->alt_text, b->alt_text) == 0 &&
         g_strcmp0 (a->photographer, b->photographer) == 0 &&
         g_strcmp0 (a->file, b->file) == 0 &&
         a->width == b->width &&
         a->height == b->height;
}

const char *
cd_photo_get_id (CdPhoto *self)
{
  g_return_val_if_fail (CD_IS_PHOTO (self), NULL);
  return self->id;
}

const char *
cd_photo_get_caption (CdPhoto *self)
{
  g_return_val_if_fail (CD_IS_PHOTO (self), NULL);
  return self->caption;
}

void
cd_photo_set_caption (CdPhoto    *self,
                      const char *caption)
{
  g_return_if_fail (CD_IS_PHOTO (self));
  set_string_prop (self, &self->caption, caption ? caption : "", PROP_CAPTION);
}

const char *
cd_photo_get_credit (CdPhoto *self)
{
  g_return_val_if_fail (CD_IS_PHOTO (self), NULL);
  return self->credit;
}

void
cd_photo_set_credit (CdPhoto    *self,
                     const char *credit)
{
  g_return_if_fail (CD_IS_PHOTO (self));
  set_string_prop (self, &self->credit, credit ? credit : "", PROP_CREDIT);
}

const char *
cd_photo_get_alt_text (CdPhoto *self)
{
  g_return_val_if_fail (CD_IS_PHOTO (self), NULL);
  return self->alt_text;
}

void
cd_photo_set_alt_text (CdPhoto    *self,
                       const char *alt_text)
{
  g_return_if_fail (CD_IS_PHOTO (self));
  set_string_prop (self, &self->alt_text, alt_text ? alt_text : "", PROP_ALT_TEXT);
}

const char *
cd_photo_get_photographer (CdPhoto *self)
{
  g_return_val_if_fail (CD_IS_PHOTO (self), NULL);
  return self->photographer;
}

void
cd_photo_set_photographer (CdPhoto    *self,
                           const char *photographer)
{
  g_return_if_fail (CD_IS_PHOTO (self));
  set_string_prop (self, &self->photographer, photographer ? photographer : "",
                   PROP_PHOTOGRAPHER);
}

const char *
cd_photo_get_file (CdPhoto *self)
{
  g_return_val_if_fail (CD_IS_PHOTO (self), NULL);
  return self->file;
}

void
cd_photo_set_file (CdPhoto    *self,
                   const char *file)
{
  g_return_if_fail (CD_IS_PHOTO (self));
  set_string_prop (self, &self->file, (file && *file) ? file : NULL, PROP_FILE);
}

guint
cd_photo_get_width (CdPhoto *self)
{
  g_return_val_if_fail (CD_IS_PHOTO (self), 0);
  return self->width;
}

void
cd_photo_set_width (CdPhoto *self,
                    guint    width)
{
  g_return_if_fail (CD_IS_PHOTO (self));
  if (self->width == width)
    return;
  self->width = width;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDTH]);
}

guint
cd_photo_get_height (CdPhoto *self)
{
  g_return_val_if_fail (CD_IS_PHOTO (self), 0);
  return self->height;
}

void
cd_photo_set_height (CdPhoto *self,
                     guint    height)
{
  g_return_if_fail (CD_IS_PHOTO (self));
  if (self->height == height)
    return;
  self->height = height;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEIGHT]);
}

/* A credit of only spaces is no credit: such a photo cannot be published. */
gboolean
cd_photo_has_credit (CdPhoto *self)
{
  g_return_val_if_fail (CD_IS_PHOTO (self), FALSE);
  return !cd_str_is_blank (self->credit);
}

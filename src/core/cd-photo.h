/* cd-photo.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CD_TYPE_PHOTO (cd_photo_get_type ())
G_DECLARE_FINAL_TYPE (CdPhoto, cd_photo, CD, PHOTO, GObject)

CdPhoto     *cd_photo_new              (void);
CdPhoto     *cd_photo_new_with_id      (const char *id);
CdPhoto     *cd_photo_copy             (CdPhoto    *self);
gboolean     cd_photo_equal            (CdPhoto    *a,
                                        CdPhoto    *b);
const char  *cd_photo_get_id           (CdPhoto    *self);
const char  *cd_photo_get_caption      (CdPhoto    *self);
void         cd_photo_set_caption      (CdPhoto    *self,
                                        const char *caption);
const char  *cd_photo_get_credit       (CdPhoto    *self);
void         cd_photo_set_credit       (CdPhoto    *self,
                                        const char *credit);
const char  *cd_photo_get_alt_text     (CdPhoto    *self);
void         cd_photo_set_alt_text     (CdPhoto    *self,
                                        const char *alt_text);
const char  *cd_photo_get_photographer (CdPhoto    *self);
void         cd_photo_set_photographer (CdPhoto    *self,
                                        const char *photographer);
const char  *cd_photo_get_file         (CdPhoto    *self);
void         cd_photo_set_file         (CdPhoto    *self,
                                        const char *file);
guint        cd_photo_get_width        (CdPhoto    *self);
void         cd_photo_set_width        (CdPhoto    *self,
                                        guint       width);
guint        cd_photo_get_height       (CdPhoto    *self);
void         cd_photo_set_height       (CdPhoto    *self,
                                        guint       height);
gboolean     cd_photo_has_credit       (CdPhoto    *self);

G_END_DECLS

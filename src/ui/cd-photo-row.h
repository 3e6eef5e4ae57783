/* cd-photo-row.h: one photo with its caption, credit and alt text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cd-photo.h"

G_BEGIN_DECLS

#define CD_TYPE_PHOTO_ROW (cd_photo_row_get_type ())
G_DECLARE_FINAL_TYPE (CdPhotoRow, cd_photo_row, CD, PHOTO_ROW, GtkListBoxRow)

GtkWidget  *cd_photo_row_new               (CdPhoto    *photo,
                                            GFile      *photos_folder);
CdPhoto    *cd_photo_row_get_photo         (CdPhotoRow *self);
const char *cd_photo_row_get_context       (CdPhotoRow *self);
void        cd_photo_row_set_context       (CdPhotoRow *self,
                                            const char *context);
gboolean    cd_photo_row_get_can_reorder   (CdPhotoRow *self);
void        cd_photo_row_set_can_reorder   (CdPhotoRow *self,
                                            gboolean    can_reorder);
GtkWidget  *cd_photo_row_get_credit_entry  (CdPhotoRow *self);
GtkWidget  *cd_photo_row_get_caption_entry (CdPhotoRow *self);
gboolean    cd_photo_row_get_has_warning   (CdPhotoRow *self);
GtkTextDirection cd_photo_row_get_fallback_direction (CdPhotoRow       *self);
void        cd_photo_row_set_fallback_direction      (CdPhotoRow       *self,
                                                      GtkTextDirection  direction);
gboolean    cd_photo_row_get_folded        (CdPhotoRow *self);

G_END_DECLS

/* cd-photo-manager.h: the photos of one article, in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-article.h"

G_BEGIN_DECLS

#define CD_TYPE_PHOTO_MANAGER (cd_photo_manager_get_type ())
G_DECLARE_FINAL_TYPE (CdPhotoManager, cd_photo_manager, CD, PHOTO_MANAGER, GtkWidget)

GtkWidget *cd_photo_manager_new               (void);
CdArticle *cd_photo_manager_get_article       (CdPhotoManager *self);
void       cd_photo_manager_set_article       (CdPhotoManager *self,
                                               CdArticle      *article);
GFile     *cd_photo_manager_get_photos_folder (CdPhotoManager *self);
void       cd_photo_manager_set_photos_folder (CdPhotoManager *self,
                                               GFile          *folder);
GtkWidget *cd_photo_manager_get_row           (CdPhotoManager *self,
                                               guint           position);
gboolean   cd_photo_manager_undo_remove       (CdPhotoManager *self);
AdwToast  *cd_photo_manager_get_undo_toast    (CdPhotoManager *self);

G_END_DECLS

/* cd-trash-dialog.h: the articles in the store's trash, to restore or
 * delete for good
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_TRASH_DIALOG (cd_trash_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CdTrashDialog, cd_trash_dialog, CD, TRASH_DIALOG, AdwWindow)

GtkWidget  *cd_trash_dialog_new       (CdStore       *store);
CdStore    *cd_trash_dialog_get_store (CdTrashDialog *self);
gboolean    cd_trash_dialog_get_busy  (CdTrashDialog *self);
GListModel *cd_trash_dialog_get_items (CdTrashDialog *self);
void        cd_trash_dialog_reload    (CdTrashDialog *self);

G_END_DECLS

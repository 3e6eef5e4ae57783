/* cd-import-dialog.h: review page copy before it is written to the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-parsed-article.h"
#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_IMPORT_DIALOG (cd_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CdImportDialog, cd_import_dialog, CD, IMPORT_DIALOG, AdwWindow)

GtkWidget *cd_import_dialog_new            (GtkWindow      *parent,
                                            CdStore        *store);
void       cd_import_dialog_add_articles   (CdImportDialog *self,
                                            const char     *source_name,
                                            GPtrArray      *parsed);
void       cd_import_dialog_add_error      (CdImportDialog *self,
                                            const char     *source_name,
                                            const GError   *error);
GPtrArray *cd_import_dialog_dup_articles   (CdImportDialog *self);
guint      cd_import_dialog_get_n_new      (CdImportDialog *self);
guint      cd_import_dialog_get_n_duplicates (CdImportDialog *self);
guint      cd_import_dialog_get_n_near_duplicates (CdImportDialog *self);
char      *cd_import_dialog_dup_summary    (CdImportDialog *self);

G_END_DECLS

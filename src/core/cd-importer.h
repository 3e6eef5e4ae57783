/* cd-importer.h: page copy, ninjs, text and Markdown into the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-import-error.h"
#include "cd-import-report.h"
#include "cd-store.h"

G_BEGIN_DECLS

typedef enum
{
  CD_IMPORT_FORMAT_AUTO,        /* by extension: .json ninjs, .md/.markdown Markdown, else page copy */
  CD_IMPORT_FORMAT_PAGE_COPY,
  CD_IMPORT_FORMAT_NINJS,
  CD_IMPORT_FORMAT_TEXT,
  CD_IMPORT_FORMAT_MARKDOWN,
} CdImportFormat;

/* Near-duplicates differ in at most this many SimHash bits. */
#define CD_IMPORTER_DEFAULT_NEAR_DUPLICATE_DISTANCE 8

#define CD_TYPE_IMPORTER (cd_importer_get_type ())
G_DECLARE_FINAL_TYPE (CdImporter, cd_importer, CD, IMPORTER, GObject)

gboolean        cd_import_format_from_string             (const char           *name,
                                                          CdImportFormat       *format);
const char     *cd_import_format_to_string               (CdImportFormat        format);
CdImportFormat  cd_import_format_for_file                (GFile                *file,
                                                          CdImportFormat        format);

CdImporter     *cd_importer_new                          (CdStore              *store);
CdStore        *cd_importer_get_store                    (CdImporter           *self);
const char     *cd_importer_get_language                 (CdImporter           *self);
void            cd_importer_set_language                 (CdImporter           *self,
                                                          const char           *language);
CdImportFormat  cd_importer_get_format                   (CdImporter           *self);
void            cd_importer_set_format                   (CdImporter           *self,
                                                          CdImportFormat        format);
guint           cd_importer_get_near_duplicate_distance  (CdImporter           *self);
void            cd_importer_set_near_duplicate_distance  (CdImporter           *self,
                                                          guint                 distance);

CdImportReport *cd_importer_import_files                 (CdImporter           *self,
                                                          GFile * const        *files,
                                                          guint                 n_files,
                                                          GCancellable         *cancellable,
                                                          GError              **error);
void            cd_importer_import_files_async           (CdImporter           *self,
                                                          GFile * const        *files,
                                                          guint                 n_files,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
CdImportReport *cd_importer_import_files_finish          (CdImporter           *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

G_END_DECLS

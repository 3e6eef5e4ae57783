/* cd-exporter.h: articles out of the store, in the formats editors hand on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cd-article.h"

G_BEGIN_DECLS

#define CD_EXPORT_ERROR (cd_export_error_quark ())

typedef enum
{
  CD_EXPORT_ERROR_UNKNOWN_FORMAT,
} CdExportError;

typedef enum
{
  CD_EXPORT_FORMAT_NINJS,
  CD_EXPORT_FORMAT_HTML,
  CD_EXPORT_FORMAT_MARKDOWN,
  CD_EXPORT_FORMAT_TEXT,
} CdExportFormat;

#define CD_TYPE_EXPORTER (cd_exporter_get_type ())
G_DECLARE_FINAL_TYPE (CdExporter, cd_exporter, CD, EXPORTER, GObject)

GQuark       cd_export_error_quark        (void);
gboolean     cd_export_format_from_string (const char      *name,
                                           CdExportFormat  *format,
                                           GError         **error);

CdExporter  *cd_exporter_new              (CdExportFormat   format,
                                           const char      *photos_uri);
gboolean     cd_exporter_begin            (CdExporter      *self,
                                           GOutputStream   *out,
                                           GCancellable    *cancellable,
                                           GError         **error);
gboolean     cd_exporter_add              (CdExporter      *self,
                                           CdArticle       *article,
                                           GCancellable    *cancellable,
                                           GError         **error);
gboolean     cd_exporter_end              (CdExporter      *self,
                                           GCancellable    *cancellable,
                                           GError         **error);
char        *cd_exporter_export_to_string (CdExportFormat   format,
                                           const char      *photos_uri,
                                           GPtrArray       *articles,
                                           GError         **error);

G_END_DECLS

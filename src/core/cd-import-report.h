/* cd-import-report.h: what an import did, article by article
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  CD_IMPORT_ENTRY_ADDED,            /* a new article; article_id */
  CD_IMPORT_ENTRY_DUPLICATE,        /* not added: other_id already has this text */
  CD_IMPORT_ENTRY_NEAR_DUPLICATE,   /* added (article_id), flagged: resembles other_id */
  CD_IMPORT_ENTRY_WARNING,          /* something the editor must look at; see warning */
} CdImportEntryKind;

typedef enum
{
  CD_IMPORT_WARNING_NONE,
  CD_IMPORT_WARNING_PHOTO_NO_CREDIT,  /* added; a photo has no credit */
  CD_IMPORT_WARNING_EMPTY_BODY,       /* added; the article has a headline only */
  CD_IMPORT_WARNING_SKIPPED,          /* not added: nothing but page widgets */
  CD_IMPORT_WARNING_PHOTO_NO_IMAGE,   /* added; a photo's image could not be brought in */
} CdImportWarning;

typedef struct
{
  CdImportEntryKind  kind;
  CdImportWarning    warning;
  char              *file;        /* the file's parse name */
  guint              line;        /* 1-based; 0 when the format has no lines */
  char              *article_id;  /* the new article, when one was added */
  char              *other_id;    /* the article in the store it repeats or resembles */
  char              *headline;
  char              *message;     /* for people, translated */
} CdImportEntry;

#define CD_TYPE_IMPORT_ENTRY (cd_import_entry_get_type ())

GType          cd_import_entry_get_type  (void) G_GNUC_CONST;
CdImportEntry *cd_import_entry_copy      (const CdImportEntry *entry);
void           cd_import_entry_free      (CdImportEntry       *entry);
char          *cd_import_entry_format    (const CdImportEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdImportEntry, cd_import_entry_free)

#define CD_TYPE_IMPORT_REPORT (cd_import_report_get_type ())
G_DECLARE_FINAL_TYPE (CdImportReport, cd_import_report, CD, IMPORT_REPORT, GObject)

CdImportReport *cd_import_report_new             (void);
void            cd_import_report_add             (CdImportReport    *self,
                                                  CdImportEntry     *entry);
GPtrArray      *cd_import_report_get_entries     (CdImportReport    *self);
guint           cd_import_report_count           (CdImportReport    *self,
                                                  CdImportEntryKind  kind);
char          **cd_import_report_dup_added_ids   (CdImportReport    *self);
guint           cd_import_report_get_n_files     (CdImportReport    *self);
void            cd_import_report_set_n_files     (CdImportReport    *self,
                                                  guint              n_files);

G_END_DECLS

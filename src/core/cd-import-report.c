/* cd-import-report.c: what an import did, article by article
 *
 * The report lists every article read, in file order: added, skipped as
 * a duplicate, added but flagged as a near-duplicate, and the warnings an
 * editor must see. Each entry names its file and line, so the CLI prints
 * it as "file:line: message" and the window can open the place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-import-report.h"

struct _CdImportReport
{
  GObject parent_instance;

  GPtrArray *entries;   /* CdImportEntry */
  guint n_files;
};

G_DEFINE_FINAL_TYPE (CdImportReport, cd_import_report, G_TYPE_OBJECT)

CdImportEntry *
cd_import_entry_copy (const CdImportEntry *entry)
{
  CdImportEntry *copy = g_new (CdImportEntry, 1);

  *copy = *entry;
  copy->file = g_strdup (entry->file);
  copy->article_id = g_strdup (entry->article_id);
  copy->other_id = g_strdup (entry->other_id);
  copy->headline = g_strdup (entry->headline);
  copy->message = g_strdup (entry->message);
  return copy;
}

void
cd_import_entry_free (CdImportEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->file);
  g_free (entry->article_id);
  g_free (entry->other_id);
  g_free (entry->headline);
  g_free (entry->message);
  g_free (entry);
}

G_DEFINE_BOXED_TYPE (CdImportEntry, cd_import_entry, cd_import_entry_copy, cd_import_entry_free)

/* "file:line: message", the form compilers use, which editors and
 * terminals turn into links; without a line, "file: message". */
char *
cd_import_entry_format (const CdImportEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  if (entry->line > 0)
    return g_strdup_printf ("%s:%u: %s", entry->file, entry->line, entry->message);
  return g_strdup_printf ("%s: %s", entry->file, entry->message);
}

static void
cd_import_report_finalize (GObject *object)
{
  CdImportReport *self = CD_IMPORT_REPORT (object);

  g_ptr_array_unref (self->entries);

  G_OBJECT_CLASS (cd_import_report_parent_class)->finalize (object);
}

static void
cd_import_report_class_init (CdImportReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_import_report_finalize;
}

static void
cd_import_report_init (CdImportReport *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_import_entry_free);
}

CdImportReport *
cd_import_report_new (void)
{
  return g_object_new (CD_TYPE_IMPORT_REPORT, NULL);
}

/* Takes ownership of @entry. */
void
cd_import_report_add (CdImportReport *self,
                      CdImportEntry  *entry)
{
  g_return_if_fail (CD_IS_IMPORT_REPORT (self));
  g_return_if_fail (entry != NULL);

  g_ptr_array_add (self->entries, entry);
}

/* Returns: (transfer none) (element-type CdImportEntry): in file order */
GPtrArray *
cd_import_report_get_entries (CdImportReport *self)
{
  g_return_val_if_fail (CD_IS_IMPORT_REPORT (self), NULL);
  return self->entries;
}

guint
cd_import_report_count (CdImportReport    *self,
                        CdImportEntryKind  kind)
{
  guint n = 0;

  g_return_val_if_fail (CD_IS_IMPORT_REPORT (self), 0);

  for (guint i = 0; i < self->entries->len; i++)
    if (((CdImportEntry *) g_ptr_array_index (self->entries, i))->kind == kind)
      n++;
  return n;
}

/* The ids of the articles now in the store, in file order: added ones and
 * flagged near-duplicates. */
char **
cd_import_report_dup_added_ids (CdImportReport *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CD_IS_IMPORT_REPORT (self), NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      CdImportEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry->kind == CD_IMPORT_ENTRY_ADDED || entry->kind == CD_IMPORT_ENTRY_NEAR_DUPLICATE)
        g_strv_builder_add (builder, entry->article_id);
    }
  return g_strv_builder_end (builder);
}

guint
cd_import_report_get_n_files (CdImportReport *self)
{
  g_return_val_if_fail (CD_IS_IMPORT_REPORT (self), 0);
  return self->n_files;
}

void
cd_import_report_set_n_files (CdImportReport *self,
                              guint           n_files)
{
  g_return_if_fail (CD_IS_IMPORT_REPORT (self));
  self->n_files = n_files;
}

/* cd-import-error.h: the error domain of the importers
 *
 * The page copy parser, the line reader and CdImporter share one domain, so
 * that a caller (the CLI, the window) tells "the input is bad" from "the
 * store failed" by the domain alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CD_IMPORT_ERROR (cd_import_error_quark ())

typedef enum
{
  CD_IMPORT_ERROR_NOT_UTF8,     /* a byte sequence that is not UTF-8 */
  CD_IMPORT_ERROR_BINARY,       /* NUL or other control bytes: not a text file */
  CD_IMPORT_ERROR_EMPTY,        /* no text at all */
  CD_IMPORT_ERROR_BAD_NINJS,    /* not JSON, or JSON that is not ninjs */
  CD_IMPORT_ERROR_NO_FILES,     /* nothing to import */
} CdImportError;

GQuark cd_import_error_quark (void);

G_END_DECLS

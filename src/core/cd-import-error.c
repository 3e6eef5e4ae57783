/* cd-import-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-import-error.h"

G_DEFINE_QUARK (cd-import-error-quark, cd_import_error)

/* cd-credit.h: photo credits in captions, and the agency they name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean   cd_credit_split_caption (const char  *line,
                                    char       **caption,
                                    char       **credit);
char     **cd_credit_agency_keys   (const char  *credit);
char      *cd_credit_agency_key    (const char  *credit);
gboolean   cd_credit_names_agency  (const char  *credit,
                                    const char  *query);

G_END_DECLS

/* cd-trash-dialog-private.h: what tests of the Trash dialog need
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-trash-dialog.h"

G_BEGIN_DECLS

void _cd_trash_dialog_set_clock (CdTrashDialog *self,
                                 guint          tick_ms,
                                 GTimeSpan      ahead);

G_END_DECLS

/* cd-fold-bin.h: a one-child container that says when it is narrow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CD_TYPE_FOLD_BIN (cd_fold_bin_get_type ())
G_DECLARE_FINAL_TYPE (CdFoldBin, cd_fold_bin, CD, FOLD_BIN, GtkWidget)

GtkWidget *cd_fold_bin_new           (void);
GtkWidget *cd_fold_bin_get_child     (CdFoldBin *self);
void       cd_fold_bin_set_child     (CdFoldBin *self,
                                      GtkWidget *child);
int        cd_fold_bin_get_threshold (CdFoldBin *self);
void       cd_fold_bin_set_threshold (CdFoldBin *self,
                                      int        threshold);
gboolean   cd_fold_bin_get_folded    (CdFoldBin *self);

G_END_DECLS

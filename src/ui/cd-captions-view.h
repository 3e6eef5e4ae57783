/* cd-captions-view.h: every photo of the store, to find and fix captions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_CAPTIONS_VIEW (cd_captions_view_get_type ())
G_DECLARE_FINAL_TYPE (CdCaptionsView, cd_captions_view, CD, CAPTIONS_VIEW, GtkWidget)

void      cd_captions_view_set_store          (CdCaptionsView *self,
                                               CdStore        *store);
void      cd_captions_view_set_current        (CdCaptionsView *self,
                                               CdArticle      *article);
void      cd_captions_view_refresh            (CdCaptionsView *self);
void      cd_captions_view_set_filter         (CdCaptionsView *self,
                                               const char     *agency,
                                               gboolean        missing_credit_only);
guint     cd_captions_view_get_n_visible      (CdCaptionsView *self);
gboolean  cd_captions_view_get_loading        (CdCaptionsView *self);

G_END_DECLS

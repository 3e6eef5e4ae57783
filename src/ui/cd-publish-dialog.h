/* cd-publish-dialog.h: publish the open article to a site
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-publisher.h"

G_BEGIN_DECLS

#define CD_TYPE_PUBLISH_DIALOG (cd_publish_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CdPublishDialog, cd_publish_dialog, CD, PUBLISH_DIALOG, AdwWindow)

GtkWidget  *cd_publish_dialog_new             (GtkWindow       *parent,
                                               CdPublisher     *publisher,
                                               CdArticle       *article);
const char *cd_publish_dialog_get_page        (CdPublishDialog *self);
gboolean    cd_publish_dialog_get_can_publish (CdPublishDialog *self);
char       *cd_publish_dialog_dup_problems    (CdPublishDialog *self);
void        cd_publish_dialog_set_site        (CdPublishDialog *self,
                                               const char      *site);
void        cd_publish_dialog_set_status      (CdPublishDialog *self,
                                               CdWpStatus       status);
void        cd_publish_dialog_set_publish_at  (CdPublishDialog *self,
                                               GDateTime       *when);

G_END_DECLS

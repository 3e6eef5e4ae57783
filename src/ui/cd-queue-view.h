/* cd-queue-view.h: the publishes waiting for their site
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cd-queue-row.h"
#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_QUEUE_VIEW (cd_queue_view_get_type ())
G_DECLARE_FINAL_TYPE (CdQueueView, cd_queue_view, CD, QUEUE_VIEW, GtkWidget)

void        cd_queue_view_set_store   (CdQueueView *self,
                                       CdStore     *store);
void        cd_queue_view_set_jobs    (CdQueueView *self,
                                       GListModel  *jobs);
void        cd_queue_view_set_error   (CdQueueView *self,
                                       const char  *message);
gboolean    cd_queue_view_get_sending (CdQueueView *self);
void        cd_queue_view_set_sending (CdQueueView *self,
                                       gboolean     sending);
const char *cd_queue_view_get_page    (CdQueueView *self);
guint       cd_queue_view_get_n_rows  (CdQueueView *self);
CdQueueRow *cd_queue_view_get_row     (CdQueueView *self,
                                       guint        index);
void        cd_queue_view_focus       (CdQueueView *self);

G_END_DECLS

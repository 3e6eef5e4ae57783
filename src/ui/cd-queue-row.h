/* cd-queue-row.h: one publish waiting in the queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cd-publish-job.h"

G_BEGIN_DECLS

#define CD_TYPE_QUEUE_ROW (cd_queue_row_get_type ())
G_DECLARE_FINAL_TYPE (CdQueueRow, cd_queue_row, CD, QUEUE_ROW, GtkListBoxRow)

GtkWidget    *cd_queue_row_new              (CdPublishJob *job,
                                             const char   *headline);
CdPublishJob *cd_queue_row_get_job          (CdQueueRow   *self);
const char   *cd_queue_row_get_headline     (CdQueueRow   *self);
const char   *cd_queue_row_get_problem_text (CdQueueRow   *self);
const char   *cd_queue_row_get_details      (CdQueueRow   *self);
GtkTextDirection cd_queue_row_get_details_direction (CdQueueRow *self);

G_END_DECLS

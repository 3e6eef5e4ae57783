/* cd-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cd-application.h"
#include "cd-publisher.h"
#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_WINDOW (cd_window_get_type ())
G_DECLARE_FINAL_TYPE (CdWindow, cd_window, CD, WINDOW, AdwApplicationWindow)

CdWindow  *cd_window_new                (CdApplication  *application,
                                         CdStore        *store);
CdStore   *cd_window_get_store          (CdWindow       *self);
CdArticle *cd_window_get_article        (CdWindow       *self);
void       cd_window_select_article     (CdWindow       *self,
                                         const char     *id);
void       cd_window_import_files       (CdWindow       *self,
                                         GFile         **files,
                                         int             n_files);
GtkWidget *cd_window_get_import_dialog  (CdWindow       *self);
const char *cd_window_get_view_title    (CdWindow       *self);
gboolean   cd_window_get_importing     (CdWindow       *self);
gboolean   cd_window_get_busy           (CdWindow       *self);
gboolean   cd_window_get_conflict       (CdWindow       *self);
gboolean   cd_window_get_trashed_elsewhere (CdWindow    *self);
gboolean   cd_window_get_save_failed    (CdWindow       *self);
GtkWidget *cd_window_get_article_list   (CdWindow       *self);
GtkWidget *cd_window_get_editor         (CdWindow       *self);
GtkWidget *cd_window_get_photo_manager  (CdWindow       *self);
GtkWidget *cd_window_get_captions_view  (CdWindow       *self);
CdPublisher *cd_window_get_publisher    (CdWindow       *self);
GtkWidget *cd_window_get_publish_dialog (CdWindow       *self);
GtkWidget *cd_window_get_queue_view     (CdWindow       *self);
gboolean   cd_window_get_sending_queued (CdWindow       *self);
GtkWidget *cd_window_get_pull_dialog    (CdWindow       *self);
gboolean   cd_window_get_pulling        (CdWindow       *self);

G_END_DECLS

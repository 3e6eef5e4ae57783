/* cd-window-private.h: what cd-window.c and cd-window-actions.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-article-editor.h"
#include "cd-article-list.h"
#include "cd-captions-view.h"
#include "cd-photo-manager.h"
#include "cd-window.h"

G_BEGIN_DECLS

struct _CdWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkStack *main_stack;
  GtkSpinner *loading_spinner;
  AdwLeaflet *leaflet;
  GtkWidget *list_pane;
  GtkWidget *content_pane;
  GtkWidget *back_button;
  GtkWidget *publish_button;
  AdwSqueezer *switcher_squeezer;   /* the view switcher, or the view's title when too narrow */
  AdwWindowTitle *view_title;
  AdwViewSwitcherBar *switcher_bar;
  CdArticleList *article_list;
  AdwViewStack *view_stack;
  GtkStack *editor_stack;
  GtkStack *photos_stack;
  GtkWidget *editor_bin;
  GtkWidget *photo_manager_bin;
  GtkWidget *captions_bin;
  CdPhotoManager *photo_manager;    /* NULL until first shown or needed */
  CdCaptionsView *captions_view;    /* NULL until first shown */
  GtkRevealer *disk_revealer;
  GtkLabel *disk_label;
  GtkWidget *reload_button;
  GtkWidget *keep_mine_button;
  GtkWidget *restore_button;
  GtkWidget *discard_button;
  GtkWidget *copy_button;

  GSimpleAction *view_action;       /* win.show-view: its state is the view shown */
  CdArticleEditor *editor;          /* NULL until first needed */
  CdStore *store;
  GSettings *settings;
  GCancellable *cancellable;        /* cancelled when the window goes away */
  GCancellable *load_cancellable;   /* the article being loaded */
  CdArticle *article;               /* the article in the editor */
  CdArticle *base;                  /* its last version on disk known here: merge base */
  GFileMonitor *monitor;            /* its file on disk */
  GFileMonitor *settings_monitor;   /* store.json */
  char **last_trashed;              /* for the undo toast */
  GtkWidget *trash_dialog;          /* the Trash dialog while it is open */
  guint autosave_source;
  guint tags_source;                /* refresh of the editor's tag completion */
  guint n_refreshing;               /* list entries being re-read from their file */
  guint dirty : 1;                  /* changed since the last save began */
  guint switcher_bar_placed : 1;    /* the bar was shown or hidden once */
  guint saving : 1;
  guint save_again : 1;             /* changed during a save */
  guint conflict : 1;               /* disk and editor disagree: wait for the user */
  guint trashed_elsewhere : 1;      /* another program trashed it; wait for the user */
  guint save_failed : 1;            /* the last save failed: banner shown */
  guint closing : 1;
  guint store_open : 1;
  guint importing : 1;              /* accepted articles are being written */
  guint untouched_new : 1;          /* the article is new (Ctrl+N) and nothing was typed in it */
};

void     _cd_window_class_actions_init (GtkWidgetClass *widget_class);
void     _cd_window_actions_init       (CdWindow       *self);
const char *_cd_window_get_view        (CdWindow       *self);
void     _cd_window_set_view           (CdWindow       *self,
                                        const char     *view);
void     _cd_window_class_import_init  (GtkWidgetClass *widget_class);
void     _cd_window_import_init        (CdWindow       *self);
void     _cd_window_class_publish_init (GtkWidgetClass *widget_class);
void     _cd_window_publish_init       (CdWindow       *self);
void     _cd_window_publish_store_opened (CdWindow     *self);
void     _cd_window_update_publish_actions (CdWindow   *self);
void     _cd_window_refresh_queue      (CdWindow       *self);
void     _cd_window_focus_queue        (CdWindow       *self);
void     _cd_window_class_pull_init    (GtkWidgetClass *widget_class);
void     _cd_window_pull_init          (CdWindow       *self);
void     _cd_window_update_pull_actions (CdWindow      *self);
void     _cd_window_update_actions     (CdWindow       *self);
void     _cd_window_show_error         (CdWindow       *self,
                                        const char     *what,
                                        const GError   *error);
void     _cd_window_toast              (CdWindow       *self,
                                        const char     *text);
void     _cd_window_set_article        (CdWindow       *self,
                                        CdArticle      *article);
void     _cd_window_save_now           (CdWindow       *self);
gboolean _cd_window_flush              (CdWindow       *self,
                                        GError        **error);
void     _cd_window_reload             (CdWindow       *self);
void     _cd_window_take_disk_version  (CdWindow       *self);
void     _cd_window_keep_mine          (CdWindow       *self);
void     _cd_window_take_theirs        (CdWindow       *self);
void     _cd_window_restore_mine       (CdWindow       *self);
void     _cd_window_discard_trashed    (CdWindow       *self);
void     _cd_window_copy_text          (CdWindow       *self);
void     _cd_window_update_content     (CdWindow       *self);
CdArticleEditor *_cd_window_ensure_editor (CdWindow   *self);
CdPhotoManager  *_cd_window_ensure_photo_manager (CdWindow *self);
CdCaptionsView  *_cd_window_ensure_captions_view (CdWindow *self);
void     _cd_window_ensure_queue_view  (CdWindow       *self);

G_END_DECLS

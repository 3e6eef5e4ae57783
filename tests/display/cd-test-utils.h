/* cd-test-utils.h: shared helpers of the display tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cd-application.h"
#include "cd-window.h"
#include "tmp-dir.h"

G_BEGIN_DECLS

void     cd_test_init                    (int        *argc,
                                          char     ***argv);
void     cd_test_wait_until              (gboolean  (*predicate) (gpointer data),
                                          gpointer    data,
                                          guint       timeout_ms);
void     cd_test_iterate                 (guint       ms);
void     cd_test_assert_accessible_names (GtkWidget  *root);
GtkWidget *cd_test_find_widget           (GtkWidget  *root,
                                          GType       type);
void     cd_test_type_text               (GtkWidget  *editable,
                                          const char *text);
gboolean cd_test_can_press_keys          (void);
void     cd_test_press_keys              (GtkWidget  *window,
                                          const char *first_key,
                                          ...) G_GNUC_NULL_TERMINATED;
void     cd_test_type_keys               (GtkWidget  *window,
                                          const char *text);

/* The fixture most display tests share: a store in a temporary folder
 * and a CdWindow on it.  A test that needs more fields embeds this
 * struct as the first member of its own. */
typedef struct
{
  char *dir;              /* the store folder, removed on tear-down */
  CdStore *store;
  CdApplication *app;     /* NULL unless cd_test_fixture_add_application() */
  CdWindow *window;
} CdTestFixture;

/* Predicates for cd_test_wait_until(); @window is a CdWindow. */
gboolean cd_test_window_idle             (gpointer    window);
gboolean cd_test_import_dialog_shown     (gpointer    window);
gboolean cd_test_has_article             (gpointer    window);

/* Creates and registers a CdApplication (it sets the accelerators) for
 * the window that cd_test_fixture_set_up() opens next. */
void     cd_test_fixture_add_application (CdTestFixture *f);
/* Opens a window of @width x @height on the store in f->dir and waits
 * until it is idle. */
void     cd_test_fixture_open_window     (CdTestFixture *f,
                                          int            width,
                                          int            height);
/* A new empty store folder, then cd_test_fixture_open_window(). */
void     cd_test_fixture_set_up          (CdTestFixture *f,
                                          int            width,
                                          int            height);
/* Closes the window and removes the store folder. */
void     cd_test_fixture_tear_down       (CdTestFixture *f);

/* Imports the bundled samples through the import dialog and waits until
 * an article is open; returns how many articles the dialog called new. */
guint    cd_test_import_samples          (CdTestFixture *f);
/* Selects the first article whose headline starts with @prefix and
 * waits until the window shows it (not until it is idle); returns the
 * article's id, owned by the window. */
const char *cd_test_select_headline      (CdTestFixture *f,
                                          const char    *prefix);
/* cd_test_select_headline(), then waits until the window is idle;
 * returns a copy of the id. */
char    *cd_test_open_headline           (CdTestFixture *f,
                                          const char    *prefix);
/* Selects the article @id and waits until the window shows an article
 * and is idle. */
void     cd_test_show_article            (CdTestFixture *f,
                                          const char    *id);
/* What pressing @accel does: the action the application (f->app) binds
 * to it, activated as GTK does on the key press; then 100 ms of the
 * main loop. */
void     cd_test_press_accel             (CdTestFixture *f,
                                          const char    *accel);
/* The article @id as a second store on f->dir reads it from disk. */
CdArticle *cd_test_article_on_disk       (CdTestFixture *f,
                                          const char    *id);
/* Runs copydesk-cli ($COPYDESK_CLI) on the store with @args (NULL
 * terminated); fails the test when it fails. */
void     cd_test_run_cli                 (CdTestFixture *f,
                                          const char   **args);

G_END_DECLS

/* cd-test-utils.h: shared helpers of the display tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

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
char    *cd_test_make_store_dir          (void);
void     cd_test_remove_dir              (const char *path);
void     cd_test_type_text               (GtkWidget  *editable,
                                          const char *text);
gboolean cd_test_can_press_keys          (void);
void     cd_test_press_keys              (GtkWidget  *window,
                                          const char *first_key,
                                          ...) G_GNUC_NULL_TERMINATED;
void     cd_test_type_keys               (GtkWidget  *window,
                                          const char *text);

G_END_DECLS

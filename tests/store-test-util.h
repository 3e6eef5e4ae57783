/* store-test-util.h: helpers shared by the store's tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cd-article.h"
#include "cd-store.h"
#include "tmp-dir.h"

G_BEGIN_DECLS

CdArticle *store_test_full_article  (void);
GPtrArray *store_test_list_names    (const char *dir);
GBytes    *store_test_read_bytes    (const char *path);
void       store_test_write_bytes   (const char *path,
                                     const char *data,
                                     gssize      length);
void       store_test_set_mtime     (const char *path,
                                     gint64      seconds_ago);
guint      store_test_count_files   (const char *dir);
char      *store_test_content       (guint       index,
                                     guint64     revision,
                                     gboolean    body);
char      *store_test_import_body   (const char *headline);

G_END_DECLS

/* cd-ui-utils.h: pure helpers of the window, testable without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cd-article.h"
#include "cd-publish-job.h"

G_BEGIN_DECLS

typedef struct
{
  const char *code;
  const char *name;   /* untranslated; pass through _() to show */
} CdLanguage;

/* What an import under review would do, for cd_ui_describe_import(). */
typedef struct
{
  guint n_new;        /* articles to be added, near-duplicates among them */
  guint n_in_store;   /* left out: their text is in the store */
  guint n_repeated;   /* left out: their text came earlier in this import */
  guint n_near;       /* to be added and marked as possible duplicates */
  guint n_errors;     /* files or pastes that could not be read */
} CdImportCounts;

char              *cd_ui_format_relative_time   (GDateTime            *when,
                                                 GDateTime            *now);
guint              cd_ui_count_words            (const char           *text);
guint              cd_ui_reading_minutes        (guint                 n_words);
char              *cd_ui_format_word_count      (guint                 n_words);
char              *cd_ui_format_headline_count  (const char           *headline,
                                                 guint                 limit,
                                                 gboolean             *over);
const char        *cd_ui_status_label           (CdArticleStatus       status);
char              *cd_ui_describe_warnings      (CdArticleWarnings     warnings);
char              *cd_ui_describe_import        (const CdImportCounts *counts,
                                                 char                **details);
const char        *cd_ui_publish_problem_text   (CdPublishProblem      problem);
const char        *cd_ui_list_separator         (void);
char             **cd_ui_split_tags             (const char           *text);
char              *cd_ui_join_tags              (const char * const   *tags);
char              *cd_ui_join_names             (const char * const   *names);
char              *cd_ui_join_isolated          (const char * const   *parts,
                                                 const char           *separator);
const CdLanguage  *cd_ui_get_languages          (guint                *n_languages);
int                cd_ui_find_language          (const char           *code);
gboolean           cd_ui_text_is_rtl            (const char           *text);
char              *cd_ui_fold_text              (const char           *text);
gboolean           cd_ui_text_matches           (const char           *haystack,
                                                 const char           *needle);
GtkFilterChange    cd_ui_search_change          (const char           *old_fold,
                                                 const char           *new_fold,
                                                 gboolean              had_other_matches);

void               cd_ui_load_thumbnail_async   (GFile                *file,
                                                 int                   size,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GdkPaintable      *cd_ui_load_thumbnail_finish  (GAsyncResult         *result,
                                                 GError              **error);

void               cd_ui_set_text_direction     (GtkWidget            *widget,
                                                 gboolean              rtl);
void               cd_ui_set_menu_on_open       (GtkMenuButton        *button,
                                                 GMenuModel           *menu);
void               cd_ui_grid_place             (GtkWidget            *child,
                                                 int                   column,
                                                 int                   row,
                                                 int                   column_span);

G_END_DECLS

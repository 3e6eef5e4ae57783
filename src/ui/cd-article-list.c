/* cd-article-list.c: the searchable, filterable list of articles
 *
 * The store's GListModel goes through a sort model, a CdSearchModel and a
 * multi-selection into the view. Search matches headline and standfirst
 * at once on every keystroke, within a frame even for 100,000 articles
 * (see cd-search-model.c; its search keys are made in idle time as soon
 * as the search bar opens). Bodies are searched in a worker thread that
 * reads the article files, and their matches are added when it finishes,
 * so typing never waits for the disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "cd-article-file.h"
#include "cd-article-list.h"
#include "cd-article-row.h"
#include "cd-fold-bin.h"
#include "cd-search-model.h"
#include "cd-ui-utils.h"

#define BODY_SEARCH_DELAY_MS 150
#define MAX_KEPT_ROWS 80     /* a screenful of the grid view, 33, twice, and some */
#define KEYS_CHUNK_USEC 8000   /* search keys made per idle run, in time */

struct _CdArticleList
{
  GtkWidget parent_instance;

  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  CdFoldBin *filter_fold;
  GtkDropDown *status_filter;
  GtkStringList *status_filter_list;
  GtkDropDown *section_filter;
  GtkStringList *section_list;
  GtkDropDown *sort_dropdown;
  GtkStringList *sort_list;
  GtkStack *list_stack;
  GtkGridView *article_view;
  GtkRevealer *selection_revealer;
  GtkLabel *selection_label;
  GtkMenuButton *status_menu_button;
  GMenuModel *status_menu;

  CdStore *store;
  GtkSortListModel *sort_model;
  CdSearchModel *search_model;
  GtkMultiSelection *selection;
  GtkCustomSorter *sorter;
  char *search_text;
  GCancellable *search_cancellable;
  guint body_search_source;
  guint keys_source;              /* making search keys ahead: in idle time */
  GdkFrameClock *keys_clock;      /* and after each frame */
  gulong keys_paint_handler;
  guint sections_source;
  guint time_source;
  guint reselect_source;
  GPtrArray *bound_rows;          /* rows on screen, for the minute tick */
  GPtrArray *rows;                /* rows made, to keep them past their list item */
  GPtrArray *spare_rows;          /* those of them no list item holds */
  char *selected_id;              /* the article open or opening; NULL: none */
  char *activate_id;              /* clicked row, opened once it is selected */
  guint activate_source;
  CdSortKey sort_key;
  guint activate_on_single_click : 1;
};

G_DEFINE_FINAL_TYPE (CdArticleList, cd_article_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SORT_KEY,
  PROP_ACTIVATE_ON_SINGLE_CLICK,
  N_PROPS
};

enum {
  ARTICLE_SELECTED,
  ARTICLE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  char *query;
  char *articles_dir;
} BodySearch;

static void
body_search_free (gpointer data)
{
  BodySearch *search = data;

  g_free (search->query);
  g_free (search->articles_dir);
  g_free (search);
}

/* Auxiliary methods */

/* Makes the search keys of the whole store a few milliseconds at a time
 * while the user has not typed yet, so the first keystroke finds them:
 * in idle time, and after each frame, as frames may leave no idle time
 * while the search bar opens. */
static void
stop_making_search_keys (CdArticleList *self)
{
  g_clear_handle_id (&self->keys_source, g_source_remove);
  if (self->keys_clock)
    g_clear_signal_handler (&self->keys_paint_handler, self->keys_clock);
  g_clear_object (&self->keys_clock);
}

static gboolean
make_search_keys_cb (gpointer user_data)
{
  CdArticleList *self = user_data;

  if (!cd_search_model_prepare (self->search_model, g_get_monotonic_time () + KEYS_CHUNK_USEC))
    return G_SOURCE_CONTINUE;
  self->keys_source = 0;
  stop_making_search_keys (self);
  return G_SOURCE_REMOVE;
}

static void
on_keys_after_paint_cb (GdkFrameClock *clock,
                        CdArticleList *self)
{
  if (cd_search_model_prepare (self->search_model, g_get_monotonic_time () + KEYS_CHUNK_USEC))
    stop_making_search_keys (self);
}

static void
make_search_keys_ahead (CdArticleList *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->keys_source != 0)
    return;
  self->keys_source = g_idle_add (make_search_keys_cb, self);
  if (clock)
    {
      self->keys_clock = g_object_ref (clock);
      self->keys_paint_handler = g_signal_connect (clock, "after-paint",
                                                   G_CALLBACK (on_keys_after_paint_cb), self);
    }
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  CdArticleList *self = user_data;
  CdArticleSummary *sa = (CdArticleSummary *) a;
  CdArticleSummary *sb = (CdArticleSummary *) b;
  int result = 0;

  switch (self->sort_key)
    {
    case CD_SORT_CREATED:
      result = cd_article_summary_compare_created (sa, sb);
      break;
    case CD_SORT_HEADLINE:
      result = g_utf8_collate (cd_article_summary_get_headline (sa),
                               cd_article_summary_get_headline (sb));
      break;
    case CD_SORT_MODIFIED:
    default:
      /* Only sorted here when the store's own order is not used. */
      result = cd_article_summary_compare (sa, sb);
      break;
    }
  /* A stable order for equal keys keeps rows from jumping around. */
  if (result == 0)
    result = g_strcmp0 (cd_article_summary_get_id (sa), cd_article_summary_get_id (sb));
  return result;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static void
update_stack (CdArticleList *self)
{
  gboolean empty, store_empty;

  if (self->search_model == NULL)
    return;   /* still in init */
  empty = g_list_model_get_n_items (G_LIST_MODEL (self->search_model)) == 0;
  store_empty = self->store == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0;

  gtk_stack_set_visible_child_name (self->list_stack, empty && !store_empty ? "no-results" : "list");
}

/* Collects the distinct sections, sorted, for the section filter; the
 * drop-down keeps its choice when the set did not change. */
static void
update_sections (CdArticleList *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) sections = g_ptr_array_new ();
  guint n = self->store ? g_list_model_get_n_items (G_LIST_MODEL (self->store)) : 0;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->section_list));
  guint selected = gtk_drop_down_get_selected (self->section_filter);
  g_autofree char *current = NULL;
  gboolean same;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    current = g_strdup (gtk_string_list_get_string (self->section_list, selected));

  /* The strings are the summaries'; the store holds them while this runs. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdArticleSummary) s = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      const char *section = cd_article_summary_get_section (s);

      if (*section && g_hash_table_add (seen, (gpointer) section))
        g_ptr_array_add (sections, (gpointer) section);
    }
  g_ptr_array_sort (sections, compare_strings);

  same = n_old == sections->len + 1;
  for (guint i = 0; same && i < sections->len; i++)
    same = g_str_equal (gtk_string_list_get_string (self->section_list, i + 1),
                        g_ptr_array_index (sections, i));
  if (same)
    return;

  g_ptr_array_add (sections, NULL);
  gtk_string_list_splice (self->section_list, 1, n_old - 1, (const char * const *) sections->pdata);
  gtk_drop_down_set_selected (self->section_filter, 0);
  for (guint i = 0; current && i < sections->len - 1; i++)
    if (g_str_equal (current, g_ptr_array_index (sections, i)))
      gtk_drop_down_set_selected (self->section_filter, i + 1);
}

static gboolean
update_sections_cb (gpointer user_data)
{
  CdArticleList *self = user_data;

  self->sections_source = 0;
  update_sections (self);
  return G_SOURCE_REMOVE;
}

/* Sections come from the whole store: gathered once after a burst of
 * changes (an import adds thousands), never on a keystroke. */
static void
queue_update_sections (CdArticleList *self)
{
  if (self->sections_source == 0)
    self->sections_source = g_idle_add_full (G_PRIORITY_LOW, update_sections_cb, self, NULL);
}

static void
update_selection_bar (CdArticleList *self,
                      guint          n_selected)
{
  g_autofree char *text = NULL;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected", "%u selected",
                                       n_selected), n_selected);
  gtk_label_set_label (self->selection_label, text);
  gtk_revealer_set_reveal_child (self->selection_revealer, n_selected > 1);
  /* Disabled, its Escape binding lets the key go on to others. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.clear-selection", n_selected > 1);
}

static void
update_body_match (CdArticleList *self,
                   CdArticleRow  *row)
{
  CdArticleSummary *summary = cd_article_row_get_summary (row);

  cd_article_row_set_body_match (row, summary != NULL &&
                                      cd_search_model_is_body_match (self->search_model, summary));
}

/* A row on screen may stay there while the search around it changes:
 * the body matches arrive, or the query is cleared. */
static void
update_body_matches (CdArticleList *self)
{
  for (guint i = 0; i < self->bound_rows->len; i++)
    update_body_match (self, g_ptr_array_index (self->bound_rows, i));
}

/* Lists the article files itself: collecting 100,000 ids and paths from
 * the store would take the main thread tens of milliseconds. An article
 * file the list does not show (quarantined since) matches nothing shown. */
static void
on_body_search_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  BodySearch *search = task_data;
  g_autoptr(GHashTable) matches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) dir = g_dir_open (search->articles_dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) && !g_cancellable_is_cancelled (cancellable))
    {
      g_autofree char *path = NULL;
      g_autofree char *data = NULL;
      g_autoptr(CdArticle) article = NULL;
      gsize length;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (search->articles_dir, name, NULL);
      /* A file that does not load is the store's problem to report; the
       * search just does not find it. */
      if (!g_file_get_contents (path, &data, &length, NULL))
        continue;
      article = cd_article_file_parse (data, length, NULL);
      if (article && cd_ui_text_matches (cd_article_get_body (article), search->query))
        g_hash_table_add (matches, g_strdup (cd_article_get_id (article)));
    }

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_steal_pointer (&matches), (GDestroyNotify) g_hash_table_unref);
}

static void restore_selection (CdArticleList *self);

static void
on_body_search_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  CdArticleList *self = CD_ARTICLE_LIST (object);
  g_autoptr(GHashTable) matches = NULL;
  g_autoptr(GError) error = NULL;

  matches = g_task_propagate_pointer (G_TASK (result), &error);
  if (matches == NULL)
    return;   /* cancelled by a newer keystroke, or the widget went away */
  g_clear_object (&self->search_cancellable);
  cd_search_model_add_matches (self->search_model, matches);
  restore_selection (self);
  update_stack (self);
  update_body_matches (self);
}

static gboolean
start_body_search (gpointer user_data)
{
  CdArticleList *self = user_data;
  g_autoptr(GTask) task = NULL;
  BodySearch *search;

  self->body_search_source = 0;
  if (self->store == NULL || self->search_text == NULL || *self->search_text == '\0')
    return G_SOURCE_REMOVE;

  search = g_new0 (BodySearch, 1);
  search->query = g_strdup (self->search_text);
  search->articles_dir = g_build_filename (cd_store_get_path (self->store), "articles", NULL);

  self->search_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->search_cancellable, on_body_search_done_cb, NULL);
  g_task_set_source_tag (task, start_body_search);
  g_task_set_task_data (task, search, body_search_free);
  g_task_run_in_thread (task, on_body_search_thread);
  return G_SOURCE_REMOVE;
}

static void
cancel_body_search (CdArticleList *self)
{
  g_clear_handle_id (&self->body_search_source, g_source_remove);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
}

static CdArticleSummary *
get_selected_summary (CdArticleList *self,
                      guint         *n_selected)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  *n_selected = gtk_bitset_get_size (selected);
  if (*n_selected != 1)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->selection), gtk_bitset_get_nth (selected, 0));
}

/* Where the list shows the article @id; G_MAXUINT when it does not. */
static guint
find_shown (CdArticleList *self,
            const char    *id)
{
  if (self->store == NULL || id == NULL)
    return G_MAXUINT;
  return cd_search_model_find (self->search_model, cd_store_find (self->store, id));
}

/* The search model may drop the selection of a row it still shows (see
 * cd-search-model.c); put it back before anything is drawn. */
static void
restore_selection (CdArticleList *self)
{
  guint n_selected;
  g_autoptr(CdArticleSummary) summary = get_selected_summary (self, &n_selected);

  if (n_selected == 0 && self->selected_id)
    cd_article_list_select_id (self, self->selected_id);
}

/* Callbacks */

static void
on_search_changed_cb (CdArticleList  *self,
                      GtkEditable    *entry)
{
  const char *text = gtk_editable_get_text (entry);
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (g_strcmp0 (stripped, self->search_text ? self->search_text : "") == 0)
    return;
  g_free (self->search_text);
  self->search_text = g_steal_pointer (&stripped);

  cancel_body_search (self);
  cd_search_model_set_query (self->search_model, self->search_text);
  restore_selection (self);
  update_stack (self);
  update_body_matches (self);
  if (*self->search_text)
    self->body_search_source = g_timeout_add (BODY_SEARCH_DELAY_MS, start_body_search, self);
}

static void
on_search_mode_cb (CdArticleList *self)
{

  if (gtk_search_bar_get_search_mode (self->search_bar))
    make_search_keys_ahead (self);
}

static void
on_stop_search_cb (CdArticleList *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->article_view));
}

static void
on_search_activate_cb (CdArticleList *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->article_view));
}

static void
on_filter_changed_cb (CdArticleList *self)
{
  guint status = gtk_drop_down_get_selected (self->status_filter);
  guint section = gtk_drop_down_get_selected (self->section_filter);

  if (self->search_model == NULL)
    return;   /* still in init */
  cd_search_model_set_status (self->search_model,
                              status == GTK_INVALID_LIST_POSITION || status == 0 ? -1 : (int) status - 1);
  cd_search_model_set_section (self->search_model,
                               section != GTK_INVALID_LIST_POSITION && section > 0
                               ? gtk_string_list_get_string (self->section_list, section) : NULL);
  update_stack (self);
}

/* At 360 pixels three filters side by side read "All stat…": when they
 * do not fit whole, status and section share the first row and the sort
 * order has the second. */
static void
update_filter_layout (CdArticleList *self)
{
  gboolean folded = cd_fold_bin_get_folded (self->filter_fold);

  cd_ui_grid_place (GTK_WIDGET (self->sort_dropdown), folded ? 0 : 2, folded ? 1 : 0,
                    folded ? 2 : 1);
}

static void
on_sort_changed_cb (CdArticleList *self)
{
  guint pos = gtk_drop_down_get_selected (self->sort_dropdown);

  if (pos <= CD_SORT_HEADLINE)
    cd_article_list_set_sort_key (self, (CdSortKey) pos);
}

static void
on_selection_changed_cb (CdArticleList *self)
{
  g_autoptr(CdArticleSummary) summary = NULL;
  guint n_selected;

  summary = get_selected_summary (self, &n_selected);
  update_selection_bar (self, n_selected);
  if (summary == NULL)
    return;
  if (g_strcmp0 (self->selected_id, cd_article_summary_get_id (summary)) == 0)
    return;
  g_free (self->selected_id);
  self->selected_id = g_strdup (cd_article_summary_get_id (summary));
  g_signal_emit (self, signals[ARTICLE_SELECTED], 0, self->selected_id);
}

static void
on_list_activate_cb (CdArticleList *self,
                     guint          position)
{
  g_autoptr(CdArticleSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                               position);

  if (summary)
    g_signal_emit (self, signals[ARTICLE_ACTIVATED], 0, cd_article_summary_get_id (summary));
}

static gboolean
reselect_cb (gpointer user_data)
{
  CdArticleList *self = user_data;
  guint n_selected;
  g_autoptr(CdArticleSummary) summary = get_selected_summary (self, &n_selected);

  self->reselect_source = 0;
  if (n_selected == 0 && self->selected_id)
    cd_article_list_select_id (self, self->selected_id);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (CdArticleList *self)
{
  queue_update_sections (self);
}

static void
on_shown_items_changed_cb (CdArticleList *self)
{
  guint n_selected;
  g_autoptr(CdArticleSummary) summary = get_selected_summary (self, &n_selected);

  update_stack (self);
  /* A row may stay while its headline changes to match, or not. */
  update_body_matches (self);
  /* An article updated by a save may come back as a new item; keep the
   * row the editor shows selected, once the list view has caught up. */
  if (n_selected == 0 && self->selected_id && self->reselect_source == 0)
    self->reselect_source = g_idle_add (reselect_cb, self);
}

/* GTK 4.8's views make a new list item for every article that scrolls or
 * is searched into view and destroy the one that left, row and all. The
 * list keeps a reference to the rows it makes, so a row survives its list
 * item and is used again: a keystroke that changes the whole screen then
 * costs no new rows. */
static void
on_row_parent_cb (GtkWidget     *row,
                  GParamSpec    *pspec,
                  CdArticleList *self)
{
  if (gtk_widget_get_parent (row) == NULL && self->spare_rows)
    g_ptr_array_add (self->spare_rows, row);
}

static gboolean
activate_clicked_cb (gpointer user_data)
{
  CdArticleList *self = user_data;
  g_autofree char *id = g_steal_pointer (&self->activate_id);

  self->activate_source = 0;
  g_signal_emit (self, signals[ARTICLE_ACTIVATED], 0, id);
  return G_SOURCE_REMOVE;
}

/* When the list is all the window shows (folded), one click or tap on a
 * row opens its article, as elsewhere in GNOME; a click with Ctrl or
 * Shift only changes the selection. This gesture sees the release before
 * the list item's own gesture selects the row, so the article is opened
 * from an idle, once it is the selected one. */
static void
on_row_released_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    CdArticleList   *self)
{
  GtkEventController *controller = GTK_EVENT_CONTROLLER (gesture);
  GtkWidget *row = gtk_event_controller_get_widget (controller);
  CdArticleSummary *summary = cd_article_row_get_summary (CD_ARTICLE_ROW (row));
  GdkModifierType state = gtk_event_controller_get_current_event_state (controller);

  if (!self->activate_on_single_click || n_press != 1 || summary == NULL ||
      (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0)
    return;
  g_free (self->activate_id);
  self->activate_id = g_strdup (cd_article_summary_get_id (summary));
  if (self->activate_source == 0)
    self->activate_source = g_idle_add (activate_clicked_cb, self);
}

static GtkWidget *
make_row (CdArticleList *self)
{
  GtkWidget *row = cd_article_row_new ();
  GtkGesture *gesture = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (gesture, "released", G_CALLBACK (on_row_released_cb), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (gesture));
  return row;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CdArticleList            *self)
{
  GtkWidget *row;

  if (self->spare_rows->len > 0)
    {
      row = g_ptr_array_steal_index_fast (self->spare_rows, self->spare_rows->len - 1);
      gtk_list_item_set_child (item, row);
      return;
    }
  row = make_row (self);
  gtk_list_item_set_child (item, row);
  if (self->rows->len < MAX_KEPT_ROWS)
    {
      g_ptr_array_add (self->rows, g_object_ref (row));
      g_signal_connect_object (row, "notify::parent", G_CALLBACK (on_row_parent_cb), self, 0);
    }
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CdArticleList            *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  cd_article_row_set_summary (CD_ARTICLE_ROW (row), gtk_list_item_get_item (item));
  update_body_match (self, CD_ARTICLE_ROW (row));
  g_ptr_array_add (self->bound_rows, row);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CdArticleList            *self)
{
  GtkWidget *row = gtk_list_item_get_child (item);

  g_ptr_array_remove_fast (self->bound_rows, row);
  cd_article_row_set_summary (CD_ARTICLE_ROW (row), NULL);
}

/* "5 minutes ago" has to become "6 minutes ago" without any event. */
static gboolean
on_minute_tick_cb (gpointer user_data)
{
  CdArticleList *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  for (guint i = 0; i < self->bound_rows->len; i++)
    cd_article_row_update_time (g_ptr_array_index (self->bound_rows, i), now);
  return G_SOURCE_CONTINUE;
}

static void
trash_shortcut_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  gtk_widget_activate_action (widget, "win.trash", NULL);
}

/* Escape and the selection bar's Clear button: from several rows back
 * to the open article's alone (or none), and the keyboard stays in the
 * list as the bar goes away. */
static void
clear_selection_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CdArticleList *self = CD_ARTICLE_LIST (widget);
  guint position = find_shown (self, self->selected_id);

  if (position == G_MAXUINT)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  else
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->article_view));
}

/* GObject overrides */

static void
cd_article_list_dispose (GObject *object)
{
  CdArticleList *self = CD_ARTICLE_LIST (object);
  GtkWidget *child;

  cancel_body_search (self);
  stop_making_search_keys (self);
  g_clear_handle_id (&self->sections_source, g_source_remove);
  g_clear_handle_id (&self->time_source, g_source_remove);
  g_clear_handle_id (&self->reselect_source, g_source_remove);
  g_clear_handle_id (&self->activate_source, g_source_remove);
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->article_view)
    gtk_grid_view_set_model (self->article_view, NULL);
  if (self->selection)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_ARTICLE_LIST);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->spare_rows, g_ptr_array_unref);
  for (guint i = 0; self->rows && i < self->rows->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->rows, i), self);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (cd_article_list_parent_class)->dispose (object);
}

static void
cd_article_list_finalize (GObject *object)
{
  CdArticleList *self = CD_ARTICLE_LIST (object);

  g_clear_object (&self->search_model);
  g_clear_object (&self->sorter);
  g_clear_pointer (&self->bound_rows, g_ptr_array_unref);
  g_free (self->search_text);
  g_free (self->selected_id);
  g_free (self->activate_id);

  G_OBJECT_CLASS (cd_article_list_parent_class)->finalize (object);
}

static void
cd_article_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CdArticleList *self = CD_ARTICLE_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SORT_KEY:
      g_value_set_int (value, self->sort_key);
      break;
    case PROP_ACTIVATE_ON_SINGLE_CLICK:
      g_value_set_boolean (value, self->activate_on_single_click);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_article_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CdArticleList *self = CD_ARTICLE_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      cd_article_list_set_store (self, g_value_get_object (value));
      break;
    case PROP_SORT_KEY:
      cd_article_list_set_sort_key (self, g_value_get_int (value));
      break;
    case PROP_ACTIVATE_ON_SINGLE_CLICK:
      cd_article_list_set_activate_on_single_click (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_article_list_class_init (CdArticleListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_article_list_dispose;
  object_class->finalize = cd_article_list_finalize;
  object_class->get_property = cd_article_list_get_property;
  object_class->set_property = cd_article_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT_KEY] =
    g_param_spec_int ("sort-key", NULL, NULL, CD_SORT_MODIFIED, CD_SORT_HEADLINE,
                      CD_SORT_MODIFIED,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVATE_ON_SINGLE_CLICK] =
    g_param_spec_boolean ("activate-on-single-click", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ARTICLE_SELECTED] =
    g_signal_new ("article-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ARTICLE_ACTIVATED] =
    g_signal_new ("article-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (CD_TYPE_FOLD_BIN);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/copydesk/Copydesk/cd-article-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CdArticleList, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CdArticleList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CdArticleList, filter_fold);
  gtk_widget_class_bind_template_child (widget_class, CdArticleList, status_filter);
  gtk_widget_class_bind_template_child (widget_class, CdArticleList, status_filter_list);
  gtk_widget_class_bind_template_child (widget_class, CdArticleList, section_filter);
  gtk_widget_class_bind_template_child (widget_class, CdArticleList, section_list);
  gtk_widget_class_bind_template_child (widget_class, CdArticleList, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CdArticleList, sort_list);
  gtk_widget_class_bind_template_child (widget_class, CdArticleList, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CdArticleList, article_view);
  gtk_widget_class_bind_template_child (widget_class, CdArticleList, selection_revealer);
  gtk_widget_class_bind_template_child (widget_class, CdArticleList, selection_label);
  gtk_widget_class_bind_template_child (widget_class, CdArticleList, status_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CdArticleList, status_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_filter_layout);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);

  gtk_widget_class_install_action (widget_class, "list.trash", NULL, trash_shortcut_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "list.trash", NULL);
  gtk_widget_class_install_action (widget_class, "list.clear-selection", NULL, clear_selection_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "list.clear-selection",
                                       NULL);
}

static void
cd_article_list_init (CdArticleList *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  const char *sort_names[] = { _("Last changed"), _("Newest"), _("Headline"), NULL };

  gtk_widget_init_template (GTK_WIDGET (self));
  cd_ui_set_menu_on_open (self->status_menu_button, self->status_menu);

  self->bound_rows = g_ptr_array_new ();
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->spare_rows = g_ptr_array_new ();

  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);

  gtk_string_list_append (self->status_filter_list, _("All statuses"));
  for (CdArticleStatus s = CD_ARTICLE_STATUS_DRAFT; s <= CD_ARTICLE_STATUS_WITHDRAWN; s++)
    gtk_string_list_append (self->status_filter_list, cd_ui_status_label (s));
  gtk_string_list_append (self->section_list, _("All sections"));
  gtk_string_list_splice (self->sort_list, 0, 0, sort_names);

  self->sort_model = gtk_sort_list_model_new (NULL, NULL);
  self->search_model = cd_search_model_new (G_LIST_MODEL (self->sort_model));
  g_object_unref (self->sort_model);   /* the search model holds it */
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->search_model)));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed",
                           G_CALLBACK (on_shown_items_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_grid_view_set_factory (self->article_view, factory);
  gtk_grid_view_set_model (self->article_view, GTK_SELECTION_MODEL (self->selection));

  self->time_source = g_timeout_add_seconds (60, on_minute_tick_cb, self);
  update_selection_bar (self, 0);
}

/* Public API */

GtkWidget *
cd_article_list_new (void)
{
  return g_object_new (CD_TYPE_ARTICLE_LIST, NULL);
}

CdStore *
cd_article_list_get_store (CdArticleList *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_LIST (self), NULL);
  return self->store;
}

void
cd_article_list_set_store (CdArticleList *self,
                           CdStore       *store)
{
  g_return_if_fail (CD_IS_ARTICLE_LIST (self));
  g_return_if_fail (!store || CD_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store)
    g_signal_handlers_disconnect_by_data (self->store, self);
  stop_making_search_keys (self);
  g_set_object (&self->store, store);
  if (store)
    g_signal_connect_object (store, "items-changed", G_CALLBACK (on_store_changed_cb), self,
                             G_CONNECT_SWAPPED);
  gtk_sort_list_model_set_model (self->sort_model, G_LIST_MODEL (store));
  queue_update_sections (self);
  update_stack (self);
  if (gtk_search_bar_get_search_mode (self->search_bar))
    make_search_keys_ahead (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* The list as shown: sorted and filtered. */
GListModel *
cd_article_list_get_model (CdArticleList *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_LIST (self), NULL);
  return G_LIST_MODEL (self->selection);
}

/* The bar at the bottom that acts on several selected articles: a
 * GtkRevealer, revealed while more than one is selected. */
GtkWidget *
cd_article_list_get_selection_bar (CdArticleList *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_LIST (self), NULL);
  return GTK_WIDGET (self->selection_revealer);
}

char **
cd_article_list_dup_selected_ids (CdArticleList *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkBitsetIter iter;
  guint pos;

  g_return_val_if_fail (CD_IS_ARTICLE_LIST (self), NULL);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &pos); ok;
       ok = gtk_bitset_iter_next (&iter, &pos))
    {
      g_autoptr(CdArticleSummary) s = g_list_model_get_item (G_LIST_MODEL (self->selection), pos);

      g_strv_builder_add (builder, cd_article_summary_get_id (s));
    }
  return g_strv_builder_end (builder);
}

gboolean
cd_article_list_select_id (CdArticleList *self,
                           const char    *id)
{
  guint position;

  g_return_val_if_fail (CD_IS_ARTICLE_LIST (self), FALSE);

  position = find_shown (self, id);
  if (position == G_MAXUINT)
    return FALSE;
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  return TRUE;
}

/* The window says which article it has open (NULL: none), so that the
 * selection shows that one and nothing else: its row alone, or no row
 * when it is not shown or there is none. Several rows picked with it
 * among them stay picked. A change made here is no "article-selected"
 * (the window knows), and a row picked next always is one, even the
 * row of an article closed since. */
void
cd_article_list_set_open_id (CdArticleList *self,
                             const char    *id)
{
  GtkSelectionModel *selection;
  guint position;

  g_return_if_fail (CD_IS_ARTICLE_LIST (self));

  selection = GTK_SELECTION_MODEL (self->selection);
  if (g_strcmp0 (self->selected_id, id) != 0)
    {
      g_free (self->selected_id);
      self->selected_id = g_strdup (id);
    }
  position = find_shown (self, id);
  if (position == G_MAXUINT)
    gtk_selection_model_unselect_all (selection);
  else if (!gtk_selection_model_is_selected (selection, position))
    gtk_selection_model_select_item (selection, position, TRUE);
}

void
cd_article_list_select_all (CdArticleList *self)
{
  g_return_if_fail (CD_IS_ARTICLE_LIST (self));
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
}

void
cd_article_list_start_search (CdArticleList *self)
{
  g_return_if_fail (CD_IS_ARTICLE_LIST (self));
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
cd_article_list_set_search_text (CdArticleList *self,
                                 const char    *text)
{
  g_return_if_fail (CD_IS_ARTICLE_LIST (self));
  gtk_search_bar_set_search_mode (self->search_bar, text && *text);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  on_search_changed_cb (self, GTK_EDITABLE (self->search_entry));
}

/* The search the list is filtered by, stripped; NULL or "" for none. */
const char *
cd_article_list_get_search_text (CdArticleList *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_LIST (self), NULL);
  return self->search_text;
}

/* TRUE while bodies are still being searched. */
gboolean
cd_article_list_get_searching (CdArticleList *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_LIST (self), FALSE);
  return self->body_search_source != 0 || self->search_cancellable != NULL;
}

CdSortKey
cd_article_list_get_sort_key (CdArticleList *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_LIST (self), CD_SORT_MODIFIED);
  return self->sort_key;
}

void
cd_article_list_set_sort_key (CdArticleList *self,
                              CdSortKey      key)
{
  g_return_if_fail (CD_IS_ARTICLE_LIST (self));

  if (self->sort_key == key)
    return;
  self->sort_key = key;
  gtk_drop_down_set_selected (self->sort_dropdown, key);
  /* The store lists by last change already: no sorting, so no sorted
   * copy of 100,000 positions and no date object made for each. */
  if (key == CD_SORT_MODIFIED)
    gtk_sort_list_model_set_sorter (self->sort_model, NULL);
  else if (gtk_sort_list_model_get_sorter (self->sort_model) == NULL)
    gtk_sort_list_model_set_sorter (self->sort_model, GTK_SORTER (self->sorter));
  else
    gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_KEY]);
}

/* status: -1 for every status, else a CdArticleStatus. */
void
cd_article_list_set_status_filter (CdArticleList *self,
                                   int            status)
{
  g_return_if_fail (CD_IS_ARTICLE_LIST (self));
  gtk_drop_down_set_selected (self->status_filter, status < 0 ? 0 : (guint) status + 1);
}

void
cd_article_list_set_section_filter (CdArticleList *self,
                                    const char    *section)
{
  guint n;

  g_return_if_fail (CD_IS_ARTICLE_LIST (self));

  /* The store may have changed since the sections were gathered. */
  if (self->sections_source)
    {
      g_clear_handle_id (&self->sections_source, g_source_remove);
      update_sections (self);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->section_list));
  gtk_drop_down_set_selected (self->section_filter, 0);
  for (guint i = 1; section && i < n; i++)
    if (g_str_equal (section, gtk_string_list_get_string (self->section_list, i)))
      gtk_drop_down_set_selected (self->section_filter, i);
}

/* Every tag used in the store, sorted, for completion in the editor. */
char **
cd_article_list_dup_tags (CdArticleList *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  guint n;

  g_return_val_if_fail (CD_IS_ARTICLE_LIST (self), NULL);

  n = self->store ? g_list_model_get_n_items (G_LIST_MODEL (self->store)) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdArticleSummary) s = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      g_auto(GStrv) article_tags = cd_article_summary_dup_tags (s);

      for (guint j = 0; article_tags && article_tags[j]; j++)
        if (!g_hash_table_contains (seen, article_tags[j]))
          {
            char *tag = g_strdup (article_tags[j]);

            g_hash_table_add (seen, tag);
            g_ptr_array_add (tags, tag);
          }
    }
  g_ptr_array_sort (tags, compare_strings);
  g_ptr_array_add (tags, NULL);
  g_ptr_array_set_free_func (tags, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&tags), FALSE);
}

void
cd_article_list_focus (CdArticleList *self)
{
  g_return_if_fail (CD_IS_ARTICLE_LIST (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->article_view));
}

gboolean
cd_article_list_get_activate_on_single_click (CdArticleList *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_LIST (self), FALSE);
  return self->activate_on_single_click;
}

/* Whether one click on a row emits "article-activated" too, not only a
 * double click or Enter; the window sets it while it is folded. */
void
cd_article_list_set_activate_on_single_click (CdArticleList *self,
                                              gboolean       single_click)
{
  g_return_if_fail (CD_IS_ARTICLE_LIST (self));

  single_click = !!single_click;
  if (self->activate_on_single_click == single_click)
    return;
  self->activate_on_single_click = single_click;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVATE_ON_SINGLE_CLICK]);
}

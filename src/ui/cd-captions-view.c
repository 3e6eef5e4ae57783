/* cd-captions-view.c: every photo of the store, to find and fix captions
 *
 * Articles with photos are loaded one after the other, asynchronously.
 * An edited article is saved a moment later; the article open in the
 * editor is shared with the window instead, which autosaves it, so the
 * two never write competing versions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "cd-article-merge.h"
#include "cd-captions-view.h"
#include "cd-credit.h"
#include "cd-photo-row.h"
#include "cd-ui-utils.h"

#define SAVE_DELAY_MS 800

struct _CdCaptionsView
{
  GtkWidget parent_instance;

  GtkSearchEntry *agency_entry;
  GtkCheckButton *missing_check;
  GtkLabel *count_label;
  GtkListBox *list_box;

  CdStore *store;
  CdArticle *current;
  GPtrArray *articles;       /* loaded CdArticle, in list order */
  GHashTable *dirty;         /* id → CdArticle waiting to be saved */
  GHashTable *bases;         /* id → the version last read or written here */
  GCancellable *cancellable;
  GPtrArray *pending_ids;
  guint next_pending;
  guint save_source;
  /* The row holding the keyboard focus stays shown whatever the filter
   * says until the focus leaves it: typing a credit into a card listed
   * "without credit" must not make it vanish under the cursor. */
  GtkWidget *held_row;
  guint release_source;
};

G_DEFINE_FINAL_TYPE (CdCaptionsView, cd_captions_view, GTK_TYPE_WIDGET)

enum {
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void load_next (CdCaptionsView *self);

/* Auxiliary methods */

static gboolean
row_visible (GtkListBoxRow *row,
             gpointer       user_data)
{
  CdCaptionsView *self = user_data;
  CdPhoto *photo = cd_photo_row_get_photo (CD_PHOTO_ROW (row));
  const char *agency = gtk_editable_get_text (GTK_EDITABLE (self->agency_entry));

  if (GTK_WIDGET (row) == self->held_row)
    return TRUE;
  if (gtk_check_button_get_active (self->missing_check) && cd_photo_has_credit (photo))
    return FALSE;
  /* The text as typed, or the agency it names however the credit
   * spells it: "afp" finds "أ.ف.ب". */
  return cd_ui_text_matches (cd_photo_get_credit (photo), agency) ||
         cd_ui_text_matches (cd_photo_get_photographer (photo), agency) ||
         cd_credit_names_agency (cd_photo_get_credit (photo), agency);
}

static void
update_count (CdCaptionsView *self)
{
  guint n = cd_captions_view_get_n_visible (self);
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo", "%u photos", n), n);

  gtk_label_set_label (self->count_label, text);
}

typedef struct
{
  CdCaptionsView *view;
  CdArticle *article;   /* the one the rows edit */
  CdArticle *copy;      /* what is written */
} SaveState;

static void
save_state_free (SaveState *state)
{
  g_object_unref (state->view);
  g_object_unref (state->article);
  g_object_unref (state->copy);
  g_free (state);
}

static void on_article_changed_cb (CdCaptionsView *self,
                                   CdArticle      *article);

/* The store gave what it wrote a new revision: the article the rows edit
 * takes it over without that counting as an edit to save again. */
static void
adopt_revision (CdCaptionsView *self,
                CdArticle      *article,
                CdArticle      *from)
{
  g_signal_handlers_block_by_func (article, on_article_changed_cb, self);
  cd_article_set_revision (article, cd_article_get_revision (from));
  cd_article_set_modified (article, cd_article_get_modified (from));
  g_signal_handlers_unblock_by_func (article, on_article_changed_cb, self);
}

/* Another program saved the article since it was read here: what it
 * changed comes in (and is saved with the captions typed here, as any
 * edit is), unless it changed a field of a photo typed here too. */
static void
merge_with_disk (CdCaptionsView *self,
                 CdArticle      *article)
{
  g_autoptr(CdArticle) on_disk = NULL;
  g_autoptr(GPtrArray) clashes = NULL;
  g_autoptr(GError) error = NULL;
  CdArticle *base = g_hash_table_lookup (self->bases, cd_article_get_id (article));

  on_disk = cd_store_load_article (self->store, cd_article_get_id (article), NULL, &error);
  if (on_disk == NULL || base == NULL)
    {
      g_signal_emit (self, signals[ERROR], 0, error ? error->message : _("The article changed"));
      return;
    }
  clashes = cd_article_merge_find_clashes (base, article, on_disk);
  if (clashes->len > 0)
    {
      g_autofree char *names = NULL;
      g_autofree char *text = NULL;

      g_ptr_array_add (clashes, NULL);
      names = cd_ui_join_names ((const char * const *) clashes->pdata);
      /* Translators: the names of the photo fields, e.g. “caption of
       * photo 2, credit of photo 2”, then the article's headline */
      text = g_strdup_printf (_("Another program also changed the %s of “%s”; what you typed "
                                "there is not saved. Open All Captions again to see its "
                                "version."), names, cd_article_get_headline (article));
      g_signal_emit (self, signals[ERROR], 0, text);
      return;
    }
  g_ptr_array_unref (cd_article_merge_take_theirs (base, article, on_disk,
                                                   CD_ARTICLE_MERGE_CLASHES_KEEP_MINE));
  adopt_revision (self, article, on_disk);
  /* base goes with the old entry. */
  g_hash_table_replace (self->bases, g_strdup (cd_article_get_id (on_disk)),
                        g_object_ref (on_disk));
  /* The captions typed here are still to be written, over the new
   * revision. */
  on_article_changed_cb (self, article);
}

static void
on_save_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SaveState *state = user_data;
  CdCaptionsView *self = state->view;
  g_autoptr(GError) error = NULL;

  if (cd_store_save_article_finish (CD_STORE (object), result, &error))
    {
      adopt_revision (self, state->article, state->copy);
      g_hash_table_replace (self->bases, g_strdup (cd_article_get_id (state->copy)),
                            g_object_ref (state->copy));
    }
  else if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_CONFLICT))
    merge_with_disk (self, state->article);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[ERROR], 0, error->message);
  save_state_free (state);
}

/* Writes a copy, so that typing on while the file is written is not
 * mistaken for what was written. */
static void
save_article (CdCaptionsView *self,
              CdArticle      *article)
{
  SaveState *state = g_new0 (SaveState, 1);

  state->view = g_object_ref (self);
  state->article = g_object_ref (article);
  state->copy = cd_article_copy (article);
  cd_store_save_article_async (self->store, state->copy, NULL, on_save_done_cb, state);
}

static gboolean
on_save_timeout_cb (gpointer user_data)
{
  CdCaptionsView *self = user_data;
  GHashTableIter iter;
  gpointer article;

  self->save_source = 0;
  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, NULL, &article))
    save_article (self, article);
  g_hash_table_remove_all (self->dirty);
  return G_SOURCE_REMOVE;
}

static void
on_article_changed_cb (CdCaptionsView *self,
                       CdArticle      *article)
{
  if (article == self->current)
    return;
  g_hash_table_replace (self->dirty, g_strdup (cd_article_get_id (article)),
                        g_object_ref (article));
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, on_save_timeout_cb, self);
  /* Rows of other articles may change under the filter (another
   * program's version merged in); the row being typed in is held. */
  gtk_list_box_invalidate_filter (self->list_box);
  update_count (self);
}

static gboolean
row_has_focus (GtkWidget *row)
{
  GtkRoot *root = gtk_widget_get_root (row);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus && (focus == row || gtk_widget_is_ancestor (focus, row));
}

/* Checked once the focus has settled: a window that only lost its
 * active state (the user switched to another program) keeps its focus
 * widget, and the card stays. */
static gboolean
on_release_idle_cb (gpointer user_data)
{
  CdCaptionsView *self = user_data;

  self->release_source = 0;
  if (self->held_row == NULL || row_has_focus (self->held_row))
    return G_SOURCE_REMOVE;
  self->held_row = NULL;
  gtk_list_box_invalidate_filter (self->list_box);
  update_count (self);
  return G_SOURCE_REMOVE;
}

static void
on_row_focus_enter_cb (GtkEventControllerFocus *controller,
                       CdCaptionsView          *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  /* Focus went straight from one card to another: the first is let go. */
  gboolean released = self->held_row != NULL && self->held_row != row;

  self->held_row = row;
  if (released)
    {
      gtk_list_box_invalidate_filter (self->list_box);
      update_count (self);
    }
}

static void
on_row_focus_leave_cb (GtkEventControllerFocus *controller,
                       CdCaptionsView          *self)
{
  /* Not at idle priority: a spinning thumbnail must not delay it. */
  if (self->release_source == 0)
    self->release_source = g_idle_add_full (G_PRIORITY_DEFAULT, on_release_idle_cb, self, NULL);
}

static void
hold_row_while_focused (CdCaptionsView *self,
                        GtkWidget      *row)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_object (focus, "enter", G_CALLBACK (on_row_focus_enter_cb), self, 0);
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_row_focus_leave_cb), self, 0);
  gtk_widget_add_controller (row, focus);
}

/* A row names its article by the headline, or says it has none. */
static gboolean
headline_to_context (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  const char *headline = g_value_get_string (from);

  g_value_set_string (to, headline && *headline ? headline : _("Untitled"));
  return TRUE;
}

static gboolean
language_to_direction (GBinding     *binding,
                       const GValue *from,
                       GValue       *to,
                       gpointer      user_data)
{
  g_autoptr(GObject) article = g_binding_dup_source (binding);

  if (article == NULL)
    return FALSE;
  g_value_set_enum (to, cd_article_is_rtl (CD_ARTICLE (article)) ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  return TRUE;
}

static void
add_article (CdCaptionsView *self,
             CdArticle      *article)
{
  g_ptr_array_add (self->articles, g_object_ref (article));
  if (article != self->current)
    g_hash_table_replace (self->bases, g_strdup (cd_article_get_id (article)),
                          cd_article_copy (article));
  g_signal_connect_object (article, "changed", G_CALLBACK (on_article_changed_cb), self,
                           G_CONNECT_SWAPPED);
  for (guint i = 0; i < cd_article_get_n_photos (article); i++)
    {
      g_autoptr(GFile) folder = NULL;
      g_autofree char *uri = cd_store_dup_photos_uri (self->store);
      GtkWidget *row;

      folder = g_file_new_for_uri (uri);
      row = cd_photo_row_new (cd_article_get_photo (article, i), folder);
      /* Bound, not copied: the headline changes under the row when the
       * window merges another program's version into the open article,
       * or this view merges one into an article it saves. The binding
       * goes with the row. */
      g_object_bind_property_full (article, "headline", row, "context", G_BINDING_SYNC_CREATE,
                                   headline_to_context, NULL, NULL, NULL);
      cd_photo_row_set_can_reorder (CD_PHOTO_ROW (row), FALSE);
      hold_row_while_focused (self, row);
      /* The card follows the window's direction, its fields their own
       * text's; empty ones the article's language. */
      g_object_bind_property_full (article, "language", row, "fallback-direction",
                                   G_BINDING_SYNC_CREATE, language_to_direction, NULL, NULL, NULL);
      gtk_list_box_append (self->list_box, row);
    }
  update_count (self);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CdCaptionsView) self = user_data;
  g_autoptr(CdArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = cd_store_load_article_finish (CD_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (article)
    add_article (self, article);
  else
    g_signal_emit (self, signals[ERROR], 0, error->message);
  load_next (self);
}

static void
load_next (CdCaptionsView *self)
{
  const char *id;

  if (self->pending_ids == NULL || self->next_pending >= self->pending_ids->len)
    {
      g_clear_pointer (&self->pending_ids, g_ptr_array_unref);
      return;
    }
  id = g_ptr_array_index (self->pending_ids, self->next_pending++);
  if (self->current && g_str_equal (id, cd_article_get_id (self->current)))
    {
      add_article (self, self->current);
      load_next (self);
      return;
    }
  cd_store_load_article_async (self->store, id, self->cancellable, on_loaded_cb,
                               g_object_ref (self));
}

static void
clear_rows (CdCaptionsView *self)
{
  GtkWidget *child;

  self->held_row = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))))
    gtk_list_box_remove (self->list_box, child);
  for (guint i = 0; i < self->articles->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->articles, i), self);
  g_ptr_array_set_size (self->articles, 0);
  g_hash_table_remove_all (self->bases);
}

/* Callbacks */

/* The user asked for another filter: it applies to the card that was
 * being edited as well. */
static void
on_filter_changed_cb (CdCaptionsView *self)
{
  self->held_row = NULL;
  gtk_list_box_invalidate_filter (self->list_box);
  update_count (self);
}

/* GObject overrides */

static void
cd_captions_view_dispose (GObject *object)
{
  CdCaptionsView *self = CD_CAPTIONS_VIEW (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->release_source, g_source_remove);
  /* Edits still waiting for their delay are written now. */
  if (self->save_source)
    on_save_timeout_cb (self);
  if (self->articles)
    clear_rows (self);
  g_clear_object (&self->store);
  g_clear_object (&self->current);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_CAPTIONS_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cd_captions_view_parent_class)->dispose (object);
}

static void
cd_captions_view_finalize (GObject *object)
{
  CdCaptionsView *self = CD_CAPTIONS_VIEW (object);

  g_clear_pointer (&self->articles, g_ptr_array_unref);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_pointer (&self->bases, g_hash_table_unref);
  g_clear_pointer (&self->pending_ids, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cd_captions_view_parent_class)->finalize (object);
}

static void
cd_captions_view_class_init (CdCaptionsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_captions_view_dispose;
  object_class->finalize = cd_captions_view_finalize;

  /**
   * CdCaptionsView::error:
   * @message: what went wrong, in plain words
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/copydesk/Copydesk/cd-captions-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCaptionsView, agency_entry);
  gtk_widget_class_bind_template_child (widget_class, CdCaptionsView, missing_check);
  gtk_widget_class_bind_template_child (widget_class, CdCaptionsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, CdCaptionsView, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
}

static void
cd_captions_view_init (CdCaptionsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->articles = g_ptr_array_new_with_free_func (g_object_unref);
  self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->bases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->cancellable = g_cancellable_new ();
  gtk_list_box_set_filter_func (self->list_box, row_visible, self, NULL);
  update_count (self);
}

/* Public API */

void
cd_captions_view_set_store (CdCaptionsView *self,
                            CdStore        *store)
{
  g_return_if_fail (CD_IS_CAPTIONS_VIEW (self));
  g_set_object (&self->store, store);
}

/* TRUE when rows here edit another object for the article @id. */
static gboolean
shows_other_copy (CdCaptionsView *self,
                  CdArticle      *article)
{
  for (guint i = 0; i < self->articles->len; i++)
    {
      CdArticle *shown = g_ptr_array_index (self->articles, i);

      if (shown != article && g_str_equal (cd_article_get_id (shown), cd_article_get_id (article)))
        return TRUE;
    }
  return FALSE;
}

/* The article open in the editor: shown from this object, not a copy.
 * When the window takes a new version of it (read again from disk) while
 * the captions show, the rows are made again: edits in the old ones
 * would be saved from a copy the store has moved past, and they would
 * show the old text. Hidden, the view is refreshed when it shows. */
void
cd_captions_view_set_current (CdCaptionsView *self,
                              CdArticle      *article)
{
  g_return_if_fail (CD_IS_CAPTIONS_VIEW (self));

  if (!g_set_object (&self->current, article))
    return;
  if (article && gtk_widget_get_mapped (GTK_WIDGET (self)) && shows_other_copy (self, article))
    cd_captions_view_refresh (self);
}

void
cd_captions_view_refresh (CdCaptionsView *self)
{
  guint n;

  g_return_if_fail (CD_IS_CAPTIONS_VIEW (self));

  if (self->save_source)
    on_save_timeout_cb (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  clear_rows (self);
  if (self->store == NULL)
    return;

  g_clear_pointer (&self->pending_ids, g_ptr_array_unref);
  self->pending_ids = g_ptr_array_new_with_free_func (g_free);
  self->next_pending = 0;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdArticleSummary) s = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (cd_article_summary_get_n_photos (s) > 0)
        g_ptr_array_add (self->pending_ids, g_strdup (cd_article_summary_get_id (s)));
    }
  load_next (self);
  update_count (self);
}

void
cd_captions_view_set_filter (CdCaptionsView *self,
                             const char     *agency,
                             gboolean        missing_credit_only)
{
  g_return_if_fail (CD_IS_CAPTIONS_VIEW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->agency_entry), agency ? agency : "");
  gtk_check_button_set_active (self->missing_check, missing_credit_only);
  on_filter_changed_cb (self);
}

guint
cd_captions_view_get_n_visible (CdCaptionsView *self)
{
  guint n = 0;

  g_return_val_if_fail (CD_IS_CAPTIONS_VIEW (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box)); child;
       child = gtk_widget_get_next_sibling (child))
    if (CD_IS_PHOTO_ROW (child) && row_visible (GTK_LIST_BOX_ROW (child), self))
      n++;
  return n;
}

gboolean
cd_captions_view_get_loading (CdCaptionsView *self)
{
  g_return_val_if_fail (CD_IS_CAPTIONS_VIEW (self), FALSE);
  return self->pending_ids != NULL;
}

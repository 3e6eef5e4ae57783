/* cd-article-editor.c: the editing pane of one article
 *
 * The pane writes every edit straight into its CdArticle; the article's
 * "changed" signal is what the window autosaves on. Fields are refreshed
 * from the article only when their text really differs, so a notify that
 * echoes the user's own typing never moves the cursor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "cd-article-editor.h"
#include "cd-spell-highlighter.h"
#include "cd-ui-utils.h"

#define DEFAULT_HEADLINE_LIMIT 90

struct _CdArticleEditor
{
  GtkWidget parent_instance;

  GtkScrolledWindow *scroller;
  GtkEntry *headline_entry;
  GtkLabel *headline_count;
  GtkEntry *standfirst_entry;
  GtkEntry *byline_entry;
  GtkEntry *dateline_entry;
  GtkEntry *section_entry;
  GtkEntry *tags_entry;
  GtkDropDown *language_dropdown;
  GtkStringList *language_list;
  GtkDropDown *status_dropdown;
  GtkStringList *status_list;
  GtkSourceView *body_view;
  GtkSourceBuffer *body_buffer;
  GtkLabel *word_count_label;
  GtkLabel *save_state_label;

  CdArticle *article;
  GSignalGroup *article_signals;
  CdSpellHighlighter *spell;
  GHashTable *spell_checkers;       /* language → CdSpellChecker, each loaded once */
  char *spell_language;             /* the language the body is checked in */
  GCancellable *spell_cancellable;
  GMenu *spell_menu;                /* the body's context menu additions */
  GtkTextMark *spell_start;         /* the word that menu is about */
  GtkTextMark *spell_end;
  GtkListStore *known_tags;
  GPtrArray *language_codes;   /* parallel to language_list */
  guint headline_limit;
  guint loading : 1;
  guint highlighting : 1;
};

G_DEFINE_FINAL_TYPE (CdArticleEditor, cd_article_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ARTICLE,
  PROP_HEADLINE_LIMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static void
set_entry_text (GtkEntry   *entry,
                const char *text)
{
  GtkEntryBuffer *buffer = gtk_entry_get_buffer (entry);

  if (g_strcmp0 (gtk_entry_buffer_get_text (buffer), text ? text : "") != 0)
    gtk_entry_buffer_set_text (buffer, text ? text : "", -1);
}

static void
update_headline_count (CdArticleEditor *self)
{
  g_autofree char *count = NULL;
  gboolean over = FALSE;

  count = cd_ui_format_headline_count (gtk_editable_get_text (GTK_EDITABLE (self->headline_entry)),
                                       self->headline_limit, &over);
  gtk_label_set_label (self->headline_count, count);
  if (over)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->headline_count), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->headline_entry), "warning");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->headline_count), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->headline_entry), "warning");
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->headline_count),
                               over ? _("The headline is longer than the limit") : NULL);
}

static void
update_word_count (CdArticleEditor *self)
{
  const char *body = self->article ? cd_article_get_body (self->article) : "";
  g_autofree char *label = cd_ui_format_word_count (cd_ui_count_words (body));

  gtk_label_set_label (self->word_count_label, label);
}

static void
update_direction (CdArticleEditor *self)
{
  gboolean rtl = self->article && cd_article_is_rtl (self->article);
  GtkWidget *text_widgets[] = {
    GTK_WIDGET (self->headline_entry), GTK_WIDGET (self->standfirst_entry),
    GTK_WIDGET (self->byline_entry), GTK_WIDGET (self->dateline_entry),
    GTK_WIDGET (self->section_entry), GTK_WIDGET (self->tags_entry),
    GTK_WIDGET (self->body_view),
  };

  for (guint i = 0; i < G_N_ELEMENTS (text_widgets); i++)
    cd_ui_set_text_direction (text_widgets[i], rtl);
}

/* The list holds every known language plus, when the article uses a code
 * the list does not know, that code itself, so nothing is lost on save. */
static void
fill_language_list (CdArticleEditor *self,
                    const char      *current)
{
  const CdLanguage *langs;
  guint n_langs;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->language_list));
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  g_ptr_array_set_size (self->language_codes, 0);
  g_ptr_array_add (self->language_codes, g_strdup (""));
  g_strv_builder_add (names, _("Not set"));

  langs = cd_ui_get_languages (&n_langs);
  for (guint i = 0; i < n_langs; i++)
    {
      g_ptr_array_add (self->language_codes, g_strdup (langs[i].code));
      g_strv_builder_add (names, _(langs[i].name));
    }
  if (current && *current && cd_ui_find_language (current) < 0)
    {
      g_ptr_array_add (self->language_codes, g_strdup (current));
      g_strv_builder_add (names, current);
    }

  strv = g_strv_builder_end (names);
  gtk_string_list_splice (self->language_list, 0, n_old, (const char * const *) strv);
}

static guint
find_language_position (CdArticleEditor *self,
                        const char      *code)
{
  int known = cd_ui_find_language (code);

  if (code == NULL || *code == '\0')
    return 0;
  if (known >= 0 && g_ascii_strcasecmp (code, g_ptr_array_index (self->language_codes, known + 1)) == 0)
    return known + 1;
  for (guint i = 0; i < self->language_codes->len; i++)
    if (g_ascii_strcasecmp (code, g_ptr_array_index (self->language_codes, i)) == 0)
      return i;
  /* A regional variant such as "ar-EG": show its language. */
  return known >= 0 ? (guint) known + 1 : 0;
}

/* Spelling: the dictionary follows the article's language */

static char *
dup_spell_language (CdArticle *article)
{
  const char *code = article ? cd_article_get_language (article) : NULL;
  const char *locale = g_get_language_names ()[0];

  if (code && *code)
    return g_strdup (code);
  /* An article without a language is read in the user's own. */
  if (locale == NULL || g_str_equal (locale, "C") || g_str_equal (locale, "POSIX"))
    return g_strdup ("en");
  return g_strndup (locale, strcspn (locale, "_.@"));
}

static void
load_checker_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  /* Loading a Hunspell dictionary takes tens of milliseconds. */
  g_task_return_pointer (task, cd_spell_checker_new (task_data), g_object_unref);
}

static void
on_checker_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CdArticleEditor *self = CD_ARTICLE_EDITOR (object);
  g_autoptr(CdSpellChecker) checker = g_task_propagate_pointer (G_TASK (result), NULL);
  const char *language;

  if (checker == NULL)
    return;   /* cancelled: the editor went away */
  language = cd_spell_checker_get_language (checker);
  g_hash_table_replace (self->spell_checkers, g_strdup (language), g_object_ref (checker));
  if (g_strcmp0 (language, self->spell_language) == 0)
    cd_spell_highlighter_set_checker (self->spell, checker);
}

static void
update_spell_language (CdArticleEditor *self)
{
  g_autofree char *language = dup_spell_language (self->article);
  CdSpellChecker *checker;
  g_autoptr(GTask) task = NULL;

  if (g_strcmp0 (language, self->spell_language) == 0)
    return;
  g_free (self->spell_language);
  self->spell_language = g_steal_pointer (&language);

  checker = g_hash_table_lookup (self->spell_checkers, self->spell_language);
  cd_spell_highlighter_set_checker (self->spell, checker);
  if (checker)
    return;
  task = g_task_new (self, self->spell_cancellable, on_checker_loaded_cb, NULL);
  g_task_set_source_tag (task, update_spell_language);
  g_task_set_task_data (task, g_strdup (self->spell_language), g_free);
  g_task_run_in_thread (task, load_checker_thread);
}

/* Fills the context menu with replacements for the misspelt word at
 * @iter, or nothing when there is none. */
static void
update_spell_menu (CdArticleEditor   *self,
                   const GtkTextIter *iter)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body_buffer);
  CdSpellChecker *checker = cd_spell_highlighter_get_checker (self->spell);
  g_autoptr(GMenu) section = NULL;
  g_autoptr(GMenuItem) ignore = NULL;
  g_auto(GStrv) suggestions = NULL;
  g_autofree char *word = NULL;
  g_autofree char *ignore_label = NULL;
  GtkTextIter start, end;

  g_menu_remove_all (self->spell_menu);
  if (checker == NULL || !cd_spell_highlighter_get_word_at (self->spell, iter, &start, &end))
    return;

  gtk_text_buffer_move_mark (buffer, self->spell_start, &start);
  gtk_text_buffer_move_mark (buffer, self->spell_end, &end);
  word = gtk_text_iter_get_slice (&start, &end);
  suggestions = cd_spell_checker_get_suggestions (checker, word, -1);

  section = g_menu_new ();
  for (guint i = 0; suggestions[i]; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (suggestions[i], NULL);

      g_menu_item_set_action_and_target_value (item, "editor.spell-replace",
                                               g_variant_new_string (suggestions[i]));
      g_menu_append_item (section, item);
    }
  if (suggestions[0] == NULL)
    g_menu_append (section, _("No Suggestions"), "editor.spell-none");
  /* Translators: %s is a word the dictionary does not know */
  ignore_label = g_strdup_printf (_("_Ignore “%s”"), word);
  ignore = g_menu_item_new (ignore_label, "editor.spell-ignore");
  g_menu_append_item (section, ignore);
  g_menu_append_section (self->spell_menu, NULL, G_MENU_MODEL (section));
}

static void
on_body_right_click_cb (CdArticleEditor *self,
                        int              n_press,
                        double           x,
                        double           y,
                        GtkGestureClick *gesture)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->body_view);
  GtkTextIter iter;
  int buffer_x, buffer_y;

  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y,
                                         &buffer_x, &buffer_y);
  gtk_text_view_get_iter_at_location (view, &iter, buffer_x, buffer_y);
  update_spell_menu (self, &iter);
}

/* The keyboard opens the context menu at the cursor. */
static gboolean
on_body_key_cb (CdArticleEditor       *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  if (keyval == GDK_KEY_Menu || (keyval == GDK_KEY_F10 && (state & GDK_SHIFT_MASK)))
    cd_article_editor_prepare_spell_menu (self);
  return GDK_EVENT_PROPAGATE;
}

static void
spell_replace_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CdArticleEditor *self = CD_ARTICLE_EDITOR (widget);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body_buffer);
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_mark (buffer, &start, self->spell_start);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, self->spell_end);
  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete (buffer, &start, &end);
  gtk_text_buffer_insert (buffer, &start, g_variant_get_string (param, NULL), -1);
  gtk_text_buffer_end_user_action (buffer);
}

static void
spell_ignore_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CdArticleEditor *self = CD_ARTICLE_EDITOR (widget);
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body_buffer);
  g_autofree char *word = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_mark (buffer, &start, self->spell_start);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, self->spell_end);
  word = gtk_text_iter_get_slice (&start, &end);
  if (*word)
    cd_spell_highlighter_ignore (self->spell, word);
}

static void on_style_dark_cb (CdArticleEditor *self,
                              GParamSpec      *pspec,
                              AdwStyleManager *manager);

/* Markdown highlighting compiles the language's regular expressions,
 * several megabytes: paid when the first article opens, not at startup
 * when the pane shows nothing. */
static void
ensure_highlighting (CdArticleEditor *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  AdwStyleManager *style = adw_style_manager_get_default ();

  if (self->highlighting)
    return;
  self->highlighting = TRUE;
  gtk_source_buffer_set_language (self->body_buffer,
                                  gtk_source_language_manager_get_language (languages, "markdown"));
  g_signal_connect_object (style, "notify::dark", G_CALLBACK (on_style_dark_cb), self,
                           G_CONNECT_SWAPPED);
  on_style_dark_cb (self, NULL, style);
}

static void
load_article (CdArticleEditor *self)
{
  CdArticle *a = self->article;
  g_autofree char *tags = NULL;

  self->loading = TRUE;

  if (a)
    ensure_highlighting (self);
  fill_language_list (self, a ? cd_article_get_language (a) : NULL);
  set_entry_text (self->headline_entry, a ? cd_article_get_headline (a) : "");
  set_entry_text (self->standfirst_entry, a ? cd_article_get_standfirst (a) : "");
  set_entry_text (self->byline_entry, a ? cd_article_get_byline (a) : "");
  set_entry_text (self->dateline_entry, a ? cd_article_get_dateline (a) : "");
  set_entry_text (self->section_entry, a ? cd_article_get_section (a) : "");
  tags = cd_ui_join_tags (a ? cd_article_get_tags (a) : NULL);
  set_entry_text (self->tags_entry, tags);
  gtk_drop_down_set_selected (self->language_dropdown,
                              find_language_position (self, a ? cd_article_get_language (a) : ""));
  gtk_drop_down_set_selected (self->status_dropdown,
                              a ? cd_article_get_status (a) : CD_ARTICLE_STATUS_DRAFT);

  /* A new article is not something to undo back into the previous one. */
  gtk_text_buffer_begin_irreversible_action (GTK_TEXT_BUFFER (self->body_buffer));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->body_buffer),
                            a ? cd_article_get_body (a) : "", -1);
  gtk_text_buffer_end_irreversible_action (GTK_TEXT_BUFFER (self->body_buffer));

  self->loading = FALSE;

  update_headline_count (self);
  update_word_count (self);
  update_direction (self);
  if (a)
    update_spell_language (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self), a != NULL);
}

/* TRUE when @a and @b are versions of the same article (or both none). */
static gboolean
same_article (CdArticle *a,
              CdArticle *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strcmp0 (cd_article_get_id (a), cd_article_get_id (b)) == 0;
}

/* Another article starts at its headline; a new version of the same one
 * (a reload, a merge) stays where the user was. */
static void
show_from_top (CdArticleEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  /* Opened with Return before it had loaded: the headline already has
   * the keyboard, and typing goes on at its end. */
  if (focus && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->headline_entry)))
    gtk_editable_set_position (GTK_EDITABLE (self->headline_entry), -1);
}

/* Callbacks */

static void
update_undo_actions (CdArticleEditor *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body_buffer);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo",
                                 gtk_text_buffer_get_can_undo (buffer));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.redo",
                                 gtk_text_buffer_get_can_redo (buffer));
}

static void
on_headline_changed_cb (CdArticleEditor *self,
                        GtkEditable     *editable)
{
  update_headline_count (self);
  if (!self->loading && self->article)
    cd_article_set_headline (self->article, gtk_editable_get_text (editable));
}

static void
on_standfirst_changed_cb (CdArticleEditor *self,
                          GtkEditable     *editable)
{
  if (!self->loading && self->article)
    cd_article_set_standfirst (self->article, gtk_editable_get_text (editable));
}

static void
on_byline_changed_cb (CdArticleEditor *self,
                      GtkEditable     *editable)
{
  if (!self->loading && self->article)
    cd_article_set_byline (self->article, gtk_editable_get_text (editable));
}

static void
on_dateline_changed_cb (CdArticleEditor *self,
                        GtkEditable     *editable)
{
  if (!self->loading && self->article)
    cd_article_set_dateline (self->article, gtk_editable_get_text (editable));
}

static void
on_section_changed_cb (CdArticleEditor *self,
                       GtkEditable     *editable)
{
  g_autofree char *section = NULL;

  if (self->loading || self->article == NULL)
    return;
  section = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  cd_article_set_section (self->article, section);
}

static void
on_tags_changed_cb (CdArticleEditor *self,
                    GtkEditable     *editable)
{
  g_auto(GStrv) tags = NULL;

  if (self->loading || self->article == NULL)
    return;
  tags = cd_ui_split_tags (gtk_editable_get_text (editable));
  cd_article_set_tags (self->article, (const char * const *) tags);
}

static void
on_language_selected_cb (CdArticleEditor *self)
{
  guint pos = gtk_drop_down_get_selected (self->language_dropdown);

  if (self->loading || self->article == NULL || pos >= self->language_codes->len)
    return;
  cd_article_set_language (self->article, g_ptr_array_index (self->language_codes, pos));
}

static void
on_status_selected_cb (CdArticleEditor *self)
{
  guint pos = gtk_drop_down_get_selected (self->status_dropdown);

  if (self->loading || self->article == NULL || pos == GTK_INVALID_LIST_POSITION)
    return;
  cd_article_set_status (self->article, (CdArticleStatus) pos);
}

static void
on_body_changed_cb (CdArticleEditor *self,
                    GtkTextBuffer   *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->loading || self->article == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  cd_article_set_body (self->article, text);
  update_word_count (self);
}

/* The section entry keeps what is being typed ("Local " on the way to
 * "Local News") as long as it means the section the article has. */
static void
show_section (CdArticleEditor *self,
              const char      *section)
{
  g_autofree char *shown = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->section_entry)));

  if (g_strcmp0 (g_strstrip (shown), section) != 0)
    set_entry_text (self->section_entry, section);
}

/* Likewise "ferries, " on the way to a second tag. */
static void
show_tags (CdArticleEditor    *self,
           const char * const *tags)
{
  g_auto(GStrv) shown = cd_ui_split_tags (gtk_editable_get_text (GTK_EDITABLE (self->tags_entry)));
  const char * const none[] = { NULL };
  g_autofree char *text = NULL;

  if (g_strv_equal ((const char * const *) shown, tags ? tags : none))
    return;
  text = cd_ui_join_tags (tags);
  set_entry_text (self->tags_entry, text);
}

static gboolean
lists_language (CdArticleEditor *self,
                const char      *code)
{
  for (guint i = 0; i < self->language_codes->len; i++)
    if (g_ascii_strcasecmp (code, g_ptr_array_index (self->language_codes, i)) == 0)
      return TRUE;
  return FALSE;
}

/* A code the list does not know joins it, as when the article opens;
 * the list stays as it is for one picked from it. */
static void
show_language (CdArticleEditor *self,
               const char      *language)
{
  if (language && *language && cd_ui_find_language (language) < 0 &&
      !lists_language (self, language))
    fill_language_list (self, language);
  gtk_drop_down_set_selected (self->language_dropdown, find_language_position (self, language));
  update_direction (self);
  update_spell_language (self);
}

/* Keeps the fields in step when something other than this pane changes
 * the article: a bulk status change, a reload from disk, a merge with
 * another program's version. */
static void
on_article_notify_cb (CdArticleEditor *self,
                      GParamSpec      *pspec,
                      CdArticle       *article)
{
  const char *name = g_param_spec_get_name (pspec);
  g_autofree char *tags = NULL;
  GtkTextIter start, end;
  g_autofree char *body = NULL;

  self->loading = TRUE;
  if (g_str_equal (name, "headline"))
    set_entry_text (self->headline_entry, cd_article_get_headline (article));
  else if (g_str_equal (name, "standfirst"))
    set_entry_text (self->standfirst_entry, cd_article_get_standfirst (article));
  else if (g_str_equal (name, "byline"))
    set_entry_text (self->byline_entry, cd_article_get_byline (article));
  else if (g_str_equal (name, "dateline"))
    set_entry_text (self->dateline_entry, cd_article_get_dateline (article));
  else if (g_str_equal (name, "section"))
    show_section (self, cd_article_get_section (article));
  else if (g_str_equal (name, "tags"))
    show_tags (self, cd_article_get_tags (article));
  else if (g_str_equal (name, "status"))
    gtk_drop_down_set_selected (self->status_dropdown, cd_article_get_status (article));
  else if (g_str_equal (name, "language"))
    show_language (self, cd_article_get_language (article));
  else if (g_str_equal (name, "body"))
    {
      gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->body_buffer), &start, &end);
      body = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->body_buffer), &start, &end, TRUE);
      if (g_strcmp0 (body, cd_article_get_body (article)) != 0)
        gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->body_buffer),
                                  cd_article_get_body (article), -1);
      update_word_count (self);
    }
  self->loading = FALSE;
}

static void
on_style_dark_cb (CdArticleEditor *self,
                  GParamSpec      *pspec,
                  AdwStyleManager *manager)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (manager) ? "Adwaita-dark" : "Adwaita";
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (schemes, id);

  if (scheme)
    gtk_source_buffer_set_style_scheme (self->body_buffer, scheme);
}

/* Where the tag being typed starts in @text: after the last comma, or
 * after the last list separator of the interface's language ("،" in
 * Arabic, see cd_ui_join_tags()). */
static const char *
find_typed_tag (const char *text)
{
  g_autofree char *mark = g_strstrip (g_strdup (cd_ui_list_separator ()));
  const char *comma = strrchr (text, ',');
  const char *other = *mark ? g_strrstr (text, mark) : NULL;

  if (other && (comma == NULL || other > comma))
    return other + strlen (mark);
  return comma ? comma + 1 : text;
}

/* Completion works on the tag being typed. */
static gboolean
tag_completion_match (GtkEntryCompletion *completion,
                      const char         *key,
                      GtkTreeIter        *iter,
                      gpointer            user_data)
{
  CdArticleEditor *self = user_data;
  g_autofree char *tag = NULL;
  g_autofree char *partial = g_strstrip (g_strdup (find_typed_tag (key)));

  if (*partial == '\0')
    return FALSE;
  gtk_tree_model_get (GTK_TREE_MODEL (self->known_tags), iter, 0, &tag, -1);
  return tag && g_str_has_prefix (tag, partial) && !g_str_equal (tag, partial);
}

static gboolean
on_tag_match_selected_cb (GtkEntryCompletion *completion,
                          GtkTreeModel       *model,
                          GtkTreeIter        *iter,
                          CdArticleEditor    *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->tags_entry));
  const char *typed = find_typed_tag (text);
  g_autofree char *tag = NULL;
  g_autofree char *head = NULL;
  g_autofree char *result = NULL;

  gtk_tree_model_get (model, iter, 0, &tag, -1);
  head = g_strndup (text, typed - text);
  result = g_strconcat (head, *head ? " " : "", tag, cd_ui_list_separator (), NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->tags_entry), result);
  gtk_editable_set_position (GTK_EDITABLE (self->tags_entry), -1);
  return TRUE;
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CdArticleEditor *self = CD_ARTICLE_EDITOR (widget);

  if (g_str_equal (action_name, "editor.undo"))
    gtk_text_buffer_undo (GTK_TEXT_BUFFER (self->body_buffer));
  else
    gtk_text_buffer_redo (GTK_TEXT_BUFFER (self->body_buffer));
}

static void
focus_body_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (CD_ARTICLE_EDITOR (widget)->body_view));
}

/* GObject overrides */

static void
cd_article_editor_dispose (GObject *object)
{
  GtkWidget *child;
  CdArticleEditor *self = CD_ARTICLE_EDITOR (object);

  g_signal_group_set_target (self->article_signals, NULL);
  g_clear_object (&self->article);
  g_cancellable_cancel (self->spell_cancellable);
  g_clear_object (&self->spell);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_ARTICLE_EDITOR);
  /* Children of the template that C never names are unparented too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cd_article_editor_parent_class)->dispose (object);
}

static void
cd_article_editor_finalize (GObject *object)
{
  CdArticleEditor *self = CD_ARTICLE_EDITOR (object);

  g_clear_object (&self->article_signals);
  g_clear_object (&self->spell_cancellable);
  g_clear_object (&self->spell_menu);
  g_clear_pointer (&self->spell_checkers, g_hash_table_unref);
  g_free (self->spell_language);
  g_clear_object (&self->known_tags);
  g_clear_pointer (&self->language_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (cd_article_editor_parent_class)->finalize (object);
}

static void
cd_article_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CdArticleEditor *self = CD_ARTICLE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;
    case PROP_HEADLINE_LIMIT:
      g_value_set_uint (value, self->headline_limit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_article_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CdArticleEditor *self = CD_ARTICLE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      cd_article_editor_set_article (self, g_value_get_object (value));
      break;
    case PROP_HEADLINE_LIMIT:
      cd_article_editor_set_headline_limit (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_article_editor_class_init (CdArticleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_article_editor_dispose;
  object_class->finalize = cd_article_editor_finalize;
  object_class->get_property = cd_article_editor_get_property;
  object_class->set_property = cd_article_editor_set_property;

  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL, CD_TYPE_ARTICLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEADLINE_LIMIT] =
    g_param_spec_uint ("headline-limit", NULL, NULL, 0, G_MAXUINT, DEFAULT_HEADLINE_LIMIT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (GTK_SOURCE_TYPE_BUFFER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/copydesk/Copydesk/cd-article-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, headline_entry);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, headline_count);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, standfirst_entry);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, byline_entry);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, dateline_entry);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, section_entry);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, tags_entry);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, language_list);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, status_list);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, body_buffer);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, word_count_label);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, save_state_label);
  gtk_widget_class_bind_template_callback (widget_class, on_headline_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_standfirst_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_byline_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_dateline_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_section_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tags_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_language_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_status_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_body_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_undo_actions);

  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "editor.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "editor.focus-body", NULL, focus_body_action);
  gtk_widget_class_install_action (widget_class, "editor.spell-replace", "s", spell_replace_action);
  gtk_widget_class_install_action (widget_class, "editor.spell-ignore", NULL, spell_ignore_action);
  gtk_widget_class_install_action (widget_class, "editor.spell-none", NULL, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.focus-body", NULL);

  gtk_widget_class_set_css_name (widget_class, "cdarticleeditor");
}

static void
init_spelling (CdArticleEditor *self)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->body_buffer);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkTextIter start;

  self->spell = cd_spell_highlighter_new (buffer);
  self->spell_checkers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->spell_cancellable = g_cancellable_new ();
  self->spell_menu = g_menu_new ();
  gtk_text_buffer_get_start_iter (buffer, &start);
  self->spell_start = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
  self->spell_end = gtk_text_buffer_create_mark (buffer, NULL, &start, FALSE);
  gtk_text_view_set_extra_menu (GTK_TEXT_VIEW (self->body_view), G_MENU_MODEL (self->spell_menu));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.spell-none", FALSE);

  /* Before the view opens its menu, so the menu is about this word. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_body_right_click_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->body_view), GTK_EVENT_CONTROLLER (click));
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_body_key_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->body_view), keys);
}

static void
cd_article_editor_init (CdArticleEditor *self)
{
  g_autoptr(GtkEntryCompletion) completion = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->headline_limit = DEFAULT_HEADLINE_LIMIT;
  self->language_codes = g_ptr_array_new_with_free_func (g_free);
  self->known_tags = gtk_list_store_new (1, G_TYPE_STRING);

  for (CdArticleStatus s = CD_ARTICLE_STATUS_DRAFT; s <= CD_ARTICLE_STATUS_WITHDRAWN; s++)
    gtk_string_list_append (self->status_list, cd_ui_status_label (s));

  completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->known_tags));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_match_func (completion, tag_completion_match, self, NULL);
  g_signal_connect (completion, "match-selected", G_CALLBACK (on_tag_match_selected_cb), self);
  gtk_entry_set_completion (self->tags_entry, completion);

  init_spelling (self);

  self->article_signals = g_signal_group_new (CD_TYPE_ARTICLE);
  g_signal_group_connect_object (self->article_signals, "notify",
                                 G_CALLBACK (on_article_notify_cb), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->headline_count),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Headline length"), -1);
  load_article (self);
  update_undo_actions (self);
}

/* Public API */

GtkWidget *
cd_article_editor_new (void)
{
  return g_object_new (CD_TYPE_ARTICLE_EDITOR, NULL);
}

CdArticle *
cd_article_editor_get_article (CdArticleEditor *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_EDITOR (self), NULL);
  return self->article;
}

void
cd_article_editor_set_article (CdArticleEditor *self,
                               CdArticle       *article)
{
  gboolean other;

  g_return_if_fail (CD_IS_ARTICLE_EDITOR (self));
  g_return_if_fail (!article || CD_IS_ARTICLE (article));

  other = !same_article (self->article, article);
  if (!g_set_object (&self->article, article))
    return;
  g_signal_group_set_target (self->article_signals, article);
  load_article (self);
  if (other)
    show_from_top (self);
  cd_article_editor_set_save_state (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}

guint
cd_article_editor_get_headline_limit (CdArticleEditor *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_EDITOR (self), 0);
  return self->headline_limit;
}

void
cd_article_editor_set_headline_limit (CdArticleEditor *self,
                                      guint            limit)
{
  g_return_if_fail (CD_IS_ARTICLE_EDITOR (self));

  if (self->headline_limit == limit)
    return;
  self->headline_limit = limit;
  update_headline_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEADLINE_LIMIT]);
}

void
cd_article_editor_set_known_tags (CdArticleEditor    *self,
                                  const char * const *tags)
{
  g_return_if_fail (CD_IS_ARTICLE_EDITOR (self));

  gtk_list_store_clear (self->known_tags);
  for (guint i = 0; tags && tags[i]; i++)
    gtk_list_store_insert_with_values (self->known_tags, NULL, -1, 0, tags[i], -1);
}

/* A short word for the action bar: "Saved", "Saving…", "Not saved". */
void
cd_article_editor_set_save_state (CdArticleEditor *self,
                                  const char      *state)
{
  g_return_if_fail (CD_IS_ARTICLE_EDITOR (self));
  gtk_label_set_label (self->save_state_label, state ? state : "");
}

void
cd_article_editor_focus_headline (CdArticleEditor *self)
{
  g_return_if_fail (CD_IS_ARTICLE_EDITOR (self));
  /* Not all selected, as a focus grab does by default: the next key
   * would replace the whole headline. */
  gtk_entry_grab_focus_without_selecting (self->headline_entry);
  gtk_editable_set_position (GTK_EDITABLE (self->headline_entry), -1);
}

GtkWidget *
cd_article_editor_get_headline_entry (CdArticleEditor *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_EDITOR (self), NULL);
  return GTK_WIDGET (self->headline_entry);
}

GtkWidget *
cd_article_editor_get_section_entry (CdArticleEditor *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_EDITOR (self), NULL);
  return GTK_WIDGET (self->section_entry);
}

GtkWidget *
cd_article_editor_get_tags_entry (CdArticleEditor *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_EDITOR (self), NULL);
  return GTK_WIDGET (self->tags_entry);
}

GtkWidget *
cd_article_editor_get_body_view (CdArticleEditor *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_EDITOR (self), NULL);
  return GTK_WIDGET (self->body_view);
}

/* For tests: what underlines the misspelt words of the body. */
CdSpellHighlighter *
cd_article_editor_get_spell_highlighter (CdArticleEditor *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_EDITOR (self), NULL);
  return self->spell;
}

/* Fills the body's context menu for the word at the cursor, as opening
 * the menu with the keyboard does. */
void
cd_article_editor_prepare_spell_menu (CdArticleEditor *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter cursor;

  g_return_if_fail (CD_IS_ARTICLE_EDITOR (self));

  buffer = GTK_TEXT_BUFFER (self->body_buffer);
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  update_spell_menu (self, &cursor);
}

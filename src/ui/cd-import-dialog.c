/* cd-import-dialog.c: review page copy before it is written to the store
 *
 * Shows each article the parser found with what the cleanup removed
 * (repeated headline, repeated captions, widget lines), and every file it
 * could not read. Nothing touches the store until the user presses
 * Import; the window then adds the new articles in one batch. Copy that
 * is already in the store, or earlier in the same import, is shown and
 * left out; copy that resembles an article is imported marked as a
 * possible duplicate of it. Both are judged by cd-duplicate-finder.c,
 * as copydesk-cli import judges them, so the two never disagree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-article-summary.h"
#include "cd-duplicate-finder.h"
#include "cd-import-dialog.h"
#include "cd-importer.h"
#include "cd-ui-utils.h"
#include "cd-util.h"

struct _CdImportDialog
{
  AdwWindow parent_instance;

  GtkLabel *summary_label;
  GtkLabel *detail_label;
  GtkListBox *error_list;
  GtkListBox *article_list;
  GtkWidget *import_button;

  CdStore *store;
  GPtrArray *articles;        /* CdArticle to import */
  CdDuplicateFinder *finder;  /* the store's articles, then those queued */
  GHashTable *headlines;      /* id → headline, of the articles queued */
  CdImportCounts counts;
};

G_DEFINE_FINAL_TYPE (CdImportDialog, cd_import_dialog, ADW_TYPE_WINDOW)

enum {
  ACCEPTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
reason_label (CdRemovedReason reason)
{
  switch (reason)
    {
    case CD_REMOVED_REPEATED_HEADLINE: return _("repeated headline");
    case CD_REMOVED_REPEATED_CAPTION: return _("repeated caption");
    case CD_REMOVED_WIDGET_LINE: return _("page widget");
    default: return _("removed");
    }
}

/* Import is the default (Enter imports) and has the focus whenever it
 * would add something; otherwise Enter is left to Cancel. */
static void
update_summary (CdImportDialog *self)
{
  g_autofree char *details = NULL;
  g_autofree char *heading = NULL;
  gboolean can_import = self->articles->len > 0;

  self->counts.n_new = self->articles->len;
  heading = cd_ui_describe_import (&self->counts, &details);
  gtk_label_set_label (self->summary_label, heading);
  gtk_label_set_label (self->detail_label, details ? details : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), details != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.accept", can_import);
  gtk_window_set_default_widget (GTK_WINDOW (self), can_import ? self->import_button : NULL);
  if (can_import)
    gtk_window_set_focus (GTK_WINDOW (self), self->import_button);
}

static GtkWidget *
removed_line_row (const CdRemovedLine *line)
{
  g_autofree char *title = g_markup_escape_text (line->text, -1);
  g_autofree char *subtitle = g_strdup_printf (_("Line %u, %s"), line->line,
                                               reason_label (line->reason));
  g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  cd_ui_set_text_direction (row, cd_ui_text_is_rtl (line->text));
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

/* "ferry.txt, line 1 · 3 paragraphs · 1 photo · 5 lines removed", each
 * count in its own plural form; nothing is said of no lines removed.
 * Each part (and the file's name, which may be Arabic in an English
 * interface) is isolated so it keeps its order. */
static char *
describe_article (const char *source_name,
                  guint       line,
                  guint       n_paragraphs,
                  guint       n_photos,
                  guint       n_removed)
{
  g_autofree char *name = g_strconcat ("\u2068", source_name, "\u2069", NULL);
  g_autofree char *where = g_strdup_printf (_("%s, line %u"), name, line);
  g_autofree char *paragraphs = g_strdup_printf (ngettext ("%u paragraph", "%u paragraphs",
                                                           n_paragraphs), n_paragraphs);
  g_autofree char *photos = g_strdup_printf (ngettext ("%u photo", "%u photos", n_photos),
                                             n_photos);
  g_autofree char *removed = NULL;
  const char *parts[5] = { where, paragraphs, photos, NULL, NULL };

  if (n_removed > 0)
    removed = g_strdup_printf (ngettext ("%u line removed", "%u lines removed", n_removed),
                               n_removed);
  parts[3] = removed;
  /* Translators: separates the parts of a line that describes an article */
  return cd_ui_join_isolated (parts, _(" · "));
}

/* What an article found resembles or repeats, in a whole sentence that
 * names it by its headline; NULL when it is like nothing known. */
static char *
describe_match (CdImportDialog  *self,
                CdDuplicateKind  kind,
                const char      *other_id)
{
  const char *earlier = other_id ? g_hash_table_lookup (self->headlines, other_id) : NULL;
  CdArticleSummary *stored = NULL;
  const char *headline = NULL;

  if (kind == CD_DUPLICATE_NONE)
    return NULL;
  if (kind == CD_DUPLICATE_SAME)
    return g_strdup (earlier
                     ? _("It repeats an article found earlier in this import and will be left "
                         "out.")
                     : _("It is already in the store and will be left out."));
  if (earlier == NULL)
    stored = cd_store_find (self->store, other_id);
  headline = earlier ? earlier : stored ? cd_article_summary_get_headline (stored) : NULL;
  if (cd_str_is_blank (headline))
    return g_strdup (earlier
                     ? _("It looks like an article found earlier in this import and will be "
                         "marked as a possible duplicate.")
                     : _("It looks like an article already in the store and will be marked as "
                         "a possible duplicate."));
  /* Translators: %s is the headline of the article the copy resembles */
  return g_strdup_printf (earlier
                          ? _("It looks like “%s”, found earlier in this import, and will be "
                              "marked as a possible duplicate.")
                          : _("It looks like “%s”, already in the store, and will be marked as "
                              "a possible duplicate."), headline);
}

/* The icon that starts a row whose notices the editor should read; its
 * name is the notices themselves, said once more for screen readers
 * that skip the subtitle. */
static GtkWidget *
warning_icon (const char *notices)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_add_css_class (icon, "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Warning"), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, notices, -1);
  return icon;
}

/* An article found, as a row: the facts, then each notice on a line of
 * its own, in words, beside a warning icon. Only a row with lines the
 * cleanup removed expands, to list them. */
static GtkWidget *
article_row (CdParsedArticle *parsed,
             const char      *source_name,
             const char      *match,
             gboolean         left_out)
{
  GPtrArray *removed = cd_parsed_article_get_removed (parsed);
  g_autofree char *title = g_markup_escape_text (cd_parsed_article_get_headline (parsed), -1);
  g_autofree char *facts = NULL;
  g_autofree char *notices = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  gboolean warn = FALSE;
  GtkWidget *row;

  facts = describe_article (source_name, cd_parsed_article_get_headline_line (parsed),
                            cd_parsed_article_get_paragraphs (parsed)->len,
                            cd_parsed_article_get_photos (parsed)->len, removed->len);
  if (match)
    g_ptr_array_add (lines, (gpointer) match);
  if (!left_out && cd_parsed_article_has_photo_without_credit (parsed))
    g_ptr_array_add (lines, (gpointer) _("A photo has no credit; add one before publishing."));
  warn = !left_out && lines->len > 0;
  g_ptr_array_add (lines, NULL);
  notices = g_strjoinv ("\n", (char **) lines->pdata);
  subtitle = *notices ? g_strconcat (facts, "\n", notices, NULL) : g_strdup (facts);
  escaped = g_markup_escape_text (subtitle, -1);

  if (removed->len > 0)
    {
      row = adw_expander_row_new ();
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), escaped);
      for (guint i = 0; i < removed->len; i++)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                  removed_line_row (g_ptr_array_index (removed, i)));
      if (warn)
        adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), warning_icon (notices));
    }
  else
    {
      row = adw_action_row_new ();
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      if (warn)
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), warning_icon (notices));
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  cd_ui_set_text_direction (row, g_strcmp0 (cd_parsed_article_get_language (parsed), "ar") == 0);
  if (left_out)
    gtk_widget_add_css_class (row, "dim-label");
  return row;
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CdImportDialog *self = CD_IMPORT_DIALOG (widget);

  g_signal_emit (self, signals[ACCEPTED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cd_import_dialog_dispose (GObject *object)
{
  CdImportDialog *self = CD_IMPORT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->articles, g_ptr_array_unref);
  g_clear_pointer (&self->finder, cd_duplicate_finder_free);
  g_clear_pointer (&self->headlines, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (cd_import_dialog_parent_class)->dispose (object);
}

static void
cd_import_dialog_class_init (CdImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_import_dialog_dispose;

  /**
   * CdImportDialog::accepted:
   *
   * The user chose to import; cd_import_dialog_dup_articles() has them.
   */
  signals[ACCEPTED] = g_signal_new ("accepted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/copydesk/Copydesk/cd-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, detail_label);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, error_list);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, article_list);

  gtk_widget_class_install_action (widget_class, "import.accept", NULL, accept_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cd_import_dialog_init (CdImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->articles = g_ptr_array_new_with_free_func (g_object_unref);
  self->headlines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

GtkWidget *
cd_import_dialog_new (GtkWindow *parent,
                      CdStore   *store)
{
  CdImportDialog *self;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = g_object_new (CD_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  /* the same judge of duplicates as copydesk-cli import */
  self->finder = cd_duplicate_finder_new_for_store (store,
                                                    CD_IMPORTER_DEFAULT_NEAR_DUPLICATE_DISTANCE);
  update_summary (self);
  return GTK_WIDGET (self);
}

/* Checks one article found against the store and those queued before
 * it, marks a near-duplicate as the importer does, and shows it. */
static void
add_article (CdImportDialog  *self,
             CdParsedArticle *parsed,
             const char      *source_name)
{
  g_autoptr(CdArticle) article = cd_parsed_article_to_article (parsed);
  const char *other_id = NULL;
  CdDuplicateKind kind = cd_duplicate_finder_check (self->finder, article, &other_id);
  g_autofree char *match = describe_match (self, kind, other_id);

  gtk_list_box_append (self->article_list,
                       article_row (parsed, source_name, match, kind == CD_DUPLICATE_SAME));
  gtk_widget_set_visible (GTK_WIDGET (self->article_list), TRUE);
  if (kind == CD_DUPLICATE_SAME)
    {
      if (g_hash_table_contains (self->headlines, other_id))
        self->counts.n_repeated++;
      else
        self->counts.n_in_store++;
      return;
    }
  if (kind == CD_DUPLICATE_NEAR)
    {
      cd_article_set_duplicate_of (article, other_id);
      self->counts.n_near++;
    }
  cd_duplicate_finder_add_article (self->finder, article);
  g_hash_table_insert (self->headlines, g_strdup (cd_article_get_id (article)),
                       g_strdup (cd_article_get_headline (article)));
  g_ptr_array_add (self->articles, g_steal_pointer (&article));
}

void
cd_import_dialog_add_articles (CdImportDialog *self,
                               const char     *source_name,
                               GPtrArray      *parsed)
{
  g_return_if_fail (CD_IS_IMPORT_DIALOG (self));

  for (guint i = 0; parsed && i < parsed->len; i++)
    {
      CdParsedArticle *p = g_ptr_array_index (parsed, i);

      if (!cd_parsed_article_is_empty (p))
        add_article (self, p, source_name);
    }
  update_summary (self);
}

void
cd_import_dialog_add_error (CdImportDialog *self,
                            const char     *source_name,
                            const GError   *error)
{
  GtkWidget *row;
  g_autofree char *title = NULL;

  g_return_if_fail (CD_IS_IMPORT_DIALOG (self));

  title = g_markup_escape_text (source_name, -1);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("dialog-error-symbolic"));
  gtk_list_box_append (self->error_list, row);
  gtk_widget_set_visible (GTK_WIDGET (self->error_list), TRUE);
  self->counts.n_errors++;
  update_summary (self);
}

/* (transfer container) (element-type CdArticle) */
GPtrArray *
cd_import_dialog_dup_articles (CdImportDialog *self)
{
  g_return_val_if_fail (CD_IS_IMPORT_DIALOG (self), NULL);
  return g_ptr_array_copy (self->articles, (GCopyFunc) g_object_ref, NULL);
}

guint
cd_import_dialog_get_n_new (CdImportDialog *self)
{
  g_return_val_if_fail (CD_IS_IMPORT_DIALOG (self), 0);
  return self->articles->len;
}

guint
cd_import_dialog_get_n_duplicates (CdImportDialog *self)
{
  g_return_val_if_fail (CD_IS_IMPORT_DIALOG (self), 0);
  return self->counts.n_in_store + self->counts.n_repeated;
}

/* Articles to be imported and marked as possible duplicates. */
guint
cd_import_dialog_get_n_near_duplicates (CdImportDialog *self)
{
  g_return_val_if_fail (CD_IS_IMPORT_DIALOG (self), 0);
  return self->counts.n_near;
}

/* The summary at the top, heading then details, a line each; for
 * tests and for whatever reads the dialog out. */
char *
cd_import_dialog_dup_summary (CdImportDialog *self)
{
  const char *details;

  g_return_val_if_fail (CD_IS_IMPORT_DIALOG (self), NULL);

  details = gtk_label_get_label (self->detail_label);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->detail_label)) || *details == '\0')
    return g_strdup (gtk_label_get_label (self->summary_label));
  return g_strconcat (gtk_label_get_label (self->summary_label), "\n", details, NULL);
}

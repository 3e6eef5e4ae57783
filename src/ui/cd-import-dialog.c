/* cd-import-dialog.c: review page copy before it is written to the store
 *
 * Shows each article the parser found with what the cleanup removed
 * (repeated headline, repeated captions, widget lines), and every file it
 * could not read. Nothing touches the store until the user presses
 * Import; the window then adds the new articles in one batch. Copy that
 * is already in the store (same fingerprint) is shown and left out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-import-dialog.h"
#include "cd-ui-utils.h"

struct _CdImportDialog
{
  AdwWindow parent_instance;

  GtkLabel *summary_label;
  GtkListBox *error_list;
  GtkListBox *article_list;

  CdStore *store;
  GPtrArray *articles;        /* CdArticle to import */
  GHashTable *fingerprints;   /* of the store and of what is queued */
  guint n_duplicates;
  guint n_errors;
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

static void
update_summary (CdImportDialog *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u new article will be imported.",
                                             "%u new articles will be imported.",
                                             self->articles->len), self->articles->len);
  if (self->n_duplicates > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u is already in the store and is left out.",
                                                 "%u are already in the store and are left out.",
                                                 self->n_duplicates), self->n_duplicates);
    }
  gtk_label_set_label (self->summary_label, text->str);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.accept", self->articles->len > 0);
}

static GtkWidget *
removed_line_row (const CdRemovedLine *line)
{
  g_autofree char *title = g_markup_escape_text (line->text, -1);
  g_autofree char *subtitle = g_strdup_printf (_("Line %u, %s"), line->line,
                                               reason_label (line->reason));
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  cd_ui_set_text_direction (row, cd_ui_text_is_rtl (line->text));
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

/* "ferry.txt, line 1 · 3 paragraphs · 1 photo · 5 lines removed", each
 * count in its own plural form, each part (and the file's name, which
 * may be Arabic in an English interface) isolated so it keeps its order. */
static char *
describe_article (const char *source_name,
                  guint       line,
                  guint       n_paragraphs,
                  guint       n_photos,
                  guint       n_removed,
                  gboolean    duplicate)
{
  g_autofree char *name = g_strconcat ("\u2068", source_name, "\u2069", NULL);
  g_autofree char *where = g_strdup_printf (_("%s, line %u"), name, line);
  g_autofree char *paragraphs = g_strdup_printf (ngettext ("%u paragraph", "%u paragraphs",
                                                           n_paragraphs), n_paragraphs);
  g_autofree char *photos = g_strdup_printf (ngettext ("%u photo", "%u photos", n_photos),
                                             n_photos);
  g_autofree char *removed = g_strdup_printf (ngettext ("%u line removed", "%u lines removed",
                                                        n_removed), n_removed);
  const char *parts[] = { where, paragraphs, photos, removed,
                          duplicate ? _("already in the store") : NULL, NULL };

  /* Translators: separates the parts of a line that describes an article */
  return cd_ui_join_isolated (parts, _(" · "));
}

static GtkWidget *
article_row (CdParsedArticle *parsed,
             const char      *source_name,
             gboolean         duplicate)
{
  GPtrArray *removed = cd_parsed_article_get_removed (parsed);
  GPtrArray *photos = cd_parsed_article_get_photos (parsed);
  GPtrArray *paragraphs = cd_parsed_article_get_paragraphs (parsed);
  g_autofree char *title = g_markup_escape_text (cd_parsed_article_get_headline (parsed), -1);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_expander_row_new ();

  subtitle = describe_article (source_name, cd_parsed_article_get_headline_line (parsed),
                               paragraphs->len, photos->len, removed->len, duplicate);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  cd_ui_set_text_direction (row, g_strcmp0 (cd_parsed_article_get_language (parsed), "ar") == 0);
  if (duplicate)
    gtk_widget_add_css_class (row, "dim-label");
  if (cd_parsed_article_has_photo_without_credit (parsed))
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_set_tooltip_text (icon, _("A photo has no credit"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("A photo has no credit"), -1);
      gtk_widget_add_css_class (icon, "warning");
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
    }
  for (guint i = 0; i < removed->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), removed_line_row (g_ptr_array_index (removed, i)));
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
  g_clear_pointer (&self->fingerprints, g_hash_table_unref);
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
  self->fingerprints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

GtkWidget *
cd_import_dialog_new (GtkWindow *parent,
                      CdStore   *store)
{
  CdImportDialog *self;
  guint n;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = g_object_new (CD_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdArticleSummary) s = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_hash_table_add (self->fingerprints, cd_article_summary_dup_fingerprint (s));
    }
  update_summary (self);
  return GTK_WIDGET (self);
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
      g_autoptr(CdArticle) article = NULL;
      g_autofree char *fingerprint = NULL;
      gboolean duplicate;

      if (cd_parsed_article_is_empty (p))
        continue;
      article = cd_parsed_article_to_article (p);
      fingerprint = cd_article_dup_fingerprint (article);
      duplicate = g_hash_table_contains (self->fingerprints, fingerprint);
      gtk_list_box_append (self->article_list, article_row (p, source_name, duplicate));
      if (duplicate)
        {
          self->n_duplicates++;
          continue;
        }
      g_hash_table_add (self->fingerprints, g_steal_pointer (&fingerprint));
      g_ptr_array_add (self->articles, g_steal_pointer (&article));
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
  self->n_errors++;
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
  return self->n_duplicates;
}

/* cd-article-row.c: one line of the article list
 *
 * Built in C rather than from a template: GTK 4.8's list views make a new
 * row for every article that scrolls or is searched into view, and
 * building a template takes several times longer than three labels. A
 * row is kept to those three labels (and a warning icon made only when
 * needed) for the same reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cd-article-row.h"
#include "cd-ui-utils.h"

struct _CdArticleRow
{
  GtkWidget parent_instance;

  GtkLabel *headline_label;
  GtkLabel *status_label;
  GtkLabel *meta_label;

  GtkWidget *warning_icon;     /* made on first need */
  CdArticleSummary *summary;
  char *time_text;
  guint body_match : 1;        /* listed by a search for its body alone */
};

G_DEFINE_FINAL_TYPE (CdArticleRow, cd_article_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *status_classes[] = { "draft", "edited", "ready", "published", "withdrawn" };

/* Auxiliary methods */

/* The local time, asked for at most once a second: a keystroke in the
 * search binds dozens of rows, and each question reads /etc/localtime. */
static GDateTime *
dup_now (void)
{
  static GDateTime *now;
  static gint64 asked;
  gint64 monotonic = g_get_monotonic_time ();

  if (now == NULL || monotonic - asked > G_USEC_PER_SEC)
    {
      g_clear_pointer (&now, g_date_time_unref);
      now = g_date_time_new_now_local ();
      asked = monotonic;
    }
  return g_date_time_ref (now);
}

static void
set_status (CdArticleRow    *self,
            CdArticleStatus  status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), status_classes[i]);
  if ((guint) status < G_N_ELEMENTS (status_classes))
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), status_classes[status]);
  gtk_label_set_label (self->status_label, cd_ui_status_label (status));
}

/* A row reads in its headline's direction whatever the locale. */
static void
set_headline (CdArticleRow *self,
              const char   *headline)
{
  if (headline == NULL || *headline == '\0')
    {
      gtk_label_set_label (self->headline_label, _("Untitled"));
      gtk_widget_add_css_class (GTK_WIDGET (self->headline_label), "untitled");
    }
  else
    {
      gtk_label_set_label (self->headline_label, headline);
      gtk_widget_remove_css_class (GTK_WIDGET (self->headline_label), "untitled");
    }
  /* The whole row, so an Arabic headline has its status and details on
   * its right too. */
  cd_ui_set_text_direction (GTK_WIDGET (self), cd_ui_text_is_rtl (headline));
}

/* "Local · 5 minutes ago · 2 photos": one label instead of three, and
 * what the accessible description reads too. The parts come from the
 * article (the section) and from the interface (the time, the count),
 * often in different directions: then each is isolated, and a mark in
 * the row's direction starts the line, so they read in the row's order.
 * When the parts all read one way the line is left plain (an Arabic
 * article's English details read left to right, at the row's side):
 * Pango finds no glyph for those invisible marks in most fonts and looks
 * for a fallback through fontconfig, about 1 MB of memory for a list
 * that needs none of it. */
static int
direction_of (const char *part)
{
  for (const char *p = part; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return cd_ui_text_is_rtl (part) ? 1 : -1;
  return 0;   /* no letter: it goes with the others */
}

static char *
format_meta (CdArticleSummary *s,
             const char       *time_text,
             gboolean          body_match,
             gboolean          rtl)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint n_photos = cd_article_summary_get_n_photos (s);
  g_autofree char *line = NULL;
  gboolean mixed = FALSE;
  int first_direction = 0;
  /* Translators: separates the section, the time and the photo count */
  const char *separator = _(" · ");

  if (*cd_article_summary_get_section (s))
    g_ptr_array_add (parts, g_strdup (cd_article_summary_get_section (s)));
  if (time_text)
    g_ptr_array_add (parts, g_strdup (time_text));
  if (n_photos > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u photo",
                                                          "%u photos", n_photos), n_photos));
  /* Nothing else in the row shows why a search lists it. */
  if (body_match)
    /* Translators: in an article's details line while searching, when
     * the search words are in its text but not in its headline or
     * standfirst */
    g_ptr_array_add (parts, g_strdup (_("matches in the text")));
  for (guint i = 0; i < parts->len && !mixed; i++)
    {
      int direction = direction_of (g_ptr_array_index (parts, i));

      mixed = direction != 0 && first_direction != 0 && direction != first_direction;
      if (first_direction == 0)
        first_direction = direction;
    }
  g_ptr_array_add (parts, NULL);
  if (!mixed)
    return g_strjoinv (separator, (char **) parts->pdata);
  line = cd_ui_join_isolated ((const char * const *) parts->pdata, separator);
  /* RIGHT-TO-LEFT MARK or LEFT-TO-RIGHT MARK */
  return g_strconcat (rtl ? "\u200F" : "\u200E", line, NULL);
}

/* Places @child in the row's grid. */
static GtkWidget *
add_child (CdArticleRow *self,
           GtkWidget    *child,
           int           column,
           int           row,
           int           column_span)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkGridLayoutChild *layout_child;

  gtk_widget_set_parent (child, GTK_WIDGET (self));
  layout_child = GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout, child));
  gtk_grid_layout_child_set_column (layout_child, column);
  gtk_grid_layout_child_set_row (layout_child, row);
  gtk_grid_layout_child_set_column_span (layout_child, column_span);
  return child;
}

static void
ensure_warning_icon (CdArticleRow *self)
{
  if (self->warning_icon)
    return;
  self->warning_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_set_valign (self->warning_icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->warning_icon, "warning");
  add_child (self, self->warning_icon, 2, 0, 1);
}

static void
update_meta (CdArticleRow *self,
             const char   *warnings)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  g_autofree char *meta = format_meta (self->summary, self->time_text,
                                            self->body_match, rtl);
  g_autofree char *description = NULL;

  gtk_label_set_label (self->meta_label, meta);
  description = g_strdup_printf ("%s, %s%s%s",
                                 cd_ui_status_label (cd_article_summary_get_status (self->summary)),
                                 meta, warnings ? ". " : "", warnings ? warnings : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_label (self->headline_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
refresh (CdArticleRow *self)
{
  g_autoptr(GDateTime) now = dup_now ();
  g_autoptr(GDateTime) modified = NULL;
  g_autofree char *warnings = NULL;
  CdArticleSummary *s = self->summary;

  if (s == NULL)
    return;

  set_headline (self, cd_article_summary_get_headline (s));
  set_status (self, cd_article_summary_get_status (s));
  g_free (self->time_text);
  modified = cd_article_summary_dup_modified (s);
  self->time_text = cd_ui_format_relative_time (modified, now);

  warnings = cd_ui_describe_warnings (cd_article_summary_get_warnings (s));
  if (warnings)
    ensure_warning_icon (self);
  if (self->warning_icon)
    {
      gtk_widget_set_visible (self->warning_icon, warnings != NULL);
      gtk_widget_set_tooltip_text (self->warning_icon, warnings);
    }
  update_meta (self, warnings);
}

/* GObject overrides */

static void
cd_article_row_dispose (GObject *object)
{
  CdArticleRow *self = CD_ARTICLE_ROW (object);
  GtkWidget *child;

  cd_article_row_set_summary (self, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  self->headline_label = NULL;
  self->status_label = NULL;
  self->meta_label = NULL;
  self->warning_icon = NULL;

  G_OBJECT_CLASS (cd_article_row_parent_class)->dispose (object);
}

static void
cd_article_row_finalize (GObject *object)
{
  CdArticleRow *self = CD_ARTICLE_ROW (object);

  g_free (self->time_text);

  G_OBJECT_CLASS (cd_article_row_parent_class)->finalize (object);
}

static void
cd_article_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CdArticleRow *self = CD_ARTICLE_ROW (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_object (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_article_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CdArticleRow *self = CD_ARTICLE_ROW (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      cd_article_row_set_summary (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_article_row_class_init (CdArticleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_article_row_dispose;
  object_class->finalize = cd_article_row_finalize;
  object_class->get_property = cd_article_row_get_property;
  object_class->set_property = cd_article_row_set_property;

  properties[PROP_SUMMARY] =
    g_param_spec_object ("summary", NULL, NULL, CD_TYPE_ARTICLE_SUMMARY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_GRID_LAYOUT);
}

static void
cd_article_row_init (CdArticleRow *self)
{
  GtkGridLayout *layout = GTK_GRID_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
  GtkWidget *label;

  gtk_grid_layout_set_row_spacing (layout, 4);
  gtk_grid_layout_set_column_spacing (layout, 8);
  gtk_widget_add_css_class (GTK_WIDGET (self), "article-row");

  label = gtk_label_new (NULL);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "headline");
  self->headline_label = GTK_LABEL (add_child (self, label, 0, 0, 2));

  label = gtk_label_new (NULL);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "status");
  self->status_label = GTK_LABEL (add_child (self, label, 0, 1, 1));

  label = gtk_label_new (NULL);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "meta");
  gtk_widget_add_css_class (label, "caption");
  /* The only child of column 1 alone: that column takes the extra width,
   * not the status label's. */
  self->meta_label = GTK_LABEL (add_child (self, label, 1, 1, 1));
}

/* Public API */

GtkWidget *
cd_article_row_new (void)
{
  return g_object_new (CD_TYPE_ARTICLE_ROW, NULL);
}

CdArticleSummary *
cd_article_row_get_summary (CdArticleRow *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_ROW (self), NULL);
  return self->summary;
}

void
cd_article_row_set_summary (CdArticleRow     *self,
                            CdArticleSummary *summary)
{
  g_return_if_fail (CD_IS_ARTICLE_ROW (self));

  if (self->summary == summary)
    return;
  if (self->summary)
    g_signal_handlers_disconnect_by_data (self->summary, self);
  g_set_object (&self->summary, summary);
  /* Whoever binds the row says again whether the new one matched. */
  self->body_match = FALSE;
  /* The store updates a summary in place when its article is saved. */
  if (summary)
    g_signal_connect_object (summary, "notify", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

/* Whether the row says it is listed for its text (body) alone: set
 * while a search finds the article only there. */
void
cd_article_row_set_body_match (CdArticleRow *self,
                               gboolean      body_match)
{
  g_autofree char *warnings = NULL;

  g_return_if_fail (CD_IS_ARTICLE_ROW (self));

  body_match = !!body_match;
  if (self->body_match == (guint) body_match)
    return;
  self->body_match = body_match;
  if (self->summary == NULL)
    return;
  warnings = cd_ui_describe_warnings (cd_article_summary_get_warnings (self->summary));
  update_meta (self, warnings);
}

gboolean
cd_article_row_get_body_match (CdArticleRow *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_ROW (self), FALSE);
  return self->body_match;
}

/* The details line as shown: section, time and photo count, and while
 * searching, whether only the text matches. */
const char *
cd_article_row_get_meta (CdArticleRow *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_ROW (self), NULL);
  return gtk_label_get_label (self->meta_label);
}

void
cd_article_row_update_time (CdArticleRow *self,
                            GDateTime    *now)
{
  g_autoptr(GDateTime) modified = NULL;
  g_autofree char *text = NULL;
  g_autofree char *warnings = NULL;

  g_return_if_fail (CD_IS_ARTICLE_ROW (self));

  if (self->summary == NULL)
    return;
  modified = cd_article_summary_dup_modified (self->summary);
  text = cd_ui_format_relative_time (modified, now);
  if (g_strcmp0 (text, self->time_text) == 0)
    return;
  g_free (self->time_text);
  self->time_text = g_steal_pointer (&text);
  warnings = cd_ui_describe_warnings (cd_article_summary_get_warnings (self->summary));
  update_meta (self, warnings);
}

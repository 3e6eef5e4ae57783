/* cd-article-row.c: one line of the article list
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
  GtkWidget *warning_icon;
  GtkLabel *status_label;
  GtkLabel *section_label;
  GtkLabel *time_label;
  GtkWidget *photos_box;
  GtkLabel *photos_label;

  CdArticleSummary *summary;
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

/* The headline reads in its own script's direction whatever the locale. */
static void
set_headline (CdArticleRow *self,
              const char   *headline)
{
  if (headline == NULL || *headline == '\0')
    {
      gtk_label_set_label (self->headline_label, _("Untitled"));
      gtk_widget_add_css_class (GTK_WIDGET (self->headline_label), "dim-label");
    }
  else
    {
      gtk_label_set_label (self->headline_label, headline);
      gtk_widget_remove_css_class (GTK_WIDGET (self->headline_label), "dim-label");
    }
  cd_ui_set_text_direction (GTK_WIDGET (self->headline_label), cd_ui_text_is_rtl (headline));
}

static void
update_accessible_description (CdArticleRow *self,
                               const char   *warnings)
{
  g_autofree char *description = NULL;
  CdArticleSummary *s = self->summary;

  description = g_strdup_printf ("%s, %s, %s%s%s",
                                 cd_ui_status_label (cd_article_summary_get_status (s)),
                                 gtk_label_get_label (self->section_label),
                                 gtk_label_get_label (self->time_label),
                                 warnings ? ". " : "", warnings ? warnings : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_label (self->headline_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
refresh (CdArticleRow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *warnings = NULL;
  g_autofree char *photos = NULL;
  CdArticleSummary *s = self->summary;
  guint n_photos;

  if (s == NULL)
    return;

  set_headline (self, cd_article_summary_get_headline (s));
  set_status (self, cd_article_summary_get_status (s));
  gtk_label_set_label (self->section_label, cd_article_summary_get_section (s));
  gtk_widget_set_visible (GTK_WIDGET (self->section_label),
                          *cd_article_summary_get_section (s) != '\0');
  cd_article_row_update_time (self, now);

  n_photos = cd_article_summary_get_n_photos (s);
  photos = g_strdup_printf ("%u", n_photos);
  gtk_label_set_label (self->photos_label, photos);
  gtk_widget_set_visible (self->photos_box, n_photos > 0);
  gtk_widget_set_tooltip_text (self->photos_box,
                               g_dngettext (GETTEXT_PACKAGE, "One photo", "Several photos",
                                            n_photos));

  warnings = cd_ui_describe_warnings (cd_article_summary_get_warnings (s));
  gtk_widget_set_visible (self->warning_icon, warnings != NULL);
  gtk_widget_set_tooltip_text (self->warning_icon, warnings);
  update_accessible_description (self, warnings);
}

/* GObject overrides */

static void
cd_article_row_dispose (GObject *object)
{
  CdArticleRow *self = CD_ARTICLE_ROW (object);
  GtkWidget *child;

  cd_article_row_set_summary (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_ARTICLE_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cd_article_row_parent_class)->dispose (object);
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
  object_class->get_property = cd_article_row_get_property;
  object_class->set_property = cd_article_row_set_property;

  properties[PROP_SUMMARY] =
    g_param_spec_object ("summary", NULL, NULL, CD_TYPE_ARTICLE_SUMMARY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/copydesk/Copydesk/cd-article-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CdArticleRow, headline_label);
  gtk_widget_class_bind_template_child (widget_class, CdArticleRow, warning_icon);
  gtk_widget_class_bind_template_child (widget_class, CdArticleRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, CdArticleRow, section_label);
  gtk_widget_class_bind_template_child (widget_class, CdArticleRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, CdArticleRow, photos_box);
  gtk_widget_class_bind_template_child (widget_class, CdArticleRow, photos_label);
}

static void
cd_article_row_init (CdArticleRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
  /* The store updates a summary in place when its article is saved. */
  if (summary)
    g_signal_connect_object (summary, "notify", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

void
cd_article_row_update_time (CdArticleRow *self,
                            GDateTime    *now)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CD_IS_ARTICLE_ROW (self));

  if (self->summary == NULL)
    return;
  text = cd_ui_format_relative_time (cd_article_summary_get_modified (self->summary), now);
  gtk_label_set_label (self->time_label, text);
}

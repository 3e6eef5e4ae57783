/* cd-trashed-article.c: an article in the store's trash, and when it
 * went there
 *
 * The store's list model holds only the articles in the store; what the
 * trash holds is read on demand (cd_store_list_trashed_async()) into
 * these. They do not change: a trashed file is never written, so a new
 * reading of the trash makes new ones.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-trashed-article.h"

struct _CdTrashedArticle
{
  GObject parent_instance;

  CdArticleSummary *summary;
  GDateTime *trashed;
};

G_DEFINE_FINAL_TYPE (CdTrashedArticle, cd_trashed_article, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SUMMARY,
  PROP_ID,
  PROP_HEADLINE,
  PROP_TRASHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cd_trashed_article_finalize (GObject *object)
{
  CdTrashedArticle *self = CD_TRASHED_ARTICLE (object);

  g_clear_object (&self->summary);
  g_clear_pointer (&self->trashed, g_date_time_unref);

  G_OBJECT_CLASS (cd_trashed_article_parent_class)->finalize (object);
}

static void
cd_trashed_article_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CdTrashedArticle *self = CD_TRASHED_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_object (value, self->summary);
      break;
    case PROP_ID:
      g_value_set_string (value, cd_trashed_article_get_id (self));
      break;
    case PROP_HEADLINE:
      g_value_set_string (value, cd_trashed_article_get_headline (self));
      break;
    case PROP_TRASHED:
      g_value_set_boxed (value, self->trashed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_trashed_article_class_init (CdTrashedArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_trashed_article_finalize;
  object_class->get_property = cd_trashed_article_get_property;

  properties[PROP_SUMMARY] =
    g_param_spec_object ("summary", NULL, NULL, CD_TYPE_ARTICLE_SUMMARY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEADLINE] =
    g_param_spec_string ("headline", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRASHED] =
    g_param_spec_boxed ("trashed", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_trashed_article_init (CdTrashedArticle *self)
{
}

/**
 * cd_trashed_article_new:
 * @summary: the trashed article's summary
 * @trashed: when it went to the trash
 */
CdTrashedArticle *
cd_trashed_article_new (CdArticleSummary *summary,
                        GDateTime        *trashed)
{
  CdTrashedArticle *self;

  g_return_val_if_fail (CD_IS_ARTICLE_SUMMARY (summary), NULL);
  g_return_val_if_fail (trashed != NULL, NULL);

  self = g_object_new (CD_TYPE_TRASHED_ARTICLE, NULL);
  self->summary = g_object_ref (summary);
  self->trashed = g_date_time_ref (trashed);
  return self;
}

CdArticleSummary *
cd_trashed_article_get_summary (CdTrashedArticle *self)
{
  g_return_val_if_fail (CD_IS_TRASHED_ARTICLE (self), NULL);
  return self->summary;
}

const char *
cd_trashed_article_get_id (CdTrashedArticle *self)
{
  g_return_val_if_fail (CD_IS_TRASHED_ARTICLE (self), NULL);
  return cd_article_summary_get_id (self->summary);
}

const char *
cd_trashed_article_get_headline (CdTrashedArticle *self)
{
  g_return_val_if_fail (CD_IS_TRASHED_ARTICLE (self), NULL);
  return cd_article_summary_get_headline (self->summary);
}

/* Returns: (transfer none): when the article went to the trash, in UTC */
GDateTime *
cd_trashed_article_get_trashed (CdTrashedArticle *self)
{
  g_return_val_if_fail (CD_IS_TRASHED_ARTICLE (self), NULL);
  return self->trashed;
}

/* The most recently trashed first; the id settles a tie, so the order
 * does not depend on the order the folder was read in. */
int
cd_trashed_article_compare (CdTrashedArticle *a,
                            CdTrashedArticle *b)
{
  int order = g_date_time_compare (b->trashed, a->trashed);

  if (order != 0)
    return order;
  return g_strcmp0 (cd_trashed_article_get_id (a), cd_trashed_article_get_id (b));
}

/* cd-article-summary.c: what the article list shows of one article
 *
 * The store keeps one summary per article in its list model instead of the
 * whole article, so that a store of 100,000 articles lists quickly and in
 * little memory. A summary is updated in place when its article is saved,
 * so a row bound to it changes without the list being rebuilt.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cd-article-summary-private.h"
#include "cd-enums.h"

G_DEFINE_FINAL_TYPE (CdArticleSummary, cd_article_summary, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_HEADLINE,
  PROP_STANDFIRST,
  PROP_STATUS,
  PROP_SECTION,
  PROP_TAGS,
  PROP_LANGUAGE,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_REVISION,
  PROP_N_PHOTOS,
  PROP_WARNINGS,
  PROP_DUPLICATE_OF,
  PROP_FINGERPRINT,
  PROP_SIMHASH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const no_tags[] = { NULL };

static char *
dup_or_null (const char *str)
{
  return str == NULL || *str == '\0' ? NULL : g_strdup (str);
}

/* GLib 2.74 has no g_date_time_to_unix_usec. */
gint64
_cd_datetime_to_usec (GDateTime *dt)
{
  if (dt == NULL)
    return 0;
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

static GDateTime *
datetime_from_usec (gint64 usec)
{
  gint64 seconds = usec / G_USEC_PER_SEC;
  gint64 rest = usec % G_USEC_PER_SEC;
  g_autoptr(GDateTime) whole = NULL;

  if (rest < 0)
    {
      seconds--;
      rest += G_USEC_PER_SEC;
    }
  whole = g_date_time_new_from_unix_utc (seconds);
  if (whole == NULL)
    return NULL;
  return g_date_time_add (whole, rest);
}

static void
fill_from_article (CdArticleSummary *self,
                   CdArticle        *article)
{
  const char * const *tags = cd_article_get_tags (article);

  self->id = g_strdup (cd_article_get_id (article));
  self->headline = dup_or_null (cd_article_get_headline (article));
  self->standfirst = dup_or_null (cd_article_get_standfirst (article));
  self->section = dup_or_null (cd_article_get_section (article));
  g_strfreev (self->tags);
  self->tags = g_strdupv ((char **) (tags ? tags : no_tags));
  self->language = dup_or_null (cd_article_get_language (article));
  self->duplicate_of = dup_or_null (cd_article_get_duplicate_of (article));
  self->fingerprint = cd_article_dup_fingerprint (article);
  self->created_usec = _cd_datetime_to_usec (cd_article_get_created (article));
  self->modified_usec = _cd_datetime_to_usec (cd_article_get_modified (article));
  self->revision = cd_article_get_revision (article);
  self->simhash = cd_article_get_simhash (article);
  self->status = cd_article_get_status (article);
  self->warnings = cd_article_get_warnings (article);
  self->n_photos = cd_article_get_n_photos (article);
}

static void
cd_article_summary_finalize (GObject *object)
{
  CdArticleSummary *self = CD_ARTICLE_SUMMARY (object);

  g_free (self->id);
  g_free (self->headline);
  g_free (self->standfirst);
  g_free (self->section);
  g_strfreev (self->tags);
  g_free (self->language);
  g_free (self->duplicate_of);
  g_free (self->fingerprint);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->modified, g_date_time_unref);

  G_OBJECT_CLASS (cd_article_summary_parent_class)->finalize (object);
}

static void
cd_article_summary_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CdArticleSummary *self = CD_ARTICLE_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_HEADLINE: g_value_set_string (value, cd_article_summary_get_headline (self)); break;
    case PROP_STANDFIRST:
      g_value_set_string (value, cd_article_summary_get_standfirst (self));
      break;
    case PROP_STATUS: g_value_set_enum (value, self->status); break;
    case PROP_SECTION: g_value_set_string (value, cd_article_summary_get_section (self)); break;
    case PROP_TAGS: g_value_set_boxed (value, self->tags); break;
    case PROP_LANGUAGE: g_value_set_string (value, cd_article_summary_get_language (self)); break;
    case PROP_CREATED: g_value_set_boxed (value, cd_article_summary_get_created (self)); break;
    case PROP_MODIFIED: g_value_set_boxed (value, cd_article_summary_get_modified (self)); break;
    case PROP_REVISION: g_value_set_uint64 (value, self->revision); break;
    case PROP_N_PHOTOS: g_value_set_uint (value, self->n_photos); break;
    case PROP_WARNINGS: g_value_set_flags (value, self->warnings); break;
    case PROP_DUPLICATE_OF:
      g_value_set_string (value, cd_article_summary_get_duplicate_of (self));
      break;
    case PROP_FINGERPRINT: g_value_set_string (value, self->fingerprint); break;
    case PROP_SIMHASH: g_value_set_uint64 (value, self->simhash); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_pspec (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "",
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
cd_article_summary_class_init (CdArticleSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cd_article_summary_finalize;
  object_class->get_property = cd_article_summary_get_property;

  properties[PROP_ID] = string_pspec ("id");
  properties[PROP_HEADLINE] = string_pspec ("headline");
  properties[PROP_STANDFIRST] = string_pspec ("standfirst");
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, CD_TYPE_ARTICLE_STATUS,
                       CD_ARTICLE_STATUS_DRAFT, ro);
  properties[PROP_SECTION] = string_pspec ("section");
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, ro);
  properties[PROP_LANGUAGE] = string_pspec ("language");
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_MODIFIED] = g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_REVISION] =
    g_param_spec_uint64 ("revision", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_N_PHOTOS] = g_param_spec_uint ("n-photos", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_WARNINGS] =
    g_param_spec_flags ("warnings", NULL, NULL, CD_TYPE_ARTICLE_WARNINGS,
                        CD_ARTICLE_WARNING_NONE, ro);
  properties[PROP_DUPLICATE_OF] = string_pspec ("duplicate-of");
  properties[PROP_FINGERPRINT] = string_pspec ("fingerprint");
  properties[PROP_SIMHASH] = g_param_spec_uint64 ("simhash", NULL, NULL, 0, G_MAXUINT64, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_article_summary_init (CdArticleSummary *self)
{
  self->tags = g_new0 (char *, 1);
}

CdArticleSummary *
_cd_article_summary_new_empty (void)
{
  return g_object_new (CD_TYPE_ARTICLE_SUMMARY, NULL);
}

CdArticleSummary *
cd_article_summary_new (CdArticle *article)
{
  CdArticleSummary *self;

  g_return_val_if_fail (CD_IS_ARTICLE (article), NULL);

  self = _cd_article_summary_new_empty ();
  fill_from_article (self, article);
  return self;
}

static void
assign_string (CdArticleSummary  *self,
               char             **field,
               char             **from,
               int                prop)
{
  if (g_strcmp0 (*field, *from) == 0)
    return;
  g_free (*field);
  *field = g_steal_pointer (from);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
assign_time (CdArticleSummary  *self,
             gint64            *usec,
             GDateTime        **cache,
             gint64             from,
             int                prop)
{
  if (*usec == from)
    return;
  *usec = from;
  g_clear_pointer (cache, g_date_time_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

#define ASSIGN_VALUE(field, PROP)                                          \
  G_STMT_START {                                                           \
    if (self->field != from->field)                                        \
      {                                                                    \
        self->field = from->field;                                         \
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);      \
      }                                                                    \
  } G_STMT_END

/* Takes over the fields of @from, a summary of the same article that is
 * thrown away afterwards, and notifies each property that changed. */
void
_cd_article_summary_assign (CdArticleSummary *self,
                            CdArticleSummary *from)
{
  g_return_if_fail (CD_IS_ARTICLE_SUMMARY (self));
  g_return_if_fail (CD_IS_ARTICLE_SUMMARY (from));
  g_return_if_fail (g_strcmp0 (self->id, from->id) == 0);

  g_object_freeze_notify (G_OBJECT (self));
  assign_string (self, &self->headline, &from->headline, PROP_HEADLINE);
  assign_string (self, &self->standfirst, &from->standfirst, PROP_STANDFIRST);
  assign_string (self, &self->section, &from->section, PROP_SECTION);
  assign_string (self, &self->language, &from->language, PROP_LANGUAGE);
  assign_string (self, &self->duplicate_of, &from->duplicate_of, PROP_DUPLICATE_OF);
  assign_string (self, &self->fingerprint, &from->fingerprint, PROP_FINGERPRINT);
  if (!g_strv_equal ((const char * const *) self->tags, (const char * const *) from->tags))
    {
      g_strfreev (self->tags);
      self->tags = g_steal_pointer (&from->tags);
      from->tags = g_new0 (char *, 1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
    }
  assign_time (self, &self->created_usec, &self->created, from->created_usec, PROP_CREATED);
  assign_time (self, &self->modified_usec, &self->modified, from->modified_usec, PROP_MODIFIED);
  ASSIGN_VALUE (revision, PROP_REVISION);
  ASSIGN_VALUE (simhash, PROP_SIMHASH);
  ASSIGN_VALUE (status, PROP_STATUS);
  ASSIGN_VALUE (warnings, PROP_WARNINGS);
  ASSIGN_VALUE (n_photos, PROP_N_PHOTOS);
  g_object_thaw_notify (G_OBJECT (self));
}

#undef ASSIGN_VALUE

/**
 * cd_article_summary_update:
 *
 * Brings the summary up to date with @article, which must have the same id,
 * emitting notify for each property that changed.
 */
void
cd_article_summary_update (CdArticleSummary *self,
                           CdArticle        *article)
{
  g_autoptr(CdArticleSummary) fresh = NULL;

  g_return_if_fail (CD_IS_ARTICLE_SUMMARY (self));
  g_return_if_fail (CD_IS_ARTICLE (article));

  fresh = cd_article_summary_new (article);
  _cd_article_summary_assign (self, fresh);
}

/**
 * cd_article_summary_compare:
 *
 * The store's order: most recently modified first, then by id so that the
 * order is total.
 *
 * Returns: negative when @a comes before @b
 */
int
cd_article_summary_compare (CdArticleSummary *a,
                            CdArticleSummary *b)
{
  if (a->modified_usec != b->modified_usec)
    return a->modified_usec > b->modified_usec ? -1 : 1;
  return g_strcmp0 (a->id, b->id);
}

const char *
cd_article_summary_get_id (CdArticleSummary *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_SUMMARY (self), NULL);
  return self->id;
}

#define STRING_GETTER(field)                                            \
  const char *                                                          \
  cd_article_summary_get_##field (CdArticleSummary *self)               \
  {                                                                     \
    g_return_val_if_fail (CD_IS_ARTICLE_SUMMARY (self), NULL);          \
    return self->field ? self->field : "";                              \
  }

STRING_GETTER (headline)
STRING_GETTER (standfirst)
STRING_GETTER (section)
STRING_GETTER (language)
STRING_GETTER (duplicate_of)
STRING_GETTER (fingerprint)

#undef STRING_GETTER

const char * const *
cd_article_summary_get_tags (CdArticleSummary *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_SUMMARY (self), NULL);
  return (const char * const *) self->tags;
}

CdArticleStatus
cd_article_summary_get_status (CdArticleSummary *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_SUMMARY (self), CD_ARTICLE_STATUS_DRAFT);
  return self->status;
}

GDateTime *
cd_article_summary_get_created (CdArticleSummary *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_SUMMARY (self), NULL);
  if (self->created == NULL)
    self->created = datetime_from_usec (self->created_usec);
  return self->created;
}

GDateTime *
cd_article_summary_get_modified (CdArticleSummary *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_SUMMARY (self), NULL);
  if (self->modified == NULL)
    self->modified = datetime_from_usec (self->modified_usec);
  return self->modified;
}

guint64
cd_article_summary_get_revision (CdArticleSummary *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_SUMMARY (self), 0);
  return self->revision;
}

guint
cd_article_summary_get_n_photos (CdArticleSummary *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_SUMMARY (self), 0);
  return self->n_photos;
}

CdArticleWarnings
cd_article_summary_get_warnings (CdArticleSummary *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_SUMMARY (self), CD_ARTICLE_WARNING_NONE);
  return self->warnings;
}

guint64
cd_article_summary_get_simhash (CdArticleSummary *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_SUMMARY (self), 0);
  return self->simhash;
}

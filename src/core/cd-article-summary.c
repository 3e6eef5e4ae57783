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

#include <string.h>

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

static const int text_props[CD_SUMMARY_N_TEXTS] = {
  PROP_ID, PROP_HEADLINE, PROP_STANDFIRST, PROP_DUPLICATE_OF,
};

static void
free_tags (char **tags)
{
  if (tags != (char **) no_tags)
    g_free (tags);
}

/* Set once: a summary's id never changes. */
void
_cd_article_summary_set_id (CdArticleSummary *self,
                            const char       *id,
                            gsize             length)
{
  char *copy;

  g_return_if_fail (*self->texts[CD_SUMMARY_ID] == '\0');

  if (length < sizeof self->id_inline)
    copy = memcpy (self->id_inline, id, length);
  else
    copy = self->id_heap = g_strndup (id, length);
  copy[length] = '\0';
  self->texts[CD_SUMMARY_ID] = copy;
}

/* Copies @texts but the id (NULL reads as "") into one new block. */
void
_cd_article_summary_set_texts (CdArticleSummary   *self,
                               const char * const *texts)
{
  gsize lengths[CD_SUMMARY_N_TEXTS];
  gsize total = 0;
  char *p;

  for (guint i = 1; i < CD_SUMMARY_N_TEXTS; i++)
    total += (lengths[i] = texts[i] ? strlen (texts[i]) : 0) + 1;
  g_free (self->text_block);
  p = self->text_block = g_malloc (total);
  for (guint i = 1; i < CD_SUMMARY_N_TEXTS; i++)
    {
      self->texts[i] = p;
      memcpy (p, texts[i] ? texts[i] : "", lengths[i]);
      p += lengths[i];
      *p++ = '\0';
    }
}

/* A string vector in a single allocation, freed with g_free(). */
char **
_cd_strv_pack (const char * const *strv)
{
  guint n = strv ? g_strv_length ((char **) strv) : 0;
  gsize size = (n + 1) * sizeof (char *);
  char **packed;
  char *p;

  for (guint i = 0; i < n; i++)
    size += strlen (strv[i]) + 1;
  packed = g_malloc (size);
  p = (char *) (packed + n + 1);
  for (guint i = 0; i < n; i++)
    {
      gsize length = strlen (strv[i]) + 1;

      packed[i] = memcpy (p, strv[i], length);
      p += length;
    }
  packed[n] = NULL;
  return packed;
}

/* Quarks live as long as the process: fine for sections and languages,
 * of which a store has a handful, not for text that differs per article. */
GQuark
_cd_summary_quark (const char *text)
{
  return text && *text ? g_quark_from_string (text) : 0;
}

static const char *
quark_text (GQuark quark)
{
  return quark ? g_quark_to_string (quark) : "";
}

/* Lower case only, as GChecksum writes digests: -1 for anything else. */
static int
hex_digit_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* FALSE unless @hex is a whole digest. */
gboolean
_cd_fingerprint_from_hex (guint8     *fingerprint,
                          const char *hex,
                          gsize       length)
{
  if (length != 2 * CD_FINGERPRINT_SIZE)
    return FALSE;
  for (guint i = 0; i < CD_FINGERPRINT_SIZE; i++)
    {
      int high = hex_digit_value (hex[2 * i]);
      int low = hex_digit_value (hex[2 * i + 1]);

      if (high < 0 || low < 0)
        return FALSE;
      fingerprint[i] = (guint8) (high << 4 | low);
    }
  return TRUE;
}

/* @hex has room for 2 * CD_FINGERPRINT_SIZE + 1 bytes. */
void
_cd_fingerprint_to_hex (const guint8 *fingerprint,
                        char         *hex)
{
  for (guint i = 0; i < CD_FINGERPRINT_SIZE; i++)
    {
      hex[2 * i] = "0123456789abcdef"[fingerprint[i] >> 4];
      hex[2 * i + 1] = "0123456789abcdef"[fingerprint[i] & 0xf];
    }
  hex[2 * CD_FINGERPRINT_SIZE] = '\0';
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
  g_autofree char *fingerprint = cd_article_dup_fingerprint (article);
  const char *texts[CD_SUMMARY_N_TEXTS] = {
    [CD_SUMMARY_ID] = cd_article_get_id (article),
    [CD_SUMMARY_HEADLINE] = cd_article_get_headline (article),
    [CD_SUMMARY_STANDFIRST] = cd_article_get_standfirst (article),
    [CD_SUMMARY_DUPLICATE_OF] = cd_article_get_duplicate_of (article),
  };

  /* The article makes the hex form itself, so it is always whole. */
  if (!_cd_fingerprint_from_hex (self->fingerprint, fingerprint, strlen (fingerprint)))
    g_critical ("Article %s has a malformed fingerprint “%s”", texts[CD_SUMMARY_ID], fingerprint);

  _cd_article_summary_set_id (self, texts[CD_SUMMARY_ID], strlen (texts[CD_SUMMARY_ID]));
  _cd_article_summary_set_texts (self, texts);
  free_tags (self->tags);
  self->tags = _cd_strv_pack (cd_article_get_tags (article));
  self->section = _cd_summary_quark (cd_article_get_section (article));
  self->language = _cd_summary_quark (cd_article_get_language (article));
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

  g_free (self->text_block);
  g_free (self->id_heap);
  free_tags (self->tags);

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
    case PROP_ID: g_value_set_string (value, self->texts[CD_SUMMARY_ID]); break;
    case PROP_HEADLINE: g_value_set_string (value, self->texts[CD_SUMMARY_HEADLINE]); break;
    case PROP_STANDFIRST: g_value_set_string (value, self->texts[CD_SUMMARY_STANDFIRST]); break;
    case PROP_STATUS: g_value_set_enum (value, self->status); break;
    case PROP_SECTION: g_value_set_string (value, quark_text (self->section)); break;
    case PROP_TAGS: g_value_set_boxed (value, self->tags); break;
    case PROP_LANGUAGE: g_value_set_string (value, quark_text (self->language)); break;
    case PROP_CREATED: g_value_take_boxed (value, cd_article_summary_dup_created (self)); break;
    case PROP_MODIFIED: g_value_take_boxed (value, cd_article_summary_dup_modified (self)); break;
    case PROP_REVISION: g_value_set_uint64 (value, self->revision); break;
    case PROP_N_PHOTOS: g_value_set_uint (value, self->n_photos); break;
    case PROP_WARNINGS: g_value_set_flags (value, self->warnings); break;
    case PROP_DUPLICATE_OF: g_value_set_string (value, self->texts[CD_SUMMARY_DUPLICATE_OF]); break;
    case PROP_FINGERPRINT: g_value_take_string (value, cd_article_summary_dup_fingerprint (self)); break;
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
  for (guint i = 0; i < CD_SUMMARY_N_TEXTS; i++)
    self->texts[i] = "";
  self->tags = (char **) no_tags;
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

/* Takes @from's text block; @from gets ours, to free. Ids stay. */
static void
assign_texts (CdArticleSummary *self,
              CdArticleSummary *from)
{
  gboolean changed[CD_SUMMARY_N_TEXTS] = { FALSE };
  char *block = self->text_block;

  for (guint i = 1; i < CD_SUMMARY_N_TEXTS; i++)
    {
      const char *text = self->texts[i];

      changed[i] = strcmp (text, from->texts[i]) != 0;
      self->texts[i] = from->texts[i];
      from->texts[i] = text;
    }
  self->text_block = from->text_block;
  from->text_block = block;
  for (guint i = 1; i < CD_SUMMARY_N_TEXTS; i++)
    if (changed[i])
      g_object_notify_by_pspec (G_OBJECT (self), properties[text_props[i]]);
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
  g_return_if_fail (strcmp (self->texts[CD_SUMMARY_ID], from->texts[CD_SUMMARY_ID]) == 0);

  g_object_freeze_notify (G_OBJECT (self));
  assign_texts (self, from);
  if (!g_strv_equal ((const char * const *) self->tags, (const char * const *) from->tags))
    {
      char **tags = self->tags;

      self->tags = from->tags;
      from->tags = tags;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
    }
  if (memcmp (self->fingerprint, from->fingerprint, CD_FINGERPRINT_SIZE) != 0)
    {
      memcpy (self->fingerprint, from->fingerprint, CD_FINGERPRINT_SIZE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINGERPRINT]);
    }
  ASSIGN_VALUE (section, PROP_SECTION);
  ASSIGN_VALUE (language, PROP_LANGUAGE);
  ASSIGN_VALUE (created_usec, PROP_CREATED);
  ASSIGN_VALUE (modified_usec, PROP_MODIFIED);
  ASSIGN_VALUE (revision, PROP_REVISION);
  ASSIGN_VALUE (simhash, PROP_SIMHASH);
  ASSIGN_VALUE (status, PROP_STATUS);
  ASSIGN_VALUE (warnings, PROP_WARNINGS);
  ASSIGN_VALUE (n_photos, PROP_N_PHOTOS);
  self->stamp = from->stamp;
  g_object_thaw_notify (G_OBJECT (self));
}

#undef ASSIGN_VALUE

/**
 * cd_article_summary_update:
 *
 * Brings the summary up to date with @article, which must have the same id,
 * emitting notify for each property that changed. A store keeps its own
 * summaries up to date (and in order): call this only on summaries you
 * made yourself.
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
  return strcmp (a->texts[CD_SUMMARY_ID], b->texts[CD_SUMMARY_ID]);
}

/**
 * cd_article_summary_compare_created:
 *
 * Newest created first, then by id; cheaper than comparing the times
 * cd_article_summary_dup_created() makes.
 *
 * Returns: negative when @a comes before @b
 */
int
cd_article_summary_compare_created (CdArticleSummary *a,
                                    CdArticleSummary *b)
{
  if (a->created_usec != b->created_usec)
    return a->created_usec > b->created_usec ? -1 : 1;
  return strcmp (a->texts[CD_SUMMARY_ID], b->texts[CD_SUMMARY_ID]);
}

#define TEXT_GETTER(field, TEXT)                                        \
  const char *                                                          \
  cd_article_summary_get_##field (CdArticleSummary *self)               \
  {                                                                     \
    g_return_val_if_fail (CD_IS_ARTICLE_SUMMARY (self), NULL);          \
    return self->texts[TEXT];                                           \
  }

TEXT_GETTER (id, CD_SUMMARY_ID)
TEXT_GETTER (headline, CD_SUMMARY_HEADLINE)
TEXT_GETTER (standfirst, CD_SUMMARY_STANDFIRST)
TEXT_GETTER (duplicate_of, CD_SUMMARY_DUPLICATE_OF)

#undef TEXT_GETTER

/**
 * cd_article_summary_dup_fingerprint:
 *
 * The summary keeps the digest, not its hex form: 32 bytes less for each
 * article in the list.
 *
 * Returns: (transfer full): what cd_article_dup_fingerprint() gave for the
 *   article, in hex
 */
char *
cd_article_summary_dup_fingerprint (CdArticleSummary *self)
{
  char *hex;

  g_return_val_if_fail (CD_IS_ARTICLE_SUMMARY (self), NULL);

  hex = g_malloc (2 * CD_FINGERPRINT_SIZE + 1);
  _cd_fingerprint_to_hex (self->fingerprint, hex);
  return hex;
}

const char *
cd_article_summary_get_section (CdArticleSummary *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_SUMMARY (self), NULL);
  return quark_text (self->section);
}

const char *
cd_article_summary_get_language (CdArticleSummary *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_SUMMARY (self), NULL);
  return quark_text (self->language);
}

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

/**
 * cd_article_summary_dup_created:
 *
 * A summary keeps its times as numbers: a GDateTime for each of 100,000
 * summaries would cost more than the rest of the summary.
 *
 * Returns: (transfer full): when the article was created, in UTC
 */
GDateTime *
cd_article_summary_dup_created (CdArticleSummary *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_SUMMARY (self), NULL);
  return datetime_from_usec (self->created_usec);
}

/**
 * cd_article_summary_dup_modified:
 *
 * Returns: (transfer full): when the article was last saved, in UTC
 */
GDateTime *
cd_article_summary_dup_modified (CdArticleSummary *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_SUMMARY (self), NULL);
  return datetime_from_usec (self->modified_usec);
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

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

/* The block of a summary that has no text yet: every part "". */
static const char empty_block[] = "\0\0\0";
static const guint32 empty_part_at[CD_SUMMARY_N_PARTS - 1] = { 1, 1, 2, 3 };

static const int part_props[CD_SUMMARY_N_PARTS] = {
  PROP_ID, PROP_TAGS, PROP_HEADLINE, PROP_STANDFIRST, PROP_DUPLICATE_OF,
};

/* The bit field holds every warning: this one is the last. */
G_STATIC_ASSERT (CD_ARTICLE_WARNING_NO_HEADLINE <= CD_SUMMARY_MAX_WARNINGS);

static void
free_block (char *block)
{
  if (block != empty_block)
    g_free (block);
}

/* @size counts every byte of every part, nuls included. Offsets are 32
 * bits: no article holds 4 GB of list text. */
void
_cd_summary_block_init (CdSummaryBlock *block,
                        gsize           size)
{
  if (size > G_MAXUINT32)
    g_error ("An article summary of %" G_GSIZE_FORMAT " bytes is too long", size);
  block->block = block->out = g_malloc (size);
}

/* Marks the start of @part where the block is being written. */
void
_cd_summary_block_begin (CdSummaryBlock *block,
                         CdSummaryPart   part)
{
  g_assert (part > CD_SUMMARY_ID && part < CD_SUMMARY_N_PARTS);

  block->part_at[part - 1] = (guint32) (block->out - block->block);
}

/* Replaces the summary's text by that of @block, which it takes. */
void
_cd_article_summary_take_block (CdArticleSummary *self,
                                CdSummaryBlock   *block)
{
  free_block (self->block);
  self->block = g_steal_pointer (&block->block);
  memcpy (self->part_at, block->part_at, sizeof self->part_at);
}

/* For the tags, where the first one is (or the headline, when none). */
const char *
_cd_article_summary_get_part (CdArticleSummary *self,
                              CdSummaryPart     part)
{
  return self->block + (part == CD_SUMMARY_ID ? 0 : self->part_at[part - 1]);
}

static char *
put_text (char       *out,
          const char *text)
{
  gsize size = strlen (text) + 1;

  memcpy (out, text, size);
  return out + size;
}

static const char *
or_empty (const char *text)
{
  return text ? text : "";
}

static void
take_texts_of (CdArticleSummary *self,
               CdArticle        *article)
{
  const char *id = cd_article_get_id (article);
  const char * const *tags = cd_article_get_tags (article);
  const char *headline = or_empty (cd_article_get_headline (article));
  const char *standfirst = or_empty (cd_article_get_standfirst (article));
  const char *duplicate_of = or_empty (cd_article_get_duplicate_of (article));
  gsize size = strlen (id) + strlen (headline) + strlen (standfirst) + strlen (duplicate_of) + 4;
  CdSummaryBlock block;

  for (guint i = 0; tags && tags[i]; i++)
    size += strlen (tags[i]) + 1;
  _cd_summary_block_init (&block, size);
  block.out = put_text (block.out, id);
  _cd_summary_block_begin (&block, CD_SUMMARY_TAGS);
  for (guint i = 0; tags && tags[i]; i++)
    block.out = put_text (block.out, tags[i]);
  _cd_summary_block_begin (&block, CD_SUMMARY_HEADLINE);
  block.out = put_text (block.out, headline);
  _cd_summary_block_begin (&block, CD_SUMMARY_STANDFIRST);
  block.out = put_text (block.out, standfirst);
  _cd_summary_block_begin (&block, CD_SUMMARY_DUPLICATE_OF);
  block.out = put_text (block.out, duplicate_of);
  _cd_article_summary_take_block (self, &block);
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

  /* The article makes the hex form itself, so it is always whole. */
  if (!_cd_fingerprint_from_hex (self->fingerprint, fingerprint, strlen (fingerprint)))
    g_critical ("Article %s has a malformed fingerprint “%s”", cd_article_get_id (article),
                fingerprint);
  take_texts_of (self, article);
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

  free_block (self->block);

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
    case PROP_ID: g_value_set_string (value, self->block); break;
    case PROP_HEADLINE: g_value_set_string (value, cd_article_summary_get_headline (self)); break;
    case PROP_STANDFIRST: g_value_set_string (value, cd_article_summary_get_standfirst (self)); break;
    case PROP_STATUS: g_value_set_enum (value, self->status); break;
    case PROP_SECTION: g_value_set_string (value, quark_text (self->section)); break;
    case PROP_TAGS: g_value_take_boxed (value, cd_article_summary_dup_tags (self)); break;
    case PROP_LANGUAGE: g_value_set_string (value, quark_text (self->language)); break;
    case PROP_CREATED: g_value_take_boxed (value, cd_article_summary_dup_created (self)); break;
    case PROP_MODIFIED: g_value_take_boxed (value, cd_article_summary_dup_modified (self)); break;
    case PROP_REVISION: g_value_set_uint64 (value, self->revision); break;
    case PROP_N_PHOTOS: g_value_set_uint (value, self->n_photos); break;
    case PROP_WARNINGS: g_value_set_flags (value, self->warnings); break;
    case PROP_DUPLICATE_OF: g_value_set_string (value, cd_article_summary_get_duplicate_of (self)); break;
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
  self->block = (char *) empty_block;
  memcpy (self->part_at, empty_part_at, sizeof self->part_at);
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

static gsize
tags_size (CdArticleSummary *self)
{
  return self->part_at[CD_SUMMARY_HEADLINE - 1] - self->part_at[CD_SUMMARY_TAGS - 1];
}

static gboolean
part_differs (CdArticleSummary *a,
              CdArticleSummary *b,
              CdSummaryPart     part)
{
  if (part == CD_SUMMARY_TAGS)
    return tags_size (a) != tags_size (b) ||
           memcmp (_cd_article_summary_get_part (a, part), _cd_article_summary_get_part (b, part),
                   tags_size (a)) != 0;
  return strcmp (_cd_article_summary_get_part (a, part), _cd_article_summary_get_part (b, part)) != 0;
}

/* Takes @from's block; @from gets ours, to free. The id is the same in
 * both, but it moves with the block. */
static void
assign_texts (CdArticleSummary *self,
              CdArticleSummary *from)
{
  gboolean changed[CD_SUMMARY_N_PARTS] = { FALSE };
  guint32 part_at[CD_SUMMARY_N_PARTS - 1];
  char *block = self->block;

  for (guint part = CD_SUMMARY_ID + 1; part < CD_SUMMARY_N_PARTS; part++)
    changed[part] = part_differs (self, from, part);
  memcpy (part_at, self->part_at, sizeof part_at);
  memcpy (self->part_at, from->part_at, sizeof part_at);
  memcpy (from->part_at, part_at, sizeof part_at);
  self->block = from->block;
  from->block = block;
  for (guint part = CD_SUMMARY_ID + 1; part < CD_SUMMARY_N_PARTS; part++)
    if (changed[part])
      g_object_notify_by_pspec (G_OBJECT (self), properties[part_props[part]]);
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
  g_return_if_fail (strcmp (self->block, from->block) == 0);

  g_object_freeze_notify (G_OBJECT (self));
  assign_texts (self, from);
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
  return strcmp (a->block, b->block);
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
  return strcmp (a->block, b->block);
}

#define TEXT_GETTER(field, TEXT)                                        \
  const char *                                                          \
  cd_article_summary_get_##field (CdArticleSummary *self)               \
  {                                                                     \
    g_return_val_if_fail (CD_IS_ARTICLE_SUMMARY (self), NULL);          \
    return _cd_article_summary_get_part (self, TEXT);                   \
  }

/**
 * cd_article_summary_get_id:
 *
 * Returns: the id. The id never changes, but its string moves when the
 *   summary is updated: copy it to keep it longer.
 */
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

/**
 * cd_article_summary_dup_tags:
 *
 * The summary keeps its tags as text, without the pointers of a string
 * vector: those would cost more than the tags themselves.
 *
 * Returns: (transfer full): the article's tags
 */
char **
cd_article_summary_dup_tags (CdArticleSummary *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *tag, *end;

  g_return_val_if_fail (CD_IS_ARTICLE_SUMMARY (self), NULL);

  tag = _cd_article_summary_get_part (self, CD_SUMMARY_TAGS);
  end = _cd_article_summary_get_part (self, CD_SUMMARY_HEADLINE);
  for (; tag < end; tag += strlen (tag) + 1)
    g_strv_builder_add (builder, tag);
  return g_strv_builder_end (builder);
}

CdArticleStatus
cd_article_summary_get_status (CdArticleSummary *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_SUMMARY (self), CD_ARTICLE_STATUS_DRAFT);
  return (CdArticleStatus) self->status;
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
  return (CdArticleWarnings) self->warnings;
}

guint64
cd_article_summary_get_simhash (CdArticleSummary *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_SUMMARY (self), 0);
  return self->simhash;
}

/* ------------------------------------------------------------------------
 * Tables by id
 *
 * The keys are the addresses of summaries' block fields. A block starts
 * with the id, so a key leads to the id, whichever block the summary
 * holds now; and a key is the address of a field of the summary, so the
 * summary comes back from it. Each key is its own value, which GHashTable
 * stores once: the table holds 12 bytes a slot, not 20 and a copy of
 * each id.
 */

static guint
block_key_hash (gconstpointer key)
{
  return g_str_hash (*(const char * const *) key);
}

static gboolean
block_key_equal (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b) == 0;
}

GHashTable *
_cd_summary_table_new (void)
{
  return g_hash_table_new (block_key_hash, block_key_equal);
}

/* Adds @summary, or puts it in place of the one with its id. */
void
_cd_summary_table_add (GHashTable       *table,
                       CdArticleSummary *summary)
{
  g_hash_table_add (table, &summary->block);
}

CdArticleSummary *
_cd_summary_table_lookup (GHashTable *table,
                          const char *id)
{
  char **key = g_hash_table_lookup (table, &id);

  return key ? (CdArticleSummary *) ((char *) key - G_STRUCT_OFFSET (CdArticleSummary, block)) : NULL;
}

gboolean
_cd_summary_table_remove (GHashTable *table,
                          const char *id)
{
  return g_hash_table_remove (table, &id);
}

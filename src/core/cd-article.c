/* cd-article.c: one news story, as the editor works on it
 *
 * An article emits "changed" whenever any of its fields, its photos or its
 * site bindings change, so that a view can autosave without listening to
 * every property one by one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cd-article.h"
#include "cd-enums.h"
#include "cd-util.h"

struct _CdArticle
{
  GObject parent_instance;

  char *id;
  char *headline;
  char *standfirst;
  char *byline;
  char *dateline;
  char *section;
  char **tags;
  char *language;
  char *body;
  char *note;
  char *source;
  char *source_url;
  char *duplicate_of;
  GDateTime *created;
  GDateTime *modified;
  guint64 revision;
  CdArticleStatus status;
  GListStore *photos;
  GPtrArray *bindings;       /* CdSiteBinding, one per site */
  JsonObject *ninjs_extra;   /* ninjs properties Copydesk does not map */

  /* Hashes of headline and body, computed on first use: an import needs
   * them to find duplicates and the store again for its index. */
  char *fingerprint;
  guint64 simhash;
  guint simhash_valid : 1;
};

G_DEFINE_FINAL_TYPE (CdArticle, cd_article, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_HEADLINE,
  PROP_STANDFIRST,
  PROP_BYLINE,
  PROP_DATELINE,
  PROP_SECTION,
  PROP_TAGS,
  PROP_LANGUAGE,
  PROP_STATUS,
  PROP_BODY,
  PROP_NOTE,
  PROP_SOURCE,
  PROP_SOURCE_URL,
  PROP_DUPLICATE_OF,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_REVISION,
  PROP_PHOTOS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Right-to-left scripts, by their BCP 47 primary language subtag. */
static const char * const rtl_languages[] = {
  "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ps", "sd", "syr", "ug", "ur", "yi", NULL
};

static void
emit_changed (CdArticle *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
set_string_prop (CdArticle   *self,
                 char       **field,
                 const char  *value,
                 int          prop)
{
  if (!cd_set_str (field, value ? value : ""))
    return;
  if (prop == PROP_HEADLINE || prop == PROP_BODY)
    {
      g_clear_pointer (&self->fingerprint, g_free);
      self->simhash_valid = FALSE;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  emit_changed (self);
}

static void
set_datetime_prop (CdArticle  *self,
                   GDateTime **field,
                   GDateTime  *value,
                   int         prop)
{
  if (*field == value || (*field && value && g_date_time_equal (*field, value)))
    return;
  g_clear_pointer (field, g_date_time_unref);
  if (value)
    *field = g_date_time_to_utc (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  emit_changed (self);
}

static void
on_photo_notify_cb (CdArticle  *self,
                    GParamSpec *pspec,
                    CdPhoto    *photo)
{
  emit_changed (self);
}

static void
on_photos_items_changed_cb (CdArticle  *self,
                            guint       position,
                            guint       removed,
                            guint       added,
                            GListModel *model)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(CdPhoto) photo = g_list_model_get_item (model, i);
      g_signal_handlers_disconnect_by_func (photo, on_photo_notify_cb, self);
      g_signal_connect_object (photo, "notify", G_CALLBACK (on_photo_notify_cb), self,
                               G_CONNECT_SWAPPED);
    }
  emit_changed (self);
}

static void
on_binding_notify_cb (CdArticle  *self,
                      GParamSpec *pspec,
                      gpointer    binding)
{
  emit_changed (self);
}

static void
cd_article_dispose (GObject *object)
{
  CdArticle *self = CD_ARTICLE (object);

  if (self->photos)
    g_signal_handlers_disconnect_by_data (self->photos, self);
  g_clear_object (&self->photos);
  g_clear_pointer (&self->bindings, g_ptr_array_unref);

  G_OBJECT_CLASS (cd_article_parent_class)->dispose (object);
}

static void
cd_article_finalize (GObject *object)
{
  CdArticle *self = CD_ARTICLE (object);

  g_free (self->id);
  g_free (self->headline);
  g_free (self->standfirst);
  g_free (self->byline);
  g_free (self->dateline);
  g_free (self->section);
  g_strfreev (self->tags);
  g_free (self->language);
  g_free (self->body);
  g_free (self->note);
  g_free (self->source);
  g_free (self->source_url);
  g_free (self->duplicate_of);
  g_free (self->fingerprint);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->modified, g_date_time_unref);
  g_clear_pointer (&self->ninjs_extra, json_object_unref);

  G_OBJECT_CLASS (cd_article_parent_class)->finalize (object);
}

static void
cd_article_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CdArticle *self = CD_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_HEADLINE: g_value_set_string (value, self->headline); break;
    case PROP_STANDFIRST: g_value_set_string (value, self->standfirst); break;
    case PROP_BYLINE: g_value_set_string (value, self->byline); break;
    case PROP_DATELINE: g_value_set_string (value, self->dateline); break;
    case PROP_SECTION: g_value_set_string (value, self->section); break;
    case PROP_TAGS: g_value_set_boxed (value, self->tags); break;
    case PROP_LANGUAGE: g_value_set_string (value, self->language); break;
    case PROP_STATUS: g_value_set_enum (value, self->status); break;
    case PROP_BODY: g_value_set_string (value, self->body); break;
    case PROP_NOTE: g_value_set_string (value, self->note); break;
    case PROP_SOURCE: g_value_set_string (value, self->source); break;
    case PROP_SOURCE_URL: g_value_set_string (value, self->source_url); break;
    case PROP_DUPLICATE_OF: g_value_set_string (value, self->duplicate_of); break;
    case PROP_CREATED: g_value_set_boxed (value, self->created); break;
    case PROP_MODIFIED: g_value_set_boxed (value, self->modified); break;
    case PROP_REVISION: g_value_set_uint64 (value, self->revision); break;
    case PROP_PHOTOS: g_value_set_object (value, self->photos); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_article_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CdArticle *self = CD_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      if (self->id == NULL)
        self->id = g_uuid_string_random ();
      break;
    case PROP_HEADLINE: cd_article_set_headline (self, g_value_get_string (value)); break;
    case PROP_STANDFIRST: cd_article_set_standfirst (self, g_value_get_string (value)); break;
    case PROP_BYLINE: cd_article_set_byline (self, g_value_get_string (value)); break;
    case PROP_DATELINE: cd_article_set_dateline (self, g_value_get_string (value)); break;
    case PROP_SECTION: cd_article_set_section (self, g_value_get_string (value)); break;
    case PROP_TAGS: cd_article_set_tags (self, g_value_get_boxed (value)); break;
    case PROP_LANGUAGE: cd_article_set_language (self, g_value_get_string (value)); break;
    case PROP_STATUS: cd_article_set_status (self, g_value_get_enum (value)); break;
    case PROP_BODY: cd_article_set_body (self, g_value_get_string (value)); break;
    case PROP_NOTE: cd_article_set_note (self, g_value_get_string (value)); break;
    case PROP_SOURCE: cd_article_set_source (self, g_value_get_string (value)); break;
    case PROP_SOURCE_URL: cd_article_set_source_url (self, g_value_get_string (value)); break;
    case PROP_DUPLICATE_OF: cd_article_set_duplicate_of (self, g_value_get_string (value)); break;
    case PROP_CREATED: cd_article_set_created (self, g_value_get_boxed (value)); break;
    case PROP_MODIFIED: cd_article_set_modified (self, g_value_get_boxed (value)); break;
    case PROP_REVISION: cd_article_set_revision (self, g_value_get_uint64 (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_pspec (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "",
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
cd_article_class_init (CdArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = cd_article_dispose;
  object_class->finalize = cd_article_finalize;
  object_class->get_property = cd_article_get_property;
  object_class->set_property = cd_article_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEADLINE] = string_pspec ("headline");
  properties[PROP_STANDFIRST] = string_pspec ("standfirst");
  properties[PROP_BYLINE] = string_pspec ("byline");
  properties[PROP_DATELINE] = string_pspec ("dateline");
  properties[PROP_SECTION] = string_pspec ("section");
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_LANGUAGE] = string_pspec ("language");
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, CD_TYPE_ARTICLE_STATUS,
                       CD_ARTICLE_STATUS_DRAFT, rw);
  properties[PROP_BODY] = string_pspec ("body");
  properties[PROP_NOTE] = string_pspec ("note");
  properties[PROP_SOURCE] = string_pspec ("source");
  properties[PROP_SOURCE_URL] = string_pspec ("source-url");
  properties[PROP_DUPLICATE_OF] = string_pspec ("duplicate-of");
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, rw);
  properties[PROP_MODIFIED] = g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME, rw);
  properties[PROP_REVISION] =
    g_param_spec_uint64 ("revision", NULL, NULL, 0, G_MAXUINT64, 0, rw);
  properties[PROP_PHOTOS] =
    g_param_spec_object ("photos", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CdArticle::changed:
   *
   * Emitted after any field, photo or site binding of the article changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cd_article_init (CdArticle *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  self->headline = g_strdup ("");
  self->standfirst = g_strdup ("");
  self->byline = g_strdup ("");
  self->dateline = g_strdup ("");
  self->section = g_strdup ("");
  self->tags = g_new0 (char *, 1);
  self->language = g_strdup ("");
  self->body = g_strdup ("");
  self->note = g_strdup ("");
  self->source = g_strdup ("");
  self->source_url = g_strdup ("");
  self->duplicate_of = g_strdup ("");
  self->created = g_date_time_ref (now);
  self->modified = g_date_time_ref (now);
  self->status = CD_ARTICLE_STATUS_DRAFT;
  self->photos = g_list_store_new (CD_TYPE_PHOTO);
  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect_object (self->photos, "items-changed",
                           G_CALLBACK (on_photos_items_changed_cb), self, G_CONNECT_SWAPPED);
}

const char *
cd_article_status_to_string (CdArticleStatus status)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (CD_TYPE_ARTICLE_STATUS);
  GEnumValue *value = g_enum_get_value (klass, status);

  return value ? value->value_nick : NULL;
}

gboolean
cd_article_status_from_string (const char      *str,
                               CdArticleStatus *status)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (CD_TYPE_ARTICLE_STATUS);
  GEnumValue *value;

  if (str == NULL)
    return FALSE;
  value = g_enum_get_value_by_nick (klass, str);
  if (value == NULL)
    return FALSE;
  if (status)
    *status = value->value;
  return TRUE;
}

CdArticle *
cd_article_new (void)
{
  return g_object_new (CD_TYPE_ARTICLE, NULL);
}

CdArticle *
cd_article_new_with_id (const char *id)
{
  return g_object_new (CD_TYPE_ARTICLE, "id", id, NULL);
}

CdArticle *
cd_article_copy (CdArticle *self)
{
  CdArticle *copy;

  g_return_val_if_fail (CD_IS_ARTICLE (self), NULL);

  copy = g_object_new (CD_TYPE_ARTICLE,
                       "id", self->id,
                       "headline", self->headline,
                       "standfirst", self->standfirst,
                       "byline", self->byline,
                       "dateline", self->dateline,
                       "section", self->section,
                       "tags", self->tags,
                       "language", self->language,
                       "status", self->status,
                       "body", self->body,
                       "note", self->note,
                       "source", self->source,
                       "source-url", self->source_url,
                       "duplicate-of", self->duplicate_of,
                       "created", self->created,
                       "modified", self->modified,
                       "revision", self->revision,
                       NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->photos)); i++)
    {
      g_autoptr(CdPhoto) photo = g_list_model_get_item (G_LIST_MODEL (self->photos), i);
      g_autoptr(CdPhoto) photo_copy = cd_photo_copy (photo);
      cd_article_add_photo (copy, photo_copy);
    }
  for (guint i = 0; i < self->bindings->len; i++)
    {
      g_autoptr(CdSiteBinding) binding = cd_site_binding_copy (g_ptr_array_index (self->bindings, i));
      cd_article_set_binding (copy, binding);
    }
  if (self->ninjs_extra)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(JsonNode) node_copy = NULL;

      json_node_set_object (node, self->ninjs_extra);
      node_copy = json_node_copy (node);
      cd_article_set_ninjs_extra (copy, json_node_get_object (node_copy));
    }

  return copy;
}

static gboolean
photos_equal (CdArticle *a,
              CdArticle *b)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (a->photos));

  if (n != g_list_model_get_n_items (G_LIST_MODEL (b->photos)))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdPhoto) pa = g_list_model_get_item (G_LIST_MODEL (a->photos), i);
      g_autoptr(CdPhoto) pb = g_list_model_get_item (G_LIST_MODEL (b->photos), i);
      if (!cd_photo_equal (pa, pb))
        return FALSE;
    }
  return TRUE;
}

static gboolean
bindings_equal (CdArticle *a,
                CdArticle *b)
{
  if (a->bindings->len != b->bindings->len)
    return FALSE;
  for (guint i = 0; i < a->bindings->len; i++)
    {
      CdSiteBinding *ba = g_ptr_array_index (a->bindings, i);
      CdSiteBinding *bb = cd_article_get_binding (b, cd_site_binding_get_site (ba));
      if (bb == NULL || !cd_site_binding_equal (ba, bb))
        return FALSE;
    }
  return TRUE;
}

static gboolean
extras_equal (CdArticle *a,
              CdArticle *b)
{
  g_autoptr(JsonNode) na = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) nb = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) empty = json_object_new ();

  json_node_set_object (na, a->ninjs_extra ? a->ninjs_extra : empty);
  json_node_set_object (nb, b->ninjs_extra ? b->ninjs_extra : empty);
  return json_node_equal (na, nb);
}

static gboolean
datetimes_equal (GDateTime *a,
                 GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_equal (a, b);
}

/* Field by field equality, for tests and for "did anything change". */
gboolean
cd_article_equal (CdArticle *a,
                  CdArticle *b)
{
  g_return_val_if_fail (CD_IS_ARTICLE (a), FALSE);
  g_return_val_if_fail (CD_IS_ARTICLE (b), FALSE);

  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->headline, b->headline) == 0 &&
         g_strcmp0 (a->standfirst, b->standfirst) == 0 &&
         g_strcmp0 (a->byline, b->byline) == 0 &&
         g_strcmp0 (a->dateline, b->dateline) == 0 &&
         g_strcmp0 (a->section, b->section) == 0 &&
         g_strv_equal ((const char * const *) a->tags, (const char * const *) b->tags) &&
         g_strcmp0 (a->language, b->language) == 0 &&
         a->status == b->status &&
         g_strcmp0 (a->body, b->body) == 0 &&
         g_strcmp0 (a->note, b->note) == 0 &&
         g_strcmp0 (a->source, b->source) == 0 &&
         g_strcmp0 (a->source_url, b->source_url) == 0 &&
         g_strcmp0 (a->duplicate_of, b->duplicate_of) == 0 &&
         datetimes_equal (a->created, b->created) &&
         datetimes_equal (a->modified, b->modified) &&
         a->revision == b->revision &&
         photos_equal (a, b) &&
         bindings_equal (a, b) &&
         extras_equal (a, b);
}

const char *
cd_article_get_id (CdArticle *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE (self), NULL);
  return self->id;
}

#define STRING_ACCESSORS(field, PROP)                                   \
  const char *                                                          \
  cd_article_get_##field (CdArticle *self)                              \
  {                                                                     \
    g_return_val_if_fail (CD_IS_ARTICLE (self), NULL);                  \
    return self->field;                                                 \
  }                                                                     \
                                                                        \
  void                                                                  \
  cd_article_set_##field (CdArticle  *self,                             \
                          const char *value)                            \
  {                                                                     \
    g_return_if_fail (CD_IS_ARTICLE (self));                            \
    set_string_prop (self, &self->field, value, PROP);                  \
  }

STRING_ACCESSORS (headline, PROP_HEADLINE)
STRING_ACCESSORS (standfirst, PROP_STANDFIRST)
STRING_ACCESSORS (byline, PROP_BYLINE)
STRING_ACCESSORS (dateline, PROP_DATELINE)
STRING_ACCESSORS (section, PROP_SECTION)
STRING_ACCESSORS (language, PROP_LANGUAGE)
STRING_ACCESSORS (body, PROP_BODY)
STRING_ACCESSORS (note, PROP_NOTE)
STRING_ACCESSORS (source, PROP_SOURCE)
STRING_ACCESSORS (source_url, PROP_SOURCE_URL)
STRING_ACCESSORS (duplicate_of, PROP_DUPLICATE_OF)

#undef STRING_ACCESSORS

const char * const *
cd_article_get_tags (CdArticle *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE (self), NULL);
  return (const char * const *) self->tags;
}

void
cd_article_set_tags (CdArticle          *self,
                     const char * const *tags)
{
  static const char * const no_tags[] = { NULL };

  g_return_if_fail (CD_IS_ARTICLE (self));

  if (tags == NULL)
    tags = no_tags;
  if (g_strv_equal ((const char * const *) self->tags, tags))
    return;
  g_strfreev (self->tags);
  self->tags = g_strdupv ((char **) tags);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
  emit_changed (self);
}

/* The language drives the text direction of the editor and of exports. */
gboolean
cd_article_is_rtl (CdArticle *self)
{
  g_autofree char *primary = NULL;
  const char *dash;

  g_return_val_if_fail (CD_IS_ARTICLE (self), FALSE);

  dash = strchr (self->language, '-');
  primary = g_ascii_strdown (self->language, dash ? dash - self->language : -1);
  return g_strv_contains (rtl_languages, primary);
}

CdArticleStatus
cd_article_get_status (CdArticle *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE (self), CD_ARTICLE_STATUS_DRAFT);
  return self->status;
}

void
cd_article_set_status (CdArticle       *self,
                       CdArticleStatus  status)
{
  g_return_if_fail (CD_IS_ARTICLE (self));
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  emit_changed (self);
}

GDateTime *
cd_article_get_created (CdArticle *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE (self), NULL);
  return self->created;
}

void
cd_article_set_created (CdArticle *self,
                        GDateTime *created)
{
  g_return_if_fail (CD_IS_ARTICLE (self));
  set_datetime_prop (self, &self->created, created, PROP_CREATED);
}

GDateTime *
cd_article_get_modified (CdArticle *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE (self), NULL);
  return self->modified;
}

void
cd_article_set_modified (CdArticle *self,
                         GDateTime *modified)
{
  g_return_if_fail (CD_IS_ARTICLE (self));
  set_datetime_prop (self, &self->modified, modified, PROP_MODIFIED);
}

guint64
cd_article_get_revision (CdArticle *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE (self), 0);
  return self->revision;
}

void
cd_article_set_revision (CdArticle *self,
                         guint64    revision)
{
  g_return_if_fail (CD_IS_ARTICLE (self));
  if (self->revision == revision)
    return;
  self->revision = revision;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
  emit_changed (self);
}

GListModel *
cd_article_get_photos (CdArticle *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE (self), NULL);
  return G_LIST_MODEL (self->photos);
}

guint
cd_article_get_n_photos (CdArticle *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->photos));
}

/* Returns a borrowed photo, or NULL when position is past the end. */
CdPhoto *
cd_article_get_photo (CdArticle *self,
                      guint      position)
{
  g_autoptr(CdPhoto) photo = NULL;

  g_return_val_if_fail (CD_IS_ARTICLE (self), NULL);

  photo = g_list_model_get_item (G_LIST_MODEL (self->photos), position);
  return photo; /* the list keeps its own reference */
}

void
cd_article_add_photo (CdArticle *self,
                      CdPhoto   *photo)
{
  g_return_if_fail (CD_IS_ARTICLE (self));
  g_return_if_fail (CD_IS_PHOTO (photo));
  g_list_store_append (self->photos, photo);
}

void
cd_article_insert_photo (CdArticle *self,
                         guint      position,
                         CdPhoto   *photo)
{
  g_return_if_fail (CD_IS_ARTICLE (self));
  g_return_if_fail (CD_IS_PHOTO (photo));
  position = MIN (position, cd_article_get_n_photos (self));
  g_list_store_insert (self->photos, position, photo);
}

void
cd_article_remove_photo (CdArticle *self,
                         guint      position)
{
  g_autoptr(CdPhoto) photo = NULL;

  g_return_if_fail (CD_IS_ARTICLE (self));
  g_return_if_fail (position < cd_article_get_n_photos (self));

  photo = g_list_model_get_item (G_LIST_MODEL (self->photos), position);
  g_signal_handlers_disconnect_by_func (photo, on_photo_notify_cb, self);
  g_list_store_remove (self->photos, position);
}

void
cd_article_move_photo (CdArticle *self,
                       guint      from,
                       guint      to)
{
  g_autoptr(CdPhoto) photo = NULL;
  guint n;

  g_return_if_fail (CD_IS_ARTICLE (self));

  n = cd_article_get_n_photos (self);
  g_return_if_fail (from < n && to < n);
  if (from == to)
    return;

  photo = g_list_model_get_item (G_LIST_MODEL (self->photos), from);
  g_list_store_remove (self->photos, from);
  g_list_store_insert (self->photos, to, photo);
}

/* Returns the article's own array of CdSiteBinding: do not modify it. */
GPtrArray *
cd_article_get_bindings (CdArticle *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE (self), NULL);
  return self->bindings;
}

CdSiteBinding *
cd_article_get_binding (CdArticle  *self,
                        const char *site)
{
  g_return_val_if_fail (CD_IS_ARTICLE (self), NULL);

  for (guint i = 0; i < self->bindings->len; i++)
    {
      CdSiteBinding *binding = g_ptr_array_index (self->bindings, i);
      if (g_strcmp0 (cd_site_binding_get_site (binding), site) == 0)
        return binding;
    }
  return NULL;
}

void
cd_article_set_binding (CdArticle     *self,
                        CdSiteBinding *binding)
{
  g_return_if_fail (CD_IS_ARTICLE (self));
  g_return_if_fail (CD_IS_SITE_BINDING (binding));

  if (cd_article_get_binding (self, cd_site_binding_get_site (binding)) == binding)
    return;
  cd_article_remove_binding (self, cd_site_binding_get_site (binding));
  g_ptr_array_add (self->bindings, g_object_ref (binding));
  g_signal_connect_object (binding, "notify", G_CALLBACK (on_binding_notify_cb), self,
                           G_CONNECT_SWAPPED);
  emit_changed (self);
}

void
cd_article_remove_binding (CdArticle  *self,
                           const char *site)
{
  CdSiteBinding *binding;

  g_return_if_fail (CD_IS_ARTICLE (self));

  binding = cd_article_get_binding (self, site);
  if (binding == NULL)
    return;
  g_signal_handlers_disconnect_by_func (binding, on_binding_notify_cb, self);
  g_ptr_array_remove (self->bindings, binding);
  emit_changed (self);
}

/* ninjs properties that Copydesk does not map to a field of its own; they
 * are kept so that an import followed by an export loses nothing. */
JsonObject *
cd_article_get_ninjs_extra (CdArticle *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE (self), NULL);
  return self->ninjs_extra;
}

void
cd_article_set_ninjs_extra (CdArticle  *self,
                            JsonObject *extra)
{
  g_return_if_fail (CD_IS_ARTICLE (self));
  if (self->ninjs_extra == extra)
    return;
  g_clear_pointer (&self->ninjs_extra, json_object_unref);
  if (extra && json_object_get_size (extra) > 0)
    self->ninjs_extra = json_object_ref (extra);
  emit_changed (self);
}

CdArticleWarnings
cd_article_get_warnings (CdArticle *self)
{
  CdArticleWarnings warnings = CD_ARTICLE_WARNING_NONE;

  g_return_val_if_fail (CD_IS_ARTICLE (self), CD_ARTICLE_WARNING_NONE);

  if (cd_str_is_blank (self->headline))
    warnings |= CD_ARTICLE_WARNING_NO_HEADLINE;
  if (cd_str_is_blank (self->body))
    warnings |= CD_ARTICLE_WARNING_EMPTY_BODY;
  if (!cd_str_is_blank (self->duplicate_of))
    warnings |= CD_ARTICLE_WARNING_POSSIBLE_DUPLICATE;
  for (guint i = 0; i < cd_article_get_n_photos (self); i++)
    if (!cd_photo_has_credit (cd_article_get_photo (self, i)))
      warnings |= CD_ARTICLE_WARNING_PHOTO_NO_CREDIT;

  return warnings;
}

/* The bytes of @text outside the separators, as (start, length) pairs:
 * what g_strsplit_set() would give minus the empty pieces, without
 * allocating a string per word. Separators are ASCII, so a multi-byte
 * UTF-8 character is never cut. */
typedef struct
{
  guint start;
  guint len;
} WordRange;

static void
find_words (const char *text,
            const char *separators,
            GArray     *words)
{
  guint8 is_separator[256] = { 0 };
  const char *p = text;
  WordRange *ranges;
  guint n = 0;

  for (const char *s = separators; *s; s++)
    is_separator[(guchar) *s] = 1;
  /* A word takes at least one byte and a separator: room for all of them
   * at once, so that each is stored without a call. */
  g_array_set_size (words, (guint) (strlen (text) / 2 + 1));
  ranges = (WordRange *) (gpointer) words->data;
  while (*p)
    {
      const char *start;

      while (*p && is_separator[(guchar) *p])
        p++;
      if (*p == '\0')
        break;
      start = p;
      while (*p && !is_separator[(guchar) *p])
        p++;
      ranges[n].start = start - text;
      ranges[n].len = p - start;
      n++;
    }
  g_array_set_size (words, n);
}

/* Writes @part at @out as its words, each followed by one space, and a
 * newline: white space (space, tab, CR, LF) folded. Returns the end of
 * what it wrote, at most strlen (@part) + 2 bytes. */
static char *
fold_white_space (char       *out,
                  const char *part)
{
  gboolean in_word = FALSE;

  for (const char *p = part; *p; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        {
          if (in_word)
            *out++ = ' ';
          in_word = FALSE;
        }
      else
        {
          *out++ = *p;
          in_word = TRUE;
        }
    }
  if (in_word)
    *out++ = ' ';
  *out++ = '\n';
  return out;
}

/* Identifies the story's text independently of id, dates and status, so
 * that importing the same copy twice can be recognised: SHA-256 over the
 * headline and body with runs of white space folded. */
char *
cd_article_dup_fingerprint (CdArticle *self)
{
  g_autoptr(GChecksum) sum = NULL;
  g_autofree char *folded = NULL;
  char *end;

  g_return_val_if_fail (CD_IS_ARTICLE (self), NULL);

  if (self->fingerprint)
    return g_strdup (self->fingerprint);

  /* Both parts in one buffer, so that the checksum is fed once. */
  folded = g_malloc (strlen (self->headline) + strlen (self->body) + 4);
  end = fold_white_space (folded, self->headline);
  end = fold_white_space (end, self->body);
  sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (sum, (const guchar *) folded, end - folded);
  self->fingerprint = g_strdup (g_checksum_get_string (sum));
  return g_strdup (self->fingerprint);
}

#define FNV_OFFSET G_GUINT64_CONSTANT (14695981039346656037)
#define FNV_PRIME G_GUINT64_CONSTANT (1099511628211)

static guint64
fnv1a64_update (guint64     hash,
                const char *bytes,
                gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      hash ^= (guchar) bytes[i];
      hash *= FNV_PRIME;
    }
  return hash;
}

/* Case-folds like g_utf8_casefold(), which works character by character,
 * but copies ASCII runs with a table instead of one character at a time:
 * news text is mostly ASCII, and this runs on every import and save. */
static char *
fast_casefold (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 1);
  const char *p = text;

  while (*p)
    {
      const char *start = p;

      if ((guchar) *p < 0x80)
        {
          gsize at = out->len;
          char *q;

          while (*p && (guchar) *p < 0x80)
            p++;
          g_string_append_len (out, start, p - start);
          /* without a branch per letter, which mixed case mispredicts,
           * and in a loop of known length the compiler vectorises */
          q = out->str + at;
          for (gsize i = 0; i < (gsize) (p - start); i++)
            q[i] = (char) (q[i] + (((guchar) (q[i] - 'A') < 26) << 5));
          continue;
        }
      while (*p && (guchar) *p >= 0x80)
        p++;
      {
        g_autofree char *folded = g_utf8_casefold (start, p - start);
        g_string_append (out, folded);
      }
    }
  return g_string_free (out, FALSE);
}

#define SIMHASH_SEPARATORS " \t\r\n.,;:!?\"'()[]*_#-"

/* Bit counting for the SimHash: for every position, how many shingle
 * hashes have it set. Counting bit by bit costs 64 additions per word
 * of every article; instead each byte of a hash is spread over the 8
 * bytes of a 64-bit word (bit i into byte i) by a table, so one addition
 * counts 8 positions at once. A byte counter holds at most 255, so the
 * counters are emptied into the totals every 255 hashes. */
typedef struct
{
  guint64 packed[8];    /* packed[k], byte i: count of bit 8k+i */
  guint n_packed;
  guint ones[64];
  guint n_hashes;
} BitCounts;

static const guint64 *
spread_table (void)
{
  static guint64 table[256];
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      for (guint b = 0; b < 256; b++)
        for (guint i = 0; i < 8; i++)
          if (b & (1u << i))
            table[b] |= G_GUINT64_CONSTANT (1) << (8 * i);
      g_once_init_leave (&initialized, 1);
    }
  return table;
}

static void
bit_counts_flush (BitCounts *counts)
{
  for (guint k = 0; k < 8; k++)
    {
      for (guint i = 0; i < 8; i++)
        counts->ones[8 * k + i] += (guint) ((counts->packed[k] >> (8 * i)) & 0xff);
      counts->packed[k] = 0;
    }
  counts->n_packed = 0;
}

static void
bit_counts_add (BitCounts      *counts,
                const guint64  *table,
                guint64         hash)
{
  for (guint k = 0; k < 8; k++)
    counts->packed[k] += table[(hash >> (8 * k)) & 0xff];
  counts->n_hashes++;
  if (++counts->n_packed == 255)
    bit_counts_flush (counts);
}

/* The words of @text joined by single spaces; @words then points into
 * the result, where each shingle of three words is one run of bytes. */
static char *
join_words (const char *text,
            GArray     *words)
{
  char *joined = g_malloc (strlen (text) + 1);
  char *out = joined;

  for (guint i = 0; i < words->len; i++)
    {
      WordRange *range = &g_array_index (words, WordRange, i);

      if (i > 0)
        *out++ = ' ';
      memcpy (out, text + range->start, range->len);
      range->start = (guint) (out - joined);
      out += range->len;
    }
  *out = '\0';
  return joined;
}

#define LANES 4

/* Hashes the shingles of @joined, LANES at a time: each FNV-1a hash is a
 * chain of multiplications, one per byte and each waiting for the one
 * before, while the chains of different shingles are independent, so
 * interleaved the processor runs them side by side. */
static void
add_shingles (BitCounts      *counts,
              const guint64  *table,
              const char     *joined,
              GArray         *words)
{
  const WordRange *ranges = (const WordRange *) (gpointer) words->data;
  guint n = words->len - 2;
  guint i = 0;

  for (; i + LANES <= n; i += LANES)
    {
      const char *start[LANES];
      gsize len[LANES];
      guint64 hash[LANES];
      gsize common = G_MAXSIZE;

      for (guint k = 0; k < LANES; k++)
        {
          const WordRange *first = &ranges[i + k], *last = &ranges[i + k + 2];

          start[k] = joined + first->start;
          len[k] = last->start + last->len - first->start;
          hash[k] = FNV_OFFSET;
          common = MIN (common, len[k]);
        }
      for (gsize b = 0; b < common; b++)
        for (guint k = 0; k < LANES; k++)
          hash[k] = (hash[k] ^ (guchar) start[k][b]) * FNV_PRIME;
      for (guint k = 0; k < LANES; k++)
        bit_counts_add (counts, table,
                        fnv1a64_update (hash[k], start[k] + common, len[k] - common));
    }
  for (; i < n; i++)
    {
      const WordRange *first = &ranges[i], *last = &ranges[i + 2];

      bit_counts_add (counts, table,
                      fnv1a64_update (FNV_OFFSET, joined + first->start,
                                      last->start + last->len - first->start));
    }
}

/* A 64-bit SimHash over three-word shingles of the headline and body,
 * case-folded: two versions of one story, lightly edited, differ in a few
 * bits only, so a near-duplicate can be found from the store's index
 * without reading every article. A shingle is hashed as the three words
 * joined by single spaces; a text of one or two words is hashed whole,
 * each separator read as a space. */
guint64
cd_article_get_simhash (CdArticle *self)
{
  g_autofree char *text = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GArray) words = NULL;
  const guint64 *table = spread_table ();
  BitCounts counts = { { 0 } };
  guint64 simhash = 0;

  g_return_val_if_fail (CD_IS_ARTICLE (self), 0);

  if (self->simhash_valid)
    return self->simhash;

  text = g_strconcat (self->headline, "\n", self->body, NULL);
  folded = fast_casefold (text);
  words = g_array_new (FALSE, FALSE, sizeof (WordRange));
  find_words (folded, SIMHASH_SEPARATORS, words);

  if (words->len > 0 && words->len < 3)
    {
      guint64 hash = FNV_OFFSET;

      for (const char *p = folded; *p; p++)
        {
          char c = strchr (SIMHASH_SEPARATORS, *p) ? ' ' : *p;
          hash = fnv1a64_update (hash, &c, 1);
        }
      bit_counts_add (&counts, table, hash);
    }
  if (words->len >= 3)
    {
      g_autofree char *joined = join_words (folded, words);
      add_shingles (&counts, table, joined, words);
    }

  /* a position is set when more shingles have it set than not */
  bit_counts_flush (&counts);
  for (guint bit = 0; bit < 64; bit++)
    if (counts.ones[bit] * 2 > counts.n_hashes)
      simhash |= G_GUINT64_CONSTANT (1) << bit;
  self->simhash = simhash;
  self->simhash_valid = TRUE;
  return simhash;
}

guint
cd_simhash_distance (guint64 a,
                     guint64 b)
{
  return (guint) __builtin_popcountll (a ^ b);
}

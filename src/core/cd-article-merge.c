/* cd-article-merge.c: three-way merge of two versions of one article
 *
 * When another program saved an article the editor has also changed,
 * each part of the article is compared between the version both started
 * from (base), the editor's (mine) and the other program's (theirs): a
 * part only they changed comes in, one only the editor changed stays,
 * and only a part both changed to different values needs a person.
 *
 * The parts are found rather than listed, so that nothing is left out
 * and undone by the next save: every writable property of CdArticle (a
 * field added later takes part without a word here), each member of the
 * ninjs properties the article keeps without mapping them, each site's
 * publishing record, and the photos, property by property while all
 * three versions have the same photos in the same order, otherwise as
 * one list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-article-merge.h"

typedef enum
{
  PART_PROPERTY,        /* a property of the article */
  PART_PHOTO_PROPERTY,  /* a property of the photo at @position */
  PART_PHOTOS,          /* the list of photos as a whole */
  PART_BINDING,         /* the publishing record for the site @key */
  PART_EXTRA,           /* the kept ninjs property @key */
} PartKind;

typedef struct
{
  PartKind kind;
  GParamSpec *pspec;
  char *key;
  guint position;
} Part;

typedef struct
{
  const char *name;
  const char *label;
} Label;

/* How a clash names a property; one missing here shows its own name. */
static const Label article_labels[] = {
  /* Translators: this and the names below are listed, comma-separated,
   * in sentences such as “Merged from another program: headline, body” */
  { "headline", N_("headline") },
  { "standfirst", N_("standfirst") },
  { "byline", N_("byline") },
  { "dateline", N_("dateline") },
  { "section", N_("section") },
  { "tags", N_("tags") },
  { "language", N_("language") },
  { "status", N_("status") },
  { "body", N_("body") },
  { "note", N_("note") },
  { "source", N_("source") },
  { "source-url", N_("source link") },
  { "duplicate-of", N_("duplicate mark") },
  { "created", N_("creation date") },
};

static const Label photo_labels[] = {
  /* Translators: this and the names below are shown through “%s of
   * photo %u”, as in “caption of photo 2” */
  { "caption", N_("caption") },
  { "credit", N_("credit") },
  { "alt-text", N_("alt text") },
  { "photographer", N_("photographer") },
  { "file", N_("image") },
  { "width", N_("image width") },
  { "height", N_("image height") },
};

/* What the store writes on every save: the saved merge gets new ones. */
static const char * const bookkeeping[] = { "revision", "modified", NULL };

static void
part_free (Part *part)
{
  g_free (part->key);
  g_free (part);
}

static Part *
part_new (PartKind    kind,
          GParamSpec *pspec,
          const char *key,
          guint       position)
{
  Part *part = g_new0 (Part, 1);

  part->kind = kind;
  part->pspec = pspec;
  part->key = g_strdup (key);
  part->position = position;
  return part;
}

/* Comparing and copying */

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a ? a : "", b ? b : "") == 0;
}

static gboolean
same_strv (const char * const *a,
           const char * const *b)
{
  const char * const empty[] = { NULL };

  return g_strv_equal (a ? a : empty, b ? b : empty);
}

static gboolean
same_datetime (GDateTime *a,
               GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_equal (a, b);
}

static gboolean
values_equal (GParamSpec   *pspec,
              const GValue *a,
              const GValue *b)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  GType fundamental = G_TYPE_FUNDAMENTAL (type);

  if (type == G_TYPE_STRING)
    return same_text (g_value_get_string (a), g_value_get_string (b));
  if (type == G_TYPE_STRV)
    return same_strv (g_value_get_boxed (a), g_value_get_boxed (b));
  if (type == G_TYPE_DATE_TIME)
    return same_datetime (g_value_get_boxed (a), g_value_get_boxed (b));
  /* Other boxed types and objects would compare as pointers, and two
   * loaded versions would never agree: teach this function the type. */
  if (fundamental == G_TYPE_BOXED || fundamental == G_TYPE_OBJECT ||
      fundamental == G_TYPE_POINTER || fundamental == G_TYPE_VARIANT)
    {
      g_critical ("cd-article-merge: cannot compare “%s” of type %s", pspec->name,
                  g_type_name (type));
      return FALSE;
    }
  /* Numbers, booleans, enumerations: by value. */
  return g_param_values_cmp (pspec, a, b) == 0;
}

static gboolean
property_equal (GObject    *a,
                GObject    *b,
                GParamSpec *pspec)
{
  g_auto(GValue) va = G_VALUE_INIT;
  g_auto(GValue) vb = G_VALUE_INIT;

  g_value_init (&va, G_PARAM_SPEC_VALUE_TYPE (pspec));
  g_value_init (&vb, G_PARAM_SPEC_VALUE_TYPE (pspec));
  g_object_get_property (a, pspec->name, &va);
  g_object_get_property (b, pspec->name, &vb);
  return values_equal (pspec, &va, &vb);
}

static void
property_take (GObject    *dst,
               GObject    *src,
               GParamSpec *pspec)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspec));
  g_object_get_property (src, pspec->name, &value);
  g_object_set_property (dst, pspec->name, &value);
}

static gboolean
photos_equal (CdArticle *a,
              CdArticle *b)
{
  guint n = cd_article_get_n_photos (a);

  if (n != cd_article_get_n_photos (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!cd_photo_equal (cd_article_get_photo (a, i), cd_article_get_photo (b, i)))
      return FALSE;
  return TRUE;
}

static void
photos_take (CdArticle *dst,
             CdArticle *src)
{
  while (cd_article_get_n_photos (dst) > 0)
    cd_article_remove_photo (dst, cd_article_get_n_photos (dst) - 1);
  for (guint i = 0; i < cd_article_get_n_photos (src); i++)
    {
      g_autoptr(CdPhoto) photo = cd_photo_copy (cd_article_get_photo (src, i));

      cd_article_add_photo (dst, photo);
    }
}

/* The same photos in the same order, whatever their captions say. */
static gboolean
same_photo_ids (CdArticle *a,
                CdArticle *b)
{
  guint n = cd_article_get_n_photos (a);

  if (n != cd_article_get_n_photos (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (cd_photo_get_id (cd_article_get_photo (a, i)),
                   cd_photo_get_id (cd_article_get_photo (b, i))) != 0)
      return FALSE;
  return TRUE;
}

static gboolean
binding_equal (CdArticle  *a,
               CdArticle  *b,
               const char *site)
{
  CdSiteBinding *ba = cd_article_get_binding (a, site);
  CdSiteBinding *bb = cd_article_get_binding (b, site);

  if (ba == NULL || bb == NULL)
    return ba == bb;
  return cd_site_binding_equal (ba, bb);
}

static void
binding_take (CdArticle  *dst,
              CdArticle  *src,
              const char *site)
{
  CdSiteBinding *from = cd_article_get_binding (src, site);
  g_autoptr(CdSiteBinding) copy = from ? cd_site_binding_copy (from) : NULL;

  if (copy)
    cd_article_set_binding (dst, copy);
  else
    cd_article_remove_binding (dst, site);
}

static JsonNode *
extra_member (CdArticle  *article,
              const char *key)
{
  JsonObject *extra = cd_article_get_ninjs_extra (article);

  if (extra == NULL || !json_object_has_member (extra, key))
    return NULL;
  return json_object_get_member (extra, key);
}

static gboolean
extra_equal (CdArticle  *a,
             CdArticle  *b,
             const char *key)
{
  JsonNode *na = extra_member (a, key);
  JsonNode *nb = extra_member (b, key);

  if (na == NULL || nb == NULL)
    return na == nb;
  return json_node_equal (na, nb);
}

/* A new object, so that the article notices: @dst's members in their
 * order, with @key as in @src (replaced in place, added or left out). */
static void
extra_take (CdArticle  *dst,
            CdArticle  *src,
            const char *key)
{
  JsonObject *old = cd_article_get_ninjs_extra (dst);
  JsonNode *from = extra_member (src, key);
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(GList) members = old ? json_object_get_members (old) : NULL;

  for (GList *l = members; l; l = l->next)
    {
      JsonNode *node = json_object_get_member (old, l->data);

      if (!g_str_equal (l->data, key))
        json_object_set_member (extra, l->data, json_node_copy (node));
      else if (from)
        json_object_set_member (extra, key, json_node_copy (from));
    }
  if (from && (old == NULL || !json_object_has_member (old, key)))
    json_object_set_member (extra, key, json_node_copy (from));
  cd_article_set_ninjs_extra (dst, extra);
}

/* Parts */

static gboolean
part_equal (const Part *part,
            CdArticle  *a,
            CdArticle  *b)
{
  switch (part->kind)
    {
    case PART_PROPERTY:
      return property_equal (G_OBJECT (a), G_OBJECT (b), part->pspec);
    case PART_PHOTO_PROPERTY:
      return property_equal (G_OBJECT (cd_article_get_photo (a, part->position)),
                             G_OBJECT (cd_article_get_photo (b, part->position)), part->pspec);
    case PART_PHOTOS:
      return photos_equal (a, b);
    case PART_BINDING:
      return binding_equal (a, b, part->key);
    case PART_EXTRA:
      return extra_equal (a, b, part->key);
    default:
      g_assert_not_reached ();
    }
}

static void
part_take (const Part *part,
           CdArticle  *dst,
           CdArticle  *src)
{
  switch (part->kind)
    {
    case PART_PROPERTY:
      property_take (G_OBJECT (dst), G_OBJECT (src), part->pspec);
      break;
    case PART_PHOTO_PROPERTY:
      property_take (G_OBJECT (cd_article_get_photo (dst, part->position)),
                     G_OBJECT (cd_article_get_photo (src, part->position)), part->pspec);
      break;
    case PART_PHOTOS:
      photos_take (dst, src);
      break;
    case PART_BINDING:
      binding_take (dst, src, part->key);
      break;
    case PART_EXTRA:
      extra_take (dst, src, part->key);
      break;
    default:
      g_assert_not_reached ();
    }
}

static const char *
find_label (const Label *labels,
            gsize        n_labels,
            const char  *name)
{
  for (gsize i = 0; i < n_labels; i++)
    if (g_str_equal (labels[i].name, name))
      return _(labels[i].label);
  return name;
}

static char *
part_label (const Part *part)
{
  const char *name = part->pspec ? part->pspec->name : NULL;

  switch (part->kind)
    {
    case PART_PROPERTY:
      return g_strdup (find_label (article_labels, G_N_ELEMENTS (article_labels), name));
    case PART_PHOTO_PROPERTY:
      /* Translators: one field of one of the article's photos, e.g.
       * "caption of photo 2"; the name comes from the list of photo
       * fields (caption, credit…). Where the name cannot take a
       * complement as written, "caption (photo 2)" says the same */
      return g_strdup_printf (_("%s of photo %u"),
                              find_label (photo_labels, G_N_ELEMENTS (photo_labels), name),
                              part->position + 1);
    case PART_PHOTOS:
      return g_strdup (_("photos"));
    case PART_BINDING:
      /* Translators: %s is the name of a site the article is published on */
      return g_strdup_printf (_("publishing record for %s"), part->key);
    case PART_EXTRA:
      /* Translators: %s is the name of a ninjs property, e.g. "embargoed" */
      return g_strdup_printf (_("ninjs property “%s”"), part->key);
    default:
      g_assert_not_reached ();
    }
}

static void
add_property_parts (GPtrArray *parts,
                    GType      type,
                    PartKind   kind,
                    guint      position)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  pspecs = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n);
  for (guint i = 0; i < n; i++)
    {
      GParamSpec *pspec = pspecs[i];

      /* The id names the article or photo; "photos" is read-only and
       * merged below. */
      if (!(pspec->flags & G_PARAM_WRITABLE) || (pspec->flags & G_PARAM_CONSTRUCT_ONLY) ||
          (kind == PART_PROPERTY && g_strv_contains (bookkeeping, pspec->name)))
        continue;
      g_ptr_array_add (parts, part_new (kind, pspec, NULL, position));
    }
}

static void
add_key (GPtrArray  *keys,
         const char *key)
{
  if (!g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
    g_ptr_array_add (keys, g_strdup (key));
}

/* Every site with a publishing record and every kept ninjs property in
 * any of the versions: one may have added or dropped it. */
static void
add_keyed_parts (GPtrArray  *parts,
                 CdArticle **versions)
{
  g_autoptr(GPtrArray) sites = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_free);

  for (guint v = 0; v < 3; v++)
    {
      GPtrArray *bindings = cd_article_get_bindings (versions[v]);
      JsonObject *extra = cd_article_get_ninjs_extra (versions[v]);
      g_autoptr(GList) names = extra ? json_object_get_members (extra) : NULL;

      for (guint i = 0; i < bindings->len; i++)
        add_key (sites, cd_site_binding_get_site (g_ptr_array_index (bindings, i)));
      for (GList *l = names; l; l = l->next)
        add_key (members, l->data);
    }
  for (guint i = 0; i < sites->len; i++)
    g_ptr_array_add (parts, part_new (PART_BINDING, NULL, g_ptr_array_index (sites, i), 0));
  for (guint i = 0; i < members->len; i++)
    g_ptr_array_add (parts, part_new (PART_EXTRA, NULL, g_ptr_array_index (members, i), 0));
}

static GPtrArray *
find_parts (CdArticle *base,
            CdArticle *mine,
            CdArticle *theirs)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);
  CdArticle *versions[] = { base, mine, theirs };

  add_property_parts (parts, CD_TYPE_ARTICLE, PART_PROPERTY, 0);
  /* A caption typed here and a credit set elsewhere are both kept while
   * nobody added, removed or moved a photo; otherwise the list is one
   * part, as matching photos across a reordering is guesswork. */
  if (same_photo_ids (base, mine) && same_photo_ids (base, theirs))
    {
      for (guint i = 0; i < cd_article_get_n_photos (base); i++)
        add_property_parts (parts, CD_TYPE_PHOTO, PART_PHOTO_PROPERTY, i);
    }
  else
    g_ptr_array_add (parts, part_new (PART_PHOTOS, NULL, NULL, 0));
  add_keyed_parts (parts, versions);
  return parts;
}

/* Public API */

/**
 * cd_article_merge_find_clashes:
 * @base: the version @mine and @theirs both started from
 * @mine: the editor's version
 * @theirs: the other program's version
 *
 * Returns: (transfer full) (element-type utf8): the names, translated
 *   and in a form that fits "the %s of this article", of the parts both
 *   sides changed to different values; empty when the merge needs no one
 */
GPtrArray *
cd_article_merge_find_clashes (CdArticle *base,
                               CdArticle *mine,
                               CdArticle *theirs)
{
  g_autoptr(GPtrArray) parts = NULL;
  GPtrArray *names;

  g_return_val_if_fail (CD_IS_ARTICLE (base), NULL);
  g_return_val_if_fail (CD_IS_ARTICLE (mine), NULL);
  g_return_val_if_fail (CD_IS_ARTICLE (theirs), NULL);

  parts = find_parts (base, mine, theirs);
  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < parts->len; i++)
    {
      const Part *part = g_ptr_array_index (parts, i);

      if (!part_equal (part, base, mine) && !part_equal (part, base, theirs) &&
          !part_equal (part, mine, theirs))
        g_ptr_array_add (names, part_label (part));
    }
  return names;
}

/**
 * cd_article_merge_take_theirs:
 * @base: the version @mine and @theirs both started from
 * @mine: the editor's version, changed in place
 * @theirs: the other program's version
 * @clashes: what becomes of the parts both changed to different values
 *
 * Copies into @mine every part @theirs changed and @mine did not, and,
 * with %CD_ARTICLE_MERGE_CLASHES_TAKE_THEIRS, every part both changed;
 * what only @mine changed stays either way.
 *
 * Returns: (transfer full) (element-type utf8): the names of the parts
 *   taken, as for cd_article_merge_find_clashes()
 */
GPtrArray *
cd_article_merge_take_theirs (CdArticle             *base,
                              CdArticle             *mine,
                              CdArticle             *theirs,
                              CdArticleMergeClashes  clashes)
{
  g_autoptr(GPtrArray) parts = NULL;
  GPtrArray *names;

  g_return_val_if_fail (CD_IS_ARTICLE (base), NULL);
  g_return_val_if_fail (CD_IS_ARTICLE (mine), NULL);
  g_return_val_if_fail (CD_IS_ARTICLE (theirs), NULL);

  parts = find_parts (base, mine, theirs);
  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < parts->len; i++)
    {
      const Part *part = g_ptr_array_index (parts, i);
      gboolean mine_changed;

      if (part_equal (part, base, theirs) || part_equal (part, mine, theirs))
        continue;
      mine_changed = !part_equal (part, base, mine);
      if (mine_changed && clashes == CD_ARTICLE_MERGE_CLASHES_KEEP_MINE)
        continue;
      part_take (part, mine, theirs);
      g_ptr_array_add (names, part_label (part));
    }
  return names;
}

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
 * publishing record, and the photos. Photos are matched by id, not by
 * place: each photo all three versions have merges property by
 * property; a photo missing from some version is one part (added on one
 * side, removed on one side, or removed on one side and edited on the
 * other); and the order of the photos all three have is one more part.
 * The list is then built again: in the order of the side whose order
 * wins, with each photo only the other side has placed after the photo
 * it followed there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-article-merge.h"

typedef enum
{
  PART_PROPERTY,        /* a property of the article */
  PART_PHOTO_PROPERTY,  /* a property of the photo @key, which all have */
  PART_PHOTO,           /* the photo @key, which some version lacks */
  PART_PHOTO_ORDER,     /* the order of the photos in @common */
  PART_BINDING,         /* the publishing record for the site @key */
  PART_EXTRA,           /* the kept ninjs property @key */
} PartKind;

typedef struct
{
  PartKind kind;
  GParamSpec *pspec;
  char *key;
  GPtrArray *common;    /* the keys of the photos all three versions have */
} Part;

/* The versions, in this order, where a part needs all three. */
enum { BASE, MINE, THEIRS, N_VERSIONS };

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
  g_clear_pointer (&part->common, g_ptr_array_unref);
  g_free (part);
}

static Part *
part_new (PartKind    kind,
          GParamSpec *pspec,
          const char *key)
{
  Part *part = g_new0 (Part, 1);

  part->kind = kind;
  part->pspec = pspec;
  part->key = g_strdup (key);
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

/* Photos, matched by id */

/* A photo's key is its id; a second photo with the same id (a file
 * edited by hand, say) is told apart by its rank, "id#2", so that every
 * photo still makes exactly one part. */
static GPtrArray *
photo_keys (CdArticle *article)
{
  guint n = cd_article_get_n_photos (article);
  GPtrArray *keys = g_ptr_array_new_full (n, g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      const char *id = cd_photo_get_id (cd_article_get_photo (article, i));
      guint rank = GPOINTER_TO_UINT (g_hash_table_lookup (seen, id)) + 1;

      g_hash_table_insert (seen, (gpointer) id, GUINT_TO_POINTER (rank));
      g_ptr_array_add (keys, rank == 1 ? g_strdup (id) : g_strdup_printf ("%s#%u", id, rank));
    }
  return keys;
}

static gboolean
find_key (GPtrArray  *keys,
          const char *key,
          guint      *index)
{
  return g_ptr_array_find_with_equal_func (keys, key, g_str_equal, index);
}

/* The photo with @key, or %NULL; @index, when given, gets its place. */
static CdPhoto *
photo_by_key (CdArticle  *article,
              const char *key,
              guint      *index)
{
  g_autoptr(GPtrArray) keys = photo_keys (article);
  guint i;

  if (!find_key (keys, key, &i))
    return NULL;
  if (index)
    *index = i;
  return cd_article_get_photo (article, i);
}

static gboolean
photo_equal (CdArticle  *a,
             CdArticle  *b,
             const char *key)
{
  CdPhoto *pa = photo_by_key (a, key, NULL);
  CdPhoto *pb = photo_by_key (b, key, NULL);

  if (pa == NULL || pb == NULL)
    return pa == pb;
  return cd_photo_equal (pa, pb);
}

/* Every writable property, as for the parts of a photo all versions
 * have: for the rare photo both sides added under one id. */
static void
photo_take_fields (CdPhoto *dst,
                   CdPhoto *src)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (dst), &n);
  for (guint i = 0; i < n; i++)
    if ((pspecs[i]->flags & G_PARAM_WRITABLE) && !(pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY))
      property_take (G_OBJECT (dst), G_OBJECT (src), pspecs[i]);
}

/* The keys of @article's photos that are in @common, in its order. */
static GPtrArray *
keys_among (CdArticle *article,
            GPtrArray *common)
{
  g_autoptr(GPtrArray) keys = photo_keys (article);
  GPtrArray *kept = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < keys->len; i++)
    if (find_key (common, g_ptr_array_index (keys, i), NULL))
      g_ptr_array_add (kept, g_strdup (g_ptr_array_index (keys, i)));
  return kept;
}

/* Only the photos all three versions have tell whether one side moved
 * photos: an addition or a removal is no move. */
static gboolean
order_equal (CdArticle *a,
             CdArticle *b,
             GPtrArray *common)
{
  g_autoptr(GPtrArray) ka = keys_among (a, common);
  g_autoptr(GPtrArray) kb = keys_among (b, common);

  if (ka->len != kb->len)
    return FALSE;
  for (guint i = 0; i < ka->len; i++)
    if (!g_str_equal (g_ptr_array_index (ka, i), g_ptr_array_index (kb, i)))
      return FALSE;
  return TRUE;
}

/* Whether the merged list holds @key: as their version does when the
 * photo's part was taken, as the editor's does otherwise. */
static gboolean
key_is_merged (const char *key,
               GPtrArray  *mine,
               GPtrArray  *theirs,
               GHashTable *taken)
{
  return find_key (g_hash_table_contains (taken, key) ? theirs : mine, key, NULL);
}

/* Puts the photo at @index of @side into @list after the nearest photo
 * before it on @side that @list holds (or first), and after the photos
 * right there that @side does not know: the additions of the side whose
 * order the list follows come first. */
static void
place_after_predecessor (GPtrArray *list,
                         GPtrArray *side,
                         guint      index)
{
  guint at = 0;

  for (guint i = index; i-- > 0;)
    if (find_key (list, g_ptr_array_index (side, i), &at))
      {
        at++;
        break;
      }
  while (at < list->len && !find_key (side, g_ptr_array_index (list, at), NULL))
    at++;
  g_ptr_array_insert (list, at, g_strdup (g_ptr_array_index (side, index)));
}

/* The keys of the merged list, in order: that of the side whose order
 * wins, with the photos only the other side has placed among them. */
static GPtrArray *
merged_keys (GPtrArray  *mine,
             GPtrArray  *theirs,
             GHashTable *taken,
             gboolean    order_taken)
{
  GPtrArray *first = order_taken ? theirs : mine;
  GPtrArray *second = order_taken ? mine : theirs;
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < first->len; i++)
    if (key_is_merged (g_ptr_array_index (first, i), mine, theirs, taken))
      g_ptr_array_add (list, g_strdup (g_ptr_array_index (first, i)));
  for (guint i = 0; i < second->len; i++)
    {
      const char *key = g_ptr_array_index (second, i);

      if (key_is_merged (key, mine, theirs, taken) && !find_key (list, key, NULL))
        place_after_predecessor (list, second, i);
    }
  return list;
}

/* Makes @article's list hold @photos, in their order. The photos it
 * keeps are moved, not replaced, so that what shows them follows. */
static void
photos_apply (CdArticle *article,
              GPtrArray *photos)
{
  for (guint i = 0; i < photos->len; i++)
    {
      CdPhoto *wanted = g_ptr_array_index (photos, i);
      guint n = cd_article_get_n_photos (article);
      guint j = i;

      while (j < n && cd_article_get_photo (article, j) != wanted)
        j++;
      if (j == n)
        cd_article_insert_photo (article, i, wanted);
      else if (j != i)
        cd_article_move_photo (article, j, i);
    }
  while (cd_article_get_n_photos (article) > photos->len)
    cd_article_remove_photo (article, cd_article_get_n_photos (article) - 1);
}

/* Builds the editor's list again from the photo parts taken (@taken,
 * by key) and whether their order was. */
static void
photos_take (CdArticle  *mine,
             CdArticle  *theirs,
             GHashTable *taken,
             gboolean    order_taken)
{
  g_autoptr(GPtrArray) mine_keys = photo_keys (mine);
  g_autoptr(GPtrArray) their_keys = photo_keys (theirs);
  g_autoptr(GPtrArray) keys = merged_keys (mine_keys, their_keys, taken, order_taken);
  g_autoptr(GPtrArray) photos = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      CdPhoto *ours = photo_by_key (mine, key, NULL);
      CdPhoto *other = photo_by_key (theirs, key, NULL);

      if (ours == NULL)
        g_ptr_array_add (photos, cd_photo_copy (other));
      else
        {
          if (other && g_hash_table_contains (taken, key))
            photo_take_fields (ours, other);
          g_ptr_array_add (photos, g_object_ref (ours));
        }
    }
  photos_apply (mine, photos);
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
      return property_equal (G_OBJECT (photo_by_key (a, part->key, NULL)),
                             G_OBJECT (photo_by_key (b, part->key, NULL)), part->pspec);
    case PART_PHOTO:
      return photo_equal (a, b, part->key);
    case PART_PHOTO_ORDER:
      return order_equal (a, b, part->common);
    case PART_BINDING:
      return binding_equal (a, b, part->key);
    case PART_EXTRA:
      return extra_equal (a, b, part->key);
    default:
      g_assert_not_reached ();
    }
}

/* Photos and their order are taken all at once, by photos_take(). */
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
      property_take (G_OBJECT (photo_by_key (dst, part->key, NULL)),
                     G_OBJECT (photo_by_key (src, part->key, NULL)), part->pspec);
      break;
    case PART_BINDING:
      binding_take (dst, src, part->key);
      break;
    case PART_EXTRA:
      extra_take (dst, src, part->key);
      break;
    case PART_PHOTO:
    case PART_PHOTO_ORDER:
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

/* A photo's number as the editor sees it in @shown, or as their
 * version (or else the base) shows it when @shown has no such photo. */
static guint
photo_number (CdArticle  **versions,
              CdArticle   *shown,
              const char  *key)
{
  CdArticle *order[] = { shown, versions[THEIRS], versions[BASE] };
  guint index = 0;

  for (guint v = 0; v < G_N_ELEMENTS (order); v++)
    if (photo_by_key (order[v], key, &index))
      break;
  return index + 1;
}

/* A photo some version lacks, named by what happened to it. */
static char *
photo_part_label (const Part  *part,
                  CdArticle  **versions,
                  CdArticle   *shown)
{
  gboolean in_base = photo_by_key (versions[BASE], part->key, NULL) != NULL;
  gboolean in_mine = photo_by_key (versions[MINE], part->key, NULL) != NULL;
  gboolean in_theirs = photo_by_key (versions[THEIRS], part->key, NULL) != NULL;
  guint number = photo_number (versions, shown, part->key);

  if (in_base && !in_mine && in_theirs)
    /* Translators: a photo of the article, by its number, that the
     * editor removed while another program changed it */
    return g_strdup_printf (_("photo %u (removed here, changed by the other program)"), number);
  if (in_base && in_mine && !in_theirs && !part_equal (part, versions[BASE], versions[MINE]))
    /* Translators: a photo of the article, by its number, that the
     * editor changed while another program removed it */
    return g_strdup_printf (_("photo %u (changed here, removed by the other program)"), number);
  if (in_base && !in_theirs)
    /* Translators: another program removed this photo of the article,
     * e.g. “Merged from another program: removal of photo 2” */
    return g_strdup_printf (_("removal of photo %u"), number);
  if (!in_base && in_theirs && !in_mine)
    /* Translators: another program added this photo to the article,
     * e.g. “Merged from another program: new photo 3” */
    return g_strdup_printf (_("new photo %u"), number);
  /* Translators: one of the article's photos, by its number */
  return g_strdup_printf (_("photo %u"), number);
}

/* @versions say what happened to the part; photos are numbered as
 * @shown, the editor's list, has them. */
static char *
part_label (const Part  *part,
            CdArticle  **versions,
            CdArticle   *shown)
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
                              photo_number (versions, shown, part->key));
    case PART_PHOTO:
      return photo_part_label (part, versions, shown);
    case PART_PHOTO_ORDER:
      /* Translators: the order in which the article's photos appear */
      return g_strdup (_("order of the photos"));
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
add_property_parts (GPtrArray  *parts,
                    GType       type,
                    PartKind    kind,
                    const char *key)
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
      g_ptr_array_add (parts, part_new (kind, pspec, key));
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

  for (guint v = 0; v < N_VERSIONS; v++)
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
    g_ptr_array_add (parts, part_new (PART_BINDING, NULL, g_ptr_array_index (sites, i)));
  for (guint i = 0; i < members->len; i++)
    g_ptr_array_add (parts, part_new (PART_EXTRA, NULL, g_ptr_array_index (members, i)));
}

/* A caption typed here and a credit set elsewhere are both kept, and so
 * are a photo added here and one added there: each photo any version
 * has is a part, or one per property when all three have it, and the
 * order of those all three have is one more. */
static void
add_photo_parts (GPtrArray  *parts,
                 CdArticle **versions)
{
  static const guint order_of_parts[] = { MINE, THEIRS, BASE };
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *common = g_ptr_array_new_with_free_func (g_free);
  Part *order;

  for (guint v = 0; v < G_N_ELEMENTS (order_of_parts); v++)
    {
      g_autoptr(GPtrArray) keys = photo_keys (versions[order_of_parts[v]]);

      for (guint i = 0; i < keys->len; i++)
        add_key (all, g_ptr_array_index (keys, i));
    }
  for (guint i = 0; i < all->len; i++)
    {
      const char *key = g_ptr_array_index (all, i);

      if (photo_by_key (versions[BASE], key, NULL) && photo_by_key (versions[MINE], key, NULL) &&
          photo_by_key (versions[THEIRS], key, NULL))
        {
          add_property_parts (parts, CD_TYPE_PHOTO, PART_PHOTO_PROPERTY, key);
          g_ptr_array_add (common, g_strdup (key));
        }
      else
        g_ptr_array_add (parts, part_new (PART_PHOTO, NULL, key));
    }
  order = part_new (PART_PHOTO_ORDER, NULL, NULL);
  order->common = common;
  g_ptr_array_add (parts, order);
}

static GPtrArray *
find_parts (CdArticle **versions)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);

  add_property_parts (parts, CD_TYPE_ARTICLE, PART_PROPERTY, NULL);
  add_photo_parts (parts, versions);
  add_keyed_parts (parts, versions);
  return parts;
}

/* Whether their side of @part comes in: when only they changed it, or
 * when both did and @clashes is Take Theirs. A clash otherwise keeps the
 * editor's side, with no exception: Keep Mine is the editor's word that
 * their own version wins where the two disagree. So a photo the
 * editor removed and the other program changed stays removed with Keep
 * Mine (their change to it is dropped; the editor saw the banner name
 * it) and comes back, changed, with Take Theirs; a photo the editor
 * changed and they removed stays, as changed here, with Keep Mine. */
static gboolean
should_take (const Part             *part,
             CdArticle             **versions,
             CdArticleMergeClashes   clashes)
{
  if (part_equal (part, versions[BASE], versions[THEIRS]) ||
      part_equal (part, versions[MINE], versions[THEIRS]))
    return FALSE;
  if (part_equal (part, versions[BASE], versions[MINE]))
    return TRUE;
  return clashes == CD_ARTICLE_MERGE_CLASHES_TAKE_THEIRS;
}

/* Public API */

/**
 * cd_article_merge_find_clashes:
 * @base: the version @mine and @theirs both started from
 * @mine: the editor's version
 * @theirs: the other program's version
 *
 * Photos are told apart by id (cd_photo_get_id()), so that photos
 * added, removed or moved on either side merge. A photo one side
 * removed and the other changed is a clash, and so is an order both
 * sides changed differently.
 *
 * Returns: (transfer full) (element-type utf8): the names, translated
 *   and in a form that fits "the %s of this article", of the parts both
 *   sides changed to different values (“headline”, “caption of photo
 *   2”, “photo 3 (removed here, changed by the other program)”, “order
 *   of the photos”); empty when the merge needs no one
 */
GPtrArray *
cd_article_merge_find_clashes (CdArticle *base,
                               CdArticle *mine,
                               CdArticle *theirs)
{
  CdArticle *versions[N_VERSIONS] = { base, mine, theirs };
  g_autoptr(GPtrArray) parts = NULL;
  GPtrArray *names;

  g_return_val_if_fail (CD_IS_ARTICLE (base), NULL);
  g_return_val_if_fail (CD_IS_ARTICLE (mine), NULL);
  g_return_val_if_fail (CD_IS_ARTICLE (theirs), NULL);

  parts = find_parts (versions);
  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < parts->len; i++)
    {
      const Part *part = g_ptr_array_index (parts, i);

      if (!part_equal (part, base, mine) && !part_equal (part, base, theirs) &&
          !part_equal (part, mine, theirs))
        g_ptr_array_add (names, part_label (part, versions, mine));
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
 * what only @mine changed stays either way. A photo @mine removed and
 * @theirs changed is a clash like any other: it stays removed with
 * %CD_ARTICLE_MERGE_CLASHES_KEEP_MINE and comes back, changed, with
 * %CD_ARTICLE_MERGE_CLASHES_TAKE_THEIRS. A photo only @theirs has goes
 * after the photo it follows in @theirs; the photos @mine keeps stay
 * the same objects, moved rather than replaced.
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
  CdArticle *versions[N_VERSIONS] = { base, mine, theirs };
  g_autoptr(CdArticle) before = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GPtrArray) taken = g_ptr_array_new ();
  g_autoptr(GHashTable) photos = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean order_taken = FALSE;
  GPtrArray *names;

  g_return_val_if_fail (CD_IS_ARTICLE (base), NULL);
  g_return_val_if_fail (CD_IS_ARTICLE (mine), NULL);
  g_return_val_if_fail (CD_IS_ARTICLE (theirs), NULL);

  parts = find_parts (versions);
  for (guint i = 0; i < parts->len; i++)
    {
      Part *part = g_ptr_array_index (parts, i);

      if (should_take (part, versions, clashes))
        g_ptr_array_add (taken, part);
    }

  /* The names say what happened, so they look at the editor's version
   * as it was; they number photos as the merged list does. */
  before = cd_article_copy (mine);
  for (guint i = 0; i < taken->len; i++)
    {
      Part *part = g_ptr_array_index (taken, i);

      if (part->kind == PART_PHOTO)
        g_hash_table_add (photos, part->key);
      else if (part->kind == PART_PHOTO_ORDER)
        order_taken = TRUE;
      else
        part_take (part, mine, theirs);
    }
  if (order_taken || g_hash_table_size (photos) > 0)
    photos_take (mine, theirs, photos, order_taken);

  versions[MINE] = before;
  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < taken->len; i++)
    g_ptr_array_add (names, part_label (g_ptr_array_index (taken, i), versions, mine));
  return names;
}
